"""Turn whatever a student's method returned into plain data, the only thing a check sees.

Arrays (and ndarray subclasses) become fresh base-class ndarrays; numpy scalars become
floats; dicts and lists are converted item by item; anything else becomes an `Unsupported`
marker naming its type, which the check reports as a bad return value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

#: how deep nested lists / dicts may go before the value is called garbage
_MAX_DEPTH = 4


@dataclass(frozen=True)
class Ref:
    """An argument that stands for an object already built in the session (by its handle)."""

    handle: int


@dataclass(frozen=True)
class SeededGenerator:
    """An argument that stands for ``numpy.random.default_rng(seed)``, built where the student's
    code runs (a Generator cannot cross the wire; its seed can)."""

    seed: int


@dataclass(frozen=True)
class Unsupported:
    """Stands in for a returned value the grader will not touch (its type name only)."""

    type_name: str


def to_plain(value: Any, depth: int = 0) -> Any:
    if depth > _MAX_DEPTH:
        return Unsupported("deeply nested value")
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biuf":
            return Unsupported(f"ndarray of dtype {value.dtype}")
        # a copy into a base-class array: no subclass behaviour, no aliasing of student state
        return np.array(np.asarray(value).view(np.ndarray), copy=True)
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            return Unsupported("dict with non-string keys")
        return {k: to_plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(v, depth + 1) for v in value]
    return Unsupported(type(value).__name__)


def prepare_arg(value: Any, readonly: bool, objects: dict[int, Any] | None = None) -> Any:
    """A private copy of an argument for the student's code (read-only when asked); `Ref`s
    become the session's objects, also inside lists, tuples and dicts."""
    if isinstance(value, np.ndarray):
        # float arrays are copied as float64; integer ones (labels, indices) keep their kind
        out = np.array(value, dtype=np.float64 if value.dtype.kind == "f" else None, copy=True)
        if readonly:
            out.setflags(write=False)
        return out
    if isinstance(value, Ref):
        return (objects or {})[value.handle]
    if isinstance(value, SeededGenerator):
        return np.random.default_rng(value.seed)
    if isinstance(value, (list, tuple)):
        return type(value)(prepare_arg(v, readonly, objects) for v in value)
    if isinstance(value, dict):
        return {k: prepare_arg(v, readonly, objects) for k, v in value.items()}
    return value


def describe_exception(where: str, exc: BaseException) -> tuple[str, str, str]:
    """(type name, first line of the message, innermost student frame 'file:line')."""
    detail = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
    location = ""
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.startswith("<submission"):
            location = f"{name.strip('<>').removeprefix('submission ')}, line {tb.tb_lineno}"
        tb = tb.tb_next
    return type(exc).__name__, detail, location
