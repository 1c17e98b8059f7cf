"""Koçyiğit, 'Distributional Robustness in Mechanism Design' (EPFL thesis, 2020), Ch. 2, Sec. 2.4: the
optimal deterministic mechanism.  Lemmas 2.4.1-2.4.2 (taxation principle: posted-price menus with
p_{} = 0), (2.15)-(2.16) with Rems. 2.4.1-2.4.2 (optimistic and pessimistic ties) and Lemma 2.4.3, the additive
price (2.17), Lemma 2.4.4 with (2.18) and Rem. 2.4.3, Lemma 2.4.5 with (2.19), Thm. 2.4.1 (z_d = 1/2 1'(v_bar - c)),
Rem. 2.4.4 (no markups; separable) and Cor. 2.4.1 (ratio e/2).

Per-item algebra is symbolic for every c in [0, 100] and width d = v_bar - c in (0, 100]; with additive prices the
bundle regions are boxes (checked exactly for J <= 3), so the per-item bounds give Lemma 2.4.4 for every J.  Menu
statements are exact (Fractions): the worst-case regret of a menu is the maximum over the vertices of the bundle
regions V_S(p, delta) (the regret is convex in v), enumerated exactly.  The printed slips (Lemma 2.4.1 Step 1's
prices of unused bundles, not in the catalog; Lemma 2.4.5's Step 1 case label and regret chain, T8) are run on
seeded menus and pinned to their corrected twins.
"""
from __future__ import annotations

import itertools
import random
from fractions import Fraction as Fr

import sympy as sp
from sympy import E, Rational

from symmech import AllOf, Derivation, Identity, Inequality, Scope
from symmech.models.regret.claims import ExactCheck
from symmech.models.regret.deterministic import (
    argmax_condition,
    bundle_regret,
    bundles,
    exhaustive_search,
    in_region,
    lemma_245_witness,
    menu_regret,
    min_utility,
    optimal_menu,
    region_vertices,
)

PAPER = "Koçyiğit, 'Distributional Robustness in Mechanism Design' (2020)"
c = sp.Symbol("c", nonnegative=True)
d = sp.Symbol("d", positive=True)
p = sp.Symbol("p", nonnegative=True)
dl = sp.Symbol("delta", nonnegative=True)
ep = sp.Symbol("epsilon", real=True)
vbar = c + d
SCOPE = Scope({c: sp.Interval(0, 100), d: sp.Interval.Lopen(0, 100)},
              samples=({c: Rational(1, 5), d: Rational(4, 5)}, {c: 0, d: 1}, {c: 1, d: 2}, {c: 100, d: Rational(1, 100)}))
INSTANCES = [((3, 5), (1, Fr(1, 2))), ((1, 1), (0, 0)), ((1, 2, 3), (0, Fr(1, 2), 1))]


def _src(x: str) -> str:
    return f"{PAPER}, {x}"


def _half(vb, cs) -> Fr:
    return sum((Fr(v) - Fr(x) for v, x in zip(vb, cs)), Fr(0)) / 2


def _eq218() -> tuple[bool, str]:
    out = []
    for vb, cs in INSTANCES:
        r, v, S = menu_regret(optimal_menu(vb, cs), vb, cs)
        if r != _half(vb, cs):
            return False, f"v_bar={vb}, c={cs}: worst-case regret of p* is {r}, not {_half(vb, cs)}"
        out.append(f"{vb}: {r}")
    return True, "worst-case regret of p* (pessimistic ties, exact vertices) = 1/2 1'(v_bar - c): " + "; ".join(out)


def _rem243() -> tuple[bool, str]:
    for vb, cs in INSTANCES:
        m = optimal_menu(vb, cs)
        cf = [Fr(x) for x in cs]
        for S in bundles(len(vb)):
            v = [Fr(vb[j]) if j in S else (Fr(vb[j]) + cf[j]) / 2 for j in range(len(vb))]
            if not in_region(v, S, m, 0) or bundle_regret(v, S, m, cf) != _half(vb, cs):
                return False, f"v* fails for S = {sorted(S)} at v_bar={vb}"
    return True, "v*_j = v_bar_j (j in S), (v_bar_j + c_j)/2 else, lies in V_S(p*, 0) with regret 1/2 1'(v_bar - c), every S"


def _menus(J: int, rng: random.Random, count: int, top: int) -> list[dict]:
    out = []
    for _ in range(count):
        m = {frozenset(): Fr(0)}
        for S in bundles(J):
            if S:
                m[S] = Fr(rng.randint(-2, 4 * top * J), 4)
        out.append(m)
    return out


