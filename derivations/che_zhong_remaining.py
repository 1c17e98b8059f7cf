"""Che and Zhong, the results the other che_zhong_* derivations leave out, and the catalog's
remaining typos and gaps: Lemma 1 / (4) (on a finite game), the choice of (m, s) in
argmin_Omega sum alpha_K (box Omega), the informational sets (8)-(9) and Assumption 1 (finite
exchangeable instance; convex-order certificates), Claims B.1-B.2, Props. B.1-B.2, Remark B.1,
Lemma B.2 and (28), the multi-group seller side of Thm. 1 in closed form (a curve that is not a
ray), and the continuum construction (5)-(6), (10), the price law and the payment beyond
phi = z^2 (phi = z^3 and z^2 + z^3).

Parametrization as in che_zhong_thm1: alpha_K = a > 0 and ell_K = beta_K / alpha_K = L > 1, with
m_K = a (1 + log L) and s_K = phi(a) + a int_a^{aL} phi'(y)/y dy ((5)-(6) solved for (m, s)).

Existence (Sion's minimax theorem in Claim B.1, the measurable selection in Prop. B.1,
Prokhorov/Portmanteau in Prop. B.2, Lemma B.2's uniform integrability) is cited, not checked:
the claims check the constructions and inequalities those arguments apply to.
"""
from __future__ import annotations

import sympy as sp
from sympy import Interval, Rational, log

from symmech import AllOf, Derivation, Distribution, Identity, Inequality, Mechanism, PiecewiseFunction, Scope
from symmech.models.convex_order import convex_order_certificate, convex_order_dominated
from symmech.models.multigood.curve import curve_seller_bound
from derivations._che_zhong_common import group, theta_mid

PAPER = "Che and Zhong"
a, L = sp.symbols("alpha ell", positive=True)
a1, L1, a2, L2 = sp.symbols("alpha_1 ell_1 alpha_23 ell_23", positive=True)
w = sp.Symbol("w", positive=True)                 # m_2 / m_23
x = sp.Symbol("x", positive=True)                 # X ~ H = 1 - 1/x on [1, oo)
y = sp.Symbol("y", positive=True)
z = sp.Symbol("z", nonnegative=True)
p = sp.Symbol("p", positive=True)
v = sp.Symbol("v", nonnegative=True)
eps = sp.Symbol("epsilon", positive=True)
P = sp.Symbol("P", positive=True)                 # a posted price
u = sp.Symbol("u", nonnegative=True)              # a scaled type beyond v*
r = sp.Symbol("r", real=True)                     # E r_m (CAPM example)
b1, b2 = sp.symbols("b_1 b_2", positive=True)     # CAPM betas
zs = sp.Symbol("z_s", positive=True)              # Thm 3 tangency point z*
eta = sp.Symbol("eta", positive=True)

SCOPE = Scope(parameters={a: Interval.open(Rational(1, 10), 2), L: Interval.open(1, 10),
                          a1: Interval.open(Rational(1, 10), 1), L1: Interval.open(1, 8),
                          a2: Interval.open(Rational(1, 10), 1), L2: Interval.open(1, 8),
                          w: Interval.open(0, 1), eps: Interval.open(Rational(1, 100), Rational(1, 2)),
                          P: Interval.open(1, 3), b1: Interval.open(Rational(1, 10), 2),
                          b2: Interval.open(Rational(1, 10), 2), eta: Interval.open(0, 1),
                          zs: Interval.open(1, 10)})

G = group(a, L)
BETA, M_K, S_K, LAM = G["beta"], G["m"], G["s"], G["lam"]


