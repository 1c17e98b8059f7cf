"""The optimal revenue of two i.i.d. additive goods with a density, bracketed on a grid: [menu, LP].

Haghpanah and Hartline, 'When Is Pure Bundling Optimal?' (2020): the checker compares pure bundling with
the optimal mechanism (spec K4).  For a continuum of types a grid LP is only an approximation; this
module turns it into a bracket ``L <= OPT <= U`` whose width is the discretization error bound.

Upper bound U (mathematically valid, computed in floating point).  A mechanism for two goods is a
convex utility u with gradient (the allocation) in [0, 1]^2 and u >= 0 (IR); on the box
``D = [lo, T]^2`` with the truncated law ``f_D = f(y_1) f(y_2) / Z^2`` integration by parts gives

    revenue = int_D (y . grad u - u) f_D dy = int_D u dmu,
    dmu = -(3 f_D + y . grad f_D) dy  (interior)  +  (y . n) f_D dS  (faces of D).

On a product grid u is bounded above on each cell by the bilinear interpolation of its corner values
and on each boundary segment by the chord (convexity), and below by the tangent plane at any corner
(``u(y) >= u(v) + g_v . (y - v)`` with g_v a subgradient).  Bounding ``int u dmu`` with the upper bound
where mu > 0 and the best corner tangent where mu < 0 gives an LP in (u_v, g_v): every mechanism's node
values and subgradients are feasible with an objective at least its revenue, so the LP optimum bounds
OPT(F_D) (convexity is imposed only between grid neighbours: a relaxation, still a bound).
Beyond the box, IR bounds each type's payment by its value: ``OPT(F) <= Z^2 OPT(F_D) + E[s; y notin D]``.

Lower bound L.  The LP's tangent planes ``(g_v, g_v . v - u_v)`` form a menu (items with a negative
price removed: that never lowers revenue); its revenue on the *true* law is computed from the choice
regions (convex polygons, clipped in floats) by Gauss-Legendre quadrature of ``f(y_1) f(y_2)``.  A
menu is a mechanism, so this is a lower bound of OPT, and the menu is the witness when it beats pure
bundling.

The truncation point T (unbounded support) is the smallest found with ``E[s; y notin D] <= tail_tol``
(so the tail mass is at most ``tail_tol / T``: s > T off D).  The grid is graded (:func:`graded_edges`:
finer where the mass is) and refined (N = 10, 20, 40, ...) until
``U - L <= tol`` or N reaches the cap; otherwise the bracket is reported with "tolerance not met" and what it
would need.  Every grid's bounds are valid, so the best lower and the best upper bound over the refinements are
kept (the lower one with its menu).
The density must be continuously differentiable and finite on [lo, T] (no Piecewise / Abs), else a
:class:`GridError` names the problem.  Quadrature errors are estimated by doubling the order and
added to the bracket; HiGHS' optimum gets a relative margin of ``LP_MARGIN``.
"""
from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass, field

import mpmath
import sympy as sp

from symmech.models.multigood.bundling import BundlingError

#: relative safety margin on the float LP optimum (HiGHS' optimum moved by ~1e-7 between equivalent runs)
LP_MARGIN = 1e-6
#: Gauss-Legendre points per cell side for the cell integrals (doubled for the error estimate)
CELL_ORDER = 10
#: weight of the law in the grid's cell spacing (0: uniform cells; see :func:`graded_edges`)
GRADING = 0.5
#: most distinct menu items whose choice regions are clipped (more are rounded to 1e-6 first)
MAX_ITEMS = 400


class GridError(BundlingError):
    """The density cannot be bracketed on a grid (the message names why and what would be needed)."""


