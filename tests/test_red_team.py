"""Red team: attempts to get a false ``proved``/``certified`` (or a false ``refuted``) out of symmech by
means other than the ones issue 12 reported.  Each test states the attack and the verdict symmech must
give; the closing note of the session lists what was tried and found.
"""
import sympy as sp
import pytest

from symmech import AllOf, DefinedRoot, Identity, Implied, Inequality, Scope, Status
from symmech.tactics import provers
from symmech.claims.implication import Combination, Monotone
from symmech.tactics.scope import ScopeError

x = sp.Symbol("x", real=True)
u = sp.Symbol("u")
k = sp.Symbol("k", positive=True)
kt = sp.Symbol("kt", positive=True)
UNIT = {k: sp.Interval.open(0, 1)}
NOT_PROOF = (Status.CONFIRMED, Status.REFUTED, Status.UNDECIDED)


def test_attack_sample_points_outside_the_range_cannot_refute():
    """Found: a Scope's explicit sample points were never checked against the ranges, so a true claim was
    refuted at k = 2.  Now refused at construction."""
    with pytest.raises(ScopeError):
        Scope(UNIT, samples=({k: 2},))


def test_attack_strict_inequality_touching_zero_at_an_irrational_point():
    """Found: (k - 1/pi)^2 > 0 on (0, 1) came out confirmed (no sample hits 1/pi).  Now refuted at the
    recognised exact point."""
    v = Inequality("touch", lhs=(k - 1 / sp.pi)**2, rel=">", rhs=0).check(Scope(UNIT))
    assert v.status is Status.REFUTED and v.witness["k"] == "1/pi", v


def test_attack_strict_touch_with_a_tiny_positive_gap_is_not_refuted():
    v = Inequality("gap", lhs=(k - 1 / sp.pi)**2 + sp.Rational(1, 10**30), rel=">", rhs=0).check(Scope(UNIT))
    assert v.status is not Status.REFUTED, v


def test_attack_closed_form_on_the_wrong_lambert_branch_is_a_soundness_error():
    """The closed form is cross-checked against root finding at every evaluation."""
    from symmech import SoundnessError

    root = DefinedRoot(kt, kt * (1 - sp.log(kt)) - k, (0, k), closed_form=-k / sp.LambertW(-k / sp.E, 0))
    with pytest.raises(SoundnessError):
        Inequality("w", lhs=kt, rel="<", rhs=k).check(Scope(UNIT, roots=(root,)))


def test_attack_bracket_with_two_roots_is_not_a_definition():
    """(kt - 1/4)(kt - 3/4) = 0 has two roots in (0, 1): the bracket hint is not proved, so nothing
    about kt is proved."""
    root = DefinedRoot(kt, (kt - sp.Rational(1, 4)) * (kt - sp.Rational(3, 4)) + 0 * k, (0, 1))
    scope = Scope(UNIT, roots=(root,))
    v = Inequality("two", lhs=kt, rel="<", rhs=1).check(scope, digits=30, samples=5)
    assert v.status in NOT_PROOF, v
    assert any(h.kind == "root bracket" and not h.checked for h in v.trust)


def test_attack_image_wider_than_the_truth_cannot_refute_a_true_claim():
    """An image hint larger than the root's true range makes the box search look at roots that do not
    occur; its witness is rechecked with the true root and discarded."""
    root = DefinedRoot(kt, kt * (1 - sp.log(kt)) - k, (0, k), inverse=(k, kt * (1 - sp.log(kt))),
                       image=sp.Interval.open(0, 2))
    scope = Scope(UNIT, roots=(root,))
    v = Inequality("below_one", lhs=kt, rel="<", rhs=1).check(scope, digits=30, samples=5)
    assert v.status is not Status.REFUTED, v


def test_attack_monotone_rule_across_a_pole():
    """f = -1/(k - 1/2): f(0) = 2 >= 0 and f' = 1/(k - 1/2)^2 >= 0 wherever defined, yet f < 0 on (1/2, 1).
    The rule needs f continuous on the range, which fails (a denominator vanishes)."""
    f = -1 / (k - sp.Rational(1, 2))
    direct = Inequality("pole", lhs=f, rel=">=", rhs=0)
    route = AllOf("pole.route", parts=[Inequality("pole.route.at_anchor", lhs=2, rel=">=", rhs=0),
                                       Inequality("pole.route.slope", lhs=sp.diff(f, k), rel=">=", rhs=0)])
    link = Monotone(k, "lo").check(direct, route, Scope(UNIT), 30, 5)
    assert not link.is_proof, link


