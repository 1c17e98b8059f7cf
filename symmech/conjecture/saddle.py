"""Closed-form max-min value, optimal mechanism and nature's law of a one-good model.

Against a law F the seller earns at most ``max_p p P_F(theta >= p)``, so the max-min value is the
smallest ``v`` for which some law in the set has ``P(theta >= p) <= v / p`` for all p.  With one
moment condition ``E[g(theta)] (==|>=) m``, g increasing on the support ``[lo, hi]``, the largest such
law in the stochastic order is the equal-revenue law ``ER(v)``: density ``v / theta^2`` on
``[v, hi)`` and an atom ``v / hi`` at ``hi`` (Carrasco et al., Sec. 3.4).  Hence

* if ``E_{ER(lo)} g >= m``: the value is ``lo`` (price ``lo``; nature mixes a point mass at ``lo``
  with ``ER(lo)`` to meet the moment);
* else the value ``V`` solves ``E_{ER(V)} g = m``; the optimal allocation is
  ``q(theta) = int_V^theta g'(s)/s ds / int_V^hi g'(s)/s ds`` on ``[V, hi]`` (0 below), its payment
  is ``mu (g(theta) - g(V))`` with ``mu = 1 / int_V^hi g'(s)/s ds``, and nature plays ``ER(V)``.

With no moment condition, or one ``E[g] <= m``, the value is ``lo`` (nature: the point mass at lo).

Nothing here is trusted: the candidate becomes a :func:`symmech.checks.saddle_point` claim (IC, IR,
feasibility, nature's law in the set, the dual certificate, the revenue, and the seller's best-response
bound), checked by the core provers over the proof scope.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Callable

import mpmath
import sympy as sp

from .. import checks
from symmech.models.distributions import Distribution
from symmech.models.mechanisms import Mechanism
from symmech.models.piecewise import PiecewiseFunction
from .exact import budgeted
from .model import N
from .types import Instance
from .worst_case import ambiguity_set

__all__ = ["Saddle", "find_saddle", "posted_price_value"]


@dataclass
class Saddle:
    """A candidate saddle point (exact objects) and how it was found.

    The mechanism (its payments need an integral) and the saddle-point claim are built on first use:
    a pointwise check often needs only the value."""

    value: sp.Expr
    make_mechanism: Callable[[], Mechanism]
    mechanism_text: str
    make_nature: Callable[[], Distribution]
    nature_text: str
    lam: sp.Expr
    mu: list
    make_claim: Callable[[Mechanism], object]
    how: str
    notes: list[str] = field(default_factory=list)

    @functools.cached_property
    def mechanism(self) -> Mechanism:
        return self.make_mechanism()

    @functools.cached_property
    def nature(self) -> Distribution:
        """Nature's law (validated by :class:`Distribution` when first built)."""
        return self.make_nature()

    @functools.cached_property
    def claim(self):
        """The :func:`symmech.checks.saddle_point` claim for this candidate."""
        return self.make_claim(self.mechanism)


class NoClosedForm(Exception):
    """The model is outside the closed-form class, or a step had no closed form (message says which)."""


def _increasing(g, th, lo, hi) -> bool:
    dg = sp.diff(g, th)
    for i in range(1, 40):
        x = lo + (hi - lo) * sp.Rational(i, 40)
        v = N(dg.subs(th, x), 20)
        if not v.is_number or v < 0:
            return False
    return True


def er_moment(g, th, lo, hi, v) -> sp.Expr:
    """``E g`` under the equal-revenue law ER(v) on ``[v, hi]``."""
    integral = budgeted(lambda: sp.integrate(g / th ** 2, (th, v, hi)), 20)
    if integral is None or integral.has(sp.Integral):
        raise NoClosedForm(f"no closed form for the integral of {g}/theta^2")
    return sp.simplify(v * g.subs(th, hi) / hi + v * integral)


