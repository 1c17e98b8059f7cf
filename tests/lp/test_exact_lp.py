"""Exact rational LPs with duality certificates (symmech.tactics.lp.exact).

Known optima are computed by hand in the docstrings; every certificate test has a tampered twin
that ``verify()`` must reject with a reason.
"""
from __future__ import annotations

from dataclasses import replace
from fractions import Fraction as F

import pytest
import sympy as sp

from symmech.tactics.lp import exact
from symmech.tactics.lp.exact import CertificateError, LinearProgram, LPError, check_certificate, solve_exact


def _max_lp() -> LinearProgram:
    """max 3x + 2y s.t. x + y <= 4, x + 3y <= 6, 0 <= x <= 3, y >= 0.

    By hand: at x = 3 (bound), y <= 1 from x + y <= 4 (x + 3y = 6 gives y = 1 too): (3, 1), value 11;
    dual: y_2 = 2/3 on x + 3y <= 6 and 7/3 on the bound x <= 3: 6 * 2/3 + 3 * 7/3 = 11.
    """
    return LinearProgram(c=[3, 2], A_ub=[[1, 1], [1, 3]], b_ub=[4, 6], bounds=[(0, 3), (0, None)], maximize=True)


def _min_lp() -> LinearProgram:
    """min x/3 + y/7 s.t. x + y = 1, x - 2y >= 1/5, x, y >= 0.

    By hand: y = 1 - x, x >= 11/15; the cost 1/7 + 4x/21 increases in x: x = 11/15, value 89/315.
    """
    return LinearProgram(c=[F(1, 3), F(1, 7)], A_ub=[[-1, 2]], b_ub=[F(-1, 5)], A_eq=[[1, 1]], b_eq=[1])


def test_hand_computed_optima():
    r = solve_exact(_max_lp())
    assert r.certified and r.value == 11 and r.primal == (3, 1)
    assert r.verify() == 11
    r = solve_exact(_min_lp())
    assert r.certified and r.value == F(89, 315) and r.primal == (F(11, 15), F(4, 15))
    assert r.verify() == F(89, 315)


def test_sympy_data_and_sparse_rows():
    lp = LinearProgram(c=[sp.Rational(1, 3), sp.Integer(1)], A_ub=[{0: -1}, {1: "-1/2"}], b_ub=["-2/3", -1])
    r = solve_exact(lp)   # min x/3 + y, x >= 2/3, y >= 2: 2/9 + 2
    assert r.value == F(20, 9) and r.verify() == F(20, 9)


def test_float_data_refused():
    with pytest.raises(TypeError):
        LinearProgram(c=[0.1, 1])


@pytest.mark.parametrize("tamper", ["primal_infeasible", "primal_suboptimal", "dual_sign", "dual_gap", "value"])
def test_tampered_certificate_rejected(tamper):
    r = solve_exact(_max_lp())
    if tamper == "primal_infeasible":
        bad = replace(r, primal=(F(3), F(2)))          # x + y = 5 > 4
        msg = "primal violates"
    elif tamper == "primal_suboptimal":
        bad = replace(r, primal=(F(3), F(0)))          # feasible, value 9 < 11: gap
        msg = "duality gap"
    elif tamper == "dual_sign":
        bad = replace(r, dual_ub=(F(1, 2), r.dual_ub[1]))
        msg = "positive"
    elif tamper == "dual_gap":
        bad = replace(r, dual_ub=(F(0), F(-1)))        # feasible dual, weaker bound: gap
        msg = "duality gap"
    else:
        bad = replace(r, value=F(12))
        msg = "claims"
    with pytest.raises(CertificateError, match=msg):
        bad.verify()


def test_dual_needing_missing_bound_rejected():
    """A dual whose reduced cost would need an upper bound that the variable lacks is not a bound."""
    lp = LinearProgram(c=[-1], A_ub=[[1]], b_ub=[2])   # min -x, x <= 2: -2 with y = -1
    assert solve_exact(lp).value == -2
    with pytest.raises(CertificateError, match="no upper bound"):
        check_certificate(lp, [F(2)], [F(0)], [])


def test_infeasible_and_unbounded_raise():
    with pytest.raises(LPError, match="infeasible"):
        solve_exact(LinearProgram(c=[1], A_ub=[[1], [-1]], b_ub=[0, -1]))   # x <= 0, x >= 1
    with pytest.raises(LPError, match="unbounded"):
        solve_exact(LinearProgram(c=[-1], A_ub=[[-1]], b_ub=[0]))          # min -x, x >= 0


def test_large_denominator_needs_active_set():
    """min x s.t. 1000003 x >= 1: 1/1000003 is not found by rounding (denominators <= 10^6)."""
    lp = LinearProgram(c=[1], A_ub=[[-1000003]], b_ub=[-1])
    r = solve_exact(lp)
    assert r.certified and r.value == F(1, 1000003) and "active set" in r.method
    assert r.verify() == F(1, 1000003)


def test_degenerate_lp():
    """max x + y s.t. x <= 1, y <= 1, x + y <= 2 (three active rows at (1, 1)): value 2."""
    lp = LinearProgram(c=[1, 1], A_ub=[[1, 0], [0, 1], [1, 1]], b_ub=[1, 1, 2], maximize=True)
    r = solve_exact(lp)
    assert r.value == 2 and r.verify() == 2


def test_no_certificate_is_not_claimed(monkeypatch):
    """Without a recovered certificate the value is None and verify() refuses."""
    monkeypatch.setattr(exact, "_active_primal", lambda *a, **k: None)
    monkeypatch.setattr(exact, "_active_dual", lambda *a, **k: None)
    lp = LinearProgram(c=[1], A_ub=[[-1000003]], b_ub=[-1])
    r = solve_exact(lp, denominators=(1, 10))
    assert not r.certified and r.value is None
    assert abs(r.float_value - 1 / 1000003) < 1e-12
    with pytest.raises(CertificateError, match="no exact certificate"):
        r.verify()
