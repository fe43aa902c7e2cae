"""The operations in plain numpy, on the grader's side: forward values and vector-Jacobian
products.

Not the reference the checks score against (that is torch autograd, `_torch_ref`). These are
used where the grader needs many cheap evaluations: building test graphs whose values stay in
each operation's domain, probing which student operations can be trusted inside test graphs,
and simulating classic mistakes of the algorithm to name them. tests/graph checks them
against torch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

FORWARD: dict[str, Callable[..., Any]] = {
    "Add": lambda a, b: a + b,
    "Multiply": lambda a, b: a * b,
    "MatMul": lambda A, B: A @ B,
    "BroadcastAdd": lambda a, b: a + b,
    "Sum": lambda a: np.sum(a),
    "Exp": np.exp,
    "Log": np.log,
    "Relu": lambda a: np.maximum(a, 0.0),
}


def reduce_to(grad: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Sum `grad` over the axes along which an array of `shape` was broadcast."""
    g = np.asarray(grad, dtype=np.float64)
    lead = g.ndim - len(shape)
    if lead:
        g = g.sum(axis=tuple(range(lead)))
    axes = tuple(k for k, n in enumerate(shape) if n == 1 and g.shape[k] != 1)
    if axes:
        g = g.sum(axis=axes, keepdims=True)
    return g.reshape(shape)


def forward(op: str, *values: Any) -> np.ndarray:
    return np.asarray(FORWARD[op](*values), dtype=np.float64)


def vjp(op: str, inputs: Sequence[Any], output: Any, grad: Any, i: int) -> np.ndarray:
    """d(<grad, op(inputs)>)/d(inputs[i]), the shape of inputs[i]."""
    x = [np.asarray(v, dtype=np.float64) for v in inputs]
    g = np.asarray(grad, dtype=np.float64)
    if op == "Add":
        out = g
    elif op == "Multiply":
        out = g * x[1 - i]
    elif op == "MatMul":
        out = g @ x[1].T if i == 0 else x[0].T @ g
    elif op == "BroadcastAdd":
        out = g if i == 0 else reduce_to(g, x[1].shape)
    elif op == "Sum":
        out = np.full(x[0].shape, float(g))
    elif op == "Exp":
        out = g * np.exp(x[0])
    elif op == "Log":
        out = g / x[0]
    elif op == "Relu":
        out = g * (x[0] > 0)
    else:
        raise KeyError(op)
    return np.asarray(out, dtype=np.float64).reshape(x[i].shape)
