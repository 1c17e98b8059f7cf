"""Plots of one-good models (and two-good allocation regions) with matplotlib.

matplotlib is optional (``pip install symmech[plots]``) and imported lazily,
with the non-interactive Agg backend.  Symbolic objects are drawn at one
parameter point: ``values`` maps every parameter *and* defined root to a number,
e.g. ``Scope.numeric_values({k: Rational(1, 2)}, dps=15)``.

* :func:`plot_mechanism`   allocation q(theta) and payment t(theta)
* :func:`plot_distribution` a density with its atoms drawn as stems
* :func:`plot_revenue_curve` p -> p P(theta >= p) against the guarantee
* :func:`plot_allocation_regions` which goods a two-good mechanism allocates where
* :func:`derivation_figures` every figure a :class:`~symmech.engine.derivation.Derivation`
  declares in ``figures`` (used by ``symmech plot`` and ``symmech latex``)
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping, Sequence

import sympy as sp

from symmech.models.distributions import Distribution
from symmech.models.mechanisms import Mechanism, PostedPrice
from symmech.models.piecewise import PiecewiseFunction

__all__ = ["plot_mechanism", "plot_distribution", "plot_revenue_curve", "plot_allocation_regions",
           "derivation_figures", "parameter_values", "relevant_point", "PlotError"]


class PlotError(RuntimeError):
    """matplotlib missing, or an object that cannot be drawn at the given point."""


def _plt():
    try:
        import matplotlib  # lazy: inside a try: the library is optional
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise PlotError("plots need matplotlib: pip install 'symmech[plots]'") from exc
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt  # lazy: matplotlib is optional (symmech[plots])

    return plt


def _num(expr, values: Mapping) -> float:
    v = sp.N(sp.sympify(expr).subs(values), 17)
    if v.free_symbols:
        raise PlotError(f"{expr} still has symbols {sorted(map(str, v.free_symbols))} at the plot point: "
                        "give a value for every parameter and defined root")
    return float(sp.re(v))


def _callable(expr: sp.Expr, var: sp.Symbol, values: Mapping) -> Callable:
    import numpy as np  # lazy: NumPy is loaded only by the numeric searches and LPs

    e = sp.sympify(expr).subs(values)
    extra = e.free_symbols - {var}
    if extra:
        raise PlotError(f"{expr} still has symbols {sorted(map(str, extra))} at the plot point")
    f = sp.lambdify(var, e, modules="numpy")

    def call(x):
        with np.errstate(all="ignore"):
            y = f(x)
        return np.broadcast_to(np.asarray(y, dtype=float), np.shape(x)).copy()

    return call


def _segments(pw: PiecewiseFunction, values: Mapping, n: int = 200):
    """``(x, y)`` arrays for every piece at the plot point (pieces drawn separately: jumps stay visible)."""
    import numpy as np  # lazy: NumPy is loaded only by the numeric searches and LPs

    out = []
    for piece, a, b in pw.segments():
        lo, hi = _num(a, values), _num(b, values)
        if hi <= lo:
            continue
        x = np.linspace(lo, hi, n)
        y = _callable(piece, pw.var, values)(x)
        out.append((x, y))
    return out


def _point_label(point: Mapping | None) -> str:
    if not point:
        return ""
    return ", ".join(f"${sp.latex(k)} = {sp.latex(v)}$" for k, v in point.items())


def plot_mechanism(M: Mechanism, values: Mapping, *, title: str = "Mechanism", point: Mapping | None = None):
    """Allocation q and payment t of a one-good mechanism; returns the Figure."""
    plt = _plt()
    fig, (ax_q, ax_t) = plt.subplots(1, 2, figsize=(8, 3.2), constrained_layout=True)
    v = sp.latex(M.var)
    for ax, pw, name, colour in ((ax_q, M.allocation, "q", "C0"), (ax_t, M.payment, "t", "C1")):
        for i, (x, y) in enumerate(_segments(pw, values)):
            ax.plot(x, y, color=colour, label=f"${name}({v})$" if i == 0 else None)
        ax.set_xlabel(f"buyer's value ${v}$")
        ax.set_ylabel("probability of sale" if name == "q" else "expected payment")
        ax.set_title(f"{'allocation' if name == 'q' else 'payment'} ${name}({v})$")
        ax.grid(alpha=0.3)
    ax_q.set_ylim(-0.05, 1.05)
    fig.suptitle(f"{title} ({_point_label(point)})" if point else title)
    return fig


def plot_distribution(F: Distribution, values: Mapping, *, title: str = "Distribution",
                      point: Mapping | None = None, ax=None):
    """Density (line) and atoms (stems, labelled with their mass); returns the Figure."""
    plt = _plt()
    fig = None
    if ax is None:
        fig, ax = plt.subplots(figsize=(6, 3.4), constrained_layout=True)
    v = sp.latex(F.var)
    if F.density is not None:
        for i, (x, y) in enumerate(_segments(F.density, values)):
            ax.plot(x, y, color="C0", label="density" if i == 0 else None)
    handles = ax.get_legend_handles_labels()
    if F.atoms:
        # atoms are probabilities, not densities: their own axis on the right
        ax_m = ax.twinx() if F.density is not None else ax
        for i, (p, m) in enumerate(F.atoms):
            px, pm = _num(p, values), _num(m, values)
            ax_m.vlines(px, 0, pm, color="C3", linewidth=2.5, label="atom (mass, right axis)" if i == 0 else None)
            ax_m.plot([px], [pm], "o", color="C3")
            ax_m.annotate(f"mass {pm:.4g}", (px, pm), textcoords="offset points", xytext=(-6, 6), ha="right",
                          color="C3")
        ax_m.set_ylim(0, 1.05)
        ax_m.set_ylabel("atom mass" if ax_m is not ax else "probability")
        h2 = ax_m.get_legend_handles_labels()
        handles = (handles[0] + h2[0], handles[1] + h2[1]) if ax_m is not ax else h2
    ax.set_xlabel(f"${v}$")
    ax.set_ylabel("probability density" if F.density is not None else "probability")
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)
    ax.legend(*handles, loc="upper center")
    ax.set_title(f"{title} ({_point_label(point)})" if point else title)
    return fig if fig is not None else ax.figure


def plot_revenue_curve(F: Distribution, values: Mapping, guarantee=None, *, title: str = "Revenue of posted prices",
                       point: Mapping | None = None, names: Mapping | None = None):
    """``p -> p P_F(theta >= p)`` (the revenue of each posted price against F) and the guarantee."""
    import numpy as np  # lazy: NumPy is loaded only by the numeric searches and LPs

    plt = _plt()
    fig, ax = plt.subplots(figsize=(6, 3.4), constrained_layout=True)
    p = sp.Symbol("p")
    for i, (S, a, b) in enumerate(F.survival_pieces()):
        lo, hi = _num(a, values), _num(b, values)
        if hi <= lo:
            continue
        x = np.linspace(lo, hi, 200)
        y = x * _callable(S.subs(F.var, p), p, values)(x)
        ax.plot(x, y, color="C0", label=rf"$p\,\Pr[{sp.latex(F.var)} \geq p]$" if i == 0 else None)
    part = F._partition()
    for j, b in enumerate(part.breaks):
        bx = _num(b, values)
        ax.plot([bx], [bx * _num(F.survival_at(j), values)], "o", color="C0", markersize=4)
    if guarantee is not None:
        g = _num(guarantee, values)
        tex = sp.latex(sp.sympify(guarantee), symbol_names=dict(names or {}))
        ax.axhline(g, color="C2", linestyle="--", label=f"guarantee ${tex} = {g:.4g}$")
    ax.set_xlabel("posted price $p$")
    ax.set_ylabel("expected revenue")
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)
    ax.legend(loc="lower center")
    ax.set_title(f"{title} ({_point_label(point)})" if point else title)
    return fig


def plot_allocation_regions(allocations: Sequence[sp.Expr], variables: Sequence[sp.Symbol],
                            box: Sequence = ((0, 1), (0, 1)), values: Mapping | None = None, *,
                            n: int = 201, threshold: float = 0.5, title: str = "Allocation regions"):
    """Regions of the value square by which goods are allocated (``q_i >= threshold``).

    ``allocations`` are ``(q1, q2)`` as expressions in ``variables = (v1, v2)``
    (``Piecewise`` allowed); returns the Figure.
    """
    import numpy as np  # lazy: NumPy is loaded only by the numeric searches and LPs
    from matplotlib.colors import (
        ListedColormap,  # lazy: matplotlib is optional (symmech[plots])
    )
    from matplotlib.patches import (
        Patch,  # lazy: matplotlib is optional (symmech[plots])
    )

    plt = _plt()
    values = dict(values or {})
    v1, v2 = variables
    (a1, b1), (a2, b2) = [(_num(lo, values), _num(hi, values)) for lo, hi in box]
    X, Y = np.meshgrid(np.linspace(a1, b1, n), np.linspace(a2, b2, n))
    got = []
    for q in allocations:
        e = sp.sympify(q).subs(values)
        f = sp.lambdify((v1, v2), e, modules="numpy")
        with np.errstate(all="ignore"):
            z = np.broadcast_to(np.asarray(f(X, Y), dtype=float), X.shape)
        got.append(z >= threshold)
    code = got[0].astype(int) + 2 * got[1].astype(int)
    colours = ["#f2f2f2", "#8ecae6", "#ffb703", "#219ebc"]
    labels = ["nothing", "good 1 only", "good 2 only", "both goods"]
    fig, ax = plt.subplots(figsize=(4.6, 4.2), constrained_layout=True)
    ax.imshow(code, origin="lower", extent=(a1, b1, a2, b2), cmap=ListedColormap(colours), vmin=0, vmax=3,
              interpolation="nearest", aspect="auto")
    present = sorted(set(np.unique(code).tolist()))
    ax.legend(handles=[Patch(color=colours[c], label=labels[c]) for c in present], loc="upper left", fontsize=8)
    ax.set_xlabel(f"${sp.latex(v1)}$")
    ax.set_ylabel(f"${sp.latex(v2)}$")
    ax.set_title(title)
    fig.regions = code  # the categorical grid (0 nothing, 1 good 1, 2 good 2, 3 both), for tests
    return fig


def parameter_values(derivation, point: Mapping | None = None, dps: int = 15) -> tuple[dict, dict]:
    """``(point, values)``: the exact parameter point (default ``figures['point']`` or the
    first sample point) and its extension by the defined roots."""
    figures = derivation.figures or {}
    pt = {**dict(figures.get("point") or derivation.scope.sample_points(1)[0]), **dict(point or {})}
    return pt, derivation.scope.numeric_values(pt, dps)


def relevant_point(obj, point: Mapping, scope) -> dict:
    """The entries of ``point`` that the object depends on: the parameters in its expressions and those its
    defined roots (and systems) depend on; all of ``point`` when the object does not list its expressions."""
    syms = _symbols_of(obj)
    if syms is None:
        return dict(point)
    changed = True
    while changed:
        changed = False
        for root in getattr(scope, "roots", ()):
            if root.symbol in syms:
                new = (sp.sympify(root.equation).free_symbols
                       | set().union(*(sp.sympify(b).free_symbols for b in root.bracket))) - syms
                if new:
                    syms |= new
                    changed = True
        for system in getattr(scope, "systems", ()):
            if set(system.symbols) & syms and not set(system.free_parameters) <= syms:
                syms |= set(system.free_parameters)
                changed = True
    return {k: v for k, v in point.items() if k in syms}


def _symbols_of(obj) -> set | None:
    if isinstance(obj, sp.Basic):
        return set(obj.free_symbols)
    if isinstance(obj, PostedPrice):
        obj = obj.prices
    if isinstance(obj, Mechanism):
        return obj.allocation.free_symbols() | obj.payment.free_symbols()
    if isinstance(obj, Distribution):
        out = set() if obj.density is None else obj.density.free_symbols()
        for p, m in obj.atoms:
            out |= sp.sympify(p).free_symbols | sp.sympify(m).free_symbols
        return (out | sp.sympify(obj.lo).free_symbols | sp.sympify(obj.hi).free_symbols) - {obj.var}
    if hasattr(obj, "symbols"):
        return set(obj.symbols())
    if hasattr(obj, "expressions"):
        return set().union(set(), *(sp.sympify(e).free_symbols for e in obj.expressions()))
    return None


def _at(pt: Mapping) -> str:
    """`` at k = 1/2, ...`` for a caption ("" when the figure depends on no parameter); Greek names as letters."""
    from sympy.printing.pretty.pretty_symbology import greek_unicode

    return (" at " + ", ".join(f"{greek_unicode.get(str(k), str(k))} = {v}" for k, v in pt.items())) if pt else ""


def derivation_figures(derivation, outdir: str | os.PathLike, point: Mapping | None = None,
                       dpi: int = 130) -> dict[str, Path]:
    """Draw every figure ``derivation.figures`` allows; returns ``{caption: png path}``.

    Mechanisms (and posted prices) give q/t plots, distributions a density plot;
    the ``worst_case`` distribution with a ``guarantee`` also gives the revenue curve.
    """
    plt = _plt()
    figures = derivation.figures or {}
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    try:
        full, values = parameter_values(derivation, point)
    except Exception as exc:  # noqa: BLE001 - a point the defined roots cannot be computed at: one line, not a traceback
        where = ", ".join(f"{k} = {v}" for k, v in (point or figures.get("point") or {}).items())
        raise PlotError(f"cannot evaluate {derivation.name}'s parameters and defined roots at {where or 'the default'}"
                        f" ({type(exc).__name__}: {exc}); is the point inside the scope's ranges?") from exc
    out: dict[str, Path] = {}

    def save(fig, name: str, caption: str) -> None:
        path = outdir / f"{derivation.name}-{name}.png"
        fig.savefig(path, dpi=dpi)
        plt.close(fig)
        out[caption] = path

    for key, obj in figures.items():
        if key in ("point", "notation", "guarantee", "ambiguity"):
            continue
        try:
            _draw_one(derivation, figures, key, obj, full, values, save)
        except PlotError:
            raise
        except Exception as exc:  # noqa: BLE001 - any failure of one figure: one line naming it, not a traceback
            raise PlotError(f"figure {key!r} of {derivation.name}: {type(exc).__name__}: {exc}") from exc
    return out


def _draw_one(derivation, figures: Mapping, key: str, obj, full: Mapping, values: Mapping, save) -> None:
    """Draw the figure(s) of one entry of ``figures`` and ``save`` them."""
    nice = key.replace("_", " ")
    if hasattr(obj, "bind"):        # figures of symmech.reports.figures: claims resolved, laws integrated
        obj = obj.bind(derivation)
    pt = relevant_point(obj, full, derivation.scope)
    at = _at(pt)
    if isinstance(obj, PostedPrice):
        obj = obj.to_mechanism(obj.prices.var)
    if isinstance(obj, Mechanism):
        save(plot_mechanism(obj, values, title=nice.capitalize(), point=pt), key,
             f"{nice.capitalize()}: allocation and payment{at}")
    elif hasattr(obj, "draw") and callable(obj.draw):   # figure objects of other layers (e.g. auctions)
        fig, caption = obj.draw(values, pt)
        save(fig, key, f"{caption}{at}")
    elif isinstance(obj, Distribution):
        title = "Nature's worst case" if key == "worst_case" else nice.capitalize()
        save(plot_distribution(obj, values, title=title, point=pt), key,
             f"{title}: density and atoms{at}")
        if key == "worst_case" and figures.get("guarantee") is not None:
            pt = {**pt, **relevant_point(sp.sympify(figures["guarantee"]), full, derivation.scope)}
            at = _at(pt)
            from symmech.reports.latex import symbol_names  # lazy: the LaTeX stack only for this label

            save(plot_revenue_curve(obj, values, figures["guarantee"], point=pt,
                                    names=symbol_names(derivation.scope)), "revenue_curve",
                 f"Revenue of each posted price against nature's worst case, and the guarantee{at}")


# ----------------------------------------------------------------------------------------------------
# several-bidder auctions
# ----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class HBLAllocationFigure:
    """``q*_i(v_i, s)`` on [0, 1]^2 (0 where ``s > v_i``: bidder i does not win); ``sigma``, ``r`` and ``I``
    are expressions evaluated at the plotted parameter values."""

    sigma: sp.Expr
    r: sp.Expr
    I: sp.Expr
    n: int = 241

    def values_at(self, values: dict) -> tuple[float, float, float]:
        ev = lambda e: float(sp.N(sp.sympify(e).subs(values), 20))
        return ev(self.sigma), ev(self.r), ev(self.I)

    def grid(self, values: dict):
        """``(V, S, Q)`` arrays of the allocation (for tests and the figure)."""
        import numpy as np  # lazy: NumPy is loaded only by the numeric searches and LPs

        sg, r, I = self.values_at(values)
        v = np.linspace(1e-6, 1, self.n)
        V, S = np.meshgrid(v, v)
        with np.errstate(all="ignore"):
            qa = sg * np.log(V / S) + I * sg - sg * r / S
            qb = sg * np.log(V) + 1
        Q = np.where(S >= r, qa, np.where(V < r, (I - 1) * sg, qb))
        Q = np.where(S > V, 0.0, Q)
        return V, S, Q

    def draw(self, values: dict, point: dict | None = None):
        plt = _plt()
        sg, r, I = self.values_at(values)
        V, S, Q = self.grid(values)
        fig, ax = plt.subplots(figsize=(5.2, 4.2), constrained_layout=True)
        im = ax.contourf(V, S, Q, levels=21, cmap="viridis", vmin=0, vmax=1)
        fig.colorbar(im, ax=ax, label=r"$q_i^\star$")
        ax.axhline(r, color="w", lw=0.8, ls="--")
        ax.axvline(r, color="w", lw=0.8, ls="--")
        ax.plot([0, 1], [0, 1], color="w", lw=0.8)
        ax.set_xlabel(r"own value $v_i$")
        ax.set_ylabel(r"highest other value $\max_{j\neq i} v_j$")
        at = ", ".join(f"{k} = {v}" for k, v in (point or {}).items())
        ax.set_title(f"HBL allocation (1.12): $\\sigma^\\star$ = {sg:.4f}, r = {r:.4f}" + (f"\n{at}" if at else ""),
                     fontsize=9)
        fig.hbl_grid = Q
        return fig, f"Optimal highest-bidder lottery: winner's probability q*_i over (v_i, max_j v_j), r = {r:.4f}"
