"""Closed forms shared by the Che-Zhong derivations (``derivations/che_zhong_*.py``): one product group K for
phi_K(z) = z^2 in the parameters alpha_K and ell_K = beta_K / alpha_K (Lemma 2 run backwards), and theta(alpha, z)
of eq. (27)."""
from __future__ import annotations

import sympy as sp

p_sym = sp.Symbol("p", positive=True)
z_sym = sp.Symbol("z", nonnegative=True)


def phi(u):
    """phi_K(z) = z^2."""
    return u**2


def dphi(u):
    return 2 * u


def lam_denominator(al, ell):
    """1/lambda_K = int_al^be (phi'(be) - phi'(x))/x dx = 2 (be log ell - be + al)."""
    be = al * ell
    return 2 * (be * sp.log(ell) - be + al)


def group(al, ell, *, z=z_sym, p=p_sym, lam=None) -> dict:
    """Closed forms for one group with alpha_K = al, ell_K = ell (phi = z^2).

    ``lam`` may be a symbol standing for lambda_K (defined by ``lam * lam_denominator = 1``);
    by default lambda_K is the explicit expression.
    """
    be = al * ell
    m = al * (1 + sp.log(ell))
    s = 2 * al * be - al**2
    lam = 1 / lam_denominator(al, ell) if lam is None else lam
    t_mid = lam * (dphi(be) * (z - al) - phi(z) + phi(al))
    return dict(alpha=al, beta=be, ell=ell, m=m, s=s, lam=lam,
                g=lam * (dphi(be) - dphi(p)) / p, t_mid=t_mid, t_top=t_mid.subs(z, be),
                lam0=lam * (phi(al) - dphi(be) * al), mu_m=lam * dphi(be))


def theta_mid(al, u):
    """theta(alpha, z) = E_{F_alpha}(z - Z)^+ for z in [alpha, beta]: z - alpha - alpha log(z/alpha)
    (Che and Zhong, eq. (27) / Prop. 1); 0 below alpha and z - m_K above beta."""
    return u - al - al * sp.log(u / al)
