"""How a verdict was reached, in one sentence a referee can follow.

A proof names the kernel rule that accepted it (``Verdict.rule``, see :mod:`symmech.kernel.rules` and
docs/soundness.md); the rule says what the proof rests on (SymPy's simplification and a numeric
cross-check, Arb's interval arithmetic, an exact LP certificate, ...) and the verdict's detail gives
the numbers (points, digits, boxes, bits).  :func:`explain` writes both as a sentence; evidence,
refutations and undecided verdicts get theirs too.  The detail is kept (printed after the sentence)
only where the sentence does not already say all it says.
"""
from __future__ import annotations

import re

from symmech.kernel.verdict import Status, Verdict
from symmech.reports.latex_prose import Names, prose

__all__ = ["explain"]


def _n(pattern: str, text: str) -> str | None:
    m = re.search(pattern, text)
    return m.group(1) if m else None


def _cross_check(detail: str) -> str:
    """'checked numerically at N points to D digits' from the detail of an exact proof."""
    pts, digits = _n(r"agrees at (\d+) points?", detail), _n(r"at (\d+) digits", detail)
    arb = _n(r"Arb encloses 0 at (\d+)", detail)
    if arb:
        return f"cross-checked with rigorous interval arithmetic (Arb), which encloses 0 at {arb} sample points"
    if pts:
        return (f"cross-checked numerically (mpmath) at {pts} point{'s' if pts != '1' else ''}"
                + (f" to {digits} significant digits" if digits else ""))
    return "cross-checked numerically"


def _boxes(d: str) -> str:
    boxes, bits, low = _n(r": (\d+) boxes", d), _n(r"at (\d+) bits", d), _n(r"lower bound ([-\d.e+]+\d)", d)
    return ("rigorous interval arithmetic (Arb) on " + (f"{boxes} boxes" if boxes else "boxes")
            + " covering the domain, the relation shown on each" + (f", at {bits} bits" if bits else "")
            + (f"; smallest proven lower bound {low}" if low else "") + ".")


_RULES = {
    "exact-zero": lambda d: ("the difference of the two sides simplifies to 0 (SymPy"
                             + (", after resolving the branches of min, max and piecewise functions that are fixed "
                                "on the domain" if "resolving the branches" in d else "")
                             + ", with rewrites sound on the domain); " + _cross_check(d) + "."),
    "exact-sign": lambda d: ("the sign of the difference of the two sides on the whole domain is shown by SymPy's "
                             "exact sign tactics (bounds of factors and terms, monotonicity from an end with "
                             "continuity checked); " + _cross_check(d) + "."),
    "interval-enclosure": lambda d: _boxes(d),
    "exact-real-roots": lambda d: ("exact real-root isolation of a polynomial with rational coefficients: no root of "
                                   "the wrong kind in the domain, and the right sign at one point."),
    "lp-duality": lambda d: ("an exact linear-programming certificate: a primal and a dual feasible point of equal "
                             "objective, both rechecked in exact rational arithmetic (the LP solver only proposed "
                             "them)."),
    "semi-infinite-duality": lambda d: ("a price lottery whose dual bound holds on every type (exact enclosures "
                                        "on cells) and a law meeting the constraints exactly bracket the optimum "
                                        "(weak duality; the certificates are rechecked in exact dyadic arithmetic)."),
    "finite-exhaustion": lambda d: ("finitely many cases, each decided in exact (rational or integer) arithmetic by "
                                    "the derivation's own computation."),
    "conjunction": lambda d: "every part is proved or certified (the claim has the weakest part's status).",
    "route": lambda d: ("through a sufficient route: the route is proved, and so is the rule of inference linking it "
                        "to the claim."),
    "monotone": lambda d: ("the fundamental theorem of calculus: the value at one end of the range, the sign of the "
                           "total derivative, and continuity on the range, each proved."),
    "combination": lambda d: ("a non-negative combination of proved residuals on the same domain (the identity and "
                              "the signs of the weights proved)."),
    "envelope": lambda d: ("Myerson's envelope argument: the participation constraint at the lowest type, a "
                           "non-negative allocation and the envelope payments, rebuilt from the mechanism and proved."),
    "continuity": lambda d: "the expression is built only from operations that are continuous everywhere.",
    "checked-hint": lambda d: "an author's hint, discharged by obligations the kernel built and proved.",
    "replay": lambda d: "a proof this program found before, read back from its verdict cache.",
}

#: rules whose sentence already says everything the detail says
_COVERS = {"exact-zero": r"^(simplifies to 0( after resolving the branches \(min/max/piecewise\) that are fixed on "
                         r"the domain)?|.*Arb encloses 0 at \d+ sample points); mpmath agrees at \d+ points? at "
                         r"\d+ digits$|^.*; Arb encloses 0 at \d+ sample points$",
           "exact-sign": r"^shown by exact tactics; mpmath agrees at \d+ points? at \d+ digits$"}


def explain(v: Verdict, names: Names | None = None) -> tuple[str, bool]:
    """``(sentence, detail_needed)``: the LaTeX sentence saying how ``v`` was reached, and whether its detail
    adds anything to it."""
    d = v.detail or ""
    if v.status in (Status.PROVED, Status.CERTIFIED):
        rule = v.rule or "replay"
        words = _RULES.get(rule, lambda _d: f"accepted by the kernel rule {rule}.")(d)
        pattern = _COVERS.get(rule)
        needed = not (pattern and re.match(pattern, d.strip()))
        return f"{'Proof' if v.status is Status.PROVED else 'Certificate'} (kernel rule \\texttt{{{rule}}}): " \
               + words[0].upper() + words[1:], needed
    if v.status is Status.CONFIRMED:
        pts = _n(r"at (\d+) points?", d)
        digits = v.digits or _n(r"at (\d+) digits", d)
        how = ("high-precision numerical evaluation"
               + (f" at {pts} points" if pts else "")
               + (f" to {digits} significant digits" if digits else "")
               + (f" ({prose(v.method, names)})" if v.method else ""))
        return (f"Evidence, not a proof: {how}; no exact or rigorous prover settled the claim for every "
                f"parameter value.", True)
    if v.status is Status.REFUTED:
        if "rechecked at the exact point" in d:
            how = ("a counterexample found numerically and rechecked at its exact point "
                   + ("in rigorous interval arithmetic (Arb)" if "Arb" in d else "in exact arithmetic"))
        elif v.rule == "finite-exhaustion" or "exact" in (v.method or ""):
            how = "an exact computation that exhibits the failure"
        else:
            how = "a counterexample" + (f" ({prose(v.method, names)})" if v.method else "")
        return f"Refutation: {how}.", True
    return ("Undecided: no prover could settle the claim" + (f" ({prose(v.method, names)})" if v.method else "")
            + "; the reason follows.", True)
