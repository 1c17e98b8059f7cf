"""A verified derivation as a standalone LaTeX document, and pdflatex to compile it.

:func:`document` writes a :class:`~symmech.engine.derivation.Report` as: the model, the scope
(parameters, defined roots with their equations and closed forms), a summary table, then each claim as
a numbered step with its source, statement, working, verdict, how the verdict was reached (the kernel
rule as a sentence, :mod:`symmech.reports.latex_proof`), details and counterexample.

Every string that is not a statement is plain text written by a program or an author: it goes through
:func:`symmech.reports.latex_prose.prose` (escaped, breakable, with its numbers, points and expressions
typeset as mathematics).  Statements and the model are author LaTeX: they go through
:func:`symmech.reports.latex_math.display` (repaired where pdflatex would stop, long ones broken).
:func:`text_problems` lists what should never reach a reader (Python reprs in text); the tests run it on
the document of every bundled derivation.

:func:`compile_pdf` runs ``pdflatex`` and raises :class:`LatexError` on any LaTeX error.  Only packages
from Debian's texlive-latex-recommended/extra are used.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Mapping

import sympy as sp

from symmech.claims import AllOf, Claim, Identity, Inequality
from symmech.engine.derivation import ClaimResult, Report
from symmech.kernel.verdict import Status, Verdict
from symmech.models.ambiguity import AmbiguitySet
from symmech.models.distributions import Distribution
from symmech.models.mechanisms import Mechanism, PostedPrice
from symmech.reports.latex_printer import _REL_TEX, Printer, printer_for, restyle, symbol_names
from symmech.reports.latex_math import display, fit, plain_len
from symmech.reports.latex_proof import explain
from symmech.reports.latex_prose import Names, escape, prose, value

__all__ = ["LatexError", "document", "compile_pdf", "write_document", "log_problems", "text_problems",
           "part_statuses", "names_for"]

_STATUSES = "|".join(s.value for s in Status)
#: seconds to evaluate the integrals of one side of a claim for its working (the document shows them
#: unevaluated when that takes longer)
VALUE_SECONDS = 1.0


class LatexError(RuntimeError):
    """pdflatex failed (or is missing); ``log`` holds the relevant part of its log."""

    def __init__(self, message: str, log: str = "") -> None:
        super().__init__(message)
        self.log = log


# --------------------------------------------------------------------------- helpers
def names_for(deriv, pr: Printer | None = None) -> Names:
    """How identifiers in a derivation's texts print: paper names, the scope's symbols, claim ids as code."""
    scope = getattr(deriv, "scope", None)
    syms = list(getattr(scope, "symbols", ()) or ())
    names = dict((pr._settings.get("symbol_names") or {}) if pr is not None else symbol_names(scope))
    ids = [c.id for c in getattr(deriv, "claims", ())]
    ids += [p.id for c in getattr(deriv, "claims", ()) for p in getattr(_core(c), "parts", ())]
    return Names(names, syms, code=ids)


def _core(c: Claim) -> Claim:
    """A claim without its wrappers (a budget wrapper holds the claim in ``inner``)."""
    for _ in range(4):
        inner = getattr(c, "inner", None)
        if not isinstance(inner, Claim):
            break
        c = inner
    return c


def _code(text: str) -> str:
    return r"\claimid{" + escape(text) + "}"


def _expr_lines(expr: sp.Expr, pr: Printer, width: int = 70) -> list[str]:
    """Print ``expr``; a long sum is split into several lines of terms."""
    expr = pr.abbreviate(expr)
    tex = pr.doprint(expr)
    if not isinstance(expr, sp.Add) or plain_len(tex) <= width:
        return [tex]
    lines, current = [], ""
    for i, t in enumerate(expr.args):
        tt = pr.doprint(t)
        piece = tt if i == 0 else (("- " + pr.doprint(-t)) if t.could_extract_minus_sign() else "+ " + tt)
        if current and plain_len(current + piece) > width:
            lines.append(current)
            current = piece
        else:
            current = (current + " " + piece).strip()
    lines.append(current)
    return lines


def _aligned(rows) -> str:
    """``aligned`` block of ``(label, relation, lines)`` rows; continuation lines are indented."""
    out = []
    for label, rel, lines in rows:
        first, *rest = lines
        out.append(f"{label} &{rel} {first}")
        for line in rest:
            out.append(r"&\qquad " + line)
    return r"\begin{aligned}" + r" \\ ".join(out) + r"\end{aligned}"


# --------------------------------------------------------------------------- statements
_COLOUR = {Status.PROVED: "ForestGreen", Status.CERTIFIED: "ForestGreen", Status.CONFIRMED: "Orange",
           Status.REFUTED: "Magenta", Status.UNDECIDED: "Red"}
_STATUS_WORDS = {
    Status.PROVED: "proved exactly (symbolic)",
    Status.CERTIFIED: "certified (rigorous)",
    Status.CONFIRMED: "confirmed numerically (evidence, not a proof)",
    Status.REFUTED: "refuted",
    Status.UNDECIDED: "undecided",
}


def _verdict_tag(status: Status) -> str:
    return rf"\verdict{{{_COLOUR[status]}}}{{{status.value}}}"


def part_statuses(verdict: Verdict) -> dict[str, str]:
    """Status of each direct part of an :class:`AllOf`, read from its verdict's summary."""
    return dict(re.findall(rf"([^\s\[,][^\s,]*): ({_STATUSES})\b", verdict.detail))


