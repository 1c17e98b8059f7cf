"""Laws of a type vector ``theta in R^n``, with exact expectations.

* :class:`LineDistribution` -- ``theta = origin + s * direction`` with ``s`` drawn
  from a one-dimensional :class:`symmech.Distribution`.  :func:`ray` (origin 0) and
  :func:`comonotone` (all coordinates equal, ``theta_i = s ~ F``) are special cases.
  Expectations reduce to one 1-D integral.
* :class:`ProductDistribution` -- independent coordinates ``theta_i ~ F_i``;
  expectations are iterated 1-D integrals (a moment of one coordinate uses its marginal).
* :class:`AtomicDistribution` -- finitely many points with masses.
* :class:`MixtureDistribution` -- ``sum_j w_j D_j``.

Common interface: ``vars``, ``expectation(g, evaluate=True)``, ``validity_claims()``,
``support_claims(box)`` (the law lives in a box) and ``bounding_box()``.
Directions of lines are assumed componentwise nonnegative (claimed in ``support_claims``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import sympy as sp

from symmech.claims import Identity, Inequality
from symmech.models.distributions import Distribution
from symmech.models.piecewise import PiecewiseFunction
from symmech.models.multigood.types import Box


class MultiDistribution:
    """Base class of the laws on ``R^n`` of this package."""

    vars: tuple[sp.Symbol, ...]

    @property
    def n(self) -> int:
        return len(self.vars)

    def expectation(self, g, *, evaluate: bool = True) -> sp.Expr:  # pragma: no cover - abstract
        raise NotImplementedError

    def mass(self) -> sp.Expr:
        return self.expectation(sp.Integer(1))

    def validity_claims(self, prefix: str = "F", source: str = "") -> list:  # pragma: no cover
        raise NotImplementedError

    def bounding_box(self) -> Box:  # pragma: no cover
        raise NotImplementedError

    def support_claims(self, box: Box, prefix: str = "F", source: str = "") -> list:
        """``bounding_box() subset box``, one Inequality per side (plus law-specific conditions)."""
        own = self.bounding_box()
        out = []
        for i, (a, b, lo, hi) in enumerate(zip(own.lo, own.hi, box.lo, box.hi)):
            out.append(Inequality(f"{prefix}_support_lo[{i}]", lhs=a, rel=">=", rhs=lo, source=source))
            out.append(Inequality(f"{prefix}_support_hi[{i}]", lhs=b, rel="<=", rhs=hi, source=source))
        return out


@dataclass(frozen=True)
class LineDistribution(MultiDistribution):
    """``theta = origin + s * direction``, ``s ~ base`` (a 1-D Distribution in ``base.var``).

    >>> import sympy as sp
    >>> from symmech import Distribution
    >>> from symmech.models.multigood import value_vars, comonotone
    >>> th, s = value_vars(2), sp.Symbol('s', nonnegative=True)
    >>> D = comonotone(th, Distribution(s, atoms={0: sp.Rational(1, 2), 1: sp.Rational(1, 2)}))
    >>> D.expectation(th[0] * th[1])
    1/2
    """

    vars: tuple[sp.Symbol, ...]
    base: Distribution
    direction: tuple[sp.Expr, ...]
    origin: tuple[sp.Expr, ...]

    def __init__(self, vars: Sequence[sp.Symbol], base: Distribution, direction: Sequence,
                 origin: Sequence | None = None) -> None:
        vars_t = tuple(vars)
        d = tuple(sp.sympify(x) for x in direction)
        o = tuple(sp.sympify(x) for x in (origin if origin is not None else [0] * len(vars_t)))
        if not (len(vars_t) == len(d) == len(o)):
            raise ValueError("direction and origin need one entry per coordinate")
        for x in d:
            if x.is_number and x < 0:
                raise ValueError(f"direction entries must be nonnegative, got {x}")
        object.__setattr__(self, "vars", vars_t)
        object.__setattr__(self, "base", base)
        object.__setattr__(self, "direction", d)
        object.__setattr__(self, "origin", o)

    @property
    def s(self) -> sp.Symbol:
        """The base variable (position along the line)."""
        return self.base.var

    @property
    def is_ray(self) -> bool:
        return all(sp.sympify(x) == 0 for x in self.origin)

    def point(self, s=None) -> dict:
        """``{theta_i: origin_i + s direction_i}`` (the substitution onto the line)."""
        s = self.s if s is None else sp.sympify(s)
        return {v: o + s * d for v, o, d in zip(self.vars, self.origin, self.direction)}

    def restrict(self, g) -> sp.Expr:
        """``g(origin + s direction)`` as an expression in ``s``."""
        return sp.sympify(g).subs(self.point(), simultaneous=True)

    def expectation(self, g, *, evaluate: bool = True) -> sp.Expr:
        return self.base.expectation(self.restrict(g), evaluate=evaluate)

    def marginal(self, i: int, var: sp.Symbol | None = None) -> Distribution:
        """Law of ``theta_i`` (an affine image of the base law; needs ``direction_i != 0``)."""
        return affine_image(self.base, self.origin[i], self.direction[i], var or self.vars[i])

    def validity_claims(self, prefix: str = "F", source: str = "") -> list:
        return self.base.validity_claims(prefix=prefix, source=source)

    def bounding_box(self) -> Box:
        lo, hi = self.base.lo, self.base.hi
        return Box(self.vars, [o + lo * d for o, d in zip(self.origin, self.direction)],
                   [o + hi * d for o, d in zip(self.origin, self.direction)])

    def support_claims(self, box: Box, prefix: str = "F", source: str = "") -> list:
        out = [Inequality(f"{prefix}_direction_nonneg[{i}]", lhs=d, rel=">=", rhs=0, source=source)
               for i, d in enumerate(self.direction) if not (d.is_number and d >= 0)]
        return out + super().support_claims(box, prefix, source)

    def support_segments(self) -> list[tuple[sp.Expr, sp.Expr]]:
        """Closed ``s``-intervals whose union is the support of the base law (atoms as [p, p])."""
        segs = []
        if self.base.density is not None:
            segs += [(a, b) for piece, a, b in self.base.density.segments() if piece != 0]
        segs += [(p, p) for p, m in self.base.atoms if m != 0]
        return segs

    def distance_sq_to_support(self, point: Sequence) -> sp.Expr:
        """Squared Euclidean distance from ``point`` to the support (a union of segments of the line)."""
        p = [sp.sympify(x) for x in point]
        dd = sum(d * d for d in self.direction)
        proj = sum(d * (x - o) for d, x, o in zip(self.direction, p, self.origin)) / dd
        dists = []
        for a, b in self.support_segments():
            s0 = a if a == b else sp.Min(sp.Max(proj, a), b)
            dists.append(sum((o + s0 * d - x) ** 2 for o, d, x in zip(self.origin, self.direction, p)))
        return dists[0] if len(dists) == 1 else sp.Min(*dists)

    def _latex(self, printer) -> str:
        pt = ", ".join(printer._print(o + self.s * d) for o, d in zip(self.origin, self.direction))
        return rf"\theta = ({pt}),\ {printer._print(self.s)} \sim {self.base._latex(printer)}"


def ray(vars: Sequence[sp.Symbol], base: Distribution, direction: Sequence) -> LineDistribution:
    """``theta = s * direction``, ``s ~ base`` (a law on a ray through the origin)."""
    return LineDistribution(vars, base, direction)


def comonotone(vars: Sequence[sp.Symbol], base: Distribution) -> LineDistribution:
    """The diagonal law: ``theta_1 = ... = theta_n = s ~ base`` (CDF ``F(min_i theta_i)``)."""
    return LineDistribution(vars, base, [1] * len(vars))


def affine_image(F: Distribution, a, b, var: sp.Symbol) -> Distribution:
    """Law of ``a + b X`` for ``X ~ F`` and ``b > 0`` (assumed), in the variable ``var``."""
    a, b = sp.sympify(a), sp.sympify(b)
    if a == 0 and b == 1:
        dens = F.density.rename(var) if F.density is not None else None
        return Distribution(var, density=dens, atoms=dict(F.atoms) or None, support=None if dens else (F.lo, F.hi))
    dens = None
    if F.density is not None:
        back = (var - a) / b
        dens = PiecewiseFunction(var, [a + b * x for x in F.density.breaks],
                                 [p.subs(F.var, back) / b for p in F.density.pieces])
    atoms = {a + b * p: m for p, m in F.atoms}
    return Distribution(var, density=dens, atoms=atoms or None,
                        support=None if dens else (a + b * F.lo, a + b * F.hi))


@dataclass(frozen=True)
class ProductDistribution(MultiDistribution):
    """Independent coordinates: ``theta_i ~ factors[i]`` (each a 1-D Distribution)."""

    vars: tuple[sp.Symbol, ...]
    factors: tuple[Distribution, ...]

    def __init__(self, vars: Sequence[sp.Symbol], factors: Sequence[Distribution]) -> None:
        if len(vars) != len(factors):
            raise ValueError("one factor per coordinate")
        object.__setattr__(self, "vars", tuple(vars))
        object.__setattr__(self, "factors", tuple(factors))

    def marginal(self, i: int) -> Distribution:
        return affine_image(self.factors[i], 0, 1, self.vars[i])

    def expectation(self, g, *, evaluate: bool = True) -> sp.Expr:
        """Iterated 1-D expectations; a ``g`` of one coordinate uses that marginal only."""
        g = sp.sympify(g)
        used = [i for i, v in enumerate(self.vars) if v in g.free_symbols]
        if len(used) <= 1:
            if not used:
                return g
            return self.marginal(used[0]).expectation(g, evaluate=evaluate)
        out = g
        for i in reversed(used):
            F = self.factors[i]
            out = F.expectation(out.subs(self.vars[i], F.var), evaluate=True)
        return out

    def validity_claims(self, prefix: str = "F", source: str = "") -> list:
        out = []
        for i, F in enumerate(self.factors):
            out += F.validity_claims(prefix=f"{prefix}[{i}]", source=source)
        return out

    def bounding_box(self) -> Box:
        return Box(self.vars, [F.lo for F in self.factors], [F.hi for F in self.factors])


@dataclass(frozen=True)
class AtomicDistribution(MultiDistribution):
    """Finitely many points ``{(x_1, ..., x_n): mass}``."""

    vars: tuple[sp.Symbol, ...]
    atoms: tuple[tuple[tuple[sp.Expr, ...], sp.Expr], ...]

    def __init__(self, vars: Sequence[sp.Symbol], atoms: Mapping) -> None:
        vars_t = tuple(vars)
        at = tuple((tuple(sp.sympify(x) for x in p), sp.sympify(m)) for p, m in atoms.items())
        for p, m in at:
            if len(p) != len(vars_t):
                raise ValueError(f"atom {p} has the wrong dimension")
            if m.is_number and m < 0:
                raise ValueError(f"negative mass {m} at {p}")
        object.__setattr__(self, "vars", vars_t)
        object.__setattr__(self, "atoms", at)

    def expectation(self, g, *, evaluate: bool = True) -> sp.Expr:
        g = sp.sympify(g)
        terms = [m * g.subs(dict(zip(self.vars, p)), simultaneous=True) for p, m in self.atoms]
        total = sp.Add(*terms, evaluate=False) if not evaluate else sp.Add(*terms)
        return sp.simplify(total) if evaluate else total

    def validity_claims(self, prefix: str = "F", source: str = "") -> list:
        out = [Inequality(f"{prefix}_atom_nonneg_{i}", lhs=m, rel=">=", rhs=0, source=source)
               for i, (p, m) in enumerate(self.atoms) if not (m.is_number and m >= 0)]
        out.append(Identity(f"{prefix}_mass_one", lhs=sum(m for _, m in self.atoms), rhs=1, source=source))
        return out

    def bounding_box(self) -> Box:
        cols = list(zip(*[p for p, _ in self.atoms]))
        return Box(self.vars, [sp.Min(*c) for c in cols], [sp.Max(*c) for c in cols])

    def support_claims(self, box: Box, prefix: str = "F", source: str = "") -> list:
        out = []
        for j, (p, _) in enumerate(self.atoms):
            for i, (x, lo, hi) in enumerate(zip(p, box.lo, box.hi)):
                out.append(Inequality(f"{prefix}_atom{j}_lo[{i}]", lhs=x, rel=">=", rhs=lo, source=source))
                out.append(Inequality(f"{prefix}_atom{j}_hi[{i}]", lhs=x, rel="<=", rhs=hi, source=source))
        return out


@dataclass(frozen=True)
class MixtureDistribution(MultiDistribution):
    """``sum_j w_j D_j`` with weights summing to one (claimed in ``validity_claims``)."""

    vars: tuple[sp.Symbol, ...]
    components: tuple[tuple[sp.Expr, MultiDistribution], ...]

    def __init__(self, components: Sequence[tuple]) -> None:
        comps = tuple((sp.sympify(w), D) for w, D in components)
        if not comps:
            raise ValueError("empty mixture")
        object.__setattr__(self, "vars", comps[0][1].vars)
        object.__setattr__(self, "components", comps)

    def expectation(self, g, *, evaluate: bool = True) -> sp.Expr:
        terms = [w * D.expectation(g, evaluate=evaluate) for w, D in self.components]
        return sp.simplify(sp.Add(*terms)) if evaluate else sp.Add(*terms, evaluate=False)

    def validity_claims(self, prefix: str = "F", source: str = "") -> list:
        out = []
        for j, (w, D) in enumerate(self.components):
            out.append(Inequality(f"{prefix}_weight_nonneg_{j}", lhs=w, rel=">=", rhs=0, source=source))
            out += D.validity_claims(prefix=f"{prefix}[{j}]", source=source)
        out.append(Identity(f"{prefix}_weights_sum_one", lhs=sum(w for w, _ in self.components), rhs=1,
                            source=source))
        return out

    def bounding_box(self) -> Box:
        boxes = [D.bounding_box() for _, D in self.components]
        return Box(self.vars, [sp.Min(*c) for c in zip(*[b.lo for b in boxes])],
                   [sp.Max(*c) for c in zip(*[b.hi for b in boxes])])

    def support_claims(self, box: Box, prefix: str = "F", source: str = "") -> list:
        out = []
        for j, (_, D) in enumerate(self.components):
            out += D.support_claims(box, prefix=f"{prefix}[{j}]", source=source)
        return out
