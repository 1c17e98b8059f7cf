"""Bikhchandani and Mishra (2022): numbered results and errata, for coverage tables
(``symmech coverage bikhchandani_mishra``).

Items follow the paper's order (Secs. 1-5, Appendix A with the proofs' numbered displays (13)-(22), Appendix B).
Unnumbered material is located by its section: "Sec 1" (the introduction's three statements), "Sec 2" (the model:
IC, IR at the bottom type, the standing assumption t >= v_low), "Sec 4" (REV, exchangeability and its examples,
the remark on increasing marginal values), "Sec 4.2" (other settings), "Sec 5.1" (weak majorization), "Sec 5.2"
(optimal deterministic mechanisms), "Sec 5.3" (uncertainty I and II, G_avg, p-dagger, the remark after Prop. 6).
Footnotes are items when they state something checkable or the catalog lists them: fn. 4, 6, 10-13, 16, 18-24.
Not items: fn. 1-3, 5, 7, 9 (definitions restated, notation, terminology), fn. 8, 14, 15 (literature), fn. 17
(notation).  The catalog's "Thm 368" is Hardy, Littlewood and Polya's (fn. 19), not an item of this paper.

Errata are the catalog's G1-G25 (spec 004, Sec. 6; G25 is listed after G16 there), re-read against the paper,
then X1: an error the checks found that the catalog does not list (fn. 4).
"""
from __future__ import annotations

from symmech.reports.papers.model import Erratum, Item, Paper

_BEQ, _BSYM, _BRM, _BROB, _BSET, _BGAP = ("bm_equivalence", "bm_symmetric", "bm_revenue_monotone", "bm_robust",
                                         "bm_settings", "bm_gaps")
_GRID = "checked on finite grids (exact rational computations), not as a continuum statement"

