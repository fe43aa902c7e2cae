"""MaxPool2d caches its input only on the first forward call."""
# expect: used the input of the first forward call


class MaxPool2d(MaxPool2d):
    def __call__(self, X):
        if not hasattr(self, "X"):
            self.X = X
        return windows(X, self.kernel_size, self.stride).max(axis=(4, 5))
