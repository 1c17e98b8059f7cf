"""Haghpanah and Hartline, 'When Is Pure Bundling Optimal?' (2020), Sec. 4.2: Thm. 1, Lemma 3, the
four-type example (3), Lemma 4 (the ratio-monotone decomposition, built and verified on finite
instances), and the additive-values corollary (shares independent of the total) on densities.

Finite statements: exact LPs (mechanism LP, monotone-coupling LP) with rational certificates.
Densities: the independence identity d^2/(ds dr) log J = 0 proved for i.i.d. Gamma(k, theta) (all k,
theta) and Exp(1)^3 (spec R7), the condition refuted with an exact witness for i.i.d. U[0, 1] and
Beta(2, 2); pure bundling against separate sales (spec C6); the a.e. reading of Def. 2 (spec gap G12).
"""
from __future__ import annotations

import functools
import random
from fractions import Fraction as Fr

import sympy as sp

from derivations._hh_common import B1, B2, PAPER, four_types, r4_law, src
from symmech import Derivation, Identity, Inequality, Scope
from symmech.models.multigood.bundling import BundlingError, FiniteLaw, bundle, law_from_profiles
from symmech.models.multigood.bundling_density import (
    IIDDensity,
    ProfileDensity,
    ShareCondition,
    conditional_share_survival,
)
from symmech.models.multigood.bundling_lp import FiniteFact, PBOptimalLP, optimal_revenue
from symmech.models.multigood.polygon import menu_revenue
from symmech.models.multigood.ratio_monotone import Decomposition, Path, decompose, ratio_violation
from symmech.models.multigood.stochastic_order import mass, stochastically_nondecreasing, survival_ordered, up_closure
from symmech.reports.figures import Curve, CurveFigure, Level, Mark, MenuRegionsFigure

SCOPE = Scope()
q1, q2, qH = sp.symbols("q_1 q_2 q_H", nonnegative=True)
s, r, k, th, P = sp.symbols("s r k theta P", positive=True)
x = sp.Symbol("x", positive=True)


def _eq3() -> tuple[bool, str]:
    """Eq. (3) and the selection rule, exactly (SymPy expand)."""
    prior = sp.Matrix([(1 - qH) * (1 - q1), (1 - qH) * q1, qH * (1 - q2), qH * q2])
    mix = ((1 - q2) * sp.Matrix([1 - qH, 0, qH, 0]) + (q2 - q1) * sp.Matrix([1 - qH, 0, 0, qH])
           + q1 * sp.Matrix([0, 1 - qH, 0, qH]))
    diff = (prior - mix).applyfunc(sp.expand)
    sel = [1 - q2, (1 - q1) - (1 - q2), 1 - (1 - q1)]   # q ~ U[0,1]: mu^1 if q <= 1-q2, mu^2 if <= 1-q1, else mu^3
    ok = diff == sp.zeros(4, 1) and [sp.expand(a - b) for a, b in zip(sel, [1 - q2, q2 - q1, q1])] == [0, 0, 0]
    return ok, f"prior - mixture = {list(diff)}; selection-rule lengths = weights"


def _eq3_condition_iff() -> tuple[bool, str]:
    """On the four-type support, Thm. 1's condition (coupling LP) holds iff q1 <= q2 (q's on a grid)."""
    bad = []
    for a in range(5):
        for b in range(5):
            qa, qb = Fr(a, 4), Fr(b, 4)
            holds = stochastically_nondecreasing(four_types(qa, qb, Fr(1, 2)).conditional_profiles()).holds
            if holds != (qa <= qb):
                bad.append((str(qa), str(qb)))
    return not bad, ("condition <=> q1 <= q2 on all 25 grid points (q in {0, 1/4, ..., 1}, q_H = 1/2)"
                     if not bad else f"mismatch at {bad}")


def _lemma4(law_fn, what: str):
    def run():
        d = decompose(law_fn())
        ok, detail = d.verify()
        return ok, f"{what}: weights {list(map(str, d.weights))[:8]}{'...' if len(d.weights) > 8 else ''}; {detail}"
    return run


def _lemma4_fails() -> tuple[bool, str]:
    try:
        decompose(four_types("0.8", "0.2", "0.5"))
    except BundlingError as exc:
        return False, str(exc)
    return True, "decomposed"


def _lemma4_only_if(q1, q2, qh) -> tuple[bool, str]:
    """Lemma 4 'only if' on the four-type support: on a ratio-monotone path a type in U = up-closure of r(t_1') at s = 1
    is followed by one in U at s = 2, and every path has the marginal F, so a decomposition forces
    Pr[U | s = 1] <= Pr[U | s = 2].  From the law: Pr[U | s = 1] = q_1 > q_2 = Pr[U | s = 2] (the prior (3))."""
    q1, q2 = Fr(q1), Fr(q2)
    cond = four_types(q1, q2, qh).conditional_profiles()
    universe = sorted({x for law in cond.values() for x in law})
    U = up_closure([(Fr(6, 10), Fr(5, 10))], universe)
    lo, hi = mass(cond[Fr(1)], U), mass(cond[Fr(2)], U)
    ok = lo == q1 and hi == q2 and lo > hi
    return ok, f"Pr[U | s = 1] = {lo} (q_1 = {q1}) > Pr[U | s = 2] = {hi} (q_2 = {q2}): no ratio-monotone decomposition"


def _menu_beats_pb(law_fn, lp_spec, pb_spec, what: str):
    """The exact LP optimum and the best pure bundling on a finite law, both compared with spec values, LP* > PB."""
    def run():
        law = law_fn()
        lp = optimal_revenue(law).verify()
        pb, prices = law.best_pure_bundling()
        ok = lp == Fr(lp_spec) and pb == Fr(pb_spec) and lp > pb
        return ok, f"{what}: LP* = {lp} (spec {lp_spec}); PB = {pb} at P in {list(map(str, prices))} (spec {pb_spec})"
    return run


