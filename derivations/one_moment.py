"""One known moment (the mean): the robust posted-price mechanism and nature's
equal-revenue worst case (Carrasco et al., Props. 3.1-3.4).

Model: one good, value theta in [0, 1], the seller knows only E[theta] = k with
k in (0, 1).  kt (the paper's k-tilde) is the unique root in (0, k) of
kt (1 - ln kt) = k; closed form kt = -k / W_{-1}(-k/e).

Claims are checked for *every* k in (0, 1): exact proofs eliminate k through
k = kt (1 - ln kt), which maps kt in (0, 1) onto k in (0, 1) (claims
``ktilde_map_increasing`` and ``ktilde_in_bracket``).
"""
from __future__ import annotations

import sympy as sp
from sympy import E, LambertW, Interval, diff, exp, log

from symmech import (AmbiguitySet, DefinedRoot, Derivation, Distribution, Identity, Inequality, Mechanism,
                     PiecewiseFunction, PostedPrice, Scope, checks, revenue)

theta = sp.Symbol("theta", nonnegative=True)
p = sp.Symbol("p", positive=True)
k = sp.Symbol("k", positive=True)
kt = sp.Symbol("kt", positive=True)   # k-tilde
W = sp.Symbol("W", negative=True)     # W_{-1}(-k/e), used only as a proof hint

PAPER = "Carrasco et al."
KT_CLOSED = -k / LambertW(-k / E, -1)

SCOPE = Scope(
    parameters={k: Interval.open(0, 1)},
    roots=(DefinedRoot(kt, kt * (1 - log(kt)) - k, bracket=(0, k), closed_form=KT_CLOSED,
                       inverse=(k, kt * (1 - log(kt))), image=Interval.open(0, 1)),),
)

XI = 1 / log(1 / kt)            # xi* = -1/ln kt, the moment multiplier
LAM = -XI * kt                  # t(theta) >= LAM + XI theta  (paper: Pi >= xi theta - lambda*, lambda* = xi kt)
AMBIGUITY = AmbiguitySet.mean(theta, (0, 1), k)

Q_STAR = PiecewiseFunction(theta, (0, kt, 1), (0, 1 - log(theta) / log(kt)))
M_STAR = Mechanism.from_allocation(theta, Q_STAR)
F_STAR = Distribution(theta, density=PiecewiseFunction(theta, (0, kt, 1), (0, kt / theta**2)), atoms={1: kt})
PRICE_LAW = Distribution(p, density=PiecewiseFunction(p, (0, kt, 1), (0, XI / p)))
M_POSTED = PostedPrice(PRICE_LAW).to_mechanism(theta)

PHI = (theta - k) / log(theta)  # the reduced objective (eqs. (4)-(5)) with xi = 1/ln(1/theta*)

# price 0 (q = 1 everywhere): a mechanism with q(1) = 1 that is not a best reply to F*
M_FREE = Mechanism.from_allocation(theta, PiecewiseFunction(theta, (0, kt, 1), (1, 1)))
# a uniform random price on [kt, 1]: q(1) = 1 and q = 0 below kt, but q != q* (the corrected G4 condition)
M_UNIFORM = Mechanism.from_allocation(theta, PiecewiseFunction(theta, (0, kt, 1), (0, (theta - kt) / (1 - kt))))
F_CDF = F_STAR.cdf_at(theta, 1)                 # F*(theta) on [kt, 1), from the law (density integrated)


def eq10_formula(M: Mechanism):
    """The corrected right side of eq. (10): kt q(1) - int_0^kt q (the allocation's pieces integrated)."""
    q = M.allocation
    return kt * q.pieces[-1].subs(theta, 1) - sp.integrate(q.pieces[0], (theta, 0, kt))


