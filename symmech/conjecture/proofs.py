"""Whole-range (and exact single-model) proofs of conjecture claims with the core provers.

A conjecture over parameter ranges is checked pointwise first (the ends of every range
included).  This module then states each claim *for every parameter value* as symmech
claims over a :class:`~symmech.tactics.scope.Scope` whose parameters carry the file's closed ranges,
and hands them to the same provers the derivations use:

* the model is rebuilt with the parameters kept symbolic (:func:`proof_setting`); numerics
  that steer the construction (ordering breakpoints, locating nature's atoms with the LP)
  run at a reference point, but every fact a verdict rests on is a claim over the range;
* an implicit definition ``r`` with ``equation = phi(r) - k`` (affine in one parameter ``k``)
  eliminates ``k = phi(r)``, as ``derivations/one_moment.py`` does: ``r`` ranges over a rational
  enclosure of ``[r(k_lo), r(k_hi)]``, with side claims that the equation has one root in its
  bracket and that ``phi`` is strictly monotone there (so every k in the range is some phi(r));
* the worst case of the file's mechanism is re-solved with the parameters symbolic (same contact
  structure as at the reference point) and turned into claims: the dual certificate with the
  claimed value, the law on the contacts in the set (atoms in the support, weights >= 0, moments)
  and its revenue, and the breakpoints in order.

If any claim is not proved or certified over the range, the result says so and the pointwise
verdict stands.
"""
from __future__ import annotations

import contextlib
import dataclasses
import itertools
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from .. import checks
from ..claims import AllOf, Claim, Identity, Inequality
from symmech.tactics.scope import Scope
from .checking import check_many
from .exact import budgeted, compare
from .model import N, build_instance, definitions
from .types import Conjecture, ConjectureError, Implicit, Instance
from .worst_case import (
    Contact,
    _active,
    _solve_weights,
    affine_piece_worst_case,
    certificate_claim,
    worst_case,
)

__all__ = ["ProofSetting", "proof_setting", "check_claims", "check_claim_sets", "guarantee_claims"]

#: seconds for the whole-range proof of one claim
RANGE_SECONDS = 600.0


@dataclass
class ProofSetting:
    """Symbols, scope and the symbolic instance for proofs over the whole parameter range."""

    conj: Conjecture
    scope: Scope
    subs: dict                     # schema symbol -> proof expression (parameters, definitions)
    ref: dict                      # proof symbol -> exact value at the reference point (numerics only)
    side: list[Claim] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    instance: Instance | None = None
    cache: dict = field(default_factory=dict)

    def expr(self, e) -> sp.Expr:
        """A schema-level formula in proof coordinates."""
        return sp.sympify(e).subs(self.subs)

    @contextlib.contextmanager
    def numerics(self):
        """Numerics (N, float callables, the LP) evaluate at the reference point."""
        with definitions(self.ref):
            yield

    def describe(self) -> str:
        def dom(d):
            if not isinstance(d, sp.Interval):
                return str(d)
            if d.start.is_Rational and d.end.is_Rational and max(d.start.q, d.end.q) < 10 ** 6:
                return f"[{d.start}, {d.end}]"
            return f"[{sp.N(d.start, 12)}, {sp.N(d.end, 12)}] (a rational enclosure)"

        ps = ", ".join(f"{s} in {dom(d)}" for s, d in self.scope.parameters.items())
        return ps or "the single model"


