"""The continuity whitelist: every partial operation yields its condition, everything unknown is refused."""
from __future__ import annotations

import pytest
import sympy as sp

from symmech.kernel.continuity import NotContinuous, obligations

x = sp.Symbol("x", real=True)
k = sp.Symbol("k", positive=True)


def test_everywhere_continuous_needs_nothing():
    assert obligations(sp.exp(x) * sp.sin(x) + sp.atan(x ** 3) + sp.Abs(x) + sp.Max(x, 1), [x]) == []


@pytest.mark.parametrize("expr, cond", [
    (1 / x, (x ** 2, True)),
    (sp.log(x), (x, True)),
    (sp.sqrt(x), (x, False)),
    (x ** sp.Rational(-1, 3), (x, True)),
    (sp.acot(x), (x ** 2, True)),
    (sp.coth(x), (x ** 2, True)),
    (sp.gamma(x), (x, True)),
    (sp.asin(x), (1 - x, False)),
    (sp.tan(x), (sp.pi / 2 - x, True)),
    (sp.cot(x), (x, True)),
    (sp.LambertW(x, -1), (-x, True)),
    (sp.LambertW(x), (x + sp.exp(-1), False)),
    (2 ** (1 / x), (x ** 2, True)),
])
def test_each_partial_operation_has_its_condition(expr, cond):
    assert cond in obligations(expr, [x])


def test_conditions_are_found_inside_everywhere_continuous_functions():
    # atan is continuous, 1/x inside it is not: the jump of atan(1/x) at 0
    assert (x ** 2, True) in obligations(sp.atan(1 / x) + 1, [x])


@pytest.mark.parametrize("expr", [sp.Piecewise((x, x < 0), (1, True)), sp.floor(x), sp.sign(x),
                                  sp.Heaviside(x), sp.Mod(x, 1), sp.frac(x), sp.Function("f")(x),
                                  sp.mathieuc(1, 1, x), sp.LambertW(x, 1), sp.I * x])
def test_unknown_or_discontinuous_parts_are_refused(expr):
    with pytest.raises(NotContinuous):
        obligations(expr + x, [x])


def test_only_the_named_variables_matter():
    # 1/(k - 1/2) is a constant in x: no condition for continuity in x
    assert obligations(x / (k - sp.Rational(1, 2)), [x]) == []
    assert (k - sp.Rational(1, 2)) ** 2 in [c for c, _ in obligations(x / (k - sp.Rational(1, 2)), [x, k])]
