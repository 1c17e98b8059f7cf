"""Resource limits of the ``check`` and ``solve`` commands: a memory cap for the whole process.

Time is bounded per claim (:data:`symmech.conjecture.evaluate.CLAIM_SECONDS`, the whole-range proofs'
:data:`symmech.conjecture.proofs.RANGE_SECONDS`); memory by the address-space limit set here, so a
runaway SymPy expression raises ``MemoryError`` (reported as ``undecided``) instead of exhausting the
machine.  Sweep workers inherit the limit.
"""
from __future__ import annotations

__all__ = ["limit_memory", "DEFAULT_MB"]

#: default address-space cap in MiB (a typical check needs ~200 MiB resident, ~1.5 GiB of address space)
DEFAULT_MB = 6144


def limit_memory(mb: int | None) -> str:
    """Cap the process's address space at ``mb`` MiB (0/None: no cap); returns what was done."""
    if not mb:
        return "no memory cap"
    try:
        import resource
    except ImportError:          # not on POSIX
        return "memory cap unavailable on this platform"
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    want = int(mb) * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        want = min(want, hard)
    if soft != resource.RLIM_INFINITY and soft <= want:
        return f"memory cap {soft // 2**20} MiB (already set)"
    resource.setrlimit(resource.RLIMIT_AS, (want, hard))
    return f"memory cap {want // 2**20} MiB"
