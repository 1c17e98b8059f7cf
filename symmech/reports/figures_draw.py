"""Drawing the generic figures of :mod:`symmech.reports.figures` with matplotlib (imported lazily, Agg backend):
:func:`draw_curve_figure` (curves in one variable with regimes, levels and marks) and :func:`draw_menu_regions`
(the choice regions of a two-good menu).  Both return ``(Figure, caption)`` and attach the drawn data to the
Figure for tests."""
from __future__ import annotations

from typing import Callable, Mapping

import sympy as sp

from symmech.reports.plots import PlotError, _num, _plt, _point_label

__all__ = ["draw_curve_figure", "draw_menu_regions"]


def _numeric(expr, var: sp.Symbol, values: Mapping) -> Callable:
    """A NumPy function of ``var`` for ``expr`` at the plot point: the real part where the imaginary part
    vanishes, NaN elsewhere (and where the expression is undefined)."""
    import numpy as np  # lazy: NumPy is loaded only by the numeric searches and LPs

    e = sp.sympify(expr).subs({k: v for k, v in values.items() if k != var})
    if e.has(sp.Integral):
        e = e.doit()
    extra = e.free_symbols - {var}
    if extra:
        raise PlotError(f"{expr} still has symbols {sorted(map(str, extra))} at the plot point: give a value for "
                        "every parameter and defined root")
    f = sp.lambdify(var, e, modules=["scipy", "numpy"])

    def pointwise(x: float) -> complex:
        try:
            return complex(sp.N(e.subs(var, sp.Float(x, 17)), 17))
        except (TypeError, ValueError, ZeroDivisionError):
            return complex("nan")

    def call(x):
        x = np.asarray(x, dtype=float)
        with np.errstate(all="ignore"):
            try:
                y = np.broadcast_to(np.asarray(f(x)), x.shape)
            except (TypeError, ValueError, ZeroDivisionError, NameError, AttributeError):
                y = np.array([pointwise(xi) for xi in x.ravel()]).reshape(x.shape)
        if np.iscomplexobj(y):
            y = np.where(np.abs(y.imag) <= 1e-9 * (1 + np.abs(y.real)), y.real, np.nan)
        return np.asarray(y, dtype=float).copy()

    return call


def _curve_arrays(curve, spec, values: Mapping, lo: float, hi: float) -> list:
    """``[(expression, x, y)]``, one per piece of the curve inside ``[lo, hi]`` (expression ``None`` for a
    parametric curve)."""
    import numpy as np  # lazy: NumPy is loaded only by the numeric searches and LPs

    out = []
    if curve.param is not None:
        t, a, b = curve.param
        ts = np.linspace(_num(a, values), _num(b, values), 400)
        for x_e, y_e in curve.pieces:
            out.append((None, _numeric(x_e, t, values)(ts), _numeric(y_e, t, values)(ts)))
        return out
    for expr, a, b in curve.pieces:
        pa = lo if a is None else max(lo, _num(a, values))
        pb = hi if b is None else min(hi, _num(b, values))
        keep_point = curve.kind == "cdf" and b is None     # the CDF's value 1 at the top of the support
        if pb < pa or (pb == pa and not spec.integer and not keep_point):
            continue
        if spec.integer:
            xs = np.arange(np.ceil(pa - 1e-9), np.floor(pb + 1e-9) + 1)
        elif pb == pa:
            xs = np.array([pa])
        else:
            xs = np.linspace(pa, pb, max(60, int(400 * (pb - pa) / max(hi - lo, 1e-300))))
        if len(xs):
            out.append((expr, xs, _numeric(expr, spec.var, values)(xs)))
    return out


