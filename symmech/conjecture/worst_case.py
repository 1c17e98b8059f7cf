"""Exact worst-case revenue of a one-good mechanism over a moment set.

Nature solves ``min E_F t`` over laws F on ``[lo, hi]`` with ``E_F g_l (rel) m_l``.
By moment duality the value is ``max lam + mu.m`` over affine minorants
``t(theta) >= lam + mu.g(theta)`` of the lower-semicontinuous envelope of t (at an
upward jump the left limit counts); for one moment it is the lower convex
envelope of the curve ``{(g(theta), t(theta))}`` at m, attained (or approached)
by at most two atoms.

The search:

1. :func:`symmech.tactics.lp.worst_case_revenue` (grid LP, refined around active atoms)
   locates the active atoms and approximate multipliers;
2. each cluster of active atoms is snapped to an exact candidate: an end of the
   support, a breakpoint (its value, or its left limit when t jumps up there),
   or an interior tangency point (``t' = mu.g'``, solved with SymPy, or to high
   precision with mpmath when SymPy cannot);
3. the contact equations ``lam + mu.g(c_i) = t(c_i)`` give exact ``(lam, mu)``;
   the minorant is checked on a dense float grid (a failed snap falls back to
   the LP's own dual, rationalized);
4. the dual certificate is a :func:`symmech.checks.dual_certificate` claim (the
   pieces are closed intervals with each piece's own formula, so a left-limit
   contact is tight only as a limit), settled by the core provers;
5. the primal side is the law on the contact points (weights from the moment
   equations, exact); a left-limit contact ``b^-`` becomes ``b - delta`` with an
   explicit exact ``delta``.

Length: about 730 lines, one search (grid LP, clustering, exact snapping, contact laws, LP fallback)
whose steps pass partial results to each other; each step is a function of its own.
"""
from __future__ import annotations

import contextlib
import itertools
import math
import re
import signal
import threading
from dataclasses import dataclass, field
from typing import Any, Sequence

import mpmath
import numpy as np
import sympy as sp

from symmech.tactics import lp
from symmech.models.ambiguity import AmbiguitySet, MomentCondition
from ..checks import dual_certificate
from symmech.tactics.provers import within_budget
from .exact import budgeted, compare
from .model import N, float_function, mp_at, mp_values, piecewise_callable, unfold
from .types import Instance

__all__ = ["Contact", "Law", "WorstCase", "worst_case", "law_below", "certificate_claim", "ambiguity_set",
           "lp_moments", "revenue_of_law", "payment_at"]


@dataclass
class Contact:
    """An active point of nature's worst case."""

    point: sp.Expr
    piece: int                  # payment piece whose formula holds at the contact (left piece at a left limit)
    left_limit: bool = False    # t jumps up at ``point``; nature can only approach it from the left
    tangent: bool = False       # interior tangency point (t' = mu.g')
    numeric: bool = False       # point known to high precision only

    def describe(self) -> str:
        p = _fmt(self.point)
        return f"{p}^- (left limit)" if self.left_limit else p


@dataclass
class Law:
    """A finite law ``[(point, weight)]`` in the ambiguity set, with its exact revenue."""

    atoms: list[tuple[sp.Expr, sp.Expr]]
    revenue: sp.Expr
    note: str = ""

    def to_json(self, digits: int = 40) -> dict[str, Any]:
        return {"atoms": [{"point": _fmt(p), "weight": _fmt(w), "point_decimal": _dec(p, digits),
                           "weight_decimal": _dec(w, digits)} for p, w in self.atoms],
                "revenue": _fmt(self.revenue), "revenue_decimal": _dec(self.revenue, digits),
                **({"note": self.note} if self.note else {})}


