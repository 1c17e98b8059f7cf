"""Plain text with ASCII mathematics in it, as LaTeX: prose in text mode, mathematics in math mode.

The strings a document prints besides the statements -- verdict details, counterexamples, notes,
titles, the trust record -- are written by programs for a terminal: ``lhs - rhs = -5/24 at (k = 1/2,
lam = 3/2)``, ``kt in Interval.open(0, 1)``, ``q('1', '1') = (1, 1)``, ``menu [((Fraction(3, 4), ...``.
:func:`prose` keeps their words as (escaped, breakable) text and typesets every number, point, tuple,
interval and expression as inline mathematics: Python reprs (``Fraction``, ``Interval``, quoted numbers,
dicts of points) are read as the values they stand for, identifiers get their paper names (``kt`` as
:math:`\\tilde k`, ``alpha_K`` as :math:`\\alpha_K`), ``log(x)`` prints as :math:`\\ln(x)`, ``x**2`` and
``x^2`` as :math:`x^2`.  :func:`value` reads a whole string as one mathematical value (a counterexample's
coordinate) or says it is prose.

Nothing here evaluates: a fraction stays the fraction the program wrote, the order of terms is kept.
A span that is not clearly mathematics (a word that is neither a symbol of the model nor a short
identifier) stays text, so the worst case is prose that looks like the terminal's, never a wrong formula.
``$...$`` in a string is taken as LaTeX mathematics the author wrote, as it is.
"""
from __future__ import annotations

import re
from typing import Mapping

import sympy as sp

__all__ = ["prose", "value", "escape", "math_unicode", "Names"]

# --------------------------------------------------------------------------- escaping
_TEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
                "%": r"\%", "_": r"\_", "^": r"\^{}", "~": r"\~{}", "<": r"\textless{}", ">": r"\textgreater{}",
                "|": r"\textbar{}", '"': "''"}

#: non-ASCII characters pdflatex (utf8 inputenc, OT1) cannot set, as text and as mathematics
_UNICODE = {
    "≤": (r"$\le$", r"\le "), "≥": (r"$\ge$", r"\ge "), "≠": (r"$\ne$", r"\ne "), "∈": (r"$\in$", r"\in "),
    "∉": (r"$\notin$", r"\notin "), "∞": (r"$\infty$", r"\infty "), "≈": (r"$\approx$", r"\approx "),
    "→": (r"$\to$", r"\to "), "⇒": (r"$\Rightarrow$", r"\Rightarrow "), "⇔": (r"$\Leftrightarrow$", r"\Leftrightarrow "),
    "±": (r"$\pm$", r"\pm "), "×": (r"$\times$", r"\times "), "·": (r"$\cdot$", r"\cdot "), "−": ("-", "-"),
    "∑": (r"$\sum$", r"\sum "), "∫": (r"$\int$", r"\int "), "√": (r"$\surd$", r"\surd "), "∂": (r"$\partial$", r"\partial "),
    "′": ("'", "'"), "–": ("--", "-"), "—": ("---", "-"), "…": (r"\dots{}", r"\dots "), "²": (r"$^2$", "^2"),
    "³": (r"$^3$", "^3"), "⊂": (r"$\subset$", r"\subset "), "⊆": (r"$\subseteq$", r"\subseteq "),
    "∀": (r"$\forall$", r"\forall "), "∃": (r"$\exists$", r"\exists "), "≥_w": (r"$\ge_w$", r"\ge_w "),
    "“": ("``", "``"), "”": ("''", "''"), "‘": ("`", "`"), "’": ("'", "'"), "\u00a0": ("~", "~"),
}
_GREEK = ("alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi rho "
          "sigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi "
          "Omega").split()
_GREEK_CHARS = dict(zip("αβγδεζηθικλμνξπρστυφχψωΓΔΘΛΞΠΣΥΦΨΩ",
                        [g for g in _GREEK if g not in ("varepsilon", "vartheta", "varphi")]))


def _char_text(ch: str) -> str:
    if ch in _UNICODE:
        return _UNICODE[ch][0]
    if ch in _GREEK_CHARS:
        return rf"$\{_GREEK_CHARS[ch]}$"
    if ord(ch) < 0x250 or ch.isspace():     # Latin-1 and Latin Extended: utf8 inputenc sets them
        return ch if ord(ch) < 0x80 or ch.isalpha() else "?"
    return "?"


