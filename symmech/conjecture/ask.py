"""Ask mode (``symmech solve FILE.toml``): the answers a conjecture file would have to guess.

For the file's mechanism (if it has one): the exact worst-case revenue, nature's worst law (or the
law approaching the infimum), and the dual certificate.  For the model: the max-min value with the
optimal mechanism and nature's law when the closed form is found (:mod:`.saddle`), checked as a
saddle point by the core provers; otherwise the LP bracket with a compact description of the LP's
mechanism and law.  With parameter ranges the answer is a formula in the parameters, checked for
every parameter value (:mod:`.proofs`), or else a table over the range's points (ends included).

Ask mode answers the objective the file states: ``revenue`` as above; ``regret`` (support only, values in
``[v_low, v_bar]``, item cost ``c``) with the minimax regret in Bergemann and Schlag's closed form, the seller's
random price and nature's law, proved by the claims ``symmech check`` uses for regret files
(:mod:`symmech.models.regret.single`).  Anything else is refused with :class:`UnsupportedQuestion` (never answered
with another objective's value).
"""
from __future__ import annotations

import time

import sympy as sp

from symmech.models.objectives import ObjectiveError
from symmech.models.regret.single import (
    interval_minimax_claims,
    interval_nature_law,
    interval_price_law,
    interval_regime,
)
from .answer import Answer, UnsupportedQuestion
from .auction_files import answer_auction
from .goods_files import answer_goods
from .limits import capped_out
from .maxmin import maxmin_bracket, outward_decimals, refined_bracket
from .model import N, definitions, instance
from .proofs import check_claims, guarantee_claims, proof_setting, symbolic_worst_case
from .ratio_files import ratio_parts
from .regret_files import SOURCE, prove_parts
from .saddle import NoClosedForm, find_saddle, posted_price_value
from .multi_types import AuctionConjecture, GoodsConjecture
from .types import Conjecture
from .upgrade import _posted_claims, _roots
from .worst_case import worst_case

__all__ = ["Answer", "UnsupportedQuestion", "solve"]


def _dec(x, d=20) -> str:
    try:
        return str(N(x, d))
    except Exception:   # noqa: BLE001
        return "?"


def _law_text(law) -> str:
    if law is None:
        return "no explicit law"
    atoms = ", ".join(f"{p} w.p. {w}" for p, w in law.atoms[:6])
    more = f" (+{len(law.atoms) - 6} atoms)" if len(law.atoms) > 6 else ""
    return atoms + more + (f" [{law.note}]" if law.note else "")


def _worst_case_answer(conj: Conjecture, digits: int) -> list[Answer]:
    out: list[Answer] = []
    try:
        st = proof_setting(conj)
        value = symbolic_worst_case(st).value
        parts, wc = guarantee_claims(st, value, equal=True)
        status, lines = check_claims(parts, st, digits=min(digits, 30))
        where = "for every parameter value" if conj.free_parameters else "exactly"
        out.append(Answer("worst case of the mechanism", f"{value}", status,
                          [f"{status} {where} ({st.describe()}); {len(parts) + len(st.side)} claims",
                           "contacts: " + ", ".join(c.describe() for c in wc.contacts),
                           f"dual certificate: t(theta) >= {wc.lam} + " + " + ".join(
                               f"({m})*({mc.g})" for m, mc in zip(wc.mu, st.instance.moments)) if wc.mu else
                           f"dual certificate: t(theta) >= {wc.lam}",
                           *(["not shown: " + "; ".join(lines[:3])] if lines else []), *st.notes],
                          {"value": str(value), "lam": str(wc.lam), "mu": [str(m) for m in wc.mu]}))
        if not conj.free_parameters:
            with st.numerics():
                out[-1].details.append(f"= {_dec(value, 30)}; nature: {_law_text(wc.law)}"
                                       + ("" if wc.attained else " (infimum approached, not attained)"))
        return out
    except Exception as exc:   # noqa: BLE001 - fall back to the pointwise answer
        note = f"no formula over the range: {type(exc).__name__}: {exc}"
    rows = []
    for pt in _table_points(conj):
        inst = instance(conj, pt)
        with definitions(inst.defs):
            wc = worst_case(inst, digits=digits)
            rows.append((pt, wc.value, _dec(wc.value), wc.method, _law_text(wc.law)))
    details = [note] + [f"{_pt(pt)}: {v} = {d} ({m}); nature: {law}" for pt, v, d, m, law in rows]
    out.append(Answer("worst case of the mechanism", "table over the parameter points" if conj.free_parameters
                      else str(rows[0][1]), "confirmed", details,
                      {"table": [{"point": {str(k): str(x) for k, x in pt.items()}, "value": d}
                                 for pt, v, d, m, law in rows]}))
    return out


