"""How busy the machine is, so that a check's wall-clock limit is not the student's loss.

A per-check limit is written for an idle machine (20 s). When other graders share the cores,
the same code takes longer in wall-clock time though it does no more work. The deadline of a
check is therefore its limit times the machine's load per core at the check's start (at least
1, at most `MAX_FACTOR`), and a timeout says how much CPU the code actually used, so an
instructor can tell an endless loop (CPU close to the limit) from a wait (little CPU).
"""

from __future__ import annotations

import os

#: never stretch a limit by more than this (a stuck machine must still end the check)
MAX_FACTOR = 8.0


def load_factor() -> float:
    """Runnable processes per core over the last minute, clamped to [1, MAX_FACTOR]."""
    try:
        per_core = os.getloadavg()[0] / (os.cpu_count() or 1)
    except OSError:  # no load average on this platform
        return 1.0
    return min(MAX_FACTOR, max(1.0, per_core))


def timeout_message(where: str, limit: float, allowed: float, cpu: float | None) -> str:
    """The one line for a check that ran out of time."""
    stretched = f" ({limit:g} s, scaled for the machine's load)" if allowed > limit + 1e-9 else ""
    if cpu is None:
        return f"{where} did not finish within {allowed:g} s{stretched} (infinite loop?)"
    if cpu >= 0.5 * limit:
        return (
            f"{where} did not finish within {allowed:.3g} s{stretched}: it computed for "
            f"{cpu:.1f} s of CPU time (infinite loop, or far too slow?)"
        )
    return (
        f"{where} did not finish within {allowed:.3g} s{stretched}, using only {cpu:.1f} s of "
        "CPU time: it was waiting, not computing (sleep, input(), a lock?)"
    )
