"""Bikhchandani and Mishra, "Rank-preserving Multidimensional Mechanisms" (2022): the remaining gaps
and misstatements of the catalog (spec G2, G5, G6, G8, G14, G17-G19, G22, G24), fn. 4 (the seller's cost;
not in the catalog), Sec. 2, and Appendix B (Prop. 7, Claims 1-2, Defs. 11-12, eqs. (23)-(25)), each a claim
on an exact finite instance: the paper's statement as written, expected to fail with a counterexample,
pinned to the catalog's corrected reading on the same instance, expected to hold.

Appendix B on grids: d u(v) is taken relative to the strict types of a sorted grid (D^I on the grid) and
intersected with the feasible set {1 >= x_1 >= ... >= x_n >= 0} (spec G17); it is a polytope whose vertices
are computed exactly, so the L-maximal rule (lexmax, Def. 11 read pointwise, spec G18) is exact.

Already encoded elsewhere: G3, G4 (bm_symmetric), G9, G10, G11 (def6_r15_not_mm_not_monotone), G21, G25
(bm_revenue_monotone), G12 (bm_equivalence), G15, G16 (bm_robust).  Not checkable (wording, OCR,
citations, or statements about existence in the continuum): see :data:`NOT_ENCODED`.
"""
from __future__ import annotations

import itertools
import random
from fractions import Fraction as Fr

from symmech import Derivation, Scope
from symmech.tactics.lp.exact import LinearProgram, solve_exact
from symmech.models.multigood import grid_lp as G
from symmech.models.multigood import rank as R
from symmech.models.multigood import rank_settings as RS
from symmech.models.multigood import symmetric as S
from symmech.models.multigood.knightian_lp import ExactLPEquality, FiniteCheck
from symmech.models.multigood.stochastic_order import monotone_coupling

PAPER = "Bikhchandani and Mishra, 'Rank-preserving Multidimensional Mechanisms' (2022)"
SCOPE = Scope()

#: catalog items with no claim, and why
NOT_ENCODED = {
    "G1": "OCR damage (sigma^1 for sigma^I, interleaved fn. 21): nothing mathematical to check",
    "G7": "existence of an optimum in the continuum is assumed; on finite grids LP optima always exist",
    "G13": "[v_low, v_high] = [0, 1] in the definition of G_avg is a normalization, not an error",
    "G20": "wording ('v, v-hat in M^I', '(9) for holds types')",
    "G23": "citation year and a misspelled name in the references",
}


def _menu_str(menu) -> str:
    return "{" + ", ".join(f"{R._s(x)} @ {p}" for x, p in menu) + "}"


def _src(item: str) -> str:
    return f"{PAPER}, {item}"


def _iid(vals, n):
    k = len(vals)
    return S.iid_law(vals, [Fr(1, k)] * k, n)


G2_VALS = (1, 2, 3)       # v_low = 1; OPT = 8/3 is spec R11


def _g2(floor):
    def make():
        types, law = R.grid(G2_VALS, 2, "H"), _iid(G2_VALS, 2)
        if floor is None:
            return G.optimum(types, law, "H")
        return solve_exact(RS.payment_floor_lp(types, law, "H", floor))
    return G.cached(("bm_gap_g2", floor), make)


# --- G5 --------------------------------------------------------------------------------------------
def _random_mech(rng, types, n):
    return {v: (tuple(Fr(rng.randint(0, 4), 4) for _ in range(n)), Fr(rng.randint(0, 8), 4)) for v in types}


def _qhat(mech, v, sigma):
    q, _ = mech[S.act(v, sigma)]
    return S.act(q, S.inverse(sigma))


def g5_symmetry_step(swap: bool = False) -> tuple[bool, str]:
    """Thm. 3 proof, corrected step (spec G5): qhat_i(v^tau; sigma) = qhat_{tau(i)}(v; tau sigma), with
    (v^tau)^sigma = v^{tau sigma} (C1), for arbitrary (not IC) rules on {0,1,2}^3.  ``swap`` uses
    sigma tau instead (a negative control)."""
    rng = random.Random(5)
    n, types = 3, R.grid((0, 1, 2), 3, "H")
    k = 0
    for _ in range(3):
        mech = _random_mech(rng, types, n)
        for v, tau, sigma in itertools.product(types, S.all_perms(n), S.all_perms(n)):
            comp = S.compose(sigma, tau) if swap else S.compose(tau, sigma)
            a, b = _qhat(mech, S.act(v, tau), sigma), _qhat(mech, v, comp)
            for i in range(n):
                if a[i] != b[tau[i]]:
                    return False, f"v = {v}, tau = {tau}, sigma = {sigma}: qhat_{i + 1} = {a[i]} != {b[tau[i]]}"
            k += 1
    return True, f"the step holds at {k} (rule, v, tau, sigma) combinations"


_NONEXCH = {(Fr(0), Fr(1)): Fr(1, 5), (Fr(1), Fr(0)): Fr(1, 2), (Fr(1), Fr(1)): Fr(3, 10)}


def g5_fifth_equality(shift_f: bool = True) -> tuple[bool, str]:
    """The fifth equality, sum_v t(v^sigma) f(v^sigma) = sum_v t(v) f(v), is a change of variables: it
    holds for a non-exchangeable law (grid analogue of the unit-Jacobian substitution w = v^sigma)."""
    rng = random.Random(6)
    types = R.grid((0, 1), 2, "H")
    mech = _random_mech(rng, types, 2)
    f = {v: _NONEXCH.get(v, Fr(0)) for v in types}
    for s in S.all_perms(2):
        lhs = sum(mech[S.act(v, s)][1] * f[S.act(v, s) if shift_f else v] for v in types)
        rhs = sum(mech[v][1] * f[v] for v in types)
        if lhs != rhs:
            return False, f"sigma = {s}: {lhs} != {rhs}"
    return True, "holds for every sigma with a non-exchangeable law: no exchangeability is used there"


def _exchangeable_version(law):
    """The average of ``law`` over the permutations of the coordinates (an exchangeable law)."""
    out: dict = {}
    for v, w in law.items():
        for s in S.all_perms(len(v)):
            u = S.act(v, s)
            out[u] = out.get(u, Fr(0)) + w / len(S.all_perms(len(v)))
    return out


_EXCH = _exchangeable_version(_NONEXCH)


