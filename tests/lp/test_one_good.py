"""One-good grid LPs: spec seed_002 R4, R6, R7, C6, C7, C8 values and the bracket."""
from __future__ import annotations

import math

import mpmath
import pytest

from symmech.tactics.lp import (
    MomentCondition,
    best_posted_price,
    maxmin_posted_price,
    mean_condition,
    step_payment_guarantee,
    worst_case_revenue,
)


def k_tilde(k: float) -> float:
    """Closed form -k / W_{-1}(-k/e), computed independently with mpmath."""
    with mpmath.workdps(40):      # local: a global mp.dps would leak into other test files of the worker
        return float(-mpmath.mpf(k) / mpmath.lambertw(-mpmath.mpf(k) / mpmath.e, -1))


def mean(r) -> float:
    return math.fsum(x * w for x, w in r.nature_atoms)


def mass(r) -> float:
    return math.fsum(w for _, w in r.nature_atoms)


def test_closed_form_helper():
    assert k_tilde(0.5) == pytest.approx(0.18668230885083704212422421834, abs=1e-15)


R4 = [(0.1, 200, 0.02108205), (0.1, 1000, 0.02057755), (0.25, 200, 0.06857192), (0.25, 1000, 0.06787536),
      (0.5, 200, 0.18789764), (0.5, 1000, 0.18692448), (0.75, 200, 0.38400966), (0.75, 1000, 0.38272486),
      # coarse grids LP_10, LP_15 (used by R8)
      (0.5, 10, 0.20994168), (0.25, 10, 0.08535429), (0.75, 10, 0.41389019), (0.1, 10, 0.03414172),
      (0.5, 15, 0.20203440), (0.25, 15, 0.07908336), (0.75, 15, 0.40311946), (0.1, 15, 0.03013656)]


@pytest.mark.parametrize("k,n,expected", R4)
def test_r4_mean_case_values(k, n, expected):
    r = maxmin_posted_price((0.0, 1.0), [mean_condition(k)], n)
    assert r.value == pytest.approx(expected, abs=1e-7)
    assert 0 <= r.value - k_tilde(k) <= 0.5 / n
    # nature's grid law: mass 1, mean k, atom at 1 equal to LP_N (spec R4 observations)
    assert mass(r) == pytest.approx(1.0, abs=1e-9)
    assert mean(r) == pytest.approx(k, abs=1e-9)
    assert dict(r.nature_atoms)[1.0] == pytest.approx(r.value, abs=1e-7)
    assert r.lower - 1e-12 <= r.value <= r.upper + 1e-9


@pytest.mark.slow
@pytest.mark.parametrize("k,expected", [(0.1, 0.02048251), (0.25, 0.06774560), (0.5, 0.18674287)])
def test_r4_n4000(k, expected):
    r = maxmin_posted_price((0.0, 1.0), [mean_condition(k)], 4000)
    assert r.value == pytest.approx(expected, abs=1e-7)


@pytest.mark.parametrize("n", [50, 200, 1000])
def test_bracket_contains_closed_form(n):
    kt = k_tilde(0.5)
    r = maxmin_posted_price((0.0, 1.0), [mean_condition(0.5)], n)
    assert r.rigorous
    assert r.lower <= kt <= r.upper
    assert r.lower <= r.value + 1e-12 and r.value <= r.upper + 1e-9
    assert 0 < r.width <= 1.0 / n
    assert r.nature_residual < 1e-12
    assert all(w == 0 or x >= kt - 0.01 for x, w in r.nature_atoms)      # no mass below kt - 0.01
    assert r.upper_price in dict(r.nature_atoms)


def test_seller_cdf_and_multiplier_converge():
    kt = k_tilde(0.5)
    xi = 1 / math.log(1 / kt)
    r = maxmin_posted_price((0.0, 1.0), [mean_condition(0.5)], 1000)
    assert r.price_cdf(0.5) == pytest.approx(1 - math.log(0.5) / math.log(kt), abs=1e-3)
    assert r.mu[0] == pytest.approx(xi, abs=2e-3)
    r75 = maxmin_posted_price((0.0, 1.0), [mean_condition(0.75)], 1000)
    assert r75.mu[0] == pytest.approx(1.04001, abs=1e-5)


def test_inequality_signs():
    eq = maxmin_posted_price((0.0, 1.0), [mean_condition(0.5)], 200)
    ge = maxmin_posted_price((0.0, 1.0), [mean_condition(0.5, ">=")], 200)
    le = maxmin_posted_price((0.0, 1.0), [mean_condition(0.5, "<=")], 200)
    assert ge.value == pytest.approx(eq.value, abs=1e-9) and ge.mu[0] >= 0
    assert le.value == pytest.approx(0.0, abs=1e-9)          # nature can put all mass at 0
    assert ge.lower <= k_tilde(0.5) <= ge.upper


@pytest.mark.parametrize("k,n,expected", [(0.25, 400, 0.1343631), (0.5, 400, 0.2935291), (0.75, 400, 0.5008664)])
def test_r6_second_moment(k, n, expected):
    r = maxmin_posted_price((0.0, 1.0), [MomentCondition(lambda t: t * t, "==", k, monotone=True)], n)
    assert r.value == pytest.approx(expected, abs=1e-7)
    kt = 1 - math.sqrt(1 - k)
    assert r.lower <= kt <= r.upper
    assert r.price_cdf(0.6) == pytest.approx((0.6 - kt) / (1 - kt), abs=2e-4)     # uniform price law


