"""Shared pieces of the grid LPs: moment conditions, HiGHS wrapper, enclosures."""
from __future__ import annotations

import math
from fractions import Fraction
import time
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np
import sympy as sp

RELATIONS = ("==", "<=", ">=")

#: HiGHS options used by every LP in this package (tighter than the defaults)
HIGHS_OPTIONS = {"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10,
                 "presolve": True}


class LPError(RuntimeError):
    """An LP could not be solved (infeasible, unbounded, or solver failure)."""


@dataclass(frozen=True)
class MomentCondition:
    """The moment condition ``E_F[g(theta)] (relation) value``.

    ``g`` is evaluated with Python floats (for two goods: ``g(theta1, theta2)``).
    Optional facts about ``g`` make the rigorous lower bound possible:
    ``monotone`` (g monotone on the support), ``lipschitz`` (a Lipschitz
    constant), or ``enclosure(lo, hi) -> (gmin, gmax)`` bounding g on the
    half-open cell ``[lo, hi)``.  Without any of them the bound is numerical.
    ``exact`` (an :class:`ExactG`) gives exact dyadic enclosures of g, which the
    exact certificates of :mod:`symmech.tactics.lp.one_good_certificates` need.
    """

    g: Callable[..., float]
    relation: str
    value: float
    label: str = ""
    monotone: bool = False
    lipschitz: float | None = None
    enclosure: Callable[[float, float], tuple[float, float]] | None = None
    exact: "ExactG | None" = None
    #: the moment value as an exact rational (e.g. 3/10, which no float is); the exact certificates use it
    exact_value: Fraction | None = None

    @property
    def value_q(self) -> Fraction:
        """The moment value the exact certificates are checked against: ``exact_value`` when given, else the
        float ``value`` itself (its exact binary value)."""
        return Fraction(self.exact_value) if self.exact_value is not None else Fraction(self.value)

    def __post_init__(self) -> None:
        if self.relation not in RELATIONS:
            raise ValueError(f"relation must be one of {RELATIONS}, got {self.relation!r}")
        if not math.isfinite(float(self.value)):
            raise ValueError("moment value must be finite")


@dataclass(frozen=True)
class ExactG:
    """Exact facts about a moment function g, for the exact certificates.

    ``enclose(X, s)``: for integers ``X`` (a numpy object array) returns integer arrays
    ``lo, hi`` and an exponent ``f`` with ``lo / 2**f <= g(X / 2**s) <= hi / 2**f``
    (``lo == hi`` exactly where g is a dyadic rational there).
    ``increasing``: g is nondecreasing on ``[domain_min, inf)``.
    ``snap(x)``: floats near ``x`` at which ``enclose`` is exact.
    ``f(x)``: vectorized float evaluation (for searches only, never for bounds).
    ``second(X, s)`` (optional): enclosures of g'' in the same format, with g'' nondecreasing
    on the domain (tightens the cell bounds of combinations with mixed-sign multipliers);
    ``f2(x)``: its float evaluation.
    """

    name: str
    enclose: Callable[[np.ndarray, int], tuple[np.ndarray, np.ndarray, int]]
    snap: Callable[[np.ndarray], np.ndarray]
    f: Callable[[np.ndarray], np.ndarray]
    increasing: bool = True
    domain_min: float = 0.0
    second: Callable[[np.ndarray, int], tuple[np.ndarray, np.ndarray, int]] | None = None
    f2: Callable[[np.ndarray], np.ndarray] | None = None


_SNAP_BITS = 50


def _snap_dyadic(x: np.ndarray) -> np.ndarray:
    """Round to the nearest multiple of 2**-50 (exact floats for |x| < 8)."""
    return np.ldexp(np.round(np.ldexp(np.asarray(x, dtype=float), _SNAP_BITS)), -_SNAP_BITS)


def power_g(p: int) -> ExactG:
    """g(theta) = theta**p (p a positive integer): exact at every dyadic point, increasing on [0, inf)."""
    if not (isinstance(p, int) and p >= 1):
        raise ValueError(f"power_g needs a positive integer exponent, got {p!r}")

    def enclose(X: np.ndarray, s: int) -> tuple[np.ndarray, np.ndarray, int]:
        v = X if p == 1 else X * X if p == 2 else X ** p
        return v, v, p * s

    def second(X: np.ndarray, s: int) -> tuple[np.ndarray, np.ndarray, int]:
        """g'' = p (p - 1) theta**(p - 2): exact, nondecreasing on [0, inf)."""
        if p == 1:
            v = X * 0
            return v, v, 0
        v = (X ** (p - 2)) * (p * (p - 1))
        return v, v, (p - 2) * s

    return ExactG(name=f"theta^{p}", enclose=enclose, snap=_snap_dyadic,
                  f=lambda x: np.asarray(x, dtype=float) ** p, increasing=True, domain_min=0.0,
                  second=second, f2=lambda x: (np.zeros(np.shape(x)) if p == 1 else
                                               p * (p - 1) * np.asarray(x, dtype=float) ** (p - 2)))


_SQRT_EXTRA = 40   # extra bits of the sqrt enclosure


