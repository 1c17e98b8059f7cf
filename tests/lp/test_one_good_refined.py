"""Exact brackets for the one-good max-min posted-price problem (refined certificates).

Closed forms (independent of the LP code): Carrasco, Luz, Kos, Messner, Monteiro, Moreira,
'Optimal Selling Mechanisms Under Moment Conditions' (2018): for E theta = k on [0, 1] the value is
kt with kt (1 - ln kt) = k, kt = exp(1 + W_{-1}(-k/e)) (computed here with mpmath's LambertW);
for E kappa(theta) = k (their Sec. 3.4) the spec catalog's tables R6 (kappa = theta^2:
kt = 1 - sqrt(1 - k)) and R7 (kappa = sqrt(theta): kt = (1 - sqrt(1 - k))^2, k = 0.25:
0.0179491924311227064725536584941; kappa = theta^3, k = 0.5: 2 cos(4 pi / 9)).
"""
from __future__ import annotations

import math
from fractions import Fraction

import mpmath
import numpy as np
import pytest

from symmech.tactics.lp import (
    MomentCondition,
    maxmin_posted_price,
    mean_condition,
    power_condition,
    refined_maxmin_posted_price,
    sqrt_condition,
)
from symmech.tactics.lp import one_good_certificates as oc



@pytest.fixture(autouse=True)
def _fifty_digits():
    """Every test here at 50 digits, whatever an earlier test file of this worker left in mp.dps."""
    with mpmath.workdps(50):
        yield


def kt_mean(k: str) -> mpmath.mpf:
    """exp(1 + W_{-1}(-k/e)): the lower branch (the principal branch gives a root above 1)."""
    k = mpmath.mpf(k)
    kt = mpmath.exp(1 + mpmath.lambertw(-k / mpmath.e, -1))
    assert 0 < kt < k and abs(kt * (1 - mpmath.log(kt)) - k) < mpmath.mpf(10) ** -45
    other = mpmath.exp(1 + mpmath.lambertw(-k / mpmath.e, 0))
    assert other > 1 - mpmath.mpf(10) ** -30          # branch 0 is the root above 1: not the value
    return kt


def inside(r, v: mpmath.mpf) -> bool:
    """Exact-enough comparison of the Fraction ends with a 50-digit value."""
    lo = mpmath.mpf(r.lower.numerator) / r.lower.denominator
    hi = mpmath.mpf(r.upper.numerator) / r.upper.denominator
    return lo <= v <= hi


def test_branch_and_spec_r1_value():
    assert abs(kt_mean("0.5") - mpmath.mpf("0.18668230885083704212422421834")) < 1e-28   # spec R1
    assert abs(kt_mean("0.25") - mpmath.mpf("0.067702340441248648271126566223")) < 1e-28


@pytest.mark.parametrize("k", ["0.5", "0.25"])
def test_mean_bracket_width_1e6_contains_closed_form(k):
    r = refined_maxmin_posted_price((0.0, 1.0), [mean_condition(float(k))], target_width=1e-6)
    v = kt_mean(k)
    assert r.certified and isinstance(r.lower, Fraction) and isinstance(r.upper, Fraction)
    assert r.width <= 1e-6
    assert inside(r, v)
    # negative: the closed form moved by 1e-5 either way is outside the bracket
    assert not inside(r, v + mpmath.mpf("1e-5")) and not inside(r, v - mpmath.mpf("1e-5"))
    # both ends recheck from the certificates alone
    assert oc.check_lottery(r.lower_certificate, (0.0, 1.0), [mean_condition(float(k))]) == r.lower
    assert oc.check_law(r.upper_certificate, (0.0, 1.0), [mean_condition(float(k))])[0] == r.upper


