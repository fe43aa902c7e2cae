"""The student-facing contract of assignment 4 (04_norm), in assignment 1's style.

- ``BatchNorm1d(num_features, eps=1e-5, momentum=0.1)``: parameters ``gamma`` (F,) and
  ``beta`` (F,); buffers ``running_mean`` and ``running_var`` (F,); attribute ``training``,
  True by default. Training forward: the batch mean and the biased batch variance, normalise,
  scale and shift, and update the running statistics as ``torch.nn.BatchNorm1d`` does
  (``running = (1 - momentum) * running + momentum * batch``, the unbiased batch variance in
  ``running_var``). Eval forward: the running statistics. ``bp_input(grad)`` and
  ``bp_param(grad) -> {"gamma", "beta"}`` are for the most recent forward, in both modes.
- ``LayerNorm(num_features, eps=1e-5)``: parameters ``gamma``, ``beta`` (F,); normalises each
  row over its F features (biased variance); ``bp_input``, ``bp_param`` as above.
- ``Dropout(p)``: inverted dropout with attribute ``training``. In training the forward draws
  its keep-mask from ``self.rng`` (a ``numpy.random.Generator`` the grader assigns) as
  ``self.rng.random(X.shape) >= p`` and scales the kept values by ``1 / (1 - p)``; in eval it
  is the identity. ``bp_input`` uses the mask of the most recent forward; ``bp_param`` returns
  ``{}``.

The house rules of assignment 1 hold: no in-place writes, parameters (and buffers) read from
the attributes the grader assigns, plain numpy.

Each class is an assignment-1 `Spec` (its torch forward is the reference autograd
differentiates). The mode-dependent state (eval mode, the running statistics it uses,
Dropout's generator) is set by `_modes`, which closes these forwards over it. The classic
mistakes are written as torch changes of autograd's vjp -- a forward with the mean or the
variance detached, another normalisation axis, another mask -- never as the answer's formula.
This module does not import torch (the forwards receive it as ``t``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ...toolkit.spec import Arrays, Spec

#: the eps of every check (the constructors' default)
EPS = 1e-5
#: Dropout's p in the main checks (the mask-and-scaling check adds 0 and `P_HIGH`)
P = 0.3
#: p close to 1: one value in ten is kept, scaled by 10
P_HIGH = 0.9


def _sample_norm(rng: np.random.Generator, shape: tuple[int, ...]) -> tuple[Arrays, Arrays]:
    n, f = shape[0], shape[1]
    # features on different scales and offsets, so a wrong axis or statistic shows
    X = rng.standard_normal((n, f)) * rng.uniform(0.5, 3.0, f) + rng.uniform(-2.0, 2.0, f)
    return {"X": X}, {"gamma": rng.uniform(0.5, 2.0, f), "beta": rng.standard_normal(f)}


def _sample_batch_norm(rng: np.random.Generator, shape: tuple[int, ...]) -> tuple[Arrays, Arrays]:
    inputs, params = _sample_norm(rng, shape)
    if shape[0] == 2:
        # A batch of 2: x1 - mean = -(x2 - mean) = d, so xhat**2 = d**2 / (d**2 + eps) and dX
        # carries the factor eps / (d**2 + eps). Differences d of about sqrt(eps) keep it of
        # order 1 (where d >> sqrt(eps) dX is ~0 and any tiny answer would pass).
        f = shape[1]
        d = np.sqrt(EPS) * rng.uniform(0.3, 3.0, f) * rng.choice([-1.0, 1.0], f)
        centre = rng.uniform(-0.01, 0.01, f)
        inputs = {"X": np.stack([centre + d, centre - d])}
    return inputs, params


def _sample_x(rng: np.random.Generator, shape: tuple[int, ...]) -> tuple[Arrays, Arrays]:
    return {"X": rng.standard_normal((shape[0], shape[1]))}, {}


def normalise(t, X, mean, var, gamma, beta):
    return (X - mean) / t.sqrt(var + EPS) * gamma + beta


def statistics(X, axis: int, *, unbiased: bool = False, keep_mean=True, keep_var=True):
    """The mean and the variance of X over `axis`; a dropped dependence is detached."""
    n = X.shape[axis]
    mean = X.mean(axis, keepdim=True)
    var = ((X - mean) ** 2).sum(axis, keepdim=True) / (n - 1 if unbiased else n)
    return (mean if keep_mean else mean.detach()), (var if keep_var else var.detach())


def batch_norm(t, X, gamma, beta, **how):
    mean, var = statistics(X, 0, **how)
    return normalise(t, X, mean, var, gamma, beta)


def layer_norm(t, X, gamma, beta, **how):
    mean, var = statistics(X, 1, **how)
    return normalise(t, X, mean, var, gamma, beta)


def _changed(norm, **how):
    """A mistake: autograd's d(input) of the forward `norm` changed by `how`."""
    return lambda t, vjp, i, p, g: vjp(
        g, forward=lambda t, X, gamma, beta: norm(t, X, gamma, beta, **how)
    )


