"""che_zhong_lemma2_system end to end: Lemma 2 with (alpha, beta) a root of (5)-(6).

Regression values: catalog seed_000 Sec. 3, tables R1 and R7 (40-digit roots), checked inside the
derivation (ApproxEquals claims); here the verdicts and the negative controls' witnesses.
"""
import pytest

from derivations import che_zhong_lemma2_system as cz
from symmech import Status


@pytest.fixture(scope="module")
def report():
    return cz.DERIVATION.verify(digits=30, samples=5)


def test_every_verdict_agrees_with_its_expectation(report):
    assert report.ok, str(report)
    assert not report.conflicts


def test_lemma2_and_the_inequalities_are_proofs(report):
    by_id = {r.claim.id: r.verdict for r in report.results}
    for cid in ("lemma2_unique_solution", "eq6_integral_form", "alpha_positive", "alpha_below_mean",
                "mean_below_beta", "beta_above_alpha", "jacobian_det_positive", "alpha_decreasing_in_s",
                "alpha_increasing_in_m", "R1_alpha_1", "R7_alpha_1_15"):
        assert by_id[cid].status in (Status.PROVED, Status.CERTIFIED), (cid, by_id[cid])
    # no proof rests on an unchecked hint
    for r in report.results:
        if r.verdict.status in (Status.PROVED, Status.CERTIFIED):
            assert not r.verdict.unchecked, (r.claim.id, r.verdict.unchecked)


def test_negative_controls_refuted_with_points(report):
    by_id = {r.claim.id: r.verdict for r in report.results}
    t7 = by_id["T7_reversed_box"]
    assert t7.status is Status.REFUTED and "no root" in t7.detail and set(t7.witness) == {"m", "v"}
    two = by_id["nonconvex_phi_two_roots"]
    assert two.status is Status.REFUTED and "2 distinct roots" in two.detail
    assert by_id["eq6_perturbed"].status is Status.REFUTED
    assert by_id["R2_lp_value_as_alpha"].status is Status.REFUTED
    # each refuted control is pinned to a holding twin (the corrected statement or the counterexample)
    for cid, twin in (("T7_reversed_box", "lemma2_unique_solution"),
                      ("nonconvex_phi_two_roots", "nonconvex_phi_two_sign_changes"),
                      ("eq6_perturbed", "eq6_integral_form"), ("R2_lp_value_as_alpha", "R1_alpha_1")):
        claim = next(c for c in cz.DERIVATION.claims if c.id == cid)
        assert claim.corrected == twin
        assert by_id[twin].status in (Status.PROVED, Status.CERTIFIED), (twin, by_id[twin])


def test_sources_cite_authors_or_catalog():
    for c in cz.DERIVATION.claims:
        assert c.source.startswith(("Che and Zhong, ", "catalog seed_000")), c.id
