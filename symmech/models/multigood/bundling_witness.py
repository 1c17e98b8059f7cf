"""Mechanisms that beat pure bundling, checked exactly: Prop. 1's witness and the exact LP's menu.

Haghpanah and Hartline, 'When Is Pure Bundling Optimal?' (2020), Prop. 1 and its proof (App. A.3.5):
pure bundling is optimal for *every* prior on a path ``v(b*, t) = t`` iff ``v(b, t) / t`` is
non-decreasing in t.  The 'only if' direction takes two types ``0 < t < t'`` and a bundle b with
``v(b,t)/t > v(b,t')/t'``, the prior ``mu(t) = 1 - t/t'``, ``mu(t') = t/t'`` (pure bundling earns t, at
price t or t') and the menu "b at v(b,t), b* at t' - v(b,t)(t'/t - 1) + eps", which earns
``t + (t/t') eps`` and is IC + IR exactly for ``0 <= eps <= eps_max``, where

    eps_max = v(b,t)(t'/t - 1) - max(0, v(b,t') - v(b,t))        (> 0 iff the ratio drops, spec R2)

is where the high type's truth-telling utility meets its best deviation: every larger eps breaks IC
or IR.  The construction uses only the two types, so it applies to any two types of a finite support
with distinct grand-bundle values.  :func:`prop1_witness` finds the pair and bundle with the largest
eps_max, builds the witness, and checks it exactly (IC/IR, revenue, binding constraint, the exact LP).

:func:`lp_menu` turns the exact LP optimum of a law into a menu of lotteries and re-checks it in
Fractions: IC and IR of the direct mechanism and its revenue under the menu's own choice rule.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from symmech.models.multigood.bundling import (
    Bundle,
    FiniteLaw,
    LotteryMenu,
    Valuation,
    fmt_bundle,
    grand,
    proper_bundles,
)


@dataclass(frozen=True)
class MenuCheck:
    """A direct mechanism (one item per type) checked exactly: ``ok`` iff IC and IR hold for every type."""

    ok: bool
    detail: str


def check_direct(types, items) -> MenuCheck:
    """IC and IR of the direct mechanism giving ``items[i] = (lottery, price)`` to ``types[i]`` (Fractions)."""
    for i, t in enumerate(types):
        own = t.value(items[i][0]) - items[i][1]
        if own < 0:
            return MenuCheck(False, f"IR fails for type {i}: utility {own}")
        for j, (lot, price) in enumerate(items):
            dev = t.value(lot) - price
            if dev > own:
                return MenuCheck(False, f"IC fails: type {i} gains {dev - own} by reporting type {j}")
    return MenuCheck(True, f"IC and IR hold exactly for all {len(types)} types ({len(types) ** 2} comparisons)")


def fmt_lottery(lot) -> str:
    parts = [f"{p}*{fmt_bundle(b)}" if p != 1 else fmt_bundle(b) for b, p in sorted(lot.items(), key=lambda kv:
                                                                                     sorted(kv[0])) if p]
    return " + ".join(parts) if parts else "nothing"


@dataclass(frozen=True)
class Prop1Witness:
    """Prop. 1's 'only if' witness on two support types (all values exact)."""

    bundle: Bundle
    low: Valuation
    high: Valuation
    eps_max: Fraction
    prior: FiniteLaw
    menu: LotteryMenu
    revenue: Fraction
    pb_revenue: Fraction
    lp_revenue: Fraction | None
    check: MenuCheck
    binding: bool
    violations: int

    @property
    def t(self) -> Fraction:
        return self.low.s

    @property
    def t_high(self) -> Fraction:
        return self.high.s

    def describe(self) -> str:
        b, t, tp = fmt_bundle(self.bundle), self.t, self.t_high
        items = "; ".join(f"{fmt_lottery(it.lottery)} at {it.price}" for it in self.menu.items)
        lp = "" if self.lp_revenue is None else f"; exact LP optimum on this prior {self.lp_revenue}" + (
            " (the witness is optimal)" if self.lp_revenue == self.revenue else "")
        return (f"bundle {b}, types t = {t} ({_vals(self.low)}) and t' = {tp} ({_vals(self.high)}): v({b}, t)/t = "
                f"{self.low.values[self.bundle] / t} > "
                f"v({b}, t')/t' = {self.high.values[self.bundle] / tp}; eps_max = v(b,t)(t'/t - 1) - max(0, v(b,t') - "
                f"v(b,t)) = {self.eps_max} (the largest of {self.violations} violating (b, t, t')); prior mu(t) = "
                f"{self.prior.probs[0]}, mu(t') = {self.prior.probs[1]}: pure bundling earns {self.pb_revenue}, the menu "
                f"[{items}] earns t + (t/t') eps_max = {self.revenue}; {self.check.detail}; at eps_max the high type's "
                f"IC/IR constraint binds ({'yes' if self.binding else 'NO'}), so no larger eps is IC{lp}")


def _vals(t: Valuation) -> str:
    return ", ".join(f"v{fmt_bundle(b)} = {v}" for b, v in t.values.items() if b)