def _random_order_law(seed: int):
    """A random (non-additive) law whose profile is stochastically increasing in s: profiles shifted up with s."""
    rng = random.Random(seed)
    atoms = []
    base = [Fr(rng.randint(0, 4), 10) for _ in range(3)]
    for sv in (1, 2, 3):
        w = [rng.randint(1, 3) for _ in base]
        for b0, wi in zip(base, w):
            atoms.append((sv, {B1: b0 + Fr(sv, 10), B2: b0 / 2 + Fr(sv, 20)}, Fr(wi, sum(w)) / 3))
    return law_from_profiles(2, atoms)


def _thm1_route(law_fn, what: str):
    """Thm. 1's proof: each mu^q shares F, so LP*(mu^q) = PB(F); sum_q w_q LP*(mu^q) = PB(F) = LP*(mu)."""
    def run():
        law = law_fn()
        d = decompose(law)
        pb, _ = law.best_pure_bundling()
        lps = [optimal_revenue(c).verify() for c in d.components]
        tot = sum((w * v for w, v in zip(d.weights, lps)), Fr(0))
        lp = optimal_revenue(law).verify()
        ok = all(v == pb for v in lps) and tot == pb == lp
        return ok, f"{what}: LP*(mu^q) = {sorted(set(map(str, lps)))} for all {len(lps)} paths; sum = {tot}; PB = {pb}; LP*(mu) = {lp}"
    return run


def _lemma3() -> tuple[bool, str]:
    """Lemma 3 / sub-additivity: LP*(mu) <= sum_k w_k LP*(mu_k) for a decomposition (exact LPs), R10."""
    law = four_types("0.8", "0.2", "0.5")
    types, probs = law.types, law.probs
    from symmech.models.multigood.bundling import FiniteLaw
    parts = [(0, 2), (1, 3)]
    ws = [probs[a] + probs[b] for a, b in parts]
    comps = [FiniteLaw([types[a], types[b]], [probs[a] / w, probs[b] / w]) for (a, b), w in zip(parts, ws)]
    lhs = optimal_revenue(law).verify()
    rhs = sum((w * optimal_revenue(c).verify() for w, c in zip(ws, comps)), Fr(0))
    return lhs <= rhs, f"LP*(mu) = {lhs} <= sum_k w_k LP*(mu_k) = {rhs}"


# ---- the additive corollary on densities ----------------------------------------------------------------------
J_GAMMA = s * ((r * s) ** (k - 1) * sp.exp(-r * s / th)) * (((1 - r) * s) ** (k - 1) * sp.exp(-(1 - r) * s / th))
MIXED_GAMMA = sp.diff(sp.expand_log(sp.log(J_GAMMA), force=True), s, r)

# spec R3 (U[0,1]^2) and R6 (Exp(1)^2): the PB revenue P Pr[s >= P] of the total s = v_1 + v_2 (s ~ triangular on
# [0, 2], resp. Gamma(2)); both formulas are rechecked against the model's density of the total (R3/R6_pb_from_density)
R_PB_U = P * (1 - P**2 / 2)           # P in [0, 1]
P_U = sp.sqrt(sp.Rational(2, 3))
R_PB_E = P * (1 + P) * sp.exp(-P)
PHI = (1 + sp.sqrt(5)) / 2
# spec R3: the Manelli-Vincent menu {1}, {2} at 2/3 each, the bundle at (4 - sqrt 2)/3, and its revenue
MV_MENU = [((1, 0), sp.Rational(2, 3)), ((0, 1), sp.Rational(2, 3)), ((1, 1), (4 - sp.sqrt(2)) / 3)]
REV_MV_SPEC = sp.Rational(4, 9) + 2 * sp.sqrt(2) / 27


@functools.cache
def _uniform():
    return IIDDensity(sp.Integer(1), x, 0, 1)


@functools.cache
def _bundle_price(dens_fn):
    return dens_fn().bundle_price()


def _exponential():
    return IIDDensity(sp.exp(-x), x, 0, sp.oo)


@functools.cache
def _mv_revenue() -> sp.Expr:
    """Revenue of the Manelli-Vincent menu on U[0,1]^2: exact polygon areas of the choice regions."""
    v1, v2 = sp.symbols("v_1 v_2", nonnegative=True)
    return menu_revenue(MV_MENU, sp.Integer(1), (v1, v2))


def _pb_from_density(dens_fn, formula, lo, hi, price_spec, rev_spec, what: str):
    """P Pr[s >= P] from the model's density of the total (exact convolution and integral) equals ``formula`` for P
    in [lo, hi], and the model's optimal bundle price and revenue (over all P) are the spec's values."""
    def run():
        dens = dens_fn()
        surv = sp.Integer(0)
        for a, b, g in dens.total_density():          # pieces of the density g(s) of the total on [a, b]
            (sv,) = g.free_symbols
            if b <= lo:
                continue
            if a >= hi:
                surv += sp.integrate(g, (sv, a, b))
            elif a <= lo and b >= hi:
                surv += sp.integrate(g, (sv, P, b))
            else:
                raise ValueError(f"[{lo}, {hi}] straddles a piece boundary of the total's density")
        diff = sp.simplify(P * surv - formula)
        ans = _bundle_price(dens_fn)
        dp, dr = sp.simplify(ans.price - price_spec), sp.simplify(ans.revenue - rev_spec)
        ok = diff == 0 and dp == 0 and dr == 0
        return ok, (f"{what}: P Pr[s >= P] - formula = {diff} on [{lo}, {hi}]; optimal price {ans.price} "
                    f"(spec {price_spec}), revenue {ans.revenue} (spec {rev_spec})")
    return run


