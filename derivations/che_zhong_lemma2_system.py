"""Che and Zhong, Lemma 2 as a reader states it: (alpha_K, beta_K) is *the* solution of (5)-(6) given
(m_K, s_K), for phi_K(z) = z^2 -- a root of a system (symmech.DefinedSystem), not a parametrization.

Parameters: the group mean m in [1/2, 1] and the variance v = s - m^2 in (0, 1/2], so s = m^2 + v and
(m, s) >> (0, phi(m)) as Lemma 2 requires (the region s > m^2 is not a box in (m, s); v is its width
above the Jensen boundary).  The range holds every (m, s) of the catalog's tables R1 and R7.

The defined pair: (alpha, beta) solves

    (5)  alpha (1 + log(beta/alpha)) = m,      (6)  2 alpha beta - alpha^2 = s   (phi = z^2),

in the box m/5 < alpha < m, m < beta < 11 m.  symmech checks, for every (m, v): (5) solved for beta is
beta = alpha exp((m - alpha)/alpha), the only solution in the box; (6) is then one equation in alpha that
changes sign across (m/5, m) and is strictly decreasing there (the paper's proof, App. A.1): exactly one
root.  At 9 sampled (m, v) the box is also covered rigorously in arb (Krawczyk).  (6) solved for v gives the
exact elimination used by the proofs.  See che_zhong_lemma2 for the same lemma in (alpha, ell) coordinates.
"""
from __future__ import annotations

import sympy as sp
from sympy import Integral, Interval, Rational, exp, log

from symmech import AllOf, DefinedSystem, Derivation, Identity, Inequality, Scope, UniqueRoot
from symmech.models.approx import ApproxEquals

PAPER = "Che and Zhong, 'Robustly Optimal Mechanisms for Selling Multiple Goods' (2023)"
a, b = sp.symbols("alpha beta", positive=True)
m, v = sp.symbols("m v", positive=True)
x, y = sp.symbols("x y", positive=True)
S = m**2 + v                      # the second moment s


def phi(z):
    return z**2


EQ5 = a * (1 + log(b / a)) - m
EQ6 = 2 * a * b - a**2 - S        # (6) for phi = z^2; the paper's integral form is claim eq6_integral_form
BOX = ((m / 5, m), (m, 11 * m))
SYSTEM = DefinedSystem(
    (a, b), (EQ5, EQ6), BOX,
    reduce=((b, a * exp((m - a) / a), 0),),            # (5) solved for beta
    inverse=((v, 2 * a * b - a**2 - m**2, 1),),        # (6) solved for the variance
)
SCOPE = Scope({m: Interval(Rational(1, 2), 1), v: Interval.Lopen(0, Rational(1, 2))}, systems=(SYSTEM,))

# implicit differentiation (App. B.1): d(alpha, beta)/d(m, s) = -J^{-1} dF/d(m, s), dF/dm = (-1, 0), dF/ds = (0, -1)
JAC = sp.Matrix([EQ5, EQ6]).jacobian([a, b])
DET = sp.simplify(JAC.det())
DALPHA_DS = -JAC[0, 1] / DET
DALPHA_DM = JAC[1, 1] / DET
LAM = 1 / (2 * (b * log(b / a) - b + a))           # lambda_K for phi = z^2 (catalog Sec. 1)
LAM_BY_5 = 1 / (2 * (b * (m - a) / a - b + a))      # the same with log(beta/alpha) = (m - alpha)/alpha from (5)

# Catalog values (spec seed_000, Sec. 3): 40-digit roots of (5)-(6)
R1_G1 = {m: "0.6", v: "0.1"}                       # R1 group {1}: s_1 = 0.46
R1_G23 = {m: "0.5", v: "0.1"}                      # R1 group {2,3}: s_23 = 0.35
R7_A = {m: "1", v: "0.5"}                          # R7 (1, 1.5)
R7_B = {m: "0.5", v: "0.05"}                       # R7 (0.5, 0.3)


def _phi_nonconvex(z):
    """z^3 - 2 z^2 + 2 z: increasing, but phi'' = 6 z - 4 < 0 below 2/3 (outside Lemma 2's phi'' >= eps)."""
    return z**3 - 2 * z**2 + 2 * z


