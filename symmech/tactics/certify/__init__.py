"""Rigorous inequality prover behind the ``certified`` verdict.

>>> import sympy as sp
>>> from symmech.tactics.certify import certify
>>> x = sp.Symbol("x")
>>> certify(sp.exp(x) - 1 - x, {x: (-3, 3)}).status.value
'certified'

``certify(f, box, relation=">=")`` decides ``f >= 0`` (``> 0``, ``== 0``) on
the whole box with ball arithmetic (python-flint ``arb``) and branch and
bound; univariate rational claims over QQ go to exact real-root isolation.
The result is a :class:`symmech.kernel.verdict.Verdict`; certified verdicts carry a
:class:`Certificate` that :func:`recheck` re-verifies.
"""
from symmech.tactics.certify.certificate import BoxProof, Certificate
from symmech.tactics.certify.recheck import recheck
from symmech.tactics.certify.driver import certify

__all__ = ["certify", "recheck", "Certificate", "BoxProof"]
