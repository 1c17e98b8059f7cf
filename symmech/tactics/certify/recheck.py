"""Independent re-verification of a certificate (``recheck``): the problem is rebuilt from the original
expression and every box proof replayed; used by tests and by anyone who wants to check a certified
verdict without trusting the search that found it."""
from __future__ import annotations

import sympy as sp

from symmech.tactics.certify import polynomial
from symmech.tactics.certify.branch_bound import Problem, exact_floats, is_sym_zero, replay_proof
from symmech.tactics.certify.certificate import Certificate, covers
from symmech.tactics.certify.lambertw import lambertw_identity


def recheck(certificate: Certificate) -> bool:
    """Independently re-verify a certificate; True iff it proves the claim on
    its whole domain."""
    try:
        return _recheck(certificate)
    except Exception:
        return False


def _recheck(cert: Certificate) -> bool:
    if not isinstance(cert, Certificate) or not cert.complete or cert.uncovered:
        return False
    if cert.relation not in (">=", ">", "=="):
        return False
    if cert.method == "identity(lambertw)":
        return cert.relation == "==" and lambertw_identity(
            exact_floats(sp.sympify(cert.expr)), tuple(cert.variables), cert.domain,
            lambda F: is_sym_zero(F, 10 ** 4)) is not None
    if cert.method.startswith("identity"):
        return cert.relation == "==" and is_sym_zero(exact_floats(sp.sympify(cert.expr)), 10 ** 6)
    if cert.method.startswith("real-roots"):
        return polynomial.recheck_real_roots(cert)
    if cert.relation == "==":
        return False
    prob = Problem(cert.expr, cert.variables)
    boxes = [p.box for p in cert.proofs]
    if not boxes or not covers(cert.domain, boxes):
        return False
    for p in cert.proofs:
        if not replay_proof(prob, p, cert.relation, cert.prec):
            return False
    return True
