"""The ``certify`` driver: parse the claim, try the exact routes, search for
violations, then branch and bound."""
from __future__ import annotations

import heapq
import itertools
import math
import random
import time
from dataclasses import replace
from typing import Mapping

import sympy as sp
from flint import fmpq

from symmech.kernel import rules
from symmech.kernel.verdict import Status, Verdict

from symmech.tactics.certify import polynomial
from symmech.tactics.certify.arb_eval import Unsupported, _fin, workprec
from symmech.tactics.certify.branch_bound import (
    Problem,
    _fval,
    bad,
    center,
    exact_floats,
    in_box,
    is_sym_zero,
    local_min,
    prove_box,
    rational_guesses,
    sample_points,
)
from symmech.tactics.certify.certificate import BoxProof, Certificate, frac
from symmech.tactics.certify.lambertw import lambertw_identity

METHOD = "interval(arb)"
_FLIP = {">=": ("<=",), ">": ("<",)}


# --------------------------------------------------------------------------
# parsing

def _to_fmpq(v) -> fmpq:
    v = exact_floats(sp.sympify(v))
    if not v.is_Rational:
        raise ValueError(f"box endpoint {v} is not a rational number")
    return fmpq(int(v.p), int(v.q))


def parse_box(box: Mapping) -> tuple[tuple, tuple]:
    symbols = []
    dom = []
    for s, rng in box.items():
        s = sp.sympify(s)
        if not isinstance(s, sp.Symbol):
            raise ValueError(f"box key {s} is not a Symbol")
        if isinstance(rng, sp.FiniteSet) and len(rng) == 1:
            v = _to_fmpq(next(iter(rng)))
            ent = (v, v, False, False)
        elif isinstance(rng, sp.Interval):
            ent = (_to_fmpq(rng.start), _to_fmpq(rng.end), bool(rng.left_open),
                   bool(rng.right_open))
        elif isinstance(rng, (tuple, list)) and len(rng) == 2:
            ent = (_to_fmpq(rng[0]), _to_fmpq(rng[1]), False, False)
        else:
            raise ValueError(f"range of {s} must be a SymPy Interval or a (lo, hi) tuple")
        lo, hi, lo_open, hi_open = ent
        if lo > hi or (lo == hi and (lo_open or hi_open)):
            raise ValueError(f"empty range for {s}")
        symbols.append(s)
        dom.append(ent)
    return tuple(symbols), tuple(dom)


def _fmt_box(names, box) -> str:
    return ", ".join(f"{n} in {'(' if lo_open else '['}{lo}, {hi}{')' if hi_open else ']'}"
                     for n, (lo, hi, lo_open, hi_open) in zip(names, box))


def _witness_verdict(prob, names, pt, relation, prec, how: str, extra: str = "") -> Verdict:
    wprec = max(prec, 256)
    v = prob.at_point(pt, wprec)
    with workprec(wprec):
        mid = v.ball().mid().str(40, radius=False) if v is not None and v.finite() else "nan"
        if mid == "0":
            mid = "0." + "0" * 40   # exactly zero
    wit = {n: str(sp.Rational(int(q.p), int(q.q))) for n, q in zip(names, pt)}
    cmp_ = {">=": "< 0", ">": "<= 0", "==": "!= 0"}[relation]
    detail = (f"counterexample ({how}): f({', '.join(f'{k}={w}' for k, w in wit.items())}) "
              f"{cmp_} rigorously (arb ball at {wprec} bits: [{v.lo.str(20, radius=False) if _fin(v.lo) else '-inf'}, "
              f"{v.hi.str(20, radius=False) if _fin(v.hi) else 'inf'}])")
    if extra:
        detail += "; " + extra
    return Verdict(Status.REFUTED, METHOD, detail, digits=int(wprec * math.log10(2)),
                   points=(wit,), witness=wit, witness_value=mid)


def _check_point(prob, pt, relation, prec):
    """Rigorous violation test at an exact point (increasing precision)."""
    for p in (prec, 2 * prec, 4 * prec):
        v = prob.at_point(pt, p)
        if v is None:
            return False
        if bad(v, relation):
            return True
        if relation == ">=" and v.ge0():
            return False
        if relation == ">" and v.gt0():
            return False
        if relation == "==" and v.is_point() and v.lo == 0:
            return False
    if relation in (">", "==") and v is not None and v.contains0():
        sub = {s: sp.Rational(int(q.p), int(q.q)) for s, q in zip(prob.symbols, pt)}
        try:
            val = prob.expr.subs(sub)
            if relation == ">" and is_sym_zero(val):
                return True
        except Exception:
            return False
    return False


