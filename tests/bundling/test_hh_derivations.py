"""The four Haghpanah-Hartline derivations: chosen claims verified (fast), perturbed claims refuted with a
reason (negative tests), every verdict agreeing in full runs (slow)."""
from dataclasses import replace

import pytest
import sympy as sp

from derivations import hh_decomposition, hh_extensions, hh_model, hh_paths
from symmech import Scope, Status

DERIVS = (hh_model, hh_paths, hh_decomposition, hh_extensions)


def _claim(mod, cid):
    return next(c for c in mod.DERIVATION.claims if c.id == cid)


def test_sources_cite_authors_title_year():
    for mod in DERIVS:
        for c in mod.DERIVATION.claims:
            assert c.source.startswith("Haghpanah and Hartline, 'When Is Pure Bundling Optimal?' (2020), "), c.id
            assert "seed" not in c.source.lower()


@pytest.mark.parametrize("mod, ids", [
    (hh_model, ["two_type_mixed_revenue", "two_type_half", "def2_fails_sec42_q1_gt_q2", "pb_revenue_printed_p_one_minus_F",
                "R1_qH_half", "R1_qH_0.7"]),
    (hh_paths, ["prop1_witness_revenue", "lemma2_eq6_identity", "lemma2_eq6_sqrt_negative_control", "eq7_as_printed",
                "eq8_eq10_lagrangian", "lemma7_ironing", "R2_witness_1_3"]),
    (hh_decomposition, ["additive_gamma_shares_independent", "additive_uniform_condition", "lemma4_R9",
                        "thm1_proof_route_R9", "R3_pb_optimal_uniform", "R10_pb_optimal_0.8_0.2"]),
    (hh_extensions, ["prop2_delta_prime", "parametric_grand_maximal_delta_negative", "prop3_cor1_profit_lp",
                     "def3_uniform_not_strict"]),
])
def test_selected_claims_agree(mod, ids):
    rep = mod.DERIVATION.verify(digits=30, samples=5, only=ids)
    assert rep.ok, str(rep)
    for r in rep.results:
        if r.claim.expect == "holds":
            assert r.verdict.status in (Status.PROVED, Status.CERTIFIED), (r.claim.id, r.verdict)
        else:
            assert r.verdict.status is Status.REFUTED and (r.verdict.witness or r.verdict.detail)


def test_additive_corollary_gamma_proved_uniform_refuted_with_witness():
    g = _claim(hh_decomposition, "additive_gamma_shares_independent").check(Scope(), digits=30, samples=5)
    assert g.status is Status.PROVED
    u = _claim(hh_decomposition, "additive_uniform_condition").check(Scope())
    assert u.status is Status.REFUTED and set(u.witness) >= {"s", "s'", "upper set"}


NEGATIVES = [
    # (module, claim id, perturbation)
    (hh_model, "two_type_mixed_revenue", lambda c: replace(c, rhs=c.rhs + hh_model.qH / 10)),
    (hh_model, "two_type_mixed_le_2qH", lambda c: replace(c, rhs=hh_model.MIXED.subs(hh_model.vL, hh_model.vH))),
    # ^ v_L = v_H: ratio-monotonicity violated, the bound fails
    (hh_paths, "prop1_witness_revenue", lambda c: replace(c, rhs=hh_paths.t + hh_paths.eps)),   # drop the t/t' factor
    (hh_paths, "lemma2_eq6_identity", lambda c: replace(c, rhs=-c.rhs)),                      # sign slip
    (hh_paths, "vv_uniform_1_2", lambda c: replace(c, rhs=2 * hh_paths.t - 1)),
    (hh_decomposition, "R3_price_foc", lambda c: replace(c, lhs=sp.diff(hh_decomposition.R_PB_U, hh_decomposition.P)
                                                         .subs(hh_decomposition.P, sp.Rational(4, 5)))),
    (hh_decomposition, "R6_price_foc", lambda c: replace(c, lhs=sp.diff(hh_decomposition.R_PB_E, hh_decomposition.P)
                                                         .subs(hh_decomposition.P, sp.Rational(8, 5)))),
    (hh_decomposition, "R9_thm1_0.3_0.6", lambda c: replace(c, lp_value=sp.Rational(11, 10))),
    (hh_extensions, "prop2_delta_prime", lambda c: replace(c, rhs=-c.rhs)),
    (hh_extensions, "cor1_derivative", lambda c: replace(c, rhs=-c.rhs)),
    # the rewritten claims can fail: a wrong model or a dropped hypothesis refutes them
    (hh_model, "two_type_high_indifferent", lambda c: replace(c, rhs=c.rhs + hh_model.vL / 10)),
    (hh_model, "two_type_low_deviation",          # without the assumption v(b,t_H) - 1 <= v(b,t_L)
     lambda c: replace(c, lhs=hh_model.util("L", "b"), rhs=hh_model.util("L", "b*"),
                       over=[(hh_model.vH, 0, 2), (hh_model.vL, 0, 2)])),
    (hh_extensions, "prop2_eq19_gain", lambda c: replace(c, rhs=2 * c.rhs)),
    (hh_extensions, "prop2_eq19_loss", lambda c: replace(c, rhs=c.rhs * (1 - hh_extensions.DVB))),   # delta'(0) -> d_2 vbar
    (hh_extensions, "prop2_eq22", lambda c: replace(c, lhs=c.lhs.subs(hh_extensions.a, 1 + hh_extensions.a))),
    # ^ a > 1: rbar increasing, the loss beats the gain
    (hh_extensions, "parametric_grand_maximal_w_ge_half", lambda c: replace(c, over=[(hh_extensions.w, sp.Rational(2, 5), 2)])),
    (hh_extensions, "parametric_ratio_derivative", lambda c: replace(c, rhs=-c.rhs)),
    (hh_extensions, "top_up_margin", lambda c: replace(c, parts=[replace(c.parts[0], rhs=c.parts[0].rhs + 1), c.parts[1]])),
]


