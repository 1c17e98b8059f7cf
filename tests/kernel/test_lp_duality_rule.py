"""Attacks on the kernel rule ``lp-duality``: the kernel rechecks every LP point itself and decides the relation;
a bogus certificate, a missing side, a gap or a thin miss is undecided, never proved."""
from __future__ import annotations

from fractions import Fraction as F
from types import SimpleNamespace

import pytest

from symmech.kernel import rules
from symmech.kernel.lp_certificate import LPCertificateError, check_certificate, optimum_bounds
from symmech.kernel.verdict import Status
from symmech.tactics.lp.exact import LinearProgram, solve_exact

# max x + y  s.t.  x + 2y <= 4,  3x + y <= 6,  x, y >= 0: optimum 14/5 at (8/5, 6/5) (by hand: the two rows meet
# there; the dual (2/5, 1/5) has objective 4*2/5 + 6*1/5 = 14/5)
LP = LinearProgram(c=[1, 1], A_ub=[[1, 2], [3, 1]], b_ub=[4, 6], maximize=True)
X = (F(8, 5), F(6, 5))
Y = (F(-2, 5), F(-1, 5))        # multipliers of the equivalent minimization (<= 0 on <= rows)


def cert(primal=X, dual_ub=Y, dual_eq=()):
    return SimpleNamespace(lp=LP, primal=primal, dual_ub=dual_ub, dual_eq=dual_eq)


def test_a_right_certificate_proves_the_optimum_and_the_relations_it_implies():
    assert check_certificate(LP, X, Y, ()) == F(14, 5)
    v = rules.lp_duality("opt = 14/5", method="m", terms=((1, cert()),), target=F(14, 5))
    assert v.status is Status.PROVED and v.rule == "lp-duality"
    assert rules.lp_duality("", method="m", terms=((1, cert()),), relation="<=", target=3).status is Status.PROVED
    assert rules.lp_duality("", method="m", terms=((1, cert()),), relation=">", target=2).status is Status.PROVED


def test_the_solver_route_agrees_with_the_hand_certificate():
    res = solve_exact(LP)
    assert res.certified and res.value == F(14, 5)
    assert rules.lp_duality("", method="m", terms=((1, res),), target=F(14, 5)).status is Status.PROVED


@pytest.mark.parametrize("target", [F(14, 5) + F(1, 10**30), F(14, 5) - F(1, 10**30), 3])
def test_a_thin_miss_of_the_target_is_not_proved(target):
    v = rules.lp_duality("", method="m", terms=((1, cert()),), target=target)
    assert v.status is Status.UNDECIDED and "does not show" in v.detail


def test_an_infeasible_primal_point_is_caught_by_the_kernel():
    v = rules.lp_duality("", method="m", terms=((1, cert(primal=(F(2), F(6, 5)))),), target=F(16, 5))
    assert v.status is Status.UNDECIDED and "inequality row" in v.detail


def test_a_dual_point_with_a_wrong_sign_is_caught():
    v = rules.lp_duality("", method="m", terms=((1, cert(dual_ub=(F(2, 5), F(-1, 5)))),), target=F(14, 5))
    assert v.status is Status.UNDECIDED and "positive" in v.detail


def test_a_dual_point_that_leaves_a_reduced_cost_unabsorbed_is_caught():
    # y = (0, 0): the reduced costs -1 of the maximization's variables need an upper bound they do not have
    v = rules.lp_duality("", method="m", terms=((1, cert(dual_ub=(0, 0))),), relation="<=", target=100)
    assert v.status is Status.UNDECIDED and "no upper bound" in v.detail


def test_a_duality_gap_proves_only_what_its_interval_shows():
    loose = cert(primal=(F(1), F(1)), dual_ub=(F(-1, 2), F(-1, 2)))   # 2 <= OPT <= 4*1/2 + 6*1/2 = 5
    assert optimum_bounds(LP, (F(1), F(1)), (F(-1, 2), F(-1, 2)), ()) == (F(2), F(5))
    with pytest.raises(LPCertificateError, match="gap"):
        check_certificate(LP, (F(1), F(1)), (F(-1, 2), F(-1, 2)), ())
    assert rules.lp_duality("", method="m", terms=((1, loose),), target=2).status is Status.UNDECIDED
    assert rules.lp_duality("", method="m", terms=((1, loose),), relation=">=", target=2).status is Status.PROVED
    assert rules.lp_duality("", method="m", terms=((1, loose),), relation="<", target=5).status is Status.UNDECIDED


def test_a_missing_side_is_not_assumed():
    primal_only = cert(dual_ub=(), dual_eq=())
    assert rules.lp_duality("", method="m", terms=((1, primal_only),), relation=">=", target=F(14, 5)).status \
        is Status.PROVED
    v = rules.lp_duality("", method="m", terms=((1, primal_only),), relation="<=", target=100)
    assert v.status is Status.UNDECIDED


def test_float_data_is_refused():
    v = rules.lp_duality("", method="m", terms=((1, cert(primal=(1.6, 1.2))),), target=F(14, 5))
    assert v.status is Status.UNDECIDED and "not exact" in v.detail


def test_a_combination_with_a_negative_coefficient_swaps_the_bounds():
    # OPT - OPT = 0 from the same exact certificate; with a loose certificate on one side it is not shown
    assert rules.lp_duality("", method="m", terms=((1, cert()), (-1, cert())), target=0).status is Status.PROVED
    loose = cert(primal=(F(1), F(1)), dual_ub=(F(-1, 2), F(-1, 2)))
    assert rules.lp_duality("", method="m", terms=((1, cert()), (-1, loose)), target=0).status is Status.UNDECIDED
    # 14/5 - OPT' <= 14/5 - 2 = 4/5 holds for OPT' in [2, 5]
    assert rules.lp_duality("", method="m", terms=((1, cert()), (-1, loose)), relation="<=",
                            target=F(4, 5)).status is Status.PROVED


def test_an_enclosed_irrational_target_certifies_inequalities_never_equality():
    e_ball = (F(2718281828, 10**9), F(2718281829, 10**9))
    v = rules.lp_duality("", method="m", terms=((1, cert()),), relation=">=", target_enclosure=e_ball)
    assert v.status is Status.CERTIFIED
    assert rules.lp_duality("", method="m", terms=((1, cert()),), relation="<=",
                            target_enclosure=e_ball).status is Status.UNDECIDED          # 14/5 > e
    assert rules.lp_duality("", method="m", terms=((1, cert()),),
                            target_enclosure=(F(14, 5), F(14, 5) + F(1, 10**9))).status is Status.UNDECIDED
