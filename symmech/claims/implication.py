"""Checked implications for :class:`~symmech.claims.Implied` routes.

An ``Implied(direct, sufficient=[route])`` claim may be proved through a route only when
the step "route => direct" is itself checked.  An implication object says which rule of
inference links them; symmech builds the obligations of the rule from the *direct claim's
own expressions* and checks them with the ordinary provers, so a stale or unrelated route
cannot prove anything:

* :class:`Monotone` -- the fundamental theorem of calculus along one variable: ``f(a) rel 0``
  at an end ``a`` of the variable's range and ``f`` non-decreasing away from it (the sign of
  ``d f / d var``) give ``f rel 0`` on the whole range (``f`` continuous: no jumps in ``var``).
* :class:`Combination` -- the direct residual is an exact combination of the route's
  residuals with non-negative weights (``f = sum w_i r_i`` with ``r_i >= 0`` and ``w_i >= 0``;
  any weights for equations).

A route part may be any claim that *stands for* an obligation: its residual (``lhs - rhs``,
signed by its relation) is shown equal to the obligation's (an exact identity) on the same
domain, so a route can chain implications (a slope proved through another ``Implied``).
Without an implication object, a proved route is reported in the trust report as
"not used" and the verdict stays the direct check's.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

import sympy as sp

from symmech.tactics.budget import within_budget
from symmech.claims import Identity, Implied, Inequality
from symmech.kernel import rules
from symmech.kernel.continuity import NotContinuous, obligations
from symmech.kernel.derivatives import total_derivative
from symmech.kernel.verdict import Status, Verdict

_SIGN = {">=": (1, False), ">": (1, True), "<=": (-1, False), "<": (-1, True)}


def residual(claim) -> tuple[sp.Expr, str, tuple] | None:
    """``(r, rel, over)`` with the claim meaning ``r rel 0`` (rel ``">="``, ``">"`` or ``"=="``); None for
    claims that are not a single relation (an ``Implied`` stands for its direct claim)."""
    inner = getattr(claim, "inner", None)        # a budgeted wrapper stands for its inner claim
    if isinstance(claim, Implied):
        return residual(claim.direct)
    if inner is not None:
        return residual(inner)
    if isinstance(claim, Identity):
        return sp.sympify(claim.lhs - claim.rhs), "==", tuple(claim.over)
    if isinstance(claim, Inequality):
        sign, strict = _SIGN[claim.rel]
        return sign * sp.sympify(claim.lhs - claim.rhs), ">" if strict else ">=", tuple(claim.over)
    return None


def _same_domain(a: Sequence, b: Sequence) -> bool:
    """The same bound variables in the same order with the same ends, compared exactly (an end equal only
    after simplification must be shown equal by SymPy reducing the difference to 0)."""
    if [v for v, _, _ in a] != [v for v, _, _ in b]:
        return False
    for (_, lo1, hi1), (_, lo2, hi2) in zip(a, b):
        for x, y in ((lo1, lo2), (hi1, hi2)):
            x, y = sp.sympify(x), sp.sympify(y)
            if x != y and within_budget(lambda: sp.simplify(x - y) == 0, 5.0) is not True:
                return False
    return True


def _strong_enough(have: str, need: str) -> bool:
    return have == need or (need == ">=" and have in (">", "==")) or (need == "==" and have == "==")


def _link(claim, target: sp.Expr, need: str, over: Sequence, scope, digits: int, samples: int,
          what: str) -> tuple[Verdict, str]:
    """Check that ``claim`` stands for the obligation ``target need 0`` over ``over``; returns the weaker
    of the claim's own verdict and the link identity's, with a description."""
    r = residual(claim)
    if r is None:
        return Verdict(Status.UNDECIDED, "implication", f"{what}: {claim.id} is not a single relation"), ""
    res, rel, cover = r
    if not _strong_enough(rel, need):
        return Verdict(Status.UNDECIDED, "implication",
                       f"{what}: {claim.id} asserts '{rel} 0' but '{need} 0' is needed"), ""
    if not _same_domain(cover, over):
        return Verdict(Status.UNDECIDED, "implication", f"{what}: {claim.id} is not stated on the needed domain"), ""
    own = claim.check(scope, digits=digits, samples=samples)
    if within_budget(lambda: sp.simplify(res - target) == 0, 5.0) is True:
        return own, f"{what}: {claim.id}"
    tie = Identity(f"{claim.id}.stands_for", lhs=res, rhs=target, over=list(over))
    v = tie.check(scope, digits=digits, samples=samples)
    return _weaker(own, v), f"{what}: {claim.id} (tied by an identity: {v.status.value})"


def _weaker(a: Verdict, b: Verdict) -> Verdict:
    for v in (a, b):
        if v.status in (Status.REFUTED, Status.UNDECIDED):
            return v
    return rules.weakest((a, b))


class Implication:
    """A rule of inference linking an ``Implied`` claim's route to its direct claim."""

    def check(self, direct, route, scope, digits: int, samples: int) -> Verdict:  # pragma: no cover
        raise NotImplementedError

    def describe(self) -> str:  # pragma: no cover
        raise NotImplementedError


