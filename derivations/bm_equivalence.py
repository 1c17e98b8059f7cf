"""Bikhchandani and Mishra, "Rank-preserving Multidimensional Mechanisms" (2022), Sec. 4: the
equivalence of the heterogeneous (M^H) and identical (M^I) objects models (eq. (3), Def. 4 with eqs. (4)-(7),
Thm. 2, Thm. 3, Cor. 1, the exchangeability examples of Sec. 4; gap G12).  Thm. 3 is also checked without its
hypothesis: under the non-exchangeable law X the exact LP optima over symmetric, rank-preserving and all
mechanisms differ.

Grid instances follow convention C5: the M^I law is the law of sort(v), v ~ F^H (multinomial tie
weights n!/prod m_k!, not n!).  LP optima are exact (verified rational duality certificates).
"""
from __future__ import annotations

import itertools
import random
from fractions import Fraction as Fr

import sympy as sp

from symmech import Derivation, Identity, Scope
from symmech.models.multigood import grid_lp as G
from symmech.models.multigood import rank as R
from symmech.models.multigood import symmetric as S
from symmech.models.multigood.knightian_lp import ExactLPEquality, FiniteCheck
from symmech.models.multigood.polygon import menu_revenue
from symmech.tactics.lp.exact import LinearProgram, solve_exact
from symmech.reports.figures import MenuRegionsFigure

PAPER = "Bikhchandani and Mishra, 'Rank-preserving Multidimensional Mechanisms' (2022)"
gamma = sp.Symbol("gamma", real=True)
SCOPE = Scope(parameters={gamma: sp.Interval(-1, 1)})
v1, v2 = sp.symbols("v1 v2", nonnegative=True)
x = sp.Symbol("x", nonnegative=True)
A_MV, B_MV = sp.Rational(2, 3), (4 - sp.sqrt(2)) / 3
MV_H = [((1, 0), A_MV), ((0, 1), A_MV), ((1, 1), B_MV)]
MV_I = [((1, 0), A_MV), ((1, 1), B_MV)]
FGM = 1 + gamma * (1 - 2 * v1) * (1 - 2 * v2)


def _src(item: str) -> str:
    return f"{PAPER}, {item}"


#: spec R11: (values, n) -> OPT^H = OPT^I
R11 = {((1, 2), 2): Fr(9, 4), ((1, 2, 3), 2): Fr(8, 3), ((0, 1, 2, 3), 2): Fr(2), ((1, 2), 3): Fr(7, 2)}


def _iid(vals, n):
    k = len(vals)
    return S.iid_law(vals, [Fr(1, k)] * k, n)


def _opt(vals, n, model, symmetric=False, law=None):
    def make():
        lh = law if law is not None else _iid(vals, n)
        lw = lh if model == "H" else S.sorted_law(lh)
        return G.optimum(R.grid(vals, n, model), lw, model, symmetric=symmetric)
    law_key = None if law is None else tuple(sorted(law.items()))      # the law's content, not its presence
    return G.cached(("bm_eq", tuple(vals), n, model, symmetric, law_key), make)


def _naive_weights(vals, n):
    """The paper's f^I = n! f^H read literally on a grid (ties not merged): wrong for grids (C5)."""
    def make():
        import math
        lh = _iid(vals, n)
        lw = {v: math.factorial(n) * w for v, w in lh.items() if S.is_decreasing(v)}
        return G.optimum(R.grid(vals, n, "I"), lw, "I")
    return make


def _exch_law():
    """A non-i.i.d. exchangeable law on {1,2,3}^2 (a mixture of i.i.d. and comonotone)."""
    rng = random.Random(5)
    base = {}
    for a in (1, 2, 3):
        for b in (1, 2, 3):
            w = Fr(rng.randint(1, 5)) if a <= b else None
            if w is not None:
                base[(Fr(a), Fr(b))] = w
                base[(Fr(b), Fr(a))] = w
    tot = sum(base.values())
    return {k: w / tot for k, w in base.items()}


EXCH = _exch_law()


