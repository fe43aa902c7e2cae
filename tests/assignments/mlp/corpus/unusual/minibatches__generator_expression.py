"""minibatches returning a generator expression over np.array_split of one permutation."""
# ruff: noqa: F821, F841, B905, SIM, UP


def minibatches(X, y, batch_size, rng):
    order = np.random.default_rng(rng).permutation(len(X))
    cuts = range(batch_size, len(X), batch_size)
    return ((X[part].copy(), y[part].copy()) for part in np.split(order, cuts))
