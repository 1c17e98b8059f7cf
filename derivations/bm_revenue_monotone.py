"""Bikhchandani and Mishra, "Rank-preserving Multidimensional Mechanisms" (2022), Sec. 5.1-5.2 and
the appendices: revenue monotonicity (eq. (1) as unit counts, fns. 10, 12, 13, Prop. 1 with eqs. (16)-(18),
Cor. 2, Defs. 5-8, Props. 2-3, Remark 3, eq. (11)), deterministic mechanisms (Props. 4-5, Cor. 4, fn. 22, spec R2,
R5), Lemma 3 and non-bossiness (Prop. 7); gaps G9, G10, G11, G21, G25.

Sec. 5.2's deterministic optima are exact: :func:`det_menu_optimum` searches integer-priced menus (complete for
integer-valued grids, see its docstring) with the class restriction on the buyer's selection, and every optimum
found is re-checked (IC, IR, class) and priced by an exact LP.  Instance X (a non-exchangeable law on the strict
types of {1,2,4}^2) tells the symmetric, rank-preserving and unrestricted optima apart.

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
from symmech.tactics.lp.exact import LinearProgram, solve_exact

PAPER = "Bikhchandani and Mishra, 'Rank-preserving Multidimensional Mechanisms' (2022)"
gamma, lam = sp.symbols("gamma lam", real=True)
a = sp.Symbol("a", positive=True)
c = sp.Symbol("c", nonnegative=True)
alpha, beta = sp.symbols("alpha beta", positive=True)
SCOPE = Scope(parameters={gamma: sp.Interval(-sp.Rational(3, 7), sp.Rational(3, 5)), lam: sp.Interval.Lopen(0, sp.Rational(3, 2)),
                          alpha: sp.Interval.Lopen(0, 3), beta: sp.Interval.Lopen(0, 1)})
v1, v2 = sp.symbols("v1 v2", nonnegative=True)
VALS = [Fr(k, 4) for k in range(5)]


def _menu_str(menu) -> str:
    return "{" + ", ".join(f"{R._s(x)} @ {p}" for x, p in menu) + "}"


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
                        return False, f"menu {_menu_str(menu)}: q{w} >_w q{v} but t{w} < t{v}"
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


def _majorizes(a, b) -> bool:
    """fn. 13: a majorizes b iff a >_w b and the totals are equal."""
    return R.weakly_majorizes(a, b) and sum(a) == sum(b)


def r17() -> tuple[bool, str]:
    """Sec. 5.1: >_w is incomplete ((1,0,0) vs (3/5,3/5,0), spec R17) and transitive (all triples of the feasible
    allocations on {0, 1/2, 1}^3); fn. 13: majorization (equal totals) is strictly stronger: (1,0,0) majorizes
    (1/2,1/2,0), while (1,0,0) >_w (1/4,0,0) with unequal totals is not majorization."""
    x, y = (1, 0, 0), (Fr(3, 5), Fr(3, 5), 0)
    if R.weakly_majorizes(x, y) or R.weakly_majorizes(y, x):
        return False, "(1,0,0) and (3/5,3/5,0) are comparable"
    vecs = [v for v in itertools.product((0, Fr(1, 2), 1), repeat=3) if S.is_decreasing(v)]
    for a, b, c in itertools.product(vecs, repeat=3):
        if R.weakly_majorizes(a, b) and R.weakly_majorizes(b, c) and not R.weakly_majorizes(a, c):
            return False, f">_w not transitive at {a}, {b}, {c}"
    half, quarter = (Fr(1, 2), Fr(1, 2), 0), (Fr(1, 4), 0, 0)
    if not (_majorizes(x, half) and R.weakly_majorizes(x, quarter) and not _majorizes(x, quarter)):
        return False, "majorization vs weak majorization (fn. 13) not as stated"
    return True, (f"(1,0,0) and (3/5,3/5,0) are incomparable; transitive on {len(vecs)} feasible allocations; "
                  "(1,0,0) majorizes (1/2,1/2,0) but only weakly majorizes (1/4,0,0)")


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
                return False, f"menu {_menu_str(menu)} ({model}): {d}"
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


def remark3_chain() -> tuple[bool, str]:
    """Remark 3 on a grid: with exchangeable F^H (i.i.d. uniform on {0,1,2,3}^2) the certified symmetric LP optimum q*
    is MM or almost deterministic on the sorted grid (checked), so it is revenue monotone (Props. 2-3; (8) checked),
    and for the FOSD shift F~ = law of (min(v_1 + 1, 3), v_2) -- not exchangeable -- the chain
    OPT(F~) >= REV(q*; F~) >= REV(q*; F) = OPT(F) holds with exact LP optima."""
    vals = (0, 1, 2, 3)
    types, law = R.grid(vals, 2, "H"), S.iid_law(vals, [Fr(1, 4)] * 4, 2)
    gl = G.optimal_lp(types, law, "H", symmetric=True)
    res = solve_exact(gl.lp)
    opt, mech = res.verify(), gl.mechanism(res)
    I = {v: mech[v] for v in R.grid(vals, 2, "I")}
    if not (R.check_mm(I)[0] or R.check_almost_deterministic(I)[0]):
        return False, "the symmetric optimum is neither MM nor almost deterministic (Remark 3 says nothing)"
    ok, d = R.check_revenue_monotone(mech)
    if not ok:
        return False, f"the symmetric optimum: {d}"
    shifted = R.push_forward(law, lambda v: (min(v[0] + 1, Fr(3)), v[1]))
    if S.is_exchangeable(shifted):
        raise AssertionError("the shifted law was meant to be non-exchangeable")
    opt_shift = G.optimum(types, shifted, "H").verify()
    r1, r0 = R.revenue(mech, shifted), R.revenue(mech, law)
    return opt_shift >= r1 >= r0 == opt, (f"OPT(F~) = {opt_shift} >= REV(q*; F~) = {r1} >= REV(q*; F) = {r0} = "
                                          f"OPT(F) = {opt}; F~ is not exchangeable")


#: fn. 10: the M^I menu {(1,0) @ 1/2, (1,1) @ 3/4}; on the kink segment v_2 = 1/4, v_1 > 1/2 the buyer is indifferent
FN10_MENU = [((1, 0), Fr(1, 2)), ((1, 1), Fr(3, 4))]


def _fn10_mixed(v):
    """The menu's allocation with the L-max tie rule, except on the kink segment v_2 = 1/4, v_1 > 1/2, where the buyer
    takes (1, 0) (also a best reply): IC, and equal to the L-max rule off a null set."""
    if v[1] == Fr(1, 4) and v[0] > Fr(1, 2):
        return (Fr(1), Fr(0)), Fr(1, 2)
    return R.menu_mechanism(FN10_MENU, model="I")(v)


def fn10_revenue_monotone(with_densities: bool) -> tuple[bool, str]:
    """fn. 10: (8) for almost all pairs suffices for revenue monotonicity 'as we assume densities'.  The mixed rule
    violates (8) only on the kink segment (t = 3/4 at (1/2, 1/4), 1/2 at (3/4, 1/4)).  Without densities (point masses
    at these two types, an FOSD pair) revenue drops.  With densities: uniform laws on the triangles
    {s <= v_2 <= v_1 <= s + 1/2}, s = 0, 1/8, ..., 1/2 (shifts v + s 1: an FOSD-increasing family), where the segment
    is null and the revenue is that of the choice regions (exact polygon integration): nondecreasing in s; the L-max
    rule itself satisfies (8) at every pair of the grid {0, 1/8, ..., 1}^2 (sorted)."""
    grid = R.grid([Fr(k, 8) for k in range(9)], 2, "I")
    mixed = R.tabulate(_fn10_mixed, grid)
    if not R.check_ic(mixed)[0]:
        raise AssertionError("the mixed tie rule is not IC")
    v, w = (Fr(1, 2), Fr(1, 4)), (Fr(3, 4), Fr(1, 4))
    if not with_densities:
        return mixed[w][1] >= mixed[v][1], (f"point masses: REV(delta_(3/4, 1/4)) = {mixed[w][1]} vs REV(delta_(1/2, 1/4)) "
                                            f"= {mixed[v][1]}")
    ok, d = R.check_payment_monotone(R.tabulate(R.menu_mechanism(FN10_MENU, model="I"), grid))
    if not ok:
        return False, f"the L-max rule: {d}"
    revs = [menu_revenue(FN10_MENU, 8, (v1, v2), lo=Fr(k, 8), hi=Fr(k, 8) + Fr(1, 2), model="I") for k in range(5)]
    mono = all(sp.simplify(b - a) >= 0 for a, b in itertools.pairwise(revs))
    return mono, f"{d}; REV along the shifted triangles: {', '.join(map(str, revs))}"


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


# --- Sec. 5.2: best deterministic mechanisms by class (Prop. 5, Cor. 4, fn. 22), n = 2 ------------------
_BUNDLES = ((1, 0), (0, 1), (1, 1))
_CLASSES = {"all": "all deterministic", "rp": "rank preserving (Def. 2)", "sym": "symmetric (Def. 1)",
            "I": "feasible in M^I (eq. (1))"}


def _admissible(cls: str, v, x) -> bool:
    """Whether the deterministic allocation x at the type v is allowed in the class (per type; for "sym" the
    menu is symmetric and the selection at v^(12) mirrors that at v, so only the tie types constrain x)."""
    if cls == "rp":
        return not any(v[i] > v[j] and x[i] < x[j] for i in (0, 1) for j in (0, 1))
    if cls == "sym":
        return v[0] != v[1] or x[0] == x[1]
    if cls == "I":
        return x[0] >= x[1]
    return True


def det_menu_optimum(types, law, cls: str = "all"):
    """The best deterministic IC-IR mechanism of the class ``cls`` (see _CLASSES) for n = 2 on integer-valued
    types, with its revenue and menu: (revenue, (p_10, p_01, p_11), mechanism).

    Complete search: for a fixed deterministic allocation rule the revenue-maximal payments are t = v.q - u with
    u the least u >= 0 with u(v) >= u(w) + (v - w).q(w) (grid_lp.minimal_utility), a longest-path value with
    integer weights on integer types; types with the same bundle pay the same (IC).  So an optimal mechanism of
    any class is a menu of bundles at integer prices in [0, sum v], plus the outside option, with some selection
    from the buyer's argmax.  Conversely every selection from a menu's argmax is IC and IR.  The classes restrict
    the selection per type (RP, (1); symmetric: tie types get (0, 0) or (1, 1), and the menu is symmetric, since a
    symmetric mechanism selling (1, 0) at v sells (0, 1) at v^(12) at the same price).  The selection takes the
    admissible option with the highest payment, then the most objects (a rule that commutes with swapping the
    objects, so it is symmetric for symmetric menus)."""
    types = [tuple(Fr(x) for x in v) for v in types]
    if any(x.denominator != 1 or x < 0 for v in types for x in v):
        raise ValueError("the menu search needs nonnegative integer-valued types")
    top = int(max(max(v) for v in types))
    singles = list(range(top + 1)) + [None]                      # None: the bundle is not offered
    bundle = list(range(2 * top + 1)) + [None]
    weights = {tuple(Fr(x) for x in v): Fr(w) for v, w in law.items()}
    best = None
    for p10, p01, p11 in itertools.product(singles, singles, bundle):
        if cls == "sym" and p10 != p01:
            continue
        menu = [((0, 0), 0)] + [(x, p) for x, p in zip(_BUNDLES, (p10, p01, p11)) if p is not None]
        mech, rev = {}, Fr(0)
        for v in types:
            utils = [(v[0] * x[0] + v[1] * x[1] - p, p, x) for x, p in menu]
            top_u = max(u for u, _, _ in utils)
            opts = [(p, sum(x), x) for u, p, x in utils if u == top_u and _admissible(cls, v, x)]
            if not opts:
                break
            p, _, x = max(opts)
            mech[v] = (tuple(Fr(a) for a in x), Fr(p))
            rev += weights.get(v, 0) * p
        else:
            if best is None or rev > best[0]:
                best = (rev, (p10, p01, p11), mech)
    if best is None:
        raise ValueError(f"no deterministic mechanism in the class {cls!r}")
    return best


def _pricing_lp_value(types, law, mech) -> Fr:
    """The exact revenue-maximal IC-IR payments for the allocation rule of ``mech`` (the grid LP with every q
    fixed; HiGHS + verified rational duality certificate)."""
    g = G.optimal_lp(types, law, "H")
    T, n = len(g.types), len(g.types[0])
    bounds = list(g.lp.bounds)
    for k, v in enumerate(g.types):
        for i in range(n):
            bounds[g.q(k, i)] = (mech[v][0][i], mech[v][0][i])
    lp = LinearProgram(c=g.lp.c, A_ub=g.lp.A_ub, b_ub=g.lp.b_ub, A_eq=g.lp.A_eq, b_eq=g.lp.b_eq, bounds=bounds,
                       maximize=True, names=g.lp.names)
    return solve_exact(lp).verify()


_CLASS_CHECK = {"rp": R.check_rank_preserving, "sym": R.check_symmetric,
                "I": lambda m: R.check_feasible(m, "I")}


def _det_class_optima(types, law, classes=("all", "rp", "sym")) -> dict:
    """{class: (value, menu, mechanism)}, each optimum re-checked: IC, IR, deterministic, in its class, and
    priced optimally (its revenue = the exact pricing-LP optimum for its allocation rule)."""
    types = [tuple(Fr(x) for x in v) for v in types]
    out = {}
    for cls in classes:
        val, menu, mech = det_menu_optimum(types, law, cls)
        checks = [R.check_ic(mech), R.check_ir(mech), R.check_deterministic(mech)]
        if cls in _CLASS_CHECK:
            checks.append(_CLASS_CHECK[cls](mech))
        for ok, d in checks:
            if not ok:
                raise AssertionError(f"the {cls} optimum (menu {menu}) fails a check: {d}")
        if R.revenue(mech, law) != val or _pricing_lp_value(types, law, mech) != val:
            raise AssertionError(f"the {cls} optimum (menu {menu}) is not priced optimally")
        out[cls] = (val, menu, mech)
    return out


def _strict(vals):
    return [v for v in R.grid(vals, 2, "H") if S.is_strict(v)]


#: Prop. 5 instance X: a non-exchangeable law on the strict types of {1,2,4}^2 (weights / 17)
X_VALS = (1, 2, 4)
X_LAW = {(Fr(1), Fr(2)): Fr(1, 17), (Fr(2), Fr(1)): Fr(6, 17), (Fr(4), Fr(1)): Fr(10, 17)}


def _exchangeable(law):
    """The average of ``law`` over the permutations of the coordinates."""
    out: dict = {}
    perms = S.all_perms(len(next(iter(law))))
    for v, w in law.items():
        for s in perms:
            u = S.act(v, s)
            out[u] = out.get(u, Fr(0)) + w / len(perms)
    return out


X_EXCH = _exchangeable(X_LAW)
_DET_CACHE: dict = {}


def _det_cached(key, types, law, classes):
    if key not in _DET_CACHE:
        _DET_CACHE[key] = _det_class_optima(types, law, classes)
    return _DET_CACHE[key]


def _fmt_opt(res) -> str:
    return ", ".join(f"{cls} {val} (menu p10, p01, p11 = {tuple('-' if p is None else p for p in menu)})"
                     for cls, (val, menu, _) in res.items())


def prop5_optima_differ() -> tuple[bool, str]:
    """On X (non-exchangeable) the best deterministic mechanisms over the symmetric, the rank-preserving and all
    mechanisms differ: sym < RP < all (the classes are told apart)."""
    r = _det_cached("X", _strict(X_VALS), X_LAW, ("all", "rp", "sym"))
    ok = r["sym"][0] < r["rp"][0] < r["all"][0]
    return ok, f"X on the strict types of {{1,2,4}}^2: {_fmt_opt(r)}"


def prop5_sym_eq_rp(law_key: str) -> tuple[bool, str]:
    """Prop. 5's content on a grid: the best symmetric deterministic mechanism earns as much as the best RP one.
    ``"X_exch"``: the exchangeable version of X; also the (ii) => (i) construction: the RP optimum's restriction
    to its best region D(sigma-hat) (eq. (19)), extended symmetrically, is symmetric, IC, deterministic and earns
    2 REV^sigma-hat >= REV.  ``"X"``: X itself (not exchangeable)."""
    law = X_EXCH if law_key == "X_exch" else X_LAW
    types = _strict(X_VALS)
    r = _det_cached(law_key, types, law, ("all", "rp", "sym"))
    detail = f"{law_key}: {_fmt_opt(r)}"
    if r["sym"][0] != r["rp"][0]:
        return False, detail
    mech = r["rp"][2]
    regions = {s: sum((w * mech[v][1] for v, w in law.items() if S.in_region(v, s)), Fr(0)) for s in S.all_perms(2)}
    best = max(regions, key=regions.get)

    def restricted(w, sigma=best):             # the RP optimum on D(sigma-hat), relabelled to D(sigma^I)
        q, t = mech[S.act(w, S.inverse(sigma))]
        return S.act(q, sigma), t
    ext = R.tabulate(S.symmetric_extension(restricted), types)
    for ok, d in (R.check_symmetric(ext), R.check_ic(ext), R.check_ir(ext), R.check_deterministic(ext)):
        if not ok:
            return False, f"{detail}; the best-region extension fails: {d}"
    rev = R.revenue(ext, law)
    if rev != 2 * regions[best] or rev < R.revenue(mech, law):
        return False, f"{detail}; the best-region extension earns {rev} (2 REV^sigma-hat = {2 * regions[best]})"
    return True, (f"{detail}; REV^sigma = {', '.join(str(x) for x in regions.values())}: the extension from the best "
                  f"region is symmetric, IC, deterministic and earns {rev}")


#: an exchangeable law on {0,1,2,3}^2 with mass on tie types (weights / 111): on grids a symmetric deterministic
#: mechanism must give tied objects equal allocations, (0, 0) or (1, 1) (C5)
TIE_LAW = {(Fr(a), Fr(b)): Fr(w, 111) for (a, b), w in {(0, 2): 24, (2, 0): 24, (0, 3): 24, (3, 0): 24, (2, 2): 4,
                                                        (3, 3): 11}.items()}


def prop5_tie_mass() -> tuple[bool, str]:
    """Prop. 5's equality on a grid whose tie types carry mass (the exchangeable TIE_LAW on {0,1,2,3}^2)."""
    r = _det_cached("ties", R.grid((0, 1, 2, 3), 2, "H"), TIE_LAW, ("all", "rp", "sym"))
    return r["sym"][0] == r["rp"][0], f"tie types charged: {_fmt_opt(r)}"


