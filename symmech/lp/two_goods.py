"""Two goods: IC direct mechanisms on an n x n grid of types (full pairwise IC, sparse LPs).

Variables per grid type s: rent ``U_s >= 0`` (IR) and allocation ``q_s in [0,1]^2``;
payment ``t_s = theta_s . q_s - U_s``.  IC: ``U_s >= U_r + (theta_s - theta_r) . q_r``
for every ordered pair of types.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Sequence

import numpy as np
from scipy.sparse import coo_matrix, vstack

from ._common import LPSize, MomentCondition, mu_bounds, solve

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


def _unpack(x: np.ndarray, t1: np.ndarray, t2: np.ndarray, n: int):
    N = len(t1)
    U, q1, q2 = x[:N], x[N:2 * N], x[2 * N:3 * N]
    pay = t1 * q1 + t2 * q2 - U
    return tuple(v.reshape(n, n).copy() for v in (q1, q2, pay, U))


def maxmin_two_goods_menu(grid_1d: Sequence[float], moments: Sequence[MomentCondition]) -> TwoGoodLP:
    """Discretized max-min over IC/IR mechanisms on ``grid_1d x grid_1d`` (g_l(theta1, theta2) moments).

    max ``lam + mu.m`` s.t. IC, IR and ``t_s >= lam + mu.g(theta_s)`` for every grid type;
    the duals of the last rows are nature's worst-case grid law.
    """
    t0 = time.perf_counter()
    t1, t2, n = _types(grid_1d)
    N, L = len(t1), len(moments)
    ncols = 3 * N + 1 + L
    ic = _ic_block(t1, t2, ncols)
    H = np.array([[float(mc.g(float(a), float(b))) for a, b in zip(t1, t2)] for mc in moments]).reshape(L, N)
    r = np.arange(N)
    # nature rows: lam + mu.h(theta_s) - t1 q1_s - t2 q2_s + U_s <= 0
    rows = np.concatenate([r, np.repeat(r, L), r, r, r])
    cols = np.concatenate([np.full(N, 3 * N), np.tile(3 * N + 1 + np.arange(L), N), N + r, 2 * N + r, r])
    data = np.concatenate([np.ones(N), H.T.ravel(), -t1, -t2, np.ones(N)])
    nat = coo_matrix((data, (rows, cols)), shape=(N, ncols))
    A = vstack([nat, ic]).tocsr()
    c = np.zeros(ncols)
    c[3 * N] = -1.0
    c[3 * N + 1:] = -np.array([mc.value for mc in moments])
    bounds = [(0.0, None)] * N + [(0.0, 1.0)] * (2 * N) + [(None, None)] + [mu_bounds(mc.relation) for mc in moments]
    res, size, _ = solve(c, A, np.zeros(A.shape[0]), bounds=bounds)
    f = np.clip(-np.asarray(res.ineqlin.marginals[:N]), 0.0, None)
    law = tuple(((float(a), float(b)), float(w)) for a, b, w in zip(t1, t2, f) if w > 1e-12)
    q1, q2, pay, U = _unpack(res.x, t1, t2, n)
    return TwoGoodLP(value=-float(res.fun), grid=tuple(sorted(map(float, grid_1d))), q1=q1, q2=q2,
                     payment=pay, rent=U, nature_atoms=law, lam=float(res.x[3 * N]),
                     mu=tuple(map(float, res.x[3 * N + 1:])), size=size, seconds=time.perf_counter() - t0)


def best_response_two_goods(grid_1d: Sequence[float], nature_atoms: Sequence[tuple[tuple[float, float], float]],
                            *, tol: float = 1e-9) -> TwoGoodLP:
    """Seller's best IC/IR mechanism on the grid against a fixed law whose atoms lie on the grid."""
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
    ic = _ic_block(t1, t2, ncols).tocsr()
    c = np.concatenate([f, -f * t1, -f * t2])          # minimize -(sum f t)
    bounds = [(0.0, None)] * N + [(0.0, 1.0)] * (2 * N)
    res, size, _ = solve(c, ic, np.zeros(ic.shape[0]), bounds=bounds)
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
