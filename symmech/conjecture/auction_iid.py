"""Several bidders with i.i.d. values: one unknown common marginal ``F`` on ``[0, 1]`` with a known mean (the
analyses of :mod:`.auction_math` for this set; never the Markov set's answers).

Derived here: with
``G(x) = P(v > x)``, ``g0 = P(v >= r)`` and ``h(g) = 1 - (1 - g)^I - I g (1 - g)^(I-1)`` (two or more of I values
exceed x), the second-price revenue is ``r (1 - (1 - g0)^I) + int_r^1 h(G(x)) dx``; ``int_r^1 G >= mu - r`` and
``g0 >= m' = (mu - r)/(1 - r)``.  ``h`` is convex on ``[0, 1/(I-1)]`` and its lower convex envelope is ``h`` up to
``G0 = 1/(I-1)^2`` and the chord to ``(1, 1)`` after, so for a supporting line ``h(g) >= a + b g`` (``b >= 0``) the
revenue is at least ``r (1 - (1 - m')^I) + (1 - r) a + b (mu - r)``.  With the tangent at ``m' <= G0`` this is
attained in the limit by the marginal ``{1 w.p. m_eps, r - eps w.p. 1 - m_eps}``; with ``r = 0`` and ``mu > G0``
the chord's bound is attained by ``{1 w.p. G0, t w.p. 1 - G0}``, ``t = (mu - G0)/(1 - G0)``, which also holds every
reserve ``rho <= t`` to it.  The pointwise inequalities are the claims the kernel checks; the integration steps are
the argument above (stated in the details).  Two bidders, no reserve, mean 1/2: ``1/4`` (the Markov answer is 0).
"""
from __future__ import annotations

import sympy as sp

from symmech.claims import Identity, Inequality
from symmech.models.auctions import hbl_parameters
from .auction_math import Analysis, _below, _le, _sign, constants, hbl_worst_case, nice
from .exact import compare

__all__ = ["IID_SOURCE", "h_of", "iid_hbl_class", "iid_law_json", "iid_revenue", "iid_spa", "iid_spa_class"]

IID_SOURCE = "derived in symmech.conjecture.auction_iid (i.i.d. values, one unknown marginal with a known mean)"
eps, rho, g = sp.symbols("epsilon rho g", real=True)


def iid_hbl_class(I: int, mu, rel: str) -> Analysis:
    """Highest-bidder lotteries on the i.i.d. set: at least the optimal lottery's ``r``, at most ``mu``."""
    wc = hbl_worst_case(I, mu, rel, True)
    p = hbl_parameters(I, mu)
    parts = [Identity("iid_lotteries.dirac_max_value", lhs=sp.Max(*([mu] * I)), rhs=mu, source=IID_SOURCE)]
    return Analysis("max-min revenue over highest-bidder lotteries (i.i.d. set)", wc.lower, mu, parts,
                    f"the optimal highest-bidder lottery of Thm. 1.5.3 guarantees r ({wc.lower_how})",
                    "the Dirac law at mu e (i.i.d.): an ex-post IR mechanism earns at most mu", True,
                    why="the max-min over highest-bidder lotteries is derived for the Markov set only (its worst law "
                        "is not i.i.d.)", mechanism={"kind": "better mechanism (closed form)",
                                                    "mechanism": "the optimal highest-bidder lottery of Thm. 1.5.3",
                                                    "sigma": str(p.sigma), "guarantee": str(p.r),
                                                    "guarantee_decimal": str(sp.N(p.r, 30))},
                    nature={"kind": "law in the set capping every mechanism", "law": "Dirac at mu e",
                            "bound": str(mu)}, source=IID_SOURCE, uses=[wc])


# --------------------------------------------------------------------------------------------------
# i.i.d. set
# --------------------------------------------------------------------------------------------------
def h_of(I: int, gg):
    """P(at least two of I i.i.d. values exceed x) when each does with probability ``gg``."""
    return 1 - (1 - gg)**I - I * gg * (1 - gg)**(I - 1)


