"""The Bikhchandani-Mishra derivations end to end: every verdict agrees, the expected refutations
(the paper's gaps, spec G4, G10, G16, G21, G25, C5, R15, R16, R13) are refutations, each pinned to a
corrected twin that holds; and negative controls for the computed models behind the claims."""
from fractions import Fraction as F

import pytest
import sympy as sp

from derivations import bm_equivalence, bm_revenue_monotone, bm_robust, bm_symmetric
from symmech import Identity, Scope, Status
from symmech.models.multigood import rank as R
from symmech.models.multigood import symmetric as S

EXPECTED_REFUTED = {
    "bm_symmetric": {"g4_vhat_in_DI_as_printed"},
    "bm_equivalence": {"imv_extension_not_ic", "c5_naive_n_factorial_weights", "thm3_without_exchangeability_X",
                       "g12_not_determined_as_printed"},
    "bm_robust": {"g16_guarantee_as_printed", "sec7_1_uniform_price_optimal_under_I", "g16_eq20_as_printed",
                  "g16_max_attained_as_printed", "fn16_for_laws_on_DH"},
    "bm_revenue_monotone": {"prop1_needs_symmetry_r16", "def6_r15_not_mm_not_monotone",
                            "g21_truncated_exponential_any_rate", "g25_lemma3_as_printed_n4", "g10_single_random_index",
                            "fn10_ae_without_densities", "g9_h_step_is_i_step_as_printed", "g25_lemma3_hypothesis_in_prop3",
                            "g21_constant_3_for_n3", "g21_beta_2_2", "prop5_without_exchangeability_X",
                            "prop5_grid_tie_mass", "fn22_region_rp_suffices_K6"},
}
MODULES = {m.DERIVATION.name: m for m in (bm_symmetric, bm_equivalence, bm_robust, bm_revenue_monotone)}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_all_agree(name):
    rep = MODULES[name].DERIVATION.verify(digits=20, samples=3)
    assert rep.ok, str(rep)
    refuted = {r.claim.id for r in rep.results if r.verdict.status is Status.REFUTED}
    assert refuted == EXPECTED_REFUTED[name]
    holding = [r for r in rep.results if r.claim.expect == "holds"]
    assert all(r.verdict.status in (Status.PROVED, Status.CERTIFIED) for r in holding)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_expected_failure_is_pinned(name):
    claims = {c.id: c for c in MODULES[name].DERIVATION.claims}
    for c in claims.values():
        if c.expect == "fails":
            assert c.corrected in claims and claims[c.corrected].expect == "holds", c.id


def test_equivalence_cache_keys_on_the_law():
    # two different explicit laws must not share an LP (the key was once 'law is not None')
    a = bm_equivalence._opt((1, 2, 3), 2, "H", law=bm_equivalence.EXCH)()
    b = bm_equivalence._opt((1, 2, 3), 2, "H", law=bm_equivalence._iid((1, 2, 3), 2))()
    assert b.verify() == F(8, 3)                                            # spec R11 for the i.i.d. law
    assert a is not b


# --- bm_robust: revenues computed from the mechanisms ---------------------------------------------
def test_uniform_price_revenue_depends_on_the_law():
    m = bm_robust
    wrong = m._rev_uniform_diagonal(2 * m.X)                                # G_avg = x^2, not U[0,1]
    c = Identity("x", lhs=wrong, rhs=m.EQ12, over=[(m.p, 0, 1)])
    assert c.check(Scope(), digits=20, samples=3).status is Status.REFUTED


def test_diagonal_menu_revenue_simple_menus():
    m = bm_robust
    assert m.diagonal_menu_revenue([((1, 1), 1)], 1) == sp.Rational(1, 2)    # bundle at 1: x >= 1/2
    assert m.diagonal_menu_revenue([((1, 0), sp.Rational(1, 2)), ((1, 1), 1)], 1) == sp.Rational(1, 2)
    assert m.V_STAR == sp.Rational(1, 2) and m.P_DAGGER == sp.Rational(1, 2)     # spec R7 (n = 2)


# --- bm_symmetric ---------------------------------------------------------------------------------
def test_thm1_cases_include_non_ic_and_non_rp():
    labels = {label for label, _, _ in bm_symmetric._thm1_cases()}
    assert {"menu", "non-RP menu", "perturbed menu", "random table"} <= labels


def test_lemma1_limit_of_a_non_rp_extension_is_not_ic():
    strict = bm_symmetric._strict_only(S.symmetric_extension(R.menu_mechanism([((0, 1), F(0))], model="H"), check=False))
    H = {v: bm_symmetric._limit_extension(strict, v, (1, 0)) for v in R.grid((0, 1, 2), 2, "H")}
    assert not R.check_ic(H)[0]


def test_g4_corrected_step_and_printed_justification():
    assert bm_symmetric.g4_step(True)[0] and not bm_symmetric.g4_step(False)[0]
    ok, detail = bm_symmetric._g4_membership("inverse")          # the other permutation action fails for n = 3
    assert not ok and "action inverse" in detail


def test_g3_limit_from_outside_DI_violates_eq1():
    strict = bm_symmetric._strict_only(S.symmetric_extension(R.menu_mechanism([((1, 0), F(1))], model="I")))
    lim = bm_symmetric._limit_extension(strict, (F(2), F(2)), (0, 1))      # approach the tie from v_1 < v_2
    assert lim[0] == (0, 1) and not S.is_decreasing(lim[0])


