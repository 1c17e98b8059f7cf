"""The LaTeX document of EVERY bundled derivation compiles with pdflatex, and reads as mathematics.

The documents fail on what the derivations write (statements, model text, notes) and on what the
verdicts say (details, counterexamples, the trust record), so each derivation's document is built from
its own claims with verdicts of every status: the stored verdicts of the verdict cache when there are
some, and synthetic ones (proved by each kernel rule, certified, confirmed, refuted with a counterexample,
undecided) for the rest and for every fifth claim, so every branch of the writer runs on every derivation.
Each document is compiled once by pdflatex (nonstopmode, halt on error) in a temporary directory; the
derivations are shared between two worker processes.  A document fails when pdflatex exits non-zero or
its log has an error line, or when its text holds a Python repr (``Interval.open(``, ``[('``, ``**``,
``log(`` ...: :func:`symmech.reports.latex_document.text_problems`).

The ``slow`` variant checks every derivation for real (with the verdict cache) and compiles the result.
"""
from __future__ import annotations

import dataclasses
import multiprocessing
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from symmech.engine import registry
from symmech.engine.cache import VerdictCache, get_report, verdict_from_dict
from symmech.engine.results import ClaimResult, Report
from symmech.reports import latex_document as D

needs_pdflatex = pytest.mark.skipif(shutil.which("pdflatex") is None,
                                    reason="pdflatex not installed (apt-get install texlive-latex-base "
                                           "texlive-latex-recommended texlive-latex-extra)")

_HINTS = [{"kind": "root bracket", "subject": "kt", "statement": "exactly one root of -k + kt*(1 - log(kt)) = 0 in "
           "(0, k)", "status": "proved", "used": True},
          {"kind": "root image", "subject": "kt", "statement": "kt in Interval.open(0, 1) (the bracket lies inside "
           "it)", "status": "certified", "used": True},
          {"kind": "rewrite", "subject": "claim", "statement": "LambertW(-k*exp(-1), -1) = x**2", "status":
           "confirmed", "detail": "sqrt(x) at [('3/5', '1/2')]", "used": False}]


def _point(claim, scope) -> dict[str, str]:
    names = [str(p) for p in scope.parameters] + [str(b[0]) for b in getattr(claim, "over", ())]
    vals = ("1/2", "3/10", "0.20000000000000000000", "7/4", "-1/3")
    return {n: vals[i % len(vals)] for i, n in enumerate(names[:6])}


