"""The max-min value of a one-good model: LP bracket, made exact on both sides.

:func:`symmech.tactics.lp.maxmin_posted_price` solves the seller's grid LP. Its two
by-products become exact objects here:

* the seller's price lottery (grid prices, probabilities rationalized) with a
  dual certificate whose feasibility is checked cell by cell at 60 digits
  (each moment function monotone on the support, so ``mu_l g_l`` is largest at
  a cell end; a left limit at the cell's right end is included):
  a real mechanism whose guarantee ``lower`` is known to 50 digits;
* nature's grid law, with exact weights re-solved from the moment equations:
  no mechanism earns more than ``max_p p P(theta >= p)`` against it, computed
  exactly (``upper``).

So ``lower <= max-min value <= upper``.
"""
from __future__ import annotations

import decimal
import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import mpmath
import sympy as sp

from symmech.kernel import rules
from symmech.tactics import lp
from symmech.tactics.lp._common import exact_g_for
from .model import N, float_function, mp_at, mp_values
from .types import Instance
from .worst_case import Law, _law_ok, _monotone, lp_moments

__all__ = ["Bracket", "maxmin_bracket", "closed_form_mean_value"]


@dataclass
class Bracket:
    lower: mpmath.mpf                       # guarantee of ``lottery`` (60-digit arithmetic, rounded down)
    upper: sp.Expr                          # exact: best revenue against ``nature``
    lottery: list[tuple[sp.Expr, sp.Expr]]  # (price, probability), exact rationals
    lottery_lam: mpmath.mpf
    lottery_mu: tuple
    lower_rigorous: bool                    # every moment function monotone (cell bounds exact)
    nature: Law | None
    upper_price: sp.Expr
    lp_result: Any
    n: int
    seconds: float
    notes: list[str] = field(default_factory=list)

    @property
    def width(self) -> float:
        return float(N(self.upper, 30)) - float(self.lower)

    def describe(self) -> str:
        r = self.lp_result
        return (f"LP bracket [{mpmath.nstr(self.lower, 15)}, {mpmath.nstr(mpmath.mpf(str(N(self.upper, 30))), 15)}] "
                f"(width {self.width:.3g}; grid n = {self.n}, LP {r.size.rows} x {r.size.cols}, "
                f"{r.size.nnz} nonzeros, LP value {r.value:.10g}, {self.seconds:.2f} s"
                + ("" if self.lower_rigorous else "; lower end numerical: a moment function is not monotone") + ")")

    def lottery_json(self, limit: int = 12) -> dict:
        """The LP seller's lottery, compactly: the ``limit`` heaviest prices and the price range."""
        nz = [(p, w) for p, w in self.lottery if w != 0]
        heavy = sorted(nz, key=lambda a: -a[1])[:limit]
        atoms = [{"price": str(p), "probability": str(w), "probability_decimal": str(N(w, 30))}
                 for p, w in sorted(heavy, key=lambda a: N(a[0], 20))]
        return {"kind": "price lottery (the LP seller's mechanism)", "atoms": atoms, "atoms_total": len(nz),
                "price_range": [str(nz[0][0]), str(nz[-1][0])] if nz else [],
                "note": f"the {len(atoms)} heaviest of {len(nz)} prices; the guarantee is of the full lottery",
                "guarantee_at_least": mpmath.nstr(self.lower, 40),
                "certificate": {"lam": mpmath.nstr(self.lottery_lam, 40),
                                "mu": [mpmath.nstr(m, 40) for m in self.lottery_mu]}}


def _monotone_all(inst: Instance) -> bool:
    lo, hi = inst.support
    return all(_monotone(m.g, inst.theta, lo, hi) for m in inst.moments)


