"""Run checks against classes that live in this process (the notebook's self-check cells).

No isolation: the student's kernel is already running their code. Arguments are still
private copies and results still go through `to_plain`, exactly as in the worker.
"""

from __future__ import annotations

from typing import Any

from .._exceptions import StudentException
from ._invoke import call_method, class_problem, construct, set_attribute


def _raise(where: str, outcome: tuple[str, Any]) -> Any:
    kind, value = outcome
    if kind == "raised":
        raise StudentException(where, *value)
    return value


class LocalSubject:
    def __init__(self, name: str, obj: Any) -> None:
        self._name, self._obj = name, obj

    def set(self, attr: str, value: Any, readonly: bool = False) -> None:
        _raise(f"setting {self._name}.{attr}", set_attribute(self._obj, attr, value, readonly))

    def call(self, method: str, *args: Any, readonly: bool = False) -> Any:
        return _raise(
            f"{self._name}.{method}", call_method(self._obj, method, list(args), readonly)
        )


class LocalSession:
    """Classes given directly, e.g. ``LocalSession({"Linear": Linear})``."""

    def __init__(self, classes: dict[str, Any]) -> None:
        self._classes = dict(classes)

    def class_problem(self, name: str) -> str | None:
        return class_problem(self._classes, name, {})

    def new(self, name: str, *args: Any) -> LocalSubject:
        obj = _raise(f"{name}{args}", construct(self._classes[name], list(args)))
        return LocalSubject(name, obj)

    def start_check(self, timeout: float) -> None:
        """No wall-clock limit in-process: the student sees a hang in their own kernel."""

    def close(self) -> None:
        pass

    def __enter__(self) -> LocalSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