@dataclass
class GridBracket:
    """``lower <= OPT <= upper`` for two i.i.d. goods (floats); ``menu`` attains ``lower`` on the true law."""

    lower: float
    upper: float
    lp_value: float
    N: int
    lo: float
    top: float
    tail_mass: float
    tail_revenue: float
    tol: float
    met: bool
    menu: list[tuple[float, float, float]]
    quad_error: float
    seconds: float
    history: list[tuple[int, float, float, float]] = field(default_factory=list)

    @property
    def width(self) -> float:
        return self.upper - self.lower

    def describe(self) -> str:
        hist = ", ".join(f"N={n}: [{lo:.6f}, {up:.6f}] ({s:.1f}s)" for n, lo, up, s in self.history)
        tail = (f"truncated at T = {self.top:.6g}: Pr[some value > T] = {self.tail_mass:.3g}, revenue there <= "
                f"{self.tail_revenue:.3g}; " if self.tail_mass else "")
        met = f"width {self.width:.3g} <= tolerance {self.tol:g}" if self.met else \
            f"TOLERANCE NOT MET: width {self.width:.3g} > {self.tol:g} at the finest grid N = {self.N}; {self.what_would_meet_it()}"
        return (f"OPT in [{self.lower:.8f}, {self.upper:.8f}] ({met}); upper = node LP on a graded {self.N}x{self.N} "
                f"grid of [{self.lo:.6g}, {self.top:.6g}]^2 (a relaxation: LP value {self.lp_value:.8f} for the truncated "
                f"law) + tail; lower = revenue on the true law of the LP's menu ({len(self.menu)} items); {tail}"
                f"quadrature error <= ~{self.quad_error:.1g} (included); refinements: {hist}")

    def what_would_meet_it(self) -> str:
        """What the tolerance would need: a lower tail tolerance, or a finer grid (widths shrank ~1/N^2 in trials)."""
        if self.tail_revenue >= self.tol:
            return f"the tail beyond T alone may carry {self.tail_revenue:.2g}: lower --tail-tol below {self.tol:g}"
        need = math.ceil(self.N * math.sqrt(max(self.width - self.tail_revenue, 0) / (self.tol - self.tail_revenue)))
        return (f"if the width keeps shrinking like 1/N^2, N of about {need} would be needed (--grid), or accept a "
                f"tolerance of {self.width:.2g}")


# ------------------------------------------------------------------------------------------------
# the density: numpy / mpmath callables, truncation
# ------------------------------------------------------------------------------------------------

@dataclass
class _Marginal:
    f: object        # numpy callable
    fp: object       # numpy callable (derivative)
    fm: object       # mpmath callable
    lo: float
    hi: float        # inf for an unbounded support


_BAD = (sp.Piecewise, sp.Heaviside, sp.Abs, sp.Min, sp.Max, sp.sign, sp.floor, sp.ceiling, sp.DiracDelta)


def _marginal(dens) -> _Marginal:
    f, x = dens.f, dens.x
    if f.has(*_BAD):
        raise GridError("the grid bracket needs a density that is continuously differentiable on its support "
                        "(no Piecewise, Abs, Min/Max, Heaviside): integration by parts uses f'")
    fp = sp.diff(f, x)
    hi = float("inf") if dens.hi is sp.oo else float(dens.hi)
    return _Marginal(_vectorized(sp.lambdify(x, f, "numpy")), _vectorized(sp.lambdify(x, fp, "numpy")),
                     sp.lambdify(x, f, "mpmath"), float(dens.lo), hi)


def _vectorized(fn):
    """``fn`` returning a float array of its argument's shape (a constant density lambdifies to a scalar)."""
    import numpy as np  # lazy: numpy only where a grid is built

    def out(y):
        y = np.asarray(y, float)
        return np.broadcast_to(np.asarray(fn(y), float), y.shape).copy()
    return out


def _tail(m: _Marginal, T: float) -> tuple[float, float, float]:
    """(Pr[y > T], E[y; y > T], E[y; y <= T]) for one good (mpmath, 30 digits)."""
    with mpmath.workdps(30):
        above = mpmath.quad(m.fm, [T, mpmath.inf])
        ey_above = mpmath.quad(lambda y: y * m.fm(y), [T, mpmath.inf])
        ey_below = mpmath.quad(lambda y: y * m.fm(y), [m.lo, T])
    return float(above), float(ey_above), float(ey_below)


def tail_bounds(m: _Marginal, T: float) -> tuple[float, float]:
    """``Pr[y notin D]`` and ``E[s; y notin D]`` for ``D = [lo, T]^2`` (two i.i.d. goods, s = y_1 + y_2)."""
    if T >= m.hi:
        return 0.0, 0.0
    above, ey_above, ey_below = _tail(m, T)
    return 1 - (1 - above) ** 2, 2 * (ey_above + ey_below * above)


