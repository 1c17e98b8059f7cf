"""Sampling: evaluate a claim's residual at exact points of its scope (parameters on a grid, bound variables at
fixed fractions of their ranges) with mpmath at the requested digits.  Sampling confirms or finds candidate
counterexamples; it never proves (a refutation is rechecked by :mod:`symmech.tactics.witness`)."""
from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from fractions import Fraction
from typing import Mapping, Sequence

import sympy as sp

from symmech.tactics.budget import (
    within_budget,
)
from symmech.tactics.numeric import NotRealError, NumericError, Value, evaluate
from symmech.tactics.ranges import infinite_ends, point_in_range
from symmech.tactics.scope import Scope


#: a bound variable: (symbol, lower end, upper end), ends may depend on parameters
Bound = tuple[sp.Symbol, sp.Expr, sp.Expr]

_GRID = [Fraction(0), Fraction(1)] + [Fraction(i, 16) for i in range(1, 16)] + [
    Fraction(1, 1000), Fraction(999, 1000), Fraction(1, 3), Fraction(2, 3)]


@dataclass(frozen=True)
class Sample:
    """One evaluated point: exact parameters, fractions for bound variables, the value."""

    params: Mapping[sp.Symbol, sp.Expr]
    fractions: Mapping[sp.Symbol, Fraction]
    bound_values: Mapping[sp.Symbol, sp.Expr]
    value: Value
    scale: sp.Expr

    def describe(self) -> dict[str, str]:
        out = {str(k): str(v) for k, v in self.params.items()}
        for var, fr in self.fractions.items():
            out[str(var)] = str(sp.N(self.bound_values[var], 20))
        return out

    def witness(self, bounds: Sequence[Bound]) -> dict[str, str]:
        """Exact description of the point (bound variables as lo + s (hi - lo))."""
        out = {str(k): str(v) for k, v in self.params.items()}
        for var, lo, hi in bounds:
            out[str(var)] = f"{_bound_at(lo, hi, self.fractions[var])} = {sp.N(self.bound_values[var], 30)}"
        return out


def _bound_at(lo: sp.Expr, hi: sp.Expr, fr: Fraction) -> sp.Expr:
    """The exact bound-variable value at fraction ``fr`` of its range (``lo + fr (hi - lo)`` for finite
    ends, see :func:`symmech.tactics.ranges.point_in_range`)."""
    at = point_in_range(lo, hi, sp.Rational(fr.numerator, fr.denominator))
    return sp.oo if at is None else sp.simplify(at)


# the screening grid of bound variables: the ends, next to the ends and the middle (one variable); the
# corners and centres of the coarse grid (several)
_SCREEN = [Fraction(0), Fraction(1, 1000), Fraction(1, 3), Fraction(1, 2), Fraction(2, 3), Fraction(999, 1000),
           Fraction(1)]


def sample_values(expr: sp.Expr, scope: Scope, bounds: Sequence[Bound], *, dps: int,
                  samples: int, grid: Sequence[Fraction] | None = None,
                  scale_expr: sp.Expr | None = None, screen: bool = False) -> tuple[list[Sample], list[str]]:
    """Evaluate ``expr`` at exact parameter samples times a grid of bound values.

    ``screen``: a coarse grid of bound values (about a third of the points), for a first look before
    the exact tactics; a claim they do not prove is then sampled on the full grid."""
    screening = screen and bool(bounds) and grid is None
    grid = list(grid) if grid is not None else (_GRID if bounds else [Fraction(0)])
    expr = sp.sympify(expr)
    if expr.has(sp.Integral):
        expr = expr.doit()
    if scale_expr is not None and scale_expr.has(sp.Integral):
        # only a magnitude: the closed form if SymPy finds it quickly (compiling an unevaluated Integral for
        # mpmath costs about half a second, and every point then runs a quadrature)
        scale_expr = within_budget(lambda: scale_expr.doit(), 2.0) or scale_expr
    out: list[Sample] = []
    errors: list[str] = []
    for pt in scope.sample_points(samples):
        try:
            values = scope.numeric_values(pt, dps + 10)
        except (NumericError, ValueError, ZeroDivisionError) as exc:
            errors.append(f"root at {pt}: {exc}")
            continue
        for combo in (_screen_combos(len(bounds)) if screening else _grid_combos(len(bounds), grid)):
            try:
                out.append(evaluate_point(expr, pt, values, bounds, combo, dps=dps, scale_expr=scale_expr))
            except NotRealError as exc:
                errors.append(PointError(f"{ {str(k): str(x) for k, x in pt.items()} }: {exc}", pt,
                                         dict(zip([b[0] for b in bounds], combo)), exc.value))
            except (NumericError, ZeroDivisionError, TypeError, ValueError) as exc:
                errors.append(PointError(f"{ {str(k): str(x) for k, x in pt.items()} }: {exc}", pt))
    return out, errors


