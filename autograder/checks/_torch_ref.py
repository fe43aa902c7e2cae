"""The torch-autograd reference: forward value and vector-Jacobian products, in float64.

Independent of the code under test: it runs the contract's torch forward (`Spec.forward`) and
asks autograd for d(<upstream, output>)/d(input) and d/d(each parameter).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..contract import Arrays, Spec


def reference_forward(spec: Spec, inputs: Arrays, params: Arrays) -> Any:
    """The forward value only: an array (layers) or a float (losses)."""
    import torch

    with torch.no_grad():
        out = spec.forward(
            torch,
            **{k: torch.tensor(v, dtype=torch.float64) for k, v in {**inputs, **params}.items()},
        )
    return out.numpy().copy() if out.ndim else float(out)


def reference(spec: Spec, inputs: Arrays, params: Arrays, upstream: Any) -> dict[str, Any]:
    """{"out": forward value, "input": d/d(spec.wrt), <param>: d/d(param)}.

    `upstream` is an array shaped like the output (layers) or a number (losses).
    """
    import torch

    tensors = {k: torch.tensor(v, dtype=torch.float64) for k, v in inputs.items()}
    tensors[spec.wrt].requires_grad_(True)
    weights = {
        k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in params.items()
    }
    out = spec.forward(torch, **tensors, **weights)
    grad_out = torch.as_tensor(upstream, dtype=torch.float64)
    leaves = [tensors[spec.wrt], *weights.values()]
    grads = torch.autograd.grad(out, leaves, grad_outputs=grad_out, allow_unused=True)
    result: dict[str, Any] = {
        "out": out.detach().numpy().copy() if out.ndim else float(out.detach())
    }
    for name, g, leaf in zip(["input", *weights], grads, leaves, strict=False):
        result[name] = np.zeros(tuple(leaf.shape)) if g is None else g.detach().numpy().copy()
    return result