@dataclass
class WorstCase:
    """Result of :func:`worst_case`."""

    value: sp.Expr                      # the exact infimum (exact=True) or the certificate's value
    exact: bool                         # value is exact (no high-precision floats, no LP fallback)
    lam: sp.Expr
    mu: tuple[sp.Expr, ...]
    cert_value: sp.Expr                 # lam + mu.m, the certified lower bound
    contacts: list[Contact]
    attained: bool
    law: Law | None                     # a law in the set earning ``upper``
    upper: sp.Expr                      # revenue of ``law`` (== value when attained)
    lp_result: Any
    method: str                         # "exact contacts", "high-precision contacts", "LP dual (rationalized)"
    notes: list[str] = field(default_factory=list)

    @property
    def gap_to_lp(self) -> float:
        """exact value - LP value (the LP grid law is feasible, so this is <= 0 up to LP tolerance)."""
        return float(N(self.value, 20)) - float(self.lp_result.value)

    def summary(self, digits: int = 30) -> str:
        how = "attained" if self.attained else "approached (infimum; not attained)"
        cs = ", ".join(c.describe() for c in self.contacts)
        return (f"worst case {_fmt(self.value)} = {_dec(self.value, digits)} ({self.method}; {how}; "
                f"contacts {cs}; certificate lam = {_fmt(self.lam)}, mu = {[_fmt(m) for m in self.mu]}; "
                f"LP on {self.lp_result.grid_points} points after {self.lp_result.rounds} refinements: "
                f"{self.lp_result.value:.12g}, gap exact - LP = {self.gap_to_lp:.3g})")


def _fmt(e: sp.Expr) -> str:
    e = sp.sympify(e)
    if isinstance(e, sp.Float):
        return mpmath.nstr(mpmath.mpf(str(e)), 40)
    return str(e)


def _dec(e: sp.Expr, digits: int) -> str:
    v = N(e, digits)
    return str(v)


# --- helpers ----------------------------------------------------------------------------------------
def ambiguity_set(inst: Instance) -> AmbiguitySet:
    return AmbiguitySet(inst.theta, inst.support,
                        [MomentCondition(m.g, m.relation, m.value) for m in inst.moments])


def _monotone(g: sp.Expr, var: sp.Symbol, lo, hi) -> bool:
    for iv in (sp.Interval(lo, hi), sp.Interval.open(lo, hi)):
        try:
            if sp.is_increasing(g, iv, var) or sp.is_decreasing(g, iv, var):
                return True       # continuous on the closed support (checked finite there), so monotone on it
        except Exception:
            continue
    return False


def lp_moments(inst: Instance) -> list:
    lo, hi = inst.support
    return [lp.MomentCondition(float_function(m.g, inst.theta), m.relation, float(N(m.value, 20)),
                               label=m.text, monotone=_monotone(m.g, inst.theta, lo, hi))
            for m in inst.moments]


def payment_at(inst: Instance, x: sp.Expr) -> sp.Expr:
    """``t(x)`` exactly (piece j on ``[b_j, b_{j+1})``, the last piece closed)."""
    t = inst.mechanism.payment
    j = _piece_of(t.breaks, x)
    return sp.simplify(t.pieces[j].subs(t.var, x))


def _piece_of(breaks, x) -> int:
    xv = N(x, 60)
    for i in range(len(breaks) - 1):
        if N(breaks[i + 1], 60) > xv:
            return i
    return len(breaks) - 2


def revenue_of_law(inst: Instance, atoms) -> sp.Expr:
    return sp.nsimplify(0) + sum((w * payment_at(inst, p) for p, w in atoms), sp.Integer(0))


@contextlib.contextmanager
def _time_limit(seconds: float):
    usable = (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
              and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None)
              and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0))
    if not usable:
        yield
        return

    def _alarm(signum, frame):
        raise TimeoutError

    prev = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0.0)
        signal.signal(signal.SIGALRM, prev)


def _rational(x: float, tol: float = 1e-12) -> sp.Rational:
    return sp.nsimplify(sp.Float(repr(float(x)), 20), rational=True, tolerance=tol)


