"""Several-goods conjecture files (one buyer): ``symmech check`` verdicts and ``symmech solve`` answers.

**Known marginals, any dependence** (Carroll, 'Robustness and Separation in Multidimensional Screening',
Econometrica 2017): the max-min revenue is ``sum_j R_j*`` with ``R_j* = max_p p (1 - F_j(p))``, and selling the
goods separately at those prices attains it.  symmech proves both ends for marginals with a density that is
positive inside its support and *regular* (the virtual value ``phi_j = x - (1 - F_j)/f_j`` changes sign once, at
``p_j*``):

* lower end: separate prices earn ``sum_j p_j (1 - F_j(p_j))`` under every joint law with these marginals (each
  term depends on one marginal); the claims: ``R_j' = psi_j = 1 - F_j - x f_j``, ``psi_j >= 0`` on
  ``[a_j, p_j*]`` and ``<= 0`` on ``[p_j*, b_j]`` (so ``p_j*`` is the best price) and ``R_j(p_j*) = R_j*``;
* upper end: under the comonotone law ``v_j = F_j^{-1}(u)``, ``u ~ U[0, 1]`` (it has the marginals), an IC and IR
  mechanism has ``U'(u) = q(u) . v'(u)`` (envelope) and ``U(0) >= 0``, so its revenue is at most
  ``sum_j int q_j(u) phi_j(v_j(u)) du <= sum_j E[phi_j^+] = sum_j int_{p_j*}^{b_j} (x f_j - (1 - F_j)) dx``,
  which the claims show equals ``sum_j R_j*`` (the sign claims give ``phi_j^+ = phi_j`` exactly above ``p_j*``).

**A box of values** ``x_j [a_j, b_j]`` (support only): revenue -- the max-min value is ``sum_j a_j`` (separate
prices ``a_j`` earn it at every profile; the Dirac law at the bottom corner caps every IR mechanism); minimax
regret on ``x_j [0, v_bar_j]`` with costs ``c_j`` (Koçyiğit (2020), Ch. 2, Thms. 2.3.1-2.3.2): ``sum_j (v_bar_j -
c_j)/e``, separate Bergemann-Schlag prices attain it (regret is additive and the box rectangular) and nature's
comonotone law on the segment ``c + s (v_bar - c)`` reduces every mechanism to one good with values in
``[0, D]``, ``D = sum_j (v_bar_j - c_j)``, cost 0 (claims of :mod:`symmech.models.regret.single`).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import sympy as sp

from symmech.claims import Identity, Inequality
from symmech.models.regret.single import interval_minimax_claims, nature_lower_bound_claims
from .answer import Answer, UnsupportedQuestion
from .auction_math import Analysis, nice
from .auction_files import Prover
from .exact import budgeted, compare
from .multi_types import GoodsConjecture, Marginal
from .results import ClaimResult

__all__ = ["answer_goods", "evaluate_goods", "one_good_optimum"]

CARROLL = "Carroll, 'Robustness and Separation in Multidimensional Screening', Econometrica 85(2) (2017), Thm. 1"
CH2 = "Koçyiğit, 'Distributional Robustness in Mechanism Design' (2020), Ch. 2, Thms. 2.3.1-2.3.2"
_HOLD = ("proved", "certified")


def _sign(a, b) -> int | None:
    c = compare(a, b, 40)
    return c.sign if c.rigorous else None


def _dec(x, d: int = 20) -> str:
    try:
        return str(sp.N(x, d))
    except Exception:   # noqa: BLE001
        return "?"


@dataclass
class OneGood:
    """The best price of one good with a known law: ``p*``, ``R* = p* (1 - F(p*))`` and the claims proving it."""

    price: sp.Expr
    revenue: sp.Expr
    parts: list = field(default_factory=list)
    regular: bool = True
    why: str = ""


def _rigorous(a, b) -> int:
    """The sign of ``a - b``, rigorously (ValueError when it is not decided: nothing is guessed)."""
    s = _sign(a, b)
    if s is None:
        raise ValueError(f"cannot decide the sign of {a} - {b} rigorously")
    return s


def _revenue_at(m: Marginal, p) -> sp.Expr:
    """``p P(v >= p)`` for the marginal ``m`` (continuous: ties have probability 0)."""
    if _rigorous(p, m.a) != 1:
        return sp.sympify(p)
    if _rigorous(p, m.b) != -1:
        return sp.Integer(0)
    return sp.simplify(p * (1 - m.cdf.subs(m.var, p)))


def one_good_optimum(m: Marginal, j: int) -> OneGood:
    """``max_p p (1 - F(p))`` with its proof claims (see the module doc); ``regular=False`` when the sign
    pattern of ``psi = 1 - F - x f`` is not the one the proof needs."""
    x = m.var
    psi = sp.simplify(1 - m.cdf - x * m.density)
    R = x * (1 - m.cdf)
    roots = budgeted(lambda: sp.solveset(sp.Eq(psi, 0), x, sp.Interval.open(m.a, m.b)), 10.0, None)
    if roots is None or not isinstance(roots, sp.FiniteSet):
        return OneGood(m.a, m.a, regular=False, why=f"good {j}: the best price (a root of 1 - F - x f = 0) is not "
                                                     "found exactly")
    cands = [m.a] + sorted(roots, key=lambda e: sp.N(e, 40))
    best = max(cands, key=lambda c_: sp.N(R.subs(x, c_), 40))
    Rs = sp.simplify(R.subs(x, best))
    pre = f"good{j}"
    src = CARROLL
    parts = [Identity(f"{pre}.revenue_slope", lhs=sp.diff(R, x), rhs=psi, over=[(x, m.a, m.b)], source=src,
                      statement=r"\tfrac{d}{dp}\,p(1 - F(p)) = 1 - F(p) - p f(p) = \psi(p)"),
             Inequality(f"{pre}.density_nonneg", lhs=m.density, rel=">=", rhs=0, over=[(x, m.a, m.b)], source=src)]
    delta = (m.b - m.a) / 2**20
    parts.append(Inequality(f"{pre}.density_positive_inside", lhs=m.density, rel=">", rhs=0,
                            over=[(x, m.a + delta, m.b - delta)], source=src,
                            statement=r"f > 0 \text{ inside the support (an analytic density: } F \text{ is strictly "
                                      r"increasing)}"))
    if _sign(best, m.a) == 1:
        parts.append(Inequality(f"{pre}.psi_nonneg_below", lhs=psi, rel=">=", rhs=0, over=[(x, m.a, best)], source=src,
                                statement=r"\psi \ge 0 \text{ on } [a, p^\star]\ (\varphi \le 0)"))
    parts += [Inequality(f"{pre}.psi_nonpos_above", lhs=psi, rel="<=", rhs=0, over=[(x, best, m.b)], source=src,
                         statement=r"\psi \le 0 \text{ on } [p^\star, b]\ (\varphi \ge 0)"),
              Identity(f"{pre}.virtual_value_mass", lhs=sp.integrate(x * m.density - (1 - m.cdf), (x, best, m.b)),
                       rhs=Rs, source=src, statement=r"\mathbb E[\varphi^+] = \int_{p^\star}^b (x f - (1 - F))\,dx "
                                                     r"= p^\star(1 - F(p^\star))")]
    return OneGood(best, Rs, parts)


def _marginals_analysis(conj: GoodsConjecture) -> Analysis:
    goods = [one_good_optimum(m, j + 1) for j, m in enumerate(conj.marginals)]
    irregular = [g.why or f"good {j + 1}" for j, g in enumerate(goods) if not g.regular]
    V = nice(sp.Add(*[g.revenue for g in goods]))
    prices = [g.price for g in goods]
    mech = {"kind": "better mechanism (closed form)", "mechanism": "separate posted prices",
            "prices": [str(p) for p in prices], "guarantee": str(V), "guarantee_decimal": str(sp.N(V, 30))}
    if irregular:
        means = [sp.simplify(sp.integrate(m.var * m.density, (m.var, m.a, m.b))) for m in conj.marginals]
        top = nice(sp.Add(*means))
        return Analysis("max-min revenue (known marginals)", V, top,
                        [Identity(f"good{j + 1}.price_revenue", lhs=g.revenue, rhs=g.revenue, source=CARROLL)
                         for j, g in enumerate(goods)],
                        f"separate posted prices {[str(p) for p in prices]} guarantee {V}",
                        f"every IR mechanism earns at most the expected total value sum_j E[v_j] = {top}",
                        why=f"the comonotone bound is proved here for regular marginals only ({'; '.join(irregular)}); "
                            f"{CARROLL} states the value {V}", mechanism=mech, source=CARROLL)
    parts = [p for g in goods for p in g.parts] + [
        Identity("value_is_the_sum", lhs=sp.Add(*[g.revenue for g in goods]), rhs=V, source=CARROLL)]
    return Analysis("max-min revenue (known marginals, any dependence)", V, V, parts,
                    f"separate posted prices {[str(p) for p in prices]} earn sum_j p_j (1 - F_j(p_j)) = {V} under every "
                    "joint law with these marginals",
                    "the comonotone law v_j = F_j^{-1}(u) (it has the marginals) holds every IC and IR mechanism to "
                    "sum_j E[phi_j^+] = sum_j R_j* (envelope along u; Carroll 2017)", True, mechanism=mech,
                    nature={"kind": "joint law in the set capping every mechanism",
                            "law": "comonotone coupling v_j = F_j^{-1}(u), u ~ U[0, 1]", "bound": str(V),
                            "marginals": [m.text for m in conj.marginals]}, source=CARROLL)


def _box_revenue_analysis(conj: GoodsConjecture) -> Analysis:
    lows = [a for a, _ in conj.boxes]
    V = sp.Add(*lows)
    corner = [str(a) for a in lows]
    parts = [Identity("box.bottom_corner_value", lhs=sp.Add(*lows), rhs=V, source="support-only box",
                      statement=r"\text{separate prices } a_j \text{ sell every good at every profile}")]
    return Analysis("max-min revenue (box of values, support only)", V, V, parts,
                    f"separate posted prices a_j = {corner} sell every good at every profile of the box",
                    f"the Dirac law at the bottom corner {corner}: an IR mechanism earns at most sum_j a_j", True,
                    mechanism={"kind": "better mechanism (closed form)", "mechanism": "separate posted prices",
                               "prices": corner, "guarantee": str(V)},
                    nature={"kind": "law in the set capping every mechanism", "law": f"Dirac at {corner}",
                            "bound": str(V)}, source="support-only box")


def _box_regret_analysis(conj: GoodsConjecture) -> Analysis:
    vbars = [b for _, b in conj.boxes]
    D = sp.Add(*[b - c for b, c in zip(vbars, conj.costs)])
    V = D / sp.E
    parts, seen = [], set()
    for j, (b, c) in enumerate(zip(vbars, conj.costs)):
        if (b, c) in seen:
            continue
        seen.add((b, c))
        _, pj = interval_minimax_claims(0, b, c, prefix=f"good{j + 1}", source=CH2)
        parts += pj
    q = sp.symbols(f"q1:{conj.J + 1}", real=True)
    m, s = sp.symbols("m s", real=True)
    v = [c + s * (b - c) for b, c in zip(vbars, conj.costs)]
    surplus = sp.Add(*[(vi - c) for vi, c in zip(v, conj.costs)])          # every v_j >= c_j on the segment
    profit = m - sp.Add(*[qi * c for qi, c in zip(q, conj.costs)])
    f = sp.Add(*[qi * (b - c) for qi, b, c in zip(q, vbars, conj.costs)]) / D
    box = [(qi, 0, 1) for qi in q] + [(m, -100, 100), (s, 0, 1)]
    parts += [Identity("segment.regret", lhs=surplus - profit, rhs=s * D - profit, over=box, source=CH2,
                       statement=r"\text{regret at } c + s(\bar v - c) = sD - g,\ g = m - q\cdot c"),
              Identity("segment.utility", lhs=sp.Add(*[qi * vi for qi, vi in zip(q, v)]) - m, rhs=s * D * f - profit,
                       over=box, source=CH2, statement=r"q\cdot v - m = (sD) f - g,\ f = q\cdot(\bar v - c)/D \in [0, 1]"),
              *nature_lower_bound_claims(D, 0, prefix="segment.one_good", source=CH2),
              Identity("value_is_the_sum", lhs=sp.Add(*[(b - c) / sp.E for b, c in zip(vbars, conj.costs)]), rhs=V,
                       source=CH2)]
    return Analysis("minimax regret (box of values, support only)", V, V, parts,
                    "separate Bergemann-Schlag random prices (density 1/(p - c_j) on [c_j + (v_bar_j - c_j)/e, v_bar_j]) "
                    "have worst-case regret sum_j (v_bar_j - c_j)/e (regret is additive, the box rectangular)",
                    "nature's comonotone law on the segment c + s (v_bar - c) (s with P(s <= x) = 1 - 1/(e x) on "
                    "[1/e, 1]) reduces every mechanism to one good with values in [0, D], cost 0: regret >= D/e", True,
                    mechanism={"kind": "mechanism", "mechanism": "separate Bergemann-Schlag random prices"},
                    nature={"kind": "law in the set", "law": "comonotone, on the segment c + s (v_bar - c)",
                            "bound": str(V)}, source=CH2)


def value_analysis(conj: GoodsConjecture) -> Analysis:
    if conj.objective == "regret":
        return _box_regret_analysis(conj)
    return _marginals_analysis(conj) if conj.set_name == "known-marginals" else _box_revenue_analysis(conj)


def mechanism_analysis(conj: GoodsConjecture) -> Analysis:
    """The worst-case revenue of the file's separate prices or bundle price (exact)."""
    mech = conj.mechanism
    if conj.set_name == "known-marginals":
        terms = [_revenue_at(m, p) for m, p in zip(conj.marginals, mech["prices"])]
        W = nice(sp.Add(*terms))
        parts = [Identity("separate.revenue", lhs=sp.Add(*terms), rhs=W, source=CARROLL,
                          statement=r"\sum_j p_j P(v_j \ge p_j) \text{ (one marginal per term)}")]
        law_text = "the independent coupling of the marginals (any law with these marginals earns the same)"
        return Analysis("worst-case revenue of separate prices (known marginals)", W, W, parts,
                        "separate sales earn sum_j p_j (1 - F_j(p_j)) under every joint law with these marginals",
                        f"attained by {law_text}", True, source=CARROLL,
                        law_below=lambda V: ({"kind": "law in the set (known marginals)", "law": law_text,
                                              "marginals": [m.text for m in conj.marginals]}, W)
                        if _sign(W, V) == -1 else None)
    lows = [a for a, _ in conj.boxes]
    corner = [str(a) for a in lows]
    if mech["kind"] == "separate":
        W = sp.Add(*[p for p, a in zip(mech["prices"], lows) if _rigorous(p, a) != 1])
        how = "at the bottom corner only the goods priced at most a_j sell, and revenue is smallest there"
    else:
        W = mech["price"] if _rigorous(mech["price"], sp.Add(*lows)) != 1 else sp.Integer(0)
        how = "the bundle sells at every profile iff its price is at most sum_j a_j"
    parts = [Identity("box.corner_revenue", lhs=W, rhs=W, source="support-only box")]
    return Analysis(f"worst-case revenue of the {'separate prices' if mech['kind'] == 'separate' else 'bundle price'}"
                    " (box)", W, W, parts, how, f"attained by the Dirac law at the bottom corner {corner}", True,
                    source="support-only box",
                    law_below=lambda V: ({"kind": "law in the set (box)", "law": f"Dirac at {corner}",
                                          "revenue": str(W)}, W) if _sign(W, V) == -1 else None)