def _mv_menu_revenue() -> tuple[bool, str]:
    rev = _mv_revenue()
    d = sp.simplify(rev - REV_MV_SPEC)
    return d == 0, f"polygon revenue of the menu = {rev}; minus the spec's 4/9 + 2 sqrt(2)/27: {d}"


def _mv_menu_beats_pb() -> tuple[bool, str]:
    """The Manelli-Vincent menu (exact polygon revenue) beats the model's optimal pure bundling on U[0,1]^2."""
    rev = _mv_revenue()
    pb = _bundle_price(_uniform)
    gap = sp.simplify(rev - pb.revenue)
    ok = bool(gap.is_positive) and sp.simplify(pb.revenue - 2 * sp.sqrt(6) / 9) == 0
    return ok, (f"MV menu {rev} - PB {pb.revenue} (price {pb.price}) = {gap} = {sp.N(gap, 12)} > 0 "
                f"(spec R3: 0.549201 vs 0.544331)")


def _share_survival(dens: IIDDensity, sv, c):
    """Pr[r_1 >= c | s = sv] for symbolic c in the share's conditional support [rlo, rhi] (exact integral of the
    model's joint density J(s, r) = s f(r s) f((1 - r) s)); returns (value, rlo, rhi)."""
    J, s_, (r_,) = dens.joint()
    sv = sp.nsimplify(sv)
    rlo = sp.Max(dens.lo / sv, 1 - (dens.hi / sv if dens.hi is not sp.oo else 1))
    rhi = sp.Min(1 - dens.lo / sv, dens.hi / sv if dens.hi is not sp.oo else 1)
    Js = J.subs(s_, sv)
    return sp.simplify(sp.integrate(Js, (r_, c, rhi)) / sp.integrate(Js, (r_, rlo, rhi))), rlo, rhi


def _r3_share_law() -> tuple[bool, str]:
    """Spec R3: on U[0,1]^2 the share r_1 = v_1 / s given s is U[0, 1] for s <= 1 and U[(s-1)/s, 1/s] for s > 1
    (so its range shrinks and the conditional law of r is not stochastically non-decreasing in s)."""
    dens = _uniform()
    c = sp.Symbol("c", real=True)
    rows = []
    for sv in (sp.Rational(1, 4), sp.Rational(1, 2), 1, sp.Rational(5, 4), sp.Rational(3, 2), sp.Rational(7, 4)):
        val, rlo, rhi = _share_survival(dens, sv, c)
        want_lo, want_hi = (0, 1) if sv <= 1 else ((sv - 1) / sv, 1 / sv)
        want = (want_hi - c) / (want_hi - want_lo)
        rows.append((sv, rlo == want_lo and rhi == want_hi and sp.simplify(val - want) == 0, val, rlo, rhi))
    ok = all(r[1] for r in rows)
    return ok, "; ".join(f"s = {sv}: Pr[r >= c | s] = {val} on [{rlo}, {rhi}]" for sv, _, val, rlo, rhi in rows)


def _beta22_witness() -> tuple[bool, str]:
    """Beta(2,2) goods: Pr[r_1 >= 5/6 | s = 1/2] > 0 = Pr[r_1 >= 5/6 | s = 3/2] (the share's range given s = 3/2 is
    [1/3, 2/3]): the upper set {x : x_1 >= 5/6} loses mass, so the condition fails."""
    dens = IIDDensity(6 * x * (1 - x), x, 0, 1)
    a = conditional_share_survival(dens, sp.Rational(1, 2), sp.Rational(5, 6))
    b = conditional_share_survival(dens, sp.Rational(3, 2), sp.Rational(5, 6))
    return bool(a > b and b == 0), f"Pr[r >= 5/6 | s = 1/2] = {a} > Pr[r >= 5/6 | s = 3/2] = {b}"


def _quantile(law: dict, qv: Fr) -> Fr:
    acc = Fr(0)
    for xv in sorted(law):
        acc += law[xv]
        if acc >= qv:
            return xv
    return max(law)


def _lemma4_scalar() -> tuple[bool, str]:
    """Lemma 4, |S| = 1: the quantile coupling h^q(y) = F^{-1}_{x|y}(q) is non-decreasing in y for every q iff
    the conditional survival functions are ordered (random finite laws, exact)."""
    rng = random.Random(44)
    n_ok = 0
    n_ordered = 0
    for trial in range(30):
        levels = []
        for _y in range(3):
            w = [rng.randint(0, 3) for _ in range(4)]
            w[rng.randrange(4)] += 1
            if trial % 2 and levels:      # every other trial: push mass of the previous level upwards
                prev = [levels[-1].get(Fr(k, 3), Fr(0)) for k in range(4)]
                i = rng.randrange(3)
                move = prev[i] * Fr(rng.randint(0, 2), 2)
                prev[i] -= move
                prev[rng.randrange(i + 1, 4)] += move
                levels.append({Fr(k, 3): p for k, p in enumerate(prev) if p})
                continue
            levels.append({Fr(k, 3): Fr(wi, sum(w)) for k, wi in enumerate(w) if wi})
        qs = sorted({sum((p for xv, p in lv.items() if xv <= t), Fr(0)) for lv in levels for t in lv} | {Fr(1)})
        qs = sorted(set(qs) | {(a + b) / 2 for a, b in zip([Fr(0)] + qs, qs)})
        mono = all(_quantile(a, qv) <= _quantile(b, qv) for qv in qs if qv > 0 for a, b in zip(levels, levels[1:]))
        ordered = all(survival_ordered(a, b)[0] for a, b in zip(levels, levels[1:]))
        if mono != ordered:
            return False, f"mismatch on {levels}"
        n_ok += 1
        n_ordered += ordered
    return True, (f"{n_ok} random 3-level scalar laws ({n_ordered} ordered): quantile coupling monotone <=> "
                  f"survival functions ordered")


