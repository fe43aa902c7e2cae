"""An operation against torch autograd: its forward value, and bprop as a VJP for every input.

Every case of the operation's spec (non-square, batch 1, 0-d values) with a random upstream
gradient. A mismatch is diagnosed with the spec's classic mistakes, "ignored the upstream
gradient" (the VJP with an all-ones upstream) and, for two-input operations, "returned the
other input's gradient". Two-input operations are also run with one node as both inputs
(`op_shared`).
"""

from __future__ import annotations

import numpy as np

from ...errors import CheckFailed, StudentException
from ...toolkit.compare import assert_close
from ...toolkit.drive import Ctx
from ...toolkit.reference import IGNORED_UPSTREAM
from . import _drive, op_shared
from ._diagnose import op_shape_hint, same_shape
from ._torch_ref import broadcast_mistakes, op_forward, op_mistakes, op_vjps
from .contract import OpSpec, sample


def draw(ctx: Ctx, shapes) -> list[np.ndarray]:
    return [sample(ctx.rng, s, ctx.unit.domain) for s in shapes]


def check_forward(ctx: Ctx) -> None:
    for shapes in ctx.unit.cases:
        inputs = draw(ctx, shapes)
        expected = op_forward(ctx.unit, inputs)
        got = _drive.op_forward(ctx, ctx.session.new(ctx.unit.name), inputs)
        assert_close(f"{ctx.unit.name}.forward", expected, got, reveal=ctx.reveal)


def alternatives(
    spec: OpSpec, inputs, output, upstream, refs: list[np.ndarray], ones: list[np.ndarray], i: int
) -> dict[str, np.ndarray]:
    alts = {IGNORED_UPSTREAM: ones[i], **op_mistakes(spec, inputs, output, upstream, i)}
    if spec.name == "BroadcastAdd" and i == 1:
        alts.update(broadcast_mistakes(upstream, inputs[0].shape, inputs[1].shape))
    if spec.arity == 2:
        other = refs[1 - i]
        alts[f"returned the gradient of input {1 - i} ({spec.args[1 - i]}), not of input {i}"] = (
            other
        )
    return alts


def compare_case(ctx: Ctx, subject, shapes, readonly: bool = False) -> None:
    """bprop for every input of one case against torch."""
    spec = ctx.unit
    inputs = draw(ctx, shapes)
    output = op_forward(spec, inputs)
    upstream = ctx.rng.standard_normal(output.shape)
    refs = op_vjps(spec, inputs, upstream)
    ones = op_vjps(spec, inputs, np.ones(output.shape))
    for i in range(spec.arity):
        got = _drive.bprop(ctx, subject, inputs, output, upstream, i, readonly=readonly)
        where = _drive.where_bprop(spec, i) + f" with inputs of shapes {_shapes(shapes)}"
        same_shape(where, shapes[i], got, op_shape_hint(spec, i, list(shapes), got.shape))
        assert_close(
            where,
            refs[i],
            got,
            reveal=ctx.reveal,
            alternatives=alternatives(spec, inputs, output, upstream, refs, ones, i),
        )


def _explain_shape_error(ctx: Ctx, subject, exc: StudentException) -> None:
    """numpy refused the shapes: rerun on the spec's square cases, where a transposed or
    swapped operand still fits, and name the mistake only if the values there confirm it."""
    square = [s for s in ctx.unit.cases if len({d for shape in s for d in shape}) == 1]
    for shapes in square:
        try:
            compare_case(ctx, subject, shapes)
        except CheckFailed as found:
            raise CheckFailed(
                f"{exc} -- on square inputs, where the shapes fit, it runs and: {found}"
            ) from None
    raise exc


def _shapes(shapes) -> str:
    return ", ".join(str(tuple(s)) for s in shapes)


def check_bprop(ctx: Ctx) -> None:
    subject = ctx.session.new(ctx.unit.name)
    for shapes in ctx.unit.cases:
        try:
            compare_case(ctx, subject, shapes)
        except StudentException as exc:
            if not exc.shape_error:
                raise
            _explain_shape_error(ctx, subject, exc)
    # then one node as both inputs (x * x): only once the ordinary cases are right
    for shape in op_shared.shared_shapes(ctx.unit):
        op_shared.compare_shared(ctx, shape)
