"""Certificates produced by :func:`symmech.tactics.certify.certify` and their re-check.

A certificate of ``f rel 0`` on a box is a list of sub-boxes with exact
rational endpoints, each carrying the test that proved the claim on it and
the rigorous lower bound obtained (an exact dyadic rational, as a string):

* ``natural``    -- the interval extension of f on the box has lower end >= bound;
* ``monotone``   -- listed partial derivatives have a certified sign on the
                    successively reduced boxes, f is then bounded on the face
                    (``anchor`` set: by the mean-value form at that point);
* ``mean-value`` -- f(anchor) + grad f(box).(box - anchor), anchor in the box
                    (f(anchor) = 0 recognised exactly when SymPy proves it);
* ``taylor2``    -- second-order form at the anchor with an interval Hessian
                    (diagonal dominance bound).

``recheck`` rebuilds the problem from the original expression, re-derives
every box proof at the recorded precision, and checks that the boxes cover
the domain (open faces of a box are only allowed on open faces of the
domain).  Exact methods (``real-roots``, ``identity``) are re-run.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import sympy as sp


@dataclass(frozen=True)
class BoxProof:
    box: tuple                      # ((lo, hi, lo_open, hi_open), ...) of fmpq
    method: str                     # natural | monotone | mean-value | taylor2
    lower: str                      # rigorous lower bound (exact rational string) or "-oo"
    strict: bool = False            # bound is strict (open face + strict monotonicity)
    fixes: tuple = ()               # monotone: ((var index, "lo"|"hi"), ...)
    anchor: tuple | None = None     # point of the mean-value / Taylor form

    def box_str(self, names) -> str:
        parts = []
        for name, (lo, hi, lo_open, hi_open) in zip(names, self.box):
            parts.append(f"{name} in {'(' if lo_open else '['}{lo}, {hi}{')' if hi_open else ']'}")
        return ", ".join(parts)


@dataclass
class Certificate:
    expr: sp.Expr                   # the claim's left-hand side as given (f in f rel 0)
    variables: tuple                # SymPy symbols, in box order
    domain: tuple                   # ((lo, hi, lo_open, hi_open), ...) of fmpq
    relation: str
    prec: int
    method: str = "interval(arb)"   # or "real-roots(exact)" / "identity(symbolic)"
    proofs: list = field(default_factory=list)
    facts: list = field(default_factory=list)        # human-readable symbolic sub-proofs
    complete: bool = True
    uncovered: list = field(default_factory=list)    # boxes not covered (undecided runs)
    data: Any = None                                 # method-specific extra data

    def summary(self) -> str:
        names = [str(v) for v in self.variables]
        kinds: dict[str, int] = {}
        for p in self.proofs:
            kinds[p.method] = kinds.get(p.method, 0) + 1
        s = f"{len(self.proofs)} boxes ({', '.join(f'{k}: {v}' for k, v in sorted(kinds.items()))})"
        if self.uncovered:
            s += f"; {len(self.uncovered)} boxes not covered, e.g. " + \
                BoxProof(self.uncovered[0], "", "").box_str(names)
        return s


# --------------------------------------------------------------------------

def covers(domain, boxes) -> bool:
    """True iff the union of ``boxes`` covers ``domain`` (open faces of the
    domain need not be covered; a box's open face must lie on an open face
    of the domain)."""
    n = len(domain)
    # a box's open face must coincide with an open face of the domain
    for b in boxes:
        for (lo, hi, lo_open, hi_open), (dlo, dhi, dlo_open, dhi_open) in zip(b, domain):
            if lo_open and not (dlo_open and lo == dlo):
                return False
            if hi_open and not (dhi_open and hi == dhi):
                return False
    closed = [tuple((lo, hi) for lo, hi, _, _ in b) for b in boxes]
    target = tuple((lo, hi) for lo, hi, _, _ in domain)
    return _covers(target, closed, n, 0)


def _covers(target, boxes, n, depth) -> bool:
    if depth > 10_000:
        return False
    rel = [b for b in boxes if all(b[i][0] <= target[i][1] and b[i][1] >= target[i][0]
                                   for i in range(n))]
    if not rel:
        return False
    for b in rel:
        if all(b[i][0] <= target[i][0] and b[i][1] >= target[i][1] for i in range(n)):
            return True
    # split the target at an endpoint of a relevant box lying strictly inside
    best = None
    for b in rel:
        for i in range(n):
            for v in (b[i][0], b[i][1]):
                if target[i][0] < v < target[i][1]:
                    mid = (target[i][0] + target[i][1]) / 2
                    score = abs(v - mid) / (target[i][1] - target[i][0])
                    if best is None or score < best[0]:
                        best = (score, i, v)
    if best is None:
        return False
    _, i, v = best
    left = tuple((target[k][0], v) if k == i else target[k] for k in range(n))
    right = tuple((v, target[k][1]) if k == i else target[k] for k in range(n))
    return _covers(left, rel, n, depth + 1) and _covers(right, rel, n, depth + 1)


def frac(q) -> Fraction:
    return Fraction(int(q.p), int(q.q))
