"""Che and Zhong, Cor. 2 (subsets of the ambiguity set containing F*), its correlation example,
the Fig. 1 / Figs. 2-3 parameters (spec T3) and a two-good grid-LP bracket for one group.

Cor. 2.  If F* lies in F~ subset of F, (M*, F*) stays a saddle point for F~: the seller side is
unchanged (it only involves F*), and the dual certificate t*(v) >= sum_K lambda_K{phi'(beta)(z - alpha)
- phi(z) + phi(alpha)} integrates to sum_K alpha_K against *every* F with the moment constraints
(``cor2_certificate_uses_only_moments``), so a fortiori against every F in F~.

Correlation example (Sec. 3, after Cor. 2): with a floor rho(v_i, v_j) >= theta, Cor. 2 applies
iff theta <= min rho_{F*}.  Items in one cell are perfectly correlated under F*; across cells,
Z_1 = min(a1 X, a1 L1), Z_2 = min(a2 X, a2 L2) with a common X ~ H are comonotone, so the
correlation is positive, and it is < 1 unless L1 = L2 (derived).  Parametrization: L2 = r L1 with
r >= 1 (the other order is the same with the labels swapped); the strict bound rho < 1 uses a second
ratio parameter r_s in the open interval (1, 5) (rho = 1 at r = 1).

Proof of both signs (alpha_1 = alpha_2 = 1 by scaling), with h(l) = l - 1 - log l, J(l) = 2l - 1 - (1 + log l)^2
= Var Z at alpha = 1 and g(l) = (l - 1)^2 - l log(l)^2:
h(1) = 0, h' = 1 - 1/l > 0, so h > 0; J(1) = 0, J' = 2h/l, so J > 0; g(1) = g'(1) = 0, g'' = 2h/l, so g > 0.
Cov = J(l_1) + log(r) h(l_1) > 0.  F(r) = Var_1 Var_2 - Cov^2 has F(1) = 0, F' = 2 Phi/r with Phi(1) = 0,
Phi' = Psi/r, Psi = g(l_1) + l_1 (r - 1) J(l_1) > 0: Phi > 0, F > 0 for r > 1, i.e. Cov^2 < Var_1 Var_2
(and Var_1 > 0, so Var_2 > 0): rho < 1.

Fig. 1 note (spec T3): s_{2,3} = 0.1625 < m_{23}^2 = 0.25 violates Jensen (no distribution); the
Figs. 2-3 note s_1 = s_{23} = 0.1 is infeasible too.  Repaired reading: variance 0.1 in each
group, s_1 = 0.46, s_23 = 0.35 (spec R1; 40-digit values in the tests).
"""
from __future__ import annotations

import sympy as sp
from sympy import Interval, Rational, log


from symmech import AllOf, Derivation, Identity, Implied, Inequality, Scope
from symmech.claims.budgeted import Budgeted, budget as _budget
from symmech.models.multigood.grid_bracket import NumericBracket
from derivations._che_zhong_common import group
from symmech.claims.implication import Combination


budget = _budget          # the library's wrapper keeps each claim's expectation and pinned twin

PAPER = "Che and Zhong"
C2 = f"{PAPER}, Cor. 2"
F1 = f"{PAPER}, Fig. 1"
a1, L1, a2, r, c = sp.symbols("alpha_1 ell_1 alpha_2 r c", positive=True)
rs = sp.Symbol("r_s", positive=True)              # ell_2 / ell_1 strictly above 1
x = sp.Symbol("x", positive=True)
SCOPE = Scope(parameters={a1: Interval.open(Rational(1, 10), 2), L1: Interval.open(1, 10),
                          a2: Interval.open(Rational(1, 10), 2), r: Interval(1, 5), c: Interval.open(0, 1),
                          rs: Interval.open(1, 5)})
G1, G2 = group(a1, L1), group(a2, r * L1)
B1, B2 = G1["beta"], G2["beta"]
VAR1, VAR2 = G1["s"] - G1["m"]**2, G2["s"] - G2["m"]**2
# E[Z1 Z2] for the common-X coupling, ell_1 <= ell_2 = r ell_1
EZZ_INT = (sp.Integral(a1 * x * a2 * x / x**2, (x, 1, L1)) + sp.Integral(B1 * a2 * x / x**2, (x, L1, r * L1))
           + sp.Integral(B1 * B2 / x**2, (x, r * L1, sp.oo)))
