"""One good, an arbitrary known moment E[kappa(theta)] = k (Carrasco et al., Section 3.4:
Lemma 3.3, Lemma 3.4, Prop. 3.5).

For c in (0, 1) let F^c be the truncated equal-revenue law (density c / theta^2 on [c, 1), atom c at 1).
kt (k-tilde) is the c with E_{F^c}[kappa] = k; integration by parts gives
E_{F^c}[kappa] = kappa(c) + c int_c^1 kappa'(s)/s ds.  The mechanism chi_a(theta) = 1 - a int_theta^1 kappa'(s)/s ds
(theta >= kt, 0 below) solves theta q' = a kappa' with q(1) = 1; at a = at = [int_kt^1 kappa'/tau]^{-1}
it is the robust allocation q*, with profit at [kappa(theta) - kappa(kt)]^+ and value at (k - kappa(kt)) = kt
(derived; the paper never states the value).  dkt/dk = at (spec C4).

Families (one parameter each, so that exact proofs can eliminate k through the inverse map):
kappa = theta (Prop. 3.2), theta^2 (uniform price law), theta^n with n = 2 + m symbolic, m in [0, 3],
and sqrt(theta).  Typo T6: the printed profit chi_a(kt) + a [kappa - kappa(kt)] misses the factor kt.
"""
from __future__ import annotations

import functools

import sympy as sp
from sympy import E, Interval, LambertW, Rational, exp, log, sqrt

from symmech import (AmbiguitySet, DefinedRoot, Derivation, Distribution, Identity, Mechanism, MomentCondition,
                     PiecewiseFunction, Scope, checks, revenue)
from symmech.reports.figures import Curve, CurveFigure

PAPER = "Carrasco et al."
theta = sp.Symbol("theta", nonnegative=True)
tau = sp.Symbol("tau", positive=True)
cc = sp.Symbol("c", positive=True)           # the parameter of F^c (a scope parameter in [1/100, 1))
a = sp.Symbol("a", positive=True)            # a generic slope for chi_a
m = sp.Symbol("m", nonnegative=True)         # n = 2 + m
n = 2 + m

FAMILIES = {}   # name -> dict(kappa, k, kt, inverse, closed, atilde, q)


def _family(name, kappa, closed=None, at_closed=None, q_closed=None, inverse=None, hint=None):
    """``hint(k)``: proof hints ``((mapping, reason),)`` for the closed form (rewrites of its Identity)."""
    k = sp.Symbol(f"k_{name}", positive=True)
    kt = sp.Symbol(f"kt_{name}", positive=True)
    if inverse is None:  # E_{F^kt}[kappa] by the integration by parts formula
        kprime = sp.diff(kappa, theta)
        inv = sp.simplify(kappa.subs(theta, kt) + kt * sp.integrate((kprime / theta).subs(theta, tau), (tau, kt, 1)))
    else:
        inv = inverse(kt)
    root = DefinedRoot(kt, inv - k, bracket=(0, k), closed_form=closed(k) if closed else None,
                       inverse=(k, inv), image=Interval.open(0, 1))
    FAMILIES[name] = dict(kappa=kappa, k=k, kt=kt, inverse=inv, root=root, at_closed=at_closed, q_closed=q_closed,
                          closed=closed, hint=hint(k) if hint else ())


W_HINT = sp.Symbol("W", negative=True)     # W_{-1}(-k/e), a proof hint only
R_HINT = sp.Symbol("r", positive=True)     # sqrt(1 - k) / (1 - sqrt(1 - k)), a proof hint only


def _lambert_hint(k):
    return (({LambertW(-k / E, -1): W_HINT, k: -W_HINT * exp(W_HINT + 1)},
             "W = W_{-1}(-k/e) is the unique W <= -1 with W e^W = -k/e (k in (0,1) puts -k/e in (-1/e, 0)), "
             "so k = -W e^(W + 1) with W < 0"),)


def _sqrt_hint(k):
    return (({k: 1 - (R_HINT / (1 + R_HINT)) ** 2},
             "k = 1 - (r/(1+r))^2 maps r in (0, oo) onto k in (0, 1) (r = sqrt(1-k)/(1 - sqrt(1-k)) > 0), "
             "so sqrt(1 - k) = r/(1+r) and 1 - sqrt(1 - k) = 1/(1+r) > 0"),)


_family("mean", theta, closed=lambda k: -k / LambertW(-k / E, -1), at_closed=lambda kt: 1 / log(1 / kt),
        q_closed=lambda kt: 1 - log(theta) / log(kt), hint=_lambert_hint)
