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

Values are exact (``symmech.tactics.lp.exact``: verified primal/dual certificates).
"""
from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Callable, Sequence

from symmech.claims import Claim
from symmech.tactics.lp.exact import CertificateError, ExactLPResult, LinearProgram, solve_exact
from symmech.tactics.scope import Scope
from symmech.kernel.verdict import Status, Verdict
from symmech.kernel import rules

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
            detail = f"both optima proved by weak duality and equal{extra}: {info}"
            equal = rules.lp_duality(detail, method=_METHOD, terms=((1, a), (-1, b)), target=0)
            if self.value is None:
                return equal
            return rules.conjunction([equal, rules.lp_duality(detail, method=_METHOD, terms=((1, a),),
                                                              target=self.value)], method=_METHOD, detail=detail)
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
        return rules.finite_outcome(ok, detail, witness_key=None)


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


# --------------------------------------------------------------------------------------------
# separate sales with known item means (Carrasco et al. conjecture C1 on finite grids)
# --------------------------------------------------------------------------------------------

def one_good_instance(values: Sequence, m, name: str | None = None) -> Instance:
    """One good with values on the grid ``values`` and a known mean ``E v = m`` (exact)."""
    vals = sorted(Fraction(a) for a in values)
    m = Fraction(m)
    label = name or f"one_good[{len(vals)} pts, m={m}]"
    return Instance(label, square_grid(vals, 1), (item_mean(0, m),),
                    f"one good, v in {{{', '.join(map(str, vals))}}}, E v = {m}")


def product_law(*laws: dict[Fraction, Fraction]) -> dict[Point, Fraction]:
    """The product (independent coupling) of one-dimensional laws ``{value: mass}``."""
    out: dict[Point, Fraction] = {}
    for combo in itertools.product(*(sorted(law.items()) for law in laws)):
        w = Fraction(1)
        for _, m in combo:
            w *= Fraction(m)
        if w:
            out[tuple(Fraction(v) for v, _ in combo)] = w
    return out


def comonotone_law(*laws: dict[Fraction, Fraction]) -> dict[Point, Fraction]:
    """The comonotone (quantile) coupling of one-dimensional laws: ``v_i = F_i^{-1}(U)``, one U.

    Exact: walks the sorted atoms of all marginals together, splitting mass at every change of
    any coordinate's quantile.  Each marginal of the result is the corresponding input law.
    """
    if not laws:
        raise ValueError("need at least one law")
    items = [[(Fraction(v), Fraction(m)) for v, m in sorted(law.items()) if m] for law in laws]
    for it in items:
        if sum((m for _, m in it), Fraction(0)) != 1:
            raise ValueError("each law must have total mass 1")
    idx = [0] * len(items)
    rest = [it[0][1] for it in items]
    out: dict[Point, Fraction] = {}
    while all(i < len(it) for i, it in zip(idx, items)):
        step = min(rest)
        p = tuple(it[i][0] for i, it in zip(idx, items))
        out[p] = out.get(p, Fraction(0)) + step
        for a in range(len(items)):
            rest[a] -= step
            if rest[a] == 0:
                idx[a] += 1
                if idx[a] < len(items[a]):
                    rest[a] = items[a][idx[a]][1]
    return out


def best_response_on_support(law: dict[Point, Fraction], mech: str | Partition = "all") -> ExactLPResult:
    """Exact ``max_M E_law t`` over IC/IR mechanisms on the *support* of ``law``.

    Equal to the best response over IC/IR mechanisms on any finite grid G containing the support:
    the restriction of a mechanism on G is one on the support, and a mechanism on the support
    extends to G as the menu {(q(s), t(s)) : s in supp} plus (0, 0) (every type of G picks its
    best item; types of the support keep their own by IC; IR by the (0, 0) item) with the same
    revenue (the finite case of Che and Zhong, Prop. B.1).  The LP is much smaller.
    """
    S = tuple(sorted(p for p, w in law.items() if w))
    poly = all_mechanisms(S) if mech == "all" else bundled_mechanisms(S, mech)
    return solve_exact(best_response_lp(S, law, poly))


def law_mean(law: dict, i: int = 0) -> Fraction:
    """``E v_i`` under a finite law (keys: points, or scalars for one good)."""
    tot = Fraction(0)
    for p, w in law.items():
        tot += Fraction(w) * Fraction(p[i] if isinstance(p, tuple) else p)
    return tot


def finest_knightian_on_grid(inst: Instance) -> tuple[bool, str]:
    """Exact check that {laws on G with inst's moments} is K-Knightian for the finest partition.

    Two finite facts, each checked point by point with Fractions:

    * G is the product of its coordinate projections (then every coupling of laws on the
      projections is a law on G, and every law on G has marginals on the projections);
    * every moment function g depends on one coordinate only (``g(v) = g(w)`` whenever
      ``v_i = w_i``), so ``E_F g = sum_z F_i(z) g(z e_i-slice)`` is a function of the marginal F_i.

    Hence membership depends only on the marginals (Che and Zhong, Def. 1).
    """
    G = list(inst.grid)
    n = len(G[0])
    proj = [sorted({p[i] for p in G}) for i in range(n)]
    size = 1
    for pr in proj:
        size *= len(pr)
    if len(set(G)) != size:
        missing = next(p for p in itertools.product(*proj) if p not in set(G))
        return False, (f"G is not the product of its projections: {tuple(map(str, missing))} is missing "
                       f"(|G| = {len(set(G))} < {size})")
    coords = []
    for mo in inst.moments:
        found = None
        for i in range(n):
            seen: dict[Fraction, Fraction] = {}
            if all(seen.setdefault(p[i], mo.g(p)) == mo.g(p) for p in G):
                found = i
                break
        if found is None:
            return False, f"moment '{mo.label}' depends on more than one coordinate on G"
        coords.append(found)
    return True, (f"G = product of {n} projections ({' x '.join(str(len(pr)) for pr in proj)} = {size} points); "
                  "moments depend on one coordinate each: "
                  + ", ".join(f"'{mo.label}' on v_{i + 1}" for mo, i in zip(inst.moments, coords)))


_RELS_CMP = {"==": lambda a, b: a == b, ">": lambda a, b: a > b, ">=": lambda a, b: a >= b,
             "<": lambda a, b: a < b, "<=": lambda a, b: a <= b}
_NEGATION_BRACKET = {  # (lo_l, hi_l, lo_r, hi_r) -> the relation is *proved false* by brackets
    "==": lambda lo_l, hi_l, lo_r, hi_r: (lo_l is not None and hi_r is not None and lo_l > hi_r)
    or (lo_r is not None and hi_l is not None and lo_r > hi_l),
    ">": lambda lo_l, hi_l, lo_r, hi_r: hi_l is not None and lo_r is not None and hi_l <= lo_r,
    ">=": lambda lo_l, hi_l, lo_r, hi_r: hi_l is not None and lo_r is not None and hi_l < lo_r,
    "<": lambda lo_l, hi_l, lo_r, hi_r: lo_l is not None and hi_r is not None and lo_l >= hi_r,
    "<=": lambda lo_l, hi_l, lo_r, hi_r: lo_l is not None and hi_r is not None and lo_l > hi_r,
}


def _sum_bracket(results: Sequence[ExactLPResult]) -> tuple[Fraction | None, Fraction | None]:
    lo, hi = Fraction(0), Fraction(0)
    for r in results:
        a, b = (r.value, r.value) if r.certified else r.bracket
        lo = None if (lo is None or a is None) else lo + a
        hi = None if (hi is None or b is None) else hi + b
    return lo, hi


@dataclass
class ExactLPSum(Claim):
    """``sum_a lhs_a() (rel) sum_b rhs_b()`` (and ``== value`` for the lhs when given), exact LP optima.

    ``lhs``/``rhs`` are sequences of callables returning :class:`ExactLPResult`; ``rel`` is one of
    ``== > >= < <=``.  Verdict: PROVED only when every certificate re-verifies from scratch
    (Fractions) and the proved sums satisfy the relation (and the lhs sum equals ``value``);
    REFUTED when the proved sums violate it (or, without full certification, when the proved
    brackets exclude it); otherwise UNDECIDED.
    """

    lhs: Sequence[Callable[[], ExactLPResult]] = ()
    rhs: Sequence[Callable[[], ExactLPResult]] = ()
    rel: str = "=="
    lhs_labels: Sequence[str] = ()
    rhs_labels: Sequence[str] = ()
    value: Fraction | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.rel not in _RELS_CMP:
            raise ValueError(f"rel must be one of {tuple(_RELS_CMP)}")
        if not self.lhs or not self.rhs:
            raise ValueError("need at least one term on each side")

    def _labels(self, labels, n, side):
        return list(labels) if len(labels) == n else [f"{side}{j + 1}" for j in range(n)]

    def check(self, scope: Scope, *, digits: int = 50, samples: int = 9) -> Verdict:
        t0 = time.perf_counter()
        L = [f() for f in self.lhs]
        R = [f() for f in self.rhs]
        ll = self._labels(self.lhs_labels, len(L), "lhs")
        rl = self._labels(self.rhs_labels, len(R), "rhs")
        info = "; ".join(f"{n} = {_fmt(r)}" for n, r in zip(ll + rl, L + R))
        if not all(r.certified for r in L + R):
            lo_l, hi_l = _sum_bracket(L)
            lo_r, hi_r = _sum_bracket(R)
            if _NEGATION_BRACKET[self.rel](lo_l, hi_l, lo_r, hi_r):
                return Verdict(Status.REFUTED, _METHOD, f"proved brackets exclude '{self.rel}': {info}",
                               witness={"lhs": f"[{lo_l}, {hi_l}]", "rhs": f"[{lo_r}, {hi_r}]"})
            return Verdict(Status.UNDECIDED, _METHOD, f"no exact certificate: {info}")
        try:
            vl = [r.verify() for r in L]   # independent re-check of every certificate
            vr = [r.verify() for r in R]
        except CertificateError as exc:
            return Verdict(Status.UNDECIDED, _METHOD, f"certificate rejected on re-check ({exc}): {info}")
        sl, sr = sum(vl, Fraction(0)), sum(vr, Fraction(0))
        info += f"; lhs sum = {sl} (~{float(sl):.10g}), rhs sum = {sr} (~{float(sr):.10g}) " \
                f"({time.perf_counter() - t0:.1f}s)"
        ok = _RELS_CMP[self.rel](sl, sr)
        val_ok = self.value is None or sl == self.value
        if ok and val_ok:
            extra = "" if self.value is None else f", lhs = claimed value {self.value}"
            detail = f"all optima proved by weak duality; {sl} {self.rel} {sr}{extra}: {info}"
            terms = tuple((1, r) for r in L) + tuple((-1, r) for r in R)
            rel = rules.lp_duality(detail, method=_METHOD, terms=terms, relation=self.rel, target=0)
            if self.value is None:
                return rel
            return rules.conjunction([rel, rules.lp_duality(detail, method=_METHOD, terms=tuple((1, r) for r in L),
                                                            target=self.value)], method=_METHOD, detail=detail)
        why = f"{sl} {self.rel} {sr} is false" if not ok else f"lhs sum {sl} != claimed value {self.value}"
        witness = {"lhs": str(sl), "rhs": str(sr)}
        if self.value is not None:
            witness["claimed"] = str(self.value)
        return Verdict(Status.REFUTED, _METHOD, f"{why}: {info}", witness=witness,
                       witness_value=str(sl - sr if not ok else sl - self.value), certificate=(tuple(L), tuple(R)))