@pytest.mark.parametrize("mod, cid, perturb", NEGATIVES, ids=[n[1] for n in NEGATIVES])
def test_perturbed_claims_are_refuted(mod, cid, perturb):
    v = perturb(_claim(mod, cid)).check(Scope(), digits=30, samples=5)
    assert v.status is Status.REFUTED, (cid, v)
    assert v.detail


def test_gamma_identity_perturbed_density_is_refuted():
    """x^(k-1) e^{-x^2} (not Gamma): the mixed log-derivative is not 0, so independence is not proved."""
    from symmech import Identity
    s, r, k = hh_decomposition.s, hh_decomposition.r, hh_decomposition.k
    J = s * (r * s) ** (k - 1) * sp.exp(-(r * s) ** 2) * ((1 - r) * s) ** (k - 1) * sp.exp(-((1 - r) * s) ** 2)
    mixed = sp.diff(sp.expand_log(sp.log(J), force=True), s, r)
    c = Identity("x", lhs=mixed, rhs=0, over=[(s, sp.Rational(1, 10), 10), (r, sp.Rational(1, 10), sp.Rational(9, 10)),
                                              (k, sp.Rational(1, 2), 3)])
    assert c.check(Scope(), digits=30, samples=5).status is Status.REFUTED


@pytest.mark.slow
@pytest.mark.parametrize("mod", DERIVS, ids=[m.DERIVATION.name for m in DERIVS])
def test_full_derivation_agrees(mod):
    rep = mod.DERIVATION.verify(digits=50)
    assert rep.ok, str(rep)


DERIV_BY_NAME = {m.DERIVATION.name: m for m in DERIVS}


@pytest.mark.parametrize("mod", DERIVS, ids=[m.DERIVATION.name for m in DERIVS])
def test_every_expected_failure_is_pinned_to_a_holding_twin(mod):
    by_id = {c.id: c for c in mod.DERIVATION.claims}
    fails = [c for c in mod.DERIVATION.claims if c.expect == "fails"]
    assert fails
    for c in fails:
        assert c.corrected, f"{c.id} is not pinned to a corrected twin"
        twin = by_id[c.corrected]
        assert twin.expect == "holds" and twin.id != c.id


def test_pinned_twins_hold_with_their_failures():
    """A few pinned pairs run together: the failure is refuted and agrees only because its twin holds."""
    for mod, cid in [(hh_model, "R1_qH_half"), (hh_paths, "lagrangian_minimized_as_printed"),
                     (hh_decomposition, "lemma4_needs_condition"), (hh_extensions, "prop2_discrete_pb_optimal")]:
        rep = mod.DERIVATION.verify(digits=30, samples=5, only=[cid])
        assert rep.ok, str(rep)
        ids = {r.claim.id: r for r in rep.results}
        twin = _claim(mod, cid).corrected
        assert ids[cid].verdict.status is Status.REFUTED
        assert ids[twin].verdict.status in (Status.PROVED, Status.CERTIFIED)


def test_twins_reject_wrong_values_and_instances():
    # the mixed-menu twin with a wrong spec LP value, and the upper-set twin where Def. 2 holds
    assert not hh_model._mixed_menu_beats_pb("1/2", "5/4", 1)()[0]
    assert not hh_model._def2_witness("0.3", "0.6", "0.5")[0]
    assert not hh_decomposition._lemma4_only_if("0.3", "0.6", "0.5")[0]
    assert not hh_decomposition._menu_beats_pb(lambda: hh_decomposition.four_types("0.3", "0.6", "0.5"), 1, 1, "R9")()[0]


def test_oracle_ic_check_detects_a_violation():
    rows, _ = hh_model._oracle(hh_model.four_types(*hh_model.R10))
    assert min(hh_model.ic_slacks(rows)) >= 0
    t, m, lot, p = rows[-1]
    bad = rows[:-1] + [(t, m, lot, p + 1)]      # the top type pays 1 more: it prefers another report
    assert min(hh_model.ic_slacks(bad)) < 0


def test_def3_finite_checker_refutes_an_increasing_law():
    from fractions import Fraction as Fr
    ys = [Fr(k, 4) for k in range(5)]
    assert hh_extensions._def3_finite({y: {-y: Fr(1)} for y in ys}, lambda y, y2: y2 - y)[0]
    assert not hh_extensions._def3_finite({y: {y: Fr(1)} for y in ys}, lambda y, y2: y2 - y)[0]
