"""symmech.conjecture.checking: conjunctions split into their parts, checked on local processes, combined
exactly as AllOf.check combines them (compared with a serial check of the same claims)."""
from __future__ import annotations

import sympy as sp

from symmech import AllOf, Identity, Implied, Inequality, Scope, Status
from symmech.claims import _MEMO
from symmech.conjecture.checking import check_many, processes

x = sp.Symbol("x")
SCOPE = Scope()
TRUE_INEQ = Inequality("pos", lhs=x**2 + 1, rel=">", rhs=0, over=[(x, 0, 1)])
TRUE_ID = Identity("pyth", lhs=sp.sin(x) ** 2 + sp.cos(x) ** 2, rhs=1, over=[(x, 0, 1)])
FALSE_INEQ = Inequality("half", lhs=x, rel=">=", rhs=sp.Rational(1, 2), over=[(x, 0, 1)])   # false at x = 0


class Boom(Inequality):
    def check(self, scope, *, digits=50, samples=9):
        raise RuntimeError("boom")


def _serial(claim):
    _MEMO.clear()
    return claim.check(SCOPE, digits=30, samples=3)


def test_parallel_parts_give_the_serial_verdicts():
    holding = AllOf("all", parts=[TRUE_INEQ, AllOf("inner", parts=[TRUE_ID, TRUE_INEQ])])
    failing = AllOf("some", parts=[TRUE_INEQ, AllOf("inner", parts=[TRUE_ID, FALSE_INEQ])])
    got = check_many([(holding, SCOPE), (failing, SCOPE), (FALSE_INEQ, SCOPE)], digits=30, samples=3, jobs=2)
    assert [g.verdict.status for g in got] == [Status.PROVED, Status.REFUTED, Status.REFUTED]
    for claim, g in zip((holding, failing, FALSE_INEQ), got):
        serial = _serial(claim)
        assert (g.verdict.status, g.verdict.method, g.verdict.detail) == (serial.status, serial.method, serial.detail)
        assert g.error is None and g.seconds > 0
    assert "part inner refuted" in got[1].verdict.detail


def test_implied_claims_split_into_their_checks_give_the_serial_verdicts():
    """An Implied's first direct check, routes and implication steps run as separate tasks; its verdict is
    the one Implied.check gives (a direct proof, a checked route, a refutation)."""
    from symmech import Mechanism, PiecewiseFunction, checks

    th = sp.Symbol("theta", nonnegative=True)
    half = sp.Rational(1, 2)
    good = Mechanism.from_allocation(th, PiecewiseFunction(th, (0, half, 1), (0, 2 * th - 1)))
    bad = Mechanism(th, good.allocation, PiecewiseFunction(th, (0, half, 1), (0, th)))       # pays th: U < 0
    route = Implied("route", direct=Inequality("hard", lhs=sp.log(1 + x), rel="<=", rhs=x - x**2 / 2 + x**3 / 3,
                                                 over=[(x, 0, 1)]),
                    sufficient=[Inequality("taylor", lhs=x**3 / 3, rel=">=", rhs=0, over=[(x, 0, 1)])])
    claims = [checks.individually_rational(good, id="ir_good"), checks.individually_rational(bad, id="ir_bad"),
              AllOf("both", parts=[route, TRUE_INEQ])]
    got = check_many([(c, SCOPE) for c in claims], digits=30, samples=3, jobs=2)
    for claim, g in zip(claims, got):
        serial = _serial(claim)
        assert (g.verdict.status, g.verdict.method, g.verdict.detail) == (serial.status, serial.method, serial.detail)
        assert [h.to_dict() for h in g.verdict.trust] == [h.to_dict() for h in serial.trust]
    assert got[1].verdict.status is Status.REFUTED


def test_an_error_in_one_part_is_reported_for_its_claim_only():
    got = check_many([(AllOf("a", parts=[TRUE_INEQ, Boom("b", lhs=x, rel=">=", rhs=0)]), SCOPE), (TRUE_INEQ, SCOPE)],
                     digits=30, samples=3, jobs=2)
    assert got[0].verdict is None and "RuntimeError: boom" in got[0].error
    assert got[1].verdict.status is Status.PROVED and got[1].error is None


def test_one_process_runs_here(monkeypatch):
    import symmech.engine.parallel as par

    def no_pool(*a, **k):
        raise AssertionError("a process pool was started")

    monkeypatch.setattr(par, "ProcessPoolExecutor", no_pool)
    with processes(1):
        got = check_many([(AllOf("a", parts=[TRUE_INEQ, TRUE_ID]), SCOPE)], digits=30, samples=3)
    assert got[0].verdict.status is Status.PROVED


def test_a_callers_deadline_bounds_every_part():
    """Under an outer budget, each part gets at most the time left (in every worker process)."""
    import time

    from symmech.tactics.provers import within_budget

    y, z = sp.symbols("y z")
    # the exact tactics spend about 30 s factoring this one (tests/test_falsify_thin_slab.py)
    slow = Inequality("slow", lhs=1 - 2 * sp.exp(-10**4 * (x + y + z - sp.Rational(1, 3)) ** 2), rel=">=", rhs=0,
                      over=[(x, 0, 3), (y, 0, 3), (z, 0, 3)])
    t0 = time.monotonic()
    got = within_budget(lambda: check_many([(AllOf("a", parts=[slow, slow]), SCOPE)], digits=30, samples=3,
                                           tactics=60, certify=60, seconds=600, jobs=2), 1.0)
    assert time.monotonic() - t0 < 15, "the parts outlived the caller's 1 s deadline by far"
    assert got is None or got[0].verdict is None or got[0].verdict.status is not Status.PROVED
    import multiprocessing

    deadline = time.monotonic() + 10          # the workers stop soon after the deadline, not after the tactics
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not multiprocessing.active_children(), "worker processes still run long after the deadline"
