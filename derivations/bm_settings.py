"""Bikhchandani and Mishra, "Rank-preserving Multidimensional Mechanisms" (2022), Sec. 4.2 (other
settings: quality-differentiated products, Mirrlees-style taxation) and the catalog's conjectures
(spec Sec. 7 items 3, 4, 8-12; items 1, 2, 5, 6 are in bm_robust, bm_revenue_monotone, bm_equivalence).

Grid instances follow convention C5 (the M^I law is the law of sort(v)); LP optima are exact
(verified rational duality certificates).  Conjecture claims are instances: their notes say what
they support or refute and what they do not cover.
"""
from __future__ import annotations

import itertools
import random
from fractions import Fraction as Fr

import sympy as sp

from symmech import Derivation, Identity, Scope
from symmech.tactics.lp.exact import LinearProgram, solve_exact
from symmech.models.multigood import grid_lp as G
from symmech.models.multigood import rank as R
from symmech.models.multigood import rank_settings as RS
from symmech.models.multigood import symmetric as S
from symmech.models.multigood.knightian_lp import ExactLPEquality, FiniteCheck
from symmech.models.multigood.stochastic_order import monotone_coupling

PAPER = "Bikhchandani and Mishra, 'Rank-preserving Multidimensional Mechanisms' (2022)"
gamma = sp.Symbol("gamma", real=True)
lam = sp.Symbol("lambda", real=True)
SCOPE = Scope(parameters={gamma: sp.Interval(-1, 1), lam: sp.Interval(0, 1)})
v1, v2 = sp.symbols("v1 v2", nonnegative=True)
FGM = 1 + gamma * (1 - 2 * v1) * (1 - 2 * v2)


def _src(item: str) -> str:
    return f"{PAPER}, {item}"


def _spec(item: str, paper_item: str = "") -> str:
    """A claim on one of the catalog's conjectures (spec Sec. 7): cites the paper (and ``paper_item`` if the claim
    checks a step of it) and the catalog as a separate work, so its section numbers are not read as the paper's."""
    return f"{PAPER}{', ' + paper_item if paper_item else ''}; Spec 004, {item}"


def _iid(vals, n, probs=None):
    k = len(vals)
    return S.iid_law(vals, probs or [Fr(1, k)] * k, n)


# --- Sec. 4.2, quality-differentiated products ------------------------------------------------
_p = sp.symbols("p1:4", nonnegative=True)
_w = sp.symbols("w1:4", real=True)
#: a lottery (p_1, p_2, p_3) over quality levels 1..3 (level i = periods 1..i) is the M^I allocation
#: q_i = P(level >= i), feasible by construction; the buyer's value is the same in both descriptions
QUALITY_VALUE = sum(_p[j] * sum(_w[: j + 1]) for j in range(3))
QUALITY_Q = [sum(_p[i:]) for i in range(3)]

QUAL_VALS, QUAL_PROBS = (1, 2, 4), [Fr(1, 2), Fr(1, 4), Fr(1, 4)]


def _qual(model):
    def make():
        lh = _iid(QUAL_VALS, 2, QUAL_PROBS)
        return G.optimum(R.grid(QUAL_VALS, 2, model), lh if model == "H" else S.sorted_law(lh), model)
    return G.cached(("bm_set_qual", model), make)


# --- Sec. 4.2, taxation: the region-wise identity for a symmetric mechanism -------------------
#: an (arbitrary, polynomial) M^I mechanism on D^I = {v1 >= v2}; its symmetric extension on
#: D(sigma) = {v1 < v2} gives object 2 the first unit: q^s = (B(v2, v1), A(v2, v1)), t^s = t(v2, v1)
_A, _B, _T = v1, v1 * v2, v1 ** 2 / 2 + v2 ** 2 / 3


def _swap(e):
    return e.subs({v1: v2, v2: v1}, simultaneous=True)


