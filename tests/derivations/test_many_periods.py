"""many_periods end to end and spec R11 regression numbers."""
import pytest
import sympy as sp

from derivations import many_periods as mp

KT = {0.5: sp.Float("0.18668230885083704212422421834", 30), 0.25: sp.Float("0.067702340441248648271126566223", 30)}


@pytest.fixture(scope="module")
def report():
    return mp.DERIVATION.verify(digits=20, samples=3)


@pytest.mark.slow  # full verify takes 1-3 min; run with -m slow
def test_every_verdict_agrees(report):
    assert report.ok, str(report)


@pytest.mark.parametrize("k,delta,T,correct,printed", [
    (0.5, sp.Rational(9, 10), 3, "0.5059090569857683841566476317", "0.64200046013802858786520708687"),
    (0.25, sp.Rational(19, 20), 5, "0.306311199673502110825729952596", "0.358697980131075653555570021189"),
])
def test_R11(k, delta, T, correct, printed):
    sub = {mp.kt: KT[k], mp.delta: delta}
    assert abs(sp.N(mp.R_sum(T).subs(sub), 30) - sp.Float(correct, 30)) < 1e-25
    assert abs(sp.N(mp.R(T).subs(sub), 30) - sp.Float(correct, 30)) < 1e-25
    assert abs(sp.N(mp.R_printed(T).subs(sub), 30) - sp.Float(printed, 30)) < 1e-25


def test_R11_undiscounted():
    assert abs(sp.N(mp.R_sum(4).subs({mp.kt: KT[0.5], mp.delta: 1}), 30)
               - sp.Float("0.746729235403348168496896873359", 30)) < 1e-25
