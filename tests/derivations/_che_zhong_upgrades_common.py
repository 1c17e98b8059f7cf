"""Shared helpers of the Issue 6 Che-Zhong upgrade tests (test_che_zhong_upgrades*.py), which are split
into several files so that pytest-xdist (``--dist loadfile``) can run them on different workers."""

#: reduced precision of the upgrade tests (the derivations' own runs use the defaults)
FAST = dict(digits=20, samples=3)


def _find(claims, cid):
    """A claim by id, looking through Budgeted wrappers, AllOf parts and Implied routes."""
    stack = list(claims)
    while stack:
        c = stack.pop()
        if c.id == cid and not hasattr(c, "inner"):
            return c
        stack.extend(getattr(c, "parts", ()) or ())
        stack.extend(x for x in (getattr(c, "inner", None), getattr(c, "direct", None)) if x is not None)
        stack.extend(getattr(c, "sufficient", ()) or ())
    raise KeyError(cid)


def _status(claim, scope):
    return claim.check(scope, **FAST).status
