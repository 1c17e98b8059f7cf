"""Ratio-monotone paths, discrete virtual values (eq. (9)), ironing, and the ratio-monotone decomposition.

Haghpanah and Hartline, 'When Is Pure Bundling Optimal?' (2020), Sec. 4 and App. A.3.  All on finite
instances with exact rationals:

* a *path* is a law whose types have distinct base values s = v(b*, t); it is ratio-monotone when
  ``v(b, t) / s`` is non-decreasing in s for every bundle (Prop. 1);
* the discrete virtual value of eq. (9), ``phi(b, t_i) = v(b, t_i) - (1/f_i) sum_j lam(j, i) (v(b, t_j) - v(b, t_i))``,
  with the flow constraint (7) *corrected* by IR multipliers (the spec's gap G2);
* Myerson's multipliers ``lam(i+1, i) = G_{i+1}`` and the ironed virtual value of Lemma 7 as slopes of the
  concave hull of ``{(G_i, t_i G_i)} u {(0, 0)}`` (gap G7: the origin must be included);
* Lemma 4: the ratio-monotone decomposition mu = sum_q w_q mu^q, built from monotone couplings of the
  conditional profile laws at consecutive base values, glued as a Markov chain; each mu^q is a
  ratio-monotone path with the same base-value marginal.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Mapping

from symmech.models.multigood.bundling import (
    Bundle,
    BundlingError,
    FiniteLaw,
    Valuation,
    all_bundles,
    fmt_bundle,
    grand,
    proper_bundles,
)
from symmech.models.multigood.stochastic_order import stochastically_nondecreasing


@dataclass(frozen=True)
class Path:
    """Types on a path, ordered by base value: ``t[i]`` (s increasing), masses ``f[i]``."""

    types: tuple[Valuation, ...]
    f: tuple[Fraction, ...]

    @classmethod
    def of(cls, law: FiniteLaw) -> "Path":
        pairs = sorted(((t, p) for t, p in zip(law.types, law.probs) if p > 0), key=lambda tp: tp[0].s)
        ss = [t.s for t, _ in pairs]
        if len(set(ss)) != len(ss):
            raise BundlingError("not a path: two types share the base value v(b*, t)")
        if ss and ss[0] <= 0:
            raise BundlingError("a path needs positive base values")
        return cls(tuple(t for t, _ in pairs), tuple(p for _, p in pairs))

    @property
    def s(self) -> list[Fraction]:
        return [t.s for t in self.types]

    def G(self, i: int) -> Fraction:
        """``G_i = sum_{j >= i} f_j`` (``G_I+1 = 0``)."""
        return sum(self.f[i:], Fraction(0))


def ratio_violation(path: Path) -> tuple[Bundle, Fraction, Fraction] | None:
    """A bundle and consecutive base values s < s' with ``v(b,s)/s > v(b,s')/s'`` (None: ratio-monotone)."""
    for a, b in zip(path.types, path.types[1:]):
        for bb in proper_bundles(a.n):
            if a.values[bb] / a.s > b.values[bb] / b.s:
                return bb, a.s, b.s
    return None


def myerson_flow(path: Path) -> tuple[dict, dict]:
    """Lemma 7's start ``lam(i, i-1) = G_i`` (downward only) and the IR multipliers that close (7)."""
    lam = {(i, i - 1): path.G(i) for i in range(1, len(path.types))}
    lam_ir = {i: Fraction(0) for i in range(len(path.types))}
    lam_ir[0] = Fraction(1)
    return lam, lam_ir


def flow_residuals(path: Path, lam: Mapping, lam_ir: Mapping | None = None) -> list[Fraction]:
    """Left sides of (7): ``f_i - sum_j lam(i,j) [- lam(i, IR)] + sum_j lam(j,i)``; IR terms only when given."""
    out = []
    for i in range(len(path.types)):
        r = path.f[i] - sum((v for (a, _), v in lam.items() if a == i), Fraction(0))
        r += sum((v for (_, c), v in lam.items() if c == i), Fraction(0))
        if lam_ir is not None:
            r -= lam_ir.get(i, Fraction(0))
        out.append(r)
    return out


def virtual_value(path: Path, lam: Mapping, b: Bundle, i: int) -> Fraction:
    """Eq. (9): ``v(b,t_i) - (1/f_i) sum_j lam(j,i) (v(b,t_j) - v(b,t_i))``."""
    t = path.types
    acc = sum((v * (t[j].values[b] - t[i].values[b]) for (j, c), v in lam.items() if c == i), Fraction(0))
    return t[i].values[b] - acc / path.f[i]


