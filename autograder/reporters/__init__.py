"""Turn a `GradeResult` into text for people (table, verdict) or machines (JSON, Gradescope,
GitHub Classroom, JUnit, the class gradebook CSV, nbgrader partial scores)."""

from ._safe import safe_result
from .github_classroom import encode as encode_github
from .github_classroom import github_error, to_github_result
from .gradebook import csv_cell, gradebook_csv
from .gradescope import gradescope_error, to_gradescope
from .json_report import to_json
from .junit import junit_error, to_junit
from .nbgrader import autograded_cell, class_scores, partial_score
from .table import render_table
from .verdict import render_verdict

__all__ = [
    "autograded_cell",
    "class_scores",
    "csv_cell",
    "encode_github",
    "github_error",
    "gradebook_csv",
    "gradescope_error",
    "junit_error",
    "partial_score",
    "render_table",
    "render_verdict",
    "safe_result",
    "to_github_result",
    "to_gradescope",
    "to_json",
    "to_junit",
]
