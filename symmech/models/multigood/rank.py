"""Exact checks of the properties in Bikhchandani and Mishra, "Rank-preserving Multidimensional
Mechanisms" (2022) on finite type sets: IC, IR, symmetry (adjacent transpositions, C3), rank
preservation (Def. 2), weak majorization and majorization monotonicity (Def. 6), almost
determinism (Def. 8), object non-bossiness (Def. 7), monotone payments (eq. (8)) and revenue
monotonicity under the usual stochastic order (Def. 5 with C4: FOSD pairs built by monotone maps).

A grid mechanism is a dict ``type -> (q, t)`` with exact (Fraction) entries; :func:`tabulate`
builds one from any callable mechanism (menus: :func:`menu_mechanism`).  Every check returns
``(holds, detail)``; ``detail`` names the first violation (a counterexample) or what was checked.
"""
from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Callable, Iterable, Mapping, Sequence

from symmech.models.multigood.symmetric import (
    AllocationError,
    Law,
    Point,
    act,
    adjacent_transpositions,
    check_mh_allocation,
    check_mi_allocation,
    is_decreasing,
)

GridMech = Mapping[Point, tuple[tuple, Fraction]]
Result = tuple[bool, str]


def _s(v) -> str:
    return "(" + ", ".join(map(str, v)) + ")"


def grid(values: Sequence, n: int, model: str = "H") -> list[Point]:
    """``values^n`` (model ``"H"``) or its decreasing part (model ``"I"``), exact."""
    vals = sorted({Fraction(x) for x in values})
    pts = list(itertools.product(vals, repeat=n))
    if model == "I":
        return [p for p in pts if is_decreasing(p)]
    if model != "H":
        raise ValueError(f"model must be 'H' or 'I', got {model!r}")
    return pts


def menu_mechanism(items: Sequence[tuple[Sequence, object]], *, model: str = "H",
                   tie: str = "lexmax") -> Callable[[Point], tuple[tuple, object]]:
    """The buyer's choice from a menu ``[(x, p), ...]`` plus the outside option ``(0, 0)``.

    Ties are broken towards the lexicographically largest allocation (``"lexmax"``: the L-maximal
    selection of Def. 11 for menus), or the lexicographically smallest (``"lexmin"``).  In ``M^I``
    every menu item must satisfy (1).
    """
    if tie not in ("lexmax", "lexmin"):
        raise ValueError(f"tie must be 'lexmax' or 'lexmin', got {tie!r}")
    its = [(tuple(x), p) for x, p in items]
    if not its:
        raise ValueError("empty menu")
    n = len(its[0][0])
    for x, _ in its:
        if len(x) != n:
            raise ValueError("menu items of different lengths")
        (check_mi_allocation if model == "I" else check_mh_allocation)(x)
    its.append((tuple([0] * n), 0))

    def choose(v: Point):
        best = None
        for x, p in its:
            u = sum((a * b for a, b in zip(v, x)), 0) - p
            key = (u, x) if tie == "lexmax" else (u, tuple(-a for a in x))
            if best is None or key > best[0]:
                best = (key, x, p)
        return best[1], best[2]
    return choose


def tabulate(mech: Callable[[Point], tuple[tuple, object]], types: Iterable[Point]) -> dict:
    return {tuple(v): tuple(mech(tuple(v))) for v in types}


def utility(mech: GridMech, v: Point, report: Point | None = None):
    q, t = mech[v if report is None else report]
    return sum((a * b for a, b in zip(v, q)), 0) - t


def check_ic(mech: GridMech) -> Result:
    """``u(v) >= v.q(w) - t(w)`` for all pairs of grid types (largest gain reported if violated)."""
    worst = None
    for v in mech:
        uv = utility(mech, v)
        for w in mech:
            gain = utility(mech, v, w) - uv
            if gain > 0 and (worst is None or gain > worst[0]):
                worst = (gain, v, w)
    if worst:
        g, v, w = worst
        return False, f"type {_s(v)} gains {g} by reporting {_s(w)}"
    return True, f"IC on all {len(mech) ** 2} pairs of {len(mech)} types"


def check_ir(mech: GridMech) -> Result:
    for v in mech:
        if utility(mech, v) < 0:
            return False, f"u{_s(v)} = {utility(mech, v)} < 0"
    return True, f"IR at all {len(mech)} types"


