"""M goods with asymmetric known means: separate sales stay max-min optimal (Carrasco et al.,
conjecture C1 of the spec), and the product of the worst-case marginals is not a worst case (C2).

Model (Carrasco et al., Sec. 4): values v in [0, 1]^M, the seller knows only E v_i = k_i (k_i in
(0, 1), possibly different).  Carrasco et al. prove that separate sales are max-min optimal only
for equal means (Prop. 4.4); C1 says the value is sum_i kt(k_i), kt(k) = -k / W_{-1}(-k/e), for
any means.

Why C1 holds (the chain; only the marked steps are checked here).

1. F = {F in Delta([0,1]^M) : E_F v_i = k_i} is K-Knightian (Che and Zhong, Def. 1) for the
   finest partition: F in Delta([0,1]^M) iff every marginal F_i lives on [0, 1] (a law gives
   [0,1]^M mass one iff each {v_i in [0,1]} has mass one: P(union of complements) <= sum), and
   E_F v_i = int x dF_i(x) is a function of F_i (checked: ``knightian_mean_is_marginal_functional``
   symbolically on a generic finite coupling; ``grid*_finest_knightian`` exactly on every grid).
2. Regularity (Che and Zhong, Sec. 6: nonempty, convex, weakly closed, tight, bounded
   expectations).  Prop. B.2 does NOT apply verbatim: it is about sets of the form (1), built
   from *convex moment functions* phi_K with phi_K'' >= eps and a compact Omega downward closed
   in the dispersions; the box [0,1]^M is a domain restriction, which the paper itself says is
   not a special case of (1) (Sec. 2: "the differentiability condition we impose does not make a
   domain restriction a special case of our model"), and fn. 29 (App. B.6) only asserts
   "Regularity is easy to verify in this case".  It is easy, directly: the delta at k is a
   member; the constraints are linear (convex); every member lives on the compact box, so the
   family is tight, E v_i <= 1, and weak limits stay on the closed box with E v_i = lim E_n v_i
   (v_i is bounded and continuous on the box).  Not checked by symmech (recorded here and in
   the notes).
3. Che and Zhong, Cor. 3(1) (from Thm. 4; by citation): sup over all mechanisms = sup over
   separate sales.  (Their mechanisms are IC/IR on R_+^n, Carrasco et al.'s on [0,1]^M; by
   Che and Zhong, Prop. B.1, IC/IR on the closed support suffice, so for laws on the box the two
   max-min problems are the same.)
4. Over separate sales t = sum_i t_i(v_i) the revenue depends on the marginals only and the
   marginal constraints are independent across goods, so the max-min value is
   sum_i (1-D max-min value at k_i) = sum_i kt(k_i) (1-D value: derivations/one_moment,
   Carrasco et al. Prop. 3.4).  Checked here: the separate-sales guarantee sum_i kt_i is a sum
   of 1-D dual certificates (``c1_separate_sales_guarantee_M2/M3``) and no separate sale earns
   more than sum_i kt_i against the worst-case marginals (``c1_separate_sales_upper_bound_M3``).

The same conclusion is Che and Zhong, Thm. B.1 (App. B.6, domain restrictions) with the finest
partition and v-bar_i = 1: eq. (29) alpha_i (1 + log(1/alpha_i)) = m_i is kt(k_i), the saddle
point is separate sales against the *comonotone* law V_i = min(kt_i X, 1), X ~ H(x) = 1 - 1/x
(each marginal is the 1-D worst case F*_{kt_i}), value sum_i kt_i.  Checked here: the algebra
of (30)-(31) (``thmB1_*``); the envelope step of (31) along the curve is by citation.  Note:
(31) writes gamma_i = m_i / sum_{j in N} m_j; the bound "sum_i gamma_i vbar alpha / vbar =
sum_K alpha_K" needs gamma_i = m_i / m_{K(i)} (= 1 for the finest partition).

Finite instances (exact rational LPs, ``symmech.models.multigood.knightian_lp``; certificates re-checked
with Fractions): on the grid {0, 1/10, ..., 1}^2 (spec R8) the max-min value over *all* IC/IR
direct mechanisms equals exactly V_1D(k_1) + V_1D(k_2) for k = (1/2, 1/4), (3/4, 1/10), (1/2, 1/2);
on {0, 1/3, 2/3, 1}^3 with k = (1/2, 1/4, 3/4) it equals the sum of three 1-D values.  C2:
against the product of the 1-D grid worst cases the seller earns strictly more than the value,
against their comonotone coupling exactly the value (k = (1/2, 1/2), spec R8).
"""
from __future__ import annotations

