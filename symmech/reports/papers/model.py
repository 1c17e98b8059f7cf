"""A paper's numbered results and its known errata, and how claim sources cite them.

A claim's ``source`` cites papers the way a reader writes it: ``"Che and Zhong, Thm. 1 (proof, eq.
(11)); App. B.6"``.  :func:`cited_items` reads such a string into normalized item labels
(``"Thm 1"``, ``"eq (11)"``, ``"App B.6"``) for one paper, so a coverage table can be built from the
claims themselves, without a second hand-kept list of which claim checks what.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_KINDS = {
    "thm": "Thm", "thms": "Thm", "theorem": "Thm", "theorems": "Thm",
    "lemma": "Lemma", "lemmas": "Lemma",
    "prop": "Prop", "props": "Prop", "proposition": "Prop", "propositions": "Prop",
    "cor": "Cor", "corollary": "Cor", "corollaries": "Cor",
    "claim": "Claim", "claims": "Claim",
    "remark": "Remark", "remarks": "Remark", "rem": "Remark", "rems": "Remark",
    "def": "Def", "defs": "Def", "definition": "Def", "definitions": "Def",
    "assumption": "Assumption", "assumptions": "Assumption",
    "example": "Example", "examples": "Example",
    "eq": "eq", "eqs": "eq", "equation": "eq", "equations": "eq",
    "fig": "Fig", "figs": "Fig", "figure": "Fig", "figures": "Fig",
    "sec": "Sec", "secs": "Sec", "section": "Sec", "sections": "Sec",
    "app": "App", "appendix": "App",
    "fn": "fn", "footnote": "fn",
    "table": "Table",
}
_KIND_RE = "|".join(sorted(_KINDS, key=len, reverse=True))
# a number: 3, 3.4, B.1, A.3 ; an equation number: (11), (B.2)
_NUM = r"[A-Z]?\.?\d+(?:\.\d+)*"
_ONE = rf"(?:\((?:{_NUM})\)|(?:{_NUM}))"
_REF = re.compile(rf"\b({_KIND_RE})\b\.?\s*({_ONE}(?:\s*(?:-|–|,|and)\s*{_ONE})*)", re.IGNORECASE)
_PIECE = re.compile(rf"\(?({_NUM})\)?")


class PaperError(ValueError):
    """A paper registry entry or a coverage request that cannot be used."""


def normalize(kind: str, number: str) -> str:
    """The canonical label: ``normalize("Theorem", "1") == "Thm 1"``, ``normalize("eqs", "(5)") == "eq (5)"``."""
    k = _KINDS.get(kind.lower().rstrip("."))
    if k is None:
        raise PaperError(f"unknown kind of item {kind!r}")
    num = number.strip().strip("()")
    return f"eq ({num})" if k == "eq" else f"{k} {num}"


def _expand(first: str, last: str) -> list[str]:
    """``3.3``..``3.4`` -> [3.3, 3.4]; ``B.1``..``B.2``; ``5``..``6``; non-numeric ends -> the two ends."""
    a, b = first.rsplit(".", 1) if "." in first else ("", first), last.rsplit(".", 1) if "." in last else ("", last)
    if a[0] == b[0] and a[1].isdigit() and b[1].isdigit() and int(a[1]) <= int(b[1]) <= int(a[1]) + 50:
        pre = a[0] + "." if a[0] else ""
        return [f"{pre}{i}" for i in range(int(a[1]), int(b[1]) + 1)]
    return [first, last]


def parse_refs(text: str) -> list[str]:
    """Every item label in ``text`` (one citation's item part), in order, ranges expanded."""
    out: list[str] = []
    for m in _REF.finditer(text):
        kind, nums = m.group(1), m.group(2)
        parts = re.split(r"\s*(,|and|-|–)\s*", nums)
        numbers: list[tuple[str, str]] = []      # (kind, number)
        joiner = None
        for tok in parts:
            if tok in (",", "and", "-", "–"):
                joiner = tok
                continue
            pm = _PIECE.fullmatch(tok.strip())
            if pm is None:
                continue
            num = pm.group(1)
            # a bare "(5)" after a label of another kind ("Lemma 2, (5)") is an equation, not Lemma 5
            this = "eq" if tok.strip().startswith("(") and not normalize(kind, "1").startswith("eq") else kind
            if joiner in ("-", "–") and numbers and numbers[-1][0] == this:
                first = numbers.pop()[1]
                numbers.extend((this, n) for n in _expand(first, num))
            else:
                numbers.append((this, num))
            joiner = None
        for k, num in numbers:
            label = normalize(k, num)
            if label not in out:
                out.append(label)
    return out


@dataclass(frozen=True)
class Item:
    """A numbered result (or an unnumbered display located by its section) and what it states."""

    label: str                 # canonical, e.g. "Thm 1", "eq (5)", "Lemma B.2", "Sec 3"
    summary: str               # what it states, in words
    note: str = ""             # what of it is cited rather than checked (existence, measurability, ...)

    def __post_init__(self) -> None:
        labels = parse_refs(self.label)
        if labels != [self.label]:
            raise PaperError(f"item label {self.label!r} is not canonical (it reads as {labels})")


@dataclass(frozen=True)
class Erratum:
    """A typo or gap in the paper, and the claims that flag or settle it (``"derivation:claim_id"``).

    Without claims, ``disposition`` says why it is not a claim: not checkable as a finite computation,
    or the catalog's "error" is no error (with the evidence)."""

    label: str                 # the catalog's label, e.g. "T5", "G1"
    where: str                 # where in the paper, e.g. "Thm. 1, eq. (11)"
    summary: str
    claims: tuple[str, ...] = ()
    disposition: str = ""

    def __post_init__(self) -> None:
        for ref in self.claims:
            if ref.count(":") != 1 or not all(ref.split(":")):
                raise PaperError(f"erratum {self.label}: claim reference {ref!r} is not 'derivation:claim_id'")
        if not self.claims and not self.disposition:
            raise PaperError(f"erratum {self.label}: give the claims that flag it or a disposition")


@dataclass(frozen=True)
class Paper:
    """A paper: its citation, the names claim sources use for it, its items and its errata."""

    key: str
    citation: str              # authors, title, venue, year
    aliases: tuple[str, ...]   # how claim sources begin a citation of it, e.g. ("Che and Zhong",)
    items: tuple[Item, ...] = ()
    errata: tuple[Erratum, ...] = ()
    extra_labels: tuple[str, ...] = field(default=())   # cited labels that are not items (e.g. "Sec 7")

    def __post_init__(self) -> None:
        for what, labels in (("item", [i.label for i in self.items]), ("erratum", [e.label for e in self.errata])):
            dup = sorted({x for x in labels if labels.count(x) > 1})
            if dup:
                raise PaperError(f"{self.key}: duplicate {what} labels {dup}")

    def cited_items(self, source: str) -> list[str]:
        """The labels of this paper that a claim's ``source`` cites (empty if it does not cite the paper).

        The source is split at ``;``; a part belongs to this paper when it begins with an alias; a part
        that begins with no known author continues the previous part's paper."""
        out: list[str] = []
        current = False
        for part in source.split(";"):
            part = part.strip()
            starts = [a for a in self.aliases if part.startswith(a)]
            if starts:
                current = True
                part = part[len(starts[0]):]
            elif _looks_like_author(part):
                current = False
            if current:
                for label in parse_refs(_drop_other_citations(part)):
                    if label not in out:
                        out.append(label)
        return out

    def cites(self, source: str) -> bool:
        """Whether ``source`` cites this paper at all."""
        return any(part.strip().startswith(a) for part in source.split(";") for a in self.aliases)


_PAREN = re.compile(r"\(((?:[^()]|\([^()]*\))*)\)")


def _drop_other_citations(part: str) -> str:
    """``Lemma 1 (Osborne and Rubinstein, Lemma 22.2)`` -> ``Lemma 1``: a parenthesis that cites another work."""
    return _PAREN.sub(lambda m: "" if _looks_like_author(m.group(1).strip()) else m.group(0), part)


def _looks_like_author(part: str) -> bool:
    """A citation part that starts with a name (``Carroll 2017, ...``) rather than an item (``eq. (5)``)."""
    if not part:
        return False
    first = part.split(",")[0].split()[0].rstrip(".").lower() if part.split() else ""
    return part[0].isupper() and first not in _KINDS
