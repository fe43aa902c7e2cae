"""`Sequential` on random small networks of probe layers.

The layers are the grader's probes (`_probe_classes.py`): their backward rules are made up,
not the derivatives of their forwards, so only the student's chaining is graded, and a
`Sequential` that computes gradients itself instead of asking its layers fails. Probe layers
derive from the submission's own `Linear`, `ReLU`, ... when it defines them, so a `backward`
that dispatches on ``isinstance(layer, Linear)`` works. Random depth (1-3 Linear layers),
random widths, a random activation after each Linear but the last, a random upstream
gradient. One network of each case is "square" (every width equal), so a backward that walks
the layers in the wrong order gives wrong values instead of a shape error.

- forward: `network(X)` equals the composition.
- backward: `backward(G)` returns the chained `bp_input` results (dL/dX).
- grads: `grads` holds every layer's `bp_param` result, each given the gradient at its output.
- structure: one dict per layer, in layer order, `{}` for activations.
- replaced: after two forward/backward rounds, `grads` and dX belong to the second round
  (not accumulated, not stale).
- read-only: X and the upstream gradient are read-only arrays; backward must not write them
  (only the write is graded there: the values are the other checks' business).
"""

from __future__ import annotations

import contextlib
from typing import Any

import numpy as np

from ...errors import CheckFailed, StudentException
from ...toolkit.compare import as_array
from ...toolkit.drive import Ctx
from . import _net
from ._common import Problems, as_grads, compare, explain_write, raised, start
from ._net import FORWARD_ORDER, PARAM_AFTER_INPUT, SAME_GRAD, Net, chain
from ._probes import layer_order

REVERSED = (
    "backward reversed network.layers in place (self.layers.reverse()), so the network is "
    "now in the wrong order for the next forward call: walk a reversed view instead, "
    "reversed(self.layers) or an index loop, and leave self.layers as it is"
)


def _cases(ctx: Ctx) -> list[tuple[Net, np.ndarray]]:
    """A square network (width 4, 3 Linear layers) and a random one, each with an input."""
    cases = []
    # the square one first: a wrong order gives wrong values there, which name the mistake
    for kwargs in ({"depth": 3, "width": 4, "final_activation": True}, {}):
        net, d_in = _net.random_net(ctx.rng, **kwargs)
        n = int(ctx.rng.integers(2, 6))
        cases.append((net, ctx.rng.standard_normal((n, d_in))))
    return cases


def _alternatives(net: Net, X: np.ndarray, G: np.ndarray) -> dict[str, dict[str, Any]]:
    """What the classic mistakes give on this network (those that can run at its widths)."""
    out = {}
    for variant in (FORWARD_ORDER, PARAM_AFTER_INPUT, SAME_GRAD):
        try:
            out[variant] = chain(net, X, G, variant)
        except (ValueError, IndexError):
            continue
    return out


def _shapes(X: np.ndarray, G: np.ndarray) -> str:
    return f"with X of shape {X.shape} and an upstream gradient of shape {G.shape}"


def _untouched(ctx: Ctx, network: Any, layers: list[Any], where: str) -> None:
    """Fail, naming the mistake, when the student's network no longer holds its layers in
    the order it was built with (verified by identity in the session)."""
    order = layer_order(ctx.session, network, layers)
    if order is None or order == list(range(len(layers))):
        return
    if order == list(reversed(range(len(layers)))):
        raise CheckFailed(f"{where}: {REVERSED}")
    raise CheckFailed(
        f"{where}: after backward, network.layers holds the layers in the order {order} (they "
        f"were built in the order {list(range(len(layers)))}): backward must not change "
        "network.layers"
    )


def _round(
    ctx: Ctx,
    network: Any,
    layers: list[Any],
    where: str,
    X: np.ndarray,
    G: np.ndarray,
    readonly: bool = False,
):
    """One forward and backward call of the student's network: dL/dX."""
    try:
        as_array(network.call("__call__", X, readonly=readonly), f"{where}: __call__")
        dx = network.call("backward", G, readonly=readonly)
    except StudentException as exc:
        _untouched(ctx, network, layers, where)
        told = explain_write(exc, "its input X or the upstream gradient")
        if readonly and told is not exc:
            raise told from None
        raise raised(exc, _shapes(X, G)) from None
    _untouched(ctx, network, layers, where)
    return as_array(dx, f"{where}: backward")


def _run(ctx: Ctx, net: Net, X: np.ndarray, G: np.ndarray, readonly: bool = False):
    """(dX, grads value) of the student's Sequential on `net`."""
    network, layers = _net.build(ctx.session, net)
    dx = _round(ctx, network, layers, f"Sequential on [{_net.describe(net)}]", X, G, readonly)
    return dx, network.get("grads")


