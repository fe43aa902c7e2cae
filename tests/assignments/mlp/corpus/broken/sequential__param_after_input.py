"""Sequential.backward calls bp_input before bp_param, so bp_param gets the wrong gradient."""
# expect: -
# ruff: noqa: F821, F841, B905, SIM, UP


class Sequential(Sequential):
    def backward(self, grad):
        grads = [{} for _ in self.layers]
        for i in reversed(range(len(self.layers))):
            grad = self.layers[i].bp_input(grad)
            grads[i] = self.layers[i].bp_param(grad)
        self.grads = grads
        return grad
