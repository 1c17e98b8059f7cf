"""Stochastic order by the monotone-coupling LP (exact, with witnesses), ratio-monotone paths, discrete
virtual values and the Lemma 4 decomposition (spec seed 001: Sec. 4.2 weights, R4, R9/R10)."""
from fractions import Fraction as Fr

import pytest

from derivations._hh_common import four_types, parametric_path, r4_law
from symmech.models.multigood.bundling import BundlingError, FiniteLaw
from symmech.models.multigood.ratio_monotone import (
    Decomposition,
    Path,
    decompose,
    flow_residuals,
    ironed_virtual_values,
    myerson_flow,
    ratio_violation,
)
from symmech.models.multigood.stochastic_order import (
    antichain_closures,
    is_upper_set,
    mass,
    monotone_coupling,
    stochastically_nondecreasing,
    upper_sets_brute_force,
)


def test_upper_sets_match_antichain_closures():
    grid = [(a, b) for a in range(3) for b in range(2)]
    assert upper_sets_brute_force(grid) == antichain_closures(grid)
    assert not is_upper_set(frozenset({(0, 0)}), grid)


def test_coupling_holds_with_an_exact_coupling():
    lo = {(0, 0): Fr(1, 2), (1, 0): Fr(1, 2)}
    hi = {(1, 0): Fr(1, 2), (1, 1): Fr(1, 2)}
    r = monotone_coupling(lo, hi)
    assert r.holds and sum(r.coupling.values()) == 1
    assert all(x[0] <= y[0] and x[1] <= y[1] for x, y in r.coupling)


def test_coupling_fails_with_a_checked_witness():
    # incomparable points: (1, 0) vs (0, 1) -- neither law dominates
    lo, hi = {(1, 0): Fr(1)}, {(0, 1): Fr(1)}
    r = monotone_coupling(lo, hi)
    assert r.holds is False and r.mass_low > r.mass_high
    assert mass(lo, r.upper_set) == r.mass_low and is_upper_set(r.upper_set, [(1, 0), (0, 1)])


def test_sec42_condition_iff_q1_le_q2_with_witness():
    assert stochastically_nondecreasing(four_types("0.3", "0.6", "0.5").conditional_profiles()).holds
    bad = stochastically_nondecreasing(four_types("0.8", "0.2", "0.5").conditional_profiles())
    assert bad.holds is False
    assert bad.witness["mass_low"] == "4/5" and bad.witness["mass_high"] == "1/5"   # {t1', t2'} up-set: q1 vs q2


def test_decomposition_weights_are_the_papers():
    d = decompose(four_types("0.3", "0.6", "0.5"))
    assert sorted(d.weights) == sorted([Fr(2, 5), Fr(3, 10), Fr(3, 10)])   # (1 - q2, q2 - q1, q1), eq. (3)
    assert d.verify()[0]


def test_decomposition_verify_catches_tampering():
    d = decompose(four_types("0.3", "0.6", "0.5"))
    w = list(d.weights)
    w[0], w[1] = w[1], w[0]
    if w != d.weights:
        assert not Decomposition(d.law, w, d.components).verify()[0]
    wrong = Decomposition(d.law, d.weights, [d.components[0]] * len(d.components))
    assert not wrong.verify()[0]
    assert len(decompose(r4_law()).components) == 5


def test_decompose_refuses_a_violated_condition():
    with pytest.raises(BundlingError, match="condition does not hold"):
        decompose(four_types("0.8", "0.2", "0.5"))


def test_paths_flows_and_ironing():
    P = Path.of(parametric_path("1/2"))
    assert ratio_violation(P) is None
    bad = ratio_violation(Path.of(parametric_path("-1/2")))
    assert bad is not None and bad[1] == Fr(3, 2)   # r({1}) = w / (2w - 1/2) decreases from w = 1 (s = 3/2)
    lam, ir = myerson_flow(P)
    assert set(flow_residuals(P, lam, ir)) == {0}
    assert flow_residuals(P, lam)[0] == 1        # (7) as printed: 1 = 0 (spec G2)
    with pytest.raises(BundlingError, match="not a path"):
        Path.of(four_types("0.3", "0.6", "0.5"))


def test_ironing_on_an_irregular_path():
    from derivations.hh_paths import IRREG
    phibar = ironed_virtual_values(Path.of(IRREG))
    assert all(a <= b for a, b in zip(phibar, phibar[1:]))
    assert isinstance(IRREG, FiniteLaw)


def test_ironing_flow_lemma7_and_tampering():
    from derivations.hh_paths import IRREG_RM
    from symmech.models.multigood.bundling import grand
    from symmech.models.multigood.ratio_monotone import ironing_flow, virtual_value
    P = Path.of(IRREG_RM)
    lam, ir = ironing_flow(P)
    assert set(flow_residuals(P, lam, ir)) == {0} and all(j > i for j, i in lam)
    assert [virtual_value(P, lam, grand(2), i) for i in range(4)] == ironed_virtual_values(P)
    bad = dict(lam)
    key = next(iter(bad))
    bad[key] += Fr(1, 100)
    assert set(flow_residuals(P, bad, ir)) != {0}


def test_lemma5_certificate_recheck_rejects_tampering():
    from symmech.models.multigood.ratio_monotone import check_dual_certificate, downward_dual_certificate
    P = Path.of(parametric_path("1/2"))
    lam, ir = downward_dual_certificate(P, Fr(5, 2))
    assert check_dual_certificate(P, Fr(5, 2), lam, ir)[0]
    bad = dict(lam)
    k = next(iter(bad))
    bad[k] *= 2
    ok, why = check_dual_certificate(P, Fr(5, 2), bad, ir)
    assert not ok and "(7)" in why
    ok, why = check_dual_certificate(P, Fr(5, 2), lam, {0: Fr(1, 2)})
    assert not ok
