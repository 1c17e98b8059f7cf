"""Parameter ranges as assumptions while a model is built (``with scope.assume():``): signs decided from the
ranges, never guessed -- an end where the expression vanishes, or a thin change of sign, leaves it undecided."""
from __future__ import annotations

import pytest
import sympy as sp

from symmech import Distribution, Mechanism, PiecewiseFunction, Scope, revenue
from symmech.models.piecewise import PiecewiseError
from symmech.tactics.assumptions import assuming, sign_under_ranges

p, q = sp.symbols("p q", real=True)
theta = sp.Symbol("theta", nonnegative=True)


@pytest.mark.parametrize("ranges, expr, sign", [
    ({p: sp.Interval.open(0, 1)}, 1 - p, 1),
    ({p: sp.Interval.Ropen(0, 1)}, 1 - p, 1),          # the top end 1 is excluded
    ({p: sp.Interval(0, 1)}, 1 - p, None),              # 1 - p = 0 at p = 1: no strict sign
    ({p: sp.Interval.open(0, 1)}, p - sp.Rational(1, 2), None),
    ({p: sp.Interval.open(0, 1)}, p - 1 + sp.Rational(1, 10**30), None),   # positive only next to p = 1
    ({p: sp.Interval.open(0, 1), q: sp.Interval.open(1, 2)}, q - p, 1),
    ({p: sp.Interval.open(0, 1), q: sp.Interval(1, 2)}, p - q, -1),
    ({p: sp.Interval.open(-2, -1)}, p ** 2 - 1, 1),
])
def test_signs_from_ranges(ranges, expr, sign):
    assert sign_under_ranges(expr) is None                 # outside a block: no range is known
    with assuming(ranges):
        assert sign_under_ranges(expr) == sign


def test_a_model_with_a_parametric_breakpoint_is_built_inside_scope_assume():
    pp = sp.Symbol("p", positive=True)
    scope = Scope({pp: sp.Interval.open(0, 1)})
    M = Mechanism.from_allocation(theta, PiecewiseFunction(theta, (0, pp, 1), (0, 1)))
    F = Distribution(theta, 1, support=(0, 1))
    with pytest.raises(PiecewiseError, match=r"scope\.assume\(\)"):
        revenue(M, F)
    with scope.assume():
        R = revenue(M, F)
    assert sp.simplify(R - pp * (1 - pp)) == 0             # p (1 - p), by hand
