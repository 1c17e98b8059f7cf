"""The closed-form guarantees of the one-good derivations lie inside the LP max-min brackets, and the
LP's optimal strategies look like the closed-form ones (spec seed_002 R4, R6, R7, C4)."""
from __future__ import annotations

import math

import mpmath
import pytest

from symmech.tactics.lp import MomentCondition, maxmin_posted_price, mean_condition


def kt_mean(k: float) -> float:
    with mpmath.workdps(40):
        return float(-mpmath.mpf(k) / mpmath.lambertw(-mpmath.mpf(k) / mpmath.e, -1))


def kt_square(k: float) -> float:
    return 1 - math.sqrt(1 - k)


def kt_sqrt(k: float) -> float:
    return (1 - math.sqrt(1 - k)) ** 2


SQUARE = lambda k: MomentCondition(lambda x: x * x, "==", k, label="theta^2", monotone=True)   # noqa: E731
ROOT = lambda k: MomentCondition(math.sqrt, "==", k, label="sqrt(theta)", monotone=True)       # noqa: E731

# (moment condition, closed-form value, allocation q*(theta) on [kt, 1])
MODELS = {
    "mean": (mean_condition, kt_mean, lambda th, kt: 1 - math.log(th) / math.log(kt)),
    "square": (SQUARE, kt_square, lambda th, kt: (th - kt) / (1 - kt)),
    "sqrt": (ROOT, kt_sqrt, lambda th, kt: (1 / math.sqrt(kt) - 1 / math.sqrt(th)) / (1 / math.sqrt(kt) - 1)),
}


@pytest.mark.parametrize("model", sorted(MODELS))
@pytest.mark.parametrize("k", [0.25, 0.5, 0.75])
def test_closed_form_inside_bracket_and_strategies_match(model, k):
    cond, closed, q_star = MODELS[model]
    n = 400
    r = maxmin_posted_price((0.0, 1.0), [cond(k)], n)
    v = closed(k)
    assert r.rigorous
    assert r.lower <= v <= r.upper, (model, k, r.lower, v, r.upper)
    assert r.width <= 2.0 / n
    # nature's atom at 1 is about the value (the equal-revenue law has an atom kt at 1)
    top = dict(r.nature_atoms).get(1.0, 0.0)
    assert top == pytest.approx(v, abs=5e-3)
    # nature puts (almost) nothing below kt
    assert sum(w for x, w in r.nature_atoms if x < v - 0.02) < 1e-6
    # the seller's price CDF follows q*
    for th in (0.6, 0.8, 0.95):
        if th > v:
            assert r.price_cdf(th) == pytest.approx(q_star(th, v), abs=2e-2), (model, k, th)


@pytest.mark.parametrize("k", [0.3, 0.6])
def test_richardson_mean(k):
    """C5: LP_N = kt + Pi*(1)/(2N) + O(N^-2), so 2 LP_2N - LP_N is much closer to kt than LP_N."""
    v = kt_mean(k)
    a = maxmin_posted_price((0.0, 1.0), [mean_condition(k)], 200).value
    b = maxmin_posted_price((0.0, 1.0), [mean_condition(k)], 400).value
    assert abs(2 * b - a - v) < abs(b - v) / 5


def test_lp_size_width_time_ratios():
    """Measured within one run: the bracket width falls like 1/n while the LP grows like n."""
    rows = []
    for n in (100, 200, 400):
        r = maxmin_posted_price((0.0, 1.0), [mean_condition(0.5)], n)
        rows.append((n, r.size.rows, r.size.nnz, r.width, r.seconds))
    (n1, rows1, nnz1, w1, t1), _, (n3, rows3, nnz3, w3, t3) = rows
    assert 3.5 <= rows3 / rows1 <= 4.5 and 3.5 <= nnz3 / nnz1 <= 4.5
    assert 2.0 <= w1 / w3 <= 8.0
