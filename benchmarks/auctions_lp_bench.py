"""How the Chapter 1 grid LPs grow with the grid and with I (HiGHS): prints size, time and value.

    python benchmarks/auctions_lp_bench.py
"""
from __future__ import annotations

import sympy as sp

from symmech.models.auctions import HighestBidderLottery, hbl_parameters
from symmech.models.auctions.lp import maxmin_lp_two_bidders, nature_lp


def main() -> None:
    print("nature's LP against the optimal HBL (mu = 1/2): I, n, columns, seconds, [lower, upper], r")
    for I, ns in ((2, (20, 40, 80, 160)), (3, (10, 20, 40)), (4, (8, 12, 16)), (5, (6, 8))):
        h = HighestBidderLottery.optimal(I, "1/2")
        r = float(sp.N(hbl_parameters(I, "1/2").r))
        for n in ns:
            run = nature_lp(h, "1/2", n)
            print(f"  I={I} n={n:4d} cols={run.cols:8d} {run.seconds:7.2f}s  [{run.lower:.6f}, {run.upper:.6f}]  r={r:.6f}")
    print("max-min LP (1.11), I = 2, mu = 1/2: n, rows x cols, seconds, OPT_n, HBL-restricted_n")
    for n in (11, 21, 31, 41):
        full = maxmin_lp_two_bidders("1/2", n)
        hbl = maxmin_lp_two_bidders("1/2", n, hbl_only=True)
        print(f"  n={n:3d} {full.rows}x{full.cols} {full.seconds:7.2f}s  OPT_n={full.value:.5f}  HBL_n={hbl.value:.5f}")
    for n in (6, 11):
        det = maxmin_lp_two_bidders("1/2", n, deterministic=True)
        print(f"  deterministic (MILP) n={n}: {det.value:.5f} ({det.seconds:.1f}s); best SPA z* = 0.17157")


if __name__ == "__main__":
    main()
