"""Several-bidder conjecture files: ``symmech check`` verdicts and ``symmech solve`` answers.

The mathematics (worst cases, max-min values, their claims and laws) is :mod:`.auction_math`; this module
turns a file's claims into verdicts and ask mode's questions into answers, always naming the ambiguity set
(Markov: any correlation; i.i.d.: independent values with one unknown marginal), never answering for the other.

* ``guarantee = V`` -- the mechanism's worst case equals ``V``: proved when the worst case is exact and equal;
  refuted with a law in the set earning less than ``V`` (checked here: in the set, exact revenue) or, when
  ``V`` is below the proved lower bound, with the certificate; undecided inside a bracket.
* ``guarantee_at_least = V`` -- the proved lower bound is at least ``V``; refuted by a law earning less.
* ``value = V`` -- the max-min revenue over ``optimal_among`` (``"second_price"``, ``"highest_bidder_lotteries"``
  or ``"all"``): refuted by a mechanism of the class guaranteeing more, or by nature's laws capping the class.
* ``optimal = true`` -- the mechanism's worst case equals the class's max-min value.
"""
from __future__ import annotations

import time

import sympy as sp

from symmech.models.auctions import HighestBidderLottery, expected_revenue
from symmech.claims import AllOf
from symmech.tactics.scope import Scope
from .answer import Answer, UnsupportedQuestion
from .auction_iid import iid_hbl_class, iid_law_json, iid_revenue, iid_spa, iid_spa_class
from .auction_math import (
    Analysis,
    all_mechanisms,
    hbl_class,
    hbl_worst_case,
    in_markov_set,
    markov_law_json,
    markov_spa,
    markov_spa_class,
    spa_law_revenue,
)
from .checking import check_many
from .exact import compare
from .limits import capped_out
from .multi_types import AuctionConjecture
from .regret_files import prove_parts
from .results import ClaimResult

__all__ = ["Prover", "answer_auction", "evaluate_auction"]

_HOLD = ("proved", "certified")
CLASS_NAMES = {"second_price": "second-price auctions with a deterministic reserve",
               "highest_bidder_lotteries": "highest-bidder lotteries", "all": "all mechanisms"}


class Prover:
    """Checks the claims of analyses once each (an analysis rests on its own claims and on those it uses)."""

    def __init__(self, digits: int) -> None:
        self.digits = min(digits, 40)
        self.memo: dict[int, tuple[str, str]] = {}
        self.verdicts: dict[int, tuple] = {}       # prefetched: id -> (verdict or None, why)

    def prefetch(self, analyses: list[Analysis]) -> None:
        """Check the claims of ``analyses`` (and of those they use) at once, their parts spread over local
        processes (:func:`.checking.check_many`); :meth:`status` then reads the verdicts."""
        todo, seen = [], set()

        def walk(an):
            if id(an) in seen or id(an) in self.verdicts:
                return
            seen.add(id(an))
            if an.parts:
                todo.append(an)
            for u in an.uses:
                walk(u)

        for an in analyses:
            walk(an)
        if not todo:
            return
        results = check_many([(AllOf(an.what[:60], parts=an.parts), Scope({})) for an in todo], digits=self.digits,
                             samples=5, tactics=10.0, certify=8.0, seconds=150.0)
        for an, res in zip(todo, results):
            self.verdicts[id(an)] = (res.verdict, res.error or "time budget of 150 s ran out")

    def status(self, an: Analysis) -> tuple[str, str]:
        """``(status, detail)``: the weakest verdict of the analysis's claims and of the analyses it uses."""
        key = id(an)
        if key in self.memo:
            return self.memo[key]
        if not an.parts and not an.uses:      # nothing checked stands behind it: never a proof by default
            out = ("undecided", "no claim checks this step")
            self.memo[key] = out
            return out
        st, notes = "proved", []
        for u in an.uses:
            s2, d2 = self.status(u)
            st = _weaker(st, s2)
            if s2 not in _HOLD:
                notes.append(f"{u.what}: {d2}")
        if an.parts:
            if id(an) in self.verdicts:
                v, why = self.verdicts[id(an)]
                why = why if why.startswith("time") else f"could not evaluate: {why}"
            else:
                try:
                    v = prove_parts(an.what[:60], an.parts, digits=self.digits)
                except Exception as exc:   # noqa: BLE001 - a failure is reported, never rounded up
                    if capped_out():
                        raise MemoryError(f"{type(exc).__name__}: {exc}") from exc
                    v, why = None, f"could not evaluate: {type(exc).__name__}: {exc}"
                else:
                    why = "time budget of 150 s ran out"
            if v is None:
                st, notes = "undecided", notes + [why]
            else:
                s3 = v.status.value
                st = _weaker(st, "undecided" if s3 == "refuted" else s3)   # a failed step proves nothing either way
                if s3 not in _HOLD:
                    notes.append(v.detail[:600])
        out = (st, f"{len(an.parts)} claims {st}" + (f" ({'; '.join(notes)})" if notes else ""))
        self.memo[key] = out
        return out


