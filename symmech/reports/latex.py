"""LaTeX output: a printer that knows a model's notation, and standalone documents.

* :class:`Printer` is SymPy's LaTeX printer plus the notation of a derivation:
  defined roots print with their paper names (``kt`` as :math:`\\tilde k`) and
  declared abbreviations are substituted before printing (``1/ln(1/kt)`` as
  :math:`\\xi^*`).  Every symmech object prints itself through it
  (``_latex(printer)``), so ``latex(M_STAR, derivation=D)`` works.
* :func:`document` turns a :class:`~symmech.engine.derivation.Report` into a
  standalone LaTeX document: the model, the scope (parameters, defined roots
  with their equations and closed forms), then each claim as a numbered step
  with its source, statement, working and verdict.
* :func:`compile_pdf` runs ``pdflatex`` and raises :class:`LatexError` on any
  LaTeX error.

Only packages from Debian's texlive-latex-recommended/extra are used.

Length: about 670 lines, the printer and the document writer together; the document half is rewritten by the
reports issue (29), which moves it to its own module.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Mapping, Sequence

import sympy as sp
from sympy.printing.latex import LatexPrinter

from symmech.models.ambiguity import AmbiguitySet
from symmech.claims import AllOf, Claim, Identity, Inequality, _forall_tex
from symmech.engine.derivation import ClaimResult, Derivation, Report, readable
from symmech.models.distributions import Distribution
from symmech.kernel.verdict import Status, Verdict
from symmech.models.mechanisms import Mechanism, PostedPrice
from symmech.tactics.scope import Scope

__all__ = ["Printer", "LatexError", "latex", "printer_for", "document", "compile_pdf", "tex_escape",
           "symbol_names", "log_problems"]

_REL_TEX = {">=": r"\ge", ">": ">", "<=": r"\le", "<": "<"}
_STATUSES = "|".join(s.value for s in Status)


class LatexError(RuntimeError):
    """pdflatex failed (or is missing); ``log`` holds the relevant part of its log."""

    def __init__(self, message: str, log: str = "") -> None:
        super().__init__(message)
        self.log = log


# --------------------------------------------------------------------------- printing
def symbol_names(scope: Scope | None) -> dict[sp.Symbol, str]:
    """Paper names of defined roots: a root named ``<p>t`` / ``<p>tilde`` of parameter ``p`` is :math:`\\tilde p`.

    >>> import sympy as sp
    >>> from symmech import Scope, DefinedRoot
    >>> k, kt = sp.symbols('k kt', positive=True)
    >>> s = Scope({k: sp.Interval.open(0, 1)}, roots=(DefinedRoot(kt, kt - k / 2, bracket=(0, k)),))
    >>> symbol_names(s)
    {kt: '\\\\tilde{k}'}
    """
    names: dict[sp.Symbol, str] = {}
    if scope is None:
        return names
    params = {str(p): p for p in scope.parameters}
    for root in scope.roots:
        name = str(root.symbol)
        for suffix in ("tilde", "t"):
            base = name[: -len(suffix)]
            if name.endswith(suffix) and base in params:
                names[root.symbol] = r"\tilde{%s}" % sp.latex(params[base])
                break
    return names


def _abbreviation_rules(sym: sp.Symbol, definition: sp.Expr) -> list[tuple[sp.Expr, sp.Expr]]:
    """Substitutions that write ``definition`` as ``sym``: the expression itself, and
    the one function atom it contains solved for (``log(1/kt) -> 1/xi``, ``log(kt) -> -1/xi``)."""
    definition = sp.sympify(definition)
    rules = [(definition, sym)]
    atoms = [a for a in definition.atoms(sp.Function)]
    if len(atoms) == 1:
        a = atoms[0]
        u = sp.Dummy("u")
        try:
            sols = sp.solve(sp.Eq(definition.subs(a, u), sym), u)
        except NotImplementedError:  # pragma: no cover - defensive
            sols = []
        if len(sols) == 1:
            rules.append((a, sols[0]))
            if isinstance(a, sp.log):
                arg = a.args[0]
                rules.append((sp.log(1 / arg), -sols[0]))
    return rules


class Printer(LatexPrinter):
    """SymPy's LaTeX printer with a model's symbol names and abbreviations.

    ``abbreviations`` is a list of ``(Symbol, definition)``; each definition is
    replaced by its symbol before printing (an exact rewrite: the document states
    the definitions).  Natural logarithms print as ``\\ln``.
    """

    def __init__(self, names: Mapping[sp.Symbol, str] | None = None,
                 abbreviations: Sequence[tuple[sp.Symbol, sp.Expr]] = (), **settings) -> None:
        settings.setdefault("ln_notation", True)
        settings["symbol_names"] = dict(names or {})
        super().__init__(settings)
        self.abbreviations = list(abbreviations)
        self._rules = [r for sym, d in self.abbreviations for r in _abbreviation_rules(sym, d)]
        self._inside = False

    def abbreviate(self, expr: sp.Basic) -> sp.Basic:
        """``expr`` with every declared abbreviation substituted."""
        if not self._rules or not isinstance(expr, sp.Basic):
            return expr
        out = expr
        for old, new in self._rules:
            out = out.subs(old, new)
        return out

    def _print_log(self, expr, exp=None) -> str:
        # ln^2(x), not ln(x)^2 (which reads as ln(x^2))
        arg = self._print(expr.args[0])
        name = r"\ln" if self._settings.get("ln_notation") else r"\log"
        if exp is not None:
            name += f"^{{{exp}}}"
        return rf"{name}{{\left({arg} \right)}}"

    def _print_Add(self, expr, order=None) -> str:
        # positive terms first: "theta - kt" rather than "- kt + theta"
        terms = self._as_ordered_terms(expr, order=order)
        terms = [t for t in terms if not t.could_extract_minus_sign()] + \
                [t for t in terms if t.could_extract_minus_sign()]
        return super()._print_Add(sp.Add(*terms, evaluate=False), order="none")

    def _print_Mul(self, expr) -> str:
        # -c x (a - b) prints as c x (b - a)
        coeff, rest = expr.as_coeff_Mul()
        adds = [f for f in sp.Mul.make_args(rest) if f.is_Add]
        if coeff.is_negative and len(adds) == 1:
            others = [f for f in sp.Mul.make_args(rest) if f is not adds[0]]
            flipped = sp.Mul(*([-coeff] if coeff != -1 else []), *others, -adds[0], evaluate=False)
            return super()._print_Mul(flipped)
        return super()._print_Mul(expr)

    def _print(self, expr, **kwargs) -> str:
        if isinstance(expr, sp.Basic) and not self._inside and self._rules:
            self._inside = True
            try:
                return super()._print(self.abbreviate(expr), **kwargs)
            finally:
                self._inside = False
        return super()._print(expr, **kwargs)


def printer_for(derivation: Derivation | None = None, **settings) -> Printer:
    """The printer with ``derivation``'s notation (root names, ``figures['notation']``)."""
    if derivation is None:
        return Printer(**settings)
    abbreviations = list((derivation.figures or {}).get("notation", ()))
    return Printer(symbol_names(derivation.scope), abbreviations, **settings)


