"""Single-good auctions for I bidders: allocation ``q(v)`` (``q_i >= 0``, ``sum_i q_i <= 1``) and
payments ``m(v)``, evaluated exactly (SymPy numbers) at a value profile.

Revenue is computed in ONE place, :func:`revenue` (= ``sum_i m_i(v)``); an objective (regret,
ratio, welfare) wraps :func:`outcome` / :func:`revenue` instead of re-deriving payments.

* :class:`SecondPriceAuction` (Def. 1.2.9; ``reserve=0`` is Vickrey, Def. 1.2.10)
* :class:`HighestBidderLottery` (eq. (1.12); :meth:`HighestBidderLottery.optimal` with the
  Lambert-W parameters of Thm. 1.5.3), payments in closed form from (1.13)
* :class:`RandomizedPaymentHBL` (q', m') of Sec. 1.5.3: pays only when it wins; expectations over u
  equal (q*, m*)
* :class:`EnvelopeAuction`: any user-given monotone allocation with envelope payments (1.13)
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Sequence

import mpmath
import sympy as sp

from symmech.models.auctions.errors import AuctionError
from symmech.models.auctions.hbl import hbl_parameters
from symmech.models.auctions.profiles import ValueSpace, check_bidders, exact_number
from symmech.models.auctions.tiebreak import TieBreak


@dataclass(frozen=True)
class Outcome:
    """Allocation probabilities ``q`` and payments ``m`` at one profile ``v`` (exact SymPy numbers)."""

    v: tuple
    q: tuple
    m: tuple

    @property
    def revenue(self) -> sp.Expr:
        return sp.Add(*self.m)

    @property
    def welfare(self) -> sp.Expr:
        """Expected surplus ``sum_i q_i v_i``."""
        return sp.Add(*[a * b for a, b in zip(self.q, self.v)])

    def utility(self, i: int) -> sp.Expr:
        return self.q[i] * self.v[i] - self.m[i]


class Auction:
    """Base class: ``I`` bidders on ``space`` with tie-breaking ``tiebreak``.

    Subclasses implement :meth:`allocation` and :meth:`payments` at an exact profile; symbolic
    forms (for claims over all profiles) via :meth:`revenue_expr` where available.
    """

    name = "auction"

    def __init__(self, I: int, tiebreak: TieBreak | None = None, space: ValueSpace | None = None) -> None:
        self.I = check_bidders(I)
        self.tiebreak = tiebreak or TieBreak.lexicographic(self.I)
        if self.tiebreak.I != self.I:
            raise AuctionError(f"tie-breaking is for {self.tiebreak.I} bidders, the auction has {self.I}")
        self.space = space or ValueSpace(self.I)
        if self.space.I != self.I:
            raise AuctionError(f"value space is for {self.space.I} bidders, the auction has {self.I}")

    # --- to implement ------------------------------------------------------------------------
    def allocation(self, v: Sequence) -> tuple:
        raise NotImplementedError

    def payments(self, v: Sequence) -> tuple:
        raise NotImplementedError

    def revenue_expr(self, vars: Sequence[sp.Symbol]) -> sp.Expr:
        """Total revenue as a SymPy expression of the values (order statistics), if available."""
        raise NotImplementedError(f"{type(self).__name__} has no symbolic revenue")

    # --- shared --------------------------------------------------------------------------------
    def profile(self, v: Sequence) -> tuple:
        """``v`` as exact numbers in the value box (AuctionError otherwise)."""
        if len(v) != self.I:
            raise AuctionError(f"profile has {len(v)} values, the auction has {self.I} bidders")
        vv = tuple(exact_number(x, "bid") for x in v)
        if not self.space.contains(vv):
            raise AuctionError(f"profile {tuple(map(str, vv))} lies outside the value box "
                               f"[{self.space.lo}, {self.space.hi}]^{self.I}")
        return vv

    def outcome(self, v: Sequence) -> Outcome:
        vv = self.profile(v)
        return Outcome(vv, tuple(self.allocation(vv)), tuple(self.payments(vv)))


def outcome(auction: Auction, v: Sequence) -> Outcome:
    """``(q(v), m(v))`` of ``auction`` at profile ``v``."""
    return auction.outcome(v)


def revenue(auction: Auction, v: Sequence) -> sp.Expr:
    """The seller's revenue ``sum_i m_i(v)`` at profile ``v`` (the single place revenue is computed)."""
    return auction.outcome(v).revenue


