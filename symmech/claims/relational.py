"""What identities and inequalities share: the residual over a domain, the box of proof coordinates, sampling
rechecked at exact points, and the gates a verdict passes (unresolved violations, integer parameters)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Sequence

import sympy as sp

from symmech.claims import hints
from symmech.tactics import provers
from ..kernel.floats import exact_floats
from ..kernel.verdict import Status, Verdict
from symmech.tactics.provers import symbolic_nonneg
from symmech.tactics.sampling import Bound, tolerance
from symmech.tactics.ranges import point_in_range, unit_interval
from symmech.tactics.scope import Scope
from symmech.tactics.witness import Recheck, exact_point, recheck
from .base import Claim


#: seconds for the exact cross-check of a claim that sampling already refutes
REFUTED_CROSSCHECK_SECONDS = 3.0

#: verdict cache of relational claims: key -> (scope, verdict); cleared by Derivation.verify
_MEMO: dict = {}


def _bounds(over) -> tuple[Bound, ...]:
    out = []
    for item in over or ():
        if isinstance(item, sp.Symbol):
            raise ValueError(f"bound variable {item} needs a range: give (var, lo, hi)")
        var, lo, hi = item
        out.append((var, sp.sympify(lo), sp.sympify(hi)))
    return tuple(out)


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


def _has_roots(f: sp.Expr, scope: Scope) -> bool:
    return bool(sp.sympify(f).free_symbols & {r.symbol for r in scope.roots})


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


