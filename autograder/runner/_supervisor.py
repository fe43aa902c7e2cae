"""One budget for everything a sandbox runs: memory summed over its processes, and CPU time.

RLIMIT_AS bounds each process, not their sum (five children of 900 MiB each pass a 4096 MiB
limit), and RLIMIT_CPU likewise. Where no cgroup is delegated to the grader (see
docs/isolation.md), a grader thread samples the sandbox's process tree every `PERIOD`
seconds: the resident memory of all its processes together, and the CPU time of all of them,
the reaped ones included (a parent's ``cutime``/``cstime`` hold its waited-for children). Over
either budget, the whole sandbox is killed, and `reason` says why.

Sampling can miss a burst shorter than `PERIOD`; RLIMIT_AS still caps each process, and the
tmpfs size caps files (which do not show as process memory).
"""

from __future__ import annotations

import os
import threading

from . import _procs

PERIOD = 0.1
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _usage(pid: int) -> tuple[int, float]:
    """(resident bytes, CPU seconds of it and its reaped children) of one process."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            rss = int(f.read().split()[1]) * _PAGE
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read()
    except (OSError, IndexError, ValueError):
        return 0, 0.0
    fields = data[data.rfind(b")") + 2 :].split()
    # fields 14-17 of stat (utime, stime, cutime, cstime), counted from the state (field 3)
    ticks = sum(int(x) for x in fields[11:15])
    return rss, ticks / _TICK


class Supervisor:
    """Watch the process tree under `root` until `stop()`; kill it over a budget."""

    def __init__(self, root: int, memory_bytes: int, cpu_seconds: float | None) -> None:
        self._root, self._memory, self._cpu_limit = root, memory_bytes, cpu_seconds
        self.reason: str | None = None
        self.peak_bytes = 0
        self.cpu_seconds = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="backprop-kit-budget", daemon=True)
        self._thread.start()

    def _sample(self) -> tuple[int, float]:
        pids = [self._root, *_procs.descendants(self._root)]
        memory, cpu = 0, 0.0
        for pid in pids:
            rss, seconds = _usage(pid)
            memory, cpu = memory + rss, cpu + seconds
        return memory, cpu

    def _watch(self) -> None:
        while not self._stop.wait(PERIOD):
            memory, cpu = self._sample()
            self.peak_bytes = max(self.peak_bytes, memory)
            self.cpu_seconds = max(self.cpu_seconds, cpu)
            if self._memory and memory > self._memory:
                self.reason = (
                    f"its processes used {memory / 2**20:.0f} MiB together "
                    f"(the limit is {self._memory / 2**20:.0f} MiB)"
                )
            elif self._cpu_limit is not None and cpu > self._cpu_limit:
                self.reason = f"the submission's CPU time budget ({self._cpu_limit:g} s) is spent"
            else:
                continue
            _procs.kill_until_gone(lambda: _procs.descendants(self._root))
            _procs.kill([self._root])
            return

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
