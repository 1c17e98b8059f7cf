"""Claims of a conjecture -> verdicts, at one parameter point and across points.

Per point (:func:`evaluate_instance`):

* ``guarantee = V``: holds iff the exact worst case W equals V (dual certificate +
  the contact law); refuted with a law earning < V when V > W, or with the dual
  certificate showing W > V when V < W.
* ``guarantee_at_least = V``: the dual certificate with value V (shifted from W).
* ``value = V``: refuted when V is outside the exact LP bracket (the LP's lottery
  guarantees more / nature's grid law caps every mechanism below), confirmed inside.
* ``optimal``: refuted when the LP's lottery guarantees more than the mechanism's
  worst case; confirmed when that worst case lies in the bracket.

Across points (:func:`combine_points`): refuted at one point -> refuted (the
point is part of the counterexample); otherwise the weakest verdict, and a claim
that holds at finitely many parameter points is at most ``confirmed`` for the range.
"""
from __future__ import annotations

import math

import mpmath
import sympy as sp

from ..claims import Identity
from ..kernel.verdict import Status
from symmech.tactics.provers import within_budget
from .exact import compare
from .limits import capped_out
from .maxmin import maxmin_bracket, outward_decimals, refined_bracket
from .model import N, definitions, instance
from .refute import exact_optimal, exact_value, posted_pointwise
from .results import ClaimResult
from .types import Conjecture, Instance
from .worst_case import WorstCase, certificate_claim, law_below, worst_case

__all__ = ["ClaimResult", "evaluate_instance", "evaluate_point", "combine_points", "STRENGTH"]

STRENGTH = {"proved": 4, "certified": 3, "confirmed": 2, "undecided": 1, "refuted": 0}


def _cmp(a, b, digits: int) -> tuple[int | None, bool]:
    """Sign of a - b (None if unknown) and whether it is rigorous (exact, or an Arb enclosure).

    Every SymPy call runs under the time budget (:mod:`.exact`); a sign from plain floats is never
    reported as rigorous, and only rigorous signs refute.
    """
    c = compare(a, b, digits, exact_zero=False)     # every caller treats an exact 0 like a numerical 0
    return c.sign, c.rigorous


def _gt(a, b, digits: int) -> bool:
    """a > b rigorously (exact arithmetic or an enclosure that excludes equality)."""
    s, rig = _cmp(a, b, digits)
    return s == 1 and rig


#: a lower end computed in 60-digit arithmetic refutes only with this margin (rounding is below 1e-55)
_MARGIN = mpmath.mpf(10) ** -40


def _mp(x) -> mpmath.mpf:
    """``x`` as a 60-digit mpf (call inside ``mpmath.workdps(60)``)."""
    return mpmath.mpf(str(N(x, 70)))


def _dec(x, digits: int = 30) -> str:
    return str(N(x, digits))


def _fmt_verdict(v) -> str:
    return f"{v.status.value} ({v.method})"


def _weakest(*statuses: str) -> str:
    return min(statuses, key=lambda s: STRENGTH[s])


def _mechanism_desc(inst: Instance) -> str:
    return inst.description


def _where(inst: Instance) -> str:
    return "" if not inst.point else " at " + ", ".join(f"{k} = {v}" for k, v in inst.point_text().items())


#: seconds one claim may take at one parameter point (worst case, bracket and proofs included)
CLAIM_SECONDS = 180.0


def evaluate_instance(inst: Instance, digits: int = 50, samples: int = 5,
                      budget: float | None = None) -> list[ClaimResult]:
    """Every claim of ``inst`` (a concrete model): verdict, detail, counterexample.

    Each claim runs under a time budget (``budget`` seconds, default :data:`CLAIM_SECONDS`); a claim
    that runs out is ``undecided`` with that reason, never a hang.
    """
    with definitions(inst.defs):
        return _evaluate(inst, digits, samples, budget or CLAIM_SECONDS)


