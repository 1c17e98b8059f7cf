"""Bikhchandani-Mishra Sec. 4.2, the catalog's Sec. 7 conjectures and gaps (derivations bm_settings,
bm_gaps): verdicts end to end, and a negative control for every check (perturbed law, constant, order
or hypothesis).  Regression values: spec R11 (OPT = 8/3 on {1,2,3}^2), spec R12 (V* = 2), and
closed forms computed by hand (welfare at lambda = 1 is E[q_1 + q_2] <= 2)."""
from fractions import Fraction as F

import pytest
import sympy as sp

from derivations import bm_gaps, bm_settings
from symmech import Identity, Status
from symmech.tactics.lp.exact import solve_exact
from symmech.models.multigood import grid_lp as G
from symmech.models.multigood import rank as R
from symmech.models.multigood import rank_settings as RS
from symmech.models.multigood import symmetric as S
from symmech.models.multigood.knightian_lp import ExactLPEquality

EXPECTED_REFUTED = {
    "bm_settings": {"s42_tax_regionwise_asymmetric_V", "sec7_3_lp_vertex_nonuniform_mm", "sec7_8_imv_grid_bundling_optimal",
                    "sec7_9_known_top_mean_large_shift", "sec7_12_bound_at_vhat"},
    "bm_gaps": {"g2_payment_floor_vlow", "g5_revenue_needs_exchangeability", "g6_one_to_one_on_grids",
                "g17_subdifferential_compact", "g22_cdf_dominance_suffices", "g24_prop1_negative_values",
                "fn4_costs_play_no_role", "g18_def11_as_written", "g19_claim2_as_printed", "g8_any_chain_stays_in_DI"},
}
MODULES = {m.DERIVATION.name: m for m in (bm_settings, bm_gaps)}


def _status(claim, scope):
    return claim.check(scope, digits=20, samples=3).status


@pytest.mark.parametrize("name", sorted(MODULES))
def test_all_agree(name):
    rep = MODULES[name].DERIVATION.verify(digits=20, samples=3)
    assert rep.ok, str(rep)
    refuted = {r.claim.id for r in rep.results if r.verdict.status is Status.REFUTED}
    assert refuted == EXPECTED_REFUTED[name]
    assert all(r.verdict.status is Status.PROVED for r in rep.results if r.claim.expect == "holds")


# --- Sec. 4.2 -------------------------------------------------------------------------------------
def test_quality_lottery_wrong_cumulation_fails():
    m = bm_settings
    wrong = sum(m._w[i] * sum(m._p[: i + 1]) for i in range(3))     # q_i = P(level <= i): increasing, wrong
    c = Identity("x", lhs=m.QUALITY_VALUE, rhs=wrong, over=[(x, 0, 1) for x in (*m._p, *m._w)])
    assert _status(c, m.SCOPE) is Status.REFUTED


def test_quality_lp_value_perturbed_fails():
    m = bm_settings
    c = ExactLPEquality("x", lhs=m._qual("H"), rhs=m._qual("I"), value=m._qual("H")().value + F(1, 100))
    assert _status(c, m.SCOPE) is Status.REFUTED


def test_tax_identity_needs_exchangeable_density():
    m = bm_settings
    v1 = m.v1
    lhs, rhs = m._tax_sides(lambda a, b: a + b, f=1 + m.gamma * (v1 - sp.Rational(1, 2)))   # not exchangeable
    assert _status(Identity("x", lhs=lhs, rhs=rhs), m.SCOPE) is Status.REFUTED


def test_welfare_lp_closed_forms_and_bad_lambda():
    types, law = R.grid((1, 2, 3), 2, "H"), S.iid_law((1, 2, 3), [F(1, 3)] * 3, 2)
    assert solve_exact(RS.welfare_lp(types, law, "H", 0)).verify() == F(8, 3)        # spec R11
    assert solve_exact(RS.welfare_lp(types, law, "H", 1)).verify() == 2              # E[q1 + q2] <= 2
    with pytest.raises(ValueError, match="lambda"):
        RS.welfare_lp(types, law, "H", F(3, 2))


def test_welfare_H_vs_I_different_lambda_fails():
    m = bm_settings
    c = ExactLPEquality("x", lhs=m._welfare("H", F(1, 2)), rhs=m._welfare("I", F(1, 4)))
    assert _status(c, m.SCOPE) is Status.REFUTED


# --- Sec. 7 ---------------------------------------------------------------------------------------
def test_mm_check_can_fail_on_uniform_grid():
    # on the uniform grids the optimum is deterministic; requiring a *random* unit there must fail
    assert not bm_settings.mm_of_optimum(checks=(lambda mech: (not R.check_deterministic(mech)[0], "deterministic"),))[0]


def test_sort_order_reversed_pair_fails():
    ok, detail = bm_settings.sort_preserves_order(reverse=True)
    assert not ok and "not <=_st" in detail


def test_best_region_non_rp_menu_fails():
    ok, detail = bm_settings.best_region_extension(require_rp=False)
    assert not ok and "feasibility (1)" in detail


def test_imv_lp_rejects_decreasing_types_and_matches_value():
    with pytest.raises(KeyError, match="not an increasing grid type"):
        RS.imv_lp((0, 1), 2, {(F(1), F(0)): F(1)})
    # one type (1, 1): sell both units at 2 (IR binds), independent of the IMV constraint
    assert solve_exact(RS.imv_lp((1,), 2, {(F(1), F(1)): F(1)})).verify() == 2


