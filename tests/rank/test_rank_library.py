"""symmech.models.multigood.{symmetric, rank, grid_lp}: Bikhchandani and Mishra (2022) objects.
Regression values: spec seed_004 (R11, R12, R13, R6, R15-R17); property tests with hypothesis."""
import random
from fractions import Fraction as F

import pytest
from hypothesis import given, settings, strategies as st

from symmech.tactics.lp.exact import solve_exact
from symmech.models.multigood import grid_lp as G
from symmech.models.multigood import rank as R
from symmech.models.multigood import symmetric as S


# --- bad input --------------------------------------------------------------------------------
def test_bad_permutation_named():
    with pytest.raises(S.PermutationError, match="repeated \\[0\\]"):
        S.act((1, 2), (0, 0))
    with pytest.raises(S.PermutationError, match="length"):
        S.act((1, 2, 3), (1, 0))


def test_mi_allocation_violating_feasibility_named():
    with pytest.raises(S.AllocationError, match="q_1 = 0 < q_2 = 1"):
        R.menu_mechanism([((0, 1), 1)], model="I")
    ext = S.symmetric_extension(lambda v: ((F(0), F(1)), F(0)))
    with pytest.raises(S.AllocationError, match="feasibility \\(1\\)"):
        ext((F(1), F(2)))


def test_non_exchangeable_law_named():
    law = {(F(1), F(2)): F(1, 3), (F(2), F(1)): F(2, 3)}
    with pytest.raises(S.ExchangeabilityError, match="not exchangeable"):
        S.sorted_law(law)


def test_fosd_map_must_increase():
    with pytest.raises(ValueError, match="not an FOSD map"):
        R.push_forward({(F(1), F(1)): F(1)}, lambda v: (F(0), F(1)))


# --- conventions --------------------------------------------------------------------------------
def test_c1_composition_and_sorting():
    v = ("a", "b", "c")
    for t in S.all_perms(3):
        for s in S.all_perms(3):
            assert S.act(S.act(v, t), s) == S.act(v, S.compose(t, s))
    w = (F(1), F(3), F(2))
    assert S.act(w, S.sorting_perm(w)) == (3, 2, 1)
    assert S.in_region(w, S.sorting_perm(w))


def test_c5_tie_weights():
    assert S.tie_weight((1, 1)) == 1 and S.tie_weight((2, 1)) == 2 and S.tie_weight((2, 1, 1)) == 3
    lh = S.iid_law((1, 2), (F(1, 2), F(1, 2)), 2)
    assert S.sorted_law(lh) == {(1, 1): F(1, 4), (2, 1): F(1, 2), (2, 2): F(1, 4)}
    assert S.exchangeable_law(S.sorted_law(lh)) == lh


# --- checks and their negative controls --------------------------------------------------------
def test_example1_r6_not_ic():
    H = R.tabulate(lambda v: (((F(0), F(1)) if v[0] > v[1] else (F(1), F(0)) if v[0] < v[1] else (F(1, 2),) * 2), F(0)),
                   R.grid([F(k, 10) for k in range(11)], 2))
    ok, detail = R.check_ic(H)
    assert not ok and "gains 1 " in detail      # largest gain: (1, 0) reporting (0, 1)
    assert R.utility(H, (F(8, 10), F(2, 10)), (F(2, 10), F(8, 10))) - R.utility(H, (F(8, 10), F(2, 10))) == F(3, 5)
    assert R.check_symmetric(H)[0] and not R.check_rank_preserving(H)[0]


def test_r15_r16_r17():
    m = R.tabulate(R.menu_mechanism([((1, 0), F(1, 2)), ((F(1, 2), F(1, 2)), F(3, 10))], model="I"),
                   R.grid([F(k, 10) for k in range(11)], 2, "I"))
    assert not R.check_mm(m)[0] and not R.check_revenue_monotone(m, model="I")[0]
    assert m[(F(9, 10), F(1, 10))][1] == F(1, 2) and m[(F(9, 10), F(8, 10))][1] == F(3, 10)
    assert not R.weakly_majorizes((1, 0, 0), (F(3, 5), F(3, 5), 0))
    assert not R.weakly_majorizes((F(3, 5), F(3, 5), 0), (1, 0, 0))


def test_symmetry_check_catches_asymmetric_payment():
    lexmax = R.tabulate(R.menu_mechanism([((1, 0), F(1)), ((0, 1), F(1))]), R.grid((0, 1, 2), 2))
    assert not R.check_symmetric(lexmax)[0]          # lexmax tie rule picks (1, 0) at the tie (2, 2)
    H = R.tabulate(S.symmetric_extension(R.menu_mechanism([((1, 0), F(1))], model="I")), R.grid((0, 1, 2), 2))
    assert R.check_symmetric(H)[0]
    H[(F(2), F(0))] = (H[(F(2), F(0))][0], F(1, 2))
    ok, detail = R.check_symmetric(H)
    assert not ok and "not symmetric" in detail


