"""The bundling checker: point it at a joint law and ask "is pure bundling optimal, and why?".

Haghpanah and Hartline, 'When Is Pure Bundling Optimal?' (2020), Thm. 1 and Prop. 1.  Two kinds of input:

* a :class:`~symmech.models.multigood.bundling.FiniteLaw` (any valuations, exact rational masses):
  Thm. 1's condition decided exactly by monotone-coupling LPs (witness upper set when it fails), the
  optimal pure-bundling price(s) and revenue, selling separately (exact item prices), and the exact menu
  LP optimum (all IC + IR lottery menus), so "pure bundling is optimal here" is decided two ways; when it
  is not, the LP's menu (IC/IR rechecked in Fractions) beats it.  Prop. 1 (every prior on the support):
  the ratio condition between support types, and when it fails the witness with the largest eps_max;
* an :class:`~symmech.models.multigood.bundling_density.IIDDensity` (n i.i.d. additive goods, a SymPy
  density): the condition proved (shares independent of the total) or refuted with an exact witness,
  the optimal bundle price and revenue and selling separately in closed form, and for two goods the
  optimal revenue bracketed on a grid (:mod:`~symmech.models.multigood.bundling_grid`: a relaxation LP
  above, a menu's revenue on the true law below; the width is the discretization error bound).  A
  grid value is never compared with pure bundling on its own: "a menu beats pure bundling" needs the
  lower end of the bracket (a real menu on the true law) above the exact pure-bundling revenue.

``check(obj)`` returns a :class:`BundlingReport`; ``symmech bundling ...`` prints it.  In ``to_json``
every exact number is an object with its exact form (``exact``, ``latex``, ``srepr``) and a decimal value
(``decimal``, ``digits`` significant digits, SymPy's mpmath-based ``evalf``): :func:`number_json`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import sympy as sp

from symmech.models.multigood.bundling import BundlingError, FiniteLaw, fmt_bundle
from symmech.models.multigood.bundling_density import (
    ConditionAnswer,
    IIDDensity,
    profile_condition,
    share_condition,
)
from symmech.models.multigood.bundling_lp import optimal_revenue
from symmech.models.multigood.bundling_sales import separate_sales
from symmech.models.multigood.bundling_witness import (
    Prop1Answer,
    lp_menu,
    prop1_witness,
)
from symmech.models.multigood.stochastic_order import stochastically_nondecreasing

#: significant digits of the decimal value given with every exact number in JSON
DIGITS = 30
#: seconds for one decimal evaluation (a budget: an expression SymPy cannot evaluate in time gets none)
EVALF_SECONDS = 10.0


def number_json(v, digits: int = DIGITS):
    """An exact number as ``{"exact", "latex", "srepr", "decimal", "digits"}``; floats stay JSON numbers, None
    stays None, lists are mapped, and a string that is an exact rational (``"4/5"``) is read as one."""
    from symmech.tactics.budget import within_budget

    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, float):
        return v
    if isinstance(v, (list, tuple)):
        return [number_json(a, digits) for a in v]
    if isinstance(v, dict):
        return {k: number_json(a, digits) for k, a in v.items()}
    if isinstance(v, str):
        try:
            v = Fraction(v)
        except ValueError:
            return v
    if isinstance(v, Fraction):
        e = sp.Rational(v.numerator, v.denominator)
    elif isinstance(v, int):
        e = sp.Integer(v)
    elif isinstance(v, sp.Basic):
        e = v
    else:
        return str(v)
    dec = within_budget(lambda: sp.N(e, digits), EVALF_SECONDS)
    out = {"exact": str(e), "latex": sp.latex(e), "srepr": sp.srepr(e),
           "decimal": str(dec) if dec is not None and dec.is_Number else None, "digits": digits}
    if out["decimal"] is None:
        out["decimal_note"] = f"no decimal value within {EVALF_SECONDS:g} s"
    return out


def _menu_json(menu) -> list[dict]:
    return [{"lottery": {fmt_bundle(b): number_json(p) for b, p in it.lottery.items() if p},
             "price": number_json(it.price)} for it in menu.items]


@dataclass
class BundlingReport:
    """Answers for one law; ``condition`` is proved | certified | refuted | undecided.

    ``lp_revenue`` is the exact menu-LP optimum (finite laws); for densities it is None and ``bracket``
    holds the grid bracket of the optimum.  ``beating_menu`` is a mechanism that earns more than pure
    bundling (None when none is known), ``prop1`` Prop. 1's answer on a finite support."""

    condition: str
    condition_detail: str
    witness: dict | None
    price: object
    pb_revenue: object
    lp_revenue: object
    lp_detail: str
    pb_optimal_by_lp: bool | None
    extra: dict = field(default_factory=dict)
    witness_values: dict | None = None
    ss_revenue: object = None
    ss_prices: object = None
    ss_detail: str = "not computed"
    bracket: object = None
    bracket_detail: str = ""
    beating_menu: dict | None = None
    prop1: Prop1Answer | None = None
    pb_verdict: str = ""

    def to_json(self) -> dict:
        wit = self.witness
        if wit is not None:
            wit = {k: number_json(self.witness_values[k]) if self.witness_values and k in self.witness_values
                   else number_json(v) for k, v in wit.items()}
        out = {"condition": self.condition, "condition_detail": self.condition_detail, "witness": wit,
               "price": number_json(self.price), "pb_revenue": number_json(self.pb_revenue),
               "separate_sales": {"revenue": number_json(self.ss_revenue), "prices": number_json(self.ss_prices),
                                  "detail": self.ss_detail},
               "lp_revenue": number_json(self.lp_revenue), "lp_detail": self.lp_detail,
               "optimal_revenue": self._optimal_json(),
               "pb_optimal_by_lp": self.pb_optimal_by_lp, "pure_bundling_optimal": self.pb_verdict,
               "beats_pure_bundling": self.beating_menu, "prop1": _prop1_json(self.prop1)}
        for k, v in self.extra.items():
            out[k] = number_json(v) if not isinstance(v, str) else v
        return out

    def _optimal_json(self) -> dict | None:
        if self.bracket is not None:
            b = self.bracket
            return {"kind": "grid bracket (floating point)", "lower": b.lower, "upper": b.upper, "width": b.width,
                    "tolerance": b.tol, "tolerance_met": b.met, "grid": b.N, "truncated_at": b.top,
                    "tail_mass": b.tail_mass, "tail_revenue_bound": b.tail_revenue, "lp_value": b.lp_value,
                    "quadrature_error": b.quad_error, "detail": b.describe(),
                    "refinements": [{"grid": n, "lower": lo, "upper": up, "seconds": s} for n, lo, up, s in b.history]}
        if self.lp_revenue is not None:
            return {"kind": "exact LP" if isinstance(self.lp_revenue, Fraction) else "float LP",
                    "value": number_json(self.lp_revenue), "detail": self.lp_detail}
        return {"kind": "not computed", "detail": self.bracket_detail or self.lp_detail}

    def lines(self) -> list[tuple[str, str]]:
        out = [("Thm. 1 condition (shares / relative values stochastically non-decreasing in the base value)",
                f"{self.condition}: {self.condition_detail}" + (f"; witness {self.witness}" if self.witness else "")),
               ("optimal pure-bundling price", _fmt(self.price) if self.price is not None
                else str(self.extra.get("price_how", "not computed"))),
               ("pure-bundling revenue", _fmt(self.pb_revenue)),
               ("separate-sales revenue (each good at its optimal posted price)",
                (f"{_fmt(self.ss_revenue)} at prices {_fmt(self.ss_prices)} ({self.ss_detail})"
                 if self.ss_revenue is not None else self.ss_detail))]
        if self.bracket is not None:
            out.append(("optimal revenue (grid LP bracket: a grid approximation, not an exact value)",
                        self.bracket.describe()))
        elif self.lp_revenue is not None:
            out.append(("optimal revenue (menu LP over all IC + IR lottery menus)",
                        f"{_fmt(self.lp_revenue)} ({self.lp_detail})"))
        else:
            out.append(("optimal revenue", self.bracket_detail or self.lp_detail))
        out.append(("pure bundling optimal", self.pb_verdict or
                    {True: "yes (by the LP)", False: "no (by the LP)", None: "not decided"}[self.pb_optimal_by_lp]))
        if self.beating_menu is not None:
            out.append(("a menu that beats pure bundling", self.beating_menu["detail"]))
        if self.prop1 is not None:
            p = self.prop1
            ans = f"{p.status}: {p.detail}"
            if p.witness is not None:
                ans += f"; eps_max = {p.witness.eps_max} (~{float(p.witness.eps_max):.10g}); witness: {p.witness.describe()}"
            out.append((("Prop. 1 (pure bundling optimal for every prior on this support iff v(b,t)/v(b*,t) is "
                         "non-decreasing)"), ans))
        return out