def _tax_sides(V, f=FGM):
    """lhs = int over D(sigma) of [lam V(q^s) + (1-lam) t^s] f, rhs = the same over D^I with (q, t)."""
    lhs = sp.integrate(sp.integrate((lam * V(_swap(_B), _swap(_A)) + (1 - lam) * _swap(_T)) * f, (v2, v1, 1)), (v1, 0, 1))
    rhs = sp.integrate(sp.integrate((lam * V(_A, _B) + (1 - lam) * _T) * f, (v2, 0, v1)), (v1, 0, 1))
    return sp.expand(lhs), sp.expand(rhs)


TAX_V = {
    "sum": (lambda a, b: a + b, r"q_1+q_2"),
    "squares": (lambda a, b: a ** 2 + b ** 2, r"q_1^2+q_2^2"),
    "product": (lambda a, b: (1 + a) * (1 + b), r"(1+q_1)(1+q_2)"),
}
TAX_VALS = (1, 2, 3)


def _welfare(model, lam_, symmetric=False):
    def make():
        lh = _iid(TAX_VALS, 2)
        law = lh if model == "H" else S.sorted_law(lh)
        return solve_exact(RS.welfare_lp(R.grid(TAX_VALS, 2, model), law, model, lam_, symmetric=symmetric))
    return G.cached(("bm_set_welf", model, lam_, symmetric), make)


# --- Sec. 7 item 3: MM of LP optimal mechanisms -------------------------------------------------
UNIFORM_GRIDS = (((1, 2, 3), 2), ((0, 1, 2, 3), 2), ((1, 2), 3))
#: a non-uniform law on the sorted grid {0,1,2,3}^2 (weights / 26) whose optimal LP vertex is random
NONUNIFORM = {(Fr(a), Fr(b)): Fr(w, 26) for (a, b), w in {(0, 0): 6, (1, 0): 5, (1, 1): 4, (2, 0): 4, (2, 2): 3,
                                                           (3, 0): 1, (3, 1): 2, (3, 3): 1}.items()}


def mm_of_optimum(instances=None, checks=(R.check_mm, R.check_almost_deterministic)) -> tuple[bool, str]:
    """The certified LP optimum (one optimal vertex) of M^I is MM and almost deterministic, on sorted
    i.i.d. uniform grids (default) or on ``instances`` = [(values, n, law on the sorted grid)]."""
    out = []
    insts = instances or [(vals, n, S.sorted_law(_iid(vals, n))) for vals, n in UNIFORM_GRIDS]
    for vals, n, lw in insts:
        gl = G.optimal_lp(R.grid(vals, n, "I"), lw, "I")
        mech = gl.mechanism(solve_exact(gl.lp))
        for check in checks:
            ok, d = check(mech)
            if not ok:
                return False, f"{vals}^{n}: {d}"
        out.append(f"{vals}^{n}")
    return True, f"the exact LP optimum (one optimal vertex) passes on {out}"


def nonuniform_vertex_is_optimum() -> tuple[bool, str]:
    """The certified optimal LP vertex for NONUNIFORM is a genuine optimum of M^I: IC, IR, feasible (1),
    and its revenue under NONUNIFORM equals the certified optimum; it is random (the LP is needed)."""
    gl = G.optimal_lp(R.grid((0, 1, 2, 3), 2, "I"), NONUNIFORM, "I")
    res = solve_exact(gl.lp)
    opt = res.verify()
    mech = gl.mechanism(res)
    for ok, d in (R.check_ic(mech), R.check_ir(mech), R.check_feasible(mech, "I")):
        if not ok:
            return False, d
    if R.revenue(mech, NONUNIFORM) != opt:
        return False, f"the vertex earns {R.revenue(mech, NONUNIFORM)} != certified optimum {opt}"
    return True, f"IC, IR, feasible; earns the certified optimum {opt}; {R.check_deterministic(mech)[1]}"


