"""Issue 25: a counterexample with a defined root is kept only when Arb shows it; claims that fail only next
to an end of a range (or far out on an infinite one) are refuted, not confirmed."""
import math

import pytest
import sympy as sp

from symmech import DefinedRoot, Inequality, Scope, Status
from symmech.tactics.end_limits import probe_ends
from symmech.tactics.witness import NotRigorous, enclose_root, recheck

r = sp.Symbol("r", positive=True)
rr = sp.Symbol("r", real=True)
k = sp.Symbol("k", positive=True)
kt = sp.Symbol("kt", positive=True)
y = sp.Symbol("y", nonnegative=True)
SQRT2 = Scope({}, roots=(DefinedRoot(r, r**2 - 2, bracket=(1, 2)),))
#: sqrt(2) rounded down to 200 decimals: sqrt(2) - Q is about 1e-201 > 0
Q = sp.Rational(math.isqrt(2 * 10**400), 10**200)


# -- (A) a true claim is never refuted by floating point at a defined root --------------------------------------
def test_true_claim_next_to_a_defined_root_is_not_refuted():
    v = Inequality("A", lhs=(r - Q) * sp.Integer(10)**150, rhs=0).check(SQRT2)
    assert v.status is not Status.REFUTED, v


def test_false_twin_is_refuted_with_a_rigorous_witness():
    above = Q + sp.Rational(1, 10**200) + sp.Rational(1, 10**190)      # sqrt(2) + about 1e-190
    v = Inequality("A_false", lhs=(r - above) * sp.Integer(10)**150, rhs=0).check(SQRT2)
    assert v.status is Status.REFUTED, v
    assert v.method == "exact" and "Arb" in v.detail and "enclosed rigorously" in v.detail, v.detail


def test_recheck_at_a_root_is_rigorous_or_says_so():
    true_ = recheck((r - Q) * sp.Integer(10)**150, SQRT2, {}, ">=", 50)
    assert true_.violated is False and true_.rigorous, true_
    # exactly 0 at the root: no enclosure decides the strict claim, and floating point may not
    zero = recheck(r**2 - 2, SQRT2, {}, ">", 50, max_bits=1024)
    assert zero.violated is None and "not shown rigorously" in zero.how, zero
    # a non-real value at the root: complex balls show it
    nonreal = recheck(sp.sqrt(r - 2), SQRT2, {}, "real", 30)
    assert nonreal.violated is True and nonreal.rigorous, nonreal


def test_enclosure_of_a_root_is_a_verified_sign_change():
    from flint import arb

    from symmech.tactics.certify.arb_eval import workprec

    with workprec(400):
        iv = enclose_root(SQRT2.roots[0], {}, 400)
        assert arb(iv.lo) < arb(2).sqrt() < arb(iv.hi)
        assert arb(iv.hi) - arb(iv.lo) < arb(10) ** -100
        # a sign change of a discontinuous equation is no root: refused
        x = sp.Symbol("x", real=True)
        jump = DefinedRoot(x, sp.Piecewise((-1, x < sp.Rational(3, 2)), (1, True)), bracket=(1, 2))
        with pytest.raises(NotRigorous):
            enclose_root(jump, {}, 400)


# -- (B) false claims that only an extreme point refutes ----------------------------------------------------------
def test_b1_root_below_zero_for_tiny_k_is_refuted():
    scope = Scope({k: sp.Interval.open(0, 1)}, roots=(DefinedRoot(rr, rr - k + sp.Integer(10)**-30, bracket=(-1, 1)),))
    v = Inequality("B1", lhs=rr, rel=">", rhs=0).check(scope)
    assert v.status is Status.REFUTED and v.method == "exact", v
    assert sp.sympify(v.witness["k"]) <= sp.Integer(10)**-30


def test_b2_far_out_on_an_infinite_range_is_refuted():
    v = Inequality("B2", lhs=sp.Integer(10)**60 - y, rhs=0, over=((y, 0, sp.oo),)).check(Scope({}))
    assert v.status is Status.REFUTED and v.method == "exact", v
    assert sp.sympify(v.witness["y"].split(" = ")[0]) > sp.Integer(10)**60


@pytest.mark.parametrize("gap", [9, 40])
def test_b3_too_narrow_root_image_is_refuted(gap):
    """kt (1 - log kt) = k: kt -> 1 as k -> 1, so the image (0, 1 - 10^-gap) is false (the bracket (0, k) leaves it
    for k > 1 - 10^-gap; the root itself for k > 1 - 10^-(2 gap)/2)."""
    from symmech.claims.hints import root_hints

    image = sp.Interval.open(0, 1 - sp.Rational(1, 10**gap))
    root = DefinedRoot(kt, kt * (1 - sp.log(kt)) - k, (0, k), inverse=(k, kt * (1 - sp.log(kt))), image=image)
    scope = Scope({k: sp.Interval.open(0, 1)}, (root,))
    by_kind = {h.kind: h for h in root_hints(scope)[kt]}
    assert by_kind["root image"].status == "refuted", by_kind["root image"]
    v = Inequality("B3_claim", lhs=kt, rel="<", rhs=1 - sp.Rational(1, 10**gap)).check(scope)
    assert v.status is Status.REFUTED, v


# -- true claims next to an end stay unrefuted ---------------------------------------------------------------------
def test_true_claim_near_an_infinite_end_is_not_refuted():
    v = Inequality("T1", lhs=sp.Integer(10)**60 + y, rhs=0, over=((y, 0, sp.oo),)).check(Scope({}))
    assert v.status is not Status.REFUTED, v
    # one the tactics cannot prove (the root is an opaque symbol): the walk to 10^300 finds nothing
    assert probe_ends(y + 2 - r, SQRT2, ((y, 0, sp.oo),), ">=", 50) is None
    v = Inequality("T2", lhs=y + 2 - r, rhs=0, over=((y, 0, sp.oo),)).check(SQRT2)
    assert v.status is not Status.REFUTED, v


def test_probe_walks_to_the_far_ends():
    hit = probe_ends(k - sp.Rational(1, 10**250), Scope({k: sp.Interval.open(0, 1)}), (), ">=", 50)
    assert hit is not None and hit.recheck.rigorous and sp.sympify(hit.witness["k"]) < sp.Rational(1, 10**250)
    assert probe_ends(k - sp.Rational(1, 10**400), Scope({k: sp.Interval.open(0, 1)}), (), ">=", 50) is None
    hit = probe_ends(k - sp.Rational(1, 10**400), Scope({k: sp.Interval.open(0, 1)}), (), ">=", 50, use_limits=True)
    assert hit is not None and sp.sympify(hit.witness["k"]) < sp.Rational(1, 10**400)


def test_an_end_violation_only_evalf_sees_is_undecided_not_refuted():
    """Arb does not evaluate acot, so the end probe's recheck at y = 10^12 is SymPy's evalf (not rigorous):
    the claim is left undecided there, never refuted; the same claim without acot is refuted rigorously."""
    y = sp.Symbol("y", real=True)
    v = Inequality("c", lhs=sp.Integer(10) ** 10 - y + sp.acot(y), rhs=0, over=[(y, 0, sp.oo)]).check(Scope({}))
    assert v.status is Status.UNDECIDED and "not shown rigorously" in v.detail, v
    w = Inequality("c", lhs=sp.Integer(10) ** 10 - y + sp.atan(y), rhs=0, over=[(y, 0, sp.oo)]).check(Scope({}))
    assert w.status is Status.REFUTED, w
