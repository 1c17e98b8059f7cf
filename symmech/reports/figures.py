"""Figures a derivation declares in ``figures={...}``, beyond its mechanisms and laws: generic descriptions
drawn by :func:`symmech.reports.plots.derivation_figures` (so by ``symmech plot`` and ``symmech latex``) through
:mod:`symmech.reports.figures_draw`.

* :class:`CurveFigure` -- expressions in one variable over an interval: curves (an expression, a
  :class:`~symmech.models.piecewise.PiecewiseFunction`, pieces, a parametric curve, or derived from a law:
  its CDF, the revenue ``p Pr[v >= p]`` of each posted price, its virtual value), shaded regimes,
  horizontal levels and marked points (given, or the numeric maximum of a curve); ``integer=True``
  draws a sequence (e.g. a horizon T = 1, 2, ...).
* :class:`MenuRegionsFigure` -- where a buyer with two values chooses each item of a menu (exact
  polygons of :func:`symmech.models.multigood.polygon.choice_regions`).
* :class:`FromClaim` -- an expression of one of the derivation's own claims (its ``lhs`` or ``rhs``),
  resolved when the figure is drawn: the figure shows what the claim checks, not a typed-in copy.

Every expression is evaluated at the figure's parameter point (the derivation's ``figures['point']``
extended by its defined roots); drawing needs matplotlib (``symmech[plots]``), imported lazily by
:mod:`symmech.reports.plots`.  Constructing these objects is cheap and imports neither matplotlib nor NumPy,
so derivations can declare them at import time.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Callable, Sequence

import sympy as sp

from symmech.models.distributions import Distribution
from symmech.models.piecewise import PiecewiseFunction
from symmech.reports.figures_draw import draw_curve_figure, draw_menu_regions
from symmech.reports.plots import PlotError

__all__ = ["FromClaim", "Curve", "Mark", "Band", "Level", "CurveFigure", "MenuRegionsFigure", "FigureError"]


class FigureError(PlotError):
    """A figure that cannot be built: an unknown claim id or side, a virtual value of a law without density, an
    unknown curve kind (a :class:`~symmech.reports.plots.PlotError`: the commands report it in one line)."""


@dataclass(frozen=True)
class FromClaim:
    """The ``side`` (``"lhs"`` or ``"rhs"``) of the derivation's claim ``claim_id`` (searched through
    conjunctions and wrappers), optionally with ``subs`` applied."""

    claim_id: str
    side: str = "rhs"
    subs: tuple = ()

    def resolve(self, claims: Sequence) -> sp.Expr:
        claim = _find_claim(claims, self.claim_id)
        if claim is None:
            raise FigureError(f"figure: no claim {self.claim_id!r} in the derivation")
        expr = getattr(claim, self.side, None)
        if expr is None:
            raise FigureError(f"figure: claim {self.claim_id!r} has no {self.side}")
        return sp.sympify(expr).subs(dict(self.subs)) if self.subs else sp.sympify(expr)


def _find_claim(claims: Sequence, cid: str):
    todo = list(claims)
    while todo:
        c = todo.pop(0)
        if getattr(c, "id", None) == cid and hasattr(c, "lhs"):
            return c
        for attr in ("inner", "direct"):
            sub = getattr(c, attr, None)
            if sub is not None:
                todo.append(sub)
        for attr in ("parts", "sufficient"):
            todo.extend(getattr(c, attr, None) or ())
    return None


def _resolve(expr, claims):
    return expr.resolve(claims) if isinstance(expr, FromClaim) else expr


@dataclass(frozen=True)
class Curve:
    """One curve: ``pieces`` are ``(expression, lo, hi)`` in the figure's variable (``lo``/``hi`` ``None``: the
    figure's interval); each piece is drawn on its own, so jumps stay visible.  A parametric curve has
    ``param = (t, lo, hi)`` and pieces ``((x(t), y(t)),)``.  A curve derived from a law (``law`` with
    ``kind`` ``"cdf"``, ``"revenue"`` or ``"virtual_value"``) gets its pieces when the figure is drawn (the
    integrals are not done at import time); its piece ends are marked with dots (atoms make it jump)."""

    pieces: tuple = ()
    label: str = ""
    style: str = "-"
    param: tuple | None = None
    own_var: sp.Symbol | None = None
    law: Distribution | None = None
    kind: str = ""
    make: Callable[[], Sequence] | None = field(default=None, compare=False)

    @property
    def dots(self) -> bool:
        return self.kind in ("cdf", "revenue")

    @classmethod
    def of(cls, expr, label: str = "", lo=None, hi=None, style: str = "-") -> "Curve":
        """An expression (or :class:`FromClaim`, or a PiecewiseFunction) on ``[lo, hi]``."""
        if isinstance(expr, PiecewiseFunction):
            return cls.piecewise(expr, label, style=style)
        return cls(((expr, lo, hi),), label, style)

    @classmethod
    def piecewise(cls, pw: PiecewiseFunction, label: str = "", style: str = "-") -> "Curve":
        """A piecewise function in its own variable (renamed to the figure's)."""
        return cls(tuple((e, a, b) for e, a, b in pw.segments()), label, style, own_var=pw.var)

    @classmethod
    def parametric(cls, x, y, param: sp.Symbol, lo, hi, label: str = "", style: str = "-") -> "Curve":
        """``(x(t), y(t))`` for ``t`` in ``[lo, hi]`` (e.g. a defined root's inverse map against the root)."""
        return cls(((x, y),), label, style, (param, lo, hi))

    @classmethod
    def lazy(cls, make: Callable[[], Sequence], label: str = "", style: str = "-") -> "Curve":
        """Pieces ``(expression, lo, hi)`` computed by ``make()`` when the figure is drawn (a model function
        whose exact integrals should not run at import time)."""
        return cls((), label, style, make=make)

    @classmethod
    def cdf(cls, law: Distribution, label: str = "", style: str = "-") -> "Curve":
        """``Pr[v <= x]`` of a law (atoms show as jumps)."""
        return cls((), label, style, own_var=law.var, law=law, kind="cdf")

    @classmethod
    def revenue(cls, law: Distribution, label: str = "", style: str = "-") -> "Curve":
        """``p Pr[v >= p]``: the revenue of each posted price ``p`` against the law."""
        return cls((), label, style, own_var=law.var, law=law, kind="revenue")

    @classmethod
    def virtual_value(cls, law: Distribution, label: str = "", style: str = "-") -> "Curve":
        """``x - Pr[v >= x] / f(x)`` on the pieces where the law has a density that is not 0."""
        if law.density is None:
            raise FigureError("a virtual value needs a density")
        return cls((), label, style, own_var=law.var, law=law, kind="virtual_value")

    def materialized(self) -> "Curve":
        """The pieces of a law-derived curve (exact integrals of the law, in the law's variable)."""
        if self.make is not None:
            return replace(self, pieces=tuple(tuple(piece) for piece in self.make()), make=None)
        if self.law is None:
            return self
        law, v = self.law, self.law.var
        surv = law.survival_pieces()
        # below the support every price sells (CDF 0), above it none does (CDF 1): the figure's interval decides
        # how much of that is drawn
        if self.kind == "cdf":
            pieces = ((sp.Integer(0), None, law.lo),) + tuple((1 - S, a, b) for S, a, b in surv) \
                + ((sp.Integer(1), law.hi, None),)
        elif self.kind == "revenue":
            pieces = ((v, None, law.lo),) + tuple((v * S, a, b) for S, a, b in surv) + ((sp.Integer(0), law.hi, None),)
        elif self.kind == "virtual_value":
            pieces = tuple((v - S / f, a, b) for (S, a, b), f in zip(surv, law.density.pieces) if f != 0)
        else:
            raise FigureError(f"unknown curve kind {self.kind!r}")
        return replace(self, pieces=pieces, law=None)

    def with_var(self, new: sp.Symbol) -> "Curve":
        """The curve in the figure's variable (a law's or a piecewise function's own variable renamed)."""
        old = self.own_var
        if old is None or old == new:
            return self
        ren = lambda e: e.subs(old, new) if isinstance(e, sp.Basic) else e  # noqa: E731
        return replace(self, pieces=tuple((ren(e), a, b) for e, a, b in self.pieces), own_var=new)

    def resolved(self, claims) -> "Curve":
        """The curve with every :class:`FromClaim` replaced by the claim's expression."""
        if self.param is not None:
            return replace(self, pieces=tuple((_resolve(x, claims), _resolve(y, claims)) for x, y in self.pieces))
        return replace(self, pieces=tuple((_resolve(e, claims), a, b) for e, a, b in self.pieces))


@dataclass(frozen=True)
class Mark:
    """A marked point: ``x`` an expression, or ``"max"`` for the numeric maximum of curve number ``curve``
    (``curve=None``: of all curves together, e.g. regime formulas); ``y`` defaults to the value of that curve at
    ``x``.  The legend shows the label and the coordinates."""

    x: Any
    label: str
    y: Any = None
    curve: int | None = 0


@dataclass(frozen=True)
class Band:
    """A shaded interval ``[lo, hi]`` of the variable (a regime), labelled at its foot; skipped when empty."""

    lo: Any
    hi: Any
    label: str


@dataclass(frozen=True)
class Level:
    """A horizontal line at ``y`` (a bound, a guarantee, a benchmark); the legend shows the label and, with
    ``show_value``, the value."""

    y: Any
    label: str
    style: str = "--"
    show_value: bool = True


@dataclass(frozen=True)
class CurveFigure:
    """Curves in one variable ``var`` over ``[lo, hi]`` with regimes, levels and marks.

    ``caption`` says what is drawn (the parameter point is appended when drawn); ``xlabel`` and ``ylabel``
    name the axes with their meaning, ``xname`` the variable in the legend of marks (default: its LaTeX name).
    ``integer=True``: only the integers in ``[lo, hi]`` (a sequence)."""

    var: sp.Symbol
    lo: Any
    hi: Any
    curves: tuple
    caption: str
    xlabel: str
    ylabel: str
    title: str = ""
    bands: tuple = ()
    levels: tuple = ()
    marks: tuple = ()
    integer: bool = False
    ylim: tuple | None = None
    xname: str = ""

    def bind(self, derivation) -> "CurveFigure":
        """The figure with every :class:`FromClaim` replaced by the claim's expression."""
        claims = tuple(derivation.claims)
        res = lambda e: _resolve(e, claims)  # noqa: E731
        return replace(self, lo=res(self.lo), hi=res(self.hi),
                       curves=tuple(c.materialized().with_var(self.var).resolved(claims) for c in self.curves),
                       bands=tuple(replace(b, lo=res(b.lo), hi=res(b.hi)) for b in self.bands),
                       levels=tuple(replace(lv, y=res(lv.y)) for lv in self.levels),
                       marks=tuple(replace(m, x=m.x if isinstance(m.x, str) else res(m.x),
                                           y=None if m.y is None else res(m.y)) for m in self.marks))

    def expressions(self) -> list:
        """Every expression the figure evaluates (for the parameters it depends on)."""
        out = [self.lo, self.hi]
        for c in self.curves:
            for piece in c.pieces:
                out.extend(piece)
            if c.param is not None:
                out.extend(c.param[1:])
        out += [e for b in self.bands for e in (b.lo, b.hi)] + [lv.y for lv in self.levels]
        out += [e for m in self.marks for e in (m.x, m.y) if e is not None and not isinstance(e, str)]
        return [e for e in out if e is not None and not isinstance(e, FromClaim)]

    def symbols(self) -> set:
        """The free symbols the figure depends on (its variable and parametric curves' parameters excluded)."""
        out = set().union(set(), *(sp.sympify(e).free_symbols for e in self.expressions()))
        return out - {self.var} - {c.param[0] for c in self.curves if c.param is not None}

    def draw(self, values: dict, point: dict | None = None):
        """``(Figure, caption)`` at the parameter values (matplotlib imported here, lazily)."""
        return draw_curve_figure(self, values, point)


@dataclass(frozen=True)
class MenuRegionsFigure:
    """Where a buyer with values ``(v1, v2)`` in ``[lo, hi]^2`` chooses each item of a menu: one panel per
    ``(items, model, title)``, ``items`` a list of ``((x1, x2), price)`` (lotteries over the two goods) and
    ``model`` ``"H"`` (the square) or ``"I"`` (identical objects: the cone ``v1 >= v2``)."""

    panels: tuple
    caption: str
    lo: Any = 0
    hi: Any = 1
    labels: tuple = ("$v_1$", "$v_2$")

    def expressions(self) -> list:
        return [self.lo, self.hi] + [e for items, _m, _t in self.panels for x, p in items for e in (*x, p)]

    def draw(self, values: dict, point: dict | None = None):
        """``(Figure, caption)`` at the parameter values (matplotlib imported here, lazily)."""
        return draw_menu_regions(self, values, point)
