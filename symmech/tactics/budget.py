"""SymPy calls that can run long, under a time budget.

Building a model simplifies and integrates expressions; on unlucky input
(``log(kt*10000001/10**7)``) SymPy's ``simplify`` can run for many minutes.
Every such call in model construction goes through here:

* :func:`simplify` is cosmetic: when the budget runs out the expression is kept as it is;
* :func:`integrate` is needed: when the budget runs out it raises :class:`BudgetExceeded`,
  a clear error naming the integral, never a hang.

Both use the alarm timer :func:`within_budget` (the exact tactics' budget lives here too), so they
nest inside the budgets of commands and of the mutation harness.
"""
from __future__ import annotations

import contextlib
import contextvars
import functools
import logging
import signal
import threading
import time

import sympy as sp

log = logging.getLogger("symmech")

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
    out = within_budget(lambda: sp.simplify(expr), seconds)
    if out is None:
        raise _RanOut
    return out


@functools.lru_cache(maxsize=4096)
def _integrated(f: sp.Expr, limits: tuple, seconds: float) -> sp.Expr:
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


# ----------------------------------------------------------------------------------------------------
# the alarm timer
# ----------------------------------------------------------------------------------------------------
#: seconds the exact tactics may spend on one claim before giving up (main thread only)
TACTIC_TIME_LIMIT = 30.0


class _Budget(BaseException):
    """Raised inside SymPy when a tactic's time budget is spent (BaseException: SymPy's
    ``except Exception`` must not swallow it)."""


_tactic_cap: contextvars.ContextVar[float | None] = contextvars.ContextVar("tactic_cap", default=None)


@contextlib.contextmanager
def _capped(var: contextvars.ContextVar, seconds: float):
    """Set the cap in ``var`` to ``seconds`` within the block (nested blocks keep the smallest)."""
    cap = var.get()
    token = var.set(seconds if cap is None else min(cap, seconds))
    try:
        yield
    finally:
        var.reset(token)


def _limit(var: contextvars.ContextVar, default: float) -> float:
    cap = var.get()
    return default if cap is None else min(cap, default)


def tactics_budget(seconds: float):
    """Within this block the exact tactics get at most ``seconds`` per claim (nested blocks keep the
    smallest cap); a claim they cannot settle in time goes on to the certifier and sampling."""
    return _capped(_tactic_cap, seconds)


def tactic_time_limit() -> float:
    """Seconds the exact tactics may spend on the current claim: ``TACTIC_TIME_LIMIT``, capped by
    :func:`tactics_budget`."""
    return _limit(_tactic_cap, TACTIC_TIME_LIMIT)


def within_budget(fn, seconds: float | None = None):
    """Run ``fn()``; return None if it exceeds ``seconds`` (SIGALRM, main thread only).

    Nests inside a caller's own interval timer (e.g. the mutation harness's
    per-mutant limit): when the outer timer would fire first, ``fn`` runs under
    it unchanged; otherwise the budget applies and the outer timer and handler
    are restored afterwards with the time that is left.  Without SIGALRM or off
    the main thread, ``fn`` runs without a budget.
    """
    seconds = tactic_time_limit() if seconds is None else seconds
    if not (hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()):
        return fn()
    outer_left, outer_interval = signal.getitimer(signal.ITIMER_REAL)
    if outer_left and outer_left <= seconds:
        return fn()             # the caller's deadline comes first: its handler decides

    state = {"active": True}

    def _raise(signum, frame):
        if state["active"]:
            # one more shot in 50 ms: an exception raised inside a gc callback is swallowed
            signal.setitimer(signal.ITIMER_REAL, 0.05)
            raise _Budget()

    started = time.monotonic()
    result, gave_up = None, False
    previous = signal.signal(signal.SIGALRM, _raise)
    try:
        try:
            signal.setitimer(signal.ITIMER_REAL, seconds)     # inside the try: a tiny budget may fire at once
            result = fn()
            state["active"] = False
        except _Budget:
            state["active"] = False
            gave_up = True
    except _Budget:             # the next shot landed before the flag above was cleared
        state["active"] = False
        gave_up = True
    finally:
        state["active"] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_left:
            left = outer_left - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3), outer_interval)
    if gave_up:
        log.info("exact tactics gave up after %.0fs", seconds)
        return None
    return result