from fractions import Fraction as Fr

import sympy as sp
from sympy import E, Interval, LambertW, log, oo

from symmech import (AllOf, DefinedRoot, Derivation, Distribution, Identity, Mechanism, PiecewiseFunction, Scope,
                     checks)
from symmech.models.multigood import Box, MultiAmbiguitySet, PartitionedSale, value_vars
from symmech.checks import multigood as mc
from symmech.models.multigood.knightian_lp import (
    FINEST2,
    COARSEST2,
    ExactLPSum,
    FiniteCheck,
    Instance,
    best_response_on_support,
    comonotone_law,
    finest_knightian_on_grid,
    item_mean,
    law_mean,
    one_good_instance,
    product_law,
    solve,
    square_grid,
)

CAR = "Carrasco et al."
CZ = "Che and Zhong"
# C1 (separate sales stay max-min optimal for asymmetric means) and C2 (the product of the worst-case
# marginals is not a worst case) are the catalog's conjectures about the model of Carrasco et al., Sec. 4,
# which proves optimality for equal means only (Prop. 4.4); C2 is the gap in Prop. 4.2's product-law proof.
# The grids are the catalog's regression instance R8.  Sources cite the paper's items, not the catalog.
C1, C2 = f"{CAR}, Sec. 4", f"{CAR}, Prop. 4.2"
COR3, THM4, THMB1 = f"{CZ}, Cor. 3(1)", f"{CZ}, Thm. 4", f"{CZ}, Thm. B.1"

# ----------------------------------------------------------------------------------------------
# finite instances
# ----------------------------------------------------------------------------------------------
GRID11 = tuple(Fr(i, 10) for i in range(11))          # spec R8: 11 points per good
GRID4 = tuple(Fr(i, 3) for i in range(4))             # three goods: {0, 1/3, 2/3, 1}
GRID5 = tuple(Fr(i, 4) for i in range(5))             # three goods, finer (slow test only)
FINEST3 = ((0,), (1,), (2,))

#: the two-good cases of spec R8: name -> means
CASES2 = {"k50_25": (Fr(1, 2), Fr(1, 4)), "k75_10": (Fr(3, 4), Fr(1, 10)), "k50_50": (Fr(1, 2), Fr(1, 2))}
K3 = (Fr(1, 2), Fr(1, 4), Fr(3, 4))

#: spec R8 (floats, HiGHS): 2-good LP values and the 1-D LP values on 11 points
SPEC_R8 = {"k50_25": 0.29529597, "k75_10": 0.44803191, "k50_50": 0.41988337}
SPEC_R4_1D = {Fr(1, 2): 0.20994168, Fr(1, 4): 0.08535429, Fr(3, 4): 0.41389019, Fr(1, 10): 0.03414172}
SPEC_C2 = {"comonotone": 0.41988337, "product": 0.51287013}   # k = (1/2, 1/2), 11 x 11


def two_goods(name: str, grid=GRID11) -> Instance:
    k1, k2 = CASES2[name]
    return Instance(f"asym2_{name}_{len(grid)}", square_grid(grid, 2), (item_mean(0, k1), item_mean(1, k2)),
                    f"G = {{0, 1/{len(grid) - 1}, ..., 1}}^2, E v = ({k1}, {k2})",
                    rf"G = \{{0, \tfrac1{{{len(grid) - 1}}}, \dots, 1\}}^2,\ \mathbb E\mathbf v = ({k1}, {k2})")


def three_goods(grid=GRID4, means=K3) -> Instance:
    return Instance(f"asym3_{len(grid)}_{'_'.join(map(str, means))}", square_grid(grid, 3),
                    tuple(item_mean(i, m) for i, m in enumerate(means)),
                    f"G = {{{', '.join(map(str, grid))}}}^3, E v = ({', '.join(map(str, means))})")