def _enclosure(conj: Conjecture, sym: sp.Symbol, imp: Implicit, point: dict) -> tuple[sp.Rational, sp.Rational]:
    """A rational interval containing the root at ``point`` (exact sign change of the equation)."""
    fake = type("C", (), {"free_parameters": conj.free_parameters})
    v = imp.value_at(sym, point, {}, fake)
    eq = imp.equation.subs(point)
    for e in (40, 30, 20):
        rad = sp.Rational(1, 10 ** e) * (1 + abs(sp.Rational(str(sp.N(v, 5)))))
        mid = sp.nsimplify(v, rational=True, tolerance=sp.Rational(1, 10 ** (e + 10)))
        a, b = mid - rad, mid + rad
        ca, cb = compare(eq.subs(sym, a), 0), compare(eq.subs(sym, b), 0)
        if ca.rigorous and cb.rigorous and ca.sign is not None and cb.sign is not None and ca.sign * cb.sign < 0:
            return a, b
    raise ConjectureError(f"[definitions].{sym}: cannot enclose the root rigorously at {point}")


def proof_setting(conj: Conjecture) -> ProofSetting:
    """Symbols and scope in which the claims of ``conj`` are stated for every parameter value."""
    ref_pt = conj.default_points(1)[0]
    params: dict = {}
    subs: dict = {}
    ref: dict = {}
    side: list[Claim] = []
    notes: list[str] = []
    eliminated: set = set()
    for sym, d in conj.definitions:
        if not isinstance(d, Implicit):
            continue
        aff = [p for p in conj.parameters if p in d.equation.free_symbols
               and sp.degree(sp.expand(d.equation), p) == 1 and not eliminated & {p}]
        if len(aff) != 1 or budgeted(lambda: sp.solve(d.equation, aff[0])) in (None, []):
            continue
        p = aff[0]
        sol = budgeted(lambda: sp.solve(d.equation, p))
        if not sol or len(sol) != 1:
            continue
        dom = conj.parameters[p]
        root_at = {}
        others = {q: (v if not isinstance(v, sp.Interval) else None) for q, v in conj.parameters.items() if q != p}
        if any(v is None and q in d.equation.free_symbols for q, v in others.items()):
            continue        # the equation involves another ranged parameter: not eliminated
        fixed = {q: v for q, v in others.items() if v is not None}
        ends = (dom.start, dom.end) if isinstance(dom, sp.Interval) else (dom,)
        encl = [_enclosure(conj, sym, d, {**fixed, p: e}) for e in ends]
        lo, hi = min(x[0] for x in encl), max(x[1] for x in encl)
        sign = 1 if N(encl[0][0]) > 0 else -1
        r = sp.Symbol(sym.name, positive=True) if sign > 0 and lo > 0 else sp.Symbol(sym.name, real=True)
        h = sol[0].subs(fixed).subs(sym, r)
        params[r] = sp.Interval(lo, hi)
        subs[p] = h
        subs[sym] = r
        eliminated.add(p)
        ref_v = d.value_at(sym, {**fixed, p: ref_pt.get(p, dom)}, {}, type("C", (), {"free_parameters": []}))
        ref[r] = ref_v
        x = sp.Symbol(f"{sym.name}_", real=True)
        dh = sp.diff(h.subs(r, x), x)
        mono = ">" if N(dh.subs(x, (lo + hi) / 2)) > 0 else "<"
        side.append(Inequality(f"definition.{sym}.inverse_monotone", lhs=dh, rel=mono, rhs=0, over=[(x, lo, hi)],
                               statement=f"{p} = {h} is strictly monotone in {r} on [{lo}, {hi}]"))
        notes.append(f"{p} eliminated as {p} = {h} ({sym} the root of {d.equation} = 0), {r} in a rational "
                     f"enclosure of its image [{sp.N(lo, 12)}, {sp.N(hi, 12)}]")
        if isinstance(dom, sp.Interval):
            side.extend(_unique_root_claims(sym, d, p, dom, fixed, (lo, hi)))
    for p, dom in conj.parameters.items():
        if p in eliminated:
            continue
        if isinstance(dom, sp.Interval):
            params[p] = dom
            ref[p] = ref_pt[p]
        else:
            subs[p] = dom
    for sym, d in conj.definitions:
        if isinstance(d, Implicit):
            if sym not in subs:
                raise ConjectureError(f"[definitions].{sym}: no parameter to eliminate (the equation must be "
                                      "affine in exactly one parameter) for a proof over the range")
            continue
        subs[sym] = d.subs(subs)
    scope = Scope(params)
    st = ProofSetting(conj, scope, subs, ref, side, notes)
    vals = {p: st.expr(p) for p in conj.parameters}
    with st.numerics():
        for sym, d in conj.definitions:
            vals[sym] = subs[sym]
        st.instance = build_instance(_real_theta(conj), vals, ref)
    return st


