"""symmech: check the mathematics of robust mechanism design.

Import is light: SymPy and mpmath only.  Interval certification, LPs,
plots and the command line are imported lazily by the modules that use them.
"""
from __future__ import annotations

from .kernel.verdict import HOLDING, Hint, SoundnessError, Status, Verdict
from symmech.tactics.scope import DefinedRoot, Scope
from symmech.tactics.systems import DefinedSystem
from symmech.models.piecewise import PiecewiseFunction
from symmech.models.distributions import Distribution, expectation, E
from symmech.models.ambiguity import AmbiguitySet, MomentCondition
from symmech.models.mechanisms import Mechanism, PostedPrice, revenue
from .claims import AllOf, Claim, Identity, Implied, Inequality
from symmech.claims.unique_root import UniqueRoot
from . import checks
from symmech.engine.derivation import Derivation, Report

__version__ = "0.1.0"

__all__ = [
    "AllOf",
    "AmbiguitySet",
    "Claim",
    "DefinedRoot",
    "DefinedSystem",
    "Derivation",
    "Distribution",
    "E",
    "HOLDING",
    "Hint",
    "Identity",
    "Implied",
    "Inequality",
    "Mechanism",
    "MomentCondition",
    "PiecewiseFunction",
    "PostedPrice",
    "Report",
    "Scope",
    "SoundnessError",
    "Status",
    "UniqueRoot",
    "Verdict",
    "checks",
    "expectation",
    "revenue",
]
