"""Objectives: what a claim builder optimizes -- revenue, regret with item costs, competitive ratio.

An :class:`Objective` turns an outcome (the buyer's or bidders' values, the allocation, the total
payment) into the seller's payoff for that outcome, and says whether nature maximizes or minimizes
it.  The same claim builders (worst case of a mechanism, saddle points, optimality) take an
objective instead of hard-coding revenue; a builder that only supports some objectives calls
:func:`require` and *refuses by name* the others (never treats them as revenue).

* :class:`Revenue`  -- payoff = payments; the seller maximizes the worst case (today's default).
* :class:`Regret`   -- ``sum_j (v_j - c_j)^+ - (payment - q . c)`` (Koçyiğit, 'Distributional
  Robustness in Mechanism Design' (2020), Ch. 2, (2.1)); with several bidders and zero costs
  ``sum_j max_i v^i_j - sum_i m^i`` (Ch. 3, (3.1)).  The seller minimizes the worst case.
* :class:`Ratio`    -- competitive ratio ``(payment - q . c) / sum_j (v_j - c_j)^+`` (profit over the
  full surplus); the seller maximizes the worst case.

Costs are exact (SymPy) and validated: a negative cost, an empty item set or a cost that is not
below the top value where the result needs ``c < v_bar`` raise :class:`ObjectiveError`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

import sympy as sp

from symmech.models.auctions import outcome

__all__ = ["Objective", "ObjectiveError", "Ratio", "Regret", "Revenue", "UnsupportedObjective",
           "check_costs", "objective", "require", "KNOWN"]


class ObjectiveError(ValueError):
    """Invalid objective data (unknown name, negative cost, c >= v_bar where c < v_bar is needed, J = 0)."""


class UnsupportedObjective(ObjectiveError):
    """A claim builder was asked for an objective it does not implement (named in the message)."""


def _exact(x, what: str) -> sp.Expr:
    if isinstance(x, float):
        raise ObjectiveError(f"{what} = {x!r} is a float; give an exact number (int, Fraction, string or SymPy)")
    try:
        e = sp.sympify(x, strict=True) if not isinstance(x, str) else sp.Rational(x)
    except (sp.SympifyError, TypeError, ValueError) as exc:
        raise ObjectiveError(f"{what} = {x!r} is not an exact number or expression") from exc
    if e.is_real is False:
        raise ObjectiveError(f"{what} = {x!r} is not real")
    return e


def check_costs(costs: Sequence, top: Sequence | None = None, *, strict_below: bool = True) -> tuple[sp.Expr, ...]:
    """Validated exact item costs: J >= 1, every c_j >= 0 and (when ``top`` is given and
    ``strict_below``) c_j < v_bar_j.  Symbolic entries are accepted when the sign is not decided
    as wrong.  Raises :class:`ObjectiveError` naming the offending item."""
    cs = tuple(_exact(c, f"cost c_{j + 1}") for j, c in enumerate(costs))
    if not cs:
        raise ObjectiveError("no items: J = 0 (need at least one item and one cost)")
    for j, c in enumerate(cs):
        if c.is_negative:
            raise ObjectiveError(f"cost c_{j + 1} = {c} is negative (costs must be >= 0)")
    if top is not None:
        tops = tuple(_exact(v, f"v_bar_{j + 1}") for j, v in enumerate(top))
        if len(tops) != len(cs):
            raise ObjectiveError(f"{len(cs)} costs but {len(tops)} upper values v_bar")
        for j, (c, v) in enumerate(zip(cs, tops)):
            if v.is_nonpositive:
                raise ObjectiveError(f"v_bar_{j + 1} = {v} must be positive")
            if strict_below and (v - c).is_nonpositive:
                raise ObjectiveError(f"cost c_{j + 1} = {c} is not below v_bar_{j + 1} = {v}; "
                                     "this result needs c < v_bar")
    return cs


@dataclass(frozen=True)
class Objective:
    """Base class: ``payoff(values, allocation, payment)`` and the seller's sense (``max``/``min``)."""

    name: str = "revenue"
    sense: str = "max"

    def payoff(self, values: Sequence, allocation: Sequence, payment) -> sp.Expr:
        raise NotImplementedError

    def surplus(self, values: Sequence) -> sp.Expr:
        """The full surplus ``sum_j (v_j - c_j)^+`` (zero costs unless overridden)."""
        return sp.Add(*[sp.Max(sp.sympify(v), 0) for v in values])


