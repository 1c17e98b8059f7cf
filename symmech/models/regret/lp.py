"""Discretized minimax-regret LPs, solved by HiGHS with exact rational certificates.

* :func:`single_buyer_lp` -- (2.6) of Koçyiğit, 'Distributional Robustness in Mechanism Design'
  (2020): one buyer, J items, grid ``V_n = x_j {c_j + k (v_bar_j - c_j)/n}`` (or any product grid),
  IC and IR on the grid, ``0 <= q <= 1``, minimize the epigraph variable r of the worst regret.
* :func:`auction_lp` -- the Ch. 3 dominant-strategy LP: I bidders, one item, values on a grid,
  DSIC + ex-post IR + inventory (sum_i q^i <= 1), regret ``max_i v^i - sum_i m^i``.
* :func:`expected_regret_lp` -- the seller's best response to a finite law of one buyer's values
  (min expected regret over IC/IR mechanisms on the law's support).
* :func:`witness_233` / :func:`witness_objective` -- the dual witness (alpha_n, gamma_n) of Lemma 2.3.3
  and its objective in (2.8), exactly in terms of e.

Every optimum is returned as :class:`symmech.tactics.lp.exact.ExactLPResult` (certified only when the
primal/dual certificate re-checks in Fractions).
"""
from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Sequence

import sympy as sp

from symmech.models.objectives import ObjectiveError, check_costs
from symmech.models.regret._arb import sign as arb_sign_expr

Point = tuple[Fraction, ...]


def _fr(x) -> Fraction:
    if isinstance(x, float):
        raise ObjectiveError(f"{x!r} is a float; LP data must be exact (int, Fraction, string)")
    if isinstance(x, Fraction):
        return x
    return Fraction(str(x)) if not hasattr(x, "p") else Fraction(int(x.p), int(x.q))


def cost_grid(vbar: Sequence, c: Sequence, n: int) -> list[list[Fraction]]:
    """The grids ``V_{n,j} = {c_j + k (v_bar_j - c_j)/n : k = 0..n}`` of (2.5) (requires 0 <= c < v_bar)."""
    if not isinstance(n, int) or n < 1:
        raise ObjectiveError(f"grid size n = {n!r} must be a positive integer")
    check_costs(list(c), list(vbar))
    return [[_fr(cj) + Fraction(k, n) * (_fr(vj) - _fr(cj)) for k in range(n + 1)] for vj, cj in zip(vbar, c)]


def single_buyer_lp(grids: Sequence[Sequence], c: Sequence, points: Sequence[Sequence] | None = None):
    """LP (2.6) on the product grid (or on the given ``points``, e.g. a non-rectangular set);
    returns ``(LinearProgram, points)``.  Variables: r, then per point v the J allocations
    q_j(v) in [0, 1] and the payment m(v) (free)."""
    from symmech.tactics.lp.exact import LinearProgram
    cs = [_fr(x) for x in check_costs(list(c))]
    J = len(grids) if points is None else len(points[0])
    if J != len(cs):
        raise ObjectiveError(f"{J} items but {len(cs)} costs")
    src = itertools.product(*grids) if points is None else points
    pts: list[Point] = [tuple(_fr(x) for x in p) for p in src]
    nv = 1 + len(pts) * (J + 1)
    qi = lambda a, j: 1 + a * (J + 1) + j          # noqa: E731
    mi = lambda a: 1 + a * (J + 1) + J             # noqa: E731
    ub, b = [], []
    for a, v in enumerate(pts):
        # regret: sum (v-c)^+ - m + q.c <= r
        row = {0: Fraction(-1), mi(a): Fraction(-1)}
        for j in range(J):
            if cs[j]:
                row[qi(a, j)] = cs[j]
        ub.append(row)
        b.append(-sum((max(v[j] - cs[j], 0) for j in range(J)), Fraction(0)))
        # IR: m - q.v <= 0
        row = {mi(a): Fraction(1)}
        for j in range(J):
            if v[j]:
                row[qi(a, j)] = -v[j]
        ub.append(row)
        b.append(Fraction(0))
    for a, v in enumerate(pts):           # IC: q(w).v - m(w) - q(v).v + m(v) <= 0
        for w_i in range(len(pts)):
            if w_i == a:
                continue
            row: dict[int, Fraction] = {mi(w_i): Fraction(-1), mi(a): Fraction(1)}
            for j in range(J):
                if v[j]:
                    row[qi(w_i, j)] = row.get(qi(w_i, j), Fraction(0)) + v[j]
                    row[qi(a, j)] = row.get(qi(a, j), Fraction(0)) - v[j]
            ub.append({k: x for k, x in row.items() if x})
            b.append(Fraction(0))
    bounds = [(None, None)] + [(0, 1) if (k - 1) % (J + 1) < J else (None, None) for k in range(1, nv)]
    cost = [Fraction(1)] + [Fraction(0)] * (nv - 1)
    return LinearProgram(cost, ub, b, bounds=bounds), pts


