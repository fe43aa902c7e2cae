"""Networks as plain data (`Net`), drawn at random, built in a session, or built in-process.

- `random_net`: a small random network (random depth, widths and activations).
- `build`: the same network as objects in the session (reference layers by default) under a
  given `Sequential` class (the student's, or the reference).
- `read_params`: the parameters back from the session, validated.
- `local`: the network built from the kit's reference classes in this process, to compute
  what a classic mistake would have produced (the "likely mistake" of a message).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ..checks._compare import as_array
from ._session import ref
from ._torch_ref import Net, Params

ACTIVATIONS = ("ReLU", "Sigmoid", "Tanh")


def linear_params(rng: np.random.Generator, d_in: int, d_out: int) -> dict[str, np.ndarray]:
    return {
        "W": rng.standard_normal((d_in, d_out)) / np.sqrt(d_in),
        "b": 0.5 * rng.standard_normal(d_out),
    }


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
        net.append(("Linear", linear_params(rng, widths[i], widths[i + 1])))
        last = i == depth - 1
        if not last or (final_activation if final_activation is not None else rng.random() < 0.5):
            net.append((str(rng.choice(ACTIVATIONS)), {}))
    return net, widths[0]


def describe(net: Net) -> str:
    """e.g. "Linear(4, 3), Tanh, Linear(3, 2)"."""
    parts = []
    for kind, p in net:
        parts.append(f"Linear{tuple(p['W'].shape)}" if kind == "Linear" else kind)
    return ", ".join(parts)


def build(
    session: Any,
    net: Net,
    sequential: str = "Sequential",
    layer_name: Callable[[str], str] = ref,
) -> tuple[Any, list[Any]]:
    """(network subject, layer subjects): `net` built in the session with its parameters set."""
    layers = []
    for kind, params in net:
        args = tuple(params["W"].shape) if kind == "Linear" else ()
        subject = session.new(layer_name(kind), *args)
        for name, value in params.items():
            subject.set(name, value)
        layers.append(subject)
    return session.new(sequential, layers), layers


def read_params(layers: list[Any], net: Net, owner: str) -> Params:
    """The current parameters of the session's layers (as float64 arrays)."""
    out: Params = []
    for i, ((kind, params), subject) in enumerate(zip(net, layers, strict=True)):
        out.append(
            {k: as_array(subject.get(k), f"{owner}: layers[{i}].{k} ({kind})") for k in params}
        )
    return out


def params_of(net: Net) -> Params:
    return [{k: v.copy() for k, v in p.items()} for _, p in net]


def local(net: Net) -> tuple[Any, list[Any]]:
    """The network built in this process from the reference classes (parameters copied)."""
    from ..reference import layers as ref_layers
    from ..reference.mlp import Sequential

    objects = []
    for kind, params in net:
        cls = getattr(ref_layers, kind)
        layer = cls(*params["W"].shape) if kind == "Linear" else cls()
        for name, value in params.items():
            setattr(layer, name, np.array(value, dtype=np.float64))
        objects.append(layer)
    return Sequential(objects), objects


def local_params(layers: list[Any], net: Net) -> Params:
    return [
        {k: np.array(getattr(layer, k), dtype=np.float64) for k in p}
        for layer, (_, p) in zip(layers, net, strict=True)
    ]
