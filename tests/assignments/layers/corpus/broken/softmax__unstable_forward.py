"""Softmax.__call__ exponentiates without subtracting the row maximum (overflows at large logits)."""
# expect: Verified cause: overflow in exp


class Softmax(Softmax):
    def __call__(self, X):
        e = np.exp(X)
        self.Y = e / e.sum(axis=1, keepdims=True)
        return self.Y
