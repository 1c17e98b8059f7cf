"""Boxes whose endpoints are expressions in earlier box variables, irrational
constants, or rigorous arb enclosures of a constant (issue 19).

A range ``y in (lo(x), hi(x))`` is mapped to the unit interval by
``y = lo(x) + t*(hi(x) - lo(x))`` with ``t`` in ``(0, 1)`` (same open/closed
ends).  For every ``x`` the image of the ``t``-interval is the segment between
``lo(x)`` and ``hi(x)``, which contains the section ``{y : lo(x) < y < hi(x)}``;
so a claim certified on the mapped box holds on the original region (sound even
where ``hi < lo``: the section is then empty).  A counterexample found in
``(x, t)`` is mapped back and kept only if it lies in the original region
(checked exactly with SymPy).  An endpoint given as a ``flint.arb`` ball is
replaced by a fresh parameter ranging over the ball's exact rational ends: a
certificate then covers every value of the ball (hence the true one); a
violation found for some value of the ball proves nothing and is reported as
undecided.
"""
from __future__ import annotations

from dataclasses import replace

from typing import Mapping

import sympy as sp

from symmech.kernel.verdict import Status, Verdict

METHOD = "interval(arb)"


def _arb_ends(a) -> tuple[sp.Rational, sp.Rational]:
    """Exact rational lower and upper ends of an arb ball."""
    out = []
    for e in (a.lower(), a.upper()):
        m, x = e.mid().man_exp()
        m, x = int(m), int(x)
        out.append(sp.Rational(m) * sp.Rational(2) ** x)
    if not all(v.is_finite for v in out):
        raise ValueError(f"arb enclosure {a} is not finite")
    return out[0], out[1]


def _is_arb(v) -> bool:
    return type(v).__name__ == "arb" and type(v).__module__.startswith("flint")


def _ends(rng):
    """(lo, hi, lo_open, hi_open) as given, endpoints not yet converted."""
    if isinstance(rng, sp.Interval):
        return rng.start, rng.end, bool(rng.left_open), bool(rng.right_open)
    if isinstance(rng, (tuple, list)) and len(rng) == 2:
        return rng[0], rng[1], False, False
    return None


def needs_mapping(box: Mapping) -> bool:
    """True when some endpoint is not a plain rational number."""
    for rng in box.values():
        ends = _ends(rng)
        if ends is None:
            continue
        for v in ends[:2]:
            if _is_arb(v):
                return True
            try:
                e = sp.sympify(v)
            except (sp.SympifyError, TypeError):
                return False
            if isinstance(e, sp.Float):
                continue
            if e.free_symbols or (not e.is_Rational and e.is_finite):
                return True
    return False


def map_box(expr, box: Mapping):
    """Return ``(expr', box', back, consts)``: the claim on a rational box.

    ``back`` lists ``(y, t, lo, hi, lo_open, hi_open)`` in box order (``lo``
    and ``hi`` in terms of the original earlier variables); ``consts`` maps
    fresh symbols to the arb balls they replace."""
    seen: list[sp.Symbol] = []
    sub: dict = {}            # original variable -> expression in new variables
    new_box: dict = {}
    back = []
    consts: dict = {}
    for s, rng in box.items():
        s = sp.sympify(s)
        if not isinstance(s, sp.Symbol):
            raise ValueError(f"box key {s} is not a Symbol")
        ends = _ends(rng)
        if ends is None:
            new_box[s] = rng
            seen.append(s)
            sub[s] = s
            continue
        lo, hi, lo_open, hi_open = ends
        conv = []
        for side, v in (("lower", lo), ("upper", hi)):
            if _is_arb(v):
                c = sp.Dummy(f"c_{s}_{side}")
                consts[c] = v
                new_box[c] = _arb_ends(v)
                v = c
            else:
                v = sp.sympify(v)
                if isinstance(v, sp.Float):
                    v = sp.Rational(v)          # the exact binary value, as parse_box
                if not v.is_finite and not v.free_symbols:
                    raise ValueError(f"{side} end {v} of {s} is not finite; map an "
                                     "unbounded range to a bounded one first")
                late = v.free_symbols - set(seen)
                if late:
                    raise ValueError(f"{side} end of {s} uses {sorted(map(str, late))}, "
                                     "which are not earlier box variables")
            conv.append(v)
        lo, hi = conv
        if lo.is_Rational and hi.is_Rational:
            new_box[s] = sp.Interval(lo, hi, lo_open, hi_open)
            sub[s] = s
        else:
            t = sp.Dummy(f"t_{s}")
            new_box[t] = sp.Interval(0, 1, lo_open, hi_open)
            sub[s] = (lo + t * (hi - lo)).subs(sub, simultaneous=True)
            back.append((s, t, lo, hi, lo_open, hi_open))
        seen.append(s)
    return sp.sympify(expr).subs(sub, simultaneous=True), new_box, back, consts


def certify_mapped(expr, box: Mapping, certify, **kw) -> Verdict:
    """Certify ``expr`` on a box with dependent endpoints (see module doc)."""
    try:
        e2, box2, back, consts = map_box(expr, box)
    except (ValueError, TypeError, sp.SympifyError) as exc:
        return Verdict(Status.UNDECIDED, METHOD, f"bad box: {exc}")
    maps = "; ".join(f"{y} = {lo} + {t}*({hi} - ({lo}))" for y, t, lo, hi, _, _ in back)
    cst = "; ".join(f"{c} in {v}" for c, v in consts.items())
    note = "mapped to a rational box" + (f" ({maps})" if maps else "") + \
        (f", arb-enclosed constants {cst}" if cst else "")
    v = certify(e2, box2, **kw)
    if v.status is Status.CERTIFIED:
        return replace(v, detail=f"{v.detail}; {note}")
    if v.status is not Status.REFUTED:
        return Verdict(v.status, v.method, f"{v.detail}; {note}")
    if consts:
        return Verdict(Status.UNDECIDED, v.method,
                       f"a violation exists for some value of an arb-enclosed constant, "
                       f"not necessarily the true one ({v.detail}); {note}")
    wit = v.witness or {}
    by_name = {str(k): sp.sympify(w) for k, w in wit.items()}
    val: dict = {}
    try:
        for s in box:
            s = sp.sympify(s)
            if str(s) in by_name:
                val[s] = by_name[str(s)]
        for y, t, lo, hi, lo_open, hi_open in back:
            tv = by_name[str(t)]
            lov, hiv = lo.subs(val), hi.subs(val)      # exact, no approximation
            gap = hiv - lov
            inside = gap.is_positive or (gap.is_zero and not (lo_open or hi_open))
            if not inside:
                return Verdict(Status.UNDECIDED, v.method,
                               f"violation found outside the region ({y}: {lo} > {hi} there); {note}")
            val[y] = lov + tv * gap
    except Exception as exc:  # cannot map back: say so, never guess
        return Verdict(Status.UNDECIDED, v.method, f"violation not mapped back ({exc}); {note}")
    w = {str(s): str(val[sp.sympify(s)]) for s in box}
    return Verdict(Status.REFUTED, v.method, f"{v.detail}; {note}; in the original variables {w}",
                   digits=v.digits, points=(w,), witness=w, witness_value=v.witness_value)