# --- Sec. 7 item 4: sorting preserves the usual stochastic order ------------------------------
def sort_preserves_order(reverse: bool = False) -> tuple[bool, str]:
    """For random exchangeable grid laws F and monotone maps h >= id (C4), sort(F) <=_st sort(h F)
    (checked by an exact coupling LP), and OPT^H = OPT^I for both members of the pair."""
    rng = random.Random(4)
    vals = (0, 1, 2)
    k = 0
    for _ in range(3):
        probs = [Fr(rng.randint(1, 4)) for _ in vals]
        lh = _iid(vals, 2, [x / sum(probs) for x in probs])
        up = {x: max(x, Fr(rng.choice(vals))) for x in map(Fr, vals)}
        hi = R.push_forward(lh, lambda v: tuple(up[x] for x in v))   # exchangeable: same map per coordinate
        lo_i, hi_i = S.sorted_law(lh), S.sorted_law(hi)
        c = monotone_coupling(hi_i, lo_i) if reverse else monotone_coupling(lo_i, hi_i)
        if not c.holds:
            return False, f"sort(F) not <=_st sort(hF): {c.detail}"
        for law in (lh, hi):
            a = G.optimum(R.grid(vals, 2, "H"), law, "H").verify()
            b = G.optimum(R.grid(vals, 2, "I"), S.sorted_law(law), "I").verify()
            if a != b:
                return False, f"OPT^H = {a} != OPT^I = {b}"
        k += 1
    return True, f"{k} exchangeable FOSD pairs on {vals}^2: sorted laws ordered (exact couplings), OPT^H = OPT^I for each law"


# --- Sec. 7 item 7: the best-region extension ---------------------------------------------------
def best_region_extension(require_rp: bool = True) -> tuple[bool, str]:
    """For random RP IC menus in M^H on the strict types of {0,1,2,3}^n, n = 2, 3 (exchangeable law
    uniform on the strict types): each region's restriction, relabelled to D^I and extended
    symmetrically, is IC, and the best region's extension earns >= REV (n! max REV^sigma >= REV).
    ``require_rp=False`` also feeds non-RP menus (a negative control: their relabelled allocations break (1)
    or IC)."""
    rng = random.Random(7)
    used = 0
    for n, vals in ((2, (0, 1, 2, 3)), (3, (0, 1, 2, 3))):
        strict = [v for v in R.grid(vals, n, "H") if S.is_strict(v)]
        law = {v: Fr(1, len(strict)) for v in strict}
        for _ in range(40):
            mech = R.tabulate(R.menu_mechanism(R.random_menu(rng, n, "H")), strict)
            rp = R.check_rank_preserving(mech)[0]
            if require_rp and not rp:
                continue
            best = None
            for sigma in S.all_perms(n):
                def mi(w, sigma=sigma):
                    q, t = mech[S.act(w, S.inverse(sigma))]
                    return S.act(q, sigma), t
                try:
                    ext = R.tabulate(S.symmetric_extension(mi), strict)
                except S.AllocationError as exc:
                    return False, f"region {sigma} of a non-RP menu: {exc}"
                ok, d = R.check_ic(ext)
                if not ok:
                    return False, f"region {sigma}: extension not IC: {d}"
                rev = R.revenue(ext, law)
                best = rev if best is None else max(best, rev)
            if best < R.revenue(mech, law):
                return False, f"best region earns {best} < REV = {R.revenue(mech, law)}"
            used += 1
    return used > 0, f"{used} random RP IC menus (n = 2, 3): every region extension IC, best >= REV"


# --- Sec. 7 item 8: increasing marginal values -------------------------------------------------
IMV_VALS = (0, 1, 2, 3)


def _imv_law():
    out: dict = {}
    for v, w in _iid(IMV_VALS, 2).items():
        key = tuple(sorted(v))
        out[key] = out.get(key, 0) + w
    return out


def _imv_opt():
    return G.cached(("bm_set_imv",), lambda: solve_exact(RS.imv_lp(IMV_VALS, 2, _imv_law())))


def _best_bundle() -> Fr:
    law = _imv_law()
    return max(Fr(b) * sum((w for v, w in law.items() if sum(v) >= b), Fr(0)) for b in range(0, 7))


