"""A plain, correct implementation of the assignment-4 contract.

The corpus tests append one broken (or unusually written) class to this file and grade the
result, so each corpus entry changes exactly one class.
"""

import numpy as np


class BatchNorm1d:
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        self.eps, self.momentum = eps, momentum
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)
        self.training = True

    def __call__(self, X):
        if self.training:
            n = X.shape[0]
            mean = X.mean(axis=0)
            var = X.var(axis=0)
            m = self.momentum
            self.running_mean = (1 - m) * self.running_mean + m * mean
            self.running_var = (1 - m) * self.running_var + m * var * n / (n - 1)
        else:
            mean, var = self.running_mean, self.running_var
        self.std = np.sqrt(var + self.eps)
        self.xhat = (X - mean) / self.std
        self.batch_statistics = self.training
        return self.xhat * self.gamma + self.beta

    def bp_input(self, grad):
        g = grad * self.gamma
        if not self.batch_statistics:
            return g / self.std
        return (g - g.mean(axis=0) - self.xhat * (g * self.xhat).mean(axis=0)) / self.std

    def bp_param(self, grad):
        return {"gamma": (grad * self.xhat).sum(axis=0), "beta": grad.sum(axis=0)}


class LayerNorm:
    def __init__(self, num_features, eps=1e-5):
        self.eps = eps
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)

    def __call__(self, X):
        mean = X.mean(axis=1, keepdims=True)
        var = X.var(axis=1, keepdims=True)
        self.std = np.sqrt(var + self.eps)
        self.xhat = (X - mean) / self.std
        return self.xhat * self.gamma + self.beta

    def bp_input(self, grad):
        g = grad * self.gamma
        return (
            g
            - g.mean(axis=1, keepdims=True)
            - self.xhat * (g * self.xhat).mean(axis=1, keepdims=True)
        ) / self.std

    def bp_param(self, grad):
        return {"gamma": (grad * self.xhat).sum(axis=0), "beta": grad.sum(axis=0)}


class Dropout:
    def __init__(self, p):
        self.p = p
        self.training = True
        self.rng = np.random.default_rng()

    def __call__(self, X):
        if not self.training:
            self.mask = np.ones_like(X)
            return X
        self.mask = (self.rng.random(X.shape) >= self.p) / (1 - self.p)
        return X * self.mask

    def bp_input(self, grad):
        return grad * self.mask

    def bp_param(self, grad):
        return {}
