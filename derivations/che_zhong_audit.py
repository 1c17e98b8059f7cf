"""Che and Zhong, the last items and errata of the audit against the paper: nature's directional
argument (12) with (20)-(21), eq. (19) of Lemma A.1 on a finite instance, the Figs. 7-8 parameters
of App. B.6, the multiple-moment set (7) and the inclusion of A.3, and the errata T5, T7, T8, G6 and
X3 (see ``symmech/reports/papers/che_zhong.py``).

Parametrization as in che_zhong_thm1: alpha_K = a > 0 and ell_K = beta_K/alpha_K = L > 1, with
m_K = a (1 + log L) and s_K = 2 a^2 L - a^2 (phi = z^2; (5)-(6) solved for (m, s)).

Cited, not checked: existence of the argmin over Omega (used by the contradiction after (12)), the
limit argument of A.3 for infinite A, Carroll's (2017) coupling in Lemma A.1.
"""
from __future__ import annotations

import sympy as sp
from sympy import Interval, Rational, exp, log

from symmech import AllOf, Derivation, Identity, Inequality, Scope
from derivations._che_zhong_common import group

PAPER = "Che and Zhong"
a, L = sp.symbols("alpha ell", positive=True)
x, y = sp.symbols("x y", positive=True)
z = sp.Symbol("z", nonnegative=True)
dm, ds = sp.symbols("dm ds", real=True)            # d m'_K / d delta, d s'_K / d delta at delta = 0, (20)
w = sp.Symbol("w", positive=True)                  # m_i / m_K(i)
c = sp.Symbol("c", positive=True)                  # m_K / m_N < 1
x0 = sp.Symbol("x_0", positive=True)               # a point below 1
k = sp.Symbol("k", positive=True)                  # spread of a two-point law
b = sp.Symbol("b", positive=True)                  # beta* in the A.3 linear extension
b11, b12, b22, c1, c2 = sp.symbols("b_11 b_12 b_22 c_1 c_2", real=True)
w1, w2 = sp.symbols("w_1 w_2", positive=True)      # the ray m^K / m_K
V123 = sp.symbols("v_1 v_2 v_3", nonnegative=True)  # a type (fn. 13)
qA, qB, tA, tB = sp.symbols("q_A q_B t_A t_B", real=True)   # q_K(z'_K), t_K(z'_K) at the report v'

SCOPE = Scope(parameters={a: Interval.open(Rational(1, 10), 2), L: Interval.open(1, 10),
                          dm: Interval(-1, 1), ds: Interval(-1, 1), w: Interval.open(0, 1),
                          c: Interval.open(0, 1), x0: Interval.open(0, 1), k: Interval(1, 100),
                          b: Interval.open(Rational(1, 2), 5), b11: Interval(-2, 2), b12: Interval(-2, 2),
                          b22: Interval(-2, 2), c1: Interval(-2, 2), c2: Interval(-2, 2),
                          w1: Interval.open(0, 1), w2: Interval.open(0, 1), qA: Interval(0, 1),
                          qB: Interval(0, 1), tA: Interval(0, 5), tB: Interval(0, 5)})

G = group(a, L)
BETA, M_K, S_K, LAM = G["beta"], G["m"], G["s"], G["lam"]


# --- (12) with (20)-(21): dB/d delta = - d sum alpha / d delta ------------------------------------------
def _eq12() -> list:
    src = f"{PAPER}, Thm. 1 (proof, eq. (12)); App. B.1, eqs. (20)-(21)"
    det = sp.diff(M_K, a) * sp.diff(S_K, L) - sp.diff(M_K, L) * sp.diff(S_K, a)
    # d alpha / d delta by Cramer's rule on d(m, s) = J d(alpha, ell), not from (22)
    dalpha = (sp.diff(S_K, L) * dm - sp.diff(M_K, L) * ds) / det
    dB = LAM * (-2 * BETA * dm + ds)              # (21) with phi'(beta) = 2 beta
    return [Identity("eq12_directional_derivative", lhs=dB + dalpha, rhs=0, source=src,
                     statement=r"\frac{dB}{d\delta}\Big|_0 = \lambda_K\big(-\phi'(\beta_K)\,m_K' + s_K'\big) = "
                               r"-\frac{d\alpha_K}{d\delta}\Big|_0 \text{ for every direction } (m_K', s_K')",
                     note="d alpha/d delta is computed by inverting the Jacobian of (5)-(6) in (alpha, ell), so the "
                          "identity checks (12) and (21) without using (22); one group, phi = z^2 (the sum over K "
                          "is termwise). The contradiction drawn from (12) uses only global minimality of "
                          "sum alpha over Omega (G2)")]


