"""Claims: named statements with a domain and a source, checked into Verdicts.

* :class:`Identity`   ``lhs == rhs`` for all parameters (and bound variables).
* :class:`Inequality` ``lhs >= rhs`` (or >, <=, <) for all of them.
* :class:`AllOf`      a conjunction (e.g. a saddle point); its verdict is the
  weakest of its parts.

A claim never learns which prover settled it except through its Verdict.
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Sequence

import mpmath
import sympy as sp

from . import hints, obligations, provers
from .branches import has_branches, resolve_branches
from .end_limits import probe_ends
from .falsify import falsify, falsify_box, float_candidates
from .kernel import rules
from .kernel.floats import exact_floats
from .kernel.verdict import HOLDING, Hint, Status, Verdict
from .provers import Bound, sample_values, symbolic_nonneg, symbolic_zero, tolerance
from .ranges import point_in_range, unit_interval
from .scope import Scope
from .singularities import probe_singularities
from .witness import Recheck, exact_point, recheck

#: seconds for the exact cross-check of a claim that sampling already refutes
REFUTED_CROSSCHECK_SECONDS = 3.0

_EXPECT = ("holds", "fails")
#: verdict cache of relational claims: key -> (scope, verdict); cleared by Derivation.verify
_MEMO: dict = {}
_STRENGTH = {Status.PROVED: 3, Status.CERTIFIED: 2, Status.CONFIRMED: 1}


def _bounds(over) -> tuple[Bound, ...]:
    out = []
    for item in over or ():
        if isinstance(item, sp.Symbol):
            raise ValueError(f"bound variable {item} needs a range: give (var, lo, hi)")
        var, lo, hi = item
        out.append((var, sp.sympify(lo), sp.sympify(hi)))
    return tuple(out)


@dataclass
class Claim:
    """Base class: a statement with an id, a LaTeX statement, a source and an expectation."""

    id: str
    statement: str = ""
    source: str = ""
    expect: str = "holds"
    note: str = ""

    def __post_init__(self) -> None:
        if self.expect not in _EXPECT:
            raise ValueError(f"expect must be 'holds' or 'fails', got {self.expect!r}")

    def check(self, scope: Scope, *, digits: int = 50, samples: int = 9) -> Verdict:
        raise NotImplementedError

    def agrees(self, verdict: Verdict) -> bool:
        """Whether a verdict matches the claim's expectation (undecided never does)."""
        if self.expect == "holds":
            return verdict.status in HOLDING
        return verdict.status is Status.REFUTED

    def _latex(self, printer=None) -> str:
        return self.statement

    def _repr_latex_(self) -> str:
        return "$\\displaystyle " + self.statement + "$"

    def _auto_statement(self) -> str:
        """The LaTeX statement written from the claim itself when none is given (built on first use)."""
        return ""


def _get_statement(self: Claim) -> str:
    text = self.__dict__.get("_statement", "")
    if not text:
        text = self._auto_statement()
        if text:
            self.__dict__["_statement"] = text
    return text


def _set_statement(self: Claim, text: str) -> None:
    self.__dict__["_statement"] = text or ""


# a lazy field: sp.latex of large expressions is slow, and most statements are never printed
Claim.statement = property(_get_statement, _set_statement)  # type: ignore[assignment]


def _forall_tex(bounds: Sequence[Bound]) -> str:
    if not bounds:
        return ""
    parts = [rf"{sp.latex(v)} \in [{sp.latex(lo)}, {sp.latex(hi)}]" for v, lo, hi in bounds]
    return r"\quad \forall\, " + ",\\ ".join(parts)


