"""Mechanisms for n goods.

* :class:`PartitionedSale` -- the goods are split into disjoint blocks; each block is sold
  by a one-dimensional :class:`symmech.Mechanism` applied to an aggregate value
  ``a_b = sum_{i in b} w_i theta_i``.  Rent ``U(theta) = sum_b c_b U_b(a_b)``, allocation
  ``q_i = c_b w_i q_b(a_b)``, payment ``t = sum_b c_b t_b(a_b)`` (= ``theta . grad U - U``).
  Constructors: :meth:`PartitionedSale.separate_sales`, :meth:`~PartitionedSale.pure_bundling`
  (random price on the sum, or on the average), :meth:`~PartitionedSale.k_bundled`.
  IC: a convex function of a linear form is convex (``c_b >= 0``, ``w >= 0``), so the
  mechanism is IC iff every block's 1-D mechanism is (Myerson) -- see ``checks.multigood``.
* :class:`Menu` -- a finite menu of lotteries ``(q vector, price)`` plus the outside option
  ``(0, 0)``; IC by construction (the buyer picks her favourite item).
* :class:`ConvexUtilityMechanism` -- a direct mechanism given by a rent ``U`` that is a
  different expression on each cell of a grid of boxes; allocation ``grad U``, payment
  ``theta . grad U - U``.  IC/IR claims: Hessian PSD per cell (principal minors),
  ``U`` and ``grad U`` continuous across faces, ``grad U`` in ``[0, caps]``, ``U >= 0``.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Mapping, Sequence

import sympy as sp

from symmech.models.distributions import Distribution
from symmech.models.mechanisms import Mechanism
from symmech.models.piecewise import PiecewiseFunction


class MultiMechanismError(ValueError):
    """Malformed multi-good mechanism data."""


@dataclass(frozen=True)
class Block:
    """Goods ``goods`` sold together by ``mechanism`` (1-D, in the aggregate ``sum w_i theta_i``)."""

    goods: tuple[int, ...]
    mechanism: Mechanism
    weights: tuple[sp.Expr, ...]
    scale: sp.Expr = sp.Integer(1)

    def __post_init__(self) -> None:
        object.__setattr__(self, "goods", tuple(self.goods))
        object.__setattr__(self, "weights", tuple(sp.sympify(w) for w in self.weights))
        object.__setattr__(self, "scale", sp.sympify(self.scale))
        if len(self.weights) != len(self.goods):
            raise MultiMechanismError("one weight per good of the block")

    def aggregate(self, vars: Sequence[sp.Symbol]) -> sp.Expr:
        return sum(w * vars[i] for i, w in zip(self.goods, self.weights))

    def aggregate_range(self, lo: Sequence, hi: Sequence) -> tuple[sp.Expr, sp.Expr]:
        """Image of the block's box under the aggregate (weights assumed nonnegative)."""
        return (sum(w * sp.sympify(lo[i]) for i, w in zip(self.goods, self.weights)),
                sum(w * sp.sympify(hi[i]) for i, w in zip(self.goods, self.weights)))


