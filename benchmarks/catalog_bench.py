"""Measure the whole catalog and write the figures the docs quote (docs/benchmarks.md), so that no time or count
is ever typed into the docs by hand.

Usage::

    python benchmarks/catalog_bench.py            # measure and print
    python benchmarks/catalog_bench.py --write    # ... and write docs/benchmarks.md

Runs, each a subprocess, one after the other:

* ``symmech verify all --no-cache --jobs J --json`` (cold; J = all cores), with the wall time and the CPU time
  of the process and its workers (``RUSAGE_CHILDREN``), and the number of claims by verdict;
* the same with a fresh cache directory (fill), then again (warm: every report from the cache).

The load average before each run is recorded next to it: on a shared machine, compare ratios within one run.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _load() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:  # pragma: no cover
        return "?"


def _run(args: list[str], env: dict, save: str | None = None) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = _load()
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "symmech", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    records = json.loads(proc.stdout) if proc.stdout.strip() else []
    if save:
        Path(save).write_text(proc.stdout)
    statuses = Counter(c["status"] for r in records for c in r["claims"])
    per_derivation = sorted(((r["subject"], len(r["claims"]), sum(c["seconds"] or 0 for c in r["claims"]))
                             for r in records), key=lambda row: -row[2])
    return {"args": " ".join(args), "exit": proc.returncode, "wall": wall, "cpu": cpu, "load": load,
            "per_derivation": per_derivation,
            "derivations": len(records), "claims": sum(statuses.values()), "statuses": dict(statuses),
            "agree": sum(bool(c["agrees"]) for r in records for c in r["claims"])}


def measure(jobs: int, save: str | None = None) -> dict:
    env = dict(os.environ)
    cold = _run(["verify", "all", "--no-cache", "--jobs", str(jobs), "--json"], env, save)
    with tempfile.TemporaryDirectory() as cache:
        env["SYMMECH_CACHE_DIR"] = cache
        fill = _run(["verify", "all", "--jobs", str(jobs), "--json"], env)
        warm = _run(["verify", "all", "--jobs", str(jobs), "--json"], env)
    return {"jobs": jobs, "cold": cold, "fill": fill, "warm": warm, "python": platform.python_version(),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores", "date": time.strftime("%Y-%m-%d")}


def markdown(m: dict) -> str:
    c = m["cold"]
    order = ("proved", "certified", "confirmed", "refuted", "undecided")
    counts = ", ".join(f"{c['statuses'].get(s, 0)} {s}" for s in order)
    rows = "\n".join(f"| {name} | `symmech {r['args']}` | {r['wall']:.1f} s | {r['cpu']:.0f} s | {r['load']} | "
                     f"{r['exit']} |" for name, r in (("cold", m["cold"]), ("fill", m["fill"]), ("warm", m["warm"])))
    per_claim = c["cpu"] / c["claims"] if c["claims"] else float("nan")
    per_derivation = "\n".join(f"| {name} | {n} | {sec:.1f} | {sec / n if n else float('nan'):.2f} |"
                               for name, n, sec in c.get("per_derivation", []))
    return f"""# Measured figures

Written by `python benchmarks/catalog_bench.py --write` on {m['date']} ({m['machine']}, Python {m['python']});
never edited by hand. On a shared machine compare ratios within one run (the load average is recorded).

**Catalog:** {c['derivations']} derivations, {c['claims']} claims ({counts}); {c['agree']} of {c['claims']}
verdicts agree with their expectations.

| run | command | wall | CPU (with workers) | load before | exit |
|---|---|---|---|---|---|
{rows}

CPU per claim, cold: {per_claim:.2f} s. Warm run / cold run (wall): {m['warm']['wall'] / c['wall']:.3f}.

**Cost per derivation** (cold run; the seconds each claim took in its worker, summed; slowest first):

| derivation | claims | seconds | seconds per claim |
|---|---|---|---|
{per_derivation}
"""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--write", action="store_true", help="write docs/benchmarks.md")
    ap.add_argument("--save-json", help="keep the cold run's JSON records here (to diff verdicts claim by claim)")
    args = ap.parse_args(argv)
    m = measure(args.jobs, args.save_json)
    text = markdown(m)
    print(text)
    if args.write:
        (ROOT / "docs" / "benchmarks.md").write_text(text)
        (ROOT / "benchmarks" / "catalog.json").write_text(json.dumps(m, indent=2) + "\n")
    return 0 if all(m[k]["exit"] == 0 for k in ("cold", "fill", "warm")) else 1


if __name__ == "__main__":
    sys.exit(main())
