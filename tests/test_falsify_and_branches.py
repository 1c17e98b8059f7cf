"""The adversarial float search (symmech.tactics.falsify), branch resolution (symmech.tactics.branches), nested
time budgets (provers.within_budget) and ill-formed mutants (symmech.harness.mutate)."""
from __future__ import annotations

import signal
import time

import pytest
import sympy as sp

from symmech import Identity, Inequality, Scope, Status
from symmech.tactics import provers
from symmech.harness import mutate
from symmech.tactics.branches import resolve_branches

x, y, z = sp.symbols("x y z")
a = sp.Symbol("a", positive=True)
L = sp.Symbol("L", positive=True)


# test_thin_violation_in_three_variables_is_found_and_rechecked_exactly (~30 s) lives in
# tests/test_falsify_thin_slab.py, so that pytest-xdist's --dist loadfile can run it on another worker


def test_true_claim_with_a_thin_tight_region_is_not_refuted_by_float_noise():
    """(x + y + z - 1/3)^2 >= 0 touches 0 on a plane: float rounding there must not become a
    'counterexample' (candidates are re-evaluated at high precision)."""
    claim = Inequality("touch", lhs=(x + y + z - sp.Rational(1, 3)) ** 2, rel=">=", rhs=0,
                       over=[(x, 0, 1), (y, 0, 1), (z, 0, 1)])
    assert claim.check(Scope(), digits=30, samples=1).status in (Status.PROVED, Status.CERTIFIED)


def test_resolve_branches_takes_the_branch_fixed_on_the_box():
    s = sp.Dummy("s", nonnegative=True)
    box = {s: sp.Interval(0, 1), L: sp.Interval.open(1, 8), a: sp.Interval.open(0, 1)}
    xs = s                                   # x = s in [0, 1] < L
    e = sp.Min(a * xs, a * L) - xs * sp.diff(sp.Min(a * x, a * L), x).subs(x, xs) \
        - sp.Piecewise((0, xs < L), (a * L, True)) + sp.Abs(xs - 2) + sp.Max(xs, -1)
    assert sp.simplify(resolve_branches(e, box) - (2 - s + s)) == 0
    # undecided on the box: left as it is
    wide = {s: sp.Interval(0, 10), L: sp.Interval.open(1, 8), a: sp.Interval.open(0, 1)}
    assert resolve_branches(sp.Min(s, L), wide) == sp.Min(s, L)


def test_identity_with_branches_proved_only_where_the_branch_is_fixed():
    lhs = sp.Min(a * x, a * L) - x * sp.diff(sp.Min(a * x, a * L), x)
    scope = Scope({a: sp.Interval.open(0, 1), L: sp.Interval.open(1, 8)})
    inside = Identity("below_L", lhs=lhs, rhs=0, over=[(x, 0, 1)])
    v = inside.check(scope, digits=20, samples=3)
    assert v.status is Status.PROVED and "branches" in v.detail, v
    across = Identity("across_L", lhs=lhs, rhs=0, over=[(x, 0, 3 * L)])      # false for x > L
    assert across.check(scope, digits=20, samples=3).status is Status.REFUTED


def test_inequality_with_branches():
    scope = Scope({L: sp.Interval.open(1, 8)})
    ok = Inequality("mx", lhs=sp.Max(x, L) - x, rel=">", rhs=0, over=[(x, 0, 1)])
    assert ok.check(scope, digits=20, samples=3).status in (Status.PROVED, Status.CERTIFIED)
    bad = Inequality("mx_bad", lhs=sp.Max(x, L) - x, rel=">", rhs=0, over=[(x, 0, 9)])   # x = L fails
    assert bad.check(scope, digits=20, samples=3).status is Status.REFUTED


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs SIGALRM")
def test_budget_nests_inside_an_outer_timer_and_restores_it():
    class Outer(BaseException):
        pass

    def on_alarm(signum, frame):
        raise Outer()

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, 5.0)
    try:
        t0 = time.monotonic()
        assert provers.within_budget(lambda: time.sleep(3) or "done", 0.3) is None   # inner budget applies
        assert time.monotonic() - t0 < 2
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 3.5 < left <= 5.0                                                     # outer timer restored
        assert signal.getsignal(signal.SIGALRM) is on_alarm
        with pytest.raises(Outer):                                                   # outer deadline first
            provers.within_budget(lambda: time.sleep(10), 30)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def test_a_mutant_that_divides_by_an_exact_zero_is_ill_formed_not_undecided():
    """Dropping c (l - 1) from z* = a (1 + c (l - 1)) makes log(z*/a) = log 1 = 0 a denominator (the
    che_zhong_thm3 case): a side becomes zoo, so the mutant is no statement."""
    c, ell = sp.symbols("c ell", positive=True)
    scope = Scope({a: sp.Interval(1, 2), c: sp.Interval(sp.Rational(1, 2), 1), ell: sp.Interval(2, 3)})
    zs = a * (1 + c * (ell - 1))
    leaf = Identity("t_mid", lhs=(zs - a) / sp.log(zs / a), rhs=a * c * (ell - 1) / sp.log(1 + c * (ell - 1)))
    ms = [m for m in mutate.mutants_of("t_mid", leaf, symbols={a, c, ell})
          if m.operator == "drop" and m.description.startswith("lhs")]
    assert ms
    results = [mutate.classify(m, scope, digits=20, samples=2, certify_time=0.2, timeout=20) for m in ms]
    ill = [r for r in results if r.outcome == "ill_formed"]
    assert ill and all("zoo" in r.evidence for r in ill), [r.to_dict() for r in results]
    # a well-formed mutant of the same leaf is still refuted, never ill-formed
    const = next(m for m in mutate.mutants_of("t_mid", leaf, symbols={a, c, ell}) if m.operator == "scale")
    assert mutate.classify(const, scope, digits=20, samples=2, certify_time=0.2, timeout=20).outcome == "refuted"


