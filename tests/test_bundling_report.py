"""The bundling report (issue 28): separate sales, the optimal revenue bracketed on a grid, Prop. 1's eps_max and
witness, the LP's beating menu, and exact numbers with decimals in JSON.

Regression values: spec seed 001 Sec. 3 (R2, R3, R6, R7, R10) and independent mpmath computations (said where).
"""
import json
import random
from fractions import Fraction as Fr

import mpmath
import pytest
import sympy as sp
from typer.testing import CliRunner

from derivations._hh_common import (
    four_types,
    parametric_path,
    prop1_witness_law,
)
from symmech.commands.cli import app
from symmech.models.multigood.bundling import (
    FiniteLaw,
    Valuation,
    additive_law,
    bundle,
    grand,
)
from symmech.models.multigood.bundling_check import (
    check_density,
    check_finite,
    grid_menu_lp,
    number_json,
)
from symmech.models.multigood.bundling_density import IIDDensity
from symmech.models.multigood.bundling_grid import GridError, grid_bracket
from symmech.models.multigood.bundling_sales import (
    _item_pricing,
    item_pricing_revenue,
    separate_sales,
)
from symmech.models.multigood.bundling_witness import (
    check_direct,
    eps_max,
    lp_menu,
    prop1_witness,
    witness_for,
)

x = sp.Symbol("x", positive=True)
runner = CliRunner()
B1, B2, B12 = bundle(1), bundle(2), bundle(1, 2)


def _gamma4_pb() -> tuple[sp.Float, sp.Float]:
    """Independent of SymPy's algebra: the total of two i.i.d. Gamma(2) goods is Gamma(4), so pure bundling at P
    earns P * Gamma(4, P) / 3! (mpmath's upper incomplete gamma); maximized by findroot on its derivative (40 digits,
    returned as 35-digit SymPy Floats)."""
    with mpmath.workdps(40):
        R = lambda P: P * mpmath.gammainc(4, P) / 6
        P = mpmath.findroot(lambda p: mpmath.diff(R, p), 3)
        return sp.Float(mpmath.nstr(P, 35), 35), sp.Float(mpmath.nstr(R(P), 35), 35)


@pytest.fixture(scope="module")
def gamma2():
    d = IIDDensity(x * sp.exp(-x), x)
    return d, check_density(d, grid=10, tol=0.05)


def test_gamma2_report_no_longer_claims_lp_above_pb(gamma2):
    """Issue 28: Gamma(2) goods were reported 'LP 2.52 > PB 2.48' on a coarse midpoint grid while the true revenue
    is 1.942.  Now the optimum is bracketed around the exact pure-bundling revenue and nothing claims a menu beats
    it (Thm. 1's condition holds: Gamma shares are independent of the total, spec C2)."""
    d, rep = gamma2
    P, R = _gamma4_pb()
    assert abs(R - sp.Rational("1.942")) < 5e-4                                  # the value
    assert abs(sp.N(rep.pb_revenue, 30) - R) < 1e-27 and abs(sp.N(rep.price, 30) - P) < 1e-27
    b = rep.bracket
    assert b.lower <= float(R) <= b.upper and b.width <= 0.05 and b.met
    assert rep.pb_optimal_by_lp is not False and rep.beating_menu is None and rep.lp_revenue is None
    assert rep.pb_verdict.startswith("yes") and "agrees" in rep.pb_verdict
    label, text = next((q, a) for q, a in rep.lines() if q.startswith("optimal revenue"))
    assert "grid approximation" in label and "OPT in [" in text
    data = rep.to_json()
    assert data["lp_revenue"] is None and data["optimal_revenue"]["kind"].startswith("grid bracket")
    assert data["beats_pure_bundling"] is None and data["pb_optimal_by_lp"] is None
    # the old failure: the LP of a midpoint grid *law* is not a bound -- here it exceeds the true optimum
    lp_mid, pb_mid = grid_menu_lp(d, 10)
    assert lp_mid > b.upper and pb_mid > float(R)


def test_gamma2_truncation_tail_is_stated_and_bounded(gamma2):
    """The unbounded support is cut where the revenue beyond the box is <= 1e-3; mpmath recomputes it."""
    _, rep = gamma2
    T = rep.bracket.top
    with mpmath.workdps(30):
        above = mpmath.gammainc(2, T)                          # Pr[y > T] for Gamma(2)
        ey_above = mpmath.gammainc(3, T)                       # E[y; y > T]
        ey_below = 2 - ey_above
        mass, rev = 1 - (1 - above) ** 2, 2 * (ey_above + ey_below * above)
    assert rev <= 1e-3 and abs(rev - rep.bracket.tail_revenue) < 1e-12 and abs(mass - rep.bracket.tail_mass) < 1e-12
    assert "truncated at T" in rep.bracket.describe() and mass < 1e-3 / T + 1e-15


