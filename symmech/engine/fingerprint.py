"""Content fingerprints of claims: :func:`claim_key`, the cache key of one claim checked over a scope.

The key hashes the claim's type and every field (SymPy expressions as ``srepr`` with ``Dummy`` indices
renumbered, sub-claims, implication rules), the scope, the settings, and -- for a Python callable -- its code,
defaults, closure cells and the current *values* of the globals and module attributes it reads, recursively,
with the source digests of the project modules it comes from (:mod:`symmech.engine.sources`).  Anything it
cannot describe exactly raises :class:`Uncacheable`.

Length: about 700 lines, one job: :class:`_Encoder` is a single recursive walk over Python values (its cases share
one memo and one session of already fingerprinted values); cutting it into modules would split that walk.
"""
from __future__ import annotations

import abc
import builtins
import dataclasses
import dis
import enum
import functools
import hashlib
import importlib.util
import re
import sys
import types
import typing
import weakref
from fractions import Fraction
from pathlib import Path
from typing import Any, Iterable, Mapping

import sympy as sp
from sympy.core.function import UndefinedFunction

from symmech.tactics import provers
from symmech.claims import Claim
from symmech.engine.sources import _digest, _is_library, _library_version, _module_closure, _project_file, code_version


class Uncacheable(Exception):
    """The claim holds something the cache key cannot describe exactly."""


# --------------------------------------------------------------------------- content fingerprints

_DUMMY = re.compile(r"Dummy\('([^']*)', dummy_index=(\d+)")
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


#: claim fields that only document a claim (editing them re-checks nothing)
_PRESENTATION = ("note", "source", "corrected", "model_free")

#: a fingerprint longer than this is replaced by its hash inside the text that holds it
_HASH_OVER = 256

_MISSING = object()


#: types written out as their repr (exact and address-free)
_ATOMS = (type(None), bool, int, float, complex, str, bytes, Fraction)

#: class attributes that are structure (a class is also described by its module's source digest)
_CLASS_SKIP = frozenset(("__dict__", "__weakref__", "__doc__", "__module__", "__qualname__", "_abc_impl",
                         "__dataclass_params__", "__dataclass_fields__", "__annotations__", "__parameters__",
                         "__orig_bases__", "__firstlineno__", "__static_attributes__"))


def _is_claim(obj: Any) -> bool:
    return isinstance(obj, Claim)


_SYMPY: tuple = ()


def _sympy_types() -> tuple:
    global _SYMPY
    if not _SYMPY:
        _SYMPY = (sp.Basic, sp.MatrixBase)
    return _SYMPY


class _Plain:
    pass


def _sentinel_name(obj: Any) -> str | None:
    """The module-level name of a stateless library object (a sentinel such as ``dataclasses.MISSING``:
    a Python class with no slots, no extra C-level storage and an empty ``__dict__``), else None."""
    cls = type(obj)
    if cls.__basicsize__ > _Plain.__basicsize__ or getattr(obj, "__dict__", None) or \
            any(vars(b).get("__slots__") for b in cls.__mro__):
        return None
    module = sys.modules.get(cls.__module__)
    for name, value in (vars(module).items() if module is not None else ()):
        if value is obj:
            return name
    return None


def _by_name(obj: Any, module: Any, qualname: Any) -> bool:
    """Whether ``module.qualname`` names ``obj`` itself (looked up without running lazy imports)."""
    if not isinstance(module, str) or not isinstance(qualname, str) or "<" in qualname:
        return False
    value: Any = sys.modules.get(module)
    for part in qualname.split("."):
        try:
            value = vars(value).get(part, _MISSING)
        except TypeError:
            return False
        if value is _MISSING:
            return False
    return value is obj


# What code reads: for every load of a global/builtin, local or free name and for every import, the
# chain of attributes read from it (``np.linalg.norm`` -> (("global", "np"), ("linalg", "norm"))).
_LOADS = {"LOAD_GLOBAL": "global", "LOAD_NAME": "global", "LOAD_FAST": "local", "LOAD_DEREF": "local",
          "LOAD_CLOSURE": "local", "LOAD_CLASSDEREF": "local", "LOAD_FAST_CHECK": "local"}
