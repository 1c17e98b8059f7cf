"""The exit codes of every ``symmech`` command, one table (documented in docs/cli.md, checked by a test)."""
from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What a command's exit status means, the same for every command."""

    OK = 0
    FALLS_SHORT = 1
    INVALID = 2
    CONFLICT = 3
    UNDECIDED = 4
    OUTPUT_FAILED = 5


MEANING = {
    ExitCode.OK: "everything asked for is established: every verdict agrees with its expectation (`verify`), every "
                 "claim holds (`check`), every answer is proved or certified (`solve`), no mutant survives "
                 "(`mutate`), every item is covered (`coverage`)",
    ExitCode.FALLS_SHORT: "something is false or falls short: a claim is refuted or a verdict disagrees with its "
                          "expectation, an answer is only confirmed (numerics without proof), a mutant survives, "
                          "an item is not covered",
    ExitCode.INVALID: "invalid input, nothing was checked: a usage error, an unknown derivation or claim id, an "
                      "unreadable or malformed file, an impossible model, a question ask mode does not answer, "
                      "the memory cap",
    ExitCode.CONFLICT: "soundness conflict: two provers disagree on a claim (a bug of symmech: please report it)",
    ExitCode.UNDECIDED: "undecided: nothing is refuted or disagrees, but at least one claim or answer is undecided",
    ExitCode.OUTPUT_FAILED: "the checking finished but its output could not be produced (LaTeX did not compile, a "
                            "file could not be written)",
}


def for_verdicts(statuses, *, agree=None, conflict: bool = False) -> ExitCode:
    """The exit code of a run whose verdicts have ``statuses`` (strings); ``agree``: per verdict, whether it
    agrees with its claim's expectation (None: a claim holds iff it is proved, certified or confirmed)."""
    statuses = list(statuses)
    agree = [s in ("proved", "certified", "confirmed") for s in statuses] if agree is None else list(agree)
    if conflict:
        return ExitCode.CONFLICT
    if any(not a and s != "undecided" for s, a in zip(statuses, agree)):
        return ExitCode.FALLS_SHORT
    if "undecided" in statuses:
        return ExitCode.UNDECIDED
    return ExitCode.OK
