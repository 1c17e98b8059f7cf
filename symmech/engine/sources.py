"""Source hashes and library versions, the parts of a cache key that describe code rather than claims.

:func:`code_version` hashes the proof core (the ``kernel``, ``tactics`` and ``claims`` floors) with the versions
of Python, SymPy, mpmath and python-flint; :func:`_module_closure` gives the digests of a project module and the
project modules its globals come from; :func:`_library_version` names the installed version of a library a
claim's callable reads.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.util
import sys
import types
from importlib import metadata
from pathlib import Path
from typing import Any, Mapping




#: bump when the layout of stored entries changes
FORMAT = 1

_PKG = Path(__file__).resolve().parent.parent
_ROOT = _PKG.parent
#: the prover modules (files or directories relative to the package) whose source versions the cache
CORE = ("kernel", "tactics", "claims")


# --------------------------------------------------------------------------- source hashes

@functools.lru_cache(maxsize=None)
def _file_digest(path: str, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _digest(path: Path) -> str:
    st = path.stat()
    return _file_digest(str(path), st.st_mtime_ns, st.st_size)


def _core_files() -> list[Path]:
    files: list[Path] = []
    for entry in CORE:
        p = _PKG / entry
        if p.is_dir():
            files += sorted(p.rglob("*.py"))
        elif p.exists():
            files.append(p)
    return files


def _lib_versions() -> str:
    parts = [sys.version.split()[0]]
    for mod in ("sympy", "mpmath", "flint"):
        try:
            parts.append(f"{mod}={__import__(mod).__version__}")
        except Exception:  # noqa: BLE001 - a missing optional library is part of the version too
            parts.append(f"{mod}=none")
    return ";".join(parts)


def code_version() -> str:
    """Hash of the prover modules' source and the mathematical libraries' versions."""
    h = hashlib.sha256(f"format={FORMAT};{_lib_versions()}".encode())
    for p in _core_files():
        name = str(p.relative_to(_PKG)) if p.is_relative_to(_PKG) else p.name
        h.update(name.encode() + b"\0" + _digest(p).encode())
    return h.hexdigest()


def _project_file(module: types.ModuleType | None) -> Path | None:
    """The source file of a module of this checkout (symmech or derivations), else None."""
    f = getattr(module, "__file__", None)
    return _project_path(f) if isinstance(f, str) and f else None


@functools.lru_cache(maxsize=4096)
def _project_path(f: str) -> Path | None:
    p = Path(f).resolve()
    try:
        p.relative_to(_ROOT)
    except ValueError:
        return None
    return p if p.suffix == ".py" else None


def _module_closure(name: str) -> dict[str, str]:
    """Digests of the project module ``name`` and of the project modules its globals come from."""
    out: dict[str, str] = {}
    todo = [name]
    while todo:
        mname = todo.pop()
        if mname in out:
            continue
        module = sys.modules.get(mname)
        path = _project_file(module)
        if path is None:
            continue
        out[mname] = _digest(path)
        if path.parent != _PKG and path.is_relative_to(_PKG):
            # a module of a sub-package (symmech/models/multigood, symmech/tactics, ...): its siblings too,
            # since a function there may import a sibling lazily (inside its body)
            for sib in sorted(path.parent.glob("*.py")):
                out.setdefault(sib.relative_to(_PKG).as_posix(), _digest(sib))
        for value in list(vars(module).values()):
            dep = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
            if isinstance(dep, str) and dep not in out and dep.split(".")[0] in ("symmech", "derivations"):
                todo.append(dep)
    return out


_SITE_DIRS = ("site-packages", "dist-packages")

def _stdlib(top: str) -> bool:
    return top in sys.stdlib_module_names or top in sys.builtin_module_names or top == "builtins"


@functools.lru_cache(maxsize=None)
def _library_top(top: str) -> bool:
    """Whether the top-level package ``top`` is library code -- the standard library or a package installed
    in site-packages -- rather than user code (this project, tests, scripts, generated modules)."""
    if _stdlib(top):
        return True
    module = sys.modules.get(top)
    if module is not None:
        f = getattr(module, "__file__", None)
        paths = [f] if f else list(getattr(module, "__path__", None) or ())
    else:
        try:
            spec = importlib.util.find_spec(top)
        except (ImportError, ValueError):
            spec = None
        if spec is None:
            return False
        paths = [spec.origin] if spec.origin and spec.has_location else list(spec.submodule_search_locations or ())
    return bool(paths) and all(any(s in Path(p).parts for s in _SITE_DIRS) for p in paths)


def _is_library(module_name: Any) -> bool:
    return isinstance(module_name, str) and bool(module_name) and _library_top(module_name.split(".")[0])


@functools.lru_cache(maxsize=1)
def _packages_distributions() -> Mapping[str, list[str]]:
    try:
        return metadata.packages_distributions()
    except Exception:  # noqa: BLE001 - unreadable metadata: versions fall back below
        return {}


@functools.lru_cache(maxsize=None)
def _dist_version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except Exception:  # noqa: BLE001
        return "none"


def _library_dists(top: str) -> tuple[str, ...]:
    return () if _stdlib(top) else tuple(sorted(set(_packages_distributions().get(top) or ())))


@functools.lru_cache(maxsize=None)
def _library_version(top: str) -> str:
    """The version of a library's distribution (Python's for the standard library)."""
    if _stdlib(top):
        return "python-" + sys.version.split()[0]
    dists = _library_dists(top)
    if dists:
        return ",".join(f"{d}-{_dist_version(d)}" for d in dists)
    version = getattr(sys.modules.get(top), "__version__", None)
    if isinstance(version, str):
        return version
    f = getattr(sys.modules.get(top), "__file__", None)   # no distribution: the package's file stands in
    return "file-" + _digest(Path(f)) if f else "unknown"
