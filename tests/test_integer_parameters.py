"""Integer parameters (issue 19): sampled at integers, proved over their real range, refuted only at an
integer.  Expected values are by hand: (T - 1)(T - 2) >= 0 holds at every integer and fails on (1, 2);
T <= 19 fails exactly at T = 20 on [1, 20]; the printed R_T of Carrasco et al. (Lemma 5.1) differs from
the correct one by kt delta^T, nonzero at every integer T."""
from __future__ import annotations

import pytest
import sympy as sp

from symmech import Scope
from symmech.claims import Identity, Inequality
from symmech.tactics.scope import ScopeError

T = sp.Symbol("T", integer=True, positive=True)
d = sp.Symbol("delta", positive=True)


def test_integer_parameters_are_sampled_at_integers_and_all_of_them_when_few():
    sc = Scope({T: sp.Interval(1, 5), d: sp.Interval.open(0, 1)})
    pts = sc.sample_points(9)
    assert {p[T] for p in pts} == {1, 2, 3, 4, 5}
    assert all(p[T].is_Integer for p in pts)
    big = Scope({T: sp.Interval(1, 1000)}).sample_points(9)
    assert {1, 1000} <= {p[T] for p in big} and all(p[T].is_Integer for p in big)
    assert {p[T] for p in Scope({T: sp.Interval.open(1, 4)}).sample_points(9)} == {2, 3}


def test_a_claim_false_only_between_integers_is_not_refuted():
    sc = Scope({T: sp.Interval(1, 5)})
    v = Inequality("between", lhs=(T - 1) * (T - 2), rel=">=", rhs=0).check(sc)
    assert v.status.value != "refuted", v.detail
    # the same claim over a real parameter is refuted (t = 3/2 gives -1/4)
    t = sp.Symbol("t", positive=True)
    w = Inequality("real", lhs=(t - 1) * (t - 2), rel=">=", rhs=0).check(Scope({t: sp.Interval(1, 5)}))
    assert w.status.value == "refuted"


def test_a_false_claim_is_refuted_at_an_integer():
    v = Inequality("top", lhs=T, rel="<=", rhs=19).check(Scope({T: sp.Interval(1, 20)}))
    assert v.status.value == "refuted"
    assert sp.sympify(v.witness["T"].split(" = ")[0]) == 20


def test_a_claim_true_over_the_real_range_is_proved():
    v = Identity("geometric", lhs=sum(d ** t for t in range(3)), rhs=(1 - d ** 3) / (1 - d)).check(
        Scope({T: sp.Interval(1, 20), d: sp.Interval.open(0, 1)}))
    assert v.status.value == "proved"
    w = Inequality("grows", lhs=T ** 2, rel=">=", rhs=T).check(Scope({T: sp.Interval(1, 20)}))
    assert w.status.value == "proved"


def test_bad_integer_ranges_are_refused():
    with pytest.raises(ScopeError, match="holds no integer"):
        Scope({T: sp.Interval(sp.Rational(1, 3), sp.Rational(2, 3))})
    with pytest.raises(ScopeError, match="fixed to"):
        Scope({T: sp.Rational(5, 2)})
    with pytest.raises(ScopeError, match="positive"):
        Scope({T: sp.Interval(-3, 3)})


def test_admissible_points():
    sc = Scope({T: sp.Interval(1, 20), d: sp.Interval.open(0, 1)})
    assert sc.admissible({"T": "14", "delta": "1/10"})
    assert not sc.admissible({"T": "181/10 = 18.1", "delta": "1/10"})
    assert sc.admissible({d: sp.Rational(1, 3)})
