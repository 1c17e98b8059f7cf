"""Auction types: exact outcomes, HBL payments against an independent quadrature of the envelope
formula (1.13), the randomized-payment twin, tie-breaking and input validation."""
import mpmath
import pytest
import sympy as sp
from fractions import Fraction as F

from symmech.models.auctions import (
    AuctionError,
    EnvelopeAuction,
    HighestBidderLottery,
    RandomizedPaymentHBL,
    SecondPriceAuction,
    TieBreak,
    ValueSpace,
    bidder_vars,
    expected_revenue,
    markov_set,
    outcome,
    revenue,
)

R = sp.Rational


def test_second_price_with_reserve():
    s = SecondPriceAuction(3, R(1, 4))
    assert revenue(s, (R(1, 10), R(3, 10), R(1, 5))) == R(1, 4)           # winner 2 pays the reserve
    assert revenue(s, (R(1, 10), R(1, 5), R(1, 5))) == 0                  # nobody reaches r
    o = outcome(s, (R(1, 2), R(1, 2), R(1, 10)))
    assert o.q == (1, 0, 0) and o.m == (R(1, 2), 0, 0)                      # tie to bidder 1, pays 1/2
    assert revenue(SecondPriceAuction(2, 0), (R(9, 10), R(3, 10))) == R(3, 10)   # Vickrey
    v = bidder_vars(3)
    assert s.revenue_expr(v).subs(dict(zip(v, (R(7, 10), R(1, 5), R(3, 5))))) == R(3, 5)


def _envelope_payment_by_quadrature(h, vi, s):
    """m = q(v) v - int_0^v q(x, s) dx with q from (1.12) evaluated numerically (independent of the closed form)."""
    sg, r, I = (float(sp.N(x, 30)) for x in (h.sigma, h.r, h.I))

    def q(x):
        if x < s:
            return 0.0
        if s >= r:
            return sg * mpmath.log(x / s) + I * sg - sg * r / s
        return (I - 1) * sg if x < r else sg * mpmath.log(x) + 1

    pts = sorted({0, s, r, vi} & {p for p in (0, s, r, vi) if p <= vi})
    return q(vi) * vi - mpmath.quad(q, pts)


@pytest.mark.parametrize("I,mu,v", [(2, "1/2", (0.9, 0.5)), (2, "1/2", (0.9, 0.1)), (2, "1/2", (0.2, 0.1)),
                                    (3, "1/4", (0.3, 0.95, 0.6)), (4, "3/4", (0.9, 0.1, 0.2, 0.05))])
def test_hbl_payment_matches_envelope_quadrature(I, mu, v):
    h = HighestBidderLottery.optimal(I, mu)
    o = h.outcome(v)
    w = max(range(I), key=lambda i: v[i])
    s = max(x for j, x in enumerate(v) if j != w)
    assert abs(float(sp.N(o.m[w])) - float(_envelope_payment_by_quadrature(h, v[w], s))) < 1e-12
    assert all(o.m[j] == 0 and o.q[j] == 0 for j in range(I) if j != w)
    assert 0 <= float(sp.N(o.q[w])) <= 1


def test_hbl_revenue_is_r_at_the_dirac_law_mu_e():
    h = HighestBidderLottery.optimal(3, "1/2")
    law = {(R(1, 2),) * 3: 1}
    assert abs(sp.N(expected_revenue(h, law) - h.r, 30)) < 1e-28


def test_randomized_twin_has_the_same_expectations_and_pays_only_when_winning():
    h = HighestBidderLottery.optimal(2, "1/2")
    t = RandomizedPaymentHBL(h)
    v = (R(9, 10), R(1, 2))
    q, m = h.allocation(v)[0], h.payments(v)[0]
    win_q, win_m = t.realized(v, R(1, 100))
    lose_q, lose_m = t.realized(v, R(99, 100))
    assert win_q == (1, 0) and lose_q == (0, 0) and lose_m == (0, 0)
    # E_u[m'] = P(u <= q) * m/q = m
    assert abs(sp.N(q * win_m[0] - m, 30)) < 1e-28
    assert t.payments(v) == h.payments(v)
    with pytest.raises(AuctionError, match="u must lie in"):
        t.realized(v, 2)


def test_envelope_auction_vickrey_payments_and_errors():
    v = bidder_vars(2)
    q1 = sp.Piecewise((1, v[0] >= v[1]), (0, True))
    q2 = sp.Piecewise((1, v[1] > v[0]), (0, True))
    e = EnvelopeAuction(2, v, [q1, q2])
    assert e.payments((R(3, 4), R(1, 4))) == (R(1, 4), 0)
    with pytest.raises(AuctionError, match="not monotone in v_1"):
        EnvelopeAuction(2, v, [1 - v[0], 0])
    with pytest.raises(AuctionError, match="infeasible"):
        EnvelopeAuction(2, v, [1, v[1]])
    with pytest.raises(AuctionError, match="negative"):
        EnvelopeAuction(2, v, [v[0] - R(1, 2), 0])
    with pytest.raises(AuctionError, match="not bidder values"):
        EnvelopeAuction(2, v, [sp.Symbol("k") * v[0], 0])


def test_tie_breaking_must_be_a_partition():
    with pytest.raises(AuctionError, match="not a highest bidder"):
        TieBreak.from_rule(2, lambda b: 1)
    with pytest.raises(AuctionError, match="not one bidder index"):
        TieBreak.from_rule(2, lambda b: 5)
    with pytest.raises(AuctionError, match="lies in 2 regions"):
        TieBreak.from_regions(2, [lambda b: b[0] >= b[1], lambda b: b[1] >= b[0]])
    with pytest.raises(AuctionError, match="lies in 0 regions"):
        TieBreak.from_regions(2, [lambda b: b[0] > b[1], lambda b: b[1] > b[0]])
    with pytest.raises(AuctionError, match="permutation"):
        TieBreak(3, order=(0, 0, 1))
    tb = TieBreak.from_rule(2, lambda b: 1 if b[1] >= b[0] else 0)      # ties to bidder 2: a valid partition
    assert SecondPriceAuction(2, 0, tiebreak=tb).outcome((R(1, 2), R(1, 2))).q == (0, 1)
    assert TieBreak(3, order=(2, 0, 1)).winner((1, 1, 1)) == 2


def test_invalid_profiles_and_bidder_counts():
    s = SecondPriceAuction(2, 0)
    with pytest.raises(AuctionError, match="outside the value box"):
        s.outcome((R(3, 2), 0))
    with pytest.raises(AuctionError, match="has 3 values"):
        s.outcome((0, 0, 0))
    with pytest.raises(AuctionError, match="integer >= 2"):
        SecondPriceAuction(1, 0)
    with pytest.raises(AuctionError, match="reserve price must be >= 0"):
        SecondPriceAuction(2, -1)
    with pytest.raises(AuctionError, match="open interval"):
        markov_set(2, 1)


def test_markov_set_membership_exact():
    A = markov_set(2, "1/2")
    assert A.contains({(R(1, 2), R(1, 2)): 1})[0]
    ok, why = A.contains({(0, 1): F(1, 2), (1, 0): F(1, 2) - F(1, 100), (0, 0): F(1, 100)})
    assert not ok and "< 1/2" in why
