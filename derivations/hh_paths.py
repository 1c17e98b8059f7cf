"""Haghpanah and Hartline, 'When Is Pure Bundling Optimal?' (2020), Sec. 4.1 (paths) and App. A.1-A.3:
virtual values (1), Lemma 1, Lemma 2 with (5)-(6), the regular case (2) and Fig. 4(b), Prop. 1 (both
directions, with the A.3.5 witness and (16)), fn. 1, the envelope (4), and the discrete machinery of the
proof: the Lagrangian (8)-(10), the flow constraint (7) (as printed it is infeasible; corrected by IR
multipliers), Lemmas 5-6, the ironing of Lemma 7 -- its recursion (12)-(15) as the paper writes it, with
the exact feasibility LP as a cross-check -- Lemma 8 and the approximation step (spec gaps G4-G9,
G13-G16).  Continuous statements are proved symbolically; finite ones exactly.
"""
from __future__ import annotations

import functools
import random
from fractions import Fraction as Fr

import sympy as sp

from derivations._hh_common import B1, B12, PAPER, parametric_path, prop1_witness_law, src
from symmech import Derivation, Distribution, Identity, Inequality, PiecewiseFunction, Scope
from symmech.reports.figures import Curve, CurveFigure, FromClaim, Level, Mark
from symmech.models.multigood.bundling import FiniteLaw, LotteryMenu, Valuation, bundle, grand, proper_bundles
from symmech.models.multigood.bundling_lp import FiniteFact, PBOptimalLP, optimal_revenue
from symmech.models.multigood.ratio_monotone import (
    Path,
    check_dual_certificate,
    concave_hull_slopes,
    downward_dual_certificate,
    flow_residuals,
    ironed_virtual_values,
    ironing_flow,
    lemma6_gaps,
    myerson_flow,
    ratio_violation,
    virtual_value,
)

SCOPE = Scope()
t, tp, k, c = sp.symbols("t t' k c", positive=True)
v, eps, th, x = sp.symbols("v epsilon theta x", nonnegative=True)
y = sp.Symbol("y", positive=True)


# ---- Prop. 1 ('only if' witness, A.3.5) ------------------------------------------------------------
W_PRICE = tp - v * (tp / t - 1) + eps
W_REV = (1 - t / tp) * v + (t / tp) * W_PRICE


def _witness_menu(tv, tpv, vv, vpv, emax_spec, lp_spec, pb_spec) -> tuple[bool, str]:
    """The A.3.5 mechanism at eps = eps_max earns t + (t/t') eps_max, which equals the exact LP optimum and beats pure
    bundling; eps_max, LP* and PB are compared with the spec's R2 values."""
    tv, tpv, vv, vpv = map(Fr, (tv, tpv, vv, vpv))
    emax = vv * (tpv / tv - 1) - max(Fr(0), vpv - vv)
    law = prop1_witness_law(tv, tpv, vv, vpv)
    menu = LotteryMenu([({B1: 1}, vv), ({grand(2): 1}, tpv - vv * (tpv / tv - 1) + emax)])
    rev = menu.revenue(law)
    lp = optimal_revenue(law).verify()
    pb, _ = law.best_pure_bundling()
    ok = (rev == tv + tv / tpv * emax == lp and rev > pb
          and (emax, lp, pb) == (Fr(emax_spec), Fr(lp_spec), Fr(pb_spec)))
    return ok, (f"eps_max = {emax}; witness revenue {rev}; LP* = {lp}; PB = {pb} "
                f"(spec R2: eps_max = {emax_spec}, LP* = {lp_spec}, PB = {pb_spec})")


def _random_ratio_monotone_paths() -> tuple[bool, str]:
    """Prop. 1 'if': random ratio-monotone paths (general, non-additive values) with random priors: LP* = PB."""
    rng = random.Random(2020)
    for trial in range(5):
        m = rng.randint(2, 4)
        ss = sorted(rng.sample(range(1, 9), m))
        r1 = sorted(Fr(rng.randint(0, 6), 6) for _ in range(m))
        r2 = sorted(Fr(rng.randint(0, 6), 6) for _ in range(m))
        types = [Valuation(2, {B1: s * a, bundle(2): s * b, B12: s}) for s, a, b in zip(ss, r1, r2)]
        w = [rng.randint(1, 5) for _ in range(m)]
        law = FiniteLaw(types, [Fr(x, sum(w)) for x in w])
        assert ratio_violation(Path.of(law)) is None
        lp = optimal_revenue(law).verify()
        pb, _ = law.best_pure_bundling()
        if lp != pb:
            return False, f"trial {trial}: LP* = {lp} != PB = {pb} on {law}"
    return True, "5 random ratio-monotone paths (2-4 types, exact LPs): LP* = PB on each"


# ---- eq. (1), fn. 2, Lemma 1, Lemma 2 on U[1, 2] --------------------------------------------------------
F_U, f_U = t - 1, sp.Integer(1)                      # U[1, 2]


def phi(vexpr, F=F_U, f=f_U):
    """Eq. (1): phi(b,t) = v(b,t) - d/dt v(b,t) (1 - F(t)) / f(t)."""
    return vexpr - sp.diff(vexpr, t) * (1 - F) / f


def _fn2_rhs():
    """Footnote 2's form for v(b,t) = t^2/2 (strictly increasing): v - (1 - F_b(v)) / f_b(v)."""
    Fb = (sp.sqrt(2 * y) - 1)               # law of v(b,t) = t^2/2: F_b(y) = F(sqrt(2y))
    fb = sp.diff(Fb, y)
    val = t**2 / 2
    return val - ((1 - Fb) / fb).subs(y, val)


def _fn2_rhs_nonmonotone():
    """Footnote 2's form for v(b,t) = (t - 3/2)^2 on U[1, 2] (not monotone): F_b(y) = F(3/2 + sqrt y) - F(3/2 - sqrt y)
    for y in [0, 1/4], computed from F; then v - (1 - F_b(v)) / f_b(v)."""
    Fb = F_U.subs(t, sp.Rational(3, 2) + sp.sqrt(y)) - F_U.subs(t, sp.Rational(3, 2) - sp.sqrt(y))
    fb = sp.diff(Fb, y)
    val = (t - sp.Rational(3, 2))**2
    return val - ((1 - Fb) / fb).subs(y, val)


def _lemma1():
    """Lemma 1 for the menu {b* at 5/4, b at 1} with v(b,t) = t^2/2 on U[1, 2]."""
    cross = 1 + 1 / sp.sqrt(2)       # t - 5/4 = t^2/2 - 1
    Ep = sp.Rational(5, 4) * (cross - sp.Rational(5, 4)) + 1 * (2 - cross)
    Ephi = sp.integrate(phi(t), (t, sp.Rational(5, 4), cross)) + sp.integrate(phi(t**2 / 2), (t, cross, 2))
    return Ep, Ephi - 0  # u(1) = 0


# ---- App. A.3: (7), (8)-(10), Lemma 6, Lemma 7 ------------------------------------------------------------
def _path(delta) -> Path:
    return Path.of(parametric_path(delta))


def _flows_corrected() -> tuple[bool, str]:
    P = _path("1/2")
    lam, ir = myerson_flow(P)
    res = flow_residuals(P, lam, ir)
    return all(r == 0 for r in res), f"residuals of the corrected (7) with lam(i,i-1) = G_i, lam(0, IR) = 1: {set(res)}"


def _flows_printed() -> tuple[bool, str]:
    P = _path("1/2")
    lam, _ = myerson_flow(P)
    res = flow_residuals(P, lam)
    return all(r == 0 for r in res), (f"(7) as printed (no IR multipliers) with lam(i,i-1) = G_i: residual at i = 0 is "
                                      f"{res[0]}; summed over i, (7) reads sum f_i = {sum(res)} = 0")


def _lagrangian() -> tuple[bool, str]:
    """(8) = (10) + sum_i u_i * (residual of the corrected (7)_i), exactly (SymPy expand), I = 3."""
    I = 3
    w = [[sp.Symbol(f"w_{i}{j}") for j in range(I)] for i in range(I)]       # w[i][j] = v(a_i, t_j)
    p = [sp.Symbol(f"p_{i}") for i in range(I)]
    f = [sp.Symbol(f"f_{i}") for i in range(I)]
    L = {(j, i): sp.Symbol(f"lambda_{j}{i}") for j in range(I) for i in range(I) if i != j}
    ir = [sp.Symbol(f"lambda_{i}IR") for i in range(I)]
    lag = sum(p[i] * f[i] for i in range(I))
    lag += sum(L[j, i] * (w[j][j] - p[j] - w[i][j] + p[i]) for (j, i) in L)
    lag += sum(ir[i] * (w[i][i] - p[i]) for i in range(I))
    phif = sum(w[i][i] * f[i] - sum(L[j, i] * (w[i][j] - w[i][i]) for j in range(I) if j != i) for i in range(I))
    res = [f[i] - sum(L[i, j] for j in range(I) if j != i) - ir[i] + sum(L[j, i] for j in range(I) if j != i)
           for i in range(I)]
    diff = sp.expand(lag - (phif - sum((w[i][i] - p[i]) * res[i] for i in range(I))))
    return diff == 0, f"L - (sum phi f - sum u_i res_i) expands to {diff}"


def _lemma6(delta) -> tuple[bool, str]:
    P = _path(delta)
    lam, _ = myerson_flow(P)
    gaps = lemma6_gaps(P, lam)
    # the displayed identity: r phi(b*) - phi(b) = (1/f_i) sum_j lam(j,i) (v(b,t_j) - r(b,t_i) t_j)
    for i, ti in enumerate(P.types):
        for b in (B1, bundle(2)):
            lhs = ti.values[b] / ti.s * virtual_value(P, lam, grand(2), i) - virtual_value(P, lam, b, i)
            rhs = sum((val * (P.types[j].values[b] - ti.values[b] / ti.s * P.types[j].s)
                       for (j, cc), val in lam.items() if cc == i), Fr(0)) / P.f[i]
            if lhs != rhs:
                return False, f"identity fails at i = {i}"
    neg = {key: g for key, g in gaps.items() if g < 0}
    if neg:
        key = min(neg, key=lambda kk: neg[kk])
        return False, f"r(b,t) phi(b*,t) - phi(b,t) = {neg[key]} < 0 at (bundle, s) = {key}"
    return True, f"all {len(gaps)} gaps >= 0 (minimum {min(gaps.values())}); the displayed identity holds exactly"


def _lemma6_reversed(delta) -> tuple[bool, str]:
    """Where the path is not ratio-monotone (r(b, .) strictly decreasing), the displayed identity of Lemma 6 gives
    the opposite sign: with lam(i+1, i) = G_{i+1} > 0, r(b,t_i) phi(b*,t_i) - phi(b,t_i) < 0 at every t_i below the
    top, and = 0 at the top type (no flow into it)."""
    P = _path(delta)
    lam, _ = myerson_flow(P)
    top = len(P.types) - 1
    decreasing = all(a.values[b] / a.s > c.values[b] / c.s for a, c in zip(P.types, P.types[1:]) for b in (B1, bundle(2)))
    bad = []
    for i, ti in enumerate(P.types):
        for b in (B1, bundle(2)):
            gap = ti.values[b] / ti.s * virtual_value(P, lam, grand(2), i) - virtual_value(P, lam, b, i)
            if (gap < 0) != (i < top) or (i == top and gap != 0):
                bad.append((str(ti.s), str(gap)))
    return decreasing and not bad, (f"r(b, .) strictly decreasing on the path: {decreasing}; gaps < 0 below the top "
                                    f"and 0 at the top" + (f"; exceptions {bad}" if bad else ""))


