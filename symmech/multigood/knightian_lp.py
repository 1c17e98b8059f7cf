"""Che and Zhong, Thm. 4 (and Lemma B.1, Cor. 3) on finite instances, as exact rational LPs.

Types live on a finite grid ``G`` of rational points of Q_+^n; nature picks a law ``f`` on ``G``
subject to linear moment conditions ``E_f g_j (rel) r_j``; the seller picks a mechanism from a
polytope of mechanisms on ``G``:

* ``all_mechanisms(G)``: ``q(v) in [0, 1]^n``, ``t(v) >= 0``, IC between every pair of grid types
  and IR (by Prop. B.1, IC/IR on the support suffice: a menu extends to all of R_+^n);
* ``bundled_mechanisms(G, K)``: for each cell K a one-dimensional mechanism ``(q_K(z), t_K(z))``
  on the cell totals ``z = sum_{i in K} v_i`` occurring in G (1-D IC/IR among them), i.e. the
  K-bundled sales M_K; the payment of type v is ``sum_K t_K(z_K(v))``.

Both problems are single LPs:

* max-min  ``max_M min_f E_f t``: the inner min over f is an LP; its dual (multipliers ``lam`` of
  ``sum f = 1`` and ``mu_j`` of the moments, ``lam + sum_j mu_j g_j(v) <= t(v)``) is merged with
  the mechanism constraints (``maxmin_lp``);
* min-max  ``min_f max_M E_f t``: the inner max over the mechanism polytope ``{A x <= b, x >= 0}``
  is dualized (``min b.y, A^T y >= P^T f, y >= 0``) and merged with nature's constraints
  (``minmax_lp``).

Values are exact (``symmech.lp.exact``: verified primal/dual certificates).
"""
from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Callable, Sequence

from ..claims import Claim
from ..lp.exact import CertificateError, ExactLPResult, LinearProgram, solve_exact
from ..scope import Scope
from ..verdict import Status, Verdict

Point = tuple[Fraction, ...]
Partition = tuple[tuple[int, ...], ...]
RELS = ("==", "<=", ">=")


@dataclass(frozen=True)
class Moment:
    """``E_f g(v) (rel) rhs``; ``g`` maps a grid point (tuple of Fractions) to an exact Fraction."""

    g: Callable[[Point], Fraction]
    rel: str
    rhs: Fraction
    label: str

    def __post_init__(self) -> None:
        if self.rel not in RELS:
            raise ValueError(f"relation must be one of {RELS}")


def item_mean(i: int, m, rel: str = "==") -> Moment:
    """``E v_i (rel) m`` (goods numbered from 0)."""
    return Moment(lambda v: v[i], rel, Fraction(m), f"E v_{i + 1} {rel} {m}")


def cell_mean(cell: Sequence[int], m, rel: str = "==") -> Moment:
    """``E sum_{i in cell} v_i (rel) m`` (depends only on the law of the cell total)."""
    cell = tuple(cell)
    name = "+".join(f"v_{i + 1}" for i in cell)
    return Moment(lambda v: sum((v[i] for i in cell), Fraction(0)), rel, Fraction(m), f"E({name}) {rel} {m}")


def square_grid(values: Sequence, n: int = 2) -> tuple[Point, ...]:
    """``values^n`` (a product grid)."""
    vals = [Fraction(a) for a in values]
    return tuple(itertools.product(vals, repeat=n))


def simplex_grid(top: int, step=1, n: int = 2) -> tuple[Point, ...]:
    """``{v in (step Z_+)^n : sum v <= top}`` (contains every axis point (z, 0, ..), z <= top)."""
    st = Fraction(step)
    k = int(Fraction(top) / st)
    return tuple(tuple(st * a for a in p) for p in itertools.product(range(k + 1), repeat=n) if sum(p) <= k)


