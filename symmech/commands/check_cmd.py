"""``symmech check FILE.toml [--json] [--digits N] [--sweep N] [--dask ADDRESS]``: verdicts on a conjecture file."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape

from symmech.reports.latex import LatexError
from symmech.engine.exit_codes import ExitCode
from symmech.engine.records import envelope
from . import _console, exit_at_memory_cap


def register(app: typer.Typer) -> None:
    app.command(name="check")(check_command)


def check_command(file: Path = typer.Argument(..., help="conjecture file (TOML)"),
                  as_json: bool = typer.Option(False, "--json", help="print JSON instead of a table"),
                  digits: int = typer.Option(50, "--digits", min=30, max=500,
                                             help="significant digits for the mpmath checks"),
                  sweep: Optional[int] = typer.Option(None, "--sweep", min=1,
                                                      help="evaluate at N parameter points and report the worst"),
                  dask: Optional[str] = typer.Option(None, "--dask",
                                                     help="Dask scheduler address (tcp://host:port) for the sweep"),
                  workers: Optional[int] = typer.Option(None, "--workers", min=1,
                                                        help="local processes for the parameter points and the proof claims (default: all cores)"),
                  latex: Optional[Path] = typer.Option(None, "--latex", help="write the checked conjecture as a "
                                                       "LaTeX document (OUT.tex)"),
                  pdf: bool = typer.Option(False, "--pdf", help="with --latex: also compile it with pdflatex"),
                  pointwise: bool = typer.Option(False, "--pointwise", help="skip the whole-range proofs "
                                                 "(verdicts from the parameter points only)"),
                  memory_mb: int = typer.Option(6144, "--memory-mb", min=0,
                                                help="cap the process's address space (MiB; 0 = no cap)"),
                  ) -> None:
    """Check a conjecture: exit 0 if every claim holds, 1 if one is refuted, 2 for an invalid file, 4 if one is
    undecided (docs/cli.md)."""
    from ..conjecture import (  # lazy: the module it imports loads heavy optional libraries (kept out of `import symmech`)
        ConjectureError,
        SweepError,
        check_file,
        load,
    )

    err = Console(stderr=True)
    from ..conjecture.limits import (
        limit_memory,  # lazy: the module it imports loads heavy optional libraries (kept out of `import symmech`)
    )

    limit_memory(memory_mb)
    try:
        with exit_at_memory_cap(memory_mb, keep=(ConjectureError, SweepError)):
            if latex is not None and not hasattr(load(file), "support"):
                raise ConjectureError("--latex is not supported for several-bidder or several-goods files yet "
                                      "(use --json)")
            report = check_file(file, digits=digits, sweep=sweep, dask_address=dask, workers=workers,
                                console=None if as_json and not sys.stderr.isatty() else err, prove=not pointwise)
            for note in getattr(report.conjecture, "warnings", []):
                err.print(f"[yellow]warning:[/yellow] {escape(note)}", highlight=False, soft_wrap=True)
    except ConjectureError as exc:
        if as_json:
            sys.stdout.write(json.dumps(envelope("check", str(file), ok=False, exit_code=ExitCode.INVALID,
                                                 error=str(exc)), indent=2) + "\n")
        err.print(f"[red]invalid conjecture:[/red] {escape(str(exc))}", markup=True, highlight=False)
        raise typer.Exit(2)
    except SweepError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(2)
    if as_json:
        sys.stdout.write(json.dumps(report.to_json(), indent=2) + "\n")
    else:
        report.print(_console())
    if latex is not None:
        from ..conjecture.writeup import (
            write_conjecture,  # lazy: the module it imports loads heavy optional libraries (kept out of `import symmech`)
        )

        try:
            tex, pdf_path = write_conjecture(report, latex, pdf=pdf)
        except LatexError as exc:
            err.print(f"[red]LaTeX failed:[/red] {escape(str(exc))}\n{escape(exc.log)}", highlight=False)
            raise typer.Exit(ExitCode.OUTPUT_FAILED)
        err.print(escape(f"wrote {tex}" + (f" and {pdf_path}" if pdf_path else "")), highlight=False)
    raise typer.Exit(report.exit_code)
