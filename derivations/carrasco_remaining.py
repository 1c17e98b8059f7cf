"""Carrasco et al., the results the other derivations leave implicit, and the catalog's remaining
typos and gaps: the tariff P*(q) of eq. (7), Lemma 3.1 (its witness), Lemma 3.2 (valid on
[theta*, 1] only; the spec's R12 counterexample below theta*), the Lagrangian (3)/(14) and
Prop. 4.1, the uniqueness ingredients of Prop. 3.4 (hence the necessity in Prop. 3.1),
Prop. 3.5's saddle points (theta^2, theta^3 in general_moment; every theta^n, n in [2, 5], and
sqrt(theta) in carrasco_audit; the generic-check theta^4 and sqrt versions here are for tests), the
Section 5 assumption (martingale, tower property), Def. 5.1, Prop. 5.2 for more goods and
periods, and T as an integer (the printed R_T is refuted at integer horizons).

Existence (Lemma 3.1: Luenberger's Lagrange multiplier theorem), uniqueness (Prop. 3.4: the
a.e. argument) and measurability are cited, not checked: the claims check the witnesses and
the inequalities those arguments rest on; each claim's note says what is cited.
"""
from __future__ import annotations

import sympy as sp
from sympy import Interval, Rational, exp, log

from derivations import general_moment as gm
from derivations import many_periods as mp
from derivations import one_moment as om
from symmech import (AllOf, AmbiguitySet, DefinedRoot, Derivation, Distribution, Identity, Inequality, Mechanism,
                     MomentCondition, PiecewiseFunction, Scope, checks, revenue)
from symmech.reports.figures import Curve, CurveFigure

PAPER = "Carrasco et al."
theta, k, kt, XI = om.theta, om.k, om.kt, om.XI
Y = sp.Symbol("y")                                         # x / kt (a plain symbol: bound ranges start at 0)
W_ = sp.Symbol("w", nonnegative=True)                      # y = exp(-w) on (0, 1]
qq = sp.Symbol("q", nonnegative=True)                      # a quantity in [0, 1] (tariff argument)
xs, ts = sp.symbols("xi_s theta_s", positive=True)         # generic multipliers of Lemma 3.2: xi*, theta* = lambda*/xi*
lam_g, xi_g = sp.symbols("lambda_g xi_g", real=True)       # arbitrary Lagrange multipliers of (3)
t1, t2 = sp.symbols("theta_1 theta_2", nonnegative=True)
delta = mp.delta
Ms = sp.Symbol("M", positive=True)                         # number of goods (Prop. 4.3's cutoff)

_GM = ("sqrt",)    # Prop. 3.5 families of general_moment whose saddle points are built here (sqrt: slow test)
# kappa = theta^4 (n = 4; n = 2, 3 have saddle claims in general_moment): k = (4 kt - kt^4)/3
k4, kt4 = sp.symbols("k_4 kt_4", positive=True)
KAPPA4_INV = (4 * kt4 - kt4**4) / 3
ROOT4 = DefinedRoot(kt4, KAPPA4_INV - k4, bracket=(0, k4), inverse=(k4, KAPPA4_INV), image=Interval.open(0, 1))
SCOPE = Scope(
    parameters={**om.SCOPE.parameters, **{gm.FAMILIES[f]["k"]: Interval.open(0, 1) for f in _GM},
                k4: Interval.open(0, 1), delta: Interval.open(0, 1), mp.u: Interval(0, 1), mp.v: Interval(0, 1),
                Ms: Interval(1, 10),
                xs: Interval.open(Rational(1, 100), 10), ts: Interval.open(Rational(1, 100), 1),
                lam_g: Interval(-5, 5), xi_g: Interval(-5, 5)},
    roots=om.SCOPE.roots + tuple(gm.FAMILIES[f]["root"] for f in _GM) + (ROOT4,),
)

F_CDF = om.F_STAR.cdf_at(theta, 1)                         # F*(theta) on [kt, 1): the law's density integrated
F_DENS = om.F_STAR.density.pieces[1]                       # f*(theta) on [kt, 1)
# the deterministic price 1/2 (q = 1{theta > 1/2}, envelope payment): gaps G3 and G9
PRICE_HALF = Mechanism.from_allocation(theta, PiecewiseFunction(theta, (0, Rational(1, 2), 1), (0, 1)))
P_TARIFF = XI * kt * (exp(qq / XI) - 1)                    # eq. (7) in closed form (derived)
THETA_OF_Q = kt * exp(qq / XI)                             # the type that buys quantity q
PI_STAR = om.M_STAR.payment.pieces[1]                      # xi* (theta - kt) on [kt, 1]


