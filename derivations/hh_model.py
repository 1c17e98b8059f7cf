"""Haghpanah and Hartline, 'When Is Pure Bundling Optimal?' (2020): the model of Sec. 2 (Defs. 1-2, pure
bundling, the mechanism LP) and the two-type algebra of Sec. 3.

Finite statements are decided exactly: upper sets by enumeration, stochastic monotonicity by the
monotone-coupling transportation LP (exact rational certificate), optimality of pure bundling by the
exact mechanism LP over all IC + IR lottery menus (``symmech.models.multigood.bundling_lp``).  The Sec. 3
algebra is proved symbolically for all parameter values.
"""
from __future__ import annotations

import random
from fractions import Fraction as Fr

import sympy as sp

from derivations._hh_common import B1, B12, PAPER, src, two_types, four_types, r4_law
from symmech import AllOf, Derivation, Identity, Inequality, Scope
from symmech.models.multigood.bundling import FiniteLaw, LotteryMenu, Valuation, bundle, grand, pure_bundling
from symmech.models.multigood.bundling_lp import FiniteFact, PBOptimalLP, mechanism_lp, optimal_revenue
from symmech.models.multigood.stochastic_order import (
    antichain_closures,
    mass,
    monotone_coupling,
    stochastically_nondecreasing,
    survival_ordered,
    up_closure,
    upper_sets_brute_force,
)

SCOPE = Scope()
qH, vH, vL = sp.symbols("q_H v_H v_L", nonnegative=True)
z = sp.Symbol("z", nonnegative=True)        # slack of Sec. 3's assumption: v_L = v_H - 1 + z, z in [0, 1]

# ---- the Sec. 3 model: two types, the grand bundle b* and one bundle b, and the mixed mechanism --------------
VAL = {"L": {"b": vL, "b*": sp.Integer(1)}, "H": {"b": vH, "b*": sp.Integer(2)}}   # v(., t_L), v(., t_H)
PRICE = {"b": vL, "b*": 2 - (VAL["H"]["b"] - VAL["L"]["b"])}   # b at v(b,t_L); b* at 2 - (v(b,t_H) - v(b,t_L))
CHOICE = {"L": "b", "H": "b*"}                                # t_L buys b, t_H buys b* (ties for revenue)


def util(t: str, item: str) -> sp.Expr:
    """Utility of type t for menu item ``item`` of the mixed mechanism."""
    return VAL[t][item] - PRICE[item]


MIXED = (1 - qH) * PRICE[CHOICE["L"]] + qH * PRICE[CHOICE["H"]]   # revenue of the mixed mechanism
ASSUMED = {vL: vH - 1 + z}          # Sec. 3's assumption v(b,t_H) - 1 <= v(b,t_L) <= v(b,t_H) as z in [0, 1]


def _def1() -> tuple[bool, str]:
    grid = [(Fr(a, 2), Fr(b, 2)) for a in range(3) for b in range(3)]
    prof = [(Fr(2, 10), Fr(1, 10)), (Fr(6, 10), Fr(5, 10)), (Fr(4, 10), Fr(3, 10)), (Fr(8, 10), Fr(7, 10))]
    for uni in (grid, prof):
        a, b = upper_sets_brute_force(uni), antichain_closures(uni)
        if a != b:
            return False, f"upper sets != antichain closures on {uni}"
    return True, (f"{len(upper_sets_brute_force(grid))} upper sets of {{0,1/2,1}}^2 and "
                  f"{len(upper_sets_brute_force(prof))} of the Sec. 4.2 profiles = up-closures of antichains")


