"""The wrong gradients of assignment 5's classic mistakes, computed with torch autograd.

`mistakes` of d(input) are assignment 1's (`checks._torch_ref.mistakes`, from `Spec.mistakes`);
here are those of `bp_param` (`contract.PARAM_MISTAKES`) and those of max-pooling on inputs
with ties (`contract.TIE_MISTAKES`). Every gradient the grader computes runs in torch, which is
blocked where student code runs.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ...toolkit.spec import Arrays, Spec
from ...toolkit.torch_ref import mistakes as input_mistakes
from .contract import PARAM_MISTAKES, TIE_MISTAKES


def param_mistakes(
    spec: Spec, inputs: Arrays, params: Arrays, upstream: np.ndarray, name: str
) -> dict[str, np.ndarray]:
    """{mistake: the wrong d(name) it gives} for parameter `name`; a mistake that does not apply
    at these shapes is left out."""
    import torch

    tensors = {k: torch.tensor(v, dtype=torch.float64) for k, v in inputs.items()}
    weights = {k: torch.tensor(v, dtype=torch.float64) for k, v in params.items()}

    def vjp_param(grad, param: str, forward=None, **changes):
        """autograd's d<grad, forward(inputs, params with changes)>/d(param)"""
        values = {**tensors, **weights, **changes}
        leaf = values[param].detach().clone().requires_grad_(True)
        out = (forward or spec.forward)(torch, **{**values, param: leaf})
        return torch.autograd.grad(out, leaf, grad_outputs=grad)[0]

    g = torch.as_tensor(upstream, dtype=torch.float64)
    found = {}
    for label, wrong in PARAM_MISTAKES.get(spec.name, {}).get(name, {}).items():
        try:
            value = wrong(torch, vjp_param, tensors, weights, g)
        except (RuntimeError, ValueError, IndexError):
            continue
        found[label] = value.detach().numpy().astype(np.float64)
    return found


def tie_mistakes(spec: Spec, inputs: Arrays, upstream: Any) -> dict[str, np.ndarray]:
    """The wrong d(input) of max-pooling on an input with ties."""
    from dataclasses import replace

    return input_mistakes(replace(spec, mistakes=TIE_MISTAKES), inputs, {}, upstream)
