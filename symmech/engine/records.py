"""One JSON record for every command (``--json``): an envelope naming the tool, the command and its subject,
with one record per claim (or per answer in ask mode).  The schema is published as
``docs/schema/result-1.json`` and every command's output is validated against it in the tests."""
from __future__ import annotations

from importlib import metadata
from typing import Any, Iterable, Mapping

#: the schema's identifier; bump the number when a field changes meaning or disappears
SCHEMA = "symmech-result/1"

STATUSES = ("proved", "certified", "confirmed", "refuted", "undecided")


def version() -> str:
    """The installed version of symmech (the package metadata; the root's ``__version__`` is the same)."""
    try:
        return metadata.version("symmech")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree without installing
        return "unknown"


def envelope(command: str, subject: str | None, *, ok: bool, exit_code: int, seconds: float | None = None,
             digits: int | None = None, claims: Iterable[Mapping] = (), answers: Iterable[Mapping] | None = None,
             error: str | None = None, extra: Mapping[str, Any] | None = None) -> dict:
    """The record of one run of ``command`` on ``subject`` (a derivation, a file): what was found, and how."""
    out: dict[str, Any] = {
        "schema": SCHEMA,
        "tool": {"name": "symmech", "version": version()},
        "command": command,
        "subject": subject,
        "ok": bool(ok),
        "exit_code": int(exit_code),
        "seconds": None if seconds is None else round(float(seconds), 3),
        "digits": digits,
        "error": error,
        "claims": list(claims),
    }
    if answers is not None:
        out["answers"] = list(answers)
    if extra:
        out["extra"] = dict(extra)
    return out


def counterexample(point: Mapping | None, value: Any = None) -> dict | None:
    """A counterexample as data: the point (name -> exact or decimal value, as text) and the residual there."""
    if point is None:
        return None
    return {"point": {str(k): str(v) for k, v in dict(point).items()},
            "value": None if value in (None, "") else str(value)}


def claim(*, id: str, status: str, detail: str = "", statement: str = "", source: str = "",
          expect: str | None = None, corrected: str | None = None, method: str | None = None,
          rule: str | None = None, agrees: bool | None = None, witness: dict | None = None,
          trust: Iterable[Mapping] = (), seconds: float | None = None, cached: bool = False) -> dict:
    """The record of one claim's verdict."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    return {"id": id, "statement": statement, "source": source, "expect": expect, "corrected": corrected or None,
            "status": status, "method": method, "rule": rule, "agrees": agrees, "detail": detail,
            "counterexample": witness, "trust": list(trust),
            "seconds": None if seconds is None else round(float(seconds), 3), "cached": bool(cached)}