def _real_theta(conj: Conjecture) -> Conjecture:
    """``conj`` with theta and p plain real symbols: a bound variable's sign assumptions must hold on ranges
    whose ends are formulas in the parameters, which the provers would have to show first."""
    th = sp.Symbol("theta", real=True)
    pr = sp.Symbol("p", real=True)
    rep = {conj.theta: th, conj.price: pr}

    def sub(x):
        if isinstance(x, sp.Basic):
            return x.xreplace(rep)
        if isinstance(x, list):
            return [sub(y) for y in x]
        if isinstance(x, tuple):
            return tuple(sub(y) for y in x)
        if isinstance(x, dict):
            return {k: sub(v) for k, v in x.items()}
        return x

    moments = [dataclasses.replace(m, g=m.g.xreplace(rep)) for m in conj.moments]
    return dataclasses.replace(conj, theta=th, price=pr, moments=moments, mechanism=sub(conj.mechanism),
                               _cache={})


def _unique_root_claims(sym, d: Implicit, p, dom, fixed, image) -> list:
    """One root in the bracket for every parameter value: the equation is strictly monotone in the root
    on an open interval (L, H) containing every bracket (the brackets' ends are side claims too)."""
    y = sp.Symbol(f"{sym.name}_y", real=True)
    de = sp.diff(d.equation.subs(sym, y), y).subs(fixed)
    bl, bh = (sp.sympify(b).subs(fixed) for b in d.bracket)
    if de.free_symbols - {y}:
        raise ConjectureError(f"[definitions].{sym}: the equation's slope depends on {p}; uniqueness of the "
                              "root over the range is not shown")
    L = min(bl.subs(p, dom.start), bl.subs(p, dom.end), key=lambda e: N(e))
    H = max(bh.subs(p, dom.start), bh.subs(p, dom.end), key=lambda e: N(e))
    lo_r, hi_r = image
    if not (compare(lo_r, L).sign == 1 and compare(H, hi_r).sign == 1):
        # the enclosure must lie where the root is unique, so the r with phi(r) = k is the bracket's root
        raise ConjectureError(f"[definitions].{sym}: the enclosure of its image is not inside ({L}, {H}), where "
                              "the root is shown unique")
    scope_p = Scope({p: dom})
    out: list = []
    if bl.free_symbols:
        out.append((Inequality(f"definition.{sym}.bracket_low", lhs=bl, rel=">=", rhs=L), scope_p))
    if bh.free_symbols:
        out.append((Inequality(f"definition.{sym}.bracket_high", lhs=H, rel=">=", rhs=bh), scope_p))
    mid = (L + H) / 2
    sgn = ">" if N(de.subs(y, mid)) > 0 else "<"
    out.append((Inequality(f"definition.{sym}.unique_root", lhs=de, rel=sgn, rhs=0,
                           statement=f"the equation of {sym} is strictly monotone on ({L}, {H})"),
                Scope({y: sp.Interval.open(L, H)})))
    return out


def check_claims(parts: list, setting: ProofSetting, digits: int = 30, samples: int = 5,
                 record: list | None = None, jobs: int | None = None) -> tuple[str, list[str]]:
    """Check claims over the setting's scope (side claims included); the weakest status and one line per
    claim that is not proved or certified.  ``record`` receives (claim, scope, verdict or None, seconds)."""
    (worst, lines, rec), = check_claim_sets([parts], setting, digits=digits, samples=samples, jobs=jobs)
    if record is not None:
        record.extend(rec)
    return worst, lines


