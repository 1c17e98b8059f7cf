"""Bikhchandani and Mishra, "Rank-preserving Multidimensional Mechanisms" (2022), Sec. 5.3:
robust optimality in the identical objects model with a known average marginal (Def. 9, Def. 10,
eq. (12), Prop. 6) and the open uncertainty-I problem (spec Sec. 7 item 1).

Grid instances (sorted grid, nature's laws with the given average marginal): the max-min LP has
nature's minimum dualized, so its exact certificate is the dual certificate of the saddle point.
"""
from __future__ import annotations

from fractions import Fraction as Fr

import sympy as sp

from symmech import Derivation, Identity, Inequality, Scope
from symmech.tactics.lp.exact import solve_exact
from symmech.models.multigood import grid_lp as G
from symmech.models.multigood import rank as R
from symmech.models.multigood import symmetric as S
from symmech.models.multigood.knightian_lp import FiniteCheck

PAPER = "Bikhchandani and Mishra, 'Rank-preserving Multidimensional Mechanisms' (2022)"
p = sp.Symbol("p", nonnegative=True)
X = sp.Symbol("x", nonnegative=True)
SCOPE = Scope()

#: spec R12: (values, g) with V*_II
R12 = {
    "123": ((1, 2, 3), {1: Fr(1, 2), 2: Fr(3, 10), 3: Fr(1, 5)}, Fr(2)),
    "134": ((1, 3, 4), {1: Fr(3, 5), 3: Fr(1, 5), 4: Fr(1, 5)}, Fr(12, 5)),
}
G1 = {1: Fr(1, 4), 2: Fr(39, 100), 3: Fr(9, 25)}
G2 = {1: Fr(3, 4), 2: Fr(21, 100), 3: Fr(1, 25)}


def _src(item: str) -> str:
    return f"{PAPER}, {item}"


def equalizer() -> tuple[bool, str]:
    """Eq. (12) on grids: the optimal uniform price earns V* under every member of F_avg tried
    (diagonal, sorted i.i.d., a sorted exchangeable mixture with the same G^H = G_avg)."""
    out = []
    for key, (vals, g, vstar) in R12.items():
        _, prices = G.best_uniform_price(g, 2)
        gl = {Fr(k): w for k, w in g.items()}
        iid = S.sorted_law(S.iid_law(list(gl), list(gl.values()), 2))
        diag = G.diagonal_law(g, 2)
        mix = {k: (iid.get(k, 0) + diag.get(k, 0)) / 2 for k in set(iid) | set(diag)}
        for law in (iid, diag, mix):
            if S.average_marginal(law) != gl:
                return False, "a test law is not in F_avg"
            mech = R.tabulate(G.uniform_price(prices[0], 2), R.grid(vals, 2, "I"))
            ok, d = R.check_ic(mech)
            if not ok or R.revenue(mech, law) != vstar:
                return False, f"{key}: {d}; revenue {R.revenue(mech, law)} != {vstar}"
        out.append(key)
    return True, f"uniform price is IC and earns V* under 3 members of F_avg on instances {out}"


def _maxmin(key):
    vals, g, _ = R12[key]
    return G.cached(("bm_rob", key), lambda: solve_exact(G.maxmin_average_lp(vals, g, 2).lp))


def _best_response_diag(key):
    vals, g, _ = R12[key]
    return G.cached(("bm_rob_diag", key),
                    lambda: G.optimum(R.grid(vals, 2, "I"), G.diagonal_law(g, 2), "I"))


def _bundling_coupling_free() -> tuple[bool, str]:
    """Spec R13 / Sec. 7.1: on {1,2,3}^2 sorted, v1 + v2 >= 3 <=> v1 >= 2, so pure bundling at 3 earns
    3 (1 - G_1({1})) = 9/4 under every law with unit marginals G_1, G_2."""
    types = R.grid((1, 2, 3), 2, "I")
    if any((v[0] + v[1] >= 3) != (v[0] >= 2) for v in types):
        return False, "the bundle event is not a marginal event"
    return 3 * (1 - G1[1]) == Fr(9, 4), f"bundling at 3 earns 3 * (1 - {G1[1]}) = {3 * (1 - G1[1])} for every coupling"


