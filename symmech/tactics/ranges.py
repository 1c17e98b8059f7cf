"""The point at fraction ``s`` of a bound variable's range, for finite and infinite ends alike.

Every place that turns a fraction ``s`` in [0, 1] into a value of a bound variable (sampling, the
float search, the proof coordinates, witnesses) goes through :func:`point_in_range`, so a range
with an infinite end is mapped onto the real half-line or line exactly, never to ``oo`` itself:
``oo`` is not a point of ``[a, oo)`` and must never serve as a counterexample.
"""
from __future__ import annotations

import sympy as sp


def infinite_ends(lo, hi) -> tuple[bool, bool]:
    """(lower end is -oo, upper end is +oo)."""
    lo, hi = sp.sympify(lo), sp.sympify(hi)
    return bool(lo.is_infinite), bool(hi.is_infinite)


def point_in_range(lo, hi, s):
    """``lo + s (hi - lo)`` for finite ends; ``lo + s/(1 - s)`` on ``[lo, oo)``; ``hi - (1 - s)/s`` on
    ``(-oo, hi]``; ``(2 s - 1)/(s (1 - s))`` on the whole line (each an increasing bijection of the
    open unit interval onto the open range).  For a number ``s`` at an infinite end (no point of the
    range) the answer is None."""
    lo, hi, s = sp.sympify(lo), sp.sympify(hi), sp.sympify(s)
    low_inf, high_inf = infinite_ends(lo, hi)
    if not (low_inf or high_inf):
        return lo + s * (hi - lo)
    if s.is_number and ((high_inf and s == 1) or (low_inf and s == 0)):
        return None
    if low_inf and high_inf:
        return (2 * s - 1) / (s * (1 - s))
    if high_inf:
        return lo + s / (1 - s)
    return hi - (1 - s) / s


def unit_interval(lo, hi) -> sp.Interval:
    """The range of ``s``: [0, 1] with the end open where the variable's range is infinite."""
    low_inf, high_inf = infinite_ends(lo, hi)
    return sp.Interval(0, 1, left_open=low_inf, right_open=high_inf)
