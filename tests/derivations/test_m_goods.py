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
    lp = pytest.importorskip("symmech.lp")
    grid = [i / 10 for i in range(11)]
    res = lp.maxmin_two_goods_menu(grid, lp.mean_conditions_2d(*ks))
    assert abs(res.value - expected) < 1e-6
