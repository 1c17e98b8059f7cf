"""Derivations (a paper's results as a list of claims) and their Reports."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Sequence


from .claims import Claim
from .scope import Scope
from .kernel.verdict import Status, Verdict


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

    def verify(self, *, digits: int = 50, samples: int = 9,
               progress: Callable[[Claim, Verdict | None], None] | None = None,
               only: Sequence[str] | None = None, cache=None, jobs: int | None = 1,
               executor=None) -> "Report":
        """Check every claim; returns a :class:`Report`.

        ``cache``: a :class:`symmech.cache.VerdictCache` (or True for the default directory) to
        reuse stored verdicts of unchanged claims and store new ones; ``jobs``: local processes
        (None: all cores); ``executor``: a :class:`symmech.parallel.Executor` (overrides ``jobs``,
        e.g. a Dask cluster).  Verdicts and their order do not depend on any of these.
        """
        from .parallel import Executor
        from .runner import verify_many

        if cache is True:
            from .cache import VerdictCache

            cache = VerdictCache()
        if executor is None and jobs != 1:
            executor = Executor(jobs)
        start = time.perf_counter()
        hook = None if progress is None else (lambda _d, c, v: progress(c, v))
        report = next(verify_many([self], digits=digits, samples=samples, only=only, cache=cache,
                                  executor=executor, progress=hook))
        report.seconds = time.perf_counter() - start
        return report


@dataclass(frozen=True)
class ClaimResult:
    claim: Claim
    verdict: Verdict
    seconds: float
    cached: bool = False

    @property
    def agrees(self) -> bool:
        return self.claim.agrees(self.verdict)


@dataclass
class Report:
    """Verdicts of one derivation."""

    derivation: Derivation
    results: list[ClaimResult]
    seconds: float
    digits: int
    extra: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Every verdict agrees with its claim's expectation and none is undecided."""
        return all(r.agrees and r.verdict.status is not Status.UNDECIDED for r in self.results)

    @property
    def conflicts(self) -> list[ClaimResult]:
        return [r for r in self.results if r.verdict.conflict]

    def to_json(self) -> dict:
        """The JSON object promised by ``symmech verify NAME --json``."""
        return {
            "derivation": self.derivation.name,
            "seconds": round(self.seconds, 3),
            "digits": self.digits,
            "ok": self.ok,
            "claims": [
                {
                    "id": r.claim.id,
                    "statement": r.claim.statement,
                    "source": r.claim.source,
                    "expect": r.claim.expect,
                    "status": r.verdict.status.value,
                    "detail": _detail(r.verdict),
                    "trust": [h.to_dict() for h in r.verdict.trust],
                    "seconds": round(r.seconds, 3),
                    "cached": r.cached,
                }
                for r in self.results
            ],
        }

    def rows(self) -> list[tuple[str, str, str, str, str, str]]:
        """(id, source, expect, status, agrees, detail) rows for tables."""
        return [(r.claim.id, r.claim.source, r.claim.expect, r.verdict.status.value,
                 "yes" if r.agrees else "NO", _detail(r.verdict)) for r in self.results]

    def __str__(self) -> str:
        lines = [f"{self.derivation.name}: {self.derivation.title}"]
        for cid, src, exp, st, ag, det in self.rows():
            lines.append(f"  {cid:<32} {st:<10} expect={exp:<5} agrees={ag:<3} {src}")
        lines.append(f"  ok={self.ok} ({self.seconds:.1f}s, {self.digits} digits)")
        return "\n".join(lines)


def _detail(v: Verdict) -> str:
    text = f"[{v.method}] {readable(v.detail)}"
    if v.witness:
        text += " | counterexample: " + format_point(v.witness)
        if v.witness_value:
            text += f" (residual {v.witness_value})"
    return text


_KEY = r"""'?[A-Za-z_\\][\w\\{}^]*'?"""
_VAL = r"""(?:'[^'{}]*'|[^,{}:'\[\]]+)"""
_DICT_RE = None


def format_point(point) -> str:
    """A point as ``k = 1/2, t = 3`` (not a Python dict)."""
    return ", ".join(f"{k} = {val}" for k, val in dict(point).items())


def readable(text: str) -> str:
    """``text`` with Python dict reprs of points (``{k: 1/2}``, ``{'k': '1/2'}``) written as ``k = 1/2``."""
    import re

    global _DICT_RE
    if _DICT_RE is None:
        pair = _KEY + r"\s*:\s*" + _VAL
        _DICT_RE = re.compile(r"\{\s*(" + pair + r"(?:\s*,\s*" + pair + r")*)\s*\}")

    def repl(m) -> str:
        items = []
        for part in re.split(r",\s*(?=" + _KEY + r"\s*:)", m.group(1)):
            k, _, val = part.partition(":")
            items.append(f"{k.strip().strip(chr(39))} = {val.strip().strip(chr(39))}")
        return items[0] if len(items) == 1 else "(" + ", ".join(items) + ")"

    return _DICT_RE.sub(repl, text)
