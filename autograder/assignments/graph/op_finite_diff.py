"""An operation's bprop against its own forward: central finite differences in float64.

The scalar f(x) = <G, forward(..., x, ...)> is differentiated numerically along random
directions for each input in turn (assignment 1's `finite_diff` machinery), and compared with
the student's bprop for that input. A bprop that disagrees with the forward it belongs to
fails here even when the forward was changed.
"""

from __future__ import annotations

import numpy as np

from ...toolkit import finite_diff
from ...toolkit.drive import Ctx
from . import _drive
from ._diagnose import op_shape_hint, same_shape
from .op_reference import draw


def check_bprop(ctx: Ctx) -> None:
    spec = ctx.unit
    shapes = spec.cases[0]
    inputs = draw(ctx, shapes)
    subject = ctx.session.new(spec.name)
    output = _drive.op_forward(ctx, subject, inputs)
    upstream = ctx.rng.standard_normal(output.shape)
    for i in range(spec.arity):
        analytic = _drive.bprop(ctx, subject, inputs, output, upstream, i)
        where = _drive.where_bprop(spec, i)
        same_shape(where, shapes[i], analytic, op_shape_hint(spec, i, list(shapes), analytic.shape))

        def f(x: np.ndarray, i: int = i) -> float:
            moved = [x if j == i else v for j, v in enumerate(inputs)]
            return float(np.sum(upstream * _drive.op_forward(ctx, subject, moved)))

        finite_diff._compare(ctx, where, f, inputs[i], analytic, None)
