"""Coverage of a paper by checked claims: every item with the claims that cite it and their verdicts,
and every erratum with the claims that flag it (or why it has none).

The input is a list of :class:`ClaimRecord` -- what a verification produced -- built from
:class:`symmech.engine.derivation.Report` objects or from ``symmech verify all --json`` output, so the
table always shows verdicts that were actually computed, never a hand-kept list.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from symmech.reports.papers.model import Paper, PaperError

HOLDING = ("proved", "certified", "confirmed")


@dataclass(frozen=True)
class ClaimRecord:
    """One checked claim: where it lives, what it cites, what was expected and found."""

    derivation: str
    id: str
    source: str
    expect: str
    status: str
    agrees: bool

    @property
    def ref(self) -> str:
        return f"{self.derivation}:{self.id}"


def records_from_reports(reports: Iterable) -> list[ClaimRecord]:
    """Records from :class:`~symmech.engine.derivation.Report` objects (fresh or from the cache)."""
    out = []
    for rep in reports:
        for r in rep.results:
            out.append(ClaimRecord(rep.derivation.name, r.claim.id, r.claim.source, r.claim.expect,
                                   r.verdict.status.value, bool(r.agrees)))
    return out


def records_from_json(data: Sequence[dict]) -> list[ClaimRecord]:
    """Records from the JSON of ``symmech verify all --json`` (a list of derivation objects)."""
    out = []
    try:
        for d in data:
            for c in d["claims"]:
                st, exp = c["status"], c["expect"]
                agrees = c["agrees"] if isinstance(c.get("agrees"), bool) else \
                    (st in HOLDING if exp == "holds" else st == "refuted")   # a pinned failure's twin is in "agrees"
                name = d["subject"] if "subject" in d else d["derivation"]   # schema 1, or the older records
                out.append(ClaimRecord(name, c["id"], c.get("source", ""), exp, st, agrees))
    except (KeyError, TypeError) as exc:
        raise PaperError(f"not a 'symmech verify --json' report: missing {exc}") from None
    return out


@dataclass(frozen=True)
class ItemRow:
    label: str
    summary: str
    claims: tuple[ClaimRecord, ...]
    note: str

    @property
    def state(self) -> str:
        """``missing`` (no claim cites it), ``DISAGREES`` (some verdict disagrees with its expectation),
        or ``checked``."""
        if not self.claims:
            return "missing"
        return "checked" if all(c.agrees for c in self.claims) else "DISAGREES"

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for c in self.claims:
            out[c.status] = out.get(c.status, 0) + 1
        return out


@dataclass(frozen=True)
class ErratumRow:
    label: str
    where: str
    summary: str
    claims: tuple[ClaimRecord, ...]
    disposition: str
    dangling: tuple[str, ...]        # listed claim references that no checked claim matches

    @property
    def state(self) -> str:
        """``flagged`` (a claim expected to fail is refuted), ``settled`` (its claims all agree and none
        is expected to fail: the corrected statement holds, or the catalog's error is no error),
        ``not a claim`` (only a disposition), ``DISAGREES``, ``DANGLING`` (a listed claim does not
        exist), or ``missing``."""
        if self.dangling:
            return "DANGLING"
        if self.claims:
            if not all(c.agrees for c in self.claims):
                return "DISAGREES"
            return "flagged" if any(c.expect == "fails" for c in self.claims) else "settled"
        return "not a claim" if self.disposition else "missing"


@dataclass(frozen=True)
class Coverage:
    paper: Paper
    items: tuple[ItemRow, ...]
    errata: tuple[ErratumRow, ...]
    unknown: tuple[tuple[str, ClaimRecord], ...]     # labels cited by claims that are not items of the paper
    claims: int                                      # claims citing the paper

    @property
    def complete(self) -> bool:
        """Every item checked, every erratum flagged/settled/explained, every citation known."""
        return (all(r.state == "checked" for r in self.items)
                and all(r.state in ("flagged", "settled", "not a claim") for r in self.errata)
                and not self.unknown)

    def holding_share(self) -> tuple[int, int]:
        """(proved or certified, expected to hold) over the claims citing the paper."""
        seen = {c.ref: c for r in self.items for c in r.claims}
        hold = [c for c in seen.values() if c.expect == "holds"]
        return sum(c.status in ("proved", "certified") for c in hold), len(hold)


def coverage(paper: Paper, records: Sequence[ClaimRecord]) -> Coverage:
    """The coverage of ``paper`` by ``records``."""
    known = {i.label for i in paper.items}
    extra = set(paper.extra_labels)
    by_label: dict[str, list[ClaimRecord]] = {label: [] for label in known}
    unknown: list[tuple[str, ClaimRecord]] = []
    citing = 0
    for rec in records:
        labels = paper.cited_items(rec.source)
        if paper.cites(rec.source):
            citing += 1
        for label in labels:
            if label in by_label:
                by_label[label].append(rec)
            elif label not in extra:
                unknown.append((label, rec))
    index = {rec.ref: rec for rec in records}
    items = tuple(ItemRow(i.label, i.summary, tuple(by_label[i.label]), i.note) for i in paper.items)
    errata = []
    for e in paper.errata:
        found = tuple(index[r] for r in e.claims if r in index)
        dangling = tuple(r for r in e.claims if r not in index)
        errata.append(ErratumRow(e.label, e.where, e.summary, found, e.disposition, dangling))
    return Coverage(paper, items, tuple(errata), tuple(unknown), citing)


def verdict_list(claims: Sequence[ClaimRecord], limit: int = 0) -> str:
    """``id (status), ...``, at most ``limit`` entries (0: all) and a count of the rest."""
    parts = [f"{c.id} ({c.status}{'' if c.agrees else ', DISAGREES'})" for c in claims]
    if limit and len(parts) > limit:
        parts = parts[:limit] + [f"… {len(parts) - limit} more"]
    return ", ".join(parts)


def summary(cov: Coverage) -> str:
    """One line: items checked, claims citing the paper, and the share of holding claims proved or certified."""
    proved, hold = cov.holding_share()
    checked = sum(r.state == "checked" for r in cov.items)
    return (f"{checked} of {len(cov.items)} items checked by {cov.claims} claims; "
            f"{proved} of {hold} claims expected to hold are proved or certified"
            + (f" ({100 * proved / hold:.1f} %)" if hold else ""))


def markdown(cov: Coverage, *, limit: int = 6) -> str:
    """The two tables (items, errata) as Markdown, with a one-line summary."""
    lines = [f"### {cov.paper.citation}", "", summary(cov) + ".", "",
             "| item | states | claims (verdict) | state |", "|---|---|---|---|"]
    for r in cov.items:
        note = f" *Cited, not checked:* {r.note}" if r.note else ""
        lines.append(f"| {r.label} | {_cell(r.summary)}{_cell(note)} | {_cell(verdict_list(r.claims, limit))} | {r.state} |")
    lines += ["", "| erratum | where | what | claims (verdict) or why none | state |", "|---|---|---|---|---|"]
    for e in cov.errata:
        why = verdict_list(e.claims, limit) or e.disposition
        if e.claims and e.disposition:
            why += f". {e.disposition}"
        if e.dangling:
            why += f". No such claim: {', '.join(e.dangling)}"
        lines.append(f"| {e.label} | {_cell(e.where)} | {_cell(e.summary)} | {_cell(why)} | {e.state} |")
    if cov.unknown:
        lines += ["", "Citations of labels that are not items of the paper:", ""]
        lines += [f"- {label}: {rec.ref} (source: {rec.source})" for label, rec in cov.unknown]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_json(cov: Coverage) -> dict:
    """A JSON object with the rows of both tables."""
    proved, hold = cov.holding_share()
    return {
        "paper": cov.paper.citation, "key": cov.paper.key, "complete": cov.complete,
        "claims": cov.claims, "holding_proved_or_certified": proved, "holding": hold,
        "items": [{"label": r.label, "summary": r.summary, "state": r.state, "note": r.note,
                   "claims": [{"ref": c.ref, "status": c.status, "agrees": c.agrees} for c in r.claims]}
                  for r in cov.items],
        "errata": [{"label": e.label, "where": e.where, "summary": e.summary, "state": e.state,
                    "disposition": e.disposition, "dangling": list(e.dangling),
                    "claims": [{"ref": c.ref, "status": c.status, "expect": c.expect, "agrees": c.agrees}
                               for c in e.claims]}
                   for e in cov.errata],
        "unknown": [{"label": label, "ref": rec.ref, "source": rec.source} for label, rec in cov.unknown],
    }