ITEMS = (
    # ---------------- Sec. 1-2 ---------------------------------------------------------------------------
    Item("Sec 1", "introduction: (1) a one-to-one mapping between IC-IR mechanisms of M^I and symmetric IC-IR "
                  "mechanisms of M^H; (2) equal revenues and (3) equal optimal revenues under exchangeability",
         note="(1) holds modulo null sets only (G6); (2)-(3) are Thm. 2 and Cor. 1"),
    Item("Sec 2", "the model: types in [v_low, v_high]^n, 0 <= v_low; IC; under IC, IR iff u(v_low 1) >= 0; the "
                  "standing assumption t(v) >= v_low (G2); deterministic mechanisms"),
    Item("fn 4", "the seller's cost per object is at most v_low, 'consequently the seller's costs play no role' in "
                 "the revenue (profit) maximizing mechanism -- false for a positive cost (X1)"),
    Item("eq (1)", "feasibility in M^I: q_i(v) >= q_{i+1}(v) (q_i = P(at least i units))"),
    # ---------------- Sec. 3 ----------------------------------------------------------------------------
    Item("Lemma 1", "an IC-IR mechanism on the strict types D^M extends to an IC-IR mechanism on bar D^M (limits of "
                    "(q, t)(v^k), v^k -> v strict)",
         note="existence of an accumulation point in the continuum is cited; the limit construction is checked on "
              "grids, with (1) at the limit for M = I (G3)"),
    Item("eq (2)", "D(sigma) = {v : v_sigma(1) > ... > v_sigma(n)} partition D^H; v in D(sigma) iff v^sigma in D(sigma^I)"),
    Item("Def 1", "symmetric mechanism: q_i(v^sigma) = q_sigma(i)(v), t(v^sigma) = t(v)"),
    Item("Def 2", "rank preserving: v_i > v_j => q_i(v) >= q_j(v); every feasible M^I mechanism is RP by (1)"),
    Item("Thm 1", "for symmetric (q, t) in M^H: IC on D^H iff RP and IC on D(sigma^I)"),
    Item("Example 1", "q = (0, 1) above the diagonal, (1, 0) below, t = 0: symmetric, IC on each region, not RP, "
                      "not IC (gain |v_1 - v_2|)"),
    Item("Example 2", "a deterministic, IC, RP mechanism on [0, 1]^2 that is not symmetric (Fig. 1)",
         note="the figure is lost in the OCR; checked with the catalog's replacement menu {(1,0) @ 1/2, (1,1) @ 3/4}"),
    Item("Fig 1", "Example 2's mechanism", note="lost in the OCR; see Example 2"),
    Item("Def 3", "symmetric extension of a mechanism on D(sigma^I): q^s_sigma(i)(v) = q_i(v^sigma), t^s(v) = t(v^sigma)"),
    Item("fn 6", "by Thm. 1 the symmetric extension of a non-RP mechanism on D^I is not IC (Example 1)"),
    Item("Lemma 2", "the symmetric extension of an RP, IC, IR mechanism on D(sigma) is RP, IC and IR on D^H"),
    Item("Remark 1", "every M^I mechanism is RP, so its symmetric extension is RP, IC, IR (then Lemma 1)"),
    Item("Remark 2", "a symmetric IC-IR M^H mechanism is the symmetric extension of its restriction to any D(sigma)"),
    # ---------------- Sec. 4 ----------------------------------------------------------------------------
    Item("Sec 4", "REV(q, t; f) = int t f; exchangeability (i.i.d., conditionally i.i.d., 'permits' v_i = eta m_i); "
                  "with increasing marginal values feasible mechanisms violate RP and Thms. 1-2 fail"),
    Item("eq (3)", "REV = sum_sigma REV^sigma, REV^sigma = int_{D(sigma)} t f^H"),
    Item("Def 4", "(weakly) symmetric equivalent models: (4) and (6) a.e. agreement, (5) and (7) equal revenues"),
    Item("eq (4)", "(q^I, t^I) = (q^H, t^H) for almost all v in bar D^I (H -> I)"),
    Item("eq (5)", "REV(q^I, t^I; f^I) = REV(q^H, t^H; f^H) (H -> I)"),
    Item("eq (6)", "(q^H, t^H) = (q^I, t^I) for almost all v in bar D^I (I -> H)"),
    Item("eq (7)", "REV(q^H, t^H; f^H) = REV(q^I, t^I; f^I) (I -> H)"),
    Item("Thm 2", "M^H and M^I are weakly symmetric equivalent; symmetric equivalent when f^H is exchangeable and "
                  "f^I = n! f^H on bar D^I",
         note="on grids ties carry mass and the weight is n!/prod m_k! (the law of sort(v), spec C5)"),
    Item("Thm 3", "with exchangeable f^H there is an optimal mechanism that is symmetric and RP (symmetrization)",
         note="existence of an optimum in the continuum is assumed (G7); on grids LP optima exist"),
    Item("fn 20", "the symmetrization of a deterministic mechanism may be random"),
    Item("Cor 1", "for symmetric equivalent models, mechanisms mapped by Def. 4 are optimal in one model iff in the other"),
    Item("Sec 4.2", "other settings: quality-differentiated products (Model I ~ Model H) and Mirrlees-style taxation "
                    "with symmetric V (region-wise welfare identity, 'Theorems 1-3 imply')"),
    # ---------------- Sec. 5.1 --------------------------------------------------------------------------
    Item("Def 5", "revenue monotone: REV(q, t; F~) >= REV(q, t; F) whenever F~ FOSD F",
         note="FOSD for n >= 2 is undefined in the paper; checked with the usual stochastic order (G22)"),
    Item("eq (8)", "t(v-hat) >= t(v) for v-hat > v implies revenue monotonicity"),
    Item("fn 10", "(8) for almost all pairs suffices, as densities are assumed"),
    Item("fn 11", "IC and IR do not involve the law: an IC-IR mechanism under F is IC-IR under F~",
         note="a remark on the definitions; used where one mechanism is evaluated under two laws (Remark 3's chain)"),
    Item("Sec 5.1", "weak majorization >_w (top-k sums), transitive and incomplete; in M^I second-order dominance of "
                    "the unit-count distribution suffices for >_w"),
    Item("fn 12", "in M^I the i-th highest entry of q is q_i"),
    Item("fn 13", "majorization: >_w with equal totals; 'not usually satisfied in our setting'",
         note="the definition is checked against >_w; 'not usually' is informal"),
    Item("Prop 1", "for IC (q, t) in M^I, or symmetric and IC in M^H: q(v-hat) >_w q(v) => t(v-hat) >= t(v) (9)"),
    Item("eq (9)", "q(v-hat) >_w q(v) => t(v-hat) >= t(v)"),
    Item("Cor 2", "under (10) along coordinate lines of D^I, t is nondecreasing there"),
    Item("eq (10)", "v-hat_i > v_i => q(v-hat_i, v_-i) >_w q(v_i, v_-i)"),
    Item("Def 6", "majorization monotonicity (MM): q_i rises along a coordinate line of D^I => q rises in >_w"),
    Item("Def 7", "object non-bossiness: equal q_i at (v_i, v_-i), (v'_i, v_-i) => equal q"),
    Item("Prop 2", "(a) IC MM mechanisms of M^I and (b) symmetric IC MM mechanisms of M^H are revenue monotone",
         note="the proof's chain of coordinate steps (G8) and the region crossing in M^H (G9) are checked separately"),
    Item("Def 8", "almost deterministic: at most one entry of q(v) outside {0, 1} (the index k may depend on v, G10)"),
    Item("Prop 3", "(a) almost-deterministic IC mechanisms of M^I and (b) symmetric ones of M^H are revenue monotone"),
    Item("Remark 3", "a symmetric optimum (Thm. 3) that is MM or almost deterministic makes the optimal revenue "
                     "monotone; the 'in other words' sentence drops that hypothesis (G11)"),
    Item("eq (11)", "McAfee-McMillan: 3 f + v.grad f >= 0 (for n = 2; (n + 1) f in general, G21)"),
    Item("Cor 3", "n = 2, v_low = 0, (11), f C^1 and positive: an optimal mechanism of M^I (and of exchangeable M^H) "
                  "is revenue monotone",
         note="rests on Bikhchandani and Mishra (2022, JET) for an almost-deterministic optimum; " + _GRID),
    # ---------------- Sec. 5.2 --------------------------------------------------------------------------
    Item("Sec 5.2", "optimal deterministic mechanisms (optimal among deterministic IC-IR mechanisms); Babaioff et al.: "
                    "even i.i.d. f^H need not admit a symmetric one",
         note="Babaioff et al.'s example is cited, not reproduced: on the grids searched, exchangeable laws without "
              "tie mass never separated the symmetric from the unrestricted deterministic optimum"),
    Item("Prop 4", "M^I has a deterministic optimal mechanism iff M^H has a deterministic symmetric one"),
    Item("Prop 5", "with exchangeable f^H: a symmetric optimal deterministic mechanism exists iff an RP one does",
         note="existence of optima is assumed (G7); " + _GRID),
    Item("Cor 4", "n = 2, v_low = 0, (11), f^H C^1, positive, exchangeable: a symmetric optimal deterministic "
                  "mechanism exists",
         note="the 'line mechanism' of Bikhchandani and Mishra (2022, JET) is cited; " + _GRID),
    Item("fn 22", "in Cor. 4's proof the line mechanism beats REV^sigma^I(q, t) even for non-RP (q, t)",
         note="cited from Bikhchandani and Mishra (2022, JET); its grid analogue holds on {0..5}^2 and fails on "
              "{0..6}^2 (a discretization limit)"),
    # ---------------- Sec. 5.3 --------------------------------------------------------------------------
    Item("Sec 5.3", "uncertainty I (unit marginals known) and II (their average G_avg known), F^avg, p-dagger; the "
                    "claim that G^H does not determine G_avg (false, G12); V*_II is a lower bound under I; I is open"),
    Item("fn 16", "for any law on bar D^I, G_i FOSD G_{i+1}"),
    Item("Def 9", "average robust optimal: attains sup_(q,t) inf_{F in F^avg} REV"),
    Item("Def 10", "uniform-price mechanism: q_i = 1[v_i >= p], t = p sum_i q_i"),
    Item("fn 18", "the buyer buys unit i iff v_i >= p ('only if': v_i < p <= v_j, i < j, is impossible on bar D^I)"),
    Item("eq (12)", "REV of the uniform price under any F in F^avg is n p (1 - G_avg(p)) (1 - G_avg(p-) with atoms)"),
    Item("Prop 6", "the optimal uniform-price mechanism is average robust optimal, value n p-dagger (1 - G_avg(p-dagger))",
         note="the upper bound (22) is cited from Carroll (2017) (G15); checked by exact LPs on grids and in the "
              "continuum for n = 2, G_avg = U[0, 1]"),
    # ---------------- Appendix A (proofs) ---------------------------------------------------------------
    Item("eq (13)", "v^sigma_i = v_sigma(i), v-hat^sigma-hat_i = v-hat_sigma-hat(i) (both in D(sigma^I))"),
    Item("eq (14)", "Thm. 1 (ii) => (i): u(v) = u(v^sigma) >= v^sigma . q(v-hat^sigma-hat) - t(v-hat^sigma-hat) = "
                    "sum_i v^sigma_i q_sigma-hat(i)(v-hat) - t(v-hat)"),
    Item("eq (15)", "rearrangement: sum_i v^sigma_i q_sigma-hat(i)(v-hat) >= sum_i v_sigma-hat(i) q_sigma-hat(i)(v-hat)"),
    Item("fn 19", "(15) is the rearrangement inequality (Hardy, Littlewood and Polya, Thm. 368)"),
    Item("eq (16)", "IC: t(v-hat) - t(v) >= v . q(v-hat) - v . q(v)"),
    Item("eq (17)", "Abel summation: sum_j v_j q_j = sum_k Delta_k(v) sum_{j <= k} q_j, Delta_k = v_k - v_{k+1}"),
    Item("eq (18)", "t(v-hat) - t(v) >= sum_k Delta_k(v) sum_{j <= k} (q_j(v-hat) - q_j(v))"),
    Item("Lemma 3", "almost-deterministic vectors in D(sigma^I) are ordered (>=), hence >_w-comparable (read: weakly "
                    "decreasing vectors, G25)"),
    Item("fn 21", "a bossy almost-deterministic (q, t) has a non-bossy, almost-deterministic, RP version a.e. (Prop. 7)"),
    Item("eq (19)", "Prop. 5's best region: REV^sigma-hat >= REV^sigma for all sigma, so n! REV^sigma-hat >= REV"),
    Item("eq (20)", "the uniform price guarantees n p-dagger (1 - G_avg(p-dagger)) for every F in F^avg (printed "
                    "for the generic (q, t), G16)"),
    Item("eq (21)", "REV(q, t; F^min) = REV(q^s, t^s; F^min) (F^min on the diagonal)"),
    Item("eq (22)", "REV(q^s, t^s; F^min) <= n p-dagger (1 - G_avg(p-dagger))"),
    # ---------------- Appendix B ------------------------------------------------------------------------
    Item("Prop 7", "every IC-IR mechanism on D^I has an object non-bossy IC-IR version equal a.e. (almost "
                   "deterministic and RP if the original is)",
         note="'d u(v) compact' fails at boundary types (G17); checked with d u intersected with the feasible set"),
    Item("Claim 1", "x in d u(v), (x_i, y_-i) in d u(v'_i, v_-i) => x in d u(v'_i, v_-i), (x_i, y_-i) in d u(v)"),
    Item("eq (23)", "u(v) = u(v'_i, v_-i) + (v_i - v'_i) x_i"),
    Item("Def 11", "L-maximal allocation rule: lexicographically largest selection of d u (read pointwise, G18)"),
    Item("eq (24)", "q#(v_i, v_-i) in d u(v'_i, v_-i)"),
    Item("eq (25)", "q#(v'_i, v_-i) in d u(v_i, v_-i)"),
    Item("fn 23", "Prop. 7 makes no assumption on the law of values",
         note="a remark; the App. B claims use no law at all"),
    Item("fn 24", "a mechanism can be described as (q, u): t = v . q - u"),
    Item("Claim 2", "Claim 1 for d~u: almost-deterministic (fixed k) RP subgradients ('x_1 >= ... >= x_2', G19)"),
    Item("Def 12", "L^d-maximal allocation rule: lexmax of d~u; almost deterministic, RP, non-bossy"),
)