def _lagrangian_maximized() -> tuple[bool, str]:
    """With the Lemma 5 multipliers on the R5 (delta = 1/2) path, L(a) = sum_i phi(a_i, t_i) f_i is maximized over all
    allocations (pointwise: every bundle and 'nothing') by pure bundling, and max L = LP* = 5/2 (spec R5)."""
    law = parametric_path("1/2")
    P = Path.of(law)
    lam, _ = downward_dual_certificate(P, Fr(5, 2))
    bundles = [B1, bundle(2), grand(2)]
    best = sum((max([Fr(0)] + [virtual_value(P, lam, b, i) for b in bundles]) * P.f[i]
                for i in range(len(P.types))), Fr(0))
    L_pb = sum((virtual_value(P, lam, grand(2), i) * P.f[i] for i in range(len(P.types))), Fr(0))
    lp = optimal_revenue(law).verify()
    ok = L_pb == best == lp == Fr(5, 2)
    return ok, (f"L(pure bundling) = {L_pb}; max over allocations sum_i max_a phi(a, t_i) f_i = {best}; "
                f"LP* = {lp} (spec R5: 5/2); L(no sale) = 0")


def _r5_negative_values() -> tuple[bool, str]:
    """Spec R5, delta = -1/2: LP* = 87/55 > PB = 171/110 at P = 1.9 (exact LP and PB on the path)."""
    law = parametric_path("-1/2")
    pb, prices = law.best_pure_bundling()
    lp = optimal_revenue(law).verify()
    ok = lp == Fr(87, 55) and pb == Fr(171, 110) and prices == (Fr(19, 10),)
    return ok, f"LP* = {lp}; PB = {pb} at P in {list(map(str, prices))} (spec R5: 87/55 > 171/110 at 1.9)"


IRREG = FiniteLaw([Valuation(2, {B1: Fr(s, 2), B12: s}) for s in (1, 2, 3, 4)],
                  [Fr(1, 2), Fr(1, 8), Fr(1, 8), Fr(1, 4)])


def _lemma7() -> tuple[bool, str]:
    P = Path.of(IRREG)
    phibar = ironed_virtual_values(P)
    lam, _ = myerson_flow(P)
    raw = [virtual_value(P, lam, grand(2), i) for i in range(len(P.types))]
    tele = all(sum((raw[j] * P.f[j] for j in range(i, len(raw))), Fr(0)) == P.s[i] * P.G(i) for i in range(len(raw)))
    mono = all(a <= b for a, b in zip(phibar, phibar[1:]))
    surplus = sum((max(Fr(0), x) * fi for x, fi in zip(phibar, P.f)), Fr(0))
    pb, prices = IRREG.best_pure_bundling()
    lp = optimal_revenue(IRREG).verify()
    ok = tele and mono and surplus == pb == lp and not all(a <= b for a, b in zip(raw, raw[1:]))
    return ok, (f"Myerson phi = {list(map(str, raw))} (irregular; telescoping {tele}); ironed phibar = "
                f"{list(map(str, phibar))} (non-decreasing: {mono}); sum max(0, phibar) f = {surplus} = PB = {pb} "
                f"(P = {list(map(str, prices))}) = LP* = {lp}")


IRREG_RM = FiniteLaw([Valuation(2, {B1: Fr(s * s, 8), bundle(2): Fr(s, 4), B12: s}) for s in (1, 2, 3, 4)],
                     [Fr(1, 2), Fr(1, 8), Fr(1, 8), Fr(1, 4)])


def _lemma7_flow() -> tuple[bool, str]:
    """Lemma 7's multipliers built (exact feasibility LP) on an irregular ratio-monotone path, and the proof of
    Prop. 1 ('if') on it: Lemma 6 with lambda-bar, phibar(b,t) <= max(0, phibar(b*,t)), so the virtual-surplus
    bound sum max(0, phibar(b*)) f is attained by pure bundling and equals LP*."""
    P = Path.of(IRREG_RM)
    lam, ir = ironing_flow(P)
    phibar = ironed_virtual_values(P)
    induced = [virtual_value(P, lam, grand(2), i) for i in range(len(P.types))]
    I_ok = set(flow_residuals(P, lam, ir)) == {0}
    II_ok = all(j > i for (j, i) in lam)
    III_ok = induced == phibar and all(a <= b for a, b in zip(phibar, phibar[1:]))
    IV_ok = all(len(set(phibar[i:j])) == 1 for (j, i), v in lam.items() if v > 0)
    gaps = lemma6_gaps(P, lam)
    below = all(virtual_value(P, lam, b, i) <= max(Fr(0), induced[i]) for i in range(len(P.types)) for b in (B1, bundle(2)))
    bound = sum((max(Fr(0), x) * f for x, f in zip(induced, P.f)), Fr(0))
    pb, _ = IRREG_RM.best_pure_bundling()
    lp = optimal_revenue(IRREG_RM).verify()
    ok = I_ok and II_ok and III_ok and IV_ok and min(gaps.values()) >= 0 and below and bound == pb == lp
    return ok, (f"lambda-bar = {{{', '.join(f'{k}: {v}' for k, v in lam.items())}}}, IR = {ir[0]} at t_0; "
                f"(I) {I_ok} (II) {II_ok} (III) {III_ok} (IV) {IV_ok}; phibar = {list(map(str, phibar))}; "
                f"Lemma 6 min gap {min(gaps.values())}; phibar(b) <= max(0, phibar(b*)): {below}; "
                f"bound {bound} = PB {pb} = LP* {lp}")


def _c4(law_fn, what: str):
    """Lemma 5 with only downward multipliers (spec conjecture C4): a certificate for pure bundling, found by an
    exact feasibility LP and rechecked in Fractions (it proves PB optimal by weak duality)."""
    def run():
        law = law_fn()
        P = Path.of(law)
        pb, prices = law.best_pure_bundling()
        try:
            lam, ir = downward_dual_certificate(P, prices[0])
        except Exception as exc:  # noqa: BLE001
            lp = optimal_revenue(law).verify()
            if lp > pb:
                return False, (f"{what}: no certificate ({exc}); consistent with the exact LP* = {lp} > PB = {pb}, "
                               f"which excludes any (a certificate would prove PB optimal)")
            raise
        ok, detail = check_dual_certificate(P, prices[0], lam, ir)
        return ok, f"{what}, P = {prices[0]}: {detail}"
    return run


def _g3_minimizes() -> tuple[bool, str]:
    """A.3.2 says the optimal mechanism *minimizes* the Lagrangian; with the Lemma 5 multipliers on the R5
    (delta = 1/2) path, L = sum_i phi(a_i, t_i) f_i is 5/2 at pure bundling but 0 at 'sell nothing'."""
    law = parametric_path("1/2")
    P = Path.of(law)
    lam, ir = downward_dual_certificate(P, Fr(5, 2))
    L_pb = sum((virtual_value(P, lam, grand(2), i) * P.f[i] for i in range(len(P.types))), Fr(0))
    L_none = Fr(0)
    return L_pb <= L_none, (f"L(pure bundling) = {L_pb} > L(no sale) = {L_none}: the optimum maximizes the "
                            f"Lagrangian over mechanisms (lambda minimizes it)")


def _g6(printed: bool) -> tuple[bool, str]:
    """Lemma 7's gamma = 0 step: phibar(b*, t_k) f_k + Rbar(G_{k+1}) = Rbar(G_k) (corrected) versus the printed
    phibar(b*, t_k) + Rbar(G_{k+1}) = Rbar(G_{k+1}), at every k of the irregular path."""
    from symmech.models.multigood.ratio_monotone import concave_hull_slopes
    P = Path.of(IRREG)
    I = len(P.types)
    G = [P.G(i) for i in range(I)] + [Fr(0)]
    Rbar = concave_hull_slopes([(G[i], P.s[i] * G[i]) for i in range(I)] + [(Fr(0), Fr(0))])
    phibar = ironed_virtual_values(P)
    for kk in range(I):
        lhs = phibar[kk] + Rbar[G[kk + 1]] if printed else phibar[kk] * P.f[kk] + Rbar[G[kk + 1]]
        rhs = Rbar[G[kk + 1]] if printed else Rbar[G[kk]]
        if lhs != rhs:
            return False, f"k = {kk}: {lhs} != {rhs}"
    return True, f"holds at all {I} types"


# ---- fn. 1: relabelling types by their grand-bundle values -------------------------------------------------
FN1_TYPES = {   # types as labels (not numbers) with distinct grand-bundle values, listed in no particular order
    "x": {B1: Fr(1, 2), bundle(2): Fr(1, 5), B12: 2},
    "y": {B1: Fr(1, 4), bundle(2): Fr(1, 4), B12: 1},
    "z": {B1: Fr(3, 2), bundle(2): Fr(1, 2), B12: 3},
}
FN1_MU = {"x": Fr(1, 4), "y": Fr(1, 2), "z": Fr(1, 4)}


def _relabel(types: dict, mu: dict):
    """Fn. 1: T-hat = {v(b*, t)}, v-hat(., t-hat) = v(., v^{-1}(b*, t-hat)); None if v(b*, .) is not injective."""
    inv: dict = {}
    for lab, vals in types.items():
        inv.setdefault(vals[B12], []).append(lab)
    if any(len(ls) > 1 for ls in inv.values()):
        return None
    return {th: (types[ls[0]], mu[ls[0]]) for th, ls in sorted(inv.items())}


def _fn1(types: dict, mu: dict) -> tuple[bool, str]:
    """The relabelled path has v-hat(b*, t-hat) = t-hat, pushes mu forward, and has the same optimal revenue and
    the same best pure bundling as the original (exact LPs on both)."""
    orig = FiniteLaw([Valuation(2, types[k]) for k in types], [mu[k] for k in types])
    hat = _relabel(types, mu)
    if hat is None:
        # two labels share v(b*, .): v^{-1} picks one of them -- every choice gives one relabelled law per choice
        inv: dict = {}
        for lab, vals in types.items():
            inv.setdefault(vals[B12], []).append(lab)
        choices = [{th: ls[k % len(ls)] for th, ls in inv.items()} for k in range(2)]
        lps = []
        for ch in choices:
            m = {th: sum((mu[lab] for lab in inv[th]), Fr(0)) for th in inv}
            lps.append(optimal_revenue(FiniteLaw([Valuation(2, types[ch[th]]) for th in inv], [m[th] for th in inv])).verify())
        lp0 = optimal_revenue(orig).verify()
        return all(v == lp0 for v in lps), f"v(b*, .) not injective: LP* = {lp0}, relabelled by either inverse: {lps}"
    path = FiniteLaw([Valuation(2, vals) for vals, _ in hat.values()], [m for _, m in hat.values()])
    ok_id = all(vals[B12] == th for th, (vals, _) in hat.items())
    P = Path.of(path)
    ok_path = P.s == list(hat) and list(P.f) == [m for _, m in hat.values()]
    lp0, lp1 = optimal_revenue(orig).verify(), optimal_revenue(path).verify()
    pb0, pb1 = orig.best_pure_bundling(), path.best_pure_bundling()
    ok = ok_id and ok_path and lp0 == lp1 and pb0 == pb1
    return ok, (f"T-hat = {list(map(str, hat))}; v-hat(b*, t-hat) = t-hat: {ok_id}; a path with masses "
                f"{list(map(str, P.f))}: {ok_path}; LP* = {lp0} = {lp1}; PB = {pb0[0]} = {pb1[0]}")