def g5_revenue_without_exchangeability(law=None) -> tuple[bool, str]:
    """Thm. 3's revenue equality REV(q*, t*; f) = REV(q, t; f) for the menu {(1,0) @ 1/2} on {0,1}^2, under
    the non-exchangeable law _NONEXCH (default; exchangeability is used in the third equality) or ``law``."""
    law = _NONEXCH if law is None else law
    types = R.grid((0, 1), 2, "H")
    mech = R.tabulate(R.menu_mechanism([((1, 0), Fr(1, 2))]), types)
    sym = R.tabulate(S.symmetrization(lambda v: mech[v], 2), types)
    a, b = R.revenue(mech, law), R.revenue(sym, law)
    kind = "exchangeable" if S.is_exchangeable(law) else "non-exchangeable"
    return a == b, (f"menu {{(1,0) @ 1/2}}: REV = {a}, REV(symmetrization) = {b} under the {kind} law "
                    f"{ {tuple(map(str, k)): str(w) for k, w in sorted(law.items())} }")


# --- G6 --------------------------------------------------------------------------------------------
def g6_one_to_one(differ_at_strict: bool = False) -> tuple[bool, str]:
    """'One-to-one mapping' I -> H on a grid: two different IC-IR M^I mechanisms (differing only at
    tie types) with the same symmetric extension."""
    types = R.grid((1, 2), 2, "I")
    A = {v: ((Fr(1), Fr(0)), Fr(1)) for v in types}
    B = {v: (((Fr(1, 2),) * 2 if v[0] == v[1] else (Fr(1), Fr(0))), Fr(1)) for v in types}
    if differ_at_strict:                     # a positive control: B (bundle at 2) differs from A at strict types too
        B = {v: ((Fr(1), Fr(1)), Fr(2)) for v in types}
    for m in (A, B):
        for ok, d in (R.check_ic(m), R.check_ir(m), R.check_feasible(m, "I")):
            if not ok:
                raise AssertionError(d)
    hA = R.tabulate(S.symmetric_extension(lambda v: A[v]), R.grid((1, 2), 2, "H"))
    hB = R.tabulate(S.symmetric_extension(lambda v: B[v]), R.grid((1, 2), 2, "H"))
    return hA != hB, ("M^I mechanisms A (q = (1,0) everywhere) and B (q = (1/2,1/2) at ties) differ at (1,1), (2,2) "
                      f"but have the same extension: {hA == hB}")


def g6_injective_off_ties() -> tuple[bool, str]:
    """The corrected 'one-to-one' (spec G6: modulo null sets): an M^I rule is recovered from its symmetric
    extension at every strict type of D^I, so two rules with the same extension agree there.  Random M^I
    rules (tables, not necessarily IC) on {0..3}^2 and {0,1,2}^3, and the pair A, B of g6_one_to_one."""
    rng = random.Random(6)
    k = 0
    for n, vals in ((2, (0, 1, 2, 3)), (3, (0, 1, 2))):
        types_i = R.grid(vals, n, "I")
        for _ in range(5):
            m = {v: (tuple(sorted((Fr(rng.randint(0, 4), 4) for _ in range(n)), reverse=True)), Fr(rng.randint(0, 8), 4))
                 for v in types_i}
            ext = R.tabulate(S.symmetric_extension(m.__getitem__), R.grid(vals, n, "H"))
            for v in types_i:
                if S.is_strict(v) and ext[v] != m[v]:
                    return False, f"the extension differs from the rule at the strict type {tuple(map(str, v))}"
            k += 1
    types = R.grid((1, 2), 2, "I")
    A = {v: ((Fr(1), Fr(0)), Fr(1)) for v in types}
    B = {v: (((Fr(1, 2),) * 2 if v[0] == v[1] else (Fr(1), Fr(0))), Fr(1)) for v in types}
    differ = [v for v in types if A[v] != B[v]]
    if any(S.is_strict(v) for v in differ):
        return False, "A and B differ at a strict type"
    return True, (f"{k} random M^I rules are recovered from their extensions at all strict types; A and B differ only at "
                  f"the tie types {[tuple(map(str, v)) for v in differ]}")


# --- G14 -------------------------------------------------------------------------------------------
def g14_diagonal_choice_ic(bump=0) -> tuple[bool, str]:
    """(21)'s extension with (q, t) itself on the diagonal (no averaging of tied units, C6) is IC and IR
    on the H grid, for random M^I menus (n = 2, 3)."""
    rng = random.Random(14)
    k = 0
    for n, vals in ((2, (0, 1, 2, 3)), (3, (0, 1, 2))):
        for _ in range(6):
            mi = R.menu_mechanism(R.random_menu(rng, n, "I"), model="I")
            ext = S.symmetric_extension(mi)
            H = {v: ((mi(v)[0], mi(v)[1] + bump) if len(set(v)) == 1 else ext(v)) for v in R.grid(vals, n, "H")}
            for ok, d in (R.check_ic(H), R.check_ir(H)):
                if not ok:
                    return False, d
            k += 1
    return True, f"{k} random menus: the extension with the raw diagonal allocation is IC and IR"


# --- G17 -------------------------------------------------------------------------------------------
#: vertices of the cells of D^I = {0 <= w2 <= w1 <= 1} cut by w1 = 1/2 and w2 = 1/2; u - (affine) is
#: linear on each cell, so its minimum over D^I is attained at one of them
_H = Fr(1, 2)
_CELL_VERTICES = [(Fr(0), Fr(0)), (Fr(1), Fr(0)), (Fr(1), Fr(1)), (_H, Fr(0)), (_H, _H), (Fr(1), _H)]


def _u_uniform(w):
    return max(w[0] - _H, 0) + max(w[1] - _H, 0)


def _subdifferential_bounded(v) -> bool:
    """Whether d u(v) relative to D^I is bounded.  u - (linear) is linear on every cell, so d u(v) =
    {x : x.(w - v) <= u(w) - u(v) for all cell vertices w}; its recession cone is {d : d.(w - v) <= 0 for
    all w}, and in the plane a nonzero d in it can be taken orthogonal to some w - v (exact test)."""
    dirs = [(w[0] - v[0], w[1] - v[1]) for w in _CELL_VERTICES if w != v]
    cands = [c for a, b in dirs for c in ((-b, a), (b, -a))]
    return not any(all(c[0] * x + c[1] * y <= 0 for x, y in dirs) for c in cands)


_G17_TYPES = R.grid([Fr(k, 8) for k in range(9)], 2, "I")


def g17_subgradient_bounded(interior_only: bool = False) -> tuple[bool, str]:
    """Prop. 7 'd u(v) is compact' with d u relative to D^I = {1 >= w1 >= w2 >= 0}, u the utility of the
    uniform price p = 1/2, u(w) = (w1 - 1/2)^+ + (w2 - 1/2)^+, at the types of {0, 1/8, ..., 1}^2 in D^I
    (``interior_only``: those with 1 > v1 > v2 > 0, the corrected reading).  Also, at every type the
    mechanism's own allocation q(v) is a subgradient: d u(v) meets the feasible set {1 >= x1 >= x2 >= 0}."""
    mech = G.uniform_price(_H, 2)
    k = 0
    for v in _G17_TYPES:
        q = mech(v)[0]
        if not all(_u_uniform(w) >= _u_uniform(v) + sum(a * (b - c) for a, b, c in zip(q, w, v)) for w in _CELL_VERTICES):
            return False, f"q{tuple(map(str, v))} = {tuple(map(str, q))} is not a subgradient of u there"
        if interior_only and not (1 > v[0] > v[1] > 0):
            continue
        if not _subdifferential_bounded(v):
            return False, f"d u(v) is unbounded at the type v = {tuple(map(str, v))} (boundary of D^I)"
        k += 1
    return True, f"d u(v) is bounded at all {k} {'interior ' if interior_only else ''}types and contains the feasible q(v)"