def _table_points(conj: Conjecture) -> list:
    """The check points (closed ends first) plus an even grid of 9 for one parameter (for the table/plot)."""
    pts = conj.check_points()
    if len(conj.free_parameters) == 1:
        pts += [p for p in conj.sweep_points(9) if p not in pts]
        s = conj.free_parameters[0]
        pts.sort(key=lambda p: N(p[s], 20))
    return pts


def _pt(pt) -> str:
    return ", ".join(f"{s} = {v}" for s, v in pt.items()) or "model"


def _maxmin_answer(conj: Conjecture, digits: int, posted_prices: bool = False) -> list[Answer]:
    out: list[Answer] = []
    why = ""
    try:
        st = proof_setting(conj)
        with st.numerics():
            sad = find_saddle(st.instance, roots=_roots(st))
        status, lines = check_claims([sad.claim], st, digits=min(digits, 30))
        where = "for every parameter value" if conj.free_parameters else "exactly"
        det = [f"saddle point {status} {where} ({st.describe()}): {sad.how}",
               f"optimal mechanism: {sad.mechanism_text}", f"nature's law: {sad.nature_text}",
               f"dual certificate of the optimal mechanism: lam = {sad.lam}, mu = {sad.mu}"]
        if not conj.free_parameters:
            with st.numerics():
                det.insert(0, f"= {_dec(sad.value, 30)}")
        if lines:
            det.append("not shown: " + "; ".join(lines[:3]))
        out.append(Answer("max-min value (all mechanisms)", str(sad.value), status, det + st.notes,
                          {"value": str(sad.value), "mechanism": sad.mechanism_text, "nature": sad.nature_text}))
        try:
            if not posted_prices:
                return out
            with st.numerics():
                R, p, pbar, best, V = posted_price_value(st.instance)
                parts, _ = _posted_claims(st, st.instance, "value", V) if best is not None else ([], "")
            if best is not None:
                pst, plines = check_claims(parts, st, digits=min(digits, 30))
                out.append(Answer("best posted price (deterministic mechanisms)", f"price {best}, guarantee {V}",
                                  pst, [f"worst case of price p in ({st.instance.support[0]}, {pbar}): {R} "
                                        "(nature: atoms just below p and at the top)"]
                                  + (["not shown: " + "; ".join(plines[:3])] if plines else [])))
        except Exception:   # noqa: BLE001 - optional extra (outside the closed-form class)
            pass
        return out
    except NoClosedForm as exc:
        why = str(exc)
    except Exception as exc:   # noqa: BLE001
        why = f"{type(exc).__name__}: {exc}"
    if not conj.free_parameters:
        inst = instance(conj, {})
        with definitions(inst.defs):
            rb = refined_bracket(inst)
        if rb is not None:
            v = rb.verdict
            lo_text, hi_text = outward_decimals(rb.lower, rb.upper)
            return [Answer("max-min value (all mechanisms)", f"in [{lo_text}, {hi_text}]", v.status.value,
                           [f"no closed form: {why}", f"certified bracket in {rb.seconds:.1f} s (exact ends in the "
                            f"JSON data)", f"{v.detail} [kernel rule {v.rule or 'none'}]"],
                           {"lower": str(rb.lower), "upper": str(rb.upper),
                            "width": float(rb.upper - rb.lower)})]
    rows = []
    table = []
    for pt in _table_points(conj):
        inst = instance(conj, pt)
        with definitions(inst.defs):
            br = maxmin_bracket(inst)
            table.append({"point": {str(k): str(x) for k, x in pt.items()}, "lower": _dec(br.lower, 15),
                          "upper": _dec(br.upper, 15)})
        top = sorted([(w, p) for p, w in br.lottery if w != 0], key=lambda a: -a[0])
        lot = (f"{len(top)} prices; heaviest: " + ", ".join(f"{p} ({_dec(w, 4)})" for w, p in top[:4]))
        nat = _law_text(br.nature)
        rows.append(f"{_pt(pt)}: value in [{_dec(br.lower, 12)}, {_dec(br.upper, 12)}] "
                    f"(LP n = {br.n}); seller's LP lottery: {lot}; nature's grid law: {nat}")
    out.append(Answer("max-min value (all mechanisms)", "LP bracket (no closed form)", "confirmed",
                      [f"no closed form: {why}"] + rows, {"table": table}))
    return out


