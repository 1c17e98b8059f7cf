"""``symmech solve FILE.toml [--json] [--digits N]``: ask mode -- the file's objective answered (worst case and
max-min value, or minimax regret), no guessing; unsupported questions are refused (exit 2)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from symmech.engine.exit_codes import ExitCode
from symmech.engine.records import envelope
from symmech.tactics.lp import LPError
from . import _console, exit_at_memory_cap


def register(app: typer.Typer) -> None:
    app.command(name="solve")(solve_command)


def solve_command(file: Path = typer.Argument(..., help="conjecture file (TOML); [claim] is optional"),
                  as_json: bool = typer.Option(False, "--json", help="print JSON instead of a table"),
                  digits: int = typer.Option(50, "--digits", min=30, max=500,
                                             help="significant digits for the mpmath checks"),
                  plot: Path = typer.Option(None, "--plot", help="with a parameter range and no formula: draw "
                                                                    "the table against the parameter (PNG)"),
                  posted_prices: bool = typer.Option(False, "--posted-prices",
                                                     help="also the best deterministic price (one moment)"),
                  memory_mb: int = typer.Option(6144, "--memory-mb", min=0,
                                                help="cap the process's address space (MiB; 0 = no cap)"),
                  ) -> None:
    """Answer a model: the mechanism's exact worst case and the max-min value (with the optimal mechanism
    and nature's law when a closed form is found); with objective = "regret" the minimax regret. Exit 0 if every
    answer is proved or certified, 1 if one is only confirmed, 2 for an invalid file or a question ask mode does
    not answer yet, 4 if one is undecided (docs/cli.md)."""
    from ..conjecture import (  # lazy: the module it imports loads heavy optional libraries (kept out of `import symmech`)
        ConjectureError,
        load,
    )
    from ..conjecture.ask import (  # lazy: the module it imports loads heavy optional libraries (kept out of `import symmech`)
        UnsupportedQuestion,
        solve,
    )

    err = Console(stderr=True)
    from ..conjecture.limits import (
        limit_memory,  # lazy: the module it imports loads heavy optional libraries (kept out of `import symmech`)
    )

    limit_memory(memory_mb)
    try:
        conj = load(file, claims_required=False)
    except ConjectureError as exc:
        if as_json:
            sys.stdout.write(json.dumps(envelope("solve", str(file), ok=False, exit_code=ExitCode.INVALID,
                                                 error=str(exc), answers=[]), indent=2) + "\n")
        err.print(f"[red]invalid model:[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
        raise typer.Exit(2)
    from ..conjecture.report import (
        model_record,  # lazy: the module it imports loads heavy optional libraries (kept out of `import symmech`)
    )

    extra = {"model": model_record(conj)}
    for note in getattr(conj, "warnings", []):
        err.print(f"[yellow]warning:[/yellow] {escape(note)}", highlight=False, soft_wrap=True)
        extra.setdefault("warnings", []).append(note)
    try:
        with exit_at_memory_cap(memory_mb):
            answers = solve(conj, digits=digits, posted_prices=posted_prices)
    except LPError as exc:
        # a linear program over nature's laws or the seller's menus failed: said in one line, never a traceback
        msg = (f"solve: the linear program failed ({exc}); if it is infeasible, the moment conditions may be "
               f"jointly impossible (e.g. a second moment below the square of the mean)")
        if as_json:
            sys.stdout.write(json.dumps(envelope("solve", conj.name, ok=False, exit_code=ExitCode.UNDECIDED,
                                                 error=msg, answers=[], extra=extra), indent=2) + "\n")
        err.print(escape(msg), highlight=False, soft_wrap=True)
        raise typer.Exit(ExitCode.UNDECIDED)
    except UnsupportedQuestion as exc:
        # refused by name: never another objective's answer
        if as_json:
            sys.stdout.write(json.dumps(envelope("solve", conj.name, ok=False, exit_code=ExitCode.INVALID,
                                                 error=f"solve: {exc}", answers=[], extra=extra), indent=2) + "\n")
        err.print(escape(f"solve: {exc}"), highlight=False, soft_wrap=True)
        raise typer.Exit(2)
    if plot is not None:
        from ..conjecture.ask import (
            plot_answers,  # lazy: the module it imports loads heavy optional libraries (kept out of `import symmech`)
        )

        drawn = plot_answers(conj, answers, plot)
        err.print(escape(f"wrote {drawn}" if drawn else "nothing to plot (no table over one parameter range)"),
                  highlight=False)
    statuses = [a.status for a in answers]
    code = (ExitCode.UNDECIDED if "undecided" in statuses else
            ExitCode.OK if all(s in ("proved", "certified") for s in statuses) else ExitCode.FALLS_SHORT)
    if as_json:
        sys.stdout.write(json.dumps(envelope("solve", conj.name, ok=code == ExitCode.OK, exit_code=code,
                                             digits=digits, answers=[a.to_json() for a in answers], extra=extra),
                                    indent=2) + "\n")
    else:
        table = Table(title=escape(conj.name), caption=escape(f"{extra['model']['objective']}; "
                                                             f"{extra['model']['set_text']}"), show_lines=True)
        for col in ("question", "answer", "verdict", "details"):
            table.add_column(col, overflow="fold", max_width=100 if col == "details" else 40)
        for a in answers:
            table.add_row(escape(a.topic), escape(a.answer), a.status, escape("\n".join(a.details)))
        _console().print(table)
    raise typer.Exit(code)
