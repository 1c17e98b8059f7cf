"""Bikhchandani and Mishra, "Rank-preserving Multidimensional Mechanisms" (2022), Sec. 3:
symmetric and rank-preserving mechanisms (eq. (2), Defs. 1-3, Lemma 1, Thm. 1 with eqs. (13)-(15), Examples 1-2,
fn. 6, Lemma 2, Remarks 1-2; gaps G3, G4).

Conventions (the paper leaves them implicit; ``symmech.models.multigood.symmetric``): C1 the action
``v^sigma_j = v_{sigma(j)}``; C2 the sorting form of Def. 3; C3 symmetry checked through the
adjacent transpositions; C5 on grids, tied objects get the average of the tied units'
probabilities.  Claims on grids are exact finite statements (Fractions); symbolic claims hold for
all values of their bound variables.
"""
from __future__ import annotations

import itertools
import random
from fractions import Fraction as Fr

import sympy as sp

from symmech import Derivation, Identity, Scope
from symmech.models.multigood import rank as R
from symmech.models.multigood import symmetric as S
from symmech.models.multigood.knightian_lp import FiniteCheck

PAPER = "Bikhchandani and Mishra, 'Rank-preserving Multidimensional Mechanisms' (2022)"
SCOPE = Scope()
GRID2 = (0, 1, 2, 3)
GRID3 = (0, 1, 2)


def _src(item: str) -> str:
    return f"{PAPER}, {item}"


def _all(checks) -> tuple[bool, str]:
    for ok, detail in checks:
        if not ok:
            return False, detail
    return True, "; ".join(d for _, d in checks[:3]) + (f"; ... ({len(checks)} checks)" if len(checks) > 3 else "")


# --- eq. (2) and C1 ----------------------------------------------------------------------------

def eq2_partition() -> tuple[bool, str]:
    """Each strict v in {0..4}^3 lies in exactly one D(sigma), and v in D(sigma) <=> v^sigma in D(sigma^I)."""
    ident = S.identity(3)
    count = 0
    for v in itertools.product(range(5), repeat=3):
        if not S.is_strict(v):
            continue
        regions = [s for s in S.all_perms(3) if S.in_region(v, s)]
        if len(regions) != 1:
            return False, f"{v} lies in {len(regions)} regions"
        for s in S.all_perms(3):
            if S.in_region(v, s) != S.in_region(S.act(v, s), ident):
                return False, f"v = {v}, sigma = {s}: membership not transported"
        count += 1
    return True, f"all {count} strict types of {{0..4}}^3: one region each; v in D(s) <=> v^s in D(sigma^I)"


def c1_composition() -> tuple[bool, str]:
    v = sp.symbols("v1:5")
    for tau, sig in itertools.product(S.all_perms(4), repeat=2):
        if S.act(S.act(v, tau), sig) != S.act(v, S.compose(tau, sig)):
            return False, f"(v^tau)^sigma != v^(tau o sigma) for tau = {tau}, sigma = {sig}"
    return True, "(v^tau)^sigma = v^(tau o sigma) for all 576 pairs in S_4 (symbolic v)"


_v3 = sp.symbols("v1:4", nonnegative=True)
_q3 = sp.symbols("q1:4", nonnegative=True)
_z = sp.symbols("z1:7")


def c1_relabelling() -> tuple[bool, str]:
    """v . q^{sigma^-1} = v^sigma . q as polynomials in symbolic v, q (exact expansion), all sigma in S_3, S_4."""
    for n in (3, 4):
        v, q = sp.symbols(f"v1:{n + 1}"), sp.symbols(f"q1:{n + 1}")
        for s in S.all_perms(n):
            d = sp.expand(sum(a * b for a, b in zip(v, S.act(q, S.inverse(s)))) - sum(a * b for a, b in zip(S.act(v, s), q)))
            if d != 0:
                return False, f"sigma = {s}: difference {d}"
    return True, "polynomial identity (exact expansion) for all 30 permutations of S_3 and S_4"


def transposition_identity() -> tuple[bool, str]:
    """v.(q(v) - q(v^s)) = (v_i - v_j)(q_i - q_j) for symmetric q and every transposition s = (i j), n = 2..4."""
    for n in (2, 3, 4):
        v, q = sp.symbols(f"v1:{n + 1}"), sp.symbols(f"q1:{n + 1}")
        for i, j in itertools.combinations(range(n), 2):
            s = list(range(n)); s[i], s[j] = j, i
            q_swapped = S.act(q, tuple(s))          # symmetry: q(v^s) = q(v)^s
            d = sp.expand(sum(a * (b - c) for a, b, c in zip(v, q, q_swapped)) - (v[i] - v[j]) * (q[i] - q[j]))
            if d != 0:
                return False, f"n = {n}, (i j) = ({i + 1} {j + 1}): difference {d}"
    return True, "polynomial identity (exact expansion) for every transposition, n = 2, 3, 4"