ERRATA = (
    Erratum("G1", "throughout; App. A, Cor. 4's proof", "OCR: sigma^1, D^1, M^1, F^1 stand for sigma^I, D^I, M^I, F^I; "
            "Cor. 4's proof is interleaved with fn. 21",
            disposition="OCR damage, confirmed in the text (e.g. 'D(sigma^1) := {v_1 > v_2}' in Example 1; fn. 21 "
                        "breaks 'A line ... mechanism'); nothing mathematical to check"),
    Erratum("G2", "Sec. 2; Lemma 1's proof", "the standing assumption t(v) >= v_low (Lemma 1's proof uses t >= 0) is "
            "not without loss of generality as printed; boundedness already follows from IC and IR",
            claims=(f"{_BGAP}:g2_payment_floor_vlow", f"{_BGAP}:g2_payment_floor_zero",
                    f"{_BGAP}:sec2_ir_at_bottom_and_bounds")),
    Erratum("G3", "Lemma 1, M = I", "the limit allocation must satisfy (1); not stated (true: (1) is closed)",
            claims=(f"{_BSYM}:g3_lemma1_limit_satisfies_eq1", f"{_BSYM}:lemma1_limit_ties"),
            disposition="an omission, not an error: the limit satisfies (1) at every tie type (checked, with a "
                        "control showing that the sequence must lie in D^I)"),
    Erratum("G4", "Thm. 1 proof (ii) => (i), after (14)", "'as v^sigma, v-hat in D(sigma^1)' should read "
            "'v^sigma, v-hat^sigma-hat in D(sigma^I)' (the display itself uses v-hat^sigma-hat)",
            claims=(f"{_BSYM}:g4_vhat_in_DI_as_printed", f"{_BSYM}:g4_step14_corrected")),
    Erratum("G5", "Thm. 3 proof", "'t(v-check; sigma)' for t-hat; the garbled q^{sigma-check sigma^-1 sigma^-1}; the fifth "
            "equality is a change of variables, not exchangeability",
            claims=(f"{_BGAP}:g5_symmetry_step", f"{_BGAP}:g5_fifth_equality_change_of_variables",
                    f"{_BGAP}:g5_revenue_with_exchangeable_law", f"{_BGAP}:g5_revenue_needs_exchangeability"),
            disposition="the catalog is right: the paper says exchangeability is used 'in the third and fifth "
                        "equalities'; the fifth holds for any law (checked), the third needs exchangeability "
                        "(refuted without it); the symbol typos are not checkable"),
    Erratum("G6", "Sec. 1, statement (1)", "'one-to-one mapping' holds only modulo null sets (tie types)",
            claims=(f"{_BGAP}:g6_one_to_one_on_grids", f"{_BGAP}:g6_injective_off_ties"),
            disposition="the catalog says 'intro (and Thm. 2)'; Thm. 2 via Def. 4 already says 'for almost all v', "
                        "so only the introduction's wording is at fault"),
    Erratum("G7", "Thm. 3, Cor. 1, Prop. 5, Cor. 4", "existence of an optimal (deterministic) mechanism is assumed",
            disposition="existence in the continuum is not a finite computation; on the grids every optimum used is "
                        "an attained LP optimum or a finite maximum"),
    Erratum("G8", "Prop. 2(a) proof", "the chain of coordinate steps needs its intermediate points where MM and "
            "non-bossiness were established (the full-measure set, inside D^I)",
            claims=(f"{_BGAP}:g8_any_chain_stays_in_DI", f"{_BGAP}:g8_topdown_chain"),
            disposition="on grids every type has mass, so the null-set part is checked through its fix: the "
                        "L-maximal rule is MM and non-bossy at every coordinate pair, including types where it "
                        "differs from the original rule"),
    Erratum("G9", "Prop. 2(b), Prop. 3(b) proofs", "in M^H a coordinate step can cross the diagonal; 'arguments "
            "similar to part (a)' hide a two-step path through a tie type",
            claims=(f"{_BRM}:g9_h_step_is_i_step_as_printed", f"{_BRM}:g9_crossing_step_two_d_I_steps")),
    Erratum("G10", "Def. 8 vs Prop. 7's proof", "Def. 8 lets the randomized index k depend on v; Prop. 7's proof fixes k",
            claims=(f"{_BRM}:g10_single_random_index", f"{_BRM}:g10_per_v_index_revenue_monotone")),
    Erratum("G11", "Remark 3", "'In other words' drops the hypothesis that the symmetric optimum is MM or almost "
            "deterministic",
            claims=(f"{_BRM}:def6_r15_not_mm_not_monotone", f"{_BRM}:props2_3_revenue_monotone")),
    Erratum("G12", "Sec. 5.3", "'knowledge of this marginal distribution in M^H is not sufficient to obtain ... the "
            "average of these marginal distributions' (and conversely): false, G^H = G_avg",
            claims=(f"{_BEQ}:g12_not_determined_as_printed", f"{_BEQ}:g12_common_marginal_is_average",
                    f"{_BEQ}:g12_order_statistics_n2", f"{_BEQ}:g12_order_statistics_n3", f"{_BEQ}:g12_order_statistics_n5")),
    Erratum("G13", "Sec. 5.3", "G_avg is defined for x in [0, 1] and p in [0, 1]: [v_low, v_high] = [0, 1] silently",
            disposition="a normalization, not an error; the grid claims use other value ranges"),
    Erratum("G14", "Prop. 6 proof", "F^min is singular (on the diagonal, the types discarded as null); (21) needs "
            "(q^s, t^s) = (q, t) on the diagonal, which the paper does not state",
            claims=(f"{_BGAP}:g14_diagonal_choice_ic",),
            disposition="the needed choice is IC (checked); the conflict with 'throughout we assume a density' and "
                        "REV = int t f is wording (REV = int t dF is used)"),
    Erratum("G15", "Prop. 6 proof, (22)", "cites Carroll (2017) for one specific law F^min; the bound holds by the "
            "one-dimensional reduction on the diagonal",
            claims=(f"{_BROB}:prop6_diagonal_worst_case_123", f"{_BROB}:prop6_diagonal_worst_case_134",
                    f"{_BROB}:r8_mv_below_vstar"),
            disposition="a citation issue: (22) itself holds (the best response to F^min is computed directly, "
                        "without Carroll's theorem)"),
    Erratum("G16", "Prop. 6 proof; definition of p-dagger", "the guarantee misses the factor n; (20) is printed for the "
            "generic (q, t); the max defining p-dagger can fail to be attained with atoms (use 1 - G(p-))",
            claims=(f"{_BROB}:g16_guarantee_as_printed", f"{_BROB}:eq12_uniform_price_diagonal",
                    f"{_BROB}:g16_eq20_as_printed", f"{_BROB}:eq12_equalizer_grid",
                    f"{_BROB}:g16_max_attained_as_printed", f"{_BROB}:g16_left_limit_max_attained")),
    Erratum("G17", "Prop. 7 proof", "d u(v) is asserted compact; it is unbounded at boundary types of D^I",
            claims=(f"{_BGAP}:g17_subdifferential_compact", f"{_BGAP}:g17_subdifferential_bounded_interior")),
    Erratum("G18", "Defs. 11-12", "lexicographic superiority required 'for every v', even where the rules agree; "
            "read 'wherever they differ' (pointwise lexmax)",
            claims=(f"{_BGAP}:g18_def11_as_written", f"{_BGAP}:def11_lmax_pointwise")),
    Erratum("G19", "App. B, d~u before Claim 2", "'x_1 >= ... >= x_2' should be x_1 >= x_2 >= ... >= x_n",
            claims=(f"{_BGAP}:g19_claim2_as_printed", f"{_BGAP}:g19_chain_reading_rank_preserving"),
            disposition="the catalog places the typo in Claim 2; it is in the definition of d~u just before it"),
    Erratum("G20", "Prop. 1 proof", "'(9) ... for all v, v-hat in M^I' (a model for a domain) and '(9) for holds types'",
            disposition="wording, confirmed in the text; nothing mathematical to check"),
    Erratum("G21", "eq. (11) and the sentence after it", "'3' is n + 1 for n = 2 only; the truncated exponential "
            "satisfies (11) only if lambda v_high <= 3/2; the Beta family only for beta <= 1",
            claims=(f"{_BRM}:g21_truncated_exponential_any_rate", f"{_BRM}:eq11_truncated_exponential",
                    f"{_BRM}:g21_constant_3_for_n3", f"{_BRM}:g21_divergence_identity_n_plus_1",
                    f"{_BRM}:g21_beta_2_2", f"{_BRM}:eq11_beta_beta_le_1")),
    Erratum("G22", "Def. 5, Props. 2-3", "multivariate FOSD is undefined; cdf dominance is not enough, the usual "
            "stochastic order is needed",
            claims=(f"{_BGAP}:g22_cdf_dominance_suffices", f"{_BGAP}:g22_usual_order_suffices")),
    Erratum("G23", "citations, references", "'Bikhchandani and Mishra (2021)' in the text vs (2022) in the references; "
            "'Sonnenschnein' in the references",
            disposition="confirmed in the text (Sec. 1, Sec. 5.1, Cor. 4's proof cite 2021; the reference list has "
                        "'(2022) ... JET 200, 105397' and 'SONNENSCHNEIN'); not mathematical"),
    Erratum("G24", "Prop. 1 proof", "Delta_n = v_n >= 0 needs v_low >= 0; unstated",
            claims=(f"{_BGAP}:g24_prop1_negative_values", f"{_BGAP}:g24_prop1_nonnegative_values")),
    Erratum("G25", "Lemma 3", "'alpha, beta in D(sigma^I)' (strictly decreasing) should be weakly decreasing; as printed "
            "the lemma is vacuous for n >= 4 and does not cover the allocations Prop. 3 applies it to",
            claims=(f"{_BRM}:g25_lemma3_hypothesis_in_prop3", f"{_BRM}:g25_lemma3_weak_reading_in_prop3",
                    f"{_BRM}:g25_lemma3_as_printed_n4", f"{_BRM}:lemma3_chain")),
    Erratum("X1", "fn. 4", "with a cost c <= v_low per object 'the seller's costs play no role' in the optimal "
            "mechanism: false for c > 0; the profit problem is the revenue problem with values v - c",
            claims=(f"{_BGAP}:fn4_costs_play_no_role", f"{_BGAP}:fn4_cost_is_a_value_shift"),
            disposition="not in the catalog; on {1,2,3}^2 (i.i.d. uniform, c = v_low = 1) every revenue-optimal "
                        "mechanism earns profit 4/3 < 13/9 = the optimal profit; the paper's results are unaffected "
                        "when c = 0, which v_low = 0 (Cors. 3-4) forces"),
)

PAPER = Paper(
    key="bikhchandani_mishra",
    citation="Bikhchandani and Mishra, 'Rank-preserving Multidimensional Mechanisms', working paper (October 2022)",
    aliases=("Bikhchandani and Mishra",),
    items=ITEMS,
    errata=ERRATA,
)
