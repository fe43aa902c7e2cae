"""SGD keying the velocity by id(param): each update makes a new array, so it seldom carries over."""
# expect: -
# ruff: noqa: F821, F841, B905, SIM, UP


class SGD:
    def __init__(self, network, lr, momentum=0.0):
        self.network, self.lr, self.momentum = network, lr, momentum
        self.velocity = {}

    def step(self):
        for layer, grads in zip(self.network.layers, self.network.grads):
            for name, g in grads.items():
                param = getattr(layer, name)
                v = self.momentum * self.velocity.get(id(param), 0.0) + g
                self.velocity[id(param)] = v
                setattr(layer, name, param - self.lr * v)
