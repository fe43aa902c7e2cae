"""What is particular to losses: the upstream scale and the mean over the batch.

- upstream_scale: bp_input(grad) is grad times bp_input(), and bp_input() means grad = 1.
- batch_mean: the loss is a mean, so repeating the batch twice leaves the loss unchanged and
  halves every row of the gradient. This catches a missing 1/N even when forward and backward
  share the mistake (and so agree with each other).
"""

from __future__ import annotations

import numpy as np

from ...errors import ValueMismatch
from ...toolkit.compare import assert_close
from ...toolkit.drive import Ctx, batch_of, bp_input, build, forward
from ...toolkit.torch_ref import reference


def check_upstream_scale(ctx: Ctx) -> None:
    shape = ctx.unit.shapes[0]
    inputs, params = ctx.unit.sample(ctx.rng, shape)
    name, batch = ctx.unit.name, batch_of(inputs)
    scale = float(ctx.rng.choice([-1.5, 0.25, 3.0]))
    subject = build(ctx, shape, params)
    forward(ctx, subject, inputs)
    ref = reference(ctx.unit, inputs, params, scale)["input"]
    unscaled = reference(ctx.unit, inputs, params, 1.0)["input"]
    assert_close(
        f"{name}.bp_input(grad={scale:g})",
        ref,
        bp_input(ctx, subject, scale),
        reveal=ctx.reveal,
        batch=batch,
        alternatives={"ignored the grad argument (the upstream scale)": unscaled},
    )
    assert_close(
        f"{name}.bp_input() with the default grad",
        unscaled,
        bp_input(ctx, subject, None),
        reveal=ctx.reveal,
        batch=batch,
    )


def check_batch_mean(ctx: Ctx) -> None:
    shape = ctx.unit.shapes[0]
    inputs, params = ctx.unit.sample(ctx.rng, shape)
    doubled = {k: np.concatenate([v, v]) for k, v in inputs.items()}
    name, batch = ctx.unit.name, batch_of(inputs)
    once = forward(ctx, build(ctx, shape, params), inputs)
    subject = build(ctx, shape, params)
    twice = forward(ctx, subject, doubled)
    if not np.isclose(twice, once, rtol=1e-6, atol=1e-12):
        ratio = twice / once if once else float("nan")
        hint = (
            "sums over the batch instead of averaging (missing 1/N)"
            if np.isclose(ratio, 2.0)
            else "the loss is not a mean over the batch"
        )
        shown = f" ({once:.6g} then {twice:.6g})" if ctx.reveal else ""
        raise ValueMismatch(
            f"{name}.__call__: repeating the batch twice changed the loss{shown}; a mean over the "
            f"batch would not change. Likely mistake: {hint}."
        )
    ref = reference(ctx.unit, doubled, params, 1.0)["input"]
    assert_close(
        f"{name}.bp_input on the batch repeated twice",
        ref,
        bp_input(ctx, subject, 1.0),
        reveal=ctx.reveal,
        batch=2 * batch,
    )
