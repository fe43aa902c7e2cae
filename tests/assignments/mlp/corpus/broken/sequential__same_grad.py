"""Sequential.backward gives every layer the network's upstream gradient."""
# expect: -
# ruff: noqa: F821, F841, B905, SIM, UP


class Sequential(Sequential):
    def backward(self, grad):
        grads = [{} for _ in self.layers]
        dx = grad
        for i in reversed(range(len(self.layers))):
            grads[i] = self.layers[i].bp_param(grad)
            dx = self.layers[i].bp_input(grad)
        self.grads = grads
        return dx
