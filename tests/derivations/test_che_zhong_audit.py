"""che_zhong_audit: each check against an independent computation (mpmath roots, hand-computed laws),
each catalog error refuted while its correction holds, and a perturbed copy of each holding check
refuted (negative controls); the whole derivation as a slow test."""
import mpmath as mm
import pytest
import sympy as sp
from sympy import Rational

from derivations import che_zhong_audit as cz
from symmech import AllOf, Identity, Inequality, Status

BY_ID = {c.id: c for c in cz.DERIVATION.claims}


def _check(claim):
    return claim.check(cz.SCOPE, digits=30, samples=5)


def test_fig78_brackets_hold_the_roots_of_eq29():
    # independent: mpmath root of (29) alpha (1 + log(1/alpha)) = m on (0, 1); spec R5 values
    mm.mp.dps = 40
    for m, lo, hi in cz._FIG78:
        root = mm.findroot(lambda t: t * (1 + mm.log(1 / t)) - mm.mpf(m.p) / m.q, (mm.mpf("0.01"), mm.mpf("0.99")),
                           solver="anderson")
        assert mm.mpf(lo.p) / lo.q < root < mm.mpf(hi.p) / hi.q
    assert _check(BY_ID["fig78_separate_sales_guarantee"]).status in (Status.PROVED, Status.CERTIFIED)


def test_fig78_bracket_beside_the_root_is_refuted():
    # negative control: shift alpha_1's bracket above the root by 1e-19
    m, lo, hi = cz._FIG78[0]
    eps = Rational(1, 10**19)
    bad = AllOf("bad", parts=cz.fig78_parts(((m, lo + eps, hi + eps), cz._FIG78[1]), cz.R5_SEPARATE))
    assert _check(bad).status is Status.REFUTED


def test_eq12_is_dalpha_from_the_jacobian():
    # independent: mpmath root of (5)-(6) (phi = z^2) by finite differences in m at (alpha, ell) = (1/2, 3):
    # d alpha/dm = -dB/d delta at (dm, ds) = (1, 0)
    mm.mp.dps = 30
    a0, l0 = mm.mpf(1) / 2, mm.mpf(3)
    m0, s0 = a0 * (1 + mm.log(l0)), 2 * a0**2 * l0 - a0**2

    def alpha(m, s):
        return mm.findroot(lambda t: 2 * t * t * mm.e ** ((m - t) / t) - t**2 - s, a0)
    h = mm.mpf("1e-12")
    num = (alpha(m0 + h, s0) - alpha(m0 - h, s0)) / (2 * h)
    dB = cz.LAM * (-2 * cz.BETA * cz.dm + cz.ds)
    exact = -dB.subs({cz.a: Rational(1, 2), cz.L: 3, cz.dm: 1, cz.ds: 0})
    assert abs(num - mm.mpf(str(sp.N(exact, 30)))) < 1e-9
    c = BY_ID["eq12_directional_derivative"]
    assert _check(c).status is Status.PROVED
    bad = Identity("bad", lhs=c.lhs + 4 * cz.LAM * cz.BETA * cz.dm, rhs=0)   # the sign of dm in (21) flipped
    assert _check(bad).status is Status.REFUTED


def test_eq19_instance_by_hand():
    # K-bundled prices 2 ({1,2}) and 1 ({3}) earn 1/2*2 + 1/2*1 = 3/2 under both couplings; the grand
    # bundle at 3 earns 3 * 1/4 (independent) vs 3 * 1/2 (comonotone)
    assert _check(BY_ID["eq19_revenue_depends_on_K_marginals"]).status is Status.PROVED
    g = BY_ID["eq19_grand_bundle_same_revenue"]
    assert (g.lhs, g.rhs) == (Rational(3, 4), Rational(3, 2))
    assert _check(g).status is Status.REFUTED


def test_two_moment_witnesses_and_X3():
    # E_P phi^2 = (2 + 2 - log 3)/2 = 2 - log(3)/2 > 1.41; E_Q z^2 = 0.9*0.66^2 + 0.1*4.06^2 = 2.0404 > 2
    assert abs(float(BY_ID["X3_F1_subset_F_tilde_as_printed"].lhs) - (2 - float(sp.log(3)) / 2)) < 1e-12
    assert BY_ID["X3_F2_subset_F_tilde_as_printed"].lhs == Rational(20404, 10000)
    for cid in ("X3_F1_subset_F_tilde_as_printed", "X3_F2_subset_F_tilde_as_printed"):
        assert BY_ID[cid].expect == "fails" and _check(BY_ID[cid]).status is Status.REFUTED
    assert _check(BY_ID["eq7_two_moment_witnesses"]).status is Status.PROVED