# --- Lemma 1 / (4): a saddle point's strategies are max-min optimal (finite game) ----------------
def _lemma1() -> list:
    src = f"{PAPER}, Lemma 1 and eqs. (2)-(4) (Osborne and Rubinstein, Lemma 22.2)"
    A = sp.Matrix([[2, -1], [-1, 1]])          # row player (seller) maximizes
    xr = sp.Matrix([Rational(2, 5), Rational(3, 5)])
    yc = sp.Matrix([Rational(2, 5), Rational(3, 5)])
    val = (xr.T * A * yc)[0]
    # the value of a 2x2 zero-sum game without a pure saddle, (ad - bc)/(a + d - b - c): an independent formula
    v22 = (A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0]) / (A[0, 0] + A[1, 1] - A[0, 1] - A[1, 0])
    parts = [Identity("lemma1.value", lhs=val, rhs=v22, source=src)]
    parts += [Inequality(f"lemma1.row_guarantee[{j}]", lhs=(xr.T * A)[j], rel=">=", rhs=val, source=src)
              for j in range(2)]
    parts += [Inequality(f"lemma1.column_guarantee[{i}]", lhs=(A * yc)[i], rel="<=", rhs=val, source=src)
              for i in range(2)]
    return [AllOf("lemma1_saddle_gives_eq4", source=src, parts=parts,
                  statement=r"x^{*\top}Ay \ge x^{*\top}Ay^* \ge x^\top Ay^* \ \forall x, y \Rightarrow "
                            r"\max_x\min_y = \min_y\max_x = x^{*\top}Ay^* \text{ (eq. (4))}",
                  note="the lemma is textbook and cited; checked here on a 2x2 game with no pure saddle: the "
                       "saddle strategies guarantee the value against every pure reply, so (4) holds. In the "
                       "paper the same two inequalities are the dual certificate and the seller bound (che_zhong_thm1)")]


# --- choice of (m, s): argmin over a box Omega; gap G1 ----------------------------------------------
def _argmin() -> list:
    src = f"{PAPER}, Sec. 3 (choice of (m, s))"
    J = sp.Matrix([[sp.diff(M_K, a), sp.diff(M_K, L)], [sp.diff(S_K, a), sp.diff(S_K, L)]])
    det = sp.simplify(J.det())
    da_dm = sp.diff(S_K, L) / det          # (J^{-1})_{11}
    da_ds = -sp.diff(M_K, L) / det         # (J^{-1})_{12}
    ms, ss = sp.symbols("m_s s_s", positive=True)
    return [
        Identity("argmin_dalpha_dm", lhs=da_dm, rhs=2 * LAM * BETA, source=src,
                 statement=r"\partial\alpha_K/\partial m_K = \lambda_K\phi'(\beta_K) > 0"),
        Identity("argmin_dalpha_ds", lhs=da_ds, rhs=-LAM, source=src,
                 statement=r"\partial\alpha_K/\partial s_K = -\lambda_K < 0"),
        Inequality("argmin_lambda_positive", lhs=1 / LAM, rel=">", rhs=0, source=src,
                   statement=r"\lambda_K^{-1} = 2(\beta\log\ell - \beta + \alpha) > 0",
                   note="with the two partials: on a box Omega the argmin is at (lowest means, highest s), provided "
                        "that corner has s_K > phi(m_K) (G1); the monotone-path step is cited"),
        Inequality("G1_every_omega_point_feasible", lhs=ss - ms**2, rel=">=", rhs=0,
                   over=[(ms, Rational(1, 2), 1), (ss, Rational(1, 5), 1)], source=f"{PAPER}, eq. (1)",
                   expect="fails", corrected="G1_degenerate_limit", statement=r"s_K \ge \phi_K(m_K) \text{ on } \Omega = [\tfrac12,1]\times[\tfrac15,1]",
                   note="gap G1: Omega may contain points with s < phi(m) (no law: Jensen); argmin must be "
                        "taken over Omega cap {s >= phi(m)}"),
        AllOf("G1_degenerate_limit", source=src,
              statement=r"\ell_K \to 1:\ (m_K, s_K) \to (\alpha_K, \alpha_K^2),\ \alpha(m, \phi(m)) = m",
              note="the continuous extension at the Jensen boundary (alpha = m, F = delta_m): G1 corrected, the "
                   "argmin is taken over Omega cap {s >= phi(m)} with alpha(m, phi(m)) = m",
              parts=[Identity("G1_degenerate_limit.m", lhs=M_K.subs(L, 1), rhs=a, source=src),
                     Identity("G1_degenerate_limit.s", lhs=S_K.subs(L, 1), rhs=a**2, source=src)]),
    ]


