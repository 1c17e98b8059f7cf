"""Mutation testing of symmech's provers: perturb true claims, expect refutations.

``symmech mutate NAME`` takes every claim of a derivation that is expected to
hold, breaks it into its leaf parts (:class:`~symmech.claims.Identity` /
:class:`~symmech.claims.Inequality`; the parts of an ``AllOf``, the direct claim and the
sufficient routes of an ``Implied``, and what a wrapper holds, recursively),
and derives *mutants* of each leaf:

========== =====================================================================
operator   mutation
========== =====================================================================
const      one numeric constant ``c`` -> ``c (1 +- d)`` (``d = 1/1000`` default),
           including constants in integration limits (a support endpoint moved)
symbol     one occurrence of a symbol ``s`` -> ``s (1 + d)``
scale      a whole side ``lhs`` or ``rhs`` -> ``side (1 + d)``; a side that is 0
           becomes ``+-d``
sign       one term of a sum flipped, or a whole side negated
drop       one term of a sum dropped (e.g. an atom of a distribution)
range      an end of a bound variable's range moved outwards by ``d (hi - lo)``
           (the variable loses its sign assumptions, so the claim stays checkable)
reverse    an inequality reversed (``>=`` <-> ``<=``, ``>`` <-> ``<``)
========== =====================================================================

Each mutant is checked on its own (a conjunction is refuted exactly when one of
its parts is, and the other parts are unchanged), and classified:

* ``equivalent``  -- the mutant is *shown* to say the same as the original:
  its residual minus the original residual simplifies to 0 (or, for an
  identity, plus the original residual); a range change of a claim whose
  residual does not involve the bound variable, or whose residual simplifies
  to 0 without using the range; a reversed non-strict inequality whose
  residual simplifies to 0.  Not counted.
* ``still_true``  -- a legitimately true mutant, not counted: either *implied*
  (an inequality whose residual grew: ``f_mut - f_orig >= 0`` is shown
  symbolically or certified on the whole domain, so the original claim
  implies it; nothing about the mutant's own verdict is used), or *proved*
  (the mutant itself came out proved/certified -- that is a rigorous
  verdict; an independent adversarial hunt (dense boundary and random
  sampling of the residual with mpmath) found no violation).  A hunt that does
  find a violation of a proved/certified mutant makes it a survivor and flags a
  soundness bug.
* ``refuted``     -- killed: the provers found a counterexample.
* ``undecided``   -- the provers said undecided (or the mutant could not be
  checked: the reason is recorded).
* ``ill_formed``  -- the provers said undecided and a side of the mutant is
  undefined as SymPy builds it (``zoo``/``nan``: e.g. dropping the term that
  keeps ``log(z*/a)`` in a denominator away from ``log 1 = 0``) while the
  original is defined: not a statement, reported apart and not counted.
* ``survived``    -- the mutant came out *confirmed* (numerical evidence only)
  without being shown equivalent or true; the hunt then looks for the
  violation that sampling missed and reports it when found.

``kill rate = refuted / (refuted + undecided + survived)``; exit code 0 only
when nothing survived.

Length: about 700 lines, one pipeline -- derive mutants, discard the equivalent and ill-formed ones,
classify the rest, run -- whose stages share the leaf representation and private helpers.
"""
from __future__ import annotations

import contextlib
import random
import signal
import threading
import time
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Callable, Iterable, Iterator, Sequence

import mpmath
import sympy as sp

from symmech.tactics import provers
from symmech.claims import AllOf, Claim, Identity, Implied, Inequality, _Relational
from symmech.engine.derivation import Derivation
from symmech.kernel.verdict import Status, Verdict
from symmech.tactics.provers import symbolic_nonneg, symbolic_zero
from symmech.tactics.scope import Scope

DELTA = sp.Rational(1, 1000)
OUTCOMES = ("refuted", "undecided", "survived", "equivalent", "still_true", "ill_formed")
_REVERSE = {">=": "<=", "<=": ">=", ">": "<", "<": ">"}
_SIGN = {">=": 1, ">": 1, "<=": -1, "<": -1}

