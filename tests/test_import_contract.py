"""The import contract: ``lint-imports`` keeps the contracts of ``pyproject.toml``, and they cover the whole
package (a module added at the top of ``symmech`` must be listed, or the kernel could import it)."""
from __future__ import annotations

import pathlib
import pkgutil
import subprocess
import sys

import symmech

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _contracts() -> list[dict]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return data["tool"]["importlinter"]["contracts"]


def test_lint_imports_keeps_every_contract():
    out = subprocess.run([sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; "
                          "sys.exit(lint_imports_command())"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "0 broken" in out.stdout


def test_the_kernel_contract_lists_every_other_module():
    (kernel,) = [c for c in _contracts() if c["source_modules"] == ["symmech.kernel"]]
    top = {f"symmech.{m.name}" for m in pkgutil.iter_modules(symmech.__path__)} - {"symmech.kernel"}
    assert top <= set(kernel["forbidden_modules"]), sorted(top - set(kernel["forbidden_modules"]))


def test_the_kernel_imports_only_the_standard_library_and_its_numeric_base():
    import grimp

    graph = grimp.build_graph("symmech", include_external_packages=True)
    allowed_external = {"sympy", "mpmath", "flint"}
    bad = []
    for mod in graph.find_descendants("symmech.kernel") | {"symmech.kernel"}:
        for imp in graph.find_modules_directly_imported_by(mod):
            top = imp.split(".")[0]
            if imp.startswith("symmech.kernel") or top in allowed_external or top in sys.stdlib_module_names:
                continue
            bad.append(f"{mod} -> {imp}")
    assert not bad, bad
