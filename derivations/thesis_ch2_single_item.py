"""Koçyiğit, 'Distributional Robustness in Mechanism Design' (EPFL thesis, 2020), Ch. 2, Sec. 2.3 for
one item: the optimal mechanism (2.3) and Lemma 2.3.1 (feasibility, envelope identity, constant
regret (v_bar - c)/e), nature's law (2.10) and the saddle point of Thm. 2.3.2 for J = 1, and the
Bergemann-Schlag minimax-regret random price (proved) with a near miss (refuted).

Parameters: the cost c in [0, 100] and the width d = v_bar - c in (0, 100] (so 0 <= c < v_bar is
built in; every claim is positively homogeneous in (v, v_bar, c), so the box loses nothing but
is what symmech checks).  Values are written v = c + t d, t in [0, 1] above the cost.
"""
from __future__ import annotations

import sympy as sp
from sympy import E, Integral, Rational, log

from symmech import AllOf, Derivation, Identity, Inequality, Scope
from symmech.models.regret.single import (
    allocation,
    bergemann_schlag_law,
    minimax_optimal_claims,
    payment,
    threshold,
    worst_case_regret_claims,
)

PAPER = "Koçyiğit, 'Distributional Robustness in Mechanism Design' (2020)"
BSCH = "Bergemann and Schlag, 'Pricing without Priors' (2008)"
c = sp.Symbol("c", nonnegative=True)
d = sp.Symbol("d", positive=True)
t = sp.Symbol("t", positive=True)          # normalized value above the threshold, t in [1/e, 1]
tl = sp.Symbol("t_l", nonnegative=True)    # normalized value below the threshold, t in [0, 1/e]
s = sp.Symbol("s", positive=True)
sl = sp.Symbol("s_l", nonnegative=True)
p = sp.Symbol("p", positive=True)
v = sp.Symbol("v", real=True)
vbar = c + d
SCOPE = Scope({c: sp.Interval(0, 100), d: sp.Interval.Lopen(0, 100)},
              samples=({c: Rational(1, 5), d: Rational(4, 5)}, {c: 0, d: 1}, {c: Rational(1, 2), d: Rational(3, 2)},
                       {c: 100, d: Rational(1, 100)}, {c: 3, d: 7}))


def _src(x: str) -> str:
    return f"{PAPER}, {x}"


