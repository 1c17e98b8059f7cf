"""Perturbations of model values (for :mod:`symmech.harness.vacuity`): where a value can be perturbed and how.

A value is walked into its parts -- items of tuples and lists, values of dicts, fields of data classes and
attributes of the model objects of ``symmech.models`` and of the derivation's own classes -- down to the
numbers and expressions in it.  Each such part gets operators:

========== ==========================================================================================
operator   perturbation
========== ==========================================================================================
shift      a number or expression ``x -> x + d`` (``d = 1/7`` by default: a generic, not a tiny, change); a 0
           also ``-> -d`` (operator ``down``: scaling and negating leave it 0)
scale      ``x -> x (1 + d)`` (not for 0)
subst      one symbol moved inside an expression only, ``f(k) -> f(k + d)`` (at most four symbols)
negate     an expression in a variable (a density piece, an allocation, a payment rule) ``f -> -f``; a symbol
           alone is perturbed only as an entry of a container (an atom's mass, a price), never as a binding or a
           field (a variable)
int        an integer entry of a container (a grid value) ``n -> n + 1``; an integer field or attribute of an
           object (``n`` goods, ``I`` bidders) is a dimension and is left alone
mass       a finite law -- exact numbers >= 0 summing to 1, as a tuple, a list or a dict's values: ``d p_j`` moved
           from entry ``j`` to entry ``i`` (its entries are never perturbed one by one: a law stays a law)
point      a finite law given as a dict ``{point: mass}``: one atom's point moved by ``d``
call_*     a rule given as a Python function inside a model object (an auction's allocation or payments, a
           choice rule): every number of its results scaled by ``1 + d``, or its first number shifted by ``d``
break      an inner breakpoint of a :class:`~symmech.models.piecewise.PiecewiseFunction` moved a fraction ``d``
           towards the next one; the last one (a support end) moved out by ``d`` times the width
========== ==========================================================================================

A perturbed object is rebuilt through its constructor (``dataclasses.replace``, so it is validated and its
derived state recomputed); when the constructor's signature does not match its fields, or it rejects the
perturbed value (e.g. a valuation above its grand bundle's), the object is copied and the field set directly, and
the perturbation says so ("set directly").  Nothing here is a claim, a scope or a derivation: those are never
perturbed (parameters' ranges are perturbed by the driver, through the scope).
"""
from __future__ import annotations

import copy
import dataclasses
import functools
import types
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Iterator

import sympy as sp

from symmech.claims import Claim
from symmech.models.piecewise import PiecewiseFunction

DELTA = Fraction(1, 7)

Step = tuple          # ("item", i) | ("key", k) | ("field", name) | ("attr", name)
Path = tuple          # of steps

#: modules whose objects are walked into (model objects); claims, scopes and derivations never are
_MODEL_MODULES = ("symmech.models", "derivations")
_NEVER = ("symmech.engine", "symmech.claims", "symmech.kernel", "symmech.tactics", "symmech.checks")


@dataclass(frozen=True)
class Op:
    kind: str             # shift | down | scale | subst | negate | int | mass | point | call_* | break
    arg: tuple = ()

    def describe(self, delta: Fraction) -> str:
        d = _q(delta)
        if self.kind == "shift":
            return f"+ {d}"
        if self.kind == "down":
            return f"- {d}"
        if self.kind == "scale":
            return f"* {1 + d}"
        if self.kind == "negate":
            return "negated"
        if self.kind == "subst":
            return f"{self.arg[0]} -> {self.arg[0]} + {d} inside it"
        if self.kind == "int":
            return "+ 1"
        if self.kind == "mass":
            i, j = self.arg
            return f"mass {d} * p[{j}] moved from [{j}] to [{i}]"
        if self.kind == "call_scale":
            return f"its results * {1 + d}"
        if self.kind == "call_first":
            return f"its result's first entry + {d}"
        if self.kind == "point":
            return f"atom at {_short(self.arg[0])} moved by {d}"
        if self.kind == "break":
            return f"breakpoint [{self.arg[0]}] moved by {d} of its piece"
        return self.kind