_family("square", theta**2, closed=lambda k: 1 - sqrt(1 - k), at_closed=lambda kt: 1 / (2 * (1 - kt)),
        q_closed=lambda kt: (theta - kt) / (1 - kt))
_family("power", theta**n, at_closed=lambda kt: (n - 1) / (n * (1 - kt ** (n - 1))),
        q_closed=lambda kt: (theta ** (n - 1) - kt ** (n - 1)) / (1 - kt ** (n - 1)),
        inverse=lambda kt: (n * kt - kt**n) / (n - 1))
_family("cube", theta**3, at_closed=lambda kt: 2 / (3 * (1 - kt**2)),
        q_closed=lambda kt: (theta**2 - kt**2) / (1 - kt**2), inverse=lambda kt: (3 * kt - kt**3) / 2)
_family("sqrt", sqrt(theta), closed=lambda k: (1 - sqrt(1 - k)) ** 2, at_closed=lambda kt: sqrt(kt) / (1 - sqrt(kt)),
        q_closed=lambda kt: (1 / sqrt(kt) - 1 / sqrt(theta)) / (1 / sqrt(kt) - 1), hint=_sqrt_hint)

SCOPE = Scope(
    parameters={**{f["k"]: Interval.open(0, 1) for f in FAMILIES.values()}, m: Interval(0, 3), cc: Interval.Ropen(Rational(1, 100), 1),
                a: Interval(Rational(1, 10), 2)},
    roots=tuple(f["root"] for f in FAMILIES.values()),
)


def F_c(c):
    """The truncated equal-revenue law F^c."""
    return Distribution(theta, density=PiecewiseFunction(theta, (0, c, 1), (0, c / theta**2)), atoms={1: c})


@functools.lru_cache(maxsize=None)
def tail_integral(kappa):
    """int_theta^1 kappa'(s)/s ds (integrated once per kappa: chi_a and q* = chi_at share it)."""
    return sp.integrate((sp.diff(kappa, theta) / theta).subs(theta, tau), (tau, theta, 1))


def chi(kappa, kt, slope):
    """chi_a: 0 below kt, 1 - a int_theta^1 kappa'(s)/s ds above."""
    return PiecewiseFunction(theta, (0, kt, 1), (0, 1 - slope * tail_integral(kappa)))


def atilde(kappa, kt):
    return 1 / sp.integrate((sp.diff(kappa, theta) / theta).subs(theta, tau), (tau, kt, 1))


