"""Bikhchandani and Mishra, "Rank-preserving Multidimensional Mechanisms" (2022), Sec. 5.3:
robust optimality in the identical objects model with a known average marginal (Def. 9, Def. 10,
eq. (12), Prop. 6, fns. 16, 18, gap G16) and the open uncertainty-I problem (spec Sec. 7 item 1).

Continuum claims compute revenues from the mechanisms themselves: the uniform-price payment of
Def. 10 (``t(v) = p #{i: v_i >= p}``) integrated against a law of ``\\mathcal F^{\\rm avg}``, and a
menu's payment on the diagonal (the support of ``F^min``) read off the buyer's choice on every
interval between the menu's breakpoints.

Grid instances (sorted grid, nature's laws with the given average marginal): the max-min LP has
nature's minimum dualized, so its exact certificate is the dual certificate of the saddle point.
"""
from __future__ import annotations

import itertools
import random
from fractions import Fraction as Fr

import sympy as sp

from symmech import Derivation, Identity, Inequality, Scope
from symmech.tactics.lp.exact import solve_exact
from symmech.models.multigood import grid_lp as G
from symmech.models.multigood import rank as R
from symmech.models.multigood import symmetric as S
from symmech.models.multigood.knightian_lp import FiniteCheck
from symmech.reports.figures import Curve, CurveFigure, Level, Mark

PAPER = "Bikhchandani and Mishra, 'Rank-preserving Multidimensional Mechanisms' (2022)"
p = sp.Symbol("p", nonnegative=True)
X = sp.Symbol("x", nonnegative=True)
v1, v2 = sp.symbols("v1 v2", nonnegative=True)
SCOPE = Scope()

#: spec R12: (values, g) with V*_II
R12 = {
    "123": ((1, 2, 3), {1: Fr(1, 2), 2: Fr(3, 10), 3: Fr(1, 5)}, Fr(2)),
    "134": ((1, 3, 4), {1: Fr(3, 5), 3: Fr(1, 5), 4: Fr(1, 5)}, Fr(12, 5)),
}
#: spec R13: the unit marginals of the sorted i.i.d. law with the R12 pmf g on {1, 2, 3} (computed, not typed)
_R13_VALS, _R13_G = R12["123"][0], R12["123"][1]
G1, G2 = S.unit_marginals(S.sorted_law(S.iid_law(_R13_VALS, [_R13_G[x] for x in _R13_VALS], 2)))

# --- the continuum model of Sec. 5.3 with G_avg = U[0,1] (spec R3, R7, R8), n = 2 ---------------------
N = 2
A_MV, B_MV = sp.Rational(2, 3), (4 - sp.sqrt(2)) / 3          # spec R1 (Manelli-Vincent menu)
MV_I = [((1, 0), A_MV), ((1, 1), B_MV)]


def _src(item: str) -> str:
    return f"{PAPER}, {item}"


def _t_uniform(v) -> sp.Expr:
    """Def. 10: buy unit i iff v_i >= p, pay p per unit."""
    return p * sum(sp.Piecewise((1, x >= p), (0, True)) for x in v)


def _rev_uniform_diagonal(density) -> sp.Expr:
    """REV(q^p; F^min) = int t^p(x, x) g(x) dx: F^min is the law of (X, X), X ~ G_avg with density g."""
    return sp.integrate(_t_uniform((X,) * N) * density, (X, 0, 1))


#: F^min and the sorted i.i.d. law (density 2 on v1 >= v2), both with G_avg = U[0,1] (spec R8)
REV_UNIFORM_DIAG = _rev_uniform_diagonal(1)
REV_UNIFORM_SORTED_IID = sp.integrate(sp.integrate(_t_uniform((v1, v2)) * 2, (v2, 0, v1)), (v1, 0, 1))
#: eq. (12)'s formula n p (1 - G_avg(p)) with G_avg(x) = x
G_AVG = X
EQ12 = N * p * (1 - G_AVG.subs(X, p))
#: p-dagger = argmax p (1 - G_avg(p)) (interior stationary point), V* = n p-dagger (1 - G_avg(p-dagger))
P_DAGGER = next(r for r in sp.solve(sp.diff(p * (1 - G_AVG.subs(X, p)), p), p) if 0 < r < 1)