def iid_revenue(I: int, r, marginal: dict) -> sp.Expr:
    """E[max(v_(2), r) 1{v_(1) >= r}] for I i.i.d. values with a finite marginal (order statistics, exact)."""
    pts = sorted(marginal, key=lambda y: sp.N(y, 40))
    F = lambda y, strict=False: sp.Add(*[marginal[z] for z in pts if (sp.N(z - y, 40) < 0 if strict else
                                                                      sp.N(z - y, 40) <= 0)])
    below_r = F(r, strict=True)
    out = r * (1 - below_r**I)
    for y in pts:
        if sp.N(y - r, 40) <= 0:
            continue
        Fy, Fy_ = F(y), F(y, strict=True)
        second_le = lambda Fz: Fz**I + I * Fz**(I - 1) * (1 - Fz)
        out += (y - r) * (second_le(Fy) - second_le(Fy_))
    return nice(out)


def _iid_json(I, marginal: dict, revenue, claimed=None) -> dict:
    return {"kind": "law in the i.i.d. set (independent values, this common marginal)", "bidders": I,
            "marginal": [{"value": str(v), "weight": str(w), "weight_decimal": str(sp.N(w, 20))}
                         for v, w in marginal.items() if w != 0],
            "mean": str(sp.simplify(sp.Add(*[v * w for v, w in marginal.items()]))), "revenue": str(revenue),
            "revenue_decimal": str(sp.N(revenue, 30)), **({"claimed": str(claimed)} if claimed is not None else {})}