FN1_TIED = {   # two labels with the same grand-bundle value: v^{-1}(b*, .) is not well defined
    "x": {B1: Fr(4, 5), B12: 1}, "y": {B1: Fr(1, 5), B12: 1}, "z": {B1: Fr(6, 5), B12: 2},
}
FN1_TIED_MU = {"x": Fr(1, 4), "y": Fr(1, 4), "z": Fr(1, 2)}


# ---- eq. (4): the envelope formula on a menu with a lottery ---------------------------------------------------
E4_MENU = [({"b*": 1}, sp.Rational(5, 4)), ({"b": 1}, sp.Integer(1)),
           ({"b*": sp.Rational(1, 2), "b": sp.Rational(1, 2)}, sp.Rational(21, 20))]
E4_V = {"b*": t, "b": t**2 / 2}                      # v(b*, t) = t, v(b, t) = t^2/2 on T = [1, 2], F = U[1, 2]


def _e4_value(item, tt):
    lot, _ = item
    return sum(pr * E4_V[b] for b, pr in lot.items()).subs(t, tt)


def _e4_choice(tt):
    """The item a type takes (None: nothing) and its utility, from the menu (ties to the seller)."""
    best, bu = None, sp.Integer(0)
    for k, item in enumerate(E4_MENU):
        u = sp.nsimplify(_e4_value(item, tt) - item[1])
        if sp.N(u - bu, 40) > 0 or (sp.N(u - bu, 40) == 0 and best is not None and item[1] > E4_MENU[best][1]):
            best, bu = k, u
    return best, bu


def _e4_regions():
    """Choice regions of the menu on [1, 2]: all pairwise crossings (and crossings with 0) as breakpoints, the
    choice read off at each midpoint."""
    utils = [sum(pr * E4_V[b] for b, pr in lot.items()) - price for lot, price in E4_MENU] + [sp.Integer(0)]
    pts = {sp.Integer(1), sp.Integer(2)}
    for i in range(len(utils)):
        for j in range(i + 1, len(utils)):
            for rt in sp.solveset(sp.Eq(utils[i], utils[j]), t, sp.Interval(1, 2)):
                pts.add(sp.nsimplify(rt))
    pts = sorted(pts, key=lambda e: sp.N(e, 40))
    return [(a, b, _e4_choice((a + b) / 2)[0]) for a, b in zip(pts, pts[1:])]


def _eq4() -> tuple[bool, str]:
    """Eq. (4) on the menu {b* at 5/4, b at 1, (b*/2 + b/2) at 21/20}: on every choice region u'(t) = d_2 v(a(t), t),
    and u(t) = u(1) + int_1^t d_2 v(a(s), s) ds at every breakpoint and at t = 2 (u read from the menu at each
    point); then Lemma 1: E[p] = E[phi(a(t), t)] - u(1) on U[1, 2]."""
    regs = _e4_regions()
    used = {k for _, _, k in regs if k is not None}
    acc = sp.Integer(0)
    ok = used == {0, 1, 2}
    Ep, Ephi = sp.Integer(0), sp.Integer(0)
    for a, b, k in regs:
        if k is None:
            continue
        lot, price = E4_MENU[k]
        v_a = sum(pr * E4_V[bb] for bb, pr in lot.items())
        u_k = v_a - price
        ok &= sp.simplify(sp.diff(u_k, t) - sp.diff(v_a, t)) == 0
        acc += sp.integrate(sp.diff(v_a, t), (t, a, b))
        ok &= sp.simplify(_e4_choice(b)[1] - (_e4_choice(1)[1] + acc)) == 0
        Ep += price * (b - a)
        Ephi += sp.integrate(phi(v_a), (t, a, b))
    lemma1 = sp.simplify(Ep - (Ephi - _e4_choice(1)[1]))
    ok &= lemma1 == 0
    return bool(ok), (f"regions {[(str(a), str(b), k) for a, b, k in regs]} (items 0, 1, 2 all taken); u(2) - u(1) "
                      f"= int d_2 v(a(s), s) ds = {sp.nsimplify(acc)}; E[p] - (E[phi(a)] - u(1)) = {lemma1}")


# ---- Lemma 7's recursion, eqs. (12)-(15), as printed ----------------------------------------------------------
IRONED7 = FiniteLaw([Valuation(2, {B1: Fr(s * s, 16), bundle(2): Fr(s * (s + 1), 64), B12: s}) for s in range(1, 8)],
                    [Fr(w, 33) for w in (5, 3, 7, 5, 3, 1, 9)])


def _hull(P: Path):
    I = len(P.types) - 1
    G = [P.G(i) for i in range(I + 1)] + [Fr(0)]
    R = {G[i]: P.s[i] * G[i] for i in range(I + 1)}
    Rbar = concave_hull_slopes([(G[i], P.s[i] * G[i]) for i in range(I + 1)] + [(Fr(0), Fr(0))])
    return G, R, Rbar


def lemma7_recursion(P: Path, start: int | None = None):
    """Lemma 7's construction as the paper writes it: lambda^I(i, i-1) = G_i (the start; the paper's index 'n'),
    then for kappa = start - 1, ..., 0 the updates (13)-(15) with gamma solving R^kappa(G_kappa) = Rbar(G_kappa),
    R^kappa from (12) (affine in gamma: gamma = (A - Rbar) / (A - B) with A its value at gamma = 0, B at gamma = 1;
    gamma = 1 when R(G_kappa) = Rbar(G_kappa), as the proof says).  ``start`` defaults to I (the number of the top
    type); the paper's 'from kappa = n' is ``start = n``, the number of products (spec gap G5).
    Returns (lambda-bar, IR multipliers, the steps (kappa, gamma, lambda^kappa))."""
    I = len(P.types) - 1
    gb = grand(P.types[0].n)
    G, R, Rbar = _hull(P)
    lam, ir = myerson_flow(P)

    def Rk(lm, i):                                   # (12): R^kappa(G_i) = sum_{j >= i} phi^kappa(b*, t_j) f(t_j)
        return sum((virtual_value(P, lm, gb, j) * P.f[j] for j in range(i, I + 1)), Fr(0))

    steps = [(I, Fr(1), dict(lam))]
    for kappa in range((I if start is None else start) - 1, -1, -1):
        target = Rbar[G[kappa]]
        B = Rk(lam, kappa)
        if B == target:
            steps.append((kappa, Fr(1), dict(lam)))
            continue
        if kappa == 0:
            raise ValueError("R(G_0) != Rbar(G_0): kappa - 1 = -1 does not exist")
        inflow = {j: v for (j, c), v in lam.items() if c == kappa and j > kappa}
        A = P.s[kappa] * P.f[kappa] + Rk(lam, kappa + 1)         # gamma = 0: no flow into kappa, phi = t_kappa
        gamma = (A - target) / (A - B)
        new = dict(lam)
        for j, v in inflow.items():
            new[(j, kappa)] = gamma * v                                           # (13)
            new[(j, kappa - 1)] = new.get((j, kappa - 1), Fr(0)) + (1 - gamma) * v  # (14)
        new[(kappa, kappa - 1)] = lam[(kappa, kappa - 1)] - (1 - gamma) * sum(inflow.values(), Fr(0))   # (15)
        lam = {k: v for k, v in new.items() if v != 0}
        steps.append((kappa, gamma, dict(lam)))
    return lam, ir, steps


def _recursion_invariants(P: Path) -> tuple[bool, str]:
    """Every iteration of the recursion: gamma in [0, 1]; (i) the corrected (7); (ii) lambda >= 0, downward only;
    (iii) R^kappa(G_i) = Rbar(G_i) for i >= kappa and R(G_i) for i < kappa; (iv) lambda(j, i) > 0, j > i + 1 =>
    R(G_j') < Rbar(G_j') for i < j' < j; (13)-(15) keep phi(b*, kappa) f_kappa + phi(b*, kappa - 1) f_kappa-1.  Start:
    R^I(G_i) = t_i G_i (telescoping).  End: phi-bar = the slopes of Rbar (ironed_virtual_values)."""
    I = len(P.types) - 1
    gb = grand(P.types[0].n)
    G, R, Rbar = _hull(P)
    lam, ir, steps = lemma7_recursion(P)

    def Rk(lm, i):
        return sum((virtual_value(P, lm, gb, j) * P.f[j] for j in range(i, I + 1)), Fr(0))

    bad = []
    if any(Rk(steps[0][2], i) != R[G[i]] for i in range(I + 1)):
        bad.append("start: R^I != R")
    prev = steps[0][2]
    for kappa, gamma, lm in steps:
        if not 0 <= gamma <= 1:
            bad.append(f"kappa = {kappa}: gamma = {gamma}")
        if set(flow_residuals(P, lm, ir)) != {0}:
            bad.append(f"kappa = {kappa}: (i)")
        if any(v < 0 or j <= i for (j, i), v in lm.items()):
            bad.append(f"kappa = {kappa}: (ii)")
        if any(Rk(lm, i) != (Rbar[G[i]] if i >= kappa else R[G[i]]) for i in range(I + 1)):
            bad.append(f"kappa = {kappa}: (iii)")
        if any(not R[G[jp]] < Rbar[G[jp]] for (j, i), v in lm.items() if v > 0 and j > i + 1 for jp in range(i + 1, j)):
            bad.append(f"kappa = {kappa}: (iv)")
        if kappa >= 1 and (virtual_value(P, lm, gb, kappa) * P.f[kappa] + virtual_value(P, lm, gb, kappa - 1) * P.f[kappa - 1]
                           != virtual_value(P, prev, gb, kappa) * P.f[kappa] + virtual_value(P, prev, gb, kappa - 1) * P.f[kappa - 1]):
            bad.append(f"kappa = {kappa}: the pair sum changed")
        prev = lm
    phibar = [virtual_value(P, lam, gb, i) for i in range(I + 1)]
    if phibar != ironed_virtual_values(P):
        bad.append("phi-bar != slopes of Rbar")
    gammas = [(k, str(g)) for k, g, _ in steps[1:] if g != 1]
    longs = {k: str(v) for k, v in lam.items() if k[0] > k[1] + 1}
    return not bad, (f"{len(steps) - 1} iterations kappa = {I - 1}..0; gamma != 1 at {gammas}; long-range flows of "
                     f"lambda-bar {longs}; phi-bar = {list(map(str, phibar))}" + (f"; failures {bad}" if bad else
                     "; (i)-(iv), the pair sums and the start R^I = R hold at every step"))


