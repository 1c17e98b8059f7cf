"""Koçyiğit, 'Distributional Robustness in Mechanism Design' (EPFL thesis, 2020), Ch. 2, Sec. 2.2: the model.
Def. 2.2.1 (IC) with Prop. 2.2.1 (Myerson-Satterthwaite: for J = 1, IC iff q is non-decreasing and m is the
envelope payment), Def. 2.2.2 (IR, and the text's argument that IR loses nothing), Def. 2.2.3 (posted prices:
IR iff some bundle price is <= 0), Fig. 2.1's caption, Rem. 2.2.1 (nature's pure problem is non-concave; the
mixed game (2.2) has the value of (2.1), checked as an exact saddle point of the grid LP (2.6) and its dual
(2.7)), the separation identity (2.4) of a separable mechanism (Def. 2.3.1) for J = 1, 2, 3 items, and (2.14)'s
consequence that equal bundles pay equal prices; then the catalog's regression values (spec 003 part B, Secs. 3
and 5.3).

Symbolic claims hold for every parameter of the scope; finite claims are exact (Fractions, exact LP
certificates) on seeded instances.  Fig. 2.1's caption rule for item 1 fails for prices with a bundle markup
(refuted, pinned to the rule with a bundle discount, proved): an erratum the catalog does not list.
"""
from __future__ import annotations

import itertools
import random
from fractions import Fraction as Fr

import sympy as sp
from sympy import E, Rational

from symmech import AllOf, Derivation, Identity, Inequality, Scope
from symmech.models.objectives import Regret
from symmech.models.regret._arb import sign as arb_sign
from symmech.models.regret.claims import ExactCheck, LPBracket
from symmech.models.regret.deterministic import bundles, min_utility
from symmech.models.regret.lp import cost_grid, single_buyer_lp, solve_single_buyer
from symmech.models.regret.single import allocation, mechanism_2_3, payment, threshold
from symmech.tactics.lp.exact import LinearProgram, solve_exact

PAPER = "Koçyiğit, 'Distributional Robustness in Mechanism Design' (2020)"
SPEC = "Spec 003 part B"
v, w, qv, qw, mv, mw = sp.symbols("v w q_v q_w m_v m_w", real=True)
v1, v2, w1, w2, s1, s2 = sp.symbols("v1 v2 w1 w2 s1 s2", real=True)
p1 = sp.Symbol("p1", nonnegative=True)
p2 = sp.Symbol("p2", nonnegative=True)
mk = sp.Symbol("mk", nonnegative=True)       # a bundle markup: p_{1,2} = p_1 + p_2 + mk
th = sp.Symbol("theta", nonnegative=True)   # a bundle discount: p_{1,2} = p_1 + (1 - theta) p_2
d = sp.Symbol("d", positive=True)            # v_bar - c
ka = sp.Symbol("kappa", nonnegative=True)    # c = (1/e + kappa) d >= d/e
x1 = sp.Symbol("x1", nonnegative=True)       # v_1 - p_1 >= 0
y2 = sp.Symbol("y2", nonnegative=True)       # v_2 as a fraction of the caption's bound
_R = {p1: (0, 10), p2: (0, 10), mk: (0, 10), th: (0, 1), d: (Rational(1, 100), 100), ka: (0, 10), x1: (0, 10),
      y2: (0, 1)}
SCOPE = Scope({s: sp.Interval(*r) for s, r in _R.items()},
              samples=tuple({s: r[0] + sp.Rational(i + 1, 5 + 2 * k) * (r[1] - r[0]) for k, (s, r) in enumerate(_R.items())}
                            for i in range(3))
              # prices with a bundle markup and a buyer at v = (p_1, p_2 + mk): Fig. 2.1's caption rule fails there
              + ({p1: 1, p2: 1, mk: 2, th: 0, d: 1, ka: 0, x1: 0, y2: 1},))
#: ranges of the free variables of the identities (values, allocations, payments)
_OVER = {v: (0, 10), w: (0, 10), qv: (0, 1), qw: (0, 1), mv: (-10, 10), mw: (-10, 10), v1: (0, 10), v2: (0, 10),
         w1: (0, 10), w2: (0, 10), s1: (0, 1), s2: (0, 1)}


def _over(*syms):
    return [(x, *_OVER[x]) for x in syms]


def _src(x: str) -> str:
    return f"{PAPER}, {x}"


# ---------------------------------------------------------------------------------------------------------
# Prop. 2.2.1 on step allocation rules (J = 1, values in [0, 1]), exactly
# ---------------------------------------------------------------------------------------------------------

