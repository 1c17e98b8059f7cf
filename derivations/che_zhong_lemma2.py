"""Che and Zhong, eqs. (5)-(6), Lemma 2 and App. B.1 (eqs. (20)-(22)): existence, uniqueness and
comparative statics of (alpha_K, beta_K), for phi_K(z) = z^2.

Parametrization (see ``che_zhong_thm1``): alpha_K = alpha > 0, ell_K = beta_K/alpha_K = ell > 1,
m_K = alpha (1 + log ell), s_K = 2 alpha^2 ell - alpha^2.  ``cv2_increasing_in_ell`` and
``cv2_at_ell_one`` show this map is a bijection onto {s > m^2} (Lemma 2), so claims proved for
all (alpha, ell) hold for every feasible (m, s).
"""
from __future__ import annotations

import sympy as sp
from sympy import Interval, diff, exp, log

from symmech import AllOf, Derivation, Identity, Inequality, Scope
from symmech.claims.budgeted import budget
from derivations._che_zhong_common import dphi, group, phi

PAPER = "Che and Zhong"
a, L = sp.symbols("alpha ell", positive=True)
x, y = sp.symbols("x y", positive=True)
G = group(a, L)
BETA, M_K, S_K, LAM = G["beta"], G["m"], G["s"], G["lam"]
SCOPE = Scope(parameters={a: Interval.open(sp.Rational(1, 10), 2), L: Interval.open(1, 10)})


def _lemma2_lhs6_derivative():
    """d/d alpha of LHS(6) with beta = alpha exp((m - alpha)/alpha) and m held fixed."""
    al, m = sp.symbols("al m", positive=True)
    be = al * exp((m - al) / al)
    return sp.simplify(diff(2 * al * be - al**2, al).subs(m, M_K).subs(al, a))


def _implicit_derivatives():
    """(d alpha/dm, d alpha/ds) by inverting d(m, s)/d(alpha, ell)."""
    J = sp.Matrix([[diff(M_K, a), diff(M_K, L)], [diff(S_K, a), diff(S_K, L)]])
    inv = J.inv()
    return sp.simplify(inv[0, 0]), sp.simplify(inv[0, 1])


