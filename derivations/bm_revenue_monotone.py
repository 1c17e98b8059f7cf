"""Bikhchandani and Mishra, "Rank-preserving Multidimensional Mechanisms" (2022), Sec. 5.1-5.2 and
the appendices: revenue monotonicity (Prop. 1 with eqs. (16)-(18), Defs. 5-8, Props. 2-3, eq. (11)),
deterministic mechanisms (Props. 4-5, spec R2, R5), Lemma 3 and non-bossiness (Prop. 7).

FOSD is the usual stochastic order (spec C4); on a grid every FOSD pair is a coupling with
v' >= v, so revenue monotonicity for all laws on the grid is eq. (8) on the grid.
"""
from __future__ import annotations

import itertools
import random
from fractions import Fraction as Fr

import sympy as sp

from symmech import Derivation, Identity, Inequality, Scope
from symmech.models.multigood import grid_lp as G
from symmech.models.multigood import rank as R
from symmech.models.multigood import symmetric as S
from symmech.models.multigood.knightian_lp import FiniteCheck
from symmech.models.multigood.polygon import menu_revenue

PAPER = "Bikhchandani and Mishra, 'Rank-preserving Multidimensional Mechanisms' (2022)"
gamma, lam = sp.symbols("gamma lam", real=True)
a = sp.Symbol("a", positive=True)
c = sp.Symbol("c", nonnegative=True)
SCOPE = Scope(parameters={gamma: sp.Interval(-sp.Rational(3, 7), sp.Rational(3, 5)), lam: sp.Interval.Lopen(0, sp.Rational(3, 2))})
v1, v2 = sp.symbols("v1 v2", nonnegative=True)
VALS = [Fr(k, 4) for k in range(5)]


def _src(item: str) -> str:
    return f"{PAPER}, {item}"


def abel() -> tuple[bool, str]:
    """(17): sum_j v_j q_j = sum_k Delta_k sum_{j<=k} q_j with Delta_k = v_k - v_{k+1}, v_{n+1} = 0 (n = 2..5)."""
    for n in range(2, 6):
        v, q = sp.symbols(f"v1:{n + 1}"), sp.symbols(f"q1:{n + 1}")
        vv = list(v) + [0]
        d = sp.expand(sum(x * y for x, y in zip(v, q)) - sum((vv[k] - vv[k + 1]) * sum(q[:k + 1]) for k in range(n)))
        if d != 0:
            return False, f"n = {n}: {d}"
    return True, "polynomial identity for n = 2..5"


def prop1() -> tuple[bool, str]:
    """(9) for all pairs of grid types: M^I menus and their symmetric extensions (M^H)."""
    rng = random.Random(2)
    k = 0
    for n, vals in ((2, (0, 1, 2, 3)), (3, (0, 1, 2))):
        for _ in range(10):
            menu = R.random_menu(rng, n, "I")
            mi = R.menu_mechanism(menu, model="I")
            for mech in (R.tabulate(mi, R.grid(vals, n, "I")), R.tabulate(S.symmetric_extension(mi), R.grid(vals, n, "H"))):
                for v, w in itertools.product(mech, repeat=2):
                    if R.weakly_majorizes(mech[w][0], mech[v][0]) and mech[w][1] < mech[v][1]:
                        return False, f"menu {menu}: q{w} >_w q{v} but t{w} < t{v}"
                k += 1
    return True, f"(9) at all pairs of grid types for {k} mechanisms (M^I menus and their extensions)"


R16_MENU = [((1, 0), Fr(3, 5)), ((0, 1), Fr(1, 10))]
R16_VALS = (0, Fr(1, 10), Fr(1, 5), Fr(1, 2), Fr(3, 5), Fr(9, 10), 1)


def _payment_order_violation(mech):
    for v, w in itertools.product(mech, repeat=2):
        if R.weakly_majorizes(mech[w][0], mech[v][0]) and mech[w][1] < mech[v][1]:
            return v, w
    return None


