"""Provers, cheapest first: exact symbolic tactics, then interval certification
(if :mod:`symmech.tactics.certify` is available), then high-precision sampling
(:mod:`symmech.tactics.sampling`).

Each tactic answers True (shown), or None (not shown).  Symbolic tactics never
answer False: refutations always come with a numerical witness.
"""
from __future__ import annotations

import contextlib
import contextvars
import functools
import logging
from typing import Mapping, Sequence

import sympy as sp

from symmech.tactics.budget import _capped, _limit, within_budget
from symmech.tactics.budget import tactic_time_limit, tactics_budget  # noqa: F401 - public here too: provers.tactics_budget
from symmech.kernel.continuity import NotContinuous, obligations
from symmech.kernel.verdict import Status, Verdict

log = logging.getLogger("symmech")



# ----------------------------------------------------------------------------------
# exact tactics
# ----------------------------------------------------------------------------------
def symbolic_zero(expr: sp.Expr) -> bool | None:
    """True if SymPy shows ``expr`` is identically 0; None otherwise."""
    expr = sp.sympify(expr)
    if expr.has(sp.Integral):
        expr = expr.doit()
    if expr == 0:
        return True
    if isinstance(expr, sp.Piecewise) or expr.has(sp.Piecewise):
        folded = sp.piecewise_fold(expr)
        if isinstance(folded, sp.Piecewise):
            return True if all(symbolic_zero(e) for e, _ in folded.args) else None
    for attempt in ((_s0,) if expr.has(sp.LambertW) else ()) + (_s1, _s2, _s3, _s4):
        try:
            if attempt(expr) == 0:
                return True
        except Exception:  # SymPy internals may fail on exotic input: not shown
            continue
    return None


def zero_on_box(e: sp.Expr, box: Mapping[sp.Symbol, sp.Interval]) -> str | None:
    """Zero tests that need the box (facts SymPy's assumptions cannot see); returns how, or None.

    * ``log(a b / c) = log a + log b - log c`` where every factor is shown positive on the box;
    * ``W_b(z) = y`` for Lambert's W when ``y e^y = z`` and ``y`` lies in branch ``b``'s range
      (``y <= -1`` for ``b = -1``, ``y >= -1`` for ``b = 0``), with ``e`` affine in ``W_b(z)``.
    """
    e = sp.sympify(e)
    if e.has(sp.log):
        expanded = e.replace(lambda x: isinstance(x, sp.log), lambda x: _split_log(x, box))
        if expanded != e and symbolic_zero(expanded):
            return "logs of products split where every factor is positive on the domain"
    for w in e.atoms(sp.LambertW):
        z = w.args[0]
        b = w.args[1] if len(w.args) > 1 else sp.Integer(0)
        d = sp.Dummy("W")
        ed = e.subs(w, d)
        if ed.has(w) or ed.has(sp.Derivative):
            continue
        c = sp.simplify(sp.diff(ed, d))
        if c.has(d) or c == 0:
            continue
        y = sp.simplify(-ed.subs(d, 0) / c)
        if y.has(w) or not symbolic_zero(y * sp.exp(y) - z):
            continue
        if b == -1 and symbolic_nonneg(-1 - y, box, False):
            return f"W_-1({z}) = {y}: y e^y = z and y <= -1"
        if b == 0 and symbolic_nonneg(y + 1, box, False):
            return f"W_0({z}) = {y}: y e^y = z and y >= -1"
    return None


def _split_log(x: sp.log, box: Mapping[sp.Symbol, sp.Interval]) -> sp.Expr:
    arg = sp.together(x.args[0])
    num, den = sp.fraction(arg)
    factors = [(f, 1) for f in sp.Mul.make_args(num)] + [(f, -1) for f in sp.Mul.make_args(den)]
    if len(factors) < 2:
        return x
    out = sp.Integer(0)
    for f, sgn in factors:
        if f.is_number:
            if not f.is_positive:
                return x
        elif not symbolic_nonneg(f, box, True):
            return x
        base, ex = f.as_base_exp()
        # log(b**e) = e log(b) needs b > 0 (log(x**2) = 2 log(x) is false for x < 0)
        split = ex.is_real and ex != 1 and (base.is_positive if base.is_number
                                            else symbolic_nonneg(base, box, True))
        out += sgn * (ex * sp.log(base) if split else sp.log(f))
    return out


