"""Issue 19 API additions, used the way a reader would: saddle_point with a price symbol of your
own, convex-order (stop-loss) constraints with dual certificates, the closed-form seller bound on a
curve that is not a ray, and ApproxEquals for a published decimal.  Each has a negative test."""
import pytest
import sympy as sp

from symmech import (AmbiguitySet, DefinedRoot, Distribution, Mechanism, PiecewiseFunction, Scope, Status, checks)
from symmech.models.approx import ApproxEquals, decimal_rational, half_ulp
from symmech.models.convex_order import convex_order_certificate, convex_order_dominated, stop_loss
from symmech.models.multigood.curve import curve_seller_bound

HOLD = (Status.PROVED, Status.CERTIFIED, Status.CONFIRMED)
RIGOROUS = (Status.PROVED, Status.CERTIFIED)


# --- checks.saddle_point(price=...) --------------------------------------------------------------------
def _one_moment_model(mean_name: str):
    theta = sp.Symbol("theta", nonnegative=True)
    k = sp.Symbol(mean_name, positive=True)             # a reader who calls the mean "p"
    kt = sp.Symbol("kt", positive=True)
    scope = Scope({k: sp.Interval.open(0, 1)},
                  roots=(DefinedRoot(kt, kt * (1 - sp.log(kt)) - k, bracket=(0, k),
                                     closed_form=-k / sp.LambertW(-k / sp.E, -1),
                                     inverse=(k, kt * (1 - sp.log(kt))), image=sp.Interval.open(0, 1)),))
    xi = 1 / sp.log(1 / kt)
    M = Mechanism.from_allocation(theta, PiecewiseFunction(theta, (0, kt, 1), (0, 1 - sp.log(theta) / sp.log(kt))))
    F = Distribution(theta, density=PiecewiseFunction(theta, (0, kt, 1), (0, kt / theta**2)), atoms={1: kt})
    return scope, M, F, AmbiguitySet.mean(theta, (0, 1), k), xi, kt


def test_saddle_point_when_p_names_the_mean():
    scope, M, F, A, xi, kt = _one_moment_model("p")
    claim = checks.saddle_point(M, F, A, -xi * kt, [xi], kt)
    br = [c for c in claim.parts if c.id.endswith("seller_br")][0]
    bound_vars = {b[0] for part in br.parts for b in part.over}
    assert bound_vars and all(str(b) != "p" for b in bound_vars)   # a fresh price symbol, not the reader's mean


@pytest.mark.slow
def test_saddle_point_when_p_names_the_mean_is_proved():
    scope, M, F, A, xi, kt = _one_moment_model("p")
    claim = checks.saddle_point(M, F, A, -xi * kt, [xi], kt)
    assert claim.check(scope, digits=30, samples=5).status in HOLD


def test_saddle_point_accepts_an_own_price_symbol_and_rejects_a_clash():
    scope, M, F, A, xi, kt = _one_moment_model("k")
    c = sp.Symbol("c", nonnegative=True)
    claim = checks.saddle_point(M, F, A, -xi * kt, [xi], kt, price=c)
    br = [x for x in claim.parts if x.id.endswith("seller_br")][0]
    assert {b[0] for part in br.parts for b in part.over} == {c}
    with pytest.raises(ValueError, match="already occurs"):
        checks.saddle_point(M, F, A, -xi * kt, [xi], kt, price=kt)
    with pytest.raises(TypeError):
        checks.saddle_point(M, F, A, -xi * kt, [xi], kt, price="p")


def test_saddle_point_with_wrong_value_fails():
    scope, M, F, A, xi, kt = _one_moment_model("k")
    bad = checks.saddle_point(M, F, A, -xi * kt, [xi], kt * sp.Rational(11, 10), price=sp.Symbol("c"))
    assert bad.check(scope, digits=30, samples=5).status is Status.REFUTED


# --- convex-order constraints -----------------------------------------------------------------------------
z, v = sp.Symbol("z", nonnegative=True), sp.Symbol("v", nonnegative=True)


def test_stop_loss_of_a_two_point_law_by_hand():
    F = Distribution(z, atoms={0: sp.Rational(1, 2), 2: sp.Rational(1, 2)}, support=(0, 2))
    y = sp.Symbol("y")
    sl = stop_loss(F, y)
    assert sp.simplify(sl.pieces[0] - y / 2) == 0                 # E(y - X)^+ = y/2 on [0, 2]