# --- eq. (19): for K-bundled M, R(M, F) depends on F only through its K-marginals ------------------------
def _revenue(law: dict, pay) -> sp.Rational:
    return sum(pr * pay(v) for v, pr in law.items())


def _eq19() -> list:
    src = f"{PAPER}, Lemma A.1 (proof, eq. (19))"
    h = Rational(1, 2)
    # K = {{1, 2}, {3}}: group total v1 + v2 in {0, 2}, v3 in {0, 1}, each with probability 1/2
    F_indep = {(0, 0, 0): h * h, (0, 0, 1): h * h, (1, 1, 0): h * h, (1, 1, 1): h * h}
    F_comon = {(0, 0, 0): h, (2, 0, 1): h}        # same K-marginals, other split and coupling
    t_K = lambda v: (2 if v[0] + v[1] >= 2 else 0) + (1 if v[2] >= 1 else 0)   # noqa: E731  prices 2 and 1
    t_grand = lambda v: 3 if sum(v) >= 3 else 0   # noqa: E731  the grand bundle at 3: not K-bundled
    marg = lambda law, f: {s_: sum(pr for v, pr in law.items() if f(v) == s_) for s_ in (0, 1, 2)}  # noqa: E731
    same = [Identity(f"eq19.same_marginal[{name}={s_}]", lhs=marg(F_indep, f)[s_], rhs=marg(F_comon, f)[s_],
                     source=src)
            for name, f in (("v1+v2", lambda v: v[0] + v[1]), ("v3", lambda v: v[2])) for s_ in (0, 1, 2)]
    return [
        AllOf("eq19_revenue_depends_on_K_marginals", source=src,
              statement=r"M\in\mathcal M_{\mathcal K}:\ R(M,F) = \sum_K\int t_K\,dF_K = R(M,F') \text{ when } "
                        r"\Upsilon_{\mathcal K}(F) = \Upsilon_{\mathcal K}(F')",
              note="K = {{1,2},{3}}; F independent with v1 = v2, F' comonotone with v = (2,0,1): same K-marginals; "
                   "the K-bundled posted prices (2 for {1,2}, 1 for {3}) earn 3/2 under both",
              parts=same + [Identity("eq19.revenue", lhs=_revenue(F_indep, t_K), rhs=_revenue(F_comon, t_K),
                                     source=src)]),
        Identity("eq19_grand_bundle_same_revenue", lhs=_revenue(F_indep, t_grand), rhs=_revenue(F_comon, t_grand),
                 source=src, expect="fails", corrected="eq19_revenue_depends_on_K_marginals",
                 statement=r"\text{grand bundle at } 3 \notin \mathcal M_{\mathcal K}:\ R(M,F) = R(M,F')",
                 note="control: a mechanism that is not K-bundled sees the coupling (3/4 vs 3/2)"),
    ]


# --- Figs. 7-8: the B.6 finest example m = (0.6, 0.5), v-bar = 1 ------------------------------------------
# alpha_K solves (29): alpha (1 + log(v-bar/alpha)) = m; brackets of the catalog's 40-digit values (spec R5)
_FIG78 = ((Rational(3, 5), Rational("0.25248047952605969770"), Rational("0.25248047952605969771")),
          (Rational(1, 2), Rational("0.18668230885083704212"), Rational("0.18668230885083704213")))
R5_SEPARATE = Rational("0.4391627883768967398272232133380653306912")


