"""Looking for a violation next to the ends of the ranges before a claim is only ``confirmed``.

Sampling and the float searches look at a claim's domain at a fixed resolution; a claim that fails only
in the last ``10^-40`` before an open end of a parameter's range (``r > 0`` with ``r = k - 10^-30``
for ``k`` in (0, 1)) or beyond ``10^60`` on an infinite range of a bound variable (``10^60 - y >= 0``
for ``y`` in [0, oo)) slips through them.  :func:`probe_ends` walks geometrically towards every end of
every parameter's range (``end -+ width / 10^j``) and of every bound variable's range (the fraction
``10^-j`` of the range from the end; on an infinite end that is about ``10^j``), for ``j`` up to 300,
the other parameters at the scope's first sample point, the other bound variables at the start, the
middle and the end of their ranges.

Every probe point is exact (rationals).  Its residual is enclosed by Arb
(:mod:`symmech.tactics.certify.arb_eval`), defined roots enclosed rigorously
(:func:`symmech.tactics.witness.enclose_root`), so a probe flags a point only when the violation is certain;
that point is then re-checked by :func:`symmech.tactics.witness.recheck` (the same recheck as every other
counterexample) and returned only if the recheck shows the violation too.  Optionally (``use_limits``)
SymPy's ``limit`` of the residual at an end, under a short time budget, extends the walk past
``10^-300`` where the limit is negative.

Where Arb cannot evaluate the residual (a function it does not know), the points are screened with
mpmath instead (up to ``j = digits - 12``) and kept only when the recheck confirms them.
"""
from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Mapping, Sequence

import sympy as sp
from flint import arb, fmpq

from symmech.tactics import sampling
from symmech.tactics.certify.arb_eval import IV, EvalState, Unsupported, add, mul, sub, workprec
from symmech.tactics.provers import within_budget
from symmech.tactics.ranges import infinite_ends
from symmech.tactics.witness import (
    NotRigorous,
    Recheck,
    _compiled,
    _violates_interval,
    enclose_values,
    exact_iv,
    exact_point,
    rational_bits,
    recheck,
)

#: the exponents j of the walk towards an end (end -+ width 10^-j; about 10^j on an infinite end)
LADDER = (1, 2, 3, 5, 8, 12, 18, 25, 35, 50, 70, 100, 150, 200, 300)
#: beyond the ladder where SymPy's limit at the end is negative (``use_limits``)
FAR_LADDER = (400, 600, 1000, 1500, 2000)
#: at most this many settings of the other bound variables per probed end
MAX_COMBOS = 9
#: wall-clock safety cap of one probe (seconds); the walk is deterministic below it
MAX_SECONDS = 3.0
#: the precision cap of the recheck of a flagged point (bits)
RECHECK_BITS = 4096


@dataclass(frozen=True)
class EndHit:
    """A rigorously shown violation next to an end: the probed variable and end, the exact point (parameters
    and bound variables), the witness as text and the recheck."""

    variable: sp.Symbol
    side: str
    params: Mapping[sp.Symbol, sp.Expr]
    fractions: Mapping[sp.Symbol, Fraction]
    point: Mapping[sp.Symbol, sp.Expr]
    witness: dict
    recheck: Recheck
    probes: int = 0
    how: str = field(default="Arb enclosure")


@dataclass
class ProbeStats:
    """What one probe did (for measurements and tests)."""

    points: int = 0
    flagged: int = 0
    seconds: float = 0.0
    mode: str = ""


LAST = ProbeStats()


