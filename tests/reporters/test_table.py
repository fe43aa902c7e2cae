"""The terminal table: one row per class; failed checks sharing a message are said once."""

from __future__ import annotations

import re

from autograder.reporters import render_table
from autograder.results import CheckResult, GradeResult

STUB = "Tanh.bp_input is not implemented yet (it raises NotImplementedError)"


def result(*checks: CheckResult) -> GradeResult:
    return GradeResult(submission="hw.py", assignment="01_layers", seed=3, checks=checks)


def test_checks_failing_with_the_same_message_are_grouped():
    text = render_table(
        result(
            CheckResult("bp_input matches torch", "Tanh", "bp_input", "error", 0, 3, STUB),
            CheckResult("shapes", "Tanh", None, "error", 0, 1, STUB),
            CheckResult("zero upstream", "Tanh", "bp_input", "error", 0, 1, STUB),
            CheckResult("bp_param returns {}", "Tanh", "bp_param", "passed", 1, 1),
        )
    )
    assert "[ERROR] Tanh / bp_input matches torch and 2 more checks (0/5)" in text
    assert text.count(STUB) == 1
    assert re.search(r"^  Tanh +1/6  1/4 passed$", text, re.M), text


def test_different_messages_stay_apart():
    text = render_table(
        result(
            CheckResult("a", "Tanh", "bp_input", "failed", 0, 3, "Tanh.bp_input: wrong values"),
            CheckResult("b", "Tanh", "bp_input", "failed", 0, 1, "Tanh.bp_input: wrong shape"),
        )
    )
    assert "[FAILED] Tanh / a (0/3)" in text and "[FAILED] Tanh / b (0/1)" in text