@dataclass(frozen=True)
class Perturbation:
    """One perturbation: at site ``key`` (name, line), the part ``path`` of the value, operator ``op``."""

    key: tuple
    path: Path
    op: Op
    delta: Fraction = DELTA
    #: the object holding the part had to be rebuilt without its constructor (see the module docstring)
    direct: bool = False

    def apply(self, value: Any) -> Any:
        try:
            return _apply(value, self.path, self.op, self.delta)
        except _Inapplicable:
            return value

    def describe(self) -> str:
        name, line = self.key
        return (f"{name} (line {line}){path_text(self.path)}: {self.op.describe(self.delta)}"
                + (" (set directly)" if self.direct else ""))


class _Inapplicable(Exception):
    """The path does not exist in this value (a later value of the site has another shape)."""


def path_text(path: Path) -> str:
    out = []
    for kind, x in path:
        if kind in ("field", "attr"):
            out.append(f".{x}")
        elif kind == "item":
            out.append(f"[{x}]")
        else:
            out.append(f"[{_short(x)}]")
    return "".join(out)


def _short(x: Any) -> str:
    text = repr(sorted(x)) if isinstance(x, frozenset) else str(x)
    return text if len(text) <= 40 else text[:37] + "..."


def _q(x) -> sp.Rational:
    return sp.Rational(x.numerator, x.denominator) if isinstance(x, Fraction) else sp.Rational(x)


# --------------------------------------------------------------------------------------------------
# where a value can be perturbed
# --------------------------------------------------------------------------------------------------
def _is_number(x: Any) -> bool:
    return (isinstance(x, (Fraction, float, sp.Number)) or (isinstance(x, int) and not isinstance(x, bool)))


def _number_ops(x: Any) -> list[Op]:
    if isinstance(x, bool):
        return []
    if isinstance(x, int):
        return [Op("int")]
    if isinstance(x, (Fraction, float)) or (isinstance(x, sp.Number) and x.is_finite):
        return [Op("shift")] + ([Op("scale")] if x != 0 else [Op("down")])
    return []


def _expr_ops(e: sp.Expr, in_container: bool) -> list[Op]:
    """A symbol alone is a variable where it is bound or where it is an object's field (``var``); as an entry
    of a container (an atom's mass ``kt``, a price ``v_L``) it is a model value like any expression."""
    if not isinstance(e, sp.Expr) or (isinstance(e, (sp.Symbol, sp.Dummy)) and not in_container):
        return []
    if e.is_Number:
        return _number_ops(e)
    ops = [Op("shift"), Op("scale")]
    if e.free_symbols:
        ops.append(Op("negate"))
    if not isinstance(e, (sp.Symbol, sp.Dummy)):
        # one symbol moved inside the value only (a parameter in a formula: (theta - k)/ln(theta) with
        # k -> k + d); shifting, scaling or negating the whole leaves its critical points where they are
        ops += [Op("subst", (sym,)) for sym in sorted(e.free_symbols, key=str)[:4]]
    return ops


def _walkable(obj: Any) -> bool:
    """A model object whose fields or attributes are walked into."""
    if isinstance(obj, Claim) or isinstance(obj, type):
        return False
    mod = type(obj).__module__ or ""
    if any(mod.startswith(m) for m in _NEVER):
        return False
    if type(obj).__name__ in ("Scope", "Derivation", "Verdict", "DefinedRoot"):
        return False
    return dataclasses.is_dataclass(obj) or any(mod.startswith(m) for m in _MODEL_MODULES) or "__vacuity" in mod


def _parts(obj: Any) -> list[tuple[Step, Any]]:
    if isinstance(obj, (tuple, list, sp.Tuple)):
        return [(("item", i), x) for i, x in enumerate(obj)]
    if isinstance(obj, dict):
        return [(("key", k), v) for k, v in obj.items()]
    if dataclasses.is_dataclass(obj):
        skip = ("breaks",) if isinstance(obj, PiecewiseFunction) else ()     # moved by the "break" operator
        return [(("field", f.name), getattr(obj, f.name)) for f in dataclasses.fields(obj)
                if not f.name.startswith("_") and f.name not in skip and hasattr(obj, f.name)]
    state = getattr(obj, "__dict__", None) or {}
    return [(("attr", k), v) for k, v in state.items() if not k.startswith("__")]


