"""Checking what an author asserts: defined roots' hints and rewrite hints.

Nothing a model supplies is trusted silently.  Each hint becomes one or more
obligations, checked by the same provers as any claim, and recorded as a
:class:`~symmech.kernel.verdict.Hint` in the trust report of every verdict that rests on it.

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

Systems (``DefinedSystem``, several symbols at once): **system sign**, **system reduce**,
**system inverse**, **system image** and **system root** hints, see :func:`system_hints`;
elimination through a system: :func:`eliminate_systems`.

Rewrite hints (``Identity(rewrites=((mapping, reason), ...))``): every new symbol a
mapping introduces must be defined by one of its pairs (``expr -> W``, or a pair that
can be solved for it); then each pair ``a -> b`` must be an identity on the claim's
domain with the new symbols replaced by their definitions, and each new symbol's sign
assumptions must hold.  A rewrite is used by the prover only when all of that is proved
or certified.

Length: about 700 lines on purpose -- every hint a verdict may rest on is built here and only here (the
kernel contract test lists this file as the one caller of ``rules.checked_hint`` and
``rules.hint_without_obligations``), so the trusted call sites stay in one file a reviewer reads at once.
"""
from __future__ import annotations

import contextvars
import itertools
from dataclasses import replace
from typing import Mapping, Sequence

import sympy as sp

from symmech.kernel import rules
from symmech.kernel.continuity import NotContinuous, obligations
from symmech.kernel.verdict import Hint, Status, Verdict
from symmech.tactics.numeric import evaluate
from symmech.tactics.obligations import Identity, Inequality
from symmech.tactics.provers import within_budget
from symmech.tactics.scope import DefinedRoot, Scope
from symmech.tactics.systems import root_count

#: True while the obligations of hints are being checked (they must not recurse)
_checking: contextvars.ContextVar[bool] = contextvars.ContextVar("checking_hints", default=False)

_PROOF = (Status.PROVED, Status.CERTIFIED)


def checking_hints() -> bool:
    """True inside the check of a hint's obligations."""
    return _checking.get()


def _weakest(verdicts: Sequence[Verdict]) -> Verdict:
    for v in verdicts:
        if v.status is Status.REFUTED:
            return v
    for v in verdicts:
        if v.status is Status.UNDECIDED:
            return v
    return rules.weakest(verdicts)


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
    return rules.hint(kind, subject, statement, v, detail, used)


def _root_obligations(root, scope, sub, digits: int, samples: int) -> tuple[Hint, ...]:

    x = root.symbol
    name = str(x)
    lo, hi = (sp.sympify(b) for b in root.bracket)
    u = sp.Dummy("u", positive=True)
    inner = _sub_scope(scope, list(scope.roots).index(root), {u: sp.Interval.open(0, 1)})
    at = lo + u * (hi - lo)                        # the open bracket, exactly
    g = sp.sympify(root.equation).subs(x, at)
    hints: list[Hint] = []

    # -- sign assumptions of the symbol -----------------------------------------------------------
    for text, claim in _declared_sign_claims(x, lo, hi, f"{name}.bracket_sign"):
        v = _run([claim], sub, digits, samples)
        if v.status not in _PROOF:
            v = _sampled_sign(scope, x, text, digits, samples, v)
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
        v = _run(parts, sub, digits, samples) if parts else rules.checked_hint("unbounded image: nothing to check", status=Status.PROVED, method="symbolic")
        hints.append(_status_hint("root image", name, f"{name} in {img} (the bracket lies inside it)", v,
                                  used=root.inverse is not None))
    # -- inverse --------------------------------------------------------------------------------------
    if root.inverse is not None:
        hints.append(_inverse_hint(root, scope, digits, samples))
    return tuple(hints)


def _declared_sign_claims(x, lo, hi, cid: str) -> list:
    """(assumption text, claim) for each sign assumption of ``x``: the end of its range that must respect it."""

    out = []
    if x.is_positive or x.is_nonnegative:
        out.append(("> 0" if x.is_positive else ">= 0", Inequality(cid, lhs=lo, rel=">=", rhs=0)))
    if x.is_negative or x.is_nonpositive:
        out.append(("< 0" if x.is_negative else "<= 0", Inequality(cid, lhs=hi, rel="<=", rhs=0)))
    return out


