"""The tutorial (docs/tutorial.md) works as written: its derivation file verifies, its first claims give the
verdicts it prints, and the perturbation it suggests is refuted."""
from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from symmech.commands.cli import app

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = (ROOT / "docs" / "tutorial.md").read_text()
BLOCKS = re.findall(r"```python\n(.*?)```", TUTORIAL, flags=re.S)
runner = CliRunner()


def test_the_first_claims_give_the_printed_verdicts(capsys):
    exec(compile(BLOCKS[0], "tutorial-step-2", "exec"), {})    # noqa: S102 - the docs' own code, not user input
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("proved") and out[1].startswith("refuted") and "counterexample: k = 1/2" in out[1]


def test_the_derivation_file_verifies_and_its_suggested_perturbation_is_refuted(tmp_path):
    path = tmp_path / "my_first.py"
    path.write_text(BLOCKS[1])
    args = ["verify", str(path), "--summary", "--no-cache", "--jobs", "1", "--digits", "30", "--samples", "3"]
    res = runner.invoke(app, args)
    assert res.exit_code == 0 and "6 claims (5 proved, 1 refuted); all agree" in res.stdout, res.output
    path.write_text(BLOCKS[1].replace("rhs=p * (1 - p)", "rhs=p * (1 - p) + sp.Rational(1, 100)"))
    res = runner.invoke(app, args)
    assert res.exit_code == 1 and "1 NOT agreeing" in res.stdout, res.output


def test_the_tutorial_copies_only_examples_that_ship():
    from symmech.commands.examples_cmd import examples

    names = {ex.name for ex in examples()} | {"all"}
    named = re.findall(r"symmech examples copy ([a-z_]+)\b", TUTORIAL)        # NAME: the placeholder
    assert named and set(named) <= names, set(named) - names


def test_the_derivation_file_draws_its_figures(tmp_path):
    import pytest

    pytest.importorskip("matplotlib", reason="plots need matplotlib (pip install 'symmech[plots]')")
    path = tmp_path / "my_first.py"
    path.write_text(BLOCKS[1])
    res = runner.invoke(app, ["plot", str(path), "-o", str(tmp_path / "figures"), "--dpi", "30"])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in (tmp_path / "figures").glob("*.png")) == ["my_first-mechanism.png",
                                                                            "my_first-revenue.png"]


def test_the_derivation_file_compiles_to_pdf_with_its_figures(tmp_path):
    """Step 5: `symmech latex my_first.py --pdf` (the model text is mathematics, the figures are included)."""
    import shutil

    import pytest

    if shutil.which("pdflatex") is None:
        pytest.skip("pdflatex not installed")
    pytest.importorskip("matplotlib", reason="plots need matplotlib (pip install 'symmech[plots]')")
    path = tmp_path / "my_first.py"
    path.write_text(BLOCKS[1])
    res = runner.invoke(app, ["latex", str(path), "-o", str(tmp_path / "my_first.tex"), "--pdf", "--no-cache",
                              "--jobs", "1", "--digits", "30", "--samples", "3"])
    assert res.exit_code == 0, res.output[-3000:]
    assert (tmp_path / "my_first.pdf").exists()
    assert (tmp_path / "my_first.tex").read_text().count(r"\includegraphics") == 2