def _probability_vector(obj: Any) -> bool:
    """Exact numbers >= 0 summing to 1 (a tuple or list of masses, or the values of a dict): a finite law."""
    values = list(obj.values()) if isinstance(obj, dict) else obj
    if not isinstance(obj, (tuple, list, dict)) or len(values) < 1 or \
            not all(_is_number(x) and not isinstance(x, (bool, float)) for x in values):
        return False
    if not isinstance(obj, dict) and all(isinstance(x, int) for x in values):
        return False                      # (0, 1): an order of bidders, an index -- not a law
    try:
        return all(x >= 0 for x in values) and sum(values) == 1 and all(not isinstance(x, int) or x in (0, 1)
                                                                        for x in values)
    except TypeError:
        return False


def _numeric_key(k: Any) -> bool:
    return _is_number(k) and not isinstance(k, (bool, int)) or (isinstance(k, tuple) and bool(k) and all(
        _is_number(x) and not isinstance(x, bool) for x in k))


def candidates(value: Any, *, depth: int = 6, limit: int = 400) -> list[tuple[Path, Op]]:
    """Every (path, operator) of ``value``, in walk order (at most ``limit``)."""
    out: list[tuple[Path, Op]] = []
    seen: set[int] = set()

    def walk(obj: Any, path: Path, d: int) -> None:
        if len(out) >= limit:
            return
        in_object = bool(path) and path[-1][0] in ("field", "attr")
        if _is_number(obj):
            if not (isinstance(obj, int) and in_object):      # an int field is a dimension (n goods, I bidders)
                out.extend((path, op) for op in _number_ops(obj))
            return
        if isinstance(obj, sp.Expr):
            out.extend((path, op) for op in _expr_ops(obj, bool(path) and path[-1][0] in ("item", "key")))
            return
        if isinstance(obj, types.FunctionType):
            # a rule given as a Python function inside a model object (an auction's payments, a menu's choice):
            # its results are perturbed
            if path:
                out.extend((path, Op(kind)) for kind in ("call_scale", "call_first"))
            return
        if isinstance(obj, (str, bytes, bool, type(None), frozenset, set)):
            return
        if isinstance(obj, sp.Basic) and not isinstance(obj, sp.Tuple):
            return
        if d <= 0 or id(obj) in seen:
            return
        if not isinstance(obj, (tuple, list, dict, sp.Tuple)) and not _walkable(obj):
            return
        seen.add(id(obj))
        if _probability_vector(obj):
            # a law stays a law: mass moved between two entries, an atom's point moved (never one mass alone)
            keys = list(obj) if isinstance(obj, dict) else list(range(len(obj)))
            if len(keys) > 1:
                out.extend((path, Op("mass", pair)) for pair in ((keys[0], keys[-1]), (keys[-1], keys[0])))
            if isinstance(obj, dict):
                out.extend((path, Op("point", (k,))) for k in _spread([k for k in keys if _numeric_key(k)], 2))
            return
        if isinstance(obj, PiecewiseFunction):
            n = len(obj.breaks)
            out.extend((path, Op("break", (j,))) for j in range(1, n))
        for step, x in _parts(obj):
            walk(x, path + (step,), d - 1)

    walk(value, (), depth)
    return out[:limit]


def _shape(path: Path) -> tuple:
    """The path with item indices and dict keys wildcarded: parts of one kind (every type's value of a
    bundle, every row's payment) share a shape."""
    return tuple((kind, "*") if kind in ("item", "key") else (kind, x) for kind, x in path)


def _spread(items: list, n: int) -> list:
    if len(items) <= n:
        return list(items)
    if n <= 1:
        return items[:1]
    idx = sorted({round(i * (len(items) - 1) / (n - 1)) for i in range(n)})
    return [items[i] for i in idx]


