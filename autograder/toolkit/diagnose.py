"""Recognise the classic mistakes from what a check expected and what it got.

Each function returns a short phrase or None, and a phrase is only returned when the arrays
verify it: "transposed" when the transpose of what came back is the expected array, a
constant factor only when got / expected is that constant everywhere (and the constant is named:
-1, 2, 1/2, or N or 1/N for a size N of the arrays compared), "did not sum over the batch
axis" when the sum over axis 0 is right. Without the arrays (shapes alone) the phrase states
the shape fact and claims no cause. They only compare arrays; the checks decide what the
arrays are, and the checks add the "what was compared" part (worst element, expected, got).
"""

from __future__ import annotations

import numpy as np

#: how close `got` must be to a candidate (relative, whole array) to name that candidate
_MATCH = 1e-4


def values_match(a: np.ndarray, b: np.ndarray) -> bool:
    """Same shape, and every element within 1e-4 of the larger one's scale: close enough to
    name a mistake whose values these are."""
    if a.shape != b.shape:
        return False
    scale = max(float(np.abs(b).max(initial=0.0)), 1e-12)
    return float(np.abs(a - b).max(initial=0.0)) <= _MATCH * scale


def _shape(s: tuple[int, ...]) -> str:
    return "(" + ", ".join(str(n) for n in s) + ("," if len(s) == 1 else "") + ")"


def _verified_shape_hint(e: np.ndarray, g: np.ndarray, batch: int | None) -> str | None:
    """A cause of a wrong shape, checked against the expected values."""
    if e.ndim >= 2 and g.shape == tuple(reversed(e.shape)) and values_match(g.T, e):
        return "transposed (the transpose of what came back is the expected array)"
    if batch and g.shape == (batch, *e.shape) and values_match(g.sum(axis=0), e):
        return "did not sum over the batch axis (axis 0): its sum over axis 0 is right"
    if g.size == e.size and values_match(g.reshape(e.shape), e):
        if g.shape in ((1, *e.shape), (*e.shape, 1)):
            return "an extra axis of length 1 (keepdims=True, or a 2-D bias): the values are right"
        return f"the right values in the wrong shape (reshape to {_shape(e.shape)})"
    nonzero = e[e != 0]
    if g.ndim == 1 and 0 < g.size == nonzero.size < e.size and values_match(g, nonzero):
        return (
            f"returned only the {g.size} selected elements as a 1-d array -- indexing with a "
            "boolean mask (grad[X > 0]) drops the others; keep the shape with grad * (X > 0) "
            "or np.where(X > 0, grad, 0)"
        )
    return None


def shape_hint(
    expected: tuple[int, ...],
    got: tuple[int, ...],
    batch: int | None,
    arrays: tuple[np.ndarray, np.ndarray] | None = None,
) -> str | None:
    """A phrase for a wrong shape. With `arrays` (expected, got values) causes are verified;
    without, only shape facts are stated."""
    if arrays is not None:
        e, g = (np.asarray(a, dtype=np.float64) for a in arrays)
        if np.all(np.isfinite(g)):
            hint = _verified_shape_hint(e, g, batch)
            if hint:
                return hint
    expected, got = tuple(expected), tuple(got)
    if len(expected) >= 2 and got == tuple(reversed(expected)):
        return "the shape is reversed"
    if batch and got == (batch, *expected):
        return f"an extra leading axis of the batch size N = {batch}: not summed over axis 0?"
    if got == (1, *expected) or got == (*expected, 1):
        return "an extra axis of length 1 (keepdims=True, or a 2-D bias)"
    if got == () and expected != ():
        return "returned a single number"
    return None


def _sizes(shape: tuple[int, ...], batch: int | None) -> list[tuple[int, str]]:
    """The sizes N a constant factor may be named after: (N, what it counts)."""
    out: list[tuple[int, str]] = []
    if batch and batch > 1:
        out.append((batch, f"the batch size N={batch}"))
    size = int(np.prod(shape, dtype=np.int64)) if shape else 1
    if size > 1 and all(size != n for n, _ in out):
        out.append((size, f"the number of elements N={size}"))
    if len(shape) >= 2 and shape[-1] > 1 and all(shape[-1] != n for n, _ in out):
        out.append((shape[-1], f"the row length N={shape[-1]} (axis -1)"))
    return out


def _factor_phrase(c: float, shape: tuple[int, ...], batch: int | None) -> str | None:
    def near(x: float) -> bool:
        return abs(c - x) <= 1e-3 * max(1.0, abs(x))

    if near(1.0):
        return None
    if near(-1.0):
        return "sign flipped (got minus the right values)"
    for n, what in _sizes(shape, batch):
        for sign, s in ((1, ""), (-1, "-")):
            if near(sign * n):
                flip = ", and the sign flipped" if sign < 0 else ""
                return (
                    f"off by a factor {s}N = {c:.4g}: forgot to divide by {what} "
                    f"(the 1/N of a mean){flip}"
                )
            if near(sign / n):
                flip = ", and the sign flipped" if sign < 0 else ""
                return (
                    f"off by a factor {s}1/N = {c:.4g}: divided by {what} once too often "
                    f"(a mean where a sum is needed){flip}"
                )
    if near(2.0):
        return "off by a factor of 2 (got twice the right values)"
    if near(0.5):
        return "off by a factor of 1/2 (got half the right values)"
    return f"off by a constant factor: got {c:.4g} x the right values everywhere"


def value_hint(
    expected: np.ndarray,
    got: np.ndarray,
    batch: int | None = None,
    alternatives: dict[str, np.ndarray] | None = None,
) -> str | None:
    """Name the likely mistake when `got` (same shape as `expected`) is wrong."""
    if not np.all(np.isfinite(got)):
        bad = ~np.isfinite(got)
        return f"returned nan or inf in {int(bad.sum())} of {got.size} elements"
    e_scale = float(np.abs(expected).max(initial=0.0))
    if e_scale > 0 and float(np.abs(got).max(initial=0.0)) <= 1e-12 * e_scale:
        return "returned all zeros"
    for name, candidate in (alternatives or {}).items():
        if values_match(got, candidate):
            return name
    denom = float((expected * expected).sum())
    if denom > 0:
        c = float((got * expected).sum()) / denom
        if values_match(got, c * expected):
            phrase = _factor_phrase(c, expected.shape, batch)
            if phrase:
                return phrase
    if (
        expected.ndim == 2
        and expected.shape[0] == expected.shape[1]
        and values_match(got, expected.T)
    ):
        return "transposed (got the transpose of the expected array)"
    return None
