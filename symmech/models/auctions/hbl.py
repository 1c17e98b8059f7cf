"""Thm. 1.5.3's parameters of the optimal highest-bidder lottery under the Markov set (exact, Lambert W)."""
from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from symmech.models.auctions.profiles import check_bidders, check_mean


@dataclass(frozen=True)
class HBLParameters:
    """``sigma* = -1/(W + 1)``, ``r = e^{I + W}`` (= ``e^{I - 1 - 1/sigma*}`` = ``-I mu / W``),
    ``lambda* = -sigma* r``, with ``W = W_{-1}(-mu I e^{-I})``."""

    I: int
    mu: sp.Expr
    W: sp.Expr
    sigma: sp.Expr
    r: sp.Expr
    lam: sp.Expr


def hbl_parameters(I, mu) -> HBLParameters:
    """Thm. 1.5.3's parameters (exact, Lambert-W lower branch)."""
    I, mu = check_bidders(I), check_mean(mu)
    W = sp.LambertW(-mu * I * sp.exp(-I), -1)
    sigma = -1 / (W + 1)
    r = sp.exp(I + W)
    return HBLParameters(I, mu, W, sigma, r, -sigma * r)
