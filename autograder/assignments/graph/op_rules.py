"""The contract's rules for an operation's bprop, apart from its values.

- shapes: every case, every input: the gradient has exactly the input's shape (0-d included),
  whatever its values, so right shapes with wrong values still earn this check.
- no_mutation: inputs, output and upstream gradient arrive read-only, so an in-place write
  (``grad *= mask``, ``a[a < 0] = 0``) fails at once.
"""

from __future__ import annotations

from ...errors import CheckFailed, StudentException
from ...toolkit.drive import Ctx
from ...toolkit.state import READ_ONLY
from . import _drive
from ._diagnose import op_shape_hint, same_shape
from ._torch_ref import op_forward
from .op_reference import compare_case, draw


def check_shapes(ctx: Ctx) -> None:
    spec = ctx.unit
    subject = ctx.session.new(spec.name)
    for shapes in (*spec.cases, *spec.broadcast_cases):
        inputs = draw(ctx, shapes)
        output = op_forward(spec, inputs)
        upstream = ctx.rng.standard_normal(output.shape)
        for i in range(spec.arity):
            got = _drive.bprop(ctx, subject, inputs, output, upstream, i)
            hint = op_shape_hint(spec, i, list(shapes), got.shape)
            same_shape(_drive.where_bprop(spec, i), shapes[i], got, hint)


def check_no_mutation(ctx: Ctx) -> None:
    spec = ctx.unit
    subject = ctx.session.new(spec.name)
    try:
        compare_case(ctx, subject, spec.cases[0], readonly=True)
    except StudentException as exc:
        if any(marker in exc.detail for marker in READ_ONLY):
            raise CheckFailed(
                f"{exc.where} wrote into a read-only array: it modifies its inputs, its output or "
                "the upstream gradient in place. Likely mistake: an in-place update such as "
                "`grad *= mask` or `a[a < 0] = 0` -- build a new array instead "
                "(`grad * mask`, `np.where(a > 0, grad, 0.0)`)"
            ) from None
        raise