def plot_answers(conj: Conjecture, answers: list[Answer], path) -> str | None:
    """Draw the tables of ``answers`` against the (single) ranged parameter; None if there is nothing to draw."""
    if len(conj.free_parameters) != 1:
        return None
    tables = [(a.topic, a.data.get("table")) for a in answers if a.data.get("table")]
    if not tables:
        return None
    import matplotlib  # lazy: matplotlib is optional (symmech[plots])

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # lazy: matplotlib is optional (symmech[plots])

    s = str(conj.free_parameters[0])
    fig, ax = plt.subplots(figsize=(6, 4))
    for topic, rows in tables:
        xs = [float(sp.sympify(r["point"][s])) for r in rows]
        if "value" in rows[0]:
            ax.plot(xs, [float(r["value"]) for r in rows], "o-", label=topic)
        else:
            ax.fill_between(xs, [float(r["lower"]) for r in rows], [float(r["upper"]) for r in rows], alpha=0.4,
                            label=f"{topic}: LP bracket")
    ax.set_xlabel(s)
    ax.set_ylabel("revenue")
    ax.set_title(conj.name[:70], fontsize=9)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return str(path)


def _regret_constant(conj: Conjecture, expr) -> sp.Expr:
    """``expr`` with the file's (fixed) parameters and definitions substituted (an exact number)."""
    subs: dict = dict(conj.fixed_values())
    for sym, d in conj.definitions:
        if isinstance(d, sp.Expr):
            subs[sym] = d.subs(subs)
        elif getattr(d, "closed_form", None) is not None:
            subs[sym] = d.closed_form.subs(subs)
    out = sp.sympify(expr).subs(subs)
    if out.free_symbols or not out.is_number:
        raise UnsupportedQuestion(f"objective 'regret' with the non-numeric constant {expr} (an implicit definition "
                                  "without closed_form?) is not supported by ask mode yet")
    return out


def _dist_text(d) -> str:
    parts = []
    if d.density is not None:
        parts += [f"density {f} on [{a}, {b}]" for f, a, b in d.density.segments()]
    parts += [f"atom {m} at {x}" for x, m in d.atoms]
    return ", ".join(parts)


def _regret_answer(conj: Conjecture, digits: int) -> list[Answer]:
    """The minimax regret on a support-only model ``[v_low, v_bar]`` with cost ``c``, proved."""
    lo, hi = (_regret_constant(conj, e) for e in conj.support)
    c = _regret_constant(conj, conj.cost)
    p, v = sp.Symbol("p", real=True), sp.Symbol("v", real=True)
    try:
        regime = interval_regime(lo, hi, c)
        value, parts = interval_minimax_claims(lo, hi, c, prefix="value", source=SOURCE)
        law, nature = interval_price_law(p, lo, hi, c), interval_nature_law(v, lo, hi, c)
    except ObjectiveError as exc:
        raise UnsupportedQuestion(f"objective 'regret' on values [{lo}, {hi}] with cost {c} is not supported by "
                                  f"ask mode yet: {exc}") from None
    t0 = time.perf_counter()
    try:
        verdict = prove_parts("value", parts, digits=digits)
    except Exception as exc:   # noqa: BLE001 - a failure is reported, never rounded up
        if capped_out():
            raise MemoryError(f"{type(exc).__name__}: {exc}") from exc
        verdict, why = None, f"could not evaluate: {type(exc).__name__}: {exc}"
    else:
        why = "time budget of 150 s ran out" if verdict is None else ""
    status = verdict.status.value if verdict is not None else "undecided"
    if regime == "upper":
        form = ("(v_bar - c)/e: Bergemann and Schlag's law fits in the support"
                + (" (v_bar - c >= e (v_low - c))" if lo != 0 and lo > c else ""))
    else:
        form = "(v_low - c) log((v_bar - c)/(v_low - c)), as v_bar - c < e (v_low - c)"
    details = [f"= {_dec(value, 30)}",
               f"minimax regret {status} exactly ({len(parts)} claims, the core provers as for regret files): "
               f"values in [{lo}, {hi}], cost {c}; closed form {form}",
               f"seller's optimal random posted price: {_dist_text(law)}",
               f"nature's worst law of values: {_dist_text(nature)}",
               f"source: {SOURCE}"]
    if verdict is not None and status not in ("proved", "certified"):
        details.append(f"not shown: {verdict.detail}"[:500])
    if why:
        details.append(why)
    return [Answer("minimax regret (all mechanisms)", str(value), status, details,
                   {"value": str(value), "objective": "regret", "mechanism": _dist_text(law),
                    "nature": _dist_text(nature), "prove_seconds": round(time.perf_counter() - t0, 2)})]