# --- G22 -------------------------------------------------------------------------------------------
_LO = {(Fr(0), Fr(0)): _H, (Fr(1), Fr(1)): _H}
_HI = {(Fr(1), Fr(0)): _H, (Fr(0), Fr(1)): _H}


def _cdf(law, x):
    return sum((w for v, w in law.items() if all(a <= b for a, b in zip(v, x))), Fr(0))


def g22_cdf_dominance(lo=_LO, hi=_HI, usual: bool = False) -> tuple[bool, str]:
    """Prop. 3(b) with FOSD read as pointwise cdf dominance: F~ <= F everywhere, bundling at 2
    (symmetric, deterministic) earns 1 under F but 0 under F~."""
    pts = R.grid((0, 1), 2, "H")
    if not all(_cdf(hi, x) <= _cdf(lo, x) for x in pts):
        raise AssertionError("the pair is not cdf-ordered")
    if bool(monotone_coupling(lo, hi).holds) != usual:
        raise AssertionError("the pair's usual-order relation is not as declared")
    mech = R.tabulate(R.menu_mechanism([((1, 1), Fr(2))]), pts)
    a, b = R.revenue(mech, lo), R.revenue(mech, hi)
    return b >= a, (f"F = 1/2 (0,0) + 1/2 (1,1), F~ = 1/2 (1,0) + 1/2 (0,1): F~ <= F pointwise (not in the usual order); "
                    f"bundling at 2 earns {a} under F, {b} under F~")


def g22_usual_order_suffices() -> tuple[bool, str]:
    """Prop. 3(b) with FOSD as the usual stochastic order (C4): for the symmetric deterministic mechanism
    'bundle at 2' on {0,1}^2 and the laws F of g22_cdf_dominance, every F~ = law of h(v) with h(v) >= v
    (all such maps h on the grid) has REV(F~) >= REV(F)."""
    pts = R.grid((0, 1), 2, "H")
    mech = R.tabulate(R.menu_mechanism([((1, 1), Fr(2))]), pts)
    k = 0
    for law in (_LO, _HI, {v: Fr(1, 4) for v in pts}):
        ups = [[w for w in pts if all(a >= b for a, b in zip(w, v))] for v in pts]
        for image in itertools.product(*ups):
            h = dict(zip(pts, image))
            hi = R.push_forward(law, h.__getitem__)
            if R.revenue(mech, hi) < R.revenue(mech, law):
                return False, f"h = {h}: REV drops {R.revenue(mech, law)} -> {R.revenue(mech, hi)}"
            k += 1
    return True, f"REV(h F) >= REV(F) for all {k} (law, monotone map h >= id) pairs"


# --- G24 -------------------------------------------------------------------------------------------
def g24_negative_values(vals=(-1, 1, 2)) -> tuple[bool, str]:
    """Prop. 1 (9) on the sorted grid {-1, 1, 2}^2 (v_low < 0) for the menu {(1,0) @ 1, (1,1) @ 1/2}."""
    mech = R.tabulate(R.menu_mechanism([((1, 0), Fr(1)), ((1, 1), _H)], model="I"), R.grid(vals, 2, "I"))
    for v, w in itertools.permutations(mech, 2):
        if R.weakly_majorizes(mech[w][0], mech[v][0]) and mech[w][1] < mech[v][1]:
            return False, f"q{tuple(map(str, w))} = {mech[w][0]} >_w q{tuple(map(str, v))} = {mech[v][0]} but t = {mech[w][1]} < {mech[v][1]}"
    return True, "(9) holds on the grid"



# --- App. B: subdifferentials on a grid (Prop. 7, Claims 1-2, Defs. 11-12, eqs. (23)-(25); G17-G18) ------
def _dot(a, b) -> Fr:
    return sum((x * y for x, y in zip(a, b)), Fr(0))


def _menu_u(menu):
    """The utility u(v) = max(0, max_k v.x_k - p_k) of a menu: convex, the buyer's payoff of any IC mechanism
    implementing the menu."""
    return lambda v: max([Fr(0)] + [_dot(v, x) - Fr(p) for x, p in menu])


def _subgradient_rows(u, dom, v, feasible: bool = True):
    """Rows a.x <= b of d u(v) relative to the domain ``dom`` (x in d u(v) iff u(w) - u(v) >= x.(w - v) for all
    w in dom); with ``feasible`` also 1 >= x_1 >= ... >= x_n >= 0 (the feasible set of M^I: spec G17)."""
    n = len(v)
    out = [(tuple(w[i] - v[i] for i in range(n)), u(w) - u(v)) for w in dom if w != v]
    if feasible:
        unit = [tuple(Fr(int(j == i)) for j in range(n)) for i in range(n)]
        out.append((unit[0], Fr(1)))
        out.append((tuple(-x for x in unit[-1]), Fr(0)))
        out += [(tuple(a - b for a, b in zip(unit[i + 1], unit[i])), Fr(0)) for i in range(n - 1)]
    return out


def _member(x, rows) -> bool:
    return all(_dot(a, x) <= b for a, b in rows)


def _solve(A, b):
    """The solution of the square system A x = b (Fractions), or None if A is singular."""
    n = len(A)
    M = [list(A[i]) + [b[i]] for i in range(n)]
    for c in range(n):
        p = next((r for r in range(c, n) if M[r][c] != 0), None)
        if p is None:
            return None
        M[c], M[p] = M[p], M[c]
        for r in range(n):
            if r != c and M[r][c] != 0:
                f = M[r][c] / M[c][c]
                M[r] = [x - f * y for x, y in zip(M[r], M[c])]
    return tuple(M[i][n] / M[i][i] for i in range(n))


def _vertices(rows, n) -> set:
    """All vertices of the polytope {x : a.x <= b} (every n rows with independent normals, solved exactly and kept
    when feasible); the lexicographic maximum of a polytope is attained at one of them."""
    out = set()
    for sub in itertools.combinations(rows, n):
        x = _solve([a for a, _ in sub], [b for _, b in sub])
        if x is not None and _member(x, rows):
            out.add(x)
    return out


_QUARTERS = [Fr(k, 4) for k in range(5)]


