"""Unit tests of symmech.models.multigood: expectations, restrictions to lines, claims on small examples."""
import sympy as sp

from symmech import Distribution, Mechanism, PiecewiseFunction, Scope, Status
from symmech.models.multigood import (
    AtomicDistribution,
    Box,
    Menu,
    MultiAmbiguitySet,
    PartitionedSale,
    ProductDistribution,
    comonotone,
    value_vars,
)
from symmech.checks import multigood as mc

s = sp.Symbol("s", nonnegative=True)
x = sp.Symbol("x", nonnegative=True)
TH = value_vars(2)
UNIFORM = Distribution(s, density=PiecewiseFunction(s, (0, 1), (1,)))
HALF = sp.Rational(1, 2)


def test_expectations_of_line_product_and_atoms():
    assert comonotone(TH, UNIFORM).expectation(TH[0] * TH[1]) == sp.Rational(1, 3)
    assert ProductDistribution(TH, [UNIFORM, UNIFORM]).expectation(TH[0] * TH[1]) == sp.Rational(1, 4)
    D = AtomicDistribution(TH, {(0, 1): HALF, (1, 1): HALF})
    assert D.expectation(TH[0] + TH[1]) == sp.Rational(3, 2)


def test_support_distance_refutes_full_box():
    D = comonotone(TH, UNIFORM)
    assert sp.simplify(D.distance_sq_to_support((0, 1)) - HALF) == 0
    assert mc.support_contains(D, (HALF, HALF)).check(Scope()).status is Status.PROVED
    assert mc.support_contains(D, (0, 1), expect="fails").check(Scope(), digits=20, samples=1).status is Status.REFUTED


def test_bundle_on_average_restricts_to_one_good_mechanism():
    m = Mechanism.from_allocation(x, PiecewiseFunction(x, (0, HALF, 1), (0, 1)))   # price 1/2
    bundle = PartitionedSale.pure_bundling(TH, m, on="average")
    assert sp.simplify(bundle.allocation(0).subs({TH[0]: 1, TH[1]: HALF}) - 1) == 0
    assert sp.simplify(bundle.payment().subs({TH[0]: 1, TH[1]: HALF}) - 1) == 0     # 2 goods x price 1/2
    assert mc.revenue(bundle, comonotone(TH, UNIFORM)) == HALF                         # 2 * 1/2 * P(s >= 1/2)


def test_saddle_point_with_a_bad_certificate_is_refuted():
    """A posted price 1/2 guarantees nothing under a known mean 1/2; the certificate (0, 0) cannot show 1."""
    m = Mechanism.from_allocation(x, PiecewiseFunction(x, (0, HALF, 1), (0, 1)))
    sep = PartitionedSale.separate_sales(TH, [m, m])
    A = MultiAmbiguitySet.means(Box.unit(TH), [HALF, HALF])
    F = comonotone(TH, Distribution(s, atoms={HALF: 1}, support=(0, 1)))
    claim = mc.saddle_point(sep, F, A, 0, [0, 0], 1, id="toy")
    v = claim.check(Scope(), digits=20, samples=1)
    assert v.status is Status.REFUTED and "guarantee.value" in v.detail
    assert "toy.IC: proved" in v.detail and "toy.revenue: proved" in v.detail and "toy.seller_br: proved" in v.detail


def test_menu_on_atoms_and_rays():
    menu = Menu(TH, [((1, 0), HALF), ((1, 1), sp.Rational(3, 2))])
    D = AtomicDistribution(TH, {(1, 1): HALF, (HALF, 0): HALF})
    assert mc.revenue(menu, D) == sp.Rational(3, 4) + sp.Rational(1, 4)
    pay, alloc = menu.on_line(comonotone(TH, UNIFORM))
    assert pay.breaks == (0, HALF, 1)   # the bundle item only ties at s = 1
    assert pay.pieces == (0, HALF)


def test_hessian_psd_claim_refutes_a_concave_rent():
    v = mc.hessian_psd(-TH[0] ** 2 + TH[1], TH, [(TH[0], 0, 1)], expect="fails").check(Scope(), digits=20, samples=1)
    assert v.status is Status.REFUTED
