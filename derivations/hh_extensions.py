"""Haghpanah and Hartline, 'When Is Pure Bundling Optimal?' (2020): the partial converse of Sec. 4.3
(Def. 3, Prop. 2 and the algebra of its proof, App. A.4, with the spec's gap G11), the extensions of
Sec. 5 (costs: fn. 4, fn. 5, Prop. 3, Cor. 1; qualities: Cor. 2; multi-unit demand), the interpretations
of Sec. 6 (top-up margins, fn. 7, the parametric example, with the spec's gap G10, and the independent
added value of fn. 9, which is false: erratum X1), and the robustness question of Sec. 7 (spec
conjecture C3) on exact finite instances.
"""
from __future__ import annotations

from fractions import Fraction as Fr

import sympy as sp

from derivations._hh_common import B1, B2, B12, PAPER, four_types, parametric_path, src
from symmech import AllOf, Derivation, Identity, Inequality, Scope
from symmech.models.multigood.bundling import (
    FiniteLaw,
    LotteryMenu,
    Valuation,
    all_bundles,
    grand,
    law_from_profiles,
    proper_bundles,
)
from symmech.models.multigood.bundling_density import IIDDensity, conditional_share_survival
from symmech.models.multigood.bundling_lp import FiniteFact, PBOptimalLP, best_pb_profit, optimal_revenue
from symmech.models.multigood.stochastic_order import stochastically_nondecreasing, survival_ordered

SCOPE = Scope()
p, a, cc, eps, f0 = sp.symbols("p a c epsilon f_0", positive=True)
w, al = sp.symbols("w alpha", nonnegative=True)
dl, tau = sp.symbols("delta tau", real=True)
x, r, rp, s, sp_, pr, prp, c0, vh = sp.symbols("x r r' s s' p_1 p_2 c vhat", nonnegative=True)
m_, t_ = sp.symbols("m t", positive=True)


# ---- Def. 3 on finite conditional laws ------------------------------------------------------------------------
def _def3_finite(cond, delta) -> tuple[bool, str]:
    """Def. 3 for a scalar x with finitely supported conditional laws ``cond[y] = {x: prob}``, with the slack
    ``delta(y, y')``: Pr[x >= xbar | y] >= Pr[x >= xbar - delta | y'] for all y < y' and all xbar (both sides are
    step functions of xbar; checked at every breakpoint and between them, exactly)."""
    ys = sorted(cond)
    pairs = 0
    for i, y in enumerate(ys):
        for y2 in ys[i + 1:]:
            d = delta(y, y2)
            lo, hi = cond[y], cond[y2]
            pts = sorted(set(lo) | {xv + d for xv in hi})
            tests = pts + [(u + v) / 2 for u, v in zip(pts, pts[1:])] + [pts[0] - 1, pts[-1] + 1]
            for xb in tests:
                L = sum((q for xv, q in lo.items() if xv >= xb), Fr(0))
                R = sum((q for xv, q in hi.items() if xv >= xb - d), Fr(0))
                if L < R:
                    return False, f"y = {y} < y' = {y2}, delta = {d}, xbar = {xb}: Pr[x >= xbar | y] = {L} < {R}"
            pairs += 1
    return True, f"Pr[x >= xbar | y] >= Pr[x >= xbar - delta | y'] at all {pairs} pairs y < y' and every xbar"


def X_FN3(y):
    """Footnote 3's example: x = -y (a point mass given y)."""
    return -y


def _fn3() -> tuple[bool, str]:
    ys = [Fr(k, 4) for k in range(9)]
    cond = {y: {X_FN3(y): Fr(1)} for y in ys}
    return _def3_finite(cond, lambda y, y2: y2 - y)


def _uniform():
    return IIDDensity(sp.Integer(1), sp.Symbol("x", positive=True), 0, 1)


def _share_survival(dens: IIDDensity, sv, c):
    """Pr[r_1 >= c | s = sv] for a symbolic c in the share's conditional support (exact integral of the model's joint
    density J(s, r) = s f(r s) f((1 - r) s)); returns (value, rlo, rhi)."""
    J, s_, (r_,) = dens.joint()
    sv = sp.nsimplify(sv)
    rlo = sp.Max(dens.lo / sv, 1 - (dens.hi / sv if dens.hi is not sp.oo else 1))
    rhi = sp.Min(1 - dens.lo / sv, dens.hi / sv if dens.hi is not sp.oo else 1)
    Js = J.subs(s_, sv)
    return sp.simplify(sp.integrate(Js, (r_, c, rhi)) / sp.integrate(Js, (r_, rlo, rhi))), rlo, rhi


def _def3_uniform() -> tuple[bool, str]:
    """Def. 3 for r_1 given s on U[0,1]^2 at s = 1/4 < s' = 1/2, xbar = 1/2: is there a delta > 0 with
    Pr[r >= 1/2 | 1/4] >= Pr[r >= 1/2 - delta | 1/2]?  Decided exactly: the right side is computed for symbolic delta
    in (0, 1/2] (it is non-decreasing in delta, and = 1 for delta >= 1/2), and the set of good delta is solved."""
    dens = _uniform()
    d = sp.Symbol("delta", positive=True)
    lhs = conditional_share_survival(dens, sp.Rational(1, 4), sp.Rational(1, 2))
    rhs, rlo, _ = _share_survival(dens, sp.Rational(1, 2), sp.Rational(1, 2) - d)      # valid for 1/2 - d >= rlo = 0
    good = sp.solveset(sp.Ge(lhs, rhs), d, sp.Interval.Lopen(0, sp.Rational(1, 2)))
    top = _share_survival(dens, sp.Rational(1, 2), rlo)[0]                              # delta >= 1/2: all mass
    exists = good != sp.S.EmptySet or lhs >= top
    return exists, (f"Pr[r >= 1/2 | s = 1/4] = {lhs}; Pr[r >= 1/2 - delta | s = 1/2] = {rhs} for delta in (0, 1/2] "
                    f"and {top} beyond; the deltas that work: {good}")


def _r3_laws_equal() -> tuple[bool, str]:
    """Spec R3: on U[0,1]^2 the share given s is U[0, 1] for every s <= 1, so the conditional laws at s = 1/4 and
    s = 1/2 coincide (Pr[r >= c | s] = 1 - c for symbolic c in [0, 1])."""
    dens = _uniform()
    c = sp.Symbol("c", real=True)
    rows = [(sv, *_share_survival(dens, sv, c)) for sv in (sp.Rational(1, 4), sp.Rational(1, 2))]
    ok = all(sp.simplify(v - (1 - c)) == 0 and (lo, hi) == (0, 1) for _, v, lo, hi in rows)
    return ok, "; ".join(f"s = {sv}: Pr[r >= c | s] = {v} on [{lo}, {hi}]" for sv, v, lo, hi in rows)


