"""`Sequential` against torch autograd, on random small networks of reference layers.

The layers are the kit's (so only the student's chaining is graded): random depth (1-3
Linear layers), random widths, a random activation (ReLU, Sigmoid, Tanh) after each Linear
but the last, and a random upstream gradient. One network of each case is "square" (every
width equal), so a backward that walks the layers in the wrong order gives wrong values
instead of a shape error.

- forward: `network(X)` equals the composition.
- backward: `backward(G)` returns dL/dX of torch's vector-Jacobian product.
- grads: `grads` holds every layer's parameter gradients, matching torch.
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

from .._exceptions import StudentException
from ..checks._compare import as_array
from ..checks._drive import Ctx
from . import _net
from ._common import as_grads, compare, explain_shapes, explain_write, start
from ._torch_ref import Net, network_forward, network_vjp

_ORDER_HINT = (
    "walk the layers in reverse order (for i in reversed(range(len(layers)))), and give each "
    "layer's bp_param the gradient at its output, before bp_input turns it into the gradient "
    "at its input"
)
FORWARD_ORDER = "walked the layers in forward order instead of in reverse"
PARAM_AFTER_INPUT = (
    "called bp_param after bp_input, so it got the gradient at the layer's input instead of "
    "at its output"
)
SAME_GRAD = (
    "gave every layer the network's upstream gradient instead of the gradient flowing back "
    "from the layer after it"
)


def _cases(ctx: Ctx) -> list[tuple[Net, np.ndarray]]:
    """A random network and a square one (width 4, 3 Linear layers), each with an input."""
    cases = []
    for kwargs in ({}, {"depth": 3, "width": 4, "final_activation": True}):
        net, d_in = _net.random_net(ctx.rng, **kwargs)
        n = int(ctx.rng.integers(2, 6))
        cases.append((net, ctx.rng.standard_normal((n, d_in))))
    return cases


def _simulate(net: Net, X: np.ndarray, G: np.ndarray, variant: str) -> dict[str, Any] | None:
    """What a classic mistake returns (dX and grads), with the reference layers in-process."""
    network, layers = _net.local(net)
    try:
        network(X)
        g, grads = G, [{} for _ in layers]
        order = range(len(layers)) if variant == FORWARD_ORDER else reversed(range(len(layers)))
        for i in order:
            layer = layers[i]
            if variant == PARAM_AFTER_INPUT:
                g = layer.bp_input(g)
                grads[i] = layer.bp_param(g)
            elif variant == SAME_GRAD:
                grads[i] = layer.bp_param(G)
                g = layer.bp_input(G)
            else:
                grads[i] = layer.bp_param(g)
                g = layer.bp_input(g)
        return {"input": g, "grads": grads}
    except (ValueError, IndexError):
        return None


def _alternatives(net: Net, X: np.ndarray, G: np.ndarray) -> dict[str, dict[str, Any]]:
    out = {}
    for variant in (FORWARD_ORDER, PARAM_AFTER_INPUT, SAME_GRAD):
        result = _simulate(net, X, G, variant)
        if result is not None:
            out[variant] = result
    return out


def _round(network: Any, where: str, X: np.ndarray, G: np.ndarray, readonly: bool = False):
    """One forward and backward call of the student's network: dL/dX."""
    as_array(network.call("__call__", X, readonly=readonly), f"{where}: __call__")
    try:
        dx = network.call("backward", G, readonly=readonly)
    except StudentException as exc:
        raise explain_shapes(exc, _ORDER_HINT) from None
    return as_array(dx, f"{where}: backward")


def _run(ctx: Ctx, net: Net, X: np.ndarray, G: np.ndarray, readonly: bool = False):
    """(dX, grads value) of the student's Sequential on `net`."""
    network, _ = _net.build(ctx.session, net)
    dx = _round(network, f"Sequential on [{_net.describe(net)}]", X, G, readonly)
    return dx, network.get("grads")


