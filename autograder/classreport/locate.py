"""Where in a submission each class is defined: "cell 7" of a notebook, "line 12" of a file.

    class_locations(path, assignment) -> {class name: "01_layers.ipynb, cell 7"}

The loader (`loading.load_submission`) records, for every definition it keeps, where it came
from ("01_layers.ipynb cell 7, line 3" or "layers.py, line 12") and which names it binds; the
files graded are the ones `choose.choose` picks, as in grading. The last definition of a name
wins, as it does when the submission runs (notebooks after modules). This only parses, it
never runs student code; a submission that cannot be read has no locations (its feedback
says why it was not graded instead).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..choose import choose
from ..errors import SubmissionUnreadable
from ..loading import load_submission
from ..text import shown

_NOTEBOOK = re.compile(r"^(?P<file>.*) cell (?P<cell>\d+), line \d+$")
_MODULE = re.compile(r"^(?P<file>.*), line (?P<line>\d+)$")


def where(origin: str) -> str:
    """A snippet's origin as a student looks for it: the notebook's cell, or the file's line."""
    found = _NOTEBOOK.match(origin)
    if found:
        return f"{found['file']}, cell {found['cell']}"
    found = _MODULE.match(origin)
    return f"{found['file']}, line {found['line']}" if found else origin


def class_locations(path: str | Path, assignment: str | None = None) -> dict[str, str]:
    """{name: where it is defined} for every top-level name the graded files bind."""
    try:
        choice = choose(path, assignment)
        submission = load_submission(path, files=choice.files)
    except SubmissionUnreadable:
        return {}
    found: dict[str, str] = {}
    for snippet in submission.snippets:
        for name in snippet.defines:
            found[name] = shown(where(snippet.origin))
    return found
