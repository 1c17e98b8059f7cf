"""Che and Zhong, Thm. 4 (K-Knightian ambiguity => K-bundled sales are robustly optimal), its
proof's minimax step (Lemma B.1), Lemma A.1 and Cor. 3, checked *exactly* on finite instances.

Types lie on a finite rational grid G; nature picks laws on G with linear moment conditions; the
seller picks IC/IR mechanisms on G (all of them, or the K-bundled ones).  max-min and min-max are
single LPs (the inner problem dualized; ``symmech.models.multigood.knightian_lp``), solved by HiGHS and
*proved* by exact rational primal/dual certificates (``symmech.tactics.lp.exact``).  A claim "A == B" is
proved only when both certificates re-verify with Fractions and the values are equal.

Finite instances and the hypotheses.  On a grid, "F = {laws on G with moment conditions}" is
K-Knightian (Def. 1) exactly when every law with the same K-marginals as a member is again a
law on G: true for the finest partition on a product grid (couplings of marginals on a product
grid live on it), never for a cell with two goods (e.g. (1/2, 1/2) has the total of (1, 0)).  For
a coarse cell the proof (A.6) only uses that Lemma A.1's worst case F* (V_i = alpha_i X_K) is
available to nature; on a grid that contains the axis points (z e_i) for each occurring total z,
the axis version (alpha = e_i, or a mixture over i with weights alpha_i, which keeps item means)
is, and the equality holds exactly (instances ``coarsest2`` and ``fhat2``).  On the square grid
with the same sum-only constraint the axis points (3, 0), (4, 0) are missing and V_all > V_bundle
strictly (``square_sum``): the set is not Knightian, and Thm. 4's conclusion fails.
"""
from __future__ import annotations

from fractions import Fraction as Fr

from symmech import Derivation, Scope
from symmech.models.multigood.knightian_lp import (
    COARSEST2,
    FINEST2,
    ExactLPEquality,
    FiniteCheck,
    Instance,
    best_response,
    cell_mean,
    closed_under_split,
    item_mean,
    marginal_conditions,
    solve,
    square_grid,
    simplex_grid,
    worst_case_law,
)

PAPER = "Che and Zhong"
T4, B1, A1, C3 = f"{PAPER}, Thm. 4", f"{PAPER}, Lemma B.1", f"{PAPER}, Lemma A.1", f"{PAPER}, Cor. 3"
SCOPE = Scope()
FINEST3 = ((0,), (1,), (2,))
CELLS_12_3 = ((0, 1), (2,))

#: (i) finest partition: item means on the product grid {0,1,2,3}^2 (exactly finest-Knightian)
FINEST = Instance("finest2", square_grid([0, 1, 2, 3]), (item_mean(0, 1), item_mean(1, Fr(3, 2))),
                  "G = {0,1,2,3}^2, E v1 = 1, E v2 = 3/2",
                  r"G = \{0,1,2,3\}^2,\ \mathbb E v_1 = 1,\ \mathbb E v_2 = \tfrac32")
#: (ii) coarsest partition: only E(v1 + v2) on the simplex grid {a + b <= 4} (contains the axis)
COARSE = Instance("coarsest2", simplex_grid(4), (cell_mean((0, 1), 2),),
                  "G = {v in Z_+^2 : v1 + v2 <= 4}, E(v1 + v2) = 2",
                  r"G = \{v\in\mathbb Z_+^2: v_1+v_2\le 4\},\ \mathbb E(v_1+v_2) = 2")
#: (ii') coarsest partition with F-hat item-mean knowledge (Thm. 4 with F cap F-hat)
FHAT = Instance("fhat2", simplex_grid(4), (item_mean(0, Fr(3, 2)), item_mean(1, Fr(1, 2))),
                "G = {v in Z_+^2 : v1 + v2 <= 4}, E v1 = 3/2, E v2 = 1/2",
                r"G = \{v\in\mathbb Z_+^2: v_1+v_2\le 4\},\ \mathbb E v_1 = \tfrac32,\ \mathbb E v_2 = \tfrac12")
#: (iii) not Knightian: the sum-only constraint on the square grid {0,1,2}^2
SQUARE_SUM = Instance("square_sum", square_grid([0, 1, 2]), (cell_mean((0, 1), 2),),
                      "G = {0,1,2}^2, E(v1 + v2) = 2",
                      r"G = \{0,1,2\}^2,\ \mathbb E(v_1+v_2) = 2")
#: three goods, item means on {0,1,2}^3 (finest-Knightian; not {12}|{3}-Knightian)
THREE = Instance("three_goods", square_grid([0, 1, 2], 3),
                 (item_mean(0, 1), item_mean(1, 1), item_mean(2, Fr(1, 2))),
                 "G = {0,1,2}^3, E v = (1, 1, 1/2)",
                 r"G = \{0,1,2\}^3,\ \mathbb E\mathbf v = (1, 1, \tfrac12)")


