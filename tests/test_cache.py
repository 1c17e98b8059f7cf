"""The persistent verdict cache (symmech/engine/cache.py): keys follow content, a warm run reuses verdicts,
a changed claim, scope, setting or prover source is checked afresh."""
import json

import pytest
import sympy as sp

from symmech.kernel import rules
from symmech import Identity, Inequality, Scope, Status
from symmech.engine import cache as C
from symmech.engine import fingerprint, sources
from symmech.kernel.verdict import Hint, Verdict

from _small_derivation import build, k

SETTINGS = C.settings_now(20, 3)


def key(claim, scope=None, settings=SETTINGS):
    return C.claim_key(claim, scope or Scope({k: sp.Interval.open(0, 1)}), settings)


def test_cold_then_warm_reuses_every_verdict(tmp_path):
    d = build()
    store = C.VerdictCache(tmp_path)
    cold = d.verify(digits=20, samples=3, cache=store)
    assert cold.ok and not any(r.cached for r in cold.results)
    warm = d.verify(digits=20, samples=3, cache=C.VerdictCache(tmp_path))
    assert all(r.cached for r in warm.results)
    assert [r.verdict.to_dict() for r in warm.results] == [r.verdict.to_dict() for r in cold.results]
    assert warm.ok


def test_a_changed_claim_is_checked_afresh_not_answered_from_the_cache(tmp_path):
    """Negative test: k >= 1/2 refuted; the same id with a true content must not reuse that."""
    store = C.VerdictCache(tmp_path)
    build(sp.Rational(1, 2)).verify(digits=20, samples=3, cache=store)
    rep = build(sp.Integer(0)).verify(digits=20, samples=3, cache=store)  # k >= 0: holds now
    r = {r.claim.id: r for r in rep.results}["too_big"]
    assert not r.cached and r.verdict.status in (Status.PROVED, Status.CERTIFIED)
    assert all(x.cached for x in rep.results if x.claim.id != "too_big")


def test_keys_follow_content_scope_and_settings():
    base = Inequality("a", lhs=k ** 2 + 1, rhs=2 * k)
    assert key(base) == key(Inequality("a", lhs=k ** 2 + 1, rhs=2 * k, note="new note", source="elsewhere"))
    assert key(base) != key(Inequality("a", lhs=k ** 2 + 1, rhs=3 * k))             # a constant
    assert key(base) != key(Inequality("a", lhs=k ** 2 + 1, rhs=2 * k, rel=">"))     # the relation
    assert key(base) != key(Inequality("b", lhs=k ** 2 + 1, rhs=2 * k))             # the id (used in hints)
    assert key(base) != key(base, Scope({k: sp.Interval.open(0, 2)}))                # an end of the range
    assert key(base) != key(base, Scope({k: sp.Interval.Lopen(0, 1)}))               # open vs closed
    assert key(base) != key(base, settings=C.settings_now(21, 3))                    # digits
    assert key(base) != key(base, settings={**SETTINGS, "certify_time": 1.0})        # certifier limit
    kk = sp.Symbol("k", nonnegative=True)                                            # assumptions
    assert key(base) != key(Inequality("a", lhs=kk ** 2 + 1, rhs=2 * kk), Scope({kk: sp.Interval.open(0, 1)}))


def test_dummies_are_numbered_by_position_not_by_creation():
    def claim():
        s = sp.Dummy("s")
        return Identity("i", lhs=sp.Integral(s, (s, 0, k)), rhs=k ** 2 / 2)

    assert key(claim()) == key(claim())


def test_callables_contribute_code_and_closure():
    from symmech.claims.budgeted import Budgeted  # noqa: F401 - a claim type with a callable inside

    def make(c):
        return lambda x: x + c

    assert fingerprint._Encoder().enc(make(1)) == fingerprint._Encoder().enc(make(1))
    assert fingerprint._Encoder().enc(make(1)) != fingerprint._Encoder().enc(make(2))
    assert fingerprint._Encoder().enc(lambda x: x + 1) != fingerprint._Encoder().enc(lambda x: x - 1)


def test_an_object_without_content_is_uncacheable_and_still_checked(tmp_path):
    class Opaque:
        __slots__ = ()

    claim = Inequality("a", lhs=k, rhs=0)
    claim.extra = Opaque()  # not a field: does not matter
    with pytest.raises(C.Uncacheable):
        fingerprint._Encoder().enc(Opaque())
    assert C.keys_for([claim], Scope({k: sp.Interval.open(0, 1)}), SETTINGS)[0] is not None


def test_a_prover_source_change_changes_every_key(tmp_path, monkeypatch):
    src = tmp_path / "provers.py"
    src.write_text("A = 1\n")
    monkeypatch.setattr(sources, "_core_files", lambda: [src])
    claim = Inequality("a", lhs=k, rhs=0)
    k1 = key(claim)
    src.write_text("A = 2\n")
    assert key(claim) != k1


