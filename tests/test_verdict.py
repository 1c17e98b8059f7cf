"""Verdict semantics: three-valued truth, proofs vs evidence, JSON shape."""
from symmech import Status, Verdict
from symmech.kernel import rules


def test_three_valued_truth():
    assert rules.exact_sign("shown", evaluated=1).holds is True
    assert Verdict(Status.CONFIRMED, "mpmath").holds is True
    assert Verdict(Status.REFUTED, "mpmath").holds is False
    assert Verdict(Status.UNDECIDED, "none").holds is None


def test_confirmed_is_not_a_proof():
    assert rules.interval_enclosure("boxes", method="interval", certificate=[]).is_proof
    assert not Verdict(Status.CONFIRMED, "mpmath").is_proof


def test_to_dict_keeps_the_witness():
    v = Verdict(Status.REFUTED, "mpmath", "bad", digits=30, witness={"k": "1/2"}, witness_value="-0.5")
    d = v.to_dict()
    assert d["status"] == "refuted" and d["witness"] == {"k": "1/2"} and d["digits"] == 30


def test_a_verdict_prints_as_one_readable_line():
    import sympy as sp

    from symmech import Identity, Scope

    k = sp.Symbol("k", positive=True)
    scope = Scope({k: sp.Interval.Lopen(0, 1)})
    proved = Identity("a", lhs=(1 + k) ** 2, rhs=1 + 2 * k + k ** 2).check(scope, digits=20, samples=3)
    refuted = Identity("b", lhs=(1 + k) ** 2, rhs=1 + k ** 2).check(scope, digits=20, samples=3)
    assert str(proved).startswith("proved (exact-zero") and "\n" not in str(proved)
    # (1 + k)^2 - (1 + k^2) = 2k: the residual at the counterexample k = 1/2 is 1, by hand
    assert str(refuted).startswith("refuted") and "counterexample: k = 1/2 (residual 1" in str(refuted)
