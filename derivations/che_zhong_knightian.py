"""Che and Zhong, Sec. 6: K-Knightian ambiguity (Def. 1), Thm. 4, Lemma A.1 (App. A.6), and
footnotes 23 and 29.

Lemma A.1's reduction.  Partition K = {A, B} with A = {1, 2}, B = {3}; shares alpha_1 = c,
alpha_2 = 1 - c, alpha_3 = 1 (sum over each cell is one; not the alpha_K of Sec. 3).  For a type
x = (x_A, x_B) of the hypothetical two-good problem, V(x) = (c x_A, (1 - c) x_A, x_B); for any
mechanism (q, t) on R_+^3 and report x', q~_A = c q_1 + (1 - c) q_2, q~_B = q_3, t~ = t.  The
symbols q1, q2, q3, t stand for the values q(V(x')), t(V(x')).

Footnotes 23 / 29 (gap).  Def. 1 needs F' in the set whenever F' has the same K-marginals (laws of
the cell totals) as a member.  The sets of Sec. 3 (eq. (1)) and B.6 fix the item means E v_i, and
for a cell with |K| >= 2 these are not functions of the K-marginals: for the coarsest partition
of two goods, delta_(t, 1-t) (t in [0, 1]) all have v_1 + v_2 = 1 a.s. (the same K-marginal) but
E v_1 = t, so they cannot all lie in a set fixing E v_1 (e.g. t = 1/2 vs t = 1, both in B.6's
domain D = {v_1 + v_2 <= v-bar} for v-bar >= 1).  So "clearly satisfies K-Knightian ambiguity"
holds only for the finest partition or when Omega constrains only the cell sums m_K (fn. 10);
Thm. 4 still applies through the F-hat intersection (item-mean knowledge is exactly what F-hat
adds), i.e. with the Knightian set {sigma_K constraints} and F-hat = {mean constraints}.
"""
from __future__ import annotations

import sympy as sp
from sympy import Interval

from symmech import AllOf, Derivation, Identity, Inequality, Scope
from symmech.claims.budgeted import budget as _budget


budget = _budget          # the library's wrapper keeps each claim's expectation and pinned twin

PAPER = "Che and Zhong"
LA1 = f"{PAPER}, Lemma A.1"
D1 = f"{PAPER}, Def. 1"
c = sp.Symbol("c", positive=True)
q1, q2, q3, t = sp.symbols("q1 q2 q3 t", nonnegative=True)
mA1, mA2 = sp.symbols("m_1 m_2", positive=True)
xA, xB = sp.symbols("x_A x_B")                 # plain: bound variables
s = sp.Symbol("s")                             # plain: bound variable (share of good 1)
SCOPE = Scope(parameters={c: Interval.open(0, 1), q1: Interval(0, 1), q2: Interval(0, 1), q3: Interval(0, 1),
                          t: Interval(0, 5), mA1: Interval.open(0, 2), mA2: Interval.open(0, 2)})


def _witness(share):
    """delta at (share, 1 - share): the laws of fn. 23/29's gap, one K-marginal (total 1) for every share."""
    return (share, 1 - share)