def _appb_menus(n: int, count: int, seed: int):
    rng = random.Random(seed)
    return [R.random_menu(rng, n, "I", den=2) for _ in range(count)]


def _appb_domain(n: int):
    """The strict types of the sorted grid {0, ..., 4}^n: D^I on the grid."""
    return [v for v in R.grid(range(5), n, "I") if S.is_strict(v)]


def _coordinate_pairs(dom):
    """(v, v', i): types of the domain that differ in the coordinate i only."""
    for v, w in itertools.permutations(dom, 2):
        diff = [i for i in range(len(v)) if v[i] != w[i]]
        if len(diff) == 1:
            yield v, w, diff[0]


def claim1_check(shared: bool = True) -> tuple[bool, str]:
    """Claim 1 and eq. (23) for the utilities of random M^I menus on D^I of {0..4}^n, n = 2, 3 (d u relative to the
    grid's D^I): whenever x in d u(v) and z = (x_i, y_{-i}) in d u(v'_i, v_{-i}), then x in d u(v'_i, v_{-i}), z in
    d u(v) and u(v) = u(v'_i, v_{-i}) + (v_i - v'_i) x_i.  Candidates x, z: the vertices of d u intersected with the
    feasible set and its points in {0, 1/4, ..., 1}^n.  ``shared=False`` drops the hypothesis z_i = x_i (a control:
    the conclusion then fails)."""
    premises = 0
    for n in (2, 3):
        dom = _appb_domain(n)
        for menu in _appb_menus(n, 4, 23 + n):
            u = _menu_u(menu)
            rows = {v: _subgradient_rows(u, dom, v, feasible=False) for v in dom}
            cands = {}
            for v in dom:
                frows = _subgradient_rows(u, dom, v)
                grid_pts = [x for x in itertools.product(_QUARTERS, repeat=n) if _member(x, frows)]
                cands[v] = _vertices(frows, n) | set(grid_pts)
            for v, w, i in _coordinate_pairs(dom):
                for x in cands[v]:
                    for z in cands[w]:
                        if shared and z[i] != x[i]:
                            continue
                        premises += x != z
                        if not (_member(x, rows[w]) and _member(z, rows[v])):
                            return False, (f"menu {_menu_str(menu)}: x = {tuple(map(str, x))} in d u{tuple(map(str, v))}, "
                                           f"z = {tuple(map(str, z))} in d u{tuple(map(str, w))}, but the swap fails")
                        if u(v) != u(w) + (v[i] - w[i]) * x[i]:
                            return False, f"menu {_menu_str(menu)}: (23) fails at v = {v}, v' = {w}"
    if premises == 0:
        return False, "vacuous: no pair x != z met the premise"
    return True, f"Claim 1 and (23) at {premises} premise pairs with x != z (4 menus each for n = 2, 3)"


def _lmax(u, dom, v):
    """Def. 11 read pointwise (spec G18) with the feasible set (spec G17): lexmax of d u(v) intersected with F, and
    the vertices of that polytope."""
    verts = _vertices(_subgradient_rows(u, dom, v), len(v))
    return max(verts), verts


def _lmax_mechanism(menu, dom):
    u = _menu_u(menu)
    q = {v: _lmax(u, dom, v) for v in dom}
    return u, {v: (q[v][0], _dot(v, q[v][0]) - u(v)) for v in dom}, {v: q[v][1] for v in dom}


def def11_pointwise() -> tuple[bool, str]:
    """Def. 11 read as q#(v) = lexmax d u(v) (intersected with the feasible set, spec G17, G18), for random M^I menus
    on D^I of {0..4}^n, n = 2, 3: q#(v) is a subgradient and lexicographically >= every point of d u(v) (every
    vertex), (q#, t# = v.q# - u) is IC and IR (fn. 24), object non-bossy (Def. 7), and at every coordinate pair with
    q#_i(v) = q#_i(v') eqs. (24)-(25) hold: q#(v) in d u(v'), q#(v') in d u(v); q# = the menu's choice wherever
    d u(v) meets F in one point."""
    kinks = 0
    for n in (2, 3):
        dom = _appb_domain(n)
        for menu in _appb_menus(n, 4, 11 + n):
            u, sharp, verts = _lmax_mechanism(menu, dom)
            choice = R.tabulate(R.menu_mechanism(menu, model="I"), dom)
            for ok, d in (R.check_ic(sharp), R.check_ir(sharp), R.check_feasible(sharp, "I"), R.check_non_bossy(sharp)):
                if not ok:
                    return False, f"menu {_menu_str(menu)}: {d}"
            rows = {v: _subgradient_rows(u, dom, v, feasible=False) for v in dom}
            for v in dom:
                if len(verts[v]) == 1 and tuple(choice[v][0]) != sharp[v][0]:
                    return False, f"menu {_menu_str(menu)}: d u{v} is a point but q# differs from the menu's choice"
                kinks += len(verts[v]) > 1
            for v, w, i in _coordinate_pairs(dom):
                if sharp[v][0][i] == sharp[w][0][i] and not (_member(sharp[v][0], rows[w]) and _member(sharp[w][0], rows[v])):
                    return False, f"menu {_menu_str(menu)}: (24)-(25) fail at v = {v}, v' = {w}"
    return True, f"8 menus: q# IC, IR, feasible, non-bossy, (24)-(25) at every pair with equal i-th entries; {kinks} kink types"


def def11_as_written() -> tuple[bool, str]:
    """Def. 11 as printed: an allocation rule q# in Q(u) with q#(v) lexicographically *strictly* larger than q-hat(v)
    for every other q-hat in Q(u) and *every* v.  For any candidate q*, take a type v0 where d u(v0) has two points
    and let q-hat = q* except at v0: q-hat is in Q(u), differs from q*, and agrees with it at every other type, so no
    candidate satisfies the definition (menu {(1,0) @ 2, (1,1) @ 5} on D^I of {0..4}^2)."""
    menu = [((1, 0), 2), ((1, 1), 5)]
    dom = _appb_domain(2)
    u, sharp, verts = _lmax_mechanism(menu, dom)
    v0 = next((v for v in dom if len(verts[v]) > 1), None)
    if v0 is None:
        return True, "every d u(v) is a point: Q(u) has one element and the definition holds vacuously"
    other = next(x for x in sorted(verts[v0]) if x != sharp[v0][0])
    v1 = next(v for v in dom if v != v0)
    return False, (f"d u{tuple(map(str, v0))} contains {tuple(map(str, sharp[v0][0]))} and {tuple(map(str, other))}: "
                   f"q-hat = q* except at v0 agrees with q* at {tuple(map(str, v1))}, so q*(v1) is not strictly larger")