class PointError(str):
    """Why a sample point could not be evaluated (the message), with the point and, when the value
    is a finite non-real complex number, that number (``nonreal``)."""

    params: Mapping
    fractions: Mapping
    nonreal: sp.Expr | None

    def __new__(cls, message: str, params: Mapping, fractions: Mapping | None = None,
                nonreal: sp.Expr | None = None):
        obj = super().__new__(cls, message)
        obj.params, obj.fractions, obj.nonreal = dict(params), dict(fractions or {}), nonreal
        return obj

    def imaginary_part(self) -> sp.Expr:
        return sp.Abs(sp.im(self.nonreal)) if self.nonreal is not None else sp.Integer(0)

    def witness(self, bounds: Sequence[Bound]) -> dict[str, str]:
        out = {str(k): str(v) for k, v in self.params.items()}
        for var, lo, hi in bounds:
            fr = self.fractions.get(var)
            if fr is not None:
                out[str(var)] = str(sp.simplify(_bound_at(lo, hi, fr).subs(self.params)))
        return out


def evaluate_point(expr: sp.Expr, params: Mapping[sp.Symbol, sp.Expr], values: Mapping[sp.Symbol, sp.Expr],
                   bounds: Sequence[Bound], fractions: Sequence[Fraction], *, dps: int,
                   scale_expr: sp.Expr | None = None) -> Sample:
    """``expr`` at one point: exact ``params`` (``values`` adds the defined roots) and each bound
    variable at ``lo + fraction (hi - lo)``, to ``dps`` digits (two precisions must agree)."""
    vals = dict(values)
    fr_map, bv = {}, {}
    for (var, lo, hi), fr in zip(bounds, fractions):
        q = sp.Rational(fr.numerator, fr.denominator)
        low_inf, high_inf = infinite_ends(lo, hi)
        if low_inf or high_inf:
            # an infinite end: the same exact map as the proof coordinates; the end itself is no point
            at = point_in_range(lo if low_inf else _bound_value(lo, vals, dps + 10),
                                hi if high_inf else _bound_value(hi, vals, dps + 10), q)
            if at is None:
                raise NumericError(f"{var} = {hi if high_inf else lo} is not a point of its range")
            vals[var] = at
            fr_map[var], bv[var] = fr, at
            continue
        lo_v = _bound_value(lo, vals, dps + 10)
        hi_v = _bound_value(hi, vals, dps + 10)
        if (hi_v - lo_v).is_negative:
            # a region that is not a box (an end depends on an earlier bound variable) can have an empty
            # section here: no point of the region, so nothing to evaluate
            raise NumericError(f"empty range of {var}: [{lo}, {hi}] at this point")
        x = lo_v + q * (hi_v - lo_v)
        vals[var] = x
        fr_map[var], bv[var] = fr, x
    v = evaluate(expr, vals, dps)
    scale = evaluate(scale_expr, vals, 15).value if scale_expr is not None else sp.Integer(1)
    return Sample(params, fr_map, bv, v, abs(scale))


def _bound_value(end: sp.Expr, vals: Mapping[sp.Symbol, sp.Expr], dps: int) -> sp.Expr:
    """An end of a bound variable's range at a point, to ``dps`` digits: compiled (no ``subs`` in the
    sampling loop), with SymPy's ``evalf`` as the fallback."""
    end = sp.sympify(end)
    if end.is_Number:
        return sp.Float(end, dps) if not end.is_Rational else sp.N(end, dps)
    try:
        return evaluate(end, vals, dps).value
    except Exception:
        return sp.N(end.subs(vals), dps)


#: at most this many grid points per parameter sample (5^n grows too fast beyond four bound variables)
MAX_GRID_POINTS = 625


def _screen_combos(n: int):
    """The screening grid: 7 values of one bound variable; the 3^n corners, edge midpoints and centre
    for 2 to 4 variables; the corners, the centre and a seeded sample beyond."""
    if n == 1:
        yield from ((g,) for g in _SCREEN)
        return
    if n > 4:
        yield from itertools.islice(_grid_combos(n, _GRID), 27)
        return
    yield from itertools.product((Fraction(0), Fraction(1, 2), Fraction(1)), repeat=n)


def _grid_combos(n: int, grid: Sequence[Fraction]):
    if n > 4:
        # the full product would be 5^n points (18 variables: 4e12): the two corners, the centre and a
        # seeded random sample of the coarse grid instead
        coarse = [Fraction(0), Fraction(1, 3), Fraction(1, 2), Fraction(2, 3), Fraction(1)]
        rng = random.Random(n)
        yield (Fraction(0),) * n
        yield (Fraction(1),) * n
        yield (Fraction(1, 2),) * n
        for _ in range(MAX_GRID_POINTS - 3):
            yield tuple(rng.choice(coarse) for _ in range(n))
        return
    if n == 0:
        yield ()
        return
    if n == 1:
        for g in grid:
            yield (g,)
        return
    coarse = [Fraction(0), Fraction(1, 3), Fraction(1, 2), Fraction(2, 3), Fraction(1)] if n > 2 else grid[::2]
    for g in coarse:
        for rest in _grid_combos(n - 1, coarse):
            yield (g, *rest)


def tolerance(dps: int, scale: sp.Expr) -> sp.Float:
    """Numbers below this are zero at ``dps`` digits, relative to ``scale``."""
    return sp.Float(10) ** (-(dps - 10)) * max(sp.Integer(1), scale)


def points_summary(samples: Sequence[Sample], limit: int = 6) -> tuple[dict[str, str], ...]:
    """A few of the sample points, for the verdict record."""
    return tuple(s.describe() for s in samples[:limit])
