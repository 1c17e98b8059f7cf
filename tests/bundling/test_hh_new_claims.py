"""The Haghpanah-Hartline claims added for coverage (issue 28): fn. 1, eq. (4), Lemma 7's recursion (12)-(15),
Lemma 8, spec gaps G4, G5, G7-G9, G11-G16, R7, C6, and the errata X1 (Sec. 6 / fn. 9) and X2 (Fig. 4(b)).
Chosen claims verified; the helpers behind them shown able to fail (perturbed models, dropped hypotheses)."""
from __future__ import annotations

from fractions import Fraction as Fr

import pytest
import sympy as sp

from derivations import hh_decomposition as dec
from derivations import hh_extensions as ext
from derivations import hh_paths as paths
from symmech import Scope, Status
from symmech.models.multigood.bundling import FiniteLaw, Valuation
from symmech.models.multigood.ratio_monotone import Path, ironed_virtual_values


@pytest.mark.parametrize("mod, ids", [
    (paths, ["fn1_relabel_distinct_values", "fn1_relabel_tied_values", "lemma7_recursion_eqs12_15",
             "lemma7_recursion_from_n_as_printed", "lemma7_IV_as_printed", "lemma7_top_slope_hull_without_origin",
             "prop1_threshold_as_printed", "prop1_proof_complementary_slackness", "lemma8_same_menu",
             "prop1_partition_jump_as_printed", "prop1_approximation_pb_without_eps", "eq16_high_type_utility",
             "fig4b_nonmonotone_gap_as_printed", "fn2_for_any_bundle_as_printed"]),
    (dec, ["fig7_three_ratio_monotone_paths", "R7_price_foc", "R7_shares_independent", "thm1_every_vhat_as_printed",
           "C6_pb_ge_separate_R4"]),
    (ext, ["prop2_mu_plus_decreasing_vbar_as_printed", "prop2_second_derivative_formula_as_printed",
           "sec6_independent_added_value_as_printed", "fn9_w_nondecreasing_in_grand_value_as_printed",
           "fn9_delta_over_w_nonincreasing_in_w", "fn5_addon_cost_of_bundles_without_main"]),
])
def test_new_claims_agree(mod, ids):
    rep = mod.DERIVATION.verify(digits=30, samples=5, only=ids)
    assert rep.ok, str(rep)
    for r in rep.results:
        if r.claim.id in ids:
            want = (Status.PROVED, Status.CERTIFIED) if r.claim.expect == "holds" else (Status.REFUTED,)
            assert r.verdict.status in want, (r.claim.id, r.verdict)


def test_recursion_is_the_ironing_and_needs_every_kappa():
    P = Path.of(paths.IRONED7)
    lam, ir, steps = paths.lemma7_recursion(P)
    assert [k for k, g, _ in steps if g != 1] == [5, 4, 1]          # the ironed types of IRONED7
    assert all(0 <= g <= 1 for _, g, _ in steps)
    ph = [paths.virtual_value(P, lam, paths.grand(2), i) for i in range(len(P.types))]
    assert ph == ironed_virtual_values(P)
    assert any(j > i + 1 for (j, i) in lam)                           # (14) creates long-range flows
    for start in (2, 3, 4):                                           # stopping early misses kappa = 4, 5
        assert not paths._recursion_from_n(P, start)[0]
    assert paths._recursion_from_n(P, len(P.types) - 1)[0]


def test_recursion_invariants_catch_a_wrong_hull():
    """(iii) is checked against the hull of the path itself: a path with different masses gives other targets."""
    P = Path.of(paths.IRONED7)
    other = Path(P.types, tuple(reversed(P.f)))
    assert paths._recursion_invariants(other)[0]                      # the recursion is right on any path
    lam, _, _ = paths.lemma7_recursion(P)
    ph_other = [paths.virtual_value(other, lam, paths.grand(2), i) for i in range(len(P.types))]
    assert ph_other != ironed_virtual_values(other)                   # but P's multipliers do not iron `other`


