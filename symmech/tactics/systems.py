"""Roots of systems: several symbols defined at once as the unique root of n equations in a box.

A :class:`DefinedSystem` is the many-symbol analogue of :class:`~symmech.tactics.scope.DefinedRoot`:
``(alpha, beta)`` is *the* root of ``f_1 = ... = f_n = 0`` in the open box
``lo_i(params) < x_i < hi_i(params)``.  A :class:`~symmech.tactics.scope.Scope` takes systems next to its
roots (``Scope(params, systems=(...))``).

What is computed and what is checked (see :mod:`symmech.claims.hints` for the hints a verdict rests on):

* **values** (:meth:`DefinedSystem.evaluate`): multidimensional Newton (``mpmath.findroot`` with
  the exact Jacobian) from the box's centre (then a grid of starts); the root must lie inside the
  open box; closed forms, when given, must agree with it.
* **exactly one root in the box at a parameter point** (:func:`root_count`): rigorous, in arb ball
  arithmetic (python-flint).  The Newton root is enclosed by an epsilon-inflated Krawczyk test
  (``K(X) = c - Y f(c) + (I - Y J(X))(X - c)`` inside the interior of ``X``: exactly one root in
  ``X``); the rest of the closed box is covered by bisection, every sub-box excluded because some
  ``f_i``'s enclosure omits 0, or because its Krawczyk image misses it, or lying inside the
  verified ``X``.  A second root is reported only when Krawczyk proves one in a sub-box disjoint from
  the first.  Sampled parameter points only: a finite computation, evidence for the other points.
* **for every parameter value** (symbolically, through the provers): when the author gives
  ``reduce`` -- all but one unknown solved exactly from one equation each
  (``beta = alpha exp((m - alpha)/alpha)`` from (5)) -- the system is one equation in the last
  unknown, and the single-root bracket check (a sign change at the box's ends and strict
  monotonicity inside) proves exactly one root in the box for all parameters; see
  :func:`symmech.claims.hints.system_hints` for the obligations.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

import mpmath
import sympy as sp
from flint import arb, arb_mat, fmpq

from symmech.tactics.certify.arb_eval import workprec
from symmech.kernel.errors import ScopeError
from symmech.kernel.verdict import SoundnessError


class NoRootError(ValueError):
    """Newton found no root of a system inside its box at a parameter point (the definition is wrong there,
    or the root is hard to find): the point is not evaluable; the "system root" hint says which."""


def _scope_error(msg: str) -> Exception:
    return ScopeError(msg)


def _pairs(obj, what: str) -> tuple:
    """A mapping or a sequence of pairs as a tuple of (Symbol, value) pairs."""
    if obj is None:
        return ()
    items = obj.items() if isinstance(obj, Mapping) else obj
    out = []
    for item in items:
        try:
            k, v = item
        except (TypeError, ValueError):
            raise _scope_error(f"{what}: expected (symbol, value) pairs, got {item!r}") from None
        out.append((k, v))
    return tuple(out)


@dataclass(frozen=True)
class DefinedSystem:
    """Symbols ``x_1..x_n`` defined as the unique root of ``equations == 0`` in an open ``box``.

    Parameters
    ==========
    symbols : sequence of Symbol
        The defined quantities (e.g. ``(alpha, beta)``); none may be a parameter.
    equations : sequence of Expr
        ``n`` expressions in the symbols and the scope's parameters whose common zero defines them.
    box : sequence of (Expr, Expr)
        For each symbol, the lower and upper end (expressions in the parameters) of the open
        interval; the box is their product and must hold exactly one root.
    closed_forms : mapping Symbol -> Expr, optional
        Explicit formulas; at every evaluation they must agree with Newton's root.
    images : mapping Symbol -> Interval, optional
        Constant ranges of the symbols; checked (the box lies inside for all parameters) and used by
        proofs only where the box cannot be (its ends use a parameter that an inverse eliminated).
    reduce : sequence of (Symbol, Expr, int), optional
        ``(x_j, r(x_rest), i)``: equation ``i`` solved exactly for ``x_j`` in terms of the symbols
        that are not reduced.  All but one symbol reduced gives the symbolic existence and
        uniqueness check for every parameter value (module doc).
    inverse : sequence of (Symbol, Expr, int), optional
        ``(param, h(symbols, other params), i)``: equation ``i`` solved for a parameter; enables
        exact elimination of that parameter in proofs (as ``DefinedRoot.inverse``).
    """

    symbols: tuple
    equations: tuple
    box: tuple
    closed_forms: tuple = ()
    images: tuple = ()
    reduce: tuple = ()
    inverse: tuple = ()
    _cache: dict = field(default_factory=dict, compare=False, repr=False, hash=False)

    def __post_init__(self) -> None:
        syms = tuple(self.symbols) if not isinstance(self.symbols, sp.Symbol) else (self.symbols,)
        if not syms:
            raise _scope_error("a system needs at least one symbol")
        for s in syms:
            if not isinstance(s, sp.Symbol):
                raise _scope_error(f"system symbol {s!r} is not a SymPy Symbol")
        if len(set(syms)) != len(syms):
            raise _scope_error(f"a symbol appears twice in the system {syms}")
        eqs = tuple(sp.sympify(e) for e in self.equations)
        if len(eqs) != len(syms):
            raise _scope_error(f"the system has {len(eqs)} equation(s) for {len(syms)} symbol(s) "
                               f"{', '.join(map(str, syms))}: give exactly one equation per symbol")
        box = tuple(self.box)
        if len(box) != len(syms):
            raise _scope_error(f"the box has {len(box)} interval(s) for {len(syms)} symbol(s)")
        ends = []
        for s, item in zip(syms, box):
            try:
                lo, hi = item
            except (TypeError, ValueError):
                raise _scope_error(f"box of {s}: expected (lo, hi), got {item!r}") from None
            lo, hi = sp.sympify(lo), sp.sympify(hi)
            if (lo.free_symbols | hi.free_symbols) & set(syms):
                raise _scope_error(f"box of {s} depends on the system's own symbols")
            if not (lo.is_finite is not False and hi.is_finite is not False) or lo.has(sp.oo, -sp.oo, sp.zoo) \
                    or hi.has(sp.oo, -sp.oo, sp.zoo):
                raise _scope_error(f"box of {s} must be bounded, got ({lo}, {hi})")
            if lo.is_number and hi.is_number and bool(sp.N(hi - lo, 30) <= 0):
                raise _scope_error(f"box of {s} is empty: ({lo}, {hi})")
            ends.append((lo, hi))
        closed = tuple((k, sp.sympify(v)) for k, v in _pairs(self.closed_forms, "closed_forms"))
        images = tuple((k, v) for k, v in _pairs(self.images, "images"))
        for k, v in images:
            if not isinstance(v, sp.Interval):
                raise _scope_error(f"image of {k} must be a SymPy Interval, got {v!r}")
        for k, _ in closed + images:
            if k not in syms:
                raise _scope_error(f"{k} is not a symbol of the system {syms}")
        reduce = self._triples(self.reduce, "reduce", eqs)
        inverse = self._triples(self.inverse, "inverse", eqs)
        red_syms = [k for k, _, _ in reduce]
        for k, r, _ in reduce:
            if k not in syms:
                raise _scope_error(f"reduce: {k} is not a symbol of the system")
            if r.free_symbols & set(red_syms):
                raise _scope_error(f"reduce: the expression for {k} must use only symbols that are not reduced")
        if len(set(red_syms)) != len(red_syms):
            raise _scope_error("reduce: a symbol is reduced twice")
        for k, h, _ in inverse:
            if k in syms:
                raise _scope_error(f"inverse: {k} is a symbol of the system, not a parameter")
        used = [i for _, _, i in reduce + inverse]
        if len(set(used)) != len(used):
            raise _scope_error("reduce/inverse: each equation may be solved only once")
        if len(reduce) >= len(syms):
            raise _scope_error("reduce: at least one symbol must stay unreduced")
        object.__setattr__(self, "symbols", syms)
        object.__setattr__(self, "equations", eqs)
        object.__setattr__(self, "box", tuple(ends))
        object.__setattr__(self, "closed_forms", closed)
        object.__setattr__(self, "images", images)
        object.__setattr__(self, "reduce", reduce)
        object.__setattr__(self, "inverse", inverse)

    @staticmethod
    def _triples(obj, what: str, eqs: tuple) -> tuple:
        out = []
        for item in obj or ():
            try:
                k, e, i = item
            except (TypeError, ValueError):
                raise _scope_error(f"{what}: expected (symbol, expression, equation index), got {item!r}") from None
            if not isinstance(k, sp.Symbol):
                raise _scope_error(f"{what}: {k!r} is not a SymPy Symbol")
            if not (isinstance(i, int) and 0 <= i < len(eqs)):
                raise _scope_error(f"{what}: equation index {i!r} out of range 0..{len(eqs) - 1}")
            out.append((k, sp.sympify(e), i))
        return tuple(out)

    # --- names ----------------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return "(" + ", ".join(map(str, self.symbols)) + ")"

    @property
    def free_parameters(self) -> set:
        """Symbols other than the system's own in its equations, box and hints."""
        out: set = set()
        for e in self.equations:
            out |= e.free_symbols
        for lo, hi in self.box:
            out |= lo.free_symbols | hi.free_symbols
        for _, e in self.closed_forms:
            out |= e.free_symbols
        for _, e, _ in self.reduce + self.inverse:
            out |= e.free_symbols
        out |= {k for k, _, _ in self.inverse}
        return out - set(self.symbols)

    def jacobian(self) -> sp.Matrix:
        """d(equations)/d(symbols), exactly."""
        if "jac" not in self._cache:
            self._cache["jac"] = sp.Matrix(self.equations).jacobian(self.symbols)
        return self._cache["jac"]

    # --- numbers ------------------------------------------------------------------------------------
    def evaluate(self, values: Mapping[sp.Symbol, sp.Expr], dps: int) -> dict[sp.Symbol, sp.Float]:
        """The root at parameter ``values`` to ``dps`` digits (Newton inside the box; closed forms must
        agree).  Raises NoRootError when no root inside the open box is found, SoundnessError when a closed
        form disagrees.  Uniqueness is not checked here (see :func:`root_count`)."""
        work = dps + 15
        syms = self.symbols
        eqs = [e.subs(values) for e in self.equations]
        left = set().union(*(e.free_symbols for e in eqs)) - set(syms)
        if left:
            raise _scope_error(f"system {self.name}: no value for {', '.join(sorted(map(str, left)))}")
        jac = self.jacobian().subs(values)
        f = sp.lambdify(syms, eqs, modules="mpmath")
        jf = sp.lambdify(syms, jac, modules="mpmath")
        with mpmath.workdps(work):
            lo = [mpmath.mpf(str(sp.N(a.subs(values), work))) for a, _ in self.box]
            hi = [mpmath.mpf(str(sp.N(b.subs(values), work))) for _, b in self.box]
            if any(b <= a for a, b in zip(lo, hi)):
                raise NoRootError(f"system {self.name}: empty box at {dict(values)}")
            root = _newton(f, jf, lo, hi, work)
            if root is None:
                raise NoRootError(f"system {self.name}: Newton found no root inside the box "
                                     f"{_fmt_box(lo, hi)} at {dict(values)}")
            out = dict(zip(syms, root))
            for sym, cf in self.closed_forms:
                closed = mpmath.mpf(str(sp.re(sp.N(cf.subs(values), work))))
                if abs(closed - out[sym]) > mpmath.mpf(10) ** (-(dps + 5)) * max(1, abs(out[sym])):
                    raise SoundnessError(f"closed form {sym} = {cf} = {closed} but Newton gives {out[sym]} "
                                         f"at {dict(values)}")
                out[sym] = closed
            return {s: sp.Float(mpmath.nstr(v, work), work) for s, v in out.items()}


