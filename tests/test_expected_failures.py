"""Pinned expected failures (issue 27): a claim expected to fail names the claim that states what is right, and
its refutation agrees with the expectation only when that corrected twin holds.  A refutation that comes from
a wrong model (so that the corrected form fails too) is a disagreement, and ``verify`` exits non-zero."""
from __future__ import annotations

import pytest
import sympy as sp

from symmech import Derivation, Distribution, Identity, Inequality, Scope, expectation

theta = sp.Symbol("theta", real=True)
c = sp.Symbol("c", positive=True)


def _uniform_mean_claims(density: sp.Expr) -> list:
    """E[theta] for a law on [0, 1]: the 'printed' value 1/3 (a typo) and the corrected value 1/2 (right for
    the uniform law; wrong for any other density, e.g. 2 theta, whose mean is 2/3)."""
    law = Distribution(theta, density, support=(0, 1))
    mean = expectation(theta, law)
    return [Identity("mean_printed", lhs=mean, rhs=sp.Rational(1, 3), expect="fails", corrected="mean_right"),
            Identity("mean_right", lhs=mean, rhs=sp.Rational(1, 2))]


def _run(claims, only=None):
    d = Derivation("pins", "pinned expected failures", Scope(), claims)
    return d.verify(digits=30, samples=3, only=only)


def test_a_refuted_typo_agrees_when_its_corrected_twin_holds():
    rep = _run(_uniform_mean_claims(sp.Integer(1)))
    printed, right = rep.results
    assert printed.verdict.status.value == "refuted" and right.verdict.status.value == "proved"
    assert printed.agrees and printed.pin_problem == "" and rep.ok


def test_a_wrong_model_makes_the_pinned_failure_disagree():
    # the model is perturbed (density 2 theta instead of 1): the printed claim is still refuted, but so is the
    # corrected one -- the refutation no longer shows the paper's typo, and the report says so
    rep = _run(_uniform_mean_claims(2 * theta))
    printed, right = rep.results
    assert printed.verdict.status.value == "refuted" and right.verdict.status.value == "refuted"
    assert not printed.agrees and not rep.ok
    assert "mean_right is refuted" in printed.pin_problem
    assert "[pin: its corrected twin mean_right is refuted" in rep.rows()[0][5]
    row = rep.to_json()["claims"][0]
    assert row["corrected"] == "mean_right" and row["agrees"] is False


def test_an_unpinned_expected_failure_keeps_the_old_rule_but_a_pinned_one_needs_the_twin():
    claims = _uniform_mean_claims(2 * theta)
    claims[0].corrected = ""
    rep = _run(claims)
    assert rep.results[0].agrees          # any refutation: the hole this issue closes for bundled derivations


def test_checking_only_the_printed_claim_checks_its_twin_too():
    rep = _run(_uniform_mean_claims(sp.Integer(1)), only=["mean_printed"])
    assert [r.claim.id for r in rep.results] == ["mean_printed", "mean_right"] and rep.results[0].agrees


def test_an_undecided_twin_does_not_pin():
    # a twin left undecided (here its verdict is built directly) does not show what is right either
    from symmech.engine.results import ClaimResult, Report
    from symmech.kernel.verdict import Status, Verdict, undecided

    printed, right = _uniform_mean_claims(sp.Integer(1))
    refuted = Verdict(Status.REFUTED, "mpmath", "differs", witness={}, witness_value="-1/6")
    rep = Report(None, [ClaimResult(printed, refuted, 0.0), ClaimResult(right, undecided("no tactic"), 0.0)],
                 0.0, 30)
    assert not rep.results[0].agrees and "is undecided" in rep.results[0].pin_problem


@pytest.mark.parametrize("kwargs, message", [
    ({"expect": "holds", "corrected": "x"}, "only a claim expected to fail"),
])
def test_a_pin_on_a_claim_expected_to_hold_is_an_error(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Inequality("a", lhs=c, rhs=0, **kwargs)


def test_a_pin_to_a_missing_or_failing_claim_is_an_error_of_the_derivation():
    printed, right = _uniform_mean_claims(sp.Integer(1))
    with pytest.raises(ValueError, match="not a claim here"):
        Derivation("pins", "t", Scope(), [printed])
    right.expect = "fails"
    with pytest.raises(ValueError, match="itself expected to fail"):
        Derivation("pins", "t", Scope(), [printed, right])


def test_pinned_to_sets_the_twin_and_refuses_a_claim_expected_to_hold():
    claim = Inequality("a", lhs=c, rhs=0, expect="fails").pinned_to("b")
    assert claim.corrected == "b"
    with pytest.raises(ValueError):
        Inequality("b", lhs=c, rhs=0).pinned_to("a")


def test_a_budgeted_wrapper_keeps_the_pin():
    # the Che-Zhong derivations wrap claims in Budgeted; the wrapper once dropped `corrected`, so every pin in them
    # was silently ignored (an expected failure then agreed with any refutation)
    from symmech.claims.budgeted import budget

    printed, right = budget(_uniform_mean_claims(2 * theta), seconds=1.0)
    assert printed.corrected == "mean_right" and printed.expect == "fails"
    rep = _run([printed, right])
    assert rep.results[0].verdict.status.value == "refuted" and not rep.results[0].agrees
