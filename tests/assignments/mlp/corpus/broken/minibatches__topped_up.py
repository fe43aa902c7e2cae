"""minibatches fills the last batch up to batch_size with rows from the start of the epoch."""
# expect: topped up
# ruff: noqa: F821, F841, B905, SIM, UP


def minibatches(X, y, batch_size, rng):
    rng = np.random.default_rng(rng)
    order = rng.permutation(len(X))
    for start in range(0, len(X), batch_size):
        index = order[start : start + batch_size]
        if len(index) < batch_size:
            index = np.concatenate([index, order[: batch_size - len(index)]])
        yield X[index], y[index]
