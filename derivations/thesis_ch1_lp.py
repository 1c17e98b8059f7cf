"""Koçyiğit, "Distributional Robustness in Mechanism Design" (EPFL thesis, 2020), Chapter 1: the discretized
primal LPs (Prop. 1.5.4) as the independent numeric route.

Nature's LP against a given auction on a grid of [0, 1]^I (HiGHS) gives an upper bound on the worst-case
revenue (grid laws only) and, through its dual lowered by the largest violation on each grid cell, a lower
bound (``symmech.models.auctions.lp.nature_lp``); each closed form of Props. 1.5.5-1.5.7 and Thm. 1.5.3 must lie in
its bracket (double precision: evidence, ``confirmed``).  Where nature's worst case is attained by a law on
the grid (Q^(1) of Prop. 1.5.5), the grid LP is solved exactly with a rational certificate and equals the
closed form (``proved``).  Every closed form is the thesis's formula evaluated at the instance (I, mu, r).
"""
from __future__ import annotations

from fractions import Fraction as F

import sympy as sp

from symmech import Derivation, Scope
from symmech.models.auctions import HighestBidderLottery, SecondPriceAuction, hbl_parameters
from symmech.models.auctions.checks import LPBracket
from symmech.models.auctions.lp import nature_lp, nature_lp_exact
from symmech.models.regret.claims import LPBracket as ExactLPValue

PAPER = "Koçyiğit, 'Distributional Robustness in Mechanism Design' (2020)"
SCOPE = Scope()
QUARTERS = [F(k, 8) for k in range(9)]


def _src(x: str) -> str:
    return f"{PAPER}, {x}"


def _r1_value(I: int, mu: sp.Rational) -> sp.Expr:
    """Prop. 1.5.5: the worst-case revenue (I mu - 1)/(I - 1) of an SPA with reserve in R_1."""
    return (I * mu - 1) / sp.Integer(I - 1)


def _r2_value(I: int, mu: sp.Rational, r: sp.Expr) -> sp.Expr:
    """Prop. 1.5.6: I r (mu - r)/(1 - r) for r in R_2."""
    return I * r * (mu - r) / (1 - r)


def _r3_value(mu: sp.Rational, r: sp.Expr) -> sp.Expr:
    """Prop. 1.5.7: (mu - r)/(1 - r) for r in R_3."""
    return (mu - r) / (1 - r)


def _best_spa(I: int, mu: sp.Rational) -> sp.Expr:
    """Thm. 1.5.2(i) (mu in M_1 u M_2): the best reserve r* = 1 - sqrt(1 - mu) earns I (1 - sqrt(1 - mu))^2."""
    return I * (1 - sp.sqrt(1 - mu))**2


def _claims() -> list:
    out = []
    for cid, I, mu, grid in (("p155_exact_grid_I2", 2, sp.Rational(3, 4), QUARTERS),
                             ("p155_exact_grid_I3", 3, sp.Rational(3, 4), QUARTERS[::2])):
        value = _r1_value(I, mu)
        out.append(ExactLPValue(
            cid, lp=(lambda I=I, mu=mu, grid=grid: nature_lp_exact(SecondPriceAuction(I, F(1, 4)), str(mu), grid)),
            lower=value, upper=value, source=_src("Prop. 1.5.5"),
            statement=(rf"\min_{{\mathbb P \text{{ on }} \{{0,\frac{{1}}{{{len(grid) - 1}}},\dots,1\}}^{I},\ \mathbb E v_i\ge{sp.latex(mu)}}}"
                       rf"\mathbb E\, m^{{sp}}_{{r=1/4}} = \tfrac{{I\mu-1}}{{I-1}} = {sp.latex(value)}"),
            note="Q^(1) lives on the grid, so the grid optimum equals the continuum value of Prop. 1.5.5 exactly; "
                 "the value is the thesis's formula at (I, mu), not a typed number"))
    half, three_q = sp.Rational(1, 2), sp.Rational(3, 4)
    for cid, I, mu, r, value, src, note in (
            ("p156_bracket", 2, half, sp.Rational(1, 5), _r2_value(2, half, sp.Rational(1, 5)), "Prop. 1.5.6", ""),
            ("p156_bracket_r_9_20", 2, half, sp.Rational(9, 20), _r2_value(2, half, sp.Rational(9, 20)), "Prop. 1.5.6",
             ("spec 003 part A Sec. 7 lists r = 0.45 as a case of R_3 with 'closed (mu - r)/(1 - r) = 9/110'; but for "
              "I = 2, mu = 1/2, R_3 = (1/I, mu] is empty and r = 0.45 lies in R_2, whose formula gives 9/110 "
              "((mu - r)/(1 - r) would be 1/11, outside the LP bracket)")),
            ("p157_bracket", 2, three_q, sp.Rational(3, 5), _r3_value(three_q, sp.Rational(3, 5)), "Prop. 1.5.7",
             "r = 3/5 lies in R_3 = (1/I, mu] = (1/2, 3/4]"),
            ("t152_best_spa_bracket", 2, half, 1 - sp.sqrt(1 - half), _best_spa(2, half), "Thm. 1.5.2", "")):
        out.append(LPBracket(cid, run=(lambda I=I, mu=mu, rr=r: nature_lp(SecondPriceAuction(I, rr), str(mu), 40,
                                                                           extra=[float(rr) - 1e-9])),
                             value=value, source=_src(src),
                             statement=rf"\text{{SPA}},\ I={I},\ \mu={sp.latex(mu)},\ r={sp.latex(r)}:\ "
                                       rf"{sp.latex(value)} \in [\text{{lower}}, \text{{grid LP}}]\ (41^2 \text{{ grid}})",
                             note=("the closed form is the thesis's formula at (I, mu, r). " + note).strip()))
    for I, mu, n in ((2, "1/2", 30), (3, "1/4", 12)):
        out.append(LPBracket(f"t153_hbl_bracket_I{I}", run=(lambda I=I, mu=mu, n=n: nature_lp(HighestBidderLottery.optimal(I, mu), mu, n)),
                             value=hbl_parameters(I, mu).r, source=_src("Thm. 1.5.3"),
                             statement=rf"\text{{optimal HBL}},\ I={I},\ \mu={mu}:\ r \in [\text{{lower}}, \text{{grid LP}}]\ ({n + 1}^{I} \text{{ grid}})"))
    return out


DERIVATION = Derivation(
    name="thesis_ch1_lp",
    title="Koçyiğit (2020), Ch. 1: nature's grid LPs bracket the closed forms (HiGHS; exact where attained)",
    scope=SCOPE,
    claims=_claims(),
    model=r"\min_{\mathbb P\ \text{on a grid of}\ [0,1]^I}\ \mathbb E_{\mathbb P}[\mathrm{Rev}]\ \text{s.t.}\ \mathbb E v_i \ge \mu",
    references=(PAPER + ", Ch. 1",),
)
