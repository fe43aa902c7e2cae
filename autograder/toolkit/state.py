"""The contract's rules about state: no in-place writes, latest forward wins, calls repeatable.

- no_mutation: inputs, upstream gradient and parameters are read-only arrays, so any in-place
  write (``X[X < 0] = 0``, ``grad *= 2``, ``self.X -= ...`` on the cached input) fails at once.
- latest_forward: after two forward calls, the backward pass belongs to the second.
- call_order: bp_input and bp_param agree in either order and when called twice.

latest_forward and call_order compare with the student's own answers from fresh objects, so
they cost points only for a state mistake, never for a wrong formula (the value checks' job).
- zero_upstream: an all-zero upstream gradient gives all-zero gradients.
"""

from __future__ import annotations

import numpy as np

from ..errors import CheckFailed, StudentException
from .compare import Every, assert_close
from .drive import Ctx, batch_of, bp_input, bp_param, build, forward, upstream_for
from .reference import IGNORED_UPSTREAM
from .torch_ref import reference

READ_ONLY = ("read-only", "not writeable", "is read only")


def _explain_write(exc: StudentException, method: str) -> CheckFailed:
    what = {
        "__call__": "its input",
        "bp_input": "the upstream gradient or the cached forward input",
        "bp_param": "the upstream gradient, the cached forward input or a parameter",
    }[method]
    return CheckFailed(
        f"{exc.where} wrote into a read-only array: it modifies {what} in place. Likely mistake: "
        "input modified in place -- work on a copy (X = X.copy()) or use out-of-place operations "
        "(np.maximum(X, 0) instead of X[X < 0] = 0)"
    )


def check_no_mutation(ctx: Ctx) -> None:
    """Runs forward and backward on read-only arrays; values are the other checks' business."""
    shape = ctx.unit.shapes[0]
    inputs, params = ctx.unit.sample(ctx.rng, shape)
    method = "__call__"
    try:
        subject = build(ctx, shape, params, readonly=True)
        out = forward(ctx, subject, inputs, readonly=True)
        upstream = upstream_for(ctx, np.shape(out))
        method = "bp_input"
        bp_input(ctx, subject, upstream, readonly=True)
        if not ctx.unit.is_loss:
            method = "bp_param"
            bp_param(ctx, subject, upstream, params, readonly=True)
    except StudentException as exc:
        if any(marker in exc.detail for marker in READ_ONLY):
            raise _explain_write(exc, method) from None
        raise


def _fresh(ctx: Ctx, shape, params, inputs, upstream) -> tuple[np.ndarray, dict]:
    """The student's own answers from fresh objects that saw one forward call each.

    The state checks compare against these, not against torch: a wrong formula costs the
    value checks, and only a state mistake costs these.
    """
    one = build(ctx, shape, params)
    forward(ctx, one, inputs)
    dx = bp_input(ctx, one, upstream)
    grads: dict = {}
    if not ctx.unit.is_loss:
        other = build(ctx, shape, params)
        forward(ctx, other, inputs)
        grads = bp_param(ctx, other, upstream, params)
    return dx, grads


_LABELS = ("a fresh object gives", "got")


def check_latest_forward(ctx: Ctx) -> None:
    shape = ctx.unit.shapes[0]
    first, params = ctx.unit.sample(ctx.rng, shape)
    second, _ = ctx.unit.sample(ctx.rng, shape)
    subject = build(ctx, shape, params)
    forward(ctx, subject, first)
    out = forward(ctx, subject, second)
    upstream = upstream_for(ctx, np.shape(out))
    want_dx, want_grads = _fresh(ctx, shape, params, second, upstream)
    stale_dx, stale_grads = _fresh(ctx, shape, params, first, upstream)
    hint = "used the input of the first forward call: the cache is not updated by later calls"
    name, batch = ctx.unit.name, batch_of(second)
    where = f"{name}.bp_input after two forward calls"
    assert_close(
        where,
        want_dx,
        bp_input(ctx, subject, upstream),
        reveal=ctx.reveal,
        batch=batch,
        alternatives={hint: stale_dx},
        labels=_LABELS,
    )
    if not ctx.unit.is_loss:
        grads = bp_param(ctx, subject, upstream, params)
        every = Every()
        for p in params:
            with every:
                assert_close(
                    f"{name}.bp_param[{p!r}] after two forward calls",
                    want_grads[p],
                    grads[p],
                    reveal=ctx.reveal,
                    batch=batch,
                    alternatives={hint: stale_grads[p]},
                    labels=_LABELS,
                )
        every.raise_any()


def check_call_order(ctx: Ctx) -> None:
    shape = ctx.unit.shapes[0]
    inputs, params = ctx.unit.sample(ctx.rng, shape)
    subject = build(ctx, shape, params)
    out = forward(ctx, subject, inputs)
    upstream = upstream_for(ctx, np.shape(out))
    want_dx, want_grads = _fresh(ctx, shape, params, inputs, upstream)
    name, batch = ctx.unit.name, batch_of(inputs)
    # bp_param first, then bp_input twice, then bp_param again
    calls = [] if ctx.unit.is_loss else [("bp_param", "first")]
    calls += [("bp_input", "first"), ("bp_input", "second")]
    calls += [] if ctx.unit.is_loss else [("bp_param", "second")]
    order = ", ".join(m for m, _ in calls)
    for method, nth in calls:
        where = f"{name}.{method} ({nth} call; call order: {order})"
        if method == "bp_input":
            got = bp_input(ctx, subject, upstream)
            assert_close(where, want_dx, got, reveal=ctx.reveal, batch=batch, labels=_LABELS)
        else:
            grads = bp_param(ctx, subject, upstream, params)
            for p in params:
                assert_close(
                    f"{where}[{p!r}]",
                    want_grads[p],
                    grads[p],
                    reveal=ctx.reveal,
                    batch=batch,
                    labels=_LABELS,
                )


def check_zero_upstream(ctx: Ctx) -> None:
    shape = ctx.unit.shapes[0]
    inputs, params = ctx.unit.sample(ctx.rng, shape)
    subject = build(ctx, shape, params)
    out = forward(ctx, subject, inputs)
    zero = 0.0 if ctx.unit.is_loss else np.zeros(np.shape(out))
    ones = 1.0 if ctx.unit.is_loss else np.ones(np.shape(out))
    ref_ones = reference(ctx.unit, inputs, params, ones)
    name, batch = ctx.unit.name, batch_of(inputs)
    alts = {IGNORED_UPSTREAM: ref_ones["input"]}
    assert_close(
        f"{name}.bp_input with an all-zero upstream gradient",
        np.zeros_like(inputs[ctx.unit.wrt]),
        bp_input(ctx, subject, zero),
        reveal=ctx.reveal,
        batch=batch,
        alternatives=alts,
    )
    if not ctx.unit.is_loss:
        grads = bp_param(ctx, subject, zero, params)
        every = Every()
        for p in params:
            with every:
                assert_close(
                    f"{name}.bp_param[{p!r}] with an all-zero upstream gradient",
                    np.zeros_like(params[p]),
                    grads[p],
                    reveal=ctx.reveal,
                    batch=batch,
                    alternatives={IGNORED_UPSTREAM: ref_ones[p]},
                )
        every.raise_any()
