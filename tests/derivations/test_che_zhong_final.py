"""Che and Zhong, App. B.6 and Cor. 2 (derivations che_zhong_b6, che_zhong_cor2) plus regression
values from /work/shared/specs/seed_000_che_zhong.md Sec. 3 (R1, R4, R5: 40-digit mpmath values)."""
import mpmath
import pytest

from derivations import che_zhong_b6 as b6
from derivations import che_zhong_cor2 as c2
from symmech import Status

MODULES = {"b6": b6, "cor2": c2}
EXPECTED_REFUTED = {
    "b6": {"lambert_principal_branch_root_in_range", "eq31_bound_as_printed", "eq32_beyond_domain"},  # -, T2, -
    "cor2": {"fig1_s23_as_printed_feasible", "fig23_s_as_printed_feasible"},                       # spec T3
}


@pytest.fixture(scope="module")
def reports():
    """Each derivation verified once (digits=20, samples=3)."""
    return {k: m.DERIVATION.verify(digits=20, samples=3) for k, m in MODULES.items()}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_all_agree_and_refutations_as_expected(reports, name):
    rep = reports[name]
    assert rep.ok, str(rep)
    assert not rep.conflicts
    refuted = {r.claim.id for r in rep.results if r.verdict.status is Status.REFUTED}
    assert refuted == EXPECTED_REFUTED[name]
    for r in rep.results:
        assert r.verdict.status is not Status.UNDECIDED, r.claim.id


@pytest.mark.parametrize("name", sorted(MODULES))
def test_sources_cite_paper(name):
    for c in MODULES[name].DERIVATION.claims:
        assert c.source.startswith("Che and Zhong, "), c.id


def test_lp_claims_at_most_confirmed(reports):
    """Task rule: a grid-LP claim is evidence, never a proof."""
    for rep in reports.values():
        for r in rep.results:
            if r.verdict.method == "LP(HiGHS)":
                assert r.verdict.status in (Status.CONFIRMED, Status.REFUTED), r.claim.id


mpmath.mp.dps = 45
D = mpmath.mpf
TOL = D(10)**-30


def _alpha_b6(m, vb):
    """spec B.6 (derived): alpha = -m / W_{-1}(-m/(e v-bar))."""
    m, vb = D(m), D(vb)
    return -m / mpmath.lambertw(-m / (mpmath.e * vb), -1).real


def _alpha_b6_bisect(m, vb):
    """[NUM-ROOT] (29) by bisection on (0, m): f(alpha) = alpha (1 + log(vb/alpha)) - m is increasing there."""
    m, vb = D(m), D(vb)
    lo, hi = m / 10**6, m
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if mid * (1 + mpmath.log(vb / mid)) < m else (lo, mid)
    return (lo + hi) / 2


# --- spec Sec. 3 R5 (B.6 Lambert-W table) --------------------------------------------------------
R5 = [("0.6", "1", "0.2524804795260596977029989949984300331899"),
      ("0.5", "1", "0.1866823088508370421242242183396352975013"),
      ("1.1", "2", "0.4359071436580537605505998985337901173844")]


@pytest.mark.parametrize("m,vb,alpha", R5)
def test_R5_lambert_closed_form(m, vb, alpha):
    """spec Sec. 3 R5: the Lambert form and bisection on (29) agree with the table to 1e-30."""
    a = _alpha_b6(m, vb)
    assert abs(a - D(alpha)) < TOL
    assert abs(_alpha_b6_bisect(m, vb) - D(alpha)) < TOL
    assert 0 < a < D(m) < D(vb)
    assert abs((D(m) - a) / mpmath.log(D(vb) / a) - a) < TOL        # eq. (30)


def test_R5_separate_sales_value():
    """spec Sec. 3 R5 (Fig. 7-8 note: m = (0.6, 0.5), v-bar = (1, 1)): R* = alpha_1 + alpha_2."""
    rs = _alpha_b6("0.6", "1") + _alpha_b6("0.5", "1")
    assert abs(rs - D("0.4391627883768967398272232133380653306912")) < TOL


def test_R5_printed_gamma_counterexample():
    """spec T2 in (31): gamma_i = m_i / m_N gives a weighted average of the alpha_K, not R*."""
    a1, a2 = _alpha_b6("0.6", "1"), _alpha_b6("0.5", "1")
    printed = (D("0.6") * a1 + D("0.5") * a2) / D("1.1")
    assert abs(printed - D("0.2225722201282312178944650056")) < D(10)**-9
    assert a1 + a2 - printed > D("0.2")


def test_R5_principal_branch_wrong_root():
    """W_0 gives the other root of (29), beyond v-bar (outside the domain D)."""
    m, vb = D("0.6"), D(1)
    other = -m / mpmath.lambertw(-m / (mpmath.e * vb), 0).real
    assert other > vb
    assert abs(other * (1 + mpmath.log(vb / other)) - m) < TOL


def test_remark_B2_quadratic_same_support():
    """spec B.6 Remark B.2 (derived): phi = z^2 with s = 2 alpha v-bar - alpha^2 reproduces beta = v-bar,
    i.e. Lemma 2's root of (5)-(6) for (m, s) is the B.6 alpha."""
    m, vb = D("0.6"), D(1)
    a = _alpha_b6(m, vb)
    s = 2 * a * vb - a**2
    f = lambda al: 2 * al**2 * mpmath.e**(m / al - 1) - al**2 - s     # (6) with beta(alpha) from (5)
    root = mpmath.findroot(f, a * (1 + D(10)**-3))
    assert abs(root - a) < TOL
    assert abs(root * mpmath.e**(m / root - 1) - vb) < TOL


