"""Property-based tests with symmech.harness.strategies: the strategies themselves, and the
properties a researcher would test (revenue equivalence, weak duality, the worst-case
LP against members of the ambiguity set, IC of envelope mechanisms, checkers vs direct
computation)."""
from __future__ import annotations

import subprocess
import sys

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from symmech import (HOLDING, AmbiguitySet, Distribution, Mechanism, PostedPrice, Scope, Status, checks,
                     revenue)
from symmech.harness import strategies as sms

th = sms.THETA
HALF = sp.Rational(1, 2)
EMPTY = Scope()
#: fewer examples for tests that run symmech's provers on every example
FEW = settings(max_examples=max(4, settings.default.max_examples // 5), deadline=None)


def check(claim):
    return claim.check(EMPTY, digits=20, samples=1)


def value_at(f, x):
    """Right-continuous value of a PiecewiseFunction at an exact point."""
    for j, (p, a, b) in enumerate(f.segments()):
        if a <= x < b or (j == len(f.pieces) - 1 and x == b):
            return p.subs(f.var, x)
    raise AssertionError(f"{x} outside [{f.lo}, {f.hi}]")


def integral_to(f, x):
    """int_lo^x f, exact."""
    total = sp.Integer(0)
    for p, a, b in f.segments():
        if x <= a:
            break
        total += sp.integrate(p, (f.var, a, sp.Min(b, x)))
    return total


def aligned(F, *fs):
    """F with its density re-expressed on the union of the breakpoints of F and ``fs``.

    ``revenue`` / ``expectation_of_piecewise`` need the payment's breakpoints to be
    among the density's (a documented limitation), so the tests refine first.
    """
    if F.density is None:
        return F
    breaks = sorted({*F.density.breaks, *(b for f in fs for b in f.breaks)})
    return Distribution(F.var, density=F.density.refine(breaks), atoms=dict(F.atoms) or None)


def min_of(f, var, lo, hi):
    """Exact infimum of a piecewise polynomial on [lo, hi] (ends of every piece and critical points)."""
    cands = []
    for p, a, b in f.segments():
        cands += [p.subs(var, a), p.subs(var, b)]
        for c in sp.solve(sp.diff(p, var), var):
            if c.is_real and a <= c <= b:
                cands.append(p.subs(var, c))
    return min(cands)


# --- the strategies -------------------------------------------------------------------
@given(sms.rationals(sp.Rational(1, 5), sp.Rational(4, 5)).flatmap(
    lambda m: st.tuples(st.just(m), sms.finite_distributions(th, support=(0, 1), max_atoms=4, mean=m))))
def test_prescribed_mean_is_exact(mF):
    m, F = mF
    assert F.mass() == 1
    assert F.expectation(th) == m
    assert len(F.atoms) <= 4
    assert all(0 <= p <= 1 and w > 0 for p, w in F.atoms)


@given(sms.finite_laws_2d(((0, 1), (0, 2)), mean=(HALF, sp.Rational(2, 3))))
def test_two_good_laws_with_prescribed_means(law):
    assert sum(w for _, w in law) == 1
    assert sum(w * p[0] for p, w in law) == HALF
    assert sum(w * p[1] for p, w in law) == sp.Rational(2, 3)
    assert all(0 <= p[0] <= 1 and 0 <= p[1] <= 2 for p, _ in law)


@given(st.from_type(Distribution))
def test_registered_distribution_strategy_gives_probability_laws(F):
    assert sp.simplify(F.mass() - 1) == 0
    if F.density is not None:
        for p, a, b in F.density.segments():
            assert all(p.subs(th, a + (b - a) * sp.Rational(i, 8)) >= 0 for i in range(9))


@given(sms.monotone_allocations(th))
def test_allocations_are_monotone_and_feasible(q):
    xs = sorted({*q.breaks, *(a + (b - a) * sp.Rational(i, 5) for a, b in zip(q.breaks, q.breaks[1:])
                                for i in range(5))})
    vals = [value_at(q, x) for x in xs]
    assert all(0 <= v <= 1 for v in vals)
    assert vals == sorted(vals)


def test_import_symmech_does_not_import_hypothesis():
    code = "import sys, symmech, symmech.checks, symmech.harness.mutate; print('hypothesis' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- revenue equivalence ----------------------------------------------------------------
@given(sms.monotone_allocations(th), sms.rationals(0, sp.Rational(1, 4)), sms.finite_distributions(th))
def test_revenue_depends_only_on_q_and_U_low(q, u0, F):
    """E_F[t] = E_F[theta q(theta) - int_0^theta q] - U(0), computed directly."""
    M = Mechanism.from_allocation(th, q, utility_low=u0)
    direct = sum((m * (p * value_at(q, p) - integral_to(q, p)) for p, m in F.atoms), sp.Integer(0)) - u0
    assert sp.simplify(revenue(M, F) - direct) == 0


@given(sms.posted_price_distributions(), st.one_of(sms.finite_distributions(th), sms.piecewise_densities(th)))
def test_posted_price_revenue_equals_envelope_revenue(G, F):
    """A random posted price and the envelope mechanism of its allocation (U(0) = 0) earn the same."""
    M = PostedPrice(G).to_mechanism(th)
    M_env = Mechanism.from_allocation(th, M.allocation)
    F = aligned(F, M.payment, M_env.payment)
    assert sp.simplify(revenue(M, F) - revenue(M_env, F)) == 0
    # and q is the price CDF: P(price <= theta)
    for x in (sp.Rational(1, 3), sp.Rational(3, 4)):
        cdf = sum((m for p, m in G.atoms if p <= x), sp.Integer(0))
        if G.density is not None:
            cdf += integral_to(G.density, x)
        assert value_at(M.allocation, x) == cdf


# --- IC --------------------------------------------------------------------------------
@FEW
@given(sms.mechanisms(th))
def test_mechanism_from_monotone_allocation_is_ic(M):
    verdict = check(checks.incentive_compatible(M))
    assert verdict.status in HOLDING, verdict
    # directly: no type gains by reporting another one (exact, on a grid plus the breakpoints)
    types = sorted({*M.allocation.breaks, *(sp.Rational(i, 7) for i in range(8))})
    u = {x: x * value_at(M.allocation, x) - value_at(M.payment, x) for x in types}
    for x in types:
        for y in types:
            assert u[x] >= x * value_at(M.allocation, y) - value_at(M.payment, y)


@FEW
@given(sms.posted_price_mechanisms(th))
def test_posted_price_mechanisms_are_ic_and_ir(M):
    assert check(checks.incentive_compatible(M)).status in HOLDING
    assert check(checks.individually_rational(M)).status in HOLDING


@FEW
@given(sms.monotone_allocations(th, kind="step", max_pieces=3))
def test_reversed_allocation_is_refuted_when_not_constant(q):
    rev = type(q)(th, q.breaks, tuple(reversed(q.pieces)))
    verdict = check(checks.monotone_allocation(Mechanism.from_allocation(th, rev)))
    strictly_decreasing_somewhere = any(b < a for a, b in zip(rev.pieces, rev.pieces[1:]))
    assert (verdict.status is Status.REFUTED) == strictly_decreasing_somewhere, verdict


# --- weak duality and the worst-case LP -----------------------------------------------------
def _dual(M, mu):
    """The best intercept for slope mu: lam = min (t - mu theta) on the support (exact)."""
    lam = min_of(M.payment.map(lambda p: p - mu * th), th, M.lo, M.hi)
    return lam


@FEW
@given(sms.mechanisms(th), sms.ambiguity_sets(th, max_conditions=1, moments=[th], relations=("==",),
                                              with_member=True, grid=24),
       sms.rationals(-1, 1, max_denominator=6))
def test_weak_duality_and_worst_case_lp(M, AF, mu):
    """Any dual certificate bounds the worst case from below, any member from above, and the
    grid LP's worst case lies between the certificate and every member on its grid."""
    A, F = AF
    m = F.expectation(th)
    A = AmbiguitySet.mean(th, (0, 1), m)
    lam = _dual(M, mu)
    bound = lam + mu * m
    member = revenue(M, F)
    assert bound <= member                                          # weak duality, exact
    assert check(checks.dual_certificate(M, A, lam, [mu], bound)).status in HOLDING
    assert check(checks.in_ambiguity_set(F, A)).status in HOLDING
    assert check(checks.revenue_equals(M, F, member)).status in HOLDING
    assert check(checks.revenue_equals(M, F, member + sp.Rational(1, 1000))).status is Status.REFUTED
    lp = pytest.importorskip("symmech.tactics.lp")
    pieces = [(float(a), float(b), sp.lambdify(th, p)) for p, a, b in M.payment.segments()]

    def t(x: float) -> float:
        for j, (a, b, f) in enumerate(pieces):
            if a <= x < b or j == len(pieces) - 1:
                return float(f(x))
        raise AssertionError(x)

    res = lp.worst_case_revenue(t, (0.0, 1.0), [lp.mean_condition(float(m))], 24, check_points=2000)
    assert res.value <= float(member) + 1e-9                        # F lies on the LP grid
    assert res.lower <= float(member) + 1e-9
    assert float(bound) <= res.value + 1e-9
    assert res.lower <= res.upper + 1e-9


# --- two goods: menus against the grid best response ---------------------------------------
@FEW
@given(sms.lottery_menus(max_items=3), sms.finite_laws_2d(grid=3, max_atoms=3))
def test_no_menu_beats_the_best_response_lp(menu, law):
    lp = pytest.importorskip("symmech.tactics.lp")
    grid = [0.0, 1 / 3, 2 / 3, 1.0]
    br = lp.best_response_two_goods(grid, [((float(p[0]), float(p[1])), float(w)) for p, w in law])
    rev = sms.menu_revenue(menu, law)
    assert float(rev) <= br.value + 1e-7
    for p, _ in law:     # the buyer's choice is optimal and individually rational
        c = sms.menu_choice(menu, p)
        assert p[0] * c[0] + p[1] * c[1] - c[2] >= 0
