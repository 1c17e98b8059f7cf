"""Conjectures, second generation (issue 14): ask mode, whole ranges, implicit definitions, exact optimality,
support-only sets, posted prices, refusals.

Independent values: E[theta^2] = 3/4 on [0, 1] has max-min value 1/2 (Carrasco et al., Sec. 3.4 with
kappa = theta^2: kt = 1 - sqrt(1 - k)); the posted price 1/4 with mean 1/2 and E[theta^2] = 3/10 guarantees 5/36
(worked by hand in conjectures/two_moments_posted_price.toml); support-only sets have value = bottom of the support.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from symmech.commands.cli import app
from symmech.conjecture import ConjectureError, check_conjecture, loads

ROOT = Path(__file__).resolve().parents[2] / "conjectures"
runner = CliRunner()

BASE = '''
name = "base"
[model]
moments = [["theta", "==", "1/2"]]
[mechanism]
posted_price = "1/4"
[claim]
guarantee = "1/12"
'''


@pytest.mark.parametrize("old,new,message", [
    ('moments = [["theta", "==", "1/2"]]', 'moments = [["theta", "==", "1/2"]]\nobjective = "regret"',
     "is supported for support-only sets only"),
    ('moments = [["theta", "==", "1/2"]]', 'moments = [["theta", "==", "1/2"]]\nobjective = "ratio"',
     "[model].objective = 'ratio' is supported for support-only sets"),
    ('moments = [["theta", "==", "1/2"]]', 'moments = []\nobjective = "regret"\ncost = "2"',
     "[model].cost: need 0 <= cost < v_bar"),
    ('moments = [["theta", "==", "1/2"]]', 'moments = []\nobjective = "regret"',
     "[claim].guarantee: not a claim of the 'regret' objective"),
    ('guarantee = "1/12"', 'regret = "1/12"', "[claim].regret: not a claim of the 'revenue' objective"),
    ('moments = [["theta", "==", "1/2"]]', 'moments = [["theta", "==", "1/2"]]\nobjective = "profit"',
     "[model].objective: unknown objective"),
    ('moments = [["theta", "==", "1/2"]]', 'moments = [["theta", "==", "1/2"]]\ngoods = 2',
     "[model]: several goods (goods = 2) need known marginals"),
    ('moments = [["theta", "==", "1/2"]]', 'moments = [["theta", "==", "1/2"]]\nbidders = 3',
     "[model].independent: several bidders (bidders = 3) need the dependence stated"),
    ('[model]', '[model]\nvalues = [["0", "1"], ["0", "1"]]', "[model].values: a list of ranges"),
    ('guarantee = "1/12"', 'optimal = true\noptimal_among = "lotteries"', "[claim].optimal_among: unknown class"),
    ('posted_price = "1/4"', 'price_atoms = [["1/4", "1"]]', None),
    ('moments = [["theta", "==", "1/2"]]', '', "[model].moments: give the moment conditions"),
])
def test_refusals_name_key_and_reason(old, new, message):
    text = BASE.replace(old, new)
    if message is None:       # a lottery with one atom is fine; optimal_among posted prices needs a posted price
        text = text.replace('guarantee = "1/12"', 'optimal = true\noptimal_among = "posted_prices"')
        message = "needs [mechanism].posted_price"
    with pytest.raises(ConjectureError) as exc:
        loads(text)
    assert message in str(exc.value)


IMPLICIT = '''
name = "implicit"
[parameters]
k = "1/2"
[definitions]
kt = {equation = "kt*(1 - log(kt)) - k", bracket = ["0", "k"], closed_form = "-k/LambertW(-k/E, -1)"}
[model]
moments = [["theta", "==", "k"]]
[mechanism]
allocation = "max(0, 1 - log(theta)/log(kt))"
[claim]
guarantee_at_least = "kt/2"
'''


@pytest.mark.parametrize("old,new,message", [
    ('bracket = ["0", "k"]', 'bracket = ["k", "1"]', "no sign change on the bracket"),
    ('closed_form = "-k/LambertW(-k/E, -1)"', 'closed_form = "-k/LambertW(-k/E)"', "is not the root"),
    (', bracket = ["0", "k"]', '', "needs 'equation' and 'bracket'"),
    ('equation = "kt*(1 - log(kt)) - k"', 'equation = "k - 1"', "must contain kt"),
])
def test_implicit_definition_errors(old, new, message):
    with pytest.raises(ConjectureError) as exc:
        loads(IMPLICIT.replace(old, new))
    assert "[definitions].kt" in str(exc.value) and message in str(exc.value)


def test_decimal_is_the_exact_rational():
    """0.25 (a string or a TOML float) is exactly 1/4: the guarantee 1/12 is proved, 1/12 + 1e-9 refuted."""
    for price in ('"0.25"', "0.25"):
        rep = check_conjecture(loads(BASE.replace('posted_price = "1/4"', f"posted_price = {price}")), digits=30)
        assert rep.claims[0].status == "proved"
    rep = check_conjecture(loads(BASE.replace('"1/12"', '"0.0833333334"')), digits=30)
    assert rep.claims[0].status == "refuted"


RANGE_BUMP = '''
name = "holds at every check point, false in between"
[parameters]
k = {range = ["3/10", "9/10"]}
[model]
moments = [["theta", "==", "k"]]
[mechanism]
posted_price = "1/4"
[claim]
guarantee_at_least = "(k - 1/4)/3 + max(0, (k - 2/5)*(9/20 - k))"
'''


def test_whole_range_proof_and_its_negative():
    """posted price 1/4 with mean k: (k - 1/4)/3 proved for every k in [3/10, 9/10]; a claim that exceeds it only
    on (2/5, 9/20) -- between the check points -- is not proved for the range."""
    rep = check_conjecture(loads((ROOT / "posted_price_mean_range.toml").read_text()), digits=30)
    c = rep.claims[0]
    assert c.status == "proved" and "every parameter value" in c.detail
    rep = check_conjecture(loads(RANGE_BUMP), digits=30)
    c = rep.claims[0]
    assert c.status not in ("proved", "certified"), c.detail
    assert "not shown" in c.detail


def test_support_only_value_and_near_miss():
    text = (ROOT / "support_only_bottom_price.toml").read_text()
    rep = check_conjecture(loads(text), digits=30)
    assert {c.id: c.status for c in rep.claims} == {"guarantee": "proved", "value": "proved", "optimal": "proved"}
    rep = check_conjecture(loads(text.replace('value = "1/4"', 'value = "1/4 + 1/10**9"')), digits=30)
    v = {c.id: c for c in rep.claims}["value"]
    assert v.status == "refuted" and "too high" in v.detail


def test_exact_value_refutation_is_readable():
    """value 1/2 - 1e-9 for E[theta^2] = 3/4: the optimal mechanism (uniform price on [1/2, 1]) guarantees 1/2."""
    text = (ROOT / "second_moment_three_quarters.toml").read_text().replace('value = "1/2"', 'value = "1/2 - 1/10**9"')
    rep = check_conjecture(loads(text), digits=30)
    v = {c.id: c for c in rep.claims}["value"]
    assert v.status == "refuted"
    assert v.counterexample["kind"] == "better mechanism (closed form)" and v.counterexample["guarantee"] == "1/2"


def _solve(name):
    res = runner.invoke(app, ["solve", str(ROOT / "ask" / f"{name}.toml"), "--json", "--digits", "30"])
    data = json.loads(res.stdout)
    return res.exit_code, {a["topic"]: a for a in data["answers"]}


def test_solve_closed_form():
    code, ans = _solve("second_moment")
    assert code == 0
    assert ans["worst case of the mechanism"]["answer"] == "1/2"
    assert ans["worst case of the mechanism"]["status"] == "proved"
    mm = ans["max-min value (all mechanisms)"]
    assert mm["answer"] == "1/2" and mm["status"] == "proved"
    assert any("equal-revenue" in d for d in mm["details"])


def test_solve_without_closed_form_gives_a_certified_bracket():
    code, ans = _solve("two_moments")
    assert code == 0                                  # both ends proved by exact certificates (weak duality)
    assert ans["worst case of the mechanism"]["answer"] == "5/36"
    assert ans["worst case of the mechanism"]["status"] == "proved"
    mm = ans["max-min value (all mechanisms)"]
    # certified: the continuum recheck of the two certificates runs in their tactic (rule semi-infinite-duality)
    assert mm["status"] == "certified" and "no closed form" in mm["details"][0]
    assert mm["answer"].startswith("in [0.21690") and mm["data"]["width"] <= 1.1e-6


def test_solve_refuses_bad_file(tmp_path):
    f = tmp_path / "bad.toml"
    f.write_text('name = "x"\n[model]\nmoments = [["theta", "==", "1/2"]]\ngoods = 2\n')
    res = runner.invoke(app, ["solve", str(f), "--json"])
    assert res.exit_code == 2 and "several goods" in json.loads(res.stdout)["error"]


@pytest.mark.slow
def test_solve_mean_range_formula():
    code, ans = _solve("mean_range")
    mm = ans["max-min value (all mechanisms)"]
    assert mm["answer"] == "kt" and mm["status"] in ("proved", "certified")


def test_latex_writeup(tmp_path):
    """--latex writes the verdicts, the counterexample of a refutation, and every whole-range step."""
    out = tmp_path / "nm.tex"
    res = runner.invoke(app, ["check", str(ROOT / "false_posted_price_near_miss.toml"), "--latex", str(out)])
    assert res.exit_code == 1 and out.exists()
    tex = out.read_text()
    assert r"\section{Conjecture and verdicts}" in tex and "refuted" in tex and "Counterexample" in tex
    assert r"\begin{document}" in tex and tex.rstrip().endswith(r"\end{document}")
    out = tmp_path / "range.tex"
    res = runner.invoke(app, ["check", str(ROOT / "posted_price_mean_range.toml"), "--latex", str(out)])
    assert res.exit_code == 0
    tex = out.read_text()
    assert "guarantee.dual" in tex.replace(r".\allowbreak{}", ".") and r"\subsection{Step" in tex
    assert r"k \in [\frac{3}{10}, \frac{9}{10}]" in tex


def test_latex_pdf_without_pdflatex_is_a_clear_error(tmp_path, monkeypatch):
    import shutil

    if shutil.which("pdflatex") is not None:
        pytest.skip("pdflatex is installed")
    res = runner.invoke(app, ["check", str(ROOT / "posted_price_quarter.toml"), "--latex", str(tmp_path / "q.tex"),
                              "--pdf"])
    assert res.exit_code == 5 and "pdflatex not found" in res.output   # the output could not be produced


def test_memory_cap_is_a_clear_error():
    """--memory-mb caps the address space (run in a subprocess: the cap is process-wide)."""
    import subprocess
    import sys

    res = subprocess.run([sys.executable, "-m", "symmech.commands.cli", "check", str(ROOT / "posted_price_quarter.toml"),
                          "--memory-mb", "200"], capture_output=True, text=True, timeout=120)
    assert res.returncode == 2 and "memory cap of 200 MiB" in res.stderr


def test_solve_range_without_formula_gives_table_and_plot(tmp_path):
    """Two moments over a range of the second moment: no closed form, so a table (ends included) and a plot;
    the bracket narrows the value as the variance grows (a lower bound never above its upper bound)."""
    png = tmp_path / "two.png"
    res = runner.invoke(app, ["solve", str(ROOT / "ask" / "two_moments_range.toml"), "--json", "--digits", "30",
                              "--plot", str(png)])
    data = json.loads(res.stdout)
    (mm,) = data["answers"]
    rows = mm["data"]["table"]
    assert rows[0]["point"] == {"s": "27/100"} and rows[-1]["point"] == {"s": "1/3"}
    assert all(float(r["lower"]) <= float(r["upper"]) for r in rows)
    assert png.exists() and png.stat().st_size > 1000


def test_memory_exhaustion_in_disguise_is_reported_as_the_cap(monkeypatch):
    """Out of memory does not always raise MemoryError (a parser or compile() under the cap reports a
    SyntaxError): an error raised when the address space peaked near the cap is the cap's; far from it, a
    real error is not hidden."""
    import symmech.conjecture as conjecture
    from symmech.conjecture import limits

    def disguised(*args, **kwargs):
        raise SyntaxError("expected ':'")

    monkeypatch.setattr(limits, "limit_memory", lambda mb: "not in the test process")
    monkeypatch.setattr(conjecture, "check_file", disguised)
    monkeypatch.setattr(limits, "_peak_mib", lambda: 190.0)
    res = runner.invoke(app, ["check", str(ROOT / "posted_price_quarter.toml"), "--memory-mb", "200"])
    assert res.exit_code == 2 and "memory cap of 200 MiB was reached" in res.stderr
    assert "SyntaxError: expected ':'" in res.stderr
    monkeypatch.setattr(limits, "_peak_mib", lambda: 500.0)
    res = runner.invoke(app, ["check", str(ROOT / "posted_price_quarter.toml"), "--memory-mb", "6144"])
    assert res.exit_code == 1 and isinstance(res.exception, SyntaxError)
