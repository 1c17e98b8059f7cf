"""Checking what an author asserts: defined roots' hints and rewrite hints.

Nothing a model supplies is trusted silently.  Each hint becomes one or more
obligations, checked by the same provers as any claim, and recorded as a
:class:`~symmech.verdict.Hint` in the trust report of every verdict that rests on it.

Defined roots (``DefinedRoot(symbol, equation, bracket, closed_form, inverse, image)``):

* **root sign** -- the symbol's sign assumptions (``positive=True`` ...) hold for the
  root: the bracket lies on that side of 0 (proved), else every sampled root value does
  (confirmed).  SymPy simplifies expressions in the symbol under these assumptions as
  soon as they are built (``sqrt(r**2) -> r``), so when a sample contradicts them no
  verdict involving the symbol can be trusted: it becomes ``undecided``.
* **root bracket** -- the equation changes sign between the bracket's ends and is
  strictly monotone inside, so it has exactly one root there.
* **root image** -- the bracket lies inside the declared image for every parameter value
  (so the root does).
* **root inverse** -- the equation vanishes at ``param = h(t)`` for every ``t`` in the image and
  is affine in ``param`` with a coefficient that never vanishes (so ``param = h(root)``).

Exact elimination of a parameter through a root (``Scope.eliminate``) is used only when
its image and inverse hints are proved or certified.

Rewrite hints (``Identity(rewrites=((mapping, reason), ...))``): every new symbol a
mapping introduces must be defined by one of its pairs (``expr -> W``, or a pair that
can be solved for it); then each pair ``a -> b`` must be an identity on the claim's
domain with the new symbols replaced by their definitions, and each new symbol's sign
assumptions must hold.  A rewrite is used by the prover only when all of that is proved
or certified.
"""
from __future__ import annotations

import contextvars
from typing import Mapping, Sequence

import sympy as sp

from .verdict import Hint, Status, Verdict

#: True while the obligations of hints are being checked (they must not recurse)
_checking: contextvars.ContextVar[bool] = contextvars.ContextVar("checking_hints", default=False)

_PROOF = (Status.PROVED, Status.CERTIFIED)


def checking_hints() -> bool:
    """True inside the check of a hint's obligations."""
    return _checking.get()


def _weakest(verdicts: Sequence[Verdict]) -> Verdict:
    from .claims import _STRENGTH

    for v in verdicts:
        if v.status is Status.REFUTED:
            return v
    for v in verdicts:
        if v.status is Status.UNDECIDED:
            return v
    return min(verdicts, key=lambda v: _STRENGTH[v.status])


def _run(claims, scope, digits: int, samples: int) -> Verdict:
    """Check the obligation claims (no hint checking inside) and return the weakest verdict."""
    token = _checking.set(True)
    try:
        out = []
        for c in claims:
            try:
                out.append(c.check(scope, digits=digits, samples=samples))
            except Exception as exc:  # a crash is not a proof
                out.append(Verdict(Status.UNDECIDED, "error", f"{c.id}: {type(exc).__name__}: {exc}"))
        return _weakest(out)
    finally:
        _checking.reset(token)


# ----------------------------------------------------------------------------------------------
# defined roots
# ----------------------------------------------------------------------------------------------
def root_hints(scope, digits: int = 30, samples: int = 5) -> dict[sp.Symbol, tuple[Hint, ...]]:
    """The checked hints of every defined root of ``scope`` (computed once per scope, in order, so
    that a root's obligations may use the roots before it)."""
    cache = scope.__dict__.setdefault("_root_hints", {})
    if len(cache) == len(scope.roots):
        return cache
    allowed = scope.__dict__.setdefault("_elimination_allowed", set())
    enclosed = scope.__dict__.setdefault("_image_allowed", set())     # proofs may range the root over its image
    for j, root in enumerate(scope.roots):
        if root.symbol in cache:
            continue
        sub = _sub_scope(scope, j)
        hints = _root_obligations(root, scope, sub, digits, samples)
        cache[root.symbol] = hints
        by_kind = {h.kind: h for h in hints}
        if root.inverse is not None and root.image is not None and all(
                by_kind[k].checked for k in ("root image", "root inverse") if k in by_kind):
            allowed.add(root.symbol)
        if root.image is not None and all(by_kind[k].checked for k in ("root image", "root bracket")
                                          if k in by_kind):
            enclosed.add(root.symbol)
    return cache