def _cells(rng: random.Random, monotone: bool) -> tuple[list[Fr], list[Fr]]:
    """Cut points 0 = a_0 < ... < a_k = 1 and one allocation per cell (non-decreasing, or with a drop)."""
    cuts = sorted({Fr(rng.randint(1, 23), 24) for _ in range(rng.randint(1, 5))})
    a = [Fr(0)] + cuts + [Fr(1)]
    g = sorted(Fr(rng.randint(0, 8), 8) for _ in range(len(a) - 1))
    if not monotone:                                  # a strict drop between cells i and i + 1
        if len(g) < 2:
            a, g = [Fr(0), Fr(1, 2), Fr(1)], [g[0], g[0]]
        i = rng.randrange(len(g) - 1)
        g[i] = max(g[i], Fr(1, 8))
        g[i + 1] = g[i] - Fr(rng.randint(1, int(g[i] * 8)), 8)
    return a, g


def _envelope(a: list[Fr], g: list[Fr], m0: Fr) -> list[Fr]:
    """Prop. 2.2.1 (ii) on a step rule: m(v) = m(0) + q(v) v - int_0^v q is constant on each cell,
    P_i = m0 + g_i a_i - F(a_i), F(a_i) = sum_{k<i} g_k (a_{k+1} - a_k)."""
    out, F = [], Fr(0)
    for i, gi in enumerate(g):
        out.append(m0 + gi * a[i] - F)
        F += gi * (a[i + 1] - a[i])
    return out


def _ic(a: list[Fr], g: list[Fr], P: list[Fr]) -> bool:
    """Def. 2.2.1 exactly: a type v in cell i gets g_i v - P_i and may report into any cell j (payoff g_j v - P_j,
    constant payment within a cell); both sides are linear in v on a cell, so the cell ends decide."""
    return all((g[i] - g[j]) * x >= P[i] - P[j] for i in range(len(g)) for x in (a[i], a[i + 1]) for j in range(len(g)))


def _prop221() -> tuple[bool, str]:
    rng = random.Random(221)
    counts = {"monotone + envelope": 0, "drop + envelope": 0, "monotone + off-envelope": 0, "drop + any": 0}
    for trial in range(60):
        kind = trial % 4
        a, g = _cells(rng, monotone=kind in (0, 2))
        m0 = Fr(rng.randint(-4, 4), 8)
        P = _envelope(a, g, m0)
        if kind == 2:                         # add a non-constant step h = eta 1{v >= a_i} to the payment
            i = rng.randrange(1, len(g)) if len(g) > 1 else None
            if i is None:
                a, g = [Fr(0), Fr(1, 2), Fr(1)], [g[0], g[0]]
                P, i = _envelope(a, g, m0), 1
            eta = Fr(rng.choice([-3, -2, -1, 1, 2, 3]), 16)
            P = [p + (eta if k >= i else 0) for k, p in enumerate(P)]
        if kind == 3:                         # any payments at all
            P = [Fr(rng.randint(-8, 8), 8) for _ in g]
        monotone = all(x <= y for x, y in itertools.pairwise(g))
        envelope = all(p - e == P[0] - _envelope(a, g, m0)[0] for p, e in zip(P, _envelope(a, g, m0)))
        if monotone != (kind in (0, 2)) or (kind == 2 and envelope) or (kind == 0 and not envelope):
            return False, f"trial {trial}: the seeded rule is not of its kind ({list(counts)[kind]})"
        if _ic(a, g, P) != (monotone and envelope):
            return False, f"trial {trial}: cuts {a}, q {g}, payments {P}: IC = {_ic(a, g, P)}, monotone {monotone}, envelope {envelope}"
        counts[list(counts)[kind]] += 1
    return True, ("60 seeded step rules on [0, 1] (" + ", ".join(f"{n} {k}" for k, n in counts.items())
                  + "): IC (decided exactly) iff q non-decreasing and m = m(0) + q v - int_0^v q")


# ---------------------------------------------------------------------------------------------------------
# Def. 2.2.2: IR without loss (q' = q 1{u >= 0}) on a finite type set
# ---------------------------------------------------------------------------------------------------------

