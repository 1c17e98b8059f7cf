"""Sub-commands of the ``symmech`` command line, one module each.

Each module defines ``register(app: typer.Typer) -> None``; ``symmech.commands.cli``
registers every module listed in ``COMMANDS`` that is present.
"""
import contextlib
import os
import sys

import typer
from rich.console import Console
from rich.markup import escape

from symmech.engine import cache as _cache
from symmech.engine import registry
from symmech.engine.derivation import Report
from symmech.engine.runner import verify_many

COMMANDS = ("latex_cmd", "plot_cmd", "check_cmd", "mutate_cmd", "solve_cmd", "bundling_cmd", "coverage_cmd")


def load_targets(name: str, *, allow_all: bool = True) -> list:
    """The derivations a command acts on (``all`` = every bundled one; a path = the user's file); exit code 2
    for an unknown name or a file that does not run."""
    try:
        return registry.load_all() if (allow_all and name == "all") else [registry.load(name)]
    except registry.UnknownDerivation as exc:
        Console(stderr=True, highlight=False).print(f"[red]error:[/red] {escape(exc.args[0])}", soft_wrap=True)
        raise typer.Exit(2)


def check_claim_ids(targets: list, wanted) -> None:
    """Exit 2 (with suggestions) when a ``--claim`` id is not a claim of any target."""
    if not wanted:
        return
    known = sorted({c.id for t in targets for c in (t.derivation.claims if isinstance(t, Report) else t.claims)})
    unknown = [w for w in wanted if w not in known]
    if unknown:
        hints = "".join(f"\n  {w!r}{registry.suggest(w, known) or ': no close claim id'}" for w in unknown)
        Console(stderr=True, highlight=False).print(f"[red]error:[/red] unknown claim id(s):{escape(hints)}",
                                                    soft_wrap=True)
        raise typer.Exit(2)


@contextlib.contextmanager
def exit_at_memory_cap(mb: int, keep: tuple = ()):
    """Within this block, running into the ``--memory-mb`` cap ends the command: one line on stderr, exit code 2.

    That is a ``MemoryError``, or any other error raised once the address space peaked near the cap (out of
    memory in disguise, :func:`symmech.conjecture.limits.near_cap`); errors of the types in ``keep`` go to the
    caller's own handlers, and far from the cap a real error is re-raised."""
    from ..conjecture.limits import (  # lazy: the module it imports loads heavy optional libraries (kept out of `import symmech`)
        cap_message,
        near_cap,
    )

    try:
        yield
    except keep:
        raise
    except Exception as exc:        # noqa: BLE001 - out of memory in disguise, or a real error (re-raised)
        if not isinstance(exc, MemoryError) and not near_cap(mb):
            raise
        sys.stderr.write(cap_message(mb, exc))
        raise typer.Exit(2)


def _load_or_reuse(name: str, cache, digits: int, samples: int, only) -> list:
    """The derivations to check, in order; a derivation whose whole report is in the cache (its module
    and the code it uses unchanged) is not even imported: its stored Report stands in for it."""
    if cache is None or registry.is_file(name):
        return load_targets(name)
    if name != "all" and name not in registry.names():
        return load_targets(name)  # the usual error
    names = registry.names() if name == "all" else [name]
    out = []
    for n in names:
        rep = _cache.get_report(cache, n, digits, samples, only)
        out.append(rep if rep is not None else registry.load(n))
    return out


def _stream(targets: list, *, digits, samples, only, cache, executor, progress):
    """Reports in the order of ``targets`` (stored Reports as they are, the rest checked); stores
    every freshly checked report whole in the cache."""
    todo = [t for t in targets if not isinstance(t, Report)]
    fresh = verify_many(todo, digits=digits, samples=samples, only=only, cache=cache,
                        executor=executor, progress=progress)
    for t in targets:
        if isinstance(t, Report):
            yield t
            continue
        rep = next(fresh)
        bundled = getattr(sys.modules.get(f"derivations.{t.name}"), "DERIVATION", None) is t
        if cache is not None and bundled:       # a user's file: its verdicts are cached, not its whole report
            _cache.put_report(cache, rep, samples, only)
        yield rep


def _console():
    """stdout: the terminal's width on a terminal, else $COLUMNS or 160 columns (logs, CI)."""
    if sys.stdout.isatty():
        return Console(highlight=False)
    try:
        width = int(os.environ.get("COLUMNS", "160"))
    except ValueError:
        width = 160
    return Console(width=max(width, 60), highlight=False)
