"""carrasco_audit: every claim checked one by one, a perturbed twin of each new check refuted (negative
controls), and regression values from the spec (seed_002 R6, R7, C6) computed independently."""
import mpmath as mm
import pytest
import sympy as sp
from sympy import Rational, log

from derivations import carrasco_audit as ca
from derivations import general_moment as gm
from symmech import Identity, Inequality, Status, checks

BY_ID = {c.id: c for c in ca.DERIVATION.claims}
HOLDING = (Status.PROVED, Status.CERTIFIED)


def _check(claim):
    return claim.check(ca.SCOPE, digits=30, samples=5)


@pytest.mark.parametrize("cid", [c.id for c in ca.DERIVATION.claims if c.expect == "holds"])
def test_holding_claims_are_proved(cid):
    v = _check(BY_ID[cid])
    assert v.status in HOLDING, (cid, v)


@pytest.mark.parametrize("cid", ["T15_scalar_codomain_as_printed", "G1_minorant_is_not_the_profit",
                                 "T14_printed_step_equality"])
def test_typos_and_gaps_are_refuted_with_a_counterexample(cid):
    assert BY_ID[cid].expect == "fails"
    v = _check(BY_ID[cid])
    assert v.status is Status.REFUTED and v.witness is not None, (cid, v)


def _twin(claim, **changes):
    """The claim with some fields replaced (same kind, same domain)."""
    fields = dict(id=claim.id + "_perturbed", lhs=claim.lhs, rhs=claim.rhs, over=list(claim.over))
    if isinstance(claim, Inequality):
        fields["rel"] = claim.rel
    fields.update(changes)
    return type(claim)(**fields)


@pytest.mark.parametrize("cid,change", [
    ("eq2_envelope", lambda c: dict(rhs=c.rhs + ca.theta / 100)),
    ("fn7_profit_slope", lambda c: dict(rhs=c.rhs * Rational(11, 10))),
    # the objective of (4) is flat in xi when the cutoff is k itself: nothing forces (5) to bind
    ("eq5_binds_at_one", lambda c: dict(lhs=c.lhs.subs(ca.kt, ca.k))),
    ("eq5_holds", lambda c: dict(rhs=Rational(99, 100))),
    ("eq9_theta_F", lambda c: dict(lhs=sp.diff(ca.theta * (1 - ca.kt / ca.theta**2), ca.theta))),
    ("uniq_layer_cake", lambda c: dict(rhs=c.rhs + ca.kt / 100)),
    ("uniq_Pi_star_at_one", lambda c: dict(rhs=ca.XI * (1 + ca.kt))),
    ("uniq_mechanism_other_worse", lambda c: dict(rhs=c.lhs)),
    ("G1_such_mechanism_not_robust", lambda c: dict(lhs=Rational(1, 5) * (1 - log(Rational(1, 5))))),
    ("fn9_nature_in_set", lambda c: dict(rhs=Rational(9, 10) * c.rhs)),
    ("T14_corrected_step", lambda c: dict(rhs=(1 + ca.delta) * ca.kt)),
    ("sec2_total_surplus", lambda c: dict(rhs=c.rhs + ca.delta * sp.Symbol("p_2", real=True))),
    # the paper's printed horizon factor (typo T10) in Prop. 5.2's value
    ("prop52_value_all_M_T", lambda c: dict(rhs=c.rhs.subs(ca.T_PERIODS, ca.T_PERIODS + 1))),
])
def test_negative_controls(cid, change):
    v = _check(_twin(BY_ID[cid], **change(BY_ID[cid])))
    assert v.status is Status.REFUTED, (cid, v)


def test_every_expected_failure_is_pinned_to_a_holding_twin():
    for c in ca.DERIVATION.claims:
        if c.expect == "fails":
            assert c.corrected in BY_ID and BY_ID[c.corrected].expect == "holds", c.id


@pytest.mark.parametrize("cid", ["T15_scalar_codomain_as_printed", "G1_minorant_is_not_the_profit",
                                 "T14_printed_step_equality"])
def test_expected_failures_agree_only_with_their_twin(cid):
    """The refutation counts only together with the corrected twin's verdict (pinned expected failure)."""
    claim = BY_ID[cid]
    v, twin = _check(claim), _check(BY_ID[claim.corrected])
    assert twin.status in HOLDING and claim.agrees(v, twin), (cid, twin)
    assert not claim.agrees(v, None)


def test_T15_twin_with_a_doubled_allocation_is_refuted():
    # negative control for T15_vector_codomain: two units of each good leave [0, 1]
    part = BY_ID["T15_vector_codomain"].parts[0]
    assert _check(_twin(part, lhs=2 * part.lhs)).status is Status.REFUTED


def test_eq2_envelope_with_the_price_law_of_another_moment_is_refuted():
    # negative control: a uniform price law on [kt, 1] (the theta^2 solution) pays differently from the log-uniform one
    c = BY_ID["eq2_envelope"]
    uniform_pay = sp.integrate(ca.tau / (1 - ca.kt), (ca.tau, ca.kt, ca.theta))
    assert _check(_twin(c, lhs=ca.theta * ca.Q_UP - uniform_pay)).status is Status.REFUTED