def _ir_wlog() -> tuple[bool, str]:
    rng = random.Random(222)
    types = [(Fr(i, 4), Fr(j, 4)) for i in range(5) for j in range(5)]
    n = 0
    for _ in range(25):
        menu = [((Fr(rng.randint(0, 4), 4), Fr(rng.randint(0, 4), 4)), Fr(rng.randint(-2, 10), 4)) for _ in range(4)]
        u = lambda t, o: o[0][0] * t[0] + o[0][1] * t[1] - o[1]            # noqa: E731
        choice = {t: max(menu, key=lambda o: u(t, o)) for t in types}      # an IC direct mechanism (q, m)
        if all(u(t, choice[t]) >= 0 for t in types):
            continue                                                         # already IR: nothing to show
        zero = ((Fr(0), Fr(0)), Fr(0))
        new = {t: choice[t] if u(t, choice[t]) >= 0 else zero for t in types}   # q' = q 1{u >= 0}, m' = m 1{u >= 0}
        for t in types:
            if u(t, new[t]) < 0:
                return False, f"IR fails at {t}"
            if u(t, new[t]) != max(u(t, choice[t]), 0):
                return False, f"the outcome with walk-away changes at {t}"
            for s in types:
                if u(t, new[s]) > u(t, new[t]):
                    return False, f"IC fails: type {t} gains by reporting {s} under (q', m')"
        n += 1
    return n > 0, (f"{n} seeded IC lottery menus on {{0,1/4,..,1}}^2 that violate IR: (q 1{{u>=0}}, m 1{{u>=0}}) is IC "
                   "and IR, and every type's utility is the original one with the walk-away option (u^+)")


# ---------------------------------------------------------------------------------------------------------
# Def. 2.2.3: a posted price mechanism is IR iff p_S <= 0 for some bundle S
# ---------------------------------------------------------------------------------------------------------

def _posted_ir() -> tuple[bool, str]:
    rng = random.Random(223)
    n = {True: 0, False: 0}
    for J in (1, 2, 3):
        vbar = tuple(Fr(rng.randint(2, 6), 2) for _ in range(J))
        for _ in range(12 if J < 3 else 3):
            menu = {S: Fr(rng.randint(-3, 12), 4) for S in bundles(J)}
            ir = min_utility(menu, vbar) >= 0          # inf_v max_S 1_S.v - p_S, over the box (exact vertices)
            pred = min(menu.values()) <= 0
            if ir != pred:
                return False, f"J = {J}, prices {({tuple(sorted(S)): str(p) for S, p in menu.items()})}: IR {ir}, min p_S <= 0 {pred}"
            n[ir] += 1
    return n[True] > 0 and n[False] > 0, (f"{sum(n.values())} seeded menus on 1-3 items ({n[True]} IR, {n[False]} not): "
                                          "IR (least utility over the box, exact) iff min_S p_S <= 0")


# ---------------------------------------------------------------------------------------------------------
# Rem. 2.2.1 / (2.2): an exact saddle point of the grid game
# ---------------------------------------------------------------------------------------------------------

def _grid_saddle() -> tuple[bool, str]:
    vbar, c, n = (1,), (Fr(1, 5),), 8
    grids = cost_grid(vbar, c, n)
    lp, pts = single_buyer_lp(grids, c)
    res = solve_exact(lp)
    if not res.certified:
        return False, "no exact certificate for (2.6)"
    z = res.verify()
    J = 1
    alpha = [-res.dual_ub[2 * a] for a in range(len(pts))]          # multipliers of the regret rows (dual (2.7))
    x = res.primal
    q = [[x[1 + a * (J + 1) + j] for j in range(J)] for a in range(len(pts))]
    m = [x[1 + a * (J + 1) + J] for a in range(len(pts))]
    reg = [sum(max(v[j] - c[j], 0) for j in range(J)) - m[a] + sum(q[a][j] * c[j] for j in range(J))
           for a, v in enumerate(pts)]
    if min(alpha) < 0 or sum(alpha) != 1:
        return False, f"nature's dual weights are not a distribution: {alpha}"
    expected = sum(al * r for al, r in zip(alpha, reg))
    # the seller's best response to alpha: min_{(q, m) IC, IR on V_n} E_alpha[regret]
    cost = [Fr(0)] * len(lp.c)
    const = Fr(0)
    for a, v in enumerate(pts):
        cost[1 + a * (J + 1) + J] = -alpha[a]
        for j in range(J):
            cost[1 + a * (J + 1) + j] = alpha[a] * c[j]
        const += alpha[a] * sum(max(v[j] - c[j], 0) for j in range(J))
    keep = [i for i in range(len(lp.A_ub)) if not (i < 2 * len(pts) and i % 2 == 0)]
    br = solve_exact(LinearProgram(cost, [lp.A_ub[i] for i in keep], [lp.b_ub[i] for i in keep], bounds=lp.bounds))
    if not br.certified:
        return False, "no exact certificate for the seller's best response"
    best = br.verify() + const
    ok = max(reg) == z == expected == best
    return ok, (f"v_bar = 1, c = 1/5, n = {n}: z_n = {z} = max_v regret of the LP mechanism = {max(reg)}; nature's "
                f"dual weights alpha (a distribution on V_n) give expected regret {expected}; the seller's best "
                f"response to alpha earns {best}: a saddle point, so the mixed game (2.2) has the value of (2.1) on V_n")