EZZ = a1 * a2 * (L1 - 1) + B1 * a2 * log(r) + B1 * B2 / (r * L1)
COV = EZZ - G1["m"] * G2["m"]
COV1 = COV.subs({a1: 1, a2: 1})


def h_fn(u):
    """h(l) = l - 1 - log l (> 0 for l > 1)."""
    return u - 1 - log(u)


def j_fn(u):
    """J(l) = 2l - 1 - (1 + log l)^2 = Var Z_K / alpha_K^2 (> 0 for l > 1)."""
    return 2 * u - 1 - (1 + log(u))**2


G_FN = (L1 - 1)**2 - L1 * log(L1)**2          # g(l_1) > 0 for l_1 > 1

# one group {1, 2} (coarsest partition of two goods), repaired Fig. 1 group {2, 3}: m = (0.25, 0.25), s = 0.35
LP_GRID = [i / 16 for i in range(13)]
LP_ALPHA = 0.1804996400065976          # spec R1 alpha_23 (proved guarantee, Thm. 1)


def _lp_bracket() -> tuple[bool, str]:
    from symmech.tactics.lp import MomentCondition
    from symmech.models.multigood.grid_bracket import maxmin_two_goods_bracket
    moments = [MomentCondition(lambda u, v: u, "==", 0.25), MomentCondition(lambda u, v: v, "==", 0.25),
               MomentCondition(lambda u, v: (u + v)**2, "<=", 0.35)]
    return maxmin_two_goods_bracket(LP_GRID, moments, LP_ALPHA, slack=0.05)


def _h_j_parts(sid: str) -> list:
    """h(1) = 0, h' > 0 (so h > 0) and J(1) = 0, J' = 2h/l (so J > 0) on l_1 in (1, 10)."""
    return [Identity(f"{sid}.h1", lhs=h_fn(L1).subs(L1, 1), rhs=0, source=C2),
            Inequality(f"{sid}.dh", lhs=sp.diff(h_fn(L1), L1), rel=">", rhs=0, source=C2),
            Identity(f"{sid}.J1", lhs=j_fn(L1).subs(L1, 1), rhs=0, source=C2),
            Identity(f"{sid}.dJ", lhs=sp.diff(j_fn(L1), L1), rhs=2 * h_fn(L1) / L1, source=C2)]


def _positive_from_one(cid: str, f: sp.Expr, slope_form: sp.Expr, slope_claim=None, note: str = "") -> Implied:
    """``f(ell_1) > 0`` on ell_1 in (1, 10) by the monotone rule from the open end 1: ``f(1) = 0`` and
    ``f' = slope_form > 0``; ``slope_claim`` (default ``slope_form > 0``) is a claim ``r > 0`` with
    ``slope_form = w r`` for a weight ``w`` the combination rule shows positive."""
    from symmech.claims.implication import Monotone, residual

    slope_pos = slope_claim if slope_claim is not None else Inequality(f"{cid}.slope_pos", lhs=slope_form, rel=">",
                                                                       rhs=0, source=C2)
    weight = sp.simplify(slope_form / residual(slope_pos)[0])
    route = AllOf(f"{cid}.route", source=C2, parts=[
        Identity(f"{cid}.at_one", lhs=f.subs(L1, 1), rhs=0, source=C2),
        Implied(f"{cid}.slope", source=C2,
                direct=Inequality(f"{cid}.slope", lhs=sp.diff(f, L1), rel=">", rhs=0, source=C2),
                sufficient=[AllOf(f"{cid}.slope.route", source=C2, parts=[
                    Identity(f"{cid}.slope.form", lhs=sp.diff(f, L1), rhs=slope_form, source=C2), slope_pos])],
                implication=Combination({"form": 1, slope_pos.id.rsplit(".", 1)[-1]: weight}))])
    return Implied(cid, source=C2, note=note, sufficient=[route],
                   direct=Budgeted(cid, tactics=1.0, inner=Inequality(cid, lhs=f, rel=">", rhs=0, source=C2)),
                   implication=Monotone(L1, anchor="lo", at_anchor="at_one", slope="slope"))


