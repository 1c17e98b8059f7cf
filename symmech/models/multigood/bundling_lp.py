"""The reference oracle: the finite mechanism LP over all IC + IR lottery menus, solved exactly.

Haghpanah and Hartline, 'When Is Pure Bundling Optimal?' (2020), Sec. 2 (the spec's K4).  For a finite
law with rational values the LP

    max sum_t mu(t) (p_t - sum_b x_{t,b} c(b))
    s.t. sum_b x_{t,b} <= 1,  x >= 0,  p free,
         IC  sum_b x_{t,b} v(b,t) - p_t >= sum_b x_{t',b} v(b,t) - p_t'   (all t != t'),
         IR  sum_b x_{t,b} v(b,t) - p_t >= 0

is solved by HiGHS and *proved* by an exact rational primal/dual certificate
(:mod:`symmech.tactics.lp.exact`).  "Pure bundling is optimal here" is then decided exactly as
``LP* == max_P P Pr[s >= P]`` (or the profit analogue with costs).
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Callable, Mapping

from symmech.claims import Claim
from symmech.kernel import rules
from symmech.kernel.verdict import Status, Verdict
from symmech.tactics.scope import Scope
from symmech.models.multigood.bundling import Bundle, BundlingError, FiniteLaw, _key, all_bundles, grand, q

_METHOD = "exact LP (HiGHS + verified rational duality certificate)"


def _support(law: FiniteLaw):
    merged = law.merged()
    types, probs = [], []
    seen = {}
    for t, p in zip(law.types, law.probs):
        if p == 0:
            continue
        k = _key(t)
        if k in seen:
            continue
        seen[k] = True
        types.append(t)
        probs.append(merged[k])
    return types, probs


def mechanism_lp(law: FiniteLaw, costs: Mapping[Bundle, object] | None = None):
    """The K4 LP (see the module docstring) on the law's support; returns (LinearProgram, layout)."""
    from symmech.tactics.lp.exact import LinearProgram

    types, probs = _support(law)
    bs = [b for b in all_bundles(law.n) if b]
    cost = {b: Fraction(0) for b in bs}
    for b, c in (costs or {}).items():
        b = frozenset(b)
        if b not in cost:
            raise BundlingError(f"cost given for an unknown bundle {sorted(b)}")
        cost[b] = q(c)
    m, k = len(types), len(bs)
    nv = m * (k + 1)

    def x(i: int, j: int) -> int:
        return i * (k + 1) + j

    def p(i: int) -> int:
        return i * (k + 1) + k

    c = [Fraction(0)] * nv
    for i, mu in enumerate(probs):
        c[p(i)] = mu
        for j, b in enumerate(bs):
            c[x(i, j)] = -mu * cost[b]
    A, b_ub = [], []
    for i in range(m):
        A.append({x(i, j): Fraction(1) for j in range(k)})
        b_ub.append(Fraction(1))
        ir = {x(i, j): -types[i].values[b] for j, b in enumerate(bs) if types[i].values[b]}
        ir[p(i)] = Fraction(1)
        A.append(ir)
        b_ub.append(Fraction(0))
        for i2 in range(m):
            if i2 == i:
                continue
            row: dict[int, Fraction] = {}
            for j, b in enumerate(bs):
                v = types[i].values[b]
                if v:
                    row[x(i2, j)] = row.get(x(i2, j), Fraction(0)) + v
                    row[x(i, j)] = row.get(x(i, j), Fraction(0)) - v
            row[p(i2)] = Fraction(-1)
            row[p(i)] = Fraction(1)
            A.append({cc: a for cc, a in row.items() if a})
            b_ub.append(Fraction(0))
    bounds = [(Fraction(0), Fraction(1))] * nv
    for i in range(m):
        bounds[p(i)] = (None, None)
    lp = LinearProgram(c=c, A_ub=A, b_ub=b_ub, bounds=bounds, maximize=True)
    return lp, {"types": types, "probs": probs, "bundles": bs, "k": k}


_CACHE: dict = {}


def optimal_revenue(law: FiniteLaw, costs: Mapping | None = None):
    """The exact optimum of the K4 LP (an :class:`~symmech.tactics.lp.exact.ExactLPResult`; cached per law)."""
    from symmech.tactics.lp.exact import solve_exact

    key = (tuple(sorted((repr(sorted(t.values.items(), key=lambda kv: sorted(kv[0]))), p)
                        for t, p in zip(law.types, law.probs))),
           tuple(sorted((tuple(sorted(b)), q(c)) for b, c in (costs or {}).items())))
    if key not in _CACHE:
        lp, _ = mechanism_lp(law, costs)
        _CACHE[key] = solve_exact(lp)
    return _CACHE[key]


