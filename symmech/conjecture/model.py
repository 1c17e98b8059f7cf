"""Concrete models: a conjecture at one parameter point -> exact Mechanism, moments, claims.

Validation here is eager and exact where possible (breakpoints, jumps, masses)
plus a dense 30-digit scan inside pieces (sign of q, q - 1, q', density).
"""
from __future__ import annotations

import contextlib
import contextvars
import math
from typing import Callable, Mapping

import mpmath
import sympy as sp

from symmech.models.mechanisms import Mechanism
from symmech.models.piecewise import PiecewiseFunction
from .types import Conjecture, ConjectureError, Implicit, Instance, MomentSpec

__all__ = ["build_instance", "float_function", "mp_at", "mp_values", "piecewise_callable", "split_minmax"]

_SCAN = 96
_DPS = 30

#: exact values of the named constants ([definitions]) of the instance being worked on
_DEFS: contextvars.ContextVar[dict] = contextvars.ContextVar("symmech_conjecture_defs", default={})
_NDEFS: contextvars.ContextVar[dict] = contextvars.ContextVar("symmech_conjecture_ndefs", default={})
_NDIGITS = 80


@contextlib.contextmanager
def definitions(defs: Mapping[sp.Symbol, sp.Expr]):
    """Make ``defs`` (symbol -> exact value) the named constants for :func:`N` and the float callables."""
    token = _DEFS.set(dict(defs))
    ntoken = _NDEFS.set({s: sp.Float(sp.N(v, _NDIGITS + 10), _NDIGITS + 10) for s, v in defs.items()})
    try:
        yield
    finally:
        _NDEFS.reset(ntoken)
        _DEFS.reset(token)


def unfold(expr) -> sp.Expr:
    """``expr`` with the named constants replaced by their exact values."""
    e = sp.sympify(expr)
    defs = _DEFS.get()
    return e.subs(defs) if defs and e.free_symbols & set(defs) else e


def N(expr, digits: int = 30) -> sp.Expr:
    """Numerical value (named constants unfolded; their cached values serve up to 80 digits)."""
    e = sp.sympify(expr)
    nd = _NDEFS.get()
    if nd and e.free_symbols & set(nd):
        if digits <= _NDIGITS:
            return sp.N(e.subs(nd), digits)
        return sp.N(unfold(e), digits)
    return sp.N(e, digits)


def _concrete(expr: sp.Expr, where: str, allowed=()) -> sp.Expr:
    extra = sp.sympify(expr).free_symbols - set(allowed) - set(_DEFS.get())
    if extra:
        raise ConjectureError(f"{where}: unknown symbol(s) {', '.join(sorted(map(str, extra)))}")
    return sp.sympify(expr)


def _real(expr: sp.Expr, where: str) -> sp.Expr:
    v = N(expr, _DPS)
    if not v.is_real or not v.is_finite:
        raise ConjectureError(f"{where}: {expr} is not a finite real number")
    return expr


_LAMBDAS: dict = {}


def _compiled(u: sp.Expr, var: sp.Symbol):
    """``u`` as a function of ``var`` for mpmath, compiled once per expression."""
    key = (u, var)
    fm = _LAMBDAS.get(key)
    if fm is None:
        if len(_LAMBDAS) > 2000:
            _LAMBDAS.clear()
        fm = _LAMBDAS[key] = sp.lambdify(var, u, modules="mpmath", docstring_limit=0)
    return fm


def _num(expr: sp.Expr, var: sp.Symbol, x) -> mpmath.mpf | None:
    """``expr`` at ``var = x`` with mpmath at 30 digits (None if not a finite real number)."""
    e = sp.sympify(expr)
    nd = _NDEFS.get()
    u = e.subs(nd) if nd and e.free_symbols & set(nd) else e
    fm = _compiled(u, var)
    with mpmath.workdps(_DPS):
        try:
            xv = mpmath.mpf(str(N(x, _DPS)))
            v = fm(xv)
            if isinstance(v, mpmath.mpc):
                if abs(v.imag) > mpmath.mpf(10) ** (-25):
                    return None
                v = v.real
            v = mpmath.mpf(v)
        except Exception:
            return None
        if not mpmath.isfinite(v):
            return None
        return v


