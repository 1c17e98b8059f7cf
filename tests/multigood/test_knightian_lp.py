"""Che and Zhong Thm. 4 on finite grids (symmech.models.multigood.knightian_lp, derivations/che_zhong_thm4).

Regression values come from an *independent* computation: SymPy's exact simplex on a different
formulation (nature's extreme points = laws with at most two support points for one moment
equality, enumerated by hand; the seller's side = a random posted price), see ``_v1d``.
"""
from __future__ import annotations

import itertools
from fractions import Fraction as F

from sympy import Matrix, Rational
from sympy.solvers.simplex import linprog as sympy_linprog

from symmech import Scope
from symmech.tactics.lp.exact import ExactLPResult, LinearProgram
from symmech.models.multigood import knightian_lp as K
from symmech.kernel.verdict import Status


def _two_point_laws(points, h, m):
    """Extreme points of {laws on points : E h = m}: Diracs with h = m and two-point laws across m."""
    laws = [{p: Rational(1)} for p in points if h(p) == m]
    for p, q in itertools.combinations(points, 2):
        a, b = sorted((h(p), h(q)))
        if a < m < b:
            lo, hi = (p, q) if h(p) < h(q) else (q, p)
            laws.append({lo: (b - m) / (b - a), hi: (m - a) / (b - a)})
    return laws


def _guarantee(points, h, m, revenue, prices):
    """max over price laws g of min over the extreme laws of E revenue(v, p) g_p (SymPy exact simplex)."""
    laws = _two_point_laws(points, h, m)
    A = [[-sum(w * revenue(v, p) for v, w in law.items()) for p in prices] + [1] for law in laws]
    A.append([1] * len(prices) + [0])
    b = [0] * len(laws) + [1]
    val, _ = sympy_linprog(Matrix([[0] * len(prices) + [-1]]), Matrix(A), Matrix(b))
    return F(int((-val).p), int((-val).q))


def _v1d(top, m):
    """One good, values {0..top}, E v = m: the max-min value over random posted prices."""
    pts = [Rational(a) for a in range(top + 1)]
    return _guarantee(pts, lambda v: v, Rational(m), lambda v, p: p * int(bool(v >= p)), pts[1:])


def test_independent_one_good_values():
    assert (_v1d(3, 1), _v1d(3, F(3, 2)), _v1d(4, 2)) == (F(6, 11), F(9, 11), F(24, 25))


def test_finest_instance_matches_independent_value():
    """Separate sales guarantee = sum of the 1-D guarantees (the revenue depends only on marginals,
    and the product of any two marginals is a law on the product grid): 6/11 + 9/11 = 15/11."""
    from derivations.che_zhong_thm4 import FINEST
    expected = _v1d(3, 1) + _v1d(3, F(3, 2))
    assert expected == F(15, 11)
    for mech in ("all", K.FINEST2):
        for kind in ("maxmin", "minmax"):
            assert K.solve(FINEST, mech, kind).result.verify() == expected
    assert K.solve(FINEST, K.COARSEST2).result.verify() == F(30, 29) < expected   # strict (fn. 23)


def test_coarse_instance_matches_independent_value():
    from derivations.che_zhong_thm4 import COARSE, FHAT
    expected = _v1d(4, 2)
    for inst in (COARSE, FHAT):
        assert K.solve(inst, "all").result.verify() == expected
        assert K.solve(inst, K.COARSEST2).result.verify() == expected


def test_square_sum_gap_independent():
    """Negative instance: on {0,1,2}^2 with E(v1 + v2) = 2, selling each good at the same random
    price (independent SymPy LP over the extreme laws) guarantees 4/3 > 24/25 = best bundle."""
    from derivations.che_zhong_thm4 import SQUARE_SUM
    pts = [(Rational(a), Rational(b)) for a in range(3) for b in range(3)]
    sep = _guarantee(pts, lambda v: v[0] + v[1], Rational(2),
                     lambda v, p: p * (int(bool(v[0] >= p)) + int(bool(v[1] >= p))), [1, 2])
    assert sep == F(4, 3)
    v_all = K.solve(SQUARE_SUM, "all").result.verify()
    v_bun = K.solve(SQUARE_SUM, K.COARSEST2).result.verify()
    assert v_bun == _v1d(4, 2) == F(24, 25)
    assert v_all >= sep > v_bun
    assert v_all == F(4, 3)


