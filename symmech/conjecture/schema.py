"""Conjecture files (TOML) -> a validated :class:`Conjecture`, and concrete :class:`Instance` objects.

Every formula goes through the whitelist parser :mod:`symmech.parsing`; every
unknown key, wrong type or invalid object (negative price density, price law
that is not a probability law, non-monotone allocation, ``q > 1``) raises
:class:`ConjectureError` naming where it is (``[mechanism].allocation: ...``).
Nothing is computed for an invalid file.
"""
from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import sympy as sp

from ..parsing import DEFAULT_FUNCTIONS, ExpressionError, parse_expression, parse_number, parse_relation

__all__ = ["ConjectureError", "Conjecture", "Instance", "MomentSpec", "load", "loads", "parse"]

RESERVED = {"theta", "p", "e", "E", "pi"} | set(DEFAULT_FUNCTIONS)
CLAIM_KEYS = ("guarantee", "guarantee_at_least", "value", "optimal")
_TOP = {"name", "description", "model", "mechanism", "claim", "parameters", "definitions", "numerics"}
_MODEL = {"values", "moments"}
_MECH = {"posted_price", "price_density", "price_atoms", "allocation"}
_NUMERICS = {"grid", "points"}


class ConjectureError(ValueError):
    """An invalid conjecture file (the message says where and why)."""


@dataclass(frozen=True)
class MomentSpec:
    """``E[g(theta)] relation value`` (exact SymPy expressions)."""

    g: sp.Expr
    relation: str
    value: sp.Expr
    text: str = ""


@dataclass
class Conjecture:
    """A parsed conjecture; parameters still symbolic."""

    name: str
    description: str
    theta: sp.Symbol
    price: sp.Symbol
    parameters: dict[sp.Symbol, Any]          # Symbol -> Interval (closed range) or exact value
    support: tuple[sp.Expr, sp.Expr]
    moments: list[MomentSpec]
    mechanism: dict[str, Any]                 # kind + parsed data
    claims: list[tuple[str, Any]]             # (id, expression or True)
    grid: int = 400
    points: int = 3
    source: str = ""
    definitions: list[tuple[sp.Symbol, sp.Expr]] = field(default_factory=list)
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_cache"] = {}
        return state

    @property
    def free_parameters(self) -> list[sp.Symbol]:
        """Parameters given by a range (not a single value)."""
        return [s for s, d in self.parameters.items() if isinstance(d, sp.Interval)]

    def fixed_values(self) -> dict[sp.Symbol, sp.Expr]:
        return {s: d for s, d in self.parameters.items() if not isinstance(d, sp.Interval)}

    def instance(self, point: Mapping[sp.Symbol, sp.Expr] | None = None) -> "Instance":
        """The concrete model at ``point`` (values for every ranged parameter)."""

        key = tuple(sorted((str(s), str(v)) for s, v in (point or {}).items()))
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        inst = self._instance(point)
        self._cache[key] = inst
        return inst

    def _instance(self, point):
        from .model import build_instance

        values = self.fixed_values()
        for s in self.free_parameters:
            if point is None or s not in point:
                raise ConjectureError(f"parameter {s} needs a value")
            values[s] = sp.sympify(point[s])
        defs: dict[sp.Symbol, sp.Expr] = {}
        for sym, expr in self.definitions:
            v = expr.subs(values).subs(defs)
            approx = sp.N(v, 30)
            if v.free_symbols or not approx.is_real or not approx.is_finite:
                where = ", ".join(f"{s} = {values[s]}" for s in self.free_parameters)
                raise ConjectureError(f"[definitions].{sym}: {expr} is not a finite real number"
                                      + (f" at {where}" if where else ""))
            if v.is_Rational or not v.atoms(sp.Function):
                values[sym] = v           # rational or algebraic: substitute the exact value
                continue
            inst_sym = sp.Symbol(sym.name, positive=True) if approx > 0 else \
                sp.Symbol(sym.name, negative=True) if approx < 0 else None
            if inst_sym is None:
                values[sym] = v
                continue
            values[sym] = inst_sym
            defs[inst_sym] = v
        return build_instance(self, values, defs)

    def default_points(self, count: int | None = None) -> list[dict[sp.Symbol, sp.Expr]]:
        """Points used without --sweep: interior fractions of each range (one point if no ranges)."""
        free = self.free_parameters
        if not free:
            return [{}]
        n = count or self.points
        fracs = [sp.Rational(1, 2), sp.Rational(1, 4), sp.Rational(3, 4), sp.Rational(1, 8), sp.Rational(7, 8),
                 sp.Rational(3, 8), sp.Rational(5, 8)]
        fracs += [sp.Rational(i, 97) for i in range(1, 97)]
        out = []
        for i in range(n):
            pt = {}
            for j, s in enumerate(free):
                dom = self.parameters[s]
                fr = fracs[(i + 2 * j) % len(fracs)]
                pt[s] = dom.start + (dom.end - dom.start) * fr
            out.append(pt)
        return out

    def check_points(self) -> list[dict[sp.Symbol, sp.Expr]]:
        """Points checked without --sweep: the closed ends of every range (all corners, at most 16)
        first, then the interior points of :meth:`default_points`."""
        if not self.free_parameters:
            return [{}]
        out = _corners(self)
        for pt in self.default_points():
            if pt not in out:
                out.append(pt)
        return out

    def sweep_points(self, n: int) -> list[dict[sp.Symbol, sp.Expr]]:
        """``n`` points (an even grid for one parameter, a Halton set for several), after the closed ends
        of every range (all corners, at most 16), which are always checked."""
        pts = self._sweep_points(n)
        corners = _corners(self) if self.free_parameters else []
        return corners + [p for p in pts if p not in corners]

    def _sweep_points(self, n: int) -> list[dict[sp.Symbol, sp.Expr]]:
        free = self.free_parameters
        if not free:
            return [{}]
        if n < 1:
            raise ConjectureError("--sweep needs N >= 1")
        if len(free) == 1:
            dom = self.parameters[free[0]]
            fr = [sp.Rational(1, 2)] if n == 1 else [sp.Rational(i, n - 1) for i in range(n)]
            return [{free[0]: dom.start + (dom.end - dom.start) * f} for f in fr]
        primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
        out = []
        for i in range(1, n + 1):
            pt = {}
            for j, s in enumerate(free):
                dom = self.parameters[s]
                pt[s] = dom.start + (dom.end - dom.start) * _halton(i, primes[j % len(primes)])
            out.append(pt)
        return out


