"""ReLU.__call__ zeroes the negative entries of its input in place (X[X < 0] = 0)."""
# expect: in place


class ReLU(ReLU):
    def __call__(self, X):
        X[X < 0] = 0
        self.X = X
        return X