def mp_at(x, dps: int) -> mpmath.mpf:
    """The number ``x`` as an mpf at the working precision: a rational exactly rounded, anything else
    through ``N(x, dps + 5)`` (named constants unfolded)."""
    x = sp.sympify(x)
    if x.is_Rational:
        return mpmath.mpf(int(x.p)) / int(x.q)
    return mpmath.mpf(str(N(x, dps + 5)))


def mp_values(expr: sp.Expr, var: sp.Symbol, xs, dps: int) -> list[mpmath.mpf]:
    """``expr`` at ``var = x`` for every ``x`` of ``xs``, at ``dps`` digits: compiled for mpmath once (named
    constants replaced by their cached values) instead of a SymPy substitution and ``N`` per point.
    Raises ValueError where the value is not a finite real number."""
    e = sp.sympify(expr)
    nd = _NDEFS.get()
    u = e.subs(nd) if nd and e.free_symbols & set(nd) else e
    with mpmath.workdps(dps):
        if u.free_symbols - {var}:
            vals = [mp_at(e.subs(var, x), dps) for x in xs]
        else:
            f = _compiled(u, var)
            vals = []
            for x in xs:
                v = f(mp_at(x, dps))
                if isinstance(v, mpmath.mpc):
                    if abs(v.imag) > mpmath.mpf(10) ** (-dps + 5) * max(1, abs(v.real)):
                        raise ValueError(f"{expr} is not real at {var} = {x}")
                    v = v.real
                vals.append(mpmath.mpf(v))
        if not all(mpmath.isfinite(v) for v in vals):
            raise ValueError(f"{expr} is not finite on the grid")
        return vals


def _scan_points(a: sp.Expr, b: sp.Expr) -> list[sp.Expr]:
    return [a + (b - a) * sp.Rational(i, _SCAN) for i in range(1, _SCAN)]


def build_instance(conj: Conjecture, values: Mapping[sp.Symbol, sp.Expr],
                   defs: Mapping[sp.Symbol, sp.Expr] | None = None) -> Instance:
    """Substitute parameter ``values`` and build the exact model; ConjectureError if invalid.

    ``defs`` maps the instance symbols of named constants to their exact values; the
    model keeps the symbols (SymPy stays fast) and numerics unfold them.
    """
    with definitions(defs or {}):
        inst = _build(conj, values)
    inst.defs = dict(defs or {})
    return inst


def _build(conj: Conjecture, values: Mapping[sp.Symbol, sp.Expr]) -> Instance:
    vals = {s: sp.sympify(v) for s, v in values.items()}
    at = "" if not conj.free_parameters else " (at " + ", ".join(f"{s} = {vals[s]}" for s in conj.free_parameters) + ")"
    th = conj.theta
    lo, hi = (_real(_concrete(e.subs(vals), f"[model].values{at}"), f"[model].values{at}") for e in conj.support)
    if not N(hi - lo, _DPS) > 0:
        raise ConjectureError(f"[model].values{at}: empty support [{lo}, {hi}]")
    moments = []
    for i, m in enumerate(conj.moments):
        where = f"[model].moments[{i}]{at}"
        g = _concrete(m.g.subs(vals), where, (th,))
        value = _real(_concrete(m.value.subs(vals), where), where)
        for x in [lo, hi] + _scan_points(lo, hi)[::8]:
            if _num(g, th, x) is None:
                raise ConjectureError(f"{where}: g = {g} is not a finite real number at theta = {x}")
        moments.append(MomentSpec(g, m.relation, value, m.text))
    kind = conj.mechanism["kind"]
    if kind == "posted_price":
        M, desc = _posted_price(conj, vals, th, lo, hi, at)
    elif kind == "lottery":
        M, desc = _lottery(conj, vals, th, lo, hi, at)
    else:
        M, desc = _allocation(conj, vals, th, lo, hi, at)
    claims = []
    for cid, v in conj.claims:
        if v is True:
            claims.append((cid, True))
        else:
            claims.append((cid, _real(_concrete(v.subs(vals), f"[claim].{cid}{at}"), f"[claim].{cid}{at}")))
    point = {s: vals[s] for s in conj.free_parameters}
    return Instance(conjecture=conj, point=point, theta=th, support=(lo, hi), moments=moments, mechanism=M,
                    kind=kind, description=desc, claims=claims)


