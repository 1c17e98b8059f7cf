"""Haghpanah and Hartline (2020): numbered results and errata, for coverage tables
(``symmech coverage haghpanah_hartline``).

Items follow the paper's order (Secs. 2-7, then Appendix A.1-A.6).  Equation numbers restart in the
appendix ((1)-(3) in the main text, (4)-(22) in the appendix); Lemma 7's properties (I)-(IV) are cited in
the proof of Prop. 1 as "property (1)...(4)".  Figures 1-9 survive the OCR only as captions; their
content is checked through the instances they describe.  Unnumbered displays are located by their
section ("Sec 2": the model; "Sec 3": two types; "Sec 4.1": the ironed-virtual-value display and the
regular-case argument; "Sec 4.2": the selection rule of the four-type example; "Sec 5": multi-unit
demand and costs; "Sec 6": top-up margins and the parametric example; "Sec 7": robustness).
Footnote 8 (who is more price-sensitive) is interpretation and states nothing checkable, so it is not
an item.  The appendix sections are proofs of items and may be cited next to them (``extra_labels``).

Errata are the catalog's G1-G16 (its section 4), re-read against the paper, then X1-X3: errors the
checks found that the catalog does not list (X1 and X2 are also wrong in the catalog's section 2).
"""
from __future__ import annotations

from symmech.reports.papers.model import Erratum, Item, Paper

_M, _P, _D, _E = "hh_model", "hh_paths", "hh_decomposition", "hh_extensions"

