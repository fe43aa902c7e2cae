"""The result model: one `CheckResult` per check, gathered in a `GradeResult`.

Every reporter (terminal table, JSON, notebook verdict, Gradescope, GitHub Classroom, JUnit,
the class gradebook) reads these and nothing else.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Status = Literal["passed", "failed", "error", "timeout"]


@dataclass(frozen=True)
class CheckResult:
    """The verdict of one check on one class."""

    #: short check name, e.g. ``"bp_input matches torch"``
    name: str
    #: the graded unit: the class (or function) students define, e.g. ``"Linear"``
    unit: str
    #: ``"__call__"``, ``"bp_input"``, ``"bp_param"``, or None for a class-level check
    method: str | None
    #: ``"passed"``, ``"failed"``, ``"error"`` (raised, crashed, bad return) or ``"timeout"``
    status: Status
    #: points earned (``max_score`` when passed, else 0)
    score: float
    #: points available
    max_score: float
    #: one readable line for the student; empty when passed
    message: str = ""
    #: graded as a hidden test (a seed students never see, no values shown): reporters for
    #: platforms with visibility settings keep it from students until grades are published
    hidden: bool = False

    @property
    def passed(self) -> bool:
        return self.status == "passed"


@dataclass(frozen=True)
class GradeResult:
    """Everything one grading run produced."""

    #: what was graded (a path, or "notebook" for the in-kernel self-check)
    submission: str
    #: the assignment whose rubric was used, e.g. ``"01_layers"``
    assignment: str
    #: the base seed every check's own seed was derived from
    seed: int
    checks: tuple[CheckResult, ...]
    #: problems met while loading the submission (a cell that raised, a syntax error, ...)
    diagnostics: tuple[str, ...] = field(default=())
    #: what the submission printed while graded (capped); shown, never parsed
    output: str = ""
    #: what the process running student code enforced, one line per protection
    isolation: tuple[str, ...] = field(default=())

    @property
    def score(self) -> float:
        return round(sum(c.score for c in self.checks), 6)

    @property
    def max_score(self) -> float:
        return round(sum(c.max_score for c in self.checks), 6)

    def units(self) -> list[str]:
        """Unit (class) names in rubric order."""
        return list(dict.fromkeys(c.unit for c in self.checks))

    def for_unit(self, unit: str) -> list[CheckResult]:
        return [c for c in self.checks if c.unit == unit]

    def unit_score(self, unit: str) -> tuple[float, float]:
        checks = self.for_unit(unit)
        return sum(c.score for c in checks), sum(c.max_score for c in checks)

    def to_dict(self) -> dict:
        return {
            "score": self.score,
            "max_score": self.max_score,
            "checks": [_check_dict(c) for c in self.checks],
            "assignment": self.assignment,
            "submission": self.submission,
            "seed": self.seed,
            "diagnostics": list(self.diagnostics),
            "output": self.output,
            "isolation": list(self.isolation),
        }


def _check_dict(c: CheckResult) -> dict:
    # "hidden" appears only on hidden checks, so public results keep their shape. "layer" is
    # the unit's name under its old key, kept for readers of release 0.1 (README: JSON output)
    out = {k: v for k, v in asdict(c).items() if k != "hidden" or v}
    out["layer"] = c.unit
    return out


def unit_of(check: dict) -> str:
    """The unit a check of a JSON report graded; reports of release 0.1 have only "layer"."""
    return str(check.get("unit", check.get("layer", "")))


def scaled_points(checks: list[CheckResult], points: float) -> float:
    """A unit's score scaled to an nbgrader cell's `points` (what `graded` returns)."""
    total = sum(c.max_score for c in checks)
    earned = sum(c.score for c in checks)
    return round(points * earned / total, 2) if total else 0.0
