"""The command line: JSON shape, exit codes, errors."""
import json

from typer.testing import CliRunner

from symmech.commands.cli import app

runner = CliRunner()


def test_verify_json_shape_and_exit_code():
    res = runner.invoke(app, ["verify", "one_moment", "--json", "--digits", "20", "--samples", "3",
                              "--claim", "foc_as_printed", "--claim", "value_phi", "--no-cache", "--jobs", "1"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["subject"] == "one_moment" and data["command"] == "verify" and data["exit_code"] == 0
    # foc_as_printed is pinned to its corrected twin foc_at_ktilde, which is checked along with it
    assert {c["id"] for c in data["claims"]} == {"foc_as_printed", "foc_at_ktilde", "value_phi"}
    for c in data["claims"]:
        assert set(c) == {"id", "statement", "source", "expect", "corrected", "status", "method", "rule", "agrees",
                          "detail", "counterexample", "trust", "seconds", "cached"}
    assert {"seconds", "digits", "ok"} <= set(data) and data["digits"] == 20 and data["ok"] is True
    statuses = {c["id"]: c["status"] for c in data["claims"]}
    assert statuses == {"foc_as_printed": "refuted", "foc_at_ktilde": "proved", "value_phi": "proved"}


def test_unknown_derivation_exits_2():
    res = runner.invoke(app, ["verify", "no_such_thing"])
    assert res.exit_code == 2
