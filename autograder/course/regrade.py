"""Regrade every collected nbgrader submission in the isolated grader, and write the scores
into nbgrader's gradebook.

Why: ``nbgrader autograde`` runs the test cells in a kernel that also runs the student's code,
so a notebook can redefine ``graded``, patch the kit in memory or read anything the kernel can.
The regrade loads each submitted notebook's *definitions* into the sandboxed worker (as the CLI
does), runs the instructor's own test cells from the source notebook against it (never the
student's copy; `_cells.py`), derives hidden seeds from the course secret, which only this
process holds, and then, for every grade cell:

- equal to the kernel's score: nothing to do;
- different, or missing in the gradebook: the isolated score is written as the cell's
  ``manual_score`` (nbgrader then reports it everywhere: ``formgrader``, ``export``,
  feedback totals) and the row is *flagged* with the reason.

Every row, flagged or not, goes to ``regrade/<assignment>.csv`` in the course folder, one line
per student and cell: the one place to look for a difference between kernel and grader, and for
a test cell a student deleted, edited or renamed (`_tamper.py`; nbgrader's own "checksum has
changed" warnings also fire for every cell whose hidden tests were cut at release, so they are
not a sign of tampering).
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from .. import assignments
from ..config import PUBLIC_SEED, GradeConfig
from ..errors import GradingError, SubmissionError, SubmissionUnreadable
from ..grading import run_class
from ..loading import load_submission
from ..results import scaled_points
from ..runner import RemoteSession
from ..secret import SECRET_VARIABLE, course_secret, hidden_seed
from ._cells import GradedFunction, cell_score
from ._nbgrader import Course, GradeCell
from ._tamper import changes

#: scores closer than this are equal (nbgrader stores floats; `graded` rounds to 0.01)
TOLERANCE = 0.005


@dataclass(frozen=True)
class RegradeRow:
    """One grade cell of one student's submission."""

    #: the student's nbgrader id
    student: str
    #: the notebook's name without .ipynb
    notebook: str
    #: the test cell's nbgrader grade id
    grade_id: str
    #: the cell's points
    max_points: float
    #: the score the student's kernel gave (nbgrader's auto_score); None when nbgrader has none
    kernel: float | None
    #: the isolated grader's score: the one that counts
    isolated: float
    #: why the row is flagged ("" when kernel and isolated agree)
    note: str = ""

    @property
    def flagged(self) -> bool:
        return bool(self.note)


def _graded(session: RemoteSession, assignment: str, config: GradeConfig) -> GradedFunction:
    """`graded(cls, points, name=None, hidden=False)` as the notebook API has it, isolated."""

    def graded(cls: object, points: float, name: str | None = None, hidden: bool = False):
        unit_name = name or str(getattr(cls, "__name__", cls))
        try:
            unit = assignments.get(assignment).unit(unit_name)
        except KeyError:
            unit = assignments.find_unit(unit_name)[1]
        seed = hidden_seed(unit_name, course_secret()) if hidden else PUBLIC_SEED
        results = run_class(session, unit, seed, reveal=not hidden, timeout=config.check_timeout)
        return scaled_points(results, float(points))

    return graded


def _isolated_scores(
    path: Path, cells: list[GradeCell], assignment: str, config: GradeConfig
) -> tuple[dict[str, float], str]:
    """{grade id: isolated score} of one submitted notebook, and a problem ("" if none)."""
    if not path.is_file():
        return {c.grade_id: 0.0 for c in cells}, f"no submitted notebook {path.name}"
    try:
        submission = load_submission(path)
    except SubmissionUnreadable as exc:
        return {c.grade_id: 0.0 for c in cells}, f"unreadable: {exc}"
    scores = {}
    with RemoteSession(submission, memory_mb=config.memory_mb) as session:
        graded = _graded(session, assignment, config)
        for cell in cells:
            try:
                scores[cell.grade_id] = cell_score(
                    cell.source, graded, f"{cell.notebook}.ipynb, cell {cell.grade_id}"
                )
            except SubmissionError:  # the sandbox could not grade it at all: no points
                scores[cell.grade_id] = 0.0
    return scores, ""