def test_round_trip_and_what_is_not_stored(tmp_path):
    v = Verdict(Status.REFUTED, "mpmath", "at {k: 1/2}", digits=30, points=({"k": "1/2"},),
                witness={"k": "1/2"}, witness_value="-0.5",
                trust=(rules.hint("root sign", "kt", "kt > 0", rules.exact_sign("kt > 0", evaluated=1)),))
    assert C.verdict_from_dict(json.loads(json.dumps(v.to_dict()))).to_dict() == v.to_dict()
    store = C.VerdictCache(tmp_path)
    assert store.put("ab" * 32, v) and store.get("ab" * 32)[0].to_dict() == v.to_dict()
    assert not store.put("cd" * 32, Verdict(Status.UNDECIDED, "none", "timeout"))
    assert not store.put("ef" * 32, rules.exact_sign("a conflict", evaluated=1, conflict=True))
    assert store.get("cd" * 32) is None
    (tmp_path / "ab" / ("ab" * 32 + ".json")).write_text("{not json")   # a damaged entry is a miss
    assert store.get("ab" * 32) is None


def test_cache_dir_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SYMMECH_CACHE_DIR", str(tmp_path / "c"))
    assert C.default_dir() == tmp_path / "c"
    monkeypatch.delenv("SYMMECH_CACHE_DIR")
    monkeypatch.chdir(tmp_path)
    assert C.default_dir() == tmp_path / ".symmech_cache"


def test_cli_no_cache_neither_reads_nor_writes(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from symmech.commands.cli import app

    monkeypatch.setenv("SYMMECH_CACHE_DIR", str(tmp_path / "c"))
    args = ["verify", "one_moment", "--json", "--digits", "20", "--samples", "3", "--claim", "foc_as_printed",
            "--jobs", "1"]
    res = CliRunner().invoke(app, args + ["--no-cache"])
    assert res.exit_code == 0 and not (tmp_path / "c").exists()
    res = CliRunner().invoke(app, args)
    # foc_as_printed is pinned to foc_at_ktilde: both are checked (and cached)
    assert res.exit_code == 0 and not any(c["cached"] for c in json.loads(res.stdout)["claims"])
    res = CliRunner().invoke(app, args)
    claims = {c["id"]: c for c in json.loads(res.stdout)["claims"]}
    assert set(claims) == {"foc_as_printed", "foc_at_ktilde"} and all(c["cached"] for c in claims.values())
    assert claims["foc_as_printed"]["status"] == "refuted"


def test_whole_reports_are_reused_only_while_their_files_are_unchanged(tmp_path):
    from derivations import one_moment

    store = C.VerdictCache(tmp_path)
    rep = one_moment.DERIVATION.verify(digits=20, samples=3, only=["foc_as_printed"], cache=store)
    assert C.put_report(store, rep, 3, ["foc_as_printed"])
    again = C.get_report(store, "one_moment", 20, 3, ["foc_as_printed"])
    assert again.extra["from_cache"] and again.rows() == rep.rows()
    assert C.get_report(store, "one_moment", 21, 3, ["foc_as_printed"]) is None   # other settings
    assert C.get_report(store, "one_moment", 20, 3, None) is None                 # other claim selection
    # a dependency that changes (here: a stand-in file added to the stored list) invalidates the report
    path = store._path(C._report_key("one_moment", C.settings_now(20, 3), ["foc_as_printed"]))
    data = json.loads(path.read_text())
    dep = tmp_path / "dep.py"
    dep.write_text("x = 1\n")
    data["deps"][str(dep)] = sources._digest(dep)
    path.write_text(json.dumps(data))
    assert C.get_report(store, "one_moment", 20, 3, ["foc_as_printed"]) is not None
    dep.write_text("x = 2\n")
    assert C.get_report(store, "one_moment", 20, 3, ["foc_as_printed"]) is None


def test_docs_read_verdicts_from_the_cache(tmp_path, monkeypatch):
    import importlib.util
    from pathlib import Path

    from derivations import one_moment

    monkeypatch.setenv("SYMMECH_CACHE_DIR", str(tmp_path))
    spec = importlib.util.spec_from_file_location("gen_pages", Path(__file__).parent.parent / "docs" / "gen_pages.py")
    gp = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gp)
    assert gp._cached_report(one_moment.DERIVATION, 20, 3).results == []       # nothing checked yet
    one_moment.DERIVATION.verify(digits=20, samples=3, only=["foc_as_printed"], cache=True)
    rep = gp._cached_report(one_moment.DERIVATION, 20, 3)
    # the pinned expected failure and its corrected twin (checked along with it)
    assert [(r.claim.id, r.verdict.status.value) for r in rep.results] == [("foc_at_ktilde", "proved"),
                                                                           ("foc_as_printed", "refuted")]
    text = gp.page(one_moment.DERIVATION, rep)
    assert "not in the verdict cache" in text and "k = 1/2" in text


def test_every_core_entry_exists():
    """The proof-core sources whose digests key every verdict: a renamed or moved module must not drop out
    of the key silently."""
    for entry in sources.CORE:
        assert (sources._PKG / entry).exists(), entry
