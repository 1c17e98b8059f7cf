"""M goods, one period (Carrasco et al., Section 4: Props. 4.1-4.4, Lemmas 4.1-4.2, eqs. (13), (15), (17)).

Model: values theta in [0, 1]^M, the seller knows only the means E[theta_i] = k_i.
kt_i solves kt_i (1 - ln kt_i) = k_i (the one-good k-tilde), xi_i = 1 / ln(1 / kt_i).

* Separate sales (Prop. 4.2) guarantee sum_i kt_i for any means (dual certificate, split
  good by good).  Against the product of the one-good worst cases no *separable*
  mechanism earns more.
* Bundled mechanisms (eqs. (13), (15), (17)): rent U = s ln(s / c) - s + c on s = xi.theta >= c,
  grad U = q, profit (xi.theta - c)^+, Hessian xi xi^T / (xi.theta) PSD.
* Prop. 4.3 as stated (full bundling solves (17), value M kt(kbar)) is FALSE for asymmetric
  means: at k = (3/4, 1/10) selling good 1 alone is feasible for (17) and earns
  kt(3/4) = 0.382404 > 2 kt(0.425) = 0.290002 (spec G5/R10).  (17) reduces to
  max_b sum_i (k_i - b)^+ / ln(1/b) = max_S |S| kt(kbar_S).
* Symmetric case (Section 4.3, k_i = k): the comonotone law theta_1 = ... = theta_M ~ F*
  and separate sales, or full bundling priced on the average value, form saddle points with
  value M kt, checked at M = 2, 3, 4, 5 (Lemma 4.1, Lemma 4.2, Prop. 4.4).  The support of
  F* is the diagonal segment, not the box [kt, 1]^M (typo T9).
"""
from __future__ import annotations

import sympy as sp
from sympy import E, Interval, LambertW, Rational, log

from symmech import (AllOf, DefinedRoot, Derivation, Distribution, Identity, Inequality, Mechanism,
                     PiecewiseFunction, Scope, checks)
from symmech.models.multigood import (
    Block,
    Box,
    MultiAmbiguitySet,
    PartitionedSale,
    ProductDistribution,
    comonotone,
    value_vars,
)
from symmech.checks import multigood as mc
from symmech.reports.figures import Curve, CurveFigure, Level, Mark

PAPER = "Carrasco et al."
theta = sp.Symbol("theta", nonnegative=True)
s = sp.Symbol("s", nonnegative=True)
x = sp.Symbol("x", nonnegative=True)           # aggregate value of a bundle
k, kt = sp.symbols("k kt", positive=True)        # symmetric mean and its k-tilde
k1, k2, kt1, kt2 = sp.symbols("k1 k2 kt1 kt2", positive=True)   # asymmetric means (Prop. 4.2)
ka, kb, kta, ktb, ktbar = sp.symbols("k_a k_b kt_a kt_b kt_bar", positive=True)  # the R10 counterexample
xi1, xi2, c = sp.symbols("xi1 xi2 c", positive=True)   # a generic bundle: weights and cutoff theta^*
U1, U2 = UV = sp.symbols("u1 u2", positive=True)   # a type in the sale region of the bundle
M = sp.Symbol("M", positive=True)                       # number of goods, where a formula is symbolic in M

ENCLOSURES = {kta: (Rational(19, 50), Rational(39, 100)), ktb: (Rational(1, 50), Rational(1, 40)),
              ktbar: (Rational(7, 50), Rational(3, 20))}


def _ktilde(sym, param, enclosure=None):
    """kt(param), the root of kt (1 - ln kt) = param in (0, param).  A parameter with a range is eliminated
    through the inverse; at a fixed param the root is bracketed by its rational ``enclosure`` (the bracket
    check proves exactly one root there) and declared with it as image, so proofs range the root over it."""
    equation, closed_form = sym * (1 - log(sym)) - param, -param / LambertW(-param / E, -1)
    if enclosure is None:
        return DefinedRoot(sym, equation, bracket=(0, param), closed_form=closed_form,
                           inverse=(param, sym * (1 - log(sym))), image=Interval.open(0, 1))
    lo, hi = enclosure
    return DefinedRoot(sym, equation, bracket=(lo, hi), closed_form=closed_form, image=Interval(lo, hi))