def diagonal_menu_revenue(items, density, lo=0, hi=1) -> sp.Expr:
    """REV of an M^I menu under the diagonal law (X, ..., X), X with density ``density`` on [lo, hi]:
    the utility of each item is linear in x, so the buyer's choice is constant between the pairwise
    crossing points; the payment on each interval is that of the item chosen at its midpoint."""
    lo, hi = sp.sympify(lo), sp.sympify(hi)
    lines = [(sum(sp.sympify(a) for a in x), sp.sympify(pr)) for x, pr in items] + [(sp.Integer(0), sp.Integer(0))]
    cuts = {lo, hi}
    for (s1, p1), (s2, p2) in itertools.combinations(lines, 2):
        if s1 != s2:
            c = sp.radsimp((p1 - p2) / (s1 - s2))
            if bool(c > lo) and bool(c < hi):
                cuts.add(c)
    cuts = sorted(cuts, key=float)
    choose = R.menu_mechanism(items, model="I")
    total = sp.Integer(0)
    for a, b in itertools.pairwise(cuts):
        _, t = choose(((a + b) / 2,) * N)
        if t != 0:
            total += t * sp.integrate(density, (X, a, b))
    return sp.radsimp(sp.expand(total))


REV_MV_DIAG = diagonal_menu_revenue(MV_I, 1)
V_STAR = diagonal_menu_revenue([((1, 0), P_DAGGER), ((1, 1), 2 * P_DAGGER)], 1)   # uniform price p-dagger as a menu


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


_MAXMIN_I = G.cached(("bm_rob", "I", tuple(sorted(G1.items())), tuple(sorted(G2.items()))),
                     lambda: solve_exact(G.maxmin_marginals_lp(_R13_VALS, [G1, G2]).lp))


def _bundling_coupling_free() -> tuple[bool, str]:
    """Spec R13 / Sec. 7.1: the payment of pure bundling at 3 on the sorted grid {1,2,3}^2 is a function
    h(v_1) of the top value alone, so its revenue sum_x G_1(x) h(x) is the same for every coupling of
    G_1, G_2; it equals the certified max-min value under uncertainty I (the LP)."""
    mech = R.tabulate(R.menu_mechanism([((1, 1), 3)], model="I"), R.grid(_R13_VALS, 2, "I"))
    h: dict = {}
    for v, (_, t) in mech.items():
        if h.setdefault(v[0], t) != t:
            return False, f"the payment is not a function of v_1: t differs at v_1 = {v[0]}"
    rev = sum((w * h[x] for x, w in G1.items()), Fr(0))
    opt = _MAXMIN_I().verify()
    return rev == opt, (f"t = h(v_1) with h = { {str(k): str(x) for k, x in sorted(h.items())} }; bundling at 3 "
                        f"earns sum G_1 h = {rev} under every coupling; certified max-min(I) = {opt}")


def _maxmin_I_le_sum_rstar() -> tuple[bool, str]:
    """Spec Sec. 7 item 1, second conjecture, on the R13 instance: max-min(I) <= sum_i R*(G_i), with
    R*(G) = max_p p P_G(v >= p) computed from each unit marginal."""
    opt = _MAXMIN_I().verify()
    rstar = [G.best_uniform_price(m, 1)[0] for m in (G1, G2)]
    return opt <= sum(rstar), f"max-min(I) = {opt} (certified LP) <= R*(G_1) + R*(G_2) = {' + '.join(map(str, rstar))}"



# --- G16: the first sentence of Prop. 6's proof, (20), and the max defining p-dagger ----------------------
_G16_VALS, _G16_G = R12["123"][0], R12["123"][1]          # the R12 pmf of G_avg on {1, 2, 3}


def _cdf(g, x, strict: bool = False) -> Fr:
    """G(x) = P(v <= x) (right-continuous) or, with ``strict``, G(x-) = P(v < x)."""
    return sum((Fr(w) for y, w in g.items() if (y < x if strict else y <= x)), Fr(0))


