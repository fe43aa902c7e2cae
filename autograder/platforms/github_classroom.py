"""The GitHub Classroom workflow for student repositories: grade on every push, report points.

The workflow installs the kit, grades the repository with ``--format github`` (the base64
``result`` the grading reporter reads, see `autograder.reporters.github_classroom`) and hands
it to classroom-resources/autograding-grading-reporter, which shows each check in the run's
log and sends the points to GitHub Classroom. Its runner id ``backprop`` is why the result is
passed as ``BACKPROP_RESULTS``.

Runners are not root: student code runs as the runner's user, with time and memory limits,
autodiff imports blocked by a hook, each class in a fresh process -- and the student can edit
the workflow anyway. CI grading is for feedback; see docs/isolation.md.
"""

from __future__ import annotations

from pathlib import Path

#: the pip requirement students' CI installs; courses point it at their copy of the kit
DEFAULT_KIT = "backprop-kit @ git+https://github.com/YOUR-COURSE/backprop-kit"

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
      - name: Grade
        id: backprop
        run: >-
          echo "result=$(python -m autograder grade . --assignment {assignment}
          --format github)" >> "$GITHUB_OUTPUT"
      - name: Autograding Reporter
        uses: classroom-resources/autograding-grading-reporter@v1
        env:
          BACKPROP_RESULTS: "${{{{ steps.backprop.outputs.result }}}}"
        with:
          runners: backprop
"""


def workflow(
    assignment: str = "01_layers", kit: str = DEFAULT_KIT, requirements: str | None = None
) -> str:
    """The workflow text; `requirements` (a file in the repository) replaces `kit` when given."""
    install = f"-r {requirements}" if requirements else f'"{kit}"'
    return WORKFLOW.format(assignment=assignment, install=install)


def write_workflow(path: Path, assignment: str = "01_layers", kit: str = DEFAULT_KIT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(workflow(assignment, kit))
    return path
