"""Issue 6, Che-Zhong Cor. 2 (split from test_che_zhong_upgrades.py): Cov > 0 through its monotone routes,
and perturbed covariances / shifted functions that must not be proved.
"""
from sympy import Rational

from derivations import che_zhong_cor2 as c2
from symmech import Status

from _che_zhong_upgrades_common import FAST, _find, _status


def test_cor2_perturbed_covariance_not_proved():
    bad = c2._corr_positive(c2.COV1 - Rational(1, 10))
    assert _status(bad, c2.SCOPE) is Status.REFUTED
    bad = c2._corr_below_one(cov=c2.COV * Rational(101, 100))          # rho * 1.01 > 1 for r_s near 1
    assert _status(bad, c2.SCOPE) is not Status.PROVED
    assert _status(_find([bad], "corr_across_cells_below_one.scale_cov"), c2.SCOPE) is Status.PROVED
    assert _status(_find([bad], "corr_across_cells_below_one.F1"), c2.SCOPE) is Status.REFUTED

def test_positive_from_one_route_rejects_a_shifted_function():
    """The monotone route behind J > 0 (J(1) = 0, J' = 2h/ell) cannot prove J - 1/100 > 0: the value at the
    anchor is -1/100, so the route fails and the direct check finds the violation near ell_1 = 1."""
    from sympy import Rational as Q
    bad = c2._positive_from_one("J_shifted", c2.j_fn(c2.L1) - Q(1, 100), 2 * c2.h_fn(c2.L1) / c2.L1)
    assert bad.check(c2.SCOPE, **FAST).status is Status.REFUTED

def test_j_positive_slope_route_proves_through_its_combination():
    """J' > 0 from J' = 2h/ell and h > 0 (weight 2/ell, shown positive): the route itself is a proof, so
    Cov > 0 does not rest on the time-limited tactics of the direct check."""
    claim = next(c for c in c2.DERIVATION.claims if c.id == "corr_across_cells_positive")
    j_pos = _find([claim], "corr_across_cells_positive.J_pos")
    slope = next(p for p in j_pos.sufficient[0].parts if p.id.endswith(".slope"))
    link = slope.implication.check(slope.direct, slope.sufficient[0], c2.SCOPE, 20, 3)
    assert link.status is Status.PROVED, link.detail
