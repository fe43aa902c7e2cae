"""Calling into student code and turning the outcome into plain data (shared by both sessions).

`Objects` holds the submission's namespace and the objects built from it, addressed by integer
handles. Every call returns an outcome: ``("ok", plain_value)`` or
``("raised", [type_name, detail, location])``.
"""

from __future__ import annotations

import itertools
import linecache
import re
import types
import warnings
from typing import Any

import numpy as np

from ._plain import describe_exception, prepare_arg, to_plain

Outcome = tuple[str, Any]
#: how many items `collect=True` takes from a returned iterator before giving up
MAX_COLLECT = 1_000_000


def run_snippets(snippets: list[tuple[str, str]], namespace: dict) -> dict[str, str]:
    """Run (origin, source) snippets one by one; return {origin: problem} for those that raised."""
    problems: dict[str, str] = {}
    for origin, source in snippets:
        filename = f"<submission {origin}>"
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                exec(compile(source, filename, "exec"), namespace)
        except BaseException as exc:  # noqa: BLE001 - SystemExit and friends included on purpose
            exc_type, detail, location = describe_exception(origin, exc)
            where = f" ({location})" if location else ""
            problems[origin] = f"{exc_type}: {detail}{where}" if detail else f"{exc_type}{where}"
    return problems


def class_problem(namespace: dict, name: str, failed_definitions: dict[str, str]) -> str | None:
    """Why `name` cannot be graded, or None when it is a class (or function) we can call."""
    if name not in namespace:
        if name in failed_definitions:
            failed = failed_definitions[name]
            if _KIT_IMPORT.search(failed):  # the kit's modules are not in the sandbox at all
                return (
                    f"{name} is imported from the kit, not written: the kit holds no answers "
                    f"and cannot be imported while grading; write {name} yourself in the notebook"
                )
            return f"class {name} is not defined: {failed}"
        return f"class {name} is not defined (nothing named {name} was found in the submission)"
    if not callable(namespace[name]):
        return f"{name} is not a class (it is a {type(namespace[name]).__name__})"
    return kit_origin(name, namespace[name])


#: an import of the kit's modules that failed in the sandbox
_KIT_IMPORT = re.compile(r"No module named '(autograder|backprop_kit)[.']|from '(autograder)[.']")

#: methods through which a graded unit could be the kit's code
_GRADED_METHODS = ("__call__", "bp_input", "bp_param", "bprop", "backward", "step", "__init__")


def _is_kit_module(module: object) -> bool:
    return isinstance(module, str) and (module == "autograder" or module.startswith("autograder."))


def kit_origin(name: str, value: Any) -> str | None:
    """A one-line reason when the unit `name` is taken from the kit instead of written: the
    kit holds no answers, and importing from it earns nothing (the student is told why)."""
    candidates = [value]
    if isinstance(value, type):
        candidates += [getattr(value, m, None) for m in _GRADED_METHODS]
    for item in candidates:
        module = getattr(item, "__module__", None)
        if _is_kit_module(module):
            return (
                f"{name} comes from the kit ({module}), not from your code: the kit holds no "
                f"answers and importing it earns nothing; write {name} yourself in the notebook"
            )
    return None


def _collect(result: Any) -> Any:
    if isinstance(result, (types.GeneratorType, map, filter, zip)) or (
        hasattr(result, "__iter__") and hasattr(result, "__next__")
    ):
        items = list(itertools.islice(result, MAX_COLLECT + 1))
        if len(items) > MAX_COLLECT:
            raise OverflowError(f"the iterator yielded more than {MAX_COLLECT} items")
        return items
    return result


class Objects:
    """The submission's namespace and the objects built from it."""

    def __init__(self, namespace: dict) -> None:
        self.namespace = namespace
        self.items: dict[int, Any] = {}

    def _invoke(self, where: str, fn, args: list[Any], readonly: bool, collect: bool) -> Outcome:
        try:
            prepared = [prepare_arg(a, readonly, self.items) for a in args]
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                result = fn()(*prepared)
                if collect:
                    result = _collect(result)
            return "ok", to_plain(result)
        except BaseException as exc:  # noqa: BLE001
            return "raised", list(describe_exception(where, exc))

    def construct(self, name: str, args: list[Any]) -> Outcome:
        try:
            obj = self.namespace[name](*[prepare_arg(a, False, self.items) for a in args])
        except BaseException as exc:  # noqa: BLE001
            return "raised", list(describe_exception(name, exc))
        self.items[len(self.items)] = obj
        return "ok", len(self.items) - 1

    def call(
        self,
        handle: int,
        method: str,
        args: list[Any],
        readonly: bool = False,
        collect: bool = False,
    ) -> Outcome:
        obj = self.items[handle]
        return self._invoke(method, lambda: getattr(obj, method), args, readonly, collect)

    def call_function(
        self, name: str, args: list[Any], readonly: bool = False, collect: bool = False
    ) -> Outcome:
        return self._invoke(name, lambda: self.namespace[name], args, readonly, collect)

    def get(self, handle: int, attr: str) -> Outcome:
        try:
            return "ok", to_plain(getattr(self.items[handle], attr))
        except BaseException as exc:  # noqa: BLE001
            return "raised", list(describe_exception(attr, exc))

    def set(self, handle: int, attr: str, value: Any, readonly: bool = False) -> Outcome:
        try:
            setattr(self.items[handle], attr, prepare_arg(value, readonly, self.items))
            return "ok", None
        except BaseException as exc:  # noqa: BLE001
            return "raised", list(describe_exception(attr, exc))
