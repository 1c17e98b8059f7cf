"""One good: grid LPs for the robust (max-min) posted-price problem, with brackets.

Buyer value theta in [a, b]; nature picks F with moment conditions
``E_F g_l (rel) m_l``; the seller picks a random posted price (price CDF G),
payment ``t(theta) = sum of price * mass over prices <= theta``.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Sequence

import numpy as np
from scipy.sparse import coo_matrix

from symmech.tactics.lp import one_good_certificates as oc
from symmech.tactics.lp._common import (
    LPSize,
    MomentCondition,
    _snap_dyadic,
    atoms,
    cell_enclosures,
    mu_bounds,
    repair_distribution,
    solve,
    values,
)

__all__ = ["MaxMinLP", "WorstCaseLP", "StepGuarantee", "maxmin_posted_price", "worst_case_revenue",
           "step_payment_guarantee", "best_posted_price", "RefinedMaxMin", "RefineRound",
           "refined_maxmin_posted_price"]


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
    ``lower_exact`` / ``upper_exact`` (when every moment has an ``ExactG``) are the
    same ends recomputed exactly (the lottery's best lam; the law repaired to meet mass
    and moments exactly); ``certified`` is True only when both exist.
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
    # exact ends (None unless every moment has an ExactG): ``lower_exact`` is proven by
    # ``lottery_certificate`` (check_lottery), ``upper_exact`` by ``law_certificate`` (check_law)
    lower_exact: Fraction | None = None
    upper_exact: Fraction | None = None
    lottery_certificate: Any = None
    law_certificate: Any = None
    exact_notes: tuple[str, ...] = ()

    @property
    def certified(self) -> bool:
        """True only when both ends were rechecked exactly (``lower_exact``, ``upper_exact``)."""
        return self.lower_exact is not None and self.upper_exact is not None

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


def _checked_nodes(support: tuple[float, float], nodes: Sequence[float]) -> np.ndarray:
    """Validate user nodes: finite, strictly increasing, first = a and last = b."""
    a, b = map(float, support)
    if not (math.isfinite(a) and math.isfinite(b) and b > a):
        raise ValueError(f"need a finite support (a, b) with a < b, got {support!r}")
    x = np.asarray(nodes, dtype=float)
    if x.ndim != 1 or len(x) < 2:
        raise ValueError("nodes must be a 1-D sequence of at least 2 points")
    if not np.all(np.isfinite(x)):
        raise ValueError("nodes must be finite")
    if np.any(np.diff(x) <= 0):
        i = int(np.flatnonzero(np.diff(x) <= 0)[0])
        raise ValueError(f"nodes must be strictly increasing (nodes[{i}] = {x[i]!r} >= nodes[{i + 1}] = {x[i + 1]!r})")
    if x[0] < a or x[-1] > b:
        raise ValueError(f"nodes must lie inside the support [{a}, {b}] (got [{x[0]!r}, {x[-1]!r}])")
    if x[0] != a or x[-1] != b:
        raise ValueError(f"nodes must start at a = {a} and end at b = {b} (got {x[0]!r} ... {x[-1]!r})")
    return x


def maxmin_posted_price(support: tuple[float, float], moments: Sequence[MomentCondition], n: int | None = None,
                        *, nodes: Sequence[float] | None = None, subdivisions: int = 8,
                        exact: bool = True) -> MaxMinLP:
    """Seller's grid LP (prices and types on ``a + (b-a) j/n``, or on ``nodes``) plus a bracket.

    LP: max ``lam + mu.m`` s.t. ``lam + mu.g(theta_j) <= P_j``, ``P_j = P_{j-1} + theta_j g_j``,
    ``g >= 0``, ``sum g <= 1``; the duals of the first rows are nature's grid law.
    lower = certified guarantee of the LP lottery on the continuum (:func:`step_payment_guarantee`);
    upper = best response over all prices to nature's (repaired) grid law.
    ``nodes`` (strictly increasing, from a to b) replaces the uniform grid.  With ``exact``
    and an ``ExactG`` on every moment, both ends are also recomputed exactly
    (``lower_exact``, ``upper_exact``; :mod:`symmech.tactics.lp.one_good_certificates`).
    """
    t0 = time.perf_counter()
    if nodes is not None:
        x = _checked_nodes(support, nodes)
        if n is not None and n != len(x) - 1:
            raise ValueError(f"n = {n} does not match len(nodes) - 1 = {len(x) - 1}")
        n = len(x) - 1
    elif n is None:
        raise ValueError("give the grid size n or the nodes")
    else:
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
    ex: dict[str, Any] = {}
    if exact:
        ex = _exact_ends(support, moments, x, g, cert.mu, f)
    return MaxMinLP(value=value, lower=cert.lower, upper=upper, grid=tuple(map(float, x)),
                    price_atoms=atoms(x, g), nature_atoms=nature, lam=float(res.x[ilam]),
                    mu=tuple(map(float, res.x[imu:])), lower_certificate=cert, upper_price=price,
                    nature_residual=resid, rigorous=cert.rigorous, size=size,
                    seconds=time.perf_counter() - t0, solver_seconds=solver_seconds, **ex)


def _exact_ends(support, moments, x, g, mu, f) -> dict[str, Any]:
    """Exact lower end from the LP lottery (best lam for its mu) and exact upper end from nature's
    grid law repaired exactly; empty if some moment has no exact enclosure."""
    if not oc.exact_ready(support, moments):
        return {}
    out: dict[str, Any] = {}
    notes = []
    try:
        lot = oc.lottery_from_floats(x, g, mu, moments)
        out["lower_exact"] = oc.check_lottery(lot, support, moments)
        out["lottery_certificate"] = lot
    except oc.CertificateError as e:
        notes.append(f"lower end not exact: {e}")
    try:
        law = oc.law_from_floats(x, f, support, moments)
        out["upper_exact"], _ = oc.check_law(law, support, moments)
        out["law_certificate"] = law
    except oc.CertificateError as e:
        notes.append(f"upper end not exact: {e}")
    out["exact_notes"] = tuple(notes)
    return out


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


# ----------------------------------------------------------------------------- refined bracket

@dataclass(frozen=True)
class RefineRound:
    """One step of :func:`refined_maxmin_posted_price`: which construction, its size, the exact ends
    it proved (None where it proved none) and its wall time."""

    method: str                    # "lp" (grid LP), "lp-refined", "staircase+equal-revenue", "staircase"
    points: int
    lower: float | None
    upper: float | None
    seconds: float


@dataclass(frozen=True)
class RefinedMaxMin:
    """An exact bracket ``lower <= max-min value <= upper`` for the continuous one-good problem.

    ``lower`` is proven by ``lower_certificate`` (a finite price lottery with a feasible dual,
    rechecked by :func:`~symmech.tactics.lp.one_good_certificates.check_lottery`), ``upper`` by
    ``upper_certificate`` (a finite law meeting mass and moments exactly, rechecked by
    :func:`~symmech.tactics.lp.one_good_certificates.check_law`): both in exact rational arithmetic.
    """

    lower: Fraction
    upper: Fraction
    lower_certificate: Any
    upper_certificate: Any
    upper_price: float
    rounds: tuple[RefineRound, ...]
    seconds: float
    coarse: MaxMinLP
    certified: bool = True

    @property
    def width(self) -> float:
        return float(self.upper - self.lower)

    def contains(self, x: float | Fraction) -> bool:
        """Exactly whether ``lower <= x <= upper`` (x a float or Fraction)."""
        q = x if isinstance(x, Fraction) else Fraction(float(x))
        return self.lower <= q <= self.upper


def _density_grid(moment: MomentCondition, lo: float, b: float, M: int) -> np.ndarray:
    """M + 1 points on [lo, b] with density proportional to sqrt(g'(theta)) / theta (the spacing
    that balances the first-order losses of both certificates; geometric for the mean)."""
    pre = np.geomspace(lo, b, 4097)
    gp = np.gradient(np.asarray(moment.exact.f(pre), dtype=float), pre)
    dens = np.sqrt(np.clip(gp, 1e-300, None)) / pre
    cum = np.concatenate([[0.0], np.cumsum(0.5 * (dens[1:] + dens[:-1]) * np.diff(pre))])
    pts = np.interp(np.linspace(0.0, cum[-1], M + 1), cum, pre)
    pts[0], pts[-1] = lo, b
    return pts


def _split_marked(x: np.ndarray, lp: MaxMinLP, moments: Sequence[MomentCondition]) -> np.ndarray:
    """Bisect the cells next to nature's atoms, the seller's price atoms and the tight dual rows."""
    n = len(x)
    mark = np.zeros(n, dtype=bool)
    idx = {float(v): i for i, v in enumerate(x)}
    for p, w in lp.nature_atoms + lp.price_atoms:
        if w > 1e-9 and float(p) in idx:
            mark[idx[float(p)]] = True
    G = np.array([values(mc.g, x) for mc in moments]).reshape(len(moments), n)
    probs = np.zeros(n)
    for p, w in lp.price_atoms:
        if float(p) in idx:
            probs[idx[float(p)]] = w
    P = np.cumsum(x * probs)
    slack = P - (lp.lam + np.asarray(lp.mu) @ G)
    mark |= slack <= 1e-7 * max(1.0, abs(lp.value))
    cells = np.zeros(n - 1, dtype=bool)
    cells |= mark[:-1] | mark[1:]
    mids = 0.5 * (x[:-1] + x[1:])[cells]
    return np.unique(np.concatenate([x, mids]))


def refined_maxmin_posted_price(support: tuple[float, float], moments: Sequence[MomentCondition], *,
                                target_width: float = 1e-6, n0: int = 200, max_points: int = 4_000_000,
                                first_points: int = 3000, lp_rounds: int = 6, max_lp_points: int = 4000,
                                staircase_points: int = 200_000, multi_max_points: int = 4_000_000,
                                time_budget: float = 30.0) -> RefinedMaxMin:
    """Exact bracket of width <= ``target_width`` (when reachable) for the continuous max-min revenue.

    1. A coarse grid LP (``n0``) locates the solution and gives exact ends (its lottery; its
       law, repaired exactly).
    2. One nondecreasing moment with ``==`` or ``>=`` (Carrasco et al.'s class): the LP's
       multiplier and support seed two large certificates on a grid concentrated on
       ``[theta_lo, b]`` (theta_lo just below nature's lowest atom): the cheapest staircase
       lottery dominating ``lam + mu g`` (mu re-optimized) and nature's discrete
       equal-revenue law. Both losses are first order in the spacing, so the number of points
       is predicted from the first width and the target.
    3. Two equality moments: the same lottery (mu by Nelder-Mead) against nature's truncated
       equal-revenue law (tails V/x on [V, beta], an atom at beta; (V, beta) solved from the LP's
       value and top atom; two blocks of tails re-solved exactly), when it exists near the start.
       With mixed-sign mu the cell bounds use the curvature of ``mu.g`` (``ExactG.second``), so
       the losses stay about 0.2/M each (spec C8: width 1e-6 with ~4e5 points, ~2 s).
    4. Otherwise (or if 3 fails; also ``<=``): grid LPs on nodes refined next to nature's atoms,
       the price atoms and the tight dual rows (upper end: each LP's law, repaired exactly),
       while the LP stays below ``max_lp_points`` nodes and ``time_budget`` seconds; lower end:
       a staircase lottery for the last LP's mu (re-optimized) on ``staircase_points`` cells.
       The upper end is then only first order in the LP's spacing: the target may not be met.
    The best exact lower and upper ends over all rounds are kept; every end is rechecked
    exactly.  Needs an ``ExactG`` on every moment (``mean_condition``, ``power_condition``,
    ``sqrt_condition``), else ValueError.
    """
    t0 = time.perf_counter()
    a, b = map(float, support)
    if not (math.isfinite(a) and math.isfinite(b) and b > a):
        raise ValueError(f"need a finite support (a, b) with a < b, got {support!r}")
    if not (target_width > 0):
        raise ValueError("target_width must be positive")
    if not oc.exact_ready(support, moments):
        raise ValueError("refined_maxmin_posted_price needs exact enclosures on every moment "
                         "(MomentCondition.exact nondecreasing on the support); use maxmin_posted_price")
    rounds: list[RefineRound] = []
    lp = maxmin_posted_price(support, moments, n0)
    if not lp.certified:
        raise ValueError("the coarse LP's ends could not be made exact: " + "; ".join(lp.exact_notes))
    best_lo = (lp.lower_exact, lp.lottery_certificate)
    best_hi = (lp.upper_exact, lp.law_certificate, oc.check_law(lp.law_certificate, support, moments)[1])
    rounds.append(RefineRound("lp", n0 + 1, float(lp.lower_exact), float(lp.upper_exact), lp.seconds))

    def width() -> float:
        return float(best_hi[0] - best_lo[0])

    def keep_lower(cert) -> float | None:
        nonlocal best_lo
        try:
            v = oc.check_lottery(cert, support, moments)
        except oc.CertificateError as e:
            if "dual infeasible" not in str(e):
                raise
            cert = oc.with_best_lambda(cert, moments)       # the float lam was a hair too high
            v = oc.check_lottery(cert, support, moments)
        if v > best_lo[0]:
            best_lo = (v, cert)
        return float(v)

    def keep_upper(cert) -> float | None:
        nonlocal best_hi
        v, price = oc.check_law(cert, support, moments)
        if v < best_hi[0]:
            best_hi = (v, cert, price)
        return float(v)

    single = len(moments) == 1 and moments[0].relation in ("==", ">=")
    heavy = [p for p, w in lp.nature_atoms if w > 1e-9 and p > 0]
    theta_lo = max(a, 0.9 * min(heavy + [float(lp.lower_exact)]))
    if single and width() > target_width:
        # nature's level V from an equal-revenue law on a geometric pre-grid (also when the coarse
        # LP cannot see V, e.g. V < 1/n0): the solution lives on [about V, b]
        try:
            pre = np.geomspace(max(a, b * 1e-12, math.ldexp(1.0, -900)), b, 4001)
            pre[-1] = b
            v_pre = float(oc.equal_revenue_law(pre, support, moments[0]).points[0])
            theta_lo = max(a, 0.9 * min(v_pre, max(theta_lo, v_pre * 0.5)))
        except oc.CertificateError:
            pass
    if single and theta_lo > 0 and width() > target_width:
        mc = moments[0]
        M, mu = first_points, list(lp.lower_certificate.mu)
        # first round: search mu on all of (0, 2 b / (g(b) - g(theta_lo))] (the total probability of
        # the staircase for lam + mu g is at least mu (g(b) - g(theta0)) / b); later rounds near it
        g_lo, g_b = (float(v) for v in mc.exact.f(np.array([theta_lo, b])))
        mu_bounds: tuple[float, float] | None = (0.0, 2.0 * b / (g_b - g_lo)) if g_b > g_lo else None
        while time.perf_counter() - t0 < time_budget:
            t1 = time.perf_counter()
            z = oc._snap_points(_density_grid(mc, theta_lo, b, M), [mc])
            z = np.unique(np.clip(z, theta_lo, b))
            z[-1] = b
            y = np.unique(np.concatenate([[a], z]))
            lo_v = hi_v = None
            try:
                lot = oc.optimize_staircase(y, mu, moments, bounds=mu_bounds)
                mu, mu_bounds = [float(u) for u in lot.mu], None
                lo_v = keep_lower(lot)
            except oc.CertificateError:
                pass
            try:
                hi_v = keep_upper(oc.equal_revenue_law(z, support, mc))
            except oc.CertificateError:
                pass
            rounds.append(RefineRound("staircase+equal-revenue", len(y), lo_v, hi_v, time.perf_counter() - t1))
            w = width()
            if w <= target_width or M >= max_points or lo_v is None or hi_v is None:
                break
            cur = hi_v - lo_v
            M = min(max_points, max(2 * M, int(math.ceil(M * cur / target_width * 1.08))))
    structured = False
    multi = len(moments) >= 2 and all(mc.relation == "==" for mc in moments)
    if multi and theta_lo > 0 and width() > target_width:
        # several equality moments: nature's truncated equal-revenue law on [V, beta] (+ atom at
        # beta), seeded by the LP's value and top atom; the lottery as above, mu by Nelder-Mead
        top = [p for p, w in lp.nature_atoms if w > 1e-3]
        V0, beta0 = float(lp.value), (max(top) if top else b)
        M, mu = first_points, list(lp.lower_certificate.mu)
        while time.perf_counter() - t0 < time_budget:
            t1 = time.perf_counter()
            z = np.unique(np.clip(oc._snap_points(np.geomspace(theta_lo, b, M + 1), moments), theta_lo, b))
            z[-1] = b
            # narrow cells below theta_lo too: with mixed-sign mu the per-moment cell bounds of a
            # wide cell would force lam down
            y = np.unique(np.concatenate([_snap_dyadic(np.linspace(a, theta_lo, 2001)), [a], z]))
            lo_v = hi_v = None
            try:
                lot = oc.optimize_staircase(y, mu, moments)
                mu = [float(u) for u in lot.mu]
                lo_v = keep_lower(lot)
            except oc.CertificateError:
                pass
            try:
                law = oc.truncated_equal_revenue_law(z, support, moments, V0, beta0)
                V0, beta0 = float(law.points[0]), float(law.points[-1])
                hi_v = keep_upper(law)
                structured = True
            except oc.CertificateError:
                pass
            rounds.append(RefineRound("staircase+truncated-equal-revenue", len(y), lo_v, hi_v,
                                      time.perf_counter() - t1))
            cap = min(max_points, multi_max_points)
            if width() <= target_width or M >= cap or lo_v is None or hi_v is None:
                break
            M = min(cap, max(2 * M, int(math.ceil(M * (hi_v - lo_v) / target_width * 1.08))))
    if not single and not structured and width() > target_width:
        x = np.asarray(lp.grid)
        cur = lp
        for _ in range(lp_rounds):
            if time.perf_counter() - t0 > time_budget:
                break
            x = _split_marked(x, cur, moments)
            if len(x) > max_lp_points:
                break
            t1 = time.perf_counter()
            cur = maxmin_posted_price(support, moments, nodes=x)
            lo_v = hi_v = None
            if cur.lottery_certificate is not None:
                lo_v = keep_lower(cur.lottery_certificate)
            if cur.law_certificate is not None:
                hi_v = keep_upper(cur.law_certificate)
            rounds.append(RefineRound("lp-refined", len(x), lo_v, hi_v, time.perf_counter() - t1))
            if width() <= target_width:
                break
        # lower end: the cheapest staircase lottery for the last LP's mu (re-optimized) on a fine
        # uniform grid; its loss is first order in the spacing, second order in mu's error
        t1 = time.perf_counter()
        y = np.unique(np.concatenate([np.linspace(a, b, staircase_points + 1), [a, b]]))
        y = y[(y >= a) & (y <= b)]
        try:
            lo_v = keep_lower(oc.optimize_staircase(y, cur.lower_certificate.mu, moments))
        except oc.CertificateError:
            lo_v = None
        rounds.append(RefineRound("staircase", len(y), lo_v, None, time.perf_counter() - t1))
    return RefinedMaxMin(lower=best_lo[0], upper=best_hi[0], lower_certificate=best_lo[1],
                         upper_certificate=best_hi[1], upper_price=best_hi[2], rounds=tuple(rounds),
                         seconds=time.perf_counter() - t0, coarse=lp)
