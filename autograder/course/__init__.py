"""Running a course: what the instructor's side does around nbgrader and the students.

- `regrade`: every collected nbgrader submission graded again by the isolated grader, cell by
  cell, with the instructor's own test cells and the course secret; the scores are written into
  nbgrader's gradebook, and every difference from the student's kernel is flagged.
- `starter`: the repository a course hands to students (GitHub Classroom template).
- `nbgrader_autograde`: `nbgrader autograde` run without the course secret in the kernels'
  environment, then `regrade`.
"""

from .regrade import RegradeRow, nbgrader_autograde, regrade
from .starter import write_starter

__all__ = ["RegradeRow", "nbgrader_autograde", "regrade", "write_starter"]
