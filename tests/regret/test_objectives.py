"""The objective layer: payoffs, validation and refusal by name."""
from fractions import Fraction

import pytest
import sympy as sp

from symmech.models.objectives import (
    ObjectiveError,
    Ratio,
    Regret,
    Revenue,
    UnsupportedObjective,
    auction_payoff,
    check_costs,
    objective,
    require,
)


def test_payoffs_on_a_two_item_outcome():
    v, q, m = (sp.Integer(3), sp.Integer(1)), (sp.Rational(1, 2), sp.Integer(1)), sp.Integer(2)
    assert Revenue().payoff(v, q, m) == 2
    # regret = (3-1)^+ + (1-2)^+ - (2 - (1/2*1 + 1*2)) = 2 - (-1/2) = 5/2
    assert Regret(costs=(1, 2)).payoff(v, q, m) == sp.Rational(5, 2)
    # ratio = profit / surplus = (-1/2) / 2
    assert Ratio(costs=(1, 2)).payoff(v, q, m) == sp.Rational(-1, 4)
    assert Regret().payoff(v, q, m) == 4 - 2


def test_senses_and_names():
    assert objective("revenue").sense == "max" and objective("regret").sense == "min"
    assert objective("ratio", costs=[0]).name == "ratio"


@pytest.mark.parametrize("costs, top, msg", [
    ([], None, "J = 0"),
    ([-1], None, "negative"),
    ([2], [2], "not below"),
    ([3], [2], "not below"),
    ([0.5], None, "float"),
    ([1, 2], [3], "2 costs but 1"),
])
def test_bad_costs_are_named(costs, top, msg):
    with pytest.raises(ObjectiveError, match=msg):
        check_costs(costs, top)


def test_unknown_and_unsupported_objectives_are_refused_by_name():
    with pytest.raises(ObjectiveError, match="unknown objective 'profit'"):
        objective("profit")
    with pytest.raises(UnsupportedObjective, match="does not support the 'ratio' objective"):
        require("ratio", ("regret",), "some builder")
    with pytest.raises(ObjectiveError, match="takes no costs"):
        objective("revenue", costs=[1])
    assert require("regret", ("regret",), "b").name == "regret"


def test_auction_regret_through_the_shared_revenue_hook():
    from symmech.models.auctions import SecondPriceAuction
    a = SecondPriceAuction(2, reserve=sp.Rational(1, 2))
    v = (sp.Rational(9, 10), sp.Rational(3, 5))
    # independent: the winner (9/10) pays max(3/5, 1/2) = 3/5
    assert auction_payoff("revenue", a, v) == sp.Rational(3, 5)
    assert auction_payoff("regret", a, v) == sp.Rational(3, 10)
    assert auction_payoff("ratio", a, v) == sp.Rational(2, 3)
    # negative: a reserve above the top value sells nothing; the regret is the whole top value
    b = SecondPriceAuction(2, reserve=sp.Rational(19, 20))
    assert auction_payoff("regret", b, v) == sp.Rational(9, 10)
