"""Library: valuations, laws, menus, pure bundling, the exact mechanism LP (regression values: spec
seed 001 Sec. 3, R1/R2/R5/R9/R10) and clear errors on bad input."""
from dataclasses import replace
from fractions import Fraction as Fr

import pytest

from derivations._hh_common import four_types, parametric_path, prop1_witness_law, two_types
from symmech import Scope, Status
from symmech.models.multigood.bundling import (
    BundlingError,
    FiniteLaw,
    LotteryMenu,
    Valuation,
    all_bundles,
    bundle,
    grand,
    pure_bundling,
)
from symmech.models.multigood.bundling_lp import PBOptimalLP, best_pb_profit, optimal_revenue

B1, B12 = bundle(1), bundle(1, 2)


def test_grand_bundle_not_maximal_is_named():
    with pytest.raises(BundlingError, match=r"grand bundle not maximal: v\(\{1\}\) = 3 > v\(\{1,2\}\) = 2"):
        Valuation(2, {B1: 3, B12: 2})


@pytest.mark.parametrize("probs, msg", [(["-1/2", "3/2"], "negative mass -1/2"), (["1/2", "1/3"], "masses sum to 5/6, not 1")])
def test_bad_masses_are_named(probs, msg):
    t = Valuation(2, {B12: 1})
    with pytest.raises(BundlingError, match=msg):
        FiniteLaw([t, t], probs)


def test_floats_negative_values_and_bad_profiles_are_refused():
    with pytest.raises(BundlingError, match="not exact"):
        Valuation(2, {B12: 0.5})
    with pytest.raises(BundlingError, match="negative value"):
        Valuation(2, {B1: -1, B12: 1})
    with pytest.raises(BundlingError, match="outside"):
        Valuation.from_profile(2, 1, {B1: Fr(3, 2)})
    with pytest.raises(BundlingError, match="not a set of goods"):
        Valuation(2, {bundle(3): 1, B12: 1})


def test_profile_parametrization_and_lotteries():
    t = Valuation.from_profile(2, 2, {B1: Fr(1, 4), bundle(2): Fr(1, 2)})
    assert t.values[B1] == Fr(1, 2) and t.s == 2 and t.profile() == (Fr(1, 4), Fr(1, 2))
    assert t.value({B1: Fr(1, 2), B12: Fr(1, 2)}) == Fr(5, 4)
    assert len(all_bundles(3)) == 8 and grand(3) == bundle(1, 2, 3)


def test_pb_revenue_ties_buy_spec_G1():
    law = two_types(Fr(1, 2), 1, Fr(1, 2))
    assert law.pb_revenue(1) == 1          # P Pr[s >= P], not P (1 - F(P)) = 1/2
    assert law.best_pure_bundling() == (1, (1, 2))
    assert pure_bundling(2, 1).revenue(law) == 1


def test_menu_ties_go_to_the_seller():
    law = two_types("0.8", "1.2", "1/2")
    menu = LotteryMenu([({B1: 1}, "0.8"), ({B12: 1}, "1.6")])   # spec R1 optimum: t_H indifferent
    assert menu.revenue(law) == Fr(6, 5)


@pytest.mark.parametrize("qh, lp, pb", [("1/2", Fr(6, 5), 1), ("3/5", Fr(32, 25), Fr(6, 5)),
                                        ("7/10", Fr(7, 5), Fr(7, 5)), ("4/5", Fr(8, 5), Fr(8, 5))])
def test_spec_R1_two_types(qh, lp, pb):
    law = two_types("0.8", "1.2", qh)
    res = optimal_revenue(law)
    assert res.certified and res.verify() == lp
    assert law.best_pure_bundling()[0] == pb


@pytest.mark.parametrize("q, lp", [(("0.3", "0.6", "0.5"), 1), (("0.6", "0.6", "0.5"), 1),
                                   (("0.8", "0.2", "0.5"), Fr(26, 25)), (("0.9", "0.1", "0.45"), Fr(133, 125))])
def test_spec_R9_R10_four_types(q, lp):
    assert optimal_revenue(four_types(*q)).verify() == lp


def test_spec_R2_and_R5():
    assert optimal_revenue(prop1_witness_law(1, 3, "0.5", "1.2")).verify() == Fr(11, 10)
    neg = parametric_path("-1/2")
    assert optimal_revenue(neg).verify() == Fr(87, 55)
    assert neg.best_pure_bundling() == (Fr(171, 110), (Fr(19, 10),))


def test_profit_lp_with_costs():
    law = four_types("0.3", "0.6", "0.5")
    costs = {b: Fr(1, 10) for b in all_bundles(2) if b}
    assert optimal_revenue(law, costs).verify() == best_pb_profit(law, Fr(1, 10))[0] == Fr(19, 20)


def test_pb_optimal_claim_and_its_negatives():
    ok = PBOptimalLP("x", law=four_types("0.3", "0.6", "0.5"), lp_value=1)
    assert ok.check(Scope()).status is Status.PROVED
    # perturbed regression value: refuted with both values
    bad = replace(ok, lp_value=Fr(101, 100))
    v = bad.check(Scope())
    assert v.status is Status.REFUTED and v.witness["LP"] == "1"
    # perturbed instance (q1 > q2): a menu beats pure bundling
    v = replace(ok, law=four_types("0.8", "0.2", "0.5"), lp_value=None).check(Scope())
    assert v.status is Status.REFUTED and v.witness == {"LP": "26/25", "PB": "1"}


def test_grand_bundle_violation_in_the_parametric_model_spec_G10():
    w, delta = Fr(3, 10), Fr(-1, 2)          # alpha = 1: v(b*) = 2w + delta = 1/10 < w
    with pytest.raises(BundlingError, match=r"grand bundle not maximal: v\(\{1\}\) = 3/10 > v\(\{1,2\}\) = 1/10"):
        Valuation(2, {B1: w, bundle(2): w, B12: 2 * w + delta})


def test_a_wrong_pin_is_the_derivations_error_not_an_agreeing_refutation():
    """Issue 27 / 25: an expected failure must fail for the reason it states.  On this law pure bundling is
    optimal (LP* = 7/5, the regression value of hh_model's R1_qH_0.7), so a claim tagged "fails" with a
    wrong pin must not agree with the refutation the wrong pin used to produce."""
    from fractions import Fraction as Fr

    from derivations._hh_common import two_types
    from symmech import Scope, Status
    from symmech.models.multigood.bundling_lp import PBOptimalLP

    law = two_types("0.8", "1.2", "7/10")
    wrong = PBOptimalLP("w", law=law, lp_value=Fr(1), expect="fails")
    v = wrong.check(Scope({}))
    assert v.status is Status.UNDECIDED and "pinned LP value" in v.detail and not wrong.agrees(v)
    right = PBOptimalLP("r", law=law, lp_value=Fr(7, 5))
    assert right.check(Scope({})).is_proof
    # a claim expected to hold with a wrong pin is false as stated: refuted
    pinned = PBOptimalLP("p", law=law, lp_value=Fr(1))
    assert pinned.check(Scope({})).status is Status.REFUTED
