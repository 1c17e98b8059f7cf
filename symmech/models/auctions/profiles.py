"""Value profiles of I bidders on a box V^I (reusing :class:`symmech.models.multigood.Box`) and input validation.

``bidder_vars(I)`` gives ``(v_1, ..., v_I)``; :class:`ValueSpace` is ``[lo, hi]^I`` with its
:class:`~symmech.models.multigood.Box`.  ``check_bidders`` / ``check_mean`` turn user input into exact
SymPy numbers or raise :class:`AuctionError` naming the problem (nothing is clipped).
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from numbers import Integral, Real
from typing import Iterator, Sequence

import sympy as sp

from symmech.models.multigood.types import Box, value_vars
from symmech.models.auctions.errors import AuctionError


def check_bidders(I) -> int:
    """``I`` as a Python int; AuctionError unless it is an integer >= 2."""
    if isinstance(I, bool) or not isinstance(I, (Integral, sp.Integer)):
        if isinstance(I, sp.Basic) and I.is_Integer:
            I = int(I)
        else:
            raise AuctionError(f"number of bidders I must be an integer >= 2, got {I!r}")
    if int(I) < 2:
        raise AuctionError(f"number of bidders I must be an integer >= 2, got {I} (one bidder is not an auction)")
    return int(I)


def exact_number(x, what: str = "value") -> sp.Expr:
    """An exact real SymPy number from int / Fraction / str / SymPy / float (a float is read as the
    decimal it prints as, e.g. 0.3 -> 3/10); AuctionError for anything else or a non-real number."""
    if isinstance(x, bool):
        raise AuctionError(f"{what} must be a real number, got {x!r}")
    if isinstance(x, Fraction):
        return sp.Rational(x.numerator, x.denominator)
    if isinstance(x, float):
        if x != x or x in (float("inf"), float("-inf")):
            raise AuctionError(f"{what} must be a finite real number, got {x!r}")
        return sp.Rational(repr(x))
    if isinstance(x, str):
        try:
            return sp.Rational(x)
        except (TypeError, ValueError) as exc:
            raise AuctionError(f"{what} must be a number such as '1/2' or '0.3', got {x!r}") from exc
    if isinstance(x, (Integral, Real, sp.Basic)):
        e = sp.sympify(x)
        if not (e.is_number and e.is_real):
            raise AuctionError(f"{what} must be a real number, got {x!r}")
        return e
    raise AuctionError(f"{what} must be a real number, got {x!r}")


def check_mean(mu) -> sp.Expr:
    """The Markov mean bound ``mu`` as an exact number; AuctionError unless 0 < mu < 1."""
    m = exact_number(mu, "mean bound mu")
    if not (m > 0 and m < 1):
        raise AuctionError(f"mean bound mu must lie in the open interval (0, 1), got {m}")
    return m


def bidder_vars(I: int, name: str = "v") -> tuple[sp.Symbol, ...]:
    """``(v_1, ..., v_I)``: nonnegative symbols for the bidders' values (I >= 2)."""
    return value_vars(check_bidders(I), name)


@dataclass(frozen=True)
class ValueSpace:
    """The value box ``V^I = [lo, hi]^I`` of ``I`` bidders (default ``[0, 1]^I``)."""

    I: int
    lo: sp.Expr = sp.Integer(0)
    hi: sp.Expr = sp.Integer(1)
    name: str = "v"

    def __post_init__(self) -> None:
        object.__setattr__(self, "I", check_bidders(self.I))
        lo, hi = exact_number(self.lo, "lower value bound"), exact_number(self.hi, "upper value bound")
        if not lo < hi:
            raise AuctionError(f"value interval [{lo}, {hi}] is empty or a point")
        if lo < 0:
            raise AuctionError(f"values must be nonnegative, got lower bound {lo}")
        object.__setattr__(self, "lo", lo)
        object.__setattr__(self, "hi", hi)

    @property
    def vars(self) -> tuple[sp.Symbol, ...]:
        return value_vars(self.I, self.name)

    @property
    def box(self) -> Box:
        return Box.cube(self.vars, self.lo, self.hi)

    def grid(self, n: int) -> Iterator[tuple[sp.Rational, ...]]:
        """Exact profiles on the product grid with ``n + 1`` points per coordinate."""
        if n < 1:
            raise AuctionError(f"grid needs n >= 1 steps, got {n}")
        pts = [self.lo + (self.hi - self.lo) * sp.Rational(k, n) for k in range(n + 1)]
        return itertools.product(pts, repeat=self.I)

    def contains(self, v: Sequence) -> bool:
        return len(v) == self.I and all(self.lo <= sp.sympify(x) <= self.hi for x in v)