def _name(mech) -> str:
    if mech == "all":
        return "M"
    return r"\mathcal M_{" + "|".join("".join(str(i + 1) for i in c) for c in mech) + "}"


def _v(inst: Instance, mech, kind: str = "maxmin"):
    return lambda: solve(inst, mech, kind).result


def _thm4(cid: str, inst: Instance, mech, *, source: str, expect: str = "holds", note: str = "",
          corrected: str = "") -> ExactLPEquality:
    """max over all mechanisms == max over K-bundled mechanisms (of min over F of revenue); an expected
    failure names its ``corrected`` twin (the equality that holds on a Knightian instance)."""
    return ExactLPEquality(
        cid, lhs=_v(inst, "all"), rhs=_v(inst, mech), lhs_label="V_all", rhs_label="V_K", source=source,
        expect=expect, note=note or inst.description, corrected=corrected,
        statement=(r"\max_{M\in\mathcal M}\min_{F\in\mathcal F}R(M,F) = \max_{M\in " + _name(mech)
                   + r"}\min_{F\in\mathcal F}R(M,F) \ \text{on}\ " + _tex_inst(inst)))


def _minimax(cid: str, inst: Instance, mech) -> ExactLPEquality:
    """max-min == min-max over one mechanism class (Lemma B.1; LP duality on the finite instance)."""
    cls = r"\mathcal M" if mech == "all" else _name(mech)
    return ExactLPEquality(
        cid, lhs=_v(inst, mech, "maxmin"), rhs=_v(inst, mech, "minmax"), lhs_label="maxmin",
        rhs_label="minmax",
        source=f"{B1}, eqs. (23)-(24)" if mech != "all" else f"{B1}, eq. (23) (all mechanisms: LP duality)",
        note=inst.description,
        statement=(r"\max_{M\in " + cls + r"}\min_{F}R(M,F) = \min_{F}\max_{M\in " + cls
                   + r"}R(M,F) \ \text{on}\ " + _tex_inst(inst)))


def _tex_inst(inst: Instance) -> str:
    return inst.tex or r"\text{" + inst.description.replace("_", r"\_") + "}"


def _lemma_a1() -> ExactLPEquality:
    """Lemma A.1 on the finest instance: fix the K-marginals of nature's worst case F*; over all
    couplings of them (on the product grid), all mechanisms do no better than separate sales."""
    def inst() -> Instance:
        law = worst_case_law(FINEST, solve(FINEST, "all", "minmax"))
        return Instance("finest2_marginals", FINEST.grid, marginal_conditions(law, FINEST.grid, FINEST2),
                        "couplings of the marginals of F* on {0,1,2,3}^2")
    cache: dict = {}

    def get() -> Instance:
        if "i" not in cache:
            cache["i"] = inst()
        return cache["i"]
    return ExactLPEquality(
        "lemmaA1_couplings_of_worst_marginals", lhs=lambda: solve(get(), "all").result,
        rhs=lambda: solve(get(), FINEST2).result, lhs_label="V_all", rhs_label="V_sep", source=A1,
        statement=(r"\max_{M\in\mathcal M}\min_{F\in\Upsilon^{-1}((F^*_1,F^*_2))}R(M,F) = "
                   r"\max_{M\in\mathcal M_{1|2}}\min_{F\in\Upsilon^{-1}((F^*_1,F^*_2))}R(M,F)"),
        note="F* = nature's optimal law of the min-max LP over all mechanisms on the finest2 instance")


def _carroll15() -> ExactLPEquality:
    """Carroll (2017) eq. (15) as used in Lemma A.1: against the worst case F*, separate sales are a
    best response among all mechanisms."""
    def law():
        return worst_case_law(FINEST, solve(FINEST, "all", "minmax"))
    return ExactLPEquality(
        "lemmaA1_carroll15_at_worst_case", lhs=lambda: best_response(FINEST, law(), "all"),
        rhs=lambda: best_response(FINEST, law(), FINEST2), lhs_label="max_M R(M,F*)",
        rhs_label="max_{M_K} R(M,F*)", source=f"{A1}, eqs. (15), (18) (Carroll 2017)",
        statement=r"\max_{M\in\mathcal M}R(M,F^*) = \max_{M\in\mathcal M_{1|2}}R(M,F^*)",
        note="F* as in lemmaA1_couplings_of_worst_marginals")


