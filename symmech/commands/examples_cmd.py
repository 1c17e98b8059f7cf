"""``symmech examples [list|show|copy]``: the example conjecture files and the derivation template installed with
the package (``symmech/examples/``, package data), so that a user who installed a wheel can start from them.

``symmech examples`` (or ``examples list``) lists them with the command that runs each; ``examples show NAME``
prints one; ``examples copy NAME|all DIR [--force]`` copies into ``DIR`` (created if missing) and refuses to
overwrite a file without ``--force``.  A bad name or an existing file is one line on stderr and exit code 2, with
nothing written; a write that fails is exit code 5.
"""
from __future__ import annotations

import json
import tomllib
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from symmech.engine.exit_codes import ExitCode
from symmech.engine.registry import suggest
from . import _console

app = typer.Typer(add_completion=False, invoke_without_command=True,
                  help="Example conjecture files and a derivation template to start from (installed with symmech).")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="examples")


@dataclass(frozen=True)
class Example:
    """One shipped example (a row of ``symmech/examples/index.toml``)."""

    name: str
    file: str
    target: str
    command: str
    expect: int
    origin: str
    about: str

    @property
    def run(self) -> str:
        """The command line that runs the copied example."""
        return f"symmech {self.command} {self.target}"

    def data(self) -> bytes:
        return (examples_dir() / self.file).read_bytes()


def examples_dir():
    """The directory of the shipped examples (a Traversable: a real directory in a clone or an installed wheel)."""
    return resources.files("symmech") / "examples"


def examples() -> list[Example]:
    """The shipped examples, in the order of the index."""
    data = tomllib.loads((examples_dir() / "index.toml").read_text(encoding="utf-8"))
    return [Example(**row) for row in data["example"]]


def _fail(message: str, code: ExitCode = ExitCode.INVALID) -> typer.Exit:
    Console(stderr=True, highlight=False).print(f"[red]error:[/red] {escape(message)}", soft_wrap=True)
    return typer.Exit(code)


def _select(name: str) -> list[Example]:
    known = examples()
    if name == "all":
        return known
    for ex in known:
        if ex.name == name:
            return [ex]
    names = [ex.name for ex in known]
    raise _fail(f"unknown example {name!r}{suggest(name, names)} (`symmech examples list` shows them: "
                f"{', '.join(names)})")


@app.callback()
def _default(ctx: typer.Context) -> None:
    """Example conjecture files and a derivation template to start from; without a subcommand: the list."""
    if ctx.invoked_subcommand is None:
        list_command(as_json=False)


@app.command("list")
def list_command(as_json: bool = typer.Option(False, "--json", help="print JSON")) -> None:
    """The shipped examples: name, the file a copy gets, the command that runs it, what it shows."""
    rows = examples()
    if as_json:
        typer.echo(json.dumps([{**asdict(ex), "run": ex.run} for ex in rows], indent=2))
        return
    table = Table(title=f"{len(rows)} examples (copy one with: symmech examples copy NAME DIR)")
    for col in ("name", "run it with", "what it shows"):
        table.add_column(col, overflow="fold")
    for ex in rows:
        table.add_row(escape(ex.name), escape(ex.run), escape(ex.about))
    _console().print(table)


@app.command("show")
def show_command(name: str = typer.Argument(..., help="the example's name (symmech examples list)")) -> None:
    """Print one example's file."""
    chosen = _select(name)
    if len(chosen) != 1:
        raise _fail("show prints one example: give its name, not 'all'")
    typer.echo(chosen[0].data().decode("utf-8"), nl=False)


@app.command("copy")
def copy_command(name: str = typer.Argument(..., help="the example's name, or 'all'"),
                 directory: Path = typer.Argument(..., help="where to put it (created if missing)"),
                 force: bool = typer.Option(False, "--force", help="overwrite files that exist")) -> None:
    """Copy an example (or all of them) into DIRECTORY, under the name the list shows."""
    chosen = _select(name)
    if directory.exists() and not directory.is_dir():
        raise _fail(f"{directory} is a file; give a directory to copy into")
    targets = [(ex, directory / ex.target) for ex in chosen]
    clash = [str(path) for _ex, path in targets if path.exists()]
    if clash and not force:
        raise _fail(f"{', '.join(clash)} already exist{'s' if len(clash) == 1 else ''}; nothing copied "
                    "(--force overwrites)")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for ex, path in targets:
            path.write_bytes(ex.data())
    except OSError as exc:
        raise _fail(f"cannot write into {directory}: {exc.strerror or exc}", ExitCode.OUTPUT_FAILED)
    here = directory.resolve() == Path.cwd().resolve()
    for ex, path in targets:
        typer.echo(f"{path}    (run: {'' if here else f'cd {directory} && '}{ex.run})")