def _prop1_json(p: Prop1Answer | None) -> dict | None:
    if p is None:
        return None
    out = {"status": p.status, "detail": p.detail, "eps_max": None, "witness": None}
    w = p.witness
    if w is not None:
        out["eps_max"] = number_json(w.eps_max)
        out["witness"] = {"bundle": fmt_bundle(w.bundle), "t": number_json(w.t), "t_high": number_json(w.t_high),
                          "v_b_t": number_json(w.low.values[w.bundle]), "v_b_t_high": number_json(w.high.values[w.bundle]),
                          "prior": {"t": number_json(w.prior.probs[0]), "t_high": number_json(w.prior.probs[1])},
                          "menu": _menu_json(w.menu), "revenue": number_json(w.revenue),
                          "pb_revenue": number_json(w.pb_revenue), "lp_revenue": number_json(w.lp_revenue),
                          "ic_ir_exact": w.check.ok, "ic_ir_detail": w.check.detail,
                          "binding_at_eps_max": w.binding, "violating_pairs": w.violations,
                          "detail": w.describe()}
    return out


def _fmt(v) -> str:
    if v is None:
        return "not computed"
    if isinstance(v, (list, tuple)):
        return ", ".join(_fmt(a) for a in v)
    if isinstance(v, Fraction):
        return f"{v} (~{float(v):.10g})"
    if isinstance(v, sp.Basic):
        return f"{v} (~{sp.N(v, 20)})"
    return str(v)