def _uniform_strict(K):
    types = _strict(range(K + 1))
    return types, {v: Fr(1, len(types)) for v in types}


def cor4_uniform(K: int) -> tuple[bool, str]:
    """Cor. 4 on a grid: v_low = 0, the uniform law on the strict types of {0..K}^2 (exchangeable; a discretized
    uniform density, which satisfies (11)): the best symmetric deterministic mechanism is an optimal
    deterministic mechanism."""
    types, law = _uniform_strict(K)
    r = _det_cached(("cor4", K), types, law, ("all", "sym"))
    return r["sym"][0] == r["all"][0], f"K = {K}: {_fmt_opt(r)}"


def fn22_region(K: int) -> tuple[bool, str]:
    """fn. 22 / Cor. 4's proof on a grid: on the region D(sigma^I) (the strict types v_1 > v_2 of {0..K}^2, uniform
    law), the best RP deterministic mechanism earns as much as the best deterministic mechanism with any
    allocations there (not necessarily RP)."""
    types = [v for v in _strict(range(K + 1)) if v[0] > v[1]]
    law = {v: Fr(1, len(types)) for v in types}
    r = _det_cached(("fn22", K), types, law, ("all", "I"))
    return r["I"][0] == r["all"][0], f"D(sigma^I) of {{0..{K}}}^2: {_fmt_opt(r)}"