def solve_single_buyer(vbar: Sequence, c: Sequence, n: int):
    """Exact optimum z*_n of (2.6) on the grid of (2.5)."""
    from symmech.tactics.lp.exact import solve_exact
    lp, _ = single_buyer_lp(cost_grid(vbar, c, n), c)
    return solve_exact(lp)


def auction_lp(grid: Sequence, bidders: int, law: dict | None = None):
    """Ch. 3 dominant-strategy LP for one item: minimize r s.t. r >= max_i v^i - sum_i m^i(v),
    DSIC, ex-post IR, q >= 0, sum_i q^i(v) <= 1, on the profiles grid^I.  With ``law`` (a map from
    profiles of grid values to probabilities) the objective is the expected regret
    ``E[max_i v^i - sum_i m^i(v)]`` minus its constant ``E[max_i v^i]`` (problem (3.9) on the grid);
    add :func:`expected_max` to get the value."""
    from symmech.tactics.lp.exact import LinearProgram
    if not isinstance(bidders, int) or bidders < 1:
        raise ObjectiveError(f"number of bidders I = {bidders!r} must be a positive integer")
    g = [_fr(x) for x in grid]
    I = bidders
    profs = list(itertools.product(range(len(g)), repeat=I))
    idx = {p: a for a, p in enumerate(profs)}
    nv = 1 + len(profs) * 2 * I
    qv = lambda a, i: 1 + a * 2 * I + i           # noqa: E731
    mv = lambda a, i: 1 + a * 2 * I + I + i       # noqa: E731
    ub, b = [], []
    for a, p in enumerate(profs):
        v = [g[k] for k in p]
        ub.append({0: Fraction(-1), **{mv(a, i): Fraction(-1) for i in range(I)}})
        b.append(-max(v))
        ub.append({qv(a, i): Fraction(1) for i in range(I)})
        b.append(Fraction(1))
        for i in range(I):
            row = {mv(a, i): Fraction(1)}
            if v[i]:
                row[qv(a, i)] = -v[i]
            ub.append(row)
            b.append(Fraction(0))
            for k in range(len(g)):
                if k == p[i]:
                    continue
                w = idx[p[:i] + (k,) + p[i + 1:]]
                row = {mv(w, i): Fraction(-1), mv(a, i): Fraction(1)}
                if v[i]:
                    row[qv(w, i)] = v[i]
                    row[qv(a, i)] = -v[i]
                ub.append(row)
                b.append(Fraction(0))
    bounds = [(None, None)] + [((0, None) if (k - 1) % (2 * I) < I else (None, None)) for k in range(1, nv)]
    cost = [Fraction(1)] + [Fraction(0)] * (nv - 1)
    if law is not None:
        cost = [Fraction(0)] * nv
        pos = {tuple(g.index(_fr(x)) for x in prof): _fr(pr) for prof, pr in law.items()}
        if sum(pos.values()) != 1 or any(pr < 0 for pr in pos.values()):
            raise ObjectiveError("the law's probabilities must be >= 0 and sum to 1")
        for pk, pr in pos.items():
            for i in range(I):
                cost[mv(idx[pk], i)] -= pr
    return LinearProgram(cost, ub, b, bounds=bounds), profs


