"""Find the bundled derivations (modules of the ``derivations`` package that
define ``DERIVATION``)."""
from __future__ import annotations

import importlib
import pkgutil


class UnknownDerivation(KeyError):
    """No derivation with that name."""


def names() -> list[str]:
    """Names of all bundled derivation modules, sorted."""
    import derivations  # lazy: the bundled derivations are imported on demand

    return sorted(m.name for m in pkgutil.iter_modules(derivations.__path__) if not m.name.startswith("_"))


def load(name: str):
    """The ``DERIVATION`` object of ``derivations.<name>``."""
    if name not in names():
        raise UnknownDerivation(f"unknown derivation {name!r}; known: {', '.join(names())}")
    module = importlib.import_module(f"derivations.{name}")
    deriv = getattr(module, "DERIVATION", None)
    # duck-typed: the registry sits below symmech.engine.derivation (which verifies through the runner)
    if deriv is None or not (hasattr(deriv, "claims") and hasattr(deriv, "scope") and callable(getattr(deriv, "verify", None))):
        raise UnknownDerivation(f"derivations.{name} defines no DERIVATION")
    return deriv


def load_all() -> list:
    """Every bundled derivation, in name order."""
    return [load(n) for n in names()]
