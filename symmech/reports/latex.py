"""LaTeX output: a printer that knows a model's notation, and standalone documents.

* :class:`Printer` (:mod:`symmech.reports.latex_printer`) is SymPy's LaTeX printer plus the notation of a
  derivation: defined roots print with their paper names (``kt`` as :math:`\\tilde k`) and declared
  abbreviations are substituted before printing.  Every symmech object prints itself through it, so
  ``latex(M_STAR, derivation=D)`` works.
* :func:`document` (:mod:`symmech.reports.latex_document`) turns a
  :class:`~symmech.engine.derivation.Report` into a standalone LaTeX document: the model, the scope, then
  each claim as a numbered step with its source, statement, working, verdict and how it was reached; text
  goes through :mod:`~symmech.reports.latex_prose`, hand-written formulas through
  :mod:`~symmech.reports.latex_math`, the proof sentence comes from :mod:`~symmech.reports.latex_proof`.
* :func:`compile_pdf` runs ``pdflatex`` and raises :class:`LatexError` on any LaTeX error.

Only packages from Debian's texlive-latex-recommended/extra are used.
"""
from __future__ import annotations

from symmech.reports.latex_document import (  # noqa: F401 - the document writer, public here
    LatexError,
    _expr_lines,
    compile_pdf,
    document,
    log_problems,
    part_statuses,
    text_problems,
    write_document,
)
from symmech.reports.latex_printer import (  # noqa: F401 - the printer, public here
    _REL_TEX,
    Printer,
    latex,
    printer_for,
    restyle,
    symbol_names,
    tex_escape,
)

__all__ = ["Printer", "LatexError", "latex", "printer_for", "document", "compile_pdf", "tex_escape",
           "symbol_names", "log_problems", "restyle", "write_document", "text_problems", "part_statuses"]
