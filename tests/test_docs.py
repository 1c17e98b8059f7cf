"""The documentation builds (mkdocs --strict) and its derivation pages come from the code."""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _gen_pages():
    spec = importlib.util.spec_from_file_location("symmech_docs_gen_pages", ROOT / "docs" / "gen_pages.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_derivation_page_lists_every_claim_and_source():
    import derivations.one_moment as om

    text = _gen_pages().page(om.DERIVATION)
    assert om.DERIVATION.title in text and "Verdicts were not computed" in text
    for c in om.DERIVATION.claims:
        assert f"`{c.id}`" in text and c.source in text
    assert r"\xi^{*} :=" in text and "W_{-1}" in text


def test_derivation_page_with_verdicts():
    import derivations.one_moment as om

    gen = _gen_pages()
    rep = om.DERIVATION.verify(digits=20, samples=2, only=["foc_as_printed", "ktilde_in_bracket"])
    text = gen.page(om.DERIVATION, rep)
    assert "**refuted** (exact)" in text and "**proved** (symbolic)" in text
    assert "Counterexample: k = 1/2" in text


@pytest.mark.skipif(importlib.util.find_spec("mkdocs") is None or importlib.util.find_spec("mkdocstrings") is None,
                    reason="mkdocs/mkdocstrings not installed (pip install -e '.[docs]')")
def test_mkdocs_build_strict(tmp_path):
    env = dict(os.environ, SYMMECH_DOCS_VERIFY="0")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(ROOT / "mkdocs.yml"),
                           "-d", str(tmp_path / "site")], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    site = tmp_path / "site"
    assert (site / "derivations" / "one_moment" / "index.html").exists()
    assert (site / "api" / "index.html").exists()
    from symmech.engine import registry

    for name in registry.names():  # every bundled derivation has its page, built from the code
        assert (site / "derivations" / name / "index.html").exists()
    html = (site / "derivations" / "one_moment" / "index.html").read_text()
    import derivations.one_moment as om

    for c in om.DERIVATION.claims:
        assert c.id in html
    shutil.rmtree(site, ignore_errors=True)


def test_the_readme_quotes_no_measured_time():
    """Times and counts come from benchmarks/catalog_bench.py (docs/benchmarks.md), never typed by hand."""
    import re

    readme = (ROOT / "README.md").read_text()
    hits = re.findall(r"(?:about|takes|in|cold|warm)[^.\n]{0,20}?\b\d+(?:\.\d+)? ?(?:s|ms|seconds|minutes)\b", readme)
    assert not hits, hits