def r16(symmetrize: bool = False) -> tuple[bool, str]:
    """Prop. 1 (9) at all pairs of types of a grid containing spec R16's types, for the asymmetric IC menu
    {(1,0) @ 0.6, (0,1) @ 0.1} (case (ii) without symmetry), or for its symmetrization (Thm. 3: symmetric,
    IC), the corrected case (ii)."""
    base = R.menu_mechanism(R16_MENU)
    mech = R.tabulate(S.symmetrization(base, 2) if symmetrize else base, R.grid(R16_VALS, 2, "H"))
    if not R.check_ic(mech)[0] or R.check_symmetric(mech)[0] != symmetrize:
        raise AssertionError("the test mechanism is not IC or not as symmetric as declared")
    bad = _payment_order_violation(mech)
    what = "symmetrized R16 menu" if symmetrize else "R16 menu (asymmetric)"
    if bad is None:
        return True, f"{what}: (9) at all {len(mech) ** 2} pairs of types"
    v, w = bad
    return False, (f"{what}: q{tuple(map(str, w))} = {tuple(map(str, mech[w][0]))} >_w q{tuple(map(str, v))} = "
                   f"{tuple(map(str, mech[v][0]))} but t = {mech[w][1]} < {mech[v][1]}")


def r17() -> tuple[bool, str]:
    x, y = (1, 0, 0), (Fr(3, 5), Fr(3, 5), 0)
    return (not R.weakly_majorizes(x, y) and not R.weakly_majorizes(y, x)), "(1,0,0) and (3/5,3/5,0) are incomparable"


def _r15():
    return R.tabulate(R.menu_mechanism([((1, 0), Fr(1, 2)), ((Fr(1, 2), Fr(1, 2)), Fr(3, 10))], model="I"),
                      R.grid([Fr(k, 10) for k in range(11)], 2, "I"))


def r15_all_ic_revenue_monotone() -> tuple[bool, str]:
    """'Every IC M^I mechanism is revenue monotone' (the hypothesis dropped, spec R15 / G11)."""
    mech = _r15()
    mm = R.check_mm(mech)
    ok, d = R.check_revenue_monotone(mech, model="I")
    return ok, f"{d}; {mm[1]}"


def prop2_3() -> tuple[bool, str]:
    """Props. 2-3 on grids: MM or almost-deterministic IC mechanisms (M^I, and symmetric M^H via the
    extension, spec G9) have monotone payments, hence are revenue monotone for all grid FOSD pairs."""
    rng = random.Random(4)
    seen = 0
    for _ in range(60):
        menu = R.random_menu(rng, 2, "I", den=2)
        mi = R.menu_mechanism(menu, model="I")
        I = R.tabulate(mi, R.grid(VALS, 2, "I"))
        if not (R.check_mm(I)[0] or R.check_almost_deterministic(I)[0]) or not R.check_non_bossy(I)[0]:
            continue
        H = R.tabulate(S.symmetric_extension(mi), R.grid(VALS, 2, "H"))
        for mech, model in ((I, "I"), (H, "H")):
            ok, d = R.check_revenue_monotone(mech, model=model)
            if not ok:
                return False, f"menu {menu} ({model}): {d}"
        seen += 1
    return seen > 5, f"{seen} MM or almost-deterministic non-bossy menus: revenue monotone in M^I and (extended) M^H"


def lemma3() -> tuple[bool, str]:
    """Lemma 3 (read with weakly decreasing vectors, spec G25): almost-deterministic decreasing vectors
    form a chain; >_w-comparability holds for all almost-deterministic vectors."""
    xs = [Fr(k, 4) for k in range(5)]
    for n in (2, 3, 4):
        vecs = {v for v in itertools.product(xs, repeat=n) if R.is_almost_deterministic(v)}
        dec = [v for v in vecs if S.is_decreasing(v)]
        for u, w in itertools.product(dec, repeat=2):
            if not (all(p >= q for p, q in zip(u, w)) or all(p <= q for p, q in zip(u, w))):
                return False, f"{u}, {w} not comparable"
        for u, w in itertools.product(vecs, repeat=2):
            if not (R.weakly_majorizes(u, w) or R.weakly_majorizes(w, u)):
                return False, f"{u}, {w} not >_w-comparable"
    return True, "n = 2, 3, 4 on the grid {0, 1/4, ..., 1}"


