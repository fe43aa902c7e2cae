"""backprop-kit's autograder: checks for student back-propagation code, and ways to run them.

Public API (kept light: importing it does not import torch):

    grade(path, config) -> GradeResult    grade a notebook, .py file or folder
    GradeConfig, GradeResult, CheckResult the configuration and result model
    SubmissionUnreadable                  what grade raises when nothing can be graded
    autograder.notebook.check / graded    what the notebooks call
"""

from .config import GradeConfig
from .errors import SubmissionUnreadable
from .results import CheckResult, GradeResult

__all__ = ["CheckResult", "GradeConfig", "GradeResult", "SubmissionUnreadable", "grade"]


def grade(path, config=None):  # noqa: ANN001, ANN201 - re-exported; see grading.grade
    from .grading import grade as _grade

    return _grade(path, config)