def g16_max_attained(left_limit: bool) -> tuple[bool, str]:
    """p-dagger is defined by p(1 - G_avg(p)) = max_p p(1 - G_avg(p)) over p in [0, 3] (values {1, 2, 3}; the paper's
    [0, 1] is a normalization, spec G13), for the R12 pmf (1/2, 3/10, 1/5).  Between consecutive atoms a_k < a_{k+1}
    the function is p c_k with c_k = 1 - G(a_k) >= 0: strictly increasing on [a_k, a_{k+1}) when c_k > 0, so its sup
    there is the limit a_{k+1} c_k, attained only if c_k = 0.  As printed (right-continuous G) the max over [0, 3] is
    then not attained.  ``left_limit``: with 1 - G(p-) (a uniform price p sells unit i iff v_i >= p, Def. 10) the
    pieces are (a_k, a_{k+1}] and the max is attained at atoms; n times it equals the certified max-min LP value
    (Prop. 6, spec R12: 2)."""
    pts = sorted({Fr(0), Fr(3)} | {Fr(x) for x in _G16_VALS})
    if not left_limit:
        sups = [b * (1 - _cdf(_G16_G, a)) for a, b in itertools.pairwise(pts)]
        sup = max(sups)
        values = {p: p * (1 - _cdf(_G16_G, p)) for p in pts}            # the piecewise maxima can only sit here
        attained = [p for p, val in values.items() if val == sup]
        return bool(attained) or sup == 0, (f"sup_p p(1 - G(p)) = {sup} (limit p -> "
                                            f"{pts[sups.index(sup) + 1]}-), attained at {attained or 'no p'}")
    values = {p: p * (1 - _cdf(_G16_G, p, strict=True)) for p in pts}
    best = max(values.values())
    lp = _maxmin("123")().verify()
    argmax = [str(p) for p, val in values.items() if val == best]
    return N * best == lp, f"max_p p(1 - G(p-)) = {best} at p in {argmax}; n times it = {N * best}; certified max-min = {lp}"


# --- fn. 16: G_i first-order dominates G_{i+1} for laws on the sorted domain --------------------------
def _random_law(rng, types):
    w = {v: Fr(rng.randint(0, 5)) for v in types}
    if not any(w.values()):
        w[types[0]] = Fr(1)
    tot = sum(w.values())
    return {v: x / tot for v, x in w.items() if x}


def fn16_marginals_ordered(model: str = "I") -> tuple[bool, str]:
    """fn. 16: for every law on bar D^I, G_i(x) <= G_{i+1}(x) for all x (G_i FOSD G_{i+1}); random laws on the sorted
    grids {0..3}^n, n = 2, 3 (``model="H"``: laws on the whole grid {0..3}^n, where the order need not hold)."""
    rng = random.Random(16)
    k = 0
    for n in (2, 3):
        types = R.grid(range(4), n, model)
        for _ in range(30):
            law = _random_law(rng, types)
            margs = S.unit_marginals(law)
            for i in range(n - 1):
                for x in range(4):
                    if _cdf(margs[i], x) > _cdf(margs[i + 1], x):
                        return False, f"n = {n}: G_{i + 1}({x}) = {_cdf(margs[i], x)} > G_{i + 2}({x}) = {_cdf(margs[i + 1], x)}"
            k += 1
    return True, f"G_1 <= G_2 <= ... pointwise for {k} random laws on the sorted grids"


def _order_stat_cdf(n: int, k: int) -> sp.Expr:
    """cdf of the k-th highest of n i.i.d. U[0,1]: sum_{j < k} C(n, j) (1 - x)^j x^(n - j)."""
    return sp.expand(sum(sp.binomial(n, j) * (1 - X) ** j * X ** (n - j) for j in range(k)))


