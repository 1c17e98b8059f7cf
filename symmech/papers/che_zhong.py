"""Che and Zhong (2023): numbered results and errata, for coverage tables (``symmech coverage che_zhong``)."""
from __future__ import annotations

from .model import Erratum, Item, Paper

PAPER = Paper(
    key="che_zhong",
    citation="Che and Zhong, 'Robustly Optimal Mechanisms for Selling Multiple Goods', working paper (2023)",
    aliases=("Che and Zhong",),
    items=(),
    errata=(),
)
