"""Two goods on a grid (spec seed_002 R8): full-IC LP values and seller best responses."""
from __future__ import annotations

import math

import numpy as np
import pytest

from symmech.tactics.lp import (
    MomentCondition,
    best_response_two_goods,
    comonotone_law,
    maxmin_posted_price,
    maxmin_two_goods_menu,
    mean_condition,
    mean_conditions_2d,
    product_law,
)

GRID11 = [j / 10 for j in range(11)]
GRID16 = [j / 15 for j in range(16)]


def assert_ic_ir(r, tol=1e-7):
    t1, t2 = np.meshgrid(r.grid, r.grid, indexing="ij")
    th = np.stack([t1.ravel(), t2.ravel()], axis=1)
    q = np.stack([r.q1.ravel(), r.q2.ravel()], axis=1)
    pay = r.payment.ravel()
    util = th @ q.T - pay[None, :]                 # util[s, r] = type s reporting r
    assert np.all(np.diag(util) >= -tol)           # IR
    assert np.all(np.diag(util)[:, None] >= util - tol)   # IC
    assert np.all((q >= -tol) & (q <= 1 + tol))


@pytest.mark.parametrize("k,expected,parts", [((0.5, 0.5), 0.41988337, (0.20994168, 0.20994168)),
                                              ((0.25, 0.25), 0.17070858, (0.08535429, 0.08535429)),
                                              ((0.5, 0.25), 0.29529597, (0.20994168, 0.08535429)),
                                              ((0.75, 0.1), 0.44803191, (0.41389019, 0.03414172))])
def test_r8_11x11(k, expected, parts):
    r = maxmin_two_goods_menu(GRID11, mean_conditions_2d(*k))
    assert r.value == pytest.approx(expected, abs=1e-7)
    one = [maxmin_posted_price((0.0, 1.0), [mean_condition(ki)], 10).value for ki in k]
    assert r.value == pytest.approx(sum(one), abs=1e-8)            # separate sales, exactly
    assert one == pytest.approx(list(parts), abs=1e-7)
    law = r.nature_atoms
    assert math.fsum(w for _, w in law) == pytest.approx(1.0, abs=1e-8)
    for i in range(2):
        assert math.fsum(x[i] * w for x, w in law) == pytest.approx(k[i], abs=1e-8)
    assert_ic_ir(r)
    # the LP's mechanism earns at least the value against nature's law
    by_type = {(float(a), float(b)): p for a, b, p in zip(*np.meshgrid(r.grid, r.grid, indexing="ij"),
                                                         r.payment) for a, b, p in zip(a, b, p)}
    assert math.fsum(by_type[x] * w for x, w in law) == pytest.approx(r.value, abs=1e-7)


def test_r8_sum_moment():
    """E[theta1 + theta2] == 1 only: a weaker constraint, so the value can only fall."""
    r = maxmin_two_goods_menu(GRID11, [MomentCondition(lambda x, y: x + y, "==", 1.0)])
    assert r.value <= 0.41988337 + 1e-8


@pytest.mark.parametrize("k,como,prod", [(0.5, 0.41988337, 0.51287013), (0.25, 0.17070858, 0.19742154)])
def test_r8_best_responses(k, como, prod):
    f1 = maxmin_posted_price((0.0, 1.0), [mean_condition(k)], 10).nature_atoms
    a = best_response_two_goods(GRID11, comonotone_law(f1))
    b = best_response_two_goods(GRID11, product_law(f1, f1))
    assert a.value == pytest.approx(como, abs=1e-7)
    assert b.value == pytest.approx(prod, abs=1e-7)
    assert b.value > a.value + 0.02            # product law is not a worst case (spec C2)
    assert_ic_ir(a)
    assert_ic_ir(b)


def test_best_response_rejects_off_grid_atoms():
    with pytest.raises(ValueError):
        best_response_two_goods(GRID11, [((0.55, 0.5), 1.0)])


@pytest.mark.slow
@pytest.mark.parametrize("k,expected", [((0.5, 0.5), 0.40406880), ((0.5, 0.25), 0.28111776)])
def test_r8_16x16(k, expected):
    r = maxmin_two_goods_menu(GRID16, mean_conditions_2d(*k))
    assert r.value == pytest.approx(expected, abs=1e-7)