def _is_auto_allof(c: Claim) -> bool:
    """An :class:`AllOf` whose statement is only its parts' statements joined (they are listed below it)."""
    return isinstance(c, AllOf) and c.statement == r" \;\wedge\; ".join(f"({p.statement})" for p in c.parts)


def _domain_tex(c, pr: Printer) -> str:
    if not getattr(c, "over", ()):
        return ""
    parts = [rf"{pr.doprint(v)} \in [{pr.doprint(lo)}, {pr.doprint(hi)}]" for v, lo, hi in c.over]
    return r"\quad\text{for all } " + r",\ ".join(parts)


def _statement_tex(c: Claim, pr: Printer) -> str:
    """The claim's statement in the printer's notation (written from the claim when it has none)."""
    core = _core(c)
    if isinstance(core, (Identity, Inequality)) and not c.statement:
        rel = "=" if isinstance(core, Identity) else _REL_TEX[core.rel]
        return f"{pr.doprint(core.lhs)} {rel} {pr.doprint(core.rhs)}" + _domain_tex(core, pr)
    if _is_auto_allof(core) and c.statement == core.statement:
        return r" \;\wedge\; ".join(rf"\text{{({i + 1})}}" for i in range(len(core.parts)))
    return restyle(c.statement, pr)


def _statement_block(c: Claim, pr: Printer) -> str:
    tex = _statement_tex(c, pr)
    if not tex.strip():
        return r"\textit{(no statement given; see the claim's id and source)}\par" + "\n"
    return display(tex)


def _value(expr: sp.Expr) -> sp.Expr | None:
    """Evaluated and simplified form of an expression with unevaluated integrals."""
    if not isinstance(expr, sp.Basic) or not expr.has(sp.Integral):
        return None
    from symmech.tactics.budget import within_budget   # lazy: only documents with integrals evaluate them

    try:
        return within_budget(lambda: sp.simplify(expr.doit()), VALUE_SECONDS)
    except Exception:  # noqa: BLE001 - printing must not fail on a hard integral
        return None


def _working_tex(c, pr: Printer) -> str:
    """lhs and rhs (integrals first unevaluated, then their value) of a relational claim."""
    rel = "=" if isinstance(c, Identity) else _REL_TEX[c.rel]
    rows = [(r"\text{left}", "=", _expr_lines(c.lhs, pr))]
    lv = _value(c.lhs)
    if lv is not None:
        rows.append(("", "=", _expr_lines(lv, pr)))
    rows.append((r"\text{right}", "=", _expr_lines(c.rhs, pr)))
    rv = _value(c.rhs)
    if rv is not None:
        rows.append(("", "=", _expr_lines(rv, pr)))
    return fit(_aligned(rows)) + fit(rf"\text{{claim: left}} {rel} \text{{right}}" + _domain_tex(c, pr))


