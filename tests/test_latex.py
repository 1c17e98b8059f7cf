"""LaTeX: printing of symmech objects, parse-back of printed math, and the derivation document
compiled by a real TeX engine."""
from __future__ import annotations

import shutil

import pytest
import sympy as sp
from typer.testing import CliRunner

import derivations.one_moment as om
from symmech.kernel import rules
from symmech import AllOf, Identity, Verdict, Status
from symmech.reports import latex as L
from symmech.reports.latex_prose import escape
from symmech.commands.cli import app

FAST = ["ktilde_in_bracket", "foc_as_printed", "allocation_log_form", "mechanism_IC", "guarantee",
        "nature_in_ambiguity_set", "eq10_as_printed_price0"]

needs_pdflatex = pytest.mark.skipif(shutil.which("pdflatex") is None,
                                    reason="pdflatex not installed (apt-get install texlive-latex-base "
                                           "texlive-latex-recommended texlive-latex-extra)")


@pytest.fixture(scope="module")
def report():
    return om.DERIVATION.verify(digits=20, samples=3, only=FAST)


# ------------------------------------------------------------------ printing objects
@pytest.mark.parametrize("obj", [om.M_STAR, om.F_STAR, om.PRICE_LAW, om.AMBIGUITY, om.Q_STAR,
                                 om.AMBIGUITY.conditions[0]], ids=lambda o: type(o).__name__)
def test_sympy_latex_prints_model_objects(obj):
    tex = sp.latex(obj)
    assert tex and "object at 0x" not in tex
    html = obj._repr_latex_()
    assert html.startswith("$") and html.endswith("$")


def test_claims_and_verdicts_print():
    for c in om.DERIVATION.claims:
        assert sp.latex(c) == c.statement
        assert c._repr_latex_() == f"$\\displaystyle {c.statement}$"
    v = rules.weaken(rules.exact_sign("shown", evaluated=1), Status.PROVED)
    assert sp.latex(v) == r"\text{proved (symbolic)}"
    assert v._repr_latex_() == "$" + sp.latex(v) + "$"


def test_piecewise_prints_its_intervals():
    tex = L.latex(om.Q_STAR, om.DERIVATION)
    assert r"\text{if } 0 \le \theta < \tilde{k}" in tex
    assert r"\tilde{k} \le \theta \le 1" in tex


def test_notation_abbreviates_exactly():
    pr = L.printer_for(om.DERIVATION)
    xi = sp.Symbol("xi^*", positive=True)
    for expr in (om.XI, om.Q_STAR.pieces[1], om.M_STAR.payment.pieces[1], om.LAM + om.XI * om.theta):
        short = pr.abbreviate(expr)
        assert not short.has(sp.log(om.kt)) and not short.has(sp.log(1 / om.kt))
        assert sp.simplify(short.subs(xi, om.XI) - expr) == 0
    assert pr.doprint(om.M_STAR.payment.pieces[1]) == r"\xi^{*} \left(\theta - \tilde{k}\right)"
    assert L.symbol_names(om.SCOPE) == {om.kt: r"\tilde{k}"}


def _parse(tex):
    pytest.importorskip("antlr4", reason="parse_latex needs antlr4-python3-runtime==4.11")
    from sympy.parsing.latex import parse_latex

    return parse_latex(tex)


@pytest.mark.parametrize("expr", [
    om.Q_STAR.pieces[1],
    om.F_STAR.density.pieces[1],
    om.PHI,
    sp.diff(om.PHI, om.theta),
    om.M_STAR.payment.pieces[1],
    om.LAM + om.XI * om.theta,
    om.kt * (1 - sp.log(om.kt)) - om.k,
    sp.sqrt(om.theta) * om.k ** 3 - sp.Rational(3, 7) * om.theta / (1 + om.k),
    sp.exp(-om.theta) * (om.theta - om.kt),
], ids=str)
def test_printed_math_parses_back(expr):
    """What the printer writes is the same expression when read back (default symbol names)."""
    names = {om.kt: "u"}  # parse_latex reads a multi-letter name as a product
    tex = L.Printer(names).doprint(expr)
    parsed = _parse(tex)
    # parse_latex reads "x \left(a\right)" as a function call x(a); the printer never writes
    # undefined functions, so such a call is a product
    from sympy.core.function import AppliedUndef

    parsed = parsed.replace(lambda e: isinstance(e, AppliedUndef),
                            lambda e: sp.Symbol(e.func.__name__) * sp.Mul(*e.args))
    parsed = parsed.subs(sp.Symbol("e"), sp.E)  # Euler's number prints as e
    by_name = {names.get(s, str(s)): s for s in expr.free_symbols}
    parsed = parsed.subs({s: by_name[str(s)] for s in parsed.free_symbols if str(s) in by_name})
    parsed = parsed.replace(lambda e: isinstance(e, sp.log) and len(e.args) == 2,
                            lambda e: sp.log(e.args[0]) / sp.log(e.args[1]))
    assert sp.simplify(parsed - expr) == 0, (tex, parsed)


def test_tex_escape():
    assert L.tex_escape("a_b {x} 50% & $") == r"a\_b \{x\} 50\% \& \$"
    assert L.tex_escape("x<y>z") == r"x\textless{}y\textgreater{}z"


