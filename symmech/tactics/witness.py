"""Re-checking a would-be counterexample before anything is reported ``refuted``.

Sampling evaluates a claim at floating-point images of its points: a bound variable
at an irrational end (``x = 1/pi``) or a value next to a branch point (``LambertW``
at ``-1/e``) picks up a rounding error that can look like a violation (a tiny
negative number under a square root becomes a "non-real side").  Nothing found by
sampling, the float search or the certifier is reported until it survives
:func:`recheck`:

* at an exact point with no defined root, the residual is substituted exactly and
  enclosed rigorously by Arb (python-flint); the violation must be *certain* (the ball
  excludes every value the claim allows).  Where Arb cannot evaluate the expression
  (a branch point, a non-real value) SymPy's adaptive ``evalf`` decides at twice the
  digits;
* with a defined root (known only numerically) the residual is enclosed by Arb with each
  root enclosed rigorously (:func:`enclose_root`: a sign change of its equation, verified in
  Arb, on a sub-interval of its bracket on which the equation is continuous), the precision
  raised until the sign is decided or a cap is reached.  A violation is kept only when the
  enclosure shows it; otherwise the point is "not shown rigorously" (``violated`` None), never
  "violated".  Floating point (mpmath, findroot) never decides a point with a defined root.

A refutation at a point with a defined root is therefore rigorous; at an exact point without
one it is rigorous where Arb encloses the value, else it reproduces at 2x the digits.

Length: about 780 lines: the exact recheck and the rigorous Arb recheck of a counterexample, with the
enclosure of defined roots and systems at that point they need; all of it decides whether a point refutes.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import sympy as sp
from flint import acb, arb, fmpq

from symmech.tactics.certify.arb_eval import (
    IV,
    EvalState,
    Unsupported,
    _lower,
    _lt,
    _upper,
    compile_expr,
    rational_of,
    workprec,
)
from symmech.tactics.provers import symbolic_zero, within_budget
from symmech.tactics.ranges import point_in_range
from symmech.tactics.systems import root_count


@dataclass(frozen=True)
class Recheck:
    """The outcome of re-checking one point.

    ``violated`` is True (the claim fails there: certainly when ``rigorous``), False (the
    point is no counterexample at twice the digits: a rounding artefact) or None (could not
    be evaluated again).  ``value`` is the residual (or the non-real value) as text and
    ``how`` says how it was obtained.
    """

    violated: bool | None
    value: str = ""
    how: str = ""
    rigorous: bool = False


def _tol(digits: int, scale) -> sp.Float:
    return sp.Float(10) ** (-(digits - 10)) * max(sp.Integer(1), abs(sp.sympify(scale)))


def exact_point(params: Mapping[sp.Symbol, sp.Expr], bounds: Sequence, fractions: Mapping) -> dict:
    """The exact point: parameters as given, each bound variable ``lo + fr (hi - lo)`` (in the
    parameters and earlier bound variables; defined roots stay symbols)."""
    point: dict = dict(params)
    for var, lo, hi in bounds:
        fr = fractions.get(var)
        if fr is None:
            continue
        q = sp.Rational(fr.numerator, fr.denominator) if not isinstance(fr, sp.Basic) else fr
        at = point_in_range(lo, hi, q)
        if at is None:          # an infinite end is no point: the recheck finds the variable unset
            continue
        point[var] = at.subs(point)
    return point


def recheck(f: sp.Expr, scope, point: Mapping[sp.Symbol, sp.Expr], relation: str, digits: int,
            scale_expr: sp.Expr | None = None, *, max_bits: int | None = None) -> Recheck:
    """Re-check ``f rel 0`` (``relation`` one of ``"=="``, ``">="``, ``">"``, or ``"real"`` for a
    value that must be real) at the exact ``point`` (parameters and bound variables; defined
    roots are added by the scope).  ``max_bits``: the precision cap of the rigorous recheck at a
    point with defined roots (default :data:`MAX_BITS`)."""
    exact = {s: sp.sympify(v) for s, v in point.items()}
    try:
        e = _substitute(f, exact)
    except Exception as exc:  # pragma: no cover - SymPy internals
        return Recheck(None, how=f"substitution failed: {exc}")
    if e is not None and not e.free_symbols:
        return _recheck_number(e, relation, digits, scale_expr, exact)
    return recheck_rigorous(f if e is None else e, scope, exact, relation, digits, max_bits=max_bits)


def _substitute(f: sp.Expr, exact: Mapping) -> sp.Expr | None:
    return within_budget(lambda: sp.sympify(f).subs(exact), 5.0)


def _scale(scale_expr, exact) -> sp.Expr:
    if scale_expr is None:
        return sp.Integer(1)
    try:
        return abs(sp.N(sp.sympify(scale_expr).subs(exact), 15))
    except Exception:
        return sp.Integer(1)


def _violates_interval(iv, relation: str) -> bool | None:
    """True if the enclosure certainly violates ``relation``; False if it certainly satisfies it."""
    if relation == ">=":
        return True if iv.lt0() else (False if iv.ge0() else None)
    if relation == ">":
        return True if iv.le0() else (False if iv.gt0() else None)
    if relation == "==":
        return True if (iv.gt0() or iv.lt0()) else (False if iv.is_point() and iv.lo == 0 else None)
    return None


def _rigorously_nonreal(e: sp.Expr) -> Recheck | None:
    """``e`` shown not real: SymPy splits it exactly into real and imaginary parts (principal branches) and
    Arb encloses the imaginary part away from 0; None when that cannot be shown."""
    try:
        from symmech.tactics.certify.arb_eval import EvalState, compile_expr, workprec
        from symmech.tactics.provers import within_budget

        parts = within_budget(lambda: e.as_real_imag(), 5.0)
        if parts is None:
            return None
        im = parts[1]
        if im.has(sp.re, sp.im, sp.arg) or im.free_symbols:
            return None
        fn = compile_expr(im, [])
        for bits in (256, 1024):
            with workprec(bits):
                iv = fn([], EvalState())
                if iv.gt0() or iv.lt0():
                    return Recheck(True, f"imaginary part {iv.ball().str(15)}",
                                   f"not real: Arb encloses the exact imaginary part away from 0 at {bits} bits",
                                   rigorous=True)
    except Exception:  # noqa: BLE001 - Arb cannot enclose it: not shown
        return None
    return None


def _recheck_number(e: sp.Expr, relation: str, digits: int, scale_expr, exact) -> Recheck:
    """An exact number: an Arb enclosure decides rigorously; else adaptive evalf at 2x digits."""
    if e.is_zero is True or e == 0:
        violated = relation == ">"
        return Recheck(violated, "0", "exactly 0 (SymPy)", rigorous=True)
    if relation == "real":
        nonreal = _rigorously_nonreal(e)
        if nonreal is not None:
            return nonreal
    if relation != "real" and e.is_Rational:
        v = {">=": e < 0, ">": e <= 0, "==": e != 0}[relation]
        return Recheck(bool(v), str(e), "exact rational value", rigorous=True)
    if relation == ">":
        # a strict claim fails where the value is exactly 0: SymPy's zero test on the exact number
        if within_budget(lambda: symbolic_zero(e), 5.0):
            return Recheck(True, "0", "exactly 0 (SymPy simplifies the exact value to 0)", rigorous=True)
    if relation != "real":
        try:
            from symmech.tactics.certify.arb_eval import EvalState, compile_expr, workprec

            fn = compile_expr(e, [])
            bits = int(2 * digits * 3.33) + 64
            with workprec(bits):
                iv = fn([], EvalState())
                verdict = _violates_interval(iv, relation)
                if verdict is not None:
                    text = iv.ball().str(25) if iv.finite() else repr(iv)
                    return Recheck(verdict, text, f"Arb enclosure at {bits} bits", rigorous=True)
        except Exception:  # Arb cannot enclose it (branch point, unsupported function): evalf decides
            pass
    return _recheck_evalf(e, relation, digits, scale_expr, exact)


def _recheck_evalf(e: sp.Expr, relation: str, digits: int, scale_expr, exact) -> Recheck:
    work = 2 * digits
    try:
        v = sp.N(e, work, maxn=8 * work + 400)
    except Exception as exc:
        return Recheck(None, how=f"evalf failed: {exc}")
    re_, im_ = v.as_real_imag()
    if not (re_.is_Number and im_.is_Number and re_.is_finite and im_.is_finite):
        return Recheck(None, str(v), "not a finite number at 2x digits")
    tol = _tol(digits, _scale(scale_expr, exact))
    how = f"SymPy evalf at {work} digits on the exact point"
    if relation == "real" or abs(im_) > tol:
        return Recheck(bool(abs(im_) > tol), str(sp.N(v, 20)), how)
    return Recheck(_violates_float(re_, relation, tol), str(sp.N(re_, 25)), how)


def _violates_float(x, relation: str, tol) -> bool:
    if relation == ">=":
        return bool(x < -tol)
    if relation == ">":
        return bool(x < -tol)      # an exact zero of a strict claim needs an exact argument
    return bool(abs(x) > tol)


# ------------------------------------------------------------------------------------------------
# rigorous evaluation at a point with defined roots (Arb balls, python-flint)
# ------------------------------------------------------------------------------------------------
#: the highest working precision (bits) of the rigorous recheck
MAX_BITS = 4096
#: the precision (bits) of the first attempt: at least this, and enough for the point's rationals
MIN_BITS = 128


class NotRigorous(ArithmeticError):
    """A value (a root, the residual) could not be enclosed rigorously at this point."""


#: functions continuous wherever the Arb evaluator (:mod:`symmech.tactics.certify.arb_eval`) evaluates
#: them without raising (it raises outside their real domain: log of a non-positive number, a
#: division by an interval holding 0, a non-integer power of a possibly negative number, ...)
_CONTINUOUS = (sp.exp, sp.log, sp.LambertW, sp.Abs, sp.Max, sp.Min, sp.sin, sp.cos, sp.atan,
               sp.tanh, sp.sinh, sp.cosh, sp.erf)


def continuous_form(expr: sp.Expr) -> bool:
    """``expr`` is built from numbers, symbols, ``+``, ``*``, powers and the functions of
    ``_CONTINUOUS`` only (no ``Piecewise``, ``floor``, ``sign`` ...): then it is continuous on any
    interval on which the Arb evaluator encloses it without raising."""
    for node in sp.preorder_traversal(sp.sympify(expr)):
        if node.is_Symbol or (node.is_Number and node.is_finite) or node in (sp.pi, sp.E):
            continue
        if node.is_Add or node.is_Mul or node.is_Pow or isinstance(node, _CONTINUOUS):
            continue
        return False
    return True


def rational_bits(values) -> int:
    """The largest bit length of a numerator or denominator among the rationals in ``values`` (numbers or
    expressions): the precision a ball needs to tell them apart from their neighbours."""
    best = 0
    for v in values:
        v = sp.sympify(v)
        atoms = (v,) if v.is_Rational else v.atoms(sp.Rational)
        for q in atoms:
            best = max(best, int(abs(q.p)).bit_length(), int(q.q).bit_length())
    return best


_COMPILED: dict = {}


def _compiled(expr: sp.Expr, syms: tuple, kind: str = "iv"):
    """``expr`` compiled for the Arb evaluator (``"iv"``: :func:`compile_expr`; ``"acb"``: complex balls),
    memoised; raises ``Unsupported``."""
    key = (kind, expr, syms)
    hit = _COMPILED.get(key)
    if hit is None:
        try:
            hit = compile_expr(expr, list(syms)) if kind == "iv" else _compile_acb(expr, syms)
        except Unsupported as exc:
            hit = exc
        except Exception as exc:  # noqa: BLE001 - an expression the evaluator cannot take
            hit = Unsupported(str(exc))
        if len(_COMPILED) > 4000:
            _COMPILED.clear()
        _COMPILED[key] = hit
    if isinstance(hit, Exception):
        raise hit
    return hit


def exact_iv(value):
    """An Arb interval (:class:`~symmech.tactics.certify.arb_eval.IV`) enclosing the exact number ``value`` at
    the working precision; raises NotRigorous when Arb cannot enclose it."""
    v = sp.sympify(value)
    if v.is_Rational:
        return IV.from_ball(arb(fmpq(int(v.p), int(v.q))))
    if v.free_symbols:
        raise NotRigorous(f"{v} is not a number")
    try:
        return _compiled(v, ())([], EvalState())
    except Exception as exc:  # noqa: BLE001 - Unsupported, Undefined, flint errors
        raise NotRigorous(f"Arb cannot enclose {v}: {exc}") from None


# --- defined roots --------------------------------------------------------------------------------
class _RootArb:
    """A defined root's equation, its derivative and bracket ends compiled for the Arb evaluator."""

    def __init__(self, root) -> None:
        x = root.symbol
        eq = sp.sympify(root.equation)
        lo, hi = (sp.sympify(b) for b in root.bracket)
        self.symbol = x
        self.lo_inf = bool(lo.is_infinite)
        self.hi_inf = bool(hi.is_infinite)
        self.deps = tuple(sorted((eq.free_symbols | lo.free_symbols | hi.free_symbols) - {x}, key=str))
        self.continuous = continuous_form(eq)
        syms = (x,) + self.deps
        self.g = _compiled(eq, syms)
        try:
            deq = sp.diff(eq, x)
            self.dg = _compiled(deq, syms)
        except Exception:  # noqa: BLE001 - Newton steps are only a speed-up
            deq, self.dg = None, None
        try:                 # plain Arb balls at points: faster than the interval evaluator (nan where undefined)
            from symmech.tactics.systems import compile_arb

            self.gb = compile_arb(eq, syms)
            self.dgb = compile_arb(deq, syms) if deq is not None else None
        except Exception:  # noqa: BLE001
            self.gb = self.dgb = None
        self.lo = None if self.lo_inf else _compiled(lo, self.deps)
        self.hi = None if self.hi_inf else _compiled(hi, self.deps)


