"""Shapes alone: every returned array has exactly the input's / parameter's shape.

Run on every shape of the spec (non-square layers, batch size 1 and > 1) without looking at
values, so a student with the right shapes and wrong values still earns this check.
"""

from __future__ import annotations

import numpy as np

from .._exceptions import ShapeMismatch
from ._diagnose import shape_hint
from ._drive import Ctx, batch_of, bp_input, bp_param, build, forward, upstream_for
from ._torch_ref import reference_forward


def _same_shape(where: str, expected: tuple, got: tuple, batch: int) -> None:
    if tuple(expected) != tuple(got):
        hint = shape_hint(tuple(expected), tuple(got), batch)
        raise ShapeMismatch(
            f"{where} returned shape {tuple(got)}, expected {tuple(expected)}"
            + (f". Likely mistake: {hint}." if hint else "")
        )


def check_shapes(ctx: Ctx) -> None:
    name = ctx.spec.name
    for shape in ctx.spec.shapes:
        inputs, params = ctx.spec.sample(ctx.rng, shape)
        batch = batch_of(inputs)
        subject = build(ctx, shape, params)
        out = forward(ctx, subject, inputs)
        if not ctx.spec.is_loss:
            expected = np.shape(reference_forward(ctx.spec, inputs, params))
            _same_shape(f"{name}.__call__", expected, np.shape(out), batch)
        upstream = upstream_for(ctx, np.shape(out))
        dx = bp_input(ctx, subject, upstream)
        _same_shape(f"{name}.bp_input", inputs[ctx.spec.wrt].shape, dx.shape, batch)
        if not ctx.spec.is_loss:
            grads = bp_param(ctx, subject, upstream, params)
            for p, value in params.items():
                _same_shape(f"{name}.bp_param[{p!r}]", value.shape, grads[p].shape, batch)
