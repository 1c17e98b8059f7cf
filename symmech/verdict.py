"""Verdicts: how a claim was settled.

A verdict is one of five statuses.  Only ``proved`` and ``certified`` are
proofs; ``confirmed`` is evidence (high-precision numerics at stated points);
``refuted`` carries a counterexample; ``undecided`` carries the reason.
Unknown is never rounded up: a prover that cannot decide says ``undecided``.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any, Mapping


class Status(str, Enum):
    """The five possible outcomes of checking a claim."""

    PROVED = "proved"          # exact symbolic proof
    CERTIFIED = "certified"    # rigorous interval / ball arithmetic
    CONFIRMED = "confirmed"    # high-precision numerics only (evidence)
    REFUTED = "refuted"        # counterexample found
    UNDECIDED = "undecided"    # none of the above; see detail

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.value


#: statuses that mean "the claim holds" (with decreasing strength)
HOLDING = (Status.PROVED, Status.CERTIFIED, Status.CONFIRMED)


class SoundnessError(RuntimeError):
    """Two provers contradict each other (e.g. SymPy says 0, mpmath says not).

    This is a bug in symmech or in SymPy and must never be silenced.
    """


@dataclass(frozen=True)
class Verdict:
    """The outcome of checking one claim.

    Parameters
    ==========
    status : Status
    method : str
        What settled it: ``"symbolic"``, ``"interval(arb)"``, ``"mpmath"`` ...
    detail : str
        Human-readable explanation (the reason when undecided).
    digits : int or None
        Working precision (significant decimal digits) of numeric methods.
    points : tuple of dict
        The sample points used by numeric methods (values as strings).
    witness : dict or None
        For ``refuted``: the counterexample (name -> exact value as string).
    witness_value : str or None
        The claim's residual at the witness, evaluated at ``digits`` digits.
    certificate : object
        Optional machine-checkable certificate (e.g. list of boxes).
    conflict : bool
        True when provers disagreed (a :class:`SoundnessError` situation).
    """

    status: Status
    method: str
    detail: str = ""
    digits: int | None = None
    points: tuple[Mapping[str, str], ...] = ()
    witness: Mapping[str, str] | None = None
    witness_value: str | None = None
    certificate: Any = field(default=None, compare=False, repr=False)
    conflict: bool = False

    @property
    def holds(self) -> bool | None:
        """Three-valued truth: True (proved/certified/confirmed), False, None."""
        if self.status in HOLDING:
            return True
        if self.status is Status.REFUTED:
            return False
        return None

    @property
    def is_proof(self) -> bool:
        """True only for exact or rigorous verdicts (not numeric evidence)."""
        return self.status in (Status.PROVED, Status.CERTIFIED)

    def with_detail(self, extra: str) -> "Verdict":
        """Return a copy with ``extra`` appended to the detail."""
        sep = "; " if self.detail and extra else ""
        return replace(self, detail=self.detail + sep + extra)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready representation (certificate omitted)."""
        return {
            "status": self.status.value,
            "method": self.method,
            "detail": self.detail,
            "digits": self.digits,
            "points": [dict(p) for p in self.points],
            "witness": dict(self.witness) if self.witness is not None else None,
            "witness_value": self.witness_value,
            "conflict": self.conflict,
        }

    def _latex(self, printer: Any = None) -> str:
        text = self.status.value
        if self.method:
            text += f" ({self.method})"
        return r"\text{" + text.replace("_", r"\_") + "}"

    def _repr_latex_(self) -> str:
        return "$" + self._latex() + "$"


def proved(detail: str = "", method: str = "symbolic") -> Verdict:
    """Shorthand for an exact symbolic proof."""
    return Verdict(Status.PROVED, method, detail)


def undecided(detail: str, method: str = "none") -> Verdict:
    """Shorthand for an honest 'could not decide', with the reason."""
    return Verdict(Status.UNDECIDED, method, detail)