@dataclass(frozen=True)
class Instance:
    """A finite robust-selling problem: type grid and nature's moment conditions."""

    name: str
    grid: tuple[Point, ...]
    moments: tuple[Moment, ...]
    description: str = ""
    tex: str = ""          # LaTeX (math mode) description for statements

    @property
    def n(self) -> int:
        return len(self.grid[0])

    def membership_rows(self) -> tuple[list[dict[int, Fraction]], list[Fraction], list[str]]:
        """Rows of ``f in F`` over the grid (``sum f = 1`` first), with their relations."""
        rows = [{v: Fraction(1) for v in range(len(self.grid))}]
        rhs, rels = [Fraction(1)], ["=="]
        for m in self.moments:
            rows.append({v: Fraction(m.g(p)) for v, p in enumerate(self.grid) if m.g(p) != 0})
            rhs.append(m.rhs)
            rels.append(m.rel)
        return rows, rhs, rels


@dataclass
class MechanismPolytope:
    """Mechanisms as ``{x >= 0 : A x <= b}``; the payment of grid type v is ``pay[v] . x``."""

    label: str
    names: list[str]
    A: list[dict[int, Fraction]]
    b: list[Fraction]
    pay: list[dict[int, Fraction]]

    @property
    def nvars(self) -> int:
        return len(self.names)


def all_mechanisms(grid: Sequence[Point]) -> MechanismPolytope:
    """Every IC/IR direct mechanism on the grid: q(v) in [0,1]^n, t(v) >= 0, pairwise IC, IR."""
    T, n = len(grid), len(grid[0])
    names = [f"q{i + 1}({','.join(map(str, v))})" for v in grid for i in range(n)]
    names += [f"t({','.join(map(str, v))})" for v in grid]

    def q(v: int, i: int) -> int:
        return v * n + i

    def t(v: int) -> int:
        return T * n + v

    A, b = [], []
    for v in range(T):
        for i in range(n):
            A.append({q(v, i): Fraction(1)})
            b.append(Fraction(1))
    for v, w in itertools.product(range(T), repeat=2):   # IC: u(v) >= v.q(w) - t(w); w == v: IR
        row: dict[int, Fraction] = {}
        for i in range(n):
            row[q(v, i)] = row.get(q(v, i), Fraction(0)) - grid[v][i]
            if w != v:
                row[q(w, i)] = row.get(q(w, i), Fraction(0)) + grid[v][i]
        row[t(v)] = Fraction(1)
        if w != v:
            row[t(w)] = Fraction(-1)
        A.append({j: a for j, a in row.items() if a != 0})
        b.append(Fraction(0))
    pay = [{t(v): Fraction(1)} for v in range(T)]
    return MechanismPolytope("all IC/IR mechanisms", names, A, b, pay)


def cell_totals(grid: Sequence[Point], cell: Sequence[int]) -> list[Fraction]:
    return sorted({sum((p[i] for i in cell), Fraction(0)) for p in grid})


def bundled_mechanisms(grid: Sequence[Point], partition: Partition) -> MechanismPolytope:
    """K-bundled sales: a 1-D IC/IR mechanism (q_K(z), t_K(z)) per cell K on the totals z in G."""
    names, A, b = [], [], []
    index: list[dict[Fraction, int]] = []
    for k, cell in enumerate(partition):
        zs = cell_totals(grid, cell)
        base = len(names)
        qi = {z: base + 2 * a for a, z in enumerate(zs)}
        ti = {z: base + 2 * a + 1 for a, z in enumerate(zs)}
        for z in zs:
            names += [f"q_K{k + 1}({z})", f"t_K{k + 1}({z})"]
        for z in zs:
            A.append({qi[z]: Fraction(1)})
            b.append(Fraction(1))
        for z, w in itertools.product(zs, repeat=2):
            row = {qi[z]: -z, ti[z]: Fraction(1)}
            if w != z:
                row[qi[w]] = row.get(qi[w], Fraction(0)) + z
                row[ti[w]] = Fraction(-1)
            A.append({j: a for j, a in row.items() if a != 0})
            b.append(Fraction(0))
        index.append(ti)
    pay = []
    for p in grid:
        row: dict[int, Fraction] = {}
        for cell, ti in zip(partition, index):
            j = ti[sum((p[i] for i in cell), Fraction(0))]
            row[j] = row.get(j, Fraction(0)) + 1
        pay.append(row)
    label = "K-bundled sales, K = " + "|".join("{" + ",".join(str(i + 1) for i in c) + "}" for c in partition)
    return MechanismPolytope(label, names, A, b, pay)


