"""Che and Zhong, Prop. 1, Thm. 2, Thm. 3, Sec. 6 (derivations che_zhong_prop1, _thm2, _thm3,
_knightian) plus regression values from /work/shared/specs/seed_000_che_zhong.md Sec. 3
(R1, R4, R6: 40-digit mpmath values in the spec)."""
import mpmath
import pytest
import sympy as sp

from derivations import che_zhong_knightian as kn
from derivations import che_zhong_prop1 as p1
from derivations import che_zhong_thm2 as t2
from derivations import che_zhong_thm3 as t3
from symmech import Status

MODULES = {"prop1": p1, "thm2": t2, "thm3": t3, "knightian": kn}
EXPECTED_REFUTED = {
    "prop1": {"A3_beta_below_mean_as_printed", "A3_sigma_below_phibar_var", "A3_sigma_vanishes_at_alpha_eq_m",
              "A3_hypotheses_give_jensen_margin"},                                   # spec T7, G3
    "thm2": {"dalpha_deps_as_printed", "part2_other_prices_as_printed", "example_endpoint_as_printed"},  # T5, -, T4
    "thm3": {"revenue_below_alpha_if_support_beyond_beta"},                           # spec G9
    "knightian": {"fn23_item_mean_is_function_of_K_marginals", "fn29_B6_item_mean_is_function_of_K_marginals"},
}


@pytest.fixture(scope="module", params=sorted(MODULES))
def report(request):
    return request.param, MODULES[request.param].DERIVATION.verify(digits=20, samples=3)


def test_all_agree_and_refutations_as_expected(report):
    name, rep = report
    assert rep.ok, str(rep)
    assert not rep.conflicts
    refuted = {r.claim.id for r in rep.results if r.verdict.status is Status.REFUTED}
    assert refuted == EXPECTED_REFUTED[name]
    for r in rep.results:
        assert r.verdict.status is not Status.UNDECIDED, r.claim.id


def test_sources_cite_paper():
    for m in MODULES.values():
        for c in m.DERIVATION.claims:
            assert c.source.startswith("Che and Zhong, "), c.id


mpmath.mp.dps = 45
D = mpmath.mpf


def _solve(m, s):
    """alpha, beta for phi = z^2 (as in test_che_zhong_thm1)."""
    m, s = D(m), D(s)
    f = lambda al: 2 * al**2 * mpmath.e**(m / al - 1) - al**2 - s
    lo, hi = m / 1000, m * (1 - D(10)**-40)
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if f(mid) > 0 else (lo, mid)
    al = mpmath.findroot(f, (lo + hi) / 2)
    return al, al * mpmath.e**(m / al - 1)


# --- Prop. 1 -------------------------------------------------------------------------------------
def test_prop1_most_binding_quadratic_moments():
    """phi^a = c_a z^2 (spec Prop. 1 CHECKS: a* = argmin s^a/c_a): (c, s) = (1, 0.46), (2, 0.8) with m = 0.6
    (R1 group {1}); a* = 2 (0.4 < 0.46), alpha* > alpha^1 and constraint 1 is slack at F*."""
    al1, _ = _solve("0.6", "0.46")
    al2, be2 = _solve("0.6", "0.4")
    assert al2 > al1
    second = 2 * al2 * be2 - al2**2
    assert abs(second - D("0.4")) < D(10)**-35       # binds for a* (2 E Z^2 = 0.8)
    assert second < D("0.46")                         # slack for a = 1


def test_prop1_G3_counterexample_empty_set():
    """spec G3: phi = z^2, m = 1, s = 0.9 in [delta, s-bar]: E Z^2 >= (E Z)^2 = 1 > 0.9, no F exists."""
    assert D(1)**2 > D("0.9")


# --- Thm. 2 --------------------------------------------------------------------------------------
R1 = dict(al1=D("0.239164383287222975717456217412370676623"), be1=D("1.081263846908237296635636500622925628224"),
          al2=D("0.180499640006597593358587513439212049471"), be2=D("1.059780839531112971735923855254332061786"))


def _bundle_revenue(p):
    """grand-bundle price p against F* (spec R4): p Pr[T(X) >= p], T(x) = min(a1 x, b1) + min(a2 x, b2)."""
    a1, b1, a2, b2 = R1["al1"], R1["be1"], R1["al2"], R1["be2"]
    T = lambda x: min(a1 * x, b1) + min(a2 * x, b2)
    if p >= b1 + b2:
        return D(0)
    x = mpmath.findroot(lambda x: T(x) - p, (D(1), D(200)), solver="bisect") if p > T(D(1)) else D(1)
    return p / x