def _ad_rows(u, dom, v, chain: bool = True):
    """Rows of d~u(v) of Prop. 7's second part without the 0/1 conditions: subgradient rows, 0 <= x_j <= 1 (G17),
    and the chain x_1 >= ... >= x_n (``chain``; spec G19) or, read literally, 'x_1 >= ... >= x_2': x_1 >= x_2 only."""
    n = len(v)
    rows = _subgradient_rows(u, dom, v, feasible=False)
    unit = [tuple(Fr(int(j == i)) for j in range(n)) for i in range(n)]
    rows += [(unit[i], Fr(1)) for i in range(n)] + [(tuple(-x for x in unit[i]), Fr(0)) for i in range(n)]
    rows += [(tuple(a - b for a, b in zip(unit[i + 1], unit[i])), Fr(0)) for i in (range(n - 1) if chain else (0,))]
    return rows


def _ad_points(u, dom, v, k, lo_grid: bool = True, chain: bool = True):
    """d~u(v) of Prop. 7's second part: subgradients x (relative to dom) with x_j in {0, 1} for j != k and
    1 >= x_1 >= ... >= x_n >= 0 (G17, G19: the chain; ``chain=False``: x_1 >= x_2 only).  For each 0/1 assignment
    of the other entries the set of x_k is an interval [lo, hi] (exact); returns the segments and candidate points
    (ends and quarter points)."""
    n = len(v)
    rows = _ad_rows(u, dom, v, chain)
    segs, pts = [], set()
    for bits in itertools.product((Fr(0), Fr(1)), repeat=n - 1):
        base = list(bits[:k]) + [Fr(0)] + list(bits[k:])
        lo, hi, ok = None, None, True
        for a, b in rows:
            rhs = b - _dot(a, base)
            if a[k] == 0:
                ok &= rhs >= 0
            elif a[k] > 0:
                hi = rhs / a[k] if hi is None else min(hi, rhs / a[k])
            else:
                lo = rhs / a[k] if lo is None else max(lo, rhs / a[k])
        if not ok or lo is None or hi is None or lo > hi:       # x_k is bounded by 0 <= x_k <= 1
            continue
        ends = [lo, hi]
        segs.append((tuple(base), lo, hi))
        for s in ends + ([x for x in _QUARTERS if lo <= x <= hi] if lo_grid else []):
            x = list(base)
            x[k] = s
            pts.add(tuple(x))
    return segs, pts


#: almost-deterministic M^I menus with the randomized unit k (0-based): n = 2, k = 1 and n = 3, k = 1
AD_MENUS = {
    (2, 1): [[((1, 0), 2), ((1, Fr(1, 2)), 3), ((1, 1), 5)], [((1, Fr(1, 4)), 2), ((1, 1), 5)],
             [((1, 0), 1), ((1, Fr(3, 4)), 4)]],
    (3, 1): [[((1, 0, 0), 2), ((1, Fr(1, 2), 0), 3), ((1, 1, 1), 7)], [((1, Fr(1, 4), 0), 2), ((1, 1, 0), 5)]],
    (3, 2): [[((1, 0, 0), 4), ((1, 1, Fr(3, 4)), Fr(11, 2)), ((1, 1, 0), Fr(15, 4))]],
}
G19_MENU, G19_K = AD_MENUS[(3, 2)][0], 2


def _ld_max(u, dom, v, k, chain: bool = True):
    """Def. 12 read pointwise: lexmax of d~u(v) (the largest x_k on the lexicographically largest segment)."""
    segs, _ = _ad_points(u, dom, v, k, lo_grid=False, chain=chain)
    base, _, hi = max(segs, key=lambda s: tuple(s[0][:k]) + (s[2],) + tuple(s[0][k + 1:]))
    x = list(base)
    x[k] = hi
    return tuple(x)


def g19_rank_preserving(chain: bool) -> tuple[bool, str]:
    """Prop. 7's second part: 'by definition [the L^d-maximal q#] is almost deterministic and rank-preserving', with
    d~u read with the chain x_1 >= x_2 >= x_3 (``chain``) or literally with 'x_1 >= ... >= x_2' = x_1 >= x_2 (spec
    G19), for the AD menu {(1,0,0) @ 4, (1,1,3/4) @ 11/2, (1,1,0) @ 15/4} (unit 3 randomized) on D^I of {0..4}^3."""
    u, dom = _menu_u(G19_MENU), _appb_domain(3)
    sharp = {v: _ld_max(u, dom, v, G19_K, chain) for v in dom}
    bad = [(v, x) for v, x in sharp.items() if not S.is_decreasing(x)]
    if bad:
        v, x = bad[0]
        return False, f"q#{tuple(map(str, v))} = {tuple(map(str, x))} is not rank preserving ({len(bad)} types)"
    return True, f"q# is rank preserving (and almost deterministic) at all {len(dom)} types"


def claim2_def12() -> tuple[bool, str]:
    """Claim 2, Def. 12 and eqs. (24)-(25) for almost-deterministic RP M^I menus with one randomized unit k (fn. 21)
    on D^I of {0..4}^n, n = 2, 3: the swap property of Claim 2 on d~u (candidates: segment ends and quarter points),
    the L^d-maximal rule q#(v) = lexmax d~u(v) (the largest x_k on the lexicographically largest segment) is almost
    deterministic with index k, RP, IC with u, non-bossy, and satisfies (24)-(25) with d~u."""
    premises = 0
    for (n, k), menus in AD_MENUS.items():
        dom = _appb_domain(n)
        for menu in menus:
            u = _menu_u(menu)
            data = {v: _ad_points(u, dom, v, k) for v in dom}
            frows = {v: _ad_rows(u, dom, v) for v in dom}         # x in d~u(v) iff these rows hold (x is AD with k)
            tilde = {v: data[v][1] for v in dom}
            for v in dom:
                q = tuple(Fr(x) for x in R.menu_mechanism(menu, model="I")(v)[0])
                if q not in tilde[v]:
                    return False, f"menu {_menu_str(menu)}: the menu's choice {q} at {v} is not in d~u (the rule is not AD with k)"
            sharp = {}
            for v in dom:
                x = _ld_max(u, dom, v, k)
                sharp[v] = (x, _dot(v, x) - u(v))
                if any(tuple(y) > sharp[v][0] for y in tilde[v]):
                    return False, f"menu {_menu_str(menu)}: q#{v} is not the lexmax of d~u"
            for ok, d in (R.check_ic(sharp), R.check_ir(sharp), R.check_feasible(sharp, "I"), R.check_non_bossy(sharp),
                          R.check_almost_deterministic(sharp)):
                if not ok:
                    return False, f"menu {_menu_str(menu)}: {d}"
            if {R.random_index(q) for q, _ in sharp.values()} - {None, k}:
                return False, f"menu {_menu_str(menu)}: q# randomizes another unit than {k + 1}"
            for v, w, i in _coordinate_pairs(dom):
                for x in tilde[v]:
                    for z in tilde[w]:
                        if z[i] == x[i]:
                            premises += x != z
                            if not (_member(x, frows[w]) and _member(z, frows[v])):
                                return False, f"menu {_menu_str(menu)}: Claim 2 fails at v = {v}, v' = {w}, x = {x}, z = {z}"
                if sharp[v][0][i] == sharp[w][0][i]:
                    if not (_member(sharp[v][0], frows[w]) and _member(sharp[w][0], frows[v])):
                        return False, f"menu {_menu_str(menu)}: (24)-(25) fail at v = {v}, v' = {w}"
    return True, f"6 AD menus (n = 2, 3; randomized unit 2 or 3): Claim 2 at {premises} premise pairs, q# AD, RP, IC, non-bossy, (24)-(25)"


