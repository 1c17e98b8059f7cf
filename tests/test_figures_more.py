"""The generic figures of ``symmech.reports.figures`` (curves with regimes, levels and marks; laws' CDF, revenue
and virtual value curves; the choice regions of a menu) and the figures the bundled derivations declare with them.

Expected values are independent of the code under test: closed forms worked by hand (stated next to each check) or
the specs' regression values (spec 003 part A, Thm. 1.5.2; spec 001 R3; spec 004 R7-R8)."""
from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest
import sympy as sp
from typer.testing import CliRunner

pytest.importorskip("matplotlib", reason="plots need matplotlib (pip install 'symmech[plots]')")

from symmech import Derivation, Distribution, Identity, PiecewiseFunction, Scope  # noqa: E402
from symmech.commands.cli import app  # noqa: E402
from symmech.reports import plots  # noqa: E402
from symmech.reports.figures import (  # noqa: E402
    Band, Curve, CurveFigure, FigureError, FromClaim, Level, Mark, MenuRegionsFigure,
)

ROOT = Path(__file__).resolve().parents[1]
x, t, a = sp.symbols("x t a", positive=True)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


def _at(fig, curve: int, xv: float) -> float:
    """The drawn value of curve ``curve`` at ``xv`` (linear interpolation inside the piece holding it)."""
    for xs, ys in fig.curve_data[curve]:
        if len(xs) > 1 and xs[0] <= xv <= xs[-1]:
            return float(np.interp(xv, xs, ys))
    raise AssertionError(f"no piece of curve {curve} holds {xv}")


def _draw(spec, values=None, derivation=None):
    spec = spec.bind(derivation) if derivation is not None else spec.bind(_Empty())
    return spec.draw(values or {}, {})


class _Empty:
    claims = ()


# ------------------------------------------------------------------------------------------------- curves
def test_max_mark_is_refined_to_the_true_maximum():
    # x (1 - x)^2 on [0, 1]: derivative (1 - x)(1 - 3x) = 0 at x = 1/3, value 4/27 (by hand)
    fig, caption = _draw(CurveFigure(x, 0, 1, (Curve.of(x * (1 - x) ** 2, "f"),), "a caption", "x", "y",
                                     marks=(Mark("max", "max"),)))
    (mx, my), = fig.marked
    assert abs(mx - 1 / 3) < 1e-7 and abs(my - 4 / 27) < 1e-12
    assert caption == "a caption"


def test_regimes_marks_levels_and_a_parameter_as_the_variable():
    """Pieces on sub-intervals given by parameter expressions; an empty regime is skipped, not drawn."""
    spec = CurveFigure(x, 0, a, (Curve.of(x, "left", 0, a / 2), Curve.of(a - x, "right", a / 2, a)), "c", "x", "y",
                       bands=(Band(0, a / 2, "L"), Band(a / 2, a, "R"), Band(a, 2 * a, "beyond")),
                       levels=(Level(a / 2, "top"),), marks=(Mark(a / 4, "quarter"), Mark(a / 2, "peak", curve=1)))
    fig, _ = _draw(spec, {a: sp.Integer(2)})
    assert fig.bands_drawn == [(0.0, 1.0), (1.0, 2.0)]
    assert fig.marked == [(0.5, 0.5), (1.0, 1.0)]          # y read off the curves: x at 1/2, a - x at 1
    assert _at(fig, 0, 0.8) == pytest.approx(0.8) and _at(fig, 1, 1.5) == pytest.approx(0.5)


def test_integer_sequence():
    T = sp.Symbol("T", integer=True, positive=True)
    fig, _ = _draw(CurveFigure(T, 1, 5, (Curve.of(2**T, "2^T"),), "c", "T", "y", integer=True))
    (xs, ys), = fig.curve_data[0]
    assert list(xs) == [1, 2, 3, 4, 5] and list(ys) == [2, 4, 8, 16, 32]


