"""Sequential.backward appends the grads while walking backwards and never reverses them."""
# expect: reverse order
# ruff: noqa: F821, F841, B905, SIM, UP


class Sequential(Sequential):
    def backward(self, grad):
        self.grads = []
        for layer in reversed(self.layers):
            self.grads.append(layer.bp_param(grad))
            grad = layer.bp_input(grad)
        return grad