# --- Defs. 1-3, Remark 2 ------------------------------------------------------------------------

def _menus(n: int, k: int, seed: int, model: str = "I"):
    rng = random.Random(seed)
    return [R.random_menu(rng, n, model) for _ in range(k)]


def def3_extension() -> tuple[bool, str]:
    """The symmetric extension of M^I menus is symmetric (Def. 1), agrees with the menu on D^I, and
    u^s = u o sort (IR transfers)."""
    k = 0
    for n, vals in ((2, GRID2), (3, GRID3)):
        for menu in _menus(n, 12, 3 + n):
            mi = R.menu_mechanism(menu, model="I")
            ext = S.symmetric_extension(mi)
            H = R.tabulate(ext, R.grid(vals, n, "H"))
            ok, d = R.check_symmetric(H)
            if not ok:
                return False, f"menu {menu}: {d}"
            for v in H:
                w = S.sort_desc(v)
                if S.is_strict(v) and v == w and tuple(H[v][0]) != tuple(mi(v)[0]):
                    return False, f"extension differs from the menu at {v}"
                if R.utility(H, v) != sum(a * b for a, b in zip(w, mi(w)[0])) - mi(w)[1]:
                    return False, f"u^s{v} != u(sort v)"
            k += 1
    return True, f"{k} random M^I menus on {{0..3}}^2 and {{0,1,2}}^3: symmetric, = menu on D^I, u^s = u o sort"


def rem2_extension_of_restriction(extend=S.symmetric_extension) -> tuple[bool, str]:
    """Remark 2 with its hypothesis exercised: ext(restr_{D(sigma)}(q, t)) = (q, t) on the strict types of
    {0,1,2}^3 (restriction to D(sigma) relabelled to D^I by C1; ``extend`` is Def. 3) for every sigma, if and only if
    (q, t) is symmetric.  Mechanisms: symmetrizations of random H menus (symmetric) and the raw H menus
    themselves (not symmetric: there the extension of a restriction must differ from the mechanism)."""
    strict = list(itertools.permutations((0, 1, 2)))
    counts = {True: 0, False: 0}
    for menu in _menus(3, 6, 11, "H"):
        for mech in (S.symmetrization(R.menu_mechanism(menu), 3), R.menu_mechanism(menu)):
            sym = R.check_symmetric(R.tabulate(mech, strict))[0]
            for s in S.all_perms(3):
                relabelled = (lambda m, s: (lambda w: (S.act(m(S.act(w, S.inverse(s)))[0], s), m(S.act(w, S.inverse(s)))[1])))(mech, s)
                ext = extend(relabelled, check=False)
                same = all(tuple(ext(v)[0]) == tuple(mech(v)[0]) and ext(v)[1] == mech(v)[1] for v in strict)
                if same != sym:
                    return False, (f"menu {menu}, sigma {s}: mechanism {'symmetric' if sym else 'not symmetric'} but "
                                   f"ext(restr) {'=' if same else '!='} mechanism")
            counts[sym] += 1
    if not counts[False]:
        return False, "no non-symmetric test mechanism: the 'only if' half is never exercised"
    return True, (f"ext(restr_D(sigma)) = mechanism for every sigma exactly for the {counts[True]} symmetric mechanisms; "
                  f"differs for all {counts[False]} non-symmetric ones (strict types of {{0,1,2}}^3)")


# --- Thm. 1, Example 1, Example 2, Lemmas 1-2, Remark 1 ----------------------------------------

def _not_rp_menus():
    """Symmetric H mechanisms that are IC on D^I but not rank preserving: extensions of menus whose
    items violate (1) (e.g. (0, 1) at price p)."""
    out = []
    for p in (0, 1, 2):
        out.append([((Fr(0), Fr(1)), Fr(p))])
        out.append([((Fr(0), Fr(1)), Fr(p)), ((Fr(1), Fr(1)), Fr(p + 2))])
    return out


THM1_VALS = tuple(range(5))