# --- mechanisms -----------------------------------------------------------------------------------
def _check_price(p: sp.Expr, lo, hi, where: str) -> None:
    if N(p - lo, _DPS) < 0 or N(p - hi, _DPS) >= 0:
        raise ConjectureError(f"{where}: price {p} must lie in [{lo}, {hi}) (the support of the values; "
                              "a price at the top sells only to the top type and is not supported)")


def _posted_price(conj, vals, th, lo, hi, at):
    where = f"[mechanism].posted_price{at}"
    p0 = _real(_concrete(conj.mechanism["price"].subs(vals), where), where)
    _check_price(p0, lo, hi, where)
    if sp.simplify(p0 - lo) == 0:
        q = PiecewiseFunction(th, (lo, hi), (1,))
        t = PiecewiseFunction(th, (lo, hi), (p0,))
    else:
        q = PiecewiseFunction(th, (lo, p0, hi), (0, 1))
        t = PiecewiseFunction(th, (lo, p0, hi), (0, p0))
    return Mechanism(th, q, t, sp.Integer(0)), f"posted price {p0}"


def _lottery(conj, vals, th, lo, hi, at):
    x = conj.price
    mech = conj.mechanism
    atoms = []
    for i, (p, m) in enumerate(mech["atoms"]):
        where = f"[mechanism].price_atoms[{i}]{at}"
        p = _real(_concrete(p.subs(vals), where), where)
        m = _real(_concrete(m.subs(vals), where), where)
        _check_price(p, lo, hi, where)
        if N(m, _DPS) < 0:
            raise ConjectureError(f"{where}: negative mass {m}")
        atoms.append((p, m))
    dens, a, b = None, None, None
    total = sum((m for _, m in atoms), sp.Integer(0))
    if mech["density"] is not None:
        where = f"[mechanism].price_density{at}"
        dens = _concrete(mech["density"].subs(vals), where, (x,))
        a, b = (_real(_concrete(e.subs(vals), where), where) for e in mech["on"])
        if N(a - lo, _DPS) < 0 or N(b - hi, _DPS) > 0 or not N(b - a, _DPS) > 0:
            raise ConjectureError(f"{where}: the interval [{a}, {b}] must be non-empty and inside [{lo}, {hi}]")
        for y in [a, b] + _scan_points(a, b):
            v = _num(dens, x, y)
            if v is None and y not in (a, b):
                raise ConjectureError(f"{where}: density {dens} is not finite at p = {y}")
            if v is not None and v < -mpmath.mpf(10) ** (-20):
                raise ConjectureError(f"{where}: density {dens} is negative at p = {y} ({mpmath.nstr(v, 12)})")
        try:
            crit = sp.solveset(sp.diff(dens, x), x, sp.Interval(a, b))
            for c in (crit if isinstance(crit, sp.FiniteSet) else []):
                v = _num(dens, x, c)
                if v is not None and v < 0:
                    raise ConjectureError(f"{where}: density {dens} is negative at p = {c}")
        except ConjectureError:
            raise
        except Exception:
            pass
        total += sp.integrate(dens, (x, a, b))
    total = sp.simplify(total)
    if sp.simplify(total - 1) != 0:
        approx = N(total, 20)
        if not approx.is_number or abs(approx - 1) > sp.Float("1e-25"):
            raise ConjectureError(f"[mechanism]{at}: the price law has total mass {total} (= {N(total, 15)}), "
                                  "not 1")
    pts = {lo, hi} | {p for p, _ in atoms} | ({a, b} if dens is not None else set())
    breaks = sorted(pts, key=lambda e: N(e, _DPS))
    merged: list[sp.Expr] = []
    for e in breaks:
        if not merged or sp.simplify(e - merged[-1]) != 0:
            merged.append(e)
    q_pieces, t_pieces = [], []
    for j in range(len(merged) - 1):
        c = merged[j]
        q0 = sum((m for p, m in atoms if N(p - c, _DPS) <= 0), sp.Integer(0))
        t0 = sum((m * p for p, m in atoms if N(p - c, _DPS) <= 0), sp.Integer(0))
        qj, tj = q0, t0
        if dens is not None and N(c - b, _DPS) >= 0:
            qj += sp.integrate(dens, (x, a, b))
            tj += sp.integrate(x * dens, (x, a, b))
        elif dens is not None and N(c - a, _DPS) >= 0:
            qj += sp.integrate(dens, (x, a, th))
            tj += sp.integrate(x * dens, (x, a, th))
        q_pieces.append(sp.simplify(qj))
        t_pieces.append(sp.simplify(tj))
    q = PiecewiseFunction(th, merged, q_pieces)
    t = PiecewiseFunction(th, merged, t_pieces)
    desc = "price lottery: " + ", ".join(
        ([f"density {dens} on [{a}, {b}]"] if dens is not None else []) + [f"price {p} w.p. {m}" for p, m in atoms])
    return Mechanism(th, q, t, sp.Integer(0)), desc


