"""Public name of :mod:`symmech.kernel.verdict` (verdicts live in the kernel)."""
from __future__ import annotations

from .kernel.verdict import HOLDING, Hint, KernelError, SoundnessError, Status, Verdict, undecided

__all__ = ["HOLDING", "Hint", "KernelError", "SoundnessError", "Status", "Verdict", "undecided"]