def iid_spa(I: int, mu, r) -> Analysis:
    """The worst-case revenue of the second-price auction with reserve ``r`` over the i.i.d. set (module doc)."""
    what = f"worst-case revenue of the second-price auction with reserve {r} (i.i.d. set)"
    G0 = sp.Rational(1, (I - 1)**2)
    rev = lambda m: iid_revenue(I, r, m)
    if _sign(r, mu) == 1:
        m = {mu: sp.Integer(1)}
        R = rev(m)
        parts = [Identity("iid.dirac_revenue", lhs=R, rhs=0, source=IID_SOURCE)]
        return Analysis(what, sp.Integer(0), sp.Integer(0), parts, "revenue >= 0",
                        "attained by every value equal to mu (below the reserve)", True, source=IID_SOURCE,
                        law_below=lambda V: (m, R) if _sign(R, V) == -1 else None)
    mp = (mu - r) / (1 - r)
    U = lambda mm: r * (1 - (1 - mm)**I) + (1 - r) * h_of(I, mm)
    m_eps = lambda e: (mu - r + e) / (1 - r + e)
    fam = lambda e: {sp.Integer(1): m_eps(e), r - e: 1 - m_eps(e)}     # e = 0 only with r = 0
    first = [Inequality("iid.first_term", lhs=(1 - (1 - g)**I) - (1 - (1 - mp)**I), rel=">=", rhs=0,
                        over=[(g, mp, 1)], source=IID_SOURCE,
                        statement=r"1 - (1-g_0)^I \ge 1 - (1-m')^I\ \ (g_0 \ge m')")]
    mean_eps = m_eps(eps) + (1 - m_eps(eps)) * (r - eps)
    upper_parts = [Identity("iid.law.mean", lhs=mean_eps, rhs=mu, over=[(eps, 0, r)], source=IID_SOURCE)
                   if _sign(r, 0) == 1 else Identity("iid.law.mean", lhs=mean_eps.subs(eps, 0), rhs=mu, source=IID_SOURCE)]
    if _sign(r, 0) == 1:
        e0 = r / 2
        upper_parts.append(Identity("iid.law.revenue_formula_at_a_point", lhs=rev(fam(e0)), rhs=U(m_eps(e0)),
                                    source=IID_SOURCE))
    law_below = (lambda V: _below(lambda xx: fam(r - xx), rev, r, 0, V)) if _sign(r, 0) == 1 else \
        (lambda V: (fam(0), rev(fam(0))) if _sign(rev(fam(0)), V) == -1 else None)
    if _le(mp, G0) or _sign(mp, 0) == 0:
        tangent = h_of(I, mp) + sp.diff(h_of(I, g), g).subs(g, mp) * (g - mp)
        parts = [Inequality("iid.tangent_below_h", lhs=h_of(I, g), rel=">=", rhs=tangent, over=[(g, 0, 1)],
                            source=IID_SOURCE, statement=r"h(g) \ge h(m') + h'(m')(g - m')\ \forall g\in[0,1]"),
                 Inequality("iid.tangent_slope_nonneg", lhs=sp.diff(h_of(I, g), g).subs(g, mp), rel=">=", rhs=0,
                            source=IID_SOURCE), *first, *upper_parts,
                 Identity("iid.law.revenue_limit", lhs=U(m_eps(eps)).subs(eps, 0), rhs=U(mp), source=IID_SOURCE)]
        val = nice(U(mp))
        parts.append(Identity("iid.value", lhs=val, rhs=U(mp), source=IID_SOURCE))
        att = _sign(r, 0) == 0
        return Analysis(what, val, val, parts,
                        "r (1 - (1 - m')^I) + (1 - r) h(m') with m' = (mu - r)/(1 - r): the tangent of h at m' <= "
                        "1/(I-1)^2 lies below h (integrated over x in [r, 1])",
                        ("attained by the marginal {1 w.p. mu, 0 w.p. 1 - mu}" if att else
                         "approached by the marginal {1 w.p. m_eps, r - eps w.p. 1 - m_eps} as eps -> 0"), att,
                        source=IID_SOURCE, law_below=law_below)
    # m' > G0: the chord through (G0, h(G0)) and (1, 1)
    slope = (1 - h_of(I, G0)) / (1 - G0)
    chord = lambda gg: h_of(I, G0) + slope * (gg - G0)
    low = nice(r * (1 - (1 - mp)**I) + (1 - r) * chord(mp))
    t = (mu - G0) / (1 - G0)
    chord_law = {sp.Integer(1): G0, t: 1 - G0}
    parts = [Inequality("iid.chord_below_h", lhs=h_of(I, g), rel=">=", rhs=chord(g), over=[(g, 0, 1)],
                        source=IID_SOURCE, statement=r"h(g) \ge \ell(g)\ \text{(the chord from } (G_0, h(G_0)) "
                                                     r"\text{ to } (1, 1)),\ G_0 = 1/(I-1)^2"),
             Inequality("iid.chord_slope_nonneg", lhs=slope, rel=">=", rhs=0, source=IID_SOURCE), *first]
    cands = []
    if _le(r, t):
        R = rev(chord_law)
        parts.append(Identity("iid.chord_law.mean", lhs=G0 + (1 - G0) * t, rhs=mu, source=IID_SOURCE))
        cands.append((R, f"attained by the marginal {{1 w.p. {G0}, {t} w.p. {1 - G0}}} (all values >= the reserve)",
                      True, lambda V, law=chord_law, R=R: (law, R) if _sign(R, V) == -1 else None,
                      Identity("iid.chord_law.revenue", lhs=R, rhs=nice(chord(mu)), source=IID_SOURCE)))
    cands.append((nice(U(mp)), "approached by the marginal {1 w.p. m_eps, r - eps w.p. 1 - m_eps}",
                  _sign(r, 0) == 0, law_below, None))
    best = min(cands, key=lambda c_: sp.N(c_[0], 40))
    if best[4] is not None:
        parts.append(best[4])
    else:
        parts += upper_parts
    exact = compare(low, best[0], 40).equal
    return Analysis(what, low, best[0], parts,
                    "r (1 - (1 - m')^I) + (1 - r) l(m'), l the chord of h from (G0, h(G0)) to (1, 1)", best[1],
                    best[2], why="" if exact else
                    (f"with I = {I} and a reserve r > 0 the worst case over i.i.d. laws is derived here only when "
                     f"m' = (mu - r)/(1 - r) <= 1/(I-1)^2 (here m' = {nice(mp)}); the bounds are proved"),
                    source=IID_SOURCE, law_below=best[3])


