"""Discretized primal LPs of Chapter 1 on HiGHS (``scipy.optimize.linprog(method="highs")``), the
independent numeric route, plus exact-rational versions (``symmech.tactics.lp.exact``) for small grids.

* :func:`nature_lp` -- nature's LP against a given auction: ``min_P E_P[Rev]`` over laws on the grid
  ``{0, 1/n, ..., 1}^I`` (plus ``extra`` points) with ``E v_i >= mu``.  Its value is an UPPER bound on
  the continuum worst case (fewer laws); a LOWER bound comes from the LP dual ``(lambda, sigma)``
  lowered by the largest violation of ``Rev(v) >= lambda + sigma.v`` over each grid cell, bounded by
  ``lambda + sigma.v_hi - Rev(v_lo)`` (valid when Rev is nondecreasing in every value, checked on
  the grid).  So ``lower <= worst case <= upper``.
* :func:`maxmin_lp_two_bidders` -- the full max-min LP (1.11) for I = 2 on an n-point grid: monotone
  allocations (optionally HBL-restricted, ties to bidder 1), discrete envelope payments, the
  moment-dual ``(lambda, sigma)``; a convergent approximation (grid laws only), not a bound.
* :func:`efficient_revenue_lp` -- Prop. 1.3.3 on a finite grid: the largest revenue at one scenario
  of an efficient, ex-post IC and IR mechanism (exact rational LP certificate).
"""
from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Sequence

import numpy as np
import sympy as sp

from symmech.models.auctions.auction import Auction, revenue
from symmech.models.auctions.errors import AuctionError
from symmech.models.auctions.profiles import check_mean
from symmech.models.auctions.tiebreak import TieBreak


@dataclass
class LPRun:
    """A float LP solve: ``value`` (and ``lower``/``upper`` bounds when available), size and time."""

    value: float
    rows: int
    cols: int
    seconds: float
    lower: float | None = None
    upper: float | None = None
    extra: dict = field(default_factory=dict)


def _grid(n: int, extra: Sequence = ()) -> list[float]:
    pts = sorted({k / n for k in range(n + 1)} | {float(x) for x in extra if 0 <= float(x) <= 1})
    return pts


def nature_lp(auction: Auction, mu, n: int, extra: Sequence = (), *, bounds: bool = True) -> LPRun:
    """Nature's grid LP against ``auction`` on ``[0, 1]^I`` (see module doc); revenue evaluated exactly
    per profile through :func:`symmech.models.auctions.revenue` then rounded to double."""
    from scipy.optimize import (
        linprog,  # lazy: SciPy is loaded only where an LP or optimiser runs
    )

    mu_f = float(check_mean(mu))
    I = auction.I
    axis = _grid(n, extra)
    t0 = time.perf_counter()
    try:
        xs = sp.symbols(f"x0:{I}")
        e = auction.revenue_expr(xs)
        e = e.subs({a: sp.Float(sp.N(a, 30)) for a in e.atoms(sp.Function, sp.Pow, sp.exp)
                    if not (a.free_symbols & set(xs))})
        e = e.xreplace({c: sp.Float(sp.N(c, 30)) for c in e.atoms(sp.Mul, sp.Add) if c.is_number})
        f = sp.lambdify(xs, e, "math")
        rev_of = lambda v: float(f(*v))
    except NotImplementedError:
        rev_of = lambda v: float(sp.N(revenue(auction, [sp.nsimplify(x) for x in v])))
    pts = list(itertools.product(axis, repeat=I))
    rev = np.array([rev_of(v) for v in pts])
    V = np.array(pts)
    A_ub = -V.T                          # -sum p v_i <= -mu
    res = linprog(rev, A_ub=A_ub, b_ub=-mu_f * np.ones(I), A_eq=np.ones((1, len(pts))), b_eq=[1.0],
                  bounds=(0, None), method="highs")
    if res.status != 0:
        raise AuctionError(f"nature's LP failed: {res.message}")
    upper = float(res.fun)
    lower = None
    if bounds:
        sigma = -np.asarray(res.ineqlin.marginals)      # >= 0
        lam = float(res.eqlin.marginals[0])
        idx = {v: k for k, v in enumerate(pts)}
        worst = 0.0
        monotone = True
        for cell in itertools.product(range(len(axis) - 1), repeat=I):
            lo = tuple(axis[c] for c in cell)
            hi = tuple(axis[c + 1] for c in cell)
            if rev[idx[hi]] < rev[idx[lo]] - 1e-12:
                monotone = False
            worst = max(worst, lam + float(sigma @ np.array(hi)) - rev[idx[lo]])
        if monotone:
            lower = lam - worst + mu_f * float(sigma.sum())
    return LPRun(upper, I + 1, len(pts), time.perf_counter() - t0, lower=lower, upper=upper,
                 extra={"grid_points_per_axis": len(axis)})


