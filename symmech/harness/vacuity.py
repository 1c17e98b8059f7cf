"""Vacuity by model mutation: perturb the *model* a claim depends on and report the claims that hold anyway.

``symmech mutate NAME --vacuity``.  The claim-mutation harness (:mod:`symmech.harness.mutate`) perturbs a claim
and expects a refutation; a tautology such as ``Max(x, x) = x`` is "killed" there as soon as one side is
perturbed.  This harness perturbs the model instead and keeps the claim as the derivation states it: a claim that
holds under every perturbation of the model values it depends on cannot fail whatever the paper's mathematics
says -- it is reported **vacuous?** with the perturbations it survived.

What is perturbed (:mod:`symmech.harness.vacuity_exec`, :mod:`symmech.harness.vacuity_perturb`):

* **the model values of the derivation's source**: the module is re-run with every binding routed through a
  hook -- ``NAME = value`` at module level or inside a function (``_claims()``'s locals included), ``def NAME``
  (its results) and names imported from the derivations' own package (``two_types``, ``four_types``).  Only
  **source** bindings are perturbed: those whose right-hand side (or function body) reads no other perturbable
  binding.  A value computed from other model values (a mechanism built from an allocation, a revenue computed
  from a law, one side of a claim) is recomputed from its perturbed sources, never perturbed itself: perturbing
  it would perturb the claim, not the model.  An expression in exactly one parameter (``I = 1/T``,
  ``xi = 1/ln(1/kt)``) is perturbed too, but values computed from it still count as sources: perturbing it
  consistently only changes that parameter.  Inside a value: numbers and expressions (shifted by ``d = 1/7``,
  scaled by ``1 + d``, negated when they depend on a variable, one symbol moved inside), integer entries
  (``+ 1``), finite laws (mass moved between two atoms, an atom moved), breakpoints of piecewise functions, rules
  given as functions (their results scaled), fields of data classes and attributes of model objects (laws,
  mechanisms, menus, valuations, auctions) -- :mod:`symmech.harness.vacuity_perturb`;
* **the scope**: each parameter's range shifted by ``d`` times its width (away from 0 for a signed symbol; by 1
  for an integer parameter), with the sample points shifted alike.

A claim is re-checked under a perturbation only when the perturbation reaches it: its content fingerprint
(:func:`symmech.engine.fingerprint.claim_key`: expressions, fields, the functions and the globals they read)
changed, or the perturbed binding ran while the claim was checked in the baseline run, or (for a scope
perturbation) the claim mentions the parameter or a root defined from it.  A perturbation that changes the scope
itself (a root's closed form, a bracket: hints, mutated by ``--hints``) is skipped.  Each claim is judged as a whole (a
wrapper's inner claim); with ``depth=1`` the parts of a top-level ``AllOf`` are judged separately.  Outcomes:

* ``killed`` -- some perturbation of a source value or of the scope refutes it (the first one found is
  reported, with the refutation);
* ``vacuous`` -- every perturbation that reached it left it holding (listed), none refuted it;
* ``unreached`` -- no perturbation reached it: it depends on no perturbable model value of the derivation (its
  model lives in the library, or in literals typed into the claim); also reported as vacuous?;
* ``derived_only`` -- no perturbation of a source value or of the scope reaches it, but one of a *derived* value
  (tried last, on the claims still standing) refutes it: listed for review (``review`` in JSON), not as
  vacuous -- the derived value is either a model object defined from other model values (then define it from
  none) or a side of the claim (then the claim is vacuous).  A claim that sources did reach, and that held
  under all of them, is ``vacuous`` even when a derived value refutes it: that value is computed from the
  sources, and the claim holds whatever they are;
* ``vacuous`` also when some perturbations were undecided, timed out or raised but at least one held and none
  refuted; ``undecided`` when none of those that reached it could be decided (also flagged vacuous?: nothing
  shows that the claim can fail);
* ``model_free`` -- the derivation author marked it ``model_free="why"`` (a definition, a pure algebraic lemma):
  not perturbed, the reason is shown;
* ``expected_failure`` (skipped: its corrected twin is checked) and ``not_holding`` (the baseline check did not
  hold, so there is nothing to perturb).

A refutation under a perturbed model is a genuine counterexample to the perturbed claim, so ``killed`` is
sound; ``vacuous?`` is a flag for a referee (a perturbation that would falsify the claim may not be among those
tried), hence the question mark.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any, Callable

import sympy as sp

from symmech.claims import AllOf, Claim
from symmech.engine.derivation import Derivation
from symmech.engine.fingerprint import Uncacheable, claim_key, keys_for
from symmech.harness import vacuity_exec as vx
from symmech.harness.mutate import MutantTimeout, _time_limit
from symmech.harness.vacuity_perturb import DELTA, Perturbation, perturbations
from symmech.kernel.verdict import HOLDING, Status
from symmech.tactics import provers
from symmech.tactics.scope import Scope

OUTCOMES = ("killed", "vacuous", "unreached", "derived_only", "undecided", "model_free", "expected_failure",
            "not_holding")
FLAGGED = ("vacuous", "unreached", "undecided")


# --------------------------------------------------------------------------------------------------
# data
# --------------------------------------------------------------------------------------------------
@dataclass
class Trial:
    """One perturbation that reached a claim, and what the claim's check said under it."""

    perturbation: str
    outcome: str          # held | refuted | undecided | error
    detail: str = ""
    seconds: float = 0.0
    #: a perturbation of a derived value (computed from other model values): it may perturb a side of the claim
    derived: bool = False

    def to_dict(self) -> dict:
        return {"perturbation": self.perturbation, "outcome": self.outcome, "detail": self.detail[:400],
                "seconds": round(self.seconds, 3), "derived": self.derived}


