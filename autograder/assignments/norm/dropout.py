"""Dropout's mask: its scaling at p = 0 and p close to 1, and bp_input with the latest mask.

- mask and scaling: assignment 1's forward and bp_input checks at p = 0 (nothing dropped,
  scale 1) and p = `P_HIGH` (one value in ten kept, scaled by 10), on a larger batch so that
  a few values are kept.
- latest mask: two training forwards, each after the grader assigned a generator with its
  own seed; bp_input must use the mask of the second. The expected value is autograd's vjp
  of ``X * mask / (1 - p)`` with the mask the second generator draws.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ...runner import SeededGenerator
from ...toolkit import reference
from ...toolkit.compare import Every, assert_close
from ...toolkit.drive import Ctx, bp_input, build, forward
from ._modes import Mode, in_mode
from .contract import P_HIGH, P

#: shapes of the mask-and-scaling check: (batch, features, features)
SHAPES = ((40, 30, 30), (1, 7, 7))


def check_mask_and_scaling(ctx: Ctx) -> None:
    ctx = replace(ctx, unit=replace(ctx.unit, shapes=SHAPES))
    every = Every()
    for p in (0.0, P_HIGH):
        for check in (reference.check_forward, reference.check_bp_input):
            with every:
                in_mode(check, Mode(p=p))(ctx)
    every.raise_any()


def _vjp(X: np.ndarray, mask: np.ndarray, g: np.ndarray) -> np.ndarray:
    import torch

    x = torch.tensor(X, requires_grad=True)
    out = x * torch.tensor(mask) / (1.0 - P)
    return torch.autograd.grad(out, x, grad_outputs=torch.tensor(g))[0].numpy()


def check_latest_mask(ctx: Ctx) -> None:
    shape = ctx.unit.shapes[0]
    X = ctx.rng.standard_normal(shape[:2])
    seeds = [int(s) for s in ctx.rng.integers(2**62, size=2)]
    masks = [(np.random.default_rng(s).random(X.shape) >= P).astype(float) for s in seeds]
    subject = build(ctx, shape, {})
    for s in seeds:
        subject.set("rng", SeededGenerator(s))
        forward(ctx, subject, {"X": X})
    g = ctx.rng.standard_normal(X.shape)
    assert_close(
        "Dropout.bp_input after two forward calls (each with its own generator)",
        _vjp(X, masks[1], g),
        bp_input(ctx, subject, g),
        reveal=ctx.reveal,
        batch=X.shape[0],
        alternatives={
            "used the mask of the first forward call: the mask is not updated by later calls": _vjp(
                X, masks[0], g
            )
        },
    )