def select(cands: list[tuple[Path, Op]], max_paths: int, zero: frozenset = frozenset()) -> list[tuple[Path, Op]]:
    """At most ``max_paths`` distinct paths, with all their operators, in walk order: first one path of each
    shape (so that every kind of part -- a type's value, a mass, a lottery, a payment -- is perturbed), then
    paths spread evenly over the rest."""
    paths: list[Path] = []
    for p, _ in cands:
        if p not in paths:
            paths.append(p)
    firsts: dict[tuple, Path] = {}
    for p in paths:                          # a representative that is not 0 (0 is often structural)
        if p not in zero:
            firsts.setdefault(_shape(p), p)
    for p in paths:
        firsts.setdefault(_shape(p), p)
    keep = _spread(list(firsts.values()), max_paths)
    rest = [p for p in paths if p not in keep]
    keep += _spread(rest, max_paths - len(keep)) if len(keep) < max_paths else []
    chosen = set(keep)
    return [(p, op) for p, op in cands if p in chosen]


# --------------------------------------------------------------------------------------------------
# applying a perturbation
# --------------------------------------------------------------------------------------------------
def _on_result(r: Any, kind: str, delta: Fraction) -> Any:
    """A function's result perturbed: every number in it scaled, or its first number shifted."""
    if kind == "call_scale":
        if isinstance(r, (tuple, list)):
            return _rebuild_seq(r, [_on_result(x, kind, delta) for x in r])
        try:
            return _leaf(r, Op("scale"), delta)
        except _Inapplicable:
            return r
    if isinstance(r, (tuple, list)) and r:
        return _rebuild_seq(r, [_on_result(r[0], kind, delta)] + list(r[1:]))
    try:
        return _leaf(r, Op("shift"), delta)
    except _Inapplicable:
        return r


def _perturbed_function(fn, kind: str, delta: Fraction):
    @functools.wraps(fn)
    def perturbed(*args, **kwargs):
        return _on_result(fn(*args, **kwargs), kind, delta)

    return perturbed


def _leaf(x: Any, op: Op, delta: Fraction) -> Any:
    if isinstance(x, bool):
        raise _Inapplicable
    if op.kind in ("call_scale", "call_first"):
        if not isinstance(x, types.FunctionType):
            raise _Inapplicable
        return _perturbed_function(x, op.kind, delta)
    if op.kind == "int":
        if not isinstance(x, int):
            raise _Inapplicable
        return x + 1
    if isinstance(x, float):
        d = float(delta)
    elif isinstance(x, Fraction):
        d = delta
    elif isinstance(x, int):
        d = delta
    elif isinstance(x, sp.Basic):
        d = _q(delta)
    else:
        raise _Inapplicable
    if op.kind == "shift":
        return x + d
    if op.kind == "down":
        return x - d
    if op.kind == "scale":
        return x * (1 + d)
    if op.kind == "negate":
        return -x
    if op.kind == "subst":
        (sym,) = op.arg
        if not isinstance(x, sp.Basic) or sym not in x.free_symbols:
            raise _Inapplicable
        return x.xreplace({sym: sym + d})
    raise _Inapplicable


def _container_op(obj: Any, op: Op, delta: Fraction) -> Any:
    if op.kind == "mass" and isinstance(obj, dict):
        i, j = op.arg
        if i not in obj or j not in obj:
            raise _Inapplicable
        out = copy.copy(obj)
        moved = obj[j] * (_q(delta) if isinstance(obj[j], sp.Basic) else delta)
        out[i], out[j] = obj[i] + moved, obj[j] - moved
        return out
    if op.kind == "point" and isinstance(obj, dict):
        (k,) = op.arg
        if k not in obj:
            raise _Inapplicable
        new = tuple(_leaf(x, Op("shift"), delta) for x in k) if isinstance(k, tuple) else _leaf(k, Op("shift"), delta)
        if new in obj:
            raise _Inapplicable
        out = type(obj)() if type(obj) is not dict else {}
        for key, v in obj.items():
            out[new if key == k else key] = v
        return out
    if op.kind == "mass":
        i, j = op.arg
        items = list(obj)
        if not isinstance(i, int) or max(i, j) >= len(items):
            raise _Inapplicable
        d = _q(delta) if isinstance(items[j], sp.Basic) else delta
        moved = items[j] * d
        items[i] = items[i] + moved
        items[j] = items[j] - moved
        return _rebuild_seq(obj, items)
    if op.kind == "break" and isinstance(obj, PiecewiseFunction):
        (j,) = op.arg
        b = list(obj.breaks)
        if j >= len(b):
            raise _Inapplicable
        d = _q(delta)
        b[j] = b[j] + d * (b[j + 1] - b[j]) if j + 1 < len(b) else b[j] + d * (b[j] - b[0])
        return _set(obj, ("field", "breaks"), tuple(b))[0]
    raise _Inapplicable