def expected_revenue(auction: Auction, law) -> sp.Expr:
    """``E_P[sum_i m_i(v)]`` for a finite law ``{profile: probability}``."""
    return sp.Add(*[sp.sympify(p) * revenue(auction, v) for v, p in dict(law).items()])


def second_highest(vals: Sequence) -> sp.Expr:
    """Second order statistic (symbolic or numeric): ``max_{i<j} min(v_i, v_j)``."""
    return sp.Max(*[sp.Min(a, b) for a, b in itertools.combinations(vals, 2)])


# --------------------------------------------------------------------------------------------
class SecondPriceAuction(Auction):
    """Def. 1.2.9: the highest bidder (after tie-breaking) wins if ``v_i >= r`` and pays
    ``max(max_{j != i} v_j, r)``; Vickrey (Def. 1.2.10) is ``reserve = 0``."""

    name = "second-price auction"

    def __init__(self, I: int, reserve=0, tiebreak: TieBreak | None = None, space: ValueSpace | None = None):
        super().__init__(I, tiebreak, space)
        r = exact_number(reserve, "reserve price") if not isinstance(reserve, sp.Symbol) else reserve
        if r.is_number and r < 0:
            raise AuctionError(f"reserve price must be >= 0, got {r}")
        self.reserve = r

    def allocation(self, v):
        w = self.tiebreak.winner(v)
        return tuple(sp.Integer(1 if (i == w and v[w] >= self.reserve) else 0) for i in range(self.I))

    def payments(self, v):
        w = self.tiebreak.winner(v)
        if v[w] < self.reserve:
            return (sp.Integer(0),) * self.I
        price = sp.Max(*(v[j] for j in range(self.I) if j != w), self.reserve)
        return tuple(price if i == w else sp.Integer(0) for i in range(self.I))

    def revenue_expr(self, vars):
        top, second = sp.Max(*vars), second_highest(vars)
        return sp.Piecewise((0, top < self.reserve), (sp.Max(second, self.reserve), True))


# --------------------------------------------------------------------------------------------
class HighestBidderLottery(Auction):
    """The highest-bidder lottery of eq. (1.12) with parameters ``sigma`` and ``r``.

    For ``v in W^i`` and ``s = max_{j != i} v_j``: ``q_i = sigma log(v_i/s) + I sigma - sigma r/s``
    if ``s >= r``; ``sigma log v_i + 1`` if ``v_i >= r > s``; ``(I-1) sigma`` if ``r > v_i``;
    losers get 0.  The envelope payments (1.13) are, for the winner, ``sigma (v_i + (I-1) s - r)``
    if ``v_i >= r`` and ``(I-1) sigma s`` otherwise (closed form of the integral; checked by the
    derivation ``thesis_ch1_hbl``), so the revenue is ``sigma ((I-1) v_(2) + (v_(1) - r)^+)``.
    The rule is feasible (0 <= q <= 1) when ``log r = I - 1 - 1/sigma``, as for :meth:`optimal`.
    """

    name = "highest-bidder lottery"

    def __init__(self, I: int, sigma, r, tiebreak: TieBreak | None = None):
        super().__init__(I, tiebreak)
        self.sigma = sp.sympify(sigma)
        self.r = sp.sympify(r)

    @classmethod
    def optimal(cls, I: int, mu, tiebreak: TieBreak | None = None) -> "HighestBidderLottery":
        """Thm. 1.5.3: ``sigma* = -1/(W_{-1}(-mu I e^{-I}) + 1)``, ``r = e^{I - 1 - 1/sigma*}``."""
        p = hbl_parameters(I, mu)
        return cls(p.I, p.sigma, p.r, tiebreak)

    def winner_allocation(self, vi, s):
        """``q_i`` of the winner with own value ``vi`` and highest other value ``s`` (1.12a-c)."""
        sg, r, I = self.sigma, self.r, self.I
        return sp.Piecewise((sg * sp.log(vi / s) + I * sg - sg * r / s, s >= r),
                            ((I - 1) * sg, vi < r),
                            (sg * sp.log(vi) + 1, True))

    def winner_payment(self, vi, s):
        sg, r, I = self.sigma, self.r, self.I
        return sp.Piecewise((sg * (vi + (I - 1) * s - r), vi >= r), ((I - 1) * sg * s, True))

    def allocation(self, v):
        w = self.tiebreak.winner(v)
        s = sp.Max(*(v[j] for j in range(self.I) if j != w))
        return tuple(self.winner_allocation(v[w], s) if i == w else sp.Integer(0) for i in range(self.I))

    def payments(self, v):
        w = self.tiebreak.winner(v)
        s = sp.Max(*(v[j] for j in range(self.I) if j != w))
        return tuple(self.winner_payment(v[w], s) if i == w else sp.Integer(0) for i in range(self.I))

    def revenue_expr(self, vars):
        top, second = sp.Max(*vars), second_highest(vars)
        return self.sigma * ((self.I - 1) * second + sp.Max(top - self.r, 0))


