"""Several goods in conjecture files (issue 31): known marginals with any dependence (Carroll 2017), and a box
of values (support only: revenue, and minimax regret as in Koçyiğit (2020), Ch. 2).

Regression values, computed independently here: each good's monopoly revenue max_p p (1 - F(p)) by a dense
numerical search (uniform(0, 1): 1/4 at p = 1/2; density 2 theta: 2/(3 sqrt 3) at p = 1/sqrt 3), whose sum is
Carroll's max-min value; the minimax regret sum_j (v_bar_j - c_j)/e of spec 003 part B, Sec. 3 (Thm. 2.3.1).
"""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import numpy as np
import pytest
import sympy as sp
from typer.testing import CliRunner

from symmech.commands.cli import app
from symmech.conjecture import ConjectureError, check_conjecture, loads
from symmech.conjecture.ask import solve

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "docs" / "schema" / "result-1.json").read_text())
runner = CliRunner()

MARGINALS = '''
name = "x"
[model]
goods = 2
marginal.1 = "uniform(0, 1)"
marginal.2 = {second}
{mechanism}
[claim]
{claim}
'''


def _file(claim: str, second='"uniform(0, 1)"', mechanism="") -> str:
    return MARGINALS.format(claim=claim, second=second, mechanism=mechanism)


def _monopoly(F, grid: int = 200001) -> float:
    """max_p p (1 - F(p)) on [0, 1] by a dense grid (an independent numerical computation)."""
    p = np.linspace(0, 1, grid)
    return float(np.max(p * (1 - F(p))))


def test_known_marginals_value_matches_an_independent_computation():
    conj = loads(_file("", second='{density = "2*theta", on = ["0", "1"]}'), claims_required=False)
    (ans,) = solve(conj)
    assert ans.status == "proved" and ans.data["set"] == "known-marginals"
    expected = _monopoly(lambda p: p) + _monopoly(lambda p: p**2)
    assert abs(float(sp.sympify(ans.answer)) - expected) < 1e-9
    assert sp.simplify(sp.sympify(ans.answer) - (sp.Rational(1, 4) + 2 * sp.sqrt(3) / 9)) == 0
    assert ans.data["mechanism"]["prices"] == ["1/2", "sqrt(3)/3"]


def test_separate_monopoly_prices_are_proved_optimal_and_a_near_miss_is_refuted():
    good = check_conjecture(loads(_file('guarantee = "1/2"\nvalue = "1/2"\noptimal = true',
                                        mechanism='[mechanism]\nseparate_prices = ["1/2", "1/2"]')))
    assert [c.status for c in good.claims] == ["proved"] * 3, [c.detail for c in good.claims]
    high = check_conjecture(loads(_file('value = "1/2 + 1/10**12"')))
    (c,) = high.claims
    assert c.status == "refuted" and "comonotone" in c.counterexample["law"]
    low = check_conjecture(loads(_file('value = "1/2 - 1/10**12"')))
    assert low.claims[0].status == "refuted" and low.claims[0].counterexample["prices"] == ["1/2", "1/2"]


def test_wrong_prices_are_not_optimal_and_their_guarantee_is_exact():
    """Prices (1/3, 1/2) earn 1/3 * 2/3 + 1/4 = 17/36 under every coupling (each term one marginal)."""
    rep = check_conjecture(loads(_file('guarantee = "17/36"\noptimal = true',
                                       mechanism='[mechanism]\nseparate_prices = ["1/3", "1/2"]')))
    g, o = rep.claims
    assert g.status == "proved" and o.status == "refuted"
    too_high = check_conjecture(loads(_file('guarantee = "17/36 + 1/10**12"',
                                            mechanism='[mechanism]\nseparate_prices = ["1/3", "1/2"]')))
    assert too_high.claims[0].status == "refuted" and too_high.claims[0].counterexample["marginals"]


