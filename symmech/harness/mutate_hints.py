"""Mutation testing of the *hints* a derivation supplies (issue 12): a false hint must not pass.

:mod:`symmech.harness.mutate` perturbs statements; this module perturbs what authors assert *about* them
and checks that symmech's hint checks catch every perturbation:

=============== ==========================================================================
operator        mutation (killed when the hint's own check is no longer proved/certified)
=============== ==========================================================================
root image      an end of a defined root's image moved inwards by ``d`` of its length
root inverse    the inverse ``param = h(root)`` scaled: ``h (1 + d)``
root bracket    the bracket's upper end moved to ``lo + d (hi - lo)`` (the root left outside)
rewrite         one pair ``a -> b`` of a rewrite hint turned into ``a -> b (1 + d)`` (or ``b + d``)
route           one part of an ``Implied`` route with an implication rule shifted: ``lhs + d``
=============== ==========================================================================

A mutant *survives* when the mutated hint is still checked (proved or certified): then a false hint
could carry a proof.  ``run`` returns one record per mutant.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterator

import sympy as sp

from symmech.checks import Envelope
from symmech.claims import AllOf, Identity, Implied, Inequality
from symmech.claims.hints import check_rewrite, root_hints
from symmech.tactics.scope import DefinedRoot, Scope

DELTA = sp.Rational(1, 1000)


@dataclass(frozen=True)
class HintMutant:
    operator: str
    target: str
    description: str
    killed: bool
    status: str


def _scaled(e, d):
    e = sp.sympify(e)
    return e * (1 + d) if e != 0 else e + d


def root_mutants(scope: Scope, d=DELTA) -> Iterator[tuple[str, str, Scope, sp.Symbol, str]]:
    """(operator, description, mutated scope, root symbol, hint kind) for each root hint."""
    for j, root in enumerate(scope.roots):
        def with_root(r: DefinedRoot) -> Scope:
            roots = list(scope.roots)
            roots[j] = r
            return Scope(scope.parameters, roots=tuple(roots))

        name = str(root.symbol)
        if root.image is not None:
            img = root.image
            if img.end.is_finite and img.start.is_finite:
                w = img.end - img.start
                yield ("root image", f"{name}: image end {img.end} -> {img.end - d * w}",
                       with_root(replace(root, image=sp.Interval(img.start, img.end - d * w, img.left_open,
                                                                 img.right_open))), root.symbol, "root image")
        if root.inverse is not None:
            param, h = root.inverse
            yield ("root inverse", f"{name}: inverse {param} = {h} -> ({h})(1 + {d})",
                   with_root(replace(root, inverse=(param, h * (1 + d)))), root.symbol, "root inverse")
        lo, hi = (sp.sympify(b) for b in root.bracket)
        yield ("root bracket", f"{name}: bracket upper end {hi} -> {lo} + {d} ({hi} - {lo})",
               with_root(replace(root, bracket=(lo, lo + d * (hi - lo)), closed_form=None)), root.symbol,
               "root bracket")


def _leaves(claims) -> Iterator:
    for c in claims:
        if isinstance(c, AllOf):
            yield from _leaves(c.parts)
        elif isinstance(c, Implied):
            yield c
            yield from _leaves([c.direct, *c.sufficient])
        elif getattr(c, "inner", None) is not None:
            yield from _leaves([c.inner])
        else:
            yield c


def run(deriv, *, digits: int = 20, samples: int = 3, d=DELTA, max_per_kind: int = 6) -> list[HintMutant]:
    """Mutate every hint of ``deriv`` and record whether symmech's hint checks catch it."""
    out: list[HintMutant] = []
    for op, desc, sc, sym, kind in root_mutants(deriv.scope, d):
        table = root_hints(sc, digits=digits, samples=samples)
        hint = next((h for h in table.get(sym, ()) if h.kind == kind), None)
        status = hint.status if hint else "missing"
        out.append(HintMutant(op, str(sym), desc, not (hint and hint.checked), status))
    seen = 0
    for leaf in _leaves(deriv.claims):
        if isinstance(leaf, Identity) and leaf.rewrites and seen < max_per_kind:
            for mapping, reason in leaf.rewrites:
                a, b = next(iter(mapping.items()))
                bad = dict(mapping)
                bad[a] = _scaled(b, d)
                h = check_rewrite(leaf, bad, reason, deriv.scope, digits, samples)
                out.append(HintMutant("rewrite", leaf.id, f"{a} -> {bad[a]}", not h.checked, h.status))
                seen += 1
    routes = 0
    for leaf in _leaves(deriv.claims):
        if (isinstance(leaf, Implied) and leaf.implication is not None and routes < max_per_kind
                and not isinstance(leaf.implication, Envelope)):     # rebuilt from the mechanism: no hint
            for route in leaf.sufficient:
                parts = list(getattr(route, "parts", ()))
                for i, p in enumerate(parts):
                    if not isinstance(p, (Identity, Inequality)):
                        continue
                    bad_part = replace(p, lhs=p.lhs + d, statement="")
                    bad_route = replace(route, parts=parts[:i] + [bad_part] + parts[i + 1:], statement="")
                    # killed when the mutated route no longer proves the claim: its own check fails, or the
                    # implication rule rejects it
                    rv = bad_route.check(deriv.scope, digits=digits, samples=samples)
                    v = leaf.implication.check(leaf.direct, bad_route, deriv.scope, digits, samples) \
                        if rv.is_proof else rv
                    out.append(HintMutant("route", leaf.id, f"{p.id}: lhs + {d}", not (rv.is_proof and v.is_proof),
                                          v.status.value))
                    routes += 1
    return out
