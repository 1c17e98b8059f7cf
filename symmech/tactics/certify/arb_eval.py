"""Rigorous enclosures of SymPy expressions with python-flint ``arb``.

The evaluator works with *inf-sup* intervals whose endpoints are exact
``arb`` points (or the Python floats ``+inf`` / ``-inf``) and whose endpoint
rounding is delegated to Arb (every computed endpoint is the lower/upper end
of a rigorous Arb ball).  Mid-radius balls are not used for arithmetic
because they lose sign information (``[0,a]*[0,b]`` as balls has a negative
lower end).

Each endpoint carries a *strict* flag: ``lo_s`` means every value is ``> lo``
(instead of ``>= lo``).  Strictness is what lets open box faces such as
``x in (0, 1]`` be evaluated: ``log`` of ``(0, d]`` is ``(-inf, log d]`` and
``1/(0, d]`` is ``[1/d, +inf)``.  Infinite endpoints are never attained
(members are finite reals).  Strictness is only ever claimed when it follows
from the operands; dropping it is always sound.

Domain violations (log of a set containing a non-positive number, division
by a set containing 0, ...) raise :class:`Undefined` -- the caller treats the
box as "unknown" and splits it.  Functions the evaluator does not know raise
:class:`Unsupported` at compile time.

Length: about 780 lines, one evaluator: a table of rigorous inf-sup enclosures, one entry per SymPy
function it accepts (the list is the whitelist; an unlisted function is refused).
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Sequence

import sympy as sp
from flint import arb, ctx, fmpq

INF = float("inf")
NINF = float("-inf")


class Undefined(ArithmeticError):
    """The expression is not (known to be) defined on the whole box."""


class Unsupported(ValueError):
    """The expression contains a function the evaluator cannot enclose."""


@contextmanager
def workprec(prec: int):
    old = ctx.prec
    ctx.prec = int(prec)
    try:
        yield
    finally:
        ctx.prec = old


# --------------------------------------------------------------------------
# endpoint helpers (an endpoint is an exact finite arb or a float +-inf)

def _fin(e) -> bool:
    return not isinstance(e, float)


def _lower(ball: arb):
    if not ball.is_finite():
        raise Undefined("non-finite enclosure")
    return ball.lower()


def _upper(ball: arb):
    if not ball.is_finite():
        raise Undefined("non-finite enclosure")
    return ball.upper()


def _lt(a, b) -> bool:
    """a < b for endpoints (certain)."""
    if not _fin(a) or not _fin(b):
        if not _fin(a) and not _fin(b):
            return a < b
        if not _fin(a):
            return a < 0
        return b > 0
    return bool(a < b)


def _le(a, b) -> bool:
    if not _fin(a) or not _fin(b):
        if not _fin(a) and not _fin(b):
            return a <= b
        if not _fin(a):
            return a < 0
        return b > 0
    return bool(a <= b)


def _eq(a, b) -> bool:
    if not _fin(a) or not _fin(b):
        return (not _fin(a)) and (not _fin(b)) and a == b
    return bool(a == b)


def _sign(e) -> int:
    if not _fin(e):
        return 1 if e > 0 else -1
    if e > 0:
        return 1
    if e < 0:
        return -1
    return 0


def _emul_lo(a, b):
    """Lower bound of the product of two endpoints (0*inf = 0)."""
    if _fin(a) and _fin(b):
        return _lower(a * b)
    sa, sb = _sign(a), _sign(b)
    if sa == 0 or sb == 0:
        return arb(0)
    return INF if sa * sb > 0 else NINF


def _emul_hi(a, b):
    if _fin(a) and _fin(b):
        return _upper(a * b)
    sa, sb = _sign(a), _sign(b)
    if sa == 0 or sb == 0:
        return arb(0)
    return INF if sa * sb > 0 else NINF


def _emin(xs):
    best = xs[0]
    for x in xs[1:]:
        if _lt(x, best):
            best = x
    return best


def _emax(xs):
    best = xs[0]
    for x in xs[1:]:
        if _lt(best, x):
            best = x
    return best


def ball_of(lo, hi) -> arb:
    """An arb ball containing the finite interval [lo, hi]."""
    if not (_fin(lo) and _fin(hi)):
        raise Undefined("infinite interval")
    if lo == hi:
        return arb(lo)
    m = (lo + hi) / 2
    r = (hi - lo) / 2
    b = arb(m.mid(), _upper(r) + m.rad())
    # widen until it certainly contains both ends (paranoia)
    while not (b.lower() <= lo and b.upper() >= hi):
        b = arb(b.mid(), b.rad() * 2)
    return b


class IV:
    """Closed/half-open interval [lo, hi] with exact endpoints and strict flags."""

    __slots__ = ("lo", "hi", "los", "his")

    def __init__(self, lo, hi, los: bool = False, his: bool = False):
        if not _fin(lo) and lo > 0:
            raise Undefined("+inf lower end")
        if not _fin(hi) and hi < 0:
            raise Undefined("-inf upper end")
        self.lo = lo
        self.hi = hi
        self.los = bool(los) if _fin(lo) else True
        self.his = bool(his) if _fin(hi) else True

    # -- constructors
    @staticmethod
    def point_q(q: fmpq) -> "IV":
        return IV.from_ball(arb(q))

    @staticmethod
    def from_ball(b: arb) -> "IV":
        return IV(_lower(b), _upper(b))

    def is_point(self) -> bool:
        return _fin(self.lo) and _fin(self.hi) and self.lo == self.hi

    def finite(self) -> bool:
        return _fin(self.lo) and _fin(self.hi)

    def __repr__(self):  # pragma: no cover - debugging aid
        l = "(" if self.los else "["
        r = ")" if self.his else "]"
        lo = self.lo.str(10, radius=False) if _fin(self.lo) else str(self.lo)
        hi = self.hi.str(10, radius=False) if _fin(self.hi) else str(self.hi)
        return f"{l}{lo}, {hi}{r}"

    # -- sign predicates (certain)
    def ge0(self) -> bool:
        return _le(arb(0), self.lo)

    def gt0(self) -> bool:
        return _lt(arb(0), self.lo) or (_eq(self.lo, arb(0)) and self.los)

    def le0(self) -> bool:
        return _le(self.hi, arb(0))

    def lt0(self) -> bool:
        return _lt(self.hi, arb(0)) or (_eq(self.hi, arb(0)) and self.his)

    def contains0(self) -> bool:
        return not (self.gt0() or self.lt0())

    def ball(self) -> arb:
        return ball_of(self.lo, self.hi)


def iv_const(c: int) -> IV:
    return IV(arb(c), arb(c))


def hull(ivs: Sequence[IV]) -> IV:
    lo = _emin([v.lo for v in ivs])
    hi = _emax([v.hi for v in ivs])
    los = all(v.los for v in ivs if _eq(v.lo, lo))
    his = all(v.his for v in ivs if _eq(v.hi, hi))
    return IV(lo, hi, los, his)


# --------------------------------------------------------------------------
# arithmetic

def neg(a: IV) -> IV:
    return IV(-a.hi, -a.lo, a.his, a.los)


def add(a: IV, b: IV) -> IV:
    if not _fin(a.lo) or not _fin(b.lo):
        lo = NINF
    else:
        lo = _lower(a.lo + b.lo)
    if not _fin(a.hi) or not _fin(b.hi):
        hi = INF
    else:
        hi = _upper(a.hi + b.hi)
    return IV(lo, hi, a.los or b.los, a.his or b.his)


def sub(a: IV, b: IV) -> IV:
    return add(a, neg(b))


def _scale(c, b: IV) -> IV:
    """Multiply by an exact finite point c."""
    if c == 0:
        return IV(arb(0), arb(0))
    if c > 0:
        lo = _emul_lo(c, b.lo)
        hi = _emul_hi(c, b.hi)
        return IV(lo, hi, b.los, b.his)
    lo = _emul_lo(c, b.hi)
    hi = _emul_hi(c, b.lo)
    return IV(lo, hi, b.his, b.los)


def mul(a: IV, b: IV) -> IV:
    if a.is_point():
        return _scale(a.lo, b)
    if b.is_point():
        return _scale(b.lo, a)
    if a.le0() and not a.ge0():
        return neg(mul(neg(a), b))
    if b.le0() and not b.ge0():
        return neg(mul(a, neg(b)))
    if a.ge0() and b.ge0():
        lo = _emul_lo(a.lo, b.lo)
        hi = _emul_hi(a.hi, b.hi)
        z = arb(0)
        los = (a.los and b.los) or (a.los and _lt(z, b.lo)) or (b.los and _lt(z, a.lo))
        his = (a.his and b.his) or (a.his and _lt(z, b.hi)) or (b.his and _lt(z, a.hi))
        return IV(lo, hi, los, his)
    los_ = [_emul_lo(x, y) for x in (a.lo, a.hi) for y in (b.lo, b.hi)]
    his_ = [_emul_hi(x, y) for x in (a.lo, a.hi) for y in (b.lo, b.hi)]
    return IV(_emin(los_), _emax(his_))


def inv(a: IV) -> IV:
    z = arb(0)
    if _lt(z, a.lo) or (_eq(a.lo, z) and a.los):
        if not _fin(a.hi):
            lo, los = arb(0), True
        else:
            lo, los = _lower(1 / arb(a.hi)), a.his
        if _eq(a.lo, z):
            hi, his = INF, True
        else:
            hi, his = _upper(1 / arb(a.lo)), a.los
        return IV(lo, hi, los, his)
    if _lt(a.hi, z) or (_eq(a.hi, z) and a.his):
        return neg(inv(neg(a)))
    raise Undefined("division by an interval containing 0")


def div(a: IV, b: IV) -> IV:
    return mul(a, inv(b))


def powi(a: IV, n: int) -> IV:
    if n == 0:
        return iv_const(1)
    if n < 0:
        return inv(powi(a, -n))
    if n == 1:
        return a

    def pw_lo(e):
        if not _fin(e):
            return e if n % 2 else INF
        return _lower(arb(e) ** n)

    def pw_hi(e):
        if not _fin(e):
            return e if n % 2 else INF
        return _upper(arb(e) ** n)

    if n % 2 == 1 or a.ge0():
        return IV(pw_lo(a.lo), pw_hi(a.hi), a.los, a.his)
    if a.le0():
        return IV(pw_lo(a.hi), pw_hi(a.lo), a.his, a.los)
    m = _emax([neg(a).hi, a.hi])
    return IV(arb(0), pw_hi(m), False, False)


def _rpow_ball(x: arb, r: fmpq) -> arb:
    if x == 0:
        return arb(0)
    return arb(x) ** arb(r)


def powq(a: IV, r: fmpq) -> IV:
    """a**r for a non-integer rational r (principal real branch: a >= 0)."""
    z = arb(0)
    if not a.ge0():
        raise Undefined("non-integer power of a possibly negative number")
    if r > 0:
        lo = _lower(_rpow_ball(a.lo, r))
        hi = INF if not _fin(a.hi) else _upper(_rpow_ball(a.hi, r))
        return IV(lo, hi, a.los, a.his)
    if not (_lt(z, a.lo) or a.los):
        raise Undefined("negative power of an interval containing 0")
    lo = arb(0) if not _fin(a.hi) else _lower(_rpow_ball(a.hi, r))
    los = True if not _fin(a.hi) else a.his
    hi = INF if _eq(a.lo, z) else _upper(_rpow_ball(a.lo, r))
    return IV(lo, hi, los, a.los)


def iexp(a: IV) -> IV:
    lo = arb(0) if not _fin(a.lo) else _lower(arb(a.lo).exp())
    hi = INF if not _fin(a.hi) else _upper(arb(a.hi).exp())
    return IV(lo, hi, a.los, a.his)


def ilog(a: IV) -> IV:
    z = arb(0)
    if _lt(z, a.lo):
        lo = _lower(arb(a.lo).log())
    elif _eq(a.lo, z) and a.los:
        lo = NINF
    else:
        raise Undefined("log of an interval containing a non-positive number")
    hi = INF if not _fin(a.hi) else _upper(arb(a.hi).log())
    return IV(lo, hi, a.los, a.his)


def _m1e_upper():
    return _upper(-arb(-1).exp())  # upper end of -1/e


def ilambertw(a: IV, branch: int) -> IV:
    if not _le(_m1e_upper(), a.lo) or not _fin(a.lo):
        raise Undefined("LambertW argument may be < -1/e")
    if branch == 0:
        lo = _lower(arb(a.lo).lambertw())
        hi = INF if not _fin(a.hi) else _upper(arb(a.hi).lambertw())
        return IV(lo, hi, a.los, a.his)
    if branch == -1:
        z = arb(0)
        if _lt(a.hi, z):
            lo, los = _lower(arb(a.hi).lambertw(-1)), a.his
        elif _eq(a.hi, z) and a.his:
            lo, los = NINF, True
        else:
            raise Undefined("LambertW(., -1) argument may be >= 0")
        hi = _upper(arb(a.lo).lambertw(-1))
        return IV(lo, hi, los, a.los)
    raise Unsupported(f"LambertW branch {branch}")


def iabs(a: IV, st) -> IV:
    if a.ge0():
        return a
    if a.le0():
        return neg(a)
    st.nonsmooth = True
    return IV(arb(0), _emax([neg(a).hi, a.hi]))


def imax(vals: Sequence[IV], st) -> IV:
    lo = _emax([v.lo for v in vals])
    hi = _emax([v.hi for v in vals])
    los = any(v.los for v in vals if _eq(v.lo, lo))
    his = all(v.his for v in vals if _eq(v.hi, hi))
    # smooth iff one argument dominates all others
    if not any(all(_le(w.hi, v.lo) for w in vals if w is not v) for v in vals):
        st.nonsmooth = True
    return IV(lo, hi, los, his)


def imin(vals: Sequence[IV], st) -> IV:
    return neg(imax([neg(v) for v in vals], st))


def _ball_fn(name):
    def f(a: IV) -> IV:
        b = a.ball()
        r = getattr(b, name)()
        return IV.from_ball(r)
    return f


# --------------------------------------------------------------------------
# compilation of SymPy expressions

class EvalState:
    """Per-evaluation side information."""

    __slots__ = ("nonsmooth",)

    def __init__(self):
        self.nonsmooth = False


TRUE, FALSE, UNKNOWN = 1, 0, None

_BALL_FUNCS = {sp.sin: "sin", sp.cos: "cos", sp.atan: "atan", sp.tanh: "tanh", sp.tan: "tan", sp.cot: "cot",
               sp.sec: "sec", sp.csc: "csc",
               sp.sinh: "sinh", sp.cosh: "cosh", sp.erf: "erf"}


def rational_of(c) -> fmpq:
    """Exact rational value of a SymPy Rational/Integer/Float."""
    if isinstance(c, sp.Float):
        man, exp = _float_man_exp(c)
        if exp >= 0:
            return fmpq(man * 2 ** exp)
        return fmpq(man, 2 ** (-exp))
    c = sp.Rational(c)
    return fmpq(int(c.p), int(c.q))


def _float_man_exp(c: sp.Float):
    sign, man, exp, _bc = c._mpf_
    if man == 0 and exp != 0:
        raise Unsupported("non-finite Float constant")
    return (-int(man) if sign else int(man)), int(exp)


def compile_expr(expr: sp.Expr, symbols: Sequence[sp.Symbol]):
    """Compile ``expr`` into ``f(env: list[IV], st: EvalState) -> IV``."""
    index = {s: i for i, s in enumerate(symbols)}
    return _comp(sp.sympify(expr), index)


def _comp(e, index):  # noqa: C901 - a dispatcher
    if e.is_Symbol:
        if e not in index:
            raise Unsupported(f"free symbol {e} has no range in the box")
        i = index[e]
        return lambda env, st: env[i]
    if isinstance(e, (sp.Integer, sp.Rational, sp.Float)):
        q = rational_of(e)
        cache = {}

        def const(env, st):
            p = ctx.prec
            v = cache.get(p)
            if v is None:
                v = cache[p] = IV.from_ball(arb(q))
            return v
        return const
    if e is sp.pi or e is sp.E:
        getter = arb.pi if e is sp.pi else arb.const_e
        cache = {}

        def nconst(env, st):
            p = ctx.prec
            v = cache.get(p)
            if v is None:
                v = cache[p] = IV.from_ball(getter())
            return v
        return nconst
    if e.is_Add:
        fs = [_comp(a, index) for a in e.args]

        def fadd(env, st):
            acc = fs[0](env, st)
            for f in fs[1:]:
                acc = add(acc, f(env, st))
            return acc
        return fadd
    if e.is_Mul:
        num = []
        den = []
        for a in e.args:
            if a.is_Pow and a.exp.is_Integer and a.exp < 0:
                den.append(_comp(sp.Pow(a.base, -a.exp), index))
            else:
                num.append(_comp(a, index))

        def fmul(env, st):
            acc = num[0](env, st) if num else iv_const(1)
            for f in num[1:]:
                acc = mul(acc, f(env, st))
            if den:
                d = den[0](env, st)
                for f in den[1:]:
                    d = mul(d, f(env, st))
                acc = div(acc, d)
            return acc
        return fmul
    if e.is_Pow:
        base, ex = e.args
        if base is sp.E:
            fe = _comp(ex, index)
            return lambda env, st: iexp(fe(env, st))
        fb = _comp(base, index)
        if ex.is_Integer:
            n = int(ex)
            return lambda env, st: powi(fb(env, st), n)
        if ex.is_Rational:
            r = fmpq(int(ex.p), int(ex.q))
            return lambda env, st: powq(fb(env, st), r)
        fe = _comp(ex, index)

        def fpow(env, st):
            b = fb(env, st)
            return iexp(mul(fe(env, st), ilog(b)))
        return fpow
    if isinstance(e, sp.exp):
        fa = _comp(e.args[0], index)
        return lambda env, st: iexp(fa(env, st))
    if isinstance(e, sp.log):
        if len(e.args) != 1:
            raise Unsupported("log with base")
        fa = _comp(e.args[0], index)
        return lambda env, st: ilog(fa(env, st))
    if isinstance(e, sp.LambertW):
        fa = _comp(e.args[0], index)
        k = e.args[1] if len(e.args) > 1 else sp.Integer(0)
        if k not in (0, -1):
            raise Unsupported(f"LambertW branch {k} (only 0 and -1 are supported)")
        kb = int(k)
        return lambda env, st: ilambertw(fa(env, st), kb)
    if isinstance(e, sp.Abs):
        fa = _comp(e.args[0], index)
        return lambda env, st: iabs(fa(env, st), st)
    if isinstance(e, (sp.Max, sp.Min)):
        fs = [_comp(a, index) for a in e.args]
        op = imax if isinstance(e, sp.Max) else imin
        return lambda env, st: op([f(env, st) for f in fs], st)
    if isinstance(e, sp.Piecewise):
        branches = [(_comp(ex, index), _comp_cond(c, index)) for ex, c in e.args]
        narrowers = _branch_narrowers(e, index)

        def fpw(env, st):
            cands = []
            decided = True
            for j, (fe, fc) in enumerate(branches):
                t = fc(env, st)
                if t == FALSE:
                    continue
                if narrowers[j] is None:
                    cands.append(fe(env, st))
                else:
                    # evaluate the branch only where its selection can hold
                    env2 = narrowers[j](env)
                    if env2 is not None:
                        cands.append(fe(env2, st))
                if t == TRUE:
                    break
                decided = False
            else:
                # no branch was certainly selected: maybe undefined
                if decided or True:
                    raise Undefined("Piecewise has no applicable branch")
                raise Undefined("Piecewise may be undefined on part of the box")
            if not decided:
                st.nonsmooth = True
            if not cands:
                raise Undefined("Piecewise: no branch selectable on the box")
            return cands[0] if len(cands) == 1 else hull(cands)
        return fpw
    for fn, name in _BALL_FUNCS.items():
        if isinstance(e, fn):
            fa = _comp(e.args[0], index)
            g = _ball_fn(name)
            return lambda env, st, fa=fa, g=g: g(fa(env, st))
    if isinstance(e, sp.core.function.AppliedUndef):
        raise Unsupported(f"unknown function {e.func}")
    name = e.func.__name__ if hasattr(e, "func") else type(e).__name__
    raise Unsupported(f"unsupported function or object {name}")


def _linear_atom(rel, index):
    """For a relational ``lhs op rhs`` with lhs - rhs linear in the variables
    (numeric rational coefficients): (op, {var index: coeff}, const)."""
    d = sp.expand(rel.lhs - rel.rhs)
    syms = [s for s in d.free_symbols]
    if any(s not in index for s in syms):
        return None
    try:
        p = sp.Poly(d, *syms) if syms else None
    except sp.PolynomialError:
        return None
    if p is None or p.total_degree() != 1:
        return None
    coeffs = {}
    for s in syms:
        c = p.coeff_monomial(s)
        if not c.is_Rational:
            return None
        if c != 0:
            coeffs[index[s]] = fmpq(int(c.p), int(c.q))
    const = p.coeff_monomial(1)
    if not const.is_Rational:
        return None
    return rel.rel_op, coeffs, fmpq(int(const.p), int(const.q))


def _negate_op(op):
    return {"<": ">=", "<=": ">", ">": "<=", ">=": "<"}.get(op)


def _branch_narrowers(pw, index):
    """For branch j of a Piecewise, a function env -> narrowed env (or None
    when empty) implied by ``not c_1 and ... and not c_{j-1} and c_j`` where
    the conditions are single linear relations; None if not applicable."""
    out = []
    prev = []  # constraints (op, coeffs, const) from negated earlier conditions
    ok_prev = True
    for _e, c in pw.args:
        cons = None
        if isinstance(c, sp.core.relational.Relational) and c.rel_op in ("<", "<=", ">", ">="):
            cons = _linear_atom(c, index)
        mine = list(prev) + ([cons] if cons is not None else [])
        out.append(_make_narrower(mine) if (ok_prev and mine) else None)
        if cons is None:
            ok_prev = ok_prev and (c == True)  # noqa: E712
        else:
            prev.append((_negate_op(cons[0]), cons[1], cons[2]))
    return out


def _make_narrower(constraints):
    def narrow(env):
        env = list(env)
        for op, coeffs, const in constraints:
            # sum_k a_k x_k + const  op  0  -> bound each x_i
            for i, a in coeffs.items():
                rest = IV(arb(const).lower(), arb(const).upper())
                for k, b in coeffs.items():
                    if k != i:
                        rest = add(rest, _scale(arb(b), env[k]) if arb(b).is_exact()
                                   else mul(IV.from_ball(arb(b)), env[k]))
                # a*x_i op -rest  ->  x_i op' -rest/a
                bound = mul(neg(rest), inv(IV.from_ball(arb(a))))
                up = (op in ("<", "<=")) == (a > 0)   # x_i bounded above?
                x = env[i]
                if up:
                    hi, his = bound.hi, False
                    if not _fin(hi):
                        continue
                    if _lt(hi, x.hi) or (_eq(hi, x.hi)):
                        if _lt(hi, x.lo):
                            return None
                        env[i] = IV(x.lo, hi, x.los, his if not _eq(hi, x.hi) else x.his)
                else:
                    lo, los = bound.lo, False
                    if not _fin(lo):
                        continue
                    if _lt(x.lo, lo) or _eq(lo, x.lo):
                        if _lt(x.hi, lo):
                            return None
                        env[i] = IV(lo, x.hi, los if not _eq(lo, x.lo) else x.los, x.his)
        return env
    return narrow


def _comp_cond(c, index):
    if c is sp.true or c == True:  # noqa: E712
        return lambda env, st: TRUE
    if c is sp.false or c == False:  # noqa: E712
        return lambda env, st: FALSE
    if isinstance(c, sp.And):
        fs = [_comp_cond(a, index) for a in c.args]

        def fand(env, st):
            res = TRUE
            for f in fs:
                t = f(env, st)
                if t == FALSE:
                    return FALSE
                if t is UNKNOWN:
                    res = UNKNOWN
            return res
        return fand
    if isinstance(c, sp.Or):
        fs = [_comp_cond(a, index) for a in c.args]

        def for_(env, st):
            res = FALSE
            for f in fs:
                t = f(env, st)
                if t == TRUE:
                    return TRUE
                if t is UNKNOWN:
                    res = UNKNOWN
            return res
        return for_
    if isinstance(c, sp.Not):
        f = _comp_cond(c.args[0], index)

        def fnot(env, st):
            t = f(env, st)
            return UNKNOWN if t is UNKNOWN else (FALSE if t == TRUE else TRUE)
        return fnot
    if isinstance(c, sp.core.relational.Relational):
        fd = _comp(sp.Add(c.lhs, -c.rhs, evaluate=False), index)
        op = c.rel_op

        def frel(env, st):
            try:
                d = fd(env, st)
            except Undefined:
                return UNKNOWN
            if op == "<":
                return TRUE if d.lt0() else (FALSE if d.ge0() else UNKNOWN)
            if op == "<=":
                return TRUE if d.le0() else (FALSE if d.gt0() else UNKNOWN)
            if op == ">":
                return TRUE if d.gt0() else (FALSE if d.le0() else UNKNOWN)
            if op == ">=":
                return TRUE if d.ge0() else (FALSE if d.lt0() else UNKNOWN)
            if op == "==":
                if d.is_point() and d.lo == 0:
                    return TRUE
                return FALSE if (d.gt0() or d.lt0()) else UNKNOWN
            if op == "!=":
                if d.is_point() and d.lo == 0:
                    return FALSE
                return TRUE if (d.gt0() or d.lt0()) else UNKNOWN
            return UNKNOWN
        return frel
    raise Unsupported(f"unsupported Piecewise condition {c}")


def box_env(box, prec: int | None = None) -> list[IV]:
    """Intervals for a box given as [(lo, hi, lo_open, hi_open)] of fmpq."""
    env = []
    for lo, hi, lo_open, hi_open in box:
        bl = arb(lo)
        bh = arb(hi)
        env.append(IV(_lower(bl), _upper(bh), lo_open, hi_open))
    return env


def point_env(pt) -> list[IV]:
    return [IV.from_ball(arb(q)) for q in pt]
