"""general_moment end to end and spec R6/R7 regression numbers."""
import pytest
import sympy as sp

from derivations import general_moment as gm


@pytest.fixture(scope="module")
def report():
    return gm.DERIVATION.verify(digits=20, samples=3)


@pytest.mark.slow  # full verify takes 1-3 min; run with -m slow
def test_every_verdict_agrees(report):
    assert report.ok, str(report)


def _root(name, k, dps=30):
    f = gm.FAMILIES[name]
    vals = {f["k"]: sp.nsimplify(k)}
    if name == "power":
        vals[gm.m] = 1                                 # n = 3
    return f, vals, f["root"].evaluate(vals, dps)


@pytest.mark.parametrize("name,k,kt,at", [
    ("square", 0.25, "0.133974596215561353236276829247", "0.577350269189625764509148780502"),
    ("square", 0.5, "0.292893218813452475599155637895", None),
    ("sqrt", 0.25, "0.0179491924311227064725536584941", "0.154700538379251529018297561004"),
    ("sqrt", 0.5, "0.0857864376269049511983112757903", None),
    ("cube", 0.5, "0.347296355333860697703433253539", "0.758105361735505075225111967947"),
    ("power", 0.5, "0.347296355333860697703433253539", "0.758105361735505075225111967947"),
    ("cube", 0.25, "0.168254401781027421514506991714", None),
])
def test_R6_R7_roots_and_multipliers(name, k, kt, at):
    f, vals, root = _root(name, k)
    assert abs(root - sp.Float(kt, 30)) < 1e-25
    if at is not None:
        a = sp.N(f["at_closed"](f["kt"]).subs({**vals, f["kt"]: root}), 30)
        assert abs(a - sp.Float(at, 30)) < 1e-25


def test_R6_allocation_at_0_6():
    f, vals, root = _root("square", 0.25)
    q = sp.N(f["q_closed"](f["kt"]).subs({f["kt"]: root, gm.theta: sp.Rational(3, 5)}), 30)
    assert abs(q - sp.Float("0.538119784648299388392680975598", 30)) < 1e-25
