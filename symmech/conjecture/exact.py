"""Exact (or rigorously enclosed) comparison of two numbers, under a time budget.

Used wherever the conjecture path decides ``a < b``, ``a == b`` or ``a > b`` for a
verdict: a sign is *rigorous* when it comes from exact arithmetic (rationals,
a SymPy simplification to 0) or from an Arb enclosure that excludes 0; every
SymPy call runs under :func:`symmech.tactics.provers.within_budget`, so a comparison
never hangs (it then reports an unknown sign).
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from symmech.tactics.provers import within_budget
from .model import N, unfold

__all__ = ["Comparison", "compare", "budgeted"]

#: seconds one simplification inside a comparison may take
SIMPLIFY_SECONDS = 5.0


@dataclass(frozen=True)
class Comparison:
    """sign of ``a - b`` (None: unknown), whether it is rigorous, and how it was found."""

    sign: int | None
    rigorous: bool
    how: str

    @property
    def equal(self) -> bool:
        return self.sign == 0 and self.rigorous


def budgeted(fn, seconds: float = SIMPLIFY_SECONDS, default=None):
    """``fn()`` under the SymPy time budget; ``default`` if it runs out or raises an ordinary error."""
    box: dict = {}

    def run():
        try:
            box["v"] = fn()
        except Exception:           # noqa: BLE001 - a failed simplification is only "unknown"
            box["v"] = default
        return True

    done = within_budget(run, seconds)
    return box.get("v", default) if done else default


def _arb_sign(d: sp.Expr, digits: int) -> int | None:
    """Sign of the constant ``d`` from an Arb enclosure at about 2x ``digits`` (None if it contains 0)."""
    try:
        from symmech.tactics.certify.arb_eval import EvalState, compile_expr, workprec
    except Exception:               # noqa: BLE001 - python-flint missing: no rigorous route
        return None
    try:
        fn = compile_expr(d, [])
        with workprec(int(2 * digits * 3.33) + 64):
            iv = fn([], EvalState())
            if iv.gt0():
                return 1
            if iv.lt0():
                return -1
    except Exception:               # noqa: BLE001 - unsupported function or branch point
        return None
    return None


def _evalf(d: sp.Expr, digits: int):
    """``d`` at ``2 digits + 10`` digits if that is a real number, else None."""
    try:
        v = N(d, 2 * digits + 10)
    except Exception:               # noqa: BLE001
        return None
    return v if v.is_number and v.is_real else None


def compare(a, b, digits: int = 50, *, exact_zero: bool = True) -> Comparison:
    """Sign of ``a - b`` for exact constants ``a`` and ``b`` (named constants unfolded).

    ``exact_zero=False`` is for callers that act only on a rigorous *non-zero* sign and treat a 0
    shown exactly like a 0 to the working precision: when the Arb enclosure contains 0 the
    (often slow) SymPy simplification to 0 is skipped if the high-precision value is within the
    tolerance of 0 (it is still tried when that value cannot be computed).  The sign is then
    ``0`` (not rigorous); every non-zero sign is unchanged.
    """
    d = unfold(sp.sympify(a) - sp.sympify(b))
    if d.is_Rational:
        return Comparison(int(sp.sign(d)), True, "exact rational arithmetic")
    if d.free_symbols:
        return Comparison(None, False, f"not a number: {d}")
    if d.has(sp.Float):
        # a constant known only to ~90 digits (an implicit definition without closed form): its sign is
        # trusted only far above that accuracy
        v = N(d, 60)
        if v.is_number and v.is_real and abs(v) > sp.Float(10) ** -60:
            return Comparison(1 if v > 0 else -1, True, "90-digit root values, margin above 1e-60")
        return Comparison(None, False, "equal to the accuracy of a 90-digit root value")
    s = _arb_sign(d, digits)
    if s is not None:
        return Comparison(s, True, "Arb enclosure excluding 0")
    if not exact_zero:
        v = _evalf(d, digits)
        if v is not None and abs(v) < sp.Float(10) ** (-(digits - 5)):
            return Comparison(0, False, f"equal to {digits - 5} digits (an exact 0 was not needed)")
    z = budgeted(lambda: sp.simplify(d) == 0)
    if z is True:
        return Comparison(0, True, "SymPy simplifies the difference to 0")
    try:
        v = N(d, 2 * digits + 10)
    except Exception:               # noqa: BLE001
        return Comparison(None, False, "cannot evaluate the difference")
    if not v.is_number or not v.is_real:
        return Comparison(None, False, "the difference is not a real number")
    if abs(v) < sp.Float(10) ** (-(digits - 5)):
        return Comparison(0, False, f"equal to {digits - 5} digits, not shown exactly")
    return Comparison(1 if v > 0 else -1, False, f"SymPy evalf at {2 * digits + 10} digits")
