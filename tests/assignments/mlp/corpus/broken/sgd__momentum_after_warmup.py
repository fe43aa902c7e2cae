"""SGD using plain gradient steps for its first 10 steps, momentum only after that."""
# expect: momentum was not applied during the first 10 steps
# ruff: noqa: F821, F841, B905, SIM, UP


class SGD:
    def __init__(self, network, lr, momentum=0.0):
        self.network, self.lr, self.momentum = network, lr, momentum
        self.velocity, self.steps = {}, 0

    def step(self):
        self.steps += 1
        mu = self.momentum if self.steps > 10 else 0.0
        for i, (layer, grads) in enumerate(zip(self.network.layers, self.network.grads)):
            for name, g in grads.items():
                v = mu * self.velocity.get((i, name), 0.0) + g
                self.velocity[(i, name)] = v
                setattr(layer, name, getattr(layer, name) - self.lr * v)
