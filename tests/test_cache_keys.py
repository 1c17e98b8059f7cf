"""Cache keys of claims that hold callables (issue 25 item 11): a key covers the *values* a callable
computes with -- module globals, module attributes, closure cells, default arguments, helpers it calls,
lazily imported modules -- so a changed value is never answered from the cache; a value with no exact
description makes the claim uncacheable (never stored, checked on every run)."""
import importlib
import random
import subprocess
import sys
import textwrap
from fractions import Fraction

import pytest
import sympy as sp

from symmech import Derivation, Scope, Status
from symmech.engine import cache as C
from symmech.models.multigood.bundling_lp import FiniteFact

SETTINGS = C.settings_now(20, 3)
SCOPE = Scope({})

#: read by the module-level helpers below; the tests change it (monkeypatch restores it)
LIMIT = Fraction(7, 2)
TABLE = {"n": 3}


def _sum_below_limit():
    total = sum(Fraction(1, 2) * i for i in range(3))      # 3/2
    return total <= LIMIT, f"sum = {total}, limit = {LIMIT}"


def _helper_reads_table():
    return TABLE["n"]


def _calls_helper():
    n = _helper_reads_table()
    return n >= 3, f"n = {n}"


def _fact(compute, id="fact"):
    return FiniteFact(id, compute=compute, statement="a finite fact")


def _verify(claim, store, name="keys"):
    deriv = Derivation(name=name, title="cache keys", scope=SCOPE, claims=[claim])
    return deriv.verify(digits=20, samples=3, cache=store).results[0]


def _entries(store):
    return sorted(store.directory.rglob("*.json")) if store.directory.exists() else []


def _key(claim):
    return C.keys_for([claim], SCOPE, SETTINGS)[0]


@pytest.fixture
def tmp_module(tmp_path, monkeypatch):
    """A fresh importable module ``name`` (outside this checkout) with the given source."""
    monkeypatch.syspath_prepend(str(tmp_path))
    made = []

    def make(name, source):
        (tmp_path / f"{name}.py").write_text(textwrap.dedent(source))
        importlib.invalidate_caches()
        made.append(name)
        return importlib.import_module(name)

    yield make
    for name in made:
        sys.modules.pop(name, None)


def test_a_changed_module_global_is_not_served_from_the_cache(tmp_path, monkeypatch):
    """The reproduction: proved and cached, then the global changes so that the fact is false."""
    store = C.VerdictCache(tmp_path)
    claim = _fact(_sum_below_limit)
    first = _verify(claim, store)
    assert first.verdict.status is Status.PROVED and not first.cached
    again = _verify(claim, store)
    assert again.cached and again.verdict.status is Status.PROVED      # unchanged: served
    monkeypatch.setattr(sys.modules[__name__], "LIMIT", Fraction(1))
    stale = _verify(claim, store)
    assert not stale.cached and stale.verdict.status is Status.REFUTED
    monkeypatch.setattr(sys.modules[__name__], "LIMIT", Fraction(7, 2))
    back = _verify(claim, store)
    assert back.cached and back.verdict.status is Status.PROVED        # the first entry is still valid


def test_a_global_read_by_a_called_helper_and_a_mutated_container(tmp_path):
    store = C.VerdictCache(tmp_path)
    claim = _fact(_calls_helper)
    assert _verify(claim, store).verdict.status is Status.PROVED
    assert _verify(claim, store).cached
    TABLE["n"] = 2                      # mutated in place, not rebound
    try:
        res = _verify(claim, store)
        assert not res.cached and res.verdict.status is Status.REFUTED
    finally:
        TABLE["n"] = 3


def test_a_changed_global_of_another_module(tmp_path, tmp_module):
    mod = tmp_module("symmech_keys_mod_a", """
        BOUND = 10

        def check():
            return 5 <= BOUND, f"5 <= {BOUND}"
        """)
    store = C.VerdictCache(tmp_path)
    claim = _fact(mod.check)
    assert _verify(claim, store).verdict.status is Status.PROVED
    assert _verify(claim, store).cached
    mod.BOUND = 4
    res = _verify(claim, store)
    assert not res.cached and res.verdict.status is Status.REFUTED


