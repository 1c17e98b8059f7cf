"""Type spaces for n goods: value vectors as tuples of SymPy symbols, boxes of values.

A buyer's type is ``theta = (theta_1, ..., theta_n)``; the value space is a box
``[lo_1, hi_1] x ... x [lo_n, hi_n]`` (``[0, 1]^n`` by default).  Ends may be
parameter expressions (e.g. ``delta**(t-1)``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import sympy as sp


def value_vars(n: int, name: str = "theta") -> tuple[sp.Symbol, ...]:
    """``(theta_1, ..., theta_n)``: nonnegative symbols for the coordinates of a type."""
    if n < 1:
        raise ValueError("need at least one good")
    return tuple(sp.Symbol(f"{name}_{i + 1}", nonnegative=True) for i in range(n))


@dataclass(frozen=True)
class Box:
    """The product of intervals ``[lo_i, hi_i]`` over the coordinates ``vars``.

    >>> th = value_vars(2)
    >>> Box.unit(th).bounds()
    [(theta_1, 0, 1), (theta_2, 0, 1)]
    """

    vars: tuple[sp.Symbol, ...]
    lo: tuple[sp.Expr, ...]
    hi: tuple[sp.Expr, ...]

    def __init__(self, vars: Sequence[sp.Symbol], lo: Sequence, hi: Sequence) -> None:
        vars_t = tuple(vars)
        lo_t = tuple(sp.sympify(x) for x in lo)
        hi_t = tuple(sp.sympify(x) for x in hi)
        if not (len(vars_t) == len(lo_t) == len(hi_t)):
            raise ValueError("a box needs one (lo, hi) pair per coordinate")
        for a, b in zip(lo_t, hi_t):
            d = b - a
            if d.is_number and d < 0:
                raise ValueError(f"empty side [{a}, {b}]")
        object.__setattr__(self, "vars", vars_t)
        object.__setattr__(self, "lo", lo_t)
        object.__setattr__(self, "hi", hi_t)

    @classmethod
    def unit(cls, vars: Sequence[sp.Symbol]) -> "Box":
        """``[0, 1]^n``."""
        return cls(vars, [0] * len(vars), [1] * len(vars))

    @classmethod
    def cube(cls, vars: Sequence[sp.Symbol], lo, hi) -> "Box":
        """``[lo, hi]^n``."""
        return cls(vars, [lo] * len(vars), [hi] * len(vars))

    @property
    def n(self) -> int:
        return len(self.vars)

    def bounds(self, idx: Sequence[int] | None = None) -> list[tuple]:
        """``[(var, lo, hi), ...]`` (for a claim's ``over=``), optionally for a subset of coordinates."""
        idx = range(self.n) if idx is None else idx
        return [(self.vars[i], self.lo[i], self.hi[i]) for i in idx]

    def corner_lo(self) -> dict:
        return dict(zip(self.vars, self.lo))

    def corner_hi(self) -> dict:
        return dict(zip(self.vars, self.hi))

    def rename(self, vars: Sequence[sp.Symbol]) -> "Box":
        return Box(vars, self.lo, self.hi)

    def _latex(self, printer) -> str:
        return r" \times ".join(rf"[{printer._print(a)}, {printer._print(b)}]" for a, b in zip(self.lo, self.hi))