Path = tuple[int, ...]


# ----------------------------------------------------------------------------------
# data
# ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Mutant:
    """A mutated leaf claim."""

    top: str                 # id of the derivation's claim the leaf belongs to
    leaf: _Relational        # the original leaf
    claim: _Relational       # the mutated leaf
    operator: str            # const | symbol | scale | sign | drop | range | reverse
    description: str

    @property
    def label(self) -> str:
        return f"{self.leaf.id}: {self.operator}: {self.description}"


@dataclass(frozen=True)
class MutantResult:
    mutant: Mutant
    outcome: str             # one of OUTCOMES
    evidence: str
    verdict: Verdict | None = None
    seconds: float = 0.0
    hunt_witness: dict | None = None

    def to_dict(self) -> dict:
        m = self.mutant
        out = {"claim": m.top, "leaf": m.leaf.id, "operator": m.operator, "mutation": m.description,
               "outcome": self.outcome, "evidence": self.evidence,
               "status": self.verdict.status.value if self.verdict else None,
               "seconds": round(self.seconds, 3)}
        if self.verdict is not None and self.verdict.witness:
            out["witness"] = dict(self.verdict.witness)
        if self.hunt_witness:
            out["hunt_witness"] = self.hunt_witness
        return out


@dataclass
class MutationReport:
    derivation: str
    results: list[MutantResult] = field(default_factory=list)
    available: int = 0       # mutants generated before sampling
    seconds: float = 0.0

    def count(self, outcome: str) -> int:
        return sum(r.outcome == outcome for r in self.results)

    @property
    def mutants(self) -> int:
        """Counted (non-equivalent, not shown true) mutants."""
        return self.count("refuted") + self.count("undecided") + self.count("survived")

    @property
    def kill_rate(self) -> float | None:
        return self.count("refuted") / self.mutants if self.mutants else None

    @property
    def survivors(self) -> list[MutantResult]:
        return [r for r in self.results if r.outcome == "survived"]

    @property
    def missed(self) -> list[MutantResult]:
        """Survivors for which the hunt found a violation: the provers missed a false claim."""
        return [r for r in self.results if r.outcome == "survived" and r.hunt_witness]

    @property
    def conflicts(self) -> list[MutantResult]:
        return [r for r in self.results if r.verdict is not None and r.verdict.conflict]

    def to_json(self, details: bool = True) -> dict:
        out = {"derivation": self.derivation, "mutants": self.mutants, "refuted": self.count("refuted"),
               "undecided": self.count("undecided"), "survived": self.count("survived"),
               "equivalent": self.count("equivalent"), "still_true": self.count("still_true"),
               "ill_formed": self.count("ill_formed"),
               "missed": len(self.missed),
               "kill_rate": self.kill_rate, "available": self.available,
               "seconds": round(self.seconds, 2)}
        if details:
            out["results"] = [r.to_dict() for r in self.results]
        return out

    def summary(self) -> str:
        rate = "n/a" if self.kill_rate is None else f"{100 * self.kill_rate:.1f}%"
        return (f"{self.derivation}: kill rate {rate} ({self.count('refuted')}/{self.mutants} refuted, "
                f"{self.count('undecided')} undecided, {self.count('survived')} survived "
                f"({len(self.missed)} with a violation found by the hunt); "
                f"{self.count('equivalent')} equivalent, {self.count('still_true')} still-true and "
                f"{self.count('ill_formed')} ill-formed not counted; "
                f"{len(self.results)} of {self.available} mutants examined, {self.seconds:.1f}s)")


