"""Closed forms for the Markov ambiguity set (1.6): ``E v_i >= mu`` on ``[0, 1]^I``.

:func:`markov_design` is the one documented call: for any integer ``I >= 2`` and ``mu in (0, 1)``
it returns the optimal highest-bidder lottery (Thm. 1.5.3), the best second-price reserve and its
worst-case revenue (Thm. 1.5.2, all three mean regimes), the worst-case full surplus ``mu``
(Prop. 1.5.3) and the upper bound ``r (2 - r)`` of Lemma 1.7.15, each as an exact SymPy
expression and as a decimal string to ``digits`` digits::

    >>> d = markov_design(2, "1/2", digits=20)
    >>> d.numbers["hbl_revenue"]
    '0.31784443289937268383'
    >>> d.numbers["spa_revenue"]
    '0.17157287525380990240'
"""
from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp

from symmech.models.auctions.auction import HighestBidderLottery
from symmech.models.auctions.hbl import HBLParameters, hbl_parameters  # noqa: F401 - public here
from symmech.models.auctions.profiles import check_bidders, check_mean


def mean_regime(I, mu) -> int:
    """1, 2 or 3: ``mu`` in M_1 = (0, 1/I], M_2 = (1/I, (2I-1)/I^2] or M_3 = ((2I-1)/I^2, 1)."""
    I, mu = check_bidders(I), check_mean(mu)
    if mu <= sp.Rational(1, I):
        return 1
    return 2 if mu <= sp.Rational(2 * I - 1, I**2) else 3


def spa_worst_case(I, mu, r) -> tuple[sp.Expr, str, str]:
    """Worst-case expected revenue of the SPA with reserve ``r`` over the Markov set (Props. 1.5.5-1.5.7):
    ``(value, reserve regime, how nature attains it)``."""
    I, mu = check_bidders(I), check_mean(mu)
    r = sp.nsimplify(r) if not isinstance(r, sp.Basic) else r
    if r < 0 or r > 1:
        raise ValueError(f"reserve must lie in [0, 1], got {r}")
    k = sp.Rational(I * 1, 1)
    a = (k * mu - 1) / (k - 1)
    if r > mu:
        return sp.Integer(0), "r > mu", "attained by the Dirac law at mu e"
    if r <= sp.Min(sp.Rational(1, I), a):
        return a, "R_1", "attained by Q^(1) (Prop. 1.5.5)"
    if r <= sp.Min(mu, sp.Rational(1, I)):
        return k * r * (mu - r) / (1 - r), "R_2", "approached by Q^(2)_eps as eps -> 0, not attained (Prop. 1.5.6)"
    return (mu - r) / (1 - r), "R_3", "approached by Q^(3)_eps as eps -> 0, not attained (Prop. 1.5.7)"


@dataclass
class MarkovDesign:
    """Result of :func:`markov_design`: ``exact`` and ``numbers`` map the same keys
    (``sigma``, ``hbl_reserve``, ``lambda``, ``hbl_revenue``, ``spa_reserve``, ``spa_revenue``,
    ``full_surplus``, ``lemma_1_7_15_bound``, ``upper_bound``, ``ratio_guarantee``) to SymPy
    expressions and decimal strings; ``hbl_allocation`` is the winner's q*(v_i, s) of (1.12)."""

    I: int
    mu: sp.Expr
    regime: int
    exact: dict
    numbers: dict
    hbl_allocation: sp.Expr
    notes: dict = field(default_factory=dict)

    def table_row(self, keys=("sigma", "hbl_revenue", "spa_revenue", "lemma_1_7_15_bound")) -> list[str]:
        return [str(self.I), str(self.mu)] + [self.numbers[k] for k in keys]


def markov_design(I, mu, digits: int = 30) -> MarkovDesign:
    """Optimal HBL, best SPA and the bounds for ``I`` bidders and mean bound ``mu`` (see module doc).

    Raises :class:`~symmech.models.auctions.AuctionError` for ``I < 2`` or ``mu`` outside (0, 1).
    """
    I, mu = check_bidders(I), check_mean(mu)
    p = hbl_parameters(I, mu)
    regime = mean_regime(I, mu)
    if regime in (1, 2):
        r_spa = 1 - sp.sqrt(1 - mu)
        z = I * r_spa**2
        spa_note = "unique best reserve r* = 1 - sqrt(1 - mu) (in R_2); worst case approached, not attained"
    else:
        r_spa = sp.Integer(0)
        z = (I * mu - 1) / sp.Integer(I - 1)
        spa_note = ("every reserve in R_1 = [0, 1/I] is best (Vickrey included); "
                    "worst case attained by Q^(1)")
    bound = p.r * (2 - p.r)
    exact = {
        "sigma": p.sigma, "hbl_reserve": p.r, "lambda": p.lam, "hbl_revenue": p.r,
        "spa_reserve": r_spa, "spa_revenue": z, "full_surplus": mu,
        "lemma_1_7_15_bound": bound, "upper_bound": sp.Min(mu, bound),
        "ratio_guarantee": sp.Max(1 / (2 - p.r), p.r / mu),
    }
    numbers = {k: sp.N(v, digits + 5).evalf(digits) for k, v in exact.items()}
    numbers = {k: sp.Float(v, digits).__format__(f".{digits}g") if v != 0 else "0" for k, v in numbers.items()}
    vi, s = sp.symbols("v_i s", nonnegative=True)
    alloc = HighestBidderLottery(I, p.sigma, p.r).winner_allocation(vi, s)
    notes = {"spa": spa_note,
             "hbl": "worst case attained by the Dirac law at mu e (revenue sigma*(I mu - r) = r); "
                    "nature's dual law alpha_eps of (1.34) approaches r only in the limit eps -> 0",
             "bound": "Lemma 1.7.15's r(2 - r) can exceed the full-surplus bound mu; upper_bound = min(mu, r(2 - r))"}
    return MarkovDesign(I, mu, regime, exact, numbers, alloc, notes)


def best_spa_revenue(I, mu) -> sp.Expr:
    """Thm. 1.5.2: the best SPA's worst-case revenue (exact)."""
    I, mu = check_bidders(I), check_mean(mu)
    if mean_regime(I, mu) in (1, 2):
        return I * (1 - sp.sqrt(1 - mu))**2
    return (I * mu - 1) / sp.Integer(I - 1)


def extra_bidders_needed(I, mu, limit: int = 10**6) -> int:
    """Delta(I) of Prop. 1.5.10: the least Delta >= 0 such that the best SPA with I + Delta bidders earns at
    least the optimal HBL with I bidders (worst case over the Markov set), by exact comparison at 40 digits."""
    I, mu = check_bidders(I), check_mean(mu)
    target = sp.N(hbl_parameters(I, mu).r, 40)
    lo, hi = 0, 1
    while sp.N(best_spa_revenue(I + hi, mu), 40) < target:     # best SPA revenue is nondecreasing in I
        lo, hi = hi, hi * 2
        if hi > limit:
            raise ValueError(f"Delta(I) exceeds {limit}")
    while lo < hi:
        mid = (lo + hi) // 2
        if sp.N(best_spa_revenue(I + mid, mu), 40) >= target:
            hi = mid
        else:
            lo = mid + 1
    return lo
