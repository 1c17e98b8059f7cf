"""Koçyiğit, "Distributional Robustness in Mechanism Design" (EPFL thesis, 2020), Chapter 1, Sec. 1.3:
support-only ambiguity, P = all laws on [v_low, v_high]^I.  Thm. 1.3.1 (Bandi and Bertsimas: Vickrey is
optimal with worst-case revenue v_low), the remark that "bidder 1 at price v_low" is also optimal but
Pareto dominated, and Prop. 1.3.3 (among efficient ex-post IC/IR mechanisms Vickrey earns the most in
every scenario) as exact LPs on a finite grid (rational certificates, ``symmech.tactics.lp.exact``).

Thm. 1.3.1 holds for every v_low < v_high and every real I in [2, 1000]; Prop. 1.3.3 is checked on the
grid {0, 1, 2, 3}^2 (I = 2) at scenarios where bidder 1 wins: the grid optimum is the second-highest
value (for bidder 2 winning, the grid threshold is the next grid point above v_1: a discretization effect).
Prop. 1.3.2 (Pareto robust optimality) is not encoded (its proof is a 3-scenario construction).
"""
from __future__ import annotations

from fractions import Fraction as F

import sympy as sp

from symmech import Derivation, Identity, Inequality, Scope
from symmech.models.auctions import SecondPriceAuction, RuleAuction, ValueSpace, revenue
from symmech.models.auctions.lp import efficient_revenue_lp
from symmech.models.multigood.knightian_lp import ExactLPEquality, FiniteCheck

PAPER = "Koçyiğit, 'Distributional Robustness in Mechanism Design' (2020)"
I = sp.Symbol("I", positive=True)
vl, d = sp.symbols("v_low d", nonnegative=True)
b, q = sp.symbols("b q", nonnegative=True)
SCOPE = Scope({I: sp.Interval(2, 1000), vl: sp.Interval(0, 1), d: sp.Interval.Lopen(0, 1)})
GRID = (0, 1, 2, 3)


def _src(x: str) -> str:
    return f"{PAPER}, {x}"


def _grid_worst(I_: int) -> tuple[bool, str]:
    space = ValueSpace(I_, 1, 3)
    vick = SecondPriceAuction(I_, 0, space=space)
    fixed = RuleAuction(I_, lambda v: (1,) + (0,) * (I_ - 1), lambda v: (1,) + (0,) * (I_ - 1), space=space,
                        name="bidder 1 at price v_low")
    wv = min(revenue(vick, v) for v in space.grid(4))
    wf = min(revenue(fixed, v) for v in space.grid(4))
    top = (3,) * I_
    ok = wv == 1 and wf == 1 and revenue(vick, top) == 3 > revenue(fixed, top)
    return ok, (f"I = {I_}, V = [1, 3], grid step 1/2: min Vickrey revenue {wv}, min 'bidder 1 at v_low' revenue {wf}; "
                f"at v = 3e: Vickrey {revenue(vick, top)} > {revenue(fixed, top)}")


def _claims() -> list:
    T131, P133 = _src("Thm. 1.3.1"), _src("Prop. 1.3.3")
    claims = [
        Inequality("t131_vickrey_guarantee", lhs=vl + b * d, rel=">=", rhs=vl, over=[(b, 0, 1)], source=T131,
                   statement=r"\mathrm{Rev}^{V}(v) = v_{(2)} \ge \underline v\ \forall v\in[\underline v,\overline v]^I"),
        Identity("t131_attained", lhs=sp.Max(vl, vl), rhs=vl, source=T131,
                 statement=r"\mathrm{Rev}^{V}(\underline v e) = \underline v"),
        Inequality("t131_no_mechanism_beats_vlow", lhs=vl * q, rel="<=", rhs=vl, over=[(q, 0, 1)], source=T131,
                   statement=r"\sum_i m_i(\underline v e) \le \sum_i q_i(\underline v e)\underline v \le \underline v\ \text{(ex-post IR)}",
                   note="q = sum_i q_i in [0, 1]"),
        FiniteCheck("t131_grid_I2", compute=lambda: _grid_worst(2), source=T131 + " and the remark after it",
                    statement=r"\text{grid } [1,3]^2:\ \min \mathrm{Rev}^{V} = \min \mathrm{Rev}^{1@\underline v} = 1,\ "
                              r"\mathrm{Rev}^V(3e) = 3 > 1"),
        FiniteCheck("t131_grid_I3", compute=lambda: _grid_worst(3), source=T131 + " and the remark after it",
                    statement=r"\text{the same on } [1,3]^3"),
    ]
    for sc, val in (((3, 1), 1), ((2, 2), 2), ((3, 0), 0), ((3, 2), 2)):
        claims.append(ExactLPEquality(
            f"p133_grid_{sc[0]}{sc[1]}", lhs=(lambda sc=sc: efficient_revenue_lp(GRID, sc)),
            rhs=(lambda sc=sc: efficient_revenue_lp(GRID, sc)), lhs_label="LP", rhs_label="LP", value=F(val),
            source=P133, statement=(r"\max\{\textstyle\sum_i m_i(" + f"{sc[0]}, {sc[1]}" + r"):\ \text{efficient, ex-post IC, IR on }\{0,1,2,3\}^2\} = "
                                    + str(val) + r" = v_{(2)}")))
    claims.append(ExactLPEquality(
        "p133_bidder2_wins_grid_effect", lhs=lambda: efficient_revenue_lp(GRID, (1, 3)),
        rhs=lambda: efficient_revenue_lp(GRID, (1, 3)), lhs_label="LP", rhs_label="LP", value=F(1), expect="fails",
        source=P133, statement=r"\max\{\textstyle\sum_i m_i(1, 3)\} = 1 = v_{(2)}\ \text{on the grid}",
        note="on a grid the threshold of bidder 2 (who loses ties) is the next grid point, 2: a discretization "
             "effect, not a counterexample to Prop. 1.3.3 on the continuum"))
    return claims


DERIVATION = Derivation(
    name="thesis_ch1_vickrey",
    title="Koçyiğit (2020), Ch. 1, Sec. 1.3: support-only ambiguity, Vickrey's optimality",
    scope=SCOPE,
    claims=_claims(),
    model=r"\mathcal P = \mathcal P_0([\underline v, \overline v]^I),\ \overline v = \underline v + d",
    references=(PAPER + ", Ch. 1", "Bandi and Bertsimas, 'Optimal design for multi-item auctions: a robust optimization approach' (2014)"),
)