def _thm1_cases():
    """(label, M^I rule on the sorted grid, feasible?) for Thm. 1: random M^I menus (IC on D^I and RP),
    non-RP menus (IC on D^I, not RP), menus with one payment or allocation perturbed at one strictly
    sorted type, and random feasible tables (rank preserving, mostly not IC on D^I)."""
    rng = random.Random(21)
    types_i = R.grid(THM1_VALS, 2, "I")
    strict_i = [v for v in types_i if S.is_strict(v)]
    cases = [("menu", R.menu_mechanism(m, model="I"), True) for m in _menus(2, 15, 21)]
    cases += [("non-RP menu", R.menu_mechanism(m, model="H"), False) for m in _not_rp_menus()]
    for m in _menus(2, 10, 22):
        table = R.tabulate(R.menu_mechanism(m, model="I"), types_i)
        v = rng.choice(strict_i)
        q, t = table[v]
        if rng.random() < 0.5:
            table[v] = (q, t + Fr(rng.choice((-2, -1, 1, 2)), 2))
        else:
            x = sorted((Fr(rng.randint(0, 2), 2) for _ in range(2)), reverse=True)
            table[v] = (tuple(x), t)
        cases.append(("perturbed menu", table.__getitem__, True))
    for _ in range(6):
        table = {v: (tuple(sorted((Fr(rng.randint(0, 2), 2) for _ in range(2)), reverse=True)), Fr(rng.randint(0, 8), 2))
                 for v in types_i}
        cases.append(("random table", table.__getitem__, True))
    return cases


def thm1_equivalence(extend=S.symmetric_extension) -> tuple[bool, str]:
    """Thm. 1 on the strict types of {0..4}^2 (D^H; D(sigma^I) its strictly decreasing part): for
    symmetric mechanisms, IC on D^H <=> RP and IC on D(sigma^I).  The mechanisms include non-IC ones
    (perturbed menus, random tables) and non-RP ones, so both directions are exercised."""
    patterns: dict = {}
    strict = [v for v in R.grid(THM1_VALS, 2, "H") if S.is_strict(v)]
    for label, mi, feasible in _thm1_cases():
        H = R.tabulate(extend(mi, check=feasible), strict)
        I = {v: H[v] for v in H if S.is_decreasing(v)}
        ic_h, rp, ic_i = R.check_ic(H)[0], R.check_rank_preserving(H)[0], R.check_ic(I)[0]
        if not R.check_symmetric(H)[0] or ic_h != (rp and ic_i):
            return False, f"{label}: IC_H = {ic_h}, RP = {rp}, IC_I = {ic_i}"
        patterns[(ic_h, rp, ic_i)] = patterns.get((ic_h, rp, ic_i), 0) + 1
    missing = {(True, True, True), (False, False, True), (False, True, False)} - set(patterns)
    if missing:
        return False, f"the test mechanisms never show the patterns (IC_H, RP, IC_I) in {sorted(missing)}"
    return True, (f"{sum(patterns.values())} symmetric mechanisms, both sides agree; (IC_H, RP, IC_I) counts: "
                  + ", ".join(f"{k}: {c}" for k, c in sorted(patterns.items())))


def rearrangement() -> tuple[bool, str]:
    """(15): for decreasing a, b in {0,1,2}^3, a.b >= a.pi(b) for every permutation pi."""
    vecs = [v for v in itertools.product(range(3), repeat=3) if S.is_decreasing(v)]
    for a, b in itertools.product(vecs, repeat=2):
        top = sum(x * y for x, y in zip(a, b))
        for s in S.all_perms(3):
            if sum(x * y for x, y in zip(a, S.act(b, s))) > top:
                return False, f"a = {a}, b = {b}, pi = {s}"
    return True, f"a.b >= a.pi(b) for all {len(vecs) ** 2} pairs of decreasing vectors and all pi in S_3"


def _example1(v):
    q = (Fr(0), Fr(1)) if v[0] > v[1] else ((Fr(1), Fr(0)) if v[0] < v[1] else (Fr(1, 2), Fr(1, 2)))
    return q, Fr(0)


def example1() -> tuple[bool, str]:
    H = R.tabulate(_example1, R.grid([Fr(k, 10) for k in range(11)], 2, "H"))
    up = {v: H[v] for v in H if v[0] > v[1]}       # the open regions D(sigma) (strict types)
    down = {v: H[v] for v in H if v[0] < v[1]}
    checks = [R.check_symmetric(H), R.check_ic(up), R.check_ic(down)]
    ok, d = _all(checks)
    if not ok or R.check_rank_preserving(H)[0] or R.check_ic(H)[0]:
        return False, "Example 1 does not behave as stated: " + d
    gain = R.utility(H, (Fr(8, 10), Fr(2, 10)), (Fr(2, 10), Fr(8, 10))) - R.utility(H, (Fr(8, 10), Fr(2, 10)))
    if gain != Fr(6, 10):
        return False, f"gain at (0.8, 0.2) is {gain}"
    return True, (f"symmetric, IC within each region, not RP ({R.check_rank_preserving(H)[1]}), not IC "
                  f"({R.check_ic(H)[1]}); type (0.8, 0.2) gains 3/5 by reporting (0.2, 0.8) (spec R6)")


