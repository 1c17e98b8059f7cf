"""The Carrasco et al. registry against the bundled claims, without verifying them: every erratum's
claim exists, every label a claim source cites is an item, every item is cited, labels follow the
paper's numbering."""
from __future__ import annotations

import re

import pytest

from symmech.reports.papers import get
from symmech.engine.registry import load, names

PAPER = get("carrasco")


def _walk(claim):
    yield claim
    for part in getattr(claim, "parts", None) or ():
        yield from _walk(part)


@pytest.fixture(scope="module")
def citing():
    """{derivation: [top-level claims]} for every bundled derivation whose claims cite the paper."""
    out = {}
    for name in names():
        if "Carrasco" not in open(f"derivations/{name}.py", encoding="utf-8").read():
            continue
        claims = list(load(name).claims)
        if any(PAPER.cites(c.source) for c in claims):
            out[name] = claims
    return out


def test_the_paper_is_cited_by_its_derivations(citing):
    assert {"one_moment", "general_moment", "many_periods", "m_goods", "carrasco_remaining",
            "carrasco_audit"} <= set(citing)


def test_every_erratum_claim_exists(citing):
    ids = {f"{d}:{c.id}" for d, cs in citing.items() for c in cs}
    dangling = [(e.label, r) for e in PAPER.errata for r in e.claims if r not in ids]
    assert not dangling


def test_every_cited_label_is_an_item(citing):
    known = {i.label for i in PAPER.items} | set(PAPER.extra_labels)
    unknown = sorted({(label, f"{d}:{c.id}") for d, cs in citing.items() for top in cs for c in _walk(top)
                      for label in PAPER.cited_items(c.source) if label not in known})
    assert not unknown


def test_every_item_is_cited_by_a_top_level_claim(citing):
    cited = {label for cs in citing.values() for c in cs for label in PAPER.cited_items(c.source)}
    missing = [i.label for i in PAPER.items if i.label not in cited]
    assert not missing


def test_errata_cover_the_catalog_and_claims_expected_to_fail_are_marked():
    labels = [e.label for e in PAPER.errata]
    assert labels == [f"T{i}" for i in range(1, 18)] + [f"G{i}" for i in range(1, 12)]
    by_ref = {}
    for d in {r.split(":")[0] for e in PAPER.errata for r in e.claims}:
        by_ref.update({f"{d}:{c.id}": c for c in load(d).claims})
    for e in PAPER.errata:
        if e.label in ("T2", "T12", "G10"):          # no error / OCR damage / not an error: settled, not flagged
            assert all(by_ref[r].expect == "holds" for r in e.claims), e.label
            assert e.disposition
        elif e.claims:
            assert any(by_ref[r].expect == "fails" for r in e.claims), e.label
        else:
            assert e.disposition, e.label


def test_items_in_paper_order():
    """Props, lemmas and equations appear in increasing order (the paper's order)."""
    def key(label):
        return tuple(int(x) for x in re.findall(r"\d+", label))
    for kind in ("Prop", "Lemma", "eq"):
        seq = [key(i.label) for i in PAPER.items if i.label.startswith(kind + " ")]
        assert seq == sorted(seq), kind
    eqs = [int(i.label[4:-1]) for i in PAPER.items if i.label.startswith("eq ")]
    assert eqs == list(range(1, 22))


def test_a_wrong_erratum_reference_is_caught(citing):
    """Negative control: a misspelt claim id is dangling."""
    ids = {f"{d}:{c.id}" for d, cs in citing.items() for c in cs}
    assert "one_moment:foc_as_printed" in ids and "one_moment:foc_as_printd" not in ids
