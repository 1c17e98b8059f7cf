"""Haghpanah and Hartline, 'When Is Pure Bundling Optimal?' (2020): the partial converse of Sec. 4.3
(Def. 3, Prop. 2 and the algebra of its proof, App. A.4), the extensions of Sec. 5 (costs: fn. 4,
Prop. 3, Cor. 1; qualities: Cor. 2; multi-unit demand), the interpretations of Sec. 6 (top-up
margins, fn. 7, the parametric example, with the spec's gap G10), and the robustness question of
Sec. 7 (spec conjecture C3) on exact finite instances.
"""
from __future__ import annotations

from fractions import Fraction as Fr

import sympy as sp

from derivations._hh_common import B1, B12, PAPER, four_types, parametric_path, r4_law, src
from symmech import Derivation, Identity, Inequality, Scope
from symmech.models.multigood.bundling import (
    FiniteLaw,
    Valuation,
    all_bundles,
    grand,
    law_from_profiles,
    proper_bundles,
)
from symmech.models.multigood.bundling_density import IIDDensity, conditional_share_survival
from symmech.models.multigood.bundling_lp import FiniteFact, PBOptimalLP, optimal_revenue
from symmech.models.multigood.stochastic_order import stochastically_nondecreasing

SCOPE = Scope()
y0, y1, xb = sp.symbols("y_0 y_1 xbar", real=True)
p, a, cc, eps = sp.symbols("p a c epsilon", positive=True)
dl = sp.Symbol("delta", nonnegative=True)
vb, d, w, al, tau = sp.symbols("vbar d w alpha tau", nonnegative=True)
x, r, rp, s, sp_, pr, prp, c0, vh = sp.symbols("x r r' s s' p_1 p_2 c vhat", nonnegative=True)
V = cc * p**a                                      # a concrete upper boundary vbar(b, v) = c v^a


def _delta_prime():
    """Implicit differentiation of delta - p = V(delta) - V(p - eps) at eps = 0 (delta(0) = p)."""
    dd = sp.Symbol("Delta", positive=True)
    Vf = lambda z: cc * z**a  # noqa: E731
    G = dd - p - Vf(dd) + Vf(p - eps)
    return (-sp.diff(G, eps) / sp.diff(G, dd)).subs({eps: 0}).subs(dd, p)


def _def3_uniform() -> tuple[bool, str]:
    """Def. 3 for r_1 given s on U[0,1]^2 at s = 1/4 < s' = 1/2, xbar = 1/2: needs some delta > 0 with
    Pr[r >= 1/2 | 1/4] >= Pr[r >= 1/2 - delta | 1/2]; the conditional law is U[0,1] for s <= 1."""
    dens = IIDDensity(sp.Integer(1), sp.Symbol("x", positive=True), 0, 1)
    lhs = conditional_share_survival(dens, sp.Rational(1, 4), sp.Rational(1, 2))
    checks = [conditional_share_survival(dens, sp.Rational(1, 2), sp.Rational(1, 2) - sp.Rational(1, 2**kk))
              for kk in range(2, 8)]
    # on s <= 1 the share is U[0, 1]: Pr[r >= c | s] = 1 - c exactly, so the rhs is 1/2 + delta > 1/2 = lhs
    ok = all(lhs >= cval for cval in checks)
    return ok, (f"Pr[r >= 1/2 | s = 1/4] = {lhs}; Pr[r >= 1/2 - 2^-k | s = 1/2] = {[str(v) for v in checks]} "
                f"(= 1/2 + delta for every delta: the two conditional laws are equal)")


def _r5_negative() -> tuple[bool, str]:
    law = parametric_path("-1/2")
    pb, prices = law.best_pure_bundling()
    lp = optimal_revenue(law).verify()
    return pb == Fr(171, 110) and prices == (Fr(19, 10),) and lp == Fr(87, 55), \
        f"PB = {pb} at P = {list(map(str, prices))}; LP* = {lp} (spec R5)"


def _cost_law():
    return four_types("0.3", "0.6", "0.5")


