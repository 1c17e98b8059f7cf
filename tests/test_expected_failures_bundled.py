"""Every expected failure of the bundled derivations is pinned to a corrected twin that is expected to hold
(issue 27): a refutation caused by a wrong model can then never pass for the paper's error."""
from __future__ import annotations

from symmech.engine import registry


def test_every_bundled_expected_failure_names_a_twin_that_holds():
    unpinned, bad = [], []
    for name in registry.names():
        d = registry.load(name)
        by_id = {c.id: c for c in d.claims}
        for c in d.claims:
            if c.expect != "fails":
                continue
            if not c.corrected:
                unpinned.append(f"{name}:{c.id}")
            elif c.corrected not in by_id or by_id[c.corrected].expect != "holds":
                bad.append(f"{name}:{c.id} -> {c.corrected}")
    assert not bad, bad
    assert not unpinned, f"{len(unpinned)} expected failures name no corrected twin: {unpinned}"
