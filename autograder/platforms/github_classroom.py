"""The GitHub Classroom workflow for student repositories: grade on every push, report points.

The workflow installs the kit, grades the repository with ``--format github`` (two step
outputs, ``passed`` and ``failed``: see `autograder.reporters.github_classroom` for why two)
and hands them to classroom-resources/autograding-grading-reporter as the runners ``passed``
and ``failed`` (so as ``PASSED_RESULTS`` and ``FAILED_RESULTS``). The reporter shows each
check in the run's log and sends the points to GitHub Classroom. It is pinned to the commit of
its release ``v1`` (`REPORTER`), the release tests/reporters/test_github_reporter_script.py runs.

Runners are not root: student code runs as the runner's user, with time and memory limits,
autodiff imports blocked by a hook, each class in a fresh process -- and the student can edit
the workflow anyway. CI grading is for feedback; see docs/isolation.md.
"""

from __future__ import annotations

from pathlib import Path

from .. import assignments

#: the pip requirement students' CI installs; courses point it at their copy of the kit
DEFAULT_KIT = "backprop-kit @ git+https://github.com/YOUR-COURSE/backprop-kit"
#: GitHub's grading reporter at its release v1 (commit d13b591, 2024-11-13); the tests run
#: that same release's dist/main.js with node (tests/reporters/test_github_reporter_script.py)
REPORTER = (
    "classroom-resources/autograding-grading-reporter@d13b5912daf5042ac1b71bc38bdb4a6bcd61d8ca"
)

WORKFLOW = """\
# Autograding for backprop-kit assignments (GitHub Classroom).
name: Autograding Tests
"on":
  - push
  - workflow_dispatch
  - repository_dispatch
permissions:
  checks: write
  actions: read
  contents: read
jobs:
  run-autograding-tests:
    runs-on: ubuntu-latest
    if: github.actor != 'github-classroom[bot]'
    steps:
      - name: Checkout code
        uses: actions/checkout@v4
      - name: Set up Python
        uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - name: Install the grader
        run: pip install --extra-index-url https://download.pytorch.org/whl/cpu {install}
      # outputs "passed" and "failed"; exit status 2 (nothing gradable) still writes them
      - name: Grade
        id: backprop
        run: >-
          python -m autograder grade . --assignment {assignment} --format github
          >> "$GITHUB_OUTPUT" || [ $? -eq 2 ]
      - name: Autograding Reporter
        uses: {reporter}  # v1
        env:
          PASSED_RESULTS: "${{{{ steps.backprop.outputs.passed }}}}"
          FAILED_RESULTS: "${{{{ steps.backprop.outputs.failed }}}}"
        with:
          runners: passed,failed
"""


def workflow(
    assignment: str = assignments.DEFAULT, kit: str = DEFAULT_KIT, requirements: str | None = None
) -> str:
    """The workflow text; `requirements` (a file in the repository) replaces `kit` when given.
    An unknown `assignment` raises `SubmissionUnreadable` (one line)."""
    assignments.get(assignment)
    install = f"-r {requirements}" if requirements else f'"{kit}"'
    return WORKFLOW.format(assignment=assignment, install=install, reporter=REPORTER)


def write_workflow(
    path: Path, assignment: str = assignments.DEFAULT, kit: str = DEFAULT_KIT
) -> Path:
    text = workflow(assignment, kit)  # before anything is written: an unknown name fails
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path
