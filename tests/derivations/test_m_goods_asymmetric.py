"""derivations/m_goods_asymmetric: C1 (separate sales optimal with asymmetric means) and C2 on grids.

Sources of the regression values (each test says which):

* spec R8 / R4 (seed_002_one_moment.md, Sec. 5): HiGHS floats of the 2-good grid LP values, the
  1-D grid LP values on 11 points and the C2 best responses; compared to 1e-8;
* an independent exact computation (``_v1d``): SymPy's exact simplex on a different formulation
  of the one-good grid problem (nature's extreme points = laws with at most two support points
  for one mean equality, enumerated by hand; the seller = a random posted price at grid values,
  which on a 1-D grid is as good as any IC/IR mechanism).
"""
from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest
from sympy import Matrix, Rational
from sympy.solvers.simplex import linprog as sympy_linprog

from symmech import Identity
from symmech.tactics.lp.exact import ExactLPResult, LinearProgram, solve_exact
from symmech.models.multigood import knightian_lp as K
from symmech.kernel.verdict import Status

import derivations.m_goods_asymmetric as D


# ------------------------------------------------------------------------------------------------
# independent one-good values (SymPy exact simplex, different formulation)
# ------------------------------------------------------------------------------------------------

def _two_point_laws(points, m):
    laws = [{p: Rational(1)} for p in points if p == m]
    for p, q in itertools.combinations(sorted(points), 2):
        if p < m < q:
            laws.append({p: (q - m) / (q - p), q: (m - p) / (q - p)})
    return laws


def _v1d(grid, m):
    """max over random posted prices (at positive grid values) of min over the extreme laws."""
    pts = [Rational(a.numerator, a.denominator) for a in grid]
    m = Rational(m.numerator, m.denominator)
    prices = [p for p in pts if p > 0]
    laws = _two_point_laws(pts, m)
    A = [[-sum(w * (p if v >= p else 0) for v, w in law.items()) for p in prices] + [1] for law in laws]
    A.append([1] * len(prices) + [0])
    b = [0] * len(laws) + [1]
    val, _ = sympy_linprog(Matrix([[0] * len(prices) + [-1]]), Matrix(A), Matrix(b))
    return F(int((-val).p), int((-val).q))


V1D_11 = {F(1, 2): F(756, 3601), F(1, 4): F(630, 7381), F(3, 4): F(882, 2131), F(1, 10): F(252, 7381)}
VALUES2 = {"k50_25": F(7848666, 26578981), "k75_10": F(7047054, 15728911), "k50_50": F(1512, 3601)}


def test_one_good_grid_values_independent_and_spec():
    """1-D grid values: SymPy simplex (independent) == symmech's certified LP; spec R4 floats to 1e-8."""
    for m, expected in V1D_11.items():
        assert _v1d(D.GRID11, m) == expected
        assert D.v_1d(D.GRID11, m)().verify() == expected
        assert abs(float(expected) - D.SPEC_R4_1D[m]) < 1e-8


@pytest.mark.parametrize("name", ["k50_25", "k75_10", "k50_50"])
def test_two_goods_value_is_sum_of_one_good_values(name):
    """C1 on the spec's 11 x 11 grid: V_all (certified LP) == sum of the independent 1-D values;
    the spec R8 float (HiGHS) agrees to 1e-8."""
    m1, m2 = D.CASES2[name]
    v = D.v_all(D.INST2[name])().verify()
    assert v == V1D_11[m1] + V1D_11[m2] == VALUES2[name]
    assert abs(float(v) - D.SPEC_R8[name]) < 1e-8
    # the spec's R8 sums
    assert abs(D.SPEC_R4_1D[m1] + D.SPEC_R4_1D[m2] - D.SPEC_R8[name]) < 2e-8
    verdict = D._c1_grid(name).check(D.SCOPE)
    assert verdict.status is Status.PROVED