# --- (8)-(9), Assumption 1, Thm. 3 via convex-order certificates --------------------------------------
def _informational() -> list:
    src8, srcA = f"{PAPER}, eqs. (8)-(9)", f"{PAPER}, Assumption 1"
    vals = (0, 1, 2)
    joint = {(i, j): Rational(1, 9) for i in vals for j in vals}              # two iid goods, uniform on {0,1,2}
    totals = sorted({i + j for i, j in joint})
    cond = {s_: sum(pr * i for (i, j), pr in joint.items() if i + j == s_) /
            sum(pr for (i, j), pr in joint.items() if i + j == s_) for s_ in totals}
    # the law of group totals S under G and of the co-monotone component (posterior means given S)
    S_law = {s_: sum(pr for (i, j), pr in joint.items() if i + j == s_) for s_ in totals}
    F_S = Distribution(z, atoms=dict(S_law), support=(0, 4))
    mean_S = sum(s_ * pr for s_, pr in S_law.items())
    # a garbling: reveal only whether S <= 2 (posterior means of S)
    lo_m = sum(s_ * pr for s_, pr in S_law.items() if s_ <= 2) / sum(pr for s_, pr in S_law.items() if s_ <= 2)
    hi_m = sum(s_ * pr for s_, pr in S_law.items() if s_ > 2) / sum(pr for s_, pr in S_law.items() if s_ > 2)
    p_lo = sum(pr for s_, pr in S_law.items() if s_ <= 2)
    F_post = Distribution(z, atoms={lo_m: p_lo, hi_m: 1 - p_lo}, support=(0, 4))
    C = _stop_loss_of_atoms(S_law)
    # Thm 3 / B.4: the group-K mechanism t = (min(v, z*) - alpha)^+ / log(z*/alpha) against the set
    # {E X = m, E(z - X)^+ <= C(z)} with C(z*) = theta(alpha, z*) (tangency): weight 1/log(z*/alpha) at z*
    al = a
    z_star = zs * al                      # z* in (alpha, 10 alpha)
    Lz = log(z_star / al)
    t_b4 = PiecewiseFunction(v, (0, al, z_star, 20 * al), (0, (v - al) / Lz, (z_star - al) / Lz))
    M_b4 = Mechanism(v, allocation=PiecewiseFunction(v, (0, al, z_star, 20 * al), (0, 0, 0)), payment=t_b4)
    return [
        AllOf("assumption1_exchangeable", source=srcA,
              statement=r"\text{two iid goods on } \{0,1,2\}:\ E[v_1 \mid v_1 + v_2 = s] = s/2 = \bar v_1",
              note="exchangeable G satisfies Assumption 1 (checked exactly on a finite instance)",
              parts=[Identity(f"assumption1_exchangeable[{s_}]", lhs=cond[s_], rhs=Rational(s_, 2), source=srcA)
                     for s_ in totals]),
        convex_order_dominated(F_post, C, z, mean=mean_S, id="eq9_posterior_means_dominated", source=src8),
        convex_order_dominated(F_S, C, z, mean=mean_S, id="eq9_full_information_in_set", source=src8),
        convex_order_certificate(M_b4, M_K, lambda zz: theta_mid(al, zz),
                                 [z_star], [1 / Lz], (z_star - al) / Lz, 0, al, id="thm3_convex_order_dual",
                                 source=f"{PAPER}, Thm. 3; App. B.4"),
    ]


def _stop_loss_of_atoms(law: dict) -> PiecewiseFunction:
    """C(z) = E (z - S)^+ for a finite law, as pieces between its atoms on [0, 4]."""
    pts = sorted(set(law) | {0, 4})
    pieces = [sum(pr * (z - s_) for s_, pr in law.items() if s_ <= lo) for lo in pts[:-1]]
    return PiecewiseFunction(z, tuple(pts), tuple(pieces))


