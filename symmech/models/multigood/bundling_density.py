"""Thm. 1's condition for additive values with i.i.d. goods given by a SymPy density, decided symbolically.

Haghpanah and Hartline, 'When Is Pure Bundling Optimal?' (2020), Thm. 1, and the additive-values
corollary (the spec's Sec. 2, derived): for additive values the profile ``r = (v_i / s)_i`` has a
constant coordinate sum, so it is stochastically non-decreasing in the total ``s`` iff its conditional
law does not depend on ``s``.  With i.i.d. goods of density f the joint density of ``(s, r_1..r_{n-1})``
is ``J = s^(n-1) prod_i f(r_i s)`` (``r_n = 1 - sum r_i``), so

* on a product support ((0, oo) x simplex, i.e. f on [0, oo)) independence is equivalent to
  ``d^2/ds dr_i log J = 0`` for every i -- an identity proved by symmech's provers (e.g. Gamma(k, theta),
  exponential: Lukacs);
* otherwise a witness is searched: ``s < s'`` and ``c`` with ``Pr[r_1 >= c | s] > Pr[r_1 >= c | s']``
  (``{x : x_1 >= c}`` is an upper set), computed exactly by SymPy integration (n = 2).

Also: the density of the total (convolution), the optimal bundle price (closed form from the
first-order condition, a polynomial root as ``CRootOf`` where it is one) and its revenue, and the same
search for one good alone (``posted_price``; ``separate_sales`` = n goods each at that price).  The
integrals run under :mod:`symmech.tactics.budget`; a derivative SymPy cannot solve in closed form is a
:class:`BundlingError` naming it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp

from symmech.models.multigood.bundling import BundlingError
from symmech.tactics import budget


@dataclass
class IIDDensity:
    """n i.i.d. goods with density ``f(x)`` on ``[lo, hi]`` (``hi`` may be ``oo``), additive values.

    Validation (clear errors, nothing changed): f integrates to exactly 1 on the support, and is
    non-negative at sample points of the support.
    """

    f: sp.Expr
    x: sp.Symbol
    lo: sp.Expr = sp.Integer(0)
    hi: sp.Expr = sp.oo
    n: int = 2
    name: str = ""

    def __post_init__(self) -> None:
        self.f = sp.sympify(self.f)
        self.lo, self.hi = sp.sympify(self.lo), sp.sympify(self.hi)
        if self.n < 2:
            raise BundlingError("need at least two goods")
        free = self.f.free_symbols - {self.x}
        if free:
            raise BundlingError(f"the density has free symbols {sorted(map(str, free))}; give numbers")
        if not (self.lo.is_number and (self.hi is sp.oo or self.hi.is_number)) or self.lo < 0 or self.hi <= self.lo:
            raise BundlingError(f"support [{self.lo}, {self.hi}] must satisfy 0 <= lo < hi")
        for pt in self._sample_points():
            val = self.f.subs(self.x, pt)
            if val.is_real is False or sp.N(val, 30) < 0:
                raise BundlingError(f"negative density: f({pt}) = {val}")
        total = sp.simplify(sp.integrate(self.f, (self.x, self.lo, self.hi)))
        if sp.simplify(total - 1) != 0:
            raise BundlingError(f"density integrates to {total}, not 1")

    def _sample_points(self) -> list:
        top = self.lo + 4 if self.hi is sp.oo else self.hi
        return [self.lo + (top - self.lo) * sp.Rational(k, 16) for k in range(1, 16)]

    @property
    def product_support(self) -> bool:
        """Whether (s, r) has a product support: the goods' support is [0, oo)."""
        return self.lo == 0 and self.hi is sp.oo

    def joint(self) -> tuple[sp.Expr, sp.Symbol, tuple[sp.Symbol, ...]]:
        """``J(s, r_1..r_{n-1}) = s^(n-1) prod f(r_i s)`` (on the support), with its symbols."""
        s = sp.Symbol("s", positive=True)
        r = tuple(sp.Symbol(f"r_{i + 1}", positive=True) for i in range(self.n - 1))
        rn = 1 - sum(r)
        J = s ** (self.n - 1) * sp.Mul(*[self.f.subs(self.x, ri * s) for ri in r]) * self.f.subs(self.x, rn * s)
        return J, s, r

    def independence_residuals(self) -> list[sp.Expr]:
        """``d^2/ds dr_i log J`` for each i (all zero <=> J factorizes into a function of s times one of r)."""
        J, s, r = self.joint()
        L = sp.expand_log(sp.log(J), force=True)
        return [sp.diff(L, s, ri) for ri in r]

    # ---- the total and pure bundling ---------------------------------------------------------------

    def total_density(self) -> list[tuple[sp.Expr, sp.Expr, sp.Expr]]:
        """The density of s = sum of the n values as pieces ``(a, b, g(s))`` (exact convolution)."""
        s, y = sp.Symbol("s", positive=True), sp.Symbol("y", positive=True)
        x, f, lo, hi = self.x, self.f, self.lo, self.hi
        if self.hi is sp.oo:
            if self.lo != 0 and self.n > 2:
                raise BundlingError("n > 2 goods need support [0, oo) or n = 2 for the total's density")
            g = f.subs(x, y)
            for k in range(2, self.n + 1):
                g = sp.simplify(sp.integrate(f * g.subs(y, s - x), (x, lo, s - (k - 1) * lo)))
                g = g.subs(s, y)
            return [((self.n) * lo, sp.oo, g.subs(y, s))]
        if self.n != 2:
            raise BundlingError("bounded supports: the total's density is implemented for n = 2 goods")
        p1 = sp.simplify(sp.integrate(f * f.subs(x, s - x), (x, lo, s - lo)))
        p2 = sp.simplify(sp.integrate(f * f.subs(x, s - x), (x, s - hi, hi)))
        return [(2 * lo, lo + hi, p1), (lo + hi, 2 * hi, p2)]

    def bundle_price(self) -> "PriceAnswer":
        """The revenue-maximizing bundle price ``argmax P Pr[s >= P]`` and its revenue (exact where possible)."""
        return best_posted_price(self.total_density())

    def posted_price(self) -> "PriceAnswer":
        """One good alone: ``argmax p Pr[x >= p]`` and its revenue (exact where possible; the building block of
        selling separately)."""
        s = sp.Symbol("s", positive=True)
        return best_posted_price([(self.lo, self.hi, self.f.subs(self.x, s))])

    def separate_sales(self) -> "PriceAnswer":
        """Selling each of the n i.i.d. goods separately at its optimal posted price: the price of one good and
        ``n`` times its revenue (additive values, so the goods' sales do not interact)."""
        one = self.posted_price()
        return PriceAnswer(one.price, sp.simplify(self.n * one.revenue), one.how, one.candidates)


