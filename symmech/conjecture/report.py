"""A checked conjecture: verdict per claim, JSON, a rich table, the exit code."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from symmech.engine import records
from symmech.engine.exit_codes import for_verdicts

from .auction_files import evaluate_auction
from .checking import processes
from .evaluate import ClaimResult, combine_points
from .goods_files import evaluate_goods
from .multi_types import SETS, AuctionConjecture, GoodsConjecture
from .ratio_files import evaluate_ratio
from .regret_files import evaluate_regret
from .schema import Conjecture, load
from .sweep import run_points
from .upgrade import prove_results

__all__ = ["ConjectureReport", "check_file", "check_conjecture", "model_record"]


def model_record(conj) -> dict:
    """The model a file states, as recorded in the JSON output (``extra.model``): objective, ambiguity set
    (``moments``, ``markov``, ``iid``, ``known-marginals`` or ``box``, with a sentence), bidders and goods."""
    if isinstance(conj, (AuctionConjecture, GoodsConjecture)):
        return conj.model_record()
    lo, hi = conj.support
    conds = "; ".join(m.text for m in conj.moments) or "support only"
    return {"objective": conj.objective, "set": "moments", "set_text": f"{SETS['moments']}: values in [{lo}, {hi}], "
            f"{conds}", "bidders": 1, "goods": 1}

_HOLDS = ("proved", "certified", "confirmed")

_COLOUR = {"proved": "green", "certified": "green", "confirmed": "yellow", "refuted": "magenta",
           "undecided": "red"}


@dataclass
class ConjectureReport:
    conjecture: Conjecture
    claims: list[ClaimResult]
    points: int
    how: str
    seconds: float
    per_point: list = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 if every claim holds, 1 if any is refuted, 4 if any is undecided and none refuted (docs/cli.md)."""
        return int(for_verdicts([c.status for c in self.claims]))

    def to_json(self) -> dict:
        """The record of ``symmech check FILE --json`` (schema :mod:`symmech.engine.records`)."""
        claims = [records.claim(id=c.id, status=c.status, detail=c.detail, agrees=c.status in _HOLDS,
                                witness=c.counterexample if isinstance(c.counterexample, dict) or c.counterexample
                                is None else {"description": str(c.counterexample)})
                  for c in self.claims]
        extra = {"points": self.points, "evaluated_at": self.how, "model": model_record(self.conjecture)}
        if getattr(self.conjecture, "warnings", None):
            extra["warnings"] = list(self.conjecture.warnings)
        return records.envelope("check", self.conjecture.name, ok=self.exit_code == 0, exit_code=self.exit_code,
                                seconds=self.seconds, claims=claims, extra=extra)

    def print(self, console) -> None:
        from rich.markup import (
            escape,  # lazy: rich is loaded only when the command line prints
        )
        from rich.table import (
            Table,  # lazy: rich is loaded only when the command line prints
        )

        # model text, formulas and errors may contain [brackets]: escape them, never read them as markup
        table = Table(title=escape(self.conjecture.name), show_lines=True)
        for col in ("claim", "verdict", "detail"):
            table.add_column(col, overflow="fold", max_width=120 if col == "detail" else None)
        for c in self.claims:
            col = _COLOUR[c.status]
            detail = c.detail
            if c.counterexample is not None:
                detail += f"\ncounterexample: {c.counterexample}"
            table.add_row(escape(c.id), f"[{col}]{c.status}[/{col}]", escape(detail))
        console.print(table)
        console.print(escape(f"{len(self.claims)} claim(s), {self.how}, {self.seconds:.1f} s; "
                             f"exit code {self.exit_code}"))


def check_conjecture(conj: Conjecture, *, digits: int = 50, sweep: int | None = None,
                     dask_address: str | None = None, workers: int | None = None,
                     console=None, prove: bool = True) -> ConjectureReport:
    t0 = time.perf_counter()
    if isinstance(conj, AuctionConjecture):
        claims = evaluate_auction(conj, digits)
        return ConjectureReport(conj, claims, 1, f"the single model ({conj.I} bidders, {conj.set_name} set)",
                                time.perf_counter() - t0)
    if isinstance(conj, GoodsConjecture):
        claims = evaluate_goods(conj, digits)
        return ConjectureReport(conj, claims, 1, f"the single model ({conj.J} goods, {conj.set_name} set, "
                                f"{conj.objective})", time.perf_counter() - t0)
    if conj.objective == "regret":
        claims = evaluate_regret(conj, digits)
        return ConjectureReport(conj, claims, 1, "the single model (regret objective)", time.perf_counter() - t0)
    if conj.objective == "ratio":
        claims = evaluate_ratio(conj, digits)
        return ConjectureReport(conj, claims, 1, "the single model (ratio objective)", time.perf_counter() - t0)
    if sweep is not None and conj.free_parameters:
        points = conj.sweep_points(sweep)
        how = f"a sweep of {len(points)} points" + (f" on the Dask cluster {dask_address}" if dask_address else
                                                     " on local processes")
    else:
        points = conj.check_points()
        how = ("the single model" if not conj.free_parameters else
               f"{len(points)} parameter points, the closed ends of every range included (--sweep N for more)")
        if sweep is None:
            dask_address = None
    progress = None
    bar = None
    if console is not None and len(points) > 1:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )  # lazy: rich is loaded only when the command line prints

        bar = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                       TimeElapsedColumn(), console=console, transient=True)
        task = bar.add_task(conj.name[:40], total=len(points))
        bar.start()

        def progress(done, total, _b=bar, _t=task):
            _b.update(_t, completed=done)

    with processes(workers):
        try:
            per_point = run_points(conj, points, digits, workers=workers, dask_address=dask_address,
                                   progress=progress)
        finally:
            if bar is not None:
                bar.stop()
        claims = combine_points(conj, per_point, how)
        if prove:
            claims = prove_results(conj, claims, digits)
    return ConjectureReport(conj, claims, len(points), how, time.perf_counter() - t0, per_point)


def check_file(path: str | Path, **kwargs) -> ConjectureReport:
    return check_conjecture(load(path), **kwargs)
