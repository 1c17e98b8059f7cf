"""Vacuity by model mutation (symmech.harness.vacuity, ``symmech mutate NAME --vacuity``): the instrumentation of a
derivation's source, the perturbations of model values, the classification of claims, and the CLI.

The toy derivation below is written for these tests: each claim is built so that its expected outcome follows
from its mathematics (a tautology, a claim that a model constant falsifies, one that only the parameter range
falsifies, a definition marked model-free, a tautology whose sides are named values, a literal, ...)."""
from __future__ import annotations

import json
import textwrap
from fractions import Fraction as Fr

import pytest
import sympy as sp
from typer.testing import CliRunner

from symmech import Distribution, Identity, PiecewiseFunction, Scope
from symmech.commands.cli import app
from symmech.engine import registry
from symmech.harness import vacuity
from symmech.harness import vacuity_exec as vx
from symmech.harness import vacuity_perturb as vp

TOY = textwrap.dedent('''
    """A toy derivation for the vacuity harness."""
    import sympy as sp

    from symmech import AllOf, Derivation, Identity, Inequality, Scope

    a = sp.Symbol("a", positive=True)
    x = sp.Symbol("x", nonnegative=True)
    SCOPE = Scope({a: sp.Interval(1, 2)})
    PRICE = sp.Rational(1, 2)                 # a model constant (a posted price)
    Q = 1 - x / 2                             # an allocation
    T = sp.Max(Q, Q)                          # derived from Q
    W = PRICE * 0 + sp.Rational(1, 3)         # derived from PRICE; no perturbation of PRICE changes it
    LAW = {sp.Rational(1, 4): sp.Rational(1, 2), sp.Rational(3, 4): sp.Rational(1, 2)}


    def rev(p):
        """Revenue of the price p against the uniform law."""
        return p * (1 - p)


    CLAIMS = [
        Identity("tautology", lhs=sp.Max(PRICE * a, PRICE * a), rhs=PRICE * a),
        Identity("revenue_at_half", lhs=rev(PRICE), rhs=sp.Rational(1, 4)),
        Inequality("a_at_most_2", lhs=2, rel=">=", rhs=a),
        Identity("lemma", lhs=(a + 1) ** 2, rhs=a**2 + 2 * a + 1, model_free="an algebraic identity"),
        Identity("derived_side", lhs=T, rhs=Q, over=[(x, 0, 1)]),
        Identity("literal", lhs=sp.Rational(1, 2) + sp.Rational(1, 2), rhs=1),
        Identity("derived_only", lhs=W, rhs=sp.Rational(1, 3)),
        Identity("law_mean", lhs=sum(p * m for p, m in LAW.items()), rhs=sp.Rational(1, 2)),
        AllOf("both", parts=[Inequality("both.taut", lhs=PRICE * a, rel=">=", rhs=PRICE),
                             Identity("both.real", lhs=2 * PRICE, rhs=1)]),
        Identity("typo", lhs=rev(PRICE), rhs=sp.Rational(1, 3), expect="fails", corrected="revenue_at_half"),
    ]

    DERIVATION = Derivation("toy_vacuity", "a toy for the vacuity harness", SCOPE, CLAIMS)
''')

EXPECTED = {
    "tautology": "vacuous",            # Max(y, y) = y for any price and any a
    "revenue_at_half": "killed",       # p (1 - p) = 1/4 only at p = 1/2
    "a_at_most_2": "killed",           # only the range of a makes it true
    "lemma": "model_free",
    "derived_side": "vacuous",         # Max(Q, Q) = Q with the sides named: perturbing T is perturbing a side
    "literal": "unreached",
    "derived_only": "derived_only",
    "law_mean": "killed",              # the mean of the law: a mass moved changes it
    "both.taut": "vacuous",            # p a >= p for every p > 0 and a >= 1: a part is judged on its own (depth=1)
    "both.real": "killed",
    "typo": "expected_failure",
}


@pytest.fixture(scope="module")
def toy_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("vac") / "toy_vacuity.py"
    path.write_text(TOY)
    return path


@pytest.fixture(scope="module")
def toy_report(toy_file):
    return vacuity.run(registry.load_file(toy_file), digits=20, samples=3, certify_time=0.5, timeout=20, depth=1)


# ----------------------------------------------------------------------------------------------------
# classification
# ----------------------------------------------------------------------------------------------------
def test_every_claim_of_the_toy_gets_its_outcome(toy_report):
    got = {c.claim: c.outcome for c in toy_report.claims}
    assert got == EXPECTED, "\n".join(toy_report.lines(details=True))