def maxmin_lp(inst: Instance, mech: MechanismPolytope) -> LinearProgram:
    """``max_M min_{f in F} E_f t`` as one LP (nature's min dualized).

    Variables: mechanism x >= 0, then ``lam`` (free) and one ``mu_j`` per moment (free for ==,
    <= 0 for <=, >= 0 for >=).  Rows: ``A x <= b`` and ``lam + sum_j mu_j g_j(v) - t(v) <= 0``.
    """
    rows_f, rhs_f, rels = inst.membership_rows()
    nx = mech.nvars
    A, b = list(mech.A), list(mech.b)
    for v in range(len(inst.grid)):
        row = {j: -a for j, a in mech.pay[v].items()}
        for k, r in enumerate(rows_f):
            if r.get(v):
                row[nx + k] = r[v]
        A.append(row)
        b.append(Fraction(0))
    bounds = [(0, None)] * nx
    bounds += [(None, None) if rel == "==" else ((None, 0) if rel == "<=" else (0, None)) for rel in rels]
    c = [Fraction(0)] * nx + list(rhs_f)
    return LinearProgram(c=c, A_ub=A, b_ub=b, bounds=bounds, maximize=True,
                         names=list(mech.names) + ["lam"] + [m.label for m in inst.moments])


def minmax_lp(inst: Instance, mech: MechanismPolytope) -> LinearProgram:
    """``min_{f in F} max_M E_f t`` as one LP (the seller's max over ``{A x <= b, x >= 0}`` dualized).

    Variables: f (law on the grid, >= 0), then y >= 0 (one per mechanism row).
    Rows: nature's constraints on f; ``sum_v f_v pay_v[j] - (A^T y)_j <= 0`` for every mechanism
    variable j.  Objective ``min b.y``.
    """
    rows_f, rhs_f, rels = inst.membership_rows()
    T = len(inst.grid)
    A_ub, b_ub, A_eq, b_eq = [], [], [], []
    for r, h, rel in zip(rows_f, rhs_f, rels):
        if rel == "==":
            A_eq.append(r)
            b_eq.append(h)
        elif rel == "<=":
            A_ub.append(r)
            b_ub.append(h)
        else:
            A_ub.append({j: -a for j, a in r.items()})
            b_ub.append(-h)
    cols: list[dict[int, Fraction]] = [dict() for _ in range(mech.nvars)]
    for v, pr in enumerate(mech.pay):
        for j, a in pr.items():
            cols[j][v] = cols[j].get(v, Fraction(0)) + a
    for i, r in enumerate(mech.A):
        for j, a in r.items():
            cols[j][T + i] = cols[j].get(T + i, Fraction(0)) - a
    A_ub += cols
    b_ub += [Fraction(0)] * mech.nvars
    c = [Fraction(0)] * T + list(mech.b)
    return LinearProgram(c=c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq,
                         names=([f"f({','.join(map(str, p))})" for p in inst.grid]
                                + [f"y{i}" for i in range(len(mech.A))]))


@dataclass
class Value:
    """One exact LP value with its certificate (``result``) and the LP size/time."""

    kind: str          # "maxmin" / "minmax"
    mechanisms: str
    result: ExactLPResult

    @property
    def exact(self) -> Fraction | None:
        return self.result.value if self.result.certified else None

    def describe(self) -> str:
        return f"{self.kind} over {self.mechanisms}: {self.result.describe()}"


_CACHE: dict = {}