def g25_strict_ad_vectors(n: int = 4) -> tuple[bool, str]:
    """Lemma 3 as printed: almost-deterministic vectors in D(sigma^I) (strictly decreasing), searched in
    {0, 1/8, ..., 1}^n, a grid with strictly decreasing vectors of every kind for n <= 9."""
    xs = [Fr(k, 8) for k in range(9)]
    dec = [v for v in itertools.product(xs, repeat=n) if S.is_strict(v) and S.is_decreasing(v)]
    if not dec:
        raise AssertionError("the search grid has no strictly decreasing vector")
    ad = [v for v in dec if R.is_almost_deterministic(v)]
    if ad:
        return True, f"n = {n}: {len(ad)} of {len(dec)} strictly decreasing grid vectors are almost deterministic, e.g. {tuple(map(str, ad[0]))}"
    control = g25_strict_ad_vectors(3)[1] if n > 3 else ""
    return False, (f"n = {n}: none of the {len(dec)} strictly decreasing grid vectors is almost deterministic"
                   + (f" (the same search finds them for {control})" if control else ""))


def nonbossy() -> tuple[bool, str]:
    """Prop. 7 / Claim 1 (spec App. B example): on {(1,0) @ 1/2, (1,1) @ 3/4} the L-max tie rule is non-bossy;
    a mixed tie rule on the kink v2 = 1/4 is bossy."""
    vals = [Fr(k, 8) for k in range(9)]
    L = R.tabulate(R.menu_mechanism([((1, 0), Fr(1, 2)), ((1, 1), Fr(3, 4))], model="I"), R.grid(vals, 2, "I"))
    ok, d = R.check_non_bossy(L)
    mixed = dict(L)
    mixed[(Fr(6, 8), Fr(1, 4))] = ((Fr(1), Fr(0)), Fr(1, 2))    # same utility, other tie choice
    bad = R.check_non_bossy(mixed)
    return ok and not bad[0] and R.check_ic(mixed)[0], f"L-max: {d}; mixed tie rule: {bad[1]}"


G10_MENU = [((Fr(1, 2), Fr(0)), Fr(1, 4)), ((Fr(1), Fr(1, 2)), Fr(1))]


def _g10_mech():
    return R.tabulate(R.menu_mechanism(G10_MENU, model="I"), R.grid(VALS, 2, "I"))


def g10_global_k() -> tuple[bool, str]:
    """Def. 8 lets k depend on v; the proof of Prop. 7 fixes one k. Menu {(1/2, 0) @ 1/4, (1, 1/2) @ 1}: k varies."""
    m = _g10_mech()
    ks = {R.random_index(q) for q, _ in m.values()} - {None}
    return len(ks) <= 1, f"randomizing indices used: {sorted(k + 1 for k in ks)}"


def g10_per_v_index() -> tuple[bool, str]:
    """Def. 8 as written (k may depend on v), the reading the corrected proof (spec G10: union over k) covers:
    the same menu is IC, almost deterministic with a v-dependent k, and revenue monotone (Prop. 3(a))."""
    m = _g10_mech()
    ks = {R.random_index(q) for q, _ in m.values()} - {None}
    for ok, d in (R.check_ic(m), R.check_feasible(m, "I"), R.check_almost_deterministic(m),
                  R.check_revenue_monotone(m, model="I")):
        if not ok:
            return False, d
    return True, f"IC, almost deterministic (randomizing indices {sorted(k + 1 for k in ks)}), revenue monotone"


def _det(vals, n, model, keep=None, law=None):
    lh = law or S.iid_law(vals, [Fr(1, len(vals))] * len(vals), n)
    return G.deterministic_optimum(R.grid(vals, n, model), lh if model == "H" else S.sorted_law(lh), model, keep=keep).value


def prop5_grid() -> tuple[bool, str]:
    """Prop. 5 on {1,2}^2 and {1,3}^2 (uniform): best deterministic over symmetric = over RP mechanisms."""
    out = []
    for vals in ((1, 2), (1, 3)):
        sym = _det(vals, 2, "H", keep=lambda m: R.check_symmetric(m)[0])
        rp = _det(vals, 2, "H", keep=lambda m: R.check_rank_preserving(m)[0])
        allv = _det(vals, 2, "H")
        if sym != rp:
            return False, f"{vals}: symmetric {sym} != RP {rp}"
        out.append(f"{vals}: sym = RP = {sym}, all = {allv}")
    return True, "; ".join(out)


