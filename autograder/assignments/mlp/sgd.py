"""`SGD` against the update rule and torch.optim.SGD, stepping a probe network.

The network is the grader's probe (`_probe_classes.py`) holding probe layers Linear, an
activation, Linear; the grader writes `network.grads` itself before each step (a new list
every time, as `backward` does), so only the optimiser is graded. Every comparison is on the
change of each parameter in one step.

- plain step: with the default momentum (0), the change is exactly -lr * g.
- momentum: several steps with fresh gradients follow torch.optim.SGD (heavy ball, no
  dampening): v = momentum * v + g, param -= lr * v.
- current gradients: each step uses the gradients in `network.grads` at that moment.
- long run: hundreds of steps against torch.optim.SGD with the state carried across calls:
  momentum off, then on, then a new optimiser (as the end-to-end check builds one for its last
  epoch), new gradients at every step (drawn from the current parameters, so they stay
  bounded). A schedule, a velocity reset or state kept where it does not belong shows only
  there; `_sgd_explain.py` says what differs, naming a cause only when it replays.
"""

from __future__ import annotations

import numpy as np

from ...errors import ShapeMismatch, StudentException, ValueMismatch
from ...toolkit.compare import assert_close
from ...toolkit.drive import Ctx
from . import _net
from ._common import Problems, raised, start
from ._net import Net, Params
from ._probes import own
from ._sgd_explain import Phase, Run, explain
from ._torch_ref import sgd_phases, sgd_steps

#: the long run's steps per phase: plain SGD, with momentum, a new SGD with momentum
LONG_STEPS = (120, 150, 150)

NO_MOMENTUM = "ignored the momentum: the velocity is not kept from one step to the next"
DAMPENED = "dampened the velocity, v = momentum * v + (1 - momentum) * g (use v = momentum * v + g)"
NESTEROV = "used Nesterov momentum, param -= lr * (g + momentum * v) (use param -= lr * v)"
STALE = (
    "used the gradients of an earlier step: read network.grads at every step (backward "
    "replaces the list, so a reference kept from before is stale)"
)


def _network(ctx: Ctx) -> Net:
    d = [int(ctx.rng.integers(2, 6)) for _ in range(3)]
    return [
        _net.linear(ctx.rng, d[0], d[1]),
        _net.activation(ctx.rng),
        _net.linear(ctx.rng, d[1], d[2]),
    ]


def _grads(ctx: Ctx, net: Net) -> Params:
    return [{k: ctx.rng.standard_normal(v.shape) for k, v in p.items()} for _, p, _ in net]


def _probe_network(ctx: Ctx, net: Net):
    return _net.build(ctx.session, net, network_rule=_net.network_rule(ctx.rng))


def _setup(ctx: Ctx, net: Net, *args: float):
    network, layers = _probe_network(ctx, net)
    optimizer = ctx.session.new(own("SGD"), network, *args)
    return network, layers, optimizer


def _step(network, optimizer, layers, net: Net, grads: Params, when: str = "") -> Params:
    network.set("grads", grads)
    try:
        optimizer.call("step")
    except StudentException as exc:
        raise raised(exc, f"{when} on a network [{_net.describe(net)}]".strip()) from None
    return _net.read_params(layers, net, "after SGD.step")


def _compare(
    ctx: Ctx,
    where: str,
    net: Net,
    before: Params,
    after: Params,
    expected: Params,
    alternatives: dict[str, Params],
) -> None:
    moved = any(np.any(after[i][k] != before[i][k]) for i, (_, p, _) in enumerate(net) for k in p)
    if not moved:
        raise ValueMismatch(
            f"{where} changed no parameter. Likely mistake: the update is not written back to "
            "the layer (assign layer.W = layer.W - lr * v, or update the array in place), or "
            "network.grads / network.layers are not read at the step"
        )
    problems = Problems()
    for i, (kind, p, _) in enumerate(net):
        for k in p:
            with problems.each():
                assert_close(
                    f"{where}: change of layers[{i}].{k} ({kind})",
                    expected[i][k] - before[i][k],
                    after[i][k] - before[i][k],
                    reveal=ctx.reveal,
                    alternatives={h: alt[i][k] - before[i][k] for h, alt in alternatives.items()},
                )
    problems.raise_all()


def _apply(params: Params, grads: Params, lr: float) -> Params:
    return [{k: v - lr * g[k] for k, v in p.items()} for p, g in zip(params, grads, strict=True)]


def check_plain_step(ctx: Ctx) -> None:
    start(ctx)
    net = _network(ctx)
    lr = float(ctx.rng.uniform(0.05, 0.5))
    network, layers, optimizer = _setup(ctx, net, lr)
    before, grads = _net.params_of(net), _grads(ctx, net)
    after = _step(network, optimizer, layers, net, grads)
    alternatives = {
        "forgot the learning rate (param -= g)": _apply(before, grads, 1.0),
        f"applied the learning rate twice (param -= lr * lr * g; lr = {lr:.4g})": _apply(
            before, grads, lr * lr
        ),
        "divided by the learning rate instead of multiplying": _apply(before, grads, 1.0 / lr),
    }
    where = f"SGD(network, lr={lr:.3g}).step()"
    _compare(ctx, where, net, before, after, _apply(before, grads, lr), alternatives)


