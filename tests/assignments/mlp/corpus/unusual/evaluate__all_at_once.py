"""evaluate with np.count_nonzero and a while loop, returning a numpy float."""
# ruff: noqa: F821, F841, B905, SIM, UP


def evaluate(network, X, y, batch_size=1000):
    hits, start = 0, 0
    while start < len(X):
        stop = min(start + batch_size, len(X))
        hits += np.count_nonzero(network(X[start:stop]).argmax(-1) == y[start:stop])
        start = stop
    return np.float64(hits) / X.shape[0]