def test_module_attributes_and_lazy_imports(tmp_path, tmp_module):
    """``mod.VALUE`` through a module global, and ``from mod import VALUE`` inside the function."""
    data = tmp_module("symmech_keys_mod_data", "VALUE = 3\n")
    user = tmp_module("symmech_keys_mod_user", """
        import symmech_keys_mod_data

        def attr():
            return symmech_keys_mod_data.VALUE == 3, "attribute"

        def lazy():
            from symmech_keys_mod_data import VALUE
            return VALUE == 3, "lazy import"
        """)
    store = C.VerdictCache(tmp_path)
    claims = [_fact(user.attr, "attr"), _fact(user.lazy, "lazy")]
    for c in claims:
        assert _verify(c, store).verdict.status is Status.PROVED
        assert _verify(c, store).cached
    data.VALUE = 4
    for c in claims:
        res = _verify(c, store)
        assert not res.cached and res.verdict.status is Status.REFUTED, c.id


def test_a_changed_closure_cell(tmp_path):
    def make(bound):
        def check():
            return 5 <= bound, f"5 <= {bound}"

        def set_bound(value):
            nonlocal bound
            bound = value

        return check, set_bound

    check, set_bound = make(10)
    store = C.VerdictCache(tmp_path)
    claim = _fact(check)
    assert _verify(claim, store).verdict.status is Status.PROVED
    assert _verify(claim, store).cached
    set_bound(4)                        # the same function object, another cell content
    res = _verify(claim, store)
    assert not res.cached and res.verdict.status is Status.REFUTED


def test_a_changed_default_argument(tmp_path):
    def check(bounds=[10]):  # noqa: B006 - a mutable default on purpose
        return 5 <= bounds[0], f"5 <= {bounds[0]}"

    store = C.VerdictCache(tmp_path)
    claim = _fact(check)
    assert _verify(claim, store).verdict.status is Status.PROVED
    assert _verify(claim, store).cached
    check.__defaults__[0][0] = 4        # the default list mutated in place
    res = _verify(claim, store)
    assert not res.cached and res.verdict.status is Status.REFUTED

    def check_kw(*, bound=10):
        return 5 <= bound, f"5 <= {bound}"

    claim = _fact(check_kw, "kw")
    assert _verify(claim, store).verdict.status is Status.PROVED
    check_kw.__kwdefaults__["bound"] = 4
    res = _verify(claim, store)
    assert not res.cached and res.verdict.status is Status.REFUTED


def test_partials_bound_methods_and_callable_objects():
    import functools

    def check(bound, x=5):
        return x <= bound, ""

    class Checker:
        def __init__(self, bound):
            self.bound = bound

        def __call__(self):
            return 5 <= self.bound, ""

        def method(self):
            return 5 <= self.bound, ""

    assert _key(_fact(functools.partial(check, 10))) != _key(_fact(functools.partial(check, 4)))
    assert _key(_fact(functools.partial(check, 10))) == _key(_fact(functools.partial(check, 10)))
    obj = Checker(10)
    for compute in (obj, obj.method):
        k1 = _key(_fact(compute))
        assert k1 is not None and k1 == _key(_fact(compute))
        obj.bound = 4
        assert _key(_fact(compute)) != k1
        obj.bound = 10


def test_a_class_attribute_read_through_a_class(tmp_path, tmp_module):
    mod = tmp_module("symmech_keys_mod_cls", """
        class Config:
            BOUND = 10

        def check():
            return 5 <= Config.BOUND, ""
        """)
    k1 = _key(_fact(mod.check))
    assert k1 is not None and k1 == _key(_fact(mod.check))
    mod.Config.BOUND = 4
    assert _key(_fact(mod.check)) != k1


def test_recursive_and_library_functions_are_keyed():
    import math

    def fact(n):
        return 1 if n <= 1 else n * fact(n - 1)

    def check():
        return fact(5) == 120 and math.isqrt(16) == 4 and sp.Integer(2) ** 3 == 8, ""

    k1 = _key(_fact(check))
    assert k1 is not None and k1 == _key(_fact(check))


@pytest.mark.parametrize("make", [
    lambda: random.Random(1),                   # a generator with hidden state
    lambda: open(__file__),                     # an open file
    lambda: object(),                           # only an address
], ids=["random", "file", "object"])
def test_a_callable_reading_an_unfingerprintable_value_is_never_stored(tmp_path, make):
    thing = make()
    try:
        def check():
            return thing is not None, "holds"

        claim = _fact(check)
        with pytest.raises(C.Uncacheable):
            C.claim_key(claim, SCOPE, SETTINGS)
        assert _key(claim) is None
        store = C.VerdictCache(tmp_path)
        for _ in range(2):
            res = _verify(claim, store)
            assert res.verdict.status is Status.PROVED and not res.cached
        assert _entries(store) == []            # nothing stored, nothing served
    finally:
        if hasattr(thing, "close"):
            thing.close()