def _evaluate(inst: Instance, digits: int, samples: int, budget: float) -> list[ClaimResult]:
    scope = inst.scope()
    cache: dict = {}
    out = []

    def wc_():
        if "wc" not in cache:
            cache["wc"] = worst_case(inst, digits=digits)
        return cache["wc"]

    def br_():
        if "br" not in cache:
            cache["br"] = maxmin_bracket(inst)
        return cache["br"]

    for cid, value in inst.claims:
        def one(cid=cid, value=value):
            if cid == "guarantee":
                return _guarantee(inst, wc_(), value, scope, digits, samples)
            if cid == "guarantee_at_least":
                return _guarantee_at_least(inst, wc_(), value, scope, digits, samples)
            if inst.conjecture.among == "posted_prices":
                return posted_pointwise(inst, cid, value, wc_() if cid == "optimal" else None, scope, digits)
            if cid == "value":
                return exact_value(inst, value, scope, digits) or _value(inst, br_(), value, digits)
            return exact_optimal(inst, wc_(), scope, digits) or _optimal(inst, wc_(), br_(), digits)

        try:
            r = within_budget(one, budget)
            if r is None:
                r = ClaimResult(cid, "undecided", f"time budget of {budget:g} s ran out{_where(inst)} "
                                "(worst-case search, LP bracket or proofs); nothing was rounded up")
        except MemoryError:
            raise               # the --memory-mb cap: the command reports it as such, not as a verdict
        except Exception as exc:  # a failure of the machinery is reported, never rounded up
            if capped_out():
                raise MemoryError(f"{type(exc).__name__}: {exc}") from exc
            r = ClaimResult(cid, "undecided", f"could not evaluate{_where(inst)}: {type(exc).__name__}: {exc}")
        r.point = inst.point_text()
        if inst.point and r.counterexample is not None:
            r.counterexample = {"parameters": inst.point_text(), **r.counterexample}
        out.append(r)
    return out


def _wc_text(inst: Instance, wc: WorstCase, digits: int) -> str:
    return f"{inst.description}{_where(inst)}: {wc.summary(min(digits, 40))}"


def _law_json(law, digits):
    return {"kind": "distribution in the ambiguity set", **law.to_json(max(digits, 30))}


def _cert_json(wc: WorstCase, value) -> dict:
    return {"kind": "dual certificate", "inequality": "t(theta) >= lam + mu . g(theta) on every closed piece",
            "lam": str(wc.lam), "mu": [str(m) for m in wc.mu], "worst_case": str(wc.value),
            "worst_case_decimal": _dec(wc.value, 40), "claimed": str(value)}


