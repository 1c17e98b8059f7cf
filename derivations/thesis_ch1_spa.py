"""Koçyiğit, "Distributional Robustness in Mechanism Design" (EPFL thesis, 2020), Chapter 1, Sec. 1.5.1-1.5.2:
the worst-case full surplus (Prop. 1.5.3), second-price auctions with reserve under the Markov set (1.6)
(Props. 1.5.5-1.5.7 with the dual certificates of Lemmas 1.7.3, 1.7.5, 1.7.7 and nature's laws
Q^(1), Q^(2)_eps, Q^(3)_eps) and the best reserve (Thm. 1.5.2, all three mean regimes; Prop. 1.5.8).

Claims hold for every real I in [2, 1000] (hence every integer I <= 1000), every mean bound mu in (0, 1)
and every reserve rho of the regime in question: a regime is parametrized by p in [0, 1]
(R_1, R_2: rho = p/I; R_3: rho = 1/I + p (1 - 1/I)), so every claim is over a box.  Dual certificates
are decided exactly at the vertices of the ordered-cone cells (``symmech.models.auctions.checks``).  Q^(1)
attains its value; Q^(2)_eps and Q^(3)_eps only approach theirs as eps -> 0 (their revenue is
strictly larger for eps > 0).  That nature attains the worst-case full surplus mu (Prop. 1.5.3) is
checked by exact grid LPs at (I, mu) = (2, 3/4) and (3, 1/2).
"""
from __future__ import annotations

from fractions import Fraction as Fr

import sympy as sp
from sympy import Rational

from symmech import AllOf, Derivation, Identity, Inequality, Scope
from symmech.models.auctions import RuleAuction, TieBreak
from symmech.models.auctions.checks import cone_cells, dual_certificate_cells
from symmech.models.auctions.lp import nature_lp_exact
from symmech.models.regret.claims import LPBracket as ExactLPValue
from symmech.reports.figures import Band, Curve, CurveFigure, FromClaim, Level, Mark

PAPER = "Koçyiğit, 'Distributional Robustness in Mechanism Design' (2020)"
I = sp.Symbol("I", positive=True)
mu = sp.Symbol("mu", positive=True)
p = sp.Symbol("p", nonnegative=True)
q = sp.Symbol("q", nonnegative=True)
s = sp.Symbol("s", nonnegative=True)          # sqrt(1 - mu) in Thm. 1.5.2
rho, eps = sp.symbols("rho epsilon", nonnegative=True)
p3 = sp.Symbol("p_3", nonnegative=True)
SCOPE = Scope({I: sp.Interval(2, 1000), mu: sp.Interval.open(0, 1), p: sp.Interval(0, 1), q: sp.Interval(0, 1),
               s: sp.Interval(0, 1), rho: sp.Interval.Ropen(0, 1), p3: sp.Interval.Ropen(0, 1)},
              samples=tuple({I: sp.Integer(i), mu: m, p: pp, q: qq, s: ss, rho: rr, p3: rr} for i, m, pp, qq, ss, rr in (
                  (2, Rational(1, 2), Rational(1, 3), Rational(1, 2), Rational(1, 2), Rational(1, 4)),
                  (3, Rational(1, 10), Rational(1, 2), Rational(1, 5), Rational(9, 10), Rational(1, 20)),
                  (7, Rational(9, 10), Rational(9, 10), Rational(2, 3), Rational(1, 10), Rational(4, 5)),
                  (1000, Rational(1, 3), Rational(1, 7), Rational(1, 9), Rational(2, 3), Rational(1, 2)),
                  (2, Rational(1, 100), 1, 0, 1, 0), (4, Rational(7, 16), 0, 1, 0, Rational(999, 1000)),
                  (1000, Rational(999, 1000), Rational(9999, 10000), Rational(999, 1000), Rational(1, 1000), Rational(9999, 10000)))))

A = (I * mu - 1) / (I - 1)                 # the R_1 value and the R_1/R_2 boundary


