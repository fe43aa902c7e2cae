"""Flatten keeps the input and returns a copy reshaped with np.reshape."""


class Flatten(Flatten):
    def __call__(self, X):
        self.X = X
        return np.reshape(X, (X.shape[0], -1))

    def bp_input(self, grad):
        return np.reshape(np.array(grad, copy=True), self.X.shape)