def escape(text: str, breakable: bool = True) -> str:
    """Plain text for LaTeX text mode: specials escaped, characters pdflatex cannot set replaced;
    ``breakable`` allows a line break after ``_ / =`` (identifiers, paths)."""
    out = []
    for ch in str(text):
        if ch in _TEX_SPECIAL:
            out.append(_TEX_SPECIAL[ch])
        elif ord(ch) >= 0x80:
            out.append(_char_text(ch))
        else:
            out.append(ch)
        if breakable and ch in "_/=":
            out.append(r"\allowbreak{}")
    return "".join(out)


def math_unicode(tex: str) -> str:
    """Author LaTeX mathematics with the non-ASCII characters pdflatex cannot set in math replaced."""
    if all(ord(c) < 0x80 for c in tex):
        return tex
    out = []
    for ch in tex:
        if ord(ch) < 0x80:
            out.append(ch)
        elif ch in _UNICODE:
            out.append(_UNICODE[ch][1])
        elif ch in _GREEK_CHARS:
            out.append(rf"\{_GREEK_CHARS[ch]} ")
        else:
            out.append(r"\text{" + _char_text(ch) + "}")
    return "".join(out)


# --------------------------------------------------------------------------- names
_FUNCS = {"log": r"\ln", "ln": r"\ln", "exp": r"\exp", "sin": r"\sin", "cos": r"\cos", "tan": r"\tan",
          "min": r"\min", "max": r"\max", "Min": r"\min", "Max": r"\max", "sup": r"\sup", "inf": r"\inf",
          "sqrt": None, "Abs": None, "LambertW": None, "W": None, "E": r"\mathbb{E}", "Pr": r"\Pr"}
_WORDS = {"lhs": r"\mathrm{lhs}", "rhs": r"\mathrm{rhs}", "oo": r"\infty", "lam": r"\lambda", "inf": r"\infty"}
_ACCENTS = {"bar": r"\bar", "hat": r"\hat", "tilde": r"\tilde", "dot": r"\dot", "star": None}
_ENGLISH = set("am an as at be by do go he if in is it me my no of on or so to up us we".split())
_LABEL = re.compile(r"[A-Z]{1,2}\d+[a-z]?$")
_NAME = re.compile(r"([A-Za-z][A-Za-z0-9]*)((?:_(?:\{[^{}]*\}|[A-Za-z0-9]+))*)(?:\^(\{[^{}]*\}|[A-Za-z0-9]+|\*))?")
_SUBS = re.compile(r"_(\{[^{}]*\}|[A-Za-z0-9]+)")    # R16, G5, T14, C4: labels of a spec, not mathematics


