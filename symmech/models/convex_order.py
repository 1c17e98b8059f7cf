"""Moment conditions indexed by a continuum: convex-order (second-order) constraints.

An ambiguity set of the form

    F = { F on [lo, hi] : E_F[X] = m,  E_F (z - X)^+ <= C(z) for every z }

(Che and Zhong, 'Robustly Optimal Mechanisms for Selling Multiple Goods' (2023), eqs. (8)-(9) and
Thm. 3: F is a law of posterior means of a G with C(z) = E_G (z - S)^+) has a *dual certificate*
made of a constant lam, a mean multiplier mu and finitely many nonnegative weights w_j at points z_j:

    t(x) >= lam + mu x - sum_j w_j (z_j - x)^+    for every x in [lo, hi]          (minorant)
    w_j >= 0                                                                      (signs)
    lam + mu m - sum_j w_j C(z_j) = value                                        (value)

Then every F in the set has E_F[t] >= lam + mu m - sum_j w_j E_F (z_j - X)^+ >= value (weak
duality).  :func:`convex_order_certificate` returns that as a claim; :func:`convex_order_dominated`
checks that a given law (a :class:`~symmech.models.distributions.Distribution`) lies in the set, i.e.
E_F (z - X)^+ <= C(z) for all z, piece by piece.  Both only build claims; nothing is checked
until a derivation verifies them.
"""
from __future__ import annotations

from typing import Sequence

import sympy as sp

from symmech.claims import AllOf, Claim, Identity, Inequality
from symmech.models.distributions import Distribution
from symmech.models.mechanisms import Mechanism
from symmech.models.piecewise import PiecewiseFunction, merge_breaks


def _hinge_minorant(x: sp.Symbol, lam, mu, points: Sequence, weights: Sequence, breaks: Sequence):
    """The minorant as pieces on ``breaks`` (which contain every z_j): (z_j - x)^+ is z_j - x on the
    pieces left of z_j's position among the (ordered) breaks and 0 on the others."""
    where = {zj: list(breaks).index(zj) for zj in points}
    pieces = []
    for i in range(len(breaks) - 1):
        expr = lam + mu * x
        for zj, wj in zip(points, weights):
            if i + 1 <= where[zj]:
                expr -= wj * (zj - x)
        pieces.append(expr)
    return PiecewiseFunction(x, tuple(breaks), tuple(pieces))


def convex_order_certificate(M: Mechanism, mean, C, points: Sequence, weights: Sequence, lam, mu, value, *,
                             id: str = "convex_order_dual", source: str = "", expect: str = "holds") -> Claim:
    """Worst-case revenue of ``M`` over {E X = mean, E(z - X)^+ <= C(z) for all z} is >= ``value``.

    ``C`` is a callable z -> C(z) (or a SymPy expression in the mechanism's variable); ``points``
    are the hinge points z_j (they must be among, or orderable against, the payment's breaks),
    ``weights`` their multipliers w_j >= 0.  Checks the minorant on every piece of the payment,
    the signs w_j >= 0 and the value identity (weak duality, see the module docstring).
    """
    if len(points) != len(weights):
        raise ValueError(f"need one weight per hinge point: {len(points)} points, {len(weights)} weights")
    if not points:
        raise ValueError("give at least one hinge point z_j (with none, use checks.dual_certificate)")
    x = M.var
    Cf = C if callable(C) else (lambda u, _e=sp.sympify(C): _e.subs(x, u))
    points = [sp.sympify(z) for z in points]
    weights = [sp.sympify(w) for w in weights]
    lam, mu, value = sp.sympify(lam), sp.sympify(mu), sp.sympify(value)
    new = sorted({z for z in points if z not in M.payment.breaks}, key=sp.default_sort_key)
    breaks = merge_breaks(M.payment.breaks, new) if new else tuple(M.payment.breaks)
    outside = [z for z in points if z not in breaks]
    if outside:
        raise ValueError(f"hinge points {outside} lie outside the payment's range [{M.lo}, {M.hi}]")
    pay = M.payment.refine(breaks) if tuple(breaks) != tuple(M.payment.breaks) else M.payment
    minor = _hinge_minorant(x, lam, mu, points, weights, pay.breaks)
    parts: list[Claim] = []
    for j, ((tp, a, b), mp_) in enumerate(zip(pay.segments(), minor.pieces)):
        parts.append(Inequality(f"{id}.minorant[{j}]", lhs=tp, rel=">=", rhs=mp_, over=[(x, a, b)], source=source))
    for j, w in enumerate(weights):
        parts.append(Inequality(f"{id}.weight_sign[{j}]", lhs=w, rel=">=", rhs=0, source=source))
    dual_value = lam + mu * sp.sympify(mean) - sum(w * Cf(z) for z, w in zip(points, weights))
    parts.append(Identity(f"{id}.value", lhs=dual_value, rhs=value, source=source))
    hinge = " + ".join(rf"{sp.latex(w)}({sp.latex(z)} - {sp.latex(x)})^+" for z, w in zip(points, weights))
    stmt = (rf"t({sp.latex(x)}) \ge {sp.latex(lam + mu * x)} - [{hinge}],\ w_j \ge 0 \Rightarrow "
            rf"\min\{{\mathbb E_F t : \mathbb E_F(z - X)^+ \le C(z)\ \forall z\}} \ge {sp.latex(value)}")
    return AllOf(id, statement=stmt, source=source, expect=expect, parts=parts)


