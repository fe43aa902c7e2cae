"""SGD keeps the network's grads list from construction: later steps reuse stale gradients."""
# expect: earlier step
# ruff: noqa: F821, F841, B905, SIM, UP


class SGD(SGD):
    def __init__(self, network, lr, momentum=0.0):
        super().__init__(network, lr, momentum)
        self.grads = network.grads

    def step(self):
        for i, (layer, grads) in enumerate(zip(self.network.layers, self.grads)):
            for name, grad in grads.items():
                v = self.momentum * self.velocity.get((i, name), 0.0) + grad
                self.velocity[(i, name)] = v
                setattr(layer, name, getattr(layer, name) - self.lr * v)
