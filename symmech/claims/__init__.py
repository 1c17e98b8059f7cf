"""Claims: named statements with a domain and a source, checked into Verdicts.

* :class:`Identity`   ``lhs == rhs`` for all parameters (and bound variables).
* :class:`Inequality` ``lhs >= rhs`` (or >, <=, <) for all of them.
* :class:`AllOf`      a conjunction (e.g. a saddle point); its verdict is the weakest of its parts.
* :class:`Implied`    a claim proved directly or through a route and a checked rule of inference.

A claim never learns which prover settled it except through its Verdict; only the kernel's rules
(:mod:`symmech.kernel.rules`) build proofs.
"""
from __future__ import annotations

from symmech.tactics import obligations
from .base import _EXPECT, _STRENGTH, Claim  # noqa: F401
from .composite import AllOf, Implied, combine
from .identity import Identity
from .inequality import Inequality
from .relational import (  # noqa: F401 - used by the modules that build or run claims
    _MEMO,
    IMPLIED_DIRECT_SECONDS,
    REFUTED_CROSSCHECK_SECONDS,
    THIN_BOX_SECONDS,
    _forall_tex,
    _Relational,
    denest_constant_radicals,
)

__all__ = ["AllOf", "Claim", "Identity", "Implied", "Inequality", "combine"]

obligations.provide(Identity=Identity, Inequality=Inequality)
