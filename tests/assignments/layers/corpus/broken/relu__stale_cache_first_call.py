"""ReLU stores its mask only on the first forward call, so later backward passes use a stale one."""
# expect: first forward call


class ReLU:
    def __init__(self):
        self.mask = None

    def __call__(self, X):
        if self.mask is None:
            self.mask = X > 0
        return np.maximum(X, 0)

    def bp_input(self, grad):
        return grad * self.mask

    def bp_param(self, grad):
        return {}
