"""Koçyiğit, "Distributional Robustness in Mechanism Design" (EPFL thesis, 2020), Chapter 1, Sec. 1.4:
independent values.  Myerson's optimal auction (Thm. 1.4.2) with its regression values for iid U[0, 1]
(every real I in [2, 1000]), Bulow-Klemperer (the SPA with one more bidder beats Myerson, hence the
robust optimum; Thm. 1.4.3) for U[0, 1] and on the finite family {U[0, 1], Beta(2, 2)} of symmetric
regular laws (I = 2, exact), regularity of Beta(2, 2), and the gap in Thm. 1.4.3's proof:
E[psi(v)] = 0 holds only for v_low = 0, in general E[psi(v)] = v_low (checked on a two-parameter family of
quadratic densities on [v_low, v_high] that contains the uniform law, all ends).
"""
from __future__ import annotations

import sympy as sp
from sympy import Integral, Rational, sqrt

from symmech import Derivation, Identity, Inequality, Scope
from symmech.models.multigood.knightian_lp import FiniteCheck

PAPER = "Koçyiğit, 'Distributional Robustness in Mechanism Design' (2020)"
I = sp.Symbol("I", positive=True)
vl, d = sp.symbols("v_low d", nonnegative=True)
v, x = sp.symbols("v x", nonnegative=True)
SCOPE = Scope({I: sp.Interval(2, 1000), vl: sp.Interval(0, 1), d: sp.Interval.Lopen(0, 1)},
              samples=tuple({I: sp.Integer(i), vl: a, d: b} for i, a, b in (
                  (2, Rational(1, 2), Rational(1, 2)), (3, 0, 1), (7, Rational(1, 10), Rational(1, 3)),
                  (1000, 1, Rational(1, 100)), (50, Rational(2, 3), 1))))

# iid U[0, 1]: psi(v) = 2v - 1, reserve 1/2
MYERSON_U = I * Integral((2 * v - 1) * v**(I - 1), (v, Rational(1, 2), 1))
MYERSON_U_CLOSED = (I - 1) / (I + 1) + 2**(-I) / (I + 1)
VICKREY_U = lambda n: n * (n - 1) * Integral(v**(n - 1) * (1 - v), (v, 0, 1))
# Beta(2, 2): f = 6v(1-v), F = 3v^2 - 2v^3, psi = v - (1-F)/f, reserve (1 + sqrt 33)/16
f_b = 6 * v * (1 - v)
F_b = 3 * v**2 - 2 * v**3
psi_b = v - (1 - v) * (1 + 2 * v) / (6 * v)          # (1 - F)/f simplified: 1 - F = (1-v)^2 (1+2v)
R_B = (1 + sqrt(33)) / 16
# E max(psi(v1), psi(v2), 0) = 2 int_r^1 psi F f and E second highest of 3 (polynomial integrands)
MYERSON_B2 = 2 * Integral(sp.expand(sp.cancel(psi_b * F_b * f_b)), (v, R_B, 1))
VICKREY_B3 = 6 * Integral(sp.expand(v * F_b * (1 - F_b) * f_b), (v, 0, 1))
MYERSON_B2_VALUE = sp.Rational(697671, 1835008) + sp.Rational(53427, 9175040) * sqrt(33)
# a 2-parameter family of strictly positive quadratic densities on [v_low, v_low + d] (a = b = 0: uniform)
a_, b_ = sp.symbols("a b", real=True)
FAMILY = [(a_, -Rational(1, 2), Rational(1, 2)), (b_, -Rational(1, 4), Rational(1, 4))]
_t = (x - vl) / d
RHO_AB = (1 + a_ * (2 * _t - 1) + b_ * (6 * _t**2 - 6 * _t + 1)) / d
F_AB = sp.integrate(RHO_AB, (x, vl, x))
PSI_AB = x - (1 - F_AB) / RHO_AB
E_PSI_FAMILY = Integral(sp.cancel(PSI_AB * RHO_AB), (x, vl, vl + d))      # E[psi(v)] = int psi rho


def _bk_integers() -> tuple[bool, str]:
    from fractions import Fraction as Fr

    worst = min((Fr(n, n + 2) - Fr(n - 1, n + 1) - Fr(1, 2**n * (n + 1)), n) for n in range(2, 1001))
    return worst[0] >= 0, f"smallest margin {worst[0]} (I = {worst[1]}) over I = 2..1000"


def _src(x: str) -> str:
    return f"{PAPER}, {x}"


