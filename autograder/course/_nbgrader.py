"""An nbgrader course directory as the regrade sees it: its configuration, folders, gradebook
and the grade cells of its source notebooks.

Reads the course's own ``nbgrader_config.py`` (as every ``nbgrader`` command run there does),
so custom folder names and database URLs are honoured.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import nbformat

from ..errors import SubmissionUnreadable


@dataclass(frozen=True)
class GradeCell:
    """One autograded test cell of a source notebook (trusted: the instructor's)."""

    notebook: str  # the notebook's name without .ipynb, as nbgrader names it
    grade_id: str
    points: float
    source: str


class Course:
    def __init__(self, root: str | Path) -> None:
        from nbgrader.coursedir import CourseDirectory
        from traitlets.config.loader import PyFileConfigLoader

        root = Path(root).resolve()
        if not (root / "nbgrader_config.py").is_file():
            raise SubmissionUnreadable(f"{root} is not an nbgrader course (no nbgrader_config.py)")
        config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
        self.dirs = CourseDirectory(config=config)
        self.dirs.root = str(root)
        self.root = root

    def folder(self, kind: str, student: str, assignment: str) -> Path:
        """e.g. folder("submitted", "bob", "01_layers")."""
        name = getattr(self.dirs, f"{kind}_directory")
        return Path(self.dirs.format_path(name, student, assignment))

    def source_notebooks(self, assignment: str) -> list[Path]:
        folder = self.folder("source", ".", assignment)
        found = sorted(folder.glob("*.ipynb"))
        if not found:
            raise SubmissionUnreadable(f"no source notebook for {assignment} in {folder}")
        return found

    def grade_cells(self, assignment: str) -> list[GradeCell]:
        cells = []
        for path in self.source_notebooks(assignment):
            for cell in nbformat.read(path, as_version=4).cells:
                meta = cell.metadata.get("nbgrader", {})
                if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
                    cells.append(
                        GradeCell(path.stem, meta["grade_id"], float(meta["points"]), cell.source)
                    )
        return cells

    def students(self, assignment: str) -> list[str]:
        """Everyone with a submission folder, and everyone the gradebook knows."""
        found = {
            p.parent.name
            for p in self.root.glob(f"{self.dirs.submitted_directory}/*/*")
            if p.name == assignment and p.is_dir()
        }
        with self.gradebook() as gb:
            found |= {s.id for s in gb.students}
        return sorted(found)

    def gradebook(self):  # noqa: ANN201 - nbgrader's Gradebook (a context manager)
        from nbgrader.api import Gradebook

        return Gradebook(self.dirs.db_url, self.dirs.course_id)
