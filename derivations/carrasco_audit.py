"""Carrasco et al., the items and errata the other derivations leave open: the model identities of
Sec. 2 and eqs. (2), (5), (9), fn. 7; Prop. 3.4's uniqueness argument (layer cake, the two-point law
against other mechanisms); the gap G1 in Prop. 3.1 (the Lagrangian gives a minorant, not the
profit); fn. 9 (a bounded nondecreasing moment, kappa = 1{theta >= 1/2}); Prop. 3.5's saddle
points for kappa = theta^n with n in [2, 5] symbolic and kappa = sqrt(theta); Sec. 4.2's gradient
of the profit; the typos T14 and T15.

Prop. 3.5's saddle points are stated in the coordinates the tactics prove directly, piece by piece:
the seller side is an envelope mechanism (IC by Myerson's characterization: the payment is the
envelope formula by construction, so IC is equivalent to a nondecreasing allocation, checked), IR
(U = int_0^theta q >= 0 with q >= 0) and 0 <= q <= 1 (q(kt) = 0, q(1) = 1, nondecreasing); the
guarantee is the dual certificate Pi* >= a-tilde (kappa - kappa(kt)) on [0, 1] with value
a-tilde (k - kappa(kt)) = kt; nature's side is F^kt in the moment set, revenue kt against it, and
no posted price earns more than kt against it.
"""
from __future__ import annotations

import sympy as sp
from sympy import Interval, Rational, log

from derivations import general_moment as gm
from derivations import one_moment as om
from symmech import (AllOf, Derivation, Distribution, Identity, Inequality, Mechanism, PiecewiseFunction, Scope,
                     checks, revenue)

PAPER = "Carrasco et al."
theta, k, kt, XI = om.theta, om.k, om.kt, om.XI
tau = sp.Symbol("tau", positive=True)
delta = sp.Symbol("delta", positive=True)                  # discount factor (Sec. 5)
# a generic two-good bundle of eq. (17): weights (xi1, xi2), cutoff c, a type (u1, u2) in its sale region
xi1, xi2, cb = sp.symbols("xi1 xi2 c", positive=True)
UV = sp.symbols("u1 u2", positive=True)
S_XI = xi1 * UV[0] + xi2 * UV[1]
U_BUNDLE = S_XI * log(S_XI / cb) - S_XI + cb               # the rent of the bundle (m_goods.U_BUNDLE)
_FAMS = ("power", "sqrt")
M_GOODS = sp.Symbol("M", integer=True, positive=True)      # number of goods (Prop. 5.2)
T_PERIODS = sp.Symbol("T", integer=True, positive=True)    # number of periods (Prop. 5.2)

SCOPE = Scope(
    parameters={**om.SCOPE.parameters, delta: Interval.open(0, 1), M_GOODS: Interval(1, 10), T_PERIODS: Interval(1, 20),
                **{gm.FAMILIES[f]["k"]: Interval.open(0, 1) for f in _FAMS}, gm.m: Interval(0, 3),
                xi1: Interval(Rational(1, 2), 2), xi2: Interval(Rational(1, 2), 2), cb: Interval.Lopen(0, Rational(1, 2)),
                UV[0]: Interval(Rational(1, 2), 1), UV[1]: Interval(Rational(1, 2), 1)},
    roots=om.SCOPE.roots + tuple(gm.FAMILIES[f]["root"] for f in _FAMS),
)

Q_UP = om.Q_STAR.pieces[1]                 # q* on [kt, 1]
F_CDF = om.F_STAR.cdf_at(theta, 1)         # F*(theta) on [kt, 1): the density of the law integrated
# the expected price paid under the log-uniform price law (Prop. 3.3), int_kt^theta x g*(x) dx: a payment that is
# not built from the envelope formula, so eq. (2) and fn. 7 are checks on it
PAY_POSTED = om.M_POSTED.payment.pieces[1]


# ------------------------------------------------------------------------------------------------
# Sec. 2, eqs. (2), (5), (9), fn. 7
# ------------------------------------------------------------------------------------------------

