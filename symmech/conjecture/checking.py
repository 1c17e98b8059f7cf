"""Check several claims at once on local processes: the claims, and the parts of every conjunction.

The conjecture path checks lists of independent claims (a whole-range proof; a better mechanism's IC, IR,
feasibility and guarantee).  :func:`check_many` splits every :class:`~symmech.claims.AllOf` into its parts and
every :class:`~symmech.claims.Implied` into its first direct check, its routes and their implication steps,
checks all of them on forked processes (each in its worker's main thread, so the provers' SIGALRM budgets
apply as in a serial run), and combines the verdicts exactly as ``AllOf.check`` and ``Implied.assemble`` do
(an Implied's full direct check, needed only when no route is proved, runs afterwards in this process).
In a process that is itself a worker (a sweep point), it runs serially: no pools inside pools.
"""
from __future__ import annotations

import contextlib
import contextvars
import math
import multiprocessing
import signal
import threading
import time
from dataclasses import dataclass
from typing import Sequence

from symmech.tactics import provers
from symmech.engine.cache import settings_now, verdict_from_dict
from ..claims import AllOf, Claim, Implied, combine
from ..kernel.verdict import Verdict
from symmech.engine.parallel import Executor
from symmech.tactics.scope import Scope

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


#: the (unit, leaf, scope) checks of the running check_many calls, inherited by forked workers (token -> list)
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


def _units(leaf: Claim) -> list[tuple]:
    """The independent checks of one leaf: the leaf itself, or for an :class:`Implied` its first direct check,
    each route and each route's implication step (its full direct check, rarely needed, runs later, here)."""
    if not isinstance(leaf, Implied):
        return [("check",)]
    units = [("first",)] + [("route", i) for i in range(len(leaf.sufficient))]
    if leaf.implication is not None:
        units += [("link", i) for i in range(len(leaf.sufficient))]
    return units


def _run_unit(unit: tuple, claim: Claim, scope: Scope, digits: int, samples: int, settings: dict,
              limits: tuple) -> tuple:
    """One check under the caller's settings: ('ok', verdict dict or None when the budget ran out, seconds) or
    ('error', text, seconds)."""
    tactics, certify, seconds = limits

    def one():
        kind = unit[0]
        if kind == "check":
            return claim.check(scope, digits=digits, samples=samples)
        if kind == "first":
            return claim.first_direct_check(scope, digits, samples)
        if kind == "route":
            return claim.sufficient[unit[1]].check(scope, digits=digits, samples=samples)
        if kind == "link":
            return claim.implication.check(claim.direct, claim.sufficient[unit[1]], scope, digits, samples)
        return claim.direct.check(scope, digits=digits, samples=samples)        # "full"

    def run():
        with contextlib.ExitStack() as stack:
            if not settings["certifier"]:
                stack.enter_context(provers.without_certifier())
            stack.enter_context(provers.tactics_budget(min(tactics, settings["tactic_time"])))
            stack.enter_context(provers.certifier_budget(min(certify, settings["certify_time"])))
            return one()

    t0 = time.perf_counter()
    try:
        v = provers.within_budget(run, seconds) if math.isfinite(seconds) else run()
    except Exception as exc:    # noqa: BLE001 - a crash is not a proof
        return "error", f"{type(exc).__name__}: {exc}", time.perf_counter() - t0
    return "ok", None if v is None else v.to_dict(), time.perf_counter() - t0


def _check_unit(token: int, index: int, digits: int, samples: int, settings: dict, limits: tuple) -> tuple:
    """Run unit ``index`` of ``_PENDING[token]`` (in a worker process, or here)."""
    unit, claim, scope = _PENDING[token][index]
    return _run_unit(unit, claim, scope, digits, samples, settings, limits)


class _Missing(Exception):
    """A check the assembly needs ran out of time (the leaf is then undecided by budget, as a serial check)."""


class _Failed(Exception):
    """A check the assembly needs crashed."""


def _leaf_verdict(leaf: Claim, scope: Scope, results: dict, rerun) -> Verdict | None:
    """The verdict of ``leaf`` from its units' results (``results[unit]``); ``rerun(unit)`` computes a unit not
    run yet (the full direct check of an Implied).  Raises _Failed if a needed check crashed."""
    def get(unit):
        kind, payload, _ = results[unit] if unit in results else rerun(unit)
        if kind == "error":
            raise _Failed(payload)
        if payload is None:
            raise _Missing
        return verdict_from_dict(payload)

    try:
        if not isinstance(leaf, Implied):
            return get(("check",))
        return leaf.assemble(get(("first",)), lambda i: get(("route", i)), lambda i: get(("link", i)),
                             lambda: get(("full",)))
    except _Missing:
        return None


def check_many(items: Sequence[tuple[Claim, Scope]], *, digits: int, samples: int, tactics: float = 6.0,
               certify: float = 8.0, seconds: float = 240.0, jobs: int | None = None) -> list[Checked]:
    """Each (claim, scope) checked with at most ``tactics`` s of exact tactics and ``certify`` s of certifier
    per leaf claim and ``seconds`` in all per leaf; outcomes in the order of ``items``.

    ``jobs``: local processes (default: those of :func:`processes`, else all cores; 1 in a worker process)."""
    if jobs is None:
        jobs = 1 if multiprocessing.parent_process() is not None else _JOBS.get()
    if hasattr(signal, "getitimer") and threading.current_thread() is threading.main_thread():
        left = signal.getitimer(signal.ITIMER_REAL)[0]
        if left:                # a caller's deadline: no leaf (in any process) may outlive it
            seconds = min(seconds, left)
    groups = [[(leaf, scope) for leaf in _leaves(claim)] for claim, scope in items]       # leaves per item
    units = [(unit, leaf, scope) for group in groups for leaf, scope in group for unit in _units(leaf)]
    settings = settings_now(digits, samples)
    limits = (tactics, certify, seconds)
    token = id(units)
    _PENDING[token] = units
    try:
        done = dict(Executor(jobs).map(_check_unit, [(token, i, digits, samples, settings, limits)
                                                     for i in range(len(units))]))
    finally:
        _PENDING.pop(token, None)
    results = iter(done[i] for i in range(len(units)))       # in the order of `units`
    out: list[Checked] = []
    for (claim, _), group in zip(items, groups):
        verdicts, secs, error = [], 0.0, None
        for leaf, scope in group:
            mine = {unit: next(results) for unit in _units(leaf)}

            def rerun(unit, leaf=leaf, scope=scope, mine=mine):
                mine[unit] = _run_unit(unit, leaf, scope, digits, samples, settings, limits)
                return mine[unit]

            try:
                verdicts.append(_leaf_verdict(leaf, scope, mine, rerun))
            except _Failed as exc:
                error = error or str(exc)
            secs += sum(r[2] for r in mine.values())
        if error is not None:
            out.append(Checked(None, secs, error))
            continue
        out.append(Checked(_assemble(claim, verdicts, 0)[0], secs))
    return out
