"""Ready-made claims about one-good models.

Each function returns a :class:`~symmech.claims.Claim` (usually an
:class:`~symmech.claims.AllOf` of piecewise parts) that a derivation lists and
``Derivation.verify`` settles.  Nothing is checked when the claim is built.

Facts used (standard, stated in every claim's docstring):

* IC  <=>  q non-decreasing and t given by the envelope formula (Myerson).
* Weak duality for moment problems: if ``t(x) >= lam + mu.g(x)`` on the support
  then every F with ``E_F[g] = m`` has ``E_F[t] >= lam + mu.m``.
* Every IC, IR mechanism with ``q <= 1`` is a lottery over posted prices (plus a
  non-positive constant), so against a fixed F no mechanism earns more than
  ``sup_p p P_F(theta >= p)``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import sympy as sp

from symmech.models.ambiguity import AmbiguitySet
from symmech.tactics.budget import within_budget
from ..claims import AllOf, Claim, Identity, Implied, Inequality
from symmech.models.distributions import Distribution, _value_at
from symmech.claims.implication import Implication, _same_domain, residual
from ..kernel import rules
from ..kernel.verdict import Verdict
from symmech.models.mechanisms import Mechanism, revenue


@dataclass(frozen=True)
class Envelope(Implication):
    """Myerson's envelope argument for one mechanism: ``U(theta) >= 0`` on the support because
    ``U(lo) >= 0``, ``q >= 0`` on every piece and the payments are the envelope payments, so
    ``U(theta) = U(lo) + int_lo^theta q``.  The obligations are rebuilt here from the mechanism itself (the
    route an author attaches is not trusted), and the direct claim must be exactly ``U >= 0`` for that
    mechanism's pieces (kernel rule ``envelope``)."""

    mechanism: object

    def describe(self) -> str:
        return "envelope argument: U = U(lo) + int q with U(lo) >= 0 and q >= 0"

    def check(self, direct, route, scope, digits: int, samples: int) -> Verdict:
        M = self.mechanism
        mine = [(sp.sympify(p), (M.var, a, b)) for p, a, b in M.utility().segments()]
        theirs = [residual(p) for p in getattr(direct, "parts", (direct,))]
        if len(theirs) != len(mine) or any(
                t is None or t[1] != ">=" or len(t[2]) != 1 or not _same_domain(t[2], [dom])
                or within_budget(lambda: sp.simplify(t[0] - u) == 0, 5.0) is not True
                for t, (u, dom) in zip(theirs, mine)):
            return rules.undecided("envelope rule: the direct claim is not U >= 0 on the mechanism's pieces",
                                   "implication")
        own = [Inequality(f"{direct.id}.U_low", lhs=M.utility_low, rel=">=", rhs=0),
               *[Inequality(f"{direct.id}.q_nonneg[{j}]", lhs=p, rel=">=", rhs=0, over=[(M.var, a, b)])
                 for j, (p, a, b) in enumerate(M.allocation.segments())],
               envelope_ic(M, id=f"{direct.id}.envelope")]
        verdicts = [c.check(scope, digits=digits, samples=samples) for c in own]
        return rules.inference("envelope", verdicts, self.describe(),
                               digits=max((v.digits or 0) for v in verdicts) or None)


def envelope_ic(M: Mechanism, *, id: str = "envelope", source: str = "", expect: str = "holds") -> Claim:
    """``t(theta) = theta q(theta) - int_lo^theta q - U(lo)`` on every piece."""
    target = M.envelope_payment()
    # compared on the common refinement of both partitions: a payment break that is not an allocation
    # break is a piece of its own (closed pieces on both sides also rule out a jump there)
    common = M.payment.common_breaks(target)
    paid, envelope = M.payment.refine(common), target.refine(common)
    parts = [
        Identity(f"{id}[{j}]", lhs=tp, rhs=ep, over=[(M.var, a, b)], source=source)
        for j, ((tp, a, b), ep) in enumerate(zip(paid.segments(), envelope.pieces))
    ]
    stmt = (rf"t({sp.latex(M.var)}) = {sp.latex(M.var)}\,q({sp.latex(M.var)}) - "
            rf"\int_{{{sp.latex(M.lo)}}}^{{{sp.latex(M.var)}}} q - U({sp.latex(M.lo)})")
    return AllOf(id, statement=stmt, source=source, expect=expect, parts=parts)