COSTS = {b: Fr(1, 10) for b in all_bundles(2) if b}


def _prop3_condition() -> tuple[bool, str]:
    """The transformed relative values (v(b) - c(b)) / (v(b*) - c(b*)) are stochastically non-decreasing
    in v(b*) - c(b*) (Prop. 3's hypothesis), exactly by the coupling LP."""
    law = _cost_law()
    cond: dict = {}
    marg: dict = {}
    for t, m in zip(law.types, law.probs):
        sv = t.s - COSTS[grand(2)]
        marg[sv] = marg.get(sv, Fr(0)) + m
    for t, m in zip(law.types, law.probs):
        sv = t.s - COSTS[grand(2)]
        prof = tuple((t.values[b] - COSTS[b]) / sv for b in proper_bundles(2))
        dd = cond.setdefault(sv, {})
        dd[prof] = dd.get(prof, Fr(0)) + m / marg[sv]
    res = stochastically_nondecreasing(cond)
    return bool(res.holds), res.describe()


def _multi_unit() -> tuple[bool, str]:
    """Multi-unit demand via copies 1a, 1b of good 1 (goods 1, 2, 3 = 1a, 1b, 2): v({1a}) = v({1b}),
    v({1a,2}) = v({1b,2}); a ratio-monotone two-type path: LP* = PB."""
    def typ(sv):
        sv = Fr(sv)
        one, two = sv * Fr(sv, 8), sv * Fr(sv, 10)          # relative values grow with s
        vals = {frozenset({1}): one, frozenset({2}): one, frozenset({3}): two,
                frozenset({1, 2}): sv * Fr(sv, 5), frozenset({1, 3}): sv * Fr(sv, 4), frozenset({2, 3}): sv * Fr(sv, 4),
                frozenset({1, 2, 3}): sv}
        return Valuation(3, vals)
    law = FiniteLaw([typ(1), typ(2), typ(3)], [Fr(1, 3), Fr(1, 3), Fr(1, 3)])
    sym = all(t.values[frozenset({1})] == t.values[frozenset({2})] and
              t.values[frozenset({1, 3})] == t.values[frozenset({2, 3})] for t in law.types)
    lp = optimal_revenue(law).verify()
    pb, _ = law.best_pure_bundling()
    return sym and lp == pb, f"copies symmetric: {sym}; LP* = {lp}; PB = {pb}"


def _perturbed_r4(eta, up: bool) -> FiniteLaw:
    """R4 with mass eta moved in each s-level between the extreme shares: towards r_1 = 0.9 at high s and
    towards 0.1 at low s (up=True: r_1 increasing in s), or the reverse (up=False)."""
    from symmech.models.multigood.bundling import additive_law
    S = [Fr(kk, 2) for kk in range(1, 9)]
    W = [Fr(v, 100) for v in (8, 15, 17, 16, 14, 12, 10, 8)]
    R = [Fr(v, 10) for v in (1, 3, 5, 7, 9)]
    eta = Fr(eta)
    atoms = []
    for i, (sv, wv) in enumerate(zip(S, W)):
        shift = eta * (Fr(2 * i, len(S) - 1) - 1) * (1 if up else -1)     # from -eta to +eta across levels
        probs = [Fr(1, 5)] * 5
        probs[0] -= shift
        probs[-1] += shift
        atoms += [((sv * rv, sv * (1 - rv)), wv * pv) for rv, pv in zip(R, probs)]
    return additive_law(atoms)


def _fn7() -> tuple[bool, str]:
    """Types with equal relative values r, base values s < s', choosing (b, p) and (b', p'): the two IC
    constraints sum to (s - s')(r(b) - r(b')) (exact SymPy expand; all symbols free)."""
    ic_t = (s * r - pr) - (s * rp - prp)
    ic_tp = (sp_ * rp - prp) - (sp_ * r - pr)
    diff = sp.expand(ic_t + ic_tp - (s - sp_) * (r - rp))
    return diff == 0, f"IC(t) + IC(t') - (s - s')(r(b) - r(b')) expands to {diff}"