@pytest.mark.parametrize("cond,value", [
    (power_condition(2, 0.5), 1 - 1 / mpmath.sqrt(2)),                                        # spec R6
    (sqrt_condition(0.25), mpmath.mpf("0.0179491924311227064725536584941")),                 # spec R7
    (power_condition(3, 0.5), 2 * mpmath.cos(4 * mpmath.pi / 9)),                             # spec R7
])
def test_other_moments_spec_r6_r7(cond, value):
    r = refined_maxmin_posted_price((0.0, 1.0), [cond], target_width=1e-5)
    assert r.certified and r.width <= 1e-5
    assert inside(r, value)
    assert not inside(r, value + mpmath.mpf("1e-4")) and not inside(r, value - mpmath.mpf("1e-4"))


def test_scaled_support_c7():
    """Spec C7: on [0, 2] with E theta = 1 the value is 2 kt(1/2)."""
    r = refined_maxmin_posted_price((0.0, 2.0), [mean_condition(1.0)], target_width=1e-5)
    assert r.width <= 1e-5 and inside(r, 2 * kt_mean("0.5"))


C8 = mpmath.mpf("0.216906887262907064573125083983")


def test_two_moments_c8_bracket():
    """Spec C8 (m, s) = (0.5, 0.3): conjectured value 0.216906887262907... (the LP of the spec gives
    0.217070 at N = 2000); the truncated equal-revenue law and the staircase lottery bracket it."""
    ms = [mean_condition(0.5), power_condition(2, 0.3)]
    r = refined_maxmin_posted_price((0.0, 1.0), ms, target_width=1e-5)
    assert r.certified and r.width <= 1e-5 and inside(r, C8)
    assert not inside(r, C8 + mpmath.mpf("2e-5")) and not inside(r, C8 - mpmath.mpf("2e-5"))
    assert r.rounds[-1].method == "staircase+truncated-equal-revenue"


def test_two_moments_lp_refinement_path():
    """The LP-refinement path (used when no truncated equal-revenue law fits; here forced by a third,
    redundant condition E theta >= 1/2, since that law has two parameters): exact but first order in
    the LP's spacing, so only a loose bracket."""
    ms = [mean_condition(0.5), power_condition(2, 0.3)]
    r = refined_maxmin_posted_price((0.0, 1.0), ms + [mean_condition(0.5, ">=")], target_width=1e-6,
                                    lp_rounds=3, staircase_points=20000)
    assert r.certified and inside(r, C8) and r.width < 1e-3
    assert {x.method for x in r.rounds} >= {"lp", "lp-refined", "staircase"}


def test_lp_exact_ends_agree_with_float_ends():
    r = maxmin_posted_price((0.0, 1.0), [mean_condition(0.5)], 200)
    assert r.certified
    assert float(r.lower_exact) == pytest.approx(r.lower, abs=1e-12)
    assert float(r.upper_exact) == pytest.approx(r.upper, abs=1e-12)
    v = kt_mean("0.5")
    assert r.lower_exact < Fraction(float(v)) < r.upper_exact
    # no exact enclosure: the old fields only, never a claim of exactness
    plain = maxmin_posted_price((0.0, 1.0), [MomentCondition(lambda t: t * t, "==", 0.5, monotone=True)], 100)
    assert not plain.certified and plain.lower_exact is None


def test_nodes_reproduce_the_uniform_lp():
    u = maxmin_posted_price((0.0, 1.0), [mean_condition(0.5)], 50)
    v = maxmin_posted_price((0.0, 1.0), [mean_condition(0.5)], nodes=u.grid)
    assert v.value == pytest.approx(u.value, abs=1e-12) and v.grid == u.grid
    w = maxmin_posted_price((0.0, 1.0), [mean_condition(0.5)], nodes=[0.0, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1.0])
    assert w.lower_exact <= Fraction(float(kt_mean("0.5"))) <= w.upper_exact


# ----------------------------------------------------------------------------- exact rechecks

MEAN = [mean_condition(0.5)]


