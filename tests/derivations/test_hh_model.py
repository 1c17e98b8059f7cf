"""hh_model: the G1 twin pb_revenue_ties_buy depends on the law (a perturbed prior refutes it)."""
from __future__ import annotations

from fractions import Fraction as Fr

import derivations.hh_model as H
from derivations._hh_common import two_types


def test_ties_buy_holds():
    ok, detail = H._ties_buy()
    assert ok, detail


def test_ties_buy_refuted_by_another_prior(monkeypatch):
    monkeypatch.setattr(H, "_g1_law", lambda: two_types(Fr(1, 2), 1, Fr(3, 4)))   # best PB revenue 3/2, not 1
    assert not H._ties_buy()[0]


def test_ties_buy_refuted_by_moved_atom(monkeypatch):
    monkeypatch.setattr(H, "_g1_law", lambda: two_types(Fr(1, 2), 1, Fr(1, 2), sL=Fr(8, 7)))
    assert not H._ties_buy()[0]