def stop_loss(F: Distribution, z: sp.Symbol) -> PiecewiseFunction:
    """z |-> E_F (z - X)^+ as a piecewise function of z on F's support (exact; atoms included)."""
    x = F.var
    part = F._partition()
    breaks = part.breaks
    pieces = []
    for j, (a, b) in enumerate(zip(breaks[:-1], breaks[1:])):
        # for z in [a, b]: mass strictly below a contributes (z - x), density on [a, z] contributes (z - x) f
        expr = sp.Integer(0)
        if F.density is not None:
            dens = F.density.refine(breaks) if tuple(F.density.breaks) != tuple(breaks) else F.density
            for i, (d, lo, hi) in enumerate(dens.segments()):
                if i < j:
                    expr += sp.integrate((z - x) * d, (x, lo, hi))
                elif i == j:
                    expr += sp.integrate((z - x) * d, (x, lo, z))
        for p, m in F.atoms:
            idx = list(breaks).index(p) if p in breaks else None
            if idx is None:
                raise ValueError(f"atom {p} is not a break of the law's partition")
            if idx <= j:
                expr += m * (z - p)
        pieces.append(sp.simplify(expr))
    return PiecewiseFunction(z, tuple(breaks), tuple(pieces))


def convex_order_dominated(F: Distribution, C, z: sp.Symbol, *, tail: sp.Expr | None = None, mean=None,
                           id: str = "convex_order", source: str = "", expect: str = "holds") -> Claim:
    """``E_F (z - X)^+ <= C(z)`` for every z in F's support range, and above it (where
    E_F (z - X)^+ = z - E_F X) ``tail``: C(z) >= z - E_F X must hold for z >= hi, which is checked
    as ``C(hi) >= hi - E_F X`` plus ``C' >= 1`` only if you pass ``tail`` = C's expression above hi.
    ``C`` is a :class:`PiecewiseFunction` in ``z`` on the same breaks as F's partition, or an
    expression in ``z`` valid on the whole support.  With ``mean`` also checks E_F X = mean.
    """
    sl = stop_loss(F, z)
    parts: list[Claim] = []
    if isinstance(C, PiecewiseFunction):
        Cr = C.rename(z)
        br = merge_breaks(sl.breaks, Cr.breaks)
        sl2 = sl.refine(br) if tuple(br) != tuple(sl.breaks) else sl
        C2 = Cr.refine(br) if tuple(br) != tuple(Cr.breaks) else Cr
        cpieces = C2.pieces
    else:
        sl2, cpieces = sl, [sp.sympify(C)] * len(sl.pieces)
    for j, ((s_, a, b), c_) in enumerate(zip(sl2.segments(), cpieces)):
        parts.append(Inequality(f"{id}.stop_loss[{j}]", lhs=s_, rel="<=", rhs=c_, over=[(z, a, b)], source=source))
    ex = F.expectation(F.var)
    if mean is not None:
        parts.append(Identity(f"{id}.mean", lhs=ex, rhs=mean, source=source))
    if tail is not None:
        hi = sl.breaks[-1]
        parts.append(Inequality(f"{id}.tail_at_hi", lhs=sp.sympify(tail).subs(z, hi), rel=">=", rhs=hi - ex,
                                source=source))
        parts.append(Inequality(f"{id}.tail_slope", lhs=sp.diff(tail, z), rel=">=", rhs=1,
                                over=[(z, hi, hi + 1)], source=source))
    stmt = rf"\mathbb E_F({sp.latex(z)} - X)^+ \le C({sp.latex(z)})\ \forall {sp.latex(z)}"
    return AllOf(id, statement=stmt, source=source, expect=expect, parts=parts)
