"""Koçyiğit, 'Distributional Robustness in Mechanism Design' (EPFL thesis, 2020), Ch. 2, Sec. 2.3 for J
items: Lemma 2.3.2 and the LP (2.5)/(2.6) with its dual (2.7)/(2.8), Lemma 2.3.3 (the dual witness, for every
n > e(1 + e), with (2.9)), Thm. 2.3.1, nature's comonotone law (2.10), Lemma 2.3.4 and Step 2 of Thm. 2.3.2
(reduction to the segment, (2.12)), Rem. 2.3.1, the catalog's regression values of Lemma 2.3.3's bound, and the
spec's grid conjectures (separation on grids: holds on the instances; non-rectangular sets: the additive value
fails).  The separation identity (2.4) is in thesis_ch2_model.

Symbolic claims hold for all n in [11, 10^6] (n > e(1 + e) ~ 10.11), all levels k and all floor
offsets; the limit of Lemma 2.3.3's bound is a rate bound for all n >= 11 (in x = 1/n, x = 0 included);
finite claims are exact LP optima (HiGHS + a rational primal/dual certificate re-checked
in Fractions) on the grids V_n of (2.5), compared with bounds involving e in arb balls.  The typos T5 and T6 and
the refuted conjecture 6 are pinned to corrected twins computed from the same witness / the same grid LPs.
"""
from __future__ import annotations

from fractions import Fraction as Fr

import sympy as sp
from sympy import E, Rational, harmonic, log

from symmech import AllOf, Derivation, Identity, Inequality, Scope
from symmech.claims.budgeted import Budgeted
from symmech.models.objectives import Regret
from symmech.models.regret._arb import sign
from symmech.models.regret.claims import ExactCheck, LPBracket
from symmech.models.regret.lp import (
    single_buyer_lp,
    solve_single_buyer,
    witness_feasibility,
    witness_objective,
)
from symmech.tactics.lp.exact import solve_exact

PAPER = "Koçyiğit, 'Distributional Robustness in Mechanism Design' (2020)"
n = sp.Symbol("n", positive=True)
k = sp.Symbol("k", positive=True)
th = sp.Symbol("theta", nonnegative=True)       # floor offset: k0 = n/e - theta, theta in [0, 1]
ph = sp.Symbol("phi", nonnegative=True)         # floor(n s) + 1 = n s + phi, phi in (0, 1]
s = sp.Symbol("s", positive=True)
xh = sp.Symbol("x", nonnegative=True)           # x = 1/(k+1) in (0, 1/2]
v1, v2, c1, c2, q1, q2, m1, m2 = sp.symbols("v1 v2 c1 c2 q1 q2 m1 m2", real=True)
al, G, g1, g2, w1, w2, cj, vj = sp.symbols("alpha G g1 g2 w1 w2 c_j v_j", real=True)
d1, d2 = sp.symbols("d1 d2", nonnegative=True)
mq = sp.Symbol("m", real=True)
_R = {v1: (0, 200), v2: (0, 200), c1: (0, 100), c2: (0, 100), q1: (0, 1), q2: (0, 1), m1: (-100, 100),
      m2: (-100, 100), al: (0, 1), G: (0, 10), g1: (0, 10), g2: (0, 10), w1: (0, 200), w2: (0, 200), cj: (0, 100),
      vj: (0, 200), d1: (0, 100), d2: (0, 100), mq: (-100, 100)}
_PTS = ({n: 12}, {n: 50}, {n: 11}, {n: 1000}, {n: 10**6})
SCOPE = Scope({n: sp.Interval(11, 10**6), **{x: sp.Interval(*r) for x, r in _R.items()}},
              samples=tuple({**pt, **{x: sp.Rational(r[0] + (i + 1) * (r[1] - r[0]), 7 + 2 * j)
                                      for j, (x, r) in enumerate(_R.items())}} for i, pt in enumerate(_PTS)))
C = (n - E - E**2) / (E * (n - E))              # gamma_n(k+1 <- k) = C n / (k + 1)
xn = sp.Symbol("x_n", nonnegative=True)          # x = 1/n
#: (1/e - e/(n - e)) log((n + 1)/(n/e + 1)) of Lemma 2.3.3's bound, at n = 1/x
LB_FACTOR = (1 / E - E * xn / (1 - E * xn)) * log(E * (1 + xn) / (1 + E * xn))