def _model() -> list:
    s2 = f"{PAPER}, Sec. 2"
    q = sp.symbols("q_1:3", nonnegative=True)              # q_t: period t (T = 2; one good, M = 1)
    th = sp.symbols("theta_1:3", nonnegative=True)
    pp = sp.symbols("p_1:3", real=True)
    w = [1, delta]
    U = sum(w[t] * (q[t] * th[t] - pp[t]) for t in range(2))
    Pi = sum(w[t] * pp[t] for t in range(2))
    surplus = sum(w[t] * q[t] * th[t] for t in range(2))
    t1, t2 = sp.symbols("t_1 t_2", nonnegative=True)
    xi_r = sp.Symbol("xi_r", positive=True)               # a multiplier of the reduced problem (4)
    return [
        Identity("sec2_total_surplus", lhs=U + Pi, rhs=surplus, source=s2,
                 over=[(x, 0, 1) for x in (*q, *th)] + [(x, -1, 1) for x in pp],
                 statement=r"U_m(\sigma\mid\theta^T) + \Pi_m(\sigma\mid\theta^T) = \sum_t\delta^{t-1}q_t\cdot\theta_t"
                           r"\ (T = 2)"),
        Inequality("T15_scalar_codomain_as_printed", lhs=Q_UP.subs(theta, t1) + Q_UP.subs(theta, t2), rel="<=",
                   rhs=1, over=[(t1, kt, 1), (t2, kt, 1)], source=s2, expect="fails",
                   statement=r"q_t(\theta) \in [0,1] \text{ (as printed) for the robust two-good mechanism: } "
                             r"q_1^*(\theta_1) + q_2^*(\theta_2) \le 1",
                   corrected="T15_vector_codomain",
                   note="typo T15: the codomain is [0,1]^M x R; separate sales give each good with probability 1 "
                        "at theta = (1, 1), total quantity 2 (corrected: T15_vector_codomain)"),
        AllOf("T15_vector_codomain", source=s2,
              statement=r"(q_1^*(\theta_1), q_2^*(\theta_2)) \in [0,1]^2 \text{ on } [\tilde k, 1]^2 "
                        r"\text{ (codomain } [0,1]^M\times\mathbb R)",
              note="typo T15 corrected (spec T15): each good's allocation of the robust two-good mechanism (separate "
                   "sales, q* per good) is a probability; the two goods are the same one-good q*",
              parts=[Inequality("T15_vector_codomain.upper", lhs=Q_UP.subs(theta, t1), rel="<=", rhs=1,
                                over=[(t1, kt, 1)], source=s2),
                     Inequality("T15_vector_codomain.lower", lhs=Q_UP.subs(theta, t1), rel=">=", rhs=0,
                                over=[(t1, kt, 1)], source=s2)]),
        Identity("eq2_envelope", lhs=theta * Q_UP - PAY_POSTED,
                 rhs=sp.integrate(Q_UP.subs(theta, tau), (tau, kt, theta)),
                 over=[(theta, kt, 1)], source=f"{PAPER}, eq. (2)",
                 statement=r"U^*(\theta) = \theta q^*(\theta) - \int_{\tilde k}^\theta x\,g^*(x)\,dx = "
                           r"\int_0^\theta q^* \ (U^*(0) = 0)",
                 note="the payment is the expected price paid under the log-uniform price law (Prop. 3.3), not the "
                      "envelope formula itself (checking m*'s envelope payment against (2) would restate its "
                      "construction)"),
        Identity("fn7_profit_slope", lhs=sp.diff(PAY_POSTED, theta), rhs=theta * sp.diff(Q_UP, theta),
                 over=[(theta, kt, 1)], source=f"{PAPER}, fn. 7",
                 statement=r"\Pi^{*\prime}(\theta) = \theta q^{*\prime}(\theta),\ \Pi^* = \int_{\tilde k}^\theta "
                           r"x\,g^*(x)\,dx",
                 note="Pi* as the expected price paid (Prop. 3.3), so the identity is a check, not the derivative of "
                      "the envelope formula"),
        Inequality("eq5_binds_at_one", lhs=sp.diff(xi_r * (k - kt), xi_r), rel=">", rhs=0,
                   source=f"{PAPER}, eqs. (4)-(5)",
                   statement=r"\partial_\xi\,\xi(k - \theta^*) = k - \tilde k > 0 \text{ at } \theta^* = \tilde k "
                             r"\Rightarrow (5) \text{ binds at } \theta = 1:\ \xi = 1/\ln(1/\tilde k) = \xi^*",
                   note="the objective of (4) increases in xi, so xi rises until xi ln(theta/theta*) <= 1 binds at "
                        "its largest point theta = 1 (eq5_holds); the former check xi* ln(1/kt) = 1 restated the "
                        "definition of xi*"),
        Inequality("eq5_holds", lhs=XI * log(theta / kt), rel="<=", rhs=1, over=[(theta, kt, 1)],
                   source=f"{PAPER}, eq. (5)", statement=r"\xi^*\ln(\theta/\tilde k) \le 1 \text{ on } [\tilde k, 1]",
                   note="below kt the left side is negative"),
        Identity("eq9_theta_F", lhs=sp.diff(theta * F_CDF, theta), rhs=1, over=[(theta, kt, 1)],
                 source=f"{PAPER}, eq. (9)", statement=r"\frac{d}{d\theta}[\theta F^*(\theta)] = 1 \text{ on } [\tilde k, 1)"),
    ]


