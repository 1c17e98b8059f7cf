"""T periods (and M goods over T periods) with a known mean (Carrasco et al., Section 5:
Lemma 5.1, Lemma 5.2, Cor. 5.1, Props. 5.1-5.2).

Values theta_t in [0, 1], E[theta_t] = k for every t (implied by the martingale assumption with
E[theta_1] = k), discount delta.  The repeated static mechanism guarantees
R_T = kt sum_{t=1}^T delta^{t-1} = kt (1 - delta^T) / (1 - delta) (Lemma 5.1, the Jensen step), and
against permanent types theta_1 = ... = theta_T ~ F* (a law on the diagonal, hence a martingale) no
mechanism earns more (Lemma 5.2: restriction to the diagonal, allocation caps delta^{t-1}).
The dynamic problem is modelled as a T-"good" problem whose good t carries weight delta^{t-1}.
Only the means are used, so the guarantee holds over the larger set {E theta_t = k}; the upper
bound uses a law that is in both sets.

Typos: T10 (R_T printed with delta^{T+1}), T11 (p* printed with / ln kt, which is <= 0).
"""
from __future__ import annotations

import sympy as sp
from sympy import E, Interval, LambertW, Max, log

from symmech.claims.implication import Monotone

from symmech import (AllOf, DefinedRoot, Derivation, Distribution, Identity, Implied, Inequality, Mechanism,
                     PiecewiseFunction, Scope)
from symmech.models.multigood import Box, MultiAmbiguitySet, PartitionedSale, comonotone, value_vars
from symmech.checks import multigood as mc
from symmech.claims.budgeted import Budgeted
from symmech.reports.figures import Curve, CurveFigure

PAPER = "Carrasco et al."
theta = sp.Symbol("theta", nonnegative=True)
s = sp.Symbol("s", nonnegative=True)
k, kt = sp.symbols("k kt", positive=True)
delta = sp.Symbol("delta", positive=True)
T = sp.Symbol("T", integer=True, positive=True)    # horizon (an integer), where a formula is symbolic in T
u, v = sp.symbols("u v", nonnegative=True)         # normalized true type and report (scope parameters)
t_ = sp.Symbol("t", integer=True, positive=True)   # period index of a symbolic sum

SCOPE = Scope(
    parameters={k: Interval.open(0, 1), delta: Interval.open(0, 1), T: Interval(1, 20),
                u: Interval(0, 1), v: Interval(0, 1)},
    roots=(DefinedRoot(kt, kt * (1 - log(kt)) - k, bracket=(0, k), closed_form=-k / LambertW(-k / E, -1),
                       inverse=(k, kt * (1 - log(kt))), image=Interval.open(0, 1)),),
)

XI = 1 / log(1 / kt)
Q_STAR = PiecewiseFunction(theta, (0, kt, 1), (0, 1 - log(theta) / log(kt)))
M_STAR = Mechanism.from_allocation(theta, Q_STAR)
F_STAR = Distribution(s, density=PiecewiseFunction(s, (0, kt, 1), (0, kt / s**2)), atoms={1: kt})


def R(TT):
    """The correct value kt (1 - delta^T) / (1 - delta)."""
    return kt * (1 - delta**TT) / (1 - delta)


def R_printed(TT):
    return kt * (1 - delta ** (TT + 1)) / (1 - delta)


def R_sum(TT: int):
    return kt * sum(delta ** (t - 1) for t in range(1, TT + 1))


def repeated(Tn: int, goods: int = 1):
    """(types, ambiguity set, permanent-type law, repeated mechanism, caps) for Tn periods x goods."""
    th = value_vars(Tn * goods)
    weights = [delta ** (t - 1) for t in range(1, Tn + 1) for _ in range(goods)]
    A = MultiAmbiguitySet.means(Box.unit(th), [k] * (Tn * goods))
    mech = PartitionedSale.separate_sales(th, [M_STAR] * (Tn * goods), scales=weights)
    return th, A, comonotone(th, F_STAR), mech, weights


HI_TYPE = kt + u * (1 - kt)          # a true type in [kt, 1]
LO_TYPE = u * kt                     # a true type in [0, kt]
REPORT = kt + v * (1 - kt)           # a report in [kt, 1]
L51 = f"{PAPER}, Lemma 5.1; eq. (21)"


def util(th, r):
    """theta q*(theta') - p*(theta') for a report theta' in [kt, 1]."""
    return th * Q_STAR.pieces[1].subs(theta, r) - M_STAR.payment.pieces[1].subs(theta, r)