def test_box_revenue_and_bundle():
    text = '''
name = "box"
[model]
goods = 2
values = [["1/4", "1"], ["1/2", "2"]]
moments = []
[mechanism]
bundle_price = "1"
[claim]
guarantee = "0"
value = "3/4"
'''
    rep = check_conjecture(loads(text))
    assert [c.status for c in rep.claims] == ["proved", "proved"]     # 1 > 1/4 + 1/2: the bottom corner never buys
    rep2 = check_conjecture(loads(text.replace('value = "3/4"', 'value = "4/5"')))
    assert rep2.claims[1].status == "refuted" and rep2.claims[1].counterexample["law"] == "Dirac at ['1/4', '1/2']"


def test_box_minimax_regret_matches_the_spec_formula():
    res = runner.invoke(app, ["solve", str(ROOT / "conjectures" / "ask" / "two_goods_regret.toml"), "--json"])
    data = json.loads(res.stdout)
    jsonschema.validate(data, SCHEMA)
    (ans,) = data["answers"]
    assert res.exit_code == 0 and ans["status"] == "proved"
    assert data["extra"]["model"] == {**data["extra"]["model"], "objective": "regret", "set": "box", "goods": 2}
    # spec 003 part B, Thm. 2.3.1: z* = 1'(v_bar - c)/e = ((1 - 0) + (2 - 1/2))/e
    assert sp.simplify(sp.sympify(ans["answer"]) - sp.Rational(5, 2) / sp.E) == 0


def test_box_regret_near_miss_is_refuted():
    text = '''
name = "regret"
[model]
goods = 2
values = [["0", "1"], ["0", "1"]]
moments = []
objective = "regret"
[claim]
value = "2/e - 1/10**12"
'''
    rep = check_conjecture(loads(text))
    assert rep.claims[0].status == "refuted" and "segment" in rep.claims[0].counterexample["law"]


@pytest.mark.parametrize("old,new,message", [
    ("goods = 2", "goods = 0", "[model].goods = 0: expected a positive integer"),
    ('marginal.1 = "uniform(0, 1)"', 'marginal.1 = "beta(2, 2)"', "call to 'beta' is not allowed"),
    ('marginal.1 = "uniform(0, 1)"', 'marginal.1 = {density = "2*theta - 1/2", on = ["0", "1"]}', "is negative at"),
    ('marginal.1 = "uniform(0, 1)"', 'marginal.1 = {density = "3*theta", on = ["0", "1"]}', "total mass 3/2, not 1"),
    ('marginal.1 = "uniform(0, 1)"', 'marginal.1 = "uniform(1, 0)"', "empty support"),
    ('marginal.1 = "uniform(0, 1)"', 'marginal.1 = {density = "max(1, theta)", on = ["0", "1"]}', "piecewise densities"),
    ('marginal.1 = "uniform(0, 1)"\n', "", "give marginal.1 ... marginal.2"),
    ('marginal.1 = "uniform(0, 1)"', 'marginal.1 = "uniform(0, 1)"\nmoments = [["theta", "==", "1/2"]]',
     "not used with known marginals"),
    ("goods = 2", "goods = 2\nobjective = \"ratio\"", "with several goods is not supported"),
    ('guarantee = "0"', 'regret = "0"', "[claim]: unknown key(s) 'regret'"),
])
def test_bad_files_are_refused_in_one_line(old, new, message, tmp_path):
    text = _file('guarantee = "0"', mechanism='[mechanism]\nseparate_prices = ["1/2", "1/2"]').replace(old, new)
    with pytest.raises(ConjectureError) as exc:
        loads(text)
    assert message in str(exc.value) and "\n" not in str(exc.value)
    f = tmp_path / "bad.toml"
    f.write_text(text)
    res = runner.invoke(app, ["check", str(f), "--json"])
    assert res.exit_code == 2 and message in json.loads(res.stdout)["error"]


def test_box_regret_needs_values_from_zero():
    with pytest.raises(ConjectureError, match=r"needs values \[0, v_bar\]"):
        loads('name = "x"\n[model]\ngoods = 2\nvalues = [["1", "2"], ["0", "1"]]\nmoments = []\n'
              'objective = "regret"\n[claim]\nvalue = "1"\n')
