"""Densities (the additive corollary), the checker and the command line.  Regression values: spec
seed 001 R3 (U[0,1]^2), R6 (Exp(1)^2), R7 (Exp(1)^3), grid LP N = 10 (R3)."""
import json
from pathlib import Path

import pytest
import sympy as sp
from typer.testing import CliRunner

from symmech.commands.cli import app
from symmech.models.multigood.bundling import BundlingError
from symmech.models.multigood.bundling_check import check, grid_menu_lp
from symmech.models.multigood.bundling_density import IIDDensity, share_condition

x = sp.Symbol("x", positive=True)
runner = CliRunner()
EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "bundling_four_types.toml"


def test_density_errors_are_named():
    with pytest.raises(BundlingError, match="integrates to 1/2, not 1"):
        IIDDensity(x, x, 0, 1)
    with pytest.raises(BundlingError, match="negative density"):
        IIDDensity(4 * x - 1, x, 0, 1)
    with pytest.raises(BundlingError, match="free symbols"):
        IIDDensity(sp.Symbol("k") * sp.exp(-x), x)


def test_exponential_two_goods_spec_R6():
    d = IIDDensity(sp.exp(-x), x)
    pa = d.bundle_price()
    assert sp.simplify(pa.price - (1 + sp.sqrt(5)) / 2) == 0
    assert abs(sp.N(pa.revenue, 30) - sp.Float("0.839962094657175089800366368153", 30)) < 1e-25
    assert share_condition(d).status == "proved"


def test_exponential_three_goods_spec_R7():
    pa = IIDDensity(sp.exp(-x), x, n=3).bundle_price()
    assert abs(sp.N(pa.price, 30) - sp.Float("2.26953084208114277085313454399", 30)) < 1e-25
    assert abs(sp.N(pa.revenue, 30) - sp.Float("1.37110160490030859419483682616", 30)) < 1e-25


def test_uniform_spec_R3_refuted_with_exact_witness():
    d = IIDDensity(sp.Integer(1), x, 0, 1)
    pa = d.bundle_price()
    assert sp.simplify(pa.price - sp.sqrt(sp.Rational(2, 3))) == 0
    assert sp.simplify(pa.revenue - 2 * sp.sqrt(6) / 9) == 0
    ans = share_condition(d)
    assert ans.status == "refuted"
    # independent recheck of the witness: r | s is U[0,1] for s <= 1, U[(s-1)/s, 1/s] for s > 1
    s0, s1 = sp.Rational(ans.witness["s"]), sp.Rational(ans.witness["s'"])
    c = sp.Rational(ans.witness["upper set"].split(">=")[1].strip(" }"))
    def surv(sv):
        lo, hi = (0, 1) if sv <= 1 else ((sv - 1) / sv, 1 / sv)
        return max(0, hi - max(c, lo)) / (hi - lo)
    assert surv(s0) > surv(s1)
    assert str(surv(s0)) == ans.witness["Pr[U | s]"] and str(surv(s1)) == ans.witness["Pr[U | s']"]


def test_gamma_shape_two_proved():
    assert share_condition(IIDDensity(x * sp.exp(-x), x)).status == "proved"


def test_grid_lp_spec_R3_N10():
    lp, pb = grid_menu_lp(IIDDensity(sp.Integer(1), x, 0, 1), 10)
    assert abs(lp - 0.59) < 1e-7 and abs(pb - 0.576) < 1e-7


def test_check_dispatch_and_finite_report():
    from derivations._hh_common import four_types
    rep = check(four_types("0.8", "0.2", "0.5"))
    assert rep.condition == "refuted" and rep.pb_optimal_by_lp is False and str(rep.lp_revenue) == "26/25"
    rep = check(four_types("0.3", "0.6", "0.5"))
    assert rep.condition == "proved" and rep.pb_optimal_by_lp is True
    with pytest.raises(TypeError):
        check(3)


