"""Posted-price menus: exact worst-case regret, spec regression (seed_003 part B, Sec. 5.4) and errors."""
from fractions import Fraction as Fr

import pytest

from symmech.models.objectives import ObjectiveError
from symmech.models.regret.deterministic import additive_menu, in_region, lemma_245_witness, menu_regret, optimal_menu


def test_spec_example_zd():
    vb, c = (3, 5), (1, Fr(1, 2))
    m = optimal_menu(vb, c)
    assert m[frozenset({0})] == 2 and m[frozenset({1})] == Fr(11, 4) and m[frozenset({0, 1})] == Fr(19, 4)
    assert menu_regret(m, vb, c)[0] == Fr(13, 4)                 # spec: z_d = 3.25


@pytest.mark.parametrize("p", [Fr(0), Fr(1, 5), Fr(1, 2), Fr(3, 5), Fr(9, 10), Fr(1)])
def test_one_item_matches_the_closed_form(p):
    # independent closed form (spec Sec. 3): sup regret of price p = max((p - c)^+, v_bar - p)
    c = Fr(1, 10)
    menu = {frozenset(): Fr(0), frozenset({0}): p}
    assert menu_regret(menu, (1,), (c,))[0] == max(max(p - c, Fr(0)), 1 - p)


def test_perturbed_prices_do_worse():
    vb, c = (3, 5), (1, Fr(1, 2))
    base = menu_regret(optimal_menu(vb, c), vb, c)[0]
    for prices in ((Fr(21, 10), Fr(11, 4)), (2, Fr(5, 2))):
        assert menu_regret(additive_menu(prices), vb, c)[0] > base
    bundled = dict(optimal_menu(vb, c))
    bundled[frozenset({0, 1})] -= Fr(1, 2)                         # a bundle discount
    assert menu_regret(bundled, vb, c)[0] > base


def test_lemma_245_witness_on_a_menu():
    vb, c = (1, 1), (0, 0)
    menu = {frozenset(): Fr(0), frozenset({0}): Fr(1, 4), frozenset({1}): Fr(3, 4), frozenset({0, 1}): Fr(1)}
    v, S = lemma_245_witness(menu, vb, c, Fr(1, 8))
    assert S == frozenset({0}) and v == (1, Fr(3, 8))
    assert in_region(v, S, menu, Fr(1, 8))


def test_bad_menus_and_delta():
    with pytest.raises(ObjectiveError, match="2\\^2 bundles"):
        menu_regret({frozenset(): 0, frozenset({0}): 1}, (1, 1), (0, 0))
    with pytest.raises(ObjectiveError, match="empty bundle"):
        menu_regret({frozenset(): 1, frozenset({0}): 1}, (1,), (0,))
    with pytest.raises(ObjectiveError, match="delta"):
        lemma_245_witness(optimal_menu((1,), (0,)), (1,), (0,), Fr(1))
    with pytest.raises(ObjectiveError, match="J = 0|positive integer"):
        optimal_menu((), ())
