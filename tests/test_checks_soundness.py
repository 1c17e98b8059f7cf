"""Every check type must refute perturbed claims (constant in the 3rd digit, a sign,
a support endpoint, a missing atom), and reject invalid input."""
import pytest
import sympy as sp

from symmech import (AmbiguitySet, Distribution, Mechanism, PiecewiseFunction, Scope, Status, checks)
from symmech.models.distributions import DistributionError

th = sp.Symbol("theta", nonnegative=True)
kt = sp.Symbol("kt", positive=True)
k = sp.Symbol("k", positive=True)
# parametrize directly by kt in [1/10, 9/10]: k = kt (1 - ln kt) is then explicit
SCOPE = Scope({kt: sp.Interval(sp.Rational(1, 10), sp.Rational(9, 10))})
K = kt * (1 - sp.log(kt))
XI = 1 / sp.log(1 / kt)
A = AmbiguitySet.mean(th, (0, 1), K)
Q = PiecewiseFunction(th, (0, kt, 1), (0, 1 - sp.log(th) / sp.log(kt)))
M = Mechanism.from_allocation(th, Q)
F = Distribution(th, density=PiecewiseFunction(th, (0, kt, 1), (0, kt / th**2)), atoms={1: kt})


def status(claim):
    return claim.check(SCOPE, digits=30, samples=4).status


def test_unperturbed_saddle_holds():
    assert status(checks.saddle_point(M, F, A, -XI * kt, [XI], kt)) in (Status.PROVED, Status.CERTIFIED,
                                                                      Status.CONFIRMED)


def test_guarantee_constant_changed_in_third_digit():
    assert status(checks.dual_certificate(M, A, -XI * kt, [XI], kt * sp.Rational(1001, 1000))) is Status.REFUTED


def test_multiplier_sign_flipped():
    assert status(checks.dual_certificate(M, A, -XI * kt, [-XI], kt)) is Status.REFUTED


def test_revenue_value_perturbed():
    assert status(checks.revenue_equals(M, F, kt * sp.Rational(999, 1000))) is Status.REFUTED


def test_seller_best_response_bound_too_low():
    assert status(checks.seller_best_response_bound(F, kt * sp.Rational(999, 1000))) is Status.REFUTED


def test_missing_atom_breaks_mass_and_moment():
    # the density alone has mass 1 - kt: as an input with symbolic kt it is accepted, the claim refutes it
    F_no_atom = Distribution(th, density=PiecewiseFunction(th, (0, kt, 1), (0, kt / th**2)))
    assert status(checks.in_ambiguity_set(F_no_atom, A)) is Status.REFUTED


def test_support_endpoint_moved():
    A_short = AmbiguitySet.mean(th, (0, sp.Rational(9, 10) + kt / 100), K)  # top endpoint below 1 for small kt
    assert status(checks.in_ambiguity_set(F, A_short)) is Status.REFUTED


def test_complementary_slackness_with_wrong_intercept():
    assert status(checks.complementary_slackness(M, F, A, -XI * kt * sp.Rational(1001, 1000), [XI])) is Status.REFUTED


def test_non_monotone_allocation_is_refuted():
    bad = Mechanism.from_allocation(th, PiecewiseFunction(th, (0, sp.Rational(1, 2), 1), (sp.Rational(1, 2), 0)))
    assert status(checks.monotone_allocation(bad)) is Status.REFUTED
    assert status(checks.incentive_compatible(bad)) is Status.REFUTED


def test_allocation_above_one_is_refuted():
    bad = Mechanism.from_allocation(th, PiecewiseFunction(th, (0, 1), (2 * th,)))
    assert status(checks.feasible_allocation(bad)) is Status.REFUTED


def test_payment_not_from_envelope_is_refuted():
    bad = Mechanism(th, Q, M.payment.map(lambda e: e * sp.Rational(1001, 1000)))
    assert status(checks.envelope_ic(bad)) is Status.REFUTED


def test_ir_violation_is_refuted():
    bad = Mechanism.from_allocation(th, Q, utility_low=sp.Rational(-1, 100))
    assert status(checks.individually_rational(bad)) is Status.REFUTED


def test_concrete_negative_density_raises():
    with pytest.raises(DistributionError):
        Distribution(th, density=PiecewiseFunction(th, (0, 1), (sp.Rational(3, 2) - 2 * th,)), atoms={1: 0})
