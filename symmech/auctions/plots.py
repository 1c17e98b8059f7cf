"""Figures of several-bidder auctions (matplotlib imported lazily).

:class:`HBLAllocationFigure` is a ``Derivation.figures`` entry (any object with ``draw(values, point)``
returning ``(figure, caption)`` is drawn by ``symmech plot`` / ``symmech latex``): the winner's lottery
probability ``q*_i`` of the highest-bidder lottery (1.12) over ``(v_i, max_{j != i} v_j)``.
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy as sp


@dataclass(frozen=True)
class HBLAllocationFigure:
    """``q*_i(v_i, s)`` on [0, 1]^2 (0 where ``s > v_i``: bidder i does not win); ``sigma``, ``r`` and ``I``
    are expressions evaluated at the plotted parameter values."""

    sigma: sp.Expr
    r: sp.Expr
    I: sp.Expr
    n: int = 241

    def values_at(self, values: dict) -> tuple[float, float, float]:
        ev = lambda e: float(sp.N(sp.sympify(e).subs(values), 20))
        return ev(self.sigma), ev(self.r), ev(self.I)

    def grid(self, values: dict):
        """``(V, S, Q)`` arrays of the allocation (for tests and the figure)."""
        import numpy as np

        sg, r, I = self.values_at(values)
        v = np.linspace(1e-6, 1, self.n)
        V, S = np.meshgrid(v, v)
        with np.errstate(all="ignore"):
            qa = sg * np.log(V / S) + I * sg - sg * r / S
            qb = sg * np.log(V) + 1
        Q = np.where(S >= r, qa, np.where(V < r, (I - 1) * sg, qb))
        Q = np.where(S > V, 0.0, Q)
        return V, S, Q

    def draw(self, values: dict, point: dict | None = None):
        from ..plots import _plt

        plt = _plt()
        sg, r, I = self.values_at(values)
        V, S, Q = self.grid(values)
        fig, ax = plt.subplots(figsize=(5.2, 4.2), constrained_layout=True)
        im = ax.contourf(V, S, Q, levels=21, cmap="viridis", vmin=0, vmax=1)
        fig.colorbar(im, ax=ax, label=r"$q_i^\star$")
        ax.axhline(r, color="w", lw=0.8, ls="--")
        ax.axvline(r, color="w", lw=0.8, ls="--")
        ax.plot([0, 1], [0, 1], color="w", lw=0.8)
        ax.set_xlabel(r"own value $v_i$")
        ax.set_ylabel(r"highest other value $\max_{j\neq i} v_j$")
        at = ", ".join(f"{k} = {v}" for k, v in (point or {}).items())
        ax.set_title(f"HBL allocation (1.12): $\\sigma^\\star$ = {sg:.4f}, r = {r:.4f}" + (f"\n{at}" if at else ""),
                     fontsize=9)
        fig.hbl_grid = Q
        return fig, f"Optimal highest-bidder lottery: winner's probability q*_i over (v_i, max_j v_j), r = {r:.4f}"
