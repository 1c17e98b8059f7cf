"""Tests of the rigorous inequality prover (symmech.tactics.certify)."""
from __future__ import annotations

import dataclasses
import random

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symmech.tactics.certify import certify, recheck
from symmech.tactics.certify.branch_bound import Problem
from symmech.kernel.verdict import Status

R = sp.Rational
x, y, z, w, th, kt, xi, k, a, s = sp.symbols("x y z w theta k_t xi k a s")

CERT, REF, UND = Status.CERTIFIED, Status.REFUTED, Status.UNDECIDED


def _ok(v, expected):
    assert v.status is expected, (v.status, v.detail)
    if expected is CERT:
        assert v.certificate is not None and recheck(v.certificate), v.detail
    if expected is REF:
        assert v.witness and v.witness_value
        assert len(v.witness_value.replace("-", "").replace(".", "").split("e")[0]) >= 30


# --------------------------------------------------------------------------
# true claims

TRUE_CLAIMS = [
    ("touching point", x**2 - 2 * x + 1, {x: (0, 3)}, ">="),
    ("exp", sp.exp(x) - 1 - x, {x: (-3, 3)}, ">="),
    ("log singular open end", x - 1 - sp.log(x), {x: sp.Interval.Lopen(0, 5)}, ">="),
    ("log ratio", (1 + x) * sp.log(1 / x) - 2 * (1 - x), {x: (R(1, 100), R(99, 100))}, ">"),
    ("slackness", xi * sp.Max(kt - th, 0), {xi: (0, 3), kt: (0, 1), th: (0, 1)}, ">="),
    ("payment domination",
     sp.Piecewise((0, th < kt), ((th - kt) / sp.log(1 / kt), True)) - (th - kt) / sp.log(1 / kt),
     {th: (0, 1), kt: (R(1, 100), R(99, 100))}, ">="),
    ("x log x", x * sp.log(x) + R(1, 2), {x: sp.Interval.Lopen(0, 1)}, ">="),
    ("1/log k", 1 / sp.log(1 / k), {k: sp.Interval.open(0, 1)}, ">"),
    ("sqrt touching at 0 and 1", sp.sqrt(x) - x, {x: (0, 1)}, ">="),
    ("piecewise with boundary branch", sp.Piecewise((1 + x, x < R(1, 2)), (x - R(1, 2), True)),
     {x: (0, 1)}, ">="),
    ("parametric quadratic", x**2 - a * x + R(1, 4), {x: (0, 1), a: (0, 1)}, ">="),
    ("abs", sp.Abs(x - R(1, 3)) - (x - R(1, 3)), {x: (0, 1)}, ">="),
    ("phi'' numerator, closed triangle (theta = k s)",
     k * ((1 + s) * sp.log(1 / (k * s)) - 2 * (1 - s)),
     {k: (R(1, 100), R(99, 100)), s: (R(1, 100), R(99, 100))}, ">"),
    ("sum of squares 3D", sum((v - R(1, 2))**2 for v in (x, y, z)), {x: (0, 1), y: (0, 1), z: (0, 1)}, ">="),
    ("lambertw branch -1", -sp.LambertW(-k / sp.E, -1) - 1, {k: (R(1, 10), R(9, 10))}, ">"),
    ("log(1+x^2) <= x^2", x**2 - sp.log(1 + x**2), {x: (-3, 3)}, ">="),
]


@pytest.mark.parametrize("name,f,box,rel", TRUE_CLAIMS, ids=[c[0] for c in TRUE_CLAIMS])
def test_true_claims_certified(name, f, box, rel):
    v = certify(f, box, relation=rel, time_limit=10)
    _ok(v, CERT)
    assert v.method in ("interval(arb)", "real-roots(exact)")


def test_bb_route_on_polynomial_touching():
    # two variables: no exact univariate route, touching point at (1, 1/2)
    v = certify((x - 1)**2 + (y - R(1, 2))**2 * (1 + x**2), {x: (0, 3), y: (-1, 1)})
    _ok(v, CERT)


