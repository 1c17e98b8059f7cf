"""The bundling checker: point it at a joint law and ask "is pure bundling optimal, and why?".

Haghpanah and Hartline, 'When Is Pure Bundling Optimal?' (2020), Thm. 1.  Two kinds of input:

* a :class:`~symmech.models.multigood.bundling.FiniteLaw` (any valuations, exact rational masses):
  Thm. 1's condition decided exactly by monotone-coupling LPs (witness upper set when it fails),
  the optimal pure-bundling price(s) and revenue, and the exact menu LP optimum (all IC + IR lottery
  menus), so "pure bundling is optimal here" is decided two ways;
* an :class:`~symmech.models.multigood.bundling_density.IIDDensity` (n i.i.d. additive goods, a SymPy
  density): the condition proved (shares independent of the total) or refuted with an exact witness,
  the optimal bundle price and revenue in closed form, and the two-good menu LP on an N x N grid
  (float, a discretization: compared with pure bundling on the same grid law).

``check(obj)`` returns a :class:`BundlingReport`; ``symmech bundling ...`` prints it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import mpmath
import sympy as sp

from symmech.models.multigood.bundling import FiniteLaw
from symmech.models.multigood.bundling_density import IIDDensity, profile_condition, share_condition
from symmech.models.multigood.bundling_lp import optimal_revenue
from symmech.models.multigood.stochastic_order import stochastically_nondecreasing


@dataclass
class BundlingReport:
    """Answers for one law; ``condition`` is proved | certified | refuted | undecided."""

    condition: str
    condition_detail: str
    witness: dict | None
    price: object
    pb_revenue: object
    lp_revenue: object
    lp_detail: str
    pb_optimal_by_lp: bool | None
    extra: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        def s(v):
            if v is None:
                return None
            if isinstance(v, (list, tuple)):
                return [s(a) for a in v]
            return str(v)
        out = {"condition": self.condition, "condition_detail": self.condition_detail, "witness": self.witness,
               "price": s(self.price), "pb_revenue": s(self.pb_revenue), "lp_revenue": s(self.lp_revenue),
               "lp_detail": self.lp_detail, "pb_optimal_by_lp": self.pb_optimal_by_lp}
        for k, v in self.extra.items():
            out[k] = s(v)
        return out

    def lines(self) -> list[tuple[str, str]]:
        return [("Thm. 1 condition (shares / relative values stochastically non-decreasing in the base value)",
                 f"{self.condition}: {self.condition_detail}" + (f"; witness {self.witness}" if self.witness else "")),
                ("optimal pure-bundling price", _fmt(self.price)),
                ("pure-bundling revenue", _fmt(self.pb_revenue)),
                ("menu LP revenue (all IC + IR lottery menus)", f"{_fmt(self.lp_revenue)} ({self.lp_detail})"),
                ("pure bundling optimal by the LP", {True: "yes", False: "no", None: "not decided"}[self.pb_optimal_by_lp])]


def _fmt(v) -> str:
    if isinstance(v, (list, tuple)):
        return ", ".join(_fmt(a) for a in v)
    if isinstance(v, Fraction):
        return f"{v} (~{float(v):.10g})"
    if isinstance(v, sp.Basic):
        return f"{v} (~{sp.N(v, 20)})"
    return str(v)


def check_finite(law: FiniteLaw) -> BundlingReport:
    """Thm. 1's condition (exact), the best pure-bundling price/revenue and the exact menu LP optimum."""
    order = stochastically_nondecreasing(law.conditional_profiles())
    cond = {True: "proved", False: "refuted", None: "undecided"}[order.holds]
    pb, prices = law.best_pure_bundling()
    res = optimal_revenue(law)
    if res.certified:
        val = res.verify()
        lp_detail = f"exact, certified by weak duality; LP {res.lp.size[0]}x{res.lp.size[1]}"
        pb_opt = val == pb
    else:
        val, lp_detail, pb_opt = res.float_value, f"float only ({res.reason})", None
    return BundlingReport(cond, order.describe(), order.witness, list(prices), pb, val, lp_detail, pb_opt)


