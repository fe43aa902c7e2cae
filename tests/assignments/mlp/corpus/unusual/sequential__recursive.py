"""Sequential with a recursive backward and grads built front to back."""
# ruff: noqa: F821, F841, B905, SIM, UP
import functools


class Sequential:
    def __init__(self, layers):
        self.layers = layers
        self.grads = []

    def __call__(self, X):
        return functools.reduce(lambda h, layer: layer(h), self.layers, X)

    def _back(self, i, grad):
        if i < 0:
            return grad, []
        layer = self.layers[i]
        here = layer.bp_param(grad)
        dx, before = self._back(i - 1, layer.bp_input(grad))
        return dx, before + [here]

    def backward(self, grad):
        dx, self.grads = self._back(len(self.layers) - 1, grad)
        return dx

