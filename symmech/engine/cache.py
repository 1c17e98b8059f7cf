"""A persistent verdict cache: a plain directory of JSON files, one per checked claim.

A verdict is stored under a key that hashes everything it depends on:

* the claim's content -- its type and every field (SymPy expressions as ``srepr`` with
  ``Dummy`` indices renumbered, sub-claims of ``AllOf``/``Implied``, implication rules; a
  Python callable contributes its code, defaults, closure cells, the current *values* of the
  globals and module attributes it reads -- recursively through the functions, classes and
  objects it reaches -- and the source of its module; see :mod:`symmech.engine.fingerprint`);
* the scope -- parameters with their ranges, defined roots with all their hints, samples;
* the settings -- digits, samples, the certifier switch and time limits;
* the prover code's version -- a hash of the source of the prover modules (claims,
  provers, scope, numeric, falsify, branches, certify/, lp/, kernel/, verdict and the modules
  they use to check: hints, implication, witness, budget, ranges, singularities, end_limits),
  of every project module that defines a class or function the claim holds (with the project
  modules those import), and the versions of Python, SymPy, mpmath and python-flint (and of
  any library whose functions a claim's callable reads).

So editing one claim re-checks that claim only; editing a prover re-checks everything;
changing a value a claim's callable reads (a module global, a closure cell, a default argument)
re-checks that claim.  Anything the key cannot describe exactly (an object whose only
representation is its address, an open file, a random generator's state) makes the claim
uncacheable: it is always checked, and a whole report holding it is not stored either.
Undecided verdicts and verdicts with a soundness conflict are never stored (a re-run may settle
them).

The directory is ``.symmech_cache/`` in the working directory, or ``$SYMMECH_CACHE_DIR``;
delete it at any time.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any, Iterable, Mapping


from symmech.claims import Claim
from symmech.kernel import rules
from symmech.kernel.verdict import Hint
from symmech.engine.results import ClaimResult, Report, StoredDerivation
from symmech.kernel.verdict import Status
from symmech.engine.sources import (
    FORMAT, _PKG, _digest, _dist_version, _lib_versions, _library_dists, _module_closure, _project_file, code_version,
)
from symmech.engine.fingerprint import Uncacheable, _keys_in_session, _Session, claim_key, keys_for, settings_now

__all__ = ["VerdictCache", "verdict_from_dict", "claim_key", "code_version", "default_dir", "Uncacheable",
           "keys_for", "settings_now", "get_report", "put_report"]


def default_dir() -> Path:
    """``$SYMMECH_CACHE_DIR`` or ``./.symmech_cache``."""
    env = os.environ.get("SYMMECH_CACHE_DIR")
    return Path(env) if env else Path.cwd() / ".symmech_cache"


# --------------------------------------------------------------------------- verdicts as JSON

def verdict_from_dict(d: Mapping[str, Any]):
    """The :class:`~symmech.kernel.verdict.Verdict` that ``Verdict.to_dict`` described (no certificate)."""
    data = dict(d)
    data["points"] = tuple(dict(p) for p in d.get("points") or ())
    data["witness"] = dict(d["witness"]) if d.get("witness") is not None else None
    data["conflict"] = bool(d.get("conflict", False))
    return rules.replay(data, trust=tuple(Hint.from_dict(h) for h in d.get("trust") or ()))


def cacheable(verdict) -> bool:
    """Only settled verdicts without a soundness conflict are stored."""
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
        shutil.rmtree(self.directory, ignore_errors=True)


# --------------------------------------------------------------------------- whole reports

#: modules that only print (a change there does not invalidate stored reports)
_PRINTING = ("reports/latex.py", "reports/latex_printer.py", "reports/latex_document.py", "reports/latex_prose.py",
             "reports/latex_math.py", "reports/latex_proof.py", "reports/plots.py", "reports/trust.py")


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
                        "corrected": getattr(r.claim, "corrected", ""),
                        "seconds": r.seconds, "verdict": r.verdict.to_dict()} for r in report.results]}


def _report_from_entry(entry: Mapping[str, Any]):
    claims = [Claim(id=c["id"], statement=c["statement"], source=c["source"], expect=c["expect"],
                    note=c.get("note", ""), corrected=c.get("corrected", "")) for c in entry["claims"]]
    deriv = StoredDerivation(name=entry["name"], title=entry["title"], claims=claims,
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
        for dist, version in data.get("libs", {}).items():   # libraries the claims' callables use
            if _dist_version(dist) != version:
                return None
        return _report_from_entry(data["report"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def put_report(store: "VerdictCache", report, samples: int, only=None) -> bool:
    """Store a whole report (when every verdict is storable and every claim has a cache key), with the
    digests of the files it depends on.  A report with an uncacheable claim is not stored: that claim's
    verdict must be recomputed on every run."""
    if not all(cacheable(r.verdict) for r in report.results):
        return False
    session = _Session()
    keys = _keys_in_session([r.claim for r in report.results], report.derivation.scope,
                            settings_now(report.digits, samples), session)
    if any(k is None for k in keys):
        return False
    name = report.derivation.name
    if f"derivations.{name}" not in sys.modules:
        return False
    path = store._path(_report_key(name, settings_now(report.digits, samples), only))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        deps = {**_loaded_project_files(name), **session.files}
        libs = {d: _dist_version(d) for top in sorted(session.libs) for d in _library_dists(top)}
        tmp.write_text(json.dumps({"format": FORMAT, "deps": deps, "libs": libs,
                                   "report": _report_entry(report)}))
        os.replace(tmp, path)
    except OSError:
        return False
    return True
