"""The adversarial float search (symmech.tactics.falsify) finds a violation confined to a thin slab in three
variables and the witness is rechecked exactly (split from tests/test_falsify_and_branches.py).

The exact tactics spend their whole budget (30 s by default) on this expression before the float search
runs; they are not what this test is about, so it caps them at 2 s."""
from __future__ import annotations

import sympy as sp

from symmech import Inequality, Scope, Status
from symmech.tactics import provers

x, y, z = sp.symbols("x y z")


def test_thin_violation_in_three_variables_is_found_and_rechecked_exactly():
    """f = 1 - 2 exp(-10^4 (x + y + z - 1/3)^2): negative only in a slab of width ~0.02 around the
    plane x + y + z = 1/3 of [0, 3]^3, which the 5-per-axis grid (fractions 0, 1/3, 1/2, 2/3, 1 of
    [0, 3]: sums 0, 1, 1.5, 2, ...) never hits."""
    f = 1 - 2 * sp.exp(-10**4 * (x + y + z - sp.Rational(1, 3)) ** 2)
    claim = Inequality("slab", lhs=f, rel=">=", rhs=0, over=[(x, 0, 3), (y, 0, 3), (z, 0, 3)])
    with provers.without_certifier(), provers.tactics_budget(2.0):
        v = claim.check(Scope(), digits=30, samples=1)
    assert v.status is Status.REFUTED, v
    assert "adversarial float search" in v.detail
    point = {s: sp.Rational(v.witness[str(s)].split(" = ")[0]) for s in (x, y, z)}
    assert sp.N(f.subs(point), 40) < 0            # independent exact re-evaluation of the witness
