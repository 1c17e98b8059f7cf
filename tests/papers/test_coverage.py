"""The paper coverage tables: citation parsing, missing items, errata states, bad input."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from symmech.commands.cli import app
from symmech.reports.papers import ClaimRecord, Erratum, Item, Paper, PaperError, coverage, markdown, parse_refs
from symmech.reports.papers.coverage import records_from_json


def test_parse_refs_normalizes_kinds_and_expands_ranges():
    assert parse_refs("Theorem 1 (proof, eq. (11))") == ["Thm 1", "eq (11)"]
    assert parse_refs("eqs. (5)-(6), (10)") == ["eq (5)", "eq (6)", "eq (10)"]
    assert parse_refs("Lemmas 3.3-3.4") == ["Lemma 3.3", "Lemma 3.4"]
    assert parse_refs("Claims B.1-B.2 and Prop. B.1") == ["Claim B.1", "Claim B.2", "Prop B.1"]
    assert parse_refs("Cor. 3(2), Sec. 5, Assumption") == ["Cor 3", "Sec 5"]


PAPER = Paper("demo", "A. Author, 'A Demo' (2020)", ("Author",),
              items=(Item("Thm 1", "the main theorem"), Item("Lemma 2", "a lemma"), Item("eq (3)", "a display")),
              errata=(Erratum("T1", "Thm. 1", "a sign typo", claims=("d:thm1_typo",)),
                      Erratum("G1", "Lemma 2", "a gap", disposition="existence; cited, not a finite computation")))


def _rec(i, source, expect="holds", status="proved", derivation="d"):
    agrees = status in ("proved", "certified", "confirmed") if expect == "holds" else status == "refuted"
    return ClaimRecord(derivation, i, source, expect, status, agrees)


def test_other_works_cited_in_parentheses_are_not_items_of_the_paper():
    assert PAPER.cited_items("Author, Thm. 1 (Osborne and Rubinstein, Lemma 22.2)") == ["Thm 1"]
    assert PAPER.cited_items("Other, Lemma 2; Author, eq. (3)") == ["eq (3)"]
    assert PAPER.cited_items("Other, Lemma 2") == []


def test_complete_when_every_item_is_checked_and_every_erratum_is_handled():
    recs = [_rec("thm1", "Author, Thm. 1"), _rec("lem2", "Author, Lemma 2; eq. (3)"),
            _rec("thm1_typo", "Author, Thm. 1", expect="fails", status="refuted")]
    cov = coverage(PAPER, recs)
    assert [r.state for r in cov.items] == ["checked", "checked", "checked"]
    assert [e.state for e in cov.errata] == ["flagged", "not a claim"]
    assert cov.complete and cov.holding_share() == (2, 2)
    text = markdown(cov)
    assert "| Thm 1 |" in text and "| T1 |" in text and "flagged" in text


def test_missing_item_disagreeing_claim_unknown_label_and_dangling_erratum_make_it_incomplete():
    recs = [_rec("thm1", "Author, Thm. 1", status="undecided"), _rec("x", "Author, Prop. 9")]
    cov = coverage(PAPER, recs)
    states = {r.label: r.state for r in cov.items}
    assert states == {"Thm 1": "DISAGREES", "Lemma 2": "missing", "eq (3)": "missing"}
    assert cov.errata[0].state == "DANGLING"
    assert [label for label, _ in cov.unknown] == ["Prop 9"]
    assert not cov.complete


def test_an_erratum_claim_expected_to_fail_but_proved_disagrees():
    recs = [_rec("thm1", "Author, Thm. 1"), _rec("lem2", "Author, Lemma 2, eq. (3)"),
            _rec("thm1_typo", "Author, Thm. 1", expect="fails", status="proved")]
    cov = coverage(PAPER, recs)
    assert cov.errata[0].state == "DISAGREES" and not cov.complete


def test_bad_registry_entries_are_refused():
    with pytest.raises(PaperError, match="not canonical"):
        Item("Theorem 1", "x")
    with pytest.raises(PaperError, match="disposition"):
        Erratum("T9", "Thm. 1", "x")
    with pytest.raises(PaperError, match="derivation:claim_id"):
        Erratum("T9", "Thm. 1", "x", claims=("no_colon",))
    with pytest.raises(PaperError, match="duplicate"):
        Paper("p", "c", ("A",), items=(Item("Thm 1", "x"), Item("Thm 1", "y")))


def test_records_from_a_verify_json_report_and_a_malformed_one():
    data = [{"derivation": "d", "claims": [{"id": "a", "source": "Author, Thm. 1", "expect": "fails",
                                            "status": "confirmed"}]}]
    (rec,) = records_from_json(data)
    assert rec.ref == "d:a" and not rec.agrees
    with pytest.raises(PaperError, match="missing"):
        records_from_json([{"derivation": "d"}])


def test_cli_reads_a_report_and_refuses_an_unknown_paper(tmp_path):
    report = tmp_path / "r.json"
    report.write_text(json.dumps([{"derivation": "d", "claims": []}]))
    runner = CliRunner()
    res = runner.invoke(app, ["coverage", "no_such_paper", "--report", str(report)])
    assert res.exit_code == 2 and "unknown paper" in res.output
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    res = runner.invoke(app, ["coverage", "che_zhong", "--report", str(bad)])
    assert res.exit_code == 2 and "cannot read" in res.output
    res = runner.invoke(app, ["coverage", "che_zhong", "--report", str(report), "--json"])
    assert res.exit_code in (0, 1)
    assert json.loads(res.stdout)["extra"]["coverage"][0]["key"] == "che_zhong"


def test_a_bare_equation_number_after_another_label_is_an_equation():
    from symmech.reports.papers.model import parse_refs

    assert parse_refs("Lemma 2, (5)") == ["Lemma 2", "eq (5)"]           # was read as Lemma 5
    assert parse_refs("App. A.3.2, (7)-(8)") == ["App A.3.2", "eq (7)", "eq (8)"]
    assert parse_refs("Props. 3.3-3.4") == ["Prop 3.3", "Prop 3.4"]