def prop4_grid() -> tuple[bool, str]:
    """Prop. 4 on grids: deterministic optimum of M^I (sorted law) vs best symmetric deterministic M^H."""
    out = []
    for vals in ((1, 2), (1, 3)):
        di = _det(vals, 2, "I")
        dh = _det(vals, 2, "H", keep=lambda m: R.check_symmetric(m)[0])
        out.append((vals, di, dh))
    ok = all(x == y for _, x, y in out)
    return ok, "; ".join(f"{v}: OPT_det^I = {x}, OPT_det-sym^H = {y}" for v, x, y in out)


def _lp_optimum_properties(K: int, n: int) -> tuple[bool, str]:
    """Sorted uniform grid {0, 1/(K-1), ..., 1}^n (C5 weights): an exact LP optimum (certified value) that is
    IC, IR, feasible, deterministic (so q_1 in {0, 1}), majorization monotone and revenue monotone."""
    from symmech.tactics.lp.exact import solve_exact
    vals = [Fr(k, K - 1) for k in range(K)]
    li = S.sorted_law(S.iid_law(vals, [Fr(1, K)] * K, n))
    gl = G.optimal_lp(R.grid(vals, n, "I"), li, "I")
    res = solve_exact(gl.lp)
    if not res.certified:
        return False, "no exact certificate"
    opt = res.verify()
    m = gl.mechanism(res)
    checks = [R.check_ic(m), R.check_ir(m), R.check_feasible(m, "I"), R.check_deterministic(m), R.check_mm(m),
              R.check_revenue_monotone(m, model="I")]
    for ok, d in checks:
        if not ok:
            return False, d
    if R.revenue(m, li) != opt:
        return False, "revenue of the LP point differs from the certified optimum"
    return True, f"K = {K}, n = {n}: OPT = {opt} attained by a deterministic, MM, revenue-monotone mechanism"


_B = a + c * a
#: spec R2: the revenue polynomial of the M^I menu {1 unit @ a, 2 units @ b}, f^I = 2, b = a + c a
_R2 = 2 * a ** 3 - 3 * a ** 2 * _B - 2 * a ** 2 + 4 * a * _B + _B ** 3 / 2 - 2 * _B ** 2 + _B
R2_A = [sp.Rational(k, 5) for k in range(1, 6)]
R2_C = [sp.Rational(k, 4) for k in range(1, 5)]


def r2_revenue_polynomial() -> tuple[bool, str]:
    """Spec R2: the exact revenue of the menu (polygon clipping of the choice regions in D^I, density 2)
    equals R(a, b) at every (a, c) of a 5 x 4 grid of the regime 0 <= b - a = c a <= a <= 1.  On this
    regime the choice regions are polygons whose vertices have degree <= 1 in a and in c, so the revenue
    is a polynomial of degree <= 3 in each; 4 x 4 nodes determine it, the fifth row is a cross-check."""
    k = 0
    for A in R2_A:
        for C in R2_C:
            rev = menu_revenue([((1, 0), A), ((1, 1), A + C * A)], 2, (v1, v2), model="I")
            spec = _R2.subs({a: A, c: C})
            if sp.simplify(rev - spec) != 0:
                return False, f"a = {A}, c = {C}: exact revenue {rev} != R(a, b) = {spec}"
            k += 1
    return True, f"exact menu revenue = R(a, a + c a) at all {k} grid points"


def _mm88(f) -> sp.Expr:
    """The McAfee-McMillan expression of eq. (11) for n = 2: 3 f + v . grad f."""
    return 3 * f + v1 * sp.diff(f, v1) + v2 * sp.diff(f, v2)


FGM = 1 + gamma * (1 - 2 * v1) * (1 - 2 * v2)


def _trunc_exp(rate) -> sp.Expr:
    """(11) for the truncated exponential density prop. to exp(-rate (v1 + v2)) on [0, 1]^2, divided by
    the (positive) density: the sign of (11)."""
    f = sp.exp(-rate * (v1 + v2))
    return sp.expand(sp.simplify(_mm88(f) / f))


