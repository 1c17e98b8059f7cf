"""A claim checked under smaller time budgets: :class:`Budgeted` wraps a claim and caps the interval certifier's
time (and optionally the exact tactics') while it is checked.  The verdict keeps its meaning -- a claim the
certifier cannot settle in time falls back to sampling and is reported ``confirmed``, never rounded up -- and the
wrapper keeps everything that decides agreement: the expectation and the corrected twin of a pinned failure."""
from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Sequence

from symmech.claims.base import Claim
from symmech.kernel.verdict import Verdict
from symmech.tactics import provers
from symmech.tactics.scope import Scope

__all__ = ["Budgeted", "budget"]


@dataclass
class Budgeted(Claim):
    """Check ``inner`` with the interval certifier limited to ``seconds`` per call."""

    inner: Claim = None  # type: ignore[assignment]
    seconds: float = 1.0
    #: optional cap (seconds) for the exact tactics as well, e.g. for the direct check of an
    #: ``Implied`` claim whose proof comes from its sufficient route
    tactics: float | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        self.id = self.id or self.inner.id
        self.statement = self.statement or self.inner.statement
        self.source = self.source or self.inner.source
        self.expect = self.inner.expect
        self.corrected = self.corrected or self.inner.corrected     # a pin is never dropped by the wrapper
        self.note = self.note or self.inner.note

    def check(self, scope: Scope, *, digits: int = 50, samples: int = 9) -> Verdict:
        with contextlib.ExitStack() as stack:
            stack.enter_context(provers.certifier_budget(self.seconds))
            if self.tactics is not None:
                stack.enter_context(provers.tactics_budget(self.tactics))
            return self.inner.check(scope, digits=digits, samples=samples)


def budget(claims: Sequence[Claim], seconds: float = 1.0) -> list[Claim]:
    """Each claim wrapped in a :class:`Budgeted` of ``seconds``."""
    return [Budgeted(c.id, inner=c, seconds=seconds) for c in claims]