def _price_quarter() -> oc.LotteryCertificate:
    """Price 1/4 for sure; dual line through (1/4, 0) and (1, 1/4): lam = -1/12, mu = 1/3,
    guarantee 1/12 (the spec's hand example, also tests/lp/test_one_good.py)."""
    return oc.LotteryCertificate(nodes=np.array([0.0, 0.25, 1.0]), probs=np.array([0, 1 << 60, 0], dtype=object),
                                 prob_bits=60, lam=Fraction(-1, 12), mu=(Fraction(1, 3),))


def test_lottery_check_hand_example():
    assert oc.check_lottery(_price_quarter(), (0.0, 1.0), MEAN) == Fraction(1, 12)


def test_tampered_lottery_rejected():
    good = _price_quarter()
    bumped = oc.LotteryCertificate(good.nodes, good.probs, 60, good.lam + Fraction(1, 10 ** 12), good.mu)
    with pytest.raises(oc.CertificateError, match="dual infeasible"):
        oc.check_lottery(bumped, (0.0, 1.0), MEAN)
    steeper = oc.LotteryCertificate(good.nodes, good.probs, 60, good.lam, (Fraction(1, 3) + Fraction(1, 10 ** 9),))
    with pytest.raises(oc.CertificateError, match="dual infeasible"):
        oc.check_lottery(steeper, (0.0, 1.0), MEAN)
    too_much = oc.LotteryCertificate(good.nodes, np.array([1, 1 << 60, 0], dtype=object), 60, good.lam, good.mu)
    with pytest.raises(oc.CertificateError, match="more than 1"):
        oc.check_lottery(too_much, (0.0, 1.0), MEAN)
    with pytest.raises(oc.CertificateError, match="wrong sign"):
        oc.check_lottery(oc.LotteryCertificate(good.nodes, good.probs, 60, Fraction(0), (Fraction(-1),)),
                         (0.0, 1.0), [mean_condition(0.5, ">=")])
    with pytest.raises(oc.CertificateError, match="start at a"):
        oc.check_lottery(good, (0.0, 2.0), MEAN)


def test_tampered_refined_certificates_rejected():
    r = refined_maxmin_posted_price((0.0, 1.0), MEAN, target_width=1e-4)
    lot, law = oc.with_best_lambda(r.lower_certificate, MEAN), r.upper_certificate
    assert oc.check_lottery(lot, (0.0, 1.0), MEAN) >= r.lower        # the exact best lam: feasible, tight
    raised = oc.LotteryCertificate(lot.nodes, lot.probs, lot.prob_bits, lot.lam + Fraction(1, 2 ** 40), lot.mu)
    with pytest.raises(oc.CertificateError, match="dual infeasible"):
        oc.check_lottery(raised, (0.0, 1.0), MEAN)
    # move a little mass from the top atom to the lowest one: total 1 still, mean now wrong
    w = law.masses.copy()
    d = law.den // 10 ** 6
    w[-1] -= d
    w[0] += d
    with pytest.raises(oc.CertificateError, match="E g"):
        oc.check_law(oc.LawCertificate(law.points, w, law.den), (0.0, 1.0), MEAN)
    with pytest.raises(oc.CertificateError, match="not 1"):
        oc.check_law(oc.LawCertificate(law.points, law.masses, law.den + 1), (0.0, 1.0), MEAN)
    # the same law checked against a different mean is rejected
    with pytest.raises(oc.CertificateError, match="E g"):
        oc.check_law(law, (0.0, 1.0), [mean_condition(0.5 + 2 ** -30)])


