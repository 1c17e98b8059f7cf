"""Run independent tasks on local processes or on a Dask cluster, with results in submission order.

Every task runs in the main thread of its process, so the provers' SIGALRM time budgets
apply exactly as in a serial run:

* locally, a :class:`concurrent.futures.ProcessPoolExecutor` whose workers are forked from
  this process (they inherit the loaded derivations; nothing is pickled but the task's
  arguments and result);
* on Dask (``--dask ADDRESS``), where a task runs in a worker *thread*, the task forks a child
  process and runs there (in its main thread), returning the result through a pipe.

``jobs == 1`` runs the tasks here, one after the other (no processes at all).

Workers never outlive the process that started them, whatever ends it (SIGTERM, SIGKILL, an exception, the
memory cap): each worker watches its parent (:func:`_watch_parent`) and exits as soon as it is orphaned, and an
exception in the parent terminates the workers instead of waiting for their tasks.
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
import traceback
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Any, Callable, Iterator, Sequence

__all__ = ["ExecutorError", "Executor", "default_jobs", "run_in_child"]


class ExecutorError(RuntimeError):
    """The executor cannot run (Dask not installed, scheduler unreachable, a worker died)."""


def default_jobs() -> int:
    """All local cores (the CPUs this process may use)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - non-Linux
        return os.cpu_count() or 1


def _fork_context():
    try:
        return multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover - platforms without fork
        return multiprocessing.get_context()


#: seconds between two looks of a worker at its parent
PARENT_POLL = 0.25


def _watch_parent(parent: int) -> None:
    """In a worker: exit at once when ``parent`` is no longer this process's parent (it died, and the
    worker was handed to init or a subreaper).  On Linux the kernel also sends SIGKILL on the parent's death
    (``PR_SET_PDEATHSIG``); the watcher thread covers the other systems and the race before that was set."""
    try:
        import ctypes  # lazy: only in a worker process, only on Linux

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)        # PR_SET_PDEATHSIG = 1
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(1)
            time.sleep(PARENT_POLL)

    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=watch, name="symmech-parent-watch", daemon=True).start()


def run_in_child(fn: Callable, *args: Any) -> Any:
    """``fn(*args)`` in a forked child process's main thread (for SIGALRM budgets off the main
    thread); the child's exception is re-raised here as :class:`ExecutorError` with its traceback.

    Uses ``os.fork`` directly: Dask's worker processes are daemons, which ``multiprocessing``
    does not let have children.
    """
    if threading.current_thread() is threading.main_thread() or not hasattr(os, "fork"):
        return fn(*args)
    flush_streams()
    read_fd, write_fd = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: the forking thread is its main thread now
        code = 0
        try:
            os.close(read_fd)
            _watch_parent(parent)
            try:
                payload = (True, fn(*args))
            except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent
                payload = (False, f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}")
            try:
                data = pickle.dumps(payload)
            except Exception as exc:  # noqa: BLE001
                data = pickle.dumps((False, f"result not picklable: {exc}"))
            with os.fdopen(write_fd, "wb") as w:
                w.write(data)
        except BaseException:  # noqa: BLE001
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as r:
        data = r.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        raise ExecutorError(f"the child process running {getattr(fn, '__name__', fn)} died "
                            f"(wait status {status})")
    ok, value = pickle.loads(data)
    if not ok:
        raise ExecutorError(value)
    return value


def _import_dask():
    try:
        from dask.distributed import (  # lazy: inside a try: the library is optional
            Client,
            as_completed,
        )
    except ImportError as exc:
        raise ExecutorError("--dask needs the optional dependency dask[distributed]: "
                            "pip install 'symmech[dask]'" + (f" ({exc})" if str(exc) else "")) from None
    return Client, as_completed


class Executor:
    """Where tasks run: ``jobs`` local processes (default: all cores), or a Dask scheduler.

    ``dask`` is an address (``tcp://host:port``) or a ``dask.distributed.Client``.
    """

    def __init__(self, jobs: int | None = None, dask: Any = None) -> None:
        self.jobs = default_jobs() if jobs is None else max(1, int(jobs))
        self.dask = dask

    @property
    def serial(self) -> bool:
        return self.dask is None and self.jobs <= 1

    def describe(self) -> str:
        if self.dask is not None:
            return f"Dask at {getattr(self.dask, 'scheduler', None) and self.dask.scheduler.address or self.dask}"
        return "serial" if self.serial else f"{self.jobs} local processes"

    def map(self, fn: Callable, argsets: Sequence[tuple]) -> Iterator[tuple[int, Any]]:
        """``(index, fn(*argsets[index]))`` as each task completes (any order)."""
        n = len(argsets)
        if n == 0:
            return
        if self.dask is not None:
            yield from self._map_dask(fn, argsets)
            return
        if self.serial or n == 1:
            for i, args in enumerate(argsets):
                yield i, fn(*args)
            return
        pool = ProcessPoolExecutor(max_workers=min(self.jobs, n), mp_context=_fork_context(),
                                   initializer=_watch_parent, initargs=(os.getpid(),))
        finished = False
        try:
            futures = {pool.submit(fn, *args): i for i, args in enumerate(argsets)}
            pending = set(futures)
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    yield futures[fut], fut.result()
            finished = True
        finally:
            if finished:
                pool.shutdown(wait=True)
            else:   # an exception, Ctrl-C or an abandoned generator: stop the workers, do not wait for them
                _terminate(pool)

    def _map_dask(self, fn: Callable, argsets: Sequence[tuple]) -> Iterator[tuple[int, Any]]:
        Client, as_completed = _import_dask()
        own = not hasattr(self.dask, "submit")
        if own:
            try:
                client = Client(self.dask, timeout="20s")
            except Exception as exc:  # noqa: BLE001 - any connection failure is reported as such
                raise ExecutorError(f"cannot connect to the Dask scheduler at {self.dask}: {exc}") from None
        else:
            client = self.dask
        try:
            futures = [client.submit(run_in_child, fn, *args, pure=False) for args in argsets]
            index = {f.key: i for i, f in enumerate(futures)}
            for fut in as_completed(futures):
                yield index[fut.key], fut.result()
        finally:
            if own:
                client.close()

    def ordered(self, fn: Callable, argsets: Sequence[tuple]) -> Iterator[tuple[int, Any]]:
        """Like :meth:`map`, but yields in submission order, each as soon as it and all before it are done."""
        buffered: dict[int, Any] = {}
        nxt = 0
        for i, value in self.map(fn, argsets):
            buffered[i] = value
            while nxt in buffered:
                yield nxt, buffered.pop(nxt)
                nxt += 1


def _terminate(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started and end the workers of ``pool`` now."""
    processes = list((getattr(pool, "_processes", None) or {}).values())   # no public handle on the workers
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        try:
            proc.terminate()
        except Exception:  # noqa: BLE001 - already gone
            pass
    for proc in processes:
        proc.join(timeout=5)


def flush_streams() -> None:
    """Flush stdout/stderr before forking (children must not repeat buffered output)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001
            pass