def monotone_allocation(M: Mechanism, *, id: str = "monotone", source: str = "", expect: str = "holds") -> Claim:
    """``q`` non-decreasing: ``q' >= 0`` on each piece and no downward jump."""
    q = M.allocation
    parts: list[Claim] = [
        Inequality(f"{id}[{j}]", lhs=sp.diff(p, M.var), rel=">=", rhs=0, over=[(M.var, a, b)], source=source)
        for j, (p, a, b) in enumerate(q.segments()) if sp.diff(p, M.var) != 0
    ]
    parts += [Inequality(f"{id}.jump[{j}]", lhs=jump, rel=">=", rhs=0, source=source)
              for j, (b, jump) in enumerate(q.jumps()) if jump != 0]
    if not parts:
        parts = [Identity(f"{id}[const]", lhs=0, rhs=0)]
    return AllOf(id, statement=rf"q \text{{ non-decreasing on }} [{sp.latex(M.lo)}, {sp.latex(M.hi)}]",
                 source=source, expect=expect, parts=parts)


def feasible_allocation(M: Mechanism, *, id: str = "feasible", source: str = "", expect: str = "holds") -> Claim:
    """``0 <= q(theta) <= 1`` on the support."""
    parts: list[Claim] = []
    for j, (p, a, b) in enumerate(M.allocation.segments()):
        parts.append(Inequality(f"{id}.ge0[{j}]", lhs=p, rel=">=", rhs=0, over=[(M.var, a, b)], source=source))
        parts.append(Inequality(f"{id}.le1[{j}]", lhs=p, rel="<=", rhs=1, over=[(M.var, a, b)], source=source))
    return AllOf(id, statement=rf"0 \le q({sp.latex(M.var)}) \le 1", source=source, expect=expect, parts=parts)


def individually_rational(M: Mechanism, *, id: str = "IR", source: str = "", expect: str = "holds") -> Claim:
    """``U(theta) = theta q - t >= 0`` on the support.

    Checked directly; if that is not proved, through the sufficient route
    ``U(lo) >= 0``, ``q >= 0`` and envelope payments (then ``U = U(lo) + int q``).
    """
    U = M.utility()
    parts = [Inequality(f"{id}[{j}]", lhs=p, rel=">=", rhs=0, over=[(M.var, a, b)], source=source)
             for j, (p, a, b) in enumerate(U.segments())]
    stmt = rf"U({sp.latex(M.var)}) = {sp.latex(M.var)} q - t \ge 0"
    direct = AllOf(id, statement=stmt, source=source, expect=expect, parts=parts)
    route = AllOf(f"{id}.envelope_route", source=source, parts=[
        Inequality(f"{id}.U_low", lhs=M.utility_low, rel=">=", rhs=0, source=source),
        *[Inequality(f"{id}.q_nonneg[{j}]", lhs=p, rel=">=", rhs=0, over=[(M.var, a, b)], source=source)
          for j, (p, a, b) in enumerate(M.allocation.segments())],
        envelope_ic(M, id=f"{id}.envelope", source=source)])
    return Implied(id, statement=stmt, source=source, expect=expect, direct=direct, sufficient=[route],
                   implication=Envelope(M))


def incentive_compatible(M: Mechanism, *, id: str = "IC", source: str = "", expect: str = "holds") -> Claim:
    """IC by Myerson's characterization: monotone q and envelope payments."""
    return AllOf(id, statement=r"\text{IC: } q \uparrow \text{ and envelope payments}", source=source,
                 expect=expect, parts=[monotone_allocation(M, id=f"{id}.monotone", source=source),
                                       envelope_ic(M, id=f"{id}.envelope", source=source)])


def in_ambiguity_set(F: Distribution, A: AmbiguitySet, *, id: str = "F_in_A", source: str = "",
                     expect: str = "holds") -> Claim:
    """``F`` is a probability law on A's support satisfying A's moment conditions."""
    parts = F.validity_claims(prefix=id, source=source) + A.membership_claims(F, prefix=id, source=source)
    return AllOf(id, statement=r"F \in \mathcal{F}", source=source, expect=expect, parts=parts)


def revenue_equals(M: Mechanism, F: Distribution, value, *, id: str = "revenue", source: str = "",
                   expect: str = "holds") -> Claim:
    """``E_F[t] = value``."""
    lhs = revenue(M, F)
    return Identity(id, lhs=lhs, rhs=value, source=source, expect=expect,
                    statement=rf"\mathbb{{E}}_F[t] = {sp.latex(sp.sympify(value))}")