def solve(inst: Instance, mech: str | Partition, kind: str = "maxmin") -> Value:
    """Exact ``maxmin``/``minmax`` value of ``inst`` over ``mech`` ("all" or a partition); cached."""
    key = (inst.name, id(inst), mech, kind)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is inst:
        return hit[1]
    poly = all_mechanisms(inst.grid) if mech == "all" else bundled_mechanisms(inst.grid, mech)
    lp = maxmin_lp(inst, poly) if kind == "maxmin" else minmax_lp(inst, poly)
    val = Value(kind, poly.label, solve_exact(lp))
    _CACHE[key] = (inst, val)
    return val


def worst_case_law(inst: Instance, value: Value) -> dict[Point, Fraction]:
    """Nature's optimal law from a certified min-max solution (the f block of the primal)."""
    if value.kind != "minmax" or not value.result.certified:
        raise ValueError("need a certified min-max solution")
    return {p: w for p, w in zip(inst.grid, value.result.primal[:len(inst.grid)]) if w}


def best_response_lp(grid: Sequence[Point], law: dict[Point, Fraction], mech: MechanismPolytope) -> LinearProgram:
    """``max_M E_law t`` over the mechanism polytope (the seller's best response to one law)."""
    c = [Fraction(0)] * mech.nvars
    for p, w in law.items():
        for j, a in mech.pay[list(grid).index(p)].items():
            c[j] += w * a
    return LinearProgram(c=c, A_ub=mech.A, b_ub=mech.b, maximize=True, names=list(mech.names))


def best_response(inst: Instance, law: dict[Point, Fraction], mech: str | Partition) -> ExactLPResult:
    """Exact ``max_M E_law t`` over "all" mechanisms or the K-bundled ones for partition ``mech``."""
    poly = all_mechanisms(inst.grid) if mech == "all" else bundled_mechanisms(inst.grid, mech)
    return solve_exact(best_response_lp(inst.grid, law, poly))


def marginals(law: dict[Point, Fraction], cell: Sequence[int]) -> dict[Fraction, Fraction]:
    """The law of the cell total ``sum_{i in cell} v_i`` (a K-marginal, Upsilon_K)."""
    out: dict[Fraction, Fraction] = {}
    for p, w in law.items():
        z = sum((p[i] for i in cell), Fraction(0))
        out[z] = out.get(z, Fraction(0)) + w
    return dict(sorted(out.items()))


FINEST2: Partition = ((0,), (1,))
COARSEST2: Partition = ((0, 1),)


# --------------------------------------------------------------------------------------------
# claims
# --------------------------------------------------------------------------------------------

_METHOD = "exact LP (HiGHS + verified rational duality certificate)"


def _fmt(r: ExactLPResult) -> str:
    return r.describe()


