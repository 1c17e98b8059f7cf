"""Ambiguity sets for n goods: a box of values plus moment conditions ``E[g(theta)] (==, <=, >=) m``.

Typical conditions: each good's mean (``E[theta_i] = k_i``), the mean of a subset sum
(``E[sum_{i in S} theta_i] = m_S``), or any moment ``g``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import sympy as sp

from symmech.models.ambiguity import MomentCondition
from symmech.models.multigood.distributions import MultiDistribution
from symmech.models.multigood.types import Box


@dataclass(frozen=True)
class MultiAmbiguitySet:
    """All laws on ``box`` satisfying every condition (``g`` an expression in ``box.vars``)."""

    box: Box
    conditions: tuple[MomentCondition, ...]

    def __init__(self, box: Box, conditions: Sequence[MomentCondition] = ()) -> None:
        object.__setattr__(self, "box", box)
        object.__setattr__(self, "conditions", tuple(conditions))

    @property
    def vars(self) -> tuple[sp.Symbol, ...]:
        return self.box.vars

    @classmethod
    def means(cls, box: Box, ks: Sequence) -> "MultiAmbiguitySet":
        """``E[theta_i] = k_i`` for every good."""
        if len(ks) != box.n:
            raise ValueError("one mean per good")
        return cls(box, [MomentCondition(v, "==", k) for v, k in zip(box.vars, ks)])

    @classmethod
    def subset_sums(cls, box: Box, sums: Mapping[tuple, object]) -> "MultiAmbiguitySet":
        """``E[sum_{i in S} theta_i] = m_S`` for each ``S`` (a tuple of 0-based indices)."""
        return cls(box, [MomentCondition(sum(box.vars[i] for i in S), "==", m) for S, m in sums.items()])

    def with_condition(self, g, relation: str, value) -> "MultiAmbiguitySet":
        return MultiAmbiguitySet(self.box, self.conditions + (MomentCondition(g, relation, value),))

    def linear_coefficients(self) -> list[list[sp.Expr]] | None:
        """``c[j][i]`` with ``g_j = sum_i c[j][i] theta_i`` if every moment is linear, else None."""
        out = []
        for c in self.conditions:
            try:
                poly = sp.Poly(c.g, *self.vars)
            except sp.PolynomialError:
                return None
            if poly.total_degree() > 1 or poly.coeff_monomial(1) != 0:
                return None
            out.append([poly.coeff_monomial(v) for v in self.vars])
        return out

    def membership_claims(self, D: MultiDistribution, prefix: str = "F", source: str = "") -> list:
        """``D`` is a probability law inside the box satisfying every moment condition."""
        if tuple(D.vars) != tuple(self.vars):
            raise ValueError("the law and the ambiguity set use different coordinates")
        claims = D.validity_claims(prefix=prefix, source=source) + D.support_claims(self.box, prefix, source)
        for i, c in enumerate(self.conditions):
            stmt = rf"\mathbb{{E}}[{sp.latex(c.g)}] = {sp.latex(c.value)}" if c.relation == "==" else ""
            claims.append(c.claim(f"{prefix}_moment_{i}", D.expectation(c.g, evaluate=False), source=source,
                                  statement=stmt))
        return claims

    def _latex(self, printer) -> str:
        conds = r",\ ".join(c._latex(printer) for c in self.conditions)
        return rf"\{{F \in \Delta({self.box._latex(printer)}) : {conds}\}}"