def _argmax(curve, spec, values: Mapping, arrays: list) -> tuple[float, float]:
    """The numeric maximum of a curve: the best sample, refined inside its piece (bounded Brent)."""
    import numpy as np  # lazy: NumPy is loaded only by the numeric searches and LPs

    best = None
    for i, (_e, xs, ys) in enumerate(arrays):
        if not np.isfinite(ys).any():
            continue
        j = int(np.nanargmax(ys))
        if best is None or ys[j] > best[2]:
            best = (i, j, ys[j])
    if best is None:
        raise PlotError("a curve to maximize has no finite value")
    i, j, _ = best
    expr, xs, ys = arrays[i]
    if spec.integer or expr is None or len(xs) < 3:
        return float(xs[j]), float(ys[j])
    from scipy.optimize import minimize_scalar  # lazy: SciPy is loaded only when a figure marks a maximum

    f = _numeric(expr, spec.var, values)
    a, b = xs[max(j - 1, 0)], xs[min(j + 1, len(xs) - 1)]
    res = minimize_scalar(lambda x: -float(f(np.array([x]))[0]), bounds=(a, b), method="bounded",
                          options={"xatol": 1e-12})
    if res.success and -res.fun >= ys[j]:
        return float(res.x), float(-res.fun)
    return float(xs[j]), float(ys[j])


def _value_on(curve, spec, values: Mapping, x: float) -> float:
    import numpy as np  # lazy: NumPy is loaded only by the numeric searches and LPs

    for expr, a, b in curve.pieces:
        pa = -np.inf if a is None else _num(a, values)
        pb = np.inf if b is None else _num(b, values)
        if pa - 1e-12 <= x <= pb + 1e-12:
            return float(_numeric(expr, spec.var, values)(np.array([x]))[0])
    raise PlotError(f"no curve piece contains the marked point {x:.6g}")


def draw_curve_figure(spec, values: Mapping, point: Mapping | None = None):
    """Draw a :class:`symmech.reports.figures.CurveFigure`; returns ``(Figure, caption)``.  The Figure carries
    ``curve_data`` (per curve, its ``(x, y)`` arrays), ``marked`` (per mark, ``(x, y)``) and ``bands_drawn`` (the
    non-empty regimes, ``(lo, hi)``) for tests."""
    import numpy as np  # lazy: NumPy is loaded only by the numeric searches and LPs

    plt = _plt()
    lo, hi = _num(spec.lo, values), _num(spec.hi, values)
    if not hi > lo:
        raise PlotError(f"empty interval [{lo:.6g}, {hi:.6g}] for {spec.var}")
    fig, ax = plt.subplots(figsize=(6.4, 3.8), constrained_layout=True)
    data = []
    for i, curve in enumerate(spec.curves):
        arrays = _curve_arrays(curve, spec, values, lo, hi)
        data.append(arrays)
        colour = f"C{i}"
        for j, (_e, xs, ys) in enumerate(arrays):
            label = curve.label if j == 0 and curve.label else None
            if spec.integer:
                ax.plot(xs, ys, curve.style if curve.style != "-" else "o-", color=colour, label=label, markersize=3)
            else:
                ax.plot(xs, ys, curve.style, color=colour, label=label)
            if curve.dots and len(xs):
                k = 0 if curve.kind == "cdf" else -1
                ax.plot([xs[k]], [ys[k]], "o", color=colour, markersize=3.5)
    bands = []
    for b, band in enumerate(spec.bands):
        a_, b_ = max(lo, _num(band.lo, values)), min(hi, _num(band.hi, values))
        if b_ - a_ <= 1e-12 * max(1.0, hi - lo):
            continue
        bands.append((a_, b_))
        ax.axvspan(a_, b_, color=f"C{(b + 4) % 10}", alpha=0.12, linewidth=0)
        ax.text((a_ + b_) / 2, 0.02, band.label, transform=ax.get_xaxis_transform(), ha="center", va="bottom",
                fontsize=9)
    for lv in spec.levels:
        y = _num(lv.y, values)
        ax.axhline(y, linestyle=lv.style, color="0.35", linewidth=1,
                   label=f"{lv.label} = {y:.4g}" if lv.show_value else lv.label)
    marked = []
    v = spec.xname or f"${sp.latex(spec.var)}$"
    for m in spec.marks:
        curve = spec.curves[m.curve or 0]
        if isinstance(m.x, str):
            if m.x != "max":
                raise PlotError(f"a mark's x is an expression or 'max', not {m.x!r}")
            if m.curve is None:      # the best of all curves
                x, y = max((_argmax(c, spec, values, data[i]) for i, c in enumerate(spec.curves)
                            if any(np.isfinite(ys).any() for _e, _xs, ys in data[i])), key=lambda p: p[1],
                           default=(None, None))
                if x is None:
                    raise PlotError("the curves to maximize have no finite value")
            else:
                x, y = _argmax(curve, spec, values, data[m.curve])
        else:
            x = _num(m.x, values)
            y = _num(m.y, values) if m.y is not None else _value_on(curve, spec, values, x)
        marked.append((x, y))
        ax.plot([x], [y], "D", color="k", markersize=5, zorder=5,
                label=f"{m.label}: {v} = {x:.4g}, value {y:.4g}")
    if spec.ylim is not None:
        ax.set_ylim(*(_num(e, values) for e in spec.ylim))
    elif ax.get_ylim()[0] > 0:
        ax.set_ylim(bottom=0)
    ax.set_xlim(lo - (0.5 if spec.integer else 0), hi + (0.5 if spec.integer else 0))
    if spec.integer:
        from matplotlib.ticker import MaxNLocator  # lazy: matplotlib is optional (symmech[plots])

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(spec.xlabel)
    ax.set_ylabel(spec.ylabel)
    ax.grid(alpha=0.3)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=8, loc="best")
    title = spec.title or spec.caption.split(":")[0]
    ax.set_title(f"{title} ({_point_label(point)})" if point else title, fontsize=10)
    fig.curve_data = [[(xs, ys) for _e, xs, ys in arrays] for arrays in data]
    fig.marked = marked
    fig.bands_drawn = bands
    return fig, spec.caption