def dual_certificate(M: Mechanism, A: AmbiguitySet, lam, mu: Sequence, value, *, id: str = "dual",
                     source: str = "", expect: str = "holds") -> Claim:
    """Worst-case revenue of ``M`` over ``A`` is at least ``value``.

    Checks ``t(x) >= lam + sum_i mu_i g_i(x)`` on the support, the sign of
    ``mu_i`` for inequality moments (``>=``: mu_i >= 0, ``<=``: mu_i <= 0) and
    ``lam + sum mu_i m_i == value`` (weak duality).
    """
    if len(mu) != len(A.conditions):
        raise ValueError(f"need one multiplier per moment condition ({len(A.conditions)}), got {len(mu)}")
    lam = sp.sympify(lam)
    mu = [sp.sympify(m) for m in mu]
    x = M.var
    affine = lam + sum(m * c.g.subs(A.var, x) for m, c in zip(mu, A.conditions))
    lo, hi = A.support
    parts: list[Claim] = []
    if M.lo != lo or M.hi != hi:
        parts.append(Inequality(f"{id}.covers_lo", lhs=lo, rel=">=", rhs=M.lo, source=source))
        parts.append(Inequality(f"{id}.covers_hi", lhs=hi, rel="<=", rhs=M.hi, source=source))
    for j, (p, a, b) in enumerate(M.payment.segments()):
        parts.append(Inequality(f"{id}.minorant[{j}]", lhs=p, rel=">=", rhs=affine, over=[(x, a, b)], source=source))
    for i, (m, c) in enumerate(zip(mu, A.conditions)):
        if c.relation != "==":
            parts.append(Inequality(f"{id}.sign[{i}]", lhs=m, rel=c.relation, rhs=0, source=source))
    parts.append(Identity(f"{id}.value", lhs=lam + sum(m * c.value for m, c in zip(mu, A.conditions)),
                          rhs=value, source=source))
    stmt = (rf"t({sp.latex(x)}) \ge {sp.latex(affine)} \text{{ on }} [{sp.latex(lo)}, {sp.latex(hi)}]"
            rf" \Rightarrow \min_{{F \in \mathcal{{F}}}} \mathbb{{E}}_F[t] \ge {sp.latex(sp.sympify(value))}")
    return AllOf(id, statement=stmt, source=source, expect=expect, parts=parts)


def equal_on_support(t, F: Distribution, target: sp.Expr, x: sp.Symbol, *, id: str,
                     source: str = "") -> list[Claim]:
    """Identities ``t = target`` on every density piece of ``F`` with non-zero density and at every atom."""
    parts: list[Claim] = []
    if F.density is not None:
        dens = F.density.rename(x)
        t_al = t.refine(dens.breaks) if t.breaks != dens.breaks else t
        for j, ((d, a, b), tp) in enumerate(zip(dens.segments(), t_al.pieces)):
            if d != 0:
                parts.append(Identity(f"{id}.density[{j}]", lhs=tp, rhs=target, over=[(x, a, b)], source=source))
    for i, (p, m) in enumerate(F.atoms):
        parts.append(Identity(f"{id}.atom[{i}]", lhs=_value_at(t, p), rhs=target.subs(x, p), source=source))
    return parts


def complementary_slackness(M: Mechanism, F: Distribution, A: AmbiguitySet, lam, mu: Sequence, *,
                            id: str = "slackness", source: str = "", expect: str = "holds") -> Claim:
    """``t = lam + mu.g`` on the support of ``F`` (each density piece and each atom)."""
    x = M.var
    affine = sp.sympify(lam) + sum(sp.sympify(m) * c.g.subs(A.var, x) for m, c in zip(mu, A.conditions))
    parts = equal_on_support(M.payment, F, affine, x, id=id, source=source)
    return AllOf(id, statement=rf"t = {sp.latex(affine)} \text{{ on }} \operatorname{{supp}} F",
                 source=source, expect=expect, parts=parts)


def worst_case_revenue(M: Mechanism, A: AmbiguitySet, F: Distribution, lam, mu: Sequence, value, *,
                       id: str = "worst_case", source: str = "", expect: str = "holds") -> Claim:
    """``min_{F' in A} E_F'[t] == value``, attained at ``F``.

    Lower bound by the dual certificate (weak duality); upper bound because
    ``F`` is in ``A`` and earns exactly ``value`` (complementary slackness
    explains why: ``t = lam + mu.g`` on the support of ``F``).
    """
    parts = [dual_certificate(M, A, lam, mu, value, id=f"{id}.dual", source=source),
             in_ambiguity_set(F, A, id=f"{id}.attained_in_A", source=source),
             complementary_slackness(M, F, A, lam, mu, id=f"{id}.slackness", source=source),
             revenue_equals(M, F, value, id=f"{id}.attained_value", source=source)]
    stmt = rf"\min_{{F \in \mathcal{{F}}}} \mathbb{{E}}_F[t] = {sp.latex(sp.sympify(value))}"
    return AllOf(id, statement=stmt, source=source, expect=expect, parts=parts)


