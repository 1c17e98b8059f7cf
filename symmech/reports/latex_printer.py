"""The LaTeX printer that knows a model's notation (re-exported by :mod:`symmech.reports.latex`).

* :class:`Printer` is SymPy's LaTeX printer plus the notation of a derivation:
  defined roots print with their paper names (``kt`` as :math:`\\tilde k`, ``kt1`` as :math:`\\tilde k_1`) and
  declared abbreviations are substituted before printing (``1/ln(1/kt)`` as
  :math:`\\xi^*`).  Every symmech object prints itself through it
  (``_latex(printer)``), so ``latex(M_STAR, derivation=D)`` works.
* :func:`restyle` puts a hand-written statement into the printer's notation.
"""
from __future__ import annotations

import re
from typing import Mapping, Sequence

import sympy as sp
from sympy.printing.latex import LatexPrinter

from symmech.engine.derivation import Derivation
from symmech.tactics.scope import Scope

__all__ = ["Printer", "latex", "printer_for", "tex_escape", "symbol_names", "restyle"]

_REL_TEX = {">=": r"\ge", ">": ">", "<=": r"\le", "<": "<"}


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
            for cut in range(len(name) - len(suffix), 0, -1):
                base, rest = name[:cut], name[cut + len(suffix):]
                if name[cut:cut + len(suffix)] != suffix:
                    continue
                if not rest and base in params:
                    names[root.symbol] = r"\tilde{%s}" % sp.latex(params[base])
                elif rest and base + rest in params:   # kt1 of k1, kt_a of k_a: the parameter's subscript
                    head = sp.latex(sp.Symbol(base))
                    plain = sp.latex(params[base + rest])
                    names[root.symbol] = r"\tilde{%s}" % head + plain[len(head):] if plain.startswith(head) \
                        else r"\tilde{%s}" % plain
                elif rest in ("_bar", "bar") and base in params:
                    names[root.symbol] = r"\bar{\tilde{%s}}" % sp.latex(params[base])
                else:
                    continue
                break
            if root.symbol in names:
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
    from symmech.reports.latex_prose import _char_text   # what pdflatex cannot set, replaced

    out = []
    for ch in str(text):
        out.append(_TEX_SPECIAL.get(ch, ch) if ord(ch) < 0x80 else _char_text(ch))
        if breakable and ch in "_.,:[(=/*+-":
            out.append(r"\allowbreak{}")
    return "".join(out)   # non-ASCII letters ("Koçyiğit") are fine with inputenc utf8: kept


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