# ----------------------------------------------------------------------------------
# leaves
# ----------------------------------------------------------------------------------
def leaves(claims: Iterable[Claim]) -> list[tuple[str, _Relational]]:
    """(top-level id, leaf) for every leaf of every claim expected to hold, without duplicates."""
    out, seen = [], set()

    def walk(top: str, c: Claim) -> None:
        if getattr(c, "expect", "holds") != "holds":
            return
        parts = getattr(c, "parts", None)
        inner = getattr(c, "inner", None)
        if isinstance(c, AllOf) or (parts and all(isinstance(p, Claim) for p in parts)):
            for p in parts:
                walk(top, p)
        elif isinstance(inner, Claim):      # wrappers (e.g. a claim with its own time budget)
            walk(top, inner)
        elif isinstance(c, Implied):        # the direct claim and every sufficient route
            walk(top, c.direct)
            for route in c.sufficient:
                walk(top, route)
        elif isinstance(c, _Relational):
            key = _key(c)
            if key not in seen:
                seen.add(key)
                out.append((top, c))

    for c in claims:
        walk(c.id, c)
    return out


def _key(c: _Relational) -> tuple:
    """What makes two leaves the same claim: structural equality of SymPy trees (as their ``srepr``, without
    printing them: that was most of the time of enumerating mutants)."""
    rel = c.rel if isinstance(c, Inequality) else "=="
    return (type(c).__name__, c.lhs, c.rhs, rel, sp.Tuple(*map(sp.Tuple, c.over)))


# ----------------------------------------------------------------------------------
# mutation operators on expression trees
# ----------------------------------------------------------------------------------
def _walk(expr: sp.Basic, path: Path = (), bound: frozenset = frozenset()) -> Iterator[tuple[Path, sp.Basic, frozenset]]:
    """Pre-order (path, node, integration variables in force) of an expression tree."""
    yield path, expr, bound
    if isinstance(expr, sp.Integral):
        inner = bound | {lim[0] for lim in expr.limits}
        yield from _walk(expr.function, path + (0,), inner)
        for i, lim in enumerate(expr.args[1:], start=1):
            for j, part in enumerate(lim.args[1:], start=1):   # the limits, not the variable
                yield from _walk(part, path + (i, j), bound)
        return
    if isinstance(expr, (sp.Tuple,)) or not expr.args:
        return
    for i, a in enumerate(expr.args):
        yield from _walk(a, path + (i,), bound)


def _replace(expr: sp.Basic, path: Path, new: sp.Basic) -> sp.Basic:
    if not path:
        return new
    args = list(expr.args)
    args[path[0]] = _replace(args[path[0]], path[1:], new)
    return expr.func(*args)


def _mutate_expr(expr: sp.Expr, delta: sp.Rational, symbols: set) -> Iterator[tuple[str, str, sp.Expr]]:
    """(operator, description, mutated expression) for one side of a claim."""
    up, down = 1 + delta, 1 - delta
    for path, node, bound in _walk(expr):
        if node.is_Number and node != 0 and node.is_finite:
            for f in (up, down):
                yield "const", f"{node} -> {node * f} at {path}", _replace(expr, path, node * f)
        elif isinstance(node, sp.Symbol) and node in symbols and node not in bound:
            yield "symbol", f"{node} -> {node}*{up} at {path}", _replace(expr, path, node * up)
        if isinstance(node, sp.Add):
            for i, term in enumerate(node.args):
                rest = [a for j, a in enumerate(node.args) if j != i]
                yield "sign", f"term {term} -> {-term} at {path}", _replace(expr, path, sp.Add(*rest, -term))
                yield "drop", f"term {term} dropped at {path}", _replace(expr, path, sp.Add(*rest))