def maxmin_bracket(inst: Instance, n: int | None = None) -> Bracket:
    n = n or inst.conjecture.grid
    t0 = time.perf_counter()
    th = inst.theta
    lo, hi = inst.support
    mcs = lp_moments(inst)
    res = lp.maxmin_posted_price((float(N(lo, 20)), float(N(hi, 20))), mcs, n)
    xs = [lo + (hi - lo) * sp.Rational(j, n) for j in range(n + 1)]
    probs = dict(res.price_atoms)
    fl = [float(N(x, 20)) for x in xs]
    g_r = [_fixed(probs.get(f, 0.0)) if probs.get(f, 0.0) > 1e-13 else sp.Integer(0) for f in fl]
    total = sum(g_r, sp.Integer(0))
    if total > 1:   # rounding overshoot (at most a few 1e-15): take it from the largest probability
        i = max(range(len(g_r)), key=lambda j: g_r[j])
        g_r[i] -= total - 1
    notes: list[str] = []
    rigorous = _monotone_all(inst)
    with mpmath.workdps(60):
        xm = [mp_at(x, 65) for x in xs]
        gv = [mp_values(m.g, th, xs, 65) for m in inst.moments]
        P, acc = [], mpmath.mpf(0)
        for x, w in zip(xm, g_r):
            acc += x * mpmath.mpf(w.p) / w.q
            P.append(acc)
        mu = [mpmath.mpf(m) for m in res.lower_certificate.mu]
        for l, m in enumerate(inst.moments):
            if m.relation == ">=" and mu[l] < 0 or m.relation == "<=" and mu[l] > 0:
                mu[l] = mpmath.mpf(0)
        lam = mpmath.inf
        for j in range(n + 1):
            ends = (j, j + 1) if j < n else (j,)
            aff = sum(max(mu[l] * gv[l][e] for e in ends) for l in range(len(mu)))
            lam = min(lam, P[j] - aff)
        if not rigorous:
            # cell interiors are not covered by the end values: use the LP's own (estimated) bound
            lam = min(lam, mpmath.mpf(res.lower_certificate.lam))
            notes.append("lower end uses an estimated Lipschitz bound (a moment function is not monotone)")
        lam -= mpmath.mpf(10) ** -50
        lower = lam + sum(mu[l] * mpmath.mpf(str(N(m.value, 65))) for l, m in enumerate(inst.moments))
    # nature: grid law with exact weights
    nature_atoms = []
    for x, w in res.nature_atoms:
        j = int(round((x - fl[0]) / (fl[-1] - fl[0]) * n))
        nature_atoms.append((xs[j], w))
    law = _nature_law(inst, nature_atoms)
    if law is None:
        upper, price = sp.nan, sp.nan
        notes.append("nature's grid law could not be made exact")
    else:
        upper, price = _best_price(law.atoms)
    return Bracket(lower=lower, upper=upper, lottery=list(zip(xs, g_r)), lottery_lam=lam,
                   lottery_mu=tuple(mu), lower_rigorous=rigorous, nature=law, upper_price=price,
                   lp_result=res, n=n, seconds=time.perf_counter() - t0, notes=notes)


_D = 10 ** 15


def _fixed(w: float) -> sp.Rational:
    """A probability rounded to a multiple of 1e-15 (a common denominator keeps exact sums small)."""
    return sp.Rational(int(round(float(w) * _D)), _D)


def _nature_law(inst: Instance, atoms) -> Law | None:
    """Nature's grid law: 1 + L atoms re-solved from the moment equations, the rest rounded to 1e-15.

    Exact rationals when every moment function is rational at the grid points; otherwise
    the re-solved weights are computed with mpmath at 65 digits (stated in the note).
    """
    th = inst.theta
    active = [l for l, m in enumerate(inst.moments) if m.relation == "=="]
    atoms = sorted(atoms, key=lambda a: -a[1])
    rational = all(inst.moments[l].g.subs(th, p).is_Rational for l in range(len(inst.moments)) for p, _ in atoms)
    k = 1 + len(active)
    head, tail = atoms[:k], atoms[k:]
    fixed = [(p, _fixed(w)) for p, w in tail]
    if rational:
        rhs = [sp.Integer(1) - sum((w for _, w in fixed), sp.Integer(0))]
        rhs += [inst.moments[l].value - sum((w * inst.moments[l].g.subs(th, p) for p, w in fixed), sp.Integer(0))
                for l in active]
        A = sp.Matrix([[sp.Integer(1)] * len(head)] + [[inst.moments[l].g.subs(th, p) for p, _ in head]
                                                        for l in active])
        try:
            w = list(A.LUsolve(sp.Matrix(rhs)))
        except (ValueError, ZeroDivisionError):
            return None
        note = "nature's grid law from the LP duals; weights exact rationals"
    else:
        with mpmath.workdps(65):
            def num(e):
                return mpmath.mpf(str(N(e, 70)))
            rhs = [1 - mpmath.fsum(num(w) for _, w in fixed)]
            rhs += [num(inst.moments[l].value) - mpmath.fsum(num(w) * num(inst.moments[l].g.subs(th, p))
                                                             for p, w in fixed) for l in active]
            A = mpmath.matrix([[1] * len(head)] + [[num(inst.moments[l].g.subs(th, p)) for p, _ in head]
                                                   for l in active])
            try:
                sol = mpmath.lu_solve(A, mpmath.matrix(rhs))
            except ZeroDivisionError:
                return None
            w = [sp.Float(mpmath.nstr(sol[i], 65), 65) for i in range(len(head))]
        note = "nature's grid law from the LP duals; weights to 65 digits (moment function irrational on the grid)"
    law_atoms = sorted([(p, x) for (p, _), x in zip(head, w)] + fixed, key=lambda a: N(a[0], 30))
    if not _law_ok(inst, law_atoms):
        return None
    return Law(law_atoms, sp.nan, note=note)