def _claims() -> list:
    L1, T2 = _src("Lemma 2.3.1"), _src("Thm. 2.3.2")
    x = c + t * d                                       # a value above the threshold
    q, m = allocation(x, vbar, c), payment(x, vbar, c)
    R = d / E
    out = [
        Inequality("eq23_q_nonneg", lhs=1 + log(t), rhs=0, rel=">=", over=[(t, 1 / E, 1)], source=_src("(2.3)"),
                   statement=r"\hat q(v) = 1 + \log t \ge 0\quad\forall t=\tfrac{v-c}{\bar v-c}\in[\tfrac1e,1]"),
        Inequality("eq23_q_at_most_one", lhs=1 + log(t), rhs=1, rel="<=", over=[(t, 1 / E, 1)], source=_src("(2.3)"),
                   statement=r"\hat q(v) = 1 + \log t \le 1\quad\forall t\in[\tfrac1e,1]"),
        Identity("eq23_continuous_at_threshold",
                 lhs=allocation(threshold(vbar, c), vbar, c) ** 2 + payment(threshold(vbar, c), vbar, c) ** 2, rhs=0,
                 source=_src("(2.3)"), statement=r"\hat q(c+\tfrac{\bar v-c}e) = \hat m(c+\tfrac{\bar v-c}e) = 0"),
        Inequality("lemma231_monotone", lhs=sp.diff(allocation(v, vbar, c), v).subs(v, x), rhs=0, rel=">",
                   over=[(t, 1 / E, 1)], source=L1,
                   statement=r"\tfrac{d}{dv}\hat q(v) = \tfrac1{v-c} > 0 \text{ above the threshold (IC, Prop. 2.2.1)}"),
        Identity("lemma231_envelope", lhs=m, rhs=q * x - Integral((1 + log(s)) * d, (s, 1 / E, t)), over=[(t, 1 / E, 1)],
                 source=L1, statement=r"\hat m(v) = \hat q(v)v - \int_0^v \hat q(x)\,dx \quad (\hat m(0)=0)"),
        Identity("lemma231_ir_form", lhs=q * x - m, rhs=d * (t * log(t) + 1 / E), over=[(t, 1 / E, 1)], source=L1,
                 statement=r"\hat q(v)v - \hat m(v) = d\,(t\log t + \tfrac1e)"),
        Inequality("lemma231_ir", lhs=t * log(t) + 1 / E, rhs=0, rel=">=", over=[(t, 1 / E, 1)], source=L1,
                   statement=r"t\log t + \tfrac1e \ge 0 \text{ on } [\tfrac1e, 1] \text{ (with } d>0\text{: IR)}"),
        Identity("lemma231_regret_constant", lhs=t * d - m + c * q, rhs=R, over=[(t, 1 / E, 1)], source=L1,
                 statement=r"r(v) = (v-c)^+ - \hat m(v) + c\,\hat q(v) = \tfrac{\bar v-c}e\quad\forall v\in[c+\tfrac{\bar v-c}e,\bar v]"),
        Inequality("lemma231_regret_below", lhs=tl * d, rhs=R, rel="<=", over=[(tl, 0, 1 / E)], source=L1,
                   statement=r"r(v) = (v-c)^+ \le \tfrac{\bar v-c}e\quad\forall v\in[c, c+\tfrac{\bar v-c}e]"),
        Inequality("lemma231_regret_below_cost", lhs=sp.Integer(0), rhs=R, rel="<=", source=L1,
                   statement=r"r(v) = 0 \le \tfrac{\bar v-c}e\quad\forall v\in[0,c]"),
        # nature's normalized law P^s (proof of Thm. 2.3.2, Step 2)
        Identity("thm232_ps_mass", lhs=Integral(1 / (E * s**2), (s, 1 / E, 1)) + 1 / E, rhs=1, source=T2,
                 statement=r"\mathbb P^s: \int_{1/e}^1 \tfrac{ds}{e s^2} + \tfrac1e = 1"),
        Identity("thm232_ps_mean", lhs=Integral(s / (E * s**2), (s, 1 / E, 1)) + 1 / E, rhs=2 / E, source=T2,
                 statement=r"\mathbb E_{\mathbb P^s}[\tilde s] = \tfrac2e"),
        Identity("thm232_revenue_curve", lhs=s * (1 - (1 - 1 / (E * s))), rhs=1 / E, over=[(s, 1 / E, 1)], source=T2,
                 statement=r"p\,(1-\mathbb P^s(\tilde s\le p)) = \tfrac1e\quad\forall p\in[\tfrac1e,1)"),
        Inequality("thm232_revenue_curve_low", lhs=sl, rhs=1 / E, rel="<=", over=[(sl, 0, 1 / E)], source=T2,
                   statement=r"p\,(1-\mathbb P^s(\tilde s\le p)) = p \le \tfrac1e\quad\forall p\in[0,\tfrac1e]"),
        Identity("thm232_step2_value", lhs=2 / E - 1 / E, rhs=1 / E, source=T2,
                 statement=r"\mathbb E_{\mathbb P^s}[\tilde s] - \max_p p(1-\mathbb P^s(\tilde s\le p)) = \tfrac1e"),
    ]
    # Bergemann-Schlag: the random price with density 1/(p - c) on [c + d/e, v_bar] (the law of
    # Q*(p <= x) = q*(x) of (2.3)); its worst case over all value laws, and nature's bound.
    law = bergemann_schlag_law(p, vbar, c)
    out += minimax_optimal_claims(law, vbar, c, prefix="bergemann_schlag", source=f"{BSCH}; {_src('Sec. 2.3 (2.13)')}")
    # near miss: the zero-cost law (density 1/p on [v_bar/e, v_bar]) used although c = d/4 > 0
    c4 = d / 4
    near = bergemann_schlag_law(p, c4 + d, 0)
    out.append(AllOf("bergemann_schlag_near_miss_ignores_cost",
                     parts=worst_case_regret_claims(near, c4 + d, c4, d / E, prefix="near_miss"),
                     source=BSCH, expect="fails",
                     statement=r"\text{the } c=0 \text{ law (density } 1/p \text{ on } [\bar v/e,\bar v]) \text{ has worst-case "
                               r"regret } \le \tfrac{\bar v-c}e \text{ when } c = \tfrac d4",
                     note="near miss: the cost-free Bergemann-Schlag law is not minimax-regret optimal with a cost; "
                          "a buyer at v_bar leaves regret v_bar - E[p] = v_bar/e > (v_bar - c)/e"))
    return out


DERIVATION = Derivation(
    name="thesis_ch2_single_item",
    title="Koçyiğit (2020) Ch. 2: optimal single-item mechanism (2.3), Lemma 2.3.1, Thm. 2.3.2 for J = 1, "
          "Bergemann-Schlag",
    scope=SCOPE,
    claims=_claims(),
    model=(r"v\in[0,\bar v],\ 0\le c<\bar v,\ \text{regret } (v-c)^+ - (m(v) - q(v)c),\ "
           r"\min_{(q,m)\ \mathrm{IC,IR}}\max_{v}\text{regret}"),
    references=(PAPER + ", Ch. 2 (Koçyiğit, Rujeerapaiboon, Kuhn: Robust multidimensional pricing: "
                "separation without regret, Math. Programming 2022)", BSCH + ", J. Econ. Theory"),
)

if __name__ == "__main__":  # pragma: no cover
    print(DERIVATION.verify(digits=50))