def _sampled_sign(scope, x, text: str, digits: int, samples: int, proof: Verdict, *, system: bool = False
                 ) -> Verdict:
    """The sign assumption of a defined root (or, ``system``, of a system's symbol) at every sampled root
    value: refuted by one that violates it, else confirmed (evidence only)."""
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
            why = (f"the root has {x} = {sp.N(val, 20)} at {where}, against the declared assumption {x} {text}"
                   if system else
                   f"the root is {sp.N(val, 20)} at {where}, against the declared assumption {x} {text}; "
                   f"SymPy simplified every expression in {x} under that false assumption")
            return Verdict(Status.REFUTED, "mpmath", why,
                           digits=digits, witness={str(k): str(v) for k, v in pt.items()}, witness_value=str(val))
    if not seen:
        return Verdict(Status.UNDECIDED, "mpmath", "no root value could be computed")
    return Verdict(Status.CONFIRMED, "mpmath", f"holds at {seen} sampled roots; the {'box' if system else 'bracket'} "
                                               f"bound was not proved ({proof.status.value})")


def _bracket_hint(root, g, u, inner, sub, digits: int, samples: int) -> Hint:
    """Existence (a sign change between the ends) and uniqueness (strict monotonicity inside)."""
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
    # the intermediate value theorem and "f' > 0 => one root" need f continuous on the open bracket: the
    # kernel's whitelist conditions, checked inside it (a jump can give two roots with f' > 0 everywhere)
    try:
        conds = obligations(sp.sympify(root.equation), [x])
    except NotContinuous as exc:
        return Hint("root bracket", name, statement, "undecided", f"the equation is not known to be continuous "
                    f"in {x} on the bracket: {exc}")
    x_at = lo + u * (hi - lo)
    cont = [Inequality(f"{name}.continuity[{i}]", lhs=c.subs(x, x_at), rel=">" if strict else ">=", rhs=0)
            for i, (c, strict) in enumerate(conds)]
    v_mono = _run([Inequality(f"{name}.monotone", lhs=s * dfx, rel=">", rhs=0)] + cont, inner, digits, samples)
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
    sys_hints = _system_trust(syms, scope) if getattr(scope, "systems", ()) else []
    if not involved and not sys_hints:
        return verdict
    hints = []
    if involved:
        table = root_hints(scope, digits=min(digits, 30), samples=min(samples, 5))
        allowed = scope.__dict__.get("_elimination_allowed", set())
        enclosed = scope.__dict__.get("_image_allowed", set())
        for s in involved:
            for h in table.get(s, ()):
                if h.kind in ("root image", "root inverse"):
                    used = s in allowed or (h.kind == "root image" and s in enclosed)
                    h = replace(h, used=used)
                hints.append(h)
    hints.extend(sys_hints)
    out = verdict.with_trust(hints)
    bad_sign = [h for h in hints if h.kind in ("root sign", "system sign") and h.status == Status.REFUTED.value]
    if bad_sign:
        return replace(out, status=Status.UNDECIDED, method="hints",
                       detail=f"rests on a false assumption: {bad_sign[0].describe()}; {bad_sign[0].detail}; "
                              f"(the check gave: {verdict.status.value}: {verdict.detail[:200]})")
    bad_root = [h for h in hints if h.kind == "system root" and h.status in (Status.REFUTED.value,
                                                                               Status.UNDECIDED.value)]
    if bad_root:
        return replace(out, status=Status.UNDECIDED, method="hints",
                       detail=f"the symbols {bad_root[0].subject} are not well defined: {bad_root[0].describe()}; "
                              f"{bad_root[0].detail}; (the check gave: {verdict.status.value}: {verdict.detail[:200]})")
    arb_only = [h for h in sys_hints if h.used and h.status == Status.CERTIFIED.value]
    if arb_only and out.status is Status.PROVED:
        # exact tactics on a domain that an arb computation established: a rigorous, not a symbolic, proof
        out = replace(rules.weaken(out, Status.CERTIFIED),
                      detail=f"proved on the rigorous arb enclosure of {arb_only[0].subject} "
                             f"({arb_only[0].kind}: certified), so certified; {out.detail}")
    return cap(out)


def cap(verdict: Verdict) -> Verdict:
    """A proof that rests on a hint that is not proved or certified is at most ``confirmed``."""
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
            return rules.hint_without_obligations("rewrite", subject, text,
                                                  "each pair is exact or a root's definition")
        v = _run(obligations, scope, digits, samples)
        if v.status in _PROOF:
            return _status_hint("rewrite", subject, text, v)
        best = v if best is None or best.status is Status.REFUTED else best
    return _status_hint("rewrite", subject, text, best, used=False)