def fig78_parts(brackets=_FIG78, value=R5_SEPARATE, src: str = f"{PAPER}, Figs. 7-8; App. B.6, eq. (29)") -> list:
    """(29) changes sign on each bracket, is increasing there (unique root), and the brackets add up
    around ``value`` (the finest-partition guarantee alpha_1 + alpha_2).

    The sign of f(t) = t (1 + log(1/t)) - m at a rational t is checked as t exp(m/t - 1) > 1 (f < 0) or
    < 1 (f > 0): log(t exp(m/t - 1)) = -f(t)/t, shown once for all t."""
    parts = []
    for j, (m, lo, hi) in enumerate(brackets):
        e = lambda t: t * exp(m / t - 1)  # noqa: E731
        parts += [Identity(f"fig78.alpha{j + 1}.sign_form", lhs=sp.expand_log(log(e(y)), force=True),
                           rhs=-(y * (1 + log(1 / y)) - m) / y, over=[(y, Rational(1, 100), Rational(99, 100))],
                           source=src),
                  Inequality(f"fig78.alpha{j + 1}.lo", lhs=e(lo), rel=">", rhs=1, source=src),
                  Inequality(f"fig78.alpha{j + 1}.hi", lhs=e(hi), rel="<", rhs=1, source=src)]
    parts += [Inequality("fig78.increasing", lhs=-log(y), rel=">", rhs=0,
                         over=[(y, Rational(1, 100), Rational(99, 100))], source=src)]
    parts += [Inequality("fig78.sum.lo", lhs=sum(br[1] for br in brackets), rel="<=", rhs=value, source=src),
              Inequality("fig78.sum.hi", lhs=sum(br[2] for br in brackets), rel=">=", rhs=value, source=src)]
    return parts


def _fig78() -> list:
    return [AllOf("fig78_separate_sales_guarantee", source=f"{PAPER}, Figs. 7-8; App. B.6, eq. (29)",
                  parts=fig78_parts(),
                  statement=r"m = (0.6, 0.5),\ \bar v = (1, 1):\ \alpha_1 \in [0.25248047952605969770, "
                            r"0.25248047952605969771],\ \alpha_2 \in [0.18668230885083704212, "
                            r"0.18668230885083704213],\ R^* = \alpha_1+\alpha_2 \ni 0.43916278837689673983",
                  note="(29)'s left side has derivative log(v-bar/alpha) > 0 for alpha < v-bar = 1 (checked on "
                       "[0.01, 0.99], which holds both brackets), so each bracket holds the unique root there; the "
                       "sum brackets the catalog's R5 value")]


# --- (7), Prop. 1 / A.3: the inclusion Cor. 2 needs, and the printed one (X3) --------------------------------
PHI2 = lambda t: t**2 / 2 + t - log(1 + t)        # noqa: E731  phi(0) = phi'(0) = 0, phi'' in [1, 2]
_P = {Rational(0): Rational(1, 2), Rational(2): Rational(1, 2)}                    # mean 1, E z^2 = 2
_Q = {Rational(33, 50): Rational(9, 10), Rational(203, 50): Rational(1, 10)}        # mean 1, E z^2 = 2.0404
S1, S2 = Rational(2), Rational(141, 100)


def _E(law: dict, f) -> sp.Expr:
    return sum(pr * f(v) for v, pr in law.items())


#: a rational bracket of alpha^1, the root of (5)-(6) for m = 1, phi^1 = z^2, s^1 = 2 (alpha^1 = 0.27782385795...;
#: alpha^2 = 0.27595921523... for phi^2, s^2 = 1.41, so a* = 1: the most binding moment is the first)
_ALPHA1 = (Rational(2778, 10000), Rational(2779, 10000))
_ta = sp.Symbol("t_alpha", positive=True)


def _canonical_moment(f, m=1) -> sp.Expr:
    """E f(Z) under F^(m, .) with alpha = _ta: Z = min(alpha X, beta), X ~ H, beta = alpha e^{(m - alpha)/alpha}
    from (5), i.e. density alpha/y^2 on [alpha, beta) and an atom alpha/beta at beta."""
    be = _ta * exp((m - _ta) / _ta)
    return sp.integrate(f(y) * _ta / y**2, (y, _ta, be)) + f(be) * _ta / be