# --- G8: the chain of coordinate steps in Prop. 2(a)'s proof --------------------------------------
def _paths(v, w):
    """Every monotone coordinate path from v to w (raise one coordinate at a time, in every order)."""
    idx = [i for i in range(len(v)) if v[i] != w[i]]
    for order in itertools.permutations(idx):
        pts, cur = [], list(v)
        for i in order:
            cur[i] = w[i]
            pts.append(tuple(cur))
        yield order, pts


def g8_any_path() -> tuple[bool, str]:
    """Prop. 2(a)'s step 'this in turn implies t#(v-hat) >= t#(v) for all v-hat > v' read with any chain of
    coordinate steps: every monotone coordinate path between strict types v <= v-hat of D^I ({0..4}^n, n = 2, 3)
    stays in D^I, where the coordinatewise monotonicity (Def. 6, MM) was established."""
    for n in (2, 3):
        dom = _appb_domain(n)
        for v, w in itertools.permutations(dom, 2):
            if all(a <= b for a, b in zip(v, w)):
                for order, pts in _paths(v, w):
                    out = [p for p in pts if not (S.is_decreasing(p) and S.is_strict(p))]
                    if out:
                        return False, (f"v = {tuple(map(str, v))}, v-hat = {tuple(map(str, w))}: raising coordinates "
                                       f"{[i + 1 for i in order]} passes through {tuple(map(str, out[0]))}, not in D^I")
    return True, "every path stays in D^I"


def _mm_menus(n: int, count: int, seed: int):
    """Random M^I menus whose allocation rule (ties broken towards the smallest allocation, so q differs from the
    L-maximal rule at kinks) is MM and IC on D^I of {0..4}^n."""
    rng, out = random.Random(seed), []
    dom = _appb_domain(n)
    while len(out) < count:
        menu = R.random_menu(rng, n, "I", den=2)
        q = R.tabulate(R.menu_mechanism(menu, model="I", tie="lexmin"), dom)
        if R.check_mm(q)[0]:
            out.append((menu, q))
    return out


def g8_topdown_chain() -> tuple[bool, str]:
    """The corrected chain (spec G8): the top-down path v -> (v-hat_1, v_2, ...) -> (v-hat_1, v-hat_2, v_3, ...) ->
    ... stays in D^I (v-hat_k >= v_k > v_{k+1}); and for MM IC menus q (ties to the smallest allocation), the
    L-maximal rule q# of Prop. 7 (exact lexmax of d u) is MM and non-bossy at *every* coordinate pair of D^I,
    including the types where q# != q (a null set in the continuum: the chain may pass through it), and t# is
    nondecreasing along every top-down path: eq. (8) on D^I ({0..4}^n, n = 2, 3)."""
    pairs = differ = 0
    for n in (2, 3):
        dom = _appb_domain(n)
        for v, w in itertools.permutations(dom, 2):
            if all(a <= b for a, b in zip(v, w)):
                pts = next(p for o, p in _paths(v, w) if list(o) == sorted(o))
                if any(not (S.is_decreasing(p) and S.is_strict(p)) for p in pts):
                    return False, f"the top-down path from {v} to {w} leaves D^I"
        for menu, q in _mm_menus(n, 4, 80 + n):
            _, sharp, _ = _lmax_mechanism(menu, dom)
            differ += sum(tuple(q[v][0]) != sharp[v][0] for v in dom)
            for ok, d in (R.check_mm(sharp), R.check_non_bossy(sharp), R.check_payment_monotone(sharp)):
                if not ok:
                    return False, f"menu {_menu_str(menu)}: the L-max rule: {d}"
            pairs += 1
    return True, (f"top-down paths stay in D^I; for {pairs} MM menus the L-max rule is MM, non-bossy and t# is "
                  f"monotone on D^I ({differ} types where q# != q)")


# --- fn. 4: the seller's cost ----------------------------------------------------------------------
FN4_VALS, FN4_COST = (1, 2, 3), Fr(1)          # cost per object = v_low = 1; i.i.d. uniform values


def _profit_lp(types, law, cost, revenue_floor=None):
    """max sum f(v) [t(v) - cost sum_i q_i(v)] over IC-IR mechanisms on ``types`` (optionally with expected revenue
    >= ``revenue_floor``)."""
    g = G.optimal_lp(types, law, "H")
    index = {v: k for k, v in enumerate(g.types)}
    c = list(g.lp.c)
    for v, w in law.items():
        for i in range(len(v)):
            c[g.q(index[tuple(Fr(x) for x in v)], i)] -= Fr(cost) * Fr(w)
    A, b = list(g.lp.A_ub), list(g.lp.b_ub)
    if revenue_floor is not None:
        A.append({j: -x for j, x in enumerate(g.lp.c) if x})
        b.append(-Fr(revenue_floor))
    return LinearProgram(c=c, A_ub=A, b_ub=b, A_eq=g.lp.A_eq, b_eq=g.lp.b_eq, bounds=g.lp.bounds, maximize=True,
                         names=g.lp.names)


def _fn4(which):
    def make():
        types, law = R.grid(FN4_VALS, 2, "H"), _iid(FN4_VALS, 2)
        if which == "profit":
            return solve_exact(_profit_lp(types, law, FN4_COST))
        if which == "profit_of_revenue_optimal":
            floor = G.optimum(types, law, "H").verify()
            return solve_exact(_profit_lp(types, law, FN4_COST, revenue_floor=floor))
        shifted = [tuple(x - FN4_COST for x in v) for v in types]
        return G.optimum(shifted, {tuple(x - FN4_COST for x in v): w for v, w in law.items()}, "H")
    return G.cached(("bm_gap_fn4", which), make)


