"""Che and Zhong, Prop. 1 (eq. (7), App. A.3): several convex moment conditions per group; the
"most binding" one is the index with the largest alpha_K^a, because a larger alpha (same mean
m_K) gives a law of the group total Z_K that is smaller in the convex order.

Parametrization as in ``che_zhong_thm1``: alpha_K = alpha, ell_K = beta_K/alpha_K = ell > 1,
m_K = alpha (1 + log ell).  Z ~ F_alpha has density alpha/y^2 on [alpha, beta) and an atom 1/ell
at beta.  The convex-order argument runs through

    theta(alpha, z) = E (z - Z)^+ = 0 (z <= alpha);  z - alpha - alpha log(z/alpha) (alpha<z<beta);
                                    z - m_K (z >= beta),

with d theta / d alpha = -log(z/alpha) <= 0 at fixed z (and m_K; beta moves with alpha but the
middle formula does not involve beta, and theta = z - m_K beyond beta does not involve alpha).
Any convex phi with phi(0) = phi'(0) = 0 has E phi(Z) = int_0^oo phi''(z) (m - z + theta(z)) dz,
so E phi(Z) is non-increasing in alpha (checked in closed form for phi = z^2 and phi = z^3).

Expected failures: T7 (A.3 prints beta_K^* < m_K < alpha_K^*, reversed) and G3 (A.3's
"sigma^a <= phi-bar Var -> 0 < delta" as alpha -> m: sigma^a -> phi^a(m) > 0, and the hypotheses
s^a in [delta, s-bar] do not imply s^a >= phi^a(m), so the ambiguity set can be empty).
"""
from __future__ import annotations

import sympy as sp
from sympy import Interval, diff, log

from symmech import AllOf, Derivation, Identity, Inequality, Scope
from symmech.claims.budgeted import budget as _budget
from derivations._che_zhong_common import group, phi, theta_mid


budget = _budget          # the library's wrapper keeps each claim's expectation and pinned twin

PAPER = "Che and Zhong"
P1 = f"{PAPER}, Prop. 1"
A3 = f"{PAPER}, App. A.3"
a, L = sp.symbols("alpha ell", positive=True)
y, z, s = sp.symbols("y z s", positive=True)
G = group(a, L)
BETA, M_K, S_K = G["beta"], G["m"], G["s"]
SCOPE = Scope(parameters={a: Interval.open(sp.Rational(1, 10), 2), L: Interval.open(1, 10)})

#: dL/dalpha along the curve m_K = alpha (1 + log ell) = const
DL_DA = -L * (1 + log(L)) / a


def _along_fixed_mean(expr):
    """d/d alpha of expr(alpha, ell) with m_K held fixed."""
    return sp.simplify(diff(expr, a) + diff(expr, L) * DL_DA)


