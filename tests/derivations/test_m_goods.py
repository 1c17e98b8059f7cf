"""m_goods end to end, spec R9/R10 numbers, and (slow) two-good LP cross-checks (spec R8)."""
import pytest
import sympy as sp

from derivations import m_goods as mg


@pytest.fixture(scope="module")
def report():
    return mg.DERIVATION.verify(digits=20, samples=3)


@pytest.mark.slow  # full verify takes 1-3 min; run with -m slow
def test_every_verdict_agrees(report):
    assert report.ok, str(report)


@pytest.mark.slow
def test_prop43_counterexample_is_the_spec_one(report):
    v = {r.claim.id: r.verdict for r in report.results}["prop43_as_stated_asymmetric"]
    assert v.witness["k_a"] == "3/4" and v.witness["k_b"] == "1/10"
    # kt(0.75) - 2 kt(0.425) = 0.382403569602... - 0.290001944257...
    assert abs(sp.Float(v.witness_value) + sp.Float("0.092401625344370456633651858795")) < 1e-15


def _kt(k, dps=30):
    return mg._ktilde(mg.kt, mg.k).evaluate({mg.k: sp.nsimplify(k)}, dps)


def test_R9_symmetric_values():
    assert abs(2 * _kt(0.5) - sp.Float("0.373364617701674084248448436679", 30)) < 1e-25
    assert abs(3 * _kt(0.25) - sp.Float("0.203107021323745944813379698669", 30)) < 1e-25


@pytest.mark.parametrize("ks,paper,true,separate", [
    ((0.5, 0.25), "0.240536419325536724536792275439", "0.240536419325536724536792275439",
     "0.254384649292085690395350784563"),
    ((0.75, 0.1), "0.290001944257789574932984316762", "0.382403569602160031566636175557",
     "0.402854637664550034829317946661"),
    ((0.9, 0.01), "0.321953464066672262275951978988", "0.58753961327278798396284688144",
     "0.588848796184361535808087722417"),
    ((0.6, 0.3, 0.05), "0.28251707935131503217582205051", "0.316503893263829129396292263282",
     "0.348414590429687751842435089416"),
])
def test_R10_asymmetric_means(ks, paper, true, separate):
    M = len(ks)
    srt = sorted(ks, reverse=True)
    kbar = sp.nsimplify(sum(sp.nsimplify(x) for x in ks)) / M
    assert abs(M * _kt(kbar) - sp.Float(paper, 30)) < 1e-25
    best = max(j * _kt(sum(sp.nsimplify(x) for x in srt[:j]) / j) for j in range(1, M + 1))
    assert abs(best - sp.Float(true, 30)) < 1e-25
    assert abs(sum(_kt(x) for x in ks) - sp.Float(separate, 30)) < 1e-25


@pytest.mark.slow
@pytest.mark.parametrize("ks,expected", [((0.5, 0.5), 0.41988337), ((0.5, 0.25), 0.29529597),
                                         ((0.75, 0.1), 0.44803191)])
def test_R8_two_good_lp_equals_separate_sales(ks, expected):
    lp = pytest.importorskip("symmech.tactics.lp")
    grid = [i / 10 for i in range(11)]
    res = lp.maxmin_two_goods_menu(grid, lp.mean_conditions_2d(*ks))
    assert abs(res.value - expected) < 1e-6


# --- issue 6: the (17) claims about kt_a = kt(3/4), kt_b = kt(1/10), kt_bar = kt(0.425) are proofs ----------
FAST = dict(digits=20, samples=3)
# issue 12: proved about the roots kt_a, kt_b, kt_bar through their checked rational enclosures (the bracket
# holds exactly one root and lies in the declared image), with the enclosure hints in the trust record
UPGRADED = ["good1_only_objective", "good1_only_feasible_for_17", "corrected_17_value"]


def _claim(cid):
    return next(c for c in mg.DERIVATION.claims if c.id == cid)