def _family_claims(name: str) -> list:
    f = FAMILIES[name]
    kappa, k, kt = f["kappa"], f["k"], f["kt"]
    p35, l33, sec = f"{PAPER}, Prop. 3.5", f"{PAPER}, Lemma 3.3", f"{PAPER}, Sec. 3.4"
    at = f["at_closed"](kt)
    q_star = chi(kappa, kt, at)
    chi_a = chi(kappa, kt, a)
    M_a = Mechanism.from_allocation(theta, chi_a)
    A = AmbiguitySet(theta, (0, 1), [MomentCondition(kappa, "==", k)])
    F_star = F_c(kt)
    kk = sp.latex(kappa)
    out = [
        Identity(f"{name}.ibp", lhs=F_c(cc).expectation(kappa, evaluate=False),
                 rhs=kappa.subs(theta, cc) + cc * sp.Integral((sp.diff(kappa, theta) / theta).subs(theta, tau), (tau, cc, 1)),
                 source=sec,
                 statement=rf"\int {kk}\, dF^c = \kappa(c) + c\int_c^1 \kappa'(s)/s\, ds",
                 note="derived (integration by parts)"),
        Identity(f"{name}.atilde", lhs=atilde(kappa, kt), rhs=at, source=sec,
                 statement=rf"\tilde a = [\int_{{\tilde k}}^1 \kappa'(\tau)/\tau\, d\tau]^{{-1}} = {sp.latex(at)}"),
        Identity(f"{name}.ode", lhs=theta * sp.diff(chi_a.pieces[1], theta), rhs=a * sp.diff(kappa, theta),
                 over=[(theta, kt, 1)], source=f"{PAPER}, fn. 10",
                 statement=r"\theta \chi_a'(\theta) = a\,\kappa'(\theta)"),
        Identity(f"{name}.chi_at_kt", lhs=q_star.pieces[1].subs(theta, kt), rhs=0, source=sec,
                 statement=r"\chi_{\tilde a}(\tilde k) = 0"),
        Identity(f"{name}.chi_at_1", lhs=q_star.pieces[1].subs(theta, 1), rhs=1, source=sec,
                 statement=r"\chi_{\tilde a}(1) = 1"),
        Identity(f"{name}.q_closed_form", lhs=q_star.pieces[1], rhs=f["q_closed"](kt), over=[(theta, kt, 1)],
                 source=sec, statement=rf"q^* = {sp.latex(f['q_closed'](kt))} \text{{ on }} [\tilde k, 1]",
                 note="derived closed form"),
        Identity(f"{name}.profit_corrected", lhs=M_a.payment.pieces[1],
                 rhs=kt * chi_a.pieces[1].subs(theta, kt) + a * (kappa - kappa.subs(theta, kt)),
                 over=[(theta, kt, 1)], source=sec,
                 statement=r"\Pi_a(\theta) = \tilde k\chi_a(\tilde k) + a[\kappa(\theta)-\kappa(\tilde k)]"),
        Identity(f"{name}.profit_as_printed", lhs=M_a.payment.pieces[1],
                 rhs=chi_a.pieces[1].subs(theta, kt) + a * (kappa - kappa.subs(theta, kt)),
                 over=[(theta, kt, 1)], source=sec, expect="fails", corrected=f"{name}.profit_corrected",
                 statement=r"\Pi_a(\theta) = \chi_a(\tilde k) + a[\kappa(\theta)-\kappa(\tilde k)] \text{ (as printed)}",
                 note="typo T6: factor kt missing; harmless at a = at where chi_at(kt) = 0 (corrected: "
                      f"{name}.profit_corrected)"),
        Identity(f"{name}.value", lhs=at * (k - kappa.subs(theta, kt)), rhs=kt, source=p35,
                 statement=r"\tilde a\,(k - \kappa(\tilde k)) = \tilde k \text{ (the robust revenue)}",
                 note="derived: the paper never states the value"),
        Identity(f"{name}.C4_envelope", lhs=at * sp.diff(f["inverse"], kt), rhs=1, source=p35,
                 statement=r"\frac{d\tilde k}{dk} = \tilde a", note="spec C4 (derived)"),
    ]
    if name not in ("power", "sqrt"):  # saddle points checked for kappa = theta, theta^2, theta^3 (verify time)
        M_star = Mechanism.from_allocation(theta, q_star)
        out.append(
        checks.saddle_point(M_star, F_star, A, -at * kappa.subs(theta, kt), [at], kt, id=f"{name}.saddle",
                            source=f"{l33}; {PAPER}, Lemma 3.4; {p35}"))
    if f["closed"] is not None:
        out.insert(1, closed_form_claim(name))
    return out


def closed_form_claim(name: str, closed=None) -> Identity:
    """E_{F^c}[kappa] at c = closed(k) equals k, proved with the family's hint (tests pass a perturbed closed)."""
    f = FAMILIES[name]
    k, closed = f["k"], f["closed"] if closed is None else closed
    return Identity(f"{name}.closed_form", lhs=f["inverse"].subs(f["kt"], closed(k)), rhs=k,
                    source=f"{PAPER}, Sec. 3.4", statement=rf"\tilde k = {sp.latex(closed(k))}",
                    note="derived closed form", rewrites=f["hint"])


