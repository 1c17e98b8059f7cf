"""``symmech examples``: the example files installed with the package are listed, copied (never over a file
without --force), refused with one line and exit 2 for a bad name, shipped as package data, kept equal to the
repository files they copy, and every one of them runs with the exit code the index promises."""
from __future__ import annotations

import fnmatch
import json
import re
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from symmech.commands.cli import app
from symmech.commands.examples_cmd import examples, examples_dir

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()
EXAMPLES = examples()
SLOW = {"ask_known_mean"}     # symmech solve takes about 15 s on it (the LP bracket of the max-min value)


def test_list_names_every_example_with_the_command_that_runs_it():
    res = runner.invoke(app, ["examples", "list", "--json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert [r["name"] for r in rows] == [ex.name for ex in EXAMPLES]
    assert {r["run"] for r in rows} >= {"symmech verify my_first.py", "symmech check posted_price_quarter.toml"}
    plain = runner.invoke(app, ["examples"])           # without a subcommand: the same list, as a table
    assert plain.exit_code == 0 and all(ex.name in plain.stdout for ex in EXAMPLES), plain.output


def test_copy_one_and_all(tmp_path):
    res = runner.invoke(app, ["examples", "copy", "my_first", str(tmp_path / "new" / "dir")])
    assert res.exit_code == 0, res.output
    copied = tmp_path / "new" / "dir" / "my_first.py"
    assert copied.read_bytes() == (examples_dir() / "my_first.py.txt").read_bytes()
    assert "symmech verify my_first.py" in res.stdout
    res = runner.invoke(app, ["examples", "copy", "all", str(tmp_path / "all")])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in (tmp_path / "all").iterdir()) == sorted(ex.target for ex in EXAMPLES)


def test_refuses_to_overwrite_without_force(tmp_path):
    assert runner.invoke(app, ["examples", "copy", "near_miss", str(tmp_path)]).exit_code == 0
    target = tmp_path / "false_posted_price_near_miss.toml"
    target.write_text("my edits\n")
    res = runner.invoke(app, ["examples", "copy", "all", str(tmp_path)])
    assert res.exit_code == 2
    assert "already exists" in res.stderr and "--force" in res.stderr and len(res.stderr.strip().splitlines()) == 1
    assert target.read_text() == "my edits\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]      # nothing else written either
    res = runner.invoke(app, ["examples", "copy", "near_miss", str(tmp_path), "--force"])
    assert res.exit_code == 0 and target.read_text() != "my edits\n"


@pytest.mark.parametrize("args", [["copy", "my_fist"], ["show", "my_fist"], ["copy", ""], ["show", "all"]])
def test_a_bad_name_is_one_line_and_exit_2(tmp_path, args):
    res = runner.invoke(app, ["examples", *args] + ([str(tmp_path / "d")] if args[0] == "copy" else []))
    assert res.exit_code == 2, res.output
    assert len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.output
    assert not (tmp_path / "d").exists()
    if args[1] == "my_fist":
        assert "did you mean my_first" in res.stderr


def test_copy_into_a_file_is_refused(tmp_path):
    f = tmp_path / "file"
    f.write_text("x")
    res = runner.invoke(app, ["examples", "copy", "my_first", str(f)])
    assert res.exit_code == 2 and "is a file" in res.stderr and f.read_text() == "x"


def test_show_prints_the_file():
    res = runner.invoke(app, ["examples", "show", "regret"])
    assert res.exit_code == 0 and res.stdout == (examples_dir() / "regret_bergemann_schlag.toml").read_text()


def test_index_and_directory_agree_and_are_package_data():
    """Every file in symmech/examples is in the index (and exists), and the wheel's package-data globs of
    pyproject.toml take every one of them (else a wheel install would lack them)."""
    here = Path(str(examples_dir()))
    files = sorted(p.name for p in here.iterdir() if p.is_file())
    assert files == sorted([ex.file for ex in EXAMPLES] + ["index.toml"])
    assert len({ex.name for ex in EXAMPLES}) == len(EXAMPLES) and len({ex.target for ex in EXAMPLES}) == len(EXAMPLES)
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["symmech"]
    missing = [f for f in files if not any(fnmatch.fnmatch(f"examples/{f}", g) for g in globs)]
    assert not missing, missing
    assert not any(f.endswith(".py") for f in files), "a .py file here would be imported as part of the package"


@pytest.mark.parametrize("ex", EXAMPLES, ids=[ex.name for ex in EXAMPLES])
def test_shipped_examples_equal_their_repository_originals(ex):
    origin = ROOT / ex.origin
    if ex.origin == "docs/tutorial.md":     # the derivation file of the tutorial's step 3
        blocks = re.findall(r"```python\n(.*?)```", origin.read_text(), flags=re.S)
        assert ex.data().decode() in blocks, "the template differs from the tutorial's derivation file"
    else:
        assert ex.data() == origin.read_bytes(), f"{ex.file} differs from {ex.origin}: copy the newer one over"


def _args(ex, path: Path) -> list[str]:
    extra = {"verify": ["--no-cache", "--jobs", "1", "--summary"]}.get(ex.command, [])
    return [*ex.command.split(), str(path), *extra]


@pytest.mark.parametrize("ex", [pytest.param(ex, id=ex.name, marks=[pytest.mark.slow] if ex.name in SLOW else [])
                                for ex in EXAMPLES])
def test_every_shipped_example_runs_and_agrees(tmp_path, ex):
    assert runner.invoke(app, ["examples", "copy", ex.name, str(tmp_path)]).exit_code == 0
    res = runner.invoke(app, _args(ex, tmp_path / ex.target))
    assert res.exit_code == ex.expect, (ex.run, res.output[-3000:])
    if ex.expect == 1:
        assert "refuted" in res.stdout