def truncation_top(m: _Marginal, tail_tol: float) -> float:
    """The bounded support's top, or the smallest T (to 3 significant digits) with ``E[s; y notin D] <= tail_tol``."""
    if m.hi != float("inf"):
        return m.hi
    hi = m.lo + 1.0
    while tail_bounds(m, hi)[1] > tail_tol:
        hi = m.lo + 2 * (hi - m.lo)
        if hi > 1e6:
            raise GridError(f"the tail revenue E[s; some value > T] is still above {tail_tol:g} at T = 1e6: the grid "
                            f"bracket needs a lighter tail (or a larger --tail-tol)")
    lo = m.lo + (hi - m.lo) / 2
    for _ in range(40):
        if hi - lo <= 1e-3 * hi:
            break
        mid = (lo + hi) / 2
        if tail_bounds(m, mid)[1] <= tail_tol:
            hi = mid
        else:
            lo = mid
    step = 10.0 ** (math.floor(math.log10(hi)) - 2) if hi > 0 else 1e-3
    top = float(f"{math.ceil(hi / step) * step:.12g}")  # rounded up to 3 significant digits
    return top if tail_bounds(m, top)[1] <= tail_tol else hi


# ------------------------------------------------------------------------------------------------
# the upper-bound LP
# ------------------------------------------------------------------------------------------------

def _gl(n: int):
    import numpy as np  # lazy: numpy only where a grid is built

    x, w = np.polynomial.legendre.leggauss(n)
    return (x + 1) / 2, w / 2


def _coefficients(m: _Marginal, edges, Z: float, order: int):
    """Objective coefficients on u (bilinear / chord upper bounds where mu > 0) and the rows of the tangent lower
    bounds where mu < 0: returns (c_u, tangent_rows) with ``tangent_rows = [(corners, I0, I1, I2)]`` meaning
    ``int u dmu^- >= I0 u_v + g_v . ((I1, I2) - v I0)`` for each corner v (Gauss-Legendre of ``order`` per side)."""
    import numpy as np  # lazy: numpy only where a grid is built

    N = len(edges) - 1
    xs, ws = _gl(order)
    e = np.asarray(edges, float)
    h = np.diff(e)
    y = e[:-1, None] + h[:, None] * xs[None, :]                  # (N, q): nodes of each 1-D cell
    wy = h[:, None] * ws[None, :]
    with np.errstate(all="ignore"):
        f, a = m.f(y), y * m.fp(y)
        # phi[i, j, s, t] = -(3 f f + y1 f' f + f y2 f') / Z^2 at (y[i, s], y[j, t])
        phi = -(3 * np.einsum("is,jt->ijst", f, f) + np.einsum("is,jt->ijst", a, f)
                + np.einsum("is,jt->ijst", f, a)) / Z ** 2
    if not np.all(np.isfinite(phi)):
        i, j = np.argwhere(~np.isfinite(phi))[0][:2]
        raise GridError(f"the density or its derivative is not finite on [{e[i]:.4g}, {e[i + 1]:.4g}] x "
                        f"[{e[j]:.4g}, {e[j + 1]:.4g}]: the grid bracket needs f continuously differentiable on the "
                        f"truncated support")
    W = np.einsum("is,jt->ijst", wy, wy)
    pos, neg = np.maximum(phi, 0) * W, np.maximum(-phi, 0) * W
    S = (y - e[:-1, None]) / h[:, None]                            # (N, q) local coordinate in [0, 1]
    cu = np.zeros((N + 1, N + 1))
    for di, bi in ((0, 1 - S), (1, S)):
        for dj, bj in ((0, 1 - S), (1, S)):
            cu[di:di + N, dj:dj + N] += np.einsum("ijst,is,jt->ij", pos, bi, bj)
    I0 = neg.sum(axis=(2, 3))
    I1 = np.einsum("ijst,is->ij", neg, y)
    I2 = np.einsum("ijst,jt->ij", neg, y)
    rows = []
    for i, j in np.argwhere(I0 > 0):
        corners = [(i + di) * (N + 1) + j + dj for di in (0, 1) for dj in (0, 1)]
        rows.append((corners, float(I0[i, j]), float(I1[i, j]), float(I2[i, j])))
    cu = cu.ravel()
    # the faces y_1 = T and y_2 = T (measure T f(T) f(y)/Z^2 >= 0) and y_k = lo (measure -lo f(lo) f(y)/Z^2 <= 0)
    top, lo = e[-1], e[0]
    ftop = float(m.f(np.array([top]))[0])
    flo = float(m.f(np.array([lo]))[0]) if lo > 0 else 0.0
    if not (np.isfinite(ftop) and np.isfinite(flo)):
        raise GridError("the density is not finite at an end of the truncated support")
    dens = f * wy / Z ** 2                                         # (N, q)
    up_a, up_b = (top * ftop * dens * (1 - S)).sum(axis=1), (top * ftop * dens * S).sum(axis=1)
    for k in range(N):
        for face in (0, 1):
            na, nb = ((N * (N + 1) + k, N * (N + 1) + k + 1) if face == 0 else (k * (N + 1) + N, (k + 1) * (N + 1) + N))
            cu[na] += up_a[k]
            cu[nb] += up_b[k]
            if lo > 0 and flo > 0:
                w = lo * flo * dens[k]
                ends = [k, k + 1] if face == 0 else [k * (N + 1), (k + 1) * (N + 1)]
                yy = float((w * y[k]).sum())
                rows.append((ends, float(w.sum()), lo * float(w.sum()) if face == 0 else yy,
                             yy if face == 0 else lo * float(w.sum())))
    return cu, rows