# --- Sec. 2: IR at the bottom type, boundedness ---------------------------------------------------
def sec2_ir_and_bounds() -> tuple[bool, str]:
    """Sec. 2: for IC mechanisms IR holds iff u(v_low, ..., v_low) >= 0; and IC + IR bound the payments,
    -u(v_low 1) <= t(v) <= n v_high (so the standing assumption t >= v_low is not needed for boundedness, spec G2).
    Random M^H menus and M^I menus on {1,2,3}^n (v_low = 1), n = 2, 3, with all payments shifted by
    c in {-2, ..., 2} (shifts keep IC and move IR)."""
    rng = random.Random(2)
    k = ir_fail = 0
    for n in (2, 3):
        for model in ("H", "I"):
            types = R.grid((1, 2, 3), n, model)
            bottom, top = types[0] if model == "H" else min(types), max(max(v) for v in types)
            for _ in range(6):
                base = R.tabulate(R.menu_mechanism(R.random_menu(rng, n, model), model=model), types)
                for shift in range(-2, 3):
                    mech = {v: (q, t + shift) for v, (q, t) in base.items()}
                    if not R.check_ic(mech)[0]:
                        return False, "a shifted menu is not IC"
                    ir, low = R.check_ir(mech)[0], R.utility(mech, bottom) >= 0
                    if ir != low:
                        return False, f"IR = {ir} but u(v_low 1) >= 0 is {low}"
                    if ir and not all(-R.utility(mech, bottom) <= t <= n * top for _, t in mech.values()):
                        return False, "an IC-IR mechanism's payment leaves [-u(v_low 1), n v_high]"
                    ir_fail += not ir
                    k += 1
    return True, f"{k} IC mechanisms ({ir_fail} not IR): IR <=> u(v_low 1) >= 0, and payments within the bounds"