def test_lambertw_identity_not_refuted():
    ktx = -k / sp.LambertW(-k / sp.E, -1)
    f = ktx * (1 - sp.log(ktx)) - k
    v = certify(f, {k: (R(1, 10), R(9, 10))}, relation="==")
    assert v.status in (CERT, UND)
    assert v.status is not REF
    prob = Problem(f, (k,))
    for q in (R(1, 10), R(1, 3), R(9, 10)):
        from flint import fmpq
        val = prob.at_point((fmpq(int(q.p), int(q.q)),), 128)
        assert val is not None and val.contains0()


def test_identity_certified():
    v = certify(sp.sin(x)**2 + sp.cos(x)**2 - 1, {x: (0, 1)}, relation="==")
    assert v.status is CERT and recheck(v.certificate)


# --------------------------------------------------------------------------
# barely false claims

FALSE_CLAIMS = [
    ("narrow spike -1e-13",
     1 - R(10000000000001, 10**13) * sp.exp(-(x - R(1, 3))**2 * 10**8), {x: (0, 1)}, ">="),
    ("violation at one endpoint", sp.exp(1 - x) - 1 - R(1, 10**12) * x, {x: (0, 1)}, ">="),
    ("parameter range too wide", x**2 - a * x + R(1, 4), {x: (0, 1), a: (0, R(1001, 1000))}, ">="),
    ("-1e-30 at 1/3", (th - R(1, 3))**2 - R(1, 10**30), {th: (0, 1)}, ">="),
    ("-1e-30 at 1/3 (2D, B&B)", (th - R(1, 3))**2 - R(1, 10**30) + 0 * kt**2 * th,
     {th: (0, 1), kt: (0, 1)}, ">="),
    ("strict fails at touching point", x - 1 - sp.log(x), {x: (R(1, 2), 2)}, ">"),
    ("jump below zero", sp.Piecewise((1, x < R(1, 2)), (-R(1, 10**20), True)), {x: (0, 1)}, ">="),
    ("identity false", sp.exp(x) - 1 - x - R(1, 10**25) * x**2, {x: (0, 1)}, "=="),
]


@pytest.mark.parametrize("name,f,box,rel", FALSE_CLAIMS, ids=[c[0] for c in FALSE_CLAIMS])
def test_false_claims_refuted(name, f, box, rel):
    v = certify(f, box, relation=rel, time_limit=10)
    _ok(v, REF)
    # the witness lies in the box and violates the claim when re-evaluated
    syms = list(box)
    pt = {sym: sp.Rational(v.witness[str(sym)]) for sym in syms}
    for sym in syms:
        rng = box[sym]
        rng = rng if isinstance(rng, sp.Interval) else sp.Interval(*rng)
        assert pt[sym] in rng
    val = sp.N(f.subs(pt), 60)
    if rel == ">=":
        assert val < 0
    elif rel == ">":
        assert val <= 0
    else:
        assert val != 0


def test_open_endpoint_not_claimed():
    # x log x + 1/e touches 0 at x = 1/e (irrational): must not be refuted,
    # and certified only if fully covered
    v = certify(x * sp.log(x) + sp.exp(-1), {x: sp.Interval.Lopen(0, 1)}, time_limit=5)
    assert v.status in (CERT, UND)
    if v.status is UND:
        assert "not covered" in v.detail


def test_singular_endpoint_false_claim_not_certified():
    # -log(x) - 10 >= 0 fails near x = 1 ... and 1/x - 2 fails at x > 1/2
    v = certify(1 / x - 2, {x: sp.Interval.Lopen(0, 1)})
    assert v.status is REF


# --------------------------------------------------------------------------
# robustness

def test_unknown_function_undecided():
    g = sp.Function("g")
    v = certify(g(x) + 1, {x: (0, 1)})
    assert v.status is UND and "g" in v.detail
    v = certify(sp.gamma(x), {x: (1, 2)})
    assert v.status is UND and "gamma" in v.detail


def test_bad_inputs_undecided():
    assert certify(x + y, {x: (0, 1)}).status is UND          # y has no range
    assert certify(x, {x: (1, 0)}).status is UND              # empty box
    assert certify(x, {x: (0, 1)}, relation="<").status is UND
    assert certify(sp.log(x), {x: (-1, 1)}, time_limit=2).status is not CERT


def test_relational_input():
    v = certify(sp.exp(x) >= 1 + x, {x: (-1, 1)})
    assert v.status is CERT


