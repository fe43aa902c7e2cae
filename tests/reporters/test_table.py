"""The terminal table shows what the submission printed, marked as such."""

from __future__ import annotations

from autograder.reporters import render_table
from tests.reporters._sample import sample


def test_printed_output_is_shown_under_its_own_heading():
    text = render_table(sample())
    assert "Printed by the submission (shown, never read by the grader):" in text
    assert "  | debug print from alice" in text
