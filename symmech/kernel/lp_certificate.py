"""The kernel's own recheck of a finite LP's optimality certificate, in exact rationals.

A linear program ``min`` (or ``max``) ``c.x`` s.t. ``A_ub x <= b_ub``, ``A_eq x = b_eq``, ``lo <= x <= hi`` with
rational data is given by any object with those attributes (``c``, ``A_ub``/``A_eq`` as sparse rows
``{column: Fraction}``, ``b_ub``, ``b_eq``, ``bounds`` as ``(lo, hi)`` pairs with ``None`` for infinite,
``maximize``) -- the tactics' :class:`symmech.tactics.lp.exact.LinearProgram` is one.  Nothing of the tactic
that found the certificate is run here: the kernel reads the data and the two points and does the arithmetic.

* a primal point ``x`` that satisfies every row and bound exactly is feasible, so the optimum is at least
  ``c.x`` (maximization) or at most ``c.x`` (minimization);
* a dual point ``(y_ub <= 0, y_eq)`` whose reduced costs ``c - A^T y`` are absorbed by finite bounds gives, by
  weak duality, the other bound: the dual objective.

:func:`optimum_bounds` returns what the attached points prove; :func:`check_certificate` the optimum when both
are attached and meet.  python-flint's GMP rationals (``fmpq``) do the long sums (exact, 5-10x faster than
:class:`fractions.Fraction`); results are returned as Fractions.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

import flint

__all__ = ["LPCertificateError", "check_primal", "dual_objective", "optimum_bounds", "check_certificate",
           "as_fraction"]


class LPCertificateError(ValueError):
    """An LP certificate does not check (the message says which condition and where)."""


def as_fraction(v: Any) -> Fraction:
    """An exact rational from int / Fraction / str / SymPy Rational / fmpq; floats and bools are refused."""
    if isinstance(v, Fraction):
        return v
    if isinstance(v, bool) or isinstance(v, float):
        raise LPCertificateError(f"{v!r} is not exact LP data")
    if isinstance(v, int):
        return Fraction(v)
    if isinstance(v, str):
        return Fraction(v)
    if isinstance(v, flint.fmpq):
        return Fraction(int(v.p), int(v.q))
    p, q = getattr(v, "p", None), getattr(v, "q", None)      # SymPy Rational / Integer
    if isinstance(p, int) and isinstance(q, int):
        return Fraction(p, q)
    raise LPCertificateError(f"cannot use {v!r} ({type(v).__name__}) as exact LP data")


def _fq(v: Fraction) -> flint.fmpq:
    return flint.fmpq(v.numerator, v.denominator)


def _fraction(v: flint.fmpq) -> Fraction:
    return Fraction(int(v.p), int(v.q))


def _rows(lp: Any) -> tuple[list, list, list, list]:
    """The LP's rows and right-hand sides as fmpq (kept on the LP object after the first use)."""
    cached = getattr(lp, "__dict__", {}).get("_kernel_flint_rows")
    if cached is None:
        rows = [[(int(j), _fq(as_fraction(a))) for j, a in r.items()] for r in lp.A_ub]
        rows_eq = [[(int(j), _fq(as_fraction(a))) for j, a in r.items()] for r in lp.A_eq]
        cached = (rows, [_fq(as_fraction(b)) for b in lp.b_ub], rows_eq, [_fq(as_fraction(b)) for b in lp.b_eq])
        if hasattr(lp, "__dict__"):
            lp.__dict__["_kernel_flint_rows"] = cached
    return cached


def _dot(row, x) -> flint.fmpq:
    acc = flint.fmpq(0)
    for j, a in row:
        xj = x[j]
        if xj:
            acc += a * xj
    return acc


def _min_cost(lp: Any) -> list[Fraction]:
    c = [as_fraction(a) for a in lp.c]
    return [-a for a in c] if lp.maximize else c


def _bounds(lp: Any) -> list[tuple[Fraction | None, Fraction | None]]:
    bounds = lp.bounds if lp.bounds is not None else [(0, None)] * len(lp.c)
    if len(bounds) != len(lp.c):
        raise LPCertificateError("the LP needs one (lo, hi) bound per variable")
    return [(None if lo is None else as_fraction(lo), None if hi is None else as_fraction(hi)) for lo, hi in bounds]


