"""Safe parsing of user-written formulas into SymPy expressions.

User text is never passed to ``eval`` or ``sympify``.  It is parsed with
``ast.parse(text, mode="eval")`` and the syntax tree is walked against a
whitelist; SymPy objects are built directly from the allowed nodes.

Allowed: numbers (``int`` and decimal literals, the latter converted exactly,
``0.25 -> 1/4``), declared symbol names, the constants ``e``/``E`` and ``pi``,
the operators ``+ - * / **`` and unary ``+ -``, and calls of whitelisted
functions with positional arguments.  Everything else raises
:class:`ExpressionError`, whose message names the offending token and its
position.

Denial-of-service guards: text length, nesting depth, numeric exponents
(|p| <= 1000), exact numbers (<= 4096 bits), magnitudes of numeric
subexpressions (<= 1e300, tracked with a float shadow so SymPy never has to
evaluate huge numbers) and, for symbols not declared real, integer powers
<= 32 (SymPy expands ``re``/``im`` of high powers of complex symbols).  For
untrusted text, declare the symbols ``real=True`` or ``positive=True``.
SymPy's automatic evaluation can still be slow on adversarial input, so
building is interrupted after ``time_limit`` seconds (main thread only).
"""
from __future__ import annotations

import ast
import cmath
import contextlib
import signal
import threading
import warnings
from fractions import Fraction
from typing import Any, Callable, Iterator, Mapping

import sympy

__all__ = ["ExpressionError", "parse_expression", "parse_number", "parse_relation",
           "DEFAULT_FUNCTIONS", "MAX_LENGTH", "MAX_DEPTH", "MAX_EXPONENT"]

MAX_LENGTH = 2000        #: longest accepted input text
MAX_DEPTH = 60           #: deepest accepted syntax-tree nesting
MAX_EXPONENT = 1000      #: largest |numeric exponent| accepted in ``**``
MAX_BITS = 4096          #: largest exact rational (in bits) anywhere in the result
MAX_MAGNITUDE = 1e300    #: largest |value| of any numeric subexpression
MAX_COMPLEX_DEGREE = 32  #: largest integer power of an expression in symbols not declared real

#: name -> (SymPy callable, allowed numbers of positional arguments)
DEFAULT_FUNCTIONS: dict[str, tuple[Callable[..., Any], tuple[int, ...]]] = {
    "exp": (sympy.exp, (1,)),
    "log": (sympy.log, (1, 2)),
    "ln": (sympy.log, (1,)),
    "sqrt": (sympy.sqrt, (1,)),
    "abs": (sympy.Abs, (1,)),
    "Abs": (sympy.Abs, (1,)),
    "min": (sympy.Min, (2, 3, 4, 5, 6, 7, 8)),
    "max": (sympy.Max, (2, 3, 4, 5, 6, 7, 8)),
    "Min": (sympy.Min, (2, 3, 4, 5, 6, 7, 8)),
    "Max": (sympy.Max, (2, 3, 4, 5, 6, 7, 8)),
    "LambertW": (sympy.LambertW, (1, 2)),
    "sin": (sympy.sin, (1,)),
    "cos": (sympy.cos, (1,)),
}

#: constant names understood when not shadowed by a declared symbol
CONSTANTS: dict[str, sympy.Expr] = {"e": sympy.E, "E": sympy.E, "pi": sympy.pi}

_BINOPS: dict[type, str] = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
_REFUSED_OPS: dict[type, str] = {
    ast.BitXor: "'^' is not allowed; write '**' for powers",
    ast.FloorDiv: "'//' is not allowed", ast.Mod: "'%' is not allowed",
    ast.MatMult: "'@' is not allowed", ast.LShift: "'<<' is not allowed",
    ast.RShift: "'>>' is not allowed", ast.BitOr: "'|' is not allowed",
    ast.BitAnd: "'&' is not allowed",
}


class ExpressionError(ValueError):
    """Raised for text that is not an allowed expression (names token and position)."""