_v2 = sp.Symbol("v2", nonnegative=True)
_d = sp.Symbol("d", nonnegative=True)
_dpos = sp.Symbol("d_pos", positive=True)      # d > 0 decides the comparisons of the rule; renamed to d below


def _ex1_gain(v):
    """Example 1: the type v's utility from reporting v^{(12)} minus its truthful utility (rule _example1)."""
    u = [sum(a * b for a, b in zip(v, _example1(w)[0])) - _example1(w)[1] for w in (v[::-1], v)]
    return sp.expand(u[0] - u[1])


_EX1_V = (_v2 + _dpos, _v2)                       # a type in D(sigma^I): v_1 = v_2 + d > v_2
_EX1_GAIN = _ex1_gain(_EX1_V).subs(_dpos, _d)


def example2() -> tuple[bool, str]:
    """Replacement for Fig. 1 (lost in the OCR; spec Sec. 3): menu {(1,0) @ a, (1,1) @ c}, a < c <= 2a:
    IC, RP, deterministic, not symmetric; with c > 2a RP fails (a = 3/10, c = 9/10 at (7/20, 1/2))."""
    g = R.grid([Fr(k, 20) for k in range(21)], 2, "H")
    H = R.tabulate(R.menu_mechanism([((1, 0), Fr(1, 2)), ((1, 1), Fr(3, 4))]), g)
    ok, d = _all([R.check_ic(H), R.check_rank_preserving(H), R.check_deterministic(H)])
    if not ok or R.check_symmetric(H)[0]:
        return False, d
    bad = R.menu_mechanism([((1, 0), Fr(3, 10)), ((1, 1), Fr(9, 10))])((Fr(7, 20), Fr(1, 2)))[0]
    if bad != (1, 0):
        return False, f"c > 2a: type (7/20, 1/2) gets {bad}"
    return True, f"{d}; not symmetric ({R.check_symmetric(H)[1]}); with a = 3/10, c = 9/10 type (7/20, 1/2) buys (1, 0): not RP"


_EPS = (Fr(1, 10 ** 6), Fr(1, 10 ** 9))


def _limit_extension(strict_mech, v, direction):
    """Lemma 1's construction at a grid type v: (q, t)(v) if v is strict, else the limit of (q, t)(v^k)
    along the strict types v^k = v + eps_k * direction (eps_k -> 0); the sequence must be constant on
    the last two steps (an accumulation point), else None."""
    if S.is_strict(v):
        return strict_mech(v)
    vals = {tuple(strict_mech(tuple(a + e * d for a, d in zip(v, direction)))) for e in _EPS}
    return vals.pop() if len(vals) == 1 else None


def _strict_only(mech):
    def m(v):
        if not S.is_strict(v):
            raise ValueError(f"the mechanism is defined on strict types only, not at {v}")
        return mech(v)
    return m


def lemma1_ties() -> tuple[bool, str]:
    """Lemma 1: a mechanism given on the strict types only, extended to the tie types by an accumulation
    point of (q, t)(v^k), v^k -> v strict, is IC and IR on the closed grid.
    M = H: symmetric extensions of random M^I menus (not menus in M^H; IC by Thm. 1 / Lemma 2), with the
    limit from D(sigma^I) and from the reversed region (two different accumulation points).
    M = I: restrictions to the strictly decreasing types of symmetrizations of random M^H menus (Thm. 3),
    limit along the sorted direction; feasibility (1) at the tie types is gap G3 (it rests on RP)."""
    k = 0
    for n, vals in ((2, GRID2), (3, GRID3)):
        for menu in _menus(n, 6, 60 + n):
            strict = _strict_only(S.symmetric_extension(R.menu_mechanism(menu, model="I")))
            for direction in (tuple(range(n - 1, -1, -1)), tuple(range(n))):
                H = {v: _limit_extension(strict, v, direction) for v in R.grid(vals, n, "H")}
                if any(x is None for x in H.values()):
                    return False, f"M^H, menu {menu}: no limit along {direction}"
                for ok, d in (R.check_ic(H), R.check_ir(H), R.check_feasible(H, "H")):
                    if not ok:
                        return False, f"M^H, menu {menu}, limit along {direction}: {d}"
                k += 1
        for menu in _menus(n, 6, 70 + n, "H"):
            strict = _strict_only(S.symmetrization(R.menu_mechanism(menu), n))
            I = {v: _limit_extension(strict, v, tuple(range(n - 1, -1, -1))) for v in R.grid(vals, n, "I")}
            if any(x is None for x in I.values()):
                return False, f"M^I, H menu {menu}: no limit"
            for ok, d in (R.check_ic(I), R.check_ir(I), R.check_feasible(I, "I")):
                if not ok:
                    return False, f"M^I (symmetrized H menu {menu}): {d}"
            k += 1
    return True, (f"{k} limit extensions (M^H: symmetric extensions, two accumulation points each; M^I: "
                  "symmetrized H menus): IC, IR and feasible (incl. (1), gap G3) on the closed grids")


