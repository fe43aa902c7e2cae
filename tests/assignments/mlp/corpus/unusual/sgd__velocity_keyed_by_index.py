"""SGD with velocities in a list of dicts indexed by layer, parameters updated in place."""
# ruff: noqa: F821, F841, B905, SIM, UP


class SGD:
    def __init__(self, network, lr, momentum=0.0):
        self.network, self.lr, self.momentum = network, lr, momentum
        self.velocity = [dict() for _ in network.layers]

    def step(self):
        for i in range(len(self.network.layers)):
            layer, grads = self.network.layers[i], self.network.grads[i]
            for name in grads:
                v = self.velocity[i].setdefault(name, np.zeros_like(grads[name]))
                v *= self.momentum
                v += grads[name]
                getattr(layer, name)[...] -= self.lr * v
