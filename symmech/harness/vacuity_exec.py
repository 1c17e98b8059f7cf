"""Running a derivation's module with its model values open to perturbation (for :mod:`symmech.harness.vacuity`).

The module's source is parsed and every *binding* becomes a **site**: an assignment ``NAME = value`` (at module
level or inside a function: ``_claims()``'s locals included), a ``def NAME`` and a name imported from the
derivations' own package (``from derivations._hh_common import two_types``).  Each site's value passes through
one hook, :func:`_site`, and a function's results through :func:`_returned`.  The hook reads one state object:

* neutral (``mode=None``): values pass unchanged -- the module computes what it always computes;
* ``record``: every value is recorded the first time its site runs, and the sites that run while a claim is
  checked are noted (so a perturbation of a site that runs only at check time knows the claims it reaches);
* ``perturb``: the one active :class:`~symmech.harness.vacuity_perturb.Perturbation` rewrites the values of
  its site; every other value passes unchanged.

Functions are *always* wrapped (in every mode), so the objects of a neutral run and of a perturbed run differ
only where the perturbation reached: claims are then compared by their content fingerprint
(:func:`symmech.engine.fingerprint.claim_key`, computed with the state neutral).

Each run executes the instrumented code afresh in a new module object registered under one private name (the
same for every run of a derivation, so functions' fingerprints match across runs); nothing of the derivation's
real module is changed.
"""
from __future__ import annotations

import ast
import contextlib
import functools
import sys
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

HOOK = "__symmech_site__"

Key = tuple[str, int]          # (name, line)


@dataclass(frozen=True)
class Site:
    """A binding of the derivation's source: ``kind`` is ``assign``, ``def`` or ``import``; ``refs`` the names
    its value is computed from (loads in the right-hand side, or in a function's body)."""

    key: Key
    kind: str
    refs: frozenset

    @property
    def name(self) -> str:
        return self.key[0]

    @property
    def line(self) -> int:
        return self.key[1]


# --------------------------------------------------------------------------------------------------
# the state and the hook (module-level, stable: their fingerprints do not depend on the run)
# --------------------------------------------------------------------------------------------------
class _State:
    __slots__ = ("mode", "active", "fired", "seen")

    def __init__(self) -> None:
        self.mode = None        # None | "record" | "perturb"
        self.active = None      # the Perturbation of a "perturb" run
        self.fired = None       # a set collecting the keys of the sites that run (or None)
        self.seen = None        # key -> first value (a "record" run)


_STATE = _State()


def _site(key: Key, value: Any) -> Any:
    """The value bound at site ``key``: a function is wrapped (its results are the site's values)."""
    if isinstance(value, types.FunctionType):
        return _wrap(key, value)
    return _pass(key, value)


def _pass(key: Key, value: Any) -> Any:
    st = _STATE
    if st.mode is None:
        return value
    if st.fired is not None:
        st.fired.add(key)
    if st.mode == "record":
        if st.seen is not None and key not in st.seen:
            st.seen[key] = value
        return value
    p = st.active
    if p is not None and p.key == key:
        return p.apply(value)
    return value


def _wrap(key: Key, fn: types.FunctionType):
    @functools.wraps(fn)
    def site_function(*args, **kwargs):
        return _pass(key, fn(*args, **kwargs))

    return site_function


@contextlib.contextmanager
def state(mode=None, active=None, fired=None, seen=None) -> Iterator[_State]:
    """Set the hook's state for a block (restored after it)."""
    old = (_STATE.mode, _STATE.active, _STATE.fired, _STATE.seen)
    _STATE.mode, _STATE.active, _STATE.fired, _STATE.seen = mode, active, fired, seen
    try:
        yield _STATE
    finally:
        _STATE.mode, _STATE.active, _STATE.fired, _STATE.seen = old


# --------------------------------------------------------------------------------------------------
# instrumentation
# --------------------------------------------------------------------------------------------------
def _loads(nodes) -> frozenset:
    out = set()
    for node in nodes:
        if node is None:
            continue
        for sub in ast.walk(node):
            if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Load) and sub.id != HOOK:
                out.add(sub.id)
    return frozenset(out)


def _hook_call(name: str, line: int, value: ast.expr) -> ast.Call:
    key = ast.Tuple([ast.Constant(name), ast.Constant(line)], ast.Load())
    return ast.Call(ast.Name(HOOK, ast.Load()), [key, value], [])


def _rebind(name: str, line: int) -> ast.Assign:
    return ast.Assign([ast.Name(name, ast.Store())], _hook_call(name, line, ast.Name(name, ast.Load())))