def _corr_positive(cov1=COV1) -> Implied:
    """Cov > 0 at alpha = 1; the route's first part ties it to ``cov1`` (the direct claim's expression)."""
    sid = "corr_across_cells_positive"
    h_pos = _positive_from_one(f"{sid}.h_pos", h_fn(L1), 1 - 1 / L1, note="h(1) = 0, h' = 1 - 1/ell > 0")
    route = AllOf(f"{sid}.route", source=C2,
                  statement=r"\mathrm{Cov}|_{\alpha=1} = J(\ell_1) + \log(r)\,h(\ell_1),\ h = \ell-1-\log\ell > 0,\ "
                            r"J = 2\ell-1-(1+\log\ell)^2 > 0,\ \log r\ge0",
                  parts=[Identity(f"{sid}.form", lhs=cov1, rhs=j_fn(L1) + log(r) * h_fn(L1), source=C2),
                         _positive_from_one(f"{sid}.J_pos", j_fn(L1), 2 * h_fn(L1) / L1, h_pos,
                                            note="J(1) = 0, J' = 2h/ell > 0"),
                         h_pos])
    # checked: Cov|_{alpha=1} = 1 (Cov - J - log r h) + 1 J + log(r) h, with log r >= 0 and J > 0
    return Implied(sid, source=C2, sufficient=[route],
                   implication=Combination({"form": 1, "J_pos": 1, "h_pos": log(r)}),
                   direct=Budgeted(sid, tactics=2.0, inner=Inequality(sid, lhs=cov1, rel=">", rhs=0, source=C2)),
                   statement=r"\mathrm{Cov}_{F^*}(Z_1, Z_2) > 0 \text{ (comonotone, derived; } \alpha_1 = \alpha_2 = 1"
                             r" \text{ by scaling)}")


def _corr_below_one(cov=COV, var1=VAR1, var2=VAR2) -> Implied:
    """rho(Z_1, Z_2) < 1 for ell_2 = r_s ell_1, r_s > 1 (all alpha_1, alpha_2, ell_1); every part of the
    route is built from the same ``cov``, ``var1``, ``var2`` as the direct claim."""
    sid = "corr_across_cells_below_one"
    cov, var1, var2 = (e.subs(r, rs) for e in (cov, var1, var2))
    cov1 = cov.subs({a1: 1, a2: 1})
    v1, v2 = var1.subs(a1, 1), var2.subs(a2, 1)
    F = v1 * v2 - cov1**2
    Phi = j_fn(L1) * (h_fn(L1 * rs) - h_fn(L1)) - log(rs) * h_fn(L1)**2
    Psi = j_fn(L1) * (L1 * rs - 1) - h_fn(L1)**2
    route = AllOf(f"{sid}.route", source=C2,
                  statement=(r"\rho = \frac{\mathrm{Cov}|_{\alpha=1}}{\sqrt{J(\ell_1)J(r\ell_1)}},\ "
                             r"F(r) = J(\ell_1)J(r\ell_1) - \mathrm{Cov}^2:\ F(1) = 0,\ F' = 2\Phi/r,\ \Phi(1) = 0,\ "
                             r"\Phi' = \Psi/r,\ \Psi = g(\ell_1) + \ell_1(r-1)J(\ell_1),\ g = (\ell-1)^2 - \ell\log^2\ell,"
                             r"\ g(1) = g'(1) = 0,\ g'' = 2h/\ell;\ h, J, g > 0 \Rightarrow \Psi, \Phi, F > 0"
                             r" \text{ for } r > 1 \Rightarrow \mathrm{Cov}^2 < \mathrm{Var}_1\mathrm{Var}_2"),
                  parts=[Identity(f"{sid}.scale_cov", lhs=cov, rhs=a1 * a2 * cov1, source=C2),
                         Identity(f"{sid}.scale_var1", lhs=var1, rhs=a1**2 * v1, source=C2),
                         Identity(f"{sid}.scale_var2", lhs=var2, rhs=a2**2 * v2, source=C2),
                         Identity(f"{sid}.var1_form", lhs=v1, rhs=j_fn(L1), source=C2),
                         *_h_j_parts(sid),
                         Identity(f"{sid}.g1", lhs=G_FN.subs(L1, 1), rhs=0, source=C2),
                         Identity(f"{sid}.dg1", lhs=sp.diff(G_FN, L1).subs(L1, 1), rhs=0, source=C2),
                         Identity(f"{sid}.ddg", lhs=sp.diff(G_FN, L1, 2), rhs=2 * h_fn(L1) / L1, source=C2),
                         Identity(f"{sid}.F1", lhs=F.subs(rs, 1), rhs=0, source=C2),
                         Identity(f"{sid}.dF", lhs=sp.diff(F, rs), rhs=2 * Phi / rs, source=C2),
                         Identity(f"{sid}.Phi1", lhs=Phi.subs(rs, 1), rhs=0, source=C2),
                         Identity(f"{sid}.dPhi", lhs=sp.diff(Phi, rs), rhs=Psi / rs, source=C2),
                         Identity(f"{sid}.Psi", lhs=Psi, rhs=G_FN + L1 * (rs - 1) * j_fn(L1), source=C2),
                         Inequality(f"{sid}.r_above_1", lhs=rs - 1, rel=">", rhs=0, source=C2)])
    return Implied(sid, source=C2, sufficient=[route],
                   direct=Budgeted(sid, tactics=2.0,
                                   inner=Inequality(sid, lhs=cov / sp.sqrt(var1 * var2), rel="<", rhs=1, source=C2)),
                   statement=r"\rho_{F^*}(Z_1, Z_2) = \frac{\mathrm{Cov}(Z_1,Z_2)}{\sqrt{\mathrm{Var}Z_1\mathrm{Var}Z_2}}"
                             r" < 1 \text{ for } \ell_2 = r_s\ell_1,\ r_s > 1 \text{ (derived)}",
                   note="Cor. 2 with a correlation floor theta applies iff theta <= min rho_{F*}; at the spec R1 "
                        "point rho = 0.98174 (tests)")


