"""Carrasco et al. (2018): numbered results and errata, for coverage tables (``symmech coverage carrasco``)."""
from __future__ import annotations

from .model import Erratum, Item, Paper

PAPER = Paper(
    key="carrasco",
    citation=("Carrasco, Luz, Kos, Messner, Monteiro and Moreira, 'Optimal selling mechanisms under moment "
              "conditions', Journal of Economic Theory (2018)"),
    aliases=("Carrasco et al.",),
    items=(),
    errata=(),
)
