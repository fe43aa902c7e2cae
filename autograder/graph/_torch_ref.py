"""The torch-autograd reference of assignment 3, in float64: operation VJPs and graph gradients.

Independent of the code under test: it runs the contract's torch forward of each operation
(`OpSpec.forward`) and asks autograd for the gradients.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .contract import OP_BY_NAME, OpSpec


def _tensor(t, value: Any, grad: bool = False):
    return t.tensor(np.asarray(value, dtype=np.float64), dtype=t.float64, requires_grad=grad)


def op_forward(spec: OpSpec, inputs: Sequence[np.ndarray]) -> np.ndarray:
    import torch

    with torch.no_grad():
        out = spec.forward(torch, *[_tensor(torch, x) for x in inputs])
    return out.numpy().copy()


def op_vjps(spec: OpSpec, inputs: Sequence[np.ndarray], upstream: Any) -> list[np.ndarray]:
    """[d<upstream, op(inputs)>/d(inputs[i]) for every i]."""
    import torch

    leaves = [_tensor(torch, x, grad=True) for x in inputs]
    out = spec.forward(torch, *leaves)
    grads = torch.autograd.grad(
        out, leaves, grad_outputs=_tensor(torch, upstream), allow_unused=True
    )
    return [
        np.zeros(tuple(leaf.shape)) if g is None else g.detach().numpy().copy()
        for g, leaf in zip(grads, leaves, strict=True)
    ]


def graph_grads(case) -> dict[str, np.ndarray]:
    """d(target)/d(node) for every wrt node of a `GraphCase`; zeros where there is no path."""
    import torch

    nodes = {name: _tensor(torch, v, grad=True) for name, v in case.values.items()}
    for name, op, inputs in case.nodes:
        nodes[name] = OP_BY_NAME[op].forward(torch, *[nodes[x] for x in inputs])
    wanted = [nodes[w] for w in case.wrt]
    grads = torch.autograd.grad(nodes[case.target], wanted, allow_unused=True)
    return {
        w: np.zeros(tuple(nodes[w].shape)) if g is None else g.detach().numpy().copy()
        for w, g in zip(case.wrt, grads, strict=True)
    }