@dataclass
class ClaimVacuity:
    """The vacuity verdict of one leaf claim."""

    claim: str
    top: str
    outcome: str = "unreached"
    reason: str = ""
    trials: list[Trial] = field(default_factory=list)

    @property
    def killer(self) -> Trial | None:
        """The first perturbation of a source value or of the scope that refuted the claim."""
        return next((t for t in self.trials if t.outcome == "refuted" and not t.derived), None)

    def to_dict(self) -> dict:
        out = {"claim": self.claim, "top": self.top, "outcome": self.outcome, "reason": self.reason,
               "tried": len(self.trials)}
        k = self.killer or next((t for t in self.trials if t.outcome == "refuted"), None)
        if k is not None:
            out["killed_by" if not k.derived else "refuted_by_derived"] = k.perturbation
            out["refutation"] = k.detail[:400]
        if self.outcome in ("vacuous", "undecided", "derived_only"):
            out["trials"] = [t.to_dict() for t in self.trials]
        return out


@dataclass
class VacuityReport:
    derivation: str
    claims: list[ClaimVacuity] = field(default_factory=list)
    sites: int = 0               # source bindings with a perturbation
    runs: int = 0                # perturbed module runs
    perturbations: int = 0       # perturbations tried (module and scope)
    errors: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0
    #: why the harness could not run on the derivation at all (its source not found, its unperturbed run failed)
    failed: str = ""

    def of(self, outcome: str) -> list[ClaimVacuity]:
        return [c for c in self.claims if c.outcome == outcome]

    @property
    def vacuous(self) -> list[str]:
        """``derivation/claim`` for every claim flagged vacuous? (it held under every perturbation that reached
        it, none reached it, or none that reached it could be decided)."""
        return [f"{self.derivation}/{c.claim}" for c in self.claims if c.outcome in FLAGGED]

    @property
    def review(self) -> list[str]:
        """``derivation/claim`` for every claim refuted only by perturbing a derived value."""
        return [f"{self.derivation}/{c.claim}" for c in self.claims if c.outcome == "derived_only"]

    def to_json(self) -> dict:
        return {"derivation": self.derivation, "vacuous": self.vacuous, "review": self.review,
                "claims": len(self.claims), "counts": {o: len(self.of(o)) for o in OUTCOMES}, "sites": self.sites,
                "runs": self.runs, "perturbations": self.perturbations, "errors": self.errors[:20],
                "skipped": self.skipped[:20], "seconds": round(self.seconds, 2), "failed": self.failed or None,
                "results": [c.to_dict() for c in self.claims]}

    def summary(self) -> str:
        if self.failed:
            return f"{self.derivation}: the vacuity harness could not run: {self.failed}"
        counts = ", ".join(f"{len(self.of(o))} {o.replace('_', ' ')}" for o in OUTCOMES if self.of(o))
        return (f"{self.derivation}: {len(self.vacuous)} vacuous? of {len(self.claims)} claims ({counts}); "
                f"{self.perturbations} perturbations of {self.sites} model values, {self.runs} module runs, "
                f"{self.seconds:.1f}s")

    def lines(self, details: bool = False) -> list[str]:
        out = [self.summary()]
        for c in self.claims:
            if c.outcome == "killed" and not details:
                continue
            if c.outcome in FLAGGED:
                head = f"  vacuous?   {c.claim}" + (" (undecided)" if c.outcome == "undecided" else "")
            elif c.outcome == "derived_only":
                head = f"  review     {c.claim}"
            else:
                head = f"  {c.outcome:<10} {c.claim}"
            out.append(f"{head}: {c.reason}")
            if c.outcome in ("vacuous", "undecided", "derived_only") or (details and c.trials):
                for t in c.trials[:8]:
                    out.append(f"               {t.outcome:<9} {t.perturbation}" +
                               (f" -- {t.detail[:160]}" if t.outcome != "held" and t.detail else ""))
                if len(c.trials) > 8:
                    out.append(f"               ... {len(c.trials) - 8} more")
        for e in self.errors[:5]:
            out.append(f"  (run failed) {e[:200]}")
        return out


