"""The mathematics behind several-bidder files: worst cases and max-min values, each with the claims that prove
it, the laws of nature (in the ambiguity set) that attain or approach it and the mechanisms that guarantee it.

Markov set (any correlation, ``E v_i = mu`` or ``>= mu`` on ``[0, 1]^I``; Koçyiğit (2020), Ch. 1, Sec. 1.5):

* second-price auction with reserve ``r``: Props. 1.5.5-1.5.7 -- a dual certificate ``Rev(v) >= lam + sigma sum v_i``
  (decided exactly on the cells of ``symmech.models.auctions.checks``) and nature's laws ``Q^(1)``,
  ``Q^(2)_eps``, ``Q^(3)_eps`` (or the Dirac law at ``mu e`` when ``r > mu``);
* the best reserve (Thm. 1.5.2): the worst case at ``r*`` plus, for every reserve ``rho``, a law holding it to
  at most ``z*``;
* the optimal highest-bidder lottery (Thm. 1.5.3): its certificate (1.31) and the Dirac law at ``mu e`` (value
  ``r``, ``r (I - log r) = I mu``); no highest-bidder lottery earns more against the limit law of Thm. 1.7.1
  (the winner, uniform among the bidders, has tail ``P(v >= x) = r/x`` on ``[r, 1]``, the others have value ``r``):
  with the others at ``r`` a lottery is a mixture of thresholds ``p >= r`` for the winner (envelope payments,
  ex-post IR), and a threshold earns ``p r/p = r``;
* every mechanism: at least the lottery's ``r``, at most ``mu`` (the Dirac law at ``mu e``; ex-post IR caps the
  revenue by ``max_i v_i``).  The exact value is open (spec 003, C2: it exceeds ``r``).

The i.i.d. set (independent values with one unknown common marginal) is :mod:`.auction_iid`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import sympy as sp

from symmech.claims import Identity, Inequality
from symmech.models.auctions import HighestBidderLottery, SecondPriceAuction, expected_revenue, hbl_parameters
from symmech.models.auctions.checks import a_, b_, cone_cells, t_
from symmech.models.regret.claims import ExactCheck
from .exact import compare

__all__ = [
    "Analysis",
    "all_mechanisms",
    "hbl_class",
    "hbl_worst_case",
    "markov_spa",
    "markov_spa_class",
    "spa_law_revenue",
]

SOURCE = "Koçyiğit, 'Distributional Robustness in Mechanism Design' (2020), Ch. 1"
eps, rho, g, x = sp.symbols("epsilon rho g x", real=True)


@dataclass
class Analysis:
    """A worst case (of a mechanism) or a max-min value (over a class): proved bounds ``lower <= upper`` (equal
    when exact), the claims that prove them, and what shows each end."""

    what: str
    lower: sp.Expr
    upper: sp.Expr
    parts: list = field(default_factory=list)
    lower_how: str = ""
    upper_how: str = ""
    attained: bool = True
    why: str = ""                                       # why the bounds differ
    certificate: dict | None = None                     # the lower end of a worst case, as data
    law_below: Callable | None = None                   # V -> (a law in the set earning < V, its revenue) or None
    mechanism: dict | None = None                       # the mechanism guaranteeing the lower end (class values)
    nature: dict | None = None                          # what caps the upper end (class values)
    source: str = SOURCE
    uses: list = field(default_factory=list)            # analyses whose claims this one rests on (proved once)

    @property
    def exact(self) -> bool:
        return compare(self.lower, self.upper, 40).equal


def _sign(a, b) -> int | None:
    """The rigorous sign of ``a - b`` (None if not decided rigorously)."""
    c = compare(a, b, 40)
    return c.sign if c.rigorous else None


def _le(a, b) -> bool:
    s = _sign(a, b)
    return s is not None and s <= 0


def nice(e) -> sp.Expr:
    """``e`` in a short exact form: SymPy simplification under a 5 s budget, kept only when it is shown equal to
    ``e`` (exact arithmetic or a simplification to 0); ``e`` itself otherwise.  (Never ``nsimplify``: it may
    guess a different number.)"""
    from .exact import budgeted
    out = budgeted(lambda: sp.simplify(sp.expand(e)) if not sp.sympify(e).has(sp.LambertW) else sp.simplify(e),
                   5.0, None)
    return out if out is not None and compare(out, e, 40).equal else sp.sympify(e)


def _spa_cells(r, I):
    return cone_cells(r, I, lambda a, b: 0, lambda a, b: r, lambda a, b: b)


def _rational_rows(rows) -> bool:
    return all(sp.sympify(a).is_Rational and sp.sympify(b).is_Rational for _, a, _r, b in rows)


def _holds(a, rel, b) -> bool:
    a, b = sp.Rational(a), sp.Rational(b)
    return a == b if rel == "==" else (a >= b if rel == ">=" else a > b)


def constants(id_: str, rows: list, source: str = SOURCE, statement: str = "") -> list:
    """Claims that constants compare as stated (rows ``(name, lhs, rel, rhs)``, ``rel`` in ``==``, ``>=``, ``>``):
    one exact finite check in rational arithmetic when every number is rational (kernel rule finite-exhaustion),
    else one Identity/Inequality claim per row (the core provers)."""
    if _rational_rows(rows):
        def compute(rows=tuple(rows)):
            bad = [f"{n}: {a} {r} {b} fails" for n, a, r, b in rows if not _holds(a, r, b)]
            return (not bad), ("; ".join(bad) if bad else f"{len(rows)} exact rational comparisons hold")
        return [ExactCheck(id_, compute=compute, source=source,
                           statement=statement or rf"\text{{{len(rows)} exact rational comparisons}}")]
    out = []
    for n, a, r, b in rows:
        if r == "==":
            out.append(Identity(f"{id_}.{n}", lhs=a, rhs=b, source=source))
        else:
            out.append(Inequality(f"{id_}.{n}", lhs=a, rel=r, rhs=b, source=source))
    return out


#: placeholders for the reserve (or the lottery's r) and sigma*: vertex residuals are expanded in them first
R_, S_ = sp.symbols("R_reserve S_sigma", positive=True)


def _cert(id_: str, cells, lam, sigma, I, mu, value, rel, values: dict | None = None) -> list:
    """``Rev >= lam + sigma sum v_i`` on [0, 1]^I, so ``E Rev >= lam + I sigma mu = value`` for every law with the
    means (``sigma >= 0`` also for ``E v_i >= mu``).  Decided at the vertices of the cells (the residual is affine
    on each cell, checked).  ``cells``, ``lam`` and ``sigma`` may use the placeholders ``R_``, ``S_`` (``values``
    maps them to numbers): each vertex residual is expanded in them before the numbers go in, so a tight vertex
    is an exact 0.  All rational: one exact finite check; else one claim per distinct non-zero residual."""
    values = values or {}
    lam, sigma = sp.sympify(lam), sp.sympify(sigma)
    num = lambda e: sp.sympify(e).subs(values)
    rows, residuals = [], []
    for c in cells:
        res = c.revenue(a_, b_) - lam - sigma * (a_ + b_ + t_)
        if any(sp.simplify(sp.diff(res, u, w)) != 0 for u in (a_, b_, t_) for w in (a_, b_, t_)):
            raise ValueError(f"revenue on cell {c.name} is not affine: the vertex test does not apply")
        for j, (a, b, t) in enumerate(c.vertices):
            lhs = sp.sympify(c.revenue(a_, b_)).subs({a_: a, b_: b})
            rhs = lam + sigma * (sp.sympify(a) + b + t)
            rows.append((f"{c.name}.v{j}", num(lhs), ">=", num(rhs)))
            residuals.append((f"{c.name}.v{j}", sp.expand(lhs - rhs)))
    tail = [("certificate_value", num(lam + I * sigma * mu), "==", value)]
    if rel == ">=":
        tail.append(("certificate_sigma_nonneg", num(sigma), ">=", 0))
    if _rational_rows(rows + tail):
        return constants(f"{id_}.certificate", rows + tail, statement=r"\mathrm{Rev}(v) \ge \lambda + \sigma\sum_j "
                         r"v_j \text{ at every cell vertex, and } \lambda + I\sigma\mu = \text{value}")
    zero = [(n, d) for n, d in residuals if d == 0]
    distinct: dict = {}
    for n, d in residuals:
        if d != 0:
            distinct.setdefault(d, n)
    parts = []
    if zero:
        def compute(zero=tuple(zero)):
            bad = [n for n, d in zero if sp.expand(d) != 0]
            return (not bad), (f"not tight: {bad}" if bad else f"{len(zero)} tight vertices: the residual expands to 0")
        parts.append(ExactCheck(f"{id_}.certificate.tight_vertices", compute=compute, source=SOURCE,
                                statement=r"\mathrm{Rev}(v) = \lambda + \sigma\sum_j v_j \text{ at the tight vertices}"))
    parts += [Inequality(f"{id_}.certificate.{n}", lhs=num(d), rel=">=", rhs=0, source=SOURCE,
                         statement=r"\mathrm{Rev}(v) - \lambda - \sigma\sum_j v_j \ge 0 \text{ at vertex "
                                   + n.replace("_", r"\_") + "}")
              for d, n in distinct.items()]
    parts += [Identity(f"{id_}.{n}", lhs=a, rhs=b, source=SOURCE) if r_ == "==" else
              Inequality(f"{id_}.{n}", lhs=a, rel=r_, rhs=b, source=SOURCE) for n, a, r_, b in tail]
    return parts


def _dirac(I, mu) -> dict:
    return {tuple([mu] * I): sp.Integer(1)}


def _law_json(law: dict, I, revenue, claimed=None) -> dict:
    """A finite law on profiles as data, with its exact means (checked: in the set) and revenue."""
    means = [sp.Add(*[w * v[i] for v, w in law.items()]) for i in range(I)]
    return {"kind": "law in the Markov set (values in [0, 1]^I, any correlation)",
            "atoms": [{"profile": [str(c) for c in v], "weight": str(w),
                       "weight_decimal": str(sp.N(w, 20))} for v, w in law.items() if w != 0],
            "means": [str(sp.simplify(m)) for m in means], "revenue": str(revenue),
            "revenue_decimal": str(sp.N(revenue, 30)), **({"claimed": str(claimed)} if claimed is not None else {})}


def in_markov_set(law: dict, I, mu, rel) -> bool:
    """Exact membership of a finite law (weights >= 0 summing to 1, profiles in [0, 1]^I, means rel mu)."""
    if any(_sign(w, 0) not in (0, 1) for w in law.values()) or not compare(sp.Add(*law.values()), 1, 40).equal:
        return False
    for v in law:
        if len(v) != I or any(_sign(c, 0) == -1 or _sign(c, 1) == 1 for c in v):
            return False
    for i in range(I):
        m = sp.Add(*[w * v[i] for v, w in law.items()])
        s = _sign(m, mu)
        ok = compare(m, mu, 40).equal if rel == "==" else (s is not None and s >= 0)
        if not ok:
            return False
    return True


def spa_law_revenue(I, r, law: dict) -> sp.Expr:
    """The second-price auction's expected revenue under a finite law (the library's revenue function)."""
    return nice(expected_revenue(SecondPriceAuction(I, r), law))


def _below(make_law: Callable, revenue_of: Callable, r, xmin, target) -> tuple | None:
    """The first law ``make_law(x)`` earning strictly less than ``target``, for rational ``x`` in ``[xmin, r)``
    approaching ``r`` (``x = (ceil(r 2^k) - 1)/2^k``): exact rational laws even when ``r`` is irrational."""
    r = sp.sympify(r)
    for k in (1, 2, 4, 8, 12, 16, 20, 24, 32, 40, 48, 56, 64, 80, 96, 128, 160, 200, 256, 320, 400):
        xk = (sp.ceiling(r * 2**k) - 1) / sp.Integer(2)**k
        if _sign(xk, xmin) == -1 or _sign(xk, r) != -1:
            continue
        law = make_law(xk)
        rev = revenue_of(law)
        if _sign(rev, target) == -1:
            return law, rev
    return None


# --------------------------------------------------------------------------------------------------
# Markov set: second-price auction with reserve r
# --------------------------------------------------------------------------------------------------
def markov_spa(I: int, mu, r, rel: str) -> Analysis:
    """The worst-case revenue of the second-price auction with reserve ``r`` over the Markov set (Props. 1.5.5-1.5.7)."""
    I_, A = sp.Integer(I), (I * mu - 1) / sp.Integer(I - 1)
    what = f"worst-case revenue of the second-price auction with reserve {r} (Markov set)"
    cells, at_r = _spa_cells(R_, I), {R_: r}
    rev = lambda law: spa_law_revenue(I, r, law)
    if _sign(r, mu) == 1:
        law = _dirac(I, mu)
        R = rev(law)
        parts = _cert("spa", cells, 0, 0, I, mu, 0, rel, at_r) + constants("spa.dirac", [("revenue", R, "==", 0)])
        return Analysis(what, sp.Integer(0), sp.Integer(0), parts, "revenue >= 0", "attained by the Dirac law at mu e "
                        "(every value mu is below the reserve)", True, certificate={"lam": "0", "sigma": "0"},
                        law_below=lambda V: (law, R) if _sign(R, V) == -1 else None)
    low12, low2 = sp.Min(sp.Rational(1, I), A), sp.Min(mu, sp.Rational(1, I))
    if _le(r, low12):                                   # R_1: Prop. 1.5.5, attained by Q^(1)
        w = (1 - mu) / ((I - 1) * (1 - r))
        law = {tuple([sp.Integer(1)] * I): 1 - I * w}
        for i in range(I):
            law[tuple(sp.Integer(1) if j == i else r for j in range(I))] = law.get(
                tuple(sp.Integer(1) if j == i else r for j in range(I)), 0) + w
        R = rev(law)
        means = [sp.Add(*[wt * v[i] for v, wt in law.items()]) for i in range(I)]
        parts = _cert("spa", cells, -1 / sp.Integer(I - 1), 1 / sp.Integer(I - 1), I, mu, A, rel, at_r) + constants(
            "spa.Q1", [("weights_nonneg", 1 - I * w, ">=", 0), ("mass", sp.Add(*law.values()), "==", 1)]
            + [(f"mean_{i + 1}", means[i], "==", mu) for i in range(I)] + [("revenue", R, "==", A)],
            source=f"{SOURCE}, Prop. 1.5.5")
        return Analysis(what, A, A, parts, "dual certificate lam = -1/(I-1), sigma = 1/(I-1) (Lemma 1.7.3)",
                        "attained by Q^(1) (Prop. 1.5.5)", True,
                        certificate={"lam": str(-1 / (I_ - 1)), "sigma": str(1 / (I_ - 1))},
                        law_below=lambda V: (law, R) if _sign(R, V) == -1 else None)
    if _le(r, low2):                                    # R_2: Prop. 1.5.6, approached by Q^(2)_eps
        z = nice(I * r * (mu - r) / (1 - r))
        lam, sigma = I * r**2 / (r - 1), r / (1 - r)
        xmin = sp.Max(A, 0)
        emax = sp.simplify(r - xmin)
        wx = lambda xx: (mu - xx) / (1 - xx)

        def law_x(xx):
            out = {tuple([xx] * I): 1 - I * wx(xx)}
            for i in range(I):
                out[tuple(sp.Integer(1) if j == i else xx for j in range(I))] = wx(xx)
            return out

        law_at = lambda e: law_x(r - e)

        parts = _cert("spa", cells, I * R_**2 / (R_ - 1), R_ / (1 - R_), I, mu, z, rel, at_r)
        if _sign(emax, 0) == 1:
            e0 = emax / 2
            parts += [
                Inequality("spa.Q2.weights_nonneg", lhs=1 - I * wx(r - eps), rel=">=", rhs=0, over=[(eps, 0, emax)],
                           source=f"{SOURCE}, Prop. 1.5.6"),
                Identity("spa.Q2.mean", lhs=(1 - I * wx(r - eps)) * (r - eps) + wx(r - eps) * (1 + (I - 1) * (r - eps)),
                         rhs=mu, over=[(eps, 0, emax)], source=f"{SOURCE}, Prop. 1.5.6"),
                *constants("spa.Q2.revenue", [("formula_at_a_point", rev(law_at(e0)), "==", I * wx(r - e0) * r),
                                              ("limit", I * wx(r) * r, "==", z)], source=f"{SOURCE}, Prop. 1.5.6")]
            return Analysis(what, z, z, parts, "dual certificate lam = I r^2/(r - 1), sigma = r/(1 - r) (Lemma 1.7.5)",
                            "approached by Q^(2)_eps as eps -> 0, not attained (Prop. 1.5.6): atoms (r - eps) e and "
                            "e_i + (r - eps) e_-i", False, certificate={"lam": str(lam), "sigma": str(sigma)},
                            law_below=lambda V: _below(law_x, rev, r, xmin, V))
        law = law_at(sp.Integer(0))                     # r = max(A, 0): Q^(2) at eps = 0 is a law
        R = rev(law)
        parts += constants("spa.Q2", [("weights_nonneg", 1 - I * wx(r), ">=", 0)]
                           + [(f"mean_{i + 1}", sp.Add(*[wt * v[i] for v, wt in law.items()]), "==", mu) for i in range(I)]
                           + [("revenue", R, "==", z)], source=f"{SOURCE}, Prop. 1.5.6")
        return Analysis(what, z, z, parts, "dual certificate lam = I r^2/(r - 1), sigma = r/(1 - r) (Lemma 1.7.5)",
                        "attained by Q^(2) at eps = 0", True, certificate={"lam": str(lam), "sigma": str(sigma)},
                        law_below=lambda V: (law, R) if _sign(R, V) == -1 else None)
    # R_3: Prop. 1.5.7, approached by Q^(3)_eps
    z = nice((mu - r) / (1 - r))
    lam, sigma = r / (r - 1), 1 / (I * (1 - r))
    w3 = lambda e: (1 - mu) / (1 - r + e)

    def law3(e):
        return {tuple([sp.Integer(1)] * I): 1 - w3(e), tuple([r - e] * I): w3(e)}

    law3x = lambda xx: law3(r - xx)

    e0 = r / 2
    parts = _cert("spa", cells, R_ / (R_ - 1), 1 / (I * (1 - R_)), I, mu, z, rel, at_r) + [
        Inequality("spa.Q3.weights", lhs=1 - w3(eps), rel=">=", rhs=0, over=[(eps, 0, r)], source=f"{SOURCE}, Prop. 1.5.7"),
        Identity("spa.Q3.mean", lhs=(1 - w3(eps)) + w3(eps) * (r - eps), rhs=mu, over=[(eps, 0, r)],
                 source=f"{SOURCE}, Prop. 1.5.7"),
        *constants("spa.Q3.revenue", [("formula_at_a_point", rev(law3(e0)), "==", 1 - w3(e0)),
                                      ("limit", 1 - w3(0), "==", z)], source=f"{SOURCE}, Prop. 1.5.7")]
    return Analysis(what, z, z, parts, "dual certificate lam = r/(r - 1), sigma = 1/(I (1 - r)) (Lemma 1.7.7)",
                    "approached by Q^(3)_eps as eps -> 0, not attained (Prop. 1.5.7): atoms e and (r - eps) e", False,
                    certificate={"lam": str(lam), "sigma": str(sigma)}, law_below=lambda V: _below(law3x, rev, r, 0, V))


def best_reserve(I: int, mu) -> tuple[sp.Expr, sp.Expr]:
    """Thm. 1.5.2: ``(r*, z*)``; in M_3 the reserve 0 (Vickrey), one of the best."""
    A = (I * mu - 1) / sp.Integer(I - 1)
    if _le(mu, sp.Rational(2 * I - 1, I**2)):
        rs = 1 - sp.sqrt(1 - mu)
        return rs, sp.expand(I * rs**2)
    return sp.Integer(0), A


def markov_spa_class(I: int, mu, rel: str) -> Analysis:
    """Thm. 1.5.2: the max-min revenue over second-price auctions with a deterministic reserve (Markov set)."""
    rs, zs = best_reserve(I, mu)
    at = markov_spa(I, mu, rs, rel)
    A = (I * mu - 1) / sp.Integer(I - 1)
    T = f"{SOURCE}, Thm. 1.5.2"
    parts: list = constants("class.best_reserve_value", [("worst_case_at_r_star", at.lower, "==", zs)], source=T)
    w1 = (1 - mu) / ((I - 1) * (1 - rho))
    hi1 = sp.Min(sp.Rational(1, I), A)
    sA = _sign(A, 0)
    if sA is not None and sA >= 0:
        parts += [Inequality("class.R1.Q1_weights", lhs=1 - I * w1, rel=">=", rhs=0, over=[(rho, 0, hi1)], source=T),
                  Identity("class.R1.Q1_mean", lhs=(1 - I * w1) + w1 * (1 + (I - 1) * rho), rhs=mu, over=[(rho, 0, hi1)],
                           source=T),
                  Identity("class.R1.Q1_revenue", lhs=(1 - I * w1) + I * w1 * rho, rhs=A, over=[(rho, 0, hi1)], source=T),
                  Inequality("class.R1.below_best", lhs=A, rel="<=", rhs=zs, source=T)]
        r0 = hi1 / 2                  # the revenue formula, by the library's revenue function at one reserve
        q1 = {tuple([sp.Integer(1)] * I): 1 - I * w1.subs(rho, r0)}
        for i in range(I):
            q1[tuple(sp.Integer(1) if j == i else r0 for j in range(I))] = w1.subs(rho, r0)
        checks = [("Q1_revenue_at_a_reserve", spa_law_revenue(I, r0, q1), "==", A)]
    else:
        checks = []
    lo2, hi2 = sp.Max(A, 0), sp.Min(mu, sp.Rational(1, I))
    if _sign(hi2, lo2) == 1:
        w2 = (mu - x) / (1 - x)
        z2 = I * rho * (mu - rho) / (1 - rho)
        parts += [Inequality("class.R2.Q2_weights", lhs=1 - I * w2, rel=">=", rhs=0, over=[(x, lo2, hi2)], source=T),
                  Identity("class.R2.Q2_mean", lhs=(1 - I * w2) * x + w2 * (1 + (I - 1) * x), rhs=mu, over=[(x, lo2, hi2)],
                           source=T)]
        r0 = (lo2 + hi2) / 2
        x0 = (lo2 + r0) / 2
        q2 = {tuple([x0] * I): 1 - I * w2.subs(x, x0)}
        for i in range(I):
            q2[tuple(sp.Integer(1) if j == i else x0 for j in range(I))] = w2.subs(x, x0)
        checks.append(("Q2_revenue_at_a_reserve", spa_law_revenue(I, r0, q2), "==", I * w2.subs(x, x0) * r0))
        if _sign(rs, 0) == 1:        # M_1 u M_2: z* - z2(rho) = I (r* - rho)^2/(1 - rho) (Thm. 1.5.2's square)
            gap = I * (rs - rho)**2 / (1 - rho)
            parts += [Identity("class.R2.gap_is_a_square", lhs=zs - z2, rhs=gap, over=[(rho, lo2, hi2)], source=T,
                               statement=r"z^\star - I\rho\frac{\mu-\rho}{1-\rho} = \frac{I(r^\star-\rho)^2}{1-\rho}"),
                      Inequality("class.R2.gap_nonneg", lhs=gap, rel=">=", rhs=0, over=[(rho, lo2, hi2)], source=T)]
        else:
            parts.append(Inequality("class.R2.limit_below_best", lhs=z2, rel="<=", rhs=zs, over=[(rho, lo2, hi2)],
                                    source=T, statement=r"I\rho\frac{\mu-\rho}{1-\rho} \le z^\star"))
    lo3 = sp.Rational(1, I)
    if _sign(mu, lo3) == 1:
        w3 = (1 - mu) / (1 - x)
        parts += [Inequality("class.R3.Q3_weights", lhs=1 - w3, rel=">=", rhs=0, over=[(x, 0, mu)], source=T),
                  Identity("class.R3.Q3_mean", lhs=(1 - w3) + w3 * x, rhs=mu, over=[(x, 0, mu)], source=T),
                  Inequality("class.R3.limit_below_best", lhs=(mu - rho) / (1 - rho), rel="<=", rhs=zs,
                             over=[(rho, lo3, mu)], source=T)]
        r0 = (lo3 + mu) / 2
        x0 = r0 / 2
        q3 = {tuple([sp.Integer(1)] * I): 1 - w3.subs(x, x0), tuple([x0] * I): w3.subs(x, x0)}
        checks.append(("Q3_revenue_at_a_reserve", spa_law_revenue(I, r0, q3), "==", 1 - w3.subs(x, x0)))
    if checks:
        parts += constants("class.revenue_formulas", checks, source=T)
    parts.append(Inequality("class.above_mu.dirac", lhs=zs, rel=">=", rhs=0, source=T,
                            statement=r"\rho > \mu:\ \text{the Dirac law at } \mu e \text{ earns } 0 \le z^\star"))
    name = "Vickrey (reserve 0)" if rs == 0 else f"reserve r* = {rs}"
    return Analysis("max-min revenue over second-price auctions with a deterministic reserve (Markov set)", zs, zs,
                    parts, f"the second-price auction with {name} guarantees z* ({at.lower_how})",
                    "every reserve rho is held to at most z* by Q^(1) (rho in R_1), Q^(2)_eps (R_2), Q^(3)_eps (R_3) "
                    "or the Dirac law at mu e (rho > mu) (Props. 1.5.5-1.5.7, Thm. 1.5.2)", True,
                    mechanism={"kind": "better mechanism (closed form)", "mechanism": f"second-price auction, {name}",
                               "reserve": str(rs), "guarantee": str(zs), "guarantee_decimal": str(sp.N(zs, 30))},
                    nature={"kind": "nature's laws for every reserve (Props. 1.5.5-1.5.7)", "bound": str(zs),
                            "laws": "Q^(1)(rho), Q^(2)_eps(rho), Q^(3)_eps(rho), or the Dirac law at mu e"}, source=T,
                    uses=[at])


# --------------------------------------------------------------------------------------------------
# the optimal highest-bidder lottery (Thm. 1.5.3)
# --------------------------------------------------------------------------------------------------
def hbl_worst_case(I: int, mu, rel: str, iid: bool) -> Analysis:
    """The optimal lottery's worst case: ``r`` (certificate (1.31); the Dirac law at ``mu e``, in both sets)."""
    p = hbl_parameters(I, mu)
    sg, r = p.sigma, p.r
    H = HighestBidderLottery.optimal(I, mu)
    T = f"{SOURCE}, Thm. 1.5.3"
    law = _dirac(I, mu)
    R = sp.simplify(expected_revenue(H, law))
    v = sp.Symbol("v", real=True)
    QA = lambda vi, si: sg * sp.log(vi / si) + I * sg - sg * r / si
    QB = lambda vi: sg * sp.log(vi) + 1
    cells = cone_cells(R_, I, lambda a, b: S_ * (I - 1) * b, lambda a, b: S_ * ((I - 1) * b + a - R_),
                       lambda a, b: S_ * ((I - 1) * b + a - R_))
    parts = [
        Inequality("hbl.sigma_positive", lhs=sg, rel=">", rhs=0, source=T),
        Inequality("hbl.r_below_mu", lhs=mu, rel=">", rhs=r, source=T),
        Inequality("hbl.r_positive", lhs=r, rel=">", rhs=0, source=T),
        Identity("hbl.q_a_max_at_one", lhs=QA(1, r), rhs=1, source=T,
                 statement=r"q^\star(v_i = 1, s = r) = 1\ \text{(the largest value of (1.12a): it increases in } v_i"
                           r"\text{, and } \partial_s q = \sigma^\star(r - s)/s^2 \le 0)"),
        Inequality("hbl.q_a_positive", lhs=sg * (I - 1), rel=">", rhs=0, source=T,
                   statement=r"q^\star \ge \sigma^\star(I - r/s) \ge \sigma^\star(I-1) > 0 \text{ on (1.12a)}"),
        Inequality("hbl.q_b_nonneg", lhs=QB(r), rel=">", rhs=0, source=T,
                   statement=r"0 < q^\star(r) \le \sigma^\star\log v_i + 1 \le 1 \text{ on (1.12b)}"),
        Inequality("hbl.q_c_in_unit", lhs=1 - (I - 1) * sg, rel=">", rhs=0, source=T),
        Identity("hbl.q_continuous", lhs=QA(v, r), rhs=QB(v), over=[(v, r, 1)], source=T),
        *_cert("hbl", cells, -S_ * R_, S_, I, mu, r, rel, {S_: sg, R_: r}),
        Identity("hbl.dirac_revenue", lhs=R, rhs=r, source=T,
                 statement=r"\mathrm{Rev}^\star(\mu e) = \sigma^\star(I\mu - r) = r"),
    ]
    which = "i.i.d. set (the Dirac law is i.i.d.)" if iid else "Markov set"
    return Analysis(f"worst-case revenue of the optimal highest-bidder lottery ({which})", r, r, parts,
                    "dual certificate (1.31): Rev(v) >= sigma* (sum_j v_j - r) (Thm. 1.5.3)",
                    "attained by the Dirac law at mu e (every value equals mu)", True,
                    certificate={"lam": str(-sg * r), "sigma": str(sg)},
                    law_below=lambda V: (({mu: sp.Integer(1)} if iid else law), R) if _sign(R, V) == -1 else None,
                    source=T)


