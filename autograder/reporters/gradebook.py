"""The class gradebook: one CSV row per submission, built from the per-submission JSON files.

Columns: ``id, status, score, max_score``, one column per class (its points), then ``seed``
and ``error``. ``status`` is "graded", "unreadable" when the submission could not be graded
at all (score 0, the reason in ``error``), or "grader error" when the grader itself failed
(no score: the cell is empty, never 0; the reason in ``error``). Rows are sorted by id. Text
cells are made safe to show (`text.shown`) and, if they start like a formula (``=``, ``+``,
``-``, ``@``), quoted with a leading ``'`` so a spreadsheet never runs a file name as a
formula. The CSV is derived data: `autograder.batch` rewrites it from the JSON files, which are
the record.
"""

from __future__ import annotations

import csv
import io

from ..results import unit_of
from ..text import shown


def csv_cell(value: object) -> str:
    """`value` as a safe spreadsheet cell: shown safely, and never read as a formula."""
    text = shown(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def gradebook_csv(records: list[dict]) -> str:
    """`records`: the per-submission JSON documents written by a batch run."""
    units: list[str] = []
    for record in records:
        for check in record.get("checks", []):
            if csv_cell(unit_of(check)) not in units:
                units.append(csv_cell(unit_of(check)))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "status", "score", "max_score", *units, "seed", "error"])
    for record in sorted(records, key=lambda r: r["id"]):
        per_unit = dict.fromkeys(units, 0.0)
        for check in record.get("checks", []):
            per_unit[csv_cell(unit_of(check))] += check["score"]
        writer.writerow(
            [
                csv_cell(record["id"]),
                csv_cell(record["status"]),
                "" if record["score"] is None else f"{record['score']:g}",  # grader error
                f"{record['max_score']:g}",
                *(f"{per_unit[unit]:g}" for unit in units),
                record.get("seed", ""),
                csv_cell(record.get("error", "")),
            ]
        )
    return out.getvalue()
