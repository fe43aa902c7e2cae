"""An instructor's autograded test cell, evaluated against the isolated grader.

A test cell of the course's source notebook (``solutions/``) is trusted code, e.g.::

    score = graded(Linear, points=15)
    ### BEGIN HIDDEN TESTS
    score = min(score, graded(Linear, points=15, hidden=True))
    ### END HIDDEN TESTS
    score

It is run here with `graded` bound to a function that grades the named unit in the student's
sandboxed session, and every other unknown name (``Linear``) bound to a `UnitName` marker: no
student object is ever in this namespace. The cell's last expression is its score, as in
nbgrader. The student's copy of the cell is never read.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Callable
from typing import Any

from ..errors import GradingError


class UnitName(str):
    """A name the cell mentions (``Linear``): the unit to grade, never a student object."""

    @property
    def __name__(self) -> str:  # graded(cls) reads cls.__name__
        return str(self)


class _Names(dict):
    """A cell's namespace: unknown names are unit names."""

    def __missing__(self, key: str) -> Any:
        if hasattr(builtins, key):
            return getattr(builtins, key)
        return UnitName(key)


GradedFunction = Callable[..., float]


def _ignore(*args: Any, **kwargs: Any) -> None:
    """`check(...)` and `check_all(...)` in a test cell print only: nothing to score."""


def cell_score(source: str, graded: GradedFunction, where: str) -> float:
    """The value of the cell's last expression, with `graded` the isolated grader."""
    try:
        tree = ast.parse(source, filename=where)
    except SyntaxError as exc:
        raise GradingError(f"{where}: the test cell is not valid Python ({exc.msg})") from None
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    # names the kit's notebook API provides; imports in the cell are kept (they rebind nothing
    # the cell uses but these, which are rebound after them)
    tree.body = [s for s in tree.body if not isinstance(s, (ast.Import, ast.ImportFrom))]
    names = _Names(graded=graded, check=_ignore, check_all=_ignore)
    try:
        exec(compile(tree, where, "exec"), {"__builtins__": builtins}, names)  # noqa: S102
        value = (
            0.0
            if last is None
            else eval(  # noqa: S307
                compile(ast.Expression(last.value), where, "eval"),
                {"__builtins__": builtins},
                names,
            )
        )
    except GradingError:
        raise
    except Exception as exc:  # the instructor's cell itself is wrong: say so, grade nothing
        raise GradingError(f"{where}: the test cell raised {type(exc).__name__}: {exc}") from None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise GradingError(
            f"{where}: the test cell's last expression is {value!r}, not a number"
        ) from None