def _tariff() -> list:
    s = f"{PAPER}, eqs. (6)-(7)"
    return [
        Identity("tariff_inverts_allocation", lhs=om.Q_STAR.pieces[1].subs(theta, THETA_OF_Q), rhs=qq,
                 over=[(qq, 0, 1)], source=s, statement=r"q^*(\tilde k e^{q/\xi^*}) = q"),
        Identity("tariff_taxation_principle", lhs=P_TARIFF, rhs=PI_STAR.subs(theta, THETA_OF_Q), over=[(qq, 0, 1)],
                 source=s, statement=r"P^*(q) = p^*(\theta(q)) = \xi^*\tilde k(e^{q/\xi^*} - 1)",
                 note="derived closed form of the tariff the paper defines through (6)"),
        Identity("tariff_power_form", lhs=P_TARIFF, rhs=XI * kt * (kt ** (-qq) - 1), over=[(qq, 0, 1)], source=s,
                 statement=r"P^*(q) = \xi^*\tilde k(\tilde k^{-q} - 1)"),
        Identity("tariff_marginal_price_is_type", lhs=sp.diff(P_TARIFF, qq), rhs=THETA_OF_Q, over=[(qq, 0, 1)],
                 source=s, statement=r"P^{*\prime}(q) = \theta(q)"),
        Inequality("tariff_convex", lhs=sp.diff(P_TARIFF, qq, 2), rel=">", rhs=0, over=[(qq, 0, 1)], source=s,
                   statement=r"P^{*\prime\prime}(q) > 0"),
        Identity("tariff_at_zero", lhs=P_TARIFF.subs(qq, 0), rhs=0, source=s, statement=r"P^*(0) = 0"),
        Identity("tariff_at_one", lhs=P_TARIFF.subs(qq, 1), rhs=XI * (1 - kt), source=s,
                 statement=r"P^*(1) = \xi^*(1 - \tilde k) = p^*(1)"),
    ]


# Lemma 3.2, spec R12: q = 1{theta > 1/10}, xi* = 1/5, lambda* = 1/10, theta* = 1/2
R12_XI, R12_LAM = Rational(1, 5), Rational(1, 10)
R12_TS = R12_LAM / R12_XI
R12_AVG = sp.integrate(1, (theta, Rational(1, 10), R12_TS)) / R12_TS          # (1/theta*) int_0^theta* q = 4/5


def _lemma32() -> list:
    s = f"{PAPER}, Lemma 3.2"
    bound = R12_AVG + R12_XI * log(theta / R12_TS)
    u = sp.Symbol("u", positive=True)
    return [
        Identity("lemma32_integration_identity",
                 lhs=sp.integrate((xs * (theta - ts) + xs * ts) / theta**2, (theta, ts, u)),
                 rhs=xs * log(u / ts), over=[(u, ts, 1)], source=s,
                 statement=r"\int_{\theta^*}^{u}\frac{\xi^*(\tau - \theta^*) + \lambda^*}{\tau^2}d\tau = "
                           r"\xi^*\ln(u/\theta^*),\ \lambda^* = \xi^*\theta^*"),
        AllOf("lemma32_R12_hypothesis", source=s,
              statement=r"\Pi = \tfrac1{10}\mathbf 1\{\theta > \tfrac1{10}\} \ge \tfrac15\theta - \tfrac1{10} \text{ on } [0,1]",
              parts=[Inequality("lemma32_R12_hypothesis.low", lhs=0, rel=">=", rhs=R12_XI * theta - R12_LAM,
                                over=[(theta, 0, Rational(1, 10))], source=s),
                     Inequality("lemma32_R12_hypothesis.high", lhs=Rational(1, 10), rel=">=",
                                rhs=R12_XI * theta - R12_LAM, over=[(theta, Rational(1, 10), 1)], source=s)]),
        Inequality("lemma32_R12_above_theta_star", lhs=1, rel=">=", rhs=bound, over=[(theta, R12_TS, 1)], source=s,
                   statement=r"q(\theta) = 1 \ge \tfrac45 + \tfrac15\ln(2\theta) \text{ on } [\theta^*, 1] = [\tfrac12, 1]",
                   note="the range on which the lemma is valid (the only point used later is theta = 1)"),
        Inequality("lemma32_as_stated_all_theta", lhs=0, rel=">=", rhs=bound,
                   over=[(theta, Rational(1, 100), Rational(1, 10))], source=s, expect="fails",
                   corrected="lemma32_R12_above_theta_star",
                   statement=r"q(\theta) = 0 \ge \tfrac45 + \tfrac15\ln(2\theta) \text{ for } \theta < \tfrac1{10}"
                             r" \text{ (the lemma as stated, all } \theta \in [0,1])",
                   note="gap G2 (spec R12): below theta* the integral runs backwards and the inequality flips; "
                        "at theta = 0.05 the bound is 0.33948... > 0 = q (corrected: lemma32_R12_above_theta_star, "
                        "the lemma on [theta*, 1])"),
    ]


