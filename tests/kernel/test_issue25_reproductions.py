"""Regression tests: every reproduction of issue 25 ("proved" for false claims) gives a sound verdict.

Each false claim below was printed ``proved`` by an earlier version; the mathematics of why it is false
is in the comment next to it (the counterexample values were computed by hand / with mpmath, not by
the code under test).  The tests assert what the kernel promises: never ``proved``/``certified`` for a
false claim, ``refuted`` where an exact witness exists and is found by the sampling.
"""
from __future__ import annotations

import sympy as sp

from symmech import AllOf, DefinedSystem, Identity, Implied, Inequality, Mechanism, PiecewiseFunction, Scope, \
    UniqueRoot, checks
from symmech.checks import Envelope
from symmech.claims.implication import Combination, Monotone
from symmech.kernel.verdict import Status

x = sp.Symbol("x", real=True)
PROOF = (Status.PROVED, Status.CERTIFIED)


def test_jump_inside_atan_is_seen():
    # atan(1/x) jumps from -pi/2 to pi/2 at x = 0; at x = -3/10, atan(-10/3) + 6/5 = -0.0790... < 0
    assert float(sp.atan(-sp.Rational(10, 3)) + sp.Rational(6, 5)) < 0
    v = Inequality("a", lhs=sp.atan(1 / x) + sp.Rational(6, 5), rhs=0, over=[(x, -1, 2)]).check(Scope({}))
    assert v.status is Status.REFUTED, v


def test_true_twin_of_the_jump_is_still_proved():
    # on [1/10, 2] there is no jump and atan(1/x) >= atan(1/2) > 0
    v = Inequality("a", lhs=sp.atan(1 / x) + sp.Rational(6, 5), rhs=0, over=[(x, sp.Rational(1, 10), 2)]
                   ).check(Scope({}))
    assert v.holds and v.status is not Status.REFUTED


def test_monotone_rule_sees_the_pole_of_tan():
    # tan has a pole at pi/2 in [0, 3]: just above it tan(x) < -10**40
    f = sp.tan(x) + sp.Integer(10) ** 40
    claim = Implied("b", direct=Inequality("d", lhs=f, rhs=0, over=[(x, 0, 3)]),
                    sufficient=[AllOf("r", parts=[Inequality("r.at_anchor", lhs=f.subs(x, 0), rhs=0),
                                                  Inequality("r.slope", lhs=sp.sec(x) ** 2, rhs=0,
                                                             over=[(x, 0, 3)])])],
                    implication=Monotone(x, "lo"))
    v = claim.check(Scope({}))
    assert v.status not in PROOF, v


def test_monotone_rule_still_proves_a_continuous_claim():
    f = sp.atan(x) + 1
    claim = Implied("b", direct=Inequality("d", lhs=f, rhs=0, over=[(x, 0, 3)]),
                    sufficient=[AllOf("r", parts=[Inequality("r.at_anchor", lhs=f.subs(x, 0), rhs=0),
                                                  Inequality("r.slope", lhs=1 / (1 + x ** 2), rhs=0,
                                                             over=[(x, 0, 3)])])],
                    implication=Monotone(x, "lo"))
    link = Monotone(x, "lo").check(claim.direct, claim.sufficient[0], Scope({}), 30, 5)
    assert link.is_proof and link.rule == "monotone", link


def test_combination_part_without_bound_variables_is_not_read_on_another_domain():
    # g < 0 at x = 1/pi in [0, 1]; the part "g >= 0" holds only on the scope's range [1/2, 1] of x
    g = (x - 1 / sp.pi) ** 2 - sp.Rational(1, 10 ** 40)
    claim = Implied("c", direct=Inequality("d", lhs=g, rhs=0, over=[(x, 0, 1)]),
                    sufficient=[AllOf("r", parts=[Inequality("r.p", lhs=g, rhs=0)])],
                    implication=Combination())
    v = claim.check(Scope({x: sp.Interval(sp.Rational(1, 2), 1)}))
    assert v.status not in PROOF, v
    link = Combination().check(claim.direct, claim.sufficient[0], Scope({x: sp.Interval(sp.Rational(1, 2), 1)}),
                               30, 5)
    assert link.status is Status.UNDECIDED and "domain" in link.detail


