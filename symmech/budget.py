"""SymPy calls that can run long, under a time budget.

Building a model simplifies and integrates expressions; on unlucky input
(``log(kt*10000001/10**7)``) SymPy's ``simplify`` can run for many minutes.
Every such call in model construction goes through here:

* :func:`simplify` is cosmetic: when the budget runs out the expression is kept as it is;
* :func:`integrate` is needed: when the budget runs out it raises :class:`BudgetExceeded`,
  a clear error naming the integral, never a hang.

The budget uses the provers' alarm timer (:func:`symmech.provers.within_budget`), so it
nests inside the budgets of commands and of the mutation harness.
"""
from __future__ import annotations

import sympy as sp

#: seconds for one cosmetic simplification in model construction
SIMPLIFY_SECONDS = 5.0
#: seconds for one integral in model construction
INTEGRATE_SECONDS = 30.0


class BudgetExceeded(RuntimeError):
    """A SymPy call needed to build a model ran past its time budget."""


def simplify(expr, seconds: float = SIMPLIFY_SECONDS) -> sp.Expr:
    """``sp.simplify(expr)``, or ``expr`` unchanged if that takes longer than ``seconds``."""
    from .provers import within_budget

    expr = sp.sympify(expr)
    out = within_budget(lambda: sp.simplify(expr), seconds)
    return expr if out is None else out


def integrate(f, *limits, seconds: float = INTEGRATE_SECONDS) -> sp.Expr:
    """``sp.integrate(f, *limits)``; raises :class:`BudgetExceeded` after ``seconds``."""
    from .provers import within_budget

    out = within_budget(lambda: sp.integrate(f, *limits), seconds)
    if out is None:
        raise BudgetExceeded(f"the integral of {f} over {limits} did not finish within {seconds:.0f} s")
    return out
