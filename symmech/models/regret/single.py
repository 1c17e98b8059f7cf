"""One item, minimax regret: the optimal mechanism (2.3), the Bergemann-Schlag random price law,
nature's law (2.10), and claim builders for a user's random price law on a support-only model.

Koçyiğit, 'Distributional Robustness in Mechanism Design' (2020), Ch. 2 (with J = 1):
``t = (v - c)/(v_bar - c)``; ``q(v) = 1 + log t``, ``m(v) = v - (v_bar - c)/e + c log t`` for t >= 1/e,
else ``(0, 0)``; worst-case regret ``(v_bar - c)/e``.  Bergemann and Schlag, 'Pricing without Priors'
(2008): the random posted price with density ``1/(p - c)`` on ``[c + (v_bar - c)/e, v_bar]`` attains it.

Function API (for conjecture files, ``objective = "regret"``):

* :func:`price_law_regret_pieces` -- the ex-post regret of a random price law, piece by piece in v;
* :func:`worst_case_regret_claims` -- claims "worst-case regret of this law = R" (sup <= R on every
  piece, and = R at a point);
* :func:`nature_lower_bound_claims` -- claims "under nature's law (2.10) every price has expected
  regret >= (v_bar - c)/e", i.e. no mechanism beats (v_bar - c)/e;
* :func:`minimax_optimal_claims` -- both: the law is minimax-regret optimal.
"""
from __future__ import annotations

from functools import cmp_to_key

import sympy as sp

from symmech.claims import Identity, Inequality
from symmech.models.distributions import Distribution
from symmech.models.objectives import ObjectiveError, UnsupportedObjective, check_costs, require
from symmech.models.piecewise import PiecewiseFunction

E = sp.E
BS = "Bergemann and Schlag, 'Pricing without Priors' (2008)"


def threshold(vbar, c) -> sp.Expr:
    """The lowest value served by (2.3): ``c + (v_bar - c)/e``."""
    return c + (vbar - c) / E


def allocation(v, vbar, c) -> sp.Expr:
    """``q(v) = 1 + log((v - c)/(v_bar - c))`` above the threshold (the piece (2.3) uses there)."""
    return 1 + sp.log((v - c) / (vbar - c))


def payment(v, vbar, c) -> sp.Expr:
    """``m(v) = v - (v_bar - c)/e + c log((v - c)/(v_bar - c))`` above the threshold."""
    return v - (vbar - c) / E + c * sp.log((v - c) / (vbar - c))


def mechanism_2_3(var: sp.Symbol, vbar, c) -> tuple[PiecewiseFunction, PiecewiseFunction]:
    """(q, m) of (2.3) on ``[0, v_bar]`` as piecewise functions (requires 0 <= c < v_bar)."""
    check_costs([c], [vbar])
    th = threshold(vbar, c)
    q = PiecewiseFunction(var, (0, th, vbar), (0, allocation(var, vbar, c)))
    m = PiecewiseFunction(var, (0, th, vbar), (0, payment(var, vbar, c)))
    return q, m


def bergemann_schlag_law(p: sp.Symbol, vbar, c) -> Distribution:
    """The minimax-regret random price: density ``1/(p - c)`` on ``[c + (v_bar - c)/e, v_bar]``."""
    check_costs([c], [vbar])
    return Distribution(p, density=PiecewiseFunction(p, (threshold(vbar, c), vbar), (1 / (p - c),)))


def nature_law(v: sp.Symbol, vbar, c) -> Distribution:
    """(2.10) for J = 1: ``P(v <= x) = 1 - (v_bar - c)/(e (x - c))`` on the upper region, atom 1/e at v_bar."""
    check_costs([c], [vbar])
    d = vbar - c
    return Distribution(v, density=PiecewiseFunction(v, (threshold(vbar, c), vbar), (d / (E * (v - c) ** 2),)),
                        atoms={vbar: 1 / E})


def _check_law(law: Distribution, vbar) -> None:
    for (p, _m) in law.atoms:
        if (p - vbar).is_positive or p.is_negative:
            raise ObjectiveError(f"price atom at {p} lies outside [0, v_bar] = [0, {vbar}]")
    if (law.hi - vbar).is_positive or law.lo.is_negative:
        raise ObjectiveError(f"price law support [{law.lo}, {law.hi}] is not inside [0, v_bar] = [0, {vbar}]")


def _cmp(a: sp.Expr, b: sp.Expr) -> int:
    diff = sp.factor_terms(sp.simplify(a - b))
    if diff == 0:
        return 0
    if diff.is_nonnegative:
        return 1
    if diff.is_nonpositive:
        return -1
    raise ObjectiveError(f"cannot order the breakpoints {a} and {b} for all parameter values; "
                         "give parameters with sign assumptions (e.g. c >= 0, v_bar = c + d with d > 0)")


