"""Matching a published decimal: ``|expr - d| <= tol`` at a fixed parameter point.

A paper prints ``0.2391644`` for alpha_1; a reader wants to check that the model's exact
expression (which may involve defined roots) agrees with that decimal to the printed digits.
:class:`ApproxEquals` does this soundly:

* the decimal is read as the exact rational it denotes (``"0.2391644"`` is 2391644/10^7), never
  as a binary float;
* the default tolerance is half a unit in the last printed digit (a correctly rounded decimal);
* the check is two :class:`~symmech.claims.Inequality` claims ``expr - d <= tol`` and
  ``d - expr <= tol`` in a scope whose parameters listed in ``at`` are fixed to exact values
  (defined roots are then recomputed at that point), so the verdict is whatever the
  Inequality provers reach: proved/certified (rigorous), confirmed (numerics only) or refuted
  (with the residual), never rounded up.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Mapping

import sympy as sp

from symmech.claims import AllOf, Claim, Inequality
from symmech.tactics.scope import Scope
from symmech.kernel.verdict import Verdict

_DECIMAL = re.compile(r"^[+-]?(\d+)(\.(\d*))?([eE][+-]?\d+)?$")


def decimal_rational(text: str) -> sp.Rational:
    """The exact rational a decimal string denotes (``"1.5e-3"`` -> 3/2000); ValueError otherwise."""
    if not isinstance(text, str):
        raise TypeError(f"give the published decimal as a string (got {type(text).__name__}): a float has "
                        "already lost the printed digits")
    t = text.strip()
    if not _DECIMAL.match(t):
        raise ValueError(f"not a decimal number: {text!r}")
    f = Fraction(t)
    return sp.Rational(f.numerator, f.denominator)


def half_ulp(text: str) -> sp.Rational:
    """Half a unit in the last printed digit of a decimal string."""
    m = _DECIMAL.match(text.strip())
    if not m:
        raise ValueError(f"not a decimal number: {text!r}")
    frac_digits = len(m.group(3) or "")
    exp = int(m.group(4)[1:]) if m.group(4) else 0
    return sp.Rational(1, 2) * sp.Rational(10) ** (exp - frac_digits)


@dataclass
class ApproxEquals(Claim):
    """``|expr - decimal| <= tol`` at the parameter point ``at`` (see the module docstring)."""

    expr: sp.Expr = sp.Integer(0)
    decimal: str = "0"
    tol: object = None
    at: Mapping = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__post_init__()
        self.expr = sp.sympify(self.expr)
        self.value = decimal_rational(self.decimal)
        self.tol = half_ulp(self.decimal) if self.tol is None else (
            decimal_rational(self.tol) if isinstance(self.tol, str) else sp.nsimplify(self.tol, rational=True))
        if not (self.tol.is_Rational and self.tol > 0):
            raise ValueError(f"tolerance must be a positive number, got {self.tol}")
        self.at = {s: sp.nsimplify(val, rational=True) if not isinstance(val, str) else decimal_rational(val)
                   for s, val in dict(self.at).items()}
        if not self.statement:
            self.statement = rf"|{sp.latex(self.expr)} - {self.decimal}| \le {sp.latex(self.tol)}"

    def _fixed_scope(self, scope: Scope) -> Scope:
        params = dict(scope.parameters)
        for s, val in self.at.items():
            if s not in params:
                raise ValueError(f"{s} is not a parameter of the scope")
            dom = params[s]
            if isinstance(dom, sp.Interval) and dom.contains(val) is not sp.true:
                raise ValueError(f"{s} = {val} lies outside its range {dom}")
            params[s] = val
        # a root whose inverse eliminates a now-fixed parameter must not be eliminated (Scope.eliminate would
        # free the root over its whole image): drop those inverse/image hints, keep the root's definition
        roots = tuple(replace(r, inverse=None, image=None) if r.inverse is not None and r.inverse[0] in self.at
                      else r for r in scope.roots)
        return replace(scope, parameters=params, roots=roots, samples=None)

    def check(self, scope: Scope, *, digits: int = 50, samples: int = 9) -> Verdict:
        fixed = self._fixed_scope(scope)
        e = self.expr.subs(self.at)
        both = AllOf(self.id, source=self.source, parts=[
            Inequality(f"{self.id}.above", lhs=e - self.value, rel="<=", rhs=self.tol, source=self.source),
            Inequality(f"{self.id}.below", lhs=self.value - e, rel="<=", rhs=self.tol, source=self.source)])
        return both.check(fixed, digits=digits, samples=samples)
