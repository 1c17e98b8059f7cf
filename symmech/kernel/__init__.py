"""The kernel: verdicts, and the few named rules that alone may build ``proved`` / ``certified``.

Floors above it (tactics, models, checks, reports, commands) propose evidence; the kernel imports
nothing above itself (an import-linter contract in ``pyproject.toml`` checks this in the tests).
See docs/soundness.md.
"""
from __future__ import annotations

from .verdict import HOLDING, Hint, KernelError, SoundnessError, Status, Verdict

__all__ = ["HOLDING", "Hint", "KernelError", "SoundnessError", "Status", "Verdict"]
