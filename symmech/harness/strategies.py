"""Hypothesis strategies for symmech's objects (property-based tests of mechanism-design claims).

Everything is built from ``st.integers`` / ``st.fractions`` and exact SymPy
``Rational`` numbers, so failing examples shrink to small, readable ones::

    from hypothesis import given
    from symmech.harness import strategies as sms

    @given(sms.finite_distributions(theta, support=(0, 1), max_atoms=4, mean=Rational(1, 2)))
    def test_mean(F):
        assert F.expectation(theta) == Rational(1, 2)

Importing this module registers a strategy for :class:`~symmech.Distribution`
(``st.from_type(Distribution)``).  ``import symmech`` itself never imports
Hypothesis.  See ``docs/testing.md``.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Sequence

import sympy as sp
from hypothesis import strategies as st

from symmech.models.ambiguity import AmbiguitySet, MomentCondition
from symmech.models.distributions import Distribution
from symmech.models.mechanisms import Mechanism, PostedPrice
from symmech.models.piecewise import PiecewiseFunction

__all__ = ["rationals", "finite_distributions", "finite_laws_2d", "piecewise_densities", "distributions",
           "monotone_allocations", "mechanisms", "posted_price_distributions", "posted_price_mechanisms",
           "lottery_menus", "menu_choice", "menu_revenue", "ambiguity_sets", "fix_mean", "THETA",
           "adversarial_claims", "ADV_X"]

#: the default value variable of registered strategies
THETA = sp.Symbol("theta", nonnegative=True)

Point = "sp.Rational | tuple[sp.Rational, ...]"


def _q(x) -> sp.Rational:
    if isinstance(x, Fraction):
        return sp.Rational(x.numerator, x.denominator)
    return sp.Rational(x)


def _frac(x) -> Fraction:
    x = sp.Rational(x)
    return Fraction(int(x.p), int(x.q))


def rationals(lo=0, hi=1, *, max_denominator: int = 12) -> st.SearchStrategy[sp.Rational]:
    """Exact rationals in ``[lo, hi]`` with denominators up to ``max_denominator``."""
    return st.fractions(min_value=_frac(lo), max_value=_frac(hi), max_denominator=max_denominator).map(_q)


def _grid_points(lo, hi, denominator: int) -> st.SearchStrategy[sp.Rational]:
    """Points ``lo + (hi - lo) i / denominator`` (shrink towards ``lo``)."""
    lo, hi = sp.Rational(lo), sp.Rational(hi)
    return st.integers(0, denominator).map(lambda i: lo + (hi - lo) * sp.Rational(i, denominator))


# ----------------------------------------------------------------------------------
# finite (atomic) laws
# ----------------------------------------------------------------------------------
def fix_mean(atoms: dict, mean, box: Sequence[tuple]) -> dict:
    """Mix ``atoms`` with one extra point so that the mean becomes ``mean`` (exact).

    With current mean ``mu`` the extra point is where the ray from ``mu``
    through ``mean`` leaves the box, ``c = mu + s (mean - mu)`` with the largest
    such ``s >= 1``; the mixture ``(1 - 1/s) atoms + (1/s) delta_c`` has mean
    ``mean``.  In one dimension ``c`` is an end of the support.  Points are
    tuples of coordinates (length-1 tuples in one dimension).
    """
    mean = tuple(sp.Rational(m) for m in mean)
    mu = tuple(sum(m * p[i] for p, m in atoms.items()) for i in range(len(mean)))
    if mu == mean:
        return dict(atoms)
    s = None
    for i, (lo, hi) in enumerate(box):
        d = mean[i] - mu[i]
        if d == 0:
            continue
        if not (lo <= mean[i] <= hi):
            raise ValueError(f"mean {mean} is outside the support")
        room = ((hi - mu[i]) if d > 0 else (lo - mu[i])) / d
        s = room if s is None else min(s, room)
    assert s is not None and s >= 1
    c = tuple(mu[i] + s * (mean[i] - mu[i]) for i in range(len(mean)))
    alpha = 1 / s
    out = {p: m * (1 - alpha) for p, m in atoms.items()}
    out[c] = out.get(c, 0) + alpha
    return {p: m for p, m in out.items() if m != 0}


@st.composite
def _atoms(draw, box: Sequence[tuple], min_atoms: int, max_atoms: int, grid: int | None,
           max_denominator: int, mean) -> dict:
    n_free = max_atoms - (1 if mean is not None else 0)
    n = draw(st.integers(max(min_atoms - (1 if mean is not None else 0), 1), max(n_free, 1)))
    if grid:
        coord = [_grid_points(lo, hi, grid) for lo, hi in box]
    else:
        coord = [rationals(lo, hi, max_denominator=max_denominator) for lo, hi in box]
    pts = [tuple(draw(c) for c in coord) for _ in range(n)]
    weights = [draw(st.integers(1, 6)) for _ in range(n)]
    total = sum(weights)
    atoms: dict = {}
    for p, w in zip(pts, weights):
        atoms[p] = atoms.get(p, 0) + sp.Rational(w, total)
    if mean is not None:
        atoms = fix_mean(atoms, mean if isinstance(mean, (tuple, list)) else (mean,), box)
    return atoms


def finite_distributions(var: sp.Symbol = THETA, support=(0, 1), *, min_atoms: int = 1, max_atoms: int = 4,
                         mean=None, grid: int | None = None, max_denominator: int = 12
                         ) -> st.SearchStrategy[Distribution]:
    """Atomic laws on ``support = (lo, hi)`` with exact rational points and masses.

    ``mean=m`` prescribes ``E[var] = m`` (one extra atom at an end of the
    support, see :func:`fix_mean`; ``lo < m < hi`` or the law is a point mass
    at ``m``).  ``grid=n`` puts every atom on ``lo + (hi - lo) i / n`` (e.g. to
    compare with a grid LP).  The support of the result is ``support``.
    """
    lo, hi = (sp.Rational(s) for s in support)
    if mean is not None and not lo <= sp.Rational(mean) <= hi:
        raise ValueError(f"mean {mean} outside the support [{lo}, {hi}]")

    def build(atoms: dict) -> Distribution:
        return Distribution(var, atoms={p[0]: m for p, m in atoms.items()}, support=(lo, hi))

    return _atoms([(lo, hi)], min_atoms, max_atoms, grid, max_denominator, mean).map(build)


def finite_laws_2d(box=((0, 1), (0, 1)), *, min_atoms: int = 1, max_atoms: int = 4, mean=None,
                   grid: int | None = None, max_denominator: int = 12):
    """Atomic laws on a box for two goods: a tuple of ``((theta1, theta2), mass)`` (exact).

    ``mean=(m1, m2)`` prescribes both means (one extra atom where the ray from
    the current mean through ``(m1, m2)`` leaves the box); ``grid=n`` puts the
    atoms on the ``(n + 1) x (n + 1)`` grid (then the extra atom may be off it
    unless the ray meets the boundary at a grid point).
    """
    box = tuple((sp.Rational(a), sp.Rational(b)) for a, b in box)
    return _atoms(box, min_atoms, max_atoms, grid, max_denominator, mean).map(
        lambda atoms: tuple(sorted(atoms.items(), key=lambda pm: pm[0])))


# ----------------------------------------------------------------------------------
# densities
# ----------------------------------------------------------------------------------
@st.composite
def _breaks(draw, lo, hi, max_pieces: int, max_denominator: int) -> tuple:
    n = draw(st.integers(1, max_pieces))
    inner = draw(st.lists(rationals(lo, hi, max_denominator=max_denominator), max_size=n - 1, unique=True))
    return tuple(sorted({sp.Rational(lo), sp.Rational(hi), *inner}))


@st.composite
def piecewise_densities(draw, var: sp.Symbol = THETA, support=(0, 1), *, max_pieces: int = 3,
                        max_degree: int = 2, atoms: bool = False, max_denominator: int = 12
                        ) -> Distribution:
    """Laws with a piecewise-polynomial density (Bernstein form, non-negative by construction).

    Each piece is ``sum_j c_j B_{j,d}((x - a)/(b - a))`` with integer
    ``c_j >= 0``; the whole is normalized exactly to mass one (together with
    optional atoms at breakpoints when ``atoms=True``).
    """
    lo, hi = (sp.Rational(s) for s in support)
    breaks = draw(_breaks(lo, hi, max_pieces, max_denominator))
    pieces = []
    for a, b in zip(breaks, breaks[1:]):
        d = draw(st.integers(0, max_degree))
        cs = draw(st.lists(st.integers(0, 4), min_size=d + 1, max_size=d + 1))
        u = (var - a) / (b - a)
        pieces.append(sp.expand(sum(c * sp.binomial(d, j) * u**j * (1 - u)**(d - j) for j, c in enumerate(cs))))
    if all(p == 0 for p in pieces):
        pieces[0] = sp.Integer(1)
    mass = sum(sp.integrate(p, (var, a, b)) for p, a, b in zip(pieces, breaks, breaks[1:]))
    at: dict = {}
    if atoms:
        for b in draw(st.lists(st.sampled_from(breaks), max_size=2, unique=True)):
            at[b] = sp.Rational(draw(st.integers(1, 4)))
    total = mass + sum(at.values())
    pieces = [sp.expand(p / total) for p in pieces]
    at = {b: m / total for b, m in at.items()}
    return Distribution(var, density=PiecewiseFunction(var, breaks, pieces), atoms=at or None)


def distributions(var: sp.Symbol = THETA, support=(0, 1), **kwargs) -> st.SearchStrategy[Distribution]:
    """Atomic laws or laws with a piecewise-polynomial density (and atoms)."""
    return st.one_of(finite_distributions(var, support, **kwargs),
                     piecewise_densities(var, support, atoms=True))


# ----------------------------------------------------------------------------------
# allocations and mechanisms
# ----------------------------------------------------------------------------------
@st.composite
def monotone_allocations(draw, var: sp.Symbol = THETA, support=(0, 1), *, kind: str | None = None,
                         max_pieces: int = 3, max_denominator: int = 12) -> PiecewiseFunction:
    """Non-decreasing allocations ``0 <= q <= 1``: step (``kind="step"``) or piecewise linear
    (``kind="linear"``, jumps allowed); ``None`` draws either."""
    lo, hi = (sp.Rational(s) for s in support)
    kind = kind or draw(st.sampled_from(["step", "linear"]))
    breaks = draw(_breaks(lo, hi, max_pieces, max_denominator))
    n = len(breaks) - 1
    per = 1 if kind == "step" else 2
    levels = sorted(draw(st.lists(rationals(0, 1, max_denominator=max_denominator),
                                  min_size=per * n, max_size=per * n)))
    if kind == "step":
        return PiecewiseFunction(var, breaks, levels)
    pieces = []
    for j, (a, b) in enumerate(zip(breaks, breaks[1:])):
        u, w = levels[2 * j], levels[2 * j + 1]
        pieces.append(sp.expand(u + (w - u) * (var - a) / (b - a)))
    return PiecewiseFunction(var, breaks, pieces)


@st.composite
def mechanisms(draw, var: sp.Symbol = THETA, support=(0, 1), *, kind: str | None = None,
               max_pieces: int = 3, utility_low=None) -> Mechanism:
    """IC mechanisms ``Mechanism.from_allocation(var, q, utility_low=u0)`` of monotone ``q``.

    ``utility_low`` fixes ``U(lo)``; by default it is drawn from ``[0, 1/4]``.
    """
    q = draw(monotone_allocations(var, support, kind=kind, max_pieces=max_pieces))
    u0 = draw(rationals(0, sp.Rational(1, 4), max_denominator=8)) if utility_low is None else utility_low
    return Mechanism.from_allocation(var, q, utility_low=u0)


@st.composite
def posted_price_distributions(draw, var: sp.Symbol | None = None, support=(0, 1), *, max_atoms: int = 3,
                               density: bool | None = None, max_denominator: int = 12) -> Distribution:
    """Laws of a random posted price on ``support``: atoms strictly below the top end
    (a price atom at the top is not supported by :class:`PostedPrice`), optionally
    plus a piecewise-polynomial density."""
    var = var or sp.Symbol("p", nonnegative=True)
    lo, hi = (sp.Rational(s) for s in support)
    use_density = draw(st.booleans()) if density is None else density
    grid = max_denominator
    n = draw(st.integers(1, max_atoms))
    pts = draw(st.lists(st.integers(0, grid - 1), min_size=n, max_size=n, unique=True))
    ws = [sp.Integer(draw(st.integers(1, 5))) for _ in pts]
    atoms = {lo + (hi - lo) * sp.Rational(i, grid): w for i, w in zip(pts, ws)}
    if not use_density:
        total = sum(ws)
        return Distribution(var, atoms={p: w / total for p, w in atoms.items()}, support=(lo, hi))
    breaks = tuple(sorted({lo, hi, *atoms}))
    c = draw(st.lists(st.integers(0, 3), min_size=len(breaks) - 1, max_size=len(breaks) - 1))
    dens_mass = sum(ci * (b - a) for ci, a, b in zip(c, breaks, breaks[1:]))
    total = dens_mass + sum(ws)
    dens = PiecewiseFunction(var, breaks, [sp.Rational(ci) / total for ci in c])
    return Distribution(var, density=dens, atoms={p: w / total for p, w in atoms.items()})


def posted_price_mechanisms(var: sp.Symbol = THETA, support=(0, 1), **kwargs) -> st.SearchStrategy[Mechanism]:
    """Direct mechanisms induced by random posted prices (``PostedPrice(G).to_mechanism``)."""
    return posted_price_distributions(None, support, **kwargs).map(lambda G: PostedPrice(G).to_mechanism(var))


# ----------------------------------------------------------------------------------
# two goods: menus of lotteries
# ----------------------------------------------------------------------------------
Menu = tuple  # of (q1, q2, price)


def lottery_menus(*, max_items: int = 4, max_price=2, max_denominator: int = 8) -> st.SearchStrategy[Menu]:
    """Menus of lotteries for two goods: tuples of ``(q1, q2, price)`` with ``q_i`` in [0, 1]
    and ``price`` in ``[0, max_price]`` (exact).  The buyer may always take ``(0, 0, 0)``."""
    item = st.tuples(rationals(0, 1, max_denominator=max_denominator),
                     rationals(0, 1, max_denominator=max_denominator),
                     rationals(0, max_price, max_denominator=max_denominator))
    return st.lists(item, min_size=1, max_size=max_items).map(tuple)


def menu_choice(menu: Menu, theta: tuple) -> tuple:
    """The item a buyer of type ``theta`` picks: highest utility, ties to the higher price,
    the outside option ``(0, 0, 0)`` included."""
    options = [(sp.Integer(0), sp.Integer(0), sp.Integer(0)), *menu]
    return max(options, key=lambda o: (theta[0] * o[0] + theta[1] * o[1] - o[2], o[2]))


def menu_revenue(menu: Menu, law) -> sp.Rational:
    """Expected price paid under a finite two-good law ``((theta1, theta2), mass)`` (exact)."""
    return sum((m * menu_choice(menu, p)[2] for p, m in law), sp.Integer(0))


# ----------------------------------------------------------------------------------
# ambiguity sets
# ----------------------------------------------------------------------------------
@st.composite
def ambiguity_sets(draw, var: sp.Symbol = THETA, support=(0, 1), *, max_conditions: int = 2,
                   moments: Sequence[sp.Expr] | None = None, relations: Sequence[str] = ("==", "<=", ">="),
                   with_member: bool = False, grid: int | None = None):
    """Non-empty ambiguity sets: the support plus moment conditions ``E[g] (rel) m``.

    Non-emptiness is by construction: a finite law ``F`` is drawn first and
    each ``m`` is ``E_F[g]`` (``==``) or moved away from it in the direction
    that keeps ``F`` feasible.  ``with_member=True`` returns ``(A, F)``.
    ``moments`` are the candidate ``g`` (default ``var``, ``var**2``).
    """
    F = draw(finite_distributions(var, support, max_atoms=4, grid=grid))
    gs = list(moments) if moments is not None else [var, var**2]
    n = draw(st.integers(0, min(max_conditions, len(gs))))
    chosen = draw(st.lists(st.sampled_from(gs), min_size=n, max_size=n, unique_by=sp.srepr))
    conds = []
    for g in chosen:
        rel = draw(st.sampled_from(list(relations)))
        m = F.expectation(g)
        slack = draw(rationals(0, sp.Rational(1, 4), max_denominator=8))
        m = m if rel == "==" else (m + slack if rel == "<=" else m - slack)
        conds.append(MomentCondition(g, rel, m))
    A = AmbiguitySet(var, support, conds)
    return (A, F) if with_member else A


st.register_type_strategy(Distribution, distributions())


# --------------------------------------------------------------------------------------------------------------
# adversarial claims (the kernel's attacker: tests/kernel/test_adversary.py)
# --------------------------------------------------------------------------------------------------------------
#: the variable of :func:`adversarial_claims`
ADV_X = sp.Symbol("x", real=True)


@st.composite
def adversarial_claims(draw, x: sp.Symbol = ADV_X) -> tuple:
    """``(kind, lhs, rhs, (lo, hi), planted)``: an identity or inequality ``lhs REL rhs`` over ``x in [lo, hi]``
    built to trap a checker -- a pole or a jump hidden inside a function, a branch cut of ``log`` or of a
    fractional power, a thin violation (a square minus a tiny constant) or a near-cancellation -- with
    ``planted`` the points where the trap sits (an oracle evaluates next to them).  About half of the claims
    are true."""
    lo = draw(rationals(-2, 0, max_denominator=4))
    hi = draw(rationals(sp.Rational(1, 4), 2, max_denominator=4))
    p = draw(st.one_of(rationals(lo, hi, max_denominator=16), st.sampled_from([1 / sp.pi, sp.sqrt(2) / 3])))
    c = draw(rationals(sp.Rational(1, 10), 3, max_denominator=10))
    eps = sp.Integer(10) ** -draw(st.integers(3, 40))
    kind = draw(st.sampled_from(["atan_jump", "acot_jump", "pole", "tan_pole", "log_power", "sqrt_cut",
                                 "thin", "near_cancel", "lambert"]))
    if kind == "atan_jump":           # atan(1/(x - p)) jumps by pi at p
        return ("ineq", sp.atan(1 / (x - p)) + c, 0, (lo, hi), (p,))
    if kind == "acot_jump":           # SymPy's acot jumps at 0
        return ("ineq", sp.acot(x - p) + c, 0, (lo, hi), (p,))
    if kind == "pole":                # c/(x - p) + 1/eps changes sign across p: -oo just below it
        return ("ineq", c / (x - p) + 1 / eps, 0, (lo, hi), (p,))
    if kind == "tan_pole":            # tan(x - p + pi/2) has a pole at p
        return ("ineq", sp.tan(x - p + sp.pi / 2) + 1 / eps, 0, (lo, hi), (p,))
    if kind == "log_power":           # log(c (x - p)**2) = log c + 2 log|x - p|, not 2 log(x - p) for x < p
        return ("id", sp.log(c * (x - p) ** 2), sp.log(c) + 2 * sp.log(x - p), (lo, hi), (p,))
    if kind == "sqrt_cut":            # sqrt((x - p)**2) = |x - p|, not x - p
        return ("id", sp.sqrt((x - p) ** 2), x - p, (lo, hi), (p,))
    if kind == "thin":                # (x - p)**2 - eps < 0 only within sqrt(eps) of p
        return ("ineq", (x - p) ** 2 - eps * draw(st.sampled_from([1, -1])), 0, (lo, hi), (p,))
    if kind == "near_cancel":         # (x + c)**4 expanded, minus the same up to eps
        e = sp.expand((x + c) ** 4)
        return ("ineq", e - (x + c) ** 4 + eps * draw(st.sampled_from([1, -1])), 0, (lo, hi), ())
    # LambertW on the wrong side of its branch point -1/e: not real there
    return ("ineq", sp.LambertW(x - p - sp.exp(-1) + eps) + 2, 0, (lo, hi), (p,))
