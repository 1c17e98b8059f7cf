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
from symmech.commands import COMMANDS, _console, _load_or_reuse, _stream, check_claim_ids, load_targets  # noqa: F401 - shared with the commands
from symmech.engine.exit_codes import ExitCode, for_verdicts
from symmech.engine.records import version
from symmech.engine.parallel import Executor, ExecutorError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="symmech: prove, certify, confirm or refute claims of robust mechanism design.")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"symmech {version()}")
        raise typer.Exit(0)


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="print the version and exit")) -> None:
    """symmech command line."""


@app.command("list")
def list_command(as_json: bool = typer.Option(False, "--json", help="print JSON")) -> None:
    """The derivations: the bundled ones and those installed packages register; name, claims and title."""
    from symmech.engine import registry

    rows = []
    err = Console(stderr=True, highlight=False)
    status = err.status("loading derivations ...") if err.is_terminal else None
    if status is not None:
        status.start()
    try:
        for origin, group in (("bundled", registry.names()), ("registered", registry.registered())):
            for n in group:
                if status is not None:
                    status.update(escape(f"loading {n}"))
                try:
                    d = registry.load(n)
                except registry.UnknownDerivation as exc:
                    err.print(f"[yellow]skipped:[/yellow] {escape(exc.args[0])}", soft_wrap=True)
                    continue
                rows.append({"name": n, "claims": len(d.claims), "title": d.title, "origin": origin})
    finally:
        if status is not None:
            status.stop()
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    table = Table(title=f"{len(rows)} derivations ({sum(r['claims'] for r in rows)} claims)")
    for col in ("name", "claims", "title", "origin"):
        table.add_column(col, overflow="fold", justify="right" if col == "claims" else "left")
    for r in rows:
        table.add_row(escape(r["name"]), str(r["claims"]), escape(r["title"]), r["origin"])
    _console().print(table)


@app.command()
def verify(name: str = typer.Argument(..., help="derivation name, 'all', or the path of a Python file that "
                                                 "defines DERIVATION"),
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
                                                                   "cache is neither read nor written)"),
           summary: bool = typer.Option(False, "--summary", help="one line per derivation and a total, no "
                                                                 "tables")) -> None:
    """Check a bundled derivation (or all of them). Exit 0 iff every verdict agrees with its expectation
    (exit codes: docs/cli.md).

    Verdicts of unchanged claims come from the verdict cache (.symmech_cache/ or $SYMMECH_CACHE_DIR).
    """
    err = Console(stderr=True, highlight=False)
    live = err.is_terminal
    cache = None if no_cache else VerdictCache()
    targets = _load_or_reuse(name, cache, digits, samples, claim)
    check_claim_ids(targets, claim)
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
            elif summary:
                out.print(escape(_summary_line(rep)), soft_wrap=True)
            else:
                _print_tables([rep], out)
            if (not live or as_json) and not summary:
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
    if summary and not as_json:
        out.print(escape(_total_line(reports, time.perf_counter() - started)), soft_wrap=True)
    if trust:
        _print_trust(reports, as_json)
    conflicts = [r for rep in reports for r in rep.conflicts]
    if conflicts:
        err.print(f"[bold red]SOUNDNESS CONFLICT in {len(conflicts)} claim(s): provers disagree. "
                  "This is a bug; please report it.[/bold red]")
        raise typer.Exit(ExitCode.CONFLICT)
    results = [r for rep in reports for r in rep.results]
    raise typer.Exit(for_verdicts([r.verdict.status.value for r in results], agree=[r.agrees for r in results]))


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


_ORDER = ("proved", "certified", "confirmed", "refuted", "undecided")


def _counts(results) -> str:
    counts = {s: 0 for s in _ORDER}
    for r in results:
        counts[r.verdict.status.value] += 1
    return ", ".join(f"{n} {s}" for s, n in counts.items() if n)


def _summary_line(rep) -> str:
    """One line: name, claims by verdict, whether all agree, time."""
    bad = sum(not r.agrees for r in rep.results)
    cached = sum(r.cached for r in rep.results)
    return (f"{rep.derivation.name}: {len(rep.results)} claims ({_counts(rep.results)}); "
            + ("all agree" if rep.ok else f"{bad} NOT agreeing") + f"; {rep.seconds:.1f} s of checking"
            + (f", {cached} from the cache" if cached else ""))


def _total_line(reports, seconds: float) -> str:
    results = [r for rep in reports for r in rep.results]
    bad = sum(not r.agrees for r in results)
    return (f"total: {len(reports)} derivation(s), {len(results)} claims ({_counts(results)}); "
            + ("every verdict agrees with its expectation" if not bad else f"{bad} NOT agreeing")
            + f"; {seconds:.1f} s elapsed")


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
    for name in (*COMMANDS, "examples_cmd"):
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
