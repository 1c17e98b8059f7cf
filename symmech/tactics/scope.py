"""Scope: the symbolic parameters of a model, their ranges, and defined roots.

A :class:`Scope` says over which parameter values a claim is asserted
(e.g. ``k`` in the open interval (0, 1)) and which symbols are *defined*
implicitly by an equation (e.g. ``kt`` with ``kt (1 - log kt) = k``).

* For exact proofs, a defined root whose equation can be solved for the
  parameter (``k = kt (1 - log kt)``) is used to *eliminate* the parameter:
  the claim is proved for every ``kt`` in the image interval, hence for every
  ``k`` (the map must be a bijection; derivations state that as a claim).
* For numerics, the root is evaluated to the requested digits both from its
  closed form (if any) and by bracketed root finding; the two must agree.
* Several symbols defined at once (the root of a system in a box) are
  :class:`~symmech.tactics.systems.DefinedSystem` objects in ``Scope.systems``.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Iterable, Mapping

import mpmath
import sympy as sp

from symmech.tactics.assumptions import assuming
from symmech.kernel.errors import ScopeError  # noqa: F401 - public here
from symmech.kernel.verdict import SoundnessError
from symmech.tactics.numeric import _compiled, _to_mpf
from symmech.tactics.systems import DefinedSystem, eliminate_systems

Number = sp.Expr


@dataclass(frozen=True)
class DefinedRoot:
    """A symbol defined as the unique root of ``equation == 0`` in a bracket.

    Parameters
    ==========
    symbol : Symbol
        The defined quantity (e.g. ``kt``).
    equation : Expr
        Expression in ``symbol`` and parameters whose zero defines it.
    bracket : (Expr, Expr)
        Lower and upper end (expressions in the parameters) of the open
        interval that contains exactly one root.
    closed_form : Expr, optional
        An explicit formula (e.g. with LambertW) for the root.
    inverse : (Symbol, Expr), optional
        ``(parameter, expression in symbol)``: the defining equation solved
        for the parameter; enables exact elimination in proofs.
    image : Interval, optional
        The range of ``symbol`` when the parameter ranges over its interval.  Checked (the
        bracket must lie inside it); once checked, a root without a usable inverse (a fixed
        parameter, or none) is proved about as a variable ranging over the image -- a
        rigorous enclosure of a constant root.
    """

    symbol: sp.Symbol
    equation: sp.Expr
    bracket: tuple[sp.Expr, sp.Expr]
    closed_form: sp.Expr | None = None
    inverse: tuple[sp.Symbol, sp.Expr] | None = None
    image: sp.Interval | None = None

    def _compiled_parts(self, values: Mapping[sp.Symbol, sp.Expr]):
        """(f, ends) for the root finder from functions compiled once for mpmath (no ``subs`` and no
        ``lambdify`` per point); None when some symbol has no value (the slow route reports it)."""
        exprs = [sp.sympify(self.equation), sp.sympify(self.bracket[0]), sp.sympify(self.bracket[1])]
        params = tuple(sorted(set().union(*(e.free_symbols for e in exprs)) - {self.symbol}, key=str))
        if any(p not in values for p in params):
            return None
        fn = _compiled(exprs[0], (self.symbol,) + params)
        lo_fn, hi_fn = _compiled(exprs[1], params), _compiled(exprs[2], params)

        def args():
            return [_to_mpf(values[p]) for p in params]

        def f(x):
            return fn(x, *args())

        def ends():
            a = args()
            return mpmath.mpf(lo_fn(*a)), mpmath.mpf(hi_fn(*a))

        return f, ends

    def _closed_value(self, values: Mapping[sp.Symbol, sp.Expr], work: int):
        """The closed form at ``values`` with ``work`` digits (compiled for mpmath; SymPy's evalf when
        that fails), as a real mpf."""
        expr = sp.sympify(self.closed_form)
        params = tuple(sorted(expr.free_symbols, key=str))
        if all(p in values for p in params):
            try:
                v = mpmath.mpmathify(_compiled(expr, params)(*[_to_mpf(values[p]) for p in params]))
                return v.real if isinstance(v, mpmath.mpc) else v
            except Exception:  # noqa: BLE001 - the slow route decides
                pass
        closed = sp.N(expr.subs(values), work)
        return mpmath.mpf(str(sp.re(closed)))

    def evaluate(self, values: Mapping[sp.Symbol, sp.Expr], dps: int) -> sp.Float:
        """Numerical value of the root at parameter ``values`` to ``dps`` digits.

        Computes it by bisection-safe root finding in the bracket and, when a
        closed form exists, from the closed form; raises SoundnessError if the
        two disagree.
        """
        work = dps + 15
        fast = self._compiled_parts(values)
        if fast is None:
            eq = self.equation.subs(values)
            lo = sp.N(sp.sympify(self.bracket[0]).subs(values), work)
            hi = sp.N(sp.sympify(self.bracket[1]).subs(values), work)
            f = sp.lambdify(self.symbol, eq, modules="mpmath")
            ends = lambda: (mpmath.mpf(str(lo)), mpmath.mpf(str(hi)))  # noqa: E731
        else:
            f, ends = fast
        with mpmath.workdps(work):
            a, b = ends()
            # shrink open ends slightly so f is defined there
            eps = (b - a) * mpmath.mpf(10) ** (-(work - 5))
            try:
                root = mpmath.findroot(f, (a + eps, b - eps), solver="anderson")
                root = mpmath.findroot(f, root)  # polish with the secant method
            except (ValueError, ZeroDivisionError):
                # next to a double root (e.g. kt -> 1 as k -> 1) the fast solvers stall: bisection in
                # the bracket always converges when the equation changes sign there
                root = _bisect(f, a + eps, b - eps, work)
            if not (a <= root <= b):
                raise SoundnessError(f"root of {self.equation} left its bracket: {root}")
            if self.closed_form is not None:
                closed_mp = self._closed_value(values, work)
                if abs(closed_mp - root) > mpmath.mpf(10) ** (-(dps + 5)) * max(1, abs(root)):
                    raise SoundnessError(
                        f"closed form {self.closed_form} = {closed_mp} but root finding "
                        f"gives {root} at {dict(values)}"
                    )
                root = closed_mp
            return sp.Float(mpmath.nstr(root, work), work)


def _bisect(f, a, b, work: int):
    """The root of ``f`` in ``[a, b]`` by bisection to ``work`` digits (``f`` changes sign there)."""
    fa, fb = f(a), f(b)
    if fa == 0:
        return a
    if fb == 0:
        return b
    if (fa > 0) == (fb > 0):
        raise ValueError(f"no sign change of the equation in the bracket [{a}, {b}]")
    tol = (abs(a) + abs(b) + 1) * mpmath.mpf(10) ** (-(work - 2))
    for _ in range(int(work * 3.5) + 60):
        m = (a + b) / 2
        fm = f(m)
        if fm == 0 or b - a < tol:
            return m
        if (fm > 0) == (fa > 0):
            a, fa = m, fm
        else:
            b = m
    return (a + b) / 2


@dataclass(frozen=True)
class Scope:
    """Parameters with their ranges, plus implicitly defined roots.

    ``parameters`` maps each free symbol to a SymPy ``Interval`` (open or
    closed ends) or to a single value.  ``roots`` are evaluated in order.
    ``systems`` (:class:`~symmech.tactics.systems.DefinedSystem`) define several symbols at once; they
    may depend on parameters only, and are evaluated after the roots.
    """

    parameters: Mapping[sp.Symbol, sp.Interval | sp.Expr] = field(default_factory=dict)
    roots: tuple[DefinedRoot, ...] = ()
    samples: tuple[Mapping[sp.Symbol, sp.Expr], ...] | None = None
    systems: tuple[DefinedSystem, ...] = ()

    def __post_init__(self) -> None:
        for sym, dom in self.parameters.items():
            if not isinstance(sym, sp.Symbol):
                raise ScopeError(f"parameter {sym!r} is not a SymPy Symbol")
            if isinstance(dom, (tuple, list)):
                raise ScopeError(f"the range of {sym} is given as {tuple(dom)!r}: say which ends are included, "
                                 f"sp.Interval({', '.join(map(str, dom))}) (closed) or "
                                 f"sp.Interval.open({', '.join(map(str, dom))}) (open)")
            if not isinstance(dom, (sp.Interval, sp.Basic, int, float, Fraction)):
                raise ScopeError(f"the range of {sym} must be a SymPy Interval or one value, got {dom!r}")
            if isinstance(dom, sp.Interval):
                if dom.measure == 0 or not (dom.start.is_finite and dom.end.is_finite):
                    raise ScopeError(f"range of {sym} must be a bounded interval, got {dom}")
            _check_assumptions(sym, dom)
        names = [r.symbol for r in self.roots]
        if len(set(names)) != len(names):
            raise ScopeError("a root is defined twice")
        _check_systems(self, names)
        for pt in self.samples or ():
            for sym, val in dict(pt).items():
                dom = self.parameters.get(sym)
                if dom is None:
                    raise ScopeError(f"sample point sets {sym}, which is not a parameter")
                inside = dom.contains(sp.sympify(val)) if isinstance(dom, sp.Interval) else sp.Eq(dom, val)
                if inside is not sp.true:
                    raise ScopeError(f"sample point {sym} = {val} lies outside its range {dom}: a refutation "
                                     f"there would not be one")

    def assume(self):
        """A context in which building a model may use the parameters' ranges (e.g. to order the breakpoints
        ``p`` and ``1`` when ``p`` ranges over ``(0, 1)``): ``with scope.assume(): R = revenue(M, F)``."""
        return assuming(self.parameters)

    # --- integer parameters ------------------------------------------------------
    @property
    def integer_parameters(self) -> set[sp.Symbol]:
        """Parameters declared ``integer=True``: sampled at integers only, proved over their real range
        (a proof for every real value covers the integers), refuted only at an integer."""
        return {s for s, d in self.parameters.items() if isinstance(d, sp.Interval) and s.is_integer}

    def admissible(self, point: Mapping) -> bool:
        """Whether a point (symbols or names to values, values possibly "x = decimal" text) gives every
        integer parameter an integer value; a point that leaves one out is admissible for it."""
        names = {str(s): s for s in self.integer_parameters}
        for key, val in point.items():
            sym = names.get(str(key))
            if sym is None:
                continue
            text = str(val).split(" = ")[0]
            try:
                value = sp.sympify(text)
            except (sp.SympifyError, TypeError, SyntaxError):
                return False
            if value.is_integer is not True:
                return False
        return True

    # --- symbols ---------------------------------------------------------------
    @property
    def symbols(self) -> set[sp.Symbol]:
        """Every symbol the scope gives a meaning to."""
        return set(self.parameters) | {r.symbol for r in self.roots} | {
            s for system in self.systems for s in system.symbols}

    def check_symbols(self, expr: sp.Expr, bound: Iterable[sp.Symbol] = ()) -> None:
        """Raise ScopeError if ``expr`` has a free symbol with no meaning."""
        unknown = sp.sympify(expr).free_symbols - self.symbols - set(bound)
        if unknown:
            names = ", ".join(sorted(str(s) for s in unknown))
            raise ScopeError(f"unknown symbol(s) {names}: declare them as parameters or bound variables")

    # --- exact elimination ---------------------------------------------------------
    def eliminate(self, expr: sp.Expr) -> tuple[sp.Expr, dict[sp.Symbol, sp.Interval]]:
        """Rewrite ``expr`` in independent symbols for an exact proof.

        Returns the rewritten expression and the domain of each remaining
        parameter.  A parameter that a root inverts (``k = h(kt)``) is replaced
        by ``h(kt)`` and the root's image becomes the domain -- only once the root's image and
        inverse hints are proved (:func:`symmech.claims.hints.root_hints`); otherwise the root stays an
        opaque symbol.
        """
        out = sp.sympify(expr)
        domains: dict[sp.Symbol, sp.Interval] = {
            s: d for s, d in self.parameters.items() if isinstance(d, sp.Interval)
        }
        fixed = {s: d for s, d in self.parameters.items() if not isinstance(d, sp.Interval)}
        out = out.subs(fixed)
        allowed = self.__dict__.get("_elimination_allowed", set())
        enclosed = self.__dict__.get("_image_allowed", set())
        for root in self.roots:
            # only through hints the tool has checked (symmech.claims.hints.root_hints fills ``allowed``)
            # (a parameter fixed to one value is substituted above: the root is then a single number, not
            # free over its image -- eliminating through it would prove and search far too much)
            if root.inverse is not None and root.image is not None and root.symbol in allowed \
                    and isinstance(self.parameters.get(root.inverse[0]), sp.Interval):
                param, h = root.inverse
                out = out.subs(param, h)
                domains.pop(param, None)
                domains[root.symbol] = root.image
            elif root.symbol in out.free_symbols and root.symbol in enclosed and isinstance(root.image, sp.Interval):
                # no inverse, but the bracket (one root) and image (bracket inside it) are checked: a claim
                # proved for every value in the image holds at the root
                domains[root.symbol] = root.image
            elif root.symbol in out.free_symbols:
                # keep the root as an opaque symbol: proofs must not use its value
                domains.setdefault(root.symbol, sp.Interval(-sp.oo, sp.oo))
        if self.systems and out.free_symbols & {s for system in self.systems for s in system.symbols}:
            out = eliminate_systems(self, out, domains, fixed)
        return out, domains

    # --- sampling -----------------------------------------------------------------
    def sample_points(self, count: int = 9, seed: int = 0) -> list[dict[sp.Symbol, sp.Expr]]:
        """Exact (Rational) parameter points: nice values first, then random ones."""
        if self.samples is not None:
            return [dict(p) for p in self.samples]
        free = [s for s, d in self.parameters.items() if isinstance(d, sp.Interval)]
        fixed = {s: sp.sympify(d) for s, d in self.parameters.items() if not isinstance(d, sp.Interval)}
        if not free:
            return [dict(fixed)]
        per_axis = {s: (_integer_samples if s.is_integer else _interval_samples)(self.parameters[s], count, seed)
                    for s in free}
        points = []
        for i in range(count):
            pt = dict(fixed)
            for j, s in enumerate(free):
                vals = per_axis[s]
                # offset the axes against each other; with 3 or fewer values an offset of 3 would
                # give parameters with the same range equal values at every point (u = v always)
                step = 1 if len(vals) <= 3 else 3
                pt[s] = vals[(i + j * step) % len(vals)]
            points.append(pt)
        return points

    def numeric_values(self, point: Mapping[sp.Symbol, sp.Expr], dps: int) -> dict[sp.Symbol, sp.Expr]:
        """Extend an exact parameter point by the defined roots, to ``dps`` digits.

        Memoized per scope and (point, dps): every claim samples the same points, and root
        finding (with its closed-form cross-check) dominated sampling.  A failure is not cached.
        """
        try:
            key = (tuple(sorted(point.items(), key=lambda kv: str(kv[0]))), dps)
            hash(key)
        except TypeError:
            key = None
        cache = self.__dict__.setdefault("_numeric_cache", {})
        if key is not None and key in cache:
            return dict(cache[key])
        values: dict[sp.Symbol, sp.Expr] = dict(point)
        for root in self.roots:
            values[root.symbol] = root.evaluate(values, dps)
        for system in self.systems:
            values.update(system.evaluate({p: values[p] for p in system.free_parameters}, dps))
        if key is not None:
            if len(cache) > 10000:
                cache.clear()
            cache[key] = dict(values)
        return values


def _check_systems(scope: "Scope", root_names: list) -> None:
    """Systems: a tuple of DefinedSystem whose symbols are new and whose equations, boxes and hints use
    only parameters (and their own symbols)."""
    systems = tuple(scope.systems or ())
    object.__setattr__(scope, "systems", systems)
    seen: set = set(root_names)
    params = set(scope.parameters)
    for system in systems:
        if not isinstance(system, DefinedSystem):
            raise ScopeError(f"systems must be DefinedSystem objects, got {type(system).__name__}")
        for s in system.symbols:
            if s in params:
                raise ScopeError(f"{s} is both a parameter and a symbol of the system {system.name}")
            if s in seen:
                raise ScopeError(f"{s} is defined twice (by a root or another system)")
            seen.add(s)
        unknown = system.free_parameters - params
        if unknown:
            names = ", ".join(sorted(map(str, unknown)))
            raise ScopeError(f"system {system.name} uses {names}, which {'is' if len(unknown) == 1 else 'are'} "
                             f"not a parameter of the scope (systems may depend on parameters only)")
        for k, _, _ in system.inverse:
            if k not in params:
                raise ScopeError(f"system {system.name}: inverse names {k}, which is not a parameter")


def _check_assumptions(sym: sp.Symbol, dom) -> None:
    """Refuse a domain that contradicts the symbol's declared sign assumptions.

    Symbolic tactics use SymPy's assumptions; a ``positive`` symbol ranging over
    negative values would make them unsound.
    """
    lo = dom.start if isinstance(dom, sp.Interval) else sp.sympify(dom)
    open_lo = dom.left_open if isinstance(dom, sp.Interval) else False
    if sym.is_positive and not (lo > 0 or (lo == 0 and open_lo)):
        raise ScopeError(f"{sym} is declared positive but its range {dom} is not")
    if sym.is_nonnegative and not lo >= 0:
        raise ScopeError(f"{sym} is declared nonnegative but its range {dom} is not")
    hi = dom.end if isinstance(dom, sp.Interval) else sp.sympify(dom)
    open_hi = dom.right_open if isinstance(dom, sp.Interval) else False
    if sym.is_negative and not (hi < 0 or (hi == 0 and open_hi)):
        raise ScopeError(f"{sym} is declared negative but its range {dom} is not")
    if sym.is_nonpositive and not hi <= 0:
        raise ScopeError(f"{sym} is declared nonpositive but its range {dom} is not")
    if sym.is_integer and isinstance(dom, sp.Interval) and not _integers_in(dom):
        raise ScopeError(f"{sym} is declared integer but its range {dom} holds no integer")
    if sym.is_integer and not isinstance(dom, sp.Interval) and sp.sympify(dom).is_integer is not True:
        raise ScopeError(f"{sym} is declared integer but is fixed to {dom}")


def _integers_in(dom: sp.Interval) -> list[sp.Integer]:
    """The integers of a bounded interval, in order."""
    lo, hi = sp.ceiling(dom.start), sp.floor(dom.end)
    if dom.left_open and lo == dom.start:
        lo += 1
    if dom.right_open and hi == dom.end:
        hi -= 1
    return [sp.Integer(n) for n in range(int(lo), int(hi) + 1)]


def _integer_samples(dom: sp.Interval, count: int, seed: int) -> list[sp.Integer]:
    """Integers of ``dom``: all of them when there are at most ``count``, else both ends, the middle and
    a seeded spread."""
    ints = _integers_in(dom)
    if len(ints) <= max(count, 1):
        return ints
    picks = [ints[0], ints[-1], ints[len(ints) // 2], ints[1], ints[-2]]
    rng = random.Random(seed)
    while len(set(picks)) < count:
        picks.append(ints[rng.randrange(len(ints))])
    return list(dict.fromkeys(picks))[:count]


_NICE = [Fraction(1, 2), Fraction(1, 4), Fraction(3, 4), Fraction(1, 10), Fraction(9, 10),
         Fraction(1, 3), Fraction(2, 3), Fraction(1, 100), Fraction(99, 100), Fraction(1, 7)]


def _interval_samples(dom: sp.Interval, count: int, seed: int) -> list[sp.Rational]:
    """Rational points inside ``dom`` (closed ends included when closed)."""
    a, b = dom.start, dom.end
    pts: list[sp.Rational] = []
    for fr in _NICE:
        pts.append(a + (b - a) * sp.Rational(fr.numerator, fr.denominator))
    if not dom.left_open:
        pts.insert(2, a)
    if not dom.right_open:
        pts.insert(3, b)
    rng = random.Random(seed)
    while len(pts) < count:
        pts.append(a + (b - a) * sp.Rational(rng.randint(1, 999), 1000))
    return [sp.nsimplify(p) if not isinstance(p, sp.Rational) else p for p in pts][: max(count, 1)]