def latex(obj, derivation: Derivation | None = None, **settings) -> str:
    """LaTeX of an expression or a symmech object, in ``derivation``'s notation."""
    return printer_for(derivation, **settings).doprint(obj)


# --------------------------------------------------------------------------- text helpers
_TEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
                "%": r"\%", "_": r"\_", "^": r"\^{}", "~": r"\~{}", "<": r"\textless{}", ">": r"\textgreater{}",
                "|": r"\textbar{}"}


def tex_escape(text: str, breakable: bool = False) -> str:
    """Escape plain text for LaTeX; ``breakable`` allows line breaks after ``_ . , : [ (``.

    >>> tex_escape("a_b {x} 50%")
    'a\\\\_b \\\\{x\\\\} 50\\\\%'
    """
    out = []
    for ch in str(text):
        out.append(_TEX_SPECIAL.get(ch, ch))
        if breakable and ch in "_.,:[(=/*+-":
            out.append(r"\allowbreak{}")
    s = "".join(out)
    # non-ASCII letters in sources ("Koçyiğit") are fine with inputenc utf8; keep them
    return s


def _tt(text: str) -> str:
    return r"\texttt{" + tex_escape(text, breakable=True) + "}"


def _fit(body: str) -> str:
    """A display that is shrunk to the line width only if it is wider."""
    return "\\fitmath{" + body + "}\n"


