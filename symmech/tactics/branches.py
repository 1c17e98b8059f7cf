"""Resolve Min / Max / Abs / Heaviside / Piecewise branches that are decided on a box.

A claim such as ``min(a x, a l) - x d/dx min(a x, a l) = 0`` for ``x`` in a range
below ``l`` is an identity only because every point of the range takes the same
branch.  :func:`resolve_branches` replaces each branch construct whose choice
is *shown* (by :func:`symmech.tactics.provers.symbolic_nonneg`) to be the same on the
whole box by the chosen expression, innermost first, and repeats until nothing
changes.  Undecided constructs are left as they are, so the result is equal to
the input at every point of the box.
"""
from __future__ import annotations

from typing import Callable, Mapping

import sympy as sp

from symmech.tactics.provers import symbolic_nonneg

_KINDS = (sp.Min, sp.Max, sp.Abs, sp.Heaviside, sp.Piecewise, sp.sign)


def has_branches(expr: sp.Expr) -> bool:
    return any(expr.has(k) for k in _KINDS)


def resolve_branches(expr: sp.Expr, box: Mapping[sp.Symbol, sp.Interval], *, rounds: int = 4) -> sp.Expr:
    """``expr`` with every branch choice that is constant on ``box`` made (equal on the box)."""
    def nonneg(e: sp.Expr, strict: bool) -> bool:
        e = sp.sympify(e)
        if e.is_number:
            return bool(e.is_positive if strict else e.is_nonnegative)
        return bool(symbolic_nonneg(e, {s: d for s, d in box.items() if s in e.free_symbols}, strict))

    for _ in range(rounds):
        new = _resolve_once(expr, nonneg)
        if new == expr:
            return expr
        expr = new
    return expr


def _resolve_once(expr: sp.Expr, nonneg: Callable[[sp.Expr, bool], bool]) -> sp.Expr:
    if not isinstance(expr, sp.Basic) or not expr.args or isinstance(expr, (sp.Integral, sp.Tuple)):
        return expr
    if isinstance(expr, sp.Piecewise):
        return _piecewise(expr, nonneg)
    args = [_resolve_once(a, nonneg) for a in expr.args]
    e = expr.func(*args) if args != list(expr.args) else expr
    if isinstance(e, (sp.Min, sp.Max)):
        return _min_max(e, nonneg)
    if isinstance(e, sp.Abs):
        u = e.args[0]
        if nonneg(u, False):
            return u
        if nonneg(-u, False):
            return -u
    if isinstance(e, sp.Heaviside):
        u = e.args[0]
        if nonneg(u, True):
            return sp.Integer(1)
        if nonneg(-u, True):
            return sp.Integer(0)
    if isinstance(e, sp.sign):
        u = e.args[0]
        if nonneg(u, True):
            return sp.Integer(1)
        if nonneg(-u, True):
            return sp.Integer(-1)
    return e


def _min_max(e: sp.Expr, nonneg) -> sp.Expr:
    """Drop every argument that is shown never to be the min (max) on the box."""
    args = list(e.args)
    keep = list(args)
    for a in args:
        for b in keep:
            if b is a or b not in keep or a not in keep:
                continue
            # a >= b everywhere: a is never needed by Min; a <= b: never needed by Max
            if (nonneg(a - b, False) if isinstance(e, sp.Min) else nonneg(b - a, False)):
                keep.remove(a)
                break
    return keep[0] if len(keep) == 1 else e.func(*keep)


def _decide(cond, nonneg) -> bool | None:
    """True / False if the condition has the same truth value on the whole box, else None."""
    if cond in (sp.true, True):
        return True
    if cond in (sp.false, False):
        return False
    if isinstance(cond, sp.core.relational.Relational) and not isinstance(cond, (sp.Eq, sp.Ne)):
        d = cond.rhs - cond.lhs          # lhs < rhs  <=>  d > 0
        if isinstance(cond, (sp.StrictLessThan, sp.LessThan)):
            strict = isinstance(cond, sp.StrictLessThan)
        else:                             # > or >=: flip
            d, strict = -d, isinstance(cond, sp.StrictGreaterThan)
        if nonneg(d, strict):
            return True
        if nonneg(-d, not strict):
            return False
        return None
    if isinstance(cond, (sp.Eq, sp.Ne)):
        d = cond.lhs - cond.rhs
        if nonneg(d, True) or nonneg(-d, True):
            return isinstance(cond, sp.Ne)
        return None
    if isinstance(cond, sp.And):
        vals = [_decide(c, nonneg) for c in cond.args]
        if any(v is False for v in vals):
            return False
        return True if all(v is True for v in vals) else None
    if isinstance(cond, sp.Or):
        vals = [_decide(c, nonneg) for c in cond.args]
        if any(v is True for v in vals):
            return True
        return False if all(v is False for v in vals) else None
    return None


def _piecewise(e: sp.Piecewise, nonneg) -> sp.Expr:
    """Drop branches whose condition is false on the box; take the first one that is true."""
    kept = []
    for value, cond in e.args:
        d = _decide(cond, nonneg)
        if d is False:
            continue
        value = _resolve_once(value, nonneg)
        if d is True:
            if not kept:
                return value
            kept.append((value, True))
            break
        kept.append((value, cond))
    if not kept:
        return e
    return sp.Piecewise(*kept)
