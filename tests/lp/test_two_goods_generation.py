"""IC constraint generation in the two-good menu LP (symmech/tactics/lp/two_goods.py): the same optimum as the LP
with every IC pair stated (independent computation: ic="full"), and the all-pairs check catches violations."""
import numpy as np
import pytest

from symmech.tactics.lp import MomentCondition, maxmin_two_goods_menu, mean_conditions_2d
from symmech.tactics.lp.two_goods import IC_TOL, _types, ic_violations

CASES = {
    "means": mean_conditions_2d(0.4, 0.55),
    "symmetric means": mean_conditions_2d(0.5, 0.5),
    "mean and second moment bound": (MomentCondition(lambda x, y: x + y, "==", 0.9),
                                     MomentCondition(lambda x, y: x * x + y * y, "<=", 0.5)),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_generated_equals_full_lp(name):
    grid = list(np.linspace(0, 1, 8))
    gen = maxmin_two_goods_menu(grid, CASES[name])
    full = maxmin_two_goods_menu(grid, CASES[name], ic="full")
    assert abs(gen.value - full.value) <= 1e-7
    t1, t2, _ = _types(grid)
    x = np.concatenate([gen.rent.ravel(), gen.q1.ravel(), gen.q2.ravel()])
    assert ic_violations(x, t1, t2)[0] <= IC_TOL           # feasible for all n^4 IC pairs
    assert gen.size.rows < full.size.rows                   # and it needed fewer rows
    assert abs(sum(w for _, w in gen.nature_atoms) - 1) < 1e-6   # nature's dual law is a distribution


def test_the_all_pairs_check_finds_a_far_violation():
    """Negative test: a menu that is IC between neighbours only must be caught by the final check."""
    grid = list(np.linspace(0, 1, 6))
    t1, t2, n = _types(grid)
    N = len(t1)
    U, q1, q2 = np.zeros(N), np.zeros(N), np.zeros(N)
    # the top type (1, 1) gets the goods for free: types next to it envy it by a little, far ones by more
    q1[-1] = q2[-1] = 1.0
    U[-1] = 2.0
    x = np.concatenate([U, q1, q2])
    worst, s, r = ic_violations(x, t1, t2)
    assert worst > IC_TOL and (N - 1) in set(r.tolist())
    with pytest.raises(ValueError):
        maxmin_two_goods_menu(grid, mean_conditions_2d(0.5, 0.5), ic="some")


def test_best_response_generated_equals_full():
    from symmech.tactics.lp import best_response_two_goods, comonotone_law, product_law

    grid = list(np.linspace(0, 1, 7))
    law = product_law([(0.0, 0.5), (grid[4], 0.5)], [(grid[2], 0.25), (1.0, 0.75)])
    for atoms in (law, comonotone_law([(grid[3], 0.6), (1.0, 0.4)])):
        gen = best_response_two_goods(grid, atoms)
        full = best_response_two_goods(grid, atoms, ic="full")
        assert abs(gen.value - full.value) <= 1e-7