def test_law_curves_match_hand_computed_values():
    th = sp.Symbol("theta", nonnegative=True)
    # atoms 3/4 at 1/2 and 1/4 at 1: revenue p on [0, 1/2], p/4 on (1/2, 1], 0 above; max 1/2 at p = 1/2
    law = Distribution(th, atoms={sp.Rational(1, 2): sp.Rational(3, 4), 1: sp.Rational(1, 4)})
    fig, _ = _draw(CurveFigure(th, 0, sp.Rational(3, 2), (Curve.revenue(law, "rev"),), "c", "p", "revenue",
                               marks=(Mark("max", "best"),)))
    assert _at(fig, 0, 0.25) == pytest.approx(0.25) and _at(fig, 0, 0.75) == pytest.approx(0.1875)
    assert _at(fig, 0, 1.25) == 0
    assert fig.marked[0] == pytest.approx((0.5, 0.5), abs=1e-9)
    # density 1 on [0, 1/2], atom 1/2 at 1: CDF x on [0, 1/2], 1/2 on [1/2, 1), 1 at 1
    law2 = Distribution(th, density=PiecewiseFunction(th, (0, sp.Rational(1, 2), 1), (1, 0)), atoms={1: sp.Rational(1, 2)})
    fig, _ = _draw(CurveFigure(th, 0, 1, (Curve.cdf(law2, "F"),), "c", "v", "F"))
    assert _at(fig, 0, 0.3) == pytest.approx(0.3) and _at(fig, 0, 0.8) == pytest.approx(0.5)
    assert [list(ys) for xs, ys in fig.curve_data[0] if len(xs) == 1] == [[1.0]]    # the value 1 at the top atom
    # uniform on [0, 1]: virtual value x - (1 - x)/1 = 2x - 1
    fig, _ = _draw(CurveFigure(th, 0, 1, (Curve.virtual_value(Distribution(th, 1, support=(0, 1)), "phi"),), "c", "v",
                               "phi"))
    assert _at(fig, 0, 0.25) == pytest.approx(-0.5)


def test_parametric_curve_and_lazy_pieces():
    # (t^2, t) for t in [0, 2] is the curve y = sqrt(x) on [0, 4]
    fig, _ = _draw(CurveFigure(x, 0, 4, (Curve.parametric(t**2, t, t, 0, 2, "sqrt"),), "c", "x", "y"))
    (xs, ys), = fig.curve_data[0]
    assert np.allclose(np.sqrt(xs), ys)
    calls = []
    lazy = Curve.lazy(lambda: calls.append(1) or [(x**2, 0, 1)], "x^2")
    spec = CurveFigure(x, 0, 1, (lazy,), "c", "x", "y")
    assert calls == []                                   # nothing computed when the figure is declared
    fig, _ = _draw(spec)
    assert calls == [1] and _at(fig, 0, 0.5) == pytest.approx(0.25, rel=1e-4)


def test_from_claim_draws_the_claims_expression_and_unknown_ids_fail():
    scope = Scope({a: sp.Interval(1, 2)})
    deriv = Derivation("d", "t", scope, [Identity("c", lhs=a * x, rhs=a * x, over=[(x, 0, 1)])],
                       figures={"point": {a: 2}})
    fig, _ = _draw(CurveFigure(x, 0, 1, (Curve.of(FromClaim("c", "lhs"), "claim"),), "c", "x", "y"), {a: 2}, deriv)
    assert _at(fig, 0, 0.5) == pytest.approx(1.0)
    with pytest.raises(FigureError, match="no claim 'missing'"):
        CurveFigure(x, 0, 1, (Curve.of(FromClaim("missing"), "c"),), "c", "x", "y").bind(deriv)