def _rebuild_seq(obj: Any, items: list) -> Any:
    if isinstance(obj, sp.Tuple):
        return sp.Tuple(*items)
    if isinstance(obj, list):
        return type(obj)(items) if type(obj) is not list else items
    if hasattr(obj, "_fields"):          # a named tuple
        return type(obj)(*items)
    return tuple(items) if type(obj) is tuple else type(obj)(items)


def _get(obj: Any, step: Step) -> Any:
    kind, x = step
    try:
        if kind == "item":
            if not isinstance(obj, (tuple, list, sp.Tuple)):
                raise _Inapplicable
            return obj[x]
        if kind == "key":
            if not isinstance(obj, dict):
                raise _Inapplicable
            return obj[x]
        return getattr(obj, x)
    except (IndexError, KeyError, AttributeError, TypeError):
        raise _Inapplicable from None


def _set(obj: Any, step: Step, new: Any) -> tuple[Any, bool]:
    """``obj`` with the part ``step`` replaced by ``new``; the flag says whether it was rebuilt unvalidated."""
    kind, x = step
    if kind == "item":
        items = list(obj)
        items[x] = new
        return _rebuild_seq(obj, items), False
    if kind == "key":
        out = copy.copy(obj)
        out[x] = new
        return out, False
    if kind == "field":
        try:
            return dataclasses.replace(obj, **{x: new}), False
        except Exception:  # noqa: BLE001 - the constructor refuses or has another signature: set the field
            pass
    out = copy.copy(obj)
    try:
        object.__setattr__(out, x, new)
    except (AttributeError, TypeError):
        raise _Inapplicable from None
    return out, True


def _apply(value: Any, path: Path, op: Op, delta: Fraction) -> Any:
    if not path:
        if op.kind in ("mass", "break", "point"):
            return _container_op(value, op, delta)
        return _leaf(value, op, delta)
    part = _get(value, path[0])
    new = _apply(part, path[1:], op, delta)
    return _set(value, path[0], new)[0]


def unvalidated(value: Any, path: Path, op: Op, delta: Fraction = DELTA) -> bool:
    """Whether applying the perturbation needs a rebuild that bypasses a constructor (for the report)."""
    flags: list[bool] = []

    def rec(obj: Any, p: Path) -> Any:
        if not p:
            return _container_op(obj, op, delta) if op.kind in ("mass", "break", "point") else _leaf(obj, op, delta)
        new = rec(_get(obj, p[0]), p[1:])
        out, flag = _set(obj, p[0], new)
        flags.append(flag)
        return out

    try:
        rec(value, path)
    except _Inapplicable:
        return False
    return any(flags)


def _zero_paths(value: Any, cands: list[tuple[Path, Op]]) -> frozenset:
    out = set()
    for path, op in cands:
        if op.kind in ("mass", "break", "point"):
            continue
        try:
            x = value
            for step in path:
                x = _get(x, step)
            if x == 0:
                out.add(path)
        except (_Inapplicable, TypeError):
            continue
    return frozenset(out)


def perturbations(key: tuple, value: Any, *, max_paths: int = 10, delta: Fraction = DELTA) -> Iterator[Perturbation]:
    """The perturbations of the value ``value`` first seen at site ``key``."""
    cands = candidates(value)
    for path, op in select(cands, max_paths, _zero_paths(value, cands)):
        yield Perturbation(key, path, op, delta, unvalidated(value, path, op, delta))