_ITEMS = (
    # --- Sec. 2: model and main result -------------------------------------------------------------------------
    Item("Sec 2", "Model: n products, bundles B, compact types T, v(b,t) >= 0 with b* maximal; direct mechanisms "
                  "(a, p), IC and IR, revenue E p(t); pure bundling at p (buy iff v(b*,t) >= p) is IC and IR; "
                  "relative values r(b,t) = v(b,t)/v(b*,t)",
         "optimality among all mechanisms is decided on finite instances by the exact mechanism LP (spec K4)"),
    Item("Def 1", "Upper set: x' <= x and x' in U imply x in U"),
    Item("Fig 1", "Two upper sets and one set that is not an upper set in R^{s,s'} (caption only)"),
    Item("Def 2", "x in R^S is stochastically non-decreasing in y if Pr[x in U | y] is non-decreasing for every "
                  "upper set U",
         "on finite supports decided by monotone couplings (Strassen); for densities through conditional "
                  "survival functions or TP2"),
    Item("Thm 1", "Pure bundling is optimal if r(., t) is stochastically non-decreasing in v(b*, t) > 0; the proof "
                  "prices at a maximizer of p(1 - F(p)) (Sec. 4.2)",
         "the general statement rests on Lemma 4 (Strassen; Kamae et al.), which is cited; checked on finite "
         "instances (exact LPs) and on densities (additive i.i.d. goods)"),
    # --- Sec. 3: two types --------------------------------------------------------------------------------------
    Item("Sec 3", "Two types t_L, t_H with v(b*) = 1, 2: PB optimal if r(b, t_L) <= r(b, t_H); the mixed menu (b at "
                  "v(b,t_L), b* at 2 - (v(b,t_H) - v(b,t_L))) earns v(b,t_L) + q_H(2 - v(b,t_H)), which beats 1 at "
                  "q_H = 1/2 iff r(b,t_L) > r(b,t_H)"),
    Item("Fig 2", "r(b,t) is the slope of the ray to t; the low type may prefer b to b' while the high type "
                  "prefers b'"),
    # --- Sec. 4.1: paths ----------------------------------------------------------------------------------------
    Item("fn 1", "Relabelling: T-hat = {v(b*,t)}, v-hat(., t-hat) = v(., v^{-1}(b*, t-hat)), so v-hat(b*, t-hat) = "
                 "t-hat (values distinct)"),
    Item("Prop 1", "On a path (v(b*,t) = t), PB is optimal for all mu iff v(., t)/t is non-decreasing; 'only if' by "
                   "the two-type witness mu(t) = 1 - t/t'",
         "the extension from finite to general T (Lemma 8 and compactness) is cited; checked by the printed "
         "partition on piecewise-linear paths"),
    Item("Fig 3", "A ratio-monotone path (caption only)"),
    Item("eq (1)", "Virtual value phi(b,t) = v(b,t) - d_2 v(b,t)(1 - F(t))/f(t)"),
    Item("fn 2", "phi(b,t) = v(b,t) - (1 - F_b(v(b,t)))/f_b(v(b,t)) 'for any bundle b' (Myerson's projected "
                 "virtual value)"),
    Item("Lemma 1", "For IC (a, p): E p(t) = E phi(a(t), t) - (v(a(t_), t_) - p(t_))",
         "the envelope theorem (Milgrom and Segal 2002) is cited; checked on menus with lotteries"),
    Item("Lemma 2", "If v(., t)/t is non-decreasing, phi(a, t) <= max(0, phi(b*, t))"),
    Item("eq (2)", "Revenue <= E phi(a(t), t) <= E max(0, phi(b*, t)); attained by PB at the threshold t* when "
                   "phi(b*, .) is monotone"),
    Item("Fig 4", "(a) phi(b,t) <= max(0, phi(b*,t)) on a ratio-monotone path; (b) irregular F: every PB earns "
                  "strictly less than E max(0, phi(b*, t))"),
    Item("Sec 4.1", "Discrete virtual values phi-hat(., t) = v(., t) + sum lambda(t', t)(v(., t) - v(., t')) from "
                    "binding downward IC constraints: phi-hat(b,t) <= (v(b,t)/t) phi-hat(b*,t); ironing makes "
                    "phi-hat(b*, .) Myerson's ironed virtual value"),
    Item("Fig 5", "phi-hat(., t) moves v(., t) away from v(., t'): below the ray through v(., t) (caption only)"),
    # --- Sec. 4.2: decomposition --------------------------------------------------------------------------------
    Item("Lemma 3", "If (a, p) is optimal for every mu' in the support of a decomposition D of mu, it is optimal "
                    "for mu (linearity)"),
    Item("eq (3)", "r(b,t_1) <= r(b,t_2) <= r(b,t_1') <= r(b,t_2'); the prior "
                   "((1-q_H)(1-q_1), (1-q_H)q_1, q_H(1-q_2), q_H q_2) = (1-q_2)mu^1 + (q_2-q_1)mu^2 + q_1 mu^3"),
    Item("Fig 6", "The four types of the example and the order of their relative values (caption only)"),
    Item("Fig 7", "The supports of mu^1, mu^2, mu^3: ratio-monotone paths (caption only)"),
    Item("Sec 4.2", "The four-type example: Thm. 1's condition iff q_1 <= q_2; the selection rule q ~ U[0, 1] and "
                    "its properties (I)-(III); if q_1 > q_2 every decomposition into paths uses the path "
                    "{t_1', t_2}, which is not ratio-monotone; Thm. 1's proof"),
    Item("Lemma 4", "(Strassen 1965; Kamae et al. 1977) x is stochastically non-decreasing in y iff x = h^q(., y) "
                    "with q independent of y and h^q non-decreasing in y",
         "cited; checked on finite laws (monotone couplings glued along consecutive values) and, for |S| = 1, "
         "through the quantile coupling"),
    # --- Sec. 4.3: partial converse -----------------------------------------------------------------------------
    Item("Def 3", "x is stochastically decreasing in y if for all y < y' and x-bar some delta > 0 has "
                  "Pr[x >= x-bar | y] >= Pr[x >= x-bar - delta | y']"),
    Item("fn 3", "x = -y is stochastically decreasing in y (Def. 3) although Pr[x >= 0 | y] is not decreasing"),
    Item("Prop 2", "PB is not optimal if some r(b, t) is stochastically decreasing in v(b*, t) and the law is "
                   "continuous and interior",
         "'continuous' and 'interior' are hypotheses; the proof's second-order comparison is checked on a "
         "family of boundaries v-bar = c v^a, and the conclusion on finite analogues (exact LPs)"),
    # --- Sec. 5: extensions -------------------------------------------------------------------------------------
    Item("Sec 5", "Multi-unit demand by copies of products; costs by v~ = v - c(b), p~ = p - E c(a); profit = "
                  "E p~; the add-on application"),
    Item("fn 4", "v~(a(t'), t) - p~(t') = v(a(t'), t) - p(t'): IC and IR are preserved by the cost transform"),
    Item("Prop 3", "With costs and b* the efficient non-empty bundle, PB is optimal if r~(., t) is stochastically "
                   "non-decreasing in v~(b*, t) > 0"),
    Item("fn 5", "A bundle without the main product may be given cost c without affecting optimal mechanisms"),
    Item("Cor 1", "Every non-empty bundle costs c >= 0: PB is optimal if r(., t) is stochastically non-decreasing "
                  "in v(b*, t) (via r~ = (r(v-hat + c) - c)/v-hat)"),
    Item("Cor 2", "Qualities: selling only the top quality is optimal if r~(m, t) = v~(m,t)/v~(n,t) is "
                  "stochastically non-decreasing in v~(n, t) > 0"),
    Item("fn 6", "Log-submodular v~ makes v~(n,t)/v~(m,t) non-increasing (a ratio-monotone path)"),
    # --- Sec. 6: interpretations --------------------------------------------------------------------------------
    Item("Sec 6", "Top-up margins 1/r(b) - 1; the parametric example v = (w, alpha w, (1+alpha)w + delta): r({1}) "
                  "rises with w iff delta >= 0, PB optimal for delta >= 0 and not for delta < 0; delta = tau w "
                  "keeps r constant; a variable delta(t) independent of w with delta >= 0 is claimed sufficient"),
    Item("fn 7", "Equal relative values, v(b*,t) < v(b*,t'): the two IC constraints sum to (v(b*,t) - v(b*,t'))"
                 "(r(b,t) - r(b',t)) >= 0, so r(b,t) <= r(b',t) and p <= p'"),
    Item("fn 9", "delta/w non-increasing in w and w non-decreasing in v(b*) give, 'by transitivity', delta/w "
                 "non-increasing in v(b*)"),
    # --- Sec. 7: conclusions ------------------------------------------------------------------------------------
    Item("Sec 7", "The condition is not knife-edge: a strictly increasing relative-value law keeps PB optimal "
                  "under small perturbations; constant relative values are at the boundary"),
    # --- Appendix A.1-A.2 ---------------------------------------------------------------------------------------
    Item("eq (4)", "Envelope: u'(t) = d_2 v(a(t), t), u an integral of its derivative"),
    Item("eq (5)", "v(b,t)/t <= d_2 v(b,t) on a ratio-monotone path"),
    Item("eq (6)", "phi(b,t) <= (v(b,t)/t) phi(b*,t)"),
    # --- Appendix A.3: proof of Prop. 1 -------------------------------------------------------------------------
    Item("eq (7)", "The flow constraint f(t_i) - sum_j lambda(i,j) + sum_j lambda(j,i) = 0 (feasible lambda)"),
    Item("eq (8)", "Under (7) the Lagrangian is sum_i (v(a_i,t_i) f_i - sum_j lambda(j,i)(v(a_i,t_j) - v(a_i,t_i)))"),
    Item("eq (9)", "Induced virtual value phi(b,t_i) = v(b,t_i) - (1/f_i) sum_j lambda(j,i)(v(b,t_j) - v(b,t_i))"),
    Item("eq (10)", "The Lagrangian is the expected virtual surplus sum_i phi(a(t_i), t_i) f(t_i)"),
    Item("Lemma 5", "(Carroll 2017; Cai et al. 2019) (a, p) is optimal iff a feasible lambda exists with a maximizing "
                    "the virtual surplus and complementary slackness (11)",
         "Lagrangian duality is cited; checked as exact LP certificates (weak duality) on finite paths"),
    Item("eq (11)", "Complementary slackness lambda(j,i)(u_j - (v(a_i,t_j) - p_i)) = 0"),
    Item("Lemma 6", "Downward lambda and a ratio-monotone path: (v(b,t_i)/t_i) phi(b*,t_i) >= phi(b,t_i)"),
    Item("Lemma 7", "Ironing by flows: a feasible, downward lambda-bar with phi-bar(b*, .) non-decreasing and "
                    "constant where flows skip types ((I)-(IV)); phi-bar(b*, t_i) = (R-bar(G_i) - R-bar(G_i+1))/f_i"),
    Item("eq (12)", "R^kappa(G_i) = sum_{j >= i} phi^kappa(b*, t_j) f(t_j)"),
    Item("eq (13)", "lambda^kappa(j, kappa) = gamma lambda^{kappa+1}(j, kappa) for j > kappa"),
    Item("eq (14)", "lambda^kappa(j, kappa-1) = lambda^{kappa+1}(j, kappa-1) + (1 - gamma) lambda^{kappa+1}(j, kappa)"),
    Item("eq (15)", "lambda^kappa(kappa, kappa-1) = lambda^{kappa+1}(kappa, kappa-1) - (1 - gamma) sum_{j > kappa} "
                    "lambda^{kappa+1}(j, kappa)"),
    Item("Fig 8", "The re-routing of lambda^kappa: flow from j > kappa through kappa goes directly to kappa - 1 "
                  "(caption only)"),
    Item("Lemma 8", "(Madarasz and Prat 2017; Carroll 2017, Lemma 4.3) for every eps some delta: every mechanism has "
                    "an (a', p') with E_mu' p' >= E_mu p - eps for delta-close mu, mu'",
         "the lemma is cited; checked for one construction (prices discounted by sqrt(delta)) on finite "
         "delta-close priors"),
    Item("eq (16)", "Prop. 1 witness: the high type's utility t' - (t' - v(b,t)(t'/t - 1) + eps) = "
                    "v(b,t)(t'/t - 1) - eps"),
    # --- Appendix A.4: proof of Prop. 2 -------------------------------------------------------------------------
    Item("eq (17)", "mu_+(eps) = int_{p-eps}^p int_{v-bar(b,p-eps)}^{v-bar(b,v)} f_{b*,b}(v, z) dz dv"),
    Item("eq (18)", "mu_+'(eps) and mu_+''(eps) by Leibniz's rule; mu_+(0) = mu_+'(0) = 0"),
    Item("eq (19)", "grad_+''(0) = v-bar d_2 v-bar f(p, v-bar) (and grad_-''(0) = (p - v-bar) delta'(0) d_2 v-bar "
                    "f(p, v-bar))"),
    Item("eq (20)", "mu_-'(eps), mu_-''(eps); grad_-'(0) = 0"),
    Item("eq (21)", "The gain beats the loss iff v-bar(b,p) > (p - v-bar(b,p)) delta'(0)"),
    Item("eq (22)", "With delta'(0) = d_2 v-bar/(1 - d_2 v-bar): v-bar > (p - v-bar) d_2 v-bar/(1 - d_2 v-bar), implied "
                    "by d_2 v-bar(b,p) < v-bar(b,p)/p"),
    Item("Fig 9", "Gain region T_+(eps) and loss region T_-(eps) of the discounted offer (caption only)"),
)

