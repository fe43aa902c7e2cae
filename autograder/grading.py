"""The grading loop: every check of every class, each in its own seeded, timed slot.

`run_checks` is shared by all entry points (CLI, notebook self-check, nbgrader cells, CI);
`grade` adds loading a path and running it in a worker process.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from . import assignments
from ._config import GradeConfig
from ._exceptions import CheckFailed, GradingError, SubmissionError
from ._results import CheckResult, GradeResult
from .checks import checks_for
from .checks._drive import Ctx
from .contract import Spec
from .loading import load_submission
from .runner import RemoteSession


def check_seed(seed: int, layer: str, check: str) -> list[int]:
    """Each check's own seed sequence: independent of the order checks run in."""
    return [seed, zlib.crc32(f"{layer}/{check}".encode())]


def run_class(
    session, spec: Spec, seed: int, *, reveal: bool = True, timeout: float = 20.0
) -> list[CheckResult]:
    defs = checks_for(spec)
    total = sum(d.points for d in defs)
    try:
        session.start_check(timeout)
        problem = session.class_problem(spec.name)
    except SubmissionError as exc:
        problem = str(exc)
    if problem:
        return [CheckResult("class defined", spec.name, None, "error", 0, total, problem)]
    results = []
    for d in defs:
        ctx = Ctx(
            spec=spec,
            session=session,
            rng=np.random.default_rng(check_seed(seed, spec.name, d.name)),
            reveal=reveal,
        )
        session.start_check(timeout)
        try:
            d.run(ctx)
        except CheckFailed as exc:
            results.append(
                CheckResult(d.name, spec.name, d.method, "failed", 0, d.points, str(exc))
            )
        except SubmissionError as exc:
            results.append(
                CheckResult(d.name, spec.name, d.method, exc.status, 0, d.points, str(exc))
            )
        except GradingError as exc:
            results.append(CheckResult(d.name, spec.name, d.method, "error", 0, d.points, str(exc)))
        else:
            results.append(CheckResult(d.name, spec.name, d.method, "passed", d.points, d.points))
    return results


def run_checks(
    session, specs: Iterable[Spec], seed: int, *, reveal: bool = True, timeout: float = 20.0
) -> list[CheckResult]:
    results: list[CheckResult] = []
    for spec in specs:
        results += run_class(session, spec, seed, reveal=reveal, timeout=timeout)
    return results


def grade(path: str | Path, config: GradeConfig | None = None) -> GradeResult:
    """Grade a notebook, .py file or folder. Raises SubmissionUnreadable if it cannot be read."""
    config = config or GradeConfig()
    name = config.assignment or assignments.infer(path)
    specs = assignments.specs_for(name)
    submission = load_submission(path)
    seed = config.resolved_seed()
    with RemoteSession(submission, memory_mb=config.memory_mb) as session:
        results = run_checks(
            session, specs, seed, reveal=config.reveal, timeout=config.check_timeout
        )
        problems = session.load_problems
    diagnostics = (*submission.diagnostics, *problems)
    return GradeResult(
        submission=str(path),
        assignment=name,
        seed=seed,
        checks=tuple(results),
        diagnostics=tuple(diagnostics),
    )
