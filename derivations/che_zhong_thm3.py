"""Che and Zhong, Thm. 3 (informational robustness), App. A.5 and B.4: one product group with
known prior total-value law G; nature's relaxed set is E(z - Z)^+ <= C(z) := E_G (z - S)^+ for
all z, and the saddle point uses F_alpha (Pareto-capped, as in Thm. 1) with the price law
gamma(p) = log(p/alpha)/log(z*/alpha) on [alpha, z*] (the support ends at the tangency point
z*, not at beta; spec G9).

Parametrization: alpha_K = alpha, ell_K = beta/alpha = ell > 1, m_K = alpha (1 + log ell), and
z* = alpha (1 + c (ell - 1)) with c in (0, 1], so alpha < z* <= beta.  theta(alpha, z) =
E_{F_alpha}(z - Z)^+ = z - alpha - alpha log(z/alpha) on [alpha, beta] (eq. (27), closed form
from ``che_zhong_prop1``).  The R6 tangency values of the spec are regression tests in
``tests/derivations/test_che_zhong_more.py``; the U[0,1] case (C = z^2/2) is reduced here to
one equation in z*.
"""
from __future__ import annotations

import sympy as sp
from sympy import Interval, log

from symmech import AllOf, Derivation, Identity, Inequality, Scope
from symmech.claims.budgeted import budget as _budget
from derivations._che_zhong_common import group, theta_mid


budget = _budget          # the library's wrapper keeps each claim's expectation and pinned twin

PAPER = "Che and Zhong"
T3 = f"{PAPER}, Thm. 3"
B4 = f"{PAPER}, App. B.4"
a, L, c = sp.symbols("alpha ell c", positive=True)
y, p = sp.symbols("y p", positive=True)
z = sp.Symbol("z")                         # plain: bound variable
G = group(a, L)
BETA, M_K = G["beta"], G["m"]
ZS = a * (1 + c * (L - 1))                 # tangency point z* in (alpha, beta]
LOGR = log(ZS / a)
SCOPE = Scope(parameters={a: Interval.open(sp.Rational(1, 10), 2), L: Interval.open(1, 10),
                          c: Interval.Lopen(sp.Rational(1, 20), 1)})