def test_uniform_menu_beats_pure_bundling_checked_exactly():
    """U[0,1]^2 (spec R3): PB = 2 sqrt(6)/9 is not optimal (the optimum 4/9 + 2 sqrt(2)/27 is the Manelli-Vincent
    menu).  The grid's lower bound is a real menu; its revenue is recomputed exactly (SymPy polygons) and beats PB."""
    from symmech.models.multigood.polygon import menu_revenue

    rep = check_density(IIDDensity(sp.Integer(1), x, 0, 1), grid=10, tol=0.01)
    b, mv = rep.bracket, 4 * sp.Rational(1, 9) + 2 * sp.sqrt(2) / 27
    assert b.lower <= float(mv) <= b.upper
    assert rep.pb_optimal_by_lp is False and rep.beating_menu is not None and rep.pb_verdict.startswith("no")
    items = [((sp.nsimplify(it["q1"], tolerance=1e-9, rational=True), sp.nsimplify(it["q2"], tolerance=1e-9,
               rational=True)), sp.nsimplify(it["price"], tolerance=1e-9, rational=True))
             for it in rep.beating_menu["menu"]]
    v1, v2 = sp.symbols("v_1 v_2", nonnegative=True)
    exact = menu_revenue(items, sp.Integer(1), (v1, v2))
    assert abs(float(exact) - b.lower) < 1e-7
    assert sp.simplify(exact - 2 * sp.sqrt(6) / 9).is_positive


def test_bracket_negative_controls():
    """Refusals name the problem: a kinked density, a tail too heavy to truncate; an unmet tolerance is said."""
    tri = IIDDensity(1 - sp.Abs(x - 1), x, 0, 2)
    with pytest.raises(GridError, match="continuously differentiable"):
        grid_bracket(tri)
    heavy = IIDDensity(1 / (1 + x) ** 2, x)
    with pytest.raises(GridError, match="lighter tail"):
        grid_bracket(heavy)
    b = grid_bracket(IIDDensity(sp.Integer(1), x, 0, 1), max_grid=4, tol=1e-4)
    assert not b.met and "TOLERANCE NOT MET" in b.describe() and f"{b.width:.2g}" in b.describe()


def test_separate_sales_densities_spec_and_mpmath():
    """R3: 2 * 1/4; R6: 2/e; R7: 3/e (spec); Gamma(2): 2 max_p p Gamma(2, p) by mpmath (independent)."""
    assert IIDDensity(sp.Integer(1), x, 0, 1).separate_sales().revenue == sp.Rational(1, 2)
    assert sp.simplify(IIDDensity(sp.exp(-x), x).separate_sales().revenue - 2 / sp.E) == 0
    assert sp.simplify(IIDDensity(sp.exp(-x), x, n=3).separate_sales().revenue - 3 / sp.E) == 0
    with mpmath.workdps(40):
        r = lambda p: p * mpmath.gammainc(2, p)
        p = mpmath.findroot(lambda q: mpmath.diff(r, q), 1.5)
        ss = sp.Float(mpmath.nstr(2 * r(p), 35), 35)
    got = IIDDensity(x * sp.exp(-x), x).separate_sales()
    assert abs(sp.N(got.revenue, 30) - ss) < 1e-27
    assert sp.simplify(got.price - (1 + sp.sqrt(5)) / 2) == 0          # the FOC 1 + p - p^2 = 0, by hand


def test_separate_sales_finite_exact_and_unbeatable():
    """Additive: the per-good formula equals the exact arrangement search; non-additive (four types, spec Sec. 4.2):
    the reported prices attain the revenue and no price vector on a rational grid beats it."""
    add = additive_law([(("1/2", "3/2"), "1/4"), (("1", "1"), "1/4"), (("3/2", "1/4"), "1/4"), (("2", "2"), "1/4")])
    a, v = separate_sales(add), _item_pricing(add)
    assert a.revenue == v.revenue and "additive" in a.how
    # by hand: good 1 at 1 sells to 3 types (3/4) or at 3/2 to 2 (3/4) or 2 to 1 (1/2); good 2 at 1: 3/4, at 3/2: 3/4
    assert a.revenue == Fr(3, 2)
    law = four_types("0.8", "0.2", "0.5")
    ss = separate_sales(law)
    assert item_pricing_revenue(law, ss.prices) == ss.revenue == Fr(51, 50)
    rng = random.Random(28)
    for _ in range(200):
        P = (Fr(rng.randint(0, 40), 20), Fr(rng.randint(0, 40), 20))
        assert item_pricing_revenue(law, P) <= ss.revenue