def _orbit_laws(vals, n):
    """The uniform law on each permutation orbit of {vals}^n: every exchangeable law on the grid is a mixture of them."""
    seen, out = set(), []
    for v in R.grid(vals, n, "H"):
        key = S.sort_desc(v)
        if key not in seen:
            seen.add(key)
            orbit = {S.act(v, s) for s in S.all_perms(n)}
            out.append({u: Fr(1, len(orbit)) for u in orbit})
    return out


def _g12_mismatches():
    """(law, G^H, G_avg) for the orbit laws of {0,1,2,3}^2 and {0,1,2}^3 where the common marginal G^H differs from
    the average G_avg of the unit marginals of the sorted law; both are linear in the law, so an empty list proves
    G^H = G_avg for every exchangeable law on these grids."""
    out, k = [], 0
    for vals, n in (((0, 1, 2, 3), 2), ((0, 1, 2), 3)):
        for lh in _orbit_laws(vals, n):
            gh, ga = S.unit_marginals(lh)[0], S.average_marginal(S.sorted_law(lh))
            k += 1
            if gh != ga:
                out.append((lh, gh, ga))
    return out, k


def g12_average_marginal() -> tuple[bool, str]:
    """G^H = G_avg of the sorted law for every exchangeable law on {0,1,2,3}^2 and {0,1,2}^3 (checked on the orbit
    laws, which span them), and for the non-i.i.d. mixture EXCH."""
    bad, k = _g12_mismatches()
    if bad:
        lh, gh, ga = bad[0]
        return False, f"orbit law {sorted(lh)}: G^H = {gh} but G_avg = {ga}"
    if S.unit_marginals(EXCH)[0] != S.average_marginal(S.sorted_law(EXCH)):
        return False, "EXCH: G^H != G_avg"
    return True, f"G^H = G_avg for all {k} orbit laws (hence every exchangeable law on these grids) and for EXCH"


def g12_not_determined_as_printed() -> tuple[bool, str]:
    """Sec. 5.3 as printed: 'knowledge of [the common M^H marginal] is not sufficient to obtain ... the average of
    these marginal distributions' in M^I: some exchangeable law has G_avg != G^H (searched over the orbit laws, which
    span all exchangeable laws on {0,1,2,3}^2 and {0,1,2}^3)."""
    bad, k = _g12_mismatches()
    if bad:
        return True, f"{len(bad)} orbit laws with G_avg != G^H"
    return False, f"G_avg = G^H for all {k} orbit laws, so for every exchangeable law on the grids: G^H determines G_avg"


def cor1_extension_attains() -> tuple[bool, str]:
    """The M^I LP optimum's symmetric extension is IC, IR and symmetric on the H grid and earns OPT^H."""
    for (vals, n), val in R11.items():
        res = _opt(vals, n, "I")()
        gl = G.optimal_lp(R.grid(vals, n, "I"), S.sorted_law(_iid(vals, n)), "I")
        mi = gl.mechanism(res)
        H = R.tabulate(S.symmetric_extension(lambda w: mi[w]), R.grid(vals, n, "H"))
        for ok, d in (R.check_ic(H), R.check_ir(H), R.check_symmetric(H)):
            if not ok:
                return False, f"{vals}, n = {n}: {d}"
        if any(H[v] != mi[v] for v in mi if S.is_strict(v)):
            return False, f"{vals}, n = {n}: the extension differs from the M^I optimum on D^I (eq. (6))"
        rev = R.revenue(H, _iid(vals, n))
        if rev != val:
            return False, f"{vals}, n = {n}: extension earns {rev} != {val}"
    return True, "for the 4 instances of spec R11 the extension of the M^I optimum is IC, IR, symmetric and optimal in M^H"


