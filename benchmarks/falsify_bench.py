"""Benchmark of the refutation side of ``Inequality.check``: the sampling grid alone vs the grid
plus the adversarial float search (``symmech.tactics.falsify``), on barely-false claims whose violation
is confined to a thin region, and on true claims (the price of the search when there is nothing
to find).  The interval certifier is switched off so that only the numerical refuters are
compared.  Run:  python benchmarks/falsify_bench.py

Prints a markdown table; every time is from one run on the current machine, and the last column
is the ratio (with search) / (grid only) measured in that run.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import sympy as sp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from symmech import Inequality, Scope, claims
from symmech.tactics import provers  # noqa: E402

x, y, z = sp.symbols("x y z")
ell = sp.Symbol("ell", positive=True)
R = sp.Rational

CASES = [
    # name, claim, scope, truth
    ("slab in 3-D (width ~0.02)", Inequality("slab", lhs=1 - 2 * sp.exp(-10**4 * (x + y + z - R(1, 3))**2),
                                              rel=">=", rhs=0, over=[(x, 0, 3), (y, 0, 3), (z, 0, 3)]),
     Scope(), False),
    ("log l > 1/1000 near the open end l -> 1", Inequality("thin_param", lhs=sp.log(ell), rel=">", rhs=R(1, 1000)),
     Scope({ell: sp.Interval.open(1, 10)}), False),
    ("spike in 2-D", Inequality("spike", lhs=1 - 2 * sp.exp(-10**5 * ((x - R(3, 10))**2 + (y - R(7, 10))**2)),
                                rel=">=", rhs=0, over=[(x, 0, 1), (y, 0, 1)]), Scope(), False),
    ("TRUE: (x + y + z - 1/3)^2 >= 0", Inequality("touch", lhs=(x + y + z - R(1, 3))**2, rel=">=", rhs=0,
                                                   over=[(x, 0, 1), (y, 0, 1), (z, 0, 1)]), Scope(), True),
    ("TRUE: log l > 0 on (1, 10)", Inequality("log_pos", lhs=sp.log(ell), rel=">", rhs=0),
     Scope({ell: sp.Interval.open(1, 10)}), True),
]


def run(case, search: bool):
    _, claim, scope, _ = case
    claims._MEMO.clear()                      # no verdict, tactic or SymPy cache carried between runs
    provers._NONNEG_MEMO.clear()
    sp.core.cache.clear_cache()
    real, real_box = claims.falsify, claims.falsify_box
    if not search:
        claims.falsify = lambda *args, **kw: []
        claims.falsify_box = lambda *args, **kw: None
    try:
        with provers.without_certifier():
            t0 = time.perf_counter()
            v = claim.check(scope, digits=30, samples=3)
            return v, time.perf_counter() - t0
    finally:
        claims.falsify, claims.falsify_box = real, real_box


def main() -> None:
    print("| claim | truth | grid only | time | grid + float search | time | ratio |")
    print("|---|---|---|---|---|---|---|")
    for case in CASES:
        v0, t0 = run(case, False)
        v1, t1 = run(case, True)
        truth = "true" if case[3] else "false"
        print(f"| {case[0]} | {truth} | {v0.status.value} | {t0:.2f} s | {v1.status.value} | {t1:.2f} s | "
              f"{t1 / t0:.2f} |")


if __name__ == "__main__":
    main()
