"""SGD with the velocity holding -lr * (...) and in-place parameter updates, keyed by id(layer)."""
# ruff: noqa: F821, F841, B905, SIM, UP


class SGD:
    def __init__(self, network, lr, momentum=0.0):
        self.network, self.lr, self.mu = network, lr, momentum
        self.v = {}

    def step(self):
        for layer, grads in zip(self.network.layers, self.network.grads):
            for name, g in grads.items():
                key = (id(layer), name)
                self.v[key] = self.mu * self.v.get(key, np.zeros_like(g)) - self.lr * g
                param = getattr(layer, name)
                param += self.v[key]
