"""Claim builders for n-good models (each returns a :class:`symmech.Claim`; nothing runs at build time).

Facts used (standard; each builder's docstring says which):

* Rochet: a mechanism is IC and IR iff its rent ``U`` is convex with ``grad U = q`` a.e.,
  ``U >= 0``; the payment is ``t = theta . grad U - U``.  A piecewise-smooth ``U`` is convex
  if its Hessian is PSD on every cell and ``U``, ``grad U`` are continuous across faces.
* ``U(theta) = sum_b c_b U_b(w_b . theta)`` with ``c_b, w_b >= 0`` and ``U_b`` convex (a 1-D
  IC mechanism) is convex; so a :class:`PartitionedSale` is IC iff its blocks are 1-D IC.
* Weak duality: ``t(theta) >= lam + sum_j mu_j g_j(theta)`` on the box implies
  ``E_F[t] >= lam + sum_j mu_j m_j`` for every F in the ambiguity set.
* Restriction to a ray ``theta = s d`` (Carrasco et al., Lemma 4.2; Lemma 5.2): for an IC, IR
  mechanism with ``0 <= q_i <= c_i``, ``s -> U(s d)`` is convex with slope ``d . q`` in
  ``[0, C]``, ``C = sum_i c_i d_i``, so ``(d.q / C, t / C)`` is a 1-D IC, IR mechanism with
  ``q <= 1``; against a law on the ray no mechanism earns more than
  ``C sup_p p P(s >= p)``.
"""
from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Sequence

import sympy as sp

from . import one_good as core
from ..claims import AllOf, Claim, Identity, Inequality
from symmech.models.multigood.ambiguity import MultiAmbiguitySet
from symmech.models.multigood.distributions import (
    AtomicDistribution,
    LineDistribution,
    MultiDistribution,
    ProductDistribution,
    affine_image,
)
from symmech.models.multigood.mechanisms import ConvexUtilityMechanism, Menu, PartitionedSale


def _box_tex(box) -> str:
    return r" \times ".join(rf"[{sp.latex(a)}, {sp.latex(b)}]" for a, b in zip(box.lo, box.hi))


def _nonneg_parts(exprs, id, source):
    return [Inequality(f"{id}[{j}]", lhs=e, rel=">=", rhs=0, source=source)
            for j, e in enumerate(exprs) if not (sp.sympify(e).is_number and sp.sympify(e) >= 0)]


# --- smooth pieces ------------------------------------------------------------------------
def hessian_psd(U, vars: Sequence[sp.Symbol], over, *, id: str = "hessian_psd", source: str = "",
                expect: str = "holds") -> Claim:
    """Every principal minor of the Hessian of ``U`` is >= 0 on ``over`` (identically-zero minors omitted)."""
    H = sp.hessian(sp.sympify(U), list(vars))
    n = len(vars)
    parts: list[Claim] = []
    for r in range(1, n + 1):
        for idx in itertools.combinations(range(n), r):
            minor = sp.simplify(H.extract(list(idx), list(idx)).det())
            if minor == 0:
                continue
            parts.append(Inequality(f"{id}.minor{''.join(str(i + 1) for i in idx)}", lhs=minor, rel=">=", rhs=0,
                                    over=over, source=source))
    if not parts:
        parts = [Identity(f"{id}.zero", lhs=0, rhs=0, source=source)]
    return AllOf(id, statement=r"\nabla^2 U \succeq 0 \text{ (principal minors)}", source=source, expect=expect,
                 parts=parts)


def gradient_bounds(U, vars, over, *, caps: Sequence | None = None, id: str = "gradient_feasible",
                    source: str = "", expect: str = "holds") -> Claim:
    """``0 <= dU/dtheta_i <= cap_i`` (default 1) on ``over``."""
    caps = caps or [1] * len(vars)
    parts: list[Claim] = []
    for i, (v, c) in enumerate(zip(vars, caps)):
        g = sp.diff(U, v)
        parts.append(Inequality(f"{id}.ge0[{i}]", lhs=g, rel=">=", rhs=0, over=over, source=source))
        parts.append(Inequality(f"{id}.le_cap[{i}]", lhs=g, rel="<=", rhs=c, over=over, source=source))
    return AllOf(id, statement=r"0 \le \nabla U \le 1", source=source, expect=expect, parts=parts)