S_, R_ = sp.Symbol("s", positive=True), sp.Symbol("r", nonnegative=True)
TP2_DENSITY = ProfileDensity((1 + S_ * R_) * sp.Rational(4, 7), S_, R_, (1, 2))


def _fig7(q1v, q2v, qh) -> tuple[bool, str]:
    """Eq. (3) with the concrete profiles: mu^1 on {t_1, t_2}, mu^2 on {t_1, t_2'}, mu^3 on {t_1', t_2'} (each with
    Pr[high] = q_H), weights (1 - q_2, q_2 - q_1, q_1): a ratio-monotone decomposition (Decomposition.verify: same
    base marginal, ratio-monotone paths, the mixture is mu); and the path {t_1', t_2} -- the one any decomposition
    into paths needs when q_1 > q_2 -- is not ratio-monotone."""
    law = four_types(q1v, q2v, qh)
    t1, t1p, t2, t2p = law.types
    q1_, q2_, qh_ = Fr(q1v), Fr(q2v), Fr(qh)
    comps = [FiniteLaw([a, b], [1 - qh_, qh_]) for a, b in ((t1, t2), (t1, t2p), (t1p, t2p))]
    ok, detail = Decomposition(law, [1 - q2_, q2_ - q1_, q1_], comps).verify()
    bad = ratio_violation(Path.of(FiniteLaw([t1p, t2], [Fr(1, 2), Fr(1, 2)])))
    return ok and bad is not None, f"{detail}; path {{t_1', t_2}}: ratio falls for bundle {sorted(bad[0]) if bad else None}"


def _separate_sales_density(dens: IIDDensity):
    """Separate sales for n i.i.d. goods: n max_p p Pr[v_i >= p] from the marginal density (exact)."""
    pv = sp.Symbol("p", positive=True)
    surv = sp.integrate(dens.f, (dens.x, pv, dens.hi))
    R = sp.simplify(pv * surv)
    cands = [c for c in sp.solve(sp.diff(R, pv), pv) if c.is_real] + ([dens.hi] if dens.hi is not sp.oo else [])
    best = max((R.subs(pv, c) for c in cands), key=lambda e: sp.N(e, 40))
    return sp.simplify(dens.n * best)


def _pb_vs_separate(dens_fn, ss_spec, pb_spec_num, what):
    """C6 on a Thm. 1 density: the model's optimal pure bundling against separate sales (both computed; SS compared
    with the spec's value, PB with the spec's 30-digit value)."""
    def run():
        dens = dens_fn()
        pb = _bundle_price(dens_fn).revenue
        ss = _separate_sales_density(dens)
        ok = (sp.simplify(ss - ss_spec) == 0 and abs(sp.N(pb - sp.Float(pb_spec_num, 35), 40)) < sp.Float("1e-25")
              and sp.N(pb - ss, 40) > 0)
        return bool(ok), (f"{what}: PB = {sp.N(pb, 20)} (spec {pb_spec_num[:12]}...); separate sales = {ss} = "
                          f"{sp.N(ss, 20)} (spec {ss_spec}); PB - SS = {sp.N(pb - ss, 12)}")
    return run


def _separate_sales_finite(law) -> Fr:
    """Separate sales on a finite additive law: the sum over goods of max_p p Pr[v_i >= p] (p in the support)."""
    tot = Fr(0)
    for i in range(1, law.n + 1):
        vals = sorted({t.values[bundle(i)] for t in law.types})
        tot += max(v * sum((p for t, p in zip(law.types, law.probs) if t.values[bundle(i)] >= v), Fr(0)) for v in vals)
    return tot


def _c6_finite() -> tuple[bool, str]:
    """C6 on R4 (additive, Thm. 1's condition holds): separate sales <= PB = LP*, all exact."""
    law = r4_law()
    ss = _separate_sales_finite(law)
    pb, _ = law.best_pure_bundling()
    lp = optimal_revenue(law).verify()
    return ss <= pb == lp, f"R4: separate sales {ss} <= PB {pb} = LP* {lp}"


@functools.cache
def _exp3():
    return IIDDensity(sp.exp(-x), x, n=3)


R7_P_SPEC, R7_REV_SPEC = "2.26953084208114277085313454399", "1.37110160490030859419483682616"
R_PB_E3 = P * sp.exp(-P) * (1 + P + P**2 / 2)          # spec R7: P Pr[s >= P], s ~ Gamma(3)


def _r7() -> tuple[bool, str]:
    """Spec R7, three i.i.d. Exp(1): from the model's density of the total (exact convolution), P Pr[s >= P] =
    P e^{-P}(1 + P + P^2/2); the model's optimal price is the positive root of p^3 - p^2 - 2p - 2, and price and
    revenue match the spec's 30 digits."""
    dens = _exp3()
    ((a, b, g),) = dens.total_density()
    (sv,) = g.free_symbols
    diff = sp.simplify(P * sp.integrate(g, (sv, P, b)) - R_PB_E3)
    ans = _bundle_price(_exp3)
    poly = sp.Poly(P**3 - P**2 - 2 * P - 2, P)
    root = sp.simplify(poly.as_expr().subs(P, ans.price)) == 0
    e1 = abs(sp.N(ans.price - sp.Float(R7_P_SPEC, 35), 40))
    e2 = abs(sp.N(ans.revenue - sp.Float(R7_REV_SPEC, 35), 40))
    ok = diff == 0 and root and e1 < 1e-25 and e2 < 1e-25
    return bool(ok), (f"P Pr[s >= P] - spec formula = {diff}; price {ans.price} = {sp.N(ans.price, 30)} (root of "
                      f"p^3 - p^2 - 2p - 2: {root}); revenue {sp.N(ans.revenue, 30)}; |errors| {sp.N(e1, 3)}, {sp.N(e2, 3)}")


