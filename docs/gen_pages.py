"""Generate one documentation page per bundled derivation, from the derivation itself.

Used two ways:

* as an mkdocs hook (``hooks: [docs/gen_pages.py]`` in mkdocs.yml): the pages
  ``derivations/<name>.md`` are generated at build time and never stored, so they
  cannot drift from the code;
* as a script: ``python docs/gen_pages.py --out DIR [--no-verify]`` writes them.

Verdicts are read from the verdict cache that ``symmech verify`` fills (at
``SYMMECH_DOCS_DIGITS`` digits, default 50, and ``SYMMECH_DOCS_SAMPLES`` points, default 9,
the command line's defaults): the build checks nothing itself.  Set
``SYMMECH_DOCS_VERIFY=verify`` to check what the cache lacks, ``SYMMECH_DOCS_VERIFY=0`` to
build without verdicts (the tests do).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the hook runs from mkdocs; make the checkout importable
    sys.path.insert(0, str(ROOT))

OPTIONAL_PAGES = (("Paper coverage", "coverage.md"), ("Conjecture files", "conjectures.md"), ("Interval certifier", "certifier.md"),
                  ("Property-based testing and mutation", "testing.md"))


def _md_math(tex: str) -> str:
    """LaTeX for MathJax inside Markdown (pipes and newlines would break tables)."""
    return tex.replace("\n", " ").replace("|", r"\vert ")


def _md_text(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")


def page(derivation, report=None) -> str:
    """The Markdown page of one derivation (with verdicts if ``report`` is given)."""
    import sympy as sp

    from symmech.claims import AllOf
    from symmech.reports.latex import Printer, printer_for, restyle, symbol_names

    pr = printer_for(derivation)
    d = derivation
    out = [f"# {d.name}", "", f"**{_md_text(d.title)}**", "",
           f"Check it yourself: `symmech verify {d.name}`; as a PDF: `symmech latex {d.name} --pdf`.", ""]
    if d.model:
        out += ["## Model", "", f"$$ {_md_math(d.model)} $$", ""]
    if d.references:
        out += ["References: " + "; ".join(_md_text(r) for r in d.references), ""]
    if d.scope.parameters:
        out += ["## Scope", ""]
        for sym, dom in d.scope.parameters.items():
            rel = r"\in" if isinstance(dom, sp.Interval) else "="
            out.append(f"* parameter ${pr.doprint(sym)} {rel} {pr.doprint(dom)}$")
        plain = Printer(symbol_names(d.scope))  # definitions without the abbreviations they introduce
        for root in d.scope.roots:
            s = plain.doprint(root.symbol)
            lo, hi = (plain.doprint(sp.sympify(b)) for b in root.bracket)
            line = f"* ${s}$: the root in $({lo}, {hi})$ of ${plain.doprint(root.equation)} = 0$"
            if root.closed_form is not None:
                line += f"; closed form ${s} = {plain.doprint(root.closed_form)}$"
            out.append(line)
        for sym, definition in (d.figures or {}).get("notation", ()):
            out.append(f"* notation ${plain.doprint(sym)} := {plain.doprint(sp.sympify(definition))}$")
        out.append("")
    results = {r.claim.id: r for r in report.results} if report is not None else {}
    out += ["## Claims", ""]
    if report is None:
        out += ["*Verdicts were not computed in this build* (`SYMMECH_DOCS_VERIFY=0`); "
                f"run `symmech verify {d.name}`.", ""]
    else:
        missing = len(d.claims) - len(report.results)
        if missing:
            out += [f"*{missing} of {len(d.claims)} verdicts are not in the verdict cache of this build*; "
                    f"run `symmech verify {d.name}` and build again.", ""]
        out += [f"Verdicts at {report.digits} digits ({report.seconds:.0f} s of checking). "
                "*proved*/*certified* are proofs for the whole parameter range, *confirmed* is "
                "high-precision numerical evidence, *refuted* comes with a counterexample.", ""]
    out += ["| # | claim | source | statement | expect | verdict |", "|---|---|---|---|---|---|"]
    for i, c in enumerate(d.claims, 1):
        r = results.get(c.id)
        verdict = "—" if r is None else f"**{r.verdict.status.value}** ({_md_text(r.verdict.method)})"
        if r is not None and not r.agrees:
            verdict += " — does NOT agree with the expectation"
        stmt = _md_math(restyle(c.statement, pr))
        out.append(f"| {i} | `{c.id}` | {_md_text(c.source)} | ${stmt}$ | {c.expect} | {verdict} |")
    out.append("")
    notes = [(c, results.get(c.id)) for c in d.claims if c.note or (results.get(c.id) and
                                                                       results[c.id].verdict.witness)]
    if notes:
        out += ["## Notes and counterexamples", ""]
        for c, r in notes:
            line = f"* `{c.id}`"
            if c.note:
                line += ": " + _md_text(c.note)
            if r is not None and r.verdict.witness:
                w = ", ".join(f"{k} = {v}" for k, v in r.verdict.witness.items())
                line += f". Counterexample: {_md_text(w)}"
                if r.verdict.witness_value:
                    line += f" (left − right ≈ {_md_text(r.verdict.witness_value[:24])})"
            out.append(line)
        out.append("")
    parts = [c for c in d.claims if isinstance(c, AllOf)]
    if parts:
        out += ["## Composite claims", ""]
        for c in parts:
            out.append(f"* `{c.id}` = all of " + ", ".join(f"`{p.id}`" for p in c.parts))
        out.append("")
    return "\n".join(out)


def _mode() -> str:
    """``cache`` (default): verdicts from the verdict cache only; ``verify``: check what the cache
    lacks (and store it); ``0``: no verdicts."""
    v = os.environ.get("SYMMECH_DOCS_VERIFY", "cache").lower()
    if v in ("0", "no", "false", ""):
        return "off"
    return "verify" if v in ("1", "yes", "true", "verify") else "cache"


def _say(msg: str) -> None:
    print(f"symmech docs: {msg}", file=sys.stderr, flush=True)


def _cached_report(deriv, digits: int, samples: int):
    """A Report with the verdicts the cache holds for ``deriv`` (claims without one are left out)."""
    from symmech.engine import cache as C
    from symmech.engine.derivation import ClaimResult, Report

    store = C.VerdictCache()
    keys = C.keys_for(deriv.claims, deriv.scope, C.settings_now(digits, samples))
    results = []
    for claim, key in zip(deriv.claims, keys):
        hit = store.get(key) if key is not None else None
        if hit is not None:
            results.append(ClaimResult(claim, hit[0], hit[1], cached=True))
    return Report(deriv, results, sum(r.seconds for r in results), digits)


def pages(verify: bool | str | None = None, digits: int | None = None, samples: int | None = None
          ) -> dict[str, str]:
    """``{"derivations/<name>.md": markdown}`` for every bundled derivation.

    Verdicts come from the verdict cache that ``symmech verify`` fills (same digits and samples:
    ``SYMMECH_DOCS_DIGITS``/``SYMMECH_DOCS_SAMPLES``, default 50 and 9 like the command line), so a
    build after ``symmech verify all`` checks nothing; ``SYMMECH_DOCS_VERIFY=verify`` checks what the
    cache lacks, ``SYMMECH_DOCS_VERIFY=0`` shows no verdicts.
    """
    import time

    from symmech.engine import registry

    mode = _mode() if verify is None else ("verify" if verify is True else "off" if verify is False else verify)
    digits = digits or int(os.environ.get("SYMMECH_DOCS_DIGITS", "50"))
    samples = samples or int(os.environ.get("SYMMECH_DOCS_SAMPLES", "9"))
    out = {}
    reports = []
    _say(f"generating derivation pages (verdicts: {mode}, {digits} digits, {samples} samples)")
    for name in registry.names():
        t0 = time.perf_counter()
        deriv = registry.load(name)
        report = None
        if mode == "verify":
            report = deriv.verify(digits=digits, samples=samples, cache=True)
        elif mode == "cache":
            report = _cached_report(deriv, digits, samples)
        missing = len(deriv.claims) - (len(report.results) if report else 0)
        _say(f"{name}: {len(deriv.claims)} claims" + (
            "" if report is None else f", {len(report.results)} verdicts" + (
                f" ({missing} not in the cache: run `symmech verify {name}`)" if missing else ""))
            + f" ({time.perf_counter() - t0:.1f} s)")
        out[f"derivations/{deriv.name}.md"] = page(deriv, report)
        if report is not None:
            reports.append(report)
    out["coverage.md"] = coverage_page(reports if mode != "off" else None)
    return out


def coverage_page(reports) -> str:
    """Every numbered result and erratum of each encoded paper, with the claims that check it and their
    verdicts (``symmech coverage --markdown``)."""
    from symmech.reports.papers import coverage, markdown, papers, records_from_reports

    lines = ["# Paper coverage", "",
             "For each paper: every numbered result with the bundled claims that cite it, and every known typo "
             "or gap with the claims that flag it (or why none can). Generated at build time from the claims' "
             "sources and the verdicts; the same tables print with `symmech coverage --markdown`.", ""]
    if reports is None:
        lines += ["*Built without verdicts*: run `symmech coverage` for the tables with verdicts.", ""]
    records = records_from_reports(reports or [])
    for paper in papers().values():
        lines.append(markdown(coverage(paper, records)))
    return "\n".join(lines) + "\n"


def index_page(names: list[str]) -> str:
    lines = ["# Bundled derivations", "",
             "One page per module of `derivations/`, generated from the code at build time.", ""]
    lines += [f"* [{n}]({n}.md)" for n in names]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ mkdocs hook
_GENERATED: dict[str, str] = {}


def on_config(config, **kwargs):
    """Fill the 'Derivations' nav section and add optional pages that exist."""
    from symmech.engine import registry

    names = registry.names()
    docs_dir = Path(config["docs_dir"])
    nav = config.get("nav") or []
    for entry in nav:
        if isinstance(entry, dict) and "Derivations" in entry:
            entry["Derivations"] = ["derivations/index.md"] + [f"derivations/{n}.md" for n in names]
    for title, path in OPTIONAL_PAGES:
        if ((docs_dir / path).exists() or path == "coverage.md") and not any(path in str(e) for e in nav):
            nav.insert(max(len(nav) - 2, 0), {title: path})
    config["nav"] = nav
    return config


def on_files(files, config, **kwargs):
    """Add the generated pages (unless a file of that name exists, e.g. written by the script)."""
    from mkdocs.structure.files import File

    generated = pages()
    from symmech.engine import registry

    generated["derivations/index.md"] = index_page(registry.names())
    for uri, content in generated.items():
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, content=content))
    return files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent),
                    help="docs directory to write derivations/<name>.md into")
    ap.add_argument("--no-verify", action="store_true", help="do not compute verdicts")
    ap.add_argument("--digits", type=int, default=None)
    ap.add_argument("--samples", type=int, default=None)
    args = ap.parse_args(argv)
    from symmech.engine import registry

    generated = pages(verify=False if args.no_verify else None, digits=args.digits, samples=args.samples)
    generated["derivations/index.md"] = index_page(registry.names())
    for uri, content in generated.items():
        path = Path(args.out) / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        print(path)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
