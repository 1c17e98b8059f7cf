"""Conjecture files with ``objective = "regret"``: one good, values in ``[0, v_bar]`` (support only), a random
posted price, item cost ``c`` (Bergemann and Schlag, 'Pricing without Priors' (2008); Koçyiğit,
'Distributional Robustness in Mechanism Design' (2020), Ch. 2).

Claims, built by :mod:`symmech.models.regret.single` and checked by the core provers:

* ``regret = R`` -- the price law's worst-case regret over values in ``[0, v_bar]`` is ``R``: ex-post regret
  ``<= R`` on every piece, ``= R`` at ``v_bar``;
* ``optimal = true`` -- the price law is minimax-regret optimal: its worst-case regret is ``(v_bar - c)/e``
  and under nature's law (2.10) every price has expected regret at least that;
* ``value = V`` -- the minimax regret is ``V``: ``V == (v_bar - c)/e``, the Bergemann-Schlag law attains it,
  nature's law holds every mechanism to it.

A false claim is refuted by the core provers with their counterexample (a value of the buyer, or the
identity that fails).
"""
from __future__ import annotations

import time

import sympy as sp

from ..claims import AllOf, Identity
from symmech.models.distributions import Distribution
from symmech.models.piecewise import PiecewiseFunction
from symmech.tactics.provers import certifier_budget, tactics_budget, within_budget
from symmech.models.regret.single import (
    bergemann_schlag_law,
    minimax_optimal_claims,
    nature_lower_bound_claims,
    worst_case_regret_claims,
)
from symmech.tactics.scope import Scope
from .evaluate import ClaimResult
from .limits import capped_out
from .types import Conjecture

__all__ = ["evaluate_regret", "price_law", "prove_parts"]

SOURCE = "Bergemann and Schlag, 'Pricing without Priors' (2008); Kocyigit (2020), Ch. 2"


def price_law(conj: Conjecture, p: sp.Symbol) -> Distribution:
    """The file's random price as an exact law of the price ``p``."""
    fixed = {s: d for s, d in conj.parameters.items()}
    subs = dict(fixed)
    for sym, d in conj.definitions:
        subs[sym] = sp.sympify(d).subs(subs) if isinstance(d, sp.Expr) else None
    mech = conj.mechanism
    if mech["kind"] == "posted_price":
        return Distribution(p, atoms={sp.sympify(mech["price"]).subs(subs): sp.Integer(1)},
                            support=tuple(sp.sympify(e).subs(subs) for e in conj.support))
    dens = None
    if mech["density"] is not None:
        a, b = (sp.sympify(e).subs(subs) for e in mech["on"])
        dens = PiecewiseFunction(p, (a, b), (sp.sympify(mech["density"]).subs(subs).subs(conj.price, p),))
    atoms = {sp.sympify(x).subs(subs): sp.sympify(w).subs(subs) for x, w in mech["atoms"]}
    if dens is None:
        return Distribution(p, atoms=atoms, support=tuple(sp.sympify(e).subs(subs) for e in conj.support))
    return Distribution(p, density=dens, atoms=atoms or None)


def _claims(conj: Conjecture, cid: str, value) -> list:
    fixed = {s: d for s, d in conj.parameters.items()}
    vbar = sp.sympify(conj.support[1]).subs(fixed)
    c = sp.sympify(conj.cost).subs(fixed)
    p = sp.Symbol("p", real=True)
    if cid == "regret":
        return worst_case_regret_claims(price_law(conj, p), vbar, c, sp.sympify(value).subs(fixed),
                                        prefix="regret", source=SOURCE)
    if cid == "optimal":
        return minimax_optimal_claims(price_law(conj, p), vbar, c, prefix="optimal", source=SOURCE)
    R = (vbar - c) / sp.E
    return ([Identity("value.equals", lhs=sp.sympify(value).subs(fixed), rhs=R, source=SOURCE)]
            + worst_case_regret_claims(bergemann_schlag_law(p, vbar, c), vbar, c, R, prefix="value.attained",
                                       source=SOURCE)
            + nature_lower_bound_claims(vbar, c, prefix="value.nature", source=SOURCE))


def prove_parts(cid: str, parts: list, digits: int = 50, seconds: float = 150):
    """Check the conjunction of ``parts`` with the core provers under the regret files' budgets
    (10 s of tactics and 8 s of certifier per claim, ``seconds`` in all); the verdict, or None if time ran out."""
    claim = AllOf(cid, parts=parts)

    def run():
        with tactics_budget(10), certifier_budget(8):
            return claim.check(Scope({}), digits=digits, samples=5)

    return within_budget(run, seconds)


def evaluate_regret(conj: Conjecture, digits: int = 50) -> list[ClaimResult]:
    """One verdict per claim of a regret file (every claim is exact: no parameter ranges)."""
    out = []
    for cid, value in conj.claims:
        t0 = time.perf_counter()
        try:
            v = prove_parts(cid, _claims(conj, cid, value), digits)
        except Exception as exc:   # noqa: BLE001 - a failure is reported, never rounded up
            if capped_out():
                raise MemoryError(f"{type(exc).__name__}: {exc}") from exc
            out.append(ClaimResult(cid, "undecided", f"could not evaluate: {type(exc).__name__}: {exc}"))
            continue
        if v is None:
            out.append(ClaimResult(cid, "undecided", "time budget of 150 s ran out"))
            continue
        st = v.status.value
        ce = None
        if st == "refuted":
            ce = {"kind": "point where the regret claim fails", "witness": v.witness,
                  "value_there": v.witness_value}
        out.append(ClaimResult(cid, st, f"{st} ({v.method}) in {time.perf_counter() - t0:.1f} s: {v.detail}"[:1500],
                               counterexample=ce))
    return out