@dataclass
class _Relational(Claim):
    lhs: sp.Expr = sp.Integer(0)
    rhs: sp.Expr = sp.Integer(0)
    over: tuple = ()

    def __post_init__(self) -> None:
        super().__post_init__()
        # the one Float rule: a Float is the exact binary number it stores (symmech.kernel.floats)
        self.lhs = exact_floats(self.lhs)
        self.rhs = exact_floats(self.rhs)
        self.over = tuple((v, exact_floats(lo), exact_floats(hi)) for v, lo, hi in _bounds(self.over))

    @property
    def bound_symbols(self) -> list[sp.Symbol]:
        return [b[0] for b in self.over]

    def _memo_key(self, scope: Scope, digits: int, samples: int) -> tuple:
        return (type(self).__name__, self.lhs, self.rhs, getattr(self, "rel", None), self.over,
                tuple((tuple(sorted(m.items(), key=str)), r) for m, r in getattr(self, "rewrites", ())),
                id(scope), digits, samples, provers._certifier_enabled.get(), provers.certify_time_limit(),
                provers.tactic_time_limit())

    def check(self, scope: Scope, *, digits: int = 50, samples: int = 9) -> Verdict:
        """Checked once per (claim content, scope, settings); repeated sub-claims reuse the verdict."""
        key = self._memo_key(scope, digits, samples)
        hit = _MEMO.get(key)
        if hit is not None and hit[0] is scope:
            return hit[1]
        syms = self.lhs.free_symbols | self.rhs.free_symbols
        for _, lo, hi in self.over:
            syms |= sp.sympify(lo).free_symbols | sp.sympify(hi).free_symbols
        if scope.roots and hints.roots_in(syms, scope):
            hints.root_hints(scope, digits=min(digits, 30), samples=min(samples, 5))  # before any elimination
        if scope.systems and any(syms & set(system.symbols) for system in scope.systems):
            hints.system_hints(scope)          # likewise: a system is eliminated only through checked hints
        self.__dict__["_unresolved"] = []
        verdict = _unresolved_gate(self._check(scope, digits=digits, samples=samples),
                                   self.__dict__.pop("_unresolved", []), self.over)
        verdict = _integer_gate(verdict, scope)
        verdict = hints.apply_root_trust(verdict, syms, scope, digits, samples)
        _MEMO[key] = (scope, verdict)
        return verdict

    def _prepare(self, scope: Scope) -> sp.Expr:
        for e in (self.lhs, self.rhs):
            scope.check_symbols(e, self.bound_symbols)
        earlier: list = []
        for var, lo, hi in self.over:
            # an end may depend on the bound variables before it: ranges over a simplex or any region
            # {v_1 in [a, b], v_2 in [c(v_1), d(v_1)], ...}, not only over boxes
            scope.check_symbols(lo, earlier)
            scope.check_symbols(hi, earlier)
            _check_bound_assumptions(scope, var, lo, hi)
            earlier.append(var)
        diff = self.lhs - self.rhs
        diff = diff.doit() if diff.has(sp.Integral) else diff
        return denest_constant_radicals(diff)

    def _reproduced(self, f: sp.Expr, scope: Scope, candidates: Sequence, relation: str, digits: int,
                    scale: sp.Expr, limit: int = 4) -> tuple[list, dict, int]:
        """The candidates (samples or point errors) whose violation survives :func:`witness.recheck`
        at their exact point (rigorously, or at twice the digits), the rechecks by candidate id, and
        how many were rounding artefacts."""
        kept, info, artefacts = [], {}, 0
        candidates = [c for c in candidates if scope.admissible(c.params)]   # integers stay integers
        for c in list(candidates)[:limit]:
            point = exact_point(c.params, self.over, c.fractions)
            r = recheck(f, scope, point, relation, digits, scale)
            if r.violated and r.rigorous:
                kept.append(c)
                info[id(c)] = r
            elif r.violated is False:
                artefacts += 1
            else:
                # a violation that only floating point sees, or a point that cannot be evaluated again: no
                # counterexample, and no "confirmed" either (see check)
                self.__dict__.setdefault("_unresolved", []).append((c, r))
        return kept, info, artefacts

    def _original_point(self, scope: Scope, point: dict, box: dict) -> dict | None:
        """A point of the claim's box in proof coordinates (bound variables as fractions ``s``, a
        parameter that a root inverts replaced by the root) as an exact point in the claim's own
        coordinates; None if it lies outside the scope (a too-wide image hint)."""
        params: dict = {}
        fractions: dict = {}
        s_of = {f"_s_{var}": var for var, _, _ in self.over}
        for sym, val in point.items():
            name = str(sym)
            if name in s_of:
                q = sp.sympify(val)
                fractions[s_of[name]] = Fraction(int(q.p), int(q.q)) if q.is_Rational else q
            elif sym in scope.parameters:
                params[sym] = sp.sympify(val)
        inverted = {root.inverse[0]: root for root in scope.roots
                    if root.symbol in point and root.inverse is not None}
        base = scope.sample_points(1)[0]
        for sym, dom in scope.parameters.items():
            if sym not in params and sym not in inverted:
                # a parameter the claim does not involve (not in its box): any value of its range will do
                params[sym] = base[sym] if isinstance(dom, sp.Interval) else sp.sympify(dom)
        for param, root in inverted.items():
            h = root.inverse[1]
            params[param] = h.subs(root.symbol, sp.sympify(point[root.symbol])).subs(params)
        for sym, dom in scope.parameters.items():
            try:
                if isinstance(dom, sp.Interval) and not _inside(params[sym], dom):
                    return None
            except TypeError:          # not a number: no point of the scope
                return None
        return exact_point(params, self.over, fractions)

    def _constant_box_nonneg(self, scope: Scope, f: sp.Expr, strict: bool) -> bool:
        """The tactics on the claim's own coordinates when every bound variable has constant ends (the map
        to ``s`` in [0, 1] spreads the ends' radicals through the expression); a short budget of its own."""
        ends = [sp.sympify(x) for _, lo, hi in self.over for x in (lo, hi)]
        if (not self.over or any(x.free_symbols or x.has(sp.Function) for x in ends)
                or all(x.is_Rational for x in ends)):
            return False                     # only radical ends: the map to [0, 1] spreads those
        taken = set(scope.parameters) | {r.symbol for r in scope.roots}
        box: dict = {}
        for var, lo, hi in self.over:
            if var in taken or not bool(sp.N(hi - lo, 30) > 0):
                return False
            box[var] = sp.Interval(lo, hi)
        e, domains = scope.eliminate(f)
        for sym, dom in domains.items():
            if sym in e.free_symbols and sym not in box:
                box[sym] = dom
        return bool(provers.within_budget(lambda: symbolic_nonneg(e, box, strict), 3))

    def _box(self, scope: Scope, expr: sp.Expr) -> tuple[sp.Expr, dict]:
        """Expression over a fixed box: bound vars become lo + s (hi - lo), s in [0, 1]."""
        e = expr
        box: dict = {}
        for var, lo, hi in reversed(self.over):
            s = sp.Dummy(f"s_{var}", nonnegative=True)
            e = e.subs(var, point_in_range(lo, hi, s))
            box[s] = unit_interval(lo, hi)
        e, domains = scope.eliminate(e)
        for sym, dom in domains.items():
            if sym in e.free_symbols:
                box[sym] = dom
        return e, box


#: tactic budget (seconds) for an inequality whose box holds only constant enclosures
THIN_BOX_SECONDS = 3.0
#: tactic budget (seconds) of an ``Implied`` claim's first direct attempt when it has a checked route
IMPLIED_DIRECT_SECONDS = 1.0


def _thin(dom) -> bool:
    """``dom`` is an interval of constant ends narrower than 1e-12 (an enclosure of one number)."""
    if not isinstance(dom, sp.Interval) or dom.start.free_symbols or dom.end.free_symbols:
        return False
    if not (dom.start.is_finite and dom.end.is_finite):
        return False
    return bool(sp.N(dom.end - dom.start, 20) < sp.Float("1e-12"))


def _long_ends(dom) -> bool:
    """``dom`` is an interval with a rational end of more than 15 digits (e.g. a root's image enclosure)."""
    if not isinstance(dom, sp.Interval):
        return False
    return any(isinstance(x, sp.Rational) and not x.is_Integer and max(abs(x.p), x.q) > 10 ** 15
               for x in (dom.start, dom.end))


def _coarse_nonneg(e: sp.Expr, box: dict, strict: bool, places: int = 3) -> bool:
    """The tactics on a wider box: each constant enclosure (a fixed root's bracket, with ends of ~100 digits
    that make SymPy factor integers) widened to ``places`` decimals, other long rational ends rounded
    outward to ``2 places``.  Sound: a sign shown on a superset of the box holds on the box; a short
    budget of its own."""
    wide, changed = {}, False
    for sym, dom in box.items():
        digits = places if _thin(dom) else 2 * places if _long_ends(dom) else None
        if digits is not None:
            scale = 10 ** digits
            lo = sp.Rational(sp.floor(dom.start * scale), scale)
            hi = sp.Rational(sp.ceiling(dom.end * scale), scale)
            wide[sym], changed = sp.Interval(lo, hi), True
        else:
            wide[sym] = dom
    if not changed:
        return False
    return bool(provers.within_budget(lambda: symbolic_nonneg(e, wide, strict), THIN_BOX_SECONDS))


