"""Plots (matplotlib, Agg backend): one-good figures of a derivation and two-good allocation regions."""
from __future__ import annotations

import pytest
import sympy as sp
from typer.testing import CliRunner

pytest.importorskip("matplotlib", reason="plots need matplotlib (pip install 'symmech[plots]')")

import derivations.one_moment as om  # noqa: E402
from symmech.reports import plots  # noqa: E402
from symmech.commands.cli import app  # noqa: E402


def _png(path):
    data = path.read_bytes()
    return data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 2000


def test_derivation_figures(tmp_path):
    out = plots.derivation_figures(om.DERIVATION, tmp_path, dpi=40)
    names = sorted(p.name for p in out.values())
    assert names == ["one_moment-mechanism.png", "one_moment-price_law.png", "one_moment-revenue_curve.png",
                     "one_moment-worst_case.png"]
    assert all(_png(p) for p in out.values())
    assert any("k = 1/2" in caption for caption in out)


def test_parameter_values_extend_by_roots():
    pt, values = plots.parameter_values(om.DERIVATION)
    assert pt == {om.k: sp.Rational(1, 2)}
    assert abs(float(values[om.kt]) - 0.1866823088508370) < 1e-12


def test_revenue_curve_touches_guarantee():
    import matplotlib.pyplot as plt

    _, values = plots.parameter_values(om.DERIVATION)
    fig = plots.plot_revenue_curve(om.F_STAR, values, om.kt)
    ys = [y for line in fig.axes[0].lines for y in line.get_ydata()]
    kt = float(values[om.kt])
    assert max(ys) == pytest.approx(kt, rel=1e-9)  # equal revenue on [kt, 1]
    plt.close(fig)


def test_unresolved_symbols_are_reported():
    with pytest.raises(plots.PlotError, match="kt"):
        plots.plot_mechanism(om.M_STAR, {om.k: sp.Rational(1, 2)})


def test_allocation_regions_of_a_separable_mechanism(tmp_path):
    import matplotlib.pyplot as plt

    v1, v2 = sp.symbols("v1 v2", nonnegative=True)
    q1 = sp.Piecewise((1, v1 >= sp.Rational(1, 2)), (0, True))
    q2 = sp.Piecewise((1, v2 >= sp.Rational(1, 3)), (0, True))
    fig = plots.plot_allocation_regions((q1, q2), (v1, v2), n=61)
    grid = fig.regions  # rows: v2, columns: v1
    assert grid[0, 0] == 0 and grid[0, -1] == 1 and grid[-1, 0] == 2 and grid[-1, -1] == 3
    # boundaries where the separable thresholds are
    assert grid[0, 29] == 0 and grid[0, 31] == 1 and grid[19, 0] == 0 and grid[21, 0] == 2
    fig.savefig(tmp_path / "regions.png", dpi=40)
    assert _png(tmp_path / "regions.png")
    plt.close(fig)


def test_cli_plot(tmp_path):
    res = CliRunner().invoke(app, ["plot", "one_moment", "-o", str(tmp_path), "--at", "k=1/4", "--dpi", "40"])
    assert res.exit_code == 0, res.output
    assert len(list(tmp_path.glob("*.png"))) == 4
    bad = CliRunner().invoke(app, ["plot", "one_moment", "-o", str(tmp_path), "--at", "z=1"])
    assert bad.exit_code == 2