def test_fn1_price_below_kt_earns_less():
    # negative control: the equal-revenue identity fails for prices below kt (F* has no mass there)
    part = BY_ID["fn1_known_law_posted_price_optimal"].parts[0]
    x = part.over[0][0]
    bad = Identity("fn1_bad", lhs=x * 1, rhs=ca.kt, over=[(x, ca.kt / 2, ca.kt)])
    assert _check(part).status in HOLDING
    assert _check(bad).status is Status.REFUTED


def test_slater_point_fails_at_the_mean_itself():
    # negative control for G3_slater_point: delta_k (mass 1) is not strictly feasible for int dF <= 1
    v = _check(Inequality("slater_bad", lhs=1, rel="<", rhs=1))
    assert v.status is Status.REFUTED


def test_fn9_seller_bound_perturbed_is_refuted():
    c = ca.k / 2
    F = [p for p in ca._fn9() if p.id == "fn9_value"][0]
    assert F.rhs == c
    law = ca.Distribution(ca.theta, density=ca.PiecewiseFunction(ca.theta, (0, c, ca.HALF, 1),
                                                                 (0, c / ca.theta**2, c / ca.theta**2)), atoms={1: c})
    bad = checks.seller_best_response_bound(law, c * Rational(9, 10), id="fn9_bad")
    assert _check(bad).status is Status.REFUTED


@pytest.mark.parametrize("name", ["power", "sqrt"])
def test_prop35_saddle_with_a_wrong_slope_is_refuted(name):
    f = gm.FAMILIES[name]
    bad = ca.prop35_saddle(name, at=f["at_closed"](f["kt"]) * Rational(11, 10))
    v = _check(bad)
    assert v.status is Status.REFUTED, v


@pytest.mark.parametrize("name", ["power", "sqrt"])
def test_prop35_saddle_has_both_sides(name):
    # seller side (monotone q from 0 to 1, envelope profit, minorant), nature side (F^kt in the set, revenue,
    # seller bound); verdicts: test_holding_claims_are_proved
    parts = {p.id.rsplit(".", 1)[1] for p in ca.prop35_saddle(name).parts}
    assert parts == {"q_nondecreasing", "q_at_kt", "q_at_1", "profit_on_sales", "minorant_below", "dual_value",
                     "F_mass", "F_moment", "revenue", "seller_bound"}


def _kt_root(name, k_value, m_value=None):
    """kt for a family at a concrete mean, solved independently with mpmath (bisection on the inverse map)."""
    f = gm.FAMILIES[name]
    inv = f["inverse"] if m_value is None else f["inverse"].subs(gm.m, m_value)
    g = sp.lambdify(f["kt"], inv - k_value, "mpmath")
    return mm.findroot(g, (mm.mpf("1e-12"), mm.mpf(k_value)), solver="bisect")


def test_spec_R6_R7_values():
    mm.mp.dps = 30
    # R6 (kappa = theta^2 = theta^n at n = 2, m = 0), k = 1/4: kt = 1 - sqrt(3)/2
    assert abs(_kt_root("power", Rational(1, 4), 0) - mm.mpf("0.133974596215561353236276829247")) < 1e-25
    # R7: kappa = theta^3 (m = 1), k = 1/2: kt = 2 cos(4 pi / 9)
    assert abs(_kt_root("power", Rational(1, 2), 1) - mm.mpf("0.347296355333860697703433253539")) < 1e-25
    # R7: kappa = sqrt(theta), k = 1/2: kt = (1 - 1/sqrt 2)^2, a-tilde = sqrt 2 - 1, value a-tilde (k - sqrt kt) = kt
    kt = _kt_root("sqrt", Rational(1, 2))
    assert abs(kt - mm.mpf("0.0857864376269049511983112757903")) < 1e-25
    at = sp.lambdify(gm.FAMILIES["sqrt"]["kt"], gm.FAMILIES["sqrt"]["at_closed"](gm.FAMILIES["sqrt"]["kt"]), "mpmath")(kt)
    assert abs(at - (mm.sqrt(2) - 1)) < 1e-25
    assert abs(at * (mm.mpf(1) / 2 - mm.sqrt(kt)) - kt) < 1e-25


def test_spec_C6_fn9_values():
    # spec C6: kappa = 1{theta >= 1/2}: value k/2 (grid LP: 0.15, 0.25, 0.45 at k = 0.3, 0.5, 0.9)
    v = BY_ID["fn9_value"]
    for kk, val in ((Rational(3, 10), Rational(3, 20)), (Rational(1, 2), Rational(1, 4)), (Rational(9, 10), Rational(9, 20))):
        assert sp.simplify(v.lhs.subs(ca.k, kk) - val) == 0


def test_sources_cite_authors():
    for c in ca.DERIVATION.claims:
        assert c.source.startswith("Carrasco et al., "), c.id


@pytest.mark.slow
def test_whole_derivation_agrees():
    report = ca.DERIVATION.verify(digits=30, samples=5)
    assert report.ok, str(report)