def draw_menu_regions(spec, values: Mapping, point: Mapping | None = None):
    """Draw a :class:`symmech.reports.figures.MenuRegionsFigure`; returns ``(Figure, caption)``.  The Figure
    carries ``regions`` (per panel, ``[(item, price, polygon as floats)]``) for tests."""
    from matplotlib.patches import Polygon  # lazy: matplotlib is optional (symmech[plots])

    from symmech.models.multigood.polygon import choice_regions

    plt = _plt()
    lo, hi = _num(spec.lo, values), _num(spec.hi, values)
    n = len(spec.panels)
    fig, axes = plt.subplots(1, n, figsize=(4.3 * n, 4.1), constrained_layout=True, squeeze=False)
    colours = ["#8ecae6", "#ffb703", "#219ebc", "#fb8500", "#90be6d", "#b5838d"]
    colour_of: dict = {}       # one colour per lottery across the panels
    regions = []
    for ax, (items, model, title) in zip(axes[0], spec.panels):
        items = [(tuple(sp.sympify(a).subs(values) for a in x), sp.sympify(p).subs(values)) for x, p in items]
        box = [(lo, lo), (hi, lo), (hi, hi)] + ([] if model == "I" else [(lo, hi)])
        ax.add_patch(Polygon(box, closed=True, facecolor="#f2f2f2", edgecolor="0.5", label="no purchase"))
        got = []
        for x, p, poly in choice_regions(items, spec.lo, spec.hi, model=model):
            pts = [(_num(a, values), _num(b, values)) for a, b in poly]
            got.append((x, p, pts))
            if len(pts) < 3:
                continue
            lottery = ", ".join(_short(a) for a in x)
            colour = colour_of.setdefault(tuple(x), colours[len(colour_of) % len(colours)])
            ax.add_patch(Polygon(pts, closed=True, facecolor=colour, edgecolor="k", linewidth=0.6,
                                 alpha=0.85, label=f"$({lottery})$ at {_num(p, values):.4g}"))
        regions.append(got)
        ax.set_xlim(lo, hi)
        ax.set_ylim(lo, hi)
        ax.set_aspect("equal")
        ax.set_xlabel(spec.labels[0])
        ax.set_ylabel(spec.labels[1])
        ax.set_title(title, fontsize=10)
        ax.legend(fontsize=7, loc="upper left")
    if point:
        fig.suptitle(_point_label(point), fontsize=9)
    fig.regions = regions
    return fig, spec.caption


def _short(x) -> str:
    x = sp.nsimplify(x) if isinstance(x, sp.Float) else x
    return sp.latex(x)