_STORES = ("STORE_FAST", "STORE_DEREF", "STORE_NAME", "STORE_GLOBAL")
_ATTRS = ("LOAD_ATTR", "LOAD_METHOD")

_READS: Any = weakref.WeakKeyDictionary()


def _code_reads(code: types.CodeType) -> tuple[tuple, dict]:
    """``(chains, aliases)`` of ``code`` and the code nested in it (bytecode only, memoized per code
    object): a chain is ``(root, attribute names)`` with root ``("global", name)``, ``("local", name)`` or
    ``("import", level, module, has fromlist)``; ``aliases`` maps a local name an import binds to its chain."""
    try:
        cached = _READS.get(code)
    except TypeError:  # pragma: no cover - an unhashable constant
        cached = None
    if cached is not None:
        return cached

    chains: set = set()
    aliases: dict = {}
    todo = [code]
    while todo:
        c = todo.pop()
        todo.extend(k for k in c.co_consts if isinstance(k, types.CodeType))
        cur = None          # the chain being read
        imp = None          # the root of the last import
        bound = None        # what the next store binds (after IMPORT_NAME / IMPORT_FROM)
        consts: list = []   # constants loaded just before (an import's level and fromlist)
        for ins in dis.get_instructions(c):
            op = ins.opname
            if op in _ATTRS and cur is not None:
                cur = (cur[0], cur[1] + (ins.argval,))
                continue
            if cur is not None:
                chains.add(cur)
                cur = None
            if op in _LOADS:
                cur = ((_LOADS[op], ins.argval), ())
            elif op == "IMPORT_NAME":
                level = consts[-2] if len(consts) >= 2 and type(consts[-2]) is int else 0
                imp = ("import", level, ins.argval, len(consts) >= 1 and consts[-1] is not None)
                chains.add((imp, ()))
                bound = (imp, ())
            elif op == "IMPORT_FROM" and imp is not None:
                bound = (imp, (ins.argval,))
                chains.add(bound)
                continue
            elif op in _STORES:
                if bound is not None:
                    aliases[ins.argval] = bound
            consts = consts + [ins.argval] if op == "LOAD_CONST" else []
            if op not in ("IMPORT_NAME", "IMPORT_FROM"):
                bound = None if op not in ("COPY", "SWAP", "ROT_TWO", "DUP_TOP") else bound
        if cur is not None:
            chains.add(cur)
    out = (tuple(sorted(chains, key=repr)), aliases)
    try:
        _READS[code] = out
    except TypeError:  # pragma: no cover
        pass
    return out


class _Session:
    """Memos shared by the keys of one :func:`keys_for` call.  Nothing runs between those keys, so what
    was fingerprinted for one claim stands for the next; every memoized object is held here, so its
    ``id`` is not reused while the session lives."""

    def __init__(self) -> None:
        self.nodes: dict[int, tuple] = {}           # id -> (obj, text, modules, members in numbering order)
        self.srepr: dict[int, tuple[Any, str]] = {}  # id -> (expr, srepr before Dummies are renumbered)
        self.code: dict[int, tuple[types.CodeType, str]] = {}
        self.closures: dict[str, dict[str, str]] = {}
        self.unloaded: dict[str, tuple[str, bool]] = {}
        self.libs: set[str] = set()                   # top-level library packages named in the keys
        self.files: dict[str, str] = {}               # digests of user modules outside symmech/derivations
        self.version: str | None = None

    def code_version(self) -> str:
        if self.version is None:
            self.version = code_version()
        return self.version

    def module_closure(self, name: str) -> dict[str, str]:
        if name not in self.closures:
            self.closures[name] = _module_closure(name)
        return self.closures[name]


class _Frame:
    __slots__ = ("start", "low", "modules", "dummies")

    def __init__(self, start: int) -> None:
        self.start = start
        self.low = start
        self.modules: set[str] = set()
        self.dummies = False


