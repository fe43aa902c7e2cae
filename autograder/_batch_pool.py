"""grade-all's pool: plain child processes that die with the grader, and leave nothing behind.

Not multiprocessing: its pool processes outlive a SIGKILLed parent for as long as their task
runs, and its semaphores are files in /dev/shm that nobody removes then. Here each pool process
is ``python -m autograder._batch_pool PARENT_PID``, which asks the kernel to SIGKILL it when its
parent dies (PR_SET_PDEATHSIG; its sandboxes die with it: bwrap --die-with-parent). It reads one
job per line on stdin (JSON: the arguments of `batch.grade_entry`) and writes one record per
line on a private copy of its stdout; its fd 1 points at stderr, so nothing printed while
grading can corrupt the records.

    run(jobs, workers, finish)   grade every job in `workers` processes; finish(record) each
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import signal
import subprocess
import sys
from collections.abc import Callable
from typing import IO

PR_SET_PDEATHSIG = 1
#: the environment of a pool process: one BLAS / OpenMP thread each, so they share the cores
_ONE_THREAD = dict.fromkeys(("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"), "1")


class PoolProcessDied(RuntimeError):
    """A pool process ended without answering (killed from outside, out of memory)."""


class _Process:
    def __init__(self) -> None:
        self.popen = subprocess.Popen(
            [sys.executable, "-m", "autograder._batch_pool", str(os.getpid())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={**os.environ, **_ONE_THREAD},
            text=True,
            bufsize=1,
        )
        self.job: dict | None = None

    def give(self, job: dict) -> None:
        self.job = job
        self.popen.stdin.write(json.dumps(job) + "\n")
        self.popen.stdin.flush()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.popen.kill()
        self.popen.wait()


def run(jobs: list[dict], workers: int, finish: Callable[[dict], None]) -> None:
    todo = list(reversed(jobs))
    pool = [_Process() for _ in range(min(workers, len(jobs)))]
    selector = selectors.DefaultSelector()
    try:
        for p in pool:
            selector.register(p.popen.stdout, selectors.EVENT_READ, p)
            if todo:
                p.give(todo.pop())
        busy = sum(p.job is not None for p in pool)
        while busy:
            for key, _ in selector.select():
                p: _Process = key.data
                line = p.popen.stdout.readline()
                if not line:
                    raise PoolProcessDied(
                        f"a grading process died while grading {p.job['entry_id']}"
                    )
                p.job = None
                busy -= 1
                finish(json.loads(line))
                if todo:
                    p.give(todo.pop())
                    busy += 1
    finally:
        for p in pool:  # SIGKILL: its sandboxes die with it (and their zygotes clean up)
            p.stop()
        selector.close()


def _serve(parent: int, out: IO[str]) -> None:
    from . import batch
    from .config import GradeConfig

    for line in sys.stdin:
        job = json.loads(line)
        job["config"] = GradeConfig(**job["config"])
        record = batch.grade_entry(**job)
        out.write(json.dumps(record) + "\n")
        out.flush()
        if os.getppid() != parent:
            return


def main() -> None:
    import ctypes

    parent = int(sys.argv[1])
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    out = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    with contextlib.suppress(ImportError):
        import torch

        torch.set_num_threads(1)
    _serve(parent, out)


if __name__ == "__main__":
    main()
