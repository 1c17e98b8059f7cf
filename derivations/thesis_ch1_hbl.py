"""Koçyiğit, "Distributional Robustness in Mechanism Design" (EPFL thesis, 2020), Chapter 1, Sec. 1.5.3:
the optimal highest-bidder lottery (HBL) under the Markov ambiguity set (1.6) and its guarantees
(Thm. 1.5.3 with Lemmas 1.7.8-1.7.13, Prop. 1.5.9, Lemma 1.7.15, Thm. 1.5.4, Thm. 1.5.5 / Cor. 1.5.1,
Prop. 1.5.10).

Model: I >= 2 bidders, values in [0, 1]^I, nature picks any law with E v_i >= mu (mu in (0, 1)).
Claims hold for every real I in [2, 1000] (so every integer I up to 1000) and every mu in (0, 1):
exact proofs use r (the HBL's value, a defined root) instead of mu, mu = r (I - log r)/I, and
sigma* = 1/(I - 1 - log r) (equivalent to sigma* = -1/(W_{-1}(-mu I e^{-I}) + 1), claim
``l178_closed_form``).  Dual certificates are decided cell by cell on the ordered cone
(``symmech.models.auctions.checks``).  Nature's worst case for the HBL: the Dirac law at mu e attains r
(derived); the thesis's law alpha_eps of (1.34) approaches r only as eps -> 0.  rho_eps = (1 - delta_eps r)/(1 - r)
is the thesis's definition (the mass condition), part of the model; claim ``alpha_mass`` integrates the
density (1.34) itself.  The spec's finding F1 (r(2 - r) can exceed mu, so Lemma 1.7.15's bound can be
weaker than Prop. 1.5.3's mu) is not encoded as a claim: the thesis never states r(2 - r) <= mu.
"""
from __future__ import annotations

import sympy as sp
from sympy import Integral, exp, log

from symmech import AllOf, Derivation, Identity, Inequality
from symmech.reports.plots import HBLAllocationFigure
from symmech.models.auctions.checks import cone_cells, dual_certificate_cells
from symmech.models.auctions.symbols import LAMBERT, SIGMA, I, markov_scope, mu, r

PAPER = "Koçyiğit, 'Distributional Robustness in Mechanism Design' (2020)"
SCOPE = markov_scope()
sg = SIGMA
v, s, x, u, w, y, eps, D, tt, mm = sp.symbols("v s x u w y epsilon Delta t m", nonnegative=True)
V_AB = s + u * (1 - s)          # own value in [s, 1]
S_G = r**(1 - w)                # second bid in [r, 1] (geometric); own value S_G**(1-u) in [S_G, 1]
f = lambda S: (1 + S) / (I * S) * exp(I - 1 - 1 / S)      # (1.30), with the factor 1/I
Q_A = lambda vi, si: sg * log(vi / si) + I * sg - sg * r / si   # (1.12a)
Q_B = lambda vi: sg * log(vi) + 1                               # (1.12b)
Q_C = (I - 1) * sg                                              # (1.12c)
# alpha_eps of (1.34): delta_eps, rho_eps
DELTA = ((1 - r * (1 / sg - (I - 2)) - (I - 1) / 2 * (1 - 1 / r) * eps)
         / (1 - eps / 2 - r * (1 / sg - eps / 2 - (I - 2))))
RHO = (1 - DELTA * r) / (1 - r)
M_AB = lambda vi, si: sg * (vi + (I - 1) * si - r)            # winner's payment, v_i >= r
# (q', m') of Sec. 1.5.3: the winner pays m' = v_i - int_0^{v_i} q*_i(x, v_-i) dx / q*_i(v) iff u <= q*_i(v)
M_PRIME = lambda vi, q_at_vi, integral: vi - integral / q_at_vi
ud = sp.Symbol("u_d", nonnegative=True)     # the randomization draw u of (q', m')
V_G = S_G**(1 - u)                         # case (1.12a): own value in [s, 1] for s = S_G in [r, 1]
V_B = r + u * (1 - r)                      # case (1.12b): own value in [r, 1], s < r
V_C = s + u * (r - s)                      # case (1.12c): own value in [s, r)
# alpha_eps of (1.34) on a winner cell: v_i = x, the others in [r - eps, r]
ALPHA_A = RHO * r / (I * x**2 * eps**(I - 1))                 # v_i in [r, 1]
ALPHA_B = DELTA * r / (I * eps**I)                            # extra mass on v_i in [1 - eps, 1]
SPA_BEST = I * (1 - sp.sqrt(1 - mu))**2          # Thm. 1.5.2 (mu in M_1 u M_2)


