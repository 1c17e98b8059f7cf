"""Grid LPs (2.6) and the Ch. 3 DSIC LP, exact; the Lemma 2.3.3 witness; regression values from the
spec (seed_003 part B, Sec. 5.3)."""
from fractions import Fraction as Fr

import pytest
import sympy as sp

from symmech import Scope, Status
from symmech.models.objectives import ObjectiveError
from symmech.models.regret.claims import LPBracket
from symmech.models.regret.lp import (
    cost_grid,
    solve_auction,
    solve_single_buyer,
    witness_233,
    witness_feasibility,
    witness_objective,
)


def test_lp_26_regression_n12():
    r = solve_single_buyer((1,), (0,), 12)
    assert r.certified
    assert abs(float(r.verify()) - 0.3416155603655604) < 1e-15      # spec Sec. 5.3 (HiGHS float)


def test_witness_lower_bound_regression_n12():
    lb = witness_objective(12, [1])
    assert abs(float(sp.N(lb, 30)) - 0.07650647008713489) < 1e-15   # spec Sec. 5.3, Lemma 2.3.3 LB
    ok, _ = witness_feasibility(12)
    assert ok


def test_separation_on_grid_is_exact_spec_example():
    # spec Sec. 5.3: the J = 2 grid value equals twice the J = 1 value (n = 12 there; n = 4 here)
    two = solve_single_buyer((1, 1), (0, 0), 4).verify()
    one = solve_single_buyer((1,), (0,), 4).verify()
    assert two == 2 * one


def test_auction_lp_equals_single_buyer_grid_value():
    g = [Fr(k, 4) for k in range(5)]
    assert solve_auction(g, 2).verify() == solve_single_buyer((1,), (0,), 4).verify()


def test_bracket_claim_refutes_a_too_small_upper_end():
    ok = LPBracket("ok", lp=lambda: solve_single_buyer((1,), (0,), 12), upper=1 / sp.E)
    bad = LPBracket("bad", lp=lambda: solve_single_buyer((1,), (0,), 12), upper=sp.Rational(34, 100))
    # certified, not proved: the irrational end 1/e is compared through rational bounds from an arb ball
    assert ok.check(Scope()).status is Status.CERTIFIED
    exact = LPBracket("exact", lp=lambda: solve_single_buyer((1,), (0,), 12), upper=sp.Rational(37, 100))
    assert exact.check(Scope()).status is Status.PROVED          # a rational end: the kernel decides exactly
    v = bad.check(Scope())
    assert v.status is Status.REFUTED and "upper end" in v.detail


def test_perturbed_witness_breaks_flow_balance():
    alpha, gamma = witness_233(12)
    # the printed gamma scaled up by 4 makes the top level's balance negative (independent arithmetic)
    k0 = int(sp.floor(12 / sp.E))
    top = alpha[12] - 4 * gamma[11]
    assert sp.N(top) < 0 and k0 == 4


def test_bad_input():
    with pytest.raises(ObjectiveError, match="e\\(1 \\+ e\\)"):
        witness_233(10)
    with pytest.raises(ObjectiveError, match="positive integer"):
        cost_grid((1,), (0,), 0)
    with pytest.raises(ObjectiveError, match="not below"):
        solve_single_buyer((1,), (1,), 3)
    with pytest.raises(ObjectiveError, match="J = 0"):
        solve_single_buyer((), (), 3)
    with pytest.raises(ObjectiveError, match="float"):
        solve_single_buyer((1.0,), (0,), 3)


@pytest.mark.slow
def test_spec_chapter3_grid_lp_n20():
    # spec Sec. 5.3 (HiGHS float): I = 2, grid {0, 1/20, .., 1}: 0.35195300571461563 = single-buyer grid value
    from symmech.models.regret.lp import auction_lp
    from symmech.tactics.lp.exact import _float_solve
    g = [Fr(k, 20) for k in range(21)]
    lp, _ = auction_lp(g, 2)
    fun = _float_solve(lp)[3]
    assert abs(fun - 0.35195300571461563) < 1e-9
    assert abs(float(solve_single_buyer((1,), (0,), 20).verify()) - 0.35195300571461563) < 1e-12