def truth_optimal_direct(lhs=None) -> Inequality:
    return Inequality("eq21_truth_optimal_above",
                      lhs=util(HI_TYPE, HI_TYPE) - util(HI_TYPE, REPORT) if lhs is None else lhs, rel=">=", rhs=0,
                      source=L51, statement=r"\theta \in \arg\max_{\theta'} \theta q^*(\theta') - p^*(\theta') "
                                            r"\text{ for } \theta > \tilde k")


def truth_optimal(direct: Inequality | None = None) -> Implied:
    """g(u, v) = lhs - rhs >= 0 (u: true type, v: report): g(u, u) >= 0 and (v - u) dg/dv >= 0, so g(u, .) is
    smallest at v = u.  The slope is tied to a manifestly nonnegative form by an identity."""
    direct = truth_optimal_direct() if direct is None else direct
    assert direct.rel == ">=" and not direct.over
    g = direct.lhs - direct.rhs
    form = XI * (1 - kt) ** 2 * (v - u) ** 2 / REPORT
    sid = direct.id
    route = AllOf(f"{sid}.route", source=L51,
                  statement=r"g(u, u) \ge 0,\ (v - u)\,\partial_v g = \xi^*(1-\tilde k)^2 (v-u)^2/\theta' \ge 0"
                            r" \Rightarrow g(u, v) \ge g(u, u) \ge 0",
                  parts=[Inequality(f"{sid}.at_truth", lhs=g.subs(v, u), rel=">=", rhs=0, source=L51),
                         Identity(f"{sid}.slope_form", lhs=(v - u) * sp.diff(g, v), rhs=form, source=L51),
                         Inequality(f"{sid}.slope_sign", lhs=form, rel=">=", rhs=0, source=L51)])
    # the interval certifier cannot settle x ln(x/y) - x + y >= 0 near the diagonal within its 8 s
    return Implied(sid, source=L51, statement=direct.statement, note=direct.note, sufficient=[route],
                   implication=Monotone(v, u, at_anchor="at_truth", slope="slope_sign"),
                   direct=Budgeted(sid, inner=direct, seconds=1.0, tactics=2.0))


def exclusion_direct(lhs=None) -> Inequality:
    return Inequality("eq21_exclusion_region", lhs=util(LO_TYPE, REPORT) if lhs is None else lhs, rel="<=", rhs=0,
                      source=L51,
                      statement=r"\theta \le \tilde k:\ \theta q^*(\theta') - p^*(\theta') \le 0 = "
                                r"\text{utility of any report in } [0, \tilde k]",
                      note="all optimal reports give the truthful (q, p) = (0, 0) (spec G10)")


def exclusion(direct: Inequality | None = None) -> Implied:
    """h(u, v) = rhs - lhs >= 0 (u: true type u kt, v: report): dh/du <= 0, so h(u, v) >= h(1, v); h(1, 0) >= 0
    and d/dv h(1, v) >= 0, so h(1, v) >= h(1, 0) >= 0."""
    direct = exclusion_direct() if direct is None else direct
    assert direct.rel == "<=" and not direct.over
    h = direct.rhs - direct.lhs
    sid = direct.id
    route = AllOf(f"{sid}.route", source=L51,
                  statement=r"h = -(\theta q^*(\theta') - p^*(\theta')):\ \partial_u h \le 0,\ h(1, 0) \ge 0,\ "
                            r"\partial_v h(1, v) \ge 0 \Rightarrow h(u, v) \ge h(1, v) \ge h(1, 0) \ge 0",
                  parts=[Inequality(f"{sid}.decreasing_in_type", lhs=sp.diff(h, u), rel="<=", rhs=0, source=L51),
                         Implied(f"{sid}.at_top", source=L51,
                                 direct=Inequality(f"{sid}.at_top", lhs=h.subs(u, 1), rel=">=", rhs=0, source=L51),
                                 implication=Monotone(v, "lo", at_anchor="corner", slope="increasing_in_report"),
                                 sufficient=[AllOf(f"{sid}.at_top.route", source=L51, parts=[
                                     Inequality(f"{sid}.corner", lhs=h.subs({u: 1, v: 0}), rel=">=", rhs=0,
                                                source=L51),
                                     Inequality(f"{sid}.increasing_in_report", lhs=sp.diff(h.subs(u, 1), v),
                                                rel=">=", rhs=0, source=L51)])])])
    return Implied(sid, source=L51, statement=direct.statement, note=direct.note, sufficient=[route],
                   implication=Monotone(u, "hi", at_anchor="at_top", slope="decreasing_in_type"),
                   direct=Budgeted(sid, inner=direct, seconds=1.0, tactics=2.0))