def thm3_symmetrization() -> tuple[bool, str]:
    """Thm. 3 on grids: symmetrization of random (asymmetric) IC menus is symmetric, IC, IR, RP and keeps the
    revenue under exchangeable laws; fn. 20: it may be random."""
    rng = random.Random(9)
    random_seen = False
    for n, vals in ((2, (0, 1, 2, 3)), (3, (0, 1, 2))):
        law = _iid(vals, n)
        for _ in range(8):
            menu = R.random_menu(rng, n, "H")
            Hm = R.tabulate(R.menu_mechanism(menu), R.grid(vals, n, "H"))
            Hs = R.tabulate(S.symmetrization(lambda v: Hm[v], n), R.grid(vals, n, "H"))
            for ok, d in (R.check_ic(Hs), R.check_ir(Hs), R.check_symmetric(Hs)):
                if not ok:
                    return False, f"menu {menu}: {d}"
            if R.revenue(Hs, law) != R.revenue(Hm, law):
                return False, f"menu {menu}: revenue {R.revenue(Hm, law)} -> {R.revenue(Hs, law)}"
            random_seen |= not R.check_deterministic(Hs)[0]
    return True, f"16 random menus: symmetric, IC, IR, revenue preserved; a random symmetrization seen: {random_seen}"


def cone_extension(increasing: bool) -> tuple[bool, str]:
    """'Sell unit 1 at p = 1/4' (q = (1, 0) iff the unit-1 value is >= p) on a cone of {0, 1/4, ..., 1}^2,
    extended symmetrically (the object carrying unit 1's value gets unit 1; tied objects share, C5), then
    IC on the H grid.  ``increasing``: the IMV cone {v_1 <= v_2} (the remark after Thm. 2), where unit 1 is
    the lower-valued one; else the DMV cone {v_1 >= v_2} of M^I (Lemma 2)."""
    vals, p = [Fr(k, 4) for k in range(5)], Fr(1, 4)
    in_cone = (lambda v: v[0] <= v[1]) if increasing else (lambda v: v[0] >= v[1])
    mech = {v: ((Fr(int(v[0] >= p)), Fr(0)), p * int(v[0] >= p)) for v in R.grid(vals, 2, "H") if in_cone(v)}
    H = {}
    for v in R.grid(vals, 2, "H"):
        w = v if in_cone(v) else (v[1], v[0])
        q, t = mech[w]
        H[v] = ((q if in_cone(v) else (q[1], q[0])) if v[0] != v[1] else ((q[0] + q[1]) / 2,) * 2), t
    if not R.check_symmetric(H)[0]:
        raise AssertionError("the extension is not symmetric")
    ok, d = R.check_ic(H)
    return ok, f"{'IMV' if increasing else 'DMV'} cone: {d}"



# --- Thm. 3 without exchangeability: the optima over all, RP and symmetric mechanisms (exact LPs) -------------
#: a non-exchangeable law on the strict types of {1,2,4}^2 (weights / 17): law X of bm_revenue_monotone's Prop. 5 claims
X_VALS = (1, 2, 4)
X_LAW = {(Fr(1), Fr(2)): Fr(1, 17), (Fr(2), Fr(1)): Fr(6, 17), (Fr(4), Fr(1)): Fr(10, 17)}


def _exchangeable_version(law):
    out: dict = {}
    perms = S.all_perms(len(next(iter(law))))
    for v, w in law.items():
        for s in perms:
            out[S.act(v, s)] = out.get(S.act(v, s), Fr(0)) + w / len(perms)
    return out


X_EXCH = _exchangeable_version(X_LAW)


def _rp_lp(types, law):
    """The revenue LP over rank-preserving mechanisms (Def. 2: q_j(v) <= q_i(v) whenever v_i > v_j)."""
    g = G.optimal_lp(types, law, "H")
    A, b = list(g.lp.A_ub), list(g.lp.b_ub)
    for k, v in enumerate(g.types):
        for i, j in itertools.permutations(range(len(v)), 2):
            if v[i] > v[j]:
                A.append({g.q(k, j): Fr(1), g.q(k, i): Fr(-1)})
                b.append(Fr(0))
    return LinearProgram(c=g.lp.c, A_ub=A, b_ub=b, A_eq=g.lp.A_eq, b_eq=g.lp.b_eq, bounds=g.lp.bounds,
                         maximize=True, names=g.lp.names)


def _x_opt(law_key: str, cls: str):
    law = X_LAW if law_key == "X" else X_EXCH
    types = [v for v in R.grid(X_VALS, 2, "H") if S.is_strict(v)]

    def make():
        if cls == "rp":
            return solve_exact(_rp_lp(types, law))
        return G.optimum(types, law, "H", symmetric=(cls == "sym"))
    return G.cached(("bm_eq_X", law_key, cls), make)