def check_feasible(mech: GridMech, model: str) -> Result:
    try:
        for v, (q, _) in mech.items():
            if model == "I":
                if not is_decreasing(v):
                    return False, f"type {_s(v)} is not in bar D^I"
                check_mi_allocation(q, v)
            else:
                check_mh_allocation(q, v)
    except AllocationError as exc:
        return False, str(exc)
    return True, f"feasible in M^{model} at all {len(mech)} types"


def check_symmetric(mech: GridMech) -> Result:
    """Def. 1 through the adjacent transpositions (C3): ``q(v^s) = q(v)^s`` and ``t(v^s) = t(v)``."""
    n = len(next(iter(mech)))
    for v, (q, t) in mech.items():
        for s in adjacent_transpositions(n):
            u = act(v, s)
            if u not in mech:
                return False, f"the grid is not closed under permutations: {_s(u)} missing"
            q2, t2 = mech[u]
            if tuple(q2) != act(q, s) or t2 != t:
                return False, (f"not symmetric: q{_s(u)} = {_s(q2)}, t = {t2} but q{_s(v)}^s = {_s(act(q, s))}, "
                               f"t = {t} for s = {s}")
    return True, f"symmetric (adjacent transpositions) at all {len(mech)} types"


def check_rank_preserving(mech: GridMech) -> Result:
    """Def. 2: ``v_i > v_j  =>  q_i(v) >= q_j(v)``."""
    for v, (q, _) in mech.items():
        for i, j in itertools.permutations(range(len(v)), 2):
            if v[i] > v[j] and q[i] < q[j]:
                return False, f"not rank preserving at {_s(v)}: v_{i + 1} > v_{j + 1} but q = {_s(q)}"
    return True, f"rank preserving at all {len(mech)} types"


def top_sums(q: Sequence) -> list:
    s = sorted(q, reverse=True)
    return [sum(s[:k + 1], 0 * s[0]) for k in range(len(s))]


def weakly_majorizes(a: Sequence, b: Sequence) -> bool:
    """``a >_w b``: every top-k sum of ``a`` is at least that of ``b``."""
    return all(x >= y for x, y in zip(top_sums(a), top_sums(b)))


def _lines(mech: GridMech) -> Iterable[tuple[Point, Point, int]]:
    """Pairs (v, v') of grid types that differ in exactly one coordinate i, with v_i < v'_i."""
    keys = list(mech)
    for v, w in itertools.permutations(keys, 2):
        diff = [i for i in range(len(v)) if v[i] != w[i]]
        if len(diff) == 1 and v[diff[0]] < w[diff[0]]:
            yield v, w, diff[0]


def check_mm(mech: GridMech) -> Result:
    """Def. 6 on coordinate lines: ``q_i(v') > q_i(v)  =>  q(v') >_w q(v)``."""
    k = 0
    for v, w, i in itertools.chain(_lines(mech), ((w, v, i) for v, w, i in _lines(mech))):
        k += 1
        qv, qw = mech[v][0], mech[w][0]
        if qw[i] > qv[i] and not weakly_majorizes(qw, qv):
            return False, (f"not majorization monotone: q_{i + 1} rises from {_s(v)} to {_s(w)} but "
                           f"{_s(qw)} does not weakly majorize {_s(qv)}")
    return True, f"majorization monotone on {k} ordered coordinate pairs"


def is_almost_deterministic(q: Sequence) -> bool:
    return sum(1 for x in q if x not in (0, 1)) <= 1


def check_almost_deterministic(mech: GridMech) -> Result:
    for v, (q, _) in mech.items():
        if not is_almost_deterministic(q):
            return False, f"q{_s(v)} = {_s(q)} has two fractional entries"
    return True, f"almost deterministic at all {len(mech)} types"


def random_index(q: Sequence) -> int | None:
    """The index k of Def. 8 (the fractional entry), or None for a deterministic vector."""
    ks = [i for i, x in enumerate(q) if x not in (0, 1)]
    if len(ks) > 1:
        raise ValueError(f"{_s(q)} is not almost deterministic")
    return ks[0] if ks else None


def check_deterministic(mech: GridMech) -> Result:
    for v, (q, _) in mech.items():
        if any(x not in (0, 1) for x in q):
            return False, f"q{_s(v)} = {_s(q)} is random"
    return True, f"deterministic at all {len(mech)} types"


