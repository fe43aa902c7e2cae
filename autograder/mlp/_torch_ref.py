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