def _worst_case_in_f_tilde(src: str) -> AllOf:
    """T7 corrected: F* = F^(m, s^{a*}) lies in F~ (A.3's 'Therefore, F* in F~')."""
    lo, hi = _ALPHA1
    E1, E2 = _canonical_moment(lambda t: t**2), _canonical_moment(PHI2)
    sid = "T7_worst_case_in_F_tilde"
    return AllOf(sid, source=src,
                 statement=r"F^* = F^{(1, s^1)},\ \alpha^1 \in [0.2778, 0.2779]:\ \mathbb E_{F^*}\phi^2 \le "
                           r"\mathbb E_{F_{0.2778}}\phi^2 \le s^2 = 1.41,\ \text{so } F^* \in \tilde{\mathcal F} "
                           r"\text{ and } \alpha^2 < \alpha^1 \ (a^* = 1)",
                 note="T7 corrected ('F* in F~'): sigma^1 under the canonical law F_alpha (mean 1 by (5)) changes sign "
                      "around s^1 on the bracket, so alpha^1 lies in it; sigma^2 at the bracket's lower end is below "
                      "s^2. E_{F_alpha} phi is non-increasing in alpha at fixed m for every convex phi (convex order, "
                      "che_zhong_prop1.theta_decreasing_in_alpha, cited), so sigma^2(F*) <= 1.3969 <= 1.41 and "
                      "alpha^2 < alpha^1. Both moments are integrals against the law, not closed forms",
                 parts=[Inequality(f"{sid}.bracket_lo", lhs=E1.subs(_ta, lo), rel=">", rhs=S1, source=src),
                        Inequality(f"{sid}.bracket_hi", lhs=E1.subs(_ta, hi), rel="<", rhs=S1, source=src),
                        Inequality(f"{sid}.second_moment_slack", lhs=E2.subs(_ta, lo), rel="<=", rhs=S2,
                                   source=src)])


def _prop1() -> list:
    src7 = f"{PAPER}, Prop. 1, eq. (7)"
    srcA3 = f"{PAPER}, Prop. 1 (proof, App. A.3)"
    return [
        AllOf("eq7_two_moment_witnesses", source=src7,
              statement=r"m = 1,\ \phi^1 = z^2,\ \phi^2 = \tfrac{z^2}{2} + z - \log(1+z),\ s = (2, 1.41):\ "
                        r"P = \tfrac12\delta_0 + \tfrac12\delta_2 \in \{\sigma^1 \le s^1\},\ "
                        r"Q = \tfrac9{10}\delta_{0.66} + \tfrac1{10}\delta_{4.06} \in \{\sigma^2 \le s^2\}",
              note="both moment functions meet (7)'s hypotheses (phi(0) = phi'(0) = 0, phi'' in [1, 2]: eps = 1, phi-bar = 2)",
              parts=[Identity("eq7.P_mean", lhs=_E(_P, lambda t: t), rhs=1, source=src7),
                     Identity("eq7.Q_mean", lhs=_E(_Q, lambda t: t), rhs=1, source=src7),
                     Inequality("eq7.P_sigma1", lhs=_E(_P, lambda t: t**2), rel="<=", rhs=S1, source=src7),
                     Inequality("eq7.Q_sigma2", lhs=_E(_Q, PHI2), rel="<=", rhs=S2, source=src7),
                     Identity("eq7.phi2_at_0", lhs=PHI2(z).subs(z, 0), rhs=0, source=src7),
                     Identity("eq7.dphi2_at_0", lhs=sp.diff(PHI2(z), z).subs(z, 0), rhs=0, source=src7),
                     Inequality("eq7.phi2_curvature_lo", lhs=sp.diff(PHI2(z), z, 2), rel=">=", rhs=1,
                                over=[(z, 0, 100)], source=src7),
                     Inequality("eq7.phi2_curvature_hi", lhs=sp.diff(PHI2(z), z, 2), rel="<=", rhs=2,
                                over=[(z, 0, 100)], source=src7)]),
        Inequality("X3_F1_subset_F_tilde_as_printed", lhs=_E(_P, PHI2), rel="<=", rhs=S2, source=srcA3,
                   expect="fails", corrected="X3_linear_extension_below",
                   statement=r"P \in \mathcal F_1 = \{\mu = 1, \sigma^1 \le s^1\} \Rightarrow P \in \tilde{\mathcal F}:"
                             r"\ \mathbb E_P\phi^2 \le s^2",
                   note="erratum X3: A.3 writes 'We verify that F subset F~'; with a* = 1 the set F is F_1, and P "
                        "is in F_1 but E_P phi^2 = 2 - log(3)/2 = 1.4507 > 1.41"),
        Inequality("X3_F2_subset_F_tilde_as_printed", lhs=_E(_Q, lambda t: t**2), rel="<=", rhs=S1, source=srcA3,
                   expect="fails", corrected="X3_linear_extension_below",
                   statement=r"Q \in \mathcal F_2 = \{\mu = 1, \sigma^2 \le s^2\} \Rightarrow Q \in \tilde{\mathcal F}:"
                             r"\ \mathbb E_Q z^2 \le s^1",
                   note="erratum X3, the other most binding moment a* = 2: E_Q z^2 = 2.0404 > 2. So F subset F~ "
                        "fails whichever constraint binds; F~ subset F (what Cor. 2 needs) holds"),
        Inequality("X3_linear_extension_below", lhs=PHI2(x) - PHI2(b) - sp.diff(PHI2(b), b) * (x - b), rel=">=",
                   rhs=0, over=[(x, b, 10 * b)], source=srcA3,
                   statement=r"\tilde\phi^a(x) = \phi^a(\beta^*) + \phi^{a\prime}(\beta^*)(x-\beta^*) \le \phi^a(x),"
                             r"\ x \ge \beta^*",
                   note="the step of A.3 that shows F~ subset F (F not in F => F not in F~), for phi^2 above"),
        Inequality("T7_arbitrary_F_in_F_tilde", lhs=k, rel="<=", rhs=S1, over=[(k, 1, 100)], source=srcA3,
                   expect="fails", corrected="T7_worst_case_in_F_tilde",
                   statement=r"F_k = (1-\tfrac1k)\delta_0 + \tfrac1k\delta_k:\ \mu = 1,\ \mathbb E z^2 = k \le s^1 "
                             r"\ (\text{'Therefore, } F \in \tilde{\mathcal F}\text{' read for any } F)",
                   note="typo T7: A.3 writes 'F in F~' where 'F* in F~' is meant; for a general F it is false"),
        _worst_case_in_f_tilde(srcA3),
    ]


