"""Roots of systems (issue 19): DefinedSystem in a Scope, the rigorous root count, trust and bad input.

Regression values: x = y = sqrt(c/2) solves x^2 + y^2 = c, x = y (by hand); Che-Zhong (5)-(6) at
(m, s) = (0.6, 0.46): alpha_1 from the catalog's table R1 (seed_000, Sec. 3).
"""
from __future__ import annotations

import pytest
import sympy as sp
from sympy import Interval, Rational, log, sqrt

from symmech import DefinedSystem, Identity, Inequality, Scope, Status, UniqueRoot
from symmech.models.approx import ApproxEquals
from symmech.tactics.scope import ScopeError
from symmech.tactics.systems import NoRootError, root_count

x, y = sp.symbols("x y", positive=True)
c = sp.Symbol("c", positive=True)
CIRCLE = (x**2 + y**2 - c, x - y)


def _scope(box=((0, 2), (0, 2)), **kw) -> Scope:
    system = DefinedSystem((x, y), CIRCLE, box, **kw)
    return Scope({c: Interval(1, 2)}, systems=(system,))


def _plain(box) -> DefinedSystem:
    u, w = sp.symbols("u w", real=True)
    return DefinedSystem((u, w), (u**2 + w**2 - 1, u - w), box)


# --- the rigorous root count ------------------------------------------------------------------------
def test_krawczyk_one_root():
    rc = root_count(_plain(((0, 1), (0, 1))), {})
    assert rc.status == "one", rc.detail
    (enc,) = rc.enclosures
    for lo, hi in enc:                       # encloses 1/sqrt(2)
        assert lo <= 1 / sqrt(2) <= hi and hi - lo < Rational(1, 10**20)


def test_krawczyk_two_roots_rejected():
    rc = root_count(_plain(((-1, 1), (-1, 1))), {})
    assert rc.status == "several", rc.detail
    signs = sorted(int(sp.sign(e[0][0])) for e in rc.enclosures)
    assert signs == [-1, 1]                  # -(1/sqrt 2, 1/sqrt 2) and +(1/sqrt 2, 1/sqrt 2)


def test_krawczyk_no_root_rejected():
    assert root_count(_plain(((2, 3), (2, 3))), {}).status == "none"
    # a root on the box's edge is not "inside the open box"
    edge = DefinedSystem(_plain(((0, 1), (0, 1))).symbols, (sp.Symbol("u", real=True) - 1,
                                                            sp.Symbol("w", real=True) - Rational(1, 2)),
                         ((0, 1), (0, 1)))
    assert root_count(edge, {}).status in ("unknown", "none")


def test_krawczyk_three_unknowns():
    p, q, r = sp.symbols("p q r", real=True)
    system = DefinedSystem((p, q, r), (p + q + r - 3, p - q**2, q - r), ((0, 2), (0, 2), (0, 2)))
    rc = root_count(system, {})
    assert rc.status == "one", rc.detail
    assert all(lo <= 1 <= hi for lo, hi in rc.enclosures[0])     # (1, 1, 1)


# --- claims over a scope with a system ------------------------------------------------------------------
def test_values_and_proofs_through_checked_hints():
    sc = _scope(reduce=((y, x, 1),), inverse=((c, x**2 + y**2, 0),))
    vals = sc.numeric_values({c: Rational(3, 2)}, 30)
    assert abs(vals[x] - sp.sqrt(Rational(3, 4))) < 1e-28 and abs(vals[y] - vals[x]) < 1e-28
    assert Identity("prod", lhs=x * y, rhs=c / 2).check(sc).status is Status.PROVED
    assert Identity("sym", lhs=x, rhs=y).check(sc).status is Status.PROVED
    assert Inequality("in_box", lhs=x, rel="<", rhs=2).check(sc).status is Status.PROVED
    root = UniqueRoot("unique", system=sc.systems[0]).check(sc)
    assert root.status is Status.PROVED and "for every parameter value" in root.detail


def test_false_claim_refuted_with_point():
    sc = _scope(reduce=((y, x, 1),), inverse=((c, x**2 + y**2, 0),))
    v = Identity("wrong", lhs=x * y, rhs=c).check(sc)
    assert v.status is Status.REFUTED and "c" in v.witness
    v = Inequality("wrong_bound", lhs=x, rel="<", rhs=Rational(8, 10)).check(sc)   # x = sqrt(c/2) up to 1
    assert v.status is Status.REFUTED and sp.Rational(v.witness["c"]) > Rational(128, 100)


def test_without_symbolic_route_only_confirmed():
    """No reduce hint: exactly one root is certified at the sampled points only, so a proof that rests on
    it is capped at confirmed, and the trust report says why."""
    sc = _scope()
    v = Inequality("pos", lhs=x, rel=">", rhs=0).check(sc)
    assert v.status is Status.CONFIRMED
    root = [h for h in v.trust if h.kind == "system root"]
    assert root and root[0].status == "confirmed" and "sampled parameter points" in root[0].detail