NONCONVEX_MS = (Rational(3, 5), Rational(69, 100))


def _nonconvex_equations() -> tuple:
    """(5)-(6) for the non-convex phi above at (m, s) = (3/5, 69/100): (6) by parts,
    phi(alpha) + alpha int_alpha^beta phi'(y)/y dy = s, in closed form."""
    mm, ss = NONCONVEX_MS
    by_parts = _phi_nonconvex(a) + a * (Rational(3, 2) * (b**2 - a**2) - 4 * (b - a) + 2 * log(b / a))
    return a * (1 + log(b / a)) - mm, by_parts - ss


def _two_root_system() -> DefinedSystem:
    mm, _ = NONCONVEX_MS
    return DefinedSystem((a, b), _nonconvex_equations(), ((mm / 5, mm), (mm, 11 * mm)))


def _nonconvex_two_sign_changes(source: str) -> AllOf:
    """The counterexample behind nonconvex_phi_two_roots, from the same equations: with beta from (5),
    (6) changes sign twice on (m/5, m), and beta stays in (m, 11 m) there (beta decreasing in alpha)."""
    mm, _ = NONCONVEX_MS
    be = lambda t: t * exp((mm - t) / t)                                        # noqa: E731  (5) solved
    g = lambda t: _nonconvex_equations()[1].subs({a: t, b: be(t)})              # noqa: E731  (6) reduced
    sid = "nonconvex_phi_two_sign_changes"
    t1, t2, t3 = Rational(1, 5), Rational(7, 25), Rational(2, 5)
    return AllOf(sid, source=source,
                 statement=r"\phi = z^3 - 2z^2 + 2z,\ (m, s) = (3/5, 69/100):\ (6)|_{\beta(\alpha)} > 0,\ < 0,\ > 0 "
                           r"\text{ at } \alpha = \tfrac15, \tfrac7{25}, \tfrac25 \text{ and } m < \beta(\tfrac25) < "
                           r"\beta(\tfrac15) < 11m:\ \text{two solutions in the box}",
                 note="the concrete counterexample to uniqueness (roots near alpha = 0.246 and 0.336), computed from "
                      "the same (5)-(6) as the refuted claim: it shows the box holds two solutions, so the refutation "
                      "is Lemma 2's hypothesis phi'' >= eps at work and not a defect of the system",
                 parts=[Inequality(f"{sid}.first", lhs=g(t1), rel=">", rhs=0, source=source),
                        Inequality(f"{sid}.middle", lhs=g(t2), rel="<", rhs=0, source=source),
                        Inequality(f"{sid}.last", lhs=g(t3), rel=">", rhs=0, source=source),
                        Inequality(f"{sid}.beta_above_m", lhs=be(t3), rel=">", rhs=mm, source=source),
                        Inequality(f"{sid}.beta_below_11m", lhs=be(t1), rel="<", rhs=11 * mm, source=source),
                        Inequality(f"{sid}.bracket_in_box", lhs=t1, rel=">", rhs=mm / 5, source=source)])


