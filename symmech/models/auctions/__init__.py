"""Single-good auctions with several bidders (Koçyiğit, "Distributional Robustness in Mechanism
Design", EPFL thesis (2020), Chapter 1 = Koçyiğit, Iyengar, Kuhn and Wiesemann, Management Science (2020)).

Stable API (other layers, e.g. ``symmech.models.objectives``, build on these):

* profiles:   :func:`bidder_vars` ``(v_1..v_I)``, :class:`ValueSpace` ``[lo, hi]^I`` (its ``.box`` is a
              :class:`symmech.models.multigood.Box`), :func:`check_bidders`, :func:`check_mean`
* tie-breaks: :class:`TieBreak` (priority order; ``from_rule`` / ``from_regions`` validate a user
              partition ``W^1..W^I``)
* auctions:   :class:`Auction` (``allocation(v)``, ``payments(v)``, ``outcome(v)`` -> :class:`Outcome`,
              ``revenue_expr(vars)``), :class:`SecondPriceAuction` (reserve; Vickrey = 0),
              :class:`HighestBidderLottery` (eq. (1.12); ``.optimal(I, mu)``),
              :class:`RandomizedPaymentHBL`, :class:`EnvelopeAuction` (any monotone q, payments (1.13)),
              :class:`RuleAuction` (callables, e.g. all-pay)
* objective hook: :func:`outcome` ``(auction, v)`` and :func:`revenue` ``(auction, v)`` -- the ONE place
              revenue is computed; an objective (regret ``max_i v_i - revenue``, a ratio, ...) wraps
              these, and :func:`expected_revenue` ``(auction, finite law)``
* ambiguity:  :class:`SupportOnly`, :class:`Independent`, :class:`MomentSet`, :func:`markov_set`,
              :class:`FiniteAmbiguitySet`
* Markov closed forms: :func:`markov_design` (I >= 2, mu in (0, 1): optimal HBL, best SPA, bounds),
              :func:`hbl_parameters`, :func:`spa_worst_case`, :func:`mean_regime`
* claims (``auctions.checks``), robust IC on finite sets (``auctions.robust_ic``), grid LPs on HiGHS
  (``auctions.lp``; scipy is imported lazily).

Invalid input raises :class:`AuctionError` with a message naming the problem.
"""
from __future__ import annotations

from symmech.models.auctions.ambiguity import FiniteAmbiguitySet, Independent, MomentSet, SupportOnly, markov_set
from symmech.models.auctions.auction import (
    Auction,
    EnvelopeAuction,
    HighestBidderLottery,
    Outcome,
    RandomizedPaymentHBL,
    RuleAuction,
    SecondPriceAuction,
    expected_revenue,
    outcome,
    revenue,
    second_highest,
)
from symmech.models.auctions.errors import AuctionError
from symmech.models.auctions.markov import (
    MarkovDesign,
    best_spa_revenue,
    extra_bidders_needed,
    hbl_parameters,
    markov_design,
    mean_regime,
    spa_worst_case,
)
from symmech.models.auctions.profiles import ValueSpace, bidder_vars, check_bidders, check_mean
from symmech.models.auctions.tiebreak import TieBreak

__all__ = ["Auction", "AuctionError", "EnvelopeAuction", "FiniteAmbiguitySet", "HighestBidderLottery",
           "Independent", "MarkovDesign", "MomentSet", "Outcome", "RandomizedPaymentHBL", "RuleAuction", "SecondPriceAuction",
           "SupportOnly", "TieBreak", "ValueSpace", "bidder_vars", "check_bidders", "check_mean",
           "best_spa_revenue", "expected_revenue", "extra_bidders_needed", "hbl_parameters", "markov_design", "markov_set", "mean_regime", "outcome",
           "revenue", "second_highest", "spa_worst_case"]
