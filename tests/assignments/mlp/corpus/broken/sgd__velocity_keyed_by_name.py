"""SGD keeping one velocity per parameter name: layers[0].W and layers[2].W share it."""
# expect: keyed by the parameter's name only
# ruff: noqa: F821, F841, B905, SIM, UP


class SGD:
    def __init__(self, network, lr, momentum=0.0):
        self.network, self.lr, self.momentum = network, lr, momentum
        self.velocity = {}

    def step(self):
        for layer, grads in zip(self.network.layers, self.network.grads):
            for name, g in grads.items():
                self.velocity[name] = self.momentum * self.velocity.get(name, 0.0) + g
                setattr(layer, name, getattr(layer, name) - self.lr * self.velocity[name])