def _sqrt_enclose(X: np.ndarray, s: int) -> tuple[np.ndarray, np.ndarray, int]:
    if np.any(X < 0):
        raise ValueError("sqrt moment: a point below 0")
    if s % 2:
        X, s = X * 2, s + 1
    scale = 4 ** _SQRT_EXTRA
    f = s // 2 + _SQRT_EXTRA
    XS = X * scale
    # fast path: candidate roots from floats, kept where they square exactly (snapped points)
    approx = np.sqrt(np.ldexp(X.astype(float), -s))
    Z = np.round(np.ldexp(approx, 26)).astype(np.int64).astype(object)
    cand = Z * (1 << (f - 26)) if f >= 26 else Z
    ok = (cand * cand == XS) if f >= 26 else np.zeros(len(X), dtype=bool)
    lo = np.where(ok, cand, 0).astype(object)
    bad = np.flatnonzero(~ok)
    if len(bad):
        lo[bad] = [math.isqrt(int(v)) for v in XS[bad]]
    hi = lo.copy()
    if len(bad):
        hi[bad] = lo[bad] + (lo[bad] * lo[bad] != XS[bad]).astype(object)
    return lo, hi, f


def _sqrt_snap(x: np.ndarray) -> np.ndarray:
    """Squares z**2 of multiples z of 2**-26 (exact floats, sqrt exactly z)."""
    z = np.ldexp(np.round(np.ldexp(np.sqrt(np.clip(np.asarray(x, dtype=float), 0.0, None)), 26)), -26)
    return z * z


def sqrt_g() -> ExactG:
    """g(theta) = sqrt(theta) on [0, inf): integer-sqrt enclosures, exact at squares of dyadics."""
    return ExactG(name="sqrt(theta)", enclose=_sqrt_enclose, snap=_sqrt_snap,
                  f=lambda x: np.sqrt(np.asarray(x, dtype=float)), increasing=True, domain_min=0.0)


def exact_g_for(expr: Any, var: Any) -> ExactG | None:
    """The :class:`ExactG` of a SymPy moment function when it is ``var``, ``var**p`` (p a positive
    integer) or ``sqrt(var)``; None otherwise (then brackets stay floating point)."""
    e = sp.sympify(expr)
    if e == var:
        return power_g(1)
    if e.is_Pow and e.base == var:
        if e.exp.is_Integer and int(e.exp) >= 1:
            return power_g(int(e.exp))
        if e.exp == sp.Rational(1, 2):
            return sqrt_g()
    return None


def mean_condition(k: float, relation: str = "==") -> MomentCondition:
    """``E[theta] (relation) k`` with the identity marked monotone (exact: ``power_g(1)``)."""
    return MomentCondition(lambda x: x, relation, float(k), label="mean", monotone=True, exact=power_g(1))


def power_condition(p: int, k: float, relation: str = "==") -> MomentCondition:
    """``E[theta**p] (relation) k`` on a nonnegative support, with exact enclosures."""
    return MomentCondition(lambda x: x ** p, relation, float(k), label=f"theta^{p}", monotone=True,
                           exact=power_g(p))


def sqrt_condition(k: float, relation: str = "==") -> MomentCondition:
    """``E[sqrt(theta)] (relation) k`` on a nonnegative support, with exact enclosures."""
    return MomentCondition(math.sqrt, relation, float(k), label="sqrt(theta)", monotone=True, exact=sqrt_g())


def mean_conditions_2d(k1: float, k2: float) -> tuple[MomentCondition, MomentCondition]:
    """``E[theta1] == k1`` and ``E[theta2] == k2`` for the two-good LPs."""
    return (MomentCondition(lambda x, y: x, "==", float(k1), label="mean1"),
            MomentCondition(lambda x, y: y, "==", float(k2), label="mean2"))


def mu_bounds(relation: str) -> tuple[float | None, float | None]:
    """Sign of the multiplier of ``E g (relation) m`` in nature's dual (max) problem."""
    return {"==": (None, None), ">=": (0.0, None), "<=": (None, 0.0)}[relation]


def values(fn: Callable[..., float], xs: Sequence[float]) -> np.ndarray:
    """Evaluate a scalar float callable at every point (one call per point)."""
    out = np.fromiter((float(fn(float(x))) for x in xs), dtype=float, count=len(xs))
    if not np.all(np.isfinite(out)):
        raise ValueError("callable returned a non-finite value on the grid")
    return out


@dataclass(frozen=True)
class LPSize:
    """Size of an LP as handed to HiGHS."""

    rows: int
    cols: int
    nnz: int