def maxmin_lp_two_bidders(mu, n: int, *, hbl_only: bool = False, deterministic: bool = False,
                          time_limit: float = 60.0) -> LPRun:
    """The max-min LP (1.11) for I = 2 on the grid ``x_k = k/(n-1)``: variables q_i(k, l) in [0, 1]
    (q_1 + q_2 <= 1, q_i nondecreasing in own value; HBL: q_1 = 0 unless x_k >= x_l, q_2 = 0 unless
    x_l > x_k), payments m_i = q_i x - sum_{lower grid points} q_i dx, and Rev >= lambda + sigma.v at every
    grid point; maximize lambda + mu (sigma_1 + sigma_2).  ``deterministic``: q_i in {0, 1} (a MILP, for the
    thesis's conjecture that the best SPA is the best deterministic mechanism)."""
    from scipy.optimize import (
        linprog,  # lazy: SciPy is loaded only where an LP or optimiser runs
    )
    from scipy.sparse import (
        lil_matrix,  # lazy: SciPy is loaded only where an LP or optimiser runs
    )

    mu_f = float(check_mean(mu))
    if n < 2:
        raise AuctionError(f"grid needs n >= 2 points, got {n}")
    x = np.linspace(0, 1, n)
    dx = x[1] - x[0]
    t0 = time.perf_counter()
    nq = 2 * n * n
    col = lambda i, k, l: i * n * n + k * n + l
    LAM, S1, S2 = nq, nq + 1, nq + 2
    ncol = nq + 3
    rows = []
    # revenue constraints: lam + s1 x_k + s2 x_l - sum_i m_i <= 0
    A = lil_matrix((n * n + n * n + 2 * n * (n - 1), ncol))
    b = []
    r = 0
    for k in range(n):
        for l in range(n):
            A[r, LAM] = 1
            A[r, S1] = x[k]
            A[r, S2] = x[l]
            # m_1 = q_1(k,l) x_k - sum_{j<k} q_1(j,l) dx ; m_2 = q_2(k,l) x_l - sum_{j<l} q_2(k,j) dx
            A[r, col(0, k, l)] -= x[k]
            for j in range(k):
                A[r, col(0, j, l)] += dx
            A[r, col(1, k, l)] -= x[l]
            for j in range(l):
                A[r, col(1, k, j)] += dx
            b.append(0.0)
            r += 1
    for k in range(n):
        for l in range(n):
            A[r, col(0, k, l)] = 1
            A[r, col(1, k, l)] = 1
            b.append(1.0)
            r += 1
    for k in range(n - 1):
        for l in range(n):
            A[r, col(0, k, l)] = 1
            A[r, col(0, k + 1, l)] = -1
            b.append(0.0)
            r += 1
            A[r, col(1, l, k)] = 1
            A[r, col(1, l, k + 1)] = -1
            b.append(0.0)
            r += 1
    bounds = [(0, 1)] * nq + [(None, None), (0, None), (0, None)]
    if hbl_only:
        for k in range(n):
            for l in range(n):
                if not x[k] >= x[l]:
                    bounds[col(0, k, l)] = (0, 0)
                if not x[l] > x[k]:
                    bounds[col(1, k, l)] = (0, 0)
    c = np.zeros(ncol)
    c[LAM], c[S1], c[S2] = -1, -mu_f, -mu_f
    integrality = ([1] * nq + [0] * 3) if deterministic else None
    res = linprog(c, A_ub=A.tocsr(), b_ub=b, bounds=bounds, method="highs", integrality=integrality,
                  options={"time_limit": time_limit})
    if res.status != 0 or res.x is None:
        raise AuctionError(f"max-min LP failed: {res.message}")
    return LPRun(-float(res.fun), A.shape[0], ncol, time.perf_counter() - t0)