# --- fn. 18: the uniform-price buyer buys exactly the units worth at least p ----------------------------------
def fn18_buy_iff_value_at_least_p() -> tuple[bool, str]:
    """Def. 10, fn. 18: on bar D^I, {i : v_i >= p} is an initial segment (v_i < p <= v_j with i < j is impossible),
    so q_i = 1[v_i >= p] is feasible (1) and maximizes sum_i (v_i - p) x_i over all feasible allocations x (it suffices
    to compare the n + 1 deterministic chains (1^k, 0^{n-k})): sorted grids {0..4}^n, n = 2, 3, and p in
    {1/2, 1, ..., 4}.  Control: on the unsorted type (1, 3) the set {i : v_i >= 2} = {2} is not an initial segment."""
    k = 0
    for n in (2, 3):
        for v in R.grid(range(5), n, "I"):
            for p in (Fr(j, 2) for j in range(1, 9)):
                q = tuple(Fr(int(x >= p)) for x in v)
                if not S.is_decreasing(q):
                    return False, f"v = {v}, p = {p}: {{i : v_i >= p}} is not an initial segment"
                best = max(sum((x - p for x in v[:j]), Fr(0)) for j in range(n + 1))
                if sum((x - p) * y for x, y in zip(v, q)) != best:
                    return False, f"v = {v}, p = {p}: buying the units with v_i >= p is not optimal"
                k += 1
    if S.is_decreasing(tuple(int(x >= 2) for x in (1, 3))):
        return False, "control: the unsorted type gives an initial segment"
    return True, f"{k} (type, price) pairs: q_i = 1[v_i >= p] is feasible and optimal"


CLAIMS = [
    Identity("eq12_uniform_price_diagonal", lhs=REV_UNIFORM_DIAG, rhs=EQ12,
             over=[(p, 0, 1)], source=_src("eq. (12), F^min with G_avg = U[0,1], n = 2 (spec R3, R8)"),
             statement=r"\int_0^1 t^{p}(x,x)\,dx = np(1-G_{\rm avg}(p)),\ t^p(v)=p\,\#\{i:v_i\ge p\}",
             note="lhs: Def. 10's payment integrated against F^min; rhs: eq. (12)'s formula"),
    Identity("eq12_uniform_price_sorted_iid", lhs=REV_UNIFORM_SORTED_IID, rhs=EQ12, over=[(p, 0, 1)],
             source=_src("eq. (12), sorted i.i.d. U[0,1] (density 2 on v_1 >= v_2; spec R8)"),
             statement=r"\iint_{v_1\ge v_2} t^p(v)\,2\,dv = np(1-G_{\rm avg}(p))",
             note="lhs: Def. 10's payment integrated against the sorted i.i.d. law, a member of F_avg"),
    Identity("r7_optimal_price_uniform", lhs=sp.diff(REV_UNIFORM_DIAG, p).subs(p, sp.Rational(1, 2)), rhs=0,
             source=_src("Prop. 6 (spec R7: G_avg = U[0,1], p-dagger = 1/2)"),
             statement=r"\tfrac{d}{dp}\mathrm{REV}(q^p;F^{\min})\big|_{p=1/2}=0"),
    Identity("r7_optimal_price_square",
             lhs=sp.diff(_rev_uniform_diagonal(sp.diff(X ** 2, X)), p).subs(p, 1 / sp.sqrt(3)), rhs=0,
             source=_src("Prop. 6 (spec R7: G_avg = x^2, p-dagger = 1/sqrt 3)"),
             statement=r"\tfrac{d}{dp}\mathrm{REV}(q^p;F^{\min})\big|_{p=1/\sqrt3}=0\ \ (G_{\rm avg}=x^2)"),
    Identity("r8_mv_under_diagonal", lhs=REV_MV_DIAG, rhs=(3 + sp.sqrt(2)) / 9,
             source=_src("Prop. 6 (spec R8: MV menu under F^min, value (3 + sqrt 2)/9)"),
             statement=r"\mathrm{REV}(\{1@\tfrac23,2@\tfrac{4-\sqrt2}3\};F^{\min}) = \tfrac{3+\sqrt2}9",
             note="lhs: the MV menu's payment on the diagonal, computed from the buyer's choice"),
    Inequality("r8_mv_below_vstar", lhs=REV_MV_DIAG, rhs=V_STAR, rel="<",
               source=_src("Prop. 6, SP2 (spec R8)"),
               statement=r"\mathrm{REV}(\mathrm{MV};F^{\min}) < V^* = \mathrm{REV}(q^{p^\dagger};F^{\min})",
               note="both sides computed: the MV menu and the uniform price p-dagger (argmax of p(1 - G_avg(p))) on the diagonal"),
    Identity("g16_guarantee_as_printed", lhs=REV_UNIFORM_DIAG, rhs=p * (1 - G_AVG.subs(X, p)),
             over=[(p, sp.Rational(1, 10), 1 - sp.Rational(1, 10))],
             expect="fails", corrected="eq12_uniform_price_diagonal",
             source=_src("Prop. 6 proof, first sentence, as printed (spec G16)"),
             statement=r"\mathrm{REV}(q^p;F^{\min}) = p(1-G_{\rm avg}(p))\ (n=2,\ \text{as printed})",
             note="the factor n is missing; the twin states eq. (12) with the factor n"),
    FiniteCheck("eq12_equalizer_grid", source=_src("Def. 10, eq. (12), eq. (20) for the optimal uniform price"), compute=equalizer,
                statement=r"\mathrm{REV}(q^{p^\dagger};F) = nR^*(G_{\rm avg})\ \forall F\in\mathcal F^{\rm avg}\ \text{(tested members)}"),
    FiniteCheck("sec7_1_bundling_coupling_free", source=_src("Sec. 5.3 open problem (uncertainty I; spec R13, §7 item 1)"),
                compute=_bundling_coupling_free,
                statement=r"\text{pure bundling at 3 earns } \max\min_{\rm I}\mathrm{REV} \text{ for every coupling of } G_1,G_2",
                note="supports the conjecture that max-min(I) is attained by a coupling-invariant mechanism (one instance)"),
]
for key, (vals, g, vstar) in R12.items():
    CLAIMS.append(G.LPValue(f"prop6_maxmin_eq_vstar_{key}", lp=_maxmin(key), value=vstar, label="n R*(G_avg)",
                            source=_src("Prop. 6, Def. 9 on a sorted grid (spec R12, SP3)"),
                            statement=rf"\max_{{(q,t)}}\min_{{F\in\mathcal F^{{\rm avg}}}}\mathrm{{REV}} = {vstar}"))
    CLAIMS.append(G.LPValue(f"prop6_diagonal_worst_case_{key}", lp=_best_response_diag(key), value=vstar,
                            label="n R*(G_avg)", source=_src("Prop. 6, eqs. (21)-(22) (spec SP2, G15)"),
                            statement=rf"\max_{{(q,t)}}\mathrm{{REV}}(q,t;F^{{\min}}) = {vstar}"))
