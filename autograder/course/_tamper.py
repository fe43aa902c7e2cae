"""What a student changed in the test cells of a submitted notebook.

nbgrader restores every locked cell before autograding, so an edited test cell cannot change a
score; but it logs "Attribute 'checksum' for cell ... has changed!" for *every* test cell whose
hidden tests were cut at release (the released cell differs from the source by design), for
every student, so a real edit drowns in those warnings. The regrade therefore compares each
submitted test cell with the *released* cell (what the student received) and reports only real
differences, per student and cell:

- a test cell missing from the submission (deleted, or its ``grade_id`` changed);
- a test cell whose code differs from the released one (edited);
- a ``grade_id`` the assignment does not have (a changed id, or a cell copied in).
"""

from __future__ import annotations

from pathlib import Path

import nbformat


def _grade_cells(path: Path) -> dict[str, str]:
    """{grade id: source} of the notebook's grade cells; {} when it cannot be read."""
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:  # noqa: BLE001 - an unreadable notebook is reported by the grading
        return {}
    out = {}
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if isinstance(meta, dict) and meta.get("grade") and "grade_id" in meta:
            out[str(meta["grade_id"])] = cell.get("source", "")
    return out


def _normal(source: str) -> str:
    return "\n".join(line.rstrip() for line in str(source).strip().splitlines())


def changes(
    submitted: Path, released: Path, graded: list[str], source: dict[str, str] | None = None
) -> dict[str, str]:
    """{grade id: what changed} for the test cells `graded` of one submitted notebook, plus
    grade ids the released notebook does not have. A cell equal to the instructor's own
    version (`source`: grade id -> source cell, hidden tests included) is not an edit."""
    theirs, ours = _grade_cells(submitted), _grade_cells(released)
    if not theirs and not submitted.is_file():
        return {}
    source = source or {}
    out = {}
    for grade_id in graded:
        if grade_id not in theirs:
            out[grade_id] = "the test cell is missing (deleted, or its grade_id was changed)"
            continue
        mine = _normal(theirs[grade_id])
        known = {_normal(x) for x in (ours.get(grade_id), source.get(grade_id)) if x is not None}
        if known and mine not in known:
            out[grade_id] = "the test cell was edited (nbgrader restored it before grading)"
    for grade_id in sorted(set(theirs) - set(ours)):
        out[grade_id] = "a grade_id the assignment does not have (a changed or copied cell)"
    return out
