"""The README's main job on the shipped default: solutions get full marks, exercises zero."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.config import GradeConfig
from autograder.grading import grade

ROOT = Path(__file__).resolve().parents[1]


def test_the_assignment_1_solution_gets_full_marks():
    result = grade(ROOT / "solutions" / "01_layers", GradeConfig(seed=11))
    assert (result.score, result.max_score) == (100, 100), [
        c.message for c in result.checks if not c.passed
    ]
    assert result.diagnostics == ()


def test_the_released_assignment_1_exercise_scores_zero_with_not_implemented_messages():
    result = grade(ROOT / "exercises" / "01_layers", GradeConfig(seed=11))
    assert (result.score, result.max_score) == (0, 100)
    # the given forward passes its 0-point check; every check with points says why it failed
    for check in (c for c in result.checks if c.max_score):
        assert "is not implemented yet (it raises NotImplementedError)" in check.message, check
        assert "Traceback" not in check.message


@pytest.mark.slow
def test_the_demo_command_prints_a_table_per_assignment_folder():
    run = subprocess.run(
        [sys.executable, "-m", "autograder", "demo", "--root", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    totals = re.findall(r"^  total +(\S+)$", run.stdout, re.M)
    tables = re.findall(r"^(\S+)  \(assignment (\S+), seed 0\)$", run.stdout, re.M)
    shown = [(Path(path).relative_to(ROOT).as_posix(), name) for path, name in tables]
    # one table per shipped assignment folder, solutions and exercises
    expected = [
        (f"{folder}/{name}", name)
        for name in sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir())
        for folder in ("solutions", "exercises")
    ]
    assert shown == expected
    for (path, _), total in zip(shown, totals, strict=True):
        score, max_score = total.split("/")
        assert score == (max_score if path.startswith("solutions") else "0"), f"{path}: {total}"
