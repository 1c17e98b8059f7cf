"""``symmech check FILE --latex OUT.tex [--pdf]``: a checked conjecture as a LaTeX document.

The document has the standard of ``symmech latex`` (it is built by :func:`symmech.reports.latex.document`):
the conjecture's claims with verdicts, details and counterexamples first, then the model, and every
claim the core provers checked for the whole range (or the single model) as a numbered step with its
statement, working and verdict.
"""
from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import sympy as sp

from symmech.engine.derivation import ClaimResult as StepResult
from symmech.engine.derivation import Derivation, Report
from symmech.reports.latex import compile_pdf, document, tex_escape
from symmech.tactics.scope import Scope
from ..kernel.verdict import Status, Verdict

__all__ = ["conjecture_document", "write_conjecture"]

_TAG = {"proved": "ForestGreen", "certified": "ForestGreen", "confirmed": "Orange", "refuted": "Magenta",
        "undecided": "Red"}


def _model_tex(conj) -> str:
    lo, hi = conj.support
    th = sp.latex(conj.theta)
    rows = [rf"{th} \in [{sp.latex(lo)}, {sp.latex(hi)}]"]
    for m in conj.moments:
        rel = {"==": "=", "<=": r"\le", ">=": r"\ge"}[m.relation]
        rows.append(rf"\mathbb{{E}}[{sp.latex(m.g)}] {rel} {sp.latex(m.value)}")
    for s, d in conj.parameters.items():
        rows.append(rf"{sp.latex(s)} \in [{sp.latex(d.start)}, {sp.latex(d.end)}]" if isinstance(d, sp.Interval)
                    else rf"{sp.latex(s)} = {sp.latex(d)}")
    for s, d in conj.definitions:
        if isinstance(d, sp.Expr):
            rows.append(rf"{sp.latex(s)} = {sp.latex(d)}")
        else:
            rows.append(rf"{sp.latex(s)}:\ {sp.latex(d.equation)} = 0,\ {sp.latex(s)} \in ({sp.latex(d.bracket[0])},"
                        rf" {sp.latex(d.bracket[1])})")
    return r",\quad ".join(rows)


def _claims_tex(report) -> str:
    out = [r"\section{Conjecture and verdicts}"]
    if report.conjecture.description:
        out.append(tex_escape(report.conjecture.description) + r"\par")
    out.append(r"\begin{description}")
    for (cid, value), c in zip(report.conjecture.claims, report.claims):
        claimed = "true" if value is True else f"${sp.latex(value)}$"
        among = f" (among {report.conjecture.among.replace('_', ' ')})" if cid in ("optimal", "value") and \
            report.conjecture.among != "all" else ""
        out.append(rf"\item[{tex_escape(cid)} = {claimed}{tex_escape(among)}] "
                   rf"\textcolor{{{_TAG[c.status]}}}{{\textbf{{{c.status}}}}}. "
                   + tex_escape(c.detail, breakable=True))
        if c.counterexample is not None:
            text = json.dumps(c.counterexample, indent=1)[:3000]
            out.append(r"\par\textit{Counterexample:}\par{\footnotesize " + tex_escape(text, breakable=True) + "}")
    out.append(r"\end{description}")
    return "\n".join(out)


def conjecture_document(report) -> str:
    """LaTeX source for a checked conjecture (:class:`~symmech.conjecture.report.ConjectureReport`)."""
    conj = report.conjecture
    steps: list[StepResult] = []
    claims = []
    scope = Scope({})
    for c in report.claims:
        proof = getattr(c, "proof", None)
        if not proof:
            continue
        scope = proof["scope"]
        for claim, sc, v, secs in proof["record"]:
            if sc is not proof["scope"]:
                continue            # side claims over their own scope are listed in the notes
            claim = dataclasses.replace(claim, id=f"{c.id}: {claim.id}")
            verdict = v if v is not None else Verdict(Status.UNDECIDED, "budget", "time budget ran out")
            claims.append(claim)
            steps.append(StepResult(claim, verdict, secs))
    slug = re.sub(r"[^a-z0-9]+", "_", conj.name.lower()).strip("_")[:40] or "conjecture"
    deriv = Derivation(name=slug, title=conj.name, scope=scope, claims=claims, model=_model_tex(conj),
                       references=tuple(n for c in report.claims if getattr(c, "proof", None)
                                        for n in c.proof["notes"])[:4])
    tex = document(Report(deriv, steps, report.seconds, 50))
    tex = tex.replace(r"\section{Model}", _claims_tex(report) + "\n" + r"\section{Model}", 1)
    if not steps:
        tex = tex.replace(r"\section{Claims}", r"\section{Claims}" + "\nNo claim was stated for the whole model "
                          "(nothing to prove beyond the verdicts above).\n", 1)
    return tex


def write_conjecture(report, path: str | Path, *, pdf: bool = False) -> tuple[Path, Path | None]:
    """Write the document (and compile it with pdflatex when ``pdf``)."""
    path = Path(path)
    if path.suffix != ".tex":
        path = path.with_suffix(".tex")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(conjecture_document(report), encoding="utf-8")
    return path, (compile_pdf(path) if pdf else None)
