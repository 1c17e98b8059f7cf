"""Scope: parameter ranges, defined roots (closed form vs root finding), symbol checks."""
import pytest
import sympy as sp

from symmech import DefinedRoot, Scope, SoundnessError
from symmech.tactics.scope import ScopeError

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


def test_elimination_uses_the_inverse_once_its_hints_are_proved():
    from symmech.claims.hints import root_hints

    fresh = Scope({k: sp.Interval.open(0, 1)}, (ROOT,))
    expr, _ = fresh.eliminate(k - kt)
    assert k in expr.free_symbols            # hints not checked yet: no elimination
    table = root_hints(fresh)
    assert {h.kind: h.checked for h in table[kt]} == {
        "root sign": True, "root bracket": True, "root image": True, "root inverse": True}
    expr, domains = fresh.eliminate(k - kt)
    assert k not in expr.free_symbols
    assert domains[kt] == sp.Interval.open(0, 1)


def test_a_too_narrow_image_is_refuted_and_not_used():
    """issue 12, case 4: image (0, 1 - 10^-9) is false for k next to 1; the elimination must not use it."""
    from symmech.claims.hints import root_hints

    narrow = DefinedRoot(kt, kt * (1 - sp.log(kt)) - k, (0, k), inverse=(k, kt * (1 - sp.log(kt))),
                         image=sp.Interval.open(0, 1 - sp.Rational(1, 10**9)))
    sc = Scope({k: sp.Interval.open(0, 1)}, (narrow,))
    by_kind = {h.kind: h for h in root_hints(sc)[kt]}
    assert by_kind["root image"].status == "refuted"
    expr, _ = sc.eliminate(k - kt)
    assert k in expr.free_symbols


def test_a_wrong_inverse_is_refuted():
    from symmech.claims.hints import root_hints

    wrong = DefinedRoot(kt, kt * (1 - sp.log(kt)) - k, (0, k), inverse=(k, kt * (1 + sp.log(kt))),
                        image=sp.Interval.open(0, 1))
    sc = Scope({k: sp.Interval.open(0, 1)}, (wrong,))
    by_kind = {h.kind: h for h in root_hints(sc)[kt]}
    assert by_kind["root inverse"].status == "refuted"


def test_a_bracket_without_a_root_is_refuted():
    from symmech.claims.hints import root_hints

    empty = DefinedRoot(kt, kt * (1 - sp.log(kt)) - k, (k, 1))      # the root lies below k
    sc = Scope({k: sp.Interval.open(0, 1)}, (empty,))
    assert root_hints(sc)[kt][-1].kind == "root bracket"
    assert root_hints(sc)[kt][-1].status == "refuted"


def test_samples_are_exact_and_inside():
    for pt in SCOPE.sample_points(12):
        assert isinstance(pt[k], sp.Rational) and 0 < pt[k] < 1


def test_a_range_given_as_a_tuple_or_text_is_refused_with_what_to_write():
    p = sp.Symbol("p")
    with pytest.raises(ScopeError, match=r"sp.Interval\(0, 1\) \(closed\) or sp.Interval.open\(0, 1\)"):
        Scope({p: (0, 1)})
    with pytest.raises(ScopeError, match="must be a SymPy Interval or one value"):
        Scope({p: "0.5"})
