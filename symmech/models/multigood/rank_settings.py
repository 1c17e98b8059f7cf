"""Variants of the Bikhchandani-Mishra (2022) grid LPs (:mod:`symmech.models.multigood.grid_lp`) for the
settings of their Sec. 4.2, the spec's Sec. 7 conjectures and gap G2.  Every builder returns a
:class:`~symmech.tactics.lp.exact.LinearProgram` (solve with :func:`symmech.tactics.lp.exact.solve_exact`, which
certifies the optimum by rational duality).

* :func:`welfare_lp` -- the planner's ``max lambda sum f V(q) + (1 - lambda) sum f t`` for the
  linear symmetric ``V(q) = sum_i q_i`` (Sec. 4.2 taxation), optionally over symmetric mechanisms.
* :func:`payment_floor_lp` -- the revenue LP with the extra constraint ``t(v) >= floor`` (gap G2).
* :func:`imv_lp` -- the revenue LP on an increasing-marginal-values cone ``v_1 <= ... <= v_n`` with
  feasibility ``q_1 >= ... >= q_n`` (the remark after Thm. 2; spec Sec. 7 item 8).
* :func:`maxmin_average_moment_lp` -- uncertainty II (known ``G_avg``) plus one known moment
  ``E phi(v) = m`` for nature (spec Sec. 7 item 9).
* :func:`maxmin_common_marginal_h_lp` -- M^H mechanisms against every joint law on the H grid with
  all unit marginals equal to ``g`` (spec Sec. 7 item 10).
"""
from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Callable, Mapping, Sequence

from symmech.tactics.lp.exact import LinearProgram
from symmech.models.multigood import grid_lp as G
from symmech.models.multigood.symmetric import Law, Point, is_decreasing

_F0 = Fraction(0)


def _with(lp: LinearProgram, **kw) -> LinearProgram:
    d = dict(c=lp.c, A_ub=lp.A_ub, b_ub=lp.b_ub, A_eq=lp.A_eq, b_eq=lp.b_eq, bounds=lp.bounds,
             maximize=lp.maximize, names=lp.names)
    d.update(kw)
    return LinearProgram(**d)


def welfare_lp(types: Sequence[Point], law: Law, model: str, lam, *, symmetric: bool = False) -> LinearProgram:
    """``max sum_v f(v) [lam * sum_i q_i(v) + (1 - lam) t(v)]`` over IC/IR mechanisms (``0 <= lam <= 1``)."""
    lam = Fraction(lam)
    if not 0 <= lam <= 1:
        raise ValueError(f"lambda must lie in [0, 1], got {lam}")
    g = G.optimal_lp(types, law, model, symmetric=symmetric)
    index = {v: k for k, v in enumerate(g.types)}
    n = len(g.types[0])
    c = [(1 - lam) * a for a in g.lp.c]
    for v, w in law.items():
        for i in range(n):
            c[g.q(index[tuple(Fraction(x) for x in v)], i)] += lam * Fraction(w)
    return _with(g.lp, c=c)


def payment_floor_lp(types: Sequence[Point], law: Law, model: str, floor) -> LinearProgram:
    """The revenue LP of :func:`grid_lp.optimal_lp` with payments bounded below by ``floor``."""
    g = G.optimal_lp(types, law, model)
    T, n = len(g.types), len(g.types[0])
    bounds = list(g.lp.bounds[: T * n]) + [(Fraction(floor), None)] * T
    return _with(g.lp, bounds=bounds)


def imv_lp(values: Sequence, n: int, law: Law) -> LinearProgram:
    """Revenue LP on the increasing cone ``v_1 <= ... <= v_n`` of ``values^n`` with feasibility (1)
    ``q_1 >= ... >= q_n`` (units ordered as in M^I, values increasing: the IMV model)."""
    vals = sorted({Fraction(x) for x in values})
    types = [p for p in itertools.product(vals, repeat=n) if is_decreasing(p[::-1])]
    for v in law:
        if tuple(Fraction(x) for x in v) not in types:
            raise KeyError(f"the law charges {tuple(map(str, v))}, which is not an increasing grid type")
    rev = {tuple(reversed(v)): w for v, w in law.items()}     # build on reversed (decreasing) types ...
    g = G.optimal_lp([tuple(reversed(v)) for v in types], rev, "H")
    A, b = list(g.lp.A_ub), list(g.lp.b_ub)
    for k in range(len(types)):                                # ... whose objects are reversed units:
        for i in range(n - 1):                                 # unit i+1 = object n-i, so q_{i+1} <= q_i
            A.append({g.q(k, n - 2 - i): Fraction(1), g.q(k, n - 1 - i): Fraction(-1)})
            b.append(_F0)
    return _with(g.lp, A_ub=A, b_ub=b)


def maxmin_average_moment_lp(values: Sequence, g: Mapping, n: int, phi: Callable[[Point], Fraction], m) -> LinearProgram:
    """Uncertainty II with an extra known moment: nature's laws on the sorted grid have average unit
    marginal ``g`` and ``E phi(v) = m``; dualized, one more free column ``z`` with ``+ z phi(v)`` in
    every row ``(1/n) sum_i y(v_i) <= t(v)`` and ``m z`` in the objective."""
    gl = G.maxmin_average_lp(values, g, n)
    lp = gl.lp
    z = len(lp.c)
    T, nq = len(gl.types), len(gl.types) * n
    A = [dict(r) for r in lp.A_ub]
    # the nature rows are the last T rows, in the order of gl.types (see grid_lp.maxmin_average_lp)
    for k, v in enumerate(gl.types):
        row = A[len(A) - T + k]
        if row.get(gl.t(k)) != -1:
            raise AssertionError("unexpected row layout of maxmin_average_lp")
        val = Fraction(phi(v))
        if val:
            row[z] = val
    c = list(lp.c) + [Fraction(m)]
    bounds = list(lp.bounds) + [(None, None)]
    names = list(lp.names or [f"x{j}" for j in range(z)]) + ["z"]
    del nq
    return _with(lp, c=c, A_ub=A, bounds=bounds, names=names)


def maxmin_common_marginal_h_lp(values: Sequence, g: Mapping, n: int) -> LinearProgram:
    """``max_{(q,t) IC, IR on values^n} min_{F: every marginal = g} E_F t``, nature dualized with one
    free ``y_i(x)`` per object and value: ``sum_i y_i(v_i) <= t(v)``."""
    gp = {Fraction(x): Fraction(w) for x, w in g.items()}
    if sum(gp.values()) != 1 or any(w < 0 for w in gp.values()):
        raise ValueError("a marginal pmf must be nonnegative and sum to 1")
    vals = sorted({Fraction(x) for x in values} | set(gp))
    types = list(itertools.product(vals, repeat=n))
    gl = G.optimal_lp(types, {types[0]: Fraction(1)}, "H")
    lp = gl.lp
    base = len(lp.c)
    A, b = list(lp.A_ub), list(lp.b_ub)
    G.add_marginal_dual_rows(gl, types, vals, n, base, A, b)
    c = [_F0] * base + [gp.get(x, _F0) for i in range(n) for x in vals]
    bounds = list(lp.bounds) + [(None, None)] * (n * len(vals))
    return LinearProgram(c=c, A_ub=A, b_ub=b, A_eq=lp.A_eq, b_eq=lp.b_eq, bounds=bounds, maximize=True)