def _inside(value: sp.Expr, dom: sp.Interval) -> bool:
    """``value`` lies in ``dom`` (exactly when SymPy decides it, else at 60 digits with a margin)."""
    c = dom.contains(value)
    if c in (sp.true, sp.false):
        return bool(c)
    v = sp.N(value, 60)
    margin = sp.Float(10) ** -50
    lo_ok = v > dom.start + margin if dom.left_open else v >= dom.start - margin
    hi_ok = v < dom.end - margin if dom.right_open else v <= dom.end + margin
    return bool(lo_ok and hi_ok)


def _recheck_note(r: Recheck | None) -> str:
    return "" if r is None else f"; rechecked at the exact point: {r.value} ({r.how})"


def _artefact_note(n: int) -> str:
    return "" if not n else (f"; {n} sampled violation(s) were rounding artefacts: they vanish at the exact "
                             f"point (rigorously or at twice the digits)")


def _unresolved_gate(verdict: Verdict, unresolved: list, over) -> Verdict:
    """A sampled violation that the rigorous recheck could neither show nor dismiss leaves the claim undecided
    at that point: evidence is not ``confirmed`` past it, and a proof that floating point contradicts there
    is a conflict to report."""
    if not unresolved:
        return verdict
    c, r = unresolved[0]
    where = c.witness(over) if hasattr(c, "witness") else {}
    seen = f"{r.value} ({r.how})" if r.value else (r.how or "not evaluable again")
    if verdict.status is Status.CONFIRMED:
        return Verdict(Status.UNDECIDED, "mpmath", f"a sampled violation at {where} was not shown rigorously "
                       f"at its exact point: {seen}; {verdict.detail}", digits=verdict.digits,
                       points=verdict.points, witness=where, witness_value=r.value or None)
    if verdict.is_proof and any(rr.violated for _, rr in unresolved):
        return Verdict(Status.UNDECIDED, "symbolic vs mpmath",
                       f"SOUNDNESS CONFLICT: {verdict.status.value} ({verdict.detail[:200]}) but floating point "
                       f"sees a violation at {where}: {seen}", digits=verdict.digits, witness=where,
                       witness_value=r.value or None, conflict=True)
    return verdict


def _integer_gate(verdict: Verdict, scope: Scope) -> Verdict:
    """A counterexample must give every integer parameter an integer value; one that does not (a float
    search or a near-end probe between integers) refutes nothing."""
    if verdict.status is not Status.REFUTED or not scope.integer_parameters or verdict.witness is None:
        return verdict
    if scope.admissible(verdict.witness):
        return verdict
    names = ", ".join(sorted(str(s) for s in scope.integer_parameters))
    return replace(verdict, status=Status.UNDECIDED,
                   detail=f"the violation found lies between integers ({names} must be integers), so it refutes "
                          f"nothing; no violation at the integers sampled: {verdict.detail}")


def denest_constant_radicals(expr: sp.Expr) -> sp.Expr:
    """``expr`` with square roots of constant sums denested where that is shorter
    (``sqrt(3 - 2 sqrt 2) = sqrt 2 - 1``): an exact rewrite that spares every tactic the nested radicals."""
    if not isinstance(expr, sp.Basic):
        return expr
    subs = {}
    for node in sp.preorder_traversal(expr):
        if (isinstance(node, sp.Pow) and not node.free_symbols and node.base.is_Add
                and isinstance(node.exp, sp.Rational) and node.exp.q == 2 and node.base.has(sp.Pow)):
            root = sp.sqrt(node.base)
            got = provers.within_budget(lambda r=root: sp.sqrtdenest(r), 2)
            if got is not None and got != root and sp.count_ops(got) < sp.count_ops(root):
                subs[node] = got ** (2 * node.exp)
    return expr.xreplace(subs) if subs else expr


def _check_bound_assumptions(scope: Scope, var: sp.Symbol, lo: sp.Expr, hi: sp.Expr) -> None:
    """A bound variable's sign assumptions must hold on its whole range (soundness of tactics)."""
    needs = []
    if var.is_positive or var.is_nonnegative:
        needs.append((lo, var.is_positive))
    if var.is_negative or var.is_nonpositive:
        needs.append((-hi, var.is_negative))
    for expr, strict in needs:
        e, dom = scope.eliminate(expr)
        if not symbolic_nonneg(e, {s: d for s, d in dom.items() if s in e.free_symbols}, strict):
            raise ValueError(f"bound variable {var} carries sign assumptions that its range "
                             f"[{lo}, {hi}] is not shown to respect; use a plain Symbol")
    if var.is_integer:
        raise ValueError(f"bound variable {var} is declared integer; not supported")