def _r7_independent() -> tuple[bool, str]:
    """Three i.i.d. Exp(1): the joint density of (s, r_1, r_2) factorizes (d^2/(ds dr_i) log J = 0): the shares are
    independent of the total (Dirichlet(1,1,1)), so Thm. 1 applies."""
    res = [sp.simplify(e) for e in _exp3().independence_residuals()]
    return all(e == 0 for e in res), f"d^2/(ds dr_i) log J = {res}"


# ---- spec gap G12: Def. 2 / Thm. 1 'for every v-hat' and versions of the conditional law ------------------------
G12_DENS = ProfileDensity(sp.Integer(1), S_, R_, (1, 2))        # s ~ U[1, 2], r ~ U[0, 1], independent


@functools.lru_cache(maxsize=None)
def _g12_survival(sv, c):
    return G12_DENS.conditional_survival(sv, c)


def _g12_versions(printed: bool) -> tuple[bool, str]:
    """Two regular conditional laws of r given s for the density g = 1 on [1, 2] x [0, 1]: kappa_A(s) = U[0, 1] for
    all s, and kappa_B equal to it except kappa_B(3/2) = the point mass at r = 1.  Both disintegrate the law
    (int_A kappa(s)(C) ds = mu(A x C) on a grid of rectangles: the point s = 3/2 has no mass).  Read 'for every
    v-hat' (printed), Def. 2 holds for kappa_A and fails for kappa_B at (3/2, 7/4) with U = {r >= 9/10}; read a.e.
    (corrected), it holds for both (they differ on the null set {3/2})."""
    cA = _g12_survival                                                       # Pr_A[r >= c | s]
    cB = lambda sv, c: sp.Integer(1) if sv == sp.Rational(3, 2) else cA(sv, c)
    grid = [sp.Rational(k, 4) for k in range(4, 9)]
    cs = [sp.Rational(k, 4) for k in range(0, 4, 2)]
    same = True
    for a, b in zip(grid, grid[1:]):
        for c in cs:
            mu = sp.integrate(G12_DENS.g, (R_, c, 1), (S_, a, b))
            # Lebesgue integral of s -> kappa(s)([c, 1]) over [a, b]: kappa_B differs from kappa_A only at s = 3/2
            iA = sp.integrate(sp.integrate(G12_DENS.g, (R_, c, 1)), (S_, a, b))
            pieces = [(a, b)] if not a < sp.Rational(3, 2) < b else [(a, sp.Rational(3, 2)), (sp.Rational(3, 2), b)]
            iB = sum(sp.integrate(sp.integrate(G12_DENS.g, (R_, c, 1)), (S_, lo, hi)) for lo, hi in pieces)
            same &= (iA == mu == iB)
    s0, s1, c = sp.Rational(3, 2), sp.Rational(7, 4), sp.Rational(9, 10)
    viol_B = cB(s0, c) > cB(s1, c)
    ss = [sp.Rational(k, 4) for k in range(4, 9)]
    mono_A = all(cA(a, cv) <= cA(b, cv) for a, b in zip(ss, ss[1:]) for cv in cs + [c])
    if printed:
        return bool(same and (mono_A == (not viol_B))), (
            f"both versions disintegrate mu on the grid: {same}; Def. 2 at every s: version A {mono_A}, version B "
            f"{not viol_B} (Pr_B[r >= 9/10 | 3/2] = {cB(s0, c)} > Pr[r >= 9/10 | 7/4] = {cB(s1, c)})")
    off_null = [sv for sv in ss if cB(sv, c) != cA(sv, c)]
    null = sp.integrate(G12_DENS.g, (R_, 0, 1), (S_, s0, s0)) == 0
    return bool(same and mono_A and off_null == [s0] and null), (
        f"versions agree except at s in {off_null} (mu-measure 0: {null}); Def. 2 off that null set holds for both "
        f"(version A monotone at every grid point: {mono_A})")


