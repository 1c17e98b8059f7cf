"""The Che-Zhong registry against the bundled claims, without verifying them: every erratum names
existing claims, every label a claim cites is an item (or a proof section), every item is cited."""
from __future__ import annotations

from pathlib import Path

import pytest

import derivations
from symmech.reports.papers import get
from symmech.engine.registry import load

PAPER = get("che_zhong")


def _citing_derivations() -> list[str]:
    """Derivation modules whose text mentions the paper (cheap: only these are imported)."""
    root = Path(derivations.__file__).parent
    return sorted(p.stem for p in root.glob("*.py")
                  if not p.stem.startswith("_") and any(a in p.read_text() for a in PAPER.aliases))


@pytest.fixture(scope="module")
def claims() -> dict[str, object]:
    out = {}
    for name in _citing_derivations():
        for c in load(name).claims:
            out[f"{name}:{c.id}"] = c
    return out


def test_the_paper_is_cited_by_its_derivations(claims):
    assert {"che_zhong_thm1", "che_zhong_audit", "m_goods_asymmetric"} <= set(_citing_derivations())
    assert sum(PAPER.cites(c.source) for c in claims.values()) > 150


def test_every_erratum_names_existing_claims(claims):
    for e in PAPER.errata:
        missing = [r for r in e.claims if r not in claims]
        assert not missing, f"{e.label}: no such claim {missing}"


def test_errata_that_are_errors_have_a_claim_expected_to_fail(claims):
    # an erratum is 'flagged' only through a refuted claim; those the registry calls no error are
    # settled by holding claims and say so in their disposition
    not_errors = {"T8", "G2", "G6", "G8"}
    for e in PAPER.errata:
        fails = [r for r in e.claims if claims[r].expect == "fails"]
        if e.label in not_errors:
            assert not fails and "not an error" in e.disposition, e.label
        else:
            assert fails, f"{e.label} is flagged by no claim expected to fail"


def test_every_cited_label_is_an_item(claims):
    known = {i.label for i in PAPER.items} | set(PAPER.extra_labels)
    unknown = sorted({(label, ref) for ref, c in claims.items() for label in PAPER.cited_items(c.source)
                      if label not in known})
    assert not unknown, unknown


def test_every_item_is_cited(claims):
    cited = {label for c in claims.values() for label in PAPER.cited_items(c.source)}
    assert [i.label for i in PAPER.items if i.label not in cited] == []


def test_items_are_in_paper_order_and_complete():
    labels = [i.label for i in PAPER.items]
    eqs = [int(x[4:-1]) for x in labels if x.startswith("eq (")]
    assert eqs == sorted(eqs) and set(eqs) == set(range(1, 33))
    figs = [int(x[4:]) for x in labels if x.startswith("Fig ")]
    assert figs == list(range(1, 11))
    for must in ("Lemma 1", "Lemma 2", "Thm 1", "Thm 2", "Thm 3", "Thm 4", "Cor 1", "Cor 2", "Cor 3", "Prop 1",
                 "Def 1", "Assumption 1", "Lemma A.1", "Lemma B.1", "Lemma B.2", "Claim B.1", "Claim B.2",
                 "Prop B.1", "Prop B.2", "Remark B.1", "Remark B.2", "Remark B.3", "Thm B.1"):
        assert must in labels
    assert [e.label for e in PAPER.errata][:17] == [f"T{i}" for i in range(1, 9)] + [f"G{i}" for i in range(1, 10)]