class Names:
    """How identifiers print: the printer's paper names (``kt`` as :math:`\\tilde k`), the model's symbols,
    and which words count as mathematics."""

    def __init__(self, names: Mapping | None = None, symbols=(), code=()) -> None:
        self.tex: dict[str, str] = {}
        self.code = set(code)             # identifiers that are names in the program (claim ids): text
        for sym in symbols:
            self.tex[str(sym)] = sp.latex(sym)
        for sym, tex in (names or {}).items():
            self.tex[str(sym)] = tex

    def known(self, name: str) -> bool:
        return name in self.tex

    def is_math(self, name: str, strong: bool = False) -> bool:
        """Whether an identifier is mathematics; ``strong``: even standing alone in prose."""
        if name.endswith("*") and "^" not in name:
            return self.is_math(name[:-1]) if len(name) > 1 else False
        base = name.split("^")[0]
        head = base.split("_")[0]
        if _LABEL.match(name) or not head or name in self.code:
            return False
        if name not in self.tex and (re.sub(r"\{[^{}]*\}", "", base).count("_") > 1 or any(
                len(x) > 3 and x.isalpha() and x.islower() and x not in _GREEK and x not in self.tex
                for x in base.split("_")[1:])):
            return False                    # a code identifier (a claim id), not a subscripted symbol
        if name in self.tex and (len(name) > 1 or not strong):
            return True
        if head in _GREEK or head in self.tex and len(head) > 1:
            return True
        if "^" in name or "_" in base or re.search(r"[A-Za-z]\d+$", base):
            return True
        if strong:
            return False
        if name in _WORDS or len(name) == 1 or len(name) == 2 and name.islower() and name not in _ENGLISH:
            return True
        return name.isupper() and len(name) <= 4       # OPT, REV, W^H

    def name(self, name: str) -> str:
        if name in self.tex:
            return self.tex[name]
        if name in _WORDS:
            return _WORDS[name]
        if name.endswith("*") and "^" not in name and len(name) > 1:
            return "{" + self.name(name[:-1]) + "}^{*}"
        m = _NAME.fullmatch(name)
        if m is None:
            return r"\mathrm{" + re.sub(r"[^A-Za-z0-9]", "", name) + "}"
        head, subs, sup = m.group(1), [x.strip("{}") for x in _SUBS.findall(m.group(2))], m.group(3)
        if sup is not None:
            return "{" + self.name(head + m.group(2)) + "}^{" + self._sub(sup.strip("{}")) + "}"
        if subs:
            if subs[-1] in _ACCENTS:
                inner = self.name(head + "".join("_" + x for x in subs[:-1]))
                return inner + "^{*}" if _ACCENTS[subs[-1]] is None else rf"{_ACCENTS[subs[-1]]}{{{inner}}}"
            return self.name(head) + "_{" + ",".join(self._sub(x) for x in subs) + "}"
        m = re.fullmatch(r"([A-Za-z]+?)(\d+)", name)
        if m and (m.group(1) in self.tex or len(m.group(1)) == 1 or m.group(1) in _GREEK):
            return self.name(m.group(1)) + "_{" + m.group(2) + "}"
        if name in _GREEK:
            return "\\" + name
        if len(name) > 2 or name.isupper() and len(name) > 1:
            return r"\mathrm{" + name + "}"
        return name

    def _sub(self, s: str) -> str:
        if s == "*" or re.fullmatch(r"-?\d+", s):
            return s
        if s in self.tex or s in _GREEK or len(s) <= 1 or s.isdigit():
            return self.name(s)
        if re.fullmatch(r"[A-Za-z]+", s):
            return s if s.isupper() else r"\mathrm{" + s + "}"
        tex = _math_of(s, self)
        return tex if tex is not None else re.sub(r"[^A-Za-z0-9+\-*/=.,]", "", s)


# --------------------------------------------------------------------------- Python reprs
_PH = "\ue000%d\ue001"
_PH_RE = re.compile("\ue000(\\d+)\ue001")
_FRACTION = re.compile(r"Fraction\((-?\d+),\s*(\d+)\)")
_SYMPY_NUM = re.compile(r"(?:Rational|Integer|Float)\(\s*'?(-?[\d.]+(?:e-?\d+)?)'?(?:,\s*'?(\d+)'?)?\s*\)")
_INTERVAL = re.compile(r"Interval(?:\.(open|Lopen|Ropen))?\(([^()]*(?:\([^()]*\)[^()]*)*)\)")
_ACCENT_WORD = re.compile(r"\b([A-Za-z])-(bar|hat|tilde)\b")
_QUOTED = re.compile(r"(?<![\w'])'([-+\w./*^]{1,60})'(?![\w'])")


def _fraction(m: re.Match) -> str:
    return m.group(1) if m.group(2) == "1" else f"{m.group(1)}/{m.group(2)}"


def _reprs(text: str, names: Names, store: list[str]) -> str:
    """Python reprs replaced: fractions by ``a/b``, quoted numbers unquoted, intervals by placeholders."""
    text = _FRACTION.sub(_fraction, text)
    text = _ACCENT_WORD.sub(r"\1_\2", text)           # v-bar, v-hat: accents
    text = _SYMPY_NUM.sub(lambda m: m.group(1) + (f"/{m.group(2)}" if m.group(2) else ""), text)

    def interval(m: re.Match) -> str:
        kind = m.group(1) or ""
        args = _split_top(m.group(2))
        if len(args) < 2:
            return m.group(0)
        lo, hi = (_math_of(a.strip(), names) for a in args[:2])
        if lo is None or hi is None:
            return m.group(0)
        left_open = kind in ("open", "Lopen") or (len(args) > 2 and args[2].strip() == "True")
        right_open = kind in ("open", "Ropen") or (len(args) > 3 and args[3].strip() == "True")
        store.append(("(" if left_open else "[") + f"{lo}, {hi}" + (")" if right_open else "]"))
        return _PH % (len(store) - 1)

    text = _INTERVAL.sub(interval, text)
    return _QUOTED.sub(lambda m: m.group(1), text)


def _split_top(s: str) -> list[str]:
    out, depth, cur = [], 0, ""
    for ch in s:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return out