def _def2_scalar() -> tuple[bool, str]:
    """The coupling LP agrees with the survival-function test on random scalar laws (|S| = 1)."""
    rng = random.Random(17)
    agree = 0
    for _ in range(12):
        pts = [Fr(rng.randint(0, 6), 6) for _ in range(4)]
        lo = _law(rng, pts)
        hi = _law(rng, pts)
        a = monotone_coupling({(x,): p for x, p in lo.items()}, {(x,): p for x, p in hi.items()}).holds
        b, _ = survival_ordered(lo, hi)
        if a != b:
            return False, f"coupling LP says {a}, survival functions say {b} for {lo} vs {hi}"
        agree += 1
    return True, f"{agree} random scalar pairs: coupling LP decision = survival-function decision"


def _law(rng, pts):
    w = [rng.randint(0, 4) for _ in pts]
    if not sum(w):
        w[0] = 1
    out: dict = {}
    for x, k in zip(pts, w):
        out[x] = out.get(x, Fr(0)) + Fr(k, sum(w))
    return {x: p for x, p in out.items() if p}


def _order(q1, q2, qh, expect_holds: bool):
    def run():
        r = stochastically_nondecreasing(four_types(q1, q2, qh).conditional_profiles())
        return bool(r.holds), r.describe() + (f"; witness {r.witness}" if r.witness else "")
    return run


def _def2_witness(q1, q2, qh) -> tuple[bool, str]:
    """The up-closure U of r(t_1') = (0.6, 0.5) within the support: Pr[U | s = 1] and Pr[U | s = 2] computed from
    the law equal Pr[t_1' | s = 1] = q_1 and Pr[t_2' | s = 2] = q_2 of the prior (3), so Def. 2 fails iff q_1 > q_2."""
    q1, q2 = Fr(q1), Fr(q2)
    cond = four_types(q1, q2, qh).conditional_profiles()
    universe = sorted({x for law in cond.values() for x in law})
    U = up_closure([(Fr(6, 10), Fr(5, 10))], universe)
    lo, hi = mass(cond[Fr(1)], U), mass(cond[Fr(2)], U)
    ok = lo == q1 and hi == q2 and lo > hi
    return ok, (f"U = up-closure of r(t_1') = {sorted(tuple(map(str, u)) for u in U)}: Pr[U | s = 1] = {lo} "
                f"(q_1 = {q1}), Pr[U | s = 2] = {hi} (q_2 = {q2}): the mass drops by {lo - hi}")


def _g1_law():
    return two_types(Fr(1, 2), 1, Fr(1, 2))


def _ties_g1() -> tuple[bool, str]:
    """The printed objective p(1 - F(p)) vs the revenue of the pure-bundling menu at p (types choose, ties buy)
    on types {1, 2}, q_H = 1/2 (spec gap G1)."""
    law = _g1_law()
    P = Fr(1)
    F = sum((p for t, p in zip(law.types, law.probs) if t.s <= P), Fr(0))
    printed, true = P * (1 - F), pure_bundling(2, P).revenue(law)
    return printed == true, f"P = 1: p(1 - F(p)) = {printed} but the pure-bundling menu earns {true}"


def _ties_buy() -> tuple[bool, str]:
    """The corrected objective P Pr[s >= P] equals the revenue of the pure-bundling menu (types choosing, ties buy) at
    every support price, and the best pure-bundling revenue -- the best menu {b* @ P} over P in {0, 1/4, ..., 3},
    computed from the types' choices -- is 1 (spec gap G1: 'the true PB revenue is 1'), where p(1 - F(p)) says 1/2."""
    law = _g1_law()
    rows = [(P, law.pb_revenue(P), pure_bundling(2, P).revenue(law)) for P in law.base_values()]
    scan = {Fr(k, 4): pure_bundling(2, Fr(k, 4)).revenue(law) for k in range(13)}
    best = max(scan.values())
    ok = all(a == b for _, a, b in rows) and best == max(a for _, a, _ in rows) == 1
    return ok, ("; ".join(f"P = {P}: P Pr[s >= P] = {a}, menu revenue = {b}" for P, a, b in rows)
                + f"; best menu revenue over P = k/4: {best} at P in {[str(P) for P, r in scan.items() if r == best]} (spec G1: 1)")


