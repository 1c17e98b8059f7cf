"""Two goods: IC direct mechanisms on an n x n grid of types (full pairwise IC, sparse LPs).

Variables per grid type s: rent ``U_s >= 0`` (IR) and allocation ``q_s in [0,1]^2``;
payment ``t_s = theta_s . q_s - U_s``.  IC: ``U_s >= U_r + (theta_s - theta_r) . q_r``
for every ordered pair of types.

The pairwise IC constraints are n^4 rows; by default they are generated: the LP starts with
the IC pairs of grid neighbours, and every round adds the pairs the current solution violates,
until a check of *all* n^4 pairs (vectorised) finds none violated by more than ``IC_TOL``.
The relaxation's optimum is then the full LP's optimum (it is at least the full optimum, and
its solution is feasible for the full LP up to ``IC_TOL``), and its duals, extended by zeros,
are dual feasible for the full LP.  ``ic="full"`` states every pair up front.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from scipy.sparse import coo_matrix, vstack

from symmech.tactics.lp._common import LPSize, MomentCondition, mu_bounds, solve

__all__ = ["TwoGoodLP", "maxmin_two_goods_menu", "best_response_two_goods", "comonotone_law",
           "product_law"]

Law2 = tuple[tuple[tuple[float, float], float], ...]


@dataclass(frozen=True)
class TwoGoodLP:
    """Solution of a two-good grid LP.  Arrays are indexed ``[i, j]`` for type ``(grid[i], grid[j])``."""

    value: float
    grid: tuple[float, ...]
    q1: np.ndarray
    q2: np.ndarray
    payment: np.ndarray
    rent: np.ndarray
    nature_atoms: Law2              # max-min: nature's grid law (LP duals); best response: the given law
    lam: float | None
    mu: tuple[float, ...]
    size: LPSize
    seconds: float


def _types(grid_1d: Sequence[float]) -> tuple[np.ndarray, np.ndarray, int]:
    g = np.asarray(sorted(map(float, grid_1d)))
    if len(g) < 2 or len(set(g)) != len(g):
        raise ValueError("grid_1d needs at least two distinct points")
    t1, t2 = np.meshgrid(g, g, indexing="ij")
    return t1.ravel(), t2.ravel(), len(g)


def _ic_block(t1: np.ndarray, t2: np.ndarray, ncols: int):
    """Rows ``U_r - U_s + (t_s - t_r) . q_r <= 0`` for all ordered pairs s != r (columns U | q1 | q2 | ...)."""
    N = len(t1)
    s, r = np.meshgrid(np.arange(N), np.arange(N), indexing="ij")
    keep = s != r
    s, r = s[keep], r[keep]
    rows = np.arange(len(s))
    d1, d2 = t1[s] - t1[r], t2[s] - t2[r]
    data = np.concatenate([np.ones(len(s)), -np.ones(len(s)), d1, d2])
    ri = np.concatenate([rows, rows, rows, rows])
    ci = np.concatenate([r, s, N + r, 2 * N + r])
    nz = data != 0
    return coo_matrix((data[nz], (ri[nz], ci[nz])), shape=(len(s), ncols))


#: largest IC violation (in revenue units) the final all-pairs check accepts
IC_TOL = 1e-9
#: at most this many violated pairs added per type and round
_PER_TYPE = 8


def _pairs_rows(t1: np.ndarray, t2: np.ndarray, s: np.ndarray, r: np.ndarray, ncols: int):
    """IC rows ``U_r - U_s + (t_s - t_r) . q_r <= 0`` for the given pairs (s, r)."""
    N = len(t1)
    rows = np.arange(len(s))
    d1, d2 = t1[s] - t1[r], t2[s] - t2[r]
    data = np.concatenate([np.ones(len(s)), -np.ones(len(s)), d1, d2])
    ri = np.concatenate([rows, rows, rows, rows])
    ci = np.concatenate([r, s, N + r, 2 * N + r])
    nz = data != 0
    return coo_matrix((data[nz], (ri[nz], ci[nz])), shape=(len(s), ncols))


def _neighbour_pairs(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Ordered pairs of grid types that differ by at most one step in each coordinate."""
    i, j = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    i, j = i.ravel(), j.ravel()
    ss, rr = [], []
    for di in (-1, 0, 1):
        for dj in (-1, 0, 1):
            if di == dj == 0:
                continue
            ok = (i + di >= 0) & (i + di < n) & (j + dj >= 0) & (j + dj < n)
            ss.append((i * n + j)[ok])
            rr.append(((i + di) * n + (j + dj))[ok])
    return np.concatenate(ss), np.concatenate(rr)