def grid_law(dens: IIDDensity, N: int = 10):
    """The N x N midpoint-grid discretization of two i.i.d. goods (cell masses by exact integration; float)."""
    if dens.n != 2:
        raise ValueError("the grid LP is for two goods")
    top = dens.hi if dens.hi is not sp.oo else _quantile_top(dens)
    h = (top - dens.lo) / N
    F = sp.lambdify(dens.x, dens.f, "mpmath")
    pts, masses = [], []
    for k in range(N):
        a, b = dens.lo + k * h, dens.lo + (k + 1) * h
        pts.append(float((a + b) / 2))
        masses.append(float(mpmath.quad(F, [float(a), float(b)])))
    tot = sum(masses)
    masses = [m / tot for m in masses]
    return pts, masses


def _quantile_top(dens: IIDDensity):
    top = sp.Integer(1)
    while True:
        tail = sp.N(sp.integrate(dens.f, (dens.x, top, sp.oo)), 20)
        if tail < 1e-3:
            return top
        top *= 2


def grid_menu_lp(dens: IIDDensity, N: int = 10) -> tuple[float, float]:
    """Two-good menu LP optimum (HiGHS, float) on the grid law, and the best pure bundling on the same law."""
    from symmech.tactics.lp.two_goods import best_response_two_goods

    pts, masses = grid_law(dens, N)
    atoms = [((a, b), ma * mb) for a, ma in zip(pts, masses) for b, mb in zip(pts, masses)]
    lp = best_response_two_goods(pts, atoms)
    totals = sorted({a + b for (a, b), _ in atoms})
    pb = max(P * sum(m for (a, b), m in atoms if a + b >= P - 1e-12) for P in totals)
    return lp.value, pb


def check_density(dens: IIDDensity, *, grid: int = 10) -> BundlingReport:
    """Thm. 1's condition on a density (proved / refuted with a witness), bundle price and revenue, grid LP."""
    cond = share_condition(dens)
    price = dens.bundle_price()
    lpv, pbg, detail, opt = None, None, "not computed", None
    if dens.n == 2 and grid:
        lpv, pbg = grid_menu_lp(dens, grid)
        detail = (f"float HiGHS LP on the {grid}x{grid} midpoint grid (a discretization); pure bundling on the "
                  f"same grid law: {pbg:.10g}")
        opt = None
    return BundlingReport(cond.status, cond.detail, cond.witness, price.price, price.revenue, lpv, detail, opt,
                          extra={"price_how": price.how})


def check(obj, **kw) -> BundlingReport:
    """Dispatch on the input: FiniteLaw or IIDDensity."""
    if isinstance(obj, FiniteLaw):
        return check_finite(obj)
    if isinstance(obj, IIDDensity):
        return check_density(obj, **kw)
    raise TypeError(f"expected a FiniteLaw or an IIDDensity, got {type(obj).__name__}")


def check_profile(dens) -> BundlingReport:
    """A joint density g(s, r) of the base value and a scalar relative value: the condition (TP2 proof or an
    exact witness) and the optimal bundle price / revenue from the marginal of s (closed form where SymPy finds
    the critical points).  No menu LP (a continuum of types)."""
    cond = profile_condition(dens)
    s, r, P = dens.s, dens.r, sp.Symbol("P", positive=True)
    (a, b), (c, d) = dens.s_range, dens.r_range
    fs = sp.integrate(dens.g, (r, c, d))
    R = sp.simplify(P * sp.integrate(fs, (s, P, b)))
    cands = [a, b] + [x for x in sp.solveset(sp.diff(R, P), P, sp.Interval(a, b)) if x.is_real]
    best = max(cands, key=lambda x: sp.N(R.subs(P, x), 50))
    return BundlingReport(cond.status, cond.detail, cond.witness, best, sp.simplify(R.subs(P, best)), None,
                          "no menu LP for a continuum of types", None)
