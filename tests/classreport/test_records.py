"""Reading the class's results: diagnosed mistakes, and bad records that cost only themselves."""

from __future__ import annotations

import json

import pytest

from autograder.classreport.records import load_results, mistake_of, read_records, unit_of
from tests.classreport._records import a_class, check, record


@pytest.mark.parametrize(
    "message, mistake",
    [
        ("x. Likely mistake: off by the batch size.", "off by the batch size"),
        ("x. Likely mistake: W is transposed (verified: W.T gives it)", "W is transposed"),
        ("x. Likely mistake, for every one: sign flipped. More text.", "sign flipped"),
        ("uses np.sum. Likely mistake: mean instead of sum; see the docs", "mean instead of sum"),
        ("wrong values; expected 1, got 2.", None),
        ("", None),
    ],
)
def test_the_diagnosed_mistake_is_the_phrase_after_likely_mistake(message, mistake):
    assert mistake == mistake_of(message)


def test_a_check_is_read_by_its_unit_and_by_its_layer_before_the_rename():
    assert unit_of({"unit": "Linear", "layer": "Old"}) == "Linear"
    assert unit_of({"layer": "Linear"}) == "Linear"
    renamed = record("x", [{**check("Tanh", "shapes"), "unit": "Tanh"}])
    del renamed["checks"][0]["layer"]
    records, problems = read_records([renamed])
    assert (problems, records[0].units()) == ([], ["Tanh"])


def test_a_record_missing_a_field_is_one_line_and_the_others_are_kept():
    bad = [{"id": "x", "status": "graded"}, ["not", "a", "dict"], {"id": "y", "max_score": "lots"}]
    records, problems = read_records(a_class() + bad, None)
    assert [r.id for r in records] == ["alice", "bob", "carol", "dave", "erin"]
    assert len(problems) == 3 and all(p.count("\n") == 0 for p in problems)


def test_a_corrupt_result_file_does_not_stop_the_others(tmp_path):
    for r in a_class():
        (tmp_path / f"{r['id']}.json").write_text(json.dumps(r))
    (tmp_path / "zed.json").write_text('{"id": "zed", "score": 1')  # cut short
    (tmp_path / "bin.json").write_bytes(b"\xff\xfe\x00garbage")
    records, problems = load_results(tmp_path)
    assert len(records) == 5
    assert sorted(p.split(":")[0] for p in problems) == ["bin.json", "zed.json"]


def test_a_grader_error_has_no_score_not_zero():
    records, _ = read_records([record("g", [], "grader error", "MNIST vanished")])
    assert records[0].score is None
