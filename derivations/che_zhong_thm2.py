"""Che and Zhong, Thm. 2 (necessity of the K-bundling structure), App. A.4, and the Sec. 4 example;
phi_K(z) = z^2, group parameters alpha_K = alpha, ell_K = ell as in ``che_zhong_thm1``.

Part 2 (do not separate J, J' inside K).  K = J u J' = {1, 2}, w = m_1/m_K, 1 - w = m_2/m_K, and
nature's perturbation moves the event X > 1/eps to the perfectly negatively correlated split
(v_1, v_2) = (beta Y, beta (1 - Y)), Y ~ Bernoulli(w).  We write eps = e/ell with e in (0, 1)
(the paper's 0 < eps < alpha_K/beta_K).  The law of v_1 is then: w alpha x for x in [1, ell)
(Pareto), an atom w beta of mass 1/ell - eps, an atom beta of mass eps w and an atom 0 of mass
eps (1 - w).  A price w alpha x (x in [1, ell]) earns w alpha (1 - eps (1 - w) x), the best of
which is w alpha (1 - eps (1 - w)) at x = 1 (the paper's number), but the price beta earns
beta eps w = w alpha e, which is larger when e is close to 1: the paper's "any other price ...
generates revenue of w alpha (1 - (1-w) eps)" needs eps small (it is stated after "for eps > 0
sufficiently small", so only the generality of 0 < eps < alpha/beta is affected).  The
theorem's conclusion (revenue < alpha_K) holds for every e in (0, 1).

Part 1 (do not bundle K u K' when ell_K != ell_K').  The perturbed law H_eps of A.4 is the law
of X + eps 1{X > g - eps} (g the gap point, called ell in the paper, in (ell_K', ell_K)); with
Lam := ell^eps, (13)-(14) are, in closed form,

    f1 = alpha (1 + log(Lam - eps) + eps/(g - eps)),
    f2 = alpha^2 (2 Lam - 1 - eps + 2 eps log((Lam - eps)/(g - eps)) + eps^2 (1/(g-eps) - 1/(Lam-eps)) + Lam^2/(Lam-eps) - Lam),

and implicit differentiation at eps = 0 (Lam = ell_K = g r, r > 1) gives
d alpha^eps/d eps = alpha (1 - r + log r) / D(g r),  D(L) = L log L - L + 1,
which is < 0 (the paper's conclusion) but differs from the printed A.4 formula
-(1 - L + log L)/D(L) (no factor alpha, no dependence on the gap g: it is the correct value at
g = 1 divided by alpha; spec T5).
"""
from __future__ import annotations

import sympy as sp
from sympy import Interval, log

from symmech import AllOf, Derivation, Identity, Implied, Inequality, Scope
from symmech.claims.implication import Monotone
from symmech.claims.budgeted import budget as _budget
from derivations._che_zhong_common import group


budget = _budget          # the library's wrapper keeps each claim's expectation and pinned twin

PAPER = "Che and Zhong"
T2 = f"{PAPER}, Thm. 2"
A4 = f"{PAPER}, App. A.4"
S4 = f"{PAPER}, Sec. 4"
a, L, w, e = sp.symbols("alpha ell w e", positive=True)
g, r = sp.symbols("g r", positive=True)            # gap point, ell_K / g
a1, L1, a2, rr = sp.symbols("alpha_1 ell_1 alpha_23 r_23", positive=True)
x, Lam, Y = sp.symbols("x Lambda Y", positive=True)
eps = sp.Symbol("epsilon")                           # plain: a bound variable from 0
G = group(a, L)
BETA = G["beta"]
EPS = e / L

SCOPE = Scope(parameters={a: Interval.open(sp.Rational(1, 10), 2), L: Interval.open(1, 10),
                          w: Interval.open(0, 1), e: Interval.open(0, 1),
                          g: Interval.open(1, 5), r: Interval.open(1, 5),
                          a1: Interval.open(sp.Rational(1, 10), 1), L1: Interval.open(1, 8),
                          a2: Interval.open(sp.Rational(1, 10), 1), rr: Interval.open(1, 3)})


def _f13_f14():
    """(13)-(14) in closed form (functions of alpha, Lam = ell^eps, eps, g)."""
    f1 = a * (1 + log(Lam - eps) + eps / (g - eps))
    f2 = a**2 * ((g - eps - 1) + (Lam - g) + 2 * eps * log((Lam - eps) / (g - eps))
                 + eps**2 * (1 / (g - eps) - 1 / (Lam - eps)) + Lam**2 / (Lam - eps))
    return f1, f2


