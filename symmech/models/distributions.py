"""Distributions on an interval: a piecewise density plus point masses.

``Distribution(theta, density=PiecewiseFunction(...), atoms={1: kt})`` is the
law with that density (with respect to Lebesgue measure) and those atoms.
Parameters stay symbolic; validity (non-negative density, total mass one) is
returned as claims, and checked eagerly when the numbers are concrete.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import sympy as sp

from symmech.tactics import budget as _budget

from symmech.claims import Identity, Inequality
from symmech.models.piecewise import PiecewiseFunction


class DistributionError(ValueError):
    """Invalid distribution data (negative density, mass != 1, atom outside the support)."""


@dataclass(frozen=True)
class Distribution:
    """A law on ``[lo, hi]``: density pieces plus atoms ``{point: mass}``.

    Parameters
    ==========
    var : Symbol
        The value variable (e.g. ``theta``).
    density : PiecewiseFunction, expression or None
        Density on the support's partition (``None`` for purely atomic laws); one expression is the
        density on all of ``support``.
    atoms : mapping point -> mass
        Point masses; points must lie in the support.
    support : (lo, hi), optional
        Needed when there is no density.

    Examples
    ========
    >>> import sympy as sp
    >>> th = sp.Symbol('theta', nonnegative=True)
    >>> F = Distribution(th, atoms={0: sp.Rational(1, 2), 1: sp.Rational(1, 2)})
    >>> F.expectation(th)
    1/2
    """

    var: sp.Symbol
    density: PiecewiseFunction | None
    atoms: tuple[tuple[sp.Expr, sp.Expr], ...]
    lo: sp.Expr
    hi: sp.Expr

    def __init__(self, var: sp.Symbol, density: PiecewiseFunction | None = None,
                 atoms: Mapping | None = None, support: tuple | None = None) -> None:
        if density is None and not atoms:
            raise DistributionError("a distribution needs a density or atoms")
        if density is not None and not isinstance(density, PiecewiseFunction):
            if support is None:
                raise DistributionError("a density given as one expression needs support=(lo, hi); "
                                        "use a PiecewiseFunction for several pieces")
            if isinstance(density, str):   # text is never evaluated here: symmech.models.parsing reads it safely
                raise DistributionError(f"the density {density!r} is not an expression (text: parse it with "
                                        "symmech.models.parsing)")
            try:
                density = PiecewiseFunction.constant_on(var, *support, sp.sympify(density, strict=True))
            except (sp.SympifyError, TypeError, ValueError) as exc:
                raise DistributionError(f"the density {density!r} is not an expression: {exc}") from exc
        if density is not None:
            density = density.rename(var)
            lo, hi = density.lo, density.hi
        elif support is not None:
            lo, hi = (sp.sympify(s) for s in support)
        else:
            pts = [sp.sympify(p) for p in atoms]
            lo, hi = sp.Min(*pts), sp.Max(*pts)
        if support is not None and density is not None:
            if tuple(map(sp.sympify, support)) != (lo, hi):
                raise DistributionError(f"support {support} differs from the density's partition {(lo, hi)}")
        atoms_t = tuple((sp.sympify(p), sp.sympify(m)) for p, m in (atoms or {}).items())
        object.__setattr__(self, "var", var)
        object.__setattr__(self, "density", density)
        object.__setattr__(self, "atoms", atoms_t)
        object.__setattr__(self, "lo", sp.sympify(lo))
        object.__setattr__(self, "hi", sp.sympify(hi))
        self._validate_concrete()

    # --- eager validation of concrete data -----------------------------------------------
    def _validate_concrete(self) -> None:
        for p, m in self.atoms:
            if m.is_negative:
                raise DistributionError(f"atom at {p} has negative mass {m}")
            for bound, cmp in ((self.lo, lambda a, b: a < b), (self.hi, lambda a, b: a > b)):
                d = p - bound
                if d.is_number and cmp(d, 0):
                    raise DistributionError(f"atom at {p} lies outside the support [{self.lo}, {self.hi}]")
        if self.density is not None:
            for piece, a, b in self.density.segments():
                if piece.free_symbols - {self.var} or not (a.is_number and b.is_number):
                    continue
                _check_piece_nonneg(self.var, piece, a, b)
        mass = _budget.simplify(self.mass())
        if mass.is_number and _budget.simplify(mass - 1) != 0:
            raise DistributionError(f"total mass is {mass}, not 1")

    # --- queries ------------------------------------------------------------------
    def mass(self) -> sp.Expr:
        """Total mass: integral of the density plus the atoms."""
        return self.expectation(sp.Integer(1))

    def expectation(self, g: sp.Expr, *, evaluate: bool = True) -> sp.Expr:
        """``E[g(var)]``: exact integrals piece by piece plus atoms."""
        g = sp.sympify(g)
        terms = []
        if self.density is not None:
            for piece, a, b in self.density.segments():
                if piece == 0:
                    continue
                terms.append(sp.Integral(g * piece, (self.var, a, b)))
        for p, m in self.atoms:
            terms.append(m * g.subs(self.var, p))
        total = sp.Add(*terms, evaluate=False) if terms else sp.Integer(0)
        if not evaluate:
            return total
        return _budget.simplify(total.doit())

    def expectation_of_piecewise(self, g: PiecewiseFunction) -> sp.Expr:
        """``E[g]`` for a piecewise ``g`` (partitions are merged; atoms use the piece holding them)."""
        g = g.rename(self.var)
        dens = self.density
        total = sp.Integer(0)
        if dens is not None:
            if g.breaks != dens.breaks:
                common = dens.common_breaks(g)
                dens, g_al = dens.refine(common), g.refine(common)
            else:
                g_al = g
            for (piece, a, b), gp in zip(dens.segments(), g_al.pieces):
                if piece != 0:
                    total += _budget.integrate(gp * piece, (self.var, a, b))
        for p, m in self.atoms:
            total += m * _value_at(g, p)
        return _budget.simplify(total)

    def cdf_at(self, x: sp.Expr, piece: int) -> sp.Expr:
        """``P(var <= x)`` for ``x`` inside density piece ``piece`` (atoms at breakpoints <= b_piece)."""
        dens = self._partition()
        acc = sp.Integer(0)
        for j in range(piece):
            if dens is not None:
                acc += _budget.integrate(dens.pieces[j], (self.var, dens.breaks[j], dens.breaks[j + 1]))
        if dens is not None:
            acc += _budget.integrate(dens.pieces[piece], (self.var, dens.breaks[piece], x))
        for p, m in self.atoms:
            if _index_of(dens.breaks, p) is not None and _index_of(dens.breaks, p) <= piece:
                acc += m
        return _budget.simplify(acc)

    def survival_pieces(self) -> list[tuple[sp.Expr, sp.Expr, sp.Expr]]:
        """``(S_j(x), b_j, b_{j+1})`` with ``S_j(x) = P(var >= x)`` for ``x`` in the open piece.

        ``S_j`` extends continuously to the closed piece; the value *at* a
        breakpoint, which includes the atom there, is :meth:`survival_at`.
        """
        dens = self._partition()
        out = []
        for j in range(len(dens.pieces)):
            b_next = dens.breaks[j + 1]
            acc = _budget.integrate(dens.pieces[j], (self.var, self.var, b_next)) if self.density else 0
            for i in range(j + 1, len(dens.pieces)):
                acc += _budget.integrate(dens.pieces[i], (self.var, dens.breaks[i], dens.breaks[i + 1]))
            for p, m in self.atoms:
                idx = _index_of(dens.breaks, p)
                if idx is None:
                    raise ValueError(f"atom at {p} is not a breakpoint of the partition {dens.breaks}")
                if idx >= j + 1:
                    acc += m
            out.append((_budget.simplify(acc), dens.breaks[j], b_next))
        return out

    def survival_at(self, j: int) -> sp.Expr:
        """``P(var >= b_j)`` at the breakpoint ``b_j`` (atom at ``b_j`` included)."""
        dens = self._partition()
        total = sp.Integer(0)
        for i in range(j, len(dens.pieces)):
            if self.density is not None:
                total += _budget.integrate(dens.pieces[i], (self.var, dens.breaks[i], dens.breaks[i + 1]))
        for p, m in self.atoms:
            idx = _index_of(dens.breaks, p)
            if idx is not None and idx >= j:
                total += m
        return _budget.simplify(total)

    def _partition(self) -> PiecewiseFunction:
        if self.density is not None:
            return self.density
        pts = sorted({p for p, _ in self.atoms} | {self.lo, self.hi}, key=lambda e: sp.N(e))
        return PiecewiseFunction(self.var, pts, [0] * (len(pts) - 1))

    # --- claims ---------------------------------------------------------------------
    def validity_claims(self, prefix: str = "F", source: str = "") -> list:
        """Claims that make this a probability law: density >= 0, atoms >= 0, mass 1."""
        claims = []
        if self.density is not None:
            for j, (piece, a, b) in enumerate(self.density.segments()):
                if piece != 0:
                    claims.append(Inequality(f"{prefix}_density_nonneg_{j}", lhs=piece, rhs=0, rel=">=",
                                             over=[(self.var, a, b)], source=source))
        for i, (p, m) in enumerate(self.atoms):
            claims.append(Inequality(f"{prefix}_atom_nonneg_{i}", lhs=m, rhs=0, rel=">=", source=source))
        claims.append(Identity(f"{prefix}_mass_one", lhs=self.expectation(1, evaluate=False), rhs=1,
                               source=source))
        return claims

    def _latex(self, printer) -> str:
        parts = []
        if self.density is not None:
            parts.append(r"f(" + printer._print(self.var) + ") = " + printer._print(self.density))
        for p, m in self.atoms:
            parts.append(r"\Pr[" + printer._print(self.var) + " = " + printer._print(p) + "] = " + printer._print(m))
        return r",\ ".join(parts) + rf" \text{{ on }} [{printer._print(self.lo)}, {printer._print(self.hi)}]"

    def _repr_latex_(self) -> str:
        return "$\\displaystyle " + sp.latex(self) + "$"


def _index_of(breaks, p):
    for i, b in enumerate(breaks):
        if _budget.simplify(b - p) == 0:
            return i
    return None


def _value_at(g: PiecewiseFunction, p: sp.Expr) -> sp.Expr:
    idx = _index_of(g.breaks, p)
    if idx is not None:
        return g.value_at_break(idx, "right")
    return g.as_expr().subs(g.var, p)


def _check_piece_nonneg(var, piece, a, b) -> None:
    """Raise DistributionError if a concrete density piece is negative somewhere on [a, b]."""
    crit = [a, b]
    try:
        crit += [c for c in sp.solve(sp.diff(piece, var), var) if c.is_real and a <= c <= b]
    except (NotImplementedError, TypeError):
        pass
    crit += [a + (b - a) * sp.Rational(i, 64) for i in range(65)]
    for c in crit:
        v = sp.N(piece.subs(var, c), 30)
        if v.is_real and v < 0:
            raise DistributionError(f"density {piece} is negative at {var} = {c} ({v})")


def expectation(g: sp.Expr, F: Distribution, *, evaluate: bool = True) -> sp.Expr:
    """``E_F[g]`` (alias :func:`E`)."""
    return F.expectation(g, evaluate=evaluate)


E = expectation