# --- T5: A.4 part 2's first display ------------------------------------------------------------------------
def _t5() -> list:
    src = f"{PAPER}, Thm. 2 (proof, App. A.4, part 2)"
    H = lambda t: 1 - 1 / t                       # noqa: E731
    H_cdf = lambda t: sp.Piecewise((0, t < 1), (1 - 1 / t, True))  # noqa: E731
    h = sp.diff(H(x), x)                          # H(dx) = h(x) dx on [1, oo)
    top = lambda weight: sp.integrate(weight * a * L * h, (x, L, sp.oo))   # noqa: E731  int_ell^oo weight beta H(dx)
    return [
        Identity("T5_phi_i_as_gamma_of_eq11", lhs=top(c * w), rhs=w * a,
                 source=src, expect="fails", corrected="T5_gamma_i_within_cell",
                 statement=r"\int_{\ell}^\infty \frac{m_i}{m_N}\beta_K\,H(dx) = \alpha_K\frac{m_i}{m_K}",
                 note="typo T5: phi_i is undefined; read as the only weight the paper defines, gamma_i = m_i/m_N of "
                      "(11), the display gives (m_K/m_N) alpha_K m_i/m_K, not the stated bound (c = m_K/m_N < 1)"),
        Identity("T5_gamma_i_within_cell", lhs=top(w), rhs=w * a, source=src,
                 statement=r"\int_{\ell}^\infty \frac{m_i}{m_K}\beta_K\,H(dx) = \alpha_K\frac{m_i}{m_K}",
                 note="T5 corrected (spec T2/T5): phi_i read as gamma_i = m_i/m_K(i) (w = m_i/m_K) gives the stated "
                      "bound; same H and beta_K = alpha_K ell_K as the printed reading"),
        Identity("T5_lower_limit_zero_with_formula_H", lhs=H(1) - H(x0), rhs=0, source=src, expect="fails",
                 corrected="T5_lower_limit_zero_as_cdf",
                 statement=r"\int_{x_0}^1 H(dx) = 0 \text{ with } H(x) = 1 - 1/x \text{ read on } (0, 1)",
                 note="typo T5: with the formula 1 - 1/x, int_0 would charge (0, 1) with infinite mass"),
        Identity("T5_lower_limit_zero_as_cdf", lhs=sp.integrate(sp.diff(H_cdf(x), x), (x, 0, sp.oo)), rhs=1,
                 source=src,
                 statement=r"H = 0 \text{ on } [0, 1):\ \int_0^\infty H(dx) = \int_1^\infty h(x)\,dx = 1,"
                           r"\ \text{so } \int_0 = \int_1",
                 note="T5 corrected: read as the cdf of X (0 below 1, 1 - 1/x above) H is a probability law from the "
                      "lower limit 0 (no mass on [0, 1), none lost at the junction x = 1), so the printed int_0 "
                      "equals int_1; the integrand there is psi_i * 0 anyway"),
    ]