def dalpha_deps():
    """d alpha^eps / d eps at eps = 0 by the implicit function theorem, Lam = g r."""
    f1, f2 = _f13_f14()
    J = sp.Matrix([[f1.diff(a), f1.diff(Lam)], [f2.diff(a), f2.diff(Lam)]]).subs(eps, 0)
    Je = sp.Matrix([f1.diff(eps), f2.diff(eps)]).subs(eps, 0)
    d = -(J.inv() * Je)[0]
    return sp.simplify(d.subs(Lam, g * r))


def dalpha_deps_printed(LK):
    """A.4's printed formula for phi = z^2 (the integrals done): -(log L - L + 1)/(L - 1 - L log L)."""
    num = sp.integrate((2 * a * x - 2 * a * LK) / x**2, (x, 1, LK))
    den = sp.integrate((2 * a * x - 2 * a * LK) * x / x**2, (x, 1, LK))
    return -num / den


def numerator_negative(n_r) -> Implied:
    """n(r) < 0 on r > 1 from n(1) = 0 and n' < 0 (both parts built from ``n_r``, the direct claim's
    expression)."""
    sid = "dalpha_deps_negative.num"
    return Implied(sid, source=T2, implication=Monotone(r, "lo", at_anchor="num1", slope="dnum"),
                   direct=Inequality(sid, lhs=n_r, rel="<", rhs=0, source=T2),
                   sufficient=[AllOf(f"{sid}_monotone", source=T2,
                                     statement=r"n(r) = 1-r+\log r:\ n(1) = 0,\ n'(r) = 1/r - 1 < 0"
                                               r" \Rightarrow n < 0 \text{ on } r > 1",
                                     parts=[Identity("dalpha_deps_negative.num1", lhs=n_r.subs(r, 1), rhs=0,
                                                     source=T2),
                                            Inequality("dalpha_deps_negative.dnum", lhs=sp.diff(n_r, r), rel="<",
                                                       rhs=0, source=T2)])])


def _part1() -> list:
    f1, f2 = _f13_f14()
    # H_eps is the law of X + eps 1{X > g - eps}: substitute x -> x + eps beyond g - eps
    f1_int = (sp.Integral(a * x / x**2, (x, 1, g - eps)) + sp.Integral(a * (x + eps) / x**2, (x, g - eps, Lam - eps))
              + a * Lam / (Lam - eps))
    f2_int = (sp.Integral(a**2 * x**2 / x**2, (x, 1, g - eps))
              + sp.Integral(a**2 * (x + eps)**2 / x**2, (x, g - eps, Lam - eps)) + a**2 * Lam**2 / (Lam - eps))
    pt = {Lam: g * r}
    d = dalpha_deps()
    D = lambda u: u * log(u) - u + 1
    correct = a * (1 - r + log(r)) / D(g * r)
    return [
        Identity("eq13_closed_form", lhs=f1_int.subs(pt), rhs=f1.subs(pt), over=[(eps, 0, (g - 1) / 2)],
                 source=f"{A4}, eq. (13); Fig. 5",
                 statement=r"\int_1^{\ell^\varepsilon}\alpha x\,H_\varepsilon(dx) + \alpha\ell^\varepsilon(1-H_\varepsilon"
                           r"(\ell^\varepsilon)) = \alpha(1+\log(\ell^\varepsilon-\varepsilon)+\tfrac{\varepsilon}{g-\varepsilon})"),
        Identity("eq14_closed_form", lhs=f2_int.subs(pt), rhs=f2.subs(pt), over=[(eps, 0, (g - 1) / 2)],
                 source=f"{A4}, eq. (14); Fig. 5",
                 statement=r"\text{(14) for } \phi = z^2 \text{ in closed form}",
                 rewrites=(({log((g * r - eps) / (g - eps)): log(g * r - eps) - log(g - eps)},
                            "log(A/B) = log A - log B for A = g r - eps > 0, B = g - eps > 0: on the range "
                            "0 <= eps <= (g - 1)/2 < g < g r (g > 1, r > 1)"),)),
        Identity("eq13_14_at_eps_zero", lhs=(f1.subs(eps, 0) + f2.subs(eps, 0)).subs(Lam, L),
                 rhs=(group(a, L)["m"] + group(a, L)["s"]), source=A4,
                 statement=r"\varepsilon = 0:\ (13)\text{-}(14) \text{ reduce to (5)-(6)}"),
        Identity("dalpha_deps_formula", lhs=d, rhs=correct, source=T2,
                 statement=r"\frac{d\alpha^\varepsilon}{d\varepsilon}\Big|_0 = \frac{\alpha(1-r+\log r)}{D(gr)},\ "
                           r"r = \ell_K/g,\ D(L) = L\log L - L + 1 \text{ (derived)}"),
        AllOf("dalpha_deps_negative", source=T2,
              statement=r"\frac{d\alpha^\varepsilon}{d\varepsilon}\Big|_0 < 0:\ 1-r+\log r < 0 \ (r>1),\ D(L) > 0\ (L>1)",
              parts=[numerator_negative(1 - r + log(r)),
                     Identity("dalpha_deps_negative.D1", lhs=D(L).subs(L, 1), rhs=0, source=T2),
                     Inequality("dalpha_deps_negative.dD", lhs=sp.diff(D(L), L), rel=">", rhs=0, source=T2)]),
        Identity("dalpha_deps_as_printed", lhs=d, rhs=dalpha_deps_printed(g * r), source=A4, expect="fails",
                 corrected="dalpha_deps_formula",
                 statement=r"\frac{d\alpha^\varepsilon}{d\varepsilon}\Big|_0 = -\frac{\int_1^{\ell_K}(\phi'(\alpha x)-"
                           r"\phi'(\alpha\ell_K))H(dx)}{\int_1^{\ell_K}(\phi'(\alpha x)-\phi'(\alpha\ell_K))xH(dx)}"
                           r" \text{ (as printed)}",
                 note="typo T5: the printed formula has no factor alpha_K and ignores the gap point; it is the "
                      "correct derivative at gap g = 1 divided by alpha_K (same sign, so the proof's conclusion holds)"),
    ]