@pytest.mark.parametrize("t, tp, v, vp, emax, lp", [(1, 3, "0.5", "1.2", Fr(3, 10), Fr(11, 10)),
                                                    (1, 2, "0.8", "1.2", Fr(2, 5), Fr(6, 5))])
def test_prop1_eps_max_and_witness_spec_R2(t, tp, v, vp, emax, lp):
    rep = check_finite(prop1_witness_law(t, tp, v, vp))
    w = rep.prop1.witness
    assert rep.prop1.status == "violated" and w.eps_max == emax and w.revenue == lp == w.lp_revenue
    assert w.pb_revenue == Fr(t) and w.check.ok and w.binding
    assert w.revenue == Fr(t) + Fr(t) / Fr(tp) * emax                     # t + (t/t') eps_max (A.3.5)
    data = rep.to_json()["prop1"]
    assert data["eps_max"]["exact"] == str(emax) and data["eps_max"]["decimal"].startswith(str(float(emax)))
    assert data["witness"]["ic_ir_exact"] is True and data["witness"]["revenue"]["exact"] == str(lp)


def test_prop1_largest_eps_max_and_its_negative():
    """Three path types with two violations: the report takes the larger eps_max (formula of App. A.3.5 by hand);
    one step past eps_max the witness menu is no longer IC (the high type's constraint was binding)."""
    ts = [Valuation(2, {B1: "0.9", B12: 1}), Valuation(2, {B1: "1", B12: 2}), Valuation(2, {B1: "1.2", B12: 4})]
    law = FiniteLaw(ts, ["1/3", "1/3", "1/3"])
    cands = {(0, 1): Fr(9, 10) * (2 - 1) - Fr(1, 10), (0, 2): Fr(9, 10) * (4 - 1) - Fr(3, 10),
             (1, 2): 1 * (2 - 1) - Fr(2, 10)}
    ans = prop1_witness(law)
    assert ans.witness.eps_max == max(cands.values()) == Fr(12, 5) and ans.witness.violations == 3
    lo, hi = ans.witness.low, ans.witness.high
    assert (lo.s, hi.s) == (1, 4)
    e = ans.witness.eps_max + Fr(1, 100)
    price = hi.s - lo.values[B1] * (hi.s / lo.s - 1) + e
    bad = check_direct([lo, hi], [({B1: Fr(1)}, lo.values[B1]), ({grand(2): Fr(1)}, price)])
    assert not bad.ok and ("IC fails" in bad.detail or "IR fails" in bad.detail)
    assert eps_max(Fr(1, 2), Fr(1), Fr(1), Fr(2)) == 0                # ratios 1/2 = 1/2: eps_max = 0 ...
    assert witness_for(lo, hi, B1, lp=False).revenue > lo.s               # ... while a strict one beats PB


def test_prop1_ratio_monotone_path_and_all_priors():
    """R5 delta = 1/2 (ratio-monotone path): no witness, LP = PB; the four-type support (R9, condition holds for
    this prior) still fails Prop. 1: its witness prior has LP > PB."""
    ok = check_finite(parametric_path("1/2"))
    assert ok.prop1.status == "ratio-monotone" and ok.prop1.witness is None and ok.pb_optimal_by_lp
    rep = check_finite(four_types("0.3", "0.6", "0.5"))
    assert rep.pb_optimal_by_lp and rep.beating_menu is None
    w = rep.prop1.witness
    assert rep.prop1.status == "violated" and w.lp_revenue > w.pb_revenue


