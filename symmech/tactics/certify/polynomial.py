"""Exact route for univariate polynomial / rational claims over QQ.

``f = N/D`` with rational coefficients.  D must have no real root in the
closed interval (its sign is then constant).  The square-free part of N is
isolated with SymPy's exact real-root isolation (``Poly.intervals``); between
consecutive isolated roots the sign of N is constant and is read off at one
exact rational test point.  Everything is exact rational arithmetic.
"""
from __future__ import annotations

from fractions import Fraction

import sympy as sp

from symmech.tactics.certify.certificate import frac


def _Q(q) -> sp.Rational:
    if isinstance(q, Fraction):
        return sp.Rational(q.numerator, q.denominator)
    if hasattr(q, "p") and hasattr(q, "q") and not isinstance(q, sp.Basic):
        return sp.Rational(int(q.p), int(q.q))
    return sp.Rational(q)


def _poly_qq(e, x):
    try:
        p = sp.Poly(e, x)
    except sp.PolynomialError:
        return None
    if not (p.domain.is_ZZ or p.domain.is_QQ):
        return None
    return p


def analyse(expr, x, dom, relation):
    """Decide ``expr rel 0`` for x in dom exactly.

    Returns None when not applicable, else a dict with keys
    ``status`` ('certified'|'refuted'|'undecided'), ``detail``, ``witness``
    (SymPy number or None), ``roots`` and ``gaps`` (the certificate data).
    """
    lo, hi, lo_open, hi_open = (_Q(dom[0]), _Q(dom[1]), dom[2], dom[3])
    e = sp.sympify(expr)
    if e.free_symbols - {x}:
        return None
    if not e.is_rational_function(x):
        return None
    num, den = sp.fraction(sp.together(e))
    N = _poly_qq(sp.expand(num), x)
    D = _poly_qq(sp.expand(den), x)
    if N is None or D is None:
        return None
    if D.is_zero:
        return None
    # the denominator may not vanish on the closed interval
    Dsq = D.sqf_part()
    if Dsq.degree() > 0 and Dsq.count_roots(lo, hi) > 0:
        return {"status": "undecided", "detail": "denominator vanishes in the interval",
                "witness": None, "roots": [], "gaps": []}
    s = 1 if D.eval((lo + hi) / 2) > 0 else -1
    P = N * s
    if P.is_zero:
        ok = relation in (">=", "==")
        return {"status": "certified" if ok else "refuted",
                "detail": "f is identically 0", "witness": None if ok else (lo + hi) / 2,
                "roots": [], "gaps": []}
    if lo == hi:
        v = P.eval(lo)
        good = v >= 0 if relation == ">=" else (v > 0 if relation == ">" else v == 0)
        return {"status": "certified" if good else "refuted", "detail": f"value {v}",
                "witness": None if good else lo, "roots": [], "gaps": []}
    S = P.sqf_part()
    roots = []  # isolating intervals (a, b) inside [lo, hi]
    if S.degree() > 0:
        for (a, b), _m in S.intervals():
            a, b = sp.Rational(a), sp.Rational(b)
            for _ in range(400):
                if b < lo or a > hi or a == b or (a >= lo and b <= hi):
                    break
                if a <= lo <= b and S.eval(lo) == 0:
                    a = b = lo
                    break
                if a <= hi <= b and S.eval(hi) == 0:
                    a = b = hi
                    break
                a, b = S.refine_root(a, b, eps=(b - a) / 64)
                a, b = sp.Rational(a), sp.Rational(b)
            else:
                return None
            if b < lo or a > hi:
                continue
            roots.append([a, b])
    roots.sort()

    def in_dom(t):
        return (lo < t < hi) or (t == lo and not lo_open) or (t == hi and not hi_open)

    def is_bad(v):
        return (relation == ">=" and v < 0) or (relation == ">" and v <= 0) or \
            (relation == "==" and v != 0)

    # sign regions: gaps between isolating intervals (sampled at midpoints)
    # and the two sides of each root inside its interval (sampled at a, b)
    bounds = [lo] + [v for ab in roots for v in ab] + [hi]
    gaps = []
    for i in range(0, len(bounds), 2):
        g0, g1 = bounds[i], bounds[i + 1]
        if g1 > g0:
            t = (g0 + g1) / 2
            gaps.append((g0, g1, t, P.eval(t)))
    for k, (a, b) in enumerate(roots):
        if a == b:
            continue
        for side in (0, 1):
            t = (a, b)[side]
            v = P.eval(t)
            for _ in range(400):
                # the sample must not be a root (isolating intervals may share
                # an endpoint with an exact root) and must lie in the domain
                # when it shows a violation
                if S.eval(t) != 0 and (not is_bad(v) or in_dom(t)):
                    break
                a, b = S.refine_root(a, b, eps=(b - a) / 64)
                a, b = sp.Rational(a), sp.Rational(b)
                t = (a, b)[side]
                v = P.eval(t)
            else:
                return None
            roots[k] = [a, b]
            gaps.append((t, t, t, v))
    for g0, g1, t, v in gaps:
        if is_bad(v):
            if not in_dom(t):
                return None
            return {"status": "refuted", "detail": f"f({t}) has sign {sp.sign(v)}",
                    "witness": t, "roots": roots, "gaps": gaps}
    if relation == ">":
        for a, b in roots:
            if a == b:
                if (a == lo and lo_open) or (a == hi and hi_open):
                    continue
                return {"status": "refuted", "detail": f"f({a}) = 0", "witness": a,
                        "roots": roots, "gaps": gaps}
            r = [rt for rt in S.real_roots() if a <= rt <= b]
            if r:
                return {"status": "refuted", "detail": f"f({r[0]}) = 0 (algebraic root)",
                        "witness": r[0], "roots": roots, "gaps": gaps}
    if relation == "==":
        # P is not identically zero: a gap exists with nonzero sign unless
        # the interval is a point (handled above)
        return {"status": "undecided", "detail": "could not refute", "witness": None,
                "roots": roots, "gaps": gaps}
    return {"status": "certified",
            "detail": (f"exact real-root isolation: {len(roots)} root(s) of the numerator "
                       f"in the interval, sign > 0 on all {len(gaps)} gap(s)"),
            "witness": None, "roots": roots, "gaps": gaps}


def recheck_real_roots(cert) -> bool:
    x = cert.variables[0]
    lo, hi, lo_open, hi_open = cert.domain[0]
    res = analyse(cert.expr, x, (frac(lo), frac(hi), lo_open, hi_open), cert.relation)
    if res is None or res["status"] != "certified":
        return False
    # every gap's exact sign must be positive
    return all(v > 0 for _g0, _g1, _t, v in res["gaps"])