# --- Claims B.1-B.2 ---------------------------------------------------------------------------------
def _claims_b() -> list:
    src1, src2 = f"{PAPER}, Claim B.1", f"{PAPER}, Claim B.2"
    # B.1 (convexity of T_c): the envelope payment is linear in q, so a mixture of two posted prices P, 2P
    # pays the mixture of their payments
    q1 = PiecewiseFunction(v, (0, P, 2 * P, 3 * P), (0, 1, 1))
    q2 = PiecewiseFunction(v, (0, P, 2 * P, 3 * P), (0, 0, 1))
    mix = Mechanism.from_allocation(v, q1 * eta + q2 * (1 - eta))
    m1, m2 = Mechanism.from_allocation(v, q1), Mechanism.from_allocation(v, q2)
    b1_parts = [Identity(f"claimB1_payment_linear[{j}]", lhs=tm, rhs=eta * t1 + (1 - eta) * t2,
                         over=[(v, lo, hi)], source=src1)
                for j, ((tm, lo, hi), t1, t2) in enumerate(zip(mix.payment.segments(), m1.payment.pieces,
                                                               m2.payment.pieces))]
    # B.2: posted price P, ramp on (P - eps, P): t_tilde >= t - (1 + 2v) eps on every piece
    ramp = (v - P + eps) / eps
    t_ramp = v * ramp - sp.integrate(ramp.subs(v, y), (y, P - eps, v))
    # G8: a continuous q = 1 - exp(-v) (no jumps), truncated at v* = log(1/eps) where q(v*) = 1 - eps
    q_c = 1 - sp.exp(-v)
    t_c = 1 - (1 + v) * sp.exp(-v)                  # v q - int_0^v q
    vstar = log(1 / eps)
    vv = vstar + u
    return [
        AllOf("claimB1_T_c_convex", source=src1, parts=b1_parts,
              statement=r"t_{\eta q_1 + (1-\eta)q_2} = \eta t_{q_1} + (1-\eta)t_{q_2}",
              note="the convexity step of Claim B.1; Sion's theorem and Prokhorov compactness are cited"),
        AllOf("claimB2_posted_price_approximation", source=f"{src2}, eqs. (25)-(26)",
              statement=r"\tilde t(v) \ge t(v) - (1 + 2v)\varepsilon \text{ for a posted price } P "
                        r"\text{ with the ramp } \hat r \text{ on } (P - \varepsilon, P)",
              parts=[Inequality("claimB2.ramp_piece", lhs=t_ramp, rel=">=", rhs=-(1 + 2 * v) * eps,
                                over=[(v, P - eps, P)], source=src2),
                     Inequality("claimB2.above", lhs=t_ramp.subs(v, P), rel=">=", rhs=P - (1 + 2 * P) * eps,
                                source=src2),
                     Identity("claimB2.integral_gap", lhs=sp.integrate(ramp.subs(v, y), (y, P - eps, P)),
                              rhs=eps / 2, source=src2),
                     Inequality("claimB2.ramp_dominates", lhs=ramp, rel=">=", rhs=0, over=[(v, P - eps, P)],
                                source=src2)]),
        AllOf("G8_truncation_beyond_vstar", source=src2,
              statement=r"q = 1 - e^{-v},\ v^* = \log\tfrac1\varepsilon:\ \tilde t(v) = t(v^*) \ge t(v) - "
                        r"(1+2v)\varepsilon \text{ for } v \ge v^*",
              note="spec G8 asks whether the bound survives beyond v*: it does (t(v) - t(v*) <= v eps since q "
                   "rises by at most eps beyond v*); checked for v in [v*, v* + 100]",
              parts=[Identity("G8.q_at_vstar", lhs=q_c.subs(v, vstar), rhs=1 - eps, source=src2),
                     Identity("G8.envelope_payment", lhs=v * q_c - sp.integrate(q_c.subs(v, y), (y, 0, v)), rhs=t_c,
                              over=[(v, 0, 10)], source=src2),
                     Inequality("G8.bound", lhs=t_c.subs(v, vstar), rel=">=", rhs=t_c.subs(v, vv) - (1 + 2 * vv) * eps,
                                over=[(u, 0, 100)], source=src2)]),
    ]


