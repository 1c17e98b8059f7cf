"""High-precision evaluation of SymPy expressions (mpmath through ``evalf``).

Every value is computed twice, at ``dps`` and ``dps + 20`` digits, and the two
must agree; otherwise the point is reported as numerically unreliable rather
than silently trusted.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Mapping

import mpmath
import sympy as sp


class NumericError(ArithmeticError):
    """An expression could not be evaluated reliably at a point."""


class NotRealError(NumericError):
    """The value at a point is a finite complex number with a nonzero imaginary part (SymPy's
    principal branches: e.g. a negative base to a non-integer power); ``value`` is that number."""

    def __init__(self, message: str, value: sp.Expr):
        super().__init__(message)
        self.value = value


@dataclass(frozen=True)
class Value:
    """A real number known to about ``dps`` significant digits."""

    value: sp.Float
    dps: int

    def __float__(self) -> float:
        return float(self.value)

    def __str__(self) -> str:
        return sp.N(self.value, min(self.dps, 30)).__str__()


def evaluate(expr: sp.Expr, values: Mapping[sp.Symbol, sp.Expr], dps: int) -> Value:
    """Evaluate ``expr`` at ``values`` to ``dps`` digits, cross-checked at dps+20.

    Fast route: the expression compiled once for mpmath and run at two working
    precisions that must agree; when they do not (cancellation) or anything
    fails, SymPy's adaptive ``evalf`` decides.  Raises NumericError if the
    value is not a finite real number or the precisions disagree.
    """
    expr = sp.sympify(expr)
    if _non_integer_lambert_branch(expr):
        raise NumericError("LambertW needs an integer branch index (mpmath would round it)")
    fast = _evaluate_compiled(expr, values, dps)
    if fast is not None:
        return fast
    return _evaluate_evalf(expr, values, dps)


@functools.lru_cache(maxsize=4096)
def _non_integer_lambert_branch(expr: sp.Expr) -> bool:
    """True if some ``LambertW(x, k)`` in ``expr`` has a non-integer ``k`` (once per expression:
    evaluation is a hot path)."""
    return expr.has(sp.LambertW) and any(len(w.args) > 1 and w.args[1].is_integer is False
                                         for w in expr.atoms(sp.LambertW))


_COMPILED: dict = {}


def _compiled(expr: sp.Expr, syms: tuple):
    key = (expr, syms)
    fn = _COMPILED.get(key)
    if fn is None:
        if len(_COMPILED) > 5000:
            _COMPILED.clear()
        fn = sp.lambdify(syms, expr, modules="mpmath", docstring_limit=0)   # no printing of expr
        _COMPILED[key] = fn
    return fn


def _to_mpf(v: sp.Expr):
    v = sp.sympify(v)
    if v.is_Rational:
        return mpmath.mpf(int(v.p)) / int(v.q)
    if v.is_Float:
        return mpmath.mpf(v._mpf_)
    return mpmath.mpf(str(sp.N(v, mpmath.mp.dps + 5)))


def _evaluate_compiled(expr: sp.Expr, values: Mapping[sp.Symbol, sp.Expr], dps: int) -> Value | None:
    syms = tuple(sorted(expr.free_symbols, key=str))
    if any(s not in values for s in syms):
        return None
    try:
        fn = _compiled(expr, syms)

        def at(prec):
            with mpmath.workdps(prec):
                r = fn(*[_to_mpf(values[s]) for s in syms])
                r = mpmath.mpmathify(r)
                if isinstance(r, mpmath.mpc):
                    if abs(r.imag) > mpmath.mpf(10) ** (-(dps + 10)) * max(1, abs(r.real)):
                        return None
                    r = r.real
                return r if mpmath.isfinite(r) else None

        lo, hi = at(dps + 5), at(dps + 25)
        if lo is None or hi is None:
            return None
        with mpmath.workdps(dps + 45):
            scale = max(abs(hi), mpmath.mpf(10) ** (-(dps // 2)))
            if abs(hi - lo) <= scale * mpmath.mpf(10) ** (-(dps - 8)):
                return Value(sp.Float(mpmath.nstr(hi, dps + 20), dps + 20), dps)
            # a value that cancels to (near) zero, e.g. an identity's residual: no relative agreement is
            # possible, but if three precisions all put it below 10^-dps it is zero at dps digits (below
            # every tolerance, which is at least 10^-(dps-10)); the adaptive evalf would chase it for long
            tiny = mpmath.mpf(10) ** (-dps)
            if abs(lo) <= tiny and abs(hi) <= tiny:
                top = at(dps + 45)
                if top is not None and abs(top) <= tiny:
                    return Value(sp.Float(mpmath.nstr(top, dps + 20), dps + 20), dps)
            return None
    except Exception:  # any failure: the slow, adaptive route decides
        return None


def _evaluate_evalf(expr: sp.Expr, values: Mapping[sp.Symbol, sp.Expr], dps: int) -> Value:
    e = expr.subs(values)
    if e.free_symbols:
        names = ", ".join(sorted(map(str, e.free_symbols)))
        raise NumericError(f"free symbols left after substitution: {names}")
    lo = _real(sp.N(e, dps, maxn=4 * dps + 200), e)
    hi = _real(sp.N(e, dps + 20, maxn=4 * dps + 280), e)
    scale = max(abs(hi), sp.Float(10) ** (-(dps // 2)))
    if abs(hi - lo) > scale * sp.Float(10) ** (-(dps - 8)):
        raise NumericError(f"precision disagreement: {lo} vs {hi}")
    return Value(hi, dps)


def _real(v: sp.Expr, source: sp.Expr) -> sp.Float:
    if v.is_Number and v.is_finite and v.is_real:
        return sp.Float(v, 10) if v == 0 else v
    if v.is_Number is False or v.has(sp.I):
        re, im = v.as_real_imag()
        if re.is_Number and im.is_Number and abs(im) <= abs(re) * sp.Float(10) ** -40 + sp.Float(10) ** -60:
            return re
        if re.is_Number and im.is_Number and re.is_finite and im.is_finite:
            raise NotRealError(f"not a finite real number: {source} -> {v}", v)
    raise NumericError(f"not a finite real number: {source} -> {v}")


def is_small(v: Value, *, scale: sp.Expr = sp.Integer(1)) -> bool:
    """True if ``v`` is zero to within the working precision relative to ``scale``."""
    tol = sp.Float(10) ** (-(v.dps - 10)) * max(sp.Integer(1), abs(scale))
    return abs(v.value) <= tol