def test_R5_fig10_note_coarsest():
    """spec R5 row (1.1, 2): the paper's Fig. 10 note (m_1 = 0.7, m_2 = 0.4, v-bar_{1,2} = 2; line 1163 of the
    OCR, which the spec calls missing) gives exactly this pure-bundling case, m_N = 1.1."""
    assert abs(_alpha_b6(D("0.7") + D("0.4"), "2") - D(R5[2][2])) < TOL


# --- spec Sec. 3 R1 (Fig. 1 repaired) values not covered by test_che_zhong_thm1 / _more -------------
R1 = dict(al1=D("0.239164383287222975717456217412370676623"), be1=D("1.081263846908237296635636500622925628224"),
          al2=D("0.180499640006597593358587513439212049471"), be2=D("1.059780839531112971735923855254332061786"))


def _lam(al, be):
    return 1 / (2 * (be * mpmath.log(be / al) - be + al))


def test_R1_group23_lambda_top_payment_and_ells():
    """spec Sec. 3 R1: ell_1, ell_23, lambda_23, t_23(beta_23), top atom 1/ell_1."""
    al1, be1, al2, be2 = R1["al1"], R1["be1"], R1["al2"], R1["be2"]
    assert abs(be1 / al1 - D("4.521006982923959115437427803976485804")) < TOL
    assert abs(be2 / al2 - D("5.871373701866530235709632729529129403742")) < TOL
    lam2 = _lam(al2, be2)
    assert abs(lam2 - D("0.501693309298613784590598349762049015097")) < TOL
    t_top = lam2 * (2 * be2 * (be2 - al2) - be2**2 + al2**2)
    assert abs(t_top - D("0.387876871327679908419808229577470872589")) < TOL
    assert abs(al1 / be1 - D("0.221189660572753744283709568894455523369")) < TOL


def test_R1_moments_by_quadrature():
    """spec Sec. 3 R1 (i): E Z = m, E Z^2 = s (repaired s_23 = 0.35, spec T3) from the law of Z_K."""
    for (al, be), (m, s) in (((R1["al1"], R1["be1"]), ("0.6", "0.46")), ((R1["al2"], R1["be2"]), ("0.5", "0.35"))):
        ez = mpmath.quad(lambda zz: zz * al / zz**2, [al, be]) + be * al / be
        ez2 = mpmath.quad(lambda zz: zz**2 * al / zz**2, [al, be]) + be**2 * al / be
        assert abs(ez - D(m)) < TOL and abs(ez2 - D(s)) < TOL


def test_T3_printed_fig1_infeasible():
    """spec T3: s_23 = 0.1625 < m_23^2 = 0.25 (no law); s = 0.1 < m^2 in the Figs. 2-3 note."""
    assert D("0.1625") < (D("0.25") + D("0.25"))**2
    assert D("0.1") < D("0.6")**2 and D("0.1") < D("0.5")**2


def test_cor2_correlation_R1():
    """spec Cor. 2 CHECKS [NUM-Q] (derived): rho_{F*}(v_1, v_2) across cells for the repaired Fig. 1 parameters
    is in (0, 1) (ell_1 != ell_23), by quadrature over X ~ H against the closed form of che_zhong_cor2."""
    al1, be1, al2, be2 = R1["al1"], R1["be1"], R1["al2"], R1["be2"]
    l1, l2 = be1 / al1, be2 / al2
    z1 = lambda x: min(al1 * x, be1)
    z2 = lambda x: min(al2 * x, be2)
    ezz = mpmath.quad(lambda x: z1(x) * z2(x) / x**2, [1, l1, l2, mpmath.inf])
    closed = al1 * al2 * (l1 - 1) + be1 * al2 * mpmath.log(l2 / l1) + be1 * be2 / l2
    assert abs(ezz - closed) < D(10)**-25
    rho = (ezz - D("0.6") * D("0.5")) / mpmath.sqrt((D("0.46") - D("0.36")) * (D("0.35") - D("0.25")))
    assert abs(rho - D("0.9817422887549322374589391680")) < D(10)**-25 and rho < 1
    # (derived value; Cor. 2 applies for any correlation floor theta <= 0.98174)


# --- pinned expected failures: every refutation these derivations expect names a holding twin ----------------
PINNED = ("che_zhong_audit", "che_zhong_b6", "che_zhong_cor2", "che_zhong_knightian", "che_zhong_lemma2",
          "che_zhong_lemma2_system", "che_zhong_prop1", "che_zhong_remaining", "che_zhong_saddle", "che_zhong_thm1",
          "che_zhong_thm2", "che_zhong_thm3", "che_zhong_thm4", "che_zhong_value_space", "m_goods",
          "m_goods_asymmetric")


@pytest.mark.parametrize("name", PINNED)
def test_every_expected_failure_is_pinned_to_a_holding_twin(name):
    """Structure only (no verification): each claim expected to fail names its corrected twin, a claim of the
    same derivation expected to hold and not the same statement."""
    import importlib
    deriv = importlib.import_module(f"derivations.{name}").DERIVATION
    by_id = {c.id: c for c in deriv.claims}
    for c in deriv.claims:
        if c.expect != "fails":
            continue
        assert c.corrected, f"{name}:{c.id} is not pinned"
        twin = by_id[c.corrected]
        assert twin.expect == "holds" and twin.id != c.id, (c.id, twin.id)