def best_posted_price(pieces) -> "PriceAnswer":
    """``argmax_P P Pr[s >= P]`` for a value s with density pieces ``(a, b, g(s))`` (``s`` the positive Symbol
    ``s``): candidates from the first-order condition on each piece (polynomial roots as ``CRootOf``, radicals
    when of degree <= 2) and the piece ends; the best by value at 50 digits, with its exact revenue."""
    s = sp.Symbol("s", positive=True)
    P = sp.Symbol("P", positive=True)
    tails = []
    acc = sp.Integer(0)
    for a, b, g in reversed(pieces):
        tails.append((a, b, g, acc))
        acc = acc + budget.integrate(g, (s, a, b))
    tails.reverse()
    cands = []
    for a, b, g, tail in tails:
        surv = sp.simplify(budget.integrate(g, (s, P, b)) + tail)
        R = sp.simplify(P * surv)
        dR = sp.simplify(sp.diff(R, P))
        num = sp.numer(sp.together(sp.simplify(dR * sp.exp(P)) if dR.has(sp.exp) else dR))
        num = sp.simplify(num)
        roots = []
        if num.is_polynomial(P):
            roots = [rt for rt in sp.Poly(num, P).real_roots()]
        else:
            sol = sp.solveset(dR, P, sp.Interval(a, b if b is not sp.oo else sp.oo))
            if not isinstance(sol, sp.FiniteSet):
                raise BundlingError(f"no closed-form critical points of P Pr[s >= P] on [{a}, {b}] (SymPy's solveset "
                                    f"returned a {type(sol).__name__})")
            roots = list(sol)
        for rt in roots:
            rt = sp.nsimplify(rt) if isinstance(rt, sp.Float) else rt
            inside = (sp.N(rt - a, 40) >= 0) and (b is sp.oo or sp.N(b - rt, 40) >= 0)
            if inside:
                cands.append((rt, R.subs(P, rt), "first-order condition"))
        if a.is_finite:
            cands.append((a, R.subs(P, a), "piece end"))
    best = max(cands, key=lambda c: sp.N(c[1], 50))
    price = _radical(best[0])
    return PriceAnswer(price, sp.simplify(best[1].subs(best[0], price)) if best[0] != price else
                       sp.simplify(best[1]), best[2], [(c[0], c[1]) for c in cands])