def _sub_scope(scope, j: int, extra: Mapping | None = None):
    """The scope of root ``j``'s obligations: the parameters (plus ``extra``) and the roots before it,
    sharing their already-checked hints."""
    from .scope import Scope

    params = dict(scope.parameters)
    params.update(extra or {})
    sub = Scope(params, roots=tuple(scope.roots[:j]))
    done = scope.__dict__.get("_root_hints", {})
    sub.__dict__["_root_hints"] = {r.symbol: done[r.symbol] for r in scope.roots[:j] if r.symbol in done}
    sub.__dict__["_elimination_allowed"] = set(scope.__dict__.get("_elimination_allowed", set())) & {
        r.symbol for r in scope.roots[:j]}
    sub.__dict__["_image_allowed"] = set(scope.__dict__.get("_image_allowed", set())) & {
        r.symbol for r in scope.roots[:j]}
    return sub


def _status_hint(kind: str, subject: str, statement: str, v: Verdict, used: bool = True) -> Hint:
    detail = "" if v.status in _PROOF else v.detail[:300]
    return Hint(kind, subject, statement, v.status.value, detail, used)


def _root_obligations(root, scope, sub, digits: int, samples: int) -> tuple[Hint, ...]:
    from .claims import Identity, Inequality

    x = root.symbol
    name = str(x)
    lo, hi = (sp.sympify(b) for b in root.bracket)
    u = sp.Dummy("u", positive=True)
    inner = _sub_scope(scope, list(scope.roots).index(root), {u: sp.Interval.open(0, 1)})
    at = lo + u * (hi - lo)                        # the open bracket, exactly
    g = sp.sympify(root.equation).subs(x, at)
    hints: list[Hint] = []

    # -- sign assumptions of the symbol -----------------------------------------------------------
    sign_claims = []
    if x.is_positive or x.is_nonnegative:
        sign_claims.append(("> 0" if x.is_positive else ">= 0", Inequality(f"{name}.bracket_sign", lhs=lo, rel=">=",
                                                                            rhs=0)))
    if x.is_negative or x.is_nonpositive:
        sign_claims.append(("< 0" if x.is_negative else "<= 0", Inequality(f"{name}.bracket_sign", lhs=hi, rel="<=",
                                                                            rhs=0)))
    for text, claim in sign_claims:
        v = _run([claim], sub, digits, samples)
        if v.status not in _PROOF:
            v = _sampled_sign(root, scope, x, text, digits, samples, v)
        hints.append(_status_hint("root sign", name, f"{name} {text} (declared assumption)", v))

    # -- the bracket holds exactly one root ------------------------------------------------------------
    hints.append(_bracket_hint(root, g, u, inner, sub, digits, samples))

    # -- image ----------------------------------------------------------------------------------------
    if root.image is not None:
        img = root.image
        parts = []
        if img.start.is_finite:
            parts.append(Inequality(f"{name}.image_lo", lhs=lo, rel=">=", rhs=img.start))
        if img.end.is_finite:
            parts.append(Inequality(f"{name}.image_hi", lhs=hi, rel="<=", rhs=img.end))
        v = _run(parts, sub, digits, samples) if parts else Verdict(Status.PROVED, "symbolic", "unbounded image")
        hints.append(_status_hint("root image", name, f"{name} in {img} (the bracket lies inside it)", v,
                                  used=root.inverse is not None))
    # -- inverse --------------------------------------------------------------------------------------
    if root.inverse is not None:
        hints.append(_inverse_hint(root, scope, digits, samples))
    return tuple(hints)


