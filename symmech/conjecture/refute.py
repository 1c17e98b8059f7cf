"""Exact verdicts for ``value``/``optimal`` at one parameter point, from the closed-form saddle point.

When the model has a closed-form saddle point (:mod:`.saddle`) a wrong ``value`` or a non-optimal
mechanism is refuted with a *readable* exact counterexample instead of the LP's many-atom lottery:

* value too low: the optimal mechanism (a closed-form allocation or a posted price) guarantees more,
  shown by its dual certificate (checked by the core provers);
* value too high: nature's law (equal-revenue, or a mixture with the bottom of the support) is in the
  set and no mechanism earns more than the saddle value against it (checked);
* ``optimal`` false: the file's mechanism's exact worst case is below the saddle value, which the
  optimal mechanism guarantees (checked).

With ``optimal_among = "posted_prices"`` the same with the best posted price.  A claim that agrees with
the saddle value is left to the whole-model proof (:mod:`.upgrade`); None means "no exact route".
"""
from __future__ import annotations

import sympy as sp

from ..checks import (
    dual_certificate,
    feasible_allocation,
    in_ambiguity_set,
    incentive_compatible,
    individually_rational,
    seller_best_response_bound,
)
from ..claims import AllOf
from symmech.models.mechanisms import Mechanism
from symmech.models.piecewise import PiecewiseFunction
from .checking import check_many
from .exact import budgeted, compare
from .model import N
from .results import ClaimResult
from .saddle import NoClosedForm, find_saddle, posted_price_value
from .worst_case import ambiguity_set

__all__ = ["exact_value", "exact_optimal"]

SECONDS = 120.0


def _holds(claim, scope, digits) -> tuple[bool, str]:
    """Whether ``claim`` is proved or certified (its parts checked on local processes), and how."""
    got = check_many([(claim, scope)], digits=min(digits, 40), samples=5, seconds=SECONDS)[0]
    v = got.verdict
    if got.error is not None:
        return False, f"undecided ({got.error})"
    if v is None:
        return False, "not decided in the time budget"
    return v.status.value in ("proved", "certified"), f"{v.status.value} ({v.method})"


def _valid_and_guarantees(sad, A):
    """The better mechanism is a mechanism (IC, IR, feasible) and guarantees the saddle value."""
    M = sad.mechanism
    return AllOf("better", parts=[incentive_compatible(M, id="better.IC"), individually_rational(M, id="better.IR"),
                                  feasible_allocation(M, id="better.feasible"),
                                  dual_certificate(M, A, sad.lam, sad.mu, sad.value, id="better.guarantee")])


def _saddle(inst):
    """The closed-form saddle point of ``inst`` (None if there is none), found once per instance."""
    memo = inst.__dict__.setdefault("_saddle_memo", {})
    if "saddle" not in memo:
        try:
            memo["saddle"] = budgeted(lambda: find_saddle(inst, lazy_nature=True), SECONDS, default=None)
        except NoClosedForm:
            memo["saddle"] = None
    return memo["saddle"]


def _saddle_in_full(inst):
    """The saddle point with nature's law built: None if building it fails (as an eager search would)."""
    sad = _saddle(inst)
    if sad is None:
        return None
    memo = inst.__dict__["_saddle_memo"]
    if "nature_ok" not in memo:
        memo["nature_ok"] = budgeted(lambda: sad.nature is not None, SECONDS, default=False)
    return sad if memo["nature_ok"] else None


def _mech_json(text: str, value, cert: str) -> dict:
    return {"kind": "better mechanism (closed form)", "mechanism": text, "guarantee": str(value),
            "guarantee_decimal": str(N(value, 30)), "certificate": cert}


def _best_price(inst):
    """(best price, its guarantee, a dual-certificate claim for it) or None."""
    try:
        got = budgeted(lambda: posted_price_value(inst), SECONDS, default=None)
    except NoClosedForm:
        return None
    if got is None or got[3] is None:
        return None
    R, p, pbar, best, V = got
    th = inst.theta
    lo, hi = inst.support
    m = inst.moments[0]

    if best == lo:
        M = Mechanism(th, PiecewiseFunction(th, (lo, hi), (1,)), PiecewiseFunction(th, (lo, hi), (lo,)), 0)
        cert = dual_certificate(M, ambiguity_set(inst), lo, [0], lo, id="best_price")
    else:
        M = Mechanism(th, PiecewiseFunction(th, (lo, best, hi), (0, 1)),
                      PiecewiseFunction(th, (lo, best, hi), (0, best)), sp.Integer(0))
        mu = best / (m.g.subs(th, hi) - m.g.subs(th, best))
        cert = dual_certificate(M, ambiguity_set(inst), -mu * m.g.subs(th, best), [mu], V, id="best_price")
    return best, V, cert, R, pbar


