"""Issue 19: boxes whose endpoints depend on earlier variables or on an
irrational / arb-enclosed constant, used as a reader would use certify()."""
import sympy as sp
from flint import arb

from symmech.tactics.certify import certify, recheck

x, y = sp.symbols("x y")
R = sp.Rational


def test_triangle_open_and_closed_certified_and_rechecked():
    for box in ({x: (0, 1), y: sp.Interval.open(x, 1)}, {x: (0, 1), y: (x, 1)}):
        v = certify(y - x, box)
        assert v.status.value == "certified", v.detail
        assert recheck(v.certificate)


def test_triangle_strict_touching_zero_is_not_certified():
    # y - x > 0 fails on the closed triangle (y = x): refuted with a point on the diagonal
    v = certify(y - x, {x: (0, 1), y: (x, 1)}, relation=">")
    assert v.status.value == "refuted", v.detail
    assert sp.Rational(v.witness["x"]) == sp.Rational(v.witness["y"])


def test_triangle_perturbed_constant_refuted_inside_region():
    v = certify(y - x - R(1, 10**6), {x: (0, 1), y: (x, 1)})
    assert v.status.value == "refuted", v.detail
    wx, wy = sp.Rational(v.witness["x"]), sp.Rational(v.witness["y"])
    assert 0 <= wx <= wy <= 1 and wy - wx - R(1, 10**6) < 0


def test_false_claim_on_dependent_box_refuted():
    # on x <= y <= 1 - x, x*y <= x*(1 - x) <= 1/4 (max at x = y = 1/2): x*y <= 26/100 is
    # certified, x*y <= 1/5 is false (e.g. x = y = 1/2), and the witness must lie in the region
    half = {x: (0, R(1, 2)), y: (x, 1 - x)}
    half_disk = half
    assert certify(R(26, 100) - x * y, half).status.value == "certified"
    v = certify(R(1, 5) - x * y, half_disk)
    assert v.status.value == "refuted", v.detail
    wx, wy = sp.Rational(v.witness["x"]), sp.Rational(v.witness["y"])
    assert wx <= wy <= 1 - wx and wx * wy > R(1, 5)


def test_irrational_endpoint_sqrt_disk():
    disk = {x: (-1, 1), y: (-sp.sqrt(1 - x**2), sp.sqrt(1 - x**2))}
    v = certify(R(11, 10) - x**2 - y**2, disk, time_limit=10)
    assert v.status.value == "certified", v.detail
    assert recheck(v.certificate)
    v = certify(1 - x**2 - y**2 - R(1, 1000), disk, time_limit=10)
    assert v.status.value == "refuted", v.detail


def test_constant_endpoint_pi_and_arb_enclosure():
    # x >= 1/pi on [1/pi, 1]: 1/pi = 0.3183..., so x - 318/1000 >= 0 holds and x - 319/1000 >= 0 fails
    assert certify(x - R(318, 1000), {x: (1 / sp.pi, 1)}).status.value == "certified"
    assert certify(x - R(319, 1000), {x: (1 / sp.pi, 1)}).status.value == "refuted"
    c = arb(1) / arb.pi()            # a rigorous enclosure of a DefinedRoot-like constant
    v = certify(x - R(318, 1000), {x: (c, 1)})
    assert v.status.value == "certified" and recheck(v.certificate)
    # a violation for some value of the ball proves nothing about the true constant
    assert certify(x - R(319, 1000), {x: (c, 1)}).status.value == "undecided"


def test_bad_boxes_named():
    v = certify(x, {y: (x, 1), x: (0, 1)})
    assert v.status.value == "undecided" and "earlier box variables" in v.detail
    v = certify(x, {x: (-sp.oo, 1)})
    assert v.status.value == "undecided" and "bad box" in v.detail


def test_violation_only_where_section_is_empty_is_not_a_refutation():
    # y - 2x > 0 holds on {0 <= x <= 1, 2x < y < 1} (empty for x >= 1/2); the mapped box
    # also covers the segment [1, 2x] for x > 1/2, where y - 2x < 0: that must not refute
    v = certify(y - 2 * x, {x: (0, 1), y: sp.Interval.open(2 * x, 1)}, relation=">")
    assert v.status.value != "refuted", v.detail