class RandomizedPaymentHBL(Auction):
    """(q', m') of Sec. 1.5.3: with ``u ~ U[0, 1]`` the winner gets the good iff ``u <= q*_i(v)`` and then
    pays ``v_i - int_0^{v_i} q*_i(x, v_-i) dx / q*_i(v)``; nobody else pays.  :meth:`allocation` and
    :meth:`payments` are the expectations over u (equal to q*, m*); :meth:`realized` is one draw."""

    name = "highest-bidder lottery (randomized payments)"

    def __init__(self, hbl: HighestBidderLottery):
        super().__init__(hbl.I, hbl.tiebreak, hbl.space)
        self.hbl = hbl

    def realized(self, v, u):
        vv = self.profile(v)
        u = exact_number(u, "randomization draw u")
        if not 0 <= u <= 1:
            raise AuctionError(f"randomization draw u must lie in [0, 1], got {u}")
        q, m = self.hbl.allocation(vv), self.hbl.payments(vv)
        w = self.tiebreak.winner(vv)
        wins = bool(q[w] > 0 and u <= q[w])
        qq = tuple(sp.Integer(1 if (i == w and wins) else 0) for i in range(self.I))
        mm = tuple(m[w] / q[w] if (i == w and wins) else sp.Integer(0) for i in range(self.I))
        return qq, mm

    def allocation(self, v):
        return self.hbl.allocation(v)       # E_u[1{u <= q*}] = q*

    def payments(self, v):
        return self.hbl.payments(v)         # E_u[1{u <= q*} m*/q*] = m*

    def revenue_expr(self, vars):
        return self.hbl.revenue_expr(vars)