@dataclass
class Identity(_Relational):
    """``lhs == rhs`` for every parameter value in the scope and every bound value.

    ``rewrites`` are proof hints: ``(mapping, reason)`` pairs of exact
    substitutions (e.g. ``{LambertW(-k/E, -1): W, k: -W*exp(W + 1)}``, "defining
    property of W_{-1} on (0, 1)") tried by the symbolic prover; the numeric
    cross-check always runs on the original, unrewritten claim.
    """

    rewrites: tuple = ()

    def __post_init__(self) -> None:
        super().__post_init__()

    def _auto_statement(self) -> str:
        return sp.latex(self.lhs) + " = " + sp.latex(self.rhs) + _forall_tex(self.over)

    def _check(self, scope: Scope, *, digits: int = 50, samples: int = 9) -> Verdict:
        """Symbolic zero test, always cross-checked by mpmath at ``digits`` digits."""
        diff = self._prepare(scope)
        boxed, box = self._box(scope, diff)
        used = ""

        rewrite_hints: list = []
        used_rewrite: list = []

        def exact() -> bool:
            nonlocal used
            if symbolic_zero(diff) or symbolic_zero(boxed):
                return True
            for (mapping, reason), hint in zip(self.rewrites, rewrite_hints):
                if hint.checked and symbolic_zero(diff.subs(mapping)):
                    used = f" after rewriting {mapping} ({reason}; the rewrite is {hint.status})"
                    used_rewrite.append(hint)
                    return True
            if has_branches(boxed):
                resolved = resolve_branches(boxed, box)
                if resolved != boxed and symbolic_zero(resolved):
                    used = " after resolving the branches (min/max/piecewise) that are fixed on the domain"
                    return True
            how = provers.zero_on_box(boxed, box)
            if how:
                used = f" ({how})"
                return True
            return False

        scale = sp.Abs(self.lhs) + sp.Abs(self.rhs)

        def sampled(screen: bool):
            pts, errors = sample_values(diff, scope, self.over, dps=digits, samples=samples, scale_expr=scale,
                                        screen=screen)
            bad = [p for p in pts if abs(p.value.value) > tolerance(digits, p.scale)]
            # nothing sampled is trusted: a violation must survive the exact recheck (or 2x the digits)
            bad, bad_info, art1 = self._reproduced(diff, scope, bad, "==", digits, scale)
            nonreal, nr_info, art2 = self._reproduced(diff, scope, _nonreal(errors, digits), "real", digits, scale)
            return pts, errors, bad, bad_info, nonreal, nr_info, art1 + art2

        # a screening grid first; the full grid only for an identity the exact test does not prove
        pts, errors, bad, bad_info, nonreal, nr_info, arts = sampled(screen=True)
        if self.rewrites and not (bad or nonreal):
            # a rewrite is an author's hint: used only once the tool has shown it holds on the domain
            rewrite_hints.extend(self._rewrite_hints(scope, digits, samples))
        # sampling first: when it already refutes, the exact test only cross-checks (a short budget),
        # since a false identity can keep SymPy busy for long
        sym_ok = provers.within_budget(exact, REFUTED_CROSSCHECK_SECONDS if bad or nonreal else None)
        if not sym_ok and not (bad or nonreal) and self.over:
            pts, errors, bad, bad_info, nonreal, nr_info, arts = sampled(screen=False)
        artefacts = _artefact_note(arts)
        verdict = self._identity_verdict(scope, diff, scale, pts, errors, bad, bad_info, nonreal, nr_info,
                                         artefacts, sym_ok, used, digits)
        if rewrite_hints:
            verdict = verdict.with_trust(
                [h if h in used_rewrite else replace(h, used=False) for h in rewrite_hints])
        return verdict

    def _rewrite_hints(self, scope: Scope, digits: int, samples: int) -> list:
        cache = scope.__dict__.setdefault("_rewrite_hints", {})
        out = []
        for mapping, reason in self.rewrites:
            key = (tuple(sorted(((sp.sympify(a), sp.sympify(b)) for a, b in mapping.items()), key=str)),
                   self.over, id(scope))
            if key not in cache:
                cache[key] = hints.check_rewrite(self, mapping, reason, scope, min(digits, 30), min(samples, 5))
            out.append(cache[key])
        return out

    def _identity_verdict(self, scope, diff, scale, pts, errors, bad, bad_info, nonreal, nr_info, artefacts,
                          sym_ok, used, digits) -> Verdict:
        info = f"{len(pts)} points at {digits} digits"
        too_few = len(errors) > len(pts)
        if errors:
            info += f"; {len(errors)} points not evaluable (e.g. {errors[0]})"
        if sym_ok and bad:
            w = bad[0]
            return Verdict(
                Status.UNDECIDED, "symbolic vs mpmath",
                f"SOUNDNESS CONFLICT: SymPy simplifies to 0 but mpmath gives {w.value} at {w.describe()}"
                + _recheck_note(bad_info.get(id(w))),
                digits=digits, points=provers.points_summary(pts), witness=w.witness(self.over),
                witness_value=str(w.value), conflict=True)
        if sym_ok and nonreal:
            e = nonreal[0]
            return Verdict(Status.UNDECIDED, "symbolic vs mpmath",
                           f"SOUNDNESS CONFLICT: SymPy simplifies to 0 but lhs - rhs is not real: {e}",
                           digits=digits, witness=e.witness(self.over), witness_value=str(e.nonreal), conflict=True)
        if sym_ok:
            return rules.exact_zero(f"simplifies to 0{used}; mpmath agrees at {info}{artefacts}",
                                    evaluated=len(pts), digits=digits, points=provers.points_summary(pts))
        if bad:
            w = bad[0]  # the first bad sample: nice parameter values come first
            r = bad_info[id(w)]
            return Verdict(Status.REFUTED, "exact",
                           f"lhs - rhs = {w.value} != 0 at {w.describe()}{_recheck_note(r)}", digits=digits,
                           points=provers.points_summary(pts), witness=w.witness(self.over),
                           witness_value=str(w.value))
        if nonreal:
            e = nonreal[0]
            return Verdict(Status.REFUTED, "exact",
                           f"lhs - rhs = {sp.N(e.nonreal, 20)} is not real, so it is not 0 (SymPy's principal "
                           f"branches) at {e.witness(self.over)}{_recheck_note(nr_info.get(id(e)))}", digits=digits,
                           witness=e.witness(self.over), witness_value=str(sp.N(e.nonreal, 20)))
        # below the tolerance everywhere: an exact residual that is certainly nonzero still refutes
        tiny, tiny_info, _ = self._reproduced(diff, scope, [p for p in pts if not _has_roots(diff, scope)],
                                              "==", digits, scale, limit=3)
        tiny = [p for p in tiny if tiny_info[id(p)].rigorous]
        if tiny:
            w = tiny[0]
            r = tiny_info[id(w)]
            return Verdict(Status.REFUTED, "exact",
                           f"lhs - rhs is exactly nonzero at {w.describe()}: {r.value} ({r.how}), although "
                           f"below the {digits}-digit tolerance", digits=digits,
                           points=provers.points_summary(pts), witness=w.witness(self.over), witness_value=r.value)
        if not pts or too_few:
            return Verdict(Status.UNDECIDED, "mpmath", "most sample points could not be evaluated; " + info)
        return Verdict(Status.CONFIRMED, "mpmath",
                       f"SymPy could not simplify to 0; |lhs - rhs| below 1e-{digits - 10} at {info}{artefacts}",
                       digits=digits, points=provers.points_summary(pts))