def test_by_construction_is_gone_and_envelope_checks_its_claim():
    import symmech.claims.implication as imp  # noqa: F401

    assert not hasattr(imp, "ByConstruction")
    th = sp.Symbol("theta", nonnegative=True)
    M = Mechanism.from_allocation(th, PiecewiseFunction(th, (0, 1), (th,)))
    g = (x - 1 / sp.pi) ** 2 - sp.Rational(1, 10 ** 40)
    unrelated = Inequality("d", lhs=g, rhs=0, over=[(x, 0, 1)])
    v = Envelope(M).check(unrelated, None, Scope({}), 30, 5)
    assert v.status is Status.UNDECIDED and "not U >= 0" in v.detail


def test_ic_compares_payment_breaks_that_are_not_allocation_breaks():
    # q = theta, t = theta^2/2 on [0, 1/2], 0 on [1/2, 1]: type 2/5 gains by reporting 3/5
    th = sp.Symbol("theta", nonnegative=True)
    q = lambda r: r  # noqa: E731
    t = lambda r: r ** 2 / 2 if r <= sp.Rational(1, 2) else 0  # noqa: E731
    v_true, lie = sp.Rational(2, 5), sp.Rational(3, 5)
    assert v_true * q(lie) - t(lie) > v_true * q(v_true) - t(v_true)
    M = Mechanism(th, PiecewiseFunction(th, (0, 1), (th,)),
                  PiecewiseFunction(th, (0, sp.Rational(1, 2), 1), (th ** 2 / 2, 0)))
    v = checks.incentive_compatible(M).check(Scope({}))
    assert v.status is Status.REFUTED, v


def test_ic_of_an_envelope_mechanism_is_still_proved():
    th = sp.Symbol("theta", nonnegative=True)
    M = Mechanism.from_allocation(th, PiecewiseFunction(th, (0, sp.Rational(1, 2), 1), (th / 2, th)))
    v = checks.incentive_compatible(M).check(Scope({}))
    assert v.is_proof, v


def test_log_of_a_square_is_not_split_for_negative_x():
    # log(3 x^2) = log 3 + 2 log|x|, not log 3 + 2 log x, for x < 0 (the latter is not real)
    G = sp.mathieuc(1, 1, x)
    v = Identity("h", lhs=G * sp.log(3 * x ** 2), rhs=G * (sp.log(3) + 2 * sp.log(x)), over=[(x, -2, -1)]
                 ).check(Scope({}))
    assert v.status not in PROOF, v


def test_identity_cross_check_that_evaluated_nothing_is_not_a_proof():
    # a true identity behind a factor mpmath cannot evaluate: no numeric cross-check, so no proof
    G = sp.mathieuc(1, 1, x)
    v = Identity("h", lhs=G * (x + 3) ** 2, rhs=G * (x ** 2 + 6 * x + 9), over=[(x, -2, -1)]).check(Scope({}))
    assert v.status is not Status.PROVED and v.status is not Status.REFUTED, v


def test_a_float_is_its_exact_binary_value():
    # Float(0.1) = 3602879701896397/2**55 > 1/10, so x - Float(0.1) < 0 at x = 1/10
    assert sp.Rational(0.1) > sp.Rational(1, 10)
    v = Inequality("i", lhs=x - sp.Float(0.1), rhs=0, over=[(x, sp.Rational(1, 10), 1)]).check(Scope({}))
    assert v.status is Status.REFUTED, v
    ok = Inequality("i", lhs=x - sp.Float(0.1), rhs=0, over=[(x, sp.Rational(1, 5), 1)]).check(Scope({}))
    assert ok.is_proof, ok


def test_unique_root_needs_continuity():
    # k (y - 1/2) - acot(y - 1/2) has two roots in (0, 1) at k = 3 (acot jumps at 0), near 0.1025 and 0.8975
    y = sp.Symbol("y", real=True)
    k = sp.Symbol("k", positive=True)
    g = k * (y - sp.Rational(1, 2)) - sp.acot(y - sp.Rational(1, 2))
    for guess in (sp.Rational(1025, 10000), sp.Rational(8975, 10000)):
        assert abs(sp.nsolve(g.subs(k, 3), y, guess) - guess) < sp.Rational(1, 1000)
    system = DefinedSystem(symbols=(y,), equations=(g,), box=((0, 1),))
    v = UniqueRoot("u", system=system).check(Scope({k: sp.Interval(3, 4)}, systems=(system,)))
    assert v.status not in PROOF, v