def price_law_regret_pieces(law: Distribution, v: sp.Symbol, vbar, c) -> list[tuple[sp.Expr, sp.Expr, sp.Expr]]:
    """Ex-post regret ``(v - c)^+ - E_Q[1{p <= v}(p - c)]`` of the random price law Q on
    consecutive pieces ``(lo, hi, expr)`` covering ``[0, v_bar]``.  On a piece the expression counts
    the atoms at or below its left end, so its value at the right end is the left limit there (the
    supremum of regret, attained or not)."""
    check_costs([c], [vbar], strict_below=False)
    _check_law(law, vbar)
    x = law.var
    breaks = [sp.Integer(0)]
    dens = law.density.segments() if law.density is not None else []
    for _f, a, b in dens:
        breaks += [a, b]
    breaks += [p for p, _ in law.atoms] + [sp.sympify(c), sp.sympify(vbar)]
    uniq: list = []
    for b in breaks:
        if not any(sp.simplify(b - u) == 0 for u in uniq):
            uniq.append(b)
    uniq.sort(key=cmp_to_key(_cmp))
    pieces = []
    surplus = sp.Max(v - c, 0)
    for lo, hi in zip(uniq, uniq[1:]):
        paid = sp.Integer(0)
        for p, m in law.atoms:
            if sp.simplify(p - lo).is_nonpositive or sp.simplify(p - lo) == 0:
                paid += m * (p - c)
        for f, a, b in dens:
            # density mass below v on this piece: int_a^{min(b, v)} f (x - c) dx
            if sp.simplify(b - lo).is_nonpositive or sp.simplify(b - lo) == 0:
                paid += sp.integrate(f * (x - c), (x, a, b))
            elif sp.simplify(a - lo).is_nonpositive or sp.simplify(a - lo) == 0:
                paid += sp.integrate(f * (x - c), (x, a, v))
        if _cmp(hi, sp.sympify(c)) <= 0:
            gain = sp.Integer(0)
        elif _cmp(lo, sp.sympify(c)) >= 0:
            gain = v - c
        else:  # pragma: no cover - c is a break, so every piece lies on one side of it
            gain = surplus
        pieces.append((lo, hi, gain - paid))
    return pieces


def worst_case_regret_claims(law: Distribution, vbar, c, R, *, prefix: str = "regret", attained_at=None,
                             source: str = "", lo=None) -> list:
    """Claims that the worst-case regret of the random price law over values in ``[0, v_bar]``
    (support only, every law of values) equals ``R``: ``regret(v) <= R`` on every piece, and
    ``regret = R`` at ``attained_at`` (default ``v_bar``, all atoms counted).  With ``lo`` the values
    range over ``[lo, v_bar]`` only: ``lo`` must be a breakpoint of the pieces (an atom of the law, a
    density end or ``c``), and the pieces below it are left out."""
    v = sp.Symbol("v", real=True)
    out = []
    pieces = price_law_regret_pieces(law, v, vbar, c)
    if lo is not None and sp.sympify(lo) != 0:
        lo = sp.sympify(lo)
        if not any(sp.simplify(a - lo) == 0 for a, _b, _e in pieces):
            raise ObjectiveError(f"the lowest value {lo} is not a breakpoint of the price law's regret pieces")
        pieces = [(a, b, e) for a, b, e in pieces if _cmp(a, lo) >= 0]
    for i, (lo, hi, expr) in enumerate(pieces):
        out.append(Inequality(f"{prefix}.at_most_R_on_piece_{i + 1}", lhs=expr, rhs=R, rel="<=", over=[(v, lo, hi)],
                              source=source,
                              statement=(r"(v-c)^+ - \mathbb E_{\mathbb Q}[\mathbb 1_{p\le v}(p-c)] \le "
                                         + sp.latex(R) + rf"\quad\forall v\in[{sp.latex(lo)}, {sp.latex(hi)}]")))
    at = sp.sympify(vbar if attained_at is None else attained_at)
    expr_at = next(e for lo, hi, e in reversed(pieces) if not (sp.simplify(lo - at)).is_positive)
    out.append(Identity(f"{prefix}.attained", lhs=expr_at.subs(v, at), rhs=R, source=source,
                        statement=r"\text{regret at } v=" + sp.latex(at) + " equals " + sp.latex(R)))
    return out