def check_primal(lp: Any, x: Sequence) -> Fraction:
    """Exact feasibility of ``x`` (every bound and row); returns ``c.x`` in the LP's own sense."""
    if len(x) != len(lp.c):
        raise LPCertificateError("the primal point has the wrong dimension")
    xs = [as_fraction(v) for v in x]
    for j, (v, (lo, hi)) in enumerate(zip(xs, _bounds(lp))):
        if (lo is not None and v < lo) or (hi is not None and v > hi):
            raise LPCertificateError(f"primal x[{j}] = {v} violates its bounds [{lo}, {hi}]")
    rows, b_ub, rows_eq, b_eq = _rows(lp)
    xf = [_fq(v) for v in xs]
    for i, (r, b) in enumerate(zip(rows, b_ub)):
        lhs = _dot(r, xf)
        if lhs > b:
            raise LPCertificateError(f"primal violates inequality row {i}: {_fraction(lhs)} > {_fraction(b)}")
    for i, (r, b) in enumerate(zip(rows_eq, b_eq)):
        lhs = _dot(r, xf)
        if lhs != b:
            raise LPCertificateError(f"primal violates equality row {i}: {_fraction(lhs)} != {_fraction(b)}")
    return sum((as_fraction(cj) * v for cj, v in zip(lp.c, xs)), Fraction(0))


def dual_objective(lp: Any, y_ub: Sequence, y_eq: Sequence) -> Fraction:
    """Exact dual feasibility of ``(y_ub, y_eq)`` for the equivalent minimization; returns its objective, a lower
    bound of the minimization's optimum (weak duality).  Raises :class:`LPCertificateError`."""
    if len(y_ub) != len(lp.A_ub) or len(y_eq) != len(lp.A_eq):
        raise LPCertificateError("the dual point has the wrong dimensions")
    rows, b_ub, rows_eq, b_eq = _rows(lp)
    red = [_fq(a) for a in _min_cost(lp)]
    dual = flint.fmpq(0)
    for yi, r, b in zip(y_ub, rows, b_ub):
        yi = as_fraction(yi)
        if yi > 0:
            raise LPCertificateError(f"the dual multiplier of an inequality row is positive ({yi})")
        if yi:
            y = _fq(yi)
            dual += y * b
            for j, a in r:
                red[j] -= y * a
    for yi, r, b in zip(y_eq, rows_eq, b_eq):
        yi = as_fraction(yi)
        if yi:
            y = _fq(yi)
            dual += y * b
            for j, a in r:
                red[j] -= y * a
    for j, (rj, (lo, hi)) in enumerate(zip(red, _bounds(lp))):
        if rj > 0:
            if lo is None:
                raise LPCertificateError(f"reduced cost of x[{j}] is {_fraction(rj)} > 0 but x[{j}] has no lower "
                                         "bound")
            dual += rj * _fq(lo)
        elif rj < 0:
            if hi is None:
                raise LPCertificateError(f"reduced cost of x[{j}] is {_fraction(rj)} < 0 but x[{j}] has no upper "
                                         "bound")
            dual += rj * _fq(hi)
    return _fraction(dual)


def optimum_bounds(lp: Any, primal: Sequence | None = None, dual_ub: Sequence | None = None,
                   dual_eq: Sequence | None = None) -> tuple[Fraction | None, Fraction | None]:
    """``(lower, upper)`` on the optimum in the LP's own sense, from whichever points are attached (``None``: no
    bound on that side).  Each attached point is rechecked; a point that fails raises."""
    lower = upper = None
    if primal is not None and len(primal):
        v = check_primal(lp, primal)
        lower, upper = (v, None) if lp.maximize else (None, v)
    if dual_ub is not None and dual_eq is not None and (len(dual_ub) or len(dual_eq) or not (lp.A_ub or lp.A_eq)):
        d = dual_objective(lp, dual_ub, dual_eq)          # lower bound of min(-c.x) or of min(c.x)
        if lp.maximize:
            upper = -d
        else:
            lower = d
    return lower, upper


def check_certificate(lp: Any, x: Sequence, y_ub: Sequence, y_eq: Sequence) -> Fraction:
    """The optimum, proved: ``x`` feasible, ``y`` dual feasible, and the two objectives equal."""
    lower, upper = optimum_bounds(lp, x, y_ub, y_eq)
    if lower is None or upper is None:
        raise LPCertificateError("a certificate needs both a primal and a dual point")
    if lower != upper:
        raise LPCertificateError(f"duality gap: the points prove only [{lower}, {upper}]")
    return lower