def payment_identity(U, t, vars, over, *, id: str = "payment_identity", source: str = "",
                     expect: str = "holds") -> Claim:
    """``t = theta . grad U - U`` on ``over`` (eq. (13) of Carrasco et al.)."""
    rhs = sum(v * sp.diff(U, v) for v in vars) - U
    return Identity(id, lhs=t, rhs=rhs, over=over, source=source, expect=expect,
                    statement=r"t(\theta) = \theta\cdot\nabla U(\theta) - U(\theta)")


# --- IC / IR / feasibility ------------------------------------------------------------------
#: 1-D IC claims per mechanism object: building one integrates the allocation (envelope payment), and
#: the same 1-D mechanism is typically reused by many blocks and many mechanisms of a derivation
_IC_1D: dict = {}


def _renamed(claim: Claim, old: str, new: str) -> Claim:
    """A copy of ``claim`` (and its parts) with the id prefix ``old`` replaced by ``new``."""
    changes = {"id": new + claim.id[len(old):]}
    if isinstance(claim, AllOf):
        changes["parts"] = [_renamed(p, old, new) for p in claim.parts]
    return replace(claim, **changes)


def _one_dim_ic(m, cid: str, source: str) -> Claim:
    """``core.incentive_compatible(m)`` (Myerson: monotone q, envelope payments), derived once per mechanism."""
    key = (id(m), source)
    hit = _IC_1D.get(key)
    if hit is None or hit[0] is not m:
        hit = _IC_1D[key] = (m, core.incentive_compatible(m, id="IC", source=source))
    return _renamed(hit[1], "IC", cid)


def incentive_compatible(M, *, id: str = "IC", source: str = "", expect: str = "holds") -> Claim:
    """IC of a PartitionedSale (blocks 1-D IC, weights and scales >= 0) or a ConvexUtilityMechanism
    (Hessian PSD per cell, U and grad U continuous across faces).  A Menu is IC by construction."""
    parts: list[Claim] = []
    if isinstance(M, PartitionedSale):
        for j, b in enumerate(M.blocks):
            parts.append(_one_dim_ic(b.mechanism, f"{id}.block{j}", source))
            parts += _nonneg_parts(list(b.weights) + [b.scale], f"{id}.block{j}.weights", source)
        stmt = r"U = \textstyle\sum_b c_b U_b(w_b\cdot\theta),\ U_b \text{ convex (1-D IC)}"
    elif isinstance(M, ConvexUtilityMechanism):
        for idx, U, over in M.cells():
            parts.append(hessian_psd(U, M.vars, over, id=f"{id}.psd{list(idx)}", source=source))
        for axis, left, right, x in M.faces():
            rest = [(v, M.breaks[i][left[i]], M.breaks[i][left[i] + 1]) for i, v in enumerate(M.vars) if i != axis]
            v = M.vars[axis]
            UL, UR = M.pieces[left].subs(v, x), M.pieces[right].subs(v, x)
            parts.append(Identity(f"{id}.C0{list(left)}|{axis}", lhs=UL, rhs=UR, over=rest, source=source))
            for i, w in enumerate(M.vars):
                gl, gr = sp.diff(M.pieces[left], w).subs(v, x), sp.diff(M.pieces[right], w).subs(v, x)
                parts.append(Identity(f"{id}.C1{list(left)}|{axis}.d{i}", lhs=gl, rhs=gr, over=rest, source=source))
        stmt = r"U \text{ convex: } \nabla^2 U \succeq 0 \text{ per cell},\ U \in C^1"
    elif isinstance(M, Menu):
        parts = [Identity(f"{id}.menu", lhs=0, rhs=0, source=source,
                          statement=r"\text{a menu is IC by construction (taxation principle)}")]
        stmt = parts[0].statement
    else:
        raise TypeError(f"no IC check for {type(M).__name__}")
    return AllOf(id, statement=stmt, source=source, expect=expect, parts=parts)


