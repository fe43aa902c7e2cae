"""A check as a rubric lists it: its name, method, points and role.

An assignment's rubric is a function from one of its units to a list of `CheckDef`s; the
grading loop runs them in order and applies `gate.pay_only_right_values` to the results.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from .drive import Ctx


@dataclass(frozen=True)
class CheckDef:
    #: short name shown to students, e.g. "bp_input matches torch"
    name: str
    #: "__call__", "bp_input", "bp_param", or None when the check spans methods
    method: str | None
    points: float
    run: Callable[[Ctx], None]
    #: wall-clock seconds for this check, when it needs more than the configured default
    timeout: float | None = None
    #: "value": compares the method's values with torch autograd; "property": a rule of the
    #: contract apart from values, paid only when the value checks it relies on pass (`_gate`)
    role: Literal["value", "property"] | None = None


def rule(name: str, method: str | None, run: Callable[[Ctx], None]) -> CheckDef:
    """A property check worth 1 point, paid only with right values."""
    return CheckDef(name, method, 1, run, role="property")