# ---- Prop. 2 (App. A.4) on a concrete upper boundary vbar(b, v) = c v^a and a locally constant density f_0 ------------
def vbar(z):
    return cc * z**a


def _delta_prime():
    """Implicit differentiation of delta - p = vbar(delta) - vbar(p - eps) at eps = 0 (delta(0) = p)."""
    dd = sp.Symbol("Delta", positive=True)
    G = dd - p - vbar(dd) + vbar(p - eps)
    return (-sp.diff(G, eps) / sp.diff(G, dd)).subs({eps: 0}).subs(dd, p)


def _gain_loss_second_derivatives():
    """PB at p plus b at vbar(p - eps).  Gain: types with s in [p - eps, p] and v(b) in [vbar(p - eps), vbar(s)] now buy b,
    paying vbar(p - eps); loss: types with s in [p, delta(eps)] and v(b) above s - p + vbar(p - eps) switch from b* to b,
    losing p - vbar(p - eps).  Both as exact integrals of f_0 (the inner v-integral done); their second eps-derivatives at 0 by Leibniz' rule
    (delta(0) = p, delta'(0) from the indifference curve); the first derivatives vanish at 0."""
    sv = sp.Symbol("s_int", positive=True)
    D = sp.Function("D")(eps)
    gain = vbar(p - eps) * sp.Integral(f0 * (vbar(sv) - vbar(p - eps)), (sv, p - eps, p))
    loss = (p - vbar(p - eps)) * sp.Integral(f0 * (vbar(sv) - (sv - p + vbar(p - eps))), (sv, p, D))
    dprime = _delta_prime()

    def at0(e, k):
        e = sp.diff(e, eps, k)
        e = e.subs(sp.Derivative(D, (eps, 2)), sp.Symbol("D2")).subs(sp.Derivative(D, eps), dprime).subs(D, p)
        return sp.simplify(e.subs(eps, 0).doit())

    return at0(gain, 1), at0(loss, 1), at0(gain, 2), at0(loss, 2)


GAIN1, LOSS1, GAIN2, LOSS2 = _gain_loss_second_derivatives()
VB, DVB = vbar(p), sp.diff(vbar(p), p)
PROP2_OVER = [(p, 1, 2), (a, sp.Rational(1, 4), sp.Rational(3, 4)), (cc, sp.Rational(1, 10), sp.Rational(1, 2))]
u_ = sp.Symbol("u", positive=True)          # rbar(b, p) = vbar(p) / p, i.e. c = u p^(1 - a)
RATIO_U = sp.factor(sp.simplify(sp.powsimp(sp.expand_power_base((GAIN2 / LOSS2).subs(cc, u_ * p**(1 - a)), force=True),
                                           force=True)))

# ---- Sec. 6: the parametric example ------------------------------------------------------------------------------
V1, V2, VSTAR = w, al * w, (1 + al) * w + dl       # v({1}), v({2}), v(b*)
R1 = V1 / VSTAR                                     # r({1}, t)

def _r5_negative() -> tuple[bool, str]:
    law = parametric_path("-1/2")
    pb, prices = law.best_pure_bundling()
    lp = optimal_revenue(law).verify()
    return pb == Fr(171, 110) and prices == (Fr(19, 10),) and lp == Fr(87, 55), \
        f"PB = {pb} at P = {list(map(str, prices))}; LP* = {lp} (spec R5)"


def _cost_law():
    return four_types("0.3", "0.6", "0.5")


COSTS = {b: Fr(1, 10) for b in all_bundles(2) if b}


def _prop3_condition() -> tuple[bool, str]:
    """The transformed relative values (v(b) - c(b)) / (v(b*) - c(b*)) are stochastically non-decreasing
    in v(b*) - c(b*) (Prop. 3's hypothesis), exactly by the coupling LP."""
    law = _cost_law()
    cond: dict = {}
    marg: dict = {}
    for t, m in zip(law.types, law.probs):
        sv = t.s - COSTS[grand(2)]
        marg[sv] = marg.get(sv, Fr(0)) + m
    for t, m in zip(law.types, law.probs):
        sv = t.s - COSTS[grand(2)]
        prof = tuple((t.values[b] - COSTS[b]) / sv for b in proper_bundles(2))
        dd = cond.setdefault(sv, {})
        dd[prof] = dd.get(prof, Fr(0)) + m / marg[sv]
    res = stochastically_nondecreasing(cond)
    return bool(res.holds), res.describe()


def _multi_unit() -> tuple[bool, str]:
    """Multi-unit demand via copies 1a, 1b of good 1 (goods 1, 2, 3 = 1a, 1b, 2): v({1a}) = v({1b}),
    v({1a,2}) = v({1b,2}); a ratio-monotone two-type path: LP* = PB."""
    def typ(sv):
        sv = Fr(sv)
        one, two = sv * Fr(sv, 8), sv * Fr(sv, 10)          # relative values grow with s
        vals = {frozenset({1}): one, frozenset({2}): one, frozenset({3}): two,
                frozenset({1, 2}): sv * Fr(sv, 5), frozenset({1, 3}): sv * Fr(sv, 4), frozenset({2, 3}): sv * Fr(sv, 4),
                frozenset({1, 2, 3}): sv}
        return Valuation(3, vals)
    law = FiniteLaw([typ(1), typ(2), typ(3)], [Fr(1, 3), Fr(1, 3), Fr(1, 3)])
    sym = all(t.values[frozenset({1})] == t.values[frozenset({2})] and
              t.values[frozenset({1, 3})] == t.values[frozenset({2, 3})] for t in law.types)
    lp = optimal_revenue(law).verify()
    pb, _ = law.best_pure_bundling()
    return sym and lp == pb, f"copies symmetric: {sym}; LP* = {lp}; PB = {pb}"


