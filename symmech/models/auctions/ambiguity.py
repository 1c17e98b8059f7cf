"""Ambiguity sets over value profiles in V^I.

* :class:`SupportOnly` -- every law on the box (Sec. 1.3); worst case = worst profile.
* :class:`Independent` -- laws with independent marginals from given families (Sec. 1.4);
  ``symmetric`` / ``regular`` flags are checked on the given 1-D laws.
* :class:`MomentSet` -- ``E_P[h_k(v)] >= mu_k`` on the box (eq. (1.5)); :func:`markov_set` is the
  Markov set (1.6): ``E v_i >= mu`` for every i on ``[0, 1]^I``.
* :class:`FiniteAmbiguitySet` -- finitely many finite laws ``{profile: probability}`` (exact).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Mapping, Sequence

import sympy as sp

from symmech.models.auctions.errors import AuctionError
from symmech.models.auctions.profiles import ValueSpace, check_mean, exact_number


@dataclass(frozen=True)
class SupportOnly:
    """All laws supported on ``space`` (``P_0(V^I)``)."""

    space: ValueSpace


@dataclass(frozen=True)
class MomentSet:
    """``{P on space : E_P[h_k(v)] >= m_k for each k}`` (the thesis's generalized moment set (1.5)).

    ``conditions`` are ``(h, m)`` with ``h`` a SymPy expression in ``space.vars``.
    """

    space: ValueSpace
    conditions: tuple = ()

    def __post_init__(self) -> None:
        conds = []
        for h, m in self.conditions:
            h = sp.sympify(h)
            extra = h.free_symbols - set(self.space.vars)
            if extra:
                raise AuctionError(f"moment function {h} uses {sorted(map(str, extra))}, not bidder values")
            conds.append((h, exact_number(m, "moment bound")))
        object.__setattr__(self, "conditions", tuple(conds))

    def contains(self, law: Mapping) -> tuple[bool, str]:
        """Exact membership of a finite law ``{profile: prob}``: (holds, reason)."""
        total = sp.Add(*[sp.sympify(p) for p in law.values()])
        if total != 1 or any(sp.sympify(p) < 0 for p in law.values()):
            return False, f"not a probability law (total mass {total})"
        for v in law:
            if not self.space.contains(v):
                return False, f"atom {v} outside the box"
        for h, m in self.conditions:
            val = sp.nsimplify(sp.Add(*[sp.sympify(p) * h.subs(dict(zip(self.space.vars, v))) for v, p in law.items()]))
            if not sp.simplify(val - m) >= 0:
                return False, f"E[{h}] = {val} < {m}"
        return True, "all moment conditions hold"


def markov_set(I: int, mu) -> MomentSet:
    """The Markov ambiguity set (1.6): laws on ``[0, 1]^I`` with ``E v_i >= mu`` for all i, ``mu in (0, 1)``."""
    space = ValueSpace(I)
    m = check_mean(mu)
    return MomentSet(space, tuple((v, m) for v in space.vars))


@dataclass(frozen=True)
class Independent:
    """Laws with independent coordinates; ``marginals[k]`` is a finite family of 1-D laws (symmech
    :class:`~symmech.Distribution`) for bidder k (one family for all bidders if ``symmetric``)."""

    space: ValueSpace
    marginals: tuple = ()
    symmetric: bool = False
    regular: bool = False

    def __post_init__(self) -> None:
        if self.symmetric and len(self.marginals) != 1:
            raise AuctionError("a symmetric independent set takes one family of marginals shared by all bidders")
        if not self.symmetric and len(self.marginals) != self.space.I:
            raise AuctionError(f"need one family of marginals per bidder ({self.space.I})")

    def family(self, i: int) -> Sequence:
        return self.marginals[0] if self.symmetric else self.marginals[i]


@dataclass(frozen=True)
class FiniteAmbiguitySet:
    """Finitely many finite laws on profiles (exact rationals), e.g. Ex. 1.2.2's ``{P_1, P_2}``."""

    I: int
    laws: tuple = ()
    names: tuple = ()

    def __post_init__(self) -> None:
        laws = []
        for k, law in enumerate(self.laws):
            clean = {}
            for v, p in dict(law).items():
                if len(v) != self.I:
                    raise AuctionError(f"law {k + 1}: profile {v} does not have {self.I} values")
                p = Fraction(p)
                if p < 0:
                    raise AuctionError(f"law {k + 1}: negative probability {p} at {v}")
                clean[tuple(Fraction(x) for x in v)] = p
            if sum(clean.values()) != 1:
                raise AuctionError(f"law {k + 1}: probabilities sum to {sum(clean.values())}, not 1")
            laws.append(clean)
        if not laws:
            raise AuctionError("a finite ambiguity set needs at least one law")
        object.__setattr__(self, "laws", tuple(laws))
        object.__setattr__(self, "names", tuple(self.names) or tuple(f"P_{k + 1}" for k in range(len(laws))))
