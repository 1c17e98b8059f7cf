"""Command line: ``symmech verify NAME|all [--json] [--digits N]``."""
from __future__ import annotations

import json
import sys
from typing import Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="symmech: prove, certify, confirm or refute claims of robust mechanism design.")


@app.callback()
def _root() -> None:
    """symmech command line."""


@app.command()
def verify(name: str = typer.Argument(..., help="derivation name, or 'all'"),
           as_json: bool = typer.Option(False, "--json", help="print JSON instead of a table"),
           digits: int = typer.Option(50, "--digits", min=15, help="significant digits for mpmath checks"),
           samples: int = typer.Option(9, "--samples", min=1, help="parameter sample points per claim"),
           claim: Optional[list[str]] = typer.Option(None, "--claim", help="check only these claim ids"),
           trust: bool = typer.Option(False, "--trust", help="print the trust report: every author hint a "
                                                              "verdict rests on, and whether it was checked")) -> None:
    """Check a bundled derivation (or all of them). Exit 0 iff every verdict agrees with its expectation."""
    from rich.console import Console

    from .commands import load_targets

    err = Console(stderr=True)
    targets = load_targets(name)
    reports = []
    for deriv in targets:
        with err.status(f"{deriv.name}: starting") as status:
            def progress(c, v, _s=status, _d=deriv.name):
                if v is None:
                    _s.update(f"{_d}: checking {c.id}")
            reports.append(deriv.verify(digits=digits, samples=samples, progress=progress, only=claim))
    if as_json:
        payload = [r.to_json() for r in reports] if name == "all" else reports[0].to_json()
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
    else:
        _print_tables(reports)
    if trust:
        _print_trust(reports, as_json)
    conflicts = [r for rep in reports for r in rep.conflicts]
    if conflicts:
        err.print(f"[bold red]SOUNDNESS CONFLICT in {len(conflicts)} claim(s): provers disagree. "
                  "This is a bug; please report it.[/bold red]")
        raise typer.Exit(3)
    raise typer.Exit(0 if all(r.ok for r in reports) else 1)


def _print_tables(reports) -> None:
    from rich.console import Console
    from rich.table import Table

    out = Console(width=200)
    colour = {"proved": "green", "certified": "green", "confirmed": "yellow", "refuted": "magenta",
              "undecided": "red"}
    for rep in reports:
        table = Table(title=f"{rep.derivation.name}: {rep.derivation.title}", show_lines=False)
        for col in ("claim", "source", "expect", "verdict", "ok", "detail"):
            table.add_column(col, overflow="fold", max_width=90 if col == "detail" else None)
        for cid, src, exp, st, ag, det in rep.rows():
            table.add_row(cid, src, exp, f"[{colour[st]}]{st}[/{colour[st]}]",
                          "[green]yes[/green]" if ag == "yes" else "[red]NO[/red]", det)
        out.print(table)
        counts = {}
        for r in rep.results:
            counts[r.verdict.status.value] = counts.get(r.verdict.status.value, 0) + 1
        summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
        out.print(f"{rep.derivation.name}: {len(rep.results)} claims ({summary}); "
                  f"{'all agree with expectations' if rep.ok else 'NOT all agree'}; "
                  f"{rep.seconds:.1f}s at {rep.digits} digits\n")


def _print_trust(reports, to_stderr: bool) -> None:
    """The trust report (to stderr when stdout carries JSON, whose claims hold it as ``trust``)."""
    from rich.console import Console
    from rich.markup import escape

    from . import trust

    out = Console(stderr=to_stderr)
    for rep in reports:
        lines = trust.lines(rep, everything=True)
        out.print(f"[bold]trust report: {escape(rep.derivation.name)}[/bold]"
                  + ("" if lines else " -- no author hints used"))
        for line in lines:
            out.print("  " + escape(line), soft_wrap=True)
    out.print(escape(trust.summary(reports)))


def _register_commands() -> None:
    import importlib

    from .commands import COMMANDS

    for name in COMMANDS:
        try:
            module = importlib.import_module(f"symmech.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"symmech.commands.{name}":
                continue  # command not installed in this version
            raise
        module.register(app)


_register_commands()


def main() -> None:
    """Entry point of the ``symmech`` script."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
