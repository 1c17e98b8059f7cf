"""Derivations: a paper's results as a list of claims over a scope, verified into a :class:`Report`."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Sequence

from symmech.engine.cache import VerdictCache
from symmech.claims import Claim
from symmech.kernel.verdict import Verdict
from symmech.engine.parallel import Executor
from symmech.engine.results import ClaimResult, Report, format_point, readable  # noqa: F401 - public here too
from symmech.engine.runner import verify_many
from symmech.tactics.scope import Scope


@dataclass
class Derivation:
    """A named list of claims over a :class:`Scope`.

    Parameters
    ==========
    name : str
        Short identifier, used on the command line (``symmech verify NAME``).
    title : str
        One-line human title.
    scope : Scope
        Parameters, their ranges and defined roots.
    claims : list of Claim
    model : str
        LaTeX description of the model (for reports and documents).
    figures : dict, optional
        Named model objects for plots and documents (``symmech plot``,
        ``symmech latex``): ``"mechanism"`` (Mechanism), ``"price_law"`` and
        ``"worst_case"`` (Distribution), ``"guarantee"`` (Expr), ``"point"``
        (parameter values to draw at, e.g. ``{k: 1/2}``) and ``"notation"``
        (``[(Symbol, definition), ...]`` abbreviations used when printing).
    """

    name: str
    title: str
    scope: Scope
    claims: Sequence[Claim]
    model: str = ""
    references: Sequence[str] = ()
    figures: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        ids = [c.id for c in self.claims]
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            raise ValueError(f"duplicate claim ids in {self.name}: {sorted(dup)}")
        by_id = {c.id: c for c in self.claims}
        for c in self.claims:
            twin = by_id.get(c.corrected) if c.corrected else None
            if c.corrected and twin is None:
                raise ValueError(f"{self.name}: {c.id} is pinned to {c.corrected!r}, which is not a claim here")
            if twin is not None and twin.expect != "holds":
                raise ValueError(f"{self.name}: {c.id} is pinned to {twin.id}, which is itself expected to fail")

    def verify(self, *, digits: int = 50, samples: int = 9,
               progress: Callable[[Claim, Verdict | None], None] | None = None,
               only: Sequence[str] | None = None, cache=None, jobs: int | None = 1,
               executor=None) -> "Report":
        """Check every claim; returns a :class:`Report`.

        ``cache``: a :class:`symmech.engine.cache.VerdictCache` (or True for the default directory) to
        reuse stored verdicts of unchanged claims and store new ones; ``jobs``: local processes
        (None: all cores); ``executor``: a :class:`symmech.engine.parallel.Executor` (overrides ``jobs``,
        e.g. a Dask cluster).  Verdicts and their order do not depend on any of these.
        """
        if cache is True:
            cache = VerdictCache()
        if executor is None and jobs != 1:
            executor = Executor(jobs)
        start = time.perf_counter()
        hook = None if progress is None else (lambda _d, c, v: progress(c, v))
        report = next(verify_many([self], digits=digits, samples=samples, only=only, cache=cache,
                                  executor=executor, progress=hook))
        report.seconds = time.perf_counter() - start
        return report
