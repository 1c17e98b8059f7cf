"""Incentive compatibility notions of Def. 1.2.6 and (IC-D) on FINITE ambiguity sets, exactly.

For a :class:`~symmech.models.auctions.FiniteAmbiguitySet` ``{P_1, ..., P_K}`` of finite laws on profiles and an
:class:`~symmech.models.auctions.Auction`, bidder i of type v_i reporting w_i gets, under P_k, the conditional
expected utility ``U_k(v_i, w_i) = E_{P_k}[q_i(w_i, v_-i) v_i - m_i(w_i, v_-i) | v_i]`` (laws with
``P_k(v_i) = 0`` are skipped).  Then (all exact rationals):

* ex-post IC: ``u_i(v_i; v) >= u_i(w_i; v_i, v_-i)`` at every profile of the supports;
* distributionally robust (IC-D): ``min_k [U_k(v_i, v_i) - U_k(v_i, w_i)] >= 0``;
* maxmin: ``min_k U_k(v_i, v_i) >= min_k U_k(v_i, w_i)``;
* Hurwicz(alpha): ``alpha min + (1 - alpha) max`` of each side;
* Bayesian(Q): ``sum_k Q_k U_k`` of each side.

:func:`ic_report` returns, per notion, ``(holds, witness)`` with the first violation.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Sequence

import sympy as sp

from symmech.models.auctions.ambiguity import FiniteAmbiguitySet
from symmech.models.auctions.auction import Auction
from symmech.models.auctions.errors import AuctionError

NOTIONS = ("ex_post", "distributionally_robust", "maxmin", "hurwicz", "bayesian")


def _q(x) -> Fraction:
    x = sp.nsimplify(sp.sympify(x))
    if not x.is_Rational:
        raise AuctionError(f"exact finite checks need rational outcomes, got {x}")
    return Fraction(int(x.p), int(x.q))


def ex_post_utility(auction: Auction, i: int, vi, report, others: dict) -> Fraction:
    """``q_i(w_i, v_-i) v_i - m_i(w_i, v_-i)`` with ``others`` = {j: v_j}."""
    prof = tuple(report if j == i else others[j] for j in range(auction.I))
    o = auction.outcome(tuple(sp.Rational(x.numerator, x.denominator) if isinstance(x, Fraction) else x for x in prof))
    return _q(o.q[i]) * Fraction(vi) - _q(o.m[i])


def conditional_utility(auction: Auction, law: dict, i: int, vi, wi) -> Fraction | None:
    """``E_P[u_i(w_i; v_i, v_-i) | v_i]``; None when ``P(v_i) = 0``."""
    vi, wi = Fraction(vi), Fraction(wi)
    mass = sum((p for v, p in law.items() if v[i] == vi), Fraction(0))
    if mass == 0:
        return None
    total = Fraction(0)
    for v, p in law.items():
        if v[i] != vi or p == 0:
            continue
        total += p * ex_post_utility(auction, i, vi, wi, {j: v[j] for j in range(auction.I)})
    return total / mass


def ic_report(auction: Auction, amb: FiniteAmbiguitySet, *, alpha=Fraction(1, 2),
              prior: Sequence | None = None) -> dict[str, tuple[bool, str]]:
    """Every notion of Def. 1.2.6 / (IC-D) on ``amb`` (types = values in the supports), exactly."""
    if amb.I != auction.I:
        raise AuctionError(f"ambiguity set has {amb.I} bidders, the auction {auction.I}")
    alpha = Fraction(alpha)
    if not 0 <= alpha <= 1:
        raise AuctionError(f"Hurwicz alpha must lie in [0, 1], got {alpha}")
    K = len(amb.laws)
    prior = [Fraction(x) for x in (prior or [Fraction(1, K)] * K)]
    if len(prior) != K or any(x < 0 for x in prior) or sum(prior) != 1:
        raise AuctionError(f"prior Q must be a probability vector over the {K} laws, got {prior}")
    out: dict[str, tuple[bool, str]] = {n: (True, "") for n in NOTIONS}

    def fail(n: str, why: str) -> None:
        if out[n][0]:
            out[n] = (False, why)

    support = sorted({v for law in amb.laws for v, p in law.items() if p > 0})
    for i in range(auction.I):
        types = sorted({v[i] for v in support})
        for v in support:
            others = {j: v[j] for j in range(auction.I)}
            truth = ex_post_utility(auction, i, v[i], v[i], others)
            for w in types:
                dev = ex_post_utility(auction, i, v[i], w, others)
                if truth < dev:
                    fail("ex_post", f"bidder {i + 1} at {tuple(map(str, v))} gains {dev - truth} by reporting {w}")
        for vi in types:
            for wi in types:
                pairs = [(k, conditional_utility(auction, law, i, vi, vi), conditional_utility(auction, law, i, vi, wi))
                         for k, law in enumerate(amb.laws)]
                pairs = [(k, t, d) for k, t, d in pairs if t is not None]
                if not pairs:
                    continue
                ts, ds = [t for _, t, _ in pairs], [d for _, _, d in pairs]
                at = f"bidder {i + 1}, v_{i + 1} = {vi}, report {wi}"
                k_bad = [amb.names[k] for k, t, d in pairs if t < d]
                if k_bad:
                    fail("distributionally_robust", f"{at}: under {k_bad[0]} truthful < deviation (truthful "
                         f"{dict((amb.names[k], str(t)) for k, t, _ in pairs)}, deviation "
                         f"{dict((amb.names[k], str(d)) for k, _, d in pairs)})")
                if min(ts) < min(ds):
                    fail("maxmin", f"{at}: min truthful {min(ts)} < min deviation {min(ds)}")
                hz = lambda xs: alpha * min(xs) + (1 - alpha) * max(xs)
                if hz(ts) < hz(ds):
                    fail("hurwicz", f"{at}: Hurwicz({alpha}) truthful {hz(ts)} < deviation {hz(ds)}")
                ks = [k for k, _, _ in pairs]
                wsum = sum(prior[k] for k in ks)
                if wsum > 0:
                    bt = sum(prior[k] * t for k, t, _ in pairs) / wsum
                    bd = sum(prior[k] * d for k, _, d in pairs) / wsum
                    if bt < bd:
                        fail("bayesian", f"{at}: Bayesian truthful {bt} < deviation {bd}")
    return out