# --------------------------------------------------------------------------- tokens and expressions
_TOKEN = re.compile(r"""
    (?P<PH>\ue000\d+\ue001)
  | (?P<NUM>\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?:/\d+)?(?![A-Za-z_\d]|\.\d))
  | (?P<COEF>\d+(?=[a-z](?:\^\w+)?(?:[-+*/)]|$)))   # 6t^2 - 6t + 1: a coefficient
  | (?P<WORD>\d+(?:\.\d+)?[A-Za-z]\w*)                 # 1.70s, 2nd, 81x27: text
  | (?P<ID>[A-Za-z][A-Za-z0-9]*(?:_(?:\{[^{}\s]*\}|[A-Za-z0-9]+))*(?:\^(?:\{[^{}\s]*\}|[A-Za-z0-9]+|\*)|\*(?![\w(*]))?)
  | (?P<OP>\+/-|\*\*|<=|>=|!=|==|->|=>|>_w|<_w|[-+*/^=<>])
  | (?P<OPEN>[(\[{])
  | (?P<CLOSE>[)\]}])
  | (?P<COMMA>,)
  | (?P<COLON>:)
  | (?P<WS>[ \t]+)
  | (?P<OTHER>.)
""", re.X | re.S)
_CLOSING = {"(": ")]", "[": "])", "{": "}"}
_RELATIONS = {"in": r"\in", "=": "=", "==": "=", "<=": r"\le", ">=": r"\ge", "!=": r"\ne", "<": "<", ">": ">",
              "->": r"\to", "=>": r"\Rightarrow", ">_w": r">_{w}", "<_w": r"<_{w}"}
_BINARY = {"+": "+", "-": "-", "/": "/", "+/-": r"\pm", "*": None, "**": "^", "^": "^"}


def _tokens(text: str) -> list[tuple[str, str]]:
    return [(m.lastgroup, m.group()) for m in _TOKEN.finditer(text)]


