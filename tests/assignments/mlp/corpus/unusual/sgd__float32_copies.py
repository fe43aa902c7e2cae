"""SGD keeping float32 velocities and copies of the gradients, writing float32 parameters."""
# ruff: noqa: F821, F841, B905, SIM, UP


class SGD:
    def __init__(self, network, lr, momentum=0.0):
        self.network, self.lr, self.momentum = network, np.float32(lr), np.float32(momentum)
        self.velocity = [{} for _ in network.layers]

    def step(self):
        for i, layer in enumerate(self.network.layers):
            for name, g in dict(self.network.grads[i]).items():
                g = np.array(g, dtype=np.float32, copy=True)
                v = self.momentum * self.velocity[i].get(name, np.zeros_like(g)) + g
                self.velocity[i][name] = v
                old = np.array(getattr(layer, name), dtype=np.float32)
                setattr(layer, name, old - self.lr * v)