def _variants(before: Params, steps: list[Params], lr: float, momentum: float) -> dict:
    """Parameters after each step under the classic wrong rules, in numpy."""
    out = {}
    for name in (NO_MOMENTUM, DAMPENED, NESTEROV):
        params = [{k: v.copy() for k, v in p.items()} for p in before]
        velocity = [{k: np.zeros_like(v) for k, v in p.items()} for p in before]
        trajectory = []
        for grads in steps:
            for p, v, g in zip(params, velocity, grads, strict=True):
                for k in p:
                    if name == NO_MOMENTUM:
                        p[k] = p[k] - lr * g[k]
                    elif name == DAMPENED:
                        v[k] = momentum * v[k] + (1 - momentum) * g[k]
                        p[k] = p[k] - lr * v[k]
                    else:
                        v[k] = momentum * v[k] + g[k]
                        p[k] = p[k] - lr * (g[k] + momentum * v[k])
            trajectory.append([{k: v.copy() for k, v in p.items()} for p in params])
        out[name] = trajectory
    return out


def check_momentum(ctx: Ctx) -> None:
    start(ctx)
    net = _network(ctx)
    lr, momentum = float(ctx.rng.uniform(0.05, 0.3)), float(ctx.rng.uniform(0.6, 0.95))
    network, layers, optimizer = _setup(ctx, net, lr, momentum)
    steps = [_grads(ctx, net) for _ in range(4)]
    before = _net.params_of(net)
    expected = sgd_steps(before, steps, lr, momentum)
    variants = _variants(before, steps, lr, momentum)
    for k, grads in enumerate(steps):
        after = _step(network, optimizer, layers, net, grads)
        where = f"SGD(network, lr={lr:.3g}, momentum={momentum:.3g}).step(), step {k + 1} of 4"
        alternatives = {name: trajectory[k] for name, trajectory in variants.items()}
        _compare(ctx, where, net, before, after, expected[k], alternatives)
        before = after


def check_current_grads(ctx: Ctx) -> None:
    """The gradients are set before the optimiser is built, then replaced before each step."""
    start(ctx)
    net = _network(ctx)
    lr = float(ctx.rng.uniform(0.05, 0.5))
    network, layers = _probe_network(ctx, net)
    first = _grads(ctx, net)
    network.set("grads", first)
    optimizer = ctx.session.new(own("SGD"), network, lr)
    before = _net.params_of(net)
    for k in range(3):
        grads = first if k == 0 else _grads(ctx, net)
        after = _step(network, optimizer, layers, net, grads, f"at step {k + 1}")
        where = f"SGD(network, lr={lr:.3g}).step(), step {k + 1} of 3 (new gradients each step)"
        alternatives = {STALE: _apply(before, first, lr)} if k else {}
        _compare(ctx, where, net, before, after, _apply(before, grads, lr), alternatives)
        before = after


def _long_phases(ctx: Ctx) -> list[Phase]:
    momentum = float(ctx.rng.uniform(0.7, 0.95))
    lr = [float(ctx.rng.uniform(0.02, 0.1)) for _ in LONG_STEPS]
    return [
        Phase(lr[0], 0.0, LONG_STEPS[0]),
        Phase(lr[1], momentum, LONG_STEPS[1]),
        Phase(lr[2] / 5, momentum, LONG_STEPS[2]),
    ]


def _same_shapes(net: Net, params: Params, when: str) -> None:
    for i, (kind, p, _) in enumerate(net):
        for k, v in p.items():
            if params[i][k].shape != v.shape:
                raise ShapeMismatch(
                    f"{when}, layers[{i}].{k} ({kind}) has shape {params[i][k].shape}, expected "
                    f"{v.shape}: an update of another shape was added to it"
                )


def check_long_run(ctx: Ctx) -> None:
    """Hundreds of steps, state carried across calls and a new optimiser, against torch."""
    start(ctx)
    # square layers (3 -> 3 -> 3): parameters of the same name have the same shape, so a
    # velocity shared between layers gives wrong values (named below) instead of an error
    net = [_net.linear(ctx.rng, 3, 3), _net.activation(ctx.rng), _net.linear(ctx.rng, 3, 3)]
    phases = _long_phases(ctx)
    before = _net.params_of(net)

    def draw(params: Params) -> Params:  # (3, 3) and (3,) gradients pulling towards 0
        return [
            {k: 0.3 * v + 0.5 * ctx.rng.standard_normal(v.shape) for k, v in p.items()}
            for p in params
        ]

    fed, expected = sgd_phases(before, [(p.lr, p.momentum, p.steps) for p in phases], draw)
    network, layers = _probe_network(ctx, net)
    got, k = [], 0
    for i, phase in enumerate(phases):
        args = (phase.lr,) if i == 0 else (phase.lr, phase.momentum)  # default momentum first
        optimizer = ctx.session.new(own("SGD"), network, *args)
        for _ in range(phase.steps):
            when = f"at {Run.where_in(phases, k)}"
            got.append(_step(network, optimizer, layers, net, fed[k], when))
            _same_shapes(net, got[-1], f"after {Run.where_in(phases, k)}")
            k += 1
    layout, offset = [], 0
    for i, (_, p, _) in enumerate(net):
        for name, value in p.items():
            layout.append((i, name, slice(offset, offset + value.size)))
            offset += value.size
    run = Run(phases, fed, before, got, expected, layout)
    told = explain(run, reveal=ctx.reveal)
    if told:
        raise ValueMismatch(
            f"{len(fed)} steps of your SGD and of torch.optim.SGD on a network "
            f"[{_net.describe(net)}], fed the same gradients ({run.plan()}): {told}"
        )