def _sampled_sign(root, scope, x, text: str, digits: int, samples: int, proof: Verdict) -> Verdict:
    """The sign assumption at every sampled root value: refuted by one that violates it, else
    confirmed (evidence only)."""
    test = {"> 0": lambda v: v > 0, ">= 0": lambda v: v >= 0, "< 0": lambda v: v < 0, "<= 0": lambda v: v <= 0}[text]
    seen = 0
    for pt in scope.sample_points(samples):
        try:
            val = scope.numeric_values(pt, digits + 10)[x]
        except Exception:
            continue
        seen += 1
        if not test(val):
            where = ", ".join(f"{k} = {v}" for k, v in pt.items())
            return Verdict(Status.REFUTED, "mpmath",
                           f"the root is {sp.N(val, 20)} at {where}, against the declared assumption {x} {text}; "
                           f"SymPy simplified every expression in {x} under that false assumption",
                           digits=digits, witness={str(k): str(v) for k, v in pt.items()}, witness_value=str(val))
    if not seen:
        return Verdict(Status.UNDECIDED, "mpmath", "no root value could be computed")
    return Verdict(Status.CONFIRMED, "mpmath",
                   f"holds at {seen} sampled roots; the bracket bound was not proved ({proof.status.value})")


def _bracket_hint(root, g, u, inner, sub, digits: int, samples: int) -> Hint:
    """Existence (a sign change between the ends) and uniqueness (strict monotonicity inside)."""
    from .claims import Inequality
    from .provers import within_budget

    name = str(root.symbol)
    statement = f"exactly one root of {root.equation} = 0 in ({root.bracket[0]}, {root.bracket[1]})"
    ends = []
    for side, end in (("+", 0), ("-", 1)):
        val = within_budget(lambda: _end_value(g, u, end, side), 10.0)
        if val is None:
            return Hint("root bracket", name, statement, "undecided", f"no value of the equation at the "
                        f"{'lower' if end == 0 else 'upper'} end of the bracket")
        ends.append(val)
    # the direction: the sign of g at the upper end at one sample point
    s = _direction(ends[1] - ends[0], sub, digits)
    if s is None:
        return Hint("root bracket", name, statement, "undecided", "the equation's values at the bracket's ends "
                    "could not be compared")
    x = root.symbol
    lo, hi = (sp.sympify(b) for b in root.bracket)
    dfx = sp.diff(sp.sympify(root.equation), x).subs(x, lo + u * (hi - lo))   # f'(x) inside the bracket
    claims = [Inequality(f"{name}.lower_end", lhs=s * ends[0], rel="<", rhs=0),
              Inequality(f"{name}.upper_end", lhs=s * ends[1], rel=">", rhs=0),
              Inequality(f"{name}.bracket_nonempty", lhs=hi - lo, rel=">", rhs=0)]
    v_ends = _run(claims, sub, digits, samples)
    v_mono = _run([Inequality(f"{name}.monotone", lhs=s * dfx, rel=">", rhs=0)], inner, digits, samples)
    v = _weakest([v_ends, v_mono])
    return _status_hint("root bracket", name, statement, v)


def _end_value(g, u, end: int, side: str):
    val = g.subs(u, end)
    if val.has(sp.nan, sp.zoo, sp.oo, -sp.oo) or val is sp.nan:
        val = sp.limit(g, u, end, side)
    if val.has(sp.nan, sp.zoo, sp.oo, -sp.oo, sp.AccumBounds, sp.Limit):
        return None
    return val


def _direction(diff, scope, digits: int) -> int | None:
    """+1 if ``diff`` is positive at the scope's first sample point, -1 if negative."""
    from .numeric import evaluate

    for pt in scope.sample_points(3):
        try:
            vals = scope.numeric_values(pt, digits + 10)
            v = evaluate(diff, vals, digits).value
        except Exception:
            continue
        if v > 0:
            return 1
        if v < 0:
            return -1
    return None