CLAIMS = [
    ExactLPEquality("g2_payment_floor_vlow", lhs=_g2(None), rhs=_g2(1), lhs_label="OPT", rhs_label="OPT(t >= v_low)",
                    expect="fails", corrected="g2_payment_floor_zero",
                    source=_src("Sec. 2, 't(v) >= v_low ... without loss of generality' (spec G2)"),
                    statement=r"\mathrm{OPT}=\mathrm{OPT}\ \text{s.t.}\ t\ge\underline v=1\ \text{on}\ \{1,2,3\}^2",
                    note="refuted: the floor forces a sale to every type (IR), 7/3 < 8/3 (spec R11)"),
    ExactLPEquality("g2_payment_floor_zero", lhs=_g2(None), rhs=_g2(0), lhs_label="OPT", rhs_label="OPT(t >= 0)",
                    value=Fr(8, 3), source=_src("Lemma 1 proof, t >= 0 (spec G2: the intended reading; value spec R11)"),
                    statement=r"\mathrm{OPT}=\mathrm{OPT}\ \text{s.t.}\ t\ge 0=\tfrac83",
                    note="t >= 0 is w.l.o.g. on this instance (one grid)"),
    FiniteCheck("g5_symmetry_step", source=_src("Thm. 3 proof, symmetry chain (spec G5, corrected step)"),
                compute=g5_symmetry_step, statement=r"\hat q_i(v^\tau;\sigma)=\hat q_{\tau(i)}(v;\tau\sigma)"),
    FiniteCheck("g5_fifth_equality_change_of_variables", source=_src("Thm. 3 proof, revenue chain (spec G5)"),
                compute=g5_fifth_equality, statement=r"\int t(v^\sigma)f(v^\sigma)dv=\int tf\ \text{for any } f",
                note="the fifth equality is a change of variables (catalog right); the third uses exchangeability"),
    FiniteCheck("g5_revenue_with_exchangeable_law", source=_src("Thm. 3 revenue chain (exchangeable f, the theorem's hypothesis)"),
                compute=lambda: g5_revenue_without_exchangeability(_EXCH),
                statement=r"\mathrm{REV}(q^*,t^*;f)=\mathrm{REV}(q,t;f)\ \text{for exchangeable } f",
                note="f = the symmetrized _NONEXCH law; same menu as the failing claim"),
    FiniteCheck("g5_revenue_needs_exchangeability", source=_src("Thm. 3 revenue chain without exchangeability"),
                compute=g5_revenue_without_exchangeability, expect="fails", corrected="g5_revenue_with_exchangeable_law",
                statement=r"\mathrm{REV}(q^*,t^*;f)=\mathrm{REV}(q,t;f)\ \text{for non-exchangeable } f"),
    FiniteCheck("g6_injective_off_ties", source=_src("Sec. 1 (the introduction's 'one-to-one mapping') and Thm. 2, modulo null sets (spec G6)"),
                compute=g6_injective_off_ties, statement=r"\mathrm{ext}(m)=\mathrm{ext}(m')\Rightarrow m=m'\ \text{on } D^I\ \text{(strict types)}"),
    FiniteCheck("g6_one_to_one_on_grids", source=_src("Sec. 1, 'one-to-one mapping' between the models' IC-IR mechanisms, on grids (spec G6)"),
                compute=g6_one_to_one, expect="fails", corrected="g6_injective_off_ties",
                statement=r"I\to H\ \text{is injective on grids}",
                note="holds only modulo the tie types (null in the continuum)"),
    FiniteCheck("g14_diagonal_choice_ic", source=_src("eq. (21) with F^min on the diagonal (spec G14, C6)"),
                compute=g14_diagonal_choice_ic, statement=r"(q^s,t^s)=(q,t)\ \text{on the diagonal is IC}",
                note="(21) uses this choice on the diagonal without stating it; its IC is derived in the catalog and checked here on grids"),
    FiniteCheck("g17_subdifferential_bounded_interior", source=_src("Prop. 7 proof, corrected reading (spec G17)"),
                compute=lambda: g17_subgradient_bounded(True),
                statement=r"\partial u(v)\ \text{bounded for } v\in\operatorname{int}D^I;\ q(v)\in\partial u(v)\cap\{1\ge x_1\ge x_2\ge0\}"),
    FiniteCheck("g17_subdifferential_compact", source=_src("Prop. 7 proof, 'd u(v) is compact' (spec G17)"),
                compute=g17_subgradient_bounded, expect="fails", corrected="g17_subdifferential_bounded_interior",
                statement=r"\partial u(v)\ \text{bounded for every } v\in\bar D^I"),
    FiniteCheck("g22_usual_order_suffices", source=_src("Prop. 3(b) / Def. 5 with FOSD as the usual stochastic order (spec C4)"),
                compute=g22_usual_order_suffices,
                statement=r"\tilde v=h(v),\ h\ge\mathrm{id}\Rightarrow \mathrm{REV}(\tilde F)\ge\mathrm{REV}(F)"),
    FiniteCheck("g22_cdf_dominance_suffices", source=_src("Prop. 3(b) / Def. 5 with FOSD as cdf dominance (spec G22, C4)"),
                compute=g22_cdf_dominance, expect="fails", corrected="g22_usual_order_suffices",
                statement=r"\tilde F\le F\ \text{pointwise}\Rightarrow \mathrm{REV}(\tilde F)\ge\mathrm{REV}(F)",
                note="the usual stochastic order is needed (C4)"),
    FiniteCheck("g24_prop1_nonnegative_values", source=_src("Prop. 1 with v_low = 0 (spec G24: the proof needs v_n >= 0)"),
                compute=lambda: g24_negative_values((0, 1, 2)), statement=r"(9)\ \text{on}\ \{0,1,2\}^2"),
    FiniteCheck("g24_prop1_negative_values", source=_src("Prop. 1 proof, Delta_n = v_n (spec G24)"),
                compute=g24_negative_values, expect="fails", corrected="g24_prop1_nonnegative_values",
                statement=r"(9)\ \text{with}\ \underline v<0"),
    # --- Sec. 2 and fn. 4 ---------------------------------------------------------------------------
    FiniteCheck("sec2_ir_at_bottom_and_bounds", source=_src("Sec. 2 (IR iff u(v_low 1) >= 0 under IC; bounds, spec G2)"),
                compute=sec2_ir_and_bounds,
                statement=r"\text{IC}\Rightarrow(\text{IR}\iff u(\underline v\mathbf 1)\ge0);\ -u(\underline v\mathbf 1)\le t\le n\bar v",
                note="random menus with shifted payments: IC kept, IR switched on and off"),
    ExactLPEquality("fn4_costs_play_no_role", lhs=_fn4("profit"), rhs=_fn4("profit_of_revenue_optimal"),
                    lhs_label="max profit", rhs_label="max profit of a revenue-optimal mechanism",
                    expect="fails", corrected="fn4_cost_is_a_value_shift",
                    source=_src("fn. 4 (cost per object c <= v_low: 'costs play no role')"),
                    statement=r"c=\underline v=1:\ \max\mathrm{profit}=\max\{\mathrm{profit}:\mathrm{REV}=\mathrm{OPT}\}\ \text{on}\ \{1,2,3\}^2",
                    note=("refuted: every revenue-optimal mechanism earns profit 4/3 < 13/9 (i.i.d. uniform on "
                          "{1,2,3}^2, c = 1), so the cost changes the optimal mechanism; not in the catalog")),
    ExactLPEquality("fn4_cost_is_a_value_shift", lhs=_fn4("profit"), rhs=_fn4("shift"),
                    lhs_label="max profit (cost c)", rhs_label="OPT with values v - c",
                    source=_src("fn. 4, corrected: with cost c <= v_low the profit problem is the revenue problem on [v_low - c, v_high - c]"),
                    statement=r"\max\,\mathbb E[t-c\textstyle\sum_i q_i]=\mathrm{OPT}(v-c\mathbf 1)",
                    note="t' = t - c sum q leaves u = (v - c).q - t' unchanged; c <= v_low keeps the shifted values >= 0"),
    # --- App. B: Prop. 7, Claims 1-2, Defs. 11-12 ------------------------------------------------------
    FiniteCheck("claim1_eq23_grid", source=_src("App. B, Claim 1, eq. (23)"), compute=claim1_check,
                statement=r"x\in\partial u(v),(x_i,y_{-i})\in\partial u(v'_i,v_{-i})\Rightarrow x\in\partial u(v'_i,v_{-i}),(x_i,y_{-i})\in\partial u(v)",
                note="d u relative to the strict types of the sorted grid {0..4}^n, n = 2, 3; random M^I menus"),
    FiniteCheck("def11_lmax_pointwise", source=_src("App. B, Def. 11 read pointwise (spec G18, G17), eqs. (24)-(25), Prop. 7, Def. 7, fn. 23 (no law used), fn. 24"),
                compute=def11_pointwise,
                statement=r"q^\sharp(v)=\operatorname{lexmax}\partial u(v):\ \text{IC, IR, non-bossy, (24)-(25)}"),
    FiniteCheck("g18_def11_as_written", source=_src("App. B, Def. 11 as printed ('for every v', spec G18)"),
                compute=def11_as_written, expect="fails", corrected="def11_lmax_pointwise",
                statement=r"\exists q^\sharp\in\mathcal Q(u):\ q^\sharp(v)>_{\rm lex}\hat q(v)\ \forall\hat q\ne q^\sharp,\ \forall v",
                note="no rule satisfies it as soon as some d u(v) has two points; read it 'wherever they differ'"),
    FiniteCheck("claim2_def12_ld_max", source=_src("App. B, Claim 2, Def. 12, eqs. (24)-(25), fn. 21"),
                compute=claim2_def12,
                statement=r"q^\sharp(v)=\operatorname{lexmax}\tilde\partial u(v):\ \text{AD, RP, IC, non-bossy}",
                note="almost-deterministic menus with one randomized unit (Prop. 7's fixed k, spec G10)"),
    FiniteCheck("g19_chain_reading_rank_preserving", source=_src("App. B, Def. 12 with d~u read with the chain x_1 >= ... >= x_n (spec G19)"),
                compute=lambda: g19_rank_preserving(True),
                statement=r"\tilde\partial u\ \text{with}\ x_1\ge x_2\ge x_3:\ q^\sharp\ \text{RP}"),
    FiniteCheck("g19_claim2_as_printed", source=_src("App. B, d~u with 'x_1 >= ... >= x_2' read literally (spec G19)"),
                compute=lambda: g19_rank_preserving(False), expect="fails", corrected="g19_chain_reading_rank_preserving",
                statement=r"\tilde\partial u\ \text{with only}\ x_1\ge x_2:\ q^\sharp\ \text{RP}",
                note="at the type (2, 1, 0) the literal set admits (0, 0, 1), its lexmax; 'by definition RP' then fails"),
    # --- G8: Prop. 2(a)'s chain --------------------------------------------------------------------------
    FiniteCheck("g8_topdown_chain", source=_src("Prop. 2 proof, chain of coordinate steps, corrected (spec G8), Prop. 7"),
                compute=g8_topdown_chain,
                statement=r"v\to(\hat v_1,v_{-1})\to\dots\to\hat v\ \text{in}\ D^I;\ q^\sharp\ \text{MM on all of } D^I"),
    FiniteCheck("g8_any_chain_stays_in_DI", source=_src("Prop. 2 proof, 'this in turn implies' with an arbitrary chain (spec G8)"),
                compute=g8_any_path, expect="fails", corrected="g8_topdown_chain",
                statement=r"\text{every coordinate path from } v \text{ to } \hat v\ge v \text{ stays in } D^I",
                note="the chain needs its intermediate points where MM was established; raising v_2 first can leave D^I"),
]

DERIVATION = Derivation(
    name="bm_gaps",
    title="Bikhchandani-Mishra: remaining gaps (G2, G5, G6, G8, G14, G17-G19, G22, G24), fn. 4, Sec. 2, App. B",
    scope=SCOPE, claims=CLAIMS, model=r"\mathcal M^H,\ \mathcal M^I\ \text{on finite grids}",
    references=(PAPER,),
)
