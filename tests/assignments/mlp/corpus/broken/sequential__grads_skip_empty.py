"""Sequential.backward collects grads only for layers that have parameters."""
# expect: entries for
# ruff: noqa: F821, F841, B905, SIM, UP


class Sequential(Sequential):
    def backward(self, grad):
        grads = []
        for layer in reversed(self.layers):
            g = layer.bp_param(grad)
            if g:
                grads.insert(0, g)
            grad = layer.bp_input(grad)
        self.grads = grads
        return grad