@functools.lru_cache(maxsize=4096)
def _simplify(e: sp.Expr) -> sp.Expr:
    """``sp.simplify(e)``, remembered: the same expression is simplified by several tactics and claims."""
    return sp.simplify(e)


def _s1(e):
    return _simplify(e)


def _s2(e):
    return _simplify(sp.expand_log(sp.expand(e)))


def _s3(e):
    return _simplify(sp.logcombine(sp.together(e)))


def _s0(e):
    """The rewrite of :func:`_s4` followed by rational-function arithmetic only (``together``, ``cancel``): a
    constant identity in Lambert's W is often rational in W after it, and SymPy's ``simplify`` would spend
    seconds evaluating W numerically inside its assumption queries."""
    return sp.cancel(sp.together(e.replace(lambda x: isinstance(x, sp.exp), _lambert_exp)))


def _s4(e):
    """The defining property of every branch of Lambert's W, ``W(z) exp(W(z)) = z``, as the rewrite
    ``exp(a + c W(z)) -> exp(a) (z / W(z))**c`` for integer ``c`` and ``z`` known to be nonzero."""
    if not e.has(sp.LambertW):
        return e
    return sp.simplify(e.replace(lambda x: isinstance(x, sp.exp), _lambert_exp))


def _lambert_exp(x):
    arg = sp.expand(x.args[0])
    for w in arg.atoms(sp.LambertW):
        c = arg.coeff(w)
        z = w.args[0]
        if c.is_integer and c != 0 and z.is_nonzero and not (arg - c * w).has(w):
            return sp.exp(arg - c * w) * (z / w) ** c
    return x


def _interior_value(e: sp.Expr, box: Mapping[sp.Symbol, sp.Interval]) -> sp.Float | None:
    """``e`` at one interior point of the box (30 digits), or None when it cannot be evaluated there.

    Used only to skip tactics that cannot succeed, never to prove: a wrong answer here can lose a
    proof, not make one."""
    if e.is_number or e.has(sp.Integral, sp.Derivative):
        return None
    point = {}
    for v in e.free_symbols:
        dom = box.get(v)
        if dom is not None and isinstance(dom, sp.Interval):
            lo, hi = dom.start, dom.end
            if lo.is_finite and hi.is_finite:
                x = lo + (hi - lo) * sp.Rational(37, 101)
            elif lo.is_finite:
                x = lo + sp.Rational(37, 101)
            elif hi.is_finite:
                x = hi - sp.Rational(37, 101)
            else:
                x = sp.Rational(37, 101)
        elif v.is_positive or v.is_nonnegative or v.is_real:
            x = sp.Rational(37, 101)
        else:
            return None
        point[v] = x
    try:
        val = sp.N(e.xreplace(point), 30)
        re_part, im_part = val.as_real_imag()
    except Exception:
        return None
    if not (re_part.is_Number and im_part.is_Number and re_part.is_finite and im_part.is_finite):
        return None     # DiracDelta(0), nan, zoo, a symbol left over: no answer
    return val


_CLEAR = sp.Float("1e-12")


def _visibly_nonzero(e: sp.Expr, box: Mapping[sp.Symbol, sp.Interval]) -> bool:
    """``e`` is clearly nonzero at a point of the box, so no zero test can succeed."""
    val = _interior_value(e, box)
    return val is not None and bool(abs(val) > _CLEAR)


def _visibly_negative(e: sp.Expr, box: Mapping[sp.Symbol, sp.Interval]) -> bool:
    """``e`` is clearly negative (real) at a point of the box, so ``e >= 0`` cannot be shown."""
    val = _interior_value(e, box)
    return val is not None and val.is_Number and bool(val < -_CLEAR)


