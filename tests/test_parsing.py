"""Safe expression parser: round trips, exact decimals, refusals, and fuzzing."""
from __future__ import annotations

import sys

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symmech.models.parsing import ExpressionError, parse_expression, parse_number, parse_relation

theta, k, kt = sympy.symbols("theta k kt", positive=True)
SYMS = {"theta": theta, "k": k, "kt": kt}

# -- audit hook: records code execution / process spawning while ``_WATCH`` is on ----------------
_WATCH = {"on": False, "events": []}
_BAD_EVENTS = {"exec", "os.system", "subprocess.Popen", "os.exec", "os.posix_spawn", "os.spawn",
               "builtins.input", "os.remove", "shutil.rmtree", "socket.connect"}


def _hook(event, args):
    if _WATCH["on"] and event in _BAD_EVENTS:
        _WATCH["events"].append(event)


sys.addaudithook(_hook)


def parse_watched(text):
    _WATCH["on"] = True
    try:
        return parse_expression(text, SYMS)
    finally:
        _WATCH["on"] = False


@pytest.mark.parametrize("text,expected", [
    ("kt/theta**2", kt / theta**2),
    ("1 - log(theta)/log(k)", 1 - sympy.log(theta) / sympy.log(k)),
    ("max(theta - 1/4, 0)", sympy.Max(theta - sympy.Rational(1, 4), 0)),
    ("-k/LambertW(-k/e, -1)", -k / sympy.LambertW(-k / sympy.E, -1)),
    ("exp(-theta) + sqrt(theta)*pi", sympy.exp(-theta) + sympy.sqrt(theta) * sympy.pi),
    ("abs(theta - 0.5) + min(k, kt)", sympy.Abs(theta - sympy.Rational(1, 2)) + sympy.Min(k, kt)),
    ("log(theta, 2)", sympy.log(theta, 2)),
    ("2**-3", sympy.Rational(1, 8)),
])
def test_good_expressions_round_trip(text, expected):
    expr = parse_expression(text, SYMS)
    assert expr == expected
    assert parse_expression(str(expr), SYMS) == expr          # printing and re-parsing is stable


def test_decimals_are_exact():
    assert parse_expression("0.1", {}) == sympy.Rational(1, 10)
    assert parse_expression("1e-3", {}) == sympy.Rational(1, 1000)
    assert parse_expression("2.50*theta", SYMS) == sympy.Rational(5, 2) * theta
    assert parse_expression("0.1 + 0.2", {}) == sympy.Rational(3, 10)


def test_declared_symbol_shadows_constant():
    e = sympy.Symbol("e")
    assert parse_expression("e + 1", {"e": e}) == e + 1
    assert parse_expression("e + 1", {}) == sympy.E + 1


def test_extra_functions():
    f = sympy.Function("f")
    assert parse_expression("f(theta, 1)", SYMS, functions={"f": f}) == f(theta, 1)


@pytest.mark.parametrize("text,fragment", [
    ("__import__('os')", "'__import__'"),
    ("().__class__", "'.__class__'"),
    ("theta.__class__", "'.__class__'"),
    ("os.system('ls')", "'.system'"),
    ("lambda: 1", "lambda"),
    ("[1,2]", "list"),
    ('"a"', "string"),
    ("b'a'", "bytes"),
    ("1j", "complex"),
    ("theta if 1 else 2", "conditional"),
    ("9**9**9", "exponent"),
    ("(3**600)**1000", "too large"),
    ("10**400", "exceeds"),
    ("exp(exp(999*999))", "exceeds"),
    ("theta**exp(10)", "exponent"),
    ("theta**1001", "exponent"),
    ("unknown_name", "unknown name 'unknown_name'"),
    ("os", "unknown name 'os'"),
    ("exp(x=1)", "keyword argument 'x'"),
    ("exp(*[1])", "starred"),
    ("theta ^ 2", "'**'"),
    ("theta // 2", "'//'"),
    ("theta < 1", "comparison"),
    ("theta and k", "boolean"),
    ("not theta", "'not'"),
    ("theta[0]", "subscript"),
    ("{1: 2}", "dict"),
    ("[x for x in ()]", "comprehension"),
    ("(y := 1)", "':='"),
    ("f'{theta}'", "f-string"),
    ("theta(2)", "call to 'theta'"),
    ("exp", "must be called"),
    ("eval('1')", "call to 'eval'"),
    ("getattr(theta, 'x')", "call to 'getattr'"),
    ("log(1, 2, 3)", "argument"),
    ("True", "True"),
    ("1/0", "division by zero"),
    ("theta +", "syntax error"),
    ("", "empty"),
    ("1" * 2001, "longer than"),
    ("-" * 500 + "1", "nested"),
    ("1e999999", "out of range"),
    ("a = 1", "syntax error"),
])
def test_refusals(text, fragment):
    with pytest.raises(ExpressionError) as info:
        parse_watched(text)
    assert fragment in str(info.value)
    assert not _WATCH["events"]