def synthetic(claim, scope, i: int):
    """A verdict of the ``i``-th kind (cycling through every status and every kernel rule a document names)."""
    pt = _point(claim, scope)
    points = ({k: v for k, v in pt.items()},)
    parts = getattr(getattr(claim, "inner", claim), "parts", ())
    kinds = [
        dict(status="proved", method="symbolic", rule="exact-zero", digits=50, points=points,
             detail="simplifies to 0; mpmath agrees at 9 points at 50 digits"),
        dict(status="refuted", method="exact", digits=50, witness=pt, witness_value="-0.208333333333333333333333333333",
             detail="lhs - rhs = -0.2083 != 0 at (gamma = 0, lambda = 1); rechecked at the exact point: -5/24 "
                    "(exact rational value)"),
        dict(status="certified", method="interval(arb)", rule="interval-enclosure", digits=38,
             detail="f >= 0 certified on x in [0, 1], k in (0, 1): 12 boxes (natural: 9, mean-value: 3); smallest "
                    "proven lower bound 0.00312; 40 boxes examined in 0.31s at 128 bits"),
        dict(status="confirmed", method="mpmath", digits=50, points=points,
             detail="mpmath agrees at 9 points at 50 digits; kt*(1 - log(kt)) - k = 0 at {'k': '1/2'}; exact "
                    "tactics inconclusive on Interval.Lopen(0, 1/2)"),
        dict(status="undecided", method="error", detail="ZeroDivisionError: 1/(kt - k) at {'k': '1/2', 'kt': "
                                                         "'0.18668'} & 50% of #points ~ W_{-1}"),
        dict(status="proved", method="exact LP (HiGHS + verified rational duality certificate)", rule="lp-duality",
             detail="both optima proved by weak duality and equal: OPT^H = 9/4 (exact, HiGHS + exact recovery "
                    "(primal: round/1; dual: round/60); LP 81x27, 4.56s); OPT^I = 9/4"),
        dict(status="refuted", method="exact finite check",
             witness={"counterexample": "Thm. 1's condition does not hold: menu [((Fraction(3, 4), Fraction(1, 2)), "
                                        "Fraction(21, 4))] under {('0', '1'): '1/5'}, v = ('1', '1/2')"},
             detail="q('1', '1') = (1, 1) >_w q('1', '-1') = (1, 0) but t = 1/2 < 1"),
        dict(status="proved", method="exact finite check", rule="finite-exhaustion",
             detail="(v^tau)^sigma = v^(tau o sigma) for all 576 pairs in S_4; x**2 <= 3 at [('3/5', '1/2')]"),
        dict(status="proved", method="symbolic", rule="exact-sign", digits=50, points=points, trust=_HINTS,
             detail="shown by exact tactics; mpmath agrees at 63 points at 50 digits"),
        dict(status="certified", method="implication", rule="monotone", detail="monotone in theta from its lower end"),
        dict(status="proved", method="symbolic", rule="replay", detail="a stored proof"),
    ]
    d = dict(kinds[i % len(kinds)])
    if parts:   # a conjunction: the parts' statuses in the summary the document reads back
        statuses = ("proved", "certified", "confirmed", "refuted", "undecided")
        listed = ", ".join(f"{p.id}: {statuses[(i + j) % 5]}" for j, p in enumerate(parts))
        d = dict(status="proved", method="symbolic", rule="conjunction",
                 detail=f"all {len(parts)} parts hold [{listed}]") if i % 2 == 0 else \
            dict(d, detail=d["detail"] + f" [{listed}]")
    d["trust"] = [dict(h) for h in d.get("trust", ())]
    from symmech.kernel.verdict import Hint

    hints = tuple(Hint.from_dict(h) for h in d.pop("trust"))
    return dataclasses.replace(verdict_from_dict(d), trust=hints)


def build_report(name: str, *, cache_dir: str | None = None) -> Report:
    """The report of derivation ``name`` with stored verdicts (where the cache has them) and synthetic ones."""
    deriv = registry.load(name)
    stored = {}
    if cache_dir:
        rep = get_report(VerdictCache(cache_dir), name, 50, 9)
        if rep is not None:
            stored = {r.claim.id: r.verdict for r in rep.results}
    results = []
    for i, c in enumerate(deriv.claims):
        v = stored.get(c.id) if i % 5 else None
        results.append(ClaimResult(c, v if v is not None else synthetic(c, deriv.scope, i), 0.01 * i,
                                   cached=v is not None))
    return Report(deriv, results, 1.0, 50)


def compile_once(tex: str, name: str, timeout: float = 120) -> list[str]:
    """pdflatex errors of a document (one run, in a temporary directory): [] when it compiles."""
    with tempfile.TemporaryDirectory(prefix="symmech-latex-all-") as tmp:
        path = Path(tmp) / f"{name}.tex"
        path.write_text(tex, encoding="utf-8")
        proc = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "-draftmode", path.name],
                              check=False, cwd=tmp, capture_output=True, text=True, errors="replace", timeout=timeout,
                              stdin=subprocess.DEVNULL)
        log_file = path.with_suffix(".log")
        log = log_file.read_text(errors="replace") if log_file.exists() else proc.stdout
    errors = [ln for ln in log.splitlines() if ln.startswith("! ")]
    if proc.returncode != 0 or errors:
        lines = log.splitlines()
        at = next((i for i, ln in enumerate(lines) if ln.startswith("! ")), len(lines) - 8)
        return [f"pdflatex exit {proc.returncode}: " + "\n".join(lines[max(0, at - 2): at + 8])]
    return []