@dataclass
class ExactLPEquality(Claim):
    """``lhs() == rhs()`` (and ``== value`` when given) for exact LP optima on a finite instance.

    ``lhs``/``rhs`` return :class:`ExactLPResult`.  Verdict: PROVED only when both certificates
    re-verify from scratch (:meth:`ExactLPResult.verify`, Fractions) and the proved values are
    equal (and equal ``value``); REFUTED with both exact values when they differ (or when the
    proved exact brackets of uncertified results are disjoint); otherwise UNDECIDED.
    """

    lhs: Callable[[], ExactLPResult] = None  # type: ignore[assignment]
    rhs: Callable[[], ExactLPResult] = None  # type: ignore[assignment]
    lhs_label: str = "lhs"
    rhs_label: str = "rhs"
    value: Fraction | None = None

    def check(self, scope: Scope, *, digits: int = 50, samples: int = 9) -> Verdict:
        t0 = time.perf_counter()
        a, b = self.lhs(), self.rhs()
        info = f"{self.lhs_label} = {_fmt(a)}; {self.rhs_label} = {_fmt(b)}"
        if not (a.certified and b.certified):
            lo = [r.value if r.certified else r.bracket[0] for r in (a, b)]
            hi = [r.value if r.certified else r.bracket[1] for r in (a, b)]
            disjoint = any(lo[i] is not None and hi[1 - i] is not None and lo[i] > hi[1 - i] for i in (0, 1))
            if disjoint:
                return Verdict(Status.REFUTED, _METHOD, f"proved brackets are disjoint: {info}",
                               witness={self.lhs_label: f"[{lo[0]}, {hi[0]}]", self.rhs_label: f"[{lo[1]}, {hi[1]}]"})
            return Verdict(Status.UNDECIDED, _METHOD, f"no exact certificate: {info}")
        try:
            va, vb = a.verify(), b.verify()   # independent re-check of both certificates
        except CertificateError as exc:
            return Verdict(Status.UNDECIDED, _METHOD, f"certificate rejected on re-check ({exc}): {info}")
        info += f" ({time.perf_counter() - t0:.1f}s)"
        if va == vb and (self.value is None or va == self.value):
            extra = "" if self.value is None else f", = claimed value {self.value}"
            return Verdict(Status.PROVED, _METHOD, f"both optima proved by weak duality and equal{extra}: {info}",
                           certificate=(a, b))
        why = "values differ" if va != vb else f"common value {va} != claimed value {self.value}"
        witness = {self.lhs_label: str(va), self.rhs_label: str(vb)}
        if self.value is not None:
            witness["claimed"] = str(self.value)
        return Verdict(Status.REFUTED, _METHOD, f"{why}: {info}", witness=witness,
                       witness_value=str(va - vb if va != vb else va - self.value), certificate=(a, b))


@dataclass
class FiniteCheck(Claim):
    """A finite exact computation (Fractions only): ``compute()`` returns (holds, detail).

    PROVED when it holds (the computation *is* the proof of a finite statement), REFUTED otherwise.
    """

    compute: Callable[[], tuple[bool, str]] = None  # type: ignore[assignment]

    def check(self, scope: Scope, *, digits: int = 50, samples: int = 9) -> Verdict:
        ok, detail = self.compute()
        return Verdict(Status.PROVED if ok else Status.REFUTED, "exact finite check", detail)


def closed_under_split(grid: Sequence[Point], partition: Partition, alpha: Sequence) -> tuple[bool, str]:
    """Whether G contains V(x) = (alpha_i x_{K(i)})_i for every vector x of cell totals occurring in G.

    This is what Lemma A.1's worst case F* (law of V(X), X ~ Carroll's coupling of the
    K-marginals) needs to be a law on G.  Exact; the first missing point is the counterexample.
    """
    al = [Fraction(a) for a in alpha]
    cellof = {i: k for k, cell in enumerate(partition) for i in cell}
    pts = set(grid)
    totals = [cell_totals(grid, cell) for cell in partition]
    for x in itertools.product(*totals):
        v = tuple(al[i] * x[cellof[i]] for i in range(len(grid[0])))
        if v not in pts:
            return False, (f"cell totals {tuple(map(str, x))} occur in G but V(x) = {tuple(map(str, v))} "
                           f"(alpha = {tuple(map(str, al))}) is not a grid point")
    count = len(list(itertools.product(*totals)))
    return True, f"all {count} vectors of cell totals map into G (alpha = {tuple(map(str, al))})"


def marginal_conditions(law: dict[Point, Fraction], grid: Sequence[Point], partition: Partition) -> tuple[Moment, ...]:
    """Moments fixing the K-marginals of ``law``: P(sum_{i in K} v_i = z) = law_K(z) for all K, z."""
    out = []
    for k, cell in enumerate(partition):
        mk = marginals(law, cell)
        for z in cell_totals(grid, cell):
            out.append(Moment(lambda v, cell=cell, z=z: Fraction(int(sum((v[i] for i in cell), Fraction(0)) == z)),
                              "==", mk.get(z, Fraction(0)), f"P(z_K{k + 1} = {z})"))
    return tuple(out)