def _lemma245() -> tuple[bool, str]:
    rng = random.Random(2024)
    n = 0
    for vb, cs in INSTANCES[:2] + [((2, 3, 1), (1, 0, Fr(1, 3)))]:
        J = len(vb)
        dmax = min(Fr(v) - Fr(x) for v, x in zip(vb, cs)) / 2
        menus = _menus(J, rng, 40 if J == 2 else 12, max(vb)) + [optimal_menu(vb, cs)]
        for m in menus:
            for delta in (dmax, dmax / 3):
                v, S1 = lemma_245_witness(m, vb, cs, delta)
                bound = _half(vb, cs) - J * delta
                r = bundle_regret(v, S1, m, [Fr(x) for x in cs])
                if not in_region(v, S1, m, delta) or r < bound:
                    return False, f"menu {m}, delta {delta}: v = {v}, S' = {sorted(S1)}, regret {r} < {bound}"
                n += 1
    return True, f"{n} (menu, delta) pairs (seeded random menus on 2 and 3 items and p*): v-hat in V_S'(p, delta), regret >= 1/2 1'(v_bar - c) - J delta"


def _lemma243() -> tuple[bool, str]:
    rng = random.Random(7)
    vb, cs = INSTANCES[0]
    for m in _menus(2, rng, 15, 5):
        r0 = menu_regret(m, vb, cs, 0)[0]
        rd = menu_regret(m, vb, cs, Fr(1, 4))[0]
        if rd > r0:
            return False, f"z'(1/4) = {rd} > z'(0) = {r0} for menu {m}"
    return True, "z'_d(delta) <= z'_d(0) for 15 seeded menus (V_S(p, delta) is a subset of V_S(p, 0))"


def _search(vb, cs, grid) -> tuple[bool, str]:
    best, menu, count = exhaustive_search(vb, cs, grid)
    ok = best == _half(vb, cs) and menu_regret(optimal_menu(vb, cs), vb, cs)[0] == best
    return ok, f"{count} menus: minimum worst-case regret {best} (1/2 1'(v_bar - c) = {_half(vb, cs)}), attained by p*"


def _step1_witness(menu: dict, vb, cs, delta) -> tuple[tuple, frozenset]:
    """Step 1 of the proof of Lemma 2.4.5, whatever the sign of eps = p - p*: S' minimizes eps_S (ties: the
    smallest bundle first), v-hat_j = v_bar_j for j in S', (v_bar_j + c_j)/2 - delta otherwise."""
    star = optimal_menu(vb, cs)
    eps = {S: menu[S] - star[S] for S in menu}
    S1 = min(sorted(eps, key=lambda S: (len(S), sorted(S))), key=lambda S: eps[S])
    v = tuple(Fr(vb[j]) if j in S1 else (Fr(vb[j]) + Fr(cs[j])) / 2 - delta for j in range(len(vb)))
    return v, S1


def _step1_conclusion(nonnegative: bool) -> tuple[bool, str]:
    """Step 1's conclusion, v-hat in V_S'(p, delta) and regret(v-hat) > 1/2 1'(v_bar - c) - J delta (strict), on
    seeded menus p = p* + eps with eps >= 0 (the case as OCR prints it) or with some eps_S < 0 (the case meant,
    eps not >= 0).  Regret and regions are the model's (bundle_regret, in_region)."""
    rng = random.Random(5 if nonnegative else 6)
    n = 0
    for vb, cs in INSTANCES[:2] + [((2, 3, 1), (1, 0, Fr(1, 3)))]:
        J = len(vb)
        star = optimal_menu(vb, cs)
        dmax = min(Fr(v) - Fr(x) for v, x in zip(vb, cs)) / 2
        menus = [dict(star)] if nonnegative else []
        while len(menus) < 8:
            pert = {S: Fr(rng.randint(0 if nonnegative else -4, 4), 4) for S in star if S}
            if not nonnegative and min(pert.values()) >= 0:
                continue
            menus.append({S: star[S] + pert.get(S, Fr(0)) for S in star})
        for m in menus:
            for delta in (dmax, dmax / 3):
                v, S1 = _step1_witness(m, vb, cs, delta)
                bound = _half(vb, cs) - J * delta
                r = bundle_regret(v, S1, m, [Fr(x) for x in cs])
                if not (in_region(v, S1, m, delta) and r > bound):
                    return False, (f"v_bar={vb}, c={cs}, eps = p - p* = {({tuple(sorted(S)): str(m[S] - star[S]) for S in m})}, "
                                   f"delta = {delta}: S' = {sorted(S1)}, regret(v-hat) = {r}, bound {bound} "
                                   f"(in V_S'(p, delta): {in_region(v, S1, m, delta)})")
                n += 1
    return True, f"{n} (menu, delta) pairs: v-hat in V_S'(p, delta) and regret(v-hat) > 1/2 1'(v_bar - c) - J delta"