CLAIMS = [
    Identity("eq12_uniform_price_diagonal", lhs=2 * p * (1 - p), rhs=p * 2 * sp.integrate(1, (X, p, 1)),
             over=[(p, 0, 1)], source=_src("eq. (12), F^min with G_avg = U[0,1], n = 2 (spec R3, R8)"),
             statement=r"\mathrm{REV}(q^p;F^{\min}) = 2p(1-p)"),
    Identity("eq12_uniform_price_sorted_iid", lhs=p * (1 - p ** 2) + p * (1 - (2 * p - p ** 2)),
             rhs=2 * p * (1 - p), over=[(p, 0, 1)],
             source=_src("eq. (12), sorted i.i.d. U[0,1] (G_1 = x^2, G_2 = 2x - x^2; spec R8)"),
             statement=r"p(1-G_1(p)) + p(1-G_2(p)) = 2p(1-p)"),
    Identity("r7_optimal_price_uniform", lhs=sp.diff(p * (1 - p), p).subs(p, sp.Rational(1, 2)), rhs=0,
             source=_src("Prop. 6 (spec R7: p = 1/2, V* = n/4)")),
    Identity("r7_optimal_price_square", lhs=sp.diff(p * (1 - p ** 2), p).subs(p, 1 / sp.sqrt(3)), rhs=0,
             source=_src("Prop. 6 (spec R7: G_avg = x^2, p = 1/sqrt 3)")),
    Identity("r8_mv_under_diagonal", lhs=((4 - sp.sqrt(2)) / 3) * (1 - (4 - sp.sqrt(2)) / 6), rhs=(3 + sp.sqrt(2)) / 9,
             source=_src("Prop. 6 (spec R8: MV menu under F^min earns b(1 - b/2))")),
    Inequality("r8_mv_below_vstar", lhs=(3 + sp.sqrt(2)) / 9, rhs=sp.Rational(1, 2), rel="<",
               source=_src("Prop. 6, SP2 (spec R8)")),
    Identity("g16_guarantee_as_printed", lhs=p * (1 - p), rhs=2 * p * (1 - p), over=[(p, sp.Rational(1, 10), 1 - sp.Rational(1, 10))],
             expect="fails", source=_src("Prop. 6 proof, first sentence, as printed (spec G16)"),
             statement=r"\text{guarantee } p^\dagger(1-G_{\rm avg}(p^\dagger)) = \mathrm{REV}(q^\dagger;F)\ (n=2)",
             note="the factor n is missing"),
    FiniteCheck("eq12_equalizer_grid", source=_src("Def. 10, eq. (12)"), compute=equalizer,
                statement=r"\mathrm{REV}(q^{p^\dagger};F) = nR^*(G_{\rm avg})\ \forall F\in\mathcal F^{\rm avg}\ \text{(tested members)}"),
    FiniteCheck("sec7_1_bundling_coupling_free", source=_src("Sec. 5.3 open problem (spec R13, Sec. 7 item 1)"),
                compute=_bundling_coupling_free,
                statement=r"\text{pure bundling at 3 earns } \tfrac94 \text{ for every coupling of } G_1,G_2",
                note="supports the conjecture that max-min(I) is attained by a coupling-invariant mechanism (one instance)"),
]
for key, (vals, g, vstar) in R12.items():
    CLAIMS.append(G.LPValue(f"prop6_maxmin_eq_vstar_{key}", lp=_maxmin(key), value=vstar, label="n R*(G_avg)",
                            source=_src("Prop. 6 on a sorted grid (spec R12, SP3)"),
                            statement=rf"\max_{{(q,t)}}\min_{{F\in\mathcal F^{{\rm avg}}}}\mathrm{{REV}} = {vstar}"))
    CLAIMS.append(G.LPValue(f"prop6_diagonal_worst_case_{key}", lp=_best_response_diag(key), value=vstar,
                            label="n R*(G_avg)", source=_src("Prop. 6, eqs. (21)-(22) (spec SP2, G15)"),
                            statement=rf"\max_{{(q,t)}}\mathrm{{REV}}(q,t;F^{{\min}}) = {vstar}"))
CLAIMS += [
    G.LPValue("sec7_1_uncertainty_I_value", lp=G.cached(("bm_rob", "I"), lambda: solve_exact(G.maxmin_marginals_lp((1, 2, 3), [G1, G2]).lp)),
              value=Fr(9, 4), source=_src("Sec. 5.3 remark after Prop. 6 (spec R13)"),
              statement=r"\max\min_{F: G_1,G_2 \text{ known}} \mathrm{REV} = \tfrac94 > 2 = V^*_{II}"),
    G.LPValue("sec7_1_uniform_price_optimal_under_I", lp=G.cached(("bm_rob", "I"), lambda: solve_exact(G.maxmin_marginals_lp((1, 2, 3), [G1, G2]).lp)),
              value=Fr(2), expect="fails", source=_src("Sec. 5.3 (uniform pricing is not robust-optimal under I; spec R13)"),
              statement=r"\max\min_{\rm I}\mathrm{REV} = V^*_{II} = 2"),
    Inequality("sec7_1_maxmin_I_le_sum_Rstar", lhs=Fr(9, 4), rhs=Fr(3, 2) + 1, rel="<=",
               source=_src("spec Sec. 7 item 1, second conjecture (R*(G_1) = 3/2, R*(G_2) = 1; one instance)")),
]

DERIVATION = Derivation(
    name="bm_robust",
    title="Bikhchandani-Mishra Sec. 5.3: uniform pricing is max-min optimal with a known average marginal",
    scope=SCOPE, claims=CLAIMS, model=r"\mathcal M^I,\ G_{\rm avg}\ \text{known}", references=(PAPER,),
)