def test_a_kill_names_the_perturbation_and_a_refutation(toy_report):
    by = {c.claim: c for c in toy_report.claims}
    kill = by["revenue_at_half"].killer
    assert kill is not None and kill.perturbation.startswith("PRICE (line") and kill.outcome == "refuted"
    assert "rechecked at the exact point" in kill.detail or "!=" in kill.detail
    assert by["a_at_most_2"].killer.perturbation.startswith("scope: a in Interval(1, 2) -> Interval(8/7, 15/7)")
    assert "mass" in by["law_mean"].killer.perturbation          # the law stays a law: a mass moved


def test_a_vacuous_claim_lists_the_perturbations_it_survived(toy_report):
    taut = next(c for c in toy_report.claims if c.claim == "tautology")
    assert taut.trials and all(t.outcome == "held" for t in taut.trials)
    assert {t.perturbation.split(":")[0] for t in taut.trials} >= {"PRICE (line 10)", "scope"}
    side = next(c for c in toy_report.claims if c.claim == "derived_side")
    assert "derived value T" in side.reason


def test_model_free_reason_is_shown_and_nothing_is_checked(toy_report):
    lemma = next(c for c in toy_report.claims if c.claim == "lemma")
    assert lemma.reason == "model-free: an algebraic identity" and lemma.trials == []
    assert any("model_free lemma: model-free: an algebraic identity" in line for line in toy_report.lines())


def test_json_lists_the_flagged_claims(toy_report):
    js = toy_report.to_json()
    assert sorted(js["vacuous"]) == sorted(f"toy_vacuity/{c}" for c, o in EXPECTED.items()
                                           if o in ("vacuous", "unreached", "undecided"))
    assert js["review"] == ["toy_vacuity/derived_only"]
    assert js["claims"] == len(EXPECTED) and js["seconds"] >= 0
    kill = next(r for r in js["results"] if r["claim"] == "revenue_at_half")
    assert kill["killed_by"].startswith("PRICE") and kill["refutation"]


# ----------------------------------------------------------------------------------------------------
# instrumentation
# ----------------------------------------------------------------------------------------------------
def test_a_reparametrization_does_not_make_what_reads_it_derived(tmp_path):
    """I = 1/T is a change of the parameter T: the law's weight w = (1 - mu)/(I - 1) read from it is still a
    source, so perturbing w kills "the mean of the law is mu" (perturbing I consistently never would)."""
    path = tmp_path / "reparam_vacuity.py"
    path.write_text(textwrap.dedent('''
        import sympy as sp
        from symmech import Derivation, Identity, Scope
        T = sp.Symbol("T", positive=True)
        mu = sp.Symbol("mu", positive=True)
        I = 1 / T
        w = (1 - mu) / (I - 1)
        DERIVATION = Derivation("reparam_vacuity", "a law's mean", Scope({T: sp.Interval(sp.Rational(1, 5), sp.Rational(1, 2)),
                                mu: sp.Interval.open(0, 1)}),
                                [Identity("mean", lhs=(1 - (I - 1) * w) * 1 + (I - 1) * w * 0, rhs=mu)])
    '''))
    rep = vacuity.run(registry.load_file(path), digits=20, samples=3, certify_time=0.5, timeout=20)
    mean = rep.claims[0]
    assert mean.outcome == "killed" and mean.killer.perturbation.startswith("w (line"), mean.reason
    assert all(t.outcome == "held" for t in mean.trials if t.perturbation.startswith("I (line"))
    assert rep.sites == 2                                   # I and w are both sources


def test_instrumentation_finds_assignments_defs_and_imports_from_the_package():
    src = textwrap.dedent('''
        from derivations._hh_common import two_types
        from symmech import Identity
        A = 1
        def f(v):
            loc = v + A
            return loc
        B, C = 2, 3
        for item in [A]:
            D = item
        class K:
            E = 4
    ''')
    inst = vx.instrument(src, "<toy>")
    kinds = {k[0]: s.kind for k, s in inst.sites.items()}
    assert kinds == {"two_types": "import", "A": "assign", "f": "def", "loc": "assign", "D": "assign"}
    assert inst.sites[("loc", 6)].refs == {"v", "A"}
    assert inst.sites[("f", 5)].refs == {"A"}              # its parameter and locals are not references
    assert inst.aux["item"] == {"A"} and inst.aux["B"] == set()
    assert inst.derived(("D", 10), {"A"}) and not inst.derived(("D", 10), set())   # through the loop target
    assert not inst.derived(("A", 4), {"A"})


