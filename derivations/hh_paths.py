"""Haghpanah and Hartline, 'When Is Pure Bundling Optimal?' (2020), Sec. 4.1 (paths) and App. A.1-A.3:
virtual values (1), Lemma 1, Lemma 2 with (5)-(6), the regular case (2) and Fig. 4(b), Prop. 1 (both
directions, with the A.3.5 witness), and the discrete machinery of the proof: the Lagrangian (8)-(10),
the flow constraint (7) (as printed it is infeasible; corrected by IR multipliers), Lemma 6 and the
ironing of Lemma 7.  Continuous statements are proved symbolically; finite ones exactly.
"""
from __future__ import annotations

import random
from fractions import Fraction as Fr

import sympy as sp

from derivations._hh_common import B1, B12, PAPER, parametric_path, prop1_witness_law, src
from symmech import Derivation, Identity, Inequality, Scope
from symmech.models.multigood.bundling import FiniteLaw, LotteryMenu, Valuation, bundle, grand
from symmech.models.multigood.bundling_lp import FiniteFact, PBOptimalLP, optimal_revenue
from symmech.models.multigood.ratio_monotone import (
    Path,
    check_dual_certificate,
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


def _lemma1():
    """Lemma 1 for the menu {b* at 5/4, b at 1} with v(b,t) = t^2/2 on U[1, 2]."""
    cross = 1 + 1 / sp.sqrt(2)       # t - 5/4 = t^2/2 - 1
    Ep = sp.Rational(5, 4) * (cross - sp.Rational(5, 4)) + 1 * (2 - cross)
    Ephi = sp.integrate(phi(t), (t, sp.Rational(5, 4), cross)) + sp.integrate(phi(t**2 / 2), (t, cross, 2))
    return Ep, Ephi - 0  # u(1) = 0


def _fig4b():
    """Irregular F: (U[1, 1.2] + U[3, 3.2]) / 2.  E max(0, phi) vs the best pure-bundling revenue."""
    pieces = [(1, sp.Rational(6, 5), sp.Rational(5, 2) * (t - 1)), (3, sp.Rational(16, 5), sp.Rational(1, 2) + sp.Rational(5, 2) * (t - 3))]
    Evv = sum(sp.integrate(sp.Max(0, phi(t, F, sp.Rational(5, 2))) * sp.Rational(5, 2), (t, a, b)) for a, b, F in pieces)
    best = sp.Integer(0)
    for a, b, F in pieces:
        R = t * (1 - F)
        cands = [a, b] + [r for r in sp.solve(sp.diff(R, t), t) if a <= r <= b]
        best = sp.Max(best, *[R.subs(t, x) for x in cands])
    return sp.nsimplify(Evv), best


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
        FiniteFact("prop1_if_random_paths", source=P1, compute=_random_ratio_monotone_paths,
                   statement=r"v(\cdot,t)/t \text{ non-decreasing} \Rightarrow LP^*=\max_P R_{PB}(P)\ \text{(random instances)}"),
        PBOptimalLP("R5_delta_half_path", law=parametric_path("1/2"), lp_value=Fr(5, 2), source=f"{P1}; Sec. 6",
                    statement=r"v=(w,w,2w+\tfrac12),\ w\sim U\{1,1.1,..,2\}:\ LP^*=PB=2.5"),
        PBOptimalLP("R5_delta_zero_path", law=parametric_path(0), lp_value=2, source=f"{P1}; Sec. 6",
                    statement=r"v=(w,w,2w):\ LP^*=PB=2"),
        Identity("vv_uniform_1_2", lhs=phi(t), rhs=2 * t - 2, source=src("eq. (1)"), over=[(t, 1, 2)],
                 statement=r"F=U[1,2]:\ \phi(b^*,t)=2t-2"),
        Identity("vv_exponential", lhs=phi(t, 1 - sp.exp(-t), sp.exp(-t)).subs(t, x), rhs=x - 1, source=src("eq. (1)"),
                 over=[(x, 0, 5)], statement=r"F=\mathrm{Exp}(1):\ \phi(b^*,t)=t-1"),
        Identity("fn2_strictly_increasing", lhs=phi(t**2 / 2), rhs=_fn2_rhs(), source=src("fn. 2"), over=[(t, 1, 2)],
                 statement=r"v(b,t)=t^2/2:\ v-\partial_2v\tfrac{1-F}{f} = v-\tfrac{1-F_b(v)}{f_b(v)}",
                 note="fn. 2 needs v(b, .) strictly increasing (spec gap G4: false for a constant v(b, .), "
                      "where F_b is a point mass; not encoded as a claim)"),
        Identity("lemma1_menu_on_path", lhs=_lemma1()[0], rhs=_lemma1()[1], source=src("Lemma 1"),
                 statement=r"\mathbb E[p] = \mathbb E[\phi(a(t),t)] - u(\underline t),\ \text{menu } \{b^*@\tfrac54, b@1\},"
                           r"\ v(b,t)=t^2/2,\ U[1,2]"),
        Identity("lemma2_eq6_identity", lhs=phi(t**k / c) - t**k / c / t * phi(t),
                 rhs=-(sp.diff(t**k / c, t) - t**k / c / t) * (1 - F_U) / f_U, source=src("Lemma 2, (6)"),
                 over=[(t, 1, 2), (k, 1, 3), (c, 4, 8)],
                 statement=r"\phi(b,t)-r(b,t)\phi(b^*,t) = -(\partial_2v-\tfrac vt)\tfrac{1-F}{f},\ v=t^k/c"),
        Inequality("lemma2_eq5", lhs=sp.diff(t**k / c, t), rel=">=", rhs=t**k / c / t, source=src("Lemma 2, (5)"),
                   over=[(t, 1, 2), (k, 1, 3), (c, 4, 8)],
                   statement=r"v(b,t)/t \text{ non-decreasing} \Rightarrow \partial_2 v(b,t)\ge v(b,t)/t,\ v=t^k/c"),
        Inequality("lemma2_conclusion_square", lhs=2 * t - 2, rel=">=", rhs=phi(t**2 / c), source=src("Lemma 2"),
                   over=[(t, 1, 2), (c, 2, 4)],
                   statement=r"\phi(b,t)\le\max(0,\phi(b^*,t)) = 2t-2,\ v=t^2/c,\ U[1,2]"),
        Inequality("lemma2_conclusion_shift", lhs=2 * t - 2, rel=">=", rhs=phi(t - th), source=src("Lemma 2"),
                   over=[(t, 1, 2), (th, 0, 1)],
                   statement=r"\phi(b,t)\le\max(0,\phi(b^*,t)) = 2t-2,\ v=t-c,\ c\in[0,1],\ U[1,2]"),
        Inequality("lemma2_eq6_sqrt_negative_control", lhs=sp.sqrt(t) * c / t * phi(t), rel=">=",
                   rhs=phi(c * sp.sqrt(t)), source=src("Lemma 2, (6)"), expect="fails",
                   corrected="lemma2_eq6_sqrt_reversed", over=[(t, 1, 2), (c, sp.Rational(1, 2), 1)],
                   statement=r"\phi(b,t)\le r(b,t)\phi(b^*,t)\ \text{for } v(b,t)=c\sqrt t \text{ (ratio decreasing)}",
                   note="negative control: without ratio-monotonicity (6) fails where (1 - F)/f > 0"),
        Inequality("lemma2_eq6_sqrt_reversed", lhs=phi(c * sp.sqrt(t)), rel=">=", rhs=sp.sqrt(t) * c / t * phi(t),
                   source=src("Lemma 2, (6)"), over=[(t, 1, 2), (c, sp.Rational(1, 2), 1)],
                   statement=r"v(b,t)=c\sqrt t:\ \phi(b,t)\ge r(b,t)\phi(b^*,t)",
                   note="what is right for a decreasing ratio: the identity phi(b) - r phi(b*) = -(d_2 v - v/t)(1 - F)/f "
                        "has the opposite sign, since d_2 v < v/t"),
        Inequality("fig4b_irregular_gap", lhs=_fig4b()[0], rel=">", rhs=_fig4b()[1], source=src("eq. (2), Fig. 4(b)"),
                   statement=r"F=\tfrac12U[1,1.2]+\tfrac12U[3,3.2]:\ \mathbb E\max(0,\phi(b^*,t)) > \max_P R_{PB}(P)",
                   note="E max(0, phi) = 19/10 > 3/2: the bound (2) is not attained when F is irregular"),
        FiniteFact("eq7_corrected_flow", source=src("App. A.3.2, (7) with IR multipliers"), compute=_flows_corrected,
                   statement=r"f_i-\sum_j\lambda(i,j)-\lambda(i,\emptyset)+\sum_j\lambda(j,i)=0,\ \lambda(i,i-1)=G_i"),
        FiniteFact("eq7_as_printed", source=src("App. A.3.2, (7) (spec gap G2)"), compute=_flows_printed,
                   expect="fails", corrected="eq7_corrected_flow",
                   statement=r"f_i-\sum_j\lambda(i,j)+\sum_j\lambda(j,i)=0\ \forall i",
                   note="summing (7) over i gives 1 = 0: the IR multipliers are missing; the paper's own "
                        "lambda(i, i-1) = G_i violates it at i = 0"),
        FiniteFact("eq8_eq10_lagrangian", source=src("App. A.3.2, (8)-(10)"), compute=_lagrangian,
                   statement=r"\mathcal L = \sum_i\phi(a_i,t_i)f_i - \sum_i u_i\,\mathrm{res}_i \ (=\sum_i\phi f_i \text{ under the corrected (7)})"),
        FiniteFact("lemma6_ratio_monotone_path", source=src("Lemma 6"), compute=lambda: _lemma6("1/2"),
                   statement=r"r(b,t_i)\phi(b^*,t_i)\ge\phi(b,t_i),\ \text{downward }\lambda,\ \text{ratio-monotone path}"),
        FiniteFact("lemma6_without_ratio_monotone", source=src("Lemma 6"), compute=lambda: _lemma6("-1/2"),
                   expect="fails", corrected="lemma6_reversed_without_ratio_monotone",
                   statement=r"r(b,t_i)\phi(b^*,t_i)\ge\phi(b,t_i) \text{ on the } \delta=-\tfrac12 \text{ path}",
                   note="negative control: the hypothesis (ratio-monotone) is needed"),
        FiniteFact("lemma6_reversed_without_ratio_monotone", source=src("Lemma 6"), compute=lambda: _lemma6_reversed("-1/2"),
                   statement=r"\delta=-\tfrac12:\ r(b,\cdot) \text{ decreasing} \Rightarrow r(b,t_i)\phi(b^*,t_i)<\phi(b,t_i)\ (i<I)",
                   note="the displayed identity with v(b,t_j)/t_j < r(b,t_i) for j > i: every gap with incoming flow is "
                        "negative"),
        FiniteFact("lemma7_ironing", source=src("Lemma 7"), compute=_lemma7,
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
        FiniteFact("lemma5_downward_certificate_R5", source=src("Lemma 5 (Carroll; Cai-Devanur-Weinberg), spec C4"),
                   compute=_c4(lambda: parametric_path("1/2"), "R5 delta = 1/2"),
                   statement=r"\exists\lambda\ge0 \text{ downward: (7) corrected, (11), PB maximizes (10) pointwise}",
                   note="spec conjecture C4 on ratio-monotone paths, verdict: holds on these instances (exact)"),
        FiniteFact("lemma5_downward_certificate_irregular", source=src("Lemma 5, spec C4"),
                   compute=_c4(lambda: IRREG_RM, "irregular ratio-monotone path"),
                   statement=r"\text{the same on an irregular ratio-monotone path}"),
        FiniteFact("lagrangian_minimized_as_printed", source=src("App. A.3.2 (spec gap G3)"), expect="fails",
                   corrected="lagrangian_maximized_by_optimum", compute=_g3_minimizes,
                   statement=r"\text{the optimal } (a,p) \text{ minimizes } \mathcal L(\lambda,\cdot)",
                   note="sign slip: for weak duality the mechanism maximizes L and lambda minimizes it"),
        FiniteFact("lagrangian_maximized_by_optimum", source=src("App. A.3.2 (spec gap G3, corrected); spec R5"),
                   compute=_lagrangian_maximized,
                   statement=r"\max_a\mathcal L(\lambda,a)=\sum_i\max_a\phi(a,t_i)f_i=\mathcal L(\lambda,\text{PB})=LP^*=\tfrac52"),
        FiniteFact("lemma5_certificate_without_ratio_monotone", source=src("Lemma 5, spec C4"), expect="fails",
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
)

if __name__ == "__main__":  # pragma: no cover
    print(DERIVATION.verify(digits=50))