def _claims() -> list:
    l51, l52, c51, p51, p52 = (f"{PAPER}, {x}" for x in ("Lemma 5.1", "Lemma 5.2", "Cor. 5.1", "Prop. 5.1",
                                                         "Prop. 5.2"))
    hi_type, report = HI_TYPE, REPORT
    out = [
        # ---------- the value R_T -------------------------------------------------------------
        Identity("RT_base", lhs=R(1), rhs=XI * (k - kt), source=l51,
                 statement=r"R_1 = \xi^*(k - \tilde k) \ (= \tilde k,\ \text{the static guarantee})"),
        Identity("RT_step", lhs=R(T + 1) - R(T), rhs=kt * delta**T, source=l51,
                 statement=r"R_{T+1} - R_T = \tilde k\,\delta^{T} \Rightarrow R_T = \tilde k\sum_{t=1}^T\delta^{t-1}"
                           r" = \tilde k\frac{1-\delta^T}{1-\delta}",
                 note="with RT_base, induction on T"),
        Identity("RT_value_all_T", lhs=sp.Sum(delta ** (t_ - 1) * XI * (k - kt), (t_, 1, T)).doit(), rhs=R(T),
                 source=l51,
                 statement=r"\sum_{t=1}^T \delta^{t-1}\xi^*(k - \tilde k) = \tilde k\frac{1-\delta^T}{1-\delta}"
                           r"\ \forall T",
                 note="the Jensen guarantee of Lemma 5.1 summed over the periods (per period xi*(E theta_t - kt), "
                      "lemma51_jensen_pointwise), symbolic in the integer T; the corrected R_T of typo T10"),
        Identity("RT_as_printed", lhs=R_printed(T), rhs=R(T), source=l51, expect="fails", corrected="RT_value_all_T",
                 statement=r"R_T = \frac{1-\delta^{T+1}}{1-\delta}\tilde k \text{ (as printed)}",
                 note="typo T10: that is the sum over t = 0..T (T + 1 terms); corrected: RT_value_all_T"),
        Identity("RT_as_printed_T1", lhs=R_printed(1), rhs=XI * (k - kt), source=l51, expect="fails",
                 corrected="RT_base",
                 statement=r"\text{printed formula at } T = 1 \text{ gives } \tilde k(1+\delta) \ne "
                           r"\xi^*(k - \tilde k) = \tilde k",
                 note="typo T10 at T = 1: the one-period value is the static guarantee (corrected: RT_base)"),
        # ---------- eq. (21): the buyer's problem ------------------------------------------------
        Identity("eq21_utility_gap", lhs=util(hi_type, hi_type) - util(hi_type, report),
                 rhs=XI * (hi_type * log(hi_type / report) - hi_type + report), source=l51,
                 rewrites=(({log(hi_type / report): log(hi_type) - log(report)}, "both types lie in [kt, 1], so are > 0"),),
                 statement=r"U(\theta) - [\theta q^*(\theta') - p^*(\theta')] = "
                           r"\xi^*[\theta\ln(\theta/\theta') - \theta + \theta'],\ \theta,\theta' \in [\tilde k, 1]"),
        truth_optimal(),
        Inequality("eq21_strictly_concave", lhs=sp.diff(util(theta, report), v, 2) / (1 - kt) ** 2, rel="<", rhs=0,
                   over=[(theta, kt, 1)], source=l51,
                   statement=r"\partial^2_{\theta'}[\theta q^*(\theta') - p^*(\theta')] = -\xi^*\theta/\theta'^2 < 0"),
        exclusion(),
        Identity("eq21_p_star_corrected", lhs=Max((theta - kt) / log(1 / kt), 0), rhs=M_STAR.payment.pieces[1],
                 over=[(theta, kt, 1)], source=l51,
                 statement=r"p^*(\theta') = \max\{(\theta' - \tilde k)/\ln(1/\tilde k), 0\} = "
                           r"\theta' q^*(\theta') - \int_0^{\theta'} q^*",
                 note="typo T11 corrected (spec T11: / ln(1/kt)); the right side is the envelope payment of q*"),
        Identity("eq21_p_star_as_printed", lhs=Max((theta - kt) / log(kt), 0), rhs=M_STAR.payment.pieces[1],
                 over=[(theta, kt, 1)], source=l51, expect="fails", corrected="eq21_p_star_corrected",
                 statement=r"p^*(\theta') = \max\{(\theta' - \tilde k)/\ln\tilde k, 0\} \text{ (as printed)}",
                 note="typo T11: ln kt < 0, so the printed p* vanishes identically (corrected: eq21_p_star_corrected)"),
        Identity("lemma51_corrected_revenue_sum",
                 lhs=sum(delta**(t - 1) * Max((k - kt) / log(1 / kt), 0) for t in range(1, 4)), rhs=R(3), source=l51,
                 statement=r"\sum_{t=1}^3 \delta^{t-1}\max\{(E\theta_t - \tilde k)/\ln(1/\tilde k), 0\} = R_3",
                 note="typos T10/T11 corrected (spec T10, T11): weights delta^{t-1} and ln(1/kt), E theta_t = k"),
        Identity("lemma51_printed_revenue_sum", lhs=sum(delta**t * Max((k - kt) / log(kt), 0) for t in range(1, 4)),
                 rhs=R(3), source=l51, expect="fails", corrected="lemma51_corrected_revenue_sum",
                 statement=r"\sum_{t=1}^3 \delta^t\max\{(E\theta_t - \tilde k)/\ln\tilde k, 0\} = R_3 \text{ (as printed)}",
                 note="typos T10/T11: delta^t for delta^{t-1} and ln kt for ln(1/kt); the printed sum is 0 "
                      "(corrected: lemma51_corrected_revenue_sum)"),
        AllOf("lemma51_jensen_pointwise", source=l51,
              statement=r"p^*(\theta_t) \ge \xi^*(\theta_t - \tilde k) \text{ on } [0,1] \Rightarrow "
                        r"E\,p^*(\theta_t) \ge \xi^*(E\theta_t - \tilde k) = \xi^*(k - \tilde k) = \tilde k",
              note="the Jensen step of Lemma 5.1 for the model's payment p* (envelope payment of q*): an affine "
                   "minorant, equal on [kt, 1]; the full guarantee is the dual certificate inside the saddle claims",
              parts=[Inequality("lemma51_jensen_pointwise.below", lhs=M_STAR.payment.pieces[0], rel=">=",
                                rhs=XI * (theta - kt), over=[(theta, 0, kt)], source=l51),
                     Inequality("lemma51_jensen_pointwise.above", lhs=M_STAR.payment.pieces[1], rel=">=",
                                rhs=XI * (theta - kt), over=[(theta, kt, 1)], source=l51),
                     Identity("lemma51_jensen_pointwise.value", lhs=XI * (k - kt), rhs=kt, source=l51)]),
    ]
    for Tn in (2, 3, 4):
        th, A, F, mech, caps = repeated(Tn)
        lam = -sum(c * XI * kt for c in caps)
        out.append(mc.saddle_point(mech, F, A, lam, [c * XI for c in caps], R_sum(Tn), caps=caps,
                                   lam_split=[-c * XI * kt for c in caps], id=f"prop51_saddle_T{Tn}",
                                   source=f"{l51}; {l52}; {c51}; {p51}; eq. (20)"))
        out.append(Identity(f"RT_closed_form_T{Tn}", lhs=R_sum(Tn), rhs=R(Tn), source=p51,
                            statement=rf"\tilde k\sum_{{t=1}}^{{{Tn}}}\delta^{{t-1}} = \tilde k\frac{{1-\delta^{{{Tn}}}}}{{1-\delta}}"))
    th, A, F, mech, caps = repeated(2, goods=2)
    out.append(mc.saddle_point(mech, F, A, -sum(c * XI * kt for c in caps), [c * XI for c in caps], 2 * R_sum(2),
                               caps=caps, lam_split=[-c * XI * kt for c in caps], id="prop52_saddle_M2_T2",
                               source=p52))
    return out


