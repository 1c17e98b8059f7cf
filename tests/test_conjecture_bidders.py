"""Several bidders in conjecture files (issue 31): the Markov set (any correlation) and the i.i.d. set, never
confused; worst cases and max-min values proved; wrong values refuted with a law that lies in the set.

Regression values: spec 003 part A, Sec. 7 (Markov set: the best second-price auction z*, the optimal lottery's
R, the cross-checks r = 1/5 -> 0.15 and r = 9/20 -> 9/110 for I = 2, mu = 1/2).  i.i.d. values: an independent
computation in this file -- the revenue of an explicit product law by brute-force enumeration of profiles, and
a numerical minimization over marginals on a grid (SciPy), which must never beat the claimed worst case.
"""
from __future__ import annotations

import itertools
import json
from fractions import Fraction
from pathlib import Path

import jsonschema
import numpy as np
import pytest
import sympy as sp
from typer.testing import CliRunner

from symmech.commands.cli import app
from symmech.conjecture import ConjectureError, check_conjecture, loads
from symmech.conjecture.auction_iid import iid_spa
from symmech.conjecture.auction_math import best_reserve, markov_spa
from symmech.models.auctions import hbl_parameters

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "docs" / "schema" / "result-1.json").read_text())
runner = CliRunner()
HALF = sp.Rational(1, 2)

FILE = '''
name = "x"
[model]
bidders = {I}
independent = {iid}
values = ["0", "1"]
moments = [["theta", "==", "{mu}"]]
[mechanism]
auction = "second_price"
reserve = "{r}"
[claim]
{claim}
'''


def _file(claim: str, I=2, iid="false", mu="1/2", r="0") -> str:
    return FILE.format(I=I, iid=iid, mu=mu, r=r, claim=claim)


def _spa_revenue(profile, r) -> sp.Expr:
    """Second-price revenue written out here (independent of the library): the top value buys if it is at least
    r and pays max(second value, r)."""
    v = sorted(profile, reverse=True)
    return sp.Integer(0) if v[0] < r else sp.Max(v[1], r)


# --- spec 003, Sec. 7: the closed forms the files answer ------------------------------------------
SPEC = {(2, "1/4"): ("0.0358983848622454129451073169883", "0.121788837033618958185792443878"),
        (2, "1/2"): ("0.171572875253809902396622551581", "0.317844432899372683832844737621"),
        (2, "3/4"): ("0.5", "0.595710949341042915045901537558"),
        (3, "1/2"): ("0.257359312880714853594933827371", "0.377414356892790429049286360368"),
        (5, "1/2"): ("0.375", "0.427337128893404788346192018042"),
        (5, "3/4"): ("0.6875", "0.700075181941350249772203520712")}


@pytest.mark.parametrize("I,mu", list(SPEC))
def test_markov_closed_forms_match_the_spec_table(I, mu):
    z, R = SPEC[(I, mu)]
    _, zs = best_reserve(I, sp.Rational(mu))
    assert abs(sp.N(zs, 40) - sp.Float(z, 40)) < 1e-25
    assert abs(sp.N(hbl_parameters(I, sp.Rational(mu)).r, 40) - sp.Float(R, 40)) < 1e-25


@pytest.mark.parametrize("r,value", [("1/5", sp.Rational(3, 20)), ("9/20", sp.Rational(9, 110)), ("0", 0),
                                     ("3/5", 0)])
def test_markov_spa_worst_case_matches_the_spec_cross_checks(r, value):
    an = markov_spa(2, HALF, sp.Rational(r), "==")
    assert an.exact and an.lower == value


