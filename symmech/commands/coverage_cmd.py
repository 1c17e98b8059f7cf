"""``symmech coverage [PAPER ...] [--report FILE] [--markdown | --json]``: which numbered results and errata
of a paper the bundled claims check, with their verdicts."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from symmech.engine.cache import VerdictCache
from symmech.engine.exit_codes import ExitCode
from symmech.engine.records import envelope
from symmech.reports.papers import PaperError, coverage, get, markdown
from symmech.reports.papers import papers as all_papers
from symmech.reports.papers.coverage import records_from_json, records_from_reports, summary, to_json, verdict_list
from symmech.engine.parallel import Executor
from . import _console, _load_or_reuse, _stream


def register(app: typer.Typer) -> None:
    app.command(name="coverage")(coverage_command)


def coverage_command(papers: Optional[list[str]] = typer.Argument(None, help="paper keys (default: all)"),
                     report: Optional[Path] = typer.Option(None, "--report", help="read verdicts from the JSON "
                                                           "of 'symmech verify all --json' instead of verifying"),
                     as_markdown: bool = typer.Option(False, "--markdown", help="print Markdown tables"),
                     as_json: bool = typer.Option(False, "--json", help="print JSON"),
                     jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1,
                                                        help="local processes checking claims (default: all cores)"),
                     ) -> None:
    """Item and errata tables of each paper. Exit 0 iff every item is checked by agreeing claims and every
    erratum is flagged, settled or explained.

    Without --report the bundled derivations are verified (verdicts of unchanged claims come from the
    verdict cache, so a warm run takes about a second)."""
    err = Console(stderr=True, highlight=False)
    try:
        chosen = [get(k) for k in papers] if papers else list(all_papers().values())
        if report is not None:
            try:
                data = json.loads(report.read_text())
            except (OSError, ValueError) as exc:
                raise PaperError(f"cannot read {report}: {exc}") from None
            records = records_from_json(data if isinstance(data, list) else [data])
        else:
            records = records_from_reports(_verify_all(jobs, err))
    except PaperError as exc:
        if as_json:
            sys.stdout.write(json.dumps(envelope("coverage", None, ok=False, exit_code=ExitCode.INVALID,
                                                 error=str(exc))) + "\n")
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(ExitCode.INVALID)
    results = [coverage(p, records) for p in chosen]
    code = ExitCode.OK if all(c.complete for c in results) else ExitCode.FALLS_SHORT
    if as_json:
        record = envelope("coverage", ",".join(p.key for p in chosen), ok=code == ExitCode.OK, exit_code=code,
                          extra={"coverage": [to_json(c) for c in results]})
        sys.stdout.write(json.dumps(record, indent=2) + "\n")
    elif as_markdown:
        sys.stdout.write("\n".join(markdown(c) for c in results))
    else:
        _print(results)
    raise typer.Exit(code)


def _verify_all(jobs, err) -> list:
    """Reports of every bundled derivation, through the verdict cache, with progress on stderr."""
    cache = VerdictCache()
    targets = _load_or_reuse("all", cache, 50, 9, None)
    reports = []
    for rep in _stream(targets, digits=50, samples=9, only=None, cache=cache, executor=Executor(jobs, None),
                       progress=None):
        reports.append(rep)
        err.print(escape(f"verified {rep.derivation.name} ({len(reports)}/{len(targets)})"), soft_wrap=True)
    return reports


def _print(results) -> None:
    out = _console()
    colour = {"checked": "green", "flagged": "green", "settled": "green", "not a claim": "yellow",
              "missing": "red", "DISAGREES": "red", "DANGLING": "red"}
    for cov in results:
        table = Table(title=escape(cov.paper.citation))
        for col in ("item", "states", "claims (verdict)", "state"):
            table.add_column(col, overflow="fold", ratio=3 if col != "item" and col != "state" else None)
        for r in cov.items:
            table.add_row(escape(r.label), escape(r.summary), escape(verdict_list(r.claims, 6)),
                          f"[{colour[r.state]}]{r.state}[/{colour[r.state]}]")
        out.print(table)
        errata = Table(title=escape(f"errata: {cov.paper.citation}"))
        for col in ("erratum", "where", "what", "claims or why none", "state"):
            errata.add_column(col, overflow="fold")
        for e in cov.errata:
            why = verdict_list(e.claims) or e.disposition
            errata.add_row(escape(e.label), escape(e.where), escape(e.summary), escape(why),
                           f"[{colour[e.state]}]{e.state}[/{colour[e.state]}]")
        out.print(errata)
        for label, rec in cov.unknown:
            out.print(escape(f"unknown item {label} cited by {rec.ref} ({rec.source})"), soft_wrap=True)
        out.print(escape(f"{cov.paper.key}: {summary(cov)}; {'complete' if cov.complete else 'NOT complete'}") + "\n")