def test_curvature_bound_of_the_second_moment_function_is_tight():
    # negative control: phi2'' = 1 + 1/(1+z)^2 reaches 2 at z = 0, so an upper bound 3/2 is refuted
    bad = Inequality("bad", lhs=sp.diff(cz.PHI2(cz.z), cz.z, 2), rel="<=", rhs=Rational(3, 2), over=[(cz.z, 0, 100)])
    assert _check(bad).status is Status.REFUTED


@pytest.mark.parametrize("cid", ["T5_phi_i_as_gamma_of_eq11", "T5_lower_limit_zero_with_formula_H",
                                 "T7_arbitrary_F_in_F_tilde", "T8_psi_as_x_variables_literal"])
def test_printed_readings_are_refuted(cid):
    assert BY_ID[cid].expect == "fails"
    assert _check(BY_ID[cid]).status is Status.REFUTED


@pytest.mark.parametrize("cid", ["T5_lower_limit_zero_as_cdf", "T8_psi_second_component", "G6_convex_on_ray"])
def test_corrected_readings_are_proved(cid):
    assert _check(BY_ID[cid]).status is Status.PROVED


def test_T5_with_the_within_cell_weight_holds():
    # the correction of T5_phi_i_as_gamma_of_eq11: c = m_K/m_N replaced by 1 gives the stated bound
    c = BY_ID["T5_phi_i_as_gamma_of_eq11"]
    assert _check(Identity("ok", lhs=c.lhs.subs(cz.c, 1), rhs=c.rhs)).status is Status.PROVED


def test_G6_nonconvex_quadratic_is_refuted():
    # negative control: an indefinite quadratic restricted to the ray need not be convex
    u = (cz.w1 * cz.z)**2 - 3 * (cz.w2 * cz.z)**2
    assert _check(Inequality("bad", lhs=sp.diff(u, cz.z, 2), rel=">=", rhs=0)).status is Status.REFUTED


def test_fn28_uniform_tangency_against_an_independent_root():
    # independent: mpmath solves the B.4 tangency for S ~ U[0,1] (C = z^2/2) as a 2x2 system in (alpha, z)
    mm.mp.dps = 40
    al, zz = mm.findroot([lambda a_, z_: z_ - a_ - a_ * mm.log(z_ / a_) - z_**2 / 2,
                          lambda a_, z_: 1 - a_ / z_ - z_], (mm.mpf("0.2"), mm.mpf("0.7")))
    assert mm.mpf(cz._Z_LO.p) / cz._Z_LO.q < zz < mm.mpf(cz._Z_HI.p) / cz._Z_HI.q
    assert abs(al - mm.mpf(cz.R6_ALPHA.p) / cz.R6_ALPHA.q) < 1e-35              # spec R6 alpha*
    beta = al * mm.e ** ((mm.mpf(1) / 2 - al) / al)
    assert abs(beta - mm.mpf("0.8728143298793255840328932352587557361418")) < 1e-30   # spec R6 beta*
    assert _check(BY_ID["fn28_uniform_single_good"]).status is Status.PROVED


def test_fn28_wrong_branch_bracket_is_refuted():
    # negative control: a bracket [0.70, 0.7001] below z* = 0.7153 (h < 0 at both ends) is refuted
    bad = AllOf("bad", parts=cz.fn28_parts(Rational(70, 100), Rational(7001, 10000)))
    assert _check(bad).status is Status.REFUTED


def test_fn13_needs_one_allocation_per_group():
    # negative control: with q_1 != q_2 inside the group {1,2} the utility does not separate by group totals
    c = BY_ID["fn13_utility_separates_by_group"]
    assert _check(c).status is Status.PROVED
    v1 = cz.V123[0]
    bad = Identity("bad", lhs=c.lhs + v1 * (cz.qB - cz.qA), rhs=c.rhs, over=c.over)   # q_1 = q_B instead of q_A
    assert _check(bad).status is Status.REFUTED


def test_sources_cite_authors():
    for c in cz.DERIVATION.claims:
        assert c.source.startswith("Che and Zhong, "), c.id


@pytest.mark.slow
def test_whole_derivation_agrees():
    report = cz.DERIVATION.verify(digits=30, samples=5)
    assert report.ok, str(report)
