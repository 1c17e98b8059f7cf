"""Exact rational linear programs with a duality certificate.

``min (or max) c.x  s.t.  A_ub x <= b_ub,  A_eq x = b_eq,  lo <= x <= hi``  with rational data.

The LP is solved in floating point by HiGHS (dual simplex, so the answer is a vertex), then an
exact rational primal point and an exact rational dual point are *recovered* (first by rounding to
nearby fractions with small denominators, then by solving the active equality system exactly with
FLINT's rational matrices).  Neither step is trusted: :meth:`ExactLPResult.verify` re-checks, with
Python :class:`fractions.Fraction` arithmetic only,

* primal feasibility of ``x`` (every row and every bound),
* dual feasibility of ``y`` (signs of ``y_ub``; each reduced cost ``c_j - (A^T y)_j`` can be
  absorbed by a finite bound of the right side),
* equality of the primal objective ``c.x`` and the dual objective,

so the exact optimum is *proved* by weak duality.  When no certificate verifies, the result is
not claimed exact: ``certified`` is False, ``value`` is None and only the float values are given.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Mapping, Sequence

import flint
import numpy as np

from symmech.kernel import lp_certificate as _kernel_lp

Row = Mapping[int, Fraction]  # sparse row: column -> coefficient


class LPError(RuntimeError):
    """The LP is infeasible or unbounded (as reported by HiGHS), or HiGHS failed."""


#: an exact optimality certificate does not check (with the reason); the kernel's error, which rechecks it
CertificateError = _kernel_lp.LPCertificateError


def _q(v) -> Fraction:
    """An exact rational from int/Fraction/str/SymPy Rational (floats are refused: not exact)."""
    if isinstance(v, Fraction):
        return v
    if isinstance(v, bool):
        raise TypeError("bool is not LP data")
    if isinstance(v, int):
        return Fraction(v)
    if isinstance(v, float):
        raise TypeError(f"float {v!r} is not exact LP data; use Fraction or a string")
    if isinstance(v, str):
        return Fraction(v)
    p, q = getattr(v, "p", None), getattr(v, "q", None)  # sympy Rational / Integer
    if isinstance(p, int) and isinstance(q, int):
        return Fraction(p, q)
    raise TypeError(f"cannot use {v!r} ({type(v).__name__}) as exact LP data")


def _row(r) -> dict[int, Fraction]:
    if isinstance(r, Mapping):
        return {int(j): _q(a) for j, a in r.items() if _q(a) != 0}
    return {j: _q(a) for j, a in enumerate(r) if _q(a) != 0}


@dataclass
class LinearProgram:
    """``min`` (``maximize=False``) or ``max`` of ``c.x`` over the polyhedron, exact rational data.

    Rows may be dense sequences or sparse ``{column: coefficient}`` mappings.  ``bounds`` is one
    ``(lo, hi)`` pair per variable (``None`` = infinite); default ``(0, None)`` for every variable.
    """

    c: Sequence
    A_ub: Sequence = ()
    b_ub: Sequence = ()
    A_eq: Sequence = ()
    b_eq: Sequence = ()
    bounds: Sequence | None = None
    maximize: bool = False
    names: Sequence[str] | None = None

    def __post_init__(self) -> None:
        self.c = [_q(a) for a in self.c]
        n = len(self.c)
        self.A_ub = [_row(r) for r in self.A_ub]
        self.b_ub = [_q(b) for b in self.b_ub]
        self.A_eq = [_row(r) for r in self.A_eq]
        self.b_eq = [_q(b) for b in self.b_eq]
        if len(self.A_ub) != len(self.b_ub) or len(self.A_eq) != len(self.b_eq):
            raise ValueError("row count of A and length of b differ")
        for r in (*self.A_ub, *self.A_eq):
            if r and (min(r) < 0 or max(r) >= n):
                raise ValueError(f"row refers to a column outside 0..{n - 1}")
        bnds = [(0, None)] * n if self.bounds is None else list(self.bounds)
        if len(bnds) != n:
            raise ValueError("need one (lo, hi) bound per variable")
        self.bounds = [(None if lo is None else _q(lo), None if hi is None else _q(hi)) for lo, hi in bnds]
        for lo, hi in self.bounds:
            if lo is not None and hi is not None and lo > hi:
                raise ValueError("empty bound interval")

    @property
    def size(self) -> tuple[int, int]:
        """(rows, columns), bounds not counted."""
        return len(self.A_ub) + len(self.A_eq), len(self.c)

    def min_c(self) -> list[Fraction]:
        """The cost vector of the equivalent minimization."""
        return [-a for a in self.c] if self.maximize else list(self.c)


def check_primal(lp: LinearProgram, x: Sequence[Fraction]) -> None:
    """Exact feasibility of ``x`` (every bound and row); raises :class:`CertificateError` (the kernel's check)."""
    _kernel_lp.check_primal(lp, x)


def check_dual(lp: LinearProgram, y_ub: Sequence[Fraction], y_eq: Sequence[Fraction]) -> Fraction:
    """Exact dual feasibility of ``(y_ub, y_eq)`` for the minimization; returns the dual objective (the kernel's
    check, :func:`symmech.kernel.lp_certificate.dual_objective`)."""
    return _kernel_lp.dual_objective(lp, y_ub, y_eq)


def check_certificate(lp: LinearProgram, x: Sequence[Fraction], y_ub: Sequence[Fraction],
                      y_eq: Sequence[Fraction]) -> Fraction:
    """The optimum proved by the certificate (the kernel's exact recheck); raises :class:`CertificateError`."""
    return _kernel_lp.check_certificate(lp, x, y_ub, y_eq)


@dataclass
class ExactLPResult:
    """Outcome of :func:`solve_exact`.

    ``certified``: an exact certificate was found and checked; then ``value`` is the exact optimum
    (a Fraction, in the LP's own sense), ``primal`` an optimal point and ``dual_ub``/``dual_eq`` the
    multipliers of the equivalent minimization.  Otherwise ``value`` is None and ``float_value``
    (HiGHS) is all there is, with ``reason``.
    """

    lp: LinearProgram
    certified: bool
    value: Fraction | None
    float_value: float
    primal: tuple[Fraction, ...] = ()
    dual_ub: tuple[Fraction, ...] = ()
    dual_eq: tuple[Fraction, ...] = ()
    method: str = ""
    reason: str = ""
    seconds: float = 0.0
    float_primal: np.ndarray | None = field(default=None, repr=False)
    #: proved bounds (lower, upper) on the optimum in the LP's own sense (None = not available)
    bracket: tuple[Fraction | None, Fraction | None] = (None, None)

    def verify(self) -> Fraction:
        """Re-check the certificate from scratch (Fractions only); return the proved value."""
        if not self.certified:
            raise CertificateError(f"no exact certificate: {self.reason}")
        v = check_certificate(self.lp, self.primal, self.dual_ub, self.dual_eq)
        if v != self.value:
            raise CertificateError(f"certificate proves {v}, but the result claims {self.value}")
        return v

    def describe(self) -> str:
        rows, cols = self.lp.size
        if self.certified:
            return f"{self.value} (exact, {self.method}; LP {rows}x{cols}, {self.seconds:.2f}s)"
        return f"~{self.float_value:.10g} (float only: {self.reason}; LP {rows}x{cols})"


# --------------------------------------------------------------------------------------------
# float solve
# --------------------------------------------------------------------------------------------

def _scipy_matrix(rows: Sequence[Mapping[int, Fraction]], n: int):
    from scipy.sparse import (
        csr_matrix,  # lazy: SciPy is loaded only where an LP or optimiser runs
    )

    data, ri, ci = [], [], []
    for i, r in enumerate(rows):
        for j, a in r.items():
            data.append(float(a))
            ri.append(i)
            ci.append(j)
    return csr_matrix((data, (ri, ci)), shape=(len(rows), n))


def _float_solve(lp: LinearProgram):
    from scipy.optimize import (
        linprog,  # lazy: SciPy is loaded only where an LP or optimiser runs
    )

    n = len(lp.c)
    c = np.array([float(a) for a in lp.min_c()])
    kw = {}
    if lp.A_ub:
        kw["A_ub"], kw["b_ub"] = _scipy_matrix(lp.A_ub, n), np.array([float(b) for b in lp.b_ub])
    if lp.A_eq:
        kw["A_eq"], kw["b_eq"] = _scipy_matrix(lp.A_eq, n), np.array([float(b) for b in lp.b_eq])
    bounds = [(None if lo is None else float(lo), None if hi is None else float(hi)) for lo, hi in lp.bounds]
    res = linprog(c, bounds=bounds, method="highs-ds",
                  options={"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10,
                           "presolve": False}, **kw)
    if res.status == 2:
        raise LPError("LP is infeasible (HiGHS)")
    if res.status == 3:
        raise LPError("LP is unbounded (HiGHS)")
    if res.status != 0:
        raise LPError(f"HiGHS failed: {res.message}")
    y_ub = res.ineqlin.marginals if lp.A_ub else np.zeros(0)
    y_eq = res.eqlin.marginals if lp.A_eq else np.zeros(0)
    return res.x, np.asarray(y_ub), np.asarray(y_eq), float(res.fun)


# --------------------------------------------------------------------------------------------
# exact recovery
# --------------------------------------------------------------------------------------------

def _round(v: np.ndarray, den: int) -> list[Fraction]:
    return [Fraction(float(a)).limit_denominator(den) for a in v]


def _solve_system(eqs: list[tuple[dict[int, Fraction], Fraction]], n: int) -> list[Fraction] | None:
    """A solution of the exact linear system (free variables set to 0), or None if inconsistent."""
    if not eqs:
        return [Fraction(0)] * n
    m = len(eqs)
    ent = [0] * (m * (n + 1))
    for i, (r, b) in enumerate(eqs):
        base = i * (n + 1)
        for j, a in r.items():
            ent[base + j] = flint.fmpq(a.numerator, a.denominator)
        ent[base + n] = flint.fmpq(b.numerator, b.denominator)
    R, rank = flint.fmpq_mat(m, n + 1, ent).rref()
    x = [Fraction(0)] * n
    for i in range(rank):
        piv = next(j for j in range(n + 1) if R[i, j] != 0)
        if piv == n:
            return None  # 0 = nonzero: inconsistent
        v = R[i, n]
        x[piv] = Fraction(int(v.p), int(v.q))
    return x


def _active_primal(lp: LinearProgram, xf: np.ndarray, tol: float) -> list[Fraction] | None:
    n = len(lp.c)
    eqs = [(r, b) for r, b in zip(lp.A_eq, lp.b_eq)]
    for r, b in zip(lp.A_ub, lp.b_ub):
        if abs(sum(float(a) * xf[j] for j, a in r.items()) - float(b)) <= tol * (1 + abs(float(b))):
            eqs.append((r, b))
    for j, (lo, hi) in enumerate(lp.bounds):
        for bd in (lo, hi):
            if bd is not None and abs(xf[j] - float(bd)) <= tol * (1 + abs(float(bd))):
                eqs.append(({j: Fraction(1)}, bd))
                break
    return _solve_system(eqs, n)


def _active_dual(lp: LinearProgram, xf: np.ndarray, yub: np.ndarray, yeq: np.ndarray, tol: float,
                 pin_zero: bool) -> tuple[list[Fraction], list[Fraction]] | None:
    """Duals from complementary slackness: y_i = 0 on slack rows, reduced cost 0 on free columns."""
    n, mu, me = len(lp.c), len(lp.A_ub), len(lp.A_eq)
    c = lp.min_c()
    slack_ok = [abs(sum(float(a) * xf[j] for j, a in r.items()) - float(b)) <= tol * (1 + abs(float(b)))
                for r, b in zip(lp.A_ub, lp.b_ub)]
    unknown = [("ub", i) for i in range(mu) if slack_ok[i] and not (pin_zero and abs(yub[i]) <= tol)]
    unknown += [("eq", i) for i in range(me) if not (pin_zero and abs(yeq[i]) <= tol)]
    col = {u: k for k, u in enumerate(unknown)}
    # columns of A^T: for each variable j, sum over unknown rows a_ij y_i = c_j (reduced cost 0)
    colrows: list[dict[int, Fraction]] = [dict() for _ in range(n)]
    for i, r in enumerate(lp.A_ub):
        k = col.get(("ub", i))
        if k is not None:
            for j, a in r.items():
                colrows[j][k] = a
    for i, r in enumerate(lp.A_eq):
        k = col.get(("eq", i))
        if k is not None:
            for j, a in r.items():
                colrows[j][k] = a
    red = np.array([float(a) for a in c])
    for i, r in enumerate(lp.A_ub):
        for j, a in r.items():
            red[j] -= yub[i] * float(a)
    for i, r in enumerate(lp.A_eq):
        for j, a in r.items():
            red[j] -= yeq[i] * float(a)
    eqs = []
    for j, (lo, hi) in enumerate(lp.bounds):
        at_bound = any(bd is not None and abs(xf[j] - float(bd)) <= tol * (1 + abs(float(bd))) for bd in (lo, hi))
        if not at_bound or (pin_zero and abs(red[j]) <= tol):
            eqs.append((colrows[j], c[j]))
    sol = _solve_system(eqs, len(unknown))
    if sol is None:
        return None
    y_ub, y_eq = [Fraction(0)] * mu, [Fraction(0)] * me
    for (kind, i), v in zip(unknown, sol):
        (y_ub if kind == "ub" else y_eq)[i] = v
    return y_ub, y_eq


def solve_exact(lp: LinearProgram, *, tol: float = 1e-7,
                denominators: Sequence[int] = (1, 2, 6, 12, 60, 720, 10**4, 10**6)) -> ExactLPResult:
    """Solve ``lp`` by HiGHS and recover a *verified* exact optimum (see the module docstring).

    Raises :class:`LPError` when HiGHS reports the LP infeasible or unbounded.  A result whose
    certificate cannot be recovered is returned with ``certified=False`` (never a guessed value).
    """
    t0 = time.perf_counter()
    xf, yub, yeq, fun = _float_solve(lp)
    fval = -fun if lp.maximize else fun
    primals: list[tuple[str, list[Fraction]]] = []
    duals: list[tuple[str, tuple[list[Fraction], list[Fraction]]]] = []
    for den in denominators:
        primals.append((f"round/{den}", _round(xf, den)))
        duals.append((f"round/{den}", (_round(yub, den), _round(yeq, den))))
    p = _active_primal(lp, xf, tol)
    if p is not None:
        primals.append(("active set", p))
    for pin in (True, False):
        d = _active_dual(lp, xf, yub, yeq, tol, pin)
        if d is not None:
            duals.append((f"complementary slackness{' (pinned)' if pin else ''}", d))
    best_p = best_d = None
    for name, x in primals:
        try:
            check_primal(lp, x)
        except CertificateError:
            continue
        val = sum((cj * xj for cj, xj in zip(lp.min_c(), x)), Fraction(0))
        if best_p is None or val < best_p[0]:
            best_p = (val, name, x)
    for name, (y_ub, y_eq) in duals:
        try:
            val = check_dual(lp, y_ub, y_eq)
        except CertificateError:
            continue
        if best_d is None or val > best_d[0]:
            best_d = (val, name, y_ub, y_eq)
    if best_p is not None and best_d is not None and best_p[0] == best_d[0]:
        _, pname, x = best_p
        _, dname, y_ub, y_eq = best_d
        v = check_certificate(lp, x, y_ub, y_eq)
        return ExactLPResult(lp, True, v, fval, tuple(x), tuple(y_ub), tuple(y_eq),
                             method=f"HiGHS + exact recovery (primal: {pname}; dual: {dname})",
                             seconds=time.perf_counter() - t0, float_primal=xf)
    if best_p is None:
        reason = "no exact primal feasible point recovered"
    elif best_d is None:
        reason = "no exact dual feasible point recovered"
    else:
        reason = f"exact primal and dual bounds differ: [{best_d[0]}, {best_p[0]}] (minimization)"
    lo_min = None if best_d is None else best_d[0]   # minimization: dual <= opt <= primal
    hi_min = None if best_p is None else best_p[0]
    bracket = ((None if hi_min is None else -hi_min, None if lo_min is None else -lo_min) if lp.maximize
               else (lo_min, hi_min))
    return ExactLPResult(lp, False, None, fval, reason=reason, seconds=time.perf_counter() - t0,
                         float_primal=xf, method="HiGHS (float only)", bracket=bracket)
