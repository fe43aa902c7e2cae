"""`train_step(network, loss, optimizer, X, Y)` against a torch twin, step by step.

The network, loss and optimiser are the kit's (a `Sequential` of Linear, Tanh, Linear, the
fused softmax cross-entropy, `SGD` with momentum), so only the order of the student's calls
is graded. The twin starts from the same weights and sees the same batches; after every
step the parameters must match, and a mismatch is compared with what the classic mistakes
produce (simulated with the reference classes in this process).

- tracks the twin: K steps, the change of every parameter in each step.
- returns the loss: the batch's loss before the update, a float.
- read-only: X and Y are read-only arrays (only the write is graded there).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .._exceptions import StudentException, ValueMismatch
from ..checks._compare import as_float, assert_close
from ..checks._drive import Ctx
from . import _net
from ._common import explain_write, start
from ._session import ref
from ._torch_ref import Net, Params, train_steps

#: steps compared with the twin
STEPS = 4
STEP_FIRST = (
    "optimizer.step() ran before network.backward(): each update used the gradients of the "
    "previous step (stale), and the first one none at all"
)
NO_STEP = "never called optimizer.step()"
NO_BACKWARD = "never called network.backward(...): the optimiser only sees stale gradients"
ONES = (
    "started the backward pass from ones instead of loss.bp_input() (the gradient of the loss "
    "with respect to the network's output)"
)
LOSS_AFTER = "returned the loss after the update; return the loss of the batch before it"


def _problem(ctx: Ctx) -> tuple[Net, list[tuple[np.ndarray, np.ndarray]], float, float]:
    d_in, hidden, classes = (int(ctx.rng.integers(3, 7)) for _ in range(3))
    net: Net = [
        ("Linear", _net.linear_params(ctx.rng, d_in, hidden)),
        ("Tanh", {}),
        ("Linear", _net.linear_params(ctx.rng, hidden, classes)),
    ]
    batches = []
    for _ in range(STEPS):
        n = int(ctx.rng.integers(4, 9))
        batches.append(
            (ctx.rng.standard_normal((n, d_in)), np.eye(classes)[ctx.rng.integers(0, classes, n)])
        )
    return net, batches, float(ctx.rng.uniform(0.1, 0.5)), float(ctx.rng.uniform(0.5, 0.9))


def _simulate(net: Net, batches, lr: float, momentum: float, variant: str):
    """(losses returned, parameters after each step) of a train_step making `variant`."""
    from ..reference.layers import SoftmaxCrossEntropyLoss
    from ..reference.mlp import SGD

    network, layers = _net.local(net)
    loss, optimizer = SoftmaxCrossEntropyLoss(), SGD(network, lr, momentum)
    steps: dict[str, list[Callable[[], None]]] = {
        STEP_FIRST: [optimizer.step, lambda: network.backward(loss.bp_input())],
        NO_STEP: [lambda: network.backward(loss.bp_input())],
        NO_BACKWARD: [optimizer.step],
        ONES: [lambda: network.backward(np.ones_like(loss.p)), optimizer.step],
        LOSS_AFTER: [lambda: network.backward(loss.bp_input()), optimizer.step],
    }
    losses, after = [], []
    for X, Y in batches:
        value = loss(network(X), Y)
        for call in steps[variant]:
            call()
        if variant == LOSS_AFTER:
            value = loss(network(X), Y)
        losses.append(value)
        after.append(_net.local_params(layers, net))
    return losses, after


def _objects(ctx: Ctx, net: Net, lr: float, momentum: float):
    network, layers = _net.build(ctx.session, net, sequential=ref("Sequential"))
    loss = ctx.session.new(ref("SoftmaxCrossEntropyLoss"))
    optimizer = ctx.session.new(ref("SGD"), network, lr, momentum)
    return network, layers, loss, optimizer


def _call(ctx: Ctx, network, loss, optimizer, X, Y, readonly: bool = False):
    try:
        return ctx.session.call_function(
            "train_step", network, loss, optimizer, X, Y, readonly=readonly
        )
    except StudentException as exc:
        raise explain_write(exc, "the batch X or Y") from None


def check_tracks_twin(ctx: Ctx) -> None:
    start(ctx)
    net, batches, lr, momentum = _problem(ctx)
    _, expected = train_steps(net, batches, lr, momentum)
    variants = {
        v: _simulate(net, batches, lr, momentum, v)[1]
        for v in (STEP_FIRST, NO_STEP, NO_BACKWARD, ONES)
    }
    network, layers, loss, optimizer = _objects(ctx, net, lr, momentum)
    before: Params = _net.params_of(net)
    for k, (X, Y) in enumerate(batches):
        _call(ctx, network, loss, optimizer, X, Y)
        after = _net.read_params(layers, net, f"after train_step call {k + 1}")
        where = (
            f"train_step (step {k + 1} of {STEPS}; network [{_net.describe(net)}], SGD with "
            f"lr={lr:.3g}, momentum={momentum:.3g})"
        )
        if all(np.array_equal(a, before[i][n]) for i, p in enumerate(after) for n, a in p.items()):
            hint = f"{NO_STEP}, or {STEP_FIRST}" if k == 0 else NO_STEP
            raise ValueMismatch(
                f"{where} changed no parameter. Likely mistake: {hint} -- the order is forward, "
                "loss, network.backward(loss.bp_input()), optimizer.step()"
            )
        for i, (kind, params) in enumerate(net):
            for name in params:
                assert_close(
                    f"{where}: change of layers[{i}].{name} ({kind})",
                    expected[k][i][name] - before[i][name],
                    after[i][name] - before[i][name],
                    reveal=ctx.reveal,
                    alternatives={
                        hint: trajectory[k][i][name] - before[i][name]
                        for hint, trajectory in variants.items()
                    },
                )
        before = after


def check_returns_loss(ctx: Ctx) -> None:
    """Two fresh networks, one step each: the returned value is the loss before the update."""
    start(ctx)
    for _ in range(2):
        net, batches, lr, momentum = _problem(ctx)
        X, Y = batches[0]
        losses, _ = train_steps(net, [(X, Y)], lr, momentum)
        after_update, _ = _simulate(net, [(X, Y)], lr, momentum, LOSS_AFTER)
        network, _, loss, optimizer = _objects(ctx, net, lr, momentum)
        got = as_float(_call(ctx, network, loss, optimizer, X, Y), "train_step")
        assert_close(
            "train_step's returned loss",
            losses[0],
            got,
            reveal=ctx.reveal,
            alternatives={LOSS_AFTER: np.asarray(after_update[0])},
        )


def check_read_only(ctx: Ctx) -> None:
    """X and Y are read-only: writing into them fails (the values are graded elsewhere)."""
    start(ctx)
    net, batches, lr, momentum = _problem(ctx)
    X, Y = batches[0]
    network, _, loss, optimizer = _objects(ctx, net, lr, momentum)
    _call(ctx, network, loss, optimizer, X, Y, readonly=True)