def test_attack_combination_with_a_negative_weight():
    """k - 1/2 >= 0 'because' k - 1/2 = 1*(k) + (-1)*(1/2) with k >= 0 and 1/2 >= 0: the negative weight of
    an inequality part is refused."""
    direct = Inequality("neg", lhs=k, rel=">=", rhs=sp.Rational(1, 2))
    route = AllOf("neg.route", parts=[Inequality("neg.route.a", lhs=k, rel=">=", rhs=0),
                                      Inequality("neg.route.b", lhs=sp.Rational(1, 2), rel=">=", rhs=0)])
    link = Combination({"a": 1, "b": -1}).check(direct, route, Scope(UNIT), 30, 5)
    assert link.status is not Status.PROVED, link


def test_attack_route_stated_on_a_smaller_domain():
    """A route part proved only on [0, 1/2] cannot stand for the direct claim on [0, 1]."""
    direct = Inequality("dom", lhs=u, rel="<=", rhs=sp.Rational(1, 2), over=[(u, 0, 1)])
    route = AllOf("dom.route", parts=[Inequality("dom.route.a", lhs=sp.Rational(1, 2) - u, rel=">=", rhs=0,
                                                 over=[(u, 0, sp.Rational(1, 2))])])
    link = Combination().check(direct, route, Scope({}), 30, 5)
    assert not link.is_proof


def test_attack_implied_without_a_rule_never_proves():
    """A proved route with no implication rule is listed as unused: the verdict is the direct check's."""
    direct = Inequality("hard", lhs=sp.log(1 + k), rel="<=", rhs=k - k**2 / 2 + k**3 / 3)
    claim = Implied("hard", direct=direct, sufficient=[Inequality("easy", lhs=k, rel=">", rhs=0)])
    with provers.without_certifier():
        v = claim.check(Scope(UNIT), digits=30, samples=5)
    assert v.status is not Status.PROVED or "via" not in v.detail


def test_attack_rewrite_to_a_symbol_with_a_false_assumption():
    """{k -> a**2} with a positive: a = sqrt(k) is defined by solving, and the rewrite would be sound -- but
    {k -> -a} with a positive claims k < 0: refused."""
    a = sp.Symbol("a", positive=True)
    claim = Identity("neg_rw", lhs=sp.sqrt(k**2), rhs=-k, rewrites=(({k: -a}, "k = -a"),))
    v = claim.check(Scope(UNIT))
    assert v.status is Status.REFUTED, v


def test_attack_rewrite_that_is_true_only_on_part_of_the_domain():
    """log(u^2) -> 2 log(u) holds for u > 0 only; on [-1, 1] it is refused and the identity is refuted."""
    claim = Identity("logsq", lhs=sp.log(u**2 + 0), rhs=2 * sp.log(u), over=[(u, -1, 1)],
                     rewrites=(({sp.log(u**2): 2 * sp.log(u)}, "log of a square"),))
    v = claim.check(Scope({}))
    assert v.status in (Status.REFUTED, Status.UNDECIDED), v


def test_attack_heaviside_at_zero():
    """SymPy's Heaviside(0) = 1/2 must not let 'Heaviside(u) == 1[u >= 0]' be proved."""
    v = Identity("hv", lhs=sp.Heaviside(u), rhs=sp.Piecewise((0, u < 0), (1, True)), over=[(u, -1, 1)]).check(
        Scope({}))
    assert v.status is Status.REFUTED, v


def test_attack_sqrt_of_a_square_on_a_signed_range():
    v = Identity("sq", lhs=sp.sqrt(x**2), rhs=x, over=[(x, -1, 1)]).check(Scope({}))
    assert v.status is Status.REFUTED, v


def test_attack_float_constants_are_their_binary_values():
    """0.1 + 0.2 == 0.3 in Python floats is false; symmech evaluates the floats exactly (Arb) and says so."""
    v = Identity("fl", lhs=sp.Float(0.1) + sp.Float(0.2), rhs=sp.Float(0.3)).check(Scope({}))
    assert v.status is Status.REFUTED and v.method == "exact", v


def test_attack_false_identity_below_the_tolerance_with_a_root():
    """kt + 10^-45 == kt: the residual is exact and nonzero even though kt is only known numerically."""
    root = DefinedRoot(kt, kt * (1 - sp.log(kt)) - k, (0, k))
    v = Identity("tiny", lhs=kt + sp.Rational(1, 10**45), rhs=kt).check(Scope(UNIT, roots=(root,)))
    assert v.status is Status.REFUTED, v