def individually_rational(M, *, id: str = "IR", source: str = "", expect: str = "holds") -> Claim:
    """``U >= 0``.

    PartitionedSale: ``c_b U_b(lo) >= 0`` and ``q_b >= 0``; with the envelope payments that
    :func:`incentive_compatible` checks, ``U_b(x) = U_b(lo) + int_lo^x q_b >= 0``.
    ConvexUtilityMechanism: ``U >= 0`` on every cell.
    """
    parts: list[Claim] = []
    if isinstance(M, PartitionedSale):
        # envelope payments (checked by incentive_compatible): U_b(x) = U_b(lo) + int_lo^x q_b >= U_b(lo)
        for j, b in enumerate(M.blocks):
            m = b.mechanism
            parts.append(Inequality(f"{id}.block{j}.U_low", lhs=b.scale * m.utility_low, rel=">=", rhs=0,
                                    source=source))
            parts += [Inequality(f"{id}.block{j}.q_nonneg[{k}]", lhs=p, rel=">=", rhs=0, over=[(m.var, a, c)],
                                 source=source) for k, (p, a, c) in enumerate(m.allocation.segments()) if p != 0]
    elif isinstance(M, ConvexUtilityMechanism):
        parts = [Inequality(f"{id}{list(idx)}", lhs=U, rel=">=", rhs=0, over=over, source=source)
                 for idx, U, over in M.cells() if U != 0] or [Identity(f"{id}.zero", lhs=0, rhs=0)]
    elif isinstance(M, Menu):
        parts = [Identity(f"{id}.menu", lhs=0, rhs=0, source=source,
                          statement=r"\text{the outside option } (0,0) \text{ is on the menu}")]
    else:
        raise TypeError(f"no IR check for {type(M).__name__}")
    return AllOf(id, statement=r"U(\theta) \ge 0", source=source, expect=expect, parts=parts)


def feasible_allocation(M, box=None, *, caps: Sequence | None = None, id: str = "feasible", source: str = "",
                        expect: str = "holds") -> Claim:
    """``0 <= q_i <= cap_i`` (default 1); for a PartitionedSale also that each block's 1-D
    mechanism is defined on the whole range of its aggregate over ``box`` (if given)."""
    n = len(M.vars)
    caps = [sp.sympify(c) for c in (caps or [1] * n)]
    parts: list[Claim] = []
    if isinstance(M, PartitionedSale):
        for j, b in enumerate(M.blocks):
            m = b.mechanism
            if box is not None:
                lo, hi = b.aggregate_range(box.lo, box.hi)
                parts.append(Inequality(f"{id}.block{j}.covers_lo", lhs=m.lo, rel="<=", rhs=lo, source=source))
                parts.append(Inequality(f"{id}.block{j}.covers_hi", lhs=m.hi, rel=">=", rhs=hi, source=source))
            for i, w in zip(b.goods, b.weights):
                for k, (p, a, c) in enumerate(m.allocation.segments()):
                    q = b.scale * w * p
                    parts.append(Inequality(f"{id}.q{i + 1}.ge0[{k}]", lhs=q, rel=">=", rhs=0, over=[(m.var, a, c)],
                                            source=source))
                    parts.append(Inequality(f"{id}.q{i + 1}.le_cap[{k}]", lhs=q, rel="<=", rhs=caps[i],
                                            over=[(m.var, a, c)], source=source))
    elif isinstance(M, ConvexUtilityMechanism):
        for idx, U, over in M.cells():
            parts.append(gradient_bounds(U, M.vars, over, caps=caps, id=f"{id}{list(idx)}", source=source))
    elif isinstance(M, Menu):
        for j, (q, _) in enumerate(M.items):
            for i, x in enumerate(q):
                parts.append(Inequality(f"{id}.item{j}.ge0[{i}]", lhs=x, rel=">=", rhs=0, source=source))
                parts.append(Inequality(f"{id}.item{j}.le_cap[{i}]", lhs=x, rel="<=", rhs=caps[i], source=source))
    else:
        raise TypeError(f"no feasibility check for {type(M).__name__}")
    return AllOf(id, statement=r"0 \le q_i(\theta) \le " + (sp.latex(caps[0]) if len(set(caps)) == 1 else "c_i"),
                 source=source, expect=expect, parts=parts)


