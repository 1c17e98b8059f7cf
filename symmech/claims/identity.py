"""``lhs == rhs`` for every parameter and bound value: the exact zero test, cross-checked by mpmath."""
from __future__ import annotations

from dataclasses import dataclass, replace

import sympy as sp

from symmech.claims import hints
from symmech.tactics import provers, sampling
from symmech.tactics.branches import has_branches, resolve_branches
from ..kernel import rules
from ..kernel.verdict import Status, Verdict
from symmech.tactics.provers import symbolic_zero
from symmech.tactics.sampling import sample_values, tolerance
from symmech.tactics.scope import Scope
from .relational import REFUTED_CROSSCHECK_SECONDS, _forall_tex, _Relational, _recheck_note, _artefact_note, _has_roots, _nonreal


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
                digits=digits, points=sampling.points_summary(pts), witness=w.witness(self.over),
                witness_value=str(w.value), conflict=True)
        if sym_ok and nonreal:
            e = nonreal[0]
            return Verdict(Status.UNDECIDED, "symbolic vs mpmath",
                           f"SOUNDNESS CONFLICT: SymPy simplifies to 0 but lhs - rhs is not real: {e}",
                           digits=digits, witness=e.witness(self.over), witness_value=str(e.nonreal), conflict=True)
        if sym_ok:
            return rules.exact_zero(f"simplifies to 0{used}; mpmath agrees at {info}{artefacts}",
                                    evaluated=len(pts), digits=digits, points=sampling.points_summary(pts))
        if bad:
            w = bad[0]  # the first bad sample: nice parameter values come first
            r = bad_info[id(w)]
            return Verdict(Status.REFUTED, "exact",
                           f"lhs - rhs = {w.value} != 0 at {w.describe()}{_recheck_note(r)}", digits=digits,
                           points=sampling.points_summary(pts), witness=w.witness(self.over),
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
                           points=sampling.points_summary(pts), witness=w.witness(self.over), witness_value=r.value)
        if not pts or too_few:
            return Verdict(Status.UNDECIDED, "mpmath", "most sample points could not be evaluated; " + info)
        return Verdict(Status.CONFIRMED, "mpmath",
                       f"SymPy could not simplify to 0; |lhs - rhs| below 1e-{digits - 10} at {info}{artefacts}",
                       digits=digits, points=sampling.points_summary(pts))


