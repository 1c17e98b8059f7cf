"""Negatives for the fast paths of issue 13 (whole box first, quick nonzero test):
they must not turn false, touching-strict or perturbed claims into certificates."""
import sympy as sp

from symmech.tactics.certify import certify, recheck

R = sp.Rational
x, y, p, kt = sp.symbols("x y p k_t")
SOS = (x - 1)**2 * (y + 1)**2 + (x + y)**2      # >= 0, zero exactly at (1, -1)
BOX = {x: (-2, 2), y: (-2, 2)}


def test_whole_box_proof_is_rechecked():
    v = certify(SOS, BOX)
    assert v.status.value == "certified" and recheck(v.certificate)


def test_touching_strict_and_perturbed_refuted():
    v = certify(SOS, BOX, relation=">")
    assert v.status.value == "refuted", v.detail
    assert SOS.subs({x: R(v.witness["x"]), y: R(v.witness["y"])}) <= 0
    v = certify(SOS - R(1, 10**6), BOX)
    assert v.status.value == "refuted", v.detail
    assert SOS.subs({x: R(v.witness["x"]), y: R(v.witness["y"])}) < R(1, 10**6)


def test_piecewise_zero_branch_still_found():
    # equal-revenue law: p(1 - F(p)) = kt exactly for p >= kt (the zero branch must be recognised)
    F = sp.Piecewise((0, p < kt), (1 - kt / p, True))
    box = {p: (R(1, 100), 10), kt: (R(1, 100), R(99, 100))}
    assert certify(kt - p * (1 - F), box).status.value == "certified"
    assert certify(kt - p * (1 - F) - R(1, 10**9), box).status.value == "refuted"
