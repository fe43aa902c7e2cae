"""Sequential.backward adds to the grads of earlier backward calls (torch-style accumulation)."""
# expect: accumulated
# ruff: noqa: F821, F841, B905, SIM, UP


class Sequential(Sequential):
    def __init__(self, layers):
        super().__init__(layers)
        self.grads = None

    def backward(self, grad):
        new = [{} for _ in self.layers]
        for i in reversed(range(len(self.layers))):
            new[i] = self.layers[i].bp_param(grad)
            grad = self.layers[i].bp_input(grad)
        if self.grads is None:
            self.grads = new
        else:
            self.grads = [{k: old[k] + g[k] for k in g} for old, g in zip(self.grads, new)]
        return grad