SCOPE = Scope(
    parameters={k: Interval.open(0, 1), k1: Interval.open(0, 1), k2: Interval.open(0, 1),
                ka: Rational(3, 4), kb: Rational(1, 10),
                xi1: Interval(Rational(1, 2), 2), xi2: Interval(Rational(1, 2), 2), c: Interval.Lopen(0, Rational(1, 2)),
                U1: Interval(Rational(1, 2), 1), U2: Interval(Rational(1, 2), 1),
                M: Interval(2, 5)},
    roots=(_ktilde(kt, k), _ktilde(kt1, k1), _ktilde(kt2, k2),
           *(_ktilde(sym, mean, ENCLOSURES[sym]) for sym, mean in ((kta, ka), (ktb, kb), (ktbar, (ka + kb) / 2)))),
)


def xi(r):
    return 1 / log(1 / r)


# --- exact proofs about the roots kt_a = kt(3/4), kt_b = kt(1/10), kt_bar = kt(0.425) -------------------
# These roots have no inverse map in the scope (their means are fixed numbers).  Each is bracketed by a
# rational enclosure (ENCLOSURES) and declared with it as image; symmech checks that the bracket holds
# exactly one root (sign change at the ends, the equation strictly increasing inside) and that it lies in
# the image, and then proves claims about the root for every value of the enclosure (independent
# numerics: kt_a = 0.382403569602..., kt_b = 0.020451068062..., kt_bar = 0.145000972128...; see
# tests/derivations/test_m_goods.py).


def one_good_mechanism(r, var=theta, top=1):
    """The one-good robust mechanism with cutoff r on [0, top]: q = ln(var / r) / ln(1 / r)."""
    return Mechanism.from_allocation(var, PiecewiseFunction(var, (0, r, top), (0, log(var / r) / log(1 / r))))


def bundle_on_sum(Mn: int):
    """Price on the sum x in [0, M]: q = ln(x / (M kt)) / ln(1 / kt) for x >= M kt (Prop. 4.3 with b = kt)."""
    return Mechanism.from_allocation(x, PiecewiseFunction(x, (0, Mn * kt, Mn), (0, log(x / (Mn * kt)) / log(1 / kt))))


def worst_case(r, var=s):
    """The one-good worst case: density r / s^2 on [r, 1), atom r at 1."""
    return Distribution(var, density=PiecewiseFunction(var, (0, r, 1), (0, r / var**2)), atoms={1: r})


M_STAR = one_good_mechanism(kt)
F_STAR = worst_case(kt)

# --- asymmetric separate sales (Prop. 4.2), M = 2 ------------------------------------------
TH2 = value_vars(2)
BOX2 = Box.unit(TH2)
A_ASYM = MultiAmbiguitySet.means(BOX2, [k1, k2])
SEP_ASYM = PartitionedSale.separate_sales(TH2, [one_good_mechanism(kt1), one_good_mechanism(kt2)])
PRODUCT_ASYM = ProductDistribution(TH2, [worst_case(kt1), worst_case(kt2)])

# --- a generic bundle (eqs. (13), (15)): weights (xi1, xi2), cutoff c ----------------------------
# The type (u1, u2) ranges over [1/2, 1]^2, inside the sale region {xi.u >= c}; it is declared as a scope
# parameter (sampled jointly with xi1, xi2, c) rather than a bound variable, to keep the sampling grid small.
# The identities are exact (proved symbolically) and, being identities of analytic functions, hold on all
# of {xi.theta > 0}.
S_XI = xi1 * U1 + xi2 * U2
U_BUNDLE = S_XI * log(S_XI / c) - S_XI + c
Q_BUNDLE = [xi1 * log(S_XI / c), xi2 * log(S_XI / c)]
BUNDLE_1D = Mechanism.from_allocation(x, PiecewiseFunction(x, (0, c, xi1 + xi2), (0, log(x / c))))
BUNDLE_GENERIC = PartitionedSale(TH2, [Block((0, 1), BUNDLE_1D, (xi1, xi2))])


def symmetric(Mn: int):
    """(types, ambiguity set, comonotone F*, separate sales, bundle priced on the average) for M = Mn."""
    th = value_vars(Mn)
    A = MultiAmbiguitySet.means(Box.unit(th), [k] * Mn)
    return (th, A, comonotone(th, F_STAR), PartitionedSale.separate_sales(th, [M_STAR] * Mn),
            PartitionedSale.pure_bundling(th, M_STAR, on="average"))


SRC17 = f"{PAPER}, eq. (17)"


def good1_only_feasible(lhs=None, rhs=1) -> Inequality:
    return Inequality("good1_only_feasible_for_17", lhs=xi(kta) * log(theta / kta) if lhs is None else lhs,
                      rel="<=", rhs=rhs, over=[(theta, kta, 1)], source=SRC17,
                      statement=r"\xi = (1/\ln(1/\tilde k_a), 0),\ \theta^* = \xi_1\tilde k_a:\ "
                                r"\xi_1\ln\frac{\xi\cdot\theta}{\theta^*} \le 1\ \forall\theta")