def thm3_three_optima(law_key: str = "X") -> tuple[bool, str]:
    """The exact LP optima over all, over rank-preserving and over symmetric mechanisms on the strict types of
    {1,2,4}^2: under X (not exchangeable) they differ, OPT_sym < OPT_RP < OPT_all (symmetric IC mechanisms are RP,
    Thm. 1, so OPT_sym <= OPT_RP <= OPT_all always; the instance tells the three classes apart)."""
    a, r, s = (_x_opt(law_key, c)().verify() for c in ("all", "rp", "sym"))
    return s < r < a, f"{law_key}: OPT_sym = {s}, OPT_RP = {r}, OPT_all = {a} (certified LPs)"


# --- Def. 4, eqs. (4)-(5): from a symmetric M^H mechanism to M^I ---------------------------------------------
def def4_h_to_i() -> tuple[bool, str]:
    """Def. 4 (a) / Thm. 2 (H -> I) on grids: the certified symmetric LP optimum of M^H, restricted to the sorted grid,
    is feasible (1) (RP, Thm. 1; tied objects get equal shares), IC and IR in M^I, agrees with the H mechanism on D^I
    (eq. (4)) and earns the same revenue under the sorted law (eq. (5)) (spec R11 instances)."""
    out = []
    for (vals, n), val in R11.items():
        gl = G.optimal_lp(R.grid(vals, n, "H"), _iid(vals, n), "H", symmetric=True)
        H = gl.mechanism(solve_exact(gl.lp))
        I = {v: H[v] for v in R.grid(vals, n, "I")}
        for ok, d in (R.check_symmetric(H), R.check_feasible(I, "I"), R.check_ic(I), R.check_ir(I)):
            if not ok:
                return False, f"{vals}, n = {n}: {d}"
        rh, ri = R.revenue(H, _iid(vals, n)), R.revenue(I, S.sorted_law(_iid(vals, n)))
        if rh != ri or rh != val:
            return False, f"{vals}, n = {n}: REV^H = {rh}, REV^I = {ri}, spec R11 = {val}"
        out.append(f"{vals}^{n}: {rh}")
    return True, "restriction feasible, IC, IR; REV^I = REV^H = OPT: " + ", ".join(out)


# --- Sec. 4: exchangeability examples ('permits': v_i = eta m_i) -------------------------------------------------
def _permits_law():
    """v_i = eta m_i with eta in {1, 2} (probabilities 2/3, 1/3) and m_1, m_2 i.i.d. on {1, 2} (1/2 each)."""
    out: dict = {}
    for eta, pe in ((1, Fr(2, 3)), (2, Fr(1, 3))):
        for m1, m2 in itertools.product((1, 2), repeat=2):
            v = (Fr(eta * m1), Fr(eta * m2))
            out[v] = out.get(v, Fr(0)) + pe / 4
    return out


PERMITS = _permits_law()


def permits_exchangeable_correlated() -> tuple[bool, str]:
    """Sec. 4's 'permits' example is exchangeable (f(v) = f(v^sigma)) and positively correlated (Cov(v_1, v_2) > 0:
    exchangeable, not i.i.d.)."""
    if not S.is_exchangeable(PERMITS):
        return False, "the permits law is not exchangeable"
    e = [sum(w * v[i] for v, w in PERMITS.items()) for i in (0, 1)]
    cov = sum(w * v[0] * v[1] for v, w in PERMITS.items()) - e[0] * e[1]
    return cov > 0, f"exchangeable; Cov(v_1, v_2) = {cov}"


#: REV^{sigma^I} of the MV menu under f^H = 1 (the M^H menu restricted to D^I chooses as the M^I menu): eq. (3)
REV_MV_DI = menu_revenue(MV_I, 1, (v1, v2), model="I")

_ORDER = sp.Symbol("G", nonnegative=True)


def _order_stat_sum(n: int) -> sp.Expr:
    G_ = _ORDER
    return sum(sum(sp.binomial(n, j) * (1 - G_) ** j * G_ ** (n - j) for j in range(k)) for k in range(1, n + 1))