def test_module_level_random_state_is_unfingerprintable():
    def check():
        return random.random() < 2, ""

    assert _key(_fact(check)) is None
    seeded = random.Random(5)

    def seeded_check():
        rng = random.Random(5)                  # a generator built at run time from a constant: fine
        return rng.random() < 2, ""

    assert _key(_fact(seeded_check)) is not None
    assert seeded


def test_a_report_with_an_uncacheable_claim_is_not_stored(tmp_path, monkeypatch):
    import types

    monkeypatch.setitem(sys.modules, "derivations._keys_test", types.ModuleType("derivations._keys_test"))
    store = C.VerdictCache(tmp_path)
    thing = object()
    ok = Derivation(name="_keys_test", title="t", scope=SCOPE, claims=[_fact(_sum_below_limit)])
    rep = ok.verify(digits=20, samples=3, cache=store)
    assert C.put_report(store, rep, 3)
    bad = Derivation(name="_keys_test", title="t", scope=SCOPE,
                     claims=[_fact(lambda: (thing is not None, "holds"))])
    rep = bad.verify(digits=20, samples=3, cache=store)
    assert rep.results[0].verdict.status is Status.PROVED
    assert not C.put_report(store, rep, 3)


def test_keys_are_the_same_in_another_process(tmp_path):
    """The warm cache works across runs: hash randomization and object addresses do not enter a key."""
    (tmp_path / "symmech_keys_proc.py").write_text(textwrap.dedent("""
        from fractions import Fraction
        import sympy as sp
        from symmech import Scope
        from symmech.engine import cache as C
        from symmech.models.multigood.bundling_lp import FiniteFact

        PAIRS = frozenset({("a", "b"), ("c", "d"), ("e", "f")})
        TABLE = {("x", 1): [Fraction(1, 2)], ("y", 2): [sp.Rational(1, 3)]}
        NAMES = {"p", "q", "r"}

        class Box:
            def __init__(self):
                self.items = sorted(NAMES)

        BOX = Box()

        def helper(n):
            return n if n < 1 else helper(n - 1)

        def check():
            return len(PAIRS) == 3 and TABLE and BOX.items and helper(3) == 0, ""

        print(C.keys_for([FiniteFact("f", compute=check)], Scope({}), C.settings_now(20, 3))[0])
        """))
    keys = set()
    for seed in ("1", "2"):
        out = subprocess.run([sys.executable, "symmech_keys_proc.py"], cwd=tmp_path, capture_output=True,
                             text=True, env={**__import__("os").environ, "PYTHONHASHSEED": seed}, timeout=300)
        assert out.returncode == 0, out.stderr
        keys.add(out.stdout.strip())
    assert len(keys) == 1 and None not in keys and "None" not in keys


def test_a_stored_report_depends_on_the_libraries_and_user_modules_its_callables_use(tmp_path, tmp_module,
                                                                                      monkeypatch):
    import json
    import types

    mod = tmp_module("symmech_keys_mod_report", """
        import math

        def check():
            return math.isqrt(16) == 4, "isqrt"
        """)
    monkeypatch.setitem(sys.modules, "derivations._keys_report", types.ModuleType("derivations._keys_report"))
    store = C.VerdictCache(tmp_path / "c")
    deriv = Derivation(name="_keys_report", title="t", scope=SCOPE, claims=[_fact(mod.check)])
    rep = deriv.verify(digits=20, samples=3, cache=store)
    assert C.put_report(store, rep, 3)
    assert C.get_report(store, "_keys_report", 20, 3) is not None
    path = store._path(C._report_key("_keys_report", C.settings_now(20, 3), None))
    data = json.loads(path.read_text())
    assert mod.__file__ in data["deps"]                      # the user module outside the checkout
    data["libs"]["sympy"] = "0.0.1"                          # as if an installed library had changed
    path.write_text(json.dumps(data))
    assert C.get_report(store, "_keys_report", 20, 3) is None