# --- G9: Prop. 2(b) / 3(b) in M^H: a coordinate step may cross the diagonal ----------------------------
def _sorted_path(v, i, new):
    """Sorted coordinates of the H step v -> v with v_i raised to ``new``, as a chain of D-bar^I coordinate steps:
    the raised entry climbs past the entries it overtakes through tie types (s_{p-1}, s_{p-1}), one step each."""
    s = list(S.sort_desc(v))
    p = s.index(v[i])                                        # the raised entry's position (first among equal ones)
    path = [tuple(s)]
    while p > 0 and s[p - 1] < new:
        if s[p] != s[p - 1]:
            s[p] = s[p - 1]                                  # a tie type: the raised entry meets the one it overtakes
            path.append(tuple(s))
        p -= 1
    s[p] = new
    path.append(tuple(s))
    return path


def _h_steps(vals, n):
    for v in R.grid(vals, n, "H"):
        for i in range(n):
            for x in vals:
                if x > v[i]:
                    yield v, i, Fr(x)


def g9_h_step_is_i_step() -> tuple[bool, str]:
    """Prop. 2(b)'s 'arguments similar to those in part (a)' need every coordinate step (v_i, v_-i) ->
    (v-hat_i, v_-i) of M^H to be, in sorted coordinates, a coordinate step of D^I (one entry raised), where part (a)
    and Def. 6 apply ({0..4}^n, n = 2, 3)."""
    for n in (2, 3):
        for v, i, x in _h_steps(range(5), n):
            w = tuple(x if k == i else v[k] for k in range(n))
            a, b = S.sort_desc(v), S.sort_desc(w)
            if sum(p != q for p, q in zip(a, b)) > 1:
                return False, (f"{tuple(map(str, v))} -> {tuple(map(str, w))} (coordinate {i + 1} crosses) is "
                               f"{tuple(map(str, a))} -> {tuple(map(str, b))} in sorted coordinates: two entries change")
    return True, "every H coordinate step is a D^I coordinate step"