def test_mean_preserving_contraction_is_dominated_and_spread_is_not():
    G = {0: sp.Rational(1, 2), 2: sp.Rational(1, 2)}              # C(z) = E_G(z - S)^+ = z/2 on [0, 2]
    C = PiecewiseFunction(z, (0, 2), (z / 2,))
    point = Distribution(z, atoms={0: 0, 1: 1, 2: 0}, support=(0, 2))     # delta_1: a contraction of G
    ok = convex_order_dominated(point, C, z, mean=1, id="contraction")
    assert ok.check(Scope({}), digits=30, samples=5).status in RIGOROUS
    # C' below G's own stop-loss: G is not dominated by it
    C_low = PiecewiseFunction(z, (0, 2), (z / 3,))
    spread = Distribution(z, atoms=G, support=(0, 2))
    bad = convex_order_dominated(spread, C_low, z, mean=1, id="spread")
    assert bad.check(Scope({}), digits=30, samples=5).status is Status.REFUTED


def _b4_model(weight_factor=1):
    """One group, Thm. 3 / App. B.4 of Che and Zhong: t = (min(v, z*) - alpha)^+ / log(z*/alpha), with
    C = theta(alpha, .) itself (so F_alpha is feasible) and one hinge at z*; value alpha."""
    al, r = sp.symbols("alpha r", positive=True)
    scope = Scope({al: sp.Interval.open(sp.Rational(1, 10), 1), r: sp.Interval.open(1, 5)})
    zs = r * al
    Lz = sp.log(zs / al)
    pay = PiecewiseFunction(v, (0, al, zs, 10 * al), (0, (v - al) / Lz, (zs - al) / Lz))
    M = Mechanism(v, allocation=PiecewiseFunction(v, (0, al, zs, 10 * al), (0, 0, 0)), payment=pay)
    C = lambda u: u - al - al * sp.log(u / al)                               # noqa: E731
    return scope, M, C, zs, Lz, al


def test_convex_order_dual_certificate_b4():
    scope, M, C, zs, Lz, al = _b4_model()
    claim = convex_order_certificate(M, al, C, [zs], [1 / Lz], (zs - al) / Lz, 0, al, id="b4")
    v_ = claim.check(scope, digits=30, samples=5)
    assert v_.status in RIGOROUS, v_


def test_convex_order_dual_certificate_rejects_too_high_value_and_negative_weight():
    scope, M, C, zs, Lz, al = _b4_model()
    high = convex_order_certificate(M, al, C, [zs], [1 / Lz], (zs - al) / Lz, 0, al * sp.Rational(11, 10), id="hi")
    assert high.check(scope, digits=30, samples=5).status is Status.REFUTED
    neg = convex_order_certificate(M, al, C, [zs], [-1 / Lz], (zs - al) / Lz, 0, al, id="neg")
    assert neg.check(scope, digits=30, samples=5).status is Status.REFUTED
    with pytest.raises(ValueError, match="one weight per hinge"):
        convex_order_certificate(M, al, C, [zs], [], 0, 0, al)


# --- seller bound on a kinked (non-ray) curve ---------------------------------------------------------------
def _two_group_curve():
    x = sp.Symbol("x", positive=True)
    a1, L1, a2, L2, w = sp.symbols("a1 L1 a2 L2 w", positive=True)
    scope = Scope({a1: sp.Interval.open(sp.Rational(1, 10), 1), L1: sp.Interval.open(1, 8),
                   a2: sp.Interval.open(sp.Rational(1, 10), 1), L2: sp.Interval.open(1, 8),
                   w: sp.Interval.open(0, 1)})
    curve = [[(a1 * x, 1, L1), (a1 * L1, L1, sp.oo)],
             [(w * a2 * x, 1, L2), (w * a2 * L2, L2, sp.oo)],
             [((1 - w) * a2 * x, 1, L2), ((1 - w) * a2 * L2, L2, sp.oo)]]
    pt = {a1: sp.Rational(1, 4), L1: sp.Rational(9, 2), a2: sp.Rational(1, 5), L2: 6, w: sp.Rational(1, 2)}
    return x, scope, curve, pt, a1 + a2


def test_curve_bound_two_groups_unordered_kinks():
    # Che and Zhong Thm. 1: against the kinked curve, no mechanism beats alpha_1 + alpha_23 (for all
    # parameters; ell_1 and ell_23 are never ordered)
    x, scope, curve, pt, val = _two_group_curve()
    claim = curve_seller_bound(x, 1 - 1 / x, 1 / x**2, curve, val, point=pt, x_max=100)
    assert claim.check(scope, digits=30, samples=5).status in RIGOROUS