def efficient_revenue_lp(values: Sequence, scenario: Sequence, I: int = 2):
    """Prop. 1.3.3 on the grid ``values^I``: max ``sum_i m_i(scenario)`` over payments of the efficient
    allocation (highest value wins, ties to the lowest index) subject to ex-post IC and IR on the grid.
    Returns an :class:`symmech.tactics.lp.exact.ExactLPResult` (exact certificate when recoverable)."""
    from symmech.tactics.lp.exact import LinearProgram, solve_exact

    vals = [Fraction(v) for v in values]
    tb = TieBreak(I)
    prof = list(itertools.product(vals, repeat=I))
    if tuple(Fraction(v) for v in scenario) not in prof:
        raise AuctionError(f"scenario {scenario} is not a grid profile")
    idx = {(p, i): k for k, (p, i) in enumerate(itertools.product(prof, range(I)))}
    q = {p: [1 if i == tb.winner(p) else 0 for i in range(I)] for p in prof}
    c = [0] * len(idx)
    for i in range(I):
        c[idx[(tuple(Fraction(v) for v in scenario), i)]] = 1
    A, b = [], []
    for p in prof:
        for i in range(I):
            # IR: m_i(p) <= q_i(p) v_i
            A.append({idx[(p, i)]: 1})
            b.append(q[p][i] * p[i])
            for w in vals:
                if w == p[i]:
                    continue
                dev = tuple(w if j == i else p[j] for j in range(I))
                # IC: q_i(p) v_i - m_i(p) >= q_i(dev) v_i - m_i(dev)
                A.append({idx[(p, i)]: 1, idx[(dev, i)]: -1})
                b.append((q[p][i] - q[dev][i]) * p[i])
    lp = LinearProgram(c, A_ub=A, b_ub=b, bounds=[(None, None)] * len(idx), maximize=True)
    return solve_exact(lp)


def nature_lp_exact(auction: Auction, mu, values: Sequence):
    """Nature's LP on the rational grid ``values^I`` solved exactly (``symmech.tactics.lp.exact``): min E_P[Rev] over laws
    on the grid with E v_i >= mu.  Needs rational revenues (e.g. an SPA with a rational reserve)."""
    from symmech.tactics.lp.exact import LinearProgram, solve_exact

    m = check_mean(mu)
    vals = [sp.Rational(str(v)) if not isinstance(v, Fraction) else sp.Rational(v.numerator, v.denominator)
            for v in values]
    pts = list(itertools.product(vals, repeat=auction.I))
    c = []
    for v in pts:
        rv = sp.nsimplify(revenue(auction, v))
        if not rv.is_Rational:
            raise AuctionError(f"revenue {rv} at {v} is not rational: use nature_lp (float)")
        c.append(Fraction(int(rv.p), int(rv.q)))
    A_ub = [{k: -Fraction(int(v[i].p), int(v[i].q)) for k, v in enumerate(pts) if v[i] != 0} for i in range(auction.I)]
    b_ub = [-Fraction(int(m.p), int(m.q))] * auction.I
    lp = LinearProgram(c, A_ub=A_ub, b_ub=b_ub, A_eq=[{k: 1 for k in range(len(pts))}], b_eq=[1])
    return solve_exact(lp)