class _Parser:
    """Recursive descent over tokens; every node is ``(kind, ...)`` and knows the identifiers it holds."""

    def __init__(self, toks, names: Names, store) -> None:
        self.t, self.names, self.store = toks, names, store

    def kind(self, i: int) -> str:
        return self.t[i][0] if i < len(self.t) else "END"

    def ws(self, i: int) -> int:
        while self.kind(i) == "WS":
            i += 1
        return i

    def operand(self, i: int):
        k, s = self.t[i] if i < len(self.t) else ("END", "")
        if k == "OP" and s in "+-":
            r = self.operand(i + 1)
            return None if r is None else (("unary", s, r[0]), r[1])
        if k == "COEF":
            r = self.operand(i + 1)
            if r is None:
                return None
            node, j = ("coef", s, r[0]), r[1]
        elif k == "NUM":
            node, j = ("num", s), i + 1
        elif k == "PH":
            node, j = ("ph", self.store[int(_PH_RE.match(s).group(1))]), i + 1
        elif k == "ID":
            node, j = ("id", s), i + 1
            if self.kind(j) == "OPEN" and self.t[j][1] in "([":
                g = self.group(j)
                if g is not None:
                    node, j = ("call", s, g[0]), g[1]
        elif k == "OPEN":
            g = self.group(i)
            if g is None:
                return None
            node, j = g
        else:
            return None
        while self.kind(j) == "OTHER" and self.t[j][1] in "!'" and not (self.kind(j + 1) in ("ID", "WORD")):
            node, j = ("post", node, self.t[j][1]), j + 1
        return node, j

    def group(self, i: int):
        opener = self.t[i][1]
        items, j = [], self.ws(i + 1)
        if self.kind(j) == "CLOSE" and self.t[j][1] in _CLOSING[opener]:
            return ("group", opener, self.t[j][1], items), j + 1
        while True:
            e = self.expr(j)
            if e is None:
                return None
            node, j = e
            j = self.ws(j)
            if opener == "{" and self.kind(j) == "COLON":
                v = self.expr(self.ws(j + 1))
                if v is None:
                    return None
                node, j = ("map", node, v[0]), self.ws(v[1])
            items.append(node)
            if self.kind(j) == "COMMA":
                j = self.ws(j + 1)
                continue
            if self.kind(j) == "CLOSE" and self.t[j][1] in _CLOSING[opener]:
                return ("group", opener, self.t[j][1], items), j + 1
            return None

    def expr(self, i: int):
        """The longest expression at ``i``: ``(node, end)`` or None."""
        r = self.chain(i)
        return None if r is None else r[-1]

    def chain(self, i: int):
        """Every prefix ``operand (op operand)*`` at ``i`` that ends with an operand, shortest first."""
        first = self.operand(i)
        if first is None:
            return None
        parts, j = [first[0]], first[1]
        out = [(first[0], j)]
        while True:
            k = self.ws(j)
            if self.kind(k) == "OP":
                op = self.t[k][1]
                if op in ("+", "-") and k > j and self.kind(k + 1) != "WS":
                    break                 # "a -b": not a binary minus
            elif self.kind(k) == "ID" and self.t[k][1] == "in" and k > j and self.kind(k + 1) == "WS" \
                    and len(parts) == 1:
                op = "in"
            else:
                break
            r = self.operand(self.ws(k + 1))
            if r is None:
                break
            parts += [op, r[0]]
            j = r[1]
            out.append((("bin", list(parts)), j))
        return out

    # ---- what the parse holds
    def ids(self, node) -> list[tuple[str, bool]]:
        kind = node[0]
        if kind == "id":
            return [(node[1], False)]
        if kind == "call":
            fn = [] if node[1] in _FUNCS else [(node[1], True)]
            return fn + [x for a in node[2][3] for x in self.ids(a)]
        if kind == "group":
            return [x for a in node[3] for x in self.ids(a)]
        if kind == "bin":
            return [x for p in node[1][::2] for x in self.ids(p)]
        if kind in ("unary", "coef"):
            return self.ids(node[2])
        if kind == "post":
            return self.ids(node[1])
        if kind == "map":
            return self.ids(node[1]) + self.ids(node[2])
        return []

    def is_math(self, node) -> bool:
        """Mathematics, not prose: every identifier a math identifier, and something that is clearly math."""
        ids = self.ids(node)
        if not all(self.names.is_math(n) or (called and (len(n) <= 3 or n.isupper())) for n, called in ids):
            return False
        kind = node[0]
        if kind == "bin" and all(op == "-" for op in node[1][1::2]) and all(
                _label(x) or x[0] == "num" and x[1].isdigit() for x in node[1][::2]):
            return False      # a range of numbers or equation labels: Secs. 2-5, eqs. (4)-(5)
        if _label(node):
            return False      # an equation label: (12)
        if kind == "num":    # a lone number reads the same in text, unless it is a fraction or very long
            return "/" in node[1] or "e" in node[1].lower() or len(node[1]) > 14
        if kind == "id":
            return self.names.is_math(node[1], strong=True)
        if kind == "group":
            return bool(node[3]) and all(self.is_math(a) or a[0] in ("num", "id") for a in node[3])
        return True


def _label(node) -> bool:
    """``(12)``: a group holding one plain integer, the way equations are numbered."""
    return node[0] == "group" and node[1] == "(" and len(node[3]) == 1 and node[3][0][0] == "num" \
        and node[3][0][1].isdigit()


# --------------------------------------------------------------------------- rendering
def _num(s: str) -> str:
    m = re.fullmatch(r"(\d+)/(\d+)", s)
    if m:
        return rf"\tfrac{{{m.group(1)}}}{{{m.group(2)}}}"
    m = re.fullmatch(r"([\d.]+)[eE]([-+]?\d+)", s)
    if m:
        return rf"{_digits(m.group(1))} \cdot 10^{{{int(m.group(2))}}}"
    return _digits(s)


def _digits(s: str) -> str:
    if len(s) <= 14:
        return s
    return r"\allowbreak ".join(s[i:i + 10] for i in range(0, len(s), 10))


