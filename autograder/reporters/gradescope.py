"""Gradescope's results.json from a `GradeResult` (one test per check).

The format (https://gradescope-autograders.readthedocs.io/en/latest/specs/): a top-level
``score``, ``execution_time``, ``output``, ``visibility`` and ``stdout_visibility``, and one
entry per test with ``score``, ``max_score``, ``status`` (passed / failed), ``name``,
``number``, ``output``, ``tags`` and ``visibility``. Hidden checks (graded with a seed students
never see) get `hidden_visibility`; every other check is visible at once. The top-level
``visibility`` is Gradescope's setting for the whole result, the total score included: when any
check is hidden it is `hidden_visibility` too, so the total (which adds the hidden checks'
points) is not shown before them, and the top-level output then names no score. The grader's
own stdout stays hidden from students; what the submission printed is shown in the top-level
output. All text is plain (``output_format`` "text"): nothing a student wrote renders as HTML.

What Gradescope does with the visibility fields, as its specification describes them
(https://gradescope-autograders.readthedocs.io/en/latest/specs/, "Controlling test case
visibility"): a test's ``visibility`` is one of "hidden" (never shown to students),
"after_due_date", "after_published" (shown once the instructor publishes grades) and
"visible" (the default); the top-level ``visibility`` -- the spec's sample writes
``"visibility": "after_due_date", // Optional visibility setting`` next to ``"score"`` -- is the
setting of the result as a whole and the default for every test, and a test's own
``visibility`` overrides it. What this module relies on, and nothing more: (1) a test marked
"visible" is shown at once even under a later top-level setting; (2) the total ``score`` and
the top-level ``output`` follow the top-level setting. So in the mixed mode (a public run and a
hidden run, `grading.public_and_hidden`) the public tests are "visible", the hidden tests and
the top level `hidden_visibility`: students see the public checks, with values, at once, and
neither the hidden checks nor the total (which counts them) before publication; the top-level
output then names no score either. (The stored copy of the spec this was written against was
the page's opening and sample document; re-check the section if Gradescope changes it.)

This module only builds the document; the CLI writes it to /autograder/results/results.json.
"""

from __future__ import annotations

from ..results import GradeResult
from ..text import shown
from ._safe import safe_result

#: Gradescope's visibility settings, most to least visible
VISIBILITIES = ("visible", "after_published", "after_due_date", "hidden")
#: how much of the submission's printed output goes into the students' view
OUTPUT_SHOWN = 10_000


def _top_output(result: GradeResult, score_shown: bool) -> str:
    if score_shown:
        parts = [f"Score: {result.score:g} / {result.max_score:g} (assignment {result.assignment})"]
    else:  # the score includes hidden checks: Gradescope shows it when they are shown
        parts = [f"Assignment {result.assignment}: the score counts hidden checks; shown with them"]
        if not all(c.hidden for c in result.checks):  # mixed: public checks shown now
            parts.append(
                "The checks on the public inputs (the notebooks' self-check seed, values shown) "
                "are below now and are worth no points by themselves; each check's points come "
                "from the same check on hidden inputs, and count only when it passes on both. "
                "The hidden checks and your total appear when grades are published."
            )
    if result.diagnostics:
        parts.append(
            "While loading your submission:\n" + "\n".join(f"  - {d}" for d in result.diagnostics)
        )
    if result.output.strip():
        shown = result.output[:OUTPUT_SHOWN]
        more = "\n[...]" if len(result.output) > OUTPUT_SHOWN else ""
        parts.append("What your code printed while it was graded:\n" + shown + more)
    return "\n\n".join(parts)


def to_gradescope(
    result: GradeResult,
    hidden_visibility: str = "after_published",
    execution_time: float | None = None,
) -> dict:
    if hidden_visibility not in VISIBILITIES:
        raise ValueError(f"hidden_visibility must be one of {', '.join(VISIBILITIES)}")
    result = safe_result(result)
    tests = []
    for i, unit in enumerate(result.units(), start=1):
        for j, check in enumerate(result.for_unit(unit), start=1):
            test = {
                "score": check.score,
                "max_score": check.max_score,
                "status": "passed" if check.passed else "failed",
                "name": f"{unit}: {check.name}",
                "number": f"{i}.{j}",
                "output": check.message or "passed",
                "tags": [unit] + ([check.method] if check.method else []),
                "visibility": hidden_visibility if check.hidden else "visible",
            }
            tests.append(test)
    any_hidden = any(c.hidden for c in result.checks)
    doc = {
        "score": result.score,
        "output": _top_output(result, score_shown=not any_hidden or hidden_visibility == "visible"),
        # the whole result, total score included, as late as its most hidden check
        "visibility": hidden_visibility if any_hidden else "visible",
        "stdout_visibility": "hidden",
        # plain text: student text is never rendered as Markdown or HTML
        "output_format": "text",
        "test_output_format": "text",
        "test_name_format": "text",
        "tests": tests,
        # instructors only (Gradescope stores it; run_autograder's log shows it)
        "extra_data": {
            "assignment": result.assignment,
            "seed": result.seed,
            "isolation": list(result.isolation),
        },
    }
    if execution_time is not None:
        doc["execution_time"] = max(0, round(execution_time))
    return doc


def gradescope_error(reason: str) -> dict:
    """The results.json for a submission that could not be graded at all (the student's: 0)."""
    return {
        "score": 0,
        "output": f"Your submission could not be graded: {shown(reason)}",
        "output_format": "text",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": [],
    }


def grader_error(reason: str) -> dict:
    """The results.json when the *grader* cannot grade (its data is missing or corrupt): an
    explanation and no score, so Gradescope records no number (run_autograder also exits 1)."""
    return {
        "output": (
            "The autograder could not grade this submission, through no fault of yours: "
            f"{shown(reason)}\nYour instructor needs to fix the autograder; then it can be rerun."
        ),
        "output_format": "text",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": [],
    }
