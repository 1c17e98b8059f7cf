"""Shared finite instances of Haghpanah and Hartline, 'When Is Pure Bundling Optimal?' (2020).

Regression values quoted in the derivations come from the spec's Sec. 3 (R1-R10).
"""
from __future__ import annotations

from fractions import Fraction as Fr

from symmech.models.multigood.bundling import FiniteLaw, Valuation, additive_law, bundle, law_from_profiles

PAPER = "Haghpanah and Hartline, 'When Is Pure Bundling Optimal?' (2020)"
B1, B2, B12 = bundle(1), bundle(2), bundle(1, 2)


def src(item: str) -> str:
    return f"{PAPER}, {item}"


def two_types(vL, vH, qH, sL=1, sH=2) -> FiniteLaw:
    """Sec. 3: two types with v(b*) = (1, 2) and v(b) = (vL, vH), Pr[t_H] = qH (b = {1}, v({2}) = 0)."""
    return FiniteLaw([Valuation(2, {B1: vL, B12: sL}), Valuation(2, {B1: vH, B12: sH})], [1 - Fr(qH), Fr(qH)])


def four_types(q1, q2, qH) -> FiniteLaw:
    """Sec. 4.2, eq. (3): profiles t1 (1; .2, .1), t1' (1; .6, .5), t2 (2; .4, .3), t2' (2; .8, .7)."""
    q1, q2, qH = Fr(q1), Fr(q2), Fr(qH)
    rows = [(1, "0.2", "0.1", (1 - qH) * (1 - q1)), (1, "0.6", "0.5", (1 - qH) * q1),
            (2, "0.4", "0.3", qH * (1 - q2)), (2, "0.8", "0.7", qH * q2)]
    return law_from_profiles(2, [(s, {B1: a, B2: b}, m) for s, a, b, m in rows])


def r4_law() -> FiniteLaw:
    """Spec R4: s in {1/2, 1, ..., 4} (weights .08 .15 .17 .16 .14 .12 .10 .08), r_1 uniform on {.1,...,.9}, additive."""
    S = [Fr(k, 2) for k in range(1, 9)]
    W = [Fr(x, 100) for x in (8, 15, 17, 16, 14, 12, 10, 8)]
    R = [Fr(x, 10) for x in (1, 3, 5, 7, 9)]
    return additive_law([((s * r, s * (1 - r)), w / 5) for s, w in zip(S, W) for r in R])


def parametric_path(delta, alpha=1) -> FiniteLaw:
    """Spec R5 (Sec. 6): w uniform on {1, 1.1, ..., 2}, v = (w, alpha w, (1 + alpha) w + delta)."""
    ws = [1 + Fr(k, 10) for k in range(11)]
    d, a = Fr(delta), Fr(alpha)
    return FiniteLaw([Valuation(2, {B1: w, B2: a * w, B12: (1 + a) * w + d}) for w in ws], [Fr(1, 11)] * 11)


def prop1_witness_law(t, tp, v, vp) -> FiniteLaw:
    """Prop. 1's 'only if' witness prior: mu(t) = 1 - t/t', mu(t') = t/t' on a two-type path."""
    t, tp = Fr(t), Fr(tp)
    return FiniteLaw([Valuation(2, {B1: v, B12: t}), Valuation(2, {B1: vp, B12: tp})], [1 - t / tp, t / tp])