@dataclass(frozen=True)
class PartitionedSale:
    """Disjoint blocks of goods, each sold by a 1-D mechanism on an aggregate value."""

    vars: tuple[sp.Symbol, ...]
    blocks: tuple[Block, ...]

    def __init__(self, vars: Sequence[sp.Symbol], blocks: Sequence[Block]) -> None:
        seen: set[int] = set()
        for b in blocks:
            if seen & set(b.goods):
                raise MultiMechanismError(f"good(s) {sorted(seen & set(b.goods))} in two blocks")
            seen |= set(b.goods)
            if max(b.goods) >= len(vars):
                raise MultiMechanismError(f"block {b.goods} refers to a good that does not exist")
        object.__setattr__(self, "vars", tuple(vars))
        object.__setattr__(self, "blocks", tuple(blocks))

    # --- constructors ------------------------------------------------------------
    @classmethod
    def separate_sales(cls, vars: Sequence[sp.Symbol], mechanisms: Sequence[Mechanism],
                       scales: Sequence | None = None) -> "PartitionedSale":
        """Good ``i`` sold by ``mechanisms[i]`` on its own value (optionally scaled by ``scales[i]``)."""
        scales = scales or [1] * len(vars)
        return cls(vars, [Block((i,), m, (1,), c) for i, (m, c) in enumerate(zip(mechanisms, scales))])

    @classmethod
    def pure_bundling(cls, vars: Sequence[sp.Symbol], mechanism: Mechanism, on: str = "sum") -> "PartitionedSale":
        """All goods as one bundle: a 1-D mechanism on the sum (``on='sum'``, types in ``[0, n]``)
        or on the average value (``on='average'``: q_i = q(avg), t = n t(avg))."""
        return cls(vars, [_bundle_block(tuple(range(len(vars))), mechanism, on)])

    @classmethod
    def k_bundled(cls, vars: Sequence[sp.Symbol], K: int, mechanism: Mechanism, on: str = "sum") -> "PartitionedSale":
        """Consecutive bundles of ``K`` goods, each sold by the same 1-D mechanism."""
        if len(vars) % K:
            raise MultiMechanismError(f"{len(vars)} goods cannot be split into bundles of {K}")
        return cls(vars, [_bundle_block(tuple(range(j, j + K)), mechanism, on) for j in range(0, len(vars), K)])

    # --- formulas ------------------------------------------------------------------
    def block_of(self, i: int) -> Block | None:
        return next((b for b in self.blocks if i in b.goods), None)

    def allocation(self, i: int) -> sp.Expr:
        """``q_i(theta)`` as an expression (a SymPy Piecewise in the aggregate)."""
        b = self.block_of(i)
        if b is None:
            return sp.Integer(0)
        w = b.weights[b.goods.index(i)]
        m = b.mechanism
        return b.scale * w * m.allocation.as_expr().subs(m.var, b.aggregate(self.vars))

    def payment(self) -> sp.Expr:
        """``t(theta) = sum_b c_b t_b(a_b)``."""
        return sum((b.scale * b.mechanism.payment.as_expr().subs(b.mechanism.var, b.aggregate(self.vars))
                    for b in self.blocks), sp.Integer(0))

    def utility(self) -> sp.Expr:
        """``U(theta) = theta . q - t``."""
        return sum((v * self.allocation(i) for i, v in enumerate(self.vars)), sp.Integer(0)) - self.payment()

    def payment_on_line(self, line) -> tuple[PiecewiseFunction, "object"]:
        """The payment along ``line`` (a LineDistribution) as a 1-D PiecewiseFunction in ``line.s``.

        Returns ``(payment, base)``: ``base`` is the line's base law, re-partitioned when the
        payment has extra breakpoints.  If the blocks' breakpoints (mapped to ``s``) do not
        line up with each other and with the base law's partition, the payment is returned as
        one SymPy Piecewise piece (exact, but harder for the symbolic prover).
        """
        s = line.s
        base = line.base
        part = base._partition()
        pieces_by_block, breaks_by_block = [], []
        for b in self.blocks:
            agg = line.restrict(b.aggregate(self.vars))
            alpha, beta = agg.subs(s, 0), sp.simplify(sp.diff(agg, s))
            m = b.mechanism
            if beta == 0 or sp.diff(agg, s, 2) != 0:
                breaks_by_block.append(None)
            else:
                breaks_by_block.append(tuple(sp.simplify((x - alpha) / beta) for x in m.payment.breaks))
            pieces_by_block.append([b.scale * p.subs(m.var, agg) for p in m.payment.pieces])
        target = None
        if all(bb is not None for bb in breaks_by_block):
            candidates = {bb for bb in breaks_by_block}
            if len(candidates) == 1:
                target = candidates.pop()
        if target is not None and _same(target[0], part.breaks[0]) and _same(target[-1], part.breaks[-1]):
            if len(target) == len(part.breaks) and all(_same(a, c) for a, c in zip(target, part.breaks)):
                pieces = [sum(pb[j] for pb in pieces_by_block) for j in range(len(target) - 1)]
                return PiecewiseFunction(s, part.breaks, pieces), base
            if all(any(_same(c, a) for a in target) for c in part.breaks) and base.density is not None:
                pieces = [sum(pb[j] for pb in pieces_by_block) for j in range(len(target) - 1)]
                dens = base.density.refine(target)
                return PiecewiseFunction(s, target, pieces), Distribution(s, density=dens, atoms=dict(base.atoms))
        whole = line.restrict(self.payment())
        return PiecewiseFunction(s, (part.breaks[0], part.breaks[-1]), (whole,)), base


