"""Branch and bound over boxes with rigorous arb enclosures.

A *box* is a tuple of ``(lo, hi, lo_open, hi_open)`` per variable with exact
``fmpq`` endpoints.  :class:`Problem` holds the compiled claim (and lazily its
gradient and Hessian); :func:`prove_box` tries, in order, the natural
interval extension, monotonicity reduction to faces, the mean-value form
(centred, and anchored at exact zeros of f), and a second-order Taylor form
anchored at exact zeros ("touching points").  Every successful test yields a
:class:`~symmech.tactics.certify.certificate.BoxProof` that
:func:`replay_proof` re-derives from scratch (this is what ``recheck`` uses).

Length: about 770 lines: the four box tests (natural extension, monotone faces, mean value, Taylor at
touching points) and the replay that re-derives each of their proofs must stay together, test by test.
"""
from __future__ import annotations

import itertools
import math
import random
from fractions import Fraction
from typing import Sequence

import sympy as sp
from flint import arb, fmpq

from symmech.tactics.budget import within_budget
from symmech.kernel.floats import exact_floats  # noqa: F401 - re-exported

from symmech.tactics.certify.arb_eval import (
    IV,
    EvalState,
    Undefined,
    Unsupported,
    _emin,
    _fin,
    add,
    compile_expr,
    div,
    iabs,
    mul,
    neg,
    point_env,
    powi,
    sub,
    workprec,
)
from symmech.tactics.certify.certificate import BoxProof

Box = tuple  # tuple[tuple[fmpq, fmpq, bool, bool], ...]


# --------------------------------------------------------------------------
# preprocessing

def _clearly_nonzero(w: sp.Expr) -> bool:
    """True when ``w`` is visibly nonzero at a fixed rational point (30-digit
    evalf, |value| > 1e-8).  Only used to skip ``simplify``: a wrong True here
    can only lose an identity proof, never make one."""
    try:
        syms = sorted(w.free_symbols, key=str)
        pt = {s: sp.Rational(37 + 11 * i, 101 + 3 * i) for i, s in enumerate(syms)}
        val = sp.N(w.subs(pt), 30)
        return bool(val.is_real and val.is_finite and abs(val) > sp.Rational(1, 10**8))
    except Exception:
        return False


#: seconds of SymPy ``simplify`` a zero test may take before it answers "not shown zero"
ZERO_TEST_SECONDS = 2.0


def is_sym_zero(v: sp.Expr, max_ops: int = 150) -> bool:
    """True only if SymPy reduces ``v`` to exactly 0."""
    if v == 0:
        return True
    if v.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        return False
    try:
        if sp.count_ops(v) > max_ops:
            return False
        w = sp.cancel(sp.expand(v))
        if w == 0:
            return True
        if _clearly_nonzero(w):   # skip simplify; returning False is always safe
            return False
        # under a budget: simplify of a log of a long rational can run for minutes; False is always safe
        return bool(within_budget(lambda: sp.simplify(w) == 0, ZERO_TEST_SECONDS))
    except Exception:  # pragma: no cover - SymPy internals
        return False


def preprocess(expr: sp.Expr) -> sp.Expr:
    """Exact floats; Piecewise folded to the top with identically-0 branches
    replaced by the literal 0 (avoids the dependency problem there)."""
    expr = exact_floats(sp.sympify(expr))
    if expr.has(sp.Piecewise):
        folded = sp.piecewise_fold(expr)
        if isinstance(folded, sp.Piecewise):
            args = []
            for e, c in folded.args:
                if e != 0 and is_sym_zero(e, 80):
                    e = sp.Integer(0)
                args.append((e, c))
            folded = sp.Piecewise(*args, evaluate=False) if args else folded
        expr = folded
    return expr