def _src(x: str) -> str:
    return f"{PAPER}, {x}"


def _lb(nn: int, widths) -> sp.Expr:
    """Lemma 2.3.3's bound (1/e - e/(n - e)) 1'(v_bar - c) (H_n - H_{floor(n/e)})."""
    k0 = int(sp.floor(nn / E))
    return (1 / E - E / (nn - E)) * sum(widths) * (harmonic(nn) - harmonic(k0))


def _lp_bracket(cid: str, vbar, c, nn: int) -> LPBracket:
    widths = [sp.Rational(str(v)) - sp.Rational(str(x)) for v, x in zip(vbar, c)]
    lower = _lb(nn, widths) if nn > 10 else None
    return LPBracket(cid, lp=lambda: solve_single_buyer(vbar, c, nn), lower=lower, upper=sum(widths) / E,
                     source=_src("Lemmas 2.3.2, 2.3.3, Thm. 2.3.1, eqs. (2.5)-(2.6)"),
                     statement=(r"\text{LB}_n \le z^\star_n \le \tfrac1e\mathbf 1^\top(\bar v - c)" if lower is not None else
                                r"z^\star_n \le \tfrac1e\mathbf 1^\top(\bar v - c)")
                     + rf"\ \text{{on }} \mathcal V_n,\ \bar v={tuple(map(str, vbar))},\ c={tuple(map(str, c))},\ n={nn}",
                     note="spec Sec. 5.3 regression" if (vbar, c, nn) == ((1,), (0,), 12) else "")


def _separation(vbar, c, nn: int) -> tuple[bool, str]:
    """z*_n (J items) == sum_j z*_n (item j alone), all three optima exact."""
    whole = solve_single_buyer(vbar, c, nn)
    parts = [solve_single_buyer((v,), (x,), nn) for v, x in zip(vbar, c)]
    if not all(r.certified for r in (whole, *parts)):
        return False, "no exact certificate for some LP"
    w = whole.verify()
    ps = [r.verify() for r in parts]
    return w == sum(ps), f"z_n(J={len(vbar)}) = {w}; per item {', '.join(map(str, ps))} (sum {sum(ps)})"


def _simplex() -> tuple[bool, str]:
    g = [Fr(i, 4) for i in range(5)]
    pts = [(a, b) for a in g for b in g if a + b <= 1]
    whole = solve_exact(single_buyer_lp(None, [0, 0], points=pts)[0]).verify()
    single = solve_exact(single_buyer_lp([g], [0])[0]).verify()
    return whole == 2 * single, (f"simplex grid {{v in {{0,1/4,..,1}}^2: v1 + v2 <= 1}}: z = {whole}; "
                                 f"sum of the per-item values on [0, 1] = {2 * single}")


def _simplex_one_item() -> tuple[bool, str]:
    """The counterexample to additivity off rectangles: on the simplex grid the optimum equals ONE item's value
    (strictly below the sum of the two per-item values, which is twice it)."""
    g = [Fr(i, 4) for i in range(5)]
    pts = [(a, b) for a in g for b in g if a + b <= 1]
    whole = solve_exact(single_buyer_lp(None, [0, 0], points=pts)[0]).verify()
    single = solve_exact(single_buyer_lp([g], [0])[0]).verify()
    return whole == single and single > 0, (f"simplex grid {{v in {{0,1/4,..,1}}^2: v1 + v2 <= 1}}: z = {whole} = one "
                                            f"item's value on [0, 1] ({single}) < the sum {2 * single}")


def _rem231() -> tuple[bool, str]:
    g = [Fr(i, 4) for i in range(5)]
    both = solve_exact(single_buyer_lp([[0, Fr(1, 2), 1], g], [2, 0])[0]).verify()
    alone = solve_exact(single_buyer_lp([g], [0])[0]).verify()
    return both == alone, f"c_1 = 2 > v_bar_1 = 1: z = {both}; item 2 alone: {alone}"