@dataclass(frozen=True)
class Monotone(Implication):
    """``f rel 0`` on ``var``'s range from ``f(anchor) rel 0`` and ``f`` non-decreasing away from the anchor.

    ``var`` is a bound variable of the direct claim or a parameter of the scope; ``anchor`` is
    ``"lo"`` or ``"hi"`` (the end the monotone argument starts from).  The route is an ``AllOf``
    whose parts are matched by id suffix: ``at_anchor`` (``f`` at the anchor) and ``slope``
    (``+- df/dvar >= 0``, the sign pointing away from the anchor); each part may be any claim that
    stands for its obligation (tied by an identity, see the module doc).
    """

    var: sp.Symbol
    anchor: object = "lo"
    at_anchor: str = "at_anchor"
    slope: str = "slope"

    def describe(self) -> str:
        if self.anchor in ("lo", "hi"):
            return f"monotone in {self.var} from its {'lower' if self.anchor == 'lo' else 'upper'} end"
        return f"monotone in {self.var} away from {self.var} = {self.anchor}"

    def _range(self, direct, scope) -> tuple[sp.Expr, sp.Expr, list] | None:
        r = residual(direct)
        for var, lo, hi in r[2]:
            if var == self.var:
                return lo, hi, [b for b in r[2] if b[0] != var]
        dom = scope.parameters.get(self.var)
        if isinstance(dom, sp.Interval):
            return dom.start, dom.end, list(r[2])
        return None

    def check(self, direct, route, scope, digits: int, samples: int) -> Verdict:
        r = residual(direct)
        if r is None or r[1] == "==":
            return rules.undecided("monotone rule: the direct claim must be an inequality", "implication")
        f, rel, over = r
        rng = self._range(direct, scope)
        if rng is None:
            return rules.undecided(f"monotone rule: {self.var} has no range", "implication")
        lo, hi, rest = rng
        inner_anchor = self.anchor not in ("lo", "hi")
        a = sp.sympify(self.anchor) if inner_anchor else (lo if self.anchor == "lo" else hi)
        direction = (self.var - a) if inner_anchor else (1 if self.anchor == "lo" else -1)
        parts = {p.id.rsplit(".", 1)[-1]: p for p in getattr(route, "parts", ())}
        if self.at_anchor not in parts or self.slope not in parts:
            return rules.undecided(f"monotone rule: the route needs parts '{self.at_anchor}' and '{self.slope}'",
                                   "implication")
        anchor_value = f.subs(self.var, a)
        if anchor_value.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
            return rules.undecided("monotone rule: f is not finite at the anchor", "implication")
        # the fundamental theorem of calculus along var: the *total* derivative (defined roots and systems
        # that depend on var move with it), and the conditions of the implicit function theorem
        slope, ift, moving = total_derivative(f, self.var, scope.roots, getattr(scope, "systems", ()))
        if anchor_value.free_symbols & set(moving):
            # f(a, r) with r = r(var) left free is claimed for every var in the range, which covers var = a
            # only when a belongs to the range (a closed end); at an open end the root's value there is unknown
            dom = scope.parameters.get(self.var)
            at_open_end = inner_anchor is False and isinstance(dom, sp.Interval) and (
                dom.left_open if self.anchor == "lo" else dom.right_open)
            if at_open_end:
                return rules.undecided(f"monotone rule: the anchor is an open end of {self.var}'s range and f there "
                                       f"involves {', '.join(map(str, moving))}, which move with {self.var}",
                                       "implication")
        obligations_: list[Verdict] = []
        cont = _continuity(f, direct.id, over, scope, digits, samples, (self.var, *moving), ift,
                           anchor=(self.var, a, rest))
        if not cont.is_proof:
            return Verdict(cont.status if cont.status is Status.REFUTED else Status.UNDECIDED, "implication",
                           f"monotone rule: f is not shown continuous in {self.var} on the range "
                           f"({cont.detail[:200]})")
        obligations_.append(cont)
        if inner_anchor:       # the anchor must lie in the range, for every value of the other variables
            inside = [Inequality(f"{direct.id}.anchor_lo", lhs=a, rel=">=", rhs=lo, over=rest),
                      Inequality(f"{direct.id}.anchor_hi", lhs=a, rel="<=", rhs=hi, over=rest)]
            vin = [c.check(scope, digits=digits, samples=samples) for c in inside]
            if not all(v.is_proof for v in vin):
                return rules.undecided(f"monotone rule: the anchor {a} is not shown to lie in [{lo}, {hi}]",
                                       "implication")
            obligations_ += vin
        # a strict claim: f(a) > 0 where the anchor belongs to the range; at an open end of the range f(a) >= 0
        # with a strictly positive slope suffices
        open_end = False
        if not inner_anchor and self.var not in [b[0] for b in over]:
            dom = scope.parameters.get(self.var)
            open_end = dom.left_open if self.anchor == "lo" else dom.right_open
        anchor_need, slope_need = rel, ">="
        if rel == ">" and open_end:
            anchor_need, slope_need = ">=", ">"
        v1, d1 = _link(parts[self.at_anchor], anchor_value, anchor_need, rest, scope, digits, samples,
                       "value at the anchor")
        v2, d2 = _link(parts[self.slope], direction * slope, slope_need, list(over), scope, digits,
                       samples, "slope" + (f" (total derivative through {', '.join(map(str, moving))})"
                                           if moving else ""))
        return rules.inference("monotone", obligations_ + [v1, v2], f"{self.describe()} ({d1}; {d2})",
                               digits=v2.digits)