def symbolic_nonneg(expr: sp.Expr, box: Mapping[sp.Symbol, sp.Interval], strict: bool,
                    _depth: int = 0) -> bool | None:
    """True if ``expr >= 0`` (``> 0`` if strict) is shown on the whole ``box``.

    Tactics: identically zero (non-strict only); SymPy's assumption system on
    the simplified expression (also after mapping open box sides to positive
    symbols); signs of the factors of numerator and denominator (with
    ``log a - log b`` signed like ``a - b``); reduction of functions that are
    affine in one box variable to the two faces of the box (recursively).
    """
    if _depth > 3:
        return None
    key = (sp.sympify(expr), tuple(sorted(box.items(), key=lambda kv: str(kv[0]))), strict)
    if key in _NONNEG_MEMO:
        return _NONNEG_MEMO[key]
    _NONNEG_MEMO[key] = None  # guards against re-entrant loops on the same question
    try:
        result = _symbolic_nonneg(expr, box, strict, _depth)
    except BaseException:
        # a time budget that ran out mid-way is no answer: forget the guard, or it would be read as
        # "not shown" by every later question (a claim proved in isolation came out confirmed)
        _NONNEG_MEMO.pop(key, None)
        raise
    _NONNEG_MEMO[key] = result
    return result


_NONNEG_MEMO: dict = {}


def _symbolic_nonneg(expr: sp.Expr, box: Mapping[sp.Symbol, sp.Interval], strict: bool, _depth: int) -> bool | None:
    e = sp.sympify(expr)
    if e.has(sp.Integral):
        e = e.doit()
    if _visibly_negative(e, box):
        return None
    if not strict and not _visibly_nonzero(e, box) and symbolic_zero(e):
        return True
    try:
        s = _simplify(e)
    except Exception:
        s = e
    test = s.is_positive if strict else s.is_nonnegative
    if test:
        return True
    if not s.free_symbols:
        return None
    if _reparametrized_sign(s, box, strict):
        return True
    # the sign of the factors, on the simplified form and on the unsimplified one (simplify can merge a
    # factor into a log: -k log(u k) -> -log((u k)**k), whose sign is harder to read)
    for form in (s, e) if e != s else (s,):
        sign = _sign_by_factors(form, box, _depth)
        if sign is not None and (sign == "+" or (sign == "+0" and not strict)):
            return True
    if _depth <= 2 and _monotone_from_end(s, box, strict, _depth):
        return True
    for var in sorted(s.free_symbols & set(box), key=str):
        dom = box[var]
        try:
            poly = sp.Poly(sp.expand(s), var)
        except sp.PolynomialError:
            continue
        if poly.degree() > 1 or any(var in c.free_symbols for c in poly.coeffs()):
            continue
        rest = {v: d for v, d in box.items() if v != var}
        lo_val, hi_val = s.subs(var, dom.start), s.subs(var, dom.end)
        # affine in var: the minimum over the closed interval is at an end
        if strict:
            lo_ok = symbolic_nonneg(lo_val, rest, not dom.left_open, _depth + 1)
            hi_ok = symbolic_nonneg(hi_val, rest, not dom.right_open, _depth + 1)
            if lo_ok and hi_ok and (
                (not dom.left_open or not dom.right_open)
                or symbolic_nonneg(lo_val + hi_val, rest, True, _depth + 1)
            ):
                return True
        else:
            if symbolic_nonneg(lo_val, rest, False, _depth + 1) and symbolic_nonneg(hi_val, rest, False, _depth + 1):
                return True
    return None


def _monotone_from_end(e: sp.Expr, box: Mapping[sp.Symbol, sp.Interval], strict: bool, depth: int) -> bool:
    """``e >= 0`` (``> 0``) on the box because it holds at an end ``a`` of one variable's range and ``e`` moves
    away from it in the right direction: ``e(a) >= 0`` and ``+-de/dvar >= 0`` (strictly somewhere: ``> 0`` on
    the open interior when the claim is strict and ``e(a)`` may be 0).  The fundamental theorem of calculus
    needs ``e`` continuous in the variable on its range *including the end* ``a``: shown by the kernel's
    whitelist (:mod:`symmech.kernel.continuity`), never assumed."""
    for var in sorted(e.free_symbols & set(box), key=str):
        dom = box[var]
        rest = {v: d for v, d in box.items() if v != var}
        for end, direction, end_open in ((dom.start, 1, dom.left_open), (dom.end, -1, dom.right_open)):
            if not end.is_finite:
                continue
            at = e.subs(var, end)
            if at.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
                continue
            if strict and not end_open:
                if not symbolic_nonneg(at, rest, True, depth + 1):
                    continue
            elif not symbolic_nonneg(at, rest, False, depth + 1):
                continue
            slope = direction * sp.diff(e, var)
            if slope == 0 or not symbolic_nonneg(slope, box, strict, depth + 1):
                continue
            closed = dict(box)
            closed[var] = sp.Interval(dom.start, dom.end, left_open=dom.left_open and direction == -1,
                                      right_open=dom.right_open and direction == 1)
            if _continuous_on(e, closed, depth, (var,)):
                return True
    return False


