"""Che and Zhong, App. B.6 (domain restriction): eqs. (29)-(32), Thm. B.1, Remarks B.2-B.3.

Setting: F = {F in Delta(D): E v_i = m_i}, D = {v >= 0: sum_{i in K} v_i <= v-bar_K}.  The worst
case is Z_K = min(alpha_K X, v-bar_K) with X ~ H(x) = 1 - 1/x on [1, oo), split across the items
of K in proportion m_i/m_K; the mechanism sells each K at a random price with density
g_K(p) = 1/(p log(v-bar_K/alpha_K)) on [alpha_K, v-bar_K].

Parametrization: alpha_K = alpha > 0, ell = v-bar_K/alpha_K > 1; then m_K = alpha (1 + log ell)
(eq. (29)) and v-bar_K = alpha ell.  The map (alpha, ell) -> (m_K, v-bar_K) is a bijection onto
{0 < m_K < v-bar_K} (``eq29_ratio_increasing``), so claims proved for all (alpha, ell) hold for
every admissible (m_K, v-bar_K).  The Lambert-W closed form alpha = -m/W_{-1}(-m/(e v-bar)) is
derived (spec B.6), not stated in the paper.

For (31) (seller side) two cells are needed: K1 = {1} with (a1, L1) and K2 = {2, 3} with
(a2, L2), item 2 carrying the share c of m_{K2}.  The paper's gamma_i = m_i / sum_{j in N} m_j
(spec T2, repeated from (11)) gives a weighted average of the alpha_K, not their sum.
The 40-digit R5 values of the spec are regression tests in
``tests/derivations/test_che_zhong_final.py``.
"""
from __future__ import annotations

import sympy as sp
from sympy import E, Interval, LambertW, log

from symmech import AllOf, Derivation, Identity, Implied, Inequality, Scope
from symmech.models.multigood.grid_bracket import NumericBracket
from symmech.claims.budgeted import budget as _budget
from derivations._che_zhong_common import group, z_sym


budget = _budget          # the library's wrapper keeps each claim's expectation and pinned twin

PAPER = "Che and Zhong"
B6 = f"{PAPER}, App. B.6"
TB1 = f"{PAPER}, Thm. B.1"
a, L = sp.symbols("alpha ell", positive=True)
a2, L2, c = sp.symbols("alpha_2 ell_2 c", positive=True)
x, p = sp.symbols("x p", positive=True)
z = sp.Symbol("z")                          # plain: bound variable
VB = a * L                                  # v-bar_K
M_K = a * (1 + log(L))                      # eq. (29)
VB2, M2 = a2 * L2, a2 * (1 + log(L2))
SCOPE = Scope(parameters={a: Interval.open(sp.Rational(1, 10), 2), L: Interval.open(1, 10),
                          a2: Interval.open(sp.Rational(1, 10), 2), L2: Interval.open(1, 10),
                          c: Interval.open(0, 1)})

# two goods in one cell (coarsest), m = (0.3, 0.3), v-bar = 1: spec R5 row (0.6, 1)
LP_GRID = [i / 12 for i in range(13)]
LP_ALPHA = 0.2524804795260597          # spec R5: -m / W_{-1}(-m/(e v-bar)) (proved guarantee, Thm. B.1)


def _lp_bracket() -> tuple[bool, str]:
    from symmech.tactics.lp import MomentCondition
    from symmech.models.multigood.grid_bracket import maxmin_two_goods_bracket
    moments = [MomentCondition(lambda u, v: u, "==", 0.3), MomentCondition(lambda u, v: v, "==", 0.3),
               MomentCondition(lambda u, v: max(0.0, u + v - 1.0), "<=", 0.0)]     # domain D as a moment
    return maxmin_two_goods_bracket(LP_GRID, moments, LP_ALPHA, slack=0.05)


