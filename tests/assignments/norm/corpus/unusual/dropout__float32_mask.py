"""Dropout with a float32 mask that carries the scale, and an eval mask of ones."""


class Dropout(Dropout):
    def __call__(self, X):
        if not self.training:
            self.mask = np.ones(X.shape, dtype=np.float32)
            return X
        keep = self.rng.random(X.shape) >= self.p
        self.mask = keep.astype(np.float32) * np.float32(1.0 / (1.0 - self.p))
        return X * self.mask

    def bp_input(self, grad):
        return grad * self.mask