def test_lp_menu_beats_pb_spec_R10_and_its_negative():
    law = four_types("0.8", "0.2", "0.5")
    rep = check_finite(law)
    assert rep.pb_optimal_by_lp is False and rep.beating_menu["ic_ir_exact"] is True
    assert rep.beating_menu["revenue"]["exact"] == "26/25" and rep.beating_menu["revenue_equals_lp"]  # spec R10
    from symmech.models.multigood.bundling_lp import mechanism_lp, optimal_revenue
    m = lp_menu(law, optimal_revenue(law))
    types = mechanism_lp(law)[1]["types"]
    items = [(it.lottery, it.price) for it in m.menu.items]
    k = max(range(len(items)), key=lambda i: items[i][1])
    items[k] = (items[k][0], items[k][1] + 1)                                       # overcharge one type
    bad = check_direct(types, items)
    assert not bad.ok and "IR fails" in bad.detail


def test_number_json_exact_and_decimal():
    """Every exact number: exact form, LaTeX, srepr and a 30-digit decimal (checked against mpmath)."""
    root = sp.CRootOf(x ** 4 - x ** 3 - 3 * x ** 2 - 6 * x - 6, 1)
    j = number_json(root)
    assert j["exact"].startswith("CRootOf") and j["srepr"].startswith("ComplexRootOf") and "CRootOf" in j["latex"]
    with mpmath.workdps(40):
        ref = max(r.real for r in mpmath.polyroots([1, -1, -3, -6, -6], maxsteps=200, extraprec=80) if abs(r.imag) < 1e-30)
        assert j["digits"] == 30 and abs(mpmath.mpf(j["decimal"]) - ref) < mpmath.mpf(10) ** -28
    assert number_json(Fr(26, 25))["srepr"] == "Rational(26, 25)" and number_json("x >= 1") == "x >= 1"
    assert number_json(0.5) == 0.5 and number_json(None) is None


def _walk(obj, parent=None):
    if isinstance(obj, dict):
        for v in obj.values():
            yield from _walk(v, obj)
    elif isinstance(obj, list):
        for v in obj:
            yield from _walk(v, parent)
    else:
        yield obj, parent


def test_gamma2_json_has_no_bare_crootof(gamma2):
    """Issue 28: the price came back as a bare CRootOf string; now every CRootOf sits in an object with a decimal."""
    _, rep = gamma2
    data = json.loads(json.dumps(rep.to_json()))
    hits = [(v, p) for v, p in _walk(data) if isinstance(v, str) and "CRootOf" in v]
    assert hits and all(p is not None and p.get("decimal") for v, p in hits)
    P, R = _gamma4_pb()
    assert abs(sp.Float(data["price"]["decimal"], 30) - P) < 1e-27
    assert abs(sp.Float(data["pb_revenue"]["decimal"], 30) - R) < 1e-27


def test_cli_report_fields_and_bad_tolerances(tmp_path):
    ex = tmp_path / "two.toml"
    ex.write_text('goods = 2\n[[type]]\nmass = "1/2"\nvalues = { "1" = "0.8", "1,2" = "1" }\n'
                  '[[type]]\nmass = "1/2"\nvalues = { "1" = "1.2", "1,2" = "2" }\n')
    res = runner.invoke(app, ["bundling", "finite", str(ex), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)["extra"]["bundling"]        # the report inside the one JSON record
    # spec R1 (q_H = 1/2): LP 6/5 > PB 1; the two types are their own Prop. 1 witness (eps_max 2/5, spec R2)
    assert data["lp_revenue"]["exact"] == "6/5" and data["prop1"]["eps_max"]["exact"] == "2/5"
    assert data["separate_sales"]["revenue"]["exact"] == "6/5" and data["beats_pure_bundling"]["ic_ir_exact"]
    res = runner.invoke(app, ["bundling", "finite", str(ex)])
    assert res.exit_code == 0 and "eps_max = 2/5" in res.output and "separate-sales" in res.output
    for opt in (["--tol", "-1"], ["--tail-tol", "0"], ["--tol", "nan"]):
        res = runner.invoke(app, ["bundling", "density", "exp(-x)", *opt])
        assert res.exit_code == 2 and "must be" in res.output, (opt, res.output)


def test_density_report_out_of_time_says_so(monkeypatch):
    """A symbolic step past its budget is reported as not finished (undecided / not computed), never a traceback."""
    from symmech.models.multigood import bundling_check

    monkeypatch.setattr(bundling_check, "SYMBOLIC_SECONDS", 0.01)
    rep = check_density(IIDDensity(sp.exp(-x), x), grid=0)
    assert rep.condition == "undecided" and "did not finish" in rep.condition_detail
    assert rep.price is None and rep.pb_revenue is None and "did not finish" in rep.ss_detail
    assert json.dumps(rep.to_json()) and any("did not finish" in a for _, a in rep.lines())
