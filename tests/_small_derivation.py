"""A small derivation whose claims settle in well under a second each (for cache/parallel tests)."""
import sympy as sp

from symmech import AllOf, Derivation, Identity, Inequality, Scope

k = sp.Symbol("k", positive=True)


def build(const=sp.Rational(1, 2), lo=0, name="small") -> Derivation:
    """Claims over k in (lo, 1): two that hold, one conjunction, one expected to fail at k < const."""
    scope = Scope({k: sp.Interval.open(lo, 1)})
    claims = [
        Identity("square", lhs=(k + 1) ** 2, rhs=k ** 2 + 2 * k + 1, source="algebra"),
        Inequality("am_gm", lhs=k ** 2 + 1, rhs=2 * k, source="AM-GM"),
        AllOf("both", parts=[Inequality("pos", lhs=k, rhs=0, rel=">"),
                             Inequality("below_one", lhs=1, rhs=k, rel=">")]),
        Inequality("too_big", lhs=k, rhs=const, expect="fails", source="false on purpose"),
    ]
    return Derivation(name=name, title="a small test derivation", scope=scope, claims=claims)