def _same(claim: Claim, scope) -> tuple:
    """What makes two checks the same: the claim's content (its id included) and the scope object."""
    try:
        return (hash(claim), claim, id(scope))
    except TypeError:           # a claim with an unhashable field: only the same object is the same check
        return (id(claim), id(scope))


def check_claim_sets(sets: list[list], setting: ProofSetting, digits: int = 30, samples: int = 5,
                     jobs: int | None = None) -> list[tuple[str, list[str], list]]:
    """:func:`check_claims` for several lists of claims at once: every distinct (claim, scope) is checked once,
    all of them in one batch on local processes (:func:`.checking.check_many`).  Per list: the weakest status,
    the lines of the claims that are not proved or certified, and the record (claim, scope, verdict, seconds)."""
    order = {"proved": 4, "certified": 3, "confirmed": 2, "undecided": 1, "refuted": 0}
    per_set = [[item if isinstance(item, tuple) else (item, setting.scope) for item in list(setting.side) + list(parts)]
               for parts in sets]
    distinct: dict = {}
    for items in per_set:
        for claim, scope in items:
            distinct.setdefault(_same(claim, scope), (claim, scope))
    keys = list(distinct)
    outcome = dict(zip(keys, check_many([distinct[k] for k in keys], digits=digits, samples=samples, jobs=jobs)))
    out = []
    for items in per_set:
        worst, lines, record = "proved", [], []
        for claim, scope in items:
            got = outcome[_same(claim, scope)]
            if got.error is not None:
                lines.append(f"{claim.id}: undecided ({got.error})"[:300])
                worst = "undecided" if order[worst] > order["undecided"] else worst
                continue
            v = got.verdict
            record.append((claim, scope, v, got.seconds))
            st = "undecided" if v is None else v.status.value
            if order[st] < order[worst]:
                worst = st
            if st not in ("proved", "certified"):
                why = "time budget ran out" if v is None else f"{v.method}: {v.detail}"[:300]
                lines.append(f"{claim.id}: {st} ({why})")
        out.append((worst, lines, record))
    return out


def symbolic_worst_case(setting: ProofSetting):
    """The worst case of the file's mechanism with the parameters symbolic (cached)."""
    if "wc" not in setting.cache:
        with setting.numerics():
            setting.cache["wc"] = worst_case(setting.instance)
    return setting.cache["wc"]


def guarantee_claims(setting: ProofSetting, value, equal: bool) -> tuple[list[Claim], Any]:
    """Claims that the file's mechanism guarantees ``value`` (``equal``: and no more) for every parameter."""
    with setting.numerics():
        return _guarantee_claims(setting, value, equal)


def _guarantee_claims(setting: ProofSetting, value, equal: bool):
    inst = setting.instance
    V = setting.expr(value)
    wc = symbolic_worst_case(setting)
    if wc.method.startswith("LP") or any(c.numeric for c in wc.contacts):
        flat = affine_piece_worst_case(inst)
        if flat is None:
            raise ConjectureError("the worst case has no exact contact structure (LP fallback)")
        wc = setting.cache["wc"] = flat
    if any(c.numeric for c in wc.contacts):
        raise ConjectureError("a contact point is known only numerically")
    parts: list[Claim] = _structure_claims(inst)
    parts.append(certificate_claim(inst, wc, value=V, id="guarantee.dual"))
    if equal:
        parts.append(Identity("guarantee.value", lhs=V, rhs=wc.value))
        parts.extend(_contact_law_claims(inst, wc, _active(inst, wc)))
    return parts, wc


