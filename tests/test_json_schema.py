"""One versioned JSON schema (docs/schema/result-1.json) for every command's ``--json`` (issue 29):
every output, including the errors, validates against it; the schema rejects what it should reject."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

import symmech
from symmech.commands.cli import app

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "docs" / "schema" / "result-1.json").read_text())
runner = CliRunner()


def _valid(record: dict) -> dict:
    jsonschema.validate(record, SCHEMA)
    assert record["tool"]["version"] == symmech.__version__
    assert record["ok"] == (record["exit_code"] == 0)
    return record


def test_verify_json_validates_and_carries_rule_method_and_a_counterexample_as_data():
    res = runner.invoke(app, ["verify", "one_moment", "--json", "--claim", "foc_as_printed", "--claim", "value_phi",
                              "--digits", "20", "--samples", "3", "--no-cache", "--jobs", "1"])
    data = _valid(json.loads(res.stdout))
    assert data["command"] == "verify" and data["exit_code"] == res.exit_code == 0
    by_id = {c["id"]: c for c in data["claims"]}
    proved = by_id["value_phi"]
    assert proved["status"] == "proved" and proved["rule"] and proved["method"] and proved["agrees"] is True
    refuted = by_id["foc_as_printed"]
    assert refuted["status"] == "refuted" and refuted["agrees"] is True and refuted["corrected"]
    assert refuted["counterexample"]["point"], refuted     # a point, as data (name -> value)


def test_check_json_validates_for_a_refuted_conjecture():
    res = runner.invoke(app, ["check", str(ROOT / "conjectures" / "false_posted_price_too_low.toml"), "--json",
                              "--pointwise"])
    data = _valid(json.loads(res.stdout))
    assert data["command"] == "check" and data["exit_code"] == res.exit_code == 1
    assert any(c["status"] == "refuted" for c in data["claims"]) and "points" in data["extra"]


@pytest.mark.parametrize("command", ["check", "solve"])
def test_an_invalid_file_is_a_valid_record_with_the_error(tmp_path, command):
    bad = tmp_path / "bad.toml"
    bad.write_text("this is = not [toml\n")
    res = runner.invoke(app, [command, str(bad), "--json"])
    data = _valid(json.loads(res.stdout))
    assert res.exit_code == data["exit_code"] == 2 and "TOML" in data["error"] and data["claims"] == []


def test_solve_json_validates():
    res = runner.invoke(app, ["solve", str(ROOT / "conjectures" / "ask" / "regret_unit_interval.toml"), "--json"])
    data = _valid(json.loads(res.stdout))
    assert data["command"] == "solve" and data["answers"] and data["exit_code"] == res.exit_code


def test_the_schema_rejects_a_record_that_breaks_it():
    good = {"schema": "symmech-result/1", "tool": {"name": "symmech", "version": "0"}, "command": "verify",
            "subject": "d", "ok": True, "exit_code": 0, "seconds": 1.0, "digits": 50, "error": None, "claims": []}
    jsonschema.validate(good, SCHEMA)
    for path, value in [(("status",), "maybe"), (("exit_code",), 7), (("schema",), "symmech-result/2")]:
        bad = copy.deepcopy(good)
        if path == ("status",):
            bad["claims"] = [{"id": "a", "status": value}]
        else:
            bad[path[0]] = value
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, SCHEMA)


BUNDLING_EXAMPLE = ROOT / "docs" / "examples" / "bundling_four_types.toml"


def test_bundling_json_validates_with_the_report_inside():
    res = runner.invoke(app, ["bundling", "finite", str(BUNDLING_EXAMPLE), "--json"])
    data = _valid(json.loads(res.stdout))
    assert data["command"] == "bundling" and data["exit_code"] == res.exit_code == 0
    assert data["extra"]["bundling"]["condition"] == "refuted" and data["claims"] == []


def test_a_bundling_input_error_is_a_valid_record_with_the_error():
    res = runner.invoke(app, ["bundling", "density", "x", "--hi", "1", "--grid", "0", "--json"])
    data = _valid(json.loads(res.stdout.splitlines()[0]))
    assert res.exit_code == data["exit_code"] == 2 and "integrates to 1/2" in data["error"]


def test_coverage_json_validates(tmp_path):
    report = tmp_path / "r.json"
    report.write_text(json.dumps([{"derivation": "d", "claims": []}]))
    res = runner.invoke(app, ["coverage", "che_zhong", "--report", str(report), "--json"])
    data = _valid(json.loads(res.stdout))
    assert data["command"] == "coverage" and data["exit_code"] == res.exit_code == 1      # nothing is covered
    assert data["extra"]["coverage"][0]["key"] == "che_zhong"
    res = runner.invoke(app, ["coverage", "no_such_paper", "--report", str(report), "--json"])
    data = _valid(json.loads(res.stdout.splitlines()[0]))
    assert res.exit_code == data["exit_code"] == 2 and "unknown paper" in data["error"]


def test_mutate_json_validates(tmp_path):
    path = tmp_path / "one_claim.py"
    path.write_text("import sympy as sp\nfrom symmech import Derivation, Identity, Scope\nPRICE = sp.Rational(1, 2)\n"
                    "DERIVATION = Derivation('one_claim', 't', Scope(), [Identity('revenue', lhs=PRICE * (1 - PRICE), "
                    "rhs=sp.Rational(1, 4))])\n")
    res = runner.invoke(app, ["mutate", str(path), "--vacuity", "--json", "--digits", "20", "--samples", "3"])
    data = _valid(json.loads(res.stdout))
    assert data["command"] == "mutate" and data["exit_code"] == res.exit_code == 0
    assert data["extra"]["mutate"]["vacuous"] == []