def test_markov_near_miss_is_refuted_by_a_law_in_the_set():
    """3 - 2 sqrt(2) + 1e-12 for the best reserve: the law is rechecked here (weights, means, revenue)."""
    rep = check_conjecture(loads(_file('guarantee = "3 - 2*sqrt(2) + 1/10**12"', r="1 - 1/sqrt(2)")))
    (c,) = rep.claims
    assert c.status == "refuted" and rep.exit_code == 1
    ce = c.counterexample
    atoms = [(tuple(sp.Rational(x) for x in a["profile"]), sp.Rational(a["weight"])) for a in ce["atoms"]]
    assert sum(w for _, w in atoms) == 1 and all(w >= 0 for _, w in atoms)
    assert all(0 <= x <= 1 for v, _ in atoms for x in v)
    for i in range(2):
        assert sum(w * v[i] for v, w in atoms) == HALF            # means exactly 1/2: the law is in the set
    r = 1 - 1 / sp.sqrt(2)
    rev = sum(w * _spa_revenue(v, r) for v, w in atoms)
    claimed = 3 - 2 * sp.sqrt(2) + sp.Rational(1, 10**12)
    assert sp.N(claimed - rev, 50) > 0 and sp.N(rev - (3 - 2 * sp.sqrt(2)), 50) >= 0


def test_markov_too_low_value_is_refuted_with_the_better_reserve():
    """I = 2, mu = 3/4 (the M_2/M_3 boundary of the spec's table): r* = 1/2, z* = 1/2."""
    rep = check_conjecture(loads(_file('value = "1/2 - 1/10**12"\noptimal_among = "second_price"', mu="3/4")))
    (c,) = rep.claims
    assert c.status == "refuted" and c.counterexample["kind"] == "better mechanism (closed form)"
    assert sp.sympify(c.counterexample["reserve"]) == HALF and sp.sympify(c.counterexample["guarantee"]) == HALF


def test_markov_wrong_optimal_reserve_is_refuted():
    rep = check_conjecture(loads(_file('optimal = true\noptimal_among = "second_price"', mu="3/4", r="3/5")))
    (c,) = rep.claims
    assert c.status == "refuted" and "better mechanism" in c.counterexample["kind"]


def test_markov_and_iid_are_never_confused():
    """The issue's example: Vickrey, two bidders, mean 1/2 -- 0 under any correlation, 1/4 for i.i.d. values; each
    set's answer claimed for the other set is refuted, and the record names the set."""
    markov = check_conjecture(loads(_file('guarantee = "0"')))
    iid = check_conjecture(loads(_file('guarantee = "1/4"', iid="true")))
    assert [c.status for c in markov.claims + iid.claims] == ["proved", "proved"]
    for rep, name in ((markov, "markov"), (iid, "iid")):
        data = rep.to_json()
        jsonschema.validate(data, SCHEMA)
        assert data["extra"]["model"]["set"] == name and data["extra"]["model"]["bidders"] == 2
    wrong_markov = check_conjecture(loads(_file('guarantee = "1/4"')))
    assert wrong_markov.claims[0].status == "refuted"
    assert wrong_markov.claims[0].counterexample["kind"].startswith("law in the Markov set")
    wrong_iid = check_conjecture(loads(_file('guarantee = "0"', iid="true")))
    assert wrong_iid.claims[0].status == "refuted"
    assert "1/4" in wrong_iid.claims[0].detail


@pytest.mark.slow      # two full ask-mode runs on the bundled files (about 10 s of proofs on an idle machine)
def test_ask_mode_never_confuses_the_sets():
    out = {}
    for name in ("markov", "iid"):
        res = runner.invoke(app, ["solve", str(ROOT / "conjectures" / "ask" / f"two_bidders_{name}.toml"), "--json"])
        data = json.loads(res.stdout)
        jsonschema.validate(data, SCHEMA)
        assert res.exit_code == data["exit_code"] == 0, res.output
        ans = data["answers"][0]
        assert ans["topic"].startswith("worst case of the mechanism") and ans["status"] == "proved"
        assert ans["data"]["set"] == data["extra"]["model"]["set"] == name
        out[name] = ans["answer"]
    assert out == {"markov": "0", "iid": "1/4"}


