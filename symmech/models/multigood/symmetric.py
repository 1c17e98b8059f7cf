"""Permutations, symmetric mechanisms and the two models of Bikhchandani and Mishra,
"Rank-preserving Multidimensional Mechanisms" (2022).

Conventions (fixed here because the paper leaves them implicit):

* **C1 permutation action.** A permutation of ``{0, ..., n-1}`` is a tuple ``sigma`` with
  ``sigma[j] = sigma(j)``; it acts on types and allocations by ``v^sigma_j = v_{sigma(j)}``
  (:func:`act`).  Then ``(v^tau)^sigma = v^(tau o sigma)`` (:func:`compose`).
* **C2 sorting form.** For ``v`` in ``D(sigma)``, ``sigma(k)`` is the index of the k-th largest
  coordinate and ``v^sigma = sort_desc(v)`` (:func:`sorting_perm`; ties broken by index).
* **C5 ties on grids.** The symmetric extension gives tied objects the *average* of the tied
  units' probabilities (:func:`symmetric_extension`), and the sorted law of an exchangeable
  grid law carries the multinomial weights ``n!/prod m_k!`` (:func:`sorted_law`).

Heterogeneous model ``M^H``: types ``[v_low, v_high]^n``, allocations ``[0,1]^n``.  Identical
model ``M^I``: types with ``v_1 >= ... >= v_n``, allocations with ``1 >= q_1 >= ... >= q_n >= 0``.
A *mechanism* here is a callable ``v -> (q, t)`` (exact numbers: Fractions or SymPy numbers).
"""
from __future__ import annotations

import itertools
import math
from fractions import Fraction
from typing import Callable, Mapping, Sequence

Perm = tuple[int, ...]
Point = tuple
Mech = Callable[[Point], tuple[tuple, object]]


class PermutationError(ValueError):
    """A tuple that is not a permutation of 0..n-1."""


class AllocationError(ValueError):
    """An allocation outside the model's feasible set (e.g. violating q_1 >= ... >= q_n in M^I)."""


class ExchangeabilityError(ValueError):
    """A law that is not exchangeable where the result needs exchangeability."""


def check_perm(sigma: Sequence[int], n: int | None = None) -> Perm:
    """``sigma`` as a tuple, after checking it is a permutation of 0..n-1 (error names the defect)."""
    s = tuple(sigma)
    if any(not isinstance(x, int) or isinstance(x, bool) for x in s):
        raise PermutationError(f"{sigma!r} is not a permutation: entries must be integers")
    m = len(s) if n is None else n
    if len(s) != m:
        raise PermutationError(f"{sigma!r} is not a permutation of 0..{m - 1}: it has length {len(s)}")
    if sorted(s) != list(range(m)):
        missing = sorted(set(range(m)) - set(s))
        dup = sorted({x for x in s if s.count(x) > 1})
        out = sorted(x for x in set(s) if not 0 <= x < m)
        raise PermutationError(f"{sigma!r} is not a permutation of 0..{m - 1}: missing {missing}, "
                               f"repeated {dup}, out of range {out}")
    return s


def identity(n: int) -> Perm:
    return tuple(range(n))


def act(v: Sequence, sigma: Sequence[int]) -> tuple:
    """``v^sigma`` with ``v^sigma_j = v_{sigma(j)}`` (convention C1)."""
    s = check_perm(sigma, len(v))
    return tuple(v[s[j]] for j in range(len(s)))


def compose(tau: Sequence[int], sigma: Sequence[int]) -> Perm:
    """``tau o sigma``: ``j -> tau(sigma(j))``; so ``act(act(v, tau), sigma) == act(v, compose(tau, sigma))``."""
    t, s = check_perm(tau), check_perm(sigma, len(tau))
    return tuple(t[s[j]] for j in range(len(s)))


def inverse(sigma: Sequence[int]) -> Perm:
    s = check_perm(sigma)
    inv = [0] * len(s)
    for j, x in enumerate(s):
        inv[x] = j
    return tuple(inv)


def all_perms(n: int) -> list[Perm]:
    return list(itertools.permutations(range(n)))


def adjacent_transpositions(n: int) -> list[Perm]:
    """The transpositions ``(i i+1)``; they generate the symmetric group (convention C3)."""
    out = []
    for i in range(n - 1):
        s = list(range(n))
        s[i], s[i + 1] = s[i + 1], s[i]
        out.append(tuple(s))
    return out


