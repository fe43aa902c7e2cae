"""Sequential.backward computes Linear and ReLU gradients itself instead of asking its layers."""
# expect: Sequential.backward
# ruff: noqa: F821, F841, B905, SIM, UP


class Sequential(Sequential):
    def __call__(self, X):
        self.inputs = []
        for layer in self.layers:
            self.inputs.append(X)
            X = layer(X)
        return X

    def backward(self, grad):
        grads = [{} for _ in self.layers]
        for i in reversed(range(len(self.layers))):
            layer, X = self.layers[i], self.inputs[i]
            if hasattr(layer, "W"):
                grads[i] = {"W": X.T @ grad, "b": grad.sum(axis=0)}
                grad = grad @ layer.W.T
            else:
                grad = grad * (X > 0)
        self.grads = grads
        return grad