def concave_hull_slopes(points: list[tuple[Fraction, Fraction]]) -> dict[Fraction, Fraction]:
    """Upper concave majorant of points (x increasing); returns ``{x: value of the majorant at x}``."""
    pts = sorted(points)
    hull: list[tuple[Fraction, Fraction]] = []
    for p in pts:
        while len(hull) >= 2:
            (x1, y1), (x2, y2) = hull[-2], hull[-1]
            if (y2 - y1) * (p[0] - x1) <= (p[1] - y1) * (x2 - x1):
                hull.pop()
            else:
                break
        hull.append(p)
    out = {}
    for x, _ in pts:
        for (x1, y1), (x2, y2) in zip(hull, hull[1:]):
            if x1 <= x <= x2:
                out[x] = y1 + (y2 - y1) * (x - x1) / (x2 - x1)
                break
        else:
            out[x] = dict(hull)[x]
    return out


def ironed_virtual_values(path: Path) -> list[Fraction]:
    """Lemma 7: ``phibar(b*, t_i) = (Rbar(G_i) - Rbar(G_i+1)) / f_i``, Rbar the concave hull of (G_i, t_i G_i) and (0, 0)."""
    I = len(path.types)
    G = [path.G(i) for i in range(I)] + [Fraction(0)]
    pts = [(G[i], path.s[i] * G[i]) for i in range(I)] + [(Fraction(0), Fraction(0))]
    Rbar = concave_hull_slopes(pts)
    return [(Rbar[G[i]] - Rbar[G[i + 1]]) / path.f[i] for i in range(I)]


def ironing_flow(path: Path) -> tuple[dict, dict]:
    """Lemma 7 ('ironing by flows') on a finite path: downward multipliers ``lam(j, i)`` (j > i) and IR
    multipliers with (I) the corrected (7), (II) only downward, (III) the induced ``phi(b*, .)`` equal to the
    ironed virtual value (non-decreasing), (IV) ``lam(j, i) > 0`` only where ``phibar`` is constant on
    ``t_i..t_{j-1}``.  Found by an exact feasibility LP (:mod:`symmech.tactics.lp.exact`; the primal point is
    rechecked in Fractions); BundlingError if none exists."""
    from symmech.tactics.lp.exact import LinearProgram, solve_exact

    I = len(path.types)
    phibar = ironed_virtual_values(path)
    t = path.s
    pairs = [(j, i) for i in range(I) for j in range(i + 1, I) if len(set(phibar[i:j])) == 1]
    nv = len(pairs) + I
    A_eq, b_eq = [], []
    for i in range(I):   # (7) with IR: f_i - sum_j lam(i,j) - lam(i,IR) + sum_j lam(j,i) = 0
        row = {}
        for k, (j, c) in enumerate(pairs):
            if j == i:
                row[k] = row.get(k, Fraction(0)) - 1
            if c == i:
                row[k] = row.get(k, Fraction(0)) + 1
        row[len(pairs) + i] = Fraction(-1)
        A_eq.append(row)
        b_eq.append(-path.f[i])
    for i in range(I):   # induced phi(b*, t_i) = phibar_i
        A_eq.append({k: t[j] - t[i] for k, (j, c) in enumerate(pairs) if c == i and t[j] != t[i]})
        b_eq.append(path.f[i] * (t[i] - phibar[i]))
    res = solve_exact(LinearProgram(c=[0] * nv, A_eq=A_eq, b_eq=b_eq))
    if not res.certified:
        raise BundlingError(f"no exact ironing flow recovered: {res.reason}")
    x = res.primal
    lam = {pr: v for pr, v in zip(pairs, x[:len(pairs)]) if v}
    lam_ir = {i: x[len(pairs) + i] for i in range(I)}
    return lam, lam_ir


def lemma6_gaps(path: Path, lam: Mapping) -> dict[tuple, Fraction]:
    """``r(b,t_i) phi(b*,t_i) - phi(b,t_i)`` for every proper bundle and type (Lemma 6: all >= 0)."""
    gb = grand(path.types[0].n)
    out = {}
    for i, t in enumerate(path.types):
        pg = virtual_value(path, lam, gb, i)
        for b in proper_bundles(t.n):
            out[(fmt_bundle(b), str(t.s))] = t.values[b] / t.s * pg - virtual_value(path, lam, b, i)
    return out