def _claims() -> list:
    th = theta_mid(a, z)
    t_mid = (z - a) / LOGR
    rev = sp.Integral((y - a) / LOGR * a / y**2, (y, a, ZS)) + (ZS - a) / LOGR * a / ZS
    # E_{F_alpha} t for a price law (density 1/(p log(z/alpha))) ending at z > beta: every Z <= beta < z
    # pays (Z - alpha)/log(z/alpha); the expectation over F_alpha (density alpha/y^2 on [alpha, beta), atom
    # 1/ell at beta), not the hand-written (m - alpha)/log(z/alpha)
    rev_beyond = (sp.Integral((y - a) / log(z / a) * a / y**2, (y, a, BETA))
                  + (BETA - a) / log(z / a) / L)
    u = sp.Symbol("u")
    al_u = u * (1 - u)                       # U[0,1]: C = u^2/2, slope 1 - alpha/u = C'(u) = u
    return budget([
        Identity("eq27_theta_middle", lhs=sp.Integral((z - y) * a / y**2, (y, a, z)), rhs=th, over=[(z, a, BETA)],
                 source=f"{PAPER}, eq. (27)",
                 statement=r"\theta_K(\alpha,z) = z-\alpha-\alpha\log(z/\alpha),\ z\in[\alpha,\beta]"),
        Identity("theta_continuous_at_beta", lhs=th.subs(z, BETA), rhs=BETA - M_K, source=B4,
                 statement=r"\theta(\alpha,\beta) = \beta - m_K \text{ by (5)}"),
        Identity("expected_min", lhs=sp.Integral(y * a / y**2, (y, a, z)) + z * a / z, rhs=a * (1 + log(z / a)),
                 over=[(z, a, BETA)], source=B4,
                 statement=r"\mathbb E_{F_\alpha}\min(Z,z) = z - \theta = \alpha(1+\log(z/\alpha)),\ z\in[\alpha,\beta]"),
        Identity("tangency_slope", lhs=sp.diff(th, z), rhs=1 - a / z, over=[(z, a, BETA)], source=B4,
                 statement=r"\partial_z\theta(\alpha,z) = 1 - \alpha/z"),
        Identity("price_law_mass_one", lhs=sp.Integral(1 / (p * LOGR), (p, a, ZS)), rhs=1, source=T3,
                 statement=r"\int_\alpha^{z^*}\frac{dp}{p\log(z^*/\alpha)} = 1"),
        Identity("payment_on_support", lhs=sp.Integral(p / (p * LOGR), (p, a, z)), rhs=t_mid, over=[(z, a, ZS)],
                 source=T3, statement=r"t_K(z) = \int_\alpha^z p\,d\gamma(p) = \frac{z-\alpha}{\log(z^*/\alpha)}"),
        Identity("revenue_equals_alpha", lhs=rev, rhs=a, source=B4,
                 statement=r"\mathbb E_{F_\alpha}t_K = \frac{\mathbb E\min(Z,z^*)-\alpha}{\log(z^*/\alpha)} = \alpha"
                           r" \quad (z^*\le\beta)"),
        Inequality("revenue_below_alpha_if_support_beyond_beta", lhs=rev_beyond, rel=">=", rhs=a,
                   over=[(z, BETA * sp.Rational(11, 10), 2 * BETA)], source=B4, expect="fails",
                   corrected="revenue_equals_alpha",
                   statement=r"\mathbb E_{F_\alpha}t = \alpha \text{ also when } z^* > \beta",
                   note="spec G9: revenue alpha needs z* <= beta; beyond beta it is alpha log(ell)/log(z*/alpha) "
                        "< alpha"),
        AllOf("dual_certificate", source=T3,
              statement=r"t_K(z) = \frac{z^*-\alpha-(z^*-z)^+}{\log(z^*/\alpha)} \text{ on } z\ge\alpha,\ "
                        r"t_K = 0 \ge \frac{z-\alpha}{\log(z^*/\alpha)} \text{ below } \alpha",
              parts=[Identity("dual_certificate.middle", lhs=sp.Integral(p / (p * LOGR), (p, a, z)),
                              rhs=(ZS - a - (ZS - z)) / LOGR, over=[(z, a, ZS)], source=T3),
                     Identity("dual_certificate.top", lhs=sp.Integral(p / (p * LOGR), (p, a, ZS)),
                              rhs=(ZS - a - 0) / LOGR, source=T3),
                     Inequality("dual_certificate.below", lhs=(z - a) / LOGR, rel="<=", rhs=0, over=[(z, 0, a)],
                                source=T3)]),
        Identity("guarantee_at_tangency", lhs=(ZS - a - theta_mid(a, ZS)) / LOGR, rhs=a, source=B4,
                 statement=r"\min_F \mathbb E_F t \ge \frac{z^*-\alpha-C(z^*)}{\log(z^*/\alpha)} = \alpha"
                           r" \text{ when } C(z^*) = \theta(\alpha,z^*)"),
        Identity("uniform_tangency_reduced", lhs=(theta_mid(a, u) - u**2 / 2).subs(a, al_u),
                 rhs=u**2 / 2 + u * (1 - u) * log(1 - u), over=[(u, sp.Rational(1, 10), sp.Rational(9, 10))],
                 source=B4,
                 rewrites=(({log(1 / (1 - u)): -log(1 - u)},
                            "log(1/B) = -log B for B = 1 - u > 0 (u <= 9/10 on the range)"),),
                 statement=r"S\sim U[0,1]:\ \alpha = z(1-z) \text{ (slope)},\ \theta - C = \tfrac{z^2}{2} + z(1-z)\log(1-z)"
                           r" \text{ (root: spec R6)}"),
    ], 1.0)


DERIVATION = Derivation(
    name="che_zhong_thm3",
    title="Che-Zhong Thm 3: informational robustness, the tangency construction of B.4",
    scope=SCOPE,
    claims=_claims(),
    model=(r"\mathbb E_F(z-Z)^+ \le C(z) = \mathbb E_G(z-S)^+\ \forall z,\ \theta(\alpha,z) = \mathbb E_{F_\alpha}(z-Z)^+,"
           r"\ \gamma(p) = \log(p/\alpha)/\log(z^*/\alpha)"),
    references=("Che and Zhong, 'Robustly Optimal Mechanisms for Selling Multiple Goods', working paper (2023), Sec. 5, "
                "App. A.5, B.4",),
)

if __name__ == "__main__":  # pragma: no cover
    print(DERIVATION.verify(digits=50))