INST2 = {name: two_goods(name) for name in CASES2}
INST3 = three_goods()
_ONE: dict = {}


def one_good(grid, m) -> Instance:
    """The 1-D instance (cached by grid and mean, so its LP is solved once)."""
    key = (tuple(grid), Fr(m))
    if key not in _ONE:
        _ONE[key] = one_good_instance(grid, m, name=f"one_good_{len(grid)}_{m}")
    return _ONE[key]


def v_all(inst: Instance):
    return lambda: solve(inst, "all").result


def v_1d(grid, m):
    return lambda: solve(one_good(grid, m), "all").result


#: exact 1-D worst-case laws on GRID11 (nature's optimal f of the 1-D min-max LP, recorded once;
#: that each is a worst case is *checked*: ``grid11_worst_case_laws``).  Not unique in general.
def _law(den: int, masses: dict) -> dict:
    return {Fr(v): Fr(w, den) if isinstance(w, int) else Fr(w) for v, w in masses.items()}


W11 = {
    Fr(1, 2): _law(3601, {"1/5": 1081, "3/10": 630, "2/5": 378, "1/2": 252, "3/5": 180, "7/10": 135,
                          "4/5": 105, "9/10": 84, "1": 756}),
    Fr(1, 4): _law(7381, {"0": 1081, "1/10": 3150, "1/5": 1050, "3/10": 525, "2/5": 315, "1/2": 210,
                          "3/5": 150, "7/10": "225/14762", "4/5": "175/14762", "9/10": 70, "1": 630}),
    Fr(3, 4): _law(2131, {"2/5": 367, "1/2": 294, "3/5": 210, "7/10": "315/4262", "4/5": "245/4262",
                          "9/10": 98, "1": 882}),
    Fr(1, 10): _law(7381, {"0": 4861, "1/10": 1260, "1/5": 420, "3/10": 210, "2/5": 126, "1/2": 84,
                           "3/5": 60, "7/10": 45, "4/5": 35, "9/10": 28, "1": 252}),
}

_LAWS: dict = {}


def coupled(kind: str, m1, m2) -> dict:
    """Product or comonotone coupling of the recorded 1-D worst cases for means m1, m2 (cached)."""
    key = (kind, Fr(m1), Fr(m2))
    if key not in _LAWS:
        f = product_law if kind == "product" else comonotone_law
        _LAWS[key] = f(W11[Fr(m1)], W11[Fr(m2)])
    return _LAWS[key]


_BR: dict = {}


def br(kind: str, m1, m2, mech="all"):
    """Seller's exact best response to a coupling (LP on its support; cached)."""
    def get():
        key = (kind, Fr(m1), Fr(m2), mech)
        if key not in _BR:
            _BR[key] = best_response_on_support(coupled(kind, m1, m2), mech)
        return _BR[key]
    return get


def _law_check(m, law: dict | None = None) -> tuple[bool, str]:
    """Exact: ``law`` (default: the recorded W11[m]) is a probability law on GRID11 with mean m."""
    law = W11[m] if law is None else law
    mass, mean = sum(law.values(), Fr(0)), law_mean(law)
    ok = mass == 1 and mean == m and all(w > 0 for w in law.values()) and set(law) <= set(GRID11)
    return ok, f"mass {mass}, mean {mean} (need {m}), support in the grid: {set(law) <= set(GRID11)}"


# ----------------------------------------------------------------------------------------------
# continuum: scope and 1-D objects
# ----------------------------------------------------------------------------------------------
k, kt = sp.symbols("k kt", positive=True)
k1, k2, k3 = sp.symbols("k1 k2 k3", positive=True)
kt1, kt2, kt3 = sp.symbols("kt1 kt2 kt3", positive=True)
x = sp.Symbol("x", positive=True)                 # the Pareto(1) driver of Thm. B.1's curve
s = sp.Symbol("s", nonnegative=True)
theta = sp.Symbol("theta", nonnegative=True)
# a generic finite coupling: values a_j of good 1, b_l of good 2, masses w_jl
a1, a2, b1, b2 = sp.symbols("a1 a2 b1 b2", nonnegative=True)
w11, w12, w21, w22 = sp.symbols("w11 w12 w21 w22", nonnegative=True)