def _claims() -> list:
    s32, s31, s33, s34 = (f"{PAPER}, Prop. 3.{i}" for i in (2, 1, 3, 4))
    return [
        # --- the root kt --------------------------------------------------------------------
        Inequality("ktilde_map_increasing", lhs=diff(kt * (1 - log(kt)), kt), rel=">", rhs=0, source=s32,
                   statement=r"\frac{d}{d\tilde k}\,\tilde k(1-\ln\tilde k) = -\ln\tilde k > 0 \text{ on } (0,1)",
                   note="with kt(1 - ln kt) -> 0 as kt -> 0 and = 1 at kt = 1 this makes kt(k) a bijection of (0,1)",
                   model_free="calculus fact about the map kt -> kt(1 - ln kt) that defines the root: no law, mechanism or constant enters"),
        Inequality("ktilde_in_bracket", lhs=k - kt, rel=">", rhs=0, source=s32,
                   statement=r"0 < \tilde k < k",
                   model_free="lemma about the root of kt(1 - ln kt) = k (k - kt = -kt ln kt > 0): pure analysis, no model value"),
        Identity("ktilde_lambert", lhs=KT_CLOSED * (1 - log(KT_CLOSED)), rhs=k, source=s32,
                 model_free="algebra of the Lambert W branch W_{-1}: the closed form solves the root's equation, no model value",
                 statement=r"\tilde k = -k/W_{-1}(-k/e) \text{ solves } \tilde k(1-\ln\tilde k)=k",
                 rewrites=(({LambertW(-k / E, -1): W, k: -W * exp(W + 1)},
                            "W = W_{-1}(-k/e) satisfies W e^W = -k/e with W < -1 for k in (0,1)"),)),
        # --- Prop 3.2: the reduced problem and its first-order condition ------------------------
        Identity("foc_at_ktilde", lhs=diff(PHI, theta).subs(theta, kt), rhs=0, source=f"{s32}; eqs. (4)-(5)",
                 statement=r"\varphi'(\tilde k) = 0,\ \varphi(\theta) = \frac{\theta - k}{\ln\theta}"),
        Identity("foc_as_printed", lhs=kt * (1 - log(kt)), rhs=1, source=s32, expect="fails",
                 corrected="foc_at_ktilde",
                 statement=r"\theta^*(1-\ln\theta^*) = 1 \text{ (FOC as printed; should be } = k)",
                 note="typo T1: the numerator of phi' is theta ln theta - theta + k; corrected: foc_at_ktilde "
                      "(phi' vanishes at the root of theta(1 - ln theta) = k)"),
        Identity("value_phi", lhs=PHI.subs(theta, kt), rhs=kt, source=f"{s32}; eqs. (4)-(5)",
                 statement=r"\varphi(\tilde k) = \tilde k \text{ (the optimal guarantee)}"),
        Identity("phi_second_derivative", lhs=diff(PHI, theta, 2) * theta**2 * log(theta)**3,
                 rhs=-(k + theta) * log(theta) - 2 * (k - theta), over=[(theta, kt, 1)], source=s32,
                 statement=r"\varphi''\,\theta^2\ln^3\theta = (k+\theta)\ln\tfrac1\theta - 2(k-\theta)"),
        Identity("allocation_log_form", lhs=Q_STAR.pieces[1], rhs=XI * log(theta / kt), over=[(theta, kt, 1)],
                 source=s32, statement=r"1 - \frac{\ln\theta}{\ln\tilde k} = \xi^*\ln\frac{\theta}{\tilde k}"),
        Identity("allocation_ode", lhs=theta * diff(Q_STAR.pieces[1], theta), rhs=XI, over=[(theta, kt, 1)],
                 source=f"{PAPER}, Sec. 3.2", statement=r"\theta\, q^{*\prime}(\theta) = \xi^*"),
        Identity("allocation_at_ktilde", lhs=Q_STAR.pieces[1].subs(theta, kt), rhs=0, source=s32,
                 statement=r"q^*(\tilde k) = 0"),
        Identity("allocation_at_one", lhs=Q_STAR.pieces[1].subs(theta, 1), rhs=1, source=s32,
                 statement=r"q^*(1) = 1"),
        checks.feasible_allocation(M_STAR, id="allocation_feasible", source=s32),
        checks.incentive_compatible(M_STAR, id="mechanism_IC", source=f"{s32}; eq. (1)"),
        checks.individually_rational(M_STAR, id="mechanism_IR", source=f"{s32}; eq. (1)"),
        # --- Prop 3.1: piecewise-linear profit ---------------------------------------------------
        Identity("profit_piecewise_linear", lhs=M_STAR.payment.pieces[1], rhs=XI * (theta - kt),
                 over=[(theta, kt, 1)], source=s31,
                 statement=r"t^*(\theta) = \xi^*(\theta - \tilde k) \text{ on } [\tilde k, 1]"),
        Identity("profit_zero_below", lhs=M_POSTED.payment.pieces[0], rhs=M_STAR.payment.pieces[0], over=[(theta, 0, kt)],
                 source=f"{s31}; {s33}",
                 statement=r"t_G(\theta) = \int_0^\theta x\,g^*(x)\,dx = t^*(\theta) = 0 \text{ on } [0, \tilde k]",
                 note="t* = 0 below kt is the envelope payment of q* = 0 there (true by construction); the claim checks it "
                      "against the payment of the random posted price of Prop. 3.3, computed from the price law g*"),
        # --- Prop 3.3: random posted prices ------------------------------------------------------
        checks.in_ambiguity_set(PRICE_LAW, AmbiguitySet(p, (0, 1)), id="price_law_valid", source=s33),
        Identity("posted_price_allocation", lhs=M_POSTED.allocation.pieces[1], rhs=Q_STAR.pieces[1],
                 over=[(theta, kt, 1)], source=s33, statement=r"G(\theta) = q^*(\theta)"),
        Identity("posted_price_payment", lhs=M_POSTED.payment.pieces[1], rhs=M_STAR.payment.pieces[1],
                 over=[(theta, kt, 1)], source=s33,
                 statement=r"\int_{\tilde k}^{\theta} x\, g^*(x)\, dx = t^*(\theta)"),
        # --- Prop 3.4: nature's worst case and the saddle point ----------------------------------
        checks.in_ambiguity_set(F_STAR, AMBIGUITY, id="nature_in_ambiguity_set", source=f"{s34}; eq. (8)"),
        Identity("zero_virtual_value", lhs=theta - (1 - F_CDF) / F_STAR.density.pieces[1], rhs=0,
                 over=[(theta, kt, 1)], source=f"{PAPER}, eq. (9)",
                 statement=r"\theta - \frac{1 - F^*(\theta)}{f^*(\theta)} = 0 \text{ on } [\tilde k, 1)"),
        checks.complementary_slackness(M_STAR, F_STAR, AMBIGUITY, LAM, [XI], id="profit_affine_on_support",
                                       source=f"{s31}; Sec. 3.1"),
        checks.dual_certificate(M_STAR, AMBIGUITY, LAM, [XI], kt, id="guarantee", source=s34),
        checks.revenue_equals(M_STAR, F_STAR, kt, id="revenue_against_worst_case", source=s34),
        checks.worst_case_revenue(M_STAR, AMBIGUITY, F_STAR, LAM, [XI], kt, id="worst_case_value", source=s34),
        checks.seller_best_response_bound(F_STAR, kt, id="no_mechanism_beats_ktilde", source=s34),
        checks.saddle_point(M_STAR, F_STAR, AMBIGUITY, LAM, [XI], kt, id="saddle_point",
                            source=f"{s34}; Sec. 3, eq. (1)"),
        # --- eq. (10) / Lemma 3.4: revenue of any IC mechanism against F* --------------------------
        Identity("eq10_corrected_price0", lhs=revenue(M_FREE, F_STAR), rhs=eq10_formula(M_FREE),
                 source=f"{PAPER}, eq. (10)",
                 statement=r"\int t\, dF^* = \tilde k\, q(1) - \int_0^{\tilde k} q\ (= 0) \text{ for } q \equiv 1"),
        Identity("eq10_as_printed_price0", lhs=revenue(M_FREE, F_STAR), rhs=kt * (1 - kt), expect="fails",
                 corrected="eq10_corrected_price0", source=f"{PAPER}, eq. (10)",
                 statement=r"\int t\, dF^* = \tilde k\,(q(1) - \int_0^{\tilde k} q) \text{ for } q \equiv 1"
                           r" \text{ (as printed)}", note="typo T3; corrected: eq10_corrected_price0"),
        Identity("best_reply_needs_zero_below", lhs=revenue(M_UNIFORM, F_STAR), rhs=kt, source=s34,
                 statement=r"q(1) = 1,\ q = 0 \text{ on } [0, \tilde k) \Rightarrow \int t\, dF^* = \tilde k "
                           r"\text{ (for } q = (\theta - \tilde k)^+/(1 - \tilde k) \ne q^*)",
                 note="gap G4 corrected (spec Sec. 3, Prop. 3.4): q(1) = 1 AND q = 0 a.e. on [0, kt]; checked on "
                      "a uniform random price on [kt, 1], which is not q* but a best reply to F*"),
        Identity("any_q1_is_best_reply", lhs=revenue(M_FREE, F_STAR), rhs=kt, expect="fails",
                 corrected="best_reply_needs_zero_below", source=f"{PAPER}, Prop. 3.4",
                 statement=r"q(1) = 1 \Rightarrow \int t\, dF^* = \tilde k \text{ (for } q \equiv 1)",
                 note="gap G4: also needs q = 0 a.e. on [0, kt] (corrected: best_reply_needs_zero_below)"),
    ]


DERIVATION = Derivation(
    name="one_moment",
    title="Robust selling with a known mean: log-uniform posted price vs equal-revenue nature",
    scope=SCOPE,
    claims=_claims(),
    model=(r"\theta \in [0,1],\ \mathbb{E}[\theta] = k \in (0,1),\ "
           r"\tilde k(1-\ln\tilde k) = k,\ \xi^* = 1/\ln(1/\tilde k)"),
    references=("Carrasco, Luz, Kos, Messner, Monteiro and Moreira, 'Optimal selling mechanisms under moment "
                "conditions', Journal of Economic Theory 177 (2018), Sections 2-3.3",),
    figures={"mechanism": M_STAR, "price_law": PRICE_LAW, "worst_case": F_STAR, "ambiguity": AMBIGUITY,
             "guarantee": kt, "point": {k: sp.Rational(1, 2)},
             "notation": [(sp.Symbol("xi^*", positive=True), XI)]},
)

if __name__ == "__main__":  # pragma: no cover
    print(DERIVATION.verify(digits=50))
