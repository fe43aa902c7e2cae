"""Compare what the student returned with what was expected, and say so in one readable line.

A mismatch message names the class and method, the worst element (its index, expected, got,
relative error) and, when `_diagnose` recognises the pattern, the likely mistake. With
``reveal=False`` (hidden tests) no expected value is printed.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._exceptions import BadReturn, ShapeMismatch, ValueMismatch
from ..runner._plain import Unsupported
from ._diagnose import shape_hint, value_hint

#: a value is correct when max|got - expected| <= RTOL * max|expected| + ATOL
RTOL = 1e-5
ATOL = 1e-10


def tolerance(got: Any) -> tuple[float, float]:
    """(rtol, atol) for a value the student returned."""
    return RTOL, ATOL


def _kind(value: Any) -> str:
    if isinstance(value, Unsupported):
        return f"a {value.type_name}"
    return "None" if value is None else f"a {type(value).__name__}"


def as_array(value: Any, where: str) -> np.ndarray:
    """The returned value as a float64 array, or BadReturn naming what came back instead."""
    if isinstance(value, np.ndarray):
        return value.astype(np.float64)
    if isinstance(value, list):
        try:
            arr = np.array(value, dtype=np.float64)
        except (TypeError, ValueError):
            raise BadReturn(f"{where} returned a list that is not a numeric array") from None
        return arr
    raise BadReturn(f"{where} returned {_kind(value)}, expected a numpy array")


def as_float(value: Any, where: str) -> float:
    if isinstance(value, float):
        return value
    if isinstance(value, np.ndarray) and value.size == 1:
        return float(value.reshape(()))
    raise BadReturn(f"{where} returned {_kind(value)}, expected a number (the mean loss)")


def as_param_dict(value: Any, where: str, params: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """bp_param's dict, with exactly the parameter names as keys."""
    if not isinstance(value, dict):
        hint = " (layers without parameters return {})" if not params else ""
        raise BadReturn(f"{where} returned {_kind(value)}, expected a dict{hint}")
    missing = [k for k in params if k not in value]
    extra = [k for k in value if k not in params]
    if missing or extra:
        parts = []
        if missing:
            parts.append("missing " + ", ".join(repr(k) for k in missing))
        if extra:
            parts.append("unexpected " + ", ".join(repr(k) for k in extra))
        names = ", ".join(repr(k) for k in params) or "none: return {}"
        raise ShapeMismatch(
            f"{where} returned keys {sorted(value)}: {'; '.join(parts)} "
            f"(keys are the parameter attribute names: {names})"
        )
    return {k: as_array(value[k], f"{where}[{k!r}]") for k in params}


def _index(idx: tuple[int, ...]) -> str:
    return "(" + ", ".join(str(int(i)) for i in idx) + ("," if len(idx) == 1 else "") + ")"


def assert_close(
    where: str,
    expected: np.ndarray | float,
    got: np.ndarray | float,
    *,
    reveal: bool = True,
    batch: int | None = None,
    alternatives: dict[str, np.ndarray] | None = None,
    labels: tuple[str, str] = ("expected", "got"),
) -> None:
    """Raise ShapeMismatch / ValueMismatch unless `got` matches `expected`."""
    e = np.asarray(expected, dtype=np.float64)
    g = np.asarray(got, dtype=np.float64)
    if e.shape != g.shape:
        hint = shape_hint(e.shape, g.shape, batch)
        text = f"{where} returned shape {g.shape}, expected {e.shape}"
        raise ShapeMismatch(text + (f". Likely mistake: {hint}." if hint else ""))
    finite = np.isfinite(g)
    err = np.where(finite, np.abs(g - e), np.inf)
    if float(err.max(initial=0.0)) <= RTOL * float(np.abs(e).max(initial=0.0)) + ATOL:
        return
    idx = np.unravel_index(int(np.argmax(err)), e.shape) if e.ndim else ()
    ev, gv = float(e[idx]) + 0.0, float(g[idx]) + 0.0  # + 0.0 turns -0.0 into 0.0
    rel = abs(gv - ev) / max(abs(ev), 1e-12) if np.isfinite(gv) else float("inf")
    at = f" at index {_index(idx)}" if e.ndim else ""
    if reveal:
        values = f"{labels[0]} {ev:.6g}, {labels[1]} {gv:.6g}"
        detail = f"worst element{at}: {values} (relative error {rel:.1e})"
    else:
        detail = f"worst element{at}: relative error {rel:.1e}"
    hint = value_hint(e, g, batch, alternatives)
    text = f"{where}: wrong values; {detail}"
    raise ValueMismatch(text + (f". Likely mistake: {hint}." if hint else "."))
