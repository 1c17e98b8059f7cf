"""The adversary: claims built to trap a checker (poles, jumps inside functions, branch cuts, thin violations,
near-cancellations; :func:`symmech.harness.strategies.adversarial_claims`).  Whenever symmech says ``proved`` or
``certified``, a dense independent evaluation -- SymPy's ``evalf`` with ``strict=True`` at 80 digits, at a grid
of exact rationals and next to every planted trap -- finds no violation; whenever it says ``refuted``, the
violation is there at the witness.  The oracle shares no code with symmech's provers."""
from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings

from symmech import Identity, Inequality, Scope
from symmech.tactics.provers import certifier_budget
from symmech.harness.strategies import ADV_X as x
from symmech.harness.strategies import adversarial_claims
from symmech.kernel.verdict import Status

_DPS = 80


def _value(expr: sp.Expr, at: sp.Expr):
    """``expr`` at ``x = at`` to 80 digits, or None when it is not a finite real number there."""
    try:
        v = expr.subs(x, at)
        if v.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
            return None
        v = v.evalf(_DPS, strict=True)
    except Exception:   # noqa: BLE001 - precision not reached, or undefined: no finite real value
        return None
    re, im = v.as_real_imag()
    if not (re.is_Number and im.is_Number) or abs(im) > sp.Float(10) ** -60:
        return None
    return re


def _violated(kind: str, f: sp.Expr, at: sp.Expr) -> bool:
    v = _value(f, at)
    if v is None:
        return True     # a side is not a finite real number: a claim about real numbers fails there
    return bool(v < -sp.Float(10) ** -70) if kind == "ineq" else bool(abs(v) > sp.Float(10) ** -60)


def _oracle_points(lo, hi, planted):
    pts = [lo + (hi - lo) * sp.Rational(i, 64) for i in range(65)]
    for p in planted:
        q = sp.Rational(str(sp.N(p, 90))) if not p.is_Rational else p
        for j in range(1, 46, 2):
            for s in (1, -1):
                y = q + s * sp.Integer(10) ** -j
                if lo <= y <= hi:
                    pts.append(y)
        if lo <= q <= hi:
            pts.append(q)
    return pts


def _attack(drawn) -> None:
    kind, lhs, rhs, (lo, hi), planted = drawn
    cls = Inequality if kind == "ineq" else Identity
    claim = cls("adv", lhs=lhs, rhs=rhs, over=[(x, lo, hi)])
    with certifier_budget(1.0):        # the certifier still runs, with a short budget (the suite stays fast)
        v = claim.check(Scope({}), digits=30, samples=5)
    f = sp.sympify(lhs - rhs)
    if v.status in (Status.PROVED, Status.CERTIFIED):
        bad = [p for p in _oracle_points(lo, hi, planted) if _violated(kind, f, p)]
        assert not bad, f"{v.status.value} but violated at x = {bad[0]}: {v.detail[:300]}"
    elif v.status is Status.REFUTED and v.witness and "x" in v.witness:
        at = sp.Rational(str(v.witness["x"]).split(" ")[0])
        # the witness is printed to 20 digits: the violation must be there, or within 10**-19 of it
        near = [at + d * sp.Integer(10) ** -19 for d in (-1, 0, 1)]
        assert any(_violated(kind, f, y) for y in near), f"refuted, but no violation next to {at}: {v.detail[:300]}"


@settings(max_examples=12)
@given(adversarial_claims())
def test_every_proof_survives_the_oracle_and_every_refutation_reproduces(drawn):
    _attack(drawn)


@pytest.mark.slow
@settings(max_examples=300)
@given(adversarial_claims())
def test_the_adversary_at_length(drawn):
    """The same attack with 300 claims (about 10 minutes; ``python -m pytest -m slow``)."""
    _attack(drawn)