_ORDER = {"proved": 4, "certified": 3, "confirmed": 2, "undecided": 1, "refuted": 0}


def _weaker(a: str, b: str) -> str:
    return min(a, b, key=lambda s: _ORDER[s])


def _sign(a, b) -> int | None:
    c = compare(a, b, 40)
    return c.sign if c.rigorous else None


def _dec(x, d: int = 20) -> str:
    try:
        return str(sp.N(x, d))
    except Exception:   # noqa: BLE001 - a number that cannot be shown is shown as "?"
        return "?"


def _range(an: Analysis) -> str:
    if an.exact:
        return f"{an.lower} = {_dec(an.lower)}"
    return f"in [{an.lower}, {an.upper}] = [{_dec(an.lower, 15)}, {_dec(an.upper, 15)}]"


# --------------------------------------------------------------------------------------------------
def mechanism_analysis(conj: AuctionConjecture) -> Analysis:
    """The worst case of the file's mechanism over the file's set."""
    I, mu, rel = conj.I, conj.mu, conj.relation
    if conj.mechanism["kind"] == "highest_bidder_lottery":
        return hbl_worst_case(I, mu, rel, conj.iid)
    r = conj.mechanism["reserve"]
    return iid_spa(I, mu, r) if conj.iid else markov_spa(I, mu, r, rel)


def class_analysis(conj: AuctionConjecture, among: str, cache: dict) -> Analysis:
    """The max-min revenue over ``among`` on the file's set (built once per class)."""
    if among in cache:
        return cache[among]
    I, mu, rel = conj.I, conj.mu, conj.relation
    if among == "second_price":
        an = iid_spa_class(I, mu) if conj.iid else markov_spa_class(I, mu, rel)
    elif among == "highest_bidder_lotteries":
        an = iid_hbl_class(I, mu, rel) if conj.iid else hbl_class(I, mu, rel)
    else:
        an = all_mechanisms(I, mu, rel, conj.iid, [class_analysis(conj, "second_price", cache),
                                                   class_analysis(conj, "highest_bidder_lotteries", cache)])
    cache[among] = an
    return an


def _mechanism_text(conj: AuctionConjecture) -> str:
    if conj.mechanism["kind"] == "highest_bidder_lottery":
        return "the optimal highest-bidder lottery of Thm. 1.5.3"
    return f"the second-price auction with reserve {conj.mechanism['reserve']}"


def _law_revenue(conj: AuctionConjecture, law: dict) -> sp.Expr:
    """The mechanism's revenue under ``law`` recomputed here (profiles for Markov, a marginal for i.i.d.)."""
    I = conj.I
    if conj.mechanism["kind"] == "highest_bidder_lottery":
        profiles = {tuple([v] * I): w for v, w in law.items()} if conj.iid else law
        if conj.iid and len(law) != 1:
            raise ValueError("an i.i.d. law for the lottery is checked only as a Dirac law")
        return sp.simplify(expected_revenue(HighestBidderLottery.optimal(I, conj.mu), profiles))
    r = conj.mechanism["reserve"]
    return iid_revenue(I, r, law) if conj.iid else spa_law_revenue(I, r, law)


def _in_set(conj: AuctionConjecture, law: dict) -> bool:
    if not conj.iid:
        return in_markov_set(law, conj.I, conj.mu, conj.relation)
    if any(_sign(w, 0) not in (0, 1) for w in law.values()) or not compare(sp.Add(*law.values()), 1, 40).equal:
        return False
    if any(_sign(v, 0) == -1 or _sign(v, 1) == 1 for v in law):
        return False
    m = sp.Add(*[v * w for v, w in law.items()])
    s = _sign(m, conj.mu)
    return compare(m, conj.mu, 40).equal if conj.relation == "==" else (s is not None and s >= 0)


def _law_counterexample(conj: AuctionConjecture, an: Analysis, V) -> tuple[dict, sp.Expr] | None:
    """A law in the set under which the mechanism earns strictly less than ``V`` (rechecked here), or None."""
    if an.law_below is None:
        return None
    found = an.law_below(V)
    if found is None:
        return None
    law, _ = found
    rev = _law_revenue(conj, law)
    if not _in_set(conj, law) or _sign(rev, V) != -1:
        return None
    js = iid_law_json(conj.I, law, rev, V) if conj.iid else markov_law_json(conj.I, law, rev, V)
    return js, rev


