"""A persistent verdict cache: a plain directory of JSON files, one per checked claim.

A verdict is stored under a key that hashes everything it depends on:

* the claim's content -- its type and every field (SymPy expressions as ``srepr`` with
  ``Dummy`` indices renumbered, sub-claims of ``AllOf``/``Implied``, implication rules; a
  Python callable contributes its code, defaults, closure and the source of its module);
* the scope -- parameters with their ranges, defined roots with all their hints, samples;
* the settings -- digits, samples, the certifier switch and time limits;
* the prover code's version -- a hash of the source of the prover modules (claims,
  provers, scope, numeric, falsify, branches, certify/, lp/, verdict and the modules they
  use to check: hints, implication, witness, budget), of every project module that defines
  a class or function the claim holds (with the project modules those import), and the
  versions of Python, SymPy, mpmath and python-flint.

So editing one claim re-checks that claim only; editing a prover re-checks everything.
Anything the key cannot describe exactly (an object whose only representation is its
address) makes the claim uncacheable: it is always checked.  Undecided verdicts and
verdicts with a soundness conflict are never stored (a re-run may settle them).

The directory is ``.symmech_cache/`` in the working directory, or ``$SYMMECH_CACHE_DIR``;
delete it at any time.
"""
from __future__ import annotations

import dataclasses
import enum
import functools
import hashlib
import json
import os
import re
import sys
import types
from fractions import Fraction
from pathlib import Path
from typing import Any, Iterable, Mapping

__all__ = ["VerdictCache", "verdict_from_dict", "claim_key", "code_version", "default_dir",
           "Uncacheable"]

#: bump when the layout of stored entries changes
FORMAT = 1

_PKG = Path(__file__).resolve().parent
_ROOT = _PKG.parent
#: the prover modules (files or directories relative to the package) whose source versions the cache
CORE = ("claims.py", "provers.py", "scope.py", "numeric.py", "falsify.py", "branches.py", "verdict.py",
        "hints.py", "implication.py", "witness.py", "budget.py", "certify", "lp", "systems.py", "unique_root.py")


class Uncacheable(Exception):
    """The claim holds something the cache key cannot describe exactly."""


def default_dir() -> Path:
    """``$SYMMECH_CACHE_DIR`` or ``./.symmech_cache``."""
    env = os.environ.get("SYMMECH_CACHE_DIR")
    return Path(env) if env else Path.cwd() / ".symmech_cache"


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
    if not f:
        return None
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
        if path.parent != _PKG and path.parent.parent == _PKG:
            # a module of a sub-package (symmech/multigood, symmech/auctions, ...): its siblings too,
            # since functions there import each other lazily (inside function bodies)
            for sib in sorted(path.parent.glob("*.py")):
                out.setdefault(f"{path.parent.name}/{sib.name}", _digest(sib))
        for value in list(vars(module).values()):
            dep = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
            if isinstance(dep, str) and dep not in out and dep.split(".")[0] in ("symmech", "derivations"):
                todo.append(dep)
    return out


# --------------------------------------------------------------------------- content fingerprints

_DUMMY = re.compile(r"Dummy\('([^']*)', dummy_index=(\d+)")
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


#: claim fields that only document a claim (editing them re-checks nothing)
_PRESENTATION = ("note", "source")


def _is_claim(obj: Any) -> bool:
    from .claims import Claim

    return isinstance(obj, Claim)


