"""The max-min competitive ratio of one good on values in ``[a, b]`` (support only), ``0 < a < b``.

The seller maximizes the worst case of ``E[t(v)/v]`` (profit over the full surplus, :class:`symmech.models.
objectives.Ratio` with no cost). The value is ``r = 1/(1 + ln(b/a))`` (on ``[1, h]``: ``1/(1 + ln h)``):

* the seller's random posted price -- an atom ``r`` at ``a`` and density ``r/p`` on ``(a, b]`` -- earns
  ``t(v) = r v`` at every value, so ``t(v)/v = r`` whatever the law of values;
* nature's law -- density ``r/v`` on ``[a, b)`` and an atom ``r`` at ``b`` -- holds every posted price ``p`` to
  ``p E[1{v >= p}/v] = r`` on ``[a, b]`` (``<= r`` below ``a``, ``0`` above ``b``); every IC mechanism of one
  good is a lottery over posted prices, so none earns more than ``r``.

(With the ratio of expectations ``E t / E v`` the value is the same ``r``: the equal-revenue law on ``[a, b]``
holds every price to revenue ``a`` while ``E v = a (1 + ln(b/a))``.)
"""
from __future__ import annotations

import sympy as sp

from symmech.claims import Identity, Inequality
from symmech.models.objectives import ObjectiveError

__all__ = ["interval_ratio", "interval_ratio_claims"]


def interval_ratio(a, b) -> sp.Expr:
    """``1/(1 + ln(b/a))``, the max-min ratio on ``[a, b]``; ObjectiveError unless ``0 < a < b``."""
    a, b = sp.sympify(a), sp.sympify(b)
    if not (a.is_positive and (b - a).is_positive):
        raise ObjectiveError(f"the max-min ratio needs values in [a, b] with 0 < a < b, got [{a}, {b}]")
    return 1 / (1 + sp.log(b / a))


def interval_ratio_claims(a, b, *, prefix: str = "value", source: str = "") -> tuple[sp.Expr, list]:
    """``(r, claims)``: the max-min ratio on ``[a, b]`` and the claims that prove it (the seller's law is a
    probability law and earns ``r v`` at every value; nature's law is a probability law on ``[a, b]`` and holds
    every posted price to at most ``r``)."""
    a, b = sp.sympify(a), sp.sympify(b)
    r = interval_ratio(a, b)
    x, p, v = sp.symbols("x p v", positive=True)
    low = sp.Symbol("p", real=True)               # a price at or below a (0 included)
    seller_density, nature_density = r / x, r / x
    payment = a * r + sp.integrate(x * seller_density, (x, a, v))          # t(v) = sum of price x prob, p <= v
    survival_over_v = sp.integrate(nature_density / x, (x, p, b)) + r / b     # E[1{v >= p}/v] for p in [a, b]
    everything_over_v = sp.integrate(nature_density / x, (x, a, b)) + r / b
    claims = [
        Identity(f"{prefix}.seller.mass", lhs=r + sp.integrate(seller_density, (x, a, b)), rhs=1, source=source,
                 statement=r"G(\{a\}) + \int_a^b \tfrac{r}{p}\,dp = 1"),
        Identity(f"{prefix}.seller.equalizer", lhs=payment / v, rhs=r, over=[(v, a, b)], source=source,
                 statement=r"\tfrac{t(v)}{v} = r \text{ for every } v \in [a, b]"),
        Identity(f"{prefix}.nature.mass", lhs=sp.integrate(nature_density, (x, a, b)) + r, rhs=1, source=source,
                 statement=r"\int_a^b \tfrac{r}{v}\,dv + F(\{b\}) = 1"),
        Identity(f"{prefix}.nature.prices_in_support", lhs=p * survival_over_v, rhs=r, over=[(p, a, b)],
                 source=source, statement=r"p\,\mathbb E_F[\mathbf 1\{v \ge p\}/v] = r,\ p \in [a, b]"),
        Inequality(f"{prefix}.nature.low_prices", lhs=r, rhs=low * everything_over_v, rel=">=", over=[(low, 0, a)],
                   source=source, statement=r"p\,\mathbb E_F[1/v] \le r,\ p \le a"),
    ]
    return r, claims