def g9_two_step_path() -> tuple[bool, str]:
    """The corrected argument (spec G9): every H coordinate step, in sorted coordinates, is a chain of D-bar^I
    coordinate steps through tie types (e.g. (v_2, v_1) -> (v_2, v_2) -> (v-hat_1, v_2)), each raising one entry;
    and for MM, non-bossy M^I menus on the closed sorted grid {0, 1/4, ..., 1}^n (n = 2, 3) the payment is
    nondecreasing along every such chain, so the symmetric extension has t^s(v-hat) >= t^s(v) (Prop. 2(b))."""
    crossing = mechs = 0
    for n, vals in ((2, VALS), (3, [Fr(k, 2) for k in range(3)])):
        for v, i, x in _h_steps(vals, n):
            path = _sorted_path(v, i, x)
            w = tuple(x if k == i else v[k] for k in range(n))
            if path[-1] != S.sort_desc(w) or not all(S.is_decreasing(p) for p in path):
                return False, f"the sorted chain of {v} -> {w} is wrong: {path}"
            for p, q in itertools.pairwise(path):
                d = [k for k in range(n) if p[k] != q[k]]
                if len(d) != 1 or q[d[0]] < p[d[0]]:
                    return False, f"{p} -> {q} is not a coordinate step up"
            crossing += len(path) > 2
        rng = random.Random(9 + n)
        for _ in range(40):
            menu = R.random_menu(rng, n, "I", den=2)
            mi = R.menu_mechanism(menu, model="I")
            I = R.tabulate(mi, R.grid(vals, n, "I"))
            if not (R.check_mm(I)[0] and R.check_non_bossy(I)[0]):
                continue
            H = R.tabulate(S.symmetric_extension(mi), R.grid(vals, n, "H"))
            for v, i, x in _h_steps(vals, n):
                path = _sorted_path(v, i, x)
                if any(I[q][1] < I[p][1] for p, q in itertools.pairwise(path)):
                    return False, f"menu {_menu_str(menu)}: t decreases along the chain {path}"
                w = tuple(x if k == i else v[k] for k in range(n))
                if H[w][1] < H[v][1]:
                    return False, f"menu {_menu_str(menu)}: t^s{w} < t^s{v}"
            mechs += 1
    return mechs > 5, f"{crossing} crossing H steps split into D-bar^I chains; t monotone along them for {mechs} MM non-bossy menus"


