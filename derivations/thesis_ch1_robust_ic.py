"""Koçyiğit, "Distributional Robustness in Mechanism Design" (EPFL thesis, 2020), Chapter 1, Sec. 1.2:
robust incentive compatibility (Prop. 1.2.1, Ex. 1.2.2), the envelope characterization (Prop. 1.2.2,
Cor. 1.2.1) and revenue equivalence (Thm. 1.2.2).

Ex. 1.2.2 and Prop. 1.2.1 are finite statements, checked exactly (rational arithmetic,
``symmech.models.auctions.robust_ic``): two bidders with values in {0, 4}, P_1 = (1/5, 1/2, 1/5, 1/10) on
((0,0), (4,0), (0,4), (4,4)), P_2 uniform; the all-pay auction (highest bid wins, ties to bidder 1,
each pays half the bid) is maxmin IC but neither distributionally robust, Hurwicz(1/2) nor
Bayesian((1/2, 1/2)) IC, so the converse of Prop. 1.2.1 fails; Vickrey satisfies all notions.
Prop. 1.2.2 and Cor. 1.2.1 are identities for every reserve and value; Thm. 1.2.2 is checked for the
all-pay equilibrium versus Vickrey with I iid U[0, 1] bidders, every real I in [2, 1000].
"""
from __future__ import annotations

from fractions import Fraction as F

import sympy as sp
from sympy import Integral, Max

from symmech import Derivation, Identity, Scope
from symmech.models.auctions import FiniteAmbiguitySet, RuleAuction, SecondPriceAuction, TieBreak, ValueSpace
from symmech.models.auctions.robust_ic import conditional_utility, ic_report
from symmech.models.multigood.knightian_lp import FiniteCheck

PAPER = "Koçyiğit, 'Distributional Robustness in Mechanism Design' (2020)"
I = sp.Symbol("I", positive=True)
r, s_, u, x, v = sp.symbols("r s u x v", nonnegative=True)
WIN = Max(s_, r) + u * (1 - Max(s_, r))     # a winner's value: at least max(s, r)
SCOPE = Scope({I: sp.Interval(2, 1000), r: sp.Interval(0, 1)})

SPACE = ValueSpace(2, 0, 4)
P1 = {(0, 0): F(1, 5), (4, 0): F(1, 2), (0, 4): F(1, 5), (4, 4): F(1, 10)}
P2 = {k: F(1, 4) for k in P1}
AMB = FiniteAmbiguitySet(2, (P1, P2))
_TB = TieBreak.lexicographic(2)
ALL_PAY = RuleAuction(2, lambda b: tuple(1 if i == _TB.winner(b) else 0 for i in range(2)),
                      lambda b: tuple(sp.sympify(x) / 2 for x in b), space=SPACE, name="all-pay (half bids)")
VICKREY = SecondPriceAuction(2, 0, space=SPACE)


def _src(x: str) -> str:
    return f"{PAPER}, {x}"


def _ex122_values() -> tuple[bool, str]:
    got = {(k, w): conditional_utility(ALL_PAY, law, 0, 4, w) for k, law in (("P1", P1), ("P2", P2)) for w in (4, 0)}
    want = {("P1", 4): F(2), ("P1", 0): F(10, 3), ("P2", 4): F(2), ("P2", 0): F(2)}
    b2 = {k: conditional_utility(ALL_PAY, law, 1, 4, 4) for k, law in (("P1", P1), ("P2", P2))}
    ok = got == want and b2 == {"P1": F(2, 3), "P2": F(0)}
    return ok, f"bidder 1 (v=4): {({f'{k},report {w}': str(val) for (k, w), val in got.items()})}; bidder 2 (v=4, truthful): {({k: str(x) for k, x in b2.items()})}"


def _notion(auction, notion: str, alpha=F(1, 2)):
    def run() -> tuple[bool, str]:
        ok, why = ic_report(auction, AMB, alpha=alpha)[notion]
        return ok, why or f"{notion} IC holds for {auction.name} on {{P_1, P_2}}"
    return run


# Ex. 1.2.2: bidder 1 with value 4 reporting 0, each notion's aggregate of the conditional utilities under
# {P_1, P_2} (truthful, deviation) as the spec states them (spec 003 part A, Ex. 1.2.2)
_AGGREGATE = {
    "distributionally_robust": (lambda t, dv: min(a - b for a, b in zip(t, dv)), F(2) - F(10, 3),
                                r"\min_k\,[U_{\mathbb P_k}(4,4) - U_{\mathbb P_k}(4,0)] = 2 - \tfrac{10}3 < 0"),
    "hurwicz": (lambda t, dv: (min(t) + max(t)) / 2 - (min(dv) + max(dv)) / 2, F(2) - F(8, 3),
                r"\tfrac12(\min+\max)_k U_{\mathbb P_k}(4,4) - \tfrac12(\min+\max)_k U_{\mathbb P_k}(4,0) = 2 - \tfrac83 < 0"),
    "bayesian": (lambda t, dv: sum(t) / 2 - sum(dv) / 2, F(2) - F(8, 3),
                 r"\tfrac12\textstyle\sum_k U_{\mathbb P_k}(4,4) - \tfrac12\sum_k U_{\mathbb P_k}(4,0) = 2 - \tfrac83 < 0"),
}