def _oracle(law):
    """The LP optimum read as a direct mechanism: per support type its lottery over bundles and its payment."""
    _, lay = mechanism_lp(law)
    res = optimal_revenue(law)
    lp = res.verify()
    k = lay["k"]
    rows = []
    for i, t in enumerate(lay["types"]):
        lot = {b: res.primal[i * (k + 1) + j] for j, b in enumerate(lay["bundles"])}
        rows.append((t, lay["probs"][i], lot, res.primal[i * (k + 1) + k]))
    return rows, lp


R10 = ("0.8", "0.2", "0.5")


def ic_slacks(rows) -> list[Fr]:
    """v(a(t),t) - p(t) - (v(a(t'),t) - p(t')) for every ordered pair t != t' of a direct mechanism's rows
    (type, mass, lottery, payment)."""
    return [(t.value(lot) - p) - (t.value(lot2) - p2)
            for i, (t, _, lot, p) in enumerate(rows) for j, (_, _, lot2, p2) in enumerate(rows) if i != j]


def _oracle_ic() -> tuple[bool, str]:
    """Every IC constraint of the LP optimum on R10, rechecked exactly: v(a(t),t) - p(t) >= v(a(t'),t) - p(t')."""
    rows, _ = _oracle(four_types(*R10))
    slack = ic_slacks(rows)
    ok = min(slack) >= 0
    return ok, (f"{len(slack)} IC constraints (all ordered pairs of the {len(rows)} types): minimum slack {min(slack)}, "
                f"{sum(1 for x in slack if x == 0)} tight")


def _oracle_ir() -> tuple[bool, str]:
    """IR and feasibility of the LP optimum on R10, exactly: lotteries are sub-probabilities, v(a(t),t) - p(t) >= 0."""
    rows, _ = _oracle(four_types(*R10))
    feas = all(all(x >= 0 for x in lot.values()) and sum(lot.values(), Fr(0)) <= 1 for _, _, lot, _ in rows)
    u = [t.value(lot) - p for t, _, lot, p in rows]
    return feas and min(u) >= 0, f"lotteries feasible: {feas}; utilities {list(map(str, u))} (all >= 0)"


def _oracle_revenue() -> tuple[bool, str]:
    """The LP optimum's expected payment and the revenue of its menu (types choosing, seller-favourable ties) both
    equal LP* = 26/25 (spec R10: 1.04)."""
    rows, lp = _oracle(four_types(*R10))
    direct = sum((m * p for _, m, _, p in rows), Fr(0))
    menu = LotteryMenu([(lot, p) for _, _, lot, p in rows]).revenue(four_types(*R10))
    ok = direct == menu == lp == Fr(26, 25)
    return ok, f"E p(t) = {direct}; menu revenue {menu}; LP* = {lp} (spec R10: 26/25)"


def _pb_ic_ir() -> tuple[bool, str]:
    """Pure bundling at every support price P of R4 as a direct mechanism (b* and P iff s >= P): IC and IR exactly, and
    its revenue is P Pr[s >= P]; the best is 6/5 at P = 2 (spec R4)."""
    law = r4_law()
    g = grand(2)
    out = {}
    for P in law.base_values():
        alloc = [({g: 1}, P) if t.s >= P else ({}, Fr(0)) for t in law.types]
        for t, (lot, p) in zip(law.types, alloc):
            if t.value(lot) - p < 0:
                return False, f"IR fails at P = {P} for {t}"
            if any(t.value(lot2) - p2 > t.value(lot) - p for lot2, p2 in alloc):
                return False, f"IC fails at P = {P} for {t}"
        out[P] = sum((m * p for m, (_, p) in zip(law.probs, alloc)), Fr(0))
        if out[P] != law.pb_revenue(P):
            return False, f"revenue {out[P]} != P Pr[s >= P] at P = {P}"
    best = max(out.values())
    ok = best == Fr(6, 5) and [P for P, r in out.items() if r == best] == [Fr(2)]
    return ok, (f"IC and IR at all {len(out)} prices ({len(law.types)} types); revenues "
                f"{', '.join(f'{P}: {r}' for P, r in out.items())}; best {best} at P = 2 (spec R4: 1.2)")


