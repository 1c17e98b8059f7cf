"""Seller best response against a law supported on a curve that need not be a ray.

Types v = V(x) in R^n_+, x ~ H on [lo, oo) (or [lo, hi]) with density h, V absolutely continuous
and each coordinate piecewise smooth.  For any IC, IR mechanism the envelope along the curve gives
U(V(x)) = U(V(lo)) + int_lo^x q . V', and integrating by parts (Che and Zhong, 'Robustly Optimal
Mechanisms for Selling Multiple Goods' (2023), proof of Thm. 1, eq. (11); Thm. B.1)

    R(M, F) <= sum_i int max(0, V_i(x) - V_i'(x) (1 - H(x)) / h(x)) dH(x)          (*)

(each q_i in [0, 1] put to 1 exactly where coordinate i's virtual value is positive).  The bound
is coordinate by coordinate, so each coordinate's breakpoints need no common refinement with the
others' (e.g. the kinks ell_K = beta_K / alpha_K of different groups need not be ordered).

:func:`curve_seller_bound` builds the claim "(*) <= value": on every piece it decides the sign of
the virtual value at a sample point, then *checks* that sign on the whole piece (so a wrong guess
is refuted, never assumed) and checks that the sum of the positive parts' integrals is <= value.
"""
from __future__ import annotations

from typing import Mapping, Sequence

import sympy as sp

from symmech.claims import AllOf, Claim, Identity, Inequality

Piece = tuple  # (expr in x, a, b); b may be sympy.oo


def virtual_value(V: sp.Expr, x: sp.Symbol, H: sp.Expr, h: sp.Expr) -> sp.Expr:
    """V(x) - V'(x) (1 - H(x)) / h(x)."""
    return sp.simplify(V - sp.diff(V, x) * (1 - H) / h)


def _sign_at(expr: sp.Expr, x: sp.Symbol, a, b, point: Mapping) -> int:
    a_, b_ = sp.sympify(a).subs(point), sp.sympify(b).subs(point)
    mid = (a_ + 1) if b_ == sp.oo else (a_ + b_) / 2
    val = sp.N(expr.subs(point).subs(x, mid), 30)
    if not val.is_real:
        raise ValueError(f"virtual value is not real at x = {mid}: {val}")
    return 1 if val > 0 else (-1 if val < 0 else 0)


def curve_seller_bound(x: sp.Symbol, H: sp.Expr, h: sp.Expr, curve: Sequence[Sequence[Piece]], value, *,
                       point: Mapping | None = None, x_max=None, id: str = "curve_seller_bound",
                       source: str = "", expect: str = "holds") -> Claim:
    """No mechanism earns more than ``value`` against the law of V(X), X ~ H (density h).

    ``curve[i]`` lists coordinate i's pieces ``(V_i(x), a, b)`` covering the support of X in order
    (``b`` may be ``sympy.oo``).  ``point`` gives parameter values used only to *guess* each
    piece's sign; the guess is then checked for all parameter values.  ``x_max`` (a finite
    stand-in for oo) is used as the upper end of the sign checks on unbounded pieces; the
    integrals themselves run to oo.
    """
    if not curve:
        raise ValueError("the curve needs at least one coordinate")
    point = dict(point or {})
    parts: list[Claim] = []
    total = sp.Integer(0)
    for i, pieces in enumerate(curve):
        if not pieces:
            raise ValueError(f"coordinate {i} has no pieces")
        for (_, _, b0), (_, a1, _) in zip(pieces[:-1], pieces[1:]):
            if sp.simplify(sp.sympify(b0) - sp.sympify(a1)) != 0:
                raise ValueError(f"coordinate {i}: pieces must be contiguous ({b0} != {a1})")
        for j, (V, a, b) in enumerate(pieces):
            vv = virtual_value(sp.sympify(V), x, H, h)
            free = (vv.free_symbols | sp.sympify(a).free_symbols | sp.sympify(b).free_symbols) - {x}
            missing = [s for s in free if s not in point]
            if missing:
                raise ValueError(f"give parameter values for the sign guess: {sorted(map(str, missing))}")
            sign = _sign_at(vv, x, a, b, point)
            hi = b
            if b == sp.oo:
                if x_max is None:
                    raise ValueError("an unbounded piece needs x_max for its sign check")
                hi = x_max
            tag = f"{id}.sign[{i},{j}]"
            if vv == 0:
                continue
            if b == sp.oo and sp.diff(vv, x) != 0:  # a sign checked on [a, x_max] must not change beyond it
                raise ValueError(f"coordinate {i} piece {j}: an unbounded piece needs a virtual value constant "
                                 "in x (split the piece or bound the support)")
            if sign > 0:
                parts.append(Inequality(tag, lhs=vv, rel=">=", rhs=0, over=[(x, a, hi)], source=source))
                total += sp.integrate(vv * h, (x, a, b))
            else:
                parts.append(Inequality(tag, lhs=vv, rel="<=", rhs=0, over=[(x, a, hi)], source=source))
    parts.append(Inequality(f"{id}.value", lhs=total, rel="<=", rhs=value, source=source))
    stmt = (r"\sup_M R(M, F) \le \sum_i \int \big(V_i - V_i'\tfrac{1-H}{h}\big)^+ dH \le "
            + sp.latex(sp.sympify(value)))
    return AllOf(id, statement=stmt, source=source, expect=expect, parts=parts)


def curve_bound_identity(x: sp.Symbol, H: sp.Expr, h: sp.Expr, curve: Sequence[Sequence[Piece]], value, *,
                         point: Mapping, id: str = "curve_bound_value", source: str = "") -> Identity:
    """The closed-form bound (*) equals ``value`` (the sum of the positive-part integrals, signs as guessed)."""
    total = sp.Integer(0)
    for pieces in curve:
        for V, a, b in pieces:
            vv = virtual_value(sp.sympify(V), x, H, h)
            if vv != 0 and _sign_at(vv, x, a, b, point) > 0:
                total += sp.integrate(vv * h, (x, a, b))
    return Identity(id, lhs=total, rhs=value, source=source,
                    statement=r"\sum_i \int \big(V_i - V_i'\tfrac{1-H}{h}\big)^+ dH = " + sp.latex(sp.sympify(value)))
