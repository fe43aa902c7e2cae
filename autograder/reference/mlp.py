"""Assignment 2's reference pieces, correct and plain: the contract of `autograder.mlp.contract`.

The grader runs these next to a student's code (a student's `SGD` steps a reference
`Sequential`, a student's `train_step` drives reference layers, ...) so that each check
grades one piece, and swaps them in for a student's classes to tell which one breaks the
end-to-end training. The benchmark (benchmarks/train_mlp.py) times them against torch.
Assignment 2 gives no credit for importing them.
"""

from __future__ import annotations

import numpy as np


class Sequential:
    """A chain of layers: the output of each is the input of the next."""

    def __init__(self, layers):
        self.layers = list(layers)
        self.grads = [{} for _ in self.layers]

    def __call__(self, X):
        for layer in self.layers:
            X = layer(X)
        return X

    def backward(self, grad):
        grads = [{} for _ in self.layers]
        for i in reversed(range(len(self.layers))):
            layer = self.layers[i]
            grads[i] = layer.bp_param(grad)  # needs dL/d(output of layer i): take it first
            grad = layer.bp_input(grad)  # dL/d(input of layer i) = dL/d(output of layer i-1)
        self.grads = grads
        return grad


class SGD:
    """Gradient descent with (heavy-ball) momentum, as torch.optim.SGD without dampening."""

    def __init__(self, network, lr, momentum=0.0):
        self.network = network
        self.lr = lr
        self.momentum = momentum
        self.velocity = {}  # (layer index, parameter name) -> array

    def step(self):
        pairs = zip(self.network.layers, self.network.grads, strict=True)
        for i, (layer, grads) in enumerate(pairs):
            for name, grad in grads.items():
                v = self.velocity.get((i, name), 0.0)
                v = self.momentum * v + grad
                self.velocity[(i, name)] = v
                setattr(layer, name, getattr(layer, name) - self.lr * v)


def minibatches(X, y, batch_size, rng):
    """One epoch of shuffled minibatches; the last one is smaller when N % batch_size != 0."""
    rng = np.random.default_rng(rng)
    order = rng.permutation(len(X))
    for start in range(0, len(X), batch_size):
        index = order[start : start + batch_size]
        yield X[index], y[index]


def evaluate(network, X, y, batch_size=1000):
    """The fraction of rows of X whose highest score is the label y."""
    correct = 0
    for start in range(0, len(X), batch_size):
        scores = network(X[start : start + batch_size])
        correct += int(np.sum(np.argmax(scores, axis=1) == y[start : start + batch_size]))
    return correct / len(X)


def train_step(network, loss, optimizer, X, Y):
    """One step of minibatch gradient descent; returns the batch's loss before the update."""
    value = loss(network(X), Y)
    network.backward(loss.bp_input())
    optimizer.step()
    return value
