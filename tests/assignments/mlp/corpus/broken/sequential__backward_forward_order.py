"""Sequential.backward walks the layers in forward order."""
# expect: forward order
# ruff: noqa: F821, F841, B905, SIM, UP


class Sequential(Sequential):
    def backward(self, grad):
        grads = []
        for layer in self.layers:
            grads.append(layer.bp_param(grad))
            grad = layer.bp_input(grad)
        self.grads = grads
        return grad