# --------------------------------------------------------------------------------------------------
# leaves
# --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Leaf:
    key: str              # unique within the derivation (the claim's id, made unique)
    top: str
    claim: Claim
    expect: str
    model_free: str


def leaves(claims, depth: int = 0) -> list[Leaf]:
    """The leaf claims, in order, with their top-level id, expectation and ``model_free`` reason (inherited from
    the claims around them): every claim as the derivation states it, or with ``depth > 0`` the parts of its
    conjunctions down to ``depth`` levels (wrappers are looked through).  The default judges whole claims: the
    parts of a conjunction are often steps of one statement's proof (the vertices of a dual certificate, the
    pieces of an IC check), not statements of their own."""
    out: list[Leaf] = []
    used: dict[str, int] = {}

    def walk(top: str, c: Claim, expect: str, mf: str, d: int) -> None:
        mf = mf or getattr(c, "model_free", "")
        inner = getattr(c, "inner", None)
        if expect == "holds" and isinstance(c, AllOf) and d > 0:
            for p in c.parts:
                walk(top, p, expect, mf, d - 1)
            return
        if isinstance(inner, Claim) and expect == "holds":
            walk(top, inner, expect, mf, d)
            return
        n = used.get(c.id, 0)
        used[c.id] = n + 1
        out.append(Leaf(c.id if n == 0 else f"{c.id}#{n}", top, c, expect, mf))

    for c in claims:
        walk(c.id, c, getattr(c, "expect", "holds"), "", depth)
    return out


def _symbols(obj: Any, seen: set | None = None, depth: int = 8) -> set:
    """Free symbols of the SymPy objects in a claim's fields (recursively; functions are not looked into)."""
    seen = set() if seen is None else seen
    if isinstance(obj, sp.Basic):
        return set(obj.free_symbols) if hasattr(obj, "free_symbols") else set()
    if depth <= 0 or id(obj) in seen or isinstance(obj, (str, bytes, int, float, Fraction, type(None))):
        return set()
    seen.add(id(obj))
    out: set = set()
    if isinstance(obj, dict):
        items = list(obj.keys()) + list(obj.values())
    elif isinstance(obj, (list, tuple, set, frozenset)):
        items = list(obj)
    elif hasattr(obj, "__dict__") and not callable(obj):
        items = list(vars(obj).values())
    else:
        items = []
    for x in items:
        out |= _symbols(x, seen, depth - 1)
    return out


# --------------------------------------------------------------------------------------------------
# checking
# --------------------------------------------------------------------------------------------------
@dataclass
class _Settings:
    digits: int
    samples: int
    certify_time: float
    timeout: float | None
    depth: int = 0


def _check(claim: Claim, scope: Scope, s: _Settings) -> tuple[str, str, Any]:
    """(outcome, detail, verdict) of one check under the current hook state, within the time limit."""
    try:
        with _time_limit(s.timeout), provers.certifier_budget(s.certify_time):
            v = claim.check(scope, digits=s.digits, samples=s.samples)
    except MutantTimeout as exc:
        return "undecided", f"timed out: {exc}", None
    except Exception as exc:  # noqa: BLE001 - a perturbed model may break the check: not a refutation
        return "error", f"{type(exc).__name__}: {exc}", None
    if v.status is Status.REFUTED:
        return "refuted", f"[{v.method}] {v.detail}", v
    if v.status in HOLDING:
        return "held", f"{v.status.value} [{v.method}]", v
    return "undecided", f"[{v.method}] {v.detail}", v


