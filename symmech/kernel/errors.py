"""Errors the kernel's callers raise for malformed input (kept at the bottom floor so every layer can raise
them without importing the layer that defines the model objects)."""
from __future__ import annotations


class ScopeError(ValueError):
    """Malformed parameters or definitions."""
