"""The grader's exception tree: every exception a caller of the package can see.

(The runner keeps three private ones -- WireError, SandboxBroken, WorkerDied -- that never
leave it: it turns them into the errors below.)

GradingError                  anything that stops one check (never the whole run)
├── SubmissionError           the student's code misbehaved during a call
│   ├── StudentException      it raised (NotImplementedError is recognised)
│   ├── StudentTimeout        it ran past the check's wall-clock budget
│   ├── WorkerCrashed         the process running it died (exit, segfault, memory)
│   └── BadReturn             it returned something that is not what the contract says
├── CheckFailed               it ran, but the answer is wrong
│   ├── ShapeMismatch
│   └── ValueMismatch         wrong values (forward value or gradient)
└── SubmissionUnreadable      the path cannot be graded at all (the CLI exits non-zero)

GraderFault                   the *grader* failed (its own data vanished or is corrupt):
                              never a check result, never a score; every entry point reports
                              it as a grading failure (CLI exit 2, no score on any platform)
"""

from __future__ import annotations

from .text import shown

__all__ = [
    "BadReturn",
    "CheckFailed",
    "GraderFault",
    "GradingError",
    "ShapeMismatch",
    "StudentException",
    "StudentTimeout",
    "SubmissionError",
    "SubmissionUnreadable",
    "ValueMismatch",
    "WorkerCrashed",
]


#: fragments of numpy's messages for arrays whose shapes do not fit together
_SHAPE_ERRORS = ("matmul", "not aligned", "could not be broadcast")


class GradingError(Exception):
    """Base of every error the grader raises on purpose. Its message is one readable line.

    Messages quote student text (exception details, class names, file names): they are kept
    bounded and free of control characters from the start (`_text.shown`)."""

    _one_line = False

    def __init__(self, message: object = "", *args: object) -> None:
        super().__init__(shown(message, lines=not self._one_line), *args)


class SubmissionError(GradingError):
    """The submission's code did not behave (raised, hung, crashed, returned garbage)."""

    status = "error"


class StudentException(SubmissionError):
    """The student's code raised. `exc_type` is the exception's class name."""

    def __init__(
        self, where: str, exc_type: str, detail: str, location: str = "", hint: str = ""
    ) -> None:
        self.where, self.exc_type, self.detail, self.location = where, exc_type, detail, location
        if exc_type == "NotImplementedError":
            text = f"{where} is not implemented yet (it raises NotImplementedError)"
        else:
            text = (
                f"{where} raised {exc_type}: {detail}" if detail else f"{where} raised {exc_type}"
            )
            if location:
                text += f" ({location})"
        if hint:  # a cause the checks verified (a guess from the message alone would mislead)
            text += f". {hint}"
        super().__init__(text)

    @property
    def shape_error(self) -> bool:
        """numpy refused to multiply or broadcast arrays whose shapes do not fit together."""
        return self.exc_type == "ValueError" and any(m in self.detail for m in _SHAPE_ERRORS)

    @property
    def not_implemented(self) -> bool:
        return self.exc_type == "NotImplementedError"


class StudentTimeout(SubmissionError):
    status = "timeout"


class WorkerCrashed(SubmissionError):
    pass


class BadReturn(SubmissionError):
    pass


class CheckFailed(GradingError):
    """The code ran but its answer is wrong. `status` is 'failed'."""

    status = "failed"


class ShapeMismatch(CheckFailed):
    pass


class ValueMismatch(CheckFailed):
    pass


class SubmissionUnreadable(GradingError):
    """The path does not exist, or is not a notebook / .py file / folder we can read."""

    _one_line = True  # the CLI prints it as its one line on stderr


class GraderFault(Exception):
    """The grader itself could not do its job: its own data (MNIST) vanished, was truncated or
    could not be read *during* grading. Deliberately not a `GradingError`, so `run_class` never
    turns it into a failed check: `grade()` raises it, and every entry point reports a grading
    failure instead of a score (the CLI: exit 2 and one line; Gradescope: results.json with an
    explanation and no score; GitHub: an error result; grade-all: status "grader error", graded
    again on the next run). Its message is one readable line."""

    def __init__(self, message: object = "") -> None:
        parts = (line.strip() for line in str(message).splitlines())
        super().__init__(shown("; ".join(p for p in parts if p)))
