"""Tie-breaking partitions ``W^1, ..., W^I`` of the value box.

``v in W^i`` implies ``i in argmax_k v_k``, and every profile lies in exactly one ``W^i``.
:class:`TieBreak` is a priority order (default: the lowest index wins ties, the thesis's
lexicographic rule); :meth:`TieBreak.from_rule` wraps any user rule ``profile -> bidder`` after
checking, on all tie patterns of a test grid, that it picks a highest bidder (else AuctionError
"tie-breaking rule is not a partition ...").
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Callable, Sequence

import sympy as sp

from symmech.models.auctions.errors import AuctionError
from symmech.models.auctions.profiles import check_bidders


def highest(v: Sequence) -> list[int]:
    """Indices of the highest values (exact comparison)."""
    top = max(v)
    return [i for i, x in enumerate(v) if x == top]


@dataclass(frozen=True)
class TieBreak:
    """Priority tie-breaking: among the highest bidders the one earliest in ``order`` wins.

    ``rule`` (optional) is a validated user rule; ``order`` is then only used for the symbolic
    regions of the default rule and must not be relied on.
    """

    I: int
    order: tuple[int, ...] = ()
    rule: Callable[[Sequence], int] | None = None

    def __post_init__(self) -> None:
        I = check_bidders(self.I)
        object.__setattr__(self, "I", I)
        order = tuple(self.order) or tuple(range(I))
        if sorted(order) != list(range(I)):
            raise AuctionError(f"tie-breaking order must be a permutation of 0..{I - 1}, got {order}: "
                               "then it is not a partition of the value box")
        object.__setattr__(self, "order", order)

    @classmethod
    def lexicographic(cls, I: int) -> "TieBreak":
        """Ties go to the bidder with the smallest index (the thesis's default)."""
        return cls(I)

    @classmethod
    def from_rule(cls, I: int, rule: Callable[[Sequence], int], test_values: Sequence = (0, sp.Rational(1, 2), 1)
                  ) -> "TieBreak":
        """A user rule, checked on every profile over ``test_values`` (all tie patterns occur there):
        it must return one bidder index among the highest bidders."""
        I = check_bidders(I)
        for v in itertools.product([sp.sympify(x) for x in test_values], repeat=I):
            w = rule(v)
            if isinstance(w, bool) or not isinstance(w, int) or not 0 <= w < I:
                raise AuctionError(f"tie-breaking rule is not a partition: at profile {tuple(map(str, v))} it "
                                   f"returns {w!r}, not one bidder index in 0..{I - 1}")
            if w not in highest(v):
                raise AuctionError(f"tie-breaking rule is not a partition into highest-bidder sets: at profile "
                                   f"{tuple(map(str, v))} it picks bidder {w + 1}, who is not a highest bidder")
        return cls(I, rule=rule)

    @classmethod
    def from_regions(cls, I: int, regions: Sequence[Callable[[Sequence], bool]],
                     test_values: Sequence = (0, sp.Rational(1, 2), 1)) -> "TieBreak":
        """Regions ``W^i`` as predicates; each test profile must lie in exactly one, of a highest bidder."""
        I = check_bidders(I)
        if len(regions) != I:
            raise AuctionError(f"need one region per bidder ({I}), got {len(regions)}")
        for v in itertools.product([sp.sympify(x) for x in test_values], repeat=I):
            inside = [i for i in range(I) if regions[i](v)]
            if len(inside) != 1:
                raise AuctionError(f"tie-breaking regions are not a partition: profile {tuple(map(str, v))} lies in "
                                   f"{len(inside)} regions {[k + 1 for k in inside]}")
            if inside[0] not in highest(v):
                raise AuctionError(f"tie-breaking region W^{inside[0] + 1} contains {tuple(map(str, v))}, "
                                   f"where bidder {inside[0] + 1} is not a highest bidder")
        return cls(I, rule=lambda v: next(i for i in range(I) if regions[i](v)))

    def winner(self, v: Sequence) -> int:
        """The index i with ``v in W^i``."""
        if len(v) != self.I:
            raise AuctionError(f"profile has {len(v)} values, the auction has {self.I} bidders")
        if self.rule is not None:
            return self.rule(v)
        top = highest(v)
        return min(top, key=self.order.index)

    def region(self, i: int, vars: Sequence[sp.Symbol]) -> sp.Basic:
        """``W^i`` as a SymPy condition (priority rule only)."""
        if self.rule is not None:
            raise AuctionError("symbolic regions exist only for priority tie-breaking")
        rank = self.order.index(i)
        conds = []
        for j in range(self.I):
            if j == i:
                continue
            conds.append(vars[i] > vars[j] if self.order.index(j) < rank else vars[i] >= vars[j])
        return sp.And(*conds)
