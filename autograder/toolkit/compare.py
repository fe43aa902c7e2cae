"""Compare what the student returned with what was expected, and say so in one readable line.

A mismatch message names the class and method, the worst element (its index, expected, got,
relative error) and, when `_diagnose` recognises the pattern, the likely mistake. With
``reveal=False`` (hidden tests) no expected value is printed.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import BadReturn, CheckFailed, ShapeMismatch, ValueMismatch
from ..runner import Unsupported
from .diagnose import shape_hint, value_hint

#: a value is correct when max|got - expected| <= RTOL * max|expected| + ATOL
RTOL = 1e-5
ATOL = 1e-10


def is_float32(value: Any) -> bool:
    """Whether every finite value is a float32 number (not all integers): code computed in
    float32, whatever dtype reached the grader. Float64 results are float32 numbers with
    probability ~2**-29 each."""
    v = np.asarray(value, dtype=np.float64)
    v = v[np.isfinite(v)]
    if not v.size or np.all(v == np.round(v)):
        return False
    return bool(np.array_equal(v.astype(np.float32).astype(np.float64), v))


def tolerance(got: Any) -> tuple[float, float]:
    """(rtol, atol) for a value the student returned."""
    return RTOL, ATOL


def _kind(value: Any) -> str:
    """What came back, in the student's terms (never the wire's own marker types)."""
    if value is None:
        return "None"
    if isinstance(value, float):
        return "a number"
    name = value.type_name if isinstance(value, Unsupported) else type(value).__name__
    if name.isidentifier():
        return f"a <class {name!r}>"
    return "a " + name.replace("ndarray", "numpy array").replace("value", "list or dict")


def _array_of(shape: tuple[int, ...] | None) -> str:
    return "a numpy array" + (f" of shape {tuple(shape)}" if shape is not None else "")


def as_array(value: Any, where: str, shape: tuple[int, ...] | None = None) -> np.ndarray:
    """The returned value as a float64 array, or BadReturn naming what came back instead
    (and the expected `shape`, when the caller knows it)."""
    if isinstance(value, np.ndarray):
        return value.astype(np.float64)
    if isinstance(value, list):
        try:
            arr = np.array(value, dtype=np.float64)
        except (TypeError, ValueError):
            raise BadReturn(
                f"{where} returned a list that is not a numeric array, expected {_array_of(shape)}"
            ) from None
        return arr
    raise BadReturn(f"{where} returned {_kind(value)}, expected {_array_of(shape)}")


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
    return {k: as_array(value[k], f"{where}[{k!r}]", params[k].shape) for k in params}


class Every:
    """Collects the failures of several comparisons so one error lists them all (not only the
    first): a class with a wrong dW and a wrong db hears about both.

        every = Every()
        for p in params:
            with every:
                assert_close(...)
        every.raise_any()
    """

    def __init__(self) -> None:
        self.errors: list[CheckFailed] = []

    def __enter__(self) -> Every:
        return self

    def __exit__(self, kind, exc, tb) -> bool:
        if isinstance(exc, CheckFailed):
            self.errors.append(exc)
            return True
        return False

    def raise_any(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            values = all(isinstance(e, ValueMismatch) for e in self.errors)
            raise (ValueMismatch if values else CheckFailed)(" | ".join(map(str, self.errors)))


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
    rtol: float = RTOL,
) -> None:
    """Raise ShapeMismatch / ValueMismatch unless `got` matches `expected` (to `rtol` of the
    largest expected element)."""
    e = np.asarray(expected, dtype=np.float64)
    g = np.asarray(got, dtype=np.float64)
    if e.shape != g.shape:
        hint = shape_hint(e.shape, g.shape, batch, arrays=(e, g))
        text = f"{where} returned shape {g.shape}, expected {e.shape}"
        raise ShapeMismatch(text + (f". Likely mistake: {hint}." if hint else ""))
    finite = np.isfinite(g)
    err = np.where(finite, np.abs(g - e), np.inf)
    if float(err.max(initial=0.0)) <= rtol * float(np.abs(e).max(initial=0.0)) + ATOL:
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