def _root_value(eq, v, lo, hi, roots: dict) -> sp.Expr | None:
    """A closed form for the root of ``eq(v) = 0`` in (lo, hi): a known defined root, or SymPy's solve."""
    for r in roots:
        for cand in dict.fromkeys([r, r * hi, lo + (hi - lo) * r]):     # the root itself or scaled to the support
            z = budgeted(lambda: sp.simplify(eq.subs(v, cand)) == 0, 10, default=False)
            if z:
                return cand
    sols = budgeted(lambda: sp.solve(eq, v), 20) or []
    for s_ in sols:
        x = N(s_, 30)
        if x.is_real and N(s_ - lo, 30) > 0 and N(hi - s_, 30) > 0:
            return s_
    return None


def numeric_root(eq, v, lo, hi) -> mpmath.mpf | None:
    f = sp.lambdify(v, eq, modules="mpmath")
    with mpmath.workdps(40):
        a, b = mpmath.mpf(str(N(lo, 45))), mpmath.mpf(str(N(hi, 45)))
        eps = (b - a) * mpmath.mpf(10) ** -30
        try:
            return mpmath.findroot(f, (a + eps, b - eps), solver="anderson")
        except (ValueError, ZeroDivisionError):
            return None


def find_saddle(inst: Instance, roots=(), *, lazy_nature: bool = False) -> Saddle:
    """The closed-form saddle point of ``inst``'s model (raises NoClosedForm outside the class).

    Nature's law is built (and validated) here unless ``lazy_nature``: then on first use of
    ``Saddle.nature`` (a pointwise check often needs only the value), and the caller must treat an
    error there as "no saddle point", as it would have been here.
    """
    th = inst.theta
    lo, hi = inst.support
    A = _ambiguity(inst)
    L = len(inst.moments)
    if L == 0 or L == 1 and inst.moments[0].relation == "<=":
        F = _law(lambda: Distribution(th, atoms={lo: sp.Integer(1)}, support=(lo, hi)), lazy_nature)
        return Saddle(lo, lambda: _posted(th, lo, hi), f"posted price {lo}", F, f"point mass at {lo}", lo, [0] * L,
                      lambda M: checks.saddle_point(M, F(), A, lo, [sp.Integer(0)] * L, lo, id="saddle"),
                      "support-only bound: the point mass at the bottom of the support")
    if L > 1:
        raise NoClosedForm("several moment conditions (no closed form; the LP bracket is reported)")
    m = inst.moments[0]
    if not _increasing(m.g, th, lo, hi):
        raise NoClosedForm(f"the moment function {m.g} is not increasing on the support")
    v = sp.Dummy("v", positive=True)
    Ev = er_moment(m.g, th, lo, hi, v)
    at_lo = N(Ev.subs(v, lo) - m.value, 30) if N(lo, 30) > 0 else None
    if at_lo is not None and at_lo >= 0:
        E_lo = sp.simplify(Ev.subs(v, lo))
        g_lo = m.g.subs(th, lo)
        w = sp.simplify((E_lo - m.value) / (E_lo - g_lo)) if m.relation == "==" else sp.Integer(0)
        dens = PiecewiseFunction(th, (lo, hi), ((1 - w) * lo / th ** 2,))
        F = _law(lambda: Distribution(th, density=dens, atoms={lo: w, hi: (1 - w) * lo / hi} if w != 0 else
                                      {hi: lo / hi}), lazy_nature)
        return Saddle(lo, lambda: _posted(th, lo, hi), f"posted price {lo}", F,
                      f"point mass {w} at {lo} plus {1 - w} times the equal-revenue law on [{lo}, {hi}]",
                      lo, [0], lambda M: checks.saddle_point(M, F(), A, lo, [sp.Integer(0)], lo, id="saddle"),
                      "E g under the equal-revenue law at the bottom of the support already "
                                      "meets the moment: the value is the bottom of the support")
    V = _root_value(Ev - m.value, v, lo, hi, roots)
    if V is None:
        raise NoClosedForm(f"no closed form for the root v of {sp.simplify(Ev.subs(v, sp.Symbol('v')))} = "
                           f"{m.value}")
    s = sp.Dummy("s", positive=True)
    dg = sp.diff(m.g, th).subs(th, s)
    I_total = budgeted(lambda: sp.simplify(sp.integrate(dg / s, (s, V, hi))), 20)
    I_theta = budgeted(lambda: sp.simplify(sp.integrate(dg / s, (s, V, th))), 20)
    if I_total is None or I_theta is None or I_total.has(sp.Integral) or I_theta.has(sp.Integral):
        raise NoClosedForm("no closed form for the optimal allocation's integral")
    q = sp.simplify(I_theta / I_total)
    # nested radicals of the value (sqrt(3 - 2 sqrt 2) = sqrt 2 - 1) make every later proof slow
    q = budgeted(lambda: sp.simplify(sp.sqrtdenest(q)), 10) or q
    mu = 1 / I_total
    lam = -mu * m.g.subs(th, V)
    F = _law(lambda: Distribution(th, density=PiecewiseFunction(th, (lo, V, hi), (0, V / th ** 2)),
                                  atoms={hi: V / hi}), lazy_nature)
    return Saddle(V, lambda: Mechanism.from_allocation(th, PiecewiseFunction(th, (lo, V, hi), (0, q))),
                  f"allocation q(theta) = {q} on [{V}, {hi}], 0 below", F,
                  f"equal-revenue law: density ({V})/theta^2 on [{V}, {hi}) and an atom {sp.simplify(V / hi)} at {hi}",
                  lam, [mu], lambda M: checks.saddle_point(M, F(), A, lam, [mu], V, id="saddle"), "equal-revenue law with E g = m (Carrasco et al., Sec. 3.4)")