def hbl_class(I: int, mu, rel: str) -> Analysis:
    """The max-min revenue over highest-bidder lotteries (Markov set): ``r`` (Thm. 1.5.3; the limit law above)."""
    p = hbl_parameters(I, mu)
    r = p.r
    logr = I + p.W                       # r = exp(I + W), I + W real: log r = I + W
    wc = hbl_worst_case(I, mu, rel, False)
    T = f"{SOURCE}, Thm. 1.5.3 and Thm. 1.7.1 (limit law)"
    pp = sp.Symbol("p", real=True)
    parts = [Identity("class.lottery_worst_case_is_r", lhs=wc.lower, rhs=r, source=T),
             Inequality("class.limit_law.r_positive", lhs=r, rel=">", rhs=0, source=T),
             Inequality("class.limit_law.r_below_one", lhs=1, rel=">", rhs=r, source=T),
             Identity("class.limit_law.mass", lhs=sp.integrate(r / x**2, (x, r, 1)) + r, rhs=1, source=T,
                      statement=r"\int_r^1 \tfrac{r}{x^2}dx + r = 1"),
             Identity("class.limit_law.mean", lhs=r / I * (1 - logr) + sp.Rational(I - 1, I) * r, rhs=mu, source=T,
                      statement=r"\tfrac rI(1-\log r) + \tfrac{I-1}{I}r = \mu"),
             Identity("class.limit_law.thresholds", lhs=pp * (r / pp), rhs=r, over=[(pp, r, 1)], source=T,
                      statement=r"p\,P(v_{win} \ge p) = p\,\tfrac rp = r,\ p\in[r,1]"),
             Inequality("class.limit_law.low_thresholds", lhs=pp, rel="<=", rhs=r, over=[(pp, 0, r)], source=T)]
    return Analysis("max-min revenue over highest-bidder lotteries (Markov set)", r, r, parts,
                    f"the optimal highest-bidder lottery guarantees r ({wc.lower_how})",
                    "the limit law of Thm. 1.7.1 (winner uniform among the bidders with P(v >= x) = r/x on [r, 1], "
                    "the others at r; means mu) holds every highest-bidder lottery to r: with the others at r it is "
                    "a mixture of thresholds p >= r for the winner, each earning p r/p = r", True,
                    mechanism={"kind": "better mechanism (closed form)",
                               "mechanism": "the optimal highest-bidder lottery of Thm. 1.5.3",
                               "sigma": str(p.sigma), "guarantee": str(r), "guarantee_decimal": str(sp.N(r, 30))},
                    nature={"kind": "law in the Markov set capping every highest-bidder lottery (Thm. 1.7.1)",
                            "law": "winner i uniform; v_i has P(v_i >= x) = r/x on [r, 1] (density r/x^2, atom r at 1); "
                                   "the others have value r", "r": str(r), "bound": str(r)}, source=T, uses=[wc])