def smooth_rewrite(expr: sp.Expr) -> sp.Expr:
    """Abs/Min/Max as Piecewise (so that diff gives one-sided derivatives)."""
    def rw_abs(e):
        u = e.args[0]
        return sp.Piecewise((u, u >= 0), (-u, True))

    def rw_mm(e):
        args = list(e.args)
        ge = (lambda a, b: a >= b) if isinstance(e, sp.Max) else (lambda a, b: a <= b)
        out = args[-1]
        for a in reversed(args[:-1]):
            out = sp.Piecewise((a, ge(a, out)), (out, True))
        return out

    expr = expr.replace(lambda e: isinstance(e, sp.Abs), rw_abs)
    expr = expr.replace(lambda e: isinstance(e, (sp.Max, sp.Min)), rw_mm)
    return expr


def _linear_solution(d: sp.Expr, symbols):
    """(v, value) with d == 0 <=> v == value, for d linear in v with a
    nonzero numeric coefficient; None otherwise."""
    for v in symbols:
        if not d.has(v):
            continue
        try:
            p = sp.Poly(d, v)
        except Exception:
            continue
        if p.degree() != 1:
            continue
        a, b = p.all_coeffs()
        if a.is_number and a != 0 and not b.has(v):
            return v, -b / a
    return None


def is_continuous(expr: sp.Expr, symbols) -> bool:
    """Sufficient check that every Piecewise in ``expr`` is continuous.

    For each branch i and every relational atom r of its condition, the
    branch must agree with the remaining Piecewise on the zero set of
    ``r.lhs - r.rhs`` (proved by substitution + simplification).  Only atoms
    linear in some variable with a numeric coefficient are accepted.
    """
    for pw in expr.atoms(sp.Piecewise):
        args = list(pw.args)
        for i, (e, c) in enumerate(args):
            if c == True:  # noqa: E712
                break
            if i == len(args) - 1:
                return False  # undefined outside the last condition
            rest = sp.Piecewise(*args[i + 1:])
            atoms = [c] if isinstance(c, sp.core.relational.Relational) else list(
                c.atoms(sp.core.relational.Relational))
            if not atoms and not isinstance(c, sp.logic.boolalg.BooleanAtom):
                return False
            for r in atoms:
                if isinstance(r, (sp.Eq, sp.Ne)):
                    return False
                sol = _linear_solution(sp.expand(r.lhs - r.rhs), symbols)
                if sol is None:
                    return False
                v, val = sol
                diff = sp.piecewise_fold((e - rest).subs(v, val))
                if isinstance(diff, sp.Piecewise):
                    if not all(is_sym_zero(b) for b, _ in diff.args):
                        return False
                elif not is_sym_zero(diff):
                    return False
    return True


def _tidy(g: sp.Expr) -> sp.Expr:
    """Rational normalisation of a derivative (fewer repeated occurrences of
    a variable -> tighter enclosures).  Only for Piecewise-free terms."""
    if g.has(sp.Piecewise) or g == 0 or not g.is_rational_function():
        return g
    try:
        if sp.count_ops(g) > 150:
            return g
        h = sp.factor(sp.cancel(sp.together(g)))
        if sp.count_ops(h) <= 2 * sp.count_ops(g) + 4:
            return h
    except Exception:
        pass
    return g


# --------------------------------------------------------------------------

