"""Minimax regret (Koçyiğit, 'Distributional Robustness in Mechanism Design' (2020), Chs. 2-3).

* :mod:`.single`        one item: mechanism (2.3), Bergemann-Schlag price law, nature (2.10), claim
                        builders for a random price law (worst-case regret, minimax optimality);
* :mod:`.lp`            the discretized LP (2.6) on HiGHS with exact rational certificates, the dual
                        witness of Lemma 2.3.3 checked exactly;
* :mod:`.deterministic` posted-price menus over bundles (2^J prices), exact worst-case regret of a
                        menu, exhaustive search for small J;
* :mod:`.auctions`      Ch. 3: the separable random-reserve SPA (3.2)/(3.3), the dominant-strategy LP.

scipy and flint are imported lazily.
"""
from __future__ import annotations

from symmech.models.regret.single import (
    bergemann_schlag_law,
    mechanism_2_3,
    minimax_optimal_claims,
    nature_law,
    nature_lower_bound_claims,
    price_law_claims,
    price_law_regret_pieces,
    worst_case_ratio_claims,
    worst_case_regret_claims,
)

__all__ = ["bergemann_schlag_law", "mechanism_2_3", "minimax_optimal_claims", "nature_law", "nature_lower_bound_claims",
           "price_law_claims", "price_law_regret_pieces", "worst_case_ratio_claims", "worst_case_regret_claims"]