def split_minmax(expr: sp.Expr, var: sp.Symbol, lo: sp.Expr, hi: sp.Expr) -> tuple[list, list]:
    """Breaks and pieces of an expression with Max/Min/Abs (exact switching points), on [lo, hi]."""
    nodes = [a for a in sp.preorder_traversal(expr) if isinstance(a, (sp.Max, sp.Min, sp.Abs))]
    if not nodes:
        return [lo, hi], [expr]
    cuts = set()
    for nd in nodes:
        pairs = [(nd.args[0], sp.Integer(0))] if isinstance(nd, sp.Abs) else \
            [(u, v) for i, u in enumerate(nd.args) for v in nd.args[i + 1:]]
        for u, v in pairs:
            try:
                sol = sp.solveset(sp.Eq(u, v), var, sp.S.Reals)
                if not isinstance(sol, sp.FiniteSet) and not sol.is_empty:
                    sol = sp.FiniteSet(*sp.solve(u - v, var))
            except Exception:
                sol = None
            if sol is None or not isinstance(sol, sp.FiniteSet) and not sol.is_empty:
                raise ConjectureError(f"cannot find where {u} and {v} cross exactly; give the allocation as "
                                      "{breaks = [...], pieces = [...]}")
            sol = [c for c in (sol if isinstance(sol, sp.FiniteSet) else [])
                   if N(c).is_real and N(c - lo) > 0 and N(hi - c) > 0]
            cuts |= set(sol)
    breaks = sorted({lo, hi} | cuts, key=lambda e: N(e, _DPS))
    pieces = []
    for a, b in zip(breaks, breaks[1:]):
        mid = (a + b) / 2

        def resolve(e, _mid=mid):
            if isinstance(e, sp.Abs):
                inner = e.args[0]
                return inner if N(inner.subs(var, _mid), _DPS) >= 0 else -inner
            vals = [(N(u.subs(var, _mid), _DPS), u) for u in e.args]
            pick = max if isinstance(e, sp.Max) else min
            return pick(vals, key=lambda t: t[0])[1]

        piece = expr
        for _ in range(len(nodes) + 1):
            inner = [a_ for a_ in sp.postorder_traversal(piece) if isinstance(a_, (sp.Max, sp.Min, sp.Abs))]
            if not inner:
                break
            piece = piece.xreplace({inner[0]: resolve(inner[0])})
        pieces.append(sp.simplify(piece))
    return breaks, pieces


def _allocation(conj, vals, th, lo, hi, at):
    mech = conj.mechanism
    where = f"[mechanism].allocation{at}"
    pieces = [_concrete(q.subs(vals), where, (th,)) for q in mech["pieces"]]
    if mech["breaks"] is None:
        breaks, pieces = split_minmax(pieces[0], th, lo, hi)
    else:
        breaks = [_real(_concrete(b.subs(vals), where), where) for b in mech["breaks"]]
        if sp.simplify(breaks[0] - lo) != 0 or sp.simplify(breaks[-1] - hi) != 0:
            raise ConjectureError(f"{where}: breaks must start at {lo} and end at {hi}")
        for a, b in zip(breaks, breaks[1:]):
            if not N(b - a, _DPS) > 0:
                raise ConjectureError(f"{where}: breaks must increase ({a}, {b})")
    tol = mpmath.mpf(10) ** (-20)
    prev_right = None
    for j, (qj, a, b) in enumerate(zip(pieces, breaks, breaks[1:])):
        dq = sp.diff(qj, th)
        for x in [a, b] + _scan_points(a, b):
            v = _num(qj, th, x)
            if v is None:
                if x in (a, b):
                    continue
                raise ConjectureError(f"{where}: q = {qj} is not a finite real number at theta = {x}")
            if v < -tol:
                raise ConjectureError(f"{where}: q({x}) = {mpmath.nstr(v, 12)} < 0")
            if v > 1 + tol:
                raise ConjectureError(f"{where}: q({x}) = {mpmath.nstr(v, 12)} > 1 (an allocation is a "
                                      "probability of sale)")
            d = _num(dq, th, x) if x not in (a, b) else None
            if d is not None and d < -tol:
                raise ConjectureError(f"{where}: q is decreasing at theta = {x} (q' = {mpmath.nstr(d, 12)}); "
                                      "an incentive-compatible allocation is non-decreasing")
        left = _num(qj, th, a)
        if prev_right is not None and left is not None and left < prev_right - tol:
            raise ConjectureError(f"{where}: q jumps down at theta = {a} (from {mpmath.nstr(prev_right, 12)} "
                                  f"to {mpmath.nstr(left, 12)}); an allocation must be non-decreasing")
        prev_right = _num(qj, th, b)
    q = PiecewiseFunction(th, breaks, pieces)
    M = Mechanism.from_allocation(th, q)
    return M, f"allocation q = {q.as_expr()} (envelope payments, U({lo}) = 0)"