def _lemma31_lagrangian() -> list:
    F = om.F_STAR
    src31, src3 = f"{PAPER}, Lemma 3.1", f"{PAPER}, eq. (3)"
    L_star = revenue(om.M_STAR, F) + lam_g * (F.mass() - 1) + xi_g * (k - F.expectation(theta))
    return [
        AllOf("lemma31_witness", source=src31,
              statement=r"\xi^* > 0,\ \lambda^* = \xi^*\tilde k > 0,\ \int dF^* = 1,\ \int\theta\,dF^* = k",
              note="existence of multipliers is cited (Luenberger 1969); the witness (F*, lambda*, xi*) is checked",
              parts=[Inequality("lemma31_witness.xi", lhs=XI, rel=">", rhs=0, source=src31),
                     Inequality("lemma31_witness.lambda", lhs=XI * kt, rel=">", rhs=0, source=src31),
                     Identity("lemma31_witness.mass_binds", lhs=F.mass(), rhs=1, source=src31),
                     Identity("lemma31_witness.mean_binds", lhs=F.expectation(theta), rhs=k, source=src31)]),
        Identity("eq3_lagrangian_flat_in_multipliers", lhs=L_star, rhs=kt, source=src3,
                 statement=r"L(F^*; \lambda, \xi) = \tilde k \text{ for every } (\lambda, \xi)",
                 note="left saddle inequality of (3): both constraints bind at F*"),
        AllOf("eq3_lagrangian_right_inequality", source=f"{src3}; Sec. 3.1",
              statement=r"\Pi^* + \lambda^* - \xi^*\theta = \xi^*(\tilde k - \theta)^+ \ge 0 \Rightarrow "
                        r"L(F;\lambda^*,\xi^*) \ge L(F^*;\lambda^*,\xi^*)",
              parts=[Identity("eq3_lagrangian_right_inequality.below", lhs=om.M_STAR.payment.pieces[0] + XI * kt
                              - XI * theta, rhs=XI * (kt - theta), over=[(theta, 0, kt)], source=src3),
                     Inequality("eq3_lagrangian_right_inequality.below_sign", lhs=XI * (kt - theta), rel=">=", rhs=0,
                                over=[(theta, 0, kt)], source=src3),
                     Identity("eq3_lagrangian_right_inequality.support", lhs=PI_STAR + XI * kt - XI * theta, rhs=0,
                              over=[(theta, kt, 1)], source=src3)]),
    ]


def _prop41_two_goods() -> list:
    """(14) / Prop. 4.1 for M = 2, symmetric means: Pi >= max(xi.theta - lambda, 0), equality on supp F*."""
    src = f"{PAPER}, Prop. 4.1; eq. (14)"
    sep = lambda a, b: XI * (a - kt) + XI * (b - kt)                          # noqa: E731
    aff = XI * (t1 + t2) - 2 * XI * kt
    parts = [
        Identity("prop41_separate.on_box", lhs=sep(t1, t2), rhs=aff, over=[(t1, kt, 1), (t2, kt, 1)], source=src),
        Inequality("prop41_separate.low_high", lhs=XI * (t2 - kt), rel=">=", rhs=aff,
                   over=[(t1, 0, kt), (t2, kt, 1)], source=src),
        Inequality("prop41_separate.high_low", lhs=XI * (t1 - kt), rel=">=", rhs=aff,
                   over=[(t1, kt, 1), (t2, 0, kt)], source=src),
        Inequality("prop41_separate.low_low", lhs=0, rel=">=", rhs=aff, over=[(t1, 0, kt), (t2, 0, kt)], source=src),
        Inequality("prop41_separate.nonneg", lhs=XI * (t2 - kt), rel=">=", rhs=0, over=[(t2, kt, 1)], source=src),
    ]
    # bundled (Prop. 4.3 at k_i = k): q_i = xi ln((t1 + t2) / (2 kt)) on {t1 + t2 >= 2 kt}, the path integral (18)
    # along the staircase (corrected reading of T12) gives Pi = xi (t1 + t2 - 2 kt): checked where t1 >= 2 kt
    qb = lambda a: XI * log(a / (2 * kt))                                      # noqa: E731
    s_ = sp.Symbol("s", positive=True)
    path = sp.integrate(qb(s_), (s_, 2 * kt, t1)) + sp.integrate(qb(t1 + s_), (s_, 0, t2))
    return [
        AllOf("prop41_separate_sales", source=src, parts=parts,
              statement=r"\sum_i \xi^*(\theta_i - \tilde k)^+ \ge \max\{\xi^*(\theta_1+\theta_2) - 2\xi^*\tilde k, 0\},"
                        r"\ = \text{ on } [\tilde k,1]^2 \supseteq \operatorname{supp}F^*",
              note="Prop. 4.1 says only this weak form; the paper cannot show Pi is piecewise linear in general"),
        Identity("eq18_path_integral_corrected", lhs=(t1 + t2) * qb(t1 + t2) - path, rhs=XI * (t1 + t2 - 2 * kt),
                 over=[(t1, 2 * kt, 2 * kt + 1), (t2, 0, 1)], source=f"{PAPER}, eqs. (18)-(19)",
                 statement=r"\theta\cdot q(\theta) - \Big[\int_0^{\theta_1} q_1(s,0)ds + \int_0^{\theta_2} "
                           r"q_2(\theta_1,s)ds\Big] = \xi^*(\theta_1+\theta_2-2\tilde k)",
                 note="typo T12 (OCR): [theta, s]_i must read (theta_1, ..., theta_{i-1}, s, 0, ...); with that "
                      "reading the staircase path integral of the bundle gives its profit (checked where the "
                      "first leg starts in the sale region; identity of formulas, values may exceed 1)"),
    ]


