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


def _floors() -> set[str]:
    """The packages at the top of ``symmech`` (the root's ``__main__`` is the command line's entry)."""
    return {f"symmech.{m.name}" for m in pkgutil.iter_modules(symmech.__path__) if m.name != "__main__"}


def test_the_root_holds_only_the_public_api_and_floor_packages():
    loose = [m.name for m in pkgutil.iter_modules(symmech.__path__) if not m.ispkg and m.name != "__main__"]
    assert not loose, f"modules at the package root (put each on its floor): {loose}"


def test_nothing_inside_imports_the_root_package():
    import grimp

    graph = grimp.build_graph("symmech", include_external_packages=False)
    upward = sorted(graph.find_modules_that_directly_import("symmech") - {"symmech.__main__"})
    assert not upward, f"these import the public root (everything above every floor): {upward}"


def test_the_kernel_contract_lists_every_other_module():
    (kernel,) = [c for c in _contracts() if c.get("source_modules") == ["symmech.kernel"]]
    top = _floors() - {"symmech.kernel"}
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


def _cycles(graph) -> list[set[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index, low, on, stack, out, counter = {}, {}, set(), [], [], [0]
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = set()
                while True:
                    m = stack.pop()
                    on.discard(m)
                    comp.add(m)
                    if m == node:
                        break
                if len(comp) > 1:
                    out.append(comp)
    return out


def test_no_import_circles():
    import grimp

    graph = grimp.build_graph("symmech", include_external_packages=False)
    circles = [sorted(c) for c in _cycles(graph)]
    assert not circles, circles


def test_every_module_is_on_exactly_one_floor():
    (floors,) = [c for c in _contracts() if c["name"].startswith("floors")]
    placed = [m.strip() for layer in floors["layers"] for m in layer.replace("|", ":").split(":")]
    top = _floors()
    assert sorted(placed) == sorted(set(placed)), "a module on two floors"
    assert top == set(placed), (sorted(top - set(placed)), sorted(set(placed) - top))


def test_a_module_longer_than_about_600_lines_says_why_in_its_docstring():
    import ast

    silent = []
    for path in sorted((ROOT / "symmech").rglob("*.py")):
        text = path.read_text()
        if text.count("\n") > 620 and "Length:" not in (ast.get_docstring(ast.parse(text)) or ""):
            silent.append(f"{path.relative_to(ROOT)} ({text.count(chr(10))} lines)")
    assert not silent, f"split these modules or give the reason in a 'Length:' paragraph: {silent}"
