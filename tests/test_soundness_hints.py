"""Issue 12: no false verdict from trusted hints, float sampling or tight comparisons.

Every case of the issue is reproduced here exactly as reported, with the verdict it must give now.
"""
import sympy as sp
import pytest

from symmech import AllOf, DefinedRoot, Identity, Implied, Inequality, Scope, Status
from symmech.claims.hints import root_hints
from symmech.claims.implication import Combination, Monotone

x = sp.Symbol("x", real=True)
kr = sp.Symbol("k", real=True)
k = sp.Symbol("k", positive=True)
kt = sp.Symbol("kt", positive=True)
ONE_MOMENT_ROOT = dict(equation=kt * (1 - sp.log(kt)) - k, bracket=(0, k), inverse=(k, kt * (1 - sp.log(kt))))
UNIT = {k: sp.Interval.open(0, 1)}


# -- 1. float artefacts never refute a true claim --------------------------------------------------------
def test_sqrt_at_an_irrational_endpoint_is_not_refuted():
    v = Inequality("a", lhs=sp.sqrt(x - 1 / sp.pi), rhs=0, over=[(x, 1 / sp.pi, 1)]).check(Scope({}))
    assert v.status in (Status.PROVED, Status.CERTIFIED, Status.CONFIRMED), v


def test_lambert_w_at_its_branch_point_is_not_refuted():
    v = Identity("b", lhs=sp.LambertW(x * sp.exp(x)), rhs=x, over=[(x, -1, 0)]).check(Scope({}))
    assert v.status is not Status.REFUTED, v
    assert "rounding artefact" in v.detail


def test_a_genuine_violation_still_refutes_and_reproduces_at_twice_the_digits():
    v = Inequality("a_shifted", lhs=sp.sqrt(x - 1 / sp.pi), rel=">=", rhs=sp.Rational(1, 10**6),
                   over=[(x, 1 / sp.pi, 1)]).check(Scope({}))
    assert v.status is Status.REFUTED and "rechecked at the exact point" in v.detail, v


# -- 2. a defined root's declared sign is checked ------------------------------------------------------------
def test_false_sign_assumption_of_a_root_gives_undecided_not_proved():
    r = sp.Symbol("r", positive=True)
    scope = Scope({kr: sp.Interval.open(0, 1)}, roots=(DefinedRoot(r, r + kr, bracket=(-2, 1)),))
    v = Identity("c", lhs=sp.sqrt(r**2), rhs=r).check(scope)
    assert v.status is Status.UNDECIDED, v
    assert "false assumption" in v.detail and "r > 0" in v.detail


def test_true_sign_assumption_with_a_wide_bracket_is_only_confirmed():
    r = sp.Symbol("r", positive=True)
    scope = Scope({kr: sp.Interval.open(0, 1)}, roots=(DefinedRoot(r, r - kr, bracket=(-2, 1)),))
    v = Identity("c_true", lhs=sp.sqrt(r**2), rhs=r).check(scope)
    assert v.status is Status.CONFIRMED, v          # sampled roots agree, the bracket does not prove it
    assert any(h.kind == "root sign" and h.status == "confirmed" for h in v.trust)


# -- 3. rewrite hints are checked before they are used --------------------------------------------------------
def test_bogus_rewrite_is_not_used():
    v = Identity("e", lhs=kr * sp.Rational(1, 10**60), rhs=0, rewrites=(({kr: 0}, "bogus"),)).check(
        Scope({kr: sp.Interval(-1, 1)}))
    assert v.status is Status.REFUTED, v


def test_lambert_rewrite_is_checked_and_used():
    W = sp.Symbol("W", negative=True)
    root = DefinedRoot(kt, **ONE_MOMENT_ROOT, image=sp.Interval.open(0, 1))
    scope = Scope(UNIT, roots=(root,))
    closed = -k / sp.LambertW(-k / sp.E, -1)
    claim = Identity("kt_lambert", lhs=closed * (1 - sp.log(closed)), rhs=k,
                     rewrites=(({sp.LambertW(-k / sp.E, -1): W, k: -W * sp.exp(W + 1)}, "W_{-1} e^W = -k/e"),))
    v = claim.check(scope, digits=30, samples=5)
    assert v.status is Status.PROVED, v
    rw = [h for h in v.trust if h.kind == "rewrite"]
    assert rw and rw[0].checked and rw[0].used


