"""Sequential with a while loop over indices and defensive copies of every array it passes on."""
# ruff: noqa: F821, F841, B905, SIM, UP


class Sequential:
    def __init__(self, layers):
        self.layers = list(layers)
        self.grads = [{} for _ in self.layers]

    def __call__(self, X):
        out = np.array(X, copy=True)
        for layer in self.layers:
            out = np.array(layer(out), copy=True)
        return out

    def backward(self, grad):
        grad = np.array(grad, copy=True)
        i, grads = len(self.layers) - 1, [None] * len(self.layers)
        while i >= 0:
            grads[i] = {k: np.copy(v) for k, v in self.layers[i].bp_param(grad).items()}
            grad = np.array(self.layers[i].bp_input(grad), copy=True)
            i -= 1
        self.grads = grads
        return grad