# ------------------------------------------------------------------------------------------------
# Prop. 3.4 (uniqueness) and Prop. 3.1 (gap G1); Lemma 3.1 (gap G3)
# ------------------------------------------------------------------------------------------------

R_PRICE, XI_P, LAM_P, K_P = Rational(1, 10), Rational(1, 9), Rational(1, 90), Rational(1, 2)
# the deterministic price 1/10 (Prop. 3.1's gap G1): q = 1{theta > 1/10}, envelope payment
PRICE_MECH = Mechanism.from_allocation(theta, PiecewiseFunction(theta, (0, R_PRICE, 1), (0, 1)))
PI_PRICE = PRICE_MECH.payment.pieces[1]    # its profit on the sale region (1/10, 1]


def _uniqueness() -> list:
    s34, s31 = f"{PAPER}, Prop. 3.4", f"{PAPER}, Prop. 3.1"
    a = (1 - k) / (1 - kt)
    w = (1 - K_P) / (1 - R_PRICE)            # nature's mass at the price 1/10 (mean 1/2 with the mass at 1)
    g = lambda r: r * (1 - log(r))           # noqa: E731  k = g(kt), g increasing on (0, 1)
    return [
        Identity("uniq_layer_cake", lhs=kt + sp.integrate((1 - F_CDF).subs(theta, tau), (tau, kt, 1)), rhs=k,
                 source=s34,
                 statement=r"\int_0^1 (1 - F^*(x))\,dx = \tilde k + \int_{\tilde k}^1 \frac{\tilde k}{x}dx = k",
                 note="the uniqueness proof's bound k <= kt + int kt/x = k, tight only for F-bar = F*"),
        Identity("uniq_Pi_star_at_one", lhs=1 - sp.integrate(Q_UP.subs(theta, tau), (tau, kt, 1)),
                 rhs=XI * (1 - kt), source=s34,
                 statement=r"1 - \int_{\tilde k}^1 q^* = \xi^*(1-\tilde k) = \Pi^*(1)"),
        Inequality("uniq_mechanism_other_worse", lhs=(1 - a) * (1 - sp.integrate(1, (tau, kt, 1))), rel="<", rhs=kt,
                   source=s34,
                   statement=r"\bar q = \mathbf 1\{\theta > \tilde k\} \ge q^*:\ \int\bar\Pi\,dG = (1-a)\bar\Pi(1) "
                             r"= (1-a)\tilde k < \tilde k",
                   note="a mechanism above q* (as the uniqueness proof derives) that differs from q* on a set of "
                        "positive measure earns strictly less than kt against the two-point law G; the a.e. "
                        "conclusion q-bar = q* is cited"),
        Identity("G1_minorant_is_not_the_profit", lhs=PI_PRICE, rhs=XI_P * theta - LAM_P,
                 over=[(theta, Rational(1, 5), 1)], source=s31, expect="fails",
                 corrected="G1_multipliers_of_the_price",
                 statement=r"\Pi = \tfrac1{10}\mathbf 1\{\theta > \tfrac1{10}\} = \xi\theta - \lambda "
                           r"\text{ on the sale region, } (\xi, \lambda) = (\tfrac19, \tfrac1{90}),\ k = \tfrac12",
                 note="gap G1: the Lagrangian of (3) gives every feasible Pi a minorant xi theta - lambda, equal on "
                      "supp F* only; Pi itself need not be piecewise linear, so the proof shows sufficiency, and "
                      "necessity for robust mechanisms needs Prop. 3.4's uniqueness (corrected: "
                      "G1_multipliers_of_the_price, minorant below Pi, equal on supp F only)"),
        AllOf("G1_multipliers_of_the_price", source=f"{s31}; eq. (3)",
              statement=r"\Pi \ge \tfrac19\theta - \tfrac1{90} \text{ on } [0,1],\ = \text{ at } \tfrac1{10}, 1;\ "
                        r"F = \tfrac59\delta_{1/10} + \tfrac49\delta_1:\ \text{mean } \tfrac12,\ \int\Pi\,dF = "
                        r"\xi k - \lambda = \tfrac2{45}",
              parts=[Inequality("G1_mult.low", lhs=PRICE_MECH.payment.pieces[0], rel=">=", rhs=XI_P * theta - LAM_P,
                                over=[(theta, 0, R_PRICE)], source=s31),
                     Inequality("G1_mult.high", lhs=PI_PRICE, rel=">=", rhs=XI_P * theta - LAM_P,
                                over=[(theta, R_PRICE, 1)], source=s31),
                     Identity("G1_mult.at_price", lhs=XI_P * R_PRICE - LAM_P, rhs=0, source=s31),
                     Identity("G1_mult.at_one", lhs=XI_P - LAM_P, rhs=PI_PRICE.subs(theta, 1), source=s31),
                     Identity("G1_mult.mean", lhs=w * R_PRICE + (1 - w), rhs=K_P, source=s31),
                     Identity("G1_mult.value", lhs=(1 - w) * PI_PRICE.subs(theta, 1), rhs=XI_P * K_P - LAM_P,
                              source=s31)]),
        Inequality("G1_such_mechanism_not_robust", lhs=g(XI_P * K_P - LAM_P), rel="<", rhs=K_P, source=s31,
                   statement=r"g(\tfrac2{45}) < \tfrac12 = g(\tilde k(\tfrac12)),\ g(r) = r(1-\ln r) "
                             r"\Rightarrow \tfrac2{45} < \tilde k(\tfrac12)",
                   note="g is increasing on (0, 1) (one_moment.ktilde_map_increasing): the price 1/10 guarantees "
                        "less than kt, consistent with Prop. 3.1 for robust mechanisms"),
        AllOf("G3_slater_point", source=f"{PAPER}, Lemma 3.1; eq. (3)",
              statement=r"F = \tfrac{1+k}2\delta_1:\ \int dF = \tfrac{1+k}2 < 1,\ k - \int\theta\,dF < 0",
              note="gap G3: a strictly feasible point of (3) exists (Slater), so Lagrange multipliers exist by the "
                   "convex duality theorem the paper cites (Luenberger 1969, cited, not checked)",
              parts=[Inequality("G3_slater.mass", lhs=(1 + k) / 2, rel="<", rhs=1),
                     Inequality("G3_slater.mean", lhs=k - (1 + k) / 2, rel="<", rhs=0)]),
    ]


