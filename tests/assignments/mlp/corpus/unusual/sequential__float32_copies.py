"""Sequential in float32 throughout, copying every array it is given or hands on."""
# ruff: noqa: F821, F841, B905, SIM, UP


class Sequential:
    def __init__(self, layers):
        self.layers = list(layers)
        self.grads = [{} for _ in self.layers]

    def __call__(self, X):
        X = np.array(X, dtype=np.float32, copy=True)
        for layer in self.layers:
            X = np.array(layer(X), dtype=np.float32, copy=True)
        return X

    def backward(self, grad):
        grad = np.array(grad, dtype=np.float32, copy=True)
        grads = [{} for _ in self.layers]
        for i in range(len(self.layers) - 1, -1, -1):
            found = self.layers[i].bp_param(grad.copy())
            grads[i] = {k: np.array(v, dtype=np.float32) for k, v in found.items()}
            grad = np.array(self.layers[i].bp_input(grad.copy()), dtype=np.float32)
        self.grads = grads
        return grad