# --- T8: B.1's psi in y = alpha x variables -------------------------------------------------------------
def _t8() -> list:
    src = f"{PAPER}, App. B.1"
    parts = []
    for name, ph in (("square", lambda t: t**2), ("cube", lambda t: t**3)):
        parts.append(Identity(f"T8_psi_second_component.{name}",
                              lhs=sp.integrate(a * ph(y) / y**2, (y, a, a * L)),
                              rhs=sp.integrate(ph(a * x) / x**2, (x, 1, L)), source=src))
    return [
        AllOf("T8_psi_second_component", source=src, parts=parts,
              statement=r"\int_\alpha^\beta \frac{\alpha\phi(y)}{y^2}dy = \int_1^{\ell}\frac{\phi(\alpha x)}{x^2}dx "
                        r"\ (\phi = z^2, z^3)",
              note="T8 is not an error: psi's second component is (6) after y = alpha x"),
        Identity("T8_psi_as_x_variables_literal", lhs=sp.integrate((a * x)**2 / x**2, (x, a, a * L)),
                 rhs=sp.integrate((a * x)**2 / x**2, (x, 1, L)), source=src, expect="fails",
                 corrected="T8_psi_second_component",
                 statement=r"\int_\alpha^\beta \frac{\phi(\alpha x)}{x^2}dx = \int_1^{\ell}\frac{\phi(\alpha x)}{x^2}dx",
                 note="control for T8: mixing (6)'s x-integrand with psi's y-limits is wrong"),
    ]


# --- G6: Thm. 3's sketch, convex functions on the ray ---------------------------------------------------------
def _g6() -> list:
    src = f"{PAPER}, Thm. 3 (proof sketch); App. A.5"
    v1, v2 = w1 * z, w2 * z
    phi_cvx = (b11 * v1 + b12 * v2)**2 + (b22 * v2)**2 + c1 * v1 + c2 * v2
    return [Inequality("G6_convex_on_ray", lhs=sp.diff(phi_cvx, z, 2), rel=">=", rhs=0, source=src,
                       statement=r"\phi \text{ convex on } \mathbb R^2 \Rightarrow z \mapsto \phi(z\,\mathbf m^K/m_K) "
                                 r"\text{ convex } (\phi = |B\mathbf v|^2 + \mathbf c\cdot\mathbf v)",
                       note="G6 is no error: F*'s K-block and v-bar^K both live on the ray, so their convex order "
                            "is that of the group totals; checked for every convex quadratic (B upper triangular)")]


# --- fn. 28 / App. B.4: the single-good uniform case (Roesler-Szentes), spec R6 ------------------------------
# z* solves the tangency theta(alpha, z) = C(z) = z^2/2, 1 - alpha/z = C'(z) = z, i.e. alpha = z (1 - z) and
# h(z) = z^2/2 + z (1 - z) log(1 - z) = 0 (che_zhong_thm3:uniform_tangency_reduced); brackets of spec R6
_Z_LO, _Z_HI = Rational("0.71533186295916153831"), Rational("0.71533186295916153832")
R6_ALPHA = Rational("0.2036321887945368750696464305261116239175")