def test_law_check_hand_examples():
    half = oc.LawCertificate(np.array([0.0, 1.0]), np.array([1, 1], dtype=object), 2)
    assert oc.check_law(half, (0.0, 1.0), MEAN) == (Fraction(1, 2), 1.0)
    wrong = oc.LawCertificate(np.array([0.0, 1.0]), np.array([3, 2], dtype=object), 5)   # mean 2/5
    with pytest.raises(oc.CertificateError, match="E g"):
        oc.check_law(wrong, (0.0, 1.0), MEAN)
    assert oc.check_law(wrong, (0.0, 1.0), [mean_condition(0.25, ">=")])[0] == Fraction(2, 5)
    negative = oc.LawCertificate(np.array([0.0, 0.5, 1.0]), np.array([2, -1, 1], dtype=object), 2)
    with pytest.raises(oc.CertificateError, match="nonnegative"):
        oc.check_law(negative, (0.0, 1.0), MEAN)
    outside = oc.LawCertificate(np.array([0.0, 1.5]), np.array([1, 1], dtype=object), 2)
    with pytest.raises(oc.CertificateError, match="support"):
        oc.check_law(outside, (0.0, 1.0), MEAN)
    # sqrt(1/2) is irrational: an equality cannot be checked there, so the law is rejected
    irr = oc.LawCertificate(np.array([0.5, 1.0]), np.array([1, 1], dtype=object), 2)
    with pytest.raises(oc.CertificateError, match="not exact"):
        oc.check_law(irr, (0.0, 1.0), [sqrt_condition(0.85)])
    # at squares it is exact: atoms 1/4 and 1, E sqrt = (1/2 + 1) / 2 = 3/4
    sq = oc.LawCertificate(np.array([0.25, 1.0]), np.array([1, 1], dtype=object), 2)
    assert oc.check_law(sq, (0.0, 1.0), [sqrt_condition(0.75)]) == (Fraction(1, 2), 1.0)


def test_sqrt_enclosures_are_valid():
    g = sqrt_condition(0.5).exact
    rng = np.random.default_rng(1)
    x = np.concatenate([g.snap(rng.random(200)), rng.random(200), [0.0, 0.25, 1.0]])
    X, s = oc._fixed(x)
    lo, hi, f = g.enclose(X, s)
    exact = 0
    for xi, a, b in zip(x, lo, hi):
        q = Fraction(float(xi))
        assert Fraction(int(a), 1 << f) ** 2 <= q <= Fraction(int(b), 1 << f) ** 2
        exact += a == b
    assert exact >= 203


# ----------------------------------------------------------------------------- bad input

@pytest.mark.parametrize("nodes,match", [
    ([0.0, 0.5, 0.4, 1.0], "strictly increasing"),
    ([0.0, 0.5, 0.5, 1.0], "strictly increasing"),
    ([-0.1, 0.5, 1.0], "inside the support"),
    ([0.0, 0.5, 1.2], "inside the support"),
    ([0.1, 0.5, 1.0], "start at a"),
    ([0.0, float("nan"), 1.0], "finite"),
    ([0.0], "at least 2"),
])
def test_bad_nodes_are_clear_errors(nodes, match):
    with pytest.raises(ValueError, match=match):
        maxmin_posted_price((0.0, 1.0), MEAN, nodes=nodes)


def test_other_bad_input():
    with pytest.raises(ValueError, match="does not match"):
        maxmin_posted_price((0.0, 1.0), MEAN, 5, nodes=[0.0, 0.5, 1.0])
    with pytest.raises(ValueError, match="grid size n or the nodes"):
        maxmin_posted_price((0.0, 1.0), MEAN)
    with pytest.raises(ValueError, match="exact enclosures"):
        refined_maxmin_posted_price((0.0, 1.0), [MomentCondition(math.sqrt, "==", 0.5, monotone=True)])
    with pytest.raises(ValueError, match="target_width"):
        refined_maxmin_posted_price((0.0, 1.0), MEAN, target_width=0.0)
    with pytest.raises(ValueError, match="positive integer"):
        power_condition(0, 0.5)


def _payment(cert: oc.LotteryCertificate, theta: Fraction) -> Fraction:
    return sum((Fraction(float(p)) * cert.probability(j) for j, p in enumerate(cert.nodes)
                if Fraction(float(p)) <= theta), Fraction(0))


