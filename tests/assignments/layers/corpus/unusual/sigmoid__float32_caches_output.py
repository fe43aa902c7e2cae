"""Sigmoid in float32, caching a defensive copy of its output rather than its input."""


class Sigmoid(Sigmoid):
    def __call__(self, X):
        out = 1.0 / (1.0 + np.exp(-X.astype(np.float32)))
        self.s = out.copy()
        return out

    def bp_input(self, grad):
        s = self.s.copy()
        return grad.astype(np.float32) * s * (1.0 - s)