def mutants_of(top: str, leaf: _Relational, delta: sp.Rational = DELTA,
               symbols: set | None = None) -> list[Mutant]:
    """Every mutant of one leaf (deduplicated, trivial no-ops removed)."""
    symbols = set(symbols or ()) | set(leaf.bound_symbols)
    out: list[Mutant] = []

    def add(op: str, desc: str, **changes) -> None:
        try:
            claim = replace(leaf, id=f"{leaf.id}~{len(out)}", statement=f"mutant of {leaf.id}: {desc}",
                            note=desc, **changes)
        except Exception:  # a mutation the claim constructor refuses is not a mutant
            return
        out.append(Mutant(top, leaf, claim, op, desc))

    for side in ("lhs", "rhs"):
        e = getattr(leaf, side)
        for op, desc, new in _mutate_expr(e, delta, symbols):
            add(op, f"{side}: {desc}", **{side: new})
        if e == 0:
            for v in (delta, -delta):
                add("scale", f"{side}: 0 -> {v}", **{side: v})
        else:
            add("scale", f"{side} -> {side}*{1 + delta}", **{side: e * (1 + delta)})
            add("sign", f"{side} -> -{side}", **{side: -e})
    for i, (var, lo, hi) in enumerate(leaf.over):
        plain = sp.Symbol(var.name)
        width = hi - lo
        for end, (nlo, nhi) in (("lo", (lo - delta * width, hi)), ("hi", (lo, hi + delta * width))):
            over = list(leaf.over)
            over[i] = (plain, nlo, nhi)
            add("range", f"{var} range {end} end moved out by {delta}*(hi - lo)",
                lhs=leaf.lhs.subs(var, plain), rhs=leaf.rhs.subs(var, plain), over=over)
    if isinstance(leaf, Inequality):
        add("reverse", f"{leaf.rel} -> {_REVERSE[leaf.rel]}", rel=_REVERSE[leaf.rel])
    unique, seen = [], {_key(leaf)}
    for m in out:
        k = _key(m.claim)
        if k not in seen:
            seen.add(k)
            unique.append(m)
    return unique


def all_mutants(deriv: Derivation, delta: sp.Rational = DELTA) -> list[list[Mutant]]:
    """Mutants grouped by leaf."""
    syms = deriv.scope.symbols
    return [mutants_of(top, leaf, delta, syms) for top, leaf in leaves(deriv.claims)]


def sample(groups: Sequence[Sequence[Mutant]], seed: int) -> list[Mutant]:
    """All mutants in a seeded order that visits every leaf before revisiting one."""
    rng = random.Random(seed)
    pools = [list(g) for g in groups if g]
    for p in pools:
        rng.shuffle(p)
    rng.shuffle(pools)
    order = []
    while pools:
        for p in list(pools):
            order.append(p.pop())
            if not p:
                pools.remove(p)
    return order


# ----------------------------------------------------------------------------------
# classification
# ----------------------------------------------------------------------------------
def _residual(c: _Relational, scope: Scope) -> sp.Expr:
    return c._prepare(scope)


def _same_over(a: _Relational, b: _Relational) -> bool:
    return tuple(a.over) == tuple(b.over)


def _positive_bound_vars(c: _Relational, scope: Scope, expr: sp.Expr) -> sp.Expr:
    """``expr`` with each bound variable whose lower end is shown > 0 replaced by a positive symbol.

    Sound for showing ``expr == 0`` or ``expr >= 0``: a statement for all positive
    values holds in particular on the variable's range.
    """
    for var, lo, _ in c.over:
        e, dom = scope.eliminate(lo)
        if symbolic_nonneg(e, {s: d for s, d in dom.items() if s in e.free_symbols}, True):
            expr = expr.subs(var, sp.Dummy(var.name, positive=True))
    return expr


def _zero(c: _Relational, scope: Scope, expr: sp.Expr) -> bool:
    if symbolic_zero(expr):
        return True
    pos = _positive_bound_vars(c, scope, expr)
    return pos != expr and bool(symbolic_zero(sp.expand_log(pos)))


def _constant_ratio(c: _Relational, scope: Scope, dM: sp.Expr, dC: sp.Expr) -> sp.Expr | None:
    """``dM / dC`` if it simplifies to a nonzero number (the mutant rescales the residual)."""
    if dC == 0 or dM == 0:
        return None
    for e in (dM / dC, _positive_bound_vars(c, scope, dM / dC)):
        try:
            r = sp.simplify(sp.expand_log(e))
        except Exception:
            continue
        if r.is_number and r.is_real and r != 0 and not r.has(sp.nan, sp.zoo):
            return r
    return None