# --------------------------------------------------------------------------------------------------
def evaluate_auction(conj: AuctionConjecture, digits: int = 50) -> list[ClaimResult]:
    """One verdict per claim of a several-bidder file."""
    prover, cache, out = Prover(digits), {}, []
    for cid, value in conj.claims:
        t0 = time.perf_counter()
        try:
            r = _claim(conj, cid, value, prover, cache)
        except MemoryError:
            raise
        except Exception as exc:   # noqa: BLE001 - a failure is reported, never rounded up
            if capped_out():
                raise MemoryError(f"{type(exc).__name__}: {exc}") from exc
            r = ClaimResult(cid, "undecided", f"could not evaluate: {type(exc).__name__}: {exc}")
        r.detail = f"[{conj.set_text()}] {r.detail} ({time.perf_counter() - t0:.1f} s)"
        out.append(r)
    return out


def _claim(conj: AuctionConjecture, cid: str, V, prover: Prover, cache: dict) -> ClaimResult:
    if cid in ("guarantee", "guarantee_at_least"):
        an = mechanism_analysis(conj)
        lo_s, hi_s = _sign(V, an.lower), _sign(V, an.upper)
        if hi_s == 1:
            ce = _law_counterexample(conj, an, V)
            if ce is not None:
                return ClaimResult(cid, "refuted", f"claimed {V} = {_dec(V)} is too high: a law in the set gives "
                                   f"{_mechanism_text(conj)} the revenue {ce[1]} = {_dec(ce[1], 30)} < {V}; the worst "
                                   f"case is {_range(an)} ({an.upper_how})", counterexample=ce[0])
            return ClaimResult(cid, "undecided", f"claimed {V} exceeds the worst case {_range(an)} but no law below "
                               "it was found")
        st, proof = prover.status(an)
        if cid == "guarantee_at_least":
            if lo_s is not None and lo_s <= 0:
                return ClaimResult(cid, st, f"the worst case of {_mechanism_text(conj)} is "
                                   f"{_range(an)} >= {V}: {an.lower_how}; {proof}")
            return ClaimResult(cid, "undecided", f"claimed {V} lies in the proved bracket {_range(an)} of the worst "
                               f"case ({an.why or 'not decided'})")
        if lo_s == -1:
            if st in _HOLD:
                return ClaimResult(cid, "refuted", f"claimed {V} = {_dec(V)} is too low: the worst case of "
                                   f"{_mechanism_text(conj)} is at least {an.lower} = {_dec(an.lower, 30)} > {V} "
                                   f"({an.lower_how}; {proof})",
                                   counterexample={"kind": "certificate of a higher worst case",
                                                   "lower_bound": str(an.lower), "how": an.lower_how,
                                                   **(an.certificate or {}), "claimed": str(V)})
            return ClaimResult(cid, "undecided", f"claimed {V} is below the worst case's lower bound, whose proof is "
                               f"{st}: {proof}")
        if an.exact and lo_s == 0:
            return ClaimResult(cid, st, f"the worst case of {_mechanism_text(conj)} equals {V} = {_dec(V)}: "
                               f"{an.lower_how}; {an.upper_how}; {proof}")
        return ClaimResult(cid, "undecided", f"claimed {V} lies in the proved bracket {_range(an)} of the worst case: "
                           f"{an.why or 'equality not decided'}")
    among = conj.among
    cl = class_analysis(conj, among, cache)
    cst, cproof = prover.status(cl)
    what = CLASS_NAMES[among]
    if cid == "value":
        lo_s, hi_s = _sign(V, cl.lower), _sign(V, cl.upper)
        if lo_s == -1 and cst in _HOLD:
            return ClaimResult("value", "refuted", f"claimed max-min value {V} = {_dec(V)} over {what} is too low: "
                               f"{cl.lower_how}, {cl.lower} = {_dec(cl.lower, 30)} > {V} ({cproof})",
                               counterexample=dict(cl.mechanism or {}, claimed=str(V)))
        if hi_s == 1 and cst in _HOLD:
            return ClaimResult("value", "refuted", f"claimed max-min value {V} = {_dec(V)} over {what} is too high: "
                               f"{cl.upper_how}; so no mechanism of the class guarantees more than {cl.upper} = "
                               f"{_dec(cl.upper, 30)} < {V} ({cproof})",
                               counterexample=dict(cl.nature or {}, claimed=str(V)))
        if cl.exact and lo_s == 0:
            return ClaimResult("value", cst, f"the max-min revenue over {what} is {V} = {_dec(V)}: {cl.lower_how}; "
                               f"{cl.upper_how}; {cproof}")
        return ClaimResult("value", "undecided", f"claimed {V} = {_dec(V)}: the max-min revenue over {what} is "
                           f"{_range(cl)} (bounds {cst}); {cl.why or 'not decided'}")
    # optimal
    an = mechanism_analysis(conj)
    st, proof = prover.status(an)
    if _sign(an.upper, cl.lower) == -1 and cst in _HOLD:
        return ClaimResult("optimal", "refuted", f"{_mechanism_text(conj)} guarantees at most {an.upper} = "
                           f"{_dec(an.upper, 30)} ({an.upper_how}), but {cl.lower_how}: {cl.lower} = "
                           f"{_dec(cl.lower, 30)} ({cproof})", counterexample=dict(cl.mechanism or {}))
    if an.exact and cl.exact and _sign(an.lower, cl.lower) == 0:
        return ClaimResult("optimal", _weaker(st, cst), f"{_mechanism_text(conj)} guarantees {an.lower} = "
                           f"{_dec(an.lower)}, the max-min revenue over {what}: {an.lower_how}; {cl.upper_how}; "
                           f"{proof}; {cproof}")
    return ClaimResult("optimal", "undecided", f"{_mechanism_text(conj)}: worst case {_range(an)}; max-min over {what} "
                       f"{_range(cl)}; {cl.why or an.why or 'not decided'}")


