"""Koçyiğit, "Distributional Robustness in Mechanism Design" (EPFL thesis, 2020), Chapter 1: the discretized
primal LPs (Prop. 1.5.4) as the independent numeric route.

Nature's LP against a given auction on a grid of [0, 1]^I (HiGHS) gives an upper bound on the worst-case
revenue (grid laws only) and, through its dual lowered by the largest violation on each grid cell, a lower
bound (``symmech.models.auctions.lp.nature_lp``); each closed form of Props. 1.5.5-1.5.7 and Thm. 1.5.3 must lie in
its bracket (double precision: evidence, ``confirmed``).  Where nature's worst case is attained by a law on
the grid (Q^(1) of Prop. 1.5.5), the grid LP is solved exactly with a rational certificate and equals the
closed form (``proved``).
"""
from __future__ import annotations

from fractions import Fraction as F

import sympy as sp

from symmech import Derivation, Scope
from symmech.models.auctions import HighestBidderLottery, SecondPriceAuction, hbl_parameters
from symmech.models.auctions.checks import LPBracket
from symmech.models.auctions.lp import nature_lp, nature_lp_exact
from symmech.models.multigood.knightian_lp import ExactLPEquality

PAPER = "Koçyiğit, 'Distributional Robustness in Mechanism Design' (2020)"
SCOPE = Scope()
QUARTERS = [F(k, 8) for k in range(9)]


def _src(x: str) -> str:
    return f"{PAPER}, {x}"


def _claims() -> list:
    out = [
        ExactLPEquality("p155_exact_grid_I2", lhs=lambda: nature_lp_exact(SecondPriceAuction(2, F(1, 4)), "3/4", QUARTERS),
                        rhs=lambda: nature_lp_exact(SecondPriceAuction(2, F(1, 4)), "3/4", QUARTERS), lhs_label="grid LP",
                        rhs_label="grid LP", value=F(1, 2), source=_src("Prop. 1.5.5"),
                        statement=r"\min_{\mathbb P \text{ on } \{0,\frac18,\dots,1\}^2,\ \mathbb E v_i\ge\frac34}\mathbb E\, m^{sp}_{r=1/4} = \tfrac12 = \tfrac{I\mu-1}{I-1}",
                        note="Q^(1) lives on the grid, so the grid optimum equals the continuum value exactly"),
        ExactLPEquality("p155_exact_grid_I3", lhs=lambda: nature_lp_exact(SecondPriceAuction(3, F(1, 4)), "3/4", QUARTERS[::2]),
                        rhs=lambda: nature_lp_exact(SecondPriceAuction(3, F(1, 4)), "3/4", QUARTERS[::2]), lhs_label="grid LP",
                        rhs_label="grid LP", value=F(5, 8), source=_src("Prop. 1.5.5"),
                        statement=r"I = 3,\ \mu = \tfrac34,\ r = \tfrac14 \text{ on } \{0,\frac14,\dots,1\}^3:\ \tfrac58 = \tfrac{I\mu-1}{I-1}"),
    ]
    for cid, I, mu, r, value, src in (("p156_bracket", 2, "1/2", F(1, 5), sp.Rational(3, 20), "Prop. 1.5.6"),
                                      ("p157_bracket", 2, "1/2", F(9, 20), sp.Rational(9, 110), "Prop. 1.5.7"),
                                      ("t152_best_spa_bracket", 2, "1/2", None, 3 - 2 * sp.sqrt(2), "Thm. 1.5.2")):
        rr = sp.Rational(r.numerator, r.denominator) if r is not None else 1 - 1 / sp.sqrt(2)
        out.append(LPBracket(cid, run=(lambda I=I, mu=mu, rr=rr: nature_lp(SecondPriceAuction(I, rr), mu, 40,
                                                                            extra=[float(rr) - 1e-9])),
                             value=value, source=_src(src),
                             statement=rf"\text{{SPA}},\ I={I},\ \mu={mu},\ r={sp.latex(rr)}:\ "
                                       rf"{sp.latex(value)} \in [\text{{lower}}, \text{{grid LP}}]\ (41^2 \text{{ grid}})"))
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
