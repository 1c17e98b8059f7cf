"""The claim kinds that hints and rules state their obligations as.

Checking a claim can require checking an author's hint (a root's bracket, a rewrite), and checking a hint
means stating obligations -- "this expression is positive on this domain" -- as claims and checking them: a
mutual recursion between :mod:`symmech.claims.hints` (below) and :mod:`symmech.claims` (above).  This module is the
seam: :mod:`symmech.claims` provides its classes here when it is imported, and the floors below it build
obligations through :func:`Inequality` and :func:`Identity` without importing the claims module.
"""
from __future__ import annotations

from typing import Any

_CLASSES: dict[str, type] = {}


def provide(**classes: type) -> None:
    """Register the claim classes (called once, by :mod:`symmech.claims`)."""
    _CLASSES.update(classes)


def _cls(name: str) -> type:
    try:
        return _CLASSES[name]
    except KeyError:
        raise RuntimeError("no claim classes registered: import symmech (symmech.claims) first") from None


def Inequality(*args: Any, **kwargs: Any):  # noqa: N802 - stands for the class
    """An :class:`symmech.claims.Inequality` obligation."""
    return _cls("Inequality")(*args, **kwargs)


def Identity(*args: Any, **kwargs: Any):  # noqa: N802 - stands for the class
    """An :class:`symmech.claims.Identity` obligation."""
    return _cls("Identity")(*args, **kwargs)
