"""Command line: ``symmech verify NAME|all [--json] [--digits N]``."""
from __future__ import annotations

import importlib
import json
import sys
import time
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from symmech.reports import trust
from symmech.engine.cache import VerdictCache
from symmech.commands import COMMANDS, _console, _load_or_reuse, _stream, load_targets  # noqa: F401 - shared with the commands
from symmech.engine.parallel import Executor, ExecutorError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="symmech: prove, certify, confirm or refute claims of robust mechanism design.")


@app.callback()
def _root() -> None:
    """symmech command line."""


@app.command()
def verify(name: str = typer.Argument(..., help="derivation name, or 'all'"),
           as_json: bool = typer.Option(False, "--json", help="print JSON instead of a table (for 'all': a JSON "
                                                              "array, one derivation per line, streamed)"),
           digits: int = typer.Option(50, "--digits", min=15, help="significant digits for mpmath checks"),
           samples: int = typer.Option(9, "--samples", min=1, help="parameter sample points per claim"),
           claim: Optional[list[str]] = typer.Option(None, "--claim", help="check only these claim ids"),
           trust: bool = typer.Option(False, "--trust", help="print the trust report: every author hint a "
                                                              "verdict rests on, and whether it was checked"),
           jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1,
                                              help="local processes checking claims (default: all cores)"),
           dask: Optional[str] = typer.Option(None, "--dask", help="check claims on the Dask scheduler at this "
                                                                  "address (tcp://host:port) instead"),
           no_cache: bool = typer.Option(False, "--no-cache", help="check every claim afresh (the verdict "
                                                                   "cache is neither read nor written)")) -> None:
    """Check a bundled derivation (or all of them). Exit 0 iff every verdict agrees with its expectation.

    Verdicts of unchanged claims come from the verdict cache (.symmech_cache/ or $SYMMECH_CACHE_DIR).
    """
    err = Console(stderr=True, highlight=False)
    live = err.is_terminal
    cache = None if no_cache else VerdictCache()
    targets = _load_or_reuse(name, cache, digits, samples, claim)
    executor = Executor(jobs, dask)
    out = _console()
    reports = []
    started = time.perf_counter()
    status = err.status("checking ...") if live else None
    if status is not None:
        status.start()

    def progress(deriv, c, v) -> None:
        if status is not None:
            status.update(escape(f"{deriv.name}: {'checking' if v is None else 'checked'} {c.id}"))

    many = name == "all"
    try:
        if as_json and many:
            sys.stdout.write("[\n")
        for rep in _stream(targets, digits=digits, samples=samples, only=claim, cache=cache,
                           executor=executor, progress=progress):
            reports.append(rep)
            cached = sum(r.cached for r in rep.results)
            line = (f"{rep.derivation.name}: {len(rep.results)} claims, "
                    f"{'ok' if rep.ok else 'NOT all agree'}, {rep.seconds:.1f} s"
                    + (f" ({cached} from cache)" if cached else "")
                    + f"; {time.perf_counter() - started:.1f} s elapsed")
            if status is not None:
                status.stop()
            if as_json:
                text = json.dumps(rep.to_json(), separators=(",", ":")) if many else \
                    json.dumps(rep.to_json(), indent=2)
                last = len(reports) == len(targets)
                sys.stdout.write(text + ("" if not many or last else ",") + "\n")
                sys.stdout.flush()
            else:
                _print_tables([rep], out)
            if not live or as_json:
                err.print(escape(line), soft_wrap=True)
            if status is not None and len(reports) < len(targets):
                status.start()
        if as_json and many:
            sys.stdout.write("]\n")
    except ExecutorError as exc:
        if status is not None:
            status.stop()
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2)
    finally:
        if status is not None:
            status.stop()
    if trust:
        _print_trust(reports, as_json)
    conflicts = [r for rep in reports for r in rep.conflicts]
    if conflicts:
        err.print(f"[bold red]SOUNDNESS CONFLICT in {len(conflicts)} claim(s): provers disagree. "
                  "This is a bug; please report it.[/bold red]")
        raise typer.Exit(3)
    raise typer.Exit(0 if all(r.ok for r in reports) else 1)


def _print_tables(reports, out=None) -> None:
    out = out or _console()
    colour = {"proved": "green", "certified": "green", "confirmed": "yellow", "refuted": "magenta",
              "undecided": "red"}
    for rep in reports:
        table = Table(title=escape(f"{rep.derivation.name}: {rep.derivation.title}"), show_lines=False)
        for col in ("claim", "source", "expect", "verdict", "ok", "detail"):
            table.add_column(col, overflow="fold", ratio=3 if col == "detail" else None)
        for cid, src, exp, st, ag, det in rep.rows():
            table.add_row(escape(cid), escape(src), exp, f"[{colour[st]}]{st}[/{colour[st]}]",
                          "[green]yes[/green]" if ag == "yes" else "[red]NO[/red]", escape(det))
        out.print(table)
        counts = {}
        for r in rep.results:
            counts[r.verdict.status.value] = counts.get(r.verdict.status.value, 0) + 1
        summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
        cached = sum(r.cached for r in rep.results)
        out.print(escape(f"{rep.derivation.name}: {len(rep.results)} claims ({summary}); "
                         f"{'all agree with expectations' if rep.ok else 'NOT all agree'}; "
                         f"{rep.seconds:.1f}s at {rep.digits} digits"
                         + (f" ({cached} verdicts from the cache)" if cached else "")) + "\n")


def _print_trust(reports, to_stderr: bool) -> None:
    """The trust report (to stderr when stdout carries JSON, whose claims hold it as ``trust``)."""
    out = Console(stderr=to_stderr)
    for rep in reports:
        lines = trust.lines(rep, everything=True)
        out.print(f"[bold]trust report: {escape(rep.derivation.name)}[/bold]"
                  + ("" if lines else " -- no author hints used"))
        for line in lines:
            out.print("  " + escape(line), soft_wrap=True)
    out.print(escape(trust.summary(reports)))


def _register_commands() -> None:
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