def _perturbed_r4(eta, up: bool) -> FiniteLaw:
    """R4 with mass eta moved in each s-level between the extreme shares: towards r_1 = 0.9 at high s and
    towards 0.1 at low s (up=True: r_1 increasing in s), or the reverse (up=False)."""
    from symmech.models.multigood.bundling import additive_law
    S = [Fr(kk, 2) for kk in range(1, 9)]
    W = [Fr(v, 100) for v in (8, 15, 17, 16, 14, 12, 10, 8)]
    R = [Fr(v, 10) for v in (1, 3, 5, 7, 9)]
    eta = Fr(eta)
    atoms = []
    for i, (sv, wv) in enumerate(zip(S, W)):
        shift = eta * (Fr(2 * i, len(S) - 1) - 1) * (1 if up else -1)     # from -eta to +eta across levels
        probs = [Fr(1, 5)] * 5
        probs[0] -= shift
        probs[-1] += shift
        atoms += [((sv * rv, sv * (1 - rv)), wv * pv) for rv, pv in zip(R, probs)]
    return additive_law(atoms)


def _fn7() -> tuple[bool, str]:
    """Types with equal relative values r, base values s < s', choosing (b, p) and (b', p'): the two IC
    constraints sum to (s - s')(r(b) - r(b')) (exact SymPy expand; all symbols free)."""
    ic_t = (s * r - pr) - (s * rp - prp)
    ic_tp = (sp_ * rp - prp) - (sp_ * r - pr)
    diff = sp.expand(ic_t + ic_tp - (s - sp_) * (r - rp))
    return diff == 0, f"IC(t) + IC(t') - (s - s')(r(b) - r(b')) expands to {diff}"


def _prop2_law() -> FiniteLaw:
    """A discrete analogue of Prop. 2: s uniform on {1, 5/4, ..., 2}; r({1}) uniform on three points below the
    upper boundary rbar(s) = 4/5 - (s - 1)/5, which strictly decreases (v({2}) = 0)."""
    atoms = []
    for sv in [Fr(kk, 4) for kk in range(4, 9)]:
        rbar = Fr(4, 5) - (sv - 1) / 5
        atoms += [(sv, {B1: rbar - Fr(kk, 10)}, Fr(1, 15)) for kk in range(3)]
    return law_from_profiles(2, atoms)


def _prop2_def3() -> tuple[bool, str]:
    """Def. 3 on the discrete analogue, r = r({1}, t) given s: with delta = (s' - s)/5 (the drop of rbar between s and
    s'), Pr[r >= xbar | s] >= Pr[r >= xbar - delta | s'] for all s < s' and all xbar."""
    cond = {sv: {prof[0]: q for prof, q in law.items()} for sv, law in _prop2_law().conditional_profiles().items()}
    return _def3_finite(cond, lambda y, y2: (y2 - y) / 5)


def _prop2_menu() -> tuple[bool, str]:
    """Prop. 2's deviation on the discrete analogue: pure bundling plus the bundle {1} (b* at P, {1} at x; P on the
    grid k/80 in [1, 2], x in the support of v({1})), types choosing (seller-favourable ties).  The best such menu is
    compared with the best pure bundling (no LP involved)."""
    law = _prop2_law()
    pb, _ = law.best_pure_bundling()
    xs = sorted({t.values[B1] for t in law.types})
    best, arg = Fr(0), None
    for k in range(80, 161):
        P = Fr(k, 80)
        for xv in xs:
            rev = LotteryMenu([({grand(2): 1}, P), ({B1: 1}, xv)]).revenue(law)
            if rev > best:
                best, arg = rev, (P, xv)
    return best > pb, f"best menu {{b* at {arg[0]}, {{1}} at {arg[1]}}} earns {best} > PB = {pb}"


def _fn4() -> tuple[bool, str]:
    """Fn. 4 on the cost instance: the exact profit LP with costs c(b) equals the exact revenue LP of the transformed
    values v~(b, t) = v(b, t) - c(b) (p~ = p - E c), and so do the best pure-bundling profit and revenue."""
    law = _cost_law()
    tl = FiniteLaw([Valuation(2, {b: t.values[b] - COSTS[b] for b in all_bundles(2) if b}) for t in law.types],
                   law.probs)
    prof = optimal_revenue(law, COSTS).verify()
    rev = optimal_revenue(tl).verify()
    pbp, _ = best_pb_profit(law, COSTS[grand(2)])
    pbr, _ = tl.best_pure_bundling()
    return prof == rev and pbp == pbr, f"profit LP* = {prof}, transformed revenue LP* = {rev}; PB: {pbp} vs {pbr}"


def _cor1_map() -> tuple[bool, str]:
    """Cor. 1's map on the cost instance (c(b) = c = 1/10 for every non-empty b): for every type and proper bundle the
    transformed relative value (v(b) - c) / (v(b*) - c), computed from the values, equals (r (vhat + c) - c) / vhat with
    r = r(b, t) and vhat = v~(b*, t) = v(b*, t) - c."""
    c = COSTS[grand(2)]
    n = 0
    for t in _cost_law().types:
        vhat = t.s - c
        for b in proper_bundles(2):
            direct = (t.values[b] - COSTS[b]) / (t.s - COSTS[grand(2)])
            rr = t.values[b] / t.s
            if direct != (rr * (vhat + c) - c) / vhat:
                return False, f"type {t}, bundle {sorted(b)}: {direct} != {(rr * (vhat + c) - c) / vhat}"
            n += 1
    return True, f"{n} (type, bundle) pairs: (v(b) - c)/(v(b*) - c) = (r (vhat + c) - c)/vhat exactly"


VT_COR2 = m_ + t_         # a log-submodular v~(m, t) (qualities m in [1, 3], top quality n = 3)


# ---- spec gap G11: the proof of Prop. 2 under weaker hypotheses --------------------------------------------------
def _gain_loss_at0(vb, vanishing: bool = False):
    """Second eps-derivatives at 0 of the gain and the loss of A.4 for an upper boundary ``vb`` (z -> vbar(b, z)) and a
    joint density near the boundary equal to f_0 (``vanishing=False``) or f_0 (vbar(v) - z) (zero on the boundary:
    'continuous' allows it); delta'(0) by implicit differentiation of delta - p = vbar(delta) - vbar(p - eps)."""
    sv, dd = sp.Symbol("s_int", positive=True), sp.Symbol("Delta", positive=True)
    D = sp.Function("D")(eps)

    def inner(lo, hi):                  # int_lo^hi density dz with hi = vbar(v) the upper boundary
        return f0 * (hi - lo)**2 / 2 if vanishing else f0 * (hi - lo)

    gain = vb(p - eps) * sp.Integral(inner(vb(p - eps), vb(sv)), (sv, p - eps, p))
    loss = (p - vb(p - eps)) * sp.Integral(inner(sv - p + vb(p - eps), vb(sv)), (sv, p, D))
    Gimp = dd - p - vb(dd) + vb(p - eps)
    dprime = (-sp.diff(Gimp, eps) / sp.diff(Gimp, dd)).subs(eps, 0).subs(dd, p)

    def at0(e):
        e = sp.diff(e, eps, 2)
        e = e.subs(sp.Derivative(D, (eps, 2)), sp.Symbol("D2")).subs(sp.Derivative(D, eps), dprime).subs(D, p)
        return sp.simplify(e.subs(eps, 0).doit())

    return at0(gain), at0(loss)