def _mixed_menu_beats_pb(qh, lp_spec, pb_spec):
    """Sec. 3's mixed menu (b at v(b,t_L) = 0.8, b* at 2 - (1.2 - 0.8) = 1.6) on (v_L, v_H) = (0.8, 1.2): its revenue
    (types choosing) equals the exact LP* and the spec's R1 value, and beats the best pure bundling (spec R1)."""
    def run():
        law = two_types("0.8", "1.2", qh)
        at = {vL: sp.Rational(4, 5), vH: sp.Rational(6, 5)}
        pb_, pg_ = (Fr(str(PRICE[i].subs(at))) for i in ("b", "b*"))      # 4/5 and 8/5 (spec R1)
        menu = LotteryMenu([({B1: 1}, pb_), ({grand(2): 1}, pg_)])
        rev = menu.revenue(law)
        lp = optimal_revenue(law).verify()
        pb, prices = law.best_pure_bundling()
        ok = rev == lp == Fr(lp_spec) and pb == Fr(pb_spec) and rev > pb
        return ok, (f"q_H = {qh}: mixed menu (b at {pb_}, b* at {pg_}) earns {rev}; LP* = {lp} (spec R1: {lp_spec}); PB = {pb} at P in "
                    f"{list(map(str, prices))} (spec R1: {pb_spec})")
    return run


def _c1_region(vl, vh) -> tuple[bool, str]:
    """Conjecture C1 on a grid of q_H: PB is not optimal iff q_H in ((1 - v_L)/(2 - v_H), v_L/v_H)."""
    vl, vh = Fr(vl), Fr(vh)
    a, b = (1 - vl) / (2 - vh), vl / vh
    bad = []
    for k in range(1, 20):
        qh = Fr(k, 20)
        law = two_types(vl, vh, qh)
        res = optimal_revenue(law)
        pb, _ = law.best_pure_bundling()
        beats = res.verify() > pb
        if beats != (a < qh < b):
            bad.append(str(qh))
    return not bad, (f"(v_L, v_H) = ({vl}, {vh}): LP* > PB exactly for q_H in ({a}, {b}) on q_H = 1/20..19/20"
                     if not bad else f"mismatch at q_H = {bad}")


def _fig1() -> tuple[bool, str]:
    """Fig. 1 in R^{s, s'} on the grid {0, 1/4, ..., 1}^2: (a) {x_s >= 1/2} and (b) {x_s >= 1/2 or x_s' >= 3/4} are
    upper sets, (c) {x_s >= 1/2 and x_s' <= 1/2} is not -- decided by Def. 1 itself (every x' <= x with x' in U has
    x in U), and agreeing with the up-closure test."""
    grid = [(Fr(a, 4), Fr(b, 4)) for a in range(5) for b in range(5)]
    sets = {"(a)": [x for x in grid if x[0] >= Fr(1, 2)],
            "(b)": [x for x in grid if x[0] >= Fr(1, 2) or x[1] >= Fr(3, 4)],
            "(c)": [x for x in grid if x[0] >= Fr(1, 2) and x[1] <= Fr(1, 2)]}

    def by_def(U):
        return all(x in U for xp in U for x in grid if xp[0] <= x[0] and xp[1] <= x[1])

    res = {k: (by_def(U), sorted(up_closure(U, grid)) == sorted(U)) for k, U in sets.items()}
    ok = res == {"(a)": (True, True), "(b)": (True, True), "(c)": (False, False)}
    return ok, "; ".join(f"{k}: upper by Def. 1 {a}, equals its up-closure {b}" for k, (a, b) in res.items())


