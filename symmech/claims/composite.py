"""Claims made of claims: :class:`AllOf` (a conjunction) and :class:`Implied` (a claim proved directly or
through a route and a checked rule of inference)."""
from __future__ import annotations

import contextlib
from dataclasses import dataclass, field, replace
from typing import Sequence


from symmech.tactics import provers
from ..kernel import rules
from ..kernel.verdict import Hint, Status, Verdict
from symmech.tactics.scope import Scope
from .base import _STRENGTH, Claim
from .relational import IMPLIED_DIRECT_SECONDS


@dataclass
class AllOf(Claim):
    """A conjunction; verdict = weakest part (refuted if any part is refuted)."""

    parts: Sequence[Claim] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__post_init__()
        if not self.parts:
            raise ValueError("AllOf needs at least one part")

    def _auto_statement(self) -> str:
        return r" \;\wedge\; ".join(f"({p.statement})" for p in self.parts)

    def check(self, scope: Scope, *, digits: int = 50, samples: int = 9) -> Verdict:
        verdicts = [(p, p.check(scope, digits=digits, samples=samples)) for p in self.parts]
        return combine(verdicts)


@dataclass
class Implied(Claim):
    """A claim checked directly, or proved through sufficient conditions.

    The verdict is the direct check's, unless the direct check is neither a
    proof nor a refutation and a ``sufficient`` route is proved or certified
    *and the step "route => claim" is checked*: ``implication`` names the rule of
    inference (:class:`symmech.claims.implication.Monotone`, :class:`~symmech.claims.implication.Combination`),
    whose obligations symmech builds from the direct claim's own expressions and
    proves.  Without an implication the route is only the author's word: its
    proof is listed in the trust report as not used, and the verdict stays the
    direct check's (at most ``confirmed``).  A refutation always comes from the
    direct check, never from a failed sufficient condition.
    """

    direct: Claim | None = None
    sufficient: Sequence[Claim] = field(default_factory=list)
    implication: object | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.direct is None:
            raise ValueError("Implied needs a direct claim")

    def _auto_statement(self) -> str:
        return self.direct.statement

    def check(self, scope: Scope, *, digits: int = 50, samples: int = 9) -> Verdict:
        return self.assemble(
            self.first_direct_check(scope, digits, samples),
            lambda i: self.sufficient[i].check(scope, digits=digits, samples=samples),
            lambda i: self.implication.check(self.direct, self.sufficient[i], scope, digits, samples),
            lambda: self.direct.check(scope, digits=digits, samples=samples))

    def first_direct_check(self, scope: Scope, digits: int, samples: int) -> Verdict:
        """The direct check as it runs first: cheap tactics and sampling; with a checked route in hand the
        direct tactics get a short budget (the route is usually the quicker proof; the full direct check runs
        if the route fails)."""
        quick = self.implication is not None and bool(self.sufficient)
        with provers.without_certifier(), (provers.tactics_budget(IMPLIED_DIRECT_SECONDS) if quick
                                           else contextlib.nullcontext()):
            return self.direct.check(scope, digits=digits, samples=samples)

    def assemble(self, v: Verdict, route_verdict, link_verdict, full_direct) -> Verdict:
        """The verdict from the first direct check ``v`` and, only as they are needed, ``route_verdict(i)`` (route
        i checked), ``link_verdict(i)`` (the implication from route i checked) and ``full_direct()`` (the direct
        check with every prover).  :meth:`check` computes them on demand; a caller may compute them beforehand,
        e.g. in parallel: the verdict is the same."""
        if v.is_proof or v.status is Status.REFUTED or v.conflict:
            return v
        unused = []
        for i, route in enumerate(self.sufficient):
            rv = route_verdict(i)
            if not rv.is_proof:
                continue
            if self.implication is None:
                unused.append(Hint("route", self.id, f"{route.id} => {self.id}", "unchecked",
                                   f"the route is {rv.status.value}, but nothing checks that it implies the claim "
                                   f"(give Implied an implication rule)", used=False))
                continue
            link = link_verdict(i)
            hint = rules.hint("route", self.id, f"{route.id} => {self.id} ({self.implication.describe()})",
                              link, link.detail[:300], used=link.is_proof)
            if link.is_proof:
                return rules.route(rv, link, f"via {route.id} ({self.implication.describe()}, checked): "
                                             f"{rv.detail}; direct check: {v.status.value}").with_trust([hint])
            unused.append(hint)
        out = full_direct()
        return out.with_trust(unused) if unused else out


def combine(verdicts: Sequence[tuple[Claim, Verdict]]) -> Verdict:
    """The verdict of a conjunction: refuted > undecided > weakest holding status; it rests on the
    hints of all its parts."""
    summary = ", ".join(f"{c.id}: {v.status.value}" for c, v in verdicts)
    conflict = any(v.conflict for _, v in verdicts)
    trust = [h for _, v in verdicts for h in v.trust]
    for c, v in verdicts:
        if v.status is Status.REFUTED:
            return replace(v, detail=f"part {c.id} refuted: {v.detail} [{summary}]", conflict=conflict)
    for c, v in verdicts:
        if v.status is Status.UNDECIDED:
            return replace(v, detail=f"part {c.id} undecided: {v.detail} [{summary}]",
                           conflict=conflict).with_trust(trust)
    weakest = min(verdicts, key=lambda cv: _STRENGTH[cv[1].status])[1]
    digits = max((v.digits or 0) for _, v in verdicts) or None
    method = "+".join(sorted({v.method for _, v in verdicts}))
    detail = f"all {len(verdicts)} parts hold [{summary}]"
    if weakest.is_proof:
        return rules.conjunction([v for _, v in verdicts], method=method, detail=detail, digits=digits,
                                 trust=trust)
    return Verdict(weakest.status, method, detail, digits=digits).with_trust(trust)