def nature_lower_bound_claims(vbar, c, *, prefix: str = "nature", source: str = "") -> list:
    """Under nature's law (2.10) (J = 1) every deterministic price p in [0, v_bar] (hence every random
    price law and every IC/IR mechanism) has expected regret >= (v_bar - c)/e; equality on the upper
    region.  Exact expectations; claims over p."""
    check_costs([c], [vbar])
    p = sp.Symbol("p", real=True)
    x = sp.Symbol("x", real=True)
    d = vbar - c
    th = threshold(vbar, c)
    # E[(v - c)^+] = 2 d / e  (density d/(e (x - c)^2) on [th, vbar), atom 1/e at vbar)
    mean_surplus = sp.integrate(d / (E * (x - c) ** 2) * (x - c), (x, th, vbar)) + (vbar - c) / E
    # P(v >= p) for p in (th, vbar]:  d / (e (p - c))
    surv_hi = 1 - (1 - d / (E * (p - c)))
    val = d / E
    return [
        Identity(f"{prefix}.mass", lhs=sp.integrate(d / (E * (x - c) ** 2), (x, th, vbar)) + 1 / E, rhs=1,
                 source=source, statement=r"\mathbb P^\star([c+\tfrac{\bar v-c}e,\bar v]) = 1"),
        Identity(f"{prefix}.mean_surplus", lhs=mean_surplus, rhs=2 * d / E, source=source,
                 statement=r"\mathbb E_{\mathbb P^\star}(\tilde v-c)^+ = \tfrac2e(\bar v-c)"),
        Inequality(f"{prefix}.low_prices", lhs=2 * d / E - (p - c), rhs=val, rel=">=", over=[(p, 0, th)],
                   source=source, statement=r"p \le c+\tfrac{\bar v-c}e:\ \tfrac2e(\bar v-c) - (p-c) \ge \tfrac{\bar v-c}e"),
        Identity(f"{prefix}.upper_prices", lhs=2 * d / E - (p - c) * surv_hi, rhs=val, over=[(p, th, vbar)],
                 source=source, statement=r"p\in[c+\tfrac{\bar v-c}e,\bar v]:\ \tfrac2e(\bar v-c) - (p-c)\,"
                                          r"\mathbb P^\star(\tilde v\ge p) = \tfrac{\bar v-c}e"),
    ]


def minimax_optimal_claims(law: Distribution, vbar, c, *, prefix: str = "optimal", source: str = "") -> list:
    """The price law is minimax-regret optimal on values in [0, v_bar]: its worst-case regret is
    (v_bar - c)/e and nature's law (2.10) holds every mechanism to at least that."""
    R = (sp.sympify(vbar) - c) / E
    return (worst_case_regret_claims(law, vbar, c, R, prefix=f"{prefix}.worst_case", source=source)
            + nature_lower_bound_claims(vbar, c, prefix=f"{prefix}.nature", source=source))


def worst_case_ratio_claims(law: Distribution, lo, vbar, c, rho, *, prefix: str = "ratio", source: str = "") -> list:
    """Claims that the random price law earns at least ``rho`` times the full surplus,
    ``E_Q[1{p <= v}(p - c)] >= rho (v - c)``, for every value v in ``[lo, v_bar]`` (c <= lo), and equality at
    ``v_bar`` (so ``rho`` is the worst-case competitive ratio when the bound is tight there)."""
    check_costs([c], [vbar])
    if _cmp(sp.sympify(lo), sp.sympify(c)) < 0 or _cmp(sp.sympify(lo), sp.sympify(vbar)) >= 0:
        raise ObjectiveError(f"the ratio needs c <= lo < v_bar; got lo = {lo}, c = {c}, v_bar = {vbar}")
    v = sp.Symbol("v", real=True)
    out = []
    for i, (a, b, expr) in enumerate(price_law_regret_pieces(law, v, vbar, c)):
        if _cmp(b, sp.sympify(lo)) <= 0:
            continue
        a = a if _cmp(a, sp.sympify(lo)) >= 0 else sp.sympify(lo)
        profit = (v - c) - expr
        out.append(Inequality(f"{prefix}.at_least_rho_on_piece_{i + 1}", lhs=profit, rhs=rho * (v - c), rel=">=",
                              over=[(v, a, b)], source=source,
                              statement=(r"\mathbb E_{\mathbb Q}[\mathbb 1_{p\le v}(p-c)] \ge " + sp.latex(rho)
                                         + rf"(v-c)\quad\forall v\in[{sp.latex(a)}, {sp.latex(b)}]")))
    last = price_law_regret_pieces(law, v, vbar, c)[-1][2]
    out.append(Identity(f"{prefix}.attained", lhs=((vbar - c) - last.subs(v, vbar)) / (vbar - c), rhs=rho, source=source,
                        statement=r"\text{ratio at } v=\bar v \text{ equals } " + sp.latex(rho)))
    return out


