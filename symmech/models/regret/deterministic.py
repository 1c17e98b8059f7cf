"""Deterministic posted-price menus over bundles (2^J prices, the taxation principle), exactly.

Koçyiğit, 'Distributional Robustness in Mechanism Design' (2020), Sec. 2.4.  A menu is a map
``bundle (frozenset of item indices) -> price`` with ``p_{} = 0``.  :func:`menu_regret` is the
worst-case regret ``z'_d`` of (2.16): the maximum over bundles S and over the polytope
``V_S(p, delta)`` (the buyer prefers S by at least delta) of ``sum_j (v_j - c_j)^+ - (p_S - 1_S.c)``;
the objective is convex in v, so the maximum is attained at a vertex, and vertices are enumerated
exactly (Fractions).  delta = 0 is the pessimistic reading (ties broken against the seller).
"""
from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Iterable, Mapping, Sequence

from symmech.models.objectives import ObjectiveError, check_costs
from symmech.models.regret.lp import _fr

Bundle = frozenset


def bundles(J: int) -> list[frozenset]:
    """All 2^J bundles of items 0..J-1."""
    if not isinstance(J, int) or J < 1:
        raise ObjectiveError(f"number of items J = {J!r} must be a positive integer")
    return [frozenset(s) for r in range(J + 1) for s in itertools.combinations(range(J), r)]


def additive_menu(prices: Sequence) -> dict[frozenset, Fraction]:
    """The menu with bundle prices summing item prices (no markups or discounts)."""
    ps = [_fr(p) for p in prices]
    return {S: sum((ps[j] for j in S), Fraction(0)) for S in bundles(len(ps))}


def optimal_menu(vbar: Sequence, c: Sequence) -> dict[frozenset, Fraction]:
    """(2.17): ``p*_S = 1/2 1_S.(v_bar + c)``."""
    check_costs(list(c), list(vbar))
    return additive_menu([(_fr(v) + _fr(x)) / 2 for v, x in zip(vbar, c)])


def _check_menu(menu: Mapping, J: int, empty_free: bool = False) -> dict[frozenset, Fraction]:
    m = {frozenset(S): _fr(p) for S, p in menu.items()}
    if set(m) != set(bundles(J)):
        raise ObjectiveError(f"a menu needs a price for each of the 2^{J} bundles")
    if m[frozenset()] != 0 and not empty_free:
        raise ObjectiveError("the empty bundle must cost 0 (p_{} = 0, Lemma 2.4.1 (ii))")
    return m


def _solve(rows: list[tuple[list[Fraction], Fraction]]) -> list[Fraction] | None:
    """Unique solution of a square system, or None (Gaussian elimination in Fractions)."""
    n = len(rows)
    A = [list(r) + [b] for r, b in rows]
    for col in range(n):
        piv = next((r for r in range(col, n) if A[r][col] != 0), None)
        if piv is None:
            return None
        A[col], A[piv] = A[piv], A[col]
        for r in range(n):
            if r != col and A[r][col] != 0:
                f = A[r][col] / A[col][col]
                A[r] = [x - f * y for x, y in zip(A[r], A[col])]
    return [A[i][n] / A[i][i] for i in range(n)]


def region_vertices(menu: Mapping, S: frozenset, vbar: Sequence, delta=0) -> list[tuple[Fraction, ...]]:
    """The vertices of ``V_S(p, delta)`` (box ``[0, v_bar]``), exactly."""
    J = len(vbar)
    vb = [_fr(x) for x in vbar]
    dl = _fr(delta)
    # constraints a.v <= b
    cons: list[tuple[list[Fraction], Fraction]] = []
    for j in range(J):
        e = [Fraction(0)] * J
        e[j] = Fraction(1)
        cons.append((e, vb[j]))
        cons.append(([-x for x in e], Fraction(0)))
    for T in bundles(J):
        if T == S:
            continue     # (1_T - 1_S).v <= p_T - p_S - delta
        cons.append(([Fraction(int(j in T) - int(j in S)) for j in range(J)], menu[T] - menu[S] - dl))
    out = set()
    for combo in itertools.combinations(cons, J):
        v = _solve(list(combo))
        if v is None:
            continue
        if all(sum((a * x for a, x in zip(r, v)), Fraction(0)) <= b for r, b in cons):
            out.add(tuple(v))
    return sorted(out)


def bundle_regret(v: Sequence[Fraction], S: frozenset, menu: Mapping, c: Sequence[Fraction]) -> Fraction:
    """``sum_j (v_j - c_j)^+ - (p_S - 1_S.c)``."""
    return (sum((max(x - cj, Fraction(0)) for x, cj in zip(v, c)), Fraction(0))
            - (menu[S] - sum((c[j] for j in S), Fraction(0))))


def menu_regret(menu: Mapping, vbar: Sequence, c: Sequence, delta=0, *,
                empty_free: bool = False) -> tuple[Fraction, tuple, frozenset]:
    """``max_S max_{v in V_S(p, delta)}`` regret (2.16) with a maximizing (value, bundle).
    ``empty_free`` admits menus with p_{} != 0 (as in Lemma 2.4.1 before its repricing)."""
    cs = [_fr(x) for x in check_costs(list(c), list(vbar))]
    m = _check_menu(menu, len(cs), empty_free)
    best: tuple | None = None
    for S in bundles(len(cs)):
        for v in region_vertices(m, S, vbar, delta):
            r = bundle_regret(v, S, m, cs)
            if best is None or r > best[0]:
                best = (r, v, S)
    if best is None:
        raise ObjectiveError("no bundle region is non-empty (delta too large?)")
    return best