def _inverse_hint(root, scope, digits: int, samples: int) -> Hint:
    """``equation(t, param = h(t)) == 0`` on the image and ``equation`` affine in ``param`` with a
    coefficient of constant sign (so the root determines the parameter: ``param = h(root)``)."""
    from .claims import Identity, Inequality

    param, h = root.inverse
    x = root.symbol
    name = str(x)
    statement = f"{param} = {h} at the root"
    if root.image is None:
        return Hint("root inverse", name, statement, "unchecked", "no image declared: nothing to check it on",
                    used=False)
    t = sp.Dummy("t", real=True)
    img = root.image
    if not (img.start.is_finite and img.end.is_finite):
        return Hint("root inverse", name, statement, "unchecked", "the image is unbounded", used=False)
    eq = sp.sympify(root.equation)
    try:
        poly = sp.Poly(sp.expand(eq), param)
    except sp.PolynomialError:
        poly = None
    if poly is None or poly.degree() != 1:
        return Hint("root inverse", name, statement, "undecided",
                    f"the equation is not affine in {param}: the inverse cannot be shown unique")
    coeff = poly.coeffs()[0].subs(x, t)
    others = {s: d for s, d in scope.parameters.items() if s != param}
    from .scope import Scope

    tscope = Scope({**others, t: img}, roots=())
    claims = [Identity(f"{name}.inverse", lhs=eq.subs(param, h).subs(x, t), rhs=0)]
    s = _direction(coeff, tscope, digits)
    if s is None:
        return Hint("root inverse", name, statement, "undecided", f"the coefficient of {param} is not evaluable")
    claims.append(Inequality(f"{name}.inverse_unique", lhs=s * coeff, rel=">", rhs=0))
    if any(r.symbol in eq.free_symbols | h.free_symbols for r in scope.roots if r is not root):
        return Hint("root inverse", name, statement, "undecided", "the equation involves another defined root")
    v = _run(claims, tscope, digits, samples)
    return _status_hint("root inverse", name, statement, v)


def roots_in(expr_syms: set, scope) -> list:
    """The defined roots an expression depends on, with the roots their definitions depend on."""
    by_sym = {r.symbol: r for r in scope.roots}
    todo = [s for s in expr_syms if s in by_sym]
    seen: list = []
    while todo:
        s = todo.pop()
        if s in seen:
            continue
        seen.append(s)
        r = by_sym[s]
        deps = sp.sympify(r.equation).free_symbols | sp.sympify(r.bracket[0]).free_symbols | \
            sp.sympify(r.bracket[1]).free_symbols
        todo.extend(d for d in deps if d in by_sym and d != s)
    return seen


def apply_root_trust(verdict: Verdict, syms: set, scope, digits: int, samples: int) -> Verdict:
    """Attach the hints of the roots the claim involves; a proof that rests on a hint that is not
    proved or certified is capped at ``confirmed``; a refuted sign assumption makes any verdict
    ``undecided`` (the expressions were simplified under it)."""
    involved = roots_in(syms, scope)
    if not involved:
        return verdict
    table = root_hints(scope, digits=min(digits, 30), samples=min(samples, 5))
    allowed = scope.__dict__.get("_elimination_allowed", set())
    enclosed = scope.__dict__.get("_image_allowed", set())
    hints = []
    for s in involved:
        for h in table.get(s, ()):
            if h.kind in ("root image", "root inverse"):
                used = s in allowed or (h.kind == "root image" and s in enclosed)
                h = Hint(h.kind, h.subject, h.statement, h.status, h.detail, used=used)
            hints.append(h)
    out = verdict.with_trust(hints)
    bad_sign = [h for h in hints if h.kind == "root sign" and h.status == Status.REFUTED.value]
    if bad_sign:
        from dataclasses import replace

        return replace(out, status=Status.UNDECIDED, method="hints",
                       detail=f"rests on a false assumption: {bad_sign[0].describe()}; {bad_sign[0].detail}; "
                              f"(the check gave: {verdict.status.value}: {verdict.detail[:200]})")
    return cap(out)


def cap(verdict: Verdict) -> Verdict:
    """A proof that rests on a hint that is not proved or certified is at most ``confirmed``."""
    from dataclasses import replace

    weak = verdict.unchecked
    if not weak or verdict.status not in _PROOF:
        return verdict
    names = "; ".join(h.describe() for h in weak[:3])
    return replace(verdict, status=Status.CONFIRMED,
                   detail=f"{verdict.status.value} only on unchecked hints, so confirmed: {names}; {verdict.detail}")