# ------------------------------------------------------------------------------------------------
# fn. 9: kappa = 1{theta >= 1/2}
# ------------------------------------------------------------------------------------------------

HALF = Rational(1, 2)


def _fn9() -> list:
    s = f"{PAPER}, fn. 9; Sec. 3.4"
    c = k / 2                                              # kt: P_{F^c}(theta >= 1/2) = 2c = k
    F = Distribution(theta, density=PiecewiseFunction(theta, (0, c, HALF, 1), (0, c / theta**2, c / theta**2)),
                     atoms={1: c})
    price_half = Mechanism.from_allocation(theta, PiecewiseFunction(theta, (0, c, HALF, 1), (0, 0, 1)))
    return [
        Identity("fn9_nature_in_set", lhs=F.survival_at(2), rhs=k, source=s,
                 statement=r"\kappa = \mathbf 1\{\theta\ge\tfrac12\}:\ \int\kappa\,dF^{k/2} = k,\ \tilde k = k/2"),
        Identity("fn9_mass", lhs=F.mass(), rhs=1, source=s, statement=r"\int dF^{k/2} = 1"),
        Identity("fn9_profit_is_affine_in_kappa", lhs=price_half.payment.pieces[2], rhs=HALF * (1 - 0),
                 over=[(theta, HALF, 1)], source=s,
                 statement=r"\Pi^* = \tilde a[\kappa(\theta) - \kappa(\tilde k)]^+ = \tfrac12\kappa(\theta),\ "
                           r"\tilde a = [\int\kappa'(\tau)/\tau]^{-1} = \tfrac12",
                 note="the Stieltjes reading of theta q' = a kappa' (fn. 10) with kappa' = delta_{1/2}: chi is the "
                      "posted price 1/2; so E_F Pi* = k/2 for every F with P(theta >= 1/2) = k (the guarantee)"),
        Identity("fn9_profit_zero_below", lhs=price_half.payment.pieces[1], rhs=0, over=[(theta, c, HALF)], source=s,
                 statement=r"\Pi^* = 0 \text{ on } [\tilde k, \tfrac12)"),
        checks.revenue_equals(price_half, F, c, id="fn9_value", source=s),
        checks.seller_best_response_bound(F, c, id="fn9_no_mechanism_beats_half_k", source=s),
    ]