def _continuous_on(e: sp.Expr, box: Mapping[sp.Symbol, sp.Interval], depth: int,
                   variables: Sequence[sp.Symbol] | None = None) -> bool:
    """``e`` is continuous in ``variables`` (default: every box variable) on the box: the conditions of the
    kernel's continuity whitelist, each shown by the sign tactics."""
    try:
        conds = obligations(e, variables if variables is not None else box)
    except NotContinuous:
        return False
    return all(symbolic_nonneg(c, box, strict, depth + 1) for c, strict in conds)


_POS, _NONNEG, _NEG, _NONPOS = "+", "+0", "-", "-0"


def _sign_of(e: sp.Expr, box: Mapping[sp.Symbol, sp.Interval], depth: int) -> str | None:
    """Sign class of ``e`` on the box: '+', '+0', '-', '-0' or None (unknown)."""
    if e.is_number:
        if e.is_positive:
            return _POS
        if e.is_negative:
            return _NEG
        if e.is_zero:
            return _NONNEG
        return None
    if isinstance(e, sp.Symbol) and e in box:
        known = _symbol_sign(e, box[e])
        if known is not None:
            return known
    if isinstance(e, sp.Pow):
        base, ex = e.args
        if ex.is_integer and ex.is_even:
            bs = _sign_of(base, box, depth + 1)
            return _POS if bs in (_POS, _NEG) else _NONNEG
        bs = _sign_of(base, box, depth + 1)
        if bs == _POS:
            return _POS
        if ex.is_integer and ex.is_odd:
            return bs
        return None
    logs = _log_difference(e)
    if logs is not None:  # log a - log b has the sign of a - b (a, b > 0)
        a, b = logs
        if symbolic_nonneg(a, box, True, depth + 1) and symbolic_nonneg(b, box, True, depth + 1):
            return _sign_of_difference(a - b, box, depth)
        return None
    if isinstance(e, sp.log):
        if symbolic_nonneg(e.args[0], box, True, depth + 1):
            return _sign_of_difference(e.args[0] - 1, box, depth)
        return None
    if isinstance(e, sp.LambertW):
        return _lambert_sign(e, box, depth)
    mono = _monotone_difference(e, box, depth)
    if mono is not None:
        return mono
    return _sign_of_difference(e, box, depth)


def _symbol_sign(var: sp.Symbol, dom: sp.Interval) -> str | None:
    """Sign class of a box variable from the (constant) ends of its range, or from its assumptions."""
    a, b = dom.start, dom.end
    if a.is_number and a.is_finite:
        if a.is_positive or (a.is_zero and dom.left_open):
            return _POS
        if a.is_zero:
            return _NONNEG
    if b.is_number and b.is_finite:
        if b.is_negative or (b.is_zero and dom.right_open):
            return _NEG
        if b.is_zero:
            return _NONPOS
    if var.is_positive:
        return _POS
    if var.is_negative:
        return _NEG
    if var.is_nonnegative:
        return _NONNEG
    if var.is_nonpositive:
        return _NONPOS
    return None


_WEAKEN = {_POS: _NONNEG, _NEG: _NONPOS, _NONNEG: _NONNEG, _NONPOS: _NONPOS}


def _lambert_sign(e: sp.LambertW, box: Mapping[sp.Symbol, sp.Interval], depth: int) -> str | None:
    """Real branches of Lambert's W: ``W_{-1}(z) <= -1 < 0`` for ``z`` in ``[-1/e, 0)``; ``W_0(z)`` has the
    sign of ``z`` for ``z >= -1/e``."""
    z = e.args[0]
    branch = e.args[1] if len(e.args) > 1 else sp.Integer(0)
    if not symbolic_nonneg(z + sp.exp(-1), box, False, depth + 1):
        return None                       # below the branch point: not real
    if branch == -1:
        return _NEG if symbolic_nonneg(-z, box, True, depth + 1) else None
    if branch == 0:
        return _sign_of_difference(z, box, depth)
    return None


