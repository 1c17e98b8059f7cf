"""Author LaTeX mathematics made safe to typeset, and displayed so that long formulas break.

Statements and model descriptions are LaTeX written by hand.  :func:`sanitize` repairs what would stop
pdflatex without changing what is meant: characters that are special in text inside ``\\text{...}``
(``\\text{(p1510_gap_below)}``), unicode that pdflatex cannot set, stray ``%`` and ``#``, runs of English
words typed into math mode (set as ``\\text``).  :func:`display` typesets a formula: a short one as a
centred display (shrunk if wider than the line), a long one split at its top-level separators
(``,\\ ``, ``;``, ``\\quad``) into inline pieces that break like text.
"""
from __future__ import annotations

import re

from symmech.reports.latex_prose import escape, math_unicode

__all__ = ["sanitize", "display", "balanced", "plain_len", "fit"]

_TEXT_CMDS = ("text", "textrm", "textit", "textbf", "mbox", "textsf", "texttt", "emph")
_ARG_CMDS = _TEXT_CMDS + ("mathrm", "operatorname", "mathcal", "mathbb", "mathbf", "mathsf", "mathit",
                          "label", "begin", "end")


def balanced(tex: str) -> bool:
    """Braces balance (escaped ``\\{`` ``\\}`` aside)."""
    depth = 0
    for m in re.finditer(r"\\.|[{}]", tex, re.S):
        g = m.group()
        if g == "{":
            depth += 1
        elif g == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _group_end(tex: str, i: int) -> int:
    """Index just after the brace group opening at ``tex[i] == '{'`` (len(tex) if unclosed)."""
    depth = 0
    j = i
    while j < len(tex):
        c = tex[j]
        if c == "\\":
            j += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return len(tex)


def _text_arg(arg: str) -> str:
    """The argument of ``\\text``: specials that only math allows escaped (``$...$`` inside kept)."""
    out, in_math, i = [], False, 0
    while i < len(arg):
        c = arg[i]
        if c == "\\" and i + 1 < len(arg):
            out.append(arg[i:i + 2])
            i += 2
            continue
        if c == "$":
            in_math = not in_math
        elif not in_math and c in "_^&#%~":
            out.append({"_": r"\_", "^": r"\^{}", "&": r"\&", "#": r"\#", "%": r"\%", "~": r"\~{}"}[c])
            i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


_WORD_RUN = re.compile(r"(?<![\\A-Za-z])([A-Za-z]{2,}(?:[ ]+[A-Za-z]{2,})+)(?![A-Za-z{])")


def _words_as_text(math: str) -> str:
    """Runs of two or more English words in math mode (``exactly one root of``) set as ``\\text``."""
    def repl(m: re.Match) -> str:
        words = m.group(1).split()
        if not any(len(w) >= 3 and w.islower() for w in words):
            return m.group(0)
        return r"\text{" + m.group(1) + "}"
    return _WORD_RUN.sub(repl, math)


def sanitize(tex: str) -> str:
    """Author mathematics with what would stop pdflatex repaired (see the module doc)."""
    tex = math_unicode(str(tex))
    out, i, plain = [], 0, []

    def flush() -> None:
        if plain:
            s = "".join(plain)
            s = re.sub(r"(?<!\\)([%#])", r"\\\1", s)
            out.append(_words_as_text(s))
            plain.clear()

    while i < len(tex):
        m = re.compile(r"\\([A-Za-z]+)\s*").match(tex, i)
        if m and m.group(1) in _ARG_CMDS and m.end() < len(tex) and tex[m.end()] == "{":
            end = _group_end(tex, m.end())
            arg = tex[m.end() + 1:end - 1]
            flush()
            if m.group(1) in _TEXT_CMDS:
                arg = _text_arg(arg)
            out.append(tex[i:m.end()] + "{" + arg + "}")
            i = end
            continue
        if m:
            flush()
            out.append(m.group(0))
            i = m.end()
            continue
        if tex[i] == "\\" and i + 1 < len(tex):
            flush()
            out.append(tex[i:i + 2])
            i += 2
            continue
        plain.append(tex[i])
        i += 1
    flush()
    return "".join(out)


def plain_len(tex: str) -> int:
    """Rough printed width of a LaTeX math string (commands and braces discounted)."""
    s = re.sub(r"\\(left|right|displaystyle|,|;|:|!|quad|qquad|allowbreak|tfrac|frac|text)", "", tex)
    s = re.sub(r"\\[a-zA-Z]+", "x", s)
    s = re.sub(r"[{}\s]", "", s)
    return len(s)


def fit(body: str) -> str:
    """A display that is shrunk to the line width only if it is wider."""
    return "\\fitmath{" + body + "}\n"


_SEPARATOR = re.compile(r"(?:[,;:]\s*(?:\\[ ;:,]|\\quad|\\qquad)|;|\\qquad|\\quad)\s*")


def _pieces(tex: str) -> list[tuple[str, str]] | None:
    """``tex`` split at its top-level separators: ``[(piece, separator), ...]``; None when unbalanced."""
    out, depth, start, i = [], 0, 0, 0
    while i < len(tex):
        c = tex[i]
        if c == "\\":
            m = re.compile(r"\\(begin|end)\b|\\[{}]|\\[A-Za-z]+|\\.").match(tex, i)
            g = m.group()
            if g in (r"\{",) or g == r"\begin":
                depth += 1
            elif g in (r"\}",) or g == r"\end":
                depth -= 1
            if depth == 0 and g in (r"\quad", r"\qquad"):
                s = _SEPARATOR.match(tex, i)
                out.append((tex[start:i], s.group()))
                start = i = s.end()
                continue
            i = m.end()
            continue
        if c in "{([":
            depth += 1
        elif c in "})]":
            depth -= 1
        elif depth == 0 and c in ",;:":
            s = _SEPARATOR.match(tex, i)
            if s:
                out.append((tex[start:i], s.group()))
                start = i = s.end()
                continue
        if depth < 0:
            return None
        i += 1
    if depth != 0:
        return None
    out.append((tex[start:], ""))
    return [(p, s) for p, s in out if p.strip() or s.strip()]


def display(tex: str, width: int = 80) -> str:
    """A formula as a display: centred (and shrunk if wider than the line) when short; split into
    inline pieces at its top-level separators when long (each piece shrunk only if itself too wide)."""
    tex = sanitize(tex).strip()
    if not tex:
        return ""
    if not balanced(tex):
        return r"\par{\small\texttt{" + escape(tex) + r"}}\par" + "\n"
    pieces = _pieces(tex) if plain_len(tex) > width else None
    if not pieces or len(pieces) < 2:
        return fit(tex)
    out = []
    for piece, sep in pieces:
        body = piece.strip()
        box = (r"\adjustbox{max width=\dimexpr\linewidth-2em\relax}{$\displaystyle " + body + "$}"
               if plain_len(body) > width else r"$\displaystyle " + body + "$") if body else ""
        punct = sep.strip()[:1] if sep.strip()[:1] in ",;:" else ""
        out.append(box + punct)
    return (r"\par\smallskip{\raggedright\leftskip=1.5em\relax\noindent " + " \\ ".join(o for o in out if o)
            + r"\par}\smallskip" + "\n")