def test_monotone_differences_are_signed_by_their_arguments():
    from symmech.tactics.provers import symbolic_nonneg
    al, be, lam = sp.symbols("alpha beta lam", positive=True)
    v2, v3 = sp.symbols("v2 v3", nonnegative=True)
    box = {v2: sp.Interval(0, 5), v3: sp.Interval(0, 5)}
    clamp = lambda u: sp.Min(be, sp.Max(al, u))          # noqa: E731  (nondecreasing in u)
    assert symbolic_nonneg(lam * (clamp(v2 + v3) ** 2 - clamp(v2 - v3) ** 2), box, False)
    assert not symbolic_nonneg(clamp(v2 - v3) ** 2 - clamp(v2 + v3) ** 2, box, False)
    assert not symbolic_nonneg(sp.Min(be, v2 + 1) - sp.Min(be, v2), box, True)   # 0 once both are beta
    assert symbolic_nonneg(sp.exp(v2 + 1) - sp.exp(v2), box, True)
    assert not symbolic_nonneg(sp.exp(v2 - 1) - sp.exp(v2), box, False)
    assert not symbolic_nonneg(sp.sqrt(v2 + 1) - sp.sqrt(v2 + v3), box, False)   # v3 may exceed 1
    scope = Scope({al: sp.Interval(1, 2), be: sp.Interval(3, 4)})
    ok = Inequality("clamp_up", lhs=clamp(x + y), rel=">=", rhs=clamp(x - y), over=[(x, 0, 5), (y, 0, 5)])
    assert ok.check(scope, digits=20, samples=2).status in (Status.PROVED, Status.CERTIFIED)
    bad = Inequality("clamp_down", lhs=clamp(x - y), rel=">=", rhs=clamp(x + y), over=[(x, 0, 5), (y, 0, 5)])
    assert bad.check(scope, digits=20, samples=2).status is Status.REFUTED


def test_parameter_ranges_are_searched_near_open_ends():
    """log l > 1/1000 fails only for l in (1, e^(1/1000)), next to the open end of l in (1, 10);
    the parameter samples miss it, the float search finds it and the point is checked exactly.
    The true claim log l > 0 is not refuted (the open end itself is never used)."""
    ell = sp.Symbol("ell", positive=True)
    scope = Scope({ell: sp.Interval.open(1, 10)})
    with provers.without_certifier():
        bad = Inequality("thin", lhs=sp.log(ell), rel=">", rhs=sp.Rational(1, 1000)).check(scope, digits=20,
                                                                                         samples=3)
        good = Inequality("log_pos", lhs=sp.log(ell), rel=">", rhs=0).check(scope, digits=20, samples=3)
    assert bad.status is Status.REFUTED and "float search" in bad.detail, bad
    w = sp.Rational(bad.witness["ell"])
    assert 1 < w < 10 and sp.log(w) < sp.Rational(1, 1000)          # independent exact check
    assert good.status in (Status.PROVED, Status.CERTIFIED, Status.CONFIRMED), good


def test_box_search_reaches_parameters_behind_a_defined_root():
    """k = kt (1 - log kt) with kt = k-tilde in (0, 1): the claim kt * 1001/1000 <= 1 fails only for
    kt > 1000/1001, i.e. k within ~1e-7 of 1, which the parameter samples never reach; the search
    over the claim's box (kt through its exact range) finds it and reports k exactly."""
    from symmech import DefinedRoot
    k, kt = sp.Symbol("k", positive=True), sp.Symbol("kt", positive=True)
    root = DefinedRoot(kt, kt * (1 - sp.log(kt)) - k, bracket=(0, k),
                       closed_form=-k / sp.LambertW(-k / sp.E, -1), inverse=(k, kt * (1 - sp.log(kt))),
                       image=sp.Interval.open(0, 1))
    scope = Scope({k: sp.Interval.open(0, 1)}, roots=(root,))
    with provers.without_certifier():
        v = Inequality("kt_scaled", lhs=kt * sp.Rational(1001, 1000), rel="<=", rhs=1).check(scope, digits=20,
                                                                                            samples=3)
    assert v.status is Status.REFUTED and "box" in v.detail, v
    ktw = sp.Rational(v.witness["kt"])
    assert ktw * sp.Rational(1001, 1000) > 1 and 0 < ktw < 1          # independent exact check
    assert v.witness["k"].startswith(str(ktw * (1 - sp.log(ktw))).split(" ")[0][:5])


def test_a_claim_that_is_not_real_somewhere_is_refuted_not_undecided():
    """SymPy's principal branch: (x - 2)**(1/3) is not real for x < 2.  An identity whose two sides
    differ by a non-real number is false; an inequality with a non-real side fails there."""
    ident = Identity("cube", lhs=(x - 2) ** sp.Rational(1, 3) * 0 + sp.sqrt(x - 2), rhs=0, over=[(x, 0, 1)])
    v = ident.check(Scope(), digits=20, samples=1)
    assert v.status is Status.REFUTED and "not real" in v.detail, v
    ineq = Inequality("cbrt", lhs=(x - 2) ** sp.Rational(1, 3), rel=">=", rhs=-5, over=[(x, 0, 3)])
    v = ineq.check(Scope(), digits=20, samples=1)
    assert v.status is Status.REFUTED and "not real" in v.detail and v.witness["x"] in ("0", "3/16", "0.0"), v
    # a real branch written as such is fine
    ok = Inequality("cbrt_real", lhs=sp.real_root(x - 2, 3), rel=">=", rhs=-5, over=[(x, 0, 3)])
    assert ok.check(Scope(), digits=20, samples=1).status is not Status.REFUTED