def shown_equivalent(m: Mutant, scope: Scope) -> str | None:
    """A symbolic reason why the mutant says the same as the original, or None."""
    c, mc = m.leaf, m.claim
    dC, dM = _residual(c, scope), _residual(mc, scope)
    if isinstance(c, Identity) or c.rel == mc.rel:
        delta = _smaller(dM - dC)
        if delta == 0 and _same_over(c, mc):
            return "mutated lhs - rhs minus original lhs - rhs expands to 0"
    if _same_over(c, mc):
        r = _constant_ratio(c, scope, dM, dC)
        if r is not None:
            if isinstance(c, Identity):
                return f"mutated lhs - rhs = ({r}) x original lhs - rhs: zero exactly when the original is"
            if _SIGN[mc.rel] * _SIGN[c.rel] * r > 0 and (mc.rel in (">", "<")) == (c.rel in (">", "<")):
                return f"mutated residual = ({r}) x original residual, same sign and strictness"
    if isinstance(c, Identity):
        if _same_over(c, mc):
            if _zero(c, scope, dM - dC):
                return "mutated lhs - rhs minus original lhs - rhs simplifies to 0"
            if _zero(c, scope, dM + dC):
                return "mutated lhs - rhs is minus the original lhs - rhs"
            return None
        if not (set(mc.bound_symbols) & dM.free_symbols):
            return "the residual does not involve the bound variable: the range is irrelevant"
        if symbolic_zero(dM):
            return "the mutated lhs - rhs simplifies to 0 without using the range (an identity everywhere)"
        return None
    sC, sM = _SIGN[c.rel], _SIGN[mc.rel]
    if _same_over(c, mc):
        if c.rel == mc.rel and _zero(c, scope, dM - dC):
            return "mutated lhs - rhs minus original lhs - rhs simplifies to 0"
        if mc.rel == _REVERSE[c.rel] and mc.rel in (">=", "<=") and symbolic_zero(dC):
            return "original lhs - rhs simplifies to 0, so the reversed inequality holds as well"
        return None
    if sC == sM and c.rel == mc.rel and not (set(mc.bound_symbols) & dM.free_symbols):
        return "the residual does not involve the bound variable: the range is irrelevant"
    return None


def shown_ill_formed(m: Mutant, scope: Scope) -> str | None:
    """A reason why the mutant is not a statement at all: SymPy reduces one of its sides to an
    undefined value (``zoo``/``nan``, e.g. ``log(z/a)`` with ``z = a`` in a denominator) while the
    original's sides are defined.  Such a mutant can be neither true nor false."""
    bad = (sp.zoo, sp.nan)

    def undefined(c: _Relational) -> bool:
        return any(side.has(*bad) for side in (c.lhs, c.rhs)) or _residual(c, scope).has(*bad)

    def bad_branch(c: _Relational) -> bool:     # W_k needs an integer branch index k
        return any(len(w.args) > 1 and w.args[1].is_integer is False
                   for side in (c.lhs, c.rhs) for w in side.atoms(sp.LambertW))

    if undefined(m.claim) and not undefined(m.leaf):
        return ("ill-formed: a side of the mutant evaluates to an undefined value (zoo/nan: a division by "
                "an exact zero), so it is not a claim; the provers could not evaluate it anywhere")
    if bad_branch(m.claim) and not bad_branch(m.leaf):
        return ("ill-formed: the mutant gives LambertW a non-integer branch index, which is undefined "
                "(mpmath silently rounds it)")
    return None


def _smaller(e: sp.Expr) -> sp.Expr:
    """``e`` expanded when that is smaller: a mutant differs from its original in one subterm, and
    the unchanged terms of ``mutant - original`` cancel only once products are distributed."""
    try:
        x = sp.expand(e)
    except Exception:
        return e
    return x if sp.count_ops(x) < sp.count_ops(e) else e


