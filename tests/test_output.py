"""verify's output: bracketed text survives Rich markup, points print as k = 1/2, tables fit the width,
non-terminal runs print one plain progress line per derivation."""
import json

import sympy as sp
from rich.console import Console

from symmech.commands.cli import _print_tables
from symmech.engine.derivation import ClaimResult, Report, readable
from symmech.kernel.verdict import Status, Verdict

from _small_derivation import build


def _report(detail, witness=None):
    d = build()
    v = Verdict(Status.REFUTED, "mpmath", detail, witness=witness)
    return Report(d, [ClaimResult(d.claims[3], v, 0.1)], 0.1, 20)


def test_bracketed_text_survives_rich_markup():
    out = Console(record=True, width=200)
    _print_tables([_report("root in [kt, 1] and [bold]x[/bold]", {"k": "1/2"})], out)
    text = out.export_text()
    assert "[kt, 1]" in text and "[bold]x[/bold]" in text
    assert "k = 1/2" in text and "{'k'" not in text


def test_tables_use_the_given_width():
    out = Console(record=True, width=70)
    _print_tables([_report("x" * 300)], out)
    assert max(len(line) for line in out.export_text().splitlines()) <= 70


def test_points_are_printed_as_equations():
    assert readable("at {k: 1/2}") == "at k = 1/2"
    assert readable("points {'k': '1/2', 't': '3'}") == "points (k = 1/2, t = 3)"
    assert readable(r"the set \{1, 2\} and {1, 2}") == r"the set \{1, 2\} and {1, 2}"   # not points: unchanged


def test_plain_progress_line_per_derivation(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from symmech.commands.cli import app

    monkeypatch.setenv("SYMMECH_CACHE_DIR", str(tmp_path))
    res = CliRunner().invoke(app, ["verify", "one_moment", "--json", "--digits", "20", "--samples", "3",
                                   "--claim", "foc_as_printed", "--jobs", "1"])
    assert res.exit_code == 0
    # the pinned expected failure foc_as_printed comes with its corrected twin foc_at_ktilde
    statuses = {c["id"]: c["status"] for c in json.loads(res.stdout)["claims"]}
    assert statuses == {"foc_as_printed": "refuted", "foc_at_ktilde": "proved"}
    lines = [line for line in res.stderr.splitlines() if line.startswith("one_moment:")]
    assert len(lines) == 1 and " s" in lines[0]