def _deviation_pays(notion: str):
    """The counterexample to ``notion`` IC of the all-pay auction: bidder 1 (v_1 = 4) reporting 0, computed
    from the model's conditional utilities, has the negative margin the spec gives."""
    agg, want, _tex = _AGGREGATE[notion]

    def run() -> tuple[bool, str]:
        t = [conditional_utility(ALL_PAY, law, 0, 4, 4) for law in (P1, P2)]
        dv = [conditional_utility(ALL_PAY, law, 0, 4, 0) for law in (P1, P2)]
        margin = agg(t, dv)
        return margin == want and margin < 0, (f"bidder 1, v_1 = 4, report 0: truthful {[str(x) for x in t]}, deviation "
                                                f"{[str(x) for x in dv]} under (P_1, P_2): {notion} margin {margin} (spec {want})")
    return run


def _claims() -> list:
    E122, P121, P122 = _src("Ex. 1.2.2"), _src("Prop. 1.2.1"), _src("Prop. 1.2.2")
    claims = [
        FiniteCheck("ex122_values", compute=_ex122_values, source=E122,
                    statement=r"U_{\mathbb P_1}(4,4) = 2,\ U_{\mathbb P_1}(4,0) = \tfrac{10}3,\ U_{\mathbb P_2}(4,4) = U_{\mathbb P_2}(4,0) = 2"),
        FiniteCheck("ex122_maxmin_ic", compute=_notion(ALL_PAY, "maxmin"), source=E122,
                    statement=r"\text{the all-pay auction is maxmin IC on}\ \{\mathbb P_1,\mathbb P_2\}"),
        FiniteCheck("ex122_dr_ic", compute=_notion(ALL_PAY, "distributionally_robust"), source=E122, expect="fails",
                    corrected="ex122_dr_ic_violated",
                    statement=r"\text{the all-pay auction is distributionally robust IC (IC-D)}",
                    note="the thesis's point: maxmin IC does not imply (IC-D) (2 < 10/3 under P_1)"),
        FiniteCheck("ex122_hurwicz_ic", compute=_notion(ALL_PAY, "hurwicz"), source=E122, expect="fails",
                    corrected="ex122_hurwicz_ic_violated",
                    statement=r"\text{the all-pay auction is Hurwicz}(\tfrac12)\ \text{IC}", note="2 < 8/3"),
        FiniteCheck("ex122_bayesian_ic", compute=_notion(ALL_PAY, "bayesian"), source=E122, expect="fails",
                    corrected="ex122_bayesian_ic_violated",
                    statement=r"\text{the all-pay auction is Bayesian}((\tfrac12,\tfrac12))\ \text{IC}", note="2 < 8/3"),
    ]
    claims += [FiniteCheck(f"ex122_{short}_ic_violated", compute=_deviation_pays(notion), source=E122,
                           statement=r"\text{bidder 1},\ v_1 = 4 \text{ reporting } 0:\ " + _AGGREGATE[notion][2],
                           note="the counterexample the thesis gives, computed from the model (the corrected twin of "
                                f"ex122_{short}_ic)")
               for short, notion in (("dr", "distributionally_robust"), ("hurwicz", "hurwicz"), ("bayesian", "bayesian"))]
    claims += [
        FiniteCheck("p121_vickrey_all_notions",
                    compute=lambda: (all(ok for ok, _ in ic_report(VICKREY, AMB).values()),
                                     "; ".join(f"{n}: {'holds' if ok else why}" for n, (ok, why) in ic_report(VICKREY, AMB).items())),
                    source=P121, statement=r"\text{Vickrey: ex-post IC} \Rightarrow \text{(IC-D)} \Rightarrow \text{maxmin, Hurwicz, Bayesian IC on}\ \{\mathbb P_1,\mathbb P_2\}"),
        Identity("p122_envelope_spa", lhs=WIN - Integral(1, (x, Max(s_, r), WIN)),
                 rhs=Max(s_, r), over=[(u, 0, 1), (s_, 0, 1)], source=P122 + "(i), Cor. 1.2.1",
                 statement=r"q_i v_i - \int_0^{v_i} q_i(x, v_{-i})dx = \max\{\max_{j\ne i}v_j, r\}\ \text{for the SPA winner}",
                 note="q_i(x, v_-i) = 1[x >= max(s, r)] (nondecreasing: ex-post IC by Prop. 1.2.2(i)); the winner's "
                      "value is v_i = max(s, r) + u (1 - max(s, r))"),
        Identity("t122_all_pay_vs_vickrey",
                 lhs=I * Integral((I - 1) / I * v**I, (v, 0, 1)), rhs=I * (I - 1) * Integral(v**(I - 1) * (1 - v), (v, 0, 1)),
                 source=_src("Thm. 1.2.2"),
                 statement=r"I\,\mathbb E\big[\tfrac{I-1}{I}\tilde v^I\big] = \mathbb E[\tilde v_{(2)}] = \tfrac{I-1}{I+1}\ \text{(iid } U[0,1])",
                 note="same allocation (highest wins), u_i(0, .) = 0: the all-pay equilibrium and Vickrey earn the same"),
    ]
    return claims


DERIVATION = Derivation(
    name="thesis_ch1_robust_ic",
    title="Koçyiğit (2020), Ch. 1, Sec. 1.2: robust IC notions (Ex. 1.2.2), envelope payments, revenue equivalence",
    scope=SCOPE,
    claims=_claims(),
    model=r"I\ge2 \text{ bidders, Knightian preferences over an ambiguity set } \mathcal P",
    references=(PAPER + ", Ch. 1",),
)