def _render(node, names: Names) -> str:
    kind = node[0]
    if kind == "num":
        return _num(node[1])
    if kind == "ph":
        return node[1]
    if kind == "id":
        return names.name(node[1])
    if kind in ("unary", "coef"):
        return node[1] + _render(node[2], names)
    if kind == "post":
        return _render(node[1], names) + ("!" if node[2] == "!" else "'")
    if kind == "map":
        return _render(node[1], names) + r" \mapsto " + _render(node[2], names)
    if kind == "group":
        _, opener, closer, items = node
        inner = r",\allowbreak\ ".join(_render(a, names) for a in items)
        o = r"\{" if opener == "{" else opener
        c = r"\}" if closer == "}" else closer
        return o + inner + c
    if kind == "call":
        fn, (_, opener, closer, args) = node[1], node[2]
        inner = ", ".join(_render(a, names) for a in args)
        if opener == "[":
            return (_FUNCS.get(fn) or names.name(fn)) + "[" + inner + "]"
        if fn == "sqrt" and len(args) == 1:
            return rf"\sqrt{{{inner}}}"
        if fn == "Abs" and len(args) == 1:
            return rf"\left|{inner}\right|"
        if fn in ("LambertW", "W"):
            branch = f"_{{{_render(args[1], names)}}}" if len(args) > 1 else ""
            return rf"W{branch}({_render(args[0], names)})"
        head = _FUNCS.get(fn) or names.name(fn)
        return rf"{head}({inner})"
    if kind == "bin":
        parts = node[1]
        out = _render(parts[0], names)
        for op, rhs in zip(parts[1::2], parts[2::2]):
            r = _render(rhs, names)
            if op in ("**", "^"):
                out = (f"{{{out}}}" if parts[0][0] == "bin" or "^" in out else out) + f"^{{{r}}}"
            elif op == "*":
                nums = out[-1:].isdigit() and (r[:1].isdigit() or r.startswith(r"\tfrac"))
                out += (r" \cdot " if nums else r"\,") + r
            elif op in _RELATIONS:
                out += f" {_RELATIONS[op]} " + r
            else:
                out += f" {_BINARY[op]} " + r
        return out
    raise ValueError(kind)  # pragma: no cover


def _math_of(s: str, names: Names) -> str | None:
    """``s`` as one mathematical value (LaTeX, no dollars), or None when it is not one."""
    store: list[str] = []
    toks = _tokens(_reprs(s.strip(), names, store))
    p = _Parser(toks, names, store)
    e = p.expr(0) if toks else None
    if e is None or p.ws(e[1]) != len(toks):
        return None
    if not all(names.is_math(n) or called for n, called in p.ids(e[0])):
        return None
    return _render(e[0], names)


def value(s: str, names: Names | None = None) -> str | None:
    """A counterexample's coordinate or a residual as inline LaTeX mathematics (no dollars); None when
    ``s`` is prose (then print it with :func:`prose`)."""
    names = names or Names()
    s = str(s).strip()
    if not s:
        return None
    return _math_of(s, names)


# --------------------------------------------------------------------------- prose
_DOLLARS = re.compile(r"\$([^$]+)\$")


def _balanced(tex: str) -> bool:
    depth = 0
    for m in re.finditer(r"\\[{}]|[{}]", tex):
        if m.group() in ("{", "}"):
            depth += 1 if m.group() == "{" else -1
            if depth < 0:
                return False
    return depth == 0


def _code(s: str) -> str:
    return r"\texttt{" + escape(s) + "}"


def prose(text: str, names: Names | None = None) -> str:
    """Plain text as LaTeX text: words escaped and breakable, mathematics as inline math."""
    from symmech.engine.results import readable   # points written as dict reprs read as k = 1/2

    names = names or Names()
    text = readable(str(text))
    pieces = []
    pos = 0
    for m in _DOLLARS.finditer(text):      # mathematics the author wrote in LaTeX
        if _balanced(m.group(1)):
            pieces.append(_prose(text[pos:m.start()], names))
            pieces.append("$" + math_unicode(m.group(1)) + "$")
            pos = m.end()
    pieces.append(_prose(text[pos:], names))
    return "".join(pieces)


def _prose(text: str, names: Names) -> str:
    if not text:
        return ""
    store: list[str] = []
    toks = _tokens(_reprs(text, names, store))
    p = _Parser(toks, names, store)
    out: list[str] = []
    i = 0
    while i < len(toks):
        k, s = toks[i]
        if k in ("NUM", "PH", "ID", "OPEN", "COEF") or (k == "OP" and s == "-" and p.kind(i + 1) in ("NUM", "ID", "OPEN")
                                                 and (i == 0 or toks[i - 1][0] in ("WS", "OPEN"))):
            chain = p.chain(i) or []
            found = next(((node, end) for node, end in reversed(chain) if p.is_math(node)), None)
            if found is not None:
                out.append("$" + _render(found[0], names) + "$")
                i = found[1]
                continue
            if chain and k == "ID" and chain[0][0][0] == "id":
                out.append(escape(s) if s not in names.code else _code(s))
                i += 1
                continue
        if k == "PH":
            out.append("$" + store[int(_PH_RE.match(s).group(1))] + "$")
        else:
            out.append(escape(s))
        i += 1
    return "".join(out)
