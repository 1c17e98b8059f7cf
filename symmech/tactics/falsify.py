"""A fast adversarial search for a violation of ``f >= 0``.

The grid of :func:`symmech.tactics.sampling.sample_values` is coarse in several
variables (5 points per axis from three variables on) and samples parameters
at a few nice points, so a violation confined to a thin region (a cell total
inside a small support interval of a large box, a parameter next to an open
end) can slip through.  The search compiles ``f`` for NumPy, evaluates it in
double precision at a few thousand random and boundary-hugging points,
refines the worst points by a shrinking random local search, and returns the
most negative candidates:

* :func:`falsify` -- the bound variables, at each parameter sample of the scope;
* :func:`falsify_box` -- the claim's whole box in proof coordinates
  (``Claim._box``: parameters, a defined root through its exact range in place
  of the parameter it inverts, bound variables as fractions).

Nothing found here is trusted: each candidate is rounded to a rational point
and re-evaluated *exactly* (mpmath at the requested digits, two precisions
that must agree); only a point whose high-precision value is below the
tolerance becomes a refutation.  A failure to compile or evaluate simply finds
nothing.
"""
from __future__ import annotations

import logging
import warnings
from fractions import Fraction
from typing import Sequence

import sympy as sp

from symmech.tactics.numeric import NumericError, evaluate
from symmech.tactics.sampling import evaluate_point
from symmech.tactics.ranges import infinite_ends

log = logging.getLogger("symmech")

#: random points per parameter sample (before the local refinement)
POINTS = 3000
#: candidates re-evaluated at high precision per parameter sample
CANDIDATES = 3
_EDGES = (1e-1, 1e-2, 1e-3, 1e-6)
#: float values above -FLOAT_NOISE (relative to max(1, scale)) are rounding, not violations
FLOAT_NOISE = 1e-11
#: the local search stays this far inside the box (the grid already samples the closed ends)
_INNER = 1e-9


def _spread(lo, hi, u, inf: tuple[bool, bool]):
    """Fractions ``u`` of the range as values (the map of :func:`symmech.tactics.ranges.point_in_range`)."""
    import numpy as np  # lazy: NumPy is loaded only by the numeric searches and LPs

    with np.errstate(all="ignore"):
        if inf == (True, True):
            return (2 * u - 1) / (u * (1 - u))
        if inf[1]:
            return lo + u / (1 - u)
        if inf[0]:
            return hi - (1 - u) / u
        return lo + u * (hi - lo)


def float_candidates(f: sp.Expr, scale: sp.Expr, bounds: Sequence, values: dict, *, points: int = POINTS,
                     seed: int = 0, below: float | None = None) -> list[tuple[Fraction, ...]]:
    """Fractions (one per bound variable, in [0, 1]) where ``f / max(1, scale)`` is most negative in
    double precision at the parameter ``values``; empty if nothing negative was found (nothing below
    ``below`` when given: e.g. a small positive number to find where a strict inequality touches 0)."""
    below = -FLOAT_NOISE if below is None else below
    import numpy as np  # lazy: NumPy is loaded only by the numeric searches and LPs

    rng = np.random.default_rng(seed)
    n = len(bounds)
    names = [b[0] for b in bounds]
    fvals = {s: float(v) for s, v in values.items()}
    try:
        g = f.subs(fvals)
        sc = scale.subs(fvals)
        los = [sp.sympify(lo).subs(fvals) for _, lo, _ in bounds]
        his = [sp.sympify(hi).subs(fvals) for _, _, hi in bounds]
        mods = ["numpy", "scipy"]
        fn = sp.lambdify(names, g, modules=mods)
        sfn = sp.lambdify(names, sc, modules=mods)
        lofn = [sp.lambdify(names, lo, modules=mods) for lo in los]
        hifn = [sp.lambdify(names, hi, modules=mods) for hi in his]
    except Exception as exc:  # not compilable for numpy: nothing found
        log.debug("falsify: cannot compile: %s", exc)
        return []

    infinite = [infinite_ends(lo, hi) for _, lo, hi in bounds]

    def objective(u: "np.ndarray") -> "np.ndarray":
        xs = []
        cols = [np.zeros(len(u)) for _ in range(n)]
        empty = np.zeros(len(u), dtype=bool)
        for i in range(n):
            lo = np.broadcast_to(np.asarray(lofn[i](*cols), dtype=float), (len(u),))
            hi = np.broadcast_to(np.asarray(hifn[i](*cols), dtype=float), (len(u),))
            empty |= hi < lo            # an empty section of a region that is not a box: no point there
            x = _spread(lo, hi, u[:, i], infinite[i])
            cols[i] = x
            xs.append(x)
        val = np.broadcast_to(np.asarray(fn(*xs), dtype=complex), (len(u),))
        s = np.broadcast_to(np.abs(np.asarray(sfn(*xs), dtype=complex)), (len(u),))
        out = np.where(np.abs(val.imag) <= 1e-9 * (1 + np.abs(val.real)), val.real, np.nan)
        return np.where(empty, np.nan, out / np.maximum(1.0, s))

    u = rng.random((points, n))
    hug = rng.random((points, n)) < 0.25
    edge = rng.choice(_EDGES, size=(points, n))
    side = rng.random((points, n)) < 0.5
    u = np.where(hug, np.where(side, edge, 1 - edge), u)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            vals = objective(u)
            best = np.argsort(np.where(np.isnan(vals), np.inf, vals))[:8]
            starts = u[best]
            if not vals[best[0]] < 0.5:      # nothing near a violation: no local search
                return []
            for step in (0.1, 0.03, 0.01, 0.003, 0.001):      # shrinking random local search
                trial = np.clip(np.repeat(starts, 40, axis=0) + step * rng.standard_normal((40 * len(starts), n)),
                                _INNER, 1 - _INNER)       # inside: an open end is not a point of the range
                u = np.vstack([u, trial])
                vals = np.concatenate([vals, objective(trial)])
                best = np.argsort(np.where(np.isnan(vals), np.inf, vals))[:8]
                starts = u[best]
        except Exception as exc:
            log.debug("falsify: evaluation failed: %s", exc)
            return []
    order = np.argsort(np.where(np.isnan(vals), np.inf, vals))
    out: list[tuple[Fraction, ...]] = []
    for i in order[:20 * CANDIDATES]:
        if not np.isfinite(vals[i]) or vals[i] >= below or len(out) == CANDIDATES:
            break
        cand = tuple(Fraction(float(x)).limit_denominator(10**12) for x in u[i])
        if cand not in out:
            out.append(cand)
    return out