class Problem:
    """A compiled claim ``f rel 0`` over named variables."""

    MAX_DERIV_OPS = 4000

    def __init__(self, expr: sp.Expr, symbols: Sequence[sp.Symbol]):
        self.symbols = tuple(symbols)
        self.original = sp.sympify(expr)
        self.expr = preprocess(self.original)
        self.f = compile_expr(self.expr, self.symbols)   # may raise Unsupported
        self.continuous = is_continuous(self.expr, self.symbols)
        self._grad = None
        self._grad_exprs = None
        self._hess = None
        self._hess_exprs = None
        self._anchor_cache: dict = {}

    # derivatives (lazy) --------------------------------------------------
    def grad_exprs(self):
        if self._grad_exprs is None:
            try:
                sm = smooth_rewrite(self.expr)
                self._grad_exprs = [_tidy(sp.diff(sm, s)) for s in self.symbols]
            except Exception:
                self._grad_exprs = []
        return self._grad_exprs

    def grad(self):
        if self._grad is None:
            try:
                ge = self.grad_exprs()
                if not ge or sum(sp.count_ops(g) for g in ge) > self.MAX_DERIV_OPS:
                    self._grad = []
                else:
                    self._grad = [compile_expr(g, self.symbols) for g in ge]
            except (Unsupported, Exception):
                self._grad = []
        return self._grad

    def hess(self):
        if self._hess is None:
            try:
                ge = self.grad_exprs()
                n = len(self.symbols)
                if not ge:
                    raise Unsupported("no gradient")
                H = [[None] * n for _ in range(n)]
                for i in range(n):
                    for j in range(i, n):
                        H[i][j] = H[j][i] = _tidy(sp.diff(ge[i], self.symbols[j]))
                self._hess_exprs = H
                if sum(sp.count_ops(h) for row in H for h in row) > 2 * self.MAX_DERIV_OPS:
                    raise Unsupported("Hessian too large")
                comp = {}
                self._hess = [[None] * n for _ in range(n)]
                for i in range(n):
                    for j in range(i, n):
                        comp[(i, j)] = compile_expr(H[i][j], self.symbols)
                        self._hess[i][j] = self._hess[j][i] = comp[(i, j)]
            except Exception:
                self._hess = []
        return self._hess

    # evaluation -----------------------------------------------------------
    def ev(self, fc, env):
        st = EvalState()
        try:
            return fc(env, st), st.nonsmooth
        except (Undefined, ZeroDivisionError, ValueError, ArithmeticError):
            return None, True

    def at_point(self, pt, prec):
        with workprec(prec):
            return self.ev(self.f, point_env(pt))[0]

    def anchor_values(self, a: tuple, prec: int):
        """(f(a), grad f(a)) with exact zeros recognised symbolically."""
        key = (a, prec)
        if key in self._anchor_cache:
            return self._anchor_cache[key]
        sub_ = {s: sp.Rational(int(q.p), int(q.q)) for s, q in zip(self.symbols, a)}
        with workprec(prec):
            env = point_env(a)
            fa, _ = self.ev(self.f, env)
            if fa is not None and fa.contains0() and not fa.is_point():
                try:
                    if is_sym_zero(self.expr.subs(sub_)):
                        fa = IV(arb(0), arb(0))
                except Exception:
                    pass
            ga = []
            for k, gc in enumerate(self.grad()):
                g, _ = self.ev(gc, env)
                if g is not None and g.contains0() and not g.is_point():
                    try:
                        if is_sym_zero(self.grad_exprs()[k].subs(sub_)):
                            g = IV(arb(0), arb(0))
                    except Exception:
                        pass
                ga.append(g)
        self._anchor_cache[key] = (fa, ga)
        return fa, ga


# --------------------------------------------------------------------------
# box helpers

def box_env(box: Box):
    env = []
    for lo, hi, lo_open, hi_open in box:
        env.append(IV(arb(lo).lower(), arb(hi).upper(), lo_open, hi_open))
    return env


def interior_env(box: Box):
    """Intervals of the box interior (all faces strict).  Derivative bounds on
    the interior suffice for monotonicity / mean-value arguments because f is
    required to be defined, hence continuous, on the box itself."""
    env = []
    for lo, hi, _, _ in box:
        if lo == hi:
            env.append(IV.from_ball(arb(lo)))
        else:
            env.append(IV(arb(lo).lower(), arb(hi).upper(), True, True))
    return env


def _iv_q(lo: fmpq, hi: fmpq, los=False, his=False) -> IV:
    return IV(arb(lo).lower(), arb(hi).upper(), los, his)


def center(box: Box) -> tuple:
    return tuple((lo + hi) / 2 for lo, hi, _, _ in box)


