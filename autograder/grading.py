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
from .choose import choose
from .config import PUBLIC_SEED, GradeConfig
from .errors import CheckFailed, GradingError, SubmissionError
from .loading import load_submission
from .results import CheckResult, GradeResult
from .runner import RemoteSession
from .toolkit.drive import Ctx
from .toolkit.gate import pay_only_right_values
from .toolkit.rubric import CheckDef


def check_seed(seed: int, unit: str, check: str) -> list[int]:
    """Each check's own seed sequence: independent of the order checks run in."""
    return [seed, zlib.crc32(f"{unit}/{check}".encode())]


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
        defs = assignments.owner(unit).rubric(unit)
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


def public_and_hidden(public: GradeResult, hidden: GradeResult) -> GradeResult:
    """One result from a public run (values shown) and a hidden run (another seed, no values) of
    the same submission: what Gradescope's mixed mode shows and scores.

    Scoring: a check earns its points only when it passes on both the public and the hidden
    inputs -- per check, the lower of its two scores, carried by the hidden entry; the public
    entries are worth 0 (pass / fail and values, at once). So the total never exceeds either
    run's (a submission tuned to the public seed gains nothing) and never counts a check twice;
    it equals nbgrader's per-class min(public, hidden) whenever both runs fail the same checks
    (the usual case: a wrong gradient is wrong on any input) and is at most that otherwise.
    Only the public run's printed output and diagnostics are kept: what the code printed on
    the hidden inputs could show them."""
    public_by_check = {(c.unit, c.name): c for c in public.checks}
    checks = [
        replace(c, name=f"{c.name} (public inputs)", score=0, max_score=0, hidden=False)
        for c in public.checks
    ]
    for c in hidden.checks:
        p = public_by_check.get((c.unit, c.name))
        score = c.score if p is None else min(c.score, p.score)
        status, message = c.status, c.message
        if p is not None and c.passed and not p.passed:
            status = "failed"
            message = "passes on the hidden inputs, but not on the public ones (see that check)"
        checks.append(
            replace(
                c,
                name=f"{c.name} (hidden inputs)",
                score=score,
                status=status,
                message=message,
                hidden=True,
            )
        )
    return replace(
        hidden,
        checks=tuple(checks),
        diagnostics=public.diagnostics,
        output=public.output,
        isolation=public.isolation,
    )


def grade_public_and_hidden(
    path: str | Path, config: GradeConfig, hidden_seed: int, public_seed: int = PUBLIC_SEED
) -> GradeResult:
    """`grade` twice -- `public_seed` with values shown, `hidden_seed` without -- combined by
    `public_and_hidden`. ``python -m autograder grade PATH --hidden-seed N`` (public seed 0,
    the notebooks' self-check seed, unless --seed) gives the total Gradescope's mixed mode
    records for the same N."""
    public = grade(path, replace(config, seed=public_seed, reveal=True))
    hidden = grade(path, replace(config, seed=hidden_seed, reveal=False))
    return public_and_hidden(public, hidden)
