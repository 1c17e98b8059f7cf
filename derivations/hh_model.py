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

from derivations._hh_common import PAPER, src, two_types, four_types, r4_law
from symmech import Derivation, Identity, Inequality, Scope
from symmech.models.multigood.bundling import LotteryMenu, grand
from symmech.models.multigood.bundling_lp import FiniteFact, PBOptimalLP, mechanism_lp, optimal_revenue
from symmech.models.multigood.stochastic_order import (
    antichain_closures,
    monotone_coupling,
    stochastically_nondecreasing,
    survival_ordered,
    upper_sets_brute_force,
)

SCOPE = Scope()
qH, vH, vL = sp.symbols("q_H v_H v_L", nonnegative=True)
MIXED = (1 - qH) * vL + qH * (2 - (vH - vL))   # Sec. 3: b at v_L to t_L, b* at 2 - (v_H - v_L) to t_H


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


def _ties_g1() -> tuple[bool, str]:
    """The printed objective p(1 - F(p)) vs the PB revenue P Pr[s >= P] (ties buy) on types {1, 2}, q_H = 1/2."""
    law = two_types(Fr(1, 2), 1, Fr(1, 2))
    P = Fr(1)
    F = sum((p for t, p in zip(law.types, law.probs) if t.s <= P), Fr(0))
    printed, true = P * (1 - F), law.pb_revenue(P)
    return printed == true, f"P = 1: p(1 - F(p)) = {printed} but P Pr[s >= P] = {true}"


def _oracle_ic() -> tuple[bool, str]:
    """The LP's optimal mechanism is IC and IR (exact recheck of the primal as a menu), and PB is IC + IR."""
    law = four_types("0.8", "0.2", "0.5")
    lp, lay = mechanism_lp(law)
    res = optimal_revenue(law)
    k = lay["k"]
    items = []
    for i in range(len(lay["types"])):
        lot = {b: res.primal[i * (k + 1) + j] for j, b in enumerate(lay["bundles"])}
        items.append((lot, res.primal[i * (k + 1) + k]))
    menu = LotteryMenu(items)
    rev = menu.revenue(law)
    pb_menu = LotteryMenu([({grand(2): 1}, 1)])
    pb_rev = pb_menu.revenue(r4_law())
    ok = rev == res.value and pb_rev == r4_law().pb_revenue(1)
    return ok, (f"menu from the LP primal, types choosing (seller-favourable ties): revenue {rev} = LP* {res.value}; "
                f"pure bundling at 1 as a menu on R4: {pb_rev}")


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


def _claims() -> list:
    S2, S3 = src("Sec. 2"), src("Sec. 3")
    return [
        FiniteFact("def1_upper_sets_are_antichain_closures", source=src("Def. 1"), compute=_def1,
                   statement=r"\{U \text{ upper}\} = \{\uparrow A: A \text{ antichain}\}\ \text{on finite posets}"),
        FiniteFact("def2_coupling_equals_survival_scalar", source=src("Def. 2"), compute=_def2_scalar,
                   statement=r"|S|=1:\ \exists\ \text{monotone coupling} \iff \Pr[x\ge c\mid y]\le\Pr[x\ge c\mid y']\ \forall c"),
        FiniteFact("def2_holds_sec42_q1_le_q2", source=src("Def. 2, Sec. 4.2"), compute=_order("0.3", "0.6", "0.5", True),
                   statement=r"r(\cdot,t)\ \text{stochastically non-decreasing in}\ v(b^*,t),\ (q_1,q_2)=(0.3,0.6)"),
        FiniteFact("def2_fails_sec42_q1_gt_q2", source=src("Def. 2, Sec. 4.2"), expect="fails",
                   compute=_order("0.8", "0.2", "0.5", False),
                   statement=r"r(\cdot,t)\ \text{stochastically non-decreasing in}\ v(b^*,t),\ (q_1,q_2)=(0.8,0.2)",
                   note="refuted with a witness upper set whose conditional mass drops from s = 1 to s = 2"),
        FiniteFact("pb_revenue_printed_p_one_minus_F", source=src("Sec. 4.2 proof of Thm. 1 (spec gap G1)"),
                   expect="fails", compute=_ties_g1,
                   statement=r"\max_p p(1-F(p)) \text{ is the pure-bundling revenue (ties buy)}",
                   note="with atoms the revenue is P Pr[s >= P] = P (1 - F(P^-)); the printed p(1 - F(p)) "
                        "undercounts the types at the price"),
        FiniteFact("oracle_primal_is_an_ic_ir_menu", source=src("Sec. 2 (mechanisms, IC, IR)"), compute=_oracle_ic,
                   statement=r"\text{the LP optimum, read as a lottery menu, earns } LP^*"),
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
        Identity("two_type_high_indifferent", lhs=vH - vL, rhs=2 - (2 - (vH - vL)), source=S3,
                 over=[(vH, 0, 2), (vL, 0, 2)],
                 statement=r"u_H(b) = v_H - v_L = 2 - (2-(v_H-v_L)) = u_H(b^*)"),
        Identity("two_type_low_deviation", lhs=1 - (2 - (vH - vL)), rhs=vH - vL - 1, source=S3,
                 over=[(vH, 0, 2), (vL, 0, 2)],
                 statement=r"u_L(b^*) = 1-(2-(v_H-v_L)) = v_H-v_L-1 \le 0 \text{ by } v(b,t_H)-1\le v(b,t_L)"),
        PBOptimalLP("R1_qH_half", law=two_types("0.8", "1.2", "1/2"), lp_value=Fr(6, 5), expect="fails",
                    source=S3, statement=r"(v_L,v_H)=(0.8,1.2),\ q_H=\tfrac12:\ LP^*=\max_P R_{PB}(P)",
                    note="spec R1: LP* = 6/5 > PB = 1 (b at 0.8 to t_L, b* at 1.6 to t_H)"),
        PBOptimalLP("R1_qH_0.6", law=two_types("0.8", "1.2", "3/5"), lp_value=Fr(32, 25), expect="fails",
                    source=S3, statement=r"(v_L,v_H)=(0.8,1.2),\ q_H=0.6:\ LP^*=\max_P R_{PB}(P)",
                    note="spec R1: LP* = 1.28 > PB = 1.2"),
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
