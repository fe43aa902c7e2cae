"""grade-all beyond one machine: the submissions are graded by the workers of a Dask
distributed cluster (``grade-all FOLDER --scheduler tcp://host:port``).

    run(jobs, scheduler, finish)   grade every job on the cluster; finish(record) each

One task per submission: `grade_job` calls `batch.grade_entry`, the very function a pool
process of `_batch_pool` calls, so each submission is graded inside its own sandbox on the
worker, isolated exactly as on one machine. Only plain data crosses the network: the job (the
arguments of `grade_entry`, as for a pool process) and the record it returns. The client --
`batch.grade_all` on the instructor's machine -- signs and writes every result as it arrives
(`finish`): the key never leaves it, the outputs are those of a run on one machine, and a run
killed at any moment is resumed by running the same command again, which grades only what is
missing. Tasks still running when the client goes away are cancelled by the scheduler.

What a worker needs: the kit installed (the same version), the submissions at the same path
(a shared filesystem), and a sandbox (bubblewrap, or root). Each task stages a single-file
submission in a private temporary folder of its own worker (`out` need not be shared) and
pins torch to one thread; start workers with ``OMP_NUM_THREADS=1`` and ``--nthreads 1`` so
one submission is graded per core, as `_batch_pool` does.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
from collections.abc import Callable

from .errors import SubmissionUnreadable

#: a task's key prefix on the dashboard
TASK = "backprop-kit-grade"
#: how long to wait for the scheduler to answer
CONNECT_TIMEOUT = "30s"


def grade_job(job: dict) -> dict:
    """One submission's record, on a worker (`batch.grade_entry` with the job's arguments)."""
    from . import batch
    from .config import GradeConfig

    try:
        import torch

        torch.set_num_threads(1)
    except ImportError:
        pass
    staging = tempfile.mkdtemp(prefix="backprop-kit-staging-")
    try:
        arguments = {**job, "config": GradeConfig(**job["config"]), "staging": staging}
        return batch.grade_entry(**arguments)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _client(scheduler: str):  # noqa: ANN202 - distributed is an optional dependency
    try:
        from distributed import Client
    except ImportError:
        raise SubmissionUnreadable(
            "--scheduler needs Dask distributed: pip install 'backprop-kit[distributed]'"
        ) from None
    try:
        return Client(scheduler, set_as_default=False, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        raise SubmissionUnreadable(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None


def run(jobs: list[dict], scheduler: str, finish: Callable[[dict], None]) -> None:
    from distributed import as_completed

    run_id = secrets.token_hex(4)  # a task of an earlier, killed run is never mistaken for ours
    with _client(scheduler) as client:
        futures = [
            # pure=False: a regrade (--only) is a new task, never a cached result
            client.submit(grade_job, job, key=f"{TASK}-{run_id}-{i}", pure=False)
            for i, job in enumerate(jobs)
        ]
        try:
            for future in as_completed(futures, loop=client.loop):
                finish(future.result())
        finally:
            client.cancel(futures)