def _rem231_grid() -> tuple[bool, str]:
    """Rem. 2.3.1 with c_1 = v_bar_1 (the boundary case the remark adds): on the grid {0, 1} x {0, 1/4, .., 1} with costs
    (1, 1/4), the optimal regret of (2.6) is that of item 2 alone (item 1 contributes (v_bar_1 - c_1)^+ / e = 0)."""
    g = [Fr(i, 4) for i in range(5)]
    both = solve_exact(single_buyer_lp([[0, 1], g], [1, Fr(1, 4)])[0]).verify()
    alone = solve_exact(single_buyer_lp([g], [Fr(1, 4)])[0]).verify()
    return both == alone, f"c = (1, 1/4), v_bar = (1, 1), grid {{0,1}} x {{0,1/4,..,1}}: z = {both}; item 2 alone: {alone}"


def _witness_value(nn: int) -> tuple[bool, str]:
    d = [Rational(1), Rational(3, 2)]
    direct = witness_objective(nn, d)
    k0 = int(sp.floor(nn / E))
    closed = C.subs(n, nn) * sum(d) * (harmonic(nn) - harmonic(k0))
    ok = sp.simplify(direct - closed) == 0
    return ok, f"n = {nn}, widths (1, 3/2): objective of (alpha_n, gamma_n) in (2.8) = {sp.N(direct, 20)} = closed form"


def _t5_corrected(nn: int) -> tuple[bool, str]:
    """What the proof uses: gamma_n(v_bar, v_bar - (v_bar - c)/n) = (n - e - e^2)/(e (n - e)) (flow OUT of the top,
    spec 003 part B, T5) while no flow enters the top: gamma_n(w, v_bar) = 0 for all w (no level above n)."""
    from symmech.models.regret.lp import witness_233
    _alpha, gamma = witness_233(nn)
    top_out = gamma[nn - 1]
    want = (nn - E - E**2) / (E * (nn - E))
    into_top = [k for k in gamma if k >= nn]
    ok = sp.simplify(top_out - want) == 0 and not into_top
    return ok, (f"n = {nn}: gamma_n(v_bar, v_bar - (v_bar - c)/n) = {sp.N(top_out, 15)} = (n - e - e^2)/(e(n - e)); "
                f"flows into v_bar: {into_top or 'none'}")


def _t5() -> tuple[bool, str]:
    from symmech.models.regret.lp import witness_233
    _alpha, gamma = witness_233(12)
    top_out = gamma[12 - 1]          # gamma_n(level n, level n-1): the flow out of v_bar
    return sp.simplify(top_out) == 0, f"n = 12: gamma_n(v_bar, v_bar - (v_bar - c)/n) = {sp.N(top_out, 15)} != 0"


def _t6(printed: bool) -> tuple[bool, str]:
    """Step 2 of Lemma 2.3.3 writes the objective of (alpha_n, gamma_n) in (2.8) as z_n^+ - z_n^- with
    z_n^- = (X)^- as printed (OCR: a negative part), X = sum_j sum_v alpha_n(v)(v_j - c_j) + sum_w (v_j - w_j)
    gamma_n(w, v); corrected (X)^+.  Compared with the objective of (2.8) summed directly (the model's
    witness_objective), n = 12, widths (1, 3/2)."""
    from symmech.models.regret.lp import witness_233
    nn, widths = 12, [Rational(1), Rational(3, 2)]
    alpha, gamma = witness_233(nn)
    zplus = sum(a * Rational(k, nn) * dj for k, a in alpha.items() for dj in widths)
    X = sum(a * Rational(k, nn) * dj - gamma.get(k, 0) * dj / nn for k, a in alpha.items() for dj in widths)
    part = sp.Max(-X, 0) if printed else sp.Max(X, 0)
    direct = witness_objective(nn, widths)
    ok = sp.simplify(direct - (zplus - part)) == 0
    return ok, (f"n = {nn}: objective of (alpha_n, gamma_n) in (2.8) = {sp.N(direct, 15)}; z_n^+ = {sp.N(zplus, 15)}, "
                f"X = {sp.N(X, 15)}, z_n^+ - ({'X)^-' if printed else 'X)^+'} = {sp.N(zplus - part, 15)}")


def _nested() -> tuple[bool, str]:
    """V_3 within V_6 within V_12 (c = 1/5, v_bar = 1): each LP (2.6) relaxes the next, so the optima increase,
    and all stay below z* = (v_bar - c)/e (the argument of Lemma 2.3.2: V_n within V)."""
    vals = [solve_single_buyer((1,), ("1/5",), nn) for nn in (3, 6, 12)]
    if not all(r.certified for r in vals):
        return False, "no exact certificate for some LP"
    z = [r.verify() for r in vals]
    ok = z[0] <= z[1] <= z[2] and sign(sp.Rational(z[2].numerator, z[2].denominator) - Rational(4, 5) / E) < 0
    return ok, f"z_3 = {z[0]} <= z_6 = {z[1]} <= z_12 = {z[2]} < (4/5)/e = {sp.N(Rational(4, 5) / E, 12)}"