def _ratio_answer(conj: Conjecture, digits: int) -> list[Answer]:
    """The max-min ratio on a support-only model ``[a, b]``, proved with both laws."""
    try:
        r, parts = ratio_parts(conj)
    except ObjectiveError as exc:
        raise UnsupportedQuestion(f"objective 'ratio' on values {list(conj.support)}: {exc}") from None
    a, b = conj.support
    t0 = time.perf_counter()
    try:
        verdict = prove_parts("value", parts, digits=digits)
    except Exception as exc:   # noqa: BLE001 - a failure is reported, never rounded up
        if capped_out():
            raise MemoryError(f"{type(exc).__name__}: {exc}") from exc
        verdict, why = None, f"could not evaluate: {type(exc).__name__}: {exc}"
    else:
        why = "time budget of 150 s ran out" if verdict is None else ""
    status = verdict.status.value if verdict is not None else "undecided"
    seller = f"an atom r at {a} and density r/p on ({a}, {b}], r = {r}"
    nature = f"density r/v on [{a}, {b}) and an atom r at {b}"
    details = [f"= {_dec(r, 30)}",
               f"max-min ratio E[t(v)/v] {status} exactly ({len(parts)} claims): values in [{a}, {b}], "
               f"closed form 1/(1 + ln(b/a))",
               f"seller's optimal random posted price: {seller} (earns t(v) = r v at every value)",
               f"nature's worst law of values: {nature} (every posted price earns ratio at most r)"]
    if verdict is not None and status not in ("proved", "certified"):
        details.append(f"not shown: {verdict.detail}"[:500])
    if why:
        details.append(why)
    return [Answer("max-min ratio (all mechanisms)", str(r), status, details,
                   {"value": str(r), "objective": "ratio", "mechanism": seller, "nature": nature,
                    "prove_seconds": round(time.perf_counter() - t0, 2)})]


def solve(conj: Conjecture, digits: int = 50, posted_prices: bool = False) -> list[Answer]:
    """Everything ask mode reports for ``conj`` (``posted_prices``: also the best deterministic price).

    Answers the file's objective only; raises :class:`UnsupportedQuestion` for what ask mode cannot answer
    for that objective yet."""
    t0 = time.perf_counter()
    out: list[Answer] = []
    objective = getattr(conj, "objective", "revenue")
    if isinstance(conj, AuctionConjecture):
        out += answer_auction(conj, digits, posted_prices)
    elif isinstance(conj, GoodsConjecture):
        out += answer_goods(conj, digits, posted_prices)
    elif objective == "regret":
        if conj.has_mechanism:
            raise UnsupportedQuestion("objective 'regret' with a [mechanism] (its worst-case regret) is not supported "
                                      "by ask mode yet; check a claim `regret = R` with `symmech check`, or leave "
                                      "[mechanism] out for the minimax regret")
        if posted_prices:
            raise UnsupportedQuestion("objective 'regret' with --posted-prices (the best deterministic price) is not "
                                      "supported by ask mode yet")
        if conj.moments:
            raise UnsupportedQuestion("objective 'regret' with moment conditions is not supported by ask mode yet")
        out += _regret_answer(conj, digits)
    elif objective == "revenue":
        if conj.has_mechanism:
            out += _worst_case_answer(conj, digits)
        out += _maxmin_answer(conj, digits, posted_prices)
    elif objective == "ratio":
        if conj.has_mechanism or posted_prices:
            raise UnsupportedQuestion("objective 'ratio' with a [mechanism] or --posted-prices is not supported by "
                                      "ask mode yet; leave [mechanism] out for the max-min ratio")
        out += _ratio_answer(conj, digits)
    else:
        raise UnsupportedQuestion(f"objective {objective!r} is not supported by ask mode yet (only 'revenue', "
                                  "'regret' and 'ratio')")
    for a in out:
        a.data.setdefault("seconds", round(time.perf_counter() - t0, 2))
    return out