def test_reparametrization_with_a_false_sign_is_not_used():
    y = sp.Symbol("y", nonnegative=True)
    u = sp.Symbol("u")
    claim = Identity("rp", lhs=sp.sqrt(u**2), rhs=u, over=[(u, -1, 1)], rewrites=(({u: y}, "u = y >= 0"),))
    v = claim.check(Scope({}))
    assert v.status is Status.REFUTED, v


def test_a_rewrite_whose_new_symbol_is_undefined_is_not_used():
    a = sp.Symbol("a", positive=True)
    claim = Identity("undef", lhs=k, rhs=k + sp.Rational(1, 10**60),
                     rewrites=(({k: a**2}, "k is a square"),))
    v = claim.check(Scope(UNIT))
    assert v.status is Status.REFUTED, v


# -- 4. a root's image is checked; 5. an exactly nonzero residual is refuted ----------------------------
def test_too_narrow_image_does_not_prove_a_false_bound():
    root = DefinedRoot(kt, **ONE_MOMENT_ROOT, image=sp.Interval.open(0, 1 - sp.Rational(1, 10**9)))
    v = Inequality("4", lhs=kt, rel="<=", rhs=1 - sp.Rational(1, 10**9)).check(Scope(UNIT, roots=(root,)))
    assert v.status is Status.REFUTED, v
    assert "next to an end" in v.detail


def test_exactly_nonzero_residual_is_refuted_exactly():
    v = Identity("5", lhs=k / sp.Integer(10)**45, rhs=0).check(Scope(UNIT))
    assert v.status is Status.REFUTED and v.method == "exact", v


def test_identity_below_tolerance_but_exactly_zero_is_not_refuted():
    v = Identity("5_true", lhs=(k + 1)**2 - k**2 - 2 * k - 1, rhs=0).check(Scope(UNIT))
    assert v.status is Status.PROVED, v


# -- 6. model construction under a budget ---------------------------------------------------------------------
def test_from_allocation_with_an_awkward_breakpoint_does_not_hang(monkeypatch):
    from symmech import Mechanism, PiecewiseFunction
    from symmech.tactics import budget

    monkeypatch.setattr(budget, "SIMPLIFY_SECONDS", 0.5)
    theta = sp.Symbol("theta", nonnegative=True)
    b = kt * 10000001 / 10**7
    import time

    t0 = time.monotonic()
    M = Mechanism.from_allocation(theta, PiecewiseFunction(theta, (0, b, 1), (0, 1 - sp.log(theta) / sp.log(b))))
    assert time.monotonic() - t0 < 60
    assert M.payment.breaks[1] == b


# -- 8. Implied routes need a checked implication --------------------------------------------------------------
HARD = sp.log(1 + k)                  # log(1+k) <= k - k^2/2 + k^3/3: true on (0, 1)
BOUND = k - k**2 / 2 + k**3 / 3


def _direct():
    return Inequality("taylor", lhs=HARD, rel="<=", rhs=BOUND)


def _route(parts):
    return AllOf("taylor.route", parts=parts)


def test_unrelated_proved_route_does_not_prove():
    """kt < k holds (kt lies in the bracket (0, k)) but the tactics cannot see it: a proved, unrelated route
    (k > 0) must not make it proved."""
    root = DefinedRoot(kt, kt * (1 - sp.log(kt)) - k, (0, k))
    scope = Scope(UNIT, roots=(root,))
    claim = Implied("below_k", direct=Inequality("below_k", lhs=k - kt, rel=">", rhs=0),
                    sufficient=[_route([Inequality("r.a", lhs=k, rel=">", rhs=0)])])
    from symmech.tactics import provers

    with provers.without_certifier():
        v = claim.check(scope, digits=30, samples=5)
    assert v.status is Status.CONFIRMED, v
    assert any(h.kind == "route" and not h.used for h in v.trust)