class _Instrument(ast.NodeTransformer):
    """Route every binding of the module through the hook; collect the sites."""

    def __init__(self, package: str) -> None:
        self.sites: dict[Key, Site] = {}
        #: names bound otherwise (loop and comprehension targets, unpacking, augmented assignment, ``with``):
        #: name -> the names their values are computed from
        self.aux: dict[str, set] = {}
        self.package = package
        self._in_class = 0

    def _aux(self, target: ast.AST, refs: frozenset) -> None:
        for sub in ast.walk(target):
            if isinstance(sub, ast.Name):
                self.aux.setdefault(sub.id, set()).update(refs)

    def visit_For(self, node):
        self._aux(node.target, _loads([node.iter]))
        return self.generic_visit(node)

    visit_AsyncFor = visit_For

    def visit_comprehension(self, node: ast.comprehension):
        self._aux(node.target, _loads([node.iter]))
        return self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign):
        self._aux(node.target, _loads([node.value, node.target]))
        return self.generic_visit(node)

    def visit_NamedExpr(self, node: ast.NamedExpr):
        self._aux(node.target, _loads([node.value]))
        return self.generic_visit(node)

    def visit_With(self, node):
        for item in node.items:
            if item.optional_vars is not None:
                self._aux(item.optional_vars, _loads([item.context_expr]))
        return self.generic_visit(node)

    visit_AsyncWith = visit_With

    def _add(self, name: str, line: int, kind: str, refs: frozenset) -> None:
        self.sites.setdefault((name, line), Site((name, line), kind, refs))

    def visit_ClassDef(self, node: ast.ClassDef):
        self._in_class += 1
        try:
            self.generic_visit(node)
        finally:
            self._in_class -= 1
        return node

    def visit_Assign(self, node: ast.Assign):
        self.generic_visit(node)
        if not (len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
            for t in node.targets:
                self._aux(t, _loads([node.value]))
        if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) and not self._in_class:
            name = node.targets[0].id
            self._add(name, node.lineno, "assign", _loads([node.value]))
            node.value = _hook_call(name, node.lineno, node.value)
        return node

    def visit_AnnAssign(self, node: ast.AnnAssign):
        self.generic_visit(node)
        if node.value is not None and isinstance(node.target, ast.Name) and not self._in_class:
            name = node.target.id
            self._add(name, node.lineno, "assign", _loads([node.value]))
            node.value = _hook_call(name, node.lineno, node.value)
        return node

    def _visit_def(self, node):
        in_class = self._in_class
        self._in_class = 0            # a function's body is not a class body
        try:
            self.generic_visit(node)
        finally:
            self._in_class = in_class
        if in_class:
            return node
        args = node.args
        params = {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs}
        params |= {a.arg for a in (args.vararg, args.kwarg) if a is not None}
        local = {sub.id for stmt in node.body for sub in ast.walk(stmt)
                 if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store)}
        refs = _loads(node.body) - params - local - {node.name}
        self._add(node.name, node.lineno, "def", refs)
        return [node, ast.copy_location(_rebind(node.name, node.lineno), node)]

    visit_FunctionDef = _visit_def
    visit_AsyncFunctionDef = _visit_def

    def visit_ImportFrom(self, node: ast.ImportFrom):
        own = node.level > 0 or (node.module or "").split(".")[0] == self.package
        if not own or self._in_class:
            return node
        out: list[ast.stmt] = [node]
        for alias in node.names:
            if alias.name == "*":
                continue
            name = alias.asname or alias.name
            self._add(name, node.lineno, "import", frozenset())
            out.append(ast.copy_location(_rebind(name, node.lineno), node))
        return out


@dataclass
class Instrumented:
    """The instrumented code of a module, its sites, and the names bound otherwise with what they read."""

    code: types.CodeType
    sites: dict[Key, Site]
    aux: dict[str, frozenset]

    def derived(self, key: Key, perturbable: set) -> bool:
        """Whether the value of site ``key`` is computed from a perturbable value: its references, followed
        through loop targets, unpacked names and sites whose values are not perturbable (a symbol, a flag),
        reach a perturbable name other than its own."""
        site = self.sites.get(key)
        todo = list(site.refs if site is not None else ())
        by_name: dict[str, set] = {}
        for k, s in self.sites.items():
            by_name.setdefault(k[0], set()).update(s.refs)
        seen = {key[0]}
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            if name in perturbable:
                return True
            todo.extend(self.aux.get(name, ()))
            todo.extend(by_name.get(name, ()))
        return False


def instrument(source: str, filename: str, package: str = "derivations") -> Instrumented:
    """The module's code with every binding routed through the hook, its sites and other bindings."""
    tree = ast.parse(source, filename)
    tool = _Instrument(package)
    tree = tool.visit(tree)
    ast.fix_missing_locations(tree)
    return Instrumented(compile(tree, filename, "exec", dont_inherit=True), tool.sites,
                        {k: frozenset(v) for k, v in tool.aux.items()})


# --------------------------------------------------------------------------------------------------
# running the module
# --------------------------------------------------------------------------------------------------
@dataclass
class Source:
    """Where a derivation comes from: its module's file, name, package and the attribute holding it."""

    file: Path
    module: str
    package: str
    attribute: str

    @property
    def private_name(self) -> str:
        return f"{self.module}__vacuity"


def find_source(deriv) -> Source:
    """The module defining ``deriv`` (searched among the imported modules) and its source file."""
    found = []
    for name, module in list(sys.modules.items()):
        if module is None or name.endswith("__vacuity") or name == "__main__":
            continue
        try:
            items = list(vars(module).items())
        except TypeError:
            continue
        found += [(attr != "DERIVATION", name, module, attr) for attr, value in items if value is deriv]
    if not found:
        raise LookupError(f"no imported module defines the derivation {deriv.name}")
    _, name, module, attr = min(found, key=lambda t: (t[0], t[1]))
    f = getattr(module, "__file__", None)
    if not f or not f.endswith(".py") or not Path(f).is_file():
        raise LookupError(f"the module {name} defining {deriv.name} has no Python source file")
    return Source(Path(f), name, module.__package__ or "", attr)


def execute(code: types.CodeType, src: Source) -> types.ModuleType:
    """Run the instrumented code in a fresh module registered under ``src.private_name`` (left registered: the
    fingerprints of its functions look the module up; :func:`forget` removes it)."""
    module = types.ModuleType(src.private_name)
    module.__file__ = str(src.file)
    module.__package__ = src.package
    module.__dict__[HOOK] = _site
    sys.modules[src.private_name] = module
    exec(code, module.__dict__)
    return module


def forget(src: Source) -> None:
    sys.modules.pop(src.private_name, None)
