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

from .verdict import Status, Verdict

_SIGN = {">=": (1, False), ">": (1, True), "<=": (-1, False), "<": (-1, True)}
_JUMPY = (sp.Piecewise, sp.Heaviside, sp.floor, sp.ceiling, sp.sign, sp.DiracDelta)


def residual(claim) -> tuple[sp.Expr, str, tuple] | None:
    """``(r, rel, over)`` with the claim meaning ``r rel 0`` (rel ``">="``, ``">"`` or ``"=="``); None for
    claims that are not a single relation (an ``Implied`` stands for its direct claim)."""
    from .claims import Identity, Implied, Inequality

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
    return [(v, sp.simplify(lo), sp.simplify(hi)) for v, lo, hi in a] == \
        [(v, sp.simplify(lo), sp.simplify(hi)) for v, lo, hi in b]


def _strong_enough(have: str, need: str) -> bool:
    return have == need or (need == ">=" and have in (">", "==")) or (need == "==" and have == "==")


def _link(claim, target: sp.Expr, need: str, over: Sequence, scope, digits: int, samples: int,
          what: str) -> tuple[Verdict, str]:
    """Check that ``claim`` stands for the obligation ``target need 0`` over ``over``; returns the weaker
    of the claim's own verdict and the link identity's, with a description."""
    from .claims import Identity

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
    if sp.simplify(res - target) == 0:
        return own, f"{what}: {claim.id}"
    tie = Identity(f"{claim.id}.stands_for", lhs=res, rhs=target, over=list(over))
    v = tie.check(scope, digits=digits, samples=samples)
    return _weaker(own, v), f"{what}: {claim.id} (tied by an identity: {v.status.value})"


def _weaker(a: Verdict, b: Verdict) -> Verdict:
    from .claims import _STRENGTH

    for v in (a, b):
        if v.status in (Status.REFUTED, Status.UNDECIDED):
            return v
    return a if _STRENGTH[a.status] <= _STRENGTH[b.status] else b


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
            return Verdict(Status.UNDECIDED, "implication", "monotone rule: the direct claim must be an inequality")
        f, rel, over = r
        rng = self._range(direct, scope)
        if rng is None:
            return Verdict(Status.UNDECIDED, "implication", f"monotone rule: {self.var} has no range")
        lo, hi, rest = rng
        if any(a.has(self.var) for a in f.atoms(*_JUMPY)):
            return Verdict(Status.UNDECIDED, "implication",
                           f"monotone rule: f may jump in {self.var} (piecewise/step functions)")
        inner_anchor = self.anchor not in ("lo", "hi")
        a = sp.sympify(self.anchor) if inner_anchor else (lo if self.anchor == "lo" else hi)
        direction = (self.var - a) if inner_anchor else (1 if self.anchor == "lo" else -1)
        parts = {p.id.rsplit(".", 1)[-1]: p for p in getattr(route, "parts", ())}
        if self.at_anchor not in parts or self.slope not in parts:
            return Verdict(Status.UNDECIDED, "implication",
                           f"monotone rule: the route needs parts '{self.at_anchor}' and '{self.slope}'")
        anchor_value = f.subs(self.var, a)
        if anchor_value.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
            return Verdict(Status.UNDECIDED, "implication", "monotone rule: f is not finite at the anchor")
        slope_over = list(over)
        if self.var not in [b[0] for b in over]:
            slope_over = list(over)            # a parameter: the slope is claimed for all its values
        dom = _continuity(f, direct.id, over, scope, digits, samples)
        if not dom.is_proof:
            return Verdict(dom.status if dom.status is Status.REFUTED else Status.UNDECIDED, "implication",
                           f"monotone rule: f is not shown continuous on the range ({dom.detail[:200]})")
        if inner_anchor:       # the anchor must lie in the range, for every value of the other variables
            from .claims import Inequality

            inside = [Inequality(f"{direct.id}.anchor_lo", lhs=a, rel=">=", rhs=lo, over=rest),
                      Inequality(f"{direct.id}.anchor_hi", lhs=a, rel="<=", rhs=hi, over=rest)]
            vin = [c.check(scope, digits=digits, samples=samples) for c in inside]
            if not all(v.is_proof for v in vin):
                return Verdict(Status.UNDECIDED, "implication", f"monotone rule: the anchor {a} is not shown to "
                               f"lie in [{lo}, {hi}]")
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
        v2, d2 = _link(parts[self.slope], direction * sp.diff(f, self.var), slope_need, slope_over, scope, digits,
                       samples, "slope")
        v = _weaker(v1, v2)
        return Verdict(v.status, "implication", f"{self.describe()} ({d1}; {d2}): {v.detail[:200]}",
                       digits=v.digits)


def _continuity(f: sp.Expr, cid: str, over: Sequence, scope, digits: int, samples: int) -> Verdict:
    """``f`` is continuous on the claim's domain: every denominator is nonzero, every log's argument
    positive and every fractional power's base non-negative there (elementary functions are continuous
    where they are defined)."""
    from .claims import Inequality

    conds = []
    num, den = sp.fraction(sp.together(f))
    if den.free_symbols:
        conds.append(den**2)
    for a in f.atoms(sp.log):
        conds.append(a.args[0])
    for p in f.atoms(sp.Pow):
        if p.exp.is_negative and p.base.free_symbols:
            conds.append(p.base**2)
        elif p.exp.is_integer is False and p.base.free_symbols:
            conds.append(p.base + sp.Integer(0))          # needs >= 0: checked as > 0 below if it appears in a log
    claims = []
    for i, c in enumerate(dict.fromkeys(conds)):
        strict = not any(c == p.base for p in f.atoms(sp.Pow) if p.exp.is_integer is False)
        claims.append(Inequality(f"{cid}.continuity[{i}]", lhs=c, rel=">" if strict else ">=", rhs=0, over=list(over)))
    if not claims:
        return Verdict(Status.PROVED, "symbolic", "a polynomial in the variables")
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
        from .claims import Identity, Inequality

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
            if pover and not _same_domain(pover, over):
                return Verdict(Status.UNDECIDED, "implication", f"combination rule: {p.id} has another domain")
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
        v = verdicts[0]
        for x in verdicts[1:]:
            v = _weaker(v, x)
        return Verdict(v.status, "implication", f"{self.describe()}: {v.detail[:200]}", digits=v.digits)


@dataclass(frozen=True)
class ByConstruction(Implication):
    """An implication that symmech's own claim builders state by construction (e.g. IR from envelope
    payments: ``U = U(lo) + int q``); not for models: a model's routes use :class:`Monotone` or
    :class:`Combination`."""

    reason: str

    def describe(self) -> str:
        return f"by construction in symmech: {self.reason}"

    def check(self, direct, route, scope, digits: int, samples: int) -> Verdict:
        v = route.check(scope, digits=digits, samples=samples)
        return Verdict(v.status, "implication", self.describe(), digits=v.digits)