class _Encoder:
    """A canonical text for a claim (or scope): equal text iff equal content (for what it can see)."""

    def __init__(self) -> None:
        self.dummies: dict[str, int] = {}
        self.modules: set[str] = set()
        self._active: set[int] = set()

    def _srepr(self, e) -> str:
        import sympy as sp

        text = sp.srepr(e)

        def renumber(m: re.Match) -> str:
            n = self.dummies.setdefault(m.group(2), len(self.dummies))
            return f"Dummy('{m.group(1)}', dummy_index=#{n}"

        return _DUMMY.sub(renumber, text)

    def _note_module(self, mod: str | None) -> None:
        if mod and mod.split(".")[0] in ("symmech", "derivations"):
            self.modules.add(mod)

    def enc(self, obj: Any) -> str:
        if obj is None or isinstance(obj, (bool, int, float, str, bytes, Fraction, complex)):
            return f"{type(obj).__name__}:{obj!r}"
        if isinstance(obj, enum.Enum):
            return f"enum:{type(obj).__qualname__}.{obj.name}"
        try:
            import sympy as sp
        except ImportError:  # pragma: no cover
            sp = None
        if sp is not None and isinstance(obj, (sp.Basic, sp.MatrixBase)):
            return "sympy:" + self._srepr(obj)
        key = id(obj)
        if key in self._active:
            raise Uncacheable(f"cyclic reference through {type(obj).__name__}")
        self._active.add(key)
        try:
            return self._enc_container(obj)
        finally:
            self._active.discard(key)

    def _enc_container(self, obj: Any) -> str:
        if isinstance(obj, (list, tuple)):
            return f"{type(obj).__name__}[" + ",".join(self.enc(x) for x in obj) + "]"
        if isinstance(obj, (set, frozenset)):
            return "set{" + ",".join(sorted(self.enc(x) for x in obj)) + "}"
        if isinstance(obj, Mapping):
            items = sorted((self.enc(k), self.enc(v)) for k, v in obj.items())
            return "map{" + ",".join(f"{k}=>{v}" for k, v in items) + "}"
        if isinstance(obj, types.ModuleType):
            self._note_module(obj.__name__)
            return f"module:{obj.__name__}"
        if isinstance(obj, functools.partial):
            return (f"partial({self.enc(obj.func)};{self.enc(obj.args)};"
                    f"{self.enc(dict(obj.keywords))})")
        if isinstance(obj, types.MethodType):
            return f"method({self.enc(obj.__self__)}.{obj.__func__.__name__};{self.enc(obj.__func__)})"
        if isinstance(obj, types.FunctionType):
            return self._enc_function(obj)
        if isinstance(obj, (types.BuiltinFunctionType, type)):
            self._note_module(getattr(obj, "__module__", None))
            return f"ref:{getattr(obj, '__module__', '?')}.{obj.__qualname__}"
        if type(obj).__module__ == "numpy" or type(obj).__module__.startswith("numpy."):
            import numpy as np

            if isinstance(obj, np.ndarray):
                return f"ndarray({obj.dtype};{obj.shape};{hashlib.sha256(obj.tobytes()).hexdigest()})"
            return f"np:{obj!r}"
        cls = type(obj)
        self._note_module(cls.__module__)
        head = f"{cls.__module__}.{cls.__qualname__}"
        if dataclasses.is_dataclass(obj):
            skip = _PRESENTATION if _is_claim(obj) else ()
            fields = [(f.name, getattr(obj, f.name)) for f in dataclasses.fields(obj) if f.name not in skip]
            return head + "(" + ",".join(f"{n}={self.enc(v)}" for n, v in fields) + ")"
        state = getattr(obj, "__dict__", None)
        if state is not None:
            return head + "{" + ",".join(f"{k}={self.enc(v)}" for k, v in sorted(state.items())) + "}"
        text = repr(obj)
        if _ADDRESS.search(text):
            raise Uncacheable(f"{head} has no content representation")
        return head + ":" + text

    def _enc_function(self, fn: types.FunctionType) -> str:
        self._note_module(fn.__module__)
        code = fn.__code__
        parts = [f"fn:{fn.__module__}.{fn.__qualname__}", self._enc_code(code),
                 self.enc(fn.__defaults__ or ()), self.enc(fn.__kwdefaults__ or {})]
        if fn.__closure__:
            cells = []
            for cell in fn.__closure__:
                try:
                    cells.append(self.enc(cell.cell_contents))
                except ValueError:  # an empty cell
                    cells.append("<empty>")
            parts.append("closure[" + ",".join(cells) + "]")
        return "(" + ";".join(parts) + ")"

    def _enc_code(self, code: types.CodeType) -> str:
        consts = ",".join(self._enc_code(c) if isinstance(c, types.CodeType) else self.enc(c)
                          for c in code.co_consts)
        return (f"code({hashlib.sha256(code.co_code).hexdigest()};{consts};{','.join(code.co_names)};"
                f"{','.join(code.co_varnames)})")


