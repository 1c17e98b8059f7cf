"""Verdicts: how a claim was settled.

A verdict is one of five statuses.  Only ``proved`` and ``certified`` are
proofs; ``confirmed`` is evidence (high-precision numerics at stated points);
``refuted`` carries a counterexample; ``undecided`` carries the reason.
Unknown is never rounded up: a prover that cannot decide says ``undecided``.

A ``proved`` or ``certified`` verdict carries a *seal* that only the kernel's rules
(:mod:`symmech.kernel.rules`) hold: building one anywhere else raises
:class:`KernelError`.  Copies made with :func:`dataclasses.replace` keep the seal as long as
the status does not change; weakening goes through :func:`symmech.kernel.rules.weaken`.
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


class KernelError(RuntimeError):
    """Code outside the kernel tried to build a ``proved`` or ``certified`` verdict (a bug)."""


#: the seals of the two proof statuses; only :mod:`symmech.kernel.rules` uses them
_SEALS = {Status.PROVED: object(), Status.CERTIFIED: object()}
_HINT_SEAL = object()
_PROOF_VALUES = (Status.PROVED.value, Status.CERTIFIED.value)


@dataclass(frozen=True)
class Hint:
    """Something an author asserted that a verdict may rest on, and how symmech checked it.

    Like the list of axioms a proof assistant prints for a theorem: ``kind`` is one of
    ``"root sign"``, ``"root bracket"``, ``"root image"``, ``"root inverse"``, ``"rewrite"``,
    ``"route"``; ``subject`` names the root symbol or the claim; ``statement`` is what was
    asserted; ``status`` is the status of its check (a :class:`Status` value) or
    ``"unchecked"``; ``used`` says whether the verdict's proof used it.
    """

    kind: str
    subject: str
    statement: str
    status: str
    detail: str = ""
    used: bool = True
    seal: Any = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.status in _PROOF_VALUES and self.seal is not _HINT_SEAL:
            raise KernelError(f"a hint marked {self.status} ({self.kind} {self.subject}) can only be built by the "
                              f"kernel from a proof (symmech.kernel.rules.hint)")

    @property
    def checked(self) -> bool:
        """True when the hint itself was proved or certified."""
        return self.status in (Status.PROVED.value, Status.CERTIFIED.value)

    def describe(self) -> str:
        mark = "checked" if self.checked else ("REFUTED" if self.status == Status.REFUTED.value
                                              else f"NOT CHECKED ({self.status})")
        use = "" if self.used else " [not used]"
        return f"{self.kind} {self.subject}: {self.statement} -- {mark}{use}" + (
            f": {self.detail}" if self.detail and not self.checked else "")

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "subject": self.subject, "statement": self.statement,
                "status": self.status, "detail": self.detail, "used": self.used}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Hint":
        # read back from this program's own cache: resealed (see rules.replay)
        status = d["status"]
        return cls(d["kind"], d["subject"], d["statement"], status, d.get("detail", ""), d.get("used", True),
                   _HINT_SEAL if status in _PROOF_VALUES else None)

    def __reduce__(self):
        return (Hint.from_dict, (self.to_dict(),))


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
    trust : tuple of Hint
        The author's hints this verdict rests on, each with the status of its check
        (the trust report; empty when nothing but the claim itself was used).
    rule : str
        For a proof: the kernel rule that accepted it (see docs/soundness.md).
    seal : object
        Private to the kernel (see the module doc).
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
    trust: tuple[Hint, ...] = field(default=(), compare=False)
    rule: str = ""
    seal: Any = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        want = _SEALS.get(self.status)
        if want is None:
            if self.seal is not None:
                object.__setattr__(self, "seal", None)
            return
        if self.seal is not want:
            raise KernelError(f"a {self.status.value} verdict ({self.method}: {self.detail[:120]!r}) can only be "
                              f"built by a kernel rule (symmech.kernel.rules)")
        if not self.rule:
            raise KernelError("a proof must name the kernel rule that accepted it")

    def __reduce__(self):
        # a verdict crosses process boundaries (workers, the cache) as plain fields; the receiving side
        # is the same program, so it is resealed by the kernel (see _rebuild)
        return (_rebuild, (self.status.value, self.method, self.detail, self.digits, tuple(self.points),
                           self.witness, self.witness_value, self.certificate, self.conflict, self.trust,
                           self.rule))

    @property
    def unchecked(self) -> tuple[Hint, ...]:
        """The hints this verdict used that were not proved or certified."""
        return tuple(h for h in self.trust if h.used and not h.checked)

    def with_trust(self, hints) -> "Verdict":
        """A copy that also rests on ``hints`` (duplicates dropped, order kept)."""
        seen = {(h.kind, h.subject, h.statement): h for h in self.trust}
        for h in hints:
            key = (h.kind, h.subject, h.statement)
            if key not in seen or (h.used and not seen[key].used):
                seen[key] = h
        return replace(self, trust=tuple(seen.values()))

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
            "trust": [h.to_dict() for h in self.trust],
            "rule": self.rule,
        }

    def __str__(self) -> str:
        """One readable line: status, how, detail, and the counterexample of a refutation."""
        how = ", ".join(x for x in (self.rule, self.method) if x)
        text = f"{self.status.value}" + (f" ({how})" if how else "") + (f": {self.detail}" if self.detail else "")
        if self.witness:
            text += " | counterexample: " + ", ".join(f"{k} = {v}" for k, v in self.witness.items())
            if self.witness_value:
                text += f" (residual {self.witness_value})"
        return text

    def _latex(self, printer: Any = None) -> str:
        text = self.status.value
        if self.method:
            text += f" ({self.method})"
        return r"\text{" + text.replace("_", r"\_") + "}"

    def _repr_latex_(self) -> str:
        return "$" + self._latex() + "$"


def _rebuild(status, method, detail, digits, points, witness, witness_value, certificate, conflict, trust,
             rule) -> Verdict:
    """Unpickling: a verdict this program built and sent to another of its processes."""
    st = Status(status)
    return Verdict(st, method, detail, digits, points, witness, witness_value, certificate, conflict, trust,
                   rule, _SEALS.get(st))


def undecided(detail: str, method: str = "none") -> Verdict:
    """Shorthand for an honest 'could not decide', with the reason."""
    return Verdict(Status.UNDECIDED, method, detail)
