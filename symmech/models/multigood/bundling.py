"""Bundles, general valuations v(b, t), the (s, alpha) parametrization, lottery menus and pure bundling.

Haghpanah and Hartline, 'When Is Pure Bundling Optimal?' (2020), Sec. 2.  A type is a table of
values ``v(b, t) >= 0`` over all bundles ``b`` of the goods ``1..n`` with ``v({}, t) = 0`` and the
grand bundle ``b*`` maximal (``v(b, t) <= v(b*, t)``); values need not be additive or monotone.
Equivalently a type is ``(s, alpha)``: the base value ``s = v(b*, t)`` and the relative-value profile
``alpha(b) = v(b, t) / s`` (``alpha(b*) = 1``).  Finite laws carry exact rational masses.

Pure bundling at price P sells b* to every type with ``s >= P`` (ties buy), so its revenue is
``P * Pr[s >= P]`` (not ``P (1 - F(P))``: the spec's convention K1 / gap G1).  Menus of lotteries
break ties in the seller's favour.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Iterable, Mapping, Sequence

Bundle = frozenset


class BundlingError(ValueError):
    """Invalid bundling input (the message names the problem: which type, which bundle, which value)."""


def q(v) -> Fraction:
    """An exact rational (int, Fraction, decimal string, SymPy Rational); floats are refused."""
    if isinstance(v, Fraction):
        return v
    if isinstance(v, bool):
        raise BundlingError("a boolean is not a value")
    if isinstance(v, int):
        return Fraction(v)
    if isinstance(v, float):
        raise BundlingError(f"float {v!r} is not exact; give a Fraction or a string such as '0.8'")
    if isinstance(v, str):
        try:
            return Fraction(v)
        except ValueError as exc:
            raise BundlingError(f"not a rational number: {v!r}") from exc
    p, qq = getattr(v, "p", None), getattr(v, "q", None)
    if isinstance(p, int) and isinstance(qq, int):
        return Fraction(p, qq)
    raise BundlingError(f"cannot use {v!r} as an exact value")


def bundle(*goods: int) -> Bundle:
    """The bundle of the given goods (numbered from 1)."""
    return frozenset(int(g) for g in goods)


def all_bundles(n: int) -> list[Bundle]:
    """All 2^n bundles of goods 1..n, by size then lexicographically (the empty bundle first)."""
    if n < 1:
        raise BundlingError("need at least one good")
    goods = range(1, n + 1)
    return [frozenset(c) for k in range(n + 1) for c in itertools.combinations(goods, k)]


def grand(n: int) -> Bundle:
    """The grand bundle b* = {1, ..., n}."""
    return frozenset(range(1, n + 1))


def fmt_bundle(b: Bundle) -> str:
    return "{" + ",".join(str(g) for g in sorted(b)) + "}"


@dataclass(frozen=True)
class Valuation:
    """One type's values ``v(b, t)`` for every bundle (validated: see the module docstring)."""

    n: int
    values: Mapping[Bundle, Fraction]

    def __init__(self, n: int, values: Mapping) -> None:
        full = {b: Fraction(0) for b in all_bundles(n)}
        for b, v in values.items():
            b = frozenset(b)
            if b not in full:
                raise BundlingError(f"bundle {fmt_bundle(b)} is not a set of goods 1..{n}")
            full[b] = q(v)
        if full[frozenset()] != 0:
            raise BundlingError(f"v(empty bundle) = {full[frozenset()]} must be 0")
        top = full[grand(n)]
        for b, v in full.items():
            if v < 0:
                raise BundlingError(f"negative value v({fmt_bundle(b)}) = {v}")
            if v > top:
                raise BundlingError(f"grand bundle not maximal: v({fmt_bundle(b)}) = {v} > "
                                    f"v({fmt_bundle(grand(n))}) = {top}")
        object.__setattr__(self, "n", n)
        object.__setattr__(self, "values", full)

    @classmethod
    def additive(cls, item_values: Sequence) -> "Valuation":
        """``v(b) = sum_{i in b} v_i`` (item values >= 0)."""
        vals = [q(v) for v in item_values]
        n = len(vals)
        return cls(n, {b: sum((vals[i - 1] for i in b), Fraction(0)) for b in all_bundles(n)})

    @classmethod
    def from_profile(cls, n: int, s, alpha: Mapping) -> "Valuation":
        """``v(b) = s * alpha(b)`` with ``alpha(b*) = 1`` (the (s, alpha) parametrization); ``alpha`` in [0, 1]."""
        s = q(s)
        if s < 0:
            raise BundlingError(f"base value s = {s} is negative")
        al = {frozenset(b): q(a) for b, a in alpha.items()}
        for b, a in al.items():
            if a < 0 or a > 1:
                raise BundlingError(f"relative value alpha({fmt_bundle(b)}) = {a} is outside [0, 1]")
        if al.get(grand(n), Fraction(1)) != 1:
            raise BundlingError("alpha(grand bundle) must be 1")
        al[grand(n)] = Fraction(1)
        return cls(n, {b: s * a for b, a in al.items()})

    @property
    def s(self) -> Fraction:
        """The base value ``v(b*, t)``."""
        return self.values[grand(self.n)]

    def profile(self) -> tuple[Fraction, ...] | None:
        """The relative values ``r(b, t)`` of the proper non-empty bundles (``all_bundles`` order), None if s = 0."""
        if self.s == 0:
            return None
        return tuple(self.values[b] / self.s for b in proper_bundles(self.n))

    def value(self, lottery: Mapping[Bundle, Fraction]) -> Fraction:
        """``v(a, t) = E_{b ~ a} v(b, t)`` for a randomized bundle ``a`` (probabilities summing to <= 1)."""
        return sum((q(p) * self.values[frozenset(b)] for b, p in lottery.items()), Fraction(0))

    def __repr__(self) -> str:
        inner = ", ".join(f"{fmt_bundle(b)}: {v}" for b, v in self.values.items() if b)
        return f"Valuation({inner})"