# --- the search ------------------------------------------------------------------------------------
def worst_case(inst: Instance, n: int | None = None, digits: int = 50) -> WorstCase:
    """Exact (or certified-bracket) worst-case revenue of ``inst.mechanism`` over the moment set."""
    n = n or inst.conjecture.grid
    th = inst.theta
    t = inst.mechanism.payment
    lo, hi = inst.support
    flo, fhi = float(N(lo, 20)), float(N(hi, 20))
    tf = piecewise_callable(t)
    mcs = lp_moments(inst)
    res = lp.worst_case_revenue(tf, (flo, fhi), mcs, max(n // 2, 50))
    h = (fhi - flo) / max(n // 2, 50)
    active = [m for m, mc in zip(range(len(mcs)), mcs)
              if mc.relation == "==" or abs(res.mu[m]) > 1e-7]
    clusters = _clusters(res.nature_atoms, 2.5 * h)
    wc = None
    notes: list[str] = []
    # a multiplier the contacts leave free (e.g. the mean at the top of the support, where any large
    # enough slope is dual optimal) is taken from the LP and, if that minorant fails, scaled up
    flat = affine_piece_worst_case(inst)
    if flat is not None:
        flat.lp_result = res
        flat.law = _contact_law(inst, flat, [0])
        if flat.law is not None:
            flat.upper = flat.law.revenue
            return flat
    for scale in (1, 2, 10, 100):
        free_notes: list[str] = []
        try:
            wc = _exact_from_clusters(inst, res, clusters, active, h, digits, free_notes, scale)
            notes.extend(free_notes)
            break
        except _SnapFailed as exc:
            if not any("do not pin down" in n_ for n_ in free_notes) or scale == 100:
                notes.extend(free_notes)
                notes.append(f"exact snapping failed ({exc}); using the LP dual")
                break
    if wc is None:
        wc = _lp_fallback(inst, res, active, digits, notes)
    wc.notes.extend(n_ for n_ in notes if n_ not in wc.notes)
    return wc


class _SnapFailed(Exception):
    pass


def _clusters(atoms, gap: float) -> list[tuple[float, float, float, float]]:
    """(mass-weighted position, mass, min x, max x) of groups of nearby active atoms."""
    pts = sorted((x, w) for x, w in atoms if w > 1e-9)
    out: list[list] = []
    for x, w in pts:
        if out and x - out[-1][3] <= gap:
            c = out[-1]
            c[0] += x * w
            c[1] += w
            c[3] = x
        else:
            out.append([x * w, w, x, x])
    return [(c[0] / c[1], c[1], c[2], c[3]) for c in out]


def _exact_from_clusters(inst, res, clusters, active, h, digits, notes, scale=1) -> WorstCase | None:
    th = inst.theta
    t = inst.mechanism.payment
    breaks = list(t.breaks)
    fbreaks = [float(N(b, 20)) for b in breaks]
    lam = sp.Dummy("lam")
    mus = [sp.Dummy(f"mu{l}") for l in range(len(inst.moments))]
    contacts: list[Contact] = []
    unknown_pts: list[tuple[sp.Symbol, float, int]] = []
    for pos, mass, xmin, xmax in clusters:
        j = min(range(len(breaks)), key=lambda i: abs(fbreaks[i] - pos))
        near = abs(fbreaks[j] - pos) <= 2.5 * h or xmin - 1e-12 <= fbreaks[j] <= xmax + 1e-12
        if near:
            b = breaks[j]
            if j == 0:
                contacts.append(Contact(b, 0))
            elif j == len(breaks) - 1:
                contacts.append(Contact(b, len(t.pieces) - 1))
            else:
                left = t.pieces[j - 1].subs(th, b)
                right = t.pieces[j].subs(th, b)
                jump = sp.simplify(right - left)
                if N(jump, 30) > 0:
                    contacts.append(Contact(b, j - 1, left_limit=True))
                else:
                    contacts.append(Contact(b, j))
        else:
            piece = _piece_of(breaks, sp.Float(pos, 30))
            s = sp.Dummy(f"c{len(unknown_pts)}")
            unknown_pts.append((s, pos, piece))
            contacts.append(Contact(s, piece, tangent=True))
    # dedupe identical fixed contacts
    seen, uniq = set(), []
    for c in contacts:
        key = (str(c.point), c.left_limit)
        if key not in seen:
            seen.add(key)
            uniq.append(c)
    contacts = uniq
    gs = [m.g for m in inst.moments]
    inactive = {mus[l]: sp.Integer(0) for l in range(len(mus)) if l not in active}
    ws = [sp.Dummy(f"w{i}") for i in range(len(contacts))]
    eqs = []
    for c in contacts:
        T = t.pieces[c.piece]
        aff = lam + sum(mus[l] * gs[l].subs(th, c.point) for l in active)
        eqs.append(aff - T.subs(th, c.point))
        if c.tangent:
            eqs.append(sp.diff(T, th).subs(th, c.point)
                       - sum(mus[l] * sp.diff(gs[l], th).subs(th, c.point) for l in active))
    eqs.append(sum(ws, sp.Integer(0)) - 1)
    for l in active:
        eqs.append(sum((w * gs[l].subs(th, c.point) for w, c in zip(ws, contacts)), sp.Integer(0))
                   - inst.moments[l].value)
    eqs = [sp.sympify(e).subs(inactive) for e in eqs]
    tang = [s_ for s_, _, _ in unknown_pts]
    unknowns = [lam] + [mus[l] for l in active] + tang + ws
    guess = {lam: res.lam, **{mus[l]: res.mu[l] for l in active}, **{s_: pos for s_, pos, _ in unknown_pts}}
    # weights guessed from the cluster masses (contacts in cluster order before dedupe: good enough)
    for i, w in enumerate(ws):
        guess[w] = clusters[i][1] if i < len(clusters) else 0.0
    numeric = False
    sol = _solve_system(eqs, unknowns, guess, tang, digits, notes)
    if sol is None:
        raise _SnapFailed("contact system has no solution near the LP's")
    if sol == "numeric-failed":
        raise _SnapFailed("tangency system not solved numerically")
    numeric = any(isinstance(v, sp.Float) or sp.sympify(v).has(sp.Float) for v in sol.values())
    # free unknowns (t affine in g on a whole piece, or a kink contact): fix them from the LP and re-solve
    for _ in range(3):
        free = [u for u in unknowns if u not in sol or sp.sympify(sol[u]).free_symbols & set(unknowns)]
        if not free:
            break
        fix = {}
        for u in free:
            if u in tang:
                fix[u] = _rational(guess[u], 1e-9)
            elif u in [mus[l] for l in active]:
                fix[u] = _rational(guess[u], 1e-10) * scale
        if not fix:
            fix = {free[0]: _rational(guess[free[0]], 1e-10)}
        notes.append("contacts do not pin down " + ", ".join(str(u) for u in fix)
                     + ": taken from the LP (rationalized); any such choice is a valid certificate if it checks")
        eqs = [e.subs(fix) for e in eqs]
        eqs = [e for e in eqs if e != 0]
        rest = [u for u in unknowns if u not in fix]
        sol2 = _solve_system(eqs, rest, guess, [u for u in tang if u not in fix], digits, notes)
        if sol2 is None or sol2 == "numeric-failed":
            raise _SnapFailed("contact system has no solution after fixing free unknowns")
        sol = {**fix, **sol2}
    for u in list(sol):
        sol[u] = sp.sympify(sol[u])
    lam_v = sol[lam]
    mu_v = [sp.Integer(0)] * len(mus)
    for l in active:
        mu_v[l] = sol[mus[l]]
    for c in contacts:
        if c.tangent:
            c.point = sol[c.point]
            c.numeric = numeric
            if not (N(c.point - inst.support[0], 30) >= 0 and N(inst.support[1] - c.point, 30) >= 0):
                raise _SnapFailed(f"tangency point {c.point} outside the support")
    lam_v, mu_v = sp.simplify(lam_v), [sp.simplify(m) for m in mu_v]
    # inequality multipliers must have the right sign
    for l, m in enumerate(inst.moments):
        if m.relation == ">=" and N(mu_v[l], 30) < 0 or m.relation == "<=" and N(mu_v[l], 30) > 0:
            raise _SnapFailed(f"multiplier of moment {l} has the wrong sign")
    viol = _violation(inst, lam_v, mu_v)
    scale = 1.0 + abs(float(N(lam_v, 20))) + sum(abs(float(N(m, 20))) for m in mu_v)
    if viol > 1e-9 * scale:
        raise _SnapFailed(f"snapped minorant violated by {viol:.3g} on the check grid")
    value = sp.simplify(lam_v + sum(mu_v[l] * inst.moments[l].value for l in range(len(mus))))
    cert_lam, cert_value = lam_v, value
    if numeric:
        eps = sp.Rational(1, 10 ** (digits - 5))
        mu_v = [sp.nsimplify(m, rational=True) if isinstance(m, sp.Float) else m for m in mu_v]
        cert_lam = sp.nsimplify(lam_v, rational=True) - eps
        cert_value = sp.simplify(cert_lam + sum(mu_v[l] * inst.moments[l].value for l in range(len(mus))))
        notes.append(f"certificate lowered by {eps} to absorb the numerical contact points")
    wc = WorstCase(value=value, exact=not numeric, lam=cert_lam, mu=tuple(mu_v), cert_value=cert_value,
                   contacts=contacts, attained=not any(c.left_limit for c in contacts), law=None,
                   upper=value, lp_result=res,
                   method="high-precision contacts" if numeric else "exact contacts", notes=[])
    law = _contact_law(inst, wc, active)
    if law is None:
        raise _SnapFailed("no law on the contact points meets the moment conditions")
    if wc.attained and not numeric:
        wc.law, wc.upper = law, law.revenue
        if N(law.revenue - value, 40) != 0 and sp.simplify(law.revenue - value) != 0:
            raise _SnapFailed(f"contact law earns {law.revenue}, not {value}")
    else:
        wc.law = law_near(inst, wc, active)
        wc.upper = wc.law.revenue if wc.law is not None else value
    return wc


def affine_piece_worst_case(inst: Instance) -> "WorstCase | None":
    """A worst case from a piece on which ``t`` is affine in the (single) moment function ``g``.

    The minorant is that affine function ``lam + mu g`` (it touches ``t`` on the whole piece, so the
    LP's contacts there cannot be snapped to points); nature's law sits on the piece's ends with the
    weights that meet the moment.  Returned only if the multiplier's sign fits the moment's relation,
    the minorant stays below ``t`` on the check grid and the weights are non-negative; the dual
    certificate built from it is checked exactly afterwards, so this is a candidate, not a proof.
    """
    if len(inst.moments) != 1:
        return None
    th = inst.theta
    m = inst.moments[0]
    g = m.g
    t = inst.mechanism.payment
    for j, T in enumerate(t.pieces):
        dT, dg = sp.diff(T, th), sp.diff(g, th)
        if dT == 0 or dg == 0:
            continue
        mu = budgeted(lambda: sp.simplify(dT / dg), 10)
        if mu is None or th in mu.free_symbols:
            continue
        if m.relation == ">=" and N(mu, 30) < 0 or m.relation == "<=" and N(mu, 30) > 0:
            continue
        lam = budgeted(lambda: sp.simplify(T - mu * g), 10)
        if lam is None or th in lam.free_symbols:
            continue
        if _violation(inst, lam, [mu]) > 1e-12:
            continue
        pts = [Contact(t.breaks[j], j), Contact(t.breaks[j + 1], j)]
        w = _solve_weights(inst, [c.point for c in pts], [0])
        if w is None or any(N(x, 30) < 0 for x in w):
            continue
        value = sp.simplify(lam + mu * m.value)
        return WorstCase(value=value, exact=True, lam=lam, mu=(mu,), cert_value=value, contacts=pts, attained=True,
                         law=None, upper=value, lp_result=None, method="affine piece (exact)")
    return None


#: SymPy ``solve`` outcomes by system (srepr with Dummy indices renumbered): the same contact system
#: recurs (worst_case runs once for the guarantee and once for the value), and a solve that used up
#: its budget would use it up again
_SOLVE_MEMO: dict[str, tuple[list, list]] = {}


def _dummies(expr) -> list:
    """The Dummy symbols of ``expr`` in order of first appearance (deterministic for equal structure)."""
    seen: dict = {}
    for node in sp.preorder_traversal(expr):
        if isinstance(node, sp.Dummy) and node not in seen:
            seen[node] = None
    return list(seen)


def _exact_solutions(eqs, unknowns) -> list:
    """``sp.solve(eqs, unknowns, dict=True)`` under a 15 s budget ([] when it fails or runs out), memoized."""
    system = sp.Tuple(sp.Tuple(*eqs), sp.Tuple(*unknowns))
    order = _dummies(system)
    names = {f"dummy_index={d.dummy_index})": f"dummy_index=#{i})" for i, d in enumerate(order)}
    key = re.sub(r"dummy_index=\d+\)", lambda m: names.get(m.group(0), m.group(0)), sp.srepr(system))
    hit = _SOLVE_MEMO.get(key)
    if hit is not None:
        sols, old = hit
        back = dict(zip(old, order))
        return [{sp.sympify(k).xreplace(back): sp.sympify(v).xreplace(back) for k, v in sol.items()}
                for sol in sols]
    try:
        sols = within_budget(lambda: sp.solve(eqs, unknowns, dict=True), 15) or []
    except Exception:
        sols = []
    if len(_SOLVE_MEMO) > 256:
        _SOLVE_MEMO.clear()
    _SOLVE_MEMO[key] = (sols, order)
    return sols


def _solve_system(eqs, unknowns, guess, tang, digits, notes):
    """Exact solution (linsolve / SymPy solve) closest to the LP guess; mpmath findroot as a fallback."""
    if not tang:
        ls = sp.linsolve(eqs, unknowns)
        if not ls or ls == sp.EmptySet:
            return None
        return dict(zip(unknowns, list(ls)[0]))
    sols = _exact_solutions(eqs, unknowns)
    best, err = None, None
    for cand in sols:
        try:
            e = 0.0
            for u in unknowns:
                if u in cand and not sp.sympify(cand[u]).free_symbols:
                    v = complex(N(cand[u], 30))
                    if abs(v.imag) > 1e-20:
                        raise ValueError
                    e += abs(v.real - guess[u]) if u in tang else 0.0
            if err is None or e < err:
                best, err = cand, e
        except (ValueError, TypeError):
            continue
    if best is not None and err < 1e-2 * (1 + len(tang)):
        return dict(best)
    if len(eqs) != len(unknowns):
        return None
    fn = sp.lambdify(unknowns, [unfold(e) for e in eqs], modules="mpmath")
    with mpmath.workdps(digits + 25):
        try:
            root = mpmath.findroot(lambda *a: fn(*a), [mpmath.mpf(guess[u]) for u in unknowns])
        except (ValueError, ZeroDivisionError):
            return "numeric-failed"
        vals = [root] if len(unknowns) == 1 else [root[i] for i in range(len(unknowns))]
        out = {u: sp.Float(mpmath.nstr(v, digits + 20), digits + 20) for u, v in zip(unknowns, vals)}
    notes.append(f"tangency point(s) solved numerically to {digits + 20} digits (SymPy found no closed form)")
    return out


def _violation(inst: Instance, lam, mu) -> float:
    """max over a dense float grid (and one-sided limits at breaks) of lam + mu.g - t."""
    th = inst.theta
    t = inst.mechanism.payment
    lo, hi = (float(N(e, 20)) for e in inst.support)
    lamf = float(N(lam, 20))
    muf = [float(N(m, 20)) for m in mu]
    gfs = [float_function(m.g, th) for m in inst.moments]
    worst = -math.inf
    for j, (T, a, b) in enumerate(t.segments()):
        af, bf = float(N(a, 20)), float(N(b, 20))
        xs = np.linspace(af, bf, 2001)
        Tf = float_function(T, th)
        for x in xs:
            try:
                v = lamf + sum(m * g(float(x)) for m, g in zip(muf, gfs)) - Tf(float(x))
            except ValueError:
                continue
            worst = max(worst, v)
    return max(worst, 0.0)


def _solve_weights(inst: Instance, points: Sequence[sp.Expr], rows: Sequence[int]) -> list[sp.Expr] | None:
    """Exact weights on ``points`` with mass 1 and E g_l = m_l for l in ``rows`` (square or 1-point)."""
    th = inst.theta
    A = [[sp.Integer(1)] * len(points)] + [[inst.moments[l].g.subs(th, p) for p in points] for l in rows]
    b = [sp.Integer(1)] + [inst.moments[l].value for l in rows]
    if len(A) != len(points):
        if len(points) == 1:
            ok = all(sp.simplify(A[i][0] - b[i]) == 0 for i in range(len(A)))
            return [sp.Integer(1)] if ok else None
        sol = sp.linsolve((sp.Matrix(A), sp.Matrix(b)))
        if not sol:
            return None
        w = list(list(sol)[0])
        if any(sp.sympify(x).free_symbols for x in w):
            return None
        return [sp.simplify(x) for x in w]
    Mx = sp.Matrix(A)
    try:
        w = Mx.LUsolve(sp.Matrix(b))
    except (ValueError, ZeroDivisionError):
        return None
    return [sp.simplify(x) for x in w]


def _law_ok(inst: Instance, atoms) -> bool:
    """A guard on a constructed law (50-digit mpmath): weights >= 0, atoms in the support, moments met to
    1e-35 (the weights come from exact or 65-digit linear solves)."""
    th = inst.theta
    lo, hi = inst.support
    with mpmath.workdps(50):
        lo_v, hi_v = mp_at(lo, 50), mp_at(hi, 50)
        ps = [mp_at(p, 50) for p, _ in atoms]
        ws = [mp_at(w, 50) for _, w in atoms]
        if any(w < 0 or p < lo_v or p > hi_v for p, w in zip(ps, ws)):
            return False
        tol = mpmath.mpf(10) ** -35
        for m in inst.moments:
            try:
                gs = mp_values(m.g, th, [p for p, _ in atoms], 50)
            except ValueError:
                return False
            d = mpmath.fsum(w * g for w, g in zip(ws, gs)) - mp_at(m.value, 50)
            if m.relation == "==" and abs(d) > tol or m.relation == "<=" and d > tol or m.relation == ">=" and d < -tol:
                return False
    return True


def _contact_law(inst: Instance, wc: WorstCase, active) -> Law | None:
    """The law on the contact points themselves (left limits taken at the break itself)."""
    pts = [c.point for c in wc.contacts]
    w = _solve_weights(inst, pts, [l for l in active])
    if w is None:
        return None
    atoms = [(p, x) for p, x in zip(pts, w) if sp.simplify(x) != 0]
    if not _law_ok(inst, atoms):
        return None
    rev = sum((x * inst.mechanism.payment.pieces[c.piece].subs(inst.theta, c.point)
               for c, x in zip(wc.contacts, w)), sp.Integer(0))
    return Law(atoms, sp.simplify(rev))


def _perturbed_points(inst: Instance, wc: WorstCase, k: int) -> list[sp.Expr]:
    t = inst.mechanism.payment
    out = []
    for c in wc.contacts:
        if c.left_limit:
            j = list(t.breaks).index(c.point) if c.point in t.breaks else None
            prev = t.breaks[j - 1] if j else inst.support[0]
            span = c.point - prev
            out.append(c.point - span / sp.Integer(2) ** k)
        elif c.numeric or isinstance(c.point, sp.Float) or c.point.has(sp.Float):
            out.append(sp.nsimplify(N(c.point, k + 5), rational=True, tolerance=sp.Rational(1, 10 ** (k + 2))))
        else:
            out.append(c.point)
    return out


def _law_at(inst: Instance, wc: WorstCase, pts, active, k: int = 20) -> Law | None:
    """The cheapest valid law on ``pts`` (plus auxiliary atoms when the moment system needs them)."""
    lo, hi = inst.support
    rows = list(active)
    candidates = [pts]
    if len(pts) < 1 + len(rows) or any(c.left_limit or c.numeric for c in wc.contacts):
        base = (hi - lo) / sp.Integer(2) ** k
        extra = [hi, lo] + [c.point + s * base * f for c in wc.contacts if not c.left_limit
                            for s in (1, -1) for f in (4, 1, sp.Rational(1, 4))]
        extra = [e for e in extra if N(e - lo, 40) >= 0 and N(hi - e, 40) >= 0]
        need = 1 + len(rows) - len(pts)
        if need >= 1:
            candidates = [pts + list(c) for c in itertools.combinations(extra, need)]
        else:
            candidates = [pts] + [pts + [e] for e in extra]
    best = None
    for cand in candidates:
        if len({str(c) for c in cand}) < len(cand):
            continue
        w = _solve_weights(inst, cand, rows)
        if w is None:
            continue
        atoms = [(p, x) for p, x in zip(cand, w) if sp.simplify(x) != 0]
        if _law_ok(inst, atoms):
            law = Law(atoms, sp.simplify(revenue_of_law(inst, atoms)))
            if best is None or N(law.revenue - best.revenue, 40) < 0:
                best = law
    return best


def law_near(inst: Instance, wc: WorstCase, active=None, k: int = 20) -> Law | None:
    """A law in the set within about 2^-k of the contacts (for left limits and numeric contacts)."""
    if active is None:
        active = _active(inst, wc)
    law = _law_at(inst, wc, _perturbed_points(inst, wc, k), active, k)
    if law is not None:
        who = [c for c in wc.contacts if c.left_limit]
        if who:
            law.note = ("left-limit contact(s) " + ", ".join(c.describe() for c in who)
                        + " approached from below; the infimum is not attained")
    return law


def _active(inst: Instance, wc: WorstCase) -> list[int]:
    return [l for l, m in enumerate(inst.moments) if m.relation == "==" or N(wc.mu[l], 30) != 0]


def law_below(inst: Instance, wc: WorstCase, bound: sp.Expr, max_steps: int = 400) -> Law | None:
    """A law in the set whose exact revenue is strictly below ``bound`` (None if none is found)."""
    bound = sp.sympify(bound)
    if wc.law is not None and _strictly_less(wc.law.revenue, bound):
        return wc.law
    active = _active(inst, wc)
    if wc.method.startswith("LP"):
        return None
    for k in range(1, max_steps):
        if not any(c.left_limit or c.numeric for c in wc.contacts):
            break
        law = _law_at(inst, wc, _perturbed_points(inst, wc, k), active, k)
        if law is not None and _strictly_less(law.revenue, bound):
            if any(c.left_limit for c in wc.contacts):
                law.note = (f"nature approaches the left limit(s) with delta = 2^-{k} of the piece; "
                            "revenue decreases to the infimum " + str(wc.value))
            return law
    return None


def _strictly_less(a: sp.Expr, b: sp.Expr) -> bool:
    """a < b rigorously (exact, or an Arb enclosure), every SymPy call under the time budget."""
    c = compare(a, b, 50, exact_zero=False)
    return c.sign == -1 and c.rigorous


def _lp_fallback(inst: Instance, res, active, digits, notes) -> WorstCase:
    """Rationalized LP dual (lowered to be feasible on the check grid) and the LP law with exact weights."""
    mu = [sp.Integer(0)] * len(inst.moments)
    for l in active:
        mu[l] = _rational(res.mu[l], 1e-12)
    for l, m in enumerate(inst.moments):
        if m.relation == ">=" and mu[l] < 0 or m.relation == "<=" and mu[l] > 0:
            mu[l] = sp.Integer(0)
    lam0 = _rational(res.lam, 1e-12)
    viol = _violation(inst, lam0, mu)
    lam = lam0 - _rational(viol + 1e-9, 1e-12) if viol > 0 else lam0 - sp.Rational(1, 10 ** 9)
    value = sp.simplify(lam + sum(mu[l] * inst.moments[l].value for l in range(len(mu))))
    atoms = [(_rational(x, 1e-12), w) for x, w in res.nature_atoms]
    clusters = _clusters(res.nature_atoms, 1e-9)
    pts = [_rational(c[0], 1e-12) for c in clusters][: 1 + len(active)]
    wc = WorstCase(value=value, exact=False, lam=lam, mu=tuple(mu), cert_value=value, contacts=[
        Contact(p, _piece_of(inst.mechanism.payment.breaks, p)) for p in pts], attained=False, law=None,
        upper=sp.nan, lp_result=res, method="LP dual (rationalized)", notes=list(notes))
    law = _law_at(inst, wc, pts, active)
    if law is None:
        # more atoms than conditions: keep the LP weights for all but 1 + L of them, solve the rest
        law = _law_from_lp(inst, atoms, active)
    wc.law = law
    wc.upper = law.revenue if law is not None else sp.nan
    return wc


def _law_from_lp(inst: Instance, atoms, active) -> Law | None:
    atoms = sorted(atoms, key=lambda a: -a[1])
    k = 1 + len(active)
    head, tail = atoms[:k], atoms[k:]
    fixed = [(p, _rational(w, 1e-14)) for p, w in tail]
    th = inst.theta
    rows = [sp.Integer(1) - sum((w for _, w in fixed), sp.Integer(0))]
    rows += [inst.moments[l].value - sum((w * inst.moments[l].g.subs(th, p) for p, w in fixed), sp.Integer(0))
             for l in active]
    A = sp.Matrix([[sp.Integer(1)] * len(head)] + [[inst.moments[l].g.subs(th, p) for p, _ in head] for l in active])
    try:
        w = A.LUsolve(sp.Matrix(rows))
    except (ValueError, ZeroDivisionError):
        return None
    law_atoms = [(p, sp.simplify(x)) for (p, _), x in zip(head, w)] + fixed
    if not _law_ok(inst, law_atoms):
        return None
    return Law(law_atoms, sp.simplify(revenue_of_law(inst, law_atoms)), note="LP grid law with exact weights")


def certificate_claim(inst: Instance, wc: WorstCase, value=None, id: str = "dual"):
    """The dual certificate ``t >= lam + mu.g`` on every closed piece, with ``lam + mu.m == value``."""
    lam = wc.lam
    if value is not None:
        lam = lam - (wc.cert_value - sp.sympify(value))   # shift lam down: still a minorant when value <= cert
        lam = sp.simplify(lam)
    return dual_certificate(inst.mechanism, ambiguity_set(inst), lam, list(wc.mu),
                            wc.cert_value if value is None else value, id=id)