def _root_arb(root) -> _RootArb:
    """The compiled form of ``root`` (memoised); raises NotRigorous if Arb cannot evaluate its equation."""
    key = ("root", root.symbol, sp.sympify(root.equation), tuple(sp.sympify(b) for b in root.bracket))
    hit = _COMPILED.get(key)
    if hit is None:
        try:
            hit = _RootArb(root)
        except Unsupported as exc:
            hit = NotRigorous(f"Arb cannot evaluate the equation of {root.symbol}: {exc}")
        _COMPILED[key] = hit
    if isinstance(hit, Exception):
        raise hit
    return hit


def _point(x):
    return IV(x, x)


def _mid(iv):
    """The exact midpoint of a finite interval, an exact arb."""
    return arb(((iv.lo + iv.hi) / 2).mid())


def enclose_root(root, deps: Mapping[sp.Symbol, object], bits: int):
    """A rigorous enclosure (an ``IV`` with exact ends) of the defined ``root`` at the parameter values
    ``deps`` (symbol -> ``IV``: parameters and earlier roots), at ``bits`` bits of working precision
    (the caller sets it with :func:`symmech.tactics.certify.arb_eval.workprec`).

    The enclosure is ``[u, v]`` with ``u`` and ``v`` certainly inside the open bracket, the equation's
    sign at ``u`` and at ``v`` certain and opposite (Arb), and the equation made of continuous functions
    (:func:`continuous_form`) and enclosed by Arb on all of ``[u, v]``: so it has a root in ``[u, v]``,
    which is the root the bracket defines (exactly one root in the bracket: the :class:`DefinedRoot`
    contract, checked as its "root bracket" hint).  Floating point only proposes points (Newton steps);
    nothing it computes is trusted.  Raises NotRigorous when no such interval is found."""
    ra = _root_arb(root)
    if not ra.continuous:
        raise NotRigorous(f"the equation of {ra.symbol} is not made of continuous functions only")
    try:
        env = [deps[d] for d in ra.deps]
    except KeyError as exc:
        raise NotRigorous(f"no value for {exc.args[0]} (the equation of {ra.symbol} needs it)") from None
    st = EvalState()
    try:
        a = NINF_ if ra.lo_inf else ra.lo(env, st).hi       # every point above a is above the bracket's lower end
        b = INF_ if ra.hi_inf else ra.hi(env, st).lo
    except Exception as exc:  # noqa: BLE001
        raise NotRigorous(f"the bracket of {ra.symbol} is not enclosed: {exc}") from None
    if not isinstance(a, float) and not isinstance(b, float) and not a < b:
        raise NotRigorous(f"the bracket of {ra.symbol} is empty or too narrow at {bits} bits")

    def inside(x) -> bool:
        return _lt(a, x) and _lt(x, b)

    def value(x):
        try:
            return ra.g([_point(x)] + env, st)
        except Exception:  # noqa: BLE001 - undefined at x
            return None

    try:
        env_b = [iv.ball() for iv in env] if ra.gb is not None else None
    except Exception:  # noqa: BLE001 - an infinite interval
        env_b = None

    def ball(fn, x):
        try:
            b = fn([x] + env_b)
        except Exception:  # noqa: BLE001
            return None
        return b if b.is_finite() else None

    def sign(x):
        if env_b is not None:
            bv = ball(ra.gb, x)
            if bv is not None:
                if bv.is_exact() and bv == 0:
                    return 0
                return 1 if bv > 0 else -1 if bv < 0 else None
        v = value(x)
        if v is None:
            return None
        if v.is_point() and v.lo == 0:
            return 0
        return 1 if v.gt0() else -1 if v.lt0() else None

    def newton(x):
        """x - g(x)/g'(x) from the midpoints (a proposal only), or None."""
        if env_b is not None and ra.dgb is not None:
            gx, dx = ball(ra.gb, x), ball(ra.dgb, x)
            if gx is not None and dx is not None and dx.mid() != 0:
                return arb((x - gx.mid() / dx.mid()).mid())
        if ra.dg is None:
            return None
        try:
            gx, dx = ra.g([_point(x)] + env, st), ra.dg([_point(x)] + env, st)
        except Exception:  # noqa: BLE001
            return None
        if gx.finite() and dx.finite():
            d = _mid(dx)
            if d != 0:
                return arb((x - _mid(gx) / d).mid())
        return None

    # 1. a verified sign change between two points of the open bracket (sampled from the middle outwards,
    #    until both signs are seen; more than one change would contradict the bracket's single root)
    known = []
    for x in _start_points(a, b, bits):
        if not inside(x):
            continue
        s = sign(x)
        if s == 0:
            return IV(x, x)                 # an exact zero inside the bracket: the root itself
        if s is not None:
            known.append((x, s))
            if len({sk for _, sk in known}) == 2:
                break
    known.sort(key=lambda xs: xs[0])
    changes = [(p, q) for p, q in zip(known, known[1:]) if p[1] != q[1] and p[0] < q[0]]
    if len(changes) != 1:
        raise NotRigorous(f"no single sign change of the equation of {ra.symbol} verified in its bracket")
    (u, su), (v, _) = changes[0]
    # 2. shrink [u, v]: Newton steps where they stay inside, bisection otherwise
    tiny = arb(2) ** (-4 * bits)
    x = _mid(IV(u, v))
    for _ in range(bits + 64):
        width = v - u
        scale = max(abs(u), abs(v)).upper()
        if width.upper() <= scale * arb(2) ** (-(bits - 24)) + tiny:
            break
        nxt = newton(x)
        stepped = nxt is not None
        if nxt is None or not (u < nxt < v) or nxt == x:
            nxt, stepped = _mid(IV(u, v)), False
            if not (u < nxt < v):
                break                       # no representable point between u and v at this precision
        step = abs(nxt - x).upper()
        s = sign(nxt)
        if s == 0:
            return IV(nxt, nxt)
        if s is None:
            # at the precision's limit next to the root: a tight interval around it if the signs verify
            step = max(abs(nxt).upper() * arb(2) ** (-(bits - 28)), tiny)
            for _ in range(12):
                lo_, hi_ = arb((nxt - step).mid()), arb((nxt + step).mid())
                lo_ = lo_ if u < lo_ else u
                hi_ = hi_ if hi_ < v else v
                if (lo_ is u or sign(lo_) == su) and (hi_ is v or sign(hi_) == -su):
                    u, v = lo_, hi_
                    break
                step = step * 2 ** 16
            break
        if s == su:
            u = nxt
        else:
            v = nxt
        if stepped:
            # Newton converges from one side: a point just beyond the root, on the other side
            y = arb((nxt + 2 * step).mid()) if s == su else arb((nxt - 2 * step).mid())
            if u < y < v:
                sy = sign(y)
                if sy == 0:
                    return IV(y, y)
                if sy == su:
                    u = y
                elif sy == -su:
                    v = y
        x = nxt
    # 3. the equation is defined (hence continuous) on all of [u, v]
    try:
        ra.g([IV(u, v)] + env, st)
    except Exception as exc:  # noqa: BLE001
        raise NotRigorous(f"the equation of {ra.symbol} is not enclosed on [{u}, {v}]: {exc}") from None
    return IV(u, v)