def _normalisation_mistakes(norm, other, other_axis: str) -> dict[str, Any]:
    return {
        "treated the mean as a constant: the path through the mean is missing": _changed(
            norm, keep_mean=False
        ),
        "dropped the variance's dependence on the input: the path through the variance is "
        "missing": _changed(norm, keep_var=False),
        "treated the mean and the variance as constants: only the direct path, "
        "grad * gamma / std": _changed(norm, keep_mean=False, keep_var=False),
        "used the unbiased variance (divided by N - 1) where the contract's statistics are "
        "biased (divided by N)": _changed(norm, unbiased=True),
        f"normalised over the wrong axis ({other_axis})": lambda t, vjp, i, p, g: vjp(
            g, forward=other
        ),
    }


def rows_instead_of_columns(t, X, gamma, beta, norm):
    """dgamma / dbeta reduced over axis 1: the gradients of a gamma and beta per row."""
    n = X.shape[0]
    g_rows = t.ones(n, dtype=X.dtype, requires_grad=True)
    b_rows = t.zeros(n, dtype=X.dtype, requires_grad=True)
    ones = t.ones_like(gamma)
    zeros = t.zeros_like(beta)
    out = norm(t, X, ones, zeros) * g_rows[:, None] + b_rows[:, None]
    return out, {"gamma": g_rows, "beta": b_rows}


WRONG_AXIS = "reduced over the wrong axis (axis 1, the features) instead of the batch axis 0"


def _normalisation(name: str, shapes, norm, other, other_axis: str, sample) -> Spec:
    return Spec(
        name=name,
        kind="layer",
        params=("gamma", "beta"),
        ctor=lambda s: (s[1],),
        shapes=shapes,
        sample=sample,
        forward=norm,
        mistakes=_normalisation_mistakes(norm, other, other_axis),
    )


SPECS: tuple[Spec, ...] = (
    # (batch, features, features): F != N, a batch of 2 (BatchNorm) or 1 (LayerNorm), and
    # F == N, where a wrong axis keeps the shape and shows in the values
    _normalisation(
        "BatchNorm1d",
        ((6, 4, 4), (2, 5, 5), (4, 4, 4)),
        batch_norm,
        layer_norm,
        "axis 1, the features: a LayerNorm",
        _sample_batch_norm,
    ),
    _normalisation(
        "LayerNorm",
        ((5, 4, 4), (1, 6, 6), (3, 3, 3)),
        layer_norm,
        batch_norm,
        "axis 0, the batch: a BatchNorm",
        _sample_norm,
    ),
    Spec(
        name="Dropout",
        kind="layer",
        params=(),
        ctor=lambda s: (P,),
        shapes=((6, 5, 5), (1, 7, 7)),
        sample=_sample_x,
        # replaced by `_modes`, which knows the mask the grader's generator draws
        forward=lambda t, X: X,
    ),
)

BY_NAME: dict[str, Spec] = {s.name: s for s in SPECS}
UNITS = SPECS