# --------------------------------------------------------------------------

def certify(expr, box, *, relation: str = ">=", max_depth: int = 40,
            max_boxes: int = 200_000, time_limit: float = 20.0, prec: int = 128) -> Verdict:
    """Decide ``expr (relation) 0`` on the whole box (see the package doc).

    Box endpoints may be expressions in earlier box variables, irrational
    constants or ``flint.arb`` enclosures of a constant (``dependent``)."""
    try:
        from symmech.tactics.certify import dependent  # lazy: inside a try: the library is optional
        if dependent.needs_mapping(box):
            return dependent.certify_mapped(
                expr, box, certify, relation=relation, max_depth=max_depth,
                max_boxes=max_boxes, time_limit=time_limit, prec=prec)
        return _certify(expr, box, relation, max_depth, max_boxes, time_limit, prec)
    except Exception as exc:  # never leak an exception, never guess
        return Verdict(Status.UNDECIDED, METHOD,
                       f"internal error, nothing decided: {type(exc).__name__}: {exc}")


def _certify(expr, box, relation, max_depth, max_boxes, time_limit, prec) -> Verdict:
    t0 = time.monotonic()
    deadline = t0 + float(time_limit)
    expr = sp.sympify(expr)
    if isinstance(expr, sp.core.relational.Relational):
        op = expr.rel_op
        if op in (">=", ">", "=="):
            expr, relation = expr.lhs - expr.rhs, op
        elif op in ("<=", "<"):
            expr, relation = expr.rhs - expr.lhs, {"<=": ">=", "<": ">"}[op]
        else:
            return Verdict(Status.UNDECIDED, METHOD, f"unsupported relation {op}")
    if relation not in (">=", ">", "=="):
        return Verdict(Status.UNDECIDED, METHOD, f"unsupported relation {relation!r}")
    try:
        symbols, dom = parse_box(box)
    except ValueError as exc:
        return Verdict(Status.UNDECIDED, METHOD, f"bad box: {exc}")
    names = [str(s) for s in symbols]
    missing = expr.free_symbols - set(symbols)
    if missing:
        return Verdict(Status.UNDECIDED, METHOD,
                       f"free symbol(s) {sorted(map(str, missing))} have no range in the box")
    try:
        prob = Problem(expr, symbols)
    except Unsupported as exc:
        return Verdict(Status.UNDECIDED, METHOD, f"cannot enclose: {exc}")

    if relation == "==":
        return _certify_eq(prob, expr, symbols, names, dom, prec, deadline)

    # exact route: one variable, rational function over QQ ----------------
    free = [i for i, (lo, hi, _, _) in enumerate(dom) if lo != hi]
    if len(free) == 1 and len(symbols) == 1:
        try:
            res = polynomial.analyse(prob.expr, symbols[0],
                                     (frac(dom[0][0]), frac(dom[0][1]), dom[0][2], dom[0][3]),
                                     relation)
        except Exception:
            res = None
        if res is not None and res["status"] == "certified":
            cert = Certificate(expr=expr, variables=symbols, domain=dom, relation=relation,
                               prec=prec, method="real-roots(exact)",
                               data={"roots": res["roots"], "gaps": res["gaps"]})
            return rules.exact_real_roots(res["detail"], certificate=cert)
        if res is not None and res["status"] == "refuted" and res["witness"] is not None:
            w = sp.sympify(res["witness"])
            if w.is_Rational:
                pt = (fmpq(int(w.p), int(w.q)),)
                if _check_point(prob, pt, relation, prec):
                    return _witness_verdict(prob, names, pt, relation, prec,
                                            "exact real-root isolation")
            else:
                wit = {names[0]: str(w)}
                val = str(sp.N(prob.expr.subs(symbols[0], w), 40))
                return Verdict(Status.REFUTED, "real-roots(exact)",
                               f"f vanishes at the algebraic point {w} ({res['detail']})",
                               witness=wit, witness_value=val, points=(wit,))

    rng = random.Random(12345)
    anchors: list = []
    anchor_set: set = set()

    def consider(pt, how):
        """Rigorous check of a candidate point; returns a Verdict if refuted."""
        if not in_box(pt, dom):
            return None
        if _check_point(prob, pt, relation, prec):
            return _witness_verdict(prob, names, pt, relation, prec, how)
        v = prob.at_point(pt, prec)
        if v is not None and v.contains0() and pt not in anchor_set:
            fa, _ = prob.anchor_values(pt, prec)
            if fa is not None and fa.is_point() and fa.lo == 0:
                anchor_set.add(pt)
                anchors.append(pt)
        return None

    # search phase --------------------------------------------------------
    n = len(symbols)
    # a rigorous proof of the whole box at once (cheap) makes the search moot
    try:
        root_proof, _, _ = prove_box(prob, dom, relation, prec, [])
    except Exception:
        root_proof = None
    pts = [] if root_proof is not None else sample_points(dom, 24 * n + 16, rng)
    scored = []
    for p in pts:
        r = consider(p, "sampling")
        if r is not None:
            return r
        fv = _fval(prob, p)
        if fv is not None:
            scored.append((fv, p))
    scored.sort(key=lambda t: t[0])
    for fv, p in scored[:3]:
        if time.monotonic() > deadline:
            break
        q, _ = local_min(prob, dom, p)
        for g in rational_guesses(q, dom):
            r = consider(g, "local minimisation")
            if r is not None:
                return r

    # branch and bound ------------------------------------------------------
    counter = itertools.count()
    heap = [(-math.inf, next(counter), dom, (0,) * n)]
    proofs: list[BoxProof] = []
    uncovered: list = []
    processed = 0
    local_runs = 0
    stop_reason = ""
    while heap:
        if time.monotonic() > deadline:
            stop_reason = f"time limit {time_limit}s reached"
            break
        if processed >= max_boxes:
            stop_reason = f"max_boxes={max_boxes} reached"
            break
        _, _, b, depths = heapq.heappop(heap)
        processed += 1
        proof, F, G = prove_box(prob, b, relation, prec, anchors)
        if proof is not None:
            proofs.append(proof)
            continue
        if F is not None and bad(F, relation):
            r = consider(center(b), "whole box violates")
            if r is not None:
                return r
        c = center(b)
        r = consider(c, "box centre")
        if r is not None:
            return r
        dmax = max(depths)
        if (local_runs < 40 and F is not None and dmax in (4, 10, 16, 22, 30)
                and time.monotonic() < t0 + 0.5 * time_limit):
            local_runs += 1
            q, _ = local_min(prob, b, c, iters=25)
            for g in rational_guesses(q, b):
                r = consider(g, "local minimisation")
                if r is not None:
                    return r
        # choose the split variable
        cand = [i for i in range(n) if b[i][0] != b[i][1] and depths[i] < max_depth]
        if not cand:
            uncovered.append(b)
            continue
        dw = [float(dom[i][1] - dom[i][0]) or 1.0 for i in range(n)]

        def score(i):
            w = float(b[i][1] - b[i][0])
            if G is not None and G[i] is not None and G[i].finite():
                mag = max(abs(float(G[i].lo)), abs(float(G[i].hi)))
                return (w * mag, w / dw[i])
            return (w / dw[i], 0.0)

        if G is not None and all(g is not None and g.finite() for g in G):
            i = max(cand, key=score)
            if score(i)[0] == 0:
                i = max(cand, key=lambda k: float(b[k][1] - b[k][0]) / dw[k])
        else:
            i = max(cand, key=lambda k: float(b[k][1] - b[k][0]) / dw[k])
        lo, hi, lo_open, hi_open = b[i]
        cut = (lo + hi) / 2
        for a in anchors:
            if all(b[k][0] <= a[k] <= b[k][1] for k in range(n)) and lo < a[i] < hi:
                cut = a[i]
                break
        left = list(b)
        right = list(b)
        left[i] = (lo, cut, lo_open, False)
        right[i] = (cut, hi, False, hi_open)
        nd = list(depths)
        nd[i] += 1
        key = float(F.lo) if (F is not None and _fin(F.lo)) else -math.inf
        for child in (left, right):
            heapq.heappush(heap, (key, next(counter), tuple(child), tuple(nd)))

    for _, _, b, _ in heap:
        uncovered.append(b)
    kinds: dict[str, int] = {}
    for p in proofs:
        kinds[p.method] = kinds.get(p.method, 0) + 1
    facts = [f"f({', '.join(f'{nm}={frac(q)}' for nm, q in zip(names, a))}) = 0 exactly "
             f"(SymPy), used as anchor" for a in anchors
             if any(p.anchor == a for p in proofs)]
    cert = Certificate(expr=expr, variables=symbols, domain=dom, relation=relation,
                       prec=prec, proofs=proofs, facts=facts,
                       complete=not uncovered, uncovered=uncovered)
    elapsed = time.monotonic() - t0
    methods = ", ".join(f"{k}: {v}" for k, v in sorted(kinds.items()))
    if not uncovered:
        lows = [float(sp.Rational(p.lower)) for p in proofs if p.lower != "-oo"]
        minlow = f"{min(lows):.6g}" if len(lows) == len(proofs) and lows else "-inf (strictness/monotonicity argument)"
        detail = (f"f {relation} 0 certified on {_fmt_box(names, dom)}: {len(proofs)} boxes "
                  f"({methods}); smallest proven lower bound {minlow}"
                  f"; {processed} boxes examined in {elapsed:.2f}s at {prec} bits")
        if facts:
            detail += "; " + "; ".join(facts)
        return rules.interval_enclosure(detail, method=METHOD, digits=int(prec * math.log10(2)),
                                        certificate=cert)
    # undecided: describe what was covered
    vol = _volume(dom)
    cov = sum(_volume(p.box) for p in proofs)
    frac_cov = cov / vol if vol > 0 else 0.0
    shown = "; ".join(_fmt_box(names, u) for u in _merge_1d(uncovered, dom)[:3])
    reason = stop_reason or f"max_depth={max_depth} reached on {len(uncovered)} box(es)"
    detail = (f"not decided ({reason}); certified on {len(proofs)} boxes covering "
              f"{100 * frac_cov:.6f}% of the domain; the rest not covered, e.g. {shown}")
    if n == 1 and proofs:
        detail += f"; certified on the sub-box(es) {_covered_1d(proofs)}"
    return Verdict(Status.UNDECIDED, METHOD, detail, digits=int(prec * math.log10(2)),
                   certificate=cert)