INF_ = float("inf")
NINF_ = float("-inf")


def _start_points(a, b, bits: int) -> list:
    """Exact points strictly inside ``(a, b)`` (ends exact arbs or -inf/+inf) where the sign is sampled
    first: the middle, then ever closer to each end (so a root next to an end is found too)."""
    fracs = [arb(1) / 2, arb(1) / 4, arb(3) / 4, arb(1) / 16, arb(15) / 16]
    for e in (8, 24, 64, bits // 4, bits // 2, bits - 16):
        if e > 4:
            fracs += [arb(2) ** -e, 1 - arb(2) ** -e]
    finite_a, finite_b = not isinstance(a, float), not isinstance(b, float)
    out = []
    if finite_a and finite_b:
        w = b - a
        out = [arb((a + w * t).mid()) for t in fracs]
    else:
        powers = [arb(2) ** e for e in (-8, 0, 4, 16, 64, 256, bits // 2, bits)]
        if finite_a:
            out = [arb((a + p).mid()) for p in powers]
            out += [arb((a + p * t).mid()) for p in (arb(1),) for t in fracs]
        elif finite_b:
            out = [arb((b - p).mid()) for p in powers]
            out += [arb((b - p * t).mid()) for p in (arb(1),) for t in fracs]
        else:
            out = [arb(0)] + [s * p for p in powers for s in (1, -1)]
    return out


def enclose_values(scope, point: Mapping[sp.Symbol, sp.Expr], needed, bits: int, cache: dict | None = None, *,
                   thorough: bool = True, root_floor: int | None = None) -> dict:
    """Arb intervals for the symbols ``needed`` at the exact parameter ``point``: parameters exactly
    (fixed ones from the scope), defined roots by :func:`enclose_root` (with the roots they depend on),
    the symbols of a :class:`~symmech.tactics.systems.DefinedSystem` by its Krawczyk enclosure when its root in
    the box is shown (:func:`symmech.tactics.systems.root_count`; its uniqueness in the box is the system's contract,
    like a root's in its bracket; ``thorough``: when Krawczyk around the Newton root fails, cover the box).
    Runs at the working precision (set by the caller, ``bits``).  ``cache``: enclosures by the values of the
    parameters they depend on and precision, reused across calls.  ``root_floor``: enclose each root (and
    system) at only ``root_floor`` bits plus the size of those parameters' rationals (when below ``bits``).
    Raises NotRigorous."""
    values: dict = {}
    exact = dict(point)
    for s, d in scope.parameters.items():
        if s not in exact and not isinstance(d, sp.Interval):
            exact[s] = sp.sympify(d)
    by_root = {r.symbol: r for r in scope.roots}
    sys_of = {s: sysm for sysm in scope.systems for s in sysm.symbols}
    want = set(needed)
    todo = [s for s in want if s in by_root]
    while todo:                                 # the roots a root's equation or bracket depends on
        r = by_root[todo.pop()]
        for d in _root_arb(r).deps:
            if d in by_root and d not in want:
                want.add(d)
                todo.append(d)
            elif d in sys_of:
                raise NotRigorous(f"the root {r.symbol} depends on the system symbol {d}")
            else:
                want.add(d)
    for s in want:
        if s in exact and s not in by_root:
            values[s] = exact_iv(exact[s])

    pdeps: dict = {}                            # each root's (transitive) parameters

    def params_of(syms) -> tuple:
        out: set = set()
        for d in syms:
            out |= pdeps.get(d, set()) if d in by_root else ({d} if d in scope.parameters else set())
        return tuple(sorted(((str(d), exact[d]) for d in out if d in exact), key=lambda dv: dv[0]))

    def precision(deps: tuple) -> int:
        if root_floor is None:
            return bits
        return min(bits, root_floor + rational_bits([v for _, v in deps]))

    for root in scope.roots:
        ra = _root_arb(root)
        pdeps[root.symbol] = {d for d in ra.deps if d in scope.parameters} | set().union(
            *(pdeps.get(d, set()) for d in ra.deps if d in by_root))
        if root.symbol not in want:
            continue
        deps = params_of(ra.deps)
        rb = precision(deps)
        ck = ("root", root.symbol, deps, tuple(_iv_key(values[d]) for d in ra.deps if d in by_root), rb)
        if cache is not None and ck in cache:
            values[root.symbol] = cache[ck]
            continue
        with workprec(rb):
            iv = enclose_root(root, values, rb)
        values[root.symbol] = iv
        if cache is not None:
            cache[ck] = iv
    for j, system in enumerate(scope.systems):
        if not (set(system.symbols) & want):
            continue
        deps = params_of(system.free_parameters)
        rb = precision(deps)
        ck = ("system", j, deps, rb, thorough)
        if cache is not None and ck in cache:
            values.update(cache[ck])
            continue
        with workprec(rb):
            got = _system_values(system, exact, rb, thorough)
        values.update(got)
        if cache is not None:
            cache[ck] = got
    missing = [s for s in want if s not in values]
    if missing:
        raise NotRigorous(f"no value for {', '.join(sorted(map(str, missing)))}")
    return values


def _iv_key(iv) -> tuple:
    """An exact, hashable description of an interval's ends (exact arbs or infinities)."""
    return tuple(e if isinstance(e, float) else e.mid().man_exp() for e in (iv.lo, iv.hi))


def _system_values(system, exact: Mapping, bits: int, thorough: bool = True) -> dict:
    """The Krawczyk enclosure of the system's root at the exact parameters: with ``max_boxes=0``
    :func:`~symmech.tactics.systems.root_count` stops right after the Krawczyk box around its Newton root, which it
    returns only when that box lies strictly inside the system's box (a root of the box, hence the root)."""
    params = {p: exact[p] for p in system.free_parameters if p in exact}
    if len(params) != len(system.free_parameters):
        raise NotRigorous(f"system {system.name}: a parameter has no value")
    rc = None
    try:
        rc = root_count(system, params, prec=max(bits, 160), max_boxes=0)
        if not (rc.status == "unknown" and rc.detail.startswith("not resolved within")
                and len(rc.enclosures) == 1):
            rc = root_count(system, params, prec=max(bits, 160), max_boxes=4000) if thorough else None
    except Exception as exc:  # noqa: BLE001
        raise NotRigorous(f"system {system.name}: {exc}") from None
    if rc is None or rc.status not in ("one", "unknown") or len(rc.enclosures) != 1 or (
            rc.status == "unknown" and not rc.detail.startswith("not resolved within")):
        raise NotRigorous(f"system {system.name}: no root of its box enclosed"
                          + ("" if rc is None else f" ({rc.status}: {rc.detail})"))
    out = {}
    for s, (lo, hi) in zip(system.symbols, rc.enclosures[0]):
        out[s] = IV(_lower(arb(fmpq(int(lo.p), int(lo.q)))), _upper(arb(fmpq(int(hi.p), int(hi.q)))))
    return out


# --- the residual ------------------------------------------------------------------------------------
def _decide_iv(iv, relation: str):
    if relation == "real":
        return False                                # Arb enclosed a real value
    return _violates_interval(iv, relation)


def _decide_acb(z, relation: str):
    """A complex ball: a certainly non-real value violates every relation (the claim is about reals);
    a real part certainly below 0 violates ``>=`` and ``>`` whatever the imaginary part."""
    im, re_ = z.imag, z.real
    if not (im.is_finite() and re_.is_finite()):
        return None
    if not im.contains(0):
        return True
    if relation in (">=", ">") and re_ < 0:
        return True
    if relation == "==" and not re_.contains(0):
        return True
    return None


def recheck_rigorous(e: sp.Expr, scope, point: Mapping[sp.Symbol, sp.Expr], relation: str, digits: int, *,
                     max_bits: int | None = None) -> Recheck:
    """Decide ``e rel 0`` at the exact ``point`` with Arb: defined roots (and systems) enclosed
    rigorously, the precision doubled from about ``2 digits`` decimal digits up to ``max_bits``.
    ``violated`` is True or False only when the enclosure decides it (``rigorous``); otherwise None
    ("not shown rigorously")."""
    e = sp.sympify(e)
    syms = tuple(sorted(e.free_symbols, key=str))
    try:
        fn = _compiled(e, syms)
    except Exception as exc:  # noqa: BLE001 - Unsupported
        fn, why = None, f"Arb cannot evaluate the residual: {exc}"
    try:
        zfn = _compiled(e, syms, "acb")
    except Exception:  # noqa: BLE001
        zfn = None
    if fn is None and zfn is None:
        return Recheck(None, how=f"not shown rigorously: {why}")
    bits = max(MIN_BITS, int(2 * digits * 3.33) + 64, rational_bits(list(point.values()) + [e]) + 64)
    cap = max(bits, MAX_BITS if max_bits is None else max_bits)
    cache: dict = {}
    last, why = "", "the enclosure does not decide the sign"
    while True:
        with workprec(bits):
            try:
                values = enclose_values(scope, point, [s for s in syms if s not in point], bits, cache)
                env = [values[s] if s in values else exact_iv(point[s]) for s in syms]
            except NotRigorous as exc:
                return Recheck(None, last, f"not shown rigorously: {exc}")
            how = f"Arb at {bits} bits" + (", defined roots enclosed rigorously (verified sign change)"
                                          if set(syms) & {r.symbol for r in scope.roots} else "")
            iv = None
            if fn is not None:
                try:
                    iv = fn(env, EvalState())
                except Exception:  # noqa: BLE001 - Undefined: maybe not real; complex balls decide
                    iv = None
            if iv is not None:
                verdict = _decide_iv(iv, relation)
                last = iv.ball().str(25) if iv.finite() else repr(iv)
                if verdict is not None:
                    return Recheck(verdict, last, how, rigorous=True)
            elif zfn is not None:
                try:
                    from flint import acb  # lazy: inside a try: the library is optional

                    z = zfn([acb(v.ball()) for v in env])
                    verdict = _decide_acb(z, relation)
                    last = z.str(25)
                    if verdict:
                        return Recheck(True, last, how + " (complex balls)", rigorous=True)
                except Exception as exc:  # noqa: BLE001
                    why = f"not enclosed: {exc}"
        if bits >= cap:
            break
        bits = min(2 * bits, cap)
    return Recheck(None, last, f"not shown rigorously: {why} up to {bits} bits (Arb)")


def _compile_acb(expr: sp.Expr, syms: tuple):
    """``expr`` as a function of complex balls (python-flint ``acb``) with SymPy's principal branches;
    raises ``Unsupported``."""
    index = {s: i for i, s in enumerate(syms)}
    unary = {sp.exp: "exp", sp.log: "log", sp.sin: "sin", sp.cos: "cos", sp.tan: "tan", sp.atan: "atan",
             sp.sinh: "sinh", sp.cosh: "cosh", sp.tanh: "tanh", sp.erf: "erf"}

    def comp(e):
        if e in index:
            i = index[e]
            return lambda env: env[i]
        if isinstance(e, (sp.Integer, sp.Rational, sp.Float)):
            q = rational_of(e)
            return lambda env: acb(arb(q))
        if e is sp.pi:
            return lambda env: acb(arb.pi())
        if e is sp.E:
            return lambda env: acb(arb.const_e())
        if e is sp.I:
            return lambda env: acb(0, 1)
        if e.is_Add or e.is_Mul:
            parts = [comp(a) for a in e.args]
            add = e.is_Add

            def fold(env):
                acc = parts[0](env)
                for p in parts[1:]:
                    acc = acc + p(env) if add else acc * p(env)
                return acc
            return fold
        if e.is_Pow:
            base, ex = e.args
            if base is sp.E:
                fe = comp(ex)
                return lambda env: fe(env).exp()
            fb = comp(base)
            if ex.is_Integer:
                n = int(ex)
                return (lambda env: fb(env) ** n) if n >= 0 else (lambda env: 1 / fb(env) ** (-n))
            if ex.is_Rational:
                r = acb(arb(fmpq(int(ex.p), int(ex.q))))
                return lambda env: fb(env) ** r
            fe = comp(ex)
            return lambda env: (fe(env) * fb(env).log()).exp()
        if isinstance(e, sp.LambertW):
            fa = comp(e.args[0])
            k = int(e.args[1]) if len(e.args) > 1 else 0
            return lambda env: fa(env).lambertw(branch=k)
        if isinstance(e, sp.Abs):
            fa = comp(e.args[0])
            return lambda env: acb(abs(fa(env)))
        for fn, name in unary.items():
            if isinstance(e, fn) and len(e.args) == 1:
                fa = comp(e.args[0])
                return lambda env, fa=fa, name=name: getattr(fa(env), name)()
        raise Unsupported(f"complex balls: {type(e).__name__}")

    return comp(sp.sympify(expr))