# ------------------------------------------------------------------------------------------------
# Prop. 3.5: saddle points for kappa = theta^n (n = 2 + m, m in [0, 3]) and sqrt(theta)
# ------------------------------------------------------------------------------------------------

def _minorant_below(sid: str, src: str, at, kappa, ktt) -> Inequality:
    """0 >= at (kappa - kappa(kt)) on [0, kt], in the coordinate u = kappa(theta): theta -> kappa(theta) maps
    [0, kt] onto [kappa(0), kappa(kt)] (kappa = theta^n, sqrt(theta): continuous, increasing)."""
    u = sp.Symbol("u_kappa", nonnegative=True)
    return Inequality(f"{sid}.minorant_below", lhs=0, rel=">=", rhs=at * (u - kappa.subs(theta, ktt)),
                      over=[(u, kappa.subs(theta, 0), kappa.subs(theta, ktt))], source=src,
                      statement=r"0 \ge \tilde a(u - \kappa(\tilde k)),\ u = \kappa(\theta) \in [\kappa(0), \kappa(\tilde k)]")


def prop35_saddle(name: str, at=None) -> AllOf:
    """The saddle point of Prop. 3.5 for the general_moment family ``name``, piece by piece (``at``: the
    slope a-tilde, the family's closed form by default; tests pass a perturbed one)."""
    f = gm.FAMILIES[name]
    kappa, kk, ktt = f["kappa"], f["k"], f["kt"]
    at = f["at_closed"](ktt) if at is None else at
    q = gm.chi(kappa, ktt, at)
    M = Mechanism.from_allocation(theta, q)
    F = gm.F_c(ktt)
    kap_kt = kappa.subs(theta, ktt)
    src = f"{PAPER}, Prop. 3.5; Lemmas 3.3-3.4; eq. (11)"
    sid = f"prop35_saddle_{name}"
    parts = [
        Inequality(f"{sid}.q_nondecreasing", lhs=sp.diff(q.pieces[1], theta), rel=">=", rhs=0,
                   over=[(theta, ktt, 1)], source=src),
        Identity(f"{sid}.q_at_kt", lhs=q.pieces[1].subs(theta, ktt), rhs=0, source=src),
        Identity(f"{sid}.q_at_1", lhs=q.pieces[1].subs(theta, 1), rhs=1, source=src),
        Identity(f"{sid}.profit_on_sales", lhs=M.payment.pieces[1], rhs=at * (kappa - kap_kt), over=[(theta, ktt, 1)],
                 source=src),
        _minorant_below(sid, src, at, kappa, ktt),
        Identity(f"{sid}.dual_value", lhs=at * (kk - kap_kt), rhs=ktt, source=src),
        Identity(f"{sid}.F_mass", lhs=F.mass(), rhs=1, source=src),
        Identity(f"{sid}.F_moment", lhs=F.expectation(kappa), rhs=kk, source=src),
        Identity(f"{sid}.revenue", lhs=revenue(M, F), rhs=ktt, source=src),
        checks.seller_best_response_bound(F, ktt, id=f"{sid}.seller_bound", source=src),
    ]
    return AllOf(sid, source=src, parts=parts,
                 statement=rf"(m^*, F^{{\tilde k}}) \text{{ is a saddle point with value }} \tilde k,\ "
                           rf"\kappa = {sp.latex(kappa)}",
                 note="seller: q* = chi_at nondecreasing from 0 at kt to 1 at 1 (IC with the envelope payment, IR, "
                      "0 <= q <= 1); guarantee: Pi* = at (kappa - kappa(kt)) on [kt, 1], >= it below, so "
                      "E_F Pi* >= at (k - kappa(kt)) = kt on the moment set; nature: F^kt in the set, "
                      "E_{F^kt} Pi* = kt (Pi* vanishes where F^kt has no mass), no posted price earns more")


