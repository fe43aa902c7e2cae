"""SGD.step ignores the momentum (no velocity kept)."""
# expect: ignored the momentum
# ruff: noqa: F821, F841, B905, SIM, UP


class SGD(SGD):
    def step(self):
        for layer, grads in zip(self.network.layers, self.network.grads):
            for name, grad in grads.items():
                setattr(layer, name, getattr(layer, name) - self.lr * grad)
