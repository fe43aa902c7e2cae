"""Sigmoid that copies every argument and every returned array, and computes s via tanh."""


class Sigmoid:
    def __call__(self, X):
        X = np.array(X, copy=True)
        self.X = X.copy()
        self.s = 0.5 * (1.0 + np.tanh(0.5 * X))
        return self.s.copy()

    def bp_input(self, grad):
        grad = np.array(grad, copy=True)
        s = self.s.copy()
        return (grad * s * (1.0 - s)).copy()

    def bp_param(self, grad):
        return {}
