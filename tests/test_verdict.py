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
