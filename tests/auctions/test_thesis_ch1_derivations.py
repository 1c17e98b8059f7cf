"""The Chapter 1 derivations: verdicts agree, key claims are proofs, the thesis's typos are refuted, and
perturbed claims (a constant, a sign, a dual multiplier) are refuted.  Full runs of the two large
derivations are marked slow; the default run checks selected claims."""
import pytest
import sympy as sp

from symmech import Identity, Status
from symmech.models.auctions.checks import cone_cells, dual_certificate_cells

from derivations import (thesis_ch1_hbl as hbl, thesis_ch1_lp as lp, thesis_ch1_myerson as my,
                         thesis_ch1_robust_ic as ric, thesis_ch1_spa as spa, thesis_ch1_vickrey as vk)

PROOF = (Status.PROVED, Status.CERTIFIED)


def _by_id(rep):
    return {r.claim.id: r.verdict for r in rep.results}


@pytest.mark.parametrize("mod", [ric, vk])
def test_small_derivations_agree_and_prove(mod):
    rep = mod.DERIVATION.verify(digits=30, samples=3)
    assert rep.ok, str(rep)
    assert all(r.verdict.status in PROOF for r in rep.results if r.claim.expect == "holds")


def test_hbl_selected_claims():
    ids = ["l178_f_at_end", "l178_lambert_relation", "l178_lower_branch", "l178_sign_as_printed",
           "l178_sign_corrected", "l178_f_without_1_over_I", "objective_equals_r", "dual_certificate_131",
           "p159_I_sigma_minus_1", "alpha_mass", "alpha_mean", "p1510_gap_below"]
    rep = hbl.DERIVATION.verify(digits=30, samples=3, only=ids)
    v = _by_id(rep)
    assert rep.ok, str(rep)
    for cid in ids:
        want = PROOF if [c for c in hbl.DERIVATION.claims if c.id == cid][0].expect == "holds" else (Status.REFUTED,)
        assert v[cid].status in want, (cid, v[cid])
    assert v["l178_sign_as_printed"].witness          # T1: the printed sign fails at a concrete (I, mu)


def test_spa_selected_claims():
    ids = ["l173_dual_R1", "l173_objective", "q1_revenue", "q2_only_a_limit", "t152_square", "t152_continuity"]
    rep = spa.DERIVATION.verify(digits=30, samples=3, only=ids)
    assert rep.ok and all(r.verdict.status in PROOF for r in rep.results), str(rep)


def test_perturbed_dual_certificate_is_refuted():
    """Lemma 1.7.3's certificate with lambda raised by 1/100 must fail at a vertex."""
    I = spa.I
    r12 = spa.p / I
    cells = cone_cells(r12, I, lambda a, b: 0, lambda a, b: r12, lambda a, b: b)
    bad = dual_certificate_cells("bad", cells, -1 / (I - 1) + sp.Rational(1, 100), 1 / (I - 1), I)
    v = bad.check(spa.SCOPE, digits=30, samples=3)
    assert v.status is Status.REFUTED, v
    # and the HBL certificate with sigma* replaced by 1.01 sigma*
    c2 = cone_cells(hbl.r, hbl.I, lambda a, b: hbl.sg * (hbl.I - 1) * b,
                    lambda a, b: hbl.sg * ((hbl.I - 1) * b + a - hbl.r), lambda a, b: hbl.sg * ((hbl.I - 1) * b + a - hbl.r))
    s2 = hbl.sg * sp.Rational(101, 100)
    assert dual_certificate_cells("bad2", c2, -s2 * hbl.r, s2, hbl.I).check(hbl.SCOPE, digits=30, samples=3).status \
        is Status.REFUTED


def test_perturbed_constants_are_refuted():
    I, mu, rho = spa.I, spa.mu, spa.rho
    wrong_value = Identity("x", lhs=-1 / (I - 1) + I * mu / (I - 1), rhs=(I * mu - 1) / I)
    assert wrong_value.check(spa.SCOPE, digits=30, samples=3).status is Status.REFUTED
    wrong_sign = Identity("y", lhs=sp.diff(spa.I * rho * (mu - rho) / (1 - rho), rho),
                          rhs=I + I * (1 - mu) / (1 - rho)**2)
    assert wrong_sign.check(spa.SCOPE, digits=30, samples=3).status is Status.REFUTED
    # the (1.12b) = (1.12c) continuity with (I - 2) sigma* in place of (I - 1) sigma*
    assert Identity("z", lhs=hbl.Q_B(hbl.r), rhs=(hbl.I - 2) * hbl.sg).check(hbl.SCOPE, digits=30, samples=3).status \
        is Status.REFUTED


def test_myerson_regressions_and_gap():
    rep = my.DERIVATION.verify(digits=30, samples=3, only=["t142_uniform_I2", "vickrey_uniform", "t143_family",
                                                           "t143_expected_virtual_value_as_printed", "bk_uniform"])
    assert rep.ok, str(rep)
    assert sp.N(my.MYERSON_B2_VALUE, 12) == sp.N(sp.Float("0.413651575199300"), 12)


@pytest.mark.parametrize("mod", [hbl, spa, ric, vk, my, lp])
def test_expected_failures_are_pinned_to_a_holding_twin(mod):
    """Every statement of the thesis believed false names the claim that states what is right."""
    by_id = {c.id: c for c in mod.DERIVATION.claims}
    for c in mod.DERIVATION.claims:
        if c.expect == "fails":
            assert c.corrected in by_id and by_id[c.corrected].expect == "holds", c.id


def test_vickrey_grid_effect_needs_its_twin():
    """The refuted grid statement agrees only because its corrected twin (the next grid point) is proved."""
    rep = vk.DERIVATION.verify(digits=30, samples=3, only=["p133_bidder2_wins_grid_effect"])
    v = _by_id(rep)
    assert rep.ok, str(rep)
    assert v["p133_bidder2_wins_grid_effect"].status is Status.REFUTED
    assert v["p133_bidder2_wins_grid_threshold"].status in PROOF


def test_sources_cite_the_thesis():
    for mod in (hbl, spa, ric, vk, my):
        for c in mod.DERIVATION.claims:
            assert c.source.startswith("Koçyiğit, 'Distributional Robustness in Mechanism Design' (2020)"), c.id


def test_hbl_figure(tmp_path):
    from symmech.reports.plots import derivation_figures

    out = derivation_figures(hbl.DERIVATION, tmp_path)
    (path,) = out.values()
    assert path.exists() and path.stat().st_size > 10_000
    fig = hbl.DERIVATION.figures["hbl_allocation"]
    V, S, Q = fig.grid({hbl.I: 2, hbl.r: sp.N(hbl.SCOPE.numeric_values({hbl.I: 2, hbl.mu: sp.Rational(1, 2)}, 20)[hbl.r])})
    assert Q.max() <= 1 + 1e-12 and Q.min() >= 0
    assert abs(Q[0, -1] - 1) < 1e-6                   # q*(v_i = 1, s ~ 0) = 1


@pytest.mark.slow
@pytest.mark.parametrize("mod", [hbl, spa, my])
def test_full_derivations(mod):
    rep = mod.DERIVATION.verify()
    assert rep.ok, str(rep)
    holding = [r for r in rep.results if r.claim.expect == "holds"]
    assert sum(r.verdict.status in PROOF for r in holding) >= 0.9 * len(holding)