def expected_max(law: dict) -> Fraction:
    """``E[max_i v^i]`` of a finite law of profiles."""
    return sum((_fr(pr) * max(_fr(x) for x in prof) for prof, pr in law.items()), Fraction(0))


def relaxation_310_lp(grid: Sequence, bidders: int, law_hat: dict):
    """The reconstructed relaxation (3.10) for one item (the display is lost in the thesis text):
    variables q^i, m^i only at the profiles E^i(v) = (0, .., v, .., 0) of S^i; IC and IR restricted
    to S^i; q^i <= 1 there (the relaxed inventory); objective ``(1/I) sum_k E_Phat[v - m^k(E^k v)]``
    minus its constant ``E_Phat[v]``."""
    from symmech.tactics.lp.exact import LinearProgram
    g = [_fr(x) for x in grid]
    I = bidders
    n = len(g)
    qv = lambda i, a: (i * n + a) * 2          # noqa: E731
    mv = lambda i, a: (i * n + a) * 2 + 1      # noqa: E731
    nv = 2 * I * n
    cost = [Fraction(0)] * nv
    for x, pr in law_hat.items():
        a = g.index(_fr(x))
        for i in range(I):
            cost[mv(i, a)] -= _fr(pr) / I
    ub, b = [], []
    for i in range(I):
        for a, v in enumerate(g):
            ub.append({mv(i, a): Fraction(1), **({qv(i, a): -v} if v else {})})
            b.append(Fraction(0))
            for w in range(n):
                if w != a:
                    row = {mv(i, w): Fraction(-1), mv(i, a): Fraction(1)}
                    if v:
                        row[qv(i, w)] = v
                        row[qv(i, a)] = -v
                    ub.append(row)
                    b.append(Fraction(0))
    bounds = [((0, 1) if k % 2 == 0 else (None, None)) for k in range(nv)]
    return LinearProgram(cost, ub, b, bounds=bounds)


def solve_auction(grid: Sequence, bidders: int):
    """Exact optimum of the Ch. 3 DSIC LP (one item) on ``grid^I``."""
    from symmech.tactics.lp.exact import solve_exact
    return solve_exact(auction_lp(grid, bidders)[0])


def expected_regret_lp(law: dict, c: Sequence, *, item_cap: bool = True):
    """The seller's best response to a finite law of one buyer's value vectors: minimize
    ``E[sum (v-c)^+ - m(v) + q(v).c]`` over IC/IR mechanisms on the support (0 <= q <= 1)."""
    from symmech.tactics.lp.exact import LinearProgram
    cs = [_fr(x) for x in check_costs(list(c))]
    pts = [tuple(_fr(x) for x in v) for v in law]
    probs = [_fr(law[v]) for v in law]
    if sum(probs) != 1 or any(p < 0 for p in probs):
        raise ObjectiveError("the law's probabilities must be >= 0 and sum to 1")
    J = len(cs)
    qi = lambda a, j: a * (J + 1) + j          # noqa: E731
    mi = lambda a: a * (J + 1) + J             # noqa: E731
    nv = len(pts) * (J + 1)
    cost = [Fraction(0)] * nv
    const = Fraction(0)
    for a, (v, pr) in enumerate(zip(pts, probs)):
        cost[mi(a)] = -pr
        for j in range(J):
            cost[qi(a, j)] = pr * cs[j]
        const += pr * sum((max(v[j] - cs[j], 0) for j in range(J)), Fraction(0))
    ub, b = [], []
    for a, v in enumerate(pts):
        row = {mi(a): Fraction(1), **{qi(a, j): -v[j] for j in range(J) if v[j]}}
        ub.append(row)
        b.append(Fraction(0))
        for w_i in range(len(pts)):
            if w_i != a:
                row = {mi(w_i): Fraction(-1), mi(a): Fraction(1)}
                for j in range(J):
                    if v[j]:
                        row[qi(w_i, j)] = v[j]
                        row[qi(a, j)] = -v[j]
                ub.append(row)
                b.append(Fraction(0))
    bounds = [((0, 1 if item_cap else None) if k % (J + 1) < J else (None, None)) for k in range(nv)]
    return LinearProgram(cost, ub, b, bounds=bounds), const


