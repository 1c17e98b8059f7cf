"""Resource limits of the ``check`` and ``solve`` commands: a memory cap for the whole process.

Time is bounded per claim (:data:`symmech.conjecture.evaluate.CLAIM_SECONDS`, the whole-range proofs'
:data:`symmech.conjecture.proofs.RANGE_SECONDS`); memory by the address-space limit set here, so a
runaway SymPy expression raises ``MemoryError`` (reported as ``undecided``) instead of exhausting the
machine.  Sweep workers inherit the limit.
"""
from __future__ import annotations

__all__ = ["limit_memory", "DEFAULT_MB", "near_cap", "cap_message", "capped_out"]

#: default address-space cap in MiB (a typical check needs ~200 MiB resident, ~1.5 GiB of address space)
DEFAULT_MB = 6144


def limit_memory(mb: int | None) -> str:
    """Cap the process's address space at ``mb`` MiB (0/None: no cap); returns what was done."""
    if not mb:
        return "no memory cap"
    try:
        import resource  # lazy: inside a try: the library is optional
    except ImportError:          # not on POSIX
        return "memory cap unavailable on this platform"
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    want = int(mb) * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        want = min(want, hard)
    if soft != resource.RLIM_INFINITY and soft <= want:
        return f"memory cap {soft // 2**20} MiB (already set)"
    resource.setrlimit(resource.RLIMIT_AS, (want, hard))
    global _ACTIVE_MB
    _ACTIVE_MB = want // 2**20
    return f"memory cap {want // 2**20} MiB"


#: the cap this process set (MiB), None when none
_ACTIVE_MB: int | None = None


def capped_out() -> bool:
    """Whether this process set a memory cap and its address space peaked near it: an error caught now (an
    ImportError of a shared library that could not be mapped, a SyntaxError from a parser) is the cap's doing
    and must end the command as the cap, never become a claim's ``undecided``."""
    return near_cap(_ACTIVE_MB)


def _peak_mib() -> float | None:
    """The process's peak address space (``VmPeak`` of /proc/self/status) in MiB; None where unknown."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def near_cap(mb: int | None, fraction: float = 0.8) -> bool:
    """Whether the address space peaked at ``fraction`` of the cap or more: an error raised then is taken as
    the cap's doing.  Running out of memory does not always surface as ``MemoryError``: SymPy and symmech
    catch broad exceptions and go on with partial results, and CPython reports a parser or ``compile`` that
    runs out of memory (e.g. inside ``lambdify``) as a ``SyntaxError``."""
    peak = _peak_mib()
    return bool(mb) and peak is not None and peak >= fraction * mb


def cap_message(mb: int, exc: BaseException | None = None) -> str:
    """The one-line error of a run stopped by the memory cap."""
    how = "" if exc is None or isinstance(exc, MemoryError) else f"; it surfaced as {type(exc).__name__}: {exc}"
    return f"error: the memory cap of {mb} MiB was reached (--memory-mb){how}\n"