def _fingerprints(items: list[Leaf], scope: Scope) -> dict[str, str | None]:
    with vx.state():                       # neutral: the hook's state is the same in every run
        keys = keys_for([leaf.claim for leaf in items], scope, {})
    return {leaf.key: k for leaf, k in zip(items, keys)}


@dataclass
class _Run:
    deriv: Derivation
    leaves: dict[str, Leaf]
    keys: dict[str, str | None]
    scope_key: str | None


def _execute(code, src: vx.Source, timeout: float | None, depth: int = 0, **hook) -> _Run:
    with _time_limit(timeout), vx.state(**hook):
        module = vx.execute(code, src)
    deriv = getattr(module, src.attribute)
    items = leaves(deriv.claims, depth)
    with vx.state():
        try:
            scope_key = claim_key(None, deriv.scope, {})
        except Uncacheable:
            scope_key = None
    return _Run(deriv, {leaf.key: leaf for leaf in items}, _fingerprints(items, deriv.scope), scope_key)


# --------------------------------------------------------------------------------------------------
# scope perturbations
# --------------------------------------------------------------------------------------------------
def scope_shifts(scope: Scope, delta: Fraction = DELTA) -> list[tuple[sp.Symbol, str, Scope | str]]:
    """(parameter, description, shifted scope or the reason it could not be built) for every ranged parameter."""
    out = []
    for sym, dom in scope.parameters.items():
        if not isinstance(dom, sp.Interval):
            continue
        width = dom.end - dom.start
        if sym.is_integer:
            s = sp.Integer(max(1, int(sp.ceiling(width * sp.Rational(delta.numerator, delta.denominator)))))
        else:
            s = width * sp.Rational(delta.numerator, delta.denominator)
        if sym.is_nonpositive or sym.is_negative:
            s = -s
        new = sp.Interval(dom.start + s, dom.end + s, dom.left_open, dom.right_open)
        samples = None
        if scope.samples is not None:
            samples = tuple({k: (v + s if k == sym else v) for k, v in dict(pt).items()} for pt in scope.samples)
        desc = f"scope: {sym} in {dom} -> {new}"
        try:
            out.append((sym, desc, replace(scope, parameters={**scope.parameters, sym: new}, samples=samples)))
        except Exception as exc:  # noqa: BLE001 - e.g. a root whose image no longer fits: not a perturbation
            out.append((sym, desc, f"{type(exc).__name__}: {exc}"))
    return out


def _parameter_symbols(scope: Scope) -> set:
    """The scope's parameters and the symbols its roots and systems define."""
    out = set(scope.parameters)
    out |= {r.symbol for r in scope.roots}
    for sysm in getattr(scope, "systems", ()) or ():
        out |= set(getattr(sysm, "symbols", ()))
    return out


def _reparametrization(value: Any, params: set) -> bool:
    """A value that is an expression in exactly one parameter (``I = 1/T``, ``xi = 1/ln(1/kt)``): perturbing it
    consistently is a change of that parameter, so the values computed from it are not thereby derived."""
    return (isinstance(value, sp.Expr) and not value.is_Number and not isinstance(value, sp.Symbol)
            and len(value.free_symbols) == 1 and value.free_symbols <= params)


def _dependents(scope: Scope, sym: sp.Symbol) -> set:
    """``sym`` and the roots / system symbols defined from it (transitively)."""
    out = {sym}
    changed = True
    while changed:
        changed = False
        for r in scope.roots:
            free = _symbols((r.equation, r.bracket))
            if r.symbol not in out and free & out:
                out.add(r.symbol)
                changed = True
        for sysm in getattr(scope, "systems", ()) or ():
            syms = set(getattr(sysm, "symbols", ()))
            free = _symbols((getattr(sysm, "equations", ()), getattr(sysm, "box", ())))
            if not syms <= out and free & out:
                out |= syms
                changed = True
    return out


