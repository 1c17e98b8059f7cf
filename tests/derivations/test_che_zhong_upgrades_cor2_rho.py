"""Issue 6, Che-Zhong Cor. 2 (split from test_che_zhong_upgrades.py): the correlation bound rho < 1 and its
negative controls. Regression value: rho = 0.98174... at the spec R1 point (spec Sec. 3 R1, also in
test_che_zhong_final.test_cor2_correlation_R1); the R1 ells are the spec's 40-digit values rounded to
rationals (12 digits) for an exact parameter point.
"""
from sympy import Rational

from derivations import che_zhong_cor2 as c2
from symmech import Inequality, Scope, Status

from _che_zhong_upgrades_common import FAST, _find, _status


def test_cor2_rho_false_bound_refuted_at_R1():
    """spec R1: rho = 0.98174...; rho < 0.98 is refuted there, rho < 1 holds."""
    l1 = Rational("4.521006982923")          # spec R1 ell_1 (rounded)
    l23 = Rational("5.871373701867")         # spec R1 ell_23 (rounded)
    pt = Scope(parameters={c2.a1: Rational(1, 4), c2.L1: l1, c2.a2: Rational(1, 5), c2.r: 1,
                           c2.c: Rational(1, 2), c2.rs: l23 / l1})
    direct = _find(c2.DERIVATION.claims, "corr_across_cells_below_one").direct.inner
    rho = direct.lhs
    assert abs(float(rho.subs({c2.a1: 1, c2.a2: 1, c2.L1: l1, c2.rs: l23 / l1})) - 0.9817422887549322) < 1e-9
    assert _status(Inequality("lt098", lhs=rho, rel="<", rhs=Rational(98, 100)), pt) is Status.REFUTED
    assert _status(Inequality("lt1", lhs=rho, rel="<", rhs=1), pt) in (Status.PROVED, Status.CERTIFIED,
                                                                      Status.CONFIRMED)

def test_cor2_rho_equal_ells_not_below_one():
    """r = 1 (ell_1 = ell_2): rho = 1 exactly, so the strict bound must fail."""
    direct = _find(c2.DERIVATION.claims, "corr_across_cells_below_one").direct.inner
    at1 = Inequality("r1", lhs=direct.lhs.subs(c2.rs, 1), rel="<", rhs=1)
    assert _status(at1, c2.SCOPE) is Status.REFUTED