# --------------------------------------------------------------------------------------------
class EnvelopeAuction(Auction):
    """A user-given allocation ``q_i(v)`` (SymPy expressions in ``vars``, Piecewise allowed) with
    envelope payments (1.13) ``m_i = q_i(v) v_i - int_lo^{v_i} q_i(x, v_-i) dx`` (``u_i(lo, .) = 0``).

    Checked at construction on a test grid (``check_grid`` steps per axis): ``q_i >= 0``,
    ``sum_i q_i <= 1`` and ``q_i`` nondecreasing in ``v_i`` (AuctionError naming the profile).
    A grid check is evidence, not a proof; claims over all profiles are built by ``auctions.checks``.
    """

    name = "envelope auction"

    def __init__(self, I: int, vars: Sequence[sp.Symbol], allocation: Sequence, *, space: ValueSpace | None = None,
                 tiebreak: TieBreak | None = None, check_grid: int = 6):
        super().__init__(I, tiebreak, space)
        if len(vars) != self.I or len(allocation) != self.I:
            raise AuctionError(f"need {self.I} value symbols and {self.I} allocation rules")
        self.vars = tuple(vars)
        self.q = tuple(sp.sympify(e) for e in allocation)
        extra = set().union(*(e.free_symbols for e in self.q)) - set(self.vars)
        if extra:
            raise AuctionError(f"allocation uses symbols {sorted(map(str, extra))} that are not bidder values")
        self._validate(check_grid)

    def _q_at(self, i: int, v) -> sp.Expr:
        return sp.sympify(self.q[i].subs(dict(zip(self.vars, v))))

    def _validate(self, n: int) -> None:
        grid = [self.space.lo + (self.space.hi - self.space.lo) * sp.Rational(k, n) for k in range(n + 1)]
        tol = sp.Rational(1, 10**12)
        for v in itertools.product(grid, repeat=self.I):
            qs = [sp.N(self._q_at(i, v), 30) for i in range(self.I)]
            for i, qi in enumerate(qs):
                if not qi.is_real:
                    raise AuctionError(f"allocation q_{i + 1}{tuple(map(str, v))} = {qi} is not a real number")
                if qi < -tol:
                    raise AuctionError(f"allocation q_{i + 1} is negative at {tuple(map(str, v))}: {qi}")
            if sum(qs) > 1 + tol:
                raise AuctionError(f"allocation is infeasible: sum_i q_i = {sum(qs)} > 1 at {tuple(map(str, v))}")
        for i in range(self.I):
            for v in itertools.product(grid, repeat=self.I):
                if v[i] == grid[-1]:
                    continue
                w = list(v)
                w[i] = grid[grid.index(v[i]) + 1]
                a, b = sp.N(self._q_at(i, v), 30), sp.N(self._q_at(i, w), 30)
                if a > b + tol:
                    raise AuctionError(f"allocation q_{i + 1} is not monotone in v_{i + 1}: q_{i + 1}"
                                       f"{tuple(map(str, v))} = {a} > q_{i + 1}{tuple(map(str, w))} = {b}")

    def allocation(self, v):
        return tuple(self._q_at(i, v) for i in range(self.I))

    def payment_expr(self, i: int) -> sp.Expr:
        """``m_i`` as an expression in ``vars`` (envelope formula, SymPy integration)."""
        x = sp.Dummy("x", nonnegative=True)
        qi = self.q[i]
        integral = sp.integrate(qi.subs(self.vars[i], x), (x, self.space.lo, self.vars[i]))
        return qi * self.vars[i] - integral

    def payments(self, v):
        out = []
        x = sp.Dummy("x", nonnegative=True)
        for i in range(self.I):
            sub = {self.vars[j]: v[j] for j in range(self.I) if j != i}
            qi = self.q[i].subs(sub).subs(self.vars[i], x)
            integral = sp.integrate(qi, (x, self.space.lo, v[i]))
            if integral.has(sp.Integral):
                f = sp.lambdify(x, qi, "mpmath")
                integral = sp.Float(mpmath.quad(f, [float(self.space.lo), float(v[i])]), 30)
            out.append(sp.simplify(self._q_at(i, v) * v[i] - integral))
        return tuple(out)


class RuleAuction(Auction):
    """Any auction given by Python callables ``allocation(v) -> tuple`` and ``payments(v) -> tuple`` on exact
    profiles (e.g. the all-pay auction of Ex. 1.2.2).  Feasibility (``q_i >= 0``, ``sum q_i <= 1``) is
    checked at every profile evaluated (AuctionError otherwise)."""

    name = "rule auction"

    def __init__(self, I: int, allocation, payments, *, space: ValueSpace | None = None,
                 tiebreak: TieBreak | None = None, name: str = "rule auction"):
        super().__init__(I, tiebreak, space)
        self._alloc, self._pay, self.name = allocation, payments, name

    def allocation(self, v):
        q = tuple(sp.sympify(x) for x in self._alloc(v))
        if len(q) != self.I or any(x < 0 for x in q) or sp.Add(*q) > 1:
            raise AuctionError(f"{self.name}: allocation {tuple(map(str, q))} at {tuple(map(str, v))} is not "
                               f"feasible (need q_i >= 0 and sum_i q_i <= 1)")
        return q

    def payments(self, v):
        m = tuple(sp.sympify(x) for x in self._pay(v))
        if len(m) != self.I:
            raise AuctionError(f"{self.name}: payments must have {self.I} entries")
        return m