def test_hook_is_neutral_records_and_perturbs():
    code = vx.instrument("X = 2\ndef g():\n    return X * 3\nY = g()\n", "<toy>").code
    src = vx.Source(file=__import__("pathlib").Path(__file__), module="toy_hook", package="", attribute="X")
    try:
        with vx.state():
            m = vx.execute(code, src)
        assert (m.X, m.Y) == (2, 6)
        seen: dict = {}
        with vx.state(mode="record", seen=seen, fired=set()):
            vx.execute(code, src)
        assert seen == {("X", 1): 2, ("g", 2): 6, ("Y", 4): 6}
        pert = vp.Perturbation(("X", 1), (), vp.Op("int"))
        with vx.state(mode="perturb", active=pert):
            m = vx.execute(code, src)
        assert (m.X, m.Y) == (3, 9)                        # the perturbed value propagates to what reads it
    finally:
        vx.forget(src)


# ----------------------------------------------------------------------------------------------------
# perturbations of values
# ----------------------------------------------------------------------------------------------------
def _apply_all(value, **kw):
    return {p.describe(): p.apply(value) for p in vp.perturbations(("v", 1), value, **kw)}


def test_numbers_expressions_and_symbols_get_their_operators():
    x = sp.Symbol("x")
    assert set(_apply_all(Fr(1, 2)).values()) == {Fr(9, 14), Fr(4, 7)}
    assert set(_apply_all(Fr(0)).values()) == {Fr(1, 7), Fr(-1, 7)}           # 0 is moved both ways
    assert set(_apply_all(1 - x).values()) == {sp.Rational(8, 7) - x, sp.Rational(8, 7) * (1 - x), x - 1,
                                               sp.Rational(6, 7) - x}           # x -> x + 1/7 inside
    assert _apply_all(x) == {}                                                 # a bound symbol is a variable
    assert set(_apply_all((x,)).values()) == {(x + sp.Rational(1, 7),), (sp.Rational(8, 7) * x,), (-x,)}
    assert set(_apply_all(3).values()) == {4} and _apply_all(True) == {}


def test_a_finite_law_stays_a_law():
    law = {Fr(1, 4): Fr(1, 2), Fr(3, 4): Fr(1, 2)}
    out = list(_apply_all(law).values())
    assert out and all(sum(d.values()) == 1 and min(d.values()) >= 0 for d in out)
    assert any(set(d) != set(law) for d in out)                                # an atom moved
    probs = (Fr(1, 3), Fr(2, 3))
    assert all(sum(v) == 1 for v in _apply_all(probs).values())
    assert not vp._probability_vector((0, 1))            # an order of bidders (ints) is not a law:
    assert set(_apply_all((0, 1)).values()) == {(1, 1), (0, 2)}     # its entries are moved one by one


def test_model_objects_are_walked_and_rebuilt():
    th = sp.Symbol("theta", nonnegative=True)
    F = Distribution(th, density=PiecewiseFunction(th, (0, sp.Rational(1, 2), 1), (1, 1)))
    perts = list(vp.perturbations(("F", 1), F))
    descs = [p.describe() for p in perts]
    assert any(".density.pieces[0]" in d for d in descs) and any("breakpoint [1]" in d for d in descs)
    moved = next(p for p in perts if "breakpoint [1]" in p.describe()).apply(F)
    assert moved.density.breaks == (0, sp.Rational(4, 7), 1) and F.density.breaks[1] == sp.Rational(1, 2)
    assert not any(".var" in d for d in descs)
    # claims, scopes and derivations are never walked into
    assert list(vp.perturbations(("c", 1), Identity("c", lhs=sp.Integer(1), rhs=1))) == []
    assert list(vp.perturbations(("s", 1), Scope())) == []


def test_a_rule_inside_a_model_object_has_its_results_perturbed():
    from symmech.models.auctions import RuleAuction

    auction = RuleAuction(2, lambda v: (1, 0), lambda v: (max(v), 0))
    perts = {p.describe(): p for p in vp.perturbations(("A", 1), auction)}
    scaled = perts["A (line 1)._pay: its results * 8/7 (set directly)"].apply(auction)   # an attribute: no constructor
    assert scaled.payments((1, 2)) == (sp.Rational(16, 7), 0) and auction.payments((1, 2)) == (2, 0)


def test_selection_covers_every_kind_of_part():
    rows = [("t", Fr(1, 2), {"a": Fr(1, 3)}, Fr(2)) for _ in range(10)]
    paths = {p.path for p in vp.perturbations(("o", 1), rows, max_paths=3)}
    assert len(paths) == 3                                 # of the 30 numbers, one of each kind:
    assert {path[-1] for path in paths} == {("item", 1), ("key", "a"), ("item", 3)}   # mass, lottery, payment


