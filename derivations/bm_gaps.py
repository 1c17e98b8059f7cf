"""Bikhchandani and Mishra, "Rank-preserving Multidimensional Mechanisms" (2022): the remaining gaps
and misstatements of the catalog (spec G2, G5, G6, G14, G17, G22, G24), each a claim on an exact
finite instance: the paper's statement as written, expected to fail with a counterexample, pinned to
the catalog's corrected reading on the same instance, expected to hold.

Already encoded elsewhere: G3 (bm_symmetric lemma1_limit_ties), G4 (bm_symmetric), G8/G9
(bm_revenue_monotone props2_3_revenue_monotone), G10, G11 (def6_r15_not_mm_not_monotone), G21, G25
(bm_revenue_monotone), G12 (bm_equivalence), G15, G16 (bm_robust).  Not checkable (wording, OCR,
citations, or statements about existence in the continuum): see :data:`NOT_ENCODED`.
"""
from __future__ import annotations

import itertools
import random
from fractions import Fraction as Fr

from symmech import Derivation, Scope
from symmech.tactics.lp.exact import solve_exact
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
    "G18": "Def. 11/12 'for every v': a reading of a definition ('wherever they differ'), not a checkable claim",
    "G19": "Claim 2's 'x_1 >= ... >= x_2' is a typo for the chain x_1 >= ... >= x_n; no other reading is meaningful",
    "G20": "wording ('v, v-hat in M^I', '(9) for holds types')",
    "G23": "citation year and a misspelled name in the references",
}


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
    FiniteCheck("g6_injective_off_ties", source=_src("Intro and Thm. 2, 'one-to-one mapping' modulo null sets (spec G6)"),
                compute=g6_injective_off_ties, statement=r"\mathrm{ext}(m)=\mathrm{ext}(m')\Rightarrow m=m'\ \text{on } D^I\ \text{(strict types)}"),
    FiniteCheck("g6_one_to_one_on_grids", source=_src("Intro and Thm. 2, 'one-to-one mapping' (spec G6)"),
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
]

DERIVATION = Derivation(
    name="bm_gaps",
    title="Bikhchandani-Mishra: the catalog's remaining gaps and misstatements (G2, G5, G6, G14, G17, G22, G24)",
    scope=SCOPE, claims=CLAIMS, model=r"\mathcal M^H,\ \mathcal M^I\ \text{on finite grids}",
    references=(PAPER,),
)