@pytest.mark.slow
def test_sixteen_point_grid_spec_r8():
    """Spec R8, 16 x 16 grid, k = (1/2, 1/4): 0.28111776 = 0.20203440 + 0.07908336 (spec floats); the
    1-D values also from SymPy (independent).  LP 66304 x 771, ~45 s."""
    grid = tuple(F(i, 15) for i in range(16))
    inst = K.Instance("asym2_k50_25_16", K.square_grid(grid, 2), (K.item_mean(0, F(1, 2)), K.item_mean(1, F(1, 4))))
    ones = [_v1d(grid, F(1, 2)), _v1d(grid, F(1, 4))]
    assert ones == [F(108108, 535097), F(66066, 835397)]
    assert abs(float(ones[0]) - 0.20203440) < 1e-8 and abs(float(ones[1]) - 0.07908336) < 1e-8
    v = K.solve(inst, "all").result.verify()
    assert v == sum(ones) and abs(float(v) - 0.28111776) < 1e-8


def test_c1_claim_negative_perturbed_value_and_instance():
    """A wrong value, and the right V_all against a perturbed mean, are refuted (exact)."""
    inst = D.INST2["k50_25"]
    wrong_value = K.ExactLPSum("w", lhs=[D.v_all(inst)], rhs=[D.v_1d(D.GRID11, F(1, 2)), D.v_1d(D.GRID11, F(1, 4))],
                               value=VALUES2["k50_25"] + F(1, 10**9))
    v = wrong_value.check(D.SCOPE)
    assert v.status is Status.REFUTED and "claimed value" in v.detail
    wrong_mean = K.ExactLPSum("m", lhs=[D.v_all(inst)], rhs=[D.v_1d(D.GRID11, F(1, 2)), D.v_1d(D.GRID11, F(3, 10))])
    v = wrong_mean.check(D.SCOPE)
    assert v.status is Status.REFUTED
    assert F(v.witness["rhs"]) == F(756, 3601) + _v1d(D.GRID11, F(3, 10))
    strict = K.ExactLPSum("s", lhs=[D.v_all(inst)], rhs=[D.v_1d(D.GRID11, F(1, 2)), D.v_1d(D.GRID11, F(1, 4))],
                          rel=">")
    assert strict.check(D.SCOPE).status is Status.REFUTED


def test_three_goods_value_is_sum():
    """C1 with three goods on {0, 1/3, 2/3, 1}^3, k = (1/2, 1/4, 3/4): 1-D values from SymPy (independent)."""
    ones = [_v1d(D.GRID4, m) for m in D.K3]
    assert ones == [F(3, 11), F(3, 22), F(1, 2)]
    assert D.v_all(D.INST3)().verify() == sum(ones) == F(10, 11)
    claim = next(c for c in D.DERIVATION.claims if c.id == "c1_three_goods_grid4")
    assert claim.check(D.SCOPE).status is Status.PROVED


@pytest.mark.slow
def test_three_goods_finer_grid():
    """{0, 1/4, ..., 1}^3 (125 types, LP 16125 x 504): V_all == sum of independent 1-D values = 267/325."""
    inst = D.three_goods(D.GRID5, D.K3)
    ones = [_v1d(D.GRID5, m) for m in D.K3]
    assert D.v_all(inst)().verify() == sum(ones) == F(267, 325)


def test_bundling_is_strictly_worse_and_separate_equals_all():
    """k = (3/4, 1/10): V_sep == V_all, V_bundle == V_1D(3/4) < V_all (sell good 1 only; cf. spec R10)."""
    inst = D.INST2["k75_10"]
    assert K.solve(inst, K.FINEST2).result.verify() == VALUES2["k75_10"]
    assert K.solve(inst, K.COARSEST2).result.verify() == V1D_11[F(3, 4)] < VALUES2["k75_10"]


# ------------------------------------------------------------------------------------------------
# Knightian property
# ------------------------------------------------------------------------------------------------