def _uniqueness() -> list:
    s34, s31 = f"{PAPER}, Prop. 3.4", f"{PAPER}, Prop. 3.1"
    x = sp.Symbol("x", positive=True)
    a = (1 - k) / (1 - kt)
    G = Distribution(theta, atoms={kt: a, 1: 1 - a}, support=(0, 1))
    pi1 = PI_STAR.subs(theta, 1)
    return [
        Identity("uniq_equal_revenue", lhs=theta * (1 - F_CDF), rhs=kt, over=[(theta, kt, 1)], source=s34,
                 statement=r"x(1 - F^*(x)) = \tilde k \text{ on } [\tilde k, 1)"),
        AllOf("uniq_two_point_law", source=s34,
              statement=r"G = a\delta_{\tilde k} + (1-a)\delta_1,\ a = \frac{1-k}{1-\tilde k} \in (0,1):\ "
                        r"\int\theta\,dG = k,\ \int\Pi^* dG = \tilde k",
              parts=[Inequality("uniq_two_point_law.a_pos", lhs=a, rel=">", rhs=0, source=s34),
                     Inequality("uniq_two_point_law.a_below_one", lhs=a, rel="<", rhs=1, source=s34),
                     Identity("uniq_two_point_law.mean", lhs=G.expectation(theta), rhs=k, source=s34),
                     Identity("uniq_two_point_law.revenue", lhs=revenue(om.M_STAR, G), rhs=kt, source=s34)]),
        Identity("uniq_display_as_printed", lhs=(1 - a) * pi1 + a * kt, rhs=kt, source=s34, expect="fails",
                 corrected="uniq_two_point_law",
                 statement=r"\int\bar\Pi\,dG = (1-a)\Pi^*(1) + a\tilde k = \tilde k \text{ (as printed)}",
                 note="typo T4: the atom at kt contributes a Pi*(kt) = 0, not a kt (corrected: uniq_two_point_law, "
                      "revenue of m* against G computed from the law)"),
        Identity("uniq_cutoff_reduction", lhs=(kt - om.PHI.subs(om.theta, x)) * (-log(x)),
                 rhs=x - kt - kt * log(x / kt), over=[(x, Rational(1, 100), 1 - Rational(1, 100))], source=s34,
                 rewrites=(({k: kt * (1 - log(kt))}, "k = kt(1 - ln kt) is the definition of kt"),
                           ({log(x / kt): log(x) - log(kt)}, "x, kt > 0")),
                 statement=r"(\tilde k - \varphi(x))\ln\tfrac1x = x - \tilde k - \tilde k\ln(x/\tilde k)"),
        AllOf("uniq_other_cutoffs_worse", source=s34,
              statement=r"y - 1 - \ln y \ge 0,\ y = x/\tilde k \in [e^{-14}, 10^6] \text{ (= 0 only at } y = 1)",
              note="with uniq_cutoff_reduction: phi(x) = xi(k - x) <= kt, every other cutoff guarantees less; "
                   "(x - kt - kt ln(x/kt) = kt (y - 1 - ln y) with y = x/kt; checked for y in [e^-14, 10^6], below "
                   "1 in the coordinate y = e^-w where the exact tactics prove it directly; the rest and "
                   "strictness off y = 1 (ln y < y - 1) are classical and cited)",
              parts=[Inequality("uniq_other_cutoffs_worse.above", lhs=Y - 1 - log(Y), rel=">=", rhs=0,
                                over=[(Y, 1, 10**6)], source=s34),
                     Inequality("uniq_other_cutoffs_worse.below", lhs=exp(-W_) - 1 + W_, rel=">=", rhs=0,
                                over=[(W_, 0, 14)], source=s34)]),
        Identity("prop31_necessity_key_equality", lhs=F_exp_minorant(), rhs=kt, source=s31,
                 statement=r"\int\xi^*(\theta - \tilde k)\,dF^* = \tilde k",
                 note="gap G1: Prop. 3.1 is stated as necessary; its proof only shows sufficiency. Necessity follows "
                      "from Prop. 3.4's uniqueness: a robust Pi has Pi >= xi*(theta - kt) and int Pi dF* = kt, so "
                      "by this equality Pi = xi*(theta - kt) F*-a.e., i.e. on [kt, 1] (the a.e. step is cited)"),
    ]


def F_exp_minorant():
    return om.F_STAR.expectation(XI * (theta - kt))


def prop35_saddle(name: str):
    """Prop. 3.5's saddle point for kappa = theta^4 ("theta4") or sqrt(theta) ("sqrt")."""
    return {c.id: c for c in _prop35_saddles(all_families=True)}[f"prop35_saddle_{name}"]


def _prop35_saddles(all_families: bool = False) -> list:
    """The generic-check saddle points for theta^4 (5 s) and sqrt(theta) (about 3 min), for tests only: the
    derivation carrasco_audit states Prop. 3.5's saddle for every theta^n, n in [2, 5], and sqrt(theta)."""
    if not all_families:
        return []
    out = []
    fams = [(name, gm.FAMILIES[name]["kappa"], gm.FAMILIES[name]["k"], gm.FAMILIES[name]["kt"],
             gm.FAMILIES[name]["at_closed"]) for name in _GM]
    fams.append(("theta4", theta**4, k4, kt4, lambda c: 3 / (4 * (1 - c**3))))
    for name, kappa, kk, ktt, at_of in fams:
        at = at_of(ktt)
        M_star = Mechanism.from_allocation(theta, gm.chi(kappa, ktt, at))
        A = AmbiguitySet(theta, (0, 1), [MomentCondition(kappa, "==", kk)])
        out.append(checks.saddle_point(M_star, gm.F_c(ktt), A, -at * kappa.subs(theta, ktt), [at], ktt,
                                       id=f"prop35_saddle_{name}", source=f"{PAPER}, Prop. 3.5; Lemmas 3.3-3.4"))
    return out


