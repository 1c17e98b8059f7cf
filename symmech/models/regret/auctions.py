"""Ch. 3 of Koçyiğit, 'Distributional Robustness in Mechanism Design' (2020): several bidders, minimax
regret, zero costs.  The per-item mechanism (3.2) is a second-price auction (the shared
:class:`symmech.models.auctions.SecondPriceAuction`) with a random reserve r ~ Q, ``Q(r <= x) = 1 + log(x/v_bar)``
on ``[v_bar/e, v_bar]`` (3.3).  Winner with value v, highest other value y (b = v_bar):

* ``q = 1 + log(v/b)`` if v >= b/e, else 0;
* ``m = v + y log(y/b)`` if v >= y >= b/e;  ``v - b/e`` if v >= b/e > y;  else 0.

Nature (3.5)-(3.6): one bidder, chosen uniformly, has the Ch. 2 law with c = 0; the others value 0.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Sequence

import sympy as sp

from symmech.models.auctions import SecondPriceAuction
from symmech.models.objectives import ObjectiveError

E = sp.E


def allocation_32(v, b) -> sp.Expr:
    """(3.2a) for the winner above the threshold b/e."""
    return 1 + sp.log(v / b)


def payment_32(v, y, b) -> sp.Expr:
    """(3.2b) for the winner, case v >= y >= b/e (with the bar restored in the log: log(y/v_bar))."""
    return v + y * sp.log(y / b)


def payment_32_low(v, b) -> sp.Expr:
    """(3.2b) for the winner, case v >= b/e > y."""
    return v - b / E


def reserve_density(x, b) -> sp.Expr:
    """Density of Q_j in (3.3) on [b/e, b]."""
    return 1 / x


def spa_integrand(profile: Sequence, reserve, winner_only: bool = True) -> tuple[Fraction, Fraction]:
    """The (allocation, payment) of the winner of the shared second-price auction with the given
    reserve at an exact profile (lowest index wins ties: the lexicographic W^i of Ch. 3)."""
    if len(profile) < 1:
        raise ObjectiveError("a profile needs at least one bidder")
    I = len(profile)
    auc = SecondPriceAuction(I, reserve=sp.Rational(str(reserve)) if not isinstance(reserve, sp.Expr) else reserve) \
        if I >= 2 else None
    if auc is None:
        raise ObjectiveError("the shared SecondPriceAuction needs I >= 2 bidders")
    v = tuple(sp.Rational(str(x)) for x in profile)
    q, m = auc.allocation(v), auc.payments(v)
    w = max(range(I), key=lambda i: (v[i], -i))
    return Fraction(str(q[w])), Fraction(str(m[w]))