def _claims() -> list:
    th = theta_mid(a, z)
    EZ3 = sp.Integral(y**3 * a / y**2, (y, a, BETA)) + BETA**3 / L
    g3 = L**2 - 1 - 2 * L**2 * log(L)
    h = L - 1 - log(L)
    # Var of Z ~ F_alpha from its law (density alpha/y^2 on [alpha, beta), atom 1/ell at beta)
    var_law = sp.integrate((y - M_K)**2 * a / y**2, (y, a, BETA)) + (BETA - M_K)**2 / L
    m1 = sp.Integer(1)                         # the G3 example: m = 1, phi^a = z^2
    two_point = {sp.Integer(0): 1 - 1 / s, s: 1 / s}      # mean 1, E z^2 = s
    claims = [
        Identity("theta_middle_closed_form", lhs=sp.Integral((z - y) * a / y**2, (y, a, z)), rhs=th,
                 over=[(z, a, BETA)], source=P1,
                 statement=r"\theta(\alpha,z) = \int_\alpha^z (z-y)\frac{\alpha}{y^2}dy = z-\alpha-\alpha\log(z/\alpha)"
                           r",\ z\in[\alpha,\beta]"),
        Identity("theta_above_beta", lhs=sp.Integral((z - y) * a / y**2, (y, a, BETA)) + (z - BETA) / L,
                 rhs=z - M_K, over=[(z, BETA, 3 * BETA)], source=P1,
                 statement=r"\theta(\alpha,z) = z - m_K \text{ for } z \ge \beta_K \text{ (independent of } \alpha)"),
        Identity("theta_continuous_at_beta", lhs=th.subs(z, BETA), rhs=BETA - M_K, source=P1,
                 statement=r"\beta-\alpha-\alpha\log(\beta/\alpha) = \beta - m_K \text{ by (5)}"),
        Identity("theta_dalpha", lhs=diff(th, a), rhs=-log(z / a), over=[(z, a, BETA)], source=P1,
                 statement=r"\partial\theta/\partial\alpha = -\log(z/\alpha)"),
        Inequality("theta_decreasing_in_alpha", lhs=diff(th, a), rel="<=", rhs=0, over=[(z, a, BETA)], source=P1,
                   statement=r"\partial\theta/\partial\alpha = -\log(z/\alpha) \le 0 \text{ for } z \ge \alpha"
                             r"\ \Rightarrow\ F_{\alpha'} \preceq_{cx} F_\alpha \text{ for } \alpha' \ge \alpha"),
        Identity("second_moment_from_theta",
                 lhs=2 * (sp.Integral(M_K - z, (z, 0, a)) + sp.Integral(M_K - z + th, (z, a, BETA))),
                 rhs=S_K, source=P1,
                 statement=r"\mathbb E Z^2 = \int_0^\infty \phi''(z)\,(m-z+\theta(\alpha,z))\,dz = s_K,\ \phi = z^2"),
        AllOf("second_moment_decreasing_in_alpha", source=A3,
              statement=r"\frac{d}{d\alpha}\Big|_{m}\mathbb E_{F_\alpha}Z^2 = -2\alpha D(\ell) < 0"
                        r" \text{ (the most binding } a \text{ has the largest } \alpha^a)",
              parts=[Identity("second_moment_decreasing_in_alpha.form", lhs=_along_fixed_mean(S_K),
                              rhs=-2 * a * (L * log(L) - L + 1), source=A3),
                     Identity("second_moment_decreasing_in_alpha.D1", lhs=(L * log(L) - L + 1).subs(L, 1), rhs=0,
                              source=A3),
                     Inequality("second_moment_decreasing_in_alpha.dD", lhs=diff(L * log(L) - L + 1, L), rel=">",
                                rhs=0, source=A3)]),
        AllOf("third_moment_decreasing_in_alpha", source=A3,
              statement=r"\frac{d}{d\alpha}\Big|_{m}\mathbb E_{F_\alpha}Z^3 = \tfrac32\alpha^2 g(\ell),\ "
                        r"g = \ell^2-1-2\ell^2\log\ell,\ g(1)=0,\ g' = -4\ell\log\ell \le 0",
              note="a second convex moment (phi = z^3): the slack sigma^a(F*) <= s^a for a != a* of A.3",
              parts=[Identity("third_moment_decreasing_in_alpha.form", lhs=_along_fixed_mean(EZ3.doit()),
                              rhs=sp.Rational(3, 2) * a**2 * g3, source=A3),
                     Identity("third_moment_decreasing_in_alpha.g1", lhs=g3.subs(L, 1), rhs=0, source=A3),
                     Inequality("third_moment_decreasing_in_alpha.dg", lhs=diff(g3, L), rel="<=", rhs=0,
                                source=A3)]),
        # --- expected failures ----------------------------------------------------------------
        AllOf("A3_alpha_below_mean_below_beta", source=A3,
              statement=r"\alpha_K^* < m_K < \beta_K^*:\ m - \alpha = \alpha\log\ell > 0,\ \beta - m = \alpha h(\ell),"
                        r"\ h = \ell - 1 - \log\ell,\ h(1) = 0,\ h' > 0",
              note="T7 corrected: the order A.3 needs (F* well defined), from (5)",
              parts=[Identity("A3_alpha_below_mean_below_beta.lo_form", lhs=M_K - a, rhs=a * log(L), source=A3),
                     Inequality("A3_alpha_below_mean_below_beta.lo", lhs=a * log(L), rel=">", rhs=0, source=A3),
                     Identity("A3_alpha_below_mean_below_beta.hi_form", lhs=BETA - M_K, rhs=a * h, source=A3),
                     Identity("A3_alpha_below_mean_below_beta.h1", lhs=h.subs(L, 1), rhs=0, source=A3),
                     Inequality("A3_alpha_below_mean_below_beta.dh", lhs=diff(h, L), rel=">", rhs=0, source=A3)]),
        Inequality("A3_beta_below_mean_as_printed", lhs=BETA, rel="<", rhs=M_K, source=A3, expect="fails",
                   corrected="A3_alpha_below_mean_below_beta",
                   statement=r"\beta_K^* < m_K < \alpha_K^* \text{ (as printed)}",
                   note="typo T7: reversed; the correct chain alpha < m < beta is che_zhong_lemma2.mean_below_beta"),
        Identity("A3_sigma_taylor_bound", lhs=S_K, rhs=phi(M_K) + sp.Rational(2, 2) * var_law, source=A3,
                 statement=r"\sigma^a(F^{(m,s^a)}) = \phi^a(m) + \tfrac{\bar\phi}{2}\mathrm{Var} \ge \phi^a(m) > 0"
                           r"\ (\phi^a = z^2,\ \bar\phi = 2)",
                 note="G3 corrected: Taylor with phi'' <= phi-bar gives sigma <= phi(m) + phi-bar Var/2 (equality "
                      "for z^2), so sigma stays near phi(m) > 0 as Var -> 0; Var is integrated against F_alpha"),
        Inequality("A3_sigma_below_phibar_var", lhs=S_K, rel="<=", rhs=2 * (S_K - M_K**2), source=A3, expect="fails",
                   corrected="A3_sigma_taylor_bound",
                   statement=r"\sigma^a(F^{(m,s^a)}) \le \bar\phi\,\mathrm{Var} \ (\phi^a = z^2,\ \bar\phi = 2)"
                             r" \text{ (as printed)}",
                   note="gap G3: as ell -> 1 (alpha -> m) Var -> 0 but sigma -> phi(m) = m^2 > 0"),
        Identity("A3_sigma_limit_is_phi_m", lhs=S_K.subs(L, 1), rhs=phi(M_K.subs(L, 1)), source=A3,
                 statement=r"\lim_{\alpha\to m}\sigma^a(F^{(m,s^a)}) = \phi^a(m)",
                 note="G3 corrected: at ell = 1 (alpha = m) the law is delta_m"),
        Identity("A3_sigma_vanishes_at_alpha_eq_m", lhs=S_K.subs(L, 1), rhs=0, source=A3, expect="fails",
                 corrected="A3_sigma_limit_is_phi_m",
                 statement=r"\lim_{\alpha\to m}\sigma^a(F^{(m,s^a)}) = 0 \text{ (as printed)}",
                 note="gap G3: the limit is phi^a(m) = alpha^2 = m^2, not 0"),
        AllOf("A3_jensen_margin_gives_member", source=A3,
              statement=r"s^a \in [\phi^a(m), \bar s] = [1, 2],\ m = 1:\ (1-\tfrac1{s})\delta_0 + \tfrac1{s}\delta_{s} "
                        r"\text{ has mean } 1 \text{ and } \sigma^a = s^a,\ \text{so } \tilde{\mathcal F} \ne \emptyset",
              note="G3 corrected: with the margin s^a >= phi^a(m) (the hypothesis A.3 needs) the set is nonempty",
              parts=[Identity("A3_jensen_margin_gives_member.mean", lhs=sum(pr * v_ for v_, pr in two_point.items()),
                              rhs=m1, over=[(s, phi(m1), 2)], source=A3),
                     Identity("A3_jensen_margin_gives_member.sigma",
                              lhs=sum(pr * phi(v_) for v_, pr in two_point.items()), rhs=s,
                              over=[(s, phi(m1), 2)], source=A3),
                     Inequality("A3_jensen_margin_gives_member.mass", lhs=1 - 1 / s, rel=">=", rhs=0,
                                over=[(s, phi(m1), 2)], source=A3)]),
        Inequality("A3_hypotheses_give_jensen_margin", lhs=s, rel=">=", rhs=phi(m1), over=[(s, sp.Rational(1, 2), 2)],
                   source=A3, expect="fails", corrected="A3_jensen_margin_gives_member",
                   statement=r"s^a \in [\delta,\bar s] = [\tfrac12, 2],\ m = 1,\ \phi^a = z^2 \ \Rightarrow\ "
                             r"s^a \ge \phi^a(m) = 1 \text{ (needed for } \tilde{\mathcal F} \ne \emptyset)",
                 note="gap G3: e.g. s^a = 0.9 satisfies the hypotheses of (7) but E Z^2 >= (E Z)^2 = 1 > 0.9: "
                      "the ambiguity set is empty; a uniform margin inf_a (s^a - phi^a(m)) > 0 is needed"),
    ]
    return budget(claims, 1.0)


DERIVATION = Derivation(
    name="che_zhong_prop1",
    title="Che-Zhong Prop 1: the most binding moment via the convex order in alpha",
    scope=SCOPE,
    claims=_claims(),
    model=(r"\theta(\alpha,z) = \mathbb E_{F_\alpha}(z-Z)^+,\ m_K = \alpha(1+\log\ell),\ Z\sim "
           r"\frac{\alpha}{y^2}dy \text{ on } [\alpha,\beta) + \tfrac1\ell\delta_\beta"),
    references=("Che and Zhong, 'Robustly Optimal Mechanisms for Selling Multiple Goods', working paper (2023), "
                "Sec. 3 (eq. (7), Prop. 1), App. A.3",),
)

if __name__ == "__main__":  # pragma: no cover
    print(DERIVATION.verify(digits=50))
