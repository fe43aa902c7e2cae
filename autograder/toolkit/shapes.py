"""Shapes alone: every returned array has exactly the input's / parameter's shape.

Run on every shape of the unit (non-square layers, batch size 1 and > 1) without scoring
values, so a student with the right shapes and wrong values still passes this check (the gate
then pays it only with right values). The torch values are used only to verify a named cause
of a wrong shape ("transposed" only when the transpose is the expected array).
"""

from __future__ import annotations

import numpy as np

from ..errors import ShapeMismatch
from .compare import Every
from .diagnose import shape_hint
from .drive import Ctx, batch_of, bp_input, bp_param, build, forward, upstream_for
from .torch_ref import reference


def _same_shape(where: str, expected: np.ndarray, got: np.ndarray, batch: int) -> None:
    e, g = np.shape(expected), np.shape(got)
    if tuple(e) != tuple(g):
        hint = shape_hint(tuple(e), tuple(g), batch, arrays=(expected, got))
        raise ShapeMismatch(
            f"{where} returned shape {tuple(g)}, expected {tuple(e)}"
            + (f". Likely mistake: {hint}." if hint else "")
        )


def check_shapes(ctx: Ctx) -> None:
    name = ctx.unit.name
    for shape in ctx.unit.shapes:
        inputs, params = ctx.unit.sample(ctx.rng, shape)
        batch = batch_of(inputs)
        subject = build(ctx, shape, params)
        out = forward(ctx, subject, inputs)
        upstream = upstream_for(ctx, np.shape(out))
        ref = reference(ctx.unit, inputs, params, upstream)
        if not ctx.unit.is_loss:
            _same_shape(f"{name}.__call__", ref["out"], out, batch)
        dx = bp_input(ctx, subject, upstream)
        _same_shape(f"{name}.bp_input", ref["input"], dx, batch)
        if not ctx.unit.is_loss:
            grads = bp_param(ctx, subject, upstream, params)
            every = Every()
            for p in params:
                with every:
                    _same_shape(f"{name}.bp_param[{p!r}]", ref[p], grads[p], batch)
            every.raise_any()