def _g11_flat_derivative() -> tuple[bool, str]:
    """(iii): rbar(b, v) = u - (v - p)^3 is strictly decreasing, but d_2 vbar(b, p) = u = vbar(b, p)/p, so (22) has no
    strict slack: is grad_+''(0) > grad_-''(0)?"""
    g2, l2 = _gain_loss_at0(lambda z: z * (u_ - (z - p)**3))
    d = sp.simplify(g2 - l2)
    return bool(d.is_positive), f"grad_+''(0) = {g2}, grad_-''(0) = {l2}, difference {d}"


def _g11_vanishing_density() -> tuple[bool, str]:
    """(i): the density vanishing on the upper boundary (f_0 (vbar(v) - z)): is grad_+''(0) > grad_-''(0)?"""
    g2, l2 = _gain_loss_at0(vbar, vanishing=True)
    d = sp.simplify(g2 - l2)
    return bool(d.is_positive), f"grad_+''(0) = {g2}, grad_-''(0) = {l2}, difference {d}"


E_, P_, A_, C_, F_ = sp.symbols("epsilon_ p_ a_ c_ f_0_")       # plain symbols: the ranges carry the signs
MU_PLUS = F_ * (C_ * (P_**(A_ + 1) - (P_ - E_)**(A_ + 1)) / (A_ + 1) - E_ * C_ * (P_ - E_)**A_)   # (17), vbar = c v^a
GRAD_PLUS = C_ * (P_ - E_)**A_ * MU_PLUS                                                       # grad_+ = vbar(p - eps) mu_+
GRAD2_TRUE = sp.diff(GRAD_PLUS, E_, 2)
GRAD2_PRINTED = sp.diff(C_ * (P_ - E_)**A_, E_, 2) * MU_PLUS + C_ * (P_ - E_)**A_ * sp.diff(MU_PLUS, E_, 2)
G11_OVER = [(P_, 1, 2), (C_, sp.Rational(1, 10), sp.Rational(1, 2)), (F_, 1, 2)]


# ---- fn. 5 (add-ons): bundles without the main product --------------------------------------------------------
def _addon_law():
    """Main product 1 at cost c, add-on 2; v({2}) = 0; profiles r({1}) stochastically non-decreasing in v(b*)."""
    rows = [(1, "0.5", "1/2"), (1, "0.8", "1/2"), (2, "0.6", "1/3"), (2, "0.9", "2/3"), (3, "0.7", "1/4"), (3, "0.9", "3/4")]
    return FiniteLaw([Valuation(2, {B1: Fr(s) * Fr(r), B12: s}) for s, r, _ in rows],
                     [Fr(m) / 3 for *_, m in rows])


def _fn5() -> tuple[bool, str]:
    """Fn. 5: with c({1}) = c({1,2}) = c, charging {2} (value 0) zero cost or c leaves the optimal profit unchanged
    (exact profit LPs), and Cor. 1 applies: both equal the best pure-bundling profit."""
    law = _addon_law()
    c = Fr(1, 5)
    cost0 = {B1: c, B12: c, B2: Fr(0)}
    costc = {B1: c, B12: c, B2: c}
    v0, vc = optimal_revenue(law, cost0).verify(), optimal_revenue(law, costc).verify()
    pb, _ = best_pb_profit(law, c)
    cond = stochastically_nondecreasing(law.conditional_profiles()).holds
    return bool(v0 == vc == pb and cond), (f"profit LP* with c({{2}}) = 0: {v0}; with c({{2}}) = c: {vc}; best PB profit "
                                          f"{pb}; r stochastically non-decreasing in v(b*): {cond}")


# ---- Sec. 6 and fn. 9: independent base and added values (not in the catalog: X1) ---------------------------------
X1_W, X1_D = {1: Fr(1, 2), 2: Fr(1, 2)}, {0: Fr(1, 2), 3: Fr(1, 2)}      # w and delta independent, delta >= 0


def _x1_law(alpha=1) -> FiniteLaw:
    """v({1}) = w, v({2}) = alpha w, v(b*) = (1 + alpha) w + delta with w, delta independent (product law)."""
    types, probs = [], []
    for wv, pw in X1_W.items():
        for dv, pd in X1_D.items():
            types.append(Valuation(2, {B1: wv, B2: alpha * wv, B12: (1 + alpha) * wv + dv}))
            probs.append(pw * pd)
    return FiniteLaw(types, probs)


def _x1_counterexample() -> tuple[bool, str]:
    """The hypotheses of the Sec. 6 sufficient condition hold (w and delta independent, delta >= 0, alpha = 1, b*
    maximal), Thm. 1's condition fails (coupling LP witness), and the exact LP optimum beats pure bundling."""
    law = _x1_law()
    joint = {(t.values[B1], t.s - 2 * t.values[B1]): pr for t, pr in zip(law.types, law.probs)}
    indep = all(joint[(wv, dv)] == X1_W[wv] * X1_D[dv] for wv in X1_W for dv in X1_D)
    cond = stochastically_nondecreasing(law.conditional_profiles())
    lp = optimal_revenue(law).verify()
    pb, prices = law.best_pure_bundling()
    ok = indep and min(X1_D) >= 0 and not cond.holds and lp > pb
    return ok, (f"w, delta independent: {indep}; delta >= 0; Thm. 1's condition: {cond.describe()}; LP* = {lp} > PB = "
                f"{pb} at P in {list(map(str, prices))}")


