"""Che and Zhong (2023): numbered results and errata, for coverage tables (``symmech coverage che_zhong``).

Items follow the paper's order (main text, Appendix A, Online Appendix B). Unnumbered displays are
located by their section ("Sec 3": the virtual values, the choice of (m, s), M* and the Lagrangian;
"Sec 4": the three-good example; "Sec 5": the applications of Assumption 1). The appendix sections
("App A.1" ...) are proofs of items, so claims may cite them next to the item (``extra_labels``).

Errata are the catalog's T1-T8 and G1-G9 (the catalog's section 4; its section 2 also uses the label
"G9" for a remark on Lemma B.2 that it itself calls "OK"), then X1-X3: errors the checks found that the
catalog does not list.
"""
from __future__ import annotations

from symmech.reports.papers.model import Erratum, Item, Paper

_SION = "Sion's minimax theorem"
_ITEMS = (
    # --- Sec. 2: the model -----------------------------------------------------------------------------
    Item("Sec 2", "Model: additive buyer, convex moment functions phi_K with phi_K'' >= eps > 0, K-bundled "
                  "mechanisms (q_K, t_K) of the group totals",
         "that every 1-D IC mechanism is a random posted price (fn. 15) is cited"),
    Item("eq (1)", "The ambiguity set F = {F : (mu_i(F), sigma_K(F)) in Omega}, Omega convex and compact"),
    Item("fn 13", "IC of a K-bundled (q, t) implies IC of each (q_K, t_K); IR after shifting t_K by constants"),
    Item("eq (2)", "Saddle point: R(M, F*) <= R(M*, F*) <= R(M*, F) for all M, F"),
    Item("eq (3)", "At a saddle point R(M*, F*) = max min = min max = R*"),
    Item("Lemma 1", "Osborne-Rubinstein: a saddle point's strategies solve the max-min and min-max problems (4); "
                    "conversely when a saddle point exists",
         "the lemma is textbook (Osborne and Rubinstein, Prop. 22.2); checked on a finite game"),
    Item("eq (4)", "M* in argmax_M min_F R, F* in argmin_F max_M R"),
    Item("eq (5)", "Mean condition alpha_K (1 + log(beta_K/alpha_K)) = m_K"),
    Item("eq (6)", "Dispersion condition int_1^{beta/alpha} phi(alpha x)/x^2 dx + alpha phi(beta)/beta = s_K"),
    Item("Lemma 2", "For (m_K, s_K) >> (0, phi_K(m_K)) a unique (alpha_K, beta_K) solves (5)-(6); alpha continuous",
         "continuity of (m, s) -> alpha is checked through its derivatives (22), not as a topological statement"),
    Item("Fig 1", "Support of F^(m,s) for K = {{1},{2,3}}; note m_1 = 0.6, m_2 = m_3 = 0.25, s_1 = 0.46, "
                  "s_23 = 0.1625"),
    Item("Sec 3", "Unnumbered displays: virtual values V_i - V_i'(1-H)/h = alpha_K gamma_i J_K, the choice "
                  "(m, s) = argmin_Omega sum alpha_K, the price density g_K and payment t_K of M*, the Lagrangian "
                  "t* + sum lambda_K phi_K linear on supp F*",
         "existence of the argmin (continuity and compactness of Omega) is cited"),
    Item("Thm 1", "(M*, F*) is a saddle point (2) with value sum_K alpha_K"),
    Item("Cor 1", "Finest partition: separate sales robustly optimal; coarsest: pure bundling"),
    Item("Fig 2", "Revenue from good 1 (note: s_1 = s_23 = 0.1)"),
    Item("Fig 3", "Revenue from the bundle {2,3} (same note)"),
    Item("Cor 2", "If F* in F~ subset F then (M*, F*) is a saddle point for F~ (e.g. a correlation floor)"),
    Item("eq (7)", "Multiple moments: F~ = {mu_i = m_i, sigma_K^a <= s_K^a for all a}, s_K^a in [delta, s-bar]"),
    Item("Prop 1", "Under (7) a K-bundled saddle point exists; alpha_K* = sup_a alpha_K^a (most binding moment)",
         "the limit argument for infinite A (equicontinuity, Fatou) is cited"),
    Item("Thm 2", "Necessity: (1) ell_K != ell_K' => no mechanism bundling K u K' is robustly optimal; "
                  "(2) separating disjoint J, J' within a cell K is never robustly optimal"),
    Item("Sec 4", "Example: the grand bundle at p in [alpha_1 + alpha_23, beta_23(1 + alpha_1/alpha_23)] and "
                  "separate prices (alpha_1, alpha_23/2, alpha_23/2) each earn R* against F*"),
    Item("Fig 4", "Profit of pure bundling under F* (flat at R* on [R*, R* min ell_K]) and under F~"),
    Item("Fig 5", "The support of F~ (Thm 2 part 1: the gap H_eps at ell)"),
    Item("Fig 6", "The support of F~ (Thm 2 part 2: mass eps split perfectly negatively between J and J')"),
    Item("eq (8)", "G: joint laws whose K-block marginals are the given G_K"),
    Item("eq (9)", "F: laws dominated in the convex order by some G in G (laws of posterior means)"),
    Item("Assumption 1", "E[v^K | v-bar^K] = v-bar^K, v-bar^K = m^K sum_K v / m_K (co-monotone component)"),
    Item("Thm 3", "Under (9) and Assumption 1, K-bundled sales are informationally robust",
         "Strassen's theorem (existence of the dilation) is cited"),
    Item("Sec 5", "Applications of Assumption 1: exchangeable G_K, the CAPM example"),
    Item("Def 1", "K-Knightian ambiguity: F = Upsilon_K^{-1}(Upsilon_K(F))"),
    Item("Thm 4", "F cap F-hat regular and F K-Knightian => sup over all mechanisms = sup over K-bundled ones",
         f"{_SION} (through Lemma B.1) and Carroll (2017, Thm. 1) (through Lemma A.1) are cited; checked "
         "on finite grids by exact LPs"),
    Item("Cor 3", "(1) finest partition + regular => separate sales; (2) coarsest + regular => pure bundling"),
    Item("fn 23", "The moment set of Sec. 3 'clearly' is K-Knightian, and regular (App. B.5)"),
    # --- Appendix A ------------------------------------------------------------------------------------
    Item("eq (10)", "R(M*, F*) = sum_K lambda_K {phi'(beta)(m - alpha) + phi(alpha) - s} = sum_K alpha_K"),
    Item("eq (11)", "Seller bound on the curve: R(M, F*) <= sum_i gamma_i beta_K(i) alpha/beta = sum_K alpha_K"),
    Item("eq (12)", "dB/d delta at 0 = - d sum alpha_K / d delta at 0 (nature's directional argument)"),
    Item("eq (13)", "Thm 2 part 1: mean condition of (alpha^eps, ell^eps) under H_eps"),
    Item("eq (14)", "Thm 2 part 1: dispersion condition of (alpha^eps, ell^eps) under H_eps"),
    Item("Lemma A.1", "For fixed K-marginals, K-bundled sales are robustly optimal (reduction to Carroll 2017)",
         "Carroll (2017, Thm. 1), the existence of the worst-case coupling G*, is cited"),
    Item("eq (15)", "Carroll (2017): sup over separate sales = sup over all mechanisms against G*",
         "cited from Carroll (2017); checked on finite grids"),
    Item("eq (16)", "sup_{M^k} R^k(M, G*) >= sup_M R(M, F*) (the reduction q~_K = sum alpha_j q_j(V(x)))"),
    Item("eq (17)", "sup_{M_K} R(M, F*) >= sup_{M_H^k} R^k(M, G*) (lifting separate sales to K-bundles)"),
    Item("eq (18)", "The chain (17), (15), (16)"),
    Item("eq (19)", "For M in M_K, R(M, F) depends on F only through its K-marginals"),
    Item("eq (20)", "B.1: m'_K, s'_K along F^delta and their derivatives at delta = 0"),
    Item("eq (21)", "B.1: dB/d delta = - sum lambda phi'(beta) dm' + sum lambda ds'"),
    Item("eq (22)", "d alpha_K/dm_K = lambda_K phi'(beta_K), d alpha_K/ds_K = -lambda_K"),
    # --- Online Appendix B -----------------------------------------------------------------------------
    Item("Lemma B.1", "If G is regular, inf_G sup_{M_K} R = sup_{M_K} inf_G R",
         f"{_SION}, Prokhorov compactness and the Portmanteau theorem are cited; checked on finite grids"),
    Item("eq (23)", "The minimax equality of Lemma B.1"),
    Item("eq (24)", "(23) written over payment rules (t_K) in T^|K|"),
    Item("Claim B.1", "The minimax equality over bounded continuous payment rules T_c",
         f"{_SION} is cited; its convexity hypothesis (T_c convex) is checked"),
    Item("Claim B.2", "Any IC payment rule is approximated by a continuous bounded one: t~ >= t - (1 + 2v) eps"),
    Item("eq (25)", "int sum t~_K dF >= int sum t_K dF - eps"),
    Item("eq (26)", "sup over T_c = sup over T"),
    Item("Prop B.1", "An IC/IR mechanism on a closed V extends measurably to R^n_+",
         "the Kuratowski-Ryll-Nardzewski measurable selection theorem is cited"),
    Item("eq (27)", "theta_K(alpha, z) = E_{F_alpha}(z - Z_K)^+ in closed form on the three ranges of z"),
    Item("fn 28", "For the coarsest partition (alpha_K*, z_K*) are Deb and Roesler's (pi*, s-bar*); for one good "
                  "the Roesler-Szentes price and signal",
         "the identification with Deb and Roesler (2021) and Roesler and Szentes (2017) is cited; the uniform "
         "single-good tangency is checked at the catalog's R6 values"),
    Item("Prop B.2", "The set (1) with Omega downward closed (28) is regular",
         "closedness (Portmanteau, Lemma B.2) is cited; the tightness step is checked"),
    Item("eq (28)", "Omega downward closed in s"),
    Item("Remark B.1", "(28) is without loss: nature never prefers less dispersion"),
    Item("Lemma B.2", "Uniform integrability: h/h-bar -> 0 and sup int h-bar dF_n < oo => int h dF_n -> int h dF",
         "the lemma itself is cited; its growth hypothesis for h = v_i, h-bar = phi_K is checked"),
    Item("fn 29", "The B.6 set {F in Delta(D) : E v_i = m_i} is K-Knightian (and regular)"),
    Item("eq (29)", "B.6 mean condition alpha_K (1 + log(v-bar_K/alpha_K)) = m_K"),
    Item("Thm B.1", "Domain restriction D: (M*, F*) with V_i = min(alpha_K x, v-bar_K) m_i/m_K is a saddle point, "
                    "value sum_K alpha_K"),
    Item("eq (30)", "R(M*, F*) = sum_K (m_K - alpha_K)/log(v-bar_K/alpha_K) = sum_K alpha_K"),
    Item("eq (31)", "B.6 seller bound on the curve (virtual values; same gamma_i as (11))"),
    Item("eq (32)", "t*(v) >= sum_K (z_K - alpha_K)/log(v-bar_K/alpha_K) on D, equality on supp F*"),
    Item("Remark B.2", "The B.6 worst case equals the Thm 1 worst case for a suitable phi"),
    Item("Remark B.3", "Thm B.1 specializes to separate sales (finest) and pure bundling (coarsest)"),
    Item("Fig 7", "B.6 finest partition: F* (note m_1 = 0.6, m_2 = 0.5, v-bar_1 = v-bar_2 = 1)"),
    Item("Fig 8", "B.6 finest partition: revenue of M* (same note)"),
    Item("Fig 9", "B.6 coarsest partition: F*", "the figure's parameter note is missing from the text"),
    Item("Fig 10", "B.6 coarsest partition: revenue of M*", "the figure's parameter note is missing from the text"),
)

