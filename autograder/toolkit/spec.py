"""The layer contract's unit: one class students write, as the checks see it.

A `Spec` says what a class is called, how the grader builds it, which attributes are its
trainable parameters, how to draw valid inputs, and what its forward pass computes, written
once for torch tensors (the reference the checks differentiate with autograd), and names its
classic mistakes as the wrong gradient they would produce. Assignment 1's contract is a list
of them; any assignment whose classes have ``__call__``, ``bp_input`` and ``bp_param`` can
describe its classes the same way and reuse the toolkit's checks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

Arrays = dict[str, np.ndarray]


@dataclass(frozen=True)
class Spec:
    """One class of the contract."""

    #: the class name students define, e.g. "Linear"
    name: str
    #: "layer" (forward X -> Y, bp_input, bp_param) or "loss" (forward (p, y) -> float, bp_input)
    kind: Literal["layer", "loss"]
    #: trainable attributes the grader assigns before a forward call, in order
    params: tuple[str, ...]
    #: constructor arguments for a given (batch, in, out) shape, e.g. Linear(in, out)
    ctor: Callable[[tuple[int, ...]], tuple]
    #: shapes the checks use: (batch, in, out) for layers, (batch, classes, ...) for losses
    shapes: tuple[tuple[int, ...], ...]
    #: draws the forward's inputs (X, or prediction and target) and parameters for a shape
    sample: Callable[[np.random.Generator, tuple[int, ...]], tuple[Arrays, Arrays]]
    #: the forward pass on torch tensors: f(t, **inputs, **params) -> output
    forward: Callable[..., Any]
    #: name of the input that is differentiated (the target of a loss is not)
    wrt: str = "X"
    #: classic mistakes: name -> the wrong d(input) they give, f(t, vjp, inputs, params, g) on
    #: torch tensors (dicts of tensors; g the upstream gradient), where vjp(g, forward=None,
    #: **changed_inputs) is autograd's d<g, forward(...)>/d(input) (default: this forward)
    mistakes: dict[str, Callable[..., Any]] = field(default_factory=dict)
    #: whether the checks include logits of +-1000, paired with every target class for a loss
    #: (see "Precision at the edges" in this module's docstring)
    extreme_logits: bool = False
    #: fixed inputs at the edge of the contract that the torch checks ("forward matches
    #: torch", "bp_input matches torch") run besides the random ones, or None
    edge: Callable[[], Arrays] | None = None
    #: whether the layer has a kink at 0 (ReLU): any subgradient in [0, 1] is accepted there
    kink_at_zero: bool = False

    @property
    def is_loss(self) -> bool:
        return self.kind == "loss"