def test_lemma8_helpers_detect_a_non_close_prior_and_a_full_price_menu():
    law, menu = paths.L8_MENUS["pure bundling at 2 (R1 types)"]
    far = FiniteLaw([Valuation(2, {paths.B1: Fr(4, 5), paths.B12: 1}), Valuation(2, {paths.B1: Fr(1), paths.B12: Fr(3, 2)})],
                    law.probs)
    cells = [[a, b] for a, b in zip(law.types, far.types)]
    assert not paths._delta_close(cells, law, far, Fr(1, 10))         # the high type moved by 1/2
    assert paths._lemma8(True)[0] and not paths._lemma8(False)[0]


def test_partition_rule_stalls_only_at_jumps():
    assert not paths._g9_partition(paths.G9_JUMP, "jump")[0]
    assert paths._g9_partition(paths.G9_KINK, "kink")[0]
    pts, stalled = paths._printed_partition(paths.G9_JUMP, Fr(1, 10))
    assert stalled and pts[-1] == Fr(3, 2)


def test_threshold_and_top_slope_twins():
    assert not paths._threshold(True)[0] and paths._threshold(False)[0]
    assert not paths._g7(False)[0] and paths._g7(True)[0]
    assert not paths._lemma7_IV(True)[0] and paths._lemma7_IV(False)[0]


def test_fn1_needs_distinct_values():
    assert paths._fn1(paths.FN1_TYPES, paths.FN1_MU)[0]
    assert not paths._fn1(paths.FN1_TIED, paths.FN1_TIED_MU)[0]


def test_fig4b_bound_and_pb_on_both_instances():
    b1, p1 = paths._vv_bound_vs_pb(paths.FIG4B_PIECES)
    b2, p2 = paths._vv_bound_vs_pb(paths.X2_PIECES)
    assert (b1, p1) == (sp.Rational(189, 125), sp.Rational(154, 125))
    assert b2 == p2 == 10                                             # positive non-monotone phi: no gap


def test_x1_counterexample_and_a_constant_added_value():
    ok, detail = ext._x1_counterexample()
    assert ok and "LP* = 13/4 > PB = 3" in detail
    # with a constant added value delta >= 0 the same base values give a ratio-monotone path: PB optimal
    from symmech.models.multigood.bundling_lp import optimal_revenue
    saved = dict(ext.X1_D)
    try:
        ext.X1_D.clear()
        ext.X1_D.update({3: Fr(1)})
        law = ext._x1_law()
        assert optimal_revenue(law).verify() == law.best_pure_bundling()[0]
        assert ext._fn9_steps("w in v(b*)")[0]
    finally:
        ext.X1_D.clear()
        ext.X1_D.update(saved)


def test_g11_helpers():
    # with a strictly negative derivative of rbar (vbar = c v^a, a < 1) the gain wins; flat derivative: a tie
    g2, l2 = ext._gain_loss_at0(ext.vbar)
    at = {ext.p: sp.Rational(3, 2), ext.a: sp.Rational(1, 2), ext.cc: sp.Rational(1, 4), ext.f0: 1}
    assert sp.N((g2 - l2).subs(at)) > 0
    assert not ext._g11_flat_derivative()[0]
    assert not ext._g11_vanishing_density()[0]


def test_g12_versions():
    assert not dec._g12_versions(True)[0] and dec._g12_versions(False)[0]


def test_separate_sales_helper_on_uniform():
    """U[0,1]: one good earns max_p p(1 - p) = 1/4; two goods 1/2 (spec R3)."""
    assert dec._separate_sales_density(dec._uniform()) == sp.Rational(1, 2)


def test_lemma6_gap_converges_to_lemma2_gap():
    ok, detail = paths._lemma6_discretizes_lemma2()
    assert ok and "3/8" in detail