def best_pb_profit(law: FiniteLaw, cost_grand=0) -> tuple[Fraction, tuple[Fraction, ...]]:
    """Best pure-bundling profit ``max_P (P - c(b*)) Pr[s >= P]`` over P in the support (and the prices)."""
    c = q(cost_grand)
    cands = {s: (s - c) * sum((p for t, p in zip(law.types, law.probs) if t.s >= s), Fraction(0))
             for s in law.base_values() if s >= c}
    best = max(cands.values(), default=Fraction(0))
    best = max(best, Fraction(0))
    return best, tuple(s for s, r in cands.items() if r == best)


@dataclass
class PBOptimalLP(Claim):
    """Pure bundling is optimal on a finite law: ``LP* == max_P PB(P)`` (profit with ``costs``).

    ``law`` is a FiniteLaw or a zero-argument callable returning one.  ``lp_value`` optionally pins
    the exact LP optimum (a regression value).  PROVED when the LP certificate re-verifies in
    Fractions and the values agree; REFUTED (witness: both exact values) when the certified LP
    optimum exceeds the best pure-bundling revenue, or differs from ``lp_value``; UNDECIDED without a
    certificate, and for a claim expected to fail (a menu beats pure bundling) whose pin is wrong: an
    expected failure must fail for the reason it states, never agree with a wrong pin.
    """

    law: object = None
    costs: Mapping | None = None
    lp_value: object = None
    compare_pb: bool = True

    def _law(self) -> FiniteLaw:
        return self.law() if callable(self.law) else self.law

    def check(self, scope: Scope, *, digits: int = 50, samples: int = 9) -> Verdict:
        from symmech.tactics.lp.exact import CertificateError

        t0 = time.perf_counter()
        law = self._law()
        res = optimal_revenue(law, self.costs)
        cg = (self.costs or {}).get(grand(law.n), 0) if self.costs else 0
        pb, prices = best_pb_profit(law, cg)
        info = (f"LP* = {res.describe()}; best pure bundling = {pb} at P in "
                f"{{{', '.join(map(str, prices))}}}")
        if not res.certified:
            return Verdict(Status.UNDECIDED, _METHOD, f"no exact certificate: {info}")
        try:
            val = res.verify()
        except CertificateError as exc:
            return Verdict(Status.UNDECIDED, _METHOD, f"certificate rejected on re-check ({exc}): {info}")
        info += f" ({time.perf_counter() - t0:.2f}s)"
        wit = {"LP": str(val), "PB": str(pb)}
        if self.lp_value is not None and val != q(self.lp_value):
            wit["claimed LP"] = str(q(self.lp_value))
            if self.compare_pb and self.expect == "fails":
                # an expected failure states that a menu beats pure bundling; a wrong pin is the derivation's error,
                # never a refutation that the expected failure could agree with for the wrong reason
                return Verdict(Status.UNDECIDED, _METHOD, f"the pinned LP value {q(self.lp_value)} is wrong (LP* = "
                               f"{val}): fix the derivation; {info}")
            return Verdict(Status.REFUTED, _METHOD, f"LP* = {val} != claimed {q(self.lp_value)}: {info}",
                           witness=wit, witness_value=str(val - q(self.lp_value)))
        if self.compare_pb and val != pb:
            return Verdict(Status.REFUTED, _METHOD, f"a menu beats pure bundling by {val - pb}: {info}",
                           witness=wit, witness_value=str(val - pb))
        what = "LP* = best pure bundling" if self.compare_pb else f"LP* = {val}"
        target = pb if self.compare_pb else (q(self.lp_value) if self.lp_value is not None else val)
        return rules.lp_duality(f"{what}, proved by weak duality: {info}", method=_METHOD, terms=((1, res),),
                                target=target)


@dataclass
class FiniteFact(Claim):
    """A finite exact computation (Fractions / exact SymPy): ``compute()`` returns ``(holds, detail)``.

    PROVED when it holds (the exact computation is the proof of a finite statement), REFUTED with the
    detail as the counterexample otherwise; an exception gives UNDECIDED with its message.
    """

    compute: Callable[[], tuple[bool, str]] = None  # type: ignore[assignment]

    def check(self, scope: Scope, *, digits: int = 50, samples: int = 9) -> Verdict:
        try:
            ok, detail = self.compute()
        except Exception as exc:  # noqa: BLE001 - reported, never rounded up
            return Verdict(Status.UNDECIDED, "exact finite check", f"{type(exc).__name__}: {exc}")
        return rules.finite_outcome(ok, detail, witness_key="counterexample")