def shown_implied(m: Mutant, scope: Scope, certify_time: float) -> str | None:
    """For an inequality: a proof that the original implies the mutant (its residual only grew)."""
    c, mc = m.leaf, m.claim
    if not (isinstance(c, Inequality) and isinstance(mc, Inequality)) or not _same_over(c, mc):
        return None
    if mc.rel != c.rel and not (c.rel == ">" and mc.rel == ">=") and not (c.rel == "<" and mc.rel == "<="):
        return None
    s = _SIGN[c.rel]
    gap = _smaller(s * (_residual(mc, scope) - _residual(c, scope)))   # f_mut - f_orig, must be >= 0
    boxed, box = c._box(scope, gap)
    if symbolic_nonneg(gap, {}, False) or symbolic_nonneg(boxed, box, False):
        return "implied: f_mut - f_orig >= 0 shown symbolically on the domain"
    pos = _positive_bound_vars(c, scope, gap)
    if pos != gap:
        pos, dom = scope.eliminate(sp.expand_log(pos))
        if symbolic_nonneg(pos, {s: d for s, d in dom.items() if s in pos.free_symbols}, False):
            return "implied: f_mut - f_orig >= 0 shown symbolically (bound variables positive)"
    try:
        from symmech.tactics.certify import certify  # lazy: inside a try: the library is optional
    except Exception:  # pragma: no cover - certifier not installed
        return None
    try:
        v = certify(boxed, dict(box), relation=">=", time_limit=certify_time)
    except Exception:
        return None
    if v.status is Status.CERTIFIED:
        return "implied: f_mut - f_orig >= 0 certified on the domain (interval arithmetic)"
    return None


def hunt(c: _Relational, scope: Scope, *, points: int = 400, dps: int = 30, seed: int = 0) -> dict | None:
    """Look hard for a violation of ``c``: boundary-hugging and random points of its box.

    Independent of the provers' sampling grid.  Returns a witness (box
    coordinates, the claim's parameters, the residual) verified at ``dps + 20``
    digits, or None.
    """
    d = _residual(c, scope)
    f = d if isinstance(c, Identity) else _SIGN[c.rel] * d
    pair, box = c._box(scope, sp.Tuple(f, sp.Abs(c.lhs) + sp.Abs(c.rhs)))   # one set of box symbols
    boxed, scale_b = pair
    syms = sorted(box, key=str)
    rng = random.Random(seed)
    edges = [Fraction(1, 10**j) for j in (1, 2, 3, 4, 6, 8)]

    def coord(dom: sp.Interval) -> sp.Rational:
        a, b = sp.Rational(dom.start), sp.Rational(dom.end)
        r = rng.random()
        if r < 0.3:
            e = rng.choice(edges)
            t = e if rng.random() < 0.5 else 1 - e
        elif r < 0.4 and not (dom.left_open or dom.right_open):
            t = Fraction(rng.choice((0, 1)))
        else:
            t = Fraction(rng.randint(1, 9999), 10000)
        return a + (b - a) * sp.Rational(t.numerator, t.denominator)

    try:
        fn = sp.lambdify(syms, boxed, modules="mpmath")
        sc = sp.lambdify(syms, scale_b, modules="mpmath")
    except Exception:
        return None
    strict = isinstance(c, Inequality) and c.rel in (">", "<")
    with mpmath.workdps(dps):
        for _ in range(points):
            pt = [coord(box[s]) for s in syms]
            try:
                v = fn(*[mpmath.mpf(x.p) / x.q for x in pt])
                scale = max(1, abs(sc(*[mpmath.mpf(x.p) / x.q for x in pt])))
            except Exception:
                continue
            if isinstance(v, mpmath.mpc):
                if abs(v.imag) > mpmath.mpf(10) ** (-dps + 5) * scale:
                    continue
                v = v.real
            tol = mpmath.mpf(10) ** (-(dps - 10)) * scale
            bad = abs(v) > tol if isinstance(c, Identity) else (v < -tol or (strict and v <= tol and v < 0))
            if not bad:
                continue
            exact = dict(zip(syms, pt))
            try:
                val = sp.N(boxed.subs(exact), dps + 20)
            except Exception:
                continue
            if not val.is_real:
                continue
            confirmed = abs(val) > tol if isinstance(c, Identity) else val < -tol
            if confirmed:
                return _describe(c, scope, exact, val)
    return None