def _halton(i: int, base: int) -> sp.Rational:
    f, r = sp.Integer(1), sp.Integer(0)
    while i > 0:
        f = f / base
        r += f * (i % base)
        i //= base
    return r


@dataclass
class Instance:
    """A conjecture with every parameter fixed: exact support, moments, mechanism and claims."""

    conjecture: Conjecture
    point: dict[sp.Symbol, sp.Expr]
    theta: sp.Symbol
    support: tuple[sp.Expr, sp.Expr]
    moments: list[MomentSpec]
    mechanism: Any                             # symmech.mechanisms.Mechanism
    kind: str
    description: str
    claims: list[tuple[str, Any]] = field(default_factory=list)
    defs: dict = field(default_factory=dict)           # named constants: instance symbol -> exact value

    def scope(self):
        """The core Scope of this instance: the named constants with their exact values."""
        from ..scope import DefinedRoot, Scope

        roots = []
        for sym, v in self.defs.items():
            approx = sp.N(v, 60)
            rad = sp.Rational(1, 10 ** 40) * (1 + abs(sp.nsimplify(sp.N(approx, 10), rational=True)))
            mid = sp.nsimplify(approx, rational=True, tolerance=sp.Rational(1, 10 ** 55))
            lo_r, hi_r = mid - rad, mid + rad
            # a named constant is a root of ``sym - value`` known to lie in a tiny rational interval:
            # exact proofs hold for every value in it (sound), numerics use the exact value
            roots.append(DefinedRoot(sym, sym - v, bracket=(lo_r, hi_r), closed_form=v,
                                     inverse=(sp.Dummy("unused"), sym), image=sp.Interval(lo_r, hi_r)))
        return Scope(parameters={}, roots=tuple(roots))

    def point_text(self) -> dict[str, str]:
        return {str(s): str(v) for s, v in self.point.items()}