def _guarantee(inst, wc, V, scope, digits, samples) -> ClaimResult:
    base = _wc_text(inst, wc, digits)
    exact = wc.exact
    s, s_exact = _cmp(V, wc.value, digits) if not wc.method.startswith("LP") else (None, False)
    if s is not None and s != 0 and not s_exact:
        return ClaimResult("guarantee", "undecided", f"{base}; the claimed {V} differs from the worst case "
                           "only numerically (no exact or enclosed sign in the time budget)")
    margin = -abs(float(N(V - wc.value, 20)))
    if wc.method.startswith("LP"):
        return _bracket_guarantee(inst, wc, V, scope, digits, samples, base, equal=True)
    if s is not None and s > 0:
        law = law_below(inst, wc, V)
        if law is None:
            return ClaimResult("guarantee", "undecided", f"{base}; the claimed {V} exceeds the worst case but no "
                               "explicit law below it was found", margin=margin)
        return ClaimResult("guarantee", "refuted",
                           f"claimed guarantee {V} = {_dec(V)} is too high: a law in the ambiguity set earns "
                           f"{law.revenue} = {_dec(law.revenue, 40)} < {V} ({base})",
                           counterexample=_law_json(law, digits), margin=margin)
    cert = certificate_claim(inst, wc, id="dual").check(scope, digits=digits, samples=samples)
    if s is not None and s < 0:
        if cert.status is Status.REFUTED or cert.status is Status.UNDECIDED:
            return ClaimResult("guarantee", "undecided", f"{base}; the claimed {V} is below the worst case but the "
                               f"dual certificate is {_fmt_verdict(cert)}: {cert.detail}", margin=margin)
        return ClaimResult("guarantee", "refuted",
                           f"claimed guarantee {V} = {_dec(V)} is too low: the worst case is {wc.value} = "
                           f"{_dec(wc.value, 40)} > {V}, shown by the dual certificate ({_fmt_verdict(cert)}); "
                           f"the guarantee is at least the claim but not equal ({base})",
                           counterexample=_cert_json(wc, V), margin=margin)
    # equal (exactly, or numerically to the working precision)
    ident = Identity("guarantee.value", lhs=V, rhs=wc.value).check(scope, digits=digits, samples=samples)
    st = _weakest(cert.status.value, ident.status.value)
    if not exact:
        st = _weakest(st, "confirmed")
    if st == "refuted":
        st = "undecided"
    how = "attained by" if wc.attained else "approached by (infimum, not attained)"
    law_txt = "" if wc.law is None else f"; {how} the law {[(str(p), str(w)) for p, w in wc.law.atoms]}"
    return ClaimResult("guarantee", st,
                       f"worst-case revenue equals {V}: dual certificate {_fmt_verdict(cert)}, value identity "
                       f"{_fmt_verdict(ident)}{law_txt} ({base})", margin=margin)


def _bracket_guarantee(inst, wc, V, scope, digits, samples, base, equal: bool) -> ClaimResult:
    cid = "guarantee" if equal else "guarantee_at_least"
    lowv, upv = wc.cert_value, wc.upper
    if wc.law is not None and _gt(V, upv, digits):
        return ClaimResult(cid, "refuted", f"claimed {V} exceeds the revenue {_dec(upv)} of an explicit law in the "
                           f"ambiguity set ({base})", counterexample=_law_json(wc.law, digits),
                           margin=float(N(upv - V, 20)))
    cert = certificate_claim(inst, wc, id="dual").check(scope, digits=digits, samples=samples)
    if equal and _gt(lowv, V, digits) and cert.holds:
        return ClaimResult(cid, "refuted", f"claimed {V} is below the certified lower bound {_dec(lowv)} "
                           f"({_fmt_verdict(cert)}) ({base})", counterexample=_cert_json(wc, V),
                           margin=float(N(V - lowv, 20)))
    if not equal and _cmp(V, lowv, digits)[0] in (0, -1):
        c2 = certificate_claim(inst, wc, value=V, id="dual").check(scope, digits=digits, samples=samples)
        if c2.holds:
            return ClaimResult(cid, c2.status.value, f"dual certificate with value {V}: {_fmt_verdict(c2)} ({base})",
                               margin=float(N(lowv - V, 20)))
    r = wc.lp_result
    return ClaimResult(cid, "confirmed" if cert.holds else "undecided",
                       f"{V} lies in the bracket [{_dec(lowv, 15)}, {_dec(upv, 15)}] of the worst case (certificate "
                       f"{_fmt_verdict(cert)}; nature's LP on {r.grid_points} points; {digits} digits); "
                       f"equality is not decided exactly ({base})", margin=0.0)


