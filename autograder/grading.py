"""The grading loop: every check of every unit, each in its own seeded, timed slot.

`run_class` is shared by all entry points (CLI, notebook self-check, nbgrader cells, CI);
`grade` adds loading a path and running it in a worker process.
"""

from __future__ import annotations

import zlib
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from . import assignments
from ._choose import choose
from ._config import GradeConfig
from ._exceptions import CheckFailed, GradingError, SubmissionError
from ._results import CheckResult, GradeResult
from .checks._drive import Ctx
from .checks._gate import pay_only_right_values
from .checks.rubric import CheckDef
from .loading import load_submission
from .runner import RemoteSession


def check_seed(seed: int, layer: str, check: str) -> list[int]:
    """Each check's own seed sequence: independent of the order checks run in."""
    return [seed, zlib.crc32(f"{layer}/{check}".encode())]


def _run_one(session, unit: Any, d: CheckDef, seed: int, reveal: bool) -> CheckResult:
    ctx = Ctx(unit, session, np.random.default_rng(check_seed(seed, unit.name, d.name)), reveal)
    name, method = d.name, d.method
    try:
        note = d.run(ctx)
    except CheckFailed as exc:
        return CheckResult(name, unit.name, method, "failed", 0, d.points, str(exc))
    except SubmissionError as exc:
        return CheckResult(name, unit.name, method, exc.status, 0, d.points, str(exc))
    except GradingError as exc:
        return CheckResult(name, unit.name, method, "error", 0, d.points, str(exc))
    # a check may return a note for a pass (e.g. the accuracy an end-to-end run reached)
    note = note if isinstance(note, str) else ""
    return CheckResult(name, unit.name, method, "passed", d.points, d.points, note)


def run_class(
    session,
    unit: Any,
    seed: int,
    *,
    defs: list[CheckDef] | None = None,
    reveal: bool = True,
    timeout: float = 20.0,
) -> list[CheckResult]:
    """Every check of one unit (a class). `defs` defaults to the unit's assignment rubric."""
    if defs is None:
        defs = assignments.find_unit(unit.name)[0].rubric(unit)
    total = sum(d.points for d in defs)
    try:
        session.start_check(timeout)
        problem = session.class_problem(unit.name)
    except SubmissionError as exc:
        problem = str(exc)
    if problem:
        return [CheckResult("class defined", unit.name, None, "error", 0, total, problem)]
    results = []
    for d in defs:
        session.start_check(d.timeout or timeout)
        results.append(_run_one(session, unit, d, seed, reveal))
    # a rule of the contract (shapes, in-place, caches, ...) pays only with right values
    return pay_only_right_values(defs, results)


def grade(path: str | Path, config: GradeConfig | None = None) -> GradeResult:
    """Grade a notebook, .py file or folder. Raises SubmissionUnreadable if it cannot be read."""
    config = config or GradeConfig()
    choice = choose(path, config.assignment)
    assignment = assignments.get(choice.assignment)
    submission = load_submission(path, files=choice.files)
    seed = config.resolved_seed()
    results: list[CheckResult] = []
    session = RemoteSession(
        submission, memory_mb=config.memory_mb, budget=config.budget or None, disk_mb=config.disk_mb
    )
    with session:
        for unit in assignment.units:
            results += run_class(
                session,
                unit,
                seed,
                defs=assignment.rubric(unit),
                reveal=config.reveal,
                timeout=config.check_timeout,
            )
        problems = session.load_problems
    if not config.reveal:  # hidden tests: reporters keep these checks from students
        results = [replace(c, hidden=True) for c in results]
    return GradeResult(
        submission=str(path),
        assignment=assignment.name,
        seed=seed,
        checks=tuple(results),
        diagnostics=(*choice.notes, *submission.diagnostics, *problems),
        output=session.output(),
        isolation=session.isolation,
    )
