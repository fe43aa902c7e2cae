"""A numpy shape error from the student's code, explained only by what the kit verified.

numpy's "matmul: ... mismatch" or "could not be broadcast" says that two shapes do not fit;
it does not say why, and "a missing transpose" is only one of the reasons (an elementwise *
where @ is needed is another, and losses have none). So when a method raises one, the class
is run once more at square shapes (every size 4: batch = in = out), where such code usually
runs, and its answer is compared with torch's and with the contract's named mistakes. A cause
is added to the message only when one of them matches; otherwise numpy's own message stands.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..errors import GradingError, StudentException
from .diagnose import values_match
from .drive import Ctx, bp_input, bp_param, build, forward, known_mistakes, upstream_for
from .torch_ref import reference

#: the size of every axis of the square case
_SQUARE = 4


def _verified_cause(ctx: Ctx, method: str) -> str | None:
    shape = (_SQUARE,) * len(ctx.unit.shapes[0])
    inputs, params = ctx.unit.sample(np.random.default_rng(0), shape)
    subject = build(ctx, shape, params)
    out = forward(ctx, subject, inputs)
    if method == "__call__":
        return None  # the forward is given; nothing to verify against
    upstream = upstream_for(ctx, np.shape(out))
    ref = reference(ctx.unit, inputs, params, upstream)
    at = f"at square shapes (every size {_SQUARE}) the same code runs and"
    if method == "bp_input":
        got = bp_input(ctx, subject, upstream)
        for name, wrong in known_mistakes(ctx, inputs, params, upstream).items():
            if values_match(got, wrong):
                return f"Likely mistake: {name} (verified: {at} gives exactly its values)"
        pairs = [("bp_input", ref["input"], got)]
    else:
        grads = bp_param(ctx, subject, upstream, params)
        pairs = [(f"bp_param[{p!r}]", ref[p], grads[p]) for p in params]
    for what, expected, got in pairs:
        if got.ndim == 2 and values_match(got, expected.T) and not values_match(got, expected):
            return f"Likely mistake: {what} is transposed (verified: {at} gives the transpose)"
    if all(values_match(got, expected) for _, expected, got in pairs):
        return (
            f"Verified: {at} gives the right values, so the order of a product or a transpose "
            "is wrong in a way only non-square shapes show"
        )
    return None


def explain_shape_errors(run: Callable[[Ctx], object]) -> Callable[[Ctx], object]:
    """`run`, with numpy shape errors from the student's code explained when verified."""

    def checked(ctx: Ctx) -> object:
        try:
            return run(ctx)
        except StudentException as exc:
            if not exc.shape_error:
                raise
            method = exc.where.rpartition(".")[2].split("[")[0]
            try:
                hint = _verified_cause(ctx, method)
            except GradingError:
                hint = None  # the square case failed as well: numpy's message stands
            if not hint:
                raise
            raise StudentException(
                exc.where, exc.exc_type, exc.detail, exc.location, hint=hint
            ) from None

    return checked