def test_log_problems():
    log = "ok\n! Undefined control sequence.\nOverfull \\hbox (0.5pt too wide) in paragraph\n" \
          "Overfull \\hbox (12.3pt too wide) in paragraph at lines 3--4\n"
    probs = L.log_problems(log)
    assert len(probs) == 2 and "Undefined" in probs[0] and "12.3pt" in probs[1]


# ------------------------------------------------------------------ the document
def test_document_contents(report):
    tex = L.document(report)
    assert tex.startswith(r"\documentclass") and tex.rstrip().endswith(r"\end{document}")
    assert om.DERIVATION.title in tex
    for r in report.results:
        assert r"\claimid{" + escape(r.claim.id) + "}" in tex
    assert "Carrasco et al., Prop. 3.4" in tex
    # scope: the defined root with its equation and LambertW closed form
    assert r"W_{-1}" in tex and r"\tilde{k}" in tex and r"\xi^{*} :=" in tex
    # refuted claim: a counterexample with the parameter and the root's value
    assert "Counterexample" in tex and r"k &= \tfrac{1}{2}" in tex
    assert r"\tilde{k} &\approx 0.18668" in tex
    # AllOf: parts listed with their verdicts
    assert "mechanism" in tex and "IC.monotone" in tex.replace(r"\allowbreak{}", "")
    # unevaluated integrals then their value
    assert r"\int" in tex
    assert "expected to fail" in tex.lower()


def test_part_statuses():
    v = Verdict(Status.CONFIRMED, "mpmath+symbolic",
                "all 2 parts hold [a.b[0]: proved, a.c: confirmed]")
    assert L.part_statuses(v) == {"a.b[0]": "proved", "a.c": "confirmed"}


def test_undecided_reason_is_shown(report):
    import dataclasses

    r0 = report.results[0]
    undecided = dataclasses.replace(r0, verdict=Verdict(Status.UNDECIDED, "error", "ZeroDivisionError: boom"))
    rep = dataclasses.replace(report, results=[undecided])
    tex = L.document(rep)
    assert "undecided" in tex and "reason: ZeroDivisionError" in tex


@needs_pdflatex
def test_document_compiles_without_errors_or_overfull_lines(report, tmp_path):
    figures = None
    try:
        from symmech.reports.plots import derivation_figures

        drawn = derivation_figures(om.DERIVATION, tmp_path / "figs", dpi=50)
        figures = {cap: p.relative_to(tmp_path) for cap, p in drawn.items()}
    except ImportError:  # pragma: no cover - matplotlib is optional
        pass
    tex, pdf = L.write_document(report, tmp_path / "one_moment.tex", pdf=True, figures=figures)
    assert pdf.exists() and pdf.stat().st_size > 10_000
    problems = L.log_problems((tmp_path / "one_moment.log").read_text())
    assert problems == []


@needs_pdflatex
def test_compile_reports_latex_errors(tmp_path):
    bad = tmp_path / "bad.tex"
    bad.write_text(r"\documentclass{article}\begin{document}$\frac{1}{$\end{document}")
    with pytest.raises(L.LatexError):
        L.compile_pdf(bad)


def test_long_sums_are_split():
    x = sp.Symbol("x")
    long = sum(sp.Integral(x ** i * sp.exp(-x) / (1 + x ** 2), (x, 0, i)) for i in range(1, 9))
    lines = L._expr_lines(long, L.Printer())
    assert len(lines) > 1


# ------------------------------------------------------------------ command line
def test_cli_latex(tmp_path):
    out = tmp_path / "doc" / "om.tex"
    res = CliRunner().invoke(app, ["latex", "one_moment", "-o", str(out), "--digits", "20", "--samples", "2",
                                   "--claim", "foc_as_printed", "--claim", "ktilde_in_bracket", "--no-figures"])
    assert res.exit_code == 0, res.output
    text = out.read_text()
    assert "foc\\_\\allowbreak{}as\\_\\allowbreak{}printed" in text and "Counterexample" in text


def test_cli_latex_unknown_name(tmp_path):
    res = CliRunner().invoke(app, ["latex", "no_such_thing", "-o", str(tmp_path / "x.tex")])
    assert res.exit_code == 2


def test_cli_latex_reuses_the_verdict_cache(tmp_path, monkeypatch):
    """A second `symmech latex` takes its verdicts from the cache `verify` uses, and still prints the working."""
    monkeypatch.setenv("SYMMECH_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "om.tex"
    args = ["latex", "one_moment", "-o", str(out), "--digits", "20", "--samples", "2", "--claim", "ktilde_in_bracket",
            "--claim", "allocation_log_form", "--no-figures", "--jobs", "1"]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    assert "from the verdict cache" not in out.read_text()
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    text = out.read_text()
    assert "time: from the verdict cache" in text and r"\textbf{Working.}" in text
    res = CliRunner().invoke(app, args + ["--no-cache"])
    assert res.exit_code == 0 and "from the verdict cache" not in out.read_text()


def test_proof_sentence_in_document(report):
    tex = L.document(report)
    assert "Proof (kernel rule" in tex and "Refutation:" in tex
    assert "shown by exact tactics" not in tex and "simplifies to 0;" not in tex