_ERRATA = (
    Erratum("G1", "Sec. 4.2 (proof of Thm. 1); Sec. 4.3 ('interior')",
            "p(1 - F(p)) is not the PB revenue when F has atoms (ties buy): the revenue is p Pr[v(b*) >= p]",
            claims=(f"{_M}:pb_revenue_printed_p_one_minus_F", f"{_M}:pb_revenue_ties_buy")),
    Erratum("G2", "App. A.3.2, eq. (7)",
            "(7) summed over i reads 1 = 0: IR multipliers are missing (the paper's own lambda(i, i-1) = G_i "
            "violates it at i = 0)",
            claims=(f"{_P}:eq7_as_printed", f"{_P}:eq7_corrected_flow", f"{_P}:eq8_eq10_lagrangian")),
    Erratum("G3", "App. A.3.2",
            "the optimal mechanism 'minimizes' the Lagrangian and the Lagrangian 'approaches -oo'; it maximizes "
            "(lambda minimizes), and the unbounded direction is +oo",
            claims=(f"{_P}:lagrangian_minimized_as_printed", f"{_P}:lagrangian_maximized_by_optimum")),
    Erratum("G4", "fn. 2",
            "'for any bundle b': the projected virtual value equals eq. (1) only for strictly increasing v(b, .)",
            claims=(f"{_P}:fn2_for_any_bundle_as_printed", f"{_P}:fn2_strictly_increasing"),
            disposition="for a constant v(b, .) F_b is a point mass without a density (the catalog's example); the "
                        "claim uses a non-monotone v(b, .) with a density, where the two formulas differ"),
    Erratum("G5", "Lemma 7 (proof)",
            "'From kappa = n to kappa = 0' and lambda^n use n (the number of products) for I (the top type)",
            claims=(f"{_P}:lemma7_recursion_from_n_as_printed", f"{_P}:lemma7_recursion_eqs12_15")),
    Erratum("G6", "Lemma 7 (proof, the gamma = 0 step)",
            "'R^kappa(G_kappa) >= phi-bar(b*, kappa) + R-bar(G_kappa+1) = R-bar(G_kappa+1)': the factor f(t_kappa) "
            "is missing and the right side is R-bar(G_kappa)",
            claims=(f"{_P}:lemma7_gamma0_step_as_printed", f"{_P}:lemma7_gamma0_step_corrected")),
    Erratum("G7", "Lemma 7 (proof)",
            "R-bar 'defined over {G_i}_{i in I}' leaves R-bar(G_I+1) = R-bar(0) undefined, so phi-bar(b*, t_I) "
            "is not determined; the point (0, 0) must be in the hull",
            claims=(f"{_P}:lemma7_top_slope_hull_without_origin", f"{_P}:lemma7_top_slope_with_origin")),
    Erratum("G8", "Prop. 1 (proof, App. A.3.5)",
            "'phi-bar(b*, t) < 0 if t <= t*' and a price t* sell to a type with negative phi-bar; the threshold "
            "must be t < t*",
            claims=(f"{_P}:prop1_threshold_as_printed", f"{_P}:prop1_threshold_corrected")),
    Erratum("G9", "Prop. 1 (proof, App. A.3.5, approximation)",
            "t'_i+1 = sup{t : v(b,t) <= v(b,t'_i) + delta for all b} stalls at a jump of v(b, .); finiteness needs "
            "a uniform step; 'OPT_PB(mu') <= OPT_PB + eps' holds without eps; the mechanism '(b, p)' reuses b",
            claims=(f"{_P}:prop1_partition_jump_as_printed", f"{_P}:prop1_partition_continuous_path",
                    f"{_P}:prop1_approximation_pb_without_eps"),
            disposition="the conclusion survives (for continuous v the rule advances by delta/L; a jump can be made a "
                        "cell boundary); the name clash '(b, p)' is notation, not a claim"),
    Erratum("G10", "Sec. 6 (parametric example, delta < 0)",
            "b* maximal needs (1 + alpha)w + delta >= max(1, alpha)w, which fails for small w when delta < 0; on a "
            "path the law has no density, so Prop. 2 ('continuous') does not apply literally",
            claims=(f"{_E}:parametric_grand_maximal_delta_negative", f"{_E}:parametric_grand_maximal_w_ge_half",
                    f"{_E}:R5_delta_negative_pb_optimal", f"{_E}:R5_delta_negative_values"),
            disposition="on the discrete path of spec R5 (w in [1, 2]) the model holds and PB is not optimal, by "
                        "the exact LP (Prop. 1's logic, not Prop. 2's)"),
    Erratum("G11", "Prop. 2 (proof, App. A.4)",
            "the proof needs (i) f(p, v-bar(b,p)) > 0, (ii) d_2 v-bar(b,p) > 0, (iii) d_2 v-bar < v-bar/p, which "
            "'strictly decreasing' does not give; (iv) typo r-bar(b,v) < r-bar(b,v); (v) grad_+'' omits the "
            "cross term; (vi) 't - p + ...' for 'v - p + ...'; (vii) delta overloaded; (viii) 'interior' unused",
            claims=(f"{_E}:prop2_eq19_vanishing_density_as_printed", f"{_E}:prop2_mu_plus_decreasing_vbar_as_printed",
                    f"{_E}:prop2_mu_plus_sign", f"{_E}:prop2_strict_decrease_gives_eq22_as_printed", f"{_E}:prop2_eq22",
                    f"{_E}:prop2_second_derivative_formula_as_printed",
                    f"{_E}:prop2_second_derivative_formula_at_zero"),
            disposition="(iv), (vi) and (vii) are typos and notation (the loss integrals are encoded with v - p + "
                        "v-bar); (viii) 'interior' makes the PB price p > v_ so that T_+(eps) exists: a hypothesis, "
                        "not a computation; (v) is harmless at eps = 0"),
    Erratum("G12", "Def. 2 and Thm. 1",
            "'for every v-hat' depends on the version of the conditional law when mu has a density; read a.e.",
            claims=(f"{_D}:thm1_every_vhat_as_printed", f"{_D}:thm1_condition_ae")),
    Erratum("G13", "Prop. 1 ('only if')",
            "the witness needs t, t' in T with a strict violation; the catalog asks whether a violation 'only as a "
            "limit' escapes it",
            claims=(f"{_P}:prop1_only_if_tiny_violation", f"{_P}:prop1_eps_max_slack", f"{_P}:R2_witness_1_3"),
            disposition="not an error: 'not monotone non-decreasing' gives t < t' in T with v(b,t)/t > v(b,t')/t', and "
                        "every strict violation, however small, gives eps_max > 0 and a witness beating PB"),
    Erratum("G14", "App. A.3.3 (before Lemma 6)",
            "Lemma 6 is called 'similar to Lemma 1'; it is the discrete analogue of Lemma 2's (6)",
            claims=(f"{_P}:lemma6_discretizes_lemma2", f"{_P}:lemma6_ratio_monotone_path"),
            disposition="a wrong cross-reference, no mathematical error: the discrete gap of Lemma 6 converges to the "
                        "gap of (6)"),
    Erratum("G15", "Lemma 7 (IV)",
            "'phi-bar(b*, t_j) = phi-bar(b*, t_j'') for all j', j''' should read phi-bar(b*, t_j') = "
            "phi-bar(b*, t_j'')",
            claims=(f"{_P}:lemma7_IV_as_printed", f"{_P}:lemma7_IV_corrected")),
    Erratum("G16", "Prop. 1 (proof, App. A.3.5)",
            "'property (1)...(4) of Lemma 7' are (I)-(IV); 'phi-bar(t_j-1) >= phi-bar(t*)' drops b*",
            claims=(f"{_P}:prop1_proof_complementary_slackness",),
            disposition="labelling slips, no mathematical error: the step they support (Lemma 5's conditions for PB "
                        "at t* with lambda-bar) holds"),
    Erratum("X1", "Sec. 6 (variable added value) and fn. 9",
            "not in the catalog (which repeats it in its section 2): 'a sufficient condition is that the base value "
            "and the added value are independently distributed and delta(t) >= 0' is false; fn. 9's step 'w is "
            "stochastically non-decreasing in v(b*)' fails (w = 2 at v(b*) = 4, w = 1 at v(b*) = 5), and "
            "conditional stochastic monotonicity is not transitive",
            claims=(f"{_E}:sec6_independent_added_value_as_printed", f"{_E}:sec6_independent_added_value_counterexample",
                    f"{_E}:fn9_w_nondecreasing_in_grand_value_as_printed", f"{_E}:fn9_delta_over_w_nonincreasing_in_w"),
            disposition="w in {1, 2}, delta in {0, 3}, independent and uniform, alpha = 1: LP* = 13/4 > PB = 3; the "
                        "first sentence (delta/w stochastically non-increasing in v(b*)) is Thm. 1 and stays true"),
    Erratum("X2", "Sec. 4.1 (before Fig. 4(b))",
            "not in the catalog (whose check repeats it): 'if phi(b*, t) is not monotone ... E max(0, phi(b*, t)) is "
            "strictly higher than the revenue of any pure bundling mechanism' needs phi(b*, .) to turn negative "
            "above a point where it is positive; a positive non-monotone phi gives equality",
            claims=(f"{_P}:fig4b_nonmonotone_gap_as_printed", f"{_P}:fig4b_irregular_gap"),
            disposition="the catalog's suggested instance (U[1,1.2] + U[3,3.2]) has a gap in its support, where "
                        "eq. (1) and Lemma 1 do not apply; fig4b_irregular_gap uses a density positive on [1, 3]"),
    Erratum("X3", "Prop. 1 proof; A.4; Sec. 5 (the catalog's OCR notes)",
            "'v' > v' for t' > t; 'v-bar''_a(p - eps)' for d_22 v-bar(b, p - eps); 'a stronger assumption of "
            "Corollary 2)' for 'stronger than the assumption of Corollary 2'",
            disposition="typos in the text (the catalog lists them among its OCR conventions); the statements they "
                        "sit in are checked as corrected (prop1_eps_max_slack, prop2_eq19_loss, cor2_fn6_log_submodular)"),
)

# Proof sections cited next to the item they prove.
_PROOFS = ("Sec 4.3", "App A.1", "App A.2", "App A.3", "App A.3.1", "App A.3.2", "App A.3.3", "App A.3.4",
           "App A.3.5", "App A.4", "App A.5", "App A.6")

PAPER = Paper(
    key="haghpanah_hartline",
    citation="Haghpanah and Hartline, 'When Is Pure Bundling Optimal?', working paper (August 28, 2020); "
             "published in the Review of Economic Studies (2021)",
    aliases=("Haghpanah and Hartline",),
    items=_ITEMS,
    errata=_ERRATA,
    extra_labels=_PROOFS,
)
