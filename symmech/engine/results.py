"""The outcome of verifying a derivation: one :class:`ClaimResult` per claim, gathered in a :class:`Report`
(tables, JSON); :class:`StoredDerivation` stands in for a derivation read back from the report cache."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Sequence

from symmech.engine import records
from symmech.engine.exit_codes import for_verdicts
from symmech.kernel.verdict import HOLDING, Status, Verdict


@dataclass(frozen=True)
class StoredDerivation:
    """What a report needs of its derivation: name, title, references and claims (stand-ins that carry id,
    statement, source and expectation), e.g. for a report read back from the cache."""

    name: str
    title: str
    claims: Sequence[Any]
    references: Sequence[str] = ()


@dataclass(frozen=True)
class ClaimResult:
    claim: Any                             # a symmech.claims.Claim
    verdict: Verdict
    seconds: float
    cached: bool = False
    #: the verdict of the corrected twin of a pinned expected failure (filled in by :class:`Report`)
    twin: Verdict | None = None

    @property
    def agrees(self) -> bool:
        return self.claim.agrees(self.verdict, self.twin)

    @property
    def pin_problem(self) -> str:
        """Why a refuted, pinned expected failure still does not agree ('' when it does or is not pinned)."""
        corrected = getattr(self.claim, "corrected", "")
        if not corrected or self.claim.expect != "fails" or self.verdict.status is not Status.REFUTED:
            return ""
        if self.twin is None:
            return f"its corrected twin {corrected} was not checked"
        if self.twin.status not in HOLDING:
            return (f"its corrected twin {corrected} is {self.twin.status.value}: the refutation does not show "
                    f"the paper's error")
        return ""


@dataclass
class Report:
    """Verdicts of one derivation."""

    derivation: Any                        # a Derivation, or a StoredDerivation
    results: list[ClaimResult]
    seconds: float
    digits: int
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        by_id = {r.claim.id: r for r in self.results}
        self.results = [replace(r, twin=by_id[r.claim.corrected].verdict)
                        if getattr(r.claim, "corrected", "") in by_id else r for r in self.results]

    @property
    def ok(self) -> bool:
        """Every verdict agrees with its claim's expectation and none is undecided."""
        return all(r.agrees and r.verdict.status is not Status.UNDECIDED for r in self.results)

    @property
    def conflicts(self) -> list[ClaimResult]:
        return [r for r in self.results if r.verdict.conflict]

    @property
    def exit_code(self) -> int:
        """This report's exit code in the table of :mod:`symmech.engine.exit_codes`."""
        return int(for_verdicts([r.verdict.status.value for r in self.results], agree=[r.agrees for r in self.results],
                                conflict=bool(self.conflicts)))

    def to_json(self) -> dict:
        """The record of ``symmech verify NAME --json`` (schema :mod:`symmech.engine.records`)."""
        claims = [records.claim(id=r.claim.id, statement=r.claim.statement, source=r.claim.source,
                                expect=r.claim.expect, corrected=getattr(r.claim, "corrected", ""),
                                status=r.verdict.status.value, method=r.verdict.method, rule=r.verdict.rule or None,
                                agrees=r.agrees, detail=_pin(r) + readable(r.verdict.detail),
                                witness=records.counterexample(r.verdict.witness, r.verdict.witness_value),
                                trust=[h.to_dict() for h in r.verdict.trust], seconds=r.seconds, cached=r.cached)
                  for r in self.results]
        return records.envelope("verify", self.derivation.name, ok=self.ok, exit_code=self.exit_code,
                                seconds=self.seconds, digits=self.digits, claims=claims)

    def rows(self) -> list[tuple[str, str, str, str, str, str]]:
        """(id, source, expect, status, agrees, detail) rows for tables."""
        return [(r.claim.id, r.claim.source, r.claim.expect, r.verdict.status.value,
                 "yes" if r.agrees else "NO", _pin(r) + _detail(r.verdict)) for r in self.results]

    def __str__(self) -> str:
        lines = [f"{self.derivation.name}: {self.derivation.title}"]
        for cid, src, exp, st, ag, det in self.rows():
            lines.append(f"  {cid:<32} {st:<10} expect={exp:<5} agrees={ag:<3} {src}")
        lines.append(f"  ok={self.ok} ({self.seconds:.1f}s, {self.digits} digits)")
        return "\n".join(lines)


def _pin(r: ClaimResult) -> str:
    problem = r.pin_problem
    if problem:
        return f"[pin: {problem}] "
    if r.claim.expect == "fails" and not getattr(r.claim, "corrected", ""):
        return "[unpinned: names no corrected twin, so any refutation agrees] "
    return ""


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
