"""Counterexamples next to a claim's interior singularities: poles, jumps and branch points.

A false claim whose violation hides within 10^-40 of a pole (``tan(x) + 10^40 >= 0`` on ``[0, 3]``) or of a
jump (``atan(1/x) + 6/5 >= 0``) is missed by sampling and by a float search.  The kernel's continuity
whitelist (:mod:`symmech.kernel.continuity`) says where such points can be: where a condition of the
whitelist fails, i.e. at the zeros of its expression.  :func:`probe_singularities` solves for those zeros in
each bound variable's range, approaches each from both sides geometrically (exact rationals
``z +- 10^-j``, ``z`` rounded to 120 digits) and keeps the first point whose violation the rigorous witness
recheck (:func:`symmech.tactics.witness.recheck`) shows.  It never proves anything.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import sympy as sp

from symmech.tactics.budget import within_budget
from symmech.kernel.continuity import NotContinuous, obligations
from symmech.tactics.witness import Recheck, recheck

#: distances 10^-j at which a singular point is approached (both sides)
STEPS = (2, 4, 8, 12, 16, 24, 32, 41, 50, 64, 80, 100)
#: seconds for solving one condition for its zeros
SOLVE_SECONDS = 2.0


@dataclass(frozen=True)
class SingularHit:
    """A point next to a singular point where the claim is rigorously violated."""

    point: dict
    near: str
    recheck: Recheck


def _zeros(cond: sp.Expr, var: sp.Symbol, lo: sp.Expr, hi: sp.Expr) -> list[sp.Expr]:
    """Exact zeros of ``cond`` in ``var`` within ``[lo, hi]`` (SymPy's solveset under a budget); [] if unknown."""
    def solve():
        got = sp.solveset(sp.Eq(cond, 0), var, domain=sp.Interval(lo, hi))
        return list(got) if isinstance(got, sp.FiniteSet) else []
    try:
        out = within_budget(solve, SOLVE_SECONDS)
    except Exception:  # noqa: BLE001 - SymPy internals: no zeros known
        return []
    return [z for z in (out or []) if z.is_real and not z.free_symbols][:4]


def probe_singularities(f: sp.Expr, scope, bounds: Sequence, relation: str, digits: int,
                        scale: sp.Expr | None = None) -> SingularHit | None:
    """A rigorously checked violation of ``f rel 0`` next to a singular point of ``f`` inside the domain
    (parameters at the scope's first sample point, the other bound variables at their midpoints), or None."""
    if not bounds or scope.samples is not None and not scope.samples:
        return None
    try:
        conds = obligations(f, [v for v, _, _ in bounds])
    except NotContinuous:
        conds = []
    if not conds:
        return None
    try:
        base = dict(scope.sample_points(1)[0])
    except Exception:  # noqa: BLE001
        return None
    for i, (var, lo, hi) in enumerate(bounds):
        point: dict = dict(base)
        for w, wlo, whi in bounds:                    # the other bound variables at their midpoints
            if w is not var:
                a, b = sp.sympify(wlo).subs(point), sp.sympify(whi).subs(point)
                if not (a.is_finite and b.is_finite):
                    break
                point[w] = (a + b) / 2
        else:
            a, b = sp.sympify(lo).subs(point), sp.sympify(hi).subs(point)
            if a.free_symbols or b.free_symbols or not (a.is_finite and b.is_finite):
                continue
            for cond, _ in conds:
                c = sp.sympify(cond).subs({k: v for k, v in point.items() if k is not var})
                if c.free_symbols - {var}:
                    continue
                for z in _zeros(c, var, a, b):
                    hit = _approach(f, scope, point, var, z, a, b, relation, digits, scale)
                    if hit is not None:
                        return hit
    return None


def _approach(f, scope, point: Mapping, var, z, a, b, relation: str, digits: int, scale) -> SingularHit | None:
    q = sp.Rational(str(sp.N(z, 120))) if not z.is_Rational else z
    for j in STEPS:
        for side in (1, -1):
            x = q + side * sp.Integer(10) ** -j
            if not (a <= x <= b):
                continue
            at = {**point, var: x}
            r = recheck(f, scope, at, relation, digits, scale)
            if r.violated and r.rigorous:
                return SingularHit(at, f"{var} = {z} {'+' if side > 0 else '-'} 10^-{j}", r)
    return None