def _same(a, b) -> bool:
    return sp.simplify(sp.sympify(a) - sp.sympify(b)) == 0


def _bundle_block(goods: tuple[int, ...], mechanism: Mechanism, on: str) -> Block:
    K = len(goods)
    if on == "sum":
        return Block(goods, mechanism, (1,) * K, 1)
    if on == "average":
        return Block(goods, mechanism, (sp.Rational(1, K),) * K, K)
    raise MultiMechanismError(f"bundle price on 'sum' or 'average', got {on!r}")


@dataclass(frozen=True)
class Menu:
    """A menu of lotteries ``[(q vector, price), ...]``; the outside option ``(0, 0)`` is implicit.

    Ties between items are broken in the seller's favour (highest price) at atoms; along a
    line the item optimal just to the right of a kink is used (the same thing on rays).
    """

    vars: tuple[sp.Symbol, ...]
    items: tuple[tuple[tuple[sp.Expr, ...], sp.Expr], ...]

    def __init__(self, vars: Sequence[sp.Symbol], items: Sequence) -> None:
        its = tuple((tuple(sp.sympify(x) for x in q), sp.sympify(p)) for q, p in items)
        for q, _ in its:
            if len(q) != len(vars):
                raise MultiMechanismError(f"lottery {q} has the wrong dimension")
        object.__setattr__(self, "vars", tuple(vars))
        object.__setattr__(self, "items", its)

    def utility(self) -> sp.Expr:
        """``U(theta) = max(0, max_j q_j . theta - p_j)``."""
        return sp.Max(0, *[sum(qi * v for qi, v in zip(q, self.vars)) - p for q, p in self.items])

    def choice(self, point: Sequence) -> tuple[tuple[sp.Expr, ...], sp.Expr]:
        """The chosen ``(q, price)`` at a concrete type (seller-favourable ties)."""
        opts = [((sp.Integer(0),) * len(self.vars), sp.Integer(0))] + list(self.items)
        def key(item):
            q, p = item
            return (sum(qi * sp.sympify(x) for qi, x in zip(q, point)) - p, p)
        return max(opts, key=lambda it: tuple(sp.nsimplify(v) for v in key(it)))

    def revenue_atomic(self, D) -> sp.Expr:
        """Exact expected payment against an AtomicDistribution with concrete atoms."""
        return sp.nsimplify(sum(m * self.choice(p)[1] for p, m in D.atoms))

    def on_line(self, line) -> tuple[PiecewiseFunction, PiecewiseFunction]:
        """``(payment, aggregate allocation d.q)`` along a line with concrete data, in ``line.s``."""
        s = line.s
        lo, hi = Fraction(str(sp.nsimplify(line.base.lo))), Fraction(str(sp.nsimplify(line.base.hi)))
        opts = [((0,) * len(self.vars), 0)] + [(q, p) for q, p in self.items]
        lin = []
        for q, p in opts:
            a = sum(Fraction(str(sp.nsimplify(qi * o))) for qi, o in zip(q, line.origin)) - Fraction(str(sp.nsimplify(p)))
            b = sum(Fraction(str(sp.nsimplify(qi * d))) for qi, d in zip(q, line.direction))
            lin.append((a, b, Fraction(str(sp.nsimplify(p)))))
        cuts = {lo, hi}
        for (a1, b1, _), (a2, b2, _) in itertools.combinations(lin, 2):
            if b1 != b2:
                x = (a2 - a1) / (b1 - b2)
                if lo < x < hi:
                    cuts.add(x)
        cuts = sorted(cuts)
        chosen = []
        for x0, x1 in zip(cuts, cuts[1:]):
            mid = (x0 + x1) / 2
            chosen.append(max(range(len(lin)), key=lambda j: (lin[j][0] + lin[j][1] * mid, lin[j][2])))
        breaks, items = [cuts[0]], []
        for j, c in enumerate(chosen):
            if items and items[-1] == c:
                breaks[-1] = cuts[j + 1]
            else:
                items.append(c)
                breaks.append(cuts[j + 1])
        br = [sp.Rational(x.numerator, x.denominator) for x in breaks]
        pay = PiecewiseFunction(s, br, [sp.Rational(lin[j][2].numerator, lin[j][2].denominator) for j in items])
        alloc = PiecewiseFunction(s, br, [sp.Rational(lin[j][1].numerator, lin[j][1].denominator) for j in items])
        return pay, alloc