# ----------------------------------------------------------------------------------------------
# rewrites
# ----------------------------------------------------------------------------------------------
def check_rewrite(claim, mapping: Mapping, reason: str, scope, digits: int, samples: int) -> Hint:
    """Check a rewrite hint of ``claim`` (an Identity) on the claim's domain; see the module doc."""
    from .claims import Identity, Inequality
    from .provers import within_budget

    known = scope.symbols | set(claim.bound_symbols)
    text = f"{_fmt(mapping)} ({reason})"
    subject = claim.id
    new = set()
    for a, b in mapping.items():
        a, b = sp.sympify(a), sp.sympify(b)
        if a.free_symbols - known:
            return Hint("rewrite", subject, text, "undecided",
                        f"the replaced expression {a} has symbols with no meaning", used=False)
        new |= b.free_symbols - known
    candidates: dict = {}
    for n in sorted(new, key=str):
        for a, b in mapping.items():
            if sp.sympify(b) == n:
                candidates[n] = [sp.sympify(a)]
                break
        else:
            for a, b in mapping.items():
                b = sp.sympify(b)
                if n in b.free_symbols and not (b.free_symbols & (new - {n})):
                    sols = within_budget(lambda: sp.solve(sp.Eq(sp.sympify(a), b), n), 5.0)
                    if sols:
                        candidates[n] = list(sols)[:4]      # e.g. both roots of a quadratic: one must pass
                        break
        if n not in candidates:
            return Hint("rewrite", subject, text, "undecided",
                        f"the new symbol {n} is not defined by the mapping (give a pair expr -> {n})", used=False)
        if n.is_integer or (n.is_real is False):
            return Hint("rewrite", subject, text, "undecided", f"{n} carries assumptions that cannot be checked",
                        used=False)
    best = None
    for definitions in _choices(candidates):
        obligations = _rewrite_obligations(claim, mapping, definitions, scope)
        if not obligations:
            return Hint("rewrite", subject, text, Status.PROVED.value, "each pair is exact or a root's definition")
        v = _run(obligations, scope, digits, samples)
        if v.status in _PROOF:
            return _status_hint("rewrite", subject, text, v)
        best = v if best is None or best.status is Status.REFUTED else best
    return _status_hint("rewrite", subject, text, best, used=False)


def _choices(candidates: dict):
    """Every combination of candidate definitions of the new symbols."""
    import itertools

    names = list(candidates)
    for combo in itertools.product(*(candidates[n] for n in names)):
        yield dict(zip(names, combo))


def _rewrite_obligations(claim, mapping: Mapping, definitions: dict, scope) -> list:
    """Identities (each pair, with the definitions substituted) and sign claims (each new symbol's
    assumptions) that make a rewrite valid; a pair that is a defined root's own equation needs nothing more
    (the root's bracket hint is checked with the root)."""
    from .claims import Identity, Inequality

    subject = claim.id
    obligations = []
    for i, (a, b) in enumerate(mapping.items()):
        a = sp.sympify(a)
        rhs = sp.sympify(b).subs(definitions)
        if a == rhs or _is_root_definition(a - rhs, scope):
            continue
        obligations.append(Identity(f"{subject}.rewrite[{i}]", lhs=a, rhs=rhs, over=claim.over))
    for n, d in definitions.items():
        for flag, rel in (("positive", ">"), ("nonnegative", ">="), ("negative", "<"), ("nonpositive", "<=")):
            if getattr(n, f"is_{flag}"):
                obligations.append(Inequality(f"{subject}.rewrite_sign[{n}]", lhs=d, rel=rel, rhs=0, over=claim.over))
    return obligations


def _is_root_definition(e: sp.Expr, scope) -> bool:
    """``e`` is a nonzero constant multiple of a defined root's equation (so it vanishes at the root)."""
    e = sp.sympify(e)
    for root in scope.roots:
        if root.symbol in e.free_symbols:
            try:
                ratio = sp.simplify(e / sp.sympify(root.equation))
            except Exception:
                continue
            # e = ratio * equation with a ratio free of the root: e vanishes wherever the equation does
            if root.symbol not in ratio.free_symbols and ratio != 0 and not ratio.has(sp.nan, sp.zoo, sp.oo):
                return True
    return False


def _fmt(mapping: Mapping) -> str:
    return "{" + ", ".join(f"{a} -> {b}" for a, b in mapping.items()) + "}"
