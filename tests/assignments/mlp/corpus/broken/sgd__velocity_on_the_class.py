"""SGD keeping its velocities in a class attribute, so a new optimiser inherits the old one's."""
# expect: a new SGD started with the previous optimiser's velocity
# ruff: noqa: F821, F841, B905, SIM, UP


class SGD:
    velocity = {}

    def __init__(self, network, lr, momentum=0.0):
        self.network, self.lr, self.momentum = network, lr, momentum

    def step(self):
        for i, (layer, grads) in enumerate(zip(self.network.layers, self.network.grads)):
            for name, g in grads.items():
                key = (id(layer), name)
                v = self.momentum * SGD.velocity.get(key, 0.0) + g
                SGD.velocity[key] = v
                setattr(layer, name, getattr(layer, name) - self.lr * v)
