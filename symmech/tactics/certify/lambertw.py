"""Exact identity route for claims with one LambertW of a box variable.

If ``f`` contains exactly one ``LambertW(z, b)`` (``b`` in {0, -1}), with
``z = a*k + c`` affine in one box variable ``k`` (``a != 0``), then on the box
``w = LambertW(z, b)`` is a bijection onto its branch range and
``k = (w*exp(w) - c)/a``.  Writing ``w = -1 + u`` (branch 0) or ``w = -1 - u``
(branch -1) with ``u >= 0`` turns ``f`` into ``F(u)``; if SymPy simplifies
``F`` to 0 for all ``u >= 0`` then ``f == 0`` wherever it is defined on the
box (the same trust as the ``identity(symbolic)`` route).  The route also
checks exactly that ``z`` stays in the real domain of the branch on the box.
"""
from __future__ import annotations

import sympy as sp


def lambertw_identity(expr, symbols, dom, zero_test) -> str | None:
    """Return a description of the proof when ``expr == 0`` is shown, else None."""
    ws = [e for e in sp.preorder_traversal(expr) if isinstance(e, sp.LambertW)]
    ws = list(dict.fromkeys(ws))
    if len(ws) != 1:
        return None
    W = ws[0]
    z = W.args[0]
    b = W.args[1] if len(W.args) > 1 else sp.Integer(0)
    if b not in (0, -1):
        return None
    ks = [s for s in z.free_symbols if s in symbols]
    if len(ks) != 1 or z.free_symbols - {ks[0]}:
        return None
    k = ks[0]
    i = list(symbols).index(k)
    a = sp.diff(z, k)
    if a.free_symbols or a == 0 or sp.diff(z, k, 2) != 0:
        return None
    c = sp.simplify(z - a * k)
    lo, hi = (sp.Rational(int(q.p), int(q.q)) for q in dom[i][:2])
    zl, zh = sorted([z.subs(k, lo), z.subs(k, hi)], key=lambda v: float(v))
    if not bool(zl >= -sp.exp(-1)):
        return None
    if b == -1 and not bool(zh < 0):
        return None
    u = sp.Symbol("u_w", nonnegative=True)
    w = -1 + u if b == 0 else -1 - u
    F = expr.subs(W, w).subs(k, (w * sp.exp(w) - c) / a)
    if F.has(sp.LambertW) or k in F.free_symbols:
        return None
    if not zero_test(F):
        return None
    return (f"f == 0 identically: with w = {W} = {w} (u >= 0, the range of branch {b}), "
            f"{k} = {sp.simplify((w * sp.exp(w) - c) / a)} and f simplifies to 0; "
            f"{z} stays in the branch's real domain on the box")