def _neighbour_pairs(N: int):
    import numpy as np  # lazy: numpy only where a grid is built

    I, J = np.meshgrid(np.arange(N + 1), np.arange(N + 1), indexing="ij")
    I, J = I.ravel(), J.ravel()
    vs, ws = [], []
    for di in (-1, 0, 1):
        for dj in (-1, 0, 1):
            if di == dj == 0:
                continue
            ok = (I + di >= 0) & (I + di <= N) & (J + dj >= 0) & (J + dj <= N)
            vs.append((I * (N + 1) + J)[ok])
            ws.append(((I + di) * (N + 1) + J + dj)[ok])
    return np.concatenate(vs), np.concatenate(ws)


def _node_lp(edges, cu, rows):
    """max ``cu . u - sum_k M_k`` s.t. ``M_k >= I0 u_v + g_v . ((I1, I2) - v I0)`` (each corner v of row k),
    convexity between grid neighbours ``u_w >= u_v + g_v . (w - v)``, ``u >= 0``, ``g in [0, 1]^2``.

    Only neighbouring nodes are tied by convexity: the LP is a relaxation of the one with all pairs, so
    its optimum is still an upper bound (adding all pairs changed the optimum by < 1e-7 in trials).
    Returns (value, u, g1, g2)."""
    import numpy as np  # lazy: numpy only where a grid is built
    from scipy.optimize import linprog  # lazy: SciPy only where an LP runs
    from scipy.sparse import coo_matrix  # lazy: as above

    N = len(edges) - 1
    V = (N + 1) ** 2
    e = np.asarray(edges, float)
    P1, P2 = np.repeat(e, N + 1), np.tile(e, N + 1)
    K = len(rows)
    nv = 3 * V + K
    c = np.zeros(nv)
    c[:V] = -cu
    c[3 * V:] = 1.0
    ri, ci, data = [], [], []
    r = 0
    for k, (corners, I0, I1, I2) in enumerate(rows):
        for v in corners:
            ri += [r] * 4
            ci += [v, V + v, 2 * V + v, 3 * V + k]
            data += [I0, I1 - P1[v] * I0, I2 - P2[v] * I0, -1.0]
            r += 1
    v, w = _neighbour_pairs(N)
    n = len(v)
    rr = r + np.arange(n)
    ri = np.concatenate([np.asarray(ri, int)] + [rr] * 4)
    ci = np.concatenate([np.asarray(ci, int), v, V + v, 2 * V + v, w])
    data = np.concatenate([np.asarray(data, float), np.ones(n), P1[w] - P1[v], P2[w] - P2[v], -np.ones(n)])
    A = coo_matrix((data, (ri, ci)), shape=(r + n, nv)).tocsr()
    bounds = [(0, None)] * V + [(0, 1)] * (2 * V) + [(None, None)] * K
    res = linprog(c, A_ub=A, b_ub=np.zeros(A.shape[0]), bounds=bounds, method="highs")
    if res.status != 0:
        raise GridError(f"the grid LP failed: {res.message}")
    x = res.x
    return -float(res.fun), x[:V], x[V:2 * V], x[2 * V:3 * V]


# ------------------------------------------------------------------------------------------------
# the lower bound: a menu's revenue on the true law
# ------------------------------------------------------------------------------------------------

def _clip(poly, a1: float, a2: float, b: float):
    """``poly`` intersected with ``a1 y1 + a2 y2 <= b`` (Sutherland-Hodgman, floats)."""
    out = []
    n = len(poly)
    for k in range(n):
        p, r = poly[k], poly[(k + 1) % n]
        sp_, sr = b - a1 * p[0] - a2 * p[1], b - a1 * r[0] - a2 * r[1]
        if sp_ >= 0:
            out.append(p)
        if (sp_ >= 0) != (sr >= 0):
            lam = sp_ / (sp_ - sr)
            out.append((p[0] + lam * (r[0] - p[0]), p[1] + lam * (r[1] - p[1])))
    return out