# ------------------------------------------------------------------------------------------------
# Sec. 4.2 and Lemma 5.2 (typo T14)
# ------------------------------------------------------------------------------------------------

def _sec42() -> list:
    U = U_BUNDLE
    Pi = sum(v * sp.diff(U, v) for v in UV) - U
    return [AllOf("sec42_grad_profit", source=f"{PAPER}, Sec. 4.2; eq. (15)",
                  statement=r"\nabla\Pi = \nabla U + \nabla^2U\,\theta - \nabla U = \nabla^2 U\,\theta = \xi "
                            r"\text{ (bundle of eq. (17))}",
                  parts=[p for i, (v, w) in enumerate(zip(UV, (xi1, xi2))) for p in (
                      Identity(f"sec42_grad_profit[{i}].hessian", lhs=sp.diff(Pi, v),
                               rhs=sum(sp.diff(U, v, u) * u for u in UV)),
                      Identity(f"sec42_grad_profit[{i}].xi", lhs=sp.diff(Pi, v), rhs=w))])]


def _T14() -> list:
    s = f"{PAPER}, Lemma 5.2"
    weight = 1 + delta                                          # Q = sum_t delta^{t-1} q_t, T = 2, q_t stationary
    q_sq = PiecewiseFunction(theta, (0, kt, 1), (theta**2, theta**2))
    rev_sq = weight * revenue(Mechanism.from_allocation(theta, q_sq), om.F_STAR)
    corrected_sq = weight * (kt * q_sq.pieces[1].subs(theta, 1) - sp.integrate(q_sq.pieces[0], (theta, 0, kt)))
    rev_free = weight * revenue(om.M_FREE, om.F_STAR)
    return [
        Identity("T14_printed_step_equality", lhs=rev_free, rhs=kt * weight, source=s, expect="fails",
                 corrected="T14_corrected_step",
                 statement=r"\int\Pi_m\,dF^{*,T} = [F^*(1) - F^*(1^-)]\,Q(1) \text{ (as printed) for } q_t \equiv 1,\ T=2",
                 note="typo T14: the printed chain drops -int_0^kt Q (the f* weight too); price 0 in both periods "
                      "earns 0, not kt (1 + delta) (corrected: T14_corrected_step)"),
        Identity("T14_corrected_step", lhs=rev_sq, rhs=corrected_sq, source=s,
                 statement=r"\int\Pi_m\,dF^{*,T} = \tilde k\,Q(1) - \int_0^{\tilde k}Q \le \tilde k\,Q(1) "
                           r"\text{ for } q_t = \theta^2,\ T = 2",
                 note="with the term restored the step is a genuine inequality (Q >= 0), as 'inequality' says"),
    ]