def _monotone_difference(e: sp.Expr, box: Mapping[sp.Symbol, sp.Interval], depth: int) -> str | None:
    """Sign of ``g(a) - g(b)`` for a nondecreasing ``g``, from the sign of ``a - b``.

    ``g`` is ``exp`` or ``x**p`` with ``p > 0`` on ``a, b >= 0`` (strictly increasing: the sign
    carries over), or ``Min`` / ``Max`` with all but one argument in common (nondecreasing in each
    argument: only the weak sign carries over).
    """
    terms = sp.Add.make_args(e)
    if len(terms) != 2:
        return None
    for A, nB in (terms, terms[::-1]):
        B = -nB
        # b - b**q with b > 0: b (1 - b**(q - 1)) has the sign of 1 - b**(q - 1)
        for X, P, sgn in ((A, B, 1), (B, A, -1)):
            if isinstance(P, sp.Pow) and P.base == X and not X.is_number \
                    and symbolic_nonneg(X, box, True, depth + 1):
                s = _sign_of(1 - X ** (P.exp - 1), box, depth)
                if s is not None:
                    return s if sgn == 1 else {_POS: _NEG, _NEG: _POS, _NONNEG: _NONPOS, _NONPOS: _NONNEG}[s]
        # c - b**p with c > 0, b >= 0 and p > 0: the sign of c**(1/p) - b (x -> x**p is increasing)
        for C, P, sgn in ((A, B, 1), (B, A, -1)):
            if C.is_number and C.is_positive and isinstance(P, sp.Pow) and P.exp.is_positive \
                    and not P.exp.is_number and symbolic_nonneg(P.base, box, False, depth + 1):
                s = _sign_of(C ** (1 / P.exp) - P.base, box, depth)
                if s is not None:
                    return s if sgn == 1 else {_POS: _NEG, _NEG: _POS, _NONNEG: _NONPOS, _NONPOS: _NONNEG}[s]
        if type(A) is not type(B) or A.is_number or B.is_number:
            continue
        if isinstance(A, sp.exp):
            return _sign_of(A.args[0] - B.args[0], box, depth)  # a smaller expression: terminates
        if isinstance(A, sp.Pow) and A.exp == B.exp and A.exp.is_number and A.exp.is_positive:
            if symbolic_nonneg(A.base, box, False, depth + 1) and symbolic_nonneg(B.base, box, False, depth + 1):
                return _sign_of(A.base - B.base, box, depth)
            continue
        if isinstance(A, (sp.Min, sp.Max)):
            common = set(A.args) & set(B.args)
            ra, rb = [x for x in A.args if x not in common], [x for x in B.args if x not in common]
            if len(ra) == 1 and len(rb) == 1:
                s = _sign_of(ra[0] - rb[0], box, depth)
                return None if s is None else _WEAKEN[s]
    return None


def _sign_of_difference(e: sp.Expr, box, depth: int) -> str | None:
    if symbolic_nonneg(e, box, True, depth + 1):
        return _POS
    if symbolic_nonneg(-e, box, True, depth + 1):
        return _NEG
    if symbolic_nonneg(e, box, False, depth + 1):
        return _NONNEG
    if symbolic_nonneg(-e, box, False, depth + 1):
        return _NONPOS
    return None


def _log_difference(e: sp.Expr) -> tuple[sp.Expr, sp.Expr] | None:
    """``(a, b)`` if ``e`` is ``log(a) - log(b)`` (in either order)."""
    terms = sp.Add.make_args(sp.expand(e))
    if len(terms) != 2:
        return None
    pos = [t.args[0] for t in terms if isinstance(t, sp.log)]
    neg = [(-t).args[0] for t in terms if isinstance(-t, sp.log)]
    if len(pos) == 1 and len(neg) == 1:
        return pos[0], neg[0]
    return None


def _sign_by_factors(e: sp.Expr, box: Mapping[sp.Symbol, sp.Interval], depth: int) -> str | None:
    """Sign of ``e = N/D`` from the signs of the multiplicative factors of N and D."""
    num, den = sp.fraction(sp.together(e))
    factors = list(sp.Mul.make_args(num)) + list(sp.Mul.make_args(den))
    if len(factors) < 2 and not isinstance(e, (sp.log, sp.Pow)) and _log_difference(e) is None:
        return None  # nothing to split: avoid re-asking the same question
    negative, maybe_zero = False, False
    for i, f in enumerate(factors):
        fs = _sign_of(f, box, depth + 1)
        if fs is None:
            return None
        if i >= len(sp.Mul.make_args(num)) and fs in (_NONNEG, _NONPOS):
            return None  # a denominator that may vanish
        negative ^= fs in (_NEG, _NONPOS)
        maybe_zero |= fs in (_NONNEG, _NONPOS)
    if negative:
        return _NONPOS if maybe_zero else _NEG
    return _NONNEG if maybe_zero else _POS