def check_forward(ctx: Ctx) -> None:
    start(ctx)
    for net, X in _cases(ctx):
        network, layers = _net.build(ctx.session, net)
        got = as_array(network.call("__call__", X), "Sequential.__call__")
        _, local_layers = _net.local(net)
        alternatives = {}
        with contextlib.suppress(ValueError, IndexError):
            alternatives["applied only the last layer (to X itself)"] = local_layers[-1](X)
        compare(
            f"Sequential.__call__ on [{_net.describe(net)}]",
            network_forward(net, X),
            got,
            reveal=ctx.reveal,
            batch=len(X),
            alternatives=alternatives,
        )


def check_backward_input(ctx: Ctx) -> None:
    start(ctx)
    for net, X in _cases(ctx):
        G = ctx.rng.standard_normal(network_forward(net, X).shape)
        ref = network_vjp(net, X, G)
        dx, _ = _run(ctx, net, X, G)
        alternatives = {k: v["input"] for k, v in _alternatives(net, X, G).items()}
        alternatives["returned the upstream gradient unchanged"] = G
        compare(
            f"Sequential.backward (dL/dX) on [{_net.describe(net)}]",
            ref["input"],
            dx,
            reveal=ctx.reveal,
            batch=len(X),
            alternatives=alternatives,
        )


def check_backward_grads(ctx: Ctx) -> None:
    start(ctx)
    for net, X in _cases(ctx):
        G = ctx.rng.standard_normal(network_forward(net, X).shape)
        ref = network_vjp(net, X, G)
        _, value = _run(ctx, net, X, G)
        where = f"Sequential.grads on [{_net.describe(net)}]"
        grads = as_grads(value, net, where)
        sims = _alternatives(net, X, G)
        for i, (kind, params) in enumerate(net):
            for name in params:
                alternatives = {k: v["grads"][i][name] for k, v in sims.items()}
                compare(
                    f"{where}: grads[{i}][{name!r}] ({kind})",
                    ref["grads"][i][name],
                    grads[i][name],
                    reveal=ctx.reveal,
                    batch=len(X),
                    alternatives=alternatives,
                )


def check_structure(ctx: Ctx) -> None:
    """One dict per layer in layer order, {} for activations; shapes of the parameters."""
    start(ctx)
    net, d_in = _net.random_net(ctx.rng, depth=3, final_activation=True)
    X = ctx.rng.standard_normal((3, d_in))
    G = ctx.rng.standard_normal(network_forward(net, X).shape)
    _, value = _run(ctx, net, X, G)
    where = f"Sequential.grads on [{_net.describe(net)}]"
    grads = as_grads(value, net, where)
    sims = _alternatives(net, X, G)
    for i, (kind, params) in enumerate(net):
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
    out_shape = network_forward(net, X1).shape
    G1, G2 = ctx.rng.standard_normal(out_shape), ctx.rng.standard_normal(out_shape)
    network, _ = _net.build(ctx.session, net)
    where = f"Sequential on [{_net.describe(net)}], second forward/backward round"
    for X, G in ((X1, G1), (X2, G2)):
        dx = _round(network, where, X, G)
    first, second = network_vjp(net, X1, G1), network_vjp(net, X2, G2)
    stale = "used the first round's forward input: the cache is not updated by later calls"
    compare(
        f"{where}: backward (dL/dX)",
        second["input"],
        dx,
        reveal=ctx.reveal,
        batch=n,
        alternatives={stale: network_vjp(net, X1, G2)["input"]},
    )
    grads = as_grads(network.get("grads"), net, f"{where}: grads")
    for i, (kind, params) in enumerate(net):
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
    G = ctx.rng.standard_normal(network_forward(net, X).shape)
    try:
        _run(ctx, net, X, G, readonly=True)
    except StudentException as exc:
        raise explain_write(exc, "its input X or the upstream gradient") from None
