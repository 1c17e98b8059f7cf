"""Rigorous signs of closed numbers (rationals, e, log, exp, +, *, integer and rational powers) in
python-flint arb balls; used to compare LP optima with bounds that involve e."""
from __future__ import annotations

from fractions import Fraction

import flint
import sympy as sp


def to_arb(e: sp.Expr, prec: int = 256):
    """An arb ball containing the exact value of the closed number ``e``; ValueError otherwise."""
    ctx = flint.ctx
    old = ctx.prec
    ctx.prec = prec
    try:
        return _arb(sp.sympify(e), flint)
    finally:
        ctx.prec = old


def _arb(e: sp.Expr, flint):
    if isinstance(e, Fraction):
        return flint.arb(flint.fmpq(e.numerator, e.denominator))
    if e.is_Integer:
        return flint.arb(int(e))
    if e.is_Rational:
        return flint.arb(flint.fmpq(int(e.p), int(e.q)))
    if e is sp.E:
        return flint.arb.const_e()
    if e.is_Add:
        out = flint.arb(0)
        for a in e.args:
            out += _arb(a, flint)
        return out
    if e.is_Mul:
        out = flint.arb(1)
        for a in e.args:
            out *= _arb(a, flint)
        return out
    if e.is_Pow:
        base, ex = e.args
        if base is sp.E:
            return _arb(ex, flint).exp()
        if ex.is_Integer:
            return _arb(base, flint) ** int(ex)
        if ex.is_Rational:
            return _arb(base, flint) ** flint.arb(flint.fmpq(int(ex.p), int(ex.q)))
    if isinstance(e, sp.exp):
        return _arb(e.args[0], flint).exp()
    if isinstance(e, sp.log):
        return _arb(e.args[0], flint).log()
    raise ValueError(f"cannot enclose {e} in an arb ball")


def enclosure(e, prec: int = 256) -> tuple[Fraction, Fraction]:
    """Rational ``(lo, hi)`` with ``lo <= e <= hi``: the ends of an arb ball around the closed number ``e``."""
    ball = to_arb(sp.sympify(e), prec)
    return _dyadic(ball.lower()), _dyadic(ball.upper())


def _dyadic(a) -> Fraction:
    """The exact value of an arb ball of radius 0 (a dyadic rational)."""
    mantissa, exponent = a.mid().man_exp()
    return Fraction(int(mantissa)) * Fraction(2) ** int(exponent)


def sign(e, prec: int = 256) -> int:
    """-1, 0 or 1 for the exact sign of ``e`` (0 only when e is exactly 0 by SymPy); ValueError if the
    ball straddles 0 at every precision tried."""
    e = sp.sympify(e) if not isinstance(e, Fraction) else sp.Rational(e.numerator, e.denominator)
    if e == 0:
        return 0
    for p in (prec, 4 * prec, 16 * prec):
        b = to_arb(e, p)
        if b > 0:
            return 1
        if b < 0:
            return -1
    raise ValueError(f"sign of {e} not decided at {16 * prec} bits")
