"""GitHub Classroom's result: decodes to the documented version-1 fields, scores sum right."""

from __future__ import annotations

import base64
import json

from autograder.reporters import encode_github, github_error, to_github_result
from tests.reporters._sample import sample, validate

SCHEMA = "github_classroom_result.schema.json"


def decode(text: str) -> dict:
    return json.loads(base64.b64decode(text))


def test_the_base64_result_decodes_to_the_documented_fields():
    result = sample()
    doc = decode(encode_github(to_github_result(result)))
    validate(doc, SCHEMA)
    assert doc["version"] == 1 and doc["status"] == "fail"
    assert doc["max_score"] == result.max_score == 10
    assert [t["status"] for t in doc["tests"]] == ["pass", "pass", "fail", "error", "error", "pass"]


def test_the_reporter_total_is_the_score():
    # notify-classroom.js: totalScore = sum(tests[].score), out of max_score
    result = sample()
    doc = to_github_result(result)
    assert sum(t["score"] for t in doc["tests"]) == result.score == 4


def test_a_perfect_result_passes_and_an_ungradable_one_is_an_error():
    result = sample()
    perfect = type(result)(
        **{**result.__dict__, "checks": tuple(c for c in result.checks if c.passed)}
    )
    assert to_github_result(perfect)["status"] == "pass"
    doc = decode(encode_github(github_error("no such file")))
    validate(doc, SCHEMA)
    assert doc["status"] == "error" and "no such file" in doc["message"]