def test_moment_zero_is_plain_maxmin():
    m = bm_settings
    lp = RS.maxmin_average_moment_lp(m.R12_VALS, m.R12_G, 2, lambda v: 0, 0)
    assert solve_exact(lp).verify() == F(2)                                          # spec R12


def test_common_marginal_value_perturbed_fails():
    m = bm_settings
    c = G.LPValue("x", lp=lambda: solve_exact(RS.maxmin_common_marginal_h_lp(m.R12_VALS, m.R12_G, 2)), value=F(21, 10))
    assert _status(c, m.SCOPE) is Status.REFUTED


# --- gaps -----------------------------------------------------------------------------------------
def test_g5_controls():
    assert not bm_gaps.g5_symmetry_step(swap=True)[0]          # sigma tau instead of tau sigma
    assert not bm_gaps.g5_fifth_equality(shift_f=False)[0]     # f left unpermuted


def test_g6_control_distinct_extensions():
    assert bm_gaps.g6_one_to_one(differ_at_strict=True)[0]


def test_g14_bumped_diagonal_payment_not_ic():
    ok, detail = bm_gaps.g14_diagonal_choice_ic(bump=F(1, 4))
    assert not ok and "gains" in detail


def test_g17_recession_test_interior_vs_boundary():
    assert bm_gaps._subdifferential_bounded((F(3, 4), F(1, 4)))          # interior of D^I
    assert not bm_gaps._subdifferential_bounded((F(1), F(1, 2)))         # v_1 = v-bar (spec G17's type)
    assert not bm_gaps._subdifferential_bounded((F(1, 2), F(1, 2)))      # the diagonal face of D^I


def test_g5_twin_uses_an_exchangeable_law():
    assert S.is_exchangeable(bm_gaps._EXCH) and not S.is_exchangeable(bm_gaps._NONEXCH)
    assert sum(bm_gaps._EXCH.values()) == 1


def test_g22_usual_order_twin_catches_a_decreasing_payment():
    # a mechanism whose payment drops as values rise: the usual-order twin must fail for it
    pts = R.grid((0, 1), 2, "H")
    mech = {v: ((F(0), F(0)), F(1) - F(sum(v), 2)) for v in pts}
    lo = {(F(0), F(0)): F(1)}
    hi = R.push_forward(lo, lambda v: (F(1), F(1)))
    assert R.revenue(mech, hi) < R.revenue(mech, lo)


def test_every_expected_failure_is_pinned():
    for mod in MODULES.values():
        ids = {c.id: c for c in mod.DERIVATION.claims}
        for c in mod.DERIVATION.claims:
            if c.expect == "fails":
                assert c.corrected in ids and ids[c.corrected].expect == "holds", c.id


def test_moment_saddle_small_shift_is_vstar():
    m = bm_settings
    ok, detail = m.moment_saddle(lambda v: v[0], m.R12_MEAN + F(1, 5), "top1")
    assert ok and "guarantee of M* = 2" in detail                                     # spec R12: V* = 2


def test_g22_usual_order_pair_is_monotone():
    lo = {(F(0), F(0)): F(1, 2), (F(1), F(0)): F(1, 2)}
    hi = {(F(1), F(1)): F(1, 2), (F(1), F(0)): F(1, 2)}
    assert bm_gaps.g22_cdf_dominance(lo, hi, usual=True)[0]


def test_g24_nonnegative_grid_holds():
    assert bm_gaps.g24_negative_values((0, 1, 2))[0]


def test_payment_floor_lp_value():
    types, law = R.grid((1, 2, 3), 2, "H"), S.iid_law((1, 2, 3), [F(1, 3)] * 3, 2)
    assert solve_exact(RS.payment_floor_lp(types, law, "H", 0)).verify() == F(8, 3)   # spec R11
    assert solve_exact(RS.payment_floor_lp(types, law, "H", 1)).verify() < F(8, 3)


# --- fn. 4, App. B, G8 ---------------------------------------------------------------------------------------
def test_profit_lp_without_cost_is_the_revenue_lp():
    types, law = R.grid((1, 2, 3), 2, "H"), S.iid_law((1, 2, 3), [F(1, 3)] * 3, 2)
    assert solve_exact(bm_gaps._profit_lp(types, law, 0)).verify() == F(8, 3)             # spec R11


def test_claim1_without_the_shared_coordinate_fails():
    ok, detail = bm_gaps.claim1_check(shared=False)
    assert not ok and "the swap fails" in detail


def test_subdifferential_vertices_of_a_kink():
    # menu {(1, 0) @ 2, (1, 1) @ 5} on D^I of {0..4}^2: at (4, 1) the buyer is indifferent between both items
    u, dom = bm_gaps._menu_u([((1, 0), 2), ((1, 1), 5)]), bm_gaps._appb_domain(2)
    q, verts = bm_gaps._lmax(u, dom, (F(4), F(1)))
    assert (F(1), F(0)) in verts and q == max(verts) and q[0] == 1


def test_ld_max_literal_reading_differs_from_the_chain():
    u, dom = bm_gaps._menu_u(bm_gaps.G19_MENU), bm_gaps._appb_domain(3)
    v = (F(2), F(1), F(0))
    assert bm_gaps._ld_max(u, dom, v, 2, chain=False) == (0, 0, 1)
    assert S.is_decreasing(bm_gaps._ld_max(u, dom, v, 2, chain=True))


def test_g8_topdown_path_is_one_of_the_paths():
    paths = dict(bm_gaps._paths((F(1), F(0)), (F(2), F(1))))
    assert paths[(0, 1)] == [(F(2), F(0)), (F(2), F(1))] and paths[(1, 0)][0] == (F(1), F(1))
