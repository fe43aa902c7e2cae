"""A throwaway nbgrader course for the tests: a course directory, an exchange, student homes,
and the real `nbgrader` command run in each of them.

Layout under the base folder (a pytest tmp dir; nothing is written to the repository):

    course/      the instructor's course: the repo's nbgrader_config.py (plus course id and
                 exchange), solutions/<assignment>/; nbgrader writes its gradebook.db here
    exchange/    Exchange.root, shared by instructor and students
    home/        the instructor's $HOME (so no user-level Jupyter config leaks in)
    students/<id>/   each student's $HOME and working folder, with ~/.jupyter/nbgrader_config.py
                 naming the exchange and course, as a JupyterHub would set up
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
COURSE_ID = "backprop-101"
#: the course secret of the hidden tests (reproducible grading)
SECRET = "lifecycle-test-secret"
#: seconds one nbgrader command may take (autograde runs every graded cell of a notebook)
COMMAND_TIMEOUT = 300
_IGNORED = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "*.pyc", ".*")
#: variables of the developer's shell that would point nbgrader or Jupyter elsewhere
_DROPPED = (
    "JUPYTER_CONFIG_DIR",
    "JUPYTER_CONFIG_PATH",
    "JUPYTER_DATA_DIR",
    "JUPYTER_PATH",
    "JUPYTER_RUNTIME_DIR",
    "IPYTHONDIR",
    "BACKPROP_KIT_SECRET",
    "BACKPROP_KIT_SEED",
)


def nbgrader_command() -> list[str]:
    """The nbgrader of the interpreter running the tests (its kernels run that interpreter)."""
    script = Path(sys.executable).with_name("nbgrader")
    return [str(script)] if script.exists() else [sys.executable, "-m", "nbgrader"]


def environment(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED}
    env["HOME"] = str(home)
    # nbgrader runs `alembic` from PATH when it creates a gradebook: the venv's bin comes first
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env.update(extra)
    return env


class CommandFailed(AssertionError):
    pass


class Course:
    def __init__(
        self,
        base: Path,
        assignments: tuple[str, ...] = ("01_layers",),
        secret: str = SECRET,
        config_lines: tuple[str, ...] = (),
    ):
        self.base = Path(base)
        self.root = self.base / "course"
        self.exchange = self.base / "exchange"
        self.home = self.base / "home"
        self.secret = secret
        for folder in (self.root, self.home):
            folder.mkdir(parents=True)
        self.exchange.mkdir(parents=True)
        self.exchange.chmod(0o777)  # students write their submissions to it
        config = (ROOT / "nbgrader_config.py").read_text()
        config += (
            "\n# added by the test course\n"
            f"c.CourseDirectory.course_id = {COURSE_ID!r}\n"
            f"c.Exchange.root = {str(self.exchange)!r}\n"
        ) + "".join(line + "\n" for line in config_lines)
        (self.root / "nbgrader_config.py").write_text(config)
        for name in assignments:
            shutil.copytree(
                ROOT / "solutions" / name, self.root / "solutions" / name, ignore=_IGNORED
            )

    def add_source(self, assignment: str, filename: str, notebook: nbformat.NotebookNode) -> None:
        """Add an nbgrader source notebook of the test's own to the course."""
        folder = self.root / "solutions" / assignment
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, folder / filename)

    # -- running nbgrader -------------------------------------------------------------------

    def run(self, *args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess:
        cmd = nbgrader_command() + list(args)
        env = environment(home, BACKPROP_KIT_SECRET=self.secret)
        proc = subprocess.run(
            cmd,
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
        if proc.returncode != 0:
            raise CommandFailed(
                f"`nbgrader {' '.join(args)}` (in {cwd}) exited {proc.returncode}:\n"
                f"{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
            )
        return proc

    def kit(self, *args: str) -> subprocess.CompletedProcess:
        """`python -m autograder ARGS` in the course folder, as the instructor (with the secret)."""
        proc = subprocess.run(
            [sys.executable, "-m", "autograder", *args],
            cwd=self.root,
            env=environment(self.home, BACKPROP_KIT_SECRET=self.secret),
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT * 3,
            stdin=subprocess.DEVNULL,
        )
        if proc.returncode != 0:
            raise CommandFailed(
                f"`autograder {' '.join(args)}` exited {proc.returncode}:\n"
                f"{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
            )
        return proc

    def instructor(self, *args: str) -> subprocess.CompletedProcess:
        return self.run(*args, cwd=self.root, home=self.home)

    def student_home(self, student: str) -> Path:
        home = self.base / "students" / student
        config = home / ".jupyter" / "nbgrader_config.py"
        if not config.exists():
            config.parent.mkdir(parents=True)
            config.write_text(
                "c = get_config()  # noqa: F821\n"
                f"c.CourseDirectory.course_id = {COURSE_ID!r}\n"
                f"c.Exchange.root = {str(self.exchange)!r}\n"
            )
        return home

    def student(self, student: str, *args: str) -> subprocess.CompletedProcess:
        home = self.student_home(student)
        return self.run(*args, cwd=home, home=home)

    # -- reading results --------------------------------------------------------------------

    def grades(self, assignment: str, student: str) -> dict[str, float]:
        """The gradebook's autograded score of each test cell (by grade id), and "total"."""
        from nbgrader.api import Gradebook

        with Gradebook(f"sqlite:///{self.root / 'gradebook.db'}") as gb:
            submission = gb.find_submission(assignment, student)
            scores = {g.name: g.score for nb in submission.notebooks for g in nb.grades}
            scores["total"] = submission.score
        return scores

    def max_points(self, assignment: str) -> dict[str, float]:
        from nbgrader.api import Gradebook

        with Gradebook(f"sqlite:///{self.root / 'gradebook.db'}") as gb:
            a = gb.find_assignment(assignment)
            points = {c.name: c.max_score for nb in a.notebooks for c in nb.grade_cells}
            points["total"] = a.max_score
        return points


# -- notebooks -------------------------------------------------------------------------------

_MARKER = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*(?:\n|\Z)", re.MULTILINE)


def solution_sources(source_notebook: Path) -> dict[str, str]:
    """The code of every solution cell of an nbgrader source notebook, by grade id, without the
    `### BEGIN/END SOLUTION` lines (as a student would have written it)."""
    nb = nbformat.read(source_notebook, as_version=4)
    return {
        cell.metadata["nbgrader"]["grade_id"]: _MARKER.sub("", cell.source)
        for cell in nb.cells
        if cell.metadata.get("nbgrader", {}).get("solution")
    }


def fill_in(notebook: Path, answers: dict[str, str]) -> None:
    """Write `answers` (grade id -> code) into the solution cells of a released notebook."""
    nb = nbformat.read(notebook, as_version=4)
    filled = set()
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
            filled.add(grade_id)
    missing = set(answers) - filled
    assert not missing, f"{notebook} has no cells {sorted(missing)}"
    nbformat.write(nb, notebook)


def replace_once(source: str, old: str, new: str) -> str:
    assert source.count(old) == 1, f"expected exactly one {old!r} in:\n{source}"
    return source.replace(old, new)


def html_text(path: Path) -> str:
    """The visible text of an HTML page (no styles, scripts or tags), whitespace collapsed."""
    page = path.read_text(encoding="utf-8")
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.DOTALL | re.IGNORECASE)
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    return re.sub(r"\s+", " ", text)
