"""Piecewise functions on an interval with ordered (possibly symbolic) breakpoints.

``PiecewiseFunction(x, (b0, b1, ..., bn), (f0, ..., f_{n-1}))`` is ``f_j`` on
``[b_j, b_{j+1})`` (the last piece includes ``b_n``).  The breakpoints are
*assumed* ordered, ``b0 <= b1 <= ... <= bn``; that assumption is returned by
:meth:`ordering_claims` so derivations can prove it.  Keeping the partition
explicit makes integration exact and keeps SymPy away from guessing the order
of symbolic breakpoints.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import sympy as sp

from symmech.tactics.assumptions import sign_under_ranges
from symmech.tactics import budget as _budget


#: the integration variable of :meth:`PiecewiseFunction.integral`
_T = sp.Dummy("t")


class PiecewiseError(ValueError):
    """Malformed piecewise data."""


@dataclass(frozen=True)
class PiecewiseFunction:
    """A function given piece by piece on an ordered partition."""

    var: sp.Symbol
    breaks: tuple[sp.Expr, ...]
    pieces: tuple[sp.Expr, ...]

    def __init__(self, var: sp.Symbol, breaks: Sequence, pieces: Sequence) -> None:
        breaks_t = tuple(sp.sympify(b) for b in breaks)
        pieces_t = tuple(sp.sympify(p) for p in pieces)
        if not isinstance(var, sp.Symbol):
            raise PiecewiseError(f"variable must be a Symbol, got {var!r}")
        if len(breaks_t) != len(pieces_t) + 1 or not pieces_t:
            raise PiecewiseError(
                f"need len(breaks) == len(pieces) + 1 >= 2, got {len(breaks_t)} and {len(pieces_t)}"
            )
        for a, b in zip(breaks_t, breaks_t[1:]):
            d = _budget.simplify(b - a)
            if d.is_negative:
                raise PiecewiseError(f"breakpoints out of order: {a} > {b}")
        for b in breaks_t:
            if var in b.free_symbols:
                raise PiecewiseError(f"breakpoint {b} depends on the variable {var}")
        object.__setattr__(self, "var", var)
        object.__setattr__(self, "breaks", breaks_t)
        object.__setattr__(self, "pieces", pieces_t)

    @classmethod
    def constant_on(cls, var: sp.Symbol, lo, hi, expr) -> "PiecewiseFunction":
        """A single piece ``expr`` on ``[lo, hi]``."""
        return cls(var, (lo, hi), (expr,))

    # --- basic views ---------------------------------------------------------------
    @property
    def lo(self) -> sp.Expr:
        return self.breaks[0]

    @property
    def hi(self) -> sp.Expr:
        return self.breaks[-1]

    def segments(self) -> list[tuple[sp.Expr, sp.Expr, sp.Expr]]:
        """List of ``(piece, left, right)``."""
        return [(p, self.breaks[j], self.breaks[j + 1]) for j, p in enumerate(self.pieces)]

    def as_expr(self) -> sp.Expr:
        """A SymPy ``Piecewise`` (``f_j`` for ``b_j <= x < b_{j+1}``)."""
        if len(self.pieces) == 1:
            return self.pieces[0]
        args = [(p, self.var < self.breaks[j + 1]) for j, p in enumerate(self.pieces[:-1])]
        args.append((self.pieces[-1], True))
        return sp.Piecewise(*args)

    def free_symbols(self) -> set[sp.Symbol]:
        s: set[sp.Symbol] = set()
        for e in self.breaks + self.pieces:
            s |= e.free_symbols
        return s - {self.var}

    def ordering_claims(self) -> list[sp.Expr]:
        """Expressions ``b_{j+1} - b_j`` that must be >= 0 for the partition to make sense."""
        return [b - a for a, b in zip(self.breaks, self.breaks[1:])]

    # --- algebra -------------------------------------------------------------------
    def map(self, fn: Callable[[sp.Expr], sp.Expr]) -> "PiecewiseFunction":
        """Apply ``fn`` to every piece."""
        return PiecewiseFunction(self.var, self.breaks, [fn(p) for p in self.pieces])

    def subs(self, *args, **kwargs) -> "PiecewiseFunction":
        return PiecewiseFunction(
            self.var,
            [sp.sympify(b).subs(*args, **kwargs) for b in self.breaks],
            [p.subs(*args, **kwargs) for p in self.pieces],
        )

    def rename(self, new: sp.Symbol) -> "PiecewiseFunction":
        """The same function in another variable."""
        return PiecewiseFunction(new, self.breaks, [p.subs(self.var, new) for p in self.pieces])

    def combine(self, other: "PiecewiseFunction | sp.Expr", op: Callable) -> "PiecewiseFunction":
        """Pointwise ``op(self, other)``; ``other`` must share the partition or be an expression."""
        if isinstance(other, PiecewiseFunction):
            other = other.rename(self.var)
            if other.breaks != self.breaks:
                common = self.common_breaks(other)
                mine, other = self.refine(common), other.refine(common)
                return PiecewiseFunction(self.var, common, [op(a, b) for a, b in zip(mine.pieces, other.pieces)])
            return PiecewiseFunction(self.var, self.breaks, [op(a, b) for a, b in zip(self.pieces, other.pieces)])
        o = sp.sympify(other)
        return self.map(lambda p: op(p, o))

    def refine(self, breaks: Sequence[sp.Expr]) -> "PiecewiseFunction":
        """Re-express on a finer partition ``breaks`` that contains all current breakpoints."""
        breaks = tuple(sp.sympify(b) for b in breaks)
        if breaks[0] != self.breaks[0] or breaks[-1] != self.breaks[-1]:
            raise PiecewiseError(f"partitions cover different intervals: {self.breaks} vs {breaks}")
        missing = [b for b in self.breaks if b not in breaks]
        if missing:
            raise PiecewiseError(
                f"cannot align partitions {self.breaks} and {breaks}: breakpoint(s) {missing} missing; "
                "give both functions the same breakpoints"
            )
        pieces, j = [], 0
        for i in range(len(breaks) - 1):
            while j + 1 < len(self.breaks) - 1 and breaks[i] == self.breaks[j + 1]:
                j += 1
            pieces.append(self.pieces[j])
        return PiecewiseFunction(self.var, breaks, pieces)

    def common_breaks(self, other: "PiecewiseFunction") -> tuple[sp.Expr, ...]:
        """The union of both partitions, ordered; raises if two breakpoints cannot be ordered."""
        if (self.lo, self.hi) != (other.lo, other.hi):
            raise PiecewiseError(f"partitions cover different intervals: {self.breaks} vs {other.breaks}")
        return merge_breaks(self.breaks, other.breaks)

    def __add__(self, other):
        return self.combine(other, lambda a, b: a + b)

    __radd__ = __add__

    def __sub__(self, other):
        return self.combine(other, lambda a, b: a - b)

    def __rsub__(self, other):
        return self.combine(other, lambda a, b: b - a)

    def __mul__(self, other):
        return self.combine(other, lambda a, b: a * b)

    __rmul__ = __mul__

    def __neg__(self):
        return self.map(lambda p: -p)

    # --- calculus ------------------------------------------------------------------
    def derivative(self) -> "PiecewiseFunction":
        """Piecewise derivative (jumps are reported by :meth:`jumps`)."""
        return self.map(lambda p: sp.diff(p, self.var))

    def jumps(self) -> list[tuple[sp.Expr, sp.Expr]]:
        """``(b_j, right limit - left limit)`` at every interior breakpoint."""
        out = []
        for j in range(1, len(self.breaks) - 1):
            b = self.breaks[j]
            left = self.pieces[j - 1].subs(self.var, b)
            right = self.pieces[j].subs(self.var, b)
            out.append((b, _budget.simplify(right - left)))
        return out

    def integral(self) -> "PiecewiseFunction":
        """``x -> integral_{b0}^{x} f``, exact, piece by piece."""
        # one integration variable for every call, so that repeated integrals are the same expression (the
        # construction memo in symmech.tactics.budget); a fresh one if a piece already contains it (an unevaluated Integral)
        t = _T if not any(p.has(_T) for p in self.pieces) else sp.Dummy("t")
        acc = sp.Integer(0)
        pieces = []
        for j, p in enumerate(self.pieces):
            a, b = self.breaks[j], self.breaks[j + 1]
            anti = _budget.integrate(p.subs(self.var, t), (t, a, self.var))
            pieces.append(_budget.simplify(acc + anti))
            acc = _budget.simplify(acc + _budget.integrate(p.subs(self.var, t), (t, a, b)))
        return PiecewiseFunction(self.var, self.breaks, pieces)

    def integral_expr(self, lo=None) -> sp.Expr:
        """Unevaluated ``Integral`` of the ``Piecewise`` form (for printing)."""
        t = sp.Symbol("tau")
        return sp.Integral(self.as_expr().subs(self.var, t), (t, self.lo if lo is None else lo, self.var))

    def value_at_break(self, j: int, side: str = "right") -> sp.Expr:
        """Value at breakpoint ``b_j`` from the right (piece j) or left (piece j-1)."""
        if side == "right":
            idx = min(j, len(self.pieces) - 1)
        else:
            idx = max(j - 1, 0)
        return self.pieces[idx].subs(self.var, self.breaks[j])

    def _latex(self, printer) -> str:
        if len(self.pieces) == 1:
            return printer._print(self.pieces[0])
        x = printer._print(self.var)
        rows = []
        for j, (p, a, b) in enumerate(self.segments()):
            rel = r"\le" if j == len(self.pieces) - 1 else "<"
            rows.append(rf"{printer._print(p)} & \text{{if }} {printer._print(a)} \le {x} {rel} {printer._print(b)}")
        return r"\begin{cases} " + r" \\ ".join(rows) + r" \end{cases}"

    def _repr_latex_(self) -> str:
        return "$\\displaystyle " + sp.latex(self) + "$"


def _order(a: sp.Expr, b: sp.Expr) -> int:
    """-1 if a < b, 0 if a == b, 1 if a > b; PiecewiseError if SymPy cannot decide."""
    d = _budget.simplify(b - a)
    if d == 0:
        return 0
    if d.is_positive:
        return -1
    if d.is_negative:
        return 1
    sign = sign_under_ranges(d)
    if sign is not None:
        return -sign
    names = ", ".join(sorted(map(str, d.free_symbols)))
    raise PiecewiseError(f"cannot order breakpoints {a} and {b}: SymPy knows signs, not ranges"
                         + (f" (of {names})" if names else "")
                         + "; build the model inside `with scope.assume():` so the parameters' ranges are used, "
                           "or give both functions the same breakpoints")


def merge_breaks(first: Sequence[sp.Expr], second: Sequence[sp.Expr]) -> tuple[sp.Expr, ...]:
    """Merge two ordered partitions into their common refinement."""
    out: list[sp.Expr] = []
    i = j = 0
    while i < len(first) or j < len(second):
        if j == len(second):
            cand = first[i]
            i += 1
        elif i == len(first):
            cand = second[j]
            j += 1
        else:
            o = _order(first[i], second[j])
            if o == 0:
                cand = first[i]
                i += 1
                j += 1
            elif o < 0:
                cand = first[i]
                i += 1
            else:
                cand = second[j]
                j += 1
        if not out or _budget.simplify(cand - out[-1]) != 0:
            out.append(cand)
    return tuple(out)