def sort_desc(v: Sequence) -> tuple:
    return tuple(sorted(v, reverse=True))


def sorting_perm(v: Sequence) -> Perm:
    """A ``sigma`` with ``act(v, sigma) == sort_desc(v)``: ``sigma(k)`` = index of the k-th largest
    coordinate (ties by index).  For strict ``v`` this is the unique ``sigma`` with ``v in D(sigma)``."""
    return tuple(sorted(range(len(v)), key=lambda i: (-v[i], i)))


def is_strict(v: Sequence) -> bool:
    return len(set(v)) == len(v)


def in_region(v: Sequence, sigma: Sequence[int]) -> bool:
    """``v in D(sigma)``: ``v_{sigma(1)} > ... > v_{sigma(n)}`` (eq. (2))."""
    w = act(v, sigma)
    return all(w[k] > w[k + 1] for k in range(len(w) - 1))


def is_decreasing(v: Sequence) -> bool:
    """``v_1 >= ... >= v_n`` (the closed cone ``bar D^I``)."""
    return all(v[k] >= v[k + 1] for k in range(len(v) - 1))


def check_mi_allocation(q: Sequence, where: object = None) -> tuple:
    """Feasibility (1) of ``M^I``: ``1 >= q_1 >= ... >= q_n >= 0``; the error names the violated link."""
    q = tuple(q)
    at = "" if where is None else f" at type {tuple(map(str, where))}"
    if q and (q[0] > 1 or q[-1] < 0):
        raise AllocationError(f"M^I allocation {tuple(map(str, q))}{at} leaves [0, 1]")
    for k in range(len(q) - 1):
        if q[k] < q[k + 1]:
            raise AllocationError(f"M^I allocation {tuple(map(str, q))}{at} violates feasibility (1): "
                                  f"q_{k + 1} = {q[k]} < q_{k + 2} = {q[k + 1]}")
    return q


def check_mh_allocation(q: Sequence, where: object = None) -> tuple:
    q = tuple(q)
    for k, x in enumerate(q):
        if x < 0 or x > 1:
            at = "" if where is None else f" at type {tuple(map(str, where))}"
            raise AllocationError(f"M^H allocation {tuple(map(str, q))}{at}: q_{k + 1} = {x} is not in [0, 1]")
    return q


def tie_blocks(v: Sequence) -> list[list[int]]:
    """Positions of ``sort_desc(v)`` grouped into blocks of equal values."""
    w = sort_desc(v)
    blocks: list[list[int]] = [[0]] if w else []
    for k in range(1, len(w)):
        if w[k] == w[k - 1]:
            blocks[-1].append(k)
        else:
            blocks.append([k])
    return blocks


def symmetric_extension(mech_i: Mech, *, check: bool = True) -> Mech:
    """Def. 3 in sorting form (C2): ``q^s_{sigma(k)}(v) = q_k(sort v)``, ``t^s(v) = t(sort v)``.

    At non-strict ``v`` (C5) the tied objects get the average of the tied units' probabilities, so
    the extension is symmetric everywhere.  With ``check``, every ``M^I`` allocation is checked for
    feasibility (1) (an :class:`AllocationError` names the type and the violated link).
    """
    def ext(v: Point) -> tuple[tuple, object]:
        w = sort_desc(v)
        q, t = mech_i(w)
        q = check_mi_allocation(q, w) if check else tuple(q)
        sig = sorting_perm(v)
        qs: list = [None] * len(v)
        for block in tie_blocks(v):
            avg = sum((q[k] for k in block), 0 * q[0]) / len(block) if len(block) > 1 else q[block[0]]
            for k in block:
                qs[sig[k]] = avg
        return tuple(qs), t
    return ext


def restrict(mech_h: Mech) -> Mech:
    """The restriction of an ``M^H`` mechanism to the sorted cone (direction H -> I of Thm. 2)."""
    def res(v: Point) -> tuple[tuple, object]:
        if not is_decreasing(v):
            raise ValueError(f"type {tuple(map(str, v))} is not in bar D^I (not decreasing)")
        return mech_h(v)
    return res