def _law(make: Callable[[], Distribution], lazy: bool) -> Callable[[], Distribution]:
    """A getter for nature's law, built once: now (errors raised here) or on first call if ``lazy``."""
    law = functools.cache(make)
    if not lazy:
        law()
    return law


def _posted(th, lo, hi) -> Mechanism:
    return Mechanism(th, PiecewiseFunction(th, (lo, hi), (sp.Integer(1),)),
                     PiecewiseFunction(th, (lo, hi), (lo,)), sp.Integer(0))


def _ambiguity(inst: Instance):
    return ambiguity_set(inst)


def posted_price_value(inst: Instance):
    """Best deterministic price: worst(p) = p (m - g(p)) / (g(hi) - g(p)) for g(p) < m (nature: atoms just
    below p and at hi), p at the bottom of the support, 0 above ``g^-1(m)``.  Returns (R(p), p symbol,
    upper end of the price range, best price or None, its value)."""
    th = inst.theta
    lo, hi = inst.support
    if len(inst.moments) != 1 or inst.moments[0].relation not in ("==", ">="):
        raise NoClosedForm("optimal_among = 'posted_prices' needs one moment condition E[g] == m or >= m")
    m = inst.moments[0]
    if not _increasing(m.g, th, lo, hi):
        raise NoClosedForm(f"the moment function {m.g} is not increasing on the support")
    p = sp.Symbol("p", real=True)
    R = p * (m.value - m.g.subs(th, p)) / (m.g.subs(th, hi) - m.g.subs(th, p))
    top = budgeted(lambda: [x for x in sp.solve(m.g.subs(th, p) - m.value, p)
                            if N(x - lo) >= 0 and N(hi - x) >= 0], 20) or []
    pbar = top[0] if top else hi
    crit = budgeted(lambda: sp.solve(sp.numer(sp.together(sp.diff(R, p))), p), 20) or []
    best = None
    for c in crit:
        x = N(c, 30)
        if x.is_real and N(c - lo) > 0 and N(pbar - c) > 0:
            if best is None or N(R.subs(p, c) - R.subs(p, best)) > 0:
                best = c
    value = sp.simplify(R.subs(p, best)) if best is not None else None
    if value is not None and N(lo - value, 30) >= 0:
        best, value = lo, lo
    return R, p, pbar, best, value
