"""The result of checking one claim of a conjecture file at one parameter point."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class ClaimResult:
    id: str
    status: str
    detail: str
    counterexample: Any = None
    margin: float | None = None           # signed slack: negative = violated (used to find the worst point)
    point: dict | None = None
    proof: dict | None = None             # the whole-range claims checked (for the LaTeX write-up)

    def to_json(self) -> dict:
        return {"id": self.id, "status": self.status, "detail": self.detail, "counterexample": self.counterexample}
