"""Find derivations: the bundled ones (modules of the ``derivations`` package that define ``DERIVATION``), those a
package registers (entry point group ``symmech.derivations``: ``name = "pkg.module"`` or ``"pkg.module:OBJ"``), and a
user's own file (``symmech verify path/to/file.py``)."""
from __future__ import annotations

import difflib
import hashlib
import importlib
import importlib.util
import pkgutil
import sys
import traceback
import types
from importlib import metadata
from pathlib import Path


class UnknownDerivation(KeyError):
    """No derivation with that name (or the file defines none, or cannot be run)."""


def names() -> list[str]:
    """Names of all bundled derivation modules, sorted."""
    import derivations  # lazy: the bundled derivations are imported on demand

    return sorted(m.name for m in pkgutil.iter_modules(derivations.__path__) if not m.name.startswith("_"))


#: the entry point group through which an installed package registers its derivations
GROUP = "symmech.derivations"


def _entry_points() -> dict:
    """Registered derivations by name (a bundled name wins over a registered one)."""
    try:
        eps = metadata.entry_points(group=GROUP)
    except Exception:  # noqa: BLE001 - unreadable metadata: nothing registered
        return {}
    return {ep.name: ep for ep in eps}


def registered() -> list[str]:
    """Names of the derivations installed packages register (not the bundled ones), sorted."""
    bundled = set(names())
    return sorted(n for n in _entry_points() if n not in bundled)


def is_file(name: str) -> bool:
    """Whether ``name`` names a Python file rather than a bundled derivation."""
    return name.endswith(".py") or "/" in name or "\\" in name


def suggest(name: str, known: list[str]) -> str:
    """' did you mean X?' for the closest names in ``known`` ('' when none is close)."""
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
    return f"; did you mean {' or '.join(close)}?" if close else ""


def _checked(deriv, where: str):
    # duck-typed: the registry sits below symmech.engine.derivation (which verifies through the runner)
    if deriv is None or not (hasattr(deriv, "claims") and hasattr(deriv, "scope")
                             and callable(getattr(deriv, "verify", None))):
        raise UnknownDerivation(f"{where} defines no DERIVATION (a symmech.Derivation)")
    return deriv


def load(name: str):
    """The ``DERIVATION`` object of ``derivations.<name>``, or of the Python file ``name``."""
    if is_file(name):
        return load_file(name)
    if name not in names():
        eps = _entry_points()
        if name in eps:
            return _load_entry_point(name, eps[name])
        known = names() + sorted(eps)
        raise UnknownDerivation(f"unknown derivation {name!r}{suggest(name, known)} "
                                f"(`symmech list` shows them; a file is given by its path)")
    module = importlib.import_module(f"derivations.{name}")
    return _checked(getattr(module, "DERIVATION", None), f"derivations.{name}")


def _load_entry_point(name: str, ep):
    try:
        obj = ep.load()
    except Exception as exc:  # noqa: BLE001 - a registering package's failure, in one line
        raise UnknownDerivation(f"the derivation {name!r} registered as {ep.value!r} does not load: "
                                f"{type(exc).__name__}: {exc}") from exc
    if isinstance(obj, types.ModuleType):
        obj = getattr(obj, "DERIVATION", None)
    return _checked(obj, f"{ep.value} (entry point {name!r})")


def load_file(path: str | Path):
    """The ``DERIVATION`` of a user's Python file, imported under a private module name (so a user's own
    ``derivations/`` folder never shadows the bundled package).  An error while running the file is reported
    in one line with the file's line number."""
    path = Path(path)
    if not path.is_file():
        raise UnknownDerivation(f"no file {path}")
    # the name follows the path and the content: an edited file is imported afresh, never served stale
    digest = hashlib.sha256(str(path.resolve()).encode() + b"\0" + path.read_bytes()).hexdigest()[:12]
    modname = f"symmech_user_{path.stem.replace('-', '_')}_{digest}"
    if modname in sys.modules:
        return _checked(getattr(sys.modules[modname], "DERIVATION", None), str(path))
    spec = importlib.util.spec_from_file_location(modname, path)
    if spec is None or spec.loader is None:
        raise UnknownDerivation(f"{path} is not a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[modname] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # noqa: BLE001 - the user's code: one line, where it failed
        del sys.modules[modname]
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if Path(f.filename) == path.resolve()
                  or Path(f.filename) == path]
        where = f"{path}, line {frames[-1].lineno}" if frames else str(path)
        raise UnknownDerivation(f"{where}: {type(exc).__name__}: {exc}") from exc
    return _checked(getattr(module, "DERIVATION", None), str(path))


def load_all() -> list:
    """Every bundled derivation, in name order."""
    return [load(n) for n in names()]