def _choices(candidates: dict):
    """Every combination of candidate definitions of the new symbols."""
    names = list(candidates)
    for combo in itertools.product(*(candidates[n] for n in names)):
        yield dict(zip(names, combo))


def _rewrite_obligations(claim, mapping: Mapping, definitions: dict, scope) -> list:
    """Identities (each pair, with the definitions substituted) and sign claims (each new symbol's
    assumptions) that make a rewrite valid; a pair that is a defined root's own equation needs nothing more
    (the root's bracket hint is checked with the root)."""

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


# ----------------------------------------------------------------------------------------------
# systems (several symbols defined at once; symmech.tactics.systems.DefinedSystem)
# ----------------------------------------------------------------------------------------------
#: parameter points at which the rigorous (arb Krawczyk) root count of every system runs
SYSTEM_SAMPLES = 9

_SYSTEM_KINDS = ("system root", "system reduce", "system inverse")


def system_hints(scope, digits: int = 30, samples: int = 5) -> dict[int, tuple[Hint, ...]]:
    """The checked hints of every system of ``scope`` (computed once per scope):

    * **system sign** -- each symbol's sign assumptions hold on its box (proved), else at every
      sampled root (confirmed);
    * **system reduce** -- each ``(x_j, r, i)``: ``f_i(x_j = r) == 0`` identically on the box,
      ``f_i`` strictly monotone in ``x_j`` on the box, and ``r`` inside ``x_j``'s open range;
    * **system inverse** -- each ``(p, h, i)``: ``f_i`` affine in ``p`` with a coefficient of constant
      sign on the box, and ``f_i(p = h) == 0`` identically;
    * **system image** -- the box lies inside each declared image for every parameter value;
    * **system root** -- exactly one root in the open box.  For every parameter value when all but one
      symbol are reduced and the remaining equation passes the single-root bracket check (a sign
      change at the ends, strictly monotone inside); otherwise only at the sampled parameter points,
      rigorously there (:func:`symmech.tactics.systems.root_count`), which is evidence (``confirmed``) for
      the other points -- unless every parameter is fixed, when that one point is everything
      (``certified``).  Two roots or none at a sampled point refute it.
    """
    cache = scope.__dict__.setdefault("_system_hints", {})
    if len(cache) == len(scope.systems):
        return cache
    allowed = scope.__dict__.setdefault("_system_allowed", set())
    for j, system in enumerate(scope.systems):
        if j in cache:
            continue
        hints = _system_obligations(j, system, scope, digits, samples)
        cache[j] = hints
        if all(h.checked for h in hints if h.kind in _SYSTEM_KINDS):
            allowed.add(j)
        if all(h.checked for h in hints if h.kind == "system root"):
            scope.__dict__.setdefault("_system_root_ok", set()).add(j)
    return cache


def _param_scope(scope, extra: Mapping | None = None, keep_samples: bool = False):
    params = dict(scope.parameters)
    params.update(extra or {})
    return Scope(params, samples=scope.samples if keep_samples else None)