def _radical(rt):
    """A CRootOf of degree <= 2 as radicals (nicer); otherwise unchanged."""
    if isinstance(rt, sp.CRootOf) and sp.degree(rt.expr, rt.expr.free_symbols.pop()) <= 2:
        return sp.simplify(sorted(sp.solve(rt.expr), key=lambda z: sp.N(z, 50))[rt.index])
    return rt


@dataclass
class PriceAnswer:
    price: sp.Expr
    revenue: sp.Expr
    how: str
    candidates: list = field(default_factory=list)


@dataclass
class ConditionAnswer:
    """Thm. 1's condition on a density: ``status`` proved | refuted | undecided, with detail and witness."""

    status: str
    detail: str
    witness: dict | None = None
    #: the witness's numbers as exact SymPy values (the ``witness`` dict holds their strings)
    values: dict | None = None


def conditional_share_survival(dens: IIDDensity, s_val, c_val) -> sp.Expr:
    """``Pr[r_1 >= c | s]`` for n = 2 (exact SymPy integral over the share's conditional support)."""
    if dens.n != 2:
        raise BundlingError("the share-survival witness is implemented for n = 2 goods")
    J, s, (r,) = dens.joint()
    s_val, c_val = sp.nsimplify(s_val), sp.nsimplify(c_val)
    lo, hi = dens.lo, dens.hi
    rlo = sp.Max(lo / s_val, 1 - (hi / s_val if hi is not sp.oo else 1))
    rhi = sp.Min(1 - lo / s_val, hi / s_val if hi is not sp.oo else 1)
    Js = J.subs(s, s_val)
    den = sp.integrate(Js, (r, rlo, rhi))
    a = sp.Max(c_val, rlo)
    if sp.N(a - rhi, 30) >= 0:
        return sp.Integer(0)
    return sp.simplify(sp.integrate(Js, (r, a, rhi)) / den)


def share_condition(dens: IIDDensity, *, s_grid=None, c_grid=None) -> ConditionAnswer:
    """Decide Thm. 1's condition (shares independent of the total) for i.i.d. additive goods."""
    if dens.product_support:
        J, s, r = dens.joint()
        res = dens.independence_residuals()
        over = [(s, sp.Rational(1, 100), 100)] + [(ri, sp.Rational(1, 100), sp.Rational(99, 100) / (dens.n - 1))
                                                  for ri in r]
        ok = True
        for k, e in enumerate(res):
            v = Identity(f"share_independence_{k + 1}", lhs=e, rhs=0, over=over).check(Scope(), digits=30, samples=5)
            if v.status.value != "proved":   # only an exact proof covers the whole (unbounded) support
                ok = False
                break
        if ok:
            return ConditionAnswer("proved", "d^2/(ds dr_i) log J = 0 for every i (proved by symmech's provers) and "
                                   "the support of (s, r) is a product: the shares are independent of the total, "
                                   "hence stochastically constant (non-decreasing) in it")
    if dens.n != 2:
        return ConditionAnswer("undecided", "no independence proof, and the witness search is for n = 2 goods")
    top = dens.hi * 2 if dens.hi is not sp.oo else dens.lo * 2 + 8
    span = top - 2 * dens.lo
    s_grid = s_grid or [2 * dens.lo + span * sp.Rational(k, 8) for k in range(1, 8)]
    c_grid = c_grid or [sp.Rational(k, 12) for k in range(1, 12)]
    memo: dict = {}

    def surv(sv, c):
        if (sv, c) not in memo:
            memo[sv, c] = conditional_share_survival(dens, sv, c)
        return memo[sv, c]

    for i, s0 in enumerate(s_grid):
        for s1 in s_grid[i + 1:]:
            for c in c_grid:
                a, b = surv(s0, c), surv(s1, c)
                if sp.N(a - b, 40) > 0:
                    wit = {"s": str(s0), "s'": str(s1), "upper set": f"{{x : x_1 >= {c}}}",
                           "Pr[U | s]": str(a), "Pr[U | s']": str(b)}
                    exact = all(v.is_Rational for v in (a, b)) or sp.simplify(a - b).is_positive
                    return ConditionAnswer("refuted" if exact else "undecided",
                                           f"Pr[r_1 >= {c} | s = {s0}] = {a} > Pr[r_1 >= {c} | s = {s1}] = {b}"
                                           + ("" if exact else " (not exactly decided)"), wit,
                                           {"s": s0, "s'": s1, "Pr[U | s]": a, "Pr[U | s']": b})
    return ConditionAnswer("undecided", "no independence proof and no witness on the search grid")


