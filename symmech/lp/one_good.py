"""One good: grid LPs for the robust (max-min) posted-price problem, with brackets.

Buyer value theta in [a, b]; nature picks F with moment conditions
``E_F g_l (rel) m_l``; the seller picks a random posted price (price CDF G),
payment ``t(theta) = sum of price * mass over prices <= theta``.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np
from scipy.sparse import coo_matrix

from ._common import (LPSize, MomentCondition, atoms, cell_enclosures, mu_bounds, repair_distribution,
                      solve, values)

__all__ = ["MaxMinLP", "WorstCaseLP", "StepGuarantee", "maxmin_posted_price", "worst_case_revenue",
           "step_payment_guarantee", "best_posted_price"]


@dataclass(frozen=True)
class StepGuarantee:
    """Certified lower bound on min_F E_F t for a step payment t, via a feasible dual (lam, mu)."""

    lower: float
    lam: float
    mu: tuple[float, ...]
    rigorous: bool          # False if some moment's cell bounds rest on an estimated Lipschitz constant


@dataclass(frozen=True)
class MaxMinLP:
    """Seller's grid LP for max_G min_F E_F t, with a bracket for the continuous problem.

    ``lower <= (continuous max-min value) <= upper``; ``value`` is the grid LP
    value (the discretized max-min, itself between the two up to solver error).
    "Rigorous-ish": both bounds are exact statements about explicit objects (a
    price lottery with a feasible dual; a law meeting the moments up to
    ``nature_residual``) evaluated in floating point, not interval arithmetic.
    """

    value: float
    lower: float
    upper: float
    grid: tuple[float, ...]
    price_atoms: tuple[tuple[float, float], ...]     # (price, probability) of the seller's lottery
    nature_atoms: tuple[tuple[float, float], ...]    # (theta, mass) of nature's repaired grid law
    lam: float                                       # LP multipliers: value = lam + mu . m
    mu: tuple[float, ...]
    lower_certificate: StepGuarantee                 # feasible dual behind ``lower``
    upper_price: float                               # best posted price against nature's law
    nature_residual: float                           # moment/mass violation of nature's law (after repair)
    rigorous: bool                                   # lower bound used declared facts about every g
    size: LPSize
    seconds: float                                   # wall time of the whole computation
    solver_seconds: float

    @property
    def width(self) -> float:
        """upper - lower."""
        return self.upper - self.lower

    def contains(self, x: float, tol: float = 0.0) -> bool:
        """Whether ``lower - tol <= x <= upper + tol``."""
        return self.lower - tol <= x <= self.upper + tol

    def price_cdf(self, p: float) -> float:
        """Probability that the posted price is <= p."""
        return math.fsum(w for x, w in self.price_atoms if x <= p)


@dataclass(frozen=True)
class WorstCaseLP:
    """Nature's grid LP (refined) for a given payment function.

    ``upper`` is the exact revenue of a grid law meeting the moments (up to
    ``nature_residual``); ``lower = lam - violation + mu . m`` is a *numerical*
    lower bound: the dual's violation is measured on a finite check grid only.
    """

    value: float
    lower: float
    upper: float
    nature_atoms: tuple[tuple[float, float], ...]
    lam: float
    mu: tuple[float, ...]
    dual_residual: float            # max over the check grid of lam + mu.g(theta) - t(theta), >= 0
    nature_residual: float
    grid_points: int
    rounds: int
    size: LPSize
    seconds: float
    lower_rigorous: bool = False


def _grid(support: tuple[float, float], n: int) -> np.ndarray:
    a, b = map(float, support)
    if not (b > a) or n < 1:
        raise ValueError("need support (a, b) with a < b and n >= 1")
    return a + (b - a) * np.arange(n + 1) / n


def best_posted_price(nature: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """Best deterministic price against a discrete law: (price, revenue), revenue = max_i x_i P(theta >= x_i).

    No posted price (and no lottery over prices) does better: between atoms
    revenue p P(theta >= p) increases in p.
    """
    pts = sorted((float(x), float(w)) for x, w in nature if w > 0)
    best, price, tail = 0.0, 0.0, 0.0
    for x, w in reversed(pts):
        tail += w
        if x * tail > best:
            best, price = x * tail, x
    return price, best


def step_payment_guarantee(nodes: Sequence[float], levels: Sequence[float],
                           moments: Sequence[MomentCondition], *, subdivisions: int = 8) -> StepGuarantee:
    """Lower bound on ``min_F E_F t`` over all F on ``[nodes[0], nodes[-1]]`` meeting the moments.

    ``t = levels[j]`` on ``[nodes[j], nodes[j+1])`` and ``t(nodes[-1]) = levels[-1]``.
    Solves ``max lam + mu.m`` s.t. ``lam + sum(mu+ hi - mu- lo) <= t`` on every cell
    (``[lo, hi]`` encloses g on the cell), then shifts ``lam`` down by any
    floating-point violation, so the returned (lam, mu) is feasible.
    """
    x = np.asarray(nodes, dtype=float)
    P = np.asarray(levels, dtype=float)
    L = len(moments)
    enc = [cell_enclosures(mc, x, subdivisions) for mc in moments]
    rigorous = all(e[2] for e in enc)
    # variables: lam, mu+_1..L, mu-_1..L
    cols = [np.ones_like(P)] + [e[1] for e in enc] + [-e[0] for e in enc]
    A = np.column_stack(cols)
    m = np.array([mc.value for mc in moments], dtype=float)
    c = -np.concatenate([[1.0], m, -m])
    bounds = [(None, None)]
    bounds += [(0.0, None) if mc.relation in ("==", ">=") else (0.0, 0.0) for mc in moments]
    bounds += [(0.0, None) if mc.relation in ("==", "<=") else (0.0, 0.0) for mc in moments]
    res, _, _ = solve(c, A_ub=A, b_ub=P, bounds=bounds)
    z = np.clip(res.x, 0.0, None)
    z[0] = res.x[0]
    slack = A[:, 1:] @ z[1:] + z[0] - P
    lam = float(z[0]) - max(0.0, float(slack.max()))
    mu_plus, mu_minus = z[1:1 + L], z[1 + L:]
    mu = tuple(float(p - q) for p, q in zip(mu_plus, mu_minus))
    lower = math.fsum([lam] + [float(p) * mc.value - float(q) * mc.value
                               for p, q, mc in zip(mu_plus, mu_minus, moments)])
    return StepGuarantee(lower=lower, lam=lam, mu=mu, rigorous=rigorous)


def maxmin_posted_price(support: tuple[float, float], moments: Sequence[MomentCondition], n: int,
                        *, subdivisions: int = 8) -> MaxMinLP:
    """Seller's grid LP (prices and types on ``a + (b-a) j/n``) plus a bracket for the continuum.

    LP: max ``lam + mu.m`` s.t. ``lam + mu.g(theta_j) <= P_j``, ``P_j = P_{j-1} + theta_j g_j``,
    ``g >= 0``, ``sum g <= 1``; the duals of the first rows are nature's grid law.
    lower = certified guarantee of the LP lottery on the continuum (:func:`step_payment_guarantee`);
    upper = best response over all prices to nature's (repaired) grid law.
    """
    t0 = time.perf_counter()
    x = _grid(support, n)
    N, L = n + 1, len(moments)
    G = np.array([values(mc.g, x) for mc in moments]).reshape(L, N)
    # variables: g_0..g_n | P_0..P_n | lam | mu_1..mu_L
    iP, ilam, imu = N, 2 * N, 2 * N + 1
    r = np.arange(N)
    ub_rows = np.concatenate([r, r, np.repeat(r, L), np.full(N, N)])
    ub_cols = np.concatenate([np.full(N, ilam), iP + r, np.tile(imu + np.arange(L), N), r])
    ub_vals = np.concatenate([np.ones(N), -np.ones(N), G.T.ravel(), np.ones(N)])
    A_ub = coo_matrix((ub_vals, (ub_rows, ub_cols)), shape=(N + 1, 2 * N + 1 + L))
    b_ub = np.concatenate([np.zeros(N), [1.0]])
    eq_rows = np.concatenate([r, r[1:], r])
    eq_cols = np.concatenate([iP + r, iP + r[:-1], r])
    eq_vals = np.concatenate([np.ones(N), -np.ones(N - 1), -x])
    A_eq = coo_matrix((eq_vals, (eq_rows, eq_cols)), shape=(N, 2 * N + 1 + L))
    c = np.zeros(2 * N + 1 + L)
    c[ilam] = -1.0
    c[imu:] = -np.array([mc.value for mc in moments])
    bounds = [(0.0, None)] * N + [(None, None)] * (N + 1) + [mu_bounds(mc.relation) for mc in moments]
    res, size, solver_seconds = solve(c, A_ub, b_ub, A_eq, np.zeros(N), bounds)
    value = -float(res.fun)
    # the seller's lottery, cleaned into an exact probability vector (floats)
    g = np.clip(res.x[:N], 0.0, None)
    if g.sum() > 1.0:
        g = g / g.sum()
    P = np.cumsum(x * g)
    cert = step_payment_guarantee(x, P, moments, subdivisions=subdivisions)
    # nature's grid law from the row duals, repaired to meet the moments
    f = -np.asarray(res.ineqlin.marginals[:N])
    f, resid = repair_distribution(x, f, G, moments)
    nature = atoms(x, f)
    price, upper = best_posted_price(nature)
    return MaxMinLP(value=value, lower=cert.lower, upper=upper, grid=tuple(map(float, x)),
                    price_atoms=atoms(x, g), nature_atoms=nature, lam=float(res.x[ilam]),
                    mu=tuple(map(float, res.x[imu:])), lower_certificate=cert, upper_price=price,
                    nature_residual=resid, rigorous=cert.rigorous, size=size,
                    seconds=time.perf_counter() - t0, solver_seconds=solver_seconds)


def _nature_lp(x: np.ndarray, t: np.ndarray, G: np.ndarray, moments: Sequence[MomentCondition]):
    """min t.f s.t. sum f = 1, moments, f >= 0; returns (res, size, f, lam, mu)."""
    eq = [np.ones_like(x)] + [G[l] for l, mc in enumerate(moments) if mc.relation == "=="]
    b_eq = [1.0] + [mc.value for mc in moments if mc.relation == "=="]
    ub, b_ub, sign = [], [], []
    for l, mc in enumerate(moments):
        if mc.relation != "==":
            s = 1.0 if mc.relation == "<=" else -1.0
            ub.append(s * G[l])
            b_ub.append(s * mc.value)
    res, size, _ = solve(t, np.array(ub) if ub else None, b_ub or None, np.array(eq), b_eq,
                         [(0.0, None)] * len(x))
    lam = float(res.eqlin.marginals[0])
    mu, ie, iu = [], 1, 0
    for mc in moments:
        if mc.relation == "==":
            mu.append(float(res.eqlin.marginals[ie]))
            ie += 1
        else:
            marg = float(res.ineqlin.marginals[iu])
            mu.append(marg if mc.relation == "<=" else -marg)
            iu += 1
    return res, size, np.asarray(res.x), lam, mu


def worst_case_revenue(payment: Callable[[float], float], support: tuple[float, float],
                       moments: Sequence[MomentCondition], n: int, *, refine: bool = True,
                       rounds: int = 6, check_points: int | None = None) -> WorstCaseLP:
    """Nature's LP ``min_F E_F t`` for a given payment t on a grid refined around active atoms.

    Each refinement round bisects the grid intervals next to every active atom.
    The dual (lam, mu) comes from the LP duals; its violation of
    ``t >= lam + mu.g`` is measured on a uniform check grid (default
    ``max(20 n, 20000)`` points) plus the LP grid and its floating-point
    neighbours (one-sided limits at jumps), and subtracted from lam.
    """
    t0 = time.perf_counter()
    a, b = map(float, support)
    x = _grid(support, n)
    done = 0
    while True:
        t = values(payment, x)
        G = np.array([values(mc.g, x) for mc in moments]).reshape(len(moments), len(x))
        res, size, f, lam, mu = _nature_lp(x, t, G, moments)
        if not refine or done >= rounds:
            break
        active = np.flatnonzero(f > 1e-10)
        new = [(x[i - 1] + x[i]) / 2 for i in active if i > 0] + \
              [(x[i] + x[i + 1]) / 2 for i in active if i + 1 < len(x)]
        x = np.unique(np.concatenate([x, new]))
        done += 1
    value = float(res.fun)
    f, resid = repair_distribution(x, f, G, moments)
    upper = math.fsum(t * f)
    m = check_points or max(20 * n, 20000)
    near = np.concatenate([np.nextafter(x, -np.inf), np.nextafter(x, np.inf)])   # one-sided limits
    xc = np.unique(np.clip(np.concatenate([np.linspace(a, b, m + 1), x, near]), a, b))
    tc = values(payment, xc)
    Gc = np.array([values(mc.g, xc) for mc in moments]).reshape(len(moments), len(xc))
    viol = max(0.0, float(np.max(lam + np.asarray(mu) @ Gc - tc)))
    lower = math.fsum([lam - viol] + [u * mc.value for u, mc in zip(mu, moments)])
    return WorstCaseLP(value=value, lower=lower, upper=upper, nature_atoms=atoms(x, f), lam=lam,
                       mu=tuple(mu), dual_residual=viol, nature_residual=resid, grid_points=len(x),
                       rounds=done, size=size, seconds=time.perf_counter() - t0)