def _src(x: str) -> str:
    return f"{PAPER}, {x}"


def _full_surplus(I_: int) -> RuleAuction:
    """The full-surplus benchmark of Def. 1.5.1 as a rule on [0, 1]^I: the highest bidder gets the good
    and pays his value, so the revenue is max_i v_i."""
    tb = TieBreak.lexicographic(I_)
    return RuleAuction(I_, lambda v: tuple(1 if i == tb.winner(v) else 0 for i in range(I_)),
                       lambda v: tuple(max(v) if i == tb.winner(v) else 0 for i in range(I_)), name="full surplus")


def _spa_cells(reserve):
    return cone_cells(reserve, I, lambda a, b: 0, lambda a, b: reserve, lambda a, b: b)


def _claims() -> list:
    P3, P5, P6, P7, T2 = (_src(x) for x in ("Prop. 1.5.3", "Prop. 1.5.5", "Prop. 1.5.6", "Prop. 1.5.7", "Thm. 1.5.2"))
    r12 = p / I                                  # rho in R_1 u R_2 side: rho <= 1/I
    r3 = 1 / I + p3 * (1 - 1 / I)                # 1/I <= rho < 1
    z2 = lambda x: I * x * (mu - x) / (1 - x)    # Prop. 1.5.6 value
    z3 = lambda x: (mu - x) / (1 - x)            # Prop. 1.5.7 value
    # Q^(1): weight w on each e_i + rho e_-i, 1 - I w on e
    w1 = (1 - mu) / ((I - 1) * (1 - rho))
    # mu in M_2 u M_3 side (mu >= 1/I) and rho <= A: mu = 1/I + q (1 - 1/I), rho = p A
    mu_hi = 1 / I + q * (1 - 1 / I)
    w2 = lambda x: (mu - x) / (1 - x)           # Q^(2)_eps weight with x = rho - eps
    w3 = (1 - mu) / (1 - rho + eps)             # Q^(3)_eps weight on (rho - eps) e
    return [
        # --- Prop. 1.5.3 ---------------------------------------------------------------------------
        dual_certificate_cells("p153_max_above_mean", cone_cells(Rational(1, 2), I, *(lambda a, b: a,) * 3), 0, 1 / I, I,
                               source=P3, statement=r"\max_i v_i \ge \tfrac1I\sum_i v_i\ \forall v\in[0,1]^I,\ "
                               r"\text{so}\ \inf_{\mathbb P}\mathbb E\max_i\tilde v_i \ge \mu"),
        AllOf("p153_worst_case_surplus_grid", parts=[
            ExactLPValue(f"p153_worst_case_surplus_grid.I{i}", source=P3, lower=m, upper=m,
                         lp=(lambda i=i, m=m, n=n: nature_lp_exact(_full_surplus(i), str(m), [Fr(k, n) for k in range(n + 1)])))
            for i, m, n in ((2, Rational(3, 4), 8), (3, Rational(1, 2), 4))], source=P3,
            statement=r"\min_{\mathbb P \text{ on a grid},\ \mathbb E v_i \ge \mu}\mathbb E_{\mathbb P}\max_i\tilde v_i = \mu"
                      r"\ \ (I = 2,\ \mu = \tfrac34,\ \{0,\tfrac18,..,1\}^2;\ I = 3,\ \mu = \tfrac12,\ \{0,\tfrac14,..,1\}^3)",
            note="exact LPs: with p153_max_above_mean (inf >= mu over all laws) the worst case mu is attained "
                 "(by the Dirac law at mu e, a grid law here)"),
        Identity("eq_110", lhs=mu - A, rhs=(1 - mu) / (I - 1), source=_src("(1.10), Prop. 1.5.8"),
                 statement=r"\mu - \frac{I\mu-1}{I-1} = \frac{1-\mu}{I-1} \ (\to 0:\ \text{Vickrey is } \epsilon\text{-optimal for large } I)"),
        Identity("regime_boundary", lhs=1 / I - A, rhs=I * ((2 * I - 1) / I**2 - mu) / (I - 1), source=_src("Sec. 1.5.2"),
                 statement=r"\tfrac1I - \tfrac{I\mu-1}{I-1} = \tfrac{I}{I-1}\big(\tfrac{2I-1}{I^2} - \mu\big)"),
        # --- R_1: Lemma 1.7.3 / Prop. 1.5.5 --------------------------------------------------------------
        dual_certificate_cells("l173_dual_R1", _spa_cells(r12), -1 / (I - 1), 1 / (I - 1), I, source=_src("Lemma 1.7.3"),
                               statement=r"m^{sp}(v) \ge -\tfrac1{I-1} + \tfrac1{I-1}\sum_j v_j\ \forall v,\ r \le \tfrac1I"),
        Identity("l173_objective", lhs=-1 / (I - 1) + I * mu / (I - 1), rhs=A, source=_src("Lemma 1.7.3"),
                 statement=r"\lambda + \mu\sum_i\sigma_i = \frac{I\mu-1}{I-1}"),
        Identity("q1_mean", lhs=(1 - I * w1) + w1 * (1 + (I - 1) * rho), rhs=mu, source=P5,
                 statement=r"\mathbb E_{\mathbb Q^{(1)}}[\tilde v_i] = \mu"),
        Identity("q1_revenue", lhs=(1 - I * w1) * 1 + I * w1 * rho, rhs=A, source=P5,
                 statement=r"\mathbb E_{\mathbb Q^{(1)}}[m^{sp}] = \frac{I\mu-1}{I-1}\ \text{(attained)}"),
        Inequality("q1_weight_nonneg", lhs=(1 - I * w1).subs(rho, p * A).subs(mu, mu_hi), rel=">=", rhs=0, source=P5,
                   statement=r"1 - \frac{I(1-\mu)}{(I-1)(1-r)} \ge 0\ \text{for}\ r \le \frac{I\mu-1}{I-1}"),
        # --- R_2: Lemma 1.7.5 / Prop. 1.5.6 --------------------------------------------------------------
        dual_certificate_cells("l175_dual_R2", _spa_cells(r12), I * r12**2 / (r12 - 1), r12 / (1 - r12), I,
                               source=_src("Lemma 1.7.5"),
                               statement=r"m^{sp}(v) \ge \frac{Ir^2}{r-1} + \frac{r}{1-r}\sum_j v_j\ \forall v,\ r \le \tfrac1I"),
        Identity("l175_objective", lhs=I * rho**2 / (rho - 1) + I * mu * rho / (1 - rho), rhs=z2(rho), source=_src("Lemma 1.7.5"),
                 statement=r"\lambda + \mu\sum_i\sigma_i = Ir\frac{\mu-r}{1-r}"),
        Identity("q2_mean", lhs=(1 - I * w2(rho - eps)) * (rho - eps) + w2(rho - eps) * (1 + (I - 1) * (rho - eps)), rhs=mu,
                 over=[(eps, 0, rho)], source=P6, statement=r"\mathbb E_{\mathbb Q^{(2)}_\epsilon}[\tilde v_i] = \mu"),
        Identity("q2_revenue_limit", lhs=(I * w2(rho - eps) * rho).subs(eps, 0), rhs=z2(rho), source=P6,
                 statement=r"\lim_{\epsilon\downarrow0}\mathbb E_{\mathbb Q^{(2)}_\epsilon}[m^{sp}] = Ir\frac{\mu-r}{1-r}",
                 note="atoms (r - eps) e (revenue 0) and e_i + (r - eps) e_-i (revenue r)"),
        Identity("q2_only_a_limit", lhs=I * w2(rho - eps) * rho - z2(rho),
                 rhs=I * rho * eps * (1 - mu) / ((1 - rho + eps) * (1 - rho)), over=[(eps, 0, rho)], source=P6,
                 statement=r"\mathbb E_{\mathbb Q^{(2)}_\epsilon}[m^{sp}] - Ir\frac{\mu-r}{1-r} = \frac{Ir\epsilon(1-\mu)}{(1-r+\epsilon)(1-r)} > 0",
                 note="the worst case is approached as eps -> 0, not attained by Q^(2)_eps"),
        Identity("q2_weight_sign", lhs=(1 - rho) * (1 - I * w2(rho)), rhs=(I - 1) * (rho - A), source=P6,
                 statement=r"(1-r)(1 - I\tfrac{\mu-r}{1-r}) = (I-1)\big(r - \tfrac{I\mu-1}{I-1}\big) > 0\ \text{on}\ \mathcal R_2"),
        # --- R_3: Lemma 1.7.7 / Prop. 1.5.7 --------------------------------------------------------------
        dual_certificate_cells("l177_dual_R3", _spa_cells(r3), r3 / (r3 - 1), 1 / (I * (1 - r3)), I,
                               source=_src("Lemma 1.7.7"),
                               statement=r"m^{sp}(v) \ge \frac{r}{r-1} + \frac{1}{I(1-r)}\sum_j v_j\ \forall v,\ \tfrac1I \le r < 1"),
        Identity("l177_objective", lhs=rho / (rho - 1) + I * mu / (I * (1 - rho)), rhs=z3(rho), source=_src("Lemma 1.7.7"),
                 statement=r"\lambda + \mu\sum_i\sigma_i = \frac{\mu-r}{1-r}"),
        Identity("q3_mean", lhs=(1 - w3) + w3 * (rho - eps), rhs=mu, over=[(eps, 0, rho)], source=P7,
                 statement=r"\mathbb E_{\mathbb Q^{(3)}_\epsilon}[\tilde v_i] = \mu"),
        Identity("q3_revenue_limit", lhs=(1 - w3).subs(eps, 0), rhs=z3(rho), source=P7,
                 statement=r"\lim_{\epsilon\downarrow0}\mathbb E_{\mathbb Q^{(3)}_\epsilon}[m^{sp}] = \frac{\mu-r}{1-r}",
                 note="approached as eps -> 0: for eps > 0 the revenue 1 - (1-mu)/(1-r+eps) is larger"),
        # --- Thm. 1.5.2 ----------------------------------------------------------------------------------
        Identity("t152_derivative", lhs=sp.diff(z2(rho), rho), rhs=I - I * (1 - mu) / (1 - rho)**2, source=T2,
                 statement=r"\frac{d}{dr}Ir\frac{\mu-r}{1-r} = I - \frac{I(1-\mu)}{(1-r)^2}"),
        Identity("t152_square", lhs=(z2(1 - s) - z2(rho)).subs(mu, 1 - s**2), rhs=I * (1 - s - rho)**2 / (1 - rho), source=T2,
                 statement=r"z(r^\star) - Ir\frac{\mu-r}{1-r} = \frac{I(1-\sqrt{1-\mu}-r)^2}{1-r} \ge 0,\ r^\star = 1-\sqrt{1-\mu}",
                 note="so r* maximizes the R_2 formula over all r; at r = (I mu - 1)/(I-1) it equals the R_1 value"),
        Identity("t152_value", lhs=z2(1 - s).subs(mu, 1 - s**2), rhs=I * (1 - s)**2, source=T2,
                 statement=r"z^\star = I(1-\sqrt{1-\mu})^2"),
        Identity("t152_R1_on_R2_formula", lhs=z2(A), rhs=A, source=T2,
                 statement=r"Ir\frac{\mu-r}{1-r}\Big|_{r = \frac{I\mu-1}{I-1}} = \frac{I\mu-1}{I-1}\ \text{(so the } R_1 \text{ value } \le z^\star)"),
        Identity("t152_R3_below_R1", lhs=A - z3(rho), rhs=(1 - mu) * (I * rho - 1) / ((I - 1) * (1 - rho)), source=T2,
                 statement=r"\frac{I\mu-1}{I-1} - \frac{\mu-r}{1-r} = \frac{(1-\mu)(Ir-1)}{(I-1)(1-r)} \ge 0\ \text{for}\ r\ge\tfrac1I"),
        Inequality("t152_rstar_below_mu", lhs=1 - s**2, rel=">=", rhs=1 - s, source=_src("Thm. 1.5.2 (T7)"),
                   statement=r"r^\star = 1 - \sqrt{1-\mu} \le \mu"),
        Identity("t152_rstar_in_R2", lhs=(2 * I - 1) / I**2 - (1 - s**2), rhs=(1 / I - (1 - s)) * (s + (I - 1) / I), source=T2,
                 statement=r"\tfrac{2I-1}{I^2} - \mu = \big(\tfrac1I - r^\star\big)\big(\sqrt{1-\mu} + \tfrac{I-1}{I}\big):\ r^\star \le \tfrac1I \iff \mu\in\mathcal M_1\cup\mathcal M_2"),
        Identity("t152_continuity", lhs=I * (1 - (I - 1) / I)**2, rhs=A.subs(mu, (2 * I - 1) / I**2), source=T2,
                 statement=r"\text{at}\ \mu = \tfrac{2I-1}{I^2}:\ I(1-\sqrt{1-\mu})^2 = \tfrac1I = \tfrac{I\mu-1}{I-1}"),
    ]