from dataclasses import dataclass as _dc  # noqa: E402

from symmech.claims import Claim, Identity, Inequality
from symmech.kernel import rules as _rules  # noqa: E402
from symmech.kernel.verdict import Status as _Status  # noqa: E402
from symmech.kernel.verdict import Verdict as _Verdict
from symmech.tactics.scope import Scope
from symmech.tactics.scope import Scope as _Scope  # noqa: E402


@_dc
class ShareCondition(Claim):
    """Thm. 1's condition for i.i.d. additive goods with density ``density`` (an :class:`IIDDensity` or a
    zero-argument callable returning one): PROVED via the independence identities, REFUTED with an exact
    witness (two totals and an upper set whose conditional mass drops), else UNDECIDED."""

    density: object = None

    def check(self, scope: _Scope, *, digits: int = 50, samples: int = 9) -> _Verdict:
        d = self.density() if callable(self.density) else self.density
        ans = share_condition(d)
        method = "symbolic (independence identities) / exact conditional survival witness"
        if ans.status == "proved":
            return _rules.finite_exhaustion(ans.detail, method=method)
        status = _Status.REFUTED if ans.status == "refuted" else _Status.UNDECIDED
        return _Verdict(status, method, ans.detail, witness=ans.witness)


@_dc
class ProfileDensity:
    """A joint density ``g(s, r)`` of the base value s and a scalar relative value r (one proper bundle, or a
    one-dimensional profile) on the rectangle ``s_range x r_range`` (the conditional law of r given s is
    ``g(s, .) / int g(s, r) dr``).  Validated: non-negative at sample points, integral exactly 1."""

    g: sp.Expr
    s: sp.Symbol
    r: sp.Symbol
    s_range: tuple
    r_range: tuple = (0, 1)

    def __post_init__(self) -> None:
        self.g = sp.sympify(self.g)
        free = self.g.free_symbols - {self.s, self.r}
        if free:
            raise BundlingError(f"the density has free symbols {sorted(map(str, free))}; give numbers")
        (a, b), (c, d) = [tuple(map(sp.sympify, rg)) for rg in (self.s_range, self.r_range)]
        self.s_range, self.r_range = (a, b), (c, d)
        if not (0 < a < b) or not (0 <= c < d <= 1):
            raise BundlingError("need 0 < s_lo < s_hi and 0 <= r_lo < r_hi <= 1")
        for i in range(1, 8):
            for j in range(1, 8):
                pt = {self.s: a + (b - a) * sp.Rational(i, 8), self.r: c + (d - c) * sp.Rational(j, 8)}
                if sp.N(self.g.subs(pt), 30) < 0:
                    raise BundlingError(f"negative density: g{tuple(pt.values())} = {self.g.subs(pt)}")
        total = sp.simplify(sp.integrate(self.g, (self.r, c, d), (self.s, a, b)))
        if sp.simplify(total - 1) != 0:
            raise BundlingError(f"density integrates to {total}, not 1")

    def tp2_claim(self, cid: str = "tp2", **kw):
        """``d^2/(ds dr) log g >= 0`` on the rectangle (TP2 / monotone likelihood ratio: sufficient for r
        stochastically non-decreasing in s) as an :class:`~symmech.claims.Inequality` for symmech's provers."""
        S, R = sp.Symbol(f"{self.s}_"), sp.Symbol(f"{self.r}_")    # plain symbols: ranges carry the signs
        mixed = sp.factor(sp.cancel(sp.diff(sp.expand_log(sp.log(self.g), force=True), self.s, self.r)))
        return Inequality(cid, lhs=mixed.subs({self.s: S, self.r: R}), rel=">=", rhs=0,
                          over=[(S, *self.s_range), (R, *self.r_range)], **kw)

    def survival_derivative_claim(self, cid: str = "survival_derivative", **kw):
        """``d/ds Pr[r >= c | s] >= 0`` for all (s, c) in the rectangle (Def. 2 for a scalar r, directly) as an
        :class:`~symmech.claims.Inequality`."""
        c0, d0 = self.r_range
        S, C = sp.Symbol(f"{self.s}_"), sp.Symbol("c_")
        surv = sp.integrate(self.g, (self.r, C, d0)) / sp.integrate(self.g, (self.r, c0, d0))
        der = sp.factor(sp.cancel(sp.diff(surv.subs(self.s, S), S)))
        return Inequality(cid, lhs=der, rel=">=", rhs=0, over=[(S, *self.s_range), (C, c0, d0)], **kw)

    def conditional_survival(self, s_val, c_val) -> sp.Expr:
        """``Pr[r >= c | s]`` exactly."""
        c, d = self.r_range
        gs = self.g.subs(self.s, sp.nsimplify(s_val))
        lo = sp.Max(c, sp.nsimplify(c_val))
        return sp.simplify(sp.integrate(gs, (self.r, lo, d)) / sp.integrate(gs, (self.r, c, d)))


