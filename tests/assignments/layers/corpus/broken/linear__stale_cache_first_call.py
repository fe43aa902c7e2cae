"""Linear caches its input only on the first forward call, so later backward passes are stale."""
# expect: first forward call


class Linear(Linear):
    def __call__(self, X):
        if not hasattr(self, "X"):
            self.X = X
        return X @ self.W + self.b
