"""``symmech plot NAME -o DIR [--at k=1/2]``: PNG figures of a derivation's model objects."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import sympy as sp
import typer
from rich.console import Console

from symmech.reports.plots import PlotError, derivation_figures
from symmech.engine.exit_codes import ExitCode
from . import load_targets


def register(app: typer.Typer) -> None:
    app.command(name="plot")(plot_command)


def plot_command(name: str = typer.Argument(..., help="derivation name"),
                 outdir: Path = typer.Option(Path("."), "-o", "--output", help="directory for the PNG files"),
                 at: Optional[list[str]] = typer.Option(None, "--at",
                                                        help="parameter value, e.g. k=1/2 (default: the "
                                                             "derivation's figures['point'])"),
                 dpi: int = typer.Option(130, "--dpi", min=30)) -> None:
    """Draw allocation/payment, price and worst-case distributions and the revenue curve."""
    err = Console(stderr=True)
    if outdir.exists() and not outdir.is_dir():
        err.print(f"[red]error:[/red] -o {outdir}: a file of that name exists; -o names a directory for the figures")
        raise typer.Exit(ExitCode.INVALID)
    deriv = load_targets(name, allow_all=False)[0]
    point = None
    if at:
        params = {str(p): p for p in deriv.scope.parameters}
        point = {}
        for item in at:
            key, _, value = item.partition("=")
            if key.strip() not in params or not value:
                err.print(f"[red]error:[/red] --at {item!r}: expected NAME=VALUE with NAME one of "
                          f"{', '.join(sorted(params))}")
                raise typer.Exit(2)
            try:
                point[params[key.strip()]] = sp.Rational(value.strip())
            except (TypeError, ValueError) as exc:
                err.print(f"[red]error:[/red] --at {item!r}: {value.strip()!r} is not an exact number "
                          f"(write 1/2 or 0.5): {exc}")
                raise typer.Exit(ExitCode.INVALID)
    if not deriv.figures:
        err.print(f"[yellow]{deriv.name} declares no figures[/yellow]")
        raise typer.Exit(0)
    try:
        paths = derivation_figures(deriv, outdir, point=point, dpi=dpi)
    except (ImportError, PlotError, OSError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(ExitCode.OUTPUT_FAILED)
    for path in paths.values():
        typer.echo(str(path))
