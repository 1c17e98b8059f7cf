"""The five Ch. 2-3 derivations end to end: every verdict agrees, key claims are proofs, the typo /
near-miss claims are refuted, and mutated claims fail."""
import dataclasses

import pytest
import sympy as sp

from derivations import (
    thesis_ch2_deterministic,
    thesis_ch2_model,
    thesis_ch2_multi_item,
    thesis_ch2_single_item,
    thesis_ch3_auctions,
)
from symmech import HOLDING, Status

MODULES = [thesis_ch2_model, thesis_ch2_single_item, thesis_ch2_multi_item, thesis_ch2_deterministic, thesis_ch3_auctions]


@pytest.fixture(scope="module", params=MODULES, ids=lambda m: m.__name__.split(".")[-1])
def report(request):
    return request.param.DERIVATION.verify(digits=20, samples=3)


def test_every_verdict_agrees(report):
    assert report.ok, str(report)
    assert not report.conflicts


def test_expected_failures_are_pinned_to_a_holding_twin(report):
    """Each refuted statement names its corrected twin, and the twin holds in the same run."""
    fails = [r for r in report.results if r.claim.expect == "fails"]
    assert fails
    for r in fails:
        assert r.claim.corrected, r.claim.id
        assert r.twin is not None and r.twin.status in HOLDING, (r.claim.id, r.twin)


def test_at_least_90_percent_of_holding_claims_are_proofs(report):
    holding = [r for r in report.results if r.claim.expect == "holds"]
    strong = [r for r in holding if r.verdict.status in (Status.PROVED, Status.CERTIFIED)]
    assert len(strong) >= 0.9 * len(holding), [r.claim.id for r in holding if r not in strong]


def test_sources_cite_authors():
    for m in MODULES:
        for c in m.DERIVATION.claims:
            assert "(20" in c.source or c.source.startswith("spec conjecture"), (c.id, c.source)


def _mutant(module, cid, **changes):
    claim = next(c for c in module.DERIVATION.claims if c.id == cid)
    return dataclasses.replace(claim, **changes), module.DERIVATION.scope


@pytest.mark.parametrize("module, cid, field, factor", [
    (thesis_ch2_model, "prop221_ic_pair_sum", "rhs", sp.Rational(101, 100)),
    (thesis_ch2_single_item, "lemma231_regret_constant", "rhs", sp.Rational(101, 100)),
    (thesis_ch2_multi_item, "lemma233_balance_interior", "rhs", sp.Rational(99, 100)),
    (thesis_ch2_deterministic, "lemma244_item_not_bought", "rhs", sp.Rational(11, 10)),
    (thesis_ch3_auctions, "prop331_payment_high", "rhs", sp.Rational(101, 100)),
])
def test_mutated_identity_is_refuted(module, cid, field, factor):
    claim, scope = _mutant(module, cid)
    claim = dataclasses.replace(claim, **{field: getattr(claim, field) * factor})
    assert claim.check(scope, digits=30, samples=5).status is Status.REFUTED


def test_mutated_inequality_bound_is_refuted():
    claim, scope = _mutant(thesis_ch3_auctions, "prop332_regret_high")
    tight = dataclasses.replace(claim, rhs=claim.rhs * sp.Rational(99, 100))
    assert tight.check(scope, digits=30, samples=5).status is Status.REFUTED