_LABELS = (r"(\arabic*)", r"(\arabic{enumi}.\arabic*)", r"(\arabic{enumi}.\arabic{enumii}.\arabic*)")


def _parts_tex(c: AllOf, v: Verdict | None, pr: Printer, names: Names, depth: int = 0) -> str:
    statuses = part_statuses(v) if v is not None else {}
    out = [rf"\begin{{enumerate}}[label={_LABELS[min(depth, 2)]}]"]
    for part in c.parts:
        st = statuses.get(part.id)
        tag = rf" --- {_verdict_tag(Status(st))}" if st else ""
        out.append(r"\item " + _code(part.id) + tag)
        out.append(_statement_block(part, pr))
        core = _core(part)
        if isinstance(core, AllOf):
            if depth < 2:
                out.append(_parts_tex(core, None, pr, names, depth + 1))
        elif isinstance(core, (Identity, Inequality)):
            lv = _value(core.lhs)
            if lv is not None:
                out.append(r"where the left side evaluates to" + "\n" + fit(pr.doprint(lv)))
        if part.note:
            out.append(r"\textit{Note:} " + prose(part.note, names) + r"\par")
    out.append(r"\end{enumerate}")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- verdicts
def _points_tex(v: Verdict, scope, names: Names) -> str:
    """The parameter values at which numerics ran."""
    params = {str(p): p for p in getattr(scope, "parameters", ())}
    seen: dict[str, list[str]] = {}
    for pt in v.points:
        for name, val in pt.items():
            if name in params and val not in seen.setdefault(name, []):
                seen[name].append(val)
    if not seen:
        return ""
    vals = []
    for n, xs in seen.items():
        shown = [value(x, names) or escape(x) for x in xs[:8]]
        more = r", \dots" if len(xs) > 8 else ""
        vals.append(f"${names.name(n)} \\in \\{{{', '.join(shown)}{more}\\}}$")
    return "parameter points " + "; ".join(vals)


def _witness_tex(v: Verdict, scope, names: Names, pr: Printer) -> str:
    if not v.witness and not v.witness_value:
        return ""
    rows, text = [], []
    point = {}
    params = {str(p): p for p in getattr(scope, "parameters", ())}
    for name, val in (v.witness or {}).items():
        tex = value(str(val), names)
        label = names.name(name) if names.is_math(name) or name in params else None
        if tex is not None and label is not None:
            rows.append(rf"{label} &= {tex}")
            if name in params:
                try:
                    point[params[name]] = sp.nsimplify(sp.sympify(str(val)))
                except (sp.SympifyError, TypeError, SyntaxError, ValueError):
                    pass
        else:
            text.append(prose(str(val), names) if name in ("counterexample", "detail")
                        else prose(f"{name}: {val}", names))
    roots = getattr(scope, "roots", ())
    if point and roots and len(point) == len(params):
        try:
            digits = min(v.digits or 20, 30)
            vals = scope.numeric_values(point, dps=digits)
            for root in roots:
                rows.append(rf"{pr.doprint(root.symbol)} &\approx {value(str(sp.Float(vals[root.symbol], 20)), names)}")
        except Exception:  # noqa: BLE001 - the witness table is informative only
            pass
    if v.witness_value:
        res = value(str(v.witness_value), names)
        if res is not None:
            rows.append(rf"\text{{left}} - \text{{right}} &\approx {res}")
        else:
            text.append("residual: " + prose(str(v.witness_value), names))
    out = [r"\textbf{Counterexample:}"]
    if rows:
        out.append(fit(r"\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}"))
    out += [t + r"\par" for t in text]
    return "\n".join(out) + "\n"


def _hint_tex(h, names: Names) -> str:
    mark = "checked" if h.checked else ("REFUTED" if h.status == Status.REFUTED.value else f"not checked ({h.status})")
    subject = f"${names.name(h.subject)}$" if names.is_math(h.subject) or names.known(h.subject) else \
        prose(h.subject, names)
    tail = "" if h.used else " (not used)"
    detail = f": {prose(h.detail, names)}" if h.detail and not h.checked else ""
    return rf"\textit{{{escape(h.kind)}}} of {subject}: {prose(h.statement, names)} --- {mark}{tail}{detail}"


