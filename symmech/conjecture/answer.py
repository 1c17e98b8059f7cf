"""What ask mode (``symmech solve``) returns: :class:`Answer` (one answer with its verdict) and
:class:`UnsupportedQuestion` (a question ask mode refuses, by name).  Shared by :mod:`.ask` and the
several-bidders / several-goods answerers (:mod:`.auction_files`, :mod:`.goods_files`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Answer", "UnsupportedQuestion"]


class UnsupportedQuestion(ValueError):
    """The file asks something ask mode does not answer yet (the message names the objective and why)."""


@dataclass
class Answer:
    """One answer: a title, the exact statement, its verdict and details."""

    topic: str
    answer: str
    status: str
    details: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"topic": self.topic, "answer": self.answer, "status": self.status, "details": self.details,
                **({"data": self.data} if self.data else {})}
