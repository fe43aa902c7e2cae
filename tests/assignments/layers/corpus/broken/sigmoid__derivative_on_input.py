"""Sigmoid.bp_input evaluates s(1 - s) on the input X instead of on the output s(X)."""
# expect: x(1 - x) on the input


class Sigmoid(Sigmoid):
    def __call__(self, X):
        self.X = X
        return super().__call__(X)

    def bp_input(self, grad):
        return grad * self.X * (1 - self.X)