def _claim_section(i: int, r: ClaimResult, scope, pr: Printer, names: Names) -> str:
    c, v = r.claim, r.verdict
    core = _core(c)
    out = [rf"\subsection{{Step {i}: {_code(c.id)}}}\label{{claim:{i}}}"]
    if c.source:
        out.append(r"\textit{Source:} " + prose(c.source, names) + r"\par")
    if c.expect == "fails":
        twin = (rf" The corrected statement is claim {_code(c.corrected)}; the refutation counts only if that "
                r"claim holds." if getattr(c, "corrected", "") else "")
        out.append(r"\textit{Expected to fail:} this claim records a statement of the source that is "
                   r"believed false (a typo or a gap)." + twin + r"\par")
    out.append(r"\textbf{Statement.}")
    out.append(_statement_block(c, pr))
    if isinstance(core, (Identity, Inequality)):
        out.append(r"\textbf{Working.}")
        out.append(_working_tex(core, pr))
    elif isinstance(core, AllOf):
        out.append(rf"\textbf{{Parts}} (the claim holds iff all {len(core.parts)} hold; its verdict is the weakest):")
        out.append(_parts_tex(core, v, pr, names))
    if c.note:
        out.append(r"\textit{Note:} " + prose(c.note, names) + r"\par")
    agree = "" if r.agrees else r" \textcolor{Red}{\textbf{(does not agree with the expectation)}}"
    out.append(rf"\textbf{{Verdict:}} {_verdict_tag(v.status)} --- {_STATUS_WORDS[v.status]}{agree}\par")
    sentence, needed = explain(v, names)
    out.append(sentence + r"\par")
    facts = []
    if v.method and v.status is not Status.UNDECIDED:
        facts.append(r"\item method: " + prose(v.method, names))
    points = _points_tex(v, scope, names)
    if points:
        facts.append(r"\item " + points)
    if v.digits and v.status is not Status.UNDECIDED:
        facts.append(rf"\item working precision: {v.digits} significant digits")
    detail = v.detail or ""
    if isinstance(core, AllOf):
        detail = re.sub(r"\s*\[[^\[]*(\[[^\]]*\][^\[]*)*\]\s*$", "", detail)  # the parts are listed above
    if detail and needed:
        label = "reason" if v.status is Status.UNDECIDED else "detail"
        facts.append(rf"\item {label}: " + prose(detail, names))
    facts.append(r"\item time: from the verdict cache" if r.cached else rf"\item time: {r.seconds:.2f}\,s")
    if v.trust:
        facts.append(r"\item rests on: " + "; ".join(_hint_tex(h, names) for h in v.trust))
    out.append(r"\begin{itemize}" + "\n" + "\n".join(facts) + "\n" + r"\end{itemize}")
    out.append(_witness_tex(v, scope, names, pr))
    return "\n".join(o for o in out if o) + "\n"


# --------------------------------------------------------------------------- model and scope
def _scope_tex(deriv, pr: Printer) -> str:
    scope = getattr(deriv, "scope", None)
    if scope is None:
        return ""
    abbreviations = pr.abbreviations
    pr = Printer(symbol_names(scope))  # definitions are printed without the abbreviations they introduce
    out = [r"\subsection*{Parameters}", r"\begin{itemize}"]
    if not scope.parameters:
        out.append(r"\item none")
    for sym, dom in scope.parameters.items():
        rng = pr.doprint(dom) if isinstance(dom, sp.Set) else pr.doprint(sp.sympify(dom))
        rel = r"\in" if isinstance(dom, sp.Set) else "="
        out.append(rf"\item ${pr.doprint(sym)} {rel} {rng}$")
    out.append(r"\end{itemize}")
    if scope.roots:
        out.append(r"\subsection*{Defined quantities}")
        for root in scope.roots:
            s = pr.doprint(root.symbol)
            lo, hi = (pr.doprint(sp.sympify(b)) for b in root.bracket)
            out.append(rf"${s}$ is the unique root in $({lo}, {hi})$ of")
            out.append(fit(rf"{pr.doprint(root.equation)} = 0."))
            if root.closed_form is not None:
                out.append(r"Closed form (checked against bracketed root finding at every numeric point):")
                out.append(fit(rf"{s} = {pr.doprint(root.closed_form)}."))
            if root.inverse is not None:
                param, h = root.inverse
                img = pr.doprint(root.image) if root.image is not None else ""
                out.append(rf"Exact proofs eliminate ${pr.doprint(param)}$ through "
                           rf"${pr.doprint(param)} = {pr.doprint(h)}$"
                           + (rf", with ${s} \in {img}$." if img else "."))
    if abbreviations:
        out.append(r"\subsection*{Notation}")
        for sym, d in abbreviations:
            out.append(fit(rf"{pr.doprint(sym)} := {pr.doprint(sp.sympify(d))}"))
    return "\n".join(out) + "\n"