def proper_bundles(n: int) -> list[Bundle]:
    """The 2^n - 2 bundles other than {} and b* (the coordinates of a relative-value profile)."""
    return [b for b in all_bundles(n) if b and b != grand(n)]


@dataclass(frozen=True)
class FiniteLaw:
    """A prior with finitely many types and exact masses (validated: masses >= 0, summing to 1)."""

    types: tuple[Valuation, ...]
    probs: tuple[Fraction, ...]

    def __init__(self, types: Iterable[Valuation], probs: Iterable) -> None:
        ts, ps = tuple(types), tuple(q(p) for p in probs)
        if not ts:
            raise BundlingError("a law needs at least one type")
        if len(ts) != len(ps):
            raise BundlingError(f"{len(ts)} types but {len(ps)} masses")
        n = ts[0].n
        if any(t.n != n for t in ts):
            raise BundlingError("all types must value the same number of goods")
        for i, p in enumerate(ps):
            if p < 0:
                raise BundlingError(f"negative mass {p} on type {i} ({ts[i]!r})")
        tot = sum(ps, Fraction(0))
        if tot != 1:
            raise BundlingError(f"masses sum to {tot}, not 1")
        object.__setattr__(self, "types", ts)
        object.__setattr__(self, "probs", ps)

    @property
    def n(self) -> int:
        return self.types[0].n

    def __len__(self) -> int:
        return len(self.types)

    def base_values(self) -> list[Fraction]:
        """The distinct base values s = v(b*, t) with positive mass, increasing."""
        return sorted({t.s for t, p in zip(self.types, self.probs) if p > 0})

    def base_marginal(self) -> dict[Fraction, Fraction]:
        """The law of s = v(b*, t) (positive masses)."""
        out: dict[Fraction, Fraction] = {}
        for t, p in zip(self.types, self.probs):
            if p > 0:
                out[t.s] = out.get(t.s, Fraction(0)) + p
        return dict(sorted(out.items()))

    def conditional_profiles(self) -> dict[Fraction, dict[tuple, Fraction]]:
        """For each base value s > 0 the conditional law of the profile r(., t) given s (exact)."""
        marg = self.base_marginal()
        out: dict[Fraction, dict[tuple, Fraction]] = {}
        for t, p in zip(self.types, self.probs):
            if p > 0 and t.s > 0:
                d = out.setdefault(t.s, {})
                prof = t.profile()
                d[prof] = d.get(prof, Fraction(0)) + p / marg[t.s]
        return dict(sorted(out.items()))

    def pb_revenue(self, price) -> Fraction:
        """``P * Pr[s >= P]`` (ties buy)."""
        P = q(price)
        return P * sum((p for t, p in zip(self.types, self.probs) if t.s >= P), Fraction(0))

    def best_pure_bundling(self) -> tuple[Fraction, tuple[Fraction, ...]]:
        """The optimal pure-bundling revenue and every optimal price (the optimum is at a support point)."""
        revs = {s: self.pb_revenue(s) for s in self.base_values()}
        best = max(revs.values(), default=Fraction(0))
        return best, tuple(s for s, r in revs.items() if r == best)

    def mixture(self, other: "FiniteLaw", w) -> "FiniteLaw":
        """``(1 - w) * self + w * other`` as one law (types concatenated)."""
        w = q(w)
        return FiniteLaw(self.types + other.types, [(1 - w) * p for p in self.probs] + [w * p for p in other.probs])

    def merged(self) -> dict[Valuation, Fraction]:
        """Masses of equal types added up."""
        out: dict[Valuation, Fraction] = {}
        for t, p in zip(self.types, self.probs):
            key = _key(t)
            out[key] = out.get(key, Fraction(0)) + p
        return out