class _Encoder:
    """A canonical text for a claim (or scope): equal text iff equal content (for what it can see).

    A Python callable (function, lambda, ``functools.partial``, bound method, callable object) is
    described by what it computes with: its code with the constants of nested code objects, its default
    and keyword-default arguments, the contents of its closure cells, and the current *values* of the
    globals, builtins and module attributes its code reads (``np.linalg.norm`` looks ``np`` up in the
    function's globals, then ``linalg`` and ``norm`` in the modules found; imports inside the function
    are followed too), recursively through the functions, classes (bases, methods, class attributes) and
    objects so reached, with a cycle guard.  Functions, classes and module-level callables of libraries
    (the standard library and installed packages: SymPy, NumPy, mpmath, ...) are named by qualified name
    and library version; a module of this project also brings its source digest.  Values are described
    by content: SymPy objects by ``srepr``, numbers, strings, Fractions, containers of those,
    dataclasses by their fields (a dataclass of this project by its fields only: its other attributes
    are memos), objects of user classes by their attributes, modules by name; dicts and sets as
    unordered collections.  An object is described once; a later reference to it is ``#n`` (its place
    in the order of description).

    A value with no exact content description -- an object whose only representation is its address,
    an open file, a random generator with its state, a lock, an iterator, an object of a library class
    not listed in :meth:`_enc_library_value` -- raises :class:`Uncacheable`: a claim holding or reading
    one is neither stored nor served from the cache; its verdict is recomputed on every run.  Nothing is
    keyed by identity or type name alone.

    Not seen: what a callable reaches only at run time (``getattr`` with a computed name,
    ``importlib.import_module``, methods of an object passed in or built at run time), the contents of
    ``functools.lru_cache`` memos (taken to memoize pure functions), and files or environment variables
    read at check time.
    """

    def __init__(self, session: _Session | None = None) -> None:
        self.dummies: dict[str, int] = {}
        self.modules: set[str] = set()
        self.session = session if session is not None else _Session()
        self._num: dict[int, int] = {}     # id -> place in the order of description
        self._order: list[Any] = []        # the objects described (held: their ids stay theirs)
        self._frames: list[_Frame] = [_Frame(0)]

    # -- bookkeeping ---------------------------------------------------------------------------------

    def _srepr(self, e) -> str:
        hit = self.session.srepr.get(id(e))
        if hit is None or hit[0] is not e:
            hit = self.session.srepr[id(e)] = (e, sp.srepr(e))
        text = hit[1]
        if "Dummy(" not in text:
            return text
        self._frames[-1].dummies = True

        def renumber(m: re.Match) -> str:
            n = self.dummies.setdefault(m.group(2), len(self.dummies))
            return f"Dummy('{m.group(1)}', dummy_index=#{n}"

        return _DUMMY.sub(renumber, text)

    def _lib_ref(self, kind: str, module: str, name: str) -> str:
        top = module.split(".")[0]
        self.session.libs.add(top)
        return f"{kind}:{module}.{name}@{_library_version(top)}"

    def _note_file(self, mod: Any) -> None:
        """A user module outside ``symmech``/``derivations`` (whose digests are taken anyway): its source
        file is a dependency of a stored whole report."""
        if not isinstance(mod, str) or mod.split(".")[0] in ("symmech", "derivations") or _is_library(mod):
            return
        f = getattr(sys.modules.get(mod), "__file__", None)
        if f and f not in self.session.files and Path(f).is_file():
            self.session.files[f] = _digest(Path(f))

    def _note_module(self, mod: str | None) -> None:
        if mod and mod.split(".")[0] in ("symmech", "derivations"):
            self.modules.add(mod)
            self._frames[-1].modules.add(mod)

    # -- dispatch ------------------------------------------------------------------------------------

    def enc(self, obj: Any) -> str:
        cls = type(obj)
        if cls in _ATOMS:
            return f"{cls.__name__}:{obj!r}"
        if obj is Ellipsis or obj is NotImplemented:
            return repr(obj)
        if isinstance(obj, enum.Enum):
            return f"enum:{self.enc(cls)}.{obj.name}"
        if isinstance(obj, _sympy_types()):
            return "sympy:" + self._srepr(obj)
        if cls is tuple or cls is frozenset:  # immutable: written in place, never numbered
            return self._enc_container(obj)
        if isinstance(obj, types.CodeType):
            return self._enc_code(obj)
        return self._node(obj)

    def _node(self, obj: Any) -> str:
        """``obj`` described once per encoder (a later reference is ``#n`` relative to the object
        being described), and once per session when its description stands alone (refers to nothing
        described before it, holds no Dummy)."""
        key = id(obj)
        frame = self._frames[-1]
        n = self._num.get(key)
        if n is not None:
            frame.low = min(frame.low, n)
            return f"#{n - frame.start}"
        hit = self.session.nodes.get(key)
        if hit is not None and hit[0] is obj and not any(id(m) in self._num for m in hit[3]):
            for m in hit[3]:
                self._num[id(m)] = len(self._order)
                self._order.append(m)
            for mod in hit[2]:
                self._note_module(mod)
            return hit[1]
        start = len(self._order)
        self._num[key] = start
        self._order.append(obj)
        inner = _Frame(start)
        self._frames.append(inner)
        try:
            text = self._enc_value(obj)
        finally:
            self._frames.pop()
        if len(text) > _HASH_OVER:
            text = f"h:{hashlib.sha256(text.encode()).hexdigest()}"
        frame.low = min(frame.low, inner.low)
        frame.modules |= inner.modules
        frame.dummies |= inner.dummies
        self.modules |= inner.modules
        if inner.low >= start and not inner.dummies:
            self.session.nodes[key] = (obj, text, frozenset(inner.modules), tuple(self._order[start:]))
        return text

    def _enc_value(self, obj: Any) -> str:
        cls = type(obj)
        if isinstance(obj, types.ModuleType):
            return self._enc_module(obj)
        if isinstance(obj, type):
            return self._enc_class(obj)
        if isinstance(obj, types.FunctionType):
            if _is_library(obj.__module__) and _by_name(obj, obj.__module__, obj.__qualname__):
                return self._lib_ref("fn", obj.__module__, obj.__qualname__)
            return self._enc_function(obj)
        if isinstance(obj, types.MethodType):
            return f"method({self.enc(obj.__self__)};{self.enc(obj.__func__)})"
        if isinstance(obj, types.BuiltinFunctionType):  # builtin functions and methods
            owner = obj.__self__
            if owner is None or isinstance(owner, types.ModuleType):
                module = getattr(obj, "__module__", None) or getattr(owner, "__name__", None) or "builtins"
                return self._lib_ref("builtin", module, obj.__qualname__)
            return f"builtin-method({self.enc(owner)}.{obj.__name__})"
        if isinstance(obj, (types.MethodDescriptorType, types.WrapperDescriptorType, types.ClassMethodDescriptorType)):
            return f"descriptor({self.enc(obj.__objclass__)}.{obj.__name__})"
        if isinstance(obj, types.MethodWrapperType):
            return f"method-wrapper({self.enc(obj.__self__)}.{obj.__name__})"
        if isinstance(obj, functools.partial):
            return (f"partial({self.enc(obj.func)};{self.enc(obj.args)};{self.enc(dict(obj.keywords))};"
                    f"{self._enc_attrs(getattr(obj, '__dict__', None) or {})})")
        if isinstance(obj, (classmethod, staticmethod)):
            return f"{cls.__name__}({self.enc(obj.__func__)})"
        if isinstance(obj, property):
            return f"property({self.enc(obj.fget)};{self.enc(obj.fset)};{self.enc(obj.fdel)})"
        if isinstance(obj, functools.cached_property):
            return f"cached_property({self.enc(obj.func)})"
        if cls.__name__ == "_lru_cache_wrapper" and cls.__module__ == "functools":
            return f"lru_cache({self.enc(obj.__wrapped__)})"
        if isinstance(obj, (list, tuple, set, frozenset, dict, types.MappingProxyType)):
            return self._enc_container(obj)
        special = self._enc_library_value(obj)
        if special is not None:
            return special
        if _is_library(cls.__module__) and not dataclasses.is_dataclass(obj):
            if callable(obj) and _by_name(obj, getattr(obj, "__module__", None), getattr(obj, "__qualname__", None)):
                return self._lib_ref("obj", obj.__module__, obj.__qualname__)  # a module-level callable (ufunc, ...)
            name = _sentinel_name(obj)
            if name is not None:
                return self._lib_ref("sentinel", cls.__module__, name)
            raise Uncacheable(f"{cls.__module__}.{cls.__qualname__} has no content representation")
        return self._enc_instance(obj)

    # -- containers and objects ----------------------------------------------------------------------

    def _container_head(self, cls: type) -> str:
        names = {list: "list", tuple: "tuple", set: "set", frozenset: "set", dict: "map",
                 types.MappingProxyType: "map"}
        return names.get(cls) or self.enc(cls)

    def _enc_container(self, obj: Any) -> str:
        cls = type(obj)
        head = self._container_head(cls)
        if isinstance(obj, (list, tuple)):
            body = "[" + ",".join(self.enc(x) for x in obj) + "]"
        elif isinstance(obj, (set, frozenset)):
            body = "{" + ",".join(sorted(self.enc(x) for x in obj)) + "}"
        else:
            items = sorted((self.enc(k), self.enc(v)) for k, v in obj.items())
            body = "{" + ",".join(f"{k}=>{v}" for k, v in items) + "}"
            factory = getattr(obj, "default_factory", None)
            if factory is not None:
                body += f"factory={self.enc(factory)}"
        if cls in (list, tuple, set, frozenset, dict, types.MappingProxyType):
            return head + body
        if _is_library(cls.__module__) and not isinstance(obj, tuple) and \
                f"{cls.__module__}.{cls.__qualname__}" not in ("collections.OrderedDict", "collections.defaultdict",
                                                              "collections.Counter"):
            raise Uncacheable(f"{cls.__module__}.{cls.__qualname__} has no content representation")
        state = getattr(obj, "__dict__", None)   # a user subclass: its attributes too
        return head + body + (self._enc_attrs(state) if state else "")

    def _enc_attrs(self, state: Mapping[str, Any]) -> str:
        return "{" + ",".join(f"{k}={self.enc(v)}" for k, v in sorted(state.items())) + "}"

    def _enc_instance(self, obj: Any) -> str:
        """An object of a user class (or a dataclass): its class and its attributes."""
        cls = type(obj)
        own = _is_claim(obj) or (_project_file(sys.modules.get(cls.__module__)) is not None
                                 and dataclasses.is_dataclass(obj))
        if own:
            # a claim or a data class of this project: its code is versioned by the source digests, and
            # attributes other than its fields are memos (e.g. a Scope's numeric cache)
            self._note_module(cls.__module__)
            head = f"{cls.__module__}.{cls.__qualname__}"
        else:
            head = self.enc(cls)
        if dataclasses.is_dataclass(obj):
            skip = _PRESENTATION if _is_claim(obj) else ()
            names = [f.name for f in dataclasses.fields(obj)]
            fields = [(n, getattr(obj, n)) for n in names if n not in skip]
            text = head + "(" + ",".join(f"{n}={self.enc(v)}" for n, v in fields) + ")"
            extra = {k: v for k, v in (getattr(obj, "__dict__", None) or {}).items() if k not in names}
            return text + (self._enc_attrs(extra) if extra and not own else "")
        for base in cls.__mro__[1:]:
            if base not in (object, abc.ABC, typing.Generic, typing.Protocol) and _is_library(base.__module__):
                raise Uncacheable(f"{cls.__qualname__} keeps state in the library class {base.__qualname__}")
        if isinstance(obj, (int, float, complex, str, bytes, Fraction)):
            raise Uncacheable(f"{cls.__qualname__} subclasses a number or string type")
        slots = []
        for base in cls.__mro__:
            declared = vars(base).get("__slots__", ())
            slots += [declared] if isinstance(declared, str) else [s for s in declared
                                                                    if s not in ("__dict__", "__weakref__")]
        state = getattr(obj, "__dict__", None)
        if state is None and not slots:
            raise Uncacheable(f"{cls.__qualname__} has no content representation")
        parts = [f"{k}={self.enc(v)}" for k, v in sorted((state or {}).items())]
        for s in slots:
            v = getattr(obj, s, _MISSING)
            parts.append(f"slot {s}=" + ("<unset>" if v is _MISSING else self.enc(v)))
        call = getattr(cls, "__call__", None)
        extra = f";call={self.enc(call)}" if isinstance(call, types.FunctionType) else ""
        return head + "{" + ",".join(parts) + "}" + extra

    def _enc_library_value(self, obj: Any) -> str | None:
        """Values of library types with an exact content description; None for any other."""
        cls = type(obj)
        mod = cls.__module__
        if isinstance(obj, (range, slice)):
            return f"{cls.__name__}:{obj!r}"
        if isinstance(obj, re.Pattern):
            return f"re({obj.pattern!r};{obj.flags})"
        if isinstance(obj, types.SimpleNamespace):
            return "namespace" + self._enc_attrs(vars(obj))
        if mod == "decimal" and cls.__name__ == "Decimal":
            return f"decimal:{obj!r}"
        if mod == "collections" and cls.__name__ == "deque":
            return "deque[" + ",".join(self.enc(x) for x in obj) + f"];maxlen={obj.maxlen}"
        if mod == "_contextvars" and cls.__name__ == "ContextVar":
            value = obj.get(_MISSING)
            return f"contextvar:{obj.name}=" + ("<unset>" if value is _MISSING else self.enc(value))
        if mod == "typing":
            text = repr(obj)
            return None if _ADDRESS.search(text) else f"typing:{text}"
        top = mod.split(".")[0]
        if top == "sympy":
            return self._lib_ref("obj", "sympy", "S") if obj is sp.S else None
        if top == "mpmath":
            if hasattr(obj, "_mpf_"):
                return f"mpf:{obj._mpf_!r}"
            if hasattr(obj, "_mpc_"):
                return f"mpc:{obj._mpc_!r}"
            if hasattr(obj, "prec") and hasattr(obj, "workprec"):  # a context: its precision is state
                return (self._lib_ref("ctx", mod, cls.__qualname__)
                        + f"(prec={obj.prec};trap_complex={getattr(obj, 'trap_complex', None)})")
            return None
        if top == "numpy":
            import numpy as np  # lazy: NumPy is loaded only by the numeric searches and LPs

            if isinstance(obj, np.ndarray):
                if obj.dtype.hasobject:
                    return f"ndarray({obj.shape};" + self.enc(obj.tolist()) + ")"
                data = hashlib.sha256(np.ascontiguousarray(obj).tobytes()).hexdigest()
                return f"ndarray({obj.dtype.str};{obj.shape};{data})"
            if isinstance(obj, np.generic) and not obj.dtype.hasobject:
                return f"np:{obj.dtype.str}:{obj.item()!r}"
            if isinstance(obj, np.dtype):
                return f"dtype:{obj.str}"
            return None
        if top == "flint" and cls.__name__ == "FlintContext":   # precision and printing settings
            text = repr(obj)
            return None if _ADDRESS.search(text) else f"flint-context:{text}"
        if top == "flint" and cls.__name__ in ("fmpz", "fmpq", "fmpz_poly", "fmpq_poly", "fmpz_mat", "fmpq_mat"):
            return f"flint.{cls.__name__}:{obj!r}"
        return None

    # -- modules, classes, functions -----------------------------------------------------------------

    def _enc_module(self, module: types.ModuleType) -> str:
        name = module.__name__
        if _is_library(name):
            return self._lib_ref("module", name, "")
        self._note_module(name)
        self._note_file(name)
        f = getattr(module, "__file__", None)
        if f and _project_file(module) is None and Path(f).is_file():  # a user module outside this checkout
            return f"module:{name}:{_digest(Path(f))}"
        return f"module:{name}"

    def _enc_class(self, cls: type) -> str:
        if isinstance(cls, UndefinedFunction):
            return f"sympy-function:{cls.__name__};{self.enc(dict(cls._kwargs))};{self.enc(cls.nargs)}"
        mod = cls.__module__
        if _is_library(mod) and _by_name(cls, mod, cls.__qualname__):
            return self._lib_ref("cls", mod, cls.__qualname__)
        # a user class: its metaclass, bases, methods and class attributes
        self._note_module(mod)
        self._note_file(mod)
        meta = type(cls)
        bases = ",".join("object" if b is object else self.enc(b) for b in cls.__bases__)
        attrs = []
        for name, value in sorted(vars(cls).items()):
            if name in _CLASS_SKIP or isinstance(value, (types.MemberDescriptorType, types.GetSetDescriptorType,
                                                         types.WrapperDescriptorType)):
                continue
            attrs.append(f"{name}={self.enc(value)}")
        if dataclasses.is_dataclass(cls):
            for f in dataclasses.fields(cls):
                factory = f.default_factory
                attrs.append(f"field {f.name}=" + ("-" if factory is dataclasses.MISSING else self.enc(factory)))
        return (f"class:{mod}.{cls.__qualname__}" + ("" if meta is type else f"[{self.enc(meta)}]")
                + f"({bases}){{" + ",".join(attrs) + "}")

    def _enc_function(self, fn: types.FunctionType) -> str:
        self._note_module(fn.__module__)
        self._note_file(fn.__module__)
        code = fn.__code__
        parts = [f"fn:{fn.__module__}.{fn.__qualname__}", self._enc_code(code),
                 self.enc(fn.__defaults__ or ()), self.enc(fn.__kwdefaults__ or {})]
        cells: dict[str, Any] = {}
        if fn.__closure__:
            texts = []
            for name, cell in zip(code.co_freevars, fn.__closure__):
                try:
                    cells[name] = cell.cell_contents
                except ValueError:  # an empty cell
                    texts.append("<empty>")
                    continue
                texts.append(self.enc(cells[name]))
            parts.append("closure[" + ",".join(texts) + "]")
        parts.append(self._enc_reads(code, fn.__globals__, cells))
        if fn.__dict__:
            parts.append("attrs" + self._enc_attrs({k: v for k, v in fn.__dict__.items() if k != "__wrapped__"}))
        return "(" + ";".join(parts) + ")"

    def _enc_reads(self, code: types.CodeType, globs: Mapping[str, Any], cells: Mapping[str, Any]) -> str:
        """The current values of the globals, builtins and module attributes ``code`` reads."""
        chains, aliases = _code_reads(code)
        b = globs.get("__builtins__", builtins)
        bdict = vars(b) if isinstance(b, types.ModuleType) else b
        package = globs.get("__package__") or None
        out: list[str] = []

        def resolve(root: tuple, depth: int = 0) -> tuple[Any, str]:
            kind = root[0]
            if kind == "global":
                name = root[1]
                if name in globs:
                    return globs[name], name
                return bdict.get(name, _MISSING), name
            if kind == "local":
                name = root[1]
                if name in aliases and depth < 8:
                    alias_root, attrs = aliases[name]
                    value, label = resolve(alias_root, depth + 1)
                    return walk(value, label, attrs, record=False) if label else (_MISSING, "")
                if name in cells:
                    return cells[name], f"cell {name}"
                return _MISSING, ""   # a plain local variable: computed at run time
            _, level, modname, fromlist = root
            try:
                absname = importlib.util.resolve_name("." * level + modname, package) if level else modname
            except (ImportError, ValueError):
                return _MISSING, f"import {'.' * level}{modname}"
            parts = absname.split(".")
            for i in range(1, len(parts) + 1):   # every package on the way is imported by the statement
                sub = ".".join(parts[:i])
                if sub not in sys.modules:
                    return _MISSING, f"import {sub}:" + self._unloaded(sub)
            target = absname if fromlist else parts[0]
            return sys.modules[target], f"import {target}"

        def walk(value: Any, label: str, attrs: tuple, record: bool = True) -> tuple[Any, str]:
            for a in attrs:
                if not isinstance(value, types.ModuleType):
                    break   # an attribute of a value: the value as a whole is described
                if record:
                    out.append(f"{label}={self.enc(value)}")
                nxt = vars(value).get(a, _MISSING)
                sub = f"{value.__name__}.{a}"
                if nxt is _MISSING and sub in sys.modules:
                    nxt = sys.modules[sub]
                label = f"{label}.{a}"
                if nxt is _MISSING:
                    return _MISSING, (label if _is_library(sub) else f"{label}:" + self._unloaded(sub))
                value = nxt
            return value, label

        for root, attrs in chains:
            value, label = resolve(root)
            if not label:
                continue
            value, label = walk(value, label, attrs)
            out.append(f"{label}=" + ("<absent>" if value is _MISSING else self.enc(value)))
        return "reads[" + ";".join(sorted(set(out))) + "]"

    def _unloaded(self, name: str) -> str:
        """A module not imported yet (the function imports it when it runs): its library's version, or
        the digest of its source file."""
        if _is_library(name):
            return self._lib_ref("module", name, "")
        hit = self.session.unloaded.get(name)
        if hit is not None:
            if hit[1]:
                self._note_module(name)
            return hit[0]
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        if spec is None:
            text, file = "missing", False
        elif not spec.origin or not spec.has_location or not Path(spec.origin).is_file():
            text, file = "no-file", False
        else:
            text, file = f"file:{_digest(Path(spec.origin))}", True
            if name.split(".")[0] not in ("symmech", "derivations"):
                self.session.files[spec.origin] = _digest(Path(spec.origin))
        self.session.unloaded[name] = (text, file)
        if file:
            self._note_module(name)
        return text

    def _enc_code(self, code: types.CodeType) -> str:
        hit = self.session.code.get(id(code))
        text = hit[1] if hit is not None and hit[0] is code else None
        if text is None:
            consts = ",".join(self.enc(c) for c in code.co_consts)
            text = (f"code({hashlib.sha256(code.co_code).hexdigest()};{consts};{','.join(code.co_names)};"
                    f"{','.join(code.co_varnames)};{','.join(code.co_freevars)};{','.join(code.co_cellvars)};"
                    f"{code.co_argcount},{code.co_posonlyargcount},{code.co_kwonlyargcount},{code.co_flags})")
            self.session.code[id(code)] = (code, text)
        return text