def probe_ends(f: sp.Expr, scope, bounds: Sequence, relation: str, digits: int,
               scale: sp.Expr | None = None, *, ladder: Sequence[int] = LADDER, use_limits: bool = False,
               max_seconds: float = MAX_SECONDS) -> EndHit | None:
    """The first probe point next to an end of a range where ``f rel 0`` (``relation`` ``">="`` or ``">"``)
    is violated, shown rigorously and confirmed by :func:`symmech.tactics.witness.recheck`; None if none is found.

    ``bounds``: the claim's bound variables ``(var, lo, hi)`` (ends may depend on the parameters, the roots
    and the bound variables before them).  Parameters with a single value, integer parameters (their
    integers are sampled) and, when the scope fixes its sample points, every parameter stay at the first
    sample point."""
    started = time.monotonic()
    stats = ProbeStats()
    global LAST
    LAST = stats
    f = sp.sympify(f)
    bounds = tuple((v, sp.sympify(lo), sp.sympify(hi)) for v, lo, hi in bounds)
    targets = _targets(scope, bounds)
    if not targets:
        return None
    base = dict(scope.sample_points(1)[0])
    try:
        ev = _Evaluator(f, scope, bounds)
        stats.mode = "arb"
    except NotRigorous:
        ev = None
        stats.mode = "mpmath"
    deadline = started + max_seconds
    try:
        if ev is None:
            near = list(itertools.takewhile(lambda j: j <= digits - 12, ladder))
            return _walk(_mpmath_screen(f, scope, bounds, digits, scale), f, scope, bounds, relation, digits, scale,
                         base, targets, near, deadline, stats)

        def arb_screen(params, fractions) -> bool:
            return ev.violated(params, fractions, relation)

        hit = _walk(arb_screen, f, scope, bounds, relation, digits, scale, base, targets, ladder, deadline, stats)
        if hit is None and use_limits:
            far = [t for t in targets if _limit_below(f, scope, bounds, base, t, relation)]
            if far:
                hit = _walk(arb_screen, f, scope, bounds, relation, digits, scale, base, far, FAR_LADDER, deadline,
                            stats)
        return hit
    finally:
        stats.seconds = time.monotonic() - started


# --- where to look -----------------------------------------------------------------------------------
def _targets(scope, bounds) -> list[tuple[str, object, str]]:
    """``(kind, what, side)``: ``("param", symbol, "lower"/"upper")`` and ``("bound", index, side)``."""
    out: list = []
    if scope.samples is None:
        for sym, dom in scope.parameters.items():
            if isinstance(dom, sp.Interval) and not sym.is_integer:
                out += [("param", sym, "lower"), ("param", sym, "upper")]
    for i in range(len(bounds)):
        out += [("bound", i, "lower"), ("bound", i, "upper")]
    return out


def _grid(bounds, skip: int | None) -> list[tuple[Fraction, ...]]:
    """Settings of the bound variables other than ``skip``: start, middle and end of each range (the middle
    only at an infinite end), at most MAX_COMBOS of them, the middle first."""
    axes = []
    for i, (_, lo, hi) in enumerate(bounds):
        if i == skip:
            axes.append((None,))
            continue
        low_inf, high_inf = infinite_ends(lo, hi)
        vals = [Fraction(1, 2)]
        if not low_inf:
            vals.append(Fraction(0))
        if not high_inf:
            vals.append(Fraction(1))
        axes.append(tuple(vals))
    return list(itertools.islice(itertools.product(*axes), MAX_COMBOS))


def _points(target, j: int, scope, bounds, base):
    """The probe points ``(params, fractions)`` of ``target`` at exponent ``j``."""
    kind, what, side = target
    step = sp.Rational(1, 10 ** j)
    if kind == "param":
        dom = scope.parameters[what]
        width = dom.end - dom.start
        params = dict(base)
        params[what] = dom.start + width * step if side == "lower" else dom.end - width * step
        for combo in _grid(bounds, None):
            yield params, dict(zip((b[0] for b in bounds), combo))
        return
    fr = Fraction(1, 10 ** j) if side == "lower" else 1 - Fraction(1, 10 ** j)
    for combo in _grid(bounds, what):
        fractions = dict(zip((b[0] for b in bounds), combo))
        fractions[bounds[what][0]] = fr
        yield dict(base), fractions


