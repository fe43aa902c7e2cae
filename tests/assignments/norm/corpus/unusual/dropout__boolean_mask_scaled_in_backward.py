"""Dropout keeps a boolean mask and applies the 1 / (1 - p) in each pass with np.where."""


class Dropout(Dropout):
    def __call__(self, X):
        self.keep = None
        if not self.training:
            return X
        self.keep = self.rng.random(X.shape) >= self.p
        return np.where(self.keep, X / (1 - self.p), 0.0)

    def bp_input(self, grad):
        if self.keep is None:
            return grad.copy()
        return np.where(self.keep, grad / (1 - self.p), 0.0)
