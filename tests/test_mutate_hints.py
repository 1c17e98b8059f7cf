"""The hint mutation harness (issue 12): every perturbed hint of a derivation is caught by its check."""
import sympy as sp

from symmech import AllOf, DefinedRoot, Derivation, Identity, Implied, Inequality, Scope
from symmech.claims.implication import Monotone
from symmech.harness.mutate_hints import run

k = sp.Symbol("k", positive=True)
kt = sp.Symbol("kt", positive=True)
W = sp.Symbol("W", negative=True)
ROOT = DefinedRoot(kt, kt * (1 - sp.log(kt)) - k, (0, k), inverse=(k, kt * (1 - sp.log(kt))),
                   image=sp.Interval.open(0, 1))
CLOSED = -k / sp.LambertW(-k / sp.E, -1)
F = k - k**2 / 2 + k**3 / 3 - sp.log(1 + k)


def _derivation():
    return Derivation("hints_demo", "hint mutation demo", Scope({k: sp.Interval.open(0, 1)}, roots=(ROOT,)), [
        Identity("closed", lhs=CLOSED * (1 - sp.log(CLOSED)), rhs=k,
                 rewrites=(({sp.LambertW(-k / sp.E, -1): W, k: -W * sp.exp(W + 1)}, "W e^W = -k/e"),)),
        Implied("taylor", direct=Inequality("taylor", lhs=F, rel=">=", rhs=0), implication=Monotone(k, "lo"),
                sufficient=[AllOf("taylor.route", parts=[
                    Identity("taylor.route.at_anchor", lhs=F.subs(k, 0), rhs=0),
                    Inequality("taylor.route.slope", lhs=sp.diff(F, k), rel=">=", rhs=0)])]),
    ])


def test_every_hint_mutant_is_caught():
    results = run(_derivation(), digits=20, samples=3)
    ops = {m.operator for m in results}
    assert {"root image", "root inverse", "root bracket", "rewrite", "route"} <= ops
    survivors = [m for m in results if not m.killed]
    assert not survivors, survivors


def test_the_unmutated_hints_pass_their_checks():
    """The harness is not vacuous: the original hints are all proved."""
    from symmech.claims.hints import check_rewrite, root_hints

    d = _derivation()
    assert all(h.checked for h in root_hints(d.scope)[kt])
    closed = d.claims[0]
    (mapping, reason), = closed.rewrites
    assert check_rewrite(closed, mapping, reason, d.scope, 20, 3).checked
    taylor = d.claims[1]
    assert taylor.implication.check(taylor.direct, taylor.sufficient[0], d.scope, 20, 3).is_proof