def _describe(c: _Relational, scope: Scope, exact: dict, val: sp.Expr) -> dict:
    out = {}
    values = {}
    for root in scope.roots:
        if root.symbol in {s for s in exact} and root.inverse is not None:
            param, h = root.inverse
            values[param] = h.subs({s: v for s, v in exact.items() if s == root.symbol})
            out[str(root.symbol)] = str(exact[root.symbol])
            out[str(param)] = f"{values[param]} = {sp.N(values[param], 20)}"
    for s, v in exact.items():
        if str(s) not in out:
            out[str(s)] = str(v)
    out["residual"] = str(sp.N(val, 20))
    return out


def _extension_proved(m: Mutant, scope: Scope, *, digits: int, samples: int) -> str | None:
    """A range mutant holds if the original does and the claim holds on the added piece alone.

    Checks the added piece ``[lo', lo]`` (or ``[hi, hi']``) and accepts only a
    proof (proved / certified), never numerical evidence.
    """
    for (v0, lo0, hi0), (v1, lo1, hi1) in zip(m.leaf.over, m.claim.over):
        if (lo0, hi0) == (lo1.subs(v1, v0), hi1.subs(v1, v0)):
            continue
        piece = (v1, lo1, lo0) if lo1 != lo0 else (v1, hi0, hi1)
        over = [piece if v == v1 else (v, a, b) for v, a, b in m.claim.over]
        ext = replace(m.claim, id=m.claim.id + ".extension", statement="", over=over)
        v = ext.check(scope, digits=digits, samples=samples)
        if v.status in (Status.PROVED, Status.CERTIFIED):
            return (f"the original claim holds on the old range and the added piece "
                    f"{piece[1]} .. {piece[2]} is {v.status.value} by {v.method}")
        return None
    return None


class MutantTimeout(BaseException):
    """A mutant took longer than its time limit (a BaseException: passes through `except Exception`)."""