def _where(node: ast.AST) -> str:
    line = getattr(node, "lineno", None)
    col = getattr(node, "col_offset", None)
    if line is None or col is None:
        return ""
    return f" at position {col}" if line == 1 else f" at line {line}, position {col}"


def _fail(node: ast.AST, msg: str) -> ExpressionError:
    return ExpressionError(msg + _where(node))


def _exact_float(node: ast.Constant, text: str) -> sympy.Rational:
    """Convert a float literal to the exact Rational of its decimal text."""
    src = ast.get_source_segment(text, node) or repr(node.value)
    src = src.replace("_", "").strip()
    mantissa, _, exponent = src.lower().partition("e")
    if exponent and abs(int(exponent)) > 400:
        raise _fail(node, f"number literal '{src}' is out of range")
    frac = Fraction(src)
    return sympy.Rational(frac.numerator, frac.denominator)


def _lambertw(z: complex, k: complex = 0) -> complex | None:
    if k != int(k.real):
        raise ValueError("LambertW branch must be an integer")
    from scipy.special import lambertw as scipy_lambertw    # imported here: scipy.special costs 0.2 s at import

    w = complex(scipy_lambertw(z, int(k.real)))
    return w if cmath.isfinite(w) else None       # branch point / singularity: magnitude unknown


def _real_extreme(pick: Callable[..., float]) -> Callable[..., complex | None]:
    def f(*zs: complex) -> complex | None:
        return complex(pick(z.real for z in zs)) if all(z.imag == 0 for z in zs) else None
    return f


#: float (complex) shadows of the default functions, used only to bound magnitudes
_APPROX: dict[str, Callable[..., complex | None]] = {
    "exp": cmath.exp, "log": lambda z, b=None: cmath.log(z) if b is None else cmath.log(z) / cmath.log(b),
    "ln": cmath.log, "sqrt": cmath.sqrt, "abs": lambda z: complex(abs(z)), "Abs": lambda z: complex(abs(z)),
    "min": _real_extreme(min), "max": _real_extreme(max), "Min": _real_extreme(min),
    "Max": _real_extreme(max), "LambertW": _lambertw, "sin": cmath.sin, "cos": cmath.cos,
}

_Value = tuple[sympy.Expr, "complex | None"]   # (exact expression, float shadow or None if unknown)


def _check_size(node: ast.AST, expr: sympy.Expr) -> sympy.Expr:
    """Refuse results holding huge exact numbers or high powers of possibly complex symbols."""
    for r in expr.atoms(sympy.Rational):
        if max(abs(r.p).bit_length(), abs(r.q).bit_length()) > MAX_BITS:
            raise _fail(node, "numeric coefficient is too large")
    for p in expr.atoms(sympy.Pow):
        if p.exp.is_Integer and abs(p.exp) > MAX_COMPLEX_DEGREE and \
                any(sym.is_real is not True for sym in p.base.free_symbols):
            raise _fail(node, f"power {p.exp} of a symbol not declared real exceeds {MAX_COMPLEX_DEGREE} "
                              "(declare the symbols real or positive)")
    return expr


