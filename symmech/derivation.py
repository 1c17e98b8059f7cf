"""Derivations (a paper's results as a list of claims) and their Reports."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Sequence


from .claims import Claim
from .scope import Scope
from .verdict import Status, Verdict


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
               only: Sequence[str] | None = None) -> "Report":
        """Check every claim; returns a :class:`Report`."""
        from . import claims as _claims

        _claims._MEMO.clear()
        results = []
        start = time.perf_counter()
        for claim in self.claims:
            if only and claim.id not in only:
                continue
            if progress:
                progress(claim, None)
            t0 = time.perf_counter()
            try:
                verdict = claim.check(self.scope, digits=digits, samples=samples)
            except Exception as exc:  # a crash is an honest 'undecided', never a pass
                verdict = Verdict(Status.UNDECIDED, "error", f"{type(exc).__name__}: {exc}")
            results.append(ClaimResult(claim, verdict, time.perf_counter() - t0))
            if progress:
                progress(claim, verdict)
        return Report(self, results, time.perf_counter() - start, digits)


@dataclass(frozen=True)
class ClaimResult:
    claim: Claim
    verdict: Verdict
    seconds: float

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
            "claims": [
                {
                    "id": r.claim.id,
                    "statement": r.claim.statement,
                    "source": r.claim.source,
                    "expect": r.claim.expect,
                    "status": r.verdict.status.value,
                    "detail": _detail(r.verdict),
                    "trust": [h.to_dict() for h in r.verdict.trust],
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
    text = f"[{v.method}] {v.detail}"
    if v.witness:
        text += " | counterexample: " + ", ".join(f"{k} = {val}" for k, val in v.witness.items())
        if v.witness_value:
            text += f" (residual {v.witness_value})"
    return text
