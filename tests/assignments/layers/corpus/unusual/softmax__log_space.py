"""Softmax computed in log space (x - logsumexp(x)), caching the input and recomputing in backward."""


def _log_softmax(X):
    m = X.max(axis=-1, keepdims=True)
    return X - m - np.log(np.exp(X - m).sum(axis=-1, keepdims=True))


class Softmax:
    def __call__(self, X):
        self.X = X
        return np.exp(_log_softmax(X))

    def bp_input(self, grad):
        p = np.exp(_log_softmax(self.X))
        inner = np.einsum("nc,nc->n", grad, p)[:, None]
        return p * grad - p * inner

    def bp_param(self, grad):
        return {}
