"""The nbgrader convention: an autograded test cell's last expression is the points it earned.

nbgrader gives a test cell its points when it runs without error; a cell whose last expression
is a number between 0 and its points gets that partial credit. `partial_score` is that number
for one class (the rubric's score scaled to the cell's points, as `autograder.notebook.graded`
returns it); `autograded_cell` is the source of such a cell, for instructors writing
solutions/; `class_scores` applies the same scaling to a whole result (e.g. from a batch run)
to fill nbgrader's gradebook by hand.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..results import CheckResult, GradeResult


def partial_score(checks: Iterable[CheckResult], points: float) -> float:
    """The cell's value: `points` times the fraction of the rubric earned, to 2 decimals."""
    checks = list(checks)
    total = sum(c.max_score for c in checks)
    earned = sum(c.score for c in checks)
    return round(points * earned / total, 2) if total else 0.0


def class_scores(result: GradeResult, points: dict[str, float]) -> dict[str, float]:
    """{class: partial score} for the classes given points (missing classes score 0)."""
    return {unit: partial_score(result.for_unit(unit), p) for unit, p in points.items()}


def autograded_cell(unit: str, points: float, hidden: bool = False) -> str:
    """Source of an nbgrader autograded test cell worth `points` for class `unit`."""
    call = f"graded({unit}, points={points:g}" + (", hidden=True)" if hidden else ")")
    return f"from autograder.notebook import graded\n\n{call}\n"