_OBJECT_TITLES = {"mechanism": "Mechanism", "price_law": "Posted-price law",
                  "worst_case": "Nature's worst-case distribution", "ambiguity": "Ambiguity set",
                  "guarantee": "Guaranteed revenue"}


def _objects_tex(deriv, pr: Printer) -> str:
    out = []
    for key, obj in (getattr(deriv, "figures", None) or {}).items():
        if key in ("notation", "point"):
            continue
        title = escape(_OBJECT_TITLES.get(key, key.replace("_", " ").capitalize()), breakable=False)
        if isinstance(obj, Mechanism):
            v = pr.doprint(obj.var)
            out.append(rf"\textbf{{{title}}}")
            out.append(fit(rf"q({v}) = {pr.doprint(obj.allocation)}"))
            out.append(fit(rf"t({v}) = {pr.doprint(obj.payment)}"))
        elif isinstance(obj, (Distribution, AmbiguitySet, PostedPrice)):
            out.append(rf"\textbf{{{title}}}")
            out.append(fit(pr.doprint(obj)))
        elif isinstance(obj, sp.Basic):
            out.append(rf"\textbf{{{title}}}: ${pr.doprint(obj)}$\par")
    if not out:
        return ""
    return r"\subsection*{Objects}" + "\n" + "\n".join(out) + "\n"


def _figures_tex(figures: Mapping[str, str | os.PathLike] | None) -> str:
    if not figures:
        return ""
    out = [r"\section{Figures}"]
    for caption, path in figures.items():
        p = Path(path).as_posix()
        out.append(r"\begin{figure}[htbp]\centering")
        out.append(rf"\includegraphics[width=0.8\linewidth]{{{p}}}")
        out.append(rf"\caption{{{escape(caption, breakable=False)}}}")
        out.append(r"\end{figure}")
    return "\n".join(out) + "\n"


def _summary_tex(report: Report, names: Names) -> str:
    out = [r"\begin{longtable}{@{}r>{\raggedright\arraybackslash}p{0.36\linewidth}"
           r">{\raggedright\arraybackslash}p{0.27\linewidth}ll@{}}",
           r"\toprule \# & claim & source & verdict & agrees \\ \midrule \endhead"]
    for i, r in enumerate(report.results, 1):
        exp = "" if r.claim.expect == "holds" else " (expected to fail)"
        agrees = "yes" if r.agrees else r"\textcolor{Red}{NO}"
        out.append(rf"\hyperref[claim:{i}]{{{i}}} & {_code(r.claim.id)}{exp} & "
                   rf"{prose(r.claim.source, names)} & {_verdict_tag(r.verdict.status)} & {agrees} \\")
    out.append(r"\bottomrule\end{longtable}")
    return "\n".join(out) + "\n"


_PREAMBLE = r"""\documentclass[11pt,a4paper]{article}
\usepackage[utf8]{inputenc}
\usepackage[margin=2.3cm]{geometry}
\usepackage{amsmath,amssymb}
\usepackage{graphicx}
\usepackage{adjustbox}
\usepackage{longtable,booktabs,array}
\usepackage{enumitem}
\usepackage[dvipsnames]{xcolor}
\usepackage[hidelinks]{hyperref}
\setlength{\emergencystretch}{3em}
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.4em}
\setlist{nosep,leftmargin=1.5em}
\setlist[enumerate]{leftmargin=2.6em}
\allowdisplaybreaks
\newcommand{\fitmath}[1]{\par\smallskip\noindent\makebox[\linewidth]{\adjustbox{max width=\linewidth}{$\displaystyle #1$}}\par\smallskip}
\newcommand{\verdict}[2]{\textcolor{#1}{\textbf{#2}}}
\newcommand{\claimid}[1]{\texttt{#1}}
"""