def claim_key(claim: Any, scope: Any, settings: Mapping[str, Any]) -> str:
    """The cache key of ``claim`` checked over ``scope`` with ``settings``; raises
    :class:`Uncacheable` when some part has no exact content representation."""
    enc = _Encoder()
    text = "\n".join([enc.enc(claim), enc.enc(scope), enc.enc(dict(settings))])
    deps: dict[str, str] = {}
    for mod in sorted(enc.modules):
        deps.update(_module_closure(mod))
    h = hashlib.sha256(code_version().encode())
    h.update(text.encode())
    for mod in sorted(deps):
        h.update(f"\n{mod}={deps[mod]}".encode())
    return h.hexdigest()


# --------------------------------------------------------------------------- verdicts as JSON

def verdict_from_dict(d: Mapping[str, Any]):
    """The :class:`~symmech.verdict.Verdict` that ``Verdict.to_dict`` described (no certificate)."""
    from .verdict import Hint, Status, Verdict

    return Verdict(
        status=Status(d["status"]),
        method=d.get("method", ""),
        detail=d.get("detail", ""),
        digits=d.get("digits"),
        points=tuple(dict(p) for p in d.get("points") or ()),
        witness=dict(d["witness"]) if d.get("witness") is not None else None,
        witness_value=d.get("witness_value"),
        conflict=bool(d.get("conflict", False)),
        trust=tuple(Hint.from_dict(h) for h in d.get("trust") or ()),
    )


def cacheable(verdict) -> bool:
    """Only settled verdicts without a soundness conflict are stored."""
    from .verdict import Status

    return verdict.status is not Status.UNDECIDED and not verdict.conflict


class VerdictCache:
    """Verdicts on disk under ``directory/<key[:2]>/<key>.json``."""

    def __init__(self, directory: str | os.PathLike | None = None) -> None:
        self.directory = Path(directory) if directory is not None else default_dir()
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str):
        """The stored ``(verdict, seconds)`` for ``key``, or None (a damaged entry counts as absent)."""
        try:
            data = json.loads(self._path(key).read_text())
            if data.get("format") != FORMAT:
                raise ValueError("old format")
            out = verdict_from_dict(data["verdict"]), float(data.get("seconds", 0.0))
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return out

    def put(self, key: str, verdict, *, claim_id: str = "", seconds: float = 0.0) -> bool:
        """Store a settled verdict (atomically); False when it is not stored."""
        if not cacheable(verdict):
            return False
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tag = self.directory / "CACHEDIR.TAG"
            if not tag.exists():
                tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n"
                               "# symmech verdict cache; delete it at any time.\n")
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"format": FORMAT, "claim": claim_id, "seconds": seconds,
                                       "verdict": verdict.to_dict()}))
            os.replace(tmp, path)
        except OSError:
            return False
        return True

    def clear(self) -> None:
        """Delete every stored verdict."""
        import shutil

        shutil.rmtree(self.directory, ignore_errors=True)


def settings_now(digits: int, samples: int) -> dict[str, Any]:
    """The settings a verdict depends on, as they are in this context."""
    from . import provers

    return {"digits": digits, "samples": samples, "certifier": provers._certifier_enabled.get(),
            "certify_time": provers.certify_time_limit(), "tactic_time": provers.tactic_time_limit()}


def keys_for(claims: Iterable[Any], scope: Any, settings: Mapping[str, Any]) -> list[str | None]:
    """Cache keys of ``claims`` (None for an uncacheable one)."""
    out: list[str | None] = []
    for c in claims:
        try:
            out.append(claim_key(c, scope, settings))
        except Uncacheable:
            out.append(None)
    return out


