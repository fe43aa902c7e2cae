"""Stability where the variance is about 0: a near-constant feature (BatchNorm1d) or row
(LayerNorm).

The normalised axis holds one slice that is constant up to noise of 1e-8 (variance ~1e-16,
far below eps = 1e-5). The contract's eps keeps the forward and backward finite: 1 / sqrt(var
+ eps) is about 316 there. Code that drops eps in the backward (1 / sqrt(var), or 1 / std
recomputed without eps) divides by about 1e-8 and returns values a million times too large,
or inf / nan. bp_input and bp_param are compared with float64 torch autograd, as in the
value checks.
"""

from __future__ import annotations

from ...toolkit.compare import Every, assert_close
from ...toolkit.drive import Ctx, batch_of, bp_input, bp_param, build, forward
from ...toolkit.torch_ref import reference

NOISE = 1e-8
SHAPE = (6, 4, 4)


def near_constant(ctx: Ctx) -> tuple[dict, dict]:
    """Inputs whose slice 1 of the normalised axis is constant up to `NOISE`."""
    inputs, params = ctx.unit.sample(ctx.rng, SHAPE)
    X = inputs["X"].copy()
    noise = NOISE * ctx.rng.standard_normal(X.shape)
    if ctx.unit.name == "BatchNorm1d":  # a feature constant over the batch
        X[:, 1] = 0.75 + noise[:, 1]
    else:  # a row constant over its features
        X[1, :] = 0.75 + noise[1, :]
    return {"X": X}, params


def check_near_constant(ctx: Ctx) -> None:
    inputs, params = near_constant(ctx)
    subject = build(ctx, SHAPE, params)
    forward(ctx, subject, inputs)
    upstream = ctx.rng.standard_normal(inputs["X"].shape)
    ref = reference(ctx.unit, inputs, params, upstream)
    what = "feature" if ctx.unit.name == "BatchNorm1d" else "row"
    what = "feature" if ctx.unit.name == "BatchNorm1d" else "row"
    where = f"{ctx.unit.name}.%s with a near-constant {what} (variance ~1e-16)"
    batch = batch_of(inputs)
    every = Every()
    with every:
        assert_close(
            where % "bp_input",
            ref["input"],
            bp_input(ctx, subject, upstream),
            reveal=ctx.reveal,
            batch=batch,
        )
    grads = bp_param(ctx, subject, upstream, params)
    for name in params:
        with every:
            assert_close(
                where % f"bp_param[{name!r}]",
                ref[name],
                grads[name],
                reveal=ctx.reveal,
                batch=batch,
            )
    every.raise_any()