_RS = [((1, 0), sp.Rational(1, 2)), ((1, 1), sp.Rational(3, 4))]          # spec R5
_REV_R5 = menu_revenue(_RS, 1, (v1, v2))
_REV_R5_DI = menu_revenue(_RS, 1, (v1, v2), model="I")
#: eq. (19): n! max_sigma REV^sigma, REV^{(21)} = REV - REV^{sigma^I}
_BEST_REGION = 2 * sp.Max(_REV_R5_DI, _REV_R5 - _REV_R5_DI)

CLAIMS = [
    FiniteCheck("prop1_abel_eq17", source=_src("Prop. 1 proof, eq. (17)"), compute=abel,
                statement=r"\sum_j v_jq_j=\sum_k\Delta_k\sum_{j\le k}q_j"),
    FiniteCheck("prop1_payment_order", source=_src("Prop. 1, eq. (9)"), compute=prop1,
                statement=r"q(\hat v)\succ_w q(v)\Rightarrow t(\hat v)\ge t(v)"),
    FiniteCheck("prop1_symmetrized_r16", source=_src("Prop. 1 (ii): symmetric IC mechanism (spec R16 menu, symmetrized by Thm. 3)"),
                compute=lambda: r16(True),
                statement=r"\text{(9) for the symmetrization of } \{(1,0)@0.6,(0,1)@0.1\}"),
    FiniteCheck("prop1_needs_symmetry_r16", source=_src("Prop. 1 (ii) without symmetry (spec R16)"), compute=r16,
                expect="fails", corrected="prop1_symmetrized_r16",
                statement=r"\text{(9) for the asymmetric menu } \{(1,0)@0.6,(0,1)@0.1\}"),
    FiniteCheck("weak_majorization_incomplete_r17", source=_src("Sec. 5.1 (spec R17)"), compute=r17,
                statement=r"(1,0,0)\ \text{and}\ (0.6,0.6,0)\ \text{are } \succ_w\text{-incomparable}"),
    FiniteCheck("def6_r15_not_mm_not_monotone", source=_src("Def. 6 / Remark 3 'In other words' (spec R15, G11)"),
                compute=r15_all_ic_revenue_monotone, expect="fails", corrected="props2_3_revenue_monotone",
                statement=r"\text{every IC mechanism in } \mathcal M^I \text{ is revenue monotone}",
                note="the twin restores the hypothesis (MM or almost deterministic, Props. 2-3)"),
    FiniteCheck("props2_3_revenue_monotone", source=_src("Props. 2-3, Cor. 2 (spec G8, G9)"), compute=prop2_3,
                statement=r"\text{MM or almost deterministic} \Rightarrow \text{revenue monotone (grid)}"),
    Inequality("eq11_fgm", lhs=_mm88(FGM), rhs=0, over=[(v1, 0, 1), (v2, 0, 1)],
               source=_src("eq. (11) (spec R9: FGM, gamma in [-3/7, 3/5])"),
               statement=r"3f+v\cdot\nabla f\ge0,\ f=1+\gamma(1-2v_1)(1-2v_2)"),
    Inequality("eq11_truncated_exponential", lhs=_trunc_exp(lam), rhs=0, over=[(v1, 0, 1), (v2, 0, 1)],
               source=_src("eq. (11) (spec G21: truncated exponential needs lam * vbar <= 3/2)"),
               statement=r"(3f+v\cdot\nabla f)/f\ge0,\ f\propto e^{-\lambda(v_1+v_2)},\ \lambda\bar v\le\tfrac32"),
    Inequality("g21_truncated_exponential_any_rate", lhs=_trunc_exp(2), rhs=0, over=[(v1, 0, 1), (v2, 0, 1)],
               expect="fails", corrected="eq11_truncated_exponential",
               source=_src("eq. (11) claimed for the truncated exponential (spec G21), rate 2"),
               statement=r"(3f+v\cdot\nabla f)/f\ge0,\ f\propto e^{-2(v_1+v_2)}\ \text{on } [0,1]^2"),
    FiniteCheck("r2_revenue_polynomial", compute=r2_revenue_polynomial,
                source=_src("Sec. 5.2 / Cor. 4 (spec R2: two-unit menu, f^I = 2, b = a + c a)"),
                statement=r"\mathrm{REV}^I(\{1@a,2@b\};f^I=2)=2a^3-3a^2b-2a^2+4ab+\tfrac12b^3-2b^2+b",
                note="b - a = c a in [0, a], a in (0, 1]: exact revenues at a 5 x 4 grid of (a, c)"),
    Identity("r5_rev_DI", lhs=_REV_R5_DI, rhs=sp.Rational(67, 256), source=_src("Prop. 5 proof, eq. (19) (spec R5)")),
    Identity("r5_best_region_extension", lhs=menu_revenue([((1, 1), sp.Rational(3, 4))], 1, (v1, v2)),
             rhs=sp.Rational(69, 128), source=_src("Prop. 5 proof (spec R5: pure bundling at 3/4)")),
    Inequality("r5_extension_dominates", lhs=_BEST_REGION, rhs=_REV_R5,
               source=_src("Prop. 5, eq. (19): n! max REV^sigma >= REV"),
               statement=r"2\max(\mathrm{REV}^{\sigma^I},\mathrm{REV}^{(21)}) \ge \mathrm{REV}\ \text{(spec R5 menu)}"),
    FiniteCheck("prop5_grid_sym_eq_rp", source=_src("Prop. 5 on grids (exhaustive, exact)"), compute=prop5_grid),
    FiniteCheck("prop4_grid_deterministic", source=_src("Prop. 4 on grids (exhaustive, exact; C5 ties)"), compute=prop4_grid),
    FiniteCheck("lemma3_chain", source=_src("Lemma 3 (weakly decreasing reading, spec G25)"), compute=lemma3),
    FiniteCheck("g25_lemma3_as_printed_n4", source=_src("Lemma 3 hypothesis as printed (spec G25)"),
                compute=g25_strict_ad_vectors, expect="fails", corrected="lemma3_chain",
                statement=r"\exists\ \text{almost deterministic } \alpha\in D(\sigma^I)\subset[0,1]^4",
                note="at most one entry lies outside {0, 1}, so at most 3 distinct values: vacuous for n >= 4"),
    FiniteCheck("cor3_grid_deterministic_optimum", source=_src("Cor. 3 on a grid (spec R14 kind; sorted uniform)"),
                compute=lambda: _lp_optimum_properties(6, 2),
                note="one grid instance; the continuum statement rests on BM (2022, JET) and is not checked"),
    FiniteCheck("sec7_2_n3_almost_deterministic_optimum", source=_src("spec Sec. 7 item 2 (n = 3 version of Cor. 3)"),
                compute=lambda: _lp_optimum_properties(3, 3),
                note="supported on one instance (K = 3, n = 3); not a proof for the continuum"),
    FiniteCheck("prop7_lmax_non_bossy", source=_src("Prop. 7, Claim 1, Def. 11"), compute=nonbossy),
    FiniteCheck("g10_per_v_index_revenue_monotone", source=_src("Def. 8 as written, Prop. 3(a) (spec G10)"),
                compute=g10_per_v_index,
                statement=r"\{(\tfrac12,0)@\tfrac14,(1,\tfrac12)@1\}:\ \text{IC, almost deterministic (}k=k(v)\text{), revenue monotone}"),
    FiniteCheck("g10_single_random_index", source=_src("Def. 8 vs the proof of Prop. 7 (spec G10)"),
                compute=g10_global_k, expect="fails", corrected="g10_per_v_index_revenue_monotone",
                statement=r"\text{an almost deterministic mechanism randomizes one fixed unit } k"),
]

DERIVATION = Derivation(
    name="bm_revenue_monotone",
    title="Bikhchandani-Mishra Secs. 5.1-5.2, App. A-B: revenue monotonicity, deterministic mechanisms, non-bossiness",
    scope=SCOPE, claims=CLAIMS, model=r"\mathcal M^I,\ \text{symmetric } \mathcal M^H", references=(PAPER,),
)