def _label(target, bounds) -> sp.Symbol:
    kind, what, _ = target
    return what if kind == "param" else bounds[what][0]


# --- the walk ------------------------------------------------------------------------------------------
def _walk(screen, f, scope, bounds, relation, digits, scale, base, targets, ladder, deadline, stats
          ) -> EndHit | None:
    """Each ladder step toward each target end: a point that ``screen(params, fractions)`` flags is kept only
    when :func:`_confirm` (the rigorous recheck) shows the violation."""
    for j in ladder:
        for target in targets:
            for params, fractions in _points(target, j, scope, bounds, base):
                if time.monotonic() > deadline:
                    return None
                if not scope.admissible(params):
                    continue
                stats.points += 1
                if not screen(params, fractions):
                    continue
                stats.flagged += 1
                hit = _confirm(f, scope, bounds, relation, digits, scale, params, fractions, target, stats)
                if hit is not None:
                    return hit
    return None


def _confirm(f, scope, bounds, relation, digits, scale, params, fractions, target, stats) -> EndHit | None:
    point = exact_point(params, bounds, fractions)
    r = recheck(f, scope, point, relation, digits, scale, max_bits=RECHECK_BITS)
    if not r.violated:
        return None
    return EndHit(_label(target, bounds), target[2], dict(params), dict(fractions), point,
                  _witness(params, bounds, fractions, point), r, stats.points)


def _witness(params, bounds, fractions, point) -> dict:
    out = {str(k): str(v) for k, v in params.items()}
    for var, lo, hi in bounds:
        fr = fractions.get(var)
        if fr is None or var not in point:
            continue
        at = sp.sympify(point[var])
        out[str(var)] = f"{at} = {sp.N(at, 30)}"
    return out


class _Evaluator:
    """The residual, the bound variables' ends and the scope's roots compiled once for Arb; ``violated``
    decides one probe point rigorously (True only when the enclosure certainly violates the relation)."""

    def __init__(self, f, scope, bounds) -> None:
        self.scope = scope
        self.bounds = bounds
        params = set(scope.parameters)
        named = params | {r.symbol for r in scope.roots} | {s for sy in scope.systems for s in sy.symbols}
        self.syms = tuple(sorted(f.free_symbols, key=str))
        try:
            self.fn = _compiled(f, self.syms)
            self.ends = []
            earlier: list = []
            for var, lo, hi in bounds:
                low_inf, high_inf = infinite_ends(lo, hi)
                lo_s = tuple(sorted(lo.free_symbols, key=str)) if not low_inf else ()
                hi_s = tuple(sorted(hi.free_symbols, key=str)) if not high_inf else ()
                if set(lo_s + hi_s) - named - set(earlier):
                    raise NotRigorous(f"an end of the range of {var} has an unknown symbol")
                self.ends.append((var, None if low_inf else _compiled(lo, lo_s), lo_s,
                                  None if high_inf else _compiled(hi, hi_s), hi_s, low_inf, high_inf))
                earlier.append(var)
        except Unsupported as exc:
            raise NotRigorous(str(exc)) from None
        self.cache: dict = {}
        self.const_bits = rational_bits([f] + [e for _, lo, hi in bounds for e in (lo, hi)])
        bound_vars = {b[0] for b in bounds}
        self.needed = [s for s in self.syms if s not in params and s not in bound_vars]
        for _, _, lo_s, _, hi_s, _, _ in self.ends:
            self.needed += [s for s in lo_s + hi_s if s not in params and s not in bound_vars]

    def violated(self, params: Mapping, fractions: Mapping, relation: str) -> bool:
        bits = 128 + max(self.const_bits, rational_bits(
            list(params.values()) + [sp.Rational(fr.numerator, fr.denominator) for fr in fractions.values()]))
        try:
            with workprec(bits):
                vals = enclose_values(self.scope, params, set(self.needed), bits, self.cache, thorough=False,
                                      root_floor=128 + self.const_bits)
                for s, v in params.items():
                    if s not in vals:
                        vals[s] = exact_iv(v)
                st = EvalState()
                for var, lo_fn, lo_s, hi_fn, hi_s, low_inf, high_inf in self.ends:
                    fr = fractions[var]
                    s = IV.from_ball(arb(fmpq(fr.numerator, fr.denominator)))
                    lo = None if low_inf else lo_fn([vals[x] for x in lo_s], st)
                    hi = None if high_inf else hi_fn([vals[x] for x in hi_s], st)
                    if lo is not None and hi is not None:
                        width = sub(hi, lo)
                        if not width.ge0():
                            return False          # maybe an empty section of the region: no point of it
                        vals[var] = add(lo, mul(s, width))
                    else:
                        q = sp.Rational(fr.numerator, fr.denominator)
                        if (high_inf and q == 1) or (low_inf and q == 0):
                            return False
                        # lo + s/(1 - s), hi - (1 - s)/s, (2 s - 1)/(s (1 - s)): the map of symmech.tactics.ranges
                        if low_inf and high_inf:
                            t = sp.Rational(2 * q - 1) / (q * (1 - q))
                            vals[var] = exact_iv(t)
                        elif high_inf:
                            vals[var] = add(lo, exact_iv(q / (1 - q)))
                        else:
                            vals[var] = sub(hi, exact_iv((1 - q) / q))
                iv = self.fn([vals[x] for x in self.syms], st)
                return _violates_interval(iv, relation) is True
        except Exception:  # noqa: BLE001 - NotRigorous, Undefined, ...: no certain violation here
            return False


