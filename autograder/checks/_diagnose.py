"""Recognise the classic mistakes from what a check expected and what it got.

Each function returns a short phrase ("sign flipped", "off by the batch size ...") or None.
They only compare arrays; the checks decide what the arrays are.
"""

from __future__ import annotations

import numpy as np

#: how close `got` must be to a candidate (relative, whole array) to name that candidate
_MATCH = 1e-4


def _close(a: np.ndarray, b: np.ndarray) -> bool:
    if a.shape != b.shape:
        return False
    scale = max(float(np.abs(b).max(initial=0.0)), 1e-12)
    return float(np.abs(a - b).max(initial=0.0)) <= _MATCH * scale


def shape_hint(expected: tuple[int, ...], got: tuple[int, ...], batch: int | None) -> str | None:
    if len(expected) >= 2 and got == tuple(reversed(expected)):
        return "transposed (the shape is reversed)"
    if batch and got == (batch, *expected):
        return "did not sum over the batch axis (axis 0)"
    if got == (1, *expected) or got == (*expected, 1):
        return "an extra axis of length 1 (keepdims=True, or a 2-D bias)"
    if got == () and expected != ():
        return "returned a single number: summed over every axis?"
    if int(np.prod(got, dtype=np.int64)) == int(np.prod(expected, dtype=np.int64)):
        return "the right number of elements in the wrong shape (reshape or transpose?)"
    return None


def _factor_phrase(c: float, batch: int | None) -> str | None:
    def near(x: float) -> bool:
        return abs(c - x) <= 1e-3 * max(1.0, abs(x))

    if near(1.0):
        return None
    if near(-1.0):
        return "sign flipped (got minus the expected values)"
    if batch and batch > 1:
        if near(batch):
            return (
                f"off by the batch size: got {batch} x the expected values -- "
                f"forgot to divide by N = {batch} (the 1/N of a mean over the batch)"
            )
        if near(1.0 / batch):
            return (
                f"divided by the batch size N = {batch} once too often "
                "(a mean over the batch where a sum is needed, e.g. for a parameter gradient)"
            )
        if near(-batch) or near(-1.0 / batch):
            return "sign flipped and off by the batch size"
    if near(2.0):
        return "off by a factor of 2"
    if near(0.5):
        return "off by a factor of 1/2 (forgot the 2 that comes from the square?)"
    return f"off by a constant factor: got {c:.4g} x the expected values"


def value_hint(
    expected: np.ndarray,
    got: np.ndarray,
    batch: int | None = None,
    alternatives: dict[str, np.ndarray] | None = None,
) -> str | None:
    """Name the likely mistake when `got` (same shape as `expected`) is wrong."""
    if not np.all(np.isfinite(got)):
        return "produced nan or inf (overflow in exp? subtract the row maximum first)"
    e_scale = float(np.abs(expected).max(initial=0.0))
    if e_scale > 0 and float(np.abs(got).max(initial=0.0)) <= 1e-12 * e_scale:
        return "returned all zeros"
    for name, candidate in (alternatives or {}).items():
        if _close(got, candidate):
            return name
    denom = float((expected * expected).sum())
    if denom > 0:
        c = float((got * expected).sum()) / denom
        if _close(got, c * expected):
            phrase = _factor_phrase(c, batch)
            if phrase:
                return phrase
    if expected.ndim == 2 and expected.shape[0] == expected.shape[1] and _close(got, expected.T):
        return "transposed"
    return None
