"""minibatches drops the last, smaller batch."""
# expect: last, smaller batch
# ruff: noqa: F821, F841, B905, SIM, UP


def minibatches(X, y, batch_size, rng):
    rng = np.random.default_rng(rng)
    order = rng.permutation(len(X))
    for start in range(0, len(X) - batch_size + 1, batch_size):
        index = order[start : start + batch_size]
        yield X[index], y[index]
