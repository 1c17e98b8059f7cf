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
    "bm_equivalence": {"imv_extension_not_ic", "c5_naive_n_factorial_weights"},
    "bm_robust": {"g16_guarantee_as_printed", "sec7_1_uniform_price_optimal_under_I"},
    "bm_revenue_monotone": {"prop1_needs_symmetry_r16", "def6_r15_not_mm_not_monotone",
                            "g21_truncated_exponential_any_rate", "g25_lemma3_as_printed_n4", "g10_single_random_index"},
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


def test_g4_printed_step_holds_for_rp_mechanisms_only():
    assert bm_symmetric.g4_step(True)[0] and not bm_symmetric.g4_step(False)[0]


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