def _guarantee_at_least(inst, wc, V, scope, digits, samples) -> ClaimResult:
    base = _wc_text(inst, wc, digits)
    margin = float(N(wc.value - V, 20))
    if wc.method.startswith("LP"):
        return _bracket_guarantee(inst, wc, V, scope, digits, samples, base, equal=False)
    s, _ = _cmp(V, wc.value, digits)
    if s is not None and s > 0:
        law = law_below(inst, wc, V)
        if law is None:
            return ClaimResult("guarantee_at_least", "undecided", f"{base}; {V} exceeds the worst case but no "
                               "explicit law below it was found", margin=margin)
        return ClaimResult("guarantee_at_least", "refuted",
                           f"a law in the ambiguity set earns {law.revenue} = {_dec(law.revenue, 40)} < {V} ({base})",
                           counterexample=_law_json(law, digits), margin=margin)
    if _cmp(V, wc.cert_value, digits)[0] == 1:     # only with numerical contacts: V within eps of W
        cert = certificate_claim(inst, wc, id="dual").check(scope, digits=digits, samples=samples)
        return ClaimResult("guarantee_at_least", _weakest("confirmed", cert.status.value if cert.holds else "undecided"),
                           f"{V} equals the worst case to {digits} digits; certified only up to "
                           f"{_dec(wc.value - wc.cert_value, 5)} ({base})", margin=margin)
    cert = certificate_claim(inst, wc, value=V, id="dual").check(scope, digits=digits, samples=samples)
    st = cert.status.value
    if st == "refuted":
        st = "undecided"
    return ClaimResult("guarantee_at_least", st, f"dual certificate with value {V}: {_fmt_verdict(cert)}: "
                       f"{cert.detail} ({base})", margin=margin)


def _value(inst, br, V, digits) -> ClaimResult:
    desc = br.describe()
    lower = br.lower
    with mpmath.workdps(60):
        Vn = _mp(V)
        too_low = lower - Vn > _MARGIN
    margin = min(float(Vn - lower), float(N(br.upper - V, 20))) if br.upper is not sp.nan else float(Vn - lower)
    if br.lower_rigorous and too_low:
        return ClaimResult("value", "refuted",
                           f"claimed max-min value {V} = {_dec(V)} is too low: the LP's price lottery guarantees at "
                           f"least {mpmath.nstr(lower, 30)} > {V} against every law in the set{_where(inst)}; {desc}",
                           counterexample=br.lottery_json(), margin=margin)
    if br.nature is not None and br.upper is not sp.nan and _gt(V, br.upper, digits):
        return ClaimResult("value", "refuted",
                           f"claimed max-min value {V} = {_dec(V)} is too high: against nature's law below, no "
                           f"mechanism earns more than {br.upper} = {_dec(br.upper, 40)} (best posted price "
                           f"{br.upper_price}){_where(inst)}; {desc}",
                           counterexample={"kind": "distribution in the ambiguity set (caps every mechanism)",
                                           "atoms": [{"point": str(p), "weight": str(w),
                                                      "weight_decimal": _dec(w, 30)} for p, w in br.nature.atoms],
                                           "best_revenue": str(br.upper), "best_revenue_decimal": _dec(br.upper, 40),
                                           "best_price": str(br.upper_price)}, margin=margin)
    rb = refined_bracket(inst) if sp.sympify(V).is_number else None
    if rb is not None:
        lo_text, hi_text = outward_decimals(rb.lower, rb.upper)
        side = "too low" if sp.sympify(V) < rb.lower else "too high" if sp.sympify(V) > rb.upper else ""
        if side:
            return ClaimResult("value", "refuted",
                               f"claimed max-min value {V} = {_dec(V, 20)} is {side}: the max-min value lies in "
                               f"[{lo_text}, {hi_text}], both ends proved by exact certificates{_where(inst)} "
                               f"({rb.verdict.detail})",
                               counterexample={"kind": "certified bracket of the max-min value",
                                               "lower": str(rb.lower), "upper": str(rb.upper)}, margin=margin)
        return ClaimResult("value", "confirmed",
                           f"{V} = {_dec(V, 20)} lies in the certified bracket [{lo_text}, {hi_text}] (width "
                           f"{float(rb.upper - rb.lower):.2g}){_where(inst)}: evidence, not a proof of equality",
                           margin=margin)
    return ClaimResult("value", "confirmed" if br.lower_rigorous else "confirmed",
                       f"{V} = {_dec(V, 20)} lies in the max-min bracket{_where(inst)}: {desc}; the bracket's ends "
                       "are a real mechanism's guarantee and a cap from a law in the set, so this is evidence, "
                       "not a proof of equality", margin=margin)