# --- optional: SymPy's limit at the end -----------------------------------------------------------------
def _limit_below(f, scope, bounds, base, target, relation) -> bool:
    """SymPy's limit of ``f`` at the end (other variables at the first sample point and the middle of their
    ranges) is a number below 0 (at most 0 for a strict claim), within a short budget.  A hint where to
    look further, never evidence by itself."""
    kind, what, side = target
    roots = {r.symbol for r in scope.roots} | {s for sy in scope.systems for s in sy.symbols}
    if f.free_symbols & roots:
        return False
    fixed = {s: v for s, v in base.items() if not (kind == "param" and s == what)}
    if kind == "param":
        dom = scope.parameters[what]
        var, end = what, dom.start if side == "lower" else dom.end
        pt = exact_point(fixed, bounds, {b[0]: Fraction(1, 2) for b in bounds})
        g = f.subs(pt)
    else:
        var = bounds[what][0]
        fr = {b[0]: Fraction(1, 2) for i, b in enumerate(bounds) if i != what}
        pt = exact_point(fixed, bounds, fr)
        lo, hi = (sp.sympify(x).subs(pt) for x in bounds[what][1:])
        end = lo if side == "lower" else hi
        g = f.subs(pt)
    if g.free_symbols - {var}:
        return False
    lim = within_budget(lambda: sp.limit(g, var, end, "+" if side == "lower" else "-"), 0.2)
    if lim is None or not lim.is_extended_real:
        return False
    return bool(lim < 0 or (relation == ">" and lim == 0))


# --- fallback: mpmath screening where Arb cannot evaluate the residual --------------------------------------


def _mpmath_screen(f, scope, bounds, digits, scale):
    """The old screen, where Arb cannot evaluate the residual: mpmath at ``digits`` digits (so it serves only
    ``j <= digits - 12``); a flagged point still needs :func:`symmech.tactics.witness.recheck`."""
    def screen(params, fractions) -> bool:
        try:
            values = scope.numeric_values(params, digits + 10)
            combo = [fractions[b[0]] for b in bounds]
            smp = sampling.evaluate_point(f, params, values, bounds, combo, dps=digits, scale_expr=scale)
        except Exception:  # noqa: BLE001 - not evaluable there
            return False
        return bool(smp.value.value < -sampling.tolerance(digits, smp.scale))
    return screen