# --- Prop. B.1, Prop. B.2, (28), Remark B.1, Lemma B.2 ----------------------------------------------
def _props_b() -> list:
    srcB1, srcB2, srcR, srcL = (f"{PAPER}, {s_}" for s_ in ("Prop. B.1", "Prop. B.2", "Remark B.1", "Lemma B.2"))
    menu = [((0, 0), 0), ((1, 0), Rational(1, 2)), ((0, 1), Rational(1, 2)), ((1, 1), Rational(4, 5))]
    grid = [Rational(i, 2) for i in range(5)]
    parts = []
    for v1_ in grid:
        for v2_ in grid:
            utils = [v1_ * q_[0] + v2_ * q_[1] - t_ for q_, t_ in menu]
            best = max(range(len(menu)), key=lambda j_: utils[j_])      # the argmax selection (ties: first)
            parts.append(Inequality(f"propB1.select[{v1_},{v2_}]", lhs=utils[best], rel=">=", rhs=max(utils + [0]),
                                    source=srcB1))
    c = sp.Symbol("c", positive=True)
    return [
        AllOf("propB1_extension_by_argmax", source=srcB1, parts=parts,
              statement=r"\text{argmax selection from a finite menu } W \ni (0,0):\ \mathbf v\cdot x^* - y^* \ge "
                        r"\max\{\max_{(x,y)\in W}\mathbf v\cdot x - y, 0\} \text{ on a grid of } [0,2]^2",
              note="a finite menu W containing (0, 0): any argmax selection is IC and IR on R^2_+; the "
                   "measurable selection (Kuratowski-Ryll-Nardzewski) is cited"),
        Inequality("propB2_tightness_markov", lhs=sp.integrate(a / y**2, (y, c, BETA)) + 1 / L, rel="<=", rhs=M_K / c,
                   over=[(c, a, BETA)], source=srcB2,
                   statement=r"\Pr_{F^*}(Z_K > c) = \alpha_K / c \le m_K / c \text{ (Markov)}",
                   note="the tightness step of Prop. B.2 on the worst case; closedness (Portmanteau) is cited"),
        Identity("eq28_downward_closure_value", lhs=sp.diff(M_K, L) / (sp.diff(M_K, a) * sp.diff(S_K, L)
                                                                      - sp.diff(M_K, L) * sp.diff(S_K, a)),
                 rhs=LAM, source=f"{PAPER}, eq. (28)",
                 statement=r"-\partial\alpha_K/\partial s_K = \lambda_K",
                 note="with lambda > 0 (argmin_lambda_positive): a lower s' gives a larger alpha, so adding "
                      "(m, s') with s' < s to Omega (28) never lowers min sum alpha (Remark B.1)"),
        Inequality("remarkB1_mixing_lowers_revenue", lhs=(1 - eta) * a, rel="<", rhs=a, source=srcR,
                   statement=r"(1-\eta)R(M, F') + \eta R(M, F'') < R(M, F') \text{ when } R(M, F'') \to 0",
                   note="nature's spread F'' puts almost all mass at 0; mixing keeps the moments below s"),
        Inequality("lemmaB2_growth_quadratic", lhs=y / (y**2 / 2 + y - log(1 + y)), rel="<=", rhs=2 / y,
                   over=[(y, 1, 1000)], source=srcL,
                   statement=r"h/\bar h = v/\phi(v) \le \frac{2}{\varepsilon v} \to 0 \ (\phi = \tfrac{z^2}{2} + z - "
                             r"\log(1+z):\ \phi(0) = \phi'(0) = 0,\ \phi'' \ge \varepsilon = 1)",
                   note="quadratic growth from phi'' >= eps alone (phi >= eps v^2/2), for a phi that is not a pure "
                        "square (for phi = z^2 the bound is an equality)"),
        Inequality("lemmaB2_growth_cubic", lhs=y / (y**2 + y**3), rel="<=", rhs=1 / y, over=[(y, 1, 1000)],
                   source=srcL, statement=r"v/\phi(v) \le 1/v \to 0 \ (\phi = z^2 + z^3,\ \phi'' \ge 2)",
                   note="phi'' >= eps gives phi(v) >= eps v^2/2 up to a linear term, hence h/hbar -> 0; the "
                        "uniform-integrability conclusion of Lemma B.2 is cited"),
    ]