# --- LPs: spec R11, R12, R13 ---------------------------------------------------------------------
@pytest.mark.parametrize("vals,n,val", [((1, 2), 2, F(9, 4)), ((1, 2, 3), 2, F(8, 3)), ((1, 2), 3, F(7, 2))])
def test_r11_grid_equivalence(vals, n, val):
    lh = S.iid_law(vals, [F(1, len(vals))] * len(vals), n)
    a = G.optimum(R.grid(vals, n, "H"), lh, "H")
    b = G.optimum(R.grid(vals, n, "I"), S.sorted_law(lh), "I")
    assert a.verify() == b.verify() == val


def test_r12_r13_maxmin():
    g = {1: F(1, 2), 2: F(3, 10), 3: F(1, 5)}
    assert solve_exact(G.maxmin_average_lp((1, 2, 3), g, 2).lp).verify() == 2
    assert G.best_uniform_price(g, 2) == (2, [1, 2])
    g1 = {1: F(1, 4), 2: F(39, 100), 3: F(9, 25)}
    g2 = {1: F(3, 4), 2: F(21, 100), 3: F(1, 25)}
    assert solve_exact(G.maxmin_marginals_lp((1, 2, 3), [g1, g2]).lp).verify() == F(9, 4)


def test_lpvalue_claim_refutes_wrong_value():
    from symmech import Scope, Status
    lp = G.cached(("t", 1), lambda: G.optimum(R.grid((1, 2), 2), S.iid_law((1, 2), (F(1, 2), F(1, 2)), 2)))
    assert G.LPValue("ok", lp=lp, value=F(9, 4)).check(Scope()).status is Status.PROVED
    assert G.LPValue("bad", lp=lp, value=F(9, 4) + F(1, 100)).check(Scope()).status is Status.REFUTED


def test_deterministic_search_and_pricing():
    types = R.grid((1, 2), 2, "I")
    # not implementable: the higher type (2, 2) gets less than (1, 1)
    assert G.price(types, {v: (F(0), F(0)) if v == (2, 2) else (F(1), F(1)) for v in types}) is None
    lh = S.iid_law((1, 2), (F(1, 2), F(1, 2)), 2)
    assert G.deterministic_optimum(types, S.sorted_law(lh), "I").value == F(9, 4)


# --- properties ---------------------------------------------------------------------------------
_seeds = st.integers(0, 10**6)


@settings(max_examples=12, deadline=None)
@given(_seeds, st.sampled_from([(2, (0, 1, 2, 3)), (3, (0, 1, 2))]))
def test_extension_of_ic_mi_menu_is_ic_on_mh(seed, case):
    n, vals = case
    mi = R.menu_mechanism(R.random_menu(random.Random(seed), n, "I"), model="I")
    H = R.tabulate(S.symmetric_extension(mi), R.grid(vals, n, "H"))
    assert R.check_ic(H)[0] and R.check_symmetric(H)[0] and R.check_rank_preserving(H)[0]


@settings(max_examples=10, deadline=None)
@given(_seeds)
def test_symmetrization_never_lowers_revenue(seed):
    rng = random.Random(seed)
    vals = (0, 1, 2)
    probs = [F(rng.randint(1, 4)) for _ in vals]
    law = S.iid_law(vals, [p / sum(probs) for p in probs], 2)
    Hm = R.tabulate(R.menu_mechanism(R.random_menu(rng, 2, "H")), R.grid(vals, 2))
    Hs = R.tabulate(S.symmetrization(lambda v: Hm[v], 2), R.grid(vals, 2))
    assert R.check_ic(Hs)[0] and R.check_symmetric(Hs)[0]
    assert R.revenue(Hs, law) >= R.revenue(Hm, law)


@settings(max_examples=4, deadline=None)
@given(_seeds)
def test_grid_lp_optima_agree_random_exchangeable(seed):
    rng = random.Random(seed)
    vals = (1, 2, 3)
    base = {}
    for v in R.grid(vals, 2, "I"):
        base[v] = F(rng.randint(1, 6))
    tot = sum(base.values())
    li = {v: w / tot for v, w in base.items()}
    lh = S.exchangeable_law(li)
    a = G.optimum(R.grid(vals, 2, "H"), lh, "H")
    b = G.optimum(R.grid(vals, 2, "I"), li, "I")
    assert a.certified and b.certified and a.verify() == b.verify()
