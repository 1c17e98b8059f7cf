"""Invalid conjecture files: clear errors naming the offending token, exit code 2, nothing computed."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from symmech.commands.cli import app
from symmech.conjecture import ConjectureError, loads

runner = CliRunner()

GOOD = '''
name = "posted price"
[model]
values = ["0", "1"]
moments = [["theta", "==", "1/2"]]
[mechanism]
posted_price = "1/4"
[claim]
guarantee = "1/12"
'''


def _with(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new)


BAD = [
    # the whitelist parser, inside TOML strings
    (_with('posted_price = "1/4"', '''posted_price = "__import__('os')"'''), "__import__"),
    (_with('posted_price = "1/4"', '''posted_price = "theta.__class__"'''), "attribute access"),
    (_with('moments = [["theta", "==", "1/2"]]', '''moments = [["theta.real", "==", "1/2"]]'''),
     "attribute access '.real'"),
    (_with('guarantee = "1/12"', 'guarantee = "open(1)"'), "call to 'open' is not allowed"),
    (_with('guarantee = "1/12"', 'guarantee = "k/12"'), "unknown name 'k'"),
    (_with('guarantee = "1/12"', 'guarantee = "theta/12"'), "unknown name 'theta'"),
    (_with('guarantee = "1/12"', 'guarantee = "1/12 if 1 else 0"'), "conditional expression"),
    (_with('guarantee = "1/12"', 'guarantee = "2^3"'), "'^' is not allowed"),
    (_with('guarantee = "1/12"', 'guarantee = "[1][0]"'), "subscript"),
    (_with('guarantee = "1/12"', 'guarantee = "lambda: 1"'), "lambda"),
    (_with('moments = [["theta", "==", "1/2"]]', 'moments = [["theta", "=", "1/2"]]'), "did you mean '=='"),
    # keys and types
    (_with('[claim]', '[claim]\nguarantee_at_most = "1"'), "unknown key(s) 'guarantee_at_most'"),
    (_with('name = "posted price"', 'name = "x"\ncolor = "red"'), "unknown key(s) 'color'"),
    (_with('posted_price = "1/4"', 'posted_price = "1/4"\nprice = "1/3"'), "unknown key(s) 'price'"),
    (_with('guarantee = "1/12"', 'optimal = "yes"'), "[claim].optimal: expected true or false"),
    (_with('guarantee = "1/12"', 'guarantee = true'), "[claim].guarantee: expected a formula"),
    (_with('moments = [["theta", "==", "1/2"]]', 'moments = "theta"'), "[model].moments"),
    (_with('moments = [["theta", "==", "1/2"]]', 'moments = [["theta", "=="]]'), "expected [g, relation, value]"),
    (_with('posted_price = "1/4"', 'posted_price = "1/4"\nallocation = "theta"'), "exactly one of"),
    (_with('[claim]\nguarantee = "1/12"', '[claim]'), "give at least one of"),
    (GOOD.replace('[mechanism]\nposted_price = "1/4"\n', ''), "missing section [mechanism]"),
    (_with('name = "posted price"', 'name = "x"\n[parameters]\ntheta = "1"'), "reserved"),
    (_with('name = "posted price"', 'name = "x"\n[parameters]\nk = {range = ["1", "0"]}'), "must be below"),
    # invalid objects
    (_with('posted_price = "1/4"', 'price_density = {expr = "2 - 4*p", on = ["0", "1"]}'), "negative"),
    (_with('posted_price = "1/4"', 'price_density = {expr = "1", on = ["0", "1/2"]}'), "total mass 1/2"),
    (_with('posted_price = "1/4"', 'price_atoms = [["1/4", "1/2"], ["1/2", "1/4"]]'), "total mass 3/4"),
    (_with('posted_price = "1/4"', 'price_atoms = [["1/4", "-1/2"], ["1/2", "3/2"]]'), "negative mass"),
    (_with('posted_price = "1/4"', 'allocation = "1 - theta"'), "decreasing"),
    (_with('posted_price = "1/4"', 'allocation = "2*theta"'), "> 1"),
    (_with('posted_price = "1/4"', 'allocation = {breaks = ["0", "1/2", "1"], pieces = ["1/2", "1/4"]}'),
     "jumps down"),
    (_with('posted_price = "1/4"', 'posted_price = "3/2"'), "must lie in [0, 1)"),
    (_with('moments = [["theta", "==", "1/2"]]', 'moments = [["log(theta)", "==", "-1"]]'), "not a finite real"),
]


@pytest.mark.parametrize("text,message", BAD)
def test_refused_with_clear_message(text, message):
    with pytest.raises(ConjectureError) as exc:
        loads(text)
    assert message in str(exc.value)


def test_malformed_toml():
    with pytest.raises(ConjectureError, match="malformed TOML"):
        loads('name = "x"\n[model\nvalues = 1')


def test_cli_invalid_file_exits_2_and_computes_nothing(tmp_path, monkeypatch):
    import symmech.conjecture.worst_case as wc

    def boom(*a, **k):  # pragma: no cover - must not be reached
        raise AssertionError("computed on an invalid file")

    monkeypatch.setattr(wc, "worst_case", boom)
    for i, (text, message) in enumerate(BAD[:3] + BAD[-6:]):
        f = tmp_path / f"bad{i}.toml"
        f.write_text(text)
        res = runner.invoke(app, ["check", str(f), "--json"])
        assert res.exit_code == 2, res.output
        data = json.loads(res.stdout)
        assert data["claims"] == [] and message in data["error"]
    f = tmp_path / "broken.toml"
    f.write_text("name = ")
    assert runner.invoke(app, ["check", str(f)]).exit_code == 2
    assert runner.invoke(app, ["check", str(tmp_path / "missing.toml")]).exit_code == 2


@pytest.mark.parametrize("moment, possible", [
    ('["theta", "==", "2"]', False),          # theta in [0, 1]: its mean cannot be 2
    ('["theta", "==", "1"]', True),           # the point mass at 1
    ('["theta**2", ">=", "3/2"]', False),     # theta^2 <= 1 on [0, 1]
    ('["theta**3", ">=", "1001/1000"]', False),  # a hair above the largest value
    ('["theta**2", ">=", "1"]', True),
    ('["theta - 1/2", "<=", "-2/3"]', False),
    ('["(theta - 1/2)**2", "<=", "0"]', True),  # the point mass at 1/2
])
def test_a_moment_no_law_can_meet_is_refused_before_any_solver(moment, possible):
    text = _with('["theta", "==", "1/2"]', moment)
    if possible:
        loads(text)
        return
    with pytest.raises(ConjectureError, match="is impossible: on the support"):
        loads(text)