def _src(x: str) -> str:
    return f"{PAPER}, {x}"


def _claims() -> list:
    L8, T3, L9, L10, L12, L13 = (_src(x) for x in ("Lemma 1.7.8", "Thm. 1.5.3", "Lemma 1.7.9", "Lemma 1.7.10",
                                                  "Lemma 1.7.12", "Lemma 1.7.13"))
    S = sp.Symbol("sigma", positive=True)
    sig_y = 1 / (I - 1 + y)                          # sigma in (0, 1/(I-1)] as y >= 0
    cells = cone_cells(r, I, lambda a, b: sg * (I - 1) * b, lambda a, b: sg * ((I - 1) * b + a - r),
                       lambda a, b: sg * ((I - 1) * b + a - r))
    return [
        # --- Lemma 1.7.8: sigma* --------------------------------------------------------------------
        Identity("l178_f_derivative", lhs=sp.diff(f(S), S).subs(S, sig_y),
                 rhs=(exp(I - 1 - 1 / S) / (I * S**3)).subs(S, sig_y), over=[(y, 0, 50)], source=L8,
                 statement=r"f'(\sigma) = \frac{e^{I-1-1/\sigma}}{I\sigma^3} > 0,\ f(\sigma)=\frac{1+\sigma}{I\sigma}e^{I-1-1/\sigma}"),
        Identity("l178_f_at_end", lhs=f(1 / (I - 1)), rhs=1, source=L8, statement=r"f(\tfrac1{I-1}) = 1"),
        Inequality("l178_sigma_positive", lhs=sg, rel=">", rhs=0, source=L8, statement=r"\sigma^\star > 0"),
        Inequality("l178_sigma_below_end", lhs=1 / (I - 1), rel=">", rhs=sg, source=L8,
                   statement=r"\sigma^\star < \tfrac1{I-1}"),
        Identity("l178_equation_130", lhs=f(sg), rhs=mu, source=L8,
                 statement=r"\frac{1+\sigma^\star}{I\sigma^\star}e^{I-1-1/\sigma^\star} = \mu\ \ (1.30)"),
        Identity("l178_lambert_relation", lhs=-(1 + sg) / sg * exp(-(1 + sg) / sg), rhs=-mu * I * exp(-I), source=L8,
                 statement=r"w e^{w} = -\mu I e^{-I}\ \text{for}\ w = -\tfrac{1+\sigma^\star}{\sigma^\star}"),
        Inequality("l178_lower_branch", lhs=-(1 + sg) / sg, rel="<", rhs=-1, source=L8,
                   statement=r"w = -\tfrac{1+\sigma^\star}{\sigma^\star} < -1,\ \text{so}\ w = W_{-1}(-\mu I e^{-I})",
                   note="with l178_lambert_relation: w is the lower-branch Lambert W value"),
        Identity("l178_closed_form", lhs=(-1 / (y + 1)).subs(y, -(1 + sg) / sg), rhs=sg, source=L8,
                 statement=r"\sigma^\star = -\big(W_{-1}(-\mu I e^{-I}) + 1\big)^{-1}\ \text{with}\ W_{-1}(\cdot) = w",
                 note="by l178_lambert_relation and l178_lower_branch, w = -(1+sigma*)/sigma* is W_{-1}(-mu I e^{-I}); "
                      "the closed form of r is also compared with root finding at every sample"),
        Identity("l178_sign_as_printed", lhs=(1 + sg) / sg, rhs=LAMBERT, source=L8, expect="fails",
                 corrected="l178_sign_corrected",
                 statement=r"\tfrac{1+\sigma^\star}{\sigma^\star} = W(-\mu I e^{-I})\ \text{(as printed)}",
                 note="typo T1: the left side is positive, W_{-1} is negative; the sign is missing"),
        Identity("l178_sign_corrected", lhs=-(1 + sg) / sg, rhs=LAMBERT, source=L8 + " (typo T1 corrected)",
                 statement=r"-\tfrac{1+\sigma^\star}{\sigma^\star} = W_{-1}(-\mu I e^{-I})",
                 note="the corrected line of the proof (spec 003 part B, T1), the same sigma* and W_{-1} as the printed one"),
        Identity("l178_f_without_1_over_I", lhs=((1 + S) / S * exp(I - 1 - 1 / S)).subs(S, 1 / (I - 1)), rhs=1,
                 source=L8, expect="fails", corrected="l178_f_at_end",
                 statement=r"\tfrac{1+\sigma}{\sigma}e^{I-1-1/\sigma}\big|_{\sigma=1/(I-1)} = 1\ \text{(f as defined)}",
                 note="typo T1: f is defined without the factor 1/I; then f(1/(I-1)) = I, not 1"),
        # --- Thm. 1.5.3 / Lemma 1.7.9: the allocation (1.12) -----------------------------------------
        Inequality("hbl_r_below_mu", lhs=mu, rel=">", rhs=r, source=T3, statement=r"r < \mu"),
        Identity("hbl_r_lambert", lhs=sp.exp(I + LAMBERT), rhs=-I * mu / LAMBERT, source=T3,
                 statement=r"r = e^{I + W_{-1}(-\mu I e^{-I})} = -I\mu / W_{-1}(-\mu I e^{-I})"),
        Identity("hbl_r_exponent", lhs=exp(I - 1 - 1 / sg), rhs=r, source=T3, statement=r"r = e^{I-1-1/\sigma^\star}"),
        Identity("q_continuous_at_s_eq_r", lhs=Q_A(v, r), rhs=Q_B(v), over=[(v, r, 1)], source=L9,
                 statement=r"(1.12a) = (1.12b)\ \text{at}\ \max_{j\ne i}v_j = r"),
        Identity("q_continuous_at_v_eq_r", lhs=Q_B(r), rhs=Q_C, source=L9,
                 statement=r"(1.12b) = (1.12c)\ \text{at}\ v_i = r"),
        Inequality("q_a_nonneg", lhs=sg * (I - tt), rel=">", rhs=0, over=[(tt, r, 1)], source=L9,
                   statement=r"I\sigma^\star - \sigma^\star r/s > 0\ (t = r/s \in [r,1]),\ \text{so}\ q^\star_i \ge \sigma^\star\log(v_i/s) \ge 0\ \text{on (1.12a)}"),
        Inequality("q_a_h_nondecreasing", lhs=sp.diff(log(s) + r / s, s), rel=">=", rhs=0, over=[(s, r, 1)], source=L9,
                   statement=r"h(s) = \log s + r/s\ \text{is nondecreasing on}\ [r,1]",
                   note="with q_a_max_at_one: q*_i = sigma*(log v_i - h(s) + I) <= sigma*(I - h(r)) = q*_i(1, r) = 1"),
        Identity("q_a_max_at_one", lhs=Q_A(1, r), rhs=1, source=L9, statement=r"q^\star_i(v_i = 1, s = r) = 1"),
        Inequality("q_b_at_most_1", lhs=1 - Q_B(v), rel=">=", rhs=0, over=[(v, r, 1)], source=L9,
                   statement=r"q^\star_i \le 1\ \text{on (1.12b)}"),
        Inequality("q_b_nonneg", lhs=Q_B(r), rel=">", rhs=0, source=L9,
                   statement=r"q^\star_i(r) = \sigma^\star\log r + 1 > 0,\ \text{so}\ q^\star_i > 0\ \text{on (1.12b) (increasing in}\ v_i)"),
        Inequality("q_c_in_unit", lhs=1 - Q_C, rel=">", rhs=0, source=L9, statement=r"(I-1)\sigma^\star < 1"),
        Inequality("q_a_decreasing_in_second_bid", lhs=-sp.diff(Q_A(v, s), s), rel=">=", rhs=0,
                   over=[(s, r, 1), (v, r, 1)], source=T3,
                   statement=r"\partial_s q^\star_i = \sigma^\star (r - s)/s^2 \le 0\ \text{for}\ s \ge r"),
        Identity("payment_a", lhs=Q_A(V_AB, s) * V_AB - Integral(Q_A(x, s), (x, s, V_AB)),
                 rhs=M_AB(V_AB, s), over=[(s, r, 1), (u, 0, 1)], source=_src("eq. (1.13)"),
                 statement=r"m^\star_i = q^\star_i v_i - \int_0^{v_i} q^\star_i = \sigma^\star(v_i + (I-1)s - r)\ (s \ge r)",
                 note="derived closed form (spec); symmech.models.auctions.HighestBidderLottery uses it"),
        Identity("payment_b", lhs=Q_B(r + u * (1 - r)) * (r + u * (1 - r)) - Integral(Q_C, (x, s, r))
                 - Integral(Q_B(x), (x, r, r + u * (1 - r))),
                 rhs=sg * (r + u * (1 - r) + (I - 1) * s - r), over=[(s, 0, r), (u, 0, 1)], source=_src("eq. (1.13)"),
                 statement=r"m^\star_i = \sigma^\star(v_i + (I-1)s - r)\ (v_i \ge r > s)"),
        Identity("payment_c", lhs=Q_C * (s + u * (r - s)) - Integral(Q_C, (x, s, s + u * (r - s))), rhs=(I - 1) * sg * s,
                 over=[(s, 0, r), (u, 0, 1)], source=_src("eq. (1.13)"),
                 statement=r"m^\star_i = (I-1)\sigma^\star s\ (r > v_i \ge s)"),
        dual_certificate_cells("dual_certificate_131", cells, -sg * r, sg, I, source=L9,
                               statement=r"\mathrm{Rev}^\star(v) \ge \sigma^\star\big(\sum_j v_j - r\big)\ \forall v\in[0,1]^I\ (1.31)"),
        Identity("objective_equals_r", lhs=-sg * r + I * sg * mu, rhs=r, source=L10,
                 statement=r"\lambda^\star + I\sigma^\star\mu = r"),
        Identity("dirac_attains_r", lhs=sg * ((I - 1) * mu + mu - r), rhs=r, source=_src("Thm. 1.5.3 (derived)"),
                 statement=r"\mathrm{Rev}^\star(\mu e) = \sigma^\star(I\mu - r) = r",
                 note="derived: the Dirac law at mu e is in (1.6) and attains r (r < mu, so v_(1) = mu >= r)"),
        AllOf("randomized_twin_expected_payment", source=_src("Sec. 1.5.3, (q', m')"), parts=[
            Identity("randomized_twin_expected_payment.a",
                     lhs=Integral(M_PRIME(V_G, Q_A(V_G, S_G), Integral(Q_A(x, S_G), (x, S_G, V_G))), (ud, 0, Q_A(V_G, S_G))),
                     rhs=M_AB(V_G, S_G), over=[(w, 0, 1), (u, 0, 1)], source=_src("Sec. 1.5.3, (q', m')")),
            Identity("randomized_twin_expected_payment.b",
                     lhs=Integral(M_PRIME(V_B, Q_B(V_B), Integral(Q_C, (x, s, r)) + Integral(Q_B(x), (x, r, V_B))),
                                  (ud, 0, Q_B(V_B))),
                     rhs=M_AB(V_B, s), over=[(s, 0, r), (u, 0, 1)], source=_src("Sec. 1.5.3, (q', m')")),
            Identity("randomized_twin_expected_payment.c",
                     lhs=Integral(M_PRIME(V_C, Q_C, Integral(Q_C, (x, s, V_C))), (ud, 0, Q_C)),
                     rhs=(I - 1) * sg * s, over=[(s, 0, r), (u, 0, 1)], source=_src("Sec. 1.5.3, (q', m')"))],
            statement=(r"\mathbb E_{\tilde u}[m'_i(v,\tilde u)] = \int_0^{q^\star_i(v)}\Big(v_i - \int_0^{v_i}"
                       r"\tfrac{q^\star_i(x, v_{-i})}{q^\star_i(v)}dx\Big)du = m^\star_i(v)\ \text{on (1.12a), (1.12b), (1.12c)}"),
            note="the thesis's m' (paid only when u <= q*_i(v)) with q* of (1.12), against the closed-form m* of "
                 "payment_a-payment_c (spec: sigma*(v_i + (I-1)s - r), (I-1) sigma* s); (1.12a) in the geometric "
                 "parametrization s = r^(1-w), v_i = s^(1-u)"),
        # --- Lemmas 1.7.12-1.7.13: nature's law alpha_eps (limit) --------------------------------------
        Identity("alpha_mass", lhs=I * eps**(I - 1) * (Integral(ALPHA_A, (x, r, 1)) + Integral(ALPHA_B, (x, 1 - eps, 1))),
                 rhs=1, over=[(eps, 0, (1 - sp.sqrt(r)) / 2)], source=L12,
                 statement=(r"\int_{[0,1]^I}\alpha_\epsilon = I\,\epsilon^{I-1}\Big(\int_r^1 \tfrac{\rho_\epsilon r}{I x^2\epsilon^{I-1}}dx"
                            r" + \int_{1-\epsilon}^1 \tfrac{\delta_\epsilon r}{I\epsilon^I}dx\Big) = 1"),
                 note="the density (1.34) integrated over its support: I winner cells, the others' box [r - eps, r]^(I-1) "
                      "has volume eps^(I-1); checks (1.34)'s normalizing constants (rho_eps itself is DEFINED by "
                      "rho_eps (1 - r) + delta_eps r = 1, see the module doc)"),
        Identity("alpha_mean", lhs=(RHO * r * (-log(r)) + DELTA * r * (1 - eps / 2)) / I + (I - 1) / I * (r - eps / 2),
                 rhs=mu, over=[(eps, 0, (1 - sp.sqrt(r)) / 2)], source=L12,
                 statement=r"\mathbb E_{\alpha_\epsilon}[v_i] = \mu\ \text{with the thesis's}\ \delta_\epsilon"),
        Identity("alpha_limit_delta", lhs=DELTA.subs(eps, 0), rhs=1, source=L13,
                 statement=r"\delta_0 = \rho_0 = 1\ \text{(limit law: winner's value has tail } r/x\text{, others } = r)"),
        Identity("limit_law_mean", lhs=r / I * (1 - log(r)) + (I - 1) / I * r, rhs=mu, source=_src("Thm. 1.7.1"),
                 statement=r"\tfrac rI(1-\log r) + \tfrac{I-1}{I}r = \mu"),
        Identity("l1713_objective_limit", lhs=(r * DELTA * (1 - eps) + r * RHO * eps).subs(eps, 0), rhs=r, source=L13,
                 statement=r"\lim_{\epsilon\downarrow0} r\delta_\epsilon(1-\epsilon) + r\rho_\epsilon\epsilon = r",
                 note="approached only in the limit: alpha_eps is a law for eps > 0"),
        # --- Prop. 1.5.9 and the spec's conjecture 5 ---------------------------------------------------
        Identity("p159_I_sigma_minus_1", lhs=I * sg - 1, rhs=(1 + log(r)) / (I - 1 - log(r)), source=_src("Prop. 1.5.9"),
                 statement=r"I\sigma^\star - 1 = \frac{1 + \log r}{I - 1 - \log r}",
                 note="so I sigma* > 1 iff r > 1/e (settles the spec's conjecture 5); -> 0 as r -> mu"),
        Identity("p1510_r_lower_145", lhs=(I - 1) * (r - (I * mu - 1) / (I - 1)), rhs=1 - r + r * log(r),
                 source=_src("Prop. 1.5.10, (1.45)"),
                 statement=r"(I-1)\Big(r - \frac{I\mu-1}{I-1}\Big) = 1 - r + r\log r > 0\ \text{(p1510\_gap\_below)}",
                 note="so (I mu - 1)/(I - 1) < r < mu: r -> mu as I -> infinity, and I sigma* -> 1 (Prop. 1.5.9)"),
        # --- Lemma 1.7.15, Thm. 1.5.4 -------------------------------------------------------------------
        Identity("l1715_limit", lhs=(RHO * r * (1 - eps - r) / (1 - eps) + r * DELTA * (1 - eps) + r * RHO * eps).subs(eps, 0),
                 rhs=r * (2 - r), source=_src("Lemma 1.7.15"),
                 statement=r"\lim_{\epsilon\downarrow0}\Big[\rho_\epsilon\tfrac{r(1-\epsilon-r)}{1-\epsilon} + r\delta_\epsilon(1-\epsilon) + r\rho_\epsilon\epsilon\Big] = r(2-r)"),
        Inequality("t154_half", lhs=r / (r * (2 - r)), rel=">=", rhs=sp.Rational(1, 2), source=_src("Thm. 1.5.4"),
                   statement=r"\frac{r}{r(2-r)} = \frac1{2-r} \ge \frac12"),
        # --- Thm. 1.5.5 / Cor. 1.5.1, Prop. 1.5.10 -------------------------------------------------------
        Inequality("t155_sqrt_bound", lhs=mm, rel=">=", rhs=1 - sp.sqrt(1 - mm), over=[(mm, 0, 1)], source=_src("Thm. 1.5.5"),
                   statement=r"1 - \sqrt{1-m} \le m\ \text{on}\ [0,1],\ \text{so}\ z^\star = I(1-\sqrt{1-\mu})^2 \le I\mu^2"),
        Identity("t155_ratio_bound", lhs=I * mu**2 / r, rhs=r * (I - log(r))**2 / I, source=_src("Thm. 1.5.5"),
                 statement=r"\frac{z^\star}{r} \le \frac{I\mu^2}{r} = \frac{r(I-\log r)^2}{I} \xrightarrow[\mu\to0]{} 0",
                 note="r -> 0 as mu -> 0 and r log^2 r -> 0: the best SPA (mu in M_1) gets a vanishing share of r"),
        Identity("p1510_gap", lhs=I * (mu - r), rhs=-r * log(r), source=_src("Prop. 1.5.10"),
                 statement=r"I(\mu - r_I) = r_I\log(1/r_I) \to \mu\log(1/\mu)"),
        Inequality("p1510_gap_below", lhs=1 - r + r * log(r), rel=">", rhs=0, source=_src("Prop. 1.5.10"),
                   statement=r"r\log(1/r) < 1 - r\ \text{on}\ (0,1)"),
        Identity("p1510_delta_formula", lhs=((I + D) * mu - 1) / (I + D - 1) - r,
                 rhs=(mu - r) * (D - (1 - r - I * (mu - r)) / (mu - r)) / (I + D - 1), over=[(D, 0, 10**4)],
                 source=_src("Prop. 1.5.10"),
                 statement=r"z^\star(I+\Delta) - r_I = \frac{(\mu - r_I)(\Delta - \Delta^\star)}{I+\Delta-1},\ \Delta^\star = \frac{1-r_I-I(\mu-r_I)}{\mu-r_I}",
                 note="for mu in M_3(I + Delta); Delta(I) = ceil(Delta*) = ceil(I (1 - r + r log r)/(r log(1/r))), unbounded in I"),
    ]


DERIVATION = Derivation(
    name="thesis_ch1_hbl",
    title="Koçyiğit (2020), Ch. 1: the optimal highest-bidder lottery under Markov ambiguity",
    scope=SCOPE,
    claims=_claims(),
    model=(r"I\ge2 \text{ bidders},\ v\in[0,1]^I,\ \mathcal P = \{\mathbb P: \mathbb E_{\mathbb P} v_i \ge \mu\ \forall i\},"
           r"\ \mu\in(0,1);\ r(I-\log r) = I\mu,\ \sigma^\star = \frac1{I-1-\log r}"),
    references=(PAPER + ", Ch. 1 (= Koçyiğit, Iyengar, Kuhn and Wiesemann, 'Distributionally Robust Mechanism "
                "Design', Management Science 66(1), 2020)",),
    figures={"point": {I: 2, mu: sp.Rational(1, 2)}, "hbl_allocation": HBLAllocationFigure(SIGMA, r, I)},
)