def _refine_minimum(expr: sp.Expr, syms: list, start: dict, box: dict, dps: int = 40) -> dict:
    """Coordinate-wise ternary search (mpmath, ``dps`` digits) for a local minimum of ``expr`` near
    ``start`` inside ``box``; returns mpmath-accurate Floats."""
    try:
        fn = sp.lambdify(syms, expr, modules="mpmath")
    except Exception:
        return {s: sp.N(v, 15) for s, v in start.items()}
    with mpmath.workdps(dps):
        x = [mpmath.mpf(str(sp.N(start[s], 20))) for s in syms]

        def val(xs):
            try:
                v = mpmath.mpmathify(fn(*xs))
                return v.real if abs(v.imag) < mpmath.mpf(10) ** (-dps + 5) else mpmath.inf
            except Exception:
                return mpmath.inf

        for _ in range(3):
            for i, s in enumerate(syms):
                lo = max(x[i] - mpmath.mpf("1e-4"), mpmath.mpf(str(sp.N(box[s].start, dps))))
                hi = min(x[i] + mpmath.mpf("1e-4"), mpmath.mpf(str(sp.N(box[s].end, dps))))
                for _ in range(int(dps * 5)):
                    m1, m2 = lo + (hi - lo) / 3, hi - (hi - lo) / 3
                    y1, y2 = list(x), list(x)
                    y1[i], y2[i] = m1, m2
                    if val(y1) <= val(y2):
                        hi = m2
                    else:
                        lo = m1
                x[i] = (lo + hi) / 2
        return {s: sp.Float(mpmath.nstr(xi, dps), dps) for s, xi in zip(syms, x)}


def _recognise(x: sp.Float) -> sp.Expr:
    """A simple exact number within 1e-15 of ``x`` (a rational, or one with pi, e or sqrt 2), else ``x``."""
    best = None
    for consts in ([], [sp.pi], [sp.E], [sp.sqrt(2)]):
        try:
            g = sp.nsimplify(x, consts, tolerance=1e-15, rational=not consts)
        except Exception:
            continue
        if abs(sp.N(g - x, 30)) < 1e-15 and len(str(g)) <= 16 and (best is None or len(str(g)) < len(str(best))):
            best = g
    return x if best is None else best


def _grid3(n: int):
    if n == 0:
        yield ()
        return
    for g in (Fraction(0), Fraction(1, 2), Fraction(1)):
        for rest in _grid3(n - 1):
            yield (g, *rest)


def _has_roots(f: sp.Expr, scope: Scope) -> bool:
    return bool(sp.sympify(f).free_symbols & {r.symbol for r in scope.roots})


_REL = {">=": (1, False), ">": (1, True), "<=": (-1, False), "<": (-1, True)}


