"""Gradescope's results.json: valid against the documented format, hidden checks hidden."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from autograder.grading import public_and_hidden
from autograder.reporters import gradescope_error, to_gradescope
from autograder.reporters.gradescope import grader_error
from tests.reporters._sample import sample, validate

SCHEMA = "gradescope_results.schema.json"


def test_the_document_validates_and_scores_add_up():
    doc = to_gradescope(sample(), execution_time=12.4)
    validate(doc, SCHEMA)
    assert doc["score"] == sum(t["score"] for t in doc["tests"]) == 4
    assert sum(t["max_score"] for t in doc["tests"]) == 10
    assert doc["execution_time"] == 12
    assert [t["number"] for t in doc["tests"]] == ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3"]


def test_each_check_is_a_test_with_its_status_and_message():
    tests = to_gradescope(sample())["tests"]
    assert [t["status"] for t in tests] == [
        "passed",
        "passed",
        "failed",
        "failed",
        "failed",
        "passed",
    ]
    assert tests[2]["output"].startswith("Linear.bp_param['W']: wrong values")
    assert tests[2]["name"] == "Linear: bp_param matches torch"
    assert tests[2]["tags"] == ["Linear", "bp_param"] and tests[3]["tags"] == ["ReLU"]


def test_hidden_checks_get_the_hidden_visibility_and_the_rest_are_visible():
    doc = to_gradescope(sample(hidden=True), hidden_visibility="after_due_date")
    validate(doc, SCHEMA)
    assert [t["visibility"] for t in doc["tests"]] == ["visible"] * 4 + ["after_due_date"] * 2
    assert doc["stdout_visibility"] == "hidden"  # the grader's own log is for instructors
    with pytest.raises(ValueError, match="hidden_visibility"):
        to_gradescope(sample(), hidden_visibility="sometimes")


def test_students_see_loading_problems_and_what_they_printed():
    output = to_gradescope(sample())["output"]
    assert "NameError: name 'x' is not defined" in output
    assert "debug print from alice" in output


def test_an_ungradable_submission_still_gets_a_valid_zero():
    doc = gradescope_error("no .ipynb or .py file")
    validate(doc, SCHEMA)
    assert doc["score"] == 0 and "no .ipynb or .py file" in doc["output"]


def test_any_hidden_check_keeps_the_total_score_back_with_it():
    doc = to_gradescope(sample(hidden=True))  # two hidden checks, after_published
    validate(doc, SCHEMA)
    assert doc["visibility"] == "after_published"  # Gradescope's setting for the whole result
    assert {t["visibility"] for t in doc["tests"][:4]} == {"visible"}  # public: at once
    assert "Score" not in doc["output"] and "4 / 10" not in doc["output"]
    public = to_gradescope(sample())
    assert public["visibility"] == "visible" and "Score: 4 / 10" in public["output"]
    shown_at_once = to_gradescope(sample(hidden=True), hidden_visibility="visible")
    assert shown_at_once["visibility"] == "visible" and "Score: 4 / 10" in shown_at_once["output"]


def test_student_text_is_plain_text_everywhere():
    doc = to_gradescope(sample())
    assert (doc["output_format"], doc["test_output_format"], doc["test_name_format"]) == (
        "text",
        "text",
        "text",
    )


def test_a_grader_side_failure_has_no_score_and_says_whose_fault_it_is():
    doc = grader_error("MNIST files missing")
    validate(doc, SCHEMA)
    assert "score" not in doc and doc["tests"] == []
    assert "through no fault of yours" in doc["output"] and "MNIST files missing" in doc["output"]
    assert doc["output_format"] == "text"


def test_mixed_mode_shows_public_checks_now_and_keeps_hidden_ones_and_the_total_back():
    public = sample()
    hidden = replace(sample(), checks=tuple(replace(c, hidden=True) for c in sample().checks))
    # the hidden run also fails Linear's bp_input; its forward passes only on the public inputs
    hidden = replace(
        hidden,
        checks=(
            replace(hidden.checks[0], status="failed", message="wrong values"),
            replace(hidden.checks[1], status="failed", score=0, message="wrong values"),
            *hidden.checks[2:],
        ),
        output="printed on the hidden inputs: 0.1234",
    )
    doc = to_gradescope(public_and_hidden(public, hidden))
    validate(doc, SCHEMA)
    tests = doc["tests"]
    public_tests = [t for t in tests if t["name"].endswith("(public inputs)")]
    hidden_tests = [t for t in tests if t["name"].endswith("(hidden inputs)")]
    assert len(public_tests) == len(hidden_tests) == 6
    assert {t["visibility"] for t in public_tests} == {"visible"}
    assert {t["visibility"] for t in hidden_tests} == {"after_published"}
    # the total, and the top-level output, follow the top-level setting: not before publication
    assert doc["visibility"] == "after_published"
    assert "Score" not in doc["output"] and "appear when grades are published" in doc["output"]
    assert "0.1234" not in json.dumps(doc)  # what the code printed on hidden inputs stays back
    # public tests are worth nothing by themselves; a check scores when it passes on both
    assert {t["max_score"] for t in public_tests} == {0}
    assert doc["score"] == sum(t["score"] for t in tests) == 1  # ReLU's bp_param only
    assert sum(t["max_score"] for t in tests) == 10
    assert public_tests[1]["status"] == "passed" and hidden_tests[1]["status"] == "failed"