def test_what_cannot_be_drawn_is_an_error_not_a_picture():
    with pytest.raises(plots.PlotError, match=r"\['a'\]"):          # a parameter without a value
        _draw(CurveFigure(x, 0, 1, (Curve.of(a * x, "f"),), "c", "x", "y"))
    with pytest.raises(plots.PlotError, match="empty interval"):
        _draw(CurveFigure(x, 1, 0, (Curve.of(x, "f"),), "c", "x", "y"))
    with pytest.raises(plots.PlotError, match="no finite value"):
        _draw(CurveFigure(x, 0, 1, (Curve.of(sp.log(-1 - x), "f"),), "c", "x", "y", marks=(Mark("max", "m"),)))


# ------------------------------------------------------------------------------------------------- menus
def _area(poly) -> float:
    return 0.5 * abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(poly, poly[1:] + poly[:1])))


def test_menu_regions_give_the_manelli_vincent_revenue():
    """Spec 001 R3: the Manelli-Vincent menu on U[0,1]^2 earns 4/9 + 2 sqrt(2)/27; the identical-objects panel
    only keeps the cone v1 >= v2 (half the square)."""
    menu = [((1, 0), sp.Rational(2, 3)), ((0, 1), sp.Rational(2, 3)), ((1, 1), (4 - sp.sqrt(2)) / 3)]
    fig, _ = MenuRegionsFigure(((menu, "H", "H"), (menu[::2], "I", "I")), "c").draw({}, {})
    regions_h, regions_i = fig.regions
    rev = sum(float(p) * _area(poly) for _x, p, poly in regions_h)
    assert rev == pytest.approx(4 / 9 + 2 * math.sqrt(2) / 27, abs=1e-12)
    assert sum(_area(poly) for *_ignored, poly in regions_i) <= 0.5 + 1e-12
    assert all(y <= xx + 1e-12 for *_ignored, poly in regions_i for xx, y in poly)


# ------------------------------------------------------------------------------------------------- derivations
def test_spa_reserve_figure_peaks_at_the_best_reserve_of_thm_152():
    """Spec 003 part A, Thm. 1.5.2 (mu in M_2: I = 3, mu = 1/2): r* = 1 - sqrt(1 - mu), z* = I (1 - sqrt(1 - mu))^2;
    the three regime formulas meet at the regime ends (R1 value (I mu - 1)/(I - 1) = 1/4 at r = 1/4, R3 value
    (mu - r)/(1 - r) = 1/4 at r = 1/I)."""
    import derivations.thesis_ch1_spa as spa

    d = spa.DERIVATION
    pt, values = plots.parameter_values(d)
    fig, caption = d.figures["spa_reserve"].bind(d).draw(values, pt)
    (rx, rz), = fig.marked
    assert rx == pytest.approx(1 - math.sqrt(0.5), abs=1e-7) and rz == pytest.approx(3 * (1 - math.sqrt(0.5)) ** 2)
    assert _at(fig, 0, 0.25) == pytest.approx(0.25) and _at(fig, 1, 0.25) == pytest.approx(0.25)
    assert _at(fig, 1, 1 / 3) == pytest.approx(0.25) and _at(fig, 2, 1 / 3) == pytest.approx(0.25)
    assert len(fig.bands_drawn) == 3


def test_the_spa_figure_draws_the_claims_not_a_copy():
    """Perturb the R2 claim's formula (times 2): the bound figure's maximum moves with it."""
    import dataclasses

    import derivations.thesis_ch1_spa as spa

    d = spa.DERIVATION
    claims = [dataclasses.replace(c, rhs=2 * c.rhs) if c.id == "l175_objective" else c for c in d.claims]
    pt, values = plots.parameter_values(d)
    fig, _ = d.figures["spa_reserve"].bind(dataclasses.replace(d, claims=claims)).draw(values, pt)
    assert fig.marked[0][1] == pytest.approx(2 * 3 * (1 - math.sqrt(0.5)) ** 2)