def _jensen_margin(th1) -> Implied:
    """s_K - m_K^2 > 0, via s - m^2 = alpha^2 J(ell), J(1) = 0, J' = 2 h/ell, h = ell - 1 - log ell,
    h(1) = 0, h' = 1 - 1/ell > 0 (so h > 0, J' > 0, J > 0 on (1, oo))."""
    rb2 = f"{PAPER}, Remark B.2"
    sid = "remarkB2_same_worst_case_quadratic.jensen"
    J = 2 * L - 1 - (1 + log(L))**2
    h = L - 1 - log(L)
    return Implied(sid, source=rb2,
                   direct=Inequality(sid, lhs=th1["s"] - th1["m"]**2, rel=">", rhs=0, source=rb2),
                   sufficient=[AllOf(f"{sid}.monotone", source=rb2,
                                     statement=r"s_K - m_K^2 = \alpha^2 J(\ell),\ J(1) = 0,\ J' = 2h/\ell,\ "
                                               r"h = \ell - 1 - \log\ell,\ h(1) = 0,\ h' = 1 - 1/\ell > 0"
                                               r" \Rightarrow h > 0,\ J' > 0,\ J > 0 \text{ on } \ell > 1",
                                     parts=[Identity(f"{sid}.form", lhs=th1["s"] - th1["m"]**2, rhs=a**2 * J,
                                                     source=rb2),
                                            Identity(f"{sid}.J1", lhs=J.subs(L, 1), rhs=0, source=rb2),
                                            Identity(f"{sid}.dJ", lhs=sp.diff(J, L), rhs=2 * h / L, source=rb2),
                                            Identity(f"{sid}.h1", lhs=h.subs(L, 1), rhs=0, source=rb2),
                                            Inequality(f"{sid}.dh", lhs=sp.diff(h, L), rel=">", rhs=0,
                                                       source=rb2)])])


def _thm1_concave(th1) -> Implied:
    """t_K'' = -2 lambda_K = -1/(alpha D(ell)) < 0, D = ell log ell - ell + 1, D(1) = 0, D' = log ell > 0."""
    rb2 = f"{PAPER}, Remark B.2"
    sid = "remarkB2_linear_vs_concave.thm1"
    D = L * log(L) - L + 1
    tpp = sp.diff(th1["t_mid"].subs(z_sym, z), z, 2)
    return Implied(sid, source=rb2,
                   direct=Inequality(sid, lhs=tpp, rel="<", rhs=0, source=rb2),
                   sufficient=[AllOf(f"{sid}.monotone", source=rb2,
                                     statement=r"t_K'' = -\frac{1}{\alpha D(\ell)},\ D = \ell\log\ell-\ell+1,\ "
                                               r"D(1) = 0,\ D' = \log\ell > 0 \Rightarrow D > 0,\ t_K'' < 0",
                                     parts=[Identity(f"{sid}.form", lhs=tpp, rhs=-1 / (a * D), source=rb2),
                                            Identity(f"{sid}.D1", lhs=D.subs(L, 1), rhs=0, source=rb2),
                                            Inequality(f"{sid}.dD", lhs=sp.diff(D, L), rel=">", rhs=0,
                                                       source=rb2)])])


# Z_K(x) = min(alpha x, v-bar_K) along X ~ H, as Piecewise: the kink x = ell in the left piece (left derivative
# there) or in the right piece (right derivative); (1 - H)/h = x
Z_LEFT = sp.Piecewise((a * x, x <= L), (VB, True))
Z_RIGHT = sp.Piecewise((a * x, x < L), (VB, True))