def imv_optimum_beats_bundling() -> tuple[bool, str]:
    """The certified IMV optimum on {0,1,2,3}^2 is attained by an IC, IR mechanism with q_{unit 1} >=
    q_{unit 2} on the increasing cone, and it exceeds the best pure bundle (exhaustive over bundle prices)."""
    vals = sorted({Fr(x) for x in IMV_VALS})
    types = [v for v in itertools.product(vals, repeat=2) if v[0] <= v[1]]
    rev_law = {tuple(reversed(v)): w for v, w in _imv_law().items()}
    gl = G.optimal_lp([tuple(reversed(v)) for v in types], rev_law, "H")     # the layout imv_lp builds on
    res = _imv_opt()()
    opt = res.verify()
    mech = {v: (tuple(res.primal[gl.q(k, i)] for i in range(2)), res.primal[gl.t(k)]) for k, v in enumerate(gl.types)}
    for ok, d in (R.check_ic(mech), R.check_ir(mech), R.check_feasible(mech, "H")):
        if not ok:
            return False, d
    if any(q[1] < q[0] for q, _ in mech.values()):                   # reversed coordinates: unit 1 = object 2
        return False, "the optimal point violates q_{unit 1} >= q_{unit 2}"
    if R.revenue(mech, rev_law) != opt:
        return False, "the optimal point's revenue differs from the certified optimum"
    bundle = _best_bundle()
    return opt > bundle, f"OPT^IMV = {opt} (attained by a verified IC, IR, IMV-feasible mechanism) vs best pure bundle {bundle}"


# --- Sec. 7 item 9: G_avg plus one moment ---------------------------------------------------------
R12_VALS, R12_G, R12_VSTAR = (1, 2, 3), {1: Fr(1, 2), 2: Fr(3, 10), 3: Fr(1, 5)}, Fr(2)   # spec R12
R12_MEAN = sum(Fr(x) * w for x, w in R12_G.items())


def _moment(phi, m, key):
    return G.cached(("bm_set_mom", key), lambda: solve_exact(RS.maxmin_average_moment_lp(R12_VALS, R12_G, 2, phi, m)))


def moment_saddle(phi, m, key) -> tuple[bool, str]:
    """An independent value of the max-min with G_avg and E phi = m known: the LP's optimal mechanism M*
    (IC, IR, feasible) and nature's law F* (the multipliers of the nature rows; checked to lie in the
    uncertainty set) form a saddle point when M*'s guarantee (a separate LP over nature's laws) equals
    the Bayesian optimum against F* (a separate revenue LP); that common value must be the LP optimum."""
    gl = G.maxmin_average_lp(R12_VALS, R12_G, 2)
    res = _moment(phi, m, key)()
    opt = res.verify()
    T = len(gl.types)
    mech = {v: (tuple(res.primal[gl.q(k, i)] for i in range(2)), res.primal[gl.t(k)]) for k, v in enumerate(gl.types)}
    for ok, d in (R.check_ic(mech), R.check_ir(mech), R.check_feasible(mech, "I")):
        if not ok:
            return False, f"M*: {d}"
    law = {v: abs(d) for v, d in zip(gl.types, res.dual_ub[-T:]) if d}
    g = {Fr(x): Fr(w) for x, w in R12_G.items()}
    if sum(law.values()) != 1 or S.average_marginal(law) != g or sum(w * Fr(phi(v)) for v, w in law.items()) != m:
        return False, "F* is not in the uncertainty set"
    vals = sorted(g)
    A_eq = [{k: Fr(sum(1 for a in v if a == x), 2) for k, v in enumerate(gl.types) if x in v} for x in vals]
    b_eq = [g[x] for x in vals]
    A_eq.append({k: Fr(phi(v)) for k, v in enumerate(gl.types)})
    b_eq.append(Fr(m))
    guarantee = solve_exact(LinearProgram(c=[mech[v][1] for v in gl.types], A_eq=A_eq, b_eq=b_eq,
                                          bounds=[(0, None)] * T)).verify()
    best = G.optimum(gl.types, law, "I").verify()
    ok = guarantee == best == opt
    return ok, (f"guarantee of M* = {guarantee}, Bayesian optimum against F* = {best}: "
                f"{'a saddle point' if guarantee == best else 'no saddle point'}; LP optimum {opt}")


# --- Sec. 7 item 12: quantitative Prop. 1 ---------------------------------------------------------
def _delta(v):
    return [v[k] - v[k + 1] for k in range(len(v) - 1)] + [v[-1]]