# --- i.i.d. values: an independent computation ---------------------------------------------------
def _product_revenue(I: int, marginal: dict, r) -> sp.Expr:
    """E[revenue] of I i.i.d. values with a finite marginal, by enumerating every profile (independent of the
    order-statistics formula the library uses)."""
    total = sp.Integer(0)
    for prof in itertools.product(list(marginal), repeat=I):
        w = sp.Integer(1)
        for v in prof:
            w *= marginal[v]
        total += w * _spa_revenue(prof, r)
    return sp.nsimplify(total)


def _grid_minimum(I: int, mu: float, r: float, n: int = 12, starts: int = 6) -> float:
    """min over marginals on {0, 1/n, ..., 1} with mean mu of E[second-price revenue] (SciPy SLSQP, several
    starts): an upper estimate of the infimum that the claimed worst case must not exceed by much, and a value
    no law may beat."""
    from scipy.optimize import minimize

    xs = np.arange(n + 1) / n

    def revenue(p):
        p = np.clip(p, 0, None)
        F = np.cumsum(p)
        Fm = F - p
        out = r * (1 - (Fm[xs >= r][0] if (xs >= r).any() else 1.0) ** I)
        for k, x in enumerate(xs):
            if x <= r:
                continue
            le = F[k] ** I + I * F[k] ** (I - 1) * (1 - F[k])
            lt = Fm[k] ** I + I * Fm[k] ** (I - 1) * (1 - Fm[k])
            out += (x - r) * (le - lt)
        return out

    cons = [{"type": "eq", "fun": lambda p: p.sum() - 1}, {"type": "eq", "fun": lambda p: p @ xs - mu}]
    rng = np.random.default_rng(0)
    best = np.inf
    for _ in range(starts):
        p0 = rng.random(n + 1)
        p0 /= p0.sum()
        res = minimize(revenue, p0, constraints=cons, bounds=[(0, 1)] * (n + 1), method="SLSQP",
                       options={"maxiter": 400, "ftol": 1e-12})
        if res.success and abs(res.x @ xs - mu) < 1e-8:
            best = min(best, revenue(res.x))
    return best


@pytest.mark.parametrize("I,r,value", [(2, "0", sp.Rational(1, 4)), (2, "1/6", None), (3, "0", sp.Rational(7, 16))])
def test_iid_worst_case_against_an_independent_computation(I, r, value):
    an = iid_spa(I, HALF, sp.Rational(r))
    assert an.exact
    if value is not None:
        assert an.lower == value
    if I == 2:          # the closed form m'^2 (1 - r) + r (1 - (1 - m')^2), m' = (mu - r)/(1 - r), by hand
        rr = sp.Rational(r)
        m = (HALF - rr) / (1 - rr)
        assert an.lower == sp.nsimplify(rr * (1 - (1 - m) ** 2) + (1 - rr) * m**2)
    law, _ = an.law_below(an.lower + sp.Rational(1, 10**9))
    rev = _product_revenue(I, law, sp.Rational(r))          # the law nature uses, by brute-force enumeration
    assert an.lower <= rev < an.lower + sp.Rational(1, 10**9)
    low = _grid_minimum(I, 0.5, float(sp.Rational(r)))
    assert low >= float(an.lower) - 1e-9                    # no grid law beats the claimed worst case
    if sp.Rational(r) == 0:
        assert low <= float(an.lower) + 1e-6                # and the grid (which holds the worst law) attains it


def test_iid_near_miss_counterexample_is_an_iid_law_with_mean_mu():
    rep = check_conjecture(loads(_file('guarantee = "15/64 + 1/10**12"', iid="true", r="1/5")))
    (c,) = rep.claims
    assert c.status == "refuted"
    marg = {sp.Rational(a["value"]): sp.Rational(a["weight"]) for a in c.counterexample["marginal"]}
    assert sum(marg.values()) == 1 and sum(v * w for v, w in marg.items()) == HALF
    rev = _product_revenue(2, marg, sp.Rational(1, 5))
    assert sp.Rational(15, 64) <= rev < sp.Rational(15, 64) + sp.Rational(1, 10**12)