# --- nature ----------------------------------------------------------------------------------
def in_ambiguity_set(D: MultiDistribution, A: MultiAmbiguitySet, *, id: str = "F_in_A", source: str = "",
                     expect: str = "holds") -> Claim:
    """``D`` is a probability law on A's box satisfying A's moment conditions."""
    return AllOf(id, statement=r"F \in \mathcal{F}", source=source, expect=expect,
                 parts=A.membership_claims(D, prefix=id, source=source))


def support_contains(D: LineDistribution, point: Sequence, *, id: str = "support_contains", source: str = "",
                     expect: str = "holds", statement: str = "") -> Claim:
    """``point`` lies in the (closed) support of a law on a line: its squared distance to it is 0."""
    pt = [sp.sympify(x) for x in point]
    stmt = statement or (r"(" + ", ".join(map(sp.latex, pt)) + r") \in \operatorname{supp} F")
    return Identity(id, lhs=D.distance_sq_to_support(pt), rhs=0, source=source, expect=expect, statement=stmt,
                    note="formalized as: squared distance from the point to the support equals 0")


# --- revenue ------------------------------------------------------------------------------------
def revenue(M, D: MultiDistribution, *, evaluate: bool = True) -> sp.Expr:
    """``E_D[t(theta)]`` exactly (1-D reductions for lines and separable sales against products)."""
    if isinstance(M, Menu):
        if isinstance(D, AtomicDistribution):
            return M.revenue_atomic(D)
        if isinstance(D, LineDistribution):
            pay, _ = M.on_line(D)
            return D.base.expectation(pay.as_expr(), evaluate=evaluate)
        raise TypeError("menu revenue: atomic or line laws only")
    if isinstance(M, PartitionedSale):
        if isinstance(D, LineDistribution):
            pay, base = M.payment_on_line(D)
            return base.expectation_of_piecewise(pay)
        if isinstance(D, ProductDistribution) and all(len(b.goods) == 1 for b in M.blocks):
            total = sp.Integer(0)
            for b in M.blocks:
                i, w, m = b.goods[0], b.weights[0], b.mechanism
                law = affine_image(D.factors[i], 0, w, m.var)
                total += b.scale * core.revenue(m, law)
            return sp.simplify(total)
        return D.expectation(M.payment(), evaluate=evaluate)
    if isinstance(M, ConvexUtilityMechanism):
        raise TypeError("revenue of a ConvexUtilityMechanism: integrate its payment pieces directly")
    raise TypeError(f"no revenue for {type(M).__name__}")


def revenue_equals(M, D: MultiDistribution, value, *, id: str = "revenue", source: str = "",
                   expect: str = "holds") -> Claim:
    """``E_D[t] = value``."""
    return Identity(id, lhs=revenue(M, D), rhs=value, source=source, expect=expect,
                    statement=rf"\mathbb{{E}}_F[t] = {sp.latex(sp.sympify(value))}")