CLAIMS = [
    Identity("thm2_density_integrates_to_one", lhs=sp.integrate(sp.integrate(2 * FGM, (v2, 0, v1)), (v1, 0, 1)), rhs=1,
             source=_src("Thm. 2 (f^I = n! f^H, FGM exchangeable family, spec R9)"),
             statement=r"\int_{\bar D^I} 2 f^H = 1,\ f^H = 1+\gamma(1-2v_1)(1-2v_2)"),
    Identity("thm2_rev_MV_H", lhs=menu_revenue(MV_H, 1, (v1, v2)), rhs=(12 + 2 * sp.sqrt(2)) / 27,
             source=_src("Thm. 2 / Prop. 4 (spec R1: Manelli-Vincent menu, U[0,1]^2)"),
             statement=r"\mathrm{REV}^H(\text{MV menu}; U[0,1]^2) = \tfrac{12+2\sqrt2}{27}"),
    Identity("thm2_rev_MV_I", lhs=menu_revenue(MV_I, 2, (v1, v2), model="I"), rhs=(12 + 2 * sp.sqrt(2)) / 27,
             source=_src("Thm. 2 (spec R1: 1 unit @ 2/3, 2 units @ (4-sqrt 2)/3, f^I = 2)"),
             statement=r"\mathrm{REV}^I(\{1@\tfrac23, 2@\tfrac{4-\sqrt2}3\}; f^I=2) = \tfrac{12+2\sqrt2}{27}"),
    Identity("thm2_rev_MV_FGM_half", lhs=menu_revenue(MV_H, FGM.subs(gamma, sp.Rational(1, 2)), (v1, v2)),
             rhs=menu_revenue(MV_I, 2 * FGM.subs(gamma, sp.Rational(1, 2)), (v1, v2), model="I"),
             source=_src("Thm. 2, eqs. (5), (7) (spec R9: FGM gamma = 1/2, both models)"),
             statement=r"\mathrm{REV}^H(\mathrm{MV}; f^H_{1/2}) = \mathrm{REV}^I(\mathrm{MV}^I; 2f^H_{1/2})"),
    Identity("thm2_rev_MV_FGM_value", lhs=menu_revenue(MV_I, 2 * FGM.subs(gamma, sp.Rational(1, 2)), (v1, v2), model="I"),
             rhs=sp.Rational(302, 729) + 41 * sp.sqrt(2) / 486, source=_src("Thm. 2 (spec R9 value)")),
    Identity("g12_order_statistics_n2", lhs=_order_stat_sum(2), rhs=2 * _ORDER, over=[(_ORDER, 0, 1)],
             source=_src("Sec. 5.3 (spec G12, R10)"), statement=r"\sum_{k=1}^2 G_{(k)} = 2G"),
    Identity("g12_order_statistics_n3", lhs=_order_stat_sum(3), rhs=3 * _ORDER, over=[(_ORDER, 0, 1)],
             source=_src("Sec. 5.3 (spec G12, R10)"), statement=r"\sum_{k=1}^3 G_{(k)} = 3G"),
    Identity("g12_order_statistics_n5", lhs=_order_stat_sum(5), rhs=5 * _ORDER, over=[(_ORDER, 0, 1)],
             source=_src("Sec. 5.3 (spec G12)"), statement=r"\sum_{k=1}^5 G_{(k)} = 5G"),
    FiniteCheck("g12_common_marginal_is_average", source=_src("Sec. 5.3 (spec G12)"), compute=g12_average_marginal,
                statement=r"G^H = G_{\rm avg}\ \text{for exchangeable } F^H",
                note="G12 recorded with the evidence: the paper says G^H does not pin down G_avg; it does (identity)"),
    FiniteCheck("g12_not_determined_as_printed", source=_src("Sec. 5.3, 'not sufficient to obtain ... the average' (spec G12)"),
                compute=g12_not_determined_as_printed, expect="fails", corrected="g12_common_marginal_is_average",
                statement=r"\exists f^H\ \text{exchangeable}:\ G_{\rm avg}\ne G^H",
                note="refuted: (1/n) sum_k P(v_(k) <= x) = (1/n) E #{i : v_i <= x} = G^H(x)"),
    FiniteCheck("thm3_symmetrization", source=_src("Thm. 3, fn. 20"), compute=thm3_symmetrization,
                statement=r"(q^*,t^*)\ \text{symmetric, IC, IR},\ \mathrm{REV}(q^*,t^*)=\mathrm{REV}(q,t)"),
    FiniteCheck("cor1_extension_of_I_optimum", source=_src("Cor. 1, Def. 4, eqs. (6)-(7)"), compute=cor1_extension_attains,
                statement=r"\text{ext of the } M^I \text{ optimum is optimal in } M^H"),
    FiniteCheck("dmv_extension_ic", source=_src("Lemma 2 / Thm. 2 in the decreasing-marginal-values cone"),
                compute=lambda: cone_extension(False),
                statement=r"\text{DMV: symmetric extension of 'unit 1 at } p\text{' is IC}"),
    FiniteCheck("imv_extension_not_ic", source=_src("Sec. 4 remark on increasing marginal values"),
                compute=lambda: cone_extension(True), expect="fails", corrected="dmv_extension_ic",
                statement=r"\text{IMV: symmetric extension of 'unit 1 at } p\text{' is IC}",
                note="the same construction on the DMV cone (the twin) is IC; on the IMV cone it is not RP"),
]
for (vals, n), val in R11.items():
    tag = f"{''.join(map(str, vals))}_n{n}"
    CLAIMS.append(ExactLPEquality(f"cor1_opt_H_eq_opt_I_{tag}", lhs=_opt(vals, n, "H"), rhs=_opt(vals, n, "I"),
                                  lhs_label="OPT^H", rhs_label="OPT^I", value=val,
                                  source=_src("Thms. 2-3, Cor. 1 on a grid (spec R11, C5)"),
                                  statement=rf"\mathrm{{OPT}}^H=\mathrm{{OPT}}^I={val}\ \text{{on }}\{{{','.join(map(str, vals))}\}}^{n}"))