def _step1_chain(printed: bool) -> tuple[bool, str]:
    """Step 1 of Lemma 2.4.5 on seeded menus with some eps_S < 0: the second line of the regret chain,
    1_S'.(v_bar - c) + 1_T.((v_bar + c)/2 - c - delta 1) - (p_S' - 1_S'.c), against the model's regret of v-hat
    under S', with T = S minus S' for every other bundle S (as printed) or T = J minus S' (corrected); and the
    utility comparison u(S') - u(S) >= 1/2 1_{S' minus S}.(v_bar - c) + |S minus S'| delta >= delta."""
    rng = random.Random(6)
    n = 0
    for vb, cs in INSTANCES[:2] + [((2, 3, 1), (1, 0, Fr(1, 3)))]:
        J = len(vb)
        cf, vf = [Fr(x) for x in cs], [Fr(x) for x in vb]
        star = optimal_menu(vb, cs)
        dmax = min(v - x for v, x in zip(vf, cf)) / 2
        menus = []
        while len(menus) < 6:
            pert = {S: Fr(rng.randint(-4, 4), 4) for S in star if S}
            if min(pert.values()) < 0:
                menus.append({S: star[S] + pert.get(S, Fr(0)) for S in star})
        for m in menus:
            for delta in (dmax, dmax / 3):
                v, S1 = _step1_witness(m, vb, cs, delta)
                r = bundle_regret(v, S1, m, cf)
                def u(T, v=v, m=m):
                    return sum((v[j] for j in T), Fr(0)) - m[T]
                others = [S for S in m if S != S1]
                for S in (others if printed else [None]):
                    T = (S - S1) if printed else frozenset(range(J)) - S1
                    line2 = (sum((vf[j] - cf[j] for j in S1), Fr(0))
                             + sum(((vf[j] + cf[j]) / 2 - cf[j] - delta for j in T), Fr(0))
                             - (m[S1] - sum((cf[j] for j in S1), Fr(0))))
                    if line2 != r:
                        return False, (f"v_bar = {vb}, S' = {sorted(S1)}, T = {sorted(T)}: second line {line2} != "
                                       f"regret {r}")
                if not printed:
                    for S in others:
                        gap = sum(((vf[j] - cf[j]) / 2 for j in S1 - S), Fr(0)) + len(S - S1) * delta
                        if not (u(S1) - u(S) >= gap >= delta):
                            return False, f"utility gap fails for S' = {sorted(S1)}, S = {sorted(S)}"
                n += 1
    return True, (f"{n} (menu, delta) pairs: the second line with 1_(J minus S') equals the regret of v-hat, and "
                  "u(S') - u(S) >= 1/2 1_(S' minus S).(v_bar - c) + |S minus S'| delta >= delta for every S != S'")


def _lemma241_step1(printed: bool) -> tuple[bool, str]:
    """A mechanism that uses only the empty bundle {} (price 0) while the unused bundle {1} is listed at
    price 0: Step 1's repricing of unused bundles must restore condition (i)."""
    vb = (1,)
    menu = {frozenset(): Fr(0), frozenset({0}): Fr(0)}
    used = [frozenset()]
    if not printed:                       # corrected: unused bundles priced 1_S' v_bar
        menu = {frozenset(): Fr(0), frozenset({0}): Fr(vb[0])}
    ok, why = argmax_condition(menu, used, vb)
    return ok, ("as printed (p-hat_S = p_S for unused S): " if printed else "corrected (p-hat_S = 1_S'v_bar): ") + why


def _lemma241_step2() -> tuple[bool, str]:
    """A menu that subsidizes the empty bundle (p_{} = -1/2): shifting all prices by delta = min utility
    gives p-hat_{} = 0 and a weakly lower worst-case regret."""
    vb, cs = (3, 5), (1, Fr(1, 2))
    menu = {frozenset(): Fr(-1, 2), frozenset({0}): Fr(3, 2), frozenset({1}): Fr(9, 4), frozenset({0, 1}): Fr(17, 4)}
    dlt = min_utility(menu, vb)
    hat = {S: p + dlt for S, p in menu.items()}
    r0 = menu_regret(menu, vb, cs, empty_free=True)[0]
    r1 = menu_regret(hat, vb, cs)[0]
    return hat[frozenset()] == 0 and r1 <= r0, f"delta = {dlt}: p-hat_{{}} = {hat[frozenset()]}, regret {r0} -> {r1}"


