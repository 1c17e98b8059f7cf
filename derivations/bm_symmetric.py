"""Bikhchandani and Mishra, "Rank-preserving Multidimensional Mechanisms" (2022), Sec. 3:
symmetric and rank-preserving mechanisms (eq. (2), Defs. 1-3, Lemma 1, Thm. 1, Examples 1-2,
Lemma 2, Remarks 1-2).

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


def rem2_extension_of_restriction() -> tuple[bool, str]:
    """For symmetric mechanisms (symmetrizations of random H menus), ext(restr_{D(sigma)}) = mechanism on
    strict types, for every sigma (restriction to D(sigma) relabelled to D^I)."""
    k = 0
    for menu in _menus(3, 6, 11, "H"):
        mech = S.symmetrization(R.menu_mechanism(menu), 3)
        for s in S.all_perms(3):
            relabelled = (lambda m, s: (lambda w: (S.act(m(S.act(w, S.inverse(s)))[0], s), m(S.act(w, S.inverse(s)))[1])))(mech, s)
            ext = S.symmetric_extension(relabelled, check=False)
            for v in itertools.permutations((0, 1, 2)):
                if tuple(ext(v)[0]) != tuple(mech(v)[0]) or ext(v)[1] != mech(v)[1]:
                    return False, f"menu {menu}, sigma {s}: ext(restr) != mech at {v}"
            k += 1
    return True, f"ext(restr_D(sigma)) = mechanism on all strict types of {{0,1,2}}^3 ({k} mechanism/sigma pairs)"


# --- Thm. 1, Example 1, Example 2, Lemmas 1-2, Remark 1 ----------------------------------------

def _not_rp_menus():
    """Symmetric H mechanisms that are IC on D^I but not rank preserving: extensions of menus whose
    items violate (1) (e.g. (0, 1) at price p)."""
    out = []
    for p in (0, 1, 2):
        out.append([((Fr(0), Fr(1)), Fr(p))])
        out.append([((Fr(0), Fr(1)), Fr(p)), ((Fr(1), Fr(1)), Fr(p + 2))])
    return out


def thm1_equivalence() -> tuple[bool, str]:
    """Thm. 1 on the grid {0..3}^2: for symmetric mechanisms, IC on D^H <=> RP and IC on D^I."""
    rows = []
    cases = [(m, True) for m in _menus(2, 15, 21)] + [(m, False) for m in _not_rp_menus()]
    for menu, feasible in cases:
        mi = R.menu_mechanism(menu, model="I" if feasible else "H")
        H = R.tabulate(S.symmetric_extension(mi, check=feasible), R.grid(GRID2, 2, "H"))
        I = {v: H[v] for v in H if S.is_decreasing(v)}
        lhs = R.check_ic(H)[0]
        rhs = R.check_rank_preserving(H)[0] and R.check_ic(I)[0]
        if not R.check_symmetric(H)[0] or lhs != rhs:
            return False, f"menu {menu}: IC_H = {lhs}, RP and IC_I = {rhs}"
        rows.append(lhs)
    return True, f"{len(rows)} symmetric mechanisms ({rows.count(True)} IC, {rows.count(False)} not): both sides agree"


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


_v1, _v2 = sp.symbols("v1 v2", nonnegative=True)
_d = sp.Symbol("d", nonnegative=True)
# Example 1, type (v1, v2) with v1 = v2 + d > v2: truthful q = (0, 1) gives v2; reporting (v2, v1) gives q = (1, 0)
_EX1_GAIN = ((_v2 + _d) * 1 + _v2 * 0) - ((_v2 + _d) * 0 + _v2 * 1)


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


def lemma1_ties() -> tuple[bool, str]:
    """Lemma 1 on grids with the limit (L-maximal) tie rule: IC holds including non-strict types, and in
    M^I the tie choices satisfy (1) (gap G3: (1) is closed, so limits stay feasible)."""
    vals = [Fr(k, 8) for k in range(9)]
    checks = []
    for menu in ([((1, 0), Fr(1, 2)), ((1, 1), Fr(3, 4))], [((1, 0), Fr(5, 8)), ((1, 1), Fr(7, 8)), ((Fr(1), Fr(1, 2)), Fr(3, 4))]):
        for tie in ("lexmax", "lexmin"):
            I = R.tabulate(R.menu_mechanism(menu, model="I", tie=tie), R.grid(vals, 2, "I"))
            checks += [R.check_ic(I), R.check_ir(I), R.check_feasible(I, "I")]
    return _all(checks)


def lemma2_extension_ic() -> tuple[bool, str]:
    """Lemma 2 / Remark 1: the symmetric extension of an IC-IR M^I mechanism is RP, IC and IR on D^H
    (random rational menus on {0..3}^2 and {0,1,2}^3, ties per C5)."""
    checks = []
    for n, vals in ((2, GRID2), (3, GRID3)):
        for menu in _menus(n, 15, 40 + n):
            H = R.tabulate(S.symmetric_extension(R.menu_mechanism(menu, model="I")), R.grid(vals, n, "H"))
            checks += [R.check_ic(H), R.check_ir(H), R.check_rank_preserving(H)]
    return _all(checks)


def g4_as_printed() -> tuple[bool, str]:
    """Thm. 1 proof (ii)=>(i) as printed: 'as v^sigma, v-hat in D(sigma^I)'. For v-hat = (0, 1) this is false;
    the proof needs v-hat^{sigma-hat} in D(sigma^I)."""
    vh = (0, 1)
    return S.in_region(vh, S.identity(2)), f"v-hat = {vh} is not in D(sigma^I); v-hat^sigma-hat = {S.sort_desc(vh)} is"


CLAIMS = [
    FiniteCheck("eq2_regions_partition", source=_src("eq. (2)"), compute=eq2_partition,
                statement=r"D^H=\dot\bigcup_\sigma D(\sigma),\quad v\in D(\sigma)\iff v^\sigma\in D(\sigma^I)\ \text{on } \{0..4\}^3"),
    FiniteCheck("c1_composition", source=_src("Thm. 3 proof, convention C1"), compute=c1_composition,
                statement=r"(v^\tau)^\sigma = v^{\tau\circ\sigma}\quad(\tau,\sigma\in\Sigma_4)"),
    FiniteCheck("c1_relabelling", source=_src("Thm. 3 proof (C1 relabelling)"), compute=c1_relabelling,
                statement=r"v\cdot q^{\sigma^{-1}} = v^\sigma\cdot q\ \ \forall\sigma\in\Sigma_3"),
    FiniteCheck("def3_symmetric_extension", source=_src("Defs. 1 and 3"), compute=def3_extension,
                statement=r"(q^s,t^s)\ \text{symmetric},\ =(q,t)\ \text{on } D^I,\ u^s=u\circ\mathrm{sort}"),
    FiniteCheck("rem2_ext_of_restriction", source=_src("Remark 2"), compute=rem2_extension_of_restriction,
                statement=r"\mathrm{ext}(\mathrm{restr}_{D(\sigma)}(q,t)) = (q,t)\ \text{on } D^H"),
    FiniteCheck("thm1_transposition_identity", source=_src("Thm. 1 proof (i)=>(ii)"), compute=transposition_identity,
                statement=r"v\cdot(q(v)-q(v^{(12)})) = (v_1-v_2)(q_1(v)-q_2(v))\ \text{(symmetric } q)"),
    FiniteCheck("thm1_rearrangement", source=_src("Thm. 1 proof, eq. (15) (Hardy-Littlewood-Polya Thm. 368)"),
                compute=rearrangement, statement=r"a,b\ \text{decreasing} \Rightarrow a\cdot b\ge a\cdot b^\pi"),
    FiniteCheck("thm1_ic_iff_rp_and_ic_on_DI", source=_src("Thm. 1"), compute=thm1_equivalence,
                statement=r"(q,t)\ \text{symmetric}:\ \text{IC on } D^H \iff \text{RP} \wedge \text{IC on } D(\sigma^I)"),
    Identity("ex1_ic_gain", lhs=_EX1_GAIN, rhs=_d, over=[(_v2, 0, 1), (_d, 0, 1)], source=_src("Example 1"),
             statement=r"u(v;\,v^{(12)}) - u(v;\,v) = v_1 - v_2 \quad (v_1 = v_2 + d > v_2)"),
    FiniteCheck("ex1_symmetric_not_ic", source=_src("Example 1"), compute=example1,
                statement=r"\text{Example 1: symmetric, IC on each } D(\sigma),\ \text{not RP, not IC}"),
    FiniteCheck("ex2_rp_ic_not_symmetric", source=_src("Example 2 (Fig. 1 replaced, see note)"), compute=example2,
                statement=r"\{(1,0)@\tfrac12,(1,1)@\tfrac34\}:\ \text{IC, RP, deterministic, not symmetric}",
                note="Fig. 1 is lost in the OCR; the menu is the spec's faithful-in-spirit replacement"),
    FiniteCheck("lemma1_limit_ties", source=_src("Lemma 1 (and gap G3)"), compute=lemma1_ties,
                statement=r"\text{limit tie rule: IC/IR on } \bar D^I,\ \text{feasibility (1) kept}"),
    FiniteCheck("lemma2_rem1_extension_ic", source=_src("Lemma 2, Remark 1"), compute=lemma2_extension_ic,
                statement=r"(q,t)\ \text{IC-IR on } D^I \Rightarrow (q^s,t^s)\ \text{RP, IC, IR on } D^H"),
    FiniteCheck("g4_vhat_in_DI_as_printed", source=_src("Thm. 1 proof (ii)=>(i), as printed (spec G4)"),
                compute=g4_as_printed, expect="fails",
                statement=r"\hat v\in D(\sigma^I)\ \text{for every } \hat v\in D^H",
                note="typo: should be v-hat^{sigma-hat} in D(sigma^I)"),
]

DERIVATION = Derivation(
    name="bm_symmetric",
    title="Bikhchandani-Mishra Sec. 3: symmetric and rank-preserving mechanisms",
    scope=SCOPE, claims=CLAIMS,
    model=r"n\ \text{objects},\ v\in[\underline v,\bar v]^n,\ v^\sigma_j=v_{\sigma(j)}",
    references=(PAPER,),
)
