"""The student-facing contract of assignment 1, in one place.

Each `Spec` says what a class is called, how the grader builds it, which attributes are its
trainable parameters, how to draw valid inputs, and what its forward pass computes, written
once for torch tensors (the reference the checks differentiate with autograd). It also names
classic mistakes as the wrong gradient they would produce, so a failing check can say which
one the student most likely made.

This module does not import torch: the reference functions receive the torch module as ``t``.
The mistakes run on torch tensors too, like the forwards, and receive ``vjp``, torch
autograd's vector-Jacobian product of a forward: a mistake that is one step from an answer
(minus it, a multiple of it, another class's answer) is written as a change of what autograd
gives, never as the answer's formula. Students install this package: nothing here computes a
gradient without torch, which is blocked where student code is graded.

Precision at the edges (what the contract requires, and the checks test):

- Values are compared with float64 torch autograd to a relative 1e-5 of the largest expected
  element (`checks._compare.RTOL`). Code computed entirely in float32 meets that (its rounding,
  ~1e-7 relative per operation, stays far below) and passes; its finite-difference checks use
  a step of 1e-2 and a tolerance of 2e-3 (`checks.finite_diff.H32, TOL32`), chosen when every
  value its forward returns is a float32 number. A wrong formula is far outside both.
- SoftmaxCrossEntropyLoss takes any finite logits. At logits of +-1000 the loss must be right
  for *every* target class, also one whose softmax probability underflows to 0 in float64
  (the loss there is about 1000 or 2000, not inf, nan or -log(eps)): compute the log-softmax
  z - max(z) - log(sum(exp(z - max(z)))), never log(softmax(z)) or log(p + eps).
- Softmax takes any finite logits; at +-1000 its output and bp_input must be finite and right.
- CrossEntropyLoss takes probabilities in [P_MIN, 1] (P_MIN = 1e-6): an exact 0 is outside the
  contract (-y log p is inf or nan there by definition, in torch too). Loss and gradient must be
  right down to P_MIN on the target class, so np.log(np.clip(p, eps, 1)) with eps <= 1e-7, or
  log(p + 1e-15), is within precision, and clipping at 1e-5 or an eps of 1e-7 is not.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ...toolkit.spec import Arrays, Spec


def _away_from_zero(z: np.ndarray) -> np.ndarray:
    # keep |x| >= 0.1 so finite differences never straddle a kink
    return np.sign(z) * (0.1 + np.abs(z)) + (z == 0) * 0.5


def _one_hot(rng: np.random.Generator, n: int, c: int) -> np.ndarray:
    y = np.zeros((n, c))
    y[np.arange(n), rng.integers(0, c, size=n)] = 1.0
    return y


def _elementwise(sample_fn: Callable[[np.ndarray], np.ndarray]):
    def sample(rng: np.random.Generator, shape: tuple[int, ...]) -> tuple[Arrays, Arrays]:
        n, d = shape[0], shape[1]
        return {"X": sample_fn(rng.standard_normal((n, d)))}, {}

    return sample


def _sample_linear(rng: np.random.Generator, shape: tuple[int, ...]) -> tuple[Arrays, Arrays]:
    n, d_in, d_out = shape
    X = rng.standard_normal((n, d_in))
    return {"X": X}, {"W": rng.standard_normal((d_in, d_out)), "b": rng.standard_normal(d_out)}


def _sample_mse(rng: np.random.Generator, shape: tuple[int, ...]) -> tuple[Arrays, Arrays]:
    return {"prediction": rng.standard_normal(shape), "target": rng.standard_normal(shape)}, {}


def _sample_probabilities(
    rng: np.random.Generator, shape: tuple[int, ...]
) -> tuple[Arrays, Arrays]:
    n, c = shape
    e = np.exp(rng.standard_normal((n, c)))  # rows of a softmax: positive, summing to 1
    return {"prediction": e / e.sum(axis=1, keepdims=True), "target": _one_hot(rng, n, c)}, {}


#: the smallest probability CrossEntropyLoss must handle exactly (see the module docstring)
P_MIN = 1e-6


def _probabilities_near_zero() -> Arrays:
    """(4, 4) rows of probabilities whose target class holds P_MIN, 1e-4, 1e-2 and 0.5."""
    rows = []
    for i, p in enumerate((P_MIN, 1e-4, 1e-2, 0.5)):
        row = np.full(4, (1.0 - p) / 3)
        row[i] = p
        rows.append(row)
    return {"prediction": np.array(rows), "target": np.eye(4)}


def _sample_logits(rng: np.random.Generator, shape: tuple[int, ...]) -> tuple[Arrays, Arrays]:
    n, c = shape
    return {"prediction": 2.0 * rng.standard_normal((n, c)), "target": _one_hot(rng, n, c)}, {}


def _softmax_cross_entropy(t, prediction, target):
    return -(target * t.log_softmax(prediction, dim=1)).sum(dim=1).mean()


def _softmax_wrong_axis(t, vjp, i: dict, p: dict, g):
    # the right answer, s * grad minus s times the class-axis sum of s * grad, with that sum
    # taken over the batch axis instead
    right = vjp(g)
    s = t.softmax(i["X"], -1)
    return right + s * ((g * s).sum(-1, keepdim=True) - (g * s).sum(0, keepdim=True))


SPECS: tuple[Spec, ...] = (
    Spec(
        name="Linear",
        kind="layer",
        params=("W", "b"),
        ctor=lambda s: (s[1], s[2]),
        # (batch, in, out): non-square, then batch size 1
        shapes=((5, 4, 3), (1, 6, 2)),
        sample=_sample_linear,
        forward=lambda t, X, W, b: X @ W + b,
        mistakes={
            # at non-square shapes these raise a numpy shape error; the checks name them only
            # after seeing the same code give these values at square shapes
            "used W instead of W.T (grad @ W)": lambda t, vjp, i, p, g: vjp(
                g, forward=lambda t, X, W, b: X @ W.T + b
            ),
            "multiplied elementwise (*) where a matrix product (@) is needed: grad * W.T": (
                lambda t, vjp, i, p, g: vjp(g, forward=lambda t, X, W, b: X * W.T + b)
            ),
            "multiplied elementwise (*) where a matrix product (@) is needed: grad * W": (
                lambda t, vjp, i, p, g: vjp(g, forward=lambda t, X, W, b: X * W + b)
            ),
        },
    ),
    Spec(
        name="ReLU",
        kind="layer",
        params=(),
        ctor=lambda s: (),
        shapes=((5, 4, 4), (1, 7, 7)),
        sample=_elementwise(_away_from_zero),
        forward=lambda t, X: t.relu(X),
        mistakes={
            # grad where X < 0 is grad minus the right answer (X is never 0 here)
            "inverted mask: passed the gradient where X < 0": lambda t, vjp, i, p, g: g - vjp(g),
            "returned the mask without multiplying by the upstream gradient": (
                lambda t, vjp, i, p, g: vjp(t.ones_like(g))
            ),
        },
        kink_at_zero=True,
    ),
    Spec(
        name="Sigmoid",
        kind="layer",
        params=(),
        ctor=lambda s: (),
        shapes=((5, 4, 4), (1, 7, 7)),
        sample=_elementwise(lambda z: z),
        forward=lambda t, X: t.sigmoid(X),
        mistakes={
            "used x(1 - x) on the input instead of s(1 - s) on the output": (
                lambda t, vjp, i, p, g: g * i["X"] * (1 - i["X"])
            ),
            "forgot the derivative: returned s(x) * grad": (
                lambda t, vjp, i, p, g: g * t.sigmoid(i["X"])
            ),
        },
    ),
    Spec(
        name="Tanh",
        kind="layer",
        params=(),
        ctor=lambda s: (),
        shapes=((5, 4, 4), (1, 7, 7)),
        sample=_elementwise(lambda z: z),
        forward=lambda t, X: t.tanh(X),
        mistakes={
            "used 1 - x**2 on the input instead of 1 - tanh(x)**2": (
                lambda t, vjp, i, p, g: g * (1 - i["X"] ** 2)
            ),
            "used 1 - tanh(x) instead of 1 - tanh(x)**2": (
                lambda t, vjp, i, p, g: g * (1 - t.tanh(i["X"]))
            ),
        },
    ),
    Spec(
        name="Softmax",
        kind="layer",
        params=(),
        ctor=lambda s: (),
        shapes=((5, 4, 4), (1, 7, 7)),
        sample=_elementwise(lambda z: 2.0 * z),
        forward=lambda t, X: t.softmax(X, dim=-1),
        mistakes={
            "kept only the diagonal of the Jacobian, p(1 - p) * grad (the -p_i p_j terms are "
            "missing)": (
                lambda t, vjp, i, p, g: g * t.softmax(i["X"], -1) * (1 - t.softmax(i["X"], -1))
            ),
            "summed over the wrong axis (the batch axis instead of the class axis)": (
                _softmax_wrong_axis
            ),
        },
        extreme_logits=True,
    ),
    Spec(
        name="MSELoss",
        kind="loss",
        params=(),
        ctor=lambda s: (),
        shapes=((6, 3), (1, 4), (3, 2, 5)),
        sample=_sample_mse,
        forward=lambda t, prediction, target: ((prediction - target) ** 2).mean(),
        wrt="prediction",
        mistakes={
            # multiples of the right answer: N elements / batch, N, -1
            "divided by the batch size only, not by the number of elements": (
                lambda t, vjp, i, p, g: vjp(g) * i["prediction"].numel() / len(i["prediction"])
            ),
            "forgot the 1/N of the mean (N = the number of elements)": (
                lambda t, vjp, i, p, g: vjp(g) * i["prediction"].numel()
            ),
            "sign flipped: used target - prediction": lambda t, vjp, i, p, g: -vjp(g),
            # d/dp of (p - y)^2 is 2 (p - y): half the right answer
            "forgot the 2 that comes from the square": lambda t, vjp, i, p, g: vjp(g) / 2,
        },
    ),
    Spec(
        name="CrossEntropyLoss",
        kind="loss",
        params=(),
        ctor=lambda s: (),
        shapes=((6, 4), (1, 5)),
        sample=_sample_probabilities,
        forward=lambda t, prediction, target: -(target * t.log(prediction)).sum(dim=1).mean(),
        wrt="prediction",
        mistakes={
            # the right gradient as if every class were the target
            "used -1/p without multiplying by the one-hot target": (
                lambda t, vjp, i, p, g: vjp(g, target=t.ones_like(i["target"]))
            ),
            # the fused loss's gradient at logits log p, whose softmax is p
            "returned p - y, the gradient of the fused softmax + cross-entropy (w.r.t. logits, "
            "not probabilities)": (
                lambda t, vjp, i, p, g: vjp(
                    g, forward=_softmax_cross_entropy, prediction=t.log(i["prediction"])
                )
            ),
        },
        edge=_probabilities_near_zero,
    ),
    Spec(
        name="SoftmaxCrossEntropyLoss",
        kind="loss",
        params=(),
        ctor=lambda s: (),
        shapes=((6, 4), (1, 5)),
        sample=_sample_logits,
        forward=_softmax_cross_entropy,
        wrt="prediction",
        mistakes={
            # the mean log-sum-exp alone: the loss without its target term
            "returned softmax(z) / N without subtracting the target": (
                lambda t, vjp, i, p, g: vjp(
                    g, forward=lambda t, prediction, target: t.logsumexp(prediction, 1).mean()
                )
            ),
        },
        extreme_logits=True,
    ),
)

BY_NAME: dict[str, Spec] = {s.name: s for s in SPECS}
