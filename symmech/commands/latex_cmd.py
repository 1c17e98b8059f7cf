"""``symmech latex NAME [-o FILE.tex] [--pdf] [--digits N]``: a derivation as a LaTeX document."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from symmech.reports.latex import LatexError, write_document
from . import load_targets


def register(app: typer.Typer) -> None:
    app.command(name="latex")(latex_command)


def latex_command(name: str = typer.Argument(..., help="derivation name"),
                  output: Optional[Path] = typer.Option(None, "-o", "--output",
                                                        help="the .tex file to write (default NAME.tex)"),
                  pdf: bool = typer.Option(False, "--pdf", help="also compile to the same path with .pdf"),
                  digits: int = typer.Option(50, "--digits", min=15, help="significant digits for mpmath checks"),
                  samples: int = typer.Option(9, "--samples", min=1, help="parameter sample points per claim"),
                  claim: Optional[list[str]] = typer.Option(None, "--claim", help="only these claim ids"),
                  figures: bool = typer.Option(True, "--figures/--no-figures",
                                               help="draw and include the derivation's figures (needs matplotlib)"),
                  ) -> None:
    """Verify a derivation and write it as a standalone LaTeX document (exit 1 if LaTeX fails)."""
    err = Console(stderr=True)
    deriv = load_targets(name, allow_all=False)[0]
    out = output or Path(f"{deriv.name}.tex")
    if out.suffix != ".tex":
        out = out.with_suffix(".tex")
    out.parent.mkdir(parents=True, exist_ok=True)
    with err.status(f"{deriv.name}: verifying") as status:
        def progress(c, v, _s=status):
            if v is None:
                _s.update(f"{deriv.name}: checking {c.id}")
        report = deriv.verify(digits=digits, samples=samples, progress=progress, only=claim)
    pictures = None
    if figures and deriv.figures:
        try:
            from symmech.reports.plots import PlotError, derivation_figures

            drawn = derivation_figures(deriv, out.parent / f"{out.stem}-figures")
            pictures = {cap: path.relative_to(out.parent) for cap, path in drawn.items()}
        except (ImportError, PlotError) as exc:
            err.print(f"[yellow]figures skipped:[/yellow] {exc}")
    try:
        tex, pdf_path = write_document(report, out, pdf=pdf, figures=pictures)
    except LatexError as exc:
        err.print(f"[red]LaTeX failed:[/red] {exc}\n{exc.log}")
        raise typer.Exit(1)
    typer.echo(str(tex))
    if pdf_path is not None:
        typer.echo(str(pdf_path))
