"""Conjecture files with ``objective = "ratio"``: one good, values in ``[a, b]`` with ``0 < a < b`` (support only),
the seller maximizing the worst case of ``E[t(v)/v]`` (:mod:`symmech.models.regret.ratio`).

``value = V`` is checked as ``V == 1/(1 + ln(b/a))`` together with the claims that prove that value (the seller's
equalizing price law and nature's law); ask mode answers the value with both laws.
"""
from __future__ import annotations

import time

import sympy as sp

from ..claims import Identity
from symmech.models.regret.ratio import interval_ratio_claims
from .evaluate import ClaimResult
from .limits import capped_out
from .regret_files import prove_parts
from .types import Conjecture

__all__ = ["SOURCE", "evaluate_ratio", "ratio_parts"]

SOURCE = "max-min competitive ratio on [a, b]: an equalizing random price and the equal-ratio law"


def ratio_parts(conj: Conjecture, cid: str = "value", value=None) -> tuple[sp.Expr, list]:
    """``(r, claims)``: the file's max-min ratio and the claims proving it; with ``value``, first the claim
    ``value == r``."""
    a, b = (sp.sympify(e) for e in conj.support)
    r, parts = interval_ratio_claims(a, b, prefix=cid, source=SOURCE)
    if value is not None:
        parts = [Identity(f"{cid}.equals", lhs=sp.sympify(value), rhs=r, source=SOURCE)] + parts
    return r, parts


def evaluate_ratio(conj: Conjecture, digits: int = 50) -> list[ClaimResult]:
    """One verdict per claim of a ratio file (every claim is exact)."""
    out = []
    for cid, value in conj.claims:
        t0 = time.perf_counter()
        try:
            _, parts = ratio_parts(conj, cid, value)
            v = prove_parts(cid, parts, digits)
        except Exception as exc:   # noqa: BLE001 - a failure is reported, never rounded up
            if capped_out():
                raise MemoryError(f"{type(exc).__name__}: {exc}") from exc
            out.append(ClaimResult(cid, "undecided", f"could not evaluate: {type(exc).__name__}: {exc}"))
            continue
        if v is None:
            out.append(ClaimResult(cid, "undecided", "time budget of 150 s ran out"))
            continue
        st = v.status.value
        ce = {"kind": "the claim that fails", "witness": v.witness, "value_there": v.witness_value} \
            if st == "refuted" else None
        out.append(ClaimResult(cid, st, f"{st} ({v.method}) in {time.perf_counter() - t0:.1f} s: {v.detail}"[:1500],
                               counterexample=ce))
    return out