# --------------------------------------------------------------------------------------------------
# the driver
# --------------------------------------------------------------------------------------------------
def run(deriv: Derivation, *, digits: int = 30, samples: int = 5, certify_time: float = 2.0,
        timeout: float | None = 30.0, max_paths: int = 10, delta: Fraction = DELTA, max_runs: int | None = None,
        scope: bool = True, depth: int = 0, progress: Callable[[str], None] | None = None) -> VacuityReport:
    """Perturb the model of ``deriv`` and classify each leaf claim (see the module docstring).

    ``max_paths``: parts perturbed per model value (spread over the value); ``max_runs``: a cap on the
    perturbed module runs (None: no cap; a claim not reached within the cap is reported unreached); ``depth``:
    levels of conjunctions split into separate claims (:func:`leaves`).
    """
    t0 = time.perf_counter()
    say = progress or (lambda _m: None)
    s = _Settings(digits, samples, certify_time, timeout, depth)
    report = VacuityReport(deriv.name)
    try:
        src = vx.find_source(deriv)
        inst = vx.instrument(src.file.read_text(), str(src.file), (src.module.split(".")[0]
                                                                   if "." in src.module else "derivations"))
    except (LookupError, OSError, SyntaxError) as exc:
        report.failed = f"{type(exc).__name__}: {exc}"
        return report
    try:
        _run(report, inst, src, s, max_paths, Fraction(delta), max_runs, scope, say)
    except _BaselineFailed as exc:
        report.failed = str(exc)
    finally:
        vx.forget(src)
    report.seconds = time.perf_counter() - t0
    return report


def _run(report: VacuityReport, inst: vx.Instrumented, src: vx.Source, s: _Settings, max_paths: int,
         delta: Fraction, max_runs: int | None, with_scope: bool, say: Callable[[str], None]) -> None:
    code = inst.code
    seen: dict = {}
    at_import: set = set()
    try:
        base = _execute(code, src, None, s.depth, mode="record", seen=seen, fired=at_import)
    except Exception as exc:  # noqa: BLE001 - the instrumented module does not run: nothing to perturb
        raise _BaselineFailed(f"the instrumented module does not run: {type(exc).__name__}: {exc}") from exc
    results: dict[str, ClaimVacuity] = {}
    fired_by: dict[str, set] = {}
    live: set[str] = set()
    for key, leaf in base.leaves.items():
        res = results[key] = ClaimVacuity(leaf.key, leaf.top)
        if leaf.expect != "holds":
            res.outcome, res.reason = "expected_failure", "expected to fail" + (
                f" (pinned to {leaf.claim.corrected})" if getattr(leaf.claim, "corrected", "") else "")
            continue
        if leaf.model_free:
            res.outcome, res.reason = "model_free", f"model-free: {leaf.model_free}"
            continue
        fired: set = set()
        with vx.state(mode="record", seen=seen, fired=fired):
            outcome, detail, _ = _check(leaf.claim, base.deriv.scope, s)
        fired_by[key] = fired
        say(f"baseline {key}: {outcome}")
        if outcome != "held":
            res.outcome, res.reason = "not_holding", f"baseline check: {outcome}: {detail[:200]}"
            continue
        live.add(key)
    report.claims = list(results.values())

    # the perturbable values, and those that are sources (read no other perturbable value; a reparametrization
    # of one parameter, such as I = 1/T, is read through like the parameter itself)
    plans = {key: list(perturbations(key, value, max_paths=max_paths, delta=delta)) for key, value in seen.items()}
    params = _parameter_symbols(base.deriv.scope)
    perturbable = {key[0] for key, p in plans.items() if p} - {key[0] for key, value in seen.items()
                                                                if _reparametrization(value, params)}

    def source(key) -> bool:
        return not inst.derived(key, perturbable)

    sources = [key for key in seen if plans[key] and source(key)]
    derived = [key for key in seen if plans[key] and not source(key)]
    report.sites = len(sources)
    sweep = _Sweep(report, code, src, base, results, fired_by, at_import, live, s, max_runs, say)
    sweep.run(sources, plans, derived=False)
    if with_scope:
        _scope_perturbations(report, base, results, live, s, delta, say)
    sweep.run(derived, plans, derived=True)
    report.runs = sweep.runs
    for key, res in results.items():
        if res.outcome in ("expected_failure", "model_free", "not_holding"):
            continue
        _conclude(res)


class _BaselineFailed(Exception):
    """The derivation's instrumented module does not run unperturbed."""