def test_monotone_rule_proves_from_the_direct_claims_own_expressions():
    f = BOUND - HARD
    claim = Implied("taylor", direct=_direct(), implication=Monotone(k, "lo"),
                    sufficient=[_route([Identity("taylor.route.at_anchor", lhs=f.subs(k, 0), rhs=0),
                                        Inequality("taylor.route.slope", lhs=sp.diff(f, k), rel=">=", rhs=0)])])
    v = claim.check(Scope(UNIT), digits=30, samples=5)
    assert v.status in (Status.PROVED, Status.CERTIFIED), v


def test_monotone_rule_rejects_a_stale_slope():
    f = BOUND - HARD
    stale = Inequality("taylor.route.slope", lhs=sp.diff(f, k) + 1, rel=">=", rhs=0)   # not the slope of f
    route = _route([Identity("taylor.route.at_anchor", lhs=f.subs(k, 0), rhs=0), stale])
    link = Monotone(k, "lo").check(_direct(), route, Scope(UNIT), 30, 5)
    assert not link.is_proof, link


def test_combination_rule_checks_the_identity_and_the_weights():
    a, b = sp.Symbol("a", real=True), sp.Symbol("b", real=True)
    scope = Scope({a: sp.Interval(0, 1), b: sp.Interval(0, 1)})
    direct = Inequality("sum", lhs=sp.exp(a) + 2 * sp.exp(b), rel=">=", rhs=3)
    parts = [Inequality("sum.route.a", lhs=sp.exp(a), rel=">=", rhs=1),
             Inequality("sum.route.b", lhs=sp.exp(b), rel=">=", rhs=1)]
    good = Implied("sum", direct=direct, implication=Combination({"a": 1, "b": 2}),
                   sufficient=[AllOf("sum.route", parts=parts)])
    assert good.implication.check(direct, good.sufficient[0], scope, 30, 5).is_proof
    wrong = Combination({"a": 1, "b": 1})                       # 3 - ... is not e^a + e^b - 2
    assert not wrong.check(direct, good.sufficient[0], scope, 30, 5).is_proof


# -- 9. strict inequalities at irrational touching points -------------------------------------------------------
def test_strict_inequality_touching_at_an_irrational_point_is_refuted():
    v = Inequality("t", lhs=(x - 1 / sp.pi)**2, rel=">", rhs=0, over=[(x, 0, 1)]).check(Scope({}))
    assert v.status is Status.REFUTED and "1/pi" in str(v.witness), v


def test_sample_points_outside_the_range_are_refused():
    from symmech.tactics.scope import ScopeError

    with pytest.raises(ScopeError, match="outside its range"):
        Scope(UNIT, samples=({k: 2},))


# -- the trust report -------------------------------------------------------------------------------------
def test_trust_report_lists_the_root_hints_of_a_proof():
    root = DefinedRoot(kt, **ONE_MOMENT_ROOT, image=sp.Interval.open(0, 1))
    scope = Scope(UNIT, roots=(root,))
    v = Inequality("kt_below_k", lhs=kt, rel="<", rhs=k).check(scope, digits=30, samples=5)
    assert v.status is Status.PROVED
    kinds = {h.kind for h in v.trust}
    assert {"root sign", "root bracket"} <= kinds
    assert not v.unchecked
    table = root_hints(scope)
    assert all(h.checked for h in table[kt])


def test_monotone_rule_from_an_interior_anchor():
    """g(u, v) = (v - u)^2 exp(v) >= 0 from g(u, u) = 0 and (v - u) d/dv g >= 0 (a V-shaped argument); with the
    anchor outside the range the rule is refused."""
    uu, vv = sp.Symbol("u", positive=True), sp.Symbol("v", positive=True)
    scope = Scope({uu: sp.Interval.open(0, 1), vv: sp.Interval.open(0, 1)})
    g = (vv - uu)**2 * sp.exp(vv) * (1 + vv)
    direct = Inequality("g", lhs=g, rel=">=", rhs=0)
    route = AllOf("g.route", parts=[Identity("g.route.at_anchor", lhs=g.subs(vv, uu), rhs=0),
                                    Inequality("g.route.slope", lhs=sp.factor((vv - uu) * sp.diff(g, vv)), rel=">=",
                                               rhs=0)])
    assert Monotone(vv, uu).check(direct, route, scope, 30, 5).is_proof
    assert not Monotone(vv, uu + 2).check(direct, route, scope, 30, 5).is_proof