def test_cli_finite_json():
    res = runner.invoke(app, ["bundling", "finite", str(EXAMPLE), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)["extra"]["bundling"]        # the report inside the one JSON record
    # exact numbers carry their exact form and a decimal value (issue 28)
    assert data["condition"] == "refuted" and data["lp_revenue"]["exact"] == "26/25" and data["pb_revenue"]["exact"] == "1"
    assert data["lp_revenue"]["decimal"].startswith("1.04000") and data["lp_revenue"]["srepr"] == "Rational(26, 25)"
    assert data["witness"]["mass_low"]["exact"] == "4/5"


def test_cli_bad_inputs_exit_2(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('goods = 2\n[[type]]\nmass = "1"\nvalues = { "1" = "3", "1,2" = "2" }\n')
    res = runner.invoke(app, ["bundling", "finite", str(bad)])
    assert res.exit_code == 2 and "grand bundle not maximal" in res.output
    neg = tmp_path / "neg.toml"
    neg.write_text('goods = 1\n[[type]]\nmass = "-1"\nvalues = { "1" = "1" }\n'
                   '[[type]]\nmass = "2"\nvalues = { "1" = "2" }\n')
    res = runner.invoke(app, ["bundling", "finite", str(neg)])
    assert res.exit_code == 2 and "negative mass" in res.output
    res = runner.invoke(app, ["bundling", "density", "x", "--hi", "1", "--grid", "0"])
    assert res.exit_code == 2 and "integrates to 1/2" in res.output
    res = runner.invoke(app, ["bundling", "density", "__import__('os')", "--hi", "1"])
    assert res.exit_code == 2


def test_cli_density_json():
    res = runner.invoke(app, ["bundling", "density", "exp(-x)", "--grid", "0", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)["extra"]["bundling"]
    assert data["condition"] == "proved" and data["price"]["exact"] == "1/2 + sqrt(5)/2"
    assert data["price"]["decimal"].startswith("1.6180339887498948482")     # the golden ratio (spec R6)


def test_profile_density_tp2_proved_decreasing_refuted_and_cli():
    from symmech.models.multigood.bundling_check import check_profile
    from symmech.models.multigood.bundling_density import ProfileDensity
    s, r = sp.Symbol("s", positive=True), sp.Symbol("r", nonnegative=True)
    up = check_profile(ProfileDensity((1 + s * r) * sp.Rational(4, 7), s, r, (1, 2)))
    assert up.condition == "proved"
    # independent: f_S = (4/7)(1 + s/2), R(P) = (4/7)(3P - P^2 - P^3/4), R' = 0 at 3P^2 + 8P - 12 = 0
    assert sp.simplify(up.price - (-4 + 2 * sp.sqrt(13)) / 3) == 0
    down = check_profile(ProfileDensity(1 + (1 - s / 2) * (2 * r - 1), s, r, (1, 2)))
    assert down.condition == "refuted"
    w = down.witness
    assert sp.Rational(w["Pr[U | s]"]) > sp.Rational(w["Pr[U | s']"])
    with pytest.raises(BundlingError, match="integrates to 7/4"):
        ProfileDensity(1 + s * r, s, r, (1, 2))
    res = runner.invoke(app, ["bundling", "profile", "(1 + s*r)*4/7", "--json"])
    assert res.exit_code == 0 and json.loads(res.stdout)["extra"]["bundling"]["condition"] == "proved"


def test_profile_survival_derivative_route_and_its_negative():
    from symmech.models.multigood.bundling_density import ProfileDensity, profile_condition
    s, r = sp.Symbol("s", positive=True), sp.Symbol("r", nonnegative=True)
    d = ProfileDensity(1 + (s - 1) * (2 * r - 1), s, r, (1, 2))
    claim = d.survival_derivative_claim()
    assert sp.simplify(claim.lhs - claim.over[1][0] * (1 - claim.over[1][0])) == 0   # c (1 - c), by hand
    assert profile_condition(d).status == "proved"
    from dataclasses import replace
    from symmech import Scope, Status
    assert replace(claim, lhs=-claim.lhs).check(Scope(), digits=30, samples=5).status is Status.REFUTED


@pytest.mark.parametrize("values", ['"1" = "1", "2" = "1", "1,2" = "2", "2,1" = "3"',
                                    '"1" = "1", "2" = "1", "1,2" = "2", " 1, 2" = "3"',
                                    '"1" = "1", "1,1" = "2", "2" = "1", "1,2" = "3"'])
def test_cli_finite_duplicate_bundle_keys_exit_2(tmp_path, values):
    """'1,2' and '2,1' (or ' 1, 2', or '1' and '1,1') name one bundle: refused in one line, nothing computed."""
    dup = tmp_path / "dup.toml"
    dup.write_text(f'goods = 2\n[[type]]\nmass = "1"\nvalues = {{ {values} }}\n')
    res = runner.invoke(app, ["bundling", "finite", str(dup)])
    assert res.exit_code == 2, res.output
    assert "type 0: bundle keys" in res.stderr and "name the same bundle" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and res.stdout == ""
    res = runner.invoke(app, ["bundling", "finite", str(dup), "--json"])
    assert res.exit_code == 2 and "name the same bundle" in json.loads(res.stdout)["error"]
