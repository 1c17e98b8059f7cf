"""Selling the goods separately on a finite law: each good at a posted price, exactly.

Haghpanah and Hartline, 'When Is Pure Bundling Optimal?' (2020), Sec. 1: "selling products separately,
i.e., offering each product at a price".  The buyer facing item prices ``P_1..P_n`` takes a bundle ``b``
maximizing ``v(b, t) - sum_{i in b} P_i`` (ties to the seller: the highest payment, buying at zero
utility), so for non-additive values the goods' sales interact.

* Additive values: the goods separate; good i's best price is a support point of ``v_i`` and the revenue
  is ``sum_i max_P P Pr[v_i >= P]`` (exact).
* Other values: the revenue is piecewise linear in the price vector, constant-choice on the faces of
  the arrangement of the indifference hyperplanes ``v(b,t) - v(b',t) = P(b) - P(b')`` in the box
  ``[0, max v(b*)]^n``; with seller-favourable ties it is upper semicontinuous on each face, so the
  maximum is at a vertex of the arrangement.  Every vertex is enumerated and evaluated in Fractions
  (when their number is small enough; otherwise "not computed", with the count).
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction

from symmech.models.multigood.bundling import FiniteLaw, LotteryMenu, all_bundles

#: most (candidate price vectors x types x bundles) evaluated before giving up (about a second per million)
MAX_WORK = 3_000_000


@dataclass(frozen=True)
class SeparateSales:
    """The best revenue from posted item prices; ``revenue`` None when not computed (``how`` says why)."""

    revenue: Fraction | None
    prices: tuple[Fraction, ...] | None
    how: str


def is_additive(law: FiniteLaw) -> bool:
    """Every type's value of every bundle is the sum of its goods' values."""
    for t in law.types:
        for b, v in t.values.items():
            if v != sum((t.values[frozenset({i})] for i in b), Fraction(0)):
                return False
    return True


def item_pricing_revenue(law: FiniteLaw, prices) -> Fraction:
    """Revenue of posting ``prices`` (one per good): the menu of every bundle at the sum of its prices."""
    menu = LotteryMenu([({b: 1}, sum((prices[i - 1] for i in b), Fraction(0))) for b in all_bundles(law.n) if b])
    return menu.revenue(law)


def _support(law: FiniteLaw):
    return [(t, p) for t, p in zip(law.types, law.probs) if p > 0]


def _additive(law: FiniteLaw) -> SeparateSales:
    prices, total = [], Fraction(0)
    sup = _support(law)
    for i in range(1, law.n + 1):
        vals = sorted({t.values[frozenset({i})] for t, _ in sup if t.values[frozenset({i})] > 0})
        best, arg = Fraction(0), Fraction(0)
        for P in vals:
            r = P * sum((p for t, p in sup if t.values[frozenset({i})] >= P), Fraction(0))
            if r > best:
                best, arg = r, P
        prices.append(arg)
        total += best
    return SeparateSales(total, tuple(prices), "additive values: each good at its optimal posted price, a support "
                         "point of its value (exact)")


def _solve(rows: list[tuple[tuple[int, ...], Fraction]]) -> tuple[Fraction, ...] | None:
    """The unique solution of the square system ``a . P = c`` (Fractions), None if singular."""
    n = len(rows)
    M = [[Fraction(a) for a in r] + [c] for r, c in rows]
    for col in range(n):
        piv = next((k for k in range(col, n) if M[k][col] != 0), None)
        if piv is None:
            return None
        M[col], M[piv] = M[piv], M[col]
        for k in range(n):
            if k != col and M[k][col] != 0:
                f = M[k][col] / M[col][col]
                M[k] = [x - f * y for x, y in zip(M[k], M[col])]
    return tuple(M[k][n] / M[k][k] for k in range(n))


def _item_pricing(law: FiniteLaw) -> SeparateSales:
    n, sup = law.n, _support(law)
    bs = all_bundles(n)
    top = max(t.s for t, _ in sup)
    planes: set[tuple[tuple[int, ...], Fraction]] = set()
    for t, _ in sup:
        for b, b2 in itertools.combinations(bs, 2):
            a = tuple((i in b) - (i in b2) for i in range(1, n + 1))
            c = t.values[b] - t.values[b2]
            if next(x for x in a if x) < 0:
                a, c = tuple(-x for x in a), -c
            planes.add((a, c))
    for i in range(n):
        e = tuple(int(k == i) for k in range(n))
        planes |= {(e, Fraction(0)), (e, top)}
    planes_l = sorted(planes)
    combos = 1
    for k in range(n):
        combos = combos * (len(planes_l) - k) // (k + 1)
    work = combos * len(sup) * len(bs)
    if work > MAX_WORK:
        return SeparateSales(None, None, f"not computed: {len(planes_l)} indifference hyperplanes give up to {combos} "
                             f"candidate price vectors (x {len(sup)} types x {len(bs)} bundles > {MAX_WORK})")
    seen: set = set()
    best, arg = Fraction(-1), None
    members = [[i - 1 for i in b] for b in bs]
    vals = [([t.values[b] for b in bs], p) for t, p in sup]
    for rows in itertools.combinations(planes_l, n):
        P = _solve(list(rows))
        if P is None or P in seen or any(p < 0 or p > top for p in P):
            continue
        seen.add(P)
        pay = [sum((P[i] for i in m), Fraction(0)) for m in members]
        r = Fraction(0)
        for vs, mass in vals:          # the type's utility-maximizing bundles; the highest payment among them
            u = [v - c for v, c in zip(vs, pay)]
            top_u = max(u)
            r += mass * max(c for uu, c in zip(u, pay) if uu == top_u)
        if r > best:
            best, arg = r, P
    if item_pricing_revenue(law, arg) != best:      # the menu's own choice rule must agree
        raise AssertionError("item-pricing revenue disagrees with the menu evaluation")
    return SeparateSales(best, arg, f"item prices (values are not additive: the buyer picks a utility-maximizing "
                         f"set of goods); exact maximum over the {len(seen)} vertices of the price arrangement")


def separate_sales(law: FiniteLaw) -> SeparateSales:
    """The optimal revenue of selling the goods separately (posted item prices), exactly (see the module doc)."""
    return _additive(law) if is_additive(law) else _item_pricing(law)