def _section5() -> list:
    s5, d51, l51 = f"{PAPER}, Sec. 5, Assumption", f"{PAPER}, Def. 5.1; fn. 6", f"{PAPER}, Lemma 5.1"
    # a two-period martingale on [0, 1]: theta_1 in {1/4, 3/4}, theta_2 = theta_1 +- 1/8 with prob. 1/2
    law = {(Rational(1, 4) + e1, Rational(1, 4) + e1 + e2): Rational(1, 4)
           for e1 in (0, Rational(1, 2)) for e2 in (Rational(-1, 8), Rational(1, 8))}
    cond = {t: sum(pr * b for (a, b), pr in law.items() if a == t) / sum(pr for (a, _), pr in law.items() if a == t)
            for t in {a for a, _ in law}}
    # fn. 12: theta_t = v + eps_t, v in {1/4, 3/4}, eps_t iid +-1/8: theta_1 = 1/8 reveals v = 1/4
    fn12 = {(v + e1, v + e2): Rational(1, 8) for v in (Rational(1, 4), Rational(3, 4))
            for e1 in (Rational(-1, 8), Rational(1, 8)) for e2 in (Rational(-1, 8), Rational(1, 8))}
    t0 = Rational(1, 8)
    mean2 = sum(pr * b for (_, b), pr in law.items())     # E theta_2 of the example, unconditionally
    fn12_cond = sum(pr * b for (a, b), pr in fn12.items() if a == t0) / sum(pr for (a, _), pr in fn12.items() if a == t0)
    return [
        AllOf("assumption_martingale_conditional", source=s5,
              statement=r"E[\theta_2 \mid \theta_1] = \theta_1 \text{ (read conditionally) for a two-period example}",
              parts=[Identity(f"assumption_martingale_conditional[{i}]", lhs=cond[t], rhs=t, source=s5)
                     for i, t in enumerate(sorted(cond))]),
        Identity("assumption_tower_property", lhs=sum(pr * b for (_, b), pr in law.items()),
                 rhs=sum(pr * a for (a, _), pr in law.items()), source=s5,
                 statement=r"E\theta_2 = E[E[\theta_2\mid\theta_1]] = E\theta_1",
                 note="so E theta_t = k for all t once E theta_1 = k"),
        AllOf("assumption_as_printed_unconditional", source=s5, expect="fails",
              corrected="assumption_martingale_conditional",
              statement=r"\int\theta_{2}\,dF(\theta^T) = \theta_1 \text{ (as printed) for the two-period example, "
                        r"at each } \theta_1",
              note="typo T13: a number (E theta_2 = 1/2) equated with a variable (theta_1 in {1/4, 3/4}); read "
                   "conditionally on theta^t it holds (corrected: assumption_martingale_conditional, same law)",
              parts=[Identity(f"assumption_as_printed_unconditional[{i}]", lhs=mean2, rhs=t, source=s5)
                     for i, t in enumerate(sorted(cond))]),
        Inequality("assumption_without_mean_guarantee", lhs=(1 + delta) * om.M_STAR.payment.pieces[0].subs(theta, 0),
                   rel=">=", rhs=mp.R(2), source=s5, expect="fails", corrected="assumption_with_mean_guarantee",
                   statement=r"\text{permanent } \theta_t \equiv 0 \text{ (a martingale in the Assumption): revenue } "
                             r"(1+\delta)p^*(0) \ge R_2",
                   note="gap G6: E theta_1 = k is not part of the Assumption, yet Lemma 5.1 needs it; the permanent "
                        "type 0 is a martingale with F*^T-type permanence and earns the repeated mechanism 0 "
                        "(corrected: assumption_with_mean_guarantee)"),
        Identity("assumption_with_mean_guarantee", lhs=(1 + delta) * om.M_STAR.payment.pieces[1].subs(theta, k),
                 rhs=mp.R(2), source=s5,
                 statement=r"\text{permanent } \theta_t \equiv k \text{ (a martingale with } E\theta_1 = k):\ "
                           r"(1+\delta)p^*(k) = R_2",
                 note="gap G6 corrected (spec G6): with E theta_1 = k added to the Assumption the repeated mechanism "
                      "earns R_T; the permanent type k attains it (its support lies in [kt, 1], Jensen with equality)"),
        Identity("fn12_learning_model_martingale", lhs=fn12_cond, rhs=t0, source=f"{PAPER}, fn. 12", expect="fails",
                 corrected="fn12_learning_model_mean_stationary",
                 statement=r"\theta_t = v + \varepsilon_t:\ E[\theta_2 \mid \theta_1 = \tfrac18] = \tfrac18",
                 note="gap G7: E[theta_2 | theta_1 = 1/8] = 1/4 (theta_1 reveals v); the model satisfies "
                      "E theta_t = k, which is all Lemma 5.1 uses (corrected: fn12_learning_model_mean_stationary)"),
        Identity("fn12_learning_model_mean_stationary", lhs=sum(pr * b for (_, b), pr in fn12.items()),
                 rhs=sum(pr * a for (a, _), pr in fn12.items()), source=f"{PAPER}, fn. 12",
                 statement=r"\theta_t = v + \varepsilon_t:\ E\theta_2 = E\theta_1\ (= Ev)",
                 note="gap G7 corrected (spec G7): the learning model is mean-stationary, E theta_t = k for all t, "
                      "which is what Lemma 5.1 uses (spec C10)"),
        AllOf("def51_truthful_reporting_optimal", source=d51,
              statement=r"U(\theta) \ge \max\{\theta q^*(\theta') - p^*(\theta'), 0\} \text{ pointwise, so } "
                        r"E[U_m(\sigma_{TT})] \ge \max\{E[U_m(\sigma)], 0\}",
              note="pointwise per period (types and reports in [kt, 1]; below kt every report gives (0, 0), "
                   "many_periods.eq21_exclusion_region); summing with weights delta^{t-1} and integrating keeps "
                   "the inequality, so sigma_TT is in Sigma_{m,F} and m* is interim IC",
              parts=[checks.individually_rational(om.M_STAR, id="def51.IR", source=d51),
                     mp.truth_optimal()]),
        AllOf("RT_as_printed_integer_T", source=l51, expect="fails", corrected="RT_closed_form_integer_T",
              statement=r"R_T = \tilde k\frac{1-\delta^{T+1}}{1-\delta} = \sum_{t=1}^T\delta^{t-1}\xi^*(k - \tilde k),"
                        r"\ T = 1, 2, 3, 12 \text{ (as printed)}",
              note="typo T10 at the paper's own horizons T = 1, 2, 3, 12 (exact sums of the per-period guarantee); "
                   "many_periods.RT_as_printed states it for the integer parameter T in [1, 20] and is refuted at "
                   "an integer T (corrected: RT_closed_form_integer_T)",
              parts=[Identity(f"RT_as_printed_integer_T[{T}]", lhs=mp.R_printed(T), rhs=guarantee(T), source=l51)
                     for T in (1, 2, 3, 12)]),
        AllOf("RT_closed_form_integer_T", source=l51,
              statement=r"\sum_{t=1}^T\delta^{t-1}\xi^*(k - \tilde k) = \tilde k\frac{1-\delta^T}{1-\delta},\ "
                        r"T = 1,\dots,12",
              note="the Jensen guarantee of Lemma 5.1 per period, xi*(E theta_t - kt), summed with weights "
                   "delta^{t-1}: the corrected R_T of typo T10",
              parts=[Identity(f"RT_closed_form_integer_T[{T}]", lhs=guarantee(T), rhs=mp.R(T), source=l51)
                     for T in range(1, 13)]),
    ]


