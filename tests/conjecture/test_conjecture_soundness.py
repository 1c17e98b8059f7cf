"""Regression tests for issue 12 items 6, 7, 9 in the conjecture path, and for Rich markup escaping.

Expected values are independent: the hang case is Carrasco et al. (known mean 1/2, value kt) with the
claim raised by 1e-15; the tight case is the support-only bound (a posted price at the bottom of the
support sells to every type); the top-of-support mean forces the point mass at 1.
"""
from __future__ import annotations

import io
import time
from fractions import Fraction
from pathlib import Path

import pytest
import sympy as sp

from symmech.conjecture import check_conjecture, loads

ROOT = Path(__file__).resolve().parents[2] / "conjectures"


def _claims(text: str, **kw):
    rep = check_conjecture(loads(text), digits=30, **kw)
    return rep, {c.id: c for c in rep.claims}


def test_no_hang_on_kt_plus_tiny(tmp_path):
    """Item 6: guarantee = kt + 1e-15 used to hang in simplify; now refuted quickly with an exact law."""
    text = (ROOT / "mean_half_optimal.toml").read_text().replace('guarantee = "kt"', 'guarantee = "kt + 1/10**15"')
    text = text.replace('value = "kt"\n', "").replace("optimal = true\n", "")
    t0 = time.perf_counter()
    rep, c = _claims(text, prove=False)
    assert time.perf_counter() - t0 < 120
    assert c["guarantee"].status == "refuted"
    law = c["guarantee"].counterexample
    # the weights are exact (rationals, or expressions in the file's constant kt): total mass exactly 1 and
    # mean exactly 1/2, checked with kt's closed form -k/W_{-1}(-k/e) at k = 1/2
    kt = -sp.Rational(1, 2) / sp.LambertW(-sp.Rational(1, 2) / sp.E, -1)
    w = [sp.sympify(a["weight"]).subs(sp.Symbol("kt"), kt) for a in law["atoms"]]
    x = [sp.sympify(a["point"]).subs(sp.Symbol("kt"), kt) for a in law["atoms"]]
    assert sp.simplify(sum(w) - 1) == 0
    assert abs(sp.N(sum(wi * xi for wi, xi in zip(w, x)) - sp.Rational(1, 2), 50)) < 1e-45
    # the law's mean is exactly 1/2 and it earns less than the claim (decimals to 40 digits)
    assert float(law["revenue_decimal"]) < 0.18668230885083704212 + 1e-15
    # the unperturbed claim holds
    rep, c = _claims(text.replace('"kt + 1/10**15"', '"kt"'), prove=False)
    assert c["guarantee"].status in ("proved", "certified", "confirmed")


def test_claim_budget_gives_undecided(monkeypatch):
    """Item 6: a claim that runs past its budget is undecided with the reason, never a hang."""
    import symmech.conjecture.evaluate as ev

    def slow(*a, **k):
        time.sleep(30)

    monkeypatch.setattr(ev, "worst_case", slow)
    monkeypatch.setattr(ev, "CLAIM_SECONDS", 1.0)
    t0 = time.perf_counter()
    _, c = _claims((ROOT / "posted_price_quarter.toml").read_text())
    assert time.perf_counter() - t0 < 10
    assert c["guarantee"].status == "undecided" and "time budget" in c["guarantee"].detail


TIGHT = '''
name = "posted price at the bottom of the support"
[model]
values = ["3/10", "1"]
moments = [["theta", "==", "1/2"]]
[mechanism]
posted_price = "3/10"
[claim]
value = "3/10"
optimal = true
'''


def test_tight_value_and_optimal_not_refuted():
    """Item 7: value 3/10 with price 3/10 on [3/10, 1] is true and tight; it was refuted at double precision."""
    _, c = _claims(TIGHT, prove=False)
    assert c["value"].status in ("proved", "certified", "confirmed"), c["value"].detail
    assert c["optimal"].status in ("proved", "certified", "confirmed"), c["optimal"].detail
    # a value just above the truth is still refuted (nature caps every mechanism at 3/10)
    _, c = _claims(TIGHT.replace('value = "3/10"', 'value = "3/10 + 1/10**12"'), prove=False)
    assert c["value"].status == "refuted"


@pytest.mark.slow
def test_tight_value_and_optimal_proved():
    """The saddle point (price 3/10, nature mixing 3/10 with the equal-revenue law) proves both exactly."""
    _, c = _claims(TIGHT)
    assert c["value"].status == "proved" and c["optimal"].status == "proved"


TOP = '''
name = "mean at the top of the support"
[model]
moments = [["theta", "==", "1"]]
[mechanism]
price_atoms = [["1/2", "1"]]
[claim]
guarantee = "1/2"
'''


def test_mean_at_top_of_support_proved():
    """Item 7: the only law is the point mass at 1, so the price 1/2 earns exactly 1/2."""
    _, c = _claims(TOP)
    assert c["guarantee"].status == "proved", c["guarantee"].detail
    _, c = _claims(TOP.replace('guarantee = "1/2"', 'guarantee = "1/2 + 1/10**20"'))
    assert c["guarantee"].status == "refuted"


END_ONLY = '''
name = "false only at the closed end k = 9/10"
[parameters]
k = {range = ["3/10", "9/10"]}
[model]
moments = [["theta", "==", "k"]]
[mechanism]
posted_price = "1/4"
[claim]
guarantee_at_least = "(k - 1/4)/3 + max(0, k - 89/100)"
'''


def test_closed_end_always_checked():
    """Item 9: a violation only at the closed end of a range is found without --sweep."""
    rep, c = _claims(END_ONLY)
    assert c["guarantee_at_least"].status == "refuted"
    assert c["guarantee_at_least"].counterexample["parameters"] == {"k": "9/10"}
    assert rep.exit_code == 1


def test_rich_markup_is_escaped():
    from rich.console import Console

    text = (ROOT / "posted_price_quarter.toml").read_text().replace(
        'name = "posted price 1/4 when the mean is 1/2 guarantees 1/12"',
        'name = "price on [kt, 1] with [model] text [red]"')
    rep = check_conjecture(loads(text), digits=30)
    buf = io.StringIO()
    rep.print(Console(file=buf, width=200))
    out = buf.getvalue()
    assert "[kt, 1]" in out and "[model]" in out and "[red]" in out