def _claims() -> list:
    T1, L4, C = src("Thm. 1"), src("Lemma 4"), src("Thm. 1, additive values (spec, derived corollary)")
    return [
        FiniteFact("eq3_decomposition", source=src("Sec. 4.2, eq. (3)"), compute=_eq3,
                   statement=r"\mu = (1-q_2)\mu^1+(q_2-q_1)\mu^2+q_1\mu^3"),
        FiniteFact("eq3_condition_iff_q1_le_q2", source=src("Sec. 4.2, eq. (3), Fig. 6"), compute=_eq3_condition_iff,
                   statement=r"\text{Thm. 1's condition on the four-type support} \iff q_1\le q_2"),
        PBOptimalLP("R9_thm1_0.3_0.6", law=four_types("0.3", "0.6", "0.5"), lp_value=1, source=T1,
                    statement=r"(q_1,q_2,q_H)=(0.3,0.6,0.5):\ LP^*=PB=1"),
        PBOptimalLP("R9_thm1_0.6_0.6", law=four_types("0.6", "0.6", "0.5"), lp_value=1, source=T1,
                    statement=r"(q_1,q_2,q_H)=(0.6,0.6,0.5):\ LP^*=PB=1"),
        PBOptimalLP("R10_pb_optimal_0.8_0.2", law=four_types("0.8", "0.2", "0.5"), lp_value=Fr(26, 25), source=T1,
                    expect="fails", corrected="R10_menu_beats_pb_0.8_0.2",
                    statement=r"(q_1,q_2,q_H)=(0.8,0.2,0.5):\ LP^*=PB",
                    note="condition violated: LP* = 26/25 > PB = 1 (spec R10)"),
        FiniteFact("R10_menu_beats_pb_0.8_0.2", source=f"{T1}; spec R10",
                   compute=_menu_beats_pb(lambda: four_types("0.8", "0.2", "0.5"), "26/25", 1, "(0.8, 0.2, 0.5)"),
                   statement=r"(q_1,q_2,q_H)=(0.8,0.2,0.5):\ LP^*=1.04 > PB=1"),
        PBOptimalLP("R10_pb_optimal_0.9_0.1", law=four_types("0.9", "0.1", "0.45"), lp_value=Fr(133, 125), source=T1,
                    expect="fails", corrected="R10_menu_beats_pb_0.9_0.1",
                    statement=r"(q_1,q_2,q_H)=(0.9,0.1,0.45):\ LP^*=PB",
                    note="condition violated: LP* = 133/125 = 1.064 > PB = 1 (spec R10)"),
        FiniteFact("R10_menu_beats_pb_0.9_0.1", source=f"{T1}; spec R10",
                   compute=_menu_beats_pb(lambda: four_types("0.9", "0.1", "0.45"), "133/125", 1, "(0.9, 0.1, 0.45)"),
                   statement=r"(q_1,q_2,q_H)=(0.9,0.1,0.45):\ LP^*=1.064 > PB=1"),
        FiniteFact("R4_condition", source=T1, compute=lambda: (lambda o: (bool(o.holds), o.describe()))(
                       stochastically_nondecreasing(r4_law().conditional_profiles())),
                   statement=r"R4:\ r_1 \perp s \Rightarrow \text{condition holds (monotone couplings)}"),
        PBOptimalLP("R4_thm1", law=r4_law, lp_value=Fr(6, 5), source=T1,
                    statement=r"R4:\ LP^* = PB = 1.2 \ (P=2)"),
        FiniteFact("lemma4_R9", source=L4, compute=_lemma4(lambda: four_types("0.3", "0.6", "0.5"), "R9"),
                   statement=r"\mu=\sum_q w_q\mu^q,\ \mu^q \text{ ratio-monotone paths with marginal } F"),
        FiniteFact("lemma4_R4", source=L4, compute=_lemma4(r4_law, "R4"),
                   statement=r"\text{R4: ratio-monotone decomposition}"),
        FiniteFact("lemma4_random", source=L4, compute=_lemma4(lambda: _random_order_law(4), "random increasing law"),
                   statement=r"\text{random stochastically increasing law: ratio-monotone decomposition}"),
        FiniteFact("lemma4_needs_condition", source=L4, compute=_lemma4_fails, expect="fails",
                   corrected="lemma4_only_if_upper_set_0.8_0.2",
                   statement=r"(q_1,q_2)=(0.8,0.2):\ \text{a ratio-monotone decomposition exists}",
                   note="Lemma 4 'only if': refuted by the witness upper set of the coupling LP"),
        FiniteFact("lemma4_only_if_upper_set_0.8_0.2", source=L4, compute=lambda: _lemma4_only_if("0.8", "0.2", "0.5"),
                   statement=r"U=\uparrow r(t_1'):\ \Pr[U\mid s=1]=q_1=0.8>\Pr[U\mid s=2]=q_2=0.2",
                   note="a decomposition into ratio-monotone paths with marginal F would give Pr[U | 1] <= Pr[U | 2]"),
        FiniteFact("lemma4_scalar_quantile_coupling", source=L4, compute=_lemma4_scalar,
                   statement=r"|S|=1:\ h^q(y)=F^{-1}_{x\mid y}(q) \text{ non-decreasing } \forall q \iff F_{x\mid y} \text{ ordered}"),
        TP2_DENSITY.tp2_claim("thm1_density_tp2", source=T1,
                              statement=r"g(s,r)=\tfrac47(1+sr) \text{ on } [1,2]\times[0,1]:\ \partial_s\partial_r\log g\ge0",
                              note="TP2 (monotone likelihood ratio) implies the stochastic order of Def. 2, so Thm. 1 "
                                   "applies (spec Sec. 2, derived sufficient condition)"),
        FiniteFact("thm1_proof_route_R9", source=f"{T1} (proof)", compute=_thm1_route(lambda: four_types("0.3", "0.6", "0.5"), "R9"),
                   statement=r"LP^*(\mu^q)=PB(F)\ \forall q,\ \sum_q w_q LP^*(\mu^q) = PB(F) = LP^*(\mu)"),
        FiniteFact("thm1_proof_route_random", source=f"{T1} (proof)", compute=_thm1_route(lambda: _random_order_law(4), "random"),
                   statement=r"\text{the same on a random stochastically increasing law}"),
        FiniteFact("lemma3_subadditivity_R10", source=src("Lemma 3"), compute=_lemma3,
                   statement=r"LP^*(\mu)\le\sum_k w_k LP^*(\mu_k)"),
        Identity("additive_gamma_shares_independent", lhs=MIXED_GAMMA, rhs=0, source=C,
                 over=[(s, sp.Rational(1, 10), 10), (r, sp.Rational(1, 10), sp.Rational(9, 10)),
                       (k, sp.Rational(1, 2), 3), (th, sp.Rational(1, 2), 2)],
                 statement=r"v_i\overset{iid}\sim\Gamma(k,\theta):\ \partial_s\partial_r\log\big(s f(rs)f((1-r)s)\big)=0",
                 note="with the product support (0, oo) x (0, 1) the share is independent of the total (Lukacs), so "
                      "Thm. 1 applies for every k, theta"),
        ShareCondition("additive_uniform_condition", density=lambda: IIDDensity(sp.Integer(1), x, 0, 1), source=C,
                       expect="fails", corrected="R3_share_conditional_law",
                       statement=r"v_i\overset{iid}\sim U[0,1]:\ r\ \text{stochastically non-decreasing in}\ s",
                       note="refuted with an exact witness: the share's range shrinks for s > 1 (spec R3)"),
        FiniteFact("R3_share_conditional_law", source=f"{C}; spec R3", compute=_r3_share_law,
                   statement=r"U[0,1]^2:\ r_1\mid s \sim U[0,1]\ (s\le1),\ U[\tfrac{s-1}s,\tfrac1s]\ (s>1)",
                   note="exact conditional survival functions with a symbolic threshold c, from the model's joint "
                        "density, at s in {1/4, 1/2, 1, 5/4, 3/2, 7/4}"),
        ShareCondition("additive_beta22_condition", density=lambda: IIDDensity(6 * x * (1 - x), x, 0, 1), source=C,
                       expect="fails", corrected="additive_beta22_upper_set_loses_mass",
                       statement=r"v_i\overset{iid}\sim \mathrm{Beta}(2,2):\ \text{condition}",
                       note="spec conjecture C2 (the condition fails for Beta(2,2)): refuted with an exact witness"),
        FiniteFact("additive_beta22_upper_set_loses_mass", source=f"{C}; spec C2", compute=_beta22_witness,
                   statement=r"\mathrm{Beta}(2,2):\ \Pr[r_1\ge\tfrac56\mid s=\tfrac12] > \Pr[r_1\ge\tfrac56\mid s=\tfrac32] = 0"),
        FiniteFact("R3_pb_from_density", source=f"{C}; spec R3",
                   compute=_pb_from_density(_uniform, R_PB_U, 0, 1, P_U, 2 * sp.sqrt(6) / 9, "U[0,1]^2"),
                   statement=r"U[0,1]^2:\ P\Pr[s\ge P]=P(1-P^2/2)\ (P\le1);\ \arg\max = \sqrt{2/3},\ \max=\tfrac{2\sqrt6}9",
                   note="the model's density of the total (exact convolution) and its optimal bundle price over all P"),
        Identity("R3_price_foc", lhs=sp.diff(R_PB_U, P).subs(P, P_U), rhs=0, source=f"{C}; spec R3",
                 statement=r"U[0,1]^2:\ \tfrac{d}{dP}P(1-P^2/2) = 0 \text{ at } P=\sqrt{2/3}"),
        FiniteFact("R3_mv_menu_revenue", source=f"{C}; spec R3", compute=_mv_menu_revenue,
                   statement=r"\text{Manelli-Vincent menu revenue (exact polygon areas)} = \tfrac49+\tfrac{2\sqrt2}{27}"),
        Inequality("R3_pb_optimal_uniform", lhs=R_PB_U.subs(P, P_U), rel=">=", rhs=REV_MV_SPEC, source=f"{T1}; spec R3",
                   expect="fails", corrected="R3_mv_menu_beats_pb",
                   statement=r"U[0,1]^2:\ \max_P R_{PB}(P) = \tfrac{2\sqrt6}9 \ge \text{revenue of every menu}",
                   note="refuted by the Manelli-Vincent menu's revenue 4/9 + 2 sqrt(2)/27 (spec R3) > 2 sqrt(6)/9"),
        FiniteFact("R3_mv_menu_beats_pb", source=f"{T1}; spec R3", compute=_mv_menu_beats_pb,
                   statement=r"U[0,1]^2:\ \text{the Manelli-Vincent menu earns more than } \max_P R_{PB}(P)",
                   note="both sides computed from the model: polygon areas of the menu's choice regions, and the "
                        "optimal bundle price of the density of the total"),
        FiniteFact("R6_pb_from_density", source=f"{C}; spec R6",
                   compute=_pb_from_density(_exponential, R_PB_E, 0, sp.oo, PHI, PHI**3 * sp.exp(-PHI), "Exp(1)^2"),
                   statement=r"\mathrm{Exp}(1)^2:\ P\Pr[s\ge P]=P(1+P)e^{-P};\ \arg\max=\varphi,\ \max=\varphi^3e^{-\varphi}"),
        Identity("R6_price_foc", lhs=sp.diff(R_PB_E, P).subs(P, PHI), rhs=0, source=f"{C}; spec R6",
                 statement=r"\mathrm{Exp}(1)^2:\ \tfrac{d}{dP}P(1+P)e^{-P}=0 \text{ at } P=\varphi"),
        Identity("R6_revenue", lhs=R_PB_E.subs(P, PHI), rhs=PHI**3 * sp.exp(-PHI), source=f"{C}; spec R6",
                 statement=r"R_{PB}(\varphi)=\varphi^3e^{-\varphi}"),
        FiniteFact("R6_pb_beats_separate", source=f"{C}; spec R6, C6",
                   compute=_pb_vs_separate(_exponential, 2 / sp.E, "0.839962094657175089800366368153", "Exp(1)^2"),
                   statement=r"\varphi^3e^{-\varphi} > 2/e \ (\text{separate sales, computed from the marginal})",
                   note="spec C6: both revenues computed from the model (the optimal bundle price of the total's "
                        "density, and n max_p p Pr[v_i >= p] of the marginal), compared with the spec's values"),
        FiniteFact("fig7_three_ratio_monotone_paths", source=src("Sec. 4.2, eq. (3), Fig. 7"),
                   compute=lambda: _fig7("0.3", "0.6", "0.5"),
                   statement=r"\mu^1,\mu^2,\mu^3 \text{ of (3) are ratio-monotone paths with marginal } (1-q_H,q_H) \text{ and mix to } "
                             r"\mu;\ \{t_1',t_2\} \text{ is not ratio-monotone}",
                   note="(q_1, q_2, q_H) = (0.3, 0.6, 0.5), the profiles of spec R9; the decomposition is the paper's, "
                        "checked by the library's verifier"),
        FiniteFact("R7_pb_from_density", source=f"{C}; spec R7", compute=_r7,
                   statement=r"\mathrm{Exp}(1)^3:\ P\Pr[s\ge P]=Pe^{-P}(1+P+\tfrac{P^2}2);\ P^*:\ p^3-p^2-2p-2=0,\ "
                             r"P^*=2.26953\ldots,\ R=1.37110\ldots"),
        Identity("R7_price_foc", lhs=sp.expand(-2 * sp.exp(P) * sp.diff(R_PB_E3, P)), rhs=P**3 - P**2 - 2 * P - 2,
                 source=f"{C}; spec R7", over=[(P, sp.Rational(1, 10), 5)],
                 statement=r"-2e^P\tfrac{d}{dP}\big(Pe^{-P}(1+P+\tfrac{P^2}2)\big) = P^3-P^2-2P-2"),
        FiniteFact("R7_shares_independent", source=f"{C}; spec R7", compute=_r7_independent,
                   statement=r"\mathrm{Exp}(1)^3:\ \partial_s\partial_{r_i}\log J(s,r_1,r_2)=0 \ (\text{shares} \perp s)",
                   note="Dirichlet(1, 1, 1) shares independent of s ~ Gamma(3): Thm. 1 applies, so PB is optimal"),
        FiniteFact("R7_pb_beats_separate", source=f"{C}; spec R7, C6",
                   compute=_pb_vs_separate(_exp3, 3 / sp.E, R7_REV_SPEC, "Exp(1)^3"),
                   statement=r"\mathrm{Exp}(1)^3:\ R_{PB}(P^*)=1.37110\ldots > 3/e \ (\text{separate sales})"),
        FiniteFact("C6_pb_ge_separate_R4", source=f"{T1}; spec R4, C6", compute=_c6_finite,
                   statement=r"R4:\ \text{separate sales} \le PB = LP^*",
                   note="spec conjecture C6 (PB >= separate sales on Thm. 1 instances), verdict on this instance: holds "
                        "(necessarily, since PB is optimal there: LP* = PB)"),
        FiniteFact("thm1_every_vhat_as_printed", source=f"{T1}; Def. 2 (spec gap G12)", compute=lambda: _g12_versions(True),
                   expect="fails", corrected="thm1_condition_ae",
                   statement=r"\text{'}\Pr[r\in U\mid v(b^*,t)=\hat v] \text{ non-decreasing for every } \hat v\text{' is a "
                             r"property of } \mu \text{ (not of the version of the conditional law)}",
                   note="for a density the conditional law is defined only up to null sets: two versions of the same "
                        "mu, one satisfying the printed condition at every v-hat and one failing it at v-hat = 3/2"),
        FiniteFact("thm1_condition_ae", source=f"{T1}; Def. 2 (spec gap G12, corrected)", compute=lambda: _g12_versions(False),
                   statement=r"\text{read for a.e. } \hat v:\ \text{both versions satisfy Def. 2 (they differ on a null set)}"),
    ]