def test_iid_best_second_price_auction_is_vickrey_for_two_bidders():
    rep = check_conjecture(loads(_file('value = "1/4"\noptimal = true\noptimal_among = "second_price"',
                                       iid="true")))
    assert [c.status for c in rep.claims] == ["proved", "proved"], [c.detail for c in rep.claims]


def test_iid_bracket_is_undecided_never_rounded_up():
    """Three i.i.d. bidders, mean 1/2, reserve 1/10: only proved bounds (no closed form here)."""
    rep = check_conjecture(loads(_file('guarantee = "7/16"', I=3, iid="true", r="1/10")))
    (c,) = rep.claims
    assert c.status == "undecided" and "bracket" in c.detail


def test_all_mechanisms_is_an_honest_bracket():
    """Over all mechanisms the Markov max-min is open (spec C2): the bracket [r, mu] is not exact, and a claim
    above mu is refuted by the Dirac law at mu e."""
    from symmech.conjecture.auction_files import class_analysis

    every = class_analysis(loads(_file('value = "0.4"')), "all", {})
    assert not every.exact and every.upper == HALF and every.why
    assert abs(sp.N(every.lower, 30) - sp.Float(SPEC[(2, "1/2")][1], 30)) < 1e-25      # the lottery's r
    above = check_conjecture(loads(_file('value = "0.6"')))
    assert above.claims[0].status == "refuted" and above.claims[0].counterexample["law"] == "Dirac at mu e"


# --- bad files: one line, exit 2 -------------------------------------------------------------------
@pytest.mark.parametrize("old,new,message", [
    ("bidders = 2", "bidders = 0", "[model].bidders = 0: expected a positive integer"),
    ("bidders = 2", "bidders = 1", "[model].independent: only meaningful with bidders >= 2"),
    ("independent = false\n", "", "[model].independent: several bidders (bidders = 2) need the dependence stated"),
    ('"==", "1/2"', '"==", "1"', "the mean must lie strictly between 0 and 1"),
    ('["theta", "==", "1/2"]', '["theta**2", "==", "1/2"]', "each bidder's mean (g = theta)"),
    ('auction = "second_price"', 'auction = "first_price"', "[mechanism].auction: unknown or missing auction"),
    ('reserve = "0"', 'reserve = "3/2"', "a reserve must lie in [0, 1]"),
    ('values = ["0", "1"]', 'values = ["0", "2"]', "support values in [0, 1] only"),
    ('auction = "second_price"', 'posted_price = "1/2"', "unknown key(s) 'posted_price' with several bidders"),
    ('guarantee = "0"', 'value = "0"\noptimal_among = "lotteries"', "[claim].optimal_among: unknown class"),
    ('guarantee = "0"', 'regret = "0"', "[claim]: unknown key(s) 'regret'"),
    ("independent = false", "independent = false\ngoods = 2", "bidders = 2 and goods = 2 at once"),
    ('reserve = "0"', 'reserve = "r0"', "unknown name 'r0'"),
])
def test_bad_files_are_refused_in_one_line(old, new, message, tmp_path):
    text = _file('guarantee = "0"').replace(old, new)
    with pytest.raises(ConjectureError) as exc:
        loads(text)
    assert message in str(exc.value) and "\n" not in str(exc.value)
    f = tmp_path / "bad.toml"
    f.write_text(text)
    for cmd in ("check", "solve"):
        res = runner.invoke(app, [cmd, str(f), "--json"])
        data = json.loads(res.stdout)
        assert res.exit_code == 2 and message in data["error"]
        jsonschema.validate(data, SCHEMA)