def profile_condition(dens: ProfileDensity) -> ConditionAnswer:
    """Thm. 1's condition for a scalar relative value: PROVED through d/ds Pr[r >= c | s] >= 0 (Def. 2 directly)
    or TP2 (sufficient), else REFUTED with an exact witness (two values of s and an upper set {r >= c})."""
    w = dens.survival_derivative_claim().check(Scope(), digits=30, samples=5)
    if w.status.value in ("proved", "certified"):
        return ConditionAnswer(w.status.value, "d/ds Pr[r >= c | s] >= 0 for every c (the conditional survival "
                               "functions increase in s: Def. 2 for a scalar r)")
    (a, b), (c, d) = dens.s_range, dens.r_range
    ss = [a + (b - a) * sp.Rational(k, 6) for k in range(0, 7)]
    cs = [c + (d - c) * sp.Rational(k, 8) for k in range(1, 8)]
    tab = {sv: {cv: dens.conditional_survival(sv, cv) for cv in cs} for sv in ss}
    for i, s0 in enumerate(ss):
        for s1 in ss[i + 1:]:
            for cv in cs:
                x0, x1 = tab[s0][cv], tab[s1][cv]
                if sp.N(x0 - x1, 40) > 0:
                    exact = (x0 - x1).is_positive or sp.simplify(x0 - x1).is_positive
                    return ConditionAnswer("refuted" if exact else "undecided",
                                           f"Pr[r >= {cv} | s = {s0}] = {x0} > Pr[r >= {cv} | s = {s1}] = {x1}",
                                           {"s": str(s0), "s'": str(s1), "upper set": f"{{r >= {cv}}}",
                                            "Pr[U | s]": str(x0), "Pr[U | s']": str(x1)},
                                           {"s": s0, "s'": s1, "Pr[U | s]": x0, "Pr[U | s']": x1})
    if w.status.value == "refuted":
        return ConditionAnswer("refuted", f"d/ds Pr[r >= c | s] < 0 somewhere: {w.detail[:300]}", w.witness)
    v = dens.tp2_claim().check(Scope(), digits=30, samples=5)
    if v.status.value in ("proved", "certified"):
        return ConditionAnswer(v.status.value, "d^2/(ds dr) log g >= 0 on the support (TP2, monotone likelihood "
                               "ratio): the conditional laws of r increase in s (likelihood-ratio order)")
    return ConditionAnswer("undecided", f"neither the survival-derivative inequality ({w.status.value}) nor TP2 "
                           f"({v.status.value}) was shown; no witness on the grid")
