"""ReLU that caches only its output and derives the mask from it in the backward pass."""


class ReLU:
    def __call__(self, X):
        self.out = np.maximum(X, 0)
        return self.out

    def bp_input(self, grad):
        return grad * (self.out > 0)

    def bp_param(self, grad):
        return dict()