def _claims() -> list:
    s5, s6 = f"{PAPER}, eq. (5)", f"{PAPER}, eq. (6)"
    l2 = f"{PAPER}, Lemma 2"
    a1s, b1 = f"{PAPER}, App. A.1", f"{PAPER}, App. B.1"
    dA, dS = _implicit_derivatives()
    cv2 = S_K / M_K**2 - 1
    claims = [
        # --- (5), (6) and Lemma 2 --------------------------------------------------------------
        Identity("eq5_integral_form", lhs=sp.Integral(a / x, (x, 1, L)) + a, rhs=M_K, source=s5,
                 statement=r"\int_1^{\ell}\frac{\alpha}{x}dx + \alpha = m_K"),
        Identity("eq5_beta_closed_form", lhs=a * exp((M_K - a) / a), rhs=BETA, source=s5,
                 statement=r"\beta_K = \alpha_K e^{(m_K - \alpha_K)/\alpha_K}"),
        Identity("eq6_integral_form", lhs=sp.Integral(phi(a * x) / x**2, (x, 1, L)) + phi(BETA) * a / BETA,
                 rhs=S_K, source=s6,
                 statement=r"\int_1^{\ell}\frac{\phi(\alpha x)}{x^2}dx + \frac{\alpha\phi(\beta)}{\beta} = s_K"),
        Identity("eq6_by_parts", lhs=phi(a) + a * sp.Integral(dphi(y) / y, (y, a, BETA)), rhs=S_K, source=s6,
                 statement=r"\phi(\alpha) + \alpha\int_\alpha^\beta \frac{\phi'(y)}{y}dy = s_K \text{ (derived)}"),
        Inequality("alpha_below_mean", lhs=M_K - a, rel=">", rhs=0, source=s5, statement=r"\alpha_K < m_K"),
        AllOf("mean_below_beta", source=s5, statement=r"m_K < \beta_K:\ \beta - m = \alpha h(\ell),\ h(1) = 0,\ h' > 0",
              parts=[Identity("mean_below_beta.form", lhs=BETA - M_K, rhs=a * (L - 1 - log(L)), source=s5),
                     Identity("mean_below_beta.h1", lhs=(L - 1 - log(L)).subs(L, 1), rhs=0, source=s5),
                     Inequality("mean_below_beta.dh", lhs=diff(L - 1 - log(L), L), rel=">", rhs=0, source=s5)]),
        Identity("lemma2_derivative_formula", lhs=_lemma2_lhs6_derivative(),
                 rhs=sp.Integral((dphi(y) - dphi(BETA)) / y, (y, a, BETA)), source=a1s,
                 statement=r"\frac{d\,\mathrm{LHS}(6)}{d\alpha}\Big|_{m} = \int_\alpha^\beta\frac{\phi'(y)-\phi'(\beta)}{y}dy"),
        Identity("lemma2_derivative_paper_form", lhs=_lemma2_lhs6_derivative(),
                 rhs=sp.Integral(dphi(a * x) / x, (x, 1, L)) - dphi(BETA) * (M_K - a) / a, source=a1s,
                 statement=r"\frac{d\,\mathrm{LHS}(6)}{d\alpha} = \int_1^{\ell}\frac{\phi'(\alpha x)}{x}dx"
                           r" - \phi'(\beta)\frac{m-\alpha}{\alpha}"),
        AllOf("lemma2_lhs6_decreasing", source=l2,
              statement=r"\frac{d\,\mathrm{LHS}(6)}{d\alpha}\Big|_{m} = -2\alpha D(\ell) < 0,\ "
                        r"D(\ell) = \ell\log\ell - \ell + 1,\ D(1) = 0,\ D' = \log\ell > 0",
              parts=[Identity("lemma2_lhs6_decreasing.form", lhs=_lemma2_lhs6_derivative(),
                              rhs=-2 * a * (L * log(L) - L + 1), source=l2),
                     Identity("lemma2_lhs6_decreasing.D1", lhs=(L * log(L) - L + 1).subs(L, 1), rhs=0, source=l2),
                     Inequality("lemma2_lhs6_decreasing.dD", lhs=diff(L * log(L) - L + 1, L), rel=">", rhs=0,
                                source=l2)]),
        Identity("lemma2_cv2_depends_on_ell_only", lhs=cv2, rhs=(2 * L - 1) / (1 + log(L))**2 - 1, source=l2,
                 statement=r"\frac{s_K - m_K^2}{m_K^2} = \frac{2\ell - 1}{(1+\log\ell)^2} - 1 \text{ (derived)}"),
        AllOf("cv2_increasing_in_ell", source=l2, parts=[
            Identity("cv2_increasing_in_ell.form", lhs=diff((2 * L - 1) / (1 + log(L))**2, L) * (1 + log(L))**3 * L / 2,
                     rhs=L * log(L) - L + 1, source=l2),
            Identity("cv2_increasing_in_ell.D1", lhs=(L * log(L) - L + 1).subs(L, 1), rhs=0, source=l2),
            Inequality("cv2_increasing_in_ell.dD", lhs=diff(L * log(L) - L + 1, L), rel=">", rhs=0, source=l2)],
                   statement=r"\frac{L(1+\log L)^3}{2}\frac{d}{dL}\frac{2L-1}{(1+\log L)^2} = L\log L - L + 1 > 0",
                   note="with cv2 -> 0 at L = 1 and -> oo: (a, L) -> (m, s) is a bijection onto s > m^2"),
        Identity("cv2_at_ell_one", lhs=((2 * L - 1) / (1 + log(L))**2 - 1).subs(L, 1), rhs=0, source=l2,
                 statement=r"\mathrm{CV}^2 = 0 \text{ at } \ell = 1 \text{ (the Jensen boundary } s = \phi(m))"),
        AllOf("lemma2_homogeneity", source=l2,
              statement=r"\alpha(c m, c^2 s) = c\,\alpha(m, s) \text{ (derived, } c = 2)",
              note="(2 alpha, ell) gives (2 m, 4 s): each moment checked on its own (a sum of the two could hide "
                   "opposite errors)",
              parts=[Identity("lemma2_homogeneity.m", lhs=group(2 * a, L)["m"], rhs=2 * M_K, source=l2),
                     Identity("lemma2_homogeneity.s", lhs=group(2 * a, L)["s"], rhs=4 * S_K, source=l2)]),
        # --- (22): comparative statics (B.1) ----------------------------------------------------
        Identity("eq22_dalpha_dm", lhs=dA, rhs=LAM * dphi(BETA), source=f"{PAPER}, eq. (22)",
                 statement=r"\partial\alpha_K/\partial m_K = \lambda_K\phi'(\beta_K)"),
        Identity("eq22_dalpha_ds", lhs=dS, rhs=-LAM, source=f"{PAPER}, eq. (22)",
                 statement=r"\partial\alpha_K/\partial s_K = -\lambda_K"),
        Identity("B1_jacobian_det",
                 lhs=sp.Matrix([[log(L), a / BETA], [sp.Integral(dphi(y) / y, (y, a, BETA)),
                                                   a * dphi(BETA) / BETA]]).det(),
                 rhs=a / (BETA * LAM), source=b1,
                 statement=r"\det\frac{\partial\psi}{\partial(\alpha,\beta)} = \frac{\alpha}{\beta\lambda} > 0"),
    ]
    return budget(claims, 1.0)


DERIVATION = Derivation(
    name="che_zhong_lemma2",
    title="Che-Zhong Lemma 2 and (22): the worst-case parameters (alpha_K, beta_K), phi = z^2",
    scope=SCOPE,
    claims=_claims(),
    model=r"m_K = \alpha_K(1+\log\ell_K),\ s_K = 2\alpha_K^2\ell_K - \alpha_K^2,\ \beta_K = \alpha_K\ell_K",
    references=("Che and Zhong, 'Robustly Optimal Mechanisms for Selling Multiple Goods', working paper (2023), "
                "Sec. 3, App. A.1, B.1",),
)