def test_two_roots_in_box_not_accepted():
    """The box (0, 2) x (-2, 2) with x - y^2 = 0... here x^2 + y^2 = c, x = y^2 has two roots +-y."""
    u, w = sp.symbols("u w", real=True)
    system = DefinedSystem((u, w), (u**2 + w**2 - c, u - w**2), ((0, 2), (-2, 2)))
    sc = Scope({c: Interval(1, 2)}, systems=(system,))
    verdict = UniqueRoot("u", system=system).check(sc)
    assert verdict.status is Status.REFUTED and "2 distinct roots" in verdict.detail and "c" in verdict.witness
    claim = Identity("eq", lhs=u - w**2, rhs=0).check(sc)     # true at either root, but the symbols are ill-defined
    assert claim.status is Status.UNDECIDED and "not well defined" in claim.detail


def test_box_missing_the_root():
    sc = _scope(box=((3, 4), (3, 4)))
    with pytest.raises(NoRootError, match="no root inside the box"):
        sc.numeric_values({c: Rational(3, 2)}, 30)
    v = UniqueRoot("u", system=sc.systems[0]).check(sc)
    assert v.status is Status.REFUTED and "no root" in v.detail
    assert Identity("eq", lhs=x - y, rhs=0).check(sc).status is Status.UNDECIDED


def test_fixed_point_enclosure_certifies_a_decimal():
    """Every parameter fixed: the Krawczyk enclosure is the root's domain, so a published decimal is
    certified (catalog R1: alpha_1 = 0.239164383287222975717456217412370676623), and a wrong one refuted."""
    a, b, m, s = sp.symbols("alpha beta m s", positive=True)
    system = DefinedSystem((a, b), (a * (1 + log(b / a)) - m, 2 * a * b - a**2 - s), ((m / 5, m), (m, 11 * m)))
    sc = Scope({m: Rational(3, 5), s: Rational(46, 100)}, systems=(system,))
    ok = ApproxEquals("r1", expr=a, decimal="0.239164383287222975717456217412370676623").check(sc)
    assert ok.status in (Status.PROVED, Status.CERTIFIED), ok.detail
    bad = ApproxEquals("r1_bad", expr=a, decimal="0.239164383287222975717456217412370676633").check(sc)
    assert bad.status is Status.REFUTED


# --- bad input: a clear error, nothing changed --------------------------------------------------------
@pytest.mark.parametrize("make, match", [
    (lambda: DefinedSystem((x, y), (x - y,), ((0, 1), (0, 1))), "1 equation"),
    (lambda: DefinedSystem((x, y), CIRCLE, ((0, 1),)), "box has 1 interval"),
    (lambda: DefinedSystem((x, x), CIRCLE, ((0, 1), (0, 1))), "appears twice"),
    (lambda: DefinedSystem((x, y), CIRCLE, ((0, 1), (0, sp.oo))), "bounded"),
    (lambda: DefinedSystem((x, y), CIRCLE, ((0, 1), (1, 0))), "empty"),
    (lambda: DefinedSystem((x, y), CIRCLE, ((0, 1), (0, 1)), reduce=((y, y + 1, 1),)), "not reduced"),
    (lambda: DefinedSystem((x, y), CIRCLE, ((0, 1), (0, 1)), reduce=((y, x, 5),)), "out of range"),
    (lambda: Scope({c: Interval(1, 2)}, systems=(DefinedSystem((x, y), (x - sp.Symbol("q"), y - c),
                                                                ((0, 1), (0, 1))),)), "q, which is not a parameter"),
    (lambda: Scope({c: Interval(1, 2), x: Interval.open(0, 1)}, systems=(DefinedSystem((x, y), CIRCLE,
                                                                                   ((0, 1), (0, 1))),)),
     "both a parameter and a symbol"),
])
def test_bad_input_is_a_clear_error(make, match):
    before = _scope()
    with pytest.raises(ScopeError, match=match):
        make()
    assert before.symbols == {c, x, y}                      # an existing scope is untouched


def test_wrong_inverse_not_used():
    """An inverse that is false (c = x^2, missing y^2) is refuted as a hint and never used for a proof."""
    sc = _scope(reduce=((y, x, 1),), inverse=((c, x**2, 0),))
    v = Identity("prod", lhs=x * y, rhs=c / 2).check(sc)
    inv = [h for h in v.trust if h.kind == "system inverse"]
    assert inv and inv[0].status == "refuted" and not inv[0].used
    assert v.status is not Status.PROVED


def test_image_used_only_when_checked():
    """The box (0, c) uses c, which the inverse eliminates: proofs then range x over its image, once the
    image is checked (the box inside it); a too-narrow image is refuted and not used."""
    good = _scope(box=((0, c), (0, c)), reduce=((y, x, 1),), inverse=((c, x**2 + y**2, 0),),
                  images={x: Interval(0, 2)})
    v = Inequality("le2", lhs=x, rel="<=", rhs=2).check(good)
    assert v.status is Status.PROVED
    assert [h.used for h in v.trust if h.kind == "system image"] == [True]
    narrow = _scope(box=((0, c), (0, c)), reduce=((y, x, 1),), inverse=((c, x**2 + y**2, 0),),
                    images={x: Interval(0, 1)})
    v = Inequality("le2", lhs=x, rel="<=", rhs=2).check(narrow)
    img = [h for h in v.trust if h.kind == "system image"]
    assert img[0].status == "refuted" and not img[0].used and v.status is not Status.PROVED