def _claims() -> list:
    T142, T143 = _src("Thm. 1.4.2"), _src("Thm. 1.4.3")
    return [
        Identity("t142_uniform_revenue", lhs=MYERSON_U, rhs=MYERSON_U_CLOSED, source=T142,
                 statement=r"\mathbb E\max\{\max_i\psi(\tilde v_i), 0\} = \tfrac{I-1}{I+1} + \tfrac{2^{-I}}{I+1}\ (U[0,1],\ \psi(v) = 2v - 1)"),
        Identity("t142_uniform_I2", lhs=MYERSON_U_CLOSED.subs(I, 2), rhs=Rational(5, 12), source=T142,
                 statement=r"I = 2:\ \text{Myerson} = \tfrac5{12},\ r = \tfrac12"),
        Identity("vickrey_uniform", lhs=VICKREY_U(I), rhs=(I - 1) / (I + 1), source=T142,
                 statement=r"\mathbb E[\tilde v_{(2)}] = \tfrac{I-1}{I+1}\ (\tfrac13 \text{ for } I = 2,\ \tfrac12 \text{ for } I = 3)"),
        Identity("bk_gap_uniform", lhs=I / (I + 2) - MYERSON_U_CLOSED, rhs=(2 / (I + 2) - 2**(-I)) / (I + 1), source=T143,
                 statement=r"\tfrac{I}{I+2} - \text{Myerson}_I = \tfrac{1}{I+1}\big(\tfrac{2}{I+2} - 2^{-I}\big)"),
        FiniteCheck("bk_uniform", compute=_bk_integers, source=T143,
                    statement=r"\tfrac{I}{I+2} \ge \tfrac{I-1}{I+1} + \tfrac{2^{-I}}{I+1}\ \text{for every integer}\ 2 \le I \le 1000\ \text{(exact)}",
                    note="Vickrey with I+1 bidders beats Myerson with I; for all I: 2/(I+2) >= 2^{-I} (Bernoulli)"),
        Inequality("beta22_regular", lhs=sp.diff(psi_b, v).subs(v, Rational(1, 100) + x * Rational(98, 100)), rel=">", rhs=0,
                   over=[(x, 0, 1)], source=_src("Def. 1.4.2"),
                   statement=r"\psi'(v) = \tfrac43 + \tfrac{1}{6v^2} > 0\ \text{for Beta}(2,2)\ \text{on}\ [0.01, 0.99]",
                   note="psi'(v) = 4/3 + 1/(6 v^2) on all of (0, 1): Beta(2, 2) is regular"),
        Identity("beta22_psi_form", lhs=psi_b, rhs=v - (1 - F_b) / f_b, over=[(v, Rational(1, 100), Rational(99, 100))],
                 source=_src("Def. 1.4.2"), statement=r"\psi(v) = v - \tfrac{1-F(v)}{f(v)} = v - \tfrac{(1-v)(1+2v)}{6v}"),
        Identity("beta22_reserve", lhs=psi_b.subs(v, R_B), rhs=0, source=T142,
                 statement=r"\psi\big(\tfrac{1+\sqrt{33}}{16}\big) = 0\ \text{(Beta(2,2) Myerson reserve)}"),
        Identity("beta22_myerson_I2", lhs=MYERSON_B2, rhs=MYERSON_B2_VALUE, source=T142,
                 statement=r"\mathrm{Myerson}_{\mathrm{Beta}(2,2)}(2) = \tfrac{697671}{1835008} + \tfrac{53427\sqrt{33}}{9175040} \approx 0.41365"),
        Identity("beta22_vickrey_I3", lhs=VICKREY_B3, rhs=Rational(1, 2), source=T142,
                 statement=r"\mathbb E_{\mathrm{Beta}(2,2)}[\tilde v_{(2:3)}] = \tfrac12"),
        Inequality("t143_family", lhs=sp.Min(VICKREY_U(3).doit(), VICKREY_B3.doit()), rel=">=",
                   rhs=sp.Min(MYERSON_U.subs(I, 2).doit(), MYERSON_B2.doit()),
                   source=T143,
                   statement=r"\min_{\mathbb P\in\{U, \mathrm{Beta}(2,2)\}}\mathbb E_{\mathbb P}[\tilde v_{(2:3)}] \ge "
                             r"\min_{\mathbb P}\mathrm{Myerson}_{\mathbb P}(2) \ge \text{robust optimum with 2 bidders}",
                   note="both sides are the revenue integrals (evaluated by SymPy) of vickrey_uniform, beta22_vickrey_I3, t142_uniform_revenue "
                        "and beta22_myerson_I2 (not their typed values); min over the family: 1/2 >= 5/12"),
        Identity("t143_expected_virtual_value", lhs=E_PSI_FAMILY, rhs=vl, over=FAMILY, source=T143 + " (proof)",
                 statement=(r"\mathbb E[\psi(\tilde v)] = \int_{\underline v}^{\overline v}\big(v\rho(v) - (1-F(v))\big)dv = \underline v"
                            r"\ \text{for every law of the family}\ \rho_{a,b}"),
                 note="integration by parts gives v_low for every law with a density on [v_low, v_high]; checked on the "
                      "2-parameter family of quadratic densities rho_{a,b} = (1 + a(2t-1) + b(6t^2-6t+1))/d, t = (v - v_low)/d, "
                      "|a| <= 1/2, |b| <= 1/4 (all >= 1/(4d) > 0; a = b = 0 is U[v_low, v_high]), every v_low in [0, 1], d in (0, 1]"),
        Identity("t143_expected_virtual_value_as_printed", lhs=E_PSI_FAMILY, rhs=0, over=FAMILY,
                 source=T143 + " (proof)", expect="fails", corrected="t143_expected_virtual_value",
                 statement=r"\mathbb E[\psi(\tilde v)] = 0\ \text{(as used in the proof)}",
                 note="gap T5: only for v_low = 0; the proof's inequality still holds since v_low >= 0"),
    ]


DERIVATION = Derivation(
    name="thesis_ch1_myerson",
    title="Koçyiğit (2020), Ch. 1, Sec. 1.4: independent values, Myerson and Bulow-Klemperer under ambiguity",
    scope=SCOPE,
    claims=_claims(),
    model=r"\text{independent values; } \psi^{\mathbb P}(v) = v - \tfrac{1-F(v)}{\rho(v)}",
    references=(PAPER + ", Ch. 1", "Myerson, 'Optimal Auction Design' (1981)", "Bulow and Klemperer, 'Auctions versus Negotiations' (1996)"),
)