def _lemma34_claims() -> list:
    f = FAMILIES["square"]
    kt = f["kt"]
    F_star = F_c(kt)
    q_test = PiecewiseFunction(theta, (0, kt, 1), (theta**2, theta**2))
    q_one = PiecewiseFunction(theta, (0, kt, 1), (1, 1))
    q_zero_below = PiecewiseFunction(theta, (0, kt, 1), (0, theta**2))     # q(1) = 1, q = 0 below kt, q != q*
    rev_test = revenue(Mechanism.from_allocation(theta, q_test), F_star)
    rev_one = revenue(Mechanism.from_allocation(theta, q_one), F_star)
    rev_zero_below = revenue(Mechanism.from_allocation(theta, q_zero_below), F_star)
    src = f"{PAPER}, Lemma 3.4"
    return [
        Identity("lemma34_corrected", lhs=rev_test, rhs=kt * 1 - sp.integrate(theta**2, (theta, 0, kt)), source=src,
                 statement=r"\int p\,dF^* = \tilde k\,q(1) - \int_0^{\tilde k} q \text{ for } q = \theta^2"),
        Identity("lemma34_as_printed", lhs=rev_test, rhs=0, source=src, expect="fails", corrected="lemma34_corrected",
                 statement=r"\int p\,dF^* = (1 - F^*(1))\,q(1) = 0 \text{ (as printed) for } q = \theta^2",
                 note="typo T5: 1 - F*(1) should be the atom F*(1) - F*(1-) = kt (corrected: lemma34_corrected)"),
        Identity("lemma34_best_reply_corrected", lhs=rev_zero_below, rhs=kt, source=src,
                 statement=r"q(1) = 1,\ q = 0 \text{ on } [0, \tilde k) \Rightarrow \int p\, dF^* = \tilde k "
                           r"\text{ (for } q = \theta^2 \mathbf 1\{\theta \ge \tilde k\},\ \kappa = \theta^2)",
                 note="gap G4 corrected (spec Lemma 3.4): a best reply to F* needs q(1) = 1 and q = 0 a.e. on "
                      "[0, kt]; checked on an allocation that is not q*"),
        Identity("lemma34_any_q1_best_reply", lhs=rev_one, rhs=kt, source=src, expect="fails",
                 corrected="lemma34_best_reply_corrected",
                 statement=r"q(1) = 1 \Rightarrow \int p\, dF^* = \tilde k \text{ (for } q \equiv 1)",
                 note="gap G4: also needs q = 0 a.e. on [0, kt] (corrected: lemma34_best_reply_corrected)"),
        Identity("mean_reduces_to_prop32", lhs=FAMILIES["mean"]["inverse"], rhs=FAMILIES["mean"]["kt"] *
                 (1 - log(FAMILIES["mean"]["kt"])), source=f"{PAPER}, Prop. 3.2",
                 statement=r"\kappa = \theta:\ \tilde k(1 - \ln\tilde k) = k,\ \tilde a = \xi^*"),
    ]


def _claims() -> list:
    out = []
    for name in FAMILIES:
        out += _family_claims(name)
    return out + _lemma34_claims()


DERIVATION = Derivation(
    name="general_moment",
    title="One good with a known moment E[kappa(theta)] = k: equal-revenue nature and q* = chi_at",
    scope=SCOPE,
    claims=_claims(),
    model=(r"\theta \in [0,1],\ \mathbb{E}[\kappa(\theta)] = k,\ \kappa' > 0,\ "
           r"\int\kappa\, dF^{\tilde k} = k,\ \tilde a = [\int_{\tilde k}^1 \kappa'(\tau)/\tau\, d\tau]^{-1}"),
    references=("Carrasco, Luz, Kos, Messner, Monteiro and Moreira, 'Optimal selling mechanisms under moment "
                "conditions', Journal of Economic Theory 177 (2018), Section 3.4",),
    figures={"point": {**{f["k"]: Rational(1, 2) for f in FAMILIES.values()}, m: 1, cc: Rational(1, 2), a: 1},
             "robust_allocations": CurveFigure(
                 theta, 0, 1, xlabel=r"buyer's value $\theta$", ylabel=r"$q^*(\theta)$ = Pr[random price $\leq \theta$]",
                 title="Robust allocations",
                 caption="The robust allocation q* of Prop. 3.5 (the distribution function of the optimal random "
                         "price) for each known moment E κ(θ) = k, all at the same k",
                 curves=tuple(Curve.piecewise(chi(f["kappa"], f["kt"], f["at_closed"](f["kt"])),
                                              rf"$\kappa = {sp.latex(f['kappa'])}$") for n, f in FAMILIES.items() if n != "power")),
             "worst_cases": CurveFigure(
                 theta, 0, 1, xlabel=r"buyer's value $\theta$", ylabel=r"$F^{\tilde k}(\theta)$ = Pr[value $\leq \theta$]",
                 title="Nature's worst cases",
                 caption="Distribution function of nature's worst case (the truncated equal-revenue law, with an "
                         "atom at 1) for each known moment E κ(θ) = k, all at the same k",
                 curves=tuple(Curve.cdf(F_c(f["kt"]), rf"$\kappa = {sp.latex(f['kappa'])}$")
                              for n, f in FAMILIES.items() if n != "power")),
             "guarantees": CurveFigure(
                 FAMILIES["mean"]["k"], 0, 1, xlabel=r"known moment $k = E\,\kappa(\theta)$",
                 ylabel=r"robust revenue $\tilde k$", title="Guarantee against the known moment",
                 caption="The max-min revenue as a function of the known moment k for each κ (the defining "
                         "equation of the root drawn through its inverse, the moment as a function of the root)",
                 curves=tuple(Curve.parametric(f["inverse"], f["kt"], f["kt"], Rational(1, 10**4), 1,
                                               rf"$\kappa = {sp.latex(f['kappa'])}$")
                              for n, f in FAMILIES.items() if n != "power"))},
)

if __name__ == "__main__":  # pragma: no cover
    print(DERIVATION.verify(digits=50))