def _system_obligations(j: int, system, scope, digits: int, samples: int) -> tuple[Hint, ...]:

    syms = list(system.symbols)
    name = system.name
    sub = _param_scope(scope, keep_samples=True)
    us = {x: sp.Dummy(f"u_{x}", positive=True) for x in syms}
    inner = _param_scope(scope, {u: sp.Interval.open(0, 1) for u in us.values()})
    at = {x: lo + us[x] * (hi - lo) for x, (lo, hi) in zip(syms, system.box)}
    red = {x: r for x, r, _ in system.reduce}
    hints: list[Hint] = []
    # every parameter of the system fixed: the root is one point, enclosed rigorously by the root check;
    # proofs use that enclosure, not the reduce/inverse hints (not checked then)
    fixed_only = not any(isinstance(d, sp.Interval) for p, d in scope.parameters.items()
                         if p in system.free_parameters)

    # -- sign assumptions of the symbols ---------------------------------------------------------------
    for x, (lo, hi) in zip(syms, system.box):
        for text, claim in _declared_sign_claims(x, lo, hi, f"{x}.box_sign"):
            v = _run([claim], sub, digits, samples)
            if v.status not in _PROOF:
                v = _sampled_sign(scope, x, text, digits, samples, v, system=True)
            hints.append(_status_hint("system sign", str(x), f"{x} {text} (declared assumption)", v))

    for kind, items in (("system reduce", system.reduce), ("system inverse", system.inverse)):
        for k, e, i in items if fixed_only else ():
            hints.append(Hint(kind, name, f"{k} = {e} (equation {i})", "unchecked",
                              "not needed: every parameter is fixed and the root is enclosed rigorously", used=False))
    # -- reductions ------------------------------------------------------------------------------------
    for x, r, i in system.reduce if not fixed_only else ():
        f = system.equations[i]
        statement = f"{x} = {r} solves equation {i} ({f} = 0), uniquely on the box"
        rest = {y: at[y] for y in syms if y != x and y not in red}
        claims = [Identity(f"{x}.reduce", lhs=f.subs(x, r).subs(rest), rhs=0)]
        lo, hi = system.box[syms.index(x)]
        claims += [Inequality(f"{x}.reduce_above", lhs=r.subs(rest) - lo, rel=">", rhs=0),
                   Inequality(f"{x}.reduce_below", lhs=hi - r.subs(rest), rel=">", rhs=0)]
        d = sp.diff(f, x).subs({y: at[y] for y in syms})
        s = _direction(d, inner, digits)
        if s is None:
            hints.append(Hint("system reduce", name, statement, "undecided",
                              f"d({f})/d{x} could not be evaluated on the box"))
            continue
        claims.append(Inequality(f"{x}.reduce_monotone", lhs=s * d, rel=">", rhs=0))
        hints.append(_status_hint("system reduce", name, statement, _run(claims, inner, digits, samples)))

    # -- inverses ----------------------------------------------------------------------------------------
    for p, h, i in system.inverse if not fixed_only else ():
        f = system.equations[i]
        statement = f"{p} = {h} at the root (equation {i} solved for {p})"
        try:
            poly = sp.Poly(sp.expand(f), p)
        except sp.PolynomialError:
            poly = None
        if poly is None or poly.degree() != 1:
            hints.append(Hint("system inverse", name, statement, "undecided",
                              f"equation {i} is not affine in {p}: the inverse cannot be shown unique"))
            continue
        full = {y: at[y] for y in syms}
        coeff = poly.coeffs()[0].subs(full)
        s = _direction(coeff, inner, digits)
        if s is None:
            hints.append(Hint("system inverse", name, statement, "undecided", f"the coefficient of {p} is not evaluable"))
            continue
        claims = [Identity(f"{p}.inverse", lhs=f.subs(p, h).subs(full), rhs=0),
                  Inequality(f"{p}.inverse_unique", lhs=s * coeff, rel=">", rhs=0)]
        hints.append(_status_hint("system inverse", name, statement, _run(claims, inner, digits, samples)))

    # -- images -----------------------------------------------------------------------------------------
    for x, img in system.images:
        lo, hi = system.box[syms.index(x)]
        parts = []
        if img.start.is_finite:
            parts.append(Inequality(f"{x}.image_lo", lhs=lo, rel=">=", rhs=img.start))
        if img.end.is_finite:
            parts.append(Inequality(f"{x}.image_hi", lhs=hi, rel="<=", rhs=img.end))
        v = _run(parts, sub, digits, samples) if parts else rules.checked_hint("unbounded image: nothing to check", status=Status.PROVED, method="symbolic")
        hints.append(_status_hint("system image", str(x), f"{x} in {img} (the box lies inside it)", v, used=False))

    # -- exactly one root in the box ---------------------------------------------------------------------
    hints.append(_system_root_hint(j, system, scope, sub, us, hints, digits, samples))
    return tuple(hints)


def _system_root_hint(j: int, system, scope, sub, us: dict, hints: list, digits: int, samples: int) -> Hint:
    """The "system root" hint (see :func:`system_hints`); its verdict is kept in the scope for
    :class:`symmech.claims.unique_root.UniqueRoot`."""
    box_text = " x ".join(f"({lo}, {hi})" for lo, hi in system.box)
    statement = f"exactly one root of the system in {box_text}"
    v = _system_root_verdict(j, system, scope, sub, us, hints, digits, samples)
    scope.__dict__.setdefault("_system_root_verdicts", {})[j] = v
    return _status_hint("system root", system.name, statement, v)


