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

import functools

import sympy as sp

#: seconds for one cosmetic simplification in model construction
SIMPLIFY_SECONDS = 5.0
#: seconds for one integral in model construction
INTEGRATE_SECONDS = 30.0


class BudgetExceeded(RuntimeError):
    """A SymPy call needed to build a model ran past its time budget."""


def simplify(expr, seconds: float | None = None) -> sp.Expr:
    """``sp.simplify(expr)``, or ``expr`` unchanged if that takes longer than ``seconds``
    (default :data:`SIMPLIFY_SECONDS`, read at call time)."""
    expr = sp.sympify(expr)
    try:
        return _simplified(expr, SIMPLIFY_SECONDS if seconds is None else seconds)
    except _RanOut:
        return expr


class _RanOut(Exception):
    """A budgeted call ran out (never memoized: a later call with more time may finish)."""


# Model construction simplifies and integrates the same expressions many times (a mechanism's payment
# is rebuilt by every IC check of it); SymPy's results are deterministic, so finished calls are memoized.
@functools.lru_cache(maxsize=4096)
def _simplified(expr: sp.Expr, seconds: float) -> sp.Expr:
    from .provers import within_budget

    out = within_budget(lambda: sp.simplify(expr), seconds)
    if out is None:
        raise _RanOut
    return out


@functools.lru_cache(maxsize=4096)
def _integrated(f: sp.Expr, limits: tuple, seconds: float) -> sp.Expr:
    from .provers import within_budget

    out = within_budget(lambda: sp.integrate(f, *limits), seconds)
    if out is None:
        raise _RanOut
    return out


def integrate(f, *limits, seconds: float | None = None) -> sp.Expr:
    """``sp.integrate(f, *limits)``; raises :class:`BudgetExceeded` after ``seconds`` (default
    :data:`INTEGRATE_SECONDS`, read at call time)."""
    seconds = INTEGRATE_SECONDS if seconds is None else seconds
    try:
        return _integrated(sp.sympify(f), tuple(sp.sympify(lim) for lim in limits), seconds)
    except _RanOut:
        raise BudgetExceeded(f"the integral of {f} over {limits} did not finish within {seconds:.0f} s") from None