def test_weak_duality_on_random_certificates():
    """Independent Fraction arithmetic: lottery guarantee <= E_F t <= law's best-price revenue, for random
    lotteries (with their exact best lam) and random exact two-point laws of mean 1/2."""
    rng = np.random.default_rng(7)
    for _ in range(30):
        inner = np.unique(np.round(rng.random(6) * 64) / 64)
        nodes = np.unique(np.concatenate([[0.0], inner, [1.0]]))
        raw = rng.random(len(nodes))
        probs = np.array([int(v) for v in np.floor(raw / raw.sum() * rng.random() * 2 ** 60)], dtype=object)
        cert = oc.with_best_lambda(oc.LotteryCertificate(nodes, probs, 60, Fraction(0), (Fraction(rng.random() * 2),)),
                                   MEAN)
        low = oc.check_lottery(cert, (0.0, 1.0), MEAN)
        x1 = Fraction(int(rng.integers(0, 32)), 64)
        x2 = Fraction(int(rng.integers(33, 65)), 64)
        w1 = (x2 - Fraction(1, 2)) / (x2 - x1)
        den = w1.denominator
        law = oc.LawCertificate(np.array([float(x1), float(x2)]),
                                np.array([w1.numerator, den - w1.numerator], dtype=object), den)
        up, _ = oc.check_law(law, (0.0, 1.0), MEAN)
        revenue = w1 * _payment(cert, x1) + (1 - w1) * _payment(cert, x2)
        assert low <= revenue <= up


def test_exact_g_for_sympy_expressions():
    import sympy as sp

    from symmech.tactics.lp._common import exact_g_for

    t = sp.Symbol("theta", nonnegative=True)
    assert exact_g_for(t, t).name == "theta^1"
    assert exact_g_for(t ** 3, t).name == "theta^3"
    assert exact_g_for(sp.sqrt(t), t).name == "sqrt(theta)"
    for other in (sp.exp(t), t ** sp.Rational(1, 3), 2 * t, t ** -1, sp.Heaviside(t - sp.Rational(1, 2))):
        assert exact_g_for(other, t) is None


@pytest.mark.parametrize("k,value", [("0.01", "0.0013091829115735518452408409777"),     # spec R1, extra values
                                     ("0.9", "0.587539613272787983962846881440")])
def test_extreme_means_spec_r1(k, value):
    r = refined_maxmin_posted_price((0.0, 1.0), [mean_condition(float(k))], target_width=1e-6)
    v = mpmath.mpf(value)
    assert abs(v - kt_mean(k)) < 1e-28
    assert r.width <= 1e-6 and inside(r, v)
    assert not inside(r, v + mpmath.mpf("1e-5")) and not inside(r, v - mpmath.mpf("1e-5"))


def test_curvature_cell_bound_is_valid_and_tighter():
    """For mu = (1.7, -1.1) on E theta, E theta^2 the curvature bound is an upper bound of mu.g on every
    cell (checked against a dense Fraction evaluation) and beats the per-moment bound."""
    ms = [mean_condition(0.5), power_condition(2, 0.3)]
    nodes = np.array([0.0, 0.125, 0.25, 0.5, 0.625, 0.75, 0.8125, 1.0])
    X, s = oc._fixed(nodes)
    mu = (Fraction(17, 10), Fraction(-11, 10))
    U, D = oc._cell_upper_curvature(X, s, mu, ms)
    per_moment = [mu[0] * Fraction(float(nodes[min(j + 1, len(nodes) - 1)])) + mu[1] * Fraction(float(nodes[j])) ** 2
                  for j in range(len(nodes))]
    for j in range(len(nodes) - 1):
        lo, hi = Fraction(float(nodes[j])), Fraction(float(nodes[j + 1]))
        dense = max(mu[0] * t + mu[1] * t * t for t in (lo + (hi - lo) * Fraction(i, 400) for i in range(401)))
        bound = Fraction(int(U[j]), D)
        assert dense <= bound <= per_moment[j]
    assert Fraction(int(U[-1]), D) == mu[0] + mu[1]          # the point cell {1}
