"""The per-derivation mutation check of tests/test_mutate_bundled_{even,odd}.py (the registry split in two
halves so pytest-xdist's --dist loadfile can run them on different workers; together they cover every
bundled derivation)."""
from __future__ import annotations

from symmech.harness import mutate
from symmech.engine import registry


def half(k: int) -> list[str]:
    """Every other bundled derivation name, starting at index k (0 or 1): the two halves cover the registry."""
    return registry.names()[k::2]


def check_mutants_of_bundled_derivation(name: str) -> None:
    """A small seeded sample per derivation: nothing the hunt can show false survives, no conflicts."""
    rep = mutate.run(registry.load(name), digits=20, samples=3, max_mutants=1, seed=0, certify_time=0.2,
                     timeout=4, hunt_points=60)
    details = [r.to_dict() for r in rep.results if r.outcome in ("survived", "undecided")]
    assert not rep.missed, details
    assert not rep.conflicts, details
    assert not rep.survivors, details
    assert len(rep.results) >= 1 or rep.available == 0
