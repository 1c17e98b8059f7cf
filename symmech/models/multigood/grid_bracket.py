"""A two-good max-min bracket from a grid LP, reported as numerical evidence (never a proof).

:class:`NumericBracket` runs a computation returning ``(ok, detail)`` and reports ``confirmed`` when ok, else
``refuted``; :func:`maxmin_two_goods_bracket` is the usual computation: the two-good max-min menu LP on a grid
against a proved lower bound."""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, Sequence

from symmech.claims import Claim
from symmech.kernel.verdict import Status, Verdict
from symmech.tactics.lp import maxmin_two_goods_menu
from symmech.tactics.scope import Scope

__all__ = ["NumericBracket", "maxmin_two_goods_bracket"]


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
    res = maxmin_two_goods_menu(list(grid), list(moments))
    ok = lower - 1e-7 <= res.value <= lower + slack
    detail = (f"bracket [{lower:.7f} (proved guarantee), {res.value:.7f} (grid LP, {len(grid)}^2 types)], "
              f"width {res.value - lower:.2e}, allowed slack {slack:g}; LP size {res.size.rows}x{res.size.cols}")
    return ok, detail