def check_forward(ctx: Ctx) -> None:
    start(ctx)
    for net, X in _cases(ctx):
        network, _ = _net.build(ctx.session, net)
        got = as_array(network.call("__call__", X), "Sequential.__call__")
        alternatives = {}
        with contextlib.suppress(ValueError, IndexError):  # widths that do not fit
            alternatives["applied only the last layer (to X itself)"] = _net.forward(net[-1:], X)
        compare(
            f"Sequential.__call__ on [{_net.describe(net)}]",
            _net.forward(net, X),
            got,
            reveal=ctx.reveal,
            batch=len(X),
            alternatives=alternatives,
        )


def check_backward_input(ctx: Ctx) -> None:
    start(ctx)
    problems = Problems()
    for net, X in _cases(ctx):
        G = ctx.rng.standard_normal(_net.forward(net, X).shape)
        ref = chain(net, X, G)
        dx, _ = _run(ctx, net, X, G)
        alternatives = {k: v["input"] for k, v in _alternatives(net, X, G).items()}
        alternatives["returned the upstream gradient unchanged"] = G
        with problems.each():
            compare(
                f"Sequential.backward (dL/dX) on [{_net.describe(net)}]",
                ref["input"],
                dx,
                reveal=ctx.reveal,
                batch=len(X),
                alternatives=alternatives,
            )
    problems.raise_all()


def check_backward_grads(ctx: Ctx) -> None:
    start(ctx)
    problems = Problems()
    for net, X in _cases(ctx):
        G = ctx.rng.standard_normal(_net.forward(net, X).shape)
        ref = chain(net, X, G)
        _, value = _run(ctx, net, X, G)
        where = f"Sequential.grads on [{_net.describe(net)}]"
        grads = as_grads(value, net, where)
        sims = _alternatives(net, X, G)
        for i, (kind, params, _) in enumerate(net):
            for name in params:
                alternatives = {k: v["grads"][i][name] for k, v in sims.items()}
                with problems.each():
                    compare(
                        f"{where}: grads[{i}][{name!r}] ({kind})",
                        ref["grads"][i][name],
                        grads[i][name],
                        reveal=ctx.reveal,
                        batch=len(X),
                        alternatives=alternatives,
                    )
    problems.raise_all()


def check_structure(ctx: Ctx) -> None:
    """One dict per layer in layer order, {} for activations; shapes of the parameters."""
    start(ctx)
    net, d_in = _net.random_net(ctx.rng, depth=3, final_activation=True)
    X = ctx.rng.standard_normal((3, d_in))
    G = ctx.rng.standard_normal(_net.forward(net, X).shape)
    _, value = _run(ctx, net, X, G)
    where = f"Sequential.grads on [{_net.describe(net)}]"
    grads = as_grads(value, net, where)
    sims = _alternatives(net, X, G)
    for i, (kind, params, _) in enumerate(net):
        for name, p in params.items():
            if grads[i][name].shape != p.shape:
                compare(
                    f"{where}: grads[{i}][{name!r}] ({kind})",
                    p,
                    grads[i][name],
                    alternatives={k: v["grads"][i][name] for k, v in sims.items()},
                )


def check_replaced(ctx: Ctx) -> None:
    """Two rounds of forward + backward: the results belong to the second round only."""
    start(ctx)
    net, d_in = _net.random_net(ctx.rng, depth=2, final_activation=False)
    n = 4
    X1, X2 = ctx.rng.standard_normal((n, d_in)), ctx.rng.standard_normal((n, d_in))
    out_shape = _net.forward(net, X1).shape
    G1, G2 = ctx.rng.standard_normal(out_shape), ctx.rng.standard_normal(out_shape)
    network, layers = _net.build(ctx.session, net)
    where = f"Sequential on [{_net.describe(net)}], second forward/backward round"
    for X, G in ((X1, G1), (X2, G2)):
        dx = _round(ctx, network, layers, where, X, G)
    first, second = chain(net, X1, G1), chain(net, X2, G2)
    stale = "used the first round's forward input: the cache is not updated by later calls"
    compare(
        f"{where}: backward (dL/dX)",
        second["input"],
        dx,
        reveal=ctx.reveal,
        batch=n,
        alternatives={stale: chain(net, X1, G2)["input"]},
    )
    grads = as_grads(network.get("grads"), net, f"{where}: grads")
    for i, (kind, params, _) in enumerate(net):
        for name in params:
            compare(
                f"{where}: grads[{i}][{name!r}] ({kind})",
                second["grads"][i][name],
                grads[i][name],
                reveal=ctx.reveal,
                batch=n,
                alternatives={
                    "accumulated the gradients of both rounds: backward must replace grads, "
                    "not add to them": first["grads"][i][name] + second["grads"][i][name],
                    "kept the first round's gradients: grads is not replaced by a later "
                    "backward": first["grads"][i][name],
                },
            )


def check_read_only(ctx: Ctx) -> None:
    """X and the upstream gradient are read-only: writing into them fails (values are graded
    by the other checks)."""
    start(ctx)
    net, d_in = _net.random_net(ctx.rng, depth=2)
    X = ctx.rng.standard_normal((3, d_in))
    G = ctx.rng.standard_normal(_net.forward(net, X).shape)
    _run(ctx, net, X, G, readonly=True)
