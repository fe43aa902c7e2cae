"""The torch-autograd reference: forward value and vector-Jacobian products, in float64, and
the wrong gradients of the contract's classic mistakes.

Independent of the code under test: it runs the contract's torch forward (`Spec.forward`) and
asks autograd for d(<upstream, output>)/d(input) and d/d(each parameter). The mistakes
(`Spec.mistakes`) are evaluated on torch tensors too: every gradient the grader computes runs
in torch, which is blocked where student code runs.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .spec import Arrays, Spec


def reference_forward(unit: Spec, inputs: Arrays, params: Arrays) -> Any:
    """The forward value only: an array (layers) or a float (losses)."""
    import torch

    with torch.no_grad():
        out = unit.forward(
            torch,
            **{k: torch.tensor(v, dtype=torch.float64) for k, v in {**inputs, **params}.items()},
        )
    return out.numpy().copy() if out.ndim else float(out)


def reference(unit: Spec, inputs: Arrays, params: Arrays, upstream: Any) -> dict[str, Any]:
    """{"out": forward value, "input": d/d(unit.wrt), <param>: d/d(param)}.

    `upstream` is an array shaped like the output (layers) or a number (losses).
    """
    import torch

    tensors = {k: torch.tensor(v, dtype=torch.float64) for k, v in inputs.items()}
    tensors[unit.wrt].requires_grad_(True)
    weights = {
        k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in params.items()
    }
    out = unit.forward(torch, **tensors, **weights)
    grad_out = torch.as_tensor(upstream, dtype=torch.float64)
    leaves = [tensors[unit.wrt], *weights.values()]
    grads = torch.autograd.grad(out, leaves, grad_outputs=grad_out, allow_unused=True)
    result: dict[str, Any] = {
        "out": out.detach().numpy().copy() if out.ndim else float(out.detach())
    }
    for name, g, leaf in zip(["input", *weights], grads, leaves, strict=False):
        result[name] = np.zeros(tuple(leaf.shape)) if g is None else g.detach().numpy().copy()
    return result


def mistakes(unit: Spec, inputs: Arrays, params: Arrays, upstream: Any) -> dict[str, np.ndarray]:
    """{name: the wrong d(input) that mistake gives} for the unit's classic mistakes; a mistake
    that does not apply at these shapes is left out."""
    import torch

    tensors = {k: torch.tensor(v, dtype=torch.float64) for k, v in inputs.items()}
    weights = {k: torch.tensor(v, dtype=torch.float64) for k, v in params.items()}

    def vjp(grad, forward=None, **changes):
        """autograd's d<grad, forward(inputs with changes, params)>/d(unit.wrt)"""
        values = {**tensors, **changes}
        x = values[unit.wrt].detach().clone().requires_grad_(True)
        out = (forward or unit.forward)(torch, **{**values, unit.wrt: x}, **weights)
        grad_out = torch.as_tensor(grad, dtype=torch.float64)
        return torch.autograd.grad(out, x, grad_outputs=grad_out)[0]

    g = torch.as_tensor(upstream, dtype=torch.float64)
    found = {}
    for name, wrong in unit.mistakes.items():
        try:
            value = wrong(torch, vjp, tensors, weights, g)
        except (RuntimeError, ValueError, IndexError):
            continue
        found[name] = value.detach().numpy().astype(np.float64)
    return found
