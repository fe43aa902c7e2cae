"""The class gradebook CSV: one row per submission, one column per class."""

from __future__ import annotations

import csv
import io

from autograder.reporters import gradebook_csv
from tests.reporters._sample import sample


def test_rows_follow_the_records():
    alice = {"id": "alice", "status": "graded", **sample().to_dict()}
    bob = {
        "id": "bob",
        "status": "unreadable",
        "error": "no such file",
        "score": 0,
        "max_score": 10,
        "checks": [],
        "seed": 42,
    }
    rows = list(csv.DictReader(io.StringIO(gradebook_csv([bob, alice]))))
    assert [r["id"] for r in rows] == ["alice", "bob"]
    assert rows[0] == {
        "id": "alice",
        "status": "graded",
        "score": "4",
        "max_score": "10",
        "Linear": "3",
        "ReLU": "1",
        "seed": "42",
        "error": "",
    }
    assert rows[1]["status"] == "unreadable" and rows[1]["Linear"] == "0"
    assert rows[1]["error"] == "no such file"
