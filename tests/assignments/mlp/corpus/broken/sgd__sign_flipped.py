"""SGD.step moves the parameters up the gradient."""
# expect: sign flipped
# ruff: noqa: F821, F841, B905, SIM, UP


class SGD(SGD):
    def step(self):
        for i, (layer, grads) in enumerate(zip(self.network.layers, self.network.grads)):
            for name, grad in grads.items():
                v = self.momentum * self.velocity.get((i, name), 0.0) + grad
                self.velocity[(i, name)] = v
                setattr(layer, name, getattr(layer, name) + self.lr * v)