# --- G25: Lemma 3 as used in Prop. 3(a)'s proof -----------------------------------------------------------
def _ad_menus(n, vals, count, seed):
    """Random M^I menus whose allocation rule on the sorted grid is almost deterministic and non-bossy."""
    rng, out = random.Random(seed), []
    for _ in range(400):
        menu = R.random_menu(rng, n, "I", den=2)
        m = R.tabulate(R.menu_mechanism(menu, model="I"), R.grid(vals, n, "I"))
        if R.check_almost_deterministic(m)[0] and R.check_non_bossy(m)[0]:
            out.append((menu, m))
            if len(out) == count:
                break
    return out


_G25_INST = ((2, VALS), (3, [Fr(k, 2) for k in range(3)]))


def g25_prop3_uses_lemma3(printed: bool) -> tuple[bool, str]:
    """Prop. 3(a)'s proof applies Lemma 3 to q(v), q(v-hat) at coordinate pairs of an almost-deterministic,
    non-bossy IC M^I mechanism.  ``printed``: Lemma 3's hypothesis as printed, both vectors in D(sigma^I)
    (strictly decreasing).  Otherwise the weakly decreasing reading (spec G25): at every such pair the allocations
    are componentwise comparable, hence >_w-comparable, and the rule is MM (the proof's conclusion)."""
    k = 0
    for n, vals in _G25_INST:
        for menu, m in _ad_menus(n, vals, 6, 25 + n):
            for v, w, i in R._lines(m):
                a, b = m[v][0], m[w][0]
                if printed:
                    for x in (a, b):
                        if not (S.is_strict(x) and S.is_decreasing(x)):
                            return False, (f"menu {_menu_str(menu)}: the allocation {tuple(map(str, x))} at a coordinate pair is "
                                           f"not in D(sigma^I); Lemma 3 as printed does not apply")
                    continue
                if not (all(p >= q for p, q in zip(a, b)) or all(p <= q for p, q in zip(a, b))):
                    return False, f"menu {_menu_str(menu)}: {a}, {b} not comparable"
                k += 1
            if not printed and not R.check_mm(m)[0]:
                return False, f"menu {_menu_str(menu)}: not MM"
    return True, f"{k} coordinate pairs of 12 AD non-bossy menus: comparable allocations; every menu MM"


# --- G21: eq. (11)'s constant, the divergence identity ----------------------------------------------------
def g21_divergence(constant=None, dims=(2, 3, 4)) -> tuple[bool, str]:
    """The identity behind (11): (v.grad u - u) f = div(u f v) - u [c f + v.grad f] with c = n + 1 (``constant``
    None) or a fixed c, for undefined functions u, f of n variables (exact symbolic expansion), so that
    REV = boundary flux - int u [(n + 1) f + v.grad f]: (11)'s '3' is n + 1 for n = 2."""
    for n in dims:
        xs = sp.symbols(f"x1:{n + 1}")
        u, f = sp.Function("u")(*xs), sp.Function("f")(*xs)
        cst = n + 1 if constant is None else constant
        lhs = (sum(x * sp.diff(u, x) for x in xs) - u) * f
        rhs = sum(sp.diff(u * f * x, x) for x in xs) - u * (cst * f + sum(x * sp.diff(f, x) for x in xs))
        d = sp.expand(lhs - rhs)
        if d != 0:
            return False, f"n = {n}, constant {cst}: lhs - rhs = {d}"
    return True, f"identity for n = {', '.join(map(str, dims))}"