@pytest.mark.parametrize("p,rev", [
    # spec R4 table
    ("1.9", "0.418876477748623602562912499107"),
    ("2.0", "0.392930308444212099467191575436"),
])
def test_R4_bundle_revenue(p, rev):
    assert abs(_bundle_revenue(D(p)) - D(rev)) < D(10)**-25


def test_R4_endpoints():
    """spec R4: R* min(ell) = 1.8973...; the printed endpoint beta_23 (1 + alpha_1/alpha_23) = 2.464... lies
    above beta_1 + beta_23 (revenue 0; spec T4)."""
    Rs = R1["al1"] + R1["al2"]
    ell_min = min(R1["be1"] / R1["al1"], R1["be2"] / R1["al2"])
    assert abs(Rs * ell_min - D("1.897303979793325829991477546206984759894")) < D(10)**-30
    assert abs(_bundle_revenue(Rs * ell_min * (1 - D(10)**-20)) - Rs) < D(10)**-15
    printed = R1["be2"] * (1 + R1["al1"] / R1["al2"])
    assert abs(printed - D("2.464004309986841050109584168552373092865")) < D(10)**-30
    assert printed > R1["be1"] + R1["be2"] and _bundle_revenue(printed) == 0


def test_thm2_part1_finite_difference():
    """spec T5: solve (13)-(14) (closed forms of che_zhong_thm2) for group {2,3} of R1 (ell_23 > ell_1: the
    perturbed group), gap point g = 5 in (ell_1, ell_23); finite difference vs the derived formula and vs A.4."""
    a, Lam, eps, g, r = t2.a, t2.Lam, t2.eps, t2.g, t2.r
    f1, f2 = t2._f13_f14()
    al0, be0 = R1["al2"], R1["be2"]
    m, s = al0 * (1 + mpmath.log(be0 / al0)), 2 * al0 * be0 - al0**2
    F = sp.lambdify((a, Lam, eps, g), (f1, f2), "mpmath")

    def alpha_eps(e):
        return mpmath.findroot(lambda u, v: [F(u, v, e, D(5))[0] - m, F(u, v, e, D(5))[1] - s],
                               (al0, be0 / al0))[0]
    h = D(10)**-12
    fd = (alpha_eps(h) - alpha_eps(-h)) / (2 * h)
    L23 = be0 / al0
    derived = sp.N(t2.dalpha_deps().subs({a: al0, g: 5, r: L23 / 5}), 30)
    printed = sp.N(t2.dalpha_deps_printed(t2.L).subs({t2.L: L23}), 30)
    assert fd < 0
    assert abs(fd - D(str(derived))) < D(10)**-8
    assert abs(fd - D(str(printed))) > D(10)**-2


# --- Thm. 3 (spec R6) ----------------------------------------------------------------------------
def _theta(al, z):
    return z - al - al * mpmath.log(z / al)


def test_R6_uniform():
    """spec R6, S ~ U[0,1] (C = z^2/2, m = 1/2): slope 1 - alpha/z = z, theta = C."""
    z = mpmath.findroot(lambda u: u**2 / 2 + u * (1 - u) * mpmath.log(1 - u), D("0.7"))
    al = z * (1 - z)
    be = al * mpmath.e**((D("0.5") - al) / al)
    assert abs(al - D("0.2036321887945368750696464305261116239175")) < D(10)**-30
    assert abs(z - D("0.7153318629591615383197743232302808690135")) < D(10)**-30
    assert abs(be - D("0.8728143298793255840328932352587557361418")) < D(10)**-30
    assert z < be
    for k in range(1, 400):                          # global: theta(alpha*, .) <= C on [alpha, beta]
        u = al + (be - al) * k / 400
        assert _theta(al, u) <= u**2 / 2 + D(10)**-30


def test_R6_two_goods_triangular():
    """spec R6, two iid U[0,1] goods, coarsest K: C = z - 1 + (2-z)^3/6 on [1, 2], m = 1; tangency on the
    second branch (z* > 1): alpha = z (2-z)^2 / 2."""
    C = lambda u: u - 1 + (2 - u)**3 / 6
    al_of = lambda u: u * (2 - u)**2 / 2
    z = mpmath.findroot(lambda u: _theta(al_of(u), u) - C(u), D("1.03"))
    al = al_of(z)
    be = al * mpmath.e**((1 - al) / al)
    assert z > 1                                     # on the branch used (spec R6 pitfall)
    assert abs(al - D("0.4818397578970066901793544715425582347874")) < D(10)**-30
    assert abs(z - D("1.035129739191428222085639411767139423054")) < D(10)**-30
    assert abs(be - D("1.412321901743593695698476411037882722402")) < D(10)**-30