def test_denial_of_service_guards():
    z = sympy.Symbol("z")                                   # not declared real
    assert parse_expression("z**32", {"z": z}) == z**32
    with pytest.raises(ExpressionError, match="not declared real"):
        parse_expression("(z + 1)**33", {"z": z})
    assert parse_expression("theta**1000", SYMS) == theta**1000
    with pytest.raises(ExpressionError, match="too large"):
        parse_expression("1 + 1e-3**999", {})
    slow = "sqrt(sin(sin((sqrt(0.5)+9/e)/999))**abs((theta**2+pi+exp(-pi))**64))"
    with pytest.raises(ExpressionError, match="longer than 0.5 s"):
        parse_expression(slow, SYMS, time_limit=0.5)
    import signal
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_error_names_position():
    with pytest.raises(ExpressionError, match=r"unknown name 'os' at position 4"):
        parse_expression("1 + os", SYMS)


def test_refused_payload_has_no_side_effect():
    for text in ["globals().__setitem__('PWNED', 1)", "__builtins__.__dict__['PWNED']",
                 "(lambda: exec('PWNED=1'))()", "__import__('builtins').PWNED"]:
        with pytest.raises(ExpressionError):
            parse_watched(text)
    assert "PWNED" not in globals() and not _WATCH["events"]


def test_parse_number():
    assert parse_number("1/4") == sympy.Rational(1, 4)
    assert parse_number("0.25") == sympy.Rational(1, 4)
    assert parse_number(" 1/e ") == sympy.exp(-1)
    assert parse_number("sqrt(2)/2") == sympy.sqrt(2) / 2
    assert parse_number("-LambertW(-1/(2*e), -1)").is_real
    for bad in ["theta", "log(-1)", "sqrt(-2)", "1/0", "x"]:
        with pytest.raises(ExpressionError):
            parse_number(bad)


def test_parse_relation():
    assert [parse_relation(r) for r in ["==", " <= ", ">="]] == ["==", "<=", ">="]
    for bad in ["=", "<", ">", "!=", "=<", "", "==1"]:
        with pytest.raises(ExpressionError):
            parse_relation(bad)
    with pytest.raises(ExpressionError, match="did you mean"):
        parse_relation("=")


TOKENS = ["theta", "k", "kt", "e", "pi", "os", "__import__", "__class__", "lambda", "if", "else",
          "exp", "log", "sqrt", "max", "min", "LambertW", "(", ")", "[", "]", "{", "}", ",", ".", ":",
          "+", "-", "*", "/", "**", "^", "//", "%", "<", "==", "=", "'a'", '"', "0", "1", "2", "9",
          "0.5", "1e-3", "1e400", "1000", "1j", " ", "\n", "\\", "#", "@", "!", "~", "&", "|", "_", "\x00"]


def _check(text: str) -> None:
    try:
        out = parse_watched(text)
    except ExpressionError:
        pass
    else:
        assert isinstance(out, sympy.Basic)
        assert out.free_symbols <= {theta, k, kt}
    assert not _WATCH["events"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80))
def test_fuzz_random_text(text):
    _check(text)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS), max_size=25).map("".join))
def test_fuzz_token_soup(text):
    _check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=120))
def test_fuzz_printable_garbage(text):
    _check(text)
