"""Tanh that caches only its output and multiplies through einsum."""


class Tanh(Tanh):
    def __call__(self, X):
        self.t = np.tanh(X)
        return self.t

    def bp_input(self, grad):
        return np.einsum("nd,nd->nd", grad, 1.0 - self.t * self.t)