# --- Thm. 1, multi-group seller side: closed-form bound on the kinked curve ---------------------------
def _thm1_seller() -> list:
    src = f"{PAPER}, Thm. 1 (proof, eq. (11)); App. B.6, Thm. B.1"
    H, h = 1 - 1 / x, 1 / x**2
    V1 = [(a1 * x, 1, L1), (a1 * L1, L1, sp.oo)]
    V2 = [(w * a2 * x, 1, L2), (w * a2 * L2, L2, sp.oo)]
    V3 = [((1 - w) * a2 * x, 1, L2), ((1 - w) * a2 * L2, L2, sp.oo)]
    pt = {a1: Rational(1, 4), L1: Rational(9, 2), a2: Rational(1, 5), L2: 6, w: Rational(1, 2)}
    return [curve_seller_bound(x, H, h, [V1, V2, V3], a1 + a2, point=pt, x_max=100,
                               id="thm1_seller_bound_two_groups", source=src)]


# --- continuum claims beyond phi = z^2 ----------------------------------------------------------------
def _family(name: str, phi_of) -> list:
    src = f"{PAPER}, eqs. (5)-(6), (10); Thm. 1"
    dphi = lambda t: sp.diff(phi_of(z), z).subs(z, t)          # noqa: E731
    be = a * L
    m = a * (1 + log(L))
    s = phi_of(a) + a * sp.integrate(dphi(y) / y, (y, a, be))
    inv_lam = sp.integrate((dphi(be) - dphi(y)) / y, (y, a, be))
    lam = 1 / inv_lam
    g = lam * (dphi(be) - dphi(p)) / p
    t_core = dphi(be) * (z - a) - phi_of(z) + phi_of(a)
    t_mid = lam * t_core
    # int t dF* with lambda factored out of the integral (integrating through lambda takes sympy ~30 s)
    revenue = lam * (sp.integrate(t_core * a / z**2, (z, a, be)) + t_core.subs(z, be) / L)
    return [
        Identity(f"{name}.eq6_lhs", lhs=sp.integrate(phi_of(a * x) / x**2, (x, 1, L)) + a * phi_of(be) / be, rhs=s,
                 source=src, statement=r"\int_1^{\ell}\phi(\alpha x)x^{-2}dx + \alpha\phi(\beta)/\beta = "
                                       r"\phi(\alpha) + \alpha\int_\alpha^\beta\phi'(y)/y\,dy"),
        Identity(f"{name}.eq10_value", lhs=lam * (dphi(be) * (m - a) + phi_of(a) - s), rhs=a, source=src,
                 statement=r"\lambda\{\phi'(\beta)(m - \alpha) + \phi(\alpha) - s\} = \alpha"),
        Identity(f"{name}.price_mass_one", lhs=sp.integrate(g, (p, a, be)), rhs=1, source=src,
                 statement=r"\int_\alpha^\beta g = 1"),
        Inequality(f"{name}.price_density_nonneg", lhs=dphi(be) - dphi(p), rel=">=", rhs=0, over=[(p, a, be)],
                   source=src, statement=r"\phi'(\beta) - \phi'(p) \ge 0 \text{ on } [\alpha, \beta]"),
        Identity(f"{name}.payment", lhs=sp.integrate(p * g, (p, a, z)), rhs=t_mid, over=[(z, a, be)], source=src,
                 statement=r"\int_\alpha^z p\,g(p)dp = \lambda[\phi'(\beta)(z - \alpha) - \phi(z) + \phi(\alpha)]"),
        Identity(f"{name}.revenue", lhs=revenue, rhs=a,
                 source=src, statement=r"\int t\,dF^* = \alpha"),
    ]


def _families() -> list:
    return _family("phi_cube", lambda t: t**3) + _family("phi_square_plus_cube", lambda t: t**2 + t**3)