def _curve_mean(f, gr) -> sp.Expr:
    """E f(Z_K) for Z_K = min(alpha_K X, beta_K), X ~ H(x) = 1 - 1/x: int_1^ell f(alpha x) x^-2 dx + f(beta)/ell."""
    return sp.integrate(f(gr["alpha"] * x) / x**2, (x, 1, gr["ell"])) + f(gr["beta"]) / gr["ell"]


#: spec R1 (40-digit roots of (5)-(6), phi = z^2): rational brackets of alpha_1 and alpha_23
R1_ALPHA1 = (Rational("0.23916438328722297571"), Rational("0.23916438328722297572"))
R1_ALPHA23 = (Rational("0.18049964000659759335"), Rational("0.18049964000659759336"))


def _repaired_reading_feasible(sid: str, m, variance, bracket, source: str, statement: str, note: str) -> AllOf:
    """The reading s = m^2 + variance is feasible: (5)-(6) (phi = z^2) have a root alpha in ``bracket`` (spec R1),
    so the law Z = min(alpha X, beta) has mean m and second moment s.  With beta from (5),
    s(alpha) = E Z^2 is strictly decreasing in alpha on (0, m) (Lemma 2, che_zhong_lemma2), so a sign change of
    s(alpha) - s across the bracket pins the root there; alpha < m since the bracket lies below m."""
    s_read = m**2 + variance
    lo, hi = bracket
    sec = lambda t: group(t, sp.exp((m - t) / t))["s"]        # noqa: E731  E Z^2 with beta = t e^{(m - t)/t}
    return AllOf(sid, source=source, statement=statement, note=note,
                 parts=[Inequality(f"{sid}.lo", lhs=sec(lo), rel=">", rhs=s_read, source=source),
                        Inequality(f"{sid}.hi", lhs=sec(hi), rel="<", rhs=s_read, source=source),
                        Inequality(f"{sid}.below_mean", lhs=hi, rel="<", rhs=m, source=source)])


