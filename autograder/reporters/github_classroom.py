"""GitHub Classroom: the base64 ``result`` an autograding action hands to the grading reporter.

The reporter (classroom-resources/autograding-grading-reporter) reads, for each runner id
``X``, the environment variable ``X_RESULTS``: base64 of a JSON document of version 1,

    {"version": 1, "status": "pass" | "fail" | "error", "max_score": N,
     "tests": [{"name", "status", "message", "line_no", "execution_time", "score"}]}

and sends Classroom ``sum(tests[].score)`` out of ``max_score``, so every check carries its own
score here (the reporter does not scale). ``status`` "fail" or "error" marks the workflow run
as failed, as any failed autograding test does. The workflow template is in
`autograder.platforms.github_classroom`.
"""

from __future__ import annotations

import base64
import json

from .._results import GradeResult
from .._text import shown
from ._safe import safe_result

_STATUS = {"passed": "pass", "failed": "fail", "error": "error", "timeout": "error"}


def to_github_result(result: GradeResult) -> dict:
    result = safe_result(result)  # the reporter prints these into the Actions log
    tests = [
        {
            "name": f"{c.layer}: {c.name}",
            "status": _STATUS[c.status],
            "message": c.message or "passed",
            "line_no": None,
            "execution_time": None,
            "score": c.score,
        }
        for c in result.checks
    ]
    return {
        "version": 1,
        "status": "pass" if all(c.passed for c in result.checks) else "fail",
        "max_score": result.max_score,
        "tests": tests,
    }


def github_error(reason: str) -> dict:
    """The result for a submission that could not be graded at all (0 out of `max_score`)."""
    return {
        "version": 1,
        "status": "error",
        "message": f"the submission could not be graded: {shown(reason)}",
        "max_score": 0,
        "tests": [],
    }


def encode(document: dict) -> str:
    """What the workflow puts in the step's ``result`` output."""
    return base64.b64encode(json.dumps(document, separators=(",", ":")).encode()).decode()
