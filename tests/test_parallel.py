"""Parallel checking (symmech/engine/parallel.py, runner.py): local processes and a local Dask cluster give the
same verdicts in the same order as a serial run, and the SIGALRM budgets still apply in every worker."""
import time

import pytest
import sympy as sp

from symmech.engine.parallel import Executor, ExecutorError, run_in_child
from symmech.engine.runner import verify_many

from _small_derivation import build


def _summary(report):
    return [(r.claim.id, r.verdict.status.value, r.verdict.detail, r.verdict.witness) for r in report.results]


@pytest.fixture(scope="module")
def serial():
    return [_summary(r) for r in verify_many([build(name="a"), build(sp.Rational(1, 3), name="b")],
                                             digits=20, samples=3)]


def test_local_processes_match_the_serial_run(serial):
    reports = list(verify_many([build(name="a"), build(sp.Rational(1, 3), name="b")], digits=20, samples=3,
                               executor=Executor(2)))
    assert [r.derivation.name for r in reports] == ["a", "b"]
    assert [_summary(r) for r in reports] == serial
    assert serial[0][-1][1] == "refuted" and serial[0][0][1] == "proved"


def test_derivation_verify_with_jobs(serial):
    rep = build(name="a").verify(digits=20, samples=3, jobs=2)
    assert _summary(rep) == serial[0]


def _budget_probe():
    """Whether a 0.3 s SIGALRM budget stops a 5 s computation here (None = it did)."""
    from symmech.tactics.provers import within_budget

    t0 = time.monotonic()
    out = within_budget(lambda: time.sleep(5) or "ran to the end", 0.3)
    return out, time.monotonic() - t0


def test_budgets_apply_in_local_workers():
    (_, (out, seconds)), = list(Executor(2).map(_budget_probe, [()]))
    assert out is None and seconds < 3


def _boom():
    raise ZeroDivisionError("in the child")


def test_run_in_child_reports_the_childs_error():
    import threading

    box = {}

    def in_thread():
        try:
            run_in_child(_boom)
        except ExecutorError as exc:
            box["err"] = str(exc)

    t = threading.Thread(target=in_thread)
    t.start()
    t.join(30)
    assert "ZeroDivisionError: in the child" in box["err"]


@pytest.mark.parametrize("processes", [False, True])
def test_local_dask_cluster(serial, processes):
    """Tasks run in Dask worker threads; each forks a child so the budget (SIGALRM) still applies."""
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=processes,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        ex = Executor(dask=client)
        (_, (out, seconds)), = list(ex.map(_budget_probe, [()]))
        assert out is None and seconds < 3
        reports = list(verify_many([build(name="a"), build(sp.Rational(1, 3), name="b")], digits=20,
                                   samples=3, executor=ex))
        assert [_summary(r) for r in reports] == serial


def test_unreachable_scheduler_is_a_clear_error(monkeypatch):
    pytest.importorskip("dask.distributed")
    import symmech.engine.parallel as par

    real = par._import_dask

    def short_timeout():
        """The real dask Client and its real connection failure, after 2 s instead of the library's 20 s of
        idle waiting (the error path under test is the same)."""
        client_cls, as_completed = real()
        return (lambda address, timeout=None, **kw: client_cls(address, timeout="2s", **kw)), as_completed

    monkeypatch.setattr(par, "_import_dask", short_timeout)
    with pytest.raises(ExecutorError, match="cannot connect"):
        list(Executor(dask="tcp://127.0.0.1:9").map(_budget_probe, [(), ()]))


def test_mutate_jobs_gives_the_serial_outcome():
    import json

    from typer.testing import CliRunner

    from symmech.commands.cli import app

    args = ["mutate", "che_zhong_thm3", "--json", "--max-mutants", "2", "--digits", "20", "--samples", "2",
            "--timeout", "30"]
    outs = []
    for extra in ([], ["--jobs", "2"]):
        res = CliRunner().invoke(app, args + extra)
        assert res.exit_code in (0, 1), res.output
        data = json.loads(res.stdout)["extra"]["mutate"]
        outs.append((data["derivation"] if "derivation" in data else None,
                     {k: v for k, v in data.items() if k not in ("seconds", "results")}))
    assert outs[0] == outs[1]
