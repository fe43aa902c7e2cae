"""The one configuration object. The CLI fills it from its arguments; nothing else reads options."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass

#: The seed the notebooks' self-check cells use. Public: students see it.
PUBLIC_SEED = 0


@dataclass(frozen=True)
class GradeConfig:
    #: base seed for every check (each check derives its own from it and its name);
    #: None draws a fresh one, which the report prints so a run can be reproduced
    seed: int | None = None
    #: wall-clock seconds one check may take before it is stopped and scored "timeout"
    check_timeout: float = 20.0
    #: memory of the submission, in MiB: the address space of each of its processes and, in a
    #: bubblewrap sandbox, their resident memory summed (0 = no limit)
    memory_mb: int = 4096
    #: seconds of wall-clock time, and of CPU time summed over all its processes, one
    #: submission may take in all (loading, reloads after crashes, every check); after that
    #: the remaining checks are scored "timeout" (0 = no budget)
    budget: float = 600.0
    #: MiB the submission's files may take (its sandbox's tmpfs; also the largest file)
    disk_mb: int = 512
    #: assignment whose rubric to use; None infers it from the path (default: 01_layers)
    assignment: str | None = None
    #: whether failure messages may show expected values (False for hidden tests)
    reveal: bool = True

    def resolved_seed(self) -> int:
        """The seed to use: the configured one, else $BACKPROP_KIT_SEED, else a fresh one."""
        if self.seed is not None:
            return self.seed
        env = os.environ.get("BACKPROP_KIT_SEED")
        if env:
            return int(env)
        return secrets.randbelow(2**31)


@dataclass(frozen=True)
class BatchConfig:
    """How `grade-all` runs (GradeConfig says how each submission is graded)."""

    #: grade only the submission with this id, again even when it was graded before (its
    #: result, feedback, gradebook row, exports and the class report are rewritten); None: all
    only: str | None = None
    #: address of a Dask distributed scheduler (``tcp://host:port``) whose workers grade the
    #: submissions; None grades on this machine
    scheduler: str | None = None
    #: write the class report, the feedback files and the LMS exports after the run
    report: bool = True