def prop1_bound(at_vhat: bool = False) -> tuple[bool, str]:
    """(16): t(v^) - t(v) >= v.(q(v^) - q(v)) (IC), and (18): t(v^) - t(v) >= sum_k Delta_k(v) [S_k(q(v^)) - S_k(q(v))]
    for random M^I menus on grids
    (with ``at_vhat`` the paper-external variant with Delta_k(v^), which is not implied by IC)."""
    rng = random.Random(12)
    k = 0
    for n, vals in ((2, (0, 1, 2, 3)), (3, (0, 1, 2))):
        for _ in range(8):
            menu = R.random_menu(rng, n, "I")
            mech = R.tabulate(R.menu_mechanism(menu, model="I"), R.grid(vals, n, "I"))
            for v, w in itertools.permutations(mech, 2):
                if mech[w][1] - mech[v][1] < sum((a * (x - y) for a, x, y in zip(v, mech[w][0], mech[v][0])), Fr(0)):
                    return False, f"menu {menu}: (16) fails at v = {v}, v-hat = {w}"
                d = _delta(w if at_vhat else v)
                sq, sv = R.top_sums(mech[w][0]), R.top_sums(mech[v][0])
                bound = sum((d[j] * (sq[j] - sv[j]) for j in range(n)), Fr(0))
                if mech[w][1] - mech[v][1] < bound:
                    return False, (f"menu {menu}: t{w} - t{v} = {mech[w][1] - mech[v][1]} < bound {bound} "
                                   f"(Delta at {'v-hat' if at_vhat else 'v'})")
            k += 1
    return True, f"bound (18) at all ordered pairs of grid types for {k} random M^I menus (n = 2, 3)"


CLAIMS = [
    Identity("s42_quality_lottery_is_MI_allocation", lhs=QUALITY_VALUE, rhs=sum(_w[i] * QUALITY_Q[i] for i in range(3)),
             over=[(x, 0, 1) for x in (*_p, *_w)], source=_src("Sec. 4.2, quality-differentiated products (Model I)"),
             statement=r"\sum_j p_j\sum_{i\le j}v_i=\sum_i v_iq_i,\ q_i=\sum_{j\ge i}p_j",
             note="a lottery over quality levels is the M^I allocation q_i = P(level >= i), decreasing by construction"),
    ExactLPEquality("s42_quality_opt_H_eq_opt_I", lhs=_qual("H"), rhs=_qual("I"), lhs_label="OPT^H", rhs_label="OPT^I",
                    source=_src("Sec. 4.2, quality-differentiated products (ex-ante symmetric products)"),
                    statement=r"\mathrm{OPT}^H=\mathrm{OPT}^I,\ v_i\ \text{i.i.d. on}\ \{1,2,4\},\ (\tfrac12,\tfrac14,\tfrac14)",
                    note="nothing beyond Thm. 2 (spec); one non-uniform i.i.d. grid instance"),
]
for key, (V, tex) in TAX_V.items():
    lhs, rhs = _tax_sides(V)
    CLAIMS.append(Identity(f"s42_tax_regionwise_{key}", lhs=lhs, rhs=rhs,
                           source=_src("Sec. 4.2, taxation (region-wise welfare identity)"),
                           statement=rf"\int_{{D(\sigma)}}[\lambda V(q)+(1-\lambda)t]f^H=\int_{{D^I}}[\dots],\ V={tex}",
                           note="f^H = FGM(gamma), exchangeable; (q, t) the symmetric extension of a polynomial M^I rule"))
