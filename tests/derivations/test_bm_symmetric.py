"""bm_symmetric: the claims marked model_free hold for every mechanism, so their evidence is that a wrong model
(a symmetric extension that does not permute back, or that reverses the allocation) refutes them."""
from __future__ import annotations

import derivations.bm_symmetric as B
from symmech.models.multigood import symmetric as S


def _no_permute_back(mi, check=True):
    """Wrong Def. 3: q^s(v) = q(sort v), the allocation not moved back to the objects (not symmetric)."""
    return lambda v: mi(S.sort_desc(v))


def _reversed_ext(mi, check=True):
    """Wrong Def. 3: the right extension with the allocation vector reversed (the top unit to the lowest value)."""
    ext = S.symmetric_extension(mi, check=check)
    return lambda v: (tuple(reversed(ext(v)[0])), ext(v)[1])


def test_claims_hold_with_the_model():
    for f in (B.rem2_extension_of_restriction, B.thm1_equivalence, B.lemma2_extension_ic, lambda: B.g4_step(True)):
        ok, detail = f()
        assert ok, detail


def test_rem2_refuted_by_a_wrong_extension():
    assert not B.rem2_extension_of_restriction(extend=_no_permute_back)[0]


def test_thm1_refuted_by_a_wrong_extension():
    assert not B.thm1_equivalence(extend=_no_permute_back)[0]


def test_lemma2_refuted_by_a_wrong_extension():
    ok, detail = B.lemma2_extension_ic(extend=_reversed_ext)
    assert not ok and "gains" in detail


def test_g4_control_action():
    assert B._g4_membership("C1")[0] and not B._g4_membership("inverse")[0]