class _Builder:
    """Whitelist walk of a parsed expression tree, building SymPy objects.

    Alongside each exact value it carries a complex-float shadow of numeric
    subexpressions; a shadow above MAX_MAGNITUDE is refused, so SymPy is never
    asked to evaluate or compare astronomically large numbers.
    """

    def __init__(self, text: str, symbols: Mapping[str, sympy.Symbol],
                 functions: Mapping[str, tuple[Callable[..., Any], tuple[int, ...] | None]]):
        self.text = text
        self.symbols = symbols
        self.functions = functions

    def _shadow(self, node: ast.AST, fn: Callable[..., complex | None], *args: complex | None) -> complex | None:
        if any(a is None for a in args):
            return None
        try:
            z = fn(*args)
        except OverflowError:
            raise _fail(node, f"numeric value exceeds {MAX_MAGNITUDE:g}") from None
        except (ArithmeticError, ValueError, TypeError):
            return None
        if z is None:
            return None
        z = complex(z)
        if not (cmath.isfinite(z) and abs(z) <= MAX_MAGNITUDE):
            raise _fail(node, f"numeric value exceeds {MAX_MAGNITUDE:g}")
        return z

    def build(self, node: ast.AST, depth: int = 0) -> _Value:
        if depth > MAX_DEPTH:
            raise _fail(node, f"expression nested deeper than {MAX_DEPTH} levels")
        d = depth + 1
        if isinstance(node, ast.Expression):
            return self.build(node.body, d)
        if isinstance(node, ast.Constant):
            expr = self._constant(node)
            return expr, self._shadow(node, lambda: complex(expr.p / expr.q))
        if isinstance(node, ast.Name):
            return self._name(node)
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.USub):
                expr, z = self.build(node.operand, d)
                return -expr, (None if z is None else -z)
            if isinstance(node.op, ast.UAdd):
                return self.build(node.operand, d)
            op = {ast.Not: "not", ast.Invert: "~"}.get(type(node.op), type(node.op).__name__)
            raise _fail(node, f"unary operator '{op}' is not allowed")
        if isinstance(node, ast.BinOp):
            return self._binop(node, d)
        if isinstance(node, ast.Call):
            return self._call(node, d)
        if isinstance(node, ast.Attribute):
            raise _fail(node, f"attribute access '.{node.attr}' is not allowed")
        if isinstance(node, (ast.Compare, ast.BoolOp)):
            raise _fail(node, "comparisons and boolean operators are not allowed inside an expression")
        names = {ast.Lambda: "lambda", ast.IfExp: "conditional expression ('if ... else')",
                 ast.Subscript: "subscript '[...]'", ast.List: "list '[...]'", ast.Tuple: "tuple",
                 ast.Dict: "dict", ast.Set: "set", ast.ListComp: "comprehension",
                 ast.SetComp: "comprehension", ast.DictComp: "comprehension",
                 ast.GeneratorExp: "generator expression", ast.Starred: "starred argument '*'",
                 ast.JoinedStr: "f-string", ast.NamedExpr: "assignment ':='",
                 ast.Await: "await", ast.Yield: "yield", ast.YieldFrom: "yield", ast.Slice: "slice"}
        what = names.get(type(node), f"syntax '{type(node).__name__}'")
        raise _fail(node, f"{what} is not allowed")

    def _constant(self, node: ast.Constant) -> sympy.Rational:
        value = node.value
        if isinstance(value, bool) or value is None or value is Ellipsis:
            raise _fail(node, f"constant '{value!r}' is not allowed")
        if isinstance(value, int):
            return sympy.Integer(value)
        if isinstance(value, float):
            return _exact_float(node, self.text)
        kind = {str: "string", bytes: "bytes", complex: "complex number"}.get(type(value), type(value).__name__)
        raise _fail(node, f"{kind} literal {value!r:.40} is not allowed")

    def _name(self, node: ast.Name) -> _Value:
        name = node.id
        if name.startswith("__") or name.endswith("__"):
            raise _fail(node, f"name '{name}' is not allowed")
        if name in self.symbols:
            return self.symbols[name], None
        if name in CONSTANTS:
            return CONSTANTS[name], complex(float(CONSTANTS[name]))
        if name in self.functions:
            raise _fail(node, f"function '{name}' must be called with arguments")
        raise _fail(node, f"unknown name '{name}'")

    def _binop(self, node: ast.BinOp, d: int) -> _Value:
        op = type(node.op)
        if op in _REFUSED_OPS:
            col = getattr(node.left, "end_col_offset", None)
            at = f" after position {col}" if col is not None and node.lineno == 1 else _where(node)
            raise ExpressionError(f"operator {_REFUSED_OPS[op]}{at}")
        if op not in _BINOPS:
            raise _fail(node, f"operator '{op.__name__}' is not allowed")
        left, zl = self.build(node.left, d)
        right, zr = self.build(node.right, d)
        if op is ast.Add:
            return _check_size(node, left + right), self._shadow(node, lambda a, b: a + b, zl, zr)
        if op is ast.Sub:
            return _check_size(node, left - right), self._shadow(node, lambda a, b: a - b, zl, zr)
        if op is ast.Mult:
            return _check_size(node, left * right), self._shadow(node, lambda a, b: a * b, zl, zr)
        if op is ast.Div:
            if right == 0:
                raise _fail(node, "division by zero")
            return _check_size(node, left / right), self._shadow(node, lambda a, b: a / b, zl, zr)
        return self._power(node, left, right, zl, zr)

    def _power(self, node: ast.BinOp, base: sympy.Expr, exponent: sympy.Expr,
               zb: complex | None, ze: complex | None) -> _Value:
        if exponent.is_Rational:
            if abs(exponent) > MAX_EXPONENT:
                raise _fail(node, f"exponent {exponent} exceeds the limit {MAX_EXPONENT} in '**'")
            if base.is_Rational:
                if base == 0 and exponent < 0:
                    raise _fail(node, "division by zero (0 to a negative power)")
                bits = max(abs(base.p).bit_length(), abs(base.q).bit_length())
                if bits * abs(exponent) > MAX_BITS:
                    raise _fail(node, "numeric power is too large")
        elif not exponent.free_symbols:
            if ze is None or abs(ze) > MAX_EXPONENT:
                raise _fail(node, f"cannot bound the exponent by {MAX_EXPONENT} in '**'")
        z = self._shadow(node, lambda a, b: a ** b, zb, ze)
        return _check_size(node, sympy.Pow(base, exponent)), z

    def _call(self, node: ast.Call, d: int) -> _Value:
        func = node.func
        if isinstance(func, ast.Attribute):
            raise _fail(func, f"attribute access '.{func.attr}' is not allowed")
        if not isinstance(func, ast.Name):
            raise _fail(node, "call of a computed object is not allowed")
        name = func.id
        if name not in self.functions or name.startswith("__"):
            raise _fail(node, f"call to '{name}' is not allowed")
        if node.keywords:
            kw = node.keywords[0]
            label = f"'{kw.arg}'" if kw.arg is not None else "'**'"
            raise _fail(kw, f"keyword argument {label} is not allowed in call to '{name}'")
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise _fail(arg, f"starred argument is not allowed in call to '{name}'")
        fn, arities = self.functions[name]
        if arities is not None and len(node.args) not in arities:
            raise _fail(node, f"'{name}' takes {' or '.join(map(str, arities))} argument(s), "
                              f"got {len(node.args)}")
        built = [self.build(a, d) for a in node.args]
        shadow_fn = _APPROX.get(name) if arities is not None else None
        z = None if shadow_fn is None else self._shadow(node, shadow_fn, *(b[1] for b in built))
        if shadow_fn is not None and z is None and all(not b[0].free_symbols for b in built) \
                and name in ("exp", "max", "min", "Max", "Min", "sin", "cos"):
            raise _fail(node, f"cannot bound the value of '{name}'")
        try:
            return _check_size(node, fn(*(b[0] for b in built))), z
        except ExpressionError:
            raise
        except Exception as exc:  # SymPy refusing the arguments
            raise _fail(node, f"call to '{name}' failed: {exc}") from None