@contextlib.contextmanager
def _time_limit(seconds: float | None):
    """Raise MutantTimeout after ``seconds`` (main thread on POSIX only; otherwise no limit)."""
    usable = (seconds and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    state = {"active": True}

    def on_alarm(signum, frame):
        if state["active"]:
            # one more shot in 50 ms: an exception raised inside a gc callback is swallowed
            signal.setitimer(signal.ITIMER_REAL, 0.05)
            raise MutantTimeout(f"no decision within {seconds:g}s")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        state["active"] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def classify(m: Mutant, scope: Scope, *, digits: int, samples: int, certify_time: float,
             hunt_points: int = 400, timeout: float | None = 60.0) -> MutantResult:
    """Pre-classify (equivalent / implied) and otherwise check and classify one mutant.

    A mutant that takes longer than ``timeout`` seconds is ``undecided`` (timed out).
    """
    t0 = time.perf_counter()

    def done(outcome, evidence, verdict=None, witness=None):
        return MutantResult(m, outcome, evidence, verdict, time.perf_counter() - t0, witness)

    # 1. cheap symbolic pre-checks (their own share of the time: SymPy may not terminate quickly)
    try:
        with _time_limit(None if timeout is None else max(1.0, timeout / 4)):
            why = shown_equivalent(m, scope)
            if why:
                return done("equivalent", why)
            why = shown_implied(m, scope, certify_time)
            if why:
                return done("still_true", why)
    except MutantTimeout:
        pass  # not shown; the provers decide
    except Exception as exc:  # the mutant is not even well-formed in the scope
        return done("undecided", f"mutant not checkable: {type(exc).__name__}: {exc}")
    # 2. the provers, then the classification of a holding verdict
    rest = None if timeout is None else max(1.0, timeout - (time.perf_counter() - t0))
    try:
        with _time_limit(rest):
            return _classify(m, scope, digits=digits, samples=samples, certify_time=certify_time,
                             hunt_points=hunt_points, done=done)
    except MutantTimeout as exc:
        return done("undecided", f"timed out: {exc}")


def _classify(m: Mutant, scope: Scope, *, digits: int, samples: int, certify_time: float,
              hunt_points: int, done) -> MutantResult:
    old = provers.CERTIFY_TIME_LIMIT
    provers.CERTIFY_TIME_LIMIT = certify_time
    try:
        v = m.claim.check(scope, digits=digits, samples=samples)
    except MutantTimeout:
        raise
    except Exception as exc:
        return done("undecided", f"check raised {type(exc).__name__}: {exc}")
    finally:
        provers.CERTIFY_TIME_LIMIT = old
    if v.status is Status.REFUTED:
        return done("refuted", f"[{v.method}] {v.detail}", v)
    if v.status in (Status.UNDECIDED, Status.CONFIRMED):
        why = shown_ill_formed(m, scope) if not v.conflict else None
        if why:
            return done("ill_formed", why, v)
    if v.status is Status.UNDECIDED:
        extra = " (SOUNDNESS CONFLICT)" if v.conflict else ""
        return done("undecided", f"[{v.method}] {v.detail}{extra}", v)
    try:
        w = hunt(m.claim, scope, points=hunt_points)
    except MutantTimeout:
        raise
    except Exception:
        w = None
    if v.status is Status.CONFIRMED and not w and m.operator == "range":
        why = _extension_proved(m, scope, digits=digits, samples=samples)
        if why:
            return done("still_true", why, v)
    if v.status in (Status.PROVED, Status.CERTIFIED):
        if w:
            return done("survived", f"SOUNDNESS BUG: {v.status.value} by {v.method} but the hunt found a "
                                    f"violation: {w}", v, w)
        return done("still_true", f"proved true by {v.method} (the hunt found no violation)", v)
    if w:
        return done("survived", f"confirmed by sampling, but the hunt found a violation that sampling "
                                f"missed: {w}", v, w)
    return done("survived", f"confirmed by sampling only, neither refuted nor shown true: {v.detail}", v)


# ----------------------------------------------------------------------------------
# driver
# ----------------------------------------------------------------------------------
def run(deriv: Derivation, *, digits: int = 30, samples: int = 5, max_mutants: int | None = 40,
        seed: int = 0, delta: sp.Rational = DELTA, certify_time: float = 2.0, hunt_points: int = 400,
        timeout: float | None = 60.0, progress: Callable[[str], None] | None = None) -> MutationReport:
    """Mutate ``deriv``'s true claims and check the mutants (see the module docstring).

    ``max_mutants`` limits the mutants that are *checked* (equivalent or
    implied ones, settled without checking, do not count; at most
    ``4 * max_mutants`` are examined in all); ``None`` or 0 examines all.
    """
    t0 = time.perf_counter()
    order = sample(all_mutants(deriv, delta), seed)
    report = MutationReport(deriv.name, available=len(order))
    checked = 0
    limit = max_mutants or None
    for i, m in enumerate(order):
        if limit is not None and (checked >= limit or i >= 4 * limit):
            break
        if progress:
            progress(f"[{i + 1}/{len(order)}] {m.label}")
        r = classify(m, deriv.scope, digits=digits, samples=samples, certify_time=certify_time,
                     hunt_points=hunt_points, timeout=timeout)
        if r.verdict is not None or r.outcome == "undecided":
            checked += 1
        report.results.append(r)
        if progress:
            progress(f"    -> {r.outcome} ({r.seconds:.1f}s): {r.evidence[:160]}")
    report.seconds = time.perf_counter() - t0
    return report