def symmetrization(mech: Mech, n: int) -> Mech:
    """Thm. 3: ``q*(v) = (1/n!) sum_sigma q^{sigma^-1}(v^sigma)``, ``t*(v) = (1/n!) sum_sigma t(v^sigma)``,
    where ``q^{sigma^-1}(w)_i = q_{sigma^-1(i)}(w)``."""
    perms = all_perms(n)

    def sym(v: Point) -> tuple[tuple, object]:
        qs = [0] * n
        ts = 0
        for s in perms:
            q, t = mech(act(v, s))
            qi = act(q, inverse(s))
            qs = [a + b for a, b in zip(qs, qi)]
            ts = ts + t
        m = math.factorial(n)
        return tuple(_div(x, m) for x in qs), _div(ts, m)
    return sym


def _div(x, m: int):
    return x / m if not isinstance(x, int) else Fraction(x, m)


# ---------------------------------------------------------------------------------------------
# laws on grids
# ---------------------------------------------------------------------------------------------

Law = Mapping[Point, Fraction]


def check_law(law: Law) -> None:
    total = sum(law.values(), Fraction(0))
    if any(w < 0 for w in law.values()):
        raise ValueError("a law has a negative mass")
    if total != 1:
        raise ValueError(f"a law must have total mass 1, got {total}")


def check_exchangeable(law: Law) -> None:
    """Raise :class:`ExchangeabilityError` naming a type whose transposed type has another mass."""
    for v, w in law.items():
        for s in adjacent_transpositions(len(v)):
            u = act(v, s)
            if law.get(u, Fraction(0)) != w:
                raise ExchangeabilityError(
                    f"law is not exchangeable: f{tuple(map(str, v))} = {w} but "
                    f"f{tuple(map(str, u))} = {law.get(u, Fraction(0))}")


def is_exchangeable(law: Law) -> bool:
    try:
        check_exchangeable(law)
    except ExchangeabilityError:
        return False
    return True


def sorted_law(law_h: Law, *, require_exchangeable: bool = True) -> dict[Point, Fraction]:
    """``F^I`` = law of ``sort_desc(v)``, ``v ~ F^H`` (C5: on grids ``f^I = n!/prod m_k! * f^H``)."""
    check_law(law_h)
    if require_exchangeable:
        check_exchangeable(law_h)
    out: dict[Point, Fraction] = {}
    for v, w in law_h.items():
        s = sort_desc(v)
        out[s] = out.get(s, Fraction(0)) + Fraction(w)
    return {k: w for k, w in out.items() if w}


def tie_weight(v: Sequence) -> int:
    """``n! / prod_k m_k!``: the number of distinct rearrangements of ``v`` (C5)."""
    out = math.factorial(len(v))
    for b in tie_blocks(v):
        out //= math.factorial(len(b))
    return out


def exchangeable_law(law_i: Law) -> dict[Point, Fraction]:
    """Direction I -> H: the exchangeable ``f^H(v) = f^I(sort v) / tie_weight(v)`` on all rearrangements."""
    check_law(law_i)
    out: dict[Point, Fraction] = {}
    for v, w in law_i.items():
        if not is_decreasing(v):
            raise ValueError(f"type {tuple(map(str, v))} of an M^I law is not decreasing")
        for u in set(itertools.permutations(v)):
            out[u] = out.get(u, Fraction(0)) + Fraction(w) / tie_weight(v)
    return out


def iid_law(values: Sequence, probs: Sequence, n: int) -> dict[Point, Fraction]:
    """The i.i.d. product law on ``values^n`` with one-dimensional pmf ``probs``."""
    vals = [Fraction(x) for x in values]
    ps = [Fraction(p) for p in probs]
    if sum(ps) != 1 or len(ps) != len(vals):
        raise ValueError("pmf must match the values and sum to 1")
    out = {}
    for idx in itertools.product(range(len(vals)), repeat=n):
        w = Fraction(1)
        for k in idx:
            w *= ps[k]
        if w:
            out[tuple(vals[k] for k in idx)] = w
    return out


def unit_marginals(law: Law) -> list[dict[Fraction, Fraction]]:
    """The marginal pmf of each coordinate."""
    n = len(next(iter(law)))
    out: list[dict] = [dict() for _ in range(n)]
    for v, w in law.items():
        for i in range(n):
            out[i][v[i]] = out[i].get(v[i], Fraction(0)) + w
    return out


def average_marginal(law: Law) -> dict[Fraction, Fraction]:
    """``G_avg``: the average of the coordinates' marginal pmfs."""
    ms = unit_marginals(law)
    out: dict = {}
    for m in ms:
        for x, w in m.items():
            out[x] = out.get(x, Fraction(0)) + w / len(ms)
    return out
