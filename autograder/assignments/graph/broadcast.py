"""BroadcastAdd on every broadcast pattern: the gradient of b is the upstream gradient summed
over exactly the axes along which b was broadcast, in b's shape.

Patterns: a row vector (C,) and (1, C), a column (N, 1), a scalar, 3-d arrays with a leading
axis to drop and an inner axis to keep, and a square case where summing over the wrong axis
still gives the right shape (so only the values can tell).
"""

from __future__ import annotations

from ...toolkit.compare import assert_close
from ...toolkit.drive import Ctx
from . import _drive
from ._diagnose import broadcast_hint, same_shape
from ._torch_ref import broadcast_mistakes, op_forward, op_vjps
from .op_reference import draw


def check_broadcast(ctx: Ctx) -> None:
    spec = ctx.unit
    subject = ctx.session.new(spec.name)
    for shapes in spec.broadcast_cases:
        a, b = (tuple(s) for s in shapes)
        inputs = draw(ctx, shapes)
        output = op_forward(spec, inputs)
        upstream = ctx.rng.standard_normal(output.shape)
        expected = op_vjps(spec, inputs, upstream)[1]
        got = _drive.bprop(ctx, subject, inputs, output, upstream, 1)
        where = f"{_drive.where_bprop(spec, 1)} with a {a} and b {b}"
        same_shape(where, b, got, broadcast_hint(a, b, tuple(got.shape)))
        assert_close(
            where,
            expected,
            got,
            reveal=ctx.reveal,
            alternatives=broadcast_mistakes(upstream, a, b),
        )