def test_finest_knightian_on_grid_and_negatives():
    ok, why = K.finest_knightian_on_grid(D.INST2["k50_25"])
    assert ok and "121 points" in why
    assert K.finest_knightian_on_grid(D.INST3)[0]
    # not a product grid: the simplex grid lacks (2, 2)
    simplex = K.Instance("s", K.simplex_grid(2), (K.item_mean(0, 1), K.item_mean(1, F(1, 2))))
    ok, why = K.finest_knightian_on_grid(simplex)
    assert not ok and "not the product" in why
    # a moment on v1 + v2 depends on two coordinates
    summ = K.Instance("c", K.square_grid([0, 1]), (K.cell_mean((0, 1), 1),))
    ok, why = K.finest_knightian_on_grid(summ)
    assert not ok and "more than one coordinate" in why


def test_knightian_identity_and_its_negative():
    claim = next(c for c in D.DERIVATION.claims if c.id == "knightian_mean_is_marginal_functional")
    assert claim.check(D.SCOPE).status is Status.PROVED
    # the mean of v_1 is NOT the b-weighted (wrong-marginal) sum
    bad = Identity("bad", lhs=claim.lhs, rhs=D.a1 * (D.w11 + D.w21) + D.a2 * (D.w12 + D.w22))
    assert bad.check(D.SCOPE).status is Status.REFUTED


# ------------------------------------------------------------------------------------------------
# continuum claims
# ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("cid", [
    "c1_separate_sales_guarantee_M2",
    pytest.param("c1_separate_sales_guarantee_M3", marks=pytest.mark.slow),   # ~15 s alone
    "c1_separate_sales_upper_bound_M3", "thmB1_curve_marginal_mean", "thmB1_virtual_values_on_curve",
    "thmB1_value_at_worst_case"])
def test_continuum_claims_proved(cid):
    rep = D.DERIVATION.verify(only=[cid])
    assert [r.verdict.status for r in rep.results] == [Status.PROVED]


def test_continuum_negatives():
    """Perturbed values must be refuted: the guarantee sum kt_i + 1/100, the curve mean k + 1/100."""
    from symmech.checks import multigood as mc
    _, A, sep, kts = D.separate_sales(2)
    too_much = mc.dual_certificate(sep, A, -D.xi(D.kt1) * D.kt1 - D.xi(D.kt2) * D.kt2, [D.xi(D.kt1), D.xi(D.kt2)],
                                   D.kt1 + D.kt2 + F(1, 100), lam_split=[-D.xi(D.kt1) * D.kt1, -D.xi(D.kt2) * D.kt2],
                                   id="too_much")
    assert too_much.check(D.SCOPE).status is Status.REFUTED
    mean = next(c for c in D.DERIVATION.claims if c.id == "thmB1_curve_marginal_mean")
    assert Identity("m", lhs=mean.lhs, rhs=D.k + Rational(1, 100)).check(D.SCOPE).status is Status.REFUTED
    vv = Identity("vv", lhs=D._virtual(D.V_RAMP), rhs=Rational(1, 2), over=[(D.x, 1, 1 / D.kt)])
    assert vv.check(D.SCOPE).status is Status.REFUTED


# ------------------------------------------------------------------------------------------------
# C2: product vs comonotone coupling
# ------------------------------------------------------------------------------------------------

def test_couplings_have_the_right_marginals():
    a, b = D.W11[F(1, 2)], D.W11[F(1, 4)]
    for law in (K.product_law(a, b), K.comonotone_law(a, b)):
        assert sum(law.values()) == 1
        assert K.marginals(law, (0,)) == dict(sorted(a.items()))
        assert K.marginals(law, (1,)) == {z: w for z, w in sorted(b.items())}
    co = sorted(K.comonotone_law(a, b))
    assert all(p[0] <= q[0] and p[1] <= q[1] for p, q in zip(co, co[1:]))   # a chain: comonotone
    with pytest.raises(ValueError):
        K.comonotone_law({F(0): F(1, 2)})