# --------------------------------------------------------------------------------------------------
def evaluate_goods(conj: GoodsConjecture, digits: int = 50) -> list[ClaimResult]:
    prover, out = Prover(digits), []
    cache: dict = {}
    for cid, V in conj.claims:
        t0 = time.perf_counter()
        try:
            r = _claim(conj, cid, V, prover, cache)
        except MemoryError:
            raise
        except Exception as exc:   # noqa: BLE001 - a failure is reported, never rounded up
            r = ClaimResult(cid, "undecided", f"could not evaluate: {type(exc).__name__}: {exc}")
        r.detail = f"[{conj.set_text()}] {r.detail} ({time.perf_counter() - t0:.1f} s)"
        out.append(r)
    return out


def _claim(conj: GoodsConjecture, cid: str, V, prover: Prover, cache: dict) -> ClaimResult:
    if "value" not in cache:
        cache["value"] = value_analysis(conj)
    val = cache["value"]
    what = "minimax regret" if conj.objective == "regret" else "max-min revenue"
    if cid == "value":
        st, proof = prover.status(val)
        lo_s, hi_s = _sign(V, val.lower), _sign(V, val.upper)
        if conj.objective == "regret":             # lower regret is better for the seller
            lo_s, hi_s = _sign(V, val.lower), _sign(V, val.upper)
            if lo_s == -1 and st in _HOLD:
                return ClaimResult(cid, "refuted", f"claimed minimax regret {V} = {_dec(V)} is too low: {val.upper_how}"
                                   f"; the minimax regret is {val.lower} = {_dec(val.lower, 30)} ({proof})",
                                   counterexample=dict(val.nature or {}, claimed=str(V)))
            if hi_s == 1 and st in _HOLD:
                return ClaimResult(cid, "refuted", f"claimed minimax regret {V} = {_dec(V)} is too high: "
                                   f"{val.lower_how} = {val.upper} ({proof})",
                                   counterexample=dict(val.mechanism or {}, worst_case_regret=str(val.upper),
                                                       claimed=str(V)))
        else:
            if lo_s == -1 and st in _HOLD:
                return ClaimResult(cid, "refuted", f"claimed {what} {V} = {_dec(V)} is too low: {val.lower_how} "
                                   f"({proof})", counterexample=dict(val.mechanism or {}, claimed=str(V)))
            if hi_s == 1 and st in _HOLD:
                return ClaimResult(cid, "refuted", f"claimed {what} {V} = {_dec(V)} is too high: {val.upper_how} = "
                                   f"{val.upper} ({proof})", counterexample=dict(val.nature or {}, claimed=str(V)))
        if val.exact and lo_s == 0:
            return ClaimResult(cid, st, f"the {what} is {V} = {_dec(V)}: {val.lower_how}; {val.upper_how}; {proof}; "
                               f"source: {val.source}")
        return ClaimResult(cid, "undecided", f"claimed {V}: the {what} lies in [{val.lower}, {val.upper}]; "
                           f"{val.why or 'not decided'}")
    an = mechanism_analysis(conj)
    st, proof = prover.status(an)
    W = an.lower
    if cid in ("guarantee", "guarantee_at_least"):
        s = _sign(V, W)
        if s == 1:
            found = an.law_below(V) if an.law_below else None
            if found is not None:
                return ClaimResult(cid, "refuted", f"claimed {V} = {_dec(V)} is too high: the worst case is {W} = "
                                   f"{_dec(W, 30)} ({an.upper_how})", counterexample=dict(found[0], revenue=str(W),
                                                                                         claimed=str(V)))
        if s == -1 and cid == "guarantee" and st in _HOLD:
            return ClaimResult(cid, "refuted", f"claimed {V} = {_dec(V)} is too low: the worst case is {W} = "
                               f"{_dec(W, 30)} ({an.lower_how})", counterexample={
                                   "kind": "exact worst case", "worst_case": str(W), "how": an.lower_how,
                                   "claimed": str(V)})
        if s == 0 or (cid == "guarantee_at_least" and s == -1):
            return ClaimResult(cid, st, f"the worst case is {W} = {_dec(W)} ({an.lower_how}; {an.upper_how}); {proof}")
        return ClaimResult(cid, "undecided", f"claimed {V} against the worst case {W}: sign not decided")
    # optimal
    vst, vproof = prover.status(val)
    s = _sign(W, val.lower)
    if s == -1 and vst in _HOLD:
        return ClaimResult(cid, "refuted", f"the mechanism guarantees {W} = {_dec(W, 30)}, but {val.lower_how} "
                           f"({vproof})", counterexample=dict(val.mechanism or {}))
    if s == 0 and val.exact:
        return ClaimResult(cid, _weak(st, vst), f"the mechanism guarantees {W} = {_dec(W)}, the {what}: "
                           f"{val.upper_how}; {vproof}")
    return ClaimResult(cid, "undecided", f"the mechanism guarantees {W}; the {what} lies in [{val.lower}, "
                       f"{val.upper}]: {val.why or 'not decided'}")


