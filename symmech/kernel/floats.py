"""The one Float rule: a Float in a claim is the exact binary number it stores.

``Float(0.1)`` is 3602879701896397/36028797018963968, slightly above 1/10; a claim written with it is
about that number (docs/certifier.md).  Claims apply :func:`exact_floats` to everything they state, so
every prover, the certifier and the witness recheck see the same exact rationals.
"""
from __future__ import annotations

import sympy as sp


def exact_floats(expr):
    """``expr`` with every finite Float replaced by the exact rational value it stores."""
    expr = sp.sympify(expr)
    if not isinstance(expr, sp.Basic):
        return expr
    floats = expr.atoms(sp.Float)
    if not floats:
        return expr
    rep = {}
    for fl in floats:
        if not fl.is_finite:
            continue
        sign, man, exp, _ = fl._mpf_
        m = -int(man) if sign else int(man)
        rep[fl] = sp.Rational(m) * sp.Integer(2) ** int(exp)
    return expr.xreplace(rep)