def _perturbed_tables(n: int, vals, k: int, seed: int) -> list[dict]:
    """M^I tables on the sorted grid that are NOT IC by construction: random M^I menus with one payment lowered
    or raised, or one allocation replaced by a random feasible (decreasing) one, at a random sorted type."""
    rng = random.Random(seed)
    types_i = R.grid(vals, n, "I")
    out = []
    for m in _menus(n, k, seed):
        table = R.tabulate(R.menu_mechanism(m, model="I"), types_i)
        v = rng.choice(types_i)
        q, t = table[v]
        if rng.random() < 0.5:
            table[v] = (q, t + Fr(rng.choice((-2, -1, 1, 2)), 2))
        else:
            table[v] = (tuple(sorted((Fr(rng.randint(0, 2), 2) for _ in range(n)), reverse=True)), t)
        out.append(table)
    return out


def lemma2_extension_ic(extend=S.symmetric_extension) -> tuple[bool, str]:
    """Lemma 2 / Remark 1: the symmetric extension of an IC-IR M^I mechanism is RP, IC and IR on D^H (grids
    {0..3}^2 and {0,1,2}^3, ties per C5).  The M^I mechanisms are random menus (IC by construction) and perturbed
    menus (IC-IR on D^I or not, decided exactly): the implication is checked on every one, and a non-IC one
    must give a non-IC extension (so the check can fail)."""
    n_ic = n_bad = n_bad_ext = 0
    for n, vals in ((2, GRID2), (3, GRID3)):
        types_i = R.grid(vals, n, "I")
        tables = [R.tabulate(R.menu_mechanism(m, model="I"), types_i) for m in _menus(n, 15, 40 + n)]
        tables += _perturbed_tables(n, vals, 12, 45 + n)
        for table in tables:
            hyp = R.check_ic(table)[0] and R.check_ir(table)[0]
            H = R.tabulate(extend(table.__getitem__), R.grid(vals, n, "H"))
            res = [R.check_ic(H), R.check_ir(H), R.check_rank_preserving(H)]
            if hyp:
                ok, d = _all(res)
                if not ok:
                    return False, f"IC-IR M^I mechanism {table}: extension {d}"
                n_ic += 1
            else:
                n_bad += 1
                n_bad_ext += not (res[0][0] and res[1][0])
    if not n_bad_ext:
        return False, "no non-IC M^I mechanism with a non-IC extension: the check is never exercised"
    return True, (f"{n_ic} IC-IR M^I mechanisms: extensions RP, IC, IR on D^H; {n_bad} perturbed ones not IC-IR on "
                  f"D^I ({n_bad_ext} of them with a non-IC or non-IR extension)")


def _g4_mechanisms():
    """Symmetric mechanisms on the strict types of {0, 1/4, ..., 3/2}^2 that are IC on D(sigma^I), the
    hypothesis the step (14) uses (RP enters only later, in (15)): Example 1, extensions of non-RP menus
    and of M^I menus."""
    strict = [v for v in R.grid([Fr(k, 4) for k in range(7)], 2, "H") if S.is_strict(v)]
    mechs = [("Example 1", R.tabulate(_example1, strict))]
    mechs += [(f"non-RP menu {m}", R.tabulate(S.symmetric_extension(R.menu_mechanism(m, model="H"), check=False), strict))
              for m in _not_rp_menus()[:2]]
    mechs += [(f"menu {m}", R.tabulate(S.symmetric_extension(R.menu_mechanism(m, model="I")), strict))
              for m in _menus(2, 4, 31)]
    return mechs


