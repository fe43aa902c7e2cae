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
    #: the contract's class name, e.g. ``"Linear"``
    layer: str
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

    def layers(self) -> list[str]:
        """Class names in rubric order."""
        return list(dict.fromkeys(c.layer for c in self.checks))

    def for_layer(self, layer: str) -> list[CheckResult]:
        return [c for c in self.checks if c.layer == layer]

    def layer_score(self, layer: str) -> tuple[float, float]:
        checks = self.for_layer(layer)
        return sum(c.score for c in checks), sum(c.max_score for c in checks)

    def to_dict(self) -> dict:
        return {
            "score": self.score,
            "max_score": self.max_score,
            # "hidden" appears only on hidden checks, so public results keep their shape
            "checks": [
                {k: v for k, v in asdict(c).items() if k != "hidden" or v} for c in self.checks
            ],
            "assignment": self.assignment,
            "submission": self.submission,
            "seed": self.seed,
            "diagnostics": list(self.diagnostics),
            "output": self.output,
            "isolation": list(self.isolation),
        }


def scaled_points(checks: list[CheckResult], points: float) -> float:
    """A unit's score scaled to an nbgrader cell's `points` (what `graded` returns)."""
    total = sum(c.max_score for c in checks)
    earned = sum(c.score for c in checks)
    return round(points * earned / total, 2) if total else 0.0