# --------------------------------------------------------------------------------------------------
def _answer(topic: str, an: Analysis, prover: Prover, conj: AuctionConjecture, extra: dict | None = None) -> Answer:
    st, proof = prover.status(an)
    data = {"objective": "revenue", "set": conj.set_name, "lower": str(an.lower), "upper": str(an.upper),
            **(extra or {})}
    if an.exact:
        data["value"] = str(an.lower)
        details = [f"= {_dec(an.lower, 30)}", f"set: {conj.set_text()}", f"lower end: {an.lower_how}",
                   f"upper end: {an.upper_how}", f"{proof}; source: {an.source}"]
        if an.mechanism:
            data["mechanism"] = an.mechanism
        if an.nature:
            data["nature"] = an.nature
        return Answer(topic, str(an.lower), st, details, data)
    details = [f"undecided: {an.why}", f"set: {conj.set_text()}",
               f"proved bounds ({st}): [{an.lower}, {an.upper}] = [{_dec(an.lower, 15)}, {_dec(an.upper, 15)}]",
               f"lower end: {an.lower_how}", f"upper end: {an.upper_how}", f"{proof}; source: {an.source}"]
    return Answer(topic, f"in [{_dec(an.lower, 12)}, {_dec(an.upper, 12)}]", "undecided", details, data)


def answer_auction(conj: AuctionConjecture, digits: int = 50, posted_prices: bool = False) -> list[Answer]:
    """Ask mode: the worst case of the file's mechanism and the max-min revenue over the classes asked."""
    if posted_prices:
        raise UnsupportedQuestion("--posted-prices with several bidders is not supported (ask for "
                                  "optimal_among = 'second_price' instead)")
    prover, cache, out = Prover(digits), {}, []
    classes = [conj.among] if conj.among != "all" or conj.among_given else \
        (["second_price"] if conj.iid else ["second_price", "highest_bidder_lotteries"])
    wanted = [class_analysis(conj, c, cache) for c in classes] + \
        ([class_analysis(conj, "all", cache)] if not conj.among_given else [])
    if conj.has_mechanism:
        wanted.append(mechanism_analysis(conj))
    prover.prefetch(wanted)
    if conj.has_mechanism:
        an = wanted[-1]
        out.append(_answer(f"worst case of the mechanism ({_mechanism_text(conj)})", an, prover, conj))
    for among in classes:
        cl = class_analysis(conj, among, cache)
        a = _answer(f"max-min value ({CLASS_NAMES[among]})", cl, prover, conj, {"class": among})
        if among != "all" and not conj.among_given:
            every = class_analysis(conj, "all", cache)
            est, _ = prover.status(every)
            a.details.append(f"over all mechanisms the value is not known in closed form: at least {every.lower} = "
                             f"{_dec(every.lower, 15)}, at most mu = {every.upper} (bounds {est}; ask "
                             "optimal_among = 'all')")
        out.append(a)
    return out