def _best_price(atoms) -> tuple[sp.Expr, sp.Expr]:
    """``max_i x_i P(theta >= x_i)`` over the atoms: no mechanism earns more against this law."""
    pts = sorted(atoms, key=lambda a: N(a[0], 40))
    with mpmath.workdps(60):
        xs = [mpmath.mpf(str(N(x, 65))) for x, _ in pts]
        ws = [mpmath.mpf(str(N(w, 65))) for _, w in pts]
        best_i, best, tail = None, mpmath.mpf(0), mpmath.mpf(0)
        for i in range(len(pts) - 1, -1, -1):
            tail += ws[i]
            if xs[i] * tail > best:
                best, best_i = xs[i] * tail, i
    if best_i is None:
        return sp.Integer(0), sp.Integer(0)
    price = pts[best_i][0]
    exact = price * sum((w for _, w in pts[best_i:]), sp.Integer(0))
    return exact, price


def closed_form_mean_value(k: float) -> float:
    """k-tilde(k) = -k / W_{-1}(-k/e): the max-min value with a known mean on [0, 1]."""
    with mpmath.workdps(40):
        return float(-mpmath.mpf(k) / mpmath.lambertw(-mpmath.mpf(k) / mpmath.e, -1))


@dataclass
class RefinedBracket:
    """An exact bracket ``lower <= max-min value <= upper``, each end proved by an exact certificate (a price
    lottery with a feasible dual; a law meeting the moments exactly), and the kernel's verdict on it."""

    lower: sp.Rational
    upper: sp.Rational
    verdict: Any
    seconds: float
    result: Any


def outward_decimals(lower: sp.Rational, upper: sp.Rational, digits: int = 12) -> tuple[str, str]:
    """``lower`` rounded down and ``upper`` rounded up to ``digits`` significant digits: the printed interval
    contains the exact one."""
    def rounded(x: sp.Rational, up: bool) -> str:
        with decimal.localcontext() as ctx:      # a division correctly rounded in the chosen direction
            ctx.prec = digits
            ctx.rounding = decimal.ROUND_CEILING if up else decimal.ROUND_FLOOR
            return str((decimal.Decimal(int(x.p)) / decimal.Decimal(int(x.q))).normalize())

    return rounded(lower, False), rounded(upper, True)


def _dyadic(x: sp.Expr) -> bool:
    """Whether ``x`` is a number whose float is exact (the refined LP takes the support as floats)."""
    if not x.is_Rational:
        return False
    return Fraction(float(x)) == Fraction(int(x.p), int(x.q))


def refined_bracket(inst: Instance, *, target_width: float = 1e-6, time_budget: float = 30.0
                    ) -> RefinedBracket | None:
    """The certified max-min bracket of width about ``target_width`` for one good (``refined_maxmin_posted_price``),
    when the instance is in its class: a numeric support with dyadic ends, and moments ``theta``, ``theta**p`` or
    ``sqrt(theta)`` with rational values (checked exactly, not as floats); None otherwise or when it fails."""
    lo, hi = inst.support
    if not (_dyadic(sp.nsimplify(lo)) and _dyadic(sp.nsimplify(hi))):
        return None
    moments = []
    for m in inst.moments:
        exact = exact_g_for(m.g, inst.theta)
        if exact is None or not sp.sympify(m.value).is_Rational:
            return None
        q = sp.Rational(m.value)
        moments.append(lp.MomentCondition(float_function(m.g, inst.theta), m.relation, float(q), label=m.text,
                                          monotone=True, exact=exact, exact_value=Fraction(int(q.p), int(q.q))))
    if not moments:
        return None
    t0 = time.perf_counter()
    try:
        res = lp.refined_maxmin_posted_price((float(lo), float(hi)), moments, target_width=target_width,
                                             time_budget=time_budget)
    except (ValueError, lp.LPError, ArithmeticError):
        return None
    seconds = time.perf_counter() - t0
    if not res.certified or res.lower_certificate is None or res.upper_certificate is None:
        return None
    lower = sp.Rational(res.lower.numerator, res.lower.denominator)
    upper = sp.Rational(res.upper.numerator, res.upper.denominator)
    lo_text, hi_text = outward_decimals(lower, upper)
    verdict = rules.semi_infinite_duality(
        f"max-min value in [{lo_text}, {hi_text}] (ends rounded outward from the exact rationals; width "
        f"{float(upper - lower):.2g}): the lower end by a price lottery "
        f"with a feasible dual, the upper end by a law meeting the moments exactly; both rechecked in exact "
        f"rationals (weak duality)", method="exact certificates (refined LP)",
        certificate=(res.lower_certificate, res.upper_certificate), rechecked=res.certified)
    return RefinedBracket(lower, upper, verdict, seconds, res)