def _close(expr, printed: str) -> tuple[bool, str]:
    """|expr - printed| <= one unit of the printed last digit, decided with arb balls (rigorous)."""
    tol = sp.Rational(1, 10 ** len(printed.split(".")[1]))
    val = Rational(printed)
    ok = arb_sign(expr - val - tol) < 0 and arb_sign(expr - val + tol) > 0
    return ok, f"{printed} (printed) vs {sp.N(expr, 35)}"


def _reg_eq23() -> tuple[bool, str]:
    vb, c, x = 1, Rational(1, 5), Rational(4, 5)
    q, m = allocation(x, vb, c), payment(x, vb, c)
    checks = [_close(q, "0.712317927548219072560780994006"), _close(m, "0.448160032572489957235737182672"),
              _close((x - c) - m + c * q, "0.294303552937153857276419016129")]
    return all(ok for ok, _ in checks), "; ".join(f"{n}: {why}" for n, (_, why) in zip(("q", "m", "regret"), checks))


# ---------------------------------------------------------------------------------------------------------
# the claims
# ---------------------------------------------------------------------------------------------------------

def _eq24(J: int) -> Identity:
    """(2.4) with J items: the model's ex-post regret of a separable mechanism is the sum of the per-item regrets."""
    vs, cs, qs, ms = (sp.symbols(f"{x}1:{J + 1}", real=True) for x in ("v", "c", "q", "m"))
    rr = lambda vv, cc, qq, mm: sp.Max(vv - cc, 0) - mm + qq * cc        # noqa: E731
    over = [(x, 0, 200) for x in vs] + [(x, 0, 100) for x in cs] + [(x, 0, 1) for x in qs] + [(x, -100, 100) for x in ms]
    return Identity(f"eq24_regret_separates.J{J}", lhs=Regret(costs=tuple(cs)).payoff(vs, qs, sp.Add(*ms)),
                    rhs=sp.Add(*[rr(*t) for t in zip(vs, cs, qs, ms)]), over=over, source=_src("eq. (2.4)"))


def _u(vals, prices, S):
    """The buyer's utility 1_S.v - p_S for a bundle S (tuple of item indices) of the menu ``prices``."""
    return sp.Add(*[vals[j] for j in S]) - prices[S]


def _fig21_parts(prefix: str, p12, vv):
    menu = {(): 0, (0,): p1, (1,): p2, (0, 1): p12}
    u1 = _u(vv, menu, (0,))
    return [Inequality(f"{prefix}.over_empty", lhs=u1, rhs=_u(vv, menu, ()), rel=">=", source=_src("Fig. 2.1")),
            Inequality(f"{prefix}.over_item2", lhs=u1, rhs=_u(vv, menu, (1,)), rel=">=", source=_src("Fig. 2.1")),
            Inequality(f"{prefix}.over_both", lhs=u1, rhs=_u(vv, menu, (0, 1)), rel=">=", source=_src("Fig. 2.1"))]