def _g4_non_ic():
    """Symmetric extensions of perturbed M^I menus on the same grid (a payment lowered by 1 at one strictly
    sorted type): not IC on D(sigma^I), so (14) must fail for them -- the hypothesis is used."""
    rng = random.Random(33)
    grid_i = R.grid([Fr(k, 4) for k in range(7)], 2, "I")
    strict = [v for v in R.grid([Fr(k, 4) for k in range(7)], 2, "H") if S.is_strict(v)]
    out = []
    for m in _menus(2, 3, 34):
        table = R.tabulate(R.menu_mechanism(m, model="I"), grid_i)
        v = rng.choice([w for w in grid_i if S.is_strict(w)])
        table[v] = (table[v][0], table[v][1] - 1)
        out.append((f"perturbed menu {m}", R.tabulate(S.symmetric_extension(table.__getitem__), strict)))
    return out


def _g4_membership(action: str = "C1") -> tuple[bool, str]:
    """(13): every strict v-hat in D(sigma-hat) maps to v-hat^{sigma-hat} in D(sigma^I) (the action of C1:
    v^sigma_j = v_{sigma(j)}), for all strict types of {0..3}^2 and {0..3}^3.  ``action="inverse"`` uses
    v_{sigma^-1(j)} instead: a control (it fails for the 3-cycles)."""
    k = 0
    for n in (2, 3):
        for vh in R.grid(range(4), n, "H"):
            if not S.is_strict(vh):
                continue
            sh = next(s for s in S.all_perms(n) if S.in_region(vh, s))
            x = S.act(vh, sh if action == "C1" else S.inverse(sh))
            if not S.in_region(x, S.identity(n)):
                return False, (f"v-hat = {R._s(vh)} in D{tuple(i + 1 for i in sh)} maps to {R._s(x)} (action "
                               f"{action}), not in D(sigma^I)")
            k += 1
    return True, f"v-hat^sigma-hat in D(sigma^I) for all {k} strict types (n = 2, 3)"


def g4_step(corrected: bool) -> tuple[bool, str]:
    """Thm. 1 proof (ii)=>(i), step (14), whose inequality is justified by 'v^sigma, v-hat in D(sigma^I)'.
    Corrected (spec G4): v^sigma, v-hat^{sigma-hat} in D(sigma^I) (eq. (13), checked for n = 2, 3, with a control
    showing the action matters), and then u(v^sigma) >= v^sigma . q(v-hat^{sigma-hat}) - t(v-hat^{sigma-hat}) from
    IC on D(sigma^I) alone, for all strict v, v-hat and symmetric mechanisms IC on D(sigma^I), RP or not (Example 1,
    extensions of non-RP menus and of M^I menus).  As printed: v-hat itself in D(sigma^I) for every strict v-hat."""
    if not corrected:
        for vh in R.grid(range(4), 2, "H"):
            if S.is_strict(vh) and not S.in_region(vh, S.identity(2)):
                return False, f"v-hat = {R._s(vh)} lies in D((2 1)), not in D(sigma^I): the justification fails"
        return True, "every strict v-hat lies in D(sigma^I)"
    ok, member = _g4_membership()
    if not ok:
        return False, member
    if _g4_membership("inverse")[0]:
        return False, "control: the inverse action also sorts every type, so the membership check is vacuous"
    k = n_ic = n_fail = 0
    mechs = _g4_mechanisms() + _g4_non_ic()
    for label, H in mechs:
        I = {v: H[v] for v in H if S.is_decreasing(v)}
        ic_i = R.check_ic(I)[0]
        n_ic += ic_i
        worst = None
        for v, vh in itertools.product(H, repeat=2):
            vs = S.act(v, S.sorting_perm(v))
            x = S.act(vh, S.sorting_perm(vh))
            gain = R.utility(H, vs, x) - R.utility(H, vs)
            if gain > 0:
                worst = (vs, x, gain)
                break
            k += 1
        if ic_i and worst:
            vs, x, gain = worst
            return False, (f"{label}: v^sigma = {tuple(map(str, vs))} gains {gain} against v-hat^sigma-hat = "
                           f"{tuple(map(str, x))}")
        n_fail += (not ic_i) and worst is not None
    if n_fail < len(mechs) - n_ic or not n_fail:
        return False, "a mechanism not IC on D(sigma^I) satisfies (14) everywhere: the check is not exercised"
    return True, (f"{member}; (14) at all {k} (mechanism, v, v-hat) triples of {n_ic} symmetric mechanisms IC on "
                  f"D(sigma^I); it fails for all {n_fail} that are not")


