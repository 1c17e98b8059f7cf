"""Bound variables over unbounded ranges: oo is not a point of [a, oo) and must never be a
counterexample (atan y < pi/2 on [0, oo) used to be 'refuted at y = oo'); real tails still refute."""
from __future__ import annotations

import sympy as sp

from symmech import Inequality, Scope
from symmech.tactics.ranges import point_in_range, unit_interval
from symmech.kernel.verdict import Status

y = sp.Symbol("y", nonnegative=True)
z = sp.Symbol("z", real=True)
HOLDING = (Status.PROVED, Status.CERTIFIED, Status.CONFIRMED)


def test_the_maps_are_bijections_onto_the_open_ranges_and_the_infinite_end_is_no_point():
    s = sp.Symbol("s")
    assert point_in_range(1, sp.oo, sp.Rational(1, 2)) == 2
    assert point_in_range(-sp.oo, 0, sp.Rational(1, 2)) == -1
    assert point_in_range(-sp.oo, sp.oo, sp.Rational(1, 2)) == 0
    assert point_in_range(0, sp.oo, 1) is None and point_in_range(-sp.oo, 0, 0) is None
    for lo, hi in ((1, sp.oo), (-sp.oo, 0), (-sp.oo, sp.oo)):
        assert sp.diff(point_in_range(lo, hi, s), s).subs(s, sp.Rational(1, 3)) > 0     # increasing
    assert unit_interval(0, sp.oo) == sp.Interval.Ropen(0, 1)
    assert unit_interval(-sp.oo, sp.oo) == sp.Interval.open(0, 1)


def test_a_bound_approached_only_at_infinity_is_not_refuted():
    v = Inequality("atan_below", lhs=sp.atan(y), rel="<", rhs=sp.pi / 2, over=[(y, 0, sp.oo)]).check(Scope())
    assert v.status in HOLDING, v.detail
    w = Inequality("exp_positive", lhs=sp.exp(z), rel=">", rhs=0, over=[(z, -sp.oo, sp.oo)]).check(Scope())
    assert w.status in HOLDING, w.detail


def test_a_tail_violation_is_refuted_at_a_finite_point():
    v = Inequality("atan_tight", lhs=sp.atan(y), rel="<=", rhs=sp.Rational(157, 100), over=[(y, 0, sp.oo)]
                   ).check(Scope())
    assert v.status is Status.REFUTED, v.detail
    assert sp.sympify(v.witness["y"].split(" ")[0]).is_finite
    w = Inequality("exp_floor", lhs=sp.exp(z), rel=">", rhs=sp.Rational(1, 10**6), over=[(z, -sp.oo, 0)]
                   ).check(Scope())
    assert w.status is Status.REFUTED, w.detail
    assert sp.sympify(w.witness["z"].split(" ")[0]) < -13