def in_box(pt, box: Box) -> bool:
    for q, (lo, hi, lo_open, hi_open) in zip(pt, box):
        if q < lo or q > hi or (lo_open and q == lo) or (hi_open and q == hi):
            return False
    return True


def in_closure(pt, box: Box) -> bool:
    return all(lo <= q <= hi for q, (lo, hi, _, _) in zip(pt, box))


def fix_face(box: Box, i: int, side: str) -> Box:
    lo, hi, _, _ = box[i]
    v = lo if side == "lo" else hi
    b = list(box)
    b[i] = (v, v, False, False)
    return tuple(b)


def goal_ok(L: IV | None, relation: str, strict_extra: bool = False) -> bool:
    if L is None:
        return False
    if relation == ">=":
        return L.ge0()
    return L.gt0() or (strict_extra and L.ge0())


def bad(F: IV | None, relation: str) -> bool:
    """F certainly violates the claim."""
    if F is None:
        return False
    if relation == ">=":
        return F.lt0()
    if relation == ">":
        return F.le0()
    return F.gt0() or F.lt0()


def _lower_str(L: IV) -> str:
    if not _fin(L.lo):
        return "-oo"
    m, e = L.lo.mid().man_exp()
    q = Fraction(int(m)) * (Fraction(2) ** int(e))
    return str(q)


# --------------------------------------------------------------------------
# the box tests (shared by certify and recheck)

def _mv_form(prob: Problem, box: Box, c: tuple, fc: IV, G: list) -> IV | None:
    T = fc
    for (lo, hi, lo_open, hi_open), ci, g in zip(box, c, G):
        if lo == hi and lo == ci:
            continue
        h = _iv_q(lo - ci, hi - ci, lo_open, hi_open)
        T = add(T, mul(g, h))
    return T


def _quad_min(g: IV, d: IV, l: fmpq, u: fmpq) -> IV:
    """Lower bound (as IV) of min over h in [l,u] of g*h + d*h^2/2 for all
    g in the interval g and using the lower end of d."""
    dl = IV(d.lo, d.lo)
    half = IV(arb(0.5), arb(0.5))
    cands = []
    z = fmpq(0)
    parts = []
    if l < z:
        parts.append((l, min(u, z), IV(g.hi, g.hi)))   # h <= 0: g*h >= g_hi*h
    if u > z:
        parts.append((max(l, z), u, IV(g.lo, g.lo)))   # h >= 0: g*h >= g_lo*h
    if l <= z <= u:
        cands.append(IV(arb(0), arb(0)))
    for a, b, gg in parts:
        for h in (a, b):
            hv = _iv_q(h, h)
            cands.append(add(mul(gg, hv), mul(half, mul(dl, mul(hv, hv)))))
        if dl.gt0():
            # vertex value -g^2/(2 d) (a lower bound whether or not inside)
            cands.append(neg(div(mul(half, powi(gg, 2)), dl)))
    lo = _emin([c.lo for c in cands])
    return IV(lo, lo)


def _taylor2(prob: Problem, box: Box, a: tuple, prec: int):
    try:
        return _taylor2_(prob, box, a, prec)
    except (Undefined, ArithmeticError, ValueError):
        return None


def _taylor2_(prob: Problem, box: Box, a: tuple, prec: int):
    H = prob.hess()
    if not H:
        return None
    fa, ga = prob.anchor_values(a, prec)
    if fa is None or any(g is None for g in ga) or len(ga) != len(box):
        return None
    env = box_env(box)
    F, ns = prob.ev(prob.f, env)
    if F is None or ns:
        return None      # f must be C^2 on the box: no undecided branch
    for g in prob.grad():
        if prob.ev(g, env)[1]:
            return None
    n = len(box)
    Hv = [[None] * n for _ in range(n)]
    for i in range(n):
        for j in range(i, n):
            v, ns = prob.ev(H[i][j], env)
            if v is None or ns:
                return None
            Hv[i][j] = Hv[j][i] = v
    total = fa
    for i, ((lo, hi, _, _), ai) in enumerate(zip(box, a)):
        if lo == hi:
            continue
        d = Hv[i][i]
        for j in range(n):
            if j != i and box[j][0] != box[j][1]:
                d = sub(d, iabs(Hv[i][j], EvalState()))
        if not _fin(d.lo):
            return None
        g = ga[i]
        if g.is_point() and g.lo == 0 and d.ge0():
            continue  # contributes >= 0 exactly
        total = add(total, _quad_min(g, d, lo - ai, hi - ai))
    return total