# ---------------------------------------------------------------------------------------------
# Lemma 2.3.3: the dual witness, exactly (in terms of e)
# ---------------------------------------------------------------------------------------------

def witness_233(n: int) -> tuple[dict[int, sp.Expr], dict[int, sp.Expr]]:
    """(alpha_n, gamma_n) of Lemma 2.3.3 on the diagonal levels k = 0..n (k: v - c = k/n (v_bar - c)):
    ``alpha[k]`` and ``gamma[k]`` = gamma_n(level k+1, level k).  Requires n > e (1 + e)."""
    if not isinstance(n, int) or n <= float(sp.E * (1 + sp.E)):
        raise ObjectiveError(f"Lemma 2.3.3 needs an integer n > e(1 + e) ~ 10.11, got {n!r}")
    e = sp.E
    k0 = int(sp.floor(n / e))
    alpha = {k: sp.Integer(n) / (e * k * (k + 1)) for k in range(k0, n)}
    alpha[n] = 1 - sum(alpha.values())
    gamma = {k: (n - e - e**2) * n / (e * (n - e) * (k + 1)) for k in range(k0, n)}
    return alpha, gamma


def witness_feasibility(n: int) -> tuple[bool, str]:
    """Feasibility of (alpha_n, gamma_n) in (2.8): alpha, gamma >= 0, sum alpha = 1, and the flow
    balance ``alpha(v) + sum_w gamma(w, v) - sum_w gamma(v, w) >= 0`` at every level; decided exactly
    (SymPy with E, signs by rigorous interval evaluation)."""
    alpha, gamma = witness_233(n)
    checks = [("sum alpha - 1", sp.nsimplify(0) if sp.simplify(sum(alpha.values()) - 1) == 0 else None)]
    if checks[0][1] is None:
        return False, "sum of alpha_n is not 1"
    for k, a in alpha.items():
        if arb_sign_expr(a) < 0:
            return False, f"alpha_n at level {k} is negative: {a}"
    for k, g in gamma.items():
        if arb_sign_expr(g) < 0:
            return False, f"gamma_n at level {k} is negative: {g}"
    for k in alpha:
        bal = alpha[k] + gamma.get(k, 0) - gamma.get(k - 1, 0)
        if arb_sign_expr(bal) < 0:
            return False, f"flow balance fails at level {k}: {bal}"
    return True, f"n = {n}: alpha, gamma >= 0, sum alpha = 1, flow balance >= 0 at all {len(alpha)} levels"


def witness_objective(n: int, d: Sequence) -> sp.Expr:
    """Objective of (alpha_n, gamma_n) in (2.8) for widths ``d_j = v_bar_j - c_j``, summed directly
    over the grid's diagonal (the only points with alpha or incoming gamma)."""
    alpha, gamma = witness_233(n)
    tot = sp.Integer(0)
    for k, a in alpha.items():
        for dj in d:
            s = sp.Rational(k, n) * dj
            inflow = gamma.get(k, 0) * (-dj / n)      # gamma(v + d/n, v) (v_j - w_j)
            tot += a * s - sp.Max(a * s + inflow, 0)
    return tot