# --------------------------------------------------------------------------------------------
# Lemma 4: the ratio-monotone decomposition
# --------------------------------------------------------------------------------------------

@dataclass
class Decomposition:
    """``mu = sum_q weights[q] * components[q]``; every component a ratio-monotone path (verified by :meth:`verify`)."""

    law: FiniteLaw
    weights: list[Fraction]
    components: list[FiniteLaw]

    def verify(self) -> tuple[bool, str]:
        """(a) each component's base marginal is mu's, (b) each is a ratio-monotone path, (c) the mixture is mu."""
        marg = self.law.base_marginal()
        if any(w < 0 for w in self.weights) or sum(self.weights, Fraction(0)) != 1:
            return False, "weights are not a probability vector"
        for k, comp in enumerate(self.components):
            if comp.base_marginal() != marg:
                return False, f"component {k} has base marginal {comp.base_marginal()} != {marg}"
            bad = ratio_violation(Path.of(comp))
            if bad is not None:
                return False, f"component {k} is not ratio-monotone at bundle {fmt_bundle(bad[0])}, s = {bad[1]} -> {bad[2]}"
        mix: dict = {}
        for w, comp in zip(self.weights, self.components):
            for key, p in comp.merged().items():
                mix[key] = mix.get(key, Fraction(0)) + w * p
        target = {k: p for k, p in self.law.merged().items() if p}
        mix = {k: p for k, p in mix.items() if p}
        if mix != target:
            return False, "the mixture does not reproduce mu"
        return True, (f"{len(self.components)} ratio-monotone paths with the base marginal of mu; the mixture "
                      f"reproduces mu exactly")


def decompose(law: FiniteLaw, max_paths: int = 2000) -> Decomposition:
    """Lemma 4 on a finite law satisfying Thm. 1's condition; BundlingError (with the witness) otherwise."""
    cond = law.conditional_profiles()
    if any(t.s == 0 for t, p in zip(law.types, law.probs) if p > 0):
        raise BundlingError("types with base value 0 carry no profile; remove them before decomposing")
    order = stochastically_nondecreasing(cond)
    if not order.holds:
        raise BundlingError("Thm. 1's condition does not hold: " + order.describe())
    levels = sorted(cond)
    marg = law.base_marginal()
    chains: list[tuple[Fraction, tuple]] = [(p, (x,)) for x, p in cond[levels[0]].items() if p]
    for (y0, y1, r) in order.pairs:
        nxt = []
        for w, ch in chains:
            x = ch[-1]
            px = cond[y0][x]
            for (a, bb), m in r.coupling.items():
                if a == x and m:
                    nxt.append((w * m / px, ch + (bb,)))
        chains = nxt
        if len(chains) > max_paths:
            raise BundlingError(f"decomposition has more than {max_paths} paths")
    n = law.n
    pb = proper_bundles(n)
    comps, weights = [], []
    for w, ch in chains:
        types = [Valuation.from_profile(n, s, {**dict(zip(pb, prof)), grand(n): 1}) for s, prof in zip(levels, ch)]
        comps.append(FiniteLaw(types, [marg[s] for s in levels]))
        weights.append(w)
    return Decomposition(law, weights, comps)


def all_bundle_values(t: Valuation) -> dict[str, Fraction]:
    return {fmt_bundle(b): v for b, v in t.values.items() if b in all_bundles(t.n)}


