"""Sequential that calls bp_param only for its own Linear layers (isinstance dispatch)."""
# ruff: noqa: F821, F841, B905, SIM, UP


class Sequential:
    def __init__(self, layers):
        self.layers = layers

    def __call__(self, X):
        for layer in self.layers:
            X = layer(X)
        return X

    def backward(self, grad):
        self.grads = []
        for layer in self.layers[::-1]:
            self.grads.insert(0, layer.bp_param(grad) if isinstance(layer, Linear) else {})
            grad = layer.bp_input(grad)
        return grad
