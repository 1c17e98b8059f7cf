"""The kernel contract: only ``symmech.kernel`` builds ``proved`` / ``certified`` verdicts.

Checked twice: at run time (a verdict or hint with a proof status and no kernel seal raises) and in
the source (no module outside the kernel mentions the seals or names a proof status where a verdict
or hint is built).
"""
from __future__ import annotations

import ast
import dataclasses
import pathlib
import pickle

import pytest

from symmech.kernel import rules
from symmech.kernel.verdict import Hint, KernelError, Status, Verdict

ROOT = pathlib.Path(__file__).resolve().parents[2] / "symmech"
KERNEL = ROOT / "kernel"


def test_a_proof_cannot_be_built_outside_the_kernel():
    for status in (Status.PROVED, Status.CERTIFIED):
        with pytest.raises(KernelError):
            Verdict(status, "symbolic", "trust me")
        with pytest.raises(KernelError):
            Hint("root bracket", "r", "one root", status.value)


def test_replace_cannot_raise_a_status_to_a_proof():
    v = Verdict(Status.CONFIRMED, "mpmath", "evidence")
    with pytest.raises(KernelError):
        dataclasses.replace(v, status=Status.PROVED)
    cert = rules.interval_enclosure("boxes", method="interval(arb)", certificate=object())
    with pytest.raises(KernelError):
        dataclasses.replace(cert, status=Status.PROVED)      # certified -> proved is a strengthening
    assert rules.weaken(rules.exact_sign("ok", evaluated=1), Status.CERTIFIED).status is Status.CERTIFIED
    assert dataclasses.replace(cert, detail="more").is_proof   # same status: the seal is kept


def test_rules_refuse_evidence_without_their_side_conditions():
    assert rules.exact_zero("0", evaluated=0).status is Status.UNDECIDED
    assert rules.exact_sign("ok", evaluated=3, conflict=True).status is Status.UNDECIDED
    assert rules.interval_enclosure("boxes", method="m", certificate=None).status is Status.UNDECIDED
    assert rules.lp_duality("lp", method="m", terms=()).status is Status.UNDECIDED
    assert rules.semi_infinite_duality("lp", method="m", certificate=None, rechecked=True).status is Status.UNDECIDED
    assert rules.semi_infinite_duality("lp", method="m", certificate=(1, 2), rechecked=False).status is Status.UNDECIDED
    assert rules.finite_outcome(1, "truthy is not True").status is Status.UNDECIDED
    assert rules.finite_outcome(False, "no").status is Status.REFUTED
    confirmed = Verdict(Status.CONFIRMED, "mpmath", "evidence")
    assert not rules.conjunction([rules.exact_sign("a", evaluated=1), confirmed], method="m", detail="d").is_proof
    assert not rules.route(rules.exact_sign("a", evaluated=1), confirmed, "d").is_proof
    assert not rules.inference("monotone", [confirmed], "d").is_proof


def test_verdicts_cross_processes_with_their_status():
    v = rules.exact_sign("ok", evaluated=2, digits=50)
    back = pickle.loads(pickle.dumps(v))
    assert back == v and back.is_proof and back.rule == "exact-sign"
    h = rules.hint("root bracket", "r", "one root", v)
    assert pickle.loads(pickle.dumps(h)) == h


def _outside_kernel():
    for path in sorted(ROOT.rglob("*.py")):
        if KERNEL in path.parents:
            continue
        yield path, ast.parse(path.read_text(), filename=str(path))


def _names(node) -> set[str]:
    return {n.attr if isinstance(n, ast.Attribute) else n.id
            for n in ast.walk(node) if isinstance(n, (ast.Attribute, ast.Name))}


def test_no_module_outside_the_kernel_touches_the_seals():
    bad = []
    for path, tree in _outside_kernel():
        for node in ast.walk(tree):
            if isinstance(node, (ast.Name, ast.Attribute)):
                name = node.attr if isinstance(node, ast.Attribute) else node.id
                if name in ("_SEALS", "_HINT_SEAL", "_sealed", "_rebuild"):
                    bad.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
            if isinstance(node, ast.keyword) and node.arg == "seal":
                bad.append(f"{path.relative_to(ROOT)}:{node.value.lineno} seal=")
    assert not bad, bad


def test_no_module_outside_the_kernel_builds_a_proof():
    """A call of ``Verdict(...)`` / ``Hint(...)`` or ``replace(..., status=...)`` outside the kernel may not
    name ``PROVED`` / ``CERTIFIED`` (or their string values) among its arguments."""
    bad = []
    for path, tree in _outside_kernel():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            fn = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if fn.lstrip("_") not in ("Verdict", "Hint", "replace"):
                continue
            args = list(node.args) + [k.value for k in node.keywords if fn != "replace" or k.arg == "status"]
            if fn == "replace":
                args = [k.value for k in node.keywords if k.arg == "status"]
            for a in args:
                names = _names(a)
                consts = {c.value for c in ast.walk(a) if isinstance(c, ast.Constant)}
                if names & {"PROVED", "CERTIFIED"} or consts & {"proved", "certified"}:
                    bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not bad, bad


#: where each proof-building rule may be called (a new call site is a new way to be wrong: adding one here is a
#: deliberate, reviewed step; docs/soundness.md describes each rule's side conditions)
RULE_CALLERS = {
    "exact_zero": {"claims/identity.py", "tactics/certify/driver.py"},
    "exact_sign": {"claims/inequality.py"},
    "interval_enclosure": {"tactics/certify/driver.py"},
    "exact_real_roots": {"tactics/certify/driver.py"},
    "finite_outcome": {"models/multigood/bundling_lp.py", "models/multigood/knightian_lp.py",
                       "models/regret/claims.py"},
    "finite_exhaustion": {"models/multigood/bundling_density.py"},
    "lp_duality": {"models/multigood/bundling_lp.py", "models/multigood/grid_lp.py",
                   "models/multigood/knightian_lp.py", "models/regret/claims.py"},
    "semi_infinite_duality": {"conjecture/maxmin.py"},
    "conjunction": {"claims/composite.py",
                    # two or more lp-duality verdicts on one claim (an LP value and a relation; a bracket's two ends)
                    "models/multigood/knightian_lp.py", "models/regret/claims.py"},
    "route": {"claims/composite.py"},
    "inference": {"claims/implication.py", "checks/one_good.py"},
    "continuity": {"claims/implication.py"},
    "checked_hint": {"claims/hints.py"},
    "hint": {"claims/hints.py", "claims/composite.py"},
    "hint_without_obligations": {"claims/hints.py"},
    "weaken": {"claims/hints.py", "tactics/certify/driver.py"},
    "replay": {"engine/cache.py"},
    # a verdict or hint read back from a dict is resealed: only the cache and the two places that receive
    # verdicts from their own worker processes
    "verdict_from_dict": {"engine/cache.py", "engine/runner.py", "conjecture/checking.py"},
    "from_dict": {"engine/cache.py"},
}


def test_proof_building_rules_are_called_only_where_listed():
    bad = []
    for path, tree in _outside_kernel():
        rel = str(path.relative_to(ROOT))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            fn = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if fn in RULE_CALLERS and rel not in RULE_CALLERS[fn]:
                bad.append(f"{rel}:{node.lineno} {fn}")
    assert not bad, bad


def test_every_listed_rule_exists():
    from symmech.engine import cache

    for name in RULE_CALLERS:
        assert hasattr(rules, name) or hasattr(cache, name) or hasattr(Hint, name), name