_l1, _r1 = _tax_sides(lambda a, b: a)
CLAIMS += [
    Identity("s42_tax_regionwise_asymmetric_V", lhs=_l1, rhs=_r1, expect="fails", corrected="s42_tax_regionwise_sum",
             source=_src("Sec. 4.2, taxation: the identity needs a symmetric V (spec counter-test)"),
             statement=r"\text{the region-wise identity with } V(q)=q_1"),
    ExactLPEquality("s42_tax_opt_H_eq_opt_I", lhs=_welfare("H", Fr(1, 2)), rhs=_welfare("I", Fr(1, 2)),
                    lhs_label="W^H", rhs_label="W^I", source=_src("Sec. 4.2, taxation: 'Theorems 1-3 imply'"),
                    statement=r"\max\ \tfrac12\sum q+\tfrac12 t\ \text{equal in } M^H, M^I\ \text{on}\ \{1,2,3\}^2",
                    note="linear V = sum q_i; one grid, i.i.d. uniform"),
    ExactLPEquality("sec7_11_tax_symmetric_optimum", lhs=_welfare("H", Fr(1, 4)), rhs=_welfare("H", Fr(1, 4), True),
                    lhs_label="W^H", rhs_label="W^H_sym", source=_spec("§7 item 11 (Thm. 3 analogue for taxation)", "Sec. 4.2, taxation ('Theorems 1-3 imply': a symmetric optimum)"),
                    statement=r"\max_{\text{all}} = \max_{\text{symmetric}}\ \text{for}\ \tfrac14\sum q+\tfrac34 t",
                    note=("supported for a linear (hence concave) symmetric V on one grid; for concave V averaging "
                          "works by Jensen; non-concave symmetric V not tested (needs a non-LP program)")),
    FiniteCheck("sec7_3_lp_optimum_mm", source=_spec("§7 item 3 (MM of optimal mechanisms)"), compute=mm_of_optimum,
                statement=r"\text{the LP optimum is MM on sorted i.i.d. uniform grids}",
                note=("supported on 3 small uniform grids (one LP vertex each, deterministic there); no continuum law, "
                      "no log-concave/FGM/Beta family")),
    FiniteCheck("sec7_3_lp_vertex_nonuniform_is_optimum", source=_spec("§7 item 3 on a non-uniform sorted law"),
                compute=nonuniform_vertex_is_optimum,
                statement=r"\text{the optimal LP vertex for } f^I=\text{NONUNIFORM is an IC, IR, feasible optimum (random)}"),
    FiniteCheck("sec7_3_lp_vertex_nonuniform_mm", source=_spec("§7 item 3 on a non-uniform sorted law"),
                compute=lambda: mm_of_optimum([((0, 1, 2, 3), 2, NONUNIFORM)], (R.check_mm,)), expect="fails",
                corrected="sec7_3_lp_vertex_nonuniform_is_optimum",
                statement=r"\text{the optimal LP vertex is MM for } f^I = \text{NONUNIFORM}",
                note=("the certified optimal vertex (revenue 16/13) is random and not MM; whether another optimum "
                      "is MM is not decided (MM is not a linear constraint), so the conjecture is open, not refuted")),
    FiniteCheck("sec7_4_sort_preserves_usual_order", source=_spec("§7 item 4 (Hart-Reny transported to M^I)"),
                compute=sort_preserves_order, statement=r"F\le_{st}\tilde F\Rightarrow \mathrm{sort}F\le_{st}\mathrm{sort}\tilde F",
                note=("the transport step only; a decreasing-OPT exchangeable pair (Hart-Reny's example) "
                      "is not reproduced here")),
    FiniteCheck("sec7_7_best_region_extension", source=_spec("§7 item 7 (random RP mechanisms)", "Prop. 5 proof, eq. (19)"),
                compute=best_region_extension, statement=r"n!\max_\sigma\mathrm{REV}^\sigma\ge\mathrm{REV},\ \text{attained by an IC extension}",
                note="grids of strict types (ties excluded), random RP menus; supported, not proved for the continuum"),
    FiniteCheck("sec7_8_imv_optimum_beats_bundling", source=_spec("§7 item 8 (IMV grid LP, verified optimum)"),
                compute=imv_optimum_beats_bundling,
                statement=r"\mathrm{OPT}^{IMV}>\max_b b\,P(v_1+v_2\ge b)\ \text{on}\ \{0,1,2,3\}^2"),
    G.LPValue("sec7_8_imv_grid_bundling_optimal", lp=_imv_opt(), value=_best_bundle, label="best pure bundle",
              expect="fails", corrected="sec7_8_imv_optimum_beats_bundling", source=_spec("§7 item 8 (BM 2022: bundling optimal under IMV and (11))"),
              statement=r"\mathrm{OPT}^{IMV}=\max_b b\,P(v_1+v_2\ge b)\ \text{on}\ \{0,1,2,3\}^2",
              note=("refuted on the grid: OPT 31/16 > 15/8 (best bundle); the BM 2022 result is for densities "
                    "with (11), so this is a discretization limit, not a counterexample to it")),
    G.LPValue("sec7_9_known_total_mean", lp=_moment(lambda v: v[0] + v[1], 2 * R12_MEAN, "sum"), value=R12_VSTAR,
              label="n R*(G_avg)", source=_spec("§7 item 9: E[v_1 + v_2] known (spec R12 instance)"),
              note="E sum v_i = n E_{G_avg} x is implied by G_avg, so uniform pricing stays max-min"),
    G.LPValue("sec7_9_known_top_mean_small_shift", lp=_moment(lambda v: v[0], R12_MEAN + Fr(1, 5), "top1"),
              value=R12_VSTAR, label="n R*(G_avg)",
              source=_spec("§7 item 9: E[v_1] = mean + 1/5 (diagonal law excluded)"),
              note="the diagonal law is infeasible, yet the max-min is still V* (uniform pricing still max-min)"),
    FiniteCheck("sec7_9_known_top_mean_large_shift_saddle", source=_spec("§7 item 9: E[v_1] = mean + 1/2, saddle point"),
                compute=lambda: moment_saddle(lambda v: v[0], R12_MEAN + Fr(1, 2), "top2"),
                statement=r"\max\min = \min_F\mathrm{REV}(M^*;F) = \max_M\mathrm{REV}(M;F^*)\ \text{with } E[v_1]=\bar x+\tfrac12"),
    G.LPValue("sec7_9_known_top_mean_large_shift", lp=_moment(lambda v: v[0], R12_MEAN + Fr(1, 2), "top2"),
              value=R12_VSTAR, label="n R*(G_avg)", expect="fails", corrected="sec7_9_known_top_mean_large_shift_saddle",
              source=_spec("§7 item 9: 'uniform pricing remains max-min' with E[v_1] = mean + 1/2"),
              note="refuted: the max-min is 12/5 > V* = 2, so uniform pricing is no longer max-min"),
    G.LPValue("sec7_10_common_marginal_H", lp=G.cached(("bm_set_hcm",), lambda: solve_exact(
        RS.maxmin_common_marginal_h_lp(R12_VALS, R12_G, 2))), value=R12_VSTAR, label="n R*(G)",
        source=_spec("§7 item 10 (Carroll-type robustness in M^H, spec R12 marginal)"),
        statement=r"\max_{M^H}\min_{F:\,F_i=G}\mathrm{REV}=nR^*(G)=2",
        note="one instance; equals the exchangeable (M^I, G_avg = G) max-min of bm_robust's prop6_maxmin_eq_vstar_123"),
    FiniteCheck("sec7_12_quantitative_prop1", source=_spec("§7 item 12", "Prop. 1 proof, eqs. (16)-(18)"),
                compute=prop1_bound, statement=r"t(\hat v)-t(v)\ge\sum_k\Delta_k(v)[S_k(q(\hat v))-S_k(q(v))]"),
    FiniteCheck("sec7_12_bound_at_vhat", source=_spec("§7 item 12: the bound with Delta_k(v-hat)"),
                compute=lambda: prop1_bound(True), expect="fails", corrected="sec7_12_quantitative_prop1",
                statement=r"t(\hat v)-t(v)\ge\sum_k\Delta_k(\hat v)[\dots]",
                note="IC gives Delta(v-hat) only as an upper bound; the lower bound needs Delta(v)"),
]

DERIVATION = Derivation(
    name="bm_settings",
    title="Bikhchandani-Mishra Sec. 4.2 (other settings) and the catalog's conjectures",
    scope=SCOPE, claims=CLAIMS,
    model=r"\mathcal M^H,\ \mathcal M^I,\ \text{taxation objective } \lambda W+(1-\lambda)T",
    references=(PAPER,),
)