# ------------------------------------------------------------------------------------------
def load(path: str | Path) -> Conjecture:
    """Read and validate a conjecture file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConjectureError(f"cannot read {path}: {exc.strerror or exc}") from None
    return loads(text, source=str(path))


def loads(text: str, source: str = "<string>") -> Conjecture:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConjectureError(f"{source}: malformed TOML: {exc}") from None
    conj = parse(data, source=source)
    conj.source = text
    return conj


def _type(value: Any, types, where: str, what: str):
    if isinstance(value, bool) and bool not in (types if isinstance(types, tuple) else (types,)):
        raise ConjectureError(f"{where}: expected {what}, got a boolean")
    if not isinstance(value, types):
        raise ConjectureError(f"{where}: expected {what}, got {type(value).__name__} {value!r:.60}")
    return value


def _keys(table: Mapping, allowed: set, where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ConjectureError(f"{where}: unknown key(s) {', '.join(repr(u) for u in unknown)}; "
                              f"allowed: {', '.join(sorted(allowed))}")


def _text(value: Any, where: str) -> str:
    """A formula given as a TOML string (or a plain int/float, converted exactly from its text)."""
    if isinstance(value, bool):
        raise ConjectureError(f"{where}: expected a formula (string), got a boolean")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ConjectureError(f"{where}: number must be finite")
        return repr(value)
    if not isinstance(value, str):
        raise ConjectureError(f"{where}: expected a formula (string), got {type(value).__name__}")
    return value


def _expr(value: Any, symbols: Mapping[str, sp.Symbol], where: str) -> sp.Expr:
    text = _text(value, where)
    try:
        return parse_expression(text, symbols)
    except ExpressionError as exc:
        raise ConjectureError(f"{where}: {exc}") from None


def parse(data: Mapping[str, Any], source: str = "<string>") -> Conjecture:
    """Validate a decoded TOML document into a :class:`Conjecture`."""
    _keys(data, _TOP, "top level")
    name = _type(data.get("name", ""), str, "name", "a string")
    if not name.strip():
        raise ConjectureError("name: a non-empty name is required")
    description = _type(data.get("description", ""), str, "description", "a string")
    for sec in ("model", "mechanism", "claim"):
        if sec not in data:
            raise ConjectureError(f"missing section [{sec}]")
        _type(data[sec], dict, f"[{sec}]", "a table")

    # --- parameters ------------------------------------------------------------------
    params_raw = _type(data.get("parameters", {}), dict, "[parameters]", "a table")
    parameters: dict[sp.Symbol, Any] = {}
    symbols: dict[str, sp.Symbol] = {}
    for pname, spec in params_raw.items():
        where = f"[parameters].{pname}"
        if not pname.isidentifier() or pname.startswith("_"):
            raise ConjectureError(f"{where}: invalid parameter name")
        if pname in RESERVED:
            raise ConjectureError(f"{where}: the name '{pname}' is reserved (theta = value, p = price, "
                                  "constants and function names)")
        if isinstance(spec, dict):
            _keys(spec, {"range", "value"}, where)
            if ("range" in spec) == ("value" in spec):
                raise ConjectureError(f"{where}: give exactly one of 'range' or 'value'")
        else:
            spec = {"value": spec}
        if "range" in spec:
            rng = _type(spec["range"], list, f"{where}.range", "a list [low, high]")
            if len(rng) != 2:
                raise ConjectureError(f"{where}.range: expected [low, high], got {len(rng)} entries")
            lo, hi = (_number(v, f"{where}.range[{i}]") for i, v in enumerate(rng))
            if not (hi - lo) > 0:
                raise ConjectureError(f"{where}.range: low {lo} must be below high {hi}")
            dom: Any = sp.Interval(lo, hi)
            low = lo
        else:
            dom = _number(spec["value"], f"{where}.value")
            low = dom
        if low > 0:
            sym = sp.Symbol(pname, positive=True)
        elif low >= 0:
            sym = sp.Symbol(pname, nonnegative=True)
        else:
            sym = sp.Symbol(pname, real=True)
        parameters[sym] = dom
        symbols[pname] = sym

    # --- definitions: named formulas in the parameters (e.g. kt = "-k/LambertW(-k/E, -1)") -------------
    defs_raw = _type(data.get("definitions", {}), dict, "[definitions]", "a table")
    definitions = []
    for dname, dval in defs_raw.items():
        where = f"[definitions].{dname}"
        if not dname.isidentifier() or dname.startswith("_"):
            raise ConjectureError(f"{where}: invalid name")
        if dname in RESERVED or dname in symbols:
            raise ConjectureError(f"{where}: the name '{dname}' is reserved or already a parameter")
        expr = _expr(dval, symbols, where)
        sym = sp.Symbol(dname, real=True)
        definitions.append((sym, expr))
        symbols[dname] = sym

    # --- model -----------------------------------------------------------------------
    model = data["model"]
    _keys(model, _MODEL, "[model]")
    values = _type(model.get("values", ["0", "1"]), list, "[model].values", "a list [low, high]")
    if len(values) != 2:
        raise ConjectureError("[model].values: expected [low, high]")
    support = tuple(_expr(v, symbols, f"[model].values[{i}]") for i, v in enumerate(values))
    lo_bound = _lowest(support[0], parameters)
    theta = sp.Symbol("theta", nonnegative=True) if lo_bound is not None and lo_bound >= 0 else \
        sp.Symbol("theta", real=True)
    price = sp.Symbol("p", nonnegative=True) if theta.is_nonnegative else sp.Symbol("p", real=True)
    tsyms = dict(symbols, theta=theta)
    moments_raw = _type(model.get("moments", []), list, "[model].moments", "a list of [g, relation, value]")
    if not moments_raw:
        raise ConjectureError("[model].moments: give at least one moment condition, e.g. [[\"theta\", \"==\", \"1/2\"]]")
    moments = []
    for i, row in enumerate(moments_raw):
        where = f"[model].moments[{i}]"
        _type(row, list, where, "a list [g, relation, value]")
        if len(row) != 3:
            raise ConjectureError(f"{where}: expected [g, relation, value], got {len(row)} entries")
        g = _expr(row[0], tsyms, f"{where}[0]")
        if theta not in g.free_symbols:
            raise ConjectureError(f"{where}[0]: the moment function must depend on theta")
        try:
            rel = parse_relation(_type(row[1], str, f"{where}[1]", "a relation string"))
        except ExpressionError as exc:
            raise ConjectureError(f"{where}[1]: {exc}") from None
        val = _expr(row[2], symbols, f"{where}[2]")
        moments.append(MomentSpec(g, rel, val, text=f"E[{row[0]}] {rel} {row[2]}"))

    # --- mechanism --------------------------------------------------------------------
    mech = data["mechanism"]
    _keys(mech, _MECH, "[mechanism]")
    given = [k for k in ("posted_price", "allocation") if k in mech]
    lottery = "price_density" in mech or "price_atoms" in mech
    if len(given) + lottery != 1:
        raise ConjectureError("[mechanism]: give exactly one of posted_price, allocation, or a price lottery "
                              "(price_density and/or price_atoms)")
    psyms = dict(symbols, p=price)
    if "posted_price" in mech:
        mechanism = {"kind": "posted_price", "price": _expr(mech["posted_price"], symbols, "[mechanism].posted_price")}
    elif "allocation" in mech:
        alloc = mech["allocation"]
        if isinstance(alloc, dict):
            _keys(alloc, {"breaks", "pieces"}, "[mechanism].allocation")
            breaks = _type(alloc.get("breaks"), list, "[mechanism].allocation.breaks", "a list of points")
            pieces = _type(alloc.get("pieces"), list, "[mechanism].allocation.pieces", "a list of formulas")
            if len(breaks) != len(pieces) + 1 or not pieces:
                raise ConjectureError("[mechanism].allocation: need len(breaks) == len(pieces) + 1 >= 2")
            mechanism = {"kind": "allocation",
                         "breaks": [_expr(b, symbols, f"[mechanism].allocation.breaks[{i}]")
                                    for i, b in enumerate(breaks)],
                         "pieces": [_expr(q, tsyms, f"[mechanism].allocation.pieces[{i}]")
                                    for i, q in enumerate(pieces)]}
        else:
            mechanism = {"kind": "allocation", "breaks": None,
                         "pieces": [_expr(alloc, tsyms, "[mechanism].allocation")]}
    else:
        mechanism = {"kind": "lottery", "density": None, "on": None, "atoms": []}
        if "price_density" in mech:
            pd = _type(mech["price_density"], dict, "[mechanism].price_density", "a table {expr, on}")
            _keys(pd, {"expr", "on"}, "[mechanism].price_density")
            if "expr" not in pd or "on" not in pd:
                raise ConjectureError("[mechanism].price_density: needs 'expr' and 'on'")
            on = _type(pd["on"], list, "[mechanism].price_density.on", "a list [a, b]")
            if len(on) != 2:
                raise ConjectureError("[mechanism].price_density.on: expected [a, b]")
            mechanism["density"] = _expr(pd["expr"], psyms, "[mechanism].price_density.expr")
            mechanism["on"] = [_expr(v, symbols, f"[mechanism].price_density.on[{i}]") for i, v in enumerate(on)]
        if "price_atoms" in mech:
            rows = _type(mech["price_atoms"], list, "[mechanism].price_atoms", "a list of [price, mass]")
            for i, row in enumerate(rows):
                where = f"[mechanism].price_atoms[{i}]"
                _type(row, list, where, "a pair [price, mass]")
                if len(row) != 2:
                    raise ConjectureError(f"{where}: expected [price, mass]")
                mechanism["atoms"].append((_expr(row[0], symbols, f"{where}[0]"),
                                           _expr(row[1], symbols, f"{where}[1]")))

    # --- claims -----------------------------------------------------------------------
    claim = data["claim"]
    _keys(claim, set(CLAIM_KEYS), "[claim]")
    claims: list[tuple[str, Any]] = []
    for key in CLAIM_KEYS:
        if key not in claim:
            continue
        if key == "optimal":
            v = _type(claim[key], bool, "[claim].optimal", "true or false")
            if v:
                claims.append((key, True))
        else:
            claims.append((key, _expr(claim[key], symbols, f"[claim].{key}")))
    if not claims:
        raise ConjectureError("[claim]: give at least one of " + ", ".join(CLAIM_KEYS))

    numerics = _type(data.get("numerics", {}), dict, "[numerics]", "a table")
    _keys(numerics, _NUMERICS, "[numerics]")
    grid = _type(numerics.get("grid", 400), int, "[numerics].grid", "an integer")
    points = _type(numerics.get("points", 3), int, "[numerics].points", "an integer")
    if not 10 <= grid <= 20000:
        raise ConjectureError("[numerics].grid: must be between 10 and 20000")
    if not 1 <= points <= 50:
        raise ConjectureError("[numerics].points: must be between 1 and 50")

    conj = Conjecture(name=name.strip(), description=description, theta=theta, price=price,
                      parameters=parameters, support=support, moments=moments, mechanism=mechanism,
                      claims=claims, grid=grid, points=points, definitions=definitions)
    # validate now: the model must build at the range ends and the first default point
    # (nothing is computed for an invalid file)
    for pt in conj.default_points(1) + (_corners(conj) if conj.free_parameters else []):
        conj.instance(pt)
    return conj


def _corners(conj: Conjecture) -> list[dict]:
    pts: list[dict] = [{}]
    for s in conj.free_parameters:
        dom = conj.parameters[s]
        pts = [{**p, s: e} for p in pts for e in (dom.start, dom.end)]
    return pts[:16]


def _number(value: Any, where: str) -> sp.Expr:
    text = _text(value, where)
    try:
        return parse_number(text)
    except ExpressionError as exc:
        raise ConjectureError(f"{where}: {exc}") from None


def _lowest(expr: sp.Expr, parameters: Mapping) -> sp.Expr | None:
    """A lower bound of ``expr`` over the parameter ranges (ends only; None if unknown)."""
    if not expr.free_symbols:
        return expr
    vals = []
    pts: list[dict] = [{}]
    for s in expr.free_symbols:
        dom = parameters.get(s)
        if dom is None:
            return None
        ends = (dom.start, dom.end) if isinstance(dom, sp.Interval) else (dom,)
        pts = [dict(p, **{s.name: e}) for p in pts for e in ends]
    for p in pts:
        v = expr.subs({s: p[s.name] for s in expr.free_symbols})
        if not v.is_number:
            return None
        vals.append(v)
    return min(vals) if vals else None
