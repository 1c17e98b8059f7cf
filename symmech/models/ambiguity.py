"""Ambiguity sets: a support interval plus moment conditions ``E[g] (==, <=, >=) m``."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import sympy as sp

from symmech.claims import Identity, Inequality
from symmech.models.distributions import Distribution

_RELATIONS = ("==", "<=", ">=")


@dataclass(frozen=True)
class MomentCondition:
    """``E[g(var)] relation value``."""

    g: sp.Expr
    relation: str
    value: sp.Expr

    def __post_init__(self) -> None:
        if self.relation not in _RELATIONS:
            raise ValueError(f"moment relation must be one of {_RELATIONS}, got {self.relation!r}")
        object.__setattr__(self, "g", sp.sympify(self.g))
        object.__setattr__(self, "value", sp.sympify(self.value))

    def claim(self, id: str, lhs: sp.Expr, *, source: str = "", statement: str = ""):
        """The claim ``lhs (relation) value``, for ``lhs`` an expectation of ``g`` under some law."""
        if self.relation == "==":
            return Identity(id, lhs=lhs, rhs=self.value, source=source, statement=statement)
        return Inequality(id, lhs=lhs, rel=self.relation, rhs=self.value, source=source, statement=statement)

    def _latex(self, printer) -> str:
        rel = {"==": "=", "<=": r"\le", ">=": r"\ge"}[self.relation]
        return rf"\mathbb{{E}}[{printer._print(self.g)}] {rel} {printer._print(self.value)}"

    def _repr_latex_(self) -> str:
        return "$\\displaystyle " + sp.latex(self) + "$"


@dataclass(frozen=True)
class AmbiguitySet:
    """All laws on ``support`` satisfying every moment condition.

    Examples
    ========
    >>> import sympy as sp
    >>> th, k = sp.symbols('theta k', positive=True)
    >>> A = AmbiguitySet(th, (0, 1), [MomentCondition(th, '==', k)])
    >>> A.conditions[0].value
    k
    """

    var: sp.Symbol
    support: tuple[sp.Expr, sp.Expr]
    conditions: tuple[MomentCondition, ...]

    def __init__(self, var: sp.Symbol, support: Sequence, conditions: Sequence[MomentCondition] = ()) -> None:
        lo, hi = (sp.sympify(s) for s in support)
        if (hi - lo).is_number and not (hi - lo) > 0:
            raise ValueError(f"empty support [{lo}, {hi}]")
        object.__setattr__(self, "var", var)
        object.__setattr__(self, "support", (lo, hi))
        object.__setattr__(self, "conditions", tuple(conditions))

    @classmethod
    def mean(cls, var: sp.Symbol, support: Sequence, m) -> "AmbiguitySet":
        """Known mean: ``E[var] == m``."""
        return cls(var, support, [MomentCondition(var, "==", m)])

    def membership_claims(self, F: Distribution, prefix: str = "F", source: str = "") -> list:
        """Claims that ``F`` belongs to the set: support inside, each moment condition."""
        lo, hi = self.support
        claims = [
            Inequality(f"{prefix}_support_lo", lhs=F.lo, rel=">=", rhs=lo, source=source),
            Inequality(f"{prefix}_support_hi", lhs=F.hi, rel="<=", rhs=hi, source=source),
        ]
        for i, c in enumerate(self.conditions):
            g = c.g.subs(self.var, F.var)
            claims.append(c.claim(f"{prefix}_moment_{i}", F.expectation(g, evaluate=False), source=source))
        return claims

    def _latex(self, printer) -> str:
        conds = r",\ ".join(c._latex(printer) for c in self.conditions)
        lo, hi = (printer._print(s) for s in self.support)
        return rf"\{{F \in \Delta([{lo}, {hi}]) : {conds}\}}"

    def _repr_latex_(self) -> str:
        return "$\\displaystyle " + sp.latex(self) + "$"