def prove_box(prob: Problem, box: Box, relation: str, prec: int,
              anchors: Sequence[tuple] = ()):
    """See :func:`_prove_box`; arithmetic failures mean 'no proof'."""
    try:
        return _prove_box(prob, box, relation, prec, anchors)
    except (Undefined, ArithmeticError, ValueError, TypeError):
        return None, None, None


def _prove_box(prob: Problem, box: Box, relation: str, prec: int,
               anchors: Sequence[tuple] = ()):
    """Try to prove ``f rel 0`` on ``box``.

    Returns ``(proof, F, G)``: proof is a BoxProof or None; F the natural
    enclosure (or None); G the gradient enclosure (or None)."""
    with workprec(prec):
        env = box_env(box)
        F, ns_f = prob.ev(prob.f, env)
        if goal_ok(F, relation):
            return BoxProof(box=box, method="natural", lower=_lower_str(F),
                            strict=False), F, None
        if F is not None and bad(F, relation):
            return None, F, None
        grads = prob.grad() if prob.continuous else []
        if not grads or F is None:
            return None, F, None
        genv = interior_env(box)
        G = [prob.ev(g, genv)[0] for g in grads]
        if any(g is None for g in G):
            G0 = None
        else:
            G0 = G
        # monotonicity reduction ------------------------------------------
        res = _monotone(prob, box, relation, prec, G0, allow_open=True)
        if res is None:
            res = _monotone(prob, box, relation, prec, G0, allow_open=False)
        if res is not None:
            return res, F, G0
        if G0 is None:
            return None, F, None
        # centred mean-value form -------------------------------------------
        c = center(box)
        fc = prob.ev(prob.f, point_env(c))[0]
        if fc is not None:
            T = _mv_form(prob, box, c, fc, G0)
            if goal_ok(T, relation):
                return BoxProof(box=box, method="mean-value", lower=_lower_str(T),
                                strict=False, anchor=c), F, G0
        # anchored forms at exact touching points ---------------------------
        for a in anchors:
            if not in_closure(a, box):
                continue
            fa, _ = prob.anchor_values(a, prec)
            if fa is None:
                continue
            T = _mv_form(prob, box, a, fa, G0)
            if goal_ok(T, relation):
                return BoxProof(box=box, method="mean-value", lower=_lower_str(T),
                                strict=False, anchor=a), F, G0
            if True:
                T2 = _taylor2(prob, box, a, prec)
                if goal_ok(T2, relation):
                    return BoxProof(box=box, method="taylor2", lower=_lower_str(T2),
                                    strict=False, anchor=a), F, G0
        return None, F, G0


