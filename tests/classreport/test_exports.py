"""Canvas and Moodle CSV exports: the columns each LMS's import reads."""

from __future__ import annotations

import csv
import io

from autograder.classreport.exports import canvas_csv, moodle_csv
from autograder.classreport.records import read_records
from tests.classreport._records import a_class, record


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_canvas_has_its_columns_the_points_possible_row_and_one_row_per_student():
    records, _ = read_records(a_class())
    got = rows(canvas_csv(records))
    assert got[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "01_layers"]
    assert got[1] == ["Points Possible", "", "", "", "", "6"]
    assert got[3] == ["bob", "", "", "bob", "", "3"]
    assert [r[0] for r in got[2:]] == ["alice", "bob", "carol", "dave", "erin"]
    assert got[-1][5] == "0"  # unreadable: 0


def test_moodle_has_an_id_number_column_and_a_grade_column_named_after_the_assignment():
    records, _ = read_records(a_class())
    got = rows(moodle_csv(records))
    assert got[:3] == [["ID number", "01_layers"], ["alice", "6"], ["bob", "3"]]


def test_a_grader_error_leaves_the_grade_empty_and_a_formula_id_is_quoted():
    records, _ = read_records([record("=cmd|calc", [], "grader error", "data broke")])
    assert rows(canvas_csv(records))[2] == ["'=cmd|calc", "", "", "'=cmd|calc", "", ""]
    assert rows(moodle_csv(records))[1] == ["'=cmd|calc", ""]


def test_an_empty_class_still_gives_the_headers():
    assert len(rows(canvas_csv([]))) == 2 and len(rows(moodle_csv([]))) == 1
