"""Reading the fields of a conjecture file: types, keys, formulas (whitelist parser only) and the notes on how
numbers were read (a TOML float taken as the exact decimal it prints as).  Shared by :mod:`.schema` (one good)
and :mod:`.multi_schema` (several bidders or goods)."""
from __future__ import annotations

import contextvars
import math
from fractions import Fraction
from typing import Any, Mapping

import sympy as sp

from symmech.models.parsing import ExpressionError, parse_expression
from .types import ConjectureError

__all__ = ["float_note"]


def _type(value: Any, types, where: str, what: str):
    if isinstance(value, bool) and bool not in (types if isinstance(types, tuple) else (types,)):
        raise ConjectureError(f"{where}: expected {what}, got a boolean")
    if not isinstance(value, types):
        raise ConjectureError(f"{where}: expected {what}, got {type(value).__name__} {value!r:.60}")
    return value


def _keys(table: Mapping, allowed: set, where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ConjectureError(f"{where}: unknown key(s) {', '.join(repr(u) for u in unknown)}; "
                              f"allowed: {', '.join(sorted(allowed))}")


#: notes on how the file being parsed was read (a TOML float taken as the decimal it prints as), in file order
_NOTES: contextvars.ContextVar[list | None] = contextvars.ContextVar("conjecture_read_notes", default=None)


def float_note(value: float, where: str) -> str | None:
    """The warning for a TOML float whose binary value is not the decimal it prints as (``0.9``), else None.

    Such a float is read as the exact decimal (``0.9`` -> ``9/10``), which is what a researcher means; the
    warning says so and recommends a string, which is read exactly with no warning."""
    text = repr(value)
    if Fraction(value) == Fraction(text):
        return None
    return (f"{where}: the TOML float {text} was read as the exact decimal {Fraction(text)} (its binary value "
            f"differs); write the string \"{Fraction(text)}\" to state it exactly")


def _text(value: Any, where: str) -> str:
    """A formula given as a TOML string (or a plain int/float, converted exactly from its text; a float whose
    binary value is not that decimal adds a warning, see :func:`float_note`)."""
    if isinstance(value, bool):
        raise ConjectureError(f"{where}: expected a formula (string), got a boolean")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ConjectureError(f"{where}: number must be finite")
        note = float_note(value, where)
        notes = _NOTES.get()
        if note and notes is not None and note not in notes:
            notes.append(note)
        return repr(value)
    if not isinstance(value, str):
        raise ConjectureError(f"{where}: expected a formula (string), got {type(value).__name__}")
    return value


def _expr(value: Any, symbols: Mapping[str, sp.Symbol], where: str) -> sp.Expr:
    text = _text(value, where)
    try:
        return parse_expression(text, symbols)
    except ExpressionError as exc:
        raise ConjectureError(f"{where}: {exc}") from None