def check_finite(law: FiniteLaw) -> BundlingReport:
    """Thm. 1's condition (exact), pure bundling, selling separately, the exact menu LP optimum (with its menu
    when it beats pure bundling) and Prop. 1 on the support (eps_max and the witness)."""
    order = stochastically_nondecreasing(law.conditional_profiles())
    cond = {True: "proved", False: "refuted", None: "undecided"}[order.holds]
    pb, prices = law.best_pure_bundling()
    res = optimal_revenue(law)
    beat = None
    if res.certified:
        val = res.verify()
        lp_detail = f"exact, certified by weak duality; LP {res.lp.size[0]}x{res.lp.size[1]}"
        pb_opt = val == pb
        if not pb_opt:
            m = lp_menu(law, res)
            beat = {"how": "the exact LP optimum as a menu of lotteries", "menu": _menu_json(m.menu),
                    "revenue": number_json(m.revenue), "pb_revenue": number_json(pb), "ic_ir_exact": m.check.ok,
                    "revenue_equals_lp": m.revenue == val,
                    "detail": f"the LP optimum as a menu: {m.describe()} > pure bundling {pb}; {m.check.detail}"
                              + ("" if m.revenue == val else f"; WARNING: the menu earns {m.revenue}, not LP* = {val}")}
        verdict = {True: "yes: the exact LP optimum equals the best pure-bundling revenue",
                   False: f"no: the exact LP optimum {val} exceeds the best pure-bundling revenue {pb}"}[pb_opt]
    else:
        val, lp_detail, pb_opt = res.float_value, f"float only ({res.reason})", None
        verdict = "not decided (no exact LP certificate)"
    ss = separate_sales(law)
    return BundlingReport(cond, order.describe(), order.witness, list(prices), pb, val, lp_detail, pb_opt,
                          ss_revenue=ss.revenue, ss_prices=list(ss.prices) if ss.prices else None, ss_detail=ss.how,
                          beating_menu=beat, prop1=prop1_witness(law), pb_verdict=verdict)