def guarantee(TT: int):
    """sum_{t=1}^T delta^{t-1} xi*(k - kt): the repeated mechanism's Jensen guarantee (E theta_t = k)."""
    return sum(delta ** (t - 1) * XI * (k - kt) for t in range(1, TT + 1))


def _prop52() -> list:
    """Prop. 5.2's saddle points beyond M = T = 2 (its value for every M, T: carrasco_audit.prop52_value_all_M_T)."""
    p52 = f"{PAPER}, Prop. 5.2"
    out = []
    for M, T in ((3, 2), (2, 3)):
        th, A, F, mech, caps = mp.repeated(T, goods=M)
        from symmech.checks import multigood as mc
        out.append(mc.saddle_point(mech, F, A, -sum(c * XI * kt for c in caps), [c * XI for c in caps],
                                   M * mp.R_sum(T), caps=caps, lam_split=[-c * XI * kt for c in caps],
                                   id=f"prop52_saddle_M{M}_T{T}", source=p52))
    return out


def _catalog() -> list:
    """Remaining typos and gaps of the catalog that are checkable claims."""
    x = sp.Symbol("x", positive=True)
    r_ = sp.Symbol("r", positive=True)
    g_root = lambda val: (r_ * (1 - log(r_))).subs(r_, val)                # noqa: E731  g(r) = r(1 - ln r)
    q_formula = om.Q_STAR.pieces[1]                                         # chi_at for kappa = theta
    q_sq = lambda val: val**2                                               # noqa: E731  test allocation theta^2
    rev_sq = revenue(Mechanism.from_allocation(theta, PiecewiseFunction(theta, (0, kt, 1), (theta**2, theta**2))),
                     om.F_STAR)
    int_q_sq = sp.integrate(theta**2, (theta, 0, kt))
    half, lam3, xi3 = Rational(1, 2), Rational(1, 4), 1                     # G3: Pi = price 1/2, lambda, xi
    u_half = PRICE_HALF.utility()                                           # U = (theta - 1/2)^+
    hi9, lo9 = Rational(9, 10), Rational(1, 4)                              # G9: true type and report
    return [
        AllOf("T2_second_root_exists", source=f"{PAPER}, Prop. 3.2",
              statement=r"r(1-\ln r) = k \text{ has a second root in } (1, e)\text{; } \tilde k < k \text{ selects}",
              note="T2 is not an error: 'kt < k' picks the root in (0, 1) (ktilde_in_bracket in one_moment); "
                   "g(1) = 1 > k and g(e) = 0 < k give the other root in (1, e)",
              parts=[Inequality("T2.g_at_1", lhs=g_root(1), rel=">", rhs=k, source=f"{PAPER}, Prop. 3.2"),
                     Inequality("T2.g_at_e", lhs=g_root(sp.E), rel="<", rhs=k, source=f"{PAPER}, Prop. 3.2")]),
        Inequality("T7_chi_formula_below_kt", lhs=q_formula.subs(theta, x), rel=">=", rhs=0,
                   over=[(x, kt / 100, kt / 2)], source=f"{PAPER}, Sec. 3.4", expect="fails",
                   corrected="T7_chi_on_domain",
                   statement=r"\chi_{\tilde a}(\theta) = 1 - \tilde a\int_\theta^1 \kappa'/s \ge 0 \text{ for } "
                             r"\theta < \tilde k\ (\kappa = \theta)",
                   note="typo T7: chi_a is declared on [kt, 1] but defined with a branch below kt; the formula "
                        "branch is negative there, so the domain is [0, 1] with chi = 0 below kt (corrected: "
                        "T7_chi_on_domain)"),
        checks.feasible_allocation(om.M_STAR, id="T7_chi_on_domain", source=f"{PAPER}, Sec. 3.4"),
        Identity("T8_virtual_value_as_printed", lhs=theta - (1 - F_CDF), rhs=0, over=[(theta, kt, 1)],
                 source=f"{PAPER}, Lemma 4.2", expect="fails", corrected="T8_virtual_value_corrected",
                 statement=r"\theta - (1 - F^*(\theta)) = 0 \text{ on } [\tilde k, 1) \text{ (as printed)}",
                 note="typo T8: the hazard term is (1 - F)/f (corrected: T8_virtual_value_corrected)"),
        Identity("T8_virtual_value_corrected", lhs=theta - (1 - F_CDF) / F_DENS, rhs=0, over=[(theta, kt, 1)],
                 source=f"{PAPER}, Lemma 4.2",
                 statement=r"\theta - \frac{1 - F^*(\theta)}{f^*(\theta)} = 0 \text{ on } [\tilde k, 1)",
                 note="typo T8 corrected (spec T8); F* and f* from nature's law"),
        Identity("T8_atom_as_printed", lhs=rev_sq, rhs=(1 - om.F_STAR.mass()) * q_sq(1) - int_q_sq,
                 source=f"{PAPER}, Lemma 4.2", expect="fails", corrected="T8_atom_corrected",
                 statement=r"\int p\,dF^* = (1 - F^*(1))\,q(1) - \int_0^{\tilde k} q \text{ (as printed) for } "
                           r"q = \theta^2",
                 note="typo T8: the atom term is F*(1) - F*(1-) = kt, while 1 - F*(1) = 0 (corrected: "
                      "T8_atom_corrected)"),
        Identity("T8_atom_corrected", lhs=rev_sq, rhs=(om.F_STAR.mass() - om.F_STAR.cdf_at(1, 1)) * q_sq(1) - int_q_sq,
                 source=f"{PAPER}, Lemma 4.2",
                 statement=r"\int p\,dF^* = (F^*(1) - F^*(1^-))\,q(1) - \int_0^{\tilde k} q \text{ for } q = \theta^2",
                 note="typo T8 corrected (spec T8): the atom of F* at 1 (M = 1: q_A = q)"),
        Inequality("T16_theta_star_as_printed", lhs=Ms * kt / log(kt), rel=">", rhs=0, source=f"{PAPER}, Prop. 4.3",
                   expect="fails", corrected="T16_theta_star_corrected",
                   statement=r"\theta^* = -(-M\tilde k_M/\ln\tilde k_M) > 0 \text{ (as printed)}",
                   note="typo T16 (OCR '--'): the cutoff is -M kt / ln kt > 0 (corrected: T16_theta_star_corrected)"),
        AllOf("T16_theta_star_corrected", source=f"{PAPER}, Prop. 4.3",
              statement=r"\theta^* = -M\tilde k_M/\ln\tilde k_M > 0,\ \xi\cdot\mathbf k - \theta^* = "
                        r"M\xi^*\bar k - \theta^* = M\tilde k_M \ (\xi = \xi^*\mathbf 1)",
              note="typo T16 corrected (spec T16): with the single minus the cutoff is positive and the bundle's "
                   "guarantee is Prop. 4.3's value M kt_M (symmetric means, k-bar = k)",
              parts=[Inequality("T16_theta_star_corrected.positive", lhs=-Ms * kt / log(kt), rel=">", rhs=0,
                                source=f"{PAPER}, Prop. 4.3"),
                     Identity("T16_theta_star_corrected.value", lhs=Ms * XI * k - (-Ms * kt / log(kt)), rhs=Ms * kt,
                              source=f"{PAPER}, Prop. 4.3")]),
        Inequality("G3_heaviside_detects_violation", lhs=PRICE_HALF.payment.pieces[1].subs(theta, half) + lam3
                   - half * xi3, rel="<", rhs=0, source=f"{PAPER}, Lemma 3.1 (proof)", expect="fails",
                   corrected="G3_point_mass_detects_violation",
                   statement=r"\Pi = \tfrac12\mathbf 1\{\theta > \tfrac12\},\ \lambda = \tfrac14,\ \xi = 1:\ "
                             r"\Pi(\tfrac12) + \lambda - \tfrac12\xi < 0 \Rightarrow \Pi(\tfrac12^+) + \lambda - "
                             r"\tfrac12\xi < 0",
                   note="gap G3: Pi(1/2) + 1/4 - 1/2 = -1/4 < 0 but the right limit gives +1/4: mass placed just right "
                        "of theta (H_theta(theta) = 0) misses the violation for a left-continuous Pi with a jump "
                        "(corrected: G3_point_mass_detects_violation)"),
        Inequality("G3_point_mass_detects_violation", lhs=PRICE_HALF.payment.pieces[0].subs(theta, half) + lam3
                   - half * xi3, rel="<", rhs=0, source=f"{PAPER}, Lemma 3.1 (proof)",
                   statement=r"\Pi(\tfrac12) + \lambda - \tfrac12\xi < 0 \text{ for the left-continuous } \Pi:\ "
                             r"L(N\delta_{1/2}) \to -\infty",
                   note="gap G3 corrected (spec G3): a point mass at theta itself (not H_theta, which puts mass right "
                        "of theta) detects the violation; Pi(1/2) is the left-continuous value of the price-1/2 "
                        "mechanism"),
        Inequality("G9_ic_needs_subgradient", lhs=u_half.pieces[1].subs(theta, hi9), rel=">=",
                   rhs=hi9 * 1 - (lo9 * 1 - u_half.pieces[0].subs(theta, lo9)), source=f"{PAPER}, Sec. 4",
                   expect="fails", corrected="G9_subgradient_gives_ic",
                   statement=r"U = (\theta - \tfrac12)^+,\ q = U' \text{ a.e. but } q(\tfrac14) = 1:\ "
                             r"U(0.9) \ge 0.9\,q(\tfrac14) - t(\tfrac14),\ t = \theta q - U",
                   note="gap G9: grad U = q a.e. and U convex do not give pointwise IC; q must be a subgradient "
                        "everywhere (q(1/4) = 1 is not in dU(1/4) = {0}) (corrected: G9_subgradient_gives_ic)"),
        AllOf("G9_subgradient_gives_ic", source=f"{PAPER}, Sec. 4",
              statement=r"q(\tfrac14) = 0 \in \partial U(\tfrac14):\ U(0.9) \ge 0.9\,q(\tfrac14) - t(\tfrac14) "
                        r"\text{ and IC for all pairs}",
              note="gap G9 corrected (spec G9): with q a subgradient of U = (theta - 1/2)^+ everywhere (the price "
                   "1/2) the same deviation does not pay, and the mechanism is IC",
              parts=[Inequality("G9_subgradient_gives_ic.pair", lhs=u_half.pieces[1].subs(theta, hi9), rel=">=",
                                rhs=hi9 * PRICE_HALF.allocation.pieces[0].subs(theta, lo9)
                                - PRICE_HALF.payment.pieces[0].subs(theta, lo9), source=f"{PAPER}, Sec. 4"),
                     checks.incentive_compatible(PRICE_HALF, id="G9_subgradient_gives_ic.IC",
                                                 source=f"{PAPER}, Sec. 4")]),
    ]