def ic_violations(x: np.ndarray, t1: np.ndarray, t2: np.ndarray, block: int = 256
                  ) -> tuple[float, np.ndarray, np.ndarray]:
    """The largest IC violation of solution ``x`` over all ordered pairs, and the violated pairs
    (at most ``_PER_TYPE`` per type, the worst first), checked in blocks of types."""
    N = len(t1)
    U, q1, q2 = x[:N], x[N:2 * N], x[2 * N:3 * N]
    worst, ss, rr = 0.0, [], []
    for a in range(0, N, block):
        s = np.arange(a, min(a + block, N))
        V = (U[None, :] - U[s, None] + (t1[s, None] - t1[None, :]) * q1[None, :]
             + (t2[s, None] - t2[None, :]) * q2[None, :])
        V[np.arange(len(s)), s] = 0.0
        worst = max(worst, float(V.max()))
        k = min(_PER_TYPE, N - 1)
        top = np.argpartition(-V, k - 1, axis=1)[:, :k]
        vals = np.take_along_axis(V, top, axis=1)
        keep = vals > IC_TOL
        ss.append(np.broadcast_to(s[:, None], top.shape)[keep])
        rr.append(top[keep])
    return worst, np.concatenate(ss), np.concatenate(rr)


def _solve_generated(c, fixed, b_fixed, t1, t2, ncols, bounds, n, ic: str):
    """Solve with the fixed rows plus IC rows (all pairs, or generated); returns (res, size, ic_rows)."""
    if ic == "full":
        A = vstack([fixed, _ic_block(t1, t2, ncols)]).tocsr()
        res, size, _ = solve(c, A, np.concatenate([b_fixed, np.zeros(A.shape[0] - fixed.shape[0])]),
                             bounds=bounds)
        return res, size, A.shape[0] - fixed.shape[0]
    if ic != "generate":
        raise ValueError(f"ic must be 'generate' or 'full', got {ic!r}")
    s, r = _neighbour_pairs(n)
    have = set(zip(s.tolist(), r.tolist()))
    for _ in range(200):
        A = vstack([fixed, _pairs_rows(t1, t2, s, r, ncols)]).tocsr()
        res, size, _ = solve(c, A, np.concatenate([b_fixed, np.zeros(len(s))]), bounds=bounds,
                             method="highs-ipm")  # interior point + crossover: ~3x faster here
        worst, vs, vr = ic_violations(res.x, t1, t2)
        if worst <= IC_TOL:
            return res, size, len(s)
        new = [(a, b) for a, b in zip(vs.tolist(), vr.tolist()) if (a, b) not in have]
        if not new:
            raise RuntimeError(f"IC constraint generation stalled (violation {worst:.3g})")
        have.update(new)
        s = np.concatenate([s, np.array([a for a, _ in new])])
        r = np.concatenate([r, np.array([b for _, b in new])])
    raise RuntimeError("IC constraint generation did not converge in 200 rounds")


def _unpack(x: np.ndarray, t1: np.ndarray, t2: np.ndarray, n: int):
    N = len(t1)
    U, q1, q2 = x[:N], x[N:2 * N], x[2 * N:3 * N]
    pay = t1 * q1 + t2 * q2 - U
    return tuple(v.reshape(n, n).copy() for v in (q1, q2, pay, U))