def _claims() -> list:
    logL = log(L)
    g = 1 / (p * logL)
    t_mid = (z - a) / logL
    w = 1 + logL                                 # -W_{-1}(-m/(e v-bar)) = 1 + log ell
    arg = -M_K / (E * VB)
    th1 = group(a, L)                             # Thm. 1 objects with beta_K = alpha ell (Remark B.2)
    gam_ok = [M_K / M_K, c * M2 / M2, (1 - c) * M2 / M2]          # gamma_i = m_i / m_{K(i)}
    mN = M_K + M2
    gam_printed = [M_K / mN, c * M2 / mN, (1 - c) * M2 / mN]     # gamma_i = m_i / m_N as printed
    alphas = [a, a2, a2]
    vbars = [VB, VB2, VB2]
    h = sp.diff(1 - 1 / x, x)                                       # X ~ H = 1 - 1/x: H(dx) = h dx
    # the virtual value of V_i is gamma_i v-bar_K(i) on x > ell_K(i) (0 below), integrated against H
    bound = lambda gam: sum(gi * sp.integrate(vb * h, (x, vb / ai, sp.oo))   # noqa: E731
                            for gi, vb, ai in zip(gam, vbars, alphas))
    return budget([
        # --- (29): the mean condition and alpha_K --------------------------------------------------
        Identity("eq29_mean_condition", lhs=sp.Integral(a * x / x**2, (x, 1, L)) + VB / L, rhs=M_K,
                 source=f"{B6}, eq. (29); Figs. 7, 9",
                 statement=r"\mathbb E\min(\alpha_K X,\bar v_K) = \int_1^{\ell}\frac{\alpha}{x}dx"
                           r" + \frac{\bar v_K}{\ell}"
                           r" = \alpha_K(1+\log(\bar v_K/\alpha_K)) = m_K \quad (29)"),
        AllOf("eq29_alpha_below_mean_below_vbar", source=B6,
              statement=r"0 < \alpha_K < m_K < \bar v_K:\ m_K-\alpha_K = \alpha\log\ell,\ "
                        r"\bar v_K - m_K = \alpha h(\ell),\ h(1) = 0,\ h' > 0",
              parts=[Identity("eq29_alpha_below_mean_below_vbar.lo_form", lhs=M_K - a, rhs=a * log(L), source=B6),
                     Inequality("eq29_alpha_below_mean_below_vbar.lo", lhs=a * log(L), rel=">", rhs=0, source=B6),
                     Identity("eq29_alpha_below_mean_below_vbar.hi_form", lhs=VB - M_K, rhs=a * (L - 1 - log(L)),
                              source=B6),
                     Identity("eq29_alpha_below_mean_below_vbar.h1", lhs=(L - 1 - log(L)).subs(L, 1), rhs=0,
                              source=B6),
                     Inequality("eq29_alpha_below_mean_below_vbar.dh", lhs=sp.diff(L - 1 - log(L), L), rel=">",
                                rhs=0, source=B6)]),
        AllOf("eq29_ratio_increasing", source=B6,
              statement=r"\frac{\bar v_K}{m_K} = \frac{\ell}{1+\log\ell} \text{ is } 1 \text{ at } \ell = 1 "
                        r"\text{ and increasing: (29) has a unique root } \alpha_K\in(0,m_K)",
              parts=[Identity("eq29_ratio_increasing.at1", lhs=(L / (1 + log(L))).subs(L, 1), rhs=1, source=B6),
                     Inequality("eq29_ratio_increasing.deriv", lhs=sp.diff(L / (1 + log(L)), L), rel=">", rhs=0,
                                source=B6)]),
        AllOf("lambert_closed_form_exact", source=B6,
              statement=r"W = -(1+\log\ell) \text{ solves } We^W = -\frac{m_K}{e\bar v_K},\ W\le -1 "
                        r"\text{ (branch } W_{-1}),\ -m_K/W = \alpha_K \text{ (derived)}",
              parts=[Identity("lambert_closed_form_exact.fixed_point", lhs=-w * sp.exp(-w), rhs=arg, source=B6),
                     Inequality("lambert_closed_form_exact.branch", lhs=-w, rel="<=", rhs=-1, source=B6),
                     Identity("lambert_closed_form_exact.alpha", lhs=-M_K / (-w), rhs=a, source=B6)]),
        Identity("lambert_closed_form", lhs=-M_K / LambertW(arg, -1), rhs=a, source=B6,
                 statement=r"\alpha_K = -m_K / W_{-1}\!\big(-m_K/(e\bar v_K)\big) \text{ (derived)}",
                 rewrites=(({LambertW(arg, -1): -w},
                            "defining property of W_{-1}: for y in [-1/e, 0), W_{-1}(y) is the unique w <= -1 with "
                            "w e^w = y; w = -(1 + log ell) satisfies both (lambert_closed_form_exact.fixed_point, "
                            ".branch), and y = -(1 + log ell)/(e ell) lies in [-1/e, 0) since 1 + log ell <= ell"),)),
        Inequality("lambert_principal_branch_root_in_range", lhs=M_K - (-M_K / LambertW(arg, 0)), rel=">", rhs=0,
                   source=B6, expect="fails", corrected="lambert_closed_form",
                   statement=r"-m_K/W_0\!\big(-m_K/(e\bar v_K)\big) < m_K",
                   note="the principal branch gives the other root of (29), above v-bar_K (outside D): "
                        "W_0 lies in (-1, 0), so -m/W_0 > m; the lower branch W_{-1} is needed"),
        # --- the mechanism and (30) -----------------------------------------------------------------
        Identity("price_density_mass_one", lhs=sp.Integral(g, (p, a, VB)), rhs=1, source=B6,
                 statement=r"\int_{\alpha_K}^{\bar v_K}\frac{dp}{p\log(\bar v_K/\alpha_K)} = 1"),
        Identity("payment_linear_on_support", lhs=sp.Integral(p * g, (p, a, z)), rhs=t_mid, over=[(z, a, VB)],
                 source=f"{TB1}; Figs. 8, 10",
                 statement=r"t_K(z) = \int_{\alpha_K}^z p\,g_K(p)dp = \frac{z-\alpha_K}{\log(\bar v_K/\alpha_K)},\ "
                           r"z\in[\alpha_K,\bar v_K]"),
        Identity("eq30_value", lhs=(M_K - a) / logL, rhs=a, source=f"{PAPER}, eq. (30)",
                 statement=r"\frac{m_K-\alpha_K}{\log(\bar v_K/\alpha_K)} = \alpha_K \text{ by (29)}"),
        Identity("eq30_value_by_quadrature",
                 lhs=sp.Integral((a * x - a) / logL / x**2, (x, 1, L)) + (VB - a) / logL / L, rhs=a,
                 source=f"{PAPER}, eq. (30)",
                 statement=r"R(M^*,F^*) = \int_1^\infty t_K(\min(\alpha x,\bar v))\,dH(x) = \alpha_K"),
        # --- (31): seller best response ---------------------------------------------------------------
        AllOf("eq31_virtual_value", source=f"{PAPER}, eq. (31)",
              statement=r"Z(x) - xZ'(x) = 0 \ (x<\ell),\ = \bar v_K\ (x>\ell);\ "
                        r"\int_{\ell}^\infty \bar v_K\,dH = \bar v_K/\ell = \alpha_K",
              parts=[Identity("eq31_virtual_value.below", lhs=Z_LEFT - x * sp.diff(Z_LEFT, x), rhs=0,
                              over=[(x, 1, L)], source=f"{PAPER}, eq. (31)"),
                     Identity("eq31_virtual_value.above", lhs=Z_RIGHT - x * sp.diff(Z_RIGHT, x), rhs=VB,
                              over=[(x, L, 2 * L)], source=f"{PAPER}, eq. (31)"),
                     Identity("eq31_virtual_value.mass", lhs=sp.Integral(VB / x**2, (x, L, sp.oo)), rhs=a,
                              source=f"{PAPER}, eq. (31)")]),
        Identity("eq31_bound_gamma_within_cell", lhs=bound(gam_ok), rhs=a + a2, source=f"{PAPER}, eq. (31)",
                 statement=r"\sum_i \gamma_i\bar v_{K(i)}\frac{\alpha_{K(i)}}{\bar v_{K(i)}} = \sum_K\alpha_K,\ "
                           r"\gamma_i = m_i/m_{K(i)} \text{ (repaired, spec T2)}"),
        Identity("eq31_bound_as_printed", lhs=bound(gam_printed), rhs=a + a2, source=f"{PAPER}, eq. (31)",
                 expect="fails", corrected="eq31_bound_gamma_within_cell",
                 statement=r"\sum_i \gamma_i\bar v_{K(i)}\frac{\alpha_{K(i)}}{\bar v_{K(i)}} = \sum_K\alpha_K,\ "
                           r"\gamma_i = m_i/\textstyle\sum_{j\in N}m_j \text{ (as printed)}",
                 note="spec T2 (repeated from (11)): the printed gamma gives (m_1 a_1 + m_23 a_23)/m_N, a weighted "
                      "average; counterexample (spec R5, Fig. 7-8: m = (0.6, 0.5), v-bar = (1, 1)): "
                      "(0.6*0.2524805 + 0.5*0.1866823)/1.1 = 0.2225722 != 0.4391628 = a_1 + a_2"),
        # --- (32): nature best response -------------------------------------------------------------
        AllOf("eq32_dual_certificate", source=f"{PAPER}, eq. (32)",
              statement=r"t_K(z) \ge \frac{z-\alpha_K}{\log(\bar v_K/\alpha_K)} \text{ on } [0,\bar v_K]"
                        r" \text{ (equality on } [\alpha_K,\bar v_K])",
              parts=[Inequality("eq32_dual_certificate.below", lhs=0, rel=">=", rhs=t_mid, over=[(z, 0, a)],
                                source=f"{PAPER}, eq. (32)"),
                     Identity("eq32_dual_certificate.support", lhs=sp.Integral(p * g, (p, a, z)), rhs=t_mid,
                              over=[(z, a, VB)], source=f"{PAPER}, eq. (32)")]),
        Inequality("eq32_beyond_domain", lhs=t_mid.subs(z, VB), rel=">=", rhs=t_mid,
                   over=[(z, VB * sp.Rational(11, 10), 2 * VB)],
                   source=f"{PAPER}, eq. (32)", expect="fails", corrected="eq32_dual_certificate",
                   statement=r"t_K(\bar v_K) \ge \frac{z-\alpha_K}{\log(\bar v_K/\alpha_K)} \text{ for } z > \bar v_K",
                   note="(32) needs the domain restriction z_K <= v-bar_K: beyond it t* is flat and the linear "
                        "certificate keeps rising"),
        Identity("eq32_value", lhs=t_mid.subs(z, M_K), rhs=a, source=f"{PAPER}, eq. (32)",
                 note="the certificate is linear in z_K, so its mean under any F in F is its value at E z_K = m_K",
                 statement=r"\int\sum_K\frac{\sum_{j\in K}v_j-\alpha_K}{\log(\bar v_K/\alpha_K)}dF = \sum_K\alpha_K"
                           r" \text{ for every } F\in\mathcal F"),
        # --- Remarks B.2-B.3 ---------------------------------------------------------------------------
        AllOf("remarkB2_same_worst_case_quadratic", source=f"{PAPER}, Remark B.2",
              statement=r"\phi_K = z^2,\ s_K = 2\alpha_K\bar v_K - \alpha_K^2:\ (5)\text{-}(6) \text{ give the same }"
                        r" (\alpha_K, \beta_K = \bar v_K) \text{ (derived)}",
              parts=[Identity("remarkB2_same_worst_case_quadratic.mean", lhs=th1["m"], rhs=M_K,
                              source=f"{PAPER}, Remark B.2"),
                     Identity("remarkB2_same_worst_case_quadratic.beta", lhs=th1["beta"], rhs=VB,
                              source=f"{PAPER}, Remark B.2"),
                     Identity("remarkB2_same_worst_case_quadratic.s", lhs=th1["s"], rhs=2 * a * VB - a**2,
                              source=f"{PAPER}, Remark B.2"),
                     _jensen_margin(th1)]),
        AllOf("remarkB2_linear_vs_concave", source=f"{PAPER}, Remark B.2",
              statement=r"t_K'' = 0 \text{ (B.6)},\ t_K'' = -2\lambda_K < 0 \text{ (Thm. 1, same } F^*)",
              parts=[Identity("remarkB2_linear_vs_concave.b6", lhs=sp.diff(t_mid, z, 2), rhs=0,
                              source=f"{PAPER}, Remark B.2"),
                     _thm1_concave(th1)]),
        Identity("remarkB3_finest_value", lhs=a + a2, rhs=(M_K - a) / logL + (M2 - a2) / log(L2),
                 source=f"{PAPER}, Remark B.3; Figs. 7-8",
                 statement=r"\text{finest } \mathcal K \text{ (Fig. 7-8): } R^* = \alpha_1+\alpha_2 "
                           r"= \sum_i\frac{m_i-\alpha_i}{\log(\bar v_i/\alpha_i)}"),
        NumericBracket("lp_bracket_one_cell_two_goods", compute=_lp_bracket, source=f"{TB1}; Figs. 9-10",
                       statement=r"\mathcal K = \{\{1,2\}\},\ m = (0.3, 0.3),\ v_1+v_2\le 1:\ "
                                 r"\alpha_K \le \text{grid max-min LP} \le \alpha_K + 0.05",
                       note="13x13 type grid, step 1/12, all IC/IR menus; the domain is imposed as "
                            "E(v_1 + v_2 - 1)^+ <= 0; LP value is an upper bound of alpha_K = 0.25248 (spec R5)"),
    ], 1.0)


DERIVATION = Derivation(
    name="che_zhong_b6",
    title="Che-Zhong App. B.6: domain restriction, the Lambert-W form of alpha, eqs. (29)-(32), Remark B.2",
    scope=SCOPE,
    claims=_claims(),
    model=(r"\mathcal F = \{F\in\Delta(D): \mathbb E_F v_i = m_i\},\ D = \{\mathbf v\ge0: \textstyle\sum_{i\in K}v_i"
           r"\le\bar v_K\},\ Z_K = \min(\alpha_K X,\bar v_K),\ g_K(p) = \frac{1}{p\log(\bar v_K/\alpha_K)}"),
    references=("Che and Zhong, 'Robustly Optimal Mechanisms for Selling Multiple Goods', working paper (2023), App. B.6",),
)

if __name__ == "__main__":  # pragma: no cover
    print(DERIVATION.verify(digits=50))
