"""The papers with a coverage table: ``symmech coverage KEY``."""
from __future__ import annotations

import importlib

from symmech.reports.papers.model import Paper, PaperError

MODULES = ("che_zhong", "carrasco", "haghpanah_hartline", "bikhchandani_mishra")


def papers() -> dict[str, Paper]:
    """Every registered paper by key, in registry order."""
    out = {}
    for name in MODULES:
        paper = importlib.import_module(f"{__package__}.{name}").PAPER
        out[paper.key] = paper
    return out


def get(key: str) -> Paper:
    """The paper ``key``; a clear error naming the known keys otherwise."""
    known = papers()
    if key not in known:
        raise PaperError(f"unknown paper {key!r}; known: {', '.join(known)}")
    return known[key]
