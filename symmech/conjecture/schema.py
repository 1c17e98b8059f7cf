"""Conjecture files (TOML) -> a validated :class:`Conjecture`, and concrete :class:`Instance` objects.

Every formula goes through the whitelist parser :mod:`symmech.models.parsing`; every
unknown key, wrong type or invalid object (negative price density, price law
that is not a probability law, non-monotone allocation, ``q > 1``) raises
:class:`ConjectureError` naming where it is (``[mechanism].allocation: ...``).
Nothing is computed for an invalid file.
"""
from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Mapping

import sympy as sp
from sympy.calculus.util import function_range

from symmech.models.parsing import DEFAULT_FUNCTIONS, ExpressionError, parse_number, parse_relation
from symmech.models.objectives import ObjectiveError
from symmech.models.regret.ratio import interval_ratio
from symmech.tactics.budget import within_budget
from .fields import _NOTES, _expr, _keys, _text, _type
from .model import instance
from .types import Conjecture, ConjectureError, Implicit, Instance, MomentSpec, _corners

__all__ = ["ConjectureError", "Conjecture", "Instance", "MomentSpec", "load", "loads", "parse"]

RESERVED = {"theta", "p", "e", "E", "pi"} | set(DEFAULT_FUNCTIONS)
CLAIM_KEYS = ("guarantee", "guarantee_at_least", "value", "optimal", "regret")
#: claims each objective supports (others are refused by name)
OBJECTIVE_CLAIMS = {"revenue": ("guarantee", "guarantee_at_least", "value", "optimal"),
                    "regret": ("regret", "value", "optimal"),
                    "ratio": ("value",)}
#: claims about the model alone (the max-min value, or the minimax regret): a file with only these needs no mechanism
_MODEL_ONLY_CLAIMS = {"value"}
_TOP = {"name", "description", "model", "mechanism", "claim", "parameters", "definitions", "numerics"}
_MODEL = {"values", "moments", "objective", "goods", "bidders", "cost", "independent", "marginal"}
#: mechanism classes an ``optimal``/``value`` claim may be restricted to
CLASSES = ("all", "posted_prices")
#: objectives the shared schema knows; only revenue is wired in conjecture files so far
OBJECTIVES = ("revenue", "regret", "ratio")
_MECH = {"posted_price", "price_density", "price_atoms", "allocation"}
_NUMERICS = {"grid", "points"}


