"""Scope: parameter ranges, defined roots (closed form vs root finding), symbol checks."""
import pytest
import sympy as sp

from symmech import DefinedRoot, Scope, SoundnessError
from symmech.scope import ScopeError

k = sp.Symbol("k", positive=True)
kt = sp.Symbol("kt", positive=True)
ROOT = DefinedRoot(kt, kt * (1 - sp.log(kt)) - k, (0, k), closed_form=-k / sp.LambertW(-k / sp.E, -1),
                   inverse=(k, kt * (1 - sp.log(kt))), image=sp.Interval.open(0, 1))
SCOPE = Scope({k: sp.Interval.open(0, 1)}, (ROOT,))

# spec seed_002 R1 (mpmath 45 digits, cross-checked there by a grid LP)
R1 = {
    sp.Rational(1, 10): "0.0204510680623900032626817711041",
    sp.Rational(1, 4): "0.067702340441248648271126566223",
    sp.Rational(1, 2): "0.18668230885083704212422421834",
    sp.Rational(3, 4): "0.382403569602160031566636175557",
}


@pytest.mark.parametrize("kval,expected", list(R1.items()))
def test_defined_root_matches_spec_R1(kval, expected):
    value = SCOPE.numeric_values({k: kval}, 40)[kt]
    assert abs(value - sp.Float(expected, 40)) < sp.Float(10) ** -28


def test_wrong_closed_form_is_a_soundness_error():
    bad = DefinedRoot(kt, kt * (1 - sp.log(kt)) - k, (0, k), closed_form=-k / sp.LambertW(-k / sp.E, 0))
    with pytest.raises(SoundnessError):
        Scope({k: sp.Interval.open(0, 1)}, (bad,)).numeric_values({k: sp.Rational(1, 2)}, 30)


def test_unknown_symbol_is_rejected():
    with pytest.raises(ScopeError, match="unknown symbol"):
        SCOPE.check_symbols(kt + sp.Symbol("zeta"))


def test_sign_assumption_must_match_range():
    with pytest.raises(ScopeError, match="positive"):
        Scope({k: sp.Interval(-1, 1)})


def test_elimination_uses_the_inverse():
    expr, domains = SCOPE.eliminate(k - kt)
    assert k not in expr.free_symbols
    assert domains[kt] == sp.Interval.open(0, 1)


def test_samples_are_exact_and_inside():
    for pt in SCOPE.sample_points(12):
        assert isinstance(pt[k], sp.Rational) and 0 < pt[k] < 1
