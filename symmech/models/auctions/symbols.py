"""Shared symbols and the Markov scope of Chapter 1 (I bidders, mean bound mu, HBL value r).

``markov_scope()``: parameters ``I`` in [2, 1000] (every real I there, hence every integer
2 <= I <= 1000; SymPy's Scope needs a bounded interval) and ``mu`` in (0, 1); the defined root
``r`` = the optimal HBL's worst-case revenue, the unique root in (0, 1) (it lies below mu) of ``r (I - log r) = I mu``
with closed form ``e^{I + W_{-1}(-mu I e^{-I})}`` (Thm. 1.5.3).  Exact proofs eliminate mu through
``mu = r (I - log r) / I``, which maps r in (0, 1) increasingly onto mu in (0, 1) for each I.
"""
from __future__ import annotations

import sympy as sp

from symmech.tactics.scope import DefinedRoot, Scope

I = sp.Symbol("I", positive=True)
mu = sp.Symbol("mu", positive=True)
r = sp.Symbol("r", positive=True)
I_MAX = 1000

#: W_{-1}(-mu I e^{-I}) and the closed forms of Thm. 1.5.3
LAMBERT = sp.LambertW(-mu * I * sp.exp(-I), -1)
R_CLOSED = sp.exp(I + LAMBERT)
#: sigma* through r: log r = I - 1 - 1/sigma*  <=>  sigma* = 1/(I - 1 - log r)
SIGMA = 1 / (I - 1 - sp.log(r))
MU_OF_R = r * (I - sp.log(r)) / I


#: fixed sample points (I, mu): both ends of I's range, small and large means, the regime boundaries
SAMPLES = tuple({I: sp.Integer(i), mu: m} for i, m in (
    (2, sp.Rational(1, 2)), (3, sp.Rational(1, 10)), (7, sp.Rational(9, 10)), (1000, sp.Rational(1, 3)),
    (1000, sp.Rational(999, 1000))))


def markov_scope(i_max: int = I_MAX, samples: tuple | None = SAMPLES) -> Scope:
    """The Markov scope; ``samples=None`` lets symmech draw parameter samples itself (slower)."""
    return Scope({I: sp.Interval(2, i_max), mu: sp.Interval.open(0, 1)}, samples=samples,
                 roots=(DefinedRoot(r, r * (I - sp.log(r)) - I * mu, bracket=(0, 1), closed_form=R_CLOSED,
                                    inverse=(mu, MU_OF_R), image=sp.Interval.open(0, 1)),))