def test_uniform_price_figure_of_bm_robust():
    """Spec 004 R7/R8: the optimal uniform price is 1/2 with V* = 1/2; the Manelli-Vincent menu earns
    (3 + sqrt 2)/9 < V* against the diagonal law."""
    import derivations.bm_robust as bm

    fig, _ = bm.DERIVATION.figures["uniform_price"].bind(bm.DERIVATION).draw({}, {})
    assert fig.marked[0] == pytest.approx((0.5, 0.5), abs=1e-7)
    ys_diag = np.concatenate([ys for _xs, ys in fig.curve_data[0]])
    ys_iid = np.concatenate([ys for _xs, ys in fig.curve_data[1]])
    assert np.allclose(ys_diag, ys_iid)                                   # eq. (12): the same curve for both laws
    level = [ln for ln in fig.axes[0].lines if ln.get_label().startswith("Manelli")][0]
    assert level.get_ydata()[0] == pytest.approx((3 + math.sqrt(2)) / 9)


def test_plot_at_overrides_only_the_given_parameter(tmp_path):
    # mu = 3/5 > (2I - 1)/I^2 = 5/9 at the figure's I = 3: regime R2 is empty (Thm. 1.5.2 (ii)), still drawn
    res = CliRunner().invoke(app, ["plot", "thesis_ch1_spa", "-o", str(tmp_path), "--at", "mu=3/5", "--dpi", "30"])
    assert res.exit_code == 0, res.output
    assert [p.name for p in tmp_path.glob("*.png")] == ["thesis_ch1_spa-spa_reserve.png"]


def test_a_point_outside_the_scope_is_an_error_line_not_a_traceback(tmp_path):
    res = CliRunner().invoke(app, ["plot", "one_moment", "-o", str(tmp_path), "--at", "k=2"])
    assert res.exit_code != 0 and "cannot evaluate" in res.output and "Traceback" not in res.output
    assert not list(tmp_path.glob("*.png"))


def test_captions_name_only_the_parameters_a_figure_depends_on():
    k, kt = sp.symbols("k kt", positive=True)
    other = sp.Symbol("other", nonnegative=True)
    from symmech import DefinedRoot

    scope = Scope({k: sp.Interval.open(0, 1), other: sp.Interval(0, 1)},
                  roots=(DefinedRoot(kt, kt * (1 - sp.log(kt)) - k, bracket=(0, k)),))
    fig = CurveFigure(x, 0, 1, (Curve.of(kt * x, "f"),), "c", "x", "y")
    assert plots.relevant_point(fig, {k: sp.Rational(1, 2), other: 1}, scope) == {k: sp.Rational(1, 2)}
    assert plots.relevant_point(sp.Integer(1), {k: sp.Rational(1, 2)}, scope) == {}


def test_the_docs_list_the_derivations_with_figures():
    """docs/figures.md names every bundled derivation whose module declares figures (read from the source, so no
    derivation is imported)."""
    declared = sorted(p.stem for p in (ROOT / "derivations").glob("[!_]*.py") if "figures={" in p.read_text())
    text = (ROOT / "docs" / "figures.md").read_text()
    modules = {p.stem for p in (ROOT / "derivations").glob("[!_]*.py")}
    listed = sorted(n for n in re.findall(r"`(\w+)`", text.split("## Which derivations have figures", 1)[1])
                    if n in modules)
    assert listed == declared
    assert len(declared) >= 12


@pytest.mark.slow   # imports the derivations with figures (about a minute of CPU) and draws all of them
def test_every_declared_figure_renders(tmp_path):
    from symmech.engine import registry

    names = sorted(p.stem for p in (ROOT / "derivations").glob("[!_]*.py") if "figures={" in p.read_text())
    for name in names:
        d = registry.load(name)
        out = plots.derivation_figures(d, tmp_path / name, dpi=30)
        keys = [k for k, v in d.figures.items() if k not in ("point", "notation", "guarantee", "ambiguity")]
        assert len(out) >= len(keys), (name, sorted(out))
        for caption, path in out.items():
            assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and caption and "{" not in caption, (name, caption)