def fn28_parts(z_lo=_Z_LO, z_hi=_Z_HI, alpha=R6_ALPHA, src: str = f"{PAPER}, fn. 28; App. B.4") -> list:
    """h changes sign on [z_lo, z_hi] (checked as (1 - u) exp(u/(2(1 - u))) <> 1, whose log is h(u)/(u(1-u))),
    alpha* = z*(1 - z*) lies in the image of the bracket, and z* < beta(alpha*) (G9's condition)."""
    e = lambda u: (1 - u) * exp(u / (2 * (1 - u)))  # noqa: E731
    h = y**2 / 2 + y * (1 - y) * log(1 - y)
    a_lo, a_hi = z_hi * (1 - z_hi), z_lo * (1 - z_lo)          # u (1 - u) decreases for u > 1/2
    half = Rational(1, 2)
    return [
        Identity("fn28.sign_form", lhs=sp.expand_log(log(e(y)), force=True), rhs=h / (y * (1 - y)),
                 over=[(y, Rational(1, 10), Rational(9, 10))], source=src),
        Inequality("fn28.z_lo", lhs=e(z_lo), rel="<", rhs=1, source=src),
        Inequality("fn28.z_hi", lhs=e(z_hi), rel=">", rhs=1, source=src),
        Inequality("fn28.alpha_lo", lhs=a_lo, rel="<=", rhs=alpha, source=src),
        Inequality("fn28.alpha_hi", lhs=a_hi, rel=">=", rhs=alpha, source=src),
        Inequality("fn28.z_below_beta", lhs=z_hi, rel="<", rhs=a_hi * exp((half - a_hi) / a_hi), source=src),
    ]


def _fn28() -> list:
    return [AllOf("fn28_uniform_single_good", source=f"{PAPER}, fn. 28; App. B.4", parts=fn28_parts(),
                  statement=r"S\sim U[0,1]:\ z^* \in [0.71533186295916153831, 0.71533186295916153832],\ "
                            r"\alpha^* = z^*(1-z^*) \ni 0.20363218879453687507,\ z^* < \beta(\alpha^*)",
                  note="fn. 28's Roesler-Szentes case: the tangency of B.4 (alpha* = price, z* = top of the price "
                       "support) at the catalog's R6 values; z* < beta(alpha*) uses beta(alpha) = alpha e^{(m - "
                       "alpha)/alpha} decreasing on (0, m) (che_zhong_lemma2) at the upper end of alpha*'s bracket. "
                       "That (alpha*, z*) are Deb and Roesler's (pi*, s-bar*) is cited")]


# --- fn. 13: IC/IR of a K-bundled mechanism give IC/IR of each (q_K, t_K) ------------------------------------
def _fn13() -> list:
    src = f"{PAPER}, Sec. 2, fn. 13"
    v1, v2, v3 = V123
    return [Identity("fn13_utility_separates_by_group", lhs=v1 * qA + v2 * qA + v3 * qB - (tA + tB),
                     rhs=((v1 + v2) * qA - tA) + (v3 * qB - tB), over=[(v1, 0, 5), (v2, 0, 5), (v3, 0, 5)],
                     source=src,
                     statement=r"\mathbf v\cdot q(\mathbf v') - t(\mathbf v') = \sum_K \big(z_K q_K(z_K') - "
                               r"t_K(z_K')\big),\ \mathcal K = \{\{1,2\},\{3\}\}",
                     note="so (IC) of (q, t) against reports v' that differ from v only in group K is (IC) of "
                          "(q_K, t_K) in the group total; (IR) then holds for t_K - u_K(0) (the constant shift of "
                          "fn. 13). Identical allocations within K (q_1 = q_2 = q_A) are what makes it separate")]


def _claims() -> list:
    return _eq12() + _eq19() + _fig78() + _prop1() + _t5() + _t8() + _g6() + _fn28() + _fn13()


DERIVATION = Derivation(
    name="che_zhong_audit",
    title="Che and Zhong: eq. (12) with (20)-(21), eq. (19), Figs. 7-8, (7) and A.3's inclusion, errata T5, T7, T8, "
          "G6, X3",
    scope=SCOPE,
    claims=_claims(),
    model=(r"\alpha_K > 0,\ \ell_K > 1,\ m_K = \alpha_K(1 + \log\ell_K),\ s_K = 2\alpha_K^2\ell_K - \alpha_K^2 "
           r"\ (\phi = z^2)"),
    references=("Che and Zhong, 'Robustly Optimal Mechanisms for Selling Multiple Goods' (2023), Thm. 1, Prop. 1, "
                "Thm. 2, Thm. 3, Lemma A.1, App. A-B",),
)

if __name__ == "__main__":  # pragma: no cover
    print(DERIVATION.verify(digits=50))