def document(report: Report, figures: Mapping[str, str | os.PathLike] | None = None) -> str:
    """A standalone LaTeX document of a verified derivation.

    ``figures`` maps captions to image paths (relative to the .tex file) to include.
    """
    deriv = report.derivation
    pr = printer_for(deriv) if getattr(deriv, "scope", None) is not None else Printer()
    names = names_for(deriv, pr)
    scope = getattr(deriv, "scope", None)
    counts: dict[str, int] = {}
    for r in report.results:
        counts[r.verdict.status.value] = counts.get(r.verdict.status.value, 0) + 1
    summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
    ok = "every verdict agrees with its claim's expectation" if report.ok else \
        r"\textcolor{Red}{not every verdict agrees with its claim's expectation}"
    cached = sum(r.cached for r in report.results)
    when = (rf"in {report.seconds:.1f}\,s" if not cached else
            rf"({cached} verdict{'s' if cached != 1 else ''} from the verdict cache)")
    parts = [_PREAMBLE,
             rf"\title{{{prose(deriv.title, names)}}}",
             rf"\author{{symmech derivation \texttt{{{escape(deriv.name)}}}}}",
             r"\date{}",
             r"\begin{document}", r"\maketitle",
             rf"{len(report.results)} claims checked at {report.digits} significant digits "
             rf"{when}: {summary}; {ok}. "
             r"\emph{Proved} and \emph{certified} are proofs for every parameter value in the stated range; "
             r"\emph{confirmed} is high-precision numerical evidence at the stated points; "
             r"\emph{refuted} comes with a counterexample; \emph{undecided} gives the reason.",
             r"\section{Model}"]
    model = getattr(deriv, "model", "")
    if model:
        parts.append(display(model, width=70))
    refs = getattr(deriv, "references", ())
    if refs:
        parts.append(r"\par\textit{References:} " + "; ".join(prose(r, names) for r in refs))
    parts.append(_scope_tex(deriv, pr))
    parts.append(_objects_tex(deriv, pr))
    parts.append(r"\section{Summary}")
    parts.append(_summary_tex(report, names))
    parts.append(_figures_tex(figures))
    parts.append(r"\section{Claims}")
    for i, r in enumerate(report.results, 1):
        parts.append(_claim_section(i, r, scope, pr, names))
    parts.append(r"\end{document}")
    return "\n".join(p for p in parts if p) + "\n"


# --------------------------------------------------------------------------- checking the text
#: what a reader must never see in text mode: Python and SymPy reprs, ASCII mathematics
_REPRS = (r"Interval\.", r"Interval\(", r"\[\('", r"\('[^' ]*',", r"\{'\w+':", r"': '", r"\*\*", r"Dummy", r"\blog\(",
          r"\bexp\(", r"\bsqrt\(", r"Fraction\(", r"Rational\(", r"LambertW", r"\\_\\\{", r"object at 0x",
          r"<function", r"\bW \{")
_SKIP_ARG = re.compile(r"\\(fitmath|claimid|texttt|label|hyperref\[[^\]]*\]|includegraphics(\[[^\]]*\])?|ref)\{")


def _strip_math(tex: str) -> tuple[str, str]:
    """``(text, math)``: the document body's text-mode content and its math, separated (roughly)."""
    body = tex.split(r"\begin{document}", 1)[-1]
    math: list[str] = []
    out, i = [], 0
    while i < len(body):
        m = _SKIP_ARG.match(body, i) if body[i] == "\\" else None
        if m:
            depth, j = 1, m.end()
            while j < len(body) and depth:
                if body[j] == "\\":
                    j += 2
                    continue
                depth += {"{": 1, "}": -1}.get(body[j], 0)
                j += 1
            (math if m.group(1) == "fitmath" else []).append(body[m.end():j - 1])
            i = j
            continue
        if body[i] == "\\" and i + 1 < len(body):
            out.append(body[i:i + 2])
            i += 2
            continue
        if body[i] == "$":
            j = i + 1
            while j < len(body) and body[j] != "$":
                j += 2 if body[j] == "\\" else 1
            math.append(body[i + 1:j])
            i = j + 1
            continue
        out.append(body[i])
        i += 1
    return "".join(out), "\n".join(math)


