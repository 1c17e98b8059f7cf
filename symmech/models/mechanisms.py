"""One-good mechanisms: direct (allocation q, payment t) and random posted prices.

The conversion is exact: a posted price drawn from ``G`` gives
``q(theta) = G(theta) = P(price <= theta)`` and
``t(theta) = integral_{[lo, theta]} x dG(x)``, which equals the envelope
formula ``theta q(theta) - integral_lo^theta q - U(lo)`` with ``U(lo) = 0``.
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from symmech.tactics import budget as _budget

from symmech.models.distributions import Distribution
from symmech.models.piecewise import PiecewiseFunction


class MechanismError(ValueError):
    """Malformed mechanism data."""


@dataclass(frozen=True)
class Mechanism:
    """A direct mechanism on ``[lo, hi]``: allocation ``q`` and payment ``t``."""

    var: sp.Symbol
    allocation: PiecewiseFunction
    payment: PiecewiseFunction
    utility_low: sp.Expr = sp.Integer(0)

    def __post_init__(self) -> None:
        q, t = self.allocation, self.payment
        if (q.lo, q.hi) != (t.lo, t.hi):
            raise MechanismError(f"allocation on [{q.lo}, {q.hi}] but payment on [{t.lo}, {t.hi}]")
        object.__setattr__(self, "allocation", q.rename(self.var))
        object.__setattr__(self, "payment", t.rename(self.var))
        if t.breaks != q.breaks:
            object.__setattr__(self, "payment", self.payment.refine(q.breaks) if set(t.breaks) <= set(q.breaks)
                               else self.payment)
        object.__setattr__(self, "utility_low", sp.sympify(self.utility_low))

    @classmethod
    def from_allocation(cls, var: sp.Symbol, allocation: PiecewiseFunction | sp.Expr,
                        support: tuple | None = None, utility_low=0) -> "Mechanism":
        """The IC mechanism of a (monotone) allocation: payment by the envelope formula.

        ``t(theta) = theta q(theta) - integral_lo^theta q(s) ds - U(lo)``.
        """
        if not isinstance(allocation, PiecewiseFunction):
            if support is None:
                raise MechanismError("give support=(lo, hi) for a plain allocation expression")
            allocation = PiecewiseFunction(var, support, [allocation])
        q = allocation.rename(var)
        Q = q.integral()
        u0 = sp.sympify(utility_low)
        t = PiecewiseFunction(var, q.breaks, [_budget.simplify(var * qp - Qp - u0) for qp, Qp in zip(q.pieces, Q.pieces)])
        return cls(var, q, t, u0)

    @property
    def lo(self) -> sp.Expr:
        return self.allocation.lo

    @property
    def hi(self) -> sp.Expr:
        return self.allocation.hi

    def utility(self) -> PiecewiseFunction:
        """``U(theta) = theta q(theta) - t(theta)``."""
        return self.allocation.map(lambda p: self.var * p) - self.payment

    def envelope_payment(self) -> PiecewiseFunction:
        """The payment the envelope formula prescribes for this allocation and ``U(lo)``."""
        return Mechanism.from_allocation(self.var, self.allocation, utility_low=self.utility_low).payment

    def _latex(self, printer) -> str:
        v = printer._print(self.var)
        return (rf"q({v}) = {printer._print(self.allocation)},\quad "
                rf"t({v}) = {printer._print(self.payment)}")

    def _repr_latex_(self) -> str:
        return "$\\displaystyle " + sp.latex(self) + "$"


@dataclass(frozen=True)
class PostedPrice:
    """A random posted price with law ``prices``; the buyer buys iff value >= price."""

    prices: Distribution

    def to_mechanism(self, var: sp.Symbol) -> Mechanism:
        """The direct mechanism it induces (exact; ties go to 'buy')."""
        G = self.prices
        if any(_budget.simplify(p - G.hi) == 0 and _budget.simplify(m) != 0 for p, m in G.atoms):
            raise MechanismError(
                f"a price atom at the top of the price support {G.hi} is not supported: "
                "give the price law a support that extends beyond its largest price")
        part = G._partition().rename(G.var)
        q_pieces, t_pieces = [], []
        x = G.var
        paid_before = sp.Integer(0)
        for j in range(len(part.pieces)):
            a = part.breaks[j]
            atoms_here = sum((m * p for p, m in G.atoms if _budget.simplify(p - a) == 0), sp.Integer(0))
            paid_before += atoms_here
            dens = part.pieces[j] if G.density is not None else sp.Integer(0)
            q_pieces.append(G.cdf_at(var, j).subs(x, var))
            t_pieces.append(_budget.simplify(paid_before + _budget.integrate(x * dens, (x, a, var))))
            paid_before += _budget.integrate(x * dens, (x, a, part.breaks[j + 1]))
        q = PiecewiseFunction(var, part.breaks, q_pieces)
        t = PiecewiseFunction(var, part.breaks, t_pieces)
        return Mechanism(var, q, t, sp.Integer(0))

    def _latex(self, printer) -> str:
        return r"\text{posted price } p \sim " + printer._print(self.prices)

    def _repr_latex_(self) -> str:
        return "$\\displaystyle " + sp.latex(self) + "$"


def revenue(M: Mechanism, F: Distribution) -> sp.Expr:
    """Expected payment ``E_F[t(theta)]`` (exact)."""
    return F.expectation_of_piecewise(M.payment.rename(F.var))