def _recursion_vs_lp(P: Path) -> tuple[bool, str]:
    """Cross-check: the LP route (ironing_flow: an exact feasibility LP for (I)-(IV)) and the recursion both give
    feasible downward multipliers inducing the same phi-bar(b*, .)."""
    gb = grand(P.types[0].n)
    lam_r, ir_r, _ = lemma7_recursion(P)
    lam_l, ir_l = ironing_flow(P)
    pr = [virtual_value(P, lam_r, gb, i) for i in range(len(P.types))]
    pl = [virtual_value(P, lam_l, gb, i) for i in range(len(P.types))]
    feas = set(flow_residuals(P, lam_r, ir_r)) == set(flow_residuals(P, lam_l, ir_l)) == {0}
    return feas and pr == pl, (f"recursion phi-bar {list(map(str, pr))}; LP phi-bar {list(map(str, pl))}; both feasible: "
                               f"{feas}; flows equal: {lam_r == lam_l}")


def _recursion_from_n(P: Path, n_products: int) -> tuple[bool, str]:
    """The recursion run 'from kappa = n' (n = number of products) instead of kappa = I: is phi-bar the ironed
    virtual value?"""
    gb = grand(P.types[0].n)
    lam, _, _ = lemma7_recursion(P, start=n_products)
    got = [virtual_value(P, lam, gb, i) for i in range(len(P.types))]
    want = ironed_virtual_values(P)
    mono = all(a <= b for a, b in zip(got, got[1:]))
    return got == want, (f"n = {n_products} products, I = {len(P.types) - 1}: phi = {list(map(str, got))} (non-decreasing: "
                         f"{mono}); ironed {list(map(str, want))}")


def _lemma7_IV(printed: bool) -> tuple[bool, str]:
    """Lemma 7 (IV) on lambda-bar of the recursion (IRONED7): lambda-bar(j, i) > 0 => phi-bar(b*, t_{j'}) =
    phi-bar(b*, t_{j''}) for all i <= j', j'' < j (corrected); as printed phi-bar(b*, t_j) = phi-bar(b*, t_{j''})."""
    P = Path.of(IRONED7)
    gb = grand(2)
    lam, _, _ = lemma7_recursion(P)
    ph = [virtual_value(P, lam, gb, i) for i in range(len(P.types))]
    bad = []
    for (j, i), v in sorted(lam.items()):
        if v <= 0:
            continue
        for jpp in range(i, j):
            lhs = ph[j] if printed else ph[i]
            if lhs != ph[jpp]:
                bad.append(((j, i), jpp, str(lhs), str(ph[jpp])))
    return not bad, (f"{sum(1 for v in lam.values() if v > 0)} positive multipliers; phi-bar = {list(map(str, ph))}"
                     + (f"; violated at (j, i), j'' = {bad[:3]}" if bad else "; the equalities hold"))


def _g7(with_origin: bool) -> tuple[bool, str]:
    """phi-bar(b*, t_I) = (Rbar(G_I) - Rbar(G_{I+1})) / f_I.  Without the point (0, 0) the hull is only defined on
    {G_0..G_I}: a concave function above R there may take any value Rbar(0) <= the continuation of its last
    segment -- two admissible values give different phi-bar(b*, t_I); with (0, 0), Rbar(0) = 0 and phi-bar(b*, t_I)
    = t_I, the value (9) forces for every downward lambda (no flow into the top type).  IRREG, I = 3."""
    P = Path.of(IRREG)
    I = len(P.types) - 1
    G = [P.G(i) for i in range(I + 1)]
    Rb = concave_hull_slopes([(G[i], P.s[i] * G[i]) for i in range(I + 1)])     # the printed support only
    slope = (Rb[G[I - 1]] - Rb[G[I]]) / (G[I - 1] - G[I])
    top = Rb[G[I]] - slope * G[I]              # the largest admissible Rbar(0): the last segment continued
    phis = {str(r0): (Rb[G[I]] - r0) / P.f[I] for r0 in (top, Fr(0))}
    lam, _ = myerson_flow(P)
    forced = virtual_value(P, lam, grand(2), I)
    if not with_origin:
        return len(set(phis.values())) == 1, (f"admissible Rbar(0) in (-oo, {top}]: Rbar(0) = {top} gives "
                                              f"phi-bar(b*, t_I) = {phis[str(top)]}, Rbar(0) = 0 gives {phis['0']}")
    full = ironed_virtual_values(P)
    same = all(concave_hull_slopes([(G[i], P.s[i] * G[i]) for i in range(I + 1)] + [(Fr(0), Fr(0))])[G[i]] == Rb[G[i]]
               for i in range(I + 1))
    ok = full[I] == forced == P.s[I] and same
    return ok, (f"with (0, 0): phi-bar(b*, t_I) = {full[I]} = t_I = {P.s[I]} = phi(b*, t_I) of (9) for downward lambda "
                f"({forced}); adding (0, 0) leaves Rbar(G_i) unchanged for i <= I: {same}")


def _threshold(printed: bool) -> tuple[bool, str]:
    """Prop. 1's proof prices at t*: printed 'phi-bar(b*, t) < 0 if t <= t*' makes t* the largest type with negative
    phi-bar; corrected, t* is the smallest type with phi-bar >= 0.  Pure bundling at that t* against LP*."""
    law = IRREG_RM
    P = Path.of(law)
    ph = ironed_virtual_values(P)
    if printed:
        neg = [s for s, x in zip(P.s, ph) if x < 0]
        tstar = max(neg)
    else:
        tstar = min(s for s, x in zip(P.s, ph) if x >= 0)
    rev = law.pb_revenue(tstar)
    lp = optimal_revenue(law).verify()
    return rev == lp, f"phi-bar = {list(map(str, ph))} at s = {list(map(str, P.s))}; PB at t* = {tstar} earns {rev}; LP* = {lp}"


def _prop1_cs(law) -> tuple[bool, str]:
    """Prop. 1 ('if', finite T), the proof's last step: with lambda-bar of Lemma 7's recursion and pure bundling at
    t* (the smallest t with phi-bar(b*, t) >= 0), Lemma 5 holds -- the corrected (7), complementary slackness (11),
    and pure bundling maximizing the virtual surplus (10) pointwise -- and lambda-bar(j, i) = 0 whenever
    t_i < t* < t_j (the proof's use of properties (2) and (4), i.e. (II) and (IV))."""
    P = Path.of(law)
    lam, ir, _ = lemma7_recursion(P)
    ph = [virtual_value(P, lam, grand(2), i) for i in range(len(P.types))]
    tstar = min(s for s, x in zip(P.s, ph) if x >= 0)
    ok, detail = check_dual_certificate(P, tstar, lam, ir)
    across = [(j, i) for (j, i), v in lam.items() if v > 0 and P.s[i] < tstar < P.s[j]]
    lp = optimal_revenue(law).verify()
    ok = ok and not across and law.pb_revenue(tstar) == lp
    return ok, f"t* = {tstar}: {detail}; multipliers across t*: {across}; PB(t*) = {law.pb_revenue(tstar)} = LP* = {lp}"


# ---- Lemma 6 as the discrete Lemma 2 (spec gap G14) ------------------------------------------------------------
def _lemma6_discretizes_lemma2() -> tuple[bool, str]:
    """On the grid t_i = 1 + i/N (uniform masses, the discrete U[1, 2]) with Myerson's downward flow, Lemma 6's
    gap r(b, t) phi(b*, t) - phi(b, t) of (9) at t = 3/2 tends to Lemma 2's gap (d_2 v - v/t)(1 - F)/f of (6)
    (eq. (1), U[1, 2]), v(b, t) = t^2/2: the error shrinks like 1/N."""
    cont = (t**2 / 2 / t * phi(t) - phi(t**2 / 2)).subs(t, sp.Rational(3, 2))
    errs = []
    for N in (10, 50, 250):
        ts = [1 + Fr(i, N) for i in range(N + 1)]
        law = FiniteLaw([Valuation(2, {B1: s * s / 2, B12: s}) for s in ts], [Fr(1, N + 1)] * (N + 1))
        P = Path.of(law)
        lam, _ = myerson_flow(P)
        i = N // 2
        gap = P.types[i].values[B1] / P.s[i] * virtual_value(P, lam, grand(2), i) - virtual_value(P, lam, B1, i)
        errs.append((N, gap - Fr(str(cont))))
    ok = all(0 <= e <= Fr(1, N) for N, e in errs) and errs[0][1] > errs[1][1] > errs[2][1]
    return ok, f"Lemma 2 gap at t = 3/2: {cont}; Lemma 6 gap minus it: {[(N, str(e)) for N, e in errs]}"


# ---- Lemma 8 (Madarasz-Prat; Carroll, Lemma 4.3): delta-close priors, a discounted menu ------------------------
def _close_copy(law: FiniteLaw, rad: Fr, rng: random.Random, copies: int = 2) -> tuple[FiniteLaw, list]:
    """A prior delta-close to ``law`` (delta = 2 rad): each type t is the cell {t} u {its copies}; a copy moves every
    value by at most rad (b* stays maximal, values >= 0) and the copies share t's mass.  Returns (law', cells)."""
    n = law.n
    gb = grand(n)
    types, probs, cells = [], [], []
    for t0, p in zip(law.types, law.probs):
        cell = [t0]
        for _ in range(copies):
            s = max(Fr(0), t0.s + rad * Fr(rng.choice([-4, -4, -2, 0, 2, 4]), 4))
            vals = {b: min(max(Fr(0), t0.values[b] + rad * Fr(rng.randint(-4, 4), 4)), s) for b in proper_bundles(n)}
            vals[gb] = s
            cell.append(Valuation(n, vals))
            types.append(cell[-1])
            probs.append(p / copies)
        cells.append(cell)
    return FiniteLaw(types, probs), cells


def _delta_close(cells, law, law2, delta) -> bool:
    """The paper's definition: a partition into cells with v(b,t) - v(b,t') <= delta inside each cell and equal cell
    masses under both priors (cells = the types of ``law`` with their copies in ``law2``)."""
    keys = [{repr(sorted(t.values.items(), key=lambda kv: sorted(kv[0]))) for t in c} for c in cells]
    disjoint = all(not (a & b) for i, a in enumerate(keys) for b in keys[i + 1:])
    spread = all(abs(a.values[b] - c.values[b]) <= delta for cell in cells for a in cell for c in cell for b in a.values)
    m1 = [sum((p for t, p in zip(law.types, law.probs) if t in cell), Fr(0)) for cell in cells]
    m2 = [sum((p for t, p in zip(law2.types, law2.probs) if t in cell[1:]), Fr(0)) for cell in cells]
    return disjoint and spread and m1 == m2


L8_MENUS = {   # (prior, menu, what): menus whose IC constraints bind, so small value changes move buyers
    "Prop. 1 witness (R2)": (prop1_witness_law(1, 3, "1/2", "6/5"),
                              LotteryMenu([({B1: 1}, Fr(1, 2)), ({grand(2): 1}, Fr(23, 10))])),
    "pure bundling at 2 (R1 types)": (FiniteLaw([Valuation(2, {B1: Fr(4, 5), B12: 1}), Valuation(2, {B1: Fr(6, 5), B12: 2})],
                                               [Fr(1, 2), Fr(1, 2)]),
                                      LotteryMenu([({grand(2): 1}, 2)])),
}


