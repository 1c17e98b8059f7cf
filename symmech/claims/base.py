"""The base of every claim: an id, a LaTeX statement, a source and an expectation."""
from __future__ import annotations

from dataclasses import dataclass


from ..kernel.verdict import HOLDING, Status, Verdict
from symmech.tactics.scope import Scope


_EXPECT = ("holds", "fails")
_STRENGTH = {Status.PROVED: 3, Status.CERTIFIED: 2, Status.CONFIRMED: 1}


@dataclass
class Claim:
    """Base class: a statement with an id, a LaTeX statement, a source and an expectation."""

    id: str
    statement: str = ""
    source: str = ""
    expect: str = "holds"
    note: str = ""
    #: for a claim expected to fail: the id of the claim of the same derivation that states what is right
    corrected: str = ""
    #: why the claim holds whatever the model is (a definition, a pure algebraic lemma): the vacuity harness
    #: (``symmech mutate NAME --vacuity``) shows this reason instead of flagging the claim
    model_free: str = ""

    def __post_init__(self) -> None:
        if self.expect not in _EXPECT:
            raise ValueError(f"expect must be 'holds' or 'fails', got {self.expect!r}")
        if self.corrected and self.expect != "fails":
            raise ValueError(f"{self.id}: only a claim expected to fail names a corrected twin "
                             f"(corrected={self.corrected!r})")

    def pinned_to(self, corrected: str) -> "Claim":
        """Pin this expected failure to ``corrected``, the id of the claim (same derivation) that states what
        is right: the failure agrees with its expectation only when this claim is refuted *and* that one
        holds, so a refutation caused by a wrong model never counts as finding the paper's error."""
        if self.expect != "fails":
            raise ValueError(f"{self.id}: only a claim expected to fail can be pinned to a corrected twin")
        self.corrected = corrected
        return self

    def check(self, scope: Scope, *, digits: int = 50, samples: int = 9) -> Verdict:
        raise NotImplementedError

    def agrees(self, verdict: Verdict, twin: Verdict | None = None) -> bool:
        """Whether a verdict matches the claim's expectation (undecided never does).  A pinned expected
        failure also needs its corrected twin's verdict ``twin`` to hold."""
        if self.expect == "holds":
            return verdict.status in HOLDING
        if self.corrected and (twin is None or twin.status not in HOLDING):
            return False
        return verdict.status is Status.REFUTED

    def _latex(self, printer=None) -> str:
        return self.statement

    def _repr_latex_(self) -> str:
        return "$\\displaystyle " + self.statement + "$"

    def _auto_statement(self) -> str:
        """The LaTeX statement written from the claim itself when none is given (built on first use)."""
        return ""


def _get_statement(self: Claim) -> str:
    text = self.__dict__.get("_statement", "")
    if not text:
        text = self._auto_statement()
        if text:
            self.__dict__["_statement"] = text
    return text


def _set_statement(self: Claim, text: str) -> None:
    self.__dict__["_statement"] = text or ""


# a lazy field: sp.latex of large expressions is slow, and most statements are never printed
Claim.statement = property(_get_statement, _set_statement)  # type: ignore[assignment]