def _lemma242() -> tuple[bool, str]:
    rng = random.Random(11)
    vb = (1, 1)
    pts = [(Fr(a, 4), Fr(b, 4)) for a in range(5) for b in range(5)]
    for m in _menus(2, rng, 30, 1):
        def choice(v):
            return max(sorted(m, key=lambda S: (len(S), sorted(S))), key=lambda S: sum((v[j] for j in S), Fr(0)) - m[S])
        u = lambda v, S: sum((v[j] for j in S), Fr(0)) - m[S]   # noqa: E731
        for v in pts:
            if u(v, choice(v)) < 0:
                return False, f"IR fails at {v} for menu {m}"
            for w in pts:
                if u(v, choice(w)) > u(v, choice(v)):
                    return False, f"IC fails at {v} (report {w}) for menu {m}"
    return True, "30 seeded menus with p_{} = 0 and s = argmax: IC and IR at all 25 x 25 grid pairs"


def _regions_product() -> tuple[bool, str]:
    """Lemma 2.4.4's proof for any J: with additive prices p*, V_S(p*, 0) is the box x_j I_j with I_j = [p*_j, v_bar_j]
    (j in S) or [0, p*_j] (j not in S) -- the model's exact vertex enumeration of V_S(p*, 0) returns exactly the box
    corners (J = 1, 2, 3), so the regret on V_S(p*, 0) is a sum of one-item terms (checked per item, for all c, d)."""
    n = 0
    for vb, cs in [((1,), (Fr(1, 5),))] + INSTANCES:
        m = optimal_menu(vb, cs)
        ps = [(Fr(v) + Fr(x)) / 2 for v, x in zip(vb, cs)]
        for S in bundles(len(vb)):
            ivs = [(ps[j], Fr(vb[j])) if j in S else (Fr(0), ps[j]) for j in range(len(vb))]
            corners = sorted(set(itertools.product(*ivs)))
            if region_vertices(m, S, vb, 0) != corners:
                return False, f"v_bar = {vb}, S = {sorted(S)}: vertices {region_vertices(m, S, vb, 0)} != box corners {corners}"
            n += 1
    return True, f"{n} (instance, bundle) pairs on 1-3 items: V_S(p*, 0) = x_j [p*_j, v_bar_j] (j in S) x [0, p*_j] (j not in S)"


def _optimistic(menu, vb, cs, eps) -> Fr:
    """The objective of (2.15) for the prices p (ties broken by the seller): the maximum, over the bundles S whose region
    is full-dimensional (V_S(p, eps) is non-empty), of the regret of S on the closure V_S(p, 0); a lower bound of the
    optimistic worst case that is exact when eps is below the thinnest full-dimensional region's depth."""
    cf = [Fr(x) for x in cs]
    best = None
    for S in bundles(len(vb)):
        if not region_vertices(menu, S, vb, eps):
            continue
        for v in region_vertices(menu, S, vb, 0):
            r = bundle_regret(v, S, menu, cf)
            best = r if best is None or r > best else best
    return best


def _lemma243_sandwich() -> tuple[bool, str]:
    """Lemma 2.4.3 menu by menu: z'(delta) <= (2.15)'s objective <= z'(0) for seeded menus on 2 items, delta in
    {1/4, 1/16}, the optimistic objective computed with eps = 1/64 <= delta (3 items: p* in rem241)."""
    rng = random.Random(243)
    n = 0
    for vb, cs, count in (((3, 5), (1, Fr(1, 2)), 12),):
        for m in _menus(len(vb), rng, count, max(vb)) + [optimal_menu(vb, cs)]:
            opt = _optimistic(m, vb, cs, Fr(1, 64))
            pes = menu_regret(m, vb, cs, 0)[0]
            for dl in (Fr(1, 4), Fr(1, 16)):
                try:
                    low = menu_regret(m, vb, cs, dl)[0]
                except Exception:   # noqa: BLE001 - every region empty at this delta: nothing below
                    low = None
                if (low is not None and low > opt) or opt > pes:
                    return False, f"menu {m}: z'({dl}) = {low}, optimistic {opt}, z'(0) = {pes}"
                n += 1
    return True, f"{n} (menu, delta) pairs: z'_d(delta) <= optimistic objective of (2.15) <= z'_d(0) (pessimistic)"


def _rem241() -> tuple[bool, str]:
    """Rem. 2.4.1-2.4.2: at p* the optimistic (2.15) and the pessimistic (2.16, delta = 0) worst cases coincide."""
    out = []
    for vb, cs in INSTANCES:
        m = optimal_menu(vb, cs)
        opt, pes = _optimistic(m, vb, cs, Fr(1, 64)), menu_regret(m, vb, cs, 0)[0]
        if not opt == pes == _half(vb, cs):
            return False, f"v_bar = {vb}: optimistic {opt}, pessimistic {pes}"
        out.append(f"{vb}: {opt}")
    return True, "p*: optimistic = pessimistic = 1/2 1'(v_bar - c): " + "; ".join(out)


