"""From pointwise verdicts to verdicts for every parameter value (and exact value/optimal claims).

After the pointwise check (:mod:`.evaluate`, the ends of every range included) a claim that holds
at every point is stated for the whole range (:mod:`.proofs`) and, for ``value``/``optimal``,
against the closed-form saddle point (:mod:`.saddle`); it becomes ``proved``/``certified`` only if
every one of those claims is proved or certified by the core provers.  Otherwise the pointwise
verdict stands and the detail says what was not shown.
"""
from __future__ import annotations

import sympy as sp

from ..checks import dual_certificate, in_ambiguity_set, seller_best_response_bound
from ..claims import Claim, Identity, Inequality
from symmech.models.mechanisms import Mechanism
from symmech.models.piecewise import PiecewiseFunction
from symmech.tactics.provers import within_budget
from .evaluate import ClaimResult
from .exact import budgeted
from .proofs import (
    RANGE_SECONDS,
    ProofSetting,
    check_claim_sets,
    guarantee_claims,
    proof_setting,
)
from .saddle import NoClosedForm, find_saddle, posted_price_value
from .types import Conjecture, ConjectureError
from .worst_case import ambiguity_set

__all__ = ["prove_results", "proof_outcomes", "apply_outcomes", "needs_proof", "claims_for"]


def _roots(st: ProofSetting) -> list:
    return [st.subs[s] for s, d in st.conj.definitions if not isinstance(d, sp.Expr) and s in st.subs]


def claims_for(st: ProofSetting, cid: str, value) -> tuple[list[Claim], str]:
    """The claims that establish ``cid`` for every parameter value, and a one-line description."""
    conj = st.conj
    if cid in ("guarantee", "guarantee_at_least"):
        parts, wc = guarantee_claims(st, value, equal=cid == "guarantee")
        return parts, (f"worst case {wc.value} (contacts " + ", ".join(c.describe() for c in wc.contacts) + ")")
    with st.numerics():
        inst = st.instance
        if conj.among == "posted_prices":
            return _posted_claims(st, inst, cid, value)
        sad = find_saddle(inst, roots=_roots(st))
        if cid == "value":
            V = st.expr(value)
            return [sad.claim, Identity("value.equals_saddle", lhs=V, rhs=sad.value)], (
                f"saddle point: {sad.mechanism_text} against {sad.nature_text}; value {sad.value}")
        # optimal: the file's mechanism guarantees the saddle value, which caps every mechanism
        parts, wc = guarantee_claims(st, sad.value, equal=False)
        A = _amb(inst)
        parts += [in_ambiguity_set(sad.nature, A, id="optimal.nature_in_set"),
                  seller_best_response_bound(sad.nature, sad.value, id="optimal.no_mechanism_beats")]
        return parts, (f"the mechanism guarantees the max-min value {sad.value}; nature's {sad.nature_text} "
                       "caps every mechanism at it")


def _amb(inst):
    return ambiguity_set(inst)


def _posted_claims(st: ProofSetting, inst, cid: str, value):
    R, p, pbar, best, V = posted_price_value(inst)
    lo = inst.support[0]
    if best is None:
        raise NoClosedForm("no closed-form best price")
    m = inst.moments[0]
    th = inst.theta
    den = m.g.subs(th, inst.support[1]) - m.g.subs(th, p)        # > 0 below the top: cleared
    num = sp.expand(V * den - R * den)
    # the best price is a double root of num: split off (p - best)^2 (an identity the provers check), so the
    # remaining factor is strictly positive and the certifier does not meet a touching point
    Q = budgeted(lambda: sp.simplify(sp.cancel(num / (p - best) ** 2)), 10) if best != lo else None
    if Q is not None and not sp.denom(sp.together(Q)).has(p):
        split = [Identity("posted.no_price_beats.square", lhs=num, rhs=(p - best) ** 2 * Q, over=[(p, lo, pbar)]),
                 Inequality("posted.no_price_beats", lhs=Q, rel=">=", rhs=0, over=[(p, lo, pbar)],
                            statement="(value - p P(theta >= p)) (g(hi) - g(p)) = (p - p*)^2 Q(p) with Q >= 0")]
    else:
        split = [Inequality("posted.no_price_beats", lhs=num, rel=">=", rhs=0, over=[(p, lo, pbar)],
                            statement="(value - p P(theta >= p)) (g(hi) - g(p)) >= 0 under nature's two-atom law "
                                      "(just below p and at the top)")]
    claims: list[Claim] = split + [
                           Inequality("posted.denominator", lhs=den, rel=">", rhs=0, over=[(p, lo, pbar)]),
                           Inequality("posted.bottom_price", lhs=V, rel=">=", rhs=lo)]
    if cid == "value":
        claims.append(Identity("posted.value", lhs=st.expr(value), rhs=V))
        if best != lo:
            Mb = Mechanism(th, PiecewiseFunction(th, (lo, best, inst.support[1]), (0, 1)),
                           PiecewiseFunction(th, (lo, best, inst.support[1]), (0, best)), sp.Integer(0))
            mu = best / (m.g.subs(th, inst.support[1]) - m.g.subs(th, best))
            claims.append(dual_certificate(Mb, _amb(inst), -mu * m.g.subs(th, best), [mu], V,
                                           id="posted.best_price_guarantee"))
        return claims, f"best posted price {best} with guarantee {V}; worst case of price p: {R}"
    parts, wc = guarantee_claims(st, V, equal=False)
    return parts + claims, f"best posted price {best} with guarantee {V}; the file's price guarantees it"


