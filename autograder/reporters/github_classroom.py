"""GitHub Classroom: the results GitHub's grading reporter reads, shaped so its totals are ours.

The reporter (classroom-resources/autograding-grading-reporter@v1, its ``dist/main.js``) reads,
for each runner id ``X`` listed in its ``runners`` input, the environment variable
``X_RESULTS``: base64 of a JSON document of version 1,

    {"version": 1, "status": "pass" | "fail" | "error", "max_score": N,
     "tests": [{"name", "status", "message", "line_no", "score"}]}

What it does with them (read from main.js, and tested by running it, see
tests/reporters/test_github_reporter_script.py):

- the log's "Total points for X" and the summary table show, per runner,
  ``(tests with status "pass") / len(tests) * max_score``: per-test scores are ignored;
- Classroom records ``sum(tests[].score)`` out of ``sum(max_score)`` over the runners whose
  ``max_score`` is not 0 (and records nothing when that sum is 0);
- each test prints one line: ``name`` after a tick or a cross for "pass" and "fail",
  ``message`` only for "error"; `` - line N`` follows whenever ``line_no !== 0``;
- the run fails when a runner's status is "fail" or "error".

So the kit hands it two runners, `RUNNERS`: ``passed`` holds every check that passed (its
``max_score`` is their points, all its tests pass: it shows exactly those points) and
``failed`` every other check (``max_score`` the points lost, no test passes: it shows 0).
Both shown totals then add up to the score, out of the assignment's points, whatever the
points of each check, and 0-point checks change nothing. A failed check's line carries its
explanation; ``line_no`` is 0. A runner never has an empty test list (0/0 shows NaN).
The workflow template is in `autograder.platforms.github_classroom`.
"""

from __future__ import annotations

import base64
import json

from ..results import CheckResult, GradeResult
from ..text import shown
from ._safe import safe_result

#: the reporter's runner ids, in the order it shows them (also the step's output names)
RUNNERS = ("passed", "failed")
#: the points an ungradable submission gets 0 of when its assignment is not known
DEFAULT_MAX = 100.0

_STATUS = {"passed": "pass", "failed": "fail", "error": "error", "timeout": "error"}


def _line(c: CheckResult) -> str:
    """What the log shows for a check: its class and name, and for a failure, why."""
    head = f"{c.unit}: {c.name}"
    return head if c.passed or not c.message else f"{head} -- {c.message}"


def _test(name: str, status: str, score: float = 0, message: str | None = None) -> dict:
    # line_no 0: the reporter prints " - line N" whenever line_no !== 0 (null included)
    return {"name": name, "status": status, "message": message, "line_no": 0, "score": score}


def _runner(status: str, max_score: float, tests: list[dict], placeholder: dict) -> dict:
    return {
        "version": 1,
        "status": status,
        "max_score": max_score,
        # an empty list would show NaN (0 passed / 0 tests); the placeholder is worth nothing
        "tests": tests or [placeholder],
    }


def to_github_result(result: GradeResult) -> dict[str, dict]:
    """One version-1 document per runner of `RUNNERS`: the checks that passed, the others."""
    result = safe_result(result)  # the reporter prints these into the Actions log
    passed = [c for c in result.checks if c.passed]
    failed = [c for c in result.checks if not c.passed]
    earned = result.score
    return {
        "passed": _runner(
            "pass",
            earned,
            [_test(_line(c), "pass", c.score) for c in passed],
            _test("no check passed", "fail"),
        ),
        "failed": _runner(
            "fail" if failed else "pass",
            round(result.max_score - earned, 6),
            # "error" prints only the message, so it carries the check's name too
            [_test(_line(c), _STATUS[c.status], 0, _line(c)) for c in failed],
            _test("no check failed", "pass"),
        ),
    }


def github_error(reason: str, max_score: float = DEFAULT_MAX) -> dict[str, dict]:
    """The results for a submission that could not be graded at all: 0 out of `max_score`,
    recorded (a positive maximum), with the reason in the log."""
    line = f"the submission could not be graded: {shown(reason)}"
    return {
        "passed": _runner("pass", 0, [], _test("no check passed", "fail")),
        "failed": {
            "version": 1,
            "status": "error",
            "message": line,
            "max_score": max_score if max_score > 0 else DEFAULT_MAX,
            "tests": [_test(line, "error", 0, line)],
        },
    }


def encode(documents: dict[str, dict]) -> str:
    """The grade step's outputs, one ``runner=base64`` line each, for ``>> "$GITHUB_OUTPUT"``."""
    return "\n".join(
        f"{runner}={base64.b64encode(json.dumps(doc, separators=(',', ':')).encode()).decode()}"
        for runner, doc in documents.items()
    )


def decode(text: str) -> dict[str, dict]:
    """`encode`'s inverse (for tests and for reading a saved run)."""
    runners = (line.partition("=") for line in text.split())
    return {name: json.loads(base64.b64decode(value)) for name, _, value in runners}
