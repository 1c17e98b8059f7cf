"""Carrasco et al. (2018): numbered results and errata, for coverage tables (``symmech coverage carrasco``).

Items follow the paper's order (Secs. 2-5; Sec. 6 is the conclusion and states nothing checkable).
Unnumbered displays are located by their section (``Sec 3.1``); the unnumbered "Assumption" of
Sec. 5 is ``Sec 5``.  Footnotes 2-5, 8 and 11 are literature or interpretation and state nothing
checkable, so they are not items.  Errata are the catalog's T*/G* items, re-read against the paper
text; where the catalog is wrong or imprecise the erratum's summary or disposition says so.
"""
from __future__ import annotations

from symmech.reports.papers.model import Erratum, Item, Paper

_R = "carrasco_remaining"
_A = "carrasco_audit"

ITEMS = (
    # ---------------- Sec. 1, introduction --------------------------------------------------------------
    Item("fn 1", "a seller who knows the distribution (expected utility, linear payoffs, no cost curvature) does "
                 "not price discriminate",
         note="the general statement is cited; the instance F = F* (every posted price in [kt, 1] is a best reply) "
              "is checked"),
    # ---------------- Sec. 2, model -------------------------------------------------------------------
    Item("Sec 2", "the model: utilities sum_t delta^{t-1}(q_t . theta_t - p_t) and sum_t delta^{t-1} p_t, direct "
                  "mechanisms (q_t, p_t): [0,1]^{MT} -> [0,1]^M x R, realized payoffs U_m, Pi_m (they add up to "
                  "the total surplus)"),
    Item("fn 6", "the set of allocation streams feasible for the buyer is compact, so an optimal report exists",
         note="compactness in the product topology is an assumption; the checked witness is that the truthful "
              "report attains the buyer's maximum in the repeated robust mechanism"),
    # ---------------- Sec. 3, one good -----------------------------------------------------------------
    Item("Sec 3", "one good, values in [0, 1], F = {F in Delta[0,1] : int theta dF = k}, k in (0, 1); "
                  "restriction to IC direct mechanisms"),
    Item("eq (1)", "the max-min problem max_m min_{F in F} int p dF subject to IR and IC"),
    Item("eq (2)", "envelope: U(theta) = U(0) + int_0^theta q; with q nondecreasing equivalent to IC; with U(0) = 0 "
                   "the profit is Pi = theta q - int_0^theta q"),
    Item("fn 7", "Pi'(theta) = theta q'(theta) a.e., so Pi is nondecreasing iff q is"),
    Item("eq (3)", "nature's relaxed problem min_{F in D} int Pi dF s.t. int dF <= 1, k - int theta dF <= 0, and its "
                   "Lagrangian L(F; lambda, xi) with the saddle inequalities"),
    Item("Lemma 3.1", "(existence) problem (3) has a solution; at the robust mechanism it lies in F (both "
                      "constraints bind, xi* > 0, lambda* > 0)",
         note="existence of a minimizer (weak compactness) and of multipliers (Luenberger 1969) is cited; the "
              "witness F*, lambda*, xi* is checked"),
    Item("Sec 3.1", "Pi + lambda* - xi* theta >= 0 on [0, 1] (the Heaviside argument), nature puts no mass where "
                    "Pi > xi* theta - lambda*"),
    Item("Lemma 3.2", "(auxiliary) Pi >= xi* theta - lambda* implies q(theta) >= (1/theta*) int_0^theta* q + "
                      "xi* ln(theta/theta*) -- valid for theta >= theta* only (gap G2)"),
    Item("Prop 3.1", "(piecewise linear envelope) a robust mechanism's profit is max{xi* theta - lambda*, 0}",
         note="the necessity direction rests on Prop. 3.4's uniqueness, whose a.e. step is cited"),
    Item("Sec 3.2", "int Pi* dF* = xi*(k - theta*); theta q*' = xi* on [theta*, 1], q* = xi* ln(theta/theta*)"),
    Item("eq (4)", "the reduced problem max_{xi >= 0, theta* in [0,1]} xi (k - theta*)"),
    Item("eq (5)", "its constraint xi ln(theta/theta*) <= 1 on (0, 1], binding at theta = 1"),
    Item("Prop 3.2", "(robust mechanism) q* = 0 below kt, 1 - ln theta / ln kt above, kt (1 - ln kt) = k, kt < k"),
    Item("eq (6)", "the robust allocation q* (as in Prop. 3.2)"),
    Item("eq (7)", "p* = theta q* - int_0^theta q* and the tariff P*(q) = p*(theta) at q = q*(theta)"),
    Item("Prop 3.3", "(implementation) a posted price drawn from the CDF q* on [kt, 1] is a robust mechanism"),
    Item("eq (8)", "nature's density f* = kt / theta^2 on [kt, 1] (0 below), with an atom kt at 1"),
    Item("Prop 3.4", "(Nash equilibrium) (m*, F*) is the unique Nash equilibrium of the zero-sum game",
         note="uniqueness: the a.e. steps (q-bar = q* a.e., F-bar = F*) are cited; the inequalities they rest on "
              "are checked"),
    Item("eq (9)", "zero virtual value theta - (1 - F*)/f* = 0 on [kt, 1), i.e. d/dtheta [theta F*(theta)] = 1"),
    Item("eq (10)", "revenue of any IC mechanism against F*: kt q(1) - int_0^kt q <= kt (printed kt(q(1) - "
                    "int_0^kt q), typo T3)"),
    Item("eq (11)", "the general moment set {F in Delta[0,1] : int kappa dF = k}, kappa in C^1, kappa' > 0, "
                    "k in (kappa(0), kappa(1))"),
    Item("fn 9", "the argument extends to bounded nondecreasing kappa",
         note="stated without proof in the paper; checked for kappa = 1{theta >= 1/2} (known P(theta >= 1/2) = k)"),
    Item("Sec 3.4", "F^c (equal revenue truncated at 1), kt with int kappa dF^kt = k, chi_a, Pi_a, a-tilde, "
                    "Pi* = a-tilde [kappa - kappa(kt)]^+"),
    Item("fn 10", "chi_a solves theta q' = a kappa' with q(1) = 1"),
    Item("Lemma 3.3", "(nature's problem) F* minimizes int Pi* dF over F"),
    Item("Lemma 3.4", "(seller's problem) m* maximizes int p dF* over IC mechanisms (printed (1 - F*(1)) q(1), "
                      "typo T5)"),
    Item("Prop 3.5", "(robust revenue, arbitrary moment) m* solves the robust problem under E kappa(theta) = k",
         note="checked by saddle points for kappa = theta^n with every real n in [2, 5], theta, theta^2, theta^3 and "
              "sqrt(theta); the paper's statement for every C^1 kappa with kappa' > 0 is not a finite computation"),
    # ---------------- Sec. 4, M goods ------------------------------------------------------------------
    Item("Sec 4", "M goods, F = {F in Delta([0,1]^M) : int theta_i dF = k_i}; IC iff (12) and U convex"),
    Item("eq (12)", "grad U = q a.e."),
    Item("eq (13)", "p = theta . q - U = theta . grad U - U"),
    Item("eq (14)", "nature's problem min_F int Pi dF and its Lagrangian with multipliers lambda*, xi* in R^M_+"),
    Item("Prop 4.1", "(piecewise linear envelope, M goods) Pi >= max{xi* . theta - lambda*, 0} with equality on "
                     "supp F*"),
    Item("Sec 4.2", "grad Pi = grad U + grad^2 U theta - grad U = xi on the sale region"),
    Item("eq (15)", "the PDE system D q(theta) theta = xi"),
    Item("eq (16)", "full separability dq_i/dtheta_j = 0 for i != j"),
    Item("Prop 4.2", "(separability) the best mechanism within (16) sells each good by the one-good rule with "
                     "kt_i; guarantee sum_i kt_i"),
    Item("eq (17)", "the bundled mechanisms q = xi ln(xi.theta / xi.theta-tilde) and the problem max xi.(k - "
                    "theta-tilde) s.t. xi ln(xi.theta / xi.theta-tilde) <= 1"),
    Item("Prop 4.3", "(full bundling) (17) is solved by xi = -1/ln kt_M 1, theta* = -M kt_M / ln kt_M, value "
                     "M kt_M -- false for sufficiently asymmetric means (gap G5)"),
    Item("Sec 4.3", "symmetric case: nature's comonotone F*(theta) = G(min_i theta_i) with 1-D marginals"),
    Item("eq (18)", "p* as the sum of staircase path integrals"),
    Item("eq (19)", "q_i* = 1 - ln theta_i / ln kt on theta_i >= kt (0 below)"),
    Item("Lemma 4.1", "(distribution optimality) F* minimizes int p* dF, value M kt"),
    Item("Lemma 4.2", "(mechanism optimality) m* maximizes int p dF*"),
    Item("Prop 4.4", "(optimal full bundling) in the symmetric case full bundling attains M kt, as separate sales; "
                     "both optimal"),
    # ---------------- Sec. 5, many periods -------------------------------------------------------------
    Item("Sec 5", "the Assumption: (i) martingale E[theta_{t+1} | theta^t] = theta_t, (ii) permanent types "
                  "F*,T(theta^T) = F*(min_t theta_t) belong to F; and R_T = kt sum_t delta^{t-1}"),
    Item("fn 12", "the learning model theta_t = v + eps_t fits the framework"),
    Item("Def 5.1", "optimal reporting strategies Sigma_{m,F}; interim IC"),
    Item("eq (20)", "R*_T = sup_m inf_{F, sigma in Sigma_{m,F}} int Pi_m(sigma | theta^T) dF"),
    Item("Lemma 5.1", "(revenue guarantee) the repeated static mechanism guarantees R_T"),
    Item("eq (21)", "the buyer's per-period problem: argmax of theta q*(theta') - p*(theta') is {theta} above kt "
                    "and [0, kt] below"),
    Item("Cor 5.1", "(lower bound) R*_T >= R_T"),
    Item("Lemma 5.2", "(upper bound) under the known law F*,T no mechanism earns more than R_T"),
    Item("Prop 5.1", "(optimal revenue) R_T >= w-bar >= R*_T >= R_T, attained by the repeated mechanism",
         note="the middle inequality (max-min <= min-max with the revelation principle) is a general argument, "
              "cited; the two bounds are checked as saddle points for T = 2, 3, 4"),
    Item("Prop 5.2", "(dynamic multi-good) period-by-period repetition of the static M-good mechanism (separate or "
                     "bundled) is optimal",
         note="proof omitted in the paper; checked as saddle points for (M, T) = (2, 2), (3, 2), (2, 3), and the "
              "value identity for every M, T"),
)