def _lemma241_step2_menus() -> tuple[bool, str]:
    """Lemma 2.4.1, Step 2, on seeded IR menus (any p_{}): p-hat = p + delta 1, delta = inf_v max_S 1_S.v - p_S >= 0;
    if {} is a utility-maximizing bundle somewhere then p-hat_{} = 0 already, else it is set to 0; condition (i) holds
    for p-hat, p-hat is IR and its worst-case regret is at most that of p (by delta)."""
    rng = random.Random(241)
    vb, cs = (3, 5), (1, Fr(1, 2))
    n = {True: 0, False: 0}
    while sum(n.values()) < 16:
        m = {S: Fr(rng.randint(-4, 16), 4) for S in bundles(2)}
        if min(m.values()) > 0:
            continue                                        # not IR (Def. 2.2.3)
        dl = min_utility(m, vb)
        hat = {S: p + dl for S, p in m.items()}
        used_empty = bool(region_vertices(m, frozenset(), vb, 0))
        if used_empty and hat[frozenset()] != 0:
            return False, f"menu {m}: {{}} is bought but p-hat_{{}} = {hat[frozenset()]}"
        if hat[frozenset()] < 0:
            return False, f"menu {m}: p-hat_{{}} = {hat[frozenset()]} < 0"
        hat[frozenset()] = Fr(0)
        if min_utility(hat, vb) < 0:
            return False, f"menu {m}: p-hat is not IR"
        r0, r1 = menu_regret(m, vb, cs, empty_free=True)[0], menu_regret(hat, vb, cs)[0]
        if r1 > r0:
            return False, f"menu {m}: regret {r0} -> {r1}"
        n[used_empty] += 1
    return True, f"16 seeded IR menus ({n[True]} where {{}} is bought, {n[False]} where it is not): p-hat_{{}} = 0, IR, regret does not increase"


def _partitions(S):
    items = sorted(S)
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for k in range(len(rest) + 1):
        for comb in itertools.combinations(rest, k):
            block = frozenset((first,) + comb)
            for tail in _partitions(frozenset(rest) - block):
                yield [block] + tail


def _effective(menu) -> dict:
    """Prices when the buyer may buy several bundles: p_eff(S) = min over partitions of S of sum p(S_i)."""
    return {S: min(sum((menu[B] for B in part), Fr(0)) for part in _partitions(S)) if S else menu[S] for S in menu}


def _rem244_pstar() -> tuple[bool, str]:
    """Rem. 2.4.4: p* has neither markups nor discounts (p*_S equals the cheapest partition of S), so the menu of bundles
    sells at the same prices; and the optimal deterministic mechanism is separable: its worst-case regret is the sum of
    the one-item worst cases (each item at (v_bar_j + c_j)/2)."""
    out = []
    for vb, cs in INSTANCES:
        m = optimal_menu(vb, cs)
        if _effective(m) != m:
            return False, f"v_bar = {vb}: p* differs from its cheapest partitions"
        whole = menu_regret(m, vb, cs)[0]
        parts = [menu_regret(optimal_menu((v,), (x,)), (v,), (x,))[0] for v, x in zip(vb, cs)]
        if whole != sum(parts):
            return False, f"v_bar = {vb}: {whole} != sum of one-item worst cases {parts}"
        out.append(f"{vb}: {whole} = {' + '.join(map(str, parts))}")
    return True, "p* = cheapest partition prices; worst case = sum of one-item worst cases: " + "; ".join(out)


def _spec54() -> tuple[bool, str]:
    m = optimal_menu((3, 5), (1, Fr(1, 2)))
    want = {frozenset({0}): Fr(2), frozenset({1}): Fr(11, 4), frozenset({0, 1}): Fr(19, 4)}
    ok = all(m[S] == p for S, p in want.items()) and m[frozenset()] == 0
    return ok, f"p*_{{1}} = {m[frozenset({0})]}, p*_{{2}} = {m[frozenset({1})]}, p*_{{1,2}} = {m[frozenset({0, 1})]} (spec: 2, 2.75, 4.75)"