# --- float evaluation -----------------------------------------------------------------------------
def float_function(expr: sp.Expr, var: sp.Symbol) -> Callable[[float], float]:
    """A float callable for ``expr`` (mpmath where math fails; one-sided value at removable points)."""
    expr = unfold(expr)
    try:
        fast = sp.N(expr, 30)
    except Exception:
        fast = expr
    f = sp.lambdify(var, fast, modules=["math"])
    fm = sp.lambdify(var, expr, modules=["mpmath"])

    def call(x: float) -> float:
        try:
            v = float(f(x))
            if math.isfinite(v):
                return v
        except (ValueError, ZeroDivisionError, OverflowError, TypeError, NameError):
            pass
        for y in (x, x + 1e-13, x - 1e-13):
            try:
                v = complex(fm(mpmath.mpf(y)))
                if abs(v.imag) < 1e-12 and math.isfinite(v.real):
                    return v.real
            except Exception:
                continue
        raise ValueError(f"cannot evaluate {expr} at {x}")

    return call


def piecewise_callable(pw: PiecewiseFunction) -> Callable[[float], float]:
    """Float callable of a PiecewiseFunction (piece j on [b_j, b_{j+1}), last piece closed)."""
    breaks = [float(N(b, 20)) for b in pw.breaks]
    fns = [float_function(p, pw.var) for p in pw.pieces]

    def call(x: float) -> float:
        j = len(fns) - 1
        for i in range(len(fns)):
            if x < breaks[i + 1]:
                j = i
                break
        return fns[max(j, 0)](x)

    return call


def instance(conj: Conjecture, point: Mapping[sp.Symbol, sp.Expr] | None = None) -> Instance:
    """The concrete model of ``conj`` at ``point`` (values for every ranged parameter), built once per point."""

    key = tuple(sorted((str(s), str(v)) for s, v in (point or {}).items()))
    cached = conj._cache.get(key)
    if cached is not None:
        return cached
    inst = _instance(conj, point)
    conj._cache[key] = inst
    return inst


def _instance(conj: Conjecture, point) -> Instance:
    values = conj.fixed_values()
    for s in conj.free_parameters:
        if point is None or s not in point:
            raise ConjectureError(f"parameter {s} needs a value")
        values[s] = sp.sympify(point[s])
    defs: dict[sp.Symbol, sp.Expr] = {}
    implicit: dict[sp.Symbol, sp.Expr] = {}
    for sym, expr in conj.definitions:
        if isinstance(expr, Implicit):
            v = expr.value_at(sym, values, defs, conj)
            inst_sym = sp.Symbol(sym.name, positive=True) if v > 0 else sp.Symbol(sym.name, negative=True) \
                if v < 0 else None
            if inst_sym is None:
                values[sym] = v
                continue
            values[sym] = inst_sym
            defs[inst_sym] = expr.exact_value(values, defs, v)
            implicit[inst_sym] = expr.equation.subs(sym, inst_sym).subs(
                {s: x for s, x in values.items() if s != sym})
            continue
        v = expr.subs(values).subs(defs)
        approx = sp.N(v, 30)
        if v.free_symbols or not approx.is_real or not approx.is_finite:
            where = ", ".join(f"{s} = {values[s]}" for s in conj.free_parameters)
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
    inst = build_instance(conj, values, defs)
    inst.implicit = implicit
    return inst