def _volume(box) -> float:
    v = 1.0
    for lo, hi, _, _ in box:
        if hi != lo:
            v *= float(hi - lo)
    return v


def _union(intervals) -> list:
    """Sorted union of closed intervals ``(lo, hi)``, overlapping or touching ones merged."""
    out: list = []
    for lo, hi in sorted(intervals):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


def _merge_1d(boxes, dom):
    if len(dom) != 1:
        return boxes
    out = _union((b[0][0], b[0][1]) for b in boxes)
    return [((lo, hi, lo == dom[0][0] and dom[0][2], hi == dom[0][1] and dom[0][3]),)
            for lo, hi in out]


def _covered_1d(proofs) -> str:
    out = _union((p.box[0][0], p.box[0][1]) for p in proofs)
    return ", ".join(f"[{lo}, {hi}]" for lo, hi in out[:4])


# --------------------------------------------------------------------------

def _certify_eq(prob, expr, symbols, names, dom, prec, deadline) -> Verdict:
    e = exact_floats(expr)
    how, method = None, "identity(symbolic)"
    if is_sym_zero(e, 400) or is_sym_zero(prob.expr, 400):
        how = "f == 0 identically (SymPy simplification to 0)"
    else:
        try:
            how = lambertw_identity(e, symbols, dom, lambda F: is_sym_zero(F, 400))
        except Exception:
            how = None
        method = "identity(lambertw)"
    rng = random.Random(4321)
    n = len(symbols)
    pts = sample_points(dom, 40 * n + 20, rng)
    worst = 0.0
    count = 0
    for p in pts:
        if time.monotonic() > deadline:
            break
        if not in_box(p, dom):
            continue
        if _check_point(prob, p, "==", prec):
            # a rigorous nonzero value: whatever the symbolic step said, the identity fails here
            return _witness_verdict(prob, names, p, "==", prec, "sampling")
        v = prob.at_point(p, prec)
        if v is not None and v.finite():
            count += 1
            with workprec(prec):
                worst = max(worst, float(abs(v.ball()).upper()))
        if how is not None and count >= 3:
            break
    if how is not None:
        cert = Certificate(expr=expr, variables=symbols, domain=dom, relation="==", prec=prec, method=method,
                           facts=[how])
        v = rules.exact_zero(f"{how}; Arb encloses 0 at {count} sample points", evaluated=count,
                             digits=int(prec * math.log10(2)), method=method,
                             certificate=cert)
        return rules.weaken(v, Status.CERTIFIED) if v.is_proof else replace(v, method=method)
    return Verdict(Status.UNDECIDED, METHOD,
                   f"'==' on a box of positive width needs an identity; SymPy did not simplify "
                   f"f to 0, and the rigorous enclosure contains 0 at all {count} sample "
                   f"points (largest |f| enclosure bound {worst:.3g})",
                   digits=int(prec * math.log10(2)))