def price_law_claims(law: Distribution, vbar, c, *, objective="regret", ask: str = "value", value=None,
                     lo=None, prefix: str = "price_law", source: str = "") -> list:
    """One entry point for conjecture files on a support-only model with cost c: ``ask = "value"``
    (the worst case of the law equals ``value``) or ``"optimal"`` (minimax-regret optimality).
    Objectives: ``"regret"`` (values in ``[0, v_bar]``; value and optimal) and ``"ratio"`` (values in
    ``[lo, v_bar]``; value only).  Any other objective or question is refused by name
    (:class:`symmech.models.objectives.UnsupportedObjective`)."""
    o = require(objective, ("regret", "ratio"), "regret.single.price_law_claims")
    if o.name == "ratio":
        if ask != "value":
            raise UnsupportedObjective(f"regret.single.price_law_claims answers only 'value' for the 'ratio' objective, not {ask!r}")
        if value is None or lo is None:
            raise ObjectiveError("the ratio question needs the claimed ratio (value) and the lowest value lo")
        return worst_case_ratio_claims(law, lo, vbar, c, sp.sympify(value), prefix=prefix, source=source)
    if ask == "value":
        if value is None:
            raise ObjectiveError("ask = 'value' needs the claimed worst-case regret")
        return worst_case_regret_claims(law, vbar, c, sp.sympify(value), prefix=prefix, source=source)
    if ask == "optimal":
        return minimax_optimal_claims(law, vbar, c, prefix=prefix, source=source)
    raise ObjectiveError(f"unknown question {ask!r}; known: 'value', 'optimal'")


# ------------------------------------------------------------------------------------------
# values in [lo, v_bar] with lo >= 0 (Bergemann and Schlag (2008), Sec. 3): two regimes
def interval_regime(lo, vbar, c) -> str:
    """``"upper"`` if ``v_bar - c >= e (max(lo, c) - c)`` (the [0, v_bar] solution fits inside
    ``[lo, v_bar]``: minimax regret ``(v_bar - c)/e``), else ``"atom"`` (an atom at ``lo``: minimax regret
    ``(lo - c) log((v_bar - c)/(lo - c))``).  Needs concrete ``0 <= lo < v_bar``, ``0 <= c < v_bar``."""
    lo, vbar, c = (sp.sympify(x) for x in (lo, vbar, c))
    check_costs([c], [vbar])
    if not (lo.is_number and vbar.is_number and c.is_number):
        raise ObjectiveError("the interval regime needs concrete lo, v_bar and c")
    if lo.is_negative or not (vbar - lo).is_positive:
        raise ObjectiveError(f"need 0 <= lo < v_bar, got lo = {lo}, v_bar = {vbar}")
    if _cmp(c, lo) >= 0:
        return "upper"
    return "upper" if _cmp(vbar - c, E * (lo - c)) >= 0 else "atom"


def interval_minimax_regret(lo, vbar, c=0) -> sp.Expr:
    """The minimax regret of selling one item at cost ``c`` to a buyer with value in ``[lo, v_bar]`` (support
    only): ``(v_bar - c)/e`` if ``v_bar - c >= e (lo - c)`` (or ``c >= lo``), else ``(lo - c) log((v_bar - c)/(lo - c))``."""
    lo, vbar, c = (sp.sympify(x) for x in (lo, vbar, c))
    if interval_regime(lo, vbar, c) == "upper":
        return (vbar - c) / E
    return (lo - c) * sp.log((vbar - c) / (lo - c))


def interval_price_law(p: sp.Symbol, lo, vbar, c=0) -> Distribution:
    """The seller's minimax-regret random price on ``[lo, v_bar]``: the Bergemann-Schlag law in the upper
    regime; else density ``1/(p - c)`` on ``[lo, v_bar]`` plus an atom ``1 - log((v_bar - c)/(lo - c))`` at ``lo``."""
    lo, vbar, c = (sp.sympify(x) for x in (lo, vbar, c))
    if interval_regime(lo, vbar, c) == "upper":
        return bergemann_schlag_law(p, vbar, c)
    return Distribution(p, density=PiecewiseFunction(p, (lo, vbar), (1 / (p - c),)),
                        atoms={lo: 1 - sp.log((vbar - c) / (lo - c))})


