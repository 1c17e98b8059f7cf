"""Benchmark ``symmech verify``: cold (jobs = 1 and 2), cache fill, warm, per derivation.

Usage::

    python benchmarks/verify_bench.py NAME [NAME ...] [--digits 50] [--samples 9] [--json OUT]
    python benchmarks/verify_bench.py --all            # every bundled derivation (long!)

Every figure is the wall time of one ``symmech verify NAME --json`` subprocess (so imports and
derivation loading are included), with the machine's load average (``/proc/loadavg``, as
``uptime`` shows it) recorded next to it: on a shared machine compare the ratios measured within
one run, not absolute seconds across runs.  Columns:

* ``cold j1``  -- ``--no-cache --jobs 1``: the serial run without cache (what ``verify`` did before
  the cache and the process pool existed);
* ``cold j2``  -- ``--no-cache --jobs 2``;
* ``fill``     -- ``--jobs 2`` into an empty cache directory (cold, and it stores the verdicts);
* ``warm``     -- the same command again: verdicts from the cache.

The statuses of every claim must be equal in all four runs; a difference is printed and makes the
exit code 1 (verdicts must not depend on how they were computed).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time


def load() -> str:
    """The 1-minute load average."""
    try:
        with open("/proc/loadavg") as fh:
            return fh.read().split()[0]
    except OSError:  # pragma: no cover
        return "?"


def run(name: str, args: list[str], env: dict) -> tuple[float, str, dict | None]:
    """(seconds, load before, parsed JSON or None)."""
    before = load()
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "symmech.commands.cli", "verify", name, "--json", *args],
                          capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - t0
    try:
        data = json.loads(proc.stdout)
    except ValueError:
        sys.stderr.write(f"{name} {' '.join(args)}: no JSON (exit {proc.returncode}): {proc.stderr[-500:]}\n")
        data = None
    return seconds, before, data


def statuses(data: dict | None) -> dict[str, str]:
    return {} if data is None else {c["id"]: c["status"] for c in data["claims"]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*")
    ap.add_argument("--all", action="store_true", help="every bundled derivation")
    ap.add_argument("--digits", default="50")
    ap.add_argument("--samples", default="9")
    ap.add_argument("--json", dest="out", default=None, help="also write the figures to this JSON file")
    a = ap.parse_args(argv)
    names = a.names
    if a.all:
        from symmech.engine import registry

        names = registry.names()
    if not names:
        ap.error("give derivation names or --all")
    common = ["--digits", a.digits, "--samples", a.samples]
    rows, ok = [], True
    print(f"# symmech verify benchmark, {time.strftime('%Y-%m-%d %H:%M:%S')}, {os.cpu_count()} CPUs, "
          f"{a.digits} digits, {a.samples} samples\n")
    print("| derivation | claims | cold j1 s (load) | cold j2 s (load) | j1/j2 | fill s (load) "
          "| warm s (load) | cold j1/warm | statuses equal |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name in names:
        with tempfile.TemporaryDirectory() as cache_dir:
            env = dict(os.environ, SYMMECH_CACHE_DIR=cache_dir)
            c1 = run(name, common + ["--no-cache", "--jobs", "1"], env)
            c2 = run(name, common + ["--no-cache", "--jobs", "2"], env)
            fill = run(name, common + ["--jobs", "2"], env)
            warm = run(name, common + ["--jobs", "2"], env)
        same = statuses(c1[2]) == statuses(c2[2]) == statuses(fill[2]) == statuses(warm[2]) != {}
        ok &= same
        row = {"derivation": name, "claims": len(statuses(c1[2])),
               "cold_j1": c1[:2], "cold_j2": c2[:2], "fill": fill[:2], "warm": warm[:2], "same": same}
        rows.append(row)
        print(f"| {name} | {row['claims']} | {c1[0]:.1f} ({c1[1]}) | {c2[0]:.1f} ({c2[1]}) | "
              f"{c1[0] / c2[0]:.2f} | {fill[0]:.1f} ({fill[1]}) | {warm[0]:.1f} ({warm[1]}) | "
              f"{c1[0] / warm[0]:.1f} | {'yes' if same else 'NO'} |", flush=True)
        if not same:
            for label, run_ in (("cold j1", c1), ("cold j2", c2), ("fill", fill), ("warm", warm)):
                print(f"    {label}: {statuses(run_[2])}")
    tot = {k: sum(r[k][0] for r in rows) for k in ("cold_j1", "cold_j2", "fill", "warm")}
    print(f"| total | {sum(r['claims'] for r in rows)} | {tot['cold_j1']:.1f} | {tot['cold_j2']:.1f} | "
          f"{tot['cold_j1'] / tot['cold_j2']:.2f} | {tot['fill']:.1f} | {tot['warm']:.1f} | "
          f"{tot['cold_j1'] / tot['warm']:.1f} | {'yes' if ok else 'NO'} |")
    if a.out:
        with open(a.out, "w") as fh:
            json.dump({"digits": a.digits, "samples": a.samples, "rows": rows}, fh, indent=2)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
