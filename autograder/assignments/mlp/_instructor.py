"""The instructor's own classes, read at grading time from the course's solution notebooks.

Only the credit assignment of the end-to-end check uses them (which of a student's classes
breaks training?), never the score: a submission gets the same points with or without them.
They are found, in this order, at `TrainConfig.solutions`, at ``$BACKPROP_KIT_SOLUTIONS``, or
in a course directory that holds the working directory (a folder with
``solutions/01_layers`` and ``solutions/02_mlp``, as nbgrader's source folder): assignment
1's layers from ``solutions/01_layers/*.ipynb``, assignment 2's pieces from
``solutions/02_mlp/*.ipynb`` (the nbgrader solution regions are kept there). The package
itself holds no answer; a student's machine has no ``solutions/`` and so no instructor
classes.

In a session they are built under the names `instructor(name)`, from a definitions snippet
that runs their source in a namespace of its own (so they never replace a student's name).
"""

from __future__ import annotations

import os
from pathlib import Path

from ...errors import SubmissionUnreadable
from ...loading import Snippet, load_submission
from ..layers import ASSIGNMENT as LAYERS

#: a course's solutions folder (nbgrader's source directory), for the credit assignment
SOLUTIONS_ENV = "BACKPROP_KIT_SOLUTIONS"
#: the assignments whose solution notebooks hold the classes the end-to-end check trains
ASSIGNMENTS = (LAYERS.name, "02_mlp")
ORIGIN = "instructor's solutions"


def instructor(name: str) -> str:
    """The session name of the instructor's class (or function) `name`."""
    return f"instructor's {name}"


def _is_solutions(folder: Path) -> bool:
    return all(any((folder / a).glob("*.ipynb")) for a in ASSIGNMENTS)


def find(configured: str | None = None) -> Path | None:
    """The solutions folder, or None when the instructor's classes are not available."""
    explicit = configured or os.environ.get(SOLUTIONS_ENV)
    if explicit:
        folder = Path(explicit)
        return folder if _is_solutions(folder) else None
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if _is_solutions(folder / "solutions"):
            return folder / "solutions"
    return None


def source(solutions: Path) -> str:
    """The definitions of the solution notebooks, without the kit's own imports (the
    notebook helpers are not needed to train)."""
    parts = []
    for assignment in ASSIGNMENTS:
        for notebook in sorted((solutions / assignment).glob("*.ipynb")):
            for s in load_submission(notebook).snippets:
                if "autograder" not in s.source:
                    parts.append(s.source.strip("\n"))
    return "\n\n".join(parts) + "\n"


def snippet(solutions: Path, names: tuple[str, ...]) -> Snippet:
    """A snippet that defines `instructor(n)` for each of `names` in the session."""
    text = f"""
def _instructor_setup():
    ns = {{"__name__": "instructor"}}
    exec(compile({source(solutions)!r}, "<instructor's solutions>", "exec"), ns)
    for name in {names!r}:
        if name in ns:
            globals()["instructor's " + name] = ns[name]


_instructor_setup()
del _instructor_setup
"""
    return Snippet(origin=ORIGIN, source=text)


def available(solutions: Path | None) -> bool:
    if solutions is None:
        return False
    try:
        return bool(source(solutions).strip())
    except SubmissionUnreadable:
        return False
