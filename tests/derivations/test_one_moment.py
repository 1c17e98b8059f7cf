"""The one_moment derivation end to end, plus regression values from the spec
(seed_002 R1/R2, computed there at 45 digits and cross-checked by a grid LP)."""
import pytest
import sympy as sp

from derivations import one_moment as om
from symmech import Distribution, Status, revenue


@pytest.fixture(scope="module")
def report():
    return om.DERIVATION.verify(digits=30, samples=5)


def test_every_verdict_agrees_with_its_expectation(report):
    assert report.ok, str(report)
    assert not report.conflicts


def test_every_expected_failure_is_pinned_to_a_holding_twin(report):
    """foc_as_printed, eq10_as_printed_price0, any_q1_is_best_reply: refuted, and their corrected twins hold."""
    by_id = {r.claim.id: r for r in report.results}
    fails = [r for r in report.results if r.claim.expect == "fails"]
    assert len(fails) == 3
    for r in fails:
        twin = by_id[r.claim.corrected]
        assert twin.claim.expect == "holds" and twin.verdict.status in (Status.PROVED, Status.CERTIFIED)
        assert r.verdict.status is Status.REFUTED and r.claim.agrees(r.verdict, twin.verdict)


def test_G4_twin_with_sales_below_kt_is_refuted():
    # negative control for best_reply_needs_zero_below: q = 1/2 below kt (q(1) = 1 still) earns less than kt
    from symmech import Identity, Mechanism, PiecewiseFunction
    M = Mechanism.from_allocation(om.theta, PiecewiseFunction(om.theta, (0, om.kt, 1), (sp.Rational(1, 2), 1)))
    bad = Identity("bad", lhs=revenue(M, om.F_STAR), rhs=om.kt)
    assert bad.check(om.SCOPE, digits=30, samples=5).status is Status.REFUTED


def test_key_claims_are_proofs_not_just_evidence(report):
    by_id = {r.claim.id: r.verdict for r in report.results}
    for cid in ("guarantee", "revenue_against_worst_case", "no_mechanism_beats_ktilde",
                "nature_in_ambiguity_set", "mechanism_IC", "ktilde_lambert", "value_phi"):
        assert by_id[cid].status in (Status.PROVED, Status.CERTIFIED), (cid, by_id[cid])


def test_printed_foc_is_refuted_at_a_concrete_mean(report):
    v = {r.claim.id: r.verdict for r in report.results}["foc_as_printed"]
    assert v.status is Status.REFUTED
    assert v.witness == {"k": "1/2"}
    # kt(1 - ln kt) = k = 1/2, so the printed "= 1" misses by exactly -1/2
    assert abs(sp.Float(v.witness_value) + sp.Rational(1, 2)) < 1e-25


def test_sources_cite_authors_and_result():
    for c in om.DERIVATION.claims:
        assert c.source.startswith("Carrasco et al., "), c.id


KT_HALF = sp.Float("0.18668230885083704212422421834", 30)  # spec R1, k = 1/2


def test_R2_revenue_against_two_point_laws():
    subs = {om.kt: KT_HALF}
    a = (1 - sp.Rational(1, 2)) / (1 - om.kt)
    G = Distribution(om.theta, atoms={0: 0, om.kt: a, 1: 1 - a}, support=(0, 1))
    assert abs(sp.N(revenue(om.M_STAR, G).subs(subs), 30) - KT_HALF) < 1e-25
    H = Distribution(om.theta, atoms={0: sp.Rational(1, 2), 1: sp.Rational(1, 2)})
    expected = sp.Float("0.242297241269842923588877756603", 30)  # spec R2
    assert abs(sp.N(revenue(om.M_STAR, H).subs(subs), 30) - expected) < 1e-25


def test_R1_multiplier_and_allocation_at_k_half():
    xi = sp.N(om.XI.subs(om.kt, KT_HALF), 30)
    assert abs(xi - sp.Float("0.595824347377697610107062589732", 30)) < 1e-25
    q_half = sp.N(om.Q_STAR.pieces[1].subs({om.kt: KT_HALF, om.theta: sp.Rational(1, 2)}), 30)
    assert abs(q_half - sp.Float("0.587006033506179458110824783371", 30)) < 1e-25