def solve(c: np.ndarray, A_ub: Any = None, b_ub: Any = None, A_eq: Any = None, b_eq: Any = None,
          bounds: Any = None, method: str = "highs") -> tuple[Any, LPSize, float]:
    """Minimize ``c @ x`` with HiGHS (``method``: ``highs``, ``highs-ds`` or ``highs-ipm``, the
    latter with crossover to a basic solution); return (result, size, seconds).  Raises LPError."""
    from scipy.optimize import (
        linprog,  # imported here: scipy.optimize costs 0.1 s at import
    )
    from scipy.sparse import (
        csr_matrix,  # lazy: SciPy is loaded only where an LP or optimiser runs
    )

    mats = [csr_matrix(A) for A in (A_ub, A_eq) if A is not None]
    size = LPSize(rows=sum(A.shape[0] for A in mats), cols=len(c), nnz=sum(A.nnz for A in mats))
    t0 = time.perf_counter()
    res = linprog(c, A_ub=None if A_ub is None else csr_matrix(A_ub), b_ub=b_ub,
                  A_eq=None if A_eq is None else csr_matrix(A_eq), b_eq=b_eq,
                  bounds=bounds, method=method, options=HIGHS_OPTIONS)
    seconds = time.perf_counter() - t0
    if res.status != 0:
        raise LPError(f"HiGHS failed (status {res.status}): {res.message}")
    return res, size, seconds


def cell_enclosures(mc: MomentCondition, nodes: np.ndarray, subdivisions: int = 8
                    ) -> tuple[np.ndarray, np.ndarray, bool]:
    """Bounds ``lo[j] <= g <= hi[j]`` on the cells ``[x_j, x_{j+1})`` and the point cell ``{x_last}``.

    Returns (lo, hi, rigorous): ``rigorous`` is False when the bound rests on
    an estimated (not declared) Lipschitz constant.
    """
    x = np.asarray(nodes, dtype=float)
    ends = values(mc.g, x)
    lo, hi = ends.copy(), ends.copy()          # the last entry is the point cell {x_last}
    if mc.enclosure is not None:
        for j in range(len(x) - 1):
            a, b = mc.enclosure(float(x[j]), float(x[j + 1]))
            lo[j], hi[j] = min(a, b), max(a, b)
        return lo, hi, True
    if mc.monotone:
        lo[:-1] = np.minimum(ends[:-1], ends[1:])
        hi[:-1] = np.maximum(ends[:-1], ends[1:])
        return lo, hi, True
    s = max(int(subdivisions), 1)
    t = np.linspace(0.0, 1.0, s + 1)
    pts = (x[:-1, None] + (x[1:] - x[:-1])[:, None] * t[None, :])      # (cells, s+1)
    vals = values(mc.g, pts.ravel()).reshape(pts.shape)
    step = (x[1:] - x[:-1]) / s
    if mc.lipschitz is not None:
        lip = np.full(len(step), float(mc.lipschitz))
        rigorous = True
    else:                                       # estimated: 2 x the largest local slope
        with np.errstate(divide="ignore", invalid="ignore"):
            slopes = np.abs(np.diff(vals, axis=1)) / step[:, None]
        slopes = np.nan_to_num(slopes, nan=0.0, posinf=0.0)
        lip = 2.0 * slopes.max(axis=1)
        rigorous = False
    lo[:-1] = vals.min(axis=1) - lip * step / 2
    hi[:-1] = vals.max(axis=1) + lip * step / 2
    return lo, hi, rigorous


def repair_distribution(x: np.ndarray, f: np.ndarray, G: np.ndarray, moments: Sequence[MomentCondition],
                        rounds: int = 5) -> tuple[np.ndarray, float]:
    """Make ``f`` (masses at ``x``, ``G[l, j] = g_l(x_j)``) a probability vector meeting the moments.

    Clips negatives and projects onto {mass 1, equality moments, violated
    inequality moments} on the support.  Returns (f, worst remaining violation).
    """
    f = np.clip(np.asarray(f, dtype=float), 0.0, None)
    for _ in range(rounds):
        rows, rhs = [np.ones_like(f)], [1.0]
        for l, mc in enumerate(moments):
            gap = G[l] @ f - mc.value
            if mc.relation == "==" or (mc.relation == "<=" and gap > 0) or (mc.relation == ">=" and gap < 0):
                rows.append(G[l])
                rhs.append(mc.value)
        A = np.array(rows)
        supp = f > 0
        r = np.array(rhs) - A @ f
        if np.max(np.abs(r)) < 1e-15 or not supp.any():
            break
        delta, *_ = np.linalg.lstsq(A[:, supp], r, rcond=None)
        f[supp] = np.clip(f[supp] + delta, 0.0, None)
    return f, moment_violation(f, G, moments)


def moment_violation(f: np.ndarray, G: np.ndarray, moments: Sequence[MomentCondition]) -> float:
    """Largest violation of mass 1, nonnegativity and the moment conditions by ``f``."""
    worst = max(abs(math.fsum(f) - 1.0), max(0.0, -float(np.min(f))))
    for l, mc in enumerate(moments):
        gap = math.fsum(G[l] * f) - mc.value
        worst = max(worst, {"==": abs(gap), "<=": max(gap, 0.0), ">=": max(-gap, 0.0)}[mc.relation])
    return worst


def atoms(x: np.ndarray, w: np.ndarray, tol: float = 1e-12) -> tuple[tuple[float, float], ...]:
    """(point, mass) pairs with mass above ``tol``."""
    return tuple((float(a), float(b)) for a, b in zip(x, w) if b > tol)