def _structure_claims(inst: Instance) -> list[Claim]:
    """Breakpoints of the mechanism in increasing order (so its pieces mean the same for every parameter)."""
    out: list[Claim] = []
    br = list(inst.mechanism.payment.breaks)
    for i, (a, b) in enumerate(zip(br, br[1:])):
        if (b - a).free_symbols:
            out.append(Inequality(f"mechanism.breaks[{i}]", lhs=b, rel=">", rhs=a))
    if inst.kind == "allocation":
        out.append(checks.feasible_allocation(inst.mechanism, id="mechanism.feasible"))
        out.append(checks.monotone_allocation(inst.mechanism, id="mechanism.monotone"))
    return out


def _contact_law_claims(inst: Instance, wc, active) -> list[Claim]:
    """The law on the contacts is in the set and earns the worst case (as a limit at left-limit contacts)."""
    th = inst.theta
    lo, hi = inst.support
    t = inst.mechanism.payment
    contacts = _piece_end_contacts(inst, wc)
    w = None
    for combo in itertools.combinations(contacts, min(len(contacts), 1 + len(active))):
        w = _solve_weights(inst, [c.point for c in combo], list(active))
        if w is not None and all(N(x) >= 0 for x in w):
            contacts = list(combo)
            break
        w = None
    if w is None:
        raise ConjectureError("no symbolic law on the contact points")
    wc = type(wc)(**{**wc.__dict__, "contacts": contacts})
    out: list[Claim] = []
    for i, (c, x) in enumerate(zip(wc.contacts, w)):
        out.append(Inequality(f"law.weight[{i}]", lhs=x, rel=">=", rhs=0))
        if (c.point - lo).free_symbols:
            out.append(Inequality(f"law.atom[{i}].low", lhs=c.point, rel=">=", rhs=lo))
        if (hi - c.point).free_symbols:
            out.append(Inequality(f"law.atom[{i}].high", lhs=hi, rel=">=", rhs=c.point))
        a, b = t.breaks[c.piece], t.breaks[c.piece + 1]
        if (c.point - a).free_symbols:
            out.append(Inequality(f"law.atom[{i}].in_piece", lhs=c.point, rel=">=", rhs=a))
        if (b - c.point).free_symbols:
            out.append(Inequality(f"law.atom[{i}].in_piece_hi", lhs=b, rel=">=", rhs=c.point))
    out.append(Identity("law.mass", lhs=sum(w, sp.Integer(0)), rhs=1))
    for l, m in enumerate(inst.moments):
        e = sum((x * m.g.subs(th, c.point) for c, x in zip(wc.contacts, w)), sp.Integer(0))
        out.append(Identity(f"law.moment[{l}]", lhs=e, rhs=m.value) if m.relation == "==" else
                   Inequality(f"law.moment[{l}]", lhs=e, rel=m.relation, rhs=m.value))
    rev = sum((x * t.pieces[c.piece].subs(th, c.point) for c, x in zip(wc.contacts, w)), sp.Integer(0))
    out.append(Identity("law.revenue", lhs=rev, rhs=wc.value))
    return out


def _piece_end_contacts(inst: Instance, wc) -> list:
    """The contacts, with every contact on a piece where ``t`` equals the minorant identically replaced
    by that piece's two ends (the LP picks arbitrary points there; the ends are exact for every parameter)."""
    th = inst.theta
    t = inst.mechanism.payment
    aff = wc.lam + sum(m * c.g for m, c in zip(wc.mu, inst.moments))
    out: list = []
    for c in wc.contacts:
        diff = t.pieces[c.piece] - aff
        flat = budgeted(lambda: sp.simplify(diff) == 0, default=False)
        if flat and not c.left_limit:
            out += [Contact(t.breaks[c.piece], c.piece), Contact(t.breaks[c.piece + 1], c.piece)]
        else:
            out.append(c)
    seen, uniq = set(), []
    for c in out:
        key = (str(c.point), c.left_limit)
        if key not in seen:
            seen.add(key)
            uniq.append(c)
    return uniq


def all_claims(parts) -> AllOf:
    return AllOf("range", parts=list(parts))