def _lemma8(discounted: bool) -> tuple[bool, str]:
    """Lemma 8 on two menus and eps in {1/2, 1/10}: delta = (eps / (pmax + 2))^2 and the menu (a', p') with every
    price scaled by 1 - sqrt(delta) (revealed preference: a buyer whose values move by <= delta then pays at least
    p - 2 sqrt(delta), so E_mu'[p'] >= E_mu[p] - sqrt(delta)(pmax + 2) = E_mu[p] - eps).  20 random delta-close
    priors per case (checked against the definition) and the one lowering every value by delta/2.
    ``discounted=False``: the unmodified menu (a', p') = (a, p)."""
    rng = random.Random(8)
    worst = []
    for what, (law, menu) in L8_MENUS.items():
        pmax = max(it.price for it in menu.items)
        base = menu.revenue(law)
        for eps in (Fr(1, 2), Fr(1, 10)):
            eta = eps / (pmax + 2)
            delta = eta * eta
            menu2 = LotteryMenu([(it.lottery, it.price * (1 - eta)) for it in menu.items]) if discounted else menu
            gap = None
            for k in range(21):
                if k < 20:
                    law2, cells = _close_copy(law, delta / 2, rng)
                else:       # every value lowered by delta / 2
                    law2 = FiniteLaw([Valuation(law.n, {b: max(Fr(0), v - delta / 2) for b, v in t.values.items() if b})
                                      for t in law.types], law.probs)
                    cells = [[t0, t1] for t0, t1 in zip(law.types, law2.types)]
                    law2 = FiniteLaw([c[1] for c in cells], law.probs)
                if not _delta_close(cells, law, law2, delta):
                    return False, f"{what}: a generated prior is not delta-close"
                g = menu2.revenue(law2) - (base - eps)
                gap = g if gap is None else min(gap, g)
            worst.append((what, str(eps), str(delta), str(gap)))
    ok = all(Fr(g) >= 0 for *_, g in worst)
    return ok, ("min over delta-close priors of E_mu'[p'] - (E_mu[p] - eps): "
                + "; ".join(f"{w}, eps = {e}, delta = {d}: {g}" for w, e, d, g in worst))


# ---- Prop. 1 proof, approximation step (spec gap G9): the printed partition of T ------------------------------
# paths on T = [1, 3] with v(b*, t) = t and one more bundle b; v(b, .) as pieces (lo, hi, lo_open, slope, intercept)
G9_JUMP = [(Fr(1), Fr(3, 2), False, Fr(1, 4), Fr(0)), (Fr(3, 2), Fr(3), True, Fr(1, 2), Fr(0))]
G9_KINK = [(Fr(1), Fr(18, 7), False, Fr(1, 4), Fr(0)), (Fr(18, 7), Fr(3), False, Fr(2), Fr(-9, 2))]
G9_T = (Fr(1), Fr(3))


def _pl_value(pieces, tt):
    for lo, hi, op, sl, ic in pieces:
        if (lo < tt or (lo == tt and not op)) and tt <= hi:
            return sl * tt + ic
    raise ValueError(tt)


def _pl_sup_below(pieces, thr):
    """sup{t in T : v(b, t) <= thr} for a non-decreasing piecewise-linear v(b, .) (None if empty)."""
    best = None
    for lo, hi, op, sl, ic in pieces:
        top = hi if sl == 0 and ic <= thr else ((thr - ic) / sl if sl > 0 else None)
        if top is None:
            continue
        cand = min(hi, top)
        if cand > lo or (cand == lo and not op):
            best = cand if best is None else max(best, cand)
    return best


def _printed_partition(pieces, delta, max_steps=200):
    """t'_0 = inf T, t'_{i+1} = sup{t in T : v(b, t) <= v(b, t'_i) + delta for all b} (the paper's rule; b* and b).
    Returns (points, stalled)."""
    pts = [G9_T[0]]
    while pts[-1] < G9_T[1] and len(pts) < max_steps:
        ti = pts[-1]
        nxt = min(min(G9_T[1], ti + delta), _pl_sup_below(pieces, _pl_value(pieces, ti) + delta))
        if nxt <= ti:
            return pts, True
        pts.append(nxt)
    return pts, pts[-1] < G9_T[1]


def _g9_partition(pieces, what) -> tuple[bool, str]:
    """The printed rule reaches sup T after finitely many cells, each cell moving every value by at most delta and
    t'_{i+1} - t'_i >= delta / L (L the largest slope of v(., .), here 2): at most (3 - 1) L / delta cells."""
    delta = Fr(1, 10)
    pts, stalled = _printed_partition(pieces, delta)
    if stalled:
        return False, f"{what}: the rule stalls at t'_i = {pts[-1]} after {len(pts) - 1} steps: t'_(i+1) = t'_i"
    L = max([Fr(1)] + [sl for *_, sl, _ in pieces])
    steps_ok = all(b - a >= delta / L for a, b in zip(pts, pts[1:]))
    close = all(_pl_value(pieces, b) - _pl_value(pieces, a) <= delta and b - a <= delta for a, b in zip(pts, pts[1:]))
    ok = steps_ok and close and len(pts) - 1 <= (G9_T[1] - G9_T[0]) * L / delta
    return ok, (f"{what}: {len(pts) - 1} cells (bound {(G9_T[1] - G9_T[0]) * L / delta}); steps >= delta/L: {steps_ok}; "
                f"values move <= delta in each cell: {close}; last points {list(map(str, pts[-4:]))}")


def _g9_pb_without_eps() -> tuple[bool, str]:
    """mu = U[1, 3] on the continuous path; mu' puts the mass of [t'_i, t'_{i+1}) on t'_i (delta = 1/3, printed rule).
    mu' is first-order dominated by mu, so OPT_PB(mu') <= OPT_PB(mu) with no eps (the proof adds eps)."""
    delta = Fr(1, 3)
    pts, stalled = _printed_partition(G9_KINK, delta)
    mass = {a: (b - a) / 2 for a, b in zip(pts, pts[1:])}
    mu_surv = lambda P: (G9_T[1] - max(P, G9_T[0])) / 2 if P <= G9_T[1] else Fr(0)   # U[1, 3]: Pr[s >= P]
    mu2_surv = lambda P: sum((m for a, m in mass.items() if a >= P), Fr(0))
    probes = sorted(set(pts) | {(a + b) / 2 for a, b in zip(pts, pts[1:])})
    dominated = all(mu2_surv(P) <= mu_surv(P) for P in probes)
    opt2 = max(P * mu2_surv(P) for P in mass)
    Pv = sp.Symbol("P", positive=True)
    R = Pv * (3 - Pv) / 2
    crit = [c for c in sp.solve(sp.diff(R, Pv), Pv) if 1 <= c <= 3] + [1, 3]
    opt = max(R.subs(Pv, c) for c in crit)
    ok = not stalled and dominated and opt2 <= Fr(str(opt))
    return ok, (f"cells at {list(map(str, pts))}; Pr_mu'[s >= P] <= Pr_mu[s >= P] at every probe: {dominated}; "
                f"OPT_PB(mu') = {opt2} <= OPT_PB(mu) = {opt}")


def _tiny_violation() -> tuple[bool, str]:
    """Prop. 1 'only if' for an arbitrarily small strict violation: t = 1, t' = 2, v(b, .) = (1/2, 999/1000)
    (ratios 1/2 > 999/2000): eps_max = v(b,t)(t'/t - 1) - max(0, v(b,t') - v(b,t)) > 0 and the A.3.5 menu earns
    t + (t/t') eps_max > t = PB; the exact LP* agrees."""
    tv, tpv, vv, vpv = Fr(1), Fr(2), Fr(1, 2), Fr(999, 1000)
    emax = vv * (tpv / tv - 1) - max(Fr(0), vpv - vv)
    law = prop1_witness_law(tv, tpv, vv, vpv)
    menu = LotteryMenu([({B1: 1}, vv), ({grand(2): 1}, tpv - vv * (tpv / tv - 1) + emax)])
    rev = menu.revenue(law)
    pb, _ = law.best_pure_bundling()
    lp = optimal_revenue(law).verify()
    ok = emax > 0 and rev == tv + tv / tpv * emax > pb == tv and lp >= rev
    return ok, f"eps_max = {emax}; witness revenue {rev} > PB = {pb}; LP* = {lp}"


# ---- eq. (2) and Fig. 4: the bound E max(0, phi(b*, t)) against pure bundling ------------------------------------
@functools.cache
def _vv_bound_vs_pb(pieces):
    """F with a piecewise-constant density on an interval (pieces (a, b, f)): E max(0, phi(b*, t)) with phi of
    eq. (1) and the best pure-bundling revenue max_P P (1 - F(P)) (piece ends and stationary points)."""
    Evv, best, Fa = sp.Integer(0), sp.Integer(0), sp.Integer(0)
    for a, b, dens in pieces:
        F = Fa + dens * (t - a)
        Evv += sp.integrate(sp.Max(0, phi(t, F, dens)) * dens, (t, a, b))
        R = t * (1 - F)
        cands = [a, b] + [rr for rr in sp.solve(sp.diff(R, t), t) if a <= rr <= b]
        best = sp.Max(best, *[R.subs(t, c) for c in cands])
        Fa = F.subs(t, b)
    return sp.nsimplify(Evv), sp.nsimplify(best)


R_ = sp.Rational
FIG4B_PIECES = ((1, R_(6, 5), 2), (R_(6, 5), R_(14, 5), R_(1, 10)), (R_(14, 5), 3, R_(11, 5)))   # phi: +, -, +
X2_PIECES = ((10, R_(51, 5), 2), (R_(51, 5), R_(54, 5), R_(1, 2)), (R_(54, 5), 11, R_(3, 2)))      # phi > 0, not monotone


def _eq2_regular() -> tuple[bool, str]:
    """Eq. (2), regular case, U[1, 2]: the bound E max(0, phi(b*, t)) equals the best pure-bundling revenue, attained
    at the threshold t* where phi(b*, t*) = 0 (here t* = 1: everyone buys)."""
    bound, best = _vv_bound_vs_pb(((1, 2, 1),))
    tstar = sp.solve(phi(t), t)
    Pv = tstar[0]
    return bool(bound == best == Pv * (1 - F_U.subs(t, Pv))), f"E max(0, phi) = {bound}; max_P P(1 - F(P)) = {best}; t* = {tstar}"