class _Sweep:
    """Perturbations of model values, each tried on the live claims it reaches."""

    def __init__(self, report, code, src, base: _Run, results: dict, fired_by: dict, at_import: set, live: set,
                 s: _Settings, max_runs: int | None, say) -> None:
        self.report, self.code, self.src, self.base = report, code, src, base
        self.results, self.fired_by, self.at_import, self.live = results, fired_by, at_import, live
        self.s, self.max_runs, self.say = s, max_runs, say
        self.runs = 0

    def run(self, keys: list, plans: dict, derived: bool) -> None:
        for key in keys:
            for pert in plans[key]:
                if not self.live:
                    return
                self.one(pert, derived)

    def one(self, pert: Perturbation, derived: bool) -> None:
        key = pert.key
        check_time = {k for k, f in self.fired_by.items() if key in f}
        if key in self.at_import:
            if self.max_runs is not None and self.runs >= self.max_runs:
                return
            self.runs += 1
            try:
                run = _execute(self.code, self.src, self.s.timeout, self.s.depth, mode="perturb", active=pert)
            except (Exception, MutantTimeout) as exc:  # noqa: BLE001 - a perturbed model that does not build
                self.report.errors.append(f"{pert.describe()}: {type(exc).__name__}: {exc}")
                return
            if run.scope_key != self.base.scope_key:
                # a value the scope is built from (a root's closed form, a bracket): a hint, not the model;
                # the scope is perturbed through its parameters' ranges
                self.report.skipped.append(f"{pert.describe()}: changes the scope (a root's definition or hint)")
                return
            base = self.base.keys
            changed = {k for k, fp in run.keys.items() if k in base and (fp is None or fp != base[k])}
        else:
            run, changed = self.base, set()        # the value is bound only while claims are checked
        affected = (changed | check_time) & set(run.leaves)
        reach = sorted(affected & self.live, key=list(self.base.leaves).index)
        if not reach:
            return
        self.report.perturbations += 1
        label = ("derived value " if derived else "") + pert.describe()
        for k in reach:
            with vx.state(mode="perturb", active=pert):
                t1 = time.perf_counter()
                outcome, detail, _ = _check(run.leaves[k].claim, run.deriv.scope, self.s)
            self.results[k].trials.append(Trial(label, outcome, detail, time.perf_counter() - t1, derived))
            self.say(f"{label} -> {k}: {outcome}")
            if outcome == "refuted":
                self.live.discard(k)


def _scope_perturbations(report, base: _Run, results: dict, live: set, s: _Settings, delta: Fraction, say) -> None:
    scope = base.deriv.scope
    mentions = {k: _symbols(base.leaves[k].claim) for k in list(live)}
    for sym, desc, new in scope_shifts(scope, delta):
        reach = {k for k in live if mentions.get(k, set()) & _dependents(scope, sym)}
        if not reach:
            continue
        if isinstance(new, str):
            report.errors.append(f"{desc}: {new}")
            continue
        report.perturbations += 1
        for k in sorted(reach, key=list(base.leaves).index):
            t1 = time.perf_counter()
            with vx.state():
                outcome, detail, _ = _check(base.leaves[k].claim, new, s)
            results[k].trials.append(Trial(desc, outcome, detail, time.perf_counter() - t1))
            say(f"{desc} -> {k}: {outcome}")
            if outcome == "refuted":
                live.discard(k)


def _conclude(res: ClaimVacuity) -> None:
    first = [t for t in res.trials if not t.derived]
    kill = next((t for t in first if t.outcome == "refuted"), None)
    if kill is not None:
        res.outcome, res.reason = "killed", f"killed by {kill.perturbation}"
        return
    late = next((t for t in res.trials if t.derived and t.outcome == "refuted"), None)
    held = sum(t.outcome == "held" for t in first)
    other = len(first) - held
    if held:
        # the model's sources reached it and it held under all of them: a derived value that refutes it is
        # computed from those sources (the claim holds for whatever they are), so it is one of its sides
        res.outcome = "vacuous"
        res.reason = (f"holds under all {held} model perturbations that reach it"
                      + (f" ({other} more were undecided or failed to check)" if other else "")
                      + (f"; only perturbing a value derived from them refutes it ({late.perturbation})"
                         if late is not None else ""))
        return
    if first:
        res.outcome, res.reason = "undecided", f"none of the {len(first)} perturbations that reach it could be decided"
    elif late is not None:
        res.outcome = "derived_only"
        res.reason = (f"no perturbation of a source model value or of the scope reaches it; one of a derived value "
                      f"refutes it: {late.perturbation}.  If that value is a model object (a mechanism, a price), "
                      f"define it from no other model value; if it is a side of the claim, the claim is vacuous")
    else:
        res.outcome = "unreached"
        res.reason = ("no perturbation of a model value of the derivation refutes it, and none of a source value "
                      "or of the scope reaches it (name the model objects it is about, or mark it "
                      "model_free='why')")
