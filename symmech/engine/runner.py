"""Check the claims of one or several derivations: from the verdict cache, serially, or in parallel.

:func:`verify_many` is what ``Derivation.verify`` and ``symmech verify`` run.  Verdicts do not
depend on how they are computed: the same claim is checked by the same code with the same
settings (digits, samples, certifier switch and time limits are passed to every worker), and
reports come back in the order of the derivations and of their claims.
"""
from __future__ import annotations

import contextlib
import time
from typing import Any, Callable, Iterator, Sequence

from symmech.engine import cache as _cache
import symmech.claims as _claims
from symmech.tactics import provers
from symmech.engine import registry
from symmech.engine.cache import verdict_from_dict
from symmech.kernel.verdict import Status, Verdict
from symmech.engine.parallel import flush_streams
from symmech.engine.results import ClaimResult, Report

__all__ = ["verify_many"]

#: derivations of the current run, inherited by forked workers (token -> Derivation)
_LOCAL: dict[str, Any] = {}


def _resolve(ref: tuple) -> Any:
    kind, value = ref
    if kind == "local":
        return _LOCAL[value]
    if kind == "registry":
        return registry.load(value)
    if kind == "pickle":
        key = ("pickle", hash(value))
        deriv = _LOCAL.get(key)  # type: ignore[arg-type]
        if deriv is None:
            import cloudpickle  # lazy: cloudpickle comes with Dask (optional)

            deriv = _LOCAL[key] = cloudpickle.loads(value)  # type: ignore[index]
        return deriv
    raise ValueError(f"unknown derivation reference {kind!r}")


def check_one(claim, scope, digits: int, samples: int) -> tuple[Verdict, float]:
    """The verdict on one claim and the seconds it took (a crash is an honest 'undecided')."""
    t0 = time.perf_counter()
    try:
        verdict = claim.check(scope, digits=digits, samples=samples)
    except Exception as exc:  # a crash is an honest 'undecided', never a pass
        verdict = Verdict(Status.UNDECIDED, "error", f"{type(exc).__name__}: {exc}")
    return verdict, time.perf_counter() - t0


def _task(ref: tuple, index: int, digits: int, samples: int, settings: dict) -> tuple[dict, float]:
    """Check claim ``index`` of a derivation in this (worker) process under ``settings``."""
    deriv = _resolve(ref)
    with contextlib.ExitStack() as stack:
        if not settings.get("certifier", True):
            stack.enter_context(provers.without_certifier())
        stack.enter_context(provers.certifier_budget(settings["certify_time"]))
        stack.enter_context(provers.tactics_budget(settings["tactic_time"]))
        verdict, seconds = check_one(deriv.claims[index], deriv.scope, digits, samples)
    return verdict.to_dict(), seconds


def _ref_for(deriv, token: str, dask: bool) -> tuple:
    if not dask:
        return ("local", token)
    try:
        if registry.load(deriv.name) is deriv:
            return ("registry", deriv.name)
    except Exception:  # noqa: BLE001 - not a bundled derivation: ship it
        pass
    import cloudpickle  # lazy: cloudpickle comes with Dask (optional)

    return ("pickle", cloudpickle.dumps(deriv))


def verify_many(derivations: Sequence[Any], *, digits: int = 50, samples: int = 9,
                only: Sequence[str] | None = None, cache: Any = None, executor: Any = None,
                progress: Callable[[Any, Any, Verdict | None], None] | None = None) -> Iterator[Any]:
    """Reports of ``derivations`` in their order, each yielded as soon as it and those before it are done.

    ``cache`` is a :class:`symmech.engine.cache.VerdictCache` (None: no cache); ``executor`` a
    :class:`symmech.engine.parallel.Executor` (None: serial, here).  ``progress(derivation, claim,
    verdict)`` is called with ``verdict=None`` before a serial check and with the verdict
    after every claim.
    """
    settings = _cache.settings_now(digits, samples)
    plans = []  # per derivation: (claims, keys, results list)
    tasks: list[tuple[int, int]] = []  # (derivation index, position in its claim list)
    for d_i, deriv in enumerate(derivations):
        wanted = None if not only else set(only) | {c.corrected for c in deriv.claims
                                                     if c.id in only and getattr(c, "corrected", "")}
        chosen = [(i, c) for i, c in enumerate(deriv.claims) if wanted is None or c.id in wanted]
        keys = _cache.keys_for([c for _, c in chosen], deriv.scope, settings) if cache is not None \
            else [None] * len(chosen)
        results: list = [None] * len(chosen)
        for pos, ((_, claim), key) in enumerate(zip(chosen, keys)):
            t0 = time.perf_counter()
            hit = cache.get(key) if (cache is not None and key is not None) else None
            if hit is not None:
                results[pos] = ClaimResult(claim, hit[0], time.perf_counter() - t0, cached=True)
            else:
                tasks.append((d_i, pos))
        plans.append((chosen, keys, results))

    def finish(d_i: int, pos: int, verdict: Verdict, seconds: float) -> None:
        chosen, keys, results = plans[d_i]
        claim = chosen[pos][1]
        results[pos] = ClaimResult(claim, verdict, seconds)
        if cache is not None and keys[pos] is not None:
            cache.put(keys[pos], verdict, claim_id=claim.id, seconds=seconds)
        if progress:
            progress(derivations[d_i], claim, verdict)

    def report(d_i: int) -> Any:
        results = plans[d_i][2]
        return Report(derivations[d_i], list(results), sum(r.seconds for r in results), digits)

    emitted = 0
    serial = executor is None or executor.serial or len(tasks) <= 1 and executor.dask is None
    if serial:
        current = None
        for d_i, pos in tasks:
            while emitted < d_i:
                yield report(emitted)
                emitted += 1
            deriv = derivations[d_i]
            if current != d_i:
                _claims._MEMO.clear()
                current = d_i
            claim = plans[d_i][0][pos][1]
            if progress:
                progress(deriv, claim, None)
            verdict, seconds = check_one(claim, deriv.scope, digits, samples)
            finish(d_i, pos, verdict, seconds)
        while emitted < len(derivations):
            yield report(emitted)
            emitted += 1
        return

    dask = executor.dask is not None
    tokens = []
    for d_i, deriv in enumerate(derivations):
        token = f"{id(deriv)}:{d_i}"
        _LOCAL[token] = deriv
        tokens.append(token)
    refs = {d_i: _ref_for(derivations[d_i], tokens[d_i], dask) for d_i in {d for d, _ in tasks}}
    remaining = [sum(r is None for r in plan[2]) for plan in plans]
    argsets = [(refs[d_i], plans[d_i][0][pos][0], digits, samples, settings) for d_i, pos in tasks]
    flush_streams()
    try:
        for t_i, (vdict, seconds) in executor.map(_task, argsets):
            d_i, pos = tasks[t_i]
            finish(d_i, pos, verdict_from_dict(vdict), seconds)
            remaining[d_i] -= 1
            while emitted < len(derivations) and remaining[emitted] == 0:
                yield report(emitted)
                emitted += 1
    finally:
        for token in tokens:
            _LOCAL.pop(token, None)
    while emitted < len(derivations):
        yield report(emitted)
        emitted += 1
