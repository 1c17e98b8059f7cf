"""Benchmark of the numeric confirmation of one claim at 50 digits: ``sampling.sample_values`` on the
screening grid (what a proved claim pays) and on the full grid (what a claim the tactics do not
prove pays), for every Identity and Inequality claim (parts of composite claims included) of the
given derivations.  Run::

    python benchmarks/numeric_bench.py [NAME ...] [--digits 50] [--samples 9]

(default: a mix of derivations).  Prints the median, the 90th percentile and the maximum seconds per
claim for both grids, and the machine's load average, measured in one run.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT = ["one_moment", "general_moment", "che_zhong_thm1", "many_periods", "thesis_ch1_hbl", "m_goods"]


def _leaves(claims):
    from symmech import AllOf, Identity, Inequality

    for c in claims:
        if isinstance(c, AllOf):
            yield from _leaves(c.parts)
        elif isinstance(c, (Identity, Inequality)):
            yield c


def _load() -> str:
    try:
        return open("/proc/loadavg").read().split()[0]
    except OSError:
        return "?"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*", default=DEFAULT)
    ap.add_argument("--digits", type=int, default=50)
    ap.add_argument("--samples", type=int, default=9)
    args = ap.parse_args(argv)

    import sympy as sp

    from symmech.tactics import sampling
    from symmech.engine import registry

    times = {True: [], False: []}
    load = _load()
    for name in args.names:
        d = registry.load(name)
        for c in _leaves(d.claims):
            try:
                f = c._prepare(d.scope)
            except Exception:       # a claim whose preparation fails is not a sampling cost
                continue
            scale = sp.Abs(c.lhs) + sp.Abs(c.rhs)
            for screen in (True, False):
                if not c.over and not screen:
                    times[False].append(times[True][-1])   # no bound variable: one grid
                    continue
                t0 = time.perf_counter()
                sampling.sample_values(f, d.scope, c.over, dps=args.digits, samples=args.samples,
                                      scale_expr=scale, screen=screen)
                times[screen].append(time.perf_counter() - t0)
    print(f"load average before: {load}, after: {_load()}; {len(times[True])} claims of {', '.join(args.names)}; "
          f"{args.digits} digits, {args.samples} parameter samples\n")
    print("| grid | median s | 90th pct s | max s |\n|---|---|---|---|")
    for screen, label in ((True, "screening (a proved claim)"), (False, "full (a claim not proved)")):
        ts = sorted(times[screen])
        if ts:
            p90 = ts[min(len(ts) - 1, int(0.9 * len(ts)))]
            print(f"| {label} | {statistics.median(ts):.3f} | {p90:.3f} | {ts[-1]:.3f} |")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