#: seconds for one rewrite (together, factor) of a reparametrized expression: factoring a
#: polynomial of high degree in several variables can take minutes (1 - 2 exp(-10^4 (x + y + z - 1/3)^2))
_REWRITE_SECONDS = 3.0


def _reparametrized_sign(e: sp.Expr, box: Mapping[sp.Symbol, sp.Interval], strict: bool) -> bool:
    """Sign via SymPy assumptions after mapping each open box side to a positive symbol.

    ``x in (a, b)`` becomes ``a + (b - a) w / (1 + w)`` with ``w > 0`` (exactly the
    open interval); closed ends are then checked separately by substitution.
    """
    free = e.free_symbols
    if not free or not free <= set(box):
        return False
    subs, ends = {}, []
    for var in free:
        dom = box[var]
        a, b = dom.start, dom.end
        if not (a.is_finite and b.is_finite):
            return False
        w = sp.Dummy(f"w_{var}", positive=True)
        subs[var] = a + (b - a) * w / (1 + w)
        if not dom.left_open:
            ends.append((var, a))
        if not dom.right_open:
            ends.append((var, b))
    raw = e.subs(subs)
    shown = False
    # cheapest first, stop at the first sign; no `simplify` here: over the whole catalog it never showed a
    # sign the three others did not, and it was most of this tactic's time (the plain tactics simplify anyway)
    for transform in (None, sp.together, sp.factor):
        try:
            c = raw if transform is None else within_budget(lambda t=transform: t(raw), _REWRITE_SECONDS)
        except Exception:
            continue
        if c is None:       # a rewrite that needs longer shows no sign the float search would not find
            continue
        if c.is_positive if strict else c.is_nonnegative:
            shown = True
            break
    if not shown:
        return False
    for var, pt in ends:
        rest = {v: d for v, d in box.items() if v != var}
        at = e.subs(var, pt)
        if at.has(sp.nan, sp.zoo, sp.oo, -sp.oo) or not symbolic_nonneg(at, rest, strict):
            return False
    return True


#: seconds the interval certifier may spend on one claim (set by Derivation.verify / the CLI)
CERTIFY_TIME_LIMIT = 8.0

_certifier_enabled: contextvars.ContextVar[bool] = contextvars.ContextVar("certifier_enabled", default=True)


@contextlib.contextmanager
def without_certifier():
    """Within this block, :func:`try_certify` does not run (cheap checks first)."""
    token = _certifier_enabled.set(False)
    try:
        yield
    finally:
        _certifier_enabled.reset(token)


_certify_cap: contextvars.ContextVar[float | None] = contextvars.ContextVar("certify_cap", default=None)


def certifier_budget(seconds: float):
    """Within this block the interval certifier gets at most ``seconds`` per call (nested blocks
    keep the smallest cap); a claim it cannot settle in time falls back to sampling."""
    return _capped(_certify_cap, seconds)


def certify_time_limit() -> float:
    """Seconds the certifier may spend on the current call: ``CERTIFY_TIME_LIMIT``, capped by
    :func:`certifier_budget`."""
    return _limit(_certify_cap, CERTIFY_TIME_LIMIT)


def try_certify(expr: sp.Expr, box: Mapping[sp.Symbol, sp.Interval], relation: str) -> Verdict | None:
    """Run the interval certifier if it is installed; None if it is not available or disabled."""
    if not _certifier_enabled.get():
        return None
    try:
        from symmech.tactics.certify import certify  # lazy: optional heavy part (python-flint)
    except Exception:
        return None
    try:
        return certify(expr, dict(box), relation=relation, time_limit=certify_time_limit())
    except Exception as exc:  # a crash in the certifier is not a verdict
        log.warning("certifier crashed on %s: %s", expr, exc)
        return Verdict(Status.UNDECIDED, "interval(arb)", f"certifier error: {exc}")