CLAIMS += [
    G.LPValue("sec7_1_uncertainty_I_value", lp=_MAXMIN_I,
              value=Fr(9, 4), source=_src("Sec. 5.3 remark after Prop. 6 (spec R13: max-min(I) = 9/4)"),
              statement=r"\max\min_{F: G_1,G_2 \text{ known}} \mathrm{REV} = \tfrac94"),
    G.LPValue("sec7_1_uniform_price_optimal_under_I", lp=_MAXMIN_I,
              value=lambda: G.best_uniform_price(_R13_G, 2)[0], label="V*_II = n R*(G_avg)",
              expect="fails", corrected="sec7_1_uncertainty_I_value",
              source=_src("Sec. 5.3 (uniform pricing is not robust-optimal under I; spec R13)"),
              statement=r"\max\min_{\rm I}\mathrm{REV} = V^*_{II} = nR^*(G_{\rm avg})",
              note="refuted: max-min(I) = 9/4 > V*_II = 2; the twin states the right value (spec R13)"),
    FiniteCheck("sec7_1_maxmin_I_le_sum_Rstar", compute=_maxmin_I_le_sum_rstar,
                source=f"{PAPER}; Spec 004, §7 item 1, second conjecture (one instance, R13)",
                statement=r"\max\min_{\rm I}\mathrm{REV}\le\sum_i R^*(G_i)"),
    # --- G16 ------------------------------------------------------------------------------------------
    Inequality("g16_eq20_as_printed", lhs=REV_MV_DIAG, rhs=V_STAR, expect="fails", corrected="eq12_equalizer_grid",
               source=_src("Prop. 6 proof, eq. (20) as printed: REV(q, t; F) >= V* for the generic (q, t) (spec G16)"),
               statement=r"\mathrm{REV}(q,t;F)\ge np^\dagger(1-G_{\rm avg}(p^\dagger))\ \text{for } (q,t)=\text{MV menu}, F=F^{\min}",
               note="(20) holds for (q-dagger, t-dagger), the twin (eq. (12) at p-dagger); the MV menu earns (3 + sqrt 2)/9 < 1/2"),
    FiniteCheck("g16_left_limit_max_attained", source=_src("Sec. 5.3, p-dagger with 1 - G_avg(p-) (spec G16), Prop. 6"),
                compute=lambda: g16_max_attained(True),
                statement=r"\max_p p(1-G_{\rm avg}(p^-))\ \text{attained};\ n\cdot\max = \max\min\ \text{(LP)}"),
    FiniteCheck("g16_max_attained_as_printed", source=_src("Sec. 5.3, p-dagger = argmax p(1 - G_avg(p)) with atoms (spec G16)"),
                compute=lambda: g16_max_attained(False), expect="fails", corrected="g16_left_limit_max_attained",
                statement=r"\max_p p(1-G_{\rm avg}(p))\ \text{is attained (R12 pmf)}",
                note="the sup 1 is approached as p -> 2- (and 1-) but not attained: with atoms use 1 - G(p-)"),
    # --- fn. 16, fn. 18 -------------------------------------------------------------------------------
    FiniteCheck("fn16_unit_marginals_ordered", source=_src("Sec. 5.3, fn. 16"), compute=fn16_marginals_ordered,
                statement=r"F\ \text{on}\ \bar D^I\Rightarrow G_1(x)\le G_2(x)\le\dots\le G_n(x)"),
    Inequality("fn16_order_statistics_1_2", lhs=_order_stat_cdf(3, 2), rhs=_order_stat_cdf(3, 1), over=[(X, 0, 1)],
               source=_src("Sec. 5.3, fn. 16 (sorted i.i.d. U[0,1], n = 3; spec R10)"),
               statement=r"G_{(2)}=3x^2-2x^3\ge G_{(1)}=x^3"),
    Inequality("fn16_order_statistics_2_3", lhs=_order_stat_cdf(3, 3), rhs=_order_stat_cdf(3, 2), over=[(X, 0, 1)],
               source=_src("Sec. 5.3, fn. 16 (sorted i.i.d. U[0,1], n = 3; spec R10)"),
               statement=r"G_{(3)}=x^3-3x^2+3x\ge G_{(2)}"),
    FiniteCheck("fn16_for_laws_on_DH", source=_src("fn. 16 for laws on bar D^H (not sorted)"),
                compute=lambda: fn16_marginals_ordered("H"), expect="fails", corrected="fn16_unit_marginals_ordered",
                statement=r"F\ \text{on}\ \bar D^H\Rightarrow G_1\le G_2\le\dots",
                note="fn. 16 rests on {v_{i+1} > x} subset {v_i > x}, which needs the sorted domain"),
    FiniteCheck("fn18_uniform_price_choice", source=_src("Def. 10, fn. 18"), compute=fn18_buy_iff_value_at_least_p,
                statement=r"v\in\bar D^I:\ q_i=\mathbf 1[v_i\ge p]\ \text{feasible and optimal at unit price } p"),
]

DERIVATION = Derivation(
    name="bm_robust",
    title="Bikhchandani-Mishra Sec. 5.3: uniform pricing is max-min optimal with a known average marginal",
    scope=SCOPE, claims=CLAIMS, model=r"\mathcal M^I,\ G_{\rm avg}\ \text{known}", references=(PAPER,),
    figures={"uniform_price": CurveFigure(
        p, 0, 1, xlabel="uniform unit price $p$", ylabel="expected revenue", title="Uniform pricing, two units",
        caption="Revenue of each uniform unit price p (Def. 10, computed from the mechanism) against the diagonal "
                "law and against the sorted i.i.d. law, both with the uniform average marginal: the same curve, "
                "eq. (12); its maximum V* at the price p-dagger, and the revenue of the Manelli-Vincent menu "
                "against the diagonal law, which is below V* (spec R8)",
        curves=(Curve.of(REV_UNIFORM_DIAG, "against $F^{\\min}$ (diagonal)"),
                Curve.of(REV_UNIFORM_SORTED_IID, "against the sorted i.i.d. law", style="--")),
        levels=(Level(REV_MV_DIAG, "Manelli-Vincent menu against $F^{\\min}$"),),
        marks=(Mark("max", "$p^\\dagger$"),))},
)