def good1_only_objective(lhs=None, rhs=kta) -> Identity:
    return Identity("good1_only_objective", lhs=xi(kta) * (ka - kta) if lhs is None else lhs, rhs=rhs, source=SRC17,
                    statement=r"\xi\cdot(k - \tilde\theta) = \tilde k(k_a) \text{ for selling good 1 only}",
                    rewrites=(({ka: kta * (1 - log(kta))}, "defining equation of kt_a: kt_a (1 - ln kt_a) = k_a"),))


def corrected_17_value(lhs=None, rhs=kta) -> Identity:
    return Identity("corrected_17_value", lhs=sp.Max(2 * ktbar, kta, ktb) if lhs is None else lhs, rhs=rhs,
                    source=SRC17,
                    statement=r"\max_S |S|\,\tilde k(\bar k_S) = \tilde k(3/4) \text{ at } k = (3/4, 1/10)",
                    note="derived (spec C3): (17) = max_b sum_i (k_i - b)^+ / ln(1/b)")


def _claims() -> list:
    p42, p43, p44 = (f"{PAPER}, Prop. 4.{i}" for i in (2, 3, 4))
    l41, l42 = f"{PAPER}, Lemma 4.1", f"{PAPER}, Lemma 4.2"
    out: list = []
    # ---------------- Prop 4.2: separate sales, asymmetric means ----------------------------
    lam = -xi(kt1) * kt1 - xi(kt2) * kt2
    out += [
        Identity("eq15_separable", lhs=theta * sp.diff(M_STAR.allocation.pieces[1], theta), rhs=xi(kt),
                 over=[(theta, kt, 1)], source=f"{PAPER}, eqs. (15)-(16)",
                 statement=r"\theta_i\, \partial q_i^*/\partial\theta_i = \xi_i \text{ on the sale region}"),
        mc.incentive_compatible(SEP_ASYM, id="prop42_IC", source=p42),
        mc.feasible_allocation(SEP_ASYM, BOX2, id="prop42_feasible", source=p42),
        mc.dual_certificate(SEP_ASYM, A_ASYM, lam, [xi(kt1), xi(kt2)], kt1 + kt2,
                            lam_split=[-xi(kt1) * kt1, -xi(kt2) * kt2], id="prop42_guarantee", source=p42),
        mc.in_ambiguity_set(PRODUCT_ASYM, A_ASYM, id="prop42_product_law_in_A", source=p42),
        mc.revenue_equals(SEP_ASYM, PRODUCT_ASYM, kt1 + kt2, id="prop42_revenue_vs_product", source=p42),
        AllOf("prop42_separable_upper_bound", source=p42,
              statement=(r"\text{mechanisms with (16): } \int \Pi_i\, dF_i^* \le \tilde k_i "
                         r"\Rightarrow \int \Pi\, d(\times_i F_i^*) \le \textstyle\sum_i \tilde k_i"),
              note="valid only inside class (16); against the product law general mechanisms earn more (spec C2)",
              parts=[checks.seller_best_response_bound(worst_case(kt1), kt1, id="prop42_bound_good1", source=p42),
                     checks.seller_best_response_bound(worst_case(kt2), kt2, id="prop42_bound_good2", source=p42)]),
        AllOf("ktilde_convex", source=f"{PAPER}, Prop. 4.4",
              statement=(r"\tilde k''(k) = \frac{1/\tilde k}{(-\ln\tilde k)^3} > 0 \Rightarrow "
                         r"\textstyle\sum_i \tilde k(k_i) \ge M\,\tilde k(\bar k)"),
              note="derived (spec G5): by Jensen, separate sales beat full bundling for asymmetric means; "
                   "kt''(k) by implicit differentiation of kt (1 - ln kt) = k",
              parts=[Identity("ktilde_convex.second_derivative", lhs=sp.idiff(kt * (1 - log(kt)) - k, kt, k, 2),
                              rhs=(1 / kt) / (-log(kt)) ** 3, source=f"{PAPER}, Prop. 4.4"),
                     Inequality("ktilde_convex.positive", lhs=(1 / kt) / (-log(kt)) ** 3, rel=">", rhs=0,
                                source=f"{PAPER}, Prop. 4.4")]),
    ]
    # ---------------- bundled mechanisms, eqs. (13), (15) -----------------------------------
    src17 = f"{PAPER}, eq. (17)"
    out += [
        AllOf("bundle_grad_U_is_q", source=f"{PAPER}, eq. (12)",
              statement=r"\nabla U = \xi \ln\frac{\xi\cdot\theta}{\theta^*} = q",
              parts=[Identity(f"bundle_grad_U_is_q[{i}]", lhs=sp.diff(U_BUNDLE, v), rhs=q, over=[])
                     for i, (v, q) in enumerate(zip(UV, Q_BUNDLE))]),
        mc.payment_identity(U_BUNDLE, S_XI - c, UV, [], id="bundle_profit", source=f"{PAPER}, eq. (13)"),
        AllOf("eq15_bundle", source=f"{PAPER}, eq. (15)", statement=r"D q(\theta)\, \theta = \xi",
              parts=[Identity(f"eq15_bundle[{i}]", lhs=sum(sp.diff(q, v) * v for v in UV), rhs=w, over=[])
                     for i, (q, w) in enumerate(zip(Q_BUNDLE, (xi1, xi2)))]),
        AllOf("bundle_hessian_formula", source=f"{PAPER}, eq. (17)",
              statement=r"\nabla^2 U = \xi\xi^\top / (\xi\cdot\theta)",
              parts=[Identity(f"bundle_hessian[{i}{j}]", lhs=sp.diff(U_BUNDLE, UV[i], UV[j]),
                              rhs=(xi1, xi2)[i] * (xi1, xi2)[j] / S_XI, over=[])
                     for i in range(2) for j in range(i, 2)]),
        mc.hessian_psd(U_BUNDLE, UV, [], id="bundle_hessian_psd", source=src17),
        mc.incentive_compatible(BUNDLE_GENERIC, id="bundle_IC_everywhere", source=src17),
        Identity("bundle_profit_1d", lhs=BUNDLE_1D.payment.pieces[1], rhs=x - c, over=[(x, c, xi1 + xi2)],
                 source=src17, statement=r"\Pi = \xi\cdot\theta - \theta^* \text{ on } \xi\cdot\theta \ge \theta^*"),
    ]
    # ---------------- Prop 4.3 --------------------------------------------------------------
    out += [
        Identity("prop43_value", lhs=M * (kt - k) / log(kt), rhs=M * kt, source=p43,
                 statement=r"b(1-\ln b) = \bar k \Rightarrow \xi\cdot k - \theta^* = M\frac{b-\bar k}{\ln b} = M b"),
        Identity("prop43_constraint_binds", lhs=xi(kt) * log((M * xi(kt)) / (M * kt * xi(kt))), rhs=1, source=p43,
                 statement=r"\xi_i \ln\frac{\xi\cdot 1}{\theta^*} = 1 \text{ at } \xi = \mathbf 1/\ln(1/b),\ "
                           r"\theta^* = M b/\ln(1/b)"),
        good1_only_feasible(),
        good1_only_objective(),
        Inequality("prop43_as_stated_asymmetric", lhs=xi(kta) * (ka - kta), rel="<=", rhs=2 * ktbar, source=p43,
                   expect="fails", corrected="corrected_17_value",
                   statement=(r"\text{(17) has value } M\tilde k(\bar k):\ \xi\cdot(k-\tilde\theta) \le 2\tilde k(0.425)"
                              r" \text{ at } k = (3/4, 1/10)"),
                   note="gap G5: 'all constraints bind' needs min_i k_i >= kt(kbar); here 0.382404 > 0.290002"),
        corrected_17_value(),
    ]
    # ---------------- Section 4.3: symmetric case -------------------------------------------
    out += [
        Identity("eq18_payment", lhs=M_STAR.payment.pieces[1], rhs=xi(kt) * (theta - kt), over=[(theta, kt, 1)],
                 source=f"{l41}; eqs. (18)-(19)",
                 statement=r"p^*(\theta) = \textstyle\sum_i (\theta_i - \tilde k)^+ / \ln(1/\tilde k)",
                 note="(18) is a sum of one-good envelope payments because q_i^* depends on theta_i only"),
        Identity("lemma41_value_symbolic_M", lhs=sp.Sum((k - kt) * xi(kt), (sp.Symbol("i", integer=True), 1, M)).doit(),
                 rhs=M * kt, source=l41, statement=r"\sum_{i=1}^M \frac{k - \tilde k}{\ln(1/\tilde k)} = M\tilde k"),
    ]
    th2, A2, F2, sep2, _ = symmetric(2)
    BUNDLE_SUM2 = PartitionedSale.pure_bundling(th2, bundle_on_sum(2), on="sum")
    out += [
        AllOf("lemma41_support_in_box", source=l41, statement=r"\operatorname{supp} F^* \subseteq [\tilde k, 1]^M",
              parts=[Inequality(f"lemma41_support_in_box[{j}]", lhs=a, rel=">=", rhs=kt)
                     for j, (a, _) in enumerate(F2.support_segments())]),
        mc.support_contains(F2, (kt, 1), id="lemma41_support_is_box_as_printed", source=l41, expect="fails",
                            statement=r"\operatorname{supp} F^* = [\tilde k,1]^2 \ni (\tilde k, 1)"
                            ).pinned_to("lemma41_support_is_diagonal"),
        AllOf("lemma41_support_is_diagonal", source=l41,
              statement=r"(\tilde k,\tilde k),\ (\tfrac{1+\tilde k}2,\tfrac{1+\tilde k}2),\ (1,1) \in "
                        r"\operatorname{supp} F^*: \text{ the diagonal segment from } (\tilde k,\tilde k) \text{ to } (1,1)",
              note="typo T9 corrected: the comonotone F* lives on the diagonal of [kt, 1]^2, not on the box",
              parts=[mc.support_contains(F2, pt, id=f"lemma41_support_is_diagonal[{j}]", source=l41)
                     for j, pt in enumerate(((kt, kt), ((1 + kt) / 2, (1 + kt) / 2), (1, 1)))]),
        AllOf("prop44_bundle_on_sum_M2", source=p44,
              statement=r"\text{price on } \theta_1+\theta_2:\ \text{IC, feasible, guarantee } 2\tilde k = \mathbb{E}_{F^*}[t]",
              parts=[mc.incentive_compatible(BUNDLE_SUM2, id="sum2.IC"),
                     mc.feasible_allocation(BUNDLE_SUM2, A2.box, id="sum2.feasible"),
                     mc.dual_certificate(BUNDLE_SUM2, A2, -2 * xi(kt) * kt, [xi(kt)] * 2, 2 * kt, id="sum2.guarantee"),
                     mc.revenue_equals(BUNDLE_SUM2, F2, 2 * kt, id="sum2.revenue")]),
    ]
    for Mn in (2, 3, 4, 5):
        th, A, F, sep, bundle = symmetric(Mn)
        lam, mu = -Mn * xi(kt) * kt, [xi(kt)] * Mn
        out.append(mc.saddle_point(sep, F, A, lam, mu, Mn * kt, id=f"saddle_separate_M{Mn}",
                                   source=f"{l41}; {l42}; Sec. 4.3"))
        out.append(mc.saddle_point(bundle, F, A, lam, mu, Mn * kt, id=f"prop44_bundle_on_average_M{Mn}", source=p44))
    return out