def test_recorded_worst_case_laws():
    for m in D.W11:
        ok, why = D._law_check(m)
        assert ok, why
        law = {(v,): w for v, w in D.W11[m].items()}
        assert K.best_response_on_support(law).verify() == V1D_11[m]
    # negatives: a recorded law against the wrong mean; a law with the right mean that is no worst case
    assert not D._law_check(F(1, 3), D.W11[F(1, 2)])[0]
    shifted = dict(D.W11[F(1, 2)])
    shifted[F(1)] -= F(1, 3601)
    shifted[F(9, 10)] += F(1, 3601)
    assert not D._law_check(F(1, 2), shifted)[0]
    assert K.best_response_on_support({(F(1, 2),): F(1)}).verify() == F(1, 2) > V1D_11[F(1, 2)]


def _revenue_of_ic_mechanism(law, x):
    """Check with Fractions that x = (q(v)_i for v in supp, then t(v)) is IC/IR with q in [0, 1]^n
    on the support of ``law`` (sorted, as in knightian_lp.all_mechanisms); return E_law t."""
    S = sorted(p for p, w in law.items() if w)
    n, T = len(S[0]), len(S)
    q = [[F(x[v * n + i]) for i in range(n)] for v in range(T)]
    t = [F(x[T * n + v]) for v in range(T)]
    assert all(0 <= a <= 1 for row in q for a in row)
    u = [sum(S[v][i] * q[v][i] for i in range(n)) - t[v] for v in range(T)]
    assert all(a >= 0 for a in u)                                       # IR
    for v, w in itertools.product(range(T), repeat=2):                 # IC
        assert u[v] >= sum(S[v][i] * q[w][i] for i in range(n)) - t[w]
    return sum(law[S[v]] * t[v] for v in range(T))


def test_c2_product_is_not_a_worst_case():
    """Spec R8 (C2): vs the product 0.51287013 > 0.41988337 = vs the comonotone coupling = V_all."""
    prod = D.br("product", F(1, 2), F(1, 2))().verify()
    co = D.br("comonotone", F(1, 2), F(1, 2))().verify()
    assert prod == F(6650490, 12967201) and abs(float(prod) - D.SPEC_C2["product"]) < 1e-8
    assert co == VALUES2["k50_50"] and abs(float(co) - D.SPEC_C2["comonotone"]) < 1e-8
    assert prod > VALUES2["k50_50"]
    assert _revenue_of_ic_mechanism(D.coupled("product", F(1, 2), F(1, 2)),
                                    D.br("product", F(1, 2), F(1, 2))().primal) == prod
    assert D.br("product", F(1, 2), F(1, 2), K.FINEST2)().verify() == VALUES2["k50_50"]
    ids = {"c2_product_is_worst_case": Status.REFUTED, "c2_product_best_response_exceeds_value": Status.PROVED,
           "c2_comonotone_is_worst_case": Status.PROVED, "c2_product_separate_sales_best_response": Status.PROVED}
    rep = D.DERIVATION.verify(only=list(ids))
    assert {r.claim.id: r.verdict.status for r in rep.results} == ids
    assert all(r.claim.agrees(r.verdict, r.twin) for r in rep.results)


@pytest.mark.parametrize("cid, status, value", [
    ("c2_comonotone_is_worst_case_k75_10", Status.PROVED, F(7047054, 15728911)),
    ("c2_comonotone_is_worst_case_k50_25", Status.REFUTED, F(43379938, 132894905))])