def _record(course: Course, assignment: str, rows: list[RegradeRow]) -> list[RegradeRow]:
    """Write flagged scores into the gradebook; rows whose cell nbgrader lacks stay flagged."""
    from nbgrader.api import MissingEntry

    out = []
    with course.gradebook() as gb:
        for row in rows:
            try:
                grade = gb.find_grade(row.grade_id, row.notebook, assignment, row.student)
            except MissingEntry:
                if row.max_points == 0:  # a grade id the assignment does not have
                    out.append(row)
                    continue
                note = row.note or "nbgrader has no score for this cell"
                out.append(
                    _with(
                        row,
                        kernel=None,
                        note=f"{note} (not in the gradebook: "
                        "run nbgrader autograde for this student first)",
                    )
                )
                continue
            kernel = grade.auto_score
            note = row.note
            if kernel is None:
                note = note or "nbgrader's autograde gave this cell no score"
            elif abs(kernel - row.isolated) > TOLERANCE:
                note = note or (
                    f"the student's kernel gave {kernel:g}, the isolated grader {row.isolated:g}"
                )
            if note or grade.manual_score is not None:
                grade.manual_score = row.isolated
            out.append(_with(row, kernel=kernel, note=note))
        gb.db.commit()
    return out


def _with(row: RegradeRow, **changes: object) -> RegradeRow:
    return RegradeRow(**{**asdict(row), **changes})


def _write_csv(path: Path, rows: list[RegradeRow]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow([f.name for f in fields(RegradeRow)])
        for row in rows:
            writer.writerow(["" if v is None else v for v in asdict(row).values()])
    tmp.replace(path)


def regrade(
    course_root: str | Path,
    assignment: str,
    students: Iterable[str] | None = None,
    config: GradeConfig | None = None,
) -> list[RegradeRow]:
    """Regrade `assignment` for `students` (default: everyone who submitted it)."""
    config = config or GradeConfig()
    course = Course(course_root)
    assignments.get(assignment)  # a one-line error for an unknown assignment
    cells = course.grade_cells(assignment)
    if any("hidden=True" in c.source for c in cells):
        course_secret()  # refuse before grading anyone, not half-way through
    rows: list[RegradeRow] = []
    for student in students if students is not None else course.students(assignment):
        folder = course.folder("submitted", student, assignment)
        for notebook in dict.fromkeys(c.notebook for c in cells):
            mine = [c for c in cells if c.notebook == notebook]
            scores, problem = _isolated_scores(
                folder / f"{notebook}.ipynb", mine, assignment, config
            )
            released = course.folder("release", ".", assignment) / f"{notebook}.ipynb"
            edits = changes(
                folder / f"{notebook}.ipynb",
                released,
                [c.grade_id for c in mine],
                {c.grade_id: c.source for c in mine},
            )
            rows += [
                RegradeRow(
                    student,
                    notebook,
                    c.grade_id,
                    c.points,
                    None,
                    scores[c.grade_id],
                    "; ".join(x for x in (problem, edits.pop(c.grade_id, "")) if x),
                )
                for c in mine
            ]
            # grade ids the assignment does not have: reported, worth nothing
            rows += [
                RegradeRow(student, notebook, g, 0.0, None, 0.0, why) for g, why in edits.items()
            ]
    rows = _record(course, assignment, rows)
    _write_csv(course.root / "regrade" / f"{assignment}.csv", rows)
    return rows


def _nbgrader() -> list[str]:
    script = Path(sys.executable).with_name("nbgrader")
    return [str(script)] if script.exists() else [sys.executable, "-m", "nbgrader"]


def nbgrader_autograde(
    course_root: str | Path,
    assignment: str,
    nbgrader_args: Iterable[str] = (),
    config: GradeConfig | None = None,
) -> list[RegradeRow]:
    """``nbgrader autograde`` with the course secret kept out of every kernel, then `regrade`."""
    course_secret()  # the regrade needs it; check before nbgrader spends minutes
    env = {k: v for k, v in os.environ.items() if k not in (SECRET_VARIABLE, "BACKPROP_KIT_SEED")}
    proc = subprocess.run(
        [*_nbgrader(), "autograde", assignment, *nbgrader_args],
        cwd=course_root,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["(no output)"]
        raise GradingError(f"nbgrader autograde {assignment} failed: {tail[0]}")
    return regrade(course_root, assignment, config=config)
