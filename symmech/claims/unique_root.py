"""A claim that a system's box holds exactly one root: :class:`UniqueRoot`.

The same check that every claim over a :class:`~symmech.tactics.systems.DefinedSystem` rests on (the
"system root" hint of :func:`symmech.claims.hints.system_hints`), as a claim of its own -- so a derivation
can state "(5)-(6) have exactly one solution in this box" and record a wrong box (none, or two
roots) as a claim expected to fail.  Verdict: proved/certified when shown for every parameter
value (the reduced bracket check, or a single fixed point by arb Krawczyk), confirmed when only
the sampled points are certified, refuted with the parameter point where the box holds no root or
two, undecided otherwise.
"""
from __future__ import annotations

from dataclasses import dataclass

from symmech.claims import Claim
from symmech.claims.hints import system_hints
from symmech.kernel.verdict import Verdict
from symmech.tactics.scope import Scope
from symmech.tactics.systems import DefinedSystem


@dataclass
class UniqueRoot(Claim):
    """``system``'s equations have exactly one root in its box, for every parameter value of the scope."""

    system: DefinedSystem = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        super().__post_init__()
        if not isinstance(self.system, DefinedSystem):
            raise TypeError(f"UniqueRoot needs a DefinedSystem, got {type(self.system).__name__}")
        if not self.statement:
            box = r" \times ".join(f"({lo}, {hi})" for lo, hi in self.system.box)
            self.statement = f"exactly one root of {self.system.name} in {box}"

    def check(self, scope: Scope, *, digits: int = 50, samples: int = 9) -> Verdict:
        if self.system in scope.systems:          # the scope's own system: share its (cached) check
            own, j = scope, list(scope.systems).index(self.system)
        else:
            own, j = Scope(dict(scope.parameters), samples=scope.samples, systems=(self.system,)), 0
        system_hints(own, digits=min(digits, 30), samples=min(samples, 5))
        return own.__dict__["_system_root_verdicts"][j]
