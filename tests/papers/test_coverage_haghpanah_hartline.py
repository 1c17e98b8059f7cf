"""The Haghpanah-Hartline registry against the bundled claims, without verifying them: the items and errata
are complete against the spec's labels (seed 001) and the paper's numbering, every erratum names existing
claims, every label a claim cites is an item (or a proof section), every item is cited; and a record set
missing one item's claims leaves that item uncovered."""
from __future__ import annotations

import re

import pytest

from symmech.engine.registry import load
from symmech.reports.papers.coverage import ClaimRecord, coverage
from symmech.reports.papers.haghpanah_hartline import PAPER

DERIVATIONS = ("hh_model", "hh_paths", "hh_decomposition", "hh_extensions")

# every numbered object the spec (seed_001_haghpanah_hartline.md, Secs. 2 and 4) names
SPEC_ITEMS = ("Def 1", "Def 2", "Def 3", "Thm 1", "Prop 1", "Prop 2", "Prop 3", "Cor 1", "Cor 2",
              "Lemma 1", "Lemma 2", "Lemma 3", "Lemma 4", "Lemma 5", "Lemma 6", "Lemma 7", "Lemma 8",
              "fn 1", "fn 2", "fn 3", "fn 4", "fn 6", "fn 7", "Fig 1", "Fig 4",
              "eq (1)", "eq (2)", "eq (3)", "eq (4)", "eq (5)", "eq (6)", "eq (7)", "eq (8)", "eq (9)", "eq (10)",
              "eq (11)", "eq (12)", "eq (13)", "eq (14)", "eq (15)", "eq (19)", "eq (21)", "eq (22)",
              "Sec 3", "Sec 5", "Sec 6")
SPEC_ERRATA = tuple(f"G{i}" for i in range(1, 17))
NOT_ERRORS = {"G13", "G14", "G16", "X3"}       # settled (no claim expected to fail) or not a claim


@pytest.fixture(scope="module")
def claims() -> dict[str, object]:
    return {f"{name}:{c.id}": c for name in DERIVATIONS for c in load(name).claims}


def _records(claims, drop=lambda ref, c: False):
    """Records as if every claim agreed with its expectation (holds: proved, fails: refuted)."""
    out = []
    for ref, c in claims.items():
        if drop(ref, c):
            continue
        d, cid = ref.split(":")
        out.append(ClaimRecord(d, cid, c.source, c.expect, "proved" if c.expect == "holds" else "refuted", True))
    return out


def test_items_and_errata_cover_the_spec():
    labels = [i.label for i in PAPER.items]
    assert [x for x in SPEC_ITEMS if x not in labels] == []
    assert [e.label for e in PAPER.errata][:16] == list(SPEC_ERRATA)


def test_items_follow_the_paper_numbering():
    labels = [i.label for i in PAPER.items]
    eqs = [int(x[4:-1]) for x in labels if x.startswith("eq (")]
    assert eqs == list(range(1, 23))
    assert [int(x[4:]) for x in labels if x.startswith("Fig ")] == list(range(1, 10))
    assert sorted(int(x[3:]) for x in labels if x.startswith("fn ")) == [1, 2, 3, 4, 5, 6, 7, 9]   # fn 8: no math
    assert [int(x[6:]) for x in labels if x.startswith("Lemma ")] == list(range(1, 9))
    for kind, n in (("Prop", 3), ("Def", 3), ("Cor", 2), ("Thm", 1)):
        assert [int(x.split()[1]) for x in labels if x.startswith(kind + " ")] == list(range(1, n + 1))


def test_every_erratum_names_existing_claims(claims):
    for e in PAPER.errata:
        assert [r for r in e.claims if r not in claims] == [], e.label


def test_errors_are_flagged_by_a_claim_expected_to_fail_and_pinned(claims):
    for e in PAPER.errata:
        fails = [r for r in e.claims if claims[r].expect == "fails"]
        if e.label in NOT_ERRORS:
            assert not fails and e.disposition, e.label
        else:
            assert fails, f"{e.label} is flagged by no claim expected to fail"
            for r in fails:                      # each failure's twin is a claim of the same derivation
                d = r.split(":")[0]
                assert f"{d}:{claims[r].corrected}" in claims, r


def test_every_cited_label_is_an_item_and_every_item_is_cited(claims):
    known = {i.label for i in PAPER.items} | set(PAPER.extra_labels)
    cited = {label for c in claims.values() for label in PAPER.cited_items(c.source)}
    assert sorted(cited - known) == []
    assert [i.label for i in PAPER.items if i.label not in cited] == []
    assert all(PAPER.cites(c.source) for c in claims.values())


def test_complete_with_agreeing_records(claims):
    cov = coverage(PAPER, _records(claims))
    assert cov.complete, [(r.label, r.state) for r in cov.items if r.state != "checked"]
    assert {e.label: e.state for e in cov.errata}["G13"] == "settled"
    assert {e.label: e.state for e in cov.errata}["X3"] == "not a claim"


def test_missing_claims_leave_an_item_uncovered(claims):
    """Negative: without the claims citing Lemma 8 the item is missing and the table is not complete; without one
    erratum claim the erratum dangles."""
    cov = coverage(PAPER, _records(claims, drop=lambda ref, c: "Lemma 8" in PAPER.cited_items(c.source)))
    rows = {r.label: r.state for r in cov.items}
    assert rows["Lemma 8"] == "missing" and rows["Lemma 7"] == "checked"
    assert not cov.complete
    cov = coverage(PAPER, _records(claims, drop=lambda ref, c: ref == "hh_paths:lemma7_IV_as_printed"))
    assert {e.label: e.state for e in cov.errata}["G15"] == "DANGLING" and not cov.complete


def test_a_disagreeing_verdict_is_shown(claims):
    recs = _records(claims)
    recs = [ClaimRecord(r.derivation, r.id, r.source, r.expect, "proved", False)
            if r.ref == "hh_extensions:sec6_independent_added_value_as_printed" else r for r in recs]
    cov = coverage(PAPER, recs)
    assert {e.label: e.state for e in cov.errata}["X1"] == "DISAGREES"
    assert {r.label: r.state for r in cov.items}["fn 9"] == "DISAGREES"


def test_labels_are_canonical_and_sources_parse():
    # 'Lemma 2, (5)' would read as Lemma 5: sources cite equations with 'eq.'
    for name in DERIVATIONS:
        for c in load(name).claims:
            assert not re.search(r"(Lemma|Prop|App)\.? [\dA-Z.]+, \(\d+\)", c.source), (name, c.id, c.source)
