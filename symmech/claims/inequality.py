"""``lhs REL rhs`` for every parameter and bound value: sampling and searches hunt for a violation, the exact
tactics and the certifier try to prove."""
from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction

import mpmath
import sympy as sp

from symmech.tactics import provers, sampling
from symmech.tactics.branches import has_branches, resolve_branches
from symmech.tactics.end_limits import probe_ends
from symmech.tactics.falsify import falsify, falsify_box, float_candidates
from ..kernel import rules
from ..kernel.verdict import Status, Verdict
from symmech.tactics.provers import symbolic_nonneg, symbolic_zero
from symmech.tactics.sampling import sample_values, tolerance
from symmech.tactics.ranges import point_in_range
from symmech.tactics.scope import Scope
from symmech.tactics.singularities import probe_singularities
from symmech.tactics.witness import recheck
from .relational import _forall_tex, _Relational, THIN_BOX_SECONDS, _thin, _coarse_nonneg, _recheck_note, _artefact_note, _nonreal, _unbox


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
                           digits=digits, points=sampling.points_summary(pts),
                           witness=w.witness(self.over), witness_value=str(w.value))
        if shown:
            return rules.exact_sign(f"shown by exact tactics; mpmath agrees at {info}", evaluated=len(pts),
                                    digits=digits, points=sampling.points_summary(pts))
        if strict and touching:
            exact = _exact_zero(f, touching, self.over, scope)
            if exact is not None:
                return Verdict(Status.REFUTED, "symbolic",
                               f"strict inequality fails: the value is exactly 0 at {exact.describe()}",
                               digits=digits, points=sampling.points_summary(pts),
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
                           points=sampling.points_summary(pts))
        if scope.samples is None:
            # strict: a touching point refutes or leaves the claim undecided; non-strict: the value dipping a hair
            # below 0 at an irrational point (1e-40 deep at 1/pi) is refuted there, or nothing is said
            touch = self._near_zero_touch(scope, f, scale, boxed, boxed_scale, box, digits, strict=strict)
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
                       points=sampling.points_summary(pts))

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

    def _near_zero_touch(self, scope: Scope, f: sp.Expr, scale: sp.Expr, boxed: sp.Expr, boxed_scale: sp.Expr,
                      box: dict, digits: int, *, strict: bool = True) -> Verdict | None:
        """A strict inequality whose value comes within float noise of 0 inside the box (not at an open end)
        is not confirmed: the point is recognised as an exact number (``nsimplify`` with pi, e, sqrt 2) and
        rechecked -- refuted when the value is exactly 0 there, else undecided.  For a non-strict inequality
        the same points (and the refined minimum as a 40-digit rational) are rechecked for a violation
        below the float noise; only a rigorous refutation is returned."""
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
            near = {s: sp.Rational(str(v)) for s, v in refined.items()}
            for guess in (point, near, approx):
                if not all(box[s].contains(v) is sp.true or box[s].contains(v) == True for s, v in guess.items()):  # noqa: E712
                    continue
                hit = self._box_refutation(scope, f, scale, guess, box, digits,
                                           "the strict inequality touches 0 at this exact point" if strict else
                                           "the value dips below 0 next to a near-zero minimum")
                if hit is not None:
                    return hit
            if not strict:
                continue
            where = ", ".join(f"{s} ~ {sp.N(v, 12)}" for s, v in approx.items())
            return Verdict(Status.UNDECIDED, "mpmath",
                           f"strict inequality not decided: the value comes within float noise of 0 at {where} "
                           f"(inside the domain), and no exact point there makes it 0", digits=digits)
        return None

    def _end_probe(self, f: sp.Expr, scope: Scope, rel: str, digits: int, scale: sp.Expr) -> Verdict | None:
        """Evidence is not proof: before a claim is only ``confirmed``, walk towards every end of every
        parameter's and bound variable's range (``end -+ width 10^-j``, about ``10^j`` on an infinite end,
        ``j`` up to 300; exact rationals) with :func:`symmech.tactics.end_limits.probe_ends`; a point counts only
        when Arb shows the violation (defined roots enclosed rigorously) and the exact recheck confirms it."""
        hit = probe_ends(f, scope, self.over, rel, digits, scale)
        if hit is None:
            return None
        r = hit.recheck
        if not r.rigorous:
            # where Arb cannot evaluate the residual, the probe's recheck is SymPy's evalf: no counterexample, and
            # no "confirmed" past it either
            return Verdict(Status.UNDECIDED, "mpmath",
                           f"a violation next to an end of the range of {hit.variable} at {hit.witness} was not shown "
                           f"rigorously: {r.value} ({r.how})", digits=digits, witness=hit.witness,
                           witness_value=r.value)
        return Verdict(Status.REFUTED, "exact",
                       f"violated next to an end of the range of {hit.variable}: value {r.value} at {hit.witness}"
                       f"{_recheck_note(r)}", digits=digits, witness=hit.witness, witness_value=r.value)


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


