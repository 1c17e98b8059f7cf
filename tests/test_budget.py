"""symmech.tactics.budget: model-construction SymPy calls run under a time budget, read at call time, and only
finished calls are memoized (a call that ran out is retried with the next budget)."""
from __future__ import annotations

import pytest
import sympy as sp

from symmech.tactics import budget

x = sp.Symbol("x", positive=True)
HARD = (sp.exp(2 * x) - 1) / (sp.exp(x) - 1) + sp.sin(x) ** 2 + sp.cos(x) ** 2 + sp.log(x ** 3) / 3


def test_a_simplification_that_ran_out_is_kept_unchanged_and_not_memoized():
    budget._simplified.cache_clear()
    assert budget.simplify(HARD, seconds=1e-6) == HARD            # ran out: the expression as it was
    assert budget.simplify(HARD) == sp.simplify(HARD) != HARD     # retried, not served from the memo


def test_the_default_budget_is_read_at_call_time(monkeypatch):
    budget._simplified.cache_clear()
    monkeypatch.setattr(budget, "SIMPLIFY_SECONDS", 1e-6)
    assert budget.simplify(HARD) == HARD
    monkeypatch.setattr(budget, "INTEGRATE_SECONDS", 1e-6)
    budget._integrated.cache_clear()
    with pytest.raises(budget.BudgetExceeded):
        budget.integrate(x * sp.log(x) ** 3, (x, 1, 2))


def test_integrals_are_exact_and_memoized():
    budget._integrated.cache_clear()
    first = budget.integrate(x * sp.log(x), (x, 1, 2))
    assert sp.simplify(first - (2 * sp.log(2) - sp.Rational(3, 4))) == 0     # by hand: [x^2 log x / 2 - x^2 / 4]_1^2
    assert budget.integrate(x * sp.log(x), (x, 1, 2)) is first
    assert budget._integrated.cache_info().hits == 1