def dual_certificate(M, A: MultiAmbiguitySet, lam, mu: Sequence, value, *, lam_split: Sequence | None = None,
                     id: str = "dual", source: str = "", expect: str = "holds") -> Claim:
    """Worst-case revenue over A is at least ``value`` (weak duality).

    Checks ``t(theta) >= lam + sum_j mu_j g_j(theta)`` on A's box, the signs of ``mu_j`` for
    inequality moments and ``lam + sum_j mu_j m_j = value``.  For a PartitionedSale with
    linear moments whose multiplier vector restricted to a block is ``alpha_b w_b``, the box
    inequality is split exactly into 1-D claims ``c_b t_b(x) >= lam_b + alpha_b x`` on the
    block mechanism's domain (which covers the aggregate's range), with ``sum_b lam_b = lam``
    (``lam_split``; default: equal shares).  Otherwise it is claimed on the box directly.
    """
    lam = sp.sympify(lam)
    mu = [sp.sympify(m) for m in mu]
    if len(mu) != len(A.conditions):
        raise ValueError(f"need one multiplier per moment condition ({len(A.conditions)}), got {len(mu)}")
    X = A.vars
    affine = lam + sum(m * c.g for m, c in zip(mu, A.conditions))
    parts: list[Claim] = []
    coeffs = A.linear_coefficients()
    if isinstance(M, PartitionedSale) and coeffs is not None:
        a = [sp.simplify(sum(m * coeffs[j][i] for j, m in enumerate(mu))) for i in range(len(X))]
        shares = [sp.sympify(x) for x in (lam_split or [lam / len(M.blocks)] * len(M.blocks))]
        parts.append(Identity(f"{id}.lam_split", lhs=sum(shares), rhs=lam, source=source))
        for j, (b, lb) in enumerate(zip(M.blocks, shares)):
            m = b.mechanism
            i0 = b.goods[0]
            alpha = sp.simplify(a[i0] / b.weights[0])
            prop = all(sp.simplify(a[i] - alpha * w) == 0 for i, w in zip(b.goods, b.weights))
            lo, hi = b.aggregate_range(A.box.lo, A.box.hi)
            parts.append(Inequality(f"{id}.block{j}.covers_lo", lhs=m.lo, rel="<=", rhs=lo, source=source))
            parts.append(Inequality(f"{id}.block{j}.covers_hi", lhs=m.hi, rel=">=", rhs=hi, source=source))
            if prop:
                for k, (p, x0, x1) in enumerate(m.payment.segments()):
                    parts.append(Inequality(f"{id}.block{j}.minorant[{k}]", lhs=b.scale * p, rel=">=",
                                            rhs=lb + alpha * m.var, over=[(m.var, x0, x1)], source=source))
            else:
                t_b = b.scale * m.payment.as_expr().subs(m.var, b.aggregate(X))
                parts.append(Inequality(f"{id}.block{j}.minorant", lhs=t_b, rel=">=",
                                        rhs=lb + sum(a[i] * X[i] for i in b.goods), over=A.box.bounds(b.goods),
                                        source=source))
        for i in range(len(X)):
            if M.block_of(i) is None and a[i] != 0:
                parts.append(Inequality(f"{id}.unsold{i + 1}", lhs=-a[i] * A.box.hi[i], rel=">=", rhs=0, source=source))
    elif isinstance(M, ConvexUtilityMechanism):
        for idx, U, over in M.cells():
            parts.append(Inequality(f"{id}.minorant{list(idx)}", lhs=M.payment_piece(U), rel=">=", rhs=affine,
                                    over=over, source=source))
    elif isinstance(M, PartitionedSale):
        parts.append(Inequality(f"{id}.minorant", lhs=M.payment(), rel=">=", rhs=affine, over=A.box.bounds(),
                                source=source))
    else:
        raise TypeError(f"no dual certificate for {type(M).__name__}")
    for j, (m, c) in enumerate(zip(mu, A.conditions)):
        if c.relation != "==":
            parts.append(Inequality(f"{id}.sign[{j}]", lhs=m, rel=c.relation, rhs=0, source=source))
    parts.append(Identity(f"{id}.value", lhs=lam + sum(m * c.value for m, c in zip(mu, A.conditions)), rhs=value,
                          source=source))
    stmt = (rf"t(\theta) \ge {sp.latex(affine)} \text{{ on }} {_box_tex(A.box)}"
            rf" \Rightarrow \min_{{F \in \mathcal{{F}}}} \mathbb{{E}}_F[t] \ge {sp.latex(sp.sympify(value))}")
    return AllOf(id, statement=stmt, source=source, expect=expect, parts=parts)