@dataclass
class Inequality(_Relational):
    """``lhs REL rhs`` (REL one of >=, >, <=, <) for all parameters and bound values."""

    rel: str = ">="

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.rel not in _REL:
            raise ValueError(f"relation must be one of {sorted(_REL)}, got {self.rel!r}")

    def _auto_statement(self) -> str:
        tex = {">=": r"\ge", ">": ">", "<=": r"\le", "<": "<"}[self.rel]
        return f"{sp.latex(self.lhs)} {tex} {sp.latex(self.rhs)}" + _forall_tex(self.over)

    def _unbox_witness(self, witness, box, scope):
        return _unbox(self, witness, box, scope)

    def _in_region(self, point: dict) -> bool:
        """Every bound variable of ``point`` lies in its range at the point (exactly): a box point maps
        outside a region that is not a box where a section is empty (hi < lo)."""
        vals = {sp.Symbol(k) if isinstance(k, str) else k: v for k, v in point.items()}
        for var, lo, hi in self.over:
            x = vals.get(var)
            if x is None:
                continue
            lo_v, hi_v = sp.sympify(lo).subs(vals), sp.sympify(hi).subs(vals)
            if (hi_v - lo_v).is_negative or (x - lo_v).is_negative or (hi_v - x).is_negative:
                return False
        return True

    def _box_refutation(self, scope: Scope, f: sp.Expr, scale: sp.Expr, point: dict, box: dict, digits: int,
                        how: str, value: str = "") -> Verdict | None:
        """A point of the box (proof coordinates) that violates the claim there, turned into a refutation
        only if it is one in the claim's own coordinates: the parameter a root stands for must lie in its
        range and the violation must survive the exact recheck with the true root (so a wrong image or
        inverse hint cannot produce a false counterexample)."""
        original = self._original_point(scope, point, box)
        if original is None or not scope.admissible(original) or not self._in_region(original):
            return None
        r = recheck(f, scope, original, ">" if _REL[self.rel][1] else ">=", digits, scale)
        if not (r.violated and r.rigorous):
            return None
        witness = _unbox(self, {str(k): str(v) for k, v in point.items()}, box, scope)
        for root in scope.roots:             # the parameter a root stands for, exactly and numerically
            if root.symbol in point and root.inverse is not None:
                param, h = root.inverse
                pv = h.subs(root.symbol, sp.sympify(point[root.symbol]))
                witness[str(param)] = f"{pv} = {sp.N(pv, 20)}"
        return Verdict(Status.REFUTED, "exact",
                       f"violated: value {value or r.value} at {witness} ({how}){_recheck_note(r)}", digits=digits,
                       witness=witness, witness_value=r.value)

    def _search_box(self, scope: Scope, f: sp.Expr, scale: sp.Expr, boxed: sp.Expr, boxed_scale: sp.Expr,
                    box: dict, digits: int) -> Verdict | None:
        """A refutation from the float search over the whole box in proof coordinates (parameters,
        defined roots through their exact range, bound variables), re-evaluated exactly."""
        hit = falsify_box(boxed, boxed_scale, box, dps=digits, tolerance=tolerance)
        if hit is None:
            return None
        point, value = hit
        return self._box_refutation(scope, f, scale, point, box, digits,
                                    "point found by the adversarial float search over the claim's box", str(value))

    def _check(self, scope: Scope, *, digits: int = 50, samples: int = 9) -> Verdict:
        """Sampling hunts for a violation; symbolic tactics, then the certifier, try to prove.  Every
        would-be counterexample is rechecked at its exact point before it refutes."""
        sign, strict = _REL[self.rel]
        rel = ">" if strict else ">="
        f = sign * self._prepare(scope)  # claim: f >= 0 (or > 0)
        scale = sp.Abs(self.lhs) + sp.Abs(self.rhs)

        def sampled(screen: bool):
            pts, errors = sample_values(f, scope, self.over, dps=digits, samples=samples, scale_expr=scale,
                                        screen=screen)
            bad = [p for p in pts if p.value.value < -tolerance(digits, p.scale)]
            bad, info_of, art1 = self._reproduced(f, scope, sorted(bad, key=lambda p: p.value.value), rel, digits,
                                                  scale)
            nonreal, nr_info, art2 = self._reproduced(f, scope, _nonreal(errors, digits), "real", digits, scale)
            return pts, errors, bad, info_of, nonreal, nr_info, art1 + art2

        def nonreal_refutation(nonreal, nr_info) -> Verdict:
            e = nonreal[0]
            return Verdict(Status.REFUTED, "exact",
                           f"a side is not real (value {sp.N(e.nonreal, 20)}, SymPy's principal branches), so "
                           f"the inequality fails at {e.witness(self.over)}{_recheck_note(nr_info.get(id(e)))}",
                           digits=digits, witness=e.witness(self.over), witness_value=str(sp.N(e.nonreal, 20)))

        # a screening grid first; the full grid only for a claim the exact tactics do not prove
        pts, errors, bad, info_of, nonreal, nr_info, artefacts = sampled(screen=True)
        if nonreal and not bad:
            return nonreal_refutation(nonreal, nr_info)
        (boxed, boxed_scale), box = self._box(scope, sp.Tuple(f, scale))   # one set of box symbols
        if bad:
            # sampling already refutes (checked at two precisions); only a cheap symbolic cross-check,
            # since the full tactics can run long when no time budget is available (e.g. under an outer timer)
            shown = bool(f.is_positive if strict else f.is_nonnegative)
        else:
            # the exact tactics before the float searches: a claim they prove needs no hunt for a
            # counterexample (the sample points above still cross-check it at `digits` digits).
            # Only constant enclosures in the box (e.g. a fixed root's bracket): the certifier's business,
            # so the exact tactics get a short budget before it
            # (a constant claim -- no box at all -- likewise: interval arithmetic settles it at once)
            thin = not self.over and all(_thin(d) for d in box.values())
            shown = provers.within_budget(
                lambda: self._constant_box_nonneg(scope, f, strict)
                or symbolic_nonneg(f, {}, strict) or _coarse_nonneg(boxed, box, strict)
                or symbolic_nonneg(boxed, box, strict)
                or (has_branches(boxed) and _resolved_nonneg(boxed, box, strict))
                or self._plain_nonneg(scope, f, box, strict),
                min(THIN_BOX_SECONDS, provers.tactic_time_limit()) if thin else None)
            if not shown and self.over:
                pts, errors, bad, info_of, nonreal, nr_info, artefacts = sampled(screen=False)
                if nonreal and not bad:
                    return nonreal_refutation(nonreal, nr_info)
        searched = ""
        if not bad and not shown and self.over:
            # the grid is coarse in several variables: a float search for thin violations,
            # every candidate re-evaluated exactly at `digits` digits
            found = falsify(f, scope, self.over, dps=digits, samples=samples, scale_expr=scale,
                            tolerance=tolerance)
            bad, more, art3 = self._reproduced(f, scope, found, rel, digits, scale)
            info_of.update(more)
            artefacts += art3
            searched = " (point found by the adversarial float search, re-evaluated exactly)" if bad else ""
        touching = [p for p in pts if abs(p.value.value) <= tolerance(digits, p.scale)]
        info = f"{len(pts)} points at {digits} digits"
        if errors:
            info += f"; {len(errors)} points not evaluable (e.g. {errors[0]})"
        info += _artefact_note(artefacts)
        too_few = len(errors) > len(pts)
        if not bad and not shown and scope.samples is None:
            hit = self._search_box(scope, f, scale, boxed, boxed_scale, box, digits)
            if hit is not None:
                return hit
        if shown and bad:
            w = bad[0]
            return Verdict(Status.UNDECIDED, "symbolic vs mpmath",
                           f"SOUNDNESS CONFLICT: shown symbolically but mpmath gives {w.value} at {w.describe()}"
                           + _recheck_note(info_of.get(id(w))),
                           digits=digits, witness=w.witness(self.over), witness_value=str(w.value),
                           conflict=True)
        if bad:
            w = min(bad, key=lambda p: p.value.value)
            r = info_of[id(w)]
            return Verdict(Status.REFUTED, "exact",
                           f"violated: value {w.value} at {w.describe()}{searched}{_recheck_note(r)}",
                           digits=digits, points=provers.points_summary(pts),
                           witness=w.witness(self.over), witness_value=str(w.value))
        if shown:
            return rules.exact_sign(f"shown by exact tactics; mpmath agrees at {info}", evaluated=len(pts),
                                    digits=digits, points=provers.points_summary(pts))
        if strict and touching:
            exact = _exact_zero(f, touching, self.over, scope)
            if exact is not None:
                return Verdict(Status.REFUTED, "symbolic",
                               f"strict inequality fails: the value is exactly 0 at {exact.describe()}",
                               digits=digits, points=provers.points_summary(pts),
                               witness=exact.witness(self.over), witness_value="0")
        cert = provers.try_certify(boxed, box, rel)
        if cert is not None and cert.status is Status.REFUTED:
            point = {sym: (cert.witness or {}).get(str(sym)) for sym in box}
            if all(v is not None for v in point.values()):
                hit = self._box_refutation(scope, f, scale, point, box, digits,
                                           "point found by the interval certifier")
                if hit is not None:
                    return hit
            cert = replace(cert, status=Status.UNDECIDED,
                           detail=f"certifier's counterexample did not survive the recheck in the claim's own "
                                  f"coordinates: {cert.detail}")
        if cert is not None and cert.status is Status.CERTIFIED:
            return replace(cert, digits=digits).with_detail(f"mpmath agrees at {info}")
        if strict and touching:
            w = touching[0]
            return Verdict(Status.UNDECIDED, "mpmath",
                           f"strict inequality not decided: value ~0 at {w.describe()}", digits=digits,
                           points=provers.points_summary(pts))
        if strict and scope.samples is None:
            touch = self._strict_touch(scope, f, scale, boxed, boxed_scale, box, digits)
            if touch is not None:
                return touch
        if not pts or too_few:
            return Verdict(Status.UNDECIDED, "mpmath", "most sample points could not be evaluated; " + info)
        probe = self._end_probe(f, scope, rel, digits, scale)
        if probe is not None:
            return probe
        if scope.samples is None:
            hit = probe_singularities(f, scope, self.over, rel, digits, scale)
            if hit is not None:
                return Verdict(Status.REFUTED, "exact", f"violated next to a singular point of the claim "
                               f"({hit.near}): value {hit.recheck.value} ({hit.recheck.how})", digits=digits,
                               witness={str(k): str(v) for k, v in hit.point.items()},
                               witness_value=hit.recheck.value)
        why = "" if cert is None else f"; certifier: {cert.detail}"
        return Verdict(Status.CONFIRMED, "mpmath", f"no violation at {info}, nor next to the ends of the "
                       f"parameter ranges or the claim's singular points{why}", digits=digits,
                       points=provers.points_summary(pts))

    def _plain_nonneg(self, scope: Scope, f: sp.Expr, box: dict, strict: bool) -> bool:
        """The sign on the box of the parameters' own ranges (no elimination through a root: a claim
        about ``k`` alone reads better in ``k`` than in ``h(kt)``), roots in their checked images."""
        e = f
        plain: dict = {}
        for var, lo, hi in reversed(self.over):
            s = next((d for d in box if str(d) == f"_s_{var}"), None)
            if s is None:
                return False
            e = e.subs(var, point_in_range(lo, hi, s))
            plain[s] = box[s]
        for sym, dom in scope.parameters.items():
            if isinstance(dom, sp.Interval):
                plain[sym] = dom
            else:
                e = e.subs(sym, dom)
        allowed = scope.__dict__.get("_elimination_allowed", set()) | scope.__dict__.get("_image_allowed", set())
        for root in scope.roots:
            if root.symbol in e.free_symbols:
                if root.symbol not in allowed or not isinstance(root.image, sp.Interval):
                    return False
                plain[root.symbol] = root.image
        if plain == box:
            return False
        return bool(symbolic_nonneg(e, {s: d for s, d in plain.items() if s in e.free_symbols}, strict))

    def _strict_touch(self, scope: Scope, f: sp.Expr, scale: sp.Expr, boxed: sp.Expr, boxed_scale: sp.Expr,
                      box: dict, digits: int) -> Verdict | None:
        """A strict inequality whose value comes within float noise of 0 inside the box (not at an open end)
        is not confirmed: the point is recognised as an exact number (``nsimplify`` with pi, e, sqrt 2) and
        rechecked -- refuted when the value is exactly 0 there, else undecided."""
        syms = sorted(box, key=str)
        if not syms or any(not (box[s].start.is_finite and box[s].end.is_finite) for s in syms):
            return None
        ext = [(s, box[s].start, box[s].end) for s in syms]
        for cand in float_candidates(boxed, boxed_scale, ext, {}, seed=2, below=1e-12)[:2]:
            # away from the open ends: an infimum 0 approached at an excluded end is no touching point
            inner = all((not box[s].left_open or fr > 1e-3) and (not box[s].right_open or fr < 1 - 1e-3)
                        for s, fr in zip(syms, cand))
            if not inner:
                continue
            approx = {s: box[s].start + sp.Rational(fr.numerator, fr.denominator) * (box[s].end - box[s].start)
                      for s, fr in zip(syms, cand)}
            refined = _refine_minimum(boxed, syms, approx, box)
            point = {s: _recognise(v) for s, v in refined.items()}
            for guess in (point, approx):
                if not all(box[s].contains(v) is sp.true or box[s].contains(v) == True for s, v in guess.items()):  # noqa: E712
                    continue
                hit = self._box_refutation(scope, f, scale, guess, box, digits,
                                           "the strict inequality touches 0 at this exact point")
                if hit is not None:
                    return hit
            where = ", ".join(f"{s} ~ {sp.N(v, 12)}" for s, v in approx.items())
            return Verdict(Status.UNDECIDED, "mpmath",
                           f"strict inequality not decided: the value comes within float noise of 0 at {where} "
                           f"(inside the domain), and no exact point there makes it 0", digits=digits)
        return None

    def _end_probe(self, f: sp.Expr, scope: Scope, rel: str, digits: int, scale: sp.Expr) -> Verdict | None:
        """Evidence is not proof: before a claim is only ``confirmed``, walk towards every end of every
        parameter's and bound variable's range (``end -+ width 10^-j``, about ``10^j`` on an infinite end,
        ``j`` up to 300; exact rationals) with :func:`symmech.end_limits.probe_ends`; a point counts only
        when Arb shows the violation (defined roots enclosed rigorously) and the exact recheck confirms it."""
        hit = probe_ends(f, scope, self.over, rel, digits, scale)
        if hit is None:
            return None
        r = hit.recheck
        return Verdict(Status.REFUTED, "exact",
                       f"violated next to an end of the range of {hit.variable}: value {r.value} at {hit.witness}"
                       f"{_recheck_note(r)}", digits=digits, witness=hit.witness, witness_value=r.value)