def interval_nature_law(v: sp.Symbol, lo, vbar, c=0) -> Distribution:
    """Nature's worst law on ``[lo, v_bar]``: (2.10) in the upper regime; else ``P(v >= x) = (lo - c)/(x - c)``
    on ``[lo, v_bar]`` (density ``(lo - c)/(x - c)^2``, atom ``(lo - c)/(v_bar - c)`` at ``v_bar``)."""
    lo, vbar, c = (sp.sympify(x) for x in (lo, vbar, c))
    if interval_regime(lo, vbar, c) == "upper":
        return nature_law(v, vbar, c)
    da, db = lo - c, vbar - c
    return Distribution(v, density=PiecewiseFunction(v, (lo, vbar), (da / (v - c) ** 2,)), atoms={vbar: da / db})


def interval_minimax_claims(lo, vbar, c=0, *, prefix: str = "value", source: str = "") -> tuple[sp.Expr, list]:
    """``(V, claims)``: the minimax regret ``V`` on values in ``[lo, v_bar]`` (cost c) and the claims that
    prove it -- the seller's law (:func:`interval_price_law`) has worst-case regret ``V`` over ``[lo, v_bar]``
    and under nature's law (:func:`interval_nature_law`, which lies in ``[lo, v_bar]``) every price has
    expected regret at least ``V``."""
    lo, vbar, c = (sp.sympify(x) for x in (lo, vbar, c))
    regime = interval_regime(lo, vbar, c)
    V = interval_minimax_regret(lo, vbar, c)
    p = sp.Symbol("p", real=True)
    if regime == "upper":
        out = (worst_case_regret_claims(bergemann_schlag_law(p, vbar, c), vbar, c, V, prefix=f"{prefix}.attained",
                                        source=source)
               + nature_lower_bound_claims(vbar, c, prefix=f"{prefix}.nature", source=source))
        if lo != 0:
            # nature's law (2.10) lives on [c + (v_bar - c)/e, v_bar]: it is a law of values in [lo, v_bar]
            out.append(Inequality(f"{prefix}.nature.inside_support", lhs=threshold(vbar, c), rhs=lo, rel=">=",
                                  source=source, statement=r"c + \tfrac{\bar v - c}{e} \ge \underline v"))
        return V, out
    x = sp.Symbol("x", real=True)
    da, db = lo - c, vbar - c
    law = interval_price_law(p, lo, vbar, c)
    atom = 1 - sp.log(db / da)
    out = [
        Inequality(f"{prefix}.law.atom_nonnegative", lhs=atom, rhs=0, rel=">=", source=source,
                   statement=r"1 - \log\tfrac{\bar v - c}{\underline v - c} \ge 0"),
        Identity(f"{prefix}.law.mass", lhs=atom + sp.integrate(1 / (x - c), (x, lo, vbar)), rhs=1, source=source,
                 statement=r"\mathbb Q([\underline v, \bar v]) = 1"),
        *worst_case_regret_claims(law, vbar, c, V, prefix=f"{prefix}.attained", source=source, lo=lo),
    ]
    dens = da / (x - c) ** 2
    nat_atom = da / db
    mean_surplus = sp.integrate(dens * (x - c), (x, lo, vbar)) + nat_atom * db     # E[(v - c)^+], v >= lo >= c
    surv = sp.integrate(dens, (x, p, vbar)) + nat_atom                               # P(v >= p), p in [lo, v_bar]
    out += [
        Identity(f"{prefix}.nature.mass", lhs=sp.integrate(dens, (x, lo, vbar)) + nat_atom, rhs=1, source=source,
                 statement=r"\mathbb P^\star([\underline v, \bar v]) = 1"),
        Identity(f"{prefix}.nature.mean_surplus", lhs=mean_surplus, rhs=da + V, source=source,
                 statement=r"\mathbb E_{\mathbb P^\star}(\tilde v - c) = (\underline v - c) + V"),
        Inequality(f"{prefix}.nature.low_prices", lhs=mean_surplus - (p - c), rhs=V, rel=">=", over=[(p, 0, lo)],
                   source=source, statement=r"p \le \underline v:\ \mathbb E(\tilde v - c) - (p - c) \ge V"),
        Identity(f"{prefix}.nature.upper_prices", lhs=mean_surplus - (p - c) * surv, rhs=V, over=[(p, lo, vbar)],
                 source=source, statement=r"p \in [\underline v, \bar v]:\ \mathbb E(\tilde v - c) - (p - c)"
                                          r"\,\mathbb P^\star(\tilde v \ge p) = V"),
        Inequality(f"{prefix}.nature.high_prices", lhs=mean_surplus, rhs=V, rel=">=", source=source,
                   statement=r"p > \bar v:\ \mathbb E(\tilde v - c) \ge V"),
    ]
    return V, out