def _prop2_law() -> FiniteLaw:
    """A discrete analogue of Prop. 2: s uniform on {1, 5/4, ..., 2}; r({1}) uniform on three points below the
    upper boundary rbar(s) = 4/5 - (s - 1)/5, which strictly decreases (v({2}) = 0)."""
    atoms = []
    for sv in [Fr(kk, 4) for kk in range(4, 9)]:
        rbar = Fr(4, 5) - (sv - 1) / 5
        atoms += [(sv, {B1: rbar - Fr(kk, 10)}, Fr(1, 15)) for kk in range(3)]
    return law_from_profiles(2, atoms)


def _claims() -> list:
    P2, A4 = src("Prop. 2"), src("Prop. 2, App. A.4")
    return [
        Identity("def3_fn3_example", lhs=-y1 - (xb - (y1 - y0)), rhs=-y0 - xb, source=src("Def. 3, fn. 3"),
                 over=[(y0, 0, 1), (y1, 1, 2), (xb, -2, 2)],
                 statement=r"x=-y,\ \delta=\hat y'-\hat y:\ \{-\hat y'\ge\bar x-\delta\} = \{-\hat y\ge\bar x\}"),
        FiniteFact("def3_uniform_not_strict", source=src("Def. 3 (spec R3, conjecture C5)"), compute=_def3_uniform,
                   expect="fails",
                   statement=r"U[0,1]^2:\ r_1 \text{ strictly stochastically decreasing in } s \text{ (Def. 3)}",
                   note="refuted: the conditional laws are equal for s <= 1, so Prop. 2 does not apply; yet PB is "
                        "not optimal (hh_decomposition R3_pb_optimal_uniform): Prop. 2 is not necessary (C5)"),
        FiniteFact("prop2_discrete_condition", source=P2, expect="fails",
                   compute=lambda: (lambda o: (bool(o.holds), o.describe()))(
                       stochastically_nondecreasing(_prop2_law().conditional_profiles())),
                   statement=r"\bar r(b,\cdot) \text{ strictly decreasing}:\ r \text{ stochastically non-decreasing in } s",
                   note="refuted with the witness upper set of the coupling LP"),
        PBOptimalLP("prop2_discrete_pb_optimal", law=_prop2_law, lp_value=Fr(49, 48), source=P2, expect="fails",
                    statement=r"\text{strictly decreasing relative values (discrete analogue)}:\ LP^*=\max_P R_{PB}(P)",
                    note="Prop. 2's conclusion on a finite analogue: LP* = 49/48 > PB = 1 (Prop. 2 itself assumes a "
                         "continuous, interior law; here the PB optimum P in {1, 5/4} is only a discrete analogue)"),
        Identity("prop2_delta_prime", lhs=_delta_prime(), rhs=sp.diff(V, p) / (1 - sp.diff(V, p)), source=A4,
                 over=[(p, 1, 2), (a, sp.Rational(1, 4), sp.Rational(3, 4)), (cc, sp.Rational(1, 10), sp.Rational(1, 2))],
                 statement=r"\delta(\epsilon)-p=\bar v(\delta(\epsilon))-\bar v(p-\epsilon) \Rightarrow "
                           r"\delta'(0)=\tfrac{\partial_2\bar v}{1-\partial_2\bar v}\quad(\bar v = c v^a)"),
        Identity("prop2_eq22", lhs=vb * (1 - d) - (p - vb) * d, rhs=vb - p * d, source=A4,
                 over=[(vb, 0, 1), (d, 0, 1), (p, 1, 2)],
                 statement=r"\bar v(1-\partial_2\bar v)-(p-\bar v)\partial_2\bar v = \bar v - p\,\partial_2\bar v "
                           r"\ (\text{so (22)} \iff \partial_2\bar v<\bar v/p)"),
        Identity("prop2_second_derivative_ratio",
                 lhs=(vb * d) / ((p - vb) * (d / (1 - d)) * d), rhs=vb * (1 - d) / ((p - vb) * d), source=A4,
                 over=[(vb, sp.Rational(1, 10), sp.Rational(1, 2)), (d, sp.Rational(1, 10), sp.Rational(9, 10)), (p, 1, 2)],
                 statement=r"\tfrac{\nabla_+''(0)}{\nabla_-''(0)} = \tfrac{\bar v(1-\partial_2\bar v)}{(p-\bar v)\partial_2\bar v}"),
        PBOptimalLP("R5_delta_negative_pb_optimal", law=parametric_path("-1/2"), lp_value=Fr(87, 55), source=f"{P2}; Sec. 6",
                    expect="fails", statement=r"v=(w,w,2w-\tfrac12):\ LP^*=\max_PR_{PB}(P)",
                    note="spec R5: LP* = 87/55 > PB = 171/110 (a strictly decreasing relative value on a path)"),
        FiniteFact("R5_delta_negative_values", source=f"{P2}; Sec. 6", compute=_r5_negative,
                   statement=r"PB = \tfrac{171}{110} \text{ at } P=1.9,\ LP^*=\tfrac{87}{55}"),
        # Sec. 5: costs
        Identity("fn4_cost_transform", lhs=(x - c0) - (pr - c0), rhs=x - pr, source=src("Sec. 5, fn. 4"),
                 over=[(x, 0, 2), (c0, 0, 1), (pr, 0, 2)],
                 statement=r"\tilde v(a(t'),t)-\tilde p(t') = v(a(t'),t)-p(t')"),
        FiniteFact("prop3_transformed_condition", source=src("Prop. 3"), compute=_prop3_condition,
                   statement=r"\tilde r(\cdot,t)\ \text{stochastically non-decreasing in}\ \tilde v(b^*,t),\ c\equiv\tfrac1{10}"),
        PBOptimalLP("prop3_cor1_profit_lp", law=_cost_law, costs=COSTS, source=src("Prop. 3, Cor. 1"),
                    statement=r"c(b)=\tfrac1{10}:\ \max\ \text{profit over IC+IR menus} = \max_P (P-c)\Pr[v(b^*)\ge P]"),
        Identity("cor1_transformed_ratio", lhs=(r * (vh + c0) - c0) / vh, rhs=(r * (vh + c0) - c0) / ((vh + c0) - c0),
                 source=src("Cor. 1"), over=[(r, 0, 1), (vh, sp.Rational(1, 10), 5), (c0, 0, 1)],
                 statement=r"\tfrac{r(\hat v+c)-c}{\hat v} = \tfrac{v(b)-c}{v(b^*)-c}"),
        Identity("cor1_derivative", lhs=sp.diff(x + c0 * (x - 1) / vh, vh), rhs=c0 * (1 - x) / vh**2, source=src("Cor. 1"),
                 over=[(x, 0, 1), (vh, sp.Rational(1, 10), 5), (c0, 0, 1)],
                 statement=r"\partial_{\hat v}\big[x+\tfrac{c(x-1)}{\hat v}\big]=\tfrac{c(1-x)}{\hat v^2}\ (\ge0 \text{ for } x\le1)"),
        Identity("cor2_telescoping", lhs=sp.log(s + 4) - sp.log(s + 1),
                 rhs=sum(sp.log(s + kk + 1) - sp.log(s + kk) for kk in range(1, 4)), source=src("Cor. 2, fn. 6"),
                 over=[(s, 0, 3)],
                 statement=r"\log\tilde v(n)-\log\tilde v(m) = \sum_{k=m}^{n-1}[\log\tilde v(k+1)-\log\tilde v(k)]"),
        FiniteFact("multi_unit_copies", source=src("Sec. 5 (multi-unit demand)"), compute=_multi_unit,
                   statement=r"\text{copies } 1_a,1_b:\ v(\{1_a\})=v(\{1_b\}),\ \text{ratio-monotone path}: LP^*=PB"),
        # Sec. 6
        Identity("top_up_margin", lhs=(s - x) / x, rhs=1 / (x / s) - 1, source=src("Sec. 6"),
                 over=[(x, sp.Rational(1, 10), 1), (s, 1, 2)],
                 statement=r"\tfrac{v(b^*)-v(b)}{v(b)} = \tfrac1{r(b)}-1"),
        FiniteFact("fn7_revealed_preference", source=src("Sec. 6, fn. 7"), compute=_fn7,
                   statement=r"\text{sum of the two IC constraints} = (v(b^*,t)-v(b^*,t'))(r(b,t)-r(b',t))"),
        Identity("parametric_ratio_derivative", lhs=sp.diff(w / ((1 + al) * w + dl), w), rhs=dl / ((1 + al) * w + dl) ** 2,
                 source=src("Sec. 6"), over=[(w, 1, 2), (al, sp.Rational(1, 2), 2), (dl, 0, 1)],
                 statement=r"\partial_w\tfrac{w}{(1+\alpha)w+\delta} = \tfrac{\delta}{((1+\alpha)w+\delta)^2}"),
        Identity("parametric_tau_constant", lhs=w / ((1 + al) * w + tau * w), rhs=1 / (1 + al + tau), source=src("Sec. 6"),
                 over=[(w, 1, 2), (al, sp.Rational(1, 2), 2), (tau, 0, 1)],
                 statement=r"\delta=\tau w:\ r(\{1\}) = \tfrac1{1+\alpha+\tau}"),
        Inequality("parametric_grand_maximal_delta_negative", lhs=2 * w - sp.Rational(1, 2), rel=">=", rhs=w,
                   source=src("Sec. 6 (spec gap G10)"), expect="fails",
                   over=[(w, sp.Rational(1, 10), 2)],
                   statement=r"\alpha=1,\ \delta=-\tfrac12:\ (1+\alpha)w+\delta\ge\max(1,\alpha)w \ \forall w",
                   note="the model needs b* maximal; with delta < 0 this fails for w < -delta / min(1, alpha)"),
        # Sec. 7 (spec conjecture C3): robustness of a strictly increasing relative-value law
        PBOptimalLP("C3_perturbed_up", law=lambda: _perturbed_r4(Fr(1, 50), True), source=src("Sec. 7 (spec C3)"),
                    statement=r"\text{R4 with } r_1 \text{ mildly increasing in } s\ (\eta=\tfrac1{50}):\ LP^*=PB",
                    note="spec conjecture C3, verdict on this instance: LP* = PB persists, although for additive values "
                         "the perturbed law no longer satisfies Thm. 1's condition (it needs independence)"),
        PBOptimalLP("C3_perturbed_down", law=lambda: _perturbed_r4(Fr(1, 50), False), source=src("Sec. 7 (spec C3)"),
                    statement=r"\text{R4 with } r_1 \text{ mildly decreasing in } s\ (\eta=\tfrac1{50}):\ LP^*=PB",
                    note="the spec's C3 expected a decreasing perturbation to break PB at rate O(eta); at eta = 1/50 it "
                         "does not (LP* = PB exactly): that half of C3 is not supported on this instance"),
    ]


DERIVATION = Derivation(
    name="hh_extensions",
    title="Haghpanah-Hartline Sec. 4.3, 5, 6, 7: Def. 3, Prop. 2, costs (Prop. 3, Cor. 1), qualities (Cor. 2), "
          "multi-unit demand, interpretations",
    scope=SCOPE,
    claims=_claims(),
    model=r"\tilde v(b,t)=v(b,t)-c(b);\ \bar v(b,v)=v\,\bar r(b,v);\ v(\{1\})=w,\ v(\{2\})=\alpha w,\ v(b^*)=(1+\alpha)w+\delta",
    references=(PAPER + ", version of August 28, 2020 (the text encoded here); published in the Review of Economic Studies (2021)",),
)

if __name__ == "__main__":  # pragma: no cover
    print(DERIVATION.verify(digits=50))
