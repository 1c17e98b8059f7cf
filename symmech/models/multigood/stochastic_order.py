"""Stochastic monotonicity (upper sets, Haghpanah and Hartline (2020), Defs. 1-2), decided exactly on finite supports.

A vector x is stochastically non-decreasing in a scalar y when ``Pr[x in U | y]`` is non-decreasing
in y for every upper set U.  On finite supports this is decided by Strassen's theorem: for each
consecutive pair of conditioning values y < y' a *monotone coupling* of the two conditional laws
(mass moves only from x to x' >= x componentwise) must exist.  That is a transportation LP
(maximize the mass moved along arcs x <= x'); its exact optimum (:mod:`symmech.tactics.lp.exact`) is 1 iff
a coupling exists.  Holding: the coupling itself is rechecked in Fractions (marginals, support on
x <= x').  Failing: an upper set U with ``Pr[U | y] > Pr[U | y']`` is extracted from the LP dual and
rechecked exactly (the witness); transitivity of the order gives all pairs from consecutive ones.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Mapping, Sequence

Point = tuple


def leq(a: Point, b: Point) -> bool:
    """Componentwise a <= b."""
    return all(x <= y for x, y in zip(a, b))


def up_closure(generators: Sequence[Point], universe: Sequence[Point]) -> frozenset:
    """The points of ``universe`` above some generator (the upper set generated, restricted to the universe)."""
    return frozenset(u for u in universe if any(leq(g, u) for g in generators))


def is_upper_set(U: frozenset, universe: Sequence[Point]) -> bool:
    """Def. 1 on a finite universe: x in U and x <= x' imply x' in U."""
    return all(v in U for u in U for v in universe if leq(u, v))


def upper_sets_brute_force(universe: Sequence[Point]) -> set[frozenset]:
    """All upper sets of a small finite poset, by enumerating subsets (for tests of Def. 1)."""
    pts = list(universe)
    out = set()
    for mask in range(1 << len(pts)):
        U = frozenset(p for k, p in enumerate(pts) if mask >> k & 1)
        if is_upper_set(U, pts):
            out.add(U)
    return out


def antichain_closures(universe: Sequence[Point]) -> set[frozenset]:
    """The up-closures of all antichains (Def. 1: these are exactly the upper sets)."""
    pts = list(universe)
    out = set()
    for mask in range(1 << len(pts)):
        A = [p for k, p in enumerate(pts) if mask >> k & 1]
        if all(not (leq(a, b) and a != b) for a in A for b in A):
            out.add(up_closure(A, pts))
    return out


def mass(law: Mapping[Point, Fraction], U) -> Fraction:
    return sum((p for x, p in law.items() if x in U), Fraction(0))


@dataclass
class CouplingResult:
    """Outcome for one pair y < y': ``holds`` with a coupling, or a witness upper set (exact masses)."""

    holds: bool | None
    coupling: dict = field(default_factory=dict)
    upper_set: frozenset | None = None
    mass_low: Fraction | None = None
    mass_high: Fraction | None = None
    lp_value: Fraction | None = None
    lp_size: tuple = ()
    detail: str = ""


