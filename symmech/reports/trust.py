"""The trust report: which author hints each verdict rests on, and whether symmech checked them.

Like a proof assistant's list of the axioms a theorem depends on.  A ``proved`` verdict that
used a hint the tool could not prove or certify is capped at ``confirmed`` by the provers
(:func:`symmech.claims.hints.cap`); this module only reports.
"""
from __future__ import annotations

from typing import Iterable

from symmech.kernel.verdict import Hint


def rows(report) -> list[tuple[str, str, Hint]]:
    """``(claim id, verdict status, hint)`` for every hint of every claim of a derivation report."""
    return [(r.claim.id, r.verdict.status.value, h) for r in report.results for h in r.verdict.trust]


def unchecked(report) -> list[tuple[str, Hint]]:
    """The hints that verdicts *used* although they were not proved or certified."""
    return [(cid, h) for cid, _, h in rows(report) if h.used and not h.checked]


def lines(report, everything: bool = False) -> list[str]:
    """Plain-text lines of the trust report (one per hint; ``everything`` adds the checked ones)."""
    out = []
    for cid, status, h in rows(report):
        if everything or not h.checked:
            out.append(f"{cid} [{status}]: {h.describe()}")
    return out


def summary(reports: Iterable) -> str:
    """One line: how many hints were checked, and how many used hints were not."""
    total = checked = weak = 0
    for rep in reports:
        for _, _, h in rows(rep):
            total += 1
            checked += h.checked
            weak += h.used and not h.checked
    return (f"trust: {total} hint uses, {checked} checked (proved or certified), "
            f"{weak} used without a proof" + ("" if weak else " -- no verdict rests on an unchecked hint"))