@dataclass(frozen=True)
class ConvexUtilityMechanism:
    """Rent ``U`` given cell by cell on the grid ``breaks[0] x breaks[1] x ...``.

    ``pieces[(j_1, ..., j_n)]`` is ``U`` on ``prod_i [breaks[i][j_i], breaks[i][j_i + 1]]``;
    a missing cell means ``U = 0`` there.  Allocation ``grad U``, payment ``theta . grad U - U``.
    Keep ``n <= 3`` for claims (sampling is a product grid).
    """

    vars: tuple[sp.Symbol, ...]
    breaks: tuple[tuple[sp.Expr, ...], ...]
    pieces: Mapping[tuple[int, ...], sp.Expr]

    def __init__(self, vars: Sequence[sp.Symbol], breaks: Sequence[Sequence], pieces: Mapping) -> None:
        br = tuple(tuple(sp.sympify(x) for x in b) for b in breaks)
        if len(br) != len(vars):
            raise MultiMechanismError("one breakpoint list per coordinate")
        cells = set(itertools.product(*[range(len(b) - 1) for b in br]))
        full = {}
        for c in cells:
            full[c] = sp.sympify(pieces.get(c, 0))
        unknown = set(pieces) - cells
        if unknown:
            raise MultiMechanismError(f"cells {sorted(unknown)} are not in the grid")
        object.__setattr__(self, "vars", tuple(vars))
        object.__setattr__(self, "breaks", br)
        object.__setattr__(self, "pieces", full)

    @classmethod
    def single(cls, vars: Sequence[sp.Symbol], U, lo: Sequence, hi: Sequence) -> "ConvexUtilityMechanism":
        """One smooth piece on the box ``[lo, hi]``."""
        return cls(vars, [(a, b) for a, b in zip(lo, hi)], {(0,) * len(vars): U})

    def cells(self):
        """``(index, U, over)`` for each cell, ``over = [(var, lo, hi), ...]``."""
        for idx in sorted(self.pieces):
            over = [(v, self.breaks[i][j], self.breaks[i][j + 1]) for i, (v, j) in enumerate(zip(self.vars, idx))]
            yield idx, self.pieces[idx], over

    def gradient(self, U) -> list[sp.Expr]:
        return [sp.diff(U, v) for v in self.vars]

    def payment_piece(self, U) -> sp.Expr:
        return sp.expand(sum(v * g for v, g in zip(self.vars, self.gradient(U))) - U)

    def faces(self):
        """``(axis, cell_left, cell_right, value)`` for every interior face of the grid."""
        for idx in sorted(self.pieces):
            for i in range(len(self.vars)):
                if idx[i] + 1 < len(self.breaks[i]) - 1:
                    right = idx[:i] + (idx[i] + 1,) + idx[i + 1:]
                    yield i, idx, right, self.breaks[i][idx[i] + 1]