B2_ = bundle(2)
FIG2_TYPES = [Valuation(2, {B1: Fr(3, 10), B2_: Fr(1, 5), B12: 1}), Valuation(2, {B1: Fr(7, 10), B2_: 1, B12: 2})]


def _fig2() -> tuple[bool, str]:
    """Fig. 2 / Sec. 3: t_L prefers b = {1} to b' = {2}, t_H prefers b' to b, yet r(b, t_L) <= r(b, t_H) for every
    bundle (ratio-monotone): pure bundling is optimal for every q_H in {1/4, 1/2, 3/4} (exact LPs)."""
    lo, hi = FIG2_TYPES
    opposite = lo.values[B1] > lo.values[B2_] and hi.values[B2_] > hi.values[B1]
    ratio = all(lo.values[b] / lo.s <= hi.values[b] / hi.s for b in (B1, B2_))
    rows = []
    for qh in (Fr(1, 4), Fr(1, 2), Fr(3, 4)):
        law = FiniteLaw(FIG2_TYPES, [1 - qh, qh])
        rows.append((qh, optimal_revenue(law).verify(), law.best_pure_bundling()[0]))
    ok = opposite and ratio and all(lp == pb for _, lp, pb in rows)
    return ok, (f"opposite preferences over b, b': {opposite}; r(., t_L) <= r(., t_H): {ratio}; "
                + "; ".join(f"q_H = {q}: LP* = {lp}, PB = {pb}" for q, lp, pb in rows))


