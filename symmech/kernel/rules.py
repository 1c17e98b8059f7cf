"""The kernel's rules: the only code that builds ``proved`` and ``certified`` verdicts.

Tactics (SymPy simplification, the sign tactics, the certifier's box search, exact LPs, finite
enumeration, routes) *propose* evidence; a rule accepts it only when its side conditions hold, and
names itself in the verdict (``Verdict.rule``).  Each rule is documented with its side conditions and
what it trusts in docs/soundness.md; the tests in tests/kernel/ attack each one.

A rule that cannot accept its evidence returns ``undecided`` with the reason -- never a weaker proof.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Any, Iterable, Mapping, Sequence

import sympy as sp

from .continuity import NotContinuous, obligations
from .verdict import _HINT_SEAL, _SEALS, Hint, Status, Verdict

PROOF = (Status.PROVED, Status.CERTIFIED)
_STRENGTH = {Status.PROVED: 3, Status.CERTIFIED: 2, Status.CONFIRMED: 1}

#: every rule name a proof may carry (docs/soundness.md describes each)
RULES = (
    "exact-zero",          # an identity: SymPy reduces lhs - rhs to 0, cross-checked numerically
    "exact-sign",          # an inequality: the exact sign tactics, cross-checked numerically
    "interval-enclosure",  # the certifier: Arb boxes cover the domain, each with the sign shown
    "exact-real-roots",    # a polynomial's real roots isolated exactly (no sign change in the domain)
    "lp-duality",          # finite LPs: primal and dual points rechecked here in rationals, the relation decided
    "semi-infinite-duality",  # a one-good max-min bracket: certificates rechecked by their tactic (certified)
    "finite-exhaustion",   # a statement about finitely many cases, each decided in exact arithmetic
    "conjunction",         # every part proved or certified
    "route",               # an Implied claim: a proved route and a checked rule of inference
    "monotone",            # fundamental theorem of calculus: value at an end, slope, continuity
    "combination",         # non-negative combination of proved residuals on the same domain
    "envelope",            # Myerson's envelope argument: IR from U(lo) >= 0, q >= 0, envelope payments
    "continuity",          # an expression made only of operations continuous everywhere (the whitelist)
    "checked-hint",        # an author hint proved by the kernel's own obligations
    "replay",              # a verdict this program computed before, read back from its cache / a worker
)


def _sealed(status: Status, method: str, detail: str, rule: str, **kw: Any) -> Verdict:
    if status not in PROOF:
        raise ValueError(f"rule {rule}: {status} is not a proof status")
    if rule not in RULES:
        raise ValueError(f"unknown kernel rule {rule!r}")
    return Verdict(status, method, detail, rule=rule, seal=_SEALS[status], **kw)


def undecided(detail: str, method: str = "kernel", **kw: Any) -> Verdict:
    """An honest 'could not decide'."""
    return Verdict(Status.UNDECIDED, method, detail, **kw)


def weakest(verdicts: Iterable[Verdict]) -> Verdict:
    """The weakest of holding verdicts (proved > certified > confirmed)."""
    return min(verdicts, key=lambda v: _STRENGTH[v.status])


# ---------------------------------------------------------------------------------------------
# symbolic evidence
# ---------------------------------------------------------------------------------------------
def _cross_checked(evaluated: int, conflict: bool, what: str) -> str | None:
    if conflict:
        return f"{what}, but the numeric cross-check disagrees"
    if evaluated < 1:
        return (f"{what}, but the numeric cross-check evaluated the claim at no point (a cross-check that "
                f"evaluated nothing is not one)")
    return None


def exact_zero(detail: str, *, evaluated: int, digits: int | None = None, points: tuple = (),
               conflict: bool = False, method: str = "symbolic", certificate: Any = None) -> Verdict:
    """``lhs - rhs`` reduced to 0 by rewrites sound on the domain; side condition: mpmath evaluated the
    claim at ``evaluated >= 1`` points and agreed at all of them."""
    why = _cross_checked(evaluated, conflict, "SymPy reduces lhs - rhs to 0")
    if why:
        return undecided(why, method, digits=digits, points=points)
    return _sealed(Status.PROVED, method, detail, "exact-zero", digits=digits, points=points,
                   certificate=certificate)


def exact_sign(detail: str, *, evaluated: int, digits: int | None = None, points: tuple = (),
               conflict: bool = False) -> Verdict:
    """The sign shown by the exact tactics (whose continuity and domain conditions are checked by
    :mod:`symmech.kernel.continuity`); side condition: mpmath evaluated the claim at ``evaluated >= 1``
    points and found no violation."""
    why = _cross_checked(evaluated, conflict, "the exact tactics show the sign")
    if why:
        return undecided(why, "symbolic", digits=digits, points=points)
    return _sealed(Status.PROVED, "symbolic", detail, "exact-sign", digits=digits, points=points)


# ---------------------------------------------------------------------------------------------
# rigorous numerics and exact finite evidence
# ---------------------------------------------------------------------------------------------
def interval_enclosure(detail: str, *, method: str, certificate: Any, digits: int | None = None) -> Verdict:
    """The certifier's boxes cover the domain and Arb shows the relation on each; side condition: a
    certificate (the boxes) is attached."""
    if certificate is None:
        return undecided("interval enclosure without a certificate", method)
    return _sealed(Status.CERTIFIED, method, detail, "interval-enclosure", digits=digits, certificate=certificate)


def exact_real_roots(detail: str, *, method: str = "real-roots(exact)", certificate: Any = None,
                     digits: int | None = None) -> Verdict:
    """A polynomial with rational coefficients has no real root of the wrong kind in the domain (exact
    real-root isolation) and the right sign at one point."""
    return _sealed(Status.CERTIFIED, method, detail, "exact-real-roots", digits=digits, certificate=certificate)


def finite_exhaustion(detail: str, *, method: str = "exact finite check", certificate: Any = None,
                      witness: Mapping | None = None) -> Verdict:
    """Every one of finitely many cases decided in exact (rational / integer) arithmetic."""
    return _sealed(Status.PROVED, method, detail, "finite-exhaustion", certificate=certificate, witness=witness)


def finite_outcome(ok: object, detail: str, *, witness_key: str | None = "counterexample",
                   method: str = "exact finite check") -> Verdict:
    """The verdict of a finite exact computation that answered ``(ok, detail)``: ``proved`` only when ``ok``
    is the boolean ``True`` or SymPy's ``true`` (rule ``finite-exhaustion``), ``refuted`` with the detail as
    the counterexample when it is ``False`` / ``false``; anything else (a NumPy bool from float arithmetic, a
    number, None) is undecided."""
    if ok is True or ok is sp.true:          # SymPy's True: a relation it decided on exact numbers
        return finite_exhaustion(detail, method=method)
    if ok is False or ok is sp.false:
        return Verdict(Status.REFUTED, method, detail, witness=None if witness_key is None else {witness_key: detail})
    return undecided(f"the finite computation answered {ok!r}, not True or False: {detail}", method)


_RELATIONS = ("==", "<=", ">=", "<", ">")


def lp_duality(detail: str, *, method: str, terms: Sequence[tuple[Any, Any]], relation: str = "==",
               target: Any = 0, target_enclosure: tuple[Any, Any] | None = None) -> Verdict:
    """``sum_k coefficient_k * OPT_k  relation  target`` for finite LPs, proved by weak duality.

    ``terms`` pairs a rational coefficient with a certificate: any object with ``lp`` (the LP's exact data),
    ``primal`` (a feasible point, or empty) and ``dual_ub``/``dual_eq`` (a dual feasible point, or empty).  The
    kernel rechecks every point itself in exact rationals (:mod:`symmech.kernel.lp_certificate`), derives the
    bounds they prove on each optimum, and decides the relation on the interval of the combination.
    ``target`` is an exact rational; or ``target_enclosure = (lo, hi)`` gives rational bounds on an irrational
    target (rigorous ball arithmetic outside the kernel), and the verdict is then ``certified``, not ``proved``.
    Anything not shown -- a point that fails its recheck, a bound missing on the side needed, an interval
    that does not decide the relation -- is ``undecided`` with the reason."""
    from .lp_certificate import LPCertificateError, as_fraction, optimum_bounds

    if relation not in _RELATIONS:
        return undecided(f"unknown relation {relation!r}", method)
    if not terms:
        return undecided("an LP value without its exact certificate", method)
    try:
        if target_enclosure is not None:
            t_lo, t_hi = (as_fraction(v) for v in target_enclosure)
            if t_lo > t_hi:
                return undecided("an empty enclosure of the target", method)
        else:
            t_lo = t_hi = as_fraction(target)
        lo, hi = Fraction(0), Fraction(0)
        for coefficient, cert in terms:
            k = as_fraction(coefficient)
            b_lo, b_hi = optimum_bounds(cert.lp, getattr(cert, "primal", None), getattr(cert, "dual_ub", None),
                                        getattr(cert, "dual_eq", None))
            if k < 0:
                b_lo, b_hi = b_hi, b_lo
            lo = None if lo is None or b_lo is None else lo + k * b_lo
            hi = None if hi is None or b_hi is None else hi + k * b_hi
    except (LPCertificateError, AttributeError, TypeError, ValueError) as exc:
        return undecided(f"the LP certificate does not check: {exc}", method)
    shown = {"==": lo is not None and lo == hi == t_lo == t_hi,
             "<=": hi is not None and hi <= t_lo, "<": hi is not None and hi < t_lo,
             ">=": lo is not None and lo >= t_hi, ">": lo is not None and lo > t_hi}[relation]
    if not shown:
        target_text = str(t_lo) if t_lo == t_hi else f"a target in [{t_lo}, {t_hi}]"
        return undecided(f"the certificates prove the combination lies in [{lo}, {hi}], which does not show "
                         f"'{relation} {target_text}'", method)
    status = Status.PROVED if target_enclosure is None else Status.CERTIFIED
    return _sealed(status, method, detail, "lp-duality", certificate=tuple(terms))


def semi_infinite_duality(detail: str, *, method: str, certificate: Any, rechecked: bool) -> Verdict:
    """A bracket on the optimum of a semi-infinite LP (one-good max-min posted prices): a finite price lottery
    with a dual bound valid on every type (cell enclosures in dyadic arithmetic) and a finite law meeting the
    constraints exactly.  The exact recheck of both runs in the tactic that found them
    (:mod:`symmech.tactics.lp.one_good_certificates`), not here: the verdict is ``certified`` and says so.
    Side conditions: both certificates attached and ``rechecked``."""
    if certificate is None or not rechecked:
        return undecided("a semi-infinite LP bracket without rechecked certificates", method)
    return _sealed(Status.CERTIFIED, method, detail + " [the continuum recheck of the certificates runs in the "
                   "one-good certificate tactic]", "semi-infinite-duality", certificate=certificate)


# ---------------------------------------------------------------------------------------------
# composition
# ---------------------------------------------------------------------------------------------
def conjunction(parts: Sequence[Verdict], *, method: str, detail: str, digits: int | None = None,
                trust: Iterable[Hint] = ()) -> Verdict:
    """A conjunction holds with the weakest status of its parts; side condition: every part is a proof."""
    if not parts or not all(v.is_proof for v in parts):
        return undecided("a conjunction is a proof only when every part is", method)
    w = weakest(parts)
    return _sealed(w.status, method, detail, "conjunction", digits=digits).with_trust(trust)


def route(route_verdict: Verdict, link_verdict: Verdict, detail: str) -> Verdict:
    """An ``Implied`` claim proved through a route: the route is proved and the rule of inference
    linking it to the claim (``link_verdict``, itself built by a kernel rule) is proved."""
    if not (route_verdict.is_proof and link_verdict.is_proof and link_verdict.rule):
        return undecided("a route proves a claim only with a proved route and a proved link", "implication")
    w = weakest((route_verdict, link_verdict))
    out = _sealed(w.status, route_verdict.method, detail, "route", digits=route_verdict.digits,
                  points=route_verdict.points, certificate=route_verdict.certificate)
    return out.with_trust(route_verdict.trust)


def inference(rule: str, obligations: Sequence[Verdict], detail: str, *, method: str = "implication",
              digits: int | None = None) -> Verdict:
    """A rule of inference (``monotone``, ``combination``, ``envelope``) whose obligations the kernel
    built itself from the claim: a proof when every obligation is one (weakest status); otherwise the
    first obligation that is refuted or undecided, or ``undecided``."""
    if rule not in ("monotone", "combination", "envelope"):
        raise ValueError(f"not an inference rule: {rule}")
    for v in obligations:
        if v.status is Status.REFUTED:
            return Verdict(Status.REFUTED, method, f"{detail}: {v.detail[:300]}", digits=v.digits,
                           witness=v.witness, witness_value=v.witness_value)
    if not obligations or not all(v.is_proof for v in obligations):
        bad = next((v for v in obligations if not v.is_proof), None)
        status = Status.UNDECIDED if bad is None or bad.status is Status.UNDECIDED else bad.status
        return Verdict(status, method, f"{detail}: {bad.detail[:300] if bad else 'no obligations'}",
                       digits=digits)
    w = weakest(obligations)
    return _sealed(w.status, method, detail, rule, digits=digits)


def continuity(expr: Any, variables: Sequence) -> Verdict:
    """``expr`` is continuous in ``variables`` because the continuity whitelist (:mod:`symmech.kernel.continuity`)
    accepts it with no condition (checked here, not taken from the caller)."""
    try:
        conds = obligations(expr, variables)
    except NotContinuous as exc:
        return undecided(f"not known to be continuous: {exc}")
    if conds:
        return undecided(f"continuous only where {len(conds)} condition(s) hold; they must be proved")
    return _sealed(Status.PROVED, "kernel", "made only of operations continuous everywhere (the whitelist)",
                   "continuity")


def checked_hint(detail: str, *, status: Status = Status.CERTIFIED, method: str = "hints") -> Verdict:
    """An author hint (a root's bracket, image, inverse, a rewrite) discharged by obligations the kernel's callers
    built and proved (see ``RULE_CALLERS`` in tests/kernel/test_kernel_contract.py for where)."""
    return _sealed(status, method, detail, "checked-hint")


def weaken(v: Verdict, status: Status) -> Verdict:
    """A proof reported with a weaker proof status (``proved`` -> ``certified``)."""
    if v.status is status:
        return v
    if not (v.is_proof and status in PROOF and _STRENGTH[status] < _STRENGTH[v.status]):
        raise ValueError(f"cannot weaken {v.status} to {status}")
    return Verdict(status, v.method, v.detail, v.digits, v.points, v.witness, v.witness_value, v.certificate,
                   v.conflict, v.trust, v.rule, _SEALS[status])


def replay(data: Mapping[str, Any], trust: tuple[Hint, ...] = ()) -> Verdict:
    """A verdict this program computed earlier, read back from its content-keyed cache (the rule it was
    accepted by is kept when it names one)."""
    st = Status(data["status"])
    method, detail = data.get("method", ""), data.get("detail", "")
    kw = dict(digits=data.get("digits"), points=tuple(data.get("points") or ()), witness=data.get("witness"),
              witness_value=data.get("witness_value"), conflict=data.get("conflict", False), trust=trust)
    if st in PROOF:
        rule = data.get("rule") or "replay"
        return _sealed(st, method, detail, rule if rule in RULES else "replay", **kw)
    return Verdict(st, method, detail, **kw)


def hint(kind: str, subject: str, statement: str, v: Verdict, detail: str = "", used: bool = True) -> Hint:
    """A hint whose status is the status of the verdict ``v`` that checked it (a proof only if ``v`` is)."""
    return Hint(kind, subject, statement, v.status.value, detail, used, _HINT_SEAL if v.is_proof else None)


def hint_without_obligations(kind: str, subject: str, statement: str, detail: str) -> Hint:
    """A rewrite hint with nothing left to prove: every pair is syntactically exact or a defined root's own
    definition (rule ``checked-hint``)."""
    return Hint(kind, subject, statement, Status.PROVED.value, detail, True, _HINT_SEAL)