# --- the catalog's remaining typos and gaps ------------------------------------------------------------
def _catalog() -> list:
    srcA4 = f"{PAPER}, App. A.4 (proof of Thm. 2)"
    srcC3 = f"{PAPER}, Cor. 3"
    gam = w
    h = sp.diff(1 - 1 / x, x)                                  # X ~ H = 1 - 1/x: H(dx) = h dx
    # T6: comonotone vs independent coupling of two Bernoulli(1/2) values
    half = Rational(1, 2)
    comon = {(0, 0): half, (1, 1): half}
    indep = {(i, j): half * half for i in (0, 1) for j in (0, 1)}
    marg = lambda law, k, u: sum(pr for v_, pr in law.items() if v_[k] == u)      # noqa: E731
    # G4: the A.3 limit moment function: phi = z^2 on [0, beta], extended linearly beyond beta
    phi_lin = BETA**2 + 2 * BETA * (z - BETA)
    # G7: CAPM, v_i = b_i r_m + e_i with e_1 + e_2 = 0 and E r^K = b E r_m (E r_m = r)
    rm = sp.Symbol("r_m", real=True)
    m1_, m2_ = b1 * r, b2 * r
    vbar1 = m1_ * ((b1 + b2) * rm) / (m1_ + m2_)               # co-monotone component m_1 sum v / sum m
    return [
        Identity("T5_top_term_with_gamma", lhs=sp.integrate(gam * a * L / x**2, (x, L, sp.oo)), rhs=gam * a,
                 source=srcA4, statement=r"\int_{\ell}^\infty \gamma_i\beta_K\,H(dx) = \gamma_i\alpha_K",
                 note="typo T5: the display writes phi_i for gamma_i = m_i/m_K (this is the corrected term); the "
                      "lower limit 0 instead of 1 is harmless there (H(dx) has no mass below 1, integrand 0)"),
        Identity("T5_stray_comma_as_printed", lhs=sp.Min(a * (x + eps), a, L), rhs=sp.Min(a * (x + eps), a * L),
                 over=[(x, L, 2 * L)], source=srcA4, expect="fails", corrected="T5_cap_corrected_mean",
                 statement=r"\min\{\alpha^\varepsilon(X+\varepsilon), \alpha^\varepsilon, \ell^\varepsilon\} = "
                           r"\min\{\alpha^\varepsilon(X+\varepsilon), \alpha^\varepsilon\ell^\varepsilon\}",
                 note="typo T5: read with the stray comma the cap is min(alpha, ell), not alpha ell"),
        Identity("T5_cap_corrected_mean",
                 lhs=sp.integrate(a * x * h, (x, 1, L)) + a * L * sp.integrate(h, (x, L, sp.oo)), rhs=M_K,
                 source=srcA4,
                 statement=r"\varepsilon = 0:\ \mathbb E\min\{\alpha X, \alpha\ell\} = \int_1^{\ell}\alpha x\,H(dx) + "
                           r"\alpha\ell(1 - H(\ell)) = m_K \text{ (13) with the cap } \alpha^\varepsilon\ell^\varepsilon",
                 note="T5 corrected: with the cap alpha^eps ell^eps (no stray comma) V~_K at eps = 0 is F*'s Z_K, "
                      "whose mean is m_K by (5)"),
        Identity("T6_cor3_not_every_set_knightian", lhs=indep[(1, 1)], rhs=comon[(1, 1)], source=srcC3,
                 expect="fails", corrected="T6_independent_coupling_same_marginals",
                 statement=r"\mathcal F = \{\text{comonotone Bernoulli}(\tfrac12)^2\} \text{ is Knightian: the independent "
                           r"coupling (same marginals) is in } \mathcal F",
                 note="typo T6: Cor. 3's lead sentence is declarative; read literally it claims every F is K-Knightian. "
                      "Same marginals (1/2, 1/2) (T6_independent_coupling_same_marginals), but P(1,1) = 1/4 != 1/2"),
        AllOf("T6_independent_coupling_same_marginals", source=srcC3,
              statement=r"\text{the independent and the comonotone coupling of Bernoulli}(\tfrac12)^2 \text{ have the "
                        r"same } \mathcal K\text{-marginals (finest } \mathcal K)",
              note="T6 corrected: Knightian ambiguity is a hypothesis ('Suppose ...'); this pair is the witness that "
                   "a set can fail it (same marginals, different laws)",
              parts=[Identity(f"T6.marginal[{k_},{u}]", lhs=marg(indep, k_, u), rhs=marg(comon, k_, u), source=srcC3)
                     for k_ in (0, 1) for u in (0, 1)]),
        Identity("T8_psi_in_y_and_x_variables", lhs=sp.integrate(a / y, (y, a, a * L)),
                 rhs=sp.integrate(a / x, (x, 1, L)), source=f"{PAPER}, App. B.1",
                 statement=r"\int_\alpha^\beta \alpha/y\,dy = \int_1^{\ell}\alpha/x\,dx = \alpha\log\ell",
                 note="T8 is not an error: the y = alpha x and x forms of psi agree"),
        Inequality("G4_limit_phi_curvature", lhs=sp.diff(phi_lin, z, 2), rel=">=",
                   rhs=eps, over=[(z, a * L, 2 * a * L)], source=f"{PAPER}, Prop. 1 (proof, A.3)", expect="fails",
                   corrected="G4_certificate_with_linear_extension",
                   statement=r"\phi''(z) \ge \varepsilon \text{ for the limit } \phi \text{ (linear beyond } \beta^*)",
                   note="gap G4: Thm. 1 is applied outside its hypothesis phi'' >= eps; the B.6-type argument "
                        "(linear payment on the support) covers it"),
        Identity("G4_certificate_with_linear_extension", lhs=G["t_top"],
                 rhs=LAM * (2 * BETA * (z - a) - phi_lin + a**2), over=[(z, BETA, 2 * BETA)],
                 source=f"{PAPER}, Prop. 1 (proof, A.3)",
                 statement=r"\phi = z^2 \text{ on } [0,\beta],\ \text{linear beyond}:\ t_K(\beta) = \lambda_K\{\phi'(\beta)"
                           r"(z-\alpha) - \phi(z) + \phi(\alpha)\} \text{ for } z \ge \beta",
                 note="G4 corrected: Thm. 1's nature-side certificate t* >= lambda{...} needs no curvature beyond "
                      "beta: with the linear extension it holds with equality there (the flat payment), as in B.6"),
        Inequality("G5_power_moment_curvature", lhs=6 * z, rel=">=", rhs=eps, over=[(z, 0, 1)],
                   source=f"{PAPER}, Sec. 2", expect="fails", corrected="phi_cube.revenue",
                   statement=r"\phi = z^3:\ \phi''(z) = 6z \ge \varepsilon \text{ on } \mathbb R_+",
                   note="gap G5: power moments z^k, k != 2, violate phi'' >= eps; the construction (5)-(6), (10) "
                        "still holds for z^3 (claims phi_cube.*)"),
        Inequality("G7_capm_mean_positive", lhs=(b1 + b2) * r, rel=">", rhs=0, over=[(r, -1, 1)],
                   source=f"{PAPER}, Sec. 5 (CAPM example)", expect="fails", corrected="G7_capm_ray_with_nonzero_mean",
                   statement=r"m_K = (\beta_1 + \beta_2)\,\mathbb E r_m > 0",
                   note="gap G7: m^K proportional to beta^K (Assumption 1) needs E r_m != 0, unstated"),
        Identity("G7_capm_ray_with_nonzero_mean", lhs=vbar1, rhs=b1 * rm,
                 over=[(r, Rational(1, 10), 1), (rm, -2, 2)],
                 source=f"{PAPER}, Sec. 5 (CAPM example)",
                 statement=r"\mathbb E r_m \ne 0:\ \bar v_1 = m_1\frac{v_1+v_2}{m_1+m_2} = \beta_1 r_m "
                           r"\ (m_i = \beta_i\mathbb E r_m,\ e_1 + e_2 = 0)",
                 note="G7 corrected: with E r_m != 0 the co-monotone component is beta r_m, as Assumption 1 needs; at "
                      "E r_m = 0 it is 0/0"),
    ]


def _claims() -> list:
    return (_lemma1() + _argmin() + _informational() + _claims_b() + _props_b() + _thm1_seller() + _families()
            + _catalog())


DERIVATION = Derivation(
    name="che_zhong_remaining",
    title="Che and Zhong: Lemma 1, argmin over Omega, (8)-(9), App. B claims, multi-group seller bound, "
          "general phi, typos",
    scope=SCOPE,
    claims=_claims(),
    model=(r"\alpha_K > 0,\ \ell_K > 1,\ m_K = \alpha_K(1 + \log\ell_K),\ "
           r"s_K = \phi(\alpha_K) + \alpha_K\int_{\alpha_K}^{\beta_K}\phi'(y)/y\,dy"),
    references=("Che and Zhong, 'Robustly Optimal Mechanisms for Selling Multiple Goods' (2023), Secs. 2-6, "
                "App. A-B",),
)

if __name__ == "__main__":  # pragma: no cover
    print(DERIVATION.verify(digits=50))
