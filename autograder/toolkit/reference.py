"""Correctness against torch autograd: the forward value, bp_input and bp_param as VJPs.

Each check runs every shape of the class's unit (non-square, then batch size 1) with a random
upstream gradient -- forward and bp_input also the unit's fixed `edge` inputs, if any -- and
offers the diagnosis the unit's classic mistakes plus "ignored the upstream gradient" (the VJP
with an all-ones upstream).
"""

from __future__ import annotations

import numpy as np

from .compare import Every, assert_close
from .drive import Ctx, batch_of, bp_input, bp_param, build, forward, known_mistakes, upstream_for
from .torch_ref import reference, reference_forward

IGNORED_UPSTREAM = "ignored the upstream gradient (as if it were all ones)"


def _case(ctx: Ctx, shape: tuple[int, ...] | None):
    """Random inputs of `shape`, or the unit's fixed edge inputs when shape is None."""
    if shape is None:
        inputs, params = ctx.unit.edge(), {}
        shape = next(iter(inputs.values())).shape
    else:
        inputs, params = ctx.unit.sample(ctx.rng, shape)
    subject = build(ctx, shape, params)
    return inputs, params, subject


def _shapes(ctx: Ctx) -> list:
    """Every shape of the unit, then None for its edge inputs (when it has them)."""
    return [*ctx.unit.shapes, *([None] if getattr(ctx.unit, "edge", None) else [])]


def check_forward(ctx: Ctx) -> None:
    for shape in _shapes(ctx):
        inputs, params, subject = _case(ctx, shape)
        out = forward(ctx, subject, inputs)
        expected = reference_forward(ctx.unit, inputs, params)
        assert_close(
            f"{ctx.unit.name}.__call__", expected, out, reveal=ctx.reveal, batch=batch_of(inputs)
        )


def _alternatives(ctx: Ctx, inputs, params, upstream, ref_ones: dict, key: str) -> dict:
    # the class's own named mistakes first: they are more specific than the generic one
    alts = known_mistakes(ctx, inputs, params, upstream) if key == "input" else {}
    alts[IGNORED_UPSTREAM] = ref_ones[key]
    return alts


def _gradients(ctx: Ctx, shape: tuple[int, ...]):
    inputs, params, subject = _case(ctx, shape)
    out = forward(ctx, subject, inputs)
    upstream = upstream_for(ctx, np.shape(out))
    ref = reference(ctx.unit, inputs, params, upstream)
    ones = 1.0 if ctx.unit.is_loss else np.ones(np.shape(out))
    ref_ones = reference(ctx.unit, inputs, params, ones)
    return inputs, params, subject, upstream, ref, ref_ones


def check_bp_input(ctx: Ctx) -> None:
    for shape in _shapes(ctx):
        inputs, params, subject, upstream, ref, ref_ones = _gradients(ctx, shape)
        got = bp_input(ctx, subject, upstream)
        alts = _alternatives(ctx, inputs, params, upstream, ref_ones, "input")
        assert_close(
            f"{ctx.unit.name}.bp_input",
            ref["input"],
            got,
            reveal=ctx.reveal,
            batch=batch_of(inputs),
            alternatives=alts,
        )


def check_bp_param(ctx: Ctx) -> None:
    for shape in ctx.unit.shapes:
        inputs, params, subject, upstream, ref, ref_ones = _gradients(ctx, shape)
        got = bp_param(ctx, subject, upstream, params)
        every = Every()
        for name in params:
            with every:
                assert_close(
                    f"{ctx.unit.name}.bp_param[{name!r}]",
                    ref[name],
                    got[name],
                    reveal=ctx.reveal,
                    batch=batch_of(inputs),
                    alternatives=_alternatives(ctx, inputs, params, upstream, ref_ones, name),
                )
        every.raise_any()


def check_bp_param_empty(ctx: Ctx) -> None:
    """A layer without parameters returns {} from bp_param."""
    shape = ctx.unit.shapes[0]
    inputs, params, subject = _case(ctx, shape)
    out = forward(ctx, subject, inputs)
    bp_param(ctx, subject, upstream_for(ctx, out.shape), params)