# --- bm_revenue_monotone --------------------------------------------------------------------------
def test_r2_check_rejects_a_wrong_polynomial(monkeypatch):
    m = bm_revenue_monotone
    monkeypatch.setattr(m, "_R2", m._R2 + m.a * m.c * (1 - m.c) / 100)
    monkeypatch.setattr(m, "R2_A", m.R2_A[:1])
    assert not m.r2_revenue_polynomial()[0]


def test_g25_search_finds_vectors_for_n3():
    assert bm_revenue_monotone.g25_strict_ad_vectors(3)[0]
    assert not bm_revenue_monotone.g25_strict_ad_vectors(4)[0]


def test_trunc_exp_condition_is_computed_from_the_density():
    m = bm_revenue_monotone
    assert sp.expand(m._trunc_exp(m.lam) - (3 - m.lam * (m.v1 + m.v2))) == 0


# --- bm_revenue_monotone: Sec. 5.2 (deterministic optima by class) ---------------------------------------
@pytest.mark.parametrize("vals", [(1, 2), (1, 3)])
def test_menu_search_matches_exhaustive_search(vals):
    m = bm_revenue_monotone
    types, law = R.grid(vals, 2, "H"), S.iid_law(vals, [F(1, 2)] * 2, 2)
    keep = {"all": None, "rp": lambda x: R.check_rank_preserving(x)[0], "sym": lambda x: R.check_symmetric(x)[0]}
    for cls, k in keep.items():
        assert m.det_menu_optimum(types, law, cls)[0] == m.G.deterministic_optimum(types, law, "H", keep=k).value
    ti, li = R.grid(vals, 2, "I"), S.sorted_law(law)
    assert m.det_menu_optimum(ti, li, "I")[0] == m.G.deterministic_optimum(ti, li, "I").value


def test_menu_search_rejects_non_integer_types_and_checks_its_optimum():
    m = bm_revenue_monotone
    with pytest.raises(ValueError, match="integer"):
        m.det_menu_optimum([(F(1, 2), F(0))], {(F(1, 2), F(0)): F(1)})
    r = m._det_class_optima(m._strict(m.X_VALS), m.X_LAW, ("sym",))
    assert R.check_symmetric(r["sym"][2])[0] and r["sym"][0] == 3


def test_prop5_exchangeable_version_is_exchangeable():
    m = bm_revenue_monotone
    assert S.is_exchangeable(m.X_EXCH) and not S.is_exchangeable(m.X_LAW) and sum(m.X_EXCH.values()) == 1


# --- bm_revenue_monotone: G9, G21, fn. 10, eq. (1) -----------------------------------------------------------
def test_g9_chain_payments_can_decrease_for_a_non_mm_menu():
    m = bm_revenue_monotone
    vals = [F(k, 10) for k in range(11)]
    mi = R.menu_mechanism([((1, 0), F(1, 2)), ((F(1, 2), F(1, 2)), F(3, 10))], model="I")   # spec R15: not MM
    I = R.tabulate(mi, R.grid(vals, 2, "I"))
    drops = [p for v, i, x in m._h_steps(vals, 2) for p in [m._sorted_path(v, i, x)]
             if any(I[b][1] < I[a][1] for a, b in zip(p, p[1:]))]
    assert drops


def test_g21_constant_three_is_right_for_two_objects():
    m = bm_revenue_monotone
    assert m.g21_divergence(3, (2,))[0] and not m.g21_divergence(3, (4,))[0]


def test_fn10_lmax_menu_has_no_violation_on_points():
    m = bm_revenue_monotone
    grid = R.grid([F(k, 8) for k in range(9)], 2, "I")
    assert R.check_payment_monotone(R.tabulate(R.menu_mechanism(m.FN10_MENU, model="I"), grid))[0]
    assert not R.check_payment_monotone(R.tabulate(m._fn10_mixed, grid))[0]


def test_eq1_identity_detects_a_wrong_cumulation(monkeypatch):
    m = bm_revenue_monotone
    monkeypatch.setattr(m.R, "top_sums", lambda q: [sum(q[j:]) for j in range(len(q))])   # suffix sums: wrong
    assert not m.eq1_unit_count()[0]


# --- bm_equivalence: Thm. 3 instance, eq. (3) ------------------------------------------------------------------
def test_thm3_three_optima_coincide_when_exchangeable():
    ok, detail = bm_equivalence.thm3_three_optima("X_exch")
    assert not ok and "OPT_sym = 3, OPT_RP = 3, OPT_all = 3" in detail


def test_eq3_region_identity_fails_for_an_asymmetric_menu():
    m = bm_equivalence
    menu = [((1, 0), sp.Rational(1, 2)), ((1, 1), sp.Rational(3, 4))]                 # spec R5, not symmetric
    from symmech.models.multigood.polygon import menu_revenue
    c = Identity("x", lhs=menu_revenue(menu, 1, (m.v1, m.v2)), rhs=2 * menu_revenue(menu, 1, (m.v1, m.v2), model="I"))
    assert c.check(Scope(), digits=20, samples=3).status is Status.REFUTED


# --- bm_robust: G16, fn. 16, fn. 18 ---------------------------------------------------------------------------
def test_g16_left_limit_value_is_the_grid_formula():
    m = bm_robust
    assert m.g16_max_attained(True)[0]
    assert m.G.best_uniform_price(m._G16_G, 2)[0] == 2                                 # spec R12: V* = 2


def test_fn16_order_statistics_cdfs():
    m = bm_robust
    assert sp.expand(m._order_stat_cdf(3, 1) - m.X ** 3) == 0                          # spec R10
    assert sp.expand(m._order_stat_cdf(3, 2) - (3 * m.X ** 2 - 2 * m.X ** 3)) == 0
