"""Command-line conventions (issue 29): one exit-code table, suggestions for typos, one-line errors for bad input,
a user's own derivation file, ``--summary`` and ``--version``."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from symmech import __version__
from symmech.commands.cli import app
from symmech.engine.exit_codes import MEANING, ExitCode, for_verdicts

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]

OWN = '''
import sympy as sp
from symmech import Derivation, Identity, Inequality, Scope

k = sp.Symbol("k", positive=True)
DERIVATION = Derivation(
    name="my_claim", title="a first own claim", scope=Scope({k: sp.Interval.open(0, 1)}),
    claims=[Inequality("log_bound", lhs=sp.log(1 + k), rhs=k - k**2 / 2),
            Identity("typo", lhs=(1 + k)**2, rhs=1 + k**2, expect="fails", corrected="square"),
            Identity("square", lhs=(1 + k)**2, rhs=1 + 2*k + k**2)])
'''


def test_the_exit_code_table_in_the_docs_is_the_one_in_the_code():
    doc = (ROOT / "docs" / "cli.md").read_text()
    rows = dict(re.findall(r"^\| (\d) \| (.+) \|$", doc, flags=re.M))
    assert {int(k) for k in rows} == {int(c) for c in ExitCode}
    for code, meaning in MEANING.items():
        assert rows[str(int(code))] == meaning


@pytest.mark.parametrize("statuses, agree, code", [
    (["proved", "refuted"], [True, True], ExitCode.OK),            # a refuted claim expected to fail agrees
    (["proved", "refuted"], [True, False], ExitCode.FALLS_SHORT),
    (["proved", "undecided"], [True, False], ExitCode.UNDECIDED),
    (["refuted", "undecided"], [False, False], ExitCode.FALLS_SHORT),   # a refutation outranks an undecided claim
])
def test_exit_codes_of_verdicts(statuses, agree, code):
    assert for_verdicts(statuses, agree=agree) is code
    assert for_verdicts(statuses, agree=agree, conflict=True) is ExitCode.CONFLICT


def test_version():
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.stdout.strip() == f"symmech {__version__}"


def test_a_mistyped_derivation_or_claim_gets_suggestions_and_exit_2():
    res = runner.invoke(app, ["verify", "one_momnt"])
    assert res.exit_code == 2 and "did you mean one_moment" in res.output
    res = runner.invoke(app, ["verify", "one_moment", "--claim", "foc_as_printd", "--no-cache"])
    assert res.exit_code == 2 and "did you mean foc_as_printed" in res.output and "Traceback" not in res.output


def test_a_users_own_file_is_verified_with_a_summary(tmp_path):
    path = tmp_path / "my_claim.py"
    path.write_text(OWN)
    res = runner.invoke(app, ["verify", str(path), "--summary", "--no-cache", "--jobs", "1", "--digits", "20",
                              "--samples", "3"])
    assert res.exit_code == 0, res.output
    lines = res.stdout.strip().splitlines()
    assert lines[0].startswith("my_claim: 3 claims (2 proved, 1 refuted); all agree")
    assert lines[-1].startswith("total: 1 derivation(s), 3 claims (2 proved, 1 refuted); every verdict agrees")


def test_a_wrong_corrected_twin_in_a_users_file_is_exit_1(tmp_path):
    path = tmp_path / "wrong_twin.py"
    path.write_text(OWN.replace("rhs=1 + 2*k + k**2", "rhs=1 + 2*k"))     # the 'correction' is wrong too
    res = runner.invoke(app, ["verify", str(path), "--no-cache", "--jobs", "1", "--digits", "20", "--samples", "3",
                              "--json"])
    typo = {c["id"]: c for c in json.loads(res.stdout)["claims"]}["typo"]
    assert res.exit_code == ExitCode.FALLS_SHORT and typo["agrees"] is False
    assert "corrected twin square is refuted" in typo["detail"]


def test_a_users_file_that_fails_to_run_is_one_line_with_its_line_number(tmp_path):
    path = tmp_path / "broken.py"
    path.write_text("import sympy\n\nx = 1 / 0\n")
    res = runner.invoke(app, ["verify", str(path)])
    assert res.exit_code == 2 and "broken.py, line 3: ZeroDivisionError" in res.output
    path.write_text("x = 1\n")
    res = runner.invoke(app, ["verify", str(path)])
    assert res.exit_code == 2 and "defines no DERIVATION" in res.output


@pytest.mark.parametrize("argv", [["check"], ["solve"], ["bundling", "finite"]])
def test_a_file_that_is_not_utf8_is_refused_in_one_line(tmp_path, argv):
    path = tmp_path / "latin1.toml"
    path.write_bytes("name = 'caf\xe9'\n".encode("latin-1"))
    res = runner.invoke(app, [*argv, str(path)])
    assert res.exit_code == 2, res.output
    assert "UTF-8" in res.output and "Traceback" not in res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)


def test_plot_refuses_a_value_that_is_not_a_number_and_an_output_that_is_a_file(tmp_path):
    res = runner.invoke(app, ["plot", "one_moment", "-o", str(tmp_path), "--at", "k=abc"])
    assert res.exit_code == 2 and "not an exact number" in res.output
    afile = tmp_path / "taken"
    afile.write_text("")
    res = runner.invoke(app, ["plot", "one_moment", "-o", str(afile)])
    assert res.exit_code == 2 and "names a directory" in res.output


def test_solve_on_jointly_impossible_moments_is_one_line_not_a_traceback(tmp_path):
    # E[theta] = 1/2 with E[theta^2] = 1/10 < (1/2)^2 on [0, 1]: no law (Jensen); each condition alone is possible
    path = tmp_path / "jointly.toml"
    path.write_text('name = "jointly impossible"\n[model]\nvalues = ["0", "1"]\n'
                    'moments = [["theta", "==", "1/2"], ["theta**2", "==", "1/10"]]\n'
                    '[mechanism]\nposted_price = "1/4"\n')
    res = runner.invoke(app, ["solve", str(path)])
    assert res.exit_code == ExitCode.UNDECIDED and "jointly impossible" in res.output
    assert not isinstance(res.exception, Exception) or isinstance(res.exception, SystemExit)


def test_a_package_registers_derivations_through_an_entry_point(tmp_path, monkeypatch):
    import sys

    from symmech.engine import registry

    pkg = tmp_path / "my_research"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "claims.py").write_text(OWN.replace('name="my_claim"', 'name="my_registered"'))
    monkeypatch.syspath_prepend(str(tmp_path))

    class EP:                      # what importlib.metadata returns for  my_registered = "my_research.claims"
        name, value = "my_registered", "my_research.claims"

        def load(self):
            import importlib
            return importlib.import_module(self.value)

    class Broken(EP):
        name, value = "broken_one", "my_research.missing"

    monkeypatch.setattr(registry, "_entry_points", lambda: {"my_registered": EP(), "broken_one": Broken()})
    assert registry.registered() == ["broken_one", "my_registered"]
    res = runner.invoke(app, ["verify", "my_registered", "--summary", "--no-cache", "--jobs", "1", "--digits", "20",
                              "--samples", "3"])
    assert res.exit_code == 0 and res.stdout.startswith("my_registered: 3 claims"), res.output
    res = runner.invoke(app, ["verify", "broken_one"])
    assert res.exit_code == 2 and "does not load: ModuleNotFoundError" in res.output
    res = runner.invoke(app, ["verify", "my_registerd"])
    assert res.exit_code == 2 and "did you mean my_registered" in res.output
    sys.modules.pop("my_research.claims", None)
    sys.modules.pop("my_research", None)


def test_list_names_claims_titles_and_origin(monkeypatch):
    import json

    from symmech.engine import registry

    monkeypatch.setattr(registry, "names", lambda: ["one_moment"])
    monkeypatch.setattr(registry, "_entry_points", lambda: {})
    res = runner.invoke(app, ["list", "--json"])
    (row,) = json.loads(res.stdout)
    assert res.exit_code == 0 and row["name"] == "one_moment" and row["origin"] == "bundled"
    assert row["claims"] == len(registry.load("one_moment").claims) and row["title"]
