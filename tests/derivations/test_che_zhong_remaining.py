"""che_zhong_remaining: spec regression values (seed_000 R1, R7) recomputed independently, cheap claims
one by one (catalog errors refuted, their corrections hold), the whole derivation as a slow test."""
import mpmath as mm
import pytest
import sympy as sp

from derivations import che_zhong_remaining as cz
from symmech import Identity, Status

BY_ID = {c.id: c for c in cz.DERIVATION.claims}


def _check(cid):
    return BY_ID[cid].check(cz.SCOPE, digits=30, samples=5)


def test_R7_quadratic_case_matches_parametrization():
    # spec R7 (m, s) = (1, 1.5): alpha = 0.33906..., ell = 7.02379...; the derivation's (alpha, ell) -> (m, s)
    a_ = sp.Float("0.339063124244155094258776313226725838794", 40)
    l_ = sp.Float("7.023792580819180912125819557818430865", 37)
    assert abs(sp.N(cz.M_K.subs({cz.a: a_, cz.L: l_}), 35) - 1) < 1e-30
    assert abs(sp.N(cz.S_K.subs({cz.a: a_, cz.L: l_}), 35) - sp.Rational(3, 2)) < 1e-30
    lam = sp.N(cz.LAM.subs({cz.a: a_, cz.L: l_}), 35)
    assert abs(lam - sp.Float("0.192319705478770660411903147541410100", 36)) < 1e-30


def test_R1_group1_lambda_is_minus_dalpha_ds():
    # spec Sec. 5 conjecture 1: at R1 group 1, -d alpha/d s = 0.63352; finite differences of the
    # implicit alpha(m, s) from (5)-(6) with phi = z^2, computed with mpmath (independent of the claims)
    mm.mp.dps = 30

    def alpha(m, s):
        return mm.findroot(lambda a_: 2 * a_ * a_ * mm.e ** ((m - a_) / a_) - a_**2 - s, 0.24)
    h = mm.mpf("1e-10")
    d = (alpha(mm.mpf("0.6"), mm.mpf("0.46") + h) - alpha(mm.mpf("0.6"), mm.mpf("0.46") - h)) / (2 * h)
    assert abs(-d - mm.mpf("0.633520149755673646")) < 1e-8           # spec R1 lambda_1
    assert _check("argmin_dalpha_ds").status is Status.PROVED


@pytest.mark.parametrize("cid", ["G1_every_omega_point_feasible", "T5_stray_comma_as_printed",
                                 "T6_cor3_not_every_set_knightian", "G4_limit_phi_curvature",
                                 "G5_power_moment_curvature", "G7_capm_mean_positive"])
def test_catalog_errors_are_refuted(cid):
    assert BY_ID[cid].expect == "fails"
    assert _check(cid).status is Status.REFUTED


@pytest.mark.parametrize("cid", ["lemma1_saddle_gives_eq4", "assumption1_exchangeable", "T5_top_term_with_gamma",
                                 "T8_psi_in_y_and_x_variables", "G1_degenerate_limit", "phi_cube.eq10_value",
                                 "phi_cube.price_mass_one"])
def test_holding_claims_are_proved(cid):
    assert _check(cid).status is Status.PROVED


def test_perturbed_value_identity_is_refuted():
    c = BY_ID["phi_cube.eq10_value"]
    bad = Identity("bad", lhs=c.lhs, rhs=c.rhs * sp.Rational(101, 100))
    assert bad.check(cz.SCOPE, digits=30, samples=5).status is Status.REFUTED


def test_sources_cite_authors():
    for c in cz.DERIVATION.claims:
        assert c.source.startswith("Che and Zhong, "), c.id


@pytest.mark.slow
def test_whole_derivation_agrees():
    report = cz.DERIVATION.verify(digits=30, samples=5)
    assert report.ok, str(report)