def test_monotone_in_a_parameter_uses_the_total_derivative():
    # r is the root of r - k = 0 (so r = k); f = r - k + (k - 1/2)**2 - 10**-3 is negative near k = 1/2.
    # Holding r fixed, df/dk = -1 + 2(k - 1/2) < 0 on (0, 1/2): a "monotone from the upper end" argument
    # with the partial derivative would wrongly conclude f >= f(1) > 0 ... the total derivative is 2(k - 1/2).
    from symmech import DefinedRoot

    k = sp.Symbol("k", positive=True)
    r = sp.Symbol("r", positive=True)
    scope = Scope({k: sp.Interval.open(0, 1)}, roots=(DefinedRoot(r, r - k, bracket=(k / 2, k + 1)),))
    f = r - k + (k - sp.Rational(1, 2)) ** 2 - sp.Rational(1, 1000)
    partial = sp.diff(f, k)
    route = AllOf("r", parts=[Inequality("r.at_anchor", lhs=f.subs(k, 1), rhs=0),
                              Inequality("r.slope", lhs=-partial, rhs=0)])
    direct = Inequality("d", lhs=f, rhs=0)
    assert direct.check(scope).status is Status.REFUTED          # f(1/2) = -1/1000
    link = Monotone(k, "hi").check(direct, route, scope, 30, 5)   # the rule alone, not the direct check
    assert link.status not in PROOF, link


def test_monotone_in_a_parameter_with_the_total_derivative_is_accepted():
    from symmech import DefinedRoot

    k = sp.Symbol("k", positive=True)
    r = sp.Symbol("r", positive=True)
    scope = Scope({k: sp.Interval(1, 2)}, roots=(DefinedRoot(r, r - k, bracket=(0, 3), inverse=(k, r),
                                                             image=sp.Interval.open(0, 3)),))
    f = r + k - 1                  # = 2k - 1, increasing; r'(k) = 1
    route = AllOf("r", parts=[Inequality("r.at_anchor", lhs=r, rhs=0),        # f(1, r) = r >= 0
                              Inequality("r.slope", lhs=2, rhs=0)])           # total derivative 1 + 1
    link = Monotone(k, "lo").check(Inequality("d", lhs=f, rhs=0), route, scope, 30, 5)
    assert link.is_proof and link.rule == "monotone", link
    partial = AllOf("r", parts=[Inequality("r.at_anchor", lhs=r, rhs=0),
                                Inequality("r.slope", lhs=1, rhs=0)])         # the partial derivative only
    assert not Monotone(k, "lo").check(Inequality("d", lhs=f, rhs=0), partial, scope, 30, 5).is_proof


def test_a_violation_hidden_next_to_a_pole_is_found():
    # just above pi/2, tan(x) < -10**40; the float search cannot get within 1e-40 of pi/2
    v = Inequality("d", lhs=sp.tan(x) + sp.Integer(10) ** 40, rhs=0, over=[(x, 0, 3)]).check(Scope({}))
    assert v.status is Status.REFUTED and "singular point" in v.detail, v
    w = Inequality("w", lhs=1 / x + sp.Integer(10) ** 40, rhs=0, over=[(x, -1, 1)]).check(Scope({}))
    assert w.status is Status.REFUTED, w


def test_no_false_alarm_next_to_a_pole_outside_the_domain():
    # tan has its pole at pi/2 > 3/2: on [0, 3/2] tan(x) + 1 >= 1 > 0
    v = Inequality("d", lhs=sp.tan(x) + 1, rhs=0, over=[(x, 0, sp.Rational(3, 2))]).check(Scope({}))
    assert v.holds, v


def test_a_violation_a_hair_below_zero_at_an_irrational_point_is_refuted():
    # (x - 1/pi)^2 - 10^-40 is -10^-40 at x = 1/pi: the near-zero minimum is refined and recognised
    g = (x - 1 / sp.pi) ** 2 - sp.Rational(1, 10 ** 40)
    v = Inequality("d", lhs=g, rhs=0, over=[(x, 0, 1)]).check(Scope({}))
    assert v.status is Status.REFUTED, v
    ok = Inequality("d", lhs=(x - 1 / sp.pi) ** 2 + sp.Rational(1, 10 ** 40), rhs=0, over=[(x, 0, 1)]).check(Scope({}))
    assert ok.holds, ok
