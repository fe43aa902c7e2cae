"""Linear.bp_input ignores the upstream gradient and back-propagates a gradient of ones."""
# expect: ignored the upstream


class Linear(Linear):
    def bp_input(self, grad):
        return np.ones_like(grad) @ self.W.T
