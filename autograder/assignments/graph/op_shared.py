"""A two-input operation with one node as both inputs: x + x, x * x, A @ A.

In a graph, ``Multiply()(x, x)`` hands bprop the same array twice, and bprop must still return
the gradient along edge i only (grad * x for each edge of x * x): build_grad adds the two
edges up. The grader calls bprop through the entry point's ``bprop_shared``, so the two inputs
are one object in the student's process, as in a graph; a bprop that special-cases identical
inputs (``inputs[0] is inputs[1]``) is caught here and charged to the operation, not to
build_grad. The hints are verified, never guessed: "special-cases identical inputs" only when
the same values as two distinct arrays give the right answer, "both edges together" only
when the answer is the sum of the two edges' gradients.

Run as part of "bprop matches torch": cases whose two inputs have one shape (Add, Multiply,
square MatMul; BroadcastAdd's cases never do).
"""

from __future__ import annotations

import numpy as np

from ...toolkit.compare import assert_close
from ...toolkit.drive import Ctx
from . import _drive
from ._diagnose import same_shape
from ._torch_ref import op_forward, op_vjps
from .contract import OpSpec, sample

SAME_OBJECT = (
    "the answer changes when both inputs are the same array: bprop special-cases identical "
    "inputs (`inputs[0] is inputs[1]`?)"
)
EQUAL_VALUES = (
    "the answer is wrong when both inputs are equal, though right for different inputs: bprop "
    "special-cases equal inputs"
)
BOTH_EDGES = (
    "returned the gradient of both edges together, but bprop gives the gradient along edge i "
    "only (for x * x, grad * x on each edge) -- build_grad adds up the two edges"
)


def shared_shapes(spec: OpSpec) -> list[tuple[int, ...]]:
    """The shapes of the spec's cases whose two inputs could be one node."""
    if spec.arity != 2:
        return []
    return [tuple(a) for a, b in (shapes for shapes in spec.cases) if tuple(a) == tuple(b)]


def values_match(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-6, atol=1e-10)


def _hint(got: np.ndarray, total: np.ndarray, distinct: np.ndarray, right: np.ndarray) -> dict:
    """The verified hints for a wrong answer `got`, as an alternative that `got` matches.
    Called once the ordinary cases passed, so a wrong answer here is about sharing."""
    parts = [SAME_OBJECT if values_match(distinct, right) else EQUAL_VALUES]
    if values_match(got, total):
        parts.append(BOTH_EDGES)
    return {"; ".join(parts): got}


def compare_shared(ctx: Ctx, shape: tuple[int, ...]) -> None:
    spec = ctx.unit
    x = sample(ctx.rng, shape, spec.domain)
    output = op_forward(spec, [x, x])
    upstream = ctx.rng.standard_normal(output.shape)
    refs = op_vjps(spec, [x, x], upstream)  # each edge's own gradient
    subject = ctx.session.new(spec.name)
    for i in range(2):
        got = _drive.bprop_shared(ctx, spec, x, output, upstream, i)
        where = (
            f"{_drive.where_bprop(spec, i)} with one node as both inputs "
            f"({spec.args[0]} = {spec.args[1]}, shape {shape})"
        )
        same_shape(where, shape, got, None)
        if values_match(got, refs[i]):
            continue
        distinct = _drive.bprop(ctx, subject, [x, x.copy()], output, upstream, i)
        alts = _hint(got, refs[0] + refs[1], distinct, refs[i])
        assert_close(where, refs[i], got, reveal=ctx.reveal, alternatives=alts)