def _claims() -> list:
    L4, L5, T1 = _src("Lemma 2.4.4"), _src("Lemma 2.4.5, eq. (2.19)"), _src("Thm. 2.4.1, eqs. (2.15), (2.17)")
    z = sp.Symbol("z", nonnegative=True)       # c - v >= 0 (a value below the cost)
    w = sp.Symbol("w", nonnegative=True)       # (v - c)/d in [0, 1] (a value above the cost)
    pstar = (vbar + c) / 2
    return [
        ExactCheck("lemma241_step1_as_printed", compute=lambda: _lemma241_step1(True), expect="fails",
                   corrected="lemma241_step1_corrected",
                   source=f"{_src('Lemma 2.4.1')} (proof, Step 1)",
                   statement=r"\hat p_S = p_S\ (S\notin\mathrm{range}(s)) \Rightarrow s(v)\in\arg\max_S \mathbf 1_S^\top v - \hat p_S",
                   note="typo: Step 1 prints p-hat_S = p_S for the unused bundles S; the argument that follows uses "
                        "p-hat_S = 1_S'v_bar (not flagged in the spec catalog)"),
        ExactCheck("lemma241_step1_corrected", compute=lambda: _lemma241_step1(False), source=_src("Lemma 2.4.1"),
                   statement=r"\hat p_S = \mathbf 1_S^\top\bar v\ (S\notin\mathrm{range}(s)) \Rightarrow \text{condition (i)}"),
        ExactCheck("lemma241_step2_menus", compute=_lemma241_step2_menus, source=_src("Lemma 2.4.1, eq. (2.14)"),
                   statement=r"\hat p = p + \delta\mathbf 1,\ \hat p_\emptyset = 0,\ \text{IR, regret does not increase (16 seeded IR menus)}"),
        ExactCheck("lemma241_step2_shift", compute=_lemma241_step2, source=_src("Lemma 2.4.1"),
                   statement=r"\hat p = p + \delta\mathbf 1,\ \delta = \inf_v u(v):\ \hat p_\emptyset = 0,\ \text{regret does not increase}"),
        ExactCheck("lemma242_ic_ir", compute=_lemma242, source=_src("Lemma 2.4.2, Def. 2.2.3"),
                   statement=r"p_\emptyset = 0,\ s = \arg\max \Rightarrow \text{IC and IR (grid instances)}"),
        # J = 1: the regret of a price p is max((p - c)^+, v_bar - p) (buyer just below p; buyer at v_bar)
        Inequality("thm241_J1_low_price", lhs=vbar - p, rhs=d / 2, rel=">=", over=[(p, 0, pstar)], source=T1,
                   statement=r"p\le\tfrac{\bar v+c}2:\ \bar v - p \ge \tfrac{\bar v-c}2"),
        Inequality("thm241_J1_high_price", lhs=p - c, rhs=d / 2, rel=">=", over=[(p, pstar, vbar)], source=T1,
                   statement=r"p\in[\tfrac{\bar v+c}2,\bar v]:\ p - c \ge \tfrac{\bar v-c}2"),
        AllOf("thm241_J1_optimum", source=T1, parts=[
            Identity("thm241_J1_optimum.buyer_below_price", lhs=pstar - c, rhs=d / 2, source=T1),
            Identity("thm241_J1_optimum.buyer_at_top", lhs=vbar - pstar, rhs=d / 2, source=T1)],
            statement=r"p^\star = \tfrac{\bar v+c}2:\ p^\star - c = \bar v - p^\star = \tfrac{\bar v-c}2,\ \text{so the regret } "
                      r"\max(p^\star-c,\bar v-p^\star) \text{ of } p^\star \text{ is } \tfrac{\bar v-c}2",
            note="both terms separately (SymPy would settle max(x, x) = x before the checker); with thm241_J1_low_price "
                 "and thm241_J1_high_price every other price has regret >= (v_bar - c)/2"),
        Identity("lemma244_item_bought", lhs=(vbar - c) - (pstar - c), rhs=d / 2, source=f"{L4}; {_src('Remark 2.4.3')}",
                 statement=r"j\in S:\ (\bar v_j - c_j) - (p^\star_j - c_j) = \tfrac12(\bar v_j - c_j)"),
        Identity("lemma244_item_not_bought", lhs=pstar - c, rhs=d / 2, source=f"{L4}; {_src('Remark 2.4.3')}",
                 statement=r"j\notin S:\ v_j \le p^\star_j \Rightarrow (v_j - c_j)^+ \le \tfrac12(\bar v_j - c_j)"),
        ExactCheck("lemma244_regions_are_boxes", compute=_regions_product, source=f"{L4}, eq. (2.17)",
                   statement=r"\mathcal V_S(p^\star,0) = \times_{j\in S}[p^\star_j,\bar v_j]\times\times_{j\notin S}[0,p^\star_j] "
                             r"\text{ (exact vertices, } J\le3)",
                   note="for every J the same holds because u(S') - u(S) is a sum of one-item flips v_j - p*_j; with (2.4) "
                        "the regret on V_S(p*, 0) is then a sum of one-item terms, bounded by lemma244_item_bound_*"),
        AllOf("lemma244_item_bound_in_S", source=f"{L4}, eq. (2.18)", parts=[
            Inequality("lemma244_item_bound_in_S.below_cost", lhs=sp.Max(-z, 0) - (pstar - c), rhs=d / 2, rel="<=",
                       over=[(z, 0, c)], source=L4),
            Inequality("lemma244_item_bound_in_S.above_cost", lhs=sp.Max(w * d, 0) - (pstar - c), rhs=d / 2, rel="<=",
                       over=[(w, 0, 1)], source=L4)],
            statement=r"j\in S,\ v_j\in[0,\bar v_j]:\ (v_j-c_j)^+ - (p^\star_j - c_j) \le \tfrac12(\bar v_j - c_j)",
            note="v_j = c_j - z below the cost, v_j = c_j + w (v_bar_j - c_j) above it"),
        AllOf("lemma244_item_bound_not_in_S", source=f"{L4}, eq. (2.18)", parts=[
            Inequality("lemma244_item_bound_not_in_S.below_cost", lhs=sp.Max(-z, 0), rhs=d / 2, rel="<=",
                       over=[(z, 0, c)], source=L4),
            Inequality("lemma244_item_bound_not_in_S.above_cost", lhs=sp.Max(w * d / 2, 0), rhs=d / 2, rel="<=",
                       over=[(w, 0, 1)], source=L4)],
            statement=r"j\notin S,\ v_j\in[0,p^\star_j]:\ (v_j-c_j)^+ \le \tfrac12(\bar v_j - c_j)",
            note="v_j = c_j - z below the cost, v_j = c_j + w (p*_j - c_j) above it"),
        ExactCheck("eq218_menu_regret", compute=_eq218, source=f"{L4}, eq. (2.18); Spec 003 part B, Sec. 5.4 (z_d = 3.25)",
                   statement=r"\max_S\max_{v\in\mathcal V_S(p^\star,0)}\text{regret} = \tfrac12\mathbf 1^\top(\bar v-c) "
                             r"\text{ on three instances (J = 2, 2, 3)}"),
        ExactCheck("rem243_maximizer", compute=_rem243, source=_src("Remark 2.4.3, eq. (2.18)")),
        Identity("lemma245_step2_item", lhs=(vbar + c) / 2 - dl - c, rhs=d / 2 - dl, over=[(dl, 0, d / 2)], source=L5,
                 statement=r"\hat v_j - c_j = \tfrac12(\bar v_j-c_j) - \delta"),
        Inequality("lemma245_step2_nonneg", lhs=d / 2 - dl, rhs=0, rel=">=", over=[(dl, 0, d / 2)], source=L5,
                   statement=r"\delta\le\tfrac12(\bar v_j - c_j) \Rightarrow (\hat v_j - c_j)^+ = \hat v_j - c_j"),
        Identity("lemma245_step1_regret", lhs=(vbar - c) + (pstar - dl - c) - (pstar + ep - c), rhs=2 * (d / 2) - ep - dl,
                 over=[(ep, -1, 0), (dl, 0, d / 2)], source=L5,
                 statement=r"\text{two items, } S'=\{1\}:\ \text{regret}(\hat v) = \tfrac12\mathbf 1^\top(\bar v-c) - "
                           r"\epsilon_{S'} - (J-|S'|)\delta"),
        ExactCheck("lemma245_witness_menus", compute=_lemma245, source=L5,
                   statement=r"\hat v \in \mathcal V_{S'}(p,\delta),\ \text{regret}(\hat v) \ge \tfrac12\mathbf 1^\top(\bar v-c) - J\delta"),
        ExactCheck("lemma243_monotone_delta", compute=_lemma243, source=_src("Lemma 2.4.3, eq. (2.16)")),
        ExactCheck("lemma243_sandwich", compute=_lemma243_sandwich, source=_src("Lemma 2.4.3, eqs. (2.15)-(2.16)"),
                   statement=r"z'_d(\delta) \le \text{objective of (2.15)} \le z'_d(0) \text{ for each seeded menu } p"),
        ExactCheck("rem241_optimistic_equals_pessimistic", compute=_rem241,
                   source=_src("Remarks 2.4.1-2.4.2, eqs. (2.15)-(2.16)"),
                   statement=r"p^\star:\ \text{optimistic (2.15) = pessimistic (2.16 at } \delta=0) = \tfrac12\mathbf 1^\top(\bar v-c)"),
        ExactCheck("rem244_no_markups_separable", compute=_rem244_pstar, source=_src("Remark 2.4.4"),
                   statement=r"p^\star_S = \min_{\text{partitions}}\sum_i p^\star_{S_i},\ \text{worst case of } p^\star = "
                             r"\sum_j \text{one-item worst cases}"),
        ExactCheck("reg_spec54_prices", compute=_spec54, source=f"{_src('eq. (2.17)')}; Spec 003 part B, Sec. 5.4 (regression)",
                   statement=r"\bar v = (3,5), c = (1, \tfrac12):\ p^\star = (2, 2.75, 4.75)"),
        ExactCheck("thm241_exhaustive_J1", compute=lambda: _search((1,), (Fr(1, 5),), [Fr(k, 10) for k in range(11)]),
                   source=T1, statement=r"\min_{p\in\{0,\frac1{10},..,1\}} z'(p) = \tfrac12(\bar v-c) = \tfrac25"),
        ExactCheck("thm241_exhaustive_J2", compute=lambda: _search((1, 1), (0, 0), [Fr(k, 2) for k in range(5)]),
                   source=T1, statement=r"J=2:\ \min \text{ over all } 5^3 \text{ menus on } \{0,\tfrac12,..,2\} = 1 = \tfrac12\mathbf 1^\top(\bar v-c)"),
        Identity("cor241_ratio", lhs=(d / 2) / (d / E), rhs=E / 2, source=_src("Cor. 2.4.1"),
                 statement=r"z^\star_d / z^\star = \tfrac{\frac12\mathbf 1^\top(\bar v-c)}{\frac1e\mathbf 1^\top(\bar v-c)} = \tfrac e2"),
        Inequality("cor241_increase_about_36pct_low", lhs=(E - 2) / 2, rhs=Rational(355, 1000), rel=">=",
                   source=_src("Cor. 2.4.1"), statement=r"\tfrac{e-2}2 \ge 0.355"),
        Inequality("cor241_increase_about_36pct_high", lhs=(E - 2) / 2, rhs=Rational(365, 1000), rel="<",
                   source=_src("Cor. 2.4.1"), statement=r"\tfrac{e-2}2 < 0.365 \ (\text{'}\approx 36\%\text{'})"),
        ExactCheck("typo_t8_step1_condition_as_printed", compute=lambda: _step1_conclusion(True),
                   source=f"{L5} (proof, Step 1)", expect="fails", corrected="lemma245_step1_strict",
                   statement=r"\epsilon = p - p^\star \ge 0:\ \hat v \in \mathcal V_{S'}(p,\delta),\ \text{regret}(\hat v) > "
                             r"\tfrac12\mathbf 1^\top(\bar v-c) - J\delta \text{ (Step 1 in the case as OCR prints it)}",
                   note="typo/OCR T8: Step 1 is the case eps NOT >= 0; for eps >= 0 the minimizer S' of eps is a bundle "
                        "with eps_S' = 0 (eps_{} = 0 always), and Step 1's v-hat earns exactly the bound, not more"),
        ExactCheck("typo_t8_regret_chain_as_printed", compute=lambda: _step1_chain(True), source=f"{L5} (proof, Step 1)",
                   expect="fails", corrected="lemma245_step1_chain",
                   statement=r"\text{regret}(\hat v) = \mathbf 1_{S'}^\top(\bar v-c) + \mathbf 1_{S\setminus S'}^\top(\tfrac12(\bar v+c) "
                             r"- c - \delta\mathbf 1) - (p_{S'} - \mathbf 1_{S'}^\top c) \text{ (as printed, } S \ne S')",
                   note="typo T8 (second part): the sum runs over the items outside S', J minus S', not S minus S'"),
        ExactCheck("lemma245_step1_chain", compute=lambda: _step1_chain(False), source=f"{L5} (proof, Step 1)",
                   statement=r"\text{regret}(\hat v) = \mathbf 1_{S'}^\top(\bar v-c) + \mathbf 1_{\{1,\dots,J\}\setminus S'}^\top(\tfrac12(\bar v+c) "
                             r"- c - \delta\mathbf 1) - (p_{S'} - \mathbf 1_{S'}^\top c);\ u(S') - u(S) \ge \delta",
                   note="the corrected chain and the corrected utility comparison ('from S' exceeds that from S'), seeded menus"),
        ExactCheck("lemma245_step1_strict", compute=lambda: _step1_conclusion(False), source=f"{L5} (proof, Step 1)",
                   statement=r"\epsilon \not\ge 0:\ \hat v \in \mathcal V_{S'}(p,\delta),\ \text{regret}(\hat v) > "
                             r"\tfrac12\mathbf 1^\top(\bar v-c) - J\delta",
                   note="Step 1 in its correct case (some eps_S < 0), on seeded menus: the corrected twin of T8"),
    ]


DERIVATION = Derivation(
    name="thesis_ch2_deterministic",
    title="Koçyiğit (2020) Ch. 2.4: optimal deterministic mechanism (posted prices), Lemmas 2.4.3-2.4.5, Thm. 2.4.1, Cor. 2.4.1",
    scope=SCOPE,
    claims=_claims(),
    model=(r"p\in\mathbb R^{2^J},\ p_\emptyset = 0,\ z_d^\star = \inf_p\sup_v \mathbf 1^\top(v-c)^+ - (p_{s(v)} - "
           r"\mathbf 1_{s(v)}^\top c) = \tfrac12\mathbf 1^\top(\bar v-c)"),
    references=(PAPER + ", Ch. 2",),
)

if __name__ == "__main__":  # pragma: no cover
    print(DERIVATION.verify(digits=50))