def _monotone(prob, box, relation, prec, G0, allow_open):
    grads = prob.grad()
    cur = box
    fixes = []
    strict_gain = False
    G = G0
    for _ in range(len(box)):
        if G is None:
            break
        changed = False
        for i, g in enumerate(G):
            lo, hi, lo_open, hi_open = cur[i]
            if lo == hi:
                continue
            if g.ge0():
                if lo_open and not allow_open:
                    continue
                if lo_open and g.gt0():
                    strict_gain = True
                cur = fix_face(cur, i, "lo")
                fixes.append((i, "lo"))
                changed = True
            elif g.le0():
                if hi_open and not allow_open:
                    continue
                if hi_open and g.lt0():
                    strict_gain = True
                cur = fix_face(cur, i, "hi")
                fixes.append((i, "hi"))
                changed = True
        if not changed:
            break
        if prob.ev(prob.f, box_env(cur))[0] is None:
            return None
        env = interior_env(cur)
        G = [prob.ev(g, env)[0] for g in grads]
        if any(g is None for g in G):
            G = None
    if not fixes:
        return None
    env = box_env(cur)
    Fm, _ = prob.ev(prob.f, env)
    if goal_ok(Fm, relation, strict_gain):
        return BoxProof(box=box, method="monotone", lower=_lower_str(Fm),
                        strict=strict_gain, fixes=tuple(fixes))
    if G is not None and all(x is not None for x in G):
        c = center(cur)
        fc = prob.ev(prob.f, point_env(c))[0]
        if fc is not None:
            T = _mv_form(prob, cur, c, fc, G)
            if goal_ok(T, relation, strict_gain):
                return BoxProof(box=box, method="monotone", lower=_lower_str(T),
                                strict=strict_gain, fixes=tuple(fixes), anchor=c)
    return None


def replay_proof(prob: Problem, proof: BoxProof, relation: str, prec: int) -> bool:
    """Re-derive one box proof from scratch; True iff it holds."""
    try:
        return _replay(prob, proof, relation, prec)
    except (Undefined, ArithmeticError, ValueError, TypeError):
        return False


def _replay(prob: Problem, proof: BoxProof, relation: str, prec: int) -> bool:
    box = proof.box
    with workprec(prec):
        if proof.method == "natural":
            F, _ = prob.ev(prob.f, box_env(box))
            return goal_ok(F, relation) and _bound_ok(F, proof)
        grads = prob.grad() if prob.continuous else []
        if not grads:
            return False
        if proof.method == "monotone":
            cur = box
            strict_gain = False
            for i, side in proof.fixes:
                lo, hi, lo_open, hi_open = cur[i]
                if lo == hi:
                    return False
                if prob.ev(prob.f, box_env(cur))[0] is None:
                    return False
                g, _ = prob.ev(grads[i], interior_env(cur))
                if g is None:
                    return False
                if side == "lo":
                    if not g.ge0():
                        return False
                    strict_gain |= bool(lo_open and g.gt0())
                else:
                    if not g.le0():
                        return False
                    strict_gain |= bool(hi_open and g.lt0())
                cur = fix_face(cur, i, side)
            if proof.anchor is None:
                F, _ = prob.ev(prob.f, box_env(cur))
            else:
                if not in_closure(proof.anchor, cur):
                    return False
                if prob.ev(prob.f, box_env(cur))[0] is None:
                    return False
                env = interior_env(cur)
                G = [prob.ev(g, env)[0] for g in grads]
                fc = prob.ev(prob.f, point_env(proof.anchor))[0]
                if fc is None or any(x is None for x in G):
                    return False
                F = _mv_form(prob, cur, proof.anchor, fc, G)
            return goal_ok(F, relation, strict_gain) and _bound_ok(F, proof)
        if proof.anchor is None or not in_closure(proof.anchor, box):
            return False
        if proof.method == "mean-value":
            if prob.ev(prob.f, box_env(box))[0] is None:
                return False
            env = interior_env(box)
            G = [prob.ev(g, env)[0] for g in grads]
            if any(x is None for x in G):
                return False
            fa, _ = prob.anchor_values(proof.anchor, prec)
            if fa is None:
                return False
            T = _mv_form(prob, box, proof.anchor, fa, G)
            return goal_ok(T, relation) and _bound_ok(T, proof)
        if proof.method == "taylor2":
            T = _taylor2(prob, box, proof.anchor, prec)
            return goal_ok(T, relation) and _bound_ok(T, proof)
    return False