def grid_law(dens: IIDDensity, N: int = 10, tail_tol: float = 1e-3):
    """The N x N midpoint-grid discretization of two i.i.d. goods on ``[lo, T]`` (T: the support's top, or the
    truncation point of :func:`~symmech.models.multigood.bundling_grid.truncation_top`); cell masses by
    quadrature, renormalized (float).  A discretized *law*: its LP optimum is not an estimate of the continuum
    optimum with any error bound (use :func:`~symmech.models.multigood.bundling_grid.grid_bracket` for that)."""
    import mpmath

    from symmech.models.multigood.bundling_grid import _marginal, truncation_top

    if dens.n != 2:
        raise ValueError("the grid LP is for two goods")
    top = truncation_top(_marginal(dens), tail_tol)
    lo = float(dens.lo)
    h = (top - lo) / N
    F = sp.lambdify(dens.x, dens.f, "mpmath")
    pts, masses = [], []
    for k in range(N):
        a, b = lo + k * h, lo + (k + 1) * h
        pts.append((a + b) / 2)
        masses.append(float(mpmath.quad(F, [a, b])))
    tot = sum(masses)
    return pts, [m / tot for m in masses]


def grid_menu_lp(dens: IIDDensity, N: int = 10) -> tuple[float, float]:
    """Two-good menu LP optimum (HiGHS, float) on the midpoint grid law, and the best pure bundling on the same
    law (the spec's R3 grid numbers; not a bound on the continuum optimum)."""
    from symmech.tactics.lp.two_goods import best_response_two_goods

    pts, masses = grid_law(dens, N)
    atoms = [((a, b), ma * mb) for a, ma in zip(pts, masses) for b, mb in zip(pts, masses)]
    lp = best_response_two_goods(pts, atoms)
    totals = sorted({a + b for (a, b), _ in atoms})
    pb = max(P * sum(m for (a, b), m in atoms if a + b >= P - 1e-12) for P in totals)
    return lp.value, pb


#: seconds for each symbolic step of a density's report (the condition, the bundle price, separate sales)
SYMBOLIC_SECONDS = 120.0

#: the lower end of the bracket (its quadrature error already subtracted) must exceed pure bundling by this much
#: before the report says a menu beats pure bundling
BEAT_MARGIN = 1e-9


