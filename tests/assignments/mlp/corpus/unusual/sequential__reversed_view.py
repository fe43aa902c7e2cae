"""Sequential.backward over reversed(self.layers), grads built with insert(0, ...)."""
# ruff: noqa: F821, F841, B905, SIM, UP


class Sequential(Sequential):
    def backward(self, grad):
        grads = []
        for layer in reversed(self.layers):
            grads.insert(0, layer.bp_param(grad))
            grad = layer.bp_input(grad)
        self.grads = grads
        return grad
