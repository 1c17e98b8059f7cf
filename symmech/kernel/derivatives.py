"""Total derivatives through defined roots and systems (implicit differentiation).

A defined root ``r`` of ``g(r, k) = 0`` is a function ``r(k)`` of the parameters: a monotone argument in
``k`` needs ``d/dk f(k, r(k)) = f_k + f_r r'(k)`` with ``r'(k) = -g_k / g_r`` (implicit function
theorem), not the partial derivative ``f_k`` with ``r`` held fixed.  The theorem needs ``g_r != 0``
(for a system, ``det J != 0``) wherever ``k`` ranges: returned as conditions for the caller to prove.
"""
from __future__ import annotations

from typing import Sequence

import sympy as sp

Condition = tuple[sp.Expr, bool]


def total_derivative(f: sp.Expr, var: sp.Symbol, roots: Sequence = (), systems: Sequence = ()
                     ) -> tuple[sp.Expr, list[Condition], list[sp.Symbol]]:
    """``(df/dvar, conditions, dependents)``: the total derivative of ``f`` in ``var`` with every defined
    root and system symbol that depends on ``var`` differentiated implicitly; the conditions
    (``(expr, strict)``: ``expr > 0``) under which the implicit function theorem applies; the symbols
    that move with ``var``."""
    f = sp.sympify(f)
    rate: dict[sp.Symbol, sp.Expr] = {}
    conditions: list[Condition] = []

    def d(e: sp.Expr) -> sp.Expr:
        e = sp.sympify(e)
        out = sp.diff(e, var)
        for s, ds in rate.items():
            if s in e.free_symbols:
                out += sp.diff(e, s) * ds
        return out

    for root in roots:                         # in order: a root may depend on earlier ones
        g = sp.sympify(root.equation)
        if not (g.free_symbols & ({var} | set(rate))):
            continue
        g_r = sp.diff(g, root.symbol)
        rate[root.symbol] = -d(g) / g_r
        conditions.append((g_r ** 2, True))
    for system in systems:
        syms = list(system.symbols)
        eqs = [sp.sympify(e) for e in system.equations]
        if not any(e.free_symbols & ({var} | set(rate)) for e in eqs):
            continue
        jac = sp.Matrix(eqs).jacobian(syms)
        rhs = sp.Matrix([-d(e) for e in eqs])
        sol = jac.LUsolve(rhs)
        for s, ds in zip(syms, sol):
            rate[s] = ds
        conditions.append((jac.det() ** 2, True))
    return d(f), conditions, list(rate)
