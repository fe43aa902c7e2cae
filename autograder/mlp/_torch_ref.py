"""The torch twins of assignment 2: networks, optimiser steps and training steps, in float64.

Independent of the code under test: each layer's forward is the contract's torch forward
(`autograder.contract.Spec.forward`), gradients come from autograd, updates from
`torch.optim.SGD`. A network is described as plain data, a `Net`: a list of
``(class name, {parameter name: array})``, e.g. ``[("Linear", {"W": ..., "b": ...}),
("ReLU", {})]``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..contract import BY_NAME as LAYER_SPECS

Net = list[tuple[str, dict[str, np.ndarray]]]
Params = list[dict[str, np.ndarray]]


def _tensors(net: Net) -> list[dict[str, Any]]:
    import torch

    return [
        {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in p.items()}
        for _, p in net
    ]


def _forward(net: Net, weights: list[dict[str, Any]], x: Any) -> Any:
    import torch

    for (kind, _), w in zip(net, weights, strict=True):
        x = LAYER_SPECS[kind].forward(torch, X=x, **w)
    return x


def _numpy(weights: list[dict[str, Any]]) -> Params:
    return [{k: v.detach().numpy().copy() for k, v in w.items()} for w in weights]


def network_vjp(net: Net, X: np.ndarray, G: np.ndarray) -> dict[str, Any]:
    """{"out": network(X), "input": dL/dX, "grads": [dL/d(params) per layer]} for dL/dY = G."""
    import torch

    x = torch.tensor(X, dtype=torch.float64, requires_grad=True)
    weights = _tensors(net)
    out = _forward(net, weights, x)
    leaves = [x] + [t for w in weights for t in w.values()]
    found = torch.autograd.grad(
        out, leaves, grad_outputs=torch.tensor(G, dtype=torch.float64), allow_unused=True
    )
    values = iter(found[1:])
    grads: Params = []
    for w in weights:
        layer = {}
        for k, t in w.items():
            g = next(values)
            layer[k] = np.zeros(tuple(t.shape)) if g is None else g.numpy().copy()
        grads.append(layer)
    return {"out": out.detach().numpy().copy(), "input": found[0].numpy().copy(), "grads": grads}


def network_forward(net: Net, X: np.ndarray) -> np.ndarray:
    import torch

    weights = _tensors(net)
    with torch.no_grad():
        return _forward(net, weights, torch.tensor(X, dtype=torch.float64)).numpy().copy()


def sgd_steps(
    params: Params, grads_per_step: list[Params], lr: float, momentum: float
) -> list[Params]:
    """The parameters after each step of torch.optim.SGD fed the given gradients."""
    import torch

    weights = [{k: torch.tensor(v, dtype=torch.float64) for k, v in p.items()} for p in params]
    flat = [t for w in weights for t in w.values()]
    for t in flat:
        t.requires_grad_(True)
    optimizer = torch.optim.SGD(flat, lr=lr, momentum=momentum)
    after = []
    for grads in grads_per_step:
        for w, g in zip(weights, grads, strict=True):
            for k, t in w.items():
                t.grad = torch.tensor(g[k], dtype=torch.float64)
        optimizer.step()
        after.append(_numpy(weights))
    return after


def train_steps(
    net: Net, batches: list[tuple[np.ndarray, np.ndarray]], lr: float, momentum: float
) -> tuple[list[float], list[Params]]:
    """Minibatch SGD with the fused softmax cross-entropy loss: (loss of each batch before its
    update, parameters after each step)."""
    import torch

    weights = _tensors(net)
    optimizer = torch.optim.SGD(
        [t for w in weights for t in w.values()], lr=lr, momentum=momentum
    )
    loss_forward = LAYER_SPECS["SoftmaxCrossEntropyLoss"].forward
    losses, after = [], []
    for X, Y in batches:
        optimizer.zero_grad()
        out = _forward(net, weights, torch.tensor(X, dtype=torch.float64))
        loss = loss_forward(torch, prediction=out, target=torch.tensor(Y, dtype=torch.float64))
        loss.backward()
        optimizer.step()
        losses.append(float(loss.detach()))
        after.append(_numpy(weights))
    return losses, after