def _system_root_verdict(j: int, system, scope, sub, us: dict, hints: list, digits: int, samples: int) -> Verdict:
    syms = list(system.symbols)
    # (a) rigorously at sampled parameter points
    fixed_only = not any(isinstance(d, sp.Interval) for p, d in scope.parameters.items()
                         if p in system.free_parameters)
    points = scope.sample_points(1 if fixed_only else SYSTEM_SAMPLES)
    counted = 0
    sampled: Verdict | None = None
    for pt in points:
        values = {p: sp.sympify(pt[p]) for p in system.free_parameters}
        rc = within_budget(lambda: root_count(system, values), 30.0)
        where = ", ".join(f"{k} = {v}" for k, v in sorted(values.items(), key=lambda kv: str(kv[0]))) or \
            "the only point (no parameters)"
        if rc is None:
            sampled = Verdict(Status.UNDECIDED, "arb", f"the root count at {where} ran out of time")
            break
        if rc.status in ("several", "none"):
            what = (f"{len(rc.enclosures)} distinct roots, e.g. " + "; ".join(
                ", ".join(f"{x} in [{sp.N(a, 12)}, {sp.N(b, 12)}]" for x, (a, b) in zip(syms, e))
                for e in rc.enclosures[:2])) if rc.status == "several" else "no root"
            sampled = Verdict(Status.REFUTED, "arb", f"at {where} the box holds {what} ({rc.detail})",
                              witness={str(k): str(v) for k, v in values.items()})
            break
        if rc.status != "one":
            sampled = Verdict(Status.UNDECIDED, "arb", f"at {where}: {rc.detail}")
            break
        counted += 1
        if fixed_only:
            scope.__dict__.setdefault("_system_enclosure", {})[j] = rc.enclosures[0]
    if sampled is None:
        if fixed_only:
            sampled = rules.checked_hint(f"every parameter is fixed: exactly one root in the box, rigorously "
                                         f"(Krawczyk, arb) at {points[0]}", status=Status.CERTIFIED, method="arb")
        else:
            sampled = Verdict(Status.CONFIRMED, "arb",
                              f"exactly one root, rigorously (Krawczyk, arb), at each of {counted} sampled parameter "
                              f"points; not shown for the other parameter values")
    if sampled.status is Status.REFUTED or fixed_only:
        return sampled
    # (b) for every parameter value: reduce to one equation and check its bracket
    symbolic = None
    if len(system.reduce) == len(syms) - 1:
        red = {x: r for x, r, _ in system.reduce}
        (x_r,) = [x for x in syms if x not in red]
        (i_r,) = [i for i in range(len(syms)) if i not in {k for _, _, k in system.reduce}]
        g = system.equations[i_r].subs(red)
        lo, hi = system.box[syms.index(x_r)]
        u = us[x_r]
        root = DefinedRoot(x_r, g, bracket=(lo, hi))
        inner = _param_scope(scope, {u: sp.Interval.open(0, 1)})
        bracket = _bracket_hint(root, g.subs(x_r, lo + u * (hi - lo)), u, inner, sub, digits, samples)
        red_hints = [h for h in hints if h.kind == "system reduce"]
        weak = [h for h in red_hints + [bracket] if not h.checked]
        if not weak:
            symbolic = rules.checked_hint(f"for every parameter value: reduced to one equation in {x_r} ({g} = 0) "
                                          f"whose bracket check holds; also certified at {counted} sampled points",
                                          status=Status(bracket.status), method="symbolic")
        else:
            h = weak[0]
            symbolic = Verdict(Status.UNDECIDED, "symbolic", f"the reduction to one equation was not shown "
                                                             f"({h.kind}: {h.status} {h.detail[:200]})")
    if symbolic is not None and symbolic.status in _PROOF:
        return symbolic
    why = "" if symbolic is None else f"; symbolic route: {symbolic.detail}"
    return replace(sampled, detail=sampled.detail + why)


def _system_trust(syms: set, scope) -> list[Hint]:
    """The hints of the systems a claim's symbols involve, with their ``used`` flags."""
    involved = [j for j, s in enumerate(scope.systems) if set(s.symbols) & syms]
    if not involved:
        return []
    table = system_hints(scope)
    allowed = scope.__dict__.get("_system_allowed", set())
    out = []
    for j in involved:
        for h in table.get(j, ()):
            if h.kind in ("system reduce", "system inverse"):
                h = replace(h, used=j in allowed)
            elif h.kind == "system image":
                h = replace(h, used=(j, h.subject) in scope.__dict__.get("_system_image_used", set()))
            out.append(h)
    return out
