"""Optimal mechanisms on finite type grids for the two models of Bikhchandani and Mishra (2022),
exact rational optima with verified duality certificates (``symmech.tactics.lp.exact``).

* :func:`optimal_lp` -- ``max_{(q,t) IC, IR} sum_v f(v) t(v)`` over all direct mechanisms on the
  grid, in ``M^H`` (``q in [0,1]^n``) or ``M^I`` (sorted types, ``1 >= q_1 >= ... >= q_n >= 0``),
  optionally restricted to symmetric mechanisms.  Payments are free (no ``t >= 0``: gap G2).
* :func:`deterministic_optimum` -- exhaustive search over deterministic allocation rules, each
  priced optimally and exactly by the minimal utility (a longest-path fixed point in Fractions).
* :func:`maxmin_average_lp` / :func:`maxmin_marginals_lp` -- §5.3: the seller's max-min revenue
  over laws on the sorted grid with a known average marginal (uncertainty II) or known unit
  marginals (uncertainty I); nature's minimum is dualized, so one LP with a certificate.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Callable, Mapping, Sequence

from symmech.claims import Claim
from symmech.tactics.lp.exact import CertificateError, ExactLPResult, LinearProgram, solve_exact
from symmech.kernel.verdict import Status, Verdict
from symmech.kernel import rules
from symmech.models.multigood.symmetric import (
    Law,
    Point,
    act,
    adjacent_transpositions,
    check_mi_allocation,
    is_decreasing,
)

_F0 = Fraction(0)


@dataclass
class GridLP:
    """An LP on a type grid with the column layout ``q(v, i)``, then ``t(v)``, then extra columns."""

    types: list[Point]
    model: str
    lp: LinearProgram

    def q(self, v: int, i: int) -> int:
        return v * len(self.types[0]) + i

    def t(self, v: int) -> int:
        return len(self.types) * len(self.types[0]) + v

    def mechanism(self, res: ExactLPResult) -> dict[Point, tuple[tuple, Fraction]]:
        """The exact optimal mechanism of a certified result."""
        if not res.certified:
            raise ValueError("no exact optimum: " + res.reason)
        n = len(self.types[0])
        return {v: (tuple(res.primal[self.q(k, i)] for i in range(n)), res.primal[self.t(k)])
                for k, v in enumerate(self.types)}


def _ic_rows(types: Sequence[Point], qcol: Callable, tcol: Callable) -> list[dict[int, Fraction]]:
    """``v.q(w) - t(w) - v.q(v) + t(v) <= 0`` for v != w, and IR ``-v.q(v) + t(v) <= 0``."""
    n = len(types[0])
    rows = []
    for a, v in enumerate(types):
        for b, w in enumerate(types):
            row: dict[int, Fraction] = {tcol(a): Fraction(1)}
            for i in range(n):
                row[qcol(a, i)] = row.get(qcol(a, i), _F0) - v[i]
                if b != a:
                    row[qcol(b, i)] = row.get(qcol(b, i), _F0) + v[i]
            if b != a:
                row[tcol(b)] = Fraction(-1)
            rows.append({j: x for j, x in row.items() if x != 0})
    return rows


def _mechanism_rows(types: Sequence[Point], model: str, symmetric: bool):
    n, T = len(types[0]), len(types)
    g = GridLP(list(types), model, None)  # type: ignore[arg-type]
    A = _ic_rows(types, g.q, g.t)
    b = [_F0] * len(A)
    A_eq, b_eq = [], []
    if model == "I":
        for k, v in enumerate(types):
            if not is_decreasing(v):
                raise ValueError(f"type {v} of an M^I grid is not decreasing")
            for i in range(n - 1):          # feasibility (1): q_{i+1} - q_i <= 0
                A.append({g.q(k, i + 1): Fraction(1), g.q(k, i): Fraction(-1)})
                b.append(_F0)
    if symmetric:
        index = {v: k for k, v in enumerate(types)}
        for k, v in enumerate(types):
            for s in adjacent_transpositions(n):
                u = act(v, s)
                if u not in index:
                    raise ValueError(f"symmetric mechanisms need a permutation-closed grid: {u} missing")
                m = index[u]
                if m < k:
                    continue
                for i in range(n):           # q_i(v^s) = q_{s(i)}(v)
                    row = {g.q(m, i): Fraction(1)}
                    row[g.q(k, s[i])] = row.get(g.q(k, s[i]), _F0) - 1
                    row = {j: x for j, x in row.items() if x}
                    if row:
                        A_eq.append(row)
                        b_eq.append(_F0)
                if m != k:
                    A_eq.append({g.t(m): Fraction(1), g.t(k): Fraction(-1)})
                    b_eq.append(_F0)
    bounds = [(0, 1)] * (T * n) + [(None, None)] * T
    return g, A, b, A_eq, b_eq, bounds


def optimal_lp(types: Sequence[Point], law: Law, model: str = "H", *, symmetric: bool = False) -> GridLP:
    """The revenue-maximization LP over IC/IR mechanisms on ``types`` (see the module docstring)."""
    if model not in ("H", "I"):
        raise ValueError(f"model must be 'H' or 'I', got {model!r}")
    types = [tuple(Fraction(x) for x in v) for v in types]
    g, A, b, A_eq, b_eq, bounds = _mechanism_rows(types, model, symmetric)
    index = {v: k for k, v in enumerate(types)}
    c = [_F0] * len(bounds)
    for v, w in law.items():
        if tuple(v) not in index:
            raise KeyError(f"the law charges {v}, which is not a grid type of M^{model}")
        c[g.t(index[tuple(v)])] += Fraction(w)
    names = [f"q{i + 1}{v}" for v in types for i in range(len(types[0]))] + [f"t{v}" for v in types]
    g.lp = LinearProgram(c=c, A_ub=A, b_ub=b, A_eq=A_eq, b_eq=b_eq, bounds=bounds, maximize=True, names=names)
    return g


def optimum(types: Sequence[Point], law: Law, model: str = "H", *, symmetric: bool = False) -> ExactLPResult:
    """Exact optimal revenue (certified by HiGHS + rational duality) of :func:`optimal_lp`."""
    return solve_exact(optimal_lp(types, law, model, symmetric=symmetric).lp)


# ---------------------------------------------------------------------------------------------
# deterministic mechanisms
# ---------------------------------------------------------------------------------------------

def minimal_utility(types: Sequence[Point], q: Mapping[Point, tuple]) -> dict[Point, Fraction] | None:
    """The pointwise least ``u >= 0`` with ``u(v) >= u(w) + (v - w).q(w)`` (None if none exists:
    ``q`` is not implementable).  With ``t = v.q - u`` it maximizes every positive-weight revenue."""
    u = {v: _F0 for v in types}
    for _ in range(len(types) + 1):
        changed = False
        for v in types:
            for w in types:
                cand = u[w] + sum(((a - b) * c for a, b, c in zip(v, w, q[w])), _F0)
                if cand > u[v]:
                    u[v] = cand
                    changed = True
        if not changed:
            return u
    return None   # a positive cycle: q violates cyclic monotonicity


def price(types: Sequence[Point], q: Mapping[Point, tuple]) -> dict[Point, tuple[tuple, Fraction]] | None:
    """The revenue-maximal IC/IR payments for a fixed allocation rule (None if not implementable)."""
    u = minimal_utility(types, q)
    if u is None:
        return None
    return {v: (tuple(q[v]), sum((a * b for a, b in zip(v, q[v])), _F0) - u[v]) for v in types}


def deterministic_allocations(n: int, model: str) -> list[tuple]:
    out = list(itertools.product((0, 1), repeat=n))
    if model == "I":
        out = [x for x in out if is_decreasing(x)]
    return [tuple(Fraction(a) for a in x) for x in out]


@dataclass
class DeterministicOptimum:
    value: Fraction
    mechanism: dict
    searched: int
    implementable: int


def deterministic_optimum(types: Sequence[Point], law: Law, model: str = "H", *,
                          keep: Callable[[dict], bool] | None = None, limit: int = 300_000) -> DeterministicOptimum:
    """Exact best deterministic IC/IR mechanism by exhaustive search over allocation rules on the
    grid (each priced by :func:`price`); ``keep`` restricts the class (e.g. symmetric, rank preserving)."""
    types = [tuple(Fraction(x) for x in v) for v in types]
    opts = deterministic_allocations(len(types[0]), model)
    total = len(opts) ** len(types)
    if total > limit:
        raise ValueError(f"{total} deterministic allocation rules exceed the search limit {limit}")
    best, count = None, 0
    for choice in itertools.product(opts, repeat=len(types)):
        q = dict(zip(types, choice))
        mech = price(types, q)
        if mech is None or (keep is not None and not keep(mech)):
            continue
        count += 1
        rev = sum((Fraction(w) * mech[tuple(v)][1] for v, w in law.items()), _F0)
        if best is None or rev > best[0]:
            best = (rev, mech)
    if best is None:
        raise ValueError("no deterministic mechanism in the class")
    return DeterministicOptimum(best[0], best[1], total, count)


# ---------------------------------------------------------------------------------------------
# §5.3: max-min with a known average marginal (II) or known unit marginals (I)
# ---------------------------------------------------------------------------------------------

def _pmf(g: Mapping) -> dict[Fraction, Fraction]:
    out = {Fraction(x): Fraction(w) for x, w in g.items()}
    if sum(out.values()) != 1 or any(w < 0 for w in out.values()):
        raise ValueError("a marginal pmf must be nonnegative and sum to 1")
    return out


def maxmin_average_lp(values: Sequence, g: Mapping, n: int) -> GridLP:
    """``max_{(q,t) in M^I} min_{F on the sorted grid, avg marginal = g} E_F t`` as one LP:
    maximize ``sum_x g(x) y(x)`` s.t. ``(1/n) sum_i y(v_i) <= t(v)`` at every sorted type v."""
    gp = _pmf(g)
    vals = sorted({Fraction(x) for x in values} | set(gp))
    types = [p for p in itertools.product(vals, repeat=n) if is_decreasing(p)]
    gl, A, b, A_eq, b_eq, bounds = _mechanism_rows(types, "I", False)
    base = len(bounds)
    ycol = {x: base + k for k, x in enumerate(vals)}
    for k, v in enumerate(types):
        row: dict[int, Fraction] = {gl.t(k): Fraction(-1)}
        for x in v:
            row[ycol[x]] = row.get(ycol[x], _F0) + Fraction(1, n)
        A.append(row)
        b.append(_F0)
    bounds = list(bounds) + [(None, None)] * len(vals)
    c = [_F0] * base + [gp.get(x, _F0) for x in vals]
    names = [f"q{i + 1}{v}" for v in types for i in range(n)] + [f"t{v}" for v in types] + [f"y({x})" for x in vals]
    gl.lp = LinearProgram(c=c, A_ub=A, b_ub=b, A_eq=A_eq, b_eq=b_eq, bounds=bounds, maximize=True, names=names)
    return gl


def add_marginal_dual_rows(gl: GridLP, types: Sequence, vals: Sequence, n: int, base: int, A: list,
                           b: list) -> None:
    """Nature's side with known unit marginals, dualized: one free ``y_i(x)`` per object ``i`` and value ``x``
    in columns ``base + i len(vals) + k``, and the rows ``sum_i y_i(v_i) - t(v) <= 0`` for every type (appended
    to ``A``, ``b``)."""
    ycol = {(i, x): base + i * len(vals) + k for i in range(n) for k, x in enumerate(vals)}
    for k, v in enumerate(types):
        row: dict[int, Fraction] = {gl.t(k): Fraction(-1)}
        for i, x in enumerate(v):
            row[ycol[(i, x)]] = Fraction(1)
        A.append(row)
        b.append(_F0)


def maxmin_marginals_lp(values: Sequence, marginals: Sequence[Mapping]) -> GridLP:
    """Uncertainty I: every unit marginal ``G_i`` known; per-unit duals ``y_i``:
    maximize ``sum_i sum_x G_i(x) y_i(x)`` s.t. ``sum_i y_i(v_i) <= t(v)``."""
    gs = [_pmf(m) for m in marginals]
    n = len(gs)
    vals = sorted({Fraction(x) for x in values}.union(*[set(m) for m in gs]))
    types = [p for p in itertools.product(vals, repeat=n) if is_decreasing(p)]
    gl, A, b, A_eq, b_eq, bounds = _mechanism_rows(types, "I", False)
    base = len(bounds)
    add_marginal_dual_rows(gl, types, vals, n, base, A, b)
    bounds = list(bounds) + [(None, None)] * (n * len(vals))
    c = [_F0] * base + [gs[i].get(x, _F0) for i in range(n) for x in vals]
    gl.lp = LinearProgram(c=c, A_ub=A, b_ub=b, A_eq=A_eq, b_eq=b_eq, bounds=bounds, maximize=True)
    return gl


def best_uniform_price(g: Mapping, n: int) -> tuple[Fraction, list[Fraction]]:
    """``V* = n max_p p P_g(v >= p)`` over grid prices (an optimal price is a grid value), and the argmax set."""
    gp = _pmf(g)
    revs = {p: n * p * sum((w for x, w in gp.items() if x >= p), _F0) for p in gp}
    best = max(revs.values())
    return best, sorted(p for p, r in revs.items() if r == best)


def uniform_price(p, n: int):
    """Def. 10: buy unit i iff ``v_i >= p``; pay ``p`` per unit (a callable ``M^I`` mechanism)."""
    p = Fraction(p)

    def mech(v: Point):
        q = tuple(Fraction(int(x >= p)) for x in v)
        check_mi_allocation(q, v)
        return q, p * sum(q, _F0)
    return mech


def diagonal_law(g: Mapping, n: int) -> dict[Point, Fraction]:
    """``F^min``: the law of ``(X, ..., X)`` with ``X ~ g`` (the comonotone worst case of Prop. 6)."""
    return {tuple([x] * n): w for x, w in _pmf(g).items() if w}


# ---------------------------------------------------------------------------------------------
# claims
# ---------------------------------------------------------------------------------------------

_CACHE: dict = {}


def cached(key, make: Callable[[], ExactLPResult]) -> Callable[[], ExactLPResult]:
    """``make`` evaluated once per key (LPs shared between claims of one derivation)."""
    def get() -> ExactLPResult:
        if key not in _CACHE:
            _CACHE[key] = make()
        return _CACHE[key]
    return get


@dataclass
class LPValue(Claim):
    """``opt(LP) == value`` (``value`` a Fraction or a callable returning one, e.g. an exhaustive
    search).  PROVED only when the LP's exact certificate re-verifies with Fractions and the proved
    optimum equals the value; REFUTED when a verified optimum differs (or a proved bracket excludes
    the value); UNDECIDED otherwise (never refuted by a float)."""

    lp: Callable[[], ExactLPResult] = None  # type: ignore[assignment]
    value: object = None
    label: str = "value"

    def check(self, scope, *, digits: int = 50, samples: int = 9) -> Verdict:
        res = self.lp()
        val = self.value() if callable(self.value) else self.value
        val = Fraction(val)
        method = "exact LP (HiGHS + verified rational duality certificate)"
        if not res.certified:
            lo, hi = res.bracket
            if (lo is not None and lo > val) or (hi is not None and hi < val):
                return Verdict(Status.REFUTED, method, f"proved bracket [{lo}, {hi}] excludes {self.label} = {val}",
                               witness={"bracket": f"[{lo}, {hi}]", self.label: str(val)})
            return Verdict(Status.UNDECIDED, method, f"no exact certificate: {res.describe()}")
        try:
            opt = res.verify()
        except CertificateError as exc:
            return Verdict(Status.UNDECIDED, method, f"certificate rejected on re-check: {exc}")
        info = f"LP optimum {opt} ({res.describe()}); {self.label} = {val}"
        if opt == val:
            return rules.lp_duality("optimum proved by weak duality and equal: " + info, method=method,
                                    terms=((1, res),), target=val)
        return Verdict(Status.REFUTED, method, "values differ: " + info,
                       witness={"optimum": str(opt), self.label: str(val)}, witness_value=str(opt - val))
