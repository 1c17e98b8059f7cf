"""Distributions, ambiguity sets and mechanisms: exact queries and input validation."""
import pytest
import sympy as sp

from symmech import AmbiguitySet, Distribution, Mechanism, PiecewiseFunction, PostedPrice, revenue
from symmech.models.distributions import DistributionError
from symmech.models.piecewise import PiecewiseError

th = sp.Symbol("theta", nonnegative=True)
p = sp.Symbol("p", nonnegative=True)
half = sp.Rational(1, 2)


def test_two_point_expectation_and_survival():
    F = Distribution(th, atoms={0: half, 1: half})
    assert F.expectation(th) == half
    assert F.mass() == 1
    assert F.survival_at(1) == half  # P(theta >= 1)


def test_negative_density_is_rejected():
    with pytest.raises(DistributionError, match="negative"):
        Distribution(th, density=PiecewiseFunction(th, (0, 1), (2 - 4 * th,)), atoms={1: 1})


def test_mass_not_one_is_rejected():
    with pytest.raises(DistributionError, match="total mass"):
        Distribution(th, density=PiecewiseFunction(th, (0, 1), (sp.Integer(2),)))


def test_atom_outside_support_is_rejected():
    with pytest.raises(DistributionError, match="outside"):
        Distribution(th, density=PiecewiseFunction(th, (0, 1), (sp.Integer(1),)), atoms={2: 0})


def test_breakpoints_out_of_order_are_rejected():
    with pytest.raises(PiecewiseError, match="out of order"):
        PiecewiseFunction(th, (0, 1, half), (0, 1))


def test_posted_price_equals_envelope_mechanism():
    # price uniform on [1/4, 3/4] within [0, 1]
    G = Distribution(p, density=PiecewiseFunction(p, (0, sp.Rational(1, 4), sp.Rational(3, 4), 1), (0, 2, 0)))
    M = PostedPrice(G).to_mechanism(th)
    env = Mechanism.from_allocation(th, M.allocation)
    for a, b in zip(M.payment.pieces, env.payment.pieces):
        assert sp.simplify(a - b) == 0
    # independent computation: expected payment of type 1 is the mean price 1/2
    assert sp.simplify(M.payment.pieces[-1].subs(th, 1)) == half


def test_deterministic_price_revenue_against_two_point_law():
    G = Distribution(p, atoms={sp.Rational(1, 4): 1}, support=(0, 1))
    M = PostedPrice(G).to_mechanism(th)
    F = Distribution(th, atoms={sp.Rational(1, 4): sp.Rational(2, 3), 1: sp.Rational(1, 3)})
    # both types buy at price 1/4
    assert revenue(M, F) == sp.Rational(1, 4)


def test_ambiguity_set_relation_is_validated():
    from symmech import MomentCondition

    with pytest.raises(ValueError):
        MomentCondition(th, "=", half)
    with pytest.raises(ValueError, match="empty support"):
        AmbiguitySet.mean(th, (1, 0), half)


def test_a_density_given_as_one_expression_needs_its_support():
    th = sp.Symbol("theta", nonnegative=True)
    law = Distribution(th, 2 * th, support=(0, 1))
    assert law.expectation(th) == sp.Rational(2, 3)       # E = int_0^1 2 theta^2 = 2/3, by hand
    with pytest.raises(DistributionError, match="needs support"):
        Distribution(th, 2 * th)
    with pytest.raises(DistributionError, match="not an expression"):
        Distribution(th, "import os", support=(0, 1))
