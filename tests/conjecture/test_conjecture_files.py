"""Every bundled conjecture file gives its expected exit code and verdicts (true and false ones)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from symmech.commands.cli import app

ROOT = Path(__file__).resolve().parents[2] / "conjectures"
runner = CliRunner()

P, CE, C, R = "proved", "certified", "confirmed", "refuted"
# file -> (exit code, {claim: status}, fast); proved/certified statuses hold for every parameter value
EXPECTED = {
    # --- true -----------------------------------------------------------------------------------
    "posted_price_quarter": (0, {"guarantee": P, "guarantee_at_least": P}, True),
    "quadratic_allocation": (0, {"guarantee": P}, True),
    "price_lottery_atoms": (0, {"guarantee": P, "guarantee_at_least": P}, True),
    "two_moments_posted_price": (0, {"guarantee": P}, True),
    "mean_at_least": (0, {"guarantee": P}, True),
    "second_moment_three_quarters": (0, {"guarantee": P, "guarantee_at_least": P, "value": P}, True),
    "second_moment_uniform_price": (0, {"guarantee": P, "value": P, "optimal": P}, False),
    "mean_half_optimal": (0, {"guarantee": CE, "value": CE, "optimal": CE}, False),
    "mean_range_optimal": (0, {"guarantee": CE, "value": CE}, False),
    "posted_price_mean_range": (0, {"guarantee": P}, True),
    "scaled_support": (0, {"guarantee": CE, "value": CE}, False),
    "sqrt_moment": (0, {"guarantee": CE, "value": CE}, False),
    "support_only_bottom_price": (0, {"guarantee": P, "value": P, "optimal": P}, True),
    "best_posted_price_mean": (0, {"guarantee": P, "value": P, "optimal": P}, True),
    "posted_prices_mean_range": (0, {"guarantee": P, "value": P, "optimal": P}, False),
    # --- false ----------------------------------------------------------------------------------
    "false_posted_price_near_miss": (1, {"guarantee": R}, True),
    "false_lottery_near_miss": (1, {"guarantee": R}, True),
    "false_quadratic_at_least": (1, {"guarantee_at_least": R}, True),
    "false_at_least_near_miss": (1, {"guarantee_at_least": R}, True),
    "false_optimal_posted_price": (1, {"optimal": R}, False),
    "false_two_moments_ignored": (1, {"guarantee": R}, True),
    "false_posted_price_too_low": (1, {"guarantee": R}, True),
    "false_ktilde_perturbed": (1, {"value": R}, False),
    "false_printed_foc": (1, {"value": R}, False),
    "false_mean_formula_for_second_moment": (1, {"value": R}, True),
    "false_square_formula_for_sqrt": (1, {"value": R}, False),
    "false_posted_price_mean_range": (1, {"guarantee": R}, True),
    "false_support_only_price": (1, {"optimal": R}, True),
    "false_best_posted_price": (1, {"optimal": R}, True),
    # --- minimax regret (support only; Bergemann and Schlag 2008) ----------------------------------
    "regret_bergemann_schlag": (0, {"regret": P, "value": P, "optimal": P}, False),
    "false_regret_near_miss": (1, {"regret": R}, True),
    "false_regret_posted_price": (1, {"optimal": R}, True),
    # --- max-min ratio E[t(v)/v] (support only) ---------------------------------------------------------
    "ratio_e_cubed": (0, {"value": P}, True),
    "false_ratio_near_miss": (1, {"value": R}, True),
    # --- several bidders: the Markov set (any correlation) and the i.i.d. set (issue 31) ----------------
    "markov_best_reserve": (0, {"guarantee": P, "value": P, "optimal": P}, False),
    "false_markov_near_miss": (1, {"guarantee": R}, True),
    "false_markov_iid_answer": (1, {"guarantee": R}, True),
    "markov_lottery": (0, {"guarantee": P, "value": P, "optimal": P}, False),
    "iid_vickrey_quarter": (0, {"guarantee": P, "value": P, "optimal": P}, True),
    "false_iid_near_miss": (1, {"guarantee": R}, True),
    # --- several goods: known marginals, any dependence (Carroll 2017) --------------------------------
    "two_goods_uniform": (0, {"guarantee": P, "value": P, "optimal": P}, True),
    "false_two_goods_near_miss": (1, {"value": R}, True),
}


def test_every_bundled_file_is_listed():
    assert {p.stem for p in ROOT.glob("*.toml")} == set(EXPECTED)
    assert sum(1 for k in EXPECTED if k.startswith("false_")) >= 10
    assert sum(1 for k in EXPECTED if not k.startswith("false_")) >= 10


def _run(name):
    res = runner.invoke(app, ["check", str(ROOT / f"{name}.toml"), "--json", "--digits", "30"])
    code, statuses, _ = EXPECTED[name]
    assert res.exit_code == code, res.output
    data = json.loads(res.stdout)
    got = {c["id"]: c["status"] for c in data["claims"]}
    assert got == statuses, data
    for c in data["claims"]:
        if c["status"] == "refuted":
            assert c["counterexample"], c          # every refutation carries its counterexample
        else:
            assert c["counterexample"] is None
    return data


@pytest.mark.parametrize("name", [n for n, e in EXPECTED.items() if e[2]])
def test_fast_files(name):
    _run(name)


@pytest.mark.slow
@pytest.mark.parametrize("name", [n for n, e in EXPECTED.items() if not e[2]])
def test_slow_files(name):
    _run(name)


def test_near_miss_counterexample_is_exact():
    """guarantee 1/12 + 1e-6: nature's law just below the price, exact rationals, revenue < claim."""
    from fractions import Fraction

    data = _run("false_posted_price_near_miss")
    ce = data["claims"][0]["counterexample"]
    atoms = [(Fraction(a["point"]), Fraction(a["weight"])) for a in ce["atoms"]]
    assert sum(w for _, w in atoms) == 1 and sum(x * w for x, w in atoms) == Fraction(1, 2)
    revenue = sum(w * (Fraction(1, 4) if x >= Fraction(1, 4) else 0) for x, w in atoms)
    assert revenue == Fraction(ce["revenue"]) and revenue < Fraction(1, 12) + Fraction(1, 10**6)
    assert max(x for x, _ in atoms if x < Fraction(1, 4)) > Fraction(1, 4) - Fraction(1, 1000)