_ERRATA = (
    Erratum("T1", "Sec. 3, virtual value display",
            "J_K(x) = x - (1 - H(x))/h(x) is identically 0 under H = 1 - 1/x; intended: 0 below ell_K, ell_K above",
            claims=("che_zhong_thm1:virtual_value_J_corrected", "che_zhong_thm1:virtual_value_J_as_printed", "che_zhong_thm1:virtual_value_below_ell",
                    "che_zhong_thm1:virtual_value_above_ell")),
    Erratum("T2", "eqs. (11) and (31)",
            "gamma_i := m_i / sum_{j in N} m_j gives sum_K (m_K/m_N) alpha_K; intended gamma_i = m_i/m_K(i)",
            claims=("che_zhong_thm1:eq11_gamma_as_printed_n2", "che_zhong_thm1:eq11_gamma_as_printed_n3",
                    "che_zhong_thm1:eq11_gamma_as_printed_n4", "che_zhong_thm1:eq11_gamma_as_printed_n5",
                    "che_zhong_b6:eq31_bound_as_printed", "che_zhong_thm1:eq11_bound_finest_n2",
                    "che_zhong_b6:eq31_bound_gamma_within_cell")),
    Erratum("T3", "Fig. 1 and Figs. 2-3 notes",
            "s_23 = 0.1625 < m_23^2 = 0.25 (and s = 0.1 in Figs. 2-3) violate Jensen; intended variance 0.1",
            claims=("che_zhong_cor2:fig1_s23_repaired_feasible", "che_zhong_cor2:fig23_s_as_variance_feasible", "che_zhong_cor2:fig1_s23_as_printed_feasible", "che_zhong_cor2:fig23_s_as_printed_feasible",
                    "che_zhong_cor2:fig1_s23_uses_item_mean", "che_zhong_cor2:fig1_s1_is_variance_01"),
            disposition="Figs. 2-3's 's = 0.1' reads correctly as a variance (the catalog's reading); as a raw "
                        "second moment it is infeasible"),
    Erratum("T4", "Sec. 4, the bundle price interval",
            "upper end beta_23 (1 + alpha_1/alpha_23) presumes ell_23 < ell_1; the right end is R* min_K ell_K",
            claims=("che_zhong_thm2:example_endpoint_as_printed", "che_zhong_thm2:example_correct_endpoint_in_support")),
    Erratum("T5", "App. A.4 (proof of Thm. 2)",
            "phi_i for gamma_i and int_0 for int_1 in part 2; a stray comma in V~_i; the H_eps shift and the "
            "printed d alpha^eps/d eps",
            claims=("che_zhong_audit:T5_gamma_i_within_cell", "che_zhong_remaining:T5_cap_corrected_mean", "che_zhong_remaining:T5_stray_comma_as_printed", "che_zhong_audit:T5_phi_i_as_gamma_of_eq11",
                    "che_zhong_audit:T5_lower_limit_zero_with_formula_H", "che_zhong_audit:T5_lower_limit_zero_as_cdf",
                    "che_zhong_remaining:T5_top_term_with_gamma", "che_zhong_thm2:dalpha_deps_as_printed",
                    "che_zhong_thm2:dalpha_deps_formula", "che_zhong_thm2:dalpha_deps_negative"),
            disposition="phi_i is undefined in the paper; the only weight it defines is gamma_i of (11), m_i/m_N, "
                        "which gives the wrong bound (T5_phi_i_as_gamma_of_eq11), while m_i/m_K gives the "
                        "stated one. The lower limit 0 is harmless when H is read as the cdf (0 below 1) and "
                        "wrong only for the formula 1 - 1/x read on (0, 1). The printed derivative lacks the "
                        "factor alpha_K but has the right sign, so the proof's conclusion holds"),
    Erratum("T6", "Cor. 3, lead sentence",
            "declarative ('The seller's ambiguity set exhibits K-Knightian ambiguity') where a hypothesis is meant",
            claims=("che_zhong_remaining:T6_independent_coupling_same_marginals", "che_zhong_remaining:T6_cor3_not_every_set_knightian",)),
    Erratum("T7", "App. A.3 (proof of Prop. 1)",
            "'beta_K* < m_K < alpha_K*' is reversed; 'F in F~' should be 'F* in F~'",
            claims=("che_zhong_audit:T7_worst_case_in_F_tilde", "che_zhong_prop1:A3_alpha_below_mean_below_beta", "che_zhong_prop1:A3_beta_below_mean_as_printed", "che_zhong_lemma2:alpha_below_mean",
                    "che_zhong_lemma2:mean_below_beta", "che_zhong_audit:T7_arbitrary_F_in_F_tilde"),
            disposition="the paper also writes 'We verify that F subset F~' where Corollary 2 needs (and the "
                        "argument shows) F~ subset F: see X3"),
    Erratum("T8", "App. B.1, the map psi",
            "psi written with int_alpha^beta alpha/x dx (y = alpha x variables) while (5) is in x",
            claims=("che_zhong_remaining:T8_psi_in_y_and_x_variables", "che_zhong_audit:T8_psi_second_component"),
            disposition="not an error: both components of psi are (5)-(6) after y = alpha x; only mixing (6)'s "
                        "x-integrand with psi's y-limits would be wrong (control che_zhong_audit:"
                        "T8_psi_as_x_variables_literal, refuted)"),
    Erratum("G1", "eq. (1) and Sec. 3, choice of (m, s)",
            "Omega may contain points with s_K < phi(m_K) (no law) or = (degenerate); the argmin must be over "
            "Omega cap {s >= phi(m)} with alpha(m, phi(m)) = m",
            claims=("che_zhong_remaining:G1_every_omega_point_feasible", "che_zhong_remaining:G1_degenerate_limit")),
    Erratum("G2", "Thm. 1 proof, nature side, eq. (12)",
            "the directional argument is a first-order condition; is it global when sum alpha is not convex?",
            claims=("che_zhong_audit:eq12_directional_derivative", "che_zhong_remaining:argmin_dalpha_dm",
                    "che_zhong_remaining:argmin_dalpha_ds"),
            disposition="not an error: the contradiction uses only that (m, s) minimizes sum alpha globally over "
                        "convex Omega and that F^delta is feasible; a first-order decrease along a feasible "
                        "direction contradicts global minimality whether or not sum alpha is convex"),
    Erratum("G3", "App. A.3 (proof of Prop. 1)",
            "'sigma^a <= phi-bar Var -> 0 < delta' is false (sigma -> phi(m) > 0); a uniform Jensen margin "
            "inf_a (s^a - phi^a(m)) > 0 is needed and not implied by s^a in [delta, s-bar]",
            claims=("che_zhong_prop1:A3_sigma_taylor_bound", "che_zhong_prop1:A3_sigma_limit_is_phi_m", "che_zhong_prop1:A3_jensen_margin_gives_member", "che_zhong_prop1:A3_sigma_below_phibar_var", "che_zhong_prop1:A3_sigma_vanishes_at_alpha_eq_m",
                    "che_zhong_prop1:A3_hypotheses_give_jensen_margin")),
    Erratum("G4", "Prop. 1 proof (general A)",
            "the limit phi is linear beyond beta*, so phi'' >= eps fails and Thm. 1 is applied outside its "
            "hypotheses",
            claims=("che_zhong_remaining:G4_certificate_with_linear_extension", "che_zhong_remaining:G4_limit_phi_curvature",)),
    Erratum("G5", "Sec. 2 (contrast with power moments)",
            "phi = z^k, k != 2, violates phi'' >= eps on R_+; the construction still works for k = 3",
            claims=("che_zhong_remaining:G5_power_moment_curvature", "che_zhong_remaining:phi_cube.eq10_value",
                    "che_zhong_remaining:phi_cube.revenue")),
    Erratum("G6", "Thm. 3 proof sketch",
            "F* is 'a mean-preserving contraction of the co-monotone component' (the catalog: of the group total)",
            claims=("che_zhong_audit:G6_convex_on_ray", "che_zhong_remaining:assumption1_exchangeable",
                    "che_zhong_remaining:eq9_posterior_means_dominated"),
            disposition="not an error: F*'s K-block and v-bar^K both live on the ray R_+ m^K, so the convex "
                        "order between them is the convex order of the group totals (a convex function "
                        "restricted to the ray is convex), which is what the A.5 chain uses"),
    Erratum("G7", "Sec. 5, CAPM example",
            "m^K proportional to beta^K needs E r_m != 0, unstated",
            claims=("che_zhong_remaining:G7_capm_ray_with_nonzero_mean", "che_zhong_remaining:G7_capm_mean_positive",)),
    Erratum("G8", "Claim B.2",
            "the bound t~ >= t - (1 + 2v) eps is shown for v <= v*; does it hold beyond the truncation v*?",
            claims=("che_zhong_remaining:G8_truncation_beyond_vstar", "che_zhong_remaining:claimB2_posted_price_approximation"),
            disposition="holds (q rises by at most eps beyond v*): not an error, a step left implicit"),
    Erratum("G9", "App. B.4",
            "'equality must hold at some z*' also needs z* <= beta(alpha*) for R(M_alpha, F_alpha) = alpha; the "
            "mechanism's support [alpha, z*] differs from Sec. 3's [alpha, beta]",
            claims=("che_zhong_thm3:revenue_below_alpha_if_support_beyond_beta", "che_zhong_thm3:expected_min",
                    "che_zhong_thm3:revenue_equals_alpha", "che_zhong_audit:fn28_uniform_single_good"),
            disposition="a gap in wording: B.4 states z* in (0, oo), while R(M_alpha, F_alpha) = alpha needs z* <= "
                        "beta(alpha*) (refuted beyond beta); the paper's contradiction argument works inside "
                        "[alpha*, beta*], so the tangency lies there (U[0,1]: z* = 0.7153 < beta* = 0.8728)"),
    Erratum("X1", "App. A.4 (proof of Thm. 2, part 2)",
            "not in the catalog: 'charging any other price ... generates revenue of alpha_K m_J/m_K (1 - ...)' "
            "needs eps < 1/(ell + 1 - w), not only the stated 0 < eps < min_K alpha_K/beta_K",
            claims=("che_zhong_thm2:part2_other_prices_as_printed", "che_zhong_thm2:part2_separation_loses"),
            disposition="the theorem survives: the paper also says 'for eps sufficiently small', and for such eps "
                        "the separating mechanism loses (part2_separation_loses, proved)"),
    Erratum("X2", "fn. 23 and fn. 29",
            "not in the catalog: the moment set (1) with item means (and the B.6 set) is K-Knightian only for "
            "the finest partition (or with sum-of-means knowledge, fn. 10)",
            disposition="read literally (the set (1) itself) the footnotes are false for non-finest K: laws with "
                        "the same K-marginals have different item means. Thm. 4 still applies with the item means "
                        "moved into F-hat, which needs Omega to be a product of an item-mean set and a (m_K, s_K) "
                        "set; the paper does not state this",
            claims=("che_zhong_knightian:fn23_item_mean_is_function_of_K_marginals",
                    "che_zhong_knightian:fn29_B6_item_mean_is_function_of_K_marginals",
                    "che_zhong_knightian:finest_item_mean_is_function_of_marginal")),
    Erratum("X3", "App. A.3 (proof of Prop. 1)",
            "not in the catalog: 'We verify that F subset F~' (and 'we prove that F subset F~'): Corollary 2 "
            "needs F~ subset F, which is what the argument (F not in F => F not in F~) shows",
            claims=("che_zhong_audit:X3_F1_subset_F_tilde_as_printed", "che_zhong_audit:X3_F2_subset_F_tilde_as_printed",
                    "che_zhong_audit:eq7_two_moment_witnesses", "che_zhong_audit:X3_linear_extension_below")),
)

# Proof sections cited next to the item they prove.
_PROOFS = ("App A.1", "App A.2", "App A.3", "App A.4", "App A.5", "App A.6", "App B.1", "App B.2", "App B.3",
           "App B.4", "App B.5", "App B.6")

PAPER = Paper(
    key="che_zhong",
    citation="Che and Zhong, 'Robustly Optimal Mechanisms for Selling Multiple Goods', working paper (2023)",
    aliases=("Che and Zhong",),
    items=_ITEMS,
    errata=_ERRATA,
    extra_labels=_PROOFS,
)