def _nonreal(errors, digits: int) -> list:
    """The sample points whose value is a finite complex number with an imaginary part well above
    the tolerance (evaluated at two precisions): there the claim, a statement about real numbers,
    fails."""
    out = []
    for e in errors:
        z = getattr(e, "nonreal", None)
        if z is not None and e.imaginary_part() > tolerance(digits, sp.Abs(z)):
            out.append(e)
    return out


def _resolved_nonneg(boxed: sp.Expr, box: dict, strict: bool) -> bool:
    """``boxed >= 0`` (> 0) shown after resolving the branches that are fixed on the box."""
    resolved = resolve_branches(boxed, box)
    return resolved != boxed and bool(symbolic_nonneg(resolved, box, strict))


def _exact_zero(f: sp.Expr, touching, bounds, scope: Scope):
    """A touching sample where ``f`` is *exactly* 0 (only when no defined root is involved)."""
    roots = {r.symbol for r in scope.roots}
    for smp in touching[:5]:
        e = f.subs(dict(smp.params))
        for var, lo, hi in bounds:
            fr = smp.fractions[var]
            at = point_in_range(lo, hi, sp.Rational(fr.numerator, fr.denominator))
            if at is None:
                break
            e = e.subs(var, at.subs(dict(smp.params)))
        if e.free_symbols & roots or e.free_symbols:
            continue
        try:
            if e == 0 or provers.within_budget(lambda: symbolic_zero(e), 5.0):
                return smp
        except Exception:
            continue
    return None