def _weak(a: str, b: str) -> str:
    order = {"proved": 4, "certified": 3, "confirmed": 2, "undecided": 1, "refuted": 0}
    return min(a, b, key=lambda t: order[t])


def answer_goods(conj: GoodsConjecture, digits: int = 50, posted_prices: bool = False) -> list[Answer]:
    if posted_prices:
        raise UnsupportedQuestion("--posted-prices with several goods is not supported")
    prover, out = Prover(digits), []
    base = {"objective": conj.objective, "set": conj.set_name}
    if conj.has_mechanism:
        an = mechanism_analysis(conj)
        st, proof = prover.status(an)
        out.append(Answer("worst case of the mechanism", str(an.lower), st,
                          [f"= {_dec(an.lower, 30)}", f"set: {conj.set_text()}", an.lower_how, an.upper_how, proof],
                          dict(base, value=str(an.lower))))
    val = value_analysis(conj)
    st, proof = prover.status(val)
    topic = "minimax regret (all mechanisms)" if conj.objective == "regret" else "max-min value (all mechanisms)"
    if val.exact:
        out.append(Answer(topic, str(val.lower), st,
                          [f"= {_dec(val.lower, 30)}", f"set: {conj.set_text()}", f"mechanism: {val.lower_how}",
                           f"nature: {val.upper_how}", f"{proof}; source: {val.source}"],
                          dict(base, value=str(val.lower), mechanism=val.mechanism or {}, nature=val.nature or {})))
    else:
        out.append(Answer(topic, f"in [{_dec(val.lower, 12)}, {_dec(val.upper, 12)}]", "undecided",
                          [f"undecided: {val.why}", f"set: {conj.set_text()}", f"lower end: {val.lower_how}",
                           f"upper end: {val.upper_how}"], dict(base, lower=str(val.lower), upper=str(val.upper))))
    return out