DERIVATION = Derivation(
    name="many_periods",
    title="T periods with martingale values: repeating the static mechanism is optimal, R_T = kt (1-delta^T)/(1-delta)",
    scope=SCOPE,
    claims=_claims(),
    model=(r"\theta_t \in [0,1],\ \mathbb{E}[\theta_t] = k,\ \text{discount } \delta,\ "
           r"R_T = \tilde k\sum_{t=1}^T \delta^{t-1}"),
    references=("Carrasco, Luz, Kos, Messner, Monteiro and Moreira, 'Optimal selling mechanisms under moment "
                "conditions', Journal of Economic Theory 177 (2018), Section 5",),
    figures={"mechanism": M_STAR, "worst_case": F_STAR, "guarantee": kt, "point": {k: sp.Rational(1, 2), delta: sp.Rational(9, 10)},
             "horizon": CurveFigure(
                 T, 1, 20, integer=True, xlabel="horizon $T$ (periods)", ylabel="guaranteed discounted revenue",
                 title="Repeated static mechanism",
                 caption="Guaranteed discounted revenue of repeating the static mechanism for T periods (Lemma 5.1, "
                         "the value of Prop. 5.1), against the formula as printed, with the exponent T + 1 (typo T10)",
                 curves=(Curve.of(R(T), r"$R_T = \tilde k\,\frac{1-\delta^T}{1-\delta}$"),
                         Curve.of(R_printed(T), r"as printed: $\tilde k\,\frac{1-\delta^{T+1}}{1-\delta}$ (T10)",
                                  style="x--")))},
)

if __name__ == "__main__":  # pragma: no cover
    print(DERIVATION.verify(digits=50))
