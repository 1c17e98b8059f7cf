"""Issue 6, Che-Zhong saddle point (split from test_che_zhong_upgrades.py): the saddle and value-space
claims, and perturbed feasibility / minorant / lambda-definition hints that must be refuted.
"""
from sympy import Rational

from derivations import che_zhong_thm1 as t1
from symmech import Identity, Inequality, Status

from _che_zhong_upgrades_common import FAST, _find, _status


def test_saddle_proved_and_value_space_holds():
    """che_zhong_saddle: feasible (Implied, monotone q), guarantee.value and revenue (lambda by its
    definition); che_zhong_value_space: the three-good minorant holds (its one-group route has no checked
    implication rule: confirmed)."""
    from derivations import che_zhong_saddle as sd
    from derivations import che_zhong_value_space as vs
    for c in sd.DERIVATION.claims:
        v = c.check(sd.DERIVATION.scope, **FAST)
        assert v.status is Status.PROVED, (c.id, v.detail)
    for c in vs.DERIVATION.claims:
        v = c.check(vs.DERIVATION.scope, **FAST)
        assert v.status in (Status.PROVED, Status.CONFIRMED), (c.id, v.detail)

def test_thm1_lambda_definition_hint_guarded():
    """The lambda-definition hint cannot prove a wrong value: revenue = 1.01 alpha is refuted, and a wrong
    definition (lambda doubled) that makes a false identity simplify to 0 is a conflict."""
    from derivations import che_zhong_saddle as sd
    rev = _find(t1.ALL_CLAIMS, "saddle_point_one_group.revenue")
    bad = Identity("rev", lhs=rev.lhs, rhs=t1.a * Rational(101, 100), rewrites=rev.rewrites)
    assert _status(bad, sd.SCOPE) is Status.REFUTED
    wrong_def = (({t1.lam: 2 / t1.lam_denominator(t1.a, t1.L)}, "false"),)
    bad = Identity("rev2", lhs=rev.lhs, rhs=2 * t1.a, rewrites=wrong_def)
    v = bad.check(sd.SCOPE, **FAST)
    # sampling refutes the claim first; the wrong definition could not have been used (the rewrite check
    # rejects it: tests/test_soundness_hints.py), so there is no conflict either
    assert v.status is Status.REFUTED, v

def test_thm1_feasible_and_minorant_perturbed_refuted():
    from derivations import che_zhong_saddle as sd
    feas = _find(t1.ALL_CLAIMS, "saddle_point_one_group.feasible.increasing")
    (_, _, _), (qm, _, _), _ = t1.M_STAR.allocation.segments()
    assert feas.check(sd.SCOPE, **FAST).status is Status.PROVED
    assert _status(Inequality("q09", lhs=qm, rel="<=", rhs=Rational(9, 10), over=[(t1.z, t1.a, t1.BETA)]),
                   sd.SCOPE) is Status.REFUTED
    inner = _find(t1.ALL_CLAIMS, "guarantee_three_goods.minorant").direct.inner
    bad = t1.three_goods_minorant(inner.lhs, inner.rhs + Rational(1, 100), inner.over[0][2], "test")
    assert _status(bad, sd.SCOPE) is Status.REFUTED
    assert _status(_find([bad], "guarantee_three_goods.route.split"), sd.SCOPE) is Status.REFUTED
    clamp = _find(t1.ALL_CLAIMS, "guarantee_three_goods.route.g1.clamp_low")
    bad = Identity("cl", lhs=clamp.lhs, rhs=clamp.over[0][0], over=clamp.over, rewrites=clamp.rewrites)
    assert _status(bad, sd.SCOPE) is Status.REFUTED