def check_one(name: str, cache_dir: str | None = None) -> tuple[str, list[str], float]:
    t0 = time.perf_counter()
    try:
        tex = D.document(build_report(name, cache_dir=cache_dir))
    except Exception as exc:  # noqa: BLE001 - reported as a failure of this derivation
        return name, [f"document() raised {type(exc).__name__}: {exc}"], time.perf_counter() - t0
    problems = [f"repr in text: {p}" for p in D.text_problems(tex)]
    problems += compile_once(tex, name)
    return name, problems, time.perf_counter() - t0


def _worker(args):
    return check_one(*args)


def check_all(names, cache_dir=None, processes: int = 2):
    """``check_one`` of every name on ``processes`` forked workers (the modules every derivation uses imported
    once, here, before the fork; the largest derivation modules first)."""
    import importlib

    import derivations

    for mod in ("symmech.checks", "symmech.models.multigood", "symmech.models.auctions", "symmech.models.regret",
                "scipy.optimize"):
        try:
            importlib.import_module(mod)
        except ImportError:  # pragma: no cover - optional
            pass
    where = Path(derivations.__file__).parent
    size = {n: (where / f"{n}.py").stat().st_size if (where / f"{n}.py").exists() else 0 for n in names}
    order = sorted(names, key=lambda n: -size[n])
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(processes) as pool:
        done = dict((r[0], r) for r in pool.imap_unordered(_worker, [(n, cache_dir) for n in order], chunksize=1))
    return [done[n] for n in names]


@needs_pdflatex
def test_every_bundled_derivation_document_compiles_and_reads_as_mathematics():
    names = registry.names()
    assert len(names) >= 41
    cache_dir = os.environ.get("SYMMECH_CACHE_DIR") or str(Path.cwd() / ".symmech_cache")
    results = check_all(names, cache_dir if Path(cache_dir).is_dir() else None)
    failed = {name: probs for name, probs, _ in results if probs}
    assert not failed, "\n\n".join(f"== {n}:\n" + "\n".join(p[:1500] for p in probs[:5]) for n, probs in failed.items())


def test_text_problems_finds_python_reprs():
    good = r"\begin{document} at $k = \tfrac12$ in $(0, 1)$ \fitmath{x^{2}} \claimid{a\_b}\end{document}"
    assert D.text_problems(good) == []
    for bad in ("kt in Interval.open(0, 1)", "[('3/5', '1/2')]", "x**2", "kt*(1 - log(kt))", "W\\_\\{-1\\}"):
        assert D.text_problems(r"\begin{document}" + bad + r"\end{document}"), bad


def real_document_problems(name: str, directory: Path) -> list[str]:
    """Check derivation ``name`` for real (the verdict cache reused, claims on all cores), write its document and
    compile it (both pdflatex runs): the problems found ([] when none)."""
    from symmech.commands.latex_cmd import report_for
    from symmech.engine.parallel import Executor

    rep = report_for(registry.load(name), digits=50, samples=9, cache=VerdictCache(), executor=Executor(None))
    tex, _ = D.write_document(rep, directory / f"{name}.tex")
    problems = [f"repr in text: {p}" for p in D.text_problems(tex.read_text())]
    try:
        D.compile_pdf(tex)
    except D.LatexError as exc:
        problems.append(f"{exc}\n{exc.log}")
    return problems


@pytest.mark.slow
@needs_pdflatex
def test_every_bundled_derivation_document_with_real_verdicts(tmp_path):
    """Every derivation checked for real and its document compiled (tens of minutes without a warm cache)."""
    failed = {name: probs for name in registry.names() if (probs := real_document_problems(name, tmp_path))}
    assert not failed, failed