DERIVATION = Derivation(
    name="thesis_ch1_spa",
    title="Koçyiğit (2020), Ch. 1: second-price auctions under Markov ambiguity (Props. 1.5.3-1.5.8, Thm. 1.5.2)",
    scope=SCOPE,
    claims=_claims(),
    model=(r"I\ge2,\ v\in[0,1]^I,\ \mathbb E v_i \ge \mu;\ \text{SPA with reserve } r:\ m^{sp}(v) = "
           r"\max\{v_{(2)}, r\}\,\mathbb 1[v_{(1)}\ge r]"),
    references=(PAPER + ", Ch. 1",),
    figures={"point": {I: 3, mu: Rational(1, 2)}, "spa_reserve": CurveFigure(
        rho, 0, mu, xlabel="reserve price $r$", xname="$r$", ylabel="worst-case expected revenue",
        title="Second-price auction with reserve",
        caption="Worst-case expected revenue of the second-price auction against its reserve price r, over all "
                "value laws whose means are at least μ: the formula of each reserve regime R1, R2, R3 (Props. "
                "1.5.5-1.5.7, the right sides of the claims l173_objective, l175_objective, l177_objective), the "
                "best reserve r* (the maximum over all reserves) and the best value z* of Thm. 1.5.2",
        curves=(Curve.of(FromClaim("l173_objective"), r"$\mathcal{R}_1$: $\frac{I\mu-1}{I-1}$", 0, sp.Min(1 / I, A)),
                Curve.of(FromClaim("l175_objective"), r"$\mathcal{R}_2$: $Ir\frac{\mu-r}{1-r}$", A, sp.Min(mu, 1 / I)),
                Curve.of(FromClaim("l177_objective"), r"$\mathcal{R}_3$: $\frac{\mu-r}{1-r}$", 1 / I, mu)),
        bands=(Band(0, sp.Min(1 / I, A), r"$\mathcal{R}_1$"), Band(A, sp.Min(mu, 1 / I), r"$\mathcal{R}_2$"),
               Band(1 / I, mu, r"$\mathcal{R}_3$")),
        levels=(Level(FromClaim("t152_value", subs=((s, sp.sqrt(1 - mu)),)), r"$z^\star$ (Thm. 1.5.2)"),),
        marks=(Mark("max", r"best reserve $r^\star$", curve=None),))},
)
