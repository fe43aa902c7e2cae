"""`evaluate(network, X, y, batch_size=1000)`: the accuracy, computed by the grader as well.

The network is the grader's probe network of probe layers (`_probe_classes.py`) with random
weights; the labels agree with its predictions for about half of the rows, so an accuracy of
0 or 1 is no accident. N is not a multiple of the batch size, so a dropped last batch shows.
"""

from __future__ import annotations

import numpy as np

from ...errors import GradingError, StudentException, ValueMismatch
from ...toolkit.compare import as_float
from ...toolkit.drive import Ctx
from . import _net
from ._common import explain_write, raised, start

PARTIAL = "dropped the last, smaller batch (N is not a multiple of batch_size)"


def _case(ctx: Ctx, n: int):
    net, d_in = _net.random_net(ctx.rng, depth=2, final_activation=False)
    X = ctx.rng.standard_normal((n, d_in))
    predicted = _net.forward(net, X).argmax(axis=1)  # the probe network only adds a constant
    classes = net[-1][1]["W"].shape[1]
    y = np.where(ctx.rng.random(n) < 0.5, predicted, ctx.rng.integers(0, classes, n))
    return net, X, y.astype(np.int64), predicted


def _accuracy(ctx: Ctx, n: int, batch_size: int | None) -> None:
    net, X, y, predicted = _case(ctx, n)
    network, _ = _net.build(ctx.session, net, network_rule=_net.network_rule(ctx.rng))
    args = (network, X, y) if batch_size is None else (network, X, y, batch_size)
    call = "evaluate(network, X, y" + ("" if batch_size is None else f", {batch_size}") + ")"
    try:
        got = as_float(ctx.session.call_function("evaluate", *args, readonly=True), call)
    except StudentException as exc:
        told = explain_write(exc, "X or y")
        if told is not exc:
            raise told from None
        hint = _one_hot_hint(ctx, net, args, predicted, y)
        raise raised(
            exc,
            f"in {call} on N = {n} rows, where network(X) gives scores of shape "
            f"{(n, net[-1][1]['W'].shape[1])} and y holds integer labels of shape {y.shape}",
            hint,
        ) from None
    correct = int(np.sum(predicted == y))
    expected = correct / n
    if abs(got - expected) <= 1e-9:
        return
    hints = {
        correct: "returned the number of correct rows, not the fraction",
        100.0 * expected: "returned a percentage; return the fraction (0 to 1)",
    }
    if n % (batch_size or 1000):
        kept = n - n % (batch_size or 1000)
        hints[int(np.sum(predicted[:kept] == y[:kept])) / n] = PARTIAL
        hints[int(np.sum(predicted[:kept] == y[:kept])) / max(kept, 1)] = PARTIAL
    hint = next((h for value, h in hints.items() if abs(got - value) <= 1e-9), None)
    shown = f"expected {expected:.6g}, got {got:.6g}" if ctx.reveal else f"got {got:.6g}"
    raise ValueMismatch(
        f"{call} on N = {n} rows: wrong accuracy; {shown}"
        + (f". Likely mistake: {hint}." if hint else ".")
    )


def _one_hot_hint(ctx: Ctx, net, args, predicted, y) -> str | None:
    """A hint when the same call with one-hot rows for y gives the right accuracy."""
    classes = net[-1][1]["W"].shape[1]
    try:
        value = ctx.session.call_function(
            "evaluate", args[0], args[1], np.eye(classes)[y], *args[3:]
        )
        got = as_float(value, "evaluate")
    except GradingError:
        return None
    if abs(got - float(np.mean(predicted == y))) > 1e-9:
        return None
    return (
        "your evaluate treats y as one-hot rows (y.argmax(axis=1)?): given one-hot rows it "
        "returns the right accuracy, but y holds integer labels of shape (N,): compare the "
        "predicted classes with y itself"
    )


def check_accuracy(ctx: Ctx) -> None:
    start(ctx)
    batch_size = int(ctx.rng.integers(4, 9))
    n = batch_size * int(ctx.rng.integers(4, 9)) + int(ctx.rng.integers(1, batch_size))
    _accuracy(ctx, n, batch_size)


def check_batch_sizes(ctx: Ctx) -> None:
    """The default batch size (1000) on more rows than that, and a batch larger than N."""
    start(ctx)
    _accuracy(ctx, 1000 + int(ctx.rng.integers(1, 500)), None)
    _accuracy(ctx, int(ctx.rng.integers(5, 20)), 64)
