"""Tanh.bp_input uses 1 - x**2 on the input instead of 1 - tanh(x)**2."""
# expect: 1 - x**2 on the input


class Tanh(Tanh):
    def __call__(self, X):
        self.X = X
        return super().__call__(X)

    def bp_input(self, grad):
        return grad * (1 - self.X**2)