def _exact_in(dom: sp.Interval, fr: Fraction) -> sp.Rational | None:
    """The parameter value at fraction ``fr`` of ``dom``, or None if it falls on an open end."""
    val = dom.start + sp.Rational(fr.numerator, fr.denominator) * (dom.end - dom.start)
    return val if dom.contains(val) is sp.true else None


def falsify(f: sp.Expr, scope, bounds: Sequence, *, dps: int, samples: int, scale_expr: sp.Expr,
            tolerance, points: int = POINTS) -> list:
    """High-precision samples (``symmech.tactics.sampling.Sample``) where ``f < -tolerance``, found by the
    float search over the bound variables at each parameter sample of ``scope``; each is
    re-evaluated exactly.  (:func:`falsify_box` searches the parameters as well.)"""
    if not bounds:
        return []
    f = sp.sympify(f)
    if f.has(sp.Integral):
        f = f.doit()
    for k, pt in enumerate(scope.sample_points(samples)):
        try:
            values = scope.numeric_values(pt, dps + 10)
        except Exception:
            continue
        for fr in float_candidates(f, scale_expr, bounds, values, points=points, seed=k):
            try:
                s = evaluate_point(f, pt, values, bounds, fr, dps=dps, scale_expr=scale_expr)
            except (NumericError, ZeroDivisionError, TypeError, ValueError):
                continue
            if s.value.value < -tolerance(dps, s.scale):
                return [s]
    return []


def falsify_box(f: sp.Expr, scale: sp.Expr, box: dict, *, dps: int, tolerance,
                points: int = POINTS) -> tuple[dict, object] | None:
    """Search the whole box of a claim in *proof coordinates* (``Claim._box``: bound variables as
    fractions ``s`` in [0, 1], a parameter that a defined root inverts replaced by the root, whose
    image is its exact range), so that parameters are searched even where a defined root is
    involved.  Returns ``(point, value)`` with an exact rational point of the box and the
    high-precision value of ``f`` there (below ``-tolerance``), or None.

    Boxes with an infinite side (an opaque root) are not searched.
    """
    syms = sorted(box, key=str)
    if not syms or any(not (box[s].start.is_finite and box[s].end.is_finite) for s in syms):
        return None
    ext = [(s, box[s].start, box[s].end) for s in syms]
    for fr in float_candidates(f, scale, ext, {}, points=points, seed=1):
        point = {}
        for s, x in zip(syms, fr):
            val = _exact_in(box[s], x)
            if val is None:
                break
            point[s] = val
        else:
            try:
                v = evaluate(f, point, dps)
                sc = abs(evaluate(scale, point, 15).value)
            except (NumericError, ZeroDivisionError, TypeError, ValueError):
                continue
            if v.value < -tolerance(dps, sc):
                return point, v
    return None