@dataclass(frozen=True)
class Prop1Answer:
    """``status``: 'ratio-monotone' (no violating pair: Prop. 1's condition holds between distinct base values),
    'violated' (with ``witness``), or 'not applicable' (fewer than two distinct positive base values)."""

    status: str
    detail: str
    witness: Prop1Witness | None = None


def eps_max(v_low: Fraction, v_high: Fraction, t: Fraction, tp: Fraction) -> Fraction:
    """``v(b,t)(t'/t - 1) - max(0, v(b,t') - v(b,t))`` (App. A.3.5; positive iff v(b,t)/t > v(b,t')/t')."""
    return v_low * (tp / t - 1) - max(Fraction(0), v_high - v_low)


def witness_for(low: Valuation, high: Valuation, b: Bundle, *, violations: int = 1, lp: bool = True) -> Prop1Witness:
    """The A.3.5 witness for types ``low`` (t) and ``high`` (t' > t) and bundle b, checked exactly."""
    t, tp = low.s, high.s
    vl, vh = low.values[b], high.values[b]
    e = eps_max(vl, vh, t, tp)
    prior = FiniteLaw([low, high], [1 - t / tp, t / tp])
    high_price = tp - vl * (tp / t - 1) + e
    items = [({b: 1}, vl), ({grand(low.n): 1}, high_price)]
    menu = LotteryMenu(items)
    chk = check_direct([low, high], [({b: Fraction(1)}, vl), ({grand(low.n): Fraction(1)}, high_price)])
    u_high = tp - high_price
    binding = u_high == max(Fraction(0), vh - vl)
    lp_val = None
    if lp:
        from symmech.models.multigood.bundling_lp import optimal_revenue

        res = optimal_revenue(prior)
        lp_val = res.verify() if res.certified else None
    return Prop1Witness(b, low, high, e, prior, menu, menu.revenue(prior), prior.best_pure_bundling()[0], lp_val,
                        chk, binding, violations)


def prop1_witness(law: FiniteLaw) -> Prop1Answer:
    """Prop. 1 on the support of ``law``: every pair of types with ``0 < s < s'`` and every proper bundle; the
    violation with the largest eps_max gives the witness (ties: the first in type order)."""
    sup = []
    for t, p in zip(law.types, law.probs):
        if p > 0 and t.s > 0 and t not in sup:
            sup.append(t)
    sup.sort(key=lambda t: t.s)
    if len({t.s for t in sup}) < 2:
        return Prop1Answer("not applicable", "fewer than two distinct positive grand-bundle values: Prop. 1 (paths) "
                           "says nothing beyond pure bundling at the one value")
    best, count = None, 0
    for i, lo in enumerate(sup):
        for hi in sup[i + 1:]:
            if hi.s == lo.s:
                continue
            for b in proper_bundles(law.n):
                if lo.values[b] * hi.s > hi.values[b] * lo.s:
                    count += 1
                    e = eps_max(lo.values[b], hi.values[b], lo.s, hi.s)
                    if best is None or e > best[0]:
                        best = (e, lo, hi, b)
    path = len({t.s for t in sup}) == len(sup)
    where = "the support is a path (distinct grand-bundle values)" if path else \
        "the support is not a path; pairs with distinct grand-bundle values checked"
    if best is None:
        return Prop1Answer("ratio-monotone", f"v(b, t)/v(b*, t) is non-decreasing between every two support types "
                           f"with distinct grand-bundle values, for every bundle ({where})" +
                           ("; Prop. 1: pure bundling is optimal for every prior on this support" if path else ""))
    w = witness_for(best[1], best[2], best[3], violations=count)
    return Prop1Answer("violated", f"{where}; Prop. 1 'only if' (A.3.5): pure bundling is not optimal for every prior "
                       f"on this support", w)


@dataclass(frozen=True)
class LPMenu:
    """The exact LP optimum as a menu: one (lottery, price) per support type, rechecked in Fractions."""

    menu: LotteryMenu
    revenue: Fraction
    check: MenuCheck

    def describe(self, limit: int = 8) -> str:
        items = sorted({(fmt_lottery(it.lottery), it.price) for it in self.menu.items if it.price or it.lottery},
                       key=lambda kv: kv[1])
        shown = "; ".join(f"{lot} at {price}" for lot, price in items[:limit])
        more = f"; ... ({len(items)} items)" if len(items) > limit else ""
        return f"[{shown}{more}] earns {self.revenue}"


def lp_menu(law: FiniteLaw, res) -> LPMenu:
    """The menu of the exact LP optimum ``res`` (from :func:`~symmech.models.multigood.bundling_lp.optimal_revenue`),
    its IC/IR rechecked exactly and its revenue recomputed by the menu's choice rule (seller-favourable ties)."""
    from symmech.models.multigood.bundling_lp import mechanism_lp

    _, lay = mechanism_lp(law)
    types, bs, k = lay["types"], lay["bundles"], lay["k"]
    x = res.primal
    items = []
    for i in range(len(types)):
        lot = {bs[j]: Fraction(x[i * (k + 1) + j]) for j in range(k) if x[i * (k + 1) + j]}
        items.append((lot, Fraction(x[i * (k + 1) + k])))
    chk = check_direct(types, items)
    menu = LotteryMenu(items)
    return LPMenu(menu, menu.revenue(law), chk)