# --------------------------------------------------------------------------- whole reports

#: modules that only print (a change there does not invalidate stored reports)
_PRINTING = ("cli.py", "latex.py", "plots.py", "trust.py")


def _loaded_project_files(name: str) -> dict[str, str]:
    """Digests of the files a derivation's report depends on: every ``symmech`` module but the printing
    ones, and the derivation module with the project modules its globals come from."""
    deps: dict[str, str] = {}
    for path in sorted(_PKG.rglob("*.py")):  # every module: workers import some lazily
        rel = path.relative_to(_PKG).as_posix()
        if rel not in _PRINTING and not rel.startswith("commands/"):
            deps[str(path)] = _digest(path)
    for mname in _module_closure(f"derivations.{name}"):
        path = _project_file(sys.modules.get(mname))
        if path is not None:
            deps[str(path)] = _digest(path)
    return deps


def _report_key(name: str, settings: Mapping[str, Any], only: Iterable[str] | None) -> str:
    text = json.dumps({"name": name, "settings": dict(settings), "only": sorted(only or ()),
                       "format": FORMAT, "libs": _lib_versions(), "core": code_version()}, sort_keys=True)
    return "r" + hashlib.sha256(text.encode()).hexdigest()[1:]


def _report_entry(report) -> dict[str, Any]:
    d = report.derivation
    return {"name": d.name, "title": d.title, "references": list(d.references), "digits": report.digits,
            "seconds": report.seconds,
            "claims": [{"id": r.claim.id, "statement": r.claim.statement, "source": r.claim.source,
                        "expect": r.claim.expect, "note": getattr(r.claim, "note", ""),
                        "seconds": r.seconds, "verdict": r.verdict.to_dict()} for r in report.results]}


def _report_from_entry(entry: Mapping[str, Any]):
    from .claims import Claim
    from .derivation import ClaimResult, Derivation, Report
    from .scope import Scope

    claims = [Claim(id=c["id"], statement=c["statement"], source=c["source"], expect=c["expect"],
                    note=c.get("note", "")) for c in entry["claims"]]
    deriv = Derivation(name=entry["name"], title=entry["title"], scope=Scope(), claims=claims,
                       references=tuple(entry.get("references", ())))
    results = [ClaimResult(claim, verdict_from_dict(c["verdict"]), 0.0, cached=True)
               for claim, c in zip(claims, entry["claims"])]
    rep = Report(deriv, results, 0.0, entry["digits"])
    rep.extra["from_cache"] = True
    rep.extra["cold_seconds"] = entry.get("seconds", 0.0)
    return rep


def get_report(store: "VerdictCache", name: str, digits: int, samples: int, only=None):
    """The stored report of derivation ``name`` if neither its module (and the project modules it
    uses) nor any loaded symmech module changed since it was stored; else None.  Its claims are
    stand-ins carrying id, statement, source and expectation only (enough to print and compare)."""
    path = store._path(_report_key(name, settings_now(digits, samples), only))
    try:
        data = json.loads(path.read_text())
        if data.get("format") != FORMAT:
            return None
        for file, digest in data["deps"].items():
            if not Path(file).exists() or _digest(Path(file)) != digest:
                return None
        return _report_from_entry(data["report"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def put_report(store: "VerdictCache", report, samples: int, only=None) -> bool:
    """Store a whole report (when every verdict is storable), with the digests of the files it depends on."""
    if not all(cacheable(r.verdict) for r in report.results):
        return False
    name = report.derivation.name
    if f"derivations.{name}" not in sys.modules:
        return False
    path = store._path(_report_key(name, settings_now(report.digits, samples), only))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"format": FORMAT, "deps": _loaded_project_files(name),
                                   "report": _report_entry(report)}))
        os.replace(tmp, path)
    except OSError:
        return False
    return True
