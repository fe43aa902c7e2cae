"""Gradebook exports shaped for an LMS's CSV import: Canvas and Moodle.

    canvas_csv(records) -> str    out/canvas.csv
    moodle_csv(records) -> str    out/moodle.csv

Both hold one row per submission (sorted by id), the score as a plain number; a submission the
grader failed on (status "grader error", no score) has an empty cell, so an import leaves that
student's grade as it was rather than writing 0; an unreadable submission scores 0. The
submission id (its file or folder name in the class folder: usually the student's login, as
in an LMS download or nbgrader's ``submitted/<student>``) is the identifier. Text cells go
through the gradebook's guard (`reporters.gradebook`): made safe to show, and a leading
``=``, ``+``, ``-`` or ``@`` quoted with ``'`` so no spreadsheet runs an id as a formula.

**Canvas** (Grades > Import): the columns of Canvas's own gradebook export,
``Student, ID, SIS User ID, SIS Login ID, Section, <assignment>``, then a second row
``Points Possible`` whose assignment cell is the assignment's points, then one row per student.
``Student`` and ``SIS Login ID`` hold the submission id; ``ID`` (Canvas's internal number),
``SIS User ID`` and ``Section`` are left empty. A column header that names no existing
assignment creates a new one; to update an existing assignment, rename the column to the
header Canvas exports for it (``name (number)``). What this relies on: the Ohio State
CarmenCanvas guide "Import a CSV File to Carmen Grades" (student name, ID or SIS User ID; SIS
Login ID; Section; then the assignment name; new assignment columns create new assignments)
and the nemogb "Detailed Canvas Export Info" page (the export's ``Student, ID, SIS User ID,
SIS Login ID, Section`` columns, assignment headers ``Name (number)``), plus the "Points
Possible" row that Canvas's own export writes under the header.

**Moodle** (Grades > Import > CSV file): ``ID number, <assignment>``. On the import page, map
"ID number" to the user field that holds the submission id ("ID number", or "username") and
the ``<assignment>`` column to the grade item. What this relies on: Moodle's CSV grade import
(moodle/moodle ``grade/import/csv``: a user is identified by mapping one column to a user
field -- user id, username, ID number or email address -- and each other column to a grade
item) and its documented use "Identify user by ... Map from / Map to".
"""

from __future__ import annotations

import csv
import io

from ..reporters import csv_cell as cell
from .records import Record

CANVAS_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
MOODLE_ID = "ID number"


def _score(r: Record) -> str:
    return "" if r.score is None else f"{r.score:g}"


def _assignment(records: list[Record]) -> tuple[str, float]:
    """The assignment's name and points (one grading run grades one assignment)."""
    if not records:
        return "assignment", 0.0
    first = max(records, key=lambda r: r.max_score)
    return cell(first.assignment), first.max_score


def _write(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def canvas_csv(records: list[Record]) -> str:
    name, points = _assignment(records)
    rows = [[*CANVAS_COLUMNS, name], ["Points Possible", "", "", "", "", f"{points:g}"]]
    for r in sorted(records, key=lambda r: r.id):
        rows.append([cell(r.id), "", "", cell(r.id), "", _score(r)])
    return _write(rows)


def moodle_csv(records: list[Record]) -> str:
    name, _ = _assignment(records)
    rows = [[MOODLE_ID, name]]
    rows += [[cell(r.id), _score(r)] for r in sorted(records, key=lambda r: r.id)]
    return _write(rows)
