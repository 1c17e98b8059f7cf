"""``symmech latex NAME [-o FILE.tex] [--pdf] [--digits N] [--jobs N] [--no-cache]``: a derivation as a LaTeX
document.

Verdicts come from the verdict cache as for ``symmech verify`` (a whole stored report when neither the
derivation nor the provers changed, else the stored verdicts of unchanged claims), and the claims still
to check are checked on ``--jobs`` local processes (default: all cores) or a Dask scheduler.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape

from symmech.engine import cache as _cache
from symmech.engine.derivation import Report
from symmech.engine.parallel import Executor, ExecutorError
from symmech.reports.latex_document import LatexError, write_document
from . import _stream, load_targets


def register(app: typer.Typer) -> None:
    app.command(name="latex")(latex_command)


def report_for(deriv, *, digits: int, samples: int, only=None, cache=None, executor=None, progress=None) -> Report:
    """The report of ``deriv`` (the derivation itself, so the document can print its claims' working): from a
    whole report stored in ``cache`` when there is one, else checked (stored verdicts of unchanged claims
    reused, the rest on ``executor``) and stored."""
    if cache is not None:
        stored = _cache.get_report(cache, deriv.name, digits, samples, only)
        if stored is not None:
            by_id = {c.id: c for c in deriv.claims}
            if all(r.claim.id in by_id for r in stored.results):
                results = [dataclasses.replace(r, claim=by_id[r.claim.id], twin=None) for r in stored.results]
                rep = Report(deriv, results, stored.extra.get("cold_seconds", 0.0), stored.digits)
                rep.extra["from_cache"] = True
                return rep
    hook = None if progress is None else (lambda _d, c, v: progress(c, v))
    return next(_stream([deriv], digits=digits, samples=samples, only=only, cache=cache, executor=executor,
                        progress=hook))


def latex_command(name: str = typer.Argument(..., help="derivation name"),
                  output: Optional[Path] = typer.Option(None, "-o", "--output",
                                                        help="the .tex file to write (default NAME.tex)"),
                  pdf: bool = typer.Option(False, "--pdf", help="also compile to the same path with .pdf"),
                  digits: int = typer.Option(50, "--digits", min=15, help="significant digits for mpmath checks"),
                  samples: int = typer.Option(9, "--samples", min=1, help="parameter sample points per claim"),
                  claim: Optional[list[str]] = typer.Option(None, "--claim", help="only these claim ids"),
                  figures: bool = typer.Option(True, "--figures/--no-figures",
                                               help="draw and include the derivation's figures (needs matplotlib)"),
                  jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1,
                                                     help="local processes checking claims (default: all cores)"),
                  dask: Optional[str] = typer.Option(None, "--dask", help="check claims on the Dask scheduler at "
                                                                         "this address (tcp://host:port) instead"),
                  no_cache: bool = typer.Option(False, "--no-cache", help="check every claim afresh (the verdict "
                                                                          "cache is neither read nor written)"),
                  ) -> None:
    """Verify a derivation and write it as a standalone LaTeX document (exit 1 if LaTeX fails).

    Verdicts of unchanged claims come from the verdict cache (.symmech_cache/ or $SYMMECH_CACHE_DIR).
    """
    err = Console(stderr=True, highlight=False)
    deriv = load_targets(name, allow_all=False)[0]
    out = output or Path(f"{deriv.name}.tex")
    if out.suffix != ".tex":
        out = out.with_suffix(".tex")
    out.parent.mkdir(parents=True, exist_ok=True)
    cache = None if no_cache else _cache.VerdictCache()
    try:
        with err.status(escape(f"{deriv.name}: verifying")) as status:
            def progress(c, v, _s=status):
                if v is None:
                    _s.update(escape(f"{deriv.name}: checking {c.id}"))
            report = report_for(deriv, digits=digits, samples=samples, only=claim, cache=cache,
                                executor=Executor(jobs, dask), progress=progress)
    except ExecutorError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2)
    pictures = None
    if figures and deriv.figures:
        try:
            from symmech.reports.plots import PlotError, derivation_figures

            drawn = derivation_figures(deriv, out.parent / f"{out.stem}-figures")
            pictures = {cap: path.relative_to(out.parent) for cap, path in drawn.items()}
        except (ImportError, PlotError) as exc:
            err.print(f"[yellow]figures skipped:[/yellow] {escape(str(exc))}")
    try:
        tex, pdf_path = write_document(report, out, pdf=pdf, figures=pictures)
    except LatexError as exc:
        err.print(f"[red]LaTeX failed:[/red] {escape(str(exc))}\n{escape(exc.log)}")
        raise typer.Exit(1)
    typer.echo(str(tex))
    if pdf_path is not None:
        typer.echo(str(pdf_path))