def _plain_len(tex: str) -> int:
    """Rough printed width of a LaTeX math string (commands and braces discounted)."""
    s = re.sub(r"\\(left|right|displaystyle|,|;|:|!|quad|qquad)", "", tex)
    s = re.sub(r"\\[a-zA-Z]+", "x", s)
    s = re.sub(r"[{}\s]", "", s)
    return len(s)


def _expr_lines(expr: sp.Expr, pr: Printer, width: int = 70) -> list[str]:
    """Print ``expr``; a long sum is split into several lines of terms."""
    expr = pr.abbreviate(expr)
    tex = pr.doprint(expr)
    if not isinstance(expr, sp.Add) or _plain_len(tex) <= width:
        return [tex]
    terms = list(expr.args)
    lines, current = [], ""
    for i, t in enumerate(terms):
        tt = pr.doprint(t)
        piece = tt if i == 0 else (("- " + pr.doprint(-t)) if _is_negative_term(t) else "+ " + tt)
        if current and _plain_len(current + piece) > width:
            lines.append(current)
            current = piece
        else:
            current = (current + " " + piece).strip()
    lines.append(current)
    return lines


def _is_negative_term(t: sp.Expr) -> bool:
    return t.could_extract_minus_sign()


def _aligned(rows: Sequence[tuple[str, str, Sequence[str]]]) -> str:
    """``aligned`` block of ``(label, relation, lines)`` rows; continuation lines are indented."""
    out = []
    for label, rel, lines in rows:
        first, *rest = lines
        out.append(f"{label} &{rel} {first}")
        for line in rest:
            out.append(r"&\qquad " + line)
    return r"\begin{aligned}" + r" \\ ".join(out) + r"\end{aligned}"


