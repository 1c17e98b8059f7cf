"""Claims and provers: proofs, refutations with witnesses, loud conflicts, bad input."""
import pytest
import sympy as sp

from symmech import Identity, Inequality, Scope, Status, AllOf
from symmech.tactics import provers

x = sp.Symbol("x")
a = sp.Symbol("a", positive=True)
SCOPE = Scope({a: sp.Interval(1, 2)})


def test_identity_proved_and_confirmed_numerically():
    v = Identity("sq", lhs=(x + a) ** 2, rhs=x**2 + 2 * a * x + a**2, over=[(x, 0, 1)]).check(SCOPE, digits=30)
    assert v.status is Status.PROVED
    assert "mpmath agrees" in v.detail


def test_identity_perturbed_in_third_digit_is_refuted_with_witness():
    v = Identity("sq", lhs=(x + a) ** 2, rhs=x**2 + sp.Rational(2001, 1000) * a * x + a**2,
                 over=[(x, 0, 1)]).check(SCOPE, digits=30)
    assert v.status is Status.REFUTED
    assert v.witness is not None and "x" in v.witness and "a" in v.witness


def test_inequality_proved_by_affine_reduction():
    v = Inequality("lin", lhs=2 * a - x, rel=">=", rhs=0, over=[(x, 0, 2)]).check(SCOPE, digits=30)
    assert v.status is Status.PROVED


def test_inequality_violated_at_one_endpoint_only():
    # a - x >= 0 fails only at x = 2, a = 1
    v = Inequality("end", lhs=a - x, rel=">=", rhs=0, over=[(x, 0, 2)]).check(SCOPE, digits=30)
    assert v.status is Status.REFUTED
    assert v.witness["a"] == "1"


def test_sign_flip_is_refuted():
    v = Inequality("flip", lhs=-(x**2) - a, rel=">=", rhs=0, over=[(x, 0, 1)]).check(SCOPE, digits=30)
    assert v.status is Status.REFUTED


def test_symbolic_zero_contradicted_by_mpmath_is_a_loud_conflict(monkeypatch):
    import symmech.claims.identity as identity

    monkeypatch.setattr(identity, "symbolic_zero", lambda e: True)  # a broken simplifier
    v = Identity("wrong", lhs=x, rhs=x + sp.Rational(1, 10**6), over=[(x, 0, 1)]).check(SCOPE, digits=30)
    assert v.status is Status.UNDECIDED and v.conflict
    assert "SOUNDNESS CONFLICT" in v.detail


def test_unknown_symbol_raises_clear_error():
    with pytest.raises(ValueError, match="unknown symbol"):
        Identity("u", lhs=sp.Symbol("mystery"), rhs=0).check(SCOPE)


def test_positive_bound_variable_over_negative_range_is_rejected():
    y = sp.Symbol("y", positive=True)
    with pytest.raises(ValueError, match="sign assumptions"):
        Inequality("neg", lhs=y, rel=">", rhs=0, over=[(y, -1, 1)]).check(SCOPE)


def test_allof_is_the_weakest_part():
    good = Identity("g", lhs=a, rhs=a)
    bad = Identity("b", lhs=a, rhs=2 * a)
    assert AllOf("both", parts=[good, bad]).check(SCOPE, digits=20).status is Status.REFUTED
    assert AllOf("one", parts=[good]).check(SCOPE, digits=20).status is Status.PROVED


def test_symbolic_tactics_never_claim_false_things():
    assert provers.symbolic_nonneg(x - 1, {x: sp.Interval(0, 2)}, False) is None
    assert provers.symbolic_zero(sp.log(x) - sp.log(2 * x)) is None


def test_strict_inequality_with_touching_point_is_not_proved():
    v = Inequality("touch", lhs=(x - sp.Rational(1, 2)) ** 2, rel=">", rhs=0, over=[(x, 0, 1)]).check(SCOPE, digits=30)
    assert v.status is Status.REFUTED  # exactly 0 at the rational point x = 1/2
    assert v.witness_value == "0"


def test_certifier_budget_caps_nest_and_restore(monkeypatch):
    from symmech.tactics import provers
    monkeypatch.setattr(provers, "CERTIFY_TIME_LIMIT", 8.0)
    assert provers.certify_time_limit() == 8.0
    with provers.certifier_budget(2.0):
        assert provers.certify_time_limit() == 2.0
        with provers.certifier_budget(5.0):          # an inner, larger cap does not raise the limit
            assert provers.certify_time_limit() == 2.0
        with provers.certifier_budget(0.5):
            assert provers.certify_time_limit() == 0.5
        assert provers.certify_time_limit() == 2.0
    assert provers.certify_time_limit() == 8.0
    seen = []
    import symmech.tactics.certify as cert
    real = cert.certify
    monkeypatch.setattr(cert, "certify", lambda *a, **k: seen.append(k["time_limit"]) or real(*a, **k))
    x = sp.Symbol("x")
    with provers.certifier_budget(0.25):
        provers.try_certify(x**2 + 1, {x: sp.Interval(0, 1)}, ">=")
    assert seen == [0.25]
