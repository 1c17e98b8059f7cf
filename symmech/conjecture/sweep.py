"""Evaluate a conjecture at many parameter points: local processes by default, or a Dask cluster.

Dask is an optional extra (``pip install 'symmech[dask]'``), imported only when
``--dask ADDRESS`` is given.
"""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Callable

from symmech.engine.parallel import _fork_context, default_jobs, flush_streams
from .evaluate import evaluate_point
from .types import Conjecture

__all__ = ["SweepError", "run_points"]


class SweepError(RuntimeError):
    """The sweep cannot run (e.g. Dask requested but not installed, or the scheduler is unreachable)."""


def _import_dask():
    try:
        from dask.distributed import (
            Client,  # lazy: inside a try: the library is optional
        )
        from dask.distributed import (
            as_completed as dask_completed,  # lazy: inside a try: the library is optional
        )
    except ImportError as exc:
        raise SweepError("--dask needs the optional dependency dask[distributed]: "
                         "pip install 'symmech[dask]'" + (f" ({exc})" if str(exc) else "")) from None
    return Client, dask_completed


def run_points(conj: Conjecture, points: list[dict], digits: int = 50, *, workers: int | None = None,
               dask_address: str | None = None, progress: Callable[[int, int], None] | None = None
               ) -> list[list[dict]]:
    """Results per point, in the order of ``points``."""
    n = len(points)
    results: list = [None] * n
    done = 0

    def tick():
        if progress is not None:
            progress(done, n)

    tick()
    if dask_address is not None:
        Client, dask_completed = _import_dask()
        try:
            client = Client(dask_address, timeout="20s")
        except Exception as exc:  # noqa: BLE001 - any connection failure is reported as such
            raise SweepError(f"cannot connect to the Dask scheduler at {dask_address}: {exc}") from None
        try:
            futures = [client.submit(evaluate_point, conj, pt, digits, pure=False) for pt in points]
            index = {f.key: i for i, f in enumerate(futures)}
            for fut in dask_completed(futures):
                results[index[fut.key]] = fut.result()
                done += 1
                tick()
        finally:
            client.close()
        return results

    workers = workers or default_jobs()
    if workers <= 1 or n <= 1:
        for i, pt in enumerate(points):
            results[i] = evaluate_point(conj, pt, digits)
            done += 1
            tick()
        return results
    flush_streams()
    with ProcessPoolExecutor(max_workers=min(workers, n), mp_context=_fork_context()) as pool:
        futs = {pool.submit(evaluate_point, conj, pt, digits): i for i, pt in enumerate(points)}
        for fut in as_completed(futs):
            results[futs[fut]] = fut.result()
            done += 1
            tick()
    return results