def test_float_constants_are_exact_binary():
    # 0.1 is stored as a binary number slightly larger than 1/10
    v = certify(x - 0.1, {x: (R(1, 10), 1)})
    assert v.status is REF


# --------------------------------------------------------------------------
# recheck

def _multibox_cert():
    v = certify((1 + x) * sp.log(1 / x) - 2 * (1 - x), {x: (R(1, 100), R(99, 100))}, relation=">")
    assert v.status is CERT and len(v.certificate.proofs) > 3
    return v.certificate


def test_recheck_accepts_and_rejects_tampering():
    cert = _multibox_cert()
    assert recheck(cert)
    # a box removed: the domain is not covered
    removed = dataclasses.replace(cert, proofs=cert.proofs[:3] + cert.proofs[4:])
    assert not recheck(removed)
    # a bound raised above what the box test gives
    p = cert.proofs[0]
    raised = dataclasses.replace(p, lower=str(sp.Rational(p.lower) + 1) if p.lower != "-oo" else "1")
    assert not recheck(dataclasses.replace(cert, proofs=[raised] + cert.proofs[1:]))
    # the claim changed to a false one
    assert not recheck(dataclasses.replace(cert, expr=cert.expr - R(1, 10)))
    # a domain enlarged beyond the boxes
    dom = ((cert.domain[0][0] / 2,) + cert.domain[0][1:],)
    assert not recheck(dataclasses.replace(cert, domain=dom))


def test_recheck_payment_certificate():
    f = sp.Piecewise((0, th < kt), ((th - kt) / sp.log(1 / kt), True)) - (th - kt) / sp.log(1 / kt)
    v = certify(f, {th: (0, 1), kt: (R(1, 100), R(99, 100))})
    assert v.status is CERT and recheck(v.certificate)
    bad = dataclasses.replace(v.certificate, expr=f - R(1, 10**9) * th)
    assert not recheck(bad)


# --------------------------------------------------------------------------
# property-based: never a wrong verdict

rat = st.fractions(min_value=-2, max_value=2, max_denominator=8).map(
    lambda q: sp.Rational(q.numerator, q.denominator))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(r1=rat, r2=rat, c=st.sampled_from([-R(1, 10**6), -R(1, 10), 0, R(1, 10**6), R(1, 10)]),
       two_d=st.booleans())
def test_sum_of_squares_property(r1, r2, c, two_d):
    if two_d:
        f = (x - r1)**2 * (1 + y**2) + (y - r2)**2 + c
        box = {x: (-2, 2), y: (-2, 2)}
    else:
        f = (x - r1)**2 * (x - r2)**2 + c
        box = {x: (-2, 2)}
    v = certify(f, box, time_limit=5)
    if c < 0:
        assert v.status is not CERT, v.detail
        assert v.status is REF
    else:
        assert v.status is not REF, v.detail
        assert v.status is CERT, v.detail
        assert recheck(v.certificate)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(r1=rat, r2=rat, cc=st.sampled_from([R(1, 2), 1, 2, -1]),
       eps=st.sampled_from([0, R(1, 10**8), -R(1, 10**8)]))
def test_exp_composition_property(r1, r2, cc, eps):
    p = cc * (x - r1) * (x - r2)
    f = sp.exp(p) - 1 - p + eps
    v = certify(f, {x: (-2, 2)}, time_limit=5)
    if eps < 0:
        assert v.status is not CERT, v.detail
    else:
        assert v.status is not REF, v.detail


def test_undecided_rate_low_on_easy_claims():
    rng = random.Random(7)
    und = 0
    total = 0
    for _ in range(12):
        r = R(rng.randint(-8, 8), rng.randint(1, 4))
        cc = R(rng.randint(1, 4), rng.randint(1, 3))
        for f in (sp.exp(cc * (x - r)) - 1 - cc * (x - r),
                  cc * x**2 - sp.log(1 + cc * x**2),
                  (x - r)**2 + R(1, 1000) - sp.log(1 + (x - r)**2) * 0):
            v = certify(f, {x: (-2, 2)}, time_limit=5)
            total += 1
            assert v.status is not REF, (f, v.detail)
            und += v.status is UND
    assert und / total <= 0.1
