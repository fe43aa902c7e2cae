"""The assignments the grader knows, and how a path is matched to one.

An `Assignment` is a list of graded units (each with a ``name``: the class students define)
and a rubric that gives each unit its checks. Assignment 1's units are the layer contract's
`Spec`s; later assignments bring their own unit type and rubric.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._exceptions import SubmissionUnreadable
from .checks.rubric import CheckDef, checks_for
from .contract import SPECS


@dataclass(frozen=True)
class Assignment:
    #: folder name under solutions/ and exercises/, e.g. "01_layers"
    name: str
    #: what is graded, in report order; each has a ``name`` attribute (the class name)
    units: tuple[Any, ...]
    #: the checks (with points) of one unit
    rubric: Callable[[Any], list[CheckDef]]

    def unit(self, name: str) -> Any:
        for u in self.units:
            if u.name == name:
                return u
        raise KeyError(name)


ASSIGNMENTS: dict[str, Assignment] = {}
DEFAULT = "01_layers"


def register(assignment: Assignment) -> None:
    ASSIGNMENTS[assignment.name] = assignment


register(Assignment("01_layers", SPECS, checks_for))


def get(name: str) -> Assignment:
    try:
        return ASSIGNMENTS[name]
    except KeyError:
        known = ", ".join(ASSIGNMENTS)
        raise SubmissionUnreadable(f"unknown assignment {name!r} (known: {known})") from None


def find_unit(name: str) -> tuple[Assignment, Any]:
    """The assignment and unit for a class name (e.g. "Linear"); KeyError if none has it."""
    for assignment in ASSIGNMENTS.values():
        for unit in assignment.units:
            if unit.name == name:
                return assignment, unit
    raise KeyError(name)


def infer(path: str | Path) -> str | None:
    """The assignment a path names (a folder or file named after it), or None; `_choose`
    recognises the others from their content."""
    for part in reversed(Path(path).resolve().parts):
        stem = part.removesuffix(".ipynb").removesuffix(".py")
        if stem in ASSIGNMENTS:
            return stem
    return None


def _register_graph() -> None:
    # Assignment 3 (the general back-propagation algorithm); imported here to avoid a cycle.
    from . import graph

    register(Assignment("03_graph", graph.UNITS, graph.checks_for))


_register_graph()


def _register_mlp() -> None:
    # imported here: autograder.mlp imports autograder.checks, which must not import us back
    from .mlp import UNITS as MLP_UNITS
    from .mlp import checks_for as mlp_checks_for

    register(Assignment("02_mlp", MLP_UNITS, mlp_checks_for))


_register_mlp()


def _register_conv() -> None:
    # Assignment 5 (convolutions); imported here, like the others, to avoid a cycle.
    from . import conv

    register(Assignment("05_conv", conv.UNITS, conv.checks_for))


_register_conv()
