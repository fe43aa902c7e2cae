"""The assignments the grader knows, and how a path is matched to one."""

from __future__ import annotations

from pathlib import Path

from ._exceptions import SubmissionUnreadable
from .contract import SPECS, Spec

#: assignment name -> the classes its rubric grades, in order
ASSIGNMENTS: dict[str, tuple[Spec, ...]] = {"01_layers": SPECS}
DEFAULT = "01_layers"


def specs_for(name: str) -> tuple[Spec, ...]:
    try:
        return ASSIGNMENTS[name]
    except KeyError:
        known = ", ".join(ASSIGNMENTS)
        raise SubmissionUnreadable(f"unknown assignment {name!r} (known: {known})") from None


def infer(path: str | Path) -> str:
    """The assignment a path belongs to, from a folder or file name; else the default."""
    for part in reversed(Path(path).resolve().parts):
        stem = part.removesuffix(".ipynb").removesuffix(".py")
        if stem in ASSIGNMENTS:
            return stem
    return DEFAULT
