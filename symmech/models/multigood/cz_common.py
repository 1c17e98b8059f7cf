"""Helpers for the Che-Zhong derivations (``derivations/che_zhong_*.py``).

* :func:`group` -- closed forms of one product group K for phi_K(z) = z^2, in the
  parameters alpha_K and ell_K = beta_K / alpha_K (Lemma 2 run backwards).
* :class:`Budgeted` -- a claim wrapper that caps the interval certifier's time (and optionally
  the exact tactics' time) for the wrapped claim (the claim's verdict is unchanged in meaning: a claim the certifier cannot
  settle in time falls back to mpmath sampling and is reported ``confirmed``).
* :class:`MaxMinLPBracket` -- a two-good grid LP (``symmech.tactics.lp``) upper bound for the
  max-min value, reported with the bracket [proved lower bound, LP value]; its verdict is
  ``confirmed`` at most.
"""
from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from typing import Callable, Sequence

import sympy as sp

from symmech.tactics import provers
from symmech.claims import Claim
from symmech.kernel.verdict import Status, Verdict
from symmech.tactics.scope import Scope

p_sym = sp.Symbol("p", positive=True)
z_sym = sp.Symbol("z", nonnegative=True)


def phi(u):
    """phi_K(z) = z^2."""
    return u**2


def dphi(u):
    return 2 * u


def lam_denominator(al, ell):
    """1/lambda_K = int_al^be (phi'(be) - phi'(x))/x dx = 2 (be log ell - be + al)."""
    be = al * ell
    return 2 * (be * sp.log(ell) - be + al)


def group(al, ell, *, z=z_sym, p=p_sym, lam=None) -> dict:
    """Closed forms for one group with alpha_K = al, ell_K = ell (phi = z^2).

    ``lam`` may be a symbol standing for lambda_K (defined by ``lam * lam_denominator = 1``);
    by default lambda_K is the explicit expression.
    """
    be = al * ell
    m = al * (1 + sp.log(ell))
    s = 2 * al * be - al**2
    lam = 1 / lam_denominator(al, ell) if lam is None else lam
    t_mid = lam * (dphi(be) * (z - al) - phi(z) + phi(al))
    return dict(alpha=al, beta=be, ell=ell, m=m, s=s, lam=lam,
                g=lam * (dphi(be) - dphi(p)) / p, t_mid=t_mid, t_top=t_mid.subs(z, be),
                lam0=lam * (phi(al) - dphi(be) * al), mu_m=lam * dphi(be))


@dataclass
class Budgeted(Claim):
    """Check ``inner`` with the interval certifier limited to ``seconds`` per call."""

    inner: Claim = None  # type: ignore[assignment]
    seconds: float = 1.0
    #: optional cap (seconds) for the exact tactics as well, e.g. for the direct check of an
    #: ``Implied`` claim whose proof comes from its sufficient route
    tactics: float | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        self.id = self.id or self.inner.id
        self.statement = self.statement or self.inner.statement
        self.source = self.source or self.inner.source
        self.expect = self.inner.expect
        self.note = self.note or self.inner.note

    def check(self, scope: Scope, *, digits: int = 50, samples: int = 9) -> Verdict:
        with contextlib.ExitStack() as stack:
            stack.enter_context(provers.certifier_budget(self.seconds))
            if self.tactics is not None:
                stack.enter_context(provers.tactics_budget(self.tactics))
            return self.inner.check(scope, digits=digits, samples=samples)


def budget(claims: Sequence[Claim], seconds: float = 1.0) -> list[Claim]:
    return [Budgeted(c.id, inner=c, seconds=seconds) for c in claims]


@dataclass
class NumericBracket(Claim):
    """A numerical experiment reported as evidence: ``compute()`` returns (ok, detail).

    Verdict: CONFIRMED when ok, REFUTED otherwise (never proved or certified).
    """

    compute: Callable[[], tuple[bool, str]] = None  # type: ignore[assignment]

    def check(self, scope: Scope, *, digits: int = 50, samples: int = 9) -> Verdict:
        t0 = time.perf_counter()
        ok, detail = self.compute()
        detail += f" ({time.perf_counter() - t0:.1f}s)"
        return Verdict(Status.CONFIRMED if ok else Status.REFUTED, "LP(HiGHS)", detail)


def maxmin_two_goods_bracket(grid: Sequence[float], moments, lower: float, *, slack: float) -> tuple[bool, str]:
    """Run the two-good max-min menu LP; ok iff lower - 1e-7 <= LP <= lower + slack.

    On a grid nature is restricted to grid laws and the seller's IC only binds between grid
    types, both of which raise the value, so the LP value is an upper bound for the continuum
    max-min value (up to truncation of the type space to the grid's range); ``lower`` is the
    proved guarantee.
    """
    from symmech.tactics.lp import maxmin_two_goods_menu

    res = maxmin_two_goods_menu(list(grid), list(moments))
    ok = lower - 1e-7 <= res.value <= lower + slack
    detail = (f"bracket [{lower:.7f} (proved guarantee), {res.value:.7f} (grid LP, {len(grid)}^2 types)], "
              f"width {res.value - lower:.2e}, allowed slack {slack:g}; LP size {res.size.rows}x{res.size.cols}")
    return ok, detail


def theta_mid(al, u):
    """theta(alpha, z) = E_{F_alpha}(z - Z)^+ for z in [alpha, beta]: z - alpha - alpha log(z/alpha)
    (Che and Zhong, eq. (27) / Prop. 1); 0 below alpha and z - m_K above beta."""
    return u - al - al * sp.log(u / al)
