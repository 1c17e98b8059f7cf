"""Finite exact claims for the regret layer: an exact LP optimum inside a bracket whose ends may
involve e (compared in arb balls), and exact finite computations."""
from __future__ import annotations

import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Callable

import sympy as sp

from symmech.claims import Claim
from symmech.tactics.scope import Scope
from symmech.kernel.verdict import Status, Verdict
from symmech.kernel import rules
from symmech.models.regret._arb import enclosure, sign

_METHOD = "exact LP certificate (Fractions) + arb comparison"


@dataclass
class LPBracket(Claim):
    """``lower <= LP optimum <= upper`` (either end optional; ``strict`` makes both strict).  The LP
    optimum must be proved by an exact certificate; the ends are closed numbers (rationals, e, ...)
    compared rigorously.  PROVED / REFUTED (with the exact optimum) / UNDECIDED (no certificate)."""

    lp: Callable = None  # type: ignore[assignment]
    lower: object = None
    upper: object = None
    strict: bool = False

    def check(self, scope: Scope, *, digits: int = 50, samples: int = 9) -> Verdict:
        t0 = time.perf_counter()
        res = self.lp()
        if not res.certified:
            return Verdict(Status.UNDECIDED, _METHOD, f"no exact certificate: {res.describe()}")
        val = res.verify()
        z = sp.Rational(val.numerator, val.denominator)
        bad = []
        for end, rel in ((self.lower, "lower"), (self.upper, "upper")):
            if end is None:
                continue
            s = sign(z - sp.sympify(end))
            ok = (s > 0 or (s == 0 and not self.strict)) if rel == "lower" else (s < 0 or (s == 0 and not self.strict))
            if not ok:
                bad.append(f"{rel} end {end} = {sp.N(end, 20)}")
        info = f"optimum {val} = {float(val):.15g} ({res.describe()}; {time.perf_counter() - t0:.2f}s)"
        if bad:
            return Verdict(Status.REFUTED, _METHOD, f"outside the bracket ({'; '.join(bad)}): {info}",
                           witness={"optimum": str(val)})
        parts = []
        for end, relation in ((self.lower, ">" if self.strict else ">="), (self.upper, "<" if self.strict else "<=")):
            if end is None:
                continue
            end = sp.Rational(repr(end)) if isinstance(end, float) else sp.sympify(end)   # a float: its exact decimal
            if end.is_Rational:
                parts.append(rules.lp_duality(f"inside the bracket: {info}", method=_METHOD, terms=((1, res),),
                                              relation=relation, target=end))
            else:                                  # an end such as 1/e: rational bounds from an arb ball
                parts.append(rules.lp_duality(f"inside the bracket: {info} (the end {end} enclosed in an arb ball)",
                                              method=_METHOD, terms=((1, res),), relation=relation,
                                              target_enclosure=enclosure(end)))
        if not parts:
            return rules.lp_duality(f"the optimum is {val}: {info}", method=_METHOD, terms=((1, res),), target=val)
        return parts[0] if len(parts) == 1 else rules.conjunction(parts, method=_METHOD,
                                                                  detail=f"inside the bracket: {info}")


@dataclass
class ExactCheck(Claim):
    """A finite exact computation: ``compute()`` returns (holds, detail); PROVED or REFUTED."""

    compute: Callable = None  # type: ignore[assignment]

    def check(self, scope: Scope, *, digits: int = 50, samples: int = 9) -> Verdict:
        ok, detail = self.compute()
        return rules.finite_outcome(ok, detail, witness_key="detail")