def _split_law(share) -> dict:
    """Atoms (value -> mass) of the law of an item of the split pair under F~ of A.4 part 2 (K = J u J' = {1, 2},
    eps = e/ell), for the item with share = m_i/m_K: besides the Pareto part share*alpha*x, x in [1, ell) (mass
    1 - 1/ell), the cap share*beta (X in [ell, 1/eps]: mass 1/ell - eps), and on X > 1/eps the split value
    beta (m_i/m_K) (m_K/m_i) Y = beta with probability share and 0 otherwise."""
    return {share * BETA: 1 / L - EPS, BETA: EPS * share, sp.Integer(0): EPS * (1 - share)}


def _part2() -> list:
    w2 = 1 - w
    t = sp.Symbol("t", positive=True)
    law = {w: _split_law(w), w2: _split_law(w2)}

    def rev_interior(share):
        """p Pr[v >= p] at p = share alpha x, x in [1, ell]: the Pareto tail from x plus the atoms at or above p."""
        atoms = law[share]
        return share * a * x * (sp.integrate(1 / t**2, (t, x, L)) + atoms[share * BETA] + atoms[BETA])

    def rev_top(share):
        """p Pr[v >= p] at p = beta: only the split's high atom."""
        return BETA * law[share][BETA]

    mean_J = sp.integrate(w * a * x / x**2, (x, 1, L)) + sum(v_ * m_ for v_, m_ in law[w].items())
    return [
        AllOf("part2_group_total_preserved", source=f"{T2}; Fig. 6",
              statement=r"\tilde V_J + \tilde V_{J'} = \beta_K Y + \beta_K(1-Y) = \beta_K = Z_K \text{ on } X > 1/\varepsilon,"
                        r"\ Y\in\{0,1\}",
              parts=[Identity(f"part2_group_total_preserved.Y{yv}",
                              lhs=(BETA * w * (1 / w) * Y + BETA * w2 * (1 / w2) * (1 - Y)).subs(Y, yv), rhs=BETA,
                              source=T2) for yv in (0, 1)]),
        Identity("part2_item_mean_preserved", lhs=mean_J, rhs=w * G["m"], source=T2,
                 statement=r"\mathbb E\tilde V_1 = \int_1^{\ell} w\alpha x\,H(dx) + w\beta(\tfrac1\ell - \varepsilon)"
                           r" + \beta\,\varepsilon w = w m_K = m_1",
                 note="the mean of item 1 under F~, from its law (Pareto part, cap atom, split atoms); the split moves "
                      "mass eps of value w beta to beta with probability w"),
        Identity("part2_price_revenue", lhs=rev_interior(w), rhs=w * a * (1 - EPS * w2 * x), over=[(x, 1, L)],
                 source=T2,
                 statement=r"p = w\alpha x:\ p\Pr[\tilde v_1\ge p] = w\alpha x(\tfrac1x - \varepsilon + \varepsilon w)"
                           r" = w\alpha(1-\varepsilon(1-w)x)"),
        Identity("part2_best_interior_price", lhs=rev_interior(w).subs(x, 1), rhs=w * a * (1 - w2 * EPS), source=T2,
                 statement=r"\max_{x\in[1,\ell]} = w\alpha(1-(1-w)\varepsilon) \text{ at } p = w\alpha"),
        Inequality("part2_other_prices_as_printed", lhs=rev_top(w), rel="<=", rhs=rev_interior(w).subs(x, 1),
                   source=A4, expect="fails", corrected="part2_separation_loses",
                   statement=r"\beta_K\Pr[\tilde v_1 \ge \beta_K] = \beta\varepsilon w \le w\alpha(1-(1-w)\varepsilon)"
                             r" \ \forall\,0<\varepsilon<\alpha/\beta \text{ (as printed: every positive price)}",
                   note="needs eps < 1/(ell + 1 - w); for eps near alpha/beta the price beta earns more. "
                        "The theorem survives: part2_separation_loses"),
        AllOf("part2_separation_loses", source=T2,
              statement=r"\sum_{J,J'} \sup_p p\Pr[\cdot\ge p] = \alpha w\max(1-(1-w)\varepsilon, \ell\varepsilon)"
                        r" + \alpha(1-w)\max(1-w\varepsilon,\ell\varepsilon) < \alpha w + \alpha(1-w) = \alpha_K",
              note="both candidate prices of each bundle (its lowest value share*alpha and the split's high value "
                   "beta), with revenues computed from the item's law under F~, earn less than share*alpha_K "
                   "(ell eps = e < 1), and the weights w, 1-w sum to one",
              parts=[Inequality("part2_separation_loses.J", lhs=rev_interior(w).subs(x, 1), rel="<", rhs=w * a,
                                source=T2),
                     Inequality("part2_separation_loses.J_top", lhs=rev_top(w), rel="<", rhs=w * a, source=T2),
                     Inequality("part2_separation_loses.Jprime", lhs=rev_interior(w2).subs(x, 1), rel="<",
                                rhs=w2 * a, source=T2),
                     Inequality("part2_separation_loses.Jprime_top", lhs=rev_top(w2), rel="<", rhs=w2 * a,
                                source=T2),
                     Identity("part2_separation_loses.weights", lhs=w * a + w2 * a, rhs=a, source=T2)]),
    ]