def test_wrong_optimum_counterexample_is_a_readable_mechanism():
    """The better mechanism is the best posted price 1 - 1/sqrt(2), guaranteeing (1 - 1/sqrt(2))^2 = 3/2 - sqrt(2)
    (calculus on p (1/2 - p)/(1 - p), nature's two-atom law against price p), checked exactly."""
    import sympy as sp

    data = _run("false_best_posted_price")
    ce = data["claims"][0]["counterexample"]
    assert ce["kind"] == "better mechanism (closed form)"
    assert sp.simplify(sp.sympify(ce["guarantee"]) - (sp.Rational(3, 2) - sp.sqrt(2))) == 0
    assert ce["certificate"].startswith("proved")


@pytest.mark.slow
def test_wrong_optimum_all_mechanisms_gives_the_log_uniform_law():
    """Against all mechanisms the better mechanism is Carrasco et al.'s log-uniform price with guarantee kt(1/2)."""
    import mpmath

    data = _run("false_optimal_posted_price")
    ce = data["claims"][0]["counterexample"]
    with mpmath.workdps(40):
        kt = -mpmath.mpf(1) / 2 / mpmath.lambertw(-mpmath.mpf(1) / 2 / mpmath.e, -1)
        assert ce["kind"] == "better mechanism (closed form)"
        assert abs(mpmath.mpf(ce["guarantee_decimal"]) - kt.real) < mpmath.mpf(10) ** -25