def _optimal(inst, wc, br, digits) -> ClaimResult:
    desc = br.describe()
    W = wc.value
    Wup = wc.upper if wc.law is not None else W
    with mpmath.workdps(60):
        Wn = _mp(Wup)
        better = br.lower - Wn > _MARGIN
    margin = float(Wn - br.lower)
    if br.lower_rigorous and better:
        return ClaimResult("optimal", "refuted",
                           f"the mechanism ({inst.description}) guarantees only {_dec(W, 30)} (worst case, "
                           f"{wc.method}){_where(inst)}, but the LP's price lottery guarantees at least "
                           f"{mpmath.nstr(br.lower, 30)}; {desc}", counterexample=br.lottery_json(), margin=margin)
    Wl = mpmath.mpf(str(N(wc.cert_value, 60)))
    up = mpmath.mpf(str(N(br.upper, 60))) if br.upper is not sp.nan else mpmath.inf
    if Wl > up + mpmath.mpf(10) ** -(digits - 10):
        return ClaimResult("optimal", "undecided", f"worst case {_dec(W)} above the max-min upper bound "
                           f"{_dec(br.upper)}: inconsistent numerics; {desc}", margin=margin)
    return ClaimResult("optimal", "confirmed",
                       f"the mechanism's worst case {W} = {_dec(W, 20)} lies in the max-min bracket{_where(inst)}: "
                       f"{desc}; optimality among all mechanisms is confirmed up to the bracket width, not proved",
                       margin=margin)


# --- across points -----------------------------------------------------------------------------------
def evaluate_point(conj: Conjecture, point: dict, digits: int = 50) -> list[dict]:
    """Picklable entry point for the sweep workers: parameter point -> claim results as dicts."""
    inst = instance(conj, point)
    res = evaluate_instance(inst, digits=digits)
    return [dict(r.to_json(), margin=r.margin, point=r.point) for r in res]


def combine_points(conj: Conjecture, per_point: list[list[dict]], how: str) -> list[ClaimResult]:
    """One verdict per claim from the verdicts at every point (``how`` describes the points)."""
    if not conj.free_parameters:
        return [ClaimResult(d["id"], d["status"], d["detail"], d["counterexample"], d.get("margin"), d.get("point"))
                for d in per_point[0]]
    out = []
    for i, (cid, _) in enumerate(conj.claims):
        rows = [pp[i] for pp in per_point]
        margins = [(r["margin"] if r.get("margin") is not None else math.inf) for r in rows]
        worst = min(range(len(rows)), key=lambda j: (STRENGTH[rows[j]["status"]], margins[j]))
        w = rows[worst]
        counts: dict[str, int] = {}
        for r in rows:
            counts[r["status"]] = counts.get(r["status"], 0) + 1
        tally = ", ".join(f"{n} {s}" for s, n in sorted(counts.items(), key=lambda kv: -STRENGTH[kv[0]]))
        worst_txt = ", ".join(f"{k} = {v}" for k, v in (w.get("point") or {}).items())
        if w["status"] == "refuted":
            st = "refuted"
            detail = f"refuted at {worst_txt} ({tally} over {how}): {w['detail']}"
        elif w["status"] == "undecided":
            st = "undecided"
            detail = f"undecided at {worst_txt} ({tally} over {how}): {w['detail']}"
        else:
            st = "confirmed"
            detail = (f"holds at every one of {len(rows)} parameter points ({tally}; {how}); pointwise checks are "
                      f"evidence for the whole range, not a proof; tightest point {worst_txt}: {w['detail']}")
        out.append(ClaimResult(cid, st, detail, w["counterexample"] if st == "refuted" else None,
                               margins[worst], w.get("point")))
    return out
