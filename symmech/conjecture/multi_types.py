"""Validated conjecture files with several bidders (:class:`AuctionConjecture`) or several goods
(:class:`GoodsConjecture`), and a good's known marginal law (:class:`Marginal`).  Every number is exact
(parameters and definitions substituted at parse time; parameter ranges are refused)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sympy as sp

__all__ = ["SETS", "AuctionConjecture", "GoodsConjecture", "Marginal"]

#: the ambiguity sets a file can state, by the name recorded in the JSON output (``extra.model.set``)
SETS = {
    "moments": "one buyer, one good: every law on the support meeting the moment conditions",
    "markov": "several bidders, any correlation: every law on [0, 1]^I with each bidder's mean E v_i {rel} mu "
              "(the Markov set, Koçyiğit (2020), Ch. 1, (1.6))",
    "iid": "several bidders, independent values with one unknown common marginal on [0, 1] of mean {rel} mu",
    "known-marginals": "one buyer, several goods: every joint law with the given marginals (any dependence; "
                       "Carroll 2017)",
    "box": "one buyer, several goods: every law on the box of values (support only)",
}


@dataclass(frozen=True)
class Marginal:
    """A good's law: density ``density(var)`` on ``[a, b]`` with c.d.f. ``cdf(var)`` (exact)."""

    a: sp.Expr
    b: sp.Expr
    density: sp.Expr
    cdf: sp.Expr
    var: sp.Symbol
    text: str = ""


@dataclass
class _Multi:
    """What every several-bidders / several-goods file has (the report and ask mode read these)."""

    name: str
    description: str
    claims: list
    mechanism: dict
    among: str = "all"
    among_given: bool = False                 # [claim].optimal_among was written (ask mode answers that class only)
    has_mechanism: bool = True
    objective: str = "revenue"
    source: str = ""
    warnings: list = field(default_factory=list)
    parameters: dict = field(default_factory=dict)

    @property
    def free_parameters(self) -> list:
        return []

    def model_record(self) -> dict[str, Any]:
        raise NotImplementedError


@dataclass
class AuctionConjecture(_Multi):
    """``I`` bidders, one good, values in ``[0, 1]``, each bidder's mean ``relation`` ``mu``; ``iid`` picks the set."""

    I: int = 2
    mu: sp.Expr = field(default_factory=lambda: sp.Rational(1, 2))
    relation: str = "=="
    iid: bool = False

    @property
    def set_name(self) -> str:
        return "iid" if self.iid else "markov"

    def set_text(self) -> str:
        return SETS[self.set_name].format(rel="=" if self.relation == "==" else ">=", mu=self.mu) + \
            f"; I = {self.I}, mu = {self.mu}"

    def model_record(self) -> dict[str, Any]:
        return {"objective": self.objective, "set": self.set_name, "set_text": self.set_text(), "bidders": self.I,
                "goods": 1, "mean": str(self.mu), "relation": self.relation}


@dataclass
class GoodsConjecture(_Multi):
    """``J`` goods, one buyer: known marginals (``set_name == "known-marginals"``) or a box (``"box"``)."""

    J: int = 2
    set_name: str = "box"
    marginals: list = field(default_factory=list)
    boxes: list = field(default_factory=list)
    costs: list = field(default_factory=list)

    def set_text(self) -> str:
        if self.set_name == "known-marginals":
            return SETS[self.set_name] + ": " + "; ".join(f"good {j + 1}: {m.text}" for j, m in enumerate(self.marginals))
        return SETS["box"] + ": " + " x ".join(f"[{a}, {b}]" for a, b in self.boxes)

    def model_record(self) -> dict[str, Any]:
        out = {"objective": self.objective, "set": self.set_name, "set_text": self.set_text(), "bidders": 1,
               "goods": self.J}
        if self.objective == "regret":
            out["costs"] = [str(c) for c in self.costs]
        return out