def _unbox(claim, witness, box, scope):
    out = {}
    s_of = {str(sym): sym for sym in box}
    params = {}
    for name, val in witness.items():
        sym = s_of.get(name)
        if sym is not None and not name.startswith("_s_"):
            params[sym] = sp.sympify(val)
            out[name] = val
    for var, lo, hi in claim.over:
        key = f"_s_{var}"
        if key in witness:
            frac = sp.sympify(witness[key])
            point = sp.simplify(point_in_range(lo, hi, frac))
            out[str(var)] = f"{point} (fraction {frac} of [{lo}, {hi}])"
    return out or dict(witness)


@dataclass
class AllOf(Claim):
    """A conjunction; verdict = weakest part (refuted if any part is refuted)."""

    parts: Sequence[Claim] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__post_init__()
        if not self.parts:
            raise ValueError("AllOf needs at least one part")

    def _auto_statement(self) -> str:
        return r" \;\wedge\; ".join(f"({p.statement})" for p in self.parts)

    def check(self, scope: Scope, *, digits: int = 50, samples: int = 9) -> Verdict:
        verdicts = [(p, p.check(scope, digits=digits, samples=samples)) for p in self.parts]
        return combine(verdicts)


@dataclass
class Implied(Claim):
    """A claim checked directly, or proved through sufficient conditions.

    The verdict is the direct check's, unless the direct check is neither a
    proof nor a refutation and a ``sufficient`` route is proved or certified
    *and the step "route => claim" is checked*: ``implication`` names the rule of
    inference (:class:`symmech.implication.Monotone`, :class:`~symmech.implication.Combination`),
    whose obligations symmech builds from the direct claim's own expressions and
    proves.  Without an implication the route is only the author's word: its
    proof is listed in the trust report as not used, and the verdict stays the
    direct check's (at most ``confirmed``).  A refutation always comes from the
    direct check, never from a failed sufficient condition.
    """

    direct: Claim | None = None
    sufficient: Sequence[Claim] = field(default_factory=list)
    implication: object | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.direct is None:
            raise ValueError("Implied needs a direct claim")

    def _auto_statement(self) -> str:
        return self.direct.statement

    def check(self, scope: Scope, *, digits: int = 50, samples: int = 9) -> Verdict:
        return self.assemble(
            self.first_direct_check(scope, digits, samples),
            lambda i: self.sufficient[i].check(scope, digits=digits, samples=samples),
            lambda i: self.implication.check(self.direct, self.sufficient[i], scope, digits, samples),
            lambda: self.direct.check(scope, digits=digits, samples=samples))

    def first_direct_check(self, scope: Scope, digits: int, samples: int) -> Verdict:
        """The direct check as it runs first: cheap tactics and sampling; with a checked route in hand the
        direct tactics get a short budget (the route is usually the quicker proof; the full direct check runs
        if the route fails)."""
        quick = self.implication is not None and bool(self.sufficient)
        with provers.without_certifier(), (provers.tactics_budget(IMPLIED_DIRECT_SECONDS) if quick
                                           else contextlib.nullcontext()):
            return self.direct.check(scope, digits=digits, samples=samples)

    def assemble(self, v: Verdict, route_verdict, link_verdict, full_direct) -> Verdict:
        """The verdict from the first direct check ``v`` and, only as they are needed, ``route_verdict(i)`` (route
        i checked), ``link_verdict(i)`` (the implication from route i checked) and ``full_direct()`` (the direct
        check with every prover).  :meth:`check` computes them on demand; a caller may compute them beforehand,
        e.g. in parallel: the verdict is the same."""
        if v.is_proof or v.status is Status.REFUTED or v.conflict:
            return v
        unused = []
        for i, route in enumerate(self.sufficient):
            rv = route_verdict(i)
            if not rv.is_proof:
                continue
            if self.implication is None:
                unused.append(Hint("route", self.id, f"{route.id} => {self.id}", "unchecked",
                                   f"the route is {rv.status.value}, but nothing checks that it implies the claim "
                                   f"(give Implied an implication rule)", used=False))
                continue
            link = link_verdict(i)
            hint = rules.hint("route", self.id, f"{route.id} => {self.id} ({self.implication.describe()})",
                              link, link.detail[:300], used=link.is_proof)
            if link.is_proof:
                return rules.route(rv, link, f"via {route.id} ({self.implication.describe()}, checked): "
                                             f"{rv.detail}; direct check: {v.status.value}").with_trust([hint])
            unused.append(hint)
        out = full_direct()
        return out.with_trust(unused) if unused else out


def combine(verdicts: Sequence[tuple[Claim, Verdict]]) -> Verdict:
    """The verdict of a conjunction: refuted > undecided > weakest holding status; it rests on the
    hints of all its parts."""
    summary = ", ".join(f"{c.id}: {v.status.value}" for c, v in verdicts)
    conflict = any(v.conflict for _, v in verdicts)
    trust = [h for _, v in verdicts for h in v.trust]
    for c, v in verdicts:
        if v.status is Status.REFUTED:
            return replace(v, detail=f"part {c.id} refuted: {v.detail} [{summary}]", conflict=conflict)
    for c, v in verdicts:
        if v.status is Status.UNDECIDED:
            return replace(v, detail=f"part {c.id} undecided: {v.detail} [{summary}]",
                           conflict=conflict).with_trust(trust)
    weakest = min(verdicts, key=lambda cv: _STRENGTH[cv[1].status])[1]
    digits = max((v.digits or 0) for _, v in verdicts) or None
    method = "+".join(sorted({v.method for _, v in verdicts}))
    detail = f"all {len(verdicts)} parts hold [{summary}]"
    if weakest.is_proof:
        return rules.conjunction([v for _, v in verdicts], method=method, detail=detail, digits=digits,
                                 trust=trust)
    return Verdict(weakest.status, method, detail, digits=digits).with_trust(trust)


obligations.provide(Identity=Identity, Inequality=Inequality)