def _continuity(f: sp.Expr, cid: str, over: Sequence, scope, digits: int, samples: int,
                variables: Sequence[sp.Symbol], extra: Sequence = (), anchor=None) -> Verdict:
    """``f`` is continuous in ``variables`` on the claim's domain and at the anchor: the conditions of the
    kernel's continuity whitelist (:mod:`symmech.kernel.continuity`) plus ``extra`` ones, each checked as a
    claim over the domain (and, for one that involves the monotone variable, at the anchor too)."""
    try:
        conds = obligations(f, variables)
    except NotContinuous as exc:
        return rules.undecided(f"not known to be continuous: {exc}", "implication")
    conds = list(dict.fromkeys(list(conds) + list(extra)))
    claims = []
    for i, (c, strict) in enumerate(conds):
        rel = ">" if strict else ">="
        claims.append(Inequality(f"{cid}.continuity[{i}]", lhs=c, rel=rel, rhs=0, over=list(over)))
        if anchor is not None and c.has(anchor[0]):
            var, a, rest = anchor
            claims.append(Inequality(f"{cid}.continuity_at_anchor[{i}]", lhs=c.subs(var, a), rel=rel, rhs=0,
                                     over=list(rest)))
    if not claims:
        return rules.continuity(f, variables)
    out = [c.check(scope, digits=digits, samples=samples) for c in claims]
    v = out[0]
    for x in out[1:]:
        v = _weaker(v, x)
    return v


@dataclass(frozen=True)
class Combination(Implication):
    """The direct residual equals ``sum_i weight_i * residual(part_i)`` exactly, with every weight of an
    inequality part non-negative (shown by the provers); ``weights`` maps part ids (full or suffix) to
    expressions (default 1)."""

    weights: Mapping[str, sp.Expr] = field(default_factory=dict)

    def describe(self) -> str:
        return "non-negative combination of the route's residuals"

    def check(self, direct, route, scope, digits: int, samples: int) -> Verdict:
        r = residual(direct)
        if r is None:
            return Verdict(Status.UNDECIDED, "implication", "combination rule: unsupported direct claim")
        f, rel, over = r
        total = sp.Integer(0)
        verdicts = []
        strict_ok = False
        for p in getattr(route, "parts", (route,)):
            w = sp.sympify(self.weights.get(p.id, self.weights.get(p.id.rsplit(".", 1)[-1], 1)))
            pr = residual(p)
            if pr is None:
                return Verdict(Status.UNDECIDED, "implication", f"combination rule: {p.id} is not a relation")
            res, prel, pover = pr
            bound = {v for v, _, _ in over}
            if not (_same_domain(pover, over) or (not pover and not (res.free_symbols & bound))):
                # a part stated without the claim's bound variables must not mention them: there they would
                # be read as the scope's parameters, on another range
                return rules.undecided(f"combination rule: {p.id} is not stated on the claim's domain "
                                       f"{[tuple(b) for b in over]}", "implication")
            if rel == "==" and prel != "==":
                return Verdict(Status.UNDECIDED, "implication",
                               "combination rule: an equation follows only from equations")
            verdicts.append(p.check(scope, digits=digits, samples=samples))
            if prel != "==" and w != 0:
                wv = Inequality(f"{direct.id}.weight[{p.id}]", lhs=w, rel=">", rhs=0, over=list(over)).check(
                    scope, digits=digits, samples=samples)
                if prel == ">" and wv.is_proof:
                    strict_ok = True
                if not wv.is_proof:
                    wv = Inequality(f"{direct.id}.weight[{p.id}]", lhs=w, rel=">=", rhs=0, over=list(over)).check(
                        scope, digits=digits, samples=samples)
                verdicts.append(wv)
            total += w * res
        if rel == ">" and not strict_ok:
            return Verdict(Status.UNDECIDED, "implication",
                           "combination rule: a strict inequality needs a strict part with a weight shown positive")
        verdicts.append(Identity(f"{direct.id}.combination", lhs=f, rhs=total, over=list(over)).check(
            scope, digits=digits, samples=samples))
        return rules.inference("combination", verdicts, self.describe(),
                               digits=max((v.digits or 0) for v in verdicts) or None)
