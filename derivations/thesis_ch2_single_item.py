"""Koçyiğit, 'Distributional Robustness in Mechanism Design' (EPFL thesis, 2020), Ch. 2, Sec. 2.3 for
one item: the optimal mechanism (2.3) and Lemma 2.3.1 (feasibility, envelope identity, constant
regret (v_bar - c)/e), nature's law (2.10) and the saddle point of Thm. 2.3.2 for J = 1 (Step 1's bound, the
catalog's T7, with its equality on the support; Step 2's value), and the
Bergemann-Schlag minimax-regret random price (2.13) (proved) with a near miss (refuted: the cost-free law at
c = d/4), pinned to its corrected twin (the cost-aware law at the same cost, proved).

Parameters: the cost c in [0, 100] and the width d = v_bar - c in (0, 100] (so 0 <= c < v_bar is
built in; every claim is positively homogeneous in (v, v_bar, c), so the box loses nothing but
is what symmech checks).  Values are written v = c + t d, t in [1/e, 1] above the threshold.
"""
from __future__ import annotations

import sympy as sp
from sympy import E, Integral, Rational, log

from symmech import AllOf, Derivation, Identity, Inequality, Mechanism, Scope
from symmech.models.regret.single import (
    allocation,
    bergemann_schlag_law,
    mechanism_2_3,
    minimax_optimal_claims,
    nature_law,
    payment,
    price_law_regret_pieces,
    threshold,
    worst_case_regret_claims,
)
from symmech.reports.figures import Curve, CurveFigure, Level

PAPER = "Koçyiğit, 'Distributional Robustness in Mechanism Design' (2020)"
BSCH = "Bergemann and Schlag, 'Pricing without Priors' (2008)"
c = sp.Symbol("c", nonnegative=True)
d = sp.Symbol("d", positive=True)
t = sp.Symbol("t", positive=True)          # normalized value above the threshold, t in [1/e, 1]
s = sp.Symbol("s", positive=True)
sl = sp.Symbol("s_l", nonnegative=True)
a = sp.Symbol("a", real=True)              # v - c in Thm. 2.3.2, Step 1
bb = sp.Symbol("b", nonnegative=True)      # (v_bar - c)/e >= 0
zz = sp.Symbol("z", nonnegative=True)
p = sp.Symbol("p", positive=True)
v = sp.Symbol("v", real=True)
vbar = c + d
SCOPE = Scope({c: sp.Interval(0, 100), d: sp.Interval.Lopen(0, 100)},
              samples=({c: Rational(1, 5), d: Rational(4, 5)}, {c: 0, d: 1}, {c: Rational(1, 2), d: Rational(3, 2)},
                       {c: 100, d: Rational(1, 100)}, {c: 3, d: 7}))


#: nature's normalized law P^s of Thm. 2.3.2 (law of s with v = c + s (v_bar - c)): the model's (2.10) with
#: v_bar = 1 and c = 0, i.e. density 1/(e s^2) on [1/e, 1) and an atom 1/e at s = 1
PS = nature_law(s, 1, 0)
(_PS_DENS, _PS_LO, _PS_HI), = PS.density.segments()
(_NAT_DENS, _NAT_LO, _NAT_HI), = nature_law(s, vbar, c).density.segments()


def _ps_survival(x):
    """P^s(s >= x) for x in [1/e, 1]: the density's mass on [x, 1] plus the atom at 1."""
    return Integral(_PS_DENS, (s, x, _PS_HI)) + sum((m for a, m in PS.atoms if a == _PS_HI), sp.Integer(0))


def _src(x: str) -> str:
    return f"{PAPER}, {x}"


