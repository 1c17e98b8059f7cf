"""The papers symmech encodes: citations, numbered results, errata, and coverage tables."""
from symmech.reports.papers.coverage import (
    ClaimRecord,
    Coverage,
    coverage,
    markdown,
    records_from_json,
    records_from_reports,
)
from symmech.reports.papers.model import Erratum, Item, Paper, PaperError, normalize, parse_refs
from symmech.reports.papers.registry import get, papers

__all__ = ["ClaimRecord", "Coverage", "Erratum", "Item", "Paper", "PaperError", "coverage", "get", "markdown",
           "normalize", "papers", "parse_refs", "records_from_json", "records_from_reports"]
