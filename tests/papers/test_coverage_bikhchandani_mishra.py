"""The Bikhchandani-Mishra registry (``symmech.reports.papers.bikhchandani_mishra``) against the catalog's labels
(spec 004) and the bundled claims, without verifying them: every label the catalog lists is an item, every
erratum label of its Sec. 6 is an erratum, every erratum names existing claims, every label a claim cites is an
item, every item is cited; and a negative test: without one item's claims that item is missing."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from symmech.engine.registry import load
from symmech.reports.papers import ClaimRecord, coverage
from symmech.reports.papers.bikhchandani_mishra import PAPER
from symmech.reports.papers.model import parse_refs

DERIVATIONS = ("bm_symmetric", "bm_equivalence", "bm_revenue_monotone", "bm_robust", "bm_settings", "bm_gaps")
SPEC = Path("/work/shared/specs/seed_004_bikhchandani_mishra.md")

#: the labels of the catalog's Sec. 3 (spec 004, transcribed; compared with the file below when it is present)
SPEC_LABELS = (
    {f"eq ({k})" for k in range(1, 26)}
    | {f"Lemma {k}" for k in (1, 2, 3)} | {f"Thm {k}" for k in (1, 2, 3)} | {f"Def {k}" for k in range(1, 13)}
    | {f"Prop {k}" for k in range(1, 8)} | {f"Cor {k}" for k in range(1, 5)} | {f"Remark {k}" for k in (1, 2, 3)}
    | {"Example 1", "Example 2", "Fig 1", "Claim 1", "Claim 2"}
    | {f"fn {k}" for k in (6, 10, 11, 12, 13, 16, 18, 19, 20, 22, 23, 24)}
)
#: footnotes the catalog cites outside its Sec. 3 (fn. 4 in Sec. 1, fn. 21 in G1) and the paper's sections
OTHER_LABELS = {"fn 4", "fn 21", "Sec 1", "Sec 2", "Sec 4", "Sec 4.2", "Sec 5.1", "Sec 5.2", "Sec 5.3"}
#: labels the catalog mentions that are not items of this paper: Hardy, Littlewood and Polya's theorem (fn. 19)
NOT_ITEMS = {"Thm 368"}
SPEC_ERRATA = [f"G{k}" for k in range(1, 17)] + ["G25"] + [f"G{k}" for k in range(17, 25)]   # the catalog's order


def _walk(claim):
    yield claim
    for part in getattr(claim, "parts", None) or ():
        yield from _walk(part)


@pytest.fixture(scope="module")
def claims() -> dict[str, object]:
    return {f"{d}:{c.id}": c for d in DERIVATIONS for c in load(d).claims}


def test_items_are_the_catalog_labels():
    items = {i.label for i in PAPER.items}
    assert SPEC_LABELS <= items
    assert items == SPEC_LABELS | OTHER_LABELS
    assert len(items) == len(PAPER.items) == 83


@pytest.mark.skipif(not SPEC.exists(), reason="the catalog is not available here")
def test_transcribed_labels_match_the_catalog_file():
    text = SPEC.read_text()
    sec3 = text[text.index("## 3. Catalog"):text.index("## 4. Checks grouped")]
    found = set(parse_refs(sec3)) | {f"eq ({k})" for k in re.findall(r"\((\d{1,2})\)", sec3) if int(k) <= 25}
    assert found - NOT_ITEMS == SPEC_LABELS
    sec6 = text[text.index("## 6. Typos"):text.index("## 7.")]
    assert re.findall(r"\*\*(G\d+)", sec6) == SPEC_ERRATA
    assert "fn 4" in parse_refs(text[:text.index("## 2.")]) and "fn 21" in parse_refs(sec6)


def test_errata_are_the_catalog_gaps_plus_x1():
    assert [e.label for e in PAPER.errata] == [f"G{k}" for k in range(1, 26)] + ["X1"]


def test_every_erratum_names_existing_claims(claims):
    for e in PAPER.errata:
        missing = [r for r in e.claims if r not in claims]
        assert not missing, f"{e.label}: no such claim {missing}"


def test_errata_are_flagged_or_explained(claims):
    settled = {"G3", "G14", "G15"}             # an omission, a conflict of wording, a citation: no false statement
    for e in PAPER.errata:
        fails = [r for r in e.claims if claims[r].expect == "fails"]
        if e.label in settled:
            assert e.claims and not fails and e.disposition, e.label
        elif e.claims:
            assert fails, f"{e.label} is flagged by no claim expected to fail"
            for r in fails:                    # pinned to a twin of the same derivation that is expected to hold
                twin = f"{r.split(':')[0]}:{claims[r].corrected}"
                assert claims[twin].expect == "holds", r
        else:
            assert e.disposition, e.label


def test_every_cited_label_is_an_item(claims):
    known = {i.label for i in PAPER.items} | set(PAPER.extra_labels)
    unknown = sorted({(label, ref) for ref, top in claims.items() for c in _walk(top)
                      for label in PAPER.cited_items(c.source) if label not in known})
    assert not unknown, unknown


def test_every_item_is_cited_by_a_top_level_claim(claims):
    cited = {label for c in claims.values() for label in PAPER.cited_items(c.source)}
    assert [i.label for i in PAPER.items if i.label not in cited] == []


def test_catalog_section_7_is_not_read_as_a_section_of_the_paper(claims):
    # the conjecture claims cite the catalog as a separate work ("Spec 004, §7 item N")
    conj = [c for ref, c in claims.items() if ref.split(":")[1].startswith("sec7_")]
    assert conj and all("Sec 7" not in PAPER.cited_items(c.source) for c in conj)
    assert PAPER.cited_items("Bikhchandani and Mishra, x (2022), Prop. 5; Spec 004, §7 item 7 (Thm. 3)") == ["Prop 5"]


def _records(claims):
    return [ClaimRecord(ref.split(":")[0], c.id, c.source, c.expect, "proved" if c.expect == "holds" else "refuted", True)
            for ref, c in claims.items()]


def test_complete_with_agreeing_records(claims):
    cov = coverage(PAPER, _records(claims))
    assert cov.complete
    assert {e.label: e.state for e in cov.errata}["X1"] == "flagged"


def test_an_item_without_its_claims_is_missing(claims):
    """Negative control: drop every claim citing Cor. 4; the item becomes missing (and fn. 22, which only the Cor. 4
    claims check), and coverage is incomplete."""
    recs = [r for r in _records(claims) if "Cor 4" not in PAPER.cited_items(r.source)]
    cov = coverage(PAPER, recs)
    assert {r.label for r in cov.items if r.state == "missing"} == {"Cor 4", "fn 22"} and not cov.complete


def test_a_disagreeing_twin_makes_the_erratum_disagree(claims):
    """Negative control: if the corrected twin of G19 were refuted, the erratum is no longer flagged."""
    recs = _records(claims)
    recs = [ClaimRecord(r.derivation, r.id, r.source, r.expect, "refuted", False)
            if r.id == "g19_chain_reading_rank_preserving" else r for r in recs]
    cov = coverage(PAPER, recs)
    assert {e.label: e.state for e in cov.errata}["G19"] == "DISAGREES" and not cov.complete
