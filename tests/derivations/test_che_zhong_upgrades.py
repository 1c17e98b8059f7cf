"""Issue 6: Che-Zhong claims upgraded from ``confirmed`` to ``proved`` (rewrites with their reason,
``Implied`` routes through exact monotonicity arguments), each with a negative test: a perturbed
claim (a constant changed, the wrong Lambert branch, a false bound) must be refuted, and a wrong
proof hint must not produce a proof.

Regression values: rho = 0.98174... at the spec R1 point (spec Sec. 3 R1, also in
test_che_zhong_final.test_cor2_correlation_R1); the R1 ells are the spec's 40-digit values, rounded
to rationals here (12 digits) for an exact parameter point.

The tests are split over four files so that pytest-xdist (``--dist loadfile``) can balance them:
this file (upgraded claims, B.6, Thm. 1 kink, Thm. 2/3 negatives), test_che_zhong_upgrades_cor2_rho.py
and test_che_zhong_upgrades_cor2_cov.py (Cor. 2), test_che_zhong_upgrades_saddle.py (saddle point).
"""
import pytest
import sympy as sp
from sympy import E, LambertW, Rational, log

from derivations import che_zhong_b6 as b6
from derivations import che_zhong_cor2 as c2
from derivations import che_zhong_thm1 as t1
from derivations import che_zhong_thm2 as t2
from derivations import che_zhong_thm3 as t3
from symmech import Identity, Inequality, Scope, Status

from _che_zhong_upgrades_common import FAST, _find, _status  # noqa: F401


# --- the upgraded claims are proofs -----------------------------------------------------------------
UPGRADED = [
    (b6, "lambert_closed_form"),
    (b6, "remarkB2_same_worst_case_quadratic"),
    (b6, "remarkB2_linear_vs_concave"),
    (c2, "corr_across_cells_positive"),
    (t2, "eq14_closed_form"),
    (t2, "dalpha_deps_negative"),
    (t3, "uniform_tangency_reduced"),
]


@pytest.mark.parametrize("mod,cid", UPGRADED, ids=[c for _, c in UPGRADED])
def test_upgraded_claim_is_proved(mod, cid):
    claim = next(c for c in mod.DERIVATION.claims if c.id == cid)
    v = claim.check(mod.DERIVATION.scope, **FAST)
    assert v.status is Status.PROVED, v.detail
    assert not v.conflict


# issue 12: these routes carry no checked implication rule (a case split with reparametrizations that do not
# cover the kink; a correlation bound through a square root; root enclosures), so their proofs are the
# author's word and the verdict is the direct check's: confirmed, with the unused route in the trust report
ROUTE_UNCHECKED = [(c2, "corr_across_cells_below_one"), (t1, "item_virtual_values_11")]


@pytest.mark.parametrize("mod,cid", ROUTE_UNCHECKED, ids=[c for _, c in ROUTE_UNCHECKED])
def test_route_without_a_rule_is_not_a_proof(mod, cid):
    claim = next(c for c in mod.DERIVATION.claims if c.id == cid)
    v = claim.check(mod.DERIVATION.scope, **FAST)
    assert v.status is Status.CONFIRMED, v.detail
    if cid == "corr_across_cells_below_one":        # its route is proved, but nothing checks that it implies
        assert any(h.kind == "route" and not h.used for h in v.trust), v.trust


# --- negative tests --------------------------------------------------------------------------------
def test_b6_lambert_wrong_branch_and_constant_refuted():
    arg = -b6.M_K / (E * b6.VB)
    hint = (({LambertW(arg, -1): -(1 + log(b6.L))}, "as in che_zhong_b6"),)
    wrong_branch = Identity("w0", lhs=-b6.M_K / LambertW(arg, 0), rhs=b6.a, rewrites=hint)
    assert _status(wrong_branch, b6.SCOPE) is Status.REFUTED
    wrong_constant = Identity("c", lhs=-b6.M_K / LambertW(arg, -1), rhs=b6.a * Rational(101, 100), rewrites=hint)
    assert _status(wrong_constant, b6.SCOPE) is Status.REFUTED


def test_b6_wrong_rewrite_is_rejected_not_a_proof():
    """A false hint (W_{-1} = -(2 + log ell)) that would make a false claim simplify to 0: the rewrite check
    (issue 12) rejects it before it is used, and sampling refutes the claim."""
    arg = -b6.M_K / (E * b6.VB)
    bad = Identity("bad", lhs=-b6.M_K / LambertW(arg, -1), rhs=b6.M_K / (2 + log(b6.L)),
                   rewrites=(({LambertW(arg, -1): -(2 + log(b6.L))}, "false"),))
    v = bad.check(b6.SCOPE, **FAST)
    assert v.status is Status.REFUTED, v


def test_b6_jensen_and_concavity_perturbed_refuted():
    """The Implied claims are rebuilt by their builders from perturbed inputs: the route's first part
    (the form identity, built from the same expression) fails, so no proof; sampling refutes."""
    th = b6.group(b6.a, b6.L)
    bad = b6._jensen_margin(dict(th, s=th["s"] - b6.a**2 / 100))     # s - m^2 = a^2 (J - 1/100): < 0 near ell = 1
    assert bad.check(b6.SCOPE, digits=20, samples=9).status is Status.REFUTED
    bad_form = _find([bad], "remarkB2_same_worst_case_quadratic.jensen.form")
    assert _status(bad_form, b6.SCOPE) is Status.REFUTED
    bad = b6._thm1_concave(dict(th, t_mid=th["t_mid"] + 10 * b6.z_sym**2))
    assert _status(bad, b6.SCOPE) is Status.REFUTED


def test_thm1_virtual_value_kink_conventions():
    """1[x >= ell]: the right derivative matches at the kink; SymPy's two-sided Heaviside(0) = 1/2 and
    the strict indicator 1[x > ell] do not (each refuted on [ell, 3 ell], which starts at the kink)."""
    x, a2, L2, w = t1.x, t1.a2, t1.L2, t1.w
    V = sp.Min(a2 * x, a2 * L2)
    rhs = w * sp.Piecewise((0, x < L2), (a2 * L2, True))
    half = Identity("half", lhs=w * (V - x * sp.diff(V, x)), rhs=rhs, over=[(x, L2, 3 * L2)])
    assert _status(half, t1.SCOPE) is Status.REFUTED
    claim = _find(t1.DERIVATION.claims, "item_virtual_values_11.above")
    strict = Identity("strict", lhs=claim.lhs, rhs=w * sp.Piecewise((0, x <= L2), (a2 * L2, True)),
                      over=[(x, L2, 3 * L2)])
    assert _status(strict, t1.SCOPE) is Status.REFUTED


def test_thm2_thm3_perturbed_closed_forms_refuted():
    eq14 = _find(t2.DERIVATION.claims, "eq14_closed_form")
    bad = Identity("e14", lhs=eq14.lhs, rhs=eq14.rhs + t2.a**2 * t2.eps**2 / 10, over=eq14.over,
                   rewrites=eq14.rewrites)
    assert _status(bad, t2.SCOPE) is Status.REFUTED
    bad = t2.numerator_negative(1 - t2.r + 2 * log(t2.r))
    assert _status(bad, t2.SCOPE) is Status.REFUTED
    tang = _find(t3.DERIVATION.claims, "uniform_tangency_reduced")
    u = tang.over[0][0]
    bad = Identity("t", lhs=tang.lhs, rhs=u**2 / 2 + 2 * u * (1 - u) * log(1 - u), over=tang.over,
                   rewrites=tang.rewrites)
    assert _status(bad, t3.SCOPE) is Status.REFUTED