def exhaustive_search(vbar: Sequence, c: Sequence, price_grid: Iterable) -> tuple[Fraction, dict, int]:
    """Minimum of :func:`menu_regret` (delta = 0) over every menu whose non-empty bundle prices lie in
    ``price_grid``; returns (min regret, a minimizing menu, number of menus)."""
    J = len(vbar)
    grid = [_fr(p) for p in price_grid]
    nonempty = [S for S in bundles(J) if S]
    best: tuple | None = None
    count = 0
    for prices in itertools.product(grid, repeat=len(nonempty)):
        menu = {frozenset(): Fraction(0), **dict(zip(nonempty, prices))}
        count += 1
        r = menu_regret(menu, vbar, c)[0]
        if best is None or r < best[0]:
            best = (r, menu)
    assert best is not None
    return best[0], best[1], count


def lemma_245_witness(menu: Mapping, vbar: Sequence, c: Sequence, delta) -> tuple[tuple, frozenset]:
    """The value profile of the proof of Lemma 2.4.5: with eps = p - p*, if some eps_S < 0 take S'
    minimizing eps and ``v_j = v_bar_j (j in S'), (v_bar_j + c_j)/2 - delta`` otherwise (Step 1);
    else S' = {} and ``v = (v_bar + c)/2 - delta`` (Step 2)."""
    cs = [_fr(x) for x in check_costs(list(c), list(vbar))]
    vb = [_fr(x) for x in vbar]
    dl = _fr(delta)
    if not (0 < dl <= min(v - x for v, x in zip(vb, cs)) / 2):
        raise ObjectiveError(f"delta = {dl} must lie in (0, min_j (v_bar_j - c_j)/2]")
    m = _check_menu(menu, len(cs))
    star = optimal_menu(vb, cs)
    eps = {S: m[S] - star[S] for S in m}
    S1 = min(sorted(eps, key=lambda S: (len(S), sorted(S))), key=lambda S: eps[S])
    if eps[S1] >= 0:
        S1 = frozenset()
    v = tuple(vb[j] if j in S1 else (vb[j] + cs[j]) / 2 - dl for j in range(len(cs)))
    return v, S1


def in_region(v: Sequence[Fraction], S: frozenset, menu: Mapping, delta) -> bool:
    """Whether the buyer with values v prefers S to every other bundle by at least delta."""
    u = lambda T: sum((v[j] for j in T), Fraction(0)) - menu[T]   # noqa: E731
    return all(u(S) >= u(T) + _fr(delta) for T in menu if T != S)


def min_utility(menu: Mapping, vbar: Sequence) -> Fraction:
    """``inf_v max_S 1_S.v - p_S`` over the box (a minimum of a convex function: attained at a vertex
    of some region V_S(p, 0)); the delta of Lemma 2.4.1, Step 2."""
    J = len(vbar)
    m = _check_menu(menu, J, True)
    best = None
    for S in bundles(J):
        for v in region_vertices(m, S, vbar, 0):
            u = sum((v[j] for j in S), Fraction(0)) - m[S]
            best = u if best is None or u < best else best
    assert best is not None
    return best


def argmax_condition(menu: Mapping, used: Sequence[frozenset], vbar: Sequence) -> tuple[bool, str]:
    """Condition (i) of Lemma 2.4.1 for the rule 'pick the best *used* bundle': at every vertex of
    every region of the used bundles, the chosen bundle is a utility maximizer over *all* bundles."""
    J = len(vbar)
    m = _check_menu(menu, J, True)
    sub = {S: m[S] for S in used}
    for S in used:
        # the regions among used bundles only
        for v in _vertices_among(sub, S, vbar):
            u = lambda T: sum((v[j] for j in T), Fraction(0)) - m[T]   # noqa: E731
            best = max(u(T) for T in m)
            if u(S) < best:
                return False, f"at v = {tuple(map(str, v))} the used bundle {sorted(S)} has utility {u(S)} < {best}"
    return True, "the chosen bundle maximizes utility over all bundles everywhere"


def _vertices_among(sub: Mapping, S: frozenset, vbar: Sequence) -> list:
    J = len(vbar)
    vb = [_fr(x) for x in vbar]
    cons = []
    for j in range(J):
        e = [Fraction(0)] * J
        e[j] = Fraction(1)
        cons.append((e, vb[j]))
        cons.append(([-x for x in e], Fraction(0)))
    for T in sub:
        if T != S:
            cons.append(([Fraction(int(j in T) - int(j in S)) for j in range(J)], sub[T] - sub[S]))
    out = set()
    for combo in itertools.combinations(cons, J):
        v = _solve(list(combo))
        if v is not None and all(sum((a * x for a, x in zip(r, v)), Fraction(0)) <= b for r, b in cons):
            out.add(tuple(v))
    return sorted(out)