def _fn9_steps(which: str) -> tuple[bool, str]:
    """Fn. 9's two premises on the X1 law: delta/w stochastically non-increasing in w (the survival functions of
    -delta/w ordered), and w stochastically non-decreasing in the value of the grand bundle."""
    law = _x1_law()
    if which == "delta/w in w":
        cond: dict = {}
        for wv, pw in X1_W.items():
            cond[wv] = {-Fr(dv) / wv: pd for dv, pd in X1_D.items()}
    else:
        marg = law.base_marginal()
        cond = {}
        for t, pr in zip(law.types, law.probs):
            d = cond.setdefault(t.s, {})
            d[t.values[B1]] = d.get(t.values[B1], Fr(0)) + pr / marg[t.s]
    ys = sorted(cond)
    bad = [(str(a), str(b)) for a, b in zip(ys, ys[1:]) if not survival_ordered(cond[a], cond[b])[0]]
    what = "-delta/w given w" if which == "delta/w in w" else "w given v(b*)"
    return not bad, f"conditional laws of {what}: {{{', '.join(f'{k}: {dict((str(x), str(q)) for x, q in v.items())}' for k, v in cond.items())}}}" + (
        f"; not ordered between {bad}" if bad else "; ordered")


def _claims() -> list:
    P2, A4 = src("Prop. 2"), src("Prop. 2, App. A.4")
    S6 = src("Sec. 6")
    return [
        FiniteFact("def3_fn3_example", source=src("Def. 3, fn. 3"), compute=_fn3,
                   statement=r"x=-y,\ \delta=\hat y'-\hat y:\ \Pr[x\ge\bar x\mid\hat y]\ge\Pr[x\ge\bar x-\delta\mid\hat y']"
                             r"\ \forall \hat y<\hat y',\bar x",
                   note="the point-mass conditional laws of x = -y on y in {0, 1/4, ..., 2}, checked through Def. 3's "
                        "probabilities (a model x = y would fail)"),
        FiniteFact("def3_uniform_not_strict", source=src("Def. 3 (spec R3, conjecture C5)"), compute=_def3_uniform,
                   expect="fails", corrected="R3_share_laws_equal_below_one",
                   statement=r"U[0,1]^2:\ \exists\delta>0:\ \Pr[r_1\ge\tfrac12\mid s=\tfrac14]\ge"
                             r"\Pr[r_1\ge\tfrac12-\delta\mid s=\tfrac12]\ (\text{Def. 3 at one point})",
                   note="refuted exactly (no delta > 0 works): the conditional laws are equal for s <= 1, so Prop. 2 does "
                        "not apply; yet PB is not optimal (hh_decomposition R3_mv_menu_beats_pb): Prop. 2 is not "
                        "necessary (C5)"),
        FiniteFact("R3_share_laws_equal_below_one", source=src("Def. 3 (spec R3)"), compute=_r3_laws_equal,
                   statement=r"U[0,1]^2:\ \Pr[r_1\ge c\mid s]=1-c\ (c\in[0,1]) \text{ at } s=\tfrac14 \text{ and } s=\tfrac12"),
        FiniteFact("prop2_discrete_condition", source=P2, expect="fails", corrected="prop2_discrete_def3",
                   compute=lambda: (lambda o: (bool(o.holds), o.describe()))(
                       stochastically_nondecreasing(_prop2_law().conditional_profiles())),
                   statement=r"\bar r(b,\cdot) \text{ strictly decreasing}:\ r \text{ stochastically non-decreasing in } s",
                   note="refuted with the witness upper set of the coupling LP"),
        FiniteFact("prop2_discrete_def3", source=f"{P2}; Def. 3", compute=_prop2_def3,
                   statement=r"\text{discrete analogue}:\ r(\{1\},t) \text{ stochastically decreasing (Def. 3) with } "
                             r"\delta=(s'-s)/5",
                   note="on finite supports Def. 3 with a delta that may depend on xbar only asks for the weak reverse "
                        "order; here one delta (the drop of rbar) works for every xbar"),
        PBOptimalLP("prop2_discrete_pb_optimal", law=_prop2_law, lp_value=Fr(49, 48), source=P2, expect="fails",
                    corrected="prop2_discrete_menu_beats_pb",
                    statement=r"\text{strictly decreasing relative values (discrete analogue)}:\ LP^*=\max_P R_{PB}(P)",
                    note="Prop. 2's conclusion on a finite analogue: LP* = 49/48 > PB = 1 (Prop. 2 itself assumes a "
                         "continuous, interior law; here the PB optimum P in {1, 5/4} is only a discrete analogue)"),
        FiniteFact("prop2_discrete_menu_beats_pb", source=f"{A4}, Fig. 9", compute=_prop2_menu,
                   statement=r"\{b^*@P,\ \{1\}@x\} \text{ (Prop. 2's deviation) earns more than } \max_P R_{PB}(P)",
                   note="the menu is found by a search over prices and its revenue computed from the types' choices, "
                        "independently of the LP"),
        Identity("prop2_delta_prime", lhs=_delta_prime(), rhs=DVB / (1 - DVB), source=f"{A4}, eqs. (21)-(22)", over=PROP2_OVER,
                 statement=r"\delta(\epsilon)-p=\bar v(\delta(\epsilon))-\bar v(p-\epsilon) \Rightarrow "
                           r"\delta'(0)=\tfrac{\partial_2\bar v}{1-\partial_2\bar v}\quad(\bar v = c v^a)"),
        AllOf("prop2_first_order_zero", source=f"{A4}, eqs. (17)-(18), (20), Fig. 9", parts=[
            Identity("prop2_gain_first", lhs=GAIN1, rhs=0, over=PROP2_OVER + [(f0, 1, 2)]),
            Identity("prop2_loss_first", lhs=LOSS1, rhs=0, over=PROP2_OVER + [(f0, 1, 2)])],
              statement=r"\nabla_+'(0)=\nabla_-'(0)=0\ (\bar v=cv^a,\ \text{density } f_0)"),
        Identity("prop2_eq19_gain", lhs=GAIN2, rhs=VB * DVB * f0, source=f"{A4}, eqs. (17)-(19), Fig. 9", over=PROP2_OVER + [(f0, 1, 2)],
                 statement=r"\nabla_+''(0)=\bar v\,\partial_2\bar v\,f_{b^*,b}(p,\bar v)\quad\text{(19)}",
                 note="left side: the second derivative of the exact gain integral (new buyers of b)"),
        Identity("prop2_eq19_loss", lhs=LOSS2, rhs=(p - VB) * (DVB / (1 - DVB)) * DVB * f0, source=f"{A4}, eqs. (19)-(20), Fig. 9",
                 over=PROP2_OVER + [(f0, 1, 2)],
                 statement=r"\nabla_-''(0)=(p-\bar v)\,\delta'(0)\,\partial_2\bar v\,f_{b^*,b}(p,\bar v),\ "
                           r"\delta'(0)=\tfrac{\partial_2\bar v}{1-\partial_2\bar v}\quad\text{(19)}",
                 note="left side: the second derivative of the exact loss integral (switchers from b* to b)"),
        Identity("prop2_second_derivative_ratio", lhs=GAIN2 / LOSS2, rhs=VB * (1 - DVB) / ((p - VB) * DVB), source=f"{A4}, eq. (21)",
                 over=PROP2_OVER + [(f0, 1, 2)],
                 statement=r"\tfrac{\nabla_+''(0)}{\nabla_-''(0)} = \tfrac{\bar v(1-\partial_2\bar v)}{(p-\bar v)\partial_2\bar v}"),
        Inequality("prop2_eq22", lhs=RATIO_U, rel=">", rhs=1, source=f"{A4}, eqs. (21)-(22)",
                   over=[(p, 1, 2), (a, sp.Rational(1, 4), sp.Rational(3, 4)), (u_, sp.Rational(1, 10), sp.Rational(1, 2))],
                   statement=r"\bar r(b,v)=cv^{a-1} \text{ strictly decreasing } (a<1):\ \tfrac{\nabla_+''(0)}{\nabla_-''(0)}>1",
                   note="(21)/(22): the gain beats the loss near eps = 0 (d_2 vbar = a vbar/p < vbar/p); the computed "
                        "ratio of second derivatives, written with u = rbar(b, p) = c p^(a-1) in [1/10, 1/2]"),
        # spec gap G11: the proof of Prop. 2 when its unstated hypotheses fail
        FiniteFact("prop2_strict_decrease_gives_eq22_as_printed", source=f"{A4}, eqs. (19), (22) (spec gap G11 (iii))",
                   compute=_g11_flat_derivative, expect="fails", corrected="prop2_eq22",
                   statement=r"\bar r(b,v)=u-(v-p)^3 \text{ strictly decreasing} \Rightarrow \nabla_+''(0)>\nabla_-''(0)",
                   note="'strictly decreasing' does not give d_2 vbar(b, p) < vbar(b, p)/p: here the derivative of rbar "
                        "vanishes at p and the two second derivatives are equal (f_0 p u^2); the twin assumes the "
                        "strict derivative inequality the proof uses"),
        FiniteFact("prop2_eq19_vanishing_density_as_printed", source=f"{A4}, eq. (19) (spec gap G11 (i))",
                   compute=_g11_vanishing_density, expect="fails", corrected="prop2_eq22",
                   statement=r"f_{b^*,b}(v,z)=f_0(\bar v(b,v)-z) \text{ (continuous, zero on the boundary)}:\ \nabla_+''(0)>\nabla_-''(0)",
                   note="eq. (19) is proportional to the joint density at the boundary point (p, vbar(b, p)); a "
                        "continuous density may vanish there, and then both second derivatives are 0: the comparison "
                        "needs a positive density at that point"),
        Inequality("prop2_mu_plus_decreasing_vbar_as_printed", lhs=MU_PLUS, rel=">=", rhs=0,
                   source=f"{A4}, eq. (17) (spec gap G11 (ii))", expect="fails", corrected="prop2_mu_plus_sign",
                   over=[(E_, sp.Rational(1, 100), sp.Rational(1, 2)), (A_, -sp.Rational(1, 2), -sp.Rational(1, 4))] + G11_OVER,
                   statement=r"\bar v(b,v)=cv^a,\ a<0 \ (\bar r \text{ decreasing, } \bar v \text{ decreasing}):\ "
                             r"\mu_+(\epsilon)=\int_{p-\epsilon}^p\int_{\bar v(b,p-\epsilon)}^{\bar v(b,v)}f\,dz\,dv\ge0",
                   note="with d_2 vbar(b, p) < 0 the region T_+(eps) of (17) is empty and the formula is negative: the "
                        "gain accounting assumes d_2 vbar(b, p) > 0"),
        AllOf("prop2_mu_plus_sign", source=f"{A4}, eq. (17) (spec gap G11 (ii), corrected)", parts=[
            Identity("prop2_mu_plus_derivative", lhs=sp.diff(MU_PLUS, E_), rhs=F_ * C_ * A_ * E_ * (P_ - E_)**(A_ - 1),
                     over=[(E_, sp.Rational(1, 100), sp.Rational(1, 2)), (A_, -sp.Rational(1, 2), sp.Rational(3, 4))] + G11_OVER),
            Identity("prop2_mu_plus_at_zero", lhs=MU_PLUS.subs(E_, 0), rhs=0,
                     over=[(A_, -sp.Rational(1, 2), sp.Rational(3, 4))] + G11_OVER)],
              statement=r"\mu_+(\epsilon)=\int_0^\epsilon f_0\,c\,a\,e\,(p-e)^{a-1}de:\ \mu_+\ge0 \iff a\ge0 \iff \partial_2\bar v\ge0",
              note="(17) for vbar = c v^a and a density f_0, in closed form: a probability exactly when vbar(b, .) "
                   "does not decrease"),
        Identity("prop2_second_derivative_formula_as_printed", lhs=GRAD2_TRUE, rhs=GRAD2_PRINTED,
                 source=f"{A4} (the display of grad_+'' before eq. (18); spec gap G11 (v))", expect="fails",
                 corrected="prop2_second_derivative_formula_at_zero",
                 over=[(E_, sp.Rational(1, 100), sp.Rational(1, 2)), (A_, sp.Rational(1, 4), sp.Rational(3, 4))] + G11_OVER,
                 statement=r"\nabla_+''(\epsilon)=\partial_{22}\bar v(b,p-\epsilon)\mu_+(\epsilon)+\bar v(b,p-\epsilon)\mu_+''(\epsilon)",
                 note="the printed formula omits the cross term 2 d_2 vbar(b, p - eps) mu_+'(eps); left side: the true "
                      "second derivative of vbar(p - eps) mu_+(eps), vbar = c v^a"),
        Identity("prop2_second_derivative_formula_at_zero", lhs=GRAD2_TRUE.subs(E_, 0), rhs=GRAD2_PRINTED.subs(E_, 0),
                 source=f"{A4}, eqs. (18)-(19) (spec gap G11 (v), harmless)",
                 over=[(A_, sp.Rational(1, 4), sp.Rational(3, 4))] + G11_OVER,
                 statement=r"\epsilon=0:\ \text{the printed } \nabla_+''(0) \text{ is right, since } \mu_+'(0)=0"),
        PBOptimalLP("R5_delta_negative_pb_optimal", law=parametric_path("-1/2"), lp_value=Fr(87, 55), source=f"{P2}; Sec. 6",
                    expect="fails", corrected="R5_delta_negative_values",
                    statement=r"v=(w,w,2w-\tfrac12):\ LP^*=\max_PR_{PB}(P)",
                    note="spec R5: LP* = 87/55 > PB = 171/110 (a strictly decreasing relative value on a path)"),
        FiniteFact("R5_delta_negative_values", source=f"{P2}; Sec. 6; spec R5", compute=_r5_negative,
                   statement=r"PB = \tfrac{171}{110} \text{ at } P=1.9,\ LP^*=\tfrac{87}{55}"),
        # Sec. 5: costs
        FiniteFact("fn4_cost_transform", source=src("Sec. 5, fn. 4"), compute=_fn4,
                   statement=r"\max\{\mathbb E[p-c(a)]\} \text{ under } v = \max\{\mathbb E[\tilde p]\} \text{ under } "
                             r"\tilde v=v-c\ \text{(exact LPs)}",
                   note="the footnote's identity v~(a(t'),t) - p~(t') = v(a(t'),t) - p(t') maps IC + IR menus one to one"),
        FiniteFact("prop3_transformed_condition", source=src("Prop. 3"), compute=_prop3_condition,
                   statement=r"\tilde r(\cdot,t)\ \text{stochastically non-decreasing in}\ \tilde v(b^*,t),\ c\equiv\tfrac1{10}"),
        PBOptimalLP("prop3_cor1_profit_lp", law=_cost_law, costs=COSTS, source=src("Prop. 3, Cor. 1"),
                    statement=r"c(b)=\tfrac1{10}:\ \max\ \text{profit over IC+IR menus} = \max_P (P-c)\Pr[v(b^*)\ge P]"),
        FiniteFact("cor1_transformed_ratio", source=src("Cor. 1"), compute=_cor1_map,
                   statement=r"\tfrac{v(b)-c}{v(b^*)-c} = \tfrac{r(b,t)(\hat v+c)-c}{\hat v},\ \hat v=\tilde v(b^*,t)"),
        Identity("cor1_derivative", lhs=sp.diff((x * (vh + c0) - c0) / vh, vh), rhs=c0 * (1 - x) / vh**2,
                 source=src("Cor. 1"), over=[(x, 0, 1), (vh, sp.Rational(1, 10), 5), (c0, 0, 1)],
                 statement=r"\partial_{\hat v}\tfrac{x(\hat v+c)-c}{\hat v}=\tfrac{c(1-x)}{\hat v^2}\ (\ge0 \text{ for } x\le1)"),
        AllOf("cor2_fn6_log_submodular", source=src("Cor. 2, fn. 6"), parts=[
            Inequality("cor2_fn6_hypothesis", lhs=sp.diff(sp.log(VT_COR2), m_, t_), rel="<=", rhs=0,
                       over=[(m_, 1, 3), (t_, sp.Rational(1, 10), 3)]),
            Inequality("cor2_fn6_ratio_monotone", lhs=sp.diff(VT_COR2 / VT_COR2.subs(m_, 3), t_), rel=">=", rhs=0,
                       over=[(m_, 1, 3), (t_, sp.Rational(1, 10), 3)])],
              statement=r"\tilde v(m,t)=m+t \text{ log-submodular} \Rightarrow \tilde r(m,t)=\tfrac{\tilde v(m,t)}{\tilde v(n,t)}"
                        r"\ \text{non-decreasing in } t\ (n=3)",
              note="fn. 6: log-submodularity makes v~(n, t)/v~(m, t) non-increasing, i.e. a ratio-monotone path"),
        FiniteFact("multi_unit_copies", source=src("Sec. 5 (multi-unit demand)"), compute=_multi_unit,
                   statement=r"\text{copies } 1_a,1_b:\ v(\{1_a\})=v(\{1_b\}),\ \text{ratio-monotone path}: LP^*=PB"),
        # Sec. 6
        AllOf("top_up_margin", source=S6, parts=[
            Identity("top_up_margin_1", lhs=(VSTAR - V1) / V1, rhs=(al * w + dl) / w,
                     over=[(w, 1, 2), (al, sp.Rational(1, 2), 2), (dl, -sp.Rational(1, 2), 1)]),
            Identity("top_up_margin_2", lhs=(VSTAR - V2) / V2, rhs=(w + dl) / (al * w),
                     over=[(w, 1, 2), (al, sp.Rational(1, 2), 2), (dl, -sp.Rational(1, 2), 1)])],
              statement=r"\tfrac{v(b^*)-v(\{1\})}{v(\{1\})}=\tfrac{\alpha w+\delta}{w},\ "
                        r"\tfrac{v(b^*)-v(\{2\})}{v(\{2\})}=\tfrac{w+\delta}{\alpha w}",
              note="the top-up margins of the parametric example, from its values"),
        FiniteFact("fn7_revealed_preference", source=src("Sec. 6, fn. 7"), compute=_fn7,
                   statement=r"\text{sum of the two IC constraints} = (v(b^*,t)-v(b^*,t'))(r(b,t)-r(b',t))"),
        Identity("parametric_ratio_derivative", lhs=sp.diff(R1, w), rhs=dl / VSTAR**2, source=S6,
                 over=[(w, 1, 2), (al, sp.Rational(1, 2), 2), (dl, -sp.Rational(1, 2), 1)],
                 statement=r"\partial_w\tfrac{w}{(1+\alpha)w+\delta} = \tfrac{\delta}{((1+\alpha)w+\delta)^2}\ "
                           r"(\text{sign} = \text{sign}\,\delta)"),
        Identity("parametric_tau_constant", lhs=R1.subs(dl, tau * w), rhs=1 / (1 + al + tau), source=S6,
                 over=[(w, 1, 2), (al, sp.Rational(1, 2), 2), (tau, -sp.Rational(1, 2), 1)],
                 statement=r"\delta=\tau w:\ r(\{1\}) = \tfrac1{1+\alpha+\tau}"),
        PBOptimalLP("parametric_tau_negative_pb_optimal", law=_tau_law, source=S6,
                    statement=r"\delta=\tau w,\ \tau=-\tfrac12,\ \alpha=1,\ w\sim U\{1,1.1,..,2\}:\ LP^*=\max_P R_{PB}(P)",
                    note="the paper: with a constant relative value PB is optimal even for tau < 0"),
        Inequality("parametric_grand_maximal_delta_negative", lhs=VSTAR.subs({al: 1, dl: -sp.Rational(1, 2)}), rel=">=",
                   rhs=sp.Max(V1, V2).subs(al, 1), source=src("Sec. 6 (spec gap G10)"), expect="fails",
                   corrected="parametric_grand_maximal_w_ge_half", over=[(w, sp.Rational(1, 10), 2)],
                   statement=r"\alpha=1,\ \delta=-\tfrac12:\ (1+\alpha)w+\delta\ge\max(1,\alpha)w \ \forall w",
                   note="the model needs b* maximal; with delta < 0 this fails for w < -delta / min(1, alpha)"),
        Inequality("parametric_grand_maximal_w_ge_half", lhs=VSTAR.subs({al: 1, dl: -sp.Rational(1, 2)}), rel=">=",
                   rhs=sp.Max(V1, V2).subs(al, 1), source=src("Sec. 6 (spec gap G10, corrected)"),
                   over=[(w, sp.Rational(1, 2), 2)],
                   statement=r"\alpha=1,\ \delta=-\tfrac12:\ (1+\alpha)w+\delta\ge\max(1,\alpha)w \ \forall w\ge"
                             r"-\delta/\min(1,\alpha)=\tfrac12",
                   note="spec G10: the model holds exactly for w >= -delta / min(1, alpha); R5's w in [1, 2] is inside"),
        FiniteFact("fn5_addon_cost_of_bundles_without_main", source=src("Sec. 5, fn. 5, Prop. 3, Cor. 1"), compute=_fn5,
                   statement=r"c(\{1\})=c(\{1,2\})=c:\ \max\text{profit with } c(\{2\})=0 \ =\ \text{with } c(\{2\})=c\ =\ "
                             r"\max_P(P-c)\Pr[v(b^*)\ge P]",
                   note="the add-on application: v({2}) = 0 (no main product), c = 1/5; exact profit LPs"),
        # Sec. 6 and fn. 9 (not in the catalog: X1)
        PBOptimalLP("sec6_independent_added_value_as_printed", law=_x1_law, lp_value=Fr(13, 4), source=src("Sec. 6, fn. 9 "
                    "(not in the catalog: X1)"), expect="fails", corrected="sec6_independent_added_value_counterexample",
                    statement=r"w\perp\delta,\ \delta\ge0 \Rightarrow \text{pure bundling optimal}\quad(w\in\{1,2\},\ "
                              r"\delta\in\{0,3\} \text{ uniform, } \alpha=1)",
                    note="Sec. 6: 'A sufficient condition is that the base value and the added value are independently "
                         "distributed and the products are partial complements for all types'; refuted: LP* = 13/4 > "
                         "PB = 3"),
        FiniteFact("sec6_independent_added_value_counterexample", source=src("Sec. 6, fn. 9 (X1)"),
                   compute=_x1_counterexample,
                   statement=r"w\perp\delta,\ \delta\ge0,\ \alpha=1:\ \text{Thm. 1's condition fails and } LP^*=\tfrac{13}4>PB=3",
                   note="the hypotheses are checked on the law; the failing upper set is the relative value 1/2 of the "
                        "type (w, delta) = (2, 0) at v(b*) = 4, absent at v(b*) = 5 = 2 + 3"),
        FiniteFact("fn9_delta_over_w_nonincreasing_in_w", source=src("fn. 9 (X1)"), compute=lambda: _fn9_steps("delta/w in w"),
                   statement=r"w\perp\delta,\ \delta\ge0:\ \delta/w \text{ stochastically non-increasing in } w",
                   note="fn. 9's first step holds on the X1 law"),
        FiniteFact("fn9_w_nondecreasing_in_grand_value_as_printed", source=src("fn. 9 (X1)"),
                   compute=lambda: _fn9_steps("w in v(b*)"), expect="fails",
                   corrected="sec6_independent_added_value_counterexample",
                   statement=r"w\perp\delta \Rightarrow w \text{ stochastically non-decreasing in } v(b^*)=(1+\alpha)w+\delta",
                   note="fn. 9's second step fails: v(b*) = 4 comes from w = 2, v(b*) = 5 from w = 1 (and conditional "
                        "stochastic monotonicity is not transitive either): the conclusion fails with it"),
        # Sec. 7 (spec conjecture C3): robustness of a strictly increasing relative-value law
        PBOptimalLP("C3_perturbed_up", law=lambda: _perturbed_r4(Fr(1, 50), True), source=src("Sec. 7 (spec C3)"),
                    statement=r"\text{R4 with } r_1 \text{ mildly increasing in } s\ (\eta=\tfrac1{50}):\ LP^*=PB",
                    note="spec conjecture C3, verdict on this instance: LP* = PB persists, although for additive values "
                         "the perturbed law no longer satisfies Thm. 1's condition (it needs independence)"),
        PBOptimalLP("C3_perturbed_down", law=lambda: _perturbed_r4(Fr(1, 50), False), source=src("Sec. 7 (spec C3)"),
                    statement=r"\text{R4 with } r_1 \text{ mildly decreasing in } s\ (\eta=\tfrac1{50}):\ LP^*=PB",
                    note="the spec's C3 expected a decreasing perturbation to break PB at rate O(eta); at eta = 1/50 it "
                         "does not (LP* = PB exactly): that half of C3 is not supported on this instance"),
    ]