def iid_spa_class(I: int, mu) -> Analysis:
    """The max-min revenue over second-price auctions with a reserve (i.i.d. set): Vickrey's worst case when every
    reserve is held to it (by the chord law for ``rho <= t``, by the two-point family for ``rho in [t, mu]``)."""
    G0 = sp.Rational(1, (I - 1)**2)
    v0 = iid_spa(I, mu, sp.Integer(0))
    t = (mu - G0) / (1 - G0) if _sign(mu, G0) == 1 else sp.Integer(0)
    mp = (mu - rho) / (1 - rho)
    U = rho * (1 - (1 - mp)**I) + (1 - rho) * h_of(I, mp)
    parts = [Inequality("class.reserves_above_t", lhs=U, rel="<=", rhs=v0.lower, over=[(rho, t, mu)], source=IID_SOURCE,
                        statement=r"\rho(1-(1-m'_\rho)^I) + (1-\rho)h(m'_\rho) \le \text{Vickrey's worst case},\ "
                                  r"\rho\in[t, \mu]")]
    if _sign(t, 0) == 1:
        parts.append(Identity("class.reserves_below_t.chord_law_mean", lhs=G0 + (1 - G0) * t, rhs=mu, source=IID_SOURCE,
                              statement=r"\text{the marginal } \{1: G_0,\ t: 1 - G_0\} \text{ has mean } \mu;\ "
                                        r"\text{a reserve } \rho \le t \text{ never binds under it}"))
    r0 = (t + mu) / 2                 # the revenue formulas, recomputed from explicit laws at one reserve
    x0 = r0 / 2
    m0 = (mu - x0) / (1 - x0)
    checks = [("family_revenue_at_a_reserve", iid_revenue(I, r0, {sp.Integer(1): m0, x0: 1 - m0}), "==",
               r0 * (1 - (1 - m0)**I) + (1 - r0) * h_of(I, m0))]
    if _sign(t, 0) == 1:
        checks.append(("chord_law_revenue_at_t", iid_revenue(I, t, {sp.Integer(1): G0, t: 1 - G0}), "==", v0.lower))
    parts += constants("class.revenue_formulas", checks, source=IID_SOURCE)
    how_up = ("a reserve rho <= t never binds under the marginal {1 w.p. G0, t w.p. 1 - G0} (revenue = Vickrey's worst "
              "case); a reserve rho in [t, mu] is held to rho (1 - (1 - m')^I) + (1 - rho) h(m') by the two-point family; "
              "rho > mu earns 0") if _sign(t, 0) == 1 else \
        ("every reserve rho in [0, mu] is held to rho (1 - (1 - m')^I) + (1 - rho) h(m') <= h(mu) by the two-point "
         "family {1, rho - eps}; rho > mu earns 0")
    return Analysis("max-min revenue over second-price auctions with a deterministic reserve (i.i.d. set)", v0.lower,
                    v0.lower, parts, f"Vickrey (reserve 0) guarantees {v0.lower} ({v0.lower_how})", how_up, True,
                    mechanism={"kind": "better mechanism (closed form)", "mechanism": "second-price auction, reserve 0 "
                               "(Vickrey)", "reserve": "0", "guarantee": str(v0.lower),
                               "guarantee_decimal": str(sp.N(v0.lower, 30))},
                    nature={"kind": "i.i.d. laws for every reserve", "bound": str(v0.lower),
                            "laws": f"{{1 w.p. {G0}, t w.p. 1 - {G0}}} (t = {t}) for rho <= t; "
                                    "{1 w.p. m_eps, rho - eps} for rho in [t, mu]; Dirac at mu for rho > mu"},
                    source=IID_SOURCE, uses=[v0])



def iid_law_json(I, marginal, revenue, claimed=None) -> dict:
    return _iid_json(I, marginal, revenue, claimed)
