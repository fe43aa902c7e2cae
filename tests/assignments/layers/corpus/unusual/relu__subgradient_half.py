"""ReLU whose backward uses the subgradient 0.5 at the kink, computed with np.heaviside."""


class ReLU:
    def __call__(self, X):
        self.X = X
        return X * (X > 0)

    def bp_input(self, grad):
        return grad * np.heaviside(self.X, 0.5)

    def bp_param(self, grad):
        return {}