def test_worst_case_law_is_in_the_set_and_saddle():
    from derivations.che_zhong_thm4 import FINEST
    law = K.worst_case_law(FINEST, K.solve(FINEST, "all", "minmax"))
    assert sum(law.values()) == 1 and all(w > 0 for w in law.values())
    assert sum(w * p[0] for p, w in law.items()) == 1
    assert sum(w * p[1] for p, w in law.items()) == F(3, 2)
    assert K.best_response(FINEST, law, "all").verify() == F(15, 11)
    assert K.best_response(FINEST, law, K.FINEST2).verify() == F(15, 11)
    assert set(K.marginals(law, (0,))) <= {0, 1, 2, 3}


def test_closed_under_split():
    assert K.closed_under_split(K.simplex_grid(4), K.COARSEST2, (1, 0))[0]
    ok, why = K.closed_under_split(K.square_grid([0, 1, 2]), K.COARSEST2, (1, 0))
    assert not ok and "('3', '0')" in why
    assert not K.closed_under_split(K.simplex_grid(4), K.COARSEST2, (F(1, 2), F(1, 2)))[0]   # (1/2, 1/2)


def test_bundled_mechanism_polytope_shape():
    poly = K.bundled_mechanisms(K.square_grid([0, 1, 2]), K.COARSEST2)
    assert poly.nvars == 10                    # totals 0..4: q and t each
    assert len(poly.A) == 5 + 25               # q <= 1, IC/IR over pairs of totals
    assert poly.pay[-1] == {9: 1}              # type (2, 2) pays t_K(4)


def _const(value) -> ExactLPResult:
    lp = LinearProgram(c=[1], bounds=[(F(value), F(value))])
    from symmech.tactics.lp.exact import solve_exact
    return solve_exact(lp)


def test_claim_verdicts():
    scope = Scope()
    eq = K.ExactLPEquality("e", lhs=lambda: _const(F(1, 3)), rhs=lambda: _const(F(1, 3)))
    assert eq.check(scope).status is Status.PROVED
    ne = K.ExactLPEquality("n", lhs=lambda: _const(F(1, 3)), rhs=lambda: _const(F(1, 2)))
    v = ne.check(scope)
    assert v.status is Status.REFUTED and v.witness == {"lhs": "1/3", "rhs": "1/2"}
    # perturbed claimed value: equal optima, wrong number
    from derivations.che_zhong_thm4 import FINEST
    wrong = K.ExactLPEquality("w", lhs=lambda: K.solve(FINEST, "all").result,
                              rhs=lambda: K.solve(FINEST, K.FINEST2).result, value=F(15, 11) + F(1, 100))
    v = wrong.check(scope)
    assert v.status is Status.REFUTED and "claimed value" in v.detail
    right = K.ExactLPEquality("r", lhs=lambda: K.solve(FINEST, "all").result,
                              rhs=lambda: K.solve(FINEST, K.FINEST2).result, value=F(15, 11))
    assert right.check(scope).status is Status.PROVED


def test_uncertified_is_undecided_and_tampered_certificate_not_proved():
    scope = Scope()
    good = _const(F(2))
    uncert = ExactLPResult(good.lp, False, None, 2.0, reason="test")
    assert K.ExactLPEquality("u", lhs=lambda: good, rhs=lambda: uncert).check(scope).status is Status.UNDECIDED
    disjoint = ExactLPResult(good.lp, False, None, 3.0, reason="test", bracket=(F(3), F(4)))
    assert K.ExactLPEquality("d", lhs=lambda: good, rhs=lambda: disjoint).check(scope).status is Status.REFUTED
    from dataclasses import replace
    forged = replace(good, value=F(5), primal=(F(5),))    # x = 5 violates x <= 2: never 'proved'
    v = K.ExactLPEquality("f", lhs=lambda: forged, rhs=lambda: forged).check(scope)
    assert v.status is Status.UNDECIDED and "bounds" in v.detail


def test_derivation_verdicts_agree():
    from derivations.che_zhong_thm4 import DERIVATION
    rep = DERIVATION.verify()
    bad = [(r.claim.id, r.verdict.status, r.verdict.detail) for r in rep.results
           if not r.claim.agrees(r.verdict, r.twin)]    # a pinned expected failure also needs its twin to hold
    assert not bad
    status = {r.claim.id: r.verdict.status for r in rep.results}
    assert status["finest2_all_eq_separate"] is Status.PROVED
    assert status["coarsest2_all_eq_bundle"] is Status.PROVED
    assert status["square_sum_all_eq_bundle"] is Status.REFUTED
    assert status["finest2_all_eq_bundle"] is Status.REFUTED
