"""Re-checking a would-be counterexample before anything is reported ``refuted``.

Sampling evaluates a claim at floating-point images of its points: a bound variable
at an irrational end (``x = 1/pi``) or a value next to a branch point (``LambertW``
at ``-1/e``) picks up a rounding error that can look like a violation (a tiny
negative number under a square root becomes a "non-real side").  Nothing found by
sampling, the float search or the certifier is reported until it survives
:func:`recheck`:

* at an exact point with no defined root, the residual is substituted exactly and
  enclosed rigorously by Arb (python-flint); the violation must be *certain* (the ball
  excludes every value the claim allows).  Where Arb cannot evaluate the expression
  (a branch point, a non-real value) SymPy's adaptive ``evalf`` decides at twice the
  digits;
* with a defined root (known only numerically) the point is re-evaluated with the
  root recomputed at twice the digits, and the violation must reproduce beyond the
  tolerance of the requested digits.

A refutation therefore reproduces at 2x the digits, and an exact one is rigorous.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import sympy as sp

from .ranges import point_in_range

from .numeric import NotRealError, NumericError, evaluate


@dataclass(frozen=True)
class Recheck:
    """The outcome of re-checking one point.

    ``violated`` is True (the claim fails there: certainly when ``rigorous``), False (the
    point is no counterexample at twice the digits: a rounding artefact) or None (could not
    be evaluated again).  ``value`` is the residual (or the non-real value) as text and
    ``how`` says how it was obtained.
    """

    violated: bool | None
    value: str = ""
    how: str = ""
    rigorous: bool = False


def _tol(digits: int, scale) -> sp.Float:
    return sp.Float(10) ** (-(digits - 10)) * max(sp.Integer(1), abs(sp.sympify(scale)))


def exact_point(params: Mapping[sp.Symbol, sp.Expr], bounds: Sequence, fractions: Mapping) -> dict:
    """The exact point: parameters as given, each bound variable ``lo + fr (hi - lo)`` (in the
    parameters and earlier bound variables; defined roots stay symbols)."""
    point: dict = dict(params)
    for var, lo, hi in bounds:
        fr = fractions.get(var)
        if fr is None:
            continue
        q = sp.Rational(fr.numerator, fr.denominator) if not isinstance(fr, sp.Basic) else fr
        at = point_in_range(lo, hi, q)
        if at is None:          # an infinite end is no point: the recheck finds the variable unset
            continue
        point[var] = at.subs(point)
    return point


def recheck(f: sp.Expr, scope, point: Mapping[sp.Symbol, sp.Expr], relation: str, digits: int,
            scale_expr: sp.Expr | None = None) -> Recheck:
    """Re-check ``f rel 0`` (``relation`` one of ``"=="``, ``">="``, ``">"``, or ``"real"`` for a
    value that must be real) at the exact ``point`` (parameters and bound variables; defined
    roots are added by the scope)."""
    roots = {r.symbol for r in scope.roots}
    exact = {s: sp.sympify(v) for s, v in point.items()}
    try:
        e = _substitute(f, exact)
    except Exception as exc:  # pragma: no cover - SymPy internals
        return Recheck(None, how=f"substitution failed: {exc}")
    if e is not None and not (e.free_symbols - roots) and not (e.free_symbols & roots):
        return _recheck_number(e, relation, digits, scale_expr, exact)
    return _recheck_numeric(f, scope, exact, relation, digits, scale_expr)


def _substitute(f: sp.Expr, exact: Mapping) -> sp.Expr | None:
    from .provers import within_budget

    return within_budget(lambda: sp.sympify(f).subs(exact), 5.0)


def _scale(scale_expr, exact) -> sp.Expr:
    if scale_expr is None:
        return sp.Integer(1)
    try:
        return abs(sp.N(sp.sympify(scale_expr).subs(exact), 15))
    except Exception:
        return sp.Integer(1)


def _violates_interval(iv, relation: str) -> bool | None:
    """True if the enclosure certainly violates ``relation``; False if it certainly satisfies it."""
    if relation == ">=":
        return True if iv.lt0() else (False if iv.ge0() else None)
    if relation == ">":
        return True if iv.le0() else (False if iv.gt0() else None)
    if relation == "==":
        return True if (iv.gt0() or iv.lt0()) else (False if iv.is_point() and iv.lo == 0 else None)
    return None


def _recheck_number(e: sp.Expr, relation: str, digits: int, scale_expr, exact) -> Recheck:
    """An exact number: an Arb enclosure decides rigorously; else adaptive evalf at 2x digits."""
    if e.is_zero is True or e == 0:
        violated = relation == ">"
        return Recheck(violated, "0", "exactly 0 (SymPy)", rigorous=True)
    if relation != "real" and e.is_Rational:
        v = {">=": e < 0, ">": e <= 0, "==": e != 0}[relation]
        return Recheck(bool(v), str(e), "exact rational value", rigorous=True)
    if relation == ">":
        # a strict claim fails where the value is exactly 0: SymPy's zero test on the exact number
        from .provers import symbolic_zero, within_budget

        if within_budget(lambda: symbolic_zero(e), 5.0):
            return Recheck(True, "0", "exactly 0 (SymPy simplifies the exact value to 0)", rigorous=True)
    if relation != "real":
        try:
            from .certify.arb_eval import EvalState, compile_expr, workprec

            fn = compile_expr(e, [])
            bits = int(2 * digits * 3.33) + 64
            with workprec(bits):
                iv = fn([], EvalState())
                verdict = _violates_interval(iv, relation)
                if verdict is not None:
                    text = iv.ball().str(25) if iv.finite() else repr(iv)
                    return Recheck(verdict, text, f"Arb enclosure at {bits} bits", rigorous=True)
        except Exception:  # Arb cannot enclose it (branch point, unsupported function): evalf decides
            pass
    return _recheck_evalf(e, relation, digits, scale_expr, exact)


def _recheck_evalf(e: sp.Expr, relation: str, digits: int, scale_expr, exact) -> Recheck:
    work = 2 * digits
    try:
        v = sp.N(e, work, maxn=8 * work + 400)
    except Exception as exc:
        return Recheck(None, how=f"evalf failed: {exc}")
    re_, im_ = v.as_real_imag()
    if not (re_.is_Number and im_.is_Number and re_.is_finite and im_.is_finite):
        return Recheck(None, str(v), "not a finite number at 2x digits")
    tol = _tol(digits, _scale(scale_expr, exact))
    how = f"SymPy evalf at {work} digits on the exact point"
    if relation == "real" or abs(im_) > tol:
        return Recheck(bool(abs(im_) > tol), str(sp.N(v, 20)), how)
    return Recheck(_violates_float(re_, relation, tol), str(sp.N(re_, 25)), how)


def _violates_float(x, relation: str, tol) -> bool:
    if relation == ">=":
        return bool(x < -tol)
    if relation == ">":
        return bool(x < -tol)      # an exact zero of a strict claim needs an exact argument
    return bool(abs(x) > tol)


def _recheck_numeric(f, scope, exact, relation: str, digits: int, scale_expr) -> Recheck:
    """A defined root is involved: recompute everything at 2x the digits."""
    work = 2 * digits
    params = {s: v for s, v in exact.items() if s in scope.parameters}
    try:
        values = scope.numeric_values(params, work + 10)
        vals = dict(values)
        for s, v in exact.items():
            if s not in vals:
                vals[s] = sp.N(sp.sympify(v).subs(vals), work + 10)
        try:
            val = evaluate(f, vals, work)
        except NotRealError as exc:
            z = exc.value
            tol = _tol(digits, _scale(scale_expr, vals))
            return Recheck(bool(abs(sp.im(z)) > tol), str(sp.N(z, 20)),
                           f"mpmath at {work} digits, roots recomputed")
        scale = _scale(scale_expr, vals)
    except (NumericError, ZeroDivisionError, ValueError, TypeError) as exc:
        return Recheck(None, how=f"not evaluable at {work} digits: {exc}")
    tol = _tol(digits, scale)
    if relation == "real":
        return Recheck(False, str(val), f"real at {work} digits")
    return Recheck(_violates_float(val.value, relation, tol), str(val),
                   f"mpmath at {work} digits, roots recomputed")