# --- eq. (1), fn. 12, Sec. 5.1: allocations of M^I as unit-count distributions --------------------------
def eq1_unit_count() -> tuple[bool, str]:
    """(1) says q_i = P(K >= i) for the number of units K (P(K = k) = q_k - q_{k+1} >= 0, q_0 = 1, q_{n+1} = 0);
    then sum_{i <= j} q_i = E min(K, j) (exact polynomial identity, n = 2..4), so in M^I q-hat >_w q iff
    E min(K-hat, j) >= E min(K, j) for all j: the increasing-concave (SOSD) order of the unit counts (Sec. 5.1).
    fn. 12: for every feasible q on {0, 1/4, ..., 1}^3, the top-k sums are the prefix sums (q_[i] = q_i); an
    unsorted H allocation is a control."""
    for n in range(2, 5):
        q = list(sp.symbols(f"q1:{n + 1}"))
        ext = [sp.Integer(1)] + q + [sp.Integer(0)]
        pk = {k: ext[k] - ext[k + 1] for k in range(n + 1)}          # P(K = k)
        if sp.expand(sum(pk.values()) - 1) != 0:
            return False, f"n = {n}: the unit-count probabilities do not sum to 1"
        for j in range(1, n + 1):
            if sp.expand(sum(q[:j]) - sum(min(k, j) * pk[k] for k in pk)) != 0:
                return False, f"n = {n}, j = {j}: sum q_i != E min(K, j)"
    feasible = [x for x in itertools.product(_QUARTERS, repeat=3) if S.is_decreasing(x)]
    for x in feasible:
        if R.top_sums(x) != [sum(x[:j]) for j in range(1, 4)]:
            return False, f"fn. 12 fails at {x}"
    if R.top_sums((0, 1)) == [0, 1]:
        return False, "control: the unsorted (0, 1) has top sums equal to its prefix sums"
    return True, f"identity for n = 2..4; fn. 12 at {len(feasible)} feasible allocations"


_QUARTERS = [Fr(k, 4) for k in range(5)]


def cor2_eq10() -> tuple[bool, str]:
    """Cor. 2: at every coordinate pair (v_i, v_-i), (v-hat_i, v_-i) of D^I with v-hat_i > v_i and
    q(v-hat) >_w q(v) (condition (10) at that pair), t(v-hat) >= t(v); random M^I menus on the strict sorted types
    of {0..4}^n, n = 2, 3."""
    rng = random.Random(10)
    k = 0
    for n in (2, 3):
        dom = [v for v in R.grid(range(5), n, "I") if S.is_strict(v)]
        for _ in range(10):
            m = R.tabulate(R.menu_mechanism(R.random_menu(rng, n, "I"), model="I"), dom)
            for v, w, i in R._lines(m):
                if R.weakly_majorizes(m[w][0], m[v][0]):
                    k += 1
                    if m[w][1] < m[v][1]:
                        return False, f"t{w} < t{v} although q{w} >_w q{v}"
    return k > 0, f"(10) met at {k} coordinate pairs of 20 menus; t nondecreasing at all of them"


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


def _beta_mm88() -> sp.Expr:
    """(11) for the product Beta(alpha, beta) density f = prod v_i^(alpha-1) (1 - v_i)^(beta-1) on (0, 1)^2: the sign of
    (3 f + v.grad f) / f, times (1 - v_1)(1 - v_2) > 0 (a polynomial)."""
    log_f = sum((alpha - 1) * sp.log(x) + (beta - 1) * sp.log(1 - x) for x in (v1, v2))
    ratio = 3 + sum(x * sp.diff(log_f, x) for x in (v1, v2))            # (3 f + v.grad f) / f
    return sp.expand(sp.cancel(sp.together(ratio * (1 - v1) * (1 - v2))))