def seller_best_response_bound(F: Distribution, value, *, price: sp.Symbol | None = None, id: str = "seller_br",
                               source: str = "", expect: str = "holds") -> Claim:
    """No mechanism earns more than ``value`` against ``F``: ``p P_F(theta >= p) <= value`` for all p."""
    p = price or sp.Symbol("p", nonnegative=True)
    parts: list[Claim] = []
    for j, (S, a, b) in enumerate(F.survival_pieces()):
        parts.append(Inequality(f"{id}.piece[{j}]", lhs=p * S.subs(F.var, p), rel="<=", rhs=value,
                                over=[(p, a, b)], source=source))
    part = F._partition()
    for j, b in enumerate(part.breaks):
        parts.append(Inequality(f"{id}.at[{j}]", lhs=b * F.survival_at(j), rel="<=", rhs=value, source=source))
    return AllOf(id, statement=rf"p \Pr_F[\theta \ge p] \le {sp.latex(sp.sympify(value))} \ \forall p",
                 source=source, expect=expect, parts=parts)


def _free_symbols(F: Distribution) -> set:
    """Every symbol in a law's breakpoints, pieces and atoms (the parameters it depends on)."""
    out: set = set()
    if F.density is not None:
        out |= {s_ for e in (*F.density.pieces, *F.density.breaks) for s_ in sp.sympify(e).free_symbols}
    for p_, m_ in F.atoms:
        out |= sp.sympify(p_).free_symbols | sp.sympify(m_).free_symbols
    return out - {F.var}


def saddle_point(M: Mechanism, F: Distribution, A: AmbiguitySet, lam, mu: Sequence, value, *,
                 id: str = "saddle", source: str = "", expect: str = "holds",
                 price: sp.Symbol | None = None) -> Claim:
    """``(M, F)`` is a saddle point with value ``value``.

    Seller side: M is IC, IR, feasible, and earns >= value against every F' in
    A (dual certificate). Nature side: F is in A, M earns exactly value
    against F, and no mechanism earns more than value against F.
    ``price`` is the bound price variable of the seller-side bound (a fresh
    nonnegative ``p`` by default; pass your own when ``p`` already names a parameter).
    """
    if price is not None and not isinstance(price, sp.Symbol):
        raise TypeError(f"price must be a sympy Symbol, got {type(price).__name__}")
    used = {str(s_) for s_ in sp.sympify(value).free_symbols | _free_symbols(F) | sp.sympify(lam).free_symbols}
    used |= {str(s_) for m_ in mu for s_ in sp.sympify(m_).free_symbols}
    used |= {str(s_) for c_ in A.conditions for s_ in sp.sympify(c_.value).free_symbols | c_.g.free_symbols}
    used |= {str(s_) for e in (*M.payment.pieces, *M.payment.breaks) for s_ in sp.sympify(e).free_symbols}
    if price is not None and str(price) in used:
        raise ValueError(f"price symbol {price} already occurs in the model (law, ambiguity set, mechanism, "
                         f"multipliers or value); pass a fresh symbol")
    if price is None:
        name = "p"
        while name in used:
            name += "'"
        price = sp.Symbol(name, nonnegative=True)
    parts = [
        incentive_compatible(M, id=f"{id}.IC", source=source),
        individually_rational(M, id=f"{id}.IR", source=source),
        feasible_allocation(M, id=f"{id}.feasible", source=source),
        in_ambiguity_set(F, A, id=f"{id}.F_in_A", source=source),
        dual_certificate(M, A, lam, mu, value, id=f"{id}.guarantee", source=source),
        revenue_equals(M, F, value, id=f"{id}.revenue", source=source),
        seller_best_response_bound(F, value, price=price, id=f"{id}.seller_br", source=source),
    ]
    v = sp.latex(sp.sympify(value))
    stmt = (rf"\min_{{F'\in\mathcal{{F}}}} \mathbb{{E}}_{{F'}}[t^*] \ge {v} = \mathbb{{E}}_{{F^*}}[t^*] \ge "
            rf"\sup_{{m}} \mathbb{{E}}_{{F^*}}[t_m]")
    return AllOf(id, statement=stmt, source=source, expect=expect, parts=parts)