def _claims() -> list:
    P1, A35 = src("Prop. 1"), src("Prop. 1, App. A.3.5")
    return [
        Identity("prop1_witness_revenue", lhs=W_REV, rhs=t + t / tp * eps, source=A35,
                 over=[(t, 1, 2), (tp, 3, 4), (v, 0, 1), (eps, 0, 1)],
                 statement=r"(1-\tfrac t{t'})v(b,t)+\tfrac t{t'}\big(t'-v(b,t)(\tfrac{t'}t-1)+\epsilon\big) = t+\tfrac t{t'}\epsilon"),
        Identity("prop1_witness_low_deviation", lhs=t - W_PRICE, rhs=(t - tp) * (1 - v / t) - eps, source=A35,
                 over=[(t, 1, 2), (tp, 3, 4), (v, 0, 1), (eps, 0, 1)],
                 statement=r"t - \big(t'-v(b,t)(\tfrac{t'}t-1)+\epsilon\big) = (t-t')(1-\tfrac{v(b,t)}t)-\epsilon"),
        Identity("prop1_eps_max_slack", lhs=v * (tp / t - 1) - (th * tp * v / t - v), rhs=v * tp * (1 - th) / t,
                 source=A35, over=[(t, 1, 2), (tp, 3, 4), (v, 0, 1), (th, 0, 1)],
                 statement=r"v(b,t')=\theta\tfrac{t'}{t}v(b,t):\ v(b,t)(\tfrac{t'}t-1)-(v(b,t')-v(b,t)) = \tfrac{v(b,t)t'(1-\theta)}{t}",
                 note="a strict violation is theta < 1, so both terms of eps_max = v(b,t)(t'/t - 1) - max(0, v(b,t') - "
                      "v(b,t)) are positive (t' > t): eps_max > 0"),
        Identity("eq16_high_type_utility", lhs=tp - W_PRICE, rhs=v * (tp / t - 1) - eps, source=f"{A35}, eq. (16)",
                 over=[(t, 1, 2), (tp, 3, 4), (v, 0, 1), (eps, 0, 1)],
                 statement=r"t'-\big(t'-v(b,t)(\tfrac{t'}t-1)+\epsilon\big) = v(b,t)(\tfrac{t'}t-1)-\epsilon\quad(16)",
                 note="the high type's utility from truth-telling, computed from the witness menu's price"),
        FiniteFact("prop1_only_if_tiny_violation", source=f"{A35} (spec gap G13)", compute=_tiny_violation,
                   statement=r"v(b,\cdot)/t = (\tfrac12, \tfrac{999}{2000}):\ \epsilon_{\max}=\tfrac1{1000}>0,\ "
                             r"\text{witness} = LP^* = t+\tfrac t{t'}\epsilon_{\max} > PB = t",
                   note="G13: 'not non-decreasing' gives a strict pair t < t' in T, and any strict violation, however "
                        "small, gives eps_max > 0 and a witness that beats pure bundling"),
        FiniteFact("fn1_relabel_distinct_values", source=src("fn. 1, Sec. 4.1"), compute=lambda: _fn1(FN1_TYPES, FN1_MU),
                   statement=r"\hat T=\{v(b^*,t)\},\ \hat v(\cdot,\hat t)=v(\cdot,v^{-1}(b^*,\hat t)):\ \hat v(b^*,\hat t)=\hat t,"
                             r"\ LP^*(\hat\mu)=LP^*(\mu),\ PB(\hat\mu)=PB(\mu)",
                   note="three labelled types with distinct grand-bundle values, relabelled by fn. 1; both mechanism "
                        "LPs solved exactly"),
        FiniteFact("fn1_relabel_tied_values", source=src("fn. 1"), compute=lambda: _fn1(FN1_TIED, FN1_TIED_MU),
                   expect="fails", corrected="fn1_relabel_distinct_values",
                   statement=r"\text{relabelling by } v(b^*,t) \text{ preserves } LP^* \text{ when two types share } v(b^*,t)",
                   note="the hypothesis of fn. 1 (distinct values) is needed: v^{-1}(b*, .) must pick one of two types, "
                        "and either choice changes the optimal revenue (11/10 becomes 6/5 or 1)"),
        FiniteFact("eq4_envelope_lottery_menu", source=src("eq. (4), Lemma 1, App. A.1"), compute=_eq4,
                   statement=r"u(t)=\max(0,\max_k v(a_k,t)-p_k):\ u'(t)=\partial_2v(a(t),t),\ u(t)=u(1)+\int_1^t\partial_2v(a(s),s)ds;"
                             r"\ \mathbb E[p]=\mathbb E[\phi(a(t),t)]-u(1)",
                   note="menu {b* at 5/4, b at 1, (b*/2 + b/2) at 21/20}, v(b, t) = t^2/2, F = U[1, 2]: all three items "
                        "are taken; regions from exact crossings, u read from the menu at each breakpoint"),
        FiniteFact("lemma7_recursion_eqs12_15", source=src("Lemma 7 (proof), eqs. (12)-(15), Fig. 8"),
                   compute=lambda: _recursion_invariants(Path.of(IRONED7)),
                   statement=r"\lambda^I(i,i-1)=G_i;\ (13)\text{-}(15),\ \gamma: R^\kappa(G_\kappa)=\bar R(G_\kappa):\ "
                             r"\text{(i)-(iv) at every }\kappa;\ \bar\phi(b^*,\cdot)=\text{slopes of }\bar R",
                   note="the recursion exactly as written (gamma in closed form: R^kappa(G_kappa) is affine in gamma), "
                        "with kappa running from I (not n, spec gap G5) and the origin in the hull (G7); IRONED7: 7 "
                        "types, ironing at kappa = 1 and kappa = 4, 5, long-range flows created by (14)"),
        FiniteFact("lemma7_recursion_irregular_rm", source=src("Lemma 7 (proof), eqs. (12)-(15)"),
                   compute=lambda: _recursion_invariants(Path.of(IRREG_RM)),
                   statement=r"\text{the same on the irregular ratio-monotone path of lemma7\_flow\_and\_prop1\_proof}"),
        FiniteFact("lemma7_recursion_matches_lp", source=src("Lemma 7, eqs. (12)-(15)"),
                   compute=lambda: _recursion_vs_lp(Path.of(IRONED7)),
                   statement=r"\bar\lambda \text{ of the recursion and of the exact feasibility LP induce the same } \bar\phi(b^*,\cdot)",
                   note="cross-check: the LP (ironing_flow) is another route to Lemma 7's multipliers; the flows "
                        "differ, the induced ironed virtual values agree"),
        FiniteFact("lemma7_recursion_from_n_as_printed", source=src("Lemma 7 (proof; spec gap G5)"),
                   compute=lambda: _recursion_from_n(Path.of(IRONED7), 2), expect="fails",
                   corrected="lemma7_recursion_eqs12_15",
                   statement=r"\text{the recursion 'from } \kappa=n \text{ to } \kappa=0\text{' (n = 2 products, I = 6) gives the "
                             r"ironed virtual values}",
                   note="G5: n is the number of products; run from kappa = n the updates at kappa = 4, 5 never happen "
                        "and phi(b*, .) is not monotone"),
        FiniteFact("lemma7_IV_as_printed", source=src("Lemma 7 (IV) (spec gap G15)"), compute=lambda: _lemma7_IV(True),
                   expect="fails", corrected="lemma7_IV_corrected",
                   statement=r"\bar\lambda(j,i)>0 \Rightarrow \bar\phi(b^*,t_j)=\bar\phi(b^*,t_{j''})\ \forall i\le j''<j",
                   note="typo t_j for t_{j'}: a positive local flow lambda-bar(i+1, i) across a strict increase of "
                        "phi-bar violates the printed form"),
        FiniteFact("lemma7_IV_corrected", source=src("Lemma 7 (IV)"), compute=lambda: _lemma7_IV(False),
                   statement=r"\bar\lambda(j,i)>0 \Rightarrow \bar\phi(b^*,t_{j'})=\bar\phi(b^*,t_{j''})\ \forall i\le j',j''<j"),
        FiniteFact("lemma7_top_slope_hull_without_origin", source=src("Lemma 7 (proof; spec gap G7)"),
                   compute=lambda: _g7(False), expect="fails", corrected="lemma7_top_slope_with_origin",
                   statement=r"\bar R \text{ 'defined over } \{G_i\}_{i\le I}\text{' determines } "
                             r"\bar\phi(b^*,t_I)=\tfrac{\bar R(G_I)-\bar R(G_{I+1})}{f(t_I)}",
                   note="G_{I+1} = 0 is outside the printed support: concave functions above R on {G_i} admit every "
                        "Rbar(0) <= 3/4 here, and phi-bar(b*, t_I) changes with it"),
        FiniteFact("lemma7_top_slope_with_origin", source=src("Lemma 7 (proof; spec gap G7, corrected)"),
                   compute=lambda: _g7(True),
                   statement=r"(0,0)\in\text{hull}:\ \bar\phi(b^*,t_I)=t_I=\phi(b^*,t_I) \text{ of (9) for every downward }\lambda;"
                             r"\ \bar R(G_i) \text{ unchanged for } i\le I"),
        FiniteFact("prop1_threshold_as_printed", source=src("Prop. 1 (proof, App. A.3.5; spec gap G8)"),
                   compute=lambda: _threshold(True), expect="fails", corrected="prop1_threshold_corrected",
                   statement=r"t^*:\ \bar\phi(b^*,t)<0 \text{ iff } t\le t^*;\ \text{pure bundling at } t^* \text{ is optimal}",
                   note="with the printed threshold t* is a type with negative phi-bar, and the price t* sells to it"),
        FiniteFact("prop1_threshold_corrected", source=src("Prop. 1 (proof, App. A.3.5; spec gap G8, corrected)"),
                   compute=lambda: _threshold(False),
                   statement=r"t^*=\min\{t:\bar\phi(b^*,t)\ge0\}:\ PB(t^*)=LP^*"),
        FiniteFact("prop1_proof_complementary_slackness", source=src("Prop. 1 (proof, App. A.3.5), Lemma 5, Lemma 7, eq. (11) "
                                                                   "(spec gap G16)"),
                   compute=lambda: _prop1_cs(IRONED7),
                   statement=r"\bar\lambda \text{ (recursion)}, PB \text{ at } t^*:\ \text{(7), (11), (10) maximized};\ "
                             r"\bar\lambda(j,i)=0 \text{ for } t_i<t^*<t_j",
                   note="the proof's 'properties (1), (2), (4) of Lemma 7' are (I), (II), (IV) (G16); checked on the "
                        "multipliers the recursion builds"),
        FiniteFact("lemma6_discretizes_lemma2", source=src("Lemma 6, Lemma 2, eq. (6) (spec gap G14)"),
                   compute=_lemma6_discretizes_lemma2,
                   statement=r"t_i=1+\tfrac iN:\ r\phi(b^*,t_i)-\phi(b,t_i) \text{ of (9)} \to (\partial_2v-\tfrac vt)\tfrac{1-F}f "
                             r"\text{ of (6) at } t=\tfrac32,\ v=\tfrac{t^2}2",
                   note="G14: the appendix calls Lemma 6 'similar to Lemma 1'; it is the discrete form of Lemma 2's "
                        "(6): the gaps converge (error 1/(4N))"),
        FiniteFact("lemma8_discounted_menu", source=src("Lemma 8 (Madarasz and Prat 2017), App. A.3.4"),
                   compute=lambda: _lemma8(True),
                   statement=r"\delta=(\tfrac{\epsilon}{\bar p+2})^2,\ p'=(1-\sqrt\delta)p:\ "
                             r"\mathbb E_{\mu'}[p']\ge\mathbb E_\mu[p]-\epsilon \text{ for } \delta\text{-close } \mu,\mu'",
                   note="the lemma is cited; checked for one construction of (a', p') (prices discounted by sqrt(delta)) "
                        "on two menus with binding IC constraints, eps in {1/2, 1/10}, 21 delta-close priors each "
                        "(checked against the paper's definition)"),
        FiniteFact("lemma8_same_menu", source=src("Lemma 8, App. A.3.4"), compute=lambda: _lemma8(False),
                   expect="fails", corrected="lemma8_discounted_menu",
                   statement=r"(a',p')=(a,p):\ \mathbb E_{\mu'}[p]\ge\mathbb E_\mu[p]-\epsilon \text{ for } \delta\text{-close } \mu,\mu'",
                   note="without modifying the mechanism the revenue is not continuous: a buyer at a binding IC "
                        "constraint (or at the price) switches for any delta > 0"),
        FiniteFact("prop1_partition_jump_as_printed", source=src("Prop. 1 (proof, App. A.3.5; spec gap G9)"),
                   compute=lambda: _g9_partition(G9_JUMP, "v(b, t) = t/4 on [1, 3/2], t/2 on (3/2, 3]"),
                   expect="fails", corrected="prop1_partition_continuous_path",
                   statement=r"t'_{i+1}=\sup\{t\in T: v(b,t)\le v(b,t'_i)+\delta\ \forall b\} \text{ reaches } \sup T "
                             r"\text{ in finitely many steps (ratio-monotone path with a jump)}",
                   note="the rule stalls where v(b, .) jumps right after t'_i (t'_{i+1} = t'_i = 3/2)"),
        FiniteFact("prop1_partition_continuous_path", source=src("Prop. 1 (proof, App. A.3.5; spec gap G9, corrected)"),
                   compute=lambda: _g9_partition(G9_KINK, "v(b, t) = max(t/4, 2t - 9/2)"),
                   statement=r"v \text{ continuous (Lipschitz } L\text{)}:\ t'_{i+1}-t'_i\ge\delta/L,\ \le (\bar t-\underline t)L/\delta "
                             r"\text{ cells, values move} \le\delta \text{ per cell}",
                   note="the printed rule with the hypothesis it needs (continuity gives the uniform step the "
                        "'by compactness' argument leaves out)"),
        FiniteFact("prop1_approximation_pb_without_eps", source=src("Prop. 1 (proof, App. A.3.5; spec gap G9)"),
                   compute=_g9_pb_without_eps,
                   statement=r"\mu' \text{ moves mass down}:\ \Pr_{\mu'}[s\ge P]\le\Pr_\mu[s\ge P],\ OPT_{PB}(\mu')\le OPT_{PB}(\mu)",
                   note="the proof's 'OPT_PB(mu') <= OPT_PB + eps' holds without eps; mu = U[1, 3] on the continuous "
                        "path, delta = 1/3"),
        FiniteFact("R2_witness_1_3", source=f"{A35}; spec R2",
                   compute=lambda: _witness_menu(1, 3, "0.5", "1.2", "3/10", "11/10", 1),
                   statement=r"t=1,t'=3,v(b)=(0.5,1.2):\ \epsilon_{\max}=0.3,\ \text{witness} = LP^* = 1.1 > PB = 1"),
        FiniteFact("R2_witness_1_2", source=f"{A35}; spec R2 (PB = 1 from R1, the same instance)",
                   compute=lambda: _witness_menu(1, 2, "0.8", "1.2", "2/5", "6/5", 1),
                   statement=r"t=1,t'=2,v(b)=(0.8,1.2):\ \epsilon_{\max}=0.4,\ \text{witness} = LP^* = 1.2"),
        PBOptimalLP("R2_pb_optimal_1_3", law=prop1_witness_law(1, 3, "0.5", "1.2"), lp_value=Fr(11, 10), source=P1,
                    expect="fails", corrected="R2_witness_1_3",
                    statement=r"\text{PB optimal for } \mu=(\tfrac23,\tfrac13) \text{ on a non-ratio-monotone path}",
                    note="Prop. 1 'only if': refuted by the LP (11/10 > 1)"),
        FiniteFact("prop1_if_random_paths", source=f"{P1}, Fig. 3", compute=_random_ratio_monotone_paths,
                   statement=r"v(\cdot,t)/t \text{ non-decreasing} \Rightarrow LP^*=\max_P R_{PB}(P)\ \text{(random instances)}"),
        PBOptimalLP("R5_delta_half_path", law=parametric_path("1/2"), lp_value=Fr(5, 2), source=f"{P1}; Sec. 6",
                    statement=r"v=(w,w,2w+\tfrac12),\ w\sim U\{1,1.1,..,2\}:\ LP^*=PB=2.5"),
        PBOptimalLP("R5_delta_zero_path", law=parametric_path(0), lp_value=2, source=f"{P1}; Sec. 6",
                    statement=r"v=(w,w,2w):\ LP^*=PB=2"),
        Identity("vv_uniform_1_2", lhs=phi(t), rhs=2 * t - 2, source=src("eq. (1), Sec. 4.1"), over=[(t, 1, 2)],
                 statement=r"F=U[1,2]:\ \phi(b^*,t)=2t-2"),
        Identity("vv_exponential", lhs=phi(t, 1 - sp.exp(-t), sp.exp(-t)).subs(t, x), rhs=x - 1, source=src("eq. (1)"),
                 over=[(x, 0, 5)], statement=r"F=\mathrm{Exp}(1):\ \phi(b^*,t)=t-1"),
        Identity("fn2_strictly_increasing", lhs=phi(t**2 / 2), rhs=_fn2_rhs(), source=src("fn. 2"), over=[(t, 1, 2)],
                 statement=r"v(b,t)=t^2/2:\ v-\partial_2v\tfrac{1-F}{f} = v-\tfrac{1-F_b(v)}{f_b(v)}",
                 note="fn. 2 needs v(b, .) strictly increasing (spec gap G4: false for a constant v(b, .), "
                      "where F_b is a point mass; not encoded as a claim)"),
        Identity("lemma1_menu_on_path", lhs=_lemma1()[0], rhs=_lemma1()[1], source=src("Lemma 1, App. A.1"),
                 statement=r"\mathbb E[p] = \mathbb E[\phi(a(t),t)] - u(\underline t),\ \text{menu } \{b^*@\tfrac54, b@1\},"
                           r"\ v(b,t)=t^2/2,\ U[1,2]"),
        Identity("lemma2_eq6_identity", lhs=phi(t**k / c) - t**k / c / t * phi(t),
                 rhs=-(sp.diff(t**k / c, t) - t**k / c / t) * (1 - F_U) / f_U, source=src("Lemma 2, eq. (6), App. A.2"),
                 over=[(t, 1, 2), (k, 1, 3), (c, 4, 8)],
                 statement=r"\phi(b,t)-r(b,t)\phi(b^*,t) = -(\partial_2v-\tfrac vt)\tfrac{1-F}{f},\ v=t^k/c"),
        Inequality("lemma2_eq5", lhs=sp.diff(t**k / c, t), rel=">=", rhs=t**k / c / t, source=src("Lemma 2, eq. (5), App. A.2"),
                   over=[(t, 1, 2), (k, 1, 3), (c, 4, 8)],
                   statement=r"v(b,t)/t \text{ non-decreasing} \Rightarrow \partial_2 v(b,t)\ge v(b,t)/t,\ v=t^k/c"),
        Inequality("lemma2_conclusion_square", lhs=2 * t - 2, rel=">=", rhs=phi(t**2 / c), source=src("Lemma 2, Fig. 4(a)"),
                   over=[(t, 1, 2), (c, 2, 4)],
                   statement=r"\phi(b,t)\le\max(0,\phi(b^*,t)) = 2t-2,\ v=t^2/c,\ U[1,2]"),
        Inequality("lemma2_conclusion_shift", lhs=2 * t - 2, rel=">=", rhs=phi(t - th), source=src("Lemma 2, Fig. 4(a)"),
                   over=[(t, 1, 2), (th, 0, 1)],
                   statement=r"\phi(b,t)\le\max(0,\phi(b^*,t)) = 2t-2,\ v=t-c,\ c\in[0,1],\ U[1,2]"),
        Inequality("lemma2_eq6_sqrt_negative_control", lhs=sp.sqrt(t) * c / t * phi(t), rel=">=",
                   rhs=phi(c * sp.sqrt(t)), source=src("Lemma 2, eq. (6), App. A.2"), expect="fails",
                   corrected="lemma2_eq6_sqrt_reversed", over=[(t, 1, 2), (c, sp.Rational(1, 2), 1)],
                   statement=r"\phi(b,t)\le r(b,t)\phi(b^*,t)\ \text{for } v(b,t)=c\sqrt t \text{ (ratio decreasing)}",
                   note="negative control: without ratio-monotonicity (6) fails where (1 - F)/f > 0"),
        Inequality("lemma2_eq6_sqrt_reversed", lhs=phi(c * sp.sqrt(t)), rel=">=", rhs=sp.sqrt(t) * c / t * phi(t),
                   source=src("Lemma 2, eq. (6), App. A.2"), over=[(t, 1, 2), (c, sp.Rational(1, 2), 1)],
                   statement=r"v(b,t)=c\sqrt t:\ \phi(b,t)\ge r(b,t)\phi(b^*,t)",
                   note="what is right for a decreasing ratio: the identity phi(b) - r phi(b*) = -(d_2 v - v/t)(1 - F)/f "
                        "has the opposite sign, since d_2 v < v/t"),
        Inequality("fig4b_irregular_gap", lhs=_vv_bound_vs_pb(FIG4B_PIECES)[0], rel=">", rhs=_vv_bound_vs_pb(FIG4B_PIECES)[1],
                   source=src("eq. (2), Fig. 4(b); Sec. 4.1"),
                   statement=r"f = 2,\ \tfrac1{10},\ \tfrac{11}5 \text{ on } [1,1.2],\ [1.2,2.8],\ [2.8,3]:\ "
                             r"\mathbb E\max(0,\phi(b^*,t)) > \max_P R_{PB}(P)",
                   note="E max(0, phi) = 189/125 > 154/125: phi(b*, .) is positive, then negative, then positive, so "
                        "the bound (2) is not attained when F is irregular (a density positive on an interval, as "
                        "Lemma 1 assumes; the earlier instance U[1,1.2] + U[3,3.2] had a gap in its support, where "
                        "phi of eq. (1) and Lemma 1 do not apply)"),
        Inequality("fig4b_nonmonotone_gap_as_printed", lhs=_vv_bound_vs_pb(X2_PIECES)[0], rel=">",
                   rhs=_vv_bound_vs_pb(X2_PIECES)[1], source=src("Sec. 4.1, Fig. 4(b) (not in the catalog: X2)"),
                   expect="fails", corrected="fig4b_irregular_gap",
                   statement=r"\phi(b^*,\cdot) \text{ not monotone} \Rightarrow \mathbb E\max(0,\phi(b^*,t)) > \max_P R_{PB}(P)"
                             r"\quad (f = 2,\ \tfrac12,\ \tfrac32 \text{ on } [10,10.2],\ [10.2,10.8],\ [10.8,11])",
                   note="as printed ('if phi(b*, t) is not monotone ... strictly higher than the revenue of any pure "
                        "bundling mechanism'): here phi(b*, .) drops at 10.2 but stays positive, so pure bundling at 10 "
                        "sells to everyone and earns E max(0, phi) = 10; the strict gap needs phi(b*, .) to turn "
                        "negative above a point where it is positive (the twin's instance)"),
        Identity("fn2_for_any_bundle_as_printed", lhs=phi((t - sp.Rational(3, 2))**2), rhs=_fn2_rhs_nonmonotone(),
                 source=src("fn. 2 (spec gap G4)"), over=[(t, 1, 2)], expect="fails", corrected="fn2_strictly_increasing",
                 statement=r"v(b,t)=(t-\tfrac32)^2,\ U[1,2]:\ v-\partial_2v\tfrac{1-F}{f} = v-\tfrac{1-F_b(v)}{f_b(v)}",
                 note="fn. 2 says 'for any bundle b'; for a v(b, .) that is not monotone the projected virtual value "
                      "differs from eq. (1) (at t < 3/2); for a constant v(b, .) F_b is a point mass without a density"),
        FiniteFact("eq2_regular_uniform", source=src("eq. (2), Sec. 4.1"), compute=_eq2_regular,
                   statement=r"U[1,2]:\ \mathbb E\max(0,\phi(b^*,t)) = \max_P P(1-F(P)) = 1,\ \text{attained at } t^*:\ \phi(b^*,t^*)=0",
                   note="the regular case of (2): both sides computed (the integral of max(0, phi) and the optimal price)"),
        FiniteFact("eq7_corrected_flow", source=src("App. A.3.2, eq. (7) with IR multipliers"), compute=_flows_corrected,
                   statement=r"f_i-\sum_j\lambda(i,j)-\lambda(i,\emptyset)+\sum_j\lambda(j,i)=0,\ \lambda(i,i-1)=G_i"),
        FiniteFact("eq7_as_printed", source=src("App. A.3.2, eq. (7) (spec gap G2)"), compute=_flows_printed,
                   expect="fails", corrected="eq7_corrected_flow",
                   statement=r"f_i-\sum_j\lambda(i,j)+\sum_j\lambda(j,i)=0\ \forall i",
                   note="summing (7) over i gives 1 = 0: the IR multipliers are missing; the paper's own "
                        "lambda(i, i-1) = G_i violates it at i = 0"),
        FiniteFact("eq8_eq10_lagrangian", source=src("App. A.3.2, eqs. (8)-(10)"), compute=_lagrangian,
                   statement=r"\mathcal L = \sum_i\phi(a_i,t_i)f_i - \sum_i u_i\,\mathrm{res}_i \ (=\sum_i\phi f_i \text{ under the corrected (7)})"),
        FiniteFact("lemma6_ratio_monotone_path", source=src("Lemma 6, eq. (9); Sec. 4.1, Fig. 5"), compute=lambda: _lemma6("1/2"),
                   statement=r"r(b,t_i)\phi(b^*,t_i)\ge\phi(b,t_i),\ \text{downward }\lambda,\ \text{ratio-monotone path}"),
        FiniteFact("lemma6_without_ratio_monotone", source=src("Lemma 6, eq. (9); Sec. 4.1, Fig. 5"), compute=lambda: _lemma6("-1/2"),
                   expect="fails", corrected="lemma6_reversed_without_ratio_monotone",
                   statement=r"r(b,t_i)\phi(b^*,t_i)\ge\phi(b,t_i) \text{ on the } \delta=-\tfrac12 \text{ path}",
                   note="negative control: the hypothesis (ratio-monotone) is needed"),
        FiniteFact("lemma6_reversed_without_ratio_monotone", source=src("Lemma 6, eq. (9); Sec. 4.1, Fig. 5"), compute=lambda: _lemma6_reversed("-1/2"),
                   statement=r"\delta=-\tfrac12:\ r(b,\cdot) \text{ decreasing} \Rightarrow r(b,t_i)\phi(b^*,t_i)<\phi(b,t_i)\ (i<I)",
                   note="the displayed identity with v(b,t_j)/t_j < r(b,t_i) for j > i: every gap with incoming flow is "
                        "negative"),
        FiniteFact("lemma7_ironing", source=src("Lemma 7; Sec. 4.1"), compute=_lemma7,
                   statement=r"\bar\phi(b^*,\cdot)\ \text{non-decreasing};\ \sum_i\max(0,\bar\phi_i)f_i = \max_P R_{PB}(P) = LP^*",
                   note="R-bar is the concave hull of {(G_i, t_i G_i)} and (0, 0) (spec gap G7: the origin is needed "
                        "for phibar at the top type)"),
        FiniteFact("lemma7_gamma0_step_corrected", source=src("Lemma 7 (proof)"), compute=lambda: _g6(False),
                   statement=r"\bar\phi(b^*,t_\kappa)f(t_\kappa)+\bar R(G_{\kappa+1}) = \bar R(G_\kappa)"),
        FiniteFact("lemma7_gamma0_step_as_printed", source=src("Lemma 7 (proof; spec gap G6)"), expect="fails",
                   corrected="lemma7_gamma0_step_corrected",
                   compute=lambda: _g6(True),
                   statement=r"\bar\phi(b^*,\kappa)+\bar R(G_{\kappa+1}) = \bar R(G_{\kappa+1})",
                   note="typo: the f(t_kappa) factor is missing and the right side should be Rbar(G_kappa)"),
        FiniteFact("lemma7_flow_and_prop1_proof", source=src("Lemma 7, Lemma 6, Prop. 1 (proof, App. A.3)"),
                   compute=_lemma7_flow,
                   statement=r"\exists\bar\lambda \text{ (I)-(IV)};\ \bar\phi(b,t)\le\max(0,\bar\phi(b^*,t));\ "
                             r"\sum_i\max(0,\bar\phi(b^*,t_i))f_i = PB = LP^*",
                   note="irregular ratio-monotone path v({1}) = s^2/8, v({2}) = s/4, s in {1,2,3,4}, f = (1/2, 1/8, "
                        "1/8, 1/4); lambda-bar from an exact feasibility LP restricted to the pairs (IV) allows"),
        FiniteFact("lemma5_downward_certificate_R5", source=src("Lemma 5, eqs. (10)-(11) (Carroll 2017, Cai et al. 2019), spec C4"),
                   compute=_c4(lambda: parametric_path("1/2"), "R5 delta = 1/2"),
                   statement=r"\exists\lambda\ge0 \text{ downward: (7) corrected, (11), PB maximizes (10) pointwise}",
                   note="spec conjecture C4 on ratio-monotone paths, verdict: holds on these instances (exact)"),
        FiniteFact("lemma5_downward_certificate_irregular", source=src("Lemma 5, eq. (11), spec C4"),
                   compute=_c4(lambda: IRREG_RM, "irregular ratio-monotone path"),
                   statement=r"\text{the same on an irregular ratio-monotone path}"),
        FiniteFact("lagrangian_minimized_as_printed", source=src("App. A.3.2 (spec gap G3)"), expect="fails",
                   corrected="lagrangian_maximized_by_optimum", compute=_g3_minimizes,
                   statement=r"\text{the optimal } (a,p) \text{ minimizes } \mathcal L(\lambda,\cdot)",
                   note="sign slip: for weak duality the mechanism maximizes L and lambda minimizes it"),
        FiniteFact("lagrangian_maximized_by_optimum", source=src("App. A.3.2 (spec gap G3, corrected); spec R5"),
                   compute=_lagrangian_maximized,
                   statement=r"\max_a\mathcal L(\lambda,a)=\sum_i\max_a\phi(a,t_i)f_i=\mathcal L(\lambda,\text{PB})=LP^*=\tfrac52"),
        FiniteFact("lemma5_certificate_without_ratio_monotone", source=src("Lemma 5, eq. (11), spec C4"), expect="fails",
                   corrected="R5_delta_negative_menu_beats_pb",
                   compute=_c4(lambda: parametric_path("-1/2"), "R5 delta = -1/2"),
                   statement=r"\text{a Lemma 5 certificate for PB on the } \delta=-\tfrac12 \text{ path}",
                   note="refuted: PB is not optimal there (exact LP), so no certificate exists"),
        FiniteFact("R5_delta_negative_menu_beats_pb", source=f"{P1}; Sec. 6; spec R5", compute=_r5_negative_values,
                   statement=r"v=(w,w,2w-\tfrac12):\ LP^*=\tfrac{87}{55} > PB=\tfrac{171}{110}\ (P=1.9)"),
    ]


