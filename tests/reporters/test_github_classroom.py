"""GitHub Classroom's results: the documented version-1 fields, shaped so that the reporter's
own arithmetic (passed tests / all tests x max_score) gives the kit's score.

The real reporter is run on the kit's output in test_github_reporter_script.py.
"""

from __future__ import annotations

from autograder.reporters import encode_github, github_error, to_github_result
from autograder.reporters.github_classroom import RUNNERS, decode
from tests.reporters._sample import sample, validate

SCHEMA = "github_classroom_result.schema.json"


def shown(doc: dict) -> float:
    """What the reporter prints as a runner's total (its getTestScore)."""
    tests = doc["tests"]
    return sum(t["status"] == "pass" for t in tests) / len(tests) * doc["max_score"]


def recorded(docs: dict) -> tuple[float, float]:
    """What the reporter sends Classroom (its NotifyClassroom)."""
    counted = [d for d in docs.values() if d["max_score"]]
    points = sum(t["score"] for d in counted for t in d["tests"])
    return points, sum(d["max_score"] for d in counted)


def test_the_step_outputs_decode_to_one_documented_result_per_runner():
    result = sample()
    docs = decode(encode_github(to_github_result(result)))
    assert tuple(docs) == RUNNERS
    for doc in docs.values():
        validate(doc, SCHEMA)
        assert doc["version"] == 1
    assert docs["passed"]["status"] == "pass" and docs["failed"]["status"] == "fail"
    assert [t["status"] for t in docs["passed"]["tests"]] == ["pass"] * 3
    assert [t["status"] for t in docs["failed"]["tests"]] == ["fail", "error", "error"]


def test_shown_and_recorded_totals_are_the_score_whatever_the_points():
    result = sample()  # 4 of 10, with a 0-point check and checks of 1, 2 and 3 points
    docs = to_github_result(result)
    assert sum(shown(d) for d in docs.values()) == result.score == 4
    assert recorded(docs) == (result.score, result.max_score) == (4, 10)


def test_each_failed_check_prints_its_explanation_and_no_line_number():
    docs = to_github_result(sample())
    tests = docs["passed"]["tests"] + docs["failed"]["tests"]
    assert all(t["line_no"] == 0 for t in tests)  # the reporter prints " - line N" unless 0
    failed, errored = docs["failed"]["tests"][0], docs["failed"]["tests"][1]
    # "fail" prints the name, "error" prints the message
    assert failed["name"] == "Linear: bp_param matches torch -- " + (
        "Linear.bp_param['W']: wrong values; worst element at index (0, 1)"
    )
    assert errored["message"] == "ReLU: shapes -- ReLU.bp_input raised ValueError"


def test_a_perfect_result_passes_and_no_runner_is_ever_empty():
    result = sample()
    perfect = type(result)(
        **{**result.__dict__, "checks": tuple(c for c in result.checks if c.passed)}
    )
    docs = to_github_result(perfect)
    assert [d["status"] for d in docs.values()] == ["pass", "pass"]
    assert docs["failed"]["max_score"] == 0 and len(docs["failed"]["tests"]) == 1
    nothing = type(result)(
        **{**result.__dict__, "checks": tuple(c for c in result.checks if not c.passed)}
    )
    docs = to_github_result(nothing)
    assert docs["passed"]["max_score"] == 0 and len(docs["passed"]["tests"]) == 1
    assert sum(shown(d) for d in docs.values()) == 0


def test_an_ungradable_submission_records_0_of_the_assignments_points_with_the_reason():
    docs = decode(encode_github(github_error("no such file", max_score=120)))
    for doc in docs.values():
        validate(doc, SCHEMA)
        assert doc["tests"]
    assert docs["failed"]["status"] == "error"
    assert "no such file" in docs["failed"]["tests"][0]["message"]
    assert recorded(docs) == (0, 120)
    assert recorded(github_error("?", max_score=0)) == (0, 100)  # never 0/0: nothing recorded