def _claims() -> list:
    m23, s23_printed = Rational(1, 4) + Rational(1, 4), Rational(1625, 10000)
    # the within-cell pair V_2 = c Z_23, V_3 = (1 - c) Z_23 along nature's curve (group 2: alpha_2, ell_2 = r ell_1)
    EV2, EV3 = _curve_mean(lambda u: c * u, G2), _curve_mean(lambda u: (1 - c) * u, G2)
    cov23 = _curve_mean(lambda u: c * (1 - c) * u**2, G2) - EV2 * EV3
    var2 = _curve_mean(lambda u: (c * u)**2, G2) - EV2**2
    var3 = _curve_mean(lambda u: ((1 - c) * u)**2, G2) - EV3**2
    return budget([
        # --- Cor. 2 ---------------------------------------------------------------------------------
        Identity("cor2_certificate_uses_only_moments",
                 lhs=G1["lam0"] + G1["mu_m"] * G1["m"] - G1["lam"] * G1["s"], rhs=a1, source=C2,
                 statement=r"\int t^*dF \ge \lambda_0 + \lambda\phi'(\beta)m_K - \lambda s_K = \alpha_K "
                           r"\ \forall F:\ \mu(F) = m,\ \sigma_K(F)\le s_K \text{ (so } \forall F\in\tilde{\mathcal F}"
                           r"\subset\mathcal F)",
                 note="lam0 = lambda (phi(alpha) - phi'(beta) alpha); R(M*, F) >= sum alpha = R(M*, F*) on F~; the "
                      "seller side R(M, F*) <= R(M*, F*) does not involve the ambiguity set"),
        # --- correlation example ------------------------------------------------------------------------
        Identity("corr_within_cell_is_one", lhs=cov23**2, rhs=var2 * var3, source=C2,
                 note="moments of V_2 = (m_2/m_23) Z_23 and V_3 = (m_3/m_23) Z_23 integrated along nature's curve",
                 statement=r"V_2 = cZ_{23},\ V_3 = (1-c)Z_{23}:\ \mathrm{Cov}(V_2,V_3)^2 = \mathrm{Var}V_2\,"
                           r"\mathrm{Var}V_3,\ \rho = 1"),
        Identity("corr_cross_moment", lhs=EZZ_INT, rhs=EZZ, source=C2,
                 statement=r"\mathbb E[Z_1Z_2] = \alpha_1\alpha_2(\ell_1-1) + \beta_1\alpha_2\log\frac{\ell_2}{\ell_1}"
                           r" + \frac{\beta_1\beta_2}{\ell_2}\ (\ell_1\le\ell_2) \text{ (derived)}"),
        AllOf("corr_scale_free", source=C2,
              statement=r"\mathrm{Cov}(Z_1,Z_2) = \alpha_1\alpha_2\,\mathrm{Cov}|_{\alpha=1},\ "
                        r"\mathrm{Var}Z_K = \alpha_K^2\,\mathrm{Var}|_{\alpha=1}:\ \rho \text{ depends on } (\ell_1, r)"
                        r" \text{ only}",
              parts=[Identity("corr_scale_free.cov", lhs=COV, rhs=a1 * a2 * COV1, source=C2),
                     Identity("corr_scale_free.var1", lhs=VAR1, rhs=a1**2 * VAR1.subs(a1, 1), source=C2),
                     Identity("corr_scale_free.var2", lhs=VAR2, rhs=a2**2 * VAR2.subs(a2, 1), source=C2)]),
        _corr_positive(),
        _corr_below_one(),
        Identity("corr_across_cells_one_iff_equal_ell", lhs=COV.subs(r, 1)**2, rhs=(VAR1 * VAR2).subs(r, 1),
                 source=C2,
                 statement=r"\ell_1 = \ell_2:\ \mathrm{Cov}(Z_1,Z_2)^2 = \mathrm{Var}Z_1\mathrm{Var}Z_2,\ \rho = 1"),
        # --- Fig. 1 / Figs. 2-3 notes (spec T3) ----------------------------------------------------------
        Inequality("fig1_s23_as_printed_feasible", lhs=s23_printed, rel=">=", rhs=m23**2, source=F1, expect="fails",
                   corrected="fig1_s23_repaired_feasible",
                   statement=r"s_{\{2,3\}} = 0.1625 \ge m_{23}^2 = (0.25+0.25)^2 \text{ (Jensen, needed for }"
                             r"\mathcal F\ne\emptyset)",
                   note="spec T3: 0.1625 < 0.25, no distribution has E(v_2+v_3) = 0.5 and E(v_2+v_3)^2 = 0.1625"),
        Identity("fig1_s23_uses_item_mean", lhs=s23_printed, rhs=Rational(1, 4)**2 + Rational(1, 10), source=F1,
                 statement=r"0.1625 = m_2^2 + 0.1 \text{ (item mean, not } m_{23} = 0.5)",
                 note="evidence for the repaired reading s_23 = m_23^2 + 0.1 = 0.35"),
        _repaired_reading_feasible(
            "fig1_s23_repaired_feasible", m23, Rational(1, 10), R1_ALPHA23, F1,
            statement=r"s_{\{2,3\}} = m_{23}^2 + 0.1 = 0.35:\ (5)\text{-}(6) \text{ have a root } \alpha_{23}\in"
                      r"[0.18049964000659759335, 0.18049964000659759336] < m_{23} \text{ (spec R1)}",
            note="T3 corrected: with variance 0.1 in the group (the catalog's reading) the worst case exists and its "
                 "alpha_23 is the spec's R1 value"),
        Identity("fig1_s1_is_variance_01", lhs=Rational(46, 100), rhs=Rational(6, 10)**2 + Rational(1, 10),
                 source=F1, statement=r"s_{\{1\}} = 0.46 = m_1^2 + 0.1"),
        Inequality("fig23_s_as_printed_feasible", lhs=Rational(1, 10), rel=">=", rhs=Rational(6, 10)**2,
                   source=f"{PAPER}, Figs. 2-3", expect="fails", corrected="fig23_s_as_variance_feasible",
                   statement=r"s_{\{1\}} = 0.1 \ge m_1^2 = 0.36 \text{ (Figs. 2-3 note)}",
                   note="spec T3: the note gives the variances (0.1), not the second moments"),
        _repaired_reading_feasible(
            "fig23_s_as_variance_feasible", Rational(6, 10), Rational(1, 10), R1_ALPHA1, f"{PAPER}, Figs. 2-3",
            statement=r"s_{\{1\}} = m_1^2 + 0.1 = 0.46:\ (5)\text{-}(6) \text{ have a root } \alpha_1\in"
                      r"[0.23916438328722297571, 0.23916438328722297572] < m_1 \text{ (spec R1)}",
            note="T3 corrected: 0.1 read as the variance gives the feasible s_1 = 0.46 of Fig. 1, whose worst case "
                 "has the spec's R1 alpha_1"),
        # --- grid LP bracket (evidence only) -----------------------------------------------------------
        NumericBracket("lp_bracket_one_group_two_goods", compute=_lp_bracket, source=f"{PAPER}, Thm. 1",
                       statement=r"\mathcal K = \{\{1,2\}\},\ m = (0.25, 0.25),\ \mathbb E(v_1+v_2)^2\le 0.35:\ "
                                 r"\alpha_{K} \le \text{grid max-min LP} \le \alpha_K + 0.05",
                       note="13x13 type grid, step 1/16, all IC/IR menus (not only bundling); the LP value is an "
                            "upper bound of the continuum max-min value alpha_K = 0.18050 (spec R1 group {2,3})"),
    ], 1.0)


DERIVATION = Derivation(
    name="che_zhong_cor2",
    title="Che-Zhong Cor. 2: subsets of the ambiguity set, the correlation example, Fig. 1 parameters, LP bracket",
    scope=SCOPE,
    claims=_claims(),
    model=(r"F^*\in\tilde{\mathcal F}\subset\mathcal F \Rightarrow (M^*,F^*) \text{ saddle for } \tilde{\mathcal F};\ "
           r"Z_K = \min(\alpha_K X, \beta_K),\ X\sim H"),
    references=("Che and Zhong, 'Robustly Optimal Mechanisms for Selling Multiple Goods', working paper (2023), Sec. 3 (Cor. 2, "
                "Figs. 1-3)",),
)

if __name__ == "__main__":  # pragma: no cover
    print(DERIVATION.verify(digits=50))