def _status(claim):
    return claim.check(mg.SCOPE, **FAST).status.value


@pytest.mark.parametrize("cid", UPGRADED)
def test_upgraded_claim_is_proved(cid):
    v = _claim(cid).check(mg.SCOPE, **FAST)
    assert v.status.value == "proved", v.detail
    assert not v.conflict
    assert all(h.checked for h in v.trust), v.trust
    assert any(h.kind == "root image" and h.used for h in v.trust), v.trust


def test_enclosures_contain_the_roots():
    """Independent numerics (mpmath LambertW, not the scope's root finder): kt_a = kt(3/4) = 0.382403569602...
    and 2 kt_bar = 2 kt(0.425) = 0.290001944257... are the spec R10 values (test_R10_asymmetric_means)."""
    import mpmath
    mpmath.mp.dps = 30
    kt = lambda k: -k / mpmath.lambertw(-k / mpmath.e, -1).real
    assert abs(kt(mpmath.mpf(3) / 4) - mpmath.mpf("0.382403569602160031566636175557")) < 1e-25
    assert abs(2 * kt(mpmath.mpf(17) / 40) - mpmath.mpf("0.290001944257789574932984316762")) < 1e-25
    for sym, k in [(mg.kta, mpmath.mpf(3) / 4), (mg.ktb, mpmath.mpf(1) / 10), (mg.ktbar, mpmath.mpf(17) / 40)]:
        lo, hi = mg.ENCLOSURES[sym]
        assert float(lo) < kt(k) < float(hi)


def test_feasible_for_17_perturbed_refuted():
    """A smaller bound (xi ln(theta/kt_a) = 1 at theta = 1) or a larger weight is refuted."""
    for direct in (mg.good1_only_feasible(rhs=sp.Rational(9, 10)),
                   mg.good1_only_feasible(lhs=sp.Rational(11, 10) * mg.xi(mg.kta) * sp.log(mg.theta / mg.kta))):
        assert _status(direct) == "refuted"


def test_wrong_enclosure_is_not_used():
    """An enclosure that misses the root (kt_a bracketed by [2/5, 1/2], where the equation does not change
    sign) fails the bracket check, so the enclosure is not used: the claim 'kt_a >= 2/5' (false, kt_a = 0.3824) is
    never proved; the scope's root finder stops with a SoundnessError or the verdict is not a proof."""
    from symmech import DefinedRoot, Inequality, Scope
    from symmech.claims.hints import root_hints
    from symmech.kernel.verdict import SoundnessError
    lo, hi = sp.Rational(2, 5), sp.Rational(1, 2)
    bad_root = DefinedRoot(mg.kta, mg.kta * (1 - sp.log(mg.kta)) - mg.ka, bracket=(lo, hi), image=sp.Interval(lo, hi))
    bad = Scope(parameters={mg.ka: sp.Rational(3, 4)}, roots=(bad_root,))
    assert not {h.kind: h for h in root_hints(bad)[mg.kta]}["root bracket"].checked
    try:
        v = Inequality("kt_a_above", lhs=mg.kta, rel=">=", rhs=lo).check(bad, **FAST)
    except SoundnessError:
        return
    assert v.status.value not in ("proved", "certified"), v


def test_objective_perturbed_refuted():
    assert _status(mg.good1_only_objective(rhs=mg.kta * sp.Rational(101, 100))) == "refuted"
    assert _status(mg.good1_only_objective(lhs=mg.xi(mg.kta) * (mg.kb - mg.kta))) == "refuted"


def test_corrected_17_value_perturbed_refuted():
    """3 kt_bar = 0.435 > kt_a = 0.382: the maximum is then the pair; and the maximum is not kt_b."""
    for direct in (mg.corrected_17_value(lhs=sp.Max(3 * mg.ktbar, mg.kta, mg.ktb)),
                   mg.corrected_17_value(rhs=mg.ktb)):
        assert _status(direct) == "refuted"