CLAIMS += [
    ExactLPEquality("thm3_symmetric_optimum_123", lhs=_opt((1, 2, 3), 2, "H"), rhs=_opt((1, 2, 3), 2, "H", True),
                    lhs_label="OPT^H", rhs_label="OPT^H_sym", source=_src("Thm. 3 on a grid"),
                    statement=r"\max_{\text{all}}\mathrm{REV}=\max_{\text{symmetric}}\mathrm{REV}\ \text{on}\ \{1,2,3\}^2"),
    ExactLPEquality("cor1_non_iid_exchangeable_123", lhs=_opt((1, 2, 3), 2, "H", law=EXCH),
                    rhs=_opt((1, 2, 3), 2, "I", law=EXCH), lhs_label="OPT^H", rhs_label="OPT^I",
                    source=_src("Cor. 1 (a non-i.i.d. exchangeable grid law; spec §7 item 5)")),
    ExactLPEquality("c5_naive_n_factorial_weights", lhs=_opt((1, 2, 3), 2, "H"), rhs=_naive_weights((1, 2, 3), 2),
                    lhs_label="OPT^H", rhs_label="OPT^I(n! f^H)", expect="fails", corrected="cor1_opt_H_eq_opt_I_123_n2",
                    source=_src("Thm. 2, f^I = n! f^H read on a grid (spec C5)"),
                    note="on grids ties carry mass; the weight is n!/prod m_k!, so the literal n! is wrong there"),
    # --- Thm. 3 with and without exchangeability -----------------------------------------------------------
    FiniteCheck("thm3_three_lp_optima_differ_X", source=_src("Thm. 3, Def. 2 (three classes told apart; exact LPs)"),
                compute=thm3_three_optima,
                statement=r"\mathrm{OPT}_{\rm sym}<\mathrm{OPT}_{\rm RP}<\mathrm{OPT}\ \text{under } X",
                note="X = (1 (1,2) + 6 (2,1) + 10 (4,1))/17 on the strict types of {1,2,4}^2, not exchangeable"),
    ExactLPEquality("thm3_symmetric_optimum_exchangeable_X", lhs=_x_opt("X_exch", "all"), rhs=_x_opt("X_exch", "sym"),
                    lhs_label="OPT", rhs_label="OPT_sym", source=_src("Thm. 3 (exchangeable version of X)"),
                    statement=r"\max_{\rm all}\mathrm{REV}=\max_{\rm symmetric}\mathrm{REV},\ f=\tfrac12(X+X^{(12)})"),
    ExactLPEquality("thm3_without_exchangeability_X", lhs=_x_opt("X", "all"), rhs=_x_opt("X", "sym"),
                    lhs_label="OPT", rhs_label="OPT_sym", expect="fails", corrected="thm3_symmetric_optimum_exchangeable_X",
                    source=_src("Thm. 3 without its hypothesis (law X, not exchangeable)"),
                    statement=r"\max_{\rm all}\mathrm{REV}=\max_{\rm symmetric}\mathrm{REV}\ \text{under } X",
                    note="refuted 57/17 > 3: the symmetrization keeps revenue only for exchangeable f (spec G5)"),
    # --- Def. 4, Sec. 4, eq. (3) -----------------------------------------------------------------------------
    FiniteCheck("def4_h_to_i_restriction", source=_src("Def. 4, eqs. (4)-(5), Thm. 2 (H -> I), Thm. 1"), compute=def4_h_to_i,
                statement=r"(q^H,t^H)\ \text{symmetric optimum}\Rightarrow (q^H,t^H)|_{\bar D^I}\ \text{feasible, IC, IR}, \mathrm{REV}^I=\mathrm{REV}^H"),
    FiniteCheck("sec4_permits_exchangeable", source=_src("Sec. 4 (exchangeability: 'permits' v_i = eta m_i)"),
                compute=permits_exchangeable_correlated,
                statement=r"v_i=\eta m_i:\ f(v)=f(v^\sigma),\ \mathrm{Cov}(v_1,v_2)>0"),
    ExactLPEquality("sec4_permits_opt_H_eq_opt_I", lhs=_opt((1, 2, 4), 2, "H", law=PERMITS),
                    rhs=_opt((1, 2, 4), 2, "I", law=PERMITS), lhs_label="OPT^H", rhs_label="OPT^I",
                    source=_src("Sec. 4 'permits' example, Cor. 1"),
                    statement=r"\mathrm{OPT}^H=\mathrm{OPT}^I\ \text{for } v_i=\eta m_i"),
    Identity("eq3_symmetric_regions_equal", lhs=menu_revenue(MV_H, 1, (v1, v2)), rhs=2 * REV_MV_DI,
             source=_src("eq. (3), Thm. 2 proof (REV^H = n! int_{D^I} t f for symmetric (q, t), exchangeable f)"),
             statement=r"\mathrm{REV}(\mathrm{MV};U[0,1]^2)=\textstyle\sum_\sigma\mathrm{REV}^\sigma=2\,\mathrm{REV}^{\sigma^I}",
             note="lhs: the M^H menu over [0,1]^2; rhs: twice its revenue on D^I"),
]

DERIVATION = Derivation(
    name="bm_equivalence",
    title="Bikhchandani-Mishra Sec. 4: equivalence of the heterogeneous and identical objects models",
    scope=SCOPE, claims=CLAIMS,
    model=r"\mathcal M^H=(N,[\underline v,\bar v]^n,f^H),\ \mathcal M^I=(N,\{v_1\ge\dots\ge v_n\},f^I)",
    references=(PAPER,),
    figures={"mv_menus": MenuRegionsFigure(
        ((MV_H, "H", "heterogeneous objects $\\mathcal{M}^H$"), (MV_I, "I", "identical objects $\\mathcal{M}^I$")),
        caption="Which item a buyer chooses from the Manelli-Vincent menu in the heterogeneous objects model "
                "(either good at 2/3, both goods at (4 - √2)/3; values in the unit square) and from its identical "
                "objects version (one unit at 2/3, two units at (4 - √2)/3; values sorted, the first the higher): "
                "where the first value is the higher one the two menus choose alike (eq. (3))",
        labels=("$v_1$ (higher value in $\\mathcal{M}^I$)", "$v_2$"))},
)
