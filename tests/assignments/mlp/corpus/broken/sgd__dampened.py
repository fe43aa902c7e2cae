"""SGD.step keeps an exponential moving average of the gradients instead of a velocity."""
# expect: dampened
# ruff: noqa: F821, F841, B905, SIM, UP


class SGD(SGD):
    def step(self):
        for i, (layer, grads) in enumerate(zip(self.network.layers, self.network.grads)):
            for name, grad in grads.items():
                v = self.momentum * self.velocity.get((i, name), 0.0) + (1 - self.momentum) * grad
                self.velocity[(i, name)] = v
                setattr(layer, name, getattr(layer, name) - self.lr * v)