def complementary_slackness(M: PartitionedSale, D: LineDistribution, A: MultiAmbiguitySet, lam, mu: Sequence, *,
                            id: str = "slackness", source: str = "", expect: str = "holds") -> Claim:
    """``t = lam + mu.g`` on the support of a law on a line (density pieces and atoms)."""
    affine = sp.sympify(lam) + sum(sp.sympify(m) * c.g for m, c in zip(mu, A.conditions))
    on_line = D.restrict(affine)
    pay, base = M.payment_on_line(D)
    s = D.s
    parts = core.equal_on_support(pay, base, on_line, s, id=id, source=source)
    return AllOf(id, statement=rf"t = {sp.latex(affine)} \text{{ on }} \operatorname{{supp}} F", source=source,
                 expect=expect, parts=parts)


def seller_bound_on_ray(D: LineDistribution, value, *, caps: Sequence | None = None, id: str = "seller_br",
                        source: str = "", expect: str = "holds") -> Claim:
    """No IC, IR mechanism with ``0 <= q_i <= cap_i`` earns more than ``value`` against a law on a ray.

    Reduces to the 1-D bound ``p P(s >= p) <= value / C`` with ``C = sum_i cap_i d_i``
    (see the module docstring); needs the ray to start at the origin and ``s >= 0``.
    """
    if not D.is_ray:
        raise ValueError("seller_bound_on_ray needs a law on a ray through the origin")
    caps = [sp.sympify(c) for c in (caps or [1] * D.n)]
    C = sp.simplify(sum(c * d for c, d in zip(caps, D.direction)))
    parts: list[Claim] = [Inequality(f"{id}.s_nonneg", lhs=D.base.lo, rel=">=", rhs=0, source=source)]
    parts += _nonneg_parts(list(D.direction) + caps, f"{id}.nonneg", source)
    parts.append(core.seller_best_response_bound(D.base, sp.sympify(value) / C, id=f"{id}.one_dim", source=source))
    return AllOf(id, statement=(rf"\sup_{{m\ \mathrm{{IC,IR}},\ q_i \le c_i}} \mathbb{{E}}_F[t_m] \le "
                                rf"{sp.latex(sp.sympify(value))}"), source=source, expect=expect, parts=parts)


def saddle_point(M: PartitionedSale, D: LineDistribution, A: MultiAmbiguitySet, lam, mu: Sequence, value, *,
                 lam_split: Sequence | None = None, caps: Sequence | None = None, id: str = "saddle",
                 source: str = "", expect: str = "holds") -> Claim:
    """``(M, D)`` is a saddle point with value ``value`` (D a law on a ray).

    Seller: M is IC, IR, feasible and guarantees ``value`` (dual certificate).  Nature: D is in
    A, M earns exactly ``value`` against D, and no mechanism earns more against D.
    """
    parts = [
        incentive_compatible(M, id=f"{id}.IC", source=source),
        individually_rational(M, id=f"{id}.IR", source=source),
        feasible_allocation(M, A.box, caps=caps, id=f"{id}.feasible", source=source),
        in_ambiguity_set(D, A, id=f"{id}.F_in_A", source=source),
        dual_certificate(M, A, lam, mu, value, lam_split=lam_split, id=f"{id}.guarantee", source=source),
        revenue_equals(M, D, value, id=f"{id}.revenue", source=source),
        seller_bound_on_ray(D, value, caps=caps, id=f"{id}.seller_br", source=source),
    ]
    v = sp.latex(sp.sympify(value))
    return AllOf(id, statement=rf"\min_{{F'}} \mathbb{{E}}_{{F'}}[t^*] \ge {v} = \mathbb{{E}}_{{F^*}}[t^*] \ge "
                               rf"\sup_m \mathbb{{E}}_{{F^*}}[t_m]", source=source, expect=expect, parts=parts)