def _claims() -> list:
    V = (c * xA, (1 - c) * xA, xB)
    qA = c * q1 + (1 - c) * q2
    # Lemma A.1's shares alpha_i = m_i / m_K(i) and E X_A = m_1 + m_2 (the K-marginal's mean); V is linear in x_A
    shares = {c: mA1 / (mA1 + mA2), xA: mA1 + mA2}
    # finest partition, two goods: the independent and the comonotone coupling of Bernoulli(1/2) marginals
    half = sp.Rational(1, 2)
    indep = {(0, 0): half**2, (0, 1): half**2, (1, 0): half**2, (1, 1): half**2}
    comon = {(0, 0): half, (1, 1): half}
    marg1 = lambda law, u: sum(pr for v_, pr in law.items() if v_[0] == u)   # noqa: E731  law of v_1
    mean1 = lambda law: sum(pr * v_[0] for v_, pr in law.items())           # noqa: E731  E v_1
    return budget([
        Identity("reduction_utility_identity", lhs=xA * qA + xB * q3 - t,
                 rhs=V[0] * q1 + V[1] * q2 + V[2] * q3 - t, over=[(xA, 0, 5), (xB, 0, 5)], source=f"{LA1}, eq. (16)",
                 statement=r"\mathbf x\cdot\tilde q(\mathbf x') - \tilde t(\mathbf x') = \mathbf V(\mathbf x)\cdot "
                           r"q(\mathbf V(\mathbf x')) - t(\mathbf V(\mathbf x'))",
                 note="so IC/IR of (q, t) on the curve V give IC/IR of (q~, t~), with the same revenue"),
        AllOf("reduction_feasible", source=LA1,
              statement=r"\tilde q_K = \sum_{j\in K}\alpha_j q_j \in [0,1] \text{ since } \sum_{j\in K}\alpha_j = 1",
              parts=[Inequality("reduction_feasible.le1", lhs=qA, rel="<=", rhs=1, source=LA1),
                     Inequality("reduction_feasible.ge0", lhs=qA, rel=">=", rhs=0, source=LA1)]),
        Identity("reduction_preserves_K_marginal", lhs=V[0] + V[1], rhs=xA, over=[(xA, 0, 5)], source=f"{LA1}, eq. (17)",
                 statement=r"\sum_{i\in K}V_i(\mathbf x) = x_K \text{ (so } F^* \in \Upsilon_{\mathcal K}^{-1}((F_K)))"),
        AllOf("reduction_preserves_means", source=LA1,
              statement=r"\mathbb E V_i = \alpha_i\mathbb E X_{K(i)} = \frac{\mathbb E_{F'}v_i}{\sum_{j\in K(i)}"
                        r"\mathbb E_{F'}v_j}\sum_{j\in K(i)}\mathbb E_{F'}v_j = \mathbb E_{F'}v_i",
              note="the curve V of the reduction (linear in x_A) at the K-marginal's mean, with Lemma A.1's shares",
              parts=[Identity(f"reduction_preserves_means.v{i + 1}", lhs=V[i].subs(shares), rhs=mi, source=LA1)
                     for i, mi in enumerate((mA1, mA2))]),
        # --- footnotes 23 / 29 -------------------------------------------------------------------
        Identity("coarsest_same_K_marginal", lhs=sum(_witness(s)), rhs=sum(_witness(1)), over=[(s, 0, 1)], source=D1,
                 note="so also E(v_1 + v_2) is the same for all of them: the cell-sum knowledge of fn. 10 is a function "
                      "of the K-marginal (the corrected reading of fn. 23/29)",
                 statement=r"\delta_{(s,1-s)}:\ v_1+v_2 = 1 \text{ a.s. for every } s\in[0,1] "
                           r"\text{ (one } \mathcal K\text{-marginal, coarsest } \mathcal K)"),
        Identity("fn23_item_mean_is_function_of_K_marginals", lhs=_witness(s)[0], rhs=_witness(1)[0], over=[(s, 0, 1)],
                 source=f"{PAPER}, fn. 23", expect="fails", corrected="coarsest_same_K_marginal",
                 statement=r"\mathbb E_{\delta_{(s,1-s)}}v_1 = \mathbb E_{\delta_{(1,0)}}v_1 \text{ (needed for "
                           r"the set (1) with } \mu_i(F) = m_i \text{ to be } \mathcal K\text{-Knightian)}",
                 note="gap: s = 1/2 gives E v_1 = 1/2 != 1 with the same law of v_1 + v_2; the Sec. 3 set is "
                      "K-Knightian only for the finest partition or sum-of-means knowledge (fn. 10)"),
        Identity("fn29_B6_item_mean_is_function_of_K_marginals", lhs=_witness(s)[0], rhs=_witness(1)[0],
                 over=[(s, 0, 1)], source=f"{PAPER}, fn. 29", expect="fails", corrected="coarsest_same_K_marginal",
                 statement=r"\text{B.6: } \delta_{(s,1-s)}, \delta_{(1,0)} \in \Delta(D),\ \bar v_N \ge 1:\ "
                           r"\mathbb E v_1 = s \text{ vs } 1",
                 note="same gap for {F in Delta(D): E v_i = m_i} with the coarsest partition"),
        AllOf("finest_item_mean_is_function_of_marginal", source=f"{PAPER}, Cor. 3",
              statement=r"\text{finest } \mathcal K:\ \mathbb E v_i = \int z\,dF_{\{i\}}(z) \text{: the independent and"
                        r" the comonotone coupling of Bernoulli}(\tfrac12)^2 \text{ have the same } F_{\{1\}} \text{ and } "
                        r"\mathbb E v_1",
              note="why Cor. 3(1) can drop F-hat: with the finest partition the item means are functions of the "
                   "K-marginals (unlike fn23_item_mean_is_function_of_K_marginals for the coarsest)",
              parts=[Identity(f"finest_item_mean_is_function_of_marginal.marginal[{u}]", lhs=marg1(indep, u),
                              rhs=marg1(comon, u), source=f"{PAPER}, Cor. 3") for u in (0, 1)]
              + [Identity("finest_item_mean_is_function_of_marginal.mean", lhs=mean1(indep), rhs=mean1(comon),
                          source=f"{PAPER}, Cor. 3")]),
    ], 1.0)


DERIVATION = Derivation(
    name="che_zhong_knightian",
    title="Che-Zhong Sec. 6: K-Knightian ambiguity, Lemma A.1's reduction, the fn. 23/29 gap",
    scope=SCOPE,
    claims=_claims(),
    model=(r"\Upsilon_{\mathcal K}(F) = (\mathrm{law}_F\sum_{j\in K}v_j)_K,\ \mathcal F = "
           r"\Upsilon_{\mathcal K}^{-1}(\Upsilon_{\mathcal K}(\mathcal F))"),
    references=("Che and Zhong, 'Robustly Optimal Mechanisms for Selling Multiple Goods', working paper (2023), Sec. 6, "
                "App. A.6, B.6",),
)

if __name__ == "__main__":  # pragma: no cover
    print(DERIVATION.verify(digits=50))
