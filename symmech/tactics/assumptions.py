"""Parameter ranges as assumptions while a model is built: ``with scope.assume(): R = revenue(M, F)``.

SymPy's assumptions know signs (``positive=True``) but not ranges: it cannot tell that ``p < 1`` when
``p`` ranges over ``(0, 1)``, so merging the breakpoints ``(0, p, 1)`` and ``(0, 1)`` fails.  Within
:func:`assuming` (or :meth:`symmech.Scope.assume`) :func:`sign_under_ranges` decides such signs from the ranges:
each parameter ``s`` in ``[lo, hi]`` is written ``lo + (hi - lo) u/(1 + u)`` with ``u >= 0`` (``u > 0`` for an
open lower end), which covers ``[lo, hi)``; a closed upper end is checked by substituting ``s = hi``.  The sign is
read from SymPy's assumptions on the rewritten, simplified expression; anything it cannot show is ``None``.
"""
from __future__ import annotations

import contextlib
import contextvars
import itertools
from typing import Iterator, Mapping

import sympy as sp

_RANGES: contextvars.ContextVar[tuple] = contextvars.ContextVar("symmech_ranges", default=())

#: at most this many ranged parameters in one expression (each closed upper end doubles the cases)
MAX_PARAMETERS = 4


@contextlib.contextmanager
def assuming(ranges: Mapping[sp.Symbol, sp.Interval]) -> Iterator[None]:
    """Within this block, :func:`sign_under_ranges` may use ``ranges`` (bounded intervals only)."""
    usable = tuple((s, d) for s, d in ranges.items()
                   if isinstance(d, sp.Interval) and d.start.is_finite and d.end.is_finite and d.measure != 0)
    token = _RANGES.set(_RANGES.get() + usable)
    try:
        yield
    finally:
        _RANGES.reset(token)


def ranges_in_force() -> dict:
    return dict(_RANGES.get())


def sign_under_ranges(expr: sp.Expr) -> int | None:
    """+1 if ``expr > 0`` for every value of the parameters in the ranges in force, -1 if ``< 0``, else None."""
    ranges = {s: d for s, d in _RANGES.get() if s in expr.free_symbols}
    if not ranges or len(ranges) > MAX_PARAMETERS:
        return None
    closed_top = [s for s, d in ranges.items() if not d.right_open]
    signs = set()
    for at_top in itertools.chain.from_iterable(itertools.combinations(closed_top, r)
                                                for r in range(len(closed_top) + 1)):
        subs = {}
        for s, d in ranges.items():
            if s in at_top:
                subs[s] = d.end
            else:
                u = sp.Symbol(f"u_{s}", positive=True) if d.left_open else sp.Symbol(f"u_{s}", nonnegative=True)
                subs[s] = d.start + (d.end - d.start) * u / (1 + u)
        e = sp.simplify(sp.together(expr.subs(subs, simultaneous=True)))
        if e.is_positive:
            signs.add(1)
        elif e.is_negative:
            signs.add(-1)
        else:
            return None
    return signs.pop() if len(signs) == 1 else None