DERIVATION = Derivation(
    name="m_goods",
    title="M goods with known means: separate sales, bundling, and the comonotone worst case",
    scope=SCOPE,
    claims=_claims(),
    model=(r"\theta \in [0,1]^M,\ \mathbb{E}[\theta_i] = k_i,\ \tilde k_i(1-\ln\tilde k_i) = k_i,\ "
           r"\xi_i = 1/\ln(1/\tilde k_i)"),
    references=("Carrasco, Luz, Kos, Messner, Monteiro and Moreira, 'Optimal selling mechanisms under moment "
                "conditions', Journal of Economic Theory 177 (2018), Section 4",),
    figures={"point": {k: Rational(1, 2), k1: Rational(1, 2), k2: Rational(1, 4), ka: Rational(3, 4), kb: Rational(1, 10)},
             "counterexample_R10": CurveFigure(
                 k, 0, 1, xlabel="known mean $k$ of one good", ylabel=r"robust revenue $\tilde k(k)$",
                 title="Separate sales against full bundling",
                 caption="The one-good robust revenue as a function of the known mean (the defining equation drawn "
                         "through its inverse; convex: the claim ktilde_convex) and the spec's counterexample to Prop. "
                         "4.3 (R10): with means 3/4 and 1/10, separate sales and even good 1 alone guarantee more than "
                         "full bundling, which guarantees twice the value at the average mean",
                 curves=(Curve.parametric(SCOPE.roots[0].inverse[1], kt, kt, Rational(1, 10**4), 1, r"$\tilde k(k)$"),),
                 marks=(Mark(ka, r"$\tilde k(k_a)$", y=kta), Mark(kb, r"$\tilde k(k_b)$", y=ktb),
                        Mark((ka + kb) / 2, r"$\tilde k(\bar k)$", y=ktbar)),
                 levels=(Level(kta + ktb, "separate sales"), Level(2 * ktbar, "full bundling (Prop. 4.3 as stated)",
                                                                    style=":")))},
)

if __name__ == "__main__":  # pragma: no cover
    print(DERIVATION.verify(digits=50))
