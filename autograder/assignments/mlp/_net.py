"""Networks of probe layers as plain data (`Net`): drawn at random, built in a session, and
replayed in the grader to get the expected results.

A `Net` is a list of ``(kind, parameters, rule)``: kind "Linear" (parameters W (in, out) and
b (out,); rule B (out, in)) or an activation "ReLU" / "Sigmoid" / "Tanh" (no parameters;
rule: two numbers). The rules are the probes' (`_probe_classes.py`), not the layers'
derivatives.

- `random_net`: a small random network (random depth, widths and activations).
- `build`: the network in the session: probe layers under the student's `Sequential` (or
  under the probe network).
- `read_params`: the parameters back from the session, validated.
- `local`: the same probe layers in this process, and `chain`: what `Sequential` must give
  for them (and what a classic mistake gives instead).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ...toolkit.compare import as_array
from ._probes import local as local_classes
from ._probes import own, probe

Net = list[tuple[str, dict[str, np.ndarray], dict[str, Any]]]
Params = list[dict[str, np.ndarray]]
ACTIVATIONS = ("ReLU", "Sigmoid", "Tanh")

#: the contract's order, and the classic mistakes `chain` can replay
CORRECT = "correct"
FORWARD_ORDER = "walked the layers in forward order instead of in reverse"
PARAM_AFTER_INPUT = (
    "called bp_param after bp_input, so it got the gradient at the layer's input instead of "
    "at its output"
)
SAME_GRAD = (
    "gave every layer the network's upstream gradient instead of the gradient flowing back "
    "from the layer after it"
)


def linear(rng: np.random.Generator, d_in: int, d_out: int) -> tuple[str, dict, dict]:
    params = {
        "W": rng.standard_normal((d_in, d_out)) / np.sqrt(d_in),
        "b": 0.5 * rng.standard_normal(d_out),
    }
    return "Linear", params, {"B": rng.standard_normal((d_out, d_in)) / np.sqrt(d_out)}


def activation(rng: np.random.Generator, kind: str | None = None) -> tuple[str, dict, dict]:
    kind = kind or str(rng.choice(ACTIVATIONS))
    return kind, {}, {"a": float(rng.uniform(0.5, 1.5)), "k": float(rng.uniform(0.2, 1.0))}


def random_net(
    rng: np.random.Generator,
    depth: int | None = None,
    width: int | None = None,
    final_activation: bool | None = None,
) -> tuple[Net, int]:
    """(network, input width). `depth` Linear layers (1-3 at random), each but the last
    followed by a random activation; `width` fixes every width (a "square" network)."""
    depth = depth if depth is not None else int(rng.integers(1, 4))
    widths = [width or int(rng.integers(2, 7)) for _ in range(depth + 1)]
    net: Net = []
    for i in range(depth):
        net.append(linear(rng, widths[i], widths[i + 1]))
        last = i == depth - 1
        if not last or (final_activation if final_activation is not None else rng.random() < 0.5):
            net.append(activation(rng))
    return net, widths[0]


def describe(net: Net) -> str:
    """e.g. "Linear(4, 3), Tanh, Linear(3, 2)"."""
    return ", ".join(
        f"Linear{tuple(p['W'].shape)}" if kind == "Linear" else kind for kind, p, _ in net
    )


def _rule(params: dict, rule: dict) -> dict:
    return {**params, **rule}


def build(session: Any, net: Net, network_rule: dict | None = None) -> tuple[Any, list[Any]]:
    """(network subject, layer subjects): probe layers in the session, under the student's
    `Sequential`, or under the probe network when `network_rule` is given."""
    layers = [session.new(probe(kind), _rule(p, r)) for kind, p, r in net]
    if network_rule is None:
        return session.new(own("Sequential"), layers), layers
    return session.new(probe("network"), layers, network_rule), layers


def network_rule(rng: np.random.Generator) -> dict[str, float]:
    return {"shift": float(rng.uniform(-0.5, 0.5)), "damping": float(rng.uniform(0.3, 0.8))}


def read_params(layers: list[Any], net: Net, owner: str) -> Params:
    """The current parameters of the session's layers (as float64 arrays)."""
    out: Params = []
    for i, ((kind, params, _), subject) in enumerate(zip(net, layers, strict=True)):
        out.append(
            {k: as_array(subject.get(k), f"{owner}: layers[{i}].{k} ({kind})") for k in params}
        )
    return out


def params_of(net: Net) -> Params:
    return [{k: v.copy() for k, v in p.items()} for _, p, _ in net]


def local(net: Net) -> list[Any]:
    """The probe layers of `net` in this process (parameters copied)."""
    classes = local_classes()
    return [
        classes[kind]({k: np.array(v, dtype=np.float64) for k, v in _rule(p, r).items()})
        for kind, p, r in net
    ]


def local_params(layers: list[Any], net: Net) -> Params:
    return [
        {k: np.array(getattr(layer, k), dtype=np.float64) for k in p}
        for layer, (_, p, _) in zip(layers, net, strict=True)
    ]


def chain(net: Net, X: np.ndarray, G: np.ndarray, variant: str = CORRECT) -> dict[str, Any]:
    """{"out": the output, "input": dL/dX, "grads": one dict per layer} of the probe layers
    chained as the contract says (or as `variant`, a classic mistake, does). Shape errors of a
    mistake that cannot run at these widths propagate (ValueError)."""
    layers = local(net)
    out = X
    for layer in layers:
        out = layer(out)  # each caches its input for the backward rules
    g, grads = G, [{} for _ in layers]
    order = range(len(layers)) if variant == FORWARD_ORDER else reversed(range(len(layers)))
    for i in order:
        if variant == PARAM_AFTER_INPUT:
            g = layers[i].bp_input(g)
            grads[i] = layers[i].bp_param(g)
        elif variant == SAME_GRAD:
            grads[i], g = layers[i].bp_param(G), layers[i].bp_input(G)
        else:
            grads[i] = layers[i].bp_param(g)
            g = layers[i].bp_input(g)
    return {"out": out, "input": g, "grads": grads}


def forward(net: Net, X: np.ndarray) -> np.ndarray:
    """The output of the probe layers of `net` chained forward."""
    for layer in local(net):
        X = layer(X)
    return X
