"""The operations' forward passes in plain numpy, on the grader's side.

Forward passes are given code in the notebook, so these hold no answer. They are used where
the grader needs many cheap values: building test graphs whose values stay in each
operation's domain, and the probe of usable operations. Every gradient the grader computes
comes from torch autograd (`_torch_ref`), never from numpy. tests/assignments/graph checks
these against the contract's torch forwards.
"""

from __future__ import annotations

from collections.abc import Callable
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


def forward(op: str, *values: Any) -> np.ndarray:
    return np.asarray(FORWARD[op](*values), dtype=np.float64)
