"""Issue 13: the LambertW identity kt(1 - log kt) = k with kt = -k/W_{-1}(-k/e)
(the defining equation of the cutoff, checked by hand: kt = e^{W+1}, log kt = W + 1,
kt(1 - log kt) = -W e^{W+1} = k) is certified exactly; perturbations are refuted."""
import sympy as sp

from symmech.tactics.certify import certify, recheck

R = sp.Rational
k = sp.Symbol("k")
kt = -k / sp.LambertW(-k / sp.E, -1)
BOX = {k: (R(1, 10), R(9, 10))}


def test_lambertw_identity_certified_and_rechecked():
    v = certify(kt * (1 - sp.log(kt)) - k, BOX, relation="==")
    assert v.status.value == "certified", v.detail
    assert recheck(v.certificate)


def test_lambertw_perturbed_constant_and_branch_not_certified():
    v = certify(kt * (1 - sp.log(kt)) - R(1000001, 1000000) * k, BOX, relation="==")
    assert v.status.value == "refuted", v.detail
    v = certify(kt * (1 - sp.log(kt)) - k - R(1, 10**30), BOX, relation="==")
    assert v.status.value == "refuted", v.detail
    # principal branch: kt0 = -k/W_0(-k/e) also satisfies the equation (the other root)
    kt0 = -k / sp.LambertW(-k / sp.E)
    assert certify(kt0 * (1 - sp.log(kt0)) - k, BOX, relation="==").status.value == "certified"
    # a wrong relation on the same root: kt * log kt = k is false
    assert certify(kt * sp.log(kt) - k, BOX, relation="==").status.value == "refuted"


def test_lambertw_outside_branch_domain_not_certified():
    # -k/e < -1/e for k > 1: W_{-1} is not real there, the route must not fire
    v = certify(kt * (1 - sp.log(kt)) - k, {k: (R(1, 2), 2)}, relation="==")
    assert v.status.value != "certified", v.detail
