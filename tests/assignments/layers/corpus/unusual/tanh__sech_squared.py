"""Tanh that stores the input and differentiates as 1 / cosh(x)**2."""


class Tanh:
    def __call__(self, X):
        self.X = X
        return np.tanh(X)

    def bp_input(self, grad):
        return grad / np.cosh(self.X) ** 2

    def bp_param(self, grad):
        return {}