def _tau_law() -> FiniteLaw:
    """Sec. 6 with delta = tau w, tau = -1/2, alpha = 1: v = (w, w, (2 + tau) w), w uniform on {1, 1.1, ..., 2}."""
    ws = [1 + Fr(k, 10) for k in range(11)]
    tv = Fr(-1, 2)
    return FiniteLaw([Valuation(2, {B1: wv, B2: wv, B12: (2 + tv) * wv}) for wv in ws], [Fr(1, 11)] * 11)


DERIVATION = Derivation(
    name="hh_extensions",
    title="Haghpanah-Hartline Sec. 4.3, 5, 6, 7: Def. 3, Prop. 2, costs (Prop. 3, Cor. 1), qualities (Cor. 2), "
          "multi-unit demand, interpretations",
    scope=SCOPE,
    claims=_claims(),
    model=r"\tilde v(b,t)=v(b,t)-c(b);\ \bar v(b,v)=v\,\bar r(b,v);\ v(\{1\})=w,\ v(\{2\})=\alpha w,\ v(b^*)=(1+\alpha)w+\delta",
    references=(PAPER + ", version of August 28, 2020 (the text encoded here); published in the Review of Economic Studies (2021)",),
)

if __name__ == "__main__":  # pragma: no cover
    print(DERIVATION.verify(digits=50))
