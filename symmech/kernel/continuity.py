"""Continuity by whitelist: the side condition of every rule that uses the fundamental theorem of
calculus or the intermediate value theorem (monotone arguments, sign changes, root brackets).

:func:`obligations` walks an expression and returns the sign conditions under which it is continuous
in the given variables, or the reason it cannot tell.  Only operations and functions listed here are
known continuous; each partial one (a quotient, a log, a fractional power, ``tan``, ``acot``, ``W``,
...) adds the condition that keeps its argument off its poles, jumps and branch cuts.  Anything else
-- ``Piecewise``, ``floor``, ``sign``, ``Mod``, an unknown function -- is refused: what is not known
to hold is not assumed.

A condition is ``(expr, strict)``: ``expr > 0`` (strict) or ``expr >= 0`` must hold wherever the
variables range.  Callers discharge the conditions with their provers.
"""
from __future__ import annotations

from typing import Iterable

import sympy as sp

Condition = tuple[sp.Expr, bool]

#: continuous on the whole real line (of a real argument), with real values
_EVERYWHERE = (sp.exp, sp.sin, sp.cos, sp.atan, sp.sinh, sp.cosh, sp.tanh, sp.asinh, sp.erf, sp.erfc,
               sp.Abs, sp.sech)
_HALF_PI = sp.pi / 2


class NotContinuous(ValueError):
    """The expression is not known to be continuous (the message says which part)."""


def obligations(expr: sp.Expr, variables: Iterable[sp.Symbol]) -> list[Condition]:
    """The conditions under which ``expr`` is a continuous real function of ``variables`` (the other
    symbols held fixed); raises :class:`NotContinuous` for a part that is not on the whitelist."""
    var = set(variables)
    out: list[Condition] = []
    _walk(sp.sympify(expr), var, out)
    seen: dict = {}
    for c in out:
        seen.setdefault(c, None)
    return list(seen)


def _walk(e: sp.Expr, var: set, out: list[Condition]) -> None:
    if not (e.free_symbols & var):
        if e.is_number and not (e.is_real and e.is_finite):
            if e.is_real is None and e.is_finite:
                return          # a real constant SymPy cannot classify (e.g. a W value): its own claim's matter
            raise NotContinuous(f"{e} is not a finite real number")
        return                  # constant in the variables
    if isinstance(e, sp.Symbol):
        if e.is_real is False:
            raise NotContinuous(f"{e} is not real")
        return
    if isinstance(e, (sp.Add, sp.Mul)):
        for a in e.args:
            if a.is_number and not a.is_real and a.is_real is not None:
                raise NotContinuous(f"{a} is not real")
            _walk(a, var, out)
        return
    if isinstance(e, sp.Pow):
        _pow(e, var, out)
        return
    if isinstance(e, (sp.Min, sp.Max)) or isinstance(e, _EVERYWHERE):
        for a in e.args:
            _walk(a, var, out)
        return
    if isinstance(e, sp.log):
        a = e.args[0]
        _walk(a, var, out)
        out.append((a, True))
        return
    if isinstance(e, (sp.tan, sp.sec)):
        a = e.args[0]
        _walk(a, var, out)
        out += [(_HALF_PI - a, True), (a + _HALF_PI, True)]
        return
    if isinstance(e, (sp.cot, sp.csc)):
        a = e.args[0]
        _walk(a, var, out)
        out += [(a, True), (sp.pi - a, True)]
        return
    if isinstance(e, (sp.asin, sp.acos)):
        a = e.args[0]
        _walk(a, var, out)
        out += [(1 - a, False), (1 + a, False)]
        return
    if isinstance(e, sp.atanh):
        a = e.args[0]
        _walk(a, var, out)
        out += [(1 - a, True), (1 + a, True)]
        return
    if isinstance(e, sp.acosh):
        a = e.args[0]
        _walk(a, var, out)
        out.append((a - 1, False))
        return
    if isinstance(e, (sp.acot, sp.coth, sp.csch)):
        a = e.args[0]
        _walk(a, var, out)
        out.append((a ** 2, True))          # a != 0: acot jumps at 0 in SymPy's convention
        return
    if isinstance(e, sp.acoth):
        a = e.args[0]
        _walk(a, var, out)
        out.append((a ** 2 - 1, True))
        return
    if isinstance(e, (sp.gamma, sp.loggamma, sp.digamma)):
        a = e.args[0]
        _walk(a, var, out)
        out.append((a, True))
        return
    if isinstance(e, sp.LambertW):
        z = e.args[0]
        branch = e.args[1] if len(e.args) > 1 else sp.Integer(0)
        _walk(z, var, out)
        if branch == 0:
            out.append((z + sp.exp(-1), False))
        elif branch == -1:
            out += [(z + sp.exp(-1), False), (-z, True)]
        else:
            raise NotContinuous(f"{e}: only the real branches 0 and -1 of W are known")
        return
    raise NotContinuous(f"{type(e).__name__} in {e} is not known to be continuous")


def _pow(e: sp.Pow, var: set, out: list[Condition]) -> None:
    b, x = e.args
    if not (x.free_symbols & var):
        _walk(b, var, out)
        if x.is_integer and x.is_nonnegative:
            return
        if x.is_integer and x.is_negative:
            out.append((b ** 2, True))                  # b != 0
            return
        if x.is_Rational:                               # a fractional power: SymPy's principal branch
            out.append((b, bool(x.is_negative)))        # is real and continuous only for b >= 0 (> 0)
            return
        if x.is_real and x.is_positive:
            out.append((b, False))
            return
        if x.is_real:
            out.append((b, True))
            return
        raise NotContinuous(f"the exponent of {e} is not known to be real")
    # a variable exponent: b**x = exp(x log b)
    _walk(x, var, out)
    if b.free_symbols & var:
        _walk(b, var, out)
        out.append((b, True))
    elif not (b.is_positive and b.is_finite):
        raise NotContinuous(f"the base of {e} is not shown positive")