def check_density(dens: IIDDensity, *, grid: int = 40, tol: float = 1e-2, tail_tol: float = 1e-3) -> BundlingReport:
    """Thm. 1's condition on a density (proved / refuted with a witness), bundle price and revenue, selling
    separately, and for two goods the grid bracket of the optimal revenue (``grid``: the largest N, 0 = skip)."""
    from symmech.models.multigood.bundling_grid import GridError, grid_bracket
    from symmech.tactics.budget import BudgetExceeded, within_budget

    cond = within_budget(lambda: share_condition(dens), SYMBOLIC_SECONDS)
    if cond is None:
        cond = ConditionAnswer("undecided", f"the condition's symbolic check did not finish within "
                               f"{SYMBOLIC_SECONDS:g} s")
    price = ss = None
    why = "not computed"
    try:                                  # e.g. no closed-form critical point: said in the report, never a traceback
        price = within_budget(dens.bundle_price, SYMBOLIC_SECONDS)
        ss = within_budget(dens.separate_sales, SYMBOLIC_SECONDS) if price is not None else None
        if price is None or ss is None:
            why = f"not computed: the closed-form price search did not finish within {SYMBOLIC_SECONDS:g} s"
    except (BundlingError, BudgetExceeded) as exc:
        price = ss = None
        msg = str(exc)
        why = f"not computed: {msg if len(msg) <= 240 else msg[:160] + ' ... ' + msg[-70:]}"
    pbv = float(sp.N(price.revenue, 30)) if price is not None else None
    bracket, bdetail, beat, pb_opt = None, "not computed", None, None
    if dens.n != 2:
        bdetail = "not computed: the grid bracket is for two goods"
    elif grid:
        try:
            bracket = grid_bracket(dens, max_grid=grid, tol=tol, tail_tol=tail_tol)
        except GridError as exc:
            bdetail = f"not computed: {exc}"
    else:
        bdetail = "not computed (--grid 0)"
    if bracket is not None and pbv is not None and bracket.lower > pbv + BEAT_MARGIN:
        pb_opt = False
        items = "; ".join(f"({a:.6g}, {b:.6g}) at {p:.8g}" for a, b, p in bracket.menu)
        beat = {"how": "the grid LP's menu of lotteries (marginal probabilities of goods 1 and 2, price), revenue "
                       "computed on the true law by quadrature over its choice regions (floating point)",
                "menu": [{"q1": a, "q2": b, "price": p} for a, b, p in bracket.menu],
                "revenue": bracket.lower, "pb_revenue": number_json(price.revenue),
                "detail": f"menu [{items}] earns at least {bracket.lower:.8f} on the true law (quadrature error "
                          f"included) > pure bundling {pbv:.8f}"}
    if cond.status == "proved":
        verdict = "yes: Thm. 1's condition is proved (pure bundling is optimal at the price above)"
        if bracket is not None and pbv is not None:
            verdict += (f"; the grid bracket agrees: pure bundling {pbv:.8f} lies in [{bracket.lower:.8f}, "
                        f"{bracket.upper:.8f}]" if bracket.lower <= pbv + BEAT_MARGIN and pbv <= bracket.upper + BEAT_MARGIN
                        else f"; INCONSISTENT with the grid bracket [{bracket.lower:.8f}, {bracket.upper:.8f}]")
    elif pb_opt is False:
        verdict = (f"no: a menu earns at least {bracket.lower:.8f} > pure bundling {pbv:.8f} on the true law (the lower "
                   f"end of the grid bracket: a real mechanism, floating-point quadrature)")
    elif bracket is not None and pbv is not None:
        verdict = (f"not decided: pure bundling {pbv:.8f} lies in the grid bracket [{bracket.lower:.8f}, "
                   f"{bracket.upper:.8f}] (a finer grid may decide)")
    else:
        verdict = "not decided"
    return BundlingReport(cond.status, cond.detail, cond.witness, price.price if price else None,
                          price.revenue if price else None,
                          None, "no exact LP for a continuum of types; see the grid bracket", pb_opt,
                          extra={"price_how": price.how if price else why}, witness_values=cond.values,
                          ss_revenue=ss.revenue if ss else None, ss_prices=[ss.price] * dens.n if ss else None,
                          ss_detail=(f"{dens.n} i.i.d. goods, each at the same optimal posted price ({ss.how})" if ss
                                     else why),
                          bracket=bracket, bracket_detail=bdetail, beating_menu=beat, pb_verdict=verdict)


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
    the critical points).  No menu LP (a continuum of types) and no separate sales (the goods' values are not
    given)."""
    cond = profile_condition(dens)
    s, r, P = dens.s, dens.r, sp.Symbol("P", positive=True)
    (a, b), (c, d) = dens.s_range, dens.r_range
    fs = sp.integrate(dens.g, (r, c, d))
    R = sp.simplify(P * sp.integrate(fs, (s, P, b)))
    cands = [a, b] + [x for x in sp.solveset(sp.diff(R, P), P, sp.Interval(a, b)) if x.is_real]
    best = max(cands, key=lambda x: sp.N(R.subs(P, x), 50))
    return BundlingReport(cond.status, cond.detail, cond.witness, best, sp.simplify(R.subs(P, best)), None,
                          "no menu LP for a continuum of types", None, witness_values=cond.values,
                          ss_detail="not computed: a density of (s, r) does not give the goods' separate values",
                          bracket_detail="not computed: no menu LP for a continuum of types (s, r)")