def _claims() -> list:
    return [
        # (i) finest partition, item means (Cor. 3(1))
        _thm4("finest2_all_eq_separate", FINEST, FINEST2, source=f"{T4}; {C3}(1)"),
        _minimax("finest2_minimax_separate", FINEST, FINEST2),
        _minimax("finest2_minimax_all", FINEST, "all"),
        _lemma_a1(),
        _carroll15(),
        _thm4("finest2_all_eq_bundle", FINEST, COARSEST2, source=f"{T4} (hypothesis fails)", expect="fails",
              corrected="finest2_all_eq_separate",
              note="laws on the square {0,1,2,3}^2 are not closed under 'same law of v1 + v2' (total 6 only at "
                   "(3, 3); (6, 0) is missing): not Knightian for the coarsest partition, and V_all > V_bundle "
                   "strictly. The item means are not the culprit: with item means on a simplex grid (fhat2) "
                   "the equality holds, F-hat carries them (fn. 23)"),
        # (ii) coarsest partition, sum-only knowledge (Cor. 3(2))
        FiniteCheck("coarsest2_grid_has_axis", source=A1,
                    compute=lambda: closed_under_split(COARSE.grid, COARSEST2, (1, 0)),
                    statement=r"(z, 0)\in G \text{ for every total } z \text{ in } G "
                              r"\text{ (Lemma A.1's } V(x) = \alpha x,\ \alpha = (1,0))"),
        _thm4("coarsest2_all_eq_bundle", COARSE, COARSEST2, source=f"{T4}; {C3}(2)"),
        _minimax("coarsest2_minimax_bundle", COARSE, COARSEST2),
        _minimax("coarsest2_minimax_all", COARSE, "all"),
        # (ii') coarsest partition with item-mean knowledge as F-hat
        _thm4("fhat2_all_eq_bundle", FHAT, COARSEST2, source=T4,
              note=FHAT.description + "; nature mixes the two axes with weights alpha_i = m_i / m_K"),
        _minimax("fhat2_minimax_bundle", FHAT, COARSEST2),
        # (iii) not Knightian: the square grid lacks the axis points of totals 3, 4
        FiniteCheck("square_sum_grid_has_axis", source=A1, expect="fails", corrected="coarsest2_grid_has_axis",
                    compute=lambda: closed_under_split(SQUARE_SUM.grid, COARSEST2, (1, 0)),
                    statement=r"(z, 0)\in G=\{0,1,2\}^2 \text{ for every total } z\le 4"),
        _thm4("square_sum_all_eq_bundle", SQUARE_SUM, COARSEST2, source=T4, expect="fails",
              corrected="square_sum_all_eq_separate",
              note="Delta({0,1,2}^2) is not closed under laws with the same law of v1 + v2 (not "
                   "K-Knightian): V_all > V_bundle strictly"),
        _thm4("square_sum_all_eq_separate", SQUARE_SUM, FINEST2, source=f"{T4}; {C3}(1)",
              note="the same instance is finest-Knightian (E(v1 + v2) is a function of the marginals, and "
                   "couplings of marginals on the product grid stay on it), so Thm. 4 gives V_all = V_separate "
                   "there: the corrected reading of square_sum_all_eq_bundle"),
        _minimax("square_sum_minimax_bundle", SQUARE_SUM, COARSEST2),
        # three goods
        _thm4("three_goods_all_eq_separate", THREE, FINEST3, source=f"{T4}; {C3}(1)"),
        _minimax("three_goods_minimax_all", THREE, "all"),
        _thm4("three_goods_all_eq_12_3", THREE, CELLS_12_3, source=f"{T4} (hypothesis fails)", expect="fails",
              corrected="three_goods_all_eq_separate",
              note="laws on {0,1,2}^3 are not {12}|{3}-Knightian (cell total 4 only at v1 = v2 = 2): "
                   "V_all > V_{12|3} strictly"),
    ]


DERIVATION = Derivation(
    name="che_zhong_thm4",
    title="Che-Zhong Thm. 4 / Lemma B.1 / Lemma A.1 / Cor. 3 on finite grids, by exact rational LPs",
    scope=SCOPE,
    claims=_claims(),
    model=(r"G\subset\mathbb Q_+^n \text{ finite},\ \mathcal F = \{F\in\Delta(G): \mathbb E_F g_j\ (\le,=,\ge)\ r_j\},"
           r"\ R(M,F) = \sum_{v\in G}F(v)t(v),\ M \text{ IC/IR on } G"),
    references=("Che and Zhong, 'Robustly Optimal Mechanisms for Selling Multiple Goods', working paper (2023), Sec. 6, "
                "App. A.6, B.2",
                "Carroll: Robustness and separation in multidimensional screening, Econometrica 2017"),
)

if __name__ == "__main__":  # pragma: no cover
    print(DERIVATION.verify(digits=50))