ERRATA = (
    Erratum("T1", "Prop. 3.2, proof", "FOC printed theta*(1 - ln theta*) = 1; should be = k",
            claims=("one_moment:foc_as_printed", "one_moment:foc_at_ktilde")),
    Erratum("T2", "Prop. 3.2, statement", "'let kt < k be the implicit solution': the equation has a second root "
            "in (1, e); 'kt < k' selects the one in (0, 1)",
            claims=(f"{_R}:T2_second_root_exists", "one_moment:ktilde_in_bracket"),
            disposition="no error (the catalog agrees: 'correct but unclear'); the condition kt < k the paper states "
                        "does select the root in (0, 1)"),
    Erratum("T3", "eq. (10)", "int Pi dF* printed kt(q(1) - int_0^kt q); correct kt q(1) - int_0^kt q",
            claims=("one_moment:eq10_as_printed_price0", "one_moment:eq10_corrected_price0")),
    Erratum("T4", "Prop. 3.4, uniqueness proof", "int Pi-bar dG = (1-a) Pi-bar(1) + a kt: the '+ a kt' should be "
            "a Pi-bar(kt) = 0; 'Pi-tilde dH' should be Pi* dG; Pi-bar misses the bar on q",
            claims=(f"{_R}:uniq_display_as_printed", f"{_R}:uniq_two_point_law")),
    Erratum("T5", "Lemma 3.4, proof", "int p dF* printed (1 - F*(1)) q(1) (= 0); correct kt q(1) - int_0^kt q",
            claims=("general_moment:lemma34_as_printed", "general_moment:lemma34_corrected")),
    Erratum("T6", "Sec. 3.4, Pi_a", "Pi_a printed chi_a(kt) + a[kappa - kappa(kt)]; the first term is kt chi_a(kt)",
            claims=("general_moment:mean.profit_as_printed", "general_moment:square.profit_as_printed",
                    "general_moment:mean.profit_corrected")),
    Erratum("T7", "Sec. 3.4, chi_a", "chi_a declared on [kt, 1] but defined with a branch below kt; the domain is "
            "[0, 1] (the formula branch is negative below kt)",
            claims=("carrasco_remaining:T7_chi_on_domain", f"{_R}:T7_chi_formula_below_kt",)),
    Erratum("T8", "Lemma 4.2, proof", "virtual value printed theta - (1 - F); 1 - F(1) written for the atom kt",
            claims=("carrasco_remaining:T8_virtual_value_corrected", "carrasco_remaining:T8_atom_corrected", f"{_R}:T8_virtual_value_as_printed", f"{_R}:T8_atom_as_printed"),
            disposition="the proof headers 'Proof of Proposition 4.1/4.2' for Lemmas 4.1/4.2 are labelling slips, "
                        "not checkable"),
    Erratum("T9", "Lemma 4.1, proof", "supp F* printed = the box [kt, 1]^M; it is the diagonal segment (only "
            "'subset of' is needed)",
            claims=("m_goods:lemma41_support_is_box_as_printed", "m_goods:lemma41_support_in_box")),
    Erratum("T10", "Sec. 5 (R_T) and Lemma 5.1", "R_T printed (1 - delta^{T+1})/(1 - delta) R*_1; correct "
            "(1 - delta^T)/(1 - delta); delta^t for delta^{t-1} in Lemma 5.1's sums",
            claims=("many_periods:RT_value_all_T", "carrasco_remaining:RT_closed_form_integer_T", "many_periods:lemma51_corrected_revenue_sum", "many_periods:RT_as_printed", f"{_R}:RT_as_printed_integer_T",
                    "many_periods:lemma51_printed_revenue_sum")),
    Erratum("T11", "eq. (21), Lemma 5.1", "p*(theta') printed max{(theta' - kt)/ln kt, 0} (identically 0); "
            "should be / ln(1/kt)",
            claims=("many_periods:eq21_p_star_corrected", "many_periods:eq21_p_star_as_printed", "many_periods:lemma51_printed_revenue_sum")),
    Erratum("T12", "eqs. (18)-(19)", "[theta]_i and [theta, s]_i lose their coordinates: they read "
            "(theta_1, ..., theta_i, 0, ...) and (theta_1, ..., theta_{i-1}, s, 0, ...)",
            claims=(f"{_R}:eq18_path_integral_corrected", "m_goods:eq18_payment"),
            disposition="OCR damage, not a finite computation as printed: '(theta, ..., theta, s, 0, ...)' repeats a "
                        "vector where coordinates belong, so no literal reading type-checks; with the corrected "
                        "reading the staircase integral gives the bundle's profit (proved), and for the separable "
                        "q* of (19) every reading gives the same p* (proved)"),
    Erratum("T13", "Sec. 5, Assumption (i)", "martingale printed unconditionally (a number equated with a "
            "variable); must be E[theta_{t+1} | theta^t] = theta_t",
            claims=(f"{_R}:assumption_as_printed_unconditional", f"{_R}:assumption_martingale_conditional")),
    Erratum("T14", "Lemma 5.2, proof", "'the third inequality uses the definition of F*' refers to a relation "
            "printed as an equality; F** means F*,T",
            claims=(f"{_A}:T14_printed_step_equality", f"{_A}:T14_corrected_step"),
            disposition="the catalog is right about the printed line, but the printed second line also drops "
                        "-int_0^kt Q (and the weight f*); restored, the step is a genuine inequality "
                        "atom Q(1) - int_0^kt Q <= atom Q(1), so 'inequality' is correct for the corrected chain; "
                        "'F**' is notation, not checkable"),
    Erratum("T15", "Sec. 2 and Sec. 3", "(q_t, p_t): [0,1]^{MT} -> [0,1] x R should be [0,1]^M x R; Sec. 3 says "
            "'divisible' good where Sec. 2 says 'indivisible'",
            claims=("carrasco_audit:T15_vector_codomain", f"{_A}:T15_scalar_codomain_as_printed",),
            disposition="'divisible' vs 'indivisible' is wording: q is a probability of sale in both readings and "
                        "every result is unchanged"),
    Erratum("T16", "Prop. 4.3", "theta* printed '--M kt_M / ln kt_M' (OCR double minus); correct -M kt_M/ln kt_M > 0; "
            "k-bar there is the average mean, not the Sec. 3.3 cutoff",
            claims=(f"{_R}:T16_theta_star_as_printed", f"{_R}:T16_theta_star_corrected", "m_goods:prop43_value")),
    Erratum("T17", "Lemma 3.1 proof, Sec. 3.1, Sec. 5, Lemma 5.1", "smaller slips: 'mail result', 'positive "
            "positive shadow profit', 'unless k = q = lambda* = 0', 'i.e.,f'",
            disposition="wording slips, all four confirmed in the paper text (Sec. 5 'our mail result', Sec. 3.1 "
                        "'positive positive shadow profit', Lemma 3.1's proof 'unless k = q = lambda* = 0', Lemma 5.1 "
                        "'i.e.,f'); none has mathematical content except the Lemma 3.1 exception, which cannot "
                        "occur because the paper assumes k in (0, 1)"),
    Erratum("G1", "Prop. 3.1", "stated as necessary for a robust mechanism, but the proof only shows that any "
            "feasible Pi has a piecewise-linear feasible minorant with the same guarantee",
            claims=(f"{_A}:G1_minorant_is_not_the_profit", f"{_A}:G1_such_mechanism_not_robust",
                    f"{_R}:prop31_necessity_key_equality", f"{_A}:uniq_mechanism_other_worse")),
    Erratum("G2", "Lemma 3.2", "stated for all theta in [0, 1], valid only on [theta*, 1] (the catalog's counterexample R12); only "
            "theta = 1 is used later",
            claims=(f"{_R}:lemma32_as_stated_all_theta", f"{_R}:lemma32_R12_above_theta_star")),
    Erratum("G3", "Lemma 3.1 / Sec. 3.1", "existence of multipliers asserted via Luenberger (no Slater check); the "
            "Heaviside argument places mass right of theta, missing a violation at a jump of a left-continuous Pi",
            claims=("carrasco_remaining:G3_point_mass_detects_violation", f"{_R}:G3_heaviside_detects_violation", f"{_A}:G3_slater_point"),
            disposition="the Heaviside step is flagged (refuted for a jump); the multiplier theorem itself is cited "
                        "(Luenberger 1969), but its Slater hypothesis, which the paper does not check, holds: "
                        "((1 + k)/2) delta_1 is strictly feasible for (3) (checked)"),
    Erratum("G4", "Prop. 3.4 (part 1), Lemma 3.4", "'any IC mechanism with q(1) = 1 is a best reply to F*' needs "
            "q = 0 a.e. on [0, kt]",
            claims=("one_moment:best_reply_needs_zero_below", "general_moment:lemma34_best_reply_corrected", "one_moment:any_q1_is_best_reply", "general_moment:lemma34_any_q1_best_reply")),
    Erratum("G5", "Prop. 4.3", "'all constraints bind' needs min_i k_i >= kt(k-bar); otherwise (17) drops goods "
            "and exceeds M kt(k-bar)",
            claims=("m_goods:prop43_as_stated_asymmetric", "m_goods:corrected_17_value")),
    Erratum("G6", "Sec. 5, Assumption", "E theta_1 = k is not among the Assumption's properties, yet Lemma 5.1 "
            "uses it",
            claims=("carrasco_remaining:assumption_with_mean_guarantee", f"{_R}:assumption_without_mean_guarantee",)),
    Erratum("G7", "fn. 12", "theta_t = v + eps_t is not a martingale in theta_t; it only has E theta_t = k",
            claims=("carrasco_remaining:fn12_learning_model_mean_stationary", f"{_R}:fn12_learning_model_martingale",)),
    Erratum("G8", "Prop. 4.2, proof", "the product law bounds only separable mechanisms; against it general "
            "mechanisms earn more (the catalog's grid R8)",
            claims=("m_goods_asymmetric:c2_product_is_worst_case",
                    "m_goods_asymmetric:c2_product_separate_sales_best_response")),
    Erratum("G9", "Sec. 4", "'IC iff grad U = q a.e. and U convex' also needs q in dU everywhere",
            claims=("carrasco_remaining:G9_subgradient_gives_ic", f"{_R}:G9_ic_needs_subgradient",)),
    Erratum("G10", "Lemma 5.1", "optimal reports below kt are a whole interval; all give the truthful (q, p)",
            claims=("many_periods:eq21_exclusion_region",),
            disposition="not an error of the paper (Lemma 5.1's proof handles the tie set); the tie set is checked"),
    Erratum("G11", "References", "the reference list is absent from the OCR text",
            disposition="not an error of the paper: the OCR text lacks the reference pages (its table of contents "
                        "lists 'References 37'); the citations (Luenberger 1969, Bergemann and Schlag 2008, Carroll "
                        "2013, ...) cannot be checked against the text; no checked claim depends on them except "
                        "Lemma 3.1's existence of multipliers, which is recorded as cited"),
)

PAPER = Paper(
    key="carrasco",
    citation=("Carrasco, Luz, Kos, Messner, Monteiro and Moreira, 'Optimal selling mechanisms under moment "
              "conditions', Journal of Economic Theory (2018)"),
    aliases=("Carrasco et al.",),
    items=ITEMS,
    errata=ERRATA,
)
