"""Robust IC notions on finite sets (Ex. 1.2.2 of the thesis, exact values from the spec, part A Sec. 2)
and the grid LPs (spec part A Sec. 7 cross-checks)."""
import time
from fractions import Fraction as F

import pytest
import sympy as sp

from symmech.models.auctions import (
    AuctionError,
    FiniteAmbiguitySet,
    HighestBidderLottery,
    RuleAuction,
    SecondPriceAuction,
    TieBreak,
    ValueSpace,
    markov_design,
)
from symmech.models.auctions.lp import efficient_revenue_lp, maxmin_lp_two_bidders, nature_lp
from symmech.models.auctions.robust_ic import conditional_utility, ic_report

P1 = {(0, 0): F(1, 5), (4, 0): F(1, 2), (0, 4): F(1, 5), (4, 4): F(1, 10)}
P2 = {k: F(1, 4) for k in P1}
TB = TieBreak(2)
ALL_PAY = RuleAuction(2, lambda b: tuple(1 if i == TB.winner(b) else 0 for i in range(2)),
                      lambda b: tuple(sp.sympify(x) / 2 for x in b), space=ValueSpace(2, 0, 4))


def test_example_1_2_2_exact():
    A = FiniteAmbiguitySet(2, (P1, P2))
    assert conditional_utility(ALL_PAY, P1, 0, 4, 0) == F(10, 3)
    assert conditional_utility(ALL_PAY, P2, 0, 4, 0) == F(2)
    assert conditional_utility(ALL_PAY, P1, 1, 4, 4) == F(2, 3)
    rep = ic_report(ALL_PAY, A)
    assert rep["maxmin"][0] and not rep["distributionally_robust"][0]
    assert "8/3" in rep["hurwicz"][1] and "8/3" in rep["bayesian"][1]


def test_example_1_2_2_negative_perturbations():
    # putting all of P_1's (4, .) mass on (4, 4) makes truth-telling optimal under P_1: DR-IC for bidder 1 then holds
    Q1 = {(0, 0): F(1, 5), (4, 0): F(0), (0, 4): F(1, 5), (4, 4): F(3, 5)}
    rep = ic_report(ALL_PAY, FiniteAmbiguitySet(2, (Q1, P2)))
    assert "bidder 1" not in rep["distributionally_robust"][1]
    # Hurwicz with alpha = 1 is maxmin
    assert ic_report(ALL_PAY, FiniteAmbiguitySet(2, (P1, P2)), alpha=1)["hurwicz"][0]
    with pytest.raises(AuctionError, match="sum to"):
        FiniteAmbiguitySet(2, ({(0, 0): F(1, 2)},))
    with pytest.raises(AuctionError, match="prior Q"):
        ic_report(ALL_PAY, FiniteAmbiguitySet(2, (P1, P2)), prior=[1, 1])
    with pytest.raises(AuctionError, match="alpha"):
        ic_report(ALL_PAY, FiniteAmbiguitySet(2, (P1, P2)), alpha=2)


@pytest.mark.parametrize("r,closed", [(F(1, 5), F(3, 20)), (F(9, 20), F(9, 110))])
def test_nature_lp_brackets_spa_closed_forms(r, closed):
    run = nature_lp(SecondPriceAuction(2, r), "1/2", 40, extra=[float(r) - 1e-9])
    assert run.lower <= float(closed) <= run.upper + 1e-9
    assert run.upper - float(closed) < 2e-3           # spec: 0.15000000031 and 0.0818181833 on a 201-grid


def test_nature_lp_brackets_hbl_value_and_rejects_a_wrong_one():
    h = HighestBidderLottery.optimal(2, "1/2")
    run = nature_lp(h, "1/2", 30)
    R = float(sp.N(h.r))
    assert run.lower <= R <= run.upper + 1e-9 and abs(run.upper - R) < 1e-9   # Dirac at mu e is on the grid
    assert not (run.lower <= R * 1.01 <= run.upper + 1e-9)


def test_maxmin_lp_i2_converges_between_r_and_the_bounds():
    d = markov_design(2, "1/2")
    R = float(sp.N(d.exact["hbl_revenue"]))
    full = maxmin_lp_two_bidders("1/2", 21)
    hbl = maxmin_lp_two_bidders("1/2", 21, hbl_only=True)
    assert abs(full.value - 0.34867) < 1e-4                       # spec part A Sec. 7 (n = 21)
    assert R <= hbl.value <= full.value <= 0.5                     # the grid over-estimates; mu bounds all


def test_prop_1_3_3_exact_lp():
    res = efficient_revenue_lp((0, 1, 2, 3), (3, 1))
    assert res.certified and res.verify() == 1
    assert efficient_revenue_lp((0, 1, 2, 3), (1, 3)).verify() == 2   # grid threshold of the tie-loser
    with pytest.raises(AuctionError, match="not a grid profile"):
        efficient_revenue_lp((0, 1), (3, 1))


def test_lp_bracket_claim_refutes_a_value_outside():
    from symmech import Scope, Status
    from symmech.models.auctions.checks import LPBracket

    run = lambda: nature_lp(SecondPriceAuction(2, F(1, 5)), "1/2", 20)
    assert LPBracket("ok", run=run, value=sp.Rational(3, 20)).check(Scope()).status is Status.CONFIRMED
    bad = LPBracket("bad", run=run, value=sp.Rational(3, 20) + sp.Rational(1, 100)).check(Scope())
    assert bad.status is Status.REFUTED and "upper" in bad.witness


def test_nature_lp_exact_equals_prop_1_5_5():
    from symmech.models.auctions.lp import nature_lp_exact

    res = nature_lp_exact(SecondPriceAuction(2, F(1, 4)), "3/4", [F(k, 4) for k in range(5)])
    assert res.certified and res.verify() == F(1, 2)
    with pytest.raises(AuctionError, match="not rational"):
        nature_lp_exact(HighestBidderLottery.optimal(2, "1/2"), "1/2", [0, 1])
