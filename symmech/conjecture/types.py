"""The objects of conjecture files: :class:`Conjecture` (a validated file), :class:`Instance` (every parameter
fixed), :class:`MomentSpec`, :class:`Implicit` (a constant defined as a root) and :class:`ConjectureError`.
Parsing lives in :mod:`symmech.conjecture.schema`, building instances in :mod:`symmech.conjecture.model`."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

import mpmath
import sympy as sp

from symmech.tactics.scope import DefinedRoot, Scope


class ConjectureError(ValueError):
    """An invalid conjecture file (the message says where and why)."""


@dataclass(frozen=True)
class MomentSpec:
    """``E[g(theta)] relation value`` (exact SymPy expressions)."""

    g: sp.Expr
    relation: str
    value: sp.Expr
    text: str = ""


@dataclass
class Conjecture:
    """A parsed conjecture; parameters still symbolic."""

    name: str
    description: str
    theta: sp.Symbol
    price: sp.Symbol
    parameters: dict[sp.Symbol, Any]          # Symbol -> Interval (closed range) or exact value
    support: tuple[sp.Expr, sp.Expr]
    moments: list[MomentSpec]
    mechanism: dict[str, Any]                 # kind + parsed data
    claims: list[tuple[str, Any]]             # (id, expression or True)
    grid: int = 400
    points: int = 3
    source: str = ""
    definitions: list[tuple[sp.Symbol, Any]] = field(default_factory=list)   # Expr or Implicit
    among: str = "all"                        # class of mechanisms for optimal/value
    has_mechanism: bool = True                # False in ask mode without a [mechanism] table
    objective: str = "revenue"                # "revenue" or "regret" (support-only one-good files)
    cost: Any = 0                             # the item cost of the regret objective
    warnings: list = field(default_factory=list)   # how the file was read (e.g. a TOML float taken as a decimal)
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_cache"] = {}
        return state

    @property
    def free_parameters(self) -> list[sp.Symbol]:
        """Parameters given by a range (not a single value)."""
        return [s for s, d in self.parameters.items() if isinstance(d, sp.Interval)]

    def fixed_values(self) -> dict[sp.Symbol, sp.Expr]:
        return {s: d for s, d in self.parameters.items() if not isinstance(d, sp.Interval)}

    def default_points(self, count: int | None = None) -> list[dict[sp.Symbol, sp.Expr]]:
        """Points used without --sweep: interior fractions of each range (one point if no ranges)."""
        free = self.free_parameters
        if not free:
            return [{}]
        n = count or self.points
        fracs = [sp.Rational(1, 2), sp.Rational(1, 4), sp.Rational(3, 4), sp.Rational(1, 8), sp.Rational(7, 8),
                 sp.Rational(3, 8), sp.Rational(5, 8)]
        fracs += [sp.Rational(i, 97) for i in range(1, 97)]
        out = []
        for i in range(n):
            pt = {}
            for j, s in enumerate(free):
                dom = self.parameters[s]
                fr = fracs[(i + 2 * j) % len(fracs)]
                pt[s] = dom.start + (dom.end - dom.start) * fr
            out.append(pt)
        return out

    def check_points(self) -> list[dict[sp.Symbol, sp.Expr]]:
        """Points checked without --sweep: the closed ends of every range (all corners, at most 16)
        first, then the interior points of :meth:`default_points`."""
        if not self.free_parameters:
            return [{}]
        out = _corners(self)
        for pt in self.default_points():
            if pt not in out:
                out.append(pt)
        return out

    def sweep_points(self, n: int) -> list[dict[sp.Symbol, sp.Expr]]:
        """``n`` points (an even grid for one parameter, a Halton set for several), after the closed ends
        of every range (all corners, at most 16), which are always checked."""
        pts = self._sweep_points(n)
        corners = _corners(self) if self.free_parameters else []
        return corners + [p for p in pts if p not in corners]

    def _sweep_points(self, n: int) -> list[dict[sp.Symbol, sp.Expr]]:
        free = self.free_parameters
        if not free:
            return [{}]
        if n < 1:
            raise ConjectureError("--sweep needs N >= 1")
        if len(free) == 1:
            dom = self.parameters[free[0]]
            fr = [sp.Rational(1, 2)] if n == 1 else [sp.Rational(i, n - 1) for i in range(n)]
            return [{free[0]: dom.start + (dom.end - dom.start) * f} for f in fr]
        primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
        out = []
        for i in range(1, n + 1):
            pt = {}
            for j, s in enumerate(free):
                dom = self.parameters[s]
                pt[s] = dom.start + (dom.end - dom.start) * _halton(i, primes[j % len(primes)])
            out.append(pt)
        return out


def _halton(i: int, base: int) -> sp.Rational:
    f, r = sp.Integer(1), sp.Integer(0)
    while i > 0:
        f = f / base
        r += f * (i % base)
        i //= base
    return r


@dataclass
class Instance:
    """A conjecture with every parameter fixed: exact support, moments, mechanism and claims."""

    conjecture: Conjecture
    point: dict[sp.Symbol, sp.Expr]
    theta: sp.Symbol
    support: tuple[sp.Expr, sp.Expr]
    moments: list[MomentSpec]
    mechanism: Any                             # symmech.models.mechanisms.Mechanism
    kind: str
    description: str
    claims: list[tuple[str, Any]] = field(default_factory=list)
    defs: dict = field(default_factory=dict)           # named constants: instance symbol -> exact value
    implicit: dict = field(default_factory=dict)       # implicit constants: instance symbol -> its equation

    def scope(self):
        """The core Scope of this instance: the named constants with their exact values."""
        roots = []
        for sym, v in self.defs.items():
            approx = sp.N(v, 60)
            rad = sp.Rational(1, 10 ** 40) * (1 + abs(sp.nsimplify(sp.N(approx, 10), rational=True)))
            mid = sp.nsimplify(approx, rational=True, tolerance=sp.Rational(1, 10 ** 55))
            lo_r, hi_r = mid - rad, mid + rad
            # a named constant is a root of ``sym - value`` known to lie in a tiny rational interval:
            # exact proofs hold for every value in it (sound), numerics use the exact value
            roots.append(DefinedRoot(sym, sym - v, bracket=(lo_r, hi_r), closed_form=v,
                                     inverse=(sp.Dummy("unused"), sym), image=sp.Interval(lo_r, hi_r)))
        return Scope(parameters={}, roots=tuple(roots))

    def point_text(self) -> dict[str, str]:
        return {str(s): str(v) for s, v in self.point.items()}


@dataclass(frozen=True)
class Implicit:
    """A constant defined implicitly: the root of ``equation == 0`` in ``bracket`` (as DefinedRoot does),
    with an optional closed form; the closed form is checked against the root at every point used."""

    equation: sp.Expr
    bracket: tuple[sp.Expr, sp.Expr]
    closed_form: sp.Expr | None = None
    text: str = ""

    def _where(self, sym, values, conj) -> str:
        pts = ", ".join(f"{s} = {values[s]}" for s in conj.free_parameters)
        return f"[definitions].{sym}" + (f" (at {pts})" if pts else "")

    def value_at(self, sym: sp.Symbol, values: Mapping, defs: Mapping, conj) -> sp.Float:
        """The root at this parameter point to 90 digits (ConjectureError if the bracket has none)."""
        where = self._where(sym, values, conj)
        eq = self.equation.subs({s: v for s, v in values.items() if s != sym}).subs(defs)
        lo, hi = (sp.sympify(b).subs(values).subs(defs) for b in self.bracket)
        if eq.free_symbols - {sym}:
            raise ConjectureError(f"{where}: the equation has unknown symbol(s) "
                                  + ", ".join(sorted(map(str, eq.free_symbols - {sym}))))
        f = sp.lambdify(sym, eq, modules="mpmath")
        with mpmath.workdps(100):
            try:
                a, b = mpmath.mpf(str(sp.N(lo, 110))), mpmath.mpf(str(sp.N(hi, 110)))
            except (TypeError, ValueError):
                raise ConjectureError(f"{where}: the bracket [{lo}, {hi}] is not a pair of real numbers") from None
            if not a < b:
                raise ConjectureError(f"{where}: the bracket [{lo}, {hi}] is empty")
            eps = (b - a) * mpmath.mpf(10) ** -60
            try:
                fa, fb = f(a + eps), f(b - eps)
                if isinstance(fa, mpmath.mpc) or isinstance(fb, mpmath.mpc) or not fa * fb < 0:
                    raise ValueError
                root = mpmath.findroot(f, (a + eps, b - eps), solver="anderson")
                root = mpmath.findroot(f, root)
            except (ValueError, ZeroDivisionError, TypeError):
                raise ConjectureError(f"{where}: the equation {self.equation} = 0 has no sign change on the "
                                      f"bracket [{lo}, {hi}]") from None
            if not a < root < b:
                raise ConjectureError(f"{where}: root finding left the bracket [{lo}, {hi}]")
            if self.closed_form is not None:
                cf = sp.N(self.closed_form.subs(values).subs(defs), 100)
                if not cf.is_real or abs(mpmath.mpf(str(cf)) - root) > mpmath.mpf(10) ** -60 * (1 + abs(root)):
                    raise ConjectureError(f"{where}: the closed form {self.closed_form} = {sp.N(cf, 20)} is not "
                                          f"the root {mpmath.nstr(root, 20)} of the equation in the bracket")
            return sp.Float(mpmath.nstr(root, 95), 95)

    def exact_value(self, values: Mapping, defs: Mapping, approx: sp.Float) -> sp.Expr:
        """The closed form at this point if given, else the 90-digit root (a Float: never 'exact')."""
        if self.closed_form is not None:
            return self.closed_form.subs({s: v for s, v in values.items()
                                          if not isinstance(v, sp.Symbol)}).subs(defs)
        return approx


def _corners(conj: Conjecture) -> list[dict]:
    pts: list[dict] = [{}]
    for s in conj.free_parameters:
        dom = conj.parameters[s]
        pts = [{**p, s: e} for p in pts for e in (dom.start, dom.end)]
    return pts[:16]