def g3_limit_feasible() -> tuple[bool, str]:
    """Lemma 1 for M = I and feasibility (1) (spec G3): M^I menus with lotteries, given on the strict types only,
    extended to every tie type v of the sorted grid by the limit along v + eps_k d, d strictly decreasing (a sequence
    in D^I); the limit allocation satisfies (1) at every tie type, also where it is not symmetric (q_i > q_{i+1}
    across a tie, so (1) is a genuine constraint there).  Control: the limit of the symmetric extension along the
    reversed direction (a sequence outside D^I), read as an M^I allocation, violates (1) at some tie."""
    k = asym = 0
    control_hit = False
    for n, vals in ((2, GRID2), (3, GRID3)):
        down, up = tuple(range(n - 1, -1, -1)), tuple(range(n))
        for menu in _menus(n, 8, 90 + n):
            mi = R.menu_mechanism(menu, model="I")
            strict = _strict_only(mi)
            ext = _strict_only(S.symmetric_extension(mi))
            for v in R.grid(vals, n, "I"):
                if S.is_strict(v):
                    continue
                lim = _limit_extension(strict, v, down)
                if lim is None:
                    return False, f"menu {menu}: no limit at {v}"
                if not S.is_decreasing(lim[0]):
                    return False, f"menu {menu}: the limit allocation {lim[0]} at the tie {v} violates (1)"
                asym += any(lim[0][i] != lim[0][i + 1] for i in range(n - 1) if v[i] == v[i + 1])
                outside = _limit_extension(ext, v, up)
                control_hit |= outside is not None and not S.is_decreasing(outside[0])
                k += 1
    if not control_hit:
        return False, "control: the limit from outside D^I never violates (1); the check would be vacuous"
    return True, (f"(1) holds for the limit at all {k} tie types of 16 menus ({asym} of them with unequal entries "
                  f"across the tie); from outside D^I it fails (control)")


