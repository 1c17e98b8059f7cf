"""Parameter sweeps: local processes, the worst point, and a clear error without Dask."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from symmech.commands.cli import app
from symmech.conjecture import SweepError, check_file, load

ROOT = Path(__file__).resolve().parents[2] / "conjectures"
runner = CliRunner()


def test_sweep_points_grid_and_halton():
    conj = load(ROOT / "posted_price_mean_range.toml")
    pts = [p[conj.free_parameters[0]] for p in conj.sweep_points(4)]
    assert [str(p) for p in pts] == ["3/10", "9/10", "1/2", "7/10"]      # closed ends first, always


def test_sweep_reports_the_worst_point_in_parallel():
    rep = check_file(ROOT / "false_posted_price_mean_range.toml", sweep=3, workers=2, digits=30)
    (c,) = rep.claims
    assert c.status == "refuted" and rep.exit_code == 1
    # the violation (k/1000) is largest at the top of the range
    assert c.counterexample["parameters"] == {"k": "9/10"}
    assert "refuted at k = 9/10" in c.detail and "3 refuted" in c.detail


def test_sweep_true_claim_is_proved_for_the_range():
    rep = check_file(ROOT / "posted_price_mean_range.toml", sweep=3, workers=2, digits=30)
    (c,) = rep.claims
    assert c.status == "proved" and rep.exit_code == 0
    assert "every parameter value" in c.detail and "pointwise" in c.detail
    rep = check_file(ROOT / "posted_price_mean_range.toml", sweep=3, workers=2, digits=30, prove=False)
    assert rep.claims[0].status == "confirmed" and "not a proof" in rep.claims[0].detail


def test_missing_dask_gives_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    with pytest.raises(SweepError, match=r"pip install 'symmech\[dask\]'"):
        check_file(ROOT / "posted_price_mean_range.toml", sweep=2, dask_address="tcp://127.0.0.1:1")
    res = runner.invoke(app, ["check", str(ROOT / "posted_price_mean_range.toml"), "--sweep", "2",
                              "--dask", "tcp://127.0.0.1:1"])
    assert res.exit_code == 2
    assert "dask" in res.output.lower()


def test_json_shape():
    res = runner.invoke(app, ["check", str(ROOT / "posted_price_quarter.toml"), "--json", "--digits", "30"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["subject"].startswith("posted price 1/4")
    for c in data["claims"]:
        assert {"id", "status", "detail", "counterexample"} <= set(c)