def claim_key(claim: Any, scope: Any, settings: Mapping[str, Any], session: _Session | None = None) -> str:
    """The cache key of ``claim`` checked over ``scope`` with ``settings``; raises
    :class:`Uncacheable` when some part has no exact content description (see :class:`_Encoder`)."""
    enc = _Encoder(session)
    try:
        text = "\n".join([enc.enc(claim), enc.enc(scope), enc.enc(dict(settings))])
    except Uncacheable:
        raise
    except RecursionError as exc:
        raise Uncacheable("nested too deeply to describe") from exc
    except Exception as exc:  # noqa: BLE001 - a value that cannot even be read is not described
        raise Uncacheable(f"describing it raised {type(exc).__name__}: {exc}") from exc
    deps: dict[str, str] = {}
    for mod in sorted(enc.modules):
        deps.update(enc.session.module_closure(mod))
    h = hashlib.sha256(enc.session.code_version().encode())
    h.update(text.encode())
    for mod in sorted(deps):
        h.update(f"\n{mod}={deps[mod]}".encode())
    return h.hexdigest()


def settings_now(digits: int, samples: int) -> dict[str, Any]:
    """The settings a verdict depends on, as they are in this context."""
    return {"digits": digits, "samples": samples, "certifier": provers._certifier_enabled.get(),
            "certify_time": provers.certify_time_limit(), "tactic_time": provers.tactic_time_limit()}


def keys_for(claims: Iterable[Any], scope: Any, settings: Mapping[str, Any]) -> list[str | None]:
    """Cache keys of ``claims`` (None for an uncacheable one: its verdict is neither stored nor served).
    The keys share one :class:`_Session`: a value they all read is fingerprinted once."""
    return _keys_in_session(claims, scope, settings, _Session())


def _keys_in_session(claims: Iterable[Any], scope: Any, settings: Mapping[str, Any],
                     session: _Session) -> list[str | None]:
    out: list[str | None] = []
    for c in claims:
        try:
            out.append(claim_key(c, scope, settings, session))
        except Uncacheable:
            out.append(None)
    return out
