"""Exact revenue of a two-good menu under a polynomial density: the region where each menu item is
chosen is a convex polygon (half-planes ``u_k >= u_j``, ``u_k >= 0``, the box and, in ``M^I``,
``v_1 >= v_2``), clipped exactly in SymPy and integrated by triangles.  Used for the regression
values of Bikhchandani and Mishra (2022) (the Manelli-Vincent menu and its relatives)."""
from __future__ import annotations

from typing import Sequence

import sympy as sp

Pt = tuple[sp.Expr, sp.Expr]


def _clip(poly: list[Pt], a: Sequence, b) -> list[Pt]:
    """``poly`` intersected with the half-plane ``a . x <= b`` (Sutherland-Hodgman, exact)."""
    def side(p: Pt) -> sp.Expr:
        return sp.simplify(b - a[0] * p[0] - a[1] * p[1])

    out: list[Pt] = []
    for k in range(len(poly)):
        p, r = poly[k], poly[(k + 1) % len(poly)]
        sp_, sr = side(p), side(r)
        pin, rin = bool(sp_ >= 0), bool(sr >= 0)
        if pin:
            out.append(p)
        if pin != rin:
            lam = sp_ / (sp_ - sr)
            out.append((sp.simplify(p[0] + lam * (r[0] - p[0])), sp.simplify(p[1] + lam * (r[1] - p[1]))))
    return out


def integrate_polygon(f: sp.Expr, vars: Sequence[sp.Symbol], poly: list[Pt]) -> sp.Expr:
    """``int_poly f`` for a polynomial ``f`` (fan triangulation; exact)."""
    if len(poly) < 3:
        return sp.Integer(0)
    s, r = sp.symbols("_s _r", nonnegative=True)
    x, y = vars
    total = sp.Integer(0)
    A = poly[0]
    for k in range(1, len(poly) - 1):
        B, C = poly[k], poly[k + 1]
        det = (B[0] - A[0]) * (C[1] - A[1]) - (C[0] - A[0]) * (B[1] - A[1])
        X = A[0] + s * (B[0] - A[0]) + r * (C[0] - A[0])
        Y = A[1] + s * (B[1] - A[1]) + r * (C[1] - A[1])
        g = sp.expand(f.subs({x: X, y: Y}, simultaneous=True))
        total += sp.Abs(det) * sp.integrate(sp.integrate(g, (r, 0, 1 - s)), (s, 0, 1))
    return sp.radsimp(sp.expand(total))


def choice_regions(items: Sequence[tuple[Sequence, object]], lo=0, hi=1, model: str = "H") -> list[tuple[tuple, sp.Expr, list[Pt]]]:
    """``[(x_k, p_k, polygon_k)]``: where item k is chosen (ties have measure zero)."""
    its = []
    for x, p in items:
        key = (tuple(sp.sympify(a) for a in x), sp.sympify(p))
        if key not in its:
            its.append(key)
    lo, hi = sp.sympify(lo), sp.sympify(hi)
    box = [(lo, lo), (hi, lo), (hi, hi), (lo, hi)]
    out = []
    for k, (x, p) in enumerate(its):
        poly = list(box)
        if model == "I":
            poly = _clip(poly, (-1, 1), 0)                 # v2 - v1 <= 0
        poly = _clip(poly, (-x[0], -x[1]), -p)           # u_k >= 0
        for j, (y, pj) in enumerate(its):
            if j != k and poly:
                poly = _clip(poly, (y[0] - x[0], y[1] - x[1]), pj - p)   # u_j <= u_k
        out.append((x, p, poly))
    return out


def menu_revenue(items: Sequence[tuple[Sequence, object]], density: sp.Expr, vars: Sequence[sp.Symbol],
                 lo=0, hi=1, model: str = "H") -> sp.Expr:
    """``REV = sum_k p_k int_{region k} f`` on ``[lo, hi]^2`` (``model="I"``: the cone ``v_1 >= v_2``)."""
    total = sp.Integer(0)
    for x, p, poly in choice_regions(items, lo, hi, model):
        if p != 0:
            total += p * integrate_polygon(sp.sympify(density), vars, poly)
    return sp.radsimp(sp.expand(total))
