"""Claim builders for several-bidder auctions (each returns a :class:`symmech.Claim`).

Dual certificates ``Rev(v) >= lambda + sigma sum_i v_i`` on all of ``[0, 1]^I`` (Prop. 1.5.4, weak
duality: then ``E_P Rev >= lambda + sigma I mu`` for every P in the Markov set) are decided *exactly*
on the cells of the arrangement, for every I at once:

* both sides are symmetric in the bidders (``sigma`` is a multiple of ``e``; the revenue of an
  order-statistic auction depends on the sorted profile only), so it suffices to take
  ``a = v_(1) >= b = v_(2) >= the rest``;
* the other ``I - 2`` values enter only through their sum ``t``, which ranges exactly over
  ``[0, (I - 2) b]``; so the claim is ``Rev(a, b) >= lambda + sigma (a + b + t)`` for
  ``t = tau (I - 2) b``, ``tau in [0, 1]``;
* each :class:`Cell` is a polytope on which the revenue is one affine piece (e.g. ``a <= r``;
  ``b <= r <= a``; ``b >= r``), so the affine residual is >= 0 on it iff it is at the vertices (exact;
  the cells are closed, the pieces extended continuously to their boundary).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import sympy as sp

from symmech.claims import AllOf, Claim, Inequality
from symmech.kernel.verdict import Status, Verdict
from symmech.models.auctions.errors import AuctionError

a_, b_, t_ = sp.symbols("a b t", real=True)


@dataclass(frozen=True)
class Cell:
    """A closed polytope cell of the ordered cone in ``(a, b, t) = (v_(1), v_(2), sum of the rest)``, given by
    its vertices, on which the total revenue is the affine function ``revenue(a, b)`` (one piece)."""

    name: str
    vertices: tuple
    revenue: Callable[[sp.Expr, sp.Expr], sp.Expr]
    tex: str = ""


def cone_cells(threshold, I, rev_low: Callable, rev_mid: Callable, rev_high: Callable) -> list[Cell]:
    """The three cells of an auction with one reserve-like threshold ``r`` (0 <= r <= 1):
    ``a <= r`` (revenue ``rev_low``), ``b <= r <= a`` (``rev_mid``), ``r <= b`` (``rev_high``); each with
    ``b <= a`` and ``0 <= t <= (I - 2) b``.  Vertices: the low cell is the simplex
    ``(0,0,0), (r,0,0), (r,r,0), (r,r,(I-2)r)``; the others are the products of their (a, b) polygon
    with the t-segment, whose ends are affine in b."""
    r, I = sp.sympify(threshold), sp.sympify(I)
    k = I - 2
    low = ((0, 0, 0), (r, 0, 0), (r, r, 0), (r, r, k * r))
    mid = ((r, 0, 0), (1, 0, 0), (r, r, 0), (r, r, k * r), (1, r, 0), (1, r, k * r))
    high = ((r, r, 0), (r, r, k * r), (1, r, 0), (1, r, k * r), (1, 1, 0), (1, 1, k))
    return [Cell("top_below_r", low, rev_low, r"v_{(1)} \le r"),
            Cell("second_below_r", mid, rev_mid, r"v_{(2)} \le r \le v_{(1)}"),
            Cell("second_above_r", high, rev_high, r"r \le v_{(2)}")]


def dual_certificate_cells(id: str, cells: Sequence[Cell], lam, sigma, I, *, source: str = "",
                           expect: str = "holds", note: str = "", statement: str = "") -> AllOf:
    """``Rev(v) >= lam + sigma sum_i v_i`` for all v in [0, 1]^I, decided exactly: on each cell the residual
    ``Rev(a, b) - lam - sigma (a + b + t)`` is affine (its second derivatives are identically 0: checked
    here, else AuctionError), so it is >= 0 on the cell iff it is >= 0 at every vertex (one claim per
    vertex, over the parameters only)."""
    lam, sigma, I = sp.sympify(lam), sp.sympify(sigma), sp.sympify(I)
    parts: list[Claim] = []
    for c in cells:
        res = c.revenue(a_, b_) - lam - sigma * (a_ + b_ + t_)
        for x in (a_, b_, t_):
            for y in (a_, b_, t_):
                if sp.simplify(sp.diff(res, x, y)) != 0:
                    raise AuctionError(f"revenue on cell {c.name} is not affine in the values: the vertex test "
                                       f"does not apply")
        for j, (a, b, t) in enumerate(c.vertices):
            parts.append(Inequality(f"{id}.{c.name}.v{j}", lhs=sp.sympify(c.revenue(a_, b_)).subs({a_: a, b_: b}), rel=">=",
                                    rhs=lam + sigma * (sp.sympify(a) + b + t), source=source,
                                    statement=(r"\text{at vertex } (v_{(1)}, v_{(2)}, \textstyle\sum_{\rm rest}) = ("
                                               + ", ".join(sp.latex(sp.sympify(z)) for z in (a, b, t)) + r")\ \text{of}\ "
                                               + c.tex)))
    return AllOf(id, parts=parts, source=source, expect=expect, note=note,
                 statement=statement or (r"\mathrm{Rev}(v) \ge " + sp.latex(lam) + " + " + sp.latex(sigma)
                                         + r"\sum_j v_j\quad \forall v\in[0,1]^I"))


@dataclass
class LPBracket(Claim):
    """A closed form lies in the bracket ``[lower, upper]`` of a float grid LP (``run()`` -> :class:`LPRun`).

    Evidence only (HiGHS in double precision): CONFIRMED when ``lower - tol <= value <= upper + tol``,
    REFUTED (with the bracket as witness) when the value lies outside by more than ``tol``."""

    run: Callable = None  # type: ignore[assignment]
    value: sp.Expr = sp.Integer(0)
    tol: float = 1e-7

    def check(self, scope, *, digits: int = 50, samples: int = 9):
        res = self.run()
        val = float(sp.N(self.value, 30))
        lo = res.lower if res.lower is not None else -float("inf")
        hi = res.upper if res.upper is not None else res.value
        info = (f"closed form {val:.12g} in [{lo:.12g}, {hi:.12g}] (HiGHS, LP {res.rows}x{res.cols}, "
                f"{res.seconds:.2f}s)")
        if lo - self.tol <= val <= hi + self.tol:
            return Verdict(Status.CONFIRMED, "HiGHS LP", info + "; double precision: evidence, not a proof")
        return Verdict(Status.REFUTED, "HiGHS LP", "outside the LP bracket: " + info,
                       witness={"lower": f"{lo:.15g}", "upper": f"{hi:.15g}"}, witness_value=f"{val:.15g}")
