"""Calling into student code and turning the outcome into plain data (shared by both sessions).

An outcome is ``("ok", plain_value)`` or ``("raised", [type_name, detail, location])``.
"""

from __future__ import annotations

import linecache
import warnings
from typing import Any

import numpy as np

from ._plain import describe_exception, prepare_arg, to_plain

Outcome = tuple[str, Any]


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
    """Why `name` cannot be graded, or None when it is a class we can instantiate."""
    if name not in namespace:
        if name in failed_definitions:
            return f"class {name} is not defined: {failed_definitions[name]}"
        return f"class {name} is not defined (no class named {name} was found in the submission)"
    if not isinstance(namespace[name], type):
        return f"{name} is not a class (it is a {type(namespace[name]).__name__})"
    return None


def construct(cls: type, args: list[Any]) -> Outcome:
    try:
        return "ok", cls(*args)
    except BaseException as exc:  # noqa: BLE001
        return "raised", list(describe_exception(cls.__name__, exc))


def call_method(obj: Any, method: str, args: list[Any], readonly: bool) -> Outcome:
    prepared = [prepare_arg(a, readonly) for a in args]
    try:
        fn = getattr(obj, method)
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            result = fn(*prepared)
        return "ok", to_plain(result)
    except BaseException as exc:  # noqa: BLE001
        return "raised", list(describe_exception(method, exc))


def set_attribute(obj: Any, attr: str, value: Any, readonly: bool) -> Outcome:
    try:
        setattr(obj, attr, prepare_arg(value, readonly))
        return "ok", None
    except BaseException as exc:  # noqa: BLE001
        return "raised", list(describe_exception(attr, exc))
