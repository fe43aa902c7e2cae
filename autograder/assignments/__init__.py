"""The assignments the grader knows: one sub-package each, found by looking.

Every sub-package of this folder that defines ``ASSIGNMENT`` (an `Assignment`) is an
assignment; nothing registers it by hand. An assignment is a list of graded *units* (each
with a ``name``: the class or function students define) and a rubric that gives each unit
its checks (`toolkit.CheckDef`s). Unit names are scoped to their assignment: two assignments
may both grade a ``ReLU``.

    layers/  01_layers   the layer contract: Linear, activations, losses
    mlp/     02_mlp      a network of layers, an optimiser, minibatches, MNIST
    graph/   03_graph    the general back-propagation algorithm on a computation graph

docs/architecture.md says how to add one.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import SubmissionUnreadable
from ..toolkit.rubric import CheckDef

__all__ = [
    "DEFAULT",
    "Assignment",
    "all_assignments",
    "find_unit",
    "get",
    "infer",
    "names",
    "owner",
    "unknown",
]


@dataclass(frozen=True)
class Assignment:
    #: folder name under solutions/ and exercises/, e.g. "01_layers"
    name: str
    #: what is graded, in report order; each has a ``name`` attribute (the class name)
    units: tuple[Any, ...]
    #: the checks (with points) of one unit
    rubric: Callable[[Any], list[CheckDef]]
    #: whether grading reads the MNIST files (Gradescope fetches them at build time)
    needs_mnist: bool = False
    #: names its submissions define besides the units (e.g. assignment 1's layers that a
    #: network needs), so that a submission not named after it is recognised by its content
    also_defined: tuple[str, ...] = ()

    def unit(self, name: str) -> Any:
        for u in self.units:
            if u.name == name:
                return u
        raise KeyError(name)


#: the assignment a command grades when neither its path nor its content names one
DEFAULT = "01_layers"


@cache
def _discovered() -> dict[str, Assignment]:
    # imported on first use, not at import time: each assignment imports the toolkit, which
    # must be importable without the registry
    found: dict[str, Assignment] = {}
    for info in pkgutil.iter_modules(__path__):
        if not info.ispkg:
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        assignment = getattr(module, "ASSIGNMENT", None)
        if isinstance(assignment, Assignment):
            found[assignment.name] = assignment
    return dict(sorted(found.items()))


def names() -> list[str]:
    """Every assignment's name, sorted."""
    return list(_discovered())


def all_assignments() -> list[Assignment]:
    return list(_discovered().values())


def unknown(name: str) -> SubmissionUnreadable:
    """The one-line error every command gives for a name that is not an assignment."""
    return SubmissionUnreadable(f"unknown assignment {name!r} (known: {', '.join(names())})")


def get(name: str) -> Assignment:
    try:
        return _discovered()[name]
    except KeyError:
        raise unknown(name) from None


def owner(unit: Any) -> Assignment:
    """The assignment `unit` (the object, not its name) belongs to."""
    for assignment in _discovered().values():
        if any(u is unit for u in assignment.units):
            return assignment
    raise KeyError(getattr(unit, "name", unit))


def find_unit(name: str, assignment: str | None = None) -> tuple[Assignment, Any]:
    """The assignment and unit for a class name (e.g. "Linear"), within `assignment` when
    given. KeyError if none has it; ValueError if several assignments do and none is named."""
    scope = [get(assignment)] if assignment else all_assignments()
    matches = [(a, a.unit(name)) for a in scope if name in {u.name for u in a.units}]
    if not matches:
        raise KeyError(name)
    if len(matches) > 1:
        which = ", ".join(a.name for a, _ in matches)
        raise ValueError(f"{name!r} is graded in {which}: say which with assignment=...")
    return matches[0]


def infer(path: str | Path) -> str | None:
    """The assignment a path names (a folder or file named after it), or None; `choose`
    recognises the others from their content."""
    for part in reversed(Path(path).resolve().parts):
        stem = part.removesuffix(".ipynb").removesuffix(".py")
        if stem in _discovered():
            return stem
    return None
