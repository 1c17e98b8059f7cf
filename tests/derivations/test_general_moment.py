"""general_moment end to end and spec R6/R7 regression numbers."""
import pytest
import sympy as sp

from derivations import general_moment as gm


@pytest.fixture(scope="module")
def report():
    return gm.DERIVATION.verify(digits=20, samples=3)


@pytest.mark.slow  # full verify takes 1-3 min; run with -m slow
def test_every_verdict_agrees(report):
    assert report.ok, str(report)


def _root(name, k, dps=30):
    f = gm.FAMILIES[name]
    vals = {f["k"]: sp.nsimplify(k)}
    if name == "power":
        vals[gm.m] = 1                                 # n = 3
    return f, vals, f["root"].evaluate(vals, dps)


@pytest.mark.parametrize("name,k,kt,at", [
    ("square", 0.25, "0.133974596215561353236276829247", "0.577350269189625764509148780502"),
    ("square", 0.5, "0.292893218813452475599155637895", None),
    ("sqrt", 0.25, "0.0179491924311227064725536584941", "0.154700538379251529018297561004"),
    ("sqrt", 0.5, "0.0857864376269049511983112757903", None),
    ("cube", 0.5, "0.347296355333860697703433253539", "0.758105361735505075225111967947"),
    ("power", 0.5, "0.347296355333860697703433253539", "0.758105361735505075225111967947"),
    ("cube", 0.25, "0.168254401781027421514506991714", None),
])
def test_R6_R7_roots_and_multipliers(name, k, kt, at):
    f, vals, root = _root(name, k)
    assert abs(root - sp.Float(kt, 30)) < 1e-25
    if at is not None:
        a = sp.N(f["at_closed"](f["kt"]).subs({**vals, f["kt"]: root}), 30)
        assert abs(a - sp.Float(at, 30)) < 1e-25


def test_R6_allocation_at_0_6():
    f, vals, root = _root("square", 0.25)
    q = sp.N(f["q_closed"](f["kt"]).subs({f["kt"]: root, gm.theta: sp.Rational(3, 5)}), 30)
    assert abs(q - sp.Float("0.538119784648299388392680975598", 30)) < 1e-25


# --- issue 6: the closed forms of kt are proofs (rewrites with their reason), perturbed ones are refuted ----
FAST = dict(digits=20, samples=3)


@pytest.mark.parametrize("name", ["mean", "sqrt"])
def test_closed_form_proved(name):
    claim = next(c for c in gm.DERIVATION.claims if c.id == f"{name}.closed_form")
    v = claim.check(gm.SCOPE, **FAST)
    assert v.status.value == "proved", v.detail
    assert not v.conflict and "after rewriting" in v.detail


@pytest.mark.parametrize("name,closed", [
    ("mean", lambda k: -k / sp.LambertW(-k / sp.E, -1) * sp.Rational(101, 100)),
    ("mean", lambda k: -k / sp.LambertW(-k / sp.E, -1) ** 2),
    ("sqrt", lambda k: 1 - sp.sqrt(1 - k)),                              # the square dropped
    ("sqrt", lambda k: (1 - sp.sqrt(1 - k)) ** 2 * sp.Rational(101, 100)),
])
def test_closed_form_perturbed_refuted(name, closed):
    """Rebuilt by the derivation's builder with the same proof hints: still refuted, no conflict."""
    v = gm.closed_form_claim(name, closed).check(gm.SCOPE, **FAST)
    assert v.status.value == "refuted", v.detail
    assert not v.conflict


def test_closed_form_wrong_hint_is_a_conflict_not_a_proof():
    """A false hint (sqrt(1 - k) -> r/(1+r) but k -> an inconsistent value) that makes the false claim
    kt = 2 (1 - sqrt(1 - k))^2 simplify to 0 is caught by mpmath: a soundness conflict, never a proof."""
    from symmech import Identity
    f = gm.FAMILIES["sqrt"]
    k, r = f["k"], gm.R_HINT
    c = 2 / (1 + r) ** 2                                        # 2 (1 - sqrt(1-k))^2 under the first substitution
    hint = (({sp.sqrt(1 - k): r / (1 + r), k: 2 * sp.sqrt(2) / (1 + r) - c}, "false"),)
    bad = Identity("bad", lhs=f["inverse"].subs(f["kt"], 2 * (1 - sp.sqrt(1 - k)) ** 2), rhs=k, rewrites=hint)
    v = bad.check(gm.SCOPE, **FAST)
    # issue 12: the inconsistent hint is rejected by the rewrite check before it could be used, so there is
    # no proof (and no conflict): the false claim is refuted by sampling
    assert v.status.value == "refuted", v.detail


def test_closed_forms_match_root_finding():
    """Independent check (mpmath root finding of the defining equations, not the closed forms):
    spec R6/R7 kt values for kappa = sqrt(theta) and the mean kt(1/2) = 0.18668230885083704212 (spec R11)."""
    import mpmath
    mpmath.mp.dps = 30
    for name, k, expected in [("sqrt", sp.Rational(1, 4), "0.0179491924311227064725536584941"),
                              ("sqrt", sp.Rational(1, 2), "0.0857864376269049511983112757903"),
                              ("mean", sp.Rational(1, 2), "0.18668230885083704212422421834")]:
        f = gm.FAMILIES[name]
        closed = sp.N(f["closed"](f["k"]).subs(f["k"], k), 30)
        g = sp.lambdify(f["kt"], f["inverse"] - k, "mpmath")
        root = mpmath.findroot(g, (mpmath.mpf("1e-6"), mpmath.mpf(str(sp.N(k, 30))) - mpmath.mpf("1e-9")),
                               solver="anderson")
        assert abs(closed - sp.Float(expected, 30)) < 1e-25
        assert abs(root - mpmath.mpf(expected)) < 1e-25


def test_every_expected_failure_is_pinned_to_a_holding_twin():
    by_id = {c.id: c for c in gm.DERIVATION.claims}
    fails = [c for c in gm.DERIVATION.claims if c.expect == "fails"]
    assert {c.id for c in fails} == {f"{n}.profit_as_printed" for n in gm.FAMILIES} | {
        "lemma34_as_printed", "lemma34_any_q1_best_reply"}
    for c in fails:
        assert c.corrected in by_id and by_id[c.corrected].expect == "holds", c.id


def test_lemma34_twins_hold_and_pin_the_failures():
    by_id = {c.id: c for c in gm.DERIVATION.claims}
    for cid in ("lemma34_as_printed", "lemma34_any_q1_best_reply"):
        claim = by_id[cid]
        v, twin = claim.check(gm.SCOPE, **FAST), by_id[claim.corrected].check(gm.SCOPE, **FAST)
        assert twin.status.value == "proved" and claim.agrees(v, twin), (cid, v, twin)


def test_lemma34_best_reply_twin_against_another_law_is_refuted():
    """Negative control: the same allocation against F^c at the wrong c (kt/2) does not earn kt."""
    from symmech import Distribution, Identity, Mechanism, PiecewiseFunction, revenue
    kt, th = gm.FAMILIES["square"]["kt"], gm.theta
    breaks = (0, kt / 2, kt, 1)                            # F^{kt/2} on the allocation's partition
    q = PiecewiseFunction(th, breaks, (0, 0, th**2))
    F = Distribution(th, density=PiecewiseFunction(th, breaks, (0, kt / 2 / th**2, kt / 2 / th**2)), atoms={1: kt / 2})
    bad = Identity("bad", lhs=revenue(Mechanism.from_allocation(th, q), F), rhs=kt)
    assert bad.check(gm.SCOPE, **FAST).status.value == "refuted"