def _reg_lb() -> tuple[bool, str]:
    """Lemma 2.3.3's bound LB_n for v_bar = 1, c = 0 against the catalog's values (spec 003 part B, Sec. 5.3; printed
    as floats, so compared to 1e-15), decided with arb balls."""
    out, ok = [], True
    for nn, printed in ((12, "0.07650647008713489"), (50, "0.31166000138058275"), (200, "0.3553479614380161")):
        val = _lb(nn, [1])
        good = (sign(val - Rational(printed) - Rational(1, 10**15)) < 0
                and sign(val - Rational(printed) + Rational(1, 10**15)) > 0)
        ok &= good
        out.append(f"n = {nn}: {sp.N(val, 17)} vs {printed}")
    return ok, "; ".join(out)


def _claims() -> list:
    L3, L4, T2 = _src("Lemma 2.3.3"), _src("Lemma 2.3.4"), _src("Thm. 2.3.2 (proof, Step 2), eq. (2.12)")
    reg = Regret(costs=(c1, c2))
    # (2.7) -> (2.8): beta from the flow equation, incoming flows g_i from w_i, outgoing total G
    beta = al - G + g1 + g2
    # Step 2 of Thm. 2.3.2 on the segment v = c + s d (J = 2)
    seg = [c1 + s * d1, c2 + s * d2]
    f, g = q1 * d1 + q2 * d2, mq - q1 * c1 - q2 * c2
    k0 = n / E - th
    alpha_k = n / (E * k * (k + 1))
    return [
        Identity("eq27_eliminate_beta", lhs=beta * vj + G * vj - (g1 * w1 + g2 * w2) - al * cj,
                 rhs=al * (vj - cj) + g1 * (vj - w1) + g2 * (vj - w2), source=_src("eqs. (2.7)-(2.8)"),
                 statement=r"\beta v_j + \sum_w\gamma(v,w)v_j - \sum_w\gamma(w,v)w_j - \alpha c_j = "
                           r"\alpha(v_j-c_j) + \sum_w\gamma(w,v)(v_j-w_j)"),
        # Lemma 2.3.3 for every n > e(1+e): the witness is feasible in (2.8) and its objective
        Inequality("lemma233_gamma_nonneg", lhs=n - E - E**2, rhs=0, rel=">", source=f"{L3}, eq. (2.9)",
                   statement=r"n - e - e^2 > 0 \ (\gamma_n \ge 0)\quad\forall n\ge 11"),
        Identity("lemma233_alpha_telescopes", lhs=alpha_k, rhs=n / E * (1 / k - 1 / (k + 1)), over=[(k, 1, n)], source=L3,
                 statement=r"\tfrac{n}{ek(k+1)} = \tfrac ne(\tfrac1k - \tfrac1{k+1}) \text{ (so } \sum\alpha_n = 1)"),
        Identity("lemma233_balance_interior", lhs=alpha_k + C * n / (k + 1) - C * n / k,
                 rhs=n * E / (k * (k + 1) * (n - E)), over=[(k, 1, n)], source=L3,
                 statement=r"\alpha_n + \gamma_{in} - \gamma_{out} = \tfrac{ne}{k(k+1)(n-e)} > 0 \ (k_0 < k < n)"),
        Identity("lemma233_balance_top", lhs=1 - n / E * (1 / k0 - 1 / n) - C,
                 rhs=E * n * (1 - th) / ((n - E * th) * (n - E)), over=[(th, 0, 1)], source=f"{L3}, eq. (2.9)",
                 statement=r"\alpha_n(\bar v) - \gamma_n(\bar v, \bar v - \tfrac{\bar v-c}n) = "
                           r"\tfrac{e n(1-\theta)}{(n-e\theta)(n-e)},\ k_0 = \tfrac ne - \theta"),
        Inequality("lemma233_balance_top_nonneg", lhs=E * n * (1 - th) / ((n - E * th) * (n - E)), rhs=0, rel=">=",
                   over=[(th, 0, 1)], source=f"{L3}, eq. (2.9)", statement=r"\tfrac{e n(1-\theta)}{(n-e\theta)(n-e)} \ge 0"),
        Identity("eq29_bound_form", lhs=1 - n / (n - E) + 1 / E, rhs=C, source=f"{L3}, eq. (2.9)",
                 statement=r"1 - \tfrac n{n-e} + \tfrac1e = \tfrac{n-e-e^2}{e(n-e)} = \gamma_n(\bar v, \bar v - \tfrac{\bar v-c}n)",
                 note="with lemma233_gamma_nonneg (> 0 for n > e(1+e)) and lemma233_balance_top(_nonneg) "
                      "(alpha_n(v_bar) - gamma_n(v_bar, .) >= 0 for every floor offset theta): (2.9) and alpha_n(v_bar) > 0"),
        Identity("lemma233_objective_term", lhs=alpha_k * k / n - C / (k + 1), rhs=E / ((k + 1) * (n - E)),
                 over=[(k, 1, n)], source=L3,
                 statement=r"\alpha_n\tfrac kn - \tfrac{\gamma_n}{n} = \tfrac{e}{(k+1)(n-e)} > 0 \text{ (so each term of (2.8) is } "
                           r"\gamma_n(\bar v_j-c_j)/n)"),
        Identity("lemma233_bound_form", lhs=C, rhs=1 / E - E / (n - E), source=L3,
                 statement=r"\tfrac{n-e-e^2}{e(n-e)} = \tfrac1e - \tfrac e{n-e}"),
        Inequality("lemma233_harmonic_vs_log", lhs=xh - log(1 + xh), rhs=0, rel=">=",
                   over=[(xh, 0, Rational(1, 2))], source=L3,
                   statement=r"x \ge \log(1+x),\ x=\tfrac1{k+1}:\ \tfrac1{k+1} \ge \log\tfrac{k+2}{k+1} \ (H_n - H_{k_0} \ge \log\tfrac{n+1}{k_0+1})"),
        AllOf("lemma233_limit", source=L3, parts=[
            Budgeted("lemma233_limit.upper", tactics=2.0, seconds=10.0, inner=Inequality(
                "lemma233_limit.upper", lhs=LB_FACTOR, rhs=1 / E, rel="<=", over=[(xn, 0, Rational(1, 11))], source=L3)),
            Budgeted("lemma233_limit.rate", tactics=2.0, seconds=10.0, inner=Inequality(
                "lemma233_limit.rate", lhs=1 / E - LB_FACTOR, rhs=5 * xn, rel="<=", over=[(xn, 0, Rational(1, 11))],
                source=L3))],
            statement=(r"0 \le \tfrac1e - \big(\tfrac1e - \tfrac e{n-e}\big)\log\tfrac{n+1}{n/e+1} \le \tfrac5n\ \ \forall n \ge 11,"
                       r"\ \text{so}\ \lim_n = \tfrac1e"),
            note="written in x = 1/n in [0, 1/11] (x = 0 is the limit point, where the expression is analytic); the "
                 "limit value 1/e is Lemma 2.3.3's, the checker decides both bounds (interval certifier; the tactics "
                 "get 2 s). With lemma233_harmonic_vs_log: LB_n >= this factor times 1'(v_bar - c), so LB_n -> z*"),
        ExactCheck("lemma233_witness_feasible_n12", compute=lambda: witness_feasibility(12), source=f"{L3}, eq. (2.8)"),
        ExactCheck("lemma233_witness_feasible_n50", compute=lambda: witness_feasibility(50), source=f"{L3}, eq. (2.8)"),
        ExactCheck("typo_t5_no_flow_out_of_top_as_printed", compute=_t5, source=f"{L3} (proof, Step 1)", expect="fails",
                   corrected="lemma233_flow_out_of_top",
                   statement=r"\gamma_n(\bar v, w) = 0\ \forall w \text{ (as printed)}",
                   note="typo T5: the proof writes gamma_n(v_bar, w) = 0 for all w, then uses gamma_n(v_bar, v_bar - "
                        "(v_bar - c)/n) != 0; what holds is gamma_n(w, v_bar) = 0 (no flow into the top's second slot)"),
        ExactCheck("lemma233_flow_out_of_top", compute=lambda: _t5_corrected(12), source=f"{L3} (proof, Step 1)",
                   statement=r"\gamma_n(\bar v, \bar v - \tfrac{\bar v-c}n) = \tfrac{n-e-e^2}{e(n-e)},\ \gamma_n(w, \bar v) = 0\ \forall w\ (n = 12)",
                   note="the corrected statement of T5 on the model's witness (symmech.models.regret.lp.witness_233)"),
        ExactCheck("reg_lemma233_bound", compute=_reg_lb, source=f"{L3}; Spec 003 part B, Sec. 5.3 (regression)",
                   statement=r"\text{LB}_{12} = 0.0765064700871\ldots,\ \text{LB}_{50} = 0.3116600013805\ldots,\ "
                             r"\text{LB}_{200} = 0.3553479614380\ldots \ (\bar v = 1, c = 0)"),
        ExactCheck("lemma233_witness_objective_n12", compute=lambda: _witness_value(12), source=f"{L3}, eq. (2.8)"),
        ExactCheck("typo_t6_zn_minus_as_printed", compute=lambda: _t6(True), source=f"{L3} (proof, Step 2)", expect="fails",
                   corrected="lemma233_zn_minus_positive_part",
                   statement=r"\text{objective of } (\alpha_n,\gamma_n) \text{ in (2.8)} = z_n^+ - z_n^-,\ z_n^- = \big(\textstyle\sum_j\sum_v "
                             r"\alpha_n(v)(v_j-c_j) + \sum_w (v_j-w_j)\gamma_n(w,v)\big)^- \text{ (as printed)}",
                   note="typo T6: the second display of z_n^- carries a negative part ')^-'; the first display and (2.8) "
                        "have the positive part"),
        ExactCheck("lemma233_zn_minus_positive_part", compute=lambda: _t6(False), source=f"{L3} (proof, Step 2)",
                   statement=r"\text{objective of } (\alpha_n,\gamma_n) \text{ in (2.8)} = z_n^+ - (X)^+ \ (n = 12)",
                   note="the corrected twin of T6, against the objective of (2.8) summed directly over the witness"),
        # the LP route: Lemma 2.3.2 (z_n <= z*) and Lemma 2.3.3 (z_n >= LB_n) on exact grid LPs
        _lp_bracket("thm231_lp_v1_c0_n12", (1,), (0,), 12),
        _lp_bracket("thm231_lp_v2_c05_n12", (2,), ("1/2",), 12),
        _lp_bracket("thm231_lp_v1_c02_n16", (1,), ("1/5",), 16),
        _lp_bracket("lemma232_lp_J2_n3", (1, 2), ("1/5", "1/2"), 3),
        ExactCheck("lemma232_nested_grids", compute=_nested, source=_src("Lemma 2.3.2, eq. (2.5)"),
                   statement=r"\mathcal V_3\subseteq\mathcal V_6\subseteq\mathcal V_{12}\subseteq\mathcal V:\ z^\star_3\le z^\star_6\le "
                             r"z^\star_{12} < \tfrac{\bar v-c}e \ (\bar v=1, c=\tfrac15)"),
        # Lemma 2.3.4: the cdf of P_n at level s (telescoped) minus P*'s cdf
        Identity("lemma234_cdf_error", lhs=n / E * (1 / k0 - 1 / (n * s + ph)) - (1 - 1 / (E * s)),
                 rhs=E * th / (n - E * th) + ph / (E * s * (n * s + ph)), over=[(th, 0, 1), (ph, 0, 1), (s, 1 / E, 1)],
                 source=L4, statement=r"\mathbb P_n(\tilde v\le c+s(\bar v-c)) - \mathbb P^\star(\cdot) = "
                                      r"\tfrac{e\theta}{n-e\theta} + \tfrac{\varphi}{es(ns+\varphi)} \to 0"),
        Inequality("lemma234_cdf_error_bound_1", lhs=E * th / (n - E * th), rhs=E / (n - E), rel="<=",
                   over=[(th, 0, 1)], source=L4, statement=r"\tfrac{e\theta}{n-e\theta} \le \tfrac e{n-e} \to 0"),
        Inequality("lemma234_cdf_error_bound_2", lhs=ph / (E * s * (n * s + ph)), rhs=E / n, rel="<=",
                   over=[(ph, 0, 1), (s, 1 / E, 1)], source=L4,
                   statement=r"\tfrac{\varphi}{es(ns+\varphi)} \le \tfrac1{e s^2 n} \le \tfrac en \to 0"),
        # Thm. 2.3.2 Step 2: on the segment, regret and IC become the one-dimensional problem (2.12b)
        Identity("thm232_segment_regret", lhs=reg.payoff(seg, (q1, q2), mq), rhs=s * (d1 + d2) - g,
                 over=[(s, 1 / E, 1)], source=T2, note="on the support of P* (s >= 1/e) every v_j - c_j = s d_j >= 0",
                 statement=r"\text{regret at } c+s(\bar v-c) = s\,\mathbf 1^\top(\bar v-c) - g(s),\ g = m - q^\top c"),
        Identity("thm232_segment_utility", lhs=q1 * seg[0] + q2 * seg[1] - mq, rhs=s * f - g, over=[(s, 1 / E, 1)], source=T2,
                 statement=r"q^\top(c+s(\bar v-c)) - m = s f - g,\ f = q^\top(\bar v-c)"),
        # spec conjectures and Rem. 2.3.1
        ExactCheck("conj_separation_grid_J2_n4", compute=lambda: _separation((1, 1), (0, 0), 4),
                   source="spec conjecture 1 (derived)", statement=r"z^\star_n(J=2) = \sum_j z^\star_n(\{j\}) \text{ on } V_4, \bar v=(1,1), c=0"),
        ExactCheck("conj_separation_grid_J2_n3", compute=lambda: _separation((1, 2), ("1/5", "1/2"), 3),
                   source="spec conjecture 1 (derived)", statement=r"z^\star_n(J=2) = \sum_j z^\star_n(\{j\}),\ \bar v=(1,2), c=(\tfrac15,\tfrac12), n=3"),
        ExactCheck("conj_separation_grid_J2_n3_b", compute=lambda: _separation((3, 5), (1, "1/2"), 3),
                   source="spec conjecture 1 (derived)", statement=r"z^\star_n(J=2) = \sum_j z^\star_n(\{j\}),\ \bar v=(3,5), c=(1,\tfrac12), n=3"),
        ExactCheck("conj_nonrectangular_additive", compute=_simplex, expect="fails",
                   source=f"{_src('Remark 2.3.1')}; spec conjecture 6 (derived)",
                   statement=r"\text{on the simplex grid the optimal regret is the sum of the per-item values}",
                   corrected="conj_nonrectangular_one_item",
                   note="the rectangularity of V is essential: on {v1 + v2 <= 1} the optimum equals ONE item's value"),
        ExactCheck("conj_nonrectangular_one_item", compute=_simplex_one_item, source=f"{_src('Remark 2.3.1')}; spec conjecture 6 (derived)",
                   statement=r"\text{on the simplex grid the optimal regret equals one item's value} < \text{the sum}",
                   note="the counterexample, computed from the grid LPs (the corrected twin of conj_nonrectangular_additive)"),
        ExactCheck("rem231_cost_equal_top_grid", compute=_rem231_grid, source=_src("Remark 2.3.1"),
                   statement=r"c_1 = \bar v_1:\ z^\star_{\text{grid}} = z^\star_{\text{grid}}(\text{item 2 alone})"),
        ExactCheck("rem231_cost_above_top", compute=_rem231, source=_src("Remark 2.3.1"),
                   statement=r"c_1 > \bar v_1:\ z^\star_n = z^\star_n(\text{item 2 alone}) \text{ (grid instance)}",
                   note="the thesis omits the details; checked on one grid instance only"),
    ]


DERIVATION = Derivation(
    name="thesis_ch2_multi_item",
    title="Koçyiğit (2020) Ch. 2: J items, (2.4)-(2.8), Lemmas 2.3.2-2.3.4, Thms. 2.3.1-2.3.2 (LP route and witness)",
    scope=SCOPE,
    claims=_claims(),
    model=(r"\mathcal V = \times_j[0,\bar v_j],\ 0\le c<\bar v,\ z^\star = \inf_{(q,m)\ \mathrm{IC,IR}}\sup_v "
           r"\mathbf 1^\top(v-c)^+ - (m(v) - q(v)^\top c) = \tfrac1e\mathbf 1^\top(\bar v-c)"),
    references=(PAPER + ", Ch. 2",),
)

if __name__ == "__main__":  # pragma: no cover
    print(DERIVATION.verify(digits=50))