def text_problems(tex: str) -> list[str]:
    """Python reprs and ASCII mathematics in a document's text (and reprs that reached its math)."""
    text, math = _strip_math(tex)
    plain = text.replace(r"\allowbreak{}", "")
    found = []
    for pat in _REPRS:
        for m in re.finditer(pat, plain):
            found.append(f"text: {plain[max(0, m.start() - 40):m.end() + 40]!r}")
    for pat in (r"Dummy", r"\\operatorname\{Interval\}", r"\*\*", r"object at 0x"):
        for m in re.finditer(pat, math):
            found.append(f"math: {math[max(0, m.start() - 40):m.end() + 40]!r}")
    return found


# --------------------------------------------------------------------------- compiling
_ERROR_RE = re.compile(r"^(?:! |[^\s:]+\.tex:\d+: ).*$", re.M)
_OVERFULL_RE = re.compile(r"^Overfull \\hbox \((\d+(?:\.\d+)?)pt too wide\).*$", re.M)


def log_problems(log: str, overfull_tolerance: float = 1.0) -> list[str]:
    """LaTeX errors and overfull lines wider than ``overfull_tolerance`` pt, from a log."""
    problems = [m.group(0) for m in _ERROR_RE.finditer(log)]
    problems += [m.group(0) for m in _OVERFULL_RE.finditer(log) if float(m.group(1)) > overfull_tolerance]
    return problems


def compile_pdf(tex_path: str | os.PathLike, *, runs: int = 2, timeout: float = 120) -> Path:
    """Compile ``tex_path`` with pdflatex into ``<same name>.pdf`` (and its ``.log``) next to it.

    Runs in the file's directory (so relative figure paths work), with
    ``-halt-on-error``; raises :class:`LatexError` on any error.
    """
    exe = shutil.which("pdflatex")
    if exe is None:
        raise LatexError("pdflatex not found: install texlive-latex-base, texlive-latex-recommended "
                         "and texlive-latex-extra")
    tex_path = Path(tex_path).resolve()
    with tempfile.TemporaryDirectory(prefix="symmech-tex-") as tmp:
        for _ in range(runs):
            proc = subprocess.run([exe, "-interaction=nonstopmode", "-halt-on-error", "-file-line-error",
                                   f"-output-directory={tmp}", tex_path.name],
                                  check=False, cwd=tex_path.parent, capture_output=True, text=True, timeout=timeout,
                                  stdin=subprocess.DEVNULL, errors="replace")
            log_file = Path(tmp) / (tex_path.stem + ".log")
            log = log_file.read_text(errors="replace") if log_file.exists() else proc.stdout
            errors = [m.group(0) for m in _ERROR_RE.finditer(log)]
            if proc.returncode != 0 or errors:
                raise LatexError(f"pdflatex failed on {tex_path}: {'; '.join(errors) or proc.returncode}",
                                 _log_excerpt(log))
        pdf = tex_path.with_suffix(".pdf")
        shutil.copyfile(Path(tmp) / (tex_path.stem + ".pdf"), pdf)
        tex_path.with_suffix(".log").write_text(log)
    return pdf


def _log_excerpt(log: str, context: int = 6) -> str:
    lines = log.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("!") or re.match(r"^[^:\s]+\.tex:\d+: ", line):
            return "\n".join(lines[max(0, i - 2): i + context])
    return "\n".join(lines[-20:])


def write_document(report: Report, path: str | os.PathLike, *, pdf: bool = False,
                   figures: Mapping[str, str | os.PathLike] | None = None) -> tuple[Path, Path | None]:
    """Write the .tex (and optionally compile the .pdf); returns both paths."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(document(report, figures=figures), encoding="utf-8")
    return path, compile_pdf(path) if pdf else None