def all_mechanisms(I: int, mu, rel: str, iid: bool, lower_options: list[Analysis]) -> Analysis:
    """Every mechanism: the best proved guarantee among ``lower_options`` (class values with their mechanism) and
    ``mu`` (the Dirac law at ``mu e``; ex-post IR caps revenue by ``max_i v_i``).  Not exact in general."""
    best = max(lower_options, key=lambda o: sp.N(o.lower, 40))
    parts = [Identity("all.dirac_max_value", lhs=sp.Max(*([mu] * I)), rhs=mu, source=f"{SOURCE}, Prop. 1.5.3",
                      statement=r"\mathbb E_{\delta_{\mu e}}\max_i v_i = \mu")]
    which = "i.i.d. set" if iid else "Markov set"
    why = ("the max-min revenue over all mechanisms is not known in closed form for this set"
           + ("" if iid else " (Koçyiğit (2020), Sec. 1.5.3: the optimal highest-bidder lottery is not optimal; spec 003, "
                             "C2 puts the optimum about 3.5% above r for I = 2, mu = 1/2)"))
    return Analysis(f"max-min revenue over all mechanisms ({which})", best.lower, mu, parts,
                    f"{best.mechanism['mechanism']} guarantees {best.lower}",
                    "the Dirac law at mu e: an ex-post IR mechanism earns at most max_i v_i = mu", True, why=why,
                    mechanism=best.mechanism, nature={"kind": "law in the set capping every mechanism",
                                                      "law": "Dirac at mu e", "bound": str(mu)}, uses=[best])


def markov_law_json(I, law, revenue, claimed=None) -> dict:
    return _law_json(law, I, revenue, claimed)


__all__ += ["best_reserve", "constants", "in_markov_set", "markov_law_json", "nice"]