# --------------------------------------------------------------------------- document
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
\newcommand{\fitmath}[1]{\par\smallskip\noindent\makebox[\linewidth]{\adjustbox{max width=\linewidth}{$\displaystyle #1$}}\par\smallskip}
\newcommand{\verdict}[2]{\textcolor{#1}{\textbf{#2}}}
\newcommand{\claimid}[1]{\texttt{#1}}
"""

_COLOUR = {Status.PROVED: "ForestGreen", Status.CERTIFIED: "ForestGreen", Status.CONFIRMED: "Orange",
           Status.REFUTED: "Magenta", Status.UNDECIDED: "Red"}

_METHOD_WORDS = {
    Status.PROVED: "proved exactly (symbolic)",
    Status.CERTIFIED: "certified by rigorous interval arithmetic",
    Status.CONFIRMED: "confirmed numerically (evidence, not a proof)",
    Status.REFUTED: "refuted by a counterexample",
    Status.UNDECIDED: "undecided",
}


def _verdict_tag(v: Verdict) -> str:
    return rf"\verdict{{{_COLOUR[v.status]}}}{{{v.status.value}}}"


def part_statuses(verdict: Verdict) -> dict[str, str]:
    """Status of each direct part of an :class:`AllOf`, read from its verdict's summary."""
    return dict(re.findall(rf"([^\s\[,][^\s,]*): ({_STATUSES})\b", verdict.detail))


def _short_detail(claim: Claim, v: Verdict) -> str:
    detail = readable(v.detail)  # points as k = 1/2, not dict reprs
    if isinstance(claim, AllOf):
        detail = re.sub(r"\s*\[[^\[]*(\[[^\]]*\][^\[]*)*\]\s*$", "", detail)  # the parts are listed below
    return detail


def _is_auto_statement(c: Claim) -> bool:
    if isinstance(c, Identity):
        return c.statement == sp.latex(c.lhs) + " = " + sp.latex(c.rhs) + _forall_tex(c.over)
    if isinstance(c, Inequality):
        return c.statement == (f"{sp.latex(c.lhs)} {_REL_TEX[c.rel]} {sp.latex(c.rhs)}" + _forall_tex(c.over))
    if isinstance(c, AllOf):
        return c.statement == r" \;\wedge\; ".join(f"({p.statement})" for p in c.parts)
    return False


def _domain_tex(c, pr: Printer) -> str:
    if not getattr(c, "over", ()):
        return ""
    parts = [rf"{pr.doprint(v)} \in [{pr.doprint(lo)}, {pr.doprint(hi)}]" for v, lo, hi in c.over]
    return r"\quad\text{for all } " + r",\ ".join(parts)


def _relational_tex(c, pr: Printer) -> str:
    rel = "=" if isinstance(c, Identity) else _REL_TEX[c.rel]
    return f"{pr.doprint(c.lhs)} {rel} {pr.doprint(c.rhs)}" + _domain_tex(c, pr)


def _statement_tex(c: Claim, pr: Printer) -> str:
    if isinstance(c, (Identity, Inequality)) and (_is_auto_statement(c) or not c.statement):
        return _relational_tex(c, pr)
    if isinstance(c, AllOf) and _is_auto_statement(c):
        return r" \;\wedge\; ".join(rf"\text{{({i + 1})}}" for i in range(len(c.parts)))
    return restyle(c.statement, pr)


def restyle(statement: str, pr: Printer) -> str:
    """A statement written with ``sympy.latex`` in the printer's notation: symbol names
    (``kt`` as :math:`\\tilde k`) replaced as whole tokens, ``\\log`` as ``\\ln``."""
    names = pr._settings.get("symbol_names") or {}
    for sym, tex in names.items():
        plain = sp.latex(sym)
        statement = re.sub(r"(?<![\\A-Za-z])" + re.escape(plain) + r"(?![A-Za-z])",
                           lambda m: tex + " ", statement)
    statement = statement.replace(r"\Pr_", r"\Pr\nolimits_")  # subscript beside, not under, in displays
    return statement.replace(r"\log{", r"\ln{")


def _value(expr: sp.Expr) -> sp.Expr | None:
    """Evaluated and simplified form of an expression with unevaluated integrals."""
    if not expr.has(sp.Integral):
        return None
    try:
        return sp.simplify(expr.doit())
    except Exception:  # pragma: no cover - printing must not fail on a hard integral
        return None


def _working_tex(c: Claim, pr: Printer) -> str:
    """lhs and rhs (integrals first unevaluated, then their value) of a relational claim."""
    if not isinstance(c, (Identity, Inequality)):
        return ""
    rel = "=" if isinstance(c, Identity) else _REL_TEX[c.rel]
    rows = []
    lhs_lines = _expr_lines(c.lhs, pr)
    rows.append((r"\text{left}", "=", lhs_lines))
    lv = _value(c.lhs)
    if lv is not None:
        rows.append(("", "=", _expr_lines(lv, pr)))
    rows.append((r"\text{right}", "=", _expr_lines(c.rhs, pr)))
    rv = _value(c.rhs)
    if rv is not None:
        rows.append(("", "=", _expr_lines(rv, pr)))
    body = _aligned(rows)
    claim_rel = rf"\text{{claim: left}} {rel} \text{{right}}" + _domain_tex(c, pr)
    return _fit(body) + _fit(claim_rel)


def _points_tex(v: Verdict, scope: Scope) -> str:
    """Precision and the parameter values at which numerics ran."""
    bits = []
    if v.digits:
        bits.append(f"{v.digits} significant digits")
    params = [str(p) for p in scope.parameters]
    seen: dict[str, list[str]] = {}
    for pt in v.points:
        for name, val in pt.items():
            if name in params and val not in seen.setdefault(name, []):
                seen[name].append(val)
    if seen:
        names = {str(s): s for s in scope.parameters}
        vals = "; ".join(f"${sp.latex(names[n])} \\in \\{{{', '.join(_num_tex(x) for x in xs)}\\}}$"
                         for n, xs in seen.items())
        bits.append("parameter points " + vals)
    m = re.search(r"(\d+) points at (\d+) digits", v.detail)
    if m:
        bits.append(f"{m.group(1)} evaluation points in all")
    return ", ".join(bits)


def _num_tex(s: str) -> str:
    try:
        e = sp.sympify(s)
    except (sp.SympifyError, TypeError, SyntaxError):
        return tex_escape(s)
    if isinstance(e, sp.Float):
        return tex_escape(s)
    return sp.latex(e)


def _witness_tex(c: Claim, v: Verdict, scope: Scope, pr: Printer) -> str:
    if not v.witness:
        return ""
    names = {str(s): s for s in scope.symbols}
    for b in getattr(c, "over", ()):
        names[str(b[0])] = b[0]
    rows = []
    point = {}
    for name, val in v.witness.items():
        sym = names.get(name, sp.Symbol(name))
        rows.append(rf"{pr.doprint(sym)} &= {_num_tex(val)}")
        if sym in scope.parameters:
            try:
                point[sym] = sp.nsimplify(sp.sympify(val))
            except (sp.SympifyError, TypeError, SyntaxError):
                pass
    if point and len(point) == len(scope.parameters) and scope.roots:
        try:
            vals = scope.numeric_values(point, dps=min(v.digits or 20, 30))
            for root in scope.roots:
                val = sp.Float(vals[root.symbol], min(v.digits or 20, 20))
                rows.append(rf"{pr.doprint(root.symbol)} &\approx {tex_escape(str(val))}")
        except Exception:  # pragma: no cover - the witness table is informative only
            pass
    if v.witness_value:
        rows.append(rf"\text{{left}} - \text{{right}} &\approx {tex_escape(v.witness_value)}")
    return (r"\textbf{Counterexample:}" + "\n" + _fit(r"\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}"))


def _parts_tex(c: AllOf, v: Verdict | None, pr: Printer, depth: int = 0) -> str:
    statuses = part_statuses(v) if v is not None else {}
    label = (r"(\arabic*)", r"(\alph*)", r"(\roman*)")[min(depth, 2)]
    out = [rf"\begin{{enumerate}}[label={label}]"]
    for part in c.parts:
        st = statuses.get(part.id)
        tag = ""
        if st:
            tag = rf" --- \verdict{{{_COLOUR[Status(st)]}}}{{{st}}}"
        out.append(r"\item " + _tt(part.id) + tag)
        out.append(_fit(_statement_tex(part, pr)))
        if isinstance(part, AllOf):
            if depth < 2:
                out.append(_parts_tex(part, None, pr, depth + 1))
        elif _is_auto_statement(part) and isinstance(part, (Identity, Inequality)):
            lv = _value(part.lhs)
            if lv is not None:
                out.append(r"where the left side evaluates to" + "\n" + _fit(pr.doprint(lv)))
    out.append(r"\end{enumerate}")
    return "\n".join(out) + "\n"


def _claim_section(i: int, r: ClaimResult, scope: Scope, pr: Printer) -> str:
    c, v = r.claim, r.verdict
    out = [rf"\subsection{{Step {i}: \claimid{{{tex_escape(c.id, breakable=True)}}}}}\label{{claim:{i}}}"]
    if c.source:
        out.append(r"\textit{Source:} " + tex_escape(c.source) + r"\par")
    if c.expect == "fails":
        twin = (rf" The corrected statement is claim \texttt{{{tex_escape(c.corrected)}}}; the refutation counts"
                r" only if that claim holds." if c.corrected else "")
        out.append(r"\textit{Expected to fail:} this claim records a statement of the source that is "
                   r"believed false (a typo or a gap)." + twin + r"\par")
    out.append(r"\textbf{Statement.}")
    out.append(_fit(_statement_tex(c, pr)))
    if isinstance(c, (Identity, Inequality)):
        out.append(r"\textbf{Working.}")
        out.append(_working_tex(c, pr))
    elif isinstance(c, AllOf):
        out.append(rf"\textbf{{Parts}} (the claim holds iff all {len(c.parts)} hold; its verdict is the weakest):")
        out.append(_parts_tex(c, v, pr))
    if c.note:
        out.append(r"\textit{Note:} " + tex_escape(c.note) + r"\par")
    agree = r.agrees
    out.append(rf"\textbf{{Verdict:}} {_verdict_tag(v)} --- {_METHOD_WORDS[v.status]}"
               + (r"" if agree else r" \textcolor{Red}{\textbf{(does not agree with the expectation)}}")
               + r"\par")
    facts = [r"\item method: " + tex_escape(v.method)]
    prec = _points_tex(v, scope)
    if prec:
        facts.append(r"\item precision: " + prec)
    detail = _short_detail(c, v)
    if detail:
        label = "reason" if v.status is Status.UNDECIDED else "detail"
        facts.append(rf"\item {label}: " + tex_escape(detail, breakable=True))
    facts.append(rf"\item time: {r.seconds:.2f}\,s")
    if v.trust:
        facts.append(r"\item rests on: " + "; ".join(tex_escape(h.describe(), breakable=True) for h in v.trust))
    out.append(r"\begin{itemize}" + "\n" + "\n".join(facts) + "\n" + r"\end{itemize}")
    out.append(_witness_tex(c, v, scope, pr))
    return "\n".join(out) + "\n"


def _scope_tex(deriv: Derivation, pr: Printer) -> str:
    scope = deriv.scope
    abbreviations = pr.abbreviations
    pr = Printer(symbol_names(scope))  # definitions are printed without the abbreviations they introduce
    out = [r"\subsection*{Parameters}", r"\begin{itemize}"]
    if not scope.parameters:
        out.append(r"\item none")
    for sym, dom in scope.parameters.items():
        rng = pr.doprint(dom) if isinstance(dom, sp.Interval) else pr.doprint(sp.sympify(dom))
        rel = r"\in" if isinstance(dom, sp.Interval) else "="
        out.append(rf"\item ${pr.doprint(sym)} {rel} {rng}$")
    out.append(r"\end{itemize}")
    if scope.roots:
        out.append(r"\subsection*{Defined quantities}")
        for root in scope.roots:
            s = pr.doprint(root.symbol)
            lo, hi = (pr.doprint(sp.sympify(b)) for b in root.bracket)
            out.append(rf"${s}$ is the unique root in $({lo}, {hi})$ of")
            out.append(_fit(rf"{pr.doprint(root.equation)} = 0."))
            if root.closed_form is not None:
                out.append(r"Closed form (checked against bracketed root finding at every numeric point):")
                out.append(_fit(rf"{s} = {pr.doprint(root.closed_form)}."))
            if root.inverse is not None:
                param, h = root.inverse
                img = pr.doprint(root.image) if root.image is not None else ""
                out.append(rf"Exact proofs eliminate ${pr.doprint(param)}$ through "
                           rf"${pr.doprint(param)} = {pr.doprint(h)}$"
                           + (rf", with ${s} \in {img}$." if img else "."))
    if abbreviations:
        out.append(r"\subsection*{Notation}")
        for sym, d in abbreviations:
            out.append(_fit(rf"{pr.doprint(sym)} := {pr.doprint(sp.sympify(d))}"))
    return "\n".join(out) + "\n"


_OBJECT_TITLES = {"mechanism": "Mechanism", "price_law": "Posted-price law",
                  "worst_case": "Nature's worst-case distribution", "ambiguity": "Ambiguity set",
                  "guarantee": "Guaranteed revenue"}


def _objects_tex(deriv: Derivation, pr: Printer) -> str:
    out = []
    for key, obj in (deriv.figures or {}).items():
        if key in ("notation", "point"):
            continue
        title = _OBJECT_TITLES.get(key, key.replace("_", " ").capitalize())
        if isinstance(obj, Mechanism):
            v = pr.doprint(obj.var)
            out.append(rf"\textbf{{{tex_escape(title)}}}")
            out.append(_fit(rf"q({v}) = {pr.doprint(obj.allocation)}"))
            out.append(_fit(rf"t({v}) = {pr.doprint(obj.payment)}"))
        elif isinstance(obj, (Distribution, AmbiguitySet, PostedPrice)):
            out.append(rf"\textbf{{{tex_escape(title)}}}")
            out.append(_fit(pr.doprint(obj)))
        elif isinstance(obj, sp.Basic):
            out.append(rf"\textbf{{{tex_escape(title)}}}: ${pr.doprint(obj)}$\par")
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
        out.append(rf"\caption{{{tex_escape(caption)}}}")
        out.append(r"\end{figure}")
    return "\n".join(out) + "\n"


def _summary_tex(report: Report) -> str:
    out = [r"\begin{longtable}{@{}r>{\raggedright\arraybackslash}p{0.36\linewidth}"
           r">{\raggedright\arraybackslash}p{0.27\linewidth}ll@{}}",
           r"\toprule \# & claim & source & verdict & agrees \\ \midrule \endhead"]
    for i, r in enumerate(report.results, 1):
        exp = "" if r.claim.expect == "holds" else " (expected to fail)"
        agrees = "yes" if r.agrees else r"\textcolor{Red}{NO}"
        out.append(rf"\hyperref[claim:{i}]{{{i}}} & \claimid{{{tex_escape(r.claim.id, breakable=True)}}}{exp} & "
                   rf"{tex_escape(r.claim.source)} & {_verdict_tag(r.verdict)} & {agrees} \\")
    out.append(r"\bottomrule\end{longtable}")
    return "\n".join(out) + "\n"


def document(report: Report, figures: Mapping[str, str | os.PathLike] | None = None) -> str:
    """A standalone LaTeX document of a verified derivation.

    ``figures`` maps captions to image paths (relative to the .tex file) to include.
    """
    deriv = report.derivation
    pr = printer_for(deriv)
    counts: dict[str, int] = {}
    for r in report.results:
        counts[r.verdict.status.value] = counts.get(r.verdict.status.value, 0) + 1
    summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
    ok = "every verdict agrees with its claim's expectation" if report.ok else \
        r"\textcolor{Red}{not every verdict agrees with its claim's expectation}"
    parts = [_PREAMBLE,
             rf"\title{{{tex_escape(deriv.title)}}}",
             rf"\author{{symmech derivation \texttt{{{tex_escape(deriv.name)}}}}}",
             r"\date{}",
             r"\begin{document}", r"\maketitle",
             rf"{len(report.results)} claims checked at {report.digits} significant digits "
             rf"in {report.seconds:.1f}\,s: {summary}; {ok}. "
             r"\emph{Proved} and \emph{certified} are proofs for every parameter value in the stated range; "
             r"\emph{confirmed} is high-precision numerical evidence at the stated points; "
             r"\emph{refuted} comes with a counterexample; \emph{undecided} gives the reason.",
             r"\section{Model}"]
    if deriv.model:
        parts.append(rf"$\displaystyle {deriv.model}$")
    if deriv.references:
        parts.append(r"\par\textit{References:} " + "; ".join(tex_escape(r) for r in deriv.references))
    parts.append(_scope_tex(deriv, pr))
    parts.append(_objects_tex(deriv, pr))
    parts.append(r"\section{Summary}")
    parts.append(_summary_tex(report))
    parts.append(_figures_tex(figures))
    parts.append(r"\section{Claims}")
    for i, r in enumerate(report.results, 1):
        parts.append(_claim_section(i, r, deriv.scope, pr))
    parts.append(r"\end{document}")
    return "\n".join(p for p in parts if p) + "\n"


# --------------------------------------------------------------------------- compiling
_ERROR_RE = re.compile(r"^! .*$", re.M)
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
                                  cwd=tex_path.parent, capture_output=True, text=True, timeout=timeout,
                                  stdin=subprocess.DEVNULL)
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
        if line.startswith("!"):
            return "\n".join(lines[max(0, i - 2): i + context])
    return "\n".join(lines[-20:])


def write_document(report: Report, path: str | os.PathLike, *, pdf: bool = False,
                   figures: Mapping[str, str | os.PathLike] | None = None) -> tuple[Path, Path | None]:
    """Write the .tex (and optionally compile the .pdf); returns both paths."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(document(report, figures=figures), encoding="utf-8")
    return path, compile_pdf(path) if pdf else None