def _key(t: Valuation):
    return (t.n, tuple(sorted((tuple(sorted(b)), v) for b, v in t.values.items())))


def law_from_profiles(n: int, atoms: Iterable[tuple]) -> FiniteLaw:
    """A law from ``(s, {bundle: alpha}, mass)`` triples."""
    types, probs = [], []
    for s, alpha, m in atoms:
        types.append(Valuation.from_profile(n, s, alpha))
        probs.append(m)
    return FiniteLaw(types, probs)


def additive_law(atoms: Iterable[tuple]) -> FiniteLaw:
    """A law of additive types from ``((v_1, ..., v_n), mass)`` pairs."""
    types, probs = [], []
    for vals, m in atoms:
        types.append(Valuation.additive(vals))
        probs.append(m)
    return FiniteLaw(types, probs)


# --------------------------------------------------------------------------------------------
# menus of lotteries
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MenuItem:
    lottery: Mapping[Bundle, Fraction]
    price: Fraction


@dataclass(frozen=True)
class LotteryMenu:
    """A menu of (randomized bundle, price) items; the outside option (nothing, 0) is always there.

    A type takes an item maximizing ``v(a, t) - price``; ties go to the seller (the highest price,
    the spec's convention K1 and Sec. 3 of the paper), and to buying when the utility is 0.
    """

    items: tuple[MenuItem, ...]

    def __init__(self, items: Iterable[tuple]) -> None:
        out = []
        for lot, price in items:
            lot = {frozenset(b): q(p) for b, p in lot.items()}
            if any(p < 0 for p in lot.values()) or sum(lot.values(), Fraction(0)) > 1:
                raise BundlingError(f"lottery {lot} is not a sub-probability over bundles")
            out.append(MenuItem(lot, q(price)))
        object.__setattr__(self, "items", tuple(out))

    def choice(self, t: Valuation) -> tuple[MenuItem | None, Fraction]:
        """The item the type takes (None = nothing) and its utility."""
        best, bu = None, Fraction(0)
        for it in self.items:
            u = t.value(it.lottery) - it.price
            if u > bu or (u == bu and (best is None or it.price > best.price) and it.price >= 0):
                best, bu = it, u
        return best, bu

    def revenue(self, law: FiniteLaw) -> Fraction:
        """Expected payment under the law (exact)."""
        total = Fraction(0)
        for t, p in zip(law.types, law.probs):
            it, _ = self.choice(t)
            total += p * (it.price if it is not None else 0)
        return total


def pure_bundling(n: int, price) -> LotteryMenu:
    """The one-item menu: the grand bundle at ``price``."""
    return LotteryMenu([({grand(n): 1}, price)])
