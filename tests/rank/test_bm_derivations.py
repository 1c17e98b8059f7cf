"""The Bikhchandani-Mishra derivations end to end: every verdict agrees, the expected refutations
(the paper's gaps, spec G4, G10, G16, G21, G25, C5, R15, R16, R13) are refutations."""
import pytest

from derivations import bm_equivalence, bm_revenue_monotone, bm_robust, bm_symmetric
from symmech import Status

EXPECTED_REFUTED = {
    "bm_symmetric": {"g4_vhat_in_DI_as_printed"},
    "bm_equivalence": {"imv_extension_not_ic", "c5_naive_n_factorial_weights"},
    "bm_robust": {"g16_guarantee_as_printed", "sec7_1_uniform_price_optimal_under_I"},
    "bm_revenue_monotone": {"prop1_needs_symmetry_r16", "def6_r15_not_mm_not_monotone",
                            "g21_truncated_exponential_any_rate", "g25_lemma3_as_printed_n4", "g10_single_random_index"},
}
MODULES = {m.DERIVATION.name: m for m in (bm_symmetric, bm_equivalence, bm_robust, bm_revenue_monotone)}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_all_agree(name):
    rep = MODULES[name].DERIVATION.verify(digits=20, samples=3)
    assert rep.ok, str(rep)
    refuted = {r.claim.id for r in rep.results if r.verdict.status is Status.REFUTED}
    assert refuted == EXPECTED_REFUTED[name]
    holding = [r for r in rep.results if r.claim.expect == "holds"]
    assert all(r.verdict.status in (Status.PROVED, Status.CERTIFIED) for r in holding)
