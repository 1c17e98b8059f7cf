"""Exact certificates for the one-good max-min posted-price problem (both ends of a bracket).

Problem: buyer value theta in [a, b]; nature picks F with ``E_F g_l (rel) m_l``; the
seller picks a price lottery; payment ``t(theta) = sum of price * prob over prices <= theta``.

* :class:`LotteryCertificate` (lower end): a finite price lottery and a dual (lam, mu) with
  ``lam + mu.g(theta) <= t(theta)`` on every cell; so every admissible F pays at least
  ``lam + mu.m`` (weak duality, with the sign of mu_l fixed by the relation).
  :func:`check_lottery` rechecks it in exact integer (dyadic) arithmetic.
* :class:`LawCertificate` (upper end): a finite law meeting mass 1 and the moments exactly;
  no lottery earns more than ``max_i x_i P(theta >= x_i)`` against it.
  :func:`check_law` rechecks it exactly and returns that revenue.

Exactness needs every moment to carry an :class:`~symmech.tactics.lp._common.ExactG` (dyadic
enclosures of g; nondecreasing g). All vector arithmetic is on numpy object arrays of
Python integers (exact), so certificates with 10^5-10^6 atoms are checked in well under a second.

Constructions (floats for the search, exact objects at the end):
:func:`lottery_from_floats`, :func:`law_from_floats` (exact repair through pivot atoms),
:func:`staircase_lottery` (the cheapest finite lottery dominating ``lam + mu.g``),
:func:`equal_revenue_law` (nature's discrete equal-revenue law, one increasing moment).

Length: about 700 lines because each certificate sits next to the exact arithmetic that rechecks it
(lower end, upper end, their dyadic rechecks); splitting would separate a certificate from its check.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

import numpy as np

from symmech.tactics.lp._common import MomentCondition

__all__ = ["CertificateError", "LotteryCertificate", "LawCertificate", "check_lottery", "check_law",
           "lottery_from_floats", "law_from_floats", "staircase_lottery", "equal_revenue_law",
           "exact_ready", "best_lambda", "with_best_lambda", "optimize_staircase"]

PROB_BITS = 60          # probabilities / masses are multiples of 2**-60 (before an exact repair)


class CertificateError(ValueError):
    """A certificate failed its exact recheck (the message says which condition and where)."""


# ----------------------------------------------------------------------------- exact helpers

def _fixed(x: np.ndarray) -> tuple[np.ndarray, int]:
    """Exact integers X and an exponent s with ``x == X / 2**s`` (floats are dyadic)."""
    x = np.asarray(x, dtype=float)
    for s in (50, 60):
        y = np.ldexp(x, s)
        if np.all(np.abs(y) < 2.0 ** 62) and np.all(y == np.round(y)):
            return y.astype(np.int64).astype(object), s
    fr = [float(v).as_integer_ratio() for v in x]
    s = max(d.bit_length() - 1 for _, d in fr)
    return np.array([n << (s - (d.bit_length() - 1)) for n, d in fr], dtype=object), s


def _all_ints(v: np.ndarray) -> bool:
    """Every entry a Python int (bool excluded)."""
    return set(map(type, v)) <= {int}


def _frac(v: float | Fraction | int) -> Fraction:
    return v if isinstance(v, Fraction) else Fraction(v)


def exact_ready(support: tuple[float, float], moments: Sequence[MomentCondition]) -> bool:
    """Whether every moment has exact enclosures that are nondecreasing on the support."""
    a = float(support[0])
    return all(mc.exact is not None and mc.exact.increasing and a >= mc.exact.domain_min for mc in moments)


def _validate_support(support: tuple[float, float]) -> tuple[float, float]:
    a, b = float(support[0]), float(support[1])
    if not (math.isfinite(a) and math.isfinite(b) and a < b):
        raise CertificateError(f"support must be finite with a < b, got {support!r}")
    return a, b


def _require_exact(support: tuple[float, float], moments: Sequence[MomentCondition]) -> None:
    for mc in moments:
        if mc.exact is None:
            raise CertificateError(f"moment {mc.label or mc.g!r} has no exact enclosure (MomentCondition.exact)")
        if not mc.exact.increasing or float(support[0]) < mc.exact.domain_min:
            raise CertificateError(f"moment {mc.exact.name} is not known nondecreasing on the support")


def _check_mu_signs(mu: Sequence[Fraction], moments: Sequence[MomentCondition]) -> None:
    if len(mu) != len(moments):
        raise CertificateError(f"{len(mu)} multipliers for {len(moments)} moment conditions")
    for l, (u, mc) in enumerate(zip(mu, moments)):
        if mc.relation == ">=" and u < 0 or mc.relation == "<=" and u > 0:
            raise CertificateError(f"multiplier mu[{l}] = {u} has the wrong sign for E g {mc.relation} m")


def _cell_upper(X: np.ndarray, s: int, mu: Sequence[Fraction], moments: Sequence[MomentCondition]
                ) -> tuple[np.ndarray, int]:
    """Integers U and a denominator D with ``sup over cell j of sum_l mu_l g_l <= U[j] / D``.

    Cells are ``[x_j, x_{j+1}]`` for j < M and the point ``{x_M}``; each g_l is
    nondecreasing, so mu_l g_l is largest at the right end (mu_l >= 0) or the left end.
    """
    if any(u < 0 for u in mu) and all(mc.exact.second is not None for mc in moments):
        # mixed signs: the per-moment bound below loses |mu_l| (g_l(r) - g_l(l)) on every cell;
        # the curvature bound loses only (r - l)**2 K / 8
        return _cell_upper_curvature(X, s, mu, moments)
    U, D = np.zeros(len(X), dtype=object), 1
    for u, mc in zip(mu, moments):
        if u == 0:
            continue
        lo, hi, f = mc.exact.enclose(X, s)
        if u > 0:
            sel = np.concatenate([hi[1:], hi[-1:]])
        else:
            sel = lo
        term, d = sel * u.numerator, u.denominator << f
        if D == 1 and not np.any(U):
            U, D = term, d
        else:
            U, D = U * d + term * D, D * d
    return U, D


def _add(A: tuple[np.ndarray, int], B: tuple[np.ndarray, int]) -> tuple[np.ndarray, int]:
    (a, da), (b, db) = A, B
    return a * db + b * da, da * db


def _cell_upper_curvature(X: np.ndarray, s: int, mu: Sequence[Fraction], moments: Sequence[MomentCondition]
                          ) -> tuple[np.ndarray, int]:
    """Second bound on ``sup_cell sum_l mu_l g_l``: ``max(h(l), h(r)) + (r - l)**2 K / 8`` with
    ``K >= sup_cell (-h'')`` (linear interpolation error), h's end values enclosed from above and
    each g_l'' nondecreasing (so sup at r, inf at l)."""
    H: tuple[np.ndarray, int] = (np.zeros(len(X), dtype=object), 1)
    K: tuple[np.ndarray, int] = (np.zeros(len(X) - 1, dtype=object), 1)
    for u, mc in zip(mu, moments):
        if u == 0:
            continue
        lo, hi, f = mc.exact.enclose(X, s)
        H = _add(H, ((hi if u > 0 else lo) * u.numerator, u.denominator << f))
        lo2, hi2, f2 = mc.exact.second(X, s)
        # -u g'' is largest at r (u < 0: g'' largest there) or at l (u > 0: g'' smallest there)
        sel = hi2[1:] if u < 0 else lo2[:-1]
        K = _add(K, (sel * (-u.numerator), u.denominator << f2))
    Kn, Kd = K
    Kn = np.where(Kn > 0, Kn, 0)
    Hn, Hd = H
    Hmax = np.where(Hn[1:] > Hn[:-1], Hn[1:], Hn[:-1])                  # max of the two ends
    W = (X[1:] - X[:-1])
    W2 = W * W                                                            # over 2**(2 s)
    cell = Hmax * (Kd * (8 << (2 * s))) + Kn * W2 * Hd                    # over Hd * Kd * 8 * 2**(2s)
    den = Hd * Kd * (8 << (2 * s))
    last = Hn[-1:] * (Kd * (8 << (2 * s)))                                # the point cell {x_M}
    return np.concatenate([cell, last]), den


def best_lambda(nodes: np.ndarray, probs: np.ndarray, prob_bits: int, mu: Sequence[Fraction],
                moments: Sequence[MomentCondition]) -> tuple[Fraction, int]:
    """The largest lam with ``lam + mu.g <= t`` on every cell, exactly, and the cell where it binds."""
    X, s = _fixed(nodes)
    P = np.cumsum(X * probs)                      # payment on cell j, over 2**(s + prob_bits)
    dP = 1 << (s + prob_bits)
    U, dU = _cell_upper(X, s, mu, moments)
    diff = P * dU - U * dP
    j = int(np.argmin(diff))
    return Fraction(int(diff[j]), dP * dU), j


# ----------------------------------------------------------------------------- lower end

@dataclass(frozen=True, eq=False)
class LotteryCertificate:
    """A price lottery on ``nodes`` (probability of price ``nodes[j]`` is ``probs[j] / 2**prob_bits``)
    with a dual ``(lam, mu)``; claims ``min_F E_F t >= lam + mu.m`` for every admissible F."""

    nodes: np.ndarray          # float64, exact dyadic, strictly increasing, nodes[0] = a, nodes[-1] = b
    probs: np.ndarray          # object array of nonnegative Python ints
    prob_bits: int
    lam: Fraction
    mu: tuple[Fraction, ...]

    @property
    def atoms(self) -> int:
        """Number of prices with positive probability."""
        return int(np.count_nonzero(self.probs))

    def probability(self, j: int) -> Fraction:
        return Fraction(int(self.probs[j]), 1 << self.prob_bits)


def check_lottery(cert: LotteryCertificate, support: tuple[float, float],
                  moments: Sequence[MomentCondition]) -> Fraction:
    """Exact recheck of a lottery certificate; returns the proven lower bound ``lam + mu.m``.

    Raises :class:`CertificateError` naming the failed condition (nodes, probabilities,
    multiplier signs, or the cell where ``lam + mu.g > t``).
    """
    a, b = _validate_support(support)
    _require_exact(support, moments)
    x = np.asarray(cert.nodes, dtype=float)
    if x.ndim != 1 or len(x) < 2 or not np.all(np.isfinite(x)):
        raise CertificateError("lottery nodes must be a finite 1-D array with at least 2 points")
    if not np.all(np.diff(x) > 0):
        raise CertificateError("lottery nodes must be strictly increasing")
    if x[0] != a or x[-1] != b:
        raise CertificateError(f"lottery nodes must start at a = {a} and end at b = {b}")
    p = np.asarray(cert.probs, dtype=object)
    if len(p) != len(x):
        raise CertificateError("one probability per node is needed")
    if not _all_ints(p) or np.any(p < 0):
        raise CertificateError("probabilities must be nonnegative integers (over 2**prob_bits)")
    if int(np.sum(p)) > 1 << cert.prob_bits:
        raise CertificateError("probabilities sum to more than 1")
    mu = tuple(_frac(u) for u in cert.mu)
    _check_mu_signs(mu, moments)
    lam_max, j = best_lambda(x, p, cert.prob_bits, mu, moments)
    if _frac(cert.lam) > lam_max:
        where = f"[{x[j]!r}, {x[j + 1]!r})" if j + 1 < len(x) else f"{{{x[j]!r}}}"
        raise CertificateError(f"dual infeasible: lam + mu.g exceeds the payment on the cell {where} "
                               f"(lam may be at most {float(lam_max)!r}, certificate says {float(cert.lam)!r})")
    return _frac(cert.lam) + sum((u * mc.value_q for u, mc in zip(mu, moments)), Fraction(0))


def lottery_from_floats(nodes: np.ndarray, probs: np.ndarray, mu: Sequence[float],
                        moments: Sequence[MomentCondition], *, lam: float | None = None) -> LotteryCertificate:
    """Round a float lottery to multiples of 2**-60 (total <= 1), keep mu (clipped to its sign), and
    take the exact best lam for it -- or, when a float ``lam`` is given, that lam if it passes the
    exact check (saves one exact pass; the caller's check_lottery rechecks it anyway)."""
    x = np.asarray(nodes, dtype=float)
    w = np.clip(np.nan_to_num(np.asarray(probs, dtype=float)), 0.0, 1.0)
    num = np.floor(np.ldexp(w, PROB_BITS)).astype(np.int64).astype(object)
    excess = int(np.sum(num)) - (1 << PROB_BITS)
    if excess > 0:                                # float rounding: take it from the largest probability
        i = int(np.argmax(w))
        num[i] = max(0, num[i] - excess)
    mu_f = []
    for u, mc in zip(mu, moments):
        u = float(u)
        if mc.relation == ">=":
            u = max(u, 0.0)
        elif mc.relation == "<=":
            u = min(u, 0.0)
        mu_f.append(Fraction(u))
    if lam is not None:
        return LotteryCertificate(nodes=x, probs=num, prob_bits=PROB_BITS, lam=Fraction(lam), mu=tuple(mu_f))
    best, _ = best_lambda(x, num, PROB_BITS, mu_f, moments)
    return LotteryCertificate(nodes=x, probs=num, prob_bits=PROB_BITS, lam=best, mu=tuple(mu_f))


def _float_values(mc: MomentCondition, x: np.ndarray) -> np.ndarray:
    return np.asarray(mc.exact.f(x), dtype=float)


def _staircase_lambda(y: np.ndarray, U: np.ndarray) -> float:
    """Largest lam with total probability <= 1 for the cheapest lottery whose payment on cell j
    is at least ``lam + max_{i <= j} U_i`` (float search)."""
    R = np.maximum.accumulate(U)
    with np.errstate(divide="ignore"):
        inv = np.where(y > 0, 1.0 / np.where(y > 0, y, 1.0), np.inf)
    D = np.diff(R)
    tail = np.concatenate([np.cumsum((D * np.where(np.isfinite(inv[1:]), inv[1:], 0.0))[::-1])[::-1], [0.0]])
    best = -R[0] if (y[0] <= 0 and tail[0] <= 1) else -np.inf
    ok = (y > 0) & (tail < 1)
    lam = np.where(ok, (1 - tail) * np.where(y > 0, y, 0.0) - R, -np.inf)
    prev = np.concatenate([[-np.inf], R[:-1]])
    valid = ok & (lam + R > 0) & (lam + prev <= 0)
    if np.any(valid):
        best = max(best, float(np.max(lam[valid])))
    return best


def _cell_upper_float(y: np.ndarray, mu: np.ndarray, G: np.ndarray, G2: np.ndarray | None = None
                      ) -> np.ndarray:
    """Float version of :func:`_cell_upper` (search only)."""
    U = np.zeros(len(y))
    for u, g in zip(mu, G):
        U += u * (np.concatenate([g[1:], g[-1:]]) if u > 0 else g)
    if G2 is not None and np.any(np.asarray(mu) < 0):
        h = np.asarray(mu) @ G
        K = np.zeros(len(y) - 1)
        for u, g2 in zip(mu, G2):
            K += -u * (g2[1:] if u < 0 else g2[:-1])
        B = np.maximum(h[1:], h[:-1]) + np.diff(y) ** 2 * np.maximum(K, 0.0) / 8
        U = np.concatenate([B, h[-1:]])                  # the bound the exact check uses
    return U


def _second_values(moments: Sequence[MomentCondition], y: np.ndarray) -> np.ndarray | None:
    if all(mc.exact.second is not None and mc.exact.f2 is not None for mc in moments):
        return np.array([np.asarray(mc.exact.f2(y), dtype=float) for mc in moments])
    return None


def staircase_lottery(nodes: np.ndarray, mu: Sequence[float], moments: Sequence[MomentCondition],
                      *, G: np.ndarray | None = None) -> LotteryCertificate:
    """The cheapest lottery on ``nodes`` whose payment dominates ``lam + mu.g`` with the largest lam
    that keeps total probability <= 1, as an exact certificate (lam recomputed exactly)."""
    y = np.asarray(nodes, dtype=float)
    mu_a = np.asarray(mu, dtype=float)
    if G is None:
        G = np.array([_float_values(mc, y) for mc in moments])
    U = _cell_upper_float(y, mu_a, G, _second_values(moments, y))
    lam = _staircase_lambda(y, U)
    if not math.isfinite(lam):
        raise CertificateError("no staircase lottery with total probability <= 1 on these nodes")
    lam -= 1e-10 * (1.0 + abs(lam))               # room for float error in the total
    P = np.maximum(0.0, lam + np.maximum.accumulate(U))
    inc = np.diff(np.concatenate([[0.0], P]))
    w = np.where(inc > 0, inc / np.where(y > 0, y, 1.0), 0.0)
    # a lam a little below the float one: the rounded lottery's exact payments dominate lam + mu.g
    # up to ~1e-13; if the exact check disagrees, fall back to the exact best lam
    # (check_lottery decides; :func:`with_best_lambda` is the exact fallback)
    return lottery_from_floats(y, w, mu_a, moments, lam=lam - 1e-11 * (1.0 + abs(lam)))


def with_best_lambda(cert: LotteryCertificate, moments: Sequence[MomentCondition]) -> LotteryCertificate:
    """The same lottery and mu with the exact largest feasible lam."""
    best, _ = best_lambda(cert.nodes, cert.probs, cert.prob_bits, cert.mu, moments)
    return LotteryCertificate(nodes=cert.nodes, probs=cert.probs, prob_bits=cert.prob_bits, lam=best, mu=cert.mu)


def optimize_staircase(nodes: np.ndarray, mu0: Sequence[float], moments: Sequence[MomentCondition],
                       *, search_points: int = 20000, bounds: tuple[float, float] | None = None
                       ) -> LotteryCertificate:
    """Maximize ``lam(mu) + mu.m`` over mu (float search near ``mu0``), then build the exact certificate."""
    from scipy.optimize import (  # lazy: SciPy is loaded only where an LP or optimiser runs
        minimize,
        minimize_scalar,
    )

    y = np.asarray(nodes, dtype=float)
    G = np.array([_float_values(mc, y) for mc in moments])
    m = np.array([mc.value for mc in moments])
    sign = np.array([{"==": 0, ">=": 1, "<=": -1}[mc.relation] for mc in moments])

    def clip(u: np.ndarray) -> np.ndarray:
        return np.where(sign > 0, np.maximum(u, 0), np.where(sign < 0, np.minimum(u, 0), u))

    def neg_phi(u: np.ndarray) -> float:
        u = clip(np.atleast_1d(u))
        lam = _staircase_lambda(y, _cell_upper_float(y, u, G, G2))
        return -(lam + float(u @ m)) if np.isfinite(lam) else 1e300

    mu0 = clip(np.asarray(mu0, dtype=float))
    full_y, full_G = y, G
    if len(y) > search_points:
        # search mu on a subgrid (a, every k-th node, b): the optimal mu moves by O(1/points) and
        # the bound loses only the square of that; the certificate uses the full grid
        keep = np.unique(np.concatenate([np.arange(0, len(y), int(math.ceil(len(y) / search_points))),
                                         [len(y) - 1]]))
        y, G = y[keep], G[:, keep]
    G2 = _second_values(moments, y)
    if len(moments) == 1:
        u0 = float(mu0[0])
        span = max(abs(u0), 1e-3)
        lo_u, hi_u = bounds if bounds is not None else (u0 - 0.5 * span, u0 + 0.5 * span)
        r = minimize_scalar(lambda v: neg_phi(np.array([v])), bounds=(lo_u, hi_u),
                            method="bounded", options={"xatol": 1e-10 * (hi_u - lo_u), "maxiter": 300})
        best = np.array([r.x]) if r.fun <= neg_phi(mu0) else mu0
    else:
        r = minimize(neg_phi, mu0, method="Nelder-Mead",
                     options={"xatol": 1e-11, "fatol": 1e-14, "maxiter": 600})
        best = r.x if r.fun <= neg_phi(mu0) else mu0
    return staircase_lottery(full_y, clip(best), moments, G=full_G)


# ----------------------------------------------------------------------------- upper end

@dataclass(frozen=True, eq=False)
class LawCertificate:
    """A finite law: mass ``masses[i] / den`` at ``points[i]``; claims it is admissible, so the
    max-min value is at most the best posted price's revenue against it."""

    points: np.ndarray         # float64, exact dyadic, strictly increasing, inside the support
    masses: np.ndarray         # object array of nonnegative Python ints
    den: int

    def mass(self, i: int) -> Fraction:
        return Fraction(int(self.masses[i]), self.den)

    @property
    def atoms(self) -> int:
        return int(np.count_nonzero(self.masses))


def check_law(cert: LawCertificate, support: tuple[float, float], moments: Sequence[MomentCondition]
              ) -> tuple[Fraction, float]:
    """Exact recheck of a law certificate; returns (best posted price revenue, that price).

    Checks: points strictly increasing in the support; masses nonnegative with total 1;
    each moment condition holds exactly (an equality needs g exact at every atom).
    Raises :class:`CertificateError` otherwise.
    """
    a, b = _validate_support(support)
    _require_exact(support, moments)
    x = np.asarray(cert.points, dtype=float)
    w = np.asarray(cert.masses, dtype=object)
    if x.ndim != 1 or len(x) < 1 or len(w) != len(x) or not np.all(np.isfinite(x)):
        raise CertificateError("law needs one finite point per mass")
    if not np.all(np.diff(x) > 0):
        raise CertificateError("law points must be strictly increasing")
    if x[0] < a or x[-1] > b:
        raise CertificateError(f"law points must lie in the support [{a}, {b}]")
    if not isinstance(cert.den, int) or cert.den <= 0:
        raise CertificateError("law denominator must be a positive integer")
    if not _all_ints(w) or np.any(w < 0):
        raise CertificateError("law masses must be nonnegative integers (over den)")
    if int(np.sum(w)) != cert.den:
        raise CertificateError(f"law masses sum to {Fraction(int(np.sum(w)), cert.den)}, not 1")
    X, s = _fixed(x)
    for mc in moments:
        lo, hi, f = mc.exact.enclose(X, s)
        m = mc.value_q
        lhs_lo = int(np.sum(w * lo))
        lhs_hi = lhs_lo if hi is lo else int(np.sum(w * hi))
        scale = cert.den << f
        if mc.relation == "==":
            if hi is not lo and np.any((lo != hi) & (w > 0)):
                raise CertificateError(f"moment {mc.exact.name}: g is not exact at an atom, so E g == m "
                                       "cannot be checked exactly")
            if Fraction(lhs_lo, scale) != m:
                raise CertificateError(f"moment {mc.exact.name}: E g = {float(Fraction(lhs_lo, scale))!r} "
                                       f"!= {mc.value!r}")
        elif mc.relation == ">=" and Fraction(lhs_lo, scale) < m:
            raise CertificateError(f"moment {mc.exact.name}: E g >= {mc.value!r} not shown")
        elif mc.relation == "<=" and Fraction(lhs_hi, scale) > m:
            raise CertificateError(f"moment {mc.exact.name}: E g <= {mc.value!r} not shown")
    tails = np.cumsum(w[::-1])[::-1]
    rev = X * tails
    i = int(np.argmax(rev))
    return Fraction(int(rev[i]), cert.den << s), float(x[i])


def _snap_points(x: np.ndarray, moments: Sequence[MomentCondition]) -> np.ndarray:
    for mc in moments:
        x = mc.exact.snap(x)
    return x


def _solve_exact(A: list[list[Fraction]], r: list[Fraction]) -> list[Fraction] | None:
    """Gaussian elimination in Fractions; None if singular."""
    n = len(r)
    M = [row[:] + [v] for row, v in zip(A, r)]
    for c in range(n):
        piv = next((i for i in range(c, n) if M[i][c] != 0), None)
        if piv is None:
            return None
        M[c], M[piv] = M[piv], M[c]
        for i in range(n):
            if i != c and M[i][c] != 0:
                q = M[i][c] / M[c][c]
                M[i] = [u - q * v for u, v in zip(M[i], M[c])]
    return [M[i][n] / M[i][i] for i in range(n)]


def law_from_floats(points: np.ndarray, masses: np.ndarray, support: tuple[float, float],
                    moments: Sequence[MomentCondition]) -> LawCertificate:
    """Exact admissible law near a float law: snap atoms to points where every g is exact,
    round masses to 2**-60, then re-solve the masses of a few heavy pivot atoms exactly so that
    mass 1 and the (active) moment conditions hold. Raises CertificateError if that fails."""
    a, b = _validate_support(support)
    _require_exact(support, moments)
    w = np.clip(np.asarray(masses, dtype=float), 0.0, None)
    x = np.clip(_snap_points(np.asarray(points, dtype=float), moments), a, b)
    keep = w > 0
    x, w = x[keep], w[keep]
    order = np.argsort(x, kind="stable")
    x, w = x[order], w[order]
    ux, inv = np.unique(x, return_inverse=True)
    w = np.bincount(inv, weights=w, minlength=len(ux))
    x = ux
    if len(x) == 0:
        raise CertificateError("the float law has no mass")
    X, s = _fixed(x)
    enc = [mc.exact.enclose(X, s) for mc in moments]
    num = np.round(np.ldexp(w / w.sum(), PROB_BITS)).astype(np.int64).astype(object)
    exact_pts = np.ones(len(x), dtype=bool)
    for (lo, hi, _), mc in zip(enc, moments):
        if mc.relation == "==":
            exact_pts &= np.array([u == v for u, v in zip(lo, hi)], dtype=bool)
    rows = [l for l, mc in enumerate(moments) if mc.relation == "=="]
    for attempt in range(2):
        K = len(rows) + 1
        cand = [i for i in np.argsort(-w, kind="stable") if exact_pts[i]]
        sol, piv = None, None
        for start in range(0, max(1, len(cand) - K + 1)):
            piv = cand[start:start + K]
            if len(piv) < K:
                break
            vals = [[Fraction(1)] * K] + [[Fraction(int(enc[l][0][i]), 1 << enc[l][2]) for i in piv] for l in rows]
            rest = num.copy()
            rest[piv] = 0
            rhs = [Fraction(1) - Fraction(int(np.sum(rest)), 1 << PROB_BITS)]
            for l in rows:
                lo, _, f = enc[l]
                rhs.append(moments[l].value_q - Fraction(int(np.sum(rest * lo)), 1 << (PROB_BITS + f)))
            sol = _solve_exact(vals, rhs)
            if sol is not None:
                break
        if sol is None or piv is None:
            raise CertificateError("no nonsingular set of pivot atoms for the exact repair")
        if any(v < 0 for v in sol):
            raise CertificateError("the exact repair needs a negative mass (the float law is too far off)")
        den = 1 << PROB_BITS
        for v in sol:
            den = den * v.denominator // math.gcd(den, v.denominator)
        full = num * (den >> PROB_BITS)
        for i, v in zip(piv, sol):
            full[i] = int(v * den)
        cert = LawCertificate(points=x, masses=full, den=den)
        try:
            check_law(cert, support, moments)
            return cert
        except CertificateError:
            new = [l for l, mc in enumerate(moments) if mc.relation != "==" and l not in rows]
            if attempt or not new:
                raise
            # make the inequality moments equalities at their current (violated) targets
            for l in new:
                lo, _, _ = enc[l]
                exact_pts &= np.array([u == v for u, v in zip(lo, enc[l][1])], dtype=bool)
            rows = rows + new
    raise CertificateError("exact repair failed")


def equal_revenue_law(grid: np.ndarray, support: tuple[float, float], moment: MomentCondition
                      ) -> LawCertificate:
    """Nature's discrete equal-revenue law for one nondecreasing moment ``E g (== or >=) m``.

    Atoms: a level V and the points of ``grid`` above it; tails ``P(theta >= x_i) = V / x_i``
    rounded down, so every price earns at most V. V solves ``E g = m`` (float bisection,
    then nudged up until E g >= m exactly); an equality is then met exactly by lowering one
    tail. The best response revenue is exactly V.
    """
    a, b = _validate_support(support)
    _require_exact(support, [moment])
    if moment.relation not in ("==", ">="):
        raise CertificateError("the equal-revenue law needs E g == m or E g >= m")
    z = np.unique(_snap_points(np.asarray(grid, dtype=float), [moment]))
    z = z[(z > a) & (z <= b)]
    if len(z) < 3 or z[-1] != b:
        raise CertificateError("the equal-revenue grid must end at b, at a point where g is exact")
    gz = _float_values(moment, z)
    Q = np.diff(gz) / z[1:]
    SQ = np.concatenate([np.cumsum(Q[::-1])[::-1], [0.0]])      # SQ[i] = sum_{j > i} Q[j - 1]

    def mean_g(V: float) -> float:
        i1 = int(np.searchsorted(z, V, side="right"))       # first grid point above V
        if i1 >= len(z):
            return float(_float_values(moment, np.array([V]))[0])
        gV = float(_float_values(moment, np.array([V]))[0])
        return gV + V * ((gz[i1] - gV) / z[i1] + SQ[i1])

    m = float(moment.value)
    lo_v, hi_v = float(z[0]), float(b)
    if mean_g(lo_v) > m or mean_g(hi_v) < m:
        raise CertificateError("the moment is not reachable by equal-revenue laws on this grid")
    for _ in range(200):
        mid = 0.5 * (lo_v + hi_v)
        if mid in (lo_v, hi_v):
            break
        if mean_g(mid) < m:
            lo_v = mid
        else:
            hi_v = mid
    mq = Fraction(m)
    prev = -math.inf
    for bump in range(40):
        # nudge V up until the snapped V moves past the float root (snapping can be coarse, e.g. sqrt)
        V = float(_snap_points(np.array([hi_v * (1 + 2e-16 * 4.0 ** bump)]), [moment])[0])
        if V <= prev or V <= a:
            continue
        prev = V
        pts = np.concatenate([[V], z[z > V]])
        X, s = _fixed(pts)
        VN = X[0]
        T = PROB_BITS
        S = np.empty(len(X), dtype=object)
        S[0] = 1 << T
        S[1:] = (VN << T) // X[1:]                      # floor(2**T V / x_i)
        lo, hi, f = moment.exact.enclose(X, s)
        if moment.relation == "==" and hi is not lo and np.any(lo != hi):
            raise CertificateError("g is not exact at the equal-revenue atoms")
        Snext = np.concatenate([S[1:], np.array([0], dtype=object)])
        w = S - Snext
        Eg = Fraction(int(np.sum(w * lo)), 1 << (T + f))
        excess = Eg - mq
        if excess >= 0:
            break
    else:
        raise CertificateError("could not place V with E g >= m")
    den = 1 << T
    if moment.relation == "==" and excess > 0:
        # pivot tail k: lowering S_k by d lowers E g by d (g_k - g_{k-1}); pick the largest room in
        # floats, then check that room exactly
        Sf = np.ldexp(S.astype(float), -T)
        gf = _float_values(moment, pts)
        k = int(np.argmax((Sf[1:] - np.append(Sf[2:], 0.0)) * np.diff(gf))) + 1
        dgk = Fraction(int(lo[k] - lo[k - 1]), 1 << f)
        if Fraction(int(S[k] - Snext[k]), den) * dgk < excess:
            raise CertificateError("no single tail can absorb the moment excess")
        Sk = Fraction(int(S[k]), den) - excess / dgk
        den = den * Sk.denominator // math.gcd(den, Sk.denominator)
        S = S * (den >> T)
        S[k] = int(Sk * den)
        Snext = np.concatenate([S[1:], np.array([0], dtype=object)])
        w = S - Snext
    return LawCertificate(points=pts, masses=w, den=den)


def truncated_equal_revenue_law(grid: np.ndarray, support: tuple[float, float],
                                moments: Sequence[MomentCondition], V0: float, beta0: float) -> LawCertificate:
    """Nature's equal-revenue law on [V, beta] with an atom at beta, for several equality moments.

    Tails ``P(theta >= x) = V / x`` on ``[V, beta]`` (rounded down), 0 above beta: every price earns
    at most V (up to the exact repair). (V, beta) solve the moment equations in floats from
    ``(V0, beta0)``; the moments are then met exactly by shifting L blocks of consecutive tails by
    exact rationals (monotonicity kept), and :func:`check_law` has the final word.
    """
    from scipy.optimize import (
        root,  # lazy: SciPy is loaded only where an LP or optimiser runs
    )

    a, b = _validate_support(support)
    _require_exact(support, moments)
    if any(mc.relation != "==" for mc in moments):
        raise CertificateError("the truncated equal-revenue law is built for equality moments")
    z = np.unique(_snap_points(np.asarray(grid, dtype=float), moments))
    z = z[(z > a) & (z <= b)]
    m = np.array([mc.value for mc in moments], dtype=float)

    def fl(x: np.ndarray) -> np.ndarray:
        return np.array([_float_values(mc, x) for mc in moments])

    Gz = fl(z)
    Q = np.diff(Gz, axis=1) / z[1:]
    C = np.concatenate([np.zeros((len(moments), 1)), np.cumsum(Q, axis=1)], axis=1)   # C[:, i] = sum_{j<=i} Q_j

    def moments_of(V: float, beta: float) -> np.ndarray:
        i1 = int(np.searchsorted(z, V, side="right"))          # first grid point above V
        i2 = int(np.searchsorted(z, beta, side="left")) - 1    # last grid point below beta
        gV, gB = fl(np.array([V]))[:, 0], fl(np.array([beta]))[:, 0]
        if i2 < i1:
            return gV + V / beta * (gB - gV)
        inner = C[:, i2] - C[:, i1]                             # grid steps strictly inside
        return gV + V * ((Gz[:, i1] - gV) / z[i1] + inner + (gB - Gz[:, i2]) / beta)

    if len(moments) != 2:
        raise CertificateError("the truncated equal-revenue law has two parameters: two moments")
    sol = root(lambda p: moments_of(p[0], p[1]) - m, [V0, beta0], method="hybr", options={"xtol": 1e-14})
    V, beta = float(sol.x[0]), float(sol.x[1])
    # judged by the residual, not the solver's flag (the grid makes the map piecewise smooth)
    if not (a < V < beta <= b) or np.max(np.abs(moments_of(V, beta) - m)) > 1e-9:
        raise CertificateError("no truncated equal-revenue law matches the moments near the start")
    V, beta = (float(v) for v in _snap_points(np.array([V, beta]), moments))
    beta = min(beta, b)
    pts = np.concatenate([[V], z[(z > V) & (z < beta)], [beta]])
    L = len(moments)
    if len(pts) < 2 * L + 3:
        raise CertificateError("too few grid points inside [V, beta]")
    X, s = _fixed(pts)
    T = PROB_BITS
    S = np.empty(len(X), dtype=object)
    S[0] = 1 << T
    S[1:] = (X[0] << T) // X[1:]
    encs = [mc.exact.enclose(X, s) for mc in moments]
    if any(hi is not lo and np.any(lo != hi) for lo, hi, _ in encs):
        raise CertificateError("g is not exact at the equal-revenue atoms")
    # exact moments in Abel form: E g = g(x_0) + sum_{i >= 1} S_i (g_i - g_{i-1})
    resid = []
    for (lo, _, f), mc in zip(encs, moments):
        dg = np.diff(lo)
        Eg = Fraction(int(lo[0]), 1 << f) + Fraction(int(np.sum(S[1:] * dg)), 1 << (T + f))
        resid.append(mc.value_q - Eg)
    # L blocks of tails (indices 1..n-1 split evenly); shifting block B by d changes E g_l by
    # d (g_l(end of B) - g_l(point before B))
    n = len(X)
    cuts = np.linspace(1, n, L + 1).astype(int)
    blocks = [(int(cuts[j]), int(cuts[j + 1])) for j in range(L)]
    A = [[Fraction(int(lo[e - 1] - lo[st - 1]), 1 << f) for st, e in blocks] for lo, _, f in encs]
    d = _solve_exact(A, resid)
    if d is None:
        raise CertificateError("singular block system in the exact repair")
    den = 1 << T
    for v in d:
        den = den * v.denominator // math.gcd(den, v.denominator)
    S = S * (den >> T)
    for (st, e), v in zip(blocks, d):
        S[st:e] = S[st:e] + int(v * den)
    if int(S[0]) != den:
        raise CertificateError("the atom at V lost its tail")
    Snext = np.concatenate([S[1:], np.array([0], dtype=object)])
    w = S - Snext
    if np.any(w < 0):
        raise CertificateError("the exact repair broke the monotone tails")
    return LawCertificate(points=pts, masses=w, den=den)