def _claims() -> list:
    L1, T2, T2S = _src("Lemma 2.3.1, eq. (2.1)"), _src("Thm. 2.3.2"), _src("Thm. 2.3.2, eqs. (2.11)-(2.12)")
    T2A = _src("Thm. 2.3.2 (proof, Step 1), eq. (2.11)")
    x = c + t * d                                       # a value above the threshold
    q, m = allocation(x, vbar, c), payment(x, vbar, c)
    R = d / E
    vv = sp.Symbol("v_l", real=True)                    # a value below the threshold of (2.3)
    (q_low, _a, _b), _ = mechanism_2_3(vv, vbar, c)[0].segments()
    (m_low, _a, _b), _ = mechanism_2_3(vv, vbar, c)[1].segments()
    regret_low = sp.Max(vv - c, 0) - m_low + c * q_low  # ex-post regret of (2.3) below its threshold
    E_S = PS.expectation(s, evaluate=False)              # E_{P^s}[s]
    out = [
        Inequality("eq23_q_nonneg", lhs=1 + log(t), rhs=0, rel=">=", over=[(t, 1 / E, 1)], source=_src("eq. (2.3)"),
                   statement=r"\hat q(v) = 1 + \log t \ge 0\quad\forall t=\tfrac{v-c}{\bar v-c}\in[\tfrac1e,1]"),
        Inequality("eq23_q_at_most_one", lhs=1 + log(t), rhs=1, rel="<=", over=[(t, 1 / E, 1)], source=_src("eq. (2.3)"),
                   statement=r"\hat q(v) = 1 + \log t \le 1\quad\forall t\in[\tfrac1e,1]"),
        Identity("eq23_continuous_at_threshold",
                 lhs=allocation(threshold(vbar, c), vbar, c) ** 2 + payment(threshold(vbar, c), vbar, c) ** 2, rhs=0,
                 source=_src("eq. (2.3)"), statement=r"\hat q(c+\tfrac{\bar v-c}e) = \hat m(c+\tfrac{\bar v-c}e) = 0"),
        Inequality("lemma231_monotone", lhs=sp.diff(allocation(v, vbar, c), v).subs(v, x), rhs=0, rel=">",
                   over=[(t, 1 / E, 1)], source=f"{L1}, Prop. 2.2.1 (i)",
                   statement=r"\tfrac{d}{dv}\hat q(v) = \tfrac1{v-c} > 0 \text{ above the threshold (IC, Prop. 2.2.1)}"),
        Identity("lemma231_envelope", lhs=m, rhs=q * x - Integral((1 + log(s)) * d, (s, 1 / E, t)), over=[(t, 1 / E, 1)],
                 source=f"{L1}, Prop. 2.2.1 (ii)", statement=r"\hat m(v) = \hat q(v)v - \int_0^v \hat q(x)\,dx \quad (\hat m(0)=0)"),
        Identity("lemma231_ir_form", lhs=q * x - m, rhs=d * (t * log(t) + 1 / E), over=[(t, 1 / E, 1)], source=L1,
                 statement=r"\hat q(v)v - \hat m(v) = d\,(t\log t + \tfrac1e)"),
        Inequality("lemma231_ir", lhs=t * log(t) + 1 / E, rhs=0, rel=">=", over=[(t, 1 / E, 1)], source=L1,
                   statement=r"t\log t + \tfrac1e \ge 0 \text{ on } [\tfrac1e, 1] \text{ (with } d>0\text{: IR)}"),
        Identity("lemma231_regret_constant", lhs=t * d - m + c * q, rhs=R, over=[(t, 1 / E, 1)], source=L1,
                 statement=r"r(v) = (v-c)^+ - \hat m(v) + c\,\hat q(v) = \tfrac{\bar v-c}e\quad\forall v\in[c+\tfrac{\bar v-c}e,\bar v]"),
        Inequality("lemma231_regret_below", lhs=regret_low, rhs=R, rel="<=", over=[(vv, c, threshold(vbar, c))], source=L1,
                   statement=r"r(v) = (v-c)^+ - \hat m(v) + c\,\hat q(v) \le \tfrac{\bar v-c}e\quad\forall v\in[c, c+\tfrac{\bar v-c}e]",
                   note="(q, m) on [0, c + (v_bar - c)/e) is the model's lower piece of (2.3) (mechanism_2_3)"),
        Inequality("lemma231_regret_below_cost", lhs=regret_low, rhs=R, rel="<=", over=[(vv, 0, c)], source=L1,
                   statement=r"r(v) = (v-c)^+ - \hat m(v) + c\,\hat q(v) \le \tfrac{\bar v-c}e\quad\forall v\in[0,c]",
                   note="the model's lower piece of (2.3): a mechanism that sold below the cost would fail here"),
        # (2.10): the model's law of nature (J = 1) has the printed cdf on its upper region
        Identity("eq210_cdf", lhs=Integral(_NAT_DENS, (s, _NAT_LO, x)), rhs=1 - d / (E * (x - c)), over=[(t, 1 / E, 1)],
                 source=_src("eq. (2.10)"),
                 statement=r"\mathbb P^\star(\tilde v\le v) = 1 - \tfrac1e\tfrac{\bar v-c}{v-c}\quad\forall v\in[c+\tfrac{\bar v-c}e,\bar v)",
                 note="left: the model's density of nature_law(v, v_bar, c) integrated from its lowest point; below "
                      "c + (v_bar - c)/e the printed (.)^+ is 0 and the model puts no mass there; the atom at v_bar is "
                      "1/e (thm232_ps_mass)"),
        # Thm. 2.3.2, Step 1: the per-item bound and its justification (typo T7 of the catalog)
        AllOf("thm232_step1_plus_bound", source=T2A, parts=[
            Inequality("thm232_step1_plus_bound.a_negative", lhs=sp.Max(-zz, 0) - sp.Max(-zz - bb, 0), rhs=bb, rel="<=",
                       over=[(bb, 0, 100), (zz, 0, 100)], source=T2),
            Inequality("thm232_step1_plus_bound.a_between", lhs=sp.Max(a, 0) - sp.Max(a - bb, 0), rhs=bb, rel="<=",
                       over=[(bb, 0, 100), (a, 0, bb)], source=T2),
            Inequality("thm232_step1_plus_bound.a_above", lhs=sp.Max(bb + zz, 0) - sp.Max(zz, 0), rhs=bb, rel="<=",
                       over=[(bb, 0, 100), (zz, 0, 100)], source=T2)],
            statement=r"(a)^+ - (a-b)^+ \le b\quad\forall a,\ b \ge 0\ (a = v_j - c_j,\ b = \tfrac{\bar v_j-c_j}e \ge 0)",
            model_free="an inequality about real numbers: the step of the proof, whatever the mechanism",
            note="in three ranges of a: a = -z <= 0, 0 <= a <= b, a = b + z >= b (z >= 0). It is the sub-additivity of "
                 "max{., 0} that the thesis invokes, (x + y)^+ <= x^+ + y^+ with x = a - b, y = b >= 0: catalog T7's "
                 "'actually uses' names the same inequality"),
        Identity("thm232_step1_tight_on_support", lhs=sp.Max(bb + zz, 0) - sp.Max(zz, 0), rhs=bb,
                 over=[(bb, 0, 100), (zz, 0, 100)], source=T2A,
                 statement=r"a = b + z \ge b \ge 0:\ (a)^+ - (a-b)^+ = b \text{ (equality on the support of } \mathbb P^\star)",
                 model_free="an identity about real numbers: the step of the proof, whatever the mechanism"),
        # nature's normalized law P^s (proof of Thm. 2.3.2, Step 2): the model's (2.10) with v_bar = 1, c = 0
        Identity("thm232_ps_mass", lhs=PS.expectation(sp.Integer(1), evaluate=False), rhs=1, source=T2,
                 statement=r"\mathbb P^s: \int_{1/e}^1 \tfrac{ds}{e s^2} + \tfrac1e = 1"),
        Identity("thm232_ps_mean", lhs=E_S, rhs=2 / E, source=f"{T2}; Spec 003 part B, Sec. 3 (2/e)",
                 statement=r"\mathbb E_{\mathbb P^s}[\tilde s] = \tfrac2e"),
        Identity("thm232_revenue_curve", lhs=p * _ps_survival(p), rhs=1 / E, over=[(p, 1 / E, 1)], source=T2S,
                 statement=r"p\,\mathbb P^s(\tilde s\ge p) = \tfrac1e\quad\forall p\in[\tfrac1e,1]"),
        Inequality("thm232_revenue_curve_low", lhs=sl * _ps_survival(1 / E), rhs=1 / E, rel="<=", over=[(sl, 0, 1 / E)],
                   source=T2,
                   statement=r"p\,\mathbb P^s(\tilde s\ge p) = p\,\mathbb P^s(\tilde s \ge \tfrac1e) \le \tfrac1e\quad\forall p\in[0,\tfrac1e]"),
        AllOf("thm232_step2_value", source=T2S, parts=[
            Identity("thm232_step2_value.upper_prices", lhs=E_S - p * _ps_survival(p), rhs=1 / E,
                     over=[(p, 1 / E, 1)], source=T2),
            Inequality("thm232_step2_value.low_prices", lhs=E_S - sl * _ps_survival(1 / E), rhs=1 / E, rel=">=",
                       over=[(sl, 0, 1 / E)], source=T2)],
            statement=r"\mathbb E_{\mathbb P^s}[\tilde s] - p\,\mathbb P^s(\tilde s\ge p) \ \{= \tfrac1e \text{ on } [\tfrac1e,1],\ "
                      r"\ge \tfrac1e \text{ on } [0,\tfrac1e]\}:\ \text{Step 2's value } \tfrac1e",
            note="E[s] and P^s(s >= p) both come from the model's law P^s (density and atom): the seller's best "
                 "price against P^s leaves regret 1/e"),
    ]
    # Bergemann-Schlag: the random price with density 1/(p - c) on [c + d/e, v_bar] (the law of
    # Q*(p <= x) = q*(x) of (2.3)); its worst case over all value laws, and nature's bound.
    law = bergemann_schlag_law(p, vbar, c)
    out += minimax_optimal_claims(law, vbar, c, prefix="bergemann_schlag", source=f"{BSCH}; {_src('eq. (2.13)')}")
    # near miss: the zero-cost law (density 1/p on [v_bar/e, v_bar]) used although c = d/4 > 0; its corrected
    # twin: the cost-aware law (density 1/(p - c) on [c + d/e, v_bar]) at the same cost c = d/4
    c4 = d / 4
    near = bergemann_schlag_law(p, c4 + d, 0)
    out.append(AllOf("bergemann_schlag_near_miss_ignores_cost",
                     parts=worst_case_regret_claims(near, c4 + d, c4, d / E, prefix="near_miss"),
                     source=BSCH, expect="fails", corrected="bergemann_schlag_cost_aware_at_c_d4",
                     statement=r"\text{the } c=0 \text{ law (density } 1/p \text{ on } [\bar v/e,\bar v]) \text{ has worst-case "
                               r"regret } \le \tfrac{\bar v-c}e \text{ when } c = \tfrac d4",
                     note="near miss: the cost-free Bergemann-Schlag law is not minimax-regret optimal with a cost; "
                          "a buyer at v_bar leaves regret v_bar - E[p] = v_bar/e > (v_bar - c)/e"))
    out.append(AllOf("bergemann_schlag_cost_aware_at_c_d4",
                     parts=worst_case_regret_claims(bergemann_schlag_law(p, c4 + d, c4), c4 + d, c4, d / E,
                                                    prefix="cost_aware"),
                     source=f"{BSCH}; {_src('eq. (2.13)')}",
                     statement=r"\text{the law with density } \tfrac1{p-c} \text{ on } [c+\tfrac{\bar v-c}e,\bar v] \text{ has "
                               r"worst-case regret } \tfrac{\bar v-c}e \text{ when } c = \tfrac d4",
                     note="the corrected twin of the near miss: the same cost and the same regret model, the cost-aware law"))
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
    figures={"point": {c: Rational(1, 4), d: Rational(3, 4)},
             "mechanism": Mechanism(v, *mechanism_2_3(v, vbar, c)), "price_law": bergemann_schlag_law(p, vbar, c),
             "nature_law": nature_law(v, vbar, c),
             "regret": CurveFigure(
                 v, 0, vbar, xlabel=r"buyer's value $v$", ylabel="ex-post regret", title="Regret of the optimal mechanism",
                 caption="Ex-post regret of the minimax-regret mechanism (2.3), the Bergemann-Schlag random price, "
                         "against each value v: the bound, the width of the value range above the cost divided by e, is "
                         "reached at every value above the threshold (Lemma 2.3.1)",
                 curves=(Curve.lazy(lambda: [(e, lo, hi) for lo, hi, e in
                                             price_law_regret_pieces(bergemann_schlag_law(p, vbar, c), v, vbar, c)],
                                    "regret of the random price"),),
                 levels=(Level(d / E, r"$(\bar v - c)/e$"),)),
             "near_miss": CurveFigure(
                 v, 0, d / 4 + d, xlabel=r"buyer's value $v$", ylabel="ex-post regret",
                 title="Near miss at cost c = d/4",
                 caption="Ex-post regret at the cost c = d/4 of the cost-aware Bergemann-Schlag law (worst case d/e: "
                         "the claim bergemann_schlag_cost_aware_at_c_d4) and of the cost-free law used anyway (the "
                         "refuted near miss: its regret at the top value exceeds d/e)",
                 curves=(Curve.lazy(lambda: [(e, lo, hi) for lo, hi, e in price_law_regret_pieces(
                             bergemann_schlag_law(p, d / 4 + d, d / 4), v, d / 4 + d, d / 4)], "cost-aware law"),
                         Curve.lazy(lambda: [(e, lo, hi) for lo, hi, e in price_law_regret_pieces(
                             bergemann_schlag_law(p, d / 4 + d, 0), v, d / 4 + d, d / 4)], "cost-free law (near miss)",
                                    style="--")),
                 levels=(Level(d / E, r"bound $d/e$"),))},
)

if __name__ == "__main__":  # pragma: no cover
    print(DERIVATION.verify(digits=50))
