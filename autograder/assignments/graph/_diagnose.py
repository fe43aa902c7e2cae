"""Name the likely mistake behind a wrong shape of an operation's gradient.

A gradient has the shape of the input it belongs to; the phrases here say what a wrong shape
usually means for each operation (an unreduced broadcast, an upstream gradient passed on
unbroadcast, a product in the wrong order), falling back on assignment 1's `shape_hint`.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np

from ...errors import ShapeMismatch
from ...toolkit.diagnose import shape_hint
from .contract import OpSpec

Shape = tuple[int, ...]


def broadcast_axes(a: Shape, b: Shape) -> tuple[int, ...]:
    """The axes of a's shape along which b is broadcast."""
    lead = len(a) - len(b)
    return tuple(k for k in range(len(a)) if k < lead or (b[k - lead] == 1 and a[k] != 1))


def _reduced(a: Shape, axes: tuple[int, ...], keepdims: bool) -> Shape:
    if keepdims:
        return tuple(1 if k in axes else n for k, n in enumerate(a))
    return tuple(n for k, n in enumerate(a) if k not in axes)


def broadcast_hint(a: Shape, b: Shape, got: Shape) -> str | None:
    """Why the gradient of b in a + b (b broadcast to a's shape) came back with shape `got`."""
    right = broadcast_axes(a, b)
    axis_word = "axis" if len(right) == 1 else "axes"
    where = f"{axis_word} {', '.join(map(str, right))}" if right else "no axis"
    if got == a and a != b:
        return (
            f"the broadcast was not reduced: the gradient still has the shape of a, {a}. b was "
            f"broadcast along {where} of a, so sum the gradient over "
            f"{'it' if len(right) == 1 else 'them'} (and reshape to b's shape {b})"
        )
    for size in range(len(a) + 1):
        for axes in combinations(range(len(a)), size):
            if axes == right:
                continue
            for keepdims in (False, True):
                if _reduced(a, axes, keepdims) == got:
                    summed = ", ".join(map(str, axes)) if axes else "none"
                    keep = " with keepdims" if keepdims else ""
                    return (
                        f"summed over the wrong axes: over {summed}{keep}, but b {b} was "
                        f"broadcast along {where} of a {a}"
                    )
    return shape_hint(b, got, None)


def op_shape_hint(spec: OpSpec, i: int, shapes: list[Shape], got: Shape) -> str | None:
    expected = shapes[i]
    if spec.name == "BroadcastAdd" and i == 1:
        return broadcast_hint(shapes[0], shapes[1], got)
    if spec.name == "Sum" and got == () and expected != ():
        return (
            "returned the upstream gradient as it is: every element of a contributes to the sum, "
            "so each gets the (scalar) upstream gradient -- broadcast it to a's shape"
        )
    if spec.name == "MatMul":
        a, b = shapes
        if i == 0 and got != expected:
            return "dA = grad @ B.T has the shape of A, (n, k): check the order and the transposes"
        if i == 1 and got != expected:
            return "dB = A.T @ grad has the shape of B, (k, m): check the order and the transposes"
    if spec.arity == 2 and got == shapes[1 - i] and got != expected:
        return f"returned something shaped like input {1 - i}, not input {i}"
    return shape_hint(expected, got, None)


def same_shape(where: str, expected: Shape, got: np.ndarray, hint: str | None) -> None:
    if tuple(got.shape) != tuple(expected):
        raise ShapeMismatch(
            f"{where} returned shape {tuple(got.shape)}, expected {tuple(expected)}"
            + (f". Likely mistake: {hint}." if hint else "")
        )
