"""Which files of a folder are the submission, and which assignment they answer.

A folder -- a student's repository, an LMS download, nbgrader's submission folder -- often holds
more than the assignment's notebook: checkpoints, copies (``Untitled.ipynb``,
``01_layers-Copy1.ipynb``, ``hw (1).ipynb``), a second assignment. Grading every notebook in it
would let a stray copy full of stubs redefine the real classes; guessing would grade the wrong
thing in silence. So:

- the assignment comes from ``--assignment``, else from the path (a folder or file named after
  it), else from the content (which assignment's classes and functions the files define); a tie
  or nothing recognisable is a one-line error;
- in a folder, the notebook named after the assignment is graded; failing that, the one notebook
  that is not a copy (preferring nbgrader's released copy, which carries its metadata); more than
  one candidate is a one-line error naming them. Every ``.py`` file is kept (modules the
  notebook imports). Each skipped notebook is named in the report's diagnostics, with the reason.

This module reads and parses (through `loading`); it never runs student code.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from . import assignments
from .errors import SubmissionUnreadable
from .loading import code_files, load_submission

#: notebook names that are copies, not the work: Untitled, Untitled3, x-Copy1, x copy, x (1)
_COPY = re.compile(r"(?i)(^untitled\d*$|[-_ ]copy\d*$|\s\(\d+\)$)")


@dataclass(frozen=True)
class Choice:
    """What to grade."""

    #: the assignment's name, e.g. "01_layers"
    assignment: str
    #: the files to load (None: the path is one file, load it)
    files: tuple[Path, ...] | None
    #: one line per decision a student should see ("graded x.ipynb; skipped y.ipynb: ...")
    notes: tuple[str, ...]


def _names(assignment: str) -> set[str]:
    """The graded names a submission of `assignment` defines (assignment 3's algorithm is a
    function)."""
    names = {u.name for u in assignments.get(assignment).units}
    return (names - {"Backprop"}) | {"build_grad"} if "Backprop" in names else names


def from_content(defined: set[str], where: str) -> str:
    """The assignment whose graded names `defined` holds most of (the names it also defines,
    `Assignment.also_defined`, break a tie only: they are context, e.g. a CNN's Linear, not
    evidence); SubmissionUnreadable if none or a tie."""
    counts = {
        a.name: (len(defined & _names(a.name)), len(defined & set(a.also_defined)))
        for a in assignments.all_assignments()
    }
    best = max(counts.values(), default=(0, 0))
    winners = sorted(a for a, n in counts.items() if n == best)
    if best[0] == 0:
        raise SubmissionUnreadable(
            f"cannot tell which assignment {where} is: it defines none of the graded classes "
            "or functions; pass --assignment NAME"
        )
    if len(winners) > 1:
        raise SubmissionUnreadable(
            f"cannot tell which assignment {where} is ({' or '.join(winners)}: it defines as "
            "many names of each); pass --assignment NAME"
        )
    return winners[0]


def _has_nbgrader_metadata(path: Path) -> bool:
    try:
        cells = json.loads(path.read_text(encoding="utf-8-sig")).get("cells", [])
    except (OSError, ValueError, AttributeError, RecursionError):
        return False
    return any(isinstance(c, dict) and "nbgrader" in c.get("metadata", {}) for c in cells)


def _notebook(
    folder: Path, notebooks: list[Path], assignment: str | None
) -> tuple[Path, list[str]]:
    """The folder's notebook to grade, and why each other one is skipped."""
    copies = [n for n in notebooks if _COPY.search(n.stem)]
    named = [n for n in notebooks if assignment and n.stem == assignment]
    rest = named if len(named) == 1 else [n for n in notebooks if n not in copies] or copies
    if len(rest) > 1:
        released = [n for n in rest if _has_nbgrader_metadata(n)]
        rest = released if released else rest
    if len(rest) > 1:
        names = ", ".join(_rel(n, folder) for n in rest)
        want = f"{assignment}.ipynb" if assignment else "the assignment's notebook"
        raise SubmissionUnreadable(
            f"{folder} holds {len(rest)} notebooks ({names}) and none is {want}: grade one file"
        )
    chosen = rest[0]
    notes = [
        f"{_rel(n, folder)}: skipped ({'a copy' if n in copies else 'not ' + chosen.name})"
        for n in notebooks
        if n != chosen
    ]
    return chosen, notes


def _rel(path: Path, folder: Path) -> str:
    return path.relative_to(folder).as_posix()


def choose(path: str | Path, assignment: str | None = None) -> Choice:
    """What to grade at `path` for `assignment` (None: recognise it)."""
    path = Path(path)
    assignment = assignment or assignments.infer(path)
    if assignment:
        assignments.get(assignment)  # a one-line error for an unknown name
    if not path.is_dir() or path.is_symlink():
        if assignment is None:
            defined = {n for s in load_submission(path).snippets for n in s.defines}
            assignment = from_content(defined, path.name)
        return Choice(assignment, None, ())
    files = code_files(path, [])
    notebooks = [f for f in files if f.suffix == ".ipynb"]
    notes: list[str] = []
    named = {n.stem for n in notebooks if n.stem in assignments.names()}
    if assignment is None and len(named) == 1:
        assignment = named.pop()  # the folder holds one assignment's notebook, by name
    if notebooks:
        chosen, notes = _notebook(path, notebooks, assignment)
        files = [f for f in files if f.suffix == ".py"] + [chosen]
        if notes:  # say which notebook counted when there was a choice
            notes.insert(0, f"graded {_rel(chosen, path)}")
    if assignment is None:
        loaded = load_submission(path, files=files)
        defined = {n for s in loaded.snippets for n in s.defines}
        assignment = from_content(defined, path.name or str(path))
        notes.append(f"recognised as {assignment} from the names it defines")
    return Choice(assignment, tuple(files), tuple(notes))
