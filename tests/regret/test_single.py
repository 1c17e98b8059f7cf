"""One item: (2.3), the Bergemann-Schlag law and the price-law claim builders."""
import mpmath
import pytest
import sympy as sp

from symmech import Scope, Status
from symmech.models.objectives import ObjectiveError, UnsupportedObjective
from symmech.models.regret import bergemann_schlag_law, price_law_claims, worst_case_regret_claims
from symmech.models.regret.single import allocation, payment

# spec (seed_003 part B, Sec. 3, regression of (2.3)): v_bar = 1, c = 0.2, v = 0.8
Q_SPEC_S = "0.712317927548219072560780994006"
M_SPEC_S = "0.448160032572489957235737182672"


def test_mechanism_regression_against_quadrature():
    mpmath.mp.dps = 40
    Q_SPEC, M_SPEC = mpmath.mpf(Q_SPEC_S), mpmath.mpf(M_SPEC_S)
    v, vb, c = sp.Rational(4, 5), 1, sp.Rational(1, 5)
    q = sp.N(allocation(v, vb, c), 40)
    m = sp.N(payment(v, vb, c), 40)
    assert abs(mpmath.mpf(str(q)) - Q_SPEC) < mpmath.mpf(10) ** -28
    assert abs(mpmath.mpf(str(m)) - M_SPEC) < mpmath.mpf(10) ** -28
    # independent route: envelope m = q v - int_threshold^v q(x) dx by quadrature
    th = mpmath.mpf(1) / 5 + mpmath.mpf(4) / 5 / mpmath.e
    integral = mpmath.quad(lambda x: 1 + mpmath.log((x - mpmath.mpf(1) / 5) / (mpmath.mpf(4) / 5)), [th, mpmath.mpf(4) / 5])
    assert abs(Q_SPEC * mpmath.mpf(4) / 5 - integral - M_SPEC) < mpmath.mpf(10) ** -28
    # regret = (v - c) - m + c q = (v_bar - c)/e  (spec: 0.8/e)
    assert abs(mpmath.mpf(3) / 5 - M_SPEC + Q_SPEC / 5 - mpmath.mpf("0.8") / mpmath.e) < mpmath.mpf(10) ** -28


P = sp.Symbol("p", positive=True)
SC = Scope()


def _statuses(claims):
    return [cl.check(SC, digits=30, samples=5).status for cl in claims]


def test_bergemann_schlag_is_optimal_at_a_concrete_instance():
    law = bergemann_schlag_law(P, 2, sp.Rational(1, 2))
    st = _statuses(price_law_claims(law, 2, sp.Rational(1, 2), ask="optimal"))
    assert all(s in (Status.PROVED, Status.CERTIFIED) for s in st), st


def test_perturbed_value_is_refuted():
    law = bergemann_schlag_law(P, 2, sp.Rational(1, 2))
    R = sp.Rational(99, 100) * sp.Rational(3, 2) / sp.E          # 1% below the true (v_bar - c)/e
    st = _statuses(worst_case_regret_claims(law, 2, sp.Rational(1, 2), R))
    assert Status.REFUTED in st


def test_near_miss_law_ignoring_cost_is_refuted():
    near = bergemann_schlag_law(P, 2, 0)                          # density 1/p on [2/e, 2]
    st = _statuses(price_law_claims(near, 2, sp.Rational(1, 2), ask="optimal"))
    assert Status.REFUTED in st


def test_refusals_and_bad_input():
    law = bergemann_schlag_law(P, 2, sp.Rational(1, 2))
    with pytest.raises(UnsupportedObjective, match="'revenue'"):
        price_law_claims(law, 2, sp.Rational(1, 2), objective="revenue", ask="optimal")
    with pytest.raises(UnsupportedObjective, match="'ratio'"):
        price_law_claims(law, 2, sp.Rational(1, 2), objective="ratio", ask="optimal")
    with pytest.raises(ObjectiveError, match="not below"):
        bergemann_schlag_law(P, 1, 1)
    with pytest.raises(ObjectiveError, match="negative"):
        bergemann_schlag_law(P, 1, -1)
    with pytest.raises(ObjectiveError, match="needs the claimed"):
        price_law_claims(law, 2, sp.Rational(1, 2), ask="value")
    with pytest.raises(ObjectiveError, match="not inside"):
        price_law_claims(bergemann_schlag_law(P, 3, 0), 2, 0, ask="value", value=1)


def _ratio_law(top):
    from symmech import Distribution, PiecewiseFunction
    L = sp.log(top)
    return Distribution(P, density=PiecewiseFunction(P, (1, top), (1 / ((1 + L) * P),)), atoms={1: 1 / (1 + L)})


def test_competitive_ratio_of_the_log_law():
    # independent closed form: E[1{p <= v} p] = v/(1 + log(top)) on [1, top], so the ratio is 1/(1 + log top)
    law = _ratio_law(4)
    rho = 1 / (1 + sp.log(4))
    st = _statuses(price_law_claims(law, 4, 0, objective="ratio", value=rho, lo=1))
    assert all(s in (Status.PROVED, Status.CERTIFIED) for s in st), st
    st = _statuses(price_law_claims(law, 4, 0, objective="ratio", value=rho * sp.Rational(101, 100), lo=1))
    assert Status.REFUTED in st
    with pytest.raises(UnsupportedObjective, match="only 'value'"):
        price_law_claims(law, 4, 0, objective="ratio", ask="optimal", lo=1)
    with pytest.raises(ObjectiveError, match="lo"):
        price_law_claims(law, 4, 0, objective="ratio", value=rho)
