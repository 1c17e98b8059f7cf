"""markov_design against the spec's regression table (Koçyiğit thesis catalog, part A Sec. 7 and part B
Sec. 5.1-5.2, computed there with mpmath at 40 digits) and against an independent root finder."""
import mpmath
import pytest
import sympy as sp

from symmech.models.auctions import (
    AuctionError,
    best_spa_revenue,
    extra_bidders_needed,
    hbl_parameters,
    markov_design,
    mean_regime,
    spa_worst_case,
)

# (I, mu): sigma*, R (HBL), z* (best SPA), R(2 - R)   -- spec part A, Sec. 7
TABLE = {
    (2, "1/4"): ("0.322012803848533400304913983756", "0.121788837033618958185792443878",
                 "0.0358983848622454129451073169883", "0.22874515324123651973325607008"),
    (2, "1/2"): ("0.465941272384992885502953682169", "0.317844432899372683832844737621",
                 "0.171572875253809902396622551581", "0.534663782273621543158486013671"),
    (2, "3/4"): ("0.658761652490370481475256376541", "0.595710949341042915045901537558", "0.5",
                 "0.836550363517279231832052038214"),
    (3, "1/2"): ("0.336200947526946476111042726724", "0.377414356892790429049286360368",
                 "0.257359312880714853594933827371", "0.612387116996782271656297762618"),
    (3, "3/4"): ("0.413534621850537100251263559356", "0.658245567374643170793102398544", "0.625",
                 "0.883203907780920439683080235629"),
    (5, "1/4"): ("0.176203212877628396601995429599", "0.187258471738208570247256069761",
                 "0.0897459621556135323627682924706", "0.339451208238687682662365719198"),
    (5, "3/4"): ("0.229538504620243355063765489771", "0.700075181941350249772203520712", "0.6875",
                 "0.910045103512485844670925571615"),
}


@pytest.mark.parametrize("key", sorted(TABLE))
def test_regression_table(key):
    I, mu = key
    d = markov_design(I, mu, digits=28)
    for name, want in zip(("sigma", "hbl_revenue", "spa_revenue", "lemma_1_7_15_bound"), TABLE[key]):
        assert abs(sp.Float(d.numbers[name], 28) - sp.Float(want, 28)) < sp.Float("1e-25"), (key, name)


@pytest.mark.parametrize("I,mu", [(2, "1/2"), (4, "3/10"), (7, "9/10"), (50, "1/100")])
def test_sigma_is_the_root_of_130_by_an_independent_solver(I, mu):
    """(1.30) solved by mpmath bisection in (0, 1/(I-1)), not through Lambert W."""
    m = sp.Rational(mu)
    with mpmath.workdps(40):
        f = lambda s: (1 + s) / (I * s) * mpmath.exp(I - 1 - 1 / s) - mpmath.mpf(m.p) / m.q
        root = mpmath.findroot(f, (mpmath.mpf("1e-6"), mpmath.mpf(1) / (I - 1) - mpmath.mpf("1e-30")), solver="bisect")
        sig = sp.N(hbl_parameters(I, mu).sigma, 40)
        assert abs(float(root) - float(sig)) < 1e-14
        assert abs(sp.Float(str(root), 40) - sig) < sp.Float("1e-30")


def test_regimes_and_worst_cases():
    assert [mean_regime(2, m) for m in ("1/4", "1/2", "3/4", "9/10")] == [1, 1, 2, 3]
    assert mean_regime(3, "5/9") == 2 and mean_regime(3, "5/9001") == 1
    # spec cross-check (I = 2, mu = 1/2): r = 0.2 -> 0.15 (R_2); r = 0.45 -> 9/110 (R_3); r > mu -> 0
    assert spa_worst_case(2, "1/2", sp.Rational(1, 5))[0] == sp.Rational(3, 20)
    assert spa_worst_case(2, "1/2", sp.Rational(9, 20))[0] == sp.Rational(9, 110)
    assert spa_worst_case(2, "1/2", sp.Rational(3, 5))[0] == 0
    v, regime, how = spa_worst_case(3, "3/4", sp.Rational(1, 5))
    assert (v, regime) == (sp.Rational(5, 8), "R_1") and "attained" in how
    assert "not attained" in spa_worst_case(2, "1/2", sp.Rational(1, 5))[2]


def test_prop_1_5_10_and_prop_1_5_9_values():
    # spec part B Sec. 5.2 (mu = 1/2) and part A Sec. 7
    assert [extra_bidders_needed(i, "1/2") for i in (2, 3, 5, 10, 20, 50)] == [2, 3, 3, 6, 10, 23]
    want = {5: "1.03088913989", 10: "1.02385029554", 100: "1.00300777935"}
    for i, w in want.items():
        assert abs(sp.N(i * hbl_parameters(i, "1/2").sigma, 20) - sp.Float(w)) < 1e-10
    assert best_spa_revenue(2, "3/4") == sp.Rational(1, 2)


def test_lemma_1_7_15_bound_can_exceed_mu_and_upper_bound_is_min():
    d = markov_design(2, "1/2")
    assert d.exact["lemma_1_7_15_bound"].evalf() > sp.Rational(1, 2)
    assert d.exact["upper_bound"] == sp.Rational(1, 2)
    assert "exceed" in d.notes["bound"]


@pytest.mark.parametrize("I,mu,needle", [(1, "1/2", "integer >= 2"), (0, "1/2", "integer >= 2"), (2.5, "1/2", "integer"),
                                          (True, "1/2", "integer"), (2, 0, "open interval (0, 1)"),
                                          (2, 1, "open interval (0, 1)"), (2, "-1/3", "open interval"),
                                          (2, "abc", "number"), (2, float("nan"), "finite"), (2, [1], "real number")])
def test_invalid_input_names_the_problem(I, mu, needle):
    with pytest.raises(AuctionError, match=None) as e:
        markov_design(I, mu)
    assert needle in str(e.value)


def test_float_mean_is_read_as_its_decimal():
    assert markov_design(2, 0.3).mu == sp.Rational(3, 10)