def _fmt_box(lo, hi) -> str:
    return " x ".join(f"({mpmath.nstr(a, 8)}, {mpmath.nstr(b, 8)})" for a, b in zip(lo, hi))


def _newton(f, jf, lo, hi, work: int):
    """A root of ``f`` strictly inside the open box (lo, hi): damped Newton (backtracking on the residual,
    steps kept inside the box) from the centre, then from a grid of starts; None if none is found."""
    n = len(lo)
    grid = [mpmath.mpf(k) / 16 for k in (8, 4, 12, 1, 15, 2, 14)]
    starts = [[a + c * (b - a) for c, a, b in zip(combo, lo, hi)]
              for combo in itertools.product(grid[: 5 if n > 2 else 7], repeat=n)]
    for x0 in starts[: 200]:
        x = _damped(f, jf, x0, lo, hi, work)
        if x is not None:
            return x
    return None


def _vec(v, n: int) -> list:
    return [v] if n == 1 and not isinstance(v, (list, tuple, mpmath.matrix)) else [v[i] for i in range(n)]


def _damped(f, jf, x0, lo, hi, work: int):
    n = len(lo)
    tol = mpmath.mpf(10) ** (-(work - 3))
    x = list(x0)
    try:
        fx = _vec(f(*x), n)
        norm = mpmath.norm(mpmath.matrix(fx))
        for _ in range(60 + 4 * work):
            J = jf(*x)
            J = mpmath.matrix([[J]]) if n == 1 and not isinstance(J, mpmath.matrix) else mpmath.matrix(J)
            step = mpmath.lu_solve(J, mpmath.matrix(fx))
            t = mpmath.mpf(1)
            while True:
                xn = [x[i] - t * step[i] for i in range(n)]
                if all(a < v < b for v, a, b in zip(xn, lo, hi)):
                    fn = _vec(f(*xn), n)
                    nn = mpmath.norm(mpmath.matrix(fn))
                    if nn < (1 - t / 4) * norm or nn == 0:
                        break
                t /= 2
                if t < mpmath.mpf(10) ** -12:
                    return None
            done = mpmath.norm(mpmath.matrix([t * step[i] for i in range(n)])) <= tol * (1 + mpmath.norm(mpmath.matrix(xn)))
            x, fx, norm = xn, fn, nn
            if done or norm == 0:
                break
        else:
            return None
    except (ValueError, ZeroDivisionError, TypeError, OverflowError):
        return None
    if any(mpmath.im(v) != 0 for v in x):
        return None
    scale = 1 + mpmath.norm(mpmath.matrix(x))
    if norm > mpmath.mpf(10) ** (-(work // 2)) * scale:
        return None
    return [mpmath.re(v) for v in x]


# ------------------------------------------------------------------------------------------------
# arb ball arithmetic
# ------------------------------------------------------------------------------------------------
class Unsupported(ValueError):
    """An expression the arb evaluator does not handle."""


def compile_arb(expr: sp.Expr, syms: Sequence[sp.Symbol]) -> Callable:
    """``expr`` as a function of arb balls for ``syms`` returning an arb ball that encloses every
    value of ``expr`` over the balls (a nan/infinite ball where it may be undefined)."""
    index = {s: i for i, s in enumerate(syms)}

    def comp(e):
        if e in index:
            i = index[e]
            return lambda env: env[i]
        if e.is_Integer:
            v = int(e)
            return lambda env: arb(v)
        if e.is_Rational:
            q = fmpq(int(e.p), int(e.q))
            return lambda env: arb(q)
        if e.is_Float:
            r = sp.Rational(e)              # the float's exact binary value
            q = fmpq(int(r.p), int(r.q))
            return lambda env: arb(q)
        if e is sp.E:
            return lambda env: arb.const_e()
        if e is sp.pi:
            return lambda env: arb.pi()
        if e.is_Add:
            parts = [comp(a) for a in e.args]

            def add(env):
                s = parts[0](env)
                for p in parts[1:]:
                    s = s + p(env)
                return s
            return add
        if e.is_Mul:
            parts = [comp(a) for a in e.args]

            def mul(env):
                s = parts[0](env)
                for p in parts[1:]:
                    s = s * p(env)
                return s
            return mul
        if e.is_Pow:
            base, ex = comp(e.base), e.exp
            if ex.is_Integer:
                n = int(ex)
                if n >= 0:
                    return lambda env: base(env) ** n
                return lambda env: 1 / base(env) ** (-n)
            if ex == sp.Rational(1, 2):
                return lambda env: base(env).sqrt()
            if ex == -sp.Rational(1, 2):
                return lambda env: 1 / base(env).sqrt()
            exf = comp(ex)
            return lambda env: (exf(env) * base(env).log()).exp()
        if isinstance(e, sp.exp):
            a = comp(e.args[0])
            return lambda env: a(env).exp()
        if isinstance(e, sp.log) and len(e.args) == 1:
            a = comp(e.args[0])
            return lambda env: a(env).log()
        if isinstance(e, sp.Abs):
            a = comp(e.args[0])
            return lambda env: abs(a(env))
        raise Unsupported(f"the arb evaluator does not handle {type(e).__name__}: {e}")

    return comp(sp.sympify(expr))


def _finite(b) -> bool:
    return b.is_finite() and not b.is_nan()


@dataclass
class RootCount:
    """The outcome of :func:`root_count` at one parameter point.

    ``status``: ``"one"`` (exactly one root in the open box, rigorously), ``"none"`` (rigorously no
    root in the closed box), ``"several"`` (at least two roots in the open box, each proved by
    Krawczyk) or ``"unknown"``; ``enclosures``: for each root found, per symbol (lo, hi) as exact
    rationals enclosing it; ``detail``: how it was shown.
    """

    status: str
    enclosures: list = field(default_factory=list)
    detail: str = ""
    boxes: int = 0


def root_count(system: DefinedSystem, point: Mapping[sp.Symbol, sp.Expr], *, prec: int = 160,
               max_boxes: int = 20000) -> RootCount:
    """Rigorously count the roots of ``system`` in its box at the exact parameter ``point`` (module doc)."""
    syms = list(system.symbols)
    n = len(syms)
    params = sorted(system.free_parameters, key=str)
    missing = [p for p in params if p not in point]
    if missing:
        raise _scope_error(f"system {system.name}: the point gives no value for {', '.join(map(str, missing))}")
    allsyms = syms + params
    try:
        fs = [compile_arb(e, allsyms) for e in system.equations]
        js = [[compile_arb(system.jacobian()[i, j], allsyms) for j in range(n)] for i in range(n)]
        ends = [(compile_arb(lo, params), compile_arb(hi, params)) for lo, hi in system.box]
    except Unsupported as exc:
        return RootCount("unknown", detail=str(exc))
    with workprec(prec):
        penv = [_exact_ball(point[p]) for p in params]
        lo_b = [lo(penv) for lo, _ in ends]
        hi_b = [hi(penv) for _, hi in ends]
        if not all(_finite(b) for b in lo_b + hi_b):
            return RootCount("unknown", detail="the box's ends are not finite at this point")
        outer = [arb(a.lower()).union(arb(b.upper())) for a, b in zip(lo_b, hi_b)]   # the closed box, widened
        if not all((b.upper() > a.lower()) for a, b in zip(lo_b, hi_b)):
            return RootCount("unknown", detail="empty box at this point")

        def F(X):
            env = list(X) + penv
            return [f(env) for f in fs]

        def J(X):
            env = list(X) + penv
            return [[j(env) for j in row] for row in js]

        def krawczyk(X, c):
            """K(X) for the box X (balls) and the centre c (exact balls), or None if not evaluable."""
            Jc = J(c)
            try:
                mid = mpmath.matrix([[_mid_mpf(v) for v in row] for row in Jc])
                with mpmath.workdps(max(30, prec // 3)):
                    Ym = mpmath.inverse(mid)
            except (ZeroDivisionError, ValueError):
                return None
            Y = arb_mat([[arb(mpmath.nstr(Ym[i, k], max(20, prec // 4))) for k in range(n)] for i in range(n)])
            Fc = F(c)
            JX = J(X)
            if not all(_finite(v) for v in Fc) or not all(_finite(v) for row in JX for v in row):
                return None
            M = arb_mat(n, n, [(1 if i == k else 0) for i in range(n) for k in range(n)]) - Y * arb_mat(JX)
            d = arb_mat(n, 1, [X[i] - c[i] for i in range(n)])
            K = arb_mat(n, 1, [c[i] for i in range(n)]) - Y * arb_mat(n, 1, Fc) + M * d
            return [K[i, 0] for i in range(n)]

        # 1. Newton in floating point, then an epsilon-inflated Krawczyk box around its root
        known = None       # (X0 uniqueness box, K enclosure)
        with mpmath.workdps(prec // 3):
            lo_m = [_mid_mpf(b) for b in lo_b]
            hi_m = [_mid_mpf(b) for b in hi_b]
            f_m = sp.lambdify(allsyms, list(system.equations), modules="mpmath")
            j_m = sp.lambdify(allsyms, system.jacobian(), modules="mpmath")
            pvals = [mpmath.mpf(sp.Rational(point[p]).p) / sp.Rational(point[p]).q
                     if sp.sympify(point[p]).is_Rational else mpmath.mpf(str(sp.N(point[p], prec // 3)))
                     for p in params]
            guess = _newton(lambda *xs: f_m(*xs, *pvals), lambda *xs: j_m(*xs, *pvals), lo_m, hi_m, prec // 3)
        if guess is not None:
            c = [arb(mpmath.nstr(v, prec // 3)) for v in guess]
            c = [arb(v.mid()) for v in c]
            for eps in (10 ** -(prec // 5), 10 ** -(prec // 8), 1e-12, 1e-8, 1e-5, 1e-3):
                X0 = [arb(ci.mid(), arb(eps) * (1 + abs(ci))) for ci in c]
                K = krawczyk(X0, c)
                if K is not None and all(x.contains_interior(k) for x, k in zip(X0, K)):
                    known = (X0, K)
                    break
        if known is not None:
            X0, K = known
            inside = all(k.lower() > a.upper() and k.upper() < b.lower() for k, a, b in zip(K, lo_b, hi_b))
            if not inside:
                return RootCount("unknown", enclosures=[_enclosure(K)],
                                 detail="the root found lies on or next to the box's boundary")
        roots = [] if known is None else [known[1]]
        # 2. cover the rest of the closed box
        stack = [outer]
        boxes = 0
        while stack:
            B = stack.pop()
            boxes += 1
            if boxes > max_boxes:
                return RootCount("unknown", enclosures=[_enclosure(r) for r in roots], boxes=boxes,
                                 detail=f"not resolved within {max_boxes} sub-boxes")
            if known is not None and all(x.contains(b) for x, b in zip(known[0], B)):
                continue                      # inside the Krawczyk box: at most the one root
            vals = F(B)
            if any(_finite(v) and not v.contains(0) for v in vals):
                continue                      # some f_i has no zero on B
            widths = [b.rad() for b in B]
            if all(_finite(v) for v in vals):
                c = [arb(b.mid()) for b in B]
                K = krawczyk(B, c)
                if K is not None:
                    if any(not k.overlaps(b) for k, b in zip(K, B)):
                        continue              # no root in B
                    if all(b.contains_interior(k) for k, b in zip(K, B)):
                        # exactly one root in B (in K): a known one, or a new one when disjoint from all known
                        if any(all(k2.contains(k) for k2, k in zip(r, K)) for r in roots):
                            continue
                        if all(any(not k2.overlaps(k) for k2, k in zip(r, K)) for r in roots):
                            strictly = all(k.lower() > a.upper() and k.upper() < b.lower()
                                           for k, a, b in zip(K, lo_b, hi_b))
                            if not strictly:
                                return RootCount("unknown", enclosures=[_enclosure(r) for r in roots + [K]],
                                                 boxes=boxes, detail="a root on or next to the box's boundary")
                            roots.append(K)
                            continue
            # bisect the widest side
            i = max(range(n), key=lambda k: widths[k])
            if not widths[i] > 0:
                return RootCount("unknown", enclosures=[_enclosure(r) for r in roots], boxes=boxes,
                                 detail="a sub-box shrank to a point without being resolved")
            mid = arb(B[i].mid())
            left, right = list(B), list(B)
            left[i] = arb(B[i].lower()).union(mid)
            right[i] = mid.union(arb(B[i].upper()))
            stack.extend((left, right))
        encl = [_enclosure(r) for r in roots]
        if not roots:
            return RootCount("none", boxes=boxes, detail=f"every one of {boxes} sub-boxes excluded (arb)")
        if len(roots) == 1:
            return RootCount("one", encl, boxes=boxes,
                             detail=f"Krawczyk box around the Newton root; {boxes} sub-boxes of the rest excluded (arb)")
        return RootCount("several", encl, boxes=boxes,
                         detail=f"{len(roots)} disjoint Krawczyk-verified roots in the box")


def _exact_ball(v):
    v = sp.sympify(v)
    if v.is_Rational:
        return arb(fmpq(int(v.p), int(v.q)))
    r = compile_arb(v, [])
    return r([])


def _mid_mpf(b):
    """The ball's midpoint as an mpmath number (exact when the working precision allows)."""
    man, exp = b.mid().man_exp()
    return mpmath.ldexp(mpmath.mpf(int(man)), int(exp))


def _enclosure(balls) -> list[tuple[sp.Rational, sp.Rational]]:
    """Exact rational (lo, hi) per ball (outward)."""
    out = []
    for b in balls:
        lo, hi = b.lower(), b.upper()
        out.append((_arb_rational(lo, down=True), _arb_rational(hi, down=False)))
    return out


def _arb_rational(x, down: bool) -> sp.Rational:
    """An exact rational at or beyond the (exact) arb number ``x`` (lower/upper of a ball are exact)."""
    man, exp = x.mid().man_exp()
    return sp.Rational(int(man)) * sp.Rational(2) ** int(exp)


def eliminate_systems(scope, out: sp.Expr, domains: dict, fixed: Mapping) -> sp.Expr:
    """``out`` with the systems' symbols rewritten for an exact proof (called by ``Scope.eliminate``).

    Only through a system whose root, reduce and inverse hints are proved or certified: reduced symbols
    are replaced by their solved forms, parameters with a checked inverse by it (an interval parameter
    only), and each remaining symbol ranges over its open box (``x = lo + u (hi - lo)``, ``u`` in
    (0, 1)), or over its rigorous enclosure when every parameter is fixed.  A claim proved for every
    such value holds at the root, which lies there.  Otherwise the symbols stay opaque.
    """
    # the hints are checked by :func:`symmech.claims.hints.system_hints` before any claim over the system is proved
    # (claims call it first); a system whose hints are not checked yet stays opaque
    table = scope.__dict__.get("_system_hints", {})
    allowed = scope.__dict__.get("_system_allowed", set())
    enclosures = scope.__dict__.get("_system_enclosure", {})
    for j, system in enumerate(scope.systems):
        mine = set(system.symbols)
        if not (mine & out.free_symbols):
            continue
        if j in enclosures and j in scope.__dict__.get("_system_root_ok", set()):
            # every parameter fixed and exactly one root certified: its rigorous enclosure
            for x, (lo, hi) in zip(system.symbols, enclosures[j]):
                if x in out.free_symbols:
                    domains[x] = sp.Interval(lo, hi)
            continue
        if j not in allowed or j not in table:
            for x in system.symbols:
                if x in out.free_symbols:
                    domains.setdefault(x, sp.Interval(-sp.oo, sp.oo))
            continue
        red = {x: r.subs(fixed) for x, r, _ in system.reduce}
        out = out.subs(red)
        for p, h, _ in system.inverse:
            if isinstance(scope.parameters.get(p), sp.Interval) and p in domains:
                out = out.subs(p, h.subs(red).subs(fixed))
                domains.pop(p, None)
        for x, (lo, hi) in zip(system.symbols, system.box):
            if x in red or x not in out.free_symbols:
                continue
            lo, hi = lo.subs(fixed), hi.subs(fixed)
            if not (lo.free_symbols | hi.free_symbols) <= set(domains):
                # the box's ends use a parameter eliminated above: range over the checked image, if any
                img = dict(system.images).get(x)
                ok = any(h.kind == "system image" and h.subject == str(x) and h.checked for h in table[j])
                domains[x] = img if img is not None and ok else sp.Interval(-sp.oo, sp.oo)
                if img is not None and ok:
                    scope.__dict__.setdefault("_system_image_used", set()).add((j, str(x)))
                continue
            u = sp.Dummy(f"u_{x}", positive=True)
            out = out.subs(x, lo + u * (hi - lo))
            domains[u] = sp.Interval.open(0, 1)
    return out
