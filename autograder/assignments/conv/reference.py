"""bp_input and bp_param against torch autograd (float64 VJPs), with assignment 5's diagnoses.

Assignment 1's `checks.reference` does the same for layers whose mistakes keep the shape; here
two classic mistakes change it -- padding not cropped from dX, a bias gradient reduced over the
wrong axes -- so a returned array of another shape is first compared with the mistakes of that
shape (computed with torch, `_torch_ref`) and the mistake is named only when the values match.
Every other comparison is assignment 1's `assert_close` (worst element, index, expected, got,
relative error, a verified likely mistake).
"""

from __future__ import annotations

import numpy as np

from ...errors import ShapeMismatch
from ...toolkit.compare import Every, assert_close
from ...toolkit.diagnose import shape_hint, values_match
from ...toolkit.drive import Ctx, batch_of, bp_input, bp_param, build, forward, upstream_for
from ...toolkit.reference import IGNORED_UPSTREAM
from ...toolkit.torch_ref import mistakes as input_mistakes
from ...toolkit.torch_ref import reference
from ._torch_ref import param_mistakes


def compare(
    ctx: Ctx, where: str, expected: np.ndarray, got: np.ndarray, batch: int, alternatives: dict
) -> None:
    """`assert_close`, naming a mistake of another shape when its values are what came back."""
    if np.shape(got) != np.shape(expected):
        named = [name for name, value in alternatives.items() if values_match(got, value)]
        hint = named[0] if named else shape_hint(expected.shape, got.shape, batch, (expected, got))
        raise ShapeMismatch(
            f"{where} returned shape {np.shape(got)}, expected {np.shape(expected)}"
            + (f". Likely mistake: {hint}." if hint else "")
        )
    same = {k: v for k, v in alternatives.items() if np.shape(v) == np.shape(expected)}
    assert_close(where, expected, got, reveal=ctx.reveal, batch=batch, alternatives=same)


def _case(ctx: Ctx, shape: tuple[int, ...]):
    inputs, params = ctx.unit.sample(ctx.rng, shape)
    subject = build(ctx, shape, params)
    out = forward(ctx, subject, inputs)
    upstream = upstream_for(ctx, np.shape(out))
    ref = reference(ctx.unit, inputs, params, upstream)
    ones = reference(ctx.unit, inputs, params, np.ones(np.shape(out)))
    return inputs, params, subject, upstream, ref, ones


def check_bp_input(ctx: Ctx) -> None:
    for shape in ctx.unit.shapes:
        inputs, params, subject, upstream, ref, ones = _case(ctx, shape)
        got = bp_input(ctx, subject, upstream)
        alternatives = input_mistakes(ctx.unit, inputs, params, upstream)
        alternatives[IGNORED_UPSTREAM] = ones["input"]
        compare(ctx, f"{ctx.unit.name}.bp_input", ref["input"], got, batch_of(inputs), alternatives)


def check_bp_param(ctx: Ctx) -> None:
    for shape in ctx.unit.shapes:
        inputs, params, subject, upstream, ref, ones = _case(ctx, shape)
        got = bp_param(ctx, subject, upstream, params)
        every = Every()
        for name in params:
            alternatives = param_mistakes(ctx.unit, inputs, params, upstream, name)
            alternatives[IGNORED_UPSTREAM] = ones[name]
            with every:
                compare(
                    ctx,
                    f"{ctx.unit.name}.bp_param[{name!r}]",
                    ref[name],
                    got[name],
                    batch_of(inputs),
                    alternatives,
                )
        every.raise_any()