@dataclass(frozen=True)
class Revenue(Objective):
    """Worst-case expected revenue (the seller maximizes)."""

    name: str = "revenue"
    sense: str = "max"

    def payoff(self, values: Sequence, allocation: Sequence, payment) -> sp.Expr:
        return sp.sympify(payment)


@dataclass(frozen=True)
class Regret(Objective):
    """Ex-post regret ``sum_j (v_j - c_j)^+ - (payment - q . c)`` (the seller minimizes)."""

    name: str = "regret"
    sense: str = "min"
    costs: tuple = ()

    def __post_init__(self) -> None:
        if self.costs:
            object.__setattr__(self, "costs", check_costs(self.costs, strict_below=False))

    def _c(self, n: int) -> tuple:
        if not self.costs:
            return (sp.Integer(0),) * n
        if len(self.costs) != n:
            raise ObjectiveError(f"regret has {len(self.costs)} costs but the outcome has {n} items")
        return self.costs

    def surplus(self, values: Sequence) -> sp.Expr:
        cs = self._c(len(values))
        return sp.Add(*[sp.Max(sp.sympify(v) - c, 0) for v, c in zip(values, cs)])

    def payoff(self, values: Sequence, allocation: Sequence, payment) -> sp.Expr:
        cs = self._c(len(values))
        cost = sp.Add(*[sp.sympify(q) * c for q, c in zip(allocation, cs)])
        return self.surplus(values) - (sp.sympify(payment) - cost)


@dataclass(frozen=True)
class Ratio(Objective):
    """Competitive ratio ``(payment - q . c) / sum_j (v_j - c_j)^+`` (the seller maximizes; 1 where the
    surplus is 0 by convention)."""

    name: str = "ratio"
    sense: str = "max"
    costs: tuple = ()

    def __post_init__(self) -> None:
        if self.costs:
            object.__setattr__(self, "costs", check_costs(self.costs, strict_below=False))

    def payoff(self, values: Sequence, allocation: Sequence, payment) -> sp.Expr:
        reg = Regret(costs=self.costs)
        s = reg.surplus(values)
        profit = s - reg.payoff(values, allocation, payment)
        return sp.Piecewise((sp.Integer(1), sp.Eq(s, 0)), (profit / s, True))


KNOWN = {"revenue": Revenue, "regret": Regret, "ratio": Ratio}


def objective(spec: "str | Objective" = "revenue", costs: Iterable | None = None) -> Objective:
    """An objective from a name (``"revenue"``, ``"regret"``, ``"ratio"``) and optional costs."""
    if isinstance(spec, Objective):
        return spec
    if not isinstance(spec, str) or spec not in KNOWN:
        raise ObjectiveError(f"unknown objective {spec!r}; known: {', '.join(sorted(KNOWN))}")
    if spec == "revenue":
        if costs:
            raise ObjectiveError("the revenue objective takes no costs (use 'regret' or 'ratio')")
        return Revenue()
    return KNOWN[spec](costs=tuple(costs or ()))


def require(obj: "str | Objective", supported: Iterable[str], builder: str) -> Objective:
    """The objective, if ``builder`` supports it; otherwise :class:`UnsupportedObjective` naming both."""
    o = objective(obj) if isinstance(obj, str) else obj
    sup = tuple(supported)
    if o.name not in sup:
        raise UnsupportedObjective(f"{builder} does not support the {o.name!r} objective "
                                   f"(supported: {', '.join(sup)}); refusing rather than treating it as revenue")
    return o


def auction_payoff(obj: "str | Objective", auction, v: Sequence) -> sp.Expr:
    """The objective of a one-item auction (``symmech.models.auctions``) at profile ``v``, via the shared
    revenue hook: revenue ``sum_i m_i``; regret ``(max_i v_i - c)^+ - (sum_i m_i - c sum_i q_i)``
    (Koçyiğit (2020), (3.1) with one item); ratio ``(sum_i m_i - c sum_i q_i) / (max_i v_i - c)^+``."""
    o = objective(obj) if isinstance(obj, str) else obj
    out = outcome(auction, v)
    if isinstance(o, Revenue):
        return sp.sympify(out.revenue)
    cost = o.costs[0] if getattr(o, "costs", ()) else sp.Integer(0)
    if getattr(o, "costs", ()) and len(o.costs) != 1:
        raise ObjectiveError("an auction sells one item: give one cost")
    served = sp.Add(*[sp.sympify(q) for q in out.q])
    # a single-buyer view of the auction: the 'buyer' is the highest value, served with total probability
    return (Regret(costs=(cost,)) if o.name == "regret" else Ratio(costs=(cost,))).payoff(
        (sp.Max(*v),), (served,), out.revenue)