def check_non_bossy(mech: GridMech) -> Result:
    """Def. 7 on coordinate lines: ``q_i(v) = q_i(v')  =>  q(v) = q(v')``."""
    for v, w, i in _lines(mech):
        qv, qw = mech[v][0], mech[w][0]
        if qv[i] == qw[i] and tuple(qv) != tuple(qw):
            return False, f"bossy in coordinate {i + 1}: q{_s(v)} = {_s(qv)}, q{_s(w)} = {_s(qw)}"
    return True, f"object non-bossy on all coordinate lines of {len(mech)} types"


def check_payment_monotone(mech: GridMech) -> Result:
    """Eq. (8) on the grid: ``v' >= v`` componentwise  =>  ``t(v') >= t(v)``."""
    for v, w in itertools.permutations(mech, 2):
        if all(a <= b for a, b in zip(v, w)) and mech[w][1] < mech[v][1]:
            return False, f"t{_s(w)} = {mech[w][1]} < t{_s(v)} = {mech[v][1]} although {_s(w)} >= {_s(v)}"
    return True, f"payments nondecreasing on all comparable pairs of {len(mech)} types"


def revenue(mech: GridMech, law: Law) -> Fraction:
    """``REV = int t dF`` (C6) for a law on the mechanism's types."""
    out = Fraction(0)
    for v, w in law.items():
        if v not in mech:
            raise KeyError(f"the law charges {_s(v)}, which is not a type of the mechanism")
        out += w * mech[v][1]
    return out


def push_forward(law: Law, h: Callable[[Point], Point], *, model: str = "H") -> dict:
    """The law of ``h(v)`` for a map with ``h(v) >= v`` componentwise (C4: then the image dominates
    ``law`` in the usual stochastic order).  In ``M^I`` the image must stay decreasing."""
    out: dict = {}
    for v, w in law.items():
        u = tuple(h(v))
        if any(a < b for a, b in zip(u, v)):
            raise ValueError(f"h{_s(v)} = {_s(u)} is not >= {_s(v)}: not an FOSD map")
        if model == "I" and not is_decreasing(u):
            raise ValueError(f"h{_s(v)} = {_s(u)} leaves bar D^I")
        out[u] = out.get(u, Fraction(0)) + w
    return out


def check_revenue_monotone(mech: GridMech, *, model: str = "H", laws: Sequence[Law] | None = None) -> Result:
    """Def. 5 on the grid.  Every law is a mixture of point masses and every FOSD pair on a grid is a
    coupling with ``v' >= v`` (Strassen, C4), so revenue monotonicity for *all* FOSD pairs of laws on
    the grid is equivalent to eq. (8) on the grid; this checks (8) and, if ``laws`` are given, also
    the one-step shifts ``v -> v + e_i`` of each law (within the grid)."""
    ok, detail = check_payment_monotone(mech)
    if not ok:
        return False, "revenue not monotone (point masses): " + detail
    for law in laws or ():
        for i in range(len(next(iter(law)))):
            vals = sorted({v[i] for v in mech})

            def up(v, i=i, vals=vals):
                k = vals.index(v[i])
                u = list(v)
                u[i] = vals[min(k + 1, len(vals) - 1)]
                return tuple(u) if (model == "H" or is_decreasing(u)) else tuple(v)
            hi = push_forward(law, up, model=model)
            if revenue(mech, hi) < revenue(mech, law):
                return False, f"shifting coordinate {i + 1} up lowers revenue {revenue(mech, law)} -> {revenue(mech, hi)}"
    return True, detail + "; hence revenue monotone for every FOSD pair of laws on the grid"


def random_menu(rng, n: int, model: str = "I", items: int = 3, den: int = 4, price_den: int = 4,
                top: int = 3) -> list[tuple[tuple, Fraction]]:
    """A random menu with rational entries (``rng``: a ``random.Random``); in ``M^I`` the items are sorted
    so that (1) holds.  For property checks on grids."""
    out = []
    for _ in range(items):
        x = [Fraction(rng.randint(0, den), den) for _ in range(n)]
        if model == "I":
            x.sort(reverse=True)
        p = Fraction(rng.randint(0, top * n * price_den), price_den)
        out.append((tuple(x), p))
    return out
