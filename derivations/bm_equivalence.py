"""Bikhchandani and Mishra, "Rank-preserving Multidimensional Mechanisms" (2022), Sec. 4: the
equivalence of the heterogeneous (M^H) and identical (M^I) objects models (Thm. 2, Thm. 3, Cor. 1).

Grid instances follow convention C5: the M^I law is the law of sort(v), v ~ F^H (multinomial tie
weights n!/prod m_k!, not n!).  LP optima are exact (verified rational duality certificates).
"""
from __future__ import annotations

import random
from fractions import Fraction as Fr

import sympy as sp

from symmech import Derivation, Identity, Scope
from symmech.models.multigood import grid_lp as G
from symmech.models.multigood import rank as R
from symmech.models.multigood import symmetric as S
from symmech.models.multigood.knightian_lp import ExactLPEquality, FiniteCheck
from symmech.models.multigood.polygon import menu_revenue

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


def g12_average_marginal() -> tuple[bool, str]:
    """G^H = G_avg of the sorted law for exchangeable grid laws (i.i.d., the mixture EXCH, n = 3)."""
    laws = [EXCH, _iid((0, 1, 2), 3), S.exchangeable_law({(Fr(2), Fr(1), Fr(0)): Fr(1, 2), (Fr(1), Fr(1), Fr(1)): Fr(1, 2)})]
    for lh in laws:
        gh = S.unit_marginals(lh)[0]
        ga = S.average_marginal(S.sorted_law(lh))
        if gh != ga:
            return False, f"G^H = {gh} but G_avg = {ga}"
    return True, f"G^H = G_avg exactly for {len(laws)} exchangeable grid laws (one non-i.i.d., n = 2 and 3)"


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
             source=_src("Thm. 2 (spec R9: FGM gamma = 1/2, both models)"),
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
    FiniteCheck("thm3_symmetrization", source=_src("Thm. 3, fn. 20"), compute=thm3_symmetrization,
                statement=r"(q^*,t^*)\ \text{symmetric, IC, IR},\ \mathrm{REV}(q^*,t^*)=\mathrm{REV}(q,t)"),
    FiniteCheck("cor1_extension_of_I_optimum", source=_src("Cor. 1"), compute=cor1_extension_attains,
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
                    source=_src("Cor. 1 (spec Sec. 7 item 5: a non-i.i.d. exchangeable grid law)")),
    ExactLPEquality("c5_naive_n_factorial_weights", lhs=_opt((1, 2, 3), 2, "H"), rhs=_naive_weights((1, 2, 3), 2),
                    lhs_label="OPT^H", rhs_label="OPT^I(n! f^H)", expect="fails", corrected="cor1_opt_H_eq_opt_I_123_n2",
                    source=_src("Thm. 2, f^I = n! f^H read on a grid (spec C5)"),
                    note="on grids ties carry mass; the weight is n!/prod m_k!, so the literal n! is wrong there"),
]

DERIVATION = Derivation(
    name="bm_equivalence",
    title="Bikhchandani-Mishra Sec. 4: equivalence of the heterogeneous and identical objects models",
    scope=SCOPE, claims=CLAIMS,
    model=r"\mathcal M^H=(N,[\underline v,\bar v]^n,f^H),\ \mathcal M^I=(N,\{v_1\ge\dots\ge v_n\},f^I)",
    references=(PAPER,),
)