def _claims() -> list:
    S2, S3 = src("Sec. 2"), src("Sec. 3")
    return [
        FiniteFact("def1_upper_sets_are_antichain_closures", source=src("Def. 1"), compute=_def1,
                   model_free="order theory on every finite poset (the upper sets are the up-closures of antichains): checks two library routines agree; no prior or valuation enters",
                   statement=r"\{U \text{ upper}\} = \{\uparrow A: A \text{ antichain}\}\ \text{on finite posets}"),
        FiniteFact("fig1_upper_sets", source=src("Def. 1, Fig. 1"), compute=_fig1,
                   model_free="Fig. 1 illustrates Def. 1 on three fixed subsets of the plane: order-theoretic facts, no prior or valuation enters",
                   statement=r"\{x_s\ge\tfrac12\},\ \{x_s\ge\tfrac12 \vee x_{s'}\ge\tfrac34\} \text{ upper};\ "
                             r"\{x_s\ge\tfrac12 \wedge x_{s'}\le\tfrac12\} \text{ not}",
                   note="Fig. 1's three kinds of sets in R^{s, s'} (the figure itself is lost in the OCR; its caption "
                        "says (a), (b) are upper sets and (c) is not)"),
        FiniteFact("def2_coupling_equals_survival_scalar", source=src("Def. 2"), compute=_def2_scalar,
                   model_free="Strassen's theorem for |S| = 1 (library consistency: the coupling LP and the survival test agree on every pair of scalar laws)",
                   statement=r"|S|=1:\ \exists\ \text{monotone coupling} \iff \Pr[x\ge c\mid y]\le\Pr[x\ge c\mid y']\ \forall c"),
        FiniteFact("def2_holds_sec42_q1_le_q2", source=src("Def. 2, Sec. 4.2"), compute=_order("0.3", "0.6", "0.5", True),
                   statement=r"r(\cdot,t)\ \text{stochastically non-decreasing in}\ v(b^*,t),\ (q_1,q_2)=(0.3,0.6)"),
        FiniteFact("def2_fails_sec42_q1_gt_q2", source=src("Def. 2, Sec. 4.2"), expect="fails",
                   corrected="def2_sec42_upper_set_mass_drops",
                   compute=_order("0.8", "0.2", "0.5", False),
                   statement=r"r(\cdot,t)\ \text{stochastically non-decreasing in}\ v(b^*,t),\ (q_1,q_2)=(0.8,0.2)",
                   note="refuted with a witness upper set whose conditional mass drops from s = 1 to s = 2"),
        FiniteFact("def2_sec42_upper_set_mass_drops", source=src("Def. 2, Sec. 4.2, eq. (3)"),
                   compute=lambda: _def2_witness("0.8", "0.2", "0.5"),
                   statement=r"U=\uparrow r(t_1'):\ \Pr[U\mid s=1]=q_1=0.8 > \Pr[U\mid s=2]=q_2=0.2",
                   note="what is right at (q_1, q_2) = (0.8, 0.2): the conditional masses of the upper set, computed "
                        "from the law, are the prior's q_1 and q_2 of (3), so Def. 2 fails exactly because q_1 > q_2"),
        FiniteFact("pb_revenue_printed_p_one_minus_F", source=src("Sec. 4.2 proof of Thm. 1 (spec gap G1)"),
                   expect="fails", corrected="pb_revenue_ties_buy", compute=_ties_g1,
                   statement=r"\max_p p(1-F(p)) \text{ is the pure-bundling revenue (ties buy)}",
                   note="with atoms the revenue is P Pr[s >= P] = P (1 - F(P^-)); the printed p(1 - F(p)) "
                        "undercounts the types at the price"),
        FiniteFact("pb_revenue_ties_buy", source=src("Sec. 2, pure bundling (spec gap G1, corrected objective)"),
                   compute=_ties_buy,
                   statement=r"R_{PB}(P)=P\Pr[v(b^*,t)\ge P] = \text{revenue of the menu } \{b^*@P\};\ \max_P = 1",
                   note="the menu revenue is computed from the types' choices (ties buy), independently of the formula"),
        FiniteFact("oracle_primal_ic_R10", source=src("Sec. 2 (mechanisms, IC)"), compute=_oracle_ic,
                   statement=r"\text{LP optimum on R10}:\ v(a(t),t)-p(t)\ge v(a(t'),t)-p(t')\ \forall t\ne t' \text{ (exact)}"),
        FiniteFact("oracle_primal_ir_R10", source=src("Sec. 2 (mechanisms, IR)"), compute=_oracle_ir,
                   statement=r"\text{LP optimum on R10}:\ \textstyle\sum_b a_b(t)\le1,\ v(a(t),t)-p(t)\ge0 \text{ (exact)}"),
        FiniteFact("oracle_primal_menu_revenue_R10", source=src("Sec. 2 (revenue); spec R10"), compute=_oracle_revenue,
                   statement=r"\mathbb E[p(t)] = \text{menu revenue} = LP^* = \tfrac{26}{25}\ \text{on R10}"),
        FiniteFact("pb_mechanism_ic_ir_R4", source=src("Sec. 2 (pure bundling); spec R4"), compute=_pb_ic_ir,
                   statement=r"\text{PB at every } P:\ \text{IC, IR},\ \text{revenue } P\Pr[s\ge P];\ \max = \tfrac65 \text{ at } P=2"),
        # Sec. 3: two types
        Identity("two_type_mixed_revenue", lhs=MIXED, rhs=vL + qH * (2 - vH), source=S3,
                 over=[(qH, 0, 1), (vH, 0, 2), (vL, 0, 2)],
                 statement=r"(1-q_H)v_L+q_H(2-(v_H-v_L)) = v_L+q_H(2-v_H)"),
        Identity("two_type_mixed_increasing_in_vL", lhs=sp.diff(MIXED, vL), rhs=1, source=S3,
                 over=[(qH, 0, 1), (vH, 0, 2), (vL, 0, 2)],
                 statement=r"\partial_{v_L}\text{mixed} = 1 \text{ (so under } v_L\le v_H/2 \text{ the worst case is } v_L=v_H/2)"),
        Inequality("two_type_mixed_le_2qH", lhs=2 * qH, rel=">=", rhs=MIXED.subs(vL, vH / 2), source=S3,
                   over=[(qH, sp.Rational(1, 2), 1), (vH, 0, 2)],
                   statement=r"v_L = v_H/2,\ q_H\ge\tfrac12 \Rightarrow \text{mixed}\le 2q_H"),
        Inequality("two_type_mixed_le_1", lhs=1, rel=">=", rhs=MIXED.subs(vL, vH / 2), source=S3,
                   over=[(qH, 0, sp.Rational(1, 2)), (vH, 0, 2)],
                   statement=r"v_L = v_H/2,\ q_H\le\tfrac12 \Rightarrow \text{mixed}\le 1"),
        Identity("two_type_half", lhs=MIXED.subs(qH, sp.Rational(1, 2)) - 1, rhs=vL - vH / 2, source=S3,
                 over=[(vH, 0, 2), (vL, 0, 2)],
                 statement=r"q_H=\tfrac12:\ \text{mixed}-1 = v_L - v_H/2 \ (>0 \iff r(b,t_L)>r(b,t_H))"),
        Identity("two_type_high_indifferent", lhs=util("H", "b*"), rhs=util("H", "b"), source=S3,
                 over=[(vH, 0, 2), (vL, 0, 2)],
                 statement=r"u_H(b^*) = 2-(2-(v_H-v_L)) = v_H-v_L = u_H(b) \text{ (a tie, broken for revenue)}",
                 note="utilities computed from the Sec. 3 values and the mixed mechanism's prices"),
        Inequality("two_type_low_deviation", lhs=util("L", "b").subs(ASSUMED), rel=">=",
                   rhs=util("L", "b*").subs(ASSUMED), source=S3, over=[(vH, 0, 2), (z, 0, 1)],
                   statement=r"v(b,t_H)-1\le v(b,t_L):\ u_L(b)=0\ge u_L(b^*) = v_H-v_L-1",
                   note="IC of t_L; the assumption is encoded as v_L = v_H - 1 + z, z in [0, 1]"),
        AllOf("two_type_mixed_ir", source=S3, parts=[
            Inequality("two_type_mixed_ir_low", lhs=util("L", CHOICE["L"]).subs(ASSUMED), rel=">=", rhs=0,
                       over=[(vH, 0, 2), (z, 0, 1)]),
            Inequality("two_type_mixed_ir_high", lhs=util("H", CHOICE["H"]).subs(ASSUMED), rel=">=", rhs=0,
                       over=[(vH, 0, 2), (z, 0, 1)])],
              statement=r"v(b,t_H)-1\le v(b,t_L)\le v(b,t_H):\ u_L(b)\ge0,\ u_H(b^*)\ge0"),
        FiniteFact("fig2_opposite_preferences_pb_optimal", source=src("Sec. 3, Fig. 2; Sec. 4.1"), compute=_fig2,
                   statement=r"v(\cdot,t_L)=(0.3,0.2;1),\ v(\cdot,t_H)=(0.7,1;2):\ \text{opposite preferences over } b,b',"
                             r"\ r(\cdot,t_L)\le r(\cdot,t_H) \Rightarrow LP^*=PB \ (q_H\in\{\tfrac14,\tfrac12,\tfrac34\})",
                   note="ratio-monotonicity ranks types, not bundles: the two types may rank b and b' oppositely"),
        PBOptimalLP("R1_qH_half", law=two_types("0.8", "1.2", "1/2"), lp_value=Fr(6, 5), expect="fails",
                    corrected="R1_qH_half_mixed_menu_beats_pb",
                    source=S3, statement=r"(v_L,v_H)=(0.8,1.2),\ q_H=\tfrac12:\ LP^*=\max_P R_{PB}(P)",
                    note="spec R1: LP* = 6/5 > PB = 1 (b at 0.8 to t_L, b* at 1.6 to t_H)"),
        FiniteFact("R1_qH_half_mixed_menu_beats_pb", source=f"{S3}; spec R1", compute=_mixed_menu_beats_pb("1/2", "6/5", 1),
                   statement=r"q_H=\tfrac12:\ \text{mixed menu } \{b@0.8,\ b^*@1.6\} = LP^* = 1.2 > PB = 1"),
        PBOptimalLP("R1_qH_0.6", law=two_types("0.8", "1.2", "3/5"), lp_value=Fr(32, 25), expect="fails",
                    corrected="R1_qH_0.6_mixed_menu_beats_pb",
                    source=S3, statement=r"(v_L,v_H)=(0.8,1.2),\ q_H=0.6:\ LP^*=\max_P R_{PB}(P)",
                    note="spec R1: LP* = 1.28 > PB = 1.2"),
        FiniteFact("R1_qH_0.6_mixed_menu_beats_pb", source=f"{S3}; spec R1", compute=_mixed_menu_beats_pb("3/5", "32/25", "6/5"),
                   statement=r"q_H=0.6:\ \text{mixed menu } \{b@0.8,\ b^*@1.6\} = LP^* = 1.28 > PB = 1.2"),
        PBOptimalLP("R1_qH_0.7", law=two_types("0.8", "1.2", "7/10"), lp_value=Fr(7, 5), source=S3,
                    statement=r"(v_L,v_H)=(0.8,1.2),\ q_H=0.7:\ LP^* = \max_P R_{PB}(P) = 1.4",
                    note="spec R1: PB optimal although ratio-monotonicity is violated (the condition is not "
                         "necessary for a fixed prior)"),
        PBOptimalLP("R1_qH_0.8", law=two_types("0.8", "1.2", "4/5"), lp_value=Fr(8, 5), source=S3,
                    statement=r"q_H=0.8:\ LP^* = \max_P R_{PB}(P) = 1.6"),
        PBOptimalLP("R1prime_ratio_monotone", law=two_types("0.4", "1.2", "1/2"), lp_value=1, source=S3,
                    statement=r"(v_L,v_H)=(0.4,1.2),\ q_H=\tfrac12:\ LP^* = \max_P R_{PB}(P) = 1"),
        FiniteFact("C1_two_type_region_0.8_1.2", source=f"{S3} (spec conjecture C1)", compute=lambda: _c1_region("0.8", "1.2"),
                   statement=r"LP^*>PB \iff q_H\in(\tfrac{1-v_L}{2-v_H},\tfrac{v_L}{v_H}) = (\tfrac14,\tfrac23)",
                   note="conjecture C1, verdict: holds on every q_H = k/20 (exact LPs); not proved for all q_H"),
        FiniteFact("C1_two_type_region_0.75_1", source=f"{S3} (spec conjecture C1)", compute=lambda: _c1_region("0.75", "1"),
                   statement=r"(v_L,v_H)=(\tfrac34,1):\ LP^*>PB \iff q_H\in(\tfrac14,\tfrac34)"),
    ]


DERIVATION = Derivation(
    name="hh_model",
    title="Haghpanah-Hartline Sec. 2-3: upper sets, stochastic monotonicity, pure bundling, two types",
    scope=SCOPE,
    claims=_claims(),
    model=(r"v(b,t)\ge0,\ v(\emptyset,t)=0,\ v(b,t)\le v(b^*,t);\ \text{PB at } P:\ R_{PB}(P)=P\Pr[v(b^*,t)\ge P];"
           r"\ LP^* = \max\{\mathbb E p: (a,p)\ \text{IC, IR}\}"),
    references=(PAPER + ", version of August 28, 2020 (the text encoded here); published in the Review of Economic Studies (2021)",),
)

if __name__ == "__main__":  # pragma: no cover
    print(DERIVATION.verify(digits=50))
