"""Verdict semantics: three-valued truth, proofs vs evidence, JSON shape."""
from symmech import Status, Verdict


def test_three_valued_truth():
    assert Verdict(Status.PROVED, "symbolic").holds is True
    assert Verdict(Status.CONFIRMED, "mpmath").holds is True
    assert Verdict(Status.REFUTED, "mpmath").holds is False
    assert Verdict(Status.UNDECIDED, "none").holds is None


def test_confirmed_is_not_a_proof():
    assert Verdict(Status.CERTIFIED, "interval").is_proof
    assert not Verdict(Status.CONFIRMED, "mpmath").is_proof


def test_to_dict_keeps_the_witness():
    v = Verdict(Status.REFUTED, "mpmath", "bad", digits=30, witness={"k": "1/2"}, witness_value="-0.5")
    d = v.to_dict()
    assert d["status"] == "refuted" and d["witness"] == {"k": "1/2"} and d["digits"] == 30