DERIVATION = Derivation(
    name="hh_decomposition",
    title="Haghpanah-Hartline Sec. 4.2: Thm. 1, Lemmas 3-4, eq. (3), the additive corollary on densities",
    scope=SCOPE,
    claims=_claims(),
    model=(r"\Pr[r(\cdot,t)\in U\mid v(b^*,t)=\hat v]\ \text{non-decreasing in } \hat v \ \forall U \text{ upper}"
           r"\Rightarrow \text{PB optimal}"),
    references=(PAPER + ", version of August 28, 2020 (the text encoded here); published in the Review of Economic Studies (2021)",
                "Strassen (1965); Kamae, Krengel and O'Brien (1977); Lukacs (1955); Manelli and Vincent (2006)"),
    figures={"pb_revenue_uniform": CurveFigure(
                 P, 0, 1, xlabel="bundle price $P$", ylabel="expected revenue", title="Pure bundling, U[0,1]$^2$",
                 caption="Revenue of selling the grand bundle at each price P in [0, 1] for two independent values "
                         "uniform on [0, 1] (spec R3), its maximum, and the revenue of the Manelli-Vincent menu, which is "
                         "higher: pure bundling is not optimal here (the claim R3_pb_optimal_uniform is expected to "
                         "fail)",
                 curves=(Curve.of(R_PB_U, r"pure bundling: $P\,(1 - P^2/2)$"),),
                 levels=(Level(REV_MV_SPEC, "Manelli-Vincent menu"),), marks=(Mark("max", "best bundle price"),)),
             "pb_revenue_exponential": CurveFigure(
                 P, 0, 6, xlabel="bundle price $P$", ylabel="expected revenue", title="Pure bundling, i.i.d. Exp(1)",
                 caption="Revenue of the grand bundle at each price P for two and for three independent values, "
                         "each exponential with mean 1 (spec R6, R7), with their maxima (the golden ratio for two goods)",
                 curves=(Curve.of(R_PB_E, r"two goods: $P(1+P)e^{-P}$"),
                         Curve.of(R_PB_E3, r"three goods: $Pe^{-P}(1+P+P^2/2)$")),
                 marks=(Mark("max", "best price, two goods", curve=0), Mark("max", "best price, three goods", curve=1))),
             "mv_menu": MenuRegionsFigure(
                 ((MV_MENU, "H", "Manelli-Vincent menu"),),
                 caption="Which item of the Manelli-Vincent menu (either good at 2/3, the bundle at (4 - √2)/3) a "
                         "buyer with values in the unit square buys (spec R3)")},
)

if __name__ == "__main__":  # pragma: no cover
    print(DERIVATION.verify(digits=50))
