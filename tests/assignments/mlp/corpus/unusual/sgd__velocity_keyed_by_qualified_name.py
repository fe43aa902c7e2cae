"""SGD keying velocities by "layer{i}.{name}" strings, float32 throughout, defensive copies."""
# ruff: noqa: F821, F841, B905, SIM, UP


class SGD:
    def __init__(self, network, lr, momentum=0.0):
        self.network = network
        self.lr, self.momentum = np.float32(lr), np.float32(momentum)
        self.state = {}

    def step(self):
        grads = [dict(g) for g in self.network.grads]  # a copy, re-read at every step
        for i, layer in enumerate(list(self.network.layers)):
            for name, g in grads[i].items():
                key = f"layer{i}.{name}"
                g = np.array(g, dtype=np.float32)
                self.state[key] = self.momentum * self.state.get(key, np.float32(0.0)) + g
                value = np.array(getattr(layer, name), dtype=np.float32, copy=True)
                setattr(layer, name, value - self.lr * self.state[key])