def choice_regions(items, lo: float, hi: float):
    """The polygon of ``[lo, hi]^2`` where each item ``(q1, q2, price)`` maximizes ``q . y - price`` (the first
    item should be the outside option (0, 0, 0)); ties have measure zero."""
    box = [(lo, lo), (hi, lo), (hi, hi), (lo, hi)]
    out = []
    for k, (a, b, p) in enumerate(items):
        poly = box
        for j, (cc, d, q) in enumerate(items):
            if j != k:
                poly = _clip(poly, cc - a, d - b, q - p)
                if len(poly) < 3:
                    break
        out.append(poly if len(poly) >= 3 else [])
    return out


def _polygon_mass(poly, f, order: int) -> float:
    """``int_poly f(y1) f(y2) dy`` by slabs in y1 between vertices, Gauss-Legendre in both directions."""
    import numpy as np  # lazy: numpy only where a grid is built

    if not poly:
        return 0.0
    P = np.asarray(poly, float)
    n = len(P)
    xs, ws = _gl(order)
    cuts = np.unique(P[:, 0])
    total = 0.0
    for a, b in itertools.pairwise(cuts):
        if b - a <= 1e-14 * max(1.0, abs(b)):
            continue
        mid = (a + b) / 2
        edges = []
        for k in range(n):
            p, r = P[k], P[(k + 1) % n]
            if p[0] != r[0] and min(p[0], r[0]) <= mid <= max(p[0], r[0]):
                edges.append((p, r))
        if len(edges) < 2:
            continue

        def at(ed, x):
            p, r = ed
            return p[1] + (r[1] - p[1]) * (x - p[0]) / (r[0] - p[0])

        mids = [at(ed, mid) for ed in edges]
        bot, top = edges[int(np.argmin(mids))], edges[int(np.argmax(mids))]
        y1 = a + (b - a) * xs
        lo2, hi2 = at(bot, y1), at(top, y1)
        y2 = lo2[:, None] + (hi2 - lo2)[:, None] * xs[None, :]
        inner = (f(y2) * ws[None, :]).sum(axis=1) * (hi2 - lo2)
        total += float(np.sum(ws * (b - a) * f(y1) * inner))
    return total


def menu_revenue_on_law(items, f, lo: float, hi: float, order: int = 16) -> tuple[float, float]:
    """Revenue of the menu ``items`` (q1, q2, price >= 0) on the law with density ``f(y1) f(y2)``, counting only
    types in ``[lo, hi]^2`` (the others pay >= 0): (value, quadrature-error estimate by doubling the order)."""
    its = [(0.0, 0.0, 0.0)] + [it for it in items if it[2] > 0]
    regs = choice_regions(its, lo, hi)
    r1 = sum(p * _polygon_mass(R, f, order) for (_, _, p), R in zip(its, regs))
    r2 = sum(p * _polygon_mass(R, f, 2 * order) for (_, _, p), R in zip(its, regs))
    return r2, abs(r2 - r1)


def _menu_items(edges, u, g1, g2) -> list[tuple[float, float, float]]:
    import numpy as np  # lazy: numpy only where a grid is built

    e = np.asarray(edges, float)
    N = len(e) - 1
    P1, P2 = np.repeat(e, N + 1), np.tile(e, N + 1)
    price = g1 * P1 + g2 * P2 - u
    its = np.clip(np.c_[g1, g2], 0, 1) + 0.0          # (+ 0.0: no negative zeros)
    arr = np.unique(np.round(np.c_[its, price], 10), axis=0)
    if len(arr) > MAX_ITEMS:
        arr = np.unique(np.round(arr, 6), axis=0)
    return [tuple(map(float, r)) for r in arr if r[2] > 0]


# ------------------------------------------------------------------------------------------------
# the bracket
# ------------------------------------------------------------------------------------------------

def _eval_top(m: _Marginal) -> float:
    """Where the lower bound stops counting types: the support's top, or where the tail mass is below 1e-13."""
    if m.hi != float("inf"):
        return m.hi
    T = m.lo + 1.0
    while _tail(m, T)[0] > 1e-13 and T < 1e6:
        T = m.lo + 2 * (T - m.lo)
    return T