def _claims() -> list:
    P1, D1, D3, R1 = _src("Prop. 2.2.1"), _src("Def. 2.2.1"), _src("Def. 2.2.3"), _src("Remark 2.2.1")
    gap_vw = (qv * v - mv) - (qw * v - mw)          # type v: truth minus report w (Def. 2.2.1, J = 1)
    gap_wv = (qw * w - mw) - (qv * w - mv)
    gap2_vw = (s1 * v1 + s2 * v2 - mv) - (s1 * v1 + s2 * v2 - mw)      # same bundle (s1, s2) at v and w
    gap2_wv = (s1 * w1 + s2 * w2 - mw) - (s1 * w1 + s2 * w2 - mv)
    # Fig. 2.1's item-1 rule: v_1 >= p_1 and v_2 < p_{1,2} - p_1 (written v_1 = p_1 + x1, v_2 = y2 (p_{1,2} - p_1))
    markup = p1 + p2 + mk
    discount = p1 + (1 - th) * p2
    menu_m = {(): 0, (0,): p1, (1,): p2, (0, 1): markup}
    vm = (p1 + x1, y2 * (markup - p1))
    # Rem. 2.2.1: the regret of (2.3) at 0, at x/2 and at the threshold x = c + d/e, with c = kappa d >= d/e
    c = (1 / E + ka) * d
    (q_low, _a, _b), _ = mechanism_2_3(v, c + d, c)[0].segments()
    (m_low, _a, _b), _ = mechanism_2_3(v, c + d, c)[1].segments()
    r_low = sp.Max(v - c, 0) - m_low + c * q_low
    x = threshold(c + d, c)
    r_at = lambda pt: r_low.subs(v, pt)                       # noqa: E731
    r_top = sp.Max(x - c, 0) - payment(x, c + d, c) + c * allocation(x, c + d, c)
    return [
        Identity("prop221_ic_pair_sum", lhs=gap_vw + gap_wv, rhs=(qv - qw) * (v - w), source=f"{P1}; {D1}",
                 over=_over(v, w, qv, qw, mv, mw),
                 model_free="algebra of the IC constraints of Def. 2.2.1: holds for any allocations and payments",
                 statement=r"[u(v|v) - u(v|w)] + [u(w|w) - u(w|v)] = (q(v) - q(w))(v - w),\ u(v|w) = q(w)v - m(w)",
                 note="necessity of (i): both IC gaps are >= 0, so (q(v) - q(w))(v - w) >= 0, whatever the payments"),
        ExactCheck("prop221_iff_on_step_rules", compute=_prop221, source=f"{P1}; {D1}",
                   statement=r"\text{IC} \iff q \text{ non-decreasing and } m(v) = m(0) + q(v)v - \int_0^v q "
                             r"\text{ (60 seeded step rules, exact)}",
                   note="four kinds of rule: monotone + envelope (IC), a drop + envelope, monotone + a payment step, "
                        "a drop + any payments (not IC); a step rule's IC is decided exactly at the cell ends"),
        Identity("eq214_same_bundle_same_payment", lhs=gap2_vw, rhs=-gap2_wv, source=_src("eq. (2.14), Def. 2.2.1"),
                 over=_over(v1, v2, w1, w2, s1, s2, mv, mw),
                 model_free="algebra of the IC constraints of Def. 2.2.1 for two types with the same bundle",
                 statement=r"s(v) = s(w):\ u(v|v) - u(v|w) = m(w) - m(v) = -(u(w|w) - u(w|v)),\ \text{so IC forces } m(v) = m(w)"),
        AllOf("eq24_regret_separates", source=_src("eq. (2.4), Def. 2.3.1"), parts=[_eq24(J) for J in range(1, 4)],
              statement=r"\mathbf 1^\top(v-c)^+ - (m(v) - q(v)^\top c) = \sum_j r_j(v_j) \text{ for a separable } (q,m),\ J = 1, 2, 3",
              note="the model's regret (Regret.payoff) for J = 1, 2, 3 items with free symbols; for every J by induction: "
                   "the regret is a sum over items, so one more item adds one term r_{J+1} (the step J -> J + 1 is the "
                   "same computation as 1 -> 2)"),
        ExactCheck("def222_ir_without_loss", compute=_ir_wlog, source=_src("Def. 2.2.2"),
                   statement=r"(q',m') = (q\mathbb 1_{u\ge0}, m\mathbb 1_{u\ge0}) \text{ is IC and IR, utility } u^+"),
        ExactCheck("def223_ir_iff_some_price_nonpositive", compute=_posted_ir, source=D3,
                   statement=r"\text{posted prices } p:\ \text{IR} \iff p_S \le 0 \text{ for some } S"),
        Inequality("fig21_item1_rule_as_printed", lhs=_u(vm, menu_m, (0,)), rhs=_u(vm, menu_m, (1,)), rel=">=",
                   source=_src("Fig. 2.1"), expect="fails", corrected="fig21_item1_rule_with_discount",
                   statement=r"v_1 \ge p_{\{1\}},\ v_2 < p_{\{1,2\}} - p_{\{1\}} \Rightarrow \text{the buyer prefers } \{1\} "
                             r"\text{ to } \{2\} \text{ (any prices; here with a bundle markup } p_{\{1,2\}} = p_{\{1\}} + p_{\{2\}} + mk)",
                   note="erratum not in the catalog: with a markup mk > 0 the buyer at v = (p_1, p_2 + mk/2) prefers {2}; "
                        "the caption's rule holds for the drawn prices only if they carry a bundle discount"),
        AllOf("fig21_item1_rule_with_discount", source=_src("Fig. 2.1"),
              parts=_fig21_parts("fig21_item1_rule_with_discount", discount, (p1 + x1, y2 * (discount - p1))),
              statement=r"p_{\{1,2\}} \le p_{\{1\}} + p_{\{2\}}:\ v_1 \ge p_{\{1\}},\ v_2 \le p_{\{1,2\}} - p_{\{1\}} "
                        r"\Rightarrow \{1\} \in \arg\max_S \mathbf 1_S^\top v - p_S"),
        Inequality("rem221_regret_not_concave", lhs=(r_at(0) + r_top) / 2 - r_at(x / 2), rhs=0, rel=">", source=R1,
                   statement=r"c \ge \tfrac{\bar v-c}e:\ \tfrac12(r(0) + r(x)) - r(\tfrac x2) = \tfrac{\bar v-c}{2e} > 0,\ x = c + \tfrac{\bar v-c}e "
                             r"\text{ (nature's pure problem is non-concave)}",
                   note="r is the ex-post regret of (2.3) (the model's pieces); c = (1/e + kappa) d with kappa >= 0"),
        ExactCheck("rem221_grid_saddle_point", compute=_grid_saddle, source=f"{R1}, eqs. (2.2), (2.6)-(2.7)",
                   statement=r"\text{on } \mathcal V_8:\ \min_{(q,m)}\max_{\mathbb P} = \max_{\mathbb P}\min_{(q,m)} = \max_v "
                             r"\text{ regret of the LP optimum (exact)}"),
        # regression values of the catalog (spec 003 part B, Sec. 3 and Sec. 5.3)
        ExactCheck("reg_eq23_at_v08", compute=_reg_eq23, source=f"{_src('eq. (2.3), Lemma 2.3.1')}; {SPEC}, Sec. 3 (regression)",
                   statement=r"\bar v = 1, c = 0.2, v = 0.8:\ \hat q = 0.71231792754\ldots,\ \hat m = 0.44816003257\ldots,\ "
                             r"\text{regret} = 0.29430355293\ldots = 0.8/e \text{ (30 printed digits each)}"),
        LPBracket("reg_lp26_v1_c0_n12", lp=lambda: solve_single_buyer((1,), (0,), 12),
                  lower=sp.Rational("0.34161556036556"), upper=sp.Rational("0.34161556036557"),
                  source=f"{_src('eqs. (2.5)-(2.6)')}; {SPEC}, Sec. 5.3 (regression)",
                  statement=r"z^\star_{12} = 0.3416155603655604 \ (\bar v = 1, c = 0)"),
        LPBracket("reg_lp26_v1_c0_n50", lp=lambda: solve_single_buyer((1,), (0,), 50),
                  lower=sp.Rational("0.36155695885058"), upper=sp.Rational("0.36155695885059"),
                  source=f"{_src('eqs. (2.5)-(2.6)')}; {SPEC}, Sec. 5.3 (regression)",
                  statement=r"z^\star_{50} = 0.36155695885058237 \ (\bar v = 1, c = 0)"),
    ]


DERIVATION = Derivation(
    name="thesis_ch2_model",
    title="Koçyiğit (2020) Ch. 2, Sec. 2.2: IC and IR (Defs. 2.2.1-2.2.2, Prop. 2.2.1), posted prices (Def. 2.2.3, "
          "Fig. 2.1), Rem. 2.2.1 and the catalog's regression values",
    scope=SCOPE,
    claims=_claims(),
    model=(r"v\in\mathcal V=\times_j[0,\bar v_j],\ (q,m) \text{ direct},\ u(v|w) = q(w)^\top v - m(w),\ \text{IC: } "
           r"u(v|v)\ge u(v|w),\ \text{IR: } u(v|v)\ge 0;\ \text{posted prices } p\in\mathbb R^{2^J}"),
    references=(PAPER + ", Ch. 2 (Koçyiğit, Rujeerapaiboon, Kuhn: Robust multidimensional pricing: "
                "separation without regret, Math. Programming 2022)",
                "Myerson and Satterthwaite, 'Efficient mechanisms for bilateral trading' (1983)"),
)

if __name__ == "__main__":  # pragma: no cover
    print(DERIVATION.verify(digits=50))