DERIVATION = Derivation(
    name="hh_paths",
    title="Haghpanah-Hartline Sec. 4.1 and App. A.1-A.3: paths, virtual values, Lemmas 1-2 and 5-7, Prop. 1",
    scope=SCOPE,
    claims=_claims(),
    model=r"T\subset\mathbb R_+,\ v(b^*,t)=t;\ \phi(b,t)=v(b,t)-\partial_2v(b,t)\tfrac{1-F(t)}{f(t)}",
    references=(PAPER + ", version of August 28, 2020 (the text encoded here); published in the Review of Economic Studies (2021)",),
    figures={"fig4b_virtual_value": CurveFigure(
                 t, 1, 3, xlabel=r"grand-bundle value $t = v(b^*, t)$", ylabel=r"virtual value $\phi(b^*, t)$",
                 title="Fig. 4(b): an irregular path",
                 caption="The virtual value of the grand bundle, eq. (1), for the irregular law of Fig. 4(b) "
                         "(densities 2, 1/10, 11/5 on the pieces of [1, 3] cut at 6/5 and 14/5): positive, negative, "
                         "positive",
                 curves=(Curve.virtual_value(Distribution(t, density=PiecewiseFunction(
                     t, [a for a, _b, _f in FIG4B_PIECES] + [FIG4B_PIECES[-1][1]], [f for _a, _b, f in FIG4B_PIECES])),
                     r"$\phi(b^*, t)$"),),
                 levels=(Level(0, r"$\phi = 0$", style="-", show_value=False),)),
             "fig4b_gap": CurveFigure(
                 t, 1, 3, xlabel="grand-bundle price $P$", xname="$P$", ylabel="expected revenue",
                 title="Fig. 4(b): pure bundling below the virtual-value bound",
                 caption="Revenue of the grand bundle at each price P for the law of Fig. 4(b), its maximum, and "
                         "the virtual-value bound of eq. (2) (the expected positive part of the virtual value), which "
                         "is larger (the claim fig4b_irregular_gap)",
                 curves=(Curve.revenue(Distribution(t, density=PiecewiseFunction(
                     t, [a for a, _b, _f in FIG4B_PIECES] + [FIG4B_PIECES[-1][1]], [f for _a, _b, f in FIG4B_PIECES])),
                     r"$P\,\Pr[t \geq P]$"),),
                 levels=(Level(FromClaim("fig4b_irregular_gap", "lhs"), r"$E\max(0, \phi)$"),),
                 marks=(Mark("max", "best bundle price"),))},
)

if __name__ == "__main__":  # pragma: no cover
    print(DERIVATION.verify(digits=50))