def maxmin_two_goods_menu(grid_1d: Sequence[float], moments: Sequence[MomentCondition], *,
                          ic: str = "generate") -> TwoGoodLP:
    """Discretized max-min over IC/IR mechanisms on ``grid_1d x grid_1d`` (g_l(theta1, theta2) moments).

    max ``lam + mu.m`` s.t. IC, IR and ``t_s >= lam + mu.g(theta_s)`` for every grid type;
    the duals of the last rows are nature's worst-case grid law.  ``ic``: ``"generate"`` (IC
    pairs added as violated, all pairs checked at the end) or ``"full"`` (every pair stated).
    """
    t0 = time.perf_counter()
    t1, t2, n = _types(grid_1d)
    N, L = len(t1), len(moments)
    ncols = 3 * N + 1 + L
    H = np.array([[float(mc.g(float(a), float(b))) for a, b in zip(t1, t2)] for mc in moments]).reshape(L, N)
    r = np.arange(N)
    # nature rows: lam + mu.h(theta_s) - t1 q1_s - t2 q2_s + U_s <= 0
    rows = np.concatenate([r, np.repeat(r, L), r, r, r])
    cols = np.concatenate([np.full(N, 3 * N), np.tile(3 * N + 1 + np.arange(L), N), N + r, 2 * N + r, r])
    data = np.concatenate([np.ones(N), H.T.ravel(), -t1, -t2, np.ones(N)])
    nat = coo_matrix((data, (rows, cols)), shape=(N, ncols)).tocsr()
    c = np.zeros(ncols)
    c[3 * N] = -1.0
    c[3 * N + 1:] = -np.array([mc.value for mc in moments])
    bounds = [(0.0, None)] * N + [(0.0, 1.0)] * (2 * N) + [(None, None)] + [mu_bounds(mc.relation) for mc in moments]
    res, size, _ = _solve_generated(c, nat, np.zeros(N), t1, t2, ncols, bounds, n, ic)
    f = np.clip(-np.asarray(res.ineqlin.marginals[:N]), 0.0, None)
    law = tuple(((float(a), float(b)), float(w)) for a, b, w in zip(t1, t2, f) if w > 1e-12)
    q1, q2, pay, U = _unpack(res.x, t1, t2, n)
    return TwoGoodLP(value=-float(res.fun), grid=tuple(sorted(map(float, grid_1d))), q1=q1, q2=q2,
                     payment=pay, rent=U, nature_atoms=law, lam=float(res.x[3 * N]),
                     mu=tuple(map(float, res.x[3 * N + 1:])), size=size, seconds=time.perf_counter() - t0)


def best_response_two_goods(grid_1d: Sequence[float], nature_atoms: Sequence[tuple[tuple[float, float], float]],
                            *, tol: float = 1e-9, ic: str = "generate") -> TwoGoodLP:
    """Seller's best IC/IR mechanism on the grid against a fixed law whose atoms lie on the grid
    (``ic`` as in :func:`maxmin_two_goods_menu`)."""
    t0 = time.perf_counter()
    t1, t2, n = _types(grid_1d)
    N = len(t1)
    g = np.asarray(sorted(map(float, grid_1d)))
    f = np.zeros(N)
    for (a, b), w in nature_atoms:
        i, j = int(np.argmin(np.abs(g - a))), int(np.argmin(np.abs(g - b)))
        if abs(g[i] - a) > tol or abs(g[j] - b) > tol:
            raise ValueError(f"atom ({a}, {b}) is not on the grid")
        f[i * n + j] += float(w)
    ncols = 3 * N
    c = np.concatenate([f, -f * t1, -f * t2])          # minimize -(sum f t)
    bounds = [(0.0, None)] * N + [(0.0, 1.0)] * (2 * N)
    res, size, _ = _solve_generated(c, coo_matrix((0, ncols)).tocsr(), np.zeros(0), t1, t2, ncols, bounds,
                                    n, ic)
    q1, q2, pay, U = _unpack(res.x, t1, t2, n)
    law = tuple(((float(a), float(b)), float(w)) for a, b, w in zip(t1, t2, f) if w > 0)
    return TwoGoodLP(value=-float(res.fun), grid=tuple(map(float, g)), q1=q1, q2=q2, payment=pay, rent=U,
                     nature_atoms=law, lam=None, mu=(), size=size, seconds=time.perf_counter() - t0)


def comonotone_law(law_1d: Sequence[tuple[float, float]]) -> Law2:
    """Diagonal coupling of a 1-D law: atoms ``((x, x), w)``."""
    return tuple(((float(x), float(x)), float(w)) for x, w in law_1d)


def product_law(law_a: Sequence[tuple[float, float]], law_b: Sequence[tuple[float, float]]) -> Law2:
    """Independent coupling: atoms ``((x, y), w_x w_y)``."""
    return tuple(((float(x), float(y)), float(w) * float(v)) for x, w in law_a for y, v in law_b)