_BETA_MM88 = _beta_mm88()


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
    FiniteCheck("weak_majorization_incomplete_r17", source=_src("Sec. 5.1, fn. 13 (spec R17)"), compute=r17,
                statement=r"(1,0,0)\ \text{and}\ (0.6,0.6,0)\ \text{are } \succ_w\text{-incomparable}"),
    FiniteCheck("def6_r15_not_mm_not_monotone", source=_src("Def. 6 / Remark 3 'In other words' (spec R15, G11)"),
                compute=r15_all_ic_revenue_monotone, expect="fails", corrected="props2_3_revenue_monotone",
                statement=r"\text{every IC mechanism in } \mathcal M^I \text{ is revenue monotone}",
                note="the twin restores the hypothesis (MM or almost deterministic, Props. 2-3)"),
    FiniteCheck("props2_3_revenue_monotone", source=_src("Props. 2-3, Def. 5, eq. (8), Defs. 6-8"), compute=prop2_3,
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
                source=_src("Sec. 5.2 (spec R2: two-unit menu, f^I = 2, b = a + c a)"),
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
    FiniteCheck("sec7_2_n3_almost_deterministic_optimum", source=f"{PAPER}; Spec 004, §7 item 2 (n = 3 analogue of Cor. 3)",
                compute=lambda: _lp_optimum_properties(3, 3),
                note="supported on one instance (K = 3, n = 3); not a proof for the continuum"),
    FiniteCheck("prop7_lmax_non_bossy", source=_src("Prop. 7, Def. 7, Def. 11 (menus: the L-max tie rule)"), compute=nonbossy),
    FiniteCheck("g10_per_v_index_revenue_monotone", source=_src("Def. 8 as written, Prop. 3(a) (spec G10)"),
                compute=g10_per_v_index,
                statement=r"\{(\tfrac12,0)@\tfrac14,(1,\tfrac12)@1\}:\ \text{IC, almost deterministic (}k=k(v)\text{), revenue monotone}"),
    FiniteCheck("g10_single_random_index", source=_src("Def. 8 vs the proof of Prop. 7 (spec G10)"),
                compute=g10_global_k, expect="fails", corrected="g10_per_v_index_revenue_monotone",
                statement=r"\text{an almost deterministic mechanism randomizes one fixed unit } k"),
    FiniteCheck("remark3_optimal_revenue_monotone", source=_src("Remark 3 (with its hypothesis: the symmetric optimum is MM or AD), Thm. 3, fn. 11"),
                compute=remark3_chain,
                statement=r"\mathrm{OPT}(\tilde F)\ge\mathrm{REV}(q^*;\tilde F)\ge\mathrm{REV}(q^*;F)=\mathrm{OPT}(F)",
                note="F i.i.d. uniform on {0,1,2,3}^2; F~ its FOSD shift in the first coordinate, not exchangeable"),
    FiniteCheck("fn10_ae_with_densities", source=_src("eq. (8), fn. 10 (a.e. suffices under densities)"),
                compute=lambda: fn10_revenue_monotone(True),
                statement=r"(8)\ \text{a.e.},\ \text{densities}\Rightarrow\mathrm{REV}(\tilde F)\ge\mathrm{REV}(F)"),
    FiniteCheck("fn10_ae_without_densities", source=_src("fn. 10 without densities (point masses on the null set)"),
                compute=lambda: fn10_revenue_monotone(False), expect="fails", corrected="fn10_ae_with_densities",
                statement=r"(8)\ \text{a.e.}\Rightarrow\mathrm{REV}(\tilde F)\ge\mathrm{REV}(F)\ \text{for all cdfs}",
                note="the density assumption is needed: atoms on the kink segment see the violation of (8)"),
    # --- eq. (1), fn. 12, Cor. 2 -----------------------------------------------------------------------
    FiniteCheck("eq1_unit_count_sosd", source=_src("eq. (1), fn. 12, Sec. 5.1 (SOSD of the unit count and >_w)"),
                compute=eq1_unit_count,
                statement=r"\sum_{i\le j}q_i=\mathbb E\min(K,j),\ q_i=P(K\ge i);\ q_{[i]}=q_i\ \text{in}\ \mathcal M^I"),
    FiniteCheck("cor2_eq10_payments", source=_src("Cor. 2, eq. (10)"), compute=cor2_eq10,
                statement=r"\hat v_i>v_i,\ q(\hat v_i,v_{-i})\succ_w q(v_i,v_{-i})\Rightarrow t(\hat v_i,v_{-i})\ge t(v_i,v_{-i})"),
    # --- G9, G25: Props. 2(b)-3 -------------------------------------------------------------------------
    FiniteCheck("g9_crossing_step_two_d_I_steps", source=_src("Props. 2(b), 3(b) in M^H, corrected (spec G9), Remark 2"),
                compute=g9_two_step_path,
                statement=r"(v_2,v_1)\to(v_2,v_2)\to(\hat v_1,v_2)\ \text{in}\ \bar D^I;\ t\ \text{monotone along it}"),
    FiniteCheck("g9_h_step_is_i_step_as_printed", source=_src("Prop. 2(b) proof, 'arguments similar to part (a)' (spec G9)"),
                compute=g9_h_step_is_i_step, expect="fails", corrected="g9_crossing_step_two_d_I_steps",
                statement=r"\text{every } M^H \text{ coordinate step is a } D^I \text{ coordinate step in sorted coordinates}",
                note="a step crossing the diagonal changes two sorted entries; Def. 6 and part (a) speak of one"),
    FiniteCheck("g25_lemma3_weak_reading_in_prop3", source=_src("Lemma 3 read with weakly decreasing vectors, Prop. 3(a) proof (spec G25)"),
                compute=lambda: g25_prop3_uses_lemma3(False),
                statement=r"\text{AD, non-bossy: } q(\hat v)\ge q(v)\ \text{or}\ q(v)\ge q(\hat v)\ \text{on coordinate pairs; MM}"),
    FiniteCheck("g25_lemma3_hypothesis_in_prop3", source=_src("Lemma 3 as printed (alpha, beta in D(sigma^I)) applied in Prop. 3(a) (spec G25)"),
                compute=lambda: g25_prop3_uses_lemma3(True), expect="fails", corrected="g25_lemma3_weak_reading_in_prop3",
                statement=r"\text{the allocations Prop. 3(a) compares lie in } D(\sigma^I)",
                note="deterministic allocations (0, 0), (1, 1) are not strictly decreasing: the printed lemma does not cover them"),
    # --- G21: eq. (11) ------------------------------------------------------------------------------------
    FiniteCheck("g21_divergence_identity_n_plus_1", source=_src("eq. (11), its origin for general n (spec G21)"),
                compute=g21_divergence,
                statement=r"(v\cdot\nabla u-u)f=\nabla\cdot(ufv)-u[(n+1)f+v\cdot\nabla f],\ n=2,3,4"),
    FiniteCheck("g21_constant_3_for_n3", source=_src("eq. (11) with '3' for general n (spec G21), n = 3"),
                compute=lambda: g21_divergence(3, (3,)), expect="fails", corrected="g21_divergence_identity_n_plus_1",
                statement=r"(v\cdot\nabla u-u)f=\nabla\cdot(ufv)-u[3f+v\cdot\nabla f],\ n=3",
                note="the residual is -u f: for n = 3 the McAfee-McMillan condition is 4 f + v.grad f >= 0"),
    Inequality("eq11_beta_beta_le_1", lhs=_BETA_MM88, rhs=0, over=[(v1, 0, 1), (v2, 0, 1)],
               source=_src("eq. (11) for 'a family of Beta distributions' (spec G21, R18: beta <= 1)"),
               statement=r"(1-v_1)(1-v_2)\,\tfrac{3f+v\cdot\nabla f}{f}\ge0,\ f\propto\prod v_i^{\alpha-1}(1-v_i)^{\beta-1},\ \beta\le1"),
    Inequality("g21_beta_2_2", lhs=_BETA_MM88.subs({alpha: 2, beta: 2}), rhs=0, over=[(v1, 0, 1), (v2, 0, 1)],
               expect="fails", corrected="eq11_beta_beta_le_1",
               source=_src("eq. (11) for every Beta family (spec G21), Beta(2, 2)"),
               statement=r"(1-v_1)(1-v_2)\,\tfrac{3f+v\cdot\nabla f}{f}\ge0,\ f\propto\prod v_i(1-v_i)"),
    # --- Sec. 5.2: Prop. 5, Cor. 4, fn. 22 ---------------------------------------------------------------
    FiniteCheck("prop5_three_optima_differ_X", source=_src("Sec. 5.2, Prop. 5 (three classes told apart on a grid)"),
                compute=prop5_optima_differ,
                statement=r"\mathrm{OPT}^{\rm det}_{\rm sym}<\mathrm{OPT}^{\rm det}_{\rm RP}<\mathrm{OPT}^{\rm det}\ \text{on}\ X",
                note=("X = (1 (1,2) + 6 (2,1) + 10 (4,1))/17 on the strict types of {1,2,4}^2; each optimum re-checked (IC, "
                      "IR, class) and priced by an exact LP")),
    FiniteCheck("prop5_sym_eq_rp_exchangeable_X", source=_src("Prop. 5, eq. (19) (exchangeable version of X)"),
                compute=lambda: prop5_sym_eq_rp("X_exch"),
                statement=r"f\ \text{exchangeable}:\ \mathrm{OPT}^{\rm det}_{\rm sym}=\mathrm{OPT}^{\rm det}_{\rm RP},\ \text{best-region extension}"),
    FiniteCheck("prop5_without_exchangeability_X", source=_src("Prop. 5 without exchangeability (law X)"),
                compute=lambda: prop5_sym_eq_rp("X"), expect="fails", corrected="prop5_sym_eq_rp_exchangeable_X",
                statement=r"\mathrm{OPT}^{\rm det}_{\rm sym}=\mathrm{OPT}^{\rm det}_{\rm RP}\ \text{under } X",
                note="refuted: 3 < 52/17; the best-region argument needs REV(q^s) = n! REV^sigma-hat, i.e. exchangeability"),
    FiniteCheck("prop5_grid_tie_mass", source=_src("Prop. 5 on a grid whose tie types carry mass (spec C5)"),
                compute=prop5_tie_mass, expect="fails", corrected="prop5_sym_eq_rp_exchangeable_X",
                statement=r"\mathrm{OPT}^{\rm det}_{\rm sym}=\mathrm{OPT}^{\rm det}_{\rm RP}\ \text{with ties charged}",
                note=("refuted 84/37 < 85/37: a symmetric deterministic mechanism gives tied objects (0, 0) or (1, 1); "
                      "in the paper ties are null (densities), so this is a discretization effect")),
    FiniteCheck("cor4_uniform_grid_K5", source=_src("Cor. 4 on a grid (v_low = 0, uniform on the strict types of {0..5}^2)"),
                compute=lambda: cor4_uniform(5),
                statement=r"\mathrm{OPT}^{\rm det}_{\rm sym}=\mathrm{OPT}^{\rm det}\ \text{on}\ \{0..5\}^2"),
    FiniteCheck("cor4_uniform_grid_K6", source=_src("Cor. 4 on a grid (v_low = 0, uniform on the strict types of {0..6}^2)"),
                compute=lambda: cor4_uniform(6),
                statement=r"\mathrm{OPT}^{\rm det}_{\rm sym}=\mathrm{OPT}^{\rm det}\ \text{on}\ \{0..6\}^2"),
    FiniteCheck("fn22_region_rp_suffices_K5", source=_src("Cor. 4 proof, fn. 22 on a grid (region D(sigma^I) of {0..5}^2)"),
                compute=lambda: fn22_region(5),
                statement=r"\max_{\rm RP}\mathrm{REV}^{\sigma^I}=\max_{\rm all}\mathrm{REV}^{\sigma^I}\ \text{(deterministic)}"),
    FiniteCheck("fn22_region_rp_suffices_K6", source=_src("Cor. 4 proof, fn. 22 on a grid (region D(sigma^I) of {0..6}^2)"),
                compute=lambda: fn22_region(6), expect="fails", corrected="cor4_uniform_grid_K6",
                statement=r"\max_{\rm RP}\mathrm{REV}^{\sigma^I}=\max_{\rm all}\mathrm{REV}^{\sigma^I}\ \text{on}\ \{0..6\}^2",
                note=("refuted on the grid: 26/7 < 80/21 (a non-RP menu sells object 2 at 2 to (3, 2)); Cor. 4's "
                      "conclusion still holds on this grid (the twin); the continuum step rests on BM (2022, JET) and "
                      "is not checked, so this is a discretization limit, not a counterexample")),
]

DERIVATION = Derivation(
    name="bm_revenue_monotone",
    title="Bikhchandani-Mishra Secs. 5.1-5.2, App. A-B: revenue monotonicity, deterministic mechanisms, non-bossiness",
    scope=SCOPE, claims=CLAIMS, model=r"\mathcal M^I,\ \text{symmetric } \mathcal M^H", references=(PAPER,),
)