def _ktilde(sym, param):
    return DefinedRoot(sym, sym * (1 - log(sym)) - param, bracket=(0, param),
                       closed_form=-param / LambertW(-param / E, -1),
                       inverse=(param, sym * (1 - log(sym))), image=Interval.open(0, 1))


SCOPE = Scope(
    parameters={k: Interval.open(0, 1), k1: Interval.open(0, 1), k2: Interval.open(0, 1), k3: Interval.open(0, 1),
                a1: Interval(0, 1), a2: Interval(0, 1), b1: Interval(0, 1), b2: Interval(0, 1),
                w11: Interval(0, 1), w12: Interval(0, 1), w21: Interval(0, 1), w22: Interval(0, 1)},
    roots=(_ktilde(kt, k), _ktilde(kt1, k1), _ktilde(kt2, k2), _ktilde(kt3, k3)),
)


def xi(r):
    return 1 / log(1 / r)


def one_good_mechanism(r, var=theta):
    """The 1-D robust mechanism with cutoff r (Carrasco et al., Prop. 3.2): q = ln(v / r) / ln(1 / r)."""
    return Mechanism.from_allocation(var, PiecewiseFunction(var, (0, r, 1), (0, log(var / r) / log(1 / r))))


def worst_case(r, var=s):
    """The 1-D worst case F*_r: density r / s^2 on [r, 1), atom r at 1 (Carrasco et al., Prop. 3.4)."""
    return Distribution(var, density=PiecewiseFunction(var, (0, r, 1), (0, r / var**2)), atoms={1: r})


def separate_sales(M: int):
    th = value_vars(M)
    kts, ks = (kt1, kt2, kt3)[:M], (k1, k2, k3)[:M]
    A = MultiAmbiguitySet.means(Box.unit(th), list(ks))
    sep = PartitionedSale.separate_sales(th, [one_good_mechanism(r) for r in kts])
    return th, A, sep, kts


# Thm. B.1's curve for one good (finest partition, v-bar = 1): V(x) = min(kt x, 1), x ~ H; as Piecewise, with the
# kink x = 1/kt in the left piece (V_RAMP: left derivative there) or in the right piece (V_FLAT: right derivative)
H = 1 - 1 / x
h = sp.diff(H, x)
V_RAMP = sp.Piecewise((kt * x, x <= 1 / kt), (1, True))
V_FLAT = sp.Piecewise((kt * x, x < 1 / kt), (1, True))


def _virtual(V):
    return V - sp.diff(V, x) * (1 - H) / h


# ----------------------------------------------------------------------------------------------
# claims
# ----------------------------------------------------------------------------------------------

def _c1_grid(name: str) -> ExactLPSum:
    inst = INST2[name]
    m1, m2 = CASES2[name]
    return ExactLPSum(
        f"c1_grid11_{name}", lhs=[v_all(inst)], rhs=[v_1d(GRID11, m1), v_1d(GRID11, m2)],
        lhs_labels=["V_all"], rhs_labels=[f"V_1D({m1})", f"V_1D({m2})"], source=f"{C1}; {COR3}",
        statement=(r"\max_{M\ \mathrm{IC/IR\ on}\ G}\min_{F\in\Delta(G):\,\mathbb E v = k}R(M,F) = V_{1D}(k_1)+V_{1D}(k_2)"
                   r"\ \text{on}\ " + inst.tex),
        note=(f"{inst.description}; V_1D = the same LP on the 11-point grid for one good. Finite instance of "
              "Cor. 3(1) (the set is finest-Knightian on the product grid: grid11_finest_knightian)"))