def _fn1() -> list:
    """fn. 1: with a known distribution and linear payoffs the seller does not discriminate (a posted price is
    optimal) -- the instance F = F*: every deterministic price x in [kt, 1] earns kt, and no mechanism more."""
    s = f"{PAPER}, fn. 1"
    x = sp.Symbol("x", positive=True)
    survival = om.F_STAR.survival_pieces()[1][0].subs(theta, x)                             # P_F*(theta >= x)
    return [AllOf("fn1_known_law_posted_price_optimal", source=s,
                  statement=r"F = F^* \text{ known}:\ x\Pr_{F^*}(\theta \ge x) = \tilde k = \max_m \int p\,dF^*"
                            r" \text{ for every price } x \in [\tilde k, 1]",
                  note="the general statement (a posted price is optimal for a known law under linear payoffs, "
                       "Riley and Zeckhauser 1983) is cited; the instance at nature's worst case is checked",
                  parts=[Identity("fn1.posted_price_revenue", lhs=x * survival, rhs=kt, over=[(x, kt, 1)], source=s),
                         checks.seller_best_response_bound(om.F_STAR, kt, id="fn1.no_mechanism_earns_more", source=s)])]


def _prop52() -> list:
    """Prop. 5.2's value for every number of goods M and periods T (the Jensen guarantee of repeated separate
    sales, sum over goods and periods of delta^{t-1} xi*(k - kt)); saddle points: many_periods,
    carrasco_remaining (M, T) = (2, 2), (3, 2), (2, 3)."""
    t_, i_ = sp.symbols("t i", integer=True, positive=True)
    lhs = sp.Sum(sp.Sum(delta ** (t_ - 1) * XI * (k - kt), (i_, 1, M_GOODS)), (t_, 1, T_PERIODS)).doit()
    return [Identity("prop52_value_all_M_T", lhs=lhs, rhs=M_GOODS * kt * (1 - delta**T_PERIODS) / (1 - delta),
                     source=f"{PAPER}, Prop. 5.2",
                     statement=r"\sum_{t=1}^T\sum_{i=1}^M \delta^{t-1}\xi^*(k - \tilde k) = "
                               r"M\tilde k\frac{1-\delta^T}{1-\delta} \ \forall M, T",
                     note="symbolic in the integers M and T (sampled in [1, 10] x [1, 20]); the guarantee's "
                          "minorant per good and period is one_moment.guarantee")]


def _claims() -> list:
    return (_fn1() + _prop52() + _model() + _uniqueness() + _fn9() + [prop35_saddle(f) for f in _FAMS] + _sec42() + _T14())


DERIVATION = Derivation(
    name="carrasco_audit",
    title="Carrasco et al.: model identities, uniqueness, fn. 9, Prop. 3.5 saddles for theta^n and sqrt(theta), typos",
    scope=SCOPE,
    claims=_claims(),
    model=(r"\theta \in [0,1],\ \mathbb{E}[\theta] = k,\ \tilde k(1-\ln\tilde k) = k;\ "
           r"\mathbb{E}[\kappa(\theta)] = k \text{ for } \kappa = \theta^n\ (n\in[2,5]),\ \sqrt\theta,\ "
           r"\mathbf 1\{\theta\ge\tfrac12\}"),
    references=("Carrasco, Luz, Kos, Messner, Monteiro and Moreira, 'Optimal selling mechanisms under moment "
                "conditions', Journal of Economic Theory (2018), Secs. 2-5",),
)

if __name__ == "__main__":  # pragma: no cover
    print(DERIVATION.verify(digits=50))