def test_c2_comonotone_asymmetric(cid, status, value):
    """Asymmetric means: the quantile coupling of the recorded 1-D worst cases is a worst case at
    (3/4, 1/10) and is not at (1/2, 1/4) (a grid effect; see the claim's note).  The values are the
    certified LP optima (no independent source: the spec has no asymmetric C2 numbers)."""
    m = (F(3, 4), F(1, 10)) if cid.endswith("k75_10") else (F(1, 2), F(1, 4))
    res = D.br("comonotone", *m)()
    assert res.verify() == value
    # independent check of the lower bound: the optimal mechanism is IC/IR and earns `value`
    assert _revenue_of_ic_mechanism(D.coupled("comonotone", *m), res.primal) == value
    rep = D.DERIVATION.verify(only=[cid])          # with its pinned twin, if any
    res = next(r for r in rep.results if r.claim.id == cid)
    assert res.verdict.status is status
    assert res.claim.agrees(res.verdict, res.twin)


@pytest.mark.slow
def test_best_response_on_support_equals_grid_best_response():
    """The support LP (menu extension) and the full 11 x 11 grid LP give the same exact best response."""
    inst = D.INST2["k50_50"]
    for kind in ("comonotone", "product"):
        law = D.coupled(kind, F(1, 2), F(1, 2))
        assert K.best_response(inst, law, "all").verify() == D.br(kind, F(1, 2), F(1, 2))().verify()


# ------------------------------------------------------------------------------------------------
# the ExactLPSum claim itself
# ------------------------------------------------------------------------------------------------

def _const(value) -> ExactLPResult:
    return solve_exact(LinearProgram(c=[1], bounds=[(F(value), F(value))]))


def test_exact_lp_sum_verdicts():
    one, two, three = (lambda v=v: _const(v) for v in (1, 2, 3))
    assert K.ExactLPSum("a", lhs=[three], rhs=[one, two]).check(D.SCOPE).status is Status.PROVED
    assert K.ExactLPSum("b", lhs=[three], rhs=[one, one]).check(D.SCOPE).status is Status.REFUTED
    assert K.ExactLPSum("c", lhs=[three], rhs=[one, one], rel=">").check(D.SCOPE).status is Status.PROVED
    assert K.ExactLPSum("d", lhs=[three], rhs=[one, two], rel=">").check(D.SCOPE).status is Status.REFUTED
    assert K.ExactLPSum("e", lhs=[three], rhs=[one, two], rel=">=", value=F(3)).check(D.SCOPE).status is Status.PROVED
    assert K.ExactLPSum("f", lhs=[three], rhs=[one, two], value=F(4)).check(D.SCOPE).status is Status.REFUTED
    good = _const(2)
    uncert = ExactLPResult(good.lp, False, None, 2.0, reason="test")
    assert K.ExactLPSum("u", lhs=[lambda: good], rhs=[lambda: uncert]).check(D.SCOPE).status is Status.UNDECIDED
    brk = ExactLPResult(good.lp, False, None, 3.0, reason="test", bracket=(F(3), F(4)))
    assert K.ExactLPSum("g", lhs=[lambda: good], rhs=[lambda: brk]).check(D.SCOPE).status is Status.REFUTED
    assert K.ExactLPSum("h", lhs=[lambda: brk], rhs=[lambda: good], rel=">").check(D.SCOPE).status is Status.UNDECIDED
    from dataclasses import replace
    forged = replace(good, value=F(5), primal=(F(5),))   # x = 5 violates x <= 2: never 'proved'
    v = K.ExactLPSum("x", lhs=[lambda: forged], rhs=[lambda: forged]).check(D.SCOPE)
    assert v.status is Status.UNDECIDED and "bounds" in v.detail
    with pytest.raises(ValueError):
        K.ExactLPSum("r", lhs=[one], rhs=[one], rel="=")


@pytest.mark.slow
def test_derivation_verdicts_agree():
    rep = D.DERIVATION.verify()
    bad = [(r.claim.id, r.verdict.status, r.verdict.detail) for r in rep.results
           if not r.claim.agrees(r.verdict, r.twin)]
    assert not bad
    assert sum(r.verdict.status is Status.PROVED for r in rep.results) == 20