@pytest.mark.parametrize("k,expected", [(0.25, 0.0180689), (0.5, 0.0859302)])
def test_r7_square_root_moment(k, expected):
    r = maxmin_posted_price((0.0, 1.0), [MomentCondition(math.sqrt, "==", k, monotone=True)], 1600)
    assert r.value == pytest.approx(expected, abs=1e-7)
    assert r.lower <= (1 - math.sqrt(1 - k)) ** 2 <= r.upper


def _indicator(k: float, with_enclosure: bool = True) -> MomentCondition:
    enc = (lambda lo, hi: (float(lo >= 0.5), float(hi > 0.5))) if with_enclosure else None
    return MomentCondition(lambda t: float(t >= 0.5), "==", k, enclosure=enc)


@pytest.mark.parametrize("k", [0.3, 0.5, 0.9])
def test_c6_indicator_moment(k):
    r = maxmin_posted_price((0.0, 1.0), [_indicator(k)], 100)
    assert r.value == pytest.approx(k / 2, abs=1e-9)
    assert r.lower == pytest.approx(k / 2, abs=1e-9) and r.upper == pytest.approx(k / 2, abs=1e-9)
    assert r.price_atoms == ((0.5, 1.0),) or r.price_cdf(0.5) == pytest.approx(1.0)
    loose = maxmin_posted_price((0.0, 1.0), [_indicator(k, False)], 100)
    assert not loose.rigorous and loose.lower <= k / 2 + 1e-12


def test_c7_scaling():
    r = maxmin_posted_price((0.0, 2.0), [mean_condition(1.0)], 2000)
    assert r.value == pytest.approx(0.373607, abs=1e-6)
    assert r.lower <= 2 * k_tilde(0.5) <= r.upper


def test_c8_two_moments_bracket():
    """(m, s) = (0.5, 0.3): conjectured value r = 0.2169068872629...; spec LP N=2000: 0.217070."""
    ms = [mean_condition(0.5), MomentCondition(lambda t: t * t, "==", 0.3, monotone=True)]
    r = maxmin_posted_price((0.0, 1.0), ms, 2000)
    assert r.value == pytest.approx(0.217070, abs=1e-6)
    assert r.lower <= 0.216906887262907064573125083983 <= r.upper


def test_best_posted_price():
    assert best_posted_price([(0.25, 0.5), (1.0, 0.5)]) == (1.0, 0.5)
    assert best_posted_price([(0.6, 0.5), (1.0, 0.5)]) == (0.6, 0.6)
    assert best_posted_price([]) == (0.0, 0.0)


def test_step_guarantee_exact_for_price_quarter():
    # t = 1/4 * 1{theta >= 1/4}; cells [0, 1/4), [1/4, 1), {1}
    cert = step_payment_guarantee([0.0, 0.25, 1.0], [0.0, 0.25, 0.25], [mean_condition(0.5)])
    assert cert.lower == pytest.approx(1 / 12, abs=1e-12) and cert.rigorous
    assert cert.mu[0] == pytest.approx(1 / 3, abs=1e-12)


def test_worst_case_of_optimal_mechanism():
    kt = k_tilde(0.5)
    xi = 1 / math.log(1 / kt)
    r = worst_case_revenue(lambda t: xi * max(t - kt, 0.0), (0.0, 1.0), [mean_condition(0.5)], 200)
    assert r.value == pytest.approx(kt, abs=1e-9)
    assert r.lower <= kt + 1e-9 and r.upper >= kt - 1e-9 and r.upper - r.lower < 1e-9
    assert r.mu[0] == pytest.approx(xi, abs=1e-8) and r.lam == pytest.approx(-xi * kt, abs=1e-8)
    assert all(x >= kt - 1e-9 for x, _ in r.nature_atoms)
    ge = worst_case_revenue(lambda t: xi * max(t - kt, 0.0), (0.0, 1.0), [mean_condition(0.5, ">=")], 200)
    assert ge.value == pytest.approx(kt, abs=1e-9)
    le = worst_case_revenue(lambda t: xi * max(t - kt, 0.0), (0.0, 1.0), [mean_condition(0.5, "<=")], 200)
    assert le.value == pytest.approx(0.0, abs=1e-12)


def test_worst_case_of_price_quarter():
    """Dual: max lam + mu/2 s.t. (1/4) 1{theta >= 1/4} >= lam + mu theta: line through (1/4, 0), (1, 1/4)."""
    pay = lambda t: 0.25 if t >= 0.25 else 0.0
    r = worst_case_revenue(pay, (0.0, 1.0), [mean_condition(0.5)], 200)
    assert r.lower <= 1 / 12 <= r.upper
    assert r.upper - 1 / 12 < 1e-4
    assert r.mu[0] == pytest.approx(1 / 3, abs=1e-3)
    deep = worst_case_revenue(pay, (0.0, 1.0), [mean_condition(0.5)], 200, rounds=20)
    assert deep.lower <= 1 / 12 <= deep.upper < 1 / 12 + 1e-8
    assert mass(deep) == pytest.approx(1.0, abs=1e-12) and mean(deep) == pytest.approx(0.5, abs=1e-12)
    coarse = worst_case_revenue(pay, (0.0, 1.0), [mean_condition(0.5)], 200, refine=False)
    assert coarse.rounds == 0 and coarse.upper >= r.upper - 1e-15