def exact_value(inst, V, scope, digits: int):
    """A refutation of ``value = V`` with a readable exact counterexample, or None."""
    if inst.conjecture.among == "posted_prices":
        bp = _best_price(inst)
        if bp is None:
            return None
        best, Vp, cert, R, pbar = bp
        c = compare(V, Vp, digits, exact_zero=False)
        if c.sign == -1 and c.rigorous:
            ok, how = _holds(cert, scope, digits)
            if ok:
                return ClaimResult("value", "refuted", f"claimed best posted-price guarantee {V} is too low: the "
                                   f"posted price {best} guarantees {Vp} = {N(Vp, 30)} (dual certificate {how})",
                                   counterexample=_mech_json(f"posted price {best}", Vp, how))
        return None
    sad = _saddle(inst)
    if sad is None:
        return None
    c = compare(V, sad.value, digits, exact_zero=False)
    if not c.rigorous or c.sign in (None, 0):
        return None
    if _saddle_in_full(inst) is None:
        return None
    A = ambiguity_set(inst)
    if c.sign < 0:
        cert = _valid_and_guarantees(sad, A)
        ok, how = _holds(cert, scope, digits)
        if ok:
            return ClaimResult("value", "refuted", f"claimed max-min value {V} = {N(V, 30)} is too low: "
                               f"{sad.mechanism_text} guarantees {sad.value} = {N(sad.value, 30)} (dual certificate "
                               f"{how})", counterexample=_mech_json(sad.mechanism_text, sad.value, how))
        return None
    cap = AllOf("cap", parts=[in_ambiguity_set(sad.nature, A, id="cap.in_set"),
                              seller_best_response_bound(sad.nature, sad.value, id="cap.best_response")])
    ok, how = _holds(cap, scope, digits)
    if ok:
        return ClaimResult("value", "refuted", f"claimed max-min value {V} = {N(V, 30)} is too high: nature's "
                           f"{sad.nature_text} is in the set and no mechanism earns more than {sad.value} = "
                           f"{N(sad.value, 30)} against it ({how})",
                           counterexample={"kind": "distribution in the ambiguity set (caps every mechanism)",
                                           "law": sad.nature_text, "cap": str(sad.value),
                                           "cap_decimal": str(N(sad.value, 30)), "checked": how})
    return None


def exact_optimal(inst, wc, scope, digits: int):
    """A refutation of ``optimal`` with a readable better mechanism, or None."""
    if wc.law is None:
        return None
    W = wc.law.revenue          # an explicit law in the set earns it: the mechanism guarantees at most W
    if inst.conjecture.among == "posted_prices":
        bp = _best_price(inst)
        if bp is None:
            return None
        best, Vp, cert, R, pbar = bp
        better_text, Vb = f"posted price {best}", Vp
    else:
        sad = _saddle(inst)
        if sad is None:
            return None
        cert = _valid_and_guarantees(sad, ambiguity_set(inst))
        better_text, Vb = sad.mechanism_text, sad.value
    c = compare(Vb, W, digits, exact_zero=False)
    if not (c.sign == 1 and c.rigorous):
        return None
    if inst.conjecture.among != "posted_prices" and _saddle_in_full(inst) is None:
        return None
    ok, how = _holds(cert, scope, digits)
    if not ok:
        return None
    return ClaimResult("optimal", "refuted",
                       f"the mechanism ({inst.description}) guarantees only {W} = {N(W, 30)} (its worst case, "
                       f"{wc.method}; a law in the set earns it), but {better_text} guarantees {Vb} = "
                       f"{N(Vb, 30)} (dual certificate {how})",
                       counterexample=_mech_json(better_text, Vb, how))


def posted_pointwise(inst, cid: str, value, wc, scope, digits: int):
    """``value``/``optimal`` among posted prices at one point: refuted exactly, or confirmed when the claim
    agrees with the best price (the whole-model proof then decides), or undecided outside the class."""
    r = exact_value(inst, value, scope, digits) if cid == "value" else exact_optimal(inst, wc, scope, digits)
    if r is not None:
        return r
    bp = _best_price(inst)
    if bp is None:
        return ClaimResult(cid, "undecided", "optimal_among = 'posted_prices' is decided only for one moment "
                           "condition E[g] == m or >= m with g increasing on the support")
    best, Vp, cert, R, pbar = bp
    target = value if cid == "value" else (wc.value if wc.exact else wc.law.revenue if wc.law is not None else None)
    if target is None:
        return ClaimResult(cid, "undecided", "the mechanism's worst case is not known exactly")
    c = compare(target, Vp, digits, exact_zero=False)   # an exact 0 and a numerical 0 both confirm
    if cid == "value" and c.sign == 1 and c.rigorous:
        return ClaimResult(cid, "refuted", f"claimed best posted-price guarantee {value} exceeds {Vp} = {N(Vp, 30)}:"
                           f" against price p nature puts mass just below p and at the top, so price p earns at "
                           f"most {R} <= {Vp}", counterexample={"kind": "two-atom laws (one per price)",
                                                               "worst_case_of_price_p": str(R), "best": str(Vp)})
    if c.sign == 0 or c.sign is None:
        return ClaimResult(cid, "confirmed", f"equals the best posted-price guarantee {Vp} (price {best}) "
                           f"to {digits} digits; worst case of price p: {R}")
    return ClaimResult(cid, "undecided", f"the best posted price {best} guarantees {Vp}; the claim is not "
                       "decided exactly at this point")
