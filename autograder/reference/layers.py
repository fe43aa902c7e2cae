"""Assignment 1's layers and losses, correct and plain (the contract in ../shared/DESIGN.md).

Layer: ``layer(X) -> Y`` caches what the backward pass needs; ``bp_input(grad) -> dX``;
``bp_param(grad) -> {attribute name: gradient}``. Loss: ``loss(prediction, target) -> float``
(mean over the batch); ``bp_input(grad=1.0) -> d(grad * L)/d(prediction)``. Nothing is
modified in place; parameters are read from the attributes at every call.
"""

from __future__ import annotations

import numpy as np


class Linear:
    """Y = X @ W + b, with W (in, out) and b (out,).

    ``rng`` (optional, not part of the contract) seeds the initial weights, drawn like
    torch's default: uniform in +-1/sqrt(in_features).
    """

    def __init__(self, in_features, out_features, rng=None):
        rng = np.random.default_rng(rng)
        bound = 1.0 / np.sqrt(in_features)
        self.W = rng.uniform(-bound, bound, (in_features, out_features))
        self.b = rng.uniform(-bound, bound, out_features)

    def __call__(self, X):
        self.X = X
        return X @ self.W + self.b

    def bp_input(self, grad):
        return grad @ self.W.T

    def bp_param(self, grad):
        return {"W": self.X.T @ grad, "b": grad.sum(axis=0)}


class ReLU:
    def __call__(self, X):
        self.X = X
        return np.maximum(X, 0)

    def bp_input(self, grad):
        return np.where(self.X > 0, grad, 0.0)

    def bp_param(self, grad):
        return {}


class Sigmoid:
    def __call__(self, X):
        self.Y = 1.0 / (1.0 + np.exp(-X))
        return self.Y

    def bp_input(self, grad):
        return grad * self.Y * (1.0 - self.Y)

    def bp_param(self, grad):
        return {}


class Tanh:
    def __call__(self, X):
        self.Y = np.tanh(X)
        return self.Y

    def bp_input(self, grad):
        return grad * (1.0 - self.Y**2)

    def bp_param(self, grad):
        return {}


class Softmax:
    def __call__(self, X):
        e = np.exp(X - X.max(axis=1, keepdims=True))
        self.Y = e / e.sum(axis=1, keepdims=True)
        return self.Y

    def bp_input(self, grad):
        return self.Y * (grad - (grad * self.Y).sum(axis=1, keepdims=True))

    def bp_param(self, grad):
        return {}


class MSELoss:
    def __call__(self, prediction, target):
        self.diff = prediction - target
        return float(np.mean(self.diff**2))

    def bp_input(self, grad=1.0):
        return grad * 2.0 * self.diff / self.diff.size


class CrossEntropyLoss:
    def __call__(self, prediction, target):
        self.p, self.y = prediction, target
        return float(-np.sum(target * np.log(prediction)) / len(prediction))

    def bp_input(self, grad=1.0):
        return -grad * self.y / self.p / len(self.p)


class SoftmaxCrossEntropyLoss:
    def __call__(self, prediction, target):
        shifted = prediction - prediction.max(axis=1, keepdims=True)
        log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        self.p, self.y = np.exp(log_p), target
        return float(-np.sum(target * log_p) / len(prediction))

    def bp_input(self, grad=1.0):
        return grad * (self.p - self.y) / len(self.p)
