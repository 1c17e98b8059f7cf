"""Claims over regions that are not boxes: a bound variable's range may depend on the bound variables
before it (the simplex of Che and Zhong's App. B.6, D = {v >= 0 : v_1 + v_2 <= v-bar})."""
from __future__ import annotations

import pytest
import sympy as sp
from sympy import Interval, Rational

from symmech import Identity, Inequality, Scope
from symmech.tactics.scope import ScopeError
from symmech.kernel.verdict import Status

v1, v2 = sp.symbols("v_1 v_2", nonnegative=True)
b = sp.Symbol("b", positive=True)                  # v-bar
SCOPE = Scope(parameters={b: Interval(Rational(1, 2), 2)})
SIMPLEX = [(v1, 0, b), (v2, 0, b - v1)]
BOX = [(v1, 0, b), (v2, 0, b)]


def test_a_bound_on_the_simplex_is_proved_and_fails_on_the_box_with_a_point_outside_the_simplex():
    on_simplex = Inequality("total_below_vbar", lhs=b, rel=">=", rhs=v1 + v2, over=SIMPLEX).check(SCOPE)
    assert on_simplex.status is Status.PROVED, on_simplex.detail
    on_box = Inequality("total_below_vbar_box", lhs=b, rel=">=", rhs=v1 + v2, over=BOX).check(SCOPE)
    assert on_box.status is Status.REFUTED, on_box.detail
    w = {k: sp.sympify(v.split(" = ")[-1] if " = " in v else v) for k, v in on_box.witness.items()}
    assert w["v_1"] + w["v_2"] > w["b"]            # the counterexample lies outside the simplex


def test_a_product_bound_on_the_simplex_holds_at_its_maximum_and_a_tighter_one_is_refuted_inside():
    # max of v1 v2 on the simplex is b^2/4 at v1 = v2 = b/2
    ok = Inequality("product", lhs=b ** 2 / 4, rel=">=", rhs=v1 * v2, over=SIMPLEX).check(SCOPE)
    assert ok.status in (Status.PROVED, Status.CERTIFIED, Status.CONFIRMED), ok.detail
    bad = Inequality("product_tight", lhs=b ** 2 / 5, rel=">=", rhs=v1 * v2, over=SIMPLEX).check(SCOPE)
    assert bad.status is Status.REFUTED, bad.detail
    w = {k: sp.sympify(v.split(" = ")[-1] if " = " in v else v) for k, v in bad.witness.items()}
    assert w["v_1"] + w["v_2"] <= w["b"] + sp.Rational(1, 10**20)   # the counterexample lies in the simplex


def test_an_identity_over_the_simplex_uses_the_dependent_end():
    v = Identity("area", lhs=sp.integrate(sp.integrate(1, (v2, 0, b - v1)), (v1, 0, b)), rhs=b ** 2 / 2).check(SCOPE)
    assert v.status is Status.PROVED, v.detail
    # the free end b - v1 reaches 0 at v1 = b: b - v1 - v2 >= 0 holds on the whole region
    w = Inequality("slack", lhs=b - v1 - v2, rel=">=", rhs=0, over=SIMPLEX).check(SCOPE)
    assert w.status is Status.PROVED, w.detail


def test_an_end_may_not_use_a_later_or_unknown_variable():
    later = Inequality("later", lhs=1, rel=">=", rhs=0, over=[(v1, 0, v2), (v2, 0, 1)])
    with pytest.raises(ScopeError, match="unknown symbol"):
        later.check(SCOPE)
    unknown = Inequality("unknown", lhs=1, rel=">=", rhs=0, over=[(v1, 0, sp.Symbol("q"))])
    with pytest.raises(ScopeError, match="unknown symbol"):
        unknown.check(SCOPE)


def test_points_in_an_empty_section_of_the_region_are_not_counterexamples():
    # v2 in [v1, 1/2] is empty for v1 > 1/2; there v2 - v1 < 0 would "violate" v2 >= v1 if sampled
    region = [(v1, 0, 1), (v2, v1, Rational(1, 2))]
    v = Inequality("ordered", lhs=v2, rel=">=", rhs=v1, over=region).check(SCOPE)
    assert v.status is not Status.REFUTED, v.detail
    # a real violation inside the non-empty part is still found: v2 <= 1/4 fails at v1 = 0, v2 = 1/2
    w = Inequality("low", lhs=Rational(1, 4), rel=">=", rhs=v2, over=region).check(SCOPE)
    assert w.status is Status.REFUTED, w.detail