def _claims() -> list:
    return (_tariff() + _lemma32() + _lemma31_lagrangian() + _prop41_two_goods() + _uniqueness()
            + _prop35_saddles() + _section5() + _prop52() + _catalog())


DERIVATION = Derivation(
    name="carrasco_remaining",
    title="Carrasco et al.: tariff, Lemmas 3.1-3.2, uniqueness, Prop. 3.5 saddles, Sec. 5 assumption, typos",
    scope=SCOPE,
    claims=_claims(),
    model=(r"\theta \in [0,1],\ \mathbb{E}[\theta] = k,\ \tilde k(1-\ln\tilde k) = k,\ \xi^* = 1/\ln(1/\tilde k);"
           r"\ \mathbb{E}[\kappa(\theta)] = k \text{ for } \kappa = \theta^n, \sqrt\theta"),
    references=("Carrasco, Luz, Kos, Messner, Monteiro, Moreira, 'Optimal selling mechanisms under moment "
                "conditions' (Journal of Economic Theory, 2018), Secs. 3-5",),
    figures={"point": {k: Rational(1, 2), gm.FAMILIES["sqrt"]["k"]: Rational(1, 2), k4: Rational(1, 2)},
             "tariff": CurveFigure(
                 qq, 0, 1, xlabel="quantity $q$ (probability of the good)", ylabel="price",
                 title="The robust tariff",
                 caption="The nonlinear tariff P* of eq. (7) that implements the robust mechanism: the price of "
                         "buying the good with probability q (the claims tariff_*), and its marginal price, which is "
                         "the type that buys q",
                 curves=(Curve.of(P_TARIFF, r"tariff $P^*(q) = \xi^*\tilde k\,(e^{q/\xi^*} - 1)$"),
                         Curve.of(THETA_OF_Q, r"marginal price $\tilde k\,e^{q/\xi^*}$", style="--")))},
)

if __name__ == "__main__":  # pragma: no cover
    print(DERIVATION.verify(digits=50))