def _claims() -> list:
    l2, a1 = f"{PAPER}, Lemma 2", f"{PAPER}, App. A.1"
    s5, s6, s22 = f"{PAPER}, eq. (5)", f"{PAPER}, eq. (6)", f"{PAPER}, eq. (22)"
    r1, r7 = "catalog seed_000 Sec. 3, table R1", "catalog seed_000 Sec. 3, table R7"
    claims = [
        # --- Lemma 2: existence and uniqueness ------------------------------------------------------
        UniqueRoot("lemma2_unique_solution", system=SYSTEM, source=l2,
                   statement=r"\exists!\,(\alpha,\beta)\in(m/5,m)\times(m,11m) \text{ solving (5)-(6)}",
                   note="for every (m, v): beta reduced from (5) exactly; (6) in alpha changes sign on (m/5, m) "
                        "and is strictly decreasing (App. A.1); also Krawczyk-certified at 9 sampled points"),
        Identity("eq6_integral_form", lhs=Integral(phi(a * x) / x**2, (x, 1, b / a)) + a * phi(b) / b, rhs=S,
                 source=s6, statement=r"\int_1^{\beta/\alpha}\frac{\phi(\alpha x)}{x^2}dx"
                                      r" + \frac{\alpha\phi(\beta)}{\beta} = s"),
        Identity("eq6_by_parts", lhs=phi(a) + a * Integral(2 * y / y, (y, a, b)), rhs=S, source=s6,
                 statement=r"\phi(\alpha) + \alpha\int_\alpha^\beta\frac{\phi'(y)}{y}dy = s \text{ (derived)}"),
        Inequality("alpha_positive", lhs=a, rel=">", rhs=0, source=l2, statement=r"\alpha > 0"),
        Inequality("alpha_below_mean", lhs=a, rel="<", rhs=m, source=l2, statement=r"\alpha < m"),
        Inequality("mean_below_beta", lhs=m, rel="<", rhs=b, source=l2, statement=r"m < \beta"),
        Inequality("beta_above_alpha", lhs=b, rel=">", rhs=a, source=l2, statement=r"\beta > \alpha"),
        # --- continuity and monotonicity (implicit function theorem) ---------------------------------
        Inequality("jacobian_det_positive", lhs=DET, rel=">", rhs=0, source=a1,
                   statement=r"\det\frac{\partial(5,6)}{\partial(\alpha,\beta)} = 2\alpha\big(\log\tfrac{\beta}{\alpha}"
                             r" - 1 + \tfrac{\alpha}{\beta}\big) > 0",
                   note="at the root; with the unique solution this gives (m, s) -> (alpha, beta) C^1 by the "
                        "implicit function theorem, so (m, s) -> alpha is continuous (Lemma 2)"),
        Identity("eq22_dalpha_ds", lhs=DALPHA_DS, rhs=-LAM, source=s22,
                 statement=r"\partial\alpha/\partial s = -\lambda"),
        Identity("eq22_dalpha_dm", lhs=DALPHA_DM, rhs=LAM * 2 * b, source=s22,
                 statement=r"\partial\alpha/\partial m = \lambda\phi'(\beta)"),
        AllOf("alpha_decreasing_in_s", source=s22,
              statement=r"\lambda = \frac{\alpha}{\beta\det J} > 0 \ (\alpha, \beta, \det J > 0),\ \text{so}\ \partial\alpha/\partial s = -\lambda < 0",
              note="with eq22_dalpha_ds: alpha is strictly decreasing in s",
              parts=[Identity("alpha_decreasing_in_s.lambda", lhs=LAM, rhs=a / (b * DET), source=s22),
                     Inequality("alpha_decreasing_in_s.alpha", lhs=a, rel=">", rhs=0, source=s22),
                     Inequality("alpha_decreasing_in_s.beta", lhs=b, rel=">", rhs=0, source=s22),
                     Inequality("alpha_decreasing_in_s.det", lhs=DET, rel=">", rhs=0, source=s22)]),
        AllOf("alpha_increasing_in_m", source=s22,
              statement=r"\lambda\phi'(\beta) = \frac{2\alpha}{\det J} > 0,\ \text{so}\ \partial\alpha/\partial m > 0",
              note="with eq22_dalpha_dm: alpha is strictly increasing in m",
              parts=[Identity("alpha_increasing_in_m.form", lhs=2 * b * LAM, rhs=2 * a / DET, source=s22),
                     Inequality("alpha_increasing_in_m.alpha", lhs=a, rel=">", rhs=0, source=s22),
                     Inequality("alpha_increasing_in_m.det", lhs=DET, rel=">", rhs=0, source=s22)]),
        # --- values (catalog tables, 40-digit roots; here to the printed digits) ------------------------
        ApproxEquals("R1_alpha_1", expr=a, decimal="0.239164383287222975717456217412370676623", at=R1_G1, source=r1),
        ApproxEquals("R1_beta_1", expr=b, decimal="1.081263846908237296635636500622925628224", at=R1_G1, source=r1),
        Identity("lambda_by_eq5", lhs=LAM, rhs=LAM_BY_5, source=s5,
                 statement=r"\lambda = \frac{1}{2(\beta\log\ell - \beta + \alpha)}"
                           r" = \frac{1}{2(\beta(m-\alpha)/\alpha - \beta + \alpha)} \text{ by (5)}"),
        ApproxEquals("R1_lambda_1", expr=LAM_BY_5, decimal="0.633520149755673646184726304601252441762", tol="1e-39",
                     at=R1_G1, source=r1,
                     note="lambda_1 = -d alpha/ds (eq. (22), claims eq22_dalpha_ds, lambda_by_eq5); to one unit of the "
                          "last printed digit: the catalog's last digit is not correctly rounded (lambda_1 = "
                          "0.63352014975567364618472630460125244176145..., see R1_lambda_1_more_digits)"),
        ApproxEquals("R1_lambda_1_more_digits", expr=LAM_BY_5, decimal="0.633520149755673646184726304601252441761449",
                     at=R1_G1, source=r1,
                     note="lambda_1 to 42 digits (rigorous enclosure of the root): it ends ...441761449, so the "
                          "catalog's printed ...441762 is 5.5e-40 off, more than half a unit of its last digit (a "
                          "rounding slip in the 39th decimal; sampling at 50 digits cannot see it, the tolerance "
                          "being 1e-40)"),
        ApproxEquals("R1_alpha_23", expr=a, decimal="0.180499640006597593358587513439212049471", at=R1_G23,
                     source=r1),
        ApproxEquals("R7_alpha_1_15", expr=a, decimal="0.339063124244155094258776313226725838794", at=R7_A, source=r7),
        ApproxEquals("R7_beta_1_15", expr=b, decimal="2.38150905649546869881055072187091842846", at=R7_A, source=r7),
        ApproxEquals("R7_alpha_05_03", expr=a, decimal="0.216906887262907064573125083983124167380", at=R7_B,
                     source=r7),
        # --- negative controls (expected to fail) ---------------------------------------------------------
        Identity("eq6_perturbed", lhs=2 * a * b - a**2, rhs=S + Rational(1, 100), source=s6, expect="fails",
                 corrected="eq6_integral_form",
                 statement=r"2\alpha\beta - \alpha^2 = s + 1/100", note="negative control: a perturbed (6)"),
        ApproxEquals("R2_lp_value_as_alpha", expr=a, decimal="0.2392406", at=R1_G1, expect="fails",
                     corrected="R1_alpha_1",
                     source="catalog seed_000 Sec. 3, R2",
                     note="negative control: the grid LP value of R2 is an upper bound for alpha_1, not alpha_1"),
        UniqueRoot("T7_reversed_box", expect="fails", source=f"{PAPER}, App. A.3 (catalog typo T7)",
                   corrected="lemma2_unique_solution",
                   system=DefinedSystem((a, b), (EQ5, EQ6), ((m, 11 * m), (m / 5, m))),
                   statement=r"\exists!\,(\alpha,\beta) \text{ with } \beta < m < \alpha \text{ (A.3 as printed)}",
                   note="A.3 prints beta* < m < alpha*; the box built from that ordering holds no root"),
        UniqueRoot("nonconvex_phi_two_roots", expect="fails", source=l2, system=_two_root_system(),
                   corrected="nonconvex_phi_two_sign_changes",
                   statement=r"\phi = z^3 - 2z^2 + 2z,\ (m, s) = (3/5, 69/100):\ \exists!\,(\alpha,\beta) "
                             r"\text{ in } (m/5, m)\times(m, 11m)",
                   note="Lemma 2 needs phi'' >= eps > 0 (and s > phi(m)); without them LHS(6) is not monotone in "
                        "alpha and the box holds two solutions, which the uniqueness check finds"),
        _nonconvex_two_sign_changes(l2),
    ]
    return claims


DERIVATION = Derivation(
    name="che_zhong_lemma2_system",
    title="Che-Zhong Lemma 2 as a system: (alpha_K, beta_K) defined by (5)-(6) from (m_K, s_K), phi = z^2",
    scope=SCOPE,
    claims=_claims(),
    model=r"(\alpha,\beta):\ \alpha(1+\log\tfrac{\beta}{\alpha}) = m,\ 2\alpha\beta-\alpha^2 = s = m^2+v,"
          r"\ \tfrac m5<\alpha<m<\beta<11m",
    references=(f"{PAPER}, Sec. 3 (eqs. (5)-(6)), Lemma 2, App. A.1, B.1 (eq. (22))",),
)
