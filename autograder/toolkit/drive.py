"""Drive one student object through the contract: build, set parameters, forward, backward.

Every check goes through these helpers, so each method is called the same way everywhere
and its return value is validated once (`_compare.as_*`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import torch_ref
from .compare import as_array, as_float, as_param_dict
from .spec import Arrays, Spec


@dataclass
class Ctx:
    """What a check gets: the graded unit, a session to run it in, its own seeded rng."""

    #: the graded unit: a contract `Spec` in assignment 1; later assignments bring their own
    unit: Spec | Any
    session: Any
    rng: np.random.Generator
    #: False in hidden tests: messages show no expected values
    reveal: bool = True
    #: id(subject) -> shape of its latest forward's differentiated input (what bp_input must
    #: return), so a bad return can be described as "expected a numpy array of shape ..."
    wrt_shapes: dict[int, tuple[int, ...]] = field(default_factory=dict)


def build(ctx: Ctx, shape: tuple[int, ...], params: Arrays, readonly: bool = False) -> Any:
    subject = ctx.session.new(ctx.unit.name, *ctx.unit.ctor(shape))
    for name, value in params.items():
        subject.set(name, value, readonly=readonly)
    return subject


def forward(ctx: Ctx, subject: Any, inputs: Arrays, readonly: bool = False) -> Any:
    """The output (layers: array) or the loss value (losses: float)."""
    unit = ctx.unit
    where = f"{unit.name}.__call__"
    ctx.wrt_shapes[id(subject)] = np.shape(inputs[unit.wrt])
    if unit.is_loss:
        out = subject.call("__call__", inputs["prediction"], inputs["target"], readonly=readonly)
        return as_float(out, where)
    return as_array(subject.call("__call__", inputs["X"], readonly=readonly), where)


def bp_input(ctx: Ctx, subject: Any, upstream: Any, readonly: bool = False) -> np.ndarray:
    args = () if upstream is None else (upstream,)
    out = subject.call("bp_input", *args, readonly=readonly)
    return as_array(out, f"{ctx.unit.name}.bp_input", ctx.wrt_shapes.get(id(subject)))


def bp_param(
    ctx: Ctx, subject: Any, upstream: np.ndarray, params: Arrays, readonly: bool = False
) -> Arrays:
    out = subject.call("bp_param", upstream, readonly=readonly)
    return as_param_dict(out, f"{ctx.unit.name}.bp_param", params)


def upstream_for(ctx: Ctx, output_shape: tuple[int, ...]) -> Any:
    """A random upstream gradient: standard normal for layers, a number in [0.5, 2] for losses."""
    if ctx.unit.is_loss:
        return float(ctx.rng.uniform(0.5, 2.0))
    return ctx.rng.standard_normal(output_shape)


def known_mistakes(
    ctx: Ctx, inputs: Arrays, params: Arrays, upstream: Any
) -> dict[str, np.ndarray]:
    """The unit's classic mistakes as the wrong d(input) they would give for these inputs
    (computed with torch, like every gradient on the grader's side)."""
    return torch_ref.mistakes(ctx.unit, inputs, params, upstream)


def batch_of(inputs: Arrays) -> int:
    return int(next(iter(inputs.values())).shape[0])