def _claims() -> list:
    out: list = []
    # ---------------- (a) two goods on the spec's R8 grid ------------------------------------
    out.append(FiniteCheck("grid11_finest_knightian", source=f"{CZ}, Def. 1", compute=lambda: finest_knightian_on_grid(
        INST2["k50_25"]), statement=r"\{F\in\Delta(G): \mathbb E_F v_i = k_i\} = \Upsilon^{-1}\Upsilon(\cdot) "
                                    r"\text{ (finest partition), } G = \{0,\dots,1\}^2",
        note="G is the product of its projections and each moment depends on one coordinate only"))
    out += [_c1_grid(name) for name in CASES2]
    out.append(ExactLPSum(
        "c1_grid11_k75_10_all_eq_separate", lhs=[v_all(INST2["k75_10"])], rhs=[lambda: solve(INST2["k75_10"], FINEST2).result],
        lhs_labels=["V_all"], rhs_labels=["V_sep"], source=f"{THM4}; {COR3}",
        statement=r"\max_{\mathcal M}\min_F R = \max_{\mathcal M_{1|2}}\min_F R \text{ on } " + INST2["k75_10"].tex))
    out.append(ExactLPSum(
        "c1_grid11_k75_10_all_eq_bundling", lhs=[v_all(INST2["k75_10"])],
        rhs=[lambda: solve(INST2["k75_10"], COARSEST2).result], lhs_labels=["V_all"], rhs_labels=["V_bundle"],
        source=f"{CZ}, Cor. 3(2) (hypothesis fails)", expect="fails", corrected="c1_grid11_k75_10_all_eq_separate",
        statement=r"\max_{\mathcal M}\min_F R = \max_{\mathcal M_{12}}\min_F R \text{ on } " + INST2["k75_10"].tex,
        note=("the item means are not functions of the law of v1 + v2, so the set is not Knightian for the "
              "coarsest partition; pure bundling (a 1-D mechanism on v1 + v2) earns strictly less than the value "
              "(cf. the spec's derived remark after Carrasco et al., Prop. 4.4)")))
    # ---------------- (b) three goods ----------------------------------------------------------
    out.append(FiniteCheck("grid4_3goods_finest_knightian", source=f"{CZ}, Def. 1",
                           compute=lambda: finest_knightian_on_grid(INST3),
                           statement=r"\{F\in\Delta(\{0,\frac13,\frac23,1\}^3): \mathbb E_F v = k\} "
                                     r"\text{ is finest-Knightian}"))
    out.append(ExactLPSum(
        "c1_three_goods_grid4", lhs=[v_all(INST3)], rhs=[v_1d(GRID4, m) for m in K3], lhs_labels=["V_all"],
        rhs_labels=[f"V_1D({m})" for m in K3], source=f"{C1}; {COR3}",
        statement=(r"\max_{M}\min_{F}R(M,F) = \textstyle\sum_{i=1}^3 V_{1D}(k_i) \text{ on } G=\{0,\tfrac13,\tfrac23,1\}^3,"
                   r"\ k = (\tfrac12,\tfrac14,\tfrac34)"), note=INST3.description))
    # ---------------- (c) the continuum statement ----------------------------------------------
    _, A2, sep2, kts2 = separate_sales(2)
    _, A3, sep3, kts3 = separate_sales(3)
    out += [
        Identity("knightian_mean_is_marginal_functional",
                 lhs=w11 * a1 + w12 * a1 + w21 * a2 + w22 * a2,
                 rhs=a1 * (w11 + w12) + a2 * (w21 + w22), source=f"{CZ}, Def. 1",
                 statement=(r"\mathbb E_F v_1 = \sum_{j,l} w_{jl}\,a_j = \sum_j a_j\,F_1(\{a_j\}),\ "
                            r"F = \sum_{j,l} w_{jl}\,\delta_{(a_j,b_l)}"),
                 note=("the mean of v_i is a function of the marginal F_i = F o pi_i^{-1} (change of variables; "
                       "shown on a generic 2x2-point coupling, any masses); with 'F on [0,1]^M iff every F_i on "
                       "[0,1]' (a union bound) this makes {E v_i = k_i} finest-Knightian (Che and Zhong, Def. 1)")),
        AllOf("c1_separate_sales_guarantee_M2", source=f"{CAR}, Prop. 4.2; {C1}",
              statement=(r"t^{sep}(v) = \textstyle\sum_i \xi_i (v_i - \tilde k_i)^+ \ge \sum_i \xi_i (v_i - \tilde k_i)"
                         r" \Rightarrow \min_{F}\mathbb E_F t^{sep} \ge \tilde k_1+\tilde k_2 \ \forall k_1,k_2\in(0,1)"),
              note="the sum of the two 1-D dual certificates of derivations/one_moment (guarantee), one per good",
              parts=[mc.incentive_compatible(sep2, id="sep2.IC"), mc.feasible_allocation(sep2, A2.box, id="sep2.feasible"),
                     mc.dual_certificate(sep2, A2, -xi(kt1) * kt1 - xi(kt2) * kt2, [xi(kt1), xi(kt2)], kt1 + kt2,
                                         lam_split=[-xi(kt1) * kt1, -xi(kt2) * kt2], id="sep2.guarantee")]),
        AllOf("c1_separate_sales_guarantee_M3", source=f"{CAR}, Prop. 4.2; {C1}",
              statement=r"\min_{F}\mathbb E_F t^{sep} \ge \tilde k_1+\tilde k_2+\tilde k_3 \ \forall k\in(0,1)^3",
              note="three 1-D dual certificates, one per good",
              parts=[mc.incentive_compatible(sep3, id="sep3.IC"), mc.feasible_allocation(sep3, A3.box, id="sep3.feasible"),
                     mc.dual_certificate(sep3, A3, sum(-xi(r) * r for r in kts3), [xi(r) for r in kts3], sum(kts3),
                                         lam_split=[-xi(r) * r for r in kts3], id="sep3.guarantee")]),
        AllOf("c1_separate_sales_upper_bound_M3", source=f"{CAR}, Prop. 3.4; {C1}",
              statement=(r"t = \textstyle\sum_i t_i(v_i) \text{ 1-D IC/IR}:\ \mathbb E_{F}t = \sum_i\mathbb E_{F^*_i}t_i"
                         r" \le \sum_i \tilde k_i \text{ for every coupling } F \text{ of } (F^*_{\tilde k_i})_i"),
              note=("couplings of the F*_{kt_i} are in F: the comonotone one by thmB1_curve_marginal_mean (mean "
                    "k_i, values min(kt_i x, 1) in [0, 1]), the product for M = 2 by m_goods.prop42_product_law_in_A. "
                    "So among separate sales the max-min value is exactly sum_i kt_i (with the guarantee claims). "
                    "That no mechanism at all does better is Che and Zhong, Cor. 3(1) (from Thm. 4; BY CITATION, "
                    "its hypotheses: finest-Knightian = knightian_mean_is_marginal_functional, regularity = direct "
                    "argument in the module docstring, NOT Prop. B.2, which is for convex-moment sets (1)) or "
                    "Thm. B.1 (see thmB1_*)"),
              parts=[checks.seller_best_response_bound(worst_case(r), r, id=f"sep3.bound_good{i + 1}")
                     for i, r in enumerate(kts3)]),
        Identity("thmB1_curve_marginal_mean",
                 lhs=sp.integrate(kt * x * h, (x, 1, 1 / kt)) + sp.integrate(h, (x, 1 / kt, oo)), rhs=k,
                 source=f"{THMB1}, eq. (29)",
                 statement=(r"\mathbb E\min(\tilde k X, 1) = \int_1^{1/\tilde k}\tilde k x\,\frac{dx}{x^2} + "
                            r"\int_{1/\tilde k}^\infty\frac{dx}{x^2} = k,\ X\sim H(x) = 1-\tfrac1x"),
                 note=("V_i = min(kt_i X, 1) (one X for all goods: the comonotone coupling of the F*_{kt_i}) has "
                       "E V_i = k_i; eq. (29) with v-bar = 1 is kt (1 - ln kt) = k")),
        AllOf("thmB1_virtual_values_on_curve", source=f"{THMB1}, eq. (31)",
              statement=(r"V_i - V_i'\tfrac{1-H}{h} = 0 \text{ on } [1, 1/\tilde k_i),\ = 1 \text{ on } (1/\tilde k_i,\infty),"
                         r"\ 1 - H(1/\tilde k_i) = \tilde k_i \Rightarrow \sup_M R(M,F^*) \le \textstyle\sum_i\tilde k_i"),
              note=("the algebra of (31) for the finest partition, v-bar_i = 1. The step R(M, F*) <= int psi . "
                    "(V - V' (1-H)/h) dH (envelope formula along the curve V, IR) is Thm. B.1's proof, BY CITATION "
                    "(not checked). Typo in (31): gamma_i = m_i / sum_{j in N} m_j must be m_i / m_{K(i)}"),
              parts=[Identity("thmB1.vv_ramp", lhs=_virtual(V_RAMP), rhs=0, over=[(x, 1, 1 / kt)]),
                     Identity("thmB1.vv_flat", lhs=_virtual(V_FLAT), rhs=1, over=[(x, 1 / kt, 2 / kt)]),
                     Identity("thmB1.tail_mass", lhs=1 - H.subs(x, 1 / kt), rhs=kt)]),
        Identity("thmB1_value_at_worst_case", lhs=xi(kt) * (k - kt), rhs=kt, source=f"{THMB1}, eq. (30)",
                 statement=r"\frac{m_i - \alpha_i}{\log(1/\alpha_i)} = \alpha_i \ (\alpha_i = \tilde k_i,\ \bar v_i = 1)",
                 note="per good; the separate sale earns sum_i kt_i against the comonotone curve law"),
    ]
    # ---------------- (d) C2 on the 11 x 11 grid ------------------------------------------------
    half, quarter, q3, tenth = Fr(1, 2), Fr(1, 4), Fr(3, 4), Fr(1, 10)
    out.append(AllOf(
        "grid11_worst_case_laws", source=f"{CAR}, Prop. 3.4 (grid analogue)",
        statement=r"W_m \in \Delta(\{0,\dots,1\}),\ \mathbb E_{W_m}v = m,\ \max_M R(M, W_m) = V_{1D}(m),\ "
                  r"m\in\{\tfrac12,\tfrac14,\tfrac34,\tfrac1{10}\}",
        note="the recorded 1-D laws W11 are worst cases of the 1-D grid problem (best response = value)",
        parts=[p for m in (half, quarter, q3, tenth) for p in (
            FiniteCheck(f"W11[{m}].member", compute=lambda m=m: _law_check(m)),
            ExactLPSum(f"W11[{m}].best_response", lhs=[lambda m=m: best_response_on_support(
                {(v,): w for v, w in W11[m].items()})], rhs=[v_1d(GRID11, m)],
                lhs_labels=["max_M R(M, W)"], rhs_labels=[f"V_1D({m})"]))]))
    out += [
        ExactLPSum("c2_product_is_worst_case", lhs=[br("product", half, half)], rhs=[v_all(INST2["k50_50"])],
                   lhs_labels=["max_M R(M, W x W)"], rhs_labels=["V_all"], source=C2, expect="fails",
                   corrected="c2_product_best_response_exceeds_value",
                   statement=r"\max_M R(M, W_{1/2}\times W_{1/2}) = V_{all} \text{ on } \{0,\dots,1\}^2,\ k=(\tfrac12,\tfrac12)",
                   note="the product of the 1-D worst cases is NOT a worst case (bundling-type menus earn more)"),
        ExactLPSum("c2_product_best_response_exceeds_value", lhs=[br("product", half, half)],
                   rhs=[v_all(INST2["k50_50"])], rel=">", value=Fr(6650490, 12967201),
                   lhs_labels=["max_M R(M, W x W)"], rhs_labels=["V_all"], source=C2,
                   statement=r"\max_M R(M, W_{1/2}\times W_{1/2}) = \tfrac{6650490}{12967201} > V_{all} = \tfrac{1512}{3601}",
                   note="spec R8: 0.51287013 vs 0.41988337; the best response LP is solved on the product's support "
                        "(81 points; equal to the grid best response by the menu extension, knightian_lp."
                        "best_response_on_support)"),
        ExactLPSum("c2_product_separate_sales_best_response", lhs=[br("product", half, half, FINEST2)],
                   rhs=[v_all(INST2["k50_50"])], lhs_labels=["max_{M_sep} R(M, W x W)"], rhs_labels=["V_all"],
                   source=f"{CAR}, Prop. 4.2", statement=r"\max_{M\in\mathcal M_{1|2}} R(M, W\times W) = V_{all}",
                   note="Prop. 4.2's product-law argument is valid inside separate sales (class (16)) only"),
        ExactLPSum("c2_comonotone_is_worst_case", lhs=[br("comonotone", half, half)], rhs=[v_all(INST2["k50_50"])],
                   value=Fr(1512, 3601), lhs_labels=["max_M R(M, W co W)"], rhs_labels=["V_all"],
                   source=f"{C2}; Lemma 4.2",
                   statement=r"\max_M R(M, \mathrm{comon}(W_{1/2}, W_{1/2})) = V_{all} = \tfrac{1512}{3601}"),
        ExactLPSum("c2_comonotone_is_worst_case_k75_10", lhs=[br("comonotone", q3, tenth)],
                   rhs=[v_all(INST2["k75_10"])], value=Fr(7047054, 15728911),
                   lhs_labels=["max_M R(M, comon)"], rhs_labels=["V_all"], source=f"{THMB1} (grid analogue)",
                   statement=r"\max_M R(M, \mathrm{comon}(W_{3/4}, W_{1/10})) = V_{all} \text{ at } k = (\tfrac34,\tfrac1{10})",
                   note="asymmetric means: the quantile coupling of the recorded 1-D worst cases is a worst case, "
                        "as Thm. B.1's comonotone curve law is in the continuum"),
        ExactLPSum("c2_comonotone_is_worst_case_k50_25", lhs=[br("comonotone", half, quarter)],
                   rhs=[v_all(INST2["k50_25"])], lhs_labels=["max_M R(M, comon)"], rhs_labels=["V_all"],
                   source=f"{THMB1} (grid analogue)", expect="fails",
                   corrected="c2_comonotone_k50_25_best_response_exceeds_value",
                   statement=r"\max_M R(M, \mathrm{comon}(W_{1/2}, W_{1/4})) = V_{all} \text{ at } k = (\tfrac12,\tfrac14)",
                   note=("a grid effect, about these recorded marginals only: W_{1/4} puts mass 1081/7381 at 0 and "
                         "3150/7381 at 1/10 (kt(1/4) = 0.0677 lies below the first grid step), and the quantile "
                         "coupling of W_{1/2} and W_{1/4} is not a worst case (best response 43379938/132894905 = "
                         "0.326423 > 0.295296). Other worst-case marginals may couple differently")),
        ExactLPSum("c2_comonotone_k50_25_best_response_exceeds_value", lhs=[br("comonotone", half, quarter)],
                   rhs=[v_all(INST2["k50_25"])], rel=">", lhs_labels=["max_M R(M, comon)"], rhs_labels=["V_all"],
                   source=f"{THMB1} (grid analogue)",
                   statement=r"\max_M R(M, \mathrm{comon}(W_{1/2}, W_{1/4})) > V_{all} \text{ at } k = (\tfrac12,\tfrac14)",
                   note="the counterexample of c2_comonotone_is_worst_case_k50_25: against this coupling of the "
                        "recorded grid worst cases (a law in F: grid11_worst_case_laws) the seller earns strictly "
                        "more than the max-min value"),
    ]
    return out


DERIVATION = Derivation(
    name="m_goods_asymmetric",
    title="M goods with asymmetric known means: separate sales are max-min optimal (C1), product laws are not worst cases (C2)",
    scope=SCOPE,
    claims=_claims(),
    model=(r"v\in[0,1]^M,\ \mathcal F = \{F: \mathbb E_F v_i = k_i\},\ \tilde k_i(1-\ln\tilde k_i) = k_i;\ "
           r"\text{finite: } G = \{0,\tfrac1{10},\dots,1\}^2,\ \{0,\tfrac13,\tfrac23,1\}^3"),
    references=("Carrasco, Luz, Kos, Messner, Monteiro and Moreira, 'Optimal selling mechanisms under moment "
                "conditions', Journal of Economic Theory 177 (2018), Sec. 4 (Props. 4.2, 4.4)",
                "Che and Zhong, 'Robustly Optimal Mechanisms for Selling Multiple Goods', working paper (2023), Sec. 6 (Def. 1, "
                "Thm. 4, Cor. 3), App. B.5 (Prop. B.2), App. B.6 (Thm. B.1)"),
)

if __name__ == "__main__":  # pragma: no cover
    print(DERIVATION.verify(digits=50))