def downward_dual_certificate(path: Path, price: Fraction) -> tuple[dict, dict]:
    """Lemma 5 for pure bundling at ``price`` on a path, with only downward IC multipliers (spec C4).

    Finds (exact feasibility LP) ``lam(j, i) >= 0`` for j > i and IR multipliers with the corrected (7),
    complementary slackness (11) for pure bundling (a multiplier only on a constraint that binds), and
    pure bundling maximizing the virtual surplus (10) pointwise: buyers have ``phi(b*) >= max(0, phi(b))``,
    non-buyers ``phi(b) <= 0`` for every bundle.  Such a lam certifies that pure bundling is optimal
    (Lagrangian weak duality).  BundlingError if none exists.
    """
    from symmech.tactics.lp.exact import LinearProgram, solve_exact

    I = len(path.types)
    gb = grand(path.types[0].n)
    bs = [b for b in all_bundles(path.types[0].n) if b]
    buys = [t.s >= price for t in path.types]

    def u(j: int) -> Fraction:           # utility of t_j under pure bundling
        return path.types[j].s - price if buys[j] else Fraction(0)

    def dev(j: int, i: int) -> Fraction:  # utility of t_j reporting t_i
        return path.types[j].s - price if buys[i] else Fraction(0)

    pairs = [(j, i) for i in range(I) for j in range(i + 1, I) if u(j) == dev(j, i)]       # (11): binding only
    irs = [i for i in range(I) if u(i) == 0]
    nv = len(pairs) + len(irs)
    A_eq, b_eq, A_ub, b_ub = [], [], [], []
    for i in range(I):
        row: dict[int, Fraction] = {}
        for k, (j, c) in enumerate(pairs):
            if j == i:
                row[k] = row.get(k, Fraction(0)) - 1
            if c == i:
                row[k] = row.get(k, Fraction(0)) + 1
        if i in irs:
            row[len(pairs) + irs.index(i)] = Fraction(-1)
        A_eq.append(row)
        b_eq.append(-path.f[i])

    def phi_row(b, i):
        """phi(b, t_i) * f_i = v(b,t_i) f_i - sum_j lam(j,i) (v(b,t_j) - v(b,t_i)) as (row, constant)."""
        row = {k: -(path.types[j].values[b] - path.types[i].values[b]) for k, (j, c) in enumerate(pairs) if c == i}
        return {k: v for k, v in row.items() if v}, path.types[i].values[b] * path.f[i]

    for i in range(I):
        rg, cg = phi_row(gb, i)
        for b in bs:
            rb, cb = phi_row(b, i)
            if buys[i]:
                if b != gb:   # phi(b) - phi(b*) <= 0
                    row = dict(rb)
                    for k, v in rg.items():
                        row[k] = row.get(k, Fraction(0)) - v
                    A_ub.append(row)
                    b_ub.append(cg - cb)
            else:             # phi(b) <= 0
                A_ub.append(rb)
                b_ub.append(-cb)
        if buys[i]:           # phi(b*) >= 0
            A_ub.append({k: -v for k, v in rg.items()})
            b_ub.append(cg)
    res = solve_exact(LinearProgram(c=[0] * nv, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq))
    if not res.certified:
        raise BundlingError(f"no downward dual certificate recovered: {res.reason}")
    x = res.primal
    return ({pr: v for pr, v in zip(pairs, x) if v}, {i: x[len(pairs) + k] for k, i in enumerate(irs)})


def check_dual_certificate(path: Path, price: Fraction, lam: Mapping, lam_ir: Mapping) -> tuple[bool, str]:
    """Recheck a Lemma 5 certificate for pure bundling at ``price`` in Fractions: lam >= 0, the corrected (7),
    (11) complementary slackness, and pointwise virtual-surplus maximization with eq. (9)."""
    I = len(path.types)
    gb = grand(path.types[0].n)
    bs = [b for b in all_bundles(path.types[0].n) if b]
    buys = [t.s >= price for t in path.types]
    if any(v < 0 for v in lam.values()) or any(v < 0 for v in lam_ir.values()):
        return False, "a negative multiplier"
    if any(r != 0 for r in flow_residuals(path, lam, lam_ir)):
        return False, "the corrected (7) fails"
    for (j, i), v in lam.items():
        uj = path.types[j].s - price if buys[j] else Fraction(0)
        dj = path.types[j].s - price if buys[i] else Fraction(0)
        if v and uj != dj:
            return False, f"(11) fails: lam({j},{i}) = {v} on a slack IC constraint"
    for i, v in lam_ir.items():
        if v and (path.types[i].s - price if buys[i] else 0) != 0:
            return False, f"(11) fails: IR multiplier {v} at a type with positive utility"
    for i in range(I):
        ph = {b: virtual_value(path, lam, b, i) for b in bs}
        best = max(Fraction(0), max(ph.values()))
        got = ph[gb] if buys[i] else Fraction(0)
        if got != best:
            return False, f"pure bundling does not maximize the virtual surplus at t_{i}: {got} < {best}"
    down = all(j > i for (j, i) in lam)
    return True, f"{len(lam)} IC multipliers ({'all downward' if down else 'not all downward'}), (7), (11), (10) hold"
