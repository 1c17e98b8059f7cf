"""Sampling is staged: a screening grid, the exact tactics, and the full grid only for a claim they do
not prove.  A violation that only the full grid (or the float search) sees must still refute."""
from __future__ import annotations

import sympy as sp
from sympy import Interval, Rational

from symmech import Identity, Inequality, Scope
from symmech.tactics.sampling import _SCREEN
from symmech.kernel.verdict import Status

x = sp.Symbol("x", real=True)
k = sp.Symbol("k", positive=True)
SCOPE = Scope(parameters={k: Interval(Rational(1, 4), Rational(3, 4))})


def test_an_identity_zero_at_every_screening_point_but_false_is_refuted():
    lhs = k * sp.Mul(*[(x - sp.Rational(g.numerator, g.denominator)) for g in _SCREEN])
    v = Identity("zero_on_the_screen", lhs=lhs, rhs=0, over=[(x, 0, 1)]).check(SCOPE)
    assert v.status is Status.REFUTED, v.detail


def test_an_inequality_violated_only_between_screening_points_is_refuted():
    f = (x - Rational(1, 16)) ** 2 - k * Rational(1, 10000)
    v = Inequality("thin_dip", lhs=f, rel=">=", rhs=0, over=[(x, 0, 1)]).check(SCOPE)
    assert v.status is Status.REFUTED, v.detail


def test_a_proved_claim_reports_the_screening_points_and_a_true_one_stays_proved():
    f = (x - Rational(1, 16)) ** 2 + k
    v = Inequality("no_dip", lhs=f, rel=">", rhs=0, over=[(x, 0, 1)]).check(SCOPE)
    assert v.status is Status.PROVED, v.detail
    # 9 parameter samples (k) times the 7 screening values of x, not the 21-value full grid
    assert f"{9 * len(_SCREEN)} points" in v.detail, v.detail
    w = Identity("expanded", lhs=(x + k) ** 2, rhs=x ** 2 + 2 * k * x + k ** 2, over=[(x, 0, 1)]).check(SCOPE)
    assert w.status is Status.PROVED and f"{9 * len(_SCREEN)} points" in w.detail, w.detail