def _bound_ok(L: IV, proof: BoxProof) -> bool:
    """The recorded lower bound must not exceed the recomputed one."""
    if proof.lower == "-oo":
        return True
    try:
        rec = Fraction(proof.lower)
    except ValueError:
        return False
    if not _fin(L.lo):
        return False
    got = Fraction(_lower_str(L))
    return rec <= got


# --------------------------------------------------------------------------
# search for violations / touching points

def _fval(prob: Problem, pt, prec=96):
    v = prob.at_point(pt, prec)
    if v is None or not v.finite():
        return None
    return float(v.ball().mid())


def _clip(x: float, lo: fmpq, hi: fmpq, lo_open: bool, hi_open: bool) -> fmpq:
    q = fmpq(*Fraction(x).as_integer_ratio()) if math.isfinite(x) else lo
    if q < lo or (lo_open and q == lo):
        q = lo if not lo_open else lo + (hi - lo) / 1024
    if q > hi or (hi_open and q == hi):
        q = hi if not hi_open else hi - (hi - lo) / 1024
    return q


def local_min(prob: Problem, box: Box, start: tuple, iters: int = 40):
    """Crude box-constrained descent (non-rigorous); returns (point, value)."""
    n = len(box)
    x = list(start)
    fx = _fval(prob, x)
    if fx is None:
        return tuple(x), None
    widths = [float(hi - lo) for lo, hi, _, _ in box]
    grads = prob.grad()
    for _ in range(iters):
        if grads:
            with workprec(96):
                env = point_env(x)
                gv = []
                for g in grads:
                    v, _ = prob.ev(g, env)
                    gv.append(float(v.ball().mid()) if v is not None and v.finite() else 0.0)
        else:
            gv = []
            for i in range(n):
                h = widths[i] * 1e-7 or 1e-12
                y = list(x)
                y[i] = _clip(float(x[i]) + h, *box[i])
                fy = _fval(prob, y)
                gv.append(((fy - fx) / h) if fy is not None else 0.0)
        gn = math.sqrt(sum((g * w) ** 2 for g, w in zip(gv, widths)))
        if gn == 0 or not math.isfinite(gn):
            break
        d = [-(g * w * w) / gn for g, w in zip(gv, widths)]   # scaled direction
        best = (fx, x)
        t = 1.0
        for _k in range(60):
            y = [_clip(float(xi) + t * di, *box[i]) for i, (xi, di) in enumerate(zip(x, d))]
            fy = _fval(prob, y)
            if fy is not None and fy < best[0]:
                best = (fy, y)
            elif best[1] is not x:
                break
            t *= 0.5
        if best[1] is x:
            break
        fx, x = best
    return tuple(x), fx


def rational_guesses(pt, box: Box):
    """The point itself plus nearby small-denominator rationals."""
    out = [tuple(pt)]
    for D in (12, 100, 1000, 10 ** 4, 10 ** 6, 10 ** 9):
        q = []
        for v, (lo, hi, lo_open, hi_open) in zip(pt, box):
            fr = Fraction(int(v.p), int(v.q)).limit_denominator(D)
            q.append(fmpq(fr.numerator, fr.denominator))
        q = tuple(q)
        if in_box(q, box) and q not in out:
            out.insert(0, q)
    return out


def sample_points(box: Box, count: int, rng: random.Random):
    n = len(box)
    pts = [center(box)]
    # corners (only on closed faces)
    if n <= 6:
        for corner in itertools.product(*[
                ([lo] if not lo_open else []) + ([hi] if not hi_open and hi != lo else [])
                for lo, hi, lo_open, hi_open in box]):
            pts.append(tuple(corner))
    for _ in range(count):
        p = []
        for lo, hi, lo_open, hi_open in box:
            if lo == hi:
                p.append(lo)
                continue
            k = rng.randrange(1, 2 ** 20)
            p.append(lo + (hi - lo) * fmpq(k, 2 ** 20))
        pts.append(tuple(p))
    return pts