def test_curve_bound_refutes_a_smaller_value_and_rejects_bad_input():
    x, scope, curve, pt, val = _two_group_curve()
    low = curve_seller_bound(x, 1 - 1 / x, 1 / x**2, curve, val * sp.Rational(9, 10), point=pt, x_max=100)
    assert low.check(scope, digits=30, samples=5).status is Status.REFUTED
    with pytest.raises(ValueError, match="parameter values"):
        curve_seller_bound(x, 1 - 1 / x, 1 / x**2, curve, val, x_max=100)
    gap = [[(x, 1, 2), (2, 3, sp.oo)]]
    with pytest.raises(ValueError, match="contiguous"):
        curve_seller_bound(x, 1 - 1 / x, 1 / x**2, gap, 1, point={}, x_max=100)


# --- ApproxEquals ------------------------------------------------------------------------------------------------
def test_decimal_is_read_exactly():
    assert decimal_rational("0.1") == sp.Rational(1, 10)
    assert half_ulp("0.2391644") == sp.Rational(1, 2 * 10**7)
    with pytest.raises(TypeError):
        decimal_rational(0.1)
    with pytest.raises(ValueError):
        decimal_rational("1/3")


def test_approx_equals_published_ktilde_and_a_perturbed_digit():
    scope, M, F, A, xi, kt = _one_moment_model("k")
    k = [s for s in scope.parameters][0]
    good = ApproxEquals("kt_half", expr=kt, decimal="0.18668230885083704212422421834", at={k: sp.Rational(1, 2)})
    assert good.check(scope, digits=50, samples=5).status in HOLD       # spec seed_002 R1, k = 1/2
    bad = ApproxEquals("kt_half_bad", expr=kt, decimal="0.18668230885083704212422421836", at={k: sp.Rational(1, 2)})
    assert bad.check(scope, digits=50, samples=5).status is Status.REFUTED
    with pytest.raises(ValueError, match="outside"):
        ApproxEquals("x", expr=kt, decimal="0.1", at={k: 2}).check(scope, digits=30, samples=5)


# --- a DefinedRoot without an inverse (issue 19): its checked image carries the proof ----------------------
def _root_without_inverse(image):
    from symmech import DefinedRoot, Mechanism, PiecewiseFunction, Scope

    k, kt = sp.symbols("k kt", positive=True)
    th = sp.Symbol("theta", nonnegative=True)
    sc = Scope({k: sp.Interval.open(0, 1)},
               roots=(DefinedRoot(kt, kt * (1 - sp.log(kt)) - k, bracket=(0, k), image=image),))
    q = PiecewiseFunction(th, (0, kt, 1), (0, 1 - sp.log(th) / sp.log(kt)))
    return sc, Mechanism.from_allocation(th, q), k, kt


def test_root_without_inverse_proves_ic_ir_through_its_checked_image():
    """Carrasco et al.'s optimal allocation with kt given only by its equation, bracket and image (no inverse
    k = kt (1 - ln kt)): IC, IR and feasibility hold for every kt in (0, 1), so they are proved, and the
    verdicts list the image hint they rest on."""
    from symmech import checks

    sc, M, k, kt = _root_without_inverse(sp.Interval.open(0, 1))
    for claim in (checks.incentive_compatible(M, id="IC"), checks.individually_rational(M, id="IR"),
                  checks.feasible_allocation(M, id="feasible")):
        v = claim.check(sc, digits=30, samples=5)
        assert v.status.value == "proved", (claim.id, v.detail)
        assert any(h.kind == "root image" and h.used and h.checked for h in v.trust)


def test_root_without_inverse_negative_controls():
    """A wrong image (kt ranges up to 1 as k -> 1) is refuted and no proof may rest on it; a claim that needs
    the tie between k and kt is not proved through the image alone; a false one is refuted."""
    from symmech import checks
    from symmech.claims import Inequality

    sc, M, k, kt = _root_without_inverse(sp.Interval.open(0, sp.Rational(1, 2)))
    v = checks.incentive_compatible(M, id="IC").check(sc, digits=30, samples=5)
    assert v.status.value != "proved"
    assert any(h.kind == "root image" and not h.checked for h in v.trust)
    sc, M, k, kt = _root_without_inverse(sp.Interval.open(0, 1))
    # true (the root lies in its bracket (0, k)), but over the image kt and k vary independently: the box
    # point k = kt = 1/2 violates it there, which is no counterexample for the root itself
    tie = Inequality("kt_below_k", lhs=kt, rel="<", rhs=k).check(sc, digits=30, samples=5)
    assert tie.status.value == "confirmed", tie.detail
    wrong = Inequality("kt_above_k", lhs=kt, rel=">", rhs=k).check(sc, digits=30, samples=5)
    assert wrong.status.value == "refuted"
