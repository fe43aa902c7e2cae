"""`train_step(network, loss, optimizer, X, Y)` against the same calls replayed in the grader.

The network, loss and optimiser are the grader's probes (`_probe_classes.py`: a probe
network of probe layers Linear, an activation, Linear; a probe loss deriving from the
submission's `SoftmaxCrossEntropyLoss` when it has one; a probe optimiser), each with its own
made-up rule, so only the order of the student's calls is graded. The grader replays the
contract's order on the same probes in this process; after every step the parameters must
match, and a mismatch is compared with what the classic mistakes produce (replayed the same
way).

- tracks the replay: K steps, the change of every parameter in each step.
- returns the loss: the batch's loss before the update, a float.
- read-only: X and Y are read-only arrays (only the write is graded there).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ...errors import StudentException, ValueMismatch
from ...toolkit.compare import as_float, assert_close
from ...toolkit.drive import Ctx
from . import _net
from ._common import explain_write, start
from ._net import Net, Params
from ._probes import local as local_classes
from ._probes import probe

#: steps compared with the replay
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


CORRECT = "forward, loss, network.backward(loss.bp_input()), optimizer.step()"


def _problem(ctx: Ctx) -> tuple[Net, list[tuple[np.ndarray, np.ndarray]], dict[str, Any]]:
    """(network, batches, rules of the probe network, loss and optimiser)."""
    d_in, hidden, classes = (int(ctx.rng.integers(3, 7)) for _ in range(3))
    net = [
        _net.linear(ctx.rng, d_in, hidden),
        _net.activation(ctx.rng),
        _net.linear(ctx.rng, hidden, classes),
    ]
    batches = []
    for _ in range(STEPS):
        n = int(ctx.rng.integers(4, 9))
        batches.append(
            (ctx.rng.standard_normal((n, d_in)), np.eye(classes)[ctx.rng.integers(0, classes, n)])
        )
    rules = {
        "network": _net.network_rule(ctx.rng),
        "loss": {"M": ctx.rng.standard_normal((classes, classes))},
        "optimizer": {
            "lr": float(ctx.rng.uniform(0.1, 0.5)),
            "decay": float(ctx.rng.uniform(0.05, 0.2)),
        },
    }
    return net, batches, rules


def _replay(net: Net, batches, rules: dict[str, Any], variant: str):
    """(losses returned, parameters after each step) of the calls in `variant`'s order, with
    the same probes in this process."""
    classes = local_classes()
    layers = _net.local(net)
    network = classes["network"](layers, rules["network"])
    loss = classes["SoftmaxCrossEntropyLoss"](rules["loss"])
    optimizer = classes["optimizer"](network, rules["optimizer"])
    steps: dict[str, list[Callable[[], Any]]] = {
        CORRECT: [lambda: network.backward(loss.bp_input()), optimizer.step],
        STEP_FIRST: [optimizer.step, lambda: network.backward(loss.bp_input())],
        NO_STEP: [lambda: network.backward(loss.bp_input())],
        NO_BACKWARD: [optimizer.step],
        ONES: [lambda: network.backward(np.ones_like(loss.bp_input())), optimizer.step],
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


def _objects(ctx: Ctx, net: Net, rules: dict[str, Any]):
    network, layers = _net.build(ctx.session, net, network_rule=rules["network"])
    loss = ctx.session.new(probe("SoftmaxCrossEntropyLoss"), rules["loss"])
    optimizer = ctx.session.new(probe("optimizer"), network, rules["optimizer"])
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
    net, batches, rules = _problem(ctx)
    _, expected = _replay(net, batches, rules, CORRECT)
    variants = {
        v: _replay(net, batches, rules, v)[1] for v in (STEP_FIRST, NO_STEP, NO_BACKWARD, ONES)
    }
    network, layers, loss, optimizer = _objects(ctx, net, rules)
    before: Params = _net.params_of(net)
    for k, (X, Y) in enumerate(batches):
        _call(ctx, network, loss, optimizer, X, Y)
        after = _net.read_params(layers, net, f"after train_step call {k + 1}")
        where = f"train_step (step {k + 1} of {STEPS}; network [{_net.describe(net)}])"
        if all(np.array_equal(a, before[i][n]) for i, p in enumerate(after) for n, a in p.items()):
            hint = f"{NO_STEP}, or {STEP_FIRST}" if k == 0 else NO_STEP
            raise ValueMismatch(
                f"{where} changed no parameter. Likely mistake: {hint} -- the order is forward, "
                "loss, network.backward(loss.bp_input()), optimizer.step()"
            )
        for i, (kind, params, _) in enumerate(net):
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
        net, batches, rules = _problem(ctx)
        X, Y = batches[0]
        losses, _ = _replay(net, [(X, Y)], rules, CORRECT)
        after_update, _ = _replay(net, [(X, Y)], rules, LOSS_AFTER)
        network, _, loss, optimizer = _objects(ctx, net, rules)
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
    net, batches, rules = _problem(ctx)
    X, Y = batches[0]
    network, _, loss, optimizer = _objects(ctx, net, rules)
    _call(ctx, network, loss, optimizer, X, Y, readonly=True)