def test_a_toml_float_is_read_as_its_decimal_with_a_warning(tmp_path):
    f = tmp_path / "float.toml"
    f.write_text(_file('guarantee = "0"').replace('"==", "1/2"', '"==", 0.9'))
    res = runner.invoke(app, ["check", str(f), "--json"])
    data = json.loads(res.stdout)
    jsonschema.validate(data, SCHEMA)
    (w,) = data["extra"]["warnings"]
    assert "0.9 was read as the exact decimal 9/10" in w and '"9/10"' in w
    assert data["extra"]["model"]["mean"] == "9/10"
    exact = loads(_file('guarantee = "0"').replace('"==", "1/2"', '"==", 0.5'))
    assert exact.warnings == []                  # 0.5 is exact in binary: nothing to warn about
    assert Fraction(0.9) != Fraction(9, 10)      # why the warning exists


# --- every check can fail: perturb the certificate or the closed form --------------------------------
def test_a_perturbed_certificate_is_not_proved():
    """The dual certificate of Lemma 1.7.3 with lam raised by 1/100 fails at a vertex (exact rationals), and the
    optimal lottery's certificate with sigma* scaled by 101/100 fails too (irrational data, the core provers)."""
    from symmech.conjecture import auction_math as am
    from symmech.conjecture.regret_files import prove_parts

    cells = am._spa_cells(am.R_, 2)
    bad = am._cert("t", cells, -1 + sp.Rational(1, 100), 1, 2, HALF, 0, "==", {am.R_: sp.Rational(1, 5)})
    assert prove_parts("t", bad).status.value == "refuted"
    p = hbl_parameters(2, HALF)
    hcells = am.cone_cells(am.R_, 2, lambda a, b: am.S_ * b, lambda a, b: am.S_ * (b + a - am.R_),
                           lambda a, b: am.S_ * (b + a - am.R_))
    wrong = am._cert("h", hcells, -am.S_ * am.R_, am.S_ * sp.Rational(101, 100), 2, HALF, p.r, "==",
                     {am.S_: p.sigma, am.R_: p.r})
    assert prove_parts("h", wrong, digits=30).status.value in ("refuted", "undecided")


def test_a_wrong_best_reserve_formula_is_not_proved(monkeypatch):
    """Replace Thm. 1.5.2's value by z* + 1/100: the class claims (the square identity, the best reserve's
    certificate) fail, so the value claim is not proved (never rounded up)."""
    from symmech.conjecture import auction_math as am

    real = am.best_reserve
    monkeypatch.setattr(am, "best_reserve", lambda I, mu: (real(I, mu)[0], real(I, mu)[1] + sp.Rational(1, 100)))
    rep = check_conjecture(loads(_file('value = "1/2 + 1/100"\noptimal_among = "second_price"', mu="3/4")))
    assert rep.claims[0].status not in ("proved", "certified"), rep.claims[0].detail


def test_ask_mode_answers_the_class_asked_and_all_mechanisms_is_undecided():
    text = _file('optimal_among = "all"', iid="true").replace("[mechanism]", "[ignored]").split("[ignored]")[0] + \
        '[claim]\noptimal_among = "all"\n'
    from symmech.conjecture.ask import solve

    (ans,) = solve(loads(text, claims_required=False))
    assert ans.status == "undecided" and ans.topic == "max-min value (all mechanisms)"
    assert ans.data["set"] == "iid" and ans.details[0].startswith("undecided: ")
    assert sp.Rational(ans.data["upper"]) == HALF          # the Dirac law at mu e caps every mechanism


def test_an_analysis_with_no_claim_behind_it_is_never_proved():
    """A step of ask mode with neither claims nor analyses it rests on is undecided, not 'proved' by default."""
    from symmech.conjecture.auction_files import Prover
    from symmech.conjecture.auction_math import Analysis

    bare = Analysis("a bare statement", sp.Rational(1, 4), sp.Rational(1, 4))
    assert Prover(30).status(bare)[0] == "undecided"
    resting = Analysis("rests on the bare one", sp.Rational(1, 4), sp.Rational(1, 4), uses=[bare])
    assert Prover(30).status(resting)[0] == "undecided"
