"""Check several claims at once on local processes: the claims, and the parts of every conjunction.

The conjecture path checks lists of independent claims (a whole-range proof; a better mechanism's IC, IR,
feasibility and guarantee).  :func:`check_many` splits every :class:`~symmech.claims.AllOf` into its parts,
checks all of them on forked processes (each in its worker's main thread, so the provers' SIGALRM budgets
apply as in a serial run), and combines each conjunction's verdict from its parts exactly as
``AllOf.check`` does.  In a process that is itself a worker (a sweep point), it runs serially: no pools
inside pools.
"""
from __future__ import annotations

import contextlib
import contextvars
import multiprocessing
import signal
import threading
import time
from dataclasses import dataclass
from typing import Sequence

from ..claims import AllOf, Claim, combine
from ..scope import Scope
from ..verdict import Verdict

__all__ = ["Checked", "check_many", "processes"]

_JOBS: contextvars.ContextVar[int | None] = contextvars.ContextVar("conjecture_jobs", default=None)


@contextlib.contextmanager
def processes(jobs: int | None):
    """Within this block :func:`check_many` uses at most ``jobs`` local processes (None: all cores)."""
    token = _JOBS.set(jobs)
    try:
        yield
    finally:
        _JOBS.reset(token)

#: the (claim, scope) leaves of the running check_many calls, inherited by forked workers (token -> list)
_PENDING: dict[int, list] = {}


@dataclass
class Checked:
    """One claim's outcome: its verdict (None: a time budget ran out), or the error that stopped it."""

    verdict: Verdict | None
    seconds: float
    error: str | None = None


def _leaves(claim: Claim) -> list[Claim]:
    """The claims an :class:`AllOf` is the conjunction of (recursively); any other claim is its own leaf."""
    return [leaf for p in claim.parts for leaf in _leaves(p)] if isinstance(claim, AllOf) else [claim]


def _assemble(claim: Claim, leaf_verdicts: list, start: int) -> tuple[Verdict | None, int]:
    """The verdict of ``claim`` from its leaves' verdicts (from position ``start``), as ``AllOf.check`` combines
    them, and the next position; None if a leaf ran out of time."""
    if not isinstance(claim, AllOf):
        return leaf_verdicts[start], start + 1
    parts, missing = [], False
    for p in claim.parts:
        v, start = _assemble(p, leaf_verdicts, start)
        missing |= v is None
        parts.append((p, v))
    return (None if missing else combine(parts)), start


def _check_leaf(token: int, index: int, digits: int, samples: int, settings: dict, limits: tuple) -> tuple:
    """Check leaf ``index`` of ``_PENDING[token]``: ('ok', verdict dict or None, seconds) or ('error', text, s)."""
    from .. import provers

    claim, scope = _PENDING[token][index]
    tactics, certify, seconds = limits

    def run():
        with contextlib.ExitStack() as stack:
            if not settings["certifier"]:
                stack.enter_context(provers.without_certifier())
            stack.enter_context(provers.tactics_budget(min(tactics, settings["tactic_time"])))
            stack.enter_context(provers.certifier_budget(min(certify, settings["certify_time"])))
            return claim.check(scope, digits=digits, samples=samples)

    t0 = time.perf_counter()
    try:
        v = provers.within_budget(run, seconds)
    except Exception as exc:    # noqa: BLE001 - a crash is not a proof
        return "error", f"{type(exc).__name__}: {exc}", time.perf_counter() - t0
    return "ok", None if v is None else v.to_dict(), time.perf_counter() - t0


def check_many(items: Sequence[tuple[Claim, Scope]], *, digits: int, samples: int, tactics: float = 6.0,
               certify: float = 8.0, seconds: float = 240.0, jobs: int | None = None) -> list[Checked]:
    """Each (claim, scope) checked with at most ``tactics`` s of exact tactics and ``certify`` s of certifier
    per leaf claim and ``seconds`` in all per leaf; outcomes in the order of ``items``.

    ``jobs``: local processes (default: those of :func:`processes`, else all cores; 1 in a worker process)."""
    from ..cache import settings_now, verdict_from_dict
    from ..parallel import Executor

    if jobs is None:
        jobs = 1 if multiprocessing.parent_process() is not None else _JOBS.get()
    if hasattr(signal, "getitimer") and threading.current_thread() is threading.main_thread():
        left = signal.getitimer(signal.ITIMER_REAL)[0]
        if left:                # a caller's deadline: no leaf (in any process) may outlive it
            seconds = min(seconds, left)
    leaves = [(leaf, scope) for claim, scope in items for leaf in _leaves(claim)]
    settings = settings_now(digits, samples)
    token = id(leaves)
    _PENDING[token] = leaves
    try:
        done = dict(Executor(jobs).map(_check_leaf, [(token, i, digits, samples, settings, (tactics, certify, seconds))
                                                     for i in range(len(leaves))]))
    finally:
        _PENDING.pop(token, None)
    out: list[Checked] = []
    start = 0
    for claim, _ in items:
        n = len(_leaves(claim))
        mine = [done[i] for i in range(start, start + n)]
        start += n
        secs = sum(m[2] for m in mine)
        errors = [m[1] for m in mine if m[0] == "error"]
        if errors:
            out.append(Checked(None, secs, errors[0]))
            continue
        verdicts = [None if m[1] is None else verdict_from_dict(m[1]) for m in mine]
        out.append(Checked(_assemble(claim, verdicts, 0)[0], secs))
    return out
