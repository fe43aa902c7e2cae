"""Sequential.backward walks the layers with self.layers.reverse(), leaving the network reversed."""
# expect: reversed network.layers in place
# ruff: noqa: F821, F841, B905, SIM, UP


class Sequential(Sequential):
    def backward(self, grad):
        self.layers.reverse()
        grads = []
        for layer in self.layers:
            grads.append(layer.bp_param(grad))
            grad = layer.bp_input(grad)
        self.grads = grads[::-1]
        return grad
