"""Student text in every output format: it can neither forge a line nor break the document,
and a 2 MB class name cannot blow the report up (issue 16).

Each format gets the same hostile result: check messages, class names, diagnostics and printed
output that carry terminal escapes, carriage returns, backspaces, NUL, a lone surrogate,
U+2028, ``]]>`` and a forged "total 100/100" line.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import xml.etree.ElementTree as ET
import xml.parsers.expat

import pytest

from autograder.reporters import (
    encode_github,
    github_error,
    gradebook_csv,
    gradescope_error,
    junit_error,
    render_table,
    render_verdict,
    to_github_result,
    to_gradescope,
    to_json,
    to_junit,
)
from autograder.results import CheckResult, GradeResult

FORGED = "\x1b[2K\r  total  100/100\n\x08\x08\x00\ud800\u2028\u202e]]><x>&amp;\x07\x9b31m"
HUGE = "C" * 2_000_000
#: a 30-check report with every string capped stays far below this
MAX_REPORT = 400_000
#: the documented caps (docs/isolation.md): one message or name, what the submission printed
MAX_TEXT, MAX_OUTPUT = 2000, 64 * 1024
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202e]")


def hostile() -> GradeResult:
    checks = tuple(
        CheckResult(
            f"check {i} {FORGED}",
            "Linear" if i % 2 else f"Evil{FORGED}{HUGE}",
            "bp_input",
            "failed",
            0,
            1,
            f"Linear.bp_input returned a {HUGE}{FORGED}",
        )
        for i in range(30)
    )
    return GradeResult(
        submission=f"mallory{FORGED}.py",
        assignment="01_layers",
        seed=1,
        checks=checks,
        diagnostics=(f"cell 1: {FORGED}",) * 3000,
        output=(FORGED + "\n") * 20 + HUGE,
    )


def assert_clean(text: str, newlines: bool) -> None:
    allowed = _CONTROL.findall(text)
    assert allowed == [], allowed[:5]
    assert newlines or "\n" not in text


def strings(value) -> list[str]:  # noqa: ANN001
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in strings(k) + strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def test_the_table_draws_no_student_line():
    text = render_table(hostile(), verbose=True)
    assert_clean(text, newlines=True)
    totals = [line for line in text.splitlines() if re.match(r"\s*total\b", line)]
    assert [line.split() for line in totals] == [["total", "0/30"]]
    assert len(text) < MAX_REPORT


def test_the_json_report_is_clean_and_bounded():
    text = to_json(hostile())
    assert len(text) < MAX_REPORT
    doc = json.loads(text)
    for s in strings({k: v for k, v in doc.items() if k != "output"}):
        assert_clean(s, newlines=False)
    assert_clean(doc["output"], newlines=True)
    assert len(doc["output"]) <= 2 * MAX_OUTPUT
    assert doc["checks"][0]["message"].endswith("characters cut)")


def test_junit_is_well_formed_xml_whatever_the_text():
    for text in (to_junit(hostile()), junit_error(FORGED)):
        assert len(text) < MAX_REPORT
        xml.parsers.expat.ParserCreate().Parse(text.encode(), True)  # strict XML 1.0
        for element in ET.fromstring(text).iter():
            for s in [element.text or "", *element.attrib.values()]:
                assert_clean(s, newlines=True)


@pytest.mark.parametrize("make", [to_gradescope, lambda r: gradescope_error(FORGED)])
def test_gradescope_is_plain_text_and_clean(make):
    doc = make(hostile())
    assert doc["output_format"] == "text"
    assert len(json.dumps(doc)) < MAX_REPORT
    for s in strings(doc):
        assert_clean(s, newlines=True)
    for test in doc.get("tests", []):
        assert_clean(test["output"], newlines=False)


@pytest.mark.parametrize("make", [to_github_result, lambda r: github_error(FORGED)])
def test_github_classroom_is_clean(make):
    encoded = encode_github(make(hostile()))
    assert len(encoded) < MAX_REPORT
    lines = encoded.splitlines()
    assert [line.partition("=")[0] for line in lines] == ["passed", "failed"]
    for line in lines:
        doc = json.loads(base64.b64decode(line.partition("=")[2]))
        for s in strings(doc):
            assert_clean(s, newlines=False)


def test_the_notebook_verdict_draws_no_student_line():
    result = hostile()
    text = render_verdict(f"Linear{FORGED}", list(result.checks), seed=1)
    assert_clean(text, newlines=True)
    assert len(text.splitlines()) == 1 + 2 * len(result.checks)
    assert len(text) < MAX_REPORT


def test_the_gradebook_keeps_one_row_per_student_and_runs_no_formula():
    records = [
        {"id": f"=HYPERLINK({FORGED})", "status": "unreadable", "score": 0, "max_score": 1,
         "error": f"{FORGED}{HUGE}", "checks": []},
        {"id": "bob", "status": "graded", "score": 1, "max_score": 1, "checks": []},
    ]  # fmt: skip
    text = gradebook_csv(records)
    assert_clean(text, newlines=True)
    rows = list(csv.reader(io.StringIO(text)))
    assert [r[0] for r in rows] == ["id", "'=HYPERLINK(\\x1b[2K\\x0d  total  100/100 "
                                    "\\x08\\x08\\x00\\ud800\\u2028\\u202e]]><x>&amp;\\x07\\x9b31m)",
                                    "bob"]  # fmt: skip
    assert len(text) < 4 * MAX_TEXT
