"""compare(exact_zero=False): the pointwise fast path skips only the SymPy simplify-to-0.

Values: kt = -k/W_{-1}(-k/e) solves kt (1 - ln kt) = k (Carrasco et al., Prop. 3.2), so at k = 1/10
the worst case (kt - k)/ln kt of the mean_range_optimal allocation equals kt (independent check:
(kt - k)/ln kt = kt  <=>  kt - k = kt ln kt, which is the defining equation).
"""
import sympy as sp

from symmech.conjecture.exact import compare

K = sp.Rational(1, 10)
KT = -K / sp.LambertW(-K / sp.E, -1)
WORST = (KT - K) / sp.log(KT)


def test_equal_pair_is_a_zero_either_way():
    fast = compare(KT, WORST, 50, exact_zero=False)
    assert fast.sign == 0 and not fast.rigorous


def test_perturbed_pair_keeps_its_rigorous_sign():
    # negative: shift the claimed value by 1e-30 either way; the sign is rigorous and unchanged by the flag
    eps = sp.Rational(1, 10 ** 30)
    for delta, sign in ((eps, 1), (-eps, -1)):
        for flag in (True, False):
            c = compare(KT + delta, WORST, 50, exact_zero=flag)
            assert c.sign == sign and c.rigorous, (delta, flag, c)


def test_rationals_stay_exact():
    c = compare(sp.Rational(1, 3), sp.Rational(2, 6), exact_zero=False)
    assert c.sign == 0 and c.rigorous