class _OutOfTime(BaseException):
    """Raised by the SIGALRM timer; a BaseException so SymPy's ``except Exception`` cannot swallow it."""


@contextlib.contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Interrupt the body after ``seconds`` (main thread only, and only if SIGALRM is free)."""
    usable = (seconds is not None and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread()
              and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None)
              and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0))
    if not usable:
        yield
        return

    def _alarm(signum: int, frame: Any) -> None:
        raise _OutOfTime()

    previous = signal.signal(signal.SIGALRM, _alarm)
    # re-fire every 50 ms: an alarm raised inside a gc callback is swallowed by the interpreter
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0.0)
        signal.signal(signal.SIGALRM, previous)


def parse_expression(text: str, symbols: Mapping[str, sympy.Symbol], *,
                     functions: Mapping[str, Callable[..., Any]] | None = None,
                     time_limit: float | None = 2.0) -> sympy.Expr:
    """Parse ``text`` into a SymPy expression over the declared ``symbols``.

    ``functions`` adds callables (name -> SymPy-compatible callable, any arity)
    to :data:`DEFAULT_FUNCTIONS`.  Raises :class:`ExpressionError` on anything
    outside the whitelist, and never evaluates the text as code.  SymPy's own
    automatic evaluation is interrupted after ``time_limit`` seconds (when
    called from the main thread with SIGALRM unused; ``None`` disables it).
    """
    if not isinstance(text, str):
        raise ExpressionError(f"expected a string, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"expression longer than {MAX_LENGTH} characters")
    if not text.strip():
        raise ExpressionError("empty expression")
    for name, sym in symbols.items():
        if not isinstance(name, str) or not name.isidentifier() or name.startswith("__"):
            raise ExpressionError(f"invalid symbol name {name!r}")
        if not isinstance(sym, sympy.Basic):
            raise ExpressionError(f"symbol {name!r} is not a SymPy object")
    table: dict[str, tuple[Callable[..., Any], tuple[int, ...] | None]] = dict(DEFAULT_FUNCTIONS)
    for name, fn in (functions or {}).items():
        if not name.isidentifier() or name.startswith("__"):
            raise ExpressionError(f"invalid function name {name!r}")
        table[name] = (fn, None)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        token = (exc.text or "").strip()[:40]
        where = f" at position {max((exc.offset or 1) - 1, 0)}" if exc.offset else ""
        raise ExpressionError(f"syntax error{where}: {exc.msg}"
                              + (f" in '{token}'" if token else "")) from None
    except (ValueError, RecursionError, MemoryError, OverflowError) as exc:
        raise ExpressionError(f"cannot parse expression: {type(exc).__name__}: {exc}") from None
    try:
        with _time_limit(time_limit):
            expr, _ = _Builder(text.strip(), symbols, table).build(tree)
    except _OutOfTime:
        raise ExpressionError(f"expression took longer than {time_limit} s to build") from None
    except ExpressionError:
        raise
    except RecursionError:
        raise ExpressionError("expression is nested too deeply") from None
    except Exception as exc:  # SymPy failing on an allowed construct
        raise ExpressionError(f"cannot build expression: {type(exc).__name__}: {exc}"[:200]) from None
    if expr.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        raise ExpressionError(f"expression '{text.strip()[:40]}' is undefined or infinite")
    return expr


def parse_number(text: str, *, time_limit: float | None = 2.0) -> sympy.Expr:
    """Parse a real constant: ``"1/4"`` and ``"0.25"`` give ``Rational(1, 4)``; ``"1/e"``, ``"sqrt(2)/2"`` stay exact."""
    value = parse_expression(text, {}, time_limit=time_limit)
    if value.free_symbols:
        raise ExpressionError(f"'{text.strip()[:40]}' is not a constant")
    if value.is_real is False:
        raise ExpressionError(f"'{text.strip()[:40]}' is not a real number")
    if value.is_real is None:
        try:
            approx = value.evalf(30)
        except Exception:  # pragma: no cover - SymPy evaluation failure
            approx = None
        if approx is None or not approx.is_real:
            raise ExpressionError(f"'{text.strip()[:40]}' is not a real number")
    return value


_RELATIONS = {"==": "==", "<=": "<=", ">=": ">="}


def parse_relation(text: str) -> str:
    """Return one of ``"=="``, ``"<="``, ``">="``; anything else raises :class:`ExpressionError`."""
    if not isinstance(text, str):
        raise ExpressionError(f"expected a string, got {type(text).__name__}")
    rel = text.strip()
    if rel in _RELATIONS:
        return _RELATIONS[rel]
    hint = " (did you mean '=='?)" if rel == "=" else ""
    raise ExpressionError(f"relation '{rel[:20]}' is not allowed; use '==', '<=' or '>='{hint}")
