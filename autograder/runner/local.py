"""Run checks against classes that live in this process (the notebook's self-check cells).

No isolation: the student's kernel is already running their code. Arguments are still
private copies and results still go through `to_plain`, exactly as in the worker.
"""

from __future__ import annotations

import time
from typing import Any

from ..errors import GradingError, StudentException
from ..loading import Snippet
from ._invoke import Objects, class_problem, run_snippets
from ._plain import Ref


def _result(where: str, outcome: tuple[str, Any]) -> Any:
    kind, value = outcome
    if kind == "raised":
        raise StudentException(where, *value)
    return value


def _refs(args: tuple[Any, ...]) -> list[Any]:
    """Subjects passed as arguments become references to their objects."""

    def one(a: Any) -> Any:
        if isinstance(a, LocalSubject):
            return Ref(a.handle)
        if isinstance(a, (list, tuple)):
            return type(a)(one(x) for x in a)
        return a

    return [one(a) for a in args]


class LocalSubject:
    def __init__(self, objects: Objects, name: str, handle: int) -> None:
        self._objects, self._name, self.handle = objects, name, handle

    def set(self, attr: str, value: Any, readonly: bool = False) -> None:
        outcome = self._objects.set(self.handle, attr, value, readonly)
        _result(f"setting {self._name}.{attr}", outcome)

    def get(self, attr: str) -> Any:
        return _result(f"{self._name}.{attr}", self._objects.get(self.handle, attr))

    def call(self, method: str, *args: Any, readonly: bool = False, collect: bool = False) -> Any:
        outcome = self._objects.call(self.handle, method, _refs(args), readonly, collect)
        return _result(f"{self._name}.{method}", outcome)


class LocalSession:
    """Classes (and functions) given directly, e.g. ``LocalSession({"Linear": Linear})``."""

    def __init__(self, classes: dict[str, Any]) -> None:
        self._objects = Objects(dict(classes))
        self._added: set[str] = set()

    def add_definitions(self, snippet: Snippet) -> None:
        """Run the grader's own `snippet` in this session's namespace (once per origin)."""
        if snippet.origin in self._added:
            return
        self._added.add(snippet.origin)
        problems = run_snippets([(snippet.origin, snippet.source)], self._objects.namespace)
        if problems:
            raise GradingError(f"{snippet.origin}: {problems[snippet.origin]}")

    def class_problem(self, name: str) -> str | None:
        return class_problem(self._objects.namespace, name, {})

    def new(self, name: str, *args: Any) -> LocalSubject:
        handle = _result(f"{name}{tuple(args)}", self._objects.construct(name, _refs(args)))
        return LocalSubject(self._objects, name, handle)

    def call_function(
        self, name: str, *args: Any, readonly: bool = False, collect: bool = False
    ) -> Any:
        outcome = self._objects.call_function(name, _refs(args), readonly, collect)
        return _result(name, outcome)

    def start_check(self, timeout: float) -> None:
        """No wall-clock limit in-process: the student sees a hang in their own kernel."""

    def cpu_seconds(self) -> float:
        """CPU time of this process (the class runs in it)."""
        return time.process_time()

    def close(self) -> None:
        pass

    def __enter__(self) -> LocalSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
