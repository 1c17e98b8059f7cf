"""Che and Zhong, Thm. 1 (both sides of the saddle point) and Cor. 1, phi_K(z) = z^2.

The claims are built in ``che_zhong_thm1`` (same symbols and parametrization: alpha_K, ell_K,
lambda_K a positive defined root justified by ``lambda_positive``); this derivation checks the
saddle-point claims on a fixed set of four parameter points (numerics) while every symbolic
proof still covers all parameter values:

* the guarantee: the one-group dual certificate t_K(z) >= lambda_0 + mu_m z - lambda_K z^2 on
  [0, 4 beta] (pieces) plus ``dual_tail_bregman`` for z beyond, and the three-good certificate
  on the value space (partition {{1},{2,3}}, three bound variables);
* nature's side: F* in the set, E_{F*} t* = alpha_K, and p Pr[z_K >= p] <= alpha_K for every
  price p (on the ray, every IC mechanism is a lottery over bundle prices; coarsest partition,
  any n: Cor. 1), with the (11) virtual-value bound for general partitions in che_zhong_thm1.
"""
from __future__ import annotations

import sympy as sp

from derivations import che_zhong_thm1 as t1
from symmech import Derivation, Scope

_POINTS = (
    {t1.a: sp.Rational(1, 2), t1.L: sp.Rational(3, 1), t1.a1: sp.Rational(1, 4), t1.L1: sp.Rational(9, 2),
     t1.a2: sp.Rational(1, 5), t1.L2: sp.Rational(6, 1), t1.w: sp.Rational(1, 2)},
    {t1.a: sp.Rational(1, 5), t1.L: sp.Rational(11, 10), t1.a1: sp.Rational(3, 4), t1.L1: sp.Rational(3, 2),
     t1.a2: sp.Rational(1, 3), t1.L2: sp.Rational(7, 1), t1.w: sp.Rational(1, 10)},
    {t1.a: sp.Rational(3, 2), t1.L: sp.Rational(9, 1), t1.a1: sp.Rational(1, 2), t1.L1: sp.Rational(2, 1),
     t1.a2: sp.Rational(1, 2), t1.L2: sp.Rational(2, 1), t1.w: sp.Rational(9, 10)},
    {t1.a: sp.Rational(1, 10) + sp.Rational(1, 100), t1.L: sp.Rational(101, 100), t1.a1: sp.Rational(9, 10),
     t1.L1: sp.Rational(15, 2), t1.a2: sp.Rational(1, 9), t1.L2: sp.Rational(11, 10), t1.w: sp.Rational(1, 3)},
)

SCOPE = Scope(parameters=t1.SCOPE.parameters, roots=t1.SCOPE.roots, samples=_POINTS)

DERIVATION = Derivation(
    name="che_zhong_saddle",
    title="Che-Zhong Thm 1 / Cor 1: both sides of the saddle point (phi = z^2)",
    scope=SCOPE,
    claims=[c for c in t1.ALL_CLAIMS if c.id in t1.SADDLE_IDS and c.id != "guarantee_three_goods"],
    model=t1.DERIVATION.model,
    references=t1.DERIVATION.references,
    figures={"mechanism": t1.M_STAR, "price_law": t1.PRICE_LAW, "worst_case": t1.F_STAR, "guarantee": t1.a,
             "point": _POINTS[0]},
)
