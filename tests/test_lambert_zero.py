"""The zero test's Lambert-W step (provers._s0): exp(a + c W(z)) = exp(a) (z/W(z))^c, then rational
arithmetic.  A true constant identity in W is proved exactly; the same identity with a perturbed constant,
sign or branch is not proved, and the claim check refutes it."""
from __future__ import annotations

import sympy as sp

from symmech import Identity, Scope, Status
from symmech.tactics import provers

W = sp.LambertW(-sp.exp(-1) / 2, -1)
# k-tilde at k = 1/2 two ways: -k/W_{-1}(-k/e) = exp(W + 1) (by hand: W e^W = -1/(2e), so e^(W+1) = -1/(2W))
LHS = -sp.exp(W + 1) / (-1 - W) + 1 / (2 * (-1 - W))
RHS = sp.exp(W + 1)


def test_true_constant_identity_is_shown_zero_by_the_lambert_step():
    assert provers._s0(LHS - RHS) == 0
    assert provers.symbolic_zero(LHS - RHS) is True
    v = Identity("kt", lhs=LHS, rhs=RHS).check(Scope(), digits=30, samples=1)
    assert v.status is Status.PROVED and v.method == "symbolic"


def test_perturbed_identities_are_not_proved():
    W0 = sp.LambertW(-sp.exp(-1) / 2)            # the other real branch
    for rhs in (RHS + sp.Rational(1, 10**6), -RHS, sp.exp(W0 + 1), sp.exp(W + 1) * sp.Rational(1000001, 10**6)):
        assert provers._s0(LHS - rhs) != 0
        v = Identity("kt_perturbed", lhs=LHS, rhs=rhs).check(Scope(), digits=30, samples=1)
        assert v.status is Status.REFUTED, (rhs, v)
