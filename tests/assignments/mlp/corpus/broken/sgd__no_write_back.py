"""SGD.step computes the new parameters but never stores them on the layer."""
# expect: changed no parameter
# ruff: noqa: F821, F841, B905, SIM, UP


class SGD(SGD):
    def step(self):
        for layer, grads in zip(self.network.layers, self.network.grads):
            for name, grad in grads.items():
                param = getattr(layer, name)
                param = param - self.lr * grad  # noqa: F841
