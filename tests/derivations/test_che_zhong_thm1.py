"""Che and Zhong, Lemma 2 / Thm. 1 / Cor. 1: the derivations end to end, plus regression values
from /work/shared/specs/seed_000_che_zhong.md Sec. 3 (R1, R7: 40-digit mpmath in the spec)."""
import mpmath
import pytest
import sympy as sp

from derivations import che_zhong_lemma2 as l2
from derivations import che_zhong_thm1 as t1
from symmech import Status


@pytest.fixture(scope="module")
def lemma2_report():
    return l2.DERIVATION.verify(digits=20, samples=3)


@pytest.fixture(scope="module")
def thm1_report():
    return t1.DERIVATION.verify(digits=20, samples=3)


def test_lemma2_all_agree_and_are_proofs(lemma2_report):
    assert lemma2_report.ok, str(lemma2_report)
    for r in lemma2_report.results:
        assert r.verdict.status in (Status.PROVED, Status.CERTIFIED), r.claim.id


def test_thm1_all_agree(thm1_report):
    assert thm1_report.ok, str(thm1_report)
    assert not thm1_report.conflicts


def test_thm1_typos_refuted_with_witness(thm1_report):
    v = {r.claim.id: r.verdict for r in thm1_report.results}
    assert v["virtual_value_J_as_printed"].status is Status.REFUTED     # spec T1
    for n in (2, 3, 4, 5):                                               # spec T2
        assert v[f"eq11_gamma_as_printed_n{n}"].status is Status.REFUTED
        assert v[f"eq11_bound_finest_n{n}"].status is Status.PROVED


def test_sources_cite_paper():
    for d in (l2.DERIVATION, t1.DERIVATION):
        for c in d.claims:
            assert c.source.startswith("Che and Zhong, "), c.id


def _solve(m, s):
    """alpha, beta for phi = z^2 by root finding on (6) with beta from (5)."""
    mpmath.mp.dps = 45
    m, s = mpmath.mpf(m), mpmath.mpf(s)
    f = lambda al: 2 * al**2 * mpmath.e**(m / al - 1) - al**2 - s
    lo, hi = m / 1000, m * (1 - mpmath.mpf(10)**-40)     # f(lo) > 0 > f(hi): LHS(6) decreasing
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if f(mid) > 0 else (lo, mid)
    al = mpmath.findroot(f, (lo + hi) / 2)
    return al, al * mpmath.e**(m / al - 1)


@pytest.mark.parametrize("m,s,alpha,beta", [
    # spec R1, group {1} and group {2,3} (repaired Fig. 1 parameters)
    ("0.6", "0.46", "0.239164383287222975717456217412370676623", "1.081263846908237296635636500622925628224"),
    ("0.5", "0.35", "0.180499640006597593358587513439212049471", "1.059780839531112971735923855254332061786"),
    # spec R7
    ("1", "1.5", "0.339063124244155094258776313226725838794", "2.38150905649546869881055072187091842846"),
    ("0.5", "0.3", "0.216906887262907064573125083983124167380", "0.799994417239124148096775852284458234871"),
])
def test_regression_alpha_beta(m, s, alpha, beta):
    al, be = _solve(m, s)
    assert abs(al - mpmath.mpf(alpha)) < mpmath.mpf(10)**-30
    assert abs(be - mpmath.mpf(beta)) < mpmath.mpf(10)**-30


def test_R1_lambda_revenue_and_guarantee_from_closed_forms():
    """spec R1: lambda_1, t_1(beta_1), R* = alpha_1 + alpha_23, evaluated from the module's closed forms."""
    al1, be1 = _solve("0.6", "0.46")
    al2, _ = _solve("0.5", "0.35")
    vals = {t1.a: sp.Float(str(al1), 45), t1.L: sp.Float(str(be1 / al1), 45)}
    lam = sp.N(t1.LAM_EXPLICIT.subs(vals), 40)
    assert abs(lam - sp.Float("0.633520149755673646184726304601252441762", 40)) < 1e-30
    t_top = sp.N(t1.G_EXPLICIT["t_top"].subs(vals), 40)
    assert abs(t_top - sp.Float("0.449249098277210908980982542371068003787", 40)) < 1e-30
    assert abs(al1 + al2 - mpmath.mpf("0.419664023293820569076043730851582726094")) < mpmath.mpf(10)**-30


def test_R7_scaling():
    """spec R7 scaling test: alpha(2, 6) = 2 alpha(1, 1.5)."""
    assert abs(_solve("2", "6")[0] - 2 * _solve("1", "1.5")[0]) < mpmath.mpf(10)**-30


@pytest.mark.slow
def test_saddle_and_value_space_derivations():
    from derivations import che_zhong_saddle, che_zhong_value_space
    for d in (che_zhong_saddle.DERIVATION, che_zhong_value_space.DERIVATION):
        rep = d.verify(digits=20, samples=3)
        assert rep.ok, str(rep)


@pytest.mark.slow
def test_two_good_lp_bracket_finest():
    """Two goods, finest partition, spec R1 group moments: grid LP upper bound vs the proved
    guarantee alpha_1 + alpha_23 (spec R1: 0.41966402329...); the LP value must lie above it."""
    from symmech.tactics.lp import MomentCondition
    from symmech.models.multigood.grid_bracket import maxmin_two_goods_bracket
    grid = [i * 0.1 for i in range(17)]
    moments = [MomentCondition(lambda x, y: x, "==", 0.6), MomentCondition(lambda x, y: y, "==", 0.5),
               MomentCondition(lambda x, y: x * x, "<=", 0.46), MomentCondition(lambda x, y: y * y, "<=", 0.35)]
    ok, detail = maxmin_two_goods_bracket(grid, moments, 0.4196640232938206, slack=0.1)
    print(detail)
    assert ok, detail