def monotone_coupling(low: Mapping[Point, Fraction], high: Mapping[Point, Fraction]) -> CouplingResult:
    """Decide ``low <=_st high`` exactly by the monotone-coupling transportation LP (module docstring)."""
    from symmech.tactics.lp.exact import LinearProgram, solve_exact

    lo = {tuple(x): Fraction(p) for x, p in low.items() if p}
    hi = {tuple(x): Fraction(p) for x, p in high.items() if p}
    xs, ys = sorted(lo), sorted(hi)
    arcs = [(i, j) for i, x in enumerate(xs) for j, y in enumerate(ys) if leq(x, y)]
    universe = sorted(set(xs) | set(ys))
    if not arcs:
        U = up_closure(xs, universe)
        return CouplingResult(False, upper_set=U, mass_low=mass(lo, U), mass_high=mass(hi, U),
                              detail="no point of the upper law lies above any point of the lower law")
    rows, b = [], []
    for i in range(len(xs)):
        rows.append({k: Fraction(1) for k, (a, _) in enumerate(arcs) if a == i})
        b.append(lo[xs[i]])
    for j in range(len(ys)):
        rows.append({k: Fraction(1) for k, (_, c) in enumerate(arcs) if c == j})
        b.append(hi[ys[j]])
    lp = LinearProgram(c=[1] * len(arcs), A_ub=rows, b_ub=b, maximize=True)
    res = solve_exact(lp)
    size = lp.size
    if not res.certified:
        return CouplingResult(None, lp_size=size, detail=f"transportation LP not certified: {res.reason}")
    val = res.verify()
    if val == 1:
        cp = {(xs[a], ys[c]): f for (a, c), f in zip(arcs, res.primal) if f}
        ok = all(sum((f for (x, _), f in cp.items() if x == xx), Fraction(0)) == lo[xx] for xx in xs) and \
            all(sum((f for (_, y), f in cp.items() if y == yy), Fraction(0)) == hi[yy] for yy in ys) and \
            all(leq(x, y) for x, y in cp)
        if not ok:  # pragma: no cover - the certificate said otherwise
            return CouplingResult(None, lp_size=size, detail="recovered coupling fails its exact recheck")
        return CouplingResult(True, coupling=cp, lp_value=val, lp_size=size,
                              detail=f"monotone coupling with {len(cp)} arcs (exact; LP optimum 1)")
    # failure: a witness upper set from the dual (row multipliers of the low law), rechecked exactly
    duals = [-y for y in res.dual_ub[:len(xs)]]
    cands = []
    for th in sorted(set(duals)):
        A = [x for x, a in zip(xs, duals) if a <= th]
        if A:
            cands.append(up_closure(A, universe))
    cands += [up_closure([x], universe) for x in xs]
    for U in cands:
        ml, mh = mass(lo, U), mass(hi, U)
        if ml > mh:
            return CouplingResult(False, upper_set=U, mass_low=ml, mass_high=mh, lp_value=val, lp_size=size,
                                  detail=f"max monotone transport {val} < 1; upper set loses mass {ml} -> {mh}")
    return CouplingResult(False, lp_value=val, lp_size=size,
                          detail=f"max monotone transport {val} < 1 (certified LP); no witness set extracted")


@dataclass
class OrderResult:
    """Outcome of Def. 2 on a finite joint law: ``holds`` (True/False/None) with per-pair detail and a witness."""

    holds: bool | None
    pairs: list = field(default_factory=list)   # (y, y', CouplingResult)
    witness: dict | None = None

    def describe(self) -> str:
        if self.holds:
            return (f"stochastically non-decreasing: monotone couplings for all {len(self.pairs)} consecutive "
                    f"pairs (exact)")
        if self.holds is None:
            return "undecided: " + "; ".join(r.detail for _, _, r in self.pairs if r.holds is None)
        w = self.witness or {}
        return (f"fails between y = {w.get('y')} and y' = {w.get('y_next')}: upper set {w.get('upper_set')} "
                f"has mass {w.get('mass_low')} > {w.get('mass_high')}")


def stochastically_nondecreasing(conditional: Mapping[Fraction, Mapping[Point, Fraction]]) -> OrderResult:
    """Def. 2 for ``conditional = {y: law of x given y}`` (exact; consecutive pairs + transitivity)."""
    ys = sorted(conditional)
    pairs = []
    undecided = False
    for y0, y1 in zip(ys, ys[1:]):
        r = monotone_coupling(conditional[y0], conditional[y1])
        pairs.append((y0, y1, r))
        if r.holds is False:
            w = {"y": str(y0), "y_next": str(y1),
                 "upper_set": None if r.upper_set is None else sorted(tuple(map(str, p)) for p in r.upper_set),
                 "mass_low": str(r.mass_low), "mass_high": str(r.mass_high)}
            return OrderResult(False, pairs, w)
        undecided |= r.holds is None
    return OrderResult(None if undecided else True, pairs)


def survival_ordered(low: Mapping[Fraction, Fraction], high: Mapping[Fraction, Fraction]) -> tuple[bool, object]:
    """Scalar case: ``Pr[x >= c | low] <= Pr[x >= c | high]`` for every c (exact); the first bad c otherwise."""
    for c in sorted(set(low) | set(high)):
        a = sum((p for x, p in low.items() if x >= c), Fraction(0))
        b = sum((p for x, p in high.items() if x >= c), Fraction(0))
        if a > b:
            return False, c
    return True, None
