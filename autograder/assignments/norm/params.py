"""bp_param against torch autograd, naming the classic mistakes of dgamma and dbeta.

Assignment 1's `checks.reference.check_bp_param` with one addition: the `NormSpec`'s named
bp_param mistakes (reduced over the wrong axis; eval mode computed with the batch
statistics), each the gradient torch autograd gives for a changed forward. A mistake is named
only when the student's values match it; with F != N the wrong axis also has the wrong shape,
and is named when the values of that shape match.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ...errors import ShapeMismatch
from ...toolkit.compare import Every, assert_close
from ...toolkit.diagnose import values_match
from ...toolkit.drive import Ctx, batch_of, bp_param, build, forward, upstream_for
from ...toolkit.reference import IGNORED_UPSTREAM
from ...toolkit.torch_ref import reference


def param_mistakes(spec: Any, inputs: dict, params: dict, upstream: np.ndarray) -> dict:
    """{param: {mistake: its wrong gradient}} for the spec's bp_param mistakes (torch)."""
    import torch

    X = torch.tensor(inputs["X"], dtype=torch.float64)
    g = torch.tensor(upstream, dtype=torch.float64)
    out: dict[str, dict[str, np.ndarray]] = {name: {} for name in params}
    for name, wrong in getattr(spec, "param_mistakes", {}).items():
        weights = {
            k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in params.items()
        }
        value, leaves = wrong(torch, X, weights["gamma"], weights["beta"])
        leaves = leaves or weights
        keys = list(leaves)
        grads = torch.autograd.grad(value, [leaves[k] for k in keys], grad_outputs=g)
        for k, grad in zip(keys, grads, strict=True):
            out[k][name] = grad.detach().numpy().copy()
    return out


def compare(where: str, expected, got, *, ctx: Ctx, batch: int, alternatives: dict) -> None:
    """`assert_close`, naming a mistake whose values match a `got` of another shape too."""
    g = np.asarray(got, dtype=np.float64)
    if g.shape != np.shape(expected):
        for name, value in alternatives.items():
            if np.shape(value) == g.shape and np.all(np.isfinite(g)) and values_match(g, value):
                raise ShapeMismatch(
                    f"{where} returned shape {g.shape}, expected {np.shape(expected)}. "
                    f"Likely mistake: {name}."
                )
    assert_close(where, expected, g, reveal=ctx.reveal, batch=batch, alternatives=alternatives)


def check_bp_param(ctx: Ctx) -> None:
    spec = ctx.unit
    for shape in spec.shapes:
        inputs, params = spec.sample(ctx.rng, shape)
        subject = build(ctx, shape, params)
        out = forward(ctx, subject, inputs)
        upstream = upstream_for(ctx, np.shape(out))
        ref = reference(spec, inputs, params, upstream)
        ref_ones = reference(spec, inputs, params, np.ones(np.shape(out)))
        mistakes = param_mistakes(spec, inputs, params, upstream)
        got = bp_param(ctx, subject, upstream, params)
        every = Every()
        batch = batch_of(inputs)
        for name in params:
            alternatives = {**mistakes[name], IGNORED_UPSTREAM: ref_ones[name]}
            with every:
                where = f"{spec.name}.bp_param[{name!r}]"
                compare(
                    where, ref[name], got[name], ctx=ctx, batch=batch, alternatives=alternatives
                )
        every.raise_any()