# ------------------------------------------------------------------------------------------
def load(path: str | Path, *, claims_required: bool = True) -> Conjecture:
    """Read and validate a conjecture file (``claims_required=False``: ask mode, [claim] optional)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConjectureError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConjectureError(f"{path} is not UTF-8 text (byte {exc.start}: {exc.reason})") from None
    return loads(text, source=str(path), claims_required=claims_required)


def loads(text: str, source: str = "<string>", *, claims_required: bool = True) -> Conjecture:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConjectureError(f"{source}: malformed TOML: {exc}") from None
    conj = parse(data, source=source, claims_required=claims_required)
    conj.source = text
    return conj


def _possible_moment(g: sp.Expr, rel: str, val: sp.Expr, theta: sp.Symbol, support: tuple, where: str) -> None:
    """Refuse a moment condition no law on the support can meet (checked exactly when the condition and the
    support are numbers: E[g] lies between the least and the greatest value of g on the support)."""
    lo, hi = support
    if (g.free_symbols - {theta}) or val.free_symbols or lo.free_symbols or hi.free_symbols:
        return          # depends on parameters: left to the solvers
    rng = within_budget(lambda: function_range(g, theta, sp.Interval(lo, hi)), 5.0)
    if not isinstance(rng, sp.Interval) or not (rng.start.is_finite and rng.end.is_finite):
        return
    gmin, gmax = rng.start, rng.end
    try:
        impossible = {"==": bool(val < gmin) or bool(val > gmax), ">=": bool(val > gmax),
                      "<=": bool(val < gmin)}.get(rel, False)
    except TypeError:   # a comparison SymPy cannot decide: left to the solvers
        return
    if impossible:
        raise ConjectureError(f"{where} is impossible: on the support [{lo}, {hi}] the moment function takes "
                              f"values in [{gmin}, {gmax}], so its expectation does too; no law meets it")


def parse(data: Mapping[str, Any], source: str = "<string>", *, claims_required: bool = True) -> Conjecture:
    """Validate a decoded TOML document into a :class:`Conjecture` (``warnings`` says how floats were read)."""
    notes: list[str] = []
    token = _NOTES.set(notes)
    try:
        conj = _parse(data, source, claims_required)
    finally:
        _NOTES.reset(token)
    conj.warnings = notes
    return conj


def _parse(data: Mapping[str, Any], source: str, claims_required: bool):
    _keys(data, _TOP, "top level")
    name = _type(data.get("name", ""), str, "name", "a string")
    if not name.strip():
        raise ConjectureError("name: a non-empty name is required")
    description = _type(data.get("description", ""), str, "description", "a string")
    for sec in ("model", "claim") if claims_required else ("model",):
        if sec not in data:
            raise ConjectureError(f"missing section [{sec}]")
        _type(data[sec], dict, f"[{sec}]", "a table")
    about_mechanism = sorted(set(data.get("claim", {})) - _MODEL_ONLY_CLAIMS - {"optimal_among"}) \
        if isinstance(data.get("claim"), dict) else []
    if claims_required and "mechanism" not in data and about_mechanism:
        raise ConjectureError(f"missing section [mechanism]: the claim(s) {', '.join(about_mechanism)} are about a "
                              f"mechanism (a file with only a value claim needs none)")

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
        sym = sp.Symbol(dname, real=True)
        if isinstance(dval, dict):
            definitions.append((sym, _implicit(dval, dict(symbols, **{dname: sym}), symbols, sym, where)))
        else:
            definitions.append((sym, _expr(dval, symbols, where)))
        symbols[dname] = sym

    # --- model -----------------------------------------------------------------------
    model = data["model"]
    _keys(model, _MODEL, "[model]")
    if is_multi(model):
        # several bidders or several goods: their own schema (it uses this module's helpers, hence imported here)
        from .multi_schema import parse_multi
        return parse_multi(data, name.strip(), description, parameters, symbols, definitions, claims_required)
    _unsupported_model(model)
    values = _type(model.get("values", ["0", "1"]), list, "[model].values", "a list [low, high]")
    if len(values) != 2:
        raise ConjectureError("[model].values: expected [low, high]")
    support = tuple(_expr(v, symbols, f"[model].values[{i}]") for i, v in enumerate(values))
    lo_bound = _lowest(support[0], parameters)
    theta = sp.Symbol("theta", nonnegative=True) if lo_bound is not None and lo_bound >= 0 else \
        sp.Symbol("theta", real=True)
    price = sp.Symbol("p", nonnegative=True) if theta.is_nonnegative else sp.Symbol("p", real=True)
    tsyms = dict(symbols, theta=theta)
    if "moments" not in model:
        raise ConjectureError("[model].moments: give the moment conditions, e.g. [[\"theta\", \"==\", \"1/2\"]], "
                              "or moments = [] for a support-only set")
    moments_raw = _type(model["moments"], list, "[model].moments", "a list of [g, relation, value]")
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
        _possible_moment(g, rel, val, theta, support, f"{where}: E[{row[0]}] {rel} {row[2]}")
        moments.append(MomentSpec(g, rel, val, text=f"E[{row[0]}] {rel} {row[2]}"))

    # --- mechanism --------------------------------------------------------------------
    mech = data.get("mechanism")
    if mech is None:
        mech = {"posted_price": values[0]}      # ask mode without a mechanism: a placeholder, never claimed
        no_mechanism = True
    else:
        no_mechanism = False
    _type(mech, dict, "[mechanism]", "a table")
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
    claim = _type(data.get("claim", {}), dict, "[claim]", "a table")
    _keys(claim, set(CLAIM_KEYS) | {"optimal_among"}, "[claim]")
    among = _type(claim.get("optimal_among", "all"), str, "[claim].optimal_among", "a string")
    if among not in CLASSES:
        raise ConjectureError(f"[claim].optimal_among: unknown class {among!r}; supported: "
                              + ", ".join(repr(c) for c in CLASSES))
    if among != "all" and not any(k in claim for k in ("optimal", "value")):
        raise ConjectureError("[claim].optimal_among: only meaningful with optimal or value")
    if among == "posted_prices" and claim.get("optimal") is True and "posted_price" not in mech:
        raise ConjectureError("[claim].optimal_among = 'posted_prices' with optimal = true needs "
                              "[mechanism].posted_price (the claimed best price)")
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
    if not claims and claims_required:
        raise ConjectureError("[claim]: give at least one of " + ", ".join(CLAIM_KEYS)
                              + " (or run `symmech solve FILE` to ask for the answer)")

    numerics = _type(data.get("numerics", {}), dict, "[numerics]", "a table")
    _keys(numerics, _NUMERICS, "[numerics]")
    grid = _type(numerics.get("grid", 400), int, "[numerics].grid", "an integer")
    points = _type(numerics.get("points", 3), int, "[numerics].points", "an integer")
    if not 10 <= grid <= 20000:
        raise ConjectureError("[numerics].grid: must be between 10 and 20000")
    if not 1 <= points <= 50:
        raise ConjectureError("[numerics].points: must be between 1 and 50")

    objective = model.get("objective", "revenue")
    cost = _expr(model.get("cost", "0"), symbols, "[model].cost")
    if objective == "regret":
        _regret_checks(mechanism, parameters, among, support, cost, ask_only=no_mechanism)
    if objective == "ratio":
        if parameters:
            raise ConjectureError("[parameters]: the ratio objective takes numbers only (no parameter ranges yet)")
        try:
            interval_ratio(*support)
        except ObjectiveError as exc:
            raise ConjectureError(f"[model].values: {exc}") from None
    allowed = OBJECTIVE_CLAIMS[objective]
    for cid, _ in claims:
        if cid not in allowed:
            raise ConjectureError(f"[claim].{cid}: not a claim of the {objective!r} objective (allowed: "
                                  + ", ".join(allowed) + ")")
    conj = Conjecture(name=name.strip(), description=description, theta=theta, price=price,
                      parameters=parameters, support=support, moments=moments, mechanism=mechanism,
                      claims=claims, grid=grid, points=points, definitions=definitions, among=among,
                      has_mechanism=not no_mechanism, objective=objective, cost=cost)
    # validate now: the model must build at the range ends and the first default point
    # (nothing is computed for an invalid file)
    for pt in conj.default_points(1) + (_corners(conj) if conj.free_parameters else []):
        instance(conj, pt)
    return conj


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


def _implicit(spec: Mapping, eq_symbols: Mapping, symbols: Mapping, sym: sp.Symbol, where: str) -> Implicit:
    _keys(spec, {"equation", "bracket", "closed_form"}, where)
    if "equation" not in spec or "bracket" not in spec:
        raise ConjectureError(f"{where}: an implicit definition needs 'equation' and 'bracket' "
                              "(and optionally 'closed_form'), e.g. {equation = \"kt*(1 - log(kt)) - k\", "
                              "bracket = [\"0\", \"k\"]}")
    eq = _expr(spec["equation"], eq_symbols, f"{where}.equation")
    if sym not in eq.free_symbols:
        raise ConjectureError(f"{where}.equation: must contain {sym}")
    br = _type(spec["bracket"], list, f"{where}.bracket", "a list [low, high]")
    if len(br) != 2:
        raise ConjectureError(f"{where}.bracket: expected [low, high]")
    bracket = tuple(_expr(b, symbols, f"{where}.bracket[{i}]") for i, b in enumerate(br))
    cf = _expr(spec["closed_form"], symbols, f"{where}.closed_form") if "closed_form" in spec else None
    return Implicit(eq, bracket, cf, text=str(spec["equation"]))


def is_multi(model: Mapping) -> bool:
    """Whether the [model] table describes several bidders or several goods (read by :mod:`.multi_schema`)."""
    vals = model.get("values")
    return (model.get("bidders", 1) != 1 or model.get("goods", 1) != 1 or "independent" in model
            or "marginal" in model or (isinstance(vals, list) and bool(vals) and isinstance(vals[0], list)))


def _unsupported_model(model: Mapping) -> None:
    """Refuse, by key and reason, what one-good files do not support (several bidders or goods go to
    :mod:`.multi_schema` before this)."""
    obj = model.get("objective", "revenue")
    if not isinstance(obj, str) or obj not in OBJECTIVES:
        raise ConjectureError(f"[model].objective: unknown objective {obj!r}; known: "
                              + ", ".join(repr(o) for o in OBJECTIVES))
    if obj == "ratio" and model.get("moments", None) != []:
        raise ConjectureError("[model].objective = 'ratio' is supported for support-only sets: give moments = [] "
                              "(the max-min ratio with moment conditions is not wired into files)")
    if obj == "regret" and model.get("moments", None) != []:
        raise ConjectureError("[model].objective = 'regret' is supported for support-only sets only: give "
                              "moments = [] (minimax regret with moment conditions is not wired into files)")
    if obj != "regret" and "cost" in model:
        raise ConjectureError("[model].cost: an item cost needs objective = 'regret'")
    goods = model.get("goods", 1)
    if isinstance(goods, bool) or not isinstance(goods, int) or goods < 1:
        raise ConjectureError("[model].goods: expected a positive integer")
    bidders = model.get("bidders", 1)
    if isinstance(bidders, bool) or not isinstance(bidders, int) or bidders < 1:
        raise ConjectureError("[model].bidders: expected a positive integer")


def _regret_checks(mechanism: Mapping, parameters: Mapping, among: str, support, cost, ask_only: bool = False) -> None:
    """What regret files support: one good, support [0, v_bar], a price law, fixed parameters, 0 <= c < v_bar.
    ``ask_only`` (ask mode, no [mechanism]): the support may be any [v_low, v_bar] with v_low >= 0."""
    if any(isinstance(d, sp.Interval) for d in parameters.values()):
        raise ConjectureError("[parameters]: parameter ranges are not supported with objective = 'regret' yet")
    if mechanism["kind"] == "allocation":
        raise ConjectureError("[mechanism].allocation: with objective = 'regret' give a price law "
                              "(posted_price, price_density, price_atoms)")
    if among != "all":
        raise ConjectureError("[claim].optimal_among: not supported with objective = 'regret'")
    fixed = {s_: d for s_, d in parameters.items()}
    lo, hi = (sp.sympify(e).subs(fixed) for e in support)
    if ask_only:
        if not (lo.is_number and lo >= 0):
            raise ConjectureError(f"[model].values: with objective = 'regret' the lowest value must be a number "
                                  f">= 0, got {lo}")
    elif lo != 0:
        raise ConjectureError("[model].values: regret files need values [0, v_bar] (Bergemann and Schlag's "
                              "support-only model; ask mode `symmech solve` without [mechanism] also takes "
                              "[v_low, v_bar])")
    c = sp.sympify(cost).subs(fixed)
    if not (c.is_number and c >= 0 and c < hi):
        raise ConjectureError(f"[model].cost: need 0 <= cost < v_bar, got {c}")