def test_combination_rule_for_a_strict_claim_needs_a_strict_part():
    direct = Inequality("s", lhs=k + k**2, rel=">", rhs=0)
    strict = AllOf("s.route", parts=[Inequality("s.route.a", lhs=k, rel=">", rhs=0),
                                     Inequality("s.route.b", lhs=k**2, rel=">=", rhs=0)])
    weak = AllOf("s.route", parts=[Inequality("s.route.a", lhs=k, rel=">=", rhs=0),
                                   Inequality("s.route.b", lhs=k**2, rel=">=", rhs=0)])
    assert Combination().check(direct, strict, Scope(UNIT), 30, 5).is_proof
    assert not Combination().check(direct, weak, Scope(UNIT), 30, 5).is_proof


# -- checked enclosures of constant roots ---------------------------------------------------------------------
# kt(3/4), the root of r (1 - ln r) = 3/4 in (0, 3/4), is 0.382403569602... (mpmath findroot, independent of
# symmech; also in tests/derivations/test_m_goods.py)
_R = sp.Symbol("r", positive=True)
_EQ = _R * (1 - sp.log(_R)) - sp.Rational(3, 4)
_LO, _HI = sp.Rational(19, 50), sp.Rational(39, 100)


def _enclosed_scope(bracket=(_LO, _HI), image=sp.Interval(_LO, _HI)):
    return Scope({}, roots=(DefinedRoot(_R, _EQ, bracket=bracket, image=image),))


def test_a_checked_enclosure_lets_proofs_range_the_root_over_it():
    v = Inequality("r_above", lhs=_R, rel=">=", rhs=_LO).check(_enclosed_scope())
    assert v.status is Status.PROVED, v
    assert any(h.kind == "root image" and h.used and h.checked for h in v.trust), v.trust


def test_a_false_claim_inside_the_enclosure_is_refuted_not_proved():
    v = Inequality("r_above_0385", lhs=_R, rel=">=", rhs=sp.Rational(385, 1000)).check(_enclosed_scope())
    assert v.status is Status.REFUTED, v


def test_an_image_narrower_than_the_bracket_is_not_used():
    """Image [0.383, 0.39] misses the root 0.38240...: the image check fails, so 'r >= 0.383' (false) is not
    proved through it."""
    v = Inequality("r_above_0383", lhs=_R, rel=">=", rhs=sp.Rational(383, 1000)).check(
        _enclosed_scope(image=sp.Interval(sp.Rational(383, 1000), _HI)))
    assert v.status is not Status.PROVED and v.status is not Status.CERTIFIED, v
    assert not any(h.kind == "root image" and h.used for h in v.trust), v.trust


def test_a_bracket_without_the_root_is_not_used():
    """Bracket (2/5, 1/2) holds no root (the equation is positive on it): 'r >= 2/5' is not proved -- the
    check stops with a SoundnessError naming the root and the bracket it left, or gives a non-proof."""
    from symmech.kernel.verdict import SoundnessError

    half = sp.Rational(1, 2)
    scope = _enclosed_scope(bracket=(sp.Rational(2, 5), half), image=sp.Interval(sp.Rational(2, 5), half))
    hints = {h.kind: h for h in root_hints(scope)[_R]}
    assert not hints["root bracket"].checked, hints
    try:
        v = Inequality("r_above_two_fifths", lhs=_R, rel=">=", rhs=sp.Rational(2, 5)).check(scope)
    except SoundnessError as exc:
        assert "left its bracket" in str(exc)
    else:
        assert v.status not in (Status.PROVED, Status.CERTIFIED), v
