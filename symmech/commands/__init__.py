"""Sub-commands of the ``symmech`` command line, one module each.

Each module defines ``register(app: typer.Typer) -> None``; ``symmech.cli``
registers every module listed in ``COMMANDS`` that is present.
"""
import contextlib
import sys

import typer
from rich.console import Console

from .. import registry

COMMANDS = ("latex_cmd", "plot_cmd", "check_cmd", "mutate_cmd", "solve_cmd", "bundling_cmd", "coverage_cmd")


def load_targets(name: str, *, allow_all: bool = True) -> list:
    """The derivations a command acts on (``all`` = every bundled one); exit code 2 for an unknown name."""
    try:
        return registry.load_all() if (allow_all and name == "all") else [registry.load(name)]
    except registry.UnknownDerivation as exc:
        Console(stderr=True).print(f"[red]error:[/red] {exc.args[0]}")
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