def needs_proof(conj: Conjecture, r: ClaimResult) -> bool:
    """Whether a pointwise result is upgraded by a whole-range proof: it holds at every point, and it is not
    already exact for a file without parameters."""
    exact_single = not conj.free_parameters and r.status in ("proved", "certified")
    return r.status in ("proved", "certified", "confirmed") and not exact_single


def proof_outcomes(conj: Conjecture, indices: list[int], digits: int = 30) -> dict[int, dict]:
    """The whole-range proof of each claim ``conj.claims[i]`` for ``i`` in ``indices`` (picklable).

    The claims of every proof are built first, then checked together in one batch (a claim two results
    share, such as the mechanism's feasibility, is checked once).  Per index: ``{"note": text}`` when there is
    no proof to check, else the status, the lines of what was not shown, the record, and the description."""
    where = "every parameter value" if conj.free_parameters else "the model, exactly"
    setting: list = []
    prepared: dict[int, tuple] = {}        # claim index -> (parts, description)
    out: dict[int, dict] = {}
    for i in indices:
        cid, value = conj.claims[i]

        def build(cid=cid, value=value):
            if not setting:
                setting.append(proof_setting(conj))
            return claims_for(setting[0], cid, value)

        try:
            got = within_budget(build, RANGE_SECONDS)
        except (ConjectureError, NoClosedForm) as exc:
            got = str(exc)
        except Exception as exc:   # noqa: BLE001 - a failed attempt leaves the pointwise verdict
            got = f"{type(exc).__name__}: {exc}"
        if got is None:
            out[i] = {"note": f"whole-range proof not attempted to the end: time budget of {RANGE_SECONDS:g} s"}
        elif isinstance(got, str):
            out[i] = {"note": f"no proof for {where}: {got}"}
        else:
            prepared[i] = got
    if not prepared:
        return out
    st = setting[0]
    order = list(prepared)
    try:
        sets = within_budget(lambda: check_claim_sets([prepared[i][0] for i in order], st, digits=min(digits, 30)),
                             RANGE_SECONDS)
    except Exception as exc:   # noqa: BLE001 - a failed batch leaves the pointwise verdicts
        sets = f"{type(exc).__name__}: {exc}"
    for k, i in enumerate(order):
        if sets is None:
            out[i] = {"note": f"whole-range proof not attempted to the end: time budget of {RANGE_SECONDS:g} s"}
        elif isinstance(sets, str):
            out[i] = {"note": f"no proof for {where}: {sets}"}
        else:
            status, lines, record = sets[k]
            parts, desc = prepared[i]
            out[i] = {"status": status, "lines": lines, "record": record, "desc": desc, "scope": st.scope,
                      "n": len(parts) + len(st.side), "describe": st.describe(), "notes": list(st.notes)}
    return out


def apply_outcomes(conj: Conjecture, results: list[ClaimResult], outcomes: dict[int, dict]) -> list[ClaimResult]:
    """The pointwise results with the proof outcomes of :func:`proof_outcomes` applied."""
    where = "every parameter value" if conj.free_parameters else "the model, exactly"
    out = []
    for i, ((cid, _), r) in enumerate(zip(conj.claims, results)):
        o = outcomes.get(i)
        if o is None:
            pass
        elif "note" in o:
            r.detail += f"\n[{o['note']}]"
        else:
            status, notes = o["status"], o["notes"]
            if status in ("proved", "certified"):
                r = ClaimResult(cid, status, f"{status} for {where} ({o['describe']}): {o['n']} claims checked by the "
                                f"core provers; {o['desc']}" + ("; " + "; ".join(notes) if notes else "")
                                + f"\npointwise: {r.detail}", None, r.margin, r.point)
            else:
                r.detail += (f"\n[for {where} ({o['describe']}): {status}; not shown: " + "; ".join(o["lines"][:4])
                             + "]")
            r.proof = {"scope": o["scope"], "record": o["record"], "status": status, "notes": list(notes)}
        out.append(r)
    return out


def prove_results(conj: Conjecture, results: list[ClaimResult], digits: int = 30) -> list[ClaimResult]:
    """Upgrade holding claims to verdicts for every parameter value where the core provers can."""
    need = [i for i, r in enumerate(results) if needs_proof(conj, r)]
    return apply_outcomes(conj, results, proof_outcomes(conj, need, digits) if need else {})