def _example() -> list:
    """Sec. 4 example: grand bundle against F*, T(x) = min(a1 x, a1 L1) + min(a2 x, a2 L2), L2 = r L1 > L1."""
    L2 = rr * L1
    T = sp.Min(a1 * x, a1 * L1) + sp.Min(a2 * x, a2 * L2)      # the bundle value along nature's curve
    tail = 1 - (1 - 1 / x)                                     # 1 - H(x) = Pr[X >= x]
    yy, qq = sp.Symbol("y_x", nonnegative=True), sp.Symbol("q_r", positive=True)
    return [
        Identity("example_bundle_price_revenue", lhs=T * tail, rhs=a1 + a2, over=[(x, 1, L1)],
                 source=f"{S4}; Fig. 4",
                 statement=r"p = T(x) = \min(\alpha_1x,\beta_1)+\min(\alpha_{23}x,\beta_{23}),\ x\le\min\ell_K:\ "
                           r"p\Pr[T\ge p] = T(x)(1-H(x)) = R^*",
                 note="T is increasing, so Pr[T >= T(x)] = Pr[X >= x]; on x <= ell_1 < ell_23 neither cap binds",
                 rewrites=(({x: L1 - yy, rr: 1 + qq},
                            "exact reparametrization: every x in [1, ell_1] is ell_1 - y with y >= 0, and r_23 > 1 is "
                            "1 + q with q > 0; the identity is proved for all such y, q"),)),
        Inequality("example_correct_endpoint_in_support", lhs=(a1 + a2) * L1, rel="<=", rhs=a1 * L1 + a2 * L2,
                   source=S4, statement=r"R^*\min_K\ell_K \le \beta_1+\beta_{23} = \sup T"),
        Inequality("example_endpoint_as_printed", lhs=a2 * L2 * (1 + a1 / a2), rel="<=", rhs=a1 * L1 + a2 * L2,
                   source=S4, expect="fails", corrected="example_correct_endpoint_in_support",
                   statement=r"\beta_{23}(1+\alpha_1/\alpha_{23}) \le \beta_1+\beta_{23} \text{ when } \ell_1<\ell_{23}"
                             r" \text{ (as printed)}",
                   note="issue T4: the printed endpoint presumes ell_23 < ell_1; above beta_1 + beta_23 revenue is 0"),
    ]


DERIVATION = Derivation(
    name="che_zhong_thm2",
    title="Che-Zhong Thm 2: necessity of K-bundling (A.4), phi = z^2",
    scope=SCOPE,
    claims=budget(_part1() + _part2() + _example(), 1.0),
    model=(r"X\sim H,\ Z_K = \min(\alpha_K X,\beta_K),\ \tilde F \text{ of A.4 (part 1: } H_\varepsilon;\ "
           r"\text{part 2: split of } X>1/\varepsilon)"),
    references=("Che and Zhong, 'Robustly Optimal Mechanisms for Selling Multiple Goods', working paper (2023), Sec. 4, App. A.4",),
)

if __name__ == "__main__":  # pragma: no cover
    print(DERIVATION.verify(digits=50))
