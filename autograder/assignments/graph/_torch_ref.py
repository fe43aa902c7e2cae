"""The torch-autograd reference of assignment 3, in float64: operation VJPs, graph gradients,
and the wrong gradients of the classic mistakes.

Independent of the code under test: it runs the contract's torch forward of each operation
(`OpSpec.forward`) and asks autograd for the gradients. Every gradient the grader computes for
assignment 3 comes from here, in torch (blocked where student code runs): the mistakes of
`OpSpec.mistakes` and the wrong reductions of a broadcast are evaluated on torch tensors too.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from typing import Any

import numpy as np

from ._diagnose import broadcast_axes
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


def op_mistakes(
    spec: OpSpec, inputs: Sequence[np.ndarray], output: Any, upstream: Any, i: int
) -> dict[str, np.ndarray]:
    """{name: the wrong gradient of input i that mistake gives}, for the mistakes that apply
    to input i at these shapes."""
    import torch

    x = [_tensor(torch, v) for v in inputs]
    out, g = _tensor(torch, output), _tensor(torch, upstream)

    def vjp(grad, args=None):
        """autograd's [d<grad, forward(args)>/d(args[j]) for every j] (default: the inputs)"""
        leaves = [v.detach().clone().requires_grad_(True) for v in (x if args is None else args)]
        return torch.autograd.grad(spec.forward(torch, *leaves), leaves, grad_outputs=grad)

    found = {}
    for name, wrong in spec.mistakes.items():
        try:
            value = wrong(torch, vjp, x, out, g, i)
        except (RuntimeError, ValueError, IndexError):
            continue  # the mistake does not apply at these shapes
        if value is not None:
            found[name] = value.detach().numpy().astype(np.float64)
    return found


def broadcast_mistakes(upstream: Any, a: tuple, b: tuple) -> dict[str, np.ndarray]:
    """The gradient of b in a + b (b broadcast to a's shape) under the classic wrong
    reductions of the upstream gradient: a mean over the broadcast axes, or the wrong axes."""
    import torch

    g = _tensor(torch, upstream)
    right = broadcast_axes(a, b)
    size = int(np.prod(b, dtype=np.int64))
    found = {}
    if right:
        mean = g.mean(dim=right).reshape(b)
        found["took the mean over the broadcast axes instead of the sum"] = mean.numpy().copy()
    for n in range(1, len(a) + 1):
        for axes in combinations(range(len(a)), n):
            reduced = g.sum(dim=axes)
            if axes != right and reduced.numel() == size:
                where = ", ".join(map(str, right))
                found[f"summed over axis {', '.join(map(str, axes))} instead of {where}"] = (
                    reduced.reshape(b).numpy().copy()
                )
    return found
