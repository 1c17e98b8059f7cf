"""The papers symmech encodes: citations, numbered results, errata, and coverage tables."""
from .coverage import ClaimRecord, Coverage, coverage, markdown, records_from_json, records_from_reports
from .model import Erratum, Item, Paper, PaperError, normalize, parse_refs
from .registry import get, papers

__all__ = ["ClaimRecord", "Coverage", "Erratum", "Item", "Paper", "PaperError", "coverage", "get", "markdown",
           "normalize", "papers", "parse_refs", "records_from_json", "records_from_reports"]