CLAIMS = [
    FiniteCheck("eq2_regions_partition", source=_src("eq. (2), eq. (13)"), compute=eq2_partition,
                model_free="combinatorics of the permutation action C1 and the regions D(sigma) (library definitions): true for every grid and mechanism",
                statement=r"D^H=\dot\bigcup_\sigma D(\sigma),\quad v\in D(\sigma)\iff v^\sigma\in D(\sigma^I)\ \text{on } \{0..4\}^3"),
    FiniteCheck("c1_composition", source=_src("Thm. 3 proof, convention C1"), compute=c1_composition,
                model_free="group-action law of C1 for symbolic v: pure algebra on permutations, no model value",
                statement=r"(v^\tau)^\sigma = v^{\tau\circ\sigma}\quad(\tau,\sigma\in\Sigma_4)"),
    FiniteCheck("c1_relabelling", source=_src("Thm. 3 proof (C1 relabelling)"), compute=c1_relabelling,
                model_free="polynomial identity in symbolic v, q (pure algebra, no model value)",
                statement=r"v\cdot q^{\sigma^{-1}} = v^\sigma\cdot q\ \ \forall\sigma\in\Sigma_3"),
    FiniteCheck("def3_symmetric_extension", source=_src("Defs. 1 and 3"), compute=def3_extension,
                model_free="library consistency: S.symmetric_extension implements Def. 3, whose properties hold for every M^I mechanism by construction",
                statement=r"(q^s,t^s)\ \text{symmetric},\ =(q,t)\ \text{on } D^I,\ u^s=u\circ\mathrm{sort}"),
    FiniteCheck("rem2_ext_of_restriction", source=_src("Remark 2"), compute=rem2_extension_of_restriction,
                model_free="Remark 2 holds for every mechanism (iff symmetric; non-symmetric ones exercised); a wrong extension is refuted in tests/derivations/test_bm_symmetric.py",
                statement=r"\mathrm{ext}(\mathrm{restr}_{D(\sigma)}(q,t)) = (q,t)\ \text{on } D^H"),
    FiniteCheck("thm1_transposition_identity", source=_src("Thm. 1 proof (i)=>(ii)"), compute=transposition_identity,
                model_free="polynomial identity in symbolic v, q (pure algebra, no model value)",
                statement=r"v\cdot(q(v)-q(v^{(12)})) = (v_1-v_2)(q_1(v)-q_2(v))\ \text{(symmetric } q)"),
    FiniteCheck("thm1_rearrangement", source=_src("Thm. 1 proof, eq. (15), fn. 19 (Hardy-Littlewood-Polya Thm. 368)"),
                compute=rearrangement, model_free="rearrangement inequality (Hardy-Littlewood-Polya Thm. 368): pure algebra",
                statement=r"a,b\ \text{decreasing} \Rightarrow a\cdot b\ge a\cdot b^\pi"),
    FiniteCheck("thm1_ic_iff_rp_and_ic_on_DI", source=_src("Thm. 1, fn. 6"), compute=thm1_equivalence,
                model_free="Thm. 1 holds for every symmetric mechanism; the instances include non-IC and non-RP ones; a wrong extension is refuted in tests/derivations/test_bm_symmetric.py",
                statement=r"(q,t)\ \text{symmetric}:\ \text{IC on } D^H \iff \text{RP} \wedge \text{IC on } D(\sigma^I)",
                note="strict types of {0..4}^2; IC menus, non-RP menus, perturbed menus and random tables"),
    Identity("ex1_ic_gain", lhs=_EX1_GAIN, rhs=(_EX1_V[0] - _EX1_V[1]).subs(_dpos, _d), over=[(_v2, 0, 1), (_d, 0, 1)], source=_src("Example 1 (spec R6)"),
             statement=r"u(v;\,v^{(12)}) - u(v;\,v) = v_1 - v_2 \quad (v_1 = v_2 + d > v_2)",
             note="lhs: the utilities of Example 1's rule at the type and at its transposed report"),
    FiniteCheck("ex1_symmetric_not_ic", source=_src("Example 1"), compute=example1,
                statement=r"\text{Example 1: symmetric, IC on each } D(\sigma),\ \text{not RP, not IC}"),
    FiniteCheck("ex2_rp_ic_not_symmetric", source=_src("Example 2 (Fig. 1 replaced, see note)"), compute=example2,
                statement=r"\{(1,0)@\tfrac12,(1,1)@\tfrac34\}:\ \text{IC, RP, deterministic, not symmetric}",
                note="Fig. 1 is lost in the OCR; the menu is the spec's faithful-in-spirit replacement"),
    FiniteCheck("lemma1_limit_ties", source=_src("Lemma 1"), compute=lemma1_ties,
                statement=r"(\bar q,\bar t)(v)=\lim_k (q,t)(v^k),\ v^k\to v \text{ strict}:\ \text{IC, IR on } \bar D^M,\ \text{(1) kept}",
                note="M^H: symmetric extensions of M^I menus; M^I: symmetrized M^H menus; grids {0..3}^2, {0,1,2}^3"),
    FiniteCheck("lemma2_rem1_extension_ic", source=_src("Lemma 2, Remark 1, Def. 2"), compute=lemma2_extension_ic,
                model_free="Lemma 2 holds for every IC-IR M^I mechanism; perturbed (non-IC) menus are decided too; a wrong extension is refuted in tests/derivations/test_bm_symmetric.py",
                statement=r"(q,t)\ \text{IC-IR on } D^I \Rightarrow (q^s,t^s)\ \text{RP, IC, IR on } D^H"),
    FiniteCheck("g4_step14_corrected", source=_src("Thm. 1 proof (ii)=>(i), eqs. (13)-(14) read with v-hat^sigma-hat (spec G4)"),
                compute=lambda: g4_step(True),
                model_free="(14) holds for every symmetric mechanism IC on D(sigma^I); non-IC ones must fail it (checked), the action is checked against a control",
                statement=r"\text{IC on } D(\sigma^I) \Rightarrow u(v^\sigma)\ge v^\sigma\cdot q(\hat v^{\hat\sigma})-t(\hat v^{\hat\sigma})"),
    FiniteCheck("g4_vhat_in_DI_as_printed", source=_src("Thm. 1 proof (ii)=>(i), eq. (14)'s justification as printed (spec G4)"),
                compute=lambda: g4_step(False), expect="fails", corrected="g4_step14_corrected",
                statement=r"\hat v\in D(\sigma^I)\ \text{for every strict}\ \hat v\ \text{(the justification of (14))}",
                note="typo: v-hat need not lie in D(sigma^I); the step needs v-hat^{sigma-hat} in D(sigma^I), as (14) itself uses"),
    FiniteCheck("g3_lemma1_limit_satisfies_eq1", source=_src("Lemma 1 for M = I, eq. (1) at the limit (spec G3)"),
                compute=g3_limit_feasible,
                model_free="(1) is a closed condition: holds for every M^I mechanism; the control shows the check can fail",
                statement=r"\bar q(v)=\lim_k q(v^k),\ v^k\in D^I:\ \bar q_1(v)\ge\dots\ge\bar q_n(v)\ \text{at every tie type}",
                note="the paper does not state it; it holds because (1) is closed; the control shows the sequence must lie in D^I"),
]

DERIVATION = Derivation(
    name="bm_symmetric",
    title="Bikhchandani-Mishra Sec. 3: symmetric and rank-preserving mechanisms",
    scope=SCOPE, claims=CLAIMS,
    model=r"n\ \text{objects},\ v\in[\underline v,\bar v]^n,\ v^\sigma_j=v_{\sigma(j)}",
    references=(PAPER,),
)