# ----------------------------------------------------------------------------------------------------
# scope shifts
# ----------------------------------------------------------------------------------------------------
def test_scope_shift_keeps_assumptions_and_samples():
    k = sp.Symbol("k", positive=True)
    n = sp.Symbol("n", integer=True, positive=True)
    scope = Scope({k: sp.Interval.open(0, 1), n: sp.Interval(2, 10)}, samples=({k: sp.Rational(1, 2), n: 3},))
    shifts = {str(sym): new for sym, _, new in vacuity.scope_shifts(scope)}
    assert shifts["k"].parameters[k] == sp.Interval.open(sp.Rational(1, 7), sp.Rational(8, 7))
    assert shifts["k"].samples[0][k] == sp.Rational(1, 2) + sp.Rational(1, 7)
    assert shifts["n"].parameters[n] == sp.Interval(4, 12)                   # an integer moves by an integer


# ----------------------------------------------------------------------------------------------------
# the command line
# ----------------------------------------------------------------------------------------------------
def test_cli_vacuity_json_and_exit_code(toy_file):
    res = CliRunner().invoke(app, ["mutate", str(toy_file), "--vacuity", "--json", "--digits", "20",
                                   "--samples", "3", "--certify-time", "0.5", "--timeout", "20"])
    assert res.exit_code == 1, res.output                  # the toy has vacuous claims
    record = json.loads(res.stdout)
    assert record["command"] == "mutate" and record["exit_code"] == 1 and record["ok"] is False
    js = record["extra"]["mutate"]
    assert {"vacuous", "claims", "seconds", "review", "derivations"} <= set(js)
    # whole claims by default: the conjunction "both" is one claim, killed through its second part
    assert "toy_vacuity/tautology" in js["vacuous"] and js["claims"] == len(EXPECTED) - 1
    both = next(r for r in js["derivations"][0]["results"] if r["claim"] == "both")
    assert both["outcome"] == "killed"
    assert js["derivations"][0]["derivation"] == "toy_vacuity"


def test_cli_vacuity_text_and_unknown_name(toy_file):
    res = CliRunner().invoke(app, ["mutate", str(toy_file), "--vacuity", "--digits", "20", "--samples", "3",
                                   "--certify-time", "0.5", "--timeout", "20"])
    assert res.exit_code == 1
    assert "vacuous?   tautology" in res.stdout and "model_free lemma: model-free: an algebraic identity" in res.stdout
    bad = CliRunner().invoke(app, ["mutate", "no_such_derivation", "--vacuity"])
    assert bad.exit_code == 2


def test_a_derivation_without_vacuous_claims_exits_0(tmp_path):
    path = tmp_path / "clean_vacuity.py"
    path.write_text(textwrap.dedent('''
        import sympy as sp
        from symmech import Derivation, Identity, Scope
        PRICE = sp.Rational(1, 2)
        DERIVATION = Derivation("clean_vacuity", "one claim a model constant falsifies", Scope(),
                                [Identity("revenue", lhs=PRICE * (1 - PRICE), rhs=sp.Rational(1, 4)),
                                 Identity("def", lhs=sp.Integer(2), rhs=2, model_free="a definition")])
    '''))
    res = CliRunner().invoke(app, ["mutate", str(path), "--vacuity", "--json", "--digits", "20", "--samples", "3"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["extra"]["mutate"]["vacuous"] == []


def test_a_derivation_defined_in_no_module_file_is_reported_not_run():
    from symmech import Derivation

    made_here = Derivation("made_here", "built inside a function", Scope(), [Identity("one", lhs=sp.Integer(1), rhs=1)])
    rep = vacuity.run(made_here)
    assert rep.failed.startswith("LookupError") and rep.claims == []
    assert "could not run" in rep.summary()


# ----------------------------------------------------------------------------------------------------
# bundled derivations (slow)
# ----------------------------------------------------------------------------------------------------
@pytest.mark.slow   # minutes per derivation: every source model value of every bundled derivation is perturbed
@pytest.mark.parametrize("name", registry.names())
def test_vacuity_runs_on_every_bundled_derivation(name):
    rep = vacuity.run(registry.load(name), digits=20, samples=3, certify_time=1.0, timeout=30, max_runs=60)
    js = rep.to_json()
    assert js["claims"] == len(rep.claims) > 0
    # every claim expected to hold is classified, and a kill is always backed by a refutation
    assert all(c.outcome in vacuity.OUTCOMES for c in rep.claims)
    assert all(c.killer is not None and c.killer.outcome == "refuted" for c in rep.of("killed"))