def graded_edges(m: _Marginal, N: int, top: float, mix: float = GRADING) -> list[float]:
    """Cell edges on ``[lo, top]`` at the ``k/N`` quantiles of ``mix * (the law on [lo, top]) + (1 - mix) * uniform``:
    finer where the mass is, never coarser than ``(top - lo) / ((1 - mix) N)`` (any edges give valid bounds)."""
    import numpy as np  # lazy: numpy only where a grid is built

    y = np.linspace(m.lo, top, 4001)
    with np.errstate(all="ignore"):
        fy = m.f(y)
    fy = np.where(np.isfinite(fy), fy, 0.0)
    cdf = np.concatenate([[0.0], np.cumsum((fy[1:] + fy[:-1]) / 2 * np.diff(y))])
    G = mix * cdf / cdf[-1] + (1 - mix) * (y - m.lo) / (top - m.lo) if cdf[-1] > 0 else (y - m.lo) / (top - m.lo)
    inner = np.interp(np.arange(1, N) / N, G, y)
    return [m.lo] + [float(v) for v in inner] + [top]


def bracket_at(m: _Marginal, N: int, top: float, edges=None) -> tuple[float, float, float, list, float]:
    """(lower, upper, lp value, menu, quadrature error) on the N x N grid of ``[lo, top]`` (``graded_edges`` unless
    ``edges`` are given)."""
    import numpy as np  # lazy: numpy only where a grid is built

    edges = graded_edges(m, N, top) if edges is None else list(edges)
    with mpmath.workdps(30):
        Z = float(mpmath.quad(m.fm, [m.lo, top])) if top < m.hi else 1.0
    cu, rows = _coefficients(m, edges, Z, 2 * CELL_ORDER)
    cu_lo, rows_lo = _coefficients(m, edges, Z, CELL_ORDER)
    val, u, g1, g2 = _node_lp(edges, cu, rows)
    # the objective with the coarser quadrature at the same point: the quadrature error estimate
    e = np.asarray(edges, float)
    P1, P2 = np.repeat(e, N + 1), np.tile(e, N + 1)
    alt = float(cu_lo @ u) - sum(max(I0 * u[v] + g1[v] * (I1 - P1[v] * I0) + g2[v] * (I2 - P2[v] * I0)
                                     for v in corners) for corners, I0, I1, I2 in rows_lo)
    q_up = abs(alt - val)
    _, tail_rev = tail_bounds(m, top)
    upper = Z ** 2 * (val + q_up + LP_MARGIN * (1 + abs(val))) + tail_rev
    items = _menu_items(edges, u, g1, g2)
    low, q_lo = menu_revenue_on_law(items, m.f, m.lo, _eval_top(m))
    return low - q_lo, upper, val, items, q_up + q_lo


def grid_bracket(dens, *, max_grid: int = 40, tol: float = 1e-2, tail_tol: float = 1e-3) -> GridBracket:
    """Bracket the optimal revenue of two i.i.d. goods with density ``dens`` (an IIDDensity, n = 2): refine
    N = 10, 20, 40, ... (up to ``max_grid``) until the width is at most ``tol``."""
    if dens.n != 2:
        raise GridError("the grid bracket is for two goods")
    if max_grid < 2:
        raise GridError("the grid needs at least 2 cells per side")
    if not (tol > 0 and tail_tol > 0):
        raise GridError("tolerances must be positive")
    m = _marginal(dens)
    top = truncation_top(m, tail_tol)
    mass, tail_rev = tail_bounds(m, top)
    Ns = [n for n in (10, 20, 40, 80) if n < max_grid] + [max_grid]
    hist = []
    t0 = time.perf_counter()
    best_low, best_up, best_items, qerr, val = -math.inf, math.inf, [], 0.0, math.nan
    for N in Ns:
        t1 = time.perf_counter()
        low, up, v, items, q = bracket_at(m, N, top)
        hist.append((N, low, up, time.perf_counter() - t1))
        if low > best_low:              # every grid's bounds are valid: keep the best of each
            best_low, best_items = low, items
        if up < best_up:
            best_up, val = up, v
        qerr = max(qerr, q)
        if best_up - best_low <= tol:
            break
    low, up, items = best_low, best_up, best_items
    return GridBracket(float(low), float(up), float(val), N, float(m.lo), float(top), float(mass), float(tail_rev), float(tol),
                       bool(up - low <= tol), items, float(qerr), time.perf_counter() - t0,
                       [(n, float(a), float(b), float(c)) for n, a, b, c in hist])
