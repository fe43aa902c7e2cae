"""The torch twin of assignment 2: optimiser steps of `torch.optim.SGD`, in float64.

Independent of the code under test. Parameters and gradients are plain data: one dict
``{parameter name: array}`` per layer (a `Params`).
"""

from __future__ import annotations

import numpy as np

Params = list[dict[str, np.ndarray]]


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
        after.append([{k: v.detach().numpy().copy() for k, v in w.items()} for w in weights])
    return after


def sgd_phases(
    params: Params, phases: list[tuple[float, float, int]], draw
) -> tuple[list[Params], list[Params]]:
    """A long torch.optim.SGD run: (gradients fed at each step, parameters after each step).

    `phases` is [(lr, momentum, steps)], each phase a *new* optimiser on the same parameters
    (as the end-to-end check builds a fresh SGD for its last epoch), so each starts with zero
    velocity. `draw(params)` gives the next step's gradients from the current parameters."""
    import torch

    weights = [{k: torch.tensor(v, dtype=torch.float64) for k, v in p.items()} for p in params]
    flat = [t for w in weights for t in w.values()]
    fed, after = [], []
    for lr, momentum, steps in phases:
        optimizer = torch.optim.SGD(flat, lr=lr, momentum=momentum)
        for _ in range(steps):
            grads = draw([{k: v.detach().numpy().copy() for k, v in w.items()} for w in weights])
            for w, g in zip(weights, grads, strict=True):
                for k, t in w.items():
                    t.grad = torch.tensor(g[k], dtype=torch.float64)
            optimizer.step()
            fed.append(grads)
            after.append([{k: v.detach().numpy().copy() for k, v in w.items()} for w in weights])
    return fed, after
